"""The Kafka transport: the only module of graphrepo that imports ``confluent_kafka``.

What Egeria's ``KafkaOpenMetadataTopicConnector`` does, and what we do:

* values are UTF-8 JSON text, keys UTF-8 strings; Egeria keys every record with the sending connector's
  ``local.server.id`` (``new ProducerRecord<>(topicName, localServerId, event)``), which keeps one
  member's events in one partition, in order. Callers pass that key;
* Egeria's producer uses ``acks=all``; ours is also idempotent (``enable.idempotence``), so librdkafka's
  own retries never duplicate or reorder a record;
* Egeria's consumers auto-commit; ours commit offsets synchronously after the handler returned
  (style.md item 11), so a crash re-delivers instead of losing. Handlers are idempotent (GUID + version).
* The consumer waits for one message, then takes whatever else has already arrived (up to
  ``consume_batch``) without waiting, and dispatches them together (``EventDispatcher.dispatch_many``: one
  store transaction for many instance events); the offsets are committed once, up to the last message
  finished. A quiet topic costs no latency; a busy one is read in batches.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping, Sequence
from typing import Any, Final

from confluent_kafka import (
    OFFSET_INVALID,
    Consumer,
    KafkaError,
    KafkaException,
    Message,
    Producer,
    TopicPartition,
)
from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined,unused-ignore]

from graphrepo.cohort._bus import (
    BatchEventHandler,
    ConsumerStats,
    EventBusError,
    EventDispatcher,
    EventHandler,
    LifecycleState,
    log,
)
from graphrepo.omrs import OMRSEventV1, to_json

__all__ = ["KafkaEventBus"]

_RETRY_BACKOFF_SECONDS: Final = 1.0
_POLL_SECONDS: Final = 0.25
# Messages dispatched together at most: a batch is one store transaction; larger gains little more.
_CONSUME_BATCH: Final = 500
# librdkafka gives up on a record after this long; our wait for the confirmation is a little longer.
_DEFAULT_DELIVERY_TIMEOUT_MS: Final = 15_000
_ADMIN_TIMEOUT_SECONDS: Final = 15.0
_LIBRDKAFKA_LOG: Final = logging.getLogger("graphrepo.cohort.librdkafka")


class KafkaEventBus:
    """Producers and consumers on one Kafka cluster; ``config`` adds librdkafka settings (security, ...)."""

    def __init__(
        self,
        bootstrap_servers: str,
        *,
        config: Mapping[str, Any] | None = None,
        delivery_timeout_ms: int = _DEFAULT_DELIVERY_TIMEOUT_MS,
        create_topics: bool = True,
        consume_batch: int = _CONSUME_BATCH,
    ) -> None:
        self.bootstrap_servers = bootstrap_servers
        self.consume_batch = max(1, consume_batch)
        self._config = dict(config or {})
        self.delivery_timeout_ms = delivery_timeout_ms
        self._create_topics = create_topics
        self._consumers: list[_KafkaConsumer] = []
        self._producers: list[_KafkaProducer] = []

    def _client_config(self, **extra: Any) -> dict[str, Any]:
        # librdkafka's own log lines go to Python logging, not straight to stderr.
        return {
            "bootstrap.servers": self.bootstrap_servers,
            "logger": _LIBRDKAFKA_LOG,
            **self._config,
            **extra,
        }

    def create_producer(self, *, client_id: str) -> _KafkaProducer:
        producer = _KafkaProducer(
            self._client_config(
                **{
                    "client.id": client_id,
                    "enable.idempotence": True,
                    "acks": "all",
                    "message.timeout.ms": self.delivery_timeout_ms,
                    "linger.ms": 5,
                }
            ),
            wait_seconds=self.delivery_timeout_ms / 1000 + 5,
        )
        self._producers.append(producer)
        return producer

    def create_consumer(
        self,
        topics: Sequence[str],
        *,
        group_id: str,
        handler: EventHandler,
        local_collection_id: str | None,
        batch_handler: BatchEventHandler | None = None,
    ) -> _KafkaConsumer:
        consumer = _KafkaConsumer(
            self,
            tuple(topics),
            self._client_config(
                **{
                    "group.id": group_id,
                    "client.id": group_id,
                    "enable.auto.commit": False,
                    "auto.offset.reset": "latest",
                    "enable.partition.eof": False,
                }
            ),
            EventDispatcher(
                handler,
                local_collection_id=local_collection_id,
                name=f"kafka consumer {group_id}",
                batch_handler=batch_handler,
            ),
            batch=self.consume_batch,
        )
        self._consumers.append(consumer)
        return consumer

    def ensure_topics(self, topics: Sequence[str]) -> None:
        """Create missing topics with the broker's default partitions and replication.

        A consumer subscribed to a topic that does not exist yet gets no assignment until a metadata
        refresh notices it (minutes); creating it first makes a new member's subscription immediate."""
        if not self._create_topics:
            return
        admin = AdminClient(self._client_config())
        try:
            existing = set(admin.list_topics(timeout=_ADMIN_TIMEOUT_SECONDS).topics)
        except KafkaException as error:
            raise EventBusError(f"cannot list topics on {self.bootstrap_servers}: {error}") from error
        missing = [NewTopic(name) for name in topics if name not in existing]
        if not missing:
            return
        futures = admin.create_topics(missing, request_timeout=_ADMIN_TIMEOUT_SECONDS)
        for name, future in futures.items():
            try:
                future.result(timeout=_ADMIN_TIMEOUT_SECONDS)
            except KafkaException as error:
                if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                    raise EventBusError(f"cannot create topic {name}: {error}") from error

    def close(self) -> None:
        for consumer in list(self._consumers):
            consumer.stop()
        for producer in list(self._producers):
            producer.close()


