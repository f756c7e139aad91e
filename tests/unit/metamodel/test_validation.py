"""Every validation failure raises Egeria's exception class with a message naming the type and attribute."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphrepo.metamodel import InstanceValidator, TypeGallery
from graphrepo.omrs._enums import InstanceStatus, PrimitiveDefCategory, TypeDefCategory
from graphrepo.omrs._exceptions import (
    ClassificationErrorException,
    InvalidParameterException,
    PropertyErrorException,
    StatusNotSupportedException,
    TypeErrorException,
)
from graphrepo.omrs._instances import (
    ArrayPropertyValue,
    Classification,
    EntityDetail,
    EntityProxy,
    EnumPropertyValue,
    InstanceProperties,
    InstancePropertyValue,
    InstanceType,
    MapPropertyValue,
    Relationship,
)
from graphrepo.omrs._typedefs import EntityDef, TypeDefLink
from graphrepo.omrs._values import primitive_value

REPOSITORY = "graphrepo-test"
ASSET_GUID = "896d14c2-7522-4f6c-8519-757711943fe6"
M = "addEntity"


@pytest.fixture
def validator(gallery: TypeGallery) -> InstanceValidator:
    return InstanceValidator(gallery, REPOSITORY)


def props(**values: Any) -> InstanceProperties:
    return InstanceProperties(
        instance_properties={
            k: v if isinstance(v, InstancePropertyValue) else primitive_value(v) for k, v in values.items()
        }
    )


def entity_type(
    name: str, gallery: TypeGallery, category: TypeDefCategory = TypeDefCategory.ENTITY_DEF
) -> Any:
    type_def = gallery.type_def_by_name(name)
    assert type_def is not None
    return InstanceType(type_def_category=category, type_def_guid=type_def.guid, type_def_name=name)


def test_valid_asset_passes(validator: InstanceValidator) -> None:
    validator.validate_properties("Asset", props(qualifiedName="a", name="n"), "initialProperties", M)
    assert validator.validate_status("Asset", None, "initialStatus", M) is InstanceStatus.ACTIVE


def test_unknown_property(validator: InstanceValidator) -> None:
    with pytest.raises(PropertyErrorException) as caught:
        validator.validate_properties("Asset", props(qualifiedName="a", colour="red"), "initialProperties", M)
    assert caught.value.error_message == (
        "OMRS-REPOSITORY-400-028 A property called colour has been proposed for a metadata instance of "
        "category EntityDef and type Asset; it is not supported for this type in open metadata repository "
        "graphrepo-test"
    )


def test_wrong_primitive_category(validator: InstanceValidator) -> None:
    with pytest.raises(
        PropertyErrorException,
        match=r"400-030 A property called name of type int .*type Asset"
        "; this property should be of type string",
    ):
        validator.validate_properties("Asset", props(qualifiedName="a", name=5), "initialProperties", M)


def test_wrong_value_kind(validator: InstanceValidator, gallery: TypeGallery) -> None:
    array = ArrayPropertyValue(array_count=1, array_values=props(**{"0": "x"}))
    with pytest.raises(PropertyErrorException, match=r"called name of type Array .*Asset.*Primitive"):
        validator.validate_properties("Asset", props(qualifiedName="a", name=array), "p", M)


def test_enum_value_not_in_the_enum_def(validator: InstanceValidator) -> None:
    good = EnumPropertyValue(ordinal=0, symbolic_name="Open")
    validator.validate_properties("ToDo", props(qualifiedName="q", toDoStatus=good), "p", M)
    bad = EnumPropertyValue(ordinal=42, symbolic_name="Nope")
    with pytest.raises(
        PropertyErrorException,
        match=r"GRAPHREPO-METAMODEL-400-002 A property called toDoStatus "
        r"has been given the enum value Nope .*type ToDo.*Open \(0\)",
    ):
        validator.validate_properties("ToDo", props(qualifiedName="q", toDoStatus=bad), "p", M)
    mismatched = EnumPropertyValue(ordinal=1, symbolic_name="Open")
    with pytest.raises(PropertyErrorException, match="enum value Open \\(ordinal 1\\)"):
        validator.validate_properties("ToDo", props(qualifiedName="q", toDoStatus=mismatched), "p", M)


def test_collection_kind_and_elements(validator: InstanceValidator) -> None:
    strings = MapPropertyValue(map_values=props(k="v"))
    validator.validate_properties("Asset", props(qualifiedName="a", additionalProperties=strings), "p", M)
    ints = MapPropertyValue(map_values=props(k=3))
    with pytest.raises(PropertyErrorException, match=r"additionalProperties .*an element of kind int"):
        validator.validate_properties("Asset", props(qualifiedName="a", additionalProperties=ints), "p", M)
    array = ArrayPropertyValue(array_count=1, array_values=props(**{"0": "v"}))
    with pytest.raises(PropertyErrorException, match="a Array value does not fit a OM_COLLECTION_MAP"):
        validator.validate_properties("Asset", props(qualifiedName="a", additionalProperties=array), "p", M)


def test_missing_mandatory_and_no_properties(validator: InstanceValidator) -> None:
    with pytest.raises(
        PropertyErrorException, match="mandatory property qualifiedName of EntityDef type Asset"
    ):
        validator.validate_properties("Asset", props(name="n"), "initialProperties", M)
    validator.validate_properties("Asset", props(name="n"), "p", M, require_mandatory=False)
    with pytest.raises(
        PropertyErrorException,
        match="400-037 No properties have been passed on the initialProperties parameter",
    ):
        validator.validate_properties("Asset", None, "initialProperties", M)
    with pytest.raises(
        PropertyErrorException,
        match="400-029 Properties have been proposed for a new metadata "
        "instance of category RelationshipDef and type APIEndpoint",
    ):
        validator.validate_properties("APIEndpoint", props(x="y"), "p", "addRelationship")


def test_status_checks(validator: InstanceValidator) -> None:
    with pytest.raises(StatusNotSupportedException, match=r"400-035 An instance status of Draft .*Asset"):
        validator.validate_status("Asset", InstanceStatus.DRAFT, "initialStatus", M)
    with pytest.raises(StatusNotSupportedException, match="400-058 An instance status of Deleted"):
        validator.validate_status("Asset", InstanceStatus.DELETED, "initialStatus", M)
    assert validator.validate_status("Asset", InstanceStatus.DELETED, "s", M, allow_deleted=True) is (
        InstanceStatus.DELETED
    )
    assert (
        validator.validate_status("ControlledGlossaryTerm", InstanceStatus.DRAFT, "s", M)
        is InstanceStatus.DRAFT
    )


def test_type_for_new_instance(validator: InstanceValidator, gallery: TypeGallery) -> None:
    assert validator.type_for_new_instance(
        ASSET_GUID, TypeDefCategory.ENTITY_DEF, "entityTypeGUID", M
    ).name == ("Asset")
    with pytest.raises(InvalidParameterException, match="400-022"):
        validator.type_for_new_instance(None, TypeDefCategory.ENTITY_DEF, "entityTypeGUID", M)
    with pytest.raises(
        TypeErrorException,
        match="404-007 The TypeDef unique identifier nope passed as parameter entityTypeGUID",
    ):
        validator.type_for_new_instance("nope", TypeDefCategory.ENTITY_DEF, "entityTypeGUID", M)
    with pytest.raises(
        TypeErrorException, match="requested type Asset with an incompatible category of RelationshipDef"
    ):
        validator.type_for_new_instance(
            ASSET_GUID, TypeDefCategory.RELATIONSHIP_DEF, "relationshipTypeGUID", M
        )
    abstract = EntityDef(
        guid="abs",
        name="AbstractThing",
        options={"abstract": "true"},
        super_type=TypeDefLink(guid=ASSET_GUID, name="Asset"),
    )
    gallery.replace([*gallery.type_defs(), abstract], gallery.attribute_type_defs())
    with pytest.raises(TypeErrorException, match=r"type AbstractThing .*is abstract"):
        validator.type_for_new_instance("abs", TypeDefCategory.ENTITY_DEF, "entityTypeGUID", M)


def test_type_for_instance_header(validator: InstanceValidator, gallery: TypeGallery) -> None:
    with pytest.raises(TypeErrorException, match="400-034"):
        validator.type_for_instance(None, TypeDefCategory.ENTITY_DEF, "entity", M)
    wrong_guid = InstanceType(
        type_def_category=TypeDefCategory.ENTITY_DEF, type_def_guid="x", type_def_name="Asset"
    )
    with pytest.raises(
        TypeErrorException, match="404-005 The TypeDef Asset \\(guid = x\\) of category EntityDef"
    ):
        validator.type_for_instance(wrong_guid, TypeDefCategory.ENTITY_DEF, "entity", M)


def test_classification_checks(validator: InstanceValidator) -> None:
    assert validator.validate_classification(
        "Confidentiality", "GlossaryTerm", "c", "classifyEntity"
    ).name == ("Confidentiality")
    with pytest.raises(InvalidParameterException, match="400-026"):
        validator.validate_classification(None, "Asset", "classificationName", "classifyEntity")
    with pytest.raises(InvalidParameterException, match="Classification Nope is not a recognized"):
        validator.validate_classification("Nope", "Asset", "classificationName", "classifyEntity")
    with pytest.raises(
        ClassificationErrorException,
        match="400-006 Open metadata repository graphrepo-test is "
        "unable to assign a classification of type ServerPurpose to an entity of type GlossaryTerm",
    ):
        validator.validate_classification("ServerPurpose", "GlossaryTerm", "c", "classifyEntity")
    with pytest.raises(ClassificationErrorException, match="classification of type Asset to an entity"):
        validator.validate_classification("Asset", "Asset", "c", "classifyEntity")


def test_relationship_ends(validator: InstanceValidator, gallery: TypeGallery) -> None:
    term = EntityProxy(guid="t", type=entity_type("GlossaryTerm", gallery))
    tag = EntityProxy(guid="g", type=entity_type("InformalTag", gallery))
    validator.validate_relationship_ends("AttachedTag", term, tag, "addRelationship")
    with pytest.raises(InvalidParameterException) as caught:
        validator.validate_relationship_ends("AttachedTag", tag, term, "addRelationship")
    assert (
        "Relationship type is AttachedTag; entity proxy g for end 1 is of type InformalTag rather than "
        "Referenceable and entity proxy t for end 2 is of type GlossaryTerm rather than InformalTag"
        in (caught.value.error_message)
    )
    assert caught.value.parameter_name == "relationship.End"


def test_whole_entity_and_relationship(validator: InstanceValidator, gallery: TypeGallery) -> None:
    classification = Classification(name="Confidentiality", status=InstanceStatus.ACTIVE)
    entity = EntityDetail(
        guid="e",
        type=entity_type("GlossaryTerm", gallery),
        status=InstanceStatus.ACTIVE,
        properties=props(qualifiedName="q"),
        classifications=[classification],
    )
    assert validator.validate_entity(entity, "entity", "saveEntityReferenceCopy").name == "GlossaryTerm"
    bad = entity.model_copy(update={"classifications": [Classification(name="ServerPurpose")]})
    with pytest.raises(ClassificationErrorException):
        validator.validate_entity(bad, "entity", "saveEntityReferenceCopy")
    relationship = Relationship(
        guid="r",
        type=entity_type("AttachedTag", gallery, TypeDefCategory.RELATIONSHIP_DEF),
        status=InstanceStatus.ACTIVE,
        entity_one_proxy=EntityProxy(guid="t", type=entity_type("GlossaryTerm", gallery)),
        entity_two_proxy=EntityProxy(guid="g", type=entity_type("InformalTag", gallery)),
    )
    assert validator.validate_relationship(
        relationship, "relationship", "saveRelationshipReferenceCopy"
    ).name == ("AttachedTag")
    as_entity = entity.model_copy(update={"type": relationship.type})
    with pytest.raises(TypeErrorException, match="incompatible category of EntityDef"):
        validator.validate_entity(as_entity, "entity", "saveEntityReferenceCopy")


_STRING_ATTRIBUTES = ("qualifiedName", "name", "resourceName", "description", "versionIdentifier")
_NON_STRING = [
    c
    for c in PrimitiveDefCategory
    if c
    not in (PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING, PrimitiveDefCategory.OM_PRIMITIVE_TYPE_UNKNOWN)
]
_SAMPLES = {
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BOOLEAN: True,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BYTE: 1,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_CHAR: "c",
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_SHORT: 1,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_INT: 1,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_LONG: 1,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_FLOAT: 1.5,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DOUBLE: 1.5,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BIGINTEGER: 2**40,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BIGDECIMAL: 2,
    PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DATE: 1700000000000,
}


@pytest.fixture(scope="module")
def shared_validator(archive_models: tuple[list[Any], list[Any]]) -> InstanceValidator:
    return InstanceValidator(TypeGallery(*archive_models), REPOSITORY)


@given(attribute=st.sampled_from(_STRING_ATTRIBUTES[1:]), category=st.sampled_from(_NON_STRING))
def test_any_non_string_value_for_a_string_attribute_is_refused(
    shared_validator: InstanceValidator, attribute: str, category: PrimitiveDefCategory
) -> None:
    validator = shared_validator
    value = primitive_value(_SAMPLES[category], category)
    with pytest.raises(
        PropertyErrorException, match=f"property called {attribute} of type {category.type_name} "
    ):
        validator.validate_properties("Asset", props(qualifiedName="q", **{attribute: value}), "p", M)
