"""The Neo4j instance store on a real Neo4j: every port method, the graph people see, exact round trips,
atomicity, and timings of a save and a get over the driver (printed, not asserted)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j.exceptions import Neo4jError

from graphrepo.metamodel import TypeGallery, load_type_gallery, plan_schema
from graphrepo.metamodel._schema import CurrentSchema, SchemaPlan
from graphrepo.omrs import (
    ArrayPropertyValue,
    Classification,
    EntityDetail,
    EntityProxy,
    EnumPropertyValue,
    InstanceProperties,
    InstanceProvenanceType,
    InstanceStatus,
    InstanceType,
    OMRSEventV1,
    OMRSInstanceEventType,
    PrimitiveDefCategory,
    Relationship,
    RepositoryErrorException,
    SequencingOrder,
    StructPropertyValue,
    TypeDefCategory,
    entity_event,
    primitive_value,
    property_value_from_python,
)
from graphrepo.store import (
    AnyValueMatches,
    ClassificationConditions,
    ClassificationTest,
    Combine,
    Conditions,
    EntityRecord,
    IndexKind,
    IndexSpec,
    IndexTarget,
    InstanceQuery,
    Operator,
    Paging,
    PropertyTest,
    ProxyRecord,
    RelationshipRecord,
    StoreTransaction,
)
from graphrepo.store._matching import entity_matches
from graphrepo.store.neo4j import (
    Neo4jClient,
    Neo4jInstanceStore,
    QueryLibrary,
    apply_indexes,
    apply_migrations,
)
from graphrepo.store.neo4j._cypher_names import quote_name
from graphrepo.store.neo4j._graph_values import NATIVE_STRING_LIMIT
from graphrepo.store.neo4j._instance_store import SearchTextIndexer
from graphrepo.store.neo4j._search import plan_search
from tests.servers import Neo4jDatabase

P = PrimitiveDefCategory
T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
HOME = "home-collection"
TERM = ("GlossaryTerm", "Referenceable", "OpenMetadataRoot")
ASSET = ("Asset", "Referenceable", "OpenMetadataRoot")


@pytest.fixture
def store(neo4j_db: Neo4jDatabase) -> Iterator[Neo4jInstanceStore]:
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    store = Neo4jInstanceStore(client)
    yield store
    store.close()  # stops its search-text indexer, which must not index a later test's database


# --- builders ------------------------------------------------------------------------------------------


def _type(name: str, category: TypeDefCategory = TypeDefCategory.ENTITY_DEF) -> InstanceType:
    return InstanceType(
        type_def_category=category, type_def_guid=f"guid-of-{name}", type_def_name=name, type_def_version=1
    )


def _props(**values: Any) -> InstanceProperties:
    return InstanceProperties(
        instance_properties={
            name: value if not isinstance(value, str) else primitive_value(value)
            for name, value in values.items()
        }
    )


def entity(
    guid: str,
    type_name: str = "GlossaryTerm",
    *,
    version: int = 1,
    updated: datetime | None = None,
    status: InstanceStatus = InstanceStatus.ACTIVE,
    classifications: list[Classification] | None = None,
    **values: Any,
) -> EntityDetail:
    return EntityDetail(
        guid=guid,
        type=_type(type_name),
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        metadata_collection_id=HOME,
        metadata_collection_name="test",
        created_by="garygeeke",
        create_time=T0,
        update_time=updated,
        version=version,
        status=status,
        classifications=classifications or [],
        properties=_props(**values) if values else None,
    )


def proxy(guid: str, type_name: str = "GlossaryTerm") -> EntityProxy:
    return EntityProxy(
        guid=guid,
        type=_type(type_name),
        metadata_collection_id="elsewhere",
        create_time=T0,
        version=1,
        status=InstanceStatus.ACTIVE,
        unique_properties=_props(qualifiedName=f"qn-{guid}"),
    )


def relationship(
    guid: str,
    end1: EntityDetail | EntityProxy,
    end2: EntityDetail | EntityProxy,
    type_name: str = "SemanticAssignment",
    *,
    version: int = 1,
    updated: datetime | None = None,
    status: InstanceStatus = InstanceStatus.ACTIVE,
    **values: Any,
) -> Relationship:
    def as_proxy(end: EntityDetail | EntityProxy) -> EntityProxy:
        return EntityProxy(guid=end.guid, type=end.type, metadata_collection_id=end.metadata_collection_id)

    return Relationship(
        guid=guid,
        type=_type(type_name, TypeDefCategory.RELATIONSHIP_DEF),
        metadata_collection_id=HOME,
        create_time=T0,
        update_time=updated,
        version=version,
        status=status,
        entity_one_proxy=as_proxy(end1),
        entity_two_proxy=as_proxy(end2),
        properties=_props(**values) if values else None,
    )


def typed_values() -> dict[str, Any]:
    """One attribute of every kind whose exact type must survive the store."""
    return {
        "qualifiedName": primitive_value("term-1"),
        "anInt": primitive_value(5, P.OM_PRIMITIVE_TYPE_INT),
        "aLong": primitive_value(5, P.OM_PRIMITIVE_TYPE_LONG),
        "aShort": primitive_value(5, P.OM_PRIMITIVE_TYPE_SHORT),
        "aByte": primitive_value(5, P.OM_PRIMITIVE_TYPE_BYTE),
        "aDouble": primitive_value(5.0, P.OM_PRIMITIVE_TYPE_DOUBLE),
        "aFloat": primitive_value(0.1, P.OM_PRIMITIVE_TYPE_FLOAT),
        "aBigInteger": primitive_value(2**80, P.OM_PRIMITIVE_TYPE_BIGINTEGER),
        "aBigDecimal": primitive_value(
            Decimal("3.14159265358979323846264338"), P.OM_PRIMITIVE_TYPE_BIGDECIMAL
        ),
        "aDate": primitive_value(
            datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC), P.OM_PRIMITIVE_TYPE_DATE
        ),
        "aBoolean": primitive_value(True),
        "aChar": primitive_value("x", P.OM_PRIMITIVE_TYPE_CHAR),
        "anEnum": EnumPropertyValue(
            type_name="TermStatus", type_guid="ts", ordinal=1, symbolic_name="ACTIVE"
        ),
        "strings": property_value_from_python(["a", "b"]),
        "ints": property_value_from_python([1, 2, 3]),
        "mixed": property_value_from_python([1, "two", 3.0]),
        "aMap": property_value_from_python({"k1": "v1", "k2": "v2"}),
        "nested": property_value_from_python(
            {"when": datetime(2020, 1, 1, tzinfo=UTC), "big": Decimal("0.1")}
        ),
        "aStruct": StructPropertyValue(
            type_name="Coordinates", attributes=_props(x=primitive_value(1.5), label="home")
        ),
    }


def _entity_record(e: EntityDetail, lineage: tuple[str, ...] = TERM, **kw: Any) -> EntityRecord:
    return EntityRecord(entity=e, lineage=lineage, **kw)


def _save(store: Neo4jInstanceStore, *items: EntityDetail | EntityProxy | Relationship) -> None:
    def work(tx: StoreTransaction) -> None:
        for item in items:
            if isinstance(item, EntityDetail):
                lineage = TERM if item.type and item.type.type_def_name == "GlossaryTerm" else ASSET
                tx.save_entity(EntityRecord(item, lineage, {"Confidentiality": ("Confidentiality",)}))
            elif isinstance(item, EntityProxy):
                tx.save_proxy(ProxyRecord(item, TERM))
            else:
                name = item.type.type_def_name if item.type else "SemanticAssignment"
                tx.save_relationship(RelationshipRecord(item, (name or "SemanticAssignment",)))

    store.write(work)


def _query(db: Neo4jDatabase, text: Any, **parameters: Any) -> list[dict[str, Any]]:
    return [dict(record) for record in db.query(text, **parameters)]


# --- reads and writes ----------------------------------------------------------------------------------


def test_an_entity_round_trips_exactly_with_every_kind_of_value(store: Neo4jInstanceStore) -> None:
    confidential = Classification(
        name="Confidentiality",
        type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF),
        metadata_collection_id="another-home",
        version=3,
        status=InstanceStatus.ACTIVE,
        properties=_props(level=primitive_value(2, P.OM_PRIMITIVE_TYPE_INT)),
    )
    original = entity("e-1", classifications=[confidential], **typed_values())
    original = original.model_copy(update={"mapping_properties": {"connector": {"x": [1, "a"]}}})
    _save(store, original)
    stored = store.read(lambda tx: tx.get_entity("e-1"))
    assert stored == original
    assert isinstance(stored, EntityDetail) and stored.properties is not None
    values = stored.properties.instance_properties
    assert values["aBigDecimal"] == typed_values()["aBigDecimal"]
    assert values["aLong"].primitive_def_category is P.OM_PRIMITIVE_TYPE_LONG  # type: ignore[union-attr]
    assert store.read(lambda tx: tx.get_entity("missing")) is None


def test_the_graph_people_see(store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase) -> None:
    confidential = Classification(
        name="Confidentiality",
        type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF),
        version=1,
        status=InstanceStatus.ACTIVE,
        properties=_props(level=primitive_value(2, P.OM_PRIMITIVE_TYPE_INT)),
    )
    term = entity("e-1", classifications=[confidential], **typed_values())
    asset = entity("e-2", "Asset", qualifiedName="asset-1")
    _save(store, term, asset, relationship("r-1", term, asset, description="meaning"))

    [node] = _query(neo4j_db, "MATCH (n:Referenceable {_guid: 'e-1'}) RETURN labels(n) AS labels, n AS n")
    assert set(node["labels"]) == {"Entity", *TERM}
    n = node["n"]
    assert (
        n["qualifiedName"] == "term-1" and n["anInt"] == 5 and n["aDouble"] == 5.0 and n["aBoolean"] is True
    )
    assert n["aBigInteger"] == str(2**80) and n["aBigDecimal"] == "3.14159265358979323846264338"
    assert n["aDate"].to_native() == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=UTC)
    assert n["anEnum"] == "ACTIVE" and n["strings"] == ["a", "b"] and n["ints"] == [1, 2, 3]
    assert n["aMap"] == '{"k1":"v1","k2":"v2"}' and n["mixed"] == '[1,"two",3.0]'
    assert n["_typeName"] == "GlossaryTerm" and n["_version"] == 1 and n["_status"] == "ACTIVE"
    assert n["_metadataCollectionId"] == HOME and n["_createTime"].to_native() == T0
    assert n["_classifications"] == ["Confidentiality"]

    [c] = _query(
        neo4j_db,
        "MATCH (:Entity {_guid: 'e-1'})-[:CLASSIFIED_AS]->(c:Confidentiality) RETURN labels(c) AS l, c AS c",
    )
    assert set(c["l"]) == {"Classification", "Confidentiality"} and c["c"]["level"] == 2

    [r] = _query(
        neo4j_db,
        "MATCH (a:Entity)-[r:SemanticAssignment]->(b:Entity) RETURN a._guid AS a, b._guid AS b, r AS r",
    )
    assert (r["a"], r["b"]) == ("e-1", "e-2")
    assert r["r"]["_guid"] == "r-1" and r["r"]["description"] == "meaning" and r["r"]["_version"] == 1
    [key] = _query(neo4j_db, "MATCH (k:RelationshipKey) RETURN k AS k")
    expected_key = {"_guid": "r-1", "_typeName": "SemanticAssignment", "_end1": "e-1", "_end2": "e-2"}
    assert dict(key["k"]).items() >= expected_key.items()
    # History never carries type labels.
    assert _query(neo4j_db, "MATCH (v:InstanceVersion) RETURN count(v) AS c, collect(labels(v)) AS l") == [
        {"c": 3, "l": [["InstanceVersion"]] * 3}
    ]


def test_dates_are_stored_as_native_datetimes_on_every_element(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    """Rows carry dates as epoch pairs (``_writes``); the statements rebuild the same instants, to the
    microsecond, whatever the offset, on nodes, classifications, relationships and version snapshots."""
    updated = datetime(2024, 3, 2, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    early = datetime(1969, 7, 20, 20, 17, 40, 500000, tzinfo=UTC)  # before the epoch
    confidential = Classification(
        name="Confidentiality",
        type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF),
        version=1,
        create_time=early,
        update_time=updated,
    )
    term = entity("e-1", version=2, updated=updated, classifications=[confidential], qualifiedName="t")
    asset = entity("e-2", "Asset", qualifiedName="asset-1")
    _save(store, term, asset, relationship("r-1", term, asset, updated=early))

    rows = _query(
        neo4j_db,
        "MATCH (n:Entity {_guid: 'e-1'})-[:CLASSIFIED_AS]->(c:Classification) "
        "MATCH (n)-[r]->(:Entity {_guid: 'e-2'}) "
        "MATCH (v:InstanceVersion {_guid: 'e-1'}) MATCH (w:InstanceVersion {_guid: 'r-1'}) "
        "RETURN n._createTime AS created, n._updateTime AS updated, c._createTime AS cCreated, "
        "c._updateTime AS cUpdated, r._updateTime AS rUpdated, v._validFrom AS validFrom, "
        "w._validFrom AS rValidFrom, v._doc = n._doc AS sameDoc, w._doc = r._doc AS sameRelDoc, "
        "keys(v) AS versionKeys",
    )
    [row] = rows
    assert row["created"].to_native() == T0 and row["updated"].to_native() == updated
    assert row["cCreated"].to_native() == early and row["cUpdated"].to_native() == updated
    assert row["rUpdated"].to_native() == early and row["rValidFrom"].to_native() == early
    assert row["validFrom"].to_native() == updated
    assert row["sameDoc"] is True and row["sameRelDoc"] is True
    assert set(row["versionKeys"]) == {"_guid", "_version", "_kind", "_typeName", "_validFrom", "_doc"}
    # The history finds the version from that very instant (its _doc keeps milliseconds, as Java does).
    found = store.read(lambda tx: tx.entity_as_of("e-1", updated))
    assert found is not None and found.version == 2
    assert store.read(lambda tx: tx.entity_as_of("e-1", updated - timedelta(microseconds=1))) is None


def test_proxies_and_reference_copies_are_marked(store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase) -> None:
    _save(store, proxy("e-9"))
    stored = store.read(lambda tx: tx.get_entity("e-9"))
    assert isinstance(stored, EntityProxy) and stored == proxy("e-9")
    assert _query(neo4j_db, "MATCH (n:EntityProxy) RETURN n.qualifiedName AS q") == [{"q": "qn-e-9"}]

    full = entity("e-9", qualifiedName="full")
    store.write(lambda tx: tx.save_entity(_entity_record(full, reference_copy=True)))
    assert store.read(lambda tx: tx.get_entity("e-9")) == full
    [row] = _query(neo4j_db, "MATCH (n:Entity {_guid: 'e-9'}) RETURN labels(n) AS l")
    assert "ReferenceCopy" in row["l"] and "EntityProxy" not in row["l"]

    _save(store, proxy("e-9"))  # ignored: the full entity is stored
    assert store.read(lambda tx: tx.get_entity("e-9")) == full
    store.write(lambda tx: tx.save_entity(_entity_record(full)))
    [row] = _query(neo4j_db, "MATCH (n:Entity {_guid: 'e-9'}) RETURN labels(n) AS l")
    assert "ReferenceCopy" not in row["l"]


def test_relationships_read_by_guid_and_by_entity(store: Neo4jInstanceStore) -> None:
    a, b, c = entity("a"), entity("b", "Asset"), proxy("c")
    r1, r2 = relationship("r1", a, b, description="x"), relationship("r2", c, a, "TermAnchor")
    self_loop = relationship("r3", a, a, "RelatedTerm")
    _save(store, a, b, c, r1, r2, self_loop)
    assert store.read(lambda tx: tx.get_relationship("r1")) == r1
    assert store.read(lambda tx: tx.get_relationship("nope")) is None
    related = store.read(lambda tx: tx.relationships_of("a"))
    assert sorted(r.guid or "" for r in related) == ["r1", "r2", "r3"]
    assert store.read(lambda tx: tx.relationships_of("c")) == [r2]


def test_a_relationship_needs_both_ends_and_nothing_is_left_behind(store: Neo4jInstanceStore) -> None:
    a = entity("a")

    def work(tx: StoreTransaction) -> None:
        tx.save_entity(_entity_record(a))
        tx.save_relationship(
            RelationshipRecord(relationship("r1", a, entity("missing")), ("SemanticAssignment",))
        )

    with pytest.raises(RepositoryErrorException, match="must be stored"):
        store.write(work)
    assert store.read(lambda tx: tx.get_entity("a")) is None


def test_a_failure_mid_transaction_leaves_nothing_behind(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    a, b = entity("a"), entity("b")
    _save(store, a)

    def work(tx: StoreTransaction) -> None:
        tx.save_entity(_entity_record(a.model_copy(update={"version": 2, "update_time": T0 + timedelta(1)})))
        tx.save_entity(_entity_record(b))
        tx.save_relationship(RelationshipRecord(relationship("r1", a, b), ("SemanticAssignment",)))
        tx.add_to_outbox([entity_event(OMRSInstanceEventType.NEW_ENTITY_EVENT, None, b)])  # type: ignore[arg-type]
        raise RuntimeError("injected")

    with pytest.raises(RuntimeError, match="injected"):
        store.write(work)
    assert store.read(lambda tx: tx.get_entity("a")) == a
    assert store.read(lambda tx: (tx.get_entity("b"), tx.get_relationship("r1"))) == (None, None)
    assert store.pending_events(10) == []
    assert _query(neo4j_db, "MATCH (v:InstanceVersion) RETURN count(v) AS c") == [{"c": 1}]


def test_retype_swaps_labels_and_relationship_types(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    a, b = entity("a"), entity("b")
    r = relationship("r1", a, b)
    _save(store, a, b, r)
    retyped = entity("a", "Asset", version=2, updated=T0 + timedelta(hours=1))
    store.write(lambda tx: tx.save_entity(_entity_record(retyped, ASSET)))
    [row] = _query(neo4j_db, "MATCH (n:Entity {_guid: 'a'}) RETURN labels(n) AS l, n._typeName AS t")
    assert set(row["l"]) == {"Entity", *ASSET} and row["t"] == "Asset"

    moved = relationship("r1", a, b, "RelatedTerm", version=2, updated=T0 + timedelta(hours=1), note="n")
    _save(store, moved)
    assert store.read(lambda tx: tx.get_relationship("r1")) == moved
    rows = _query(neo4j_db, "MATCH ()-[r]->() WHERE r._guid = 'r1' RETURN type(r) AS t, r.note AS note")
    assert rows == [{"t": "RelatedTerm", "note": "n"}]
    assert _query(neo4j_db, "MATCH (k:RelationshipKey) RETURN k._typeName AS t") == [{"t": "RelatedTerm"}]


def test_history_as_of_and_ranges(store: Neo4jInstanceStore) -> None:
    versions = [
        entity("a", version=v, updated=T0 + timedelta(hours=v - 1) if v > 1 else None, displayName=f"v{v}")
        for v in (1, 2, 3)
    ]
    for version in versions:
        _save(store, version)
    assert store.read(lambda tx: tx.get_entity("a")) == versions[2]

    def as_of(hours: float) -> EntityDetail | None:
        return store.read(lambda tx: tx.entity_as_of("a", T0 + timedelta(hours=hours)))

    assert as_of(-1) is None
    assert [as_of(h) for h in (0, 0.5, 1, 1.5, 2, 100)] == [
        versions[0],
        versions[0],
        versions[1],
        versions[1],
    ] + [versions[2]] * 2
    everything = store.read(lambda tx: tx.entity_history("a", None, None))
    assert everything == versions
    middle = store.read(
        lambda tx: tx.entity_history("a", T0 + timedelta(minutes=90), T0 + timedelta(hours=2))
    )
    assert middle == [versions[1]]
    assert store.read(lambda tx: tx.entity_history("a", T0 + timedelta(hours=5), None)) == [versions[2]]

    b = entity("b")
    r1 = relationship("r", versions[2], b, description="one")
    r2 = relationship("r", versions[2], b, version=2, updated=T0 + timedelta(hours=3), description="two")
    _save(store, b, r1)
    _save(store, r2)
    assert store.read(lambda tx: tx.relationship_as_of("r", T0 + timedelta(hours=1))) == r1
    assert store.read(lambda tx: tx.relationship_history("r", None, None)) == [r1, r2]


def test_purge_removes_history_relationships_and_keys(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    confidential = Classification(name="Confidentiality", version=1)
    a, b, c = entity("a", classifications=[confidential]), entity("b"), entity("c")
    _save(store, a, b, c, relationship("r1", a, b), relationship("r2", c, a), relationship("r3", b, c))
    store.write(lambda tx: tx.purge_entity("a"))
    assert store.read(
        lambda tx: (tx.get_entity("a"), tx.get_relationship("r1"), tx.get_relationship("r2"))
    ) == (
        None,
        None,
        None,
    )
    assert store.read(lambda tx: tx.entity_history("a", None, None)) == []
    assert _query(neo4j_db, "MATCH (k:RelationshipKey) RETURN k._guid AS g") == [{"g": "r3"}]
    assert _query(neo4j_db, "MATCH (c:Classification) RETURN count(c) AS n") == [{"n": 0}]
    assert {r["g"] for r in _query(neo4j_db, "MATCH (v:InstanceVersion) RETURN v._guid AS g")} == {
        "b",
        "c",
        "r3",
    }

    store.write(lambda tx: tx.purge_relationship("r3"))
    assert store.read(lambda tx: tx.get_relationship("r3")) is None
    assert _query(neo4j_db, "MATCH ()-[r]->() RETURN count(r) AS n") == [{"n": 0}]
    assert store.read(lambda tx: tx.relationship_history("r3", None, None)) == []


def test_reidentify_keeps_relationships_attached(store: Neo4jInstanceStore) -> None:
    a, b = entity("a", qualifiedName="qa"), entity("b")
    r = relationship("r1", a, b)
    _save(store, a, b, r)
    renamed = entity("a2", version=2, updated=T0 + timedelta(1), qualifiedName="qa").model_copy(
        update={"re_identified_from_guid": "a"}
    )
    store.write(lambda tx: tx.reidentify_entity("a", _entity_record(renamed)))
    assert store.read(lambda tx: (tx.get_entity("a"), tx.get_entity("a2"))) == (None, renamed)
    assert store.read(lambda tx: tx.get_relationship("r1")) == r  # still reachable through its key
    assert [x.guid for x in store.read(lambda tx: tx.relationships_of("a2"))] == ["r1"]
    assert store.read(lambda tx: tx.entity_history("a", None, None)) == []

    r2 = relationship("r2", renamed, b, version=2, updated=T0 + timedelta(2))
    store.write(lambda tx: tx.reidentify_relationship("r1", RelationshipRecord(r2, ("SemanticAssignment",))))
    assert store.read(lambda tx: (tx.get_relationship("r1"), tx.get_relationship("r2"))) == (None, r2)


def test_outbox_keeps_order_and_forgets_published(store: Neo4jInstanceStore) -> None:
    events = [OMRSEventV1(timestamp=T0 + timedelta(seconds=i), protocol_version_id=f"v{i}") for i in range(5)]
    store.write(lambda tx: tx.add_to_outbox(events[:3]))
    store.write(lambda tx: tx.add_to_outbox(events[3:]))
    pending = store.pending_events(10)
    assert [p.sequence for p in pending] == [1, 2, 3, 4, 5]
    assert [p.cohort_event for p in pending] == events
    store.remove_published([1, 2])
    assert [p.sequence for p in store.pending_events(2)] == [3, 4]


# --- searches ------------------------------------------------------------------------------------------


def _find(store: Neo4jInstanceStore, query: InstanceQuery) -> list[str]:
    return [e.guid or "" for e in store.read(lambda tx: tx.find_entities(query))]


def _regex(regex: str) -> Any:
    return primitive_value(regex)


@pytest.fixture
def searchable(store: Neo4jInstanceStore) -> Neo4jInstanceStore:
    confidential = Classification(
        name="Confidentiality", version=1, properties=_props(level=primitive_value(3))
    )
    entities = [
        entity(
            "t1", qualifiedName="glossary::customer", displayName="Customer", classifications=[confidential]
        ),
        entity("t2", qualifiedName="glossary::supplier", displayName="Supplier"),
        entity("t3", qualifiedName="glossary::customer-id", status=InstanceStatus.DELETED),
        entity("a1", "Asset", qualifiedName="db::customer_table", owner=property_value_from_python(["ann"])),
    ]
    _save(store, *entities, proxy("p1"))
    _save(store, relationship("r1", entities[0], entities[3], description="customer data"))
    _save(store, relationship("r2", entities[1], entities[3], "TermAnchor", description="other"))
    return store


def test_find_entities_narrows_then_evaluates_exactly(searchable: Neo4jInstanceStore) -> None:
    store = searchable
    active = frozenset({InstanceStatus.ACTIVE})
    assert _find(store, InstanceQuery()) == ["a1", "t1", "t2", "t3"]  # no proxies, GUID order
    assert _find(store, InstanceQuery(type_names=frozenset({"GlossaryTerm"}), statuses=active)) == [
        "t1",
        "t2",
    ]
    assert _find(store, InstanceQuery(condition=AnyValueMatches(".*\\Qcustomer\\E.*"))) == ["a1", "t1", "t3"]
    assert _find(store, InstanceQuery(condition=AnyValueMatches("(?i).*CUSTOMER.*"), statuses=active)) == [
        "a1",
        "t1",
    ]
    by_property = PropertyTest("qualifiedName", Operator.MATCHES, _regex("\\Qglossary::\\E.*"))
    assert _find(store, InstanceQuery(condition=by_property, statuses=active)) == ["t1", "t2"]
    exact = PropertyTest("displayName", Operator.EQ, primitive_value("Supplier"))
    assert _find(store, InstanceQuery(condition=exact)) == ["t2"]
    assert _find(
        store, InstanceQuery(condition=PropertyTest("guid", Operator.EQ, primitive_value("t2")))
    ) == ["t2"]
    assert (
        _find(store, InstanceQuery(condition=PropertyTest("guid", Operator.EQ, primitive_value("p1")))) == []
    )
    either = Conditions(
        Combine.ANY,
        (exact, PropertyTest("qualifiedName", Operator.MATCHES, _regex(".*\\Qtable\\E"))),
    )
    assert _find(store, InstanceQuery(condition=either)) == ["a1", "t2"]
    classified = ClassificationConditions(
        Combine.ALL,
        (ClassificationTest("Confidentiality", PropertyTest("level", Operator.GTE, primitive_value(3))),),
    )
    assert _find(store, InstanceQuery(classifications=classified)) == ["t1"]
    paged = Paging(offset=1, page_size=2, order=SequencingOrder.GUID)
    assert _find(store, InstanceQuery(paging=paged)) == ["t1", "t2"]
    assert _find(store, InstanceQuery(type_names=frozenset({"GlossaryTerm"}), paging=paged)) == ["t2", "t3"]
    by_name = Paging(order=SequencingOrder.PROPERTY_DESCENDING, order_property="qualifiedName")
    assert _find(store, InstanceQuery(condition=AnyValueMatches(".*customer.*"), paging=by_name)) == [
        "t3",
        "t1",
        "a1",
    ]
    assert _find(store, InstanceQuery(type_names=frozenset())) == []


def test_find_entities_uses_type_derived_indexes_when_told(searchable: Neo4jInstanceStore) -> None:
    spec = IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, "Referenceable", "qualifiedName")
    apply_indexes(searchable._client, [spec])
    searchable.index_for = lambda type_name, attribute: spec if attribute == "qualifiedName" else None
    query = InstanceQuery(
        type_names=frozenset({"GlossaryTerm", "Asset"}),
        condition=PropertyTest("qualifiedName", Operator.MATCHES, _regex(".*\\Qcustomer\\E.*")),
    )
    assert _find(searchable, query) == ["a1", "t1", "t3"]  # contains: the search-text index
    prefix = InstanceQuery(
        type_names=frozenset({"GlossaryTerm"}),
        condition=PropertyTest("qualifiedName", Operator.MATCHES, _regex("\\Qglossary::s\\E.*")),
    )
    assert _find(searchable, prefix) == ["t2"]
    exact = InstanceQuery(
        type_names=frozenset({"GlossaryTerm"}),
        condition=PropertyTest("qualifiedName", Operator.EQ, primitive_value("glossary::customer")),
    )
    assert _find(searchable, exact) == ["t1"]
    among = InstanceQuery(
        type_names=frozenset({"GlossaryTerm", "Asset"}),
        condition=PropertyTest(
            "qualifiedName", Operator.IN, property_value_from_python(["db::customer_table", "glossary::x"])
        ),
    )
    assert _find(searchable, among) == ["a1"]


def test_classification_property_searches_filter_classification_nodes_and_stay_exact(
    store: Neo4jInstanceStore,
) -> None:
    """A seek hint on the classification's properties filters its nodes in Cypher (no index: the other
    entities' documents are not read). Every probe, against attributes of every kind and long values
    stored cut, answers as the shared evaluator does over every entity."""
    long_text = "L" * (NATIVE_STRING_LIMIT + 50)
    pool: dict[str, Any] = {
        **typed_values(),
        "long": primitive_value(long_text),
        "digits": primitive_value("12abc"),
        "wordlike": primitive_value("trueish"),
    }
    saved: list[EntityDetail] = []
    for number, (attribute, value) in enumerate(sorted(pool.items())):
        classification = Classification(
            name="Confidentiality",
            type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF),
            properties=InstanceProperties(
                instance_properties={"probe": value, "other": primitive_value("x")}
            ),
        )
        saved.append(entity(f"c{number:02d}-{attribute}", classifications=[classification]))
    other = Classification(name="Retention", type=_type("Retention", TypeDefCategory.CLASSIFICATION_DEF))
    saved += [
        entity(
            "d-other-classification",
            classifications=[other.model_copy(update={"properties": _props(probe="term-1")})],
        ),
        entity("e-plain", probe="term-1"),
    ]
    _save(store, *saved)

    literals = ["term-1", "term", "x", "L" * 10, long_text, long_text[:-10], "12", "tru", "ACTIVE", "a"]
    conditions: list[Any] = []
    for value in pool.values():
        conditions.append(PropertyTest("probe", Operator.EQ, value))
        conditions.append(
            PropertyTest(
                "probe",
                Operator.IN,
                ArrayPropertyValue(
                    array_count=2,
                    array_values=InstanceProperties(
                        instance_properties={"0": value, "1": primitive_value("term-1")}
                    ),
                ),
            )
        )
    for literal in literals:
        for regex in ("\\Q" + literal + "\\E", "\\Q" + literal + "\\E.*"):
            conditions.append(PropertyTest("probe", Operator.MATCHES, _regex(regex)))
    conditions.append(
        Conditions(
            Combine.ALL,
            (
                PropertyTest("other", Operator.EQ, primitive_value("x")),
                PropertyTest("probe", Operator.MATCHES, _regex("\\Qterm\\E.*")),
            ),
        )
    )
    narrowed = 0
    for condition in conditions:
        tests = ClassificationConditions(Combine.ALL, (ClassificationTest("Confidentiality", condition),))
        query = InstanceQuery(classifications=tests)
        expected = sorted(e.guid or "" for e in saved if entity_matches(e, query))
        assert _find(store, query) == expected, condition
        narrowed += _plan_kind(query, None) == "entity_candidates_by_classification_attribute"
    assert narrowed >= len(pool) + len(literals)  # string EQ and IN, and the regexes only strings match
    assert (
        _plan_kind(
            InstanceQuery(
                classifications=ClassificationConditions(
                    Combine.ALL,
                    (
                        ClassificationTest(
                            "Confidentiality", PropertyTest("probe", Operator.MATCHES, _regex(".*x"))
                        ),
                    ),
                )
            ),
            None,
        )
        == "entity_candidates_by_classification"
    )


def _plan_kind(query: InstanceQuery, index_for: Any, *, entities: bool = True) -> str:
    """Which index a search narrows with: 'attribute' (type-derived), 'text' or the named query's name."""
    from graphrepo.store.neo4j import QueryLibrary

    queries = QueryLibrary.load()
    text = plan_search(query, queries, index_for, entities=entities).text
    if "USING INDEX SEEK n:`" in text or "USING INDEX SEEK r:`" in text:
        return "attribute"
    return next(name for name, named in queries.items() if named.text == text)


