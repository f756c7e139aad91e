"""The OMRS exception family, the error-code table and the REST error-body mapping."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphrepo.omrs import (
    EXCEPTION_CLASSES,
    EntityDetailResponse,
    EntityNotDeletedException,
    EntityNotKnownException,
    EntityProxyOnlyException,
    FunctionNotSupportedException,
    InvalidParameterException,
    OMAGServerInstanceErrorCode,
    OMRSCheckedException,
    OMRSErrorCode,
    PagingErrorException,
    RelationshipNotKnownException,
    RepositoryErrorException,
    RepositoryTimeoutException,
    TypeDefKnownException,
    TypeDefNotKnownException,
    UserNotAuthorizedException,
    VoidResponse,
    exception_class_for,
    exception_from_error_fields,
)
from graphrepo.omrs._messages import format_java_message

GOLDEN = Path(__file__).parent / "golden"
PACKAGE = "org.odpi.openmetadata.repositoryservices.ffdc.exception."

# The exact 5.x names the Java client compares against (omrs-reference.md §6.3), plus the timeout subclass.
JAVA_NAMES = [
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
    "PagingErrorException",
    "PatchErrorException",
    "PropertyErrorException",
    "RelationshipConflictException",
    "RelationshipNotDeletedException",
    "RelationshipNotKnownException",
    "RepositoryErrorException",
    "StatusNotSupportedException",
    "TypeDefConflictException",
    "TypeDefInUseException",
    "TypeDefKnownException",
    "TypeDefNotKnownException",
    "TypeDefNotSupportedException",
    "TypeErrorException",
    "UserNotAuthorizedException",
    "RepositoryTimeoutException",
]

# (constant, HTTP, id) rows of omrs-reference.md Appendix B.
APPENDIX_B = [
    ("ENTITY_NOT_KNOWN", 404, "OMRS-REPOSITORY-404-002"),
    ("RELATIONSHIP_NOT_KNOWN", 404, "OMRS-REPOSITORY-404-003"),
    ("RELATIONSHIP_NOT_FOUND", 404, "OMRS-REPOSITORY-404-011"),
    ("ENTITY_SOFT_DELETED", 404, "OMRS-REPOSITORY-404-013"),
    ("RELATIONSHIP_SOFT_DELETED", 404, "OMRS-REPOSITORY-404-012"),
    ("ENTITY_PROXY_ONLY", 400, "OMRS-REPOSITORY-400-051"),
    ("INSTANCE_ALREADY_DELETED", 400, "OMRS-REPOSITORY-400-045"),
    ("INSTANCE_NOT_DELETED", 400, "OMRS-REPOSITORY-400-046"),
    ("INSTANCE_HOME_NOT_LOCAL", 500, "OMRS-METADATA-COLLECTION-500-016"),
    ("INSTANCE_HOME_IS_LOCAL", 500, "OMRS-METADATA-COLLECTION-500-017"),
    ("ENTITY_CAN_NOT_BE_UPDATED", 503, "OMRS-LOCAL-REPOSITORY-503-009"),
    ("RELATIONSHIP_CAN_NOT_BE_UPDATED", 503, "OMRS-LOCAL-REPOSITORY-503-010"),
    ("ENTITY_PROXY_IN_HOME", 503, "OMRS-LOCAL-REPOSITORY-503-007"),
    ("LOCAL_ENTITY_PROXY", 400, "OMRS-REPOSITORY-400-044"),
    ("HOME_REFRESH", 400, "OMRS-REPOSITORY-400-063"),
    ("TYPEDEF_NOT_KNOWN", 404, "OMRS-REPOSITORY-404-004"),
    ("TYPEDEF_ID_NOT_KNOWN", 404, "OMRS-REPOSITORY-404-007"),
    ("TYPEDEF_NAME_NOT_KNOWN", 404, "OMRS-REPOSITORY-404-009"),
    ("TYPEDEF_ALREADY_DEFINED", 400, "OMRS-REPOSITORY-400-003"),
    ("INVALID_TYPEDEF", 400, "OMRS-REPOSITORY-400-017"),
    ("NULL_USER_ID", 400, "OMRS-REPOSITORY-400-027"),
    ("BAD_PROPERTY_FOR_TYPE", 400, "OMRS-REPOSITORY-400-028"),
    ("NO_PROPERTIES_FOR_TYPE", 400, "OMRS-REPOSITORY-400-029"),
    ("BAD_INSTANCE_STATUS", 400, "OMRS-REPOSITORY-400-035"),
    ("NULL_INSTANCE_STATUS", 400, "OMRS-REPOSITORY-400-036"),
    ("INVALID_CLASSIFICATION_FOR_ENTITY", 400, "OMRS-REPOSITORY-400-006"),
    ("ENTITY_NOT_CLASSIFIED", 400, "OMRS-REPOSITORY-400-048"),
    ("INVALID_PROPERTY_SEARCH", 400, "OMRS-REPOSITORY-400-074"),
    ("INVALID_LIKE_CONDITION", 400, "OMRS-REPOSITORY-400-077"),
    ("INVALID_LIST_CONDITION", 400, "OMRS-REPOSITORY-400-076"),
    ("INVALID_NUMERIC_CONDITION", 400, "OMRS-REPOSITORY-400-078"),
    ("INVALID_SEARCH_CRITERIA", 400, "OMRS-PROPERTIES-400-006"),
    ("NEGATIVE_PAGE_SIZE", 400, "OMRS-REPOSITORY-400-050"),
    ("METHOD_NOT_IMPLEMENTED", 501, "OMRS-METADATA-COLLECTION-501-001"),
    ("WRONG_TYPEDEF_CATEGORY", 500, "OMRS-CONTENT-MANAGER-500-006"),
    ("NULL_REFERENCE_INSTANCE", 400, "OMRS-REPOSITORY-400-041"),
    ("METADATA_COLLECTION_ID_MISMATCH", 500, "OMRS-REST-REPOSITORY-CONNECTOR-500-001"),
    ("NOT_FOR_LOCAL_COLLECTION", 400, "OMRS-LOCAL-REPOSITORY-400-002"),
    ("INVALID_TIME_RANGE", 400, "OMRS-REPOSITORY-400-083"),
]


def golden(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text())


def attributes(error: OMRSCheckedException) -> dict[str, Any]:
    return {key: value for key, value in vars(error).items() if not key.startswith("_")}


# --- the class family ----------------------------------------------------------------------------------


def test_every_egeria_exception_class_is_present_once() -> None:
    assert sorted(cls.__name__ for cls in EXCEPTION_CLASSES) == sorted(JAVA_NAMES)


@pytest.mark.parametrize("name", JAVA_NAMES)
def test_java_class_name_is_exact(name: str) -> None:
    cls = exception_class_for(PACKAGE + name)
    assert cls is not None
    assert cls.__name__ == name
    assert cls.java_class_name == PACKAGE + name
    assert issubclass(cls, OMRSCheckedException)


def test_timeout_is_a_repository_error() -> None:
    assert issubclass(RepositoryTimeoutException, RepositoryErrorException)


def test_egeria6_names_are_read_as_the_5x_classes() -> None:
    ffdc = "org.odpi.openmetadata.frameworks.openmetadata.ffdc."
    assert exception_class_for(ffdc + "InvalidParameterException") is InvalidParameterException
    assert exception_class_for(ffdc + "UserNotAuthorizedException") is UserNotAuthorizedException
    assert exception_class_for("java.lang.NullPointerException") is None


# --- error codes and message formatting ---------------------------------------------------------------


@pytest.mark.parametrize(("constant", "http", "message_id"), APPENDIX_B)
def test_appendix_b_codes(constant: str, http: int, message_id: str) -> None:
    code = OMRSErrorCode[constant]
    assert (code.http_code, code.message_id) == (http, message_id)
    assert code.template and code.system_action and code.user_action


def test_error_code_ids_are_unique() -> None:
    ids = [code.message_id for code in OMRSErrorCode]
    assert len(ids) == len(set(ids))


def test_format_like_egeria_message_formatter() -> None:
    text = OMRSErrorCode.ENTITY_NOT_KNOWN.format("1234", "getEntityDetail", "pyRepo")
    assert text == golden("error_entity_not_known.json")["exceptionErrorMessage"]


@pytest.mark.parametrize(
    ("template", "params", "expected"),
    [
        ("a {0} b {1}", ("x", "y"), "a x b y"),
        ("{1}{0}{1}", ("x", "y"), "yxy"),
        ("missing {2}", ("x",), "missing {2}"),
        ("it''s {0}", ("x",), "it's x"),
        # A lone quote starts a literal section, as in java.text.MessageFormat: the placeholder stays.
        ("the TypeDef's version is {0}", ("x",), "the TypeDefs version is {0}"),
        ("'{0}' {0}", ("x",), "{0} x"),
        ("no params {0} it's", None, "no params {0} it's"),
    ],
)
def test_java_message_format(template: str, params: tuple[str, ...] | None, expected: str) -> None:
    assert format_java_message(template, params) == expected


def test_null_parameters_print_as_java_does() -> None:
    error = EntityNotKnownException.from_code(OMRSErrorCode.ENTITY_NOT_KNOWN, None, "m", True, action="m")
    assert error.error_message_parameters == ("null", "m", "true")


# --- constructors the repository layer uses ------------------------------------------------------------


def test_entity_not_known_matches_the_egeria_error_body() -> None:
    error = EntityNotKnownException.for_guid("1234", "getEntityDetail", "pyRepo")
    assert error.to_error_fields() == golden("error_entity_not_known.json")
    assert str(error) == error.error_message
    assert error.http_code == 404


def test_helpers_pick_their_codes() -> None:
    soft_deleted = EntityNotKnownException.soft_deleted("T", "g", "m", "r")
    assert soft_deleted.error_message_id == "OMRS-REPOSITORY-404-013"
    assert RelationshipNotKnownException.for_guid("g", "m", "r").error_message_id == "OMRS-REPOSITORY-404-003"
    rel_deleted = RelationshipNotKnownException.soft_deleted("T", "g", "m", "r")
    assert rel_deleted.error_message_id == "OMRS-REPOSITORY-404-012"
    proxy = EntityProxyOnlyException.for_guid("g", "r", "entityGUID", "getEntityDetail")
    assert proxy.error_message_id == "OMRS-REPOSITORY-400-051"
    assert EntityNotDeletedException.for_guid("g", "purgeEntity", "r").error_message_parameters == (
        "purgeEntity",
        "r",
        "g",
    )
    assert TypeDefNotKnownException.for_name("X", "m", "r").error_message_id == "OMRS-REPOSITORY-404-009"
    by_guid = TypeDefNotKnownException.for_guid("g", "guid", "m", "r")
    assert by_guid.error_message_id == "OMRS-REPOSITORY-404-007"
    assert TypeDefKnownException.already_defined("X", "g", "addTypeDef", "r").http_code == 400
    assert PagingErrorException.negative_page_size(-1, "m", "r").error_message_id == "OMRS-REPOSITORY-400-050"
    fns = FunctionNotSupportedException.not_implemented("addEntityProxy", "graphrepo", "neo4j")
    assert fns.http_code == 501


def test_reference_copy_lock_is_invalid_parameter_with_entity_guid() -> None:
    error = InvalidParameterException.not_owner("pyRepo", "g1", action="updateEntityProperties")
    fields = error.to_error_fields()
    assert fields["exceptionClassName"] == PACKAGE + "InvalidParameterException"
    assert fields["relatedHTTPCode"] == 503
    assert fields["exceptionErrorMessageId"] == "OMRS-LOCAL-REPOSITORY-503-009"
    assert fields["exceptionProperties"] == {"parameterName": "entityGUID"}
    relationship = InvalidParameterException.not_owner("r", "g", action="a", relationship=True)
    assert relationship.parameter_name == "relationshipGUID"


def test_unexpected_error_keeps_its_cause() -> None:
    error = RepositoryErrorException.unexpected(ValueError("boom"), action="addEntity")
    fields = error.to_error_fields()
    assert fields["exceptionCausedBy"] == "builtins.ValueError"
    assert fields["exceptionErrorMessageParameters"] == ["builtins.ValueError", "addEntity", "boom"]
    caused = RepositoryErrorException.from_code(
        OMRSErrorCode.REPOSITORY_LOGIC_ERROR, "r", "m", "x", action="m", cause=error
    )
    assert caused.caused_by == PACKAGE + "RepositoryErrorException"


# --- wire mapping --------------------------------------------------------------------------------------


def _sample(cls: type[OMRSCheckedException]) -> OMRSCheckedException:
    if cls is InvalidParameterException:
        return cls.from_code(OMRSErrorCode.NO_GUID, "guid", "m", "r", action="m", parameter_name="guid")
    if cls is UserNotAuthorizedException:
        return UserNotAuthorizedException.from_code(
            OMAGServerInstanceErrorCode.SERVER_NOT_AVAILABLE, "s", "u", action="m", user_id="u"
        )
    return cls.from_code(
        OMRSErrorCode.REPOSITORY_LOGIC_ERROR, "r", "m", "msg", action="m", related_properties={"detail": 1}
    )


@pytest.mark.parametrize("cls", EXCEPTION_CLASSES, ids=lambda cls: cls.__name__)
def test_exception_round_trips_through_the_error_body(cls: type[OMRSCheckedException]) -> None:
    error = _sample(cls)
    fields = error.to_error_fields()
    assert fields["exceptionClassName"] == PACKAGE + cls.__name__
    back = exception_from_error_fields(json.loads(json.dumps(fields)))
    assert type(back) is cls
    assert back is not None
    assert attributes(back) == attributes(error)
    assert back.to_error_fields() == fields


@pytest.mark.parametrize("cls", EXCEPTION_CLASSES, ids=lambda cls: cls.__name__)
def test_exception_pickles_and_copies(cls: type[OMRSCheckedException]) -> None:
    error = _sample(cls)
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(clone) is cls
        assert attributes(clone) == attributes(error)
        assert str(clone) == str(error)


@pytest.mark.parametrize("cls", EXCEPTION_CLASSES, ids=lambda cls: cls.__name__)
def test_exception_round_trips_through_a_response_bean(cls: type[OMRSCheckedException]) -> None:
    response = VoidResponse.for_exception(_sample(cls))
    with pytest.raises(cls):
        response.raise_for_error()


def test_golden_error_body_reads_as_entity_not_known() -> None:
    response = EntityDetailResponse.model_validate(golden("rest_entity_detail_response_error.json"))
    error = response.exception()
    assert isinstance(error, EntityNotKnownException)
    assert error.error_message_parameters == ("1234", "getEntityDetail", "pyRepo")
    assert error.action_description == "getEntityDetail"


def test_no_exception_class_means_success() -> None:
    assert exception_from_error_fields({"relatedHTTPCode": 200}) is None
    assert VoidResponse().raise_for_error() == VoidResponse()


def test_unknown_class_becomes_repository_error_with_details_kept() -> None:
    body = {
        "relatedHTTPCode": 500,
        "exceptionClassName": "java.lang.NullPointerException",
        "exceptionErrorMessage": "OMRS-REPOSITORY-400-062 An unexpected ...",
        "exceptionErrorMessageId": "OMRS-REPOSITORY-400-062",
        "exceptionErrorMessageParameters": ["a", "b"],
        "exceptionSystemAction": "s",
        "exceptionUserAction": "u",
        "exceptionCausedBy": "java.lang.Error",
        "exceptionProperties": {"x": "y"},
        "actionDescription": "getEntityDetail",
    }
    error = exception_from_error_fields(body)
    assert type(error) is RepositoryErrorException
    assert error.original_class_name == "java.lang.NullPointerException"
    assert (error.http_code, error.error_message_id, error.caused_by) == (
        500,
        "OMRS-REPOSITORY-400-062",
        "java.lang.Error",
    )
    assert error.related_properties == {"x": "y"}
    assert error.to_error_fields() == {**body, "exceptionClassName": PACKAGE + "RepositoryErrorException"}


def test_invalid_server_name_means_server_not_running() -> None:
    body = {
        "relatedHTTPCode": 404,
        "exceptionClassName": PACKAGE + "InvalidParameterException",
        "exceptionErrorMessage": "OMAG-MULTI-TENANT-404-001 ...",
        "exceptionProperties": {"parameterName": "serverName"},
    }
    assert type(exception_from_error_fields(body)) is RepositoryErrorException


def test_user_not_authorized_carries_user_id() -> None:
    body = {
        "relatedHTTPCode": 403,
        "exceptionClassName": PACKAGE + "UserNotAuthorizedException",
        "exceptionErrorMessage": "m",
        "exceptionProperties": {"userId": "eve"},
    }
    error = exception_from_error_fields(body)
    assert isinstance(error, UserNotAuthorizedException)
    assert error.user_id == "eve"
    assert error.related_properties is None
    assert error.to_error_fields() == body


@given(
    cls=st.sampled_from(EXCEPTION_CLASSES),
    http=st.integers(min_value=100, max_value=599),
    text=st.text(),
    params=st.none() | st.lists(st.text(), max_size=4).map(tuple),
    action=st.none() | st.text(min_size=1),
    caused_by=st.none() | st.text(min_size=1),
)
def test_any_error_body_round_trips(
    cls: type[OMRSCheckedException],
    http: int,
    text: str,
    params: tuple[str, ...] | None,
    action: str | None,
    caused_by: str | None,
) -> None:
    error = cls(
        http_code=http,
        error_message=text,
        error_message_parameters=params,
        action_description=action,
        caused_by=caused_by,
        error_message_id="ID-1",
    )
    back = exception_from_error_fields(error.to_error_fields())
    assert back is not None
    assert type(back) is cls
    assert back.to_error_fields() == error.to_error_fields()
