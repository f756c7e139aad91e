"""The event bus interface every transport offers, and the dispatch rules every consumer shares.

Two transports implement it: Kafka (:mod:`graphrepo.cohort._kafka`, the only module that imports
``confluent_kafka``) and :class:`LocalEventBus`, an in-process bus for the embedded default
(``event_bus.kind = local``). Both move events as the JSON text Egeria writes, so a local run exercises
the same parse path as a real cohort.

Consumer rules (style.md item 11, omrs-reference §7.1):

* a message is handed to the handler, and its offset is committed only after the handler returns
  (the handler returns after its store commit);
* a message that does not parse as an ``OMRSEventV1`` is logged, counted and skipped (committed): one
  bad message must never block a cohort's stream;
* an event whose ``originator.metadataCollectionId`` is our own is ignored (committed);
* a handler that raises :class:`RetryableEventError` (or any exception whose ``retryable`` attribute is
  true) gets the same message again after a back-off, uncommitted; any other exception is logged,
  counted and the message skipped, as Egeria audit-logs and drops events it cannot process (§8.1).

Batches: a transport may hand the dispatcher several messages at once (:meth:`EventDispatcher.dispatch_many`,
what the Kafka consumer read in one go). With a ``batch_handler`` the events go to it together (one store
transaction for many events); it says how many it finished from the front, and the dispatcher hands the
next one to the single handler under the rules above (a retry stops the batch there), then gives the rest
to the batch handler again. Offsets are committed up to the last finished message only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Protocol

from pydantic import ValidationError

from graphrepo.omrs import OMRSEventV1, from_wire

__all__ = [
    "BatchEventHandler",
    "ConsumerStats",
    "DispatchOutcome",
    "EventBus",
    "EventBusError",
    "EventConsumer",
    "EventDispatcher",
    "EventHandler",
    "EventProducer",
    "LifecycleState",
    "RetryableEventError",
]

log = logging.getLogger("graphrepo.cohort")

EventHandler = Callable[[OMRSEventV1], None]
"""Processes one event; returns once its effects are committed."""

BatchEventHandler = Callable[[Sequence[OMRSEventV1]], int]
"""Processes events in order and returns how many it finished from the front (their effects committed, or
skipped as the single handler would skip them); it stops before an event it cannot finish (one to retry,
one it leaves to the single handler). It does not raise; if it does, nothing counts as finished."""


class LifecycleState(StrEnum):
    """Where a producer or consumer is in its life; only RUNNING ones move events."""

    CREATED = "CREATED"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    STOPPING = "STOPPING"
    STOPPED = "STOPPED"
    FAILED = "FAILED"


class EventBusError(Exception):
    """The bus could not deliver or receive (broker unreachable, delivery not confirmed in time).

    ``retryable`` is True for faults that may pass (the relay retries them); False for a fault that
    needs a new client (a fatal producer error) or a configuration change."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


class RetryableEventError(Exception):
    """Raised by a handler whose failure may pass (the store is unavailable): deliver the event again."""

    retryable = True


class DispatchOutcome(Enum):
    HANDLED = "handled"
    OWN = "own"  # sent by ourselves: ignored
    INVALID = "invalid"  # not an OMRSEventV1: skipped
    FAILED = "failed"  # the handler raised a permanent error: skipped
    RETRY = "retry"  # the handler raised a retryable error: deliver again


@dataclass
class ConsumerStats:
    """Counters of one consumer, for health reporting and tests."""

    received: int = 0
    handled: int = 0
    own: int = 0
    invalid: int = 0
    failed: int = 0
    retried: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, outcome: DispatchOutcome) -> None:
        with self._lock:
            self.received += outcome is not DispatchOutcome.RETRY
            if outcome is DispatchOutcome.HANDLED:
                self.handled += 1
            elif outcome is DispatchOutcome.OWN:
                self.own += 1
            elif outcome is DispatchOutcome.INVALID:
                self.invalid += 1
            elif outcome is DispatchOutcome.FAILED:
                self.failed += 1
            else:
                self.retried += 1


