"""Inheritance, subtypes, attributes and the per-type indexes of the TypeGallery."""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery, UnknownTypeError
from graphrepo.metamodel._typedef_checks import check_type_def_references
from graphrepo.omrs._enums import InstanceStatus, TypeDefCategory
from graphrepo.omrs._typedefs import EntityDef, TypeDefLink


def test_lookups(gallery: TypeGallery) -> None:
    term = gallery.type_def_by_name("GlossaryTerm")
    assert term is not None and gallery.type_def_by_guid("0db3e6ec-f5ef-4d75-ae38-b7ee6fd6ec0a") is term
    string = gallery.attribute_type_def_by_name("string")
    assert (
        string is not None
        and gallery.attribute_type_def_by_guid("b34a64b9-554a-42b1-8f8a-7d5c2339f9c4") is string
    )
    assert gallery.type_def_by_name("NoSuchType") is None and gallery.attribute_type_def_by_guid("x") is None
    assert len(gallery.type_defs()) == 649 and len(gallery.attribute_type_defs()) == 61
    assert (
        len(gallery.entity_type_names()),
        len(gallery.relationship_type_names()),
        len(gallery.classification_type_names()),
    ) == (301, 231, 117)


def test_lineage_and_subtypes(gallery: TypeGallery) -> None:
    assert gallery.lineage("GlossaryTerm") == ("GlossaryTerm", "Referenceable", "OpenMetadataRoot")
    assert gallery.lineage("OpenMetadataRoot") == ("OpenMetadataRoot",)
    assert "GlossaryTerm" in gallery.subtypes("Referenceable")
    assert "Referenceable" in gallery.subtypes("Referenceable")
    assert gallery.subtypes("GlossaryTerm") >= {"GlossaryTerm", "ControlledGlossaryTerm"}
    assert gallery.is_type_of("ControlledGlossaryTerm", "Referenceable")
    assert not gallery.is_type_of("Referenceable", "GlossaryTerm")
    # Every entity type reaches OpenMetadataRoot once Referenceable's patch gave it a supertype.
    assert all(gallery.lineage(name)[-1] == "OpenMetadataRoot" for name in gallery.entity_type_names())


def test_attributes_are_own_then_inherited(gallery: TypeGallery) -> None:
    assert list(gallery.attributes("GlossaryTerm")) == [
        "summary",
        "aliases",
        "examples",
        "displayName",
        "usage",
        "description",
        "publishVersionIdentifier",
        "abbreviation",
        "qualifiedName",
        "additionalProperties",
    ]
    assert gallery.attributes("GlossaryTerm")["qualifiedName"].unique
    assert [a.attribute_name for a in gallery.mandatory_attributes("Asset")] == ["qualifiedName"]


def test_statuses(gallery: TypeGallery) -> None:
    assert gallery.valid_instance_statuses("Asset") == (InstanceStatus.ACTIVE, InstanceStatus.DELETED)
    assert InstanceStatus.PREPARED in gallery.valid_instance_statuses("ControlledGlossaryTerm")
    assert gallery.initial_status("Asset") is InstanceStatus.ACTIVE


def test_relationship_ends_include_subtypes(gallery: TypeGallery) -> None:
    end_one, end_two = gallery.relationship_end_types("AttachedTag")
    assert "GlossaryTerm" in end_one and "Referenceable" in end_one and end_two == {"InformalTag"}
    one, _ = gallery.relationship_end_defs("AttachedTag")
    assert one is not None and one.attribute_name == "taggedElement"


def test_classification_entity_types_include_subtypes(gallery: TypeGallery) -> None:
    assert "GlossaryTerm" in gallery.classification_entity_types("Confidentiality")
    assert gallery.is_valid_classification_for_entity("Confidentiality", "Asset")
    assert not gallery.is_valid_classification_for_entity("Confidentiality", "NoSuchType")
    assert not gallery.is_valid_classification_for_entity("Asset", "Asset")


def test_unknown_names_in_derived_queries(gallery: TypeGallery) -> None:
    for query in (
        gallery.lineage,
        gallery.subtypes,
        gallery.attributes,
        gallery.valid_instance_statuses,
        gallery.initial_status,
        gallery.relationship_end_types,
        gallery.category,
    ):
        with pytest.raises(UnknownTypeError):
            query("NoSuchType")


def test_every_open_type_refers_only_to_known_types(gallery: TypeGallery) -> None:
    for type_def in gallery.type_defs():
        check_type_def_references(
            type_def, gallery.type_def_by_name, gallery.attribute_type_def_by_guid, "test", "repo"
        )


def test_replace_swaps_the_whole_snapshot(gallery: TypeGallery) -> None:
    widget = EntityDef(
        guid="w",
        name="Widget",
        version=1,
        version_name="1.0",
        super_type=TypeDefLink(guid="896d14c2-7522-4f6c-8519-757711943fe6", name="Asset"),
        options={"abstract": "true"},
    )
    generation = gallery.generation
    gallery.replace([*gallery.type_defs(), widget], gallery.attribute_type_defs())
    assert gallery.generation == generation + 1
    assert "Widget" in gallery.subtypes("Referenceable") and gallery.is_abstract("Widget")
    assert gallery.category("Widget") is TypeDefCategory.ENTITY_DEF
    assert "qualifiedName" in gallery.attributes("Widget")


def test_a_cycle_in_supertypes_does_not_hang() -> None:
    a = EntityDef(guid="a", name="A", super_type=TypeDefLink(guid="b", name="B"))
    b = EntityDef(guid="b", name="B", super_type=TypeDefLink(guid="a", name="A"))
    assert TypeGallery([a, b]).lineage("A") == ("A", "B")
