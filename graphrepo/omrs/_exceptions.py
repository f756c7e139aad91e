"""The OMRS checked-exception family, and its one conversion to and from Egeria's REST error body.

Hierarchy (each class carries its Egeria 5.x Java class name, which is what travels on the wire)::

    OMRSCheckedException                 org.odpi.openmetadata.repositoryservices.ffdc.exception.
    ├── InvalidParameterException          (+ parameter_name, sent as exceptionProperties.parameterName)
    ├── UserNotAuthorizedException         (+ user_id, sent as exceptionProperties.userId)
    ├── RepositoryErrorException           (any unknown exceptionClassName is received as this)
    │   └── RepositoryTimeoutException
    ├── FunctionNotSupportedException      (HTTP 501; callers stop calling maintenance methods)
    ├── TypeErrorException, PropertyErrorException, PagingErrorException, StatusNotSupportedException
    ├── ClassificationErrorException, PatchErrorException
    ├── EntityNotKnownException, RelationshipNotKnownException, EntityProxyOnlyException
    ├── EntityNotDeletedException, RelationshipNotDeletedException
    ├── HomeEntityException, HomeRelationshipException
    ├── EntityConflictException, RelationshipConflictException
    ├── InvalidEntityException, InvalidRelationshipException
    └── TypeDefNotKnownException, TypeDefKnownException, TypeDefConflictException, InvalidTypeDefException,
        TypeDefNotSupportedException, TypeDefInUseException

In Egeria 5.x every concrete class lives in ``org.odpi.openmetadata.repositoryservices.ffdc.exception``;
only the abstract base moved (to ``org.odpi.openmetadata.frameworks.openmetadata.ffdc.
OMFCheckedExceptionBase``), which never appears on the wire. Egeria 6 moved InvalidParameterException
and UserNotAuthorizedException to ``org.odpi.openmetadata.frameworks.openmetadata.ffdc``; those names are
accepted on input only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Self

from graphrepo.omrs._error_codes import OMRSErrorCode
from graphrepo.omrs._messages import ErrorCodeEnum, java_string

__all__ = [
    "EXCEPTION_CLASSES",
    "EXCEPTION_PACKAGE",
    "ClassificationErrorException",
    "EntityConflictException",
    "EntityNotDeletedException",
    "EntityNotKnownException",
    "EntityProxyOnlyException",
    "FunctionNotSupportedException",
    "HomeEntityException",
    "HomeRelationshipException",
    "InvalidEntityException",
    "InvalidParameterException",
    "InvalidRelationshipException",
    "InvalidTypeDefException",
    "OMRSCheckedException",
    "PagingErrorException",
    "PatchErrorException",
    "PropertyErrorException",
    "RelationshipConflictException",
    "RelationshipNotDeletedException",
    "RelationshipNotKnownException",
    "RepositoryErrorException",
    "RepositoryTimeoutException",
    "StatusNotSupportedException",
    "TypeDefConflictException",
    "TypeDefInUseException",
    "TypeDefKnownException",
    "TypeDefNotKnownException",
    "TypeDefNotSupportedException",
    "TypeErrorException",
    "UserNotAuthorizedException",
    "exception_class_for",
    "exception_from_error_fields",
]

EXCEPTION_PACKAGE = "org.odpi.openmetadata.repositoryservices.ffdc.exception"
_EGERIA6_PACKAGE = "org.odpi.openmetadata.frameworks.openmetadata.ffdc"

# Who reports an error is not sent on the wire (Egeria keeps it local); this is what we record.
DEFAULT_REPORTING_CLASS = "graphrepo"


class OMRSCheckedException(Exception):
    """Egeria's ``OMRSCheckedExceptionBase``: an OMRS error with its full message-table entry.

    Raise the concrete subclasses, usually through :meth:`from_code`. ``str(exc)`` is the formatted
    message, as Java's ``getMessage()``.
    """

    java_class_name: ClassVar[str] = f"{EXCEPTION_PACKAGE}.OMRSCheckedExceptionBase"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Egeria's concrete classes share our class names; a subclass may still set its own.
        if "java_class_name" not in cls.__dict__:
            cls.java_class_name = f"{EXCEPTION_PACKAGE}.{cls.__name__}"

    def __init__(
        self,
        *,
        http_code: int,
        error_message: str,
        error_message_id: str | None = None,
        error_message_parameters: tuple[str, ...] | None = None,
        system_action: str | None = None,
        user_action: str | None = None,
        action_description: str | None = None,
        reporting_class_name: str = DEFAULT_REPORTING_CLASS,
        caused_by: str | None = None,
        related_properties: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(error_message)
        self.http_code = http_code
        self.error_message = error_message
        self.error_message_id = error_message_id
        self.error_message_parameters = error_message_parameters
        self.system_action = system_action
        self.user_action = user_action
        self.action_description = action_description
        self.reporting_class_name = reporting_class_name
        self.caused_by = caused_by
        # Egeria's getRelatedProperties() answers null for an empty map; keep that so round trips agree.
        self.related_properties: dict[str, Any] | None = (
            dict(related_properties) if related_properties else None
        )

    @classmethod
    def from_code(
        cls,
        code: ErrorCodeEnum,
        *params: object,
        action: str,
        cause: BaseException | None = None,
        related_properties: Mapping[str, Any] | None = None,
    ) -> Self:
        """Build from an error-code row, as Egeria's ``new XxxException(code.getMessageDefinition(params),
        className, methodName)``; ``action`` is the operation (method) name."""
        return cls(**_code_fields(code, params, action, cause, related_properties))

    # --- wire form -------------------------------------------------------------------------------------

    def _extra_properties(self) -> dict[str, Any]:
        """Exception-specific entries Egeria puts in ``exceptionProperties`` (none for most classes)."""
        return {}

    def to_error_fields(self) -> dict[str, Any]:
        """The ``OMRSAPIResponse`` error fields, by their JSON names, None values left out.

        Mirrors ``OMRSRepositoryRESTServices.captureCheckedException``. Egeria itself sends only the
        exception-specific entries in ``exceptionProperties``; we also keep any related properties so that a
        received error re-sends unchanged (Java callers read only the keys they know).
        """
        properties = {**(self.related_properties or {}), **self._extra_properties()}
        fields: dict[str, Any] = {
            "relatedHTTPCode": self.http_code,
            "actionDescription": self.action_description,
            "exceptionClassName": self.java_class_name,
            "exceptionCausedBy": self.caused_by,
            "exceptionErrorMessage": self.error_message,
            "exceptionErrorMessageId": self.error_message_id,
            "exceptionErrorMessageParameters": (
                list(self.error_message_parameters) if self.error_message_parameters is not None else None
            ),
            "exceptionSystemAction": self.system_action,
            "exceptionUserAction": self.user_action,
            "exceptionProperties": properties or None,
        }
        return {key: value for key, value in fields.items() if value is not None}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.http_code}, {self.error_message_id!r}, {self.error_message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle (and copy) through ``args``; our constructors are keyword-only, so rebuild
        # from the attributes instead (needed across process pools and by copy.copy).
        return (_rebuild, (type(self), dict(vars(self))))


def _rebuild(cls: type[OMRSCheckedException], state: dict[str, Any]) -> OMRSCheckedException:
    error = cls.__new__(cls)
    Exception.__init__(error, state["error_message"])
    error.__dict__.update(state)
    return error


def _code_fields(
    code: ErrorCodeEnum,
    params: tuple[object, ...],
    action: str,
    cause: BaseException | None,
    related_properties: Mapping[str, Any] | None,
) -> dict[str, Any]:
    string_params = tuple(java_string(p) for p in params) if params else None
    return {
        "http_code": code.http_code,
        "error_message": code.definition.format(string_params),
        "error_message_id": code.message_id,
        "error_message_parameters": string_params,
        "system_action": code.system_action,
        "user_action": code.user_action,
        "action_description": action,
        "caused_by": _class_name_of(cause) if cause is not None else None,
        "related_properties": related_properties,
    }


def _class_name_of(error: BaseException) -> str:
    # Egeria reports the Java class of the caught error; ours is the Java name for OMRS errors, else Python's.
    if isinstance(error, OMRSCheckedException):
        return error.java_class_name
    return f"{type(error).__module__}.{type(error).__qualname__}"


class InvalidParameterException(OMRSCheckedException):
    """A parameter is wrong (also: updating a reference copy). ``parameter_name`` names the parameter."""

    def __init__(self, *, parameter_name: str | None = None, **fields: Any) -> None:
        super().__init__(**fields)
        self.parameter_name = parameter_name

    @classmethod
    def from_code(
        cls,
        code: ErrorCodeEnum,
        *params: object,
        action: str,
        cause: BaseException | None = None,
        related_properties: Mapping[str, Any] | None = None,
        parameter_name: str | None = None,
    ) -> Self:
        fields = _code_fields(code, params, action, cause, related_properties)
        return cls(parameter_name=parameter_name, **fields)

    def _extra_properties(self) -> dict[str, Any]:
        return {"parameterName": self.parameter_name} if self.parameter_name is not None else {}

    @classmethod
    def not_owner(cls, repository_name: str, guid: str, *, action: str, relationship: bool = False) -> Self:
        """The reference-copy lock (§2.1): only the home may update an instance."""
        if relationship:
            code, parameter = OMRSErrorCode.RELATIONSHIP_CAN_NOT_BE_UPDATED, "relationshipGUID"
        else:
            code, parameter = OMRSErrorCode.ENTITY_CAN_NOT_BE_UPDATED, "entityGUID"
        return cls.from_code(code, repository_name, guid, action=action, parameter_name=parameter)


class UserNotAuthorizedException(OMRSCheckedException):
    """The user may not make this request. ``user_id`` travels as ``exceptionProperties.userId``."""

    def __init__(self, *, user_id: str | None = None, **fields: Any) -> None:
        super().__init__(**fields)
        self.user_id = user_id

    @classmethod
    def from_code(
        cls,
        code: ErrorCodeEnum,
        *params: object,
        action: str,
        cause: BaseException | None = None,
        related_properties: Mapping[str, Any] | None = None,
        user_id: str | None = None,
    ) -> Self:
        return cls(user_id=user_id, **_code_fields(code, params, action, cause, related_properties))

    def _extra_properties(self) -> dict[str, Any]:
        return {"userId": self.user_id} if self.user_id is not None else {}


class RepositoryErrorException(OMRSCheckedException):
    """The repository failed. Received errors of unknown class arrive as this, the original name kept."""

    def __init__(self, *, original_class_name: str | None = None, **fields: Any) -> None:
        super().__init__(**fields)
        # Java's client drops the unknown name; we keep it for diagnostics but never send it back.
        self.original_class_name = original_class_name

    @classmethod
    def unexpected(cls, error: BaseException, *, action: str) -> Self:
        """An unexpected error, as Egeria's ``captureGenericException`` reports it."""
        return cls.from_code(
            OMRSErrorCode.UNEXPECTED_EXCEPTION,
            _class_name_of(error),
            action,
            str(error),
            action=action,
            cause=error,
        )


