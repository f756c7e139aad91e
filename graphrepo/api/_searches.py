"""OMRS REST: the searches of Group 3 (``find*`` and ``getRelationshipsForEntity``), now and as of a time.

Each search has a ``/history`` twin whose body is the ``...Historical...`` bean (the same fields plus
``asOfTime``); both call one private function. A missing body means Egeria's defaults (everything, first
page, no limit), as ``OMRSRepositoryRESTServices`` does for a null request.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId, paged
from graphrepo.api._security import Access
from graphrepo.omrs import (
    EntityFindRequest,
    EntityHistoricalFindRequest,
    EntityListResponse,
    EntityPropertyFindRequest,
    EntityPropertyHistoricalFindRequest,
    InstanceFindRequest,
    InstanceHistoricalFindRequest,
    PropertyMatchFindRequest,
    PropertyMatchHistoricalFindRequest,
    RelationshipListResponse,
    TypeLimitedFindRequest,
    TypeLimitedHistoricalFindRequest,
)
from graphrepo.repository import MetadataCollectionAPI

routes = Routes("searches")
router = routes.router

READ = Access.READ
BODY = "findRequestParameters"

EntityGuid = Annotated[str, Path(alias="entityGUID")]
ClassificationName = Annotated[str, Path(alias="classificationName")]
SearchCriteria = Annotated[str, Query(alias="searchCriteria", description="A Java regular expression.")]


# --- relationships of one entity ----------------------------------------------------------------------


@routes.post(
    "/instances/entity/{entityGUID}/relationships",
    RelationshipListResponse,
    name="getRelationshipsForEntity",
    access=READ,
    body=BODY,
)
def get_relationships_for_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    request: Annotated[TypeLimitedFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """The relationships of an entity (``typeGUID`` limits the relationship type)."""
    return _relationships_for_entity(
        collection, user_id, entity_guid, request or TypeLimitedFindRequest(), None
    )


@routes.post(
    "/instances/entity/{entityGUID}/relationships/history",
    RelationshipListResponse,
    name="getRelationshipsForEntityHistory",
    access=READ,
    body=BODY,
)
def get_relationships_for_entity_history(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    request: Annotated[TypeLimitedHistoricalFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """The relationships of an entity as they were at ``asOfTime``."""
    body = request or TypeLimitedHistoricalFindRequest()
    return _relationships_for_entity(collection, user_id, entity_guid, body, body.as_of_time)


def _relationships_for_entity(
    collection: MetadataCollectionAPI,
    user_id: str,
    entity_guid: str,
    body: TypeLimitedFindRequest,
    as_of_time: datetime | None,
) -> RelationshipListResponse:
    found = collection.get_relationships_for_entity(
        user_id,
        entity_guid,
        relationship_type_guid=body.type_guid,
        from_relationship_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(RelationshipListResponse, found, body.offset, body.page_size)


# --- entities ---------------------------------------------------------------------------------------------


@routes.post("/instances/entities", EntityListResponse, name="findEntities", access=READ, body=BODY)
def find_entities(
    user_id: UserId, collection: Collection, request: Annotated[EntityFindRequest | None, Body()] = None
) -> EntityListResponse:
    """Entities matching ``SearchProperties`` and ``SearchClassifications`` conditions."""
    return _find_entities(collection, user_id, request or EntityFindRequest(), None)


@routes.post(
    "/instances/entities/history",
    EntityListResponse,
    name="findEntitiesByHistory",
    access=READ,
    body=BODY,
)
def find_entities_by_history(
    user_id: UserId,
    collection: Collection,
    request: Annotated[EntityHistoricalFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """``findEntities`` as of ``asOfTime``."""
    body = request or EntityHistoricalFindRequest()
    return _find_entities(collection, user_id, body, body.as_of_time)


def _find_entities(
    collection: MetadataCollectionAPI, user_id: str, body: EntityFindRequest, as_of_time: datetime | None
) -> EntityListResponse:
    found = collection.find_entities(
        user_id,
        entity_type_guid=body.type_guid,
        entity_subtype_guids=body.subtype_guids,
        match_properties=body.match_properties,
        from_entity_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        match_classifications=body.match_classifications,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(EntityListResponse, found, body.offset, body.page_size)


@routes.post(
    "/instances/entities/by-property",
    EntityListResponse,
    name="findEntitiesByProperty",
    access=READ,
    body=BODY,
)
def find_entities_by_property(
    user_id: UserId,
    collection: Collection,
    request: Annotated[EntityPropertyFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """Entities whose properties match ``matchProperties`` (string values are regular expressions)."""
    return _by_property(collection, user_id, request or EntityPropertyFindRequest(), None)


@routes.post(
    "/instances/entities/by-property/history",
    EntityListResponse,
    name="findEntitiesByPropertyHistory",
    access=READ,
    body=BODY,
)
def find_entities_by_property_history(
    user_id: UserId,
    collection: Collection,
    request: Annotated[EntityPropertyHistoricalFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """``findEntitiesByProperty`` as of ``asOfTime``."""
    body = request or EntityPropertyHistoricalFindRequest()
    return _by_property(collection, user_id, body, body.as_of_time)


def _by_property(
    collection: MetadataCollectionAPI,
    user_id: str,
    body: EntityPropertyFindRequest,
    as_of_time: datetime | None,
) -> EntityListResponse:
    found = collection.find_entities_by_property(
        user_id,
        entity_type_guid=body.type_guid,
        match_properties=body.match_properties,
        match_criteria=body.match_criteria,
        from_entity_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        limit_results_by_classification=body.limit_results_by_classification or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(EntityListResponse, found, body.offset, body.page_size)


@routes.post(
    "/instances/entities/by-classification/{classificationName}",
    EntityListResponse,
    name="findEntitiesByClassification",
    access=READ,
    body=BODY,
)
def find_entities_by_classification(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    request: Annotated[PropertyMatchFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """Entities carrying a classification whose properties match ``matchProperties``."""
    body = request or PropertyMatchFindRequest()
    return _by_classification(collection, user_id, classification_name, body, None)


@routes.post(
    "/instances/entities/by-classification/{classificationName}/history",
    EntityListResponse,
    name="findEntitiesByClassificationHistory",
    access=READ,
    body=BODY,
)
def find_entities_by_classification_history(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    request: Annotated[PropertyMatchHistoricalFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """``findEntitiesByClassification`` as of ``asOfTime``."""
    body = request or PropertyMatchHistoricalFindRequest()
    return _by_classification(collection, user_id, classification_name, body, body.as_of_time)


def _by_classification(
    collection: MetadataCollectionAPI,
    user_id: str,
    classification_name: str,
    body: PropertyMatchFindRequest,
    as_of_time: datetime | None,
) -> EntityListResponse:
    found = collection.find_entities_by_classification(
        user_id,
        body.type_guid,
        classification_name,
        match_classification_properties=body.match_properties,
        match_criteria=body.match_criteria,
        from_entity_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(EntityListResponse, found, body.offset, body.page_size)


@routes.post(
    "/instances/entities/by-property-value",
    EntityListResponse,
    name="findEntitiesByPropertyValue",
    access=READ,
    body=BODY,
)
def find_entities_by_property_value(
    user_id: UserId,
    collection: Collection,
    search_criteria: SearchCriteria,
    request: Annotated[EntityPropertyFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """Entities with any string property matching ``searchCriteria``."""
    body = request or EntityPropertyFindRequest()
    return _by_property_value(collection, user_id, search_criteria, body, None)


@routes.post(
    "/instances/entities/by-property-value/history",
    EntityListResponse,
    name="findEntitiesByPropertyValueHistory",
    access=READ,
    body=BODY,
)
def find_entities_by_property_value_history(
    user_id: UserId,
    collection: Collection,
    search_criteria: SearchCriteria,
    request: Annotated[EntityPropertyHistoricalFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """``findEntitiesByPropertyValue`` as of ``asOfTime``."""
    body = request or EntityPropertyHistoricalFindRequest()
    return _by_property_value(collection, user_id, search_criteria, body, body.as_of_time)


def _by_property_value(
    collection: MetadataCollectionAPI,
    user_id: str,
    search_criteria: str,
    body: EntityPropertyFindRequest,
    as_of_time: datetime | None,
) -> EntityListResponse:
    found = collection.find_entities_by_property_value(
        user_id,
        body.type_guid,
        search_criteria,
        from_entity_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        limit_results_by_classification=body.limit_results_by_classification or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(EntityListResponse, found, body.offset, body.page_size)


# --- relationships ----------------------------------------------------------------------------------------


@routes.post(
    "/instances/relationships",
    RelationshipListResponse,
    name="findRelationships",
    access=READ,
    body=BODY,
)
def find_relationships(
    user_id: UserId, collection: Collection, request: Annotated[InstanceFindRequest | None, Body()] = None
) -> RelationshipListResponse:
    """Relationships matching ``SearchProperties`` conditions."""
    return _find_relationships(collection, user_id, request or InstanceFindRequest(), None)


@routes.post(
    "/instances/relationships/history",
    RelationshipListResponse,
    name="findRelationshipsByHistory",
    access=READ,
    body=BODY,
)
def find_relationships_by_history(
    user_id: UserId,
    collection: Collection,
    request: Annotated[InstanceHistoricalFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """``findRelationships`` as of ``asOfTime``."""
    body = request or InstanceHistoricalFindRequest()
    return _find_relationships(collection, user_id, body, body.as_of_time)


def _find_relationships(
    collection: MetadataCollectionAPI, user_id: str, body: InstanceFindRequest, as_of_time: datetime | None
) -> RelationshipListResponse:
    found = collection.find_relationships(
        user_id,
        relationship_type_guid=body.type_guid,
        relationship_subtype_guids=body.subtype_guids,
        match_properties=body.match_properties,
        from_relationship_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(RelationshipListResponse, found, body.offset, body.page_size)


@routes.post(
    "/instances/relationships/by-property",
    RelationshipListResponse,
    name="findRelationshipsByProperty",
    access=READ,
    body=BODY,
)
def find_relationships_by_property(
    user_id: UserId,
    collection: Collection,
    request: Annotated[PropertyMatchFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """Relationships whose properties match ``matchProperties``."""
    return _relationships_by_property(collection, user_id, request or PropertyMatchFindRequest(), None)


@routes.post(
    "/instances/relationships/by-property/history",
    RelationshipListResponse,
    name="findRelationshipsByPropertyHistory",
    access=READ,
    body=BODY,
)
def find_relationships_by_property_history(
    user_id: UserId,
    collection: Collection,
    request: Annotated[PropertyMatchHistoricalFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """``findRelationshipsByProperty`` as of ``asOfTime``."""
    body = request or PropertyMatchHistoricalFindRequest()
    return _relationships_by_property(collection, user_id, body, body.as_of_time)


def _relationships_by_property(
    collection: MetadataCollectionAPI,
    user_id: str,
    body: PropertyMatchFindRequest,
    as_of_time: datetime | None,
) -> RelationshipListResponse:
    found = collection.find_relationships_by_property(
        user_id,
        relationship_type_guid=body.type_guid,
        match_properties=body.match_properties,
        match_criteria=body.match_criteria,
        from_relationship_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(RelationshipListResponse, found, body.offset, body.page_size)


@routes.post(
    "/instances/relationships/by-property-value",
    RelationshipListResponse,
    name="findRelationshipsByPropertyValue",
    access=READ,
    body=BODY,
)
def find_relationships_by_property_value(
    user_id: UserId,
    collection: Collection,
    search_criteria: SearchCriteria,
    request: Annotated[TypeLimitedFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """Relationships with any string property matching ``searchCriteria``."""
    body = request or TypeLimitedFindRequest()
    return _relationships_by_property_value(collection, user_id, search_criteria, body, None)


@routes.post(
    "/instances/relationships/by-property-value/history",
    RelationshipListResponse,
    name="findRelationshipsByPropertyValueHistory",
    access=READ,
    body=BODY,
)
def find_relationships_by_property_value_history(
    user_id: UserId,
    collection: Collection,
    search_criteria: SearchCriteria,
    request: Annotated[TypeLimitedHistoricalFindRequest | None, Body()] = None,
) -> RelationshipListResponse:
    """``findRelationshipsByPropertyValue`` as of ``asOfTime``."""
    body = request or TypeLimitedHistoricalFindRequest()
    return _relationships_by_property_value(collection, user_id, search_criteria, body, body.as_of_time)


def _relationships_by_property_value(
    collection: MetadataCollectionAPI,
    user_id: str,
    search_criteria: str,
    body: TypeLimitedFindRequest,
    as_of_time: datetime | None,
) -> RelationshipListResponse:
    found = collection.find_relationships_by_property_value(
        user_id,
        body.type_guid,
        search_criteria,
        from_relationship_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(RelationshipListResponse, found, body.offset, body.page_size)
