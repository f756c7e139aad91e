"""The embedded in-memory store: the default when no Neo4j is configured."""

from graphrepo.store.memory._type_store import MemoryTypeStore

__all__ = ["MemoryTypeStore"]
