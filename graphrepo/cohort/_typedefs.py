"""TypeDef events: verifying the cohort's types against ours, and announcing our run-time type changes.

Inbound (:class:`TypeDefEventProcessor`, the ``typedef_sink``; omrs-reference §7.4, Egeria's
``OMRSRepositoryContentManager.processNew*TypeDefEvent``), when the save rule is not ``REGISTRATION_ONLY``:

* ``NEW_TYPEDEF_EVENT`` / ``NEW_ATTRIBUTE_TYPEDEF_EVENT``: ``verify*TypeDef``; true: already known; false:
  the type is new here and is added (Egeria's local repository adds every verifiable new type it hears of
  when TypeDef events are exchanged: ``if (!verifyTypeDef(...)) addTypeDef(...)``); a conflict (same name,
  other GUID or version) is answered with ``TYPEDEF_ERROR_EVENT`` / ``CONFLICTING_TYPEDEFS`` (or
  ``CONFLICTING_ATTRIBUTE_TYPEDEFS``) on the cohort's types topic; an invalid TypeDef is logged only, as
  Egeria does. A type added this way is not announced again (no echo);
* ``UPDATED_TYPEDEF_EVENT``: the patch is applied when our copy of the type is at its ``applyToVersion``;
  already at (or past) ``updateToVersion``: nothing to do (replays); otherwise logged;
* deletes, re-identifies and ``TYPEDEF_ERROR_EVENT``: logged only (a peer does not delete our types).

Outbound (:class:`TypeDefAnnouncer`, a :class:`~graphrepo.metamodel.TypeDefService` listener): each
run-time change (add, patch, delete, re-identify) becomes the matching TypeDef event, sent to every cohort's
types topic from a queue on a thread of its own (so a slow broker never holds up the API call), retried
until delivered or the server stops. TypeDef events are not kept across restarts (Egeria neither): a peer
that misses one learns the type when it meets an instance of it or verifies it.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from graphrepo.cohort._bus import EventBusError
from graphrepo.cohort._exchange import ExchangeFilter
from graphrepo.cohort._registration import LocalMember
from graphrepo.metamodel import TypeChange, TypeChangeKind, TypeDefService
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    OMRSCheckedException,
    OMRSEventErrorCode,
    OMRSEventV1,
    OMRSEventV1ErrorSection,
    OMRSEventV1TypeDefSection,
    OMRSTypeDefEventType,
    TypeDefCategory,
    TypeDefConflictException,
    TypeDefPatch,
    TypeDefSummary,
    typedef_event,
)
from graphrepo.store import TypeKind

__all__ = ["TypeDefAnnouncer", "TypeDefEventProcessor", "TypeDefStats"]

log = logging.getLogger("graphrepo.cohort.types")

TdEv = OMRSTypeDefEventType
SendToCohort = Callable[[str, OMRSEventV1], None]
"""Publishes an event on one cohort's types topic: ``(cohort, event)``."""

# Set while a type from the cohort is being added, so the announcer does not echo it back.
_from_cohort = threading.local()


class TypeDefStats:
    def __init__(self) -> None:
        self.known = 0
        self.added = 0
        self.conflicts = 0
        self.invalid = 0
        self.patched = 0
        self.ignored = 0


def _summary(type_def: AnyTypeDef | AnyAttributeTypeDef | None) -> TypeDefSummary | None:
    if type_def is None:
        return None
    category = type_def.category if isinstance(type_def.category, TypeDefCategory) else None
    return TypeDefSummary(
        guid=type_def.guid,
        name=type_def.name,
        status=getattr(type_def, "status", None),
        version=type_def.version,
        version_name=type_def.version_name,
        category=category or TypeDefCategory.UNKNOWN_DEF,
    )


