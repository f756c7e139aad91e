"""The storage port and its adapters: Neo4j (queries in cypher/) and the embedded memory store.

Adapters live in ``graphrepo.store.neo4j`` and ``graphrepo.store.memory``; this module exports the ports.
"""

from graphrepo.store._instance_store import (
    AnyValueMatches,
    ClassificationConditions,
    ClassificationTest,
    Combine,
    Condition,
    Conditions,
    EntityRecord,
    InstanceQuery,
    InstanceStore,
    Operator,
    OutboxEntry,
    Paging,
    PropertyTest,
    ProxyRecord,
    RelationshipRecord,
    StoredEntity,
    StoreTransaction,
)
from graphrepo.store._schema_spec import IndexKind, IndexSpec, IndexTarget
from graphrepo.store._type_store import StoredType, TypeKind, TypeStore

__all__ = [
    "AnyValueMatches",
    "ClassificationConditions",
    "ClassificationTest",
    "Combine",
    "Condition",
    "Conditions",
    "EntityRecord",
    "IndexKind",
    "IndexSpec",
    "IndexTarget",
    "InstanceQuery",
    "InstanceStore",
    "Operator",
    "OutboxEntry",
    "Paging",
    "PropertyTest",
    "ProxyRecord",
    "RelationshipRecord",
    "StoreTransaction",
    "StoredEntity",
    "StoredType",
    "TypeKind",
    "TypeStore",
]
