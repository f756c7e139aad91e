"""Two graphrepo servers in one cohort on the real Kafka broker: alpha on the memory store, beta on Neo4j.

Instances created on alpha arrive at beta as locked reference copies, and every later change follows;
refresh requests are answered. Fault tests: Kafka stopped and restarted while alpha writes (its own broker,
restarted on the same port and data), beta's listener dying between a store commit and the offset commit,
and duplicate and out-of-order events. Nothing is lost and nothing is applied twice.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from confluent_kafka import Producer

from graphrepo.cohort import CommitNotifier, KafkaEventBus, RetryableEventError, build_cohort
from graphrepo.metamodel import TypeDefService, load_type_gallery
from graphrepo.omrs import EntityDetail, InvalidParameterException, OMRSEventV1, Relationship, to_json
from graphrepo.repository import MetadataCollection
from graphrepo.settings import Settings
from graphrepo.store import InstanceStore
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore
from tests.servers._process import JavaProcess
from tests.servers.kafka_server import KafkaServer
from tests.unit.cohort._peers import USER, typed_props

pytestmark = pytest.mark.kafka


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(0.05)


@dataclass
class Server:
    """One graphrepo server's collection and cohort layer (what bootstrap builds), on a given store."""

    name: str
    mcid: str
    settings: Settings
    store: InstanceStore
    collection: MetadataCollection
    bus: KafkaEventBus
    wiring: Any

    @property
    def manager(self) -> Any:
        return self.wiring.manager

    def restart_listener(self) -> None:
        """A new cohort layer over the same store, identity and data folder (a process restart)."""
        self.wiring = build_cohort(
            self.settings, self.mcid, self.collection, self.collection.typedefs, self.store, bus=self.bus
        )
        self.manager.start()

    def term(self, qualified_name: str) -> EntityDetail:
        guid = self._guid("GlossaryTerm")
        props = typed_props(self.collection.gallery, "GlossaryTerm", qualifiedName=qualified_name)
        return self.collection.add_entity(USER, guid, props)

    def relate(self, one: str, two: str) -> Relationship:
        return self.collection.add_relationship(USER, self._guid("RelatedTerm"), None, one, two)

    def _guid(self, name: str) -> str:
        found = self.collection.gallery.type_def_by_name(name)
        assert found is not None and found.guid is not None
        return found.guid

    def known(self, guid: str) -> EntityDetail | None:
        return self.collection.is_entity_known(USER, guid)


def make_server(
    name: str, bootstrap: str, cohort: str, root: str, data_dir: Path, store: InstanceStore, **bus_config: Any
) -> Server:
    settings = Settings(
        server_name=name,
        data_dir=data_dir,
        event_bus={
            "kind": "kafka",
            "bootstrap_servers": bootstrap,
            "topic_root": root,
            "cohorts": [cohort],
            "relay_poll_seconds": 0.2,
        },
    )
    mcid = str(uuid.uuid4())
    gallery = load_type_gallery()[0]
    typedefs = TypeDefService(gallery, MemoryTypeStore(lambda _n: 0), mcid, repository_name=name)
    notifier = CommitNotifier(store)
    collection = MetadataCollection(notifier, gallery, typedefs, mcid, name, name)
    bus = KafkaEventBus(bootstrap, **bus_config)
    wiring = build_cohort(settings, mcid, collection, typedefs, notifier, bus=bus)
    return Server(name, mcid, settings, notifier, collection, bus, wiring)


def neo4j_store(neo4j_db: Any, request: pytest.FixtureRequest) -> InstanceStore:
    from graphrepo.store.neo4j import Neo4jClient, Neo4jInstanceStore, apply_migrations

    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    store = Neo4jInstanceStore(client)
    request.addfinalizer(store.close)  # stops its search-text indexer before the next test's database
    return store


@pytest.fixture
def cohort_names(kafka_topic_prefix: str) -> tuple[str, str]:
    return f"cohort{uuid.uuid4().hex[:8]}", kafka_topic_prefix.rstrip(".")


