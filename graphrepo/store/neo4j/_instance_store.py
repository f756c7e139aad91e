"""The Neo4j adapter of the instance-store port (``graphrepo.store._instance_store``).

One repository operation is one managed Neo4j transaction (``Neo4jClient.read_transaction`` /
``write_transaction``): the driver runs the transaction function again after a transient fault, and every
statement here writes a complete state (``SET n = $properties``, ``MERGE`` on GUIDs and versions), so a
retry stores the same thing. Each save is one statement: node, labels, classifications, key and version
snapshot together. The graph layout is described in ``_graph``; the queries are in ``cypher/``
(``instances``, ``history``, ``search``, ``outbox``).

Round trips (the cost of a write on a fast server): a save is held back until the transaction's next
statement, so that the OMRS events the repository adds right after it travel in the same statement
(``save_entities`` / ``save_relationships`` take ``$events``); an entity or relationship read twice in
one transaction is fetched once (the repository reads before it checks, then again to update); and the
transaction's BEGIN travels with its first statement (``Neo4jClient``). An addEntity is one statement
and two round trips. Search text reaches its TEXT index off the write path (:class:`SearchTextIndexer`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, LiteralString, TypeVar

from neo4j import ManagedTransaction
from pydantic import ValidationError

from graphrepo.omrs import EntityDetail, OMRSErrorCode, OMRSEventV1, Relationship, RepositoryErrorException
from graphrepo.store._instance_store import (
    EntityRecord,
    InstanceQuery,
    OutboxEntry,
    ProxyRecord,
    RelationshipRecord,
    StoredEntity,
    StoreTransaction,
)
from graphrepo.store._matching import apply_paging, compile_query
from graphrepo.store.neo4j._client import Neo4jClient
from graphrepo.store.neo4j._documents import (
    dump_event,
    load_entity,
    load_entity_detail,
    load_event,
    load_relationship,
)
from graphrepo.store.neo4j._queries import QueryLibrary
from graphrepo.store.neo4j._search import IndexFor, plan_search
from graphrepo.store.neo4j._writes import (
    ENTITY_KIND,
    RELATIONSHIP_KIND,
    entity_parameters,
    proxy_parameters,
    relationship_parameters,
)

__all__ = ["Neo4jInstanceStore", "Neo4jStoreTransaction", "SearchTextIndexer"]

log = logging.getLogger(__name__)

T = TypeVar("T")

BATCH_ROWS: Final = 500


def _chunks(items: list[T]) -> Iterator[list[T]]:
    """``items`` in slices of at most ``BATCH_ROWS``: one statement's parameter list each."""
    for start in range(0, len(items), BATCH_ROWS):
        yield items[start : start + BATCH_ROWS]


"""Rows per ``save_entities`` / ``save_relationships`` statement in a batch write."""

# Open ends of a history range (Neo4j DateTime covers both; Python's datetime stops at year 9999).
_EARLIEST: Final = datetime(1, 1, 1, tzinfo=UTC)
_LATEST: Final = datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)


@contextmanager
def _stored_documents(action: str) -> Iterator[None]:
    """A ``_doc`` that no longer parses is a fault of the store, not of the caller."""
    try:
        yield
    except ValidationError as error:
        raise RepositoryErrorException.unexpected(error, action=action) from error


