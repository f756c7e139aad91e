"""Conversion between typed OMRS properties and plain Python values (``graphrepo.omrs._values``)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from graphrepo.omrs import (
    ArrayPropertyValue,
    CollectionDef,
    CollectionDefCategory,
    EntityDetail,
    EnumDef,
    EnumElementDef,
    EnumPropertyValue,
    MapPropertyValue,
    PrimitiveDef,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    StructPropertyValue,
    TypeDefAttribute,
    from_storage,
    from_wire,
    infer_primitive_category,
    instance_properties_from_python,
    primitive_value,
    property_value_from_python,
    python_from_instance_properties,
    to_storage,
    to_wire,
)

P = PrimitiveDefCategory
GOLDEN = Path(__file__).parent / "golden"
STATUS = EnumDef(
    guid="c8fe36ac-369f-4799-af75-46b9c1343ab3",
    name="TermAssignmentStatus",
    element_defs=[
        EnumElementDef(ordinal=0, value="Discovered", description="d"),
        EnumElementDef(ordinal=1, value="Proposed", description="The term assignment was proposed."),
    ],
)
ARRAY_OF_INT = CollectionDef(
    guid="0103fe10-98b0-4910-8ee0-21d529f7ff6d",
    name="array<int>",
    collection_def_category=CollectionDefCategory.OM_COLLECTION_ARRAY,
    argument_count=1,
    argument_types=[P.OM_PRIMITIVE_TYPE_INT],
)
MAP_OF_DATE = CollectionDef(
    guid="ee293c68-e34d-4885-a512-f927d35a5893",
    name="map<string,date>",
    collection_def_category=CollectionDefCategory.OM_COLLECTION_MAP,
    argument_count=2,
    argument_types=[P.OM_PRIMITIVE_TYPE_STRING, P.OM_PRIMITIVE_TYPE_DATE],
)
ATTRIBUTES = [
    TypeDefAttribute(
        attribute_name="qualifiedName", attribute_type=PrimitiveDef.for_category(P.OM_PRIMITIVE_TYPE_STRING)
    ),
    TypeDefAttribute(
        attribute_name="size", attribute_type=PrimitiveDef.for_category(P.OM_PRIMITIVE_TYPE_LONG)
    ),
    TypeDefAttribute(
        attribute_name="score", attribute_type=PrimitiveDef.for_category(P.OM_PRIMITIVE_TYPE_FLOAT)
    ),
    TypeDefAttribute(attribute_name="status", attribute_type=STATUS),
    TypeDefAttribute(attribute_name="counts", attribute_type=ARRAY_OF_INT),
    TypeDefAttribute(attribute_name="seen", attribute_type=MAP_OF_DATE),
]


def test_inference_follows_jackson_number_split() -> None:
    assert infer_primitive_category(True) is P.OM_PRIMITIVE_TYPE_BOOLEAN
    assert infer_primitive_category(2**31 - 1) is P.OM_PRIMITIVE_TYPE_INT
    assert infer_primitive_category(2**31) is P.OM_PRIMITIVE_TYPE_LONG
    assert infer_primitive_category(1.0) is P.OM_PRIMITIVE_TYPE_DOUBLE
    assert infer_primitive_category(Decimal("1.5")) is P.OM_PRIMITIVE_TYPE_BIGDECIMAL
    assert infer_primitive_category(datetime(2024, 1, 1, tzinfo=UTC)) is P.OM_PRIMITIVE_TYPE_DATE
    assert infer_primitive_category("x") is P.OM_PRIMITIVE_TYPE_STRING
    with pytest.raises(TypeError):
        infer_primitive_category(object())


def test_untyped_values_build_the_reference_shapes() -> None:
    props = instance_properties_from_python(
        {"aliases": ["cust", "client"], "additionalProperties": {"source": "crm"}}
    )
    golden = json.loads((GOLDEN / "core_entity_detail__ref_3_1.json").read_text("utf-8"))["properties"]
    wire = to_wire(props)["instanceProperties"]
    assert wire["aliases"] == golden["instanceProperties"]["aliases"]
    assert wire["additionalProperties"] == golden["instanceProperties"]["additionalProperties"]


def test_types_come_from_the_typedef_attributes() -> None:
    props = instance_properties_from_python(
        {
            "qualifiedName": "q",
            "size": 5,
            "score": 2,
            "status": "Proposed",
            "counts": [1, 2, 3],
            "seen": {"a": 1700000000000},
            "extra": 7,
            "gone": None,
        },
        ATTRIBUTES,
    )
    values = props.instance_properties
    assert "gone" not in values
    size = values["size"]
    assert isinstance(size, PrimitivePropertyValue)
    assert size.primitive_def_category is P.OM_PRIMITIVE_TYPE_LONG  # not INT: the TypeDef says long
    assert to_wire(values["score"])["primitiveValue"] == 2.0
    assert to_wire(values["status"]) == {
        "class": "EnumPropertyValue",
        "headerVersion": 1,
        "instancePropertyCategory": "ENUM",
        "typeGUID": "c8fe36ac-369f-4799-af75-46b9c1343ab3",
        "typeName": "TermAssignmentStatus",
        "ordinal": 1,
        "symbolicName": "Proposed",
        "description": "The term assignment was proposed.",
    }
    counts = values["counts"]
    assert isinstance(counts, ArrayPropertyValue)
    assert (counts.type_name, counts.array_count) == ("array<int>", 3)
    assert python_from_instance_properties(props) == {
        "qualifiedName": "q",
        "size": 5,
        "score": 2.0,
        "status": "Proposed",
        "counts": [1, 2, 3],
        "seen": {"a": datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)},
        "extra": 7,
    }


def test_enum_by_ordinal_and_unknown_symbol() -> None:
    value = property_value_from_python(0, STATUS)
    assert isinstance(value, EnumPropertyValue)
    assert value.symbolic_name == "Discovered"
    with pytest.raises(ValueError, match="not a valid value of enum TermAssignmentStatus"):
        property_value_from_python("Rejected", STATUS)


def test_values_that_do_not_fit_their_declared_type() -> None:
    with pytest.raises(ValidationError, match="does not fit OM_PRIMITIVE_TYPE_LONG"):
        instance_properties_from_python({"size": "five"}, ATTRIBUTES)
    with pytest.raises(ValueError, match="does not fit collection type array<int>"):
        property_value_from_python({"a": 1}, ARRAY_OF_INT)
    with pytest.raises(ValidationError):
        property_value_from_python(["x"], ARRAY_OF_INT)


def test_typed_values_pass_through() -> None:
    value = primitive_value(3, P.OM_PRIMITIVE_TYPE_SHORT)
    assert property_value_from_python(value) is value


def test_plain_values_of_every_kind() -> None:
    golden = json.loads((GOLDEN / "core_entity_detail__ref_3_1.json").read_text("utf-8"))
    entity = from_wire(EntityDetail, golden)
    assert python_from_instance_properties(entity.properties) == {
        "someStruct": {"count": 3},
        "score": 0.5,
        "aliases": ["cust", "client"],
        "qualifiedName": "GlossaryTerm::Customer",
        "displayName": "Customer",
        "confidence": 80,
        "isPublic": True,
        "additionalProperties": {"source": "crm"},
        "someEnum": "Proposed",
        "lastReviewed": datetime(2023, 11, 14, 22, 20, tzinfo=UTC),
    }
    assert python_from_instance_properties(None) == {}


def test_storage_pairs_are_readable_and_exact() -> None:
    golden = json.loads((GOLDEN / "core_entity_detail__ref_3_1.json").read_text("utf-8"))
    entity = from_wire(EntityDetail, golden)
    assert entity.properties is not None
    stored = {name: to_storage(v) for name, v in entity.properties.instance_properties.items()}
    assert stored["confidence"] == ("OM_PRIMITIVE_TYPE_INT", 80)
    assert stored["lastReviewed"] == ("OM_PRIMITIVE_TYPE_DATE", datetime(2023, 11, 14, 22, 20, tzinfo=UTC))
    assert stored["aliases"][1] == ["cust", "client"]
    assert stored["someEnum"][1] == "Proposed"
    for name, (descriptor, plain) in stored.items():
        assert (
            from_storage(json.loads(json.dumps(descriptor)), plain)
            == entity.properties.instance_properties[name]
        )


def test_storage_keeps_numbers_neo4j_cannot_hold_as_text() -> None:
    assert to_storage(primitive_value(Decimal("1.25"))) == ("OM_PRIMITIVE_TYPE_BIGDECIMAL", "1.25")
    huge = primitive_value(2**70, P.OM_PRIMITIVE_TYPE_BIGINTEGER)
    assert to_storage(huge) == ("OM_PRIMITIVE_TYPE_BIGINTEGER", str(2**70))
    assert from_storage(*to_storage(huge)) == huge


@pytest.mark.parametrize(
    "value",
    [
        MapPropertyValue(),
        StructPropertyValue(type_name="S"),
        ArrayPropertyValue(array_count=4),
        EnumPropertyValue(),
        PrimitivePropertyValue(
            type_name="custom", primitive_def_category=P.OM_PRIMITIVE_TYPE_INT, primitive_value=1
        ),
        PrimitivePropertyValue(primitive_value="untyped"),
    ],
)
def test_storage_edge_shapes(value: object) -> None:
    descriptor, plain = to_storage(value)  # type: ignore[arg-type]
    assert from_storage(descriptor, plain) == value
