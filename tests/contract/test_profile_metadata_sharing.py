"""CTS profile "Metadata sharing" (mandatory): ENTITY_LIFECYCLE / RELATIONSHIP_LIFECYCLE basics and reads.

Modelled on ``TestSupportedEntityLifecycle`` and ``TestSupportedRelationshipLifecycle`` (the parts every
member must pass): a created instance is returned with a full header (type, home, provenance, creator, create
time, version 1) and read back identically through ``getEntityDetail``/``isEntityKnown``/
``getEntitySummary``/``getRelationship``/``isRelationshipKnown``; reads of unknown GUIDs raise the not-known
exceptions (``isXKnown`` answers null instead); every change is announced on the cohort.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityNotKnownException,
    InstanceProvenanceType,
    InstanceStatus,
    OMRSInstanceEventType,
    RelationshipNotKnownException,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import LOCAL_ID, USER, add, drain, props, relate, type_guid

Ev = OMRSInstanceEventType


def test_entity_header_and_reads(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    created = c.add_entity(
        USER, type_guid(g, "ToDo"), props(g, "ToDo", qualifiedName="share", priority=2, toDoStatus="Open")
    )
    guid = str(created.guid)
    assert created.type is not None and created.type.type_def_name == "ToDo"
    assert created.type.type_def_guid == type_guid(g, "ToDo")
    assert created.metadata_collection_id == LOCAL_ID and created.metadata_collection_name == "contract-repo"
    assert created.instance_provenance_type is InstanceProvenanceType.LOCAL_COHORT
    assert created.version == 1 and created.status is InstanceStatus.ACTIVE
    assert created.created_by == USER and created.create_time is not None and created.update_time is None
    assert c.get_entity_detail(USER, guid) == created
    assert c.is_entity_known(USER, guid) == created
    summary = c.get_entity_summary(USER, guid)
    assert summary.guid == guid and summary.version == 1 and summary.type == created.type
    (event,) = drain(store)
    section = event.instance_event_section
    assert section is not None and section.event_type is Ev.NEW_ENTITY_EVENT
    assert section.entity is not None and section.entity.guid == guid
    assert event.originator is not None and event.originator.metadata_collection_id == LOCAL_ID


def test_relationship_header_and_reads(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    one, two = add(c, g, "GlossaryTerm", qualifiedName="s1"), add(c, g, "GlossaryTerm", qualifiedName="s2")
    drain(store)
    guid = relate(c, g, one, two, description="d", confidence=5)
    rel = c.get_relationship(USER, guid)
    assert rel.version == 1 and rel.metadata_collection_id == LOCAL_ID and rel.created_by == USER
    assert rel.entity_one_proxy is not None and rel.entity_one_proxy.guid == one
    assert rel.entity_two_proxy is not None and rel.entity_two_proxy.guid == two
    assert rel.entity_one_proxy.type is not None and rel.entity_one_proxy.type.type_def_name == "GlossaryTerm"
    assert c.is_relationship_known(USER, guid) == rel
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.NEW_RELATIONSHIP_EVENT


def test_unknown_guids(collection: MetadataCollection) -> None:
    c = collection
    assert c.is_entity_known(USER, "nope") is None and c.is_relationship_known(USER, "nope") is None
    with pytest.raises(EntityNotKnownException):
        c.get_entity_summary(USER, "nope")
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail(USER, "nope")
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, "nope")
    assert c.find_entities(USER) == [] and c.find_relationships(USER) == []