class EventDispatcher:
    """Parses a message, applies the self-filter and calls the handler; transports only move bytes."""

    def __init__(
        self,
        handler: EventHandler,
        *,
        local_collection_id: str | None,
        name: str,
        batch_handler: BatchEventHandler | None = None,
    ) -> None:
        self.handler = handler
        self.batch_handler = batch_handler
        self.local_collection_id = local_collection_id
        self.name = name
        self.stats = ConsumerStats()

    def dispatch(self, raw: bytes | str | None, *, where: str) -> DispatchOutcome:
        parsed = self._parse(raw, where)
        outcome = parsed if isinstance(parsed, DispatchOutcome) else self._handle(parsed, where)
        self.stats.count(outcome)
        return outcome

    def dispatch_many(self, messages: Sequence[tuple[bytes | str | None, str]]) -> int:
        """Dispatch ``(raw, where)`` messages in order; how many are finished (to commit). Fewer than all
        when one is to be delivered again: it and the ones after it are not finished."""
        parsed = [self._parse(raw, where) for raw, where in messages]
        pending = [(index, item) for index, item in enumerate(parsed) if isinstance(item, OMRSEventV1)]
        finished = len(messages)
        position = 0  # in pending
        while position < len(pending):
            if len(pending) - position > 1:
                done = self._dispatch_batch([event for _, event in pending[position:]])
                for _ in range(done):
                    self.stats.count(DispatchOutcome.HANDLED)
                position += done
                if position >= len(pending):
                    break
            index, event = pending[position]
            outcome = self._handle(event, messages[index][1])
            self.stats.count(outcome)
            if outcome is DispatchOutcome.RETRY:
                finished = index
                break
            position += 1
        for item in parsed[:finished]:
            if isinstance(item, DispatchOutcome):
                self.stats.count(item)  # counted once: the messages after a retry are read again
        return finished

    def _dispatch_batch(self, events: list[OMRSEventV1]) -> int:
        if self.batch_handler is None:
            return 0
        try:
            done = self.batch_handler(events)
        except Exception:
            log.exception("%s: batch handler failed; its events go one by one", self.name)
            return 0
        return max(0, min(done, len(events)))

    def _parse(self, raw: bytes | str | None, where: str) -> OMRSEventV1 | DispatchOutcome:
        if raw is None:
            log.warning("%s: empty message at %s skipped", self.name, where)
            return DispatchOutcome.INVALID
        try:
            event = from_wire(OMRSEventV1, raw)
        except ValidationError as error:
            log.warning(
                "%s: message at %s is not a valid OMRS event, skipped: %s",
                self.name,
                where,
                _first_lines(str(error)),
            )
            return DispatchOutcome.INVALID
        originator = event.originator
        if (
            self.local_collection_id is not None
            and originator is not None
            and originator.metadata_collection_id == self.local_collection_id
        ):
            return DispatchOutcome.OWN
        return event

    def _handle(self, event: OMRSEventV1, where: str) -> DispatchOutcome:
        try:
            self.handler(event)
        except Exception as error:
            if getattr(error, "retryable", False):
                log.warning("%s: handler failed on %s, will retry: %s", self.name, where, error)
                return DispatchOutcome.RETRY
            log.exception("%s: handler failed on %s, event skipped", self.name, where)
            return DispatchOutcome.FAILED
        return DispatchOutcome.HANDLED


def _first_lines(text: str, count: int = 4) -> str:
    return " | ".join(text.splitlines()[:count])


# --- the interface -------------------------------------------------------------------------------------


class EventProducer(Protocol):
    """Publishes events; each call returns once the bus has confirmed delivery (or raises)."""

    @property
    def state(self) -> LifecycleState: ...

    def send(self, topic: str, event: OMRSEventV1, *, key: str | None = None) -> None:
        """Publish one event; raise :class:`EventBusError` when delivery is not confirmed."""
        ...

    def send_many(
        self, topic: str, events: Sequence[OMRSEventV1], *, key: str | None = None
    ) -> list[EventBusError | None]:
        """Publish events in order; one result per event (None: delivered)."""
        ...

    def close(self) -> None: ...


class EventConsumer(Protocol):
    """Hands every event on its topics to a handler, on a thread of its own."""

    @property
    def state(self) -> LifecycleState: ...

    @property
    def stats(self) -> ConsumerStats: ...

    def start(self, timeout: float = 30.0) -> None:
        """Subscribe and return once the consumer reads its topics: an event published after this
        returns is seen. Raises :class:`EventBusError` if that does not happen within ``timeout``."""
        ...

    def stop(self) -> None: ...


class EventBus(Protocol):
    """Creates producers and consumers on one bus."""

    def create_producer(self, *, client_id: str) -> EventProducer: ...

    def create_consumer(
        self,
        topics: Sequence[str],
        *,
        group_id: str,
        handler: EventHandler,
        local_collection_id: str | None,
        batch_handler: BatchEventHandler | None = None,
    ) -> EventConsumer:
        """A consumer in ``group_id``: a new group starts at the end of each topic; a known group
        carries on after its last committed offset (so a restart misses nothing). With
        ``batch_handler``, events read together go to it together (see the module docstring)."""
        ...

    def close(self) -> None: ...
