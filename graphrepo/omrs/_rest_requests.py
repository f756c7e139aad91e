"""REST request beans of the OMRS repository services (``repositoryservices.rest.properties``, 5.4).

The Python classes follow the Java inheritance chain (omrs-reference.md §6.4), so a handler can accept a
base class where Java does. Every class is concrete in Java and tagged with its own class name. Primitive
Java fields (``int offset``, ``int pageSize``) are always written; lists whose getter answers null when
empty are :data:`OmitEmptyList`.

Endpoints whose body is a bare bean (``EntityDetail``, ``TypeDef``, ``InstanceStatus``, ...) take the
instance or TypeDef models themselves; there is no wrapper bean for them in 5.x.
"""

from __future__ import annotations

from typing import ClassVar, Final

from pydantic import Field, TypeAdapter

from graphrepo.omrs._base import EpochMillis, OmitEmptyList, TaggedModel
from graphrepo.omrs._enums import (
    ClassificationOrigin,
    HistorySequencingOrder,
    InstanceStatus,
    MatchCriteria,
    SequencingOrder,
)
from graphrepo.omrs._instances import Classification, EntityDetail, EntityProxy, Relationship
from graphrepo.omrs._properties import InstanceProperties
from graphrepo.omrs._rest import tagged_union
from graphrepo.omrs._search import SearchClassifications, SearchProperties
from graphrepo.omrs._typedefs import TypeDefSummary

__all__ = [
    "REQUEST_CLASSES",
    "ClassificationProxyRequest",
    "ClassificationRequest",
    "ClassificationWithEntityRequest",
    "EntityCreateRequest",
    "EntityFindRequest",
    "EntityHistoricalFindRequest",
    "EntityNeighborhoodFindRequest",
    "EntityNeighborhoodHistoricalFindRequest",
    "EntityPropertyFindRequest",
    "EntityPropertyHistoricalFindRequest",
    "HistoryRangeRequest",
    "HistoryRequest",
    "InstanceFindRequest",
    "InstanceGraphRequest",
    "InstanceHistoricalFindRequest",
    "InstancePropertiesRequest",
    "MetadataCollectionIdRequest",
    "OMRSAPIFindRequest",
    "OMRSAPIHistoricalFindRequest",
    "OMRSAPIPagedFindRequest",
    "OMRSAPIRequest",
    "PropertyMatchFindRequest",
    "PropertyMatchHistoricalFindRequest",
    "ProxyClassificationRequest",
    "RelatedEntitiesFindRequest",
    "RelatedEntitiesHistoricalFindRequest",
    "RelationshipCreateRequest",
    "SubtypeLimitedFindRequest",
    "TypeDefChangeRequest",
    "TypeDefDeleteRequest",
    "TypeDefReIdentifyRequest",
    "TypeDefValidationForRequest",
    "TypeLimitedFindRequest",
    "TypeLimitedHistoricalFindRequest",
    "request_adapter",
]


class OMRSAPIRequest(TaggedModel):
    """The base request; also sent bare (for example as the optional body of ``declassifyEntity``)."""

    wire_class: ClassVar[str] = "OMRSAPIRequest"


# --- finds -------------------------------------------------------------------------------------------


class OMRSAPIFindRequest(OMRSAPIRequest):
    """``limitResultsByStatus``: empty means every status except DELETED."""

    wire_class: ClassVar[str] = "OMRSAPIFindRequest"

    limit_results_by_status: OmitEmptyList[InstanceStatus] = []


class OMRSAPIHistoricalFindRequest(OMRSAPIFindRequest):
    wire_class: ClassVar[str] = "OMRSAPIHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class OMRSAPIPagedFindRequest(OMRSAPIFindRequest):
    """Paging and sequencing; ``pageSize`` 0 means no limit."""

    wire_class: ClassVar[str] = "OMRSAPIPagedFindRequest"

    sequencing_property: str | None = None
    sequencing_order: SequencingOrder | None = None
    offset: int = 0
    page_size: int = 0


class TypeLimitedFindRequest(OMRSAPIPagedFindRequest):
    wire_class: ClassVar[str] = "TypeLimitedFindRequest"

    type_guid: str | None = Field(default=None, alias="typeGUID")


class TypeLimitedHistoricalFindRequest(TypeLimitedFindRequest):
    wire_class: ClassVar[str] = "TypeLimitedHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class SubtypeLimitedFindRequest(TypeLimitedFindRequest):
    wire_class: ClassVar[str] = "SubtypeLimitedFindRequest"

    # The getter returns the list as it is, so an empty list is written.
    subtype_guids: list[str] | None = Field(default=None, alias="subtypeGUIDs")


