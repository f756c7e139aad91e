"""REST request and response beans: golden Egeria JSON, Jackson's tag rules, round trips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graphrepo.omrs import (
    REQUEST_CLASSES,
    RESPONSE_CLASSES,
    BooleanResponse,
    CohortConnectionStatus,
    CohortDescription,
    CohortListResponse,
    CohortMembershipListResponse,
    EntityDetailResponse,
    EntityListResponse,
    EntityPropertyFindRequest,
    EntitySummaryResponse,
    HistoryRangeRequest,
    InstanceGraphRequest,
    MemberRegistration,
    MetadataCollectionIdResponse,
    OMRSAPIPagedResponse,
    OMRSAPIResponse,
    RelationshipListResponse,
    TypeDefReIdentifyRequest,
    TypeLimitedFindRequest,
    VoidResponse,
    remote_repository_connection,
    request_adapter,
    response_adapter,
)
from graphrepo.omrs._base import datetime_from_millis, from_wire, to_json, to_wire
from graphrepo.omrs._enums import InstanceStatus
from graphrepo.omrs._instances import EntityDetail, EntityProxy, InstanceType, Relationship
from graphrepo.omrs._rest import PAGED_RESPONSE_TYPE_ID

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_REST = sorted(path.name for path in GOLDEN.glob("rest_*.json"))


def golden(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text())


def adapter_for(document: dict[str, Any]) -> Any:
    return response_adapter if document["class"].endswith("Response") else request_adapter


@pytest.mark.parametrize("name", GOLDEN_REST)
def test_golden_bean_round_trips(name: str) -> None:
    document = golden(name)
    bean = from_wire(adapter_for(document), document)
    assert type(bean).__name__ == document["class"]
    assert to_wire(bean) == document
    assert json.loads(to_json(bean)) == document


def test_empty_list_response_omits_the_list() -> None:
    expected = {"class": "EntityListResponse", "relatedHTTPCode": 200, "offset": 0, "pageSize": 100}
    assert to_wire(EntityListResponse(page_size=100)) == expected
    assert to_wire(EntityListResponse(page_size=100, entities=[])) == expected
    assert from_wire(EntityListResponse, {**expected, "entities": None}).entities == []


def test_primitive_java_fields_are_always_written() -> None:
    assert to_wire(BooleanResponse()) == {"class": "BooleanResponse", "relatedHTTPCode": 200, "flag": False}
    assert to_wire(TypeLimitedFindRequest()) == {
        "class": "TypeLimitedFindRequest",
        "offset": 0,
        "pageSize": 0,
    }
    assert to_wire(HistoryRangeRequest()) == {
        "class": "HistoryRangeRequest",
        "offset": 0,
        "pageSize": 0,
        "sequencingOrder": "BACKWARDS",
    }


def test_guid_fields_use_java_getter_names() -> None:
    request = TypeDefReIdentifyRequest(
        original_type_def_name="A", new_type_def_guid="g", new_type_def_name="B"
    )
    assert to_wire(request) == {
        "class": "TypeDefReIdentifyRequest",
        "originalTypeDefName": "A",
        "newTypeDefGUID": "g",
        "newTypeDefName": "B",
    }
    parsed = from_wire(EntityPropertyFindRequest, golden("rest_entity_property_find_request.json"))
    assert parsed.type_guid == "1449911c-4f44-4c22-abc0-7540154feefb"
    assert parsed.limit_results_by_status == [InstanceStatus.ACTIVE]


def test_paged_response_type_id_oddity() -> None:
    assert PAGED_RESPONSE_TYPE_ID == "OMRSRESTAPIPagedResponse"
    assert OMRSAPIPagedResponse.wire_class == ""  # abstract: never written, never parsed


@pytest.mark.parametrize("cls", RESPONSE_CLASSES + REQUEST_CLASSES, ids=lambda cls: cls.__name__)
def test_every_bean_is_tagged_with_its_java_class_name(cls: type[Any]) -> None:
    document = to_wire(cls())
    assert document["class"] == cls.__name__
    adapter = response_adapter if issubclass(cls, OMRSAPIResponse) else request_adapter
    assert type(from_wire(adapter, document)) is cls


def test_entity_summary_response_accepts_subclasses() -> None:
    for tag in ("EntitySummary", "EntityDetail", "EntityProxy"):
        parsed = from_wire(
            EntitySummaryResponse, {"class": "EntitySummaryResponse", "entity": {"class": tag, "guid": "g"}}
        )
        assert parsed.entity is not None
        assert type(parsed.entity).__name__ == tag


def test_cohort_beans_round_trip() -> None:
    member = MemberRegistration(
        metadata_collection_id="id",
        metadata_collection_name="n",
        server_name="s",
        server_type="t",
        organization_name="o",
        registration_time=datetime_from_millis(1700000000000),
        repository_connection=remote_repository_connection("https://h/servers/s"),
    )
    document = to_wire(CohortMembershipListResponse(cohort_members=[member], page_size=10))
    assert "class" not in document["cohortMembers"][0]
    assert document["cohortMembers"][0]["registrationTime"] == 1700000000000
    assert to_wire(from_wire(response_adapter, document)) == document
    cohorts = CohortListResponse(
        cohorts=[CohortDescription(cohort_name="c", connection_status=CohortConnectionStatus.CONNECTED)]
    )
    document = to_wire(cohorts)
    assert document["cohorts"][0] == {
        "class": "CohortDescription",
        "cohortName": "c",
        "connectionStatus": "CONNECTED",
    }
    assert to_wire(from_wire(response_adapter, document)) == document


# --- negative cases --------------------------------------------------------------------------------------


def test_missing_class_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        from_wire(EntityDetailResponse, {"relatedHTTPCode": 200})
    assert caught.value.errors()[0]["loc"] == ("class",)


def test_wrong_class_is_rejected() -> None:
    # Appendix C: a VoidResponse where an EntityDetailResponse is expected fails in Java too.
    with pytest.raises(ValidationError) as caught:
        from_wire(EntityDetailResponse, {"class": "VoidResponse", "relatedHTTPCode": 200})
    assert caught.value.errors()[0]["loc"] == ("class",)
    with pytest.raises(ValidationError):
        from_wire(EntityPropertyFindRequest, {"class": "PropertyMatchFindRequest", "typeGUID": "x"})


def test_unknown_class_is_rejected_by_the_adapters() -> None:
    with pytest.raises(ValidationError, match="missing or unknown type id"):
        from_wire(response_adapter, {"class": "OMRSRESTAPIPagedResponse"})
    with pytest.raises(ValidationError, match="missing or unknown type id"):
        from_wire(request_adapter, {"typeGUID": "x"})


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ({"class": "EntityListResponse", "relatedHTTPCode": "not a number"}, ("relatedHTTPCode",)),
        ({"class": "EntityListResponse", "pageSize": "x"}, ("pageSize",)),
        ({"class": "EntityListResponse", "entities": [{"class": "Relationship"}]}, ("entities", 0, "class")),
        ({"class": "EntityListResponse", "entities": {"not": "a list"}}, ("entities",)),
        ({"class": "BooleanResponse", "flag": "maybe"}, ("flag",)),
        (
            {"class": "EntityDetailResponse", "exceptionErrorMessageParameters": "x"},
            ("exceptionErrorMessageParameters",),
        ),
    ],
)
def test_malformed_body_names_the_field(document: dict[str, Any], location: tuple[Any, ...]) -> None:
    classes: dict[str, type[OMRSAPIResponse]] = {
        "EntityListResponse": EntityListResponse,
        "BooleanResponse": BooleanResponse,
        "EntityDetailResponse": EntityDetailResponse,
    }
    cls = classes[document["class"]]
    with pytest.raises(ValidationError) as caught:
        from_wire(cls, document)
    assert caught.value.errors()[0]["loc"] == location


def test_unknown_enum_constant_is_rejected() -> None:
    with pytest.raises(ValidationError) as caught:
        from_wire(HistoryRangeRequest, {"class": "HistoryRangeRequest", "sequencingOrder": "SIDEWAYS"})
    assert caught.value.errors()[0]["loc"] == ("sequencingOrder",)


def test_malformed_json_text_is_a_validation_error() -> None:
    with pytest.raises(ValidationError):
        from_wire(response_adapter, '{"class": "VoidResponse",')


# --- property-based round trips ---------------------------------------------------------------------------

_ids = st.uuids().map(str)
_texts = st.text(max_size=20)
_times = st.integers(min_value=0, max_value=2**42).map(datetime_from_millis)
_entities = st.builds(
    EntityDetail,
    guid=_ids,
    type=st.builds(InstanceType, type_def_guid=_ids, type_def_name=_texts),
    metadata_collection_id=_ids,
    version=st.integers(min_value=0, max_value=2**40),
    status=st.sampled_from(InstanceStatus),
    create_time=_times,
    maintained_by=st.lists(_texts, max_size=2),
)
_relationships = st.builds(
    Relationship,
    guid=_ids,
    version=st.integers(min_value=0, max_value=2**40),
    entity_one_proxy=st.builds(EntityProxy, guid=_ids),
    entity_two_proxy=st.builds(EntityProxy, guid=_ids),
)
_error_fields = st.fixed_dictionaries(
    {},
    optional={
        "related_http_code": st.integers(min_value=100, max_value=599),
        "exception_class_name": _texts,
        "exception_error_message": _texts,
        "exception_error_message_parameters": st.lists(_texts, max_size=3),
        "exception_properties": st.dictionaries(_texts, _texts | st.integers(), max_size=2),
        "action_description": _texts,
    },
)
_paging = st.fixed_dictionaries({"offset": st.integers(0, 1000), "page_size": st.integers(0, 1000)})
_responses = st.one_of(
    _error_fields.map(lambda fields: VoidResponse(**fields)),
    st.builds(BooleanResponse, flag=st.booleans()),
    st.builds(MetadataCollectionIdResponse, metadata_collection_id=_ids),
    st.builds(EntityDetailResponse, entity=st.none() | _entities),
    st.tuples(_paging, st.lists(_entities, max_size=3)).map(
        lambda args: EntityListResponse(entities=args[1], **args[0])
    ),
    st.tuples(_paging, st.lists(_relationships, max_size=3)).map(
        lambda args: RelationshipListResponse(relationships=args[1], **args[0])
    ),
)


@given(_responses)
def test_response_beans_round_trip(response: OMRSAPIResponse) -> None:
    document = json.loads(to_json(response))
    parsed = from_wire(response_adapter, document)
    assert parsed == response
    assert to_wire(parsed) == document


@given(st.lists(_entities, max_size=2), st.lists(_relationships, max_size=2))
def test_instance_graph_request_round_trips(entities: list[EntityDetail], rels: list[Relationship]) -> None:
    request = InstanceGraphRequest(entity_element_list=entities, relationship_element_list=rels)
    document = json.loads(to_json(request))
    assert ("entityElementList" in document) == bool(entities)
    assert from_wire(request_adapter, document) == request