def test_searches_pick_range_seeks_for_equality_in_and_prefix_and_search_text_for_contains() -> None:
    spec = IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, "Referenceable", "qualifiedName")
    level = IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, "Referenceable", "level")

    def index_for(type_name: str, attribute: str) -> IndexSpec | None:
        return {"qualifiedName": spec, "level": level}.get(attribute)

    terms = frozenset({"GlossaryTerm"})

    def kind(condition: Any, index: Any = index_for) -> str:
        return _plan_kind(InstanceQuery(type_names=terms, condition=condition), index)

    qn = "qualifiedName"
    assert kind(PropertyTest(qn, Operator.EQ, primitive_value("a::b"))) == "attribute"
    assert kind(PropertyTest("level", Operator.EQ, primitive_value(3))) == "attribute"
    assert kind(PropertyTest("level", Operator.IN, property_value_from_python([1, 2]))) == "attribute"
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex("\\Qa::b\\E"))) == "attribute"
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex("\\Qa::\\E.*"))) == "attribute"
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex(".*\\Qa::b\\E.*"))) == "entity_candidates_by_text"
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex(".*\\Qa::b\\E"))) == "entity_candidates_by_text"
    # A regex tests a value's Java string: "12" could be a number's, whose projection is not a string.
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex("\\Q12\\E.*"))) == "entity_candidates_by_type"
    assert kind(PropertyTest(qn, Operator.MATCHES, _regex("\\Qtru\\E.*"))) == "entity_candidates_by_text"
    # Dates compare by milliseconds, which the projection need not equal: no seek.
    when = primitive_value(T0, P.OM_PRIMITIVE_TYPE_DATE)
    assert kind(PropertyTest("level", Operator.EQ, when)) == "entity_candidates_by_type"
    # Without index_for, or when a searched type has no index: the structural indexes.
    assert kind(PropertyTest(qn, Operator.EQ, primitive_value("a::b")), None) == "entity_candidates_by_text"
    assert (
        kind(PropertyTest(qn, Operator.EQ, primitive_value("a::b")), lambda t, a: None)
        == "entity_candidates_by_text"
    )


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from("aé✓𝄞"), min_size=NATIVE_STRING_LIMIT // 4 - 8, max_size=NATIVE_STRING_LIMIT
    ),
    kind=st.sampled_from(["exact", "prefix", "in"]),
)
def test_attribute_seeks_take_flagged_instances_only_for_literals_longer_than_a_cut(
    text: str, kind: str
) -> None:
    """A stored cut keeps at least NATIVE_STRING_LIMIT - 3 bytes: a literal no longer than that compares
    alike against cut and whole value, so only a longer one adds the ``_longValues`` candidates."""
    spec = IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, "Referenceable", "qualifiedName")
    value = primitive_value(text)
    condition = {
        "exact": PropertyTest("qualifiedName", Operator.EQ, value),
        "prefix": PropertyTest("qualifiedName", Operator.MATCHES, _regex("\\Q" + text + "\\E.*")),
        "in": PropertyTest("qualifiedName", Operator.IN, property_value_from_python(["short", text])),
    }[kind]
    query = InstanceQuery(type_names=frozenset({"GlossaryTerm"}), condition=condition)
    rendered = plan_search(query, QueryLibrary.load(), lambda t, a: spec, entities=True).text
    assert ("_longValues" in rendered) is (len(text.encode()) > NATIVE_STRING_LIMIT - 3)


