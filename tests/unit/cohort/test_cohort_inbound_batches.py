"""Instance events applied in batches (``InstanceEventProcessor.handle_batch``, the consumers' batch path):
the same end state and counts as one by one, one transaction per run of saves, per-event isolation of
conflicts, invalid events and an event the store refuses, and a transient fault stopping the batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, TypeVar

from graphrepo.cohort import DispatchOutcome, EventDispatcher, RetryableEventError
from graphrepo.omrs import (
    OMRSEventV1,
    OMRSInstanceEventType,
    RepositoryErrorException,
    to_json,
)
from graphrepo.store import EntityRecord, InstanceStore, StoreTransaction
from graphrepo.store.memory import MemoryInstanceStore
from tests.unit.cohort._peers import COHORT, USER, Peer, make_peer
from tests.unit.cohort.test_cohort_inbound import FlakyStore, snapshot, types_of

Ev = OMRSInstanceEventType
T = TypeVar("T")


class CountingStore:
    """A memory store that counts write transactions and refuses (non-retryably, as the Neo4j store
    reports a statement it cannot run) any write of an entity whose GUID is ``poison``."""

    def __init__(self, poison: str | None = None) -> None:
        self.inner = MemoryInstanceStore()
        self.poison = poison
        self.writes = 0

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.inner.read(work)

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        self.writes += 1
        return self.inner.write(lambda tx: work(_PoisonedTx(tx, self.poison)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _PoisonedTx:
    def __init__(self, inner: StoreTransaction, poison: str | None) -> None:
        self._inner = inner
        self._poison = poison

    def _check(self, records: Sequence[EntityRecord]) -> None:
        if any(str(r.entity.guid) == self._poison for r in records):
            raise RepositoryErrorException.unexpected(ValueError("the store refuses it"), action="save")

    def save_entity(self, record: EntityRecord) -> None:
        self._check([record])
        self._inner.save_entity(record)

    def save_entities(self, records: Sequence[EntityRecord]) -> None:
        self._check(records)
        self._inner.save_entities(records)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def history_of(a: Peer) -> tuple[list[OMRSEventV1], list[str]]:
    """A varied stream from alpha: new entities and relationships, updates, a classification, a retype-free
    delete and purge, a re-identify; and the GUIDs it touches."""
    terms = [a.add_term(f"term.{i}") for i in range(6)]
    guids = [str(t.guid) for t in terms]
    links = [a.relate(guids[i], guids[i + 1]) for i in range(3)]
    term_type = a.type_guid("GlossaryTerm")
    for guid in guids[:3]:
        a.collection.update_entity_properties(USER, guid, a.props("GlossaryTerm", qualifiedName=f"{guid}.v2"))
    a.collection.classify_entity(USER, guids[0], "Confidentiality", a.props("Confidentiality", confidence=5))
    a.collection.update_entity_properties(USER, guids[0], a.props("GlossaryTerm", qualifiedName="v3"))
    a.collection.delete_entity(USER, term_type, "GlossaryTerm", guids[4])
    a.collection.purge_entity(USER, term_type, "GlossaryTerm", guids[4])
    moved = a.collection.re_identify_entity(USER, term_type, "GlossaryTerm", guids[5], "f" * 8 + guids[5][8:])
    return a.drain(), [*guids, str(moved.guid), *(str(link.guid) for link in links)]


def test_a_batch_ends_where_one_by_one_ends_with_the_same_counts() -> None:
    a = make_peer("alpha")
    events, guids = history_of(a)
    assert {
        "NEW_ENTITY_EVENT",
        "NEW_RELATIONSHIP_EVENT",
        "UPDATED_ENTITY_EVENT",
        "CLASSIFIED_ENTITY_EVENT",
    } <= set(types_of(events))
    single, batched = make_peer("beta"), make_peer("gamma", store=CountingStore())
    single.receive(events)
    assert batched.inbound.handle_batch(COHORT, events) == len(events)
    assert snapshot(batched, *guids) == snapshot(single, *guids)
    assert batched.inbound.stats == single.inbound.stats
    assert batched.inbound.stats.stored > 0 and batched.inbound.stats.failed == 0
    # Fewer transactions than events: runs of saves went in one each.
    counting = batched.store
    assert isinstance(counting, CountingStore) and counting.writes < len(events) // 2

    # The saves of the surviving instances again, then newest first: nothing changes, every one stale.
    gone = {guids[4], guids[5]}  # purged, re-identified
    again = [
        e
        for e in events
        if e.instance_event_section is not None
        and e.instance_event_section.event_type in _SAVES
        and e.instance_event_section.instance_guid not in gone
    ]
    state, stale = snapshot(batched, *guids), batched.inbound.stats.stale
    assert batched.inbound.handle_batch(COHORT, [*again, *reversed(again)]) == 2 * len(again)
    assert batched.inbound.stats.stale == stale + 2 * len(again)
    assert snapshot(batched, *guids) == state


_SAVES = {Ev.NEW_ENTITY_EVENT, Ev.UPDATED_ENTITY_EVENT, Ev.NEW_RELATIONSHIP_EVENT}


def test_new_and_update_of_one_instance_in_one_batch_keep_both_versions() -> None:
    a, b = make_peer("alpha"), make_peer("beta")
    term = a.add_term("term")
    a.collection.update_entity_properties(USER, str(term.guid), a.props("GlossaryTerm", qualifiedName="v2"))
    events = a.drain()
    assert b.inbound.handle_batch(COHORT, events) == 2
    history = b.collection.get_entity_detail_history(USER, str(term.guid))
    assert sorted(e.version for e in history) == [1, 2]


def test_a_poisoned_event_inside_a_batch_fails_alone() -> None:
    a = make_peer("alpha")
    terms = [a.add_term(f"term.{i}") for i in range(10)]
    events = a.drain()
    poison = str(terms[4].guid)
    store = CountingStore(poison=poison)
    b = make_peer("beta", store=store)
    # Also inside the batch: an event without its entity, and a GUID clash with an entity homed at beta.
    mine = b.add_term("beta.term")
    b.drain()
    assert mine.create_time is not None
    clash = events[7].model_copy(deep=True)
    section = clash.instance_event_section
    assert section is not None and section.entity is not None
    section.entity = section.entity.model_copy(
        update={"guid": mine.guid, "create_time": mine.create_time - timedelta(days=1)}
    )
    broken = events[8].model_copy(deep=True)
    assert broken.instance_event_section is not None
    broken.instance_event_section.entity = None
    batch = [*events[:7], clash, broken, events[9]]
    assert b.inbound.handle_batch(COHORT, batch) == len(batch)
    stats = b.inbound.stats
    assert (stats.stored, stats.failed, stats.conflicts, stats.invalid) == (7, 1, 1, 1)
    for i, term in enumerate(terms):
        known = b.collection.is_entity_known(USER, str(term.guid))
        assert (known is None) == (i in (4, 7, 8)), i
    assert types_of(b.drain()) == ["INSTANCE_ERROR_EVENT"]  # the clash was reported
    assert b.collection.get_entity_detail(USER, str(mine.guid)).metadata_collection_id == b.mcid


def test_a_transient_fault_stops_the_batch_for_redelivery() -> None:
    a = make_peer("alpha")
    [a.add_term(f"term.{i}") for i in range(5)]
    events = a.drain()
    flaky = FlakyStore(failures=2)  # the batch, then the first event alone
    store: InstanceStore = flaky
    b = make_peer("beta", store=store)
    assert b.inbound.handle_batch(COHORT, events) == 0
    assert b.inbound.stats.stored == 0
    assert b.inbound.handle_batch(COHORT, events) == len(events)  # delivered again: applied
    assert b.inbound.stats.stored == len(events)


def test_dispatcher_hands_a_batch_over_and_stops_at_a_retry() -> None:
    """``dispatch_many``: the batch handler takes what it can; the next event goes to the single handler,
    a retry there stops the batch (its offset is where reading starts again); own and invalid messages
    count once, in their place."""
    a = make_peer("alpha")
    [a.add_term(f"term.{i}") for i in range(6)]
    raws: list[str] = [to_json(e) for e in a.drain()]
    raws.insert(1, "not an event")
    batches: list[int] = []
    singles: list[str] = []

    def batch_handler(events: Sequence[OMRSEventV1]) -> int:
        batches.append(len(events))
        return 2 if len(batches) == 1 else 0  # the first two, then nothing more

    def handler(event: OMRSEventV1) -> None:
        singles.append(str(event.instance_event_section and event.instance_event_section.instance_guid))
        if len(singles) == 2:
            raise RetryableEventError("store unavailable")

    dispatcher = EventDispatcher(handler, local_collection_id="me", name="test", batch_handler=batch_handler)
    finished = dispatcher.dispatch_many([(raw, f"t@{i}") for i, raw in enumerate(raws)])
    # Events 0 and 1 (messages 0, 2) in the batch; event 2 (message 3) alone; event 3 (message 4) retried.
    assert finished == 4
    assert batches == [6, 3] and len(singles) == 2
    stats = dispatcher.stats
    assert (stats.handled, stats.invalid, stats.retried) == (3, 1, 1)
    assert dispatcher.dispatch(raws[0], where="t@0") is DispatchOutcome.HANDLED