class Neo4jStoreTransaction(StoreTransaction):
    """The port's operations inside one Neo4j transaction."""

    def __init__(self, tx: ManagedTransaction, queries: QueryLibrary, index_for: IndexFor | None) -> None:
        self._tx = tx
        self._queries = queries
        self._index_for = index_for
        self._held: _HeldSave | None = None
        # Documents read in this transaction, by GUID (None: not stored); a write forgets what it touches.
        self._entity_docs: dict[str, str | None] = {}
        self._relationship_docs: dict[str, str | None] = {}

    def _run(self, name: str, **parameters: Any) -> list[Any]:
        self.flush()
        return self._run_text(self._queries.text(name), parameters)

    def _run_text(self, text: LiteralString, parameters: dict[str, Any]) -> list[Any]:
        return list(self._tx.run(text, parameters))

    def _docs(self, name: str, **parameters: Any) -> list[str]:
        return [record["doc"] for record in self._run(name, **parameters) if record["doc"] is not None]

    # --- current state ----------------------------------------------------------------------------

    def get_entity(self, guid: str) -> StoredEntity | None:
        if guid not in self._entity_docs:
            docs = self._docs("get_entity", guid=guid)
            self._entity_docs[guid] = docs[0] if docs else None
        doc = self._entity_docs[guid]
        with _stored_documents("get_entity"):
            return load_entity(doc) if doc is not None else None

    def get_relationship(self, guid: str) -> Relationship | None:
        if guid not in self._relationship_docs:
            docs = self._docs("get_relationship", guid=guid)
            self._relationship_docs[guid] = docs[0] if docs else None
        doc = self._relationship_docs[guid]
        with _stored_documents("get_relationship"):
            return load_relationship(doc) if doc is not None else None

    def get_entities(self, guids: Sequence[str]) -> dict[str, StoredEntity]:
        docs = self._cached_docs("get_entities", guids, self._entity_docs)
        with _stored_documents("get_entities"):
            return {guid: load_entity(doc) for guid, doc in docs.items()}

    def get_relationships(self, guids: Sequence[str]) -> dict[str, Relationship]:
        docs = self._cached_docs("get_relationships", guids, self._relationship_docs)
        with _stored_documents("get_relationships"):
            return {guid: load_relationship(doc) for guid, doc in docs.items()}

    def _cached_docs(self, query: str, guids: Sequence[str], cache: dict[str, str | None]) -> dict[str, str]:
        """The stored documents of ``guids`` (the absent left out), reading only those not yet in the
        transaction's ``cache``, one statement per ``BATCH_ROWS``; absent ones are cached as None too."""
        wanted = list(dict.fromkeys(guids))
        for chunk in _chunks([guid for guid in wanted if guid not in cache]):
            found: dict[str, str | None] = dict.fromkeys(chunk)
            for record in self._run(query, guids=chunk):
                found[record["guid"]] = record["doc"]
            cache.update(found)
        return {guid: doc for guid in wanted if (doc := cache.get(guid)) is not None}

    def relationships_of(self, entity_guid: str) -> list[Relationship]:
        docs = self._docs("relationships_of", guid=entity_guid)
        with _stored_documents("relationships_of"):
            return [load_relationship(doc) for doc in docs]

    def relationships_of_entities(self, entity_guids: Sequence[str]) -> dict[str, list[Relationship]]:
        """One statement per ``BATCH_ROWS`` entities; a relationship met at both ends is parsed once (the
        same object is in both lists: callers read, never change, what a walk returns). The other ends'
        documents come in the same statement and wait in this transaction's cache, so the walk's next
        ``get_entities`` costs no round trip (round trips, not parsing, are what a walk pays)."""
        wanted = list(dict.fromkeys(entity_guids))
        found: dict[str, dict[str, Relationship]] = {guid: {} for guid in wanted}
        parsed: dict[str, Relationship] = {}
        with _stored_documents("relationships_of_entities"):
            for chunk in _chunks(wanted):
                for record in self._run("relationships_of_entities", guids=chunk):
                    key, doc = record["relationshipGuid"], record["doc"]
                    if key not in parsed:
                        parsed[key] = load_relationship(doc)
                        self._relationship_docs[key] = doc
                    found[record["guid"]][key] = parsed[key]
                    self._entity_docs.setdefault(record["otherGuid"], record["otherDoc"])
        return {guid: [by_guid[key] for key in sorted(by_guid)] for guid, by_guid in found.items()}

    # --- history ----------------------------------------------------------------------------------

    def entity_as_of(self, guid: str, as_of: datetime) -> EntityDetail | None:
        docs = self._docs("version_as_of", guid=guid, asOf=as_of)
        with _stored_documents("entity_as_of"):
            return load_entity_detail(docs[0]) if docs else None

    def entity_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[EntityDetail]:
        docs = self._history(guid, from_time, to_time)
        with _stored_documents("entity_history"):
            return [load_entity_detail(doc) for doc in docs]

    def relationship_as_of(self, guid: str, as_of: datetime) -> Relationship | None:
        docs = self._docs("version_as_of", guid=guid, asOf=as_of)
        with _stored_documents("relationship_as_of"):
            return load_relationship(docs[0]) if docs else None

    def entities_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, EntityDetail]:
        docs = self._versions_as_of(guids, as_of)
        with _stored_documents("entities_as_of"):
            return {guid: load_entity_detail(doc) for guid, doc in docs.items()}

    def relationships_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, Relationship]:
        docs = self._versions_as_of(guids, as_of)
        with _stored_documents("relationships_as_of"):
            return {guid: load_relationship(doc) for guid, doc in docs.items()}

    def _versions_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, str]:
        wanted = list(dict.fromkeys(guids))
        docs: dict[str, str] = {}
        for chunk in _chunks(wanted):
            for record in self._run("versions_as_of", guids=chunk, asOf=as_of):
                if record["doc"] is not None:
                    docs[record["guid"]] = record["doc"]
        return docs

    def relationship_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[Relationship]:
        docs = self._history(guid, from_time, to_time)
        with _stored_documents("relationship_history"):
            return [load_relationship(doc) for doc in docs]

    def _history(self, guid: str, from_time: datetime | None, to_time: datetime | None) -> list[str]:
        return self._docs(
            "version_history", guid=guid, fromTime=from_time or _EARLIEST, toTime=to_time or _LATEST
        )

    # --- searches ---------------------------------------------------------------------------------

    def find_entities(self, query: InstanceQuery) -> list[EntityDetail]:
        matcher = compile_query(query, action="find_entities")
        if query.type_names is not None and not query.type_names:
            return []
        if query.as_of is not None:
            docs = self._versions_current_at(ENTITY_KIND, query)
            with _stored_documents("find_entities"):
                versions = [load_entity_detail(doc) for doc in docs]
            return apply_paging([e for e in versions if matcher.entity(e)], query.paging)
        plan = plan_search(query, self._queries, self._index_for, entities=True)
        docs = _distinct_docs(self._run_text(plan.text, plan.parameters))
        with _stored_documents("find_entities"):
            entities = [e for e in map(load_entity, docs) if isinstance(e, EntityDetail)]
        if plan.paged:
            return entities
        return apply_paging([e for e in entities if matcher.entity(e)], query.paging)

    def find_relationships(self, query: InstanceQuery) -> list[Relationship]:
        matcher = compile_query(query, action="find_relationships")
        if query.type_names is not None and not query.type_names:
            return []
        if query.as_of is not None:
            docs = self._versions_current_at(RELATIONSHIP_KIND, query)
        else:
            plan = plan_search(query, self._queries, self._index_for, entities=False)
            docs = _distinct_docs(self._run_text(plan.text, plan.parameters))
            if plan.paged:
                with _stored_documents("find_relationships"):
                    return [load_relationship(doc) for doc in docs]
        with _stored_documents("find_relationships"):
            relationships = [load_relationship(doc) for doc in docs]
        return apply_paging([r for r in relationships if matcher.relationship(r)], query.paging)

    def _versions_current_at(self, kind: str, query: InstanceQuery) -> list[str]:
        if query.type_names is not None:  # narrowed by the history's type-name index
            return self._docs(
                "versions_current_at_by_type", kind=kind, asOf=query.as_of, typeNames=sorted(query.type_names)
            )
        return self._docs("versions_current_at", kind=kind, asOf=query.as_of)

    # --- writes -----------------------------------------------------------------------------------

    def save_entity(self, record: EntityRecord) -> None:
        self._hold("save_entities", [entity_parameters(record)], events_allowed=True)

    def save_proxy(self, record: ProxyRecord) -> None:
        # A proxy's row may be skipped (a full entity is stored): events never ride with it.
        self._hold("save_entities", [proxy_parameters(record)], events_allowed=False)

    def save_entities(self, records: Sequence[EntityRecord]) -> None:
        rows = [entity_parameters(record) for record in records]
        for chunk in _chunks(rows):
            self._hold("save_entities", chunk, events_allowed=True)

    def purge_entity(self, guid: str) -> None:
        self._forget_all()
        self._run("purge_entity", guid=guid)

    def save_relationship(self, record: RelationshipRecord) -> None:
        self._hold("save_relationships", [relationship_parameters(record)], events_allowed=True)

    def save_relationships(self, records: Sequence[RelationshipRecord]) -> None:
        rows = [relationship_parameters(record) for record in records]
        for chunk in _chunks(rows):
            self._hold("save_relationships", chunk, events_allowed=True)

    def purge_relationship(self, guid: str) -> None:
        self._forget_all()
        self._run("purge_relationship", guid=guid)

    def reidentify_entity(self, old_guid: str, record: EntityRecord) -> None:
        self._forget_all()
        self._run("reidentify_entity", oldGuid=old_guid, newGuid=record.entity.guid)
        self.save_entity(record)

    def reidentify_relationship(self, old_guid: str, record: RelationshipRecord) -> None:
        self._forget_all()
        self._run("reidentify_relationship", oldGuid=old_guid, newGuid=record.relationship.guid)
        self.save_relationship(record)

    # --- outbox -----------------------------------------------------------------------------------

    def add_to_outbox(self, events: Sequence[OMRSEventV1]) -> None:
        if not events:
            return
        documents = [dump_event(event) for event in events]
        if self._held is not None and self._held.events_allowed:
            self.flush(documents)
        else:
            self._run("add_to_outbox", events=documents)

    # --- held saves -------------------------------------------------------------------------------

    def _hold(self, name: str, rows: list[dict[str, Any]], *, events_allowed: bool) -> None:
        """Write ``rows`` with the next statement (a save holds until then, to carry the OMRS events)."""
        self.flush()
        documents = self._entity_docs if name == "save_entities" else self._relationship_docs
        for row in rows:
            documents.pop(row["guid"], None)
        self._held = _HeldSave(name, rows, events_allowed)

    def flush(self, events: list[str] | None = None) -> None:
        """Write the held save (with ``events`` for the outbox); called before any other statement and
        when the transaction function returns."""
        held, self._held = self._held, None
        if held is None:
            return
        records = self._run_text(self._queries.text(held.name), {"rows": held.rows, "events": events or []})
        saved = records[0]["saved"] if records else 0
        if held.name == "save_relationships" and saved != len(held.rows):
            self._relationship_ends_missing(held.rows)

    def _relationship_ends_missing(self, rows: list[dict[str, Any]]) -> None:
        ends = sorted({end for row in rows for end in (row["end1"], row["end2"])})
        stored = {record["guid"] for record in self._run("get_entities", guids=ends)}
        row = next((row for row in rows if row["end1"] not in stored or row["end2"] not in stored), rows[0])
        raise RepositoryErrorException.from_code(
            OMRSErrorCode.REPOSITORY_LOGIC_ERROR,
            "Neo4jInstanceStore",
            "save_relationship",
            f"relationship {row['guid']}: its ends {row['end1']} and {row['end2']}"
            " must be stored (as entities or proxies) first",
            action="save_relationship",
        )

    def _forget_all(self) -> None:
        self._entity_docs.clear()
        self._relationship_docs.clear()


