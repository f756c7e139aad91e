"""OMRS REST: instances as they were (``asOfTime``), their version histories, and the classifications
homed here on entities homed elsewhere."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path

from graphrepo.api._routing import Collection, Routes, UserId, paged
from graphrepo.api._security import Access
from graphrepo.omrs import (
    ClassificationListResponse,
    EntityDetailResponse,
    EntityListResponse,
    HistoryRangeRequest,
    HistoryRequest,
    RelationshipListResponse,
    RelationshipResponse,
)

routes = Routes("history")
router = routes.router

READ = Access.READ

Guid = Annotated[str, Path(alias="guid")]
EntityGuid = Annotated[str, Path(alias="entityGUID")]
AsOf = Annotated[HistoryRequest | None, Body()]
Range = Annotated[HistoryRangeRequest | None, Body()]


@routes.post(
    "/instances/entity/{guid}/history",
    EntityDetailResponse,
    name="getEntityDetail",
    operation_id="getEntityDetailAsOf",
    access=READ,
    body="asOfTime",
)
def get_entity_detail_as_of(
    user_id: UserId, collection: Collection, guid: Guid, request: AsOf = None
) -> EntityDetailResponse:
    """The entity as it was at ``asOfTime`` (no time: as it is now)."""
    as_of_time = request.as_of_time if request else None
    return EntityDetailResponse(entity=collection.get_entity_detail(user_id, guid, as_of_time))


@routes.post(
    "/instances/entity/{guid}/history/all",
    EntityListResponse,
    name="getEntityDetailHistory",
    access=READ,
    body="historyRangeRequest",
)
def get_entity_detail_history(
    user_id: UserId, collection: Collection, guid: Guid, request: Range = None
) -> EntityListResponse:
    """Every version of the entity between ``fromTime`` and ``toTime`` (newest first by default)."""
    body = request or HistoryRangeRequest()
    versions = collection.get_entity_detail_history(
        user_id, guid, body.from_time, body.to_time, body.offset, body.page_size, body.sequencing_order
    )
    return paged(EntityListResponse, versions, body.offset, body.page_size)


@routes.post(
    "/instances/relationship/{guid}/history",
    RelationshipResponse,
    name="getRelationship",
    operation_id="getRelationshipAsOf",
    access=READ,
    body="asOfTime",
)
def get_relationship_as_of(
    user_id: UserId, collection: Collection, guid: Guid, request: AsOf = None
) -> RelationshipResponse:
    """The relationship as it was at ``asOfTime``."""
    as_of_time = request.as_of_time if request else None
    return RelationshipResponse(relationship=collection.get_relationship(user_id, guid, as_of_time))


@routes.post(
    "/instances/relationship/{guid}/history/all",
    RelationshipListResponse,
    name="getRelationshipHistory",
    access=READ,
    body="historyRangeRequest",
)
def get_relationship_history(
    user_id: UserId, collection: Collection, guid: Guid, request: Range = None
) -> RelationshipListResponse:
    """Every version of the relationship between ``fromTime`` and ``toTime``."""
    body = request or HistoryRangeRequest()
    versions = collection.get_relationship_history(
        user_id, guid, body.from_time, body.to_time, body.offset, body.page_size, body.sequencing_order
    )
    return paged(RelationshipListResponse, versions, body.offset, body.page_size)


@routes.get(
    "/instances/entity/{entityGUID}/home-classifications",
    ClassificationListResponse,
    name="getHomeClassifications",
    access=READ,
)
def get_home_classifications(
    user_id: UserId, collection: Collection, entity_guid: EntityGuid
) -> ClassificationListResponse:
    """The classifications homed in this repository on an entity homed elsewhere."""
    found = collection.get_home_classifications(user_id, entity_guid)
    # Egeria 5.4's REST service forgets to put the list into its response; we return it.
    return paged(ClassificationListResponse, found, 0, 0)


@routes.post(
    "/instances/entity/{entityGUID}/home-classifications/history",
    ClassificationListResponse,
    name="getHomeClassifications",
    operation_id="getHomeClassificationsAsOf",
    access=READ,
    body="requestBody",
)
def get_home_classifications_as_of(
    user_id: UserId, collection: Collection, entity_guid: EntityGuid, request: AsOf = None
) -> ClassificationListResponse:
    """The home classifications as they were at ``asOfTime``."""
    as_of_time = request.as_of_time if request else None
    found = collection.get_home_classifications(user_id, entity_guid, as_of_time)
    return paged(ClassificationListResponse, found, 0, 0)
