"""Instance beans: the audit-header hierarchy, entities, relationships, classifications (reference §3).

Java hierarchy (every class here is polymorphic and carries ``"class"``)::

    InstanceElementHeader
    ├─ InstanceType, InstanceProperties, InstancePropertyValue (see _properties), InstanceGraph,
    │  ClassificationEntityExtension
    └─ InstanceAuditHeader                    (abstract)
       ├─ Classification
       └─ InstanceHeader                      (abstract)
          ├─ Relationship
          └─ EntitySummary
             ├─ EntityDetail
             └─ EntityProxy

The property-value beans live in ``_properties`` and are re-exported here, so dependants can import
every instance bean from this module.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final

from pydantic import Field, Tag, TypeAdapter, field_validator
from pydantic_core import PydanticCustomError

from ._base import OMIT_EMPTY, EpochMillis, OmitEmptyList, OmitEmptyMap, class_discriminator
from ._enums import ClassificationOrigin, InstanceProvenanceType, InstanceStatus, TypeDefCategory
from ._properties import (
    INSTANCE_PROPERTY_VALUE_ADAPTER,
    AnyInstancePropertyValue,
    ArrayPropertyValue,
    EnumPropertyValue,
    InstanceElementHeader,
    InstanceProperties,
    InstancePropertyValue,
    MapPropertyValue,
    PrimitivePropertyValue,
    StructPropertyValue,
)
from ._typedefs import TypeDefLink

__all__ = [
    "ENTITY_SUMMARY_ADAPTER",
    "INSTANCE_PROPERTY_VALUE_ADAPTER",
    "AnyEntitySummary",
    "AnyInstancePropertyValue",
    "ArrayPropertyValue",
    "Classification",
    "ClassificationEntityExtension",
    "EntityDetail",
    "EntityProxy",
    "EntitySummary",
    "EnumPropertyValue",
    "InstanceAuditHeader",
    "InstanceElementHeader",
    "InstanceGraph",
    "InstanceHeader",
    "InstanceProperties",
    "InstancePropertyValue",
    "InstanceType",
    "MapPropertyValue",
    "PrimitivePropertyValue",
    "Relationship",
    "StructPropertyValue",
]

# A properties field whose Java getter returns null when the InstanceProperties holds nothing.
_OmittableProperties = Annotated[InstanceProperties | None, OMIT_EMPTY]


class InstanceType(InstanceElementHeader):
    """The type of an instance. The five ``typeDef*``/``valid*`` fields below ``typeDefVersion`` were
    dropped in 4.0; they are read from older peers and written back only when set."""

    wire_class: ClassVar[str] = "InstanceType"

    type_def_category: TypeDefCategory = TypeDefCategory.UNKNOWN_DEF
    type_def_guid: str | None = Field(default=None, alias="typeDefGUID")
    type_def_name: str | None = None
    type_def_version: int = 0
    type_def_description: str | None = None
    type_def_description_guid: str | None = Field(default=None, alias="typeDefDescriptionGUID")
    type_def_super_types: list[TypeDefLink] | None = None
    valid_status_list: list[InstanceStatus] | None = None
    valid_instance_properties: list[str] | None = None


class InstanceAuditHeader(InstanceElementHeader):
    """Abstract: the header shared by classifications, entities and relationships.

    ``status`` is Java's ``currentStatus`` field (getter ``getStatus``). ``version`` starts at 1 on create;
    Java's initial value, written when unset, is 0. ``mappingProperties`` is opaque and kept verbatim."""

    type: InstanceType | None = None
    instance_provenance_type: InstanceProvenanceType | None = None
    metadata_collection_id: str | None = None
    metadata_collection_name: str | None = None
    replicated_by: str | None = None
    instance_license: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    maintained_by: OmitEmptyList[str] = []
    create_time: EpochMillis | None = None
    update_time: EpochMillis | None = None
    version: int = 0
    status: InstanceStatus | None = None
    status_on_delete: InstanceStatus | None = None
    mapping_properties: OmitEmptyMap[Any] = {}


class Classification(InstanceAuditHeader):
    """A classification on an entity, identified by ``name`` (its type name); it has its own header."""

    wire_class: ClassVar[str] = "Classification"

    name: str | None = None
    properties: _OmittableProperties = None
    classification_origin: ClassificationOrigin | None = ClassificationOrigin.ASSIGNED
    classification_origin_guid: str | None = Field(default=None, alias="classificationOriginGUID")

    @field_validator("name")
    @classmethod
    def _name_not_empty(cls, value: str | None) -> str | None:
        # Java's setName throws for null or "", so an explicit null/"" fails the whole document there.
        if not value:
            raise PydanticCustomError(
                "classification_name", "a classification name must not be null or empty"
            )
        return value


class InstanceHeader(InstanceAuditHeader):
    """Abstract: an audit header with identity. ``instanceURL`` is 5.x only (6.0 removed it)."""

    guid: str | None = Field(default=None, alias="guid")
    instance_url: str | None = Field(default=None, alias="instanceURL")
    re_identified_from_guid: str | None = Field(default=None, alias="reIdentifiedFromGUID")


class EntitySummary(InstanceHeader):
    """An entity's header and classifications, without properties."""

    wire_class: ClassVar[str] = "EntitySummary"

    classifications: OmitEmptyList[Classification] = []


class EntityDetail(EntitySummary):
    """A full entity."""

    wire_class: ClassVar[str] = "EntityDetail"

    properties: _OmittableProperties = None


class EntityProxy(EntitySummary):
    """An entity summary plus its unique properties; the ends of a relationship."""

    wire_class: ClassVar[str] = "EntityProxy"

    unique_properties: _OmittableProperties = None


class Relationship(InstanceHeader):
    """A relationship between two entities, given as proxies."""

    wire_class: ClassVar[str] = "Relationship"

    properties: _OmittableProperties = None
    entity_one_proxy: EntityProxy | None = None
    entity_two_proxy: EntityProxy | None = None


class InstanceGraph(InstanceElementHeader):
    """A set of entities and the relationships between them."""

    wire_class: ClassVar[str] = "InstanceGraph"

    entities: OmitEmptyList[EntityDetail] = []
    relationships: OmitEmptyList[Relationship] = []


class ClassificationEntityExtension(InstanceElementHeader):
    """A classification for an entity homed elsewhere (open metadata archives only)."""

    wire_class: ClassVar[str] = "ClassificationEntityExtension"

    entity_to_classify: EntityProxy | None = None
    classification: Classification | None = None


AnyEntitySummary = Annotated[
    Annotated[EntitySummary, Tag("EntitySummary")]
    | Annotated[EntityDetail, Tag("EntityDetail")]
    | Annotated[EntityProxy, Tag("EntityProxy")],
    class_discriminator("EntitySummary", EntitySummary, EntityDetail, EntityProxy),
]
"""A field declared ``EntitySummary`` in Java (Jackson also accepts its subclasses there)."""

ENTITY_SUMMARY_ADAPTER: Final[TypeAdapter[AnyEntitySummary]] = TypeAdapter(AnyEntitySummary)
