"""OMRS REST: classifying entities (Group 4), by GUID or through an ``EntityProxy``.

Java overloads ``classifyEntity`` four ways, ``declassifyEntity`` and ``updateEntityClassification`` two
ways each; the proxy forms (paths without ``{entityGUID}``) answer a ``ClassificationResponse``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path

from graphrepo.api._routing import Collection, Routes, UserId, required
from graphrepo.api._security import Access
from graphrepo.omrs import (
    ClassificationProxyRequest,
    ClassificationRequest,
    ClassificationResponse,
    EntityDetailResponse,
    EntityProxy,
    InstancePropertiesRequest,
    OMRSAPIRequest,
    ProxyClassificationRequest,
)

routes = Routes("classifications")
router = routes.router

WRITE = Access.WRITE

EntityGuid = Annotated[str, Path(alias="entityGUID")]
ClassificationName = Annotated[str, Path(alias="classificationName")]

_BY_GUID = "/instances/entity/{entityGUID}/classification/{classificationName}"
_BY_PROXY = "/instances/entity/classification/{classificationName}"


@routes.post(
    _BY_GUID,
    EntityDetailResponse,
    name="classifyEntity",
    access=WRITE,
    body="propertiesRequestBody",
)
def classify_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    classification_name: ClassificationName,
    request: Annotated[InstancePropertiesRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Add a classification to an entity."""
    properties = request.instance_properties if request else None
    entity = collection.classify_entity(user_id, entity_guid, classification_name, properties)
    return EntityDetailResponse(entity=entity)


@routes.post(
    _BY_PROXY,
    ClassificationResponse,
    name="classifyEntity",
    operation_id="classifyEntityProxy",
    access=WRITE,
    body="requestBody",
)
def classify_entity_proxy(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    request: Annotated[ProxyClassificationRequest | None, Body()] = None,
) -> ClassificationResponse:
    """Add a classification to the entity a proxy stands for (the proxy is stored if needed)."""
    body = request or ProxyClassificationRequest()
    classification = collection.classify_entity_proxy(
        user_id, required(body.entity_proxy, "entityProxy"), classification_name, body.instance_properties
    )
    return ClassificationResponse(classification=classification)


@routes.post(
    f"{_BY_GUID}/detailed",
    EntityDetailResponse,
    name="classifyEntity",
    operation_id="classifyEntityDetailed",
    access=WRITE,
    body="classificationRequestBody",
)
def classify_entity_detailed(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    classification_name: ClassificationName,
    request: Annotated[ClassificationRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Add a classification with its origin and, for an external source, its home."""
    body = request or ClassificationRequest()
    entity = collection.classify_entity(
        user_id,
        entity_guid,
        classification_name,
        body.classification_properties,
        external_source_guid=body.metadata_collection_id,
        external_source_name=body.metadata_collection_name,
        classification_origin=body.classification_origin,
        classification_origin_guid=body.classification_origin_guid,
    )
    return EntityDetailResponse(entity=entity)


@routes.post(
    f"{_BY_PROXY}/detailed",
    ClassificationResponse,
    name="classifyEntity",
    operation_id="classifyEntityProxyDetailed",
    access=WRITE,
    body="requestBody",
)
def classify_entity_proxy_detailed(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    request: Annotated[ClassificationProxyRequest | None, Body()] = None,
) -> ClassificationResponse:
    """The detailed form, through a proxy."""
    body = request or ClassificationProxyRequest()
    classification = collection.classify_entity_proxy(
        user_id,
        required(body.entity_proxy, "entityProxy"),
        classification_name,
        body.classification_properties,
        external_source_guid=body.metadata_collection_id,
        external_source_name=body.metadata_collection_name,
        classification_origin=body.classification_origin,
        classification_origin_guid=body.classification_origin_guid,
    )
    return ClassificationResponse(classification=classification)


@routes.post(
    f"{_BY_GUID}/delete",
    EntityDetailResponse,
    name="declassifyEntity",
    access=WRITE,
    body="requestBody",
)
def declassify_entity(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    classification_name: ClassificationName,
    request: Annotated[OMRSAPIRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Remove a classification (the optional body carries nothing Egeria 5.x uses)."""
    del request
    return EntityDetailResponse(
        entity=collection.declassify_entity(user_id, entity_guid, classification_name)
    )


@routes.post(
    f"{_BY_PROXY}/delete",
    ClassificationResponse,
    name="declassifyEntity",
    operation_id="declassifyEntityProxy",
    access=WRITE,
    body="requestBody",
)
def declassify_entity_proxy(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    entity_proxy: Annotated[EntityProxy | None, Body()] = None,
) -> ClassificationResponse:
    """Remove a classification through a proxy (bare ``EntityProxy`` body); the removed classification."""
    classification = collection.declassify_entity_proxy(
        user_id, required(entity_proxy, "entityProxy"), classification_name
    )
    return ClassificationResponse(classification=classification)


@routes.post(
    f"{_BY_GUID}/properties",
    EntityDetailResponse,
    name="updateEntityClassification",
    access=WRITE,
    body="propertiesRequestBody",
)
def update_entity_classification(
    user_id: UserId,
    collection: Collection,
    entity_guid: EntityGuid,
    classification_name: ClassificationName,
    request: Annotated[InstancePropertiesRequest | None, Body()] = None,
) -> EntityDetailResponse:
    """Replace a classification's properties."""
    properties = request.instance_properties if request else None
    entity = collection.update_entity_classification(user_id, entity_guid, classification_name, properties)
    return EntityDetailResponse(entity=entity)


@routes.post(
    f"{_BY_PROXY}/properties",
    ClassificationResponse,
    name="updateEntityClassification",
    operation_id="updateEntityClassificationProxy",
    access=WRITE,
    body="requestBody",
)
def update_entity_classification_proxy(
    user_id: UserId,
    collection: Collection,
    classification_name: ClassificationName,
    request: Annotated[ProxyClassificationRequest | None, Body()] = None,
) -> ClassificationResponse:
    """Replace a classification's properties through a proxy."""
    body = request or ProxyClassificationRequest()
    classification = collection.update_entity_classification_proxy(
        user_id, required(body.entity_proxy, "entityProxy"), classification_name, body.instance_properties
    )
    return ClassificationResponse(classification=classification)
