"""The storage port for the type system: TypeDefs added or changed at run time, kept across restarts.

The open metadata archive is loaded at every start; a store keeps only what differs from it (types added
through addTypeDef/addTypeDefGallery, new versions from updateTypeDef, re-identified types), so a restart
rebuilds exactly the gallery that was in force. Each type is kept as its Egeria JSON document, which is
the one lossless form (the wire model owns it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class TypeKind(StrEnum):
    """Which family a stored document belongs to (TypeDefs and AttributeTypeDefs have separate GUIDs)."""

    TYPE_DEF = "TypeDef"
    ATTRIBUTE_TYPE_DEF = "AttributeTypeDef"


@dataclass(frozen=True, slots=True)
class StoredType:
    """One type as the store keeps it: its identity plus the exact Egeria JSON document."""

    kind: TypeKind
    guid: str
    name: str
    version: int
    document: dict[str, Any] = field(compare=False)


class TypeStore(Protocol):
    """Persistence of run-time types. Implementations: memory (per process) and Neo4j."""

    def load_types(self) -> list[StoredType]:
        """Every stored type, in the order they were first saved (so dependencies come first)."""
        ...

    def save_type(self, stored: StoredType) -> None:
        """Insert or replace the type with this kind and GUID."""
        ...

    def delete_type(self, kind: TypeKind, guid: str) -> None:
        """Remove the type with this kind and GUID; removing an absent one is not an error."""
        ...

    def replace_type(self, kind: TypeKind, old_guid: str, stored: StoredType) -> None:
        """Atomically remove ``old_guid`` and save ``stored`` (re-identify a type)."""
        ...

    def count_instances_of(self, type_name: str) -> int:
        """How many instances (entities, relationships or classifications, in any status) have exactly
        this type; a type in use must not be deleted."""
        ...
