"""Keeps the type-derived indexes of the database equal to the metamodel's plan.

:func:`render_create_index` is the one place a label or relationship type name enters statement text:
Neo4j 5.26 takes no parameters in schema statements, so names are checked (``IndexSpec`` accepts only
plain identifiers) and back-quoted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import LiteralString

from graphrepo.store._schema_spec import TYPE_INDEX_PREFIX, IndexKind, IndexSpec, IndexTarget
from graphrepo.store.neo4j._client import Neo4jClient
from graphrepo.store.neo4j._queries import trusted_query

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SchemaChange:
    created: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def render_create_index(spec: IndexSpec) -> LiteralString:
    """``CREATE <kind> INDEX ... IF NOT EXISTS`` for one spec (names validated by ``IndexSpec``)."""
    kind = "TEXT" if spec.kind is IndexKind.TEXT else "RANGE"
    pattern = f"(x:`{spec.token}`)" if spec.target is IndexTarget.NODE else f"()-[x:`{spec.token}`]-()"
    text = f"CREATE {kind} INDEX `{spec.name}` IF NOT EXISTS FOR {pattern} ON (x.`{spec.attribute}`)"
    return trusted_query(text)


def render_drop_index(name: str) -> LiteralString:
    if not name.startswith(TYPE_INDEX_PREFIX) or "`" in name:
        raise ValueError(f"{name!r} is not a type-derived index name")
    return trusted_query(f"DROP INDEX `{name}` IF EXISTS")


def type_index_names(client: Neo4jClient) -> set[str]:
    return {record["name"] for record in client.read("type_index_names", prefix=TYPE_INDEX_PREFIX)}


def apply_indexes(
    client: Neo4jClient,
    specs: Iterable[IndexSpec],
    *,
    drop_obsolete: bool = True,
    progress: Callable[[int, int], None] | None = None,
    await_seconds: int = 300,
) -> SchemaChange:
    """Create the missing indexes (and drop type-derived ones no longer planned), then wait until every
    index is online. Safe to run again at any point."""
    wanted = {spec.name: spec for spec in specs}
    present = type_index_names(client)
    change = SchemaChange()
    missing = [wanted[name] for name in sorted(wanted.keys() - present)]
    for done, spec in enumerate(missing, start=1):
        client.run_schema("create index", render_create_index(spec))
        change.created.append(spec.name)
        if progress:
            progress(done, len(missing))
    if drop_obsolete:
        for name in sorted(present - wanted.keys()):
            client.run_schema("drop index", render_drop_index(name))
            change.dropped.append(name)
    if change.created:
        client.write("await_indexes", timeoutSeconds=await_seconds)
    if change.created or change.dropped:
        log.info("schema: %d indexes created, %d dropped", len(change.created), len(change.dropped))
    return change
