"""Many reference copies in one store transaction, each with its own outcome: the cohort's inbound batches
(omrs-reference §8.2; one transaction per batch of instance events instead of one per event).

:meth:`ReferenceCopyBatchOperations.store_reference_copies` does what ``store_entity_reference_copy`` /
``store_relationship_reference_copy`` do for each copy in turn, inside one transaction: each copy is checked
and compared (the version rules) with the state the copies before it left, so a batch ends where applying
its copies one by one ends. A copy that fails its checks or clashes gets its exception as its outcome and
the others go on (nothing is written before every copy is decided). Only a store fault fails the whole
batch: nothing is saved, and the caller applies the copies one by one to isolate it.

Writes are grouped: the proxies of relationship ends not stored, then one batch save per wave of entities
and of relationships, a wave holding each GUID at most once (an instance changed twice in one batch keeps
both versions in its history, as one-by-one application would).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from graphrepo.omrs import (
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    OMRSCheckedException,
    Relationship,
)
from graphrepo.repository._ownership import is_home
from graphrepo.repository._reference_copies import ReferenceCopyOperations, SaveOutcome
from graphrepo.store import StoredEntity, StoreTransaction

__all__ = ["CopyOutcome", "ReferenceCopy", "ReferenceCopyBatchOperations"]

CopyOutcome = SaveOutcome | OMRSCheckedException
"""What became of one copy: stored, stale or ignored, or the exception a one-by-one save would raise."""

_I = TypeVar("_I", EntityDetail, Relationship)


@dataclass(frozen=True, slots=True)
class ReferenceCopy:
    """One copy to store: ``method`` names the operation in errors (``deleteEntityReferenceCopy`` for a
    DELETED event); ``home_change_allowed`` for a RE_HOMED event."""

    instance: EntityDetail | Relationship
    home_change_allowed: bool = False
    method: str = "saveEntityReferenceCopy"


@dataclass
class _Waves(Generic[_I]):
    """Instances to save, in waves holding each GUID at most once, in the order they were decided."""

    waves: list[dict[str, _I]] = field(default_factory=list)
    saves: dict[str, int] = field(default_factory=dict)

    def add(self, guid: str, instance: _I) -> None:
        wave = self.saves.get(guid, 0)
        self.saves[guid] = wave + 1
        while len(self.waves) <= wave:
            self.waves.append({})
        self.waves[wave][guid] = instance


class ReferenceCopyBatchOperations(ReferenceCopyOperations):
    def store_reference_copies(self, user_id: str, copies: Sequence[ReferenceCopy]) -> list[CopyOutcome]:
        """Store the copies in order, in one transaction; one outcome per copy (module docstring)."""
        self.check_user(user_id, "saveInstanceReferenceCopies")
        # The checks against the types need no store: done once, outside the (retryable) transaction.
        checked = [self._checked_or_outcome(copy) for copy in copies]
        return self.store.write(lambda tx: self._apply_copies(tx, copies, checked))

    def _checked_or_outcome(self, copy: ReferenceCopy) -> EntityDetail | Relationship | CopyOutcome:
        instance = copy.instance
        try:
            if isinstance(instance, Relationship):
                found: EntityDetail | Relationship | None = self._checked_copy(
                    self.relationships, instance, copy.method
                )
            else:
                found = self._checked_copy(self.entities, instance, copy.method)
        except OMRSCheckedException as error:
            return error
        return SaveOutcome.IGNORED if found is None else found

    def _apply_copies(
        self,
        tx: StoreTransaction,
        copies: Sequence[ReferenceCopy],
        checked: Sequence[EntityDetail | Relationship | CopyOutcome],
    ) -> list[CopyOutcome]:
        ready = [item for item in checked if isinstance(item, (EntityDetail, Relationship))]
        relationships = [r for r in ready if isinstance(r, Relationship)]
        entity_guids = {str(e.guid) for e in ready if isinstance(e, EntityDetail)}
        for relationship in relationships:
            for end in (relationship.entity_one_proxy, relationship.entity_two_proxy):
                if end is not None and end.guid:
                    entity_guids.add(str(end.guid))
        # One read each for what the batch touches; then ``entities``/``stored_relationships`` follow
        # the batch's own decisions, so each copy is compared with what the copies before it left.
        entities: dict[str, StoredEntity] = tx.get_entities(sorted(entity_guids)) if entity_guids else {}
        stored_relationships = (
            tx.get_relationships([str(r.guid) for r in relationships]) if relationships else {}
        )
        proxies: list[EntityProxy] = []
        entity_waves: _Waves[EntityDetail] = _Waves()
        relationship_waves: _Waves[Relationship] = _Waves()
        outcomes: list[CopyOutcome] = []
        for copy, item in zip(copies, checked, strict=True):
            if not isinstance(item, (EntityDetail, Relationship)):
                outcomes.append(item)
                continue
            guid = str(item.guid)
            try:
                if isinstance(item, EntityDetail):
                    decided = self._entity_copy_to_save(
                        item, entities.get(guid), copy.home_change_allowed, copy.method
                    )
                    if isinstance(decided, SaveOutcome):
                        outcomes.append(decided)
                        continue
                    entities[guid] = decided
                    entity_waves.add(guid, decided)
                else:
                    previous = stored_relationships.get(guid)
                    if previous is not None:
                        stale = self._compare(item, previous, copy.home_change_allowed, copy.method)
                        if stale is not None:
                            outcomes.append(stale)
                            continue
                    missing = [e for e in self._copy_ends(item, copy.method) if str(e.guid) not in entities]
                    for end in missing:
                        if is_home(end, self.local_id):
                            # As _save_end_proxy: an end homed here must be stored here.
                            raise EntityNotKnownException.for_guid(
                                str(end.guid), copy.method, self.repository_name
                            )
                    for end in missing:
                        if str(end.guid) not in entities:  # both ends may be one entity
                            proxies.append(end)
                            entities[str(end.guid)] = end
                    stored_relationships[guid] = item
                    relationship_waves.add(guid, item)
            except OMRSCheckedException as error:
                outcomes.append(error)
                continue
            outcomes.append(SaveOutcome.STORED)
        for proxy in proxies:
            tx.save_proxy(self.proxy_record(proxy))
        for entity_wave in entity_waves.waves:
            tx.save_entities([self.entity_record(entity) for entity in entity_wave.values()])
        for relationship_wave in relationship_waves.waves:
            tx.save_relationships([self.relationship_record(r) for r in relationship_wave.values()])
        return outcomes
