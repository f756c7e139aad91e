"""OMRS REST: reading one entity (Group 3), maintaining entities (Group 4) and their control information
(Group 5). Classifications are in ``_classifications.py``; history in ``_history.py``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId, required
from graphrepo.api._security import Access
from graphrepo.omrs import (
    EntityCreateRequest,
    EntityDetailResponse,
    EntityProxy,
    EntitySummaryResponse,
    InstancePropertiesRequest,
    InstanceStatus,
    TypeDefChangeRequest,
    TypeDefValidationForRequest,
    VoidResponse,
)

routes = Routes("entities")
router = routes.router

READ, WRITE = Access.READ, Access.WRITE

Guid = Annotated[str, Path(alias="guid")]
EntityGuid = Annotated[str, Path(alias="entityGUID")]
Validation = Annotated[TypeDefValidationForRequest | None, Body()]


@routes.get(
    "/instances/entity/{guid}/existence",
    EntityDetailResponse,
    name="isEntityKnown",
    access=READ,
)
def is_entity_known(user_id: UserId, collection: Collection, guid: Guid) -> EntityDetailResponse:
    """The entity in any status, or no ``entity`` (and no error) when it is not known."""
    return EntityDetailResponse(entity=collection.is_entity_known(user_id, guid))


@routes.get(
    "/instances/entity/{guid}/summary",
    EntitySummaryResponse,
    name="getEntitySummary",
    access=READ,
)
def get_entity_summary(user_id: UserId, collection: Collection, guid: Guid) -> EntitySummaryResponse:
    """The entity's header and classifications (also from a proxy)."""
    return EntitySummaryResponse(entity=collection.get_entity_summary(user_id, guid))


@routes.get("/instances/entity/{guid}", EntityDetailResponse, name="getEntityDetail", access=READ)
def get_entity_detail(user_id: UserId, collection: Collection, guid: Guid) -> EntityDetailResponse:
    """The current entity."""
    return EntityDetailResponse(entity=collection.get_entity_detail(user_id, guid))


@routes.post(
    "/instances/entity",
    EntityDetailResponse,
    name="addEntity",
    access=WRITE,
    body="requestBody",
)
def add_entity(
    user_id: UserId, collection: Collection, request: Annotated[EntityCreateRequest | None, Body()] = None
) -> EntityDetailResponse:
    """Create an entity homed in this repository."""
    body = request or EntityCreateRequest()
    entity = collection.add_entity(
        user_id,
        required(body.entity_type_guid, "entityTypeGUID"),
        body.initial_properties,
        body.initial_classifications or None,
        body.initial_status,
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    "/instances/entity/external",
    EntityDetailResponse,
    name="addExternalEntity",
    access=WRITE,
    body="requestBody",
)
def add_external_entity(
    user_id: UserId, collection: Collection, request: Annotated[EntityCreateRequest | None, Body()] = None
) -> EntityDetailResponse:
    """Create an entity homed in an external source (``metadataCollectionId``/``Name`` name the source)."""
    body = request or EntityCreateRequest()
    entity = collection.add_external_entity(
        user_id,
        required(body.entity_type_guid, "entityTypeGUID"),
        body.metadata_collection_id,
        body.metadata_collection_name,
        body.initial_properties,
        body.initial_classifications or None,
        body.initial_status,
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    "/instances/entity-proxy",
    VoidResponse,
    name="addEntityProxy",
    access=WRITE,
    body="entityProxy",
)
def add_entity_proxy(
    user_id: UserId, collection: Collection, entity_proxy: Annotated[EntityProxy | None, Body()] = None
) -> VoidResponse:
    """Store a proxy for an entity homed elsewhere (bare ``EntityProxy`` body)."""
    collection.add_entity_proxy(user_id, entity_proxy)
    return VoidResponse()


@routes.post(
    "/instances/entity/{entityGUID}/status",
    EntityDetailResponse,
    name="updateEntityStatus",
    access=WRITE,
    body="newStatus",
)
def update_entity_status(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    new_status: Annotated[InstanceStatus | None, Body()] = None,
) -> EntityDetailResponse:
    """Change the status (bare enum name body, such as ``"ACTIVE"``)."""
    return EntityDetailResponse(entity=collection.update_entity_status(user_id, entity_guid, new_status))


