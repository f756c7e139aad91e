"""TypeDef and AttributeTypeDef beans (Java package ``properties.typedefs``, omrs-reference.md §4).

Field names, defaults and null-for-empty behaviour follow the 5.4 Java getters. Primitive Java fields
(``long version``, ``boolean multiLink``, ``int valuesMaxCount`` ...) are always written, with Java's
initial values as defaults; object fields default to ``None`` and are then omitted.
Only ``TypeDef`` and ``AttributeTypeDef`` subclasses are polymorphic (carry ``"class"``); the rest
(``TypeDefLink``, ``TypeDefAttribute``, ``TypeDefPatch``, ``TypeDefGallery`` ...) are plain beans.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final

from pydantic import Field, Tag, TypeAdapter

from ._base import EpochMillis, OmitEmptyList, OmitEmptyMap, TaggedModel, WireModel, class_discriminator
from ._enums import (
    AttributeCardinality,
    AttributeTypeDefCategory,
    ClassificationPropagationRule,
    CollectionDefCategory,
    InstanceStatus,
    PrimitiveDefCategory,
    RelationshipEndCardinality,
    TypeDefAttributeStatus,
    TypeDefCategory,
    TypeDefStatus,
)

__all__ = [
    "ATTRIBUTE_TYPE_DEF_ADAPTER",
    "TYPE_DEF_ADAPTER",
    "AnyAttributeTypeDef",
    "AnyTypeDef",
    "AttributeTypeDef",
    "ClassificationDef",
    "CollectionDef",
    "EntityDef",
    "EnumDef",
    "EnumElementDef",
    "ExternalStandardMapping",
    "PrimitiveDef",
    "RelationshipDef",
    "RelationshipEndDef",
    "TypeDef",
    "TypeDefAttribute",
    "TypeDefElementHeader",
    "TypeDefGallery",
    "TypeDefLink",
    "TypeDefPatch",
    "TypeDefProperties",
    "TypeDefSummary",
]


class TypeDefElementHeader(WireModel):
    """``TypeDefElementHeader``: every typedef bean carries ``headerVersion`` (1)."""

    header_version: int = 1


class ExternalStandardMapping(TypeDefElementHeader):
    """Maps a type or attribute to an external standard."""

    standard_name: str | None = None
    standard_organization: str | None = None
    standard_type_name: str | None = None


class TypeDefLink(TypeDefElementHeader):
    """A reference to a TypeDef by GUID and name (``superType``, ``entityType``, ``validEntityDefs``)."""

    guid: str | None = Field(default=None, alias="guid")
    name: str | None = None
    status: TypeDefStatus | None = None
    replaced_by_type_guid: str | None = Field(default=None, alias="replacedByTypeGUID")
    replaced_by_type_name: str | None = None


class TypeDefSummary(TypeDefLink):
    """A TypeDefLink plus category and version: what ``verifyTypeDef`` and registry events exchange."""

    category: TypeDefCategory = TypeDefCategory.UNKNOWN_DEF
    version: int = 0
    version_name: str | None = None


# --- attribute types ------------------------------------------------------------------------------


class AttributeTypeDef(TaggedModel, TypeDefElementHeader):
    """Abstract base of the attribute types; parse through :data:`AnyAttributeTypeDef`."""

    version: int = 0
    version_name: str | None = None
    category: AttributeTypeDefCategory | None = None
    guid: str | None = Field(default=None, alias="guid")
    name: str | None = None
    description: str | None = None
    description_guid: str | None = Field(default=None, alias="descriptionGUID")
    description_wiki: str | None = None


class PrimitiveDef(AttributeTypeDef):
    """A primitive attribute type (``string``, ``int``, ``date`` ...)."""

    wire_class: ClassVar[str] = "PrimitiveDef"

    category: AttributeTypeDefCategory | None = AttributeTypeDefCategory.PRIMITIVE
    primitive_def_category: PrimitiveDefCategory | None = None

    @classmethod
    def for_category(cls, category: PrimitiveDefCategory) -> PrimitiveDef:
        """The standard ``PrimitiveDef`` Egeria's archive defines for ``category``."""
        return cls(
            version=1,
            version_name="1.0",
            guid=category.type_guid,
            name=category.type_name,
            primitive_def_category=category,
        )


