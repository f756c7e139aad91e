"""Ordering and paging of results the repository assembles itself (graph queries, history).

Store searches sort and page in the store (``InstanceQuery.paging``); these helpers give the same order
for lists built here: ``formatEntityResults`` sorts first (unless the order is null or ANY), then slices.
Ties, and the ANY order, fall back to the GUID so both stores answer identically. (getRelatedEntities
keeps its walk order for null and ANY instead: ``in_walk_order``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from graphrepo.omrs import (
    EnumPropertyValue,
    InstanceHeader,
    PrimitivePropertyValue,
    SequencingOrder,
)

__all__ = ["in_walk_order", "page", "sort_instances"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_I = TypeVar("_I", bound=InstanceHeader)
_T = TypeVar("_T")


def _time(value: datetime | None) -> datetime:
    return value or _EPOCH


def _property_key(instance: InstanceHeader, name: str | None) -> tuple[int, Any]:
    properties = getattr(instance, "properties", None)
    value = properties.instance_properties.get(name) if properties is not None and name else None
    if isinstance(value, PrimitivePropertyValue) and value.primitive_value is not None:
        plain = value.primitive_value
        return (0, plain if isinstance(plain, int | float | str | datetime) else str(plain))
    if isinstance(value, EnumPropertyValue):
        return (0, value.ordinal if value.ordinal is not None else -1)
    return (1, 0)  # instances without the property come last, in either direction


def sort_instances(
    items: Sequence[_I], order: SequencingOrder | None, sequencing_property: str | None
) -> list[_I]:
    result = sorted(items, key=lambda i: i.guid or "")
    if order is None or order in (SequencingOrder.ANY, SequencingOrder.GUID):
        return result
    if order is SequencingOrder.CREATION_DATE_RECENT:
        return sorted(result, key=lambda i: _time(i.create_time), reverse=True)
    if order is SequencingOrder.CREATION_DATE_OLDEST:
        return sorted(result, key=lambda i: _time(i.create_time))
    if order is SequencingOrder.LAST_UPDATE_RECENT:
        return sorted(result, key=lambda i: _time(i.update_time or i.create_time), reverse=True)
    if order is SequencingOrder.LAST_UPDATE_OLDEST:
        return sorted(result, key=lambda i: _time(i.update_time or i.create_time))
    with_value = [i for i in result if _property_key(i, sequencing_property)[0] == 0]
    without = [i for i in result if _property_key(i, sequencing_property)[0] == 1]
    try:
        with_value.sort(
            key=lambda i: _property_key(i, sequencing_property)[1],
            reverse=order is SequencingOrder.PROPERTY_DESCENDING,
        )
    except TypeError:  # mixed value kinds: order by their text, still deterministic
        with_value.sort(
            key=lambda i: str(_property_key(i, sequencing_property)[1]),
            reverse=order is SequencingOrder.PROPERTY_DESCENDING,
        )
    return with_value + without


def in_walk_order(order: SequencingOrder | None) -> bool:
    """No order asked for (null or ANY): a graph walk may answer in its own deterministic order (and stop
    early, see ``_graph``) instead of sorting the whole result."""
    return order is None or order is SequencingOrder.ANY


def page(items: Sequence[_T], offset: int, page_size: int) -> list[_T]:
    """``offset`` at or past the end gives ``[]``; ``page_size`` 0 means the rest."""
    if offset >= len(items):
        return []
    return list(items[offset : offset + page_size] if page_size > 0 else items[offset:])