def test_find_relationships(searchable: Neo4jInstanceStore) -> None:
    def find(query: InstanceQuery) -> list[str]:
        return [r.guid or "" for r in searchable.read(lambda tx: tx.find_relationships(query))]

    assert find(InstanceQuery()) == ["r1", "r2"]
    assert find(InstanceQuery(type_names=frozenset({"TermAnchor"}))) == ["r2"]
    assert find(InstanceQuery(condition=AnyValueMatches(".*\\Qcustomer\\E.*"))) == ["r1"]
    assert find(InstanceQuery(condition=PropertyTest("guid", Operator.EQ, primitive_value("r2")))) == ["r2"]
    assert find(InstanceQuery(paging=Paging(offset=1, page_size=1))) == ["r2"]


def test_as_of_searches_read_history(store: Neo4jInstanceStore) -> None:
    _save(store, entity("a", displayName="old"))
    _save(store, entity("a", version=2, updated=T0 + timedelta(hours=2), displayName="new"))
    query = PropertyTest("displayName", Operator.EQ, primitive_value("old"))
    assert _find(store, InstanceQuery(condition=query, as_of=T0 + timedelta(hours=1))) == ["a"]
    assert _find(store, InstanceQuery(condition=query)) == []
    assert _find(store, InstanceQuery(as_of=T0 - timedelta(hours=1))) == []


