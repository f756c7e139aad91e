"""All of this server's cohorts: :class:`CohortManager` owns the bus's producer, one
:class:`~graphrepo.cohort.CohortMember` per cohort, the outbox relay and the TypeDef announcer, and answers
the metadata-highway REST API (it implements ``graphrepo.api``'s ``CohortView`` Protocol).

Outbound instance events come from the store's outbox through the relay; each is sent to the instances
topic of every connected cohort, unless the send exchange rule (``events_to_send_rule``) excludes its type,
in which case it counts as delivered (and leaves the outbox). Error events and refresh requests are sent
whenever the rule exchanges instance events at all. The outbound events are shown to ``outbound_observer``
first (the save rule learns from our refresh requests there).

A disconnected cohort gets nothing; ``connect`` starts a fresh member for it (re-registering, as at start).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from graphrepo.cohort._bus import EventBus, EventBusError, LifecycleState
from graphrepo.cohort._exchange import ExchangeFilter
from graphrepo.cohort._member import BatchEventSink, CohortMember, EventSink, registry_path
from graphrepo.cohort._registration import LocalMember, MemberListener
from graphrepo.cohort._registry import CohortRegistryStore, MemberRegistration
from graphrepo.cohort._relay import Outbox, OutboxRelay
from graphrepo.cohort._topics import CohortTopics
from graphrepo.cohort._typedefs import TypeDefAnnouncer
from graphrepo.omrs import (
    CohortConnectionStatus,
    CohortDescription,
    OMRSEventV1,
    OMRSInstanceEventType,
)

__all__ = ["CohortManager"]

log = logging.getLogger("graphrepo.cohort")

_STATUS: Final = {
    LifecycleState.CREATED: CohortConnectionStatus.NOT_INITIALIZED,
    LifecycleState.STARTING: CohortConnectionStatus.INITIALIZING,
    LifecycleState.RUNNING: CohortConnectionStatus.CONNECTED,
    LifecycleState.STOPPING: CohortConnectionStatus.DISCONNECTING,
    LifecycleState.STOPPED: CohortConnectionStatus.DISCONNECTED,
    LifecycleState.FAILED: CohortConnectionStatus.CONFIGURATION_ERROR,
}
# Sent whenever instance events are exchanged at all: they carry no instance of their own to filter on.
_ALWAYS_SENT: Final = frozenset(
    {
        OMRSInstanceEventType.INSTANCE_ERROR_EVENT,
        OMRSInstanceEventType.REFRESH_ENTITY_REQUEST,
        OMRSInstanceEventType.REFRESH_RELATIONSHIP_REQUEST,
        OMRSInstanceEventType.BATCH_INSTANCES_EVENT,
    }
)


class CohortManager:
    """All of this server's cohorts on one bus, and the relay that announces local changes to them."""

    def __init__(
        self,
        member: LocalMember,
        bus: EventBus,
        cohorts: Sequence[CohortTopics],
        *,
        data_dir: Path,
        outbox: Outbox | None = None,
        typedef_sink: EventSink | None = None,
        instance_sink: EventSink | None = None,
        instance_batch_sink: BatchEventSink | None = None,
        listener: MemberListener | None = None,
        relay_batch_size: int = 100,
        relay_poll_seconds: float = 1.0,
        relay_linger_seconds: float = 0.0,
        send_rule: ExchangeFilter | None = None,
        outbound_observer: Callable[[OMRSEventV1], None] | None = None,
        subscribe_timeout: float = 30.0,
    ) -> None:
        self.member = member
        self._bus = bus
        self._producer = bus.create_producer(client_id=f"graphrepo.{member.server_name}")
        self._lock = threading.RLock()
        self._send_rule = send_rule
        self._outbound_observer = outbound_observer
        self._data_dir = data_dir
        self._sinks = (typedef_sink, instance_sink)
        self._instance_batch_sink = instance_batch_sink
        self._listener = listener
        self._subscribe_timeout = subscribe_timeout
        self._topics = {topics.cohort: topics for topics in cohorts}
        self.members: dict[str, CohortMember] = {name: self._new_member(name) for name in self._topics}
        self.relay = (
            OutboxRelay(
                outbox,
                self.publish_instance_events,
                batch_size=relay_batch_size,
                idle_seconds=relay_poll_seconds,
                linger_seconds=relay_linger_seconds,
            )
            if outbox is not None
            else None
        )
        self.types_announcer: TypeDefAnnouncer | None = (
            TypeDefAnnouncer(member, self.publish_typedef_event, send_rule) if send_rule is not None else None
        )
        self._state = LifecycleState.CREATED

    def _new_member(self, cohort: str) -> CohortMember:
        typedef_sink, instance_sink = self._sinks
        return CohortMember(
            self.member,
            self._topics[cohort],
            self._bus,
            self._producer,
            CohortRegistryStore(registry_path(self._data_dir, cohort), cohort),
            typedef_sink=typedef_sink,
            instance_sink=instance_sink,
            instance_batch_sink=self._instance_batch_sink,
            listener=self._listener,
            subscribe_timeout=self._subscribe_timeout,
        )

    @property
    def state(self) -> LifecycleState:
        return self._state

    # --- lifecycle ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Join every cohort, then start the relay. A cohort that cannot be joined fails the start."""
        if self._state is not LifecycleState.CREATED:
            raise RuntimeError(f"cohort manager cannot start from {self._state}")
        self._state = LifecycleState.STARTING
        try:
            for cohort_member in self.members.values():
                cohort_member.start()
        except BaseException:
            self._state = LifecycleState.FAILED
            self.close()
            raise
        if self.types_announcer is not None:
            self.types_announcer.start()
        if self.relay is not None:
            self.relay.start()
        self._state = LifecycleState.RUNNING

    def close(self) -> None:
        if self._state is LifecycleState.STOPPED:
            return
        self._state = LifecycleState.STOPPING
        if self.relay is not None:
            self.relay.stop()
        if self.types_announcer is not None:
            self.types_announcer.stop()
        for cohort_member in self.members.values():
            cohort_member.stop()
        self._producer.close()
        self._state = LifecycleState.STOPPED

    def wake_relay(self) -> None:
        """Something was committed: let the relay publish it now."""
        if self.relay is not None:
            self.relay.wake()

    # --- cohorts --------------------------------------------------------------------------------------------

    def member_of(self, cohort: str) -> CohortMember:
        try:
            return self.members[cohort]
        except KeyError:
            raise KeyError(f"this server is not a member of cohort {cohort!r}") from None

    def unregister(self, cohort: str) -> None:
        self.member_of(cohort).unregister()

    def is_active_member(self, metadata_collection_id: str) -> bool:
        """Is this metadata collection ours, or a member registered in one of our cohorts?"""
        if metadata_collection_id == self.member.metadata_collection_id:
            return True
        return any(
            m.registry.remote_member(metadata_collection_id) is not None for m in self.members.values()
        )

    # --- outbound -------------------------------------------------------------------------------------------

    def _connected(self) -> list[CohortMember]:
        with self._lock:
            return [m for m in self.members.values() if m.state is LifecycleState.RUNNING]

    def _send_allowed(self, event: OMRSEventV1) -> bool:
        rule = self._send_rule
        if rule is None:
            return True
        if not rule.instance_events():
            return False
        section = event.instance_event_section
        if section is None or section.event_type in _ALWAYS_SENT:
            return True
        return rule.accepts(section.type_def_guid, section.type_def_name)

    def publish_instance_events(self, events: Sequence[OMRSEventV1]) -> list[EventBusError | None]:
        """Publish to every connected cohort; an event counts as delivered only once every one has it."""
        if self._outbound_observer is not None:
            for event in events:
                self._outbound_observer(event)
        allowed = [index for index, event in enumerate(events) if self._send_allowed(event)]
        chosen = [events[index] for index in allowed]
        combined: list[EventBusError | None] = [None] * len(events)
        if not chosen:
            return combined
        for cohort_member in self._connected():
            for index, error in zip(allowed, cohort_member.publish_instance_events(chosen), strict=True):
                if error is not None and combined[index] is None:
                    combined[index] = error
        return combined

    def publish_typedef_event(self, event: OMRSEventV1) -> None:
        """Publish on every connected cohort's types topic; raise the first failure."""
        failure: EventBusError | None = None
        for cohort_member in self._connected():
            try:
                cohort_member.publish_typedef_event(event)
            except EventBusError as error:
                failure = failure or error
        if failure is not None:
            raise failure

    def send_to_cohort(self, cohort: str, event: OMRSEventV1) -> None:
        """Publish a TypeDef event on one cohort's types topic (replies such as conflict reports)."""
        self.member_of(cohort).publish_typedef_event(event)

    # --- the metadata-highway view (graphrepo.api's CohortView) ---------------------------------------------

    def cohort_descriptions(self) -> list[CohortDescription]:
        with self._lock:
            return [
                CohortDescription(cohort_name=name, connection_status=_STATUS[m.state])
                for name, m in self.members.items()
            ]

    def local_registration(self) -> MemberRegistration | None:
        """How this server registers, without a registration time."""
        local = self.member
        return MemberRegistration(
            metadata_collection_id=local.metadata_collection_id,
            metadata_collection_name=local.metadata_collection_name,
            server_name=local.server_name,
            server_type=local.server_type,
            organization_name=local.organization_name,
            repository_connection=local.remote_connection(),
        )

    def local_registration_for(self, cohort_name: str) -> MemberRegistration | None:
        cohort_member = self.members.get(cohort_name)
        if cohort_member is None:
            return None
        return cohort_member.local_registration() or self.local_registration()

    def remote_members(self, cohort_name: str) -> list[MemberRegistration]:
        cohort_member = self.members.get(cohort_name)
        return cohort_member.remote_members() if cohort_member is not None else []

    def connect(self, cohort_name: str) -> bool:
        """(Re-)join a configured cohort; False for a cohort that is not configured."""
        with self._lock:
            cohort_member = self.members.get(cohort_name)
            if cohort_member is None:
                return False
            if cohort_member.state in (LifecycleState.RUNNING, LifecycleState.STARTING):
                return True
            if cohort_member.state is not LifecycleState.CREATED:
                cohort_member = self.members[cohort_name] = self._new_member(cohort_name)
            cohort_member.start()
        log.info("cohort %s: connected", cohort_name)
        return True

    def disconnect(self, cohort_name: str, *, unregister: bool) -> bool:
        """Stop exchanging events with a cohort; with ``unregister``, leave it for good first."""
        with self._lock:
            cohort_member = self.members.get(cohort_name)
            if cohort_member is None:
                return False
            if unregister:
                cohort_member.registration.unregister()
            cohort_member.stop()
        log.info("cohort %s: %s", cohort_name, "unregistered" if unregister else "disconnected")
        return True
