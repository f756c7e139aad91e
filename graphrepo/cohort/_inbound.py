"""Instance events from the cohort become reference copies (omrs-reference §8; Egeria's
``LocalOMRSInstanceEventProcessor``). :class:`InstanceEventProcessor` is the ``instance_sink`` of
:class:`~graphrepo.cohort.CohortManager`.

Filters, in order (§8.1): events from ourselves never get here (the dispatcher drops them); the save
exchange rule and "type known and active locally" (:class:`~graphrepo.cohort.ExchangeFilter`); the
reference instance header (present, known type of the right category, a home); ``headerVersion`` above 1
is skipped. Then per event type (§8.2):

* NEW / UPDATED / UNDONE / RESTORED / REFRESHED / RETYPED / RE_IDENTIFIED / RE_HOMED (home change
  allowed) / DELETED (the DELETED version is stored): ``store_*_reference_copy``; the repository applies
  the version rules, so a stale, duplicate or replayed event changes nothing. RE_IDENTIFIED also purges
  the copy held under the original GUID;
* PURGED (and DELETE_PURGED): with an instance, purge our copy of it (when it is a copy from that home);
  GUID only: purge only if the stored copy's home is the originator; an unknown instance is ignored;
* CLASSIFIED / RECLASSIFIED / DECLASSIFIED: classification reference copies (the repository compares
  classification versions); when the event carries the whole entity, that version of the entity is stored
  first through the version rules, and a stale one stops the event (a replay never undoes a later change);
* BATCH_INSTANCES: ``saveInstanceReferenceCopies`` of the instances the rule accepts;
* REFRESH_*_REQUEST addressed to us for an instance homed here: a ``REFRESHED_*`` event written to the
  outbox (the relay publishes it);
* a GUID or type clash found while storing: an ``INSTANCE_ERROR_EVENT`` written to the outbox;
  INSTANCE_ERROR_EVENTs received: :class:`~graphrepo.cohort._conflicts.ConflictHandler`.

Batches (:meth:`InstanceEventProcessor.handle_batch`, the consumer's batch sink): consecutive events that
store one entity or relationship copy (NEW, UPDATED, UNDONE, RESTORED, REFRESHED, RETYPED, RE_HOMED,
DELETED) and that pass the checks above are stored in one transaction
(``MetadataCollection.store_reference_copies``: the same version rules, applied in order, an outcome per
event, so a conflict or an invalid copy affects its event only). Any other event goes alone through the
single path, in its place in the order. If the batch's transaction fails, its events are applied one by one,
so one event the store refuses does not hold back the others; a fault that may pass stops the batch before
the event, which the consumer then delivers again.

Faults: a store fault that may pass (the driver says it is retryable: Neo4j unavailable, a deadlock)
raises :class:`RetryableEventError`, so the consumer reads the event again and its offset is not
committed; any other error is logged and counted, and the event skipped (Egeria audit-logs it, §8.1.5).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from graphrepo.cohort._bus import RetryableEventError
from graphrepo.cohort._conflicts import ConflictHandler, instance_error_event
from graphrepo.cohort._exchange import ExchangeFilter, TypeLookup
from graphrepo.cohort._registration import LocalMember
from graphrepo.omrs import (
    EntityConflictException,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    InstanceGraph,
    InstanceHeader,
    OMRSCheckedException,
    OMRSEventErrorCode,
    OMRSEventV1,
    OMRSEventV1InstanceSection,
    OMRSInstanceEventType,
    Relationship,
    RelationshipConflictException,
    RelationshipNotKnownException,
    TypeDefCategory,
    entity_event,
    relationship_event,
)
from graphrepo.repository import CopyOutcome, MetadataCollection, ReferenceCopy, SaveOutcome
from graphrepo.store import InstanceStore

__all__ = ["InboundStats", "InstanceEventProcessor", "is_transient"]

log = logging.getLogger("graphrepo.cohort.inbound")

Ev = OMRSInstanceEventType

# Events whose instance is stored through the version rules, and the repository method named in errors.
_ENTITY_SAVES = {
    Ev.NEW_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.UPDATED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.UNDONE_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.RESTORED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.REFRESHED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.RETYPED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.RE_IDENTIFIED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.RE_HOMED_ENTITY_EVENT: "saveEntityReferenceCopy",
    Ev.DELETED_ENTITY_EVENT: "deleteEntityReferenceCopy",
}
_RELATIONSHIP_SAVES = {
    Ev.NEW_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.UPDATED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.UNDONE_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.RESTORED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.REFRESHED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.RETYPED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.RE_IDENTIFIED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.RE_HOMED_RELATIONSHIP_EVENT: "saveRelationshipReferenceCopy",
    Ev.DELETED_RELATIONSHIP_EVENT: "deleteRelationshipReferenceCopy",
}
_RE_HOMED = frozenset({Ev.RE_HOMED_ENTITY_EVENT, Ev.RE_HOMED_RELATIONSHIP_EVENT})
_RE_IDENTIFIED = frozenset({Ev.RE_IDENTIFIED_ENTITY_EVENT, Ev.RE_IDENTIFIED_RELATIONSHIP_EVENT})
# Saves that go into a batch: one copy each (RE_IDENTIFIED also purges the original GUID: alone).
_BATCHED_SAVES = {
    event_type: method
    for event_type, method in (*_ENTITY_SAVES.items(), *_RELATIONSHIP_SAVES.items())
    if event_type not in _RE_IDENTIFIED
}
_CLASSIFICATIONS = frozenset(
    {Ev.CLASSIFIED_ENTITY_EVENT, Ev.RECLASSIFIED_ENTITY_EVENT, Ev.DECLASSIFIED_ENTITY_EVENT}
)


class InvalidInstanceEvent(ValueError):
    """The event lacks what its type requires, or its instance fails the header checks."""


@dataclass
class InboundStats:
    """What the processor did with the instance events it was given (for health and tests)."""

    stored: int = 0
    stale: int = 0  # same instance, not newer: ignored (duplicates, replays, out-of-order delivery)
    purged: int = 0
    filtered: int = 0  # the exchange rule or the type excluded it, or headerVersion > 1
    invalid: int = 0
    conflicts: int = 0  # clashes found here (an error event was sent)
    refreshes: int = 0  # refresh requests answered
    failed: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str, count: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + count)


def is_transient(error: BaseException) -> bool:
    """True if ``error`` or one of its causes says it may pass (``is_retryable()`` of the Neo4j driver's
    errors, or a ``retryable`` attribute), so the event is worth another try."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        probe = getattr(current, "is_retryable", None)
        if callable(probe):
            try:
                if probe():
                    return True
            except Exception:  # noqa: S110 - a probe that fails answers "no"
                pass
        if getattr(current, "retryable", False) is True:
            return True
        current = current.__cause__ or current.__context__
    return False


