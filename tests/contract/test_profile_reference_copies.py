"""CTS profile "Reference copies" (REFERENCE_COPY_STORAGE, REFERENCE_COPY_LOCKING, REFERENCE_COPY_DELETE,
...).

Modelled on ``TestSupportedEntityReferenceCopyLifecycle`` and
``TestSupportedRelationshipReferenceCopyLifecycle``: a reference copy is saved, read back unchanged (home,
version, mapping properties), found by searches, and is locked: every maintenance method on it throws
``InvalidParameterException`` (omrs-reference §2.1 — any other exception fails the CTS). Allowed on a copy:
classification (homed locally), purge of the copy, refresh (a ``REFRESH_*_REQUEST`` event), re-home. Saving
follows §8.2: a stale or equal version is ignored, a newer one replaces the copy, a different ``createTime``
for the same GUID is a conflict. Group 6 never publishes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityConflictException,
    EntityNotKnownException,
    HomeEntityException,
    HomeRelationshipException,
    InstanceStatus,
    InvalidParameterException,
    OMRSInstanceEventType,
    RelationshipConflictException,
    RelationshipNotKnownException,
    TypeErrorException,
)
from graphrepo.repository import MetadataCollection, SaveOutcome
from graphrepo.store import InstanceStore
from tests.contract.conftest import (
    LOCAL_ID,
    REMOTE_ID,
    USER,
    TickingClock,
    add,
    drain,
    guids,
    props,
    relate,
    remote_entity,
    remote_relationship,
    type_guid,
    type_summary,
)

Ev = OMRSInstanceEventType


def _locked(attempts: list[Callable[[], object]]) -> None:
    for i, attempt in enumerate(attempts):
        with pytest.raises(InvalidParameterException):
            attempt()
        assert i >= 0


def test_entity_copy_is_stored_unchanged_and_searchable(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    copy = remote_entity(g, clock, "rc-1", qualifiedName="rc-one", displayName="Remote One")
    c.save_entity_reference_copy(USER, copy)
    assert drain(store) == []
    stored = c.get_entity_detail(USER, "rc-1")
    assert stored.metadata_collection_id == REMOTE_ID and stored.version == 1
    assert stored.create_time == copy.create_time and stored.created_by == "remote-user"
    assert stored.properties == copy.properties and stored.mapping_properties == {"connectorKey": "opaque"}
    assert c.is_entity_known(USER, "rc-1") == stored
    assert c.get_entity_summary(USER, "rc-1").metadata_collection_id == REMOTE_ID
    assert guids(c.find_entities_by_property_value(USER, None, r"\QRemote One\E")) == {"rc-1"}
    assert guids(c.find_entities(USER, type_guid(g, "GlossaryTerm"))) == {"rc-1"}
    by_prop = c.find_entities_by_property(USER, None, props(g, "GlossaryTerm", qualifiedName=r"\Qrc-one\E"))
    assert guids(by_prop) == {"rc-1"}


def test_entity_copy_is_locked_for_every_maintenance_method(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    c.save_entity_reference_copy(USER, remote_entity(g, clock, "rc-l", qualifiedName="locked"))
    term = type_guid(g, "GlossaryTerm")
    new_props = props(g, "GlossaryTerm", qualifiedName="changed")
    _locked(
        [
            lambda: c.update_entity_properties(USER, "rc-l", new_props),
            lambda: c.update_entity_status(USER, "rc-l", InstanceStatus.ACTIVE),
            lambda: c.undo_entity_update(USER, "rc-l"),
            lambda: c.delete_entity(USER, term, "GlossaryTerm", "rc-l"),
            lambda: c.re_identify_entity(USER, term, "GlossaryTerm", "rc-l", "rc-new"),
            lambda: c.re_type_entity(
                USER, "rc-l", type_summary(g, "GlossaryTerm"), type_summary(g, "ControlledGlossaryTerm")
            ),
        ]
    )
    assert c.get_entity_detail(USER, "rc-l").version == 1  # nothing changed
    assert c.is_entity_known(USER, "rc-new") is None
    # A deleted copy can neither be purged nor restored through the home methods.
    deleted = remote_entity(g, clock, "rc-d", qualifiedName="gone", status=InstanceStatus.DELETED)
    c.save_entity_reference_copy(USER, deleted)
    _locked(
        [
            lambda: c.purge_entity(USER, term, "GlossaryTerm", "rc-d"),
            lambda: c.restore_entity(USER, "rc-d"),
        ]
    )
    known = c.is_entity_known(USER, "rc-d")
    assert known is not None and known.status is InstanceStatus.DELETED


def test_entity_copy_allows_classify_purge_refresh_rehome(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    term = type_guid(g, "GlossaryTerm")
    copy = remote_entity(g, clock, "rc-a", qualifiedName="allowed")
    c.save_entity_reference_copy(USER, copy)
    classified = c.classify_entity(
        USER, "rc-a", "Confidentiality", props(g, "Confidentiality", levelIdentifier=2)
    )
    assert [x.name for x in classified.classifications] == ["Confidentiality"]
    assert classified.classifications[0].metadata_collection_id == LOCAL_ID
    c.update_entity_classification(
        USER, "rc-a", "Confidentiality", props(g, "Confidentiality", levelIdentifier=3)
    )
    assert c.declassify_entity(USER, "rc-a", "Confidentiality").classifications == []
    drain(store)
    c.refresh_entity_reference_copy(USER, "rc-a", term, "GlossaryTerm", REMOTE_ID)
    (request,) = drain(store)
    assert request.instance_event_section is not None
    assert request.instance_event_section.event_type is Ev.REFRESH_ENTITY_REQUEST
    c.purge_entity_reference_copy_by_guid(USER, "rc-a", term, "GlossaryTerm", REMOTE_ID)
    assert c.is_entity_known(USER, "rc-a") is None
    assert drain(store) == []
    # Purge by the instance form, then re-home of another copy.
    other = remote_entity(g, clock, "rc-b", qualifiedName="other")
    c.save_entity_reference_copy(USER, other)
    c.purge_entity_reference_copy(USER, other)
    assert c.is_entity_known(USER, "rc-b") is None
    c.save_entity_reference_copy(USER, other)
    rehomed = c.re_home_entity(USER, "rc-b", term, "GlossaryTerm", REMOTE_ID, LOCAL_ID, "contract-repo")
    assert rehomed.metadata_collection_id == LOCAL_ID
    assert (
        c.update_entity_properties(USER, "rc-b", props(g, "GlossaryTerm", qualifiedName="mine")).version == 3
    )
    # Purging or refreshing a locally homed entity as if it were a copy is refused.
    mine = add(c, g, "GlossaryTerm", qualifiedName="local")
    with pytest.raises(HomeEntityException):
        c.refresh_entity_reference_copy(USER, mine, term, "GlossaryTerm", LOCAL_ID)
    with pytest.raises(HomeEntityException):
        c.purge_entity_reference_copy_by_guid(USER, mine, term, "GlossaryTerm", LOCAL_ID)


def test_entity_copy_version_rules(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    v2 = remote_entity(g, clock, "rc-v", version=2, qualifiedName="v2")
    assert c.store_entity_reference_copy(USER, v2) is SaveOutcome.STORED
    v1 = v2.model_copy(update={"version": 1, "properties": props(g, "GlossaryTerm", qualifiedName="v1")})
    assert c.store_entity_reference_copy(USER, v1) is SaveOutcome.STALE  # older: ignored
    same = v2.model_copy(update={"properties": props(g, "GlossaryTerm", qualifiedName="same")})
    assert c.store_entity_reference_copy(USER, same) is SaveOutcome.STALE  # equal: ignored
    c.save_entity_reference_copy(USER, v1)  # silently, through the API too
    stored = c.get_entity_detail(USER, "rc-v")
    assert stored.version == 2 and stored.properties == v2.properties
    v5 = v2.model_copy(update={"version": 5, "properties": props(g, "GlossaryTerm", qualifiedName="v5")})
    c.save_entity_reference_copy(USER, v5)
    assert c.get_entity_detail(USER, "rc-v").properties == v5.properties
    clash = v5.model_copy(update={"version": 9, "create_time": clock()})
    with pytest.raises(EntityConflictException):
        c.save_entity_reference_copy(USER, clash)
    assert c.get_entity_detail(USER, "rc-v").version == 5
    # A deleted version soft-deletes the copy.
    c.delete_entity_reference_copy(
        USER, v5.model_copy(update={"version": 6, "status": InstanceStatus.DELETED})
    )
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail(USER, "rc-v")
    known = c.is_entity_known(USER, "rc-v")
    assert known is not None and known.status is InstanceStatus.DELETED and known.version == 6


def test_entity_copy_parameter_checks(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    with pytest.raises(InvalidParameterException):
        c.save_entity_reference_copy(USER, None)
    homeless = remote_entity(g, clock, "rc-h", qualifiedName="h").model_copy(
        update={"metadata_collection_id": None}
    )
    with pytest.raises(InvalidParameterException):
        c.save_entity_reference_copy(USER, homeless)
    untyped = remote_entity(g, clock, "rc-t", qualifiedName="t")
    assert untyped.type is not None
    bad_type = untyped.model_copy(
        update={
            "type": untyped.type.model_copy(update={"type_def_guid": "no-such-type", "type_def_name": "Nope"})
        }
    )
    with pytest.raises(TypeErrorException):
        c.save_entity_reference_copy(USER, bad_type)


# --- relationships ---------------------------------------------------------------------------------------


def test_relationship_copy_lifecycle_and_lock(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    one = remote_entity(g, clock, "rr-1", qualifiedName="one")
    two = remote_entity(g, clock, "rr-2", qualifiedName="two")
    c.save_entity_reference_copy(USER, one)
    rel = remote_relationship(c, g, clock, "rr-rel", one, two, description="remote link")
    c.save_relationship_reference_copy(USER, rel)
    assert drain(store) == []
    stored = c.get_relationship(USER, "rr-rel")
    assert stored.metadata_collection_id == REMOTE_ID and stored.properties == rel.properties
    assert guids(c.find_relationships_by_property_value(USER, None, r"\Qremote link\E")) == {"rr-rel"}
    assert guids(c.get_relationships_for_entity(USER, "rr-1")) == {"rr-rel"}
    related = type_guid(g, "RelatedTerm")
    _locked(
        [
            lambda: c.update_relationship_properties(USER, "rr-rel", None),
            lambda: c.update_relationship_status(USER, "rr-rel", InstanceStatus.ACTIVE),
            lambda: c.undo_relationship_update(USER, "rr-rel"),
            lambda: c.delete_relationship(USER, related, "RelatedTerm", "rr-rel"),
            lambda: c.re_identify_relationship(USER, related, "RelatedTerm", "rr-rel", "rr-new"),
            lambda: c.re_type_relationship(
                USER, "rr-rel", type_summary(g, "RelatedTerm"), type_summary(g, "Synonym")
            ),
        ]
    )
    assert c.get_relationship(USER, "rr-rel").version == 1
    # Version rules.
    stale = rel.model_copy(update={"properties": props(g, "RelatedTerm", description="stale")})
    c.save_relationship_reference_copy(USER, stale)
    assert c.get_relationship(USER, "rr-rel").properties == rel.properties
    newer = rel.model_copy(update={"version": 3, "properties": props(g, "RelatedTerm", description="v3")})
    c.save_relationship_reference_copy(USER, newer)
    assert c.get_relationship(USER, "rr-rel").version == 3
    with pytest.raises(RelationshipConflictException):
        c.save_relationship_reference_copy(
            USER, newer.model_copy(update={"version": 4, "create_time": clock()})
        )
    # Deleted copies, refresh, purge.
    deleted = newer.model_copy(update={"version": 4, "status": InstanceStatus.DELETED})
    c.delete_relationship_reference_copy(USER, deleted)
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, "rr-rel")
    _locked(
        [
            lambda: c.restore_relationship(USER, "rr-rel"),
            lambda: c.purge_relationship(USER, related, "RelatedTerm", "rr-rel"),
        ]
    )
    c.refresh_relationship_reference_copy(USER, "rr-rel", related, "RelatedTerm", REMOTE_ID)
    (request,) = drain(store)
    assert request.instance_event_section is not None
    assert request.instance_event_section.event_type is Ev.REFRESH_RELATIONSHIP_REQUEST
    c.purge_relationship_reference_copy_by_guid(USER, "rr-rel", related, "RelatedTerm", REMOTE_ID)
    assert c.is_relationship_known(USER, "rr-rel") is None
    assert c.is_entity_known(USER, "rr-1") is not None  # the ends stay


def test_relationship_copy_home_checks(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    related = type_guid(g, "RelatedTerm")
    mine = relate(
        c, g, add(c, g, "GlossaryTerm", qualifiedName="h1"), add(c, g, "GlossaryTerm", qualifiedName="h2")
    )
    with pytest.raises(HomeRelationshipException):
        c.refresh_relationship_reference_copy(USER, mine, related, "RelatedTerm", LOCAL_ID)
    with pytest.raises(InvalidParameterException):
        c.save_relationship_reference_copy(USER, None)
