"""The Neo4j schema the types call for: which index serves which attribute of which type.

This module decides *what* to index; ``graphrepo.store.neo4j`` renders a :class:`SchemaPlan` into
``CREATE ... INDEX`` statements and keeps the database equal to it. The rules:

* An attribute that is ``unique`` or ``indexable`` gets one index, on the type that *introduces* it:
  subtypes carry the supertype labels, so ``(:Referenceable).qualifiedName`` serves a search of
  ``GlossaryTerm`` too (the query names the introducing label and filters by the subtype's label).
  Relationships have exactly one Neo4j type, so their inherited attributes are indexed per concrete type.
* Every indexed attribute gets a RANGE index, strings included: equality, ``IN``, ``STARTS WITH``, ranges
  and ordering are index-backed, and a RANGE entry costs about as much to write as no index at all (a
  TEXT (Lucene) index cost some 8 ms per written property on the reference box, and entities write 5-10
  indexed strings). ``CONTAINS`` and ``ENDS WITH`` are served by the one TEXT index per root label on the
  instance's search text (migration 0002) instead. RANGE keys are limited to about 8 kB, so the Neo4j
  store writes a long string's projection truncated and flags the instance (``_longValues``).
* Numbers, booleans, dates and enums (stored by symbolic name) too; BigInteger and BigDecimal are not
  indexed (their projection may be a string, which would not order as the number does).
* Collections, maps and structs are not indexed by attribute; string searches across all attributes use
  the structural search-text indexes that migrations create.

:class:`CurrentSchema` holds the plan of the current types for searches (``index_for`` reads it, nothing
re-plans per search); :func:`schema_follower` refreshes it when a type changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
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
# Values Neo4j holds in a RANGE index as the evaluator compares them (BigInteger/BigDecimal may be kept as
# strings, which would not order as numbers; strings over the key limit are truncated by the store).
_RANGE_CATEGORIES = _STRING_CATEGORIES | frozenset(
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

    def attributes(self, name: str) -> Mapping[str, TypeDefAttribute]: ...


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


_EMPTY_PLAN = SchemaPlan(indexes=(), serving={})


class CurrentSchema:
    """The plan of the current types, for searches: :meth:`index_for` reads the cached plan (one dict
    read), :meth:`update` replaces it (:func:`schema_follower` does so on every TypeDef change). Give
    ``current.index_for`` to the Neo4j instance store (``Neo4jInstanceStore(client, index_for=...)``)."""

    __slots__ = ("_plan",)

    def __init__(self, plan: SchemaPlan | None = None) -> None:
        self._plan = plan if plan is not None else _EMPTY_PLAN

    @property
    def plan(self) -> SchemaPlan:
        return self._plan

    def update(self, plan: SchemaPlan) -> None:
        self._plan = plan  # one reference assignment: a concurrent search sees the old or the new plan

    def index_for(self, type_name: str, attribute: str) -> IndexSpec | None:
        return self._plan.index_for(type_name, attribute)


def plan_schema(types: TypeSource) -> SchemaPlan:
    """The indexes the gallery's current types call for (deterministic: same types, same plan)."""
    indexes: dict[str, IndexSpec] = {}
    serving: dict[tuple[str, str], IndexSpec] = {}
    type_defs = {type_def.name: type_def for type_def in types.type_defs() if type_def.name}
    for name, type_def in type_defs.items():
        for attribute_name, attribute in types.attributes(name).items():
            if not _indexed(attribute):
                continue
            if type_def.category is TypeDefCategory.RELATIONSHIP_DEF:
                target, token = IndexTarget.RELATIONSHIP, name
            else:
                target, token = IndexTarget.NODE, _introducing_type(name, attribute_name, type_defs)
            index = IndexSpec.for_attribute(IndexKind.RANGE, target, token, attribute_name)
            indexes.setdefault(index.name, index)
            serving[(name, attribute_name)] = index
    return SchemaPlan(indexes=tuple(sorted(indexes.values())), serving=serving)


def _indexed(attribute: TypeDefAttribute) -> bool:
    if not (attribute.unique or attribute.indexable):
        return False
    attribute_type = attribute.attribute_type
    if attribute_type is None:
        return False
    if attribute_type.category is AttributeTypeDefCategory.ENUM_DEF:
        return True
    return isinstance(attribute_type, PrimitiveDef) and (
        attribute_type.primitive_def_category in _RANGE_CATEGORIES
    )


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
    types: TypeSource,
    apply: Callable[[Iterable[IndexSpec]], object],
    *,
    current: CurrentSchema | None = None,
) -> Callable[[object], None]:
    """A TypeDef-change listener that re-plans the schema from the whole gallery and hands it to ``apply``
    (for Neo4j: ``functools.partial(apply_indexes, client)``), so a type added, patched or deleted at run
    time gets, or loses, its indexes. Re-planning is cheap (tens of milliseconds) and ``apply`` creates
    only what is missing, so the listener need not know what the change was.

    With ``current``, the new plan is stored there *after* ``apply`` returns (it waits until the indexes
    are online), so searches never name an index that does not exist yet; an index that is dropped stops
    being used slightly late, which only costs a plan without it."""

    def follow(_change: object) -> None:
        plan = plan_schema(types)
        apply(plan.indexes)
        if current is not None:
            current.update(plan)

    return follow
