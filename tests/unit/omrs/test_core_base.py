"""The wire base: tags, aliases, NON_NULL/omit-empty output, dates, enums and the public surface."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

import graphrepo.omrs as omrs
from graphrepo.omrs import (
    ENTITY_SUMMARY_ADAPTER,
    Classification,
    ClassificationDef,
    EntityDetail,
    EntityProxy,
    EntitySummary,
    InstanceGraph,
    InstanceProperties,
    InstanceStatus,
    InstanceType,
    PrimitiveDefCategory,
    Relationship,
    RelationshipDef,
    SearchProperties,
    TypeDefAttribute,
    TypeDefCategory,
    TypeDefLink,
    TypeDefPatch,
    datetime_from_millis,
    from_wire,
    millis_from_datetime,
    primitive_value,
    to_json,
    to_wire,
)


def test_public_surface_is_sorted_and_complete() -> None:
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert omrs.__all__ == sorted(omrs.__all__, key=kind)
    assert all(hasattr(omrs, name) for name in omrs.__all__)


def test_python_construction_fills_the_class_tag() -> None:
    entity = EntityDetail(guid="g", status=InstanceStatus.ACTIVE)
    assert to_wire(entity) == {
        "class": "EntityDetail",
        "headerVersion": 1,
        "version": 0,
        "guid": "g",
        "status": "ACTIVE",
    }


def test_default_values_follow_java_initialisers() -> None:
    assert to_wire(InstanceType()) == {
        "class": "InstanceType",
        "headerVersion": 1,
        "typeDefCategory": "UNKNOWN_DEF",
        "typeDefVersion": 0,
    }
    assert to_wire(Classification()) == {
        "class": "Classification",
        "headerVersion": 1,
        "version": 0,
        "classificationOrigin": "ASSIGNED",
    }
    assert to_wire(TypeDefAttribute()) == {
        "headerVersion": 1,
        "attributeCardinality": "UNKNOWN",
        "valuesMinCount": 0,
        "valuesMaxCount": 1,
        "unique": False,
        "indexable": True,
    }
    assert to_wire(RelationshipDef())["propagationRule"] == "NONE"
    assert to_wire(RelationshipDef())["multiLink"] is False
    assert to_wire(ClassificationDef())["propagatable"] is False
    assert to_wire(TypeDefPatch())["updateMultiLink"] is False


def test_empty_collections_are_omitted_where_java_getters_return_null() -> None:
    entity = EntityDetail(
        maintained_by=[],
        mapping_properties={},
        classifications=[],
        properties=InstanceProperties(),
    )
    assert set(to_wire(entity)) == {"class", "headerVersion", "version"}
    assert set(to_wire(InstanceGraph())) == {"class", "headerVersion"}
    # Effectivity dates alone keep the properties object, as in Java.
    dated = EntityDetail(properties=InstanceProperties(effective_from_time=datetime_from_millis(5)))
    assert to_wire(dated)["properties"] == {
        "class": "InstanceProperties",
        "headerVersion": 1,
        "effectiveFromTime": 5,
    }


def test_collections_java_returns_as_they_are_keep_empty_lists() -> None:
    assert to_wire(SearchProperties(conditions=[])) == {"conditions": []}
    assert to_wire(TypeDefPatch(valid_entity_defs=[]))["validEntityDefs"] == []


def test_null_collections_on_input_read_as_empty() -> None:
    entity = from_wire(EntityDetail, {"class": "EntityDetail", "classifications": None, "maintainedBy": None})
    assert entity.classifications == []
    assert entity.maintained_by == []


def test_irregular_property_names() -> None:
    wire = to_wire(
        EntityDetail(
            guid="g", instance_url="u", re_identified_from_guid="r", type=InstanceType(type_def_guid="t")
        )
    )
    assert wire["guid"] == "g"
    assert wire["instanceURL"] == "u"
    assert wire["reIdentifiedFromGUID"] == "r"
    assert wire["type"]["typeDefGUID"] == "t"
    attribute = to_wire(TypeDefAttribute(unique=True, indexable=False, attribute_description_guid="d"))
    assert (attribute["unique"], attribute["indexable"], attribute["attributeDescriptionGUID"]) == (
        True,
        False,
        "d",
    )
    assert "endDef1" in to_wire(RelationshipDef(end_def1={"attributeName": "a"}))


def test_dates_are_epoch_millis_and_accept_iso_strings() -> None:
    entity = from_wire(
        EntityDetail,
        {"class": "EntityDetail", "createTime": "2023-11-14T22:13:20.000+00:00", "updateTime": 1700000500000},
    )
    assert entity.create_time == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert to_wire(entity)["createTime"] == 1700000000000
    assert to_wire(entity)["updateTime"] == 1700000500000
    for text in ("2023-11-14T22:13:20Z", "2023-11-14T22:13:20.000+0000", "1700000000000"):
        parsed = from_wire(EntityDetail, {"class": "EntityDetail", "createTime": text})
        assert parsed.create_time is not None
        assert millis_from_datetime(parsed.create_time) == 1700000000000


def test_millisecond_conversion_is_exact() -> None:
    for millis in (0, 1, -1, 1700000000123, 253402300799999):
        assert millis_from_datetime(datetime_from_millis(millis)) == millis
    assert millis_from_datetime(datetime(2023, 11, 14, 22, 13, 20)) == 1700000000000  # naive = UTC


def test_unknown_and_newer_fields_are_ignored() -> None:
    entity = from_wire(
        EntityDetail,
        {"class": "EntityDetail", "guid": "g", "GUID": "h", "lastRequestId": "r", "unknownField": 1},
    )
    assert to_wire(entity) == {"class": "EntityDetail", "headerVersion": 1, "version": 0, "guid": "g"}


def test_pre_4_0_instance_type_fields_are_read_and_kept() -> None:
    document = {
        "class": "InstanceType",
        "typeDefName": "X",
        "typeDefSuperTypes": [{"name": "Y"}],
        "validStatusList": ["ACTIVE"],
        "validInstanceProperties": ["a"],
        "typeDefDescription": "d",
    }
    instance_type = from_wire(InstanceType, document)
    assert instance_type.type_def_super_types == [TypeDefLink(name="Y")]
    assert to_wire(instance_type)["validStatusList"] == ["ACTIVE"]
    assert "typeDefSuperTypes" not in to_wire(InstanceType(type_def_name="X"))


def test_pre_4_0_instance_properties_fields_are_ignored() -> None:
    document = {
        "class": "InstanceProperties",
        "instanceProperties": {},
        "propertyNames": ["a"],
        "propertyCount": 1,
    }
    assert to_wire(from_wire(InstanceProperties, document)) == {
        "class": "InstanceProperties",
        "headerVersion": 1,
    }


def test_entity_summary_union_accepts_subclasses_like_jackson() -> None:
    for tag, model in (
        ("EntitySummary", EntitySummary),
        ("EntityDetail", EntityDetail),
        ("EntityProxy", EntityProxy),
    ):
        assert type(from_wire(ENTITY_SUMMARY_ADAPTER, {"class": tag})) is model


def test_json_text_in_and_out() -> None:
    relationship = Relationship(guid="g", entity_one_proxy=EntityProxy(guid="1"))
    text = to_json(relationship)
    assert " " not in text
    assert from_wire(Relationship, text) == relationship
    assert from_wire(Relationship, text.encode()) == relationship


def test_enums_written_by_constant_name_and_keep_egeria_codes() -> None:
    assert len(InstanceStatus) == 18
    assert InstanceStatus.ACTIVE.ordinal == 15
    assert InstanceStatus.from_ordinal(99) is InstanceStatus.DELETED
    assert [m.value for m in TypeDefCategory] == [
        "UNKNOWN_DEF",
        "CLASSIFICATION_DEF",
        "ENTITY_DEF",
        "RELATIONSHIP_DEF",
    ]
    assert all(m.value == m.name for m in InstanceStatus)
    assert json.loads(to_json(EntityDetail(status=InstanceStatus.DELETED)))["status"] == "DELETED"


def test_primitive_categories_carry_egeria_type_names_and_guids() -> None:
    assert PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DATE.type_name == "date"
    assert PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING.type_guid == "b34a64b9-554a-42b1-8f8a-7d5c2339f9c4"
    assert PrimitiveDefCategory.from_type_name("int") is PrimitiveDefCategory.OM_PRIMITIVE_TYPE_INT
    assert len({m.type_guid for m in PrimitiveDefCategory}) == 13
    assert to_wire(primitive_value("x"))["typeName"] == "string"


def test_model_validate_does_not_fill_the_tag_in() -> None:
    """Pins the ``__pydantic_base_init__`` marker in _base: only Python construction fills ``class``."""
    with pytest.raises(ValidationError):
        EntityDetail.model_validate({"guid": "g"})
    assert EntityDetail.model_validate({"class": "EntityDetail"}).class_ == "EntityDetail"
