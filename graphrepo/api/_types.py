"""OMRS REST: the repository's identity (Group 1) and its TypeDefs (Group 2).

Paths, verbs, bodies and query parameters are those of Egeria 5.4's ``LocalRepositoryServicesResource``;
what each handler passes on follows ``OMRSRepositoryRESTServices`` (a missing body means null values).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Body, Path, Query

from graphrepo.api._routing import Collection, Routes, UserId
from graphrepo.api._security import Access
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeTypeDefCategory,
    AttributeTypeDefListResponse,
    AttributeTypeDefResponse,
    BooleanResponse,
    MetadataCollectionIdResponse,
    TypeDefCategory,
    TypeDefGallery,
    TypeDefGalleryResponse,
    TypeDefListResponse,
    TypeDefPatch,
    TypeDefProperties,
    TypeDefReIdentifyRequest,
    TypeDefResponse,
    VoidResponse,
)

routes = Routes("types")
router = routes.router

READ, ADMIN = Access.READ, Access.ADMINISTER

Guid = Annotated[str, Path(alias="guid")]
Name = Annotated[str, Path(alias="name")]


@routes.get(
    "/metadata-collection-id",
    MetadataCollectionIdResponse,
    name="getMetadataCollectionId",
    access=READ,
)
def get_metadata_collection_id(user_id: UserId, collection: Collection) -> MetadataCollectionIdResponse:
    """The metadata collection id this repository registered with its cohorts."""
    return MetadataCollectionIdResponse(metadata_collection_id=collection.get_metadata_collection_id(user_id))


@routes.get("/types/all", TypeDefGalleryResponse, name="getAllTypes", access=READ)
def get_all_types(user_id: UserId, collection: Collection) -> TypeDefGalleryResponse:
    """Every AttributeTypeDef and TypeDef."""
    return _gallery(collection.get_all_types(user_id))


@routes.get("/types/by-name", TypeDefGalleryResponse, name="findTypesByName", access=READ)
def find_types_by_name(
    user_id: UserId, collection: Collection, name: Annotated[str, Query()]
) -> TypeDefGalleryResponse:
    """The types whose name matches ``name`` (a regular expression)."""
    return _gallery(collection.find_types_by_name(user_id, name))


@routes.post(
    "/types/typedefs/by-category",
    TypeDefListResponse,
    name="findTypeDefsByCategory",
    access=READ,
    body="category",
)
def find_type_defs_by_category(
    user_id: UserId, collection: Collection, category: Annotated[TypeDefCategory | None, Body()] = None
) -> TypeDefListResponse:
    """The TypeDefs of one category; the body is the bare enum name, such as ``"ENTITY_DEF"``."""
    return TypeDefListResponse(type_defs=collection.find_type_defs_by_category(user_id, category))


@routes.post(
    "/types/attribute-typedefs/by-category",
    AttributeTypeDefListResponse,
    name="findAttributeTypeDefsByCategory",
    access=READ,
    body="category",
)
def find_attribute_type_defs_by_category(
    user_id: UserId,
    collection: Collection,
    category: Annotated[AttributeTypeDefCategory | None, Body()] = None,
) -> AttributeTypeDefListResponse:
    """The AttributeTypeDefs of one category (bare enum name body)."""
    found = collection.find_attribute_type_defs_by_category(user_id, category)
    return AttributeTypeDefListResponse(attribute_type_defs=found)


@routes.get(
    "/types/typedefs/by-property",
    TypeDefListResponse,
    name="findTypeDefsByProperty",
    access=READ,
    body="matchCriteria",
)
def find_type_defs_by_property(
    user_id: UserId,
    collection: Collection,
    match_criteria: Annotated[TypeDefProperties | None, Body()] = None,
) -> TypeDefListResponse:
    """The TypeDefs that have the named properties (Egeria takes a body on this GET)."""
    return TypeDefListResponse(type_defs=collection.find_type_defs_by_property(user_id, match_criteria))


@routes.get(
    "/types/typedefs/by-external-id",
    TypeDefListResponse,
    name="findTypesByExternalID",
    access=READ,
)
def find_types_by_external_id(
    user_id: UserId,
    collection: Collection,
    standard: Annotated[str | None, Query()] = None,
    organization: Annotated[str | None, Query()] = None,
    identifier: Annotated[str | None, Query()] = None,
) -> TypeDefListResponse:
    """The TypeDefs mapped to an external standard."""
    found = collection.find_types_by_external_id(user_id, standard, organization, identifier)
    return TypeDefListResponse(type_defs=found)


@routes.get(
    "/types/typedefs/by-property-value",
    TypeDefListResponse,
    name="searchForTypeDefs",
    access=READ,
)
def search_for_type_defs(
    user_id: UserId, collection: Collection, search_criteria: Annotated[str, Query(alias="searchCriteria")]
) -> TypeDefListResponse:
    """The TypeDefs whose name or description matches a regular expression."""
    return TypeDefListResponse(type_defs=collection.search_for_type_defs(user_id, search_criteria))


@routes.get("/types/typedef/{guid}", TypeDefResponse, name="getTypeDefByGUID", access=READ)
def get_type_def_by_guid(user_id: UserId, collection: Collection, guid: Guid) -> TypeDefResponse:
    """One TypeDef by GUID."""
    return TypeDefResponse(type_def=collection.get_type_def_by_guid(user_id, guid))


@routes.get(
    "/types/attribute-typedef/{guid}",
    AttributeTypeDefResponse,
    name="getAttributeTypeDefByGUID",
    access=READ,
)
def get_attribute_type_def_by_guid(
    user_id: UserId, collection: Collection, guid: Guid
) -> AttributeTypeDefResponse:
    """One AttributeTypeDef by GUID."""
    return AttributeTypeDefResponse(
        attribute_type_def=collection.get_attribute_type_def_by_guid(user_id, guid)
    )


@routes.get("/types/typedef/name/{name}", TypeDefResponse, name="getTypeDefByName", access=READ)
def get_type_def_by_name(user_id: UserId, collection: Collection, name: Name) -> TypeDefResponse:
    """One TypeDef by name."""
    return TypeDefResponse(type_def=collection.get_type_def_by_name(user_id, name))


@routes.get(
    "/types/attribute-typedef/name/{name}",
    AttributeTypeDefResponse,
    name="getAttributeTypeDefByName",
    access=READ,
)
def get_attribute_type_def_by_name(
    user_id: UserId, collection: Collection, name: Name
) -> AttributeTypeDefResponse:
    """One AttributeTypeDef by name."""
    return AttributeTypeDefResponse(
        attribute_type_def=collection.get_attribute_type_def_by_name(user_id, name)
    )


@routes.post("/types", VoidResponse, name="addTypeDefGallery", access=ADMIN, body="newTypes")
def add_type_def_gallery(
    user_id: UserId, collection: Collection, new_types: Annotated[TypeDefGallery | None, Body()] = None
) -> VoidResponse:
    """Add the AttributeTypeDefs, then the TypeDefs, of a gallery."""
    collection.add_type_def_gallery(user_id, new_types)
    return VoidResponse()


@routes.post("/types/typedef", VoidResponse, name="addTypeDef", access=ADMIN, body="newTypeDef")
def add_type_def(
    user_id: UserId, collection: Collection, new_type_def: Annotated[AnyTypeDef | None, Body()] = None
) -> VoidResponse:
    """Add a TypeDef (bare ``EntityDef``, ``RelationshipDef`` or ``ClassificationDef`` body)."""
    collection.add_type_def(user_id, new_type_def)
    return VoidResponse()


@routes.post(
    "/types/attribute-typedef",
    VoidResponse,
    name="addAttributeTypeDef",
    access=ADMIN,
    body="newAttributeTypeDef",
)
def add_attribute_type_def(
    user_id: UserId,
    collection: Collection,
    new_attribute_type_def: Annotated[AnyAttributeTypeDef | None, Body()] = None,
) -> VoidResponse:
    """Add an AttributeTypeDef (bare ``PrimitiveDef``, ``EnumDef`` or ``CollectionDef`` body)."""
    collection.add_attribute_type_def(user_id, new_attribute_type_def)
    return VoidResponse()


@routes.post(
    "/types/typedef/compatibility",
    BooleanResponse,
    name="verifyTypeDef",
    access=READ,
    body="typeDef",
)
def verify_type_def(
    user_id: UserId, collection: Collection, type_def: Annotated[AnyTypeDef | None, Body()] = None
) -> BooleanResponse:
    """True when this TypeDef is already known exactly; TypeDefConflictException when it clashes."""
    return BooleanResponse(flag=collection.verify_type_def(user_id, type_def))


@routes.post(
    "/types/attribute-typedef/compatibility",
    BooleanResponse,
    name="verifyAttributeTypeDef",
    access=READ,
    body="attributeTypeDef",
)
def verify_attribute_type_def(
    user_id: UserId,
    collection: Collection,
    attribute_type_def: Annotated[AnyAttributeTypeDef | None, Body()] = None,
) -> BooleanResponse:
    """True when this AttributeTypeDef is already known exactly."""
    return BooleanResponse(flag=collection.verify_attribute_type_def(user_id, attribute_type_def))


@routes.post(
    "/types/typedef/update",
    TypeDefResponse,
    name="updateTypeDef",
    access=ADMIN,
    body="typeDefPatch",
)
def update_type_def(
    user_id: UserId, collection: Collection, type_def_patch: Annotated[TypeDefPatch | None, Body()] = None
) -> TypeDefResponse:
    """Apply a TypeDefPatch; the TypeDef as it now is."""
    return TypeDefResponse(type_def=collection.update_type_def(user_id, type_def_patch))


@routes.post("/types/typedef/{guid}/delete", VoidResponse, name="deleteTypeDef", access=ADMIN)
def delete_type_def(
    user_id: UserId, collection: Collection, guid: Guid, name: Annotated[str, Query()]
) -> VoidResponse:
    """Delete a TypeDef that no instance uses."""
    collection.delete_type_def(user_id, guid, name)
    return VoidResponse()


@routes.post(
    "/types/attribute-typedef/{guid}/delete",
    VoidResponse,
    name="deleteAttributeTypeDef",
    access=ADMIN,
)
def delete_attribute_type_def(
    user_id: UserId, collection: Collection, guid: Guid, name: Annotated[str, Query()]
) -> VoidResponse:
    """Delete an AttributeTypeDef that no TypeDef uses."""
    collection.delete_attribute_type_def(user_id, guid, name)
    return VoidResponse()


@routes.post(
    "/types/typedef/{originalTypeDefGUID}/identifier",
    TypeDefResponse,
    name="reIdentifyTypeDef",
    access=ADMIN,
    body="requestParameters",
)
def re_identify_type_def(
    user_id: UserId,
    collection: Collection,
    original_guid: Annotated[str, Path(alias="originalTypeDefGUID")],
    request: Annotated[TypeDefReIdentifyRequest | None, Body()] = None,
) -> TypeDefResponse:
    """Give a TypeDef a new GUID and name."""
    body = request or TypeDefReIdentifyRequest()
    type_def = collection.re_identify_type_def(
        user_id, original_guid, body.original_type_def_name, body.new_type_def_guid, body.new_type_def_name
    )
    return TypeDefResponse(type_def=type_def)


@routes.post(
    "/types/attribute-typedef/{originalAttributeTypeDefGUID}/identifier",
    AttributeTypeDefResponse,
    name="reIdentifyAttributeTypeDef",
    access=ADMIN,
    body="requestParameters",
)
def re_identify_attribute_type_def(
    user_id: UserId,
    collection: Collection,
    original_guid: Annotated[str, Path(alias="originalAttributeTypeDefGUID")],
    request: Annotated[TypeDefReIdentifyRequest | None, Body()] = None,
) -> AttributeTypeDefResponse:
    """Give an AttributeTypeDef a new GUID and name."""
    body = request or TypeDefReIdentifyRequest()
    attribute_type_def = collection.re_identify_attribute_type_def(
        user_id, original_guid, body.original_type_def_name, body.new_type_def_guid, body.new_type_def_name
    )
    return AttributeTypeDefResponse(attribute_type_def=attribute_type_def)


def _gallery(gallery: TypeDefGallery | None) -> TypeDefGalleryResponse:
    if gallery is None:
        return TypeDefGalleryResponse()
    return TypeDefGalleryResponse(
        attribute_type_defs=gallery.attribute_type_defs, type_defs=gallery.type_defs
    )
