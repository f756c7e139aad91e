"""OMRS REST: reading one relationship (Group 3), maintaining relationships (Group 4) and their control
information (Group 5)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId, required
from graphrepo.api._security import Access
from graphrepo.omrs import (
    InstancePropertiesRequest,
    InstanceStatus,
    RelationshipCreateRequest,
    RelationshipResponse,
    TypeDefChangeRequest,
    TypeDefValidationForRequest,
    VoidResponse,
)

routes = Routes("relationships")
router = routes.router

READ, WRITE = Access.READ, Access.WRITE

Guid = Annotated[str, Path(alias="guid")]
RelationshipGuid = Annotated[str, Path(alias="relationshipGUID")]
Validation = Annotated[TypeDefValidationForRequest | None, Body()]
CreateRequest = Annotated[RelationshipCreateRequest | None, Body()]


@routes.get(
    "/instances/relationship/{guid}/existence",
    RelationshipResponse,
    name="isRelationshipKnown",
    access=READ,
)
def is_relationship_known(user_id: UserId, collection: Collection, guid: Guid) -> RelationshipResponse:
    """The relationship in any status, or no ``relationship`` (and no error) when it is not known."""
    return RelationshipResponse(relationship=collection.is_relationship_known(user_id, guid))


@routes.get("/instances/relationship/{guid}", RelationshipResponse, name="getRelationship", access=READ)
def get_relationship(user_id: UserId, collection: Collection, guid: Guid) -> RelationshipResponse:
    """The current relationship."""
    return RelationshipResponse(relationship=collection.get_relationship(user_id, guid))


@routes.post(
    "/instances/relationship",
    RelationshipResponse,
    name="addRelationship",
    access=WRITE,
    body="createRequestParameters",
)
def add_relationship(
    user_id: UserId, collection: Collection, request: CreateRequest = None
) -> RelationshipResponse:
    """Create a relationship homed in this repository between two known entities."""
    body = request or RelationshipCreateRequest()
    relationship = collection.add_relationship(
        user_id,
        required(body.relationship_type_guid, "relationshipTypeGUID"),
        body.initial_properties,
        required(body.entity_one_guid, "entityOneGUID"),
        required(body.entity_two_guid, "entityTwoGUID"),
        body.initial_status,
    )
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/external",
    RelationshipResponse,
    name="addExternalRelationship",
    access=WRITE,
    body="createRequestParameters",
)
def add_external_relationship(
    user_id: UserId, collection: Collection, request: CreateRequest = None
) -> RelationshipResponse:
    """Create a relationship homed in an external source (``metadataCollectionId``/``Name``)."""
    body = request or RelationshipCreateRequest()
    relationship = collection.add_external_relationship(
        user_id,
        required(body.relationship_type_guid, "relationshipTypeGUID"),
        body.metadata_collection_id,
        body.metadata_collection_name,
        body.initial_properties,
        required(body.entity_one_guid, "entityOneGUID"),
        required(body.entity_two_guid, "entityTwoGUID"),
        body.initial_status,
    )
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/{relationshipGUID}/status",
    RelationshipResponse,
    name="updateRelationshipStatus",
    access=WRITE,
    body="newStatus",
)
def update_relationship_status(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    new_status: Annotated[InstanceStatus | None, Body()] = None,
) -> RelationshipResponse:
    """Change the status (bare enum name body)."""
    relationship = collection.update_relationship_status(user_id, relationship_guid, new_status)
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/{relationshipGUID}/properties",
    RelationshipResponse,
    name="updateRelationshipProperties",
    access=WRITE,
    body="propertiesRequestBody",
)
def update_relationship_properties(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    request: Annotated[InstancePropertiesRequest | None, Body()] = None,
) -> RelationshipResponse:
    """Replace the relationship's properties."""
    properties = request.instance_properties if request else None
    relationship = collection.update_relationship_properties(user_id, relationship_guid, properties)
    return RelationshipResponse(relationship=relationship)


