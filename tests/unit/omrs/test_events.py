"""OMRS cohort events: the OMRSEventV1 envelope, sections, enums and builders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from graphrepo.omrs import (
    PROTOCOL_VERSION_V1,
    OMRSEventCategory,
    OMRSEventErrorCode,
    OMRSEventOriginator,
    OMRSEventV1,
    OMRSEventV1ErrorSection,
    OMRSEventV1InstanceSection,
    OMRSEventV1RegistrySection,
    OMRSEventV1TypeDefSection,
    OMRSInstanceEventType,
    OMRSRegistryEventType,
    OMRSTypeDefEventType,
    entity_event,
    instance_event,
    registry_event,
    relationship_event,
    remote_repository_connection,
    typedef_event,
)
from graphrepo.omrs._base import datetime_from_millis, from_wire, to_json, to_wire
from graphrepo.omrs._enums import InstanceProvenanceType
from graphrepo.omrs._instances import EntityDetail, EntityProxy, InstanceType, Relationship
from graphrepo.omrs._typedefs import EntityDef

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_EVENTS = sorted(path.name for path in GOLDEN.glob("event_*.json"))
T0 = datetime_from_millis(1700000000000)
T1 = datetime_from_millis(1700000500000)
ORIGINATOR = OMRSEventOriginator(
    metadata_collection_id="f29a7a44-b2f4-4b0f-9b7c-3b7c6a8d9e01",
    server_name="pyRepo",
    server_type="Python OMRS Repository",
    organization_name="Coco Pharmaceuticals",
)


def golden(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text())


@pytest.mark.parametrize("name", GOLDEN_EVENTS)
def test_golden_event_round_trips(name: str) -> None:
    document = golden(name)
    event = from_wire(OMRSEventV1, document)
    assert to_wire(event) == document
    assert json.loads(to_json(event)) == document


def test_enums_hold_every_5x_constant() -> None:
    assert [m.value for m in OMRSEventCategory] == ["UNKNOWN", "REGISTRY", "TYPEDEF", "INSTANCE", "GENERIC"]
    assert {m.value for m in OMRSRegistryEventType} == {
        "UNKNOWN_REGISTRY_EVENT",
        "REGISTRATION_EVENT",
        "REFRESH_REGISTRATION_REQUEST",
        "RE_REGISTRATION_EVENT",
        "UN_REGISTRATION_EVENT",
        "REGISTRATION_ERROR_EVENT",
    }
    assert len(OMRSTypeDefEventType) == 9
    assert len(OMRSInstanceEventType) == 30
    assert OMRSInstanceEventType.INSTANCE_ERROR_EVENT.ordinal == 99
    assert "CONFLICTING_INSTANCES_EVENT" not in OMRSInstanceEventType.__members__
    assert len(OMRSEventErrorCode) == 13


def test_protocol_version_v2_is_accepted() -> None:
    document = {**golden("event_refresh_registration_request.json"), "protocolVersionId": "OMRS V2.0"}
    event = from_wire(OMRSEventV1, document)
    assert event.protocol_version_id == "OMRS V2.0"
    assert to_wire(event) == document


def test_unknown_fields_are_ignored() -> None:
    document = golden("event_new_entity.json")
    noisy = {
        **document,
        "lastRequestId": "r",
        "instanceEventSection": {**document["instanceEventSection"], "futureField": 1},
    }
    assert to_wire(from_wire(OMRSEventV1, noisy)) == document


def test_sections_carry_no_class() -> None:
    document = to_wire(registry_event(OMRSRegistryEventType.REGISTRATION_EVENT, ORIGINATOR, timestamp=T0))
    assert "class" not in document["registryEventSection"]
    assert "class" not in document["originator"]


# --- negative cases --------------------------------------------------------------------------------------


def test_unknown_event_type_constant_fails_naming_the_field() -> None:
    document = golden("event_refresh_registration_request.json")
    document["registryEventSection"]["registryEventType"] = "SOME_NEW_TYPE"
    with pytest.raises(ValidationError) as caught:
        from_wire(OMRSEventV1, document)
    assert caught.value.errors()[0]["loc"] == ("registryEventSection", "registryEventType")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("eventCategory",), "REGISTRY_EVENT"),
        (("instanceEventSection", "eventType"), "CONFLICTING_INSTANCES_EVENT"),
        (("instanceEventSection", "eventType"), "NewEntityEvent"),
        (("timestamp",), "yesterday"),
        (("instanceEventSection", "entity", "status"), "INVALID"),
    ],
)
def test_bad_values_fail_naming_the_field(path: tuple[str, ...], value: Any) -> None:
    document = golden("event_new_entity.json")
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as caught:
        from_wire(OMRSEventV1, document)
    assert caught.value.errors()[0]["loc"] == path


def test_event_without_class_is_rejected() -> None:
    document = golden("event_new_entity.json")
    del document["class"]
    with pytest.raises(ValidationError) as caught:
        from_wire(OMRSEventV1, document)
    assert caught.value.errors()[0]["loc"] == ("class",)


def test_remote_connection_without_class_is_rejected() -> None:
    document = golden("event_registration.json")
    del document["registryEventSection"]["remoteConnection"]["endpoint"]["class"]
    with pytest.raises(ValidationError) as caught:
        from_wire(OMRSEventV1, document)
    assert caught.value.errors()[0]["loc"][:2] == ("registryEventSection", "remoteConnection")


# --- builders --------------------------------------------------------------------------------------------


def test_registration_event_builder_matches_golden() -> None:
    event = registry_event(
        OMRSRegistryEventType.REGISTRATION_EVENT,
        ORIGINATOR,
        registration_timestamp=T0,
        metadata_collection_name="pyRepo",
        remote_connection=remote_repository_connection(
            "https://pyrepo.example.com:9443/servers/pyRepo",
            display_name="Local Repository Remote Connection",
        ),
        timestamp=T0,
    )
    assert to_wire(event) == golden("event_registration.json")


def test_refresh_request_drops_the_collection_id() -> None:
    event = registry_event(OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST, ORIGINATOR, timestamp=T0)
    expected = golden("event_refresh_registration_request.json")
    del expected["originator"]["metadataCollectionId"]
    assert to_wire(event) == expected


def test_entity_event_builder_matches_golden() -> None:
    document = golden("event_new_entity.json")
    entity = from_wire(EntityDetail, document["instanceEventSection"]["entity"])
    event = entity_event(OMRSInstanceEventType.NEW_ENTITY_EVENT, ORIGINATOR, entity, timestamp=T1)
    assert to_wire(event) == document


def test_updated_event_takes_ids_from_the_original() -> None:
    original = EntityDetail(guid="old", type=InstanceType(type_def_guid="t", type_def_name="T"))
    new = EntityDetail(guid="new", type=InstanceType(type_def_guid="t", type_def_name="T"), version=2)
    updated = OMRSInstanceEventType.UPDATED_ENTITY_EVENT
    event = entity_event(updated, ORIGINATOR, new, original_entity=original)
    section = event.instance_event_section
    assert section is not None
    assert (section.instance_guid, section.type_def_guid, section.type_def_name) == ("old", "t", "T")
    assert event.timestamp is not None and event.timestamp.microsecond % 1000 == 0


def test_relationship_and_refresh_events() -> None:
    relationship = Relationship(guid="r", type=InstanceType(type_def_guid="rt", type_def_name="RT"))
    event = relationship_event(OMRSInstanceEventType.DELETED_RELATIONSHIP_EVENT, ORIGINATOR, relationship)
    assert event.instance_event_section is not None
    assert event.instance_event_section.instance_guid == "r"
    refresh = instance_event(
        ORIGINATOR,
        OMRSEventV1InstanceSection(
            event_type=OMRSInstanceEventType.REFRESH_ENTITY_REQUEST,
            type_def_guid="1449911c-4f44-4c22-abc0-7540154feefb",
            type_def_name="GlossaryTerm",
            instance_guid="0a6d4a8e-7c1b-4a55-8b8e-1f0c1d2e3f40",
            home_metadata_collection_id="2e3f...home",
        ),
        timestamp=T1,
    )
    assert to_wire(refresh) == golden("event_refresh_entity_request.json")


def test_classification_event_with_proxy() -> None:
    proxy = EntityProxy(guid="p", type=InstanceType(type_def_guid="t", type_def_name="T"))
    event = instance_event(
        ORIGINATOR,
        OMRSEventV1InstanceSection(
            event_type=OMRSInstanceEventType.CLASSIFIED_ENTITY_EVENT, entity_proxy=proxy
        ),
    )
    assert event.instance_event_section is not None
    assert event.instance_event_section.instance_guid == "p"


def test_typedef_event_builder_matches_golden() -> None:
    document = golden("event_new_typedef.json")
    type_def = from_wire(EntityDef, document["typeDefEventSection"]["typeDef"])
    event = typedef_event(
        ORIGINATOR,
        OMRSEventV1TypeDefSection(
            type_def_event_type=OMRSTypeDefEventType.NEW_TYPEDEF_EVENT, type_def=type_def
        ),
        timestamp=T0,
    )
    assert to_wire(event) == document


# --- property-based round trips ---------------------------------------------------------------------------

_texts = st.none() | st.text(max_size=16)
_times = st.none() | st.integers(min_value=0, max_value=2**42).map(datetime_from_millis)
_originators = st.builds(
    OMRSEventOriginator,
    metadata_collection_id=_texts,
    server_name=_texts,
    server_type=_texts,
    organization_name=_texts,
)
_registry = st.builds(
    OMRSEventV1RegistrySection,
    registry_event_type=st.none() | st.sampled_from(OMRSRegistryEventType),
    registration_timestamp=_times,
    metadata_collection_name=_texts,
    remote_connection=st.none() | st.text(max_size=30).map(remote_repository_connection),
)
_instance = st.builds(
    OMRSEventV1InstanceSection,
    event_type=st.none() | st.sampled_from(OMRSInstanceEventType),
    type_def_guid=_texts,
    type_def_name=_texts,
    instance_guid=_texts,
    entity=st.none() | st.builds(EntityDetail, guid=st.text(max_size=8), version=st.integers(0, 2**40)),
    home_metadata_collection_id=_texts,
    original_instance_guid=_texts,
)
_error = st.builds(
    OMRSEventV1ErrorSection,
    error_code=st.none() | st.sampled_from(OMRSEventErrorCode),
    error_message=_texts,
    target_metadata_collection_id=_texts,
    target_instance_guid=_texts,
    other_origin=st.none() | st.sampled_from(InstanceProvenanceType),
    other_instance_guid=_texts,
)
_events = st.builds(
    OMRSEventV1,
    protocol_version_id=st.sampled_from([PROTOCOL_VERSION_V1, "OMRS V2.0"]),
    timestamp=_times,
    originator=st.none() | _originators,
    event_category=st.none() | st.sampled_from(OMRSEventCategory),
    registry_event_section=st.none() | _registry,
    type_def_event_section=st.none()
    | st.builds(
        OMRSEventV1TypeDefSection,
        type_def_event_type=st.none() | st.sampled_from(OMRSTypeDefEventType),
        type_def_guid=_texts,
        type_def_name=_texts,
    ),
    instance_event_section=st.none() | _instance,
    error_section=st.none() | _error,
)


@given(_events)
def test_events_round_trip(event: OMRSEventV1) -> None:
    text = to_json(event)
    parsed = from_wire(OMRSEventV1, text)
    assert parsed == event
    assert to_json(parsed) == text
