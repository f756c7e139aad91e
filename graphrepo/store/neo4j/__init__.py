"""The Neo4j store: the production adapter. Its queries live in the top-level ``cypher/`` folder."""

from graphrepo.store.neo4j._client import Neo4jClient, translate_driver_errors
from graphrepo.store.neo4j._instance_store import Neo4jInstanceStore, Neo4jStoreTransaction
from graphrepo.store.neo4j._migrations import Migration, MigrationError, apply_migrations, load_migrations
from graphrepo.store.neo4j._queries import NamedQuery, QueryLibrary
from graphrepo.store.neo4j._schema import SchemaChange, apply_indexes, render_create_index
from graphrepo.store.neo4j._type_store import Neo4jTypeStore

__all__ = [
    "Migration",
    "MigrationError",
    "NamedQuery",
    "Neo4jClient",
    "Neo4jInstanceStore",
    "Neo4jStoreTransaction",
    "Neo4jTypeStore",
    "QueryLibrary",
    "SchemaChange",
    "apply_indexes",
    "apply_migrations",
    "load_migrations",
    "render_create_index",
    "translate_driver_errors",
]
