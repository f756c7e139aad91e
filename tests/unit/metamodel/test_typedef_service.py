"""Group 2 TypeDef operations: happy and error paths, persistence across a restart, listeners."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphrepo.metamodel import TypeChange, TypeChangeKind, TypeDefService, TypeGallery, load_type_gallery
from graphrepo.omrs._base import to_wire
from graphrepo.omrs._enums import AttributeTypeDefCategory, PrimitiveDefCategory, TypeDefCategory
from graphrepo.omrs._exceptions import (
    InvalidParameterException,
    InvalidTypeDefException,
    PatchErrorException,
    TypeDefConflictException,
    TypeDefInUseException,
    TypeDefKnownException,
    TypeDefNotKnownException,
)
from graphrepo.omrs._typedefs import (
    EntityDef,
    EnumDef,
    EnumElementDef,
    ExternalStandardMapping,
    PrimitiveDef,
    RelationshipDef,
    RelationshipEndDef,
    TypeDefAttribute,
    TypeDefGallery,
    TypeDefLink,
    TypeDefPatch,
    TypeDefProperties,
)
from graphrepo.store._type_store import TypeKind

USER = "garygeeke"
REPO = "graphrepo-test"
ASSET = TypeDefLink(guid="896d14c2-7522-4f6c-8519-757711943fe6", name="Asset")
STRING = PrimitiveDef.for_category(PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING)


def widget(
    guid: str = "5c8e2f1a-0000-4000-8000-000000000001", name: str | None = "PyWidget", **extra: Any
) -> EntityDef:
    fields: dict[str, Any] = {
        "super_type": ASSET,
        "valid_instance_status_list": ["ACTIVE", "DELETED"],
        "initial_status": "ACTIVE",
        "properties_definition": [TypeDefAttribute(attribute_name="size", attribute_type=STRING)],
        **extra,
    }
    return EntityDef(guid=guid, name=name, version=1, version_name="1.0", **fields)


def colour_patch(apply_to: int = 1) -> TypeDefPatch:
    return TypeDefPatch(
        type_def_guid="5c8e2f1a-0000-4000-8000-000000000001",
        type_def_name="PyWidget",
        apply_to_version=apply_to,
        update_to_version=apply_to + 1,
        new_version_name="2.0",
        updated_by=USER,
        update_time=1700000000000,
        property_definitions=[TypeDefAttribute(attribute_name="colour", attribute_type=STRING)],
    )


@pytest.fixture
def changes() -> list[TypeChange]:
    return []


@pytest.fixture
def service(gallery: TypeGallery, store: Any, changes: list[TypeChange]) -> TypeDefService:
    return TypeDefService(gallery, store, "collection-id", repository_name=REPO, listeners=[changes.append])


# --- queries ---------------------------------------------------------------------------------------------


def test_get_all_types(service: TypeDefService) -> None:
    all_types = service.get_all_types(USER)
    assert (len(all_types.type_defs), len(all_types.attribute_type_defs)) == (649, 61)
    with pytest.raises(
        InvalidParameterException, match="400-027 A null user name has been passed as the userId"
    ):
        service.get_all_types("")


def test_find_by_category(service: TypeDefService) -> None:
    relationships = service.find_type_defs_by_category(USER, TypeDefCategory.RELATIONSHIP_DEF)
    assert relationships is not None and len(relationships) == 231
    assert service.find_type_defs_by_category(USER, TypeDefCategory.UNKNOWN_DEF) is None
    enums = service.find_attribute_type_defs_by_category(USER, AttributeTypeDefCategory.ENUM_DEF)
    assert enums is not None and len(enums) == 39
    with pytest.raises(InvalidParameterException, match="400-009"):
        service.find_type_defs_by_category(USER, None)
    with pytest.raises(InvalidParameterException, match="400-010"):
        service.find_attribute_type_defs_by_category(USER, None)


def test_find_by_property(service: TypeDefService) -> None:
    found = service.find_type_defs_by_property(
        USER, TypeDefProperties(type_def_properties={"qualifiedName": 1})
    )
    names = {t.name for t in found or ()}
    assert "Referenceable" in names and "GlossaryTerm" not in names  # own attributes only, as Egeria
    assert (
        service.find_type_defs_by_property(USER, TypeDefProperties(type_def_properties={"nope": 1})) is None
    )
    with pytest.raises(InvalidParameterException, match="400-011"):
        service.find_type_defs_by_property(USER, None)


def test_find_by_external_id(service: TypeDefService) -> None:
    mapping = ExternalStandardMapping(standard_name="ISO-11179", standard_type_name="DataElement")
    service.add_type_def(USER, widget(external_standard_mappings=[mapping]))
    found = service.find_types_by_external_id(USER, None, None, "DataElement")
    assert found is not None and [t.name for t in found] == ["PyWidget"]
    assert service.find_types_by_external_id(USER, "nope", None, None) is None
    with pytest.raises(InvalidParameterException, match="400-012"):
        service.find_types_by_external_id(USER, None, None, None)


def test_search_and_find_by_name(service: TypeDefService) -> None:
    found = service.search_for_type_defs(USER, "Glossary.*Term")
    assert found is not None and {t.name for t in found} == {"GlossaryTerm", "ControlledGlossaryTerm"} - {
        "ControlledGlossaryTerm"
    }
    assert service.search_for_type_defs(USER, r"\QAsset\E") is not None
    assert service.search_for_type_defs(USER, "(?i)asset")[0].name == "Asset"  # type: ignore[index]
    assert service.search_for_type_defs(USER, "Nothing.*") is None
    with pytest.raises(InvalidParameterException, match="400-013"):
        service.search_for_type_defs(USER, None)
    with pytest.raises(
        InvalidParameterException, match=r"OMRS-PROPERTIES-400-006 .*PatternSyntaxException"
    ) as bad:
        service.search_for_type_defs(USER, "Asset(")
    assert bad.value.parameter_name == "searchCriteria"
    gallery = service.find_types_by_name(USER, "string|Asset")
    assert gallery is not None and [t.name for t in gallery.type_defs] == ["Asset"]
    assert [a.name for a in gallery.attribute_type_defs] == ["string"]
    assert service.find_types_by_name(USER, "zzz") is None


def test_get_by_guid_and_name(service: TypeDefService) -> None:
    assert service.get_type_def_by_guid(USER, ASSET.guid).name == "Asset"
    assert service.get_type_def_by_name(USER, "Asset").guid == ASSET.guid
    assert service.get_attribute_type_def_by_guid(USER, STRING.guid).name == "string"
    assert service.get_attribute_type_def_by_name(USER, "string").guid == STRING.guid
    with pytest.raises(
        TypeDefNotKnownException,
        match="404-007 The TypeDef unique identifier nope passed as "
        "parameter guid on a getTypeDefByGUID request",
    ):
        service.get_type_def_by_guid(USER, "nope")
    with pytest.raises(
        TypeDefNotKnownException,
        match="404-009 The TypeDef unique name Nope passed on a getTypeDefByName request",
    ):
        service.get_type_def_by_name(USER, "Nope")
    with pytest.raises(TypeDefNotKnownException):
        service.get_attribute_type_def_by_guid(USER, "nope")
    with pytest.raises(TypeDefNotKnownException):
        service.get_attribute_type_def_by_name(USER, "nope")
    with pytest.raises(InvalidParameterException, match="400-014") as missing:
        service.get_type_def_by_guid(USER, None)
    assert missing.value.parameter_name == "guid"
    with pytest.raises(InvalidParameterException, match="400-007"):
        service.get_type_def_by_name(USER, "")


# --- verify ----------------------------------------------------------------------------------------------


def test_verify_type_def(service: TypeDefService, gallery: TypeGallery) -> None:
    asset = gallery.type_def_by_name("Asset")
    assert asset is not None
    assert service.verify_type_def(USER, asset) is True
    assert service.verify_type_def(USER, widget()) is False
    with pytest.raises(
        TypeDefConflictException, match="400-059 Type definition with guid other and name Asset"
    ):
        service.verify_type_def(USER, asset.model_copy(update={"guid": "other"}))
    with pytest.raises(TypeDefConflictException):
        service.verify_type_def(USER, asset.model_copy(update={"version_name": "9.9"}))
    with pytest.raises(InvalidParameterException, match="400-019"):
        service.verify_type_def(USER, None)
    with pytest.raises(InvalidTypeDefException, match="400-065"):
        service.verify_type_def(USER, asset.model_copy(update={"header_version": 2}))


def test_verify_attribute_type_def(service: TypeDefService) -> None:
    assert (
        service.verify_attribute_type_def(USER, STRING.model_copy(update={"description": "other text"}))
        is True
    )
    assert service.verify_attribute_type_def(USER, EnumDef(guid="e", name="NewEnum")) is False
    with pytest.raises(TypeDefConflictException):
        service.verify_attribute_type_def(USER, STRING.model_copy(update={"guid": "other"}))
    with pytest.raises(InvalidParameterException, match="400-020"):
        service.verify_attribute_type_def(USER, None)
    with pytest.raises(InvalidParameterException, match="400-024"):
        service.verify_attribute_type_def(USER, EnumDef(name="NoGuid"))


# --- add -------------------------------------------------------------------------------------------------


def test_add_type_def(service: TypeDefService, store: Any, changes: list[TypeChange]) -> None:
    service.add_type_def(USER, widget())
    assert service.gallery.lineage("PyWidget") == ("PyWidget", "Asset", "Referenceable", "OpenMetadataRoot")
    assert "PyWidget" in service.gallery.subtypes("Referenceable")
    assert (TypeKind.TYPE_DEF, "5c8e2f1a-0000-4000-8000-000000000001") in store.types
    assert [(c.kind, c.family, getattr(c.current, "name", None)) for c in changes] == [
        (TypeChangeKind.ADDED, TypeKind.TYPE_DEF, "PyWidget")
    ]
    with pytest.raises(TypeDefKnownException, match="400-003 Unable to add the TypeDef PyWidget"):
        service.add_type_def(USER, widget())
    with pytest.raises(TypeDefConflictException):
        service.add_type_def(USER, widget(name="OtherName"))


@pytest.mark.parametrize(
    ("bad", "exception", "message"),
    [
        (widget(super_type=TypeDefLink(guid="x", name="NoSuchType")), InvalidTypeDefException, "superType"),
        (
            widget(
                properties_definition=[
                    TypeDefAttribute(
                        attribute_name="x", attribute_type=PrimitiveDef(guid="not-known", name="weird")
                    )
                ]
            ),
            InvalidTypeDefException,
            "propertiesDefinition.x",
        ),
        (
            RelationshipDef(guid="r", name="R", end_def1=RelationshipEndDef(entity_type=ASSET)),
            InvalidTypeDefException,
            "endDef2",
        ),
        (widget(guid=""), InvalidParameterException, "400-022"),
        (widget(name=None), InvalidParameterException, "400-007"),
        (None, InvalidParameterException, "400-019"),
    ],
)
def test_add_invalid_type_defs(
    service: TypeDefService, bad: Any, exception: type[Exception], message: str
) -> None:
    with pytest.raises(exception, match=message):
        service.add_type_def(USER, bad)


def test_add_attribute_type_def_and_gallery(service: TypeDefService, changes: list[TypeChange]) -> None:
    sizes = EnumDef(
        guid="size-enum",
        name="WidgetSize",
        version=1,
        version_name="1.0",
        element_defs=[EnumElementDef(ordinal=0, value="Small"), EnumElementDef(ordinal=1, value="Big")],
    )
    typed = widget(properties_definition=[TypeDefAttribute(attribute_name="size", attribute_type=sizes)])
    service.add_type_def_gallery(USER, TypeDefGallery(attribute_type_defs=[sizes], type_defs=[typed]))
    assert service.gallery.attribute_type_def_by_name("WidgetSize") is not None
    assert service.gallery.attributes("PyWidget")["size"].attribute_type == sizes
    assert [c.family for c in changes] == [TypeKind.ATTRIBUTE_TYPE_DEF, TypeKind.TYPE_DEF]
    with pytest.raises(TypeDefKnownException, match="400-004"):
        service.add_attribute_type_def(USER, sizes)
    with pytest.raises(InvalidParameterException, match="400-021"):
        service.add_type_def_gallery(USER, None)


# --- update ----------------------------------------------------------------------------------------------


def test_update_type_def(service: TypeDefService, store: Any, changes: list[TypeChange]) -> None:
    service.add_type_def(USER, widget())
    updated = service.update_type_def(USER, colour_patch())
    assert (updated.version, updated.version_name) == (2, "2.0")
    assert set(service.gallery.attributes("PyWidget")) >= {"size", "colour", "qualifiedName"}
    assert store.types[(TypeKind.TYPE_DEF, updated.guid)].version == 2
    assert changes[-1].kind is TypeChangeKind.UPDATED and changes[-1].patch is not None
    assert service.update_type_def(USER, colour_patch()) == updated  # already applied: unchanged
    with pytest.raises(PatchErrorException, match="400-068"):
        service.update_type_def(USER, colour_patch(apply_to=5))


def test_update_type_def_errors(service: TypeDefService) -> None:
    with pytest.raises(InvalidParameterException, match="400-049"):
        service.update_type_def(USER, None)
    with pytest.raises(TypeDefNotKnownException, match="PyWidget"):
        service.update_type_def(USER, colour_patch())
    service.add_type_def(USER, widget())
    bad = colour_patch().model_copy(update={"super_type": TypeDefLink(name="NoSuchType")})
    with pytest.raises(PatchErrorException, match="superType"):
        service.update_type_def(USER, bad)
    with pytest.raises(PatchErrorException, match="400-067"):
        service.update_type_def(USER, colour_patch().model_copy(update={"update_to_version": 1}))


# --- delete ----------------------------------------------------------------------------------------------


def test_delete_type_def(service: TypeDefService, store: Any, changes: list[TypeChange]) -> None:
    service.add_type_def(USER, widget())
    store.instances["PyWidget"] = 2
    with pytest.raises(TypeDefInUseException, match="400-001 Unable to delete the TypeDef PyWidget"):
        service.delete_type_def(USER, widget().guid, "PyWidget")
    store.instances["PyWidget"] = 0
    service.delete_type_def(USER, widget().guid, "PyWidget")
    assert service.gallery.type_def_by_name("PyWidget") is None
    assert changes[-1].kind is TypeChangeKind.DELETED and changes[-1].original is not None


def test_delete_type_def_errors(service: TypeDefService) -> None:
    with pytest.raises(TypeDefInUseException):  # a supertype of others
        service.delete_type_def(USER, ASSET.guid, "Asset")
    with pytest.raises(TypeDefNotKnownException, match="404-007"):
        service.delete_type_def(USER, "nope", "Nope")
    with pytest.raises(InvalidParameterException, match=r"GlossaryTerm .*which is Asset") as mismatch:
        service.delete_type_def(USER, ASSET.guid, "GlossaryTerm")
    assert mismatch.value.parameter_name == "obsoleteTypeDefGUID or obsoleteTypeDefName"
    with pytest.raises(InvalidParameterException, match="400-022"):
        service.delete_type_def(USER, None, "Asset")
    with pytest.raises(InvalidParameterException, match="400-007"):
        service.delete_type_def(USER, ASSET.guid, None)


def test_delete_attribute_type_def(service: TypeDefService) -> None:
    with pytest.raises(TypeDefInUseException, match="400-002"):
        service.delete_attribute_type_def(USER, STRING.guid, "string")
    spare = EnumDef(guid="spare", name="Spare", version=1, version_name="1.0")
    service.add_attribute_type_def(USER, spare)
    service.delete_attribute_type_def(USER, "spare", "Spare")
    assert service.gallery.attribute_type_def_by_name("Spare") is None
    with pytest.raises(TypeDefNotKnownException, match="404-008"):
        service.delete_attribute_type_def(USER, "spare", "Spare")
    with pytest.raises(InvalidParameterException, match="400-024"):
        service.delete_attribute_type_def(USER, None, "Spare")


# --- re-identify -----------------------------------------------------------------------------------------


def test_re_identify_type_def(service: TypeDefService, changes: list[TypeChange]) -> None:
    service.add_type_def(USER, widget())
    renamed = service.re_identify_type_def(USER, widget().guid, "PyWidget", "new-guid", "PyGadget")
    assert (renamed.guid, renamed.name, renamed.version) == ("new-guid", "PyGadget", 2)
    assert service.gallery.type_def_by_name("PyWidget") is None
    assert service.gallery.type_def_by_guid("new-guid") is renamed
    assert changes[-1].kind is TypeChangeKind.RE_IDENTIFIED
    with pytest.raises(InvalidParameterException, match="already used by type Asset"):
        service.re_identify_type_def(USER, "new-guid", "PyGadget", ASSET.guid, "Asset")
    with pytest.raises(InvalidParameterException, match="are already used by type Asset"):
        service.re_identify_type_def(USER, ASSET.guid, "Asset", "asset-2", "Asset2")  # Asset has subtypes
    with pytest.raises(TypeDefNotKnownException):
        service.re_identify_type_def(USER, "nope", "Nope", "x", "X")
    with pytest.raises(InvalidParameterException, match="400-007"):
        service.re_identify_type_def(USER, "new-guid", "PyGadget", "x", None)


def test_re_identify_attribute_type_def(service: TypeDefService) -> None:
    spare = EnumDef(guid="spare", name="Spare", version=1, version_name="1.0")
    service.add_attribute_type_def(USER, spare)
    renamed = service.re_identify_attribute_type_def(USER, "spare", "Spare", "spare-2", "Spare2")
    assert (renamed.guid, renamed.name, renamed.version) == ("spare-2", "Spare2", 2)
    with pytest.raises(InvalidParameterException, match="already used by type string"):
        service.re_identify_attribute_type_def(USER, "spare-2", "Spare2", STRING.guid, "string")


# --- persistence -----------------------------------------------------------------------------------------


def test_types_survive_a_restart(service: TypeDefService, store: Any) -> None:
    spare = EnumDef(guid="spare", name="Spare", version=1, version_name="1.0")
    service.add_attribute_type_def(USER, spare)
    service.add_type_def(USER, widget())
    service.update_type_def(USER, colour_patch())
    service.add_type_def(USER, widget(guid="gone", name="Gone"))
    service.delete_type_def(USER, "gone", "Gone")
    service.re_identify_attribute_type_def(USER, "spare", "Spare", "spare-2", "Spare2")
    # An archive type: patched, then re-identified twice; none of its old identities may come back.
    tag_patch = TypeDefPatch(
        type_def_name="InformalTag",
        apply_to_version=1,
        update_to_version=2,
        new_version_name="2.0",
        updated_by=USER,
        update_time=1,
    )
    service.update_type_def(USER, tag_patch)
    service.re_identify_type_def(
        USER, "ba846a7b-2955-40bf-952b-2793ceca090a", "InformalTag", "t2", "InformalTag"
    )
    service.re_identify_type_def(USER, "t2", "InformalTag", "t3", "InformalTag")

    restarted, report = load_type_gallery(store)
    assert report.stored_types == len(store.types)
    widget_now = restarted.type_def_by_name("PyWidget")
    assert widget_now is not None and widget_now.version == 2 and "colour" in restarted.attributes("PyWidget")
    assert restarted.type_def_by_name("Gone") is None
    assert restarted.attribute_type_def_by_name("Spare") is None
    assert restarted.attribute_type_def_by_guid("spare-2") is not None
    tag = restarted.type_def_by_name("InformalTag")
    assert tag is not None and (tag.guid, tag.version) == ("t3", 4)
    assert restarted.type_def_by_guid("ba846a7b-2955-40bf-952b-2793ceca090a") is None
    assert len(restarted) == 649 + 1
    asset_then, asset_now = restarted.type_def_by_name("Asset"), service.gallery.type_def_by_name("Asset")
    assert asset_then is not None and asset_now is not None and to_wire(asset_then) == to_wire(asset_now)


def test_a_newer_archive_version_wins_over_a_stale_stored_copy(store: Any, gallery: TypeGallery) -> None:
    service = TypeDefService(gallery, store, "collection-id")
    asset = gallery.type_def_by_name("Asset")
    assert asset is not None
    from graphrepo.metamodel._loading import stored_document

    store.save_type(stored_document(asset.model_copy(update={"version": 1, "description": "stale"})))
    restarted, _ = load_type_gallery(store)
    assert restarted.type_def_by_name("Asset") == asset
    assert service.repository_name == "collection-id"


def test_failing_listener_does_not_undo_the_change(service: TypeDefService) -> None:
    def broken(change: TypeChange) -> None:
        raise RuntimeError("schema down")

    service.add_listener(broken)
    service.add_type_def(USER, widget())
    assert service.gallery.type_def_by_name("PyWidget") is not None


def test_load_another_archive(service: TypeDefService, tmp_path: Path, store: Any) -> None:
    import json

    document = {
        "class": "OpenMetadataArchive",
        "archiveProperties": {"archiveName": "extra"},
        "archiveTypeStore": {
            "newTypeDefs": [to_wire(widget())],
            "typeDefPatches": [
                to_wire(colour_patch()),
                {
                    "typeDefName": "InformalTag",
                    "applyToVersion": 1,
                    "updateToVersion": 2,
                    "newVersionName": "2",
                    "updatedBy": "x",
                    "updateTime": 1,
                },
            ],
        },
        "archiveInstanceStore": {"entities": []},
    }
    path = tmp_path / "extra.omarchive"
    path.write_text(json.dumps(document))
    contents = service.load_archive(path)
    assert contents.instances == {"entities": []}
    pywidget, tag = (
        service.gallery.type_def_by_name("PyWidget"),
        service.gallery.type_def_by_name("InformalTag"),
    )
    assert pywidget is not None and pywidget.version == 2
    assert tag is not None and tag.version == 2
    assert service.load_archive(path).patches_applied == 2  # loading twice changes nothing
    assert service.gallery.type_def_by_name("PyWidget") == pywidget
