"""The type-derived schema on a real Neo4j: what SHOW INDEXES reports equals what the types call for."""

from __future__ import annotations

import functools
import time

from graphrepo.metamodel import TypeDefService, load_type_gallery, plan_schema, schema_follower
from graphrepo.omrs import EntityDef, TypeDefAttribute, TypeDefLink
from graphrepo.store import IndexTarget
from graphrepo.store.neo4j import Neo4jClient, Neo4jTypeStore, apply_indexes, apply_migrations
from graphrepo.store.neo4j._schema import render_create_index
from tests.servers import Neo4jDatabase


def _type_indexes(db: Neo4jDatabase) -> dict[str, dict[str, object]]:
    records = db.query(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state"
        " WHERE name STARTS WITH 'graphrepo_t_' RETURN *"
    )
    return {record["name"]: dict(record) for record in records}


def test_render_create_index_quotes_names() -> None:
    gallery, _ = load_type_gallery()
    plan = plan_schema(gallery)
    node = plan.index_for("GlossaryTerm", "qualifiedName")
    assert node is not None
    assert render_create_index(node) == (
        "CREATE RANGE INDEX `graphrepo_t_Referenceable_qualifiedName_range` IF NOT EXISTS"
        " FOR (x:`Referenceable`) ON (x.`qualifiedName`)"
    )
    relationship = next(i for i in plan.indexes if i.target is IndexTarget.RELATIONSHIP)
    assert f"FOR ()-[x:`{relationship.token}`]-()" in render_create_index(relationship)


def test_the_whole_open_types_schema_is_created_online_and_matches_the_plan(neo4j_db: Neo4jDatabase) -> None:
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    gallery, _ = load_type_gallery()
    plan = plan_schema(gallery)

    started = time.perf_counter()
    change = apply_indexes(client, plan.indexes)
    print(f"\n{len(change.created)} type-derived indexes created in {time.perf_counter() - started:.1f} s")

    present = _type_indexes(neo4j_db)
    assert set(present) == {spec.name for spec in plan.indexes}
    # Every type-derived index is RANGE (strings included); the only TEXT indexes are the structural
    # search-text ones of migration 0002.
    assert {index["type"] for index in present.values()} == {"RANGE"}
    text_indexes = neo4j_db.query(
        "SHOW INDEXES YIELD name, type WHERE type = 'TEXT' RETURN name ORDER BY name"
    )
    assert [r["name"] for r in text_indexes] == [
        "graphrepo_entity_search_text",
        "graphrepo_relationship_key_search_text",
    ]
    for spec in plan.indexes:
        index = present[spec.name]
        assert index["type"] == spec.kind.value == "RANGE"
        assert index["entityType"] == ("NODE" if spec.target is IndexTarget.NODE else "RELATIONSHIP")
        assert index["labelsOrTypes"] == [spec.token]
        assert index["properties"] == [spec.attribute]
        assert index["state"] == "ONLINE"
    assert apply_indexes(client, plan.indexes).created == []


def test_a_type_added_at_run_time_gets_its_index_and_loses_it_on_delete(neo4j_db: Neo4jDatabase) -> None:
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    gallery, _ = load_type_gallery(Neo4jTypeStore(client))
    service = TypeDefService(gallery, Neo4jTypeStore(client), "collection-id", repository_name="test")
    service.add_listener(schema_follower(gallery, functools.partial(apply_indexes, client)))
    string = gallery.attribute_type_def_by_name("string")
    asset = gallery.type_def_by_name("Asset")
    assert asset is not None and asset.guid is not None
    gadget = EntityDef(
        guid="5c8e2f1a-0000-4000-8000-0000000000bb",
        name="PyGadget",
        version=1,
        version_name="1.0",
        super_type=TypeDefLink(guid=asset.guid, name="Asset"),
        properties_definition=[TypeDefAttribute(attribute_name="gadgetColour", attribute_type=string)],
    )
    service.add_type_def("garygeeke", gadget)
    index_name = "graphrepo_t_PyGadget_gadgetColour_range"
    assert _type_indexes(neo4j_db)[index_name]["state"] == "ONLINE"

    # The type is stored: a restart's gallery has it, and so its plan keeps the index.
    restarted, _ = load_type_gallery(Neo4jTypeStore(client))
    assert restarted.type_def_by_name("PyGadget") is not None
    assert plan_schema(restarted).index_for("PyGadget", "gadgetColour") is not None

    service.delete_type_def("garygeeke", gadget.guid, "PyGadget")
    assert index_name not in _type_indexes(neo4j_db)
