"""The index plan the open types call for, and the listener that keeps it current."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from graphrepo.metamodel import TypeDefService, TypeGallery, plan_schema, schema_follower
from graphrepo.metamodel._schema import CurrentSchema
from graphrepo.omrs import (
    AttributeTypeDefCategory,
    EntityDef,
    PrimitiveDef,
    PrimitiveDefCategory,
    TypeDefAttribute,
    TypeDefCategory,
    TypeDefLink,
)
from graphrepo.store import IndexKind, IndexSpec, IndexTarget
from tests.unit.metamodel.conftest import FakeTypeStore


def test_inherited_attributes_are_served_by_the_introducing_type(gallery: TypeGallery) -> None:
    plan = plan_schema(gallery)
    for type_name in ("GlossaryTerm", "Asset", "DataSet", "Referenceable"):
        index = plan.index_for(type_name, "qualifiedName")
        assert index is not None
        assert (index.token, index.kind, index.target) == ("Referenceable", IndexKind.RANGE, IndexTarget.NODE)


def test_every_indexable_primitive_or_enum_attribute_is_served_from_the_lineage(gallery: TypeGallery) -> None:
    plan = plan_schema(gallery)
    for type_def in gallery.type_defs():
        name = type_def.name
        assert name is not None
        for attribute_name, attribute in gallery.attributes(name).items():
            attribute_type = attribute.attribute_type
            assert attribute_type is not None
            index = plan.index_for(name, attribute_name)
            if attribute_type.category is AttributeTypeDefCategory.COLLECTION:
                assert index is None, (name, attribute_name)
                continue
            assert index is not None, (name, attribute_name)
            if type_def.category is TypeDefCategory.RELATIONSHIP_DEF:
                assert (index.target, index.token) == (IndexTarget.RELATIONSHIP, name)
            else:
                assert index.target is IndexTarget.NODE and index.token in gallery.lineage(name)
            # RANGE for every kind, strings included (the store truncates long string projections).
            assert index.kind is IndexKind.RANGE, (name, attribute_name)


def test_strings_get_range_indexes_and_no_type_derived_text_index_is_planned(gallery: TypeGallery) -> None:
    plan = plan_schema(gallery)
    assert plan.indexes
    assert {index.kind for index in plan.indexes} == {IndexKind.RANGE}
    strings = 0
    for type_def in gallery.type_defs():
        name = type_def.name
        assert name is not None
        for attribute_name, attribute in gallery.attributes(name).items():
            attribute_type = attribute.attribute_type
            if (
                isinstance(attribute_type, PrimitiveDef)
                and attribute_type.primitive_def_category is PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING
                and (attribute.indexable or attribute.unique)
            ):
                index = plan.index_for(name, attribute_name)
                assert index is not None and index.kind is IndexKind.RANGE, (name, attribute_name)
                assert index.name.endswith("_range")
                strings += 1
    assert strings > 500  # the open types have hundreds of indexable strings


def test_plan_is_deterministic_and_names_are_unique(gallery: TypeGallery) -> None:
    first, second = plan_schema(gallery), plan_schema(gallery)
    assert first.indexes == second.indexes
    assert len({index.name for index in first.indexes}) == len(first.indexes)


@pytest.mark.parametrize("bad", ["has space", "back`tick", "1digit", "", "dash-ed"])
def test_index_specs_accept_only_plain_identifiers(bad: str) -> None:
    with pytest.raises(ValueError, match="cannot name"):
        IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, bad, "attribute")
    with pytest.raises(ValueError, match="cannot name"):
        IndexSpec.for_attribute(IndexKind.RANGE, IndexTarget.NODE, "Label", bad)


def test_the_follower_replans_after_a_type_is_added(gallery: TypeGallery) -> None:
    applied: list[list[IndexSpec]] = []

    def apply(specs: Iterable[IndexSpec]) -> None:
        applied.append(list(specs))

    service = TypeDefService(gallery, FakeTypeStore(), "collection-id", repository_name="test")
    current = CurrentSchema(plan_schema(gallery))
    service.add_listener(schema_follower(gallery, apply, current=current))
    assert current.index_for("PyGadget", "gadgetColour") is None
    string = gallery.attribute_type_def_by_name("string")
    asset = gallery.type_def_by_name("Asset")
    assert asset is not None
    service.add_type_def(
        "garygeeke",
        EntityDef(
            guid="5c8e2f1a-0000-4000-8000-0000000000aa",
            name="PyGadget",
            version=1,
            version_name="1.0",
            super_type=TypeDefLink(guid=asset.guid, name="Asset"),
            properties_definition=[TypeDefAttribute(attribute_name="gadgetColour", attribute_type=string)],
        ),
    )
    assert len(applied) == 1
    names = {spec.name for spec in applied[0]}
    assert "graphrepo_t_PyGadget_gadgetColour_range" in names
    assert "graphrepo_t_Referenceable_qualifiedName_range" in names
    # The holder searches read was refreshed with the new plan (after apply); nothing re-plans per search.
    served = current.index_for("PyGadget", "gadgetColour")
    assert served is not None and served.name == "graphrepo_t_PyGadget_gadgetColour_range"
    assert current.plan.indexes == tuple(applied[0])


def test_an_empty_holder_serves_nothing() -> None:
    assert CurrentSchema().index_for("GlossaryTerm", "qualifiedName") is None