def test_as_of_searches_by_type_follow_the_version_current_then(store: Neo4jInstanceStore) -> None:
    """The history's type-name index narrows; the type is that of the version current at as_of (an
    instance retyped since is found under its old type, and not under its new one)."""
    _save(store, entity("a"), entity("b"), entity("c", "Asset"))
    retyped = entity("a", "Asset", version=2, updated=T0 + timedelta(hours=2))
    store.write(lambda tx: tx.save_entity(_entity_record(retyped, ASSET)))
    terms, assets = frozenset({"GlossaryTerm"}), frozenset({"Asset"})
    before, after = T0 + timedelta(hours=1), T0 + timedelta(hours=3)
    assert _find(store, InstanceQuery(type_names=terms, as_of=before)) == ["a", "b"]
    assert _find(store, InstanceQuery(type_names=terms, as_of=after)) == ["b"]
    assert _find(store, InstanceQuery(type_names=assets, as_of=before)) == ["c"]
    assert _find(store, InstanceQuery(type_names=assets, as_of=after)) == ["a", "c"]
    assert _find(store, InstanceQuery(type_names=terms | assets, as_of=after)) == ["a", "b", "c"]
    paged = Paging(offset=1, page_size=1)
    assert _find(store, InstanceQuery(type_names=terms | assets, as_of=after, paging=paged)) == ["b"]
    assert _find(store, InstanceQuery(type_names=terms, as_of=T0 - timedelta(hours=1))) == []


