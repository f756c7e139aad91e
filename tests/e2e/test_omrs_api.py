"""Every OMRS endpoint group through HTTP, on the embedded store and on Neo4j: one walk through a
metadata collection's life (types, entities, classifications, relationships, searches, history, graph
queries, reference copies, metadata highway)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

from tests.e2e.conftest import OMRS

INVALID_PARAMETER = "org.odpi.openmetadata.repositoryservices.ffdc.exception.InvalidParameterException"


def props(**values: str) -> dict[str, Any]:
    return {
        "class": "InstanceProperties",
        "instanceProperties": {
            name: {
                "class": "PrimitivePropertyValue",
                "instancePropertyCategory": "PRIMITIVE",
                "primitiveDefCategory": "OM_PRIMITIVE_TYPE_STRING",
                "primitiveValue": value,
            }
            for name, value in values.items()
        },
    }


def test_all_groups_on_the_memory_store(memory_omrs: OMRS) -> None:
    walk_through_every_group(memory_omrs)


def test_all_groups_on_neo4j(neo4j_omrs: OMRS) -> None:
    walk_through_every_group(neo4j_omrs)


def walk_through_every_group(omrs: OMRS) -> None:
    collection_id = omrs.ok("GET", "/metadata-collection-id")["metadataCollectionId"]
    term_type = types_group(omrs)
    first, second = entities_group(omrs, term_type)
    relationship = relationships_group(omrs, first, second)
    searches_group(omrs, term_type, first, relationship)
    history_group(omrs, first, relationship)
    graph_group(omrs, first, second)
    reference_copy_group(omrs, first, collection_id)
    highway_group(omrs, collection_id)
    cleanup(omrs, first, second, relationship)


def types_group(omrs: OMRS) -> dict[str, Any]:
    everything = omrs.ok("GET", "/types/all")
    assert len(everything["typeDefs"]) > 500 and len(everything["attributeTypeDefs"]) > 50
    term: dict[str, Any] = omrs.ok("GET", "/types/typedef/name/GlossaryTerm")["typeDef"]
    assert omrs.ok("GET", f"/types/typedef/{term['guid']}")["typeDef"]["name"] == "GlossaryTerm"
    string = omrs.ok("GET", "/types/attribute-typedef/name/string")["attributeTypeDef"]
    assert (
        omrs.ok("GET", f"/types/attribute-typedef/{string['guid']}")["attributeTypeDef"]["name"] == "string"
    )
    assert omrs.ok("GET", "/types/by-name", name="GlossaryTerm")["typeDefs"]
    assert omrs.ok("POST", "/types/typedefs/by-category", "CLASSIFICATION_DEF")["typeDefs"]
    assert omrs.ok("POST", "/types/attribute-typedefs/by-category", "PRIMITIVE")["attributeTypeDefs"]
    assert omrs.ok("GET", "/types/typedefs/by-property-value", searchCriteria="Glossary.*")["typeDefs"]
    omrs.ok("GET", "/types/typedefs/by-external-id", standard="nothing-maps-to-this")
    by_property = {"typeDefProperties": {"qualifiedName": None}}
    omrs.ok("GET", "/types/typedefs/by-property", by_property)
    assert omrs.ok("POST", "/types/typedef/compatibility", term)["flag"] is True

    # A new type: add, verify, patch, re-identify, delete.
    new_type = copy.deepcopy(term)
    new_type.update(guid=str(uuid.uuid4()), name="E2ETestTerm", version=1, versionName="1.0")
    new_type["superType"] = {"guid": term["guid"], "name": "GlossaryTerm"}
    new_type.pop("propertiesDefinition", None)
    assert omrs.ok("POST", "/types/typedef/compatibility", new_type)["flag"] is False
    omrs.ok("POST", "/types/typedef", new_type)
    assert omrs.ok("POST", "/types/typedef/compatibility", new_type)["flag"] is True
    patch = {
        "typeDefGUID": new_type["guid"],
        "typeDefName": "E2ETestTerm",
        "applyToVersion": 1,
        "updateToVersion": 2,
        "newVersionName": "2.0",
        "updatedBy": "garygeeke",
        "updateTime": 1700000000000,
        "description": "patched over REST",
    }
    assert omrs.ok("POST", "/types/typedef/update", patch)["typeDef"]["version"] == 2
    renamed_guid = str(uuid.uuid4())
    reidentify = {
        "class": "TypeDefReIdentifyRequest",
        "originalTypeDefName": "E2ETestTerm",
        "newTypeDefGUID": renamed_guid,
        "newTypeDefName": "E2ETestTermRenamed",
    }
    omrs.ok("POST", f"/types/typedef/{new_type['guid']}/identifier", reidentify)
    omrs.ok("POST", f"/types/typedef/{renamed_guid}/delete", name="E2ETestTermRenamed")
    gone = omrs.call("GET", f"/types/typedef/{renamed_guid}")
    assert gone["relatedHTTPCode"] == 404
    return term


def entities_group(omrs: OMRS, term_type: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    create = {
        "class": "EntityCreateRequest",
        "entityTypeGUID": term_type["guid"],
        "initialProperties": props(qualifiedName="term::one", displayName="Customer"),
    }
    first = omrs.ok("POST", "/instances/entity", create)["entity"]
    create["initialProperties"] = props(qualifiedName="term::two", displayName="Client")
    second = omrs.ok("POST", "/instances/entity", create)["entity"]
    guid = first["guid"]
    assert omrs.ok("GET", f"/instances/entity/{guid}")["entity"]["version"] == 1
    assert omrs.ok("GET", f"/instances/entity/{guid}/existence")["entity"]["guid"] == guid
    assert omrs.ok("GET", f"/instances/entity/{guid}/summary")["entity"]["guid"] == guid
    assert "entity" not in omrs.ok("GET", f"/instances/entity/{uuid.uuid4()}/existence")

    update = {
        "class": "InstancePropertiesRequest",
        "instanceProperties": props(qualifiedName="term::one", displayName="Customer!"),
    }
    assert omrs.ok("POST", f"/instances/entity/{guid}/properties", update)["entity"]["version"] == 2
    undone = omrs.ok("GET", f"/instances/entity/{guid}/previous")["entity"]
    assert undone["properties"]["instanceProperties"]["displayName"]["primitiveValue"] == "Customer"
    omrs.ok("POST", f"/instances/entity/{guid}/status", "ACTIVE")

    # Classifications, by GUID.
    classified = omrs.ok("POST", f"/instances/entity/{guid}/classification/Confidentiality",
                         {"class": "InstancePropertiesRequest"})["entity"]  # fmt: skip
    assert [c["name"] for c in classified["classifications"]] == ["Confidentiality"]
    omrs.ok("POST", f"/instances/entity/{guid}/classification/Confidentiality/properties",
            {"class": "InstancePropertiesRequest"})  # fmt: skip
    omrs.ok("POST", f"/instances/entity/{guid}/classification/Confidentiality/delete")
    detailed = {"class": "ClassificationRequest", "classificationOrigin": "ASSIGNED"}
    omrs.ok("POST", f"/instances/entity/{guid}/classification/Confidentiality/detailed", detailed)
    omrs.ok(
        "POST", f"/instances/entity/{guid}/classification/Confidentiality/delete", {"class": "OMRSAPIRequest"}
    )
    return omrs.ok("GET", f"/instances/entity/{guid}")["entity"], second


def relationships_group(omrs: OMRS, first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    related = omrs.ok("GET", "/types/typedef/name/RelatedTerm")["typeDef"]
    create = {
        "class": "RelationshipCreateRequest",
        "relationshipTypeGUID": related["guid"],
        "entityOneGUID": first["guid"],
        "entityTwoGUID": second["guid"],
        "initialProperties": props(description="linked"),
    }
    relationship = omrs.ok("POST", "/instances/relationship", create)["relationship"]
    guid = relationship["guid"]
    assert omrs.ok("GET", f"/instances/relationship/{guid}")["relationship"]["guid"] == guid
    assert omrs.ok("GET", f"/instances/relationship/{guid}/existence")["relationship"]["guid"] == guid
    update = {"class": "InstancePropertiesRequest", "instanceProperties": props(description="relinked")}
    assert (
        omrs.ok("POST", f"/instances/relationship/{guid}/properties", update)["relationship"]["version"] == 2
    )
    omrs.ok("GET", f"/instances/relationship/{guid}/previous")
    omrs.ok("POST", f"/instances/relationship/{guid}/status", "ACTIVE")
    current: dict[str, Any] = omrs.ok("GET", f"/instances/relationship/{guid}")["relationship"]
    return current


def searches_group(
    omrs: OMRS, term_type: dict[str, Any], first: dict[str, Any], relationship: dict[str, Any]
) -> None:
    type_guid = term_type["guid"]
    found = omrs.ok(
        "POST", "/instances/entities", {"class": "EntityFindRequest", "typeGUID": type_guid, "pageSize": 10}
    )
    assert {e["guid"] for e in found["entities"]} >= {first["guid"]}
    assert found["pageSize"] == 10
    omrs.ok(
        "POST", "/instances/entities/history", {"class": "EntityHistoricalFindRequest", "typeGUID": type_guid}
    )
    by_property = {"class": "EntityPropertyFindRequest", "typeGUID": type_guid,
                   "matchProperties": props(displayName="Customer"), "matchCriteria": "ALL"}  # fmt: skip
    assert [
        e["guid"] for e in omrs.ok("POST", "/instances/entities/by-property", by_property)["entities"]
    ] == [first["guid"]]
    by_property["class"] = "EntityPropertyHistoricalFindRequest"
    omrs.ok("POST", "/instances/entities/by-property/history", by_property)
    value = omrs.ok("POST", "/instances/entities/by-property-value", {"class": "EntityPropertyFindRequest"},
                    searchCriteria=r"\QCustom\E.*")  # fmt: skip
    assert [e["guid"] for e in value["entities"]] == [first["guid"]]
    omrs.ok(
        "POST",
        "/instances/entities/by-property-value/history",
        {"class": "EntityPropertyHistoricalFindRequest"},
        searchCriteria="x",
    )
    omrs.ok(
        "POST", "/instances/entities/by-classification/Confidentiality", {"class": "PropertyMatchFindRequest"}
    )
    omrs.ok(
        "POST",
        "/instances/entities/by-classification/Confidentiality/history",
        {"class": "PropertyMatchHistoricalFindRequest"},
    )
    rels = omrs.ok(
        "POST", f"/instances/entity/{first['guid']}/relationships", {"class": "TypeLimitedFindRequest"}
    )
    assert [r["guid"] for r in rels["relationships"]] == [relationship["guid"]]
    omrs.ok(
        "POST",
        f"/instances/entity/{first['guid']}/relationships/history",
        {"class": "TypeLimitedHistoricalFindRequest"},
    )
    assert omrs.ok("POST", "/instances/relationships", {"class": "InstanceFindRequest"})["relationships"]
    omrs.ok("POST", "/instances/relationships/history", {"class": "InstanceHistoricalFindRequest"})
    omrs.ok(
        "POST",
        "/instances/relationships/by-property",
        {"class": "PropertyMatchFindRequest", "matchProperties": props(description="linked")},
    )
    omrs.ok(
        "POST",
        "/instances/relationships/by-property/history",
        {"class": "PropertyMatchHistoricalFindRequest"},
    )
    omrs.ok(
        "POST",
        "/instances/relationships/by-property-value",
        {"class": "TypeLimitedFindRequest"},
        searchCriteria=".*link.*",
    )
    omrs.ok(
        "POST",
        "/instances/relationships/by-property-value/history",
        {"class": "TypeLimitedHistoricalFindRequest"},
        searchCriteria="x",
    )


def history_group(omrs: OMRS, first: dict[str, Any], relationship: dict[str, Any]) -> None:
    guid = first["guid"]
    versions = omrs.ok("POST", f"/instances/entity/{guid}/history/all")["entities"]
    assert [v["version"] for v in versions] == sorted((v["version"] for v in versions), reverse=True)
    as_of = {"class": "HistoryRequest", "asOfTime": first["createTime"]}
    assert omrs.ok("POST", f"/instances/entity/{guid}/history", as_of)["entity"]["version"] == 1
    omrs.ok(
        "POST",
        f"/instances/relationship/{relationship['guid']}/history/all",
        {"class": "HistoryRangeRequest"},
    )
    as_of["asOfTime"] = relationship["createTime"]
    omrs.ok("POST", f"/instances/relationship/{relationship['guid']}/history", as_of)
    omrs.ok("GET", f"/instances/entity/{guid}/home-classifications")
    omrs.ok("POST", f"/instances/entity/{guid}/home-classifications/history", {"class": "HistoryRequest"})


def graph_group(omrs: OMRS, first: dict[str, Any], second: dict[str, Any]) -> None:
    base = f"/instances/entities/from-entity/{first['guid']}"
    linkage = omrs.ok(
        "POST", f"{base}/by-linkage", {"class": "OMRSAPIFindRequest"}, endEntityGUID=second["guid"]
    )
    assert {e["guid"] for e in linkage["entityElementList"]} == {first["guid"], second["guid"]}
    omrs.ok(
        "POST",
        f"{base}/by-linkage/history",
        {"class": "OMRSAPIHistoricalFindRequest"},
        endEntityGUID=second["guid"],
    )
    neighbours = omrs.ok(
        "POST", f"{base}/by-neighborhood", {"class": "EntityNeighborhoodFindRequest"}, level=1
    )
    assert len(neighbours["relationshipElementList"]) == 1
    omrs.ok(
        "POST",
        f"{base}/by-neighborhood/history",
        {"class": "EntityNeighborhoodHistoricalFindRequest"},
        level=1,
    )
    related = omrs.ok("POST", f"{base}/by-relationship", {"class": "RelatedEntitiesFindRequest"})
    assert second["guid"] in {e["guid"] for e in related["entities"]}
    omrs.ok("POST", f"{base}/by-relationship/history", {"class": "RelatedEntitiesHistoricalFindRequest"})


def reference_copy_group(omrs: OMRS, first: dict[str, Any], collection_id: str) -> None:
    home = str(uuid.uuid4())
    copy_of = copy.deepcopy(first)
    copy_of.update(guid=str(uuid.uuid4()), metadataCollectionId=home, metadataCollectionName="elsewhere")
    copy_of.pop("classifications", None)
    omrs.ok("POST", "/instances/entities/reference-copy", copy_of)
    stored = omrs.ok("GET", f"/instances/entity/{copy_of['guid']}")["entity"]
    assert stored["metadataCollectionId"] == home
    # Reference copies are locked: an update is refused with InvalidParameterException.
    update = {"class": "InstancePropertiesRequest", "instanceProperties": props(qualifiedName="changed")}
    refused = omrs.call("POST", f"/instances/entity/{copy_of['guid']}/properties", update)
    assert refused["exceptionClassName"] == INVALID_PARAMETER
    omrs.ok("POST", "/instances/entities/reference-copy/delete", stored)
    omrs.ok("POST", "/instances/entities/reference-copy/purge", stored)
    omrs.ok("POST", "/instances/entities/reference-copy", copy_of)
    validation = {
        "class": "TypeDefValidationForRequest",
        "typeDefGUID": first["type"]["typeDefGUID"],
        "typeDefName": "GlossaryTerm",
    }
    omrs.ok(
        "POST",
        f"/instances/entities/reference-copy/{copy_of['guid']}/refresh",
        validation,
        homeMetadataCollectionId=home,
    )
    omrs.ok(
        "POST",
        f"/instances/entities/reference-copy/{copy_of['guid']}/purge",
        validation,
        homeMetadataCollectionId=home,
    )
    assert "entity" not in omrs.ok("GET", f"/instances/entity/{copy_of['guid']}/existence")
    omrs.ok("POST", "/instances", {"class": "InstanceGraphRequest", "entityElementList": [copy_of]})
    assert omrs.ok("GET", f"/instances/entity/{copy_of['guid']}/existence")["entity"]
    del collection_id


def highway_group(omrs: OMRS, collection_id: str) -> None:
    registration = omrs.ok("GET", "/metadata-highway/local-registration")["cohortMember"]
    assert registration["metadataCollectionId"] == collection_id
    assert registration["repositoryConnection"]["endpoint"]["address"].endswith("/servers/e2eServer")
    omrs.ok("GET", "/metadata-highway/cohort-descriptions")
    omrs.ok("GET", "/metadata-highway/cohorts/none/remote-members")
    # A cohort this server is not configured for cannot be connected: the answer is false, not an error.
    assert omrs.ok("GET", "/metadata-highway/cohorts/none/connect")["flag"] is False


def cleanup(omrs: OMRS, first: dict[str, Any], second: dict[str, Any], relationship: dict[str, Any]) -> None:
    rel_validation = {
        "class": "TypeDefValidationForRequest",
        "typeDefGUID": relationship["type"]["typeDefGUID"],
        "typeDefName": "RelatedTerm",
    }
    guid = relationship["guid"]
    assert (
        omrs.ok("POST", f"/instances/relationship/{guid}/delete", rel_validation)["relationship"]["status"]
        == "DELETED"
    )
    omrs.ok("GET", f"/instances/relationship/{guid}/restore")
    omrs.ok("POST", f"/instances/relationship/{guid}/delete", rel_validation)
    omrs.ok("POST", f"/instances/relationship/{guid}/purge", rel_validation)
    validation = {
        "class": "TypeDefValidationForRequest",
        "typeDefGUID": first["type"]["typeDefGUID"],
        "typeDefName": "GlossaryTerm",
    }
    for entity in (first, second):
        omrs.ok("POST", f"/instances/entity/{entity['guid']}/delete", validation)
    omrs.ok("GET", f"/instances/entity/{first['guid']}/restore")
    omrs.ok("POST", f"/instances/entity/{first['guid']}/delete", validation)
    omrs.ok("POST", f"/instances/entity/{first['guid']}/purge", validation)
    assert omrs.call("GET", f"/instances/entity/{first['guid']}")["relatedHTTPCode"] == 404
