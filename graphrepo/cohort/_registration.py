"""The registration handshake of one cohort (omrs-reference §7.3; Egeria's ``OMRSCohortRegistry``).

* ``connect()``: on the first start in a cohort send ``REGISTRATION_EVENT`` and, once it is delivered,
  persist the registration time; on later starts send ``RE_REGISTRATION_EVENT`` with the original time.
  Then send ``REFRESH_REGISTRATION_REQUEST`` so the members already there introduce themselves.
* Receiving ``REGISTRATION_EVENT``/``RE_REGISTRATION_EVENT``: store (or overwrite) the peer; no reply.
* Receiving ``REFRESH_REGISTRATION_REQUEST``: answer with ``RE_REGISTRATION_EVENT`` if registered. The
  request carries no metadata collection id, so our own request is answered too (harmless: our answer
  is then dropped by the self-filter).
* Receiving ``UN_REGISTRATION_EVENT``: forget the peer. ``unregister()`` sends it for us and forgets the
  whole registry, so a later ``connect()`` registers afresh.
* ``REGISTRATION_ERROR_EVENT`` is only logged, as in Egeria.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from graphrepo.cohort._registry import CohortRegistryStore, MemberRegistration
from graphrepo.omrs import (
    Connection,
    OMRSEventCategory,
    OMRSEventOriginator,
    OMRSEventV1,
    OMRSRegistryEventType,
    registry_event,
    remote_repository_connection,
)

__all__ = [
    "CohortRegistration",
    "LocalMember",
    "MemberChange",
    "RegistrationError",
    "server_rest_root",
]

log = logging.getLogger("graphrepo.cohort.registration")

SendEvent = Callable[[OMRSEventV1], None]


class RegistrationError(RuntimeError):
    """The local registration cannot go ahead (for example the stored collection id differs)."""


def server_rest_root(url_root: str, server_name: str) -> str:
    """``<platformRootURL>/servers/<serverName>``: what peers' OMRS REST connector is pointed at
    (``ConnectorConfigurationFactory.getDefaultLocalRepositoryRemoteConnection``)."""
    return f"{url_root.rstrip('/')}/servers/{server_name}"


@dataclass(frozen=True, slots=True)
class LocalMember:
    """Who we are in every cohort."""

    metadata_collection_id: str
    metadata_collection_name: str
    server_name: str
    # <url_root>/servers/<serverName>; see server_rest_root().
    rest_root: str
    server_type: str = "graphrepo Open Metadata Repository"
    organization_name: str | None = None

    def originator(self) -> OMRSEventOriginator:
        return OMRSEventOriginator(
            metadata_collection_id=self.metadata_collection_id,
            server_name=self.server_name,
            server_type=self.server_type,
            organization_name=self.organization_name,
        )

    def remote_connection(self) -> Connection:
        # Egeria names it so; peers show the display name in their registries.
        return remote_repository_connection(self.rest_root, display_name="Local Repository Remote Connection")


class MemberChange(StrEnum):
    REGISTERED = "REGISTERED"
    UNREGISTERED = "UNREGISTERED"


MemberListener = Callable[[MemberChange, MemberRegistration], None]


class CohortRegistration:
    """Runs the handshake for one cohort; ``handle`` takes every REGISTRY event from the cohort."""

    def __init__(
        self,
        member: LocalMember,
        registry: CohortRegistryStore,
        send: SendEvent,
        *,
        listener: MemberListener | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.member = member
        self.registry = registry
        self._send = send
        self._listener = listener
        self._clock = clock or (lambda: datetime.now(UTC))
        # connect/unregister and the consumer thread's handle() must not interleave their writes.
        self._lock = threading.RLock()

    @property
    def cohort(self) -> str:
        return self.registry.cohort

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold back the handling of registry events while the block runs (see ``CohortMember.start``)."""
        with self._lock:
            yield

    # --- our own registration --------------------------------------------------------------------------

    def connect(self) -> None:
        """Register (or re-register) with the cohort, then ask the members to introduce themselves."""
        with self._lock:
            stored = self.registry.local_registration()
            if (
                stored is not None
                and stored.metadata_collection_id is not None
                and stored.metadata_collection_id != self.member.metadata_collection_id
            ):
                raise RegistrationError(
                    f"cohort {self.cohort!r}: this server registered as metadata collection "
                    f"{stored.metadata_collection_id}, but its metadata collection id is now "
                    f"{self.member.metadata_collection_id}; unregister it from the cohort first"
                )
            if stored is None or stored.registration_time is None:
                now = self._clock()
                # java.util.Date keeps milliseconds: trim so the stored time equals what peers see.
                registration = self._registration(now.replace(microsecond=now.microsecond // 1000 * 1000))
                self._send(self._registry_event(OMRSRegistryEventType.REGISTRATION_EVENT, registration))
                # Persisted only once the event is out, as Egeria does: a failed send registers afresh.
                self.registry.save_local_registration(registration)
                log.info("cohort %s: registered as %s", self.cohort, self.member.metadata_collection_id)
            else:
                # The connection or names may have changed since; the registration time stays.
                registration = self._registration(stored.registration_time)
                self._send(self._registry_event(OMRSRegistryEventType.RE_REGISTRATION_EVENT, registration))
                if registration != stored:
                    self.registry.save_local_registration(registration)
                log.info("cohort %s: re-registered as %s", self.cohort, self.member.metadata_collection_id)
            self._send(
                registry_event(OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST, self.member.originator())
            )

    def unregister(self) -> None:
        """Leave the cohort for good: tell the members, then forget the registry."""
        with self._lock:
            self._send(registry_event(OMRSRegistryEventType.UN_REGISTRATION_EVENT, self.member.originator()))
            self.registry.clear()
            log.info("cohort %s: unregistered", self.cohort)

    def _registration(self, registration_time: datetime) -> MemberRegistration:
        return MemberRegistration(
            metadata_collection_id=self.member.metadata_collection_id,
            metadata_collection_name=self.member.metadata_collection_name,
            server_name=self.member.server_name,
            server_type=self.member.server_type,
            organization_name=self.member.organization_name,
            registration_time=registration_time,
            repository_connection=self.member.remote_connection(),
        )

    def _registry_event(
        self, event_type: OMRSRegistryEventType, registration: MemberRegistration
    ) -> OMRSEventV1:
        return registry_event(
            event_type,
            self.member.originator(),
            registration_timestamp=registration.registration_time,
            metadata_collection_name=registration.metadata_collection_name,
            remote_connection=registration.repository_connection,
        )

    # --- events from the cohort ------------------------------------------------------------------------

    def handle(self, event: OMRSEventV1) -> None:
        """Process one REGISTRY event (others are ignored)."""
        section = event.registry_event_section
        if event.event_category is not OMRSEventCategory.REGISTRY or section is None:
            return
        event_type = section.registry_event_type
        originator = event.originator or OMRSEventOriginator()
        with self._lock:
            if event_type in (
                OMRSRegistryEventType.REGISTRATION_EVENT,
                OMRSRegistryEventType.RE_REGISTRATION_EVENT,
            ):
                self._save_peer(event, originator)
            elif event_type is OMRSRegistryEventType.REFRESH_REGISTRATION_REQUEST:
                local = self.registry.local_registration()
                if local is not None and local.registration_time is not None:
                    self._send(self._registry_event(OMRSRegistryEventType.RE_REGISTRATION_EVENT, local))
            elif event_type is OMRSRegistryEventType.UN_REGISTRATION_EVENT:
                self._remove_peer(originator)
            elif event_type is OMRSRegistryEventType.REGISTRATION_ERROR_EVENT:
                error = event.error_section
                log.warning(
                    "cohort %s: registration error from %s: %s %s (target %s)",
                    self.cohort,
                    originator.server_name,
                    error.error_code.name if error and error.error_code else "?",
                    error.error_message if error else "",
                    error.target_metadata_collection_id if error else None,
                )
            else:
                log.info("cohort %s: registry event %s ignored", self.cohort, event_type)

    def _save_peer(self, event: OMRSEventV1, originator: OMRSEventOriginator) -> None:
        section = event.registry_event_section
        assert section is not None
        if not originator.metadata_collection_id:
            log.warning(
                "cohort %s: registration from %s without a metadata collection id ignored",
                self.cohort,
                originator.server_name,
            )
            return
        registration = MemberRegistration(
            metadata_collection_id=originator.metadata_collection_id,
            metadata_collection_name=section.metadata_collection_name,
            server_name=originator.server_name,
            server_type=originator.server_type,
            organization_name=originator.organization_name,
            registration_time=section.registration_timestamp,
            repository_connection=section.remote_connection,
        )
        known = self.registry.remote_member(originator.metadata_collection_id)
        self.registry.save_remote_member(registration)
        if known is None:
            log.info(
                "cohort %s: member %s (%s) registered",
                self.cohort,
                originator.server_name,
                originator.metadata_collection_id,
            )
        if self._listener is not None and known != registration:
            self._listener(MemberChange.REGISTERED, registration)

    def _remove_peer(self, originator: OMRSEventOriginator) -> None:
        if not originator.metadata_collection_id:
            return
        removed = self.registry.remove_remote_member(originator.metadata_collection_id)
        if removed is not None:
            log.info("cohort %s: member %s unregistered", self.cohort, originator.server_name)
            if self._listener is not None:
                self._listener(MemberChange.UNREGISTERED, removed)