class TypeDefEventProcessor:
    """The ``typedef_sink`` (see the module docstring)."""

    def __init__(
        self,
        typedefs: TypeDefService,
        member: LocalMember,
        send: SendToCohort,
        save_rule: ExchangeFilter,
        *,
        user_id: str,
    ) -> None:
        self._typedefs = typedefs
        self._member = member
        self._send = send
        self._rule = save_rule
        self._user = user_id
        self.stats = TypeDefStats()

    def __call__(self, cohort: str, event: OMRSEventV1) -> None:
        section = event.type_def_event_section
        sender = event.originator.server_name if event.originator else None
        if section is None or section.type_def_event_type is None:
            log.warning("cohort %s: TypeDef event from %s without an event type skipped", cohort, sender)
            self.stats.invalid += 1
            return
        if not self._rule.typedef_events():
            self.stats.ignored += 1
            return
        event_type = section.type_def_event_type
        try:
            if event_type is TdEv.NEW_TYPEDEF_EVENT and section.type_def is not None:
                self._new(cohort, event, section.type_def, attribute=False)
            elif event_type is TdEv.NEW_ATTRIBUTE_TYPEDEF_EVENT and section.attribute_type_def is not None:
                self._new(cohort, event, section.attribute_type_def, attribute=True)
            elif event_type is TdEv.UPDATED_TYPEDEF_EVENT and section.type_def_patch is not None:
                self._patch(section.type_def_patch, sender)
            elif event_type is TdEv.TYPEDEF_ERROR_EVENT:
                error = event.error_section
                log.warning(
                    "cohort %s: TypeDef error from %s: %s %s (target %s)",
                    cohort,
                    sender,
                    error.error_code.name if error and error.error_code else "?",
                    error.error_message if error else "",
                    error.target_metadata_collection_id if error else None,
                )
                self.stats.ignored += 1
            else:
                log.info(
                    "cohort %s: %s from %s for %s logged only",
                    cohort,
                    event_type.name,
                    sender,
                    section.type_def_name,
                )
                self.stats.ignored += 1
        except OMRSCheckedException as error:
            log.warning("cohort %s: %s from %s not applied: %s", cohort, event_type.name, sender, error)
            self.stats.invalid += 1

    def _new(
        self, cohort: str, event: OMRSEventV1, type_def: AnyTypeDef | AnyAttributeTypeDef, *, attribute: bool
    ) -> None:
        try:
            if attribute:
                known = self._typedefs.verify_attribute_type_def(self._user, type_def)  # type: ignore[arg-type]
            else:
                known = self._typedefs.verify_type_def(self._user, type_def)  # type: ignore[arg-type]
        except TypeDefConflictException as error:
            self._report_conflict(cohort, event, type_def, attribute=attribute, message=str(error))
            return
        if known:
            self.stats.known += 1
            return
        _from_cohort.active = True
        try:
            if attribute:
                self._typedefs.add_attribute_type_def(self._user, type_def)  # type: ignore[arg-type]
            else:
                self._typedefs.add_type_def(self._user, type_def)  # type: ignore[arg-type]
        finally:
            _from_cohort.active = False
        self.stats.added += 1
        log.info("cohort %s: new type %s (%s) added", cohort, type_def.name, type_def.guid)

    def _report_conflict(
        self,
        cohort: str,
        event: OMRSEventV1,
        type_def: AnyTypeDef | AnyAttributeTypeDef,
        *,
        attribute: bool,
        message: str,
    ) -> None:
        self.stats.conflicts += 1
        name = str(type_def.name)
        gallery = self._typedefs.gallery
        ours = gallery.attribute_type_def_by_name(name) if attribute else gallery.type_def_by_name(name)
        sender = event.originator.metadata_collection_id if event.originator else None
        error = OMRSEventV1ErrorSection(
            error_code=(
                OMRSEventErrorCode.CONFLICTING_ATTRIBUTE_TYPEDEFS
                if attribute
                else OMRSEventErrorCode.CONFLICTING_TYPEDEFS
            ),
            error_message=message,
            target_metadata_collection_id=sender,
            target_type_def_summary=None if attribute else _summary(type_def),
            target_attribute_type_def=type_def if attribute else None,
            other_metadata_collection_id=self._member.metadata_collection_id,
            other_type_def=None if attribute else ours,
            other_attribute_type_def=ours if attribute else None,
        )
        section = OMRSEventV1TypeDefSection(type_def_event_type=TdEv.TYPEDEF_ERROR_EVENT)
        reply = typedef_event(self._member.originator(), section).model_copy(update={"error_section": error})
        log.warning("cohort %s: type %s conflicts with ours; reported: %s", cohort, name, message)
        try:
            self._send(cohort, reply)
        except EventBusError as failure:
            log.warning("cohort %s: the TypeDef conflict report was not delivered: %s", cohort, failure)

    def _patch(self, patch: TypeDefPatch, sender: str | None) -> None:
        current = (
            self._typedefs.gallery.type_def_by_guid(patch.type_def_guid) if patch.type_def_guid else None
        )
        if current is None:
            log.info("patch of unknown type %s from %s ignored", patch.type_def_name, sender)
            self.stats.ignored += 1
            return
        if current.version >= patch.update_to_version:
            self.stats.known += 1  # applied already (a replay, or the same archive loaded here)
            return
        if current.version != patch.apply_to_version:
            log.warning(
                "patch of %s from %s applies to version %s; ours is %s: ignored",
                patch.type_def_name,
                sender,
                patch.apply_to_version,
                current.version,
            )
            self.stats.ignored += 1
            return
        _from_cohort.active = True
        try:
            self._typedefs.update_type_def(self._user, patch)
        finally:
            _from_cohort.active = False
        self.stats.patched += 1


