"""The registration handshake and the consumer rules on the in-process bus (no I/O but temp files)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graphrepo.cohort import (
    CohortManager,
    DispatchOutcome,
    EventDispatcher,
    LifecycleState,
    LocalEventBus,
    LocalMember,
    RegistrationError,
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

COHORT = "unitCohort"


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def member(name: str) -> LocalMember:
    return LocalMember(
        metadata_collection_id=f"{name}-mcid",
        metadata_collection_name=f"{name} collection",
        server_name=name,
        rest_root=f"http://127.0.0.1:9443/servers/{name}",
    )


@pytest.fixture
def bus() -> Iterator[LocalEventBus]:
    bus = LocalEventBus()
    yield bus
    bus.close()


def manager(bus: LocalEventBus, name: str, data_dir: Path) -> CohortManager:
    return CohortManager(member(name), bus, [cohort_topics(COHORT)], data_dir=data_dir)


def registry_types(bus: LocalEventBus) -> list[tuple[str | None, str]]:
    topic = cohort_topics(COHORT).registration
    events = [from_wire(OMRSEventV1, raw) for raw in bus.messages(topic)]
    return [
        (
            e.originator.server_name if e.originator else None,
            e.registry_event_section.registry_event_type.name
            if e.registry_event_section and e.registry_event_section.registry_event_type
            else "",
        )
        for e in events
    ]


def test_two_members_register_then_reregister(bus: LocalEventBus, tmp_path: Path) -> None:
    a = manager(bus, "alpha", tmp_path / "a")
    a.start()
    b = manager(bus, "beta", tmp_path / "b")
    b.start()
    wait_for(lambda: [m.server_name for m in a.remote_members(COHORT)] == ["beta"])
    wait_for(lambda: [m.server_name for m in b.remote_members(COHORT)] == ["alpha"])
    seen_by_b = b.remote_members(COHORT)[0]
    assert seen_by_b.repository_connection is not None
    assert seen_by_b.repository_connection.endpoint is not None
    assert seen_by_b.repository_connection.endpoint.address == "http://127.0.0.1:9443/servers/alpha"
    first_time = a.member_of(COHORT).local_registration()
    assert first_time is not None and first_time.registration_time is not None

    sent = registry_types(bus)
    assert [t for s, t in sent if s == "alpha"][:2] == ["REGISTRATION_EVENT", "REFRESH_REGISTRATION_REQUEST"]
    assert [t for s, t in sent if s == "beta"][:2] == ["REGISTRATION_EVENT", "REFRESH_REGISTRATION_REQUEST"]
    # beta's refresh request is answered by alpha (and by beta itself: harmless). Alpha also answers its
    # own request, so only an answer after beta's request shows that alpha has read it.
    wait_for(lambda: ("alpha", "RE_REGISTRATION_EVENT") in answers_after(bus, "beta"))

    a.close()
    assert a.state is LifecycleState.STOPPED
    before = len(bus.messages(cohort_topics(COHORT).registration))
    again = manager(bus, "alpha", tmp_path / "a")
    again.start()
    later = registry_types(bus)[before:]
    assert later[:2] == [("alpha", "RE_REGISTRATION_EVENT"), ("alpha", "REFRESH_REGISTRATION_REQUEST")]
    assert [t for s, t in later if s == "alpha"].count("REGISTRATION_EVENT") == 0
    restored = again.member_of(COHORT).local_registration()
    assert restored is not None and restored.registration_time == first_time.registration_time
    # The registry survived the restart.
    assert [m.server_name for m in again.remote_members(COHORT)] == ["beta"]

    again.unregister(COHORT)
    wait_for(lambda: b.remote_members(COHORT) == [])
    assert again.member_of(COHORT).local_registration() is None
    again.close()
    b.close()


def answers_after(bus: LocalEventBus, requester: str) -> list[tuple[str | None, str]]:
    """The registry events sent after ``requester``'s first refresh request."""
    sent = registry_types(bus)
    request = (requester, "REFRESH_REGISTRATION_REQUEST")
    return sent[sent.index(request) + 1 :] if request in sent else []


