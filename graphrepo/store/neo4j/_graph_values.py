"""What an instance looks like as Neo4j properties: readable attributes, header fields, search text.

These projections are for people (the console) and for narrowing searches; reads never use them (they
parse ``_doc``), so a projection may simplify. The choices:

============================  =============================================================================
OMRS value                    node / relationship property
============================  =============================================================================
string, char                  STRING
boolean                       BOOLEAN
byte, short, int, long        INTEGER
float, double                 FLOAT
biginteger                    INTEGER when it fits 64 bits, else its decimal STRING
bigdecimal                    its decimal STRING (exact; a FLOAT would round)
date                          DATETIME in UTC (readable in the console, range-indexable, millisecond exact)
enum                          STRING: the symbolic name
array of one primitive kind   LIST of that kind (strings, integers, floats, booleans or datetimes)
map, struct, other arrays     STRING: compact JSON of the plain values (dates as ISO-8601, decimals as
                              strings); flattening would scatter one attribute over many property keys
null                          absent
============================  =============================================================================

**Long strings.** Type-derived indexes are RANGE indexes, whose keys are limited to about 8 kB: a longer
indexed value fails the whole write. So a STRING projection (or a string element of a list) over
:data:`NATIVE_STRING_LIMIT` UTF-8 bytes is written truncated to that many bytes at a character boundary,
and ``_longValues = true`` marks the instance (on a relationship: on its key node too). A search narrowed
by a type-derived index also takes every flagged instance as a candidate (``_search``); the evaluator,
reading ``_doc``, gives the exact answer.

Header fields are written under ``_`` names (``graphrepo.store.neo4j._graph``); an attribute whose name
starts with ``_`` (never valid in open metadata types) is kept in ``_doc`` only, so it can never shadow one.

**Search text.** ``_searchText`` joins, one per line, Java's ``valueAsString`` of every attribute (the
string a MATCHES condition tests, which contains every nested string an any-value search tests). A TEXT
index holds it, so a regex with a literal hint narrows candidates with ``CONTAINS``. Neo4j refuses to
index a value over 32,766 bytes (the whole write fails), so a longer text is not stored and
``_searchOverflow = true`` marks the instance as a candidate for every text search instead.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from graphrepo.omrs import (
    ArrayPropertyValue,
    Classification,
    EnumPropertyValue,
    InstanceAuditHeader,
    InstanceProperties,
    InstancePropertyValue,
    PrimitivePropertyValue,
    python_from_property_value,
)
from graphrepo.store._comparison import java_string
from graphrepo.store.neo4j import _graph as g

__all__ = [
    "NATIVE_STRING_LIMIT",
    "SEARCH_TEXT_LIMIT",
    "audit_header",
    "classification_properties",
    "native_properties",
    "search_text",
]

SEARCH_TEXT_LIMIT: Final = 32_000
"""UTF-8 bytes of ``_searchText`` above which it is not stored (Neo4j's TEXT index limit is 32,766)."""

NATIVE_STRING_LIMIT: Final = 4_000
"""UTF-8 bytes of a string attribute's native projection above which it is truncated (module doc). Neo4j
refuses RANGE index keys over about 8 kB (8,167 bytes of key in 5.26, less for composite keys); half of
that leaves room for the key's own overhead and for any future composite index."""

_INT64: Final = range(-(2**63), 2**63)
_SCALARS: Final = (str, bool, int, float, datetime)


def native_properties(properties: InstanceProperties | None) -> dict[str, Any]:
    """The attributes as native property values (module table), by attribute name, plus
    ``_longValues: True`` when a string was truncated to :data:`NATIVE_STRING_LIMIT` (module doc)."""
    if properties is None:
        return {}
    native: dict[str, Any] = {}
    truncated = False
    for name, value in properties.instance_properties.items():
        if name.startswith(g.HEADER_PREFIX):
            continue
        projected = _project(value)
        if projected is None:
            continue
        fitted = _fit(projected)
        truncated = truncated or fitted is not projected
        native[name] = fitted
    if truncated:
        native[g.LONG_VALUES_PROPERTY] = True
    return native


def search_text(properties: InstanceProperties | None) -> dict[str, Any]:
    """``{_searchText: ...}`` or ``{_searchOverflow: True}`` (module doc); empty without attributes."""
    if properties is None:
        return {}
    strings = [java_string(value) for value in properties.instance_properties.values()]
    text = "\n".join(s for s in strings if s is not None)
    if not text:
        return {}
    if len(text.encode("utf-8")) > SEARCH_TEXT_LIMIT:
        return {g.SEARCH_OVERFLOW_PROPERTY: True}
    return {g.SEARCH_TEXT_PROPERTY: text}


def audit_header(header: InstanceAuditHeader) -> dict[str, Any]:
    """The header fields every entity, relationship and classification shows."""
    values: dict[str, Any] = {
        g.TYPE_NAME_PROPERTY: header.type.type_def_name if header.type else None,
        g.VERSION_PROPERTY: header.version,
        g.STATUS_PROPERTY: header.status.value if header.status else None,
        g.METADATA_COLLECTION_ID_PROPERTY: header.metadata_collection_id,
        g.METADATA_COLLECTION_NAME_PROPERTY: header.metadata_collection_name,
        g.PROVENANCE_PROPERTY: (
            header.instance_provenance_type.value if header.instance_provenance_type else None
        ),
        g.CREATED_BY_PROPERTY: header.created_by,
        g.UPDATED_BY_PROPERTY: header.updated_by,
        g.CREATE_TIME_PROPERTY: header.create_time,
        g.UPDATE_TIME_PROPERTY: header.update_time,
    }
    return {key: value for key, value in values.items() if value is not None}


def classification_properties(classification: Classification) -> dict[str, Any]:
    """A classification node's properties: its header, origin and attributes."""
    values = {
        **native_properties(classification.properties),
        **audit_header(classification),
        g.TYPE_NAME_PROPERTY: classification.name,
    }
    if classification.classification_origin is not None:
        values[g.ORIGIN_PROPERTY] = classification.classification_origin.value
    return values


# --- one value -------------------------------------------------------------------------------------


def _fit(projected: Any) -> Any:
    """``projected`` itself if every string in it fits :data:`NATIVE_STRING_LIMIT`, else a truncated copy."""
    if isinstance(projected, str):
        return _truncated(projected)
    if isinstance(projected, list) and any(isinstance(e, str) for e in projected):
        fitted = [_truncated(e) if isinstance(e, str) else e for e in projected]
        return projected if all(a is b for a, b in zip(fitted, projected, strict=True)) else fitted
    return projected


def _truncated(text: str) -> str:
    # Four UTF-8 bytes per character at most: a shorter text fits without encoding it.
    if len(text) * 4 <= NATIVE_STRING_LIMIT:
        return text
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= NATIVE_STRING_LIMIT:
        return text
    # Cut at the limit; "ignore" drops the partial character the cut may leave at the end.
    return encoded[:NATIVE_STRING_LIMIT].decode("utf-8", "ignore")


def _project(value: InstancePropertyValue) -> Any:
    if isinstance(value, PrimitivePropertyValue):
        return _scalar(value.primitive_value)
    if isinstance(value, EnumPropertyValue):
        return value.symbolic_name
    if isinstance(value, ArrayPropertyValue):
        elements = _array_elements(value)
        if elements is not None:
            return elements
    return _json_text(python_from_property_value(value))


def _scalar(held: Any) -> Any:
    if held is None:
        return None
    if isinstance(held, Decimal) or (
        isinstance(held, int) and not isinstance(held, bool) and held not in _INT64
    ):
        return str(held)
    if isinstance(held, _SCALARS):
        return held
    return _json_text(held)  # an UNKNOWN-category value: any JSON


def _array_elements(value: ArrayPropertyValue) -> list[Any] | None:
    """The elements as a homogeneous list, or None if they are not all primitives of one kind."""
    items = value.array_values.instance_properties if value.array_values else {}
    ordered = sorted(items.items(), key=lambda item: (len(item[0]), item[0]))
    elements: list[Any] = []
    kinds: set[type] = set()
    for _, element in ordered:
        if not isinstance(element, PrimitivePropertyValue):
            return None
        scalar = _scalar(element.primitive_value)
        if scalar is None or not isinstance(scalar, _SCALARS):
            return None
        kinds.add(bool if isinstance(scalar, bool) else type(scalar))
        elements.append(scalar)
    return elements if len(kinds) <= 1 else None


def _json_text(plain: Any) -> str:
    return json.dumps(plain, separators=(",", ":"), ensure_ascii=False, default=_json_default)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
