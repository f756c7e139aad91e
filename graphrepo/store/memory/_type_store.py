"""The embedded adapter of the type-store port: run-time types kept in this process."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

from graphrepo.store._type_store import StoredType, TypeKind


class MemoryTypeStore:
    """Run-time types in a dict (insertion order is save order); lives as long as the process.

    ``count_instances_of`` asks the embedded instance store, which owns the instances.
    """

    def __init__(self, count_instances_of: Callable[[str], int]) -> None:
        self._types: dict[tuple[TypeKind, str], StoredType] = {}
        self._count_instances_of = count_instances_of
        self._lock = threading.Lock()

    def load_types(self) -> list[StoredType]:
        with self._lock:
            return [_copy(stored) for stored in self._types.values()]

    def save_type(self, stored: StoredType) -> None:
        with self._lock:
            # Keep the first-save position on replace, as the Neo4j adapter does.
            self._types[(stored.kind, stored.guid)] = _copy(stored)

    def delete_type(self, kind: TypeKind, guid: str) -> None:
        with self._lock:
            self._types.pop((kind, guid), None)

    def replace_type(self, kind: TypeKind, old_guid: str, stored: StoredType) -> None:
        with self._lock:
            self._types.pop((kind, old_guid), None)
            self._types[(stored.kind, stored.guid)] = _copy(stored)

    def count_instances_of(self, type_name: str) -> int:
        return self._count_instances_of(type_name)


def _copy(stored: StoredType) -> StoredType:
    # Callers must not be able to change what is stored through a shared document.
    return StoredType(stored.kind, stored.guid, stored.name, stored.version, copy.deepcopy(stored.document))