class RepositoryTimeoutException(RepositoryErrorException):
    """A repository call timed out (received by Java 5.x clients as RepositoryErrorException)."""


class FunctionNotSupportedException(OMRSCheckedException):
    """The repository does not implement this (optional) function; HTTP 501."""

    @classmethod
    def not_implemented(cls, method: str, connector_name: str, repository_type: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.METHOD_NOT_IMPLEMENTED, method, connector_name, repository_type, action=method
        )


class TypeErrorException(OMRSCheckedException):
    """The type of an instance or request is not valid."""


class PropertyErrorException(OMRSCheckedException):
    """Properties are not valid for the type."""


class PagingErrorException(OMRSCheckedException):
    """Paging parameters are not valid."""

    @classmethod
    def negative_page_size(cls, page_size: int, method: str, repository_name: str) -> Self:
        code = OMRSErrorCode.NEGATIVE_PAGE_SIZE
        return cls.from_code(code, page_size, method, repository_name, action=method)


class StatusNotSupportedException(OMRSCheckedException):
    """The instance status is not valid for the type."""


class ClassificationErrorException(OMRSCheckedException):
    """The classification is not valid for the entity, or not present."""


class PatchErrorException(OMRSCheckedException):
    """A TypeDefPatch cannot be applied."""


class EntityNotKnownException(OMRSCheckedException):
    """No entity with this GUID (or it is soft-deleted and the call needs a live one)."""

    @classmethod
    def for_guid(cls, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(OMRSErrorCode.ENTITY_NOT_KNOWN, guid, method, repository_name, action=method)

    @classmethod
    def soft_deleted(cls, type_name: str, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.ENTITY_SOFT_DELETED, type_name, guid, method, repository_name, action=method
        )


class RelationshipNotKnownException(OMRSCheckedException):
    """No relationship with this GUID (or it is soft-deleted and the call needs a live one)."""

    @classmethod
    def for_guid(cls, guid: str, method: str, repository_name: str) -> Self:
        code = OMRSErrorCode.RELATIONSHIP_NOT_KNOWN
        return cls.from_code(code, guid, method, repository_name, action=method)

    @classmethod
    def soft_deleted(cls, type_name: str, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.RELATIONSHIP_SOFT_DELETED, type_name, guid, method, repository_name, action=method
        )


class EntityProxyOnlyException(OMRSCheckedException):
    """Only a proxy of the entity is stored."""

    @classmethod
    def for_guid(cls, guid: str, repository_name: str, parameter_name: str, method: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.ENTITY_PROXY_ONLY, guid, repository_name, parameter_name, method, action=method
        )


class EntityNotDeletedException(OMRSCheckedException):
    """Purge or restore of an entity that is not soft-deleted."""

    @classmethod
    def for_guid(cls, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(OMRSErrorCode.INSTANCE_NOT_DELETED, method, repository_name, guid, action=method)


class RelationshipNotDeletedException(OMRSCheckedException):
    """Purge or restore of a relationship that is not soft-deleted."""

    @classmethod
    def for_guid(cls, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(OMRSErrorCode.INSTANCE_NOT_DELETED, method, repository_name, guid, action=method)


class HomeEntityException(OMRSCheckedException):
    """A reference-copy operation on an entity homed here."""


class HomeRelationshipException(OMRSCheckedException):
    """A reference-copy operation on a relationship homed here."""


class EntityConflictException(OMRSCheckedException):
    """A different entity with the same GUID is already stored."""


class RelationshipConflictException(OMRSCheckedException):
    """A different relationship with the same GUID is already stored."""


class InvalidEntityException(OMRSCheckedException):
    """The entity (reference copy) is not valid."""


class InvalidRelationshipException(OMRSCheckedException):
    """The relationship (reference copy) is not valid."""


class TypeDefNotKnownException(OMRSCheckedException):
    """No TypeDef or AttributeTypeDef with this GUID or name."""

    @classmethod
    def for_guid(cls, guid: str, parameter_name: str, method: str, repository_name: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.TYPEDEF_ID_NOT_KNOWN, guid, parameter_name, method, repository_name, action=method
        )

    @classmethod
    def for_name(cls, name: str, method: str, repository_name: str) -> Self:
        code = OMRSErrorCode.TYPEDEF_NAME_NOT_KNOWN
        return cls.from_code(code, name, method, repository_name, action=method)


class TypeDefKnownException(OMRSCheckedException):
    """The TypeDef is already defined."""

    @classmethod
    def already_defined(cls, name: str, guid: str, method: str, repository_name: str) -> Self:
        return cls.from_code(
            OMRSErrorCode.TYPEDEF_ALREADY_DEFINED, name, guid, repository_name, action=method
        )


class TypeDefConflictException(OMRSCheckedException):
    """A TypeDef with the same name but a different GUID or version is known."""


class InvalidTypeDefException(OMRSCheckedException):
    """The TypeDef is not valid."""


class TypeDefNotSupportedException(OMRSCheckedException):
    """The repository cannot store this TypeDef."""


class TypeDefInUseException(OMRSCheckedException):
    """The TypeDef still has instances."""


_BY_JAVA_NAME: dict[str, type[OMRSCheckedException]] = {
    cls.java_class_name: cls
    for cls in (
        ClassificationErrorException,
        EntityConflictException,
        EntityNotDeletedException,
        EntityNotKnownException,
        EntityProxyOnlyException,
        FunctionNotSupportedException,
        HomeEntityException,
        HomeRelationshipException,
        InvalidEntityException,
        InvalidParameterException,
        InvalidRelationshipException,
        InvalidTypeDefException,
        PagingErrorException,
        PatchErrorException,
        PropertyErrorException,
        RelationshipConflictException,
        RelationshipNotDeletedException,
        RelationshipNotKnownException,
        RepositoryErrorException,
        RepositoryTimeoutException,
        StatusNotSupportedException,
        TypeDefConflictException,
        TypeDefInUseException,
        TypeDefKnownException,
        TypeDefNotKnownException,
        TypeDefNotSupportedException,
        TypeErrorException,
        UserNotAuthorizedException,
    )
}
EXCEPTION_CLASSES: tuple[type[OMRSCheckedException], ...] = tuple(_BY_JAVA_NAME.values())
"""Every concrete OMRS exception class, one per Java class name."""

# Egeria 6 moved these two; a 6.x peer's error bodies name them there.
_ALIASES: dict[str, type[OMRSCheckedException]] = {
    f"{_EGERIA6_PACKAGE}.InvalidParameterException": InvalidParameterException,
    f"{_EGERIA6_PACKAGE}.UserNotAuthorizedException": UserNotAuthorizedException,
}


def exception_class_for(java_class_name: str) -> type[OMRSCheckedException] | None:
    """The exception class for an ``exceptionClassName``, or None if it is not an OMRS exception."""
    return _BY_JAVA_NAME.get(java_class_name) or _ALIASES.get(java_class_name)


def exception_from_error_fields(fields: Mapping[str, Any]) -> OMRSCheckedException | None:
    """The exception an ``OMRSAPIResponse`` body (wire names) reports, or None when it reports none.

    Follows ``MetadataCollectionServicesClient.detectAndThrow*``: match on the exact class name; an
    InvalidParameterException about ``serverName`` means "server not running" and becomes
    RepositoryErrorException; any other unknown class name becomes RepositoryErrorException.
    """
    class_name = fields.get("exceptionClassName")
    if class_name is None:
        return None
    properties = fields.get("exceptionProperties") or None
    parameters = fields.get("exceptionErrorMessageParameters")
    common: dict[str, Any] = {
        "http_code": int(fields.get("relatedHTTPCode") or 500),
        "error_message": fields.get("exceptionErrorMessage") or "",
        "error_message_id": fields.get("exceptionErrorMessageId"),
        "error_message_parameters": tuple(str(p) for p in parameters) if parameters is not None else None,
        "system_action": fields.get("exceptionSystemAction"),
        "user_action": fields.get("exceptionUserAction"),
        "action_description": fields.get("actionDescription"),
        "caused_by": fields.get("exceptionCausedBy"),
        "related_properties": properties,
    }
    cls = exception_class_for(str(class_name))
    own = dict(properties or {})
    if cls is InvalidParameterException:
        parameter_name = own.pop("parameterName", None)
        if parameter_name == "serverName":
            return RepositoryErrorException(**common)
        common["related_properties"] = own
        return InvalidParameterException(parameter_name=_opt_str(parameter_name), **common)
    if cls is UserNotAuthorizedException:
        user_id = own.pop("userId", None)
        common["related_properties"] = own
        return UserNotAuthorizedException(user_id=_opt_str(user_id), **common)
    if cls is None:
        return RepositoryErrorException(original_class_name=str(class_name), **common)
    return cls(**common)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)
