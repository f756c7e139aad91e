"""The outbox relay: every committed change is announced to the cohort, even across outages and crashes.

The repository writes the OMRS events of a change into the store's outbox in the same transaction as
the change (style.md item 6), so a change that committed has its events stored. The relay reads them in
order (``InstanceStore.pending_events``), publishes them, and removes them (``remove_published``) only
after the bus confirmed delivery. Hence:

* Kafka down: publishing fails, nothing is removed, the relay retries with exponential back-off
  (tenacity) until it gets through;
* the process dies before or while sending: the events are still in the store and go out after the
  restart; a crash between delivery and removal sends them again, which receivers tolerate (an event's
  instance version is not newer than their copy, omrs-reference §8.2).

The relay never gives up and never dies on an error: it logs, backs off and tries again.

Wake-up: :class:`CommitNotifier` wraps the store the metadata collection writes through and, after each
committed write, calls its subscribers (the relay's ``wake``: setting an event, nothing more), so an event
is usually on Kafka milliseconds after its commit. The relay also polls every ``idle_seconds`` (1 s by
default, ``event_bus.relay_poll_seconds``), which covers writes the notifier cannot see (another process
on the same Neo4j database, a wake lost to a race) and events left by a crash before the restart.
After a wake it lingers a moment (``event_bus.relay_linger_seconds``, 50 ms by default) so that the events
of the commits that follow go in the same pass: each pass reads and deletes outbox entries in the store,
which, done once per commit, cost each write about as much store work again as the write itself.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar, cast

from tenacity import RetryCallState, RetryError, Retrying, retry_if_exception_type, wait_exponential

from graphrepo.cohort._bus import EventBusError, LifecycleState
from graphrepo.omrs import OMRSEventV1
from graphrepo.store import InstanceStore, OutboxEntry, StoreTransaction

__all__ = ["CommitNotifier", "EventPublisher", "Outbox", "OutboxRelay", "RelayStats"]

log = logging.getLogger("graphrepo.cohort.relay")

T = TypeVar("T")

_DEFAULT_BATCH: Final = 100


class Outbox(Protocol):
    """The part of ``InstanceStore`` the relay uses."""

    def pending_events(self, limit: int) -> list[OutboxEntry]: ...

    def remove_published(self, sequences: Sequence[int]) -> None: ...


EventPublisher = Callable[[Sequence[OMRSEventV1]], list[EventBusError | None]]
"""Publishes events in order and reports, per event, None once delivery is confirmed."""


@dataclass
class RelayStats:
    published: int = 0
    failed_attempts: int = 0
    last_error: str | None = None


class OutboxRelay:
    """Publishes the outbox on a thread of its own; ``wake()`` after a commit makes it go at once."""

    def __init__(
        self,
        outbox: Outbox,
        publish: EventPublisher,
        *,
        batch_size: int = _DEFAULT_BATCH,
        idle_seconds: float = 1.0,
        linger_seconds: float = 0.0,
        backoff_initial: float = 0.2,
        backoff_max: float = 10.0,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self._outbox = outbox
        self._publish = publish
        self._batch_size = batch_size
        self._idle_seconds = idle_seconds
        self._linger_seconds = linger_seconds
        self._backoff_initial = backoff_initial
        self._backoff_max = backoff_max
        self._state = LifecycleState.CREATED
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # One pass at a time, whether from the thread or from drain().
        self._pass_lock = threading.Lock()
        self.stats = RelayStats()

    @property
    def state(self) -> LifecycleState:
        return self._state

    # --- one pass --------------------------------------------------------------------------------------

    def publish_pending(self) -> int:
        """Publish one batch of pending events; return how many went out.

        Delivered events are removed even when others of the batch failed (a later, newer event of the
        same instance supersedes an older one that is re-sent after it). Raises :class:`EventBusError`
        if any event of the batch was not delivered."""
        with self._pass_lock:
            entries = self._outbox.pending_events(self._batch_size)
            if not entries:
                return 0
            results = self._publish([entry.cohort_event for entry in entries])
            if len(results) != len(entries):
                raise RuntimeError(f"publisher answered {len(results)} results for {len(entries)} events")
            delivered = [
                entry.sequence for entry, error in zip(entries, results, strict=True) if error is None
            ]
            if delivered:
                self._outbox.remove_published(delivered)
                self.stats.published += len(delivered)
            failures = [error for error in results if error is not None]
            if failures:
                raise EventBusError(
                    f"{len(failures)} of {len(entries)} outbox events not delivered: {failures[0]}"
                )
            return len(delivered)

    def drain(self, timeout: float = 30.0) -> bool:
        """Publish until the outbox is empty (True) or ``timeout`` passes (False); raises nothing."""
        deadline = time.monotonic() + timeout
        delay = self._backoff_initial
        while time.monotonic() < deadline:
            try:
                if self.publish_pending() == 0:
                    return True
                delay = self._backoff_initial
            except Exception as error:
                self._note_failure(error)
                self._stop.wait(min(delay, max(0.0, deadline - time.monotonic())))
                delay = min(delay * 2, self._backoff_max)
        return False

    # --- the background thread -------------------------------------------------------------------------

    def start(self) -> None:
        if self._state is not LifecycleState.CREATED:
            raise RuntimeError(f"relay cannot start from {self._state}")
        self._state = LifecycleState.STARTING
        self._thread = threading.Thread(target=self._run, name="outbox-relay", daemon=True)
        self._state = LifecycleState.RUNNING
        self._thread.start()

    def wake(self) -> None:
        """Something was committed: publish now rather than at the next idle tick."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        if self._state in (LifecycleState.CREATED, LifecycleState.STOPPED):
            self._state = LifecycleState.STOPPED
            return
        self._state = LifecycleState.STOPPING
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        self._state = LifecycleState.STOPPED

    def _run(self) -> None:
        retrying = Retrying(
            retry=retry_if_exception_type(Exception),
            wait=wait_exponential(multiplier=self._backoff_initial, max=self._backoff_max),
            stop=lambda _state: self._stop.is_set(),
            sleep=self._sleep,
            before_sleep=self._before_sleep,
        )
        while not self._stop.is_set():
            try:
                published = retrying(self.publish_pending)
            except RetryError:
                return  # stopped while backing off
            if published >= self._batch_size:
                continue  # more may be waiting
            if self._wake.wait(self._idle_seconds) and self._linger_seconds > 0:
                self._stop.wait(self._linger_seconds)  # let the next commits join this pass
            self._wake.clear()

    def _sleep(self, seconds: float) -> None:
        # Interruptible, so stop() does not wait out a long back-off.
        self._stop.wait(seconds)

    def _before_sleep(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        if error is not None:
            self._note_failure(error)

    def _note_failure(self, error: BaseException) -> None:
        self.stats.failed_attempts += 1
        self.stats.last_error = str(error)
        if isinstance(error, EventBusError):
            log.warning("outbox relay: %s; retrying", error)
        else:
            log.error("outbox relay: unexpected failure, retrying", exc_info=error)


class CommitNotifier:
    """An :class:`InstanceStore` that tells its subscribers after every committed write.

    Everything else is the wrapped store's. Subscribers must be cheap and must not raise (a failing one is
    logged): they run on the writer's thread, after its commit.

    ``keep_events=False`` (a server in no cohort): the OMRS events of a change are not stored, since no
    relay will ever publish them. Egeria does not replay a repository's past changes to a cohort it joins
    later either; members catch up by federated queries and refresh requests. Storing them anyway cost
    every write an outbox insert and the relay a read and a delete."""

    def __init__(self, store: InstanceStore, *, keep_events: bool = True) -> None:
        self.store = store
        self.keep_events = keep_events
        self._subscribers: list[Callable[[], None]] = []

    def subscribe(self, callback: Callable[[], None]) -> None:
        self._subscribers.append(callback)

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.store.read(work)

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        result = self.store.write(work if self.keep_events else _without_outbox(work))
        for callback in list(self._subscribers):
            try:
                callback()
            except Exception:
                log.exception("commit subscriber %r failed", callback)
        return result

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        return self.store.pending_events(limit)

    def remove_published(self, sequences: Sequence[int]) -> None:
        self.store.remove_published(sequences)

    def close(self) -> None:
        self.store.close()


def _without_outbox(work: Callable[[StoreTransaction], T]) -> Callable[[StoreTransaction], T]:
    def unannounced(tx: StoreTransaction) -> T:
        return work(cast(StoreTransaction, _WithoutOutbox(tx)))

    return unannounced


class _WithoutOutbox:
    """A store transaction whose OMRS events are dropped (see ``CommitNotifier(keep_events=False)``)."""

    def __init__(self, tx: StoreTransaction) -> None:
        self._tx = tx

    def add_to_outbox(self, events: Sequence[OMRSEventV1]) -> None:
        return None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tx, name)