class _KafkaProducer:
    def __init__(self, config: dict[str, Any], *, wait_seconds: float) -> None:
        self._config = config
        self._wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._producer: Producer | None = None
        self._state = LifecycleState.CREATED

    @property
    def state(self) -> LifecycleState:
        return self._state

    def send(self, topic: str, event: OMRSEventV1, *, key: str | None = None) -> None:
        error = self.send_many(topic, [event], key=key)[0]
        if error is not None:
            raise error

    def send_many(
        self, topic: str, events: Sequence[OMRSEventV1], *, key: str | None = None
    ) -> list[EventBusError | None]:
        if not events:
            return []
        # One batch at a time: librdkafka is thread-safe, but our result bookkeeping is per batch.
        with self._lock:
            producer = self._open()
            results: list[EventBusError | None] = [
                EventBusError(f"delivery to {topic} not confirmed in {self._wait_seconds:.0f} s")
            ] * len(events)
            pending = [len(events)]

            def on_delivery(index: int, error: KafkaError | None) -> None:
                pending[0] -= 1
                if error is None:
                    results[index] = None
                else:
                    results[index] = EventBusError(
                        f"delivery to {topic} failed: {error.str()}", retryable=not error.fatal()
                    )
                    if error.fatal():
                        self._state = LifecycleState.FAILED

            for index, event in enumerate(events):
                value = to_json(event).encode()
                self._produce(producer, topic, key, value, lambda err, _msg, i=index: on_delivery(i, err))
            deadline = time.monotonic() + self._wait_seconds
            while pending[0] > 0 and time.monotonic() < deadline:
                producer.flush(min(1.0, max(0.0, deadline - time.monotonic())))
            if self._state is LifecycleState.FAILED:
                # A fatal idempotence error poisons this client instance: start again with a new one.
                self._producer = None
                self._state = LifecycleState.CREATED
            return results

    def _produce(self, producer: Producer, topic: str, key: str | None, value: bytes, callback: Any) -> None:
        while True:
            try:
                producer.produce(topic, value=value, key=key, on_delivery=callback)
                return
            except BufferError:
                # The local queue is full: serve delivery reports to make room.
                producer.poll(0.5)

    def _open(self) -> Producer:
        if self._state in (LifecycleState.STOPPING, LifecycleState.STOPPED):
            raise EventBusError("producer is closed", retryable=False)
        if self._producer is None:
            self._state = LifecycleState.STARTING
            self._producer = Producer(self._config)
            self._state = LifecycleState.RUNNING
        return self._producer

    def close(self) -> None:
        with self._lock:
            if self._state is LifecycleState.STOPPED:
                return
            self._state = LifecycleState.STOPPING
            if self._producer is not None:
                remaining = self._producer.flush(5.0)
                if remaining:
                    log.warning("kafka producer closed with %d undelivered records", remaining)
                self._producer = None
            self._state = LifecycleState.STOPPED


