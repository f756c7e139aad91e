"""``PrimitivePropertyValue`` typing by ``primitiveDefCategory`` (omrs-reference.md §1.8, Appendix C)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from graphrepo.omrs import PrimitiveDefCategory, PrimitivePropertyValue, from_wire, to_json, to_wire


def _doc(category: str, value: Any) -> dict[str, Any]:
    return {"class": "PrimitivePropertyValue", "primitiveDefCategory": category, "primitiveValue": value}


# (category suffix, JSON value in, Python value held, JSON value out)
ACCEPTED = [
    ("STRING", "x", "x", "x"),
    ("CHAR", "x", "x", "x"),
    ("BOOLEAN", True, True, True),
    ("BYTE", 3, 3, 3),
    ("SHORT", 3, 3, 3),
    ("INT", 3, 3, 3),
    ("INT", -(2**31), -(2**31), -(2**31)),
    ("LONG", 3, 3, 3),
    ("LONG", 12345678901, 12345678901, 12345678901),
    ("DOUBLE", 0.5, 0.5, 0.5),
    ("DOUBLE", 1.0, 1.0, 1.0),
    ("DOUBLE", 1, 1.0, 1.0),  # lenient: widened; always written with a decimal point
    ("FLOAT", 1.5, 1.5, 1.5),
    ("BIGDECIMAL", 2, Decimal(2), 2),
    ("BIGDECIMAL", 1.5, Decimal("1.5"), 1.5),
    ("BIGINTEGER", 12345678901, 12345678901, 12345678901),
    ("BIGINTEGER", 5, 5, 5),
    (
        "BIGINTEGER",
        123456789012345678901234567890,
        123456789012345678901234567890,
        123456789012345678901234567890,
    ),
    ("DATE", 1700000000000, datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC), 1700000000000),
    ("DATE", 17, datetime(1970, 1, 1, 0, 0, 0, 17000, tzinfo=UTC), 17),
    ("DATE", "2023-11-14T22:13:20Z", datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC), 1700000000000),
    ("UNKNOWN", 5, 5, 5),
    ("UNKNOWN", {"a": [1, "b"]}, {"a": [1, "b"]}, {"a": [1, "b"]}),
]

REJECTED = [
    ("STRING", 5),
    ("STRING", True),
    ("CHAR", "xy"),
    ("CHAR", ""),
    ("BOOLEAN", "true"),
    ("BOOLEAN", 1),
    ("INT", 3.0),
    ("INT", 2**31),
    ("INT", "3"),
    ("INT", True),
    ("BYTE", 128),
    ("SHORT", -(2**15) - 1),
    ("LONG", 2**63),
    ("DOUBLE", "1.5"),
    ("DOUBLE", True),
    ("FLOAT", "nan"),
    ("BIGDECIMAL", "1.5"),
    ("BIGINTEGER", 1.5),
    ("DATE", 1.5),
    ("DATE", True),
    ("DATE", "tomorrow"),
]


@pytest.mark.parametrize(("suffix", "wire_in", "held", "wire_out"), ACCEPTED)
def test_accepted(suffix: str, wire_in: Any, held: Any, wire_out: Any) -> None:
    value = from_wire(PrimitivePropertyValue, _doc(f"OM_PRIMITIVE_TYPE_{suffix}", wire_in))
    assert value.primitive_value == held
    assert type(value.primitive_value) is type(held)
    out = to_wire(value)["primitiveValue"]
    assert out == wire_out
    assert type(out) is type(wire_out)


@pytest.mark.parametrize(("suffix", "wire_in"), REJECTED)
def test_rejected_names_primitive_value(suffix: str, wire_in: Any) -> None:
    with pytest.raises(ValidationError) as info:
        from_wire(PrimitivePropertyValue, _doc(f"OM_PRIMITIVE_TYPE_{suffix}", wire_in))
    assert [e["loc"] for e in info.value.errors()] == [("primitiveValue",)]


def test_key_order_does_not_matter() -> None:
    document = {
        "class": "PrimitivePropertyValue",
        "primitiveValue": 1,
        "primitiveDefCategory": "OM_PRIMITIVE_TYPE_LONG",
    }
    assert from_wire(PrimitivePropertyValue, document).primitive_value == 1
    with pytest.raises(ValidationError):
        from_wire(PrimitivePropertyValue, {**document, "primitiveValue": "x"})


def test_doubles_always_have_a_decimal_point_in_json_text() -> None:
    value = PrimitivePropertyValue(
        primitive_def_category=PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DOUBLE, primitive_value=2
    )
    assert '"primitiveValue":2.0' in to_json(value)
    assert json.loads(to_json(value))["primitiveValue"] == 2.0


def test_null_value_and_missing_category_are_allowed_as_in_java() -> None:
    assert from_wire(PrimitivePropertyValue, _doc("OM_PRIMITIVE_TYPE_INT", None)).primitive_value is None
    untyped = from_wire(PrimitivePropertyValue, {"class": "PrimitivePropertyValue", "primitiveValue": "v"})
    assert to_wire(untyped) == {
        "class": "PrimitivePropertyValue",
        "headerVersion": 1,
        "instancePropertyCategory": "PRIMITIVE",
        "primitiveValue": "v",
    }


def test_python_construction_is_checked_too() -> None:
    with pytest.raises(ValidationError):
        PrimitivePropertyValue(
            primitive_def_category=PrimitiveDefCategory.OM_PRIMITIVE_TYPE_INT, primitive_value="3"
        )
