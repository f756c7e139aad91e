"""The embedded adapter of the instance-store port: every instance, version and event in this process.

* **Current state** per GUID: an entity (full or proxy) or a relationship, as a frozen snapshot
  (``_state.Snapshot``), plus an index entity GUID -> GUIDs of the relationships at either end.
* **History**: every saved state of a full entity or relationship, as a version current from its
  ``updateTime`` (else ``createTime``) until the next version's. Saving the same version number again
  (a classification change on a reference copy does not bump the entity's version) replaces that
  version rather than adding a duplicate. Proxies have no history. Re-identifying or purging drops
  the old GUID's history (Egeria's in-memory repository does the same).
* **Searches** evaluate :mod:`graphrepo.store._matching` over the live snapshots, then copy the page.
* **Outbox**: events get monotonically increasing sequence numbers when their transaction commits.

Transactions: :meth:`MemoryInstanceStore.write` runs ``work`` under the store's lock against
copy-on-write layers over the committed maps (``_state.Layer``) and applies them only when ``work``
returns; an exception discards them, leaving the store exactly as it was. Reads run under the same lock,
so they see committed state only. Transactions do not nest (a nested call raises, rather than silently
seeing a different state).

Port misuse (a relationship whose ends are not stored, an instance without a GUID, a closed store)
raises ``RepositoryErrorException`` (``REPOSITORY_LOGIC_ERROR``): a fault of the layer above, not of
the caller of the OMRS API.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TypeVar, cast

from graphrepo.omrs import (
    EntityDetail,
    EntityProxy,
    OMRSErrorCode,
    OMRSEventV1,
    Relationship,
    RepositoryErrorException,
)
from graphrepo.store._instance_store import (
    EntityRecord,
    InstanceQuery,
    OutboxEntry,
    ProxyRecord,
    RelationshipRecord,
    StoredEntity,
)
from graphrepo.store._matching import apply_paging, compile_query
from graphrepo.store.memory._state import (
    EntityEntry,
    Layer,
    RelationshipEntry,
    Snapshot,
    Version,
    fast_copy,
    valid_from,
)

__all__ = ["MemoryInstanceStore"]

T = TypeVar("T")
M = TypeVar("M", EntityDetail, Relationship)

_REPOSITORY_NAME = "graphrepo memory store"

History = tuple[Version[M], ...]


def _logic_error(action: str, message: str) -> RepositoryErrorException:
    return RepositoryErrorException.from_code(
        OMRSErrorCode.REPOSITORY_LOGIC_ERROR, _REPOSITORY_NAME, action, message, action=action
    )


class _Committed:
    """The committed state; only a committing transaction changes it (under the store's lock)."""

    def __init__(self) -> None:
        self.entities: dict[str, EntityEntry] = {}
        self.relationships: dict[str, RelationshipEntry] = {}
        self.entity_history: dict[str, History[EntityDetail]] = {}
        self.relationship_history: dict[str, History[Relationship]] = {}
        self.links: dict[str, frozenset[str]] = {}
        self.outbox: dict[int, OMRSEventV1] = {}


class MemoryInstanceStore:
    """The embedded :class:`~graphrepo.store.InstanceStore`; lives as long as the process."""

    def __init__(self) -> None:
        self._state = _Committed()
        self._lock = threading.RLock()
        self._sequence = itertools.count(1)
        self._active = False
        self._closed = False

    # --- transactions ----------------------------------------------------------------------------

    def read(self, work: Callable[[_Transaction], T]) -> T:
        return self._run(work, writable=False)

    def write(self, work: Callable[[_Transaction], T]) -> T:
        return self._run(work, writable=True)

    def _run(self, work: Callable[[_Transaction], T], *, writable: bool) -> T:
        with self._lock:
            if self._closed:
                raise _logic_error("write" if writable else "read", "the store is closed")
            if self._active:
                raise _logic_error("write" if writable else "read", "store transactions do not nest")
            self._active = True
            transaction = _Transaction(self._state, writable=writable)
            try:
                result = work(transaction)
                if writable:
                    transaction.commit(self._sequence)
                return result
            finally:
                transaction.close()
                self._active = False

    # --- the outbox ------------------------------------------------------------------------------

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        with self._lock:
            # Dicts keep insertion order, which is sequence order.
            entries = itertools.islice(self._state.outbox.items(), max(limit, 0))
            return [OutboxEntry(sequence, fast_copy(event)) for sequence, event in entries]

    def remove_published(self, sequences: Sequence[int]) -> None:
        with self._lock:
            for sequence in sequences:
                self._state.outbox.pop(sequence, None)

    # --- for the type store and the composition root ---------------------------------------------

    def count_instances_of(self, type_name: str) -> int:
        """Entities (full or proxy), relationships and classifications, any status, of exactly this type."""
        with self._lock:
            count = 0
            for entry in self._state.entities.values():
                entity = entry.snapshot.live
                count += _type_name(entity) == type_name
                count += sum(1 for c in entity.classifications if c.name == type_name)
            for relationship in self._state.relationships.values():
                count += _type_name(relationship.snapshot.live) == type_name
            return count

    def close(self) -> None:
        with self._lock:
            self._closed = True


def _type_name(instance: EntityDetail | EntityProxy | Relationship) -> str | None:
    return instance.type.type_def_name if instance.type is not None else None


class _Transaction:
    """One transaction's view (implements :class:`~graphrepo.store.StoreTransaction`)."""

    def __init__(self, state: _Committed, *, writable: bool) -> None:
        self._writable = writable
        self._open = True
        self._entities = Layer(state.entities)
        self._relationships = Layer(state.relationships)
        self._entity_history = Layer(state.entity_history)
        self._relationship_history = Layer(state.relationship_history)
        self._links = Layer(state.links)
        self._outbox = state.outbox
        self._events: list[OMRSEventV1] = []

    def _check(self, action: str, *, write: bool = False) -> None:
        if not self._open:
            raise _logic_error(action, "the transaction has ended")
        if write and not self._writable:
            raise _logic_error(action, "a read transaction cannot write")

    def commit(self, sequence: Iterable[int]) -> None:
        for layer in (
            self._entities,
            self._relationships,
            self._entity_history,
            self._relationship_history,
            self._links,
        ):
            layer.commit()
        for event, number in zip(self._events, sequence, strict=False):
            self._outbox[number] = event
        self._events.clear()

    def close(self) -> None:
        self._open = False

    # --- reads of current state ------------------------------------------------------------------

    def get_entity(self, guid: str) -> StoredEntity | None:
        self._check("get_entity")
        entry = self._entities.get(guid)
        return None if entry is None else entry.snapshot.copy()

    def get_relationship(self, guid: str) -> Relationship | None:
        self._check("get_relationship")
        entry = self._relationships.get(guid)
        return None if entry is None else entry.snapshot.copy()

    def relationships_of(self, entity_guid: str) -> list[Relationship]:
        self._check("relationships_of")
        found = []
        for guid in sorted(self._links.get(entity_guid) or ()):
            entry = self._relationships.get(guid)
            if entry is not None:
                found.append(entry.snapshot.copy())
        return found

    def relationships_of_entities(self, entity_guids: Sequence[str]) -> dict[str, list[Relationship]]:
        return {guid: self.relationships_of(guid) for guid in dict.fromkeys(entity_guids)}

    def get_entities(self, guids: Sequence[str]) -> dict[str, StoredEntity]:
        found = {guid: self.get_entity(guid) for guid in dict.fromkeys(guids)}
        return {guid: stored for guid, stored in found.items() if stored is not None}

    def get_relationships(self, guids: Sequence[str]) -> dict[str, Relationship]:
        found = {guid: self.get_relationship(guid) for guid in dict.fromkeys(guids)}
        return {guid: stored for guid, stored in found.items() if stored is not None}

    # --- history ---------------------------------------------------------------------------------

    def entity_as_of(self, guid: str, as_of: datetime) -> EntityDetail | None:
        self._check("entity_as_of")
        version = _version_at(self._entity_history.get(guid) or (), as_of)
        return None if version is None else version.snapshot.copy()

    def entity_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[EntityDetail]:
        self._check("entity_history")
        return _versions_between(self._entity_history.get(guid) or (), from_time, to_time)

    def relationship_as_of(self, guid: str, as_of: datetime) -> Relationship | None:
        self._check("relationship_as_of")
        version = _version_at(self._relationship_history.get(guid) or (), as_of)
        return None if version is None else version.snapshot.copy()

    def entities_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, EntityDetail]:
        found = {guid: self.entity_as_of(guid, as_of) for guid in dict.fromkeys(guids)}
        return {guid: then for guid, then in found.items() if then is not None}

    def relationships_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, Relationship]:
        found = {guid: self.relationship_as_of(guid, as_of) for guid in dict.fromkeys(guids)}
        return {guid: then for guid, then in found.items() if then is not None}

    def relationship_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[Relationship]:
        self._check("relationship_history")
        return _versions_between(self._relationship_history.get(guid) or (), from_time, to_time)

    # --- searches --------------------------------------------------------------------------------

    def find_entities(self, query: InstanceQuery) -> list[EntityDetail]:
        self._check("find_entities")
        matcher = compile_query(query, action="find_entities")
        if query.as_of is None:
            candidates = [
                cast(Snapshot[EntityDetail], e.snapshot) for e in self._entities.values() if not e.is_proxy
            ]
        else:
            candidates = _snapshots_at(self._entity_history.values(), query.as_of)
        return _page([s for s in candidates if matcher.entity(s.live)], query)

    def find_relationships(self, query: InstanceQuery) -> list[Relationship]:
        self._check("find_relationships")
        matcher = compile_query(query, action="find_relationships")
        if query.as_of is None:
            candidates = [r.snapshot for r in self._relationships.values()]
        else:
            candidates = _snapshots_at(self._relationship_history.values(), query.as_of)
        return _page([s for s in candidates if matcher.relationship(s.live)], query)

    # --- writes ----------------------------------------------------------------------------------

    def save_entity(self, record: EntityRecord) -> None:
        self._check("save_entity", write=True)
        guid = _guid_of(record.entity, "save_entity")
        snapshot = Snapshot.of(record.entity)
        self._entities.put(
            guid,
            EntityEntry(
                snapshot, record.lineage, dict(record.classification_lineages), record.reference_copy
            ),
        )
        self._entity_history.put(guid, _with_version(self._entity_history.get(guid) or (), snapshot))

    def save_proxy(self, record: ProxyRecord) -> None:
        self._check("save_proxy", write=True)
        guid = _guid_of(record.proxy, "save_proxy")
        existing = self._entities.get(guid)
        if existing is not None and not existing.is_proxy:
            return
        snapshot = Snapshot.of(record.proxy)
        self._entities.put(guid, EntityEntry(snapshot, record.lineage, dict(record.classification_lineages)))

    def purge_entity(self, guid: str) -> None:
        self._check("purge_entity", write=True)
        for relationship_guid in self._links.get(guid) or ():
            self._drop_relationship(relationship_guid)
        self._entities.remove(guid)
        self._entity_history.remove(guid)
        self._links.remove(guid)

    def save_relationship(self, record: RelationshipRecord) -> None:
        self._check("save_relationship", write=True)
        guid = _guid_of(record.relationship, "save_relationship")
        snapshot = Snapshot.of(record.relationship)
        entry = RelationshipEntry(snapshot, record.lineage, record.reference_copy)
        for end in entry.ends:
            if end is None or end not in self._entities:
                raise _logic_error(
                    "save_relationship", f"relationship {guid} has an end ({end}) that is not stored"
                )
        previous = self._relationships.get(guid)
        if previous is not None:
            self._unlink(guid, previous.ends)
        self._link(guid, entry.ends)
        self._relationships.put(guid, entry)
        self._relationship_history.put(
            guid, _with_version(self._relationship_history.get(guid) or (), snapshot)
        )

    def save_entities(self, records: Sequence[EntityRecord]) -> None:
        for record in records:
            self.save_entity(record)

    def save_relationships(self, records: Sequence[RelationshipRecord]) -> None:
        for record in records:
            self.save_relationship(record)

    def purge_relationship(self, guid: str) -> None:
        self._check("purge_relationship", write=True)
        self._drop_relationship(guid)

    def reidentify_entity(self, old_guid: str, record: EntityRecord) -> None:
        self._check("reidentify_entity", write=True)
        new_guid = _guid_of(record.entity, "reidentify_entity")
        if new_guid != old_guid:
            # The relationships stay attached: the index moves to the new GUID; the repository saves
            # each relationship's new state (with the new end) itself.
            attached = self._links.get(old_guid) or frozenset()
            self._entities.remove(old_guid)
            self._entity_history.remove(old_guid)
            self._links.remove(old_guid)
            if attached:
                self._links.put(new_guid, (self._links.get(new_guid) or frozenset()) | attached)
        self.save_entity(record)

    def reidentify_relationship(self, old_guid: str, record: RelationshipRecord) -> None:
        self._check("reidentify_relationship", write=True)
        if _guid_of(record.relationship, "reidentify_relationship") != old_guid:
            self._drop_relationship(old_guid)
        self.save_relationship(record)

    # --- the outbox ------------------------------------------------------------------------------

    def add_to_outbox(self, events: Sequence[OMRSEventV1]) -> None:
        self._check("add_to_outbox", write=True)
        self._events.extend(fast_copy(event) for event in events)

    # --- helpers ---------------------------------------------------------------------------------

    def _drop_relationship(self, guid: str) -> None:
        entry = self._relationships.get(guid)
        if entry is not None:
            self._unlink(guid, entry.ends)
        self._relationships.remove(guid)
        self._relationship_history.remove(guid)

    def _link(self, relationship_guid: str, ends: tuple[str | None, str | None]) -> None:
        for end in {e for e in ends if e is not None}:
            self._links.put(end, (self._links.get(end) or frozenset()) | {relationship_guid})

    def _unlink(self, relationship_guid: str, ends: tuple[str | None, str | None]) -> None:
        for end in {e for e in ends if e is not None}:
            linked = self._links.get(end)
            if linked is not None and relationship_guid in linked:
                remaining = linked - {relationship_guid}
                if remaining:
                    self._links.put(end, remaining)
                else:
                    self._links.remove(end)