class InstanceFindRequest(SubtypeLimitedFindRequest):
    """``findRelationships``: property conditions as ``SearchProperties``."""

    wire_class: ClassVar[str] = "InstanceFindRequest"

    match_properties: SearchProperties | None = None


class InstanceHistoricalFindRequest(InstanceFindRequest):
    wire_class: ClassVar[str] = "InstanceHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class EntityFindRequest(InstanceFindRequest):
    """``findEntities``: adds classification conditions."""

    wire_class: ClassVar[str] = "EntityFindRequest"

    match_classifications: SearchClassifications | None = None


class EntityHistoricalFindRequest(EntityFindRequest):
    wire_class: ClassVar[str] = "EntityHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class PropertyMatchFindRequest(TypeLimitedFindRequest):
    """``...ByProperty`` and ``findEntitiesByClassification``: properties as ``InstanceProperties``."""

    wire_class: ClassVar[str] = "PropertyMatchFindRequest"

    match_properties: InstanceProperties | None = None
    match_criteria: MatchCriteria | None = None


class PropertyMatchHistoricalFindRequest(PropertyMatchFindRequest):
    wire_class: ClassVar[str] = "PropertyMatchHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class EntityPropertyFindRequest(PropertyMatchFindRequest):
    """``findEntitiesByProperty`` and ``...ByPropertyValue`` (the regex travels as a query parameter)."""

    wire_class: ClassVar[str] = "EntityPropertyFindRequest"

    limit_results_by_classification: OmitEmptyList[str] = []


class EntityPropertyHistoricalFindRequest(EntityPropertyFindRequest):
    wire_class: ClassVar[str] = "EntityPropertyHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class RelatedEntitiesFindRequest(OMRSAPIPagedFindRequest):
    wire_class: ClassVar[str] = "RelatedEntitiesFindRequest"

    entity_type_guids: OmitEmptyList[str] = Field(default=[], alias="entityTypeGUIDs")
    limit_results_by_classification: OmitEmptyList[str] = []


class RelatedEntitiesHistoricalFindRequest(RelatedEntitiesFindRequest):
    wire_class: ClassVar[str] = "RelatedEntitiesHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


class EntityNeighborhoodFindRequest(OMRSAPIFindRequest):
    """``getEntityNeighborhood`` (the level travels as a query parameter)."""

    wire_class: ClassVar[str] = "EntityNeighborhoodFindRequest"

    entity_type_guids: OmitEmptyList[str] = Field(default=[], alias="entityTypeGUIDs")
    relationship_type_guids: OmitEmptyList[str] = Field(default=[], alias="relationshipTypeGUIDs")
    limit_results_by_classification: OmitEmptyList[str] = []


class EntityNeighborhoodHistoricalFindRequest(EntityNeighborhoodFindRequest):
    wire_class: ClassVar[str] = "EntityNeighborhoodHistoricalFindRequest"

    as_of_time: EpochMillis | None = None


# --- history -----------------------------------------------------------------------------------------


class HistoryRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "HistoryRequest"

    as_of_time: EpochMillis | None = None


class HistoryRangeRequest(OMRSAPIRequest):
    """``get...History``: the Java defaults (BACKWARDS, page 0) are always written."""

    wire_class: ClassVar[str] = "HistoryRangeRequest"

    from_time: EpochMillis | None = None
    to_time: EpochMillis | None = None
    offset: int = 0
    page_size: int = 0
    sequencing_order: HistorySequencingOrder = HistorySequencingOrder.BACKWARDS


# --- maintenance -------------------------------------------------------------------------------------


class EntityCreateRequest(OMRSAPIRequest):
    """``addEntity``; the metadata collection fields are the external source for ``addExternalEntity``."""

    wire_class: ClassVar[str] = "EntityCreateRequest"

    entity_type_guid: str | None = Field(default=None, alias="entityTypeGUID")
    initial_properties: InstanceProperties | None = None
    initial_classifications: OmitEmptyList[Classification] = []
    initial_status: InstanceStatus | None = None
    metadata_collection_id: str | None = None
    metadata_collection_name: str | None = None


class RelationshipCreateRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "RelationshipCreateRequest"

    relationship_type_guid: str | None = Field(default=None, alias="relationshipTypeGUID")
    initial_properties: InstanceProperties | None = None
    entity_one_guid: str | None = Field(default=None, alias="entityOneGUID")
    entity_two_guid: str | None = Field(default=None, alias="entityTwoGUID")
    initial_status: InstanceStatus | None = None
    metadata_collection_id: str | None = None
    metadata_collection_name: str | None = None


class InstancePropertiesRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "InstancePropertiesRequest"

    instance_properties: InstanceProperties | None = None


class ProxyClassificationRequest(InstancePropertiesRequest):
    wire_class: ClassVar[str] = "ProxyClassificationRequest"

    entity_proxy: EntityProxy | None = None


class ClassificationRequest(OMRSAPIRequest):
    """The detailed ``classifyEntity``; the metadata collection fields name an external source."""

    wire_class: ClassVar[str] = "ClassificationRequest"

    classification_origin: ClassificationOrigin | None = None
    classification_origin_guid: str | None = Field(default=None, alias="classificationOriginGUID")
    classification_properties: InstanceProperties | None = None
    metadata_collection_id: str | None = None
    metadata_collection_name: str | None = None


class ClassificationProxyRequest(ClassificationRequest):
    wire_class: ClassVar[str] = "ClassificationProxyRequest"

    entity_proxy: EntityProxy | None = None


class TypeDefValidationForRequest(OMRSAPIRequest):
    """The type an instance is expected to have (delete, purge, re-identify, re-home, refresh)."""

    wire_class: ClassVar[str] = "TypeDefValidationForRequest"

    type_def_guid: str | None = Field(default=None, alias="typeDefGUID")
    type_def_name: str | None = None


class TypeDefChangeRequest(OMRSAPIRequest):
    """``reTypeEntity``/``reTypeRelationship``."""

    wire_class: ClassVar[str] = "TypeDefChangeRequest"

    current_type_def: TypeDefSummary | None = None
    new_type_def: TypeDefSummary | None = None


class TypeDefReIdentifyRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "TypeDefReIdentifyRequest"

    original_type_def_name: str | None = None
    new_type_def_guid: str | None = Field(default=None, alias="newTypeDefGUID")
    new_type_def_name: str | None = None


class TypeDefDeleteRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "TypeDefDeleteRequest"

    obsolete_type_def_name: str | None = None


class MetadataCollectionIdRequest(OMRSAPIRequest):
    wire_class: ClassVar[str] = "MetadataCollectionIdRequest"

    metadata_collection_id: str | None = None


# --- reference copies --------------------------------------------------------------------------------


class ClassificationWithEntityRequest(OMRSAPIRequest):
    """``save/purgeClassificationReferenceCopy``: the classification with its entity or proxy."""

    wire_class: ClassVar[str] = "ClassificationWithEntityRequest"

    classification: Classification | None = None
    entity: EntityDetail | None = None
    entity_proxy: EntityProxy | None = None


class InstanceGraphRequest(OMRSAPIRequest):
    """``saveInstanceReferenceCopies``."""

    wire_class: ClassVar[str] = "InstanceGraphRequest"

    entity_element_list: OmitEmptyList[EntityDetail] = []
    relationship_element_list: OmitEmptyList[Relationship] = []


REQUEST_CLASSES: Final[tuple[type[OMRSAPIRequest], ...]] = (
    OMRSAPIRequest,
    OMRSAPIFindRequest,
    OMRSAPIHistoricalFindRequest,
    OMRSAPIPagedFindRequest,
    TypeLimitedFindRequest,
    TypeLimitedHistoricalFindRequest,
    SubtypeLimitedFindRequest,
    InstanceFindRequest,
    InstanceHistoricalFindRequest,
    EntityFindRequest,
    EntityHistoricalFindRequest,
    PropertyMatchFindRequest,
    PropertyMatchHistoricalFindRequest,
    EntityPropertyFindRequest,
    EntityPropertyHistoricalFindRequest,
    RelatedEntitiesFindRequest,
    RelatedEntitiesHistoricalFindRequest,
    EntityNeighborhoodFindRequest,
    EntityNeighborhoodHistoricalFindRequest,
    HistoryRequest,
    HistoryRangeRequest,
    EntityCreateRequest,
    RelationshipCreateRequest,
    InstancePropertiesRequest,
    ProxyClassificationRequest,
    ClassificationRequest,
    ClassificationProxyRequest,
    TypeDefValidationForRequest,
    TypeDefChangeRequest,
    TypeDefReIdentifyRequest,
    TypeDefDeleteRequest,
    MetadataCollectionIdRequest,
    ClassificationWithEntityRequest,
    InstanceGraphRequest,
)
"""Every request bean."""

request_adapter: TypeAdapter[OMRSAPIRequest] = TypeAdapter(tagged_union("OMRSAPIRequest", REQUEST_CLASSES))
"""Parses any request by its ``"class"``."""
