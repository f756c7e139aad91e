"""The one way a label, relationship type or property name enters Cypher text in the instance store.

Neo4j 5.26 cannot use an index when a label is given as a parameter in MATCH (dynamic labels ``$(...)``
are planned without index seeks), so searches that must hit a type-derived index name the label and
the attribute in the query text. Such names come from TypeDefs; :func:`quote_name` accepts only plain
identifiers and back-quotes them, so nothing a caller sends can change the query's structure. Writes use
dynamic labels and types (``SET n:$($labels)``, ``CREATE (a)-[r:$($type)]->(b)``) and need no text.
"""

from __future__ import annotations

import re
from typing import LiteralString

from graphrepo.store.neo4j._queries import trusted_query

__all__ = ["quote_name"]

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def quote_name(name: str) -> LiteralString:
    """`` `name` `` for a plain identifier (a letter, then letters, digits or ``_``); ``ValueError``
    for anything else."""
    if not isinstance(name, str) or _PLAIN.fullmatch(name) is None:
        raise ValueError(f"{name!r} cannot name a Neo4j label, relationship type or property")
    return trusted_query(f"`{name}`")
