"""The memory store's data: private copies of instances, and copy-on-write layers for transactions.

**Snapshots.** Every stored bean is a :class:`Snapshot`: a private copy made when it is saved (so the
caller's object is never kept). Searches read it in place (no copying to test a candidate); whatever
leaves the store is a fresh copy, so callers can never change stored state through an object they were
given or the one they saved. :func:`fast_copy` copies only the mutable parts (models, lists, dicts) and
shares the immutable leaves (strings, numbers, datetimes, enums); measured on a 5-property entity with a
classification (14 models): ≈ 65 µs, against ≈ 150 µs for ``pickle.loads`` and ≈ 180-250 µs for
pydantic's ``model_copy(deep=True)``.

**Layers.** A transaction sees the committed maps through a :class:`Layer`: reads fall through to the
committed dict, writes land in the layer's own dict (``GONE`` marks a removal). Committing applies the
changes to the committed dicts; abandoning the layer is the rollback. The cost is proportional to what
the transaction touches, never to the size of the store.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, Final, Generic, TypeVar, cast

from pydantic import BaseModel

from graphrepo.omrs import EntityDetail, EntityProxy, InstanceAuditHeader, Relationship

__all__ = [
    "GONE",
    "EntityEntry",
    "Layer",
    "RelationshipEntry",
    "Snapshot",
    "Version",
    "fast_copy",
    "valid_from",
]

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)

M = TypeVar("M", bound=InstanceAuditHeader)
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Snapshot(Generic[M]):
    """A bean as stored: ``live`` is private to the store (read in place, never handed out)."""

    live: M

    @classmethod
    def of(cls, bean: M) -> Snapshot[M]:
        return cls(fast_copy(bean))

    def copy(self) -> M:
        """A fresh, independent copy of the bean."""
        return fast_copy(self.live)


# Values that cannot change once made: shared between copies rather than copied.
_IMMUTABLE: Final = frozenset(
    {str, int, float, bool, type(None), bytes, Decimal, datetime, date, time, timedelta}
)
_new = object.__new__
_set = object.__setattr__

C = TypeVar("C")


def fast_copy(value: C) -> C:
    """A deep copy of a wire-model value that shares only immutable leaves (module doc).

    Pydantic models are rebuilt from their instance state (``__dict__`` and the three ``__pydantic_*__``
    slots, which is what pydantic's own ``__deepcopy__`` copies) without re-validating."""
    kind = type(value)
    if kind in _IMMUTABLE or isinstance(value, Enum):
        return value
    if kind is list:
        return cast(C, [fast_copy(item) for item in cast(list[Any], value)])
    if kind is dict:
        return cast(C, {key: fast_copy(item) for key, item in cast(dict[Any, Any], value).items()})
    if isinstance(value, BaseModel):
        clone = _new(kind)
        _set(clone, "__dict__", {key: fast_copy(item) for key, item in value.__dict__.items()})
        _set(clone, "__pydantic_fields_set__", set(value.__pydantic_fields_set__))
        _set(clone, "__pydantic_extra__", fast_copy(value.__pydantic_extra__))
        _set(clone, "__pydantic_private__", fast_copy(value.__pydantic_private__))
        return clone
    return copy.deepcopy(value)  # anything else (opaque mappingProperties values): the general way


def valid_from(bean: InstanceAuditHeader) -> datetime:
    """When a version became current: its ``updateTime``, else its ``createTime`` (else the epoch)."""
    return bean.update_time or bean.create_time or _EPOCH


@dataclass(frozen=True, slots=True)
class Version(Generic[M]):
    """One entry of an instance's history, current from ``start`` until the next entry's ``start``."""

    start: datetime
    number: int
    snapshot: Snapshot[M]


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """The current state of an entity GUID: a full entity or only a proxy, plus what the record said."""

    snapshot: Snapshot[EntityDetail] | Snapshot[EntityProxy]
    lineage: tuple[str, ...]
    classification_lineages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reference_copy: bool = False

    @property
    def is_proxy(self) -> bool:
        return isinstance(self.snapshot.live, EntityProxy)


@dataclass(frozen=True, slots=True)
class RelationshipEntry:
    snapshot: Snapshot[Relationship]
    lineage: tuple[str, ...]
    reference_copy: bool = False

    @property
    def ends(self) -> tuple[str | None, str | None]:
        live = self.snapshot.live
        one, two = live.entity_one_proxy, live.entity_two_proxy
        return (one.guid if one else None, two.guid if two else None)


class _Gone:
    def __repr__(self) -> str:
        return "GONE"


GONE: Final = _Gone()
"""Marks a key removed in a layer."""


class Layer(Generic[K, V]):
    """A copy-on-write view of ``base`` (see module doc). ``base`` is only changed by :meth:`commit`."""

    __slots__ = ("_base", "_changes")

    def __init__(self, base: dict[K, V]) -> None:
        self._base = base
        self._changes: dict[K, V | _Gone] = {}

    def get(self, key: K) -> V | None:
        if key in self._changes:
            value = self._changes[key]
            return None if isinstance(value, _Gone) else value
        return self._base.get(key)

    def __contains__(self, key: K) -> bool:
        return self.get(key) is not None

    def put(self, key: K, value: V) -> None:
        self._changes[key] = value

    def remove(self, key: K) -> None:
        self._changes[key] = GONE

    def items(self) -> Iterator[tuple[K, V]]:
        """Every live (key, value): committed ones not changed here, then this layer's."""
        changes = self._changes
        for key, value in self._base.items():
            if key not in changes:
                yield key, value
        for key, change in changes.items():
            if not isinstance(change, _Gone):
                yield key, change

    def values(self) -> Iterator[V]:
        return (value for _, value in self.items())

    @property
    def changed(self) -> bool:
        return bool(self._changes)

    def commit(self) -> None:
        base = self._base
        for key, value in self._changes.items():
            if isinstance(value, _Gone):
                base.pop(key, None)
            else:
                base[key] = value
        self._changes.clear()