def test_paging_by_type_merges_each_types_guid_order(store: Neo4jInstanceStore) -> None:
    """Pages cut in Cypher from each type's (_typeName, _guid) order: types merged by GUID, proxies and
    other statuses skipped, every offset."""
    terms = [entity(f"t{i}") for i in (7, 2, 9, 4)]
    assets = [entity(f"a{i}", "Asset") for i in (8, 3)]
    deleted = entity("t5", status=InstanceStatus.DELETED)
    _save(store, *terms, *assets, deleted, proxy("t1"), proxy("t3"))
    both = frozenset({"GlossaryTerm", "Asset"})
    active = frozenset({InstanceStatus.ACTIVE})
    everything = ["a3", "a8", "t2", "t4", "t7", "t9"]
    for offset in range(8):
        for size in (0, 1, 2, 5):
            query = InstanceQuery(type_names=both, statuses=active, paging=Paging(offset, size))
            assert plan_search(query, store._queries, None, entities=True).paged
            end = None if size == 0 else offset + size
            assert _find(store, query) == everything[offset:end], (offset, size)
    any_status = InstanceQuery(type_names=frozenset({"GlossaryTerm"}), paging=Paging(1, 3))
    assert _find(store, any_status) == ["t4", "t5", "t7"]
    assert _find(store, InstanceQuery(paging=Paging(2, 3))) == ["t2", "t4", "t5"]

    a, b = terms[0], terms[1]
    _save(store, *(relationship(f"r{i}", a, b) for i in (5, 1, 3)), relationship("q2", b, a, "TermAnchor"))

    def find(query: InstanceQuery) -> list[str]:
        return [r.guid or "" for r in store.read(lambda tx: tx.find_relationships(query))]

    two = frozenset({"SemanticAssignment", "TermAnchor"})
    assert find(InstanceQuery(type_names=two, paging=Paging(1, 2))) == ["r1", "r3"]
    assert find(InstanceQuery(type_names=two, paging=Paging(0, 0))) == ["q2", "r1", "r3", "r5"]
    assert find(InstanceQuery(paging=Paging(3, 5))) == ["r5"]


