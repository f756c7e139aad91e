"""OMRS REST: the graph queries of Group 3 (linkage, neighbourhood, related entities), now and as of a time.

Egeria 6 removed these three; 5.x peers still call them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId, paged
from graphrepo.api._security import Access
from graphrepo.omrs import (
    EntityListResponse,
    EntityNeighborhoodFindRequest,
    EntityNeighborhoodHistoricalFindRequest,
    InstanceGraph,
    InstanceGraphResponse,
    OMRSAPIFindRequest,
    OMRSAPIHistoricalFindRequest,
    RelatedEntitiesFindRequest,
    RelatedEntitiesHistoricalFindRequest,
)
from graphrepo.repository import MetadataCollectionAPI

routes = Routes("graph queries")
router = routes.router

READ = Access.READ
BODY = "findRequestParameters"

StartGuid = Annotated[str, Path(alias="startEntityGUID")]
EntityGuid = Annotated[str, Path(alias="entityGUID")]
EndGuid = Annotated[str, Query(alias="endEntityGUID")]
Level = Annotated[int, Query(description="How many relationships away from the entity to go.")]

_FROM = "/instances/entities/from-entity"


@routes.post(
    f"{_FROM}/{{startEntityGUID}}/by-linkage",
    InstanceGraphResponse,
    name="getLinkingEntities",
    access=READ,
    body=BODY,
)
def get_linking_entities(
    user_id: UserId,
    collection: Collection,
    start_guid: StartGuid,
    end_guid: EndGuid,
    request: Annotated[OMRSAPIFindRequest | None, Body()] = None,
) -> InstanceGraphResponse:
    """The entities and relationships linking two entities."""
    statuses = request.limit_results_by_status if request else []
    return _graph(collection.get_linking_entities(user_id, start_guid, end_guid, statuses or None))


@routes.post(
    f"{_FROM}/{{startEntityGUID}}/by-linkage/history",
    InstanceGraphResponse,
    name="getLinkingEntitiesHistory",
    access=READ,
    body=BODY,
)
def get_linking_entities_history(
    user_id: UserId,
    collection: Collection,
    start_guid: StartGuid,
    end_guid: EndGuid,
    request: Annotated[OMRSAPIHistoricalFindRequest | None, Body()] = None,
) -> InstanceGraphResponse:
    """``getLinkingEntities`` as of ``asOfTime``."""
    body = request or OMRSAPIHistoricalFindRequest()
    graph = collection.get_linking_entities(
        user_id, start_guid, end_guid, body.limit_results_by_status or None, body.as_of_time
    )
    return _graph(graph)


@routes.post(
    f"{_FROM}/{{entityGUID}}/by-neighborhood",
    InstanceGraphResponse,
    name="getEntityNeighborhood",
    access=READ,
    body=BODY,
)
def get_entity_neighborhood(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    level: Level,
    request: Annotated[EntityNeighborhoodFindRequest | None, Body()] = None,
) -> InstanceGraphResponse:
    """The entities and relationships up to ``level`` relationships away."""
    body = request or EntityNeighborhoodFindRequest()
    return _neighborhood(collection, user_id, entity_guid, level, body, None)


@routes.post(
    f"{_FROM}/{{entityGUID}}/by-neighborhood/history",
    InstanceGraphResponse,
    name="getEntityNeighborhoodHistory",
    access=READ,
    body=BODY,
)
def get_entity_neighborhood_history(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    level: Level,
    request: Annotated[EntityNeighborhoodHistoricalFindRequest | None, Body()] = None,
) -> InstanceGraphResponse:
    """``getEntityNeighborhood`` as of ``asOfTime``."""
    body = request or EntityNeighborhoodHistoricalFindRequest()
    return _neighborhood(collection, user_id, entity_guid, level, body, body.as_of_time)


def _neighborhood(
    collection: MetadataCollectionAPI,
    user_id: str,
    entity_guid: str,
    level: int,
    body: EntityNeighborhoodFindRequest,
    as_of_time: datetime | None,
) -> InstanceGraphResponse:
    graph = collection.get_entity_neighborhood(
        user_id,
        entity_guid,
        entity_type_guids=body.entity_type_guids or None,
        relationship_type_guids=body.relationship_type_guids or None,
        limit_results_by_status=body.limit_results_by_status or None,
        limit_results_by_classification=body.limit_results_by_classification or None,
        as_of_time=as_of_time,
        level=level,
    )
    return _graph(graph)


@routes.post(
    f"{_FROM}/{{startEntityGUID}}/by-relationship",
    EntityListResponse,
    name="getRelatedEntities",
    access=READ,
    body=BODY,
)
def get_related_entities(
    user_id: UserId,
    collection: Collection,
    start_guid: StartGuid,
    request: Annotated[RelatedEntitiesFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """The entities connected to an entity, directly or indirectly."""
    body = request or RelatedEntitiesFindRequest()
    return _related(collection, user_id, start_guid, body, None)


@routes.post(
    f"{_FROM}/{{startEntityGUID}}/by-relationship/history",
    EntityListResponse,
    name="getRelatedEntitiesHistory",
    access=READ,
    body=BODY,
)
def get_related_entities_history(
    user_id: UserId,
    collection: Collection,
    start_guid: StartGuid,
    request: Annotated[RelatedEntitiesHistoricalFindRequest | None, Body()] = None,
) -> EntityListResponse:
    """``getRelatedEntities`` as of ``asOfTime``."""
    body = request or RelatedEntitiesHistoricalFindRequest()
    return _related(collection, user_id, start_guid, body, body.as_of_time)


def _related(
    collection: MetadataCollectionAPI,
    user_id: str,
    start_guid: str,
    body: RelatedEntitiesFindRequest,
    as_of_time: datetime | None,
) -> EntityListResponse:
    found = collection.get_related_entities(
        user_id,
        start_guid,
        entity_type_guids=body.entity_type_guids or None,
        from_entity_element=body.offset,
        limit_results_by_status=body.limit_results_by_status or None,
        limit_results_by_classification=body.limit_results_by_classification or None,
        as_of_time=as_of_time,
        sequencing_property=body.sequencing_property,
        sequencing_order=body.sequencing_order,
        page_size=body.page_size,
    )
    return paged(EntityListResponse, found, body.offset, body.page_size)


def _graph(graph: InstanceGraph) -> InstanceGraphResponse:
    # InstanceGraphResponse names its lists differently from InstanceGraph (omrs-reference §6.2).
    return InstanceGraphResponse(
        entity_element_list=graph.entities, relationship_element_list=graph.relationships
    )