@routes.get(
    "/instances/relationship/{relationshipGUID}/previous",
    RelationshipResponse,
    name="undoRelationshipUpdate",
    access=WRITE,
)
def undo_relationship_update(
    user_id: UserId, collection: Collection, relationship_guid: RelationshipGuid
) -> RelationshipResponse:
    """Restore the previous version's content (as a new version)."""
    return RelationshipResponse(relationship=collection.undo_relationship_update(user_id, relationship_guid))


@routes.post(
    "/instances/relationship/{obsoleteRelationshipGUID}/delete",
    RelationshipResponse,
    name="deleteRelationship",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def delete_relationship(
    user_id: UserId,
    collection: Collection,
    obsolete_guid: Annotated[str, Path(alias="obsoleteRelationshipGUID")],
    request: Validation = None,
) -> RelationshipResponse:
    """Soft-delete the relationship."""
    body = request or TypeDefValidationForRequest()
    relationship = collection.delete_relationship(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        obsolete_guid,
    )
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/{deletedRelationshipGUID}/purge",
    VoidResponse,
    name="purgeRelationship",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def purge_relationship(
    user_id: UserId,
    collection: Collection,
    deleted_guid: Annotated[str, Path(alias="deletedRelationshipGUID")],
    request: Validation = None,
) -> VoidResponse:
    """Remove a soft-deleted relationship for good."""
    body = request or TypeDefValidationForRequest()
    collection.purge_relationship(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        deleted_guid,
    )
    return VoidResponse()


@routes.get(
    "/instances/relationship/{deletedRelationshipGUID}/restore",
    RelationshipResponse,
    name="restoreRelationship",
    access=WRITE,
)
def restore_relationship(
    user_id: UserId,
    collection: Collection,
    deleted_guid: Annotated[str, Path(alias="deletedRelationshipGUID")],
) -> RelationshipResponse:
    """Undo a soft delete."""
    return RelationshipResponse(relationship=collection.restore_relationship(user_id, deleted_guid))


@routes.post(
    "/instances/relationship/{relationshipGUID}/identity",
    RelationshipResponse,
    name="reIdentifyRelationship",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def re_identify_relationship(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    new_guid: Annotated[str, Query(alias="newRelationshipGUID")],
    request: Validation = None,
) -> RelationshipResponse:
    """Give the relationship a new GUID."""
    body = request or TypeDefValidationForRequest()
    relationship = collection.re_identify_relationship(
        user_id,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        relationship_guid,
        new_guid,
    )
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/{relationshipGUID}/type",
    RelationshipResponse,
    name="reTypeRelationship",
    access=WRITE,
    body="typeDefChangeRequest",
)
def re_type_relationship(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    request: Annotated[TypeDefChangeRequest | None, Body()] = None,
) -> RelationshipResponse:
    """Change the relationship's type."""
    body = request or TypeDefChangeRequest()
    relationship = collection.re_type_relationship(
        user_id,
        relationship_guid,
        required(body.current_type_def, "currentTypeDefSummary"),
        required(body.new_type_def, "newTypeDefSummary"),
    )
    return RelationshipResponse(relationship=relationship)


@routes.post(
    "/instances/relationship/{relationshipGUID}/home/{homeMetadataCollectionId}",
    RelationshipResponse,
    name="reHomeRelationship",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def re_home_relationship(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    home_id: Annotated[str, Path(alias="homeMetadataCollectionId")],
    new_home_id: Annotated[str, Query(alias="newHomeMetadataCollectionId")],
    new_home_name: Annotated[str | None, Query(alias="newHomeMetadataCollectionName")] = None,
    request: Validation = None,
) -> RelationshipResponse:
    """Make this repository the home of a relationship reference copy it holds."""
    body = request or TypeDefValidationForRequest()
    relationship = collection.re_home_relationship(
        user_id,
        relationship_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
        new_home_id,
        new_home_name,
    )
    return RelationshipResponse(relationship=relationship)
