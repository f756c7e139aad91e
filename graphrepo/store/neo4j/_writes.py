"""Rows of the write statements in ``cypher/instances.cypher`` (``save_entities``, ``save_relationships``).

Each function turns a record of the storage port into one row: the complete new state of its graph
elements (node or relationship properties, labels, classification nodes, key, version snapshot), so that
the statement can replace what is stored wholesale and a retried transaction writes the same thing again.
The search text travels apart from the properties (``searchText``): the statement defers it (see
``save_entities``).

Dates travel as ``[epochSeconds, nanosecond]`` pairs in a ``times`` map beside each property map (the
statement rebuilds them with ``datetime({epochSeconds, nanosecond})``, the same instant and precision):
the driver's own packing of a Python ``datetime`` cost about 50 µs each, half of a bulk row's packing.
A version snapshot takes its ``_doc`` from the row's properties, so the document travels once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from graphrepo.omrs import EntityDetail, EntityProxy, InstanceHeader
from graphrepo.store._instance_store import EntityRecord, ProxyRecord, RelationshipRecord
from graphrepo.store.neo4j import _graph as g
from graphrepo.store.neo4j._documents import dump_document
from graphrepo.store.neo4j._graph_values import (
    audit_header,
    classification_properties,
    native_properties,
    search_text,
)

__all__ = ["entity_parameters", "proxy_parameters", "relationship_parameters"]

_SEARCH_TEXT = g.SEARCH_TEXT_PROPERTY

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ENTITY_KIND = "entity"
RELATIONSHIP_KIND = "relationship"


def entity_parameters(record: EntityRecord) -> dict[str, Any]:
    """A ``save_entities`` row for a full entity (a reference copy gets the marker label)."""
    entity = record.entity
    markers = [g.REFERENCE_COPY_LABEL] if record.reference_copy else []
    document = dump_document(entity)
    return {
        **_entity_node(entity, record.lineage, markers, document, record.classification_lineages),
        "onlyOverProxy": False,
        "snapshot": _snapshot(entity, ENTITY_KIND, _type_name(entity, record.lineage)),
    }


def proxy_parameters(record: ProxyRecord) -> dict[str, Any]:
    """A ``save_entities`` row for a proxy: no snapshot, and a stored full entity is left alone."""
    proxy = record.proxy
    return {
        **_entity_node(
            proxy,
            record.lineage,
            [g.ENTITY_PROXY_LABEL],
            dump_document(proxy),
            record.classification_lineages,
        ),
        "onlyOverProxy": True,
        "snapshot": None,
    }


def relationship_parameters(record: RelationshipRecord) -> dict[str, Any]:
    """A ``save_relationships`` row: the relationship, its key and its snapshot."""
    relationship = record.relationship
    guid = _guid(relationship)
    end1 = relationship.entity_one_proxy.guid if relationship.entity_one_proxy else None
    end2 = relationship.entity_two_proxy.guid if relationship.entity_two_proxy else None
    if not end1 or not end2:
        raise ValueError(f"relationship {guid} must name both of its ends")
    type_name = _type_name(relationship, record.lineage)
    document = dump_document(relationship)
    properties = {
        **native_properties(relationship.properties),
        **audit_header(relationship),
        g.TYPE_NAME_PROPERTY: type_name,
        g.GUID_PROPERTY: guid,
        g.DOC_PROPERTY: document,
    }
    text = search_text(relationship.properties)
    key = {
        g.GUID_PROPERTY: guid,
        g.TYPE_NAME_PROPERTY: type_name,
        g.END1_PROPERTY: end1,
        g.END2_PROPERTY: end2,
        g.VERSION_PROPERTY: relationship.version,
        **text,
    }
    search = key.pop(_SEARCH_TEXT, None)
    if relationship.status is not None:
        key[g.STATUS_PROPERTY] = relationship.status.value
    if properties.get(g.LONG_VALUES_PROPERTY):
        # Searches find relationships through their keys: the key carries the flag (no index spans all
        # relationship types).
        key[g.LONG_VALUES_PROPERTY] = True
    if record.reference_copy:
        properties[g.REFERENCE_COPY_PROPERTY] = True
        key[g.REFERENCE_COPY_PROPERTY] = True
    properties, times = _split_times(properties)
    return {
        "guid": guid,
        "end1": end1,
        "end2": end2,
        "typeName": type_name,
        "properties": properties,
        "times": times,
        "key": key,
        "searchText": search,
        "snapshot": _snapshot(relationship, RELATIONSHIP_KIND, type_name),
    }


# --- helpers ---------------------------------------------------------------------------------------


def _guid(instance: InstanceHeader) -> str:
    if not instance.guid:
        raise ValueError(f"a stored {instance.class_} must have a GUID")
    return instance.guid


def _type_name(instance: InstanceHeader, lineage: tuple[str, ...]) -> str:
    name = instance.type.type_def_name if instance.type else None
    name = name or (lineage[0] if lineage else None)
    if not name:
        raise ValueError(f"{instance.class_} {instance.guid} has no type name")
    return name


def _entity_node(
    entity: EntityDetail | EntityProxy,
    lineage: tuple[str, ...],
    markers: list[str],
    document: str,
    classification_lineages: dict[str, tuple[str, ...]],
) -> dict[str, Any]:
    guid = _guid(entity)
    type_name = _type_name(entity, lineage)
    attributes = entity.properties if isinstance(entity, EntityDetail) else entity.unique_properties
    properties = {
        **native_properties(attributes),
        **search_text(attributes),
        **audit_header(entity),
        g.TYPE_NAME_PROPERTY: type_name,
        g.GUID_PROPERTY: guid,
        g.DOC_PROPERTY: document,
        g.CLASSIFICATIONS_PROPERTY: [c.name for c in entity.classifications if c.name],
    }
    labels = _unique([g.ENTITY_LABEL, *(lineage or (type_name,)), *markers])
    classifications = [
        {
            "name": classification.name,
            "labels": _unique(
                [
                    g.CLASSIFICATION_LABEL,
                    *classification_lineages.get(classification.name, (classification.name,)),
                ]
            ),
            **_properties_and_times(
                {**classification_properties(classification), g.ENTITY_GUID_PROPERTY: guid}
            ),
        }
        for classification in entity.classifications
        if classification.name
    ]
    search = properties.pop(_SEARCH_TEXT, None)
    return {
        "guid": guid,
        "labels": labels,
        **_properties_and_times(properties),
        "searchText": search,
        "classifications": classifications,
    }


def _snapshot(instance: InstanceHeader, kind: str, type_name: str) -> dict[str, Any]:
    """The version's properties (its ``_doc`` is the row's) and its ``_validFrom`` as an epoch pair."""
    valid_from = instance.update_time or instance.create_time or _EPOCH
    return {
        "properties": {
            g.GUID_PROPERTY: instance.guid,
            g.VERSION_PROPERTY: instance.version,
            g.KIND_PROPERTY: kind,
            g.TYPE_NAME_PROPERTY: type_name,
        },
        "validFrom": _epoch_pair(valid_from),
    }


def _properties_and_times(properties: dict[str, Any]) -> dict[str, Any]:
    plain, times = _split_times(properties)
    return {"properties": plain, "times": times}


def _split_times(properties: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """``properties`` without its zoned datetimes, and those as epoch pairs (module doc). A naive
    datetime (the driver writes it as a LocalDateTime) and lists of dates stay as they are."""
    times = {
        name: _epoch_pair(value)
        for name, value in properties.items()
        if isinstance(value, datetime) and value.tzinfo is not None
    }
    if not times:
        return properties, times
    return {name: value for name, value in properties.items() if name not in times}, times


def _epoch_pair(value: datetime) -> list[int]:
    """``[epochSeconds, nanosecond]`` of an aware datetime, exactly (timedelta keeps microseconds)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)  # as the wire form reads a naive date (``millis_from_datetime``)
    delta = value - _EPOCH
    return [delta.days * 86_400 + delta.seconds, delta.microseconds * 1_000]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))