def _distinct_docs(records: list[Any]) -> list[str]:
    """The rows' documents, each once (a candidate query may find an instance twice), in row order."""
    return list(dict.fromkeys(r["doc"] for r in records if r["doc"] is not None))


@dataclass(slots=True)
class _HeldSave:
    name: str
    rows: list[dict[str, Any]]
    events_allowed: bool


class SearchTextIndexer:
    """Moves pending search text (``_searchNext``, see ``save_entities``) into the TEXT indexes on a daemon
    thread, many instances per transaction. Searches meanwhile take pending instances as candidates, so
    nothing waits on it for correctness; how long it waits only trades the searches' pending scan against
    the TEXT index's cost, which is mostly per transaction (a Lucene commit). Measured here: one text per
    transaction cost about 3.5 ms of Neo4j CPU, 50 per transaction about 0.3 ms each. So a round runs
    once writes pause for ``quiet`` seconds, or at the latest ``max_delay`` after the first text it finds
    waiting. The thread starts with a write and stops after ``idle_rounds`` rounds with nothing to do or
    when the store closes."""

    def __init__(
        self,
        client: Neo4jClient,
        *,
        quiet: float = 0.25,
        max_delay: float = 5.0,
        batch: int = 2_000,
        idle_rounds: int = 20,
    ) -> None:
        self._client = client
        self._quiet = quiet
        self._max_delay = max_delay
        self._batch = batch
        self._idle_rounds = idle_rounds
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Monotonic seconds of the last write, and of the first write the next round is for (None: none).
        self._last_write = 0.0
        self._first_waiting: float | None = None
        self._last_round = 0.0
        self._running = False  # set and cleared under _lock (notify reads it without, then with)

    def notify(self) -> None:
        """A write committed; texts may be pending: note when, and make sure the thread runs."""
        now = time.monotonic()
        self._last_write = now
        if self._first_waiting is None:
            self._first_waiting = now
        if self._running:
            return
        with self._lock:
            if self._stop.is_set() or self._running:
                return
            self._running = True
            self._thread = threading.Thread(target=self._loop, name="graphrepo-search-text", daemon=True)
            self._thread.start()

    def run_once(self) -> int:
        """One round in one transaction: confirm the texts moved by the previous round, then move the
        pending ones (in that order: a text is never moved and confirmed in one commit, see
        ``index_entity_search_text``); how many instances changed. Repeats while a batch was full."""
        moved = 0
        while True:
            counts = self._client.write_transaction("index search text", self._round)
            moved += sum(counts)
            if max(counts) < self._batch:
                return moved

    def _round(self, tx: ManagedTransaction) -> list[int]:
        counts = []
        for name in (
            "confirm_entity_search_text",
            "confirm_relationship_search_text",
            "index_entity_search_text",
            "index_relationship_search_text",
        ):
            record = tx.run(self._client.queries.text(name), limit=self._batch).single()
            counts.append(int(record["indexed"]) if record is not None else 0)
        return counts

    def _wait(self) -> float:
        """Seconds until the next round is due (0: now)."""
        now = time.monotonic()
        first = self._first_waiting
        if first is None:  # nothing written since the last round: a confirming (or idle) round
            return max(0.0, self._last_round + self._quiet - now)
        return max(0.0, min(self._last_write + self._quiet, first + self._max_delay) - now)

    def _loop(self) -> None:
        idled = False
        try:
            idled = self._rounds()
        finally:
            with self._lock:
                self._running = False
        # A write that found the thread still running just before it ended has set _first_waiting
        # before reading _running: seen here, it gets a new thread (notify starts at most one).
        if idled and self._first_waiting is not None:
            self.notify()

    def _rounds(self) -> bool:
        """Rounds until idle (True), or until closed or a fault (False)."""
        idle = 0
        self._last_round = time.monotonic()
        while idle < self._idle_rounds or self._first_waiting is not None:
            wait = self._wait()
            if wait > 0:
                if self._stop.wait(wait):
                    return False
                continue  # written meanwhile, perhaps: due again?
            if self._stop.is_set():
                return False
            self._first_waiting = None  # a write from now on waits for the next round
            try:
                idle = 0 if self.run_once() else idle + 1
            except Exception:  # a closed driver or a fault: the next write restarts the thread
                log.debug("search text indexing stopped", exc_info=True)
                return False
            self._last_round = time.monotonic()
        return True

    def close(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=10)


