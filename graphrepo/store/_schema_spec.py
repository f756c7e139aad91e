"""What a store is asked to index: one property of one label or relationship type (the metamodel decides
which; a store decides how)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

# Identifiers rendered into schema statements must be plain; Egeria type and attribute names always are.
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
TYPE_INDEX_PREFIX = "graphrepo_t_"


class IndexKind(StrEnum):
    RANGE = "RANGE"
    TEXT = "TEXT"


class IndexTarget(StrEnum):
    NODE = "node"
    RELATIONSHIP = "relationship"


@dataclass(frozen=True, slots=True, order=True)
class IndexSpec:
    """An index on nodes labelled ``token`` (or relationships of type ``token``), property ``attribute``."""

    name: str
    kind: IndexKind
    target: IndexTarget
    token: str
    attribute: str

    @classmethod
    def for_attribute(cls, kind: IndexKind, target: IndexTarget, token: str, attribute: str) -> IndexSpec:
        """The type-derived index of this attribute, with its deterministic name."""
        for identifier in (token, attribute):
            if not _IDENTIFIER.match(identifier):
                raise ValueError(f"{identifier!r} cannot name a Neo4j label, relationship type or property")
        name = f"{TYPE_INDEX_PREFIX}{token}_{attribute}_{kind.value.lower()}"
        return cls(name=name, kind=kind, target=target, token=token, attribute=attribute)