class CollectionDef(AttributeTypeDef):
    """A collection attribute type (``array<string>``, ``map<string,string>``)."""

    wire_class: ClassVar[str] = "CollectionDef"

    category: AttributeTypeDefCategory | None = AttributeTypeDefCategory.COLLECTION
    collection_def_category: CollectionDefCategory | None = None
    argument_count: int = 0
    argument_types: OmitEmptyList[PrimitiveDefCategory] = []


class EnumElementDef(TypeDefElementHeader):
    """One valid value of an EnumDef. Java's initial ordinal is 99, so an unset ordinal is written as 99."""

    ordinal: int = 99
    value: str | None = None
    description: str | None = None
    description_guid: str | None = Field(default=None, alias="descriptionGUID")


class EnumDef(AttributeTypeDef):
    """An enumeration attribute type; instances hold an ``EnumPropertyValue``."""

    wire_class: ClassVar[str] = "EnumDef"

    category: AttributeTypeDefCategory | None = AttributeTypeDefCategory.ENUM_DEF
    element_defs: OmitEmptyList[EnumElementDef] = []
    default_value: EnumElementDef | None = None

    def element(self, symbolic_name: str) -> EnumElementDef | None:
        """The element whose ``value`` is ``symbolic_name``, if any."""
        return next((e for e in self.element_defs if e.value == symbolic_name), None)


AnyAttributeTypeDef = Annotated[
    Annotated[PrimitiveDef, Tag("PrimitiveDef")]
    | Annotated[CollectionDef, Tag("CollectionDef")]
    | Annotated[EnumDef, Tag("EnumDef")],
    class_discriminator("AttributeTypeDef", PrimitiveDef, CollectionDef, EnumDef),
]
"""A field declared ``AttributeTypeDef`` in Java: one of the three concrete classes, chosen by ``class``."""


# --- attributes and ends ---------------------------------------------------------------------------


class TypeDefAttribute(TypeDefElementHeader):
    """One property of a TypeDef; ``isUnique()``/``isIndexable()`` give JSON ``unique``/``indexable``."""

    attribute_name: str | None = None
    attribute_type: AnyAttributeTypeDef | None = None
    attribute_status: TypeDefAttributeStatus | None = None
    replaced_by_attribute: str | None = None
    attribute_description: str | None = None
    attribute_description_guid: str | None = Field(default=None, alias="attributeDescriptionGUID")
    attribute_cardinality: AttributeCardinality = AttributeCardinality.UNKNOWN
    values_min_count: int = 0
    values_max_count: int = 1
    unique: bool = False
    indexable: bool = True
    default_value: str | None = None
    external_standard_mappings: OmitEmptyList[ExternalStandardMapping] = []


class RelationshipEndDef(TypeDefElementHeader):
    """One end of a RelationshipDef."""

    entity_type: TypeDefLink | None = None
    attribute_name: str | None = None
    attribute_description: str | None = None
    attribute_description_guid: str | None = Field(default=None, alias="attributeDescriptionGUID")
    attribute_cardinality: RelationshipEndCardinality = RelationshipEndCardinality.UNKNOWN


# --- type definitions ------------------------------------------------------------------------------


class TypeDef(TaggedModel, TypeDefSummary):
    """Abstract base of the three TypeDef kinds; parse through :data:`AnyTypeDef`.

    ``propertiesDefinition`` holds only the attributes this type adds; inherited ones are found by walking
    ``superType``."""

    super_type: TypeDefLink | None = None
    description: str | None = None
    description_guid: str | None = Field(default=None, alias="descriptionGUID")
    description_wiki: str | None = None
    origin: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    create_time: EpochMillis | None = None
    update_time: EpochMillis | None = None
    options: OmitEmptyMap[str] = {}
    external_standard_mappings: OmitEmptyList[ExternalStandardMapping] = []
    valid_instance_status_list: OmitEmptyList[InstanceStatus] = []
    initial_status: InstanceStatus | None = None
    properties_definition: OmitEmptyList[TypeDefAttribute] = []


