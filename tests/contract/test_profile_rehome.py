"""CTS profile "Rehome"
(``TestSupportedEntityReferenceCopyLifecycle``/``...RelationshipReferenceCopyLifecycle``
re-home parts): only a reference copy can be re-homed, only to this member (§2 Group 5); the copy becomes a
home instance (LOCAL_COHORT, this collection, version + 1), can then be maintained, and RE_HOMED is announced
with the original home.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import InstanceProvenanceType, InvalidParameterException, OMRSInstanceEventType
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import (
    LOCAL_ID,
    LOCAL_NAME,
    REMOTE_ID,
    USER,
    TickingClock,
    add,
    drain,
    props,
    relate,
    remote_entity,
    remote_relationship,
    type_guid,
)

Ev = OMRSInstanceEventType


def test_rehome_entity_and_relationship(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    term, related = type_guid(g, "GlossaryTerm"), type_guid(g, "RelatedTerm")
    one = remote_entity(g, clock, "rh-1", qualifiedName="one")
    two = remote_entity(g, clock, "rh-2", qualifiedName="two")
    c.save_entity_reference_copy(USER, one)
    c.save_entity_reference_copy(USER, two)
    rel = remote_relationship(c, g, clock, "rh-rel", one, two)
    c.save_relationship_reference_copy(USER, rel)
    with pytest.raises(InvalidParameterException):  # not to another member
        c.re_home_entity(USER, "rh-1", term, "GlossaryTerm", REMOTE_ID, "third-member", "third")
    drain(store)
    rehomed = c.re_home_entity(USER, "rh-1", term, "GlossaryTerm", REMOTE_ID, LOCAL_ID, LOCAL_NAME)
    assert rehomed.metadata_collection_id == LOCAL_ID and rehomed.metadata_collection_name == LOCAL_NAME
    assert rehomed.instance_provenance_type is InstanceProvenanceType.LOCAL_COHORT and rehomed.version == 2
    (event,) = drain(store)
    section = event.instance_event_section
    assert section is not None and section.event_type is Ev.RE_HOMED_ENTITY_EVENT
    assert section.original_home_metadata_collection_id == REMOTE_ID
    assert (
        c.update_entity_properties(USER, "rh-1", props(g, "GlossaryTerm", qualifiedName="mine")).version == 3
    )
    drain(store)
    moved = c.re_home_relationship(USER, "rh-rel", related, "RelatedTerm", REMOTE_ID, LOCAL_ID, LOCAL_NAME)
    assert moved.metadata_collection_id == LOCAL_ID and moved.version == 2
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.RE_HOMED_RELATIONSHIP_EVENT
    assert (
        c.update_relationship_properties(USER, "rh-rel", props(g, "RelatedTerm", confidence=1)).version == 3
    )


def test_rehome_of_home_instances_is_refused(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    term, related = type_guid(g, "GlossaryTerm"), type_guid(g, "RelatedTerm")
    one, two = add(c, g, "GlossaryTerm", qualifiedName="h1"), add(c, g, "GlossaryTerm", qualifiedName="h2")
    rel = relate(c, g, one, two)
    with pytest.raises(InvalidParameterException):
        c.re_home_entity(USER, one, term, "GlossaryTerm", LOCAL_ID, LOCAL_ID, LOCAL_NAME)
    with pytest.raises(InvalidParameterException):
        c.re_home_relationship(USER, rel, related, "RelatedTerm", LOCAL_ID, LOCAL_ID, LOCAL_NAME)
