"""The memory store and the Neo4j store give the same answer to the same random sequence of operations.

Both collections get the same clock readings and the same GUIDs, so every answer (instances, errors and
outbox events) must be equal; unordered results are compared as sets.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    InstanceStatus,
    OMRSCheckedException,
    PropertyComparisonOperator,
    PropertyCondition,
    SearchProperties,
    primitive_value,
    to_wire,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore
from tests.contract.conftest import LOCAL_ID, LOCAL_NAME, USER, TickingClock, props, type_guid

NAMES = st.sampled_from(["alpha", "beta", "gamma", "a.b", "Alpha beta"])
REGEXES = st.sampled_from([".*a.*", r"\Qalpha\E", "(?i)ALPHA.*", ".*", "b.*", r".*\Q.\E.*"])


def _collection(store: InstanceStore, gallery: TypeGallery, start: datetime) -> MetadataCollection:
    from graphrepo.metamodel import TypeDefService

    counter = itertools.count(1)
    typedefs = TypeDefService(gallery, MemoryTypeStore(lambda name: 0), LOCAL_ID)
    return MetadataCollection(
        store,
        gallery,
        typedefs,
        LOCAL_ID,
        LOCAL_NAME,
        "agree",
        TickingClock(start),
        lambda: f"guid-{next(counter):04d}",
    )


def _outcome(call: Any) -> Any:
    try:
        result = call()
    except OMRSCheckedException as error:
        return ("error", type(error).__name__, error.error_message_id)
    if isinstance(result, list):
        return sorted((to_wire(r) for r in result), key=lambda d: str(d.get("guid") or d.get("name")))
    return to_wire(result) if result is not None else None


def test_memory_and_neo4j_agree(neo4j_db: Any, gallery: TypeGallery) -> None:
    from graphrepo.store.neo4j import Neo4jClient, Neo4jInstanceStore, apply_migrations
    from tests.servers import wipe_database

    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)

    class StoresAgree(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            wipe_database(neo4j_db.driver, neo4j_db.database, keep_schema=True)
            apply_migrations(client)
            start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
            self.stores: list[InstanceStore] = [MemoryInstanceStore(), Neo4jInstanceStore(client)]
            self.collections = [_collection(s, gallery, start) for s in self.stores]
            self.entities: list[str] = []
            self.relationships: list[str] = []

        def both(self, call: Any) -> Any:
            memory, neo4j = (_outcome(lambda c=c: call(c)) for c in self.collections)
            assert memory == neo4j
            return memory

        @initialize()
        def seed(self) -> None:
            self.add_entity("seed")

        @rule(name=NAMES)
        def add_entity(self, name: str) -> None:
            outcome = self.both(
                lambda c: c.add_entity(
                    USER,
                    type_guid(gallery, "GlossaryTerm"),
                    props(gallery, "GlossaryTerm", qualifiedName=name),
                )
            )
            self.entities.append(outcome["guid"])

        @rule(data=st.data(), name=NAMES)
        def update(self, data: st.DataObject, name: str) -> None:
            guid = data.draw(st.sampled_from(self.entities))
            self.both(
                lambda c: c.update_entity_properties(
                    USER, guid, props(gallery, "GlossaryTerm", qualifiedName=name, displayName=name.upper())
                )
            )

        @rule(data=st.data())
        def relate(self, data: st.DataObject) -> None:
            one, two = data.draw(st.sampled_from(self.entities)), data.draw(st.sampled_from(self.entities))
            outcome = self.both(
                lambda c: c.add_relationship(USER, type_guid(gallery, "RelatedTerm"), None, one, two)
            )
            if isinstance(outcome, dict):
                self.relationships.append(outcome["guid"])

        @rule(
            data=st.data(),
            action=st.sampled_from(["delete", "restore", "purge", "undo", "classify", "declassify"]),
        )
        def change(self, data: st.DataObject, action: str) -> None:
            guid = data.draw(st.sampled_from(self.entities))
            term = type_guid(gallery, "GlossaryTerm")
            calls = {
                "delete": lambda c: c.delete_entity(USER, term, "GlossaryTerm", guid),
                "restore": lambda c: c.restore_entity(USER, guid),
                "purge": lambda c: c.purge_entity(USER, term, "GlossaryTerm", guid),
                "undo": lambda c: c.undo_entity_update(USER, guid),
                "classify": lambda c: c.classify_entity(USER, guid, "Confidentiality", None),
                "declassify": lambda c: c.declassify_entity(USER, guid, "Confidentiality"),
            }
            self.both(calls[action])

        @rule(data=st.data())
        def delete_relationship(self, data: st.DataObject) -> None:
            if self.relationships:
                guid = data.draw(st.sampled_from(self.relationships))
                rel = type_guid(gallery, "RelatedTerm")
                self.both(lambda c: c.delete_relationship(USER, rel, "RelatedTerm", guid))

        @rule(regex=REGEXES, deleted=st.booleans())
        def search(self, regex: str, deleted: bool) -> None:
            statuses = [InstanceStatus.DELETED, InstanceStatus.ACTIVE] if deleted else None
            self.both(
                lambda c: c.find_entities_by_property_value(
                    USER, None, regex, limit_results_by_status=statuses
                )
            )
            condition = PropertyCondition(
                property="qualifiedName",
                operator=PropertyComparisonOperator.LIKE,
                value=primitive_value(regex),
            )
            self.both(
                lambda c: c.find_entities(USER, match_properties=SearchProperties(conditions=[condition]))
            )
            self.both(lambda c: c.find_relationships(USER, limit_results_by_status=statuses))

        @rule(data=st.data(), level=st.integers(0, 3))
        def graph(self, data: st.DataObject, level: int) -> None:
            guid = data.draw(st.sampled_from(self.entities))
            self.both(lambda c: c.get_relationships_for_entity(USER, guid))
            self.both(lambda c: c.get_entity_neighborhood(USER, guid, level=level))
            self.both(lambda c: c.get_entity_detail_history(USER, guid))

        @invariant()
        def same_events(self) -> None:
            drained = []
            for store in self.stores:
                entries = store.pending_events(10_000)
                store.remove_published([e.sequence for e in entries])
                drained.append([to_wire(e.cohort_event) for e in entries])
            assert drained[0] == drained[1]

        def teardown(self) -> None:
            for store in self.stores:
                store.close()

    run_state_machine_as_test(
        StoresAgree,
        settings=settings(
            max_examples=4,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


pytestmark = pytest.mark.neo4j
