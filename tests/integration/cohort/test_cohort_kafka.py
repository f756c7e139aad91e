"""Cohort membership on the real Kafka broker: consumer rules, the registration handshake between two
graphrepo members, and the outbox relay getting through after Kafka was unreachable at first."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition

from graphrepo.cohort import (
    CohortManager,
    KafkaEventBus,
    LifecycleState,
    LocalMember,
    OutboxRelay,
    RetryableEventError,
    cohort_topics,
)
from graphrepo.omrs import (
    OMRSEventOriginator,
    OMRSEventV1,
    OMRSRegistryEventType,
    from_wire,
    registry_event,
    to_json,
)
from graphrepo.store import OutboxEntry
from tests.integration.cohort._proxy import TcpProxy
from tests.servers._ports import LOOPBACK, free_ports

pytestmark = pytest.mark.kafka


def wait_for(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(0.05)


def member(name: str) -> LocalMember:
    return LocalMember(
        metadata_collection_id=str(uuid.uuid4()),
        metadata_collection_name=f"{name} collection",
        server_name=name,
        rest_root=f"http://127.0.0.1:1/servers/{name}",
    )


@pytest.fixture
def bus(kafka_bootstrap: str) -> Iterator[KafkaEventBus]:
    bus = KafkaEventBus(kafka_bootstrap)
    yield bus
    bus.close()


def committed_offset(bootstrap: str, group: str, topic: str) -> int:
    probe = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        [partition] = probe.committed([TopicPartition(topic, 0)], timeout=10)
        return partition.offset
    finally:
        probe.close()


def test_consumer_commits_after_handler_and_skips_bad_messages(
    bus: KafkaEventBus, kafka_bootstrap: str, unique_topic: str
) -> None:
    handled: list[OMRSEventV1] = []
    attempts: list[str] = []

    def handler(event: OMRSEventV1) -> None:
        name = event.originator.server_name if event.originator else None
        attempts.append(str(name))
        if name == "flaky" and attempts.count("flaky") == 1:
            raise RetryableEventError("store unavailable")
        handled.append(event)

    group = f"group-{uuid.uuid4()}"
    consumer = bus.create_consumer([unique_topic], group_id=group, handler=handler, local_collection_id="me")
    consumer.start(timeout=30)
    assert consumer.state is LifecycleState.RUNNING

    def event(mcid: str, name: str) -> OMRSEventV1:
        originator = OMRSEventOriginator(metadata_collection_id=mcid, server_name=name)
        return registry_event(OMRSRegistryEventType.REGISTRATION_EVENT, originator)

    raw = Producer({"bootstrap.servers": kafka_bootstrap})
    raw.produce(unique_topic, value=b"\xff not json", key=b"k")
    raw.produce(unique_topic, value=b'{"class":"SomethingElse"}', key=b"k")
    raw.flush(10)
    producer = bus.create_producer(client_id="test")
    producer.send(unique_topic, event("me", "myself"), key="k")
    producer.send(unique_topic, event("peer", "flaky"), key="k")
    producer.send(unique_topic, event("peer", "good"), key="k")

    wait_for(lambda: len(handled) == 2, what="two events handled")
    assert [e.originator.server_name for e in handled if e.originator] == ["flaky", "good"]
    assert attempts == ["flaky", "flaky", "good"]  # redelivered after the retryable failure
    stats = consumer.stats
    assert (stats.invalid, stats.own, stats.retried, stats.handled) == (2, 1, 1, 2)
    wait_for(lambda: committed_offset(kafka_bootstrap, group, unique_topic) == 5, what="offset 5 committed")
    consumer.stop()
    assert consumer.state.value == LifecycleState.STOPPED.value


def test_two_graphrepo_members_register_with_each_other(
    bus: KafkaEventBus, kafka_topic_prefix: str, tmp_path: Path
) -> None:
    cohort = f"cohort{uuid.uuid4().hex[:8]}"
    topics = cohort_topics(cohort, root=kafka_topic_prefix.rstrip("."))
    alpha, beta = member("alpha"), member("beta")
    first = CohortManager(alpha, bus, [topics], data_dir=tmp_path / "alpha")
    second = CohortManager(beta, bus, [topics], data_dir=tmp_path / "beta")
    started = time.monotonic()
    first.start()
    second.start()
    try:
        wait_for(
            lambda: [m.server_name for m in first.remote_members(cohort)] == ["beta"], what="alpha sees beta"
        )
        wait_for(
            lambda: [m.server_name for m in second.remote_members(cohort)] == ["alpha"],
            what="beta sees alpha",
        )
        handshake = time.monotonic() - started
        seen = second.remote_members(cohort)[0]
        assert seen.metadata_collection_id == alpha.metadata_collection_id
        assert seen.repository_connection is not None and seen.repository_connection.endpoint is not None
        assert seen.repository_connection.endpoint.address == alpha.rest_root
        assert seen.registration_time is not None
        print(f"handshake of two members on Kafka: {handshake:.2f} s")

        # Restart alpha: it re-registers with its original time and still knows beta.
        original = first.member_of(cohort).local_registration()
        first.close()
        again = CohortManager(alpha, bus, [topics], data_dir=tmp_path / "alpha")
        again.start()
        try:
            assert again.member_of(cohort).local_registration() == original
            assert [m.server_name for m in again.remote_members(cohort)] == ["beta"]
            # Leaving for good reaches beta.
            again.unregister(cohort)
            wait_for(lambda: second.remote_members(cohort) == [], what="beta forgets alpha")
        finally:
            again.close()
    finally:
        first.close()
        second.close()
    # Every registry event on the topic parses, and none came from an unknown sender.
    senders = {
        e.originator.server_name for e in read_all(bus.bootstrap_servers, topics.registration) if e.originator
    }
    assert senders == {"alpha", "beta"}


def read_all(bootstrap: str, topic: str, expected: int | None = None) -> list[OMRSEventV1]:
    reader = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"reader-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    reader.subscribe([topic])
    events: list[OMRSEventV1] = []
    deadline = time.monotonic() + 20
    idle_since = time.monotonic()
    try:
        while time.monotonic() < deadline:
            message = reader.poll(0.5)
            if message is None or message.error() is not None:
                if (expected is None or len(events) >= expected) and time.monotonic() - idle_since > 2:
                    break
                continue
            idle_since = time.monotonic()
            value = message.value()
            assert value is not None
            events.append(from_wire(OMRSEventV1, value))
    finally:
        reader.close()
    return events


class ListOutbox:
    def __init__(self, events: Sequence[OMRSEventV1]) -> None:
        self._lock = threading.Lock()
        self.entries = [OutboxEntry(i, e) for i, e in enumerate(events, start=1)]

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        with self._lock:
            return self.entries[:limit]

    def remove_published(self, sequences: Sequence[int]) -> None:
        with self._lock:
            gone = set(sequences)
            self.entries = [e for e in self.entries if e.sequence not in gone]


def test_relay_delivers_after_kafka_was_unreachable(kafka_bootstrap: str, kafka_topic_prefix: str) -> None:
    """The relay's bootstrap address leads nowhere at first (connection refused); the outbox keeps its
    events through failed attempts; once the address leads to the broker, all of them go out, in order."""
    [proxy_port] = free_ports(1)
    broker_port = int(kafka_bootstrap.rsplit(":", 1)[1])
    topics = cohort_topics(f"relay{uuid.uuid4().hex[:8]}", root=kafka_topic_prefix.rstrip("."))
    me = member("relay")
    events = [
        registry_event(
            OMRSRegistryEventType.REGISTRATION_EVENT,
            OMRSEventOriginator(metadata_collection_id=me.metadata_collection_id, server_name=f"e{i}"),
        )
        for i in range(20)
    ]
    outbox = ListOutbox(events)
    bus = KafkaEventBus(
        f"{LOOPBACK}:{proxy_port}",
        config={"reconnect.backoff.ms": 100, "reconnect.backoff.max.ms": 500},
        delivery_timeout_ms=2000,
    )
    producer = bus.create_producer(client_id="relay-test")
    relay = OutboxRelay(
        outbox,
        lambda batch: producer.send_many(topics.instances, batch, key=me.metadata_collection_id),
        batch_size=8,
        backoff_initial=0.2,
        backoff_max=1.0,
    )
    proxy = TcpProxy(LOOPBACK, proxy_port, LOOPBACK, broker_port)
    relay.start()
    try:
        wait_for(lambda: relay.stats.failed_attempts >= 2, timeout=30, what="two failed attempts")
        assert len(outbox.entries) == 20  # nothing lost, nothing removed
        proxy.start()
        wait_for(lambda: outbox.entries == [], timeout=60, what="outbox drained")
    finally:
        relay.stop()
        producer.close()
        proxy.stop()
    delivered = read_all(kafka_bootstrap, topics.instances, expected=20)
    names = [e.originator.server_name for e in delivered if e.originator]
    assert names == [f"e{i}" for i in range(20)]  # each once, in order
    assert relay.stats.published == 20
    print(f"relay: {relay.stats.failed_attempts} failed attempts before the broker was reachable")


def test_raw_event_json_is_what_egeria_reads(
    bus: KafkaEventBus, unique_topic: str, kafka_bootstrap: str
) -> None:
    """Values are Egeria's JSON text and keys the sender's id, as KafkaOpenMetadataEventProducer writes."""
    event = registry_event(
        OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST, OMRSEventOriginator(server_name="keyed")
    )
    bus.create_producer(client_id="k").send(unique_topic, event, key="server-id-1")
    reader = Consumer(
        {
            "bootstrap.servers": kafka_bootstrap,
            "group.id": f"r-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
        }
    )
    reader.subscribe([unique_topic])
    try:
        deadline = time.monotonic() + 20
        message = None
        while time.monotonic() < deadline:
            message = reader.poll(0.5)
            if message is not None and message.error() is None:
                break
        assert message is not None and message.error() is None
        assert message.key() == b"server-id-1"
        assert message.value() == to_json(event).encode()
    finally:
        reader.close()
