"""How the search evaluator compares OMRS property values: equality, numbers, strings, sort keys, headers.

Egeria compares ``InstancePropertyValue`` beans (omrs-reference §5.2; ``OMRSRepositoryContentValidator``).
The rules below follow it, and where Java's bean ``equals`` would make a search depend on incidental
fields, they say what we decided instead.

**Equality** (EQ, NEQ, IN) — :func:`same_value`:

* both values must be the same kind (primitive, enum, array, map, struct), and when both carry a
  ``typeName`` the names must agree (``typeGUID``, ``headerVersion`` and ``arrayCount`` are ignored: the
  GUID and count are derived data that callers often leave out);
* primitives: the same ``primitiveDefCategory`` **and** equal values. An INT 5 never equals a LONG 5, a
  FLOAT never equals a DOUBLE, a DATE never equals a LONG (Java's ``Integer.equals(Long)`` is false too);
  use LT..GTE, which compare across numeric categories, when the category is not known. BIGDECIMAL
  compares by value (``2.0`` equals ``2.00``, unlike Java's scale-sensitive ``BigDecimal.equals``);
* enums: the same ``symbolicName`` (ordinal and description are ignored: callers often send the name only);
* arrays, maps and structs: the same keys with pairwise equal values.

**Order** (LT, LTE, GT, GTE) — :func:`numeric`: BYTE, SHORT, INT, LONG, BIGINTEGER, FLOAT, DOUBLE,
BIGDECIMAL and DATE (epoch milliseconds) compare as decimals across categories, as Java's
``getNumericRepresentation``; any other stored value never satisfies an order condition.

**As a string** (MATCHES) — :func:`java_string`, Java's ``valueAsString``: a primitive's
``toString()`` (``true``, ``5``, ``1.0E7``, a DATE as its epoch milliseconds), an enum's symbolic name,
and a collection as ``{key=value, ...}`` with keys in order (Java's ``HashMap`` order is unspecified).

**Sorting** (PROPERTY_ASCENDING/DESCENDING) — :func:`sort_key`: numbers, then dates, then strings (Java
``String.compareTo``: UTF-16 code units), then booleans, then enums (by ordinal); collections are not
sortable and sort as if absent.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Final

from graphrepo.omrs import (
    ArrayPropertyValue,
    EnumPropertyValue,
    InstanceAuditHeader,
    InstanceHeader,
    InstanceProperties,
    InstancePropertyValue,
    MapPropertyValue,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    StructPropertyValue,
    millis_from_datetime,
    primitive_value,
)

__all__ = [
    "HEADER_PROPERTIES",
    "NUMERIC_CATEGORIES",
    "SortKey",
    "header_value",
    "java_string",
    "numeric",
    "property_value",
    "same_value",
    "sort_key",
]

_P = PrimitiveDefCategory
NUMERIC_CATEGORIES: Final = frozenset(
    {
        _P.OM_PRIMITIVE_TYPE_BYTE,
        _P.OM_PRIMITIVE_TYPE_SHORT,
        _P.OM_PRIMITIVE_TYPE_INT,
        _P.OM_PRIMITIVE_TYPE_LONG,
        _P.OM_PRIMITIVE_TYPE_BIGINTEGER,
        _P.OM_PRIMITIVE_TYPE_FLOAT,
        _P.OM_PRIMITIVE_TYPE_DOUBLE,
        _P.OM_PRIMITIVE_TYPE_BIGDECIMAL,
        _P.OM_PRIMITIVE_TYPE_DATE,
    }
)
"""Categories an order condition (LT..GTE) may use as its value; BYTE is accepted, unlike Java 5.4."""

_STRINGS: Final = frozenset({_P.OM_PRIMITIVE_TYPE_STRING, _P.OM_PRIMITIVE_TYPE_CHAR})

HEADER_PROPERTIES: Final = frozenset(
    {
        "guid",
        "metadataCollectionId",
        "metadataCollectionName",
        "instanceProvenanceType",
        "createdBy",
        "createTime",
        "updatedBy",
        "updateTime",
        "version",
        "effectiveFromTime",
        "effectiveToTime",
    }
)
"""Pseudo-properties (omrs-reference §5.2): they name header fields and shadow attributes of that name."""


# --- reading a property --------------------------------------------------------------------------


def _string(value: str | None) -> PrimitivePropertyValue | None:
    return None if value is None else primitive_value(value, _P.OM_PRIMITIVE_TYPE_STRING)


def _date(value: datetime | None) -> PrimitivePropertyValue | None:
    return None if value is None else primitive_value(value, _P.OM_PRIMITIVE_TYPE_DATE)


def header_value(
    name: str, header: InstanceAuditHeader, properties: InstanceProperties | None
) -> PrimitivePropertyValue | None:
    """The typed value of pseudo-property ``name`` (one of :data:`HEADER_PROPERTIES`), or None if unset.

    Strings are STRING primitives, times DATE, ``version`` a LONG (Java 5.x reads ``updateTime`` there, a
    bug we do not copy); a classification has no ``guid``."""
    match name:
        case "guid":
            return _string(header.guid if isinstance(header, InstanceHeader) else None)
        case "metadataCollectionId":
            return _string(header.metadata_collection_id)
        case "metadataCollectionName":
            return _string(header.metadata_collection_name)
        case "instanceProvenanceType":
            provenance = header.instance_provenance_type
            return _string(None if provenance is None else provenance.value)
        case "createdBy":
            return _string(header.created_by)
        case "createTime":
            return _date(header.create_time)
        case "updatedBy":
            return _string(header.updated_by)
        case "updateTime":
            return _date(header.update_time)
        case "version":
            return primitive_value(header.version, _P.OM_PRIMITIVE_TYPE_LONG)
        case "effectiveFromTime":
            return _date(None if properties is None else properties.effective_from_time)
        case "effectiveToTime":
            return _date(None if properties is None else properties.effective_to_time)
    raise KeyError(name)


def property_value(
    name: str, header: InstanceAuditHeader, properties: InstanceProperties | None
) -> InstancePropertyValue | None:
    """The value a condition on ``name`` tests: the header field for a pseudo-property, else the attribute."""
    if name in HEADER_PROPERTIES:
        return header_value(name, header, properties)
    if properties is None:
        return None
    return properties.instance_properties.get(name)


# --- equality ------------------------------------------------------------------------------------


def _held(value: PrimitivePropertyValue) -> object:
    held = value.primitive_value
    # Java holds a DATE as epoch milliseconds; compare at that resolution.
    return millis_from_datetime(held) if isinstance(held, datetime) else held


def _same_properties(left: InstanceProperties | None, right: InstanceProperties | None) -> bool:
    lhs = left.instance_properties if left is not None else {}
    rhs = right.instance_properties if right is not None else {}
    return lhs.keys() == rhs.keys() and all(same_value(lhs[k], rhs[k]) for k in lhs)


def same_value(actual: InstancePropertyValue | None, test: InstancePropertyValue | None) -> bool:
    """EQ (module doc). None equals only None, as ``Objects.equals``."""
    if actual is None or test is None:
        return actual is None and test is None
    if type(actual) is not type(test):
        return False
    if actual.type_name is not None and test.type_name is not None and actual.type_name != test.type_name:
        return False
    if isinstance(actual, PrimitivePropertyValue) and isinstance(test, PrimitivePropertyValue):
        if actual.primitive_def_category != test.primitive_def_category:
            return False
        left, right = _held(actual), _held(test)
        # bool is an int in Python; the categories already agree, but guard an UNKNOWN category.
        return type(left) is type(right) and left == right if isinstance(left, bool) else left == right
    if isinstance(actual, EnumPropertyValue) and isinstance(test, EnumPropertyValue):
        return actual.symbolic_name == test.symbolic_name
    if isinstance(actual, ArrayPropertyValue) and isinstance(test, ArrayPropertyValue):
        return _same_properties(actual.array_values, test.array_values)
    if isinstance(actual, MapPropertyValue) and isinstance(test, MapPropertyValue):
        return _same_properties(actual.map_values, test.map_values)
    if isinstance(actual, StructPropertyValue) and isinstance(test, StructPropertyValue):
        return _same_properties(actual.attributes, test.attributes)
    return False


# --- numbers and strings -------------------------------------------------------------------------


def numeric(value: InstancePropertyValue | None) -> Decimal | None:
    """The decimal value of a numeric or DATE primitive (module doc), else None."""
    if (
        not isinstance(value, PrimitivePropertyValue)
        or value.primitive_def_category not in NUMERIC_CATEGORIES
    ):
        return None
    held = value.primitive_value
    if held is None or isinstance(held, bool):
        return None
    if isinstance(held, datetime):
        return Decimal(millis_from_datetime(held))
    if isinstance(held, float):
        return Decimal(repr(held))  # BigDecimal.valueOf(double) goes through Double.toString as well
    if isinstance(held, int | Decimal):
        return Decimal(held)
    return None


def _java_double(value: float) -> str:
    """``Double.toString``: positional in [1e-3, 1e7), otherwise ``d.dddE±n``."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if str(value).startswith("-") else "0.0"
    if 1e-3 <= abs(value) < 1e7:
        text = repr(value)
        return text if "." in text or "e" in text else text + ".0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    scientific_exponent = exponent + len(text) - 1
    mantissa = text[0] + "." + (text[1:] or "0")
    return f"{'-' if sign else ''}{mantissa}E{scientific_exponent}"


