"""The parameter and TypeDef checks of the Group 2 operations, with Egeria's exceptions and messages.

Transcribed from ``OMRSRepositoryContentValidator`` (``validateUserId``, ``validateTypeDefIds``,
``validateTypeDef``, ...) as the local repository wrapper chains them. Egeria only tests for ``null``;
an empty string is treated the same here, because over REST an empty path segment is how "nothing" arrives.

Egeria accepts a new TypeDef whose supertype, end types, valid entity types or attribute types are unknown,
and the gallery then silently loses inheritance; :func:`check_type_def_references` refuses such a type with
``InvalidTypeDefException`` (``PatchErrorException`` when a patch introduces the dangling reference).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from graphrepo.metamodel._codes import GraphRepoTypeErrorCode
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    ClassificationDef,
    EntityDef,
    InvalidParameterException,
    InvalidTypeDefException,
    OMRSCheckedException,
    OMRSErrorCode,
    RelationshipDef,
    TypeDefCategory,
    to_json,
)

__all__ = [
    "CURRENT_TYPE_DEF_HEADER_VERSION",
    "check_attribute_type_def",
    "check_attribute_type_def_ids",
    "check_guid",
    "check_present",
    "check_type_def",
    "check_type_def_ids",
    "check_type_def_references",
    "check_user_id",
]

CURRENT_TYPE_DEF_HEADER_VERSION = 1
"""``TypeDefElementHeader.CURRENT_TYPE_DEF_HEADER_VERSION``: a newer header cannot be understood."""

_CATEGORY_OF_CLASS: Mapping[type, TypeDefCategory] = {
    EntityDef: TypeDefCategory.ENTITY_DEF,
    RelationshipDef: TypeDefCategory.RELATIONSHIP_DEF,
    ClassificationDef: TypeDefCategory.CLASSIFICATION_DEF,
}


def _missing(value: object) -> bool:
    return value is None or value == ""


def check_user_id(user_id: str | None, method: str, repository: str) -> None:
    if _missing(user_id):
        raise InvalidParameterException.from_code(
            OMRSErrorCode.NULL_USER_ID, "userId", method, repository, action=method, parameter_name="userId"
        )


def check_guid(guid: str | None, parameter: str, method: str, repository: str) -> str:
    if guid is None or guid == "":
        raise InvalidParameterException.from_code(
            OMRSErrorCode.NO_GUID, parameter, method, repository, action=method, parameter_name=parameter
        )
    return guid


def check_present(value: object, code: OMRSErrorCode, parameter: str, method: str, repository: str) -> None:
    """``value`` must be given; otherwise InvalidParameterException with ``code(parameter, method, repo)``."""
    if _missing(value):
        raise InvalidParameterException.from_code(
            code, parameter, method, repository, action=method, parameter_name=parameter
        )


def check_type_def_ids(
    guid: str | None, name: str | None, guid_parameter: str, name_parameter: str, method: str, repository: str
) -> tuple[str, str]:
    check_present(guid, OMRSErrorCode.NULL_TYPEDEF_IDENTIFIER, guid_parameter, method, repository)
    check_present(name, OMRSErrorCode.NO_TYPEDEF_NAME, name_parameter, method, repository)
    return str(guid), str(name)


def check_attribute_type_def_ids(
    guid: str | None, name: str | None, guid_parameter: str, name_parameter: str, method: str, repository: str
) -> tuple[str, str]:
    check_present(guid, OMRSErrorCode.NULL_ATTRIBUTE_TYPEDEF_IDENTIFIER, guid_parameter, method, repository)
    check_present(name, OMRSErrorCode.NO_ATTRIBUTE_TYPEDEF_NAME, name_parameter, method, repository)
    return str(guid), str(name)


def _check_header(header_version: int, name: str | None, method: str, repository: str) -> None:
    if header_version > CURRENT_TYPE_DEF_HEADER_VERSION:
        raise InvalidTypeDefException.from_code(
            OMRSErrorCode.UNSUPPORTED_TYPE_HEADER_VERSION,
            method,
            repository,
            name,
            header_version,
            header_version,
            action=method,
        )


def check_type_def(type_def: AnyTypeDef | None, parameter: str, method: str, repository: str) -> AnyTypeDef:
    """``validateTypeDef``: present, a header we understand, ids, a category matching its class."""
    if type_def is None:
        raise InvalidParameterException.from_code(
            OMRSErrorCode.NULL_TYPEDEF, parameter, method, repository, action=method, parameter_name=parameter
        )
    _check_header(type_def.header_version, type_def.name, method, repository)
    check_type_def_ids(
        type_def.guid, type_def.name, f"{parameter}.getGUID", f"{parameter}.getName", method, repository
    )
    if type_def.category is TypeDefCategory.UNKNOWN_DEF:
        check_present(None, OMRSErrorCode.NO_TYPEDEF_CATEGORY, f"{parameter}.getCategory", method, repository)
    if _CATEGORY_OF_CLASS.get(type(type_def)) is not type_def.category:
        raise invalid_type_def(type_def, parameter, method, repository)
    return type_def


def check_attribute_type_def(
    attribute_type_def: AnyAttributeTypeDef | None, parameter: str, method: str, repository: str
) -> AnyAttributeTypeDef:
    """``validateAttributeTypeDef``: present, a header we understand, ids, a category."""
    if attribute_type_def is None:
        raise InvalidParameterException.from_code(
            OMRSErrorCode.NULL_ATTRIBUTE_TYPEDEF,
            parameter,
            method,
            repository,
            action=method,
            parameter_name=parameter,
        )
    _check_header(attribute_type_def.header_version, attribute_type_def.name, method, repository)
    check_attribute_type_def_ids(
        attribute_type_def.guid,
        attribute_type_def.name,
        f"{parameter}.getGUID",
        f"{parameter}.getName",
        method,
        repository,
    )
    check_present(
        attribute_type_def.category,
        OMRSErrorCode.NO_ATTRIBUTE_TYPEDEF_CATEGORY,
        f"{parameter}.getCategory",
        method,
        repository,
    )
    return attribute_type_def


def invalid_type_def(
    type_def: AnyTypeDef, parameter: str, method: str, repository: str
) -> InvalidTypeDefException:
    return InvalidTypeDefException.from_code(
        OMRSErrorCode.INVALID_TYPEDEF,
        type_def.name,
        type_def.guid,
        parameter,
        method,
        repository,
        to_json(type_def),
        action=method,
    )


def check_type_def_references(
    type_def: AnyTypeDef,
    type_defs: Callable[[str], AnyTypeDef | None],
    attribute_type_defs: Callable[[str], AnyAttributeTypeDef | None],
    method: str,
    repository: str,
    *,
    exception: type[OMRSCheckedException] = InvalidTypeDefException,
) -> None:
    """Every type ``type_def`` names must exist (looked up by name, GUIDs must agree): its supertype (same
    category), relationship end types and valid entity types (EntityDefs) and attribute types (by GUID)."""

    def refuse(what: str, ref_kind: str, ref_name: object, ref_guid: object) -> OMRSCheckedException:
        return exception.from_code(
            GraphRepoTypeErrorCode.TYPE_REFERENCE_NOT_KNOWN,
            type_def.name,
            type_def.guid,
            ref_kind,
            ref_name,
            ref_guid,
            what,
            repository,
            action=method,
        )

    def require(link_name: str | None, link_guid: str | None, what: str, category: TypeDefCategory) -> None:
        known = type_defs(link_name) if link_name else None
        if known is None or known.category is not category or (link_guid and link_guid != known.guid):
            raise refuse(what, category.display_name, link_name, link_guid)

    if type_def.super_type is not None:
        require(type_def.super_type.name, type_def.super_type.guid, "superType", type_def.category)
    if isinstance(type_def, RelationshipDef):
        for label, end in (("endDef1", type_def.end_def1), ("endDef2", type_def.end_def2)):
            if end is None or end.entity_type is None:
                raise refuse(label, "EntityDef", None, None)
            require(end.entity_type.name, end.entity_type.guid, label, TypeDefCategory.ENTITY_DEF)
    if isinstance(type_def, ClassificationDef):
        for link in type_def.valid_entity_defs:
            require(link.name, link.guid, "validEntityDefs", TypeDefCategory.ENTITY_DEF)
    for attribute in type_def.properties_definition:
        attribute_type = attribute.attribute_type
        where = f"propertiesDefinition.{attribute.attribute_name}"
        if attribute.attribute_name is None or attribute_type is None or attribute_type.guid is None:
            raise refuse(where, "AttributeTypeDef", None, None)
        known_attribute = attribute_type_defs(attribute_type.guid)
        if known_attribute is None or known_attribute.name != attribute_type.name:
            raise refuse(where, "AttributeTypeDef", attribute_type.name, attribute_type.guid)
