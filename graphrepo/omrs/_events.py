"""OMRS cohort events: the ``OMRSEventV1`` envelope, its sections and event-type enums (reference §7).

One bean carries every event (``repositoryservices.events.beans.v1``, Egeria 5.4). Only the envelope is
polymorphic (``"class":"OMRSEventV1"``); the originator and the sections are plain beans. Receivers
dispatch on ``eventCategory`` and then on the section's event type. An unknown enum constant anywhere makes
the whole event unparseable, as in Java (which drops such events after an audit-log message).

``protocolVersionId`` is not checked on receipt: Egeria 6 sends ``"OMRS V2.0"`` in the same layout, and we
accept any value; we always send ``"OMRS V1.0"``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar, Final

from pydantic import Field

from graphrepo.omrs._base import EpochMillis, TaggedModel, WireModel
from graphrepo.omrs._enums import InstanceProvenanceType, JavaEnum
from graphrepo.omrs._instances import (
    Classification,
    EntityDetail,
    EntityProxy,
    InstanceGraph,
    Relationship,
)
from graphrepo.omrs._ocf import AnyConnection, Connection
from graphrepo.omrs._typedefs import AnyAttributeTypeDef, AnyTypeDef, TypeDefPatch, TypeDefSummary

__all__ = [
    "PROTOCOL_VERSION_V1",
    "OMRSEventCategory",
    "OMRSEventErrorCode",
    "OMRSEventOriginator",
    "OMRSEventV1",
    "OMRSEventV1ErrorSection",
    "OMRSEventV1InstanceSection",
    "OMRSEventV1RegistrySection",
    "OMRSEventV1TypeDefSection",
    "OMRSInstanceEventType",
    "OMRSRegistryEventType",
    "OMRSTypeDefEventType",
    "entity_event",
    "instance_event",
    "registry_event",
    "relationship_event",
    "typedef_event",
]

PROTOCOL_VERSION_V1: Final = "OMRS V1.0"
"""``OMRSEventProtocolVersion.V1``: what every 5.x member sends."""


class OMRSEventCategory(JavaEnum):
    UNKNOWN = ("UNKNOWN", 0, "Unknown Event")
    REGISTRY = ("REGISTRY", 1, "Registry Event")
    TYPEDEF = ("TYPEDEF", 2, "TypeDef Event")
    INSTANCE = ("INSTANCE", 3, "Instance Event")
    GENERIC = ("GENERIC", 99, "Generic Event")


class OMRSRegistryEventType(JavaEnum):
    UNKNOWN_REGISTRY_EVENT = ("UNKNOWN_REGISTRY_EVENT", 0, "UnknownRegistryEvent")
    REGISTRATION_EVENT = ("REGISTRATION_EVENT", 1, "RegistrationEvent")
    REFRESH_REGISTRATION_REQUEST = ("REFRESH_REGISTRATION_REQUEST", 2, "RefreshRegistrationRequest")
    RE_REGISTRATION_EVENT = ("RE_REGISTRATION_EVENT", 3, "ReRegistrationEvent")
    UN_REGISTRATION_EVENT = ("UN_REGISTRATION_EVENT", 4, "UnRegistrationEvent")
    REGISTRATION_ERROR_EVENT = ("REGISTRATION_ERROR_EVENT", 99, "RegistrationErrorEvent")


class OMRSTypeDefEventType(JavaEnum):
    UNKNOWN_TYPEDEF_EVENT = ("UNKNOWN_TYPEDEF_EVENT", 0, "UnknownTypeDefEvent")
    NEW_TYPEDEF_EVENT = ("NEW_TYPEDEF_EVENT", 1, "NewTypeDef")
    NEW_ATTRIBUTE_TYPEDEF_EVENT = ("NEW_ATTRIBUTE_TYPEDEF_EVENT", 2, "NewAttributeTypeDef")
    UPDATED_TYPEDEF_EVENT = ("UPDATED_TYPEDEF_EVENT", 3, "UpdatedTypeDef")
    DELETED_TYPEDEF_EVENT = ("DELETED_TYPEDEF_EVENT", 4, "DeletedTypeDef")
    DELETED_ATTRIBUTE_TYPEDEF_EVENT = ("DELETED_ATTRIBUTE_TYPEDEF_EVENT", 5, "DeletedAttributeTypeDef")
    RE_IDENTIFIED_TYPEDEF_EVENT = ("RE_IDENTIFIED_TYPEDEF_EVENT", 6, "ReIdentifiedTypeDef")
    RE_IDENTIFIED_ATTRIBUTE_TYPEDEF_EVENT = (
        "RE_IDENTIFIED_ATTRIBUTE_TYPEDEF_EVENT",
        7,
        "ReIdentifiedAttributeTypeDef",
    )
    TYPEDEF_ERROR_EVENT = ("TYPEDEF_ERROR_EVENT", 99, "TypeDefErrorEvent")


class OMRSInstanceEventType(JavaEnum):
    """The instance event types. There is no CONFLICTING_INSTANCES event: conflicts are
    ``INSTANCE_ERROR_EVENT`` with an ``errorSection.errorCode``."""

    UNKNOWN_INSTANCE_EVENT = ("UNKNOWN_INSTANCE_EVENT", 0, "UnknownInstanceEvent")
    NEW_ENTITY_EVENT = ("NEW_ENTITY_EVENT", 1, "NewEntityEvent")
    UPDATED_ENTITY_EVENT = ("UPDATED_ENTITY_EVENT", 2, "UpdatedEntityEvent")
    UNDONE_ENTITY_EVENT = ("UNDONE_ENTITY_EVENT", 3, "UndoneEntityEvent")
    CLASSIFIED_ENTITY_EVENT = ("CLASSIFIED_ENTITY_EVENT", 4, "ClassifiedEntityEvent")
    DECLASSIFIED_ENTITY_EVENT = ("DECLASSIFIED_ENTITY_EVENT", 5, "DeclassifiedEntityEvent")
    RECLASSIFIED_ENTITY_EVENT = ("RECLASSIFIED_ENTITY_EVENT", 6, "ReclassifiedEntityEvent")
    DELETED_ENTITY_EVENT = ("DELETED_ENTITY_EVENT", 7, "DeletedEntityEvent")
    PURGED_ENTITY_EVENT = ("PURGED_ENTITY_EVENT", 8, "PurgedEntityEvent")
    RESTORED_ENTITY_EVENT = ("RESTORED_ENTITY_EVENT", 9, "RestoredEntityEvent")
    RE_IDENTIFIED_ENTITY_EVENT = ("RE_IDENTIFIED_ENTITY_EVENT", 10, "ReIdentifiedEntityEvent")
    RETYPED_ENTITY_EVENT = ("RETYPED_ENTITY_EVENT", 11, "ReTypedEntityEvent")
    RE_HOMED_ENTITY_EVENT = ("RE_HOMED_ENTITY_EVENT", 12, "ReHomedEntityEvent")
    REFRESH_ENTITY_REQUEST = ("REFRESH_ENTITY_REQUEST", 13, "RefreshEntityRequestEvent")
    REFRESHED_ENTITY_EVENT = ("REFRESHED_ENTITY_EVENT", 14, "RefreshedEntityEvent")
    NEW_RELATIONSHIP_EVENT = ("NEW_RELATIONSHIP_EVENT", 15, "NewRelationshipEvent")
    UPDATED_RELATIONSHIP_EVENT = ("UPDATED_RELATIONSHIP_EVENT", 16, "UpdateRelationshipEvent")
    UNDONE_RELATIONSHIP_EVENT = ("UNDONE_RELATIONSHIP_EVENT", 17, "UndoneRelationshipEvent")
    DELETED_RELATIONSHIP_EVENT = ("DELETED_RELATIONSHIP_EVENT", 18, "DeletedRelationshipEvent")
    PURGED_RELATIONSHIP_EVENT = ("PURGED_RELATIONSHIP_EVENT", 19, "PurgedRelationshipEvent")
    RESTORED_RELATIONSHIP_EVENT = ("RESTORED_RELATIONSHIP_EVENT", 20, "RestoredRelationshipEvent")
    RE_IDENTIFIED_RELATIONSHIP_EVENT = (
        "RE_IDENTIFIED_RELATIONSHIP_EVENT",
        21,
        "ReIdentifiedRelationshipEvent",
    )
    RETYPED_RELATIONSHIP_EVENT = ("RETYPED_RELATIONSHIP_EVENT", 22, "ReTypedRelationshipEvent")
    RE_HOMED_RELATIONSHIP_EVENT = ("RE_HOMED_RELATIONSHIP_EVENT", 23, "ReHomedRelationshipEvent")
    REFRESH_RELATIONSHIP_REQUEST = ("REFRESH_RELATIONSHIP_REQUEST", 24, "RefreshRelationshipRequestEvent")
    REFRESHED_RELATIONSHIP_EVENT = ("REFRESHED_RELATIONSHIP_EVENT", 25, "RefreshedRelationshipEvent")
    BATCH_INSTANCES_EVENT = ("BATCH_INSTANCES_EVENT", 26, "BatchInstancesEvent")
    DELETE_PURGED_ENTITY_EVENT = ("DELETE_PURGED_ENTITY_EVENT", 27, "DeletePurgedEntityEvent")
    # Egeria gives this one the entity's display name too.
    DELETE_PURGED_RELATIONSHIP_EVENT = ("DELETE_PURGED_RELATIONSHIP_EVENT", 28, "DeletePurgedEntityEvent")
    INSTANCE_ERROR_EVENT = ("INSTANCE_ERROR_EVENT", 99, "InstanceErrorEvent")


class OMRSEventErrorCode(JavaEnum):
    """``errorSection.errorCode``."""

    NOT_IN_USE = ("NOT_IN_USE", 0, "No Error")
    INVALID_EVENT_FORMAT = ("INVALID_EVENT_FORMAT", 1, "Invalid event format")
    INVALID_REGISTRY_EVENT = ("INVALID_REGISTRY_EVENT", 2, "Invalid registry event format")
    INVALID_TYPEDEF_EVENT = ("INVALID_TYPEDEF_EVENT", 3, "Invalid typedef event format")
    INVALID_INSTANCE_EVENT = ("INVALID_INSTANCE_EVENT", 4, "Invalid instance event format")
    CONFLICTING_COLLECTION_ID = ("CONFLICTING_COLLECTION_ID", 11, "Conflicting metadata collection id")
    BAD_REMOTE_CONNECTION = ("BAD_REMOTE_CONNECTION", 12, "Unusable Remote Connection to Repository")
    CONFLICTING_TYPEDEFS = ("CONFLICTING_TYPEDEFS", 21, "Conflicting TypeDefs")
    CONFLICTING_ATTRIBUTE_TYPEDEFS = ("CONFLICTING_ATTRIBUTE_TYPEDEFS", 22, "Conflicting AttributeTypeDefs")
    TYPEDEF_PATCH_MISMATCH = ("TYPEDEF_PATCH_MISMATCH", 23, "TypeDefPatch Mismatch")
    CONFLICTING_INSTANCES = ("CONFLICTING_INSTANCES", 31, "Conflicting Instances")
    CONFLICTING_TYPE = ("CONFLICTING_TYPE", 32, "Conflicting Type Version")
    UNKNOWN_ERROR_CODE = ("UNKNOWN_ERROR_CODE", 99, "Unknown Error Code")


class OMRSEventOriginator(WireModel):
    """Who sent the event. ``REFRESH_REGISTRATION_REQUEST`` omits ``metadataCollectionId``."""

    metadata_collection_id: str | None = None
    server_name: str | None = None
    server_type: str | None = None
    organization_name: str | None = None


class OMRSEventV1RegistrySection(WireModel):
    registry_event_type: OMRSRegistryEventType | None = None
    registration_timestamp: EpochMillis | None = None
    metadata_collection_name: str | None = None
    remote_connection: AnyConnection | None = None


class OMRSEventV1TypeDefSection(WireModel):
    type_def_event_type: OMRSTypeDefEventType | None = None
    type_def_guid: str | None = Field(default=None, alias="typeDefGUID")
    type_def_name: str | None = None
    attribute_type_def: AnyAttributeTypeDef | None = None
    type_def: AnyTypeDef | None = None
    type_def_patch: TypeDefPatch | None = None
    original_type_def_summary: TypeDefSummary | None = None
    original_attribute_type_def: AnyAttributeTypeDef | None = None


class OMRSEventV1InstanceSection(WireModel):
    """Which fields are set depends on ``eventType`` (omrs-reference.md §7.5)."""

    event_type: OMRSInstanceEventType | None = None
    type_def_guid: str | None = Field(default=None, alias="typeDefGUID")
    type_def_name: str | None = None
    instance_guid: str | None = Field(default=None, alias="instanceGUID")
    original_entity: EntityDetail | None = None
    entity: EntityDetail | None = None
    entity_proxy: EntityProxy | None = None
    original_relationship: Relationship | None = None
    relationship: Relationship | None = None
    original_classification: Classification | None = None
    classification: Classification | None = None
    instance_batch: InstanceGraph | None = None
    home_metadata_collection_id: str | None = None
    original_home_metadata_collection_id: str | None = None
    original_type_def_summary: TypeDefSummary | None = None
    original_instance_guid: str | None = Field(default=None, alias="originalInstanceGUID")


class OMRSEventV1ErrorSection(WireModel):
    """An error report. The ``*TypeDefSummary`` fields are declared TypeDefSummary; Egeria puts a whole
    TypeDef there, and like Java we keep only the summary fields (the rest is ignored)."""

    error_code: OMRSEventErrorCode | None = None
    error_message: str | None = None
    target_metadata_collection_id: str | None = None
    target_remote_connection: AnyConnection | None = None
    target_type_def_summary: TypeDefSummary | None = None
    target_attribute_type_def: AnyAttributeTypeDef | None = None
    target_instance_guid: str | None = Field(default=None, alias="targetInstanceGUID")
    other_origin: InstanceProvenanceType | None = None
    other_metadata_collection_id: str | None = None
    other_type_def_summary: TypeDefSummary | None = None
    other_type_def: AnyTypeDef | None = None
    other_attribute_type_def: AnyAttributeTypeDef | None = None
    other_instance_guid: str | None = Field(default=None, alias="otherInstanceGUID")


class OMRSEventV1(TaggedModel):
    """The event envelope; the functions below build the common events."""

    wire_class: ClassVar[str] = "OMRSEventV1"

    protocol_version_id: str | None = PROTOCOL_VERSION_V1
    timestamp: EpochMillis | None = None
    originator: OMRSEventOriginator | None = None
    event_category: OMRSEventCategory | None = None
    registry_event_section: OMRSEventV1RegistrySection | None = None
    type_def_event_section: OMRSEventV1TypeDefSection | None = None
    instance_event_section: OMRSEventV1InstanceSection | None = None
    error_section: OMRSEventV1ErrorSection | None = None


# --- builders (thin: they set the category, the timestamp and the ids Egeria copies from the payload) ---


def _now() -> datetime:
    # java.util.Date holds milliseconds; trimming here keeps an event equal to its own round trip.
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def registry_event(
    event_type: OMRSRegistryEventType,
    originator: OMRSEventOriginator,
    *,
    registration_timestamp: datetime | None = None,
    metadata_collection_name: str | None = None,
    remote_connection: Connection | None = None,
    timestamp: datetime | None = None,
) -> OMRSEventV1:
    """A registry event. For ``REFRESH_REGISTRATION_REQUEST`` Egeria leaves the originator's
    ``metadataCollectionId`` out (so nobody's self-filter drops it); this builder does the same."""
    if event_type is OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST:
        originator = originator.model_copy(update={"metadata_collection_id": None})
    return OMRSEventV1(
        timestamp=timestamp or _now(),
        originator=originator,
        event_category=OMRSEventCategory.REGISTRY,
        registry_event_section=OMRSEventV1RegistrySection(
            registry_event_type=event_type,
            registration_timestamp=registration_timestamp,
            metadata_collection_name=metadata_collection_name,
            remote_connection=remote_connection,
        ),
    )


def typedef_event(
    originator: OMRSEventOriginator, section: OMRSEventV1TypeDefSection, *, timestamp: datetime | None = None
) -> OMRSEventV1:
    """A TypeDef event; ``typeDefGUID``/``typeDefName`` default to the (attribute) TypeDef's own."""
    source = section.type_def or section.attribute_type_def
    if source is not None:
        section = section.model_copy(
            update={
                "type_def_guid": section.type_def_guid or source.guid,
                "type_def_name": section.type_def_name or source.name,
            }
        )
    return OMRSEventV1(
        timestamp=timestamp or _now(),
        originator=originator,
        event_category=OMRSEventCategory.TYPEDEF,
        type_def_event_section=section,
    )


def instance_event(
    originator: OMRSEventOriginator, section: OMRSEventV1InstanceSection, *, timestamp: datetime | None = None
) -> OMRSEventV1:
    """An instance event. Unset ``typeDefGUID``, ``typeDefName`` and ``instanceGUID`` are copied from the
    section's instance, as ``OMRSInstanceEvent`` does (the original entity/relationship first)."""
    source: EntityDetail | EntityProxy | Relationship | None = (
        section.original_entity
        or section.entity
        or section.entity_proxy
        or section.original_relationship
        or section.relationship
    )
    if source is not None:
        instance_type = source.type
        section = section.model_copy(
            update={
                "type_def_guid": section.type_def_guid
                or (instance_type.type_def_guid if instance_type else None),
                "type_def_name": section.type_def_name
                or (instance_type.type_def_name if instance_type else None),
                "instance_guid": section.instance_guid or source.guid,
            }
        )
    return OMRSEventV1(
        timestamp=timestamp or _now(),
        originator=originator,
        event_category=OMRSEventCategory.INSTANCE,
        instance_event_section=section,
    )


def entity_event(
    event_type: OMRSInstanceEventType,
    originator: OMRSEventOriginator,
    entity: EntityDetail,
    *,
    original_entity: EntityDetail | None = None,
    timestamp: datetime | None = None,
) -> OMRSEventV1:
    """``NEW_ENTITY_EVENT(entity)``, ``UPDATED_ENTITY_EVENT(original, entity)``, ``DELETED_...`` etc."""
    section = OMRSEventV1InstanceSection(
        event_type=event_type, entity=entity, original_entity=original_entity
    )
    return instance_event(originator, section, timestamp=timestamp)


def relationship_event(
    event_type: OMRSInstanceEventType,
    originator: OMRSEventOriginator,
    relationship: Relationship,
    *,
    original_relationship: Relationship | None = None,
    timestamp: datetime | None = None,
) -> OMRSEventV1:
    """The relationship counterpart of :func:`entity_event`."""
    section = OMRSEventV1InstanceSection(
        event_type=event_type, relationship=relationship, original_relationship=original_relationship
    )
    return instance_event(originator, section, timestamp=timestamp)