@contextmanager
def retry_transient_faults(what: str) -> Iterator[None]:
    try:
        yield
    except RetryableEventError:
        raise
    except Exception as error:
        if is_transient(error):
            raise RetryableEventError(f"{what}: {error}") from error
        raise


class InstanceEventProcessor:
    """The ``instance_sink``: ``(cohort, event)`` in, reference copies and answers out (module docstring)."""

    def __init__(
        self,
        collection: MetadataCollection,
        store: InstanceStore,
        member: LocalMember,
        types: TypeLookup,
        save_rule: ExchangeFilter,
        *,
        user_id: str,
        produce_refresh_events: bool = True,
        after_outbox_write: Callable[[], None] | None = None,
    ) -> None:
        self._collection = collection
        self._store = store
        self._member = member
        self._types = types
        self._rule = save_rule
        self._user = user_id
        self._produce_refresh_events = produce_refresh_events
        self._after_outbox_write = after_outbox_write
        self._conflicts = ConflictHandler(collection, store, member, types, user_id=user_id)
        self.stats = InboundStats()

    @property
    def local_id(self) -> str:
        return self._member.metadata_collection_id

    def __call__(self, cohort: str, event: OMRSEventV1) -> None:
        section = event.instance_event_section
        event_type = section.event_type if section is not None else None
        sender = event.originator.server_name if event.originator else None
        if section is None or event_type is None:
            log.warning("cohort %s: instance event from %s without an event type skipped", cohort, sender)
            self.stats.add("invalid")
            return
        try:
            with retry_transient_faults(f"{event_type.name} from {sender}"):
                self._process(event, section, event_type)
        except RetryableEventError:
            raise
        except InvalidInstanceEvent as error:
            log.warning("cohort %s: invalid %s from %s skipped: %s", cohort, event_type.name, sender, error)
            self.stats.add("invalid")
        except OMRSCheckedException as error:
            # UNEXPECTED_EXCEPTION_FROM_EVENT: logged, never answered or raised.
            log.warning("cohort %s: %s from %s not applied: %s", cohort, event_type.name, sender, error)
            self.stats.add("failed")

    def handle_batch(self, cohort: str, events: Sequence[OMRSEventV1]) -> int:
        """The batch sink: ``events`` in order, runs of single-copy saves in one transaction each (module
        docstring); how many are finished from the front. Stops before an event to deliver again."""
        done = 0
        while done < len(events):
            copies: list[ReferenceCopy] = []
            while done + len(copies) < len(events):
                copy = self._batched_copy(events[done + len(copies)])
                if copy is None:
                    break
                copies.append(copy)
            run = events[done : done + len(copies)]
            if len(copies) > 1 and self._store_batch(cohort, run, copies):
                done += len(run)
                continue
            # One by one: an event that does not go in a batch, or a batch whose transaction failed.
            for event in run or events[done : done + 1]:
                try:
                    self(cohort, event)
                except Exception:  # a retry, or an unexpected error: the consumer's rules decide
                    return done
                done += 1
        return done

    def _batched_copy(self, event: OMRSEventV1) -> ReferenceCopy | None:
        """The copy a single-copy save event stores, if it passes the checks; else None (it goes alone,
        and the single path counts and logs why it is not stored)."""
        section = event.instance_event_section
        event_type = section.event_type if section is not None else None
        method = _BATCHED_SAVES.get(event_type) if event_type is not None else None
        if section is None or method is None:
            return None
        instance: EntityDetail | Relationship | None
        if event_type in _ENTITY_SAVES:
            instance, category, what = section.entity, TypeDefCategory.ENTITY_DEF, "entity"
        else:
            instance, category, what = section.relationship, TypeDefCategory.RELATIONSHIP_DEF, "relationship"
        try:
            if instance is None or not self._admissible(instance, category, what):
                return None
        except InvalidInstanceEvent:
            return None
        return ReferenceCopy(instance, home_change_allowed=event_type in _RE_HOMED, method=method)

    def _store_batch(self, cohort: str, events: Sequence[OMRSEventV1], copies: list[ReferenceCopy]) -> bool:
        """Store the copies in one transaction and count each outcome; False if the transaction failed
        (nothing stored)."""
        try:
            outcomes = self._collection.store_reference_copies(self._user, copies)
        except Exception as error:
            log.info(
                "cohort %s: batch of %d events failed (%s); applied one by one", cohort, len(copies), error
            )
            return False
        for event, copy, outcome in zip(events, copies, outcomes, strict=True):
            self._batch_outcome(cohort, event, copy, outcome)
        return True

    def _batch_outcome(
        self, cohort: str, event: OMRSEventV1, copy: ReferenceCopy, outcome: CopyOutcome
    ) -> None:
        if isinstance(outcome, SaveOutcome):
            self._count(outcome)
            return
        section = event.instance_event_section
        name = section.event_type.name if section is not None and section.event_type else "?"
        sender = event.originator.server_name if event.originator else None
        if isinstance(outcome, (EntityConflictException, RelationshipConflictException)):
            relationship = isinstance(outcome, RelationshipConflictException)
            try:
                self._report_conflict(
                    copy.instance, outcome.related_properties or {}, relationship=relationship
                )
            except Exception as error:  # the copy is not stored either way; the report is best effort
                log.warning("cohort %s: conflict on %s not reported: %s", cohort, copy.instance.guid, error)
            return
        # UNEXPECTED_EXCEPTION_FROM_EVENT, as in __call__.
        log.warning("cohort %s: %s from %s not applied: %s", cohort, name, sender, outcome)
        self.stats.add("failed")

    # --- dispatch -------------------------------------------------------------------------------------------

    def _process(self, event: OMRSEventV1, section: OMRSEventV1InstanceSection, event_type: Ev) -> None:
        if event_type in _ENTITY_SAVES:
            self._save_entity(section, event_type)
        elif event_type in _RELATIONSHIP_SAVES:
            self._save_relationship(section, event_type)
        elif event_type in (Ev.PURGED_ENTITY_EVENT, Ev.DELETE_PURGED_ENTITY_EVENT):
            self._purge(event, section, relationship=False)
        elif event_type in (Ev.PURGED_RELATIONSHIP_EVENT, Ev.DELETE_PURGED_RELATIONSHIP_EVENT):
            self._purge(event, section, relationship=True)
        elif event_type in _CLASSIFICATIONS:
            self._classification(section, event_type)
        elif event_type is Ev.BATCH_INSTANCES_EVENT:
            self._batch(section.instance_batch)
        elif event_type in (Ev.REFRESH_ENTITY_REQUEST, Ev.REFRESH_RELATIONSHIP_REQUEST):
            self._refresh_request(section, relationship=event_type is Ev.REFRESH_RELATIONSHIP_REQUEST)
        elif event_type is Ev.INSTANCE_ERROR_EVENT:
            self._conflicts.handle(event)
        else:
            log.info("instance event %s ignored", event_type.name)

    # --- checks ---------------------------------------------------------------------------------------------

    def _admit(self, instance: InstanceHeader | None, category: TypeDefCategory, what: str) -> bool:
        """§8.1: False (counted as filtered) if the rule or the header version excludes it; raises
        InvalidInstanceEvent if the header is not a valid reference instance."""
        if not self._admissible(instance, category, what):
            self.stats.add("filtered")
            return False
        return True

    def _admissible(self, instance: InstanceHeader | None, category: TypeDefCategory, what: str) -> bool:
        """``_admit`` without counting."""
        if instance is None:
            raise InvalidInstanceEvent(f"no {what}")
        instance_type = instance.type
        type_guid = instance_type.type_def_guid if instance_type else None
        type_name = instance_type.type_def_name if instance_type else None
        if not self._rule.accepts(type_guid, type_name):
            return False
        type_def = self._types.type_def_by_guid(str(type_guid))
        if type_def is None or type_def.category is not category:
            raise InvalidInstanceEvent(f"{what} {instance.guid} has type {type_name}, not a {category.name}")
        if not instance.guid:
            raise InvalidInstanceEvent(f"{what} without a GUID")
        if not instance.metadata_collection_id:
            raise InvalidInstanceEvent(f"{what} {instance.guid} without a home metadata collection id")
        if instance.metadata_collection_id == self.local_id:
            log.info(
                "reference copy of %s %s names this member as its home (LOCAL_REFERENCE_INSTANCE)",
                what,
                instance.guid,
            )
        return instance.header_version <= 1

    # --- stores ---------------------------------------------------------------------------------------------

    def _save_entity(self, section: OMRSEventV1InstanceSection, event_type: Ev) -> None:
        entity = section.entity
        if not self._admit(entity, TypeDefCategory.ENTITY_DEF, "entity"):
            return
        assert entity is not None
        try:
            outcome = self._collection.store_entity_reference_copy(
                self._user,
                entity,
                home_change_allowed=event_type in _RE_HOMED,
                method=_ENTITY_SAVES[event_type],
            )
        except EntityConflictException as error:
            self._report_conflict(entity, error.related_properties or {}, relationship=False)
            return
        self._count(outcome)
        if event_type in _RE_IDENTIFIED and section.original_instance_guid:
            self._purge_if_copy(section.original_instance_guid, str(entity.metadata_collection_id), False)

    def _save_relationship(self, section: OMRSEventV1InstanceSection, event_type: Ev) -> None:
        relationship = section.relationship
        if not self._admit(relationship, TypeDefCategory.RELATIONSHIP_DEF, "relationship"):
            return
        assert relationship is not None
        try:
            outcome = self._collection.store_relationship_reference_copy(
                self._user,
                relationship,
                home_change_allowed=event_type in _RE_HOMED,
                method=_RELATIONSHIP_SAVES[event_type],
            )
        except RelationshipConflictException as error:
            self._report_conflict(relationship, error.related_properties or {}, relationship=True)
            return
        self._count(outcome)
        if event_type in _RE_IDENTIFIED and section.original_instance_guid:
            self._purge_if_copy(
                section.original_instance_guid, str(relationship.metadata_collection_id), True
            )

    def _count(self, outcome: SaveOutcome) -> None:
        self.stats.add(
            {SaveOutcome.STORED: "stored", SaveOutcome.STALE: "stale", SaveOutcome.IGNORED: "filtered"}[
                outcome
            ]
        )

    def _report_conflict(
        self, incoming: InstanceHeader, properties: dict[str, object], *, relationship: bool
    ) -> None:
        code = (
            OMRSEventErrorCode.CONFLICTING_TYPE
            if properties.get("conflict") == "CONFLICTING_TYPE"
            else OMRSEventErrorCode.CONFLICTING_INSTANCES
        )
        guid = str(incoming.guid)
        stored: InstanceHeader | None = (
            self._store.read(lambda tx: tx.get_relationship(guid))
            if relationship
            else self._store.read(lambda tx: tx.get_entity(guid))
        )
        if stored is None:
            return
        log.warning(
            "%s on %s from %s: reported to the cohort", code.name, guid, incoming.metadata_collection_id
        )
        self._write_outbox(instance_error_event(self._member, code, incoming, stored, self._types))
        self.stats.add("conflicts")

    # --- purges ---------------------------------------------------------------------------------------------

    def _purge(self, event: OMRSEventV1, section: OMRSEventV1InstanceSection, *, relationship: bool) -> None:
        instance: InstanceHeader | None = section.relationship if relationship else section.entity
        if instance is not None:
            category = TypeDefCategory.RELATIONSHIP_DEF if relationship else TypeDefCategory.ENTITY_DEF
            if self._admit(instance, category, "relationship" if relationship else "entity"):
                self._purge_if_copy(str(instance.guid), str(instance.metadata_collection_id), relationship)
            return
        # The GUID-only form: purge only a copy whose home sent the event.
        originator = event.originator.metadata_collection_id if event.originator else None
        if not section.instance_guid or not originator:
            raise InvalidInstanceEvent("a purge event names no instance GUID or no originator")
        self._purge_if_copy(section.instance_guid, originator, relationship)

    def _purge_if_copy(self, guid: str, home: str, relationship: bool) -> None:
        """Purge our reference copy of ``guid`` if it is a copy homed at ``home``; else nothing."""
        stored: InstanceHeader | None = (
            self._store.read(lambda tx: tx.get_relationship(guid))
            if relationship
            else self._store.read(lambda tx: tx.get_entity(guid))
        )
        if stored is None or stored.metadata_collection_id != home or home == self.local_id:
            return
        type_guid = str(stored.type.type_def_guid if stored.type else "")
        type_name = str(stored.type.type_def_name if stored.type else "")
        try:
            if relationship:
                self._collection.purge_relationship_reference_copy_by_guid(
                    self._user, guid, type_guid, type_name, home
                )
            else:
                self._collection.purge_entity_reference_copy_by_guid(
                    self._user, guid, type_guid, type_name, home
                )
        except (EntityNotKnownException, RelationshipNotKnownException):
            return
        self.stats.add("purged")

    # --- classifications, batches -------------------------------------------------------------------------

    def _classification(self, section: OMRSEventV1InstanceSection, event_type: Ev) -> None:
        target: EntityDetail | EntityProxy | None = section.entity_proxy or section.entity
        if not self._admit(target, TypeDefCategory.ENTITY_DEF, "entity"):
            return
        assert target is not None
        purge = event_type is Ev.DECLASSIFIED_ENTITY_EVENT
        classification = section.original_classification if purge else section.classification
        if classification is None:
            raise InvalidInstanceEvent(f"{event_type.name} without its classification")
        if classification.header_version > 1:
            self.stats.add("filtered")
            return
        if isinstance(target, EntityDetail) and target.metadata_collection_id != self.local_id:
            # The event carries the home's new version of the entity: keep the copy's header current too
            # (Egeria saves only the classification). A stale entity means the copy is already newer than
            # this event, so the classification change is not replayed over it either.
            try:
                outcome = self._collection.store_entity_reference_copy(self._user, target)
            except EntityConflictException as error:
                self._report_conflict(target, error.related_properties or {}, relationship=False)
                return
            if outcome is not SaveOutcome.STORED:
                self._count(outcome)
                return
        collection, user = self._collection, self._user
        if isinstance(target, EntityProxy):
            if purge:
                collection.purge_classification_reference_copy_proxy(user, target, classification)
            else:
                collection.save_classification_reference_copy_proxy(user, target, classification)
        elif purge:
            collection.purge_classification_reference_copy(user, target, classification)
        else:
            collection.save_classification_reference_copy(user, target, classification)
        self.stats.add("stored")

    def _batch(self, batch: InstanceGraph | None) -> None:
        if batch is None:
            raise InvalidInstanceEvent("BATCH_INSTANCES_EVENT without an instance batch")
        entities = [e for e in batch.entities if self._admit(e, TypeDefCategory.ENTITY_DEF, "entity")]
        relationships = [
            r for r in batch.relationships if self._admit(r, TypeDefCategory.RELATIONSHIP_DEF, "relationship")
        ]
        if not entities and not relationships:
            return
        accepted = batch.model_copy(update={"entities": entities, "relationships": relationships})
        self._collection.save_instance_reference_copies(self._user, accepted)
        self.stats.add("stored", len(entities) + len(relationships))

    # --- refresh requests -----------------------------------------------------------------------------------

    def _refresh_request(self, section: OMRSEventV1InstanceSection, *, relationship: bool) -> None:
        if not self._produce_refresh_events or section.home_metadata_collection_id != self.local_id:
            return  # addressed to another member (or we do not answer)
        guid = section.instance_guid
        if not guid:
            raise InvalidInstanceEvent("a refresh request names no instance GUID")
        originator = self._member.originator()
        answer: OMRSEventV1 | None = None
        if relationship:
            found = self._collection.is_relationship_known(self._user, guid)
            if found is not None and found.metadata_collection_id == self.local_id:
                answer = relationship_event(Ev.REFRESHED_RELATIONSHIP_EVENT, originator, found)
        else:
            entity = self._collection.is_entity_known(self._user, guid)
            if entity is not None and entity.metadata_collection_id == self.local_id:
                answer = entity_event(Ev.REFRESHED_ENTITY_EVENT, originator, entity)
        if answer is None:
            log.info("refresh request for %s: not an instance homed here; not answered", guid)
            return
        self._write_outbox(answer)
        self.stats.add("refreshes")

    def _write_outbox(self, event: OMRSEventV1) -> None:
        self._store.write(lambda tx: tx.add_to_outbox([event]))
        if self._after_outbox_write is not None:
            self._after_outbox_write()
