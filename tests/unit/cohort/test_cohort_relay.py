"""The outbox relay: removes only what was delivered, retries with back-off, survives failures."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

from graphrepo.cohort import EventBusError, LifecycleState, OutboxRelay
from graphrepo.omrs import OMRSEventOriginator, OMRSEventV1, OMRSRegistryEventType, registry_event
from graphrepo.store import OutboxEntry


class ListOutbox:
    """The relay's view of a store: ordered entries, removable by sequence."""

    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self.entries = [OutboxEntry(i, _event(i)) for i in range(1, count + 1)]

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        with self._lock:
            return self.entries[:limit]

    def remove_published(self, sequences: Sequence[int]) -> None:
        with self._lock:
            gone = set(sequences)
            self.entries = [e for e in self.entries if e.sequence not in gone]


def _event(number: int) -> OMRSEventV1:
    return registry_event(
        OMRSRegistryEventType.REGISTRATION_EVENT,
        OMRSEventOriginator(metadata_collection_id=f"m{number}", server_name=str(number)),
    )


class FlakyPublisher:
    """Fails whole batches ``fail_batches`` times, then fails every event listed in ``fail_once`` once."""

    def __init__(self, fail_batches: int = 0, fail_once: Sequence[int] = ()) -> None:
        self.fail_batches = fail_batches
        self.fail_once = set(fail_once)
        self.delivered: list[str] = []
        self.calls = 0

    def __call__(self, events: Sequence[OMRSEventV1]) -> list[EventBusError | None]:
        self.calls += 1
        if self.fail_batches > 0:
            self.fail_batches -= 1
            return [EventBusError("broker unreachable")] * len(events)
        results: list[EventBusError | None] = []
        for event in events:
            name = event.originator.server_name if event.originator else ""
            assert name is not None
            if int(name) in self.fail_once:
                self.fail_once.discard(int(name))
                results.append(EventBusError("timed out"))
            else:
                self.delivered.append(name)
                results.append(None)
        return results


def test_partial_failure_removes_only_delivered() -> None:
    outbox = ListOutbox(5)
    publisher = FlakyPublisher(fail_once=[3])
    relay = OutboxRelay(outbox, publisher, batch_size=10)
    try:
        relay.publish_pending()
    except EventBusError as error:
        assert "1 of 5" in str(error)
    else:
        raise AssertionError("expected a failure")
    assert [e.sequence for e in outbox.entries] == [3]
    assert relay.publish_pending() == 1
    assert outbox.entries == []
    assert publisher.delivered == ["1", "2", "4", "5", "3"]
    assert relay.publish_pending() == 0


def test_background_relay_retries_until_the_bus_is_back() -> None:
    outbox = ListOutbox(250)
    publisher = FlakyPublisher(fail_batches=3)
    relay = OutboxRelay(outbox, publisher, batch_size=100, backoff_initial=0.01, backoff_max=0.05)
    relay.start()
    try:
        deadline = time.monotonic() + 10
        while outbox.entries and time.monotonic() < deadline:
            time.sleep(0.01)
        assert outbox.entries == []
        assert publisher.delivered == [str(i) for i in range(1, 251)]
        assert relay.stats.failed_attempts == 3
        assert relay.stats.published == 250
    finally:
        relay.stop()
    assert relay.state is LifecycleState.STOPPED


def test_stop_interrupts_a_long_backoff() -> None:
    relay = OutboxRelay(ListOutbox(1), FlakyPublisher(fail_batches=10**6), backoff_initial=30, backoff_max=30)
    relay.start()
    time.sleep(0.1)
    started = time.monotonic()
    relay.stop()
    assert time.monotonic() - started < 5


def test_drain_reports_success_and_timeout() -> None:
    assert OutboxRelay(ListOutbox(3), FlakyPublisher(fail_batches=2), backoff_initial=0.01).drain(5)
    assert not OutboxRelay(ListOutbox(1), FlakyPublisher(fail_batches=10**6), backoff_initial=0.01).drain(0.2)


def test_after_a_wake_the_relay_lingers_so_the_next_commits_go_in_the_same_pass() -> None:
    """Commits that follow a wake within the linger are published in one pass (one read and one delete
    of the outbox), not one pass per commit; a long linger still ends at stop()."""
    outbox = ListOutbox(0)
    publisher = FlakyPublisher()
    relay = OutboxRelay(outbox, publisher, idle_seconds=30, linger_seconds=2.0)
    relay.start()
    try:
        time.sleep(0.1)  # the first pass (nothing pending) is done; the relay waits for a wake
        assert publisher.calls == 0
        for number in (1, 2, 3):
            with outbox._lock:
                outbox.entries.append(OutboxEntry(number, _event(number)))
            relay.wake()
            time.sleep(0.05)
        deadline = time.monotonic() + 10
        while outbox.entries and time.monotonic() < deadline:
            time.sleep(0.01)
        assert publisher.delivered == ["1", "2", "3"]
        assert publisher.calls == 1
    finally:
        started = time.monotonic()
        relay.stop()
        assert time.monotonic() - started < 5
