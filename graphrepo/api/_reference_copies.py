"""OMRS REST: reference-copy housekeeping (Group 6): copies of instances homed in other repositories.

Changes made here are never announced as events (a refresh asks the home to re-send instead).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId, required
from graphrepo.api._security import Access
from graphrepo.omrs import (
    ClassificationWithEntityRequest,
    EntityDetail,
    InstanceGraph,
    InstanceGraphRequest,
    Relationship,
    TypeDefValidationForRequest,
    VoidResponse,
)

routes = Routes("reference copies")
router = routes.router

WRITE = Access.WRITE

EntityBody = Annotated[EntityDetail | None, Body()]
RelationshipBody = Annotated[Relationship | None, Body()]
Validation = Annotated[TypeDefValidationForRequest | None, Body()]
HomeId = Annotated[str, Query(alias="homeMetadataCollectionId")]
EntityGuid = Annotated[str, Path(alias="entityGUID")]
RelationshipGuid = Annotated[str, Path(alias="relationshipGUID")]
ClassificationBody = Annotated[ClassificationWithEntityRequest | None, Body()]

_ENTITIES = "/instances/entities/reference-copy"
_CLASSIFICATIONS = "/instances/entities/classifications/reference-copy"
_RELATIONSHIPS = "/instances/relationships/reference-copy"


# --- entities ---------------------------------------------------------------------------------------------


@routes.post(_ENTITIES, VoidResponse, name="saveEntityReferenceCopy", access=WRITE, body="entity")
def save_entity_reference_copy(
    user_id: UserId, collection: Collection, entity: EntityBody = None
) -> VoidResponse:
    """Store a copy of an entity homed elsewhere (bare ``EntityDetail`` body)."""
    collection.save_entity_reference_copy(user_id, entity)
    return VoidResponse()


@routes.post(
    f"{_ENTITIES}/delete",
    VoidResponse,
    name="deleteEntityReferenceCopy",
    access=WRITE,
    body="entity",
)
def delete_entity_reference_copy(
    user_id: UserId, collection: Collection, entity: EntityBody = None
) -> VoidResponse:
    """Store the deleted version of a reference copy."""
    collection.delete_entity_reference_copy(user_id, entity)
    return VoidResponse()


@routes.post(
    f"{_ENTITIES}/purge",
    VoidResponse,
    name="purgeEntityReferenceCopy",
    access=WRITE,
    body="entity",
)
def purge_entity_reference_copy(
    user_id: UserId, collection: Collection, entity: EntityBody = None
) -> VoidResponse:
    """Remove a reference copy."""
    collection.purge_entity_reference_copy(user_id, entity)
    return VoidResponse()


@routes.post(
    f"{_ENTITIES}/{{entityGUID}}/purge",
    VoidResponse,
    name="purgeEntityReferenceCopy",
    operation_id="purgeEntityReferenceCopyByGUID",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def purge_entity_reference_copy_by_guid(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    home_id: HomeId,
    request: Validation = None,
) -> VoidResponse:
    """Remove a reference copy named by GUID, type and home."""
    body = request or TypeDefValidationForRequest()
    collection.purge_entity_reference_copy_by_guid(
        user_id,
        entity_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
    )
    return VoidResponse()


@routes.post(
    f"{_ENTITIES}/{{entityGUID}}/refresh",
    VoidResponse,
    name="refreshEntityReferenceCopy",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def refresh_entity_reference_copy(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    home_id: HomeId,
    request: Validation = None,
) -> VoidResponse:
    """Ask the home repository to send the entity again."""
    body = request or TypeDefValidationForRequest()
    collection.refresh_entity_reference_copy(
        user_id,
        entity_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
    )
    return VoidResponse()


# --- classifications --------------------------------------------------------------------------------------


@routes.post(
    _CLASSIFICATIONS,
    VoidResponse,
    name="saveClassificationReferenceCopy",
    access=WRITE,
    body="requestBody",
)
def save_classification_reference_copy(
    user_id: UserId, collection: Collection, request: ClassificationBody = None
) -> VoidResponse:
    """Store a copy of a classification homed elsewhere, on its entity or the entity's proxy."""
    # Egeria does nothing at all for a missing body.
    if request is not None:
        classification = required(request.classification, "classification")
        if request.entity is not None:
            collection.save_classification_reference_copy(user_id, request.entity, classification)
        else:
            proxy = required(request.entity_proxy, "entityProxy")
            collection.save_classification_reference_copy_proxy(user_id, proxy, classification)
    return VoidResponse()


