"""``InstanceProperties`` and the ``InstancePropertyValue`` family (omrs-reference.md §3, §1.8).

A ``PrimitivePropertyValue`` is checked against its ``primitiveDefCategory`` the way Java's
``validateValueAgainstType`` does, so what Egeria would refuse is a ``ValidationError`` at
``primitiveValue``. The Python value held for each category, and what is written:

============================  ======================  ===========================================
category                      Python value            wire
============================  ======================  ===========================================
STRING / CHAR                 ``str`` (CHAR: 1 char)  string
BOOLEAN                       ``bool``                ``true``/``false``
BYTE / SHORT / INT / LONG     ``int`` (Java range)    integer
BIGINTEGER                    ``int``                 integer
FLOAT / DOUBLE                ``float`` (finite)      number with a decimal point (``1.0``)
BIGDECIMAL                    ``decimal.Decimal``     integer when integral, else a JSON number
DATE                          aware UTC ``datetime``  epoch milliseconds
UNKNOWN                       any JSON value          as given
============================  ======================  ===========================================

Where Egeria is more lenient we follow it: an integer is widened to ``float`` for FLOAT/DOUBLE (Java
refuses ``1``, but the widening is exact and we always write ``1.0``), and DATE also reads ISO strings.
Where Java's bean is broken we do not copy the bug: BIGINTEGER accepts small integers and BIGDECIMAL
accepts fractions (Java fails on both), and CHAR refuses a longer string instead of truncating it.
"""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Final

