"""The embedded in-memory store: the default when no Neo4j is configured."""

from graphrepo.store.memory._instance_store import MemoryInstanceStore
from graphrepo.store.memory._type_store import MemoryTypeStore


def memory_stores() -> tuple[MemoryInstanceStore, MemoryTypeStore]:
    """A fresh embedded instance store and the type store that counts its instances."""
    instances = MemoryInstanceStore()
    return instances, MemoryTypeStore(instances.count_instances_of)


__all__ = ["MemoryInstanceStore", "MemoryTypeStore", "memory_stores"]