class EntityDef(TypeDef):
    """The type of an entity."""

    wire_class: ClassVar[str] = "EntityDef"

    category: TypeDefCategory = TypeDefCategory.ENTITY_DEF


class RelationshipDef(TypeDef):
    """The type of a relationship. Java's ``getMultiLink()`` makes the JSON name ``multiLink``."""

    wire_class: ClassVar[str] = "RelationshipDef"

    category: TypeDefCategory = TypeDefCategory.RELATIONSHIP_DEF
    propagation_rule: ClassificationPropagationRule = ClassificationPropagationRule.NONE
    end_def1: RelationshipEndDef | None = Field(default=None, alias="endDef1")
    end_def2: RelationshipEndDef | None = Field(default=None, alias="endDef2")
    multi_link: bool = False


class ClassificationDef(TypeDef):
    """The type of a classification. ``isPropagatable()`` makes the JSON name ``propagatable``."""

    wire_class: ClassVar[str] = "ClassificationDef"

    category: TypeDefCategory = TypeDefCategory.CLASSIFICATION_DEF
    valid_entity_defs: OmitEmptyList[TypeDefLink] = []
    propagatable: bool = False


AnyTypeDef = Annotated[
    Annotated[EntityDef, Tag("EntityDef")]
    | Annotated[RelationshipDef, Tag("RelationshipDef")]
    | Annotated[ClassificationDef, Tag("ClassificationDef")],
    class_discriminator("TypeDef", EntityDef, RelationshipDef, ClassificationDef),
]
"""A field declared ``TypeDef`` in Java: one of the three concrete classes, chosen by ``class``."""


# --- patches, galleries ----------------------------------------------------------------------------


class TypeDefPatch(TypeDefElementHeader):
    """A change to an existing TypeDef. Unlike its neighbours, ``getValidEntityDefs()`` returns the list
    as it is, so an empty ``validEntityDefs`` is written as ``[]``."""

    type_def_guid: str | None = Field(default=None, alias="typeDefGUID")
    type_def_name: str | None = None
    type_def_status: TypeDefStatus | None = None
    apply_to_version: int = 0
    update_to_version: int = 0
    new_version_name: str | None = None
    updated_by: str | None = None
    update_time: EpochMillis | None = None
    description: str | None = None
    description_guid: str | None = Field(default=None, alias="descriptionGUID")
    super_type: TypeDefLink | None = None
    property_definitions: OmitEmptyList[TypeDefAttribute] = []
    type_def_options: OmitEmptyMap[str] = {}
    external_standard_mappings: OmitEmptyList[ExternalStandardMapping] = []
    valid_instance_status_list: OmitEmptyList[InstanceStatus] = []
    initial_status: InstanceStatus | None = None
    valid_entity_defs: list[TypeDefLink] | None = None
    end_def1: RelationshipEndDef | None = Field(default=None, alias="endDef1")
    end_def2: RelationshipEndDef | None = Field(default=None, alias="endDef2")
    update_multi_link: bool = False
    multi_link: bool = False


class TypeDefGallery(TypeDefElementHeader):
    """All the types a repository supports (``getAllTypes``)."""

    attribute_type_defs: OmitEmptyList[AnyAttributeTypeDef] = []
    type_defs: OmitEmptyList[AnyTypeDef] = []


class TypeDefProperties(TypeDefElementHeader):
    """Property name to value map used by ``findTypeDefsByProperty`` (values are opaque here)."""

    type_def_properties: OmitEmptyMap[Any] = {}


TYPE_DEF_ADAPTER: Final[TypeAdapter[AnyTypeDef]] = TypeAdapter(AnyTypeDef)
ATTRIBUTE_TYPE_DEF_ADAPTER: Final[TypeAdapter[AnyAttributeTypeDef]] = TypeAdapter(AnyAttributeTypeDef)