def test_search_text_too_long_to_index_still_finds_the_entity(store: Neo4jInstanceStore) -> None:
    _save(store, entity("long", description="x" * 40_000, displayName="needle"))
    assert _find(store, InstanceQuery(condition=AnyValueMatches(".*\\Qneedle\\E.*"))) == ["long"]


# --- long strings under RANGE indexes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def gallery() -> TypeGallery:
    return load_type_gallery()[0]


def _serving(plan: SchemaPlan, *pairs: tuple[str, str]) -> list[IndexSpec]:
    specs = [plan.index_for(type_name, attribute) for type_name, attribute in pairs]
    assert all(spec is not None for spec in specs), pairs
    return [spec for spec in specs if spec is not None]


def test_a_long_description_writes_round_trips_and_is_found(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase, gallery: TypeGallery
) -> None:
    plan = plan_schema(gallery)
    specs = _serving(
        plan,
        ("GlossaryTerm", "description"),
        ("GlossaryTerm", "qualifiedName"),
        ("SemanticAssignment", "description"),
    )
    assert {spec.kind for spec in specs} == {IndexKind.RANGE}
    apply_indexes(store._client, specs)
    # The premise: an over-long value under a RANGE index fails the whole write.
    label = specs[0].token
    with pytest.raises(Neo4jError):
        neo4j_db.query("CREATE (n:" + quote_name(label) + " {description: $d})", d="x" * 20_000)

    # 20 kB with multi-byte characters (the cut must fall between characters), unique near the end.
    description = ("Überblick — ✓ " * 1_500)[:20_000] + " the-end-marker"
    assert len(description.encode("utf-8")) > 20_000
    long = entity("long-1", qualifiedName="glossary::long", description=description)
    short = entity("short-1", qualifiedName="glossary::short", description="Überblick — short")
    _save(store, long, short)
    _save(store, relationship("long-r", long, short, description=description))
    assert store.read(lambda tx: tx.get_entity("long-1")) == long
    stored = store.read(lambda tx: tx.get_relationship("long-r"))
    assert stored is not None and stored.properties == _props(description=description)

    nodes = _query(
        neo4j_db,
        "MATCH (n:Entity) RETURN n._guid AS guid, n.description AS d, n._longValues AS flag ORDER BY guid",
    )
    projected = {row["guid"]: row for row in nodes}
    cut = projected["long-1"]["d"]
    assert description.startswith(cut) and len(cut.encode("utf-8")) <= NATIVE_STRING_LIMIT
    assert len(cut.encode("utf-8")) > NATIVE_STRING_LIMIT - 4
    assert projected["long-1"]["flag"] is True and projected["short-1"]["flag"] is None
    keys = _query(neo4j_db, "MATCH (k:RelationshipKey {_guid: 'long-r'}) RETURN k._longValues AS flag")
    assert keys == [{"flag": True}]

    current = CurrentSchema(plan)
    store.index_for = current.index_for
    terms = frozenset({"GlossaryTerm"})
    searches = {
        "equality": PropertyTest("description", Operator.EQ, primitive_value(description)),
        "exact regex": PropertyTest("description", Operator.MATCHES, _regex("\\Q" + description + "\\E")),
        "prefix": PropertyTest("description", Operator.MATCHES, _regex("\\QÜberblick — ✓\\E.*")),
        "in": PropertyTest(
            "description",
            Operator.IN,
            property_value_from_python([description, "other"]),
        ),
        # A prefix as long as the stored cut (the seek then also takes the flagged instances).
        "prefix as long as the cut": PropertyTest(
            "description", Operator.MATCHES, _regex("\\Q" + cut + "\\E.*")
        ),
        "contains": PropertyTest("description", Operator.MATCHES, _regex(".*\\Qthe-end-marker\\E.*")),
        "suffix": PropertyTest("description", Operator.MATCHES, _regex(".*\\Qthe-end-marker\\E")),
    }
    for name, condition in searches.items():
        query = InstanceQuery(type_names=terms, condition=condition)
        expected = "entity_candidates_by_text" if name in ("contains", "suffix") else "attribute"
        assert _plan_kind(query, current.index_for) == expected, name
        assert _find(store, query) == ["long-1"], name
    short_eq = PropertyTest("description", Operator.EQ, primitive_value("Überblick — short"))
    assert _find(store, InstanceQuery(type_names=terms, condition=short_eq)) == ["short-1"]

    def find_relationships(condition: Any) -> list[str]:
        query = InstanceQuery(type_names=frozenset({"SemanticAssignment"}), condition=condition)
        assert _plan_kind(query, current.index_for, entities=False) in (
            "attribute",
            "relationship_candidates_by_text",
        )
        return [r.guid or "" for r in store.read(lambda tx: tx.find_relationships(query))]

    assert find_relationships(searches["equality"]) == ["long-r"]
    assert find_relationships(searches["prefix"]) == ["long-r"]
    assert find_relationships(searches["contains"]) == ["long-r"]

    # Saving the entity again with a short value drops the flag.
    _save(store, entity("long-1", version=2, qualifiedName="glossary::long", description="now short"))
    flags = _query(neo4j_db, "MATCH (n:Entity {_guid: 'long-1'}) RETURN n._longValues AS flag")
    assert flags == [{"flag": None}]