def _java_scalar(held: object) -> str:
    if isinstance(held, bool):
        return "true" if held else "false"
    if isinstance(held, datetime):
        return str(millis_from_datetime(held))
    if isinstance(held, float):
        return _java_double(held)
    return str(held)


def _array_order(item: tuple[str, InstancePropertyValue]) -> tuple[int, str]:
    return (len(item[0]), item[0])  # "10" after "9"


def _collection_string(properties: InstanceProperties | None, *, array: bool) -> str | None:
    if properties is None:
        return None
    items = list(properties.instance_properties.items())
    items.sort(key=_array_order if array else (lambda item: (0, item[0])))
    parts = [f"{key}={java_string(value) if value is not None else '<null>'}" for key, value in items]
    return "{" + ", ".join(parts) + "}"


def java_string(value: InstancePropertyValue | None) -> str | None:
    """Java's ``valueAsString`` (module doc); None when the value (or its content) is null."""
    if value is None:
        return None
    if isinstance(value, PrimitivePropertyValue):
        held = value.primitive_value
        return None if held is None else _java_scalar(held)
    if isinstance(value, EnumPropertyValue):
        return value.symbolic_name
    if isinstance(value, ArrayPropertyValue):
        return _collection_string(value.array_values, array=True)
    if isinstance(value, MapPropertyValue):
        return _collection_string(value.map_values, array=False)
    if isinstance(value, StructPropertyValue):
        return _collection_string(value.attributes, array=False)
    return None


# --- sorting -------------------------------------------------------------------------------------

SortKey = tuple[int, object] | tuple[int, int, str]


def sort_key(value: InstancePropertyValue | None) -> SortKey | None:
    """A key ordering values of one property across instances (module doc); None sorts as absent."""
    if isinstance(value, EnumPropertyValue):
        return (4, value.ordinal, value.symbolic_name or "")
    if not isinstance(value, PrimitivePropertyValue) or value.primitive_value is None:
        return None
    category, held = value.primitive_def_category, value.primitive_value
    if category is _P.OM_PRIMITIVE_TYPE_DATE and isinstance(held, datetime):
        return (1, millis_from_datetime(held))
    if category in NUMERIC_CATEGORIES:
        number = numeric(value)
        return None if number is None else (0, number)
    if category in _STRINGS and isinstance(held, str):
        # Java compares UTF-16 code units; the big-endian encoding orders the same way.
        return (2, held.encode("utf-16-be", "surrogatepass"))
    if category is _P.OM_PRIMITIVE_TYPE_BOOLEAN and isinstance(held, bool):
        return (3, held)
    return None