@routes.post(
    "/instances/entity/{entityGUID}/properties",
    EntityDetailResponse,
    name="updateEntityProperties",
    access=WRITE,
    body="propertiesRequestBody",
)
def update_entity_properties(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    request: Annotated[InstancePropertiesRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Replace the entity's properties."""
    properties = request.instance_properties if request else None
    return EntityDetailResponse(entity=collection.update_entity_properties(user_id, entity_guid, properties))


@routes.get(
    "/instances/entity/{entityGUID}/previous",
    EntityDetailResponse,
    name="undoEntityUpdate",
    access=WRITE,
)
def undo_entity_update(
    user_id: UserId, collection: Collection, entity_guid: EntityGuid
) -> EntityDetailResponse:
    """Restore the previous version's content (as a new version)."""
    return EntityDetailResponse(entity=collection.undo_entity_update(user_id, entity_guid))


@routes.post(
    "/instances/entity/{obsoleteEntityGUID}/delete",
    EntityDetailResponse,
    name="deleteEntity",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def delete_entity(
    user_id: UserId,
    collection: Collection,
    obsolete_guid: Annotated[str, Path(alias="obsoleteEntityGUID")],
    request: Validation = None,
) -> EntityDetailResponse:
    """Soft-delete the entity (and its locally homed relationships)."""
    body = request or TypeDefValidationForRequest()
    entity = collection.delete_entity(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        obsolete_guid,
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    "/instances/entity/{deletedEntityGUID}/purge",
    VoidResponse,
    name="purgeEntity",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def purge_entity(
    user_id: UserId,
    collection: Collection,
    deleted_guid: Annotated[str, Path(alias="deletedEntityGUID")],
    request: Validation = None,
) -> VoidResponse:
    """Remove a soft-deleted entity and its relationships for good."""
    body = request or TypeDefValidationForRequest()
    collection.purge_entity(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        deleted_guid,
    )
    return VoidResponse()


@routes.get(
    "/instances/entity/{deletedEntityGUID}/restore",
    EntityDetailResponse,
    name="restoreEntity",
    access=WRITE,
)
def restore_entity(
    user_id: UserId, collection: Collection, deleted_guid: Annotated[str, Path(alias="deletedEntityGUID")]
) -> EntityDetailResponse:
    """Undo a soft delete."""
    return EntityDetailResponse(entity=collection.restore_entity(user_id, deleted_guid))


@routes.post(
    "/instances/entity/{entityGUID}/identity",
    EntityDetailResponse,
    name="reIdentifyEntity",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def re_identify_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    new_entity_guid: Annotated[str, Query(alias="newEntityGUID")],
    request: Validation = None,
) -> EntityDetailResponse:
    """Give the entity a new GUID."""
    body = request or TypeDefValidationForRequest()
    entity = collection.re_identify_entity(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        entity_guid,
        new_entity_guid,
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    "/instances/entity/{entityGUID}/type",
    EntityDetailResponse,
    name="reTypeEntity",
    access=WRITE,
    body="typeDefChangeRequest",
)
def re_type_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    request: Annotated[TypeDefChangeRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Change the entity's type to a sub- or supertype."""
    body = request or TypeDefChangeRequest()
    entity = collection.re_type_entity(
        user_id,
        entity_guid,
        required(body.current_type_def, "currentTypeDefSummary"),
        required(body.new_type_def, "newTypeDefSummary"),
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    "/instances/entity/{entityGUID}/home/{homeMetadataCollectionId}",
    EntityDetailResponse,
    name="reHomeEntity",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def re_home_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    home_id: Annotated[str, Path(alias="homeMetadataCollectionId")],
    new_home_id: Annotated[str, Query(alias="newHomeMetadataCollectionId")],
    new_home_name: Annotated[str | None, Query(alias="newHomeMetadataCollectionName")] = None,
    request: Validation = None,
) -> EntityDetailResponse:
    """Make this repository the home of a reference copy it holds."""
    body = request or TypeDefValidationForRequest()
    entity = collection.re_home_entity(
        user_id,
        entity_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
        new_home_id,
        new_home_name,
    )
    return EntityDetailResponse(entity=entity)