from pydantic import (
    BeforeValidator,
    Field,
    Tag,
    TypeAdapter,
    ValidationInfo,
    computed_field,
    field_serializer,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ._base import OMIT_EMPTY, EpochMillis, TaggedModel, class_discriminator, millis_from_datetime
from ._base import parse_epoch_millis as _parse_epoch_millis
from ._enums import InstancePropertyCategory, PrimitiveDefCategory

__all__ = [
    "INSTANCE_PROPERTY_VALUE_ADAPTER",
    "AnyInstancePropertyValue",
    "ArrayPropertyValue",
    "EnumPropertyValue",
    "InstanceElementHeader",
    "InstanceProperties",
    "InstancePropertyValue",
    "MapPropertyValue",
    "PrimitivePropertyValue",
    "StructPropertyValue",
    "coerce_primitive",
]

_P = PrimitiveDefCategory
_INTEGER_RANGES: Final[dict[PrimitiveDefCategory, tuple[int, int]]] = {
    _P.OM_PRIMITIVE_TYPE_BYTE: (-(2**7), 2**7 - 1),
    _P.OM_PRIMITIVE_TYPE_SHORT: (-(2**15), 2**15 - 1),
    _P.OM_PRIMITIVE_TYPE_INT: (-(2**31), 2**31 - 1),
    _P.OM_PRIMITIVE_TYPE_LONG: (-(2**63), 2**63 - 1),
}


def _mismatch(category: PrimitiveDefCategory, value: Any, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "primitive_value",
        "{value} does not fit {category}: {why}",
        {"value": repr(value), "category": category.value, "why": why},
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def coerce_primitive(category: PrimitiveDefCategory, value: Any) -> Any:
    """Check ``value`` against ``category`` and return the Python value held for it (module table).

    Raises ``PydanticCustomError`` (inside validation) when it does not fit. ``None`` is always allowed,
    as in Java."""
    if value is None or category is _P.OM_PRIMITIVE_TYPE_UNKNOWN:
        return value
    if category in (_P.OM_PRIMITIVE_TYPE_STRING, _P.OM_PRIMITIVE_TYPE_CHAR):
        if not isinstance(value, str):
            raise _mismatch(category, value, "expected a string")
        if category is _P.OM_PRIMITIVE_TYPE_CHAR and len(value) != 1:
            raise _mismatch(category, value, "expected exactly one character")
        return value
    if category is _P.OM_PRIMITIVE_TYPE_BOOLEAN:
        if not isinstance(value, bool):
            raise _mismatch(category, value, "expected true or false")
        return value
    if category in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[category]
        if not _is_int(value):
            raise _mismatch(category, value, "expected an integer literal")
        if not low <= value <= high:
            raise _mismatch(category, value, f"out of range {low}..{high}")
        return value
    if category is _P.OM_PRIMITIVE_TYPE_BIGINTEGER:
        if not _is_int(value):
            raise _mismatch(category, value, "expected an integer literal")
        return value
    if category in (_P.OM_PRIMITIVE_TYPE_FLOAT, _P.OM_PRIMITIVE_TYPE_DOUBLE):
        if not (_is_int(value) or isinstance(value, float | Decimal)) or not math.isfinite(value):
            raise _mismatch(category, value, "expected a finite number")
        return float(value)
    if category is _P.OM_PRIMITIVE_TYPE_BIGDECIMAL:
        if isinstance(value, float):
            value = Decimal(repr(value))  # repr is the shortest exact round-trip of the JSON literal
        if not (_is_int(value) or isinstance(value, Decimal)) or not Decimal(value).is_finite():
            raise _mismatch(category, value, "expected a finite number")
        return Decimal(value)
    if category is _P.OM_PRIMITIVE_TYPE_DATE:
        if isinstance(value, bool | float):
            raise _mismatch(category, value, "expected epoch milliseconds or an ISO-8601 string")
        return _parse_epoch_millis(value)
    raise _mismatch(category, value, "unsupported category")  # pragma: no cover - enum is exhaustive


def _wire_primitive(value: Any) -> Any:
    """The JSON value for a held primitive (see the module table)."""
    if isinstance(value, datetime):
        return millis_from_datetime(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class InstanceElementHeader(TaggedModel):
    """Abstract root of the instance beans (``InstanceElementHeader`` + ``RepositoryElementHeader``)."""

    header_version: int = 1


class InstancePropertyValue(InstanceElementHeader):
    """Abstract base of property values; parse through :data:`AnyInstancePropertyValue`.

    ``typeName``/``typeGUID`` name the AttributeTypeDef (``string``, ``array<string>``, an EnumDef ...)."""

    instance_property_category: InstancePropertyCategory | None = None
    type_guid: str | None = Field(default=None, alias="typeGUID")
    type_name: str | None = None


class PrimitivePropertyValue(InstancePropertyValue):
    """A primitive value, typed by ``primitiveDefCategory`` (module table)."""

    wire_class: ClassVar[str] = "PrimitivePropertyValue"

    instance_property_category: InstancePropertyCategory | None = InstancePropertyCategory.PRIMITIVE
    primitive_def_category: PrimitiveDefCategory | None = None
    # Declared after the category so the validator below sees it, whatever the JSON key order.
    primitive_value: Any = None

    @field_validator("primitive_value")
    @classmethod
    def _fits_category(cls, value: Any, info: ValidationInfo) -> Any:
        category = info.data.get("primitive_def_category")
        return value if category is None else coerce_primitive(category, value)

    @field_serializer("primitive_value")
    def _write_value(self, value: Any) -> Any:
        return _wire_primitive(value)


class EnumPropertyValue(InstancePropertyValue):
    """A value of an EnumDef: ``symbolicName`` is the element's ``value``. Java's initial ordinal is 99."""

    wire_class: ClassVar[str] = "EnumPropertyValue"

    instance_property_category: InstancePropertyCategory | None = InstancePropertyCategory.ENUM
    ordinal: int = 99
    symbolic_name: str | None = None
    description: str | None = None


class ArrayPropertyValue(InstancePropertyValue):
    """An array: elements keyed ``"0"``, ``"1"``, ... in ``arrayValues``; ``arrayCount`` is as sent
    (Java does not check it). An empty ``arrayValues`` is still written, as Java's getter returns it."""

    wire_class: ClassVar[str] = "ArrayPropertyValue"

    instance_property_category: InstancePropertyCategory | None = InstancePropertyCategory.ARRAY
    array_count: int = 0
    array_values: InstanceProperties | None = None


class MapPropertyValue(InstancePropertyValue):
    """A map from string keys. ``mapElementCount`` is derived (Java has no setter), so input is ignored."""

    wire_class: ClassVar[str] = "MapPropertyValue"

    instance_property_category: InstancePropertyCategory | None = InstancePropertyCategory.MAP
    map_values: InstanceProperties | None = None

    @computed_field(alias="mapElementCount")  # type: ignore[prop-decorator]
    @property
    def map_element_count(self) -> int:
        return 0 if self.map_values is None else len(self.map_values.instance_properties)


class StructPropertyValue(InstancePropertyValue):
    """A struct: named ``attributes``."""

    wire_class: ClassVar[str] = "StructPropertyValue"

    instance_property_category: InstancePropertyCategory | None = InstancePropertyCategory.STRUCT
    attributes: InstanceProperties | None = None


AnyInstancePropertyValue = Annotated[
    Annotated[PrimitivePropertyValue, Tag("PrimitivePropertyValue")]
    | Annotated[EnumPropertyValue, Tag("EnumPropertyValue")]
    | Annotated[ArrayPropertyValue, Tag("ArrayPropertyValue")]
    | Annotated[MapPropertyValue, Tag("MapPropertyValue")]
    | Annotated[StructPropertyValue, Tag("StructPropertyValue")],
    class_discriminator(
        "InstancePropertyValue",
        PrimitivePropertyValue,
        EnumPropertyValue,
        ArrayPropertyValue,
        MapPropertyValue,
        StructPropertyValue,
    ),
]
"""A field declared ``InstancePropertyValue`` in Java: one of the five kinds, chosen by ``class``."""


def _drop_null_values(value: Any) -> Any:
    # Java's setProperty(name, null) removes the name; a null map is an empty one.
    if value is None:
        return {}
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    return value


class InstanceProperties(InstanceElementHeader):
    """Named property values plus the effectivity dates of the element that holds them.

    Pre-4.0 senders also wrote ``propertyNames``/``propertyCount``; both are derived data and are ignored.
    """

    wire_class: ClassVar[str] = "InstanceProperties"

    effective_from_time: EpochMillis | None = None
    effective_to_time: EpochMillis | None = None
    instance_properties: Annotated[
        dict[str, AnyInstancePropertyValue], BeforeValidator(_drop_null_values), OMIT_EMPTY
    ] = {}

    def wire_empty(self) -> bool:
        # EntityDetail/Relationship/Classification/EntityProxy getters return null in exactly this case.
        return (
            not self.instance_properties
            and self.effective_from_time is None
            and self.effective_to_time is None
        )


for _model in (ArrayPropertyValue, MapPropertyValue, StructPropertyValue):
    _model.model_rebuild()

INSTANCE_PROPERTY_VALUE_ADAPTER: Final[TypeAdapter[AnyInstancePropertyValue]] = TypeAdapter(
    AnyInstancePropertyValue
)