# --- timings -------------------------------------------------------------------------------------------


def _median_ms(action: Any, items: list[Any]) -> float:
    times = []
    for item in items:
        started = time.perf_counter()
        action(item)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def test_timings_of_a_save_and_a_get(store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase) -> None:
    """Medians over the driver, next to the floor: the same read done directly with the driver, a
    bare one-node CREATE, and RETURN 1 (the box is shared; compare within one run)."""
    rounds = 150
    typed = [entity(f"typed-{i}", **typed_values()) for i in range(rounds)]
    plain = [entity(f"plain-{i}", qualifiedName=f"q-{i}", displayName=f"Term {i}") for i in range(rounds)]
    _save(store, *typed[:10])  # warm the plan cache and the pool

    def save(e: EntityDetail) -> None:
        store.write(lambda tx: tx.save_entity(_entity_record(e)))

    def get(e: EntityDetail) -> None:
        assert store.read(lambda tx: tx.get_entity(e.guid or "")) is not None

    timings = {
        "save_entity (19 typed attributes, new)": _median_ms(save, typed[10:]),
        "save_entity (3 strings, new)": _median_ms(save, plain),
        "save_entity (3 strings, unchanged text)": _median_ms(save, plain),
        "get_entity (typed)": _median_ms(get, typed[10:]),
        "get_entity (3 strings)": _median_ms(get, plain),
    }
    a, b = typed[0], typed[1]
    relationships = [relationship(f"tr-{i}", a, b) for i in range(rounds)]
    timings["save_relationship (new, no attributes)"] = _median_ms(lambda r: _save(store, r), relationships)
    timings["get_relationship"] = _median_ms(
        lambda r: store.read(lambda tx: tx.get_relationship(r.guid or "")), relationships
    )
    timings["floor: driver execute_query of get_entity's Cypher"] = _median_ms(
        lambda e: neo4j_db.query("MATCH (n:Entity {_guid: $g}) RETURN n._doc AS doc", g=e.guid), plain
    )
    timings["floor: driver CREATE of a bare node"] = _median_ms(
        lambda i: neo4j_db.query("CREATE (:TimingFloor {i: $i})", i=i), list(range(rounds))
    )
    timings["floor: driver RETURN 1"] = _median_ms(lambda i: neo4j_db.query("RETURN 1"), list(range(rounds)))
    print("\nNeo4jInstanceStore timings (median ms over the driver):")
    for name, millis in timings.items():
        print(f"  {name:<55} {millis:6.2f}")


def _old_policy(plan: SchemaPlan, gallery: TypeGallery) -> list[IndexSpec]:
    """The plan as the previous policy had it: a TEXT index on every string attribute (for comparison)."""
    strings = {P.OM_PRIMITIVE_TYPE_STRING.value, P.OM_PRIMITIVE_TYPE_CHAR.value}
    old = []
    for spec in plan.indexes:
        attribute_type = gallery.attributes(spec.token)[spec.attribute].attribute_type
        category = getattr(attribute_type, "primitive_def_category", None)
        is_string = category is not None and category.value in strings
        kind = IndexKind.TEXT if is_string else IndexKind.RANGE
        old.append(IndexSpec.for_attribute(kind, spec.target, spec.token, spec.attribute))
    return old


def test_timings_of_a_save_with_the_whole_type_schema(
    store: Neo4jInstanceStore, gallery: TypeGallery
) -> None:
    """Median save_entity of a GlossaryTerm with 5 indexed strings: without type-derived indexes, under
    the RANGE policy, then under the previous TEXT-for-strings policy (printed, not asserted; the box is
    shared, compare within one run)."""
    rounds = 100
    plan = plan_schema(gallery)
    policies = {
        "no type-derived index (floor)": [],
        "RANGE for every attribute (now)": list(plan.indexes),
        "TEXT for strings (before)": _old_policy(plan, gallery),
    }
    timings: dict[str, float] = {}
    for run, (name, specs) in enumerate(policies.items()):
        started = time.perf_counter()
        change = apply_indexes(store._client, specs)
        built = time.perf_counter() - started
        terms = [
            entity(
                f"term-{run}-{i}",
                qualifiedName=f"glossary::term-{run}-{i}",
                displayName=f"Term {i}",
                summary=f"A short summary of term {i}.",
                description=f"A longer description of glossary term {i}, " * 8,
                usage=f"Use term {i} when talking about customers.",
            )
            for i in range(rounds + 10)
        ]
        _save(store, *terms[:10])  # warm the plan cache and the pool

        def save(e: EntityDetail) -> None:
            store.write(lambda tx: tx.save_entity(_entity_record(e)))

        timings[name] = _median_ms(save, terms[10:])
        print(f"\n{name}: {len(change.created)} created, {len(change.dropped)} dropped in {built:.1f} s")
    print("save_entity, GlossaryTerm with 5 strings, whole type-derived schema (median ms):")
    for name, millis in timings.items():
        print(f"  {name:<40} {millis:6.2f}")


# --- batches, held saves and deferred search text ------------------------------------------------------


def test_batch_reads_and_writes(store: Neo4jInstanceStore) -> None:
    entities = [entity(f"e{i}", qualifiedName=f"batch.{i}") for i in range(1_203)]  # spans 3 statements
    links = [relationship(f"r{i}", entities[i], entities[i + 1]) for i in range(600)]

    def work(tx: StoreTransaction) -> None:
        tx.save_entities([_entity_record(e) for e in entities])
        tx.save_relationships([RelationshipRecord(r, ("SemanticAssignment",)) for r in links])

    store.write(work)
    found = store.read(lambda tx: tx.get_entities(["e7", "missing", "e1202", "e7"]))
    assert found == {"e7": entities[7], "e1202": entities[1202]}
    assert store.read(lambda tx: tx.get_relationships(["r599", "nope"])) == {"r599": links[599]}
    assert store.read(lambda tx: tx.get_relationship("r3")) == links[3]
    stray = RelationshipRecord(relationship("r-x", entities[0], entity("absent")), ("SemanticAssignment",))
    with pytest.raises(RepositoryErrorException):
        store.write(lambda tx: tx.save_relationships([stray]))
    assert store.read(lambda tx: tx.get_relationship("r-x")) is None


