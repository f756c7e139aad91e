"""Cohort membership: one :class:`CohortMember` per cohort (``CohortManager`` is in ``_manager``).

A member owns its cohort's registry, its registration handshake and one consumer per cohort topic
(three in the dedicated layout, one in the single layout). Each consumer dispatches on the event's
category, whichever topic it came from, so a peer that routes an event to the "wrong" topic is still
understood.

Keys: Egeria keys records with the sending connector's ``local.server.id``: a fresh UUID per start for
the registration and types topics, the server's id for the instances topic. We do the same, with the
metadata collection id as the server's id (so one member's instance events stay in one partition, in
order).

Consumer groups are stable per member and topic (``graphrepo.<collection id>.<topic>``): a restarted
member reads what it missed while it was down, and a new member starts at the end of each topic (the
refresh request brings it the current membership).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from graphrepo.cohort._bus import (
    EventBus,
    EventBusError,
    EventConsumer,
    EventProducer,
    LifecycleState,
)
from graphrepo.cohort._registration import CohortRegistration, LocalMember, MemberListener
from graphrepo.cohort._registry import CohortRegistryStore, MemberRegistration
from graphrepo.cohort._topics import CohortTopics
from graphrepo.omrs import OMRSEventCategory, OMRSEventV1

__all__ = ["BatchEventSink", "CohortMember", "EventSink", "registry_path"]

log = logging.getLogger("graphrepo.cohort")

EventSink = Callable[[str, OMRSEventV1], None]
"""Receives the TYPEDEF or INSTANCE events of a cohort: ``(cohort name, event)``. It returns after its
store commit; it raises an exception with ``retryable = True`` to have the event delivered again."""

BatchEventSink = Callable[[str, Sequence[OMRSEventV1]], int]
"""Receives INSTANCE events read together: ``(cohort name, events)``; returns how many it finished from the
front (committed, or skipped as the single sink would); the next one then goes to the single sink
(:data:`graphrepo.cohort.BatchEventHandler`)."""


def registry_path(data_dir: Path, cohort: str) -> Path:
    """Where a cohort's registry is kept: ``<data_dir>/cohorts/<cohort>.registry.json``."""
    return data_dir / "cohorts" / f"{cohort}.registry.json"


def _ignore(cohort: str, event: OMRSEventV1) -> None:
    # No processor wired yet: the event is committed and dropped, as a member that does not exchange
    # that category would (exchange rule REGISTRATION_ONLY).
    log.debug("cohort %s: %s event not processed", cohort, event.event_category)


class CohortMember:
    """This server's membership of one cohort."""

    def __init__(
        self,
        member: LocalMember,
        topics: CohortTopics,
        bus: EventBus,
        producer: EventProducer,
        registry: CohortRegistryStore,
        *,
        typedef_sink: EventSink | None = None,
        instance_sink: EventSink | None = None,
        instance_batch_sink: BatchEventSink | None = None,
        listener: MemberListener | None = None,
        subscribe_timeout: float = 30.0,
    ) -> None:
        self.member = member
        self.topics = topics
        self.registry = registry
        self._bus = bus
        self._producer = producer
        self._typedef_sink = typedef_sink or _ignore
        self._instance_sink = instance_sink or _ignore
        self._instance_batch_sink = instance_batch_sink
        self._subscribe_timeout = subscribe_timeout
        # Egeria gives the registration and types connectors a fresh id on each start.
        self._registration_key = str(uuid.uuid4())
        self.registration = CohortRegistration(member, registry, self._send_registry_event, listener=listener)
        self._consumers: list[EventConsumer] = []
        self._state = LifecycleState.CREATED

    @property
    def cohort(self) -> str:
        return self.topics.cohort

    @property
    def state(self) -> LifecycleState:
        return self._state

    @property
    def consumers(self) -> tuple[EventConsumer, ...]:
        return tuple(self._consumers)

    def remote_members(self) -> list[MemberRegistration]:
        return self.registry.remote_members()

    def local_registration(self) -> MemberRegistration | None:
        return self.registry.local_registration()

    def start(self) -> None:
        """Subscribe to the cohort's topics, then register (subscribed first, so no answer is missed)."""
        if self._state is not LifecycleState.CREATED:
            raise RuntimeError(f"cohort {self.cohort}: cannot start from {self._state}")
        self._state = LifecycleState.STARTING
        try:
            # Registry events wait until our own (re-)registration is out. A restarted member's group
            # resumes where it left off and may hold a peer's refresh request it had not answered before
            # it stopped; answered first, it would put an extra RE_REGISTRATION_EVENT ahead of our
            # announcement, and the order peers see would depend on thread timing.
            with self.registration.held():
                for topic in self.topics.all:
                    consumer = self._bus.create_consumer(
                        [topic],
                        group_id=f"graphrepo.{self.member.metadata_collection_id}.{topic}",
                        handler=self._handle,
                        local_collection_id=self.member.metadata_collection_id,
                        batch_handler=self._handle_batch,
                    )
                    self._consumers.append(consumer)
                    consumer.start(self._subscribe_timeout)
                self.registration.connect()
        except BaseException:
            self._stop_consumers()
            self._state = LifecycleState.FAILED
            raise
        self._state = LifecycleState.RUNNING

    def unregister(self) -> None:
        """Leave the cohort for good (``UN_REGISTRATION_EVENT``), then stop listening to it."""
        self.registration.unregister()
        self.stop()

    def stop(self) -> None:
        """Stop listening; the registration stays (the next start re-registers)."""
        if self._state in (LifecycleState.STOPPED, LifecycleState.CREATED):
            self._state = LifecycleState.STOPPED
            return
        self._state = LifecycleState.STOPPING
        self._stop_consumers()
        self._state = LifecycleState.STOPPED

    def publish_instance_events(self, events: Sequence[OMRSEventV1]) -> list[EventBusError | None]:
        return self._producer.send_many(self.topics.instances, events, key=self.member.metadata_collection_id)

    def publish_typedef_event(self, event: OMRSEventV1) -> None:
        self._producer.send(self.topics.types, event, key=self._registration_key)

    def _send_registry_event(self, event: OMRSEventV1) -> None:
        self._producer.send(self.topics.registration, event, key=self._registration_key)

    def _handle(self, event: OMRSEventV1) -> None:
        category = event.event_category
        if category is OMRSEventCategory.REGISTRY:
            self.registration.handle(event)
        elif category is OMRSEventCategory.TYPEDEF:
            self._typedef_sink(self.cohort, event)
        elif category is OMRSEventCategory.INSTANCE:
            self._instance_sink(self.cohort, event)
        else:
            log.info("cohort %s: %s event ignored", self.cohort, category)

    def _handle_batch(self, events: Sequence[OMRSEventV1]) -> int:
        """The leading INSTANCE events go to the batch sink together; anything else is left to ``_handle``
        (registry and TypeDef events are rare, and not batched)."""
        batch_sink = self._instance_batch_sink
        if batch_sink is None:
            return 0
        count = 0
        while count < len(events) and events[count].event_category is OMRSEventCategory.INSTANCE:
            count += 1
        return batch_sink(self.cohort, events[:count]) if count > 1 else 0

    def _stop_consumers(self) -> None:
        for consumer in self._consumers:
            consumer.stop()
        self._consumers = []