class _KafkaConsumer:
    def __init__(
        self,
        bus: KafkaEventBus,
        topics: tuple[str, ...],
        config: dict[str, Any],
        dispatcher: EventDispatcher,
        *,
        batch: int = 1,
    ) -> None:
        self._bus = bus
        self._batch = batch
        self._topics = topics
        self._config = config
        self._dispatcher = dispatcher
        self._state = LifecycleState.CREATED
        self._stop = threading.Event()
        self._assigned = threading.Event()
        self._assign_error: BaseException | None = None
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
        try:
            self._bus.ensure_topics(self._topics)
        except EventBusError:
            self._state = LifecycleState.FAILED
            raise
        self._thread = threading.Thread(
            target=self._run, name=f"kafka-consumer-{self._config['group.id']}", daemon=True
        )
        self._thread.start()
        if not self._assigned.wait(timeout) or self._assign_error is not None:
            self.stop()
            self._state = LifecycleState.FAILED
            raise EventBusError(
                f"consumer of {', '.join(self._topics)} got no partitions within {timeout:.0f} s"
                + (f": {self._assign_error}" if self._assign_error else "")
            )
        self._state = LifecycleState.RUNNING

    def stop(self) -> None:
        if self._state in (LifecycleState.CREATED, LifecycleState.STOPPED, LifecycleState.FAILED):
            self._state = LifecycleState.STOPPED if self._state is LifecycleState.CREATED else self._state
            self._stop.set()
            return
        self._state = LifecycleState.STOPPING
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)
        self._state = LifecycleState.STOPPED

    # --- the consumer thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        consumer = Consumer(self._config)
        try:
            consumer.subscribe(list(self._topics), on_assign=self._on_assign)
            while not self._stop.is_set():
                message = consumer.poll(_POLL_SECONDS)
                if message is None:
                    continue
                # What has arrived meanwhile, without waiting: batches form only when messages queue up.
                received = [message, *consumer.consume(self._batch - 1, 0)] if self._batch > 1 else [message]
                messages: list[Message] = []
                for candidate in received:
                    error = candidate.error()
                    if error is None:
                        messages.append(candidate)
                    elif error.fatal():
                        log.error("kafka consumer %s failed: %s", self._config["group.id"], error.str())
                        self._state = LifecycleState.FAILED
                        return
                    else:
                        log.warning("kafka consumer %s: %s", self._config["group.id"], error.str())
                if messages:
                    self._handle(consumer, messages)
        except Exception:
            log.exception("kafka consumer %s stopped by an unexpected error", self._config["group.id"])
            self._state = LifecycleState.FAILED
        finally:
            consumer.close()

    def _handle(self, consumer: Consumer, messages: list[Message]) -> None:
        finished = self._dispatcher.dispatch_many([(m.value(), _where(m)) for m in messages])
        done, rest = messages[:finished], messages[finished:]
        # The next offset of each partition: after its last finished message.
        commits = {(m.topic(), m.partition()): m.offset() for m in done}
        if commits:
            offsets = [
                TopicPartition(topic, partition, offset + 1)
                for (topic, partition), offset in commits.items()
                if topic is not None and partition is not None and offset is not None
            ]
            try:
                consumer.commit(offsets=offsets, asynchronous=False)
            except KafkaException as error:
                # A rebalance took the partition; its next owner re-reads the records (handlers are
                # idempotent).
                log.warning("kafka consumer could not commit %s: %s", _where(done[-1]), error)
        if rest:
            # Not finished: rewind each partition to its first unfinished record and try again after a
            # pause (the records after it in this batch are read again too).
            firsts: dict[tuple[str | None, int | None], int | None] = {}
            for m in rest:
                firsts.setdefault((m.topic(), m.partition()), m.offset())
            for (topic, partition), offset in firsts.items():
                if topic is not None and partition is not None and offset is not None:
                    consumer.seek(TopicPartition(topic, partition, offset))
            self._stop.wait(_RETRY_BACKOFF_SECONDS)

    def _on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        """Pin a new group's start to the current end of each partition before reading.

        ``auto.offset.reset=latest`` is resolved lazily, at the first fetch: an event published between
        the assignment and that fetch would be skipped. Resolving it here means that once ``start()``
        returns, every later event is read (the registration handshake relies on it)."""
        try:
            committed = consumer.committed(partitions, timeout=_ADMIN_TIMEOUT_SECONDS)
            for partition in committed:
                if partition.offset == OFFSET_INVALID or partition.offset < 0:
                    _low, high = consumer.get_watermark_offsets(partition, timeout=_ADMIN_TIMEOUT_SECONDS)
                    partition.offset = high
            consumer.assign(committed)
            new = [p for p in committed if p.offset >= 0]
            if new:
                consumer.commit(offsets=new, asynchronous=False)
        except KafkaException as error:
            self._assign_error = error
        assigned = {p.topic for p in partitions}
        if assigned.issuperset(self._topics) or not self._topics:
            self._assigned.set()


def _where(message: Message) -> str:
    return f"{message.topic()}[{message.partition()}]@{message.offset()}"