class TypeDefAnnouncer:
    """Turns :class:`TypeChange` notifications into TypeDef events and publishes them in order."""

    def __init__(
        self,
        member: LocalMember,
        publish: Callable[[OMRSEventV1], None],
        send_rule: ExchangeFilter,
        *,
        backoff_initial: float = 0.2,
        backoff_max: float = 10.0,
    ) -> None:
        self._member = member
        self._publish = publish
        self._rule = send_rule
        self._queue: queue.Queue[OMRSEventV1 | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._backoff = (backoff_initial, backoff_max)
        self.sent = 0

    def __call__(self, change: TypeChange) -> None:
        """The TypeDefService listener."""
        if getattr(_from_cohort, "active", False) or not self._rule.typedef_events():
            return
        event = self.event_for(change)
        if event is not None:
            self._queue.put(event)

    def event_for(self, change: TypeChange) -> OMRSEventV1 | None:
        attribute = change.family is TypeKind.ATTRIBUTE_TYPE_DEF
        current, original = change.current, change.original
        if change.kind is TypeChangeKind.ADDED:
            section = (
                OMRSEventV1TypeDefSection(
                    type_def_event_type=TdEv.NEW_ATTRIBUTE_TYPEDEF_EVENT, attribute_type_def=current
                )
                if attribute
                else OMRSEventV1TypeDefSection(type_def_event_type=TdEv.NEW_TYPEDEF_EVENT, type_def=current)
            )
        elif change.kind is TypeChangeKind.UPDATED and change.patch is not None:
            section = OMRSEventV1TypeDefSection(
                type_def_event_type=TdEv.UPDATED_TYPEDEF_EVENT,
                type_def_guid=change.patch.type_def_guid,
                type_def_name=change.patch.type_def_name,
                type_def_patch=change.patch,
            )
        elif change.kind is TypeChangeKind.DELETED and original is not None:
            section = OMRSEventV1TypeDefSection(
                type_def_event_type=TdEv.DELETED_ATTRIBUTE_TYPEDEF_EVENT
                if attribute
                else TdEv.DELETED_TYPEDEF_EVENT,
                type_def_guid=original.guid,
                type_def_name=original.name,
            )
        elif change.kind is TypeChangeKind.RE_IDENTIFIED and current is not None:
            section = (
                OMRSEventV1TypeDefSection(
                    type_def_event_type=TdEv.RE_IDENTIFIED_ATTRIBUTE_TYPEDEF_EVENT,
                    attribute_type_def=current,
                    original_attribute_type_def=original,
                )
                if attribute
                else OMRSEventV1TypeDefSection(
                    type_def_event_type=TdEv.RE_IDENTIFIED_TYPEDEF_EVENT,
                    type_def=current,
                    original_type_def_summary=_summary(original),
                )
            )
        else:
            return None
        return typedef_event(self._member.originator(), section)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="typedef-announcer", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._queue.put(None)
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued event is out (for tests and shutdown)."""
        done = threading.Event()

        def waiter() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=waiter, daemon=True).start()
        return done.wait(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            event = self._queue.get()
            try:
                if event is None:
                    continue
                delay, limit = self._backoff
                while not self._stop.is_set():
                    try:
                        self._publish(event)
                        self.sent += 1
                        break
                    except EventBusError as error:
                        log.warning("TypeDef event not delivered, retrying: %s", error)
                        self._stop.wait(delay)
                        delay = min(delay * 2, limit)
            finally:
                self._queue.task_done()