class Neo4jInstanceStore:
    """The instance store on Neo4j. ``index_for`` tells searches which type-derived index serves an
    attribute of a type (``SchemaPlan.index_for`` of the current types); without it, searches narrow
    with the structural indexes only."""

    def __init__(self, client: Neo4jClient, *, index_for: IndexFor | None = None) -> None:
        self._client = client
        self._queries = client.queries
        self.index_for = index_for
        self.search_text = SearchTextIndexer(client)

    def _unit(self, work: Callable[[StoreTransaction], T]) -> Callable[[ManagedTransaction], T]:
        def run(tx: ManagedTransaction) -> T:
            store_tx = Neo4jStoreTransaction(tx, self._queries, self.index_for)
            result = work(store_tx)
            store_tx.flush()
            return result

        return run

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self._client.read_transaction("read instances", self._unit(work))

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        result = self._client.write_transaction("write instances", self._unit(work))
        self.search_text.notify()
        return result

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        records = self._client.read("pending_events", limit=limit)
        with _stored_documents("pending_events"):
            return [
                OutboxEntry(sequence=record["sequence"], cohort_event=load_event(record["event"]))
                for record in records
            ]

    def remove_published(self, sequences: Sequence[int]) -> None:
        if sequences:
            self._client.write("remove_published", sequences=list(sequences))

    def close(self) -> None:
        """Stop this store's background search-text indexer. The client is its creator's to close
        (bootstrap closes it after the store); other stores and the type store may share it."""
        self.search_text.close()
