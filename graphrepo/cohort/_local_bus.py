"""An in-process event bus with Kafka's semantics, for the embedded default (``event_bus.kind = local``).

Each topic is an append-only log of JSON texts; each consumer group has a committed offset per topic.
Like Kafka's retention, a log keeps only its last ``retained`` messages read by every group with a running
consumer (a long-running member would otherwise hold every event it ever published); a group that comes
back after its place was dropped resumes at the oldest message kept, as a Kafka consumer would.
A consumer runs on its own thread (a handler that publishes never re-enters the producer), commits only
after its handler returns, and a new group starts at the end of each topic, as the Kafka transport does.
Nothing survives the process: the embedded server is a cohort of one.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Final

from graphrepo.cohort._bus import (
    BatchEventHandler,
    ConsumerStats,
    EventBusError,
    EventDispatcher,
    EventHandler,
    LifecycleState,
)
from graphrepo.omrs import OMRSEventV1, to_json

__all__ = ["LocalEventBus"]

_RETRY_BACKOFF_SECONDS: Final = 0.5
_BATCH_MESSAGES: Final = 500  # at most this many waiting messages are dispatched together
_RETAINED: Final = 1_000  # read messages a topic keeps (for diagnostics); older ones are dropped


class _Log:
    """One topic: ``texts[i]`` is the message at offset ``base + i``."""

    __slots__ = ("base", "texts")

    def __init__(self) -> None:
        self.base = 0
        self.texts: list[str] = []

    @property
    def end(self) -> int:
        return self.base + len(self.texts)

    def drop_before(self, offset: int) -> None:
        if offset > self.base:
            del self.texts[: offset - self.base]
            self.base = offset


class LocalEventBus:
    def __init__(self, *, retained: int = _RETAINED) -> None:
        self._retained = retained
        self._topics: dict[str, _Log] = {}
        self._offsets: dict[tuple[str, str], int] = {}
        self._running: dict[tuple[str, str], int] = {}  # running consumers per (group, topic)
        self._changed = threading.Condition()
        self._consumers: list[_LocalConsumer] = []
        self._closed = False

    # --- the EventBus interface ------------------------------------------------------------------------

    def create_producer(self, *, client_id: str) -> _LocalProducer:
        return _LocalProducer(self)

    def create_consumer(
        self,
        topics: Sequence[str],
        *,
        group_id: str,
        handler: EventHandler,
        local_collection_id: str | None,
        batch_handler: BatchEventHandler | None = None,
    ) -> _LocalConsumer:
        consumer = _LocalConsumer(
            self, tuple(topics), group_id, handler, local_collection_id, batch_handler=batch_handler
        )
        self._consumers.append(consumer)
        return consumer

    def close(self) -> None:
        self._closed = True
        for consumer in list(self._consumers):
            consumer.stop()

    # --- for tests and diagnostics ---------------------------------------------------------------------

    def messages(self, topic: str) -> list[str]:
        """The messages ``topic`` keeps (JSON text): every unread one and the last ``retained`` read."""
        with self._changed:
            log_ = self._topics.get(topic)
            return list(log_.texts) if log_ is not None else []

    def append_raw(self, topic: str, value: str) -> None:
        """Publish raw text (it need not be a valid event)."""
        with self._changed:
            if self._closed:
                raise EventBusError("the local event bus is closed", retryable=False)
            self._topics.setdefault(topic, _Log()).texts.append(value)
            self._trim(topic)  # a topic no group reads keeps its last messages too
            self._changed.notify_all()

    # --- for the consumers -----------------------------------------------------------------------------

    def _join(self, group: str, topics: tuple[str, ...]) -> None:
        with self._changed:
            for topic in topics:
                # A new group starts at the end; a known one where it left off.
                self._offsets.setdefault((group, topic), self._topics.setdefault(topic, _Log()).end)
                self._running[(group, topic)] = self._running.get((group, topic), 0) + 1

    def _leave(self, group: str, topics: tuple[str, ...]) -> None:
        with self._changed:
            for topic in topics:
                left = self._running.get((group, topic), 0) - 1
                if left > 0:
                    self._running[(group, topic)] = left
                else:
                    self._running.pop((group, topic), None)

    def _next(
        self, group: str, topics: tuple[str, ...], stop: threading.Event
    ) -> tuple[str, int, list[str]] | None:
        """The waiting messages of one topic (at most ``_BATCH_MESSAGES``): topic, first offset, texts."""
        with self._changed:
            while not stop.is_set():
                for topic in topics:
                    log_ = self._topics[topic]
                    offset = max(self._offsets[(group, topic)], log_.base)
                    if offset < log_.end:
                        start = offset - log_.base
                        return topic, offset, log_.texts[start : start + _BATCH_MESSAGES]
                self._changed.wait(0.5)
            return None

    def _wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def _commit(self, group: str, topic: str, offset: int) -> None:
        with self._changed:
            self._offsets[(group, topic)] = max(self._offsets[(group, topic)], offset + 1)
            self._trim(topic)

    def _trim(self, topic: str) -> None:
        """Drop what no running group still has to read, but the last ``retained``; hold ``_changed``."""
        log_ = self._topics[topic]
        # Dropped in chunks: deleting a list's head costs its length.
        if len(log_.texts) < 2 * self._retained:
            return
        keep_from = log_.end - self._retained
        for (reader, name), count in self._running.items():
            if name == topic and count > 0:
                keep_from = min(keep_from, self._offsets[(reader, name)])
        if keep_from - log_.base >= self._retained:
            log_.drop_before(keep_from)


class _LocalProducer:
    def __init__(self, bus: LocalEventBus) -> None:
        self._bus = bus
        self._state = LifecycleState.RUNNING

    @property
    def state(self) -> LifecycleState:
        return self._state

    def send(self, topic: str, event: OMRSEventV1, *, key: str | None = None) -> None:
        if self._state is not LifecycleState.RUNNING:
            raise EventBusError("producer is closed", retryable=False)
        self._bus.append_raw(topic, to_json(event))

    def send_many(
        self, topic: str, events: Sequence[OMRSEventV1], *, key: str | None = None
    ) -> list[EventBusError | None]:
        results: list[EventBusError | None] = []
        for event in events:
            try:
                self.send(topic, event, key=key)
            except EventBusError as error:
                results.append(error)
            else:
                results.append(None)
        return results

    def close(self) -> None:
        self._state = LifecycleState.STOPPED


class _LocalConsumer:
    def __init__(
        self,
        bus: LocalEventBus,
        topics: tuple[str, ...],
        group: str,
        handler: EventHandler,
        local_collection_id: str | None,
        *,
        batch_handler: BatchEventHandler | None = None,
    ) -> None:
        self._bus = bus
        self._topics = topics
        self._group = group
        self._dispatcher = EventDispatcher(
            handler,
            local_collection_id=local_collection_id,
            name=f"local consumer {group}",
            batch_handler=batch_handler,
        )
        self._state = LifecycleState.CREATED
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> LifecycleState:
        return self._state

    @property
    def stats(self) -> ConsumerStats:
        return self._dispatcher.stats

    def start(self, timeout: float = 30.0) -> None:
        if self._state is not LifecycleState.CREATED:
            raise EventBusError(f"consumer cannot start from {self._state}", retryable=False)
        self._state = LifecycleState.STARTING
        self._bus._join(self._group, self._topics)
        self._thread = threading.Thread(target=self._run, name=f"local-consumer-{self._group}", daemon=True)
        self._state = LifecycleState.RUNNING
        self._thread.start()

    def stop(self) -> None:
        if self._state in (LifecycleState.STOPPED, LifecycleState.CREATED):
            self._state = LifecycleState.STOPPED
            return
        self._state = LifecycleState.STOPPING
        self._stop.set()
        self._bus._wake()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        self._bus._leave(self._group, self._topics)
        self._state = LifecycleState.STOPPED

    def _run(self) -> None:
        while not self._stop.is_set():
            item = self._bus._next(self._group, self._topics, self._stop)
            if item is None:
                return
            topic, offset, texts = item
            finished = self._dispatcher.dispatch_many(
                [(raw, f"{topic}@{offset + index}") for index, raw in enumerate(texts)]
            )
            if finished:
                self._bus._commit(self._group, topic, offset + finished - 1)
            if finished < len(texts):  # one to deliver again: read again from it after a pause
                self._stop.wait(_RETRY_BACKOFF_SECONDS)
