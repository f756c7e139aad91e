"""The embedded instance store: every port method, history, atomicity, copies, the outbox."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphrepo.omrs import (
    Classification,
    EntityDetail,
    EntityProxy,
    InstanceStatus,
    InstanceType,
    OMRSEventV1,
    Relationship,
    RepositoryErrorException,
    SequencingOrder,
    instance_properties_from_python,
    primitive_value,
    to_wire,
)
from graphrepo.store import (
    EntityRecord,
    InstanceQuery,
    InstanceStore,
    Operator,
    Paging,
    PropertyTest,
    ProxyRecord,
    RelationshipRecord,
    StoreTransaction,
)
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore, memory_stores
from graphrepo.store.memory._state import fast_copy
from tests.unit.omrs.test_core_hypothesis import entities, proxies, relationships

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def entity(guid: str, version: int = 1, *, name: str | None = None, **header: Any) -> EntityDetail:
    return EntityDetail(
        guid=guid,
        type=InstanceType(type_def_name=header.pop("type_name", "Asset")),
        status=header.pop("status", InstanceStatus.ACTIVE),
        version=version,
        create_time=T0,
        update_time=None if version == 1 else at(version - 1),
        properties=instance_properties_from_python({"qualifiedName": name or f"{guid}-v{version}"}),
        **header,
    )


def relationship(guid: str, one: str, two: str, version: int = 1, **header: Any) -> Relationship:
    return Relationship(
        guid=guid,
        type=InstanceType(type_def_name=header.pop("type_name", "Link")),
        status=header.pop("status", InstanceStatus.ACTIVE),
        version=version,
        create_time=T0,
        update_time=None if version == 1 else at(version - 1),
        entity_one_proxy=EntityProxy(guid=one),
        entity_two_proxy=EntityProxy(guid=two),
        **header,
    )


def save(tx: StoreTransaction, *instances: EntityDetail | Relationship) -> None:
    for instance in instances:
        if isinstance(instance, EntityDetail):
            tx.save_entity(EntityRecord(instance, ("Asset", "Referenceable")))
        else:
            tx.save_relationship(RelationshipRecord(instance, ("Link",)))


@pytest.fixture
def store() -> MemoryInstanceStore:
    store = MemoryInstanceStore()
    store.write(lambda tx: save(tx, entity("e1"), entity("e2"), entity("e3"), relationship("r1", "e1", "e2")))
    return store


def test_is_an_instance_store() -> None:
    instances, types = memory_stores()
    port: InstanceStore = instances
    assert isinstance(types, MemoryTypeStore)
    assert port.read(lambda tx: tx.get_entity("nothing")) is None


# --- current state -------------------------------------------------------------------------------


def test_get_returns_what_was_saved(store: MemoryInstanceStore) -> None:
    assert store.read(lambda tx: tx.get_entity("e1")) == entity("e1")
    assert store.read(lambda tx: tx.get_relationship("r1")) == relationship("r1", "e1", "e2")
    assert store.read(lambda tx: tx.get_relationship("e1")) is None


def test_returned_and_saved_objects_are_never_shared(store: MemoryInstanceStore) -> None:
    got = store.read(lambda tx: tx.get_entity("e1"))
    assert isinstance(got, EntityDetail)
    got.properties.instance_properties.clear()  # type: ignore[union-attr]
    mine = entity("e4")
    store.write(lambda tx: save(tx, mine))
    mine.properties.instance_properties.clear()  # type: ignore[union-attr]
    assert store.read(lambda tx: tx.get_entity("e1")) == entity("e1")
    assert store.read(lambda tx: tx.get_entity("e4")) == entity("e4")
    found = store.read(lambda tx: tx.find_entities(InstanceQuery()))
    found[0].guid = "changed"
    assert store.read(lambda tx: tx.get_entity("e1")) == entity("e1")


def test_proxies(store: MemoryInstanceStore) -> None:
    proxy = EntityProxy(guid="p1", type=InstanceType(type_def_name="Asset"), version=1)
    store.write(lambda tx: tx.save_proxy(ProxyRecord(proxy, ("Asset",))))
    assert store.read(lambda tx: tx.get_entity("p1")) == proxy
    # A proxy never replaces a full entity, and is never found by a search.
    store.write(lambda tx: tx.save_proxy(ProxyRecord(EntityProxy(guid="e1"), ("Asset",))))
    assert isinstance(store.read(lambda tx: tx.get_entity("e1")), EntityDetail)
    assert "p1" not in {e.guid for e in store.read(lambda tx: tx.find_entities(InstanceQuery()))}
    # A relationship may end at a proxy; the full entity then replaces the proxy.
    store.write(lambda tx: save(tx, relationship("r2", "e1", "p1")))
    store.write(lambda tx: save(tx, entity("p1")))
    assert isinstance(store.read(lambda tx: tx.get_entity("p1")), EntityDetail)
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("p1"))] == ["r2"]


def test_relationships_of_follows_both_ends_and_re_pointing(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, relationship("r2", "e3", "e1"), relationship("r3", "e2", "e3")))
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("e1"))] == ["r1", "r2"]
    assert store.read(lambda tx: tx.relationships_of("unknown")) == []
    store.write(lambda tx: save(tx, relationship("r1", "e2", "e3", version=2)))
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("e1"))] == ["r2"]
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("e3"))] == ["r1", "r2", "r3"]


def test_a_relationship_needs_its_ends(store: MemoryInstanceStore) -> None:
    with pytest.raises(RepositoryErrorException, match="not stored"):
        store.write(lambda tx: save(tx, relationship("r9", "e1", "missing")))
    with pytest.raises(RepositoryErrorException, match="without a GUID"):
        store.write(lambda tx: save(tx, entity("")))


# --- history -------------------------------------------------------------------------------------


def test_history_and_as_of(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, entity("e1", 2)))
    store.write(lambda tx: save(tx, entity("e1", 3, status=InstanceStatus.DELETED)))
    assert store.read(lambda tx: tx.entity_as_of("e1", T0 - timedelta(seconds=1))) is None
    assert store.read(lambda tx: tx.entity_as_of("e1", T0)) == entity("e1")
    assert store.read(lambda tx: tx.entity_as_of("e1", at(1.5))) == entity("e1", 2)
    assert store.read(lambda tx: tx.entity_as_of("e1", at(99))).version == 3  # type: ignore[union-attr]

    def versions(start: datetime | None, end: datetime | None) -> list[int]:
        return [e.version for e in store.read(lambda tx: tx.entity_history("e1", start, end))]

    assert versions(None, None) == [1, 2, 3]
    assert versions(at(1), None) == [2, 3]  # version 1 ended exactly at day 1
    assert versions(at(0.5), at(1.5)) == [1, 2]
    assert versions(None, at(1)) == [1]  # [from, to): version 2 starts at day 1
    assert versions(at(5), None) == [3]
    assert store.read(lambda tx: tx.entity_history("unknown", None, None)) == []


def test_same_version_replaces_and_late_versions_are_ordered(store: MemoryInstanceStore) -> None:
    classified = entity("e2", classifications=[Classification(name="Memento")])
    store.write(lambda tx: save(tx, classified))
    assert store.read(lambda tx: tx.entity_history("e2", None, None)) == [classified]
    store.write(lambda tx: save(tx, entity("e2", 3)))
    store.write(lambda tx: save(tx, entity("e2", 2)))  # arrives late, belongs in the middle
    assert [e.version for e in store.read(lambda tx: tx.entity_history("e2", None, None))] == [1, 2, 3]
    assert store.read(lambda tx: tx.entity_as_of("e2", at(1.5))).version == 2  # type: ignore[union-attr]


def test_relationship_history(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, relationship("r1", "e1", "e2", 2)))
    assert [r.version for r in store.read(lambda tx: tx.relationship_history("r1", None, None))] == [1, 2]
    assert store.read(lambda tx: tx.relationship_as_of("r1", at(0.5))) == relationship("r1", "e1", "e2")


def test_find_as_of(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, entity("e1", 2, name="renamed")))
    renamed = PropertyTest("qualifiedName", Operator.EQ, primitive_value("renamed"))
    now = store.read(lambda tx: tx.find_entities(InstanceQuery(condition=renamed)))
    before = store.read(lambda tx: tx.find_entities(InstanceQuery(condition=renamed, as_of=at(0.5))))
    assert [e.guid for e in now] == ["e1"]
    assert before == []
    old = store.read(lambda tx: tx.find_entities(InstanceQuery(as_of=at(0.5))))
    assert [(e.guid, e.version) for e in old] == [("e1", 1), ("e2", 1), ("e3", 1)]
    rels = store.read(lambda tx: tx.find_relationships(InstanceQuery(as_of=T0 - timedelta(days=1))))
    assert rels == []


# --- searches ------------------------------------------------------------------------------------


def test_find_filters_sorts_and_pages(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, entity("e4", type_name="Process", status=InstanceStatus.DELETED)))
    query = InstanceQuery(
        statuses=frozenset({InstanceStatus.ACTIVE}),
        paging=Paging(
            offset=1, page_size=1, order=SequencingOrder.PROPERTY_DESCENDING, order_property="qualifiedName"
        ),
    )
    assert [e.guid for e in store.read(lambda tx: tx.find_entities(query))] == ["e2"]
    processes = InstanceQuery(type_names=frozenset({"Process"}))
    assert [e.guid for e in store.read(lambda tx: tx.find_entities(processes))] == ["e4"]
    links = store.read(lambda tx: tx.find_relationships(InstanceQuery(type_names=frozenset({"Link"}))))
    assert [r.guid for r in links] == ["r1"]


def test_find_sees_the_transactions_own_writes(store: MemoryInstanceStore) -> None:
    def work(tx: StoreTransaction) -> list[str]:
        save(tx, entity("e9"))
        tx.purge_entity("e2")
        return [e.guid or "" for e in tx.find_entities(InstanceQuery())]

    assert store.write(work) == ["e1", "e3", "e9"]


# --- purge and reidentify ------------------------------------------------------------------------


def test_purge_entity_removes_its_relationships_and_history(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: save(tx, relationship("r2", "e2", "e3")))
    store.write(lambda tx: tx.purge_entity("e2"))
    assert store.read(
        lambda tx: (tx.get_entity("e2"), tx.get_relationship("r1"), tx.get_relationship("r2"))
    ) == (
        None,
        None,
        None,
    )
    assert store.read(lambda tx: (tx.relationships_of("e1"), tx.relationships_of("e3"))) == ([], [])
    assert store.read(lambda tx: tx.entity_history("e2", None, None)) == []
    assert store.read(lambda tx: tx.relationship_as_of("r1", at(9))) is None
    store.write(lambda tx: tx.purge_entity("never-there"))  # nothing to do is not an error


def test_purge_relationship(store: MemoryInstanceStore) -> None:
    store.write(lambda tx: tx.purge_relationship("r1"))
    assert store.read(lambda tx: (tx.get_relationship("r1"), tx.relationships_of("e1"))) == (None, [])
    assert store.read(lambda tx: tx.relationship_history("r1", None, None)) == []


def test_reidentify_entity_keeps_relationships_attached(store: MemoryInstanceStore) -> None:
    renamed = entity("n1", 2, re_identified_from_guid="e1")

    def work(tx: StoreTransaction) -> None:
        tx.reidentify_entity("e1", EntityRecord(renamed, ("Asset",)))
        assert [r.guid for r in tx.relationships_of("n1")] == ["r1"]
        save(tx, relationship("r1", "n1", "e2", 2))

    store.write(work)
    assert store.read(lambda tx: tx.get_entity("e1")) is None
    assert store.read(lambda tx: tx.get_entity("n1")) == renamed
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("n1"))] == ["r1"]
    assert store.read(lambda tx: tx.relationships_of("e1")) == []
    assert store.read(lambda tx: tx.entity_history("e1", None, None)) == []
    assert store.read(lambda tx: tx.entity_history("n1", None, None)) == [renamed]


def test_reidentify_relationship(store: MemoryInstanceStore) -> None:
    renamed = relationship("r9", "e1", "e2", 2, re_identified_from_guid="r1")
    store.write(lambda tx: tx.reidentify_relationship("r1", RelationshipRecord(renamed, ("Link",))))
    assert store.read(lambda tx: tx.get_relationship("r1")) is None
    assert [r.guid for r in store.read(lambda tx: tx.relationships_of("e2"))] == ["r9"]
    assert store.read(lambda tx: tx.relationship_history("r1", None, None)) == []


# --- transactions --------------------------------------------------------------------------------


def _everything(tx: StoreTransaction) -> tuple[Any, ...]:
    return (
        tx.find_entities(InstanceQuery()),
        tx.find_relationships(InstanceQuery()),
        [tx.relationships_of(g) for g in ("e1", "e2", "e3", "e9")],
        [tx.entity_history(g, None, None) for g in ("e1", "e2", "e9")],
        tx.relationship_history("r1", None, None),
    )


def test_an_exception_inside_write_leaves_nothing(store: MemoryInstanceStore) -> None:
    before = store.read(_everything)

    def fail(tx: StoreTransaction) -> None:
        save(tx, entity("e9"), entity("e1", 2), relationship("r9", "e9", "e3"))
        tx.purge_entity("e2")
        tx.reidentify_entity("e3", EntityRecord(entity("n3", 2), ("Asset",)))
        tx.add_to_outbox([OMRSEventV1()])
        assert tx.get_entity("e9") is not None
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        store.write(fail)
    assert store.read(_everything) == before
    assert store.pending_events(10) == []


def test_reads_cannot_write_and_transactions_do_not_nest_or_outlive_their_work(
    store: MemoryInstanceStore,
) -> None:
    with pytest.raises(RepositoryErrorException, match="read transaction"):
        store.read(lambda tx: save(tx, entity("e9")))
    with pytest.raises(RepositoryErrorException, match="do not nest"):
        store.write(lambda tx: store.read(lambda inner: None))
    kept: list[StoreTransaction] = []
    store.read(kept.append)
    with pytest.raises(RepositoryErrorException, match="ended"):
        kept[0].get_entity("e1")
    assert store.write(lambda tx: "result") == "result"


def test_writers_are_serialised() -> None:
    store = MemoryInstanceStore()
    store.write(lambda tx: save(tx, entity("counter", 1)))

    def bump(tx: StoreTransaction) -> None:
        current = tx.get_entity("counter")
        assert current is not None
        time.sleep(0.001)  # widen the window a lost update would need
        save(tx, entity("counter", current.version + 1))

    threads = [threading.Thread(target=lambda: store.write(bump)) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.read(lambda tx: tx.get_entity("counter")).version == 21  # type: ignore[union-attr]


def test_close() -> None:
    store = MemoryInstanceStore()
    store.close()
    with pytest.raises(RepositoryErrorException, match="closed"):
        store.read(lambda tx: None)


# --- the outbox ----------------------------------------------------------------------------------


def event(n: int) -> OMRSEventV1:
    return OMRSEventV1(timestamp=at(n))


def test_outbox_order_and_removal() -> None:
    store = MemoryInstanceStore()
    store.write(lambda tx: tx.add_to_outbox([event(1), event(2)]))
    store.write(lambda tx: tx.add_to_outbox([event(3)]))
    pending = store.pending_events(10)
    assert [e.cohort_event for e in pending] == [event(1), event(2), event(3)]
    sequences = [e.sequence for e in pending]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3
    assert [e.sequence for e in store.pending_events(2)] == sequences[:2]
    store.remove_published(sequences[:2])
    store.write(lambda tx: tx.add_to_outbox([event(4)]))
    after = store.pending_events(10)
    assert [e.cohort_event for e in after] == [event(3), event(4)]
    assert after[1].sequence > sequences[-1]  # never reused
    after[0].cohort_event.timestamp = None
    assert store.pending_events(1)[0].cohort_event == event(3)
    store.remove_published([after[0].sequence, 12345])
    assert store.pending_events(0) == []
    assert len(store.pending_events(10)) == 1


# --- the type store's counter --------------------------------------------------------------------


def test_count_instances_of_counts_exact_types_any_status() -> None:
    instances, types = memory_stores()
    classified = entity("e1", classifications=[Classification(name="Memento")], type_name="GlossaryTerm")
    proxy = EntityProxy(guid="p", type=InstanceType(type_def_name="Asset"))

    def work(tx: StoreTransaction) -> None:
        save(tx, classified, entity("e2", status=InstanceStatus.DELETED, type_name="GlossaryTerm"))
        tx.save_proxy(ProxyRecord(proxy, ("Asset",)))
        save(tx, relationship("r1", "e1", "e2", type_name="Link"))

    instances.write(work)
    assert types.count_instances_of("GlossaryTerm") == 2
    assert types.count_instances_of("Asset") == 1
    assert types.count_instances_of("Referenceable") == 0
    assert types.count_instances_of("Memento") == 1
    assert types.count_instances_of("Link") == 1


# --- copies --------------------------------------------------------------------------------------


@given(st.one_of(entities, relationships, proxies))
@settings(max_examples=60, deadline=None)
def test_fast_copy_is_an_equal_independent_deep_copy(bean: EntityDetail | Relationship | EntityProxy) -> None:
    copied = fast_copy(bean)
    assert copied == bean
    assert to_wire(copied) == to_wire(bean)
    assert copied.model_fields_set == bean.model_fields_set
    original = to_wire(bean)
    # Change every mutable part of the copy; the original must not move.
    copied.maintained_by.append("someone")
    copied.mapping_properties["new"] = [1]
    for value in copied.mapping_properties.values():
        if isinstance(value, list | dict):
            value.clear()
    properties = copied.unique_properties if isinstance(copied, EntityProxy) else copied.properties
    if properties is not None:
        properties.instance_properties.clear()
    if isinstance(copied, EntityDetail | EntityProxy):
        for classification in copied.classifications:
            classification.name = "changed"
        copied.classifications.append(Classification(name="Extra"))
    assert to_wire(bean) == original


def test_batch_reads_and_writes(store: MemoryInstanceStore) -> None:
    a, b = entity("a"), entity("b")
    link = relationship("r", "a", "b")

    def work(tx: StoreTransaction) -> None:
        tx.save_entities([EntityRecord(a, ("Asset",)), EntityRecord(b, ("Asset",))])
        tx.save_relationships([RelationshipRecord(link, ("Link",))])

    store.write(work)
    assert store.read(lambda tx: tx.get_entities(["b", "missing", "a", "b"])) == {"a": a, "b": b}
    assert store.read(lambda tx: tx.get_relationships(["r", "missing"])) == {"r": link}
    with pytest.raises(RepositoryErrorException):
        store.write(
            lambda tx: tx.save_relationships([RelationshipRecord(relationship("r2", "a", "x"), ("Link",))])
        )
