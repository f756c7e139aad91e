"""The ``_doc`` property: an instance's exact OMRS JSON, the source of truth for every read.

The document is the instance's Egeria wire JSON (``to_json``), with one exception: the wire form of a
BIGDECIMAL is a JSON number, which a double cannot always hold exactly. A property value holding a
``Decimal`` anywhere is therefore written as ``{"@storage": [descriptor, plain]}`` (the lossless split of
``graphrepo.omrs`` ``to_storage``; dates inside as epoch milliseconds) and rebuilt by ``from_storage`` on
read. Documents without such values are parsed straight from the JSON text (the fast path).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any, Final, TypeVar

from graphrepo.omrs import (
    ENTITY_SUMMARY_ADAPTER,
    ArrayPropertyValue,
    Classification,
    EntityDetail,
    EntityProxy,
    EntitySummary,
    InstanceProperties,
    InstancePropertyValue,
    MapPropertyValue,
    OMRSEventV1,
    PrimitivePropertyValue,
    Relationship,
    StructPropertyValue,
    from_storage,
    from_wire,
    millis_from_datetime,
    to_json,
    to_storage,
    to_wire,
)

__all__ = ["dump_document", "dump_event", "load_entity", "load_event", "load_relationship"]

_MARKER: Final = "@storage"
_MARKER_TEXT: Final = '"@storage"'

Instance = EntityDetail | EntityProxy | Relationship
_M = TypeVar("_M", EntityDetail, Relationship)


def dump_document(instance: Instance) -> str:
    """The ``_doc`` text of an entity, proxy or relationship."""
    patches = [
        (name, value, wire_key)
        for properties, wire_key in _property_sets(instance)
        for name, value in properties.instance_properties.items()
        if _holds_decimal(value)
    ]
    if not patches:
        return to_json(instance)
    wire = to_wire(instance)
    for name, value, path in patches:
        container = _at(wire, path)
        descriptor, plain = to_storage(value)
        container["instanceProperties"][name] = {_MARKER: [descriptor, _json_plain(plain)]}
    return json.dumps(wire, separators=(",", ":"), ensure_ascii=False)


def load_entity(text: str) -> EntityDetail | EntityProxy:
    """The entity (or proxy) a ``_doc`` holds."""
    if _MARKER_TEXT not in text:
        entity = from_wire(ENTITY_SUMMARY_ADAPTER, text)
    else:
        entity = from_wire(ENTITY_SUMMARY_ADAPTER, _rebuild(json.loads(text)))
    if isinstance(entity, EntityDetail | EntityProxy):
        return entity
    # An EntitySummary is never stored; read one as a detail without properties.
    assert isinstance(entity, EntitySummary)
    return EntityDetail.model_validate(entity.model_dump())


def load_relationship(text: str) -> Relationship:
    """The relationship a ``_doc`` holds."""
    return _load(Relationship, text)


def load_entity_detail(text: str) -> EntityDetail:
    """A history snapshot of an entity (always a full entity)."""
    return _load(EntityDetail, text)


def dump_event(event: OMRSEventV1) -> str:
    return to_json(event)


def load_event(text: str) -> OMRSEventV1:
    return from_wire(OMRSEventV1, text)


# --- helpers -----------------------------------------------------------------------------------------


def _load(model: type[_M], text: str) -> _M:
    if _MARKER_TEXT not in text:
        return from_wire(model, text)
    return from_wire(model, _rebuild(json.loads(text)))


def _property_sets(instance: Instance) -> Iterator[tuple[InstanceProperties, tuple[str | int, ...]]]:
    """Every ``InstanceProperties`` an instance holds, with its path in the wire document."""
    if isinstance(instance, EntityDetail) and instance.properties is not None:
        yield instance.properties, ("properties",)
    if isinstance(instance, EntityProxy) and instance.unique_properties is not None:
        yield instance.unique_properties, ("uniqueProperties",)
    if isinstance(instance, EntityDetail | EntityProxy):
        yield from _classification_sets(instance.classifications, ())
    if isinstance(instance, Relationship):
        if instance.properties is not None:
            yield instance.properties, ("properties",)
        for key, proxy in (
            ("entityOneProxy", instance.entity_one_proxy),
            ("entityTwoProxy", instance.entity_two_proxy),
        ):
            if proxy is None:
                continue
            if proxy.unique_properties is not None:
                yield proxy.unique_properties, (key, "uniqueProperties")
            yield from _classification_sets(proxy.classifications, (key,))


def _classification_sets(
    classifications: list[Classification], prefix: tuple[str | int, ...]
) -> Iterator[tuple[InstanceProperties, tuple[str | int, ...]]]:
    for index, classification in enumerate(classifications):
        if classification.properties is not None:
            yield classification.properties, (*prefix, "classifications", index, "properties")


def _at(wire: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        wire = wire[step]
    return wire


def _holds_decimal(value: InstancePropertyValue) -> bool:
    if isinstance(value, PrimitivePropertyValue):
        return isinstance(value.primitive_value, Decimal)
    container: InstanceProperties | None = None
    if isinstance(value, ArrayPropertyValue):
        container = value.array_values
    elif isinstance(value, MapPropertyValue):
        container = value.map_values
    elif isinstance(value, StructPropertyValue):
        container = value.attributes
    return container is not None and any(_holds_decimal(v) for v in container.instance_properties.values())


def _json_plain(plain: Any) -> Any:
    if isinstance(plain, datetime):
        return millis_from_datetime(plain)
    if isinstance(plain, list):
        return [_json_plain(item) for item in plain]
    if isinstance(plain, dict):
        return {key: _json_plain(item) for key, item in plain.items()}
    return plain


def _rebuild(data: Any) -> Any:
    """Replace every ``{"@storage": [descriptor, plain]}`` by the typed value it stands for."""
    if isinstance(data, dict):
        if len(data) == 1 and _MARKER in data:
            descriptor, plain = data[_MARKER]
            return from_storage(descriptor, plain)
        return {key: _rebuild(item) for key, item in data.items()}
    if isinstance(data, list):
        return [_rebuild(item) for item in data]
    return data
