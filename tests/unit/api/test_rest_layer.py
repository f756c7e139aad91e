"""The REST layer over a recording fake: routes, parameter passing, the gate, and every error as a bean."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphrepo.api._app import _ROUTERS
from graphrepo.omrs import (
    EXCEPTION_PACKAGE,
    EntityNotKnownException,
    InstanceStatus,
    TypeDefCategory,
)
from tests.unit.api.conftest import PASSWORD, ROOT, RecordingCollection

APPENDIX_A = Path(__file__).with_name("appendix_a_endpoints.txt")
PREFIX = "/servers/{serverName}/open-metadata/repository-services/users/{userId}"

READER = ("reader", PASSWORD)
WRITER = ("writer", PASSWORD)
PEER = ("peer", PASSWORD)


def _served() -> set[str]:
    served = set()
    for router in _ROUTERS:
        for route in router.routes:
            for method in getattr(route, "methods", ()):
                served.add(f"{method} {route.path.removeprefix(PREFIX)}")  # type: ignore[attr-defined]
    return served


def test_every_endpoint_of_appendix_a_is_served_with_egerias_verb() -> None:
    wanted = {
        line for line in APPENDIX_A.read_text().splitlines() if line.strip() and not line.startswith("#")
    }
    assert len(wanted) == 106  # 99 local repository services + 7 metadata highway
    assert _served() == wanted


def test_success_is_the_exact_bean(client: TestClient, collection: RecordingCollection) -> None:
    collection.answers["get_metadata_collection_id"] = "mc-1"
    response = client.get(f"{ROOT}/reader/metadata-collection-id", auth=READER)
    assert response.status_code == 200
    assert response.json() == {
        "class": "MetadataCollectionIdResponse",
        "relatedHTTPCode": 200,
        "metadataCollectionId": "mc-1",
    }
    assert collection.last("get_metadata_collection_id") == (("reader",), {})


def test_omrs_exception_travels_in_the_bean_with_http_200(
    client: TestClient, collection: RecordingCollection
) -> None:
    collection.answers["get_entity_detail"] = EntityNotKnownException.for_guid(
        "g1", "getEntityDetail", "repo"
    )
    body = client.get(f"{ROOT}/reader/instances/entity/g1", auth=READER).json()
    assert body["class"] == "EntityDetailResponse"
    assert body["relatedHTTPCode"] == 404
    assert body["exceptionClassName"] == f"{EXCEPTION_PACKAGE}.EntityNotKnownException"
    assert body["exceptionErrorMessageId"] == "OMRS-REPOSITORY-404-002"
    assert "entity" not in body


def test_unexpected_error_is_a_repository_error_without_a_traceback(
    client: TestClient, collection: RecordingCollection
) -> None:
    collection.answers["get_relationship"] = RuntimeError("disk on fire")
    response = client.get(f"{ROOT}/reader/instances/relationship/r1", auth=READER)
    body = response.json()
    assert response.status_code == 200
    assert body["class"] == "RelationshipResponse"
    assert body["exceptionClassName"] == f"{EXCEPTION_PACKAGE}.RepositoryErrorException"
    assert "Traceback" not in response.text


def test_unknown_server_is_invalid_parameter_about_server_name(client: TestClient) -> None:
    url = "/servers/otherServer/open-metadata/repository-services/users/reader/types/all"
    body = client.get(url, auth=READER).json()
    assert body["class"] == "TypeDefGalleryResponse"
    assert body["exceptionClassName"] == f"{EXCEPTION_PACKAGE}.InvalidParameterException"
    assert body["exceptionProperties"] == {"parameterName": "serverName"}


def test_no_credentials_is_401_with_a_challenge(client: TestClient) -> None:
    response = client.get(f"{ROOT}/reader/types/all")
    assert response.status_code == 401
    challenges = response.headers.get_list("www-authenticate")
    assert any(c.startswith("Basic ") for c in challenges)
    assert any(c.startswith("Bearer ") for c in challenges)
    assert client.get(f"{ROOT}/reader/types/all", auth=("reader", "wrong")).status_code == 401


@pytest.mark.parametrize(
    ("auth", "user", "method", "path", "allowed"),
    [
        (READER, "reader", "GET", "/types/all", True),
        (READER, "someoneElse", "GET", "/types/all", False),
        (READER, "reader", "POST", "/instances/entity", False),
        (WRITER, "writer", "POST", "/instances/entity", True),
        (WRITER, "writer", "POST", "/types/typedef", False),
        (PEER, "endUser", "POST", "/types/typedef", True),
        (READER, "reader", "GET", "/metadata-highway/cohorts/cohortA/connect", False),
    ],
)
def test_authorization(
    client: TestClient, auth: tuple[str, str], user: str, method: str, path: str, allowed: bool
) -> None:
    body = client.request(method, f"{ROOT}/{user}{path}", auth=auth).json()
    refused = body.get("exceptionClassName") == f"{EXCEPTION_PACKAGE}.UserNotAuthorizedException"
    assert refused is not allowed, body
    if refused:
        assert body["relatedHTTPCode"] == 403
        assert body["exceptionProperties"] == {"userId": user}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "parameter"),
    [
        ("POST", "/instances/entities", {"content": b"{not json", "headers": {"content-type": "application/json"}}, "findRequestParameters"),  # noqa: E501
        ("POST", "/instances/entities", {"json": {"class": "EntityDetail"}}, "findRequestParameters"),
        ("POST", "/instances/entities", {"json": {"offset": 0}}, "findRequestParameters"),
        ("POST", "/instances/entities", {"json": {"class": "EntityFindRequest", "pageSize": "many"}}, "findRequestParameters"),  # noqa: E501
        ("POST", "/instances/entities/by-property-value", {"json": {"class": "EntityPropertyFindRequest"}}, "searchCriteria"),  # noqa: E501
        ("POST", "/instances/entities/from-entity/g1/by-neighborhood?level=deep", {}, "level"),
        ("POST", "/instances/entity/g1/status", {"json": "Active"}, "newStatus"),
        ("GET", "/types/by-name", {}, "name"),
        ("POST", "/instances/entity", {"json": {"class": "EntityCreateRequest"}}, "entityTypeGUID"),
        ("POST", "/instances/entity/g1/delete", {}, "typeDefGUID"),
    ],
)  # fmt: skip
def test_malformed_requests_are_invalid_parameter_beans(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any], parameter: str
) -> None:
    response = client.request(method, f"{ROOT}/peer{path}", auth=PEER, **kwargs)
    assert response.status_code == 200
    body = response.json()
    assert body["exceptionClassName"] == f"{EXCEPTION_PACKAGE}.InvalidParameterException", body
    assert body["relatedHTTPCode"] == 400
    assert body["exceptionProperties"] == {"parameterName": parameter}
    assert "detail" not in body


def test_bare_enum_bodies_and_query_parameters_reach_the_collection(
    client: TestClient, collection: RecordingCollection
) -> None:
    collection.answers["find_type_defs_by_category"] = list
    body = client.post(f"{ROOT}/reader/types/typedefs/by-category", json="ENTITY_DEF", auth=READER).json()
    assert body == {"class": "TypeDefListResponse", "relatedHTTPCode": 200}
    assert collection.last("find_type_defs_by_category") == (("reader", TypeDefCategory.ENTITY_DEF), {})

    client.post(f"{ROOT}/writer/instances/entity/g1/status", json="ACTIVE", auth=WRITER)
    assert collection.last("update_entity_status") == (("writer", "g1", InstanceStatus.ACTIVE), {})

    regex = r"\QCustomer\E"
    client.post(
        f"{ROOT}/reader/instances/entities/by-property-value",
        params={"searchCriteria": regex},
        json={"class": "EntityPropertyFindRequest", "offset": 5, "pageSize": 10, "typeGUID": "t1"},
        auth=READER,
    )
    args, kwargs = collection.last("find_entities_by_property_value")
    assert args == ("reader", "t1", regex)
    assert kwargs["from_entity_element"] == 5 and kwargs["page_size"] == 10


def test_list_responses_report_paging_only_with_results(
    client: TestClient, collection: RecordingCollection
) -> None:
    collection.answers["find_relationships"] = list
    body = client.post(
        f"{ROOT}/reader/instances/relationships",
        json={"class": "InstanceFindRequest", "offset": 3, "pageSize": 7},
        auth=READER,
    ).json()
    assert body == {"class": "RelationshipListResponse", "relatedHTTPCode": 200, "offset": 0, "pageSize": 0}


def test_metadata_highway_without_a_cohort_layer(client: TestClient) -> None:
    base = f"{ROOT}/reader/metadata-highway"
    cohorts = client.get(f"{base}/cohort-descriptions", auth=READER).json()
    assert cohorts["cohorts"] == [
        {"class": "CohortDescription", "cohortName": "cohortA", "connectionStatus": "NOT_INITIALIZED"}
    ]
    assert client.get(f"{base}/local-registration", auth=READER).json()["cohortMember"]["serverName"]
    unknown = client.get(f"{base}/cohorts/nope/local-registration", auth=READER).json()
    assert unknown == {"class": "CohortMembershipResponse", "relatedHTTPCode": 200}
    members = client.get(f"{base}/cohorts/cohortA/remote-members", auth=READER).json()
    assert "cohortMembers" not in members
    connect = client.get(f"{ROOT}/peer/metadata-highway/cohorts/cohortA/connect", auth=PEER).json()
    assert connect["relatedHTTPCode"] == 501
