"""The Neo4j adapter of the instance-store port (``graphrepo.store._instance_store``).

One repository operation is one managed Neo4j transaction (``Neo4jClient.read_transaction`` /
``write_transaction``): the driver runs the transaction function again after a transient fault, and every
statement here writes a complete state (``SET n = $properties``, ``MERGE`` on GUIDs and versions), so a
retry stores the same thing. Each save is one statement: node, labels, classifications, key and version
snapshot together. The graph layout is described in ``_graph``; the queries are in ``cypher/``
(``instances``, ``history``, ``search``, ``outbox``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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

__all__ = ["Neo4jInstanceStore", "Neo4jStoreTransaction"]

T = TypeVar("T")

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

    def _run(self, name: str, **parameters: Any) -> list[Any]:
        return self._run_text(self._queries.text(name), parameters)

    def _run_text(self, text: LiteralString, parameters: dict[str, Any]) -> list[Any]:
        return list(self._tx.run(text, parameters))

    def _docs(self, name: str, **parameters: Any) -> list[str]:
        return [record["doc"] for record in self._run(name, **parameters) if record["doc"] is not None]

    # --- current state ----------------------------------------------------------------------------

    def get_entity(self, guid: str) -> StoredEntity | None:
        docs = self._docs("get_entity", guid=guid)
        with _stored_documents("get_entity"):
            return load_entity(docs[0]) if docs else None

    def get_relationship(self, guid: str) -> Relationship | None:
        docs = self._docs("get_relationship", guid=guid)
        with _stored_documents("get_relationship"):
            return load_relationship(docs[0]) if docs else None

    def relationships_of(self, entity_guid: str) -> list[Relationship]:
        docs = self._docs("relationships_of", guid=entity_guid)
        with _stored_documents("relationships_of"):
            return [load_relationship(doc) for doc in docs]

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
        docs = [r["doc"] for r in self._run_text(plan.text, plan.parameters) if r["doc"] is not None]
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
            docs = [r["doc"] for r in self._run_text(plan.text, plan.parameters) if r["doc"] is not None]
            if plan.paged:
                with _stored_documents("find_relationships"):
                    return [load_relationship(doc) for doc in docs]
        with _stored_documents("find_relationships"):
            relationships = [load_relationship(doc) for doc in docs]
        return apply_paging([r for r in relationships if matcher.relationship(r)], query.paging)

    def _versions_current_at(self, kind: str, query: InstanceQuery) -> list[str]:
        return self._docs("versions_current_at", kind=kind, asOf=query.as_of)

    # --- writes -----------------------------------------------------------------------------------

    def save_entity(self, record: EntityRecord) -> None:
        self._run("save_entity", **entity_parameters(record))

    def save_proxy(self, record: ProxyRecord) -> None:
        self._run("save_entity", **proxy_parameters(record))

    def purge_entity(self, guid: str) -> None:
        self._run("purge_entity", guid=guid)

    def save_relationship(self, record: RelationshipRecord) -> None:
        parameters = relationship_parameters(record)
        saved = self._run("save_relationship", **parameters)
        if not saved or saved[0]["saved"] == 0:
            raise RepositoryErrorException.from_code(
                OMRSErrorCode.REPOSITORY_LOGIC_ERROR,
                "Neo4jInstanceStore",
                "save_relationship",
                f"relationship {parameters['guid']}: its ends {parameters['end1']} and {parameters['end2']}"
                " must be stored (as entities or proxies) first",
                action="save_relationship",
            )

    def purge_relationship(self, guid: str) -> None:
        self._run("purge_relationship", guid=guid)

    def reidentify_entity(self, old_guid: str, record: EntityRecord) -> None:
        self._run("reidentify_entity", oldGuid=old_guid, newGuid=record.entity.guid)
        self.save_entity(record)

    def reidentify_relationship(self, old_guid: str, record: RelationshipRecord) -> None:
        self._run("reidentify_relationship", oldGuid=old_guid, newGuid=record.relationship.guid)
        self.save_relationship(record)

    # --- outbox -----------------------------------------------------------------------------------

    def add_to_outbox(self, events: Sequence[OMRSEventV1]) -> None:
        if events:
            self._run("add_to_outbox", events=[dump_event(event) for event in events])


class Neo4jInstanceStore:
    """The instance store on Neo4j. ``index_for`` tells searches which type-derived index serves an
    attribute of a type (``SchemaPlan.index_for`` of the current types); without it, searches narrow
    with the structural indexes only."""

    def __init__(self, client: Neo4jClient, *, index_for: IndexFor | None = None) -> None:
        self._client = client
        self._queries = client.queries
        self.index_for = index_for

    def _unit(self, work: Callable[[StoreTransaction], T]) -> Callable[[ManagedTransaction], T]:
        def run(tx: ManagedTransaction) -> T:
            return work(Neo4jStoreTransaction(tx, self._queries, self.index_for))

        return run

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self._client.read_transaction("read instances", self._unit(work))

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        return self._client.write_transaction("write instances", self._unit(work))

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
        self._client.close()
