"""Property-based round trips: generated beans survive to_wire/to_json -> from_wire unchanged."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graphrepo.omrs import (
    INSTANCE_PROPERTY_VALUE_ADAPTER,
    TYPE_DEF_ADAPTER,
    AnyInstancePropertyValue,
    ArrayPropertyValue,
    AttributeCardinality,
    Classification,
    ClassificationDef,
    ClassificationOrigin,
    ClassificationPropagationRule,
    EntityDef,
    EntityDetail,
    EntityProxy,
    EnumPropertyValue,
    InstanceProperties,
    InstanceProvenanceType,
    InstanceStatus,
    InstanceType,
    MapPropertyValue,
    MatchCriteria,
    PrimitiveDef,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    PropertyComparisonOperator,
    PropertyCondition,
    Relationship,
    RelationshipDef,
    RelationshipEndCardinality,
    RelationshipEndDef,
    SearchProperties,
    StructPropertyValue,
    TypeDefAttribute,
    TypeDefCategory,
    TypeDefLink,
    TypeDefStatus,
    datetime_from_millis,
    from_storage,
    from_wire,
    python_from_property_value,
    to_json,
    to_storage,
    to_wire,
)

P = PrimitiveDefCategory
names = st.text(min_size=1, max_size=12)
optional_text = st.none() | st.text(max_size=20)
dates = st.integers(min_value=-(2**41), max_value=2**42).map(datetime_from_millis)
json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=10)
json_values = st.recursive(
    json_scalars | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _ints(bits: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=-(2 ** (bits - 1)), max_value=2 ** (bits - 1) - 1)


finite_floats = st.floats(allow_nan=False, allow_infinity=False)
HELD: dict[PrimitiveDefCategory, st.SearchStrategy[Any]] = {
    P.OM_PRIMITIVE_TYPE_UNKNOWN: json_values,
    P.OM_PRIMITIVE_TYPE_BOOLEAN: st.booleans(),
    P.OM_PRIMITIVE_TYPE_BYTE: _ints(8),
    P.OM_PRIMITIVE_TYPE_CHAR: st.characters(),
    P.OM_PRIMITIVE_TYPE_SHORT: _ints(16),
    P.OM_PRIMITIVE_TYPE_INT: _ints(32),
    P.OM_PRIMITIVE_TYPE_LONG: _ints(64),
    P.OM_PRIMITIVE_TYPE_FLOAT: finite_floats,
    P.OM_PRIMITIVE_TYPE_DOUBLE: finite_floats,
    P.OM_PRIMITIVE_TYPE_BIGINTEGER: st.integers(),
    # JSON carries a BigDecimal as a number, so only float-exact decimals can round-trip through JSON.
    P.OM_PRIMITIVE_TYPE_BIGDECIMAL: st.integers().map(Decimal)
    | finite_floats.map(lambda f: Decimal(repr(f))),
    P.OM_PRIMITIVE_TYPE_STRING: st.text(max_size=20),
    P.OM_PRIMITIVE_TYPE_DATE: dates,
}


@st.composite
def primitives(draw: st.DrawFn) -> PrimitivePropertyValue:
    category = draw(st.sampled_from(list(P)))
    standard = draw(st.booleans())
    return PrimitivePropertyValue(
        primitive_def_category=category,
        primitive_value=draw(st.none() | HELD[category]),
        type_name=category.type_name if standard else draw(optional_text),
        type_guid=category.type_guid if standard else draw(optional_text),
    )


enums = st.builds(
    EnumPropertyValue,
    ordinal=_ints(32),
    symbolic_name=optional_text,
    description=optional_text,
    type_name=optional_text,
    type_guid=optional_text,
)


def _properties(
    values: st.SearchStrategy[Any], keys: st.SearchStrategy[str] = names
) -> st.SearchStrategy[Any]:
    return st.builds(
        InstanceProperties,
        instance_properties=st.dictionaries(keys, values, max_size=3),
        effective_from_time=st.none() | dates,
        effective_to_time=st.none() | dates,
    )


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    arrays = st.lists(children, max_size=4).map(
        lambda items: ArrayPropertyValue(
            array_count=len(items),
            array_values=InstanceProperties(instance_properties={str(i): v for i, v in enumerate(items)}),
        )
    )
    maps = st.builds(MapPropertyValue, map_values=st.none() | _properties(children), type_name=optional_text)
    structs = st.builds(
        StructPropertyValue, attributes=st.none() | _properties(children), type_name=optional_text
    )
    return arrays | maps | structs


property_values: st.SearchStrategy[Any] = st.recursive(primitives() | enums, _containers, max_leaves=8)
instance_properties = _properties(property_values)
instance_types = st.builds(
    InstanceType,
    type_def_category=st.sampled_from(list(TypeDefCategory)),
    type_def_guid=optional_text,
    type_def_name=optional_text,
    type_def_version=st.integers(min_value=0, max_value=2**63 - 1),
)
header_fields: dict[str, st.SearchStrategy[Any]] = {
    "type": st.none() | instance_types,
    "instance_provenance_type": st.none() | st.sampled_from(list(InstanceProvenanceType)),
    "metadata_collection_id": optional_text,
    "metadata_collection_name": optional_text,
    "replicated_by": optional_text,
    "created_by": optional_text,
    "updated_by": optional_text,
    "maintained_by": st.lists(st.text(max_size=8), max_size=3),
    "create_time": st.none() | dates,
    "update_time": st.none() | dates,
    "version": st.integers(min_value=0, max_value=2**63 - 1),
    "status": st.none() | st.sampled_from(list(InstanceStatus)),
    "status_on_delete": st.none() | st.sampled_from(list(InstanceStatus)),
    "mapping_properties": st.dictionaries(st.text(max_size=5), json_scalars, max_size=2),
}
classifications = st.builds(
    Classification,
    name=names,
    properties=st.none() | instance_properties,
    # Not None: like Java, a null origin is not written and reads back as the default ASSIGNED.
    classification_origin=st.sampled_from(list(ClassificationOrigin)),
    classification_origin_guid=optional_text,
    **header_fields,
)
identity = {"guid": optional_text, "instance_url": optional_text, "re_identified_from_guid": optional_text}
entities = st.builds(
    EntityDetail,
    properties=st.none() | instance_properties,
    classifications=st.lists(classifications, max_size=2),
    **identity,
    **header_fields,
)
proxies = st.builds(
    EntityProxy, unique_properties=st.none() | instance_properties, **identity, **header_fields
)
relationships = st.builds(
    Relationship,
    properties=st.none() | instance_properties,
    entity_one_proxy=st.none() | proxies,
    entity_two_proxy=st.none() | proxies,
    **identity,
    **header_fields,
)

links = st.builds(
    TypeDefLink,
    guid=optional_text,
    name=optional_text,
    status=st.none() | st.sampled_from(list(TypeDefStatus)),
)
attributes = st.builds(
    TypeDefAttribute,
    attribute_name=names,
    attribute_type=st.none() | st.sampled_from(list(P)).map(PrimitiveDef.for_category),
    attribute_cardinality=st.sampled_from(list(AttributeCardinality)),
    values_min_count=_ints(32),
    values_max_count=_ints(32),
    unique=st.booleans(),
    indexable=st.booleans(),
    default_value=optional_text,
)
typedef_fields: dict[str, st.SearchStrategy[Any]] = {
    "guid": optional_text,
    "name": optional_text,
    "version": _ints(64),
    "super_type": st.none() | links,
    "create_time": st.none() | dates,
    "options": st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    "valid_instance_status_list": st.lists(st.sampled_from(list(InstanceStatus)), max_size=3),
    "initial_status": st.none() | st.sampled_from(list(InstanceStatus)),
    "properties_definition": st.lists(attributes, max_size=3),
}
ends = st.builds(
    RelationshipEndDef,
    entity_type=st.none() | links,
    attribute_name=optional_text,
    attribute_cardinality=st.sampled_from(list(RelationshipEndCardinality)),
)
typedefs = (
    st.builds(EntityDef, **typedef_fields)
    | st.builds(
        RelationshipDef,
        propagation_rule=st.sampled_from(list(ClassificationPropagationRule)),
        end_def1=st.none() | ends,
        end_def2=st.none() | ends,
        multi_link=st.booleans(),
        **typedef_fields,
    )
    | st.builds(
        ClassificationDef,
        valid_entity_defs=st.lists(links, max_size=2),
        propagatable=st.booleans(),
        **typedef_fields,
    )
)
search_properties = st.recursive(
    st.builds(
        SearchProperties,
        conditions=st.none()
        | st.lists(
            st.builds(
                PropertyCondition,
                property=optional_text,
                operator=st.none() | st.sampled_from(list(PropertyComparisonOperator)),
                value=st.none() | property_values,
            ),
            max_size=3,
        ),
        match_criteria=st.none() | st.sampled_from(list(MatchCriteria)),
    ),
    lambda inner: st.builds(
        SearchProperties,
        conditions=st.lists(st.builds(PropertyCondition, nested_conditions=inner), max_size=2),
        match_criteria=st.none() | st.sampled_from(list(MatchCriteria)),
    ),
    max_leaves=4,
)


def _assert_wire_round_trip(target: Any, model: Any) -> None:
    wire = to_wire(model)
    assert json.loads(json.dumps(wire)) == wire  # plain JSON types only
    assert to_wire(from_wire(target, wire)) == wire
    assert to_wire(from_wire(target, to_json(model))) == wire


@settings(max_examples=150, deadline=None)
@given(property_values)
def test_property_values_round_trip(value: AnyInstancePropertyValue) -> None:
    _assert_wire_round_trip(INSTANCE_PROPERTY_VALUE_ADAPTER, value)
    assert from_wire(INSTANCE_PROPERTY_VALUE_ADAPTER, to_json(value)) == value


@settings(max_examples=150, deadline=None)
@given(property_values)
def test_storage_split_is_lossless(value: AnyInstancePropertyValue) -> None:
    descriptor, plain = to_storage(value)
    assert json.loads(json.dumps(descriptor)) == descriptor  # storable as JSON text
    assert from_storage(descriptor, plain) == value
    python_from_property_value(value)  # never fails on a valid value


@settings(max_examples=75, deadline=None)
@given(entities)
def test_entities_round_trip(entity: EntityDetail) -> None:
    _assert_wire_round_trip(EntityDetail, entity)


@settings(max_examples=75, deadline=None)
@given(relationships)
def test_relationships_round_trip(relationship: Relationship) -> None:
    _assert_wire_round_trip(Relationship, relationship)


@settings(max_examples=75, deadline=None)
@given(classifications)
def test_classifications_round_trip(classification: Classification) -> None:
    _assert_wire_round_trip(Classification, classification)


@settings(max_examples=75, deadline=None)
@given(typedefs)
def test_typedefs_round_trip(typedef: EntityDef | RelationshipDef | ClassificationDef) -> None:
    _assert_wire_round_trip(TYPE_DEF_ADAPTER, typedef)
    assert from_wire(TYPE_DEF_ADAPTER, to_wire(typedef)) == typedef


@settings(max_examples=75, deadline=None)
@given(search_properties)
def test_search_properties_round_trip(search: SearchProperties) -> None:
    _assert_wire_round_trip(SearchProperties, search)