def test_restarted_member_announces_itself_before_answering_its_backlog(
    bus: LocalEventBus, tmp_path: Path
) -> None:
    """A refresh request that arrived while alpha was down is read on restart (its group resumes where it
    stopped); alpha's own re-registration and refresh request still go out first, every time."""
    a = manager(bus, "alpha", tmp_path / "a")
    a.start()
    wait_for(lambda: ("alpha", "RE_REGISTRATION_EVENT") in answers_after(bus, "alpha"))
    a.close()
    peer = OMRSEventOriginator(metadata_collection_id="beta-mcid", server_name="beta")
    producer = bus.create_producer(client_id="beta")
    producer.send(
        cohort_topics(COHORT).registration,
        registry_event(OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST, peer),
    )
    before = len(bus.messages(cohort_topics(COHORT).registration))
    again = manager(bus, "alpha", tmp_path / "a")
    again.start()
    # Alpha answers beta's pending request and its own new one: two answers after its own two events.
    wait_for(lambda: len(registry_types(bus)[before:]) >= 4)
    assert registry_types(bus)[before:] == [
        ("alpha", "RE_REGISTRATION_EVENT"),
        ("alpha", "REFRESH_REGISTRATION_REQUEST"),
        ("alpha", "RE_REGISTRATION_EVENT"),
        ("alpha", "RE_REGISTRATION_EVENT"),
    ]
    again.close()


def test_stored_collection_id_must_match(bus: LocalEventBus, tmp_path: Path) -> None:
    first = manager(bus, "gamma", tmp_path)
    first.start()
    first.close()
    other = CohortManager(
        LocalMember("another-id", "x", "gamma", "http://h/servers/gamma"),
        bus,
        [cohort_topics(COHORT)],
        data_dir=tmp_path,
    )
    with pytest.raises(RegistrationError, match="unregister"):
        other.start()
    assert other.state is LifecycleState.STOPPED


def test_dispatcher_skips_invalid_and_own_and_retries() -> None:
    handled: list[OMRSEventV1] = []
    failures = iter([RetryableEventError("store down"), None])

    def handler(event: OMRSEventV1) -> None:
        error = next(failures, None)
        if error is not None:
            raise error
        handled.append(event)

    dispatcher = EventDispatcher(handler, local_collection_id="me", name="test")
    peer = OMRSEventOriginator(metadata_collection_id="peer", server_name="peer")
    own = OMRSEventOriginator(metadata_collection_id="me", server_name="me")
    event = registry_event(OMRSRegistryEventType.REGISTRATION_EVENT, peer)

    assert dispatcher.dispatch("{not json", where="t@0") is DispatchOutcome.INVALID
    assert dispatcher.dispatch(json.dumps({"class": "Other"}), where="t@1") is DispatchOutcome.INVALID
    assert dispatcher.dispatch(None, where="t@2") is DispatchOutcome.INVALID
    own_event = registry_event(OMRSRegistryEventType.REGISTRATION_EVENT, own)
    assert dispatcher.dispatch(to_json(own_event), where="t@3") is DispatchOutcome.OWN
    assert dispatcher.dispatch(to_json(event), where="t@4") is DispatchOutcome.RETRY
    assert dispatcher.dispatch(to_json(event), where="t@4") is DispatchOutcome.HANDLED
    assert handled == [event]

    def broken(event: OMRSEventV1) -> None:
        raise ValueError("bug")

    failing = EventDispatcher(broken, local_collection_id="me", name="test")
    assert failing.dispatch(to_json(event), where="t@5") is DispatchOutcome.FAILED
    stats = dispatcher.stats
    assert (stats.received, stats.invalid, stats.own, stats.retried, stats.handled) == (5, 3, 1, 1, 1)


def test_bad_message_does_not_block_the_stream(bus: LocalEventBus) -> None:
    received: list[OMRSEventV1] = []
    consumer = bus.create_consumer(["t"], group_id="g", handler=received.append, local_collection_id="me")
    consumer.start()
    bus.append_raw("t", "garbage")
    event = registry_event(
        OMRSRegistryEventType.REGISTRATION_EVENT, OMRSEventOriginator(metadata_collection_id="p")
    )
    bus.create_producer(client_id="p").send("t", event)
    wait_for(lambda: received == [event])
    assert consumer.stats.invalid == 1
    consumer.stop()
    assert consumer.state is LifecycleState.STOPPED


def _numbered(number: int) -> OMRSEventV1:
    return registry_event(
        OMRSRegistryEventType.REGISTRATION_EVENT,
        OMRSEventOriginator(metadata_collection_id="p", server_name=f"s{number}"),
    )