def test_alpha_memory_and_beta_neo4j_share_their_instances(
    kafka_bootstrap: str,
    cohort_names: tuple[str, str],
    neo4j_db: Any,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    cohort, root = cohort_names
    alpha = make_server("alpha", kafka_bootstrap, cohort, root, tmp_path / "a", MemoryInstanceStore())
    beta = make_server("beta", kafka_bootstrap, cohort, root, tmp_path / "b", neo4j_store(neo4j_db, request))
    started = time.monotonic()
    alpha.manager.start()
    beta.manager.start()
    try:
        one, two = alpha.term("term.one"), alpha.term("term.two")
        link = alpha.relate(str(one.guid), str(two.guid))
        wait_for(
            lambda: beta.collection.is_relationship_known(USER, str(link.guid)) is not None, what="copies"
        )
        print(f"created on alpha to stored on beta (Neo4j): {time.monotonic() - started:.2f} s incl. joining")
        copy = beta.known(str(one.guid))
        assert copy is not None and copy.metadata_collection_id == alpha.mcid
        with pytest.raises(InvalidParameterException):
            beta.collection.update_entity_properties(
                USER, str(one.guid), typed_props(beta.collection.gallery, "GlossaryTerm", qualifiedName="x")
            )

        guid = str(one.guid)
        gallery = alpha.collection.gallery
        updated = alpha.collection.update_entity_properties(
            USER, guid, typed_props(gallery, "GlossaryTerm", qualifiedName="term.one.v2")
        )
        classified = alpha.collection.classify_entity(
            USER, guid, "Confidentiality", typed_props(gallery, "Confidentiality", confidence=80)
        )
        assert classified.version > updated.version
        wait_for(lambda: (beta.known(guid) or one).version == classified.version, what="update and classify")
        assert [c.name for c in (beta.known(guid) or one).classifications] == ["Confidentiality"]

        term_type = alpha._guid("GlossaryTerm")
        alpha.collection.delete_entity(USER, term_type, "GlossaryTerm", str(two.guid))
        alpha.collection.purge_entity(USER, term_type, "GlossaryTerm", str(two.guid))
        wait_for(
            lambda: (
                beta.known(str(two.guid)) is None
                and beta.collection.is_relationship_known(USER, str(link.guid)) is None
            ),
            what="purge of the entity and its relationship",
        )

        # Beta drops its copy, then asks the home for it again.
        beta_copy = beta.known(guid)
        assert beta_copy is not None
        beta.collection.purge_entity_reference_copy(USER, beta_copy)
        assert beta.known(guid) is None
        beta.collection.refresh_entity_reference_copy(USER, guid, term_type, "GlossaryTerm", alpha.mcid)
        wait_for(lambda: beta.known(guid) is not None, what="refreshed copy")
        assert alpha.wiring.instances.stats.refreshes == 1
        assert (beta.known(guid) or one).version == classified.version
        assert beta.wiring.instances.stats.failed == 0 and beta.wiring.instances.stats.conflicts == 0
    finally:
        alpha.manager.close()
        beta.manager.close()
        alpha.bus.close()
        beta.bus.close()


# --- faults ------------------------------------------------------------------------------------------------


class RestartableKafka(KafkaServer):
    """A broker of our own that can be stopped and started again on the same port with the same data."""

    def halt(self) -> None:
        process = self._require_process()
        process.stop(self.stop_grace_seconds)

    def resume(self) -> None:
        old = self._require_process()
        process = JavaProcess(self.name, old.argv, log_path=old.log_path.with_suffix(".2.log"), cwd=old.cwd)
        process.start(die_with_parent=True)
        self.process = process
        self._launched_at = time.monotonic()
        self.wait_ready()


@pytest.fixture
def own_kafka() -> Iterator[RestartableKafka]:
    server = RestartableKafka()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_changes_made_while_kafka_is_down_are_announced_after_it_returns(
    own_kafka: RestartableKafka, tmp_path: Path
) -> None:
    bootstrap = own_kafka.endpoint.bootstrap_servers
    cohort, root = f"cohort{uuid.uuid4().hex[:8]}", "faults"
    quick = {
        "delivery_timeout_ms": 3000,
        "config": {"reconnect.backoff.ms": 100, "reconnect.backoff.max.ms": 1000},
    }
    alpha = make_server("alpha", bootstrap, cohort, root, tmp_path / "a", MemoryInstanceStore(), **quick)
    beta = make_server("beta", bootstrap, cohort, root, tmp_path / "b", MemoryInstanceStore(), **quick)
    alpha.manager.start()
    beta.manager.start()
    try:
        before = [alpha.term(f"before.{i}") for i in range(5)]
        wait_for(lambda: all(beta.known(str(e.guid)) for e in before), what="first terms")
        own_kafka.halt()
        down = time.monotonic()
        during = [alpha.term(f"during.{i}") for i in range(20)]
        wait_for(lambda: alpha.manager.relay.stats.failed_attempts >= 1, what="a failed attempt")
        assert len(alpha.store.pending_events(100)) > 0  # kept in the outbox, not lost
        own_kafka.resume()
        after = [alpha.term(f"after.{i}") for i in range(5)]
        wait_for(lambda: all(beta.known(str(e.guid)) for e in during + after), timeout=90, what="all terms")
        print(f"kafka down and back: everything delivered {time.monotonic() - down:.1f} s after the stop")
        stats = beta.wiring.instances.stats
        assert stats.stored == 30 and stats.failed == 0 and stats.invalid == 0
        assert alpha.store.pending_events(10) == []
    finally:
        alpha.manager.close()
        beta.manager.close()
        alpha.bus.close()
        beta.bus.close()


def test_listener_dying_between_store_and_offset_commit_applies_each_event_once(
    kafka_bootstrap: str, cohort_names: tuple[str, str], tmp_path: Path
) -> None:
    cohort, root = cohort_names
    alpha = make_server("alpha", kafka_bootstrap, cohort, root, tmp_path / "a", MemoryInstanceStore())
    beta = make_server("beta", kafka_bootstrap, cohort, root, tmp_path / "b", MemoryInstanceStore())
    alpha.manager.start()
    beta.manager.start()
    first_life = beta.wiring.instances
    # Beta's process "dies" once it has stored 10 events, after that store commit and before the offset
    # commit, whether it got there one event at a time or in a batch read together.
    died: dict[str, float | None] = {"at": None}
    replayed = [0]  # events committed to the store whose offsets were not
    real, real_batch = first_life.__call__, first_life.handle_batch

    def dying(cohort_name: str, event: OMRSEventV1) -> None:
        if died["at"] is not None:
            # Dead: until close() stops the consumer, it handles (and commits) nothing more.
            raise RetryableEventError("the process is dead")
        real(cohort_name, event)
        if first_life.stats.stored >= 10:
            died["at"], replayed[0] = time.monotonic(), 1
            raise RetryableEventError("the process died here")

    def dying_batch(cohort_name: str, events: Sequence[OMRSEventV1]) -> int:
        if died["at"] is not None:
            return 0  # dead: the single sink refuses the next event
        done: int = real_batch(cohort_name, events)
        if first_life.stats.stored >= 10:
            died["at"], replayed[0] = time.monotonic(), done
            return 0  # stored, but not reported finished: no offset is committed
        return done

    member_of = beta.manager.member_of(cohort)
    member_of._instance_sink = dying
    member_of._instance_batch_sink = dying_batch
    try:
        terms = [alpha.term(f"term.{i}") for i in range(25)]
        for term in terms[:5]:
            alpha.collection.update_entity_properties(
                USER,
                str(term.guid),
                typed_props(alpha.collection.gallery, "GlossaryTerm", qualifiedName="v2"),
            )
        wait_for(lambda: died["at"] is not None, what="the crash")
        beta.manager.close()  # nothing more is read or committed by that life
        assert first_life.stats.stored >= 10 and replayed[0] >= 1
        beta.restart_listener()  # the same consumer group: resumes after the last committed offset
        second_life = beta.wiring.instances
        wait_for(
            lambda: (
                all(
                    (beta.known(str(t.guid)) or t).version == (2 if i < 5 else 1) for i, t in enumerate(terms)
                )
                and all(beta.known(str(t.guid)) for t in terms)
            ),
            what="every change on beta",
        )
        # The events stored in the dying moment were read again and found applied already; nothing
        # else was read twice.
        assert second_life.stats.stale == replayed[0]
        assert first_life.stats.stored + second_life.stats.stored == 30

        # Duplicates and out-of-order events sent to the topic again: all ignored by the version rules.
        topic = beta.manager.member_of(cohort).topics.instances
        events = [
            e
            for e in alpha_events(alpha, terms[:5])
            if e.instance_event_section is not None and e.instance_event_section.entity is not None
        ]
        raw = Producer({"bootstrap.servers": kafka_bootstrap})
        for event in [*events, *reversed(events)]:
            raw.produce(topic, value=to_json(event).encode(), key=alpha.mcid.encode())
        raw.flush(10)
        wait_for(lambda: second_life.stats.stale == replayed[0] + 2 * len(events), what="duplicates ignored")
        assert all((beta.known(str(t.guid)) or t).version == 2 for t in terms[:5])
        assert second_life.stats.stored + first_life.stats.stored == 30
    finally:
        alpha.manager.close()
        beta.manager.close()
        alpha.bus.close()
        beta.bus.close()


def alpha_events(alpha: Server, terms: list[EntityDetail]) -> list[OMRSEventV1]:
    """NEW (version 1) and UPDATED (version 2) events of these terms, rebuilt from alpha's history."""
    from graphrepo.omrs import OMRSInstanceEventType, entity_event

    originator = alpha.wiring.manager.member.originator()
    events: list[OMRSEventV1] = []
    for term in terms:
        current = alpha.known(str(term.guid))
        assert current is not None
        events.append(entity_event(OMRSInstanceEventType.NEW_ENTITY_EVENT, originator, term))
        events.append(
            entity_event(
                OMRSInstanceEventType.UPDATED_ENTITY_EVENT, originator, current, original_entity=term
            )
        )
    return events


def test_events_read_together_are_stored_in_batches_and_a_poisoned_one_fails_alone(
    kafka_bootstrap: str, cohort_names: tuple[str, str], tmp_path: Path
) -> None:
    """A backlog (beta was down while a peer published) is read in batches: far fewer store transactions
    than events, an invalid message and replays skipped. Then a backlog holding an event the store refuses:
    that batch goes one by one, and only the refused event is not applied."""
    from tests.unit.cohort._peers import make_peer
    from tests.unit.cohort.test_cohort_inbound_batches import CountingStore

    cohort, root = cohort_names
    peer = make_peer("alpha")
    terms = [peer.add_term(f"term.{i}") for i in range(120)]
    for term in terms[:30]:
        peer.collection.update_entity_properties(
            USER, str(term.guid), peer.props("GlossaryTerm", qualifiedName=f"{term.guid}.v2")
        )
    events = peer.drain()  # NEW of terms 0..119, then UPDATED of terms 0..29
    store = CountingStore()
    beta = make_server("beta", kafka_bootstrap, cohort, root, tmp_path / "b", store)
    beta.manager.start()  # joins: its consumer group now starts at the current end of each topic
    beta.manager.close()
    topic = beta.manager.member_of(cohort).topics.instances
    raw = Producer({"bootstrap.servers": kafka_bootstrap})

    def backlog(values: list[bytes]) -> tuple[int, int]:
        """Publish while beta is down, restart it; the store transactions it took to catch up, and the
        invalid messages its consumers skipped."""
        for value in values:
            raw.produce(topic, value=value, key=peer.mcid.encode())
        raw.flush(10)
        before = store.writes
        beta.restart_listener()
        stats = beta.wiring.instances.stats
        wait_for(lambda: stats.stored + stats.failed + stats.stale == len(values) - 1, what="backlog applied")
        invalid = sum(c.stats.invalid for c in beta.manager.member_of(cohort).consumers)
        beta.manager.close()
        return store.writes - before, invalid

    try:
        first = [
            *(to_json(e).encode() for e in events[:80]),
            b"not an event",
            *(to_json(e).encode() for e in events[:10]),  # replays
        ]
        writes, invalid = backlog(first)
        stats = beta.wiring.instances.stats
        assert (stats.stored, stats.failed, stats.stale, invalid) == (80, 0, 10, 1)
        assert writes < 10  # 90 events in a few batches
        print(f"backlog of {len(first)} messages: {writes} store transactions")

        poison = str(terms[100].guid)
        store.poison = poison
        writes, invalid = backlog([b"not an event", *(to_json(e).encode() for e in events[80:])])
        stats = beta.wiring.instances.stats
        assert (stats.stored, stats.failed, stats.stale, invalid) == (len(events) - 81, 1, 0, 1)
        assert beta.known(poison) is None
        assert all(
            (beta.known(str(t.guid)) or t).version == (2 if i < 30 else 1)
            for i, t in enumerate(terms)
            if i != 100
        )
        assert writes >= len(events) - 80  # the poisoned batch went one by one
    finally:
        beta.manager.close()
        beta.bus.close()
