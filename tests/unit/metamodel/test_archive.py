"""The shipped archive loads with Egeria 5.3's types, and patches behave as Egeria's applyPatch."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from graphrepo.metamodel import ArchiveContents, ArchiveError, apply_patch, load_type_gallery, read_archive
from graphrepo.metamodel._archive import java_hash_map_order, read_archive_bytes
from graphrepo.omrs._exceptions import PatchErrorException

SHIPPED = Path(__file__).resolve().parents[3] / "graphrepo/metamodel/archives/OpenMetadataTypes-5.3.omarchive"


def raw_store() -> dict[str, Any]:
    store: dict[str, Any] = json.loads(SHIPPED.read_bytes())["archiveTypeStore"]
    return store


def test_counts_of_the_shipped_archive(archive: ArchiveContents) -> None:
    assert len(archive.attribute_type_defs) == 61
    assert len(archive.type_defs) == 649
    assert archive.patches_applied == 236
    assert archive.properties["archiveGUID"] == "bce3b0a0-662a-4f87-b8dc-844078a11a6e"
    assert archive.instances is None


@pytest.mark.parametrize(
    ("name", "guid", "version", "super_type"),
    [
        ("Referenceable", "a32316b8-dc8c-48c5-b12b-71c1b2a080bf", 2, "OpenMetadataRoot"),
        ("Asset", "896d14c2-7522-4f6c-8519-757711943fe6", 3, "Referenceable"),
        ("GlossaryTerm", "0db3e6ec-f5ef-4d75-ae38-b7ee6fd6ec0a", 3, "Referenceable"),
        ("ProcessCall", "af904501-6347-4f52-8378-da50e8d74828", 5, None),
        ("EngineAction", "c976d88a-2b11-4b40-b972-c38d41bfc6be", 5, "Action"),
        ("GovernanceZone", "290a192b-42a7-449a-935a-269ca62cfdac", 4, "Referenceable"),
        ("APIOperation", "f1c0af19-2729-4fac-996e-a7badff3c21c", 2, "SchemaType"),
        ("AttachedTag", "4b1641c4-3d1a-4213-86b2-d6968b6c65ab", 1, None),
    ],
)
def test_patched_types_end_at_the_archive_s_last_version(
    archive: ArchiveContents, name: str, guid: str, version: int, super_type: str | None
) -> None:
    by_name = {doc["name"]: doc for doc in archive.type_defs}
    assert by_name[name]["guid"] == guid
    assert by_name[name]["version"] == version
    assert (by_name[name].get("superType") or {}).get("name") == super_type


def test_every_type_ends_at_its_last_patch_version(archive: ArchiveContents) -> None:
    store = raw_store()
    last: dict[str, int] = {}
    for patch in store["typeDefPatches"]:
        last[patch["typeDefName"]] = patch["updateToVersion"]
    for doc in archive.type_defs:
        assert doc["version"] == last.get(doc["name"], 1), doc["name"]
    original = {doc["name"]: doc["guid"] for doc in store["newTypeDefs"]}
    assert {doc["name"]: doc["guid"] for doc in archive.type_defs} == original


def test_patch_fields_are_applied(archive: ArchiveContents) -> None:
    by_name = {doc["name"]: doc for doc in archive.type_defs}
    assert by_name["ConnectionEndpoint"]["status"] == "DEPRECATED_TYPEDEF"
    assert [link["name"] for link in by_name["Anchors"]["validEntityDefs"]] == ["OpenMetadataRoot"]
    assert by_name["MapFromElementType"]["endDef2"]["entityType"]["name"] == "SchemaElement"
    assert "PREPARED" in by_name["ControlledGlossaryTerm"]["validInstanceStatusList"]
    # Properties merged through a Java HashMap: this order was produced by Java 17's HashMap.
    assert [a["attributeName"] for a in by_name["GlossaryTerm"]["propertiesDefinition"]] == [
        "summary",
        "aliases",
        "examples",
        "displayName",
        "usage",
        "description",
        "publishVersionIdentifier",
        "abbreviation",
    ]


def test_java_hash_map_order_matches_java() -> None:
    # Expected values printed by java.util.HashMap (Java 17) for the same insertion order.
    assert java_hash_map_order(["c", "b", "a", "Aa", "BB"]) == ["Aa", "BB", "a", "b", "c"]
    assert java_hash_map_order(["qualifiedName", "additionalProperties"]) == [
        "qualifiedName",
        "additionalProperties",
    ]


def _type(version: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "class": "EntityDef",
        "guid": "g-1",
        "name": "Widget",
        "version": version,
        "versionName": "1.0",
        "propertiesDefinition": [_attribute("a")],
        **extra,
    }


def _attribute(
    name: str, type_name: str = "string", guid: str = "b34a64b9-554a-42b1-8f8a-7d5c2339f9c4"
) -> Any:
    return {
        "attributeName": name,
        "attributeType": {"class": "PrimitiveDef", "guid": guid, "name": type_name},
    }


def _patch(apply_to: int = 1, update_to: int = 2, **extra: Any) -> dict[str, Any]:
    return {
        "typeDefGUID": "g-1",
        "typeDefName": "Widget",
        "applyToVersion": apply_to,
        "updateToVersion": update_to,
        "newVersionName": f"{update_to}.0",
        "updatedBy": "tester",
        "updateTime": 1,
        **extra,
    }


def test_apply_patch_bumps_version_and_merges_properties() -> None:
    result = apply_patch(
        _type(), _patch(propertyDefinitions=[_attribute("b")], description="new"), source_name="t"
    )
    assert (result["version"], result["versionName"], result["updatedBy"]) == (2, "2.0", "tester")
    assert result["description"] == "new"
    assert {a["attributeName"] for a in result["propertiesDefinition"]} == {"a", "b"}


def test_apply_patch_already_applied_returns_the_type_unchanged() -> None:
    original = _type(version=3)
    assert apply_patch(original, _patch(), source_name="t") == original


def test_apply_patch_for_a_future_version_is_a_patch_error() -> None:
    with pytest.raises(PatchErrorException, match="OMRS-REPOSITORY-400-068"):
        apply_patch(_type(), _patch(apply_to=2, update_to=3), source_name="t")


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (_patch(apply_to=2, update_to=2), "OMRS-REPOSITORY-400-067"),
        ({**_patch(), "newVersionName": None}, "newVersionName"),
        ({**_patch(), "updatedBy": None}, "updatedBy"),
        ({**_patch(), "updateTime": None}, "updatedTime"),
    ],
)
def test_invalid_patches_are_patch_errors(patch: dict[str, Any], message: str) -> None:
    with pytest.raises(PatchErrorException, match=message):
        apply_patch(_type(), patch, source_name="t")


def test_a_patch_may_not_change_an_attribute_s_type() -> None:
    patch = _patch(propertyDefinitions=[_attribute("a", "int", "7fc49104-fd3a-46c8-b6bf-f16b6074cd35")])
    with pytest.raises(PatchErrorException, match=r"OMRS-REPOSITORY-400-070.*a"):
        apply_patch(_type(), patch, source_name="t")


def test_relationship_and_classification_fields() -> None:
    relationship = {
        "class": "RelationshipDef",
        "guid": "g-1",
        "name": "Widget",
        "version": 1,
        "multiLink": False,
    }
    end = {"entityType": {"guid": "x", "name": "X"}, "attributeName": "x"}
    patched = apply_patch(
        relationship, _patch(endDef1=end, updateMultiLink=True, multiLink=True), source_name="t"
    )
    assert patched["endDef1"] == end and patched["multiLink"] is True
    not_flagged = apply_patch(relationship, _patch(multiLink=True), source_name="t")
    assert not_flagged["multiLink"] is False
    classification = {"class": "ClassificationDef", "guid": "g-1", "name": "Widget", "version": 1}
    patched = apply_patch(classification, _patch(validEntityDefs=[{"name": "X"}]), source_name="t")
    assert patched["validEntityDefs"] == [{"name": "X"}]


def test_progress_is_reported_per_stage() -> None:
    seen: dict[str, tuple[int, int]] = {}
    read_archive(progress=lambda stage, done, total: seen.__setitem__(stage, (done, total)))
    assert seen == {"attributeTypeDefs": (61, 61), "newTypeDefs": (649, 649), "typeDefPatches": (236, 236)}


def test_another_archive_returns_its_instances(tmp_path: Path) -> None:
    document = {
        "class": "OpenMetadataArchive",
        "archiveProperties": {"archiveName": "mine"},
        "archiveTypeStore": {"newTypeDefs": [_type()], "typeDefPatches": [_patch()]},
        "archiveInstanceStore": {"entities": [{"class": "EntityDetail", "guid": "e"}]},
    }
    path = tmp_path / "mine.omarchive"
    path.write_text(json.dumps(document))
    contents = read_archive(path)
    assert contents.type_defs[0]["version"] == 2
    assert contents.instances == {"entities": [{"class": "EntityDetail", "guid": "e"}]}


@pytest.mark.parametrize(
    "data",
    [
        b"{",
        b"[]",
        b'{"archiveTypeStore": []}',
        b'{"archiveTypeStore": {"typeDefPatches": [{"typeDefName": "X"}]}}',
    ],
)
def test_not_an_archive(data: bytes) -> None:
    with pytest.raises(ArchiveError):
        read_archive_bytes(data)


def test_loading_time_is_measured(capsys: pytest.CaptureFixture[str]) -> None:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        gallery, report = load_type_gallery()
        timings.append(time.perf_counter() - started)
    assert len(gallery) == 649
    with capsys.disabled():
        print(
            f"\n[metamodel] archive + patches + parse + index: best {min(timings) * 1000:.0f} ms, "
            f"first {timings[0] * 1000:.0f} ms (report says {report.seconds * 1000:.0f} ms)"
        )
