"""The TypeGallery: every known TypeDef and AttributeTypeDef with the indexes that writes read.

Every write validates against the types, so everything a validation needs is computed once, when the set
of types changes, and each question is then one dict read: the lineage of a type, its subtypes, its full
attribute map (own plus inherited), the entity types each relationship end and each classification accepts
(subtypes included), the valid statuses.

The indexes live in an immutable snapshot; a change builds a new snapshot and swaps one reference
(:meth:`TypeGallery.replace`), so readers never lock and never see half an update, and everybody can keep
the same ``TypeGallery`` object for the life of the process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, TypeVar

from graphrepo.metamodel._archive import ProgressCallback
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeCardinality,
    ClassificationDef,
    EntityDef,
    InstanceStatus,
    RelationshipDef,
    RelationshipEndDef,
    TypeDefAttribute,
    TypeDefCategory,
)

__all__ = ["ABSTRACT_OPTION", "TypeGallery", "UnknownTypeError"]

ABSTRACT_OPTION: Final = "abstract"
"""TypeDef option (``options: {"abstract": "true"}``) marking a type that cannot have instances.

Egeria 5.x has no abstract types (none of the open types sets this); graphrepo honours the option for types
added at run time."""

_EMPTY: Final[frozenset[str]] = frozenset()
_T = TypeVar("_T")


class UnknownTypeError(KeyError):
    """A derived query (lineage, attributes, ...) named a type the gallery does not hold.

    The OMRS operations check types first and raise the OMRS exception; this is a caller's logic error."""


@dataclass(frozen=True, slots=True)
class _Snapshot:
    type_defs: Mapping[str, AnyTypeDef]  # by GUID, in load order
    type_defs_by_name: Mapping[str, AnyTypeDef]
    attribute_type_defs: Mapping[str, AnyAttributeTypeDef]  # by GUID, in load order
    attribute_type_defs_by_name: Mapping[str, AnyAttributeTypeDef]
    lineage: Mapping[str, tuple[str, ...]]
    supertypes: Mapping[str, frozenset[str]]
    subtypes: Mapping[str, frozenset[str]]
    attributes: Mapping[str, Mapping[str, TypeDefAttribute]]
    mandatory: Mapping[str, tuple[TypeDefAttribute, ...]]
    statuses: Mapping[str, tuple[InstanceStatus, ...]]
    initial_status: Mapping[str, InstanceStatus | None]
    end_types: Mapping[str, tuple[frozenset[str], frozenset[str]]]
    classification_entities: Mapping[str, frozenset[str]]
    entity_names: frozenset[str]
    relationship_names: frozenset[str]
    classification_names: frozenset[str]
    abstract: frozenset[str]


