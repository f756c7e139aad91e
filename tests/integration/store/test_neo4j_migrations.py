"""Migrations and the type store on a real Neo4j."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError

from graphrepo.omrs import RepositoryErrorException
from graphrepo.store import StoredType, TypeKind
from graphrepo.store.neo4j import (
    MigrationError,
    Neo4jClient,
    Neo4jTypeStore,
    apply_migrations,
    load_migrations,
)
from tests.servers import Neo4jDatabase


@pytest.fixture
def client(neo4j_db: Neo4jDatabase) -> Neo4jClient:
    return Neo4jClient(neo4j_db.driver, neo4j_db.database)


def _constraints(db: Neo4jDatabase) -> set[str]:
    return {r["name"] for r in db.query("SHOW CONSTRAINTS YIELD name RETURN name")}


def test_migrate_applies_everything_once_and_records_it(client: Neo4jClient, neo4j_db: Neo4jDatabase) -> None:
    shipped = load_migrations()
    assert [m.version for m in apply_migrations(client)] == [m.version for m in shipped]
    assert apply_migrations(client) == []
    assert {
        "graphrepo_entity_guid",
        "graphrepo_relationship_key_guid",
        "graphrepo_type_kind_guid",
        "graphrepo_migration_version",
    } <= _constraints(neo4j_db)
    recorded = neo4j_db.query(
        "MATCH (m:GraphrepoMigration) RETURN m.version AS v, m.checksum AS c ORDER BY v"
    )
    assert [(r["v"], r["c"]) for r in recorded] == [(m.version, m.checksum) for m in shipped]


def test_entity_guid_uniqueness_is_enforced_by_the_database(
    client: Neo4jClient, neo4j_db: Neo4jDatabase
) -> None:
    apply_migrations(client)
    neo4j_db.query("CREATE (:Entity {_guid: 'g1'})")
    with pytest.raises(ConstraintError):
        neo4j_db.query("CREATE (:Entity {_guid: 'g1'})")


def test_a_changed_applied_migration_is_refused(client: Neo4jClient, tmp_path: Path) -> None:
    (tmp_path / "0001_one.cypher").write_text("CREATE INDEX t_one IF NOT EXISTS FOR (n:T) ON (n.a);\n")
    apply_migrations(client, load_migrations(tmp_path))
    (tmp_path / "0001_one.cypher").write_text("CREATE INDEX t_one IF NOT EXISTS FOR (n:T) ON (n.b);\n")
    with pytest.raises(MigrationError, match="append-only"):
        apply_migrations(client, load_migrations(tmp_path))


def test_a_failing_migration_is_not_recorded_and_reruns(client: Neo4jClient, tmp_path: Path) -> None:
    (tmp_path / "0001_bad.cypher").write_text("CREATE INDEX oops FOR (n:T) ON (n.a) NONSENSE;\n")
    with pytest.raises(RepositoryErrorException):
        apply_migrations(client, load_migrations(tmp_path))
    assert client.read("applied_migrations") == []


def _stored(guid: str, name: str, version: int = 1) -> StoredType:
    document = {"class": "EntityDef", "guid": guid, "name": name, "version": version}
    return StoredType(TypeKind.TYPE_DEF, guid, name, version, document)


def test_type_store_round_trip(client: Neo4jClient) -> None:
    apply_migrations(client)
    store = Neo4jTypeStore(client)
    store.save_type(_stored("g-a", "A"))
    store.save_type(_stored("g-b", "B"))
    store.save_type(_stored("g-a", "A", version=2))  # replaces, keeps first-save order
    loaded = store.load_types()
    assert [(t.guid, t.version) for t in loaded] == [("g-a", 2), ("g-b", 1)]
    assert loaded[0].document == {"class": "EntityDef", "guid": "g-a", "name": "A", "version": 2}

    store.replace_type(TypeKind.TYPE_DEF, "g-b", _stored("g-c", "B"))
    assert [t.guid for t in store.load_types()] == ["g-a", "g-c"]
    store.delete_type(TypeKind.TYPE_DEF, "g-a")
    store.delete_type(TypeKind.TYPE_DEF, "absent")
    assert [t.guid for t in store.load_types()] == ["g-c"]


def test_type_store_counts_instances_of_exactly_one_type(
    client: Neo4jClient, neo4j_db: Neo4jDatabase
) -> None:
    apply_migrations(client)
    neo4j_db.query(
        "CREATE (:Entity {_guid: 'e1', _typeName: 'GlossaryTerm'}),"
        " (:Entity {_guid: 'e2', _typeName: 'Asset'}),"
        " (:RelationshipKey {_guid: 'r1', _typeName: 'GlossaryTerm'}),"
        " (:Classification {_typeName: 'GlossaryTerm'})"
    )
    store = Neo4jTypeStore(client)
    assert store.count_instances_of("GlossaryTerm") == 3
    assert store.count_instances_of("Asset") == 1
    assert store.count_instances_of("Referenceable") == 0