def test_a_save_and_its_events_are_one_statement_and_reads_see_held_saves(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    first = entity("held", qualifiedName="held.1")
    second = entity("held", version=2, updated=T0 + timedelta(hours=1), qualifiedName="held.2")

    def work(tx: StoreTransaction) -> EntityDetail | EntityProxy | None:
        tx.save_entity(_entity_record(first))
        assert tx.get_entity("held") == first  # the held save is written before the read
        tx.save_entity(_entity_record(second))
        tx.add_to_outbox([OMRSEventV1(protocol_version_id="OMRS1.0")])
        return tx.get_entity("held")

    assert store.write(work) == second
    assert [entry.sequence for entry in store.pending_events(10)] == [1]
    versions = neo4j_db.query("MATCH (v:InstanceVersion {_guid: 'held'}) RETURN count(v) AS n")
    assert versions[0]["n"] == 2


def test_search_text_is_deferred_yet_found_at_every_step(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    store.search_text.close()  # steps driven by hand below
    _save(store, entity("t1", displayName="needle in text"), entity("t2", displayName="hay"))
    query = InstanceQuery(condition=AnyValueMatches(".*\\Qneedle\\E.*"))

    def state() -> list[tuple[Any, Any]]:
        rows = neo4j_db.query(
            "MATCH (n:Entity {_guid: 't1'}) RETURN n._searchText AS t, n._searchPending AS p"
        )
        return [(row["t"], row["p"]) for row in rows]

    assert state() == [(None, True)]  # written: the TEXT index is not touched
    assert _find(store, query) == ["t1"]
    # Only the pending instances whose text holds the literal are candidates (t2's is not read).
    candidates = neo4j_db.query(
        store._queries.text("entity_candidates_by_text"), text="needle", typeNames=None, statuses=None
    )
    assert [record["doc"] is not None for record in candidates] == [True]
    store.search_text.run_once()  # moved into the TEXT index, still flagged for one round
    assert state() == [("needle in text", True)]
    assert _find(store, query) == ["t1"]
    store.search_text.run_once()  # confirmed
    assert state() == [("needle in text", None)]
    assert _find(store, query) == ["t1"]
    _save(store, entity("t1", version=2, updated=T0 + timedelta(hours=1), displayName="moved on"))
    assert state() == [("needle in text", True)]  # the old text stays indexed until the next move
    assert _find(store, query) == []
    store.search_text.run_once()
    assert _find(store, query) == []
    assert _find(store, InstanceQuery(condition=AnyValueMatches(".*\\Qmoved\\E.*"))) == ["t1"]


def _text_state(neo4j_db: Neo4jDatabase, guid: str) -> tuple[Any, Any]:
    rows = neo4j_db.query(
        "MATCH (n:Entity {_guid: $guid}) RETURN n._searchText AS t, n._searchPending AS p", guid=guid
    )
    return rows[0]["t"], rows[0]["p"]


def _until(condition: Any, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_search_text_indexer_moves_once_writes_pause(neo4j_db: Neo4jDatabase) -> None:
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    store = Neo4jInstanceStore(client)
    store.search_text = SearchTextIndexer(client, quiet=0.2, max_delay=30.0, idle_rounds=2)
    try:
        _save(store, entity("q1", displayName="first words"))
        assert _text_state(neo4j_db, "q1") == (None, True)
        # Written, then quiet: moved and, a round later, confirmed; then the thread stops.
        assert _until(lambda: _text_state(neo4j_db, "q1") == ("first words", None))
        assert _until(lambda: not store.search_text._thread or not store.search_text._thread.is_alive())
        # A later write starts it again.
        _save(store, entity("q1", version=2, updated=T0 + timedelta(hours=1), displayName="second words"))
        assert _until(lambda: _text_state(neo4j_db, "q1") == ("second words", None))
    finally:
        store.close()


def test_search_text_indexer_moves_within_max_delay_under_steady_writes(neo4j_db: Neo4jDatabase) -> None:
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    store = Neo4jInstanceStore(client)
    store.search_text = SearchTextIndexer(client, quiet=5.0, max_delay=0.3)
    try:
        _save(store, entity("w0", displayName="steady zero"))
        started = time.monotonic()
        number = 0
        # Writes never pause for `quiet`, yet the first text is moved after about `max_delay`.
        while _text_state(neo4j_db, "w0")[0] is None:
            assert time.monotonic() - started < 10, "not moved while writes kept coming"
            number += 1
            _save(store, entity(f"w{number}", displayName=f"steady {number}"))
            time.sleep(0.02)
        assert number > 3  # it did wait for max_delay, not move at once
        assert _find(store, InstanceQuery(condition=AnyValueMatches(".*\\Qsteady\\E.*")))
    finally:
        store.close()


def test_find_by_classification_alone_is_paged_in_cypher(store: Neo4jInstanceStore) -> None:
    level = Classification(
        name="Confidentiality", type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF)
    )
    _save(store, *(entity(f"c{i}", classifications=[level]) for i in (3, 1, 4, 5, 9)), entity("plain"))
    only = ClassificationConditions(Combine.ALL, (ClassificationTest("Confidentiality"),))
    query = InstanceQuery(classifications=only, paging=Paging(offset=1, page_size=2))
    plan = plan_search(query, store._queries, None, entities=True)
    assert plan.paged
    assert _find(store, query) == ["c3", "c4"]
    with_order = InstanceQuery(classifications=only, paging=Paging(order=SequencingOrder.PROPERTY_ASCENDING))
    assert not plan_search(with_order, store._queries, None, entities=True).paged


def test_classification_pages_follow_entity_guids_through_reidentify_declassify_and_upgrade(
    store: Neo4jInstanceStore, neo4j_db: Neo4jDatabase
) -> None:
    """The page comes from (Classification._typeName, _entityGuid) in entity GUID order (migration 0006):
    every offset, type and status filters, proxies skipped; the entity GUID follows a reidentify and a
    declassify drops the entity; classification nodes written before 0006 are found after migrating."""
    level = Classification(
        name="Confidentiality", type=_type("Confidentiality", TypeDefCategory.CLASSIFICATION_DEF)
    )
    terms = [entity(f"c{i}", classifications=[level]) for i in (3, 1, 4, 5, 9)]
    assets = [entity(f"c{i}", "Asset", classifications=[level]) for i in (2, 7)]
    deleted = entity("c6", status=InstanceStatus.DELETED, classifications=[level])
    classified_proxy = proxy("c0").model_copy(update={"classifications": [level]})
    _save(store, *terms, *assets, deleted, entity("plain"), classified_proxy)
    only = ClassificationConditions(Combine.ALL, (ClassificationTest("Confidentiality"),))
    active = frozenset({InstanceStatus.ACTIVE})

    def page(
        offset: int, size: int, types: frozenset[str] | None = None, statuses: Any = frozenset()
    ) -> list[str]:
        query = InstanceQuery(
            classifications=only, type_names=types, statuses=statuses, paging=Paging(offset, size)
        )
        assert plan_search(query, store._queries, None, entities=True).paged
        return _find(store, query)

    everything = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c9"]
    for offset in range(len(everything) + 1):
        for size in (0, 1, 3):
            end = None if size == 0 else offset + size
            assert page(offset, size) == everything[offset:end], (offset, size)
    assert page(1, 2, frozenset({"GlossaryTerm"}), active) == ["c3", "c4"]
    assert page(0, 0, frozenset({"Asset"})) == ["c2", "c7"]
    assert page(0, 0, statuses=frozenset({InstanceStatus.DELETED})) == ["c6"]

    renamed = terms[1].model_copy(update={"guid": "c8", "version": 2, "re_identified_from_guid": "c1"})
    store.write(lambda tx: tx.reidentify_entity("c1", _entity_record(renamed)))
    assert page(0, 0, frozenset({"GlossaryTerm"}), active) == ["c3", "c4", "c5", "c8", "c9"]
    declassified = terms[0].model_copy(update={"version": 2, "classifications": []})
    _save(store, declassified)
    assert page(0, 2, frozenset({"GlossaryTerm"}), active) == ["c4", "c5"]

    # A graph written before migration 0006: classification nodes without the entity GUID.
    neo4j_db.query("MATCH (c:Classification) REMOVE c._entityGuid")
    neo4j_db.query("MATCH (m:GraphrepoMigration) WHERE m.version >= 6 DETACH DELETE m")
    assert page(0, 0) == []
    assert [m.version for m in apply_migrations(store._client)] == [6]
    assert page(0, 0) == ["c2", "c4", "c5", "c6", "c7", "c8", "c9"]