@routes.post(
    f"{_CLASSIFICATIONS}/purge",
    VoidResponse,
    name="purgeClassificationReferenceCopy",
    access=WRITE,
    body="requestBody",
)
def purge_classification_reference_copy(
    user_id: UserId, collection: Collection, request: ClassificationBody = None
) -> VoidResponse:
    """Remove a classification reference copy."""
    if request is not None:
        classification = required(request.classification, "classification")
        if request.entity is not None:
            collection.purge_classification_reference_copy(user_id, request.entity, classification)
        else:
            proxy = required(request.entity_proxy, "entityProxy")
            collection.purge_classification_reference_copy_proxy(user_id, proxy, classification)
    return VoidResponse()


# --- relationships ----------------------------------------------------------------------------------------


@routes.post(
    _RELATIONSHIPS,
    VoidResponse,
    name="saveRelationshipReferenceCopy",
    access=WRITE,
    body="relationship",
)
def save_relationship_reference_copy(
    user_id: UserId, collection: Collection, relationship: RelationshipBody = None
) -> VoidResponse:
    """Store a copy of a relationship homed elsewhere (bare ``Relationship`` body)."""
    collection.save_relationship_reference_copy(user_id, relationship)
    return VoidResponse()


@routes.post(
    f"{_RELATIONSHIPS}/delete",
    VoidResponse,
    name="deleteRelationshipReferenceCopy",
    access=WRITE,
    body="relationship",
)
def delete_relationship_reference_copy(
    user_id: UserId, collection: Collection, relationship: RelationshipBody = None
) -> VoidResponse:
    """Store the deleted version of a relationship reference copy."""
    collection.delete_relationship_reference_copy(user_id, relationship)
    return VoidResponse()


@routes.post(
    f"{_RELATIONSHIPS}/purge",
    VoidResponse,
    name="purgeRelationshipReferenceCopy",
    access=WRITE,
    body="relationship",
)
def purge_relationship_reference_copy(
    user_id: UserId, collection: Collection, relationship: RelationshipBody = None
) -> VoidResponse:
    """Remove a relationship reference copy."""
    collection.purge_relationship_reference_copy(user_id, relationship)
    return VoidResponse()


@routes.post(
    f"{_RELATIONSHIPS}/{{relationshipGUID}}/purge",
    VoidResponse,
    name="purgeRelationshipReferenceCopy",
    operation_id="purgeRelationshipReferenceCopyByGUID",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def purge_relationship_reference_copy_by_guid(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    home_id: HomeId,
    request: Validation = None,
) -> VoidResponse:
    """Remove a relationship reference copy named by GUID, type and home."""
    body = request or TypeDefValidationForRequest()
    collection.purge_relationship_reference_copy_by_guid(
        user_id,
        relationship_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
    )
    return VoidResponse()


@routes.post(
    f"{_RELATIONSHIPS}/{{relationshipGUID}}/refresh",
    VoidResponse,
    name="refreshRelationshipReferenceCopy",
    access=WRITE,
    body="typeDefValidationForRequest",
)
def refresh_relationship_reference_copy(
    user_id: UserId,
    collection: Collection,
    relationship_guid: RelationshipGuid,
    home_id: HomeId,
    request: Validation = None,
) -> VoidResponse:
    """Ask the home repository to send the relationship again."""
    body = request or TypeDefValidationForRequest()
    collection.refresh_relationship_reference_copy(
        user_id,
        relationship_guid,
        required(body.type_def_guid, "typeDefGUID"),
        required(body.type_def_name, "typeDefName"),
        home_id,
    )
    return VoidResponse()


@routes.post(
    "/instances",
    VoidResponse,
    name="saveInstanceReferenceCopies",
    access=WRITE,
    body="instances",
)
def save_instance_reference_copies(
    user_id: UserId, collection: Collection, request: Annotated[InstanceGraphRequest | None, Body()] = None
) -> VoidResponse:
    """Store a graph of reference copies: entities first, then relationships."""
    body = request or InstanceGraphRequest()
    graph = InstanceGraph(entities=body.entity_element_list, relationships=body.relationship_element_list)
    collection.save_instance_reference_copies(user_id, graph)
    return VoidResponse()