class TypeGallery:
    """The types this repository knows. Lookups return ``None`` for an unknown type; derived queries
    (``lineage``, ``attributes``, ...) raise :class:`UnknownTypeError`."""

    def __init__(
        self,
        type_defs: Iterable[AnyTypeDef] = (),
        attribute_type_defs: Iterable[AnyAttributeTypeDef] = (),
        *,
        progress: ProgressCallback | None = None,
    ) -> None:
        self._snapshot = _build(list(type_defs), list(attribute_type_defs), progress)
        self._generation = 0

    def replace(
        self, type_defs: Iterable[AnyTypeDef], attribute_type_defs: Iterable[AnyAttributeTypeDef]
    ) -> None:
        """Swap in a new set of types (built completely before it becomes visible)."""
        self._snapshot = _build(list(type_defs), list(attribute_type_defs), None)
        self._generation += 1

    @property
    def generation(self) -> int:
        """Increases on every :meth:`replace`, so derived caches (schema, ...) know when to rebuild."""
        return self._generation

    # --- lookups ------------------------------------------------------------------------------------------

    def type_def_by_name(self, name: str) -> AnyTypeDef | None:
        return self._snapshot.type_defs_by_name.get(name)

    def type_def_by_guid(self, guid: str) -> AnyTypeDef | None:
        return self._snapshot.type_defs.get(guid)

    def attribute_type_def_by_name(self, name: str) -> AnyAttributeTypeDef | None:
        return self._snapshot.attribute_type_defs_by_name.get(name)

    def attribute_type_def_by_guid(self, guid: str) -> AnyAttributeTypeDef | None:
        return self._snapshot.attribute_type_defs.get(guid)

    def type_defs(self) -> tuple[AnyTypeDef, ...]:
        """Every TypeDef, in load order (archive order, then types added at run time)."""
        return tuple(self._snapshot.type_defs.values())

    def attribute_type_defs(self) -> tuple[AnyAttributeTypeDef, ...]:
        return tuple(self._snapshot.attribute_type_defs.values())

    def __contains__(self, name: object) -> bool:
        return name in self._snapshot.type_defs_by_name

    def __len__(self) -> int:
        return len(self._snapshot.type_defs)

    def entity_type_names(self) -> frozenset[str]:
        return self._snapshot.entity_names

    def relationship_type_names(self) -> frozenset[str]:
        return self._snapshot.relationship_names

    def classification_type_names(self) -> frozenset[str]:
        return self._snapshot.classification_names

    # --- derived ------------------------------------------------------------------------------------------

    def category(self, name: str) -> TypeDefCategory:
        return self._type(name).category

    def is_abstract(self, name: str) -> bool:
        self._type(name)
        return name in self._snapshot.abstract

    def lineage(self, name: str) -> tuple[str, ...]:
        """``name`` then each supertype up to the root (``GlossaryTerm, Referenceable, OpenMetadataRoot``)."""
        return _get(self._snapshot.lineage, name)

    def is_type_of(self, actual: str, expected: str) -> bool:
        """Whether ``actual`` is ``expected`` or one of its subtypes (Egeria's ``isTypeOf``)."""
        return expected in self._snapshot.supertypes.get(actual, _EMPTY)

    def subtypes(self, name: str) -> frozenset[str]:
        """``name`` and every type below it: a search for ``Referenceable`` covers ``GlossaryTerm``."""
        return _get(self._snapshot.subtypes, name)

    def attributes(self, name: str) -> Mapping[str, TypeDefAttribute]:
        """Own then inherited attributes, in Egeria's ``getAllPropertiesForTypeDef`` order (read-only)."""
        return _get(self._snapshot.attributes, name)

    def mandatory_attributes(self, name: str) -> tuple[TypeDefAttribute, ...]:
        """Attributes (own or inherited) that must have a value: ``valuesMinCount`` of 1 or more, or a
        cardinality of ONE_ONLY / AT_LEAST_ONE_*."""
        return _get(self._snapshot.mandatory, name)

    def valid_instance_statuses(self, name: str) -> tuple[InstanceStatus, ...]:
        return _get(self._snapshot.statuses, name)

    def initial_status(self, name: str) -> InstanceStatus | None:
        return _get(self._snapshot.initial_status, name)

    def relationship_end_defs(self, name: str) -> tuple[RelationshipEndDef | None, RelationshipEndDef | None]:
        type_def = self._type(name)
        if not isinstance(type_def, RelationshipDef):
            raise UnknownTypeError(f"{name} is not a RelationshipDef")
        return type_def.end_def1, type_def.end_def2

    def relationship_end_types(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """The entity type names each end accepts: the end's type and all its subtypes."""
        return _get(self._snapshot.end_types, name)

    def classification_entity_types(self, name: str) -> frozenset[str]:
        """The entity types a classification may be attached to: its ``validEntityDefs`` and their subtypes
        (every entity type when the list is empty, as Egeria's ``isValidClassificationForEntity``)."""
        return _get(self._snapshot.classification_entities, name)

    def is_valid_classification_for_entity(self, classification: str, entity_type: str) -> bool:
        return entity_type in self._snapshot.classification_entities.get(classification, _EMPTY)

    def _type(self, name: str) -> AnyTypeDef:
        type_def = self._snapshot.type_defs_by_name.get(name)
        if type_def is None:
            raise UnknownTypeError(name)
        return type_def


def _get(index: Mapping[str, _T], name: str) -> _T:
    try:
        return index[name]
    except KeyError:
        raise UnknownTypeError(name) from None


def _build(
    type_defs: list[AnyTypeDef],
    attribute_type_defs: list[AnyAttributeTypeDef],
    progress: ProgressCallback | None,
) -> _Snapshot:
    by_guid = {t.guid: t for t in type_defs if t.guid is not None and t.name is not None}
    by_name = {t.name: t for t in by_guid.values() if t.name is not None}
    attribute_by_guid = {a.guid: a for a in attribute_type_defs if a.guid is not None and a.name is not None}
    attribute_by_name = {a.name: a for a in attribute_by_guid.values() if a.name is not None}

    lineage: dict[str, tuple[str, ...]] = {}
    for name in by_name:
        lineage[name] = _lineage(name, by_name)
    subtypes: dict[str, set[str]] = {name: set() for name in by_name}
    for name, chain in lineage.items():
        for ancestor in chain:
            subtypes[ancestor].add(name)

    attributes: dict[str, Mapping[str, TypeDefAttribute]] = {}
    total = len(by_name)
    for done, (name, chain) in enumerate(lineage.items(), start=1):
        merged: dict[str, TypeDefAttribute] = {}
        for ancestor in chain:
            for attribute in by_name[ancestor].properties_definition:
                # The subtype's own definition comes first and wins, as in Egeria's accumulated list.
                if attribute.attribute_name is not None and attribute.attribute_name not in merged:
                    merged[attribute.attribute_name] = attribute
        attributes[name] = MappingProxyType(merged)
        if progress is not None:
            progress("index", done, total)

    frozen_subtypes = {name: frozenset(names) for name, names in subtypes.items()}
    entity_names = frozenset(n for n, t in by_name.items() if isinstance(t, EntityDef))
    end_types: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    classification_entities: dict[str, frozenset[str]] = {}
    for name, type_def in by_name.items():
        if isinstance(type_def, RelationshipDef):
            end_types[name] = (
                _end_types(type_def.end_def1, frozen_subtypes),
                _end_types(type_def.end_def2, frozen_subtypes),
            )
        elif isinstance(type_def, ClassificationDef):
            allowed = [link.name for link in type_def.valid_entity_defs if link.name is not None]
            if not type_def.valid_entity_defs:
                classification_entities[name] = entity_names
            else:
                classification_entities[name] = frozenset().union(
                    *(frozen_subtypes.get(entity, _EMPTY) for entity in allowed)
                )

    return _Snapshot(
        type_defs=MappingProxyType(by_guid),
        type_defs_by_name=MappingProxyType(by_name),
        attribute_type_defs=MappingProxyType(attribute_by_guid),
        attribute_type_defs_by_name=MappingProxyType(attribute_by_name),
        lineage=MappingProxyType(lineage),
        supertypes=MappingProxyType({name: frozenset(chain) for name, chain in lineage.items()}),
        subtypes=MappingProxyType(frozen_subtypes),
        attributes=MappingProxyType(attributes),
        mandatory=MappingProxyType(
            {n: tuple(a for a in merged.values() if _is_mandatory(a)) for n, merged in attributes.items()}
        ),
        statuses=MappingProxyType({n: tuple(t.valid_instance_status_list) for n, t in by_name.items()}),
        initial_status=MappingProxyType({n: t.initial_status for n, t in by_name.items()}),
        end_types=MappingProxyType(end_types),
        classification_entities=MappingProxyType(classification_entities),
        entity_names=entity_names,
        relationship_names=frozenset(n for n, t in by_name.items() if isinstance(t, RelationshipDef)),
        classification_names=frozenset(n for n, t in by_name.items() if isinstance(t, ClassificationDef)),
        abstract=frozenset(
            n for n, t in by_name.items() if str(t.options.get(ABSTRACT_OPTION, "")).lower() == "true"
        ),
    )


_MANDATORY_CARDINALITIES: Final = frozenset(
    {
        AttributeCardinality.ONE_ONLY,
        AttributeCardinality.AT_LEAST_ONE_ORDERED,
        AttributeCardinality.AT_LEAST_ONE_UNORDERED,
    }
)


def _is_mandatory(attribute: TypeDefAttribute) -> bool:
    return attribute.values_min_count >= 1 or attribute.attribute_cardinality in _MANDATORY_CARDINALITIES


def _lineage(name: str, by_name: Mapping[str, AnyTypeDef]) -> tuple[str, ...]:
    chain = [name]
    link = by_name[name].super_type
    # A supertype missing from the gallery ends the chain (Egeria logs it); a cycle cannot come from a valid
    # archive, but a bad run-time type must not hang every write.
    while link is not None and link.name is not None and link.name in by_name and link.name not in chain:
        chain.append(link.name)
        link = by_name[link.name].super_type
    return tuple(chain)


def _end_types(end: RelationshipEndDef | None, subtypes: Mapping[str, frozenset[str]]) -> frozenset[str]:
    if end is None or end.entity_type is None or end.entity_type.name is None:
        return _EMPTY
    return subtypes.get(end.entity_type.name, _EMPTY)
