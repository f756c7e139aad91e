"""Instance events between two peers on memory stores, moved by hand: reference copies, version rules,
replays, refresh, conflicts, exchange rules and transient store faults (omrs-reference §8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest

from graphrepo.cohort import ExchangeRule, RetryableEventError, is_transient
from graphrepo.omrs import (
    EntityDetail,
    EntityProxy,
    InvalidParameterException,
    OMRSEventErrorCode,
    OMRSEventV1,
    OMRSInstanceEventType,
    Relationship,
    RepositoryErrorException,
    from_wire,
    to_json,
)
from graphrepo.store import InstanceStore, StoreTransaction
from graphrepo.store.memory import MemoryInstanceStore
from tests.unit.cohort._peers import COHORT, USER, Peer, make_peer

Ev = OMRSInstanceEventType
T = TypeVar("T")


def types_of(events: list[OMRSEventV1]) -> list[str]:
    return [
        e.instance_event_section.event_type.name
        for e in events
        if e.instance_event_section and e.instance_event_section.event_type
    ]


def snapshot(peer: Peer, *guids: str) -> list[str]:
    """The stored state of some instances, as JSON (to show a replay changed nothing)."""
    found: list[str] = []
    for guid in guids:

        def entity_of(tx: StoreTransaction, g: str = guid) -> EntityDetail | EntityProxy | None:
            return tx.get_entity(g)

        def relationship_of(tx: StoreTransaction, g: str = guid) -> Relationship | None:
            return tx.get_relationship(g)

        entity = peer.store.read(entity_of)
        relationship = peer.store.read(relationship_of)
        found.append(
            to_json(entity) if entity is not None else to_json(relationship) if relationship else "-"
        )
    return found


def test_new_entity_and_relationship_arrive_as_locked_reference_copies() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    one, two = a.add_term("term.one"), a.add_term("term.two")
    link = a.relate(str(one.guid), str(two.guid))
    events = a.drain()
    assert types_of(events) == ["NEW_ENTITY_EVENT", "NEW_ENTITY_EVENT", "NEW_RELATIONSHIP_EVENT"]
    b.receive(events)
    copy = b.collection.get_entity_detail(USER, str(one.guid))
    assert copy.metadata_collection_id == a.mcid and copy.version == one.version
    assert b.collection.get_relationship(USER, str(link.guid)).metadata_collection_id == a.mcid
    with pytest.raises(InvalidParameterException):
        b.collection.update_entity_properties(USER, str(one.guid), b.props("GlossaryTerm", qualifiedName="x"))
    assert b.inbound.stats.stored == 3
    assert b.drain() == []  # reference copies are never announced


def test_updates_classifications_delete_and_purge_propagate_and_replays_change_nothing() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    one, two = a.add_term("term.one"), a.add_term("term.two")
    link = a.relate(str(one.guid), str(two.guid))
    guid, link_guid = str(one.guid), str(link.guid)
    a.collection.update_entity_properties(USER, guid, a.props("GlossaryTerm", qualifiedName="term.one.v2"))
    a.collection.classify_entity(USER, guid, "Confidentiality", a.props("Confidentiality", confidence=80))
    term_type = a.type_guid("GlossaryTerm")
    a.collection.delete_entity(USER, term_type, "GlossaryTerm", str(two.guid))  # its relationship goes too
    a.collection.purge_entity(USER, term_type, "GlossaryTerm", str(two.guid))
    history = a.drain()
    b.receive(history)
    copy = b.collection.get_entity_detail(USER, guid)
    assert copy.version == a.collection.get_entity_detail(USER, guid).version
    assert [c.name for c in copy.classifications] == ["Confidentiality"]
    assert b.collection.is_entity_known(USER, str(two.guid)) is None
    state = snapshot(b, guid, str(two.guid), link_guid)

    # The same events again, in order (a consumer restarted before it committed): the same end state.
    b.receive(history)
    assert snapshot(b, guid, str(two.guid), link_guid) == state
    # The events of the surviving entity again, newest first: all stale. (A purge leaves no tombstone,
    # so events of a purged instance delivered out of order could bring it back, as in Egeria; Kafka
    # keeps one member's events in order, so only in-order replays happen.)
    stale = b.inbound.stats.stale
    about_one = [
        e for e in history if e.instance_event_section and e.instance_event_section.instance_guid == guid
    ]
    b.receive(list(reversed(about_one)))
    assert b.inbound.stats.stale == stale + len(about_one)
    assert snapshot(b, guid, str(two.guid), link_guid) == state
    assert b.drain() == []

    a.collection.declassify_entity(USER, guid, "Confidentiality")
    b.receive(a.drain())
    assert b.collection.get_entity_detail(USER, guid).classifications == []


def test_out_of_order_update_is_ignored() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    entity = a.add_term("term.one")
    a.collection.update_entity_properties(
        USER, str(entity.guid), a.props("GlossaryTerm", qualifiedName="term.one.v2")
    )
    new, updated = a.drain()
    b.receive([updated, new])  # the update first: stored; the older NEW after it: stale
    copy = b.collection.get_entity_detail(USER, str(entity.guid))
    assert copy.version == 2 and b.inbound.stats.stale == 1


def test_refresh_request_is_answered_by_the_home() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    entity = a.add_term("term.one")
    a.drain()  # b never saw the NEW event
    b.collection.refresh_entity_reference_copy(
        USER, str(entity.guid), a.type_guid("GlossaryTerm"), "GlossaryTerm", a.mcid
    )
    request = b.drain()
    assert types_of(request) == ["REFRESH_ENTITY_REQUEST"]
    a.receive(request)
    answer = a.drain()
    assert types_of(answer) == ["REFRESHED_ENTITY_EVENT"]
    b.receive(answer)
    assert b.collection.get_entity_detail(USER, str(entity.guid)).metadata_collection_id == a.mcid
    # A third member, not the home, ignores the request.
    c = make_peer("gamma")
    c.receive(request)
    assert c.drain() == []


def test_guid_clash_is_reported_and_the_owner_re_identifies() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    mine = b.add_term("beta.term")
    b.drain()
    theirs = a.add_term("alpha.term")
    [event] = a.drain()
    # Alpha's entity arrives with beta's GUID but another createTime: another instance.
    assert mine.create_time is not None
    other = theirs.model_copy(update={"guid": mine.guid, "create_time": mine.create_time - timedelta(days=1)})
    clash = event.model_copy(
        update={
            "instance_event_section": event.instance_event_section.model_copy(  # type: ignore[union-attr]
                update={"entity": other, "instance_guid": mine.guid}
            )
        }
    )
    b.receive([clash])
    [error] = b.drain()
    section = error.error_section
    assert error.instance_event_section is not None
    assert error.instance_event_section.event_type is Ev.INSTANCE_ERROR_EVENT
    assert section is not None and section.error_code is OMRSEventErrorCode.CONFLICTING_INSTANCES
    assert section.target_metadata_collection_id == a.mcid
    assert section.other_metadata_collection_id == b.mcid
    assert section.target_instance_guid == mine.guid
    assert b.collection.get_entity_detail(USER, str(mine.guid)).metadata_collection_id == b.mcid
    # The wire form parses back.
    assert from_wire(OMRSEventV1, to_json(error)) == error

    # The target re-identifies an instance of its own with that GUID: aim the report at one that has it.
    a_clash = make_peer("alpha2")
    owned = a_clash.add_term("owned")
    a_clash.drain()
    report = error.model_copy(
        update={
            "error_section": section.model_copy(
                update={
                    "target_metadata_collection_id": a_clash.mcid,
                    "target_instance_guid": owned.guid,
                }
            )
        }
    )
    a_clash.receive([report])
    assert a_clash.collection.is_entity_known(USER, str(owned.guid)) is None
    assert types_of(a_clash.drain()) == ["RE_IDENTIFIED_ENTITY_EVENT"]
    a_clash.receive([report])  # a replay finds nothing to re-identify
    assert a_clash.drain() == []


def test_conflict_aimed_elsewhere_purges_our_copy_from_that_home() -> None:
    a, b, c = make_peer("alpha"), make_peer("beta"), make_peer("gamma")
    entity = a.add_term("term.one")
    c.receive(a.drain())
    assert c.collection.is_entity_known(USER, str(entity.guid)) is not None
    report = OMRSEventV1.model_validate(
        {
            "class": "OMRSEventV1",
            "eventCategory": "INSTANCE",
            "originator": {"metadataCollectionId": b.mcid, "serverName": "beta"},
            "instanceEventSection": {"eventType": "INSTANCE_ERROR_EVENT"},
            "errorSection": {
                "errorCode": "CONFLICTING_INSTANCES",
                "targetMetadataCollectionId": a.mcid,
                "targetInstanceGUID": entity.guid,
                "targetTypeDefSummary": {
                    "guid": a.type_guid("GlossaryTerm"),
                    "name": "GlossaryTerm",
                    "category": "ENTITY_DEF",
                },
                "otherMetadataCollectionId": b.mcid,
            },
        }
    )
    c.receive([report])
    assert c.collection.is_entity_known(USER, str(entity.guid)) is None
    # The home keeps its own instance (it is the target only of a re-identify, not a purge).
    a.receive(
        [
            report.model_copy(
                update={
                    "error_section": report.error_section.model_copy(  # type: ignore[union-attr]
                        update={"error_code": OMRSEventErrorCode.CONFLICTING_TYPE}
                    )
                }
            )
        ]
    )
    assert a.collection.is_entity_known(USER, str(entity.guid)) is not None


def test_purge_by_guid_only_from_the_home() -> None:
    a, b, c = make_peer("alpha"), make_peer("beta"), make_peer("gamma")
    entity = a.add_term("term.one")
    b.receive(a.drain())
    term_type = a.type_guid("GlossaryTerm")
    a.collection.delete_entity(USER, term_type, "GlossaryTerm", str(entity.guid))
    a.collection.purge_entity(USER, term_type, "GlossaryTerm", str(entity.guid))
    deleted, purged = a.drain()
    assert purged.instance_event_section is not None and purged.instance_event_section.entity is None
    # The same purge sent by someone else is ignored.
    forged = purged.model_copy(update={"originator": c.member.originator()})
    b.receive([deleted, forged])
    assert b.collection.is_entity_known(USER, str(entity.guid)) is not None
    b.receive([purged])
    assert b.collection.is_entity_known(USER, str(entity.guid)) is None
    b.receive([purged])  # unknown now: ignored
    assert b.inbound.stats.purged == 1


def test_exchange_rules_select_types() -> None:
    a = make_peer("alpha")
    only_assets = make_peer("beta", rule=ExchangeRule.SELECTED_TYPES, selected=["Asset"])
    not_terms = make_peer("gamma", rule=ExchangeRule.DESELECTED_TYPES, selected=["GlossaryTerm"])
    nothing = make_peer("delta", rule=ExchangeRule.JUST_TYPEDEFS)
    learner = make_peer("epsilon", rule=ExchangeRule.LEARNED_TYPES)
    entity = a.add_term("term.one")
    events = a.drain()
    for peer in (only_assets, not_terms, nothing, learner):
        peer.receive(events)
        assert peer.collection.is_entity_known(USER, str(entity.guid)) is None, peer.name
        assert peer.inbound.stats.filtered == 1
    everything = make_peer("zeta", rule=ExchangeRule.DESELECTED_TYPES, selected=["Asset"])
    everything.receive(events)
    assert everything.collection.is_entity_known(USER, str(entity.guid)) is not None
    # The learner asks for a refresh of a term: from then on terms are saved.
    learner.collection.refresh_entity_reference_copy(
        USER, str(entity.guid), a.type_guid("GlossaryTerm"), "GlossaryTerm", a.mcid
    )
    for request in learner.drain():
        learner.save_rule.observe_outbound(request)
    learner.receive(events)
    assert learner.collection.is_entity_known(USER, str(entity.guid)) is not None


def test_invalid_and_unknown_type_events_are_skipped() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    entity = a.add_term("term.one")
    [event] = a.drain()
    section = event.instance_event_section
    assert section is not None
    unknown_type = entity.model_copy(
        update={"type": entity.type.model_copy(update={"type_def_guid": "no-such-type"})}  # type: ignore[union-attr]
    )
    homeless = entity.model_copy(update={"metadata_collection_id": None})
    newer_header = entity.model_copy(update={"header_version": 2})
    b.receive(
        [event.model_copy(update={"instance_event_section": section.model_copy(update={"entity": None})})]
    )
    for variant in (unknown_type, homeless, newer_header):
        b.receive(
            [
                event.model_copy(
                    update={"instance_event_section": section.model_copy(update={"entity": variant})}
                )
            ]
        )
    stats = b.inbound.stats
    assert (stats.invalid, stats.filtered, stats.stored) == (2, 2, 0)
    assert b.collection.is_entity_known(USER, str(entity.guid)) is None


class FlakyStore:
    """A memory store whose next ``failures`` writes fail as the Neo4j store does when the server is down:
    a RepositoryErrorException caused by a driver error that says it is retryable."""

    def __init__(self, failures: int) -> None:
        self.inner = MemoryInstanceStore()
        self.failures = failures

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.inner.read(work)

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        if self.failures > 0:
            self.failures -= 1
            try:
                raise _ServiceUnavailable("connection refused")
            except _ServiceUnavailable as cause:
                raise RepositoryErrorException.unexpected(cause, action="write") from cause
        return self.inner.write(work)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _ServiceUnavailable(Exception):
    def is_retryable(self) -> bool:
        return True


def test_transient_store_fault_asks_for_redelivery() -> None:
    a = make_peer("alpha")
    flaky = FlakyStore(failures=1)
    store: InstanceStore = flaky
    b = make_peer("beta", store=store)
    entity = a.add_term("term.one")
    [event] = a.drain()
    with pytest.raises(RetryableEventError):
        b.inbound(COHORT, event)
    b.inbound(COHORT, event)  # delivered again: applied
    assert b.collection.is_entity_known(USER, str(entity.guid)) is not None
    assert not is_transient(ValueError("bug"))
    assert isinstance(b.collection.get_entity_detail(USER, str(entity.guid)), EntityDetail)
