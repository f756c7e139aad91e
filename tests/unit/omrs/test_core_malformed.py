"""Malformed input: every case is a pydantic ValidationError that names the field, never another crash.

The accepted/rejected documents of omrs-reference.md Appendix C (raw Jackson checks on 5.4 beans) are
replayed here for the beans of the core wire model.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from graphrepo.omrs import (
    ATTRIBUTE_TYPE_DEF_ADAPTER,
    INSTANCE_PROPERTY_VALUE_ADAPTER,
    TYPE_DEF_ADAPTER,
    Classification,
    EntityDef,
    EntityDetail,
    InstanceProperties,
    InstanceType,
    PrimitivePropertyValue,
    SearchProperties,
    TypeDefAttribute,
    TypeDefLink,
    WireModel,
    from_wire,
)

Target = type[WireModel] | TypeAdapter[Any]

APPENDIX_C_ACCEPTED: list[tuple[Target, dict[str, Any]]] = [
    (
        EntityDetail,
        {"class": "EntityDetail", "guid": "g", "unknownField": 1, "status": "ACTIVE",
         "createTime": "2023-11-14T22:13:20.000+00:00"},
    ),
    (InstanceProperties, {"class": "InstanceProperties", "instanceProperties": {}}),
    (
        InstanceType,
        {"class": "InstanceType", "typeDefName": "X", "typeDefSuperTypes": [{"name": "Y"}],
         "validStatusList": ["ACTIVE"], "validInstanceProperties": ["a"], "typeDefDescription": "d"},
    ),
    (
        InstanceProperties,
        {"class": "InstanceProperties", "instanceProperties": {}, "propertyNames": ["a"], "propertyCount": 1},
    ),
    (EntityDetail, {"class": "EntityDetail", "lastRequestId": "r", "instanceURL": "u"}),
    (EntityDetail, {"class": "EntityDetail", "guid": "g", "GUID": "h"}),
    (TypeDefLink, {"guid": "g", "name": "Referenceable"}),
    (TYPE_DEF_ADAPTER, {"class": "EntityDef", "guid": "g", "name": "X", "category": "ENTITY_DEF"}),
    (
        ATTRIBUTE_TYPE_DEF_ADAPTER,
        {"class": "PrimitiveDef", "guid": "g", "name": "string", "category": "PRIMITIVE",
         "primitiveDefCategory": "OM_PRIMITIVE_TYPE_STRING"},
    ),
    (INSTANCE_PROPERTY_VALUE_ADAPTER, {"class": "EnumPropertyValue", "ordinal": 1, "symbolicName": "S"}),
    (
        INSTANCE_PROPERTY_VALUE_ADAPTER,
        {"class": "ArrayPropertyValue", "arrayCount": 1, "arrayValues": {"class": "InstanceProperties",
         "instanceProperties": {"0": {"class": "PrimitivePropertyValue",
                                      "primitiveDefCategory": "OM_PRIMITIVE_TYPE_STRING",
                                      "primitiveValue": "a"}}}},
    ),
]  # fmt: skip

# (target, document, location of the error as pydantic reports it)
APPENDIX_C_REJECTED: list[tuple[Target, dict[str, Any], tuple[str | int, ...]]] = [
    (EntityDetail, {"type": {"typeDefName": "X"}, "guid": "g"}, ("class",)),
    (
        EntityDetail,
        {"class": "EntityDetail", "type": {"typeDefName": "X"}, "guid": "g"},
        ("type", "class"),
    ),
    (
        EntityDetail,
        {"class": "EntityDetail", "guid": "g", "properties": {"class": "InstanceProperties",
         "instanceProperties": {"a": {"primitiveDefCategory": "OM_PRIMITIVE_TYPE_STRING",
                                      "primitiveValue": "v"}}}},
        ("properties", "instanceProperties", "a"),
    ),
    (InstanceProperties, {"instanceProperties": {}}, ("class",)),
    (EntityDetail, {"class": "EntityDetail", "status": "INVALID"}, ("status",)),
    (EntityDetail, {"class": "EntityDetail", "status": "Active"}, ("status",)),
    (EntityDef, {"guid": "g", "name": "X", "category": "ENTITY_DEF"}, ("class",)),
]  # fmt: skip


@pytest.mark.parametrize(("target", "document"), APPENDIX_C_ACCEPTED)
def test_appendix_c_accepted(target: Target, document: dict[str, Any]) -> None:
    from_wire(target, document)


@pytest.mark.parametrize(("target", "document", "loc"), APPENDIX_C_REJECTED)
def test_appendix_c_rejected(target: Target, document: dict[str, Any], loc: tuple[str | int, ...]) -> None:
    with pytest.raises(ValidationError) as info:
        from_wire(target, document)
    assert loc in [e["loc"] for e in info.value.errors()]


def test_bare_integer_enum_is_rejected_by_decision() -> None:
    """Java reads ``"status": 15`` as the 16th constant (DEPRECATED, not ACTIVE(15)); we refuse to guess."""
    with pytest.raises(ValidationError) as info:
        from_wire(EntityDetail, {"class": "EntityDetail", "status": 15})
    assert info.value.errors()[0]["loc"] == ("status",)


@pytest.mark.parametrize(
    ("target", "document", "loc", "error_type"),
    [
        (EntityDetail, {"class": "VoidResponse"}, ("class",), "wrong_class"),
        (EntityDetail, {"class": "EntitySummary"}, ("class",), "wrong_class"),
        (EntityDetail, {}, ("class",), "missing_class"),
        (TYPE_DEF_ADAPTER, {"guid": "g"}, (), "invalid_class"),
        (TYPE_DEF_ADAPTER, {"class": "PrimitiveDef"}, (), "invalid_class"),
        (INSTANCE_PROPERTY_VALUE_ADAPTER, {"class": "InstanceProperties"}, (), "invalid_class"),
        (EntityDetail, {"class": "EntityDetail", "classifications": [{"name": "C"}]},
         ("classifications", 0, "class"), "missing_class"),
        (TYPE_DEF_ADAPTER, {"class": "RelationshipDef", "propagationRule": "SIDEWAYS"},
         ("RelationshipDef", "propagationRule"), "enum"),
        (TypeDefAttribute, {"attributeType": {"name": "string"}}, ("attributeType",), "invalid_class"),
        (TypeDefAttribute, {"attributeCardinality": 2}, ("attributeCardinality",), "enum"),
        (EntityDetail, {"class": "EntityDetail", "createTime": "yesterday"}, ("createTime",), "epoch_millis"),
        (EntityDetail, {"class": "EntityDetail", "version": "one"}, ("version",), "int_parsing"),
        (EntityDetail, {"class": "EntityDetail", "updateTime": 2**62}, ("updateTime",), "epoch_millis_range"),
        (PrimitivePropertyValue,
         {"class": "PrimitivePropertyValue", "primitiveDefCategory": "OM_PRIMITIVE_TYPE_DATE",
          "primitiveValue": -(2**62)},
         ("primitiveValue",), "epoch_millis_range"),
        (Classification, {"class": "Classification", "name": ""}, ("name",), "classification_name"),
        (Classification, {"class": "Classification", "name": None}, ("name",), "classification_name"),
        (SearchProperties, {"conditions": [{"operator": "CONTAINS"}]}, ("conditions", 0, "operator"), "enum"),
        (SearchProperties, {"matchCriteria": "SOME"}, ("matchCriteria",), "enum"),
        (PrimitivePropertyValue,
         {"class": "PrimitivePropertyValue", "primitiveDefCategory": "OM_PRIMITIVE_TYPE_TEXT"},
         ("primitiveDefCategory",), "enum"),
    ],
)  # fmt: skip
def test_malformed_input_names_the_field(
    target: Target, document: dict[str, Any], loc: tuple[str | int, ...], error_type: str
) -> None:
    with pytest.raises(ValidationError) as info:
        from_wire(target, document)
    errors = info.value.errors()
    assert [(e["loc"], e["type"]) for e in errors] == [(loc, error_type)]


def test_class_errors_explain_the_type_id() -> None:
    with pytest.raises(ValidationError, match="missing type id property 'class'"):
        from_wire(InstanceType, {"typeDefName": "X"})
    with pytest.raises(ValidationError, match="could not resolve type id 'EntityProxy'"):
        from_wire(EntityDetail, {"class": "EntityProxy"})


@pytest.mark.parametrize("data", ["{", "[1, 2", b"\xff", "null", "[]", "42"])
def test_broken_json_text_is_a_validation_error(data: str | bytes) -> None:
    with pytest.raises(ValidationError):
        from_wire(EntityDetail, data)
    with pytest.raises(ValidationError):
        from_wire(TYPE_DEF_ADAPTER, data)