def _guid_of(instance: EntityDetail | EntityProxy | Relationship, action: str) -> str:
    if not instance.guid:
        raise _logic_error(action, f"cannot store a {type(instance).__name__} without a GUID")
    return instance.guid


def _with_version(history: History[M], snapshot: Snapshot[M]) -> History[M]:
    """``history`` plus ``snapshot``, kept in (start, version number) order (see module doc)."""
    version = Version(valid_from(snapshot.live), snapshot.live.version, snapshot)
    if history and history[-1].number == version.number:
        history = history[:-1]
    if not history or (history[-1].start, history[-1].number) <= (version.start, version.number):
        extended = list(history)
        extended.append(version)
        return tuple(extended)
    # An out-of-order save (a reference copy restored from backup, say): insert where it belongs.
    versions = [v for v in history if v.number != version.number]
    keys = [(v.start, v.number) for v in versions]
    versions.insert(bisect.bisect_right(keys, (version.start, version.number)), version)
    return tuple(versions)


def _version_at(history: History[M], as_of: datetime) -> Version[M] | None:
    current = None
    for version in history:
        if version.start > as_of:
            break
        current = version
    return current


def _versions_between(history: History[M], from_time: datetime | None, to_time: datetime | None) -> list[M]:
    """Versions whose validity [start, next start) overlaps [from_time, to_time), oldest first."""
    found = []
    for index, version in enumerate(history):
        end = history[index + 1].start if index + 1 < len(history) else None
        if to_time is not None and version.start >= to_time:
            break
        if from_time is not None and end is not None and end <= from_time:
            continue
        found.append(version.snapshot.copy())
    return found


def _snapshots_at(histories: Iterable[History[M]], as_of: datetime) -> list[Snapshot[M]]:
    found = []
    for history in histories:
        version = _version_at(history, as_of)
        if version is not None:
            found.append(version.snapshot)
    return found


def _page(matching: list[Snapshot[M]], query: InstanceQuery) -> list[M]:
    by_identity = {id(s.live): s for s in matching}
    page = apply_paging([s.live for s in matching], query.paging)
    return [by_identity[id(live)].copy() for live in page]
