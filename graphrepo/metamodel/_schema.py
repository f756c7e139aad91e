"""The Neo4j schema the types call for: which index serves which attribute of which type.

This module decides *what* to index; ``graphrepo.store.neo4j`` renders a :class:`SchemaPlan` into
``CREATE ... INDEX`` statements and keeps the database equal to it. The rules:

* An attribute that is ``unique`` or ``indexable`` gets one index, on the type that *introduces* it:
  subtypes carry the supertype labels, so ``(:Referenceable).qualifiedName`` serves a search of
  ``GlossaryTerm`` too (the query names the introducing label and filters by the subtype's label).
  Relationships have exactly one Neo4j type, so their inherited attributes are indexed per concrete type.
* Strings get a TEXT index (equality, prefix, suffix and contains are index-backed, and values up to about
  32 kB are accepted; a RANGE index would fail the write of a string over about 8 kB). Numbers, booleans,
  dates and enums (stored by symbolic name) get a RANGE index (equality, ranges, ordering).
* Collections, maps and structs are not indexed by attribute; string searches across all attributes use
  the structural search-text indexes that migrations create.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from graphrepo.omrs import (
    AttributeTypeDefCategory,
    PrimitiveDef,
    PrimitiveDefCategory,
    TypeDef,
    TypeDefAttribute,
    TypeDefCategory,
)
from graphrepo.store import IndexKind, IndexSpec, IndexTarget

_STRING_CATEGORIES = frozenset(
    {PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING, PrimitiveDefCategory.OM_PRIMITIVE_TYPE_CHAR}
)
# Values Neo4j can hold in a RANGE index without surprises (BigInteger/BigDecimal are kept as strings).
_RANGE_CATEGORIES = frozenset(
    {
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BOOLEAN,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BYTE,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_SHORT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_INT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_LONG,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_FLOAT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DOUBLE,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DATE,
    }
)


class TypeSource(Protocol):
    """What the plan needs of the type gallery."""

    def type_defs(self) -> Iterable[TypeDef]: ...

    def attributes(self, name: str) -> dict[str, TypeDefAttribute]: ...


@dataclass(frozen=True, slots=True)
class SchemaPlan:
    """Every type-derived index, and which one serves an attribute as seen from a type."""

    indexes: tuple[IndexSpec, ...]
    # (type name, attribute name) -> the index that serves it, for every type that has the attribute.
    serving: dict[tuple[str, str], IndexSpec]

    def index_for(self, type_name: str, attribute: str) -> IndexSpec | None:
        return self.serving.get((type_name, attribute))

    def __iter__(self) -> Iterator[IndexSpec]:
        return iter(self.indexes)


def plan_schema(types: TypeSource) -> SchemaPlan:
    """The indexes the gallery's current types call for (deterministic: same types, same plan)."""
    indexes: dict[str, IndexSpec] = {}
    serving: dict[tuple[str, str], IndexSpec] = {}
    type_defs = {type_def.name: type_def for type_def in types.type_defs() if type_def.name}
    for name, type_def in type_defs.items():
        for attribute_name, attribute in types.attributes(name).items():
            kind = _index_kind(attribute)
            if kind is None:
                continue
            if type_def.category is TypeDefCategory.RELATIONSHIP_DEF:
                target, token = IndexTarget.RELATIONSHIP, name
            else:
                target, token = IndexTarget.NODE, _introducing_type(name, attribute_name, type_defs)
            index = IndexSpec.for_attribute(kind, target, token, attribute_name)
            indexes.setdefault(index.name, index)
            serving[(name, attribute_name)] = index
    return SchemaPlan(indexes=tuple(sorted(indexes.values())), serving=serving)


def _index_kind(attribute: TypeDefAttribute) -> IndexKind | None:
    if not (attribute.unique or attribute.indexable):
        return None
    attribute_type = attribute.attribute_type
    if attribute_type is None:
        return None
    if attribute_type.category is AttributeTypeDefCategory.ENUM_DEF:
        return IndexKind.RANGE
    if isinstance(attribute_type, PrimitiveDef):
        if attribute_type.primitive_def_category in _STRING_CATEGORIES:
            return IndexKind.TEXT
        if attribute_type.primitive_def_category in _RANGE_CATEGORIES:
            return IndexKind.RANGE
    return None


def _introducing_type(type_name: str, attribute_name: str, type_defs: dict[str, TypeDef]) -> str:
    """The highest type in ``type_name``'s supertype chain that declares ``attribute_name``."""
    introducing = type_name
    current: TypeDef | None = type_defs.get(type_name)
    while current is not None:
        if any(a.attribute_name == attribute_name for a in current.properties_definition):
            introducing = current.name or introducing
        parent = current.super_type.name if current.super_type else None
        current = type_defs.get(parent) if parent else None
    return introducing


def schema_follower(
    types: TypeSource, apply: Callable[[Iterable[IndexSpec]], object]
) -> Callable[[object], None]:
    """A TypeDef-change listener that re-plans the schema from the whole gallery and hands it to ``apply``
    (for Neo4j: ``functools.partial(apply_indexes, client)``), so a type added, patched or deleted at run
    time gets, or loses, its indexes. Re-planning is cheap (tens of milliseconds) and ``apply`` creates
    only what is missing, so the listener need not know what the change was."""

    def follow(_change: object) -> None:
        apply(plan_schema(types).indexes)

    return follow