def _names(events: list[OMRSEventV1]) -> list[str]:
    return [e.originator.server_name or "" if e.originator else "" for e in events]


def test_a_topic_keeps_only_its_last_read_messages() -> None:
    """Retention: read messages beyond the last `retained` are dropped (a long-running embedded member
    would otherwise hold every event it published); none is lost to a running consumer."""
    bus = LocalEventBus(retained=10)
    received: list[OMRSEventV1] = []
    consumer = bus.create_consumer(["t"], group_id="g", handler=received.append, local_collection_id="me")
    consumer.start()
    producer = bus.create_producer(client_id="p")
    for number in range(200):
        producer.send("t", _numbered(number))
    wait_for(lambda: len(received) == 200)
    assert _names(received) == [f"s{n}" for n in range(200)]
    kept = [from_wire(OMRSEventV1, raw) for raw in bus.messages("t")]
    assert 10 <= len(kept) < 20  # dropped in chunks of `retained`
    assert _names(kept) == [f"s{n}" for n in range(200 - len(kept), 200)]
    consumer.stop()
    bus.close()


def test_unread_messages_are_kept_for_a_running_consumer() -> None:
    bus = LocalEventBus(retained=5)
    slow: list[OMRSEventV1] = []
    fast: list[OMRSEventV1] = []
    gate = {"open": False}

    def blocked(event: OMRSEventV1) -> None:
        if not gate["open"]:
            raise RetryableEventError("not yet")
        slow.append(event)

    held = bus.create_consumer(["t"], group_id="slow", handler=blocked, local_collection_id="me")
    quick = bus.create_consumer(["t"], group_id="fast", handler=fast.append, local_collection_id="me")
    held.start()
    quick.start()
    producer = bus.create_producer(client_id="p")
    for number in range(60):
        producer.send("t", _numbered(number))
    wait_for(lambda: len(fast) == 60)
    assert len(bus.messages("t")) == 60  # the slow group has read none of them yet
    gate["open"] = True
    wait_for(lambda: len(slow) == 60)
    assert _names(slow) == [f"s{n}" for n in range(60)]
    held.stop()
    quick.stop()
    bus.close()


def test_a_group_back_after_its_place_was_dropped_resumes_at_the_oldest_kept() -> None:
    bus = LocalEventBus(retained=5)
    first: list[OMRSEventV1] = []
    consumer = bus.create_consumer(["t"], group_id="g", handler=first.append, local_collection_id="me")
    consumer.start()
    producer = bus.create_producer(client_id="p")
    producer.send("t", _numbered(0))
    wait_for(lambda: len(first) == 1)
    consumer.stop()
    other: list[OMRSEventV1] = []
    reader = bus.create_consumer(["t"], group_id="other", handler=other.append, local_collection_id="me")
    reader.start()
    for number in range(1, 40):
        producer.send("t", _numbered(number))
    wait_for(lambda: len(other) == 39)
    kept = len(bus.messages("t"))
    assert kept < 39  # g was stopped: its place did not hold the log
    again: list[OMRSEventV1] = []
    back = bus.create_consumer(["t"], group_id="g", handler=again.append, local_collection_id="me")
    back.start()
    wait_for(lambda: len(again) == kept)
    assert _names(again) == [f"s{n}" for n in range(40 - kept, 40)]
    back.stop()
    reader.stop()
    bus.close()


def test_a_topic_no_group_reads_keeps_only_its_last_messages() -> None:
    bus = LocalEventBus(retained=10)
    producer = bus.create_producer(client_id="p")
    for number in range(200):
        producer.send("nobody", _numbered(number))
    kept = [from_wire(OMRSEventV1, raw) for raw in bus.messages("nobody")]
    assert 10 <= len(kept) < 20
    assert _names(kept) == [f"s{n}" for n in range(200 - len(kept), 200)]
    # A group that joins now starts at the end, as a new Kafka group does.
    later: list[OMRSEventV1] = []
    consumer = bus.create_consumer(["nobody"], group_id="g", handler=later.append, local_collection_id="me")
    consumer.start()
    producer.send("nobody", _numbered(200))
    wait_for(lambda: len(later) == 1)
    assert _names(later) == ["s200"]
    consumer.stop()
    bus.close()
