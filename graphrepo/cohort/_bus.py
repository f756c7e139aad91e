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

    def __init__(self, handler: EventHandler, *, local_collection_id: str | None, name: str) -> None:
        self.handler = handler
        self.local_collection_id = local_collection_id
        self.name = name
        self.stats = ConsumerStats()

    def dispatch(self, raw: bytes | str | None, *, where: str) -> DispatchOutcome:
        outcome = self._dispatch(raw, where)
        self.stats.count(outcome)
        return outcome

    def _dispatch(self, raw: bytes | str | None, where: str) -> DispatchOutcome:
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
    ) -> EventConsumer:
        """A consumer in ``group_id``: a new group starts at the end of each topic; a known group
        carries on after its last committed offset (so a restart misses nothing)."""
        ...

    def close(self) -> None: ...
