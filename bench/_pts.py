"""The PTS-style workload: for one volume (``instancesPerType``-``maxSearchResults``), create that many
instances of every sampled type through the OMRS REST API, then time each OMRS method the Egeria PTS
times, in the PTS's order (create, search, update, undo, retrieve, history, graph, rehome, reidentify,
retype, delete, restore, purge). One client thread, sequential calls; each call's wall time is recorded
(request sent to response decoded). Nothing is asserted about timings."""

from __future__ import annotations

import copy
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from bench._omrs import Bean, OMRSClient, exact_regex, primitive, properties
from bench._types import (
    TypeCatalog,
    TypeInfo,
    TypeSample,
    first_searchable_string,
    instance_properties,
    string_value,
)

PEER_ID = "5e1f7c2e-0000-4000-8000-bench0peer00"
PEER_NAME = "benchPeer"
MAX_PAGES = 50  # findEntities pages through every result, as the PTS does, up to this many pages


@dataclass(frozen=True)
class Volume:
    instances_per_type: int
    max_search_results: int

    @property
    def label(self) -> str:
        return f"{self.instances_per_type}-{self.max_search_results}"

    @classmethod
    def parse(cls, text: str) -> Volume:
        instances, _, page = text.partition("-")
        return cls(int(instances), int(page))


PTS_VOLUMES = tuple(Volume.parse(v) for v in ("5-2", "10-5", "20-10", "40-10", "80-10"))


@dataclass
class Tracked:
    guid: str
    type: TypeInfo
    number: int
    create_time: int = 0


@dataclass
class PtsState:
    entities: dict[str, list[Tracked]] = field(default_factory=lambda: defaultdict(list))
    copies: list[Tracked] = field(default_factory=list)
    relationships: dict[str, list[Tracked]] = field(default_factory=lambda: defaultdict(list))
    classified: list[tuple[Tracked, str]] = field(default_factory=list)

    def all_entities(self) -> list[Tracked]:
        return [e for group in self.entities.values() for e in group]

    def all_relationships(self) -> list[Tracked]:
        return [r for group in self.relationships.values() for r in group]


def _validation(tracked: Tracked) -> Bean:
    return {
        "class": "TypeDefValidationForRequest",
        "typeDefGUID": tracked.type.guid,
        "typeDefName": tracked.type.name,
    }


def _summary(info: TypeInfo) -> Bean:
    definition = info.definition
    return {
        "guid": info.guid,
        "name": info.name,
        "version": definition.get("version", 1),
        "versionName": definition.get("versionName", "1.0"),
        "category": info.category,
    }


class PtsRun:
    def __init__(
        self,
        client: OMRSClient,
        catalog: TypeCatalog,
        sample: TypeSample,
        volume: Volume,
        *,
        progress: Callable[[str], None] = lambda _: None,
        phases: frozenset[str] | None = None,
    ) -> None:
        self.c = client
        self.only = phases  # None: every phase; else these (the caller lists what they depend on)
        self.catalog = catalog
        self.sample = sample
        self.volume = volume
        self.n = volume.instances_per_type
        self.page = volume.max_search_results
        self.run = uuid.uuid4().hex[:6]
        self.state = PtsState()
        self.progress = progress
        self.local_id = ""
        self.phase_seconds: dict[str, float] = {}

    # --- driver ---------------------------------------------------------------------------------------

    def execute(self) -> None:
        self.local_id = self.c.call("getMetadataCollectionId", "GET", "/metadata-collection-id", timed=False)[
            "metadataCollectionId"
        ]
        phases: list[tuple[str, Callable[[], None]]] = [
            ("create entities", self.create_entities),
            ("reference copies", self.save_reference_copies),
            ("entity search", self.entity_search),
            ("create relationships", self.create_relationships),
            ("relationship search", self.relationship_search),
            ("classify", self.classify),
            ("classification search", self.classification_search),
            ("update", self.update),
            ("undo", self.undo),
            ("retrieve", self.retrieve),
            ("history", self.history),
            ("graph queries", self.graph_queries),
            ("rehome", self.rehome),
            ("declassify", self.declassify),
            ("reidentify", self.reidentify),
            ("retype", self.retype),
            ("delete and restore", self.delete_and_restore),
            ("purge", self.purge),
        ]
        for name, phase in phases:
            if self.only is not None and name not in self.only:
                continue
            started = time.perf_counter()
            phase()
            self.phase_seconds[name] = time.perf_counter() - started
            self.progress(f"  {self.volume.label} {name}: {self.phase_seconds[name]:.1f} s")

    # --- create ---------------------------------------------------------------------------------------

    def create_entities(self) -> None:
        for info in self.sample.entities:
            for number in range(self.n):
                body = {
                    "class": "EntityCreateRequest",
                    "entityTypeGUID": info.guid,
                    "initialProperties": instance_properties(info, number, self.run),
                }
                entity = self.c.call("addEntity", "POST", "/instances/entity", body)["entity"]
                self.state.entities[info.name].append(
                    Tracked(entity["guid"], info, number, int(entity.get("createTime") or 0))
                )

    def save_reference_copies(self) -> None:
        """saveEntityReferenceCopy: a copy homed at a (fictitious) peer, later rehomed here."""
        copies = max(1, self.n // 5)
        for info in self.sample.entities:
            for number in range(copies):
                guid = self.state.entities[info.name][number].guid
                template = self.c.call("getEntityDetail", "GET", f"/instances/entity/{guid}", timed=False)[
                    "entity"
                ]
                entity = copy.deepcopy(template)
                entity.update(
                    guid=str(uuid.uuid4()),
                    metadataCollectionId=PEER_ID,
                    metadataCollectionName=PEER_NAME,
                    instanceProvenanceType="LOCAL_COHORT",
                    properties=instance_properties(info, self.n + number, self.run),
                )
                entity.pop("classifications", None)
                self.c.call("saveEntityReferenceCopy", "POST", "/instances/entities/reference-copy", entity)
                self.state.copies.append(Tracked(entity["guid"], info, self.n + number))

    def create_relationships(self) -> None:
        for plan in self.sample.relationships:
            ones = [e for name in plan.end1_types for e in self.state.entities[name]]
            twos = [e for name in plan.end2_types for e in self.state.entities[name]]
            for number in range(self.n):
                one = ones[number % len(ones)]
                two = twos[(number * 7 + 1) % len(twos)]
                if two.guid == one.guid:
                    two = twos[(number * 7 + 2) % len(twos)]
                body = {
                    "class": "RelationshipCreateRequest",
                    "relationshipTypeGUID": plan.type.guid,
                    "entityOneGUID": one.guid,
                    "entityTwoGUID": two.guid,
                    "initialProperties": instance_properties(plan.type, number, self.run),
                }
                relationship = self.c.call("addRelationship", "POST", "/instances/relationship", body)[
                    "relationship"
                ]
                self.state.relationships[plan.type.name].append(
                    Tracked(relationship["guid"], plan.type, number, int(relationship.get("createTime") or 0))
                )

    def classify(self) -> None:
        for plan in self.sample.classifications:
            candidates = [e for name in plan.entity_types for e in self.state.entities[name]]
            for number in range(min(self.n, len(candidates))):
                target = candidates[number]
                body = {
                    "class": "InstancePropertiesRequest",
                    "instanceProperties": instance_properties(plan.type, number, self.run),
                }
                path = f"/instances/entity/{target.guid}/classification/{plan.type.name}"
                self.c.call("classifyEntity", "POST", path, body)
                self.state.classified.append((target, plan.type.name))

    # --- search ---------------------------------------------------------------------------------------

    def entity_search(self) -> None:
        for info in self.sample.entities:
            self._find_all("findEntities", "/instances/entities", "EntityFindRequest", info, "entities")
            self._property_value_searches(
                info,
                "findEntitiesByPropertyValue",
                "/instances/entities/by-property-value",
                "EntityPropertyFindRequest",
            )
            self._property_searches(
                info, "findEntitiesByProperty", "/instances/entities/by-property", "EntityPropertyFindRequest"
            )

    def relationship_search(self) -> None:
        for plan in self.sample.relationships:
            info = plan.type
            self._find_all(
                "findRelationships", "/instances/relationships", "InstanceFindRequest", info, "relationships"
            )
            self._property_value_searches(
                info,
                "findRelationshipsByPropertyValue",
                "/instances/relationships/by-property-value",
                "TypeLimitedFindRequest",
            )
            self._property_searches(
                info,
                "findRelationshipsByProperty",
                "/instances/relationships/by-property",
                "PropertyMatchFindRequest",
            )

    def _find_all(self, method: str, path: str, bean: str, info: TypeInfo, key: str) -> None:
        offset = 0
        for _ in range(MAX_PAGES):
            body = {"class": bean, "typeGUID": info.guid, "offset": offset, "pageSize": self.page}
            results = self.c.call(method, "POST", path, body).get(key) or []
            if len(results) < self.page:
                return
            offset += len(results)

    def _property_value_searches(self, info: TypeInfo, method: str, path: str, bean: str) -> None:
        attribute = first_searchable_string(info)
        if attribute is None:
            return
        prefix = f"{info.name}.{attribute}.{self.run}."
        exact = string_value(info.name, attribute, 1 % self.n, self.run)
        criteria = (
            exact_regex(exact),  # exact
            exact_regex(prefix) + ".*",  # starts with
            ".*" + exact_regex(f"{attribute}.{self.run}") + ".*",  # contains
            ".*" + exact_regex(f".{self.run}.1"),  # ends with
            info.name + r"\." + attribute + r"\..*\.1.*",  # a regular expression
        )
        for text in criteria:
            body = {"class": bean, "typeGUID": info.guid, "pageSize": self.page}
            self.c.call(method, "POST", path, body, params={"searchCriteria": text})

    def _property_searches(self, info: TypeInfo, method: str, path: str, bean: str) -> None:
        strings = info.string_attributes
        if not strings:
            return
        first = strings[0]
        second = strings[1] if len(strings) > 1 else strings[0]
        number = 1 % self.n
        one = {first: primitive(exact_regex(string_value(info.name, first, number, self.run)))}
        two = {
            first: primitive(exact_regex(string_value(info.name, first, number, self.run))),
            second: primitive(exact_regex(string_value(info.name, second, number, self.run))),
        }
        for match, criteria in ((one, "ALL"), (two, "ALL"), (two, "ANY"), (two, "NONE")):
            body = {
                "class": bean,
                "typeGUID": info.guid,
                "matchProperties": properties(match),
                "matchCriteria": criteria,
                "pageSize": self.page,
            }
            self.c.call(method, "POST", path, body)

    def classification_search(self) -> None:
        for plan in self.sample.classifications:
            path = f"/instances/entities/by-classification/{plan.type.name}"
            self.c.call(
                "findEntitiesByClassification",
                "POST",
                path,
                {"class": "PropertyMatchFindRequest", "pageSize": self.page},
            )
            strings = plan.type.string_attributes
            if strings:
                match = {
                    strings[0]: primitive(exact_regex(string_value(plan.type.name, strings[0], 0, self.run)))
                }
                body = {
                    "class": "PropertyMatchFindRequest",
                    "matchProperties": properties(match),  # the classification's properties
                    "matchCriteria": "ALL",
                    "pageSize": self.page,
                }
                self.c.call("findEntitiesByClassification", "POST", path, body)

    # --- update and undo ------------------------------------------------------------------------------

    def update(self) -> None:
        for tracked in self.state.all_entities():
            body = {
                "class": "InstancePropertiesRequest",
                "instanceProperties": instance_properties(tracked.type, tracked.number + 100_000, self.run),
            }
            self.c.call(
                "updateEntityProperties", "POST", f"/instances/entity/{tracked.guid}/properties", body
            )
        for tracked in self.state.all_relationships():
            new = instance_properties(tracked.type, tracked.number + 100_000, self.run)
            if new is None:
                continue
            body = {"class": "InstancePropertiesRequest", "instanceProperties": new}
            path = f"/instances/relationship/{tracked.guid}/properties"
            self.c.call("updateRelationshipProperties", "POST", path, body)
        for target, name in self.state.classified:
            info = self.catalog.types[name]
            body = {
                "class": "InstancePropertiesRequest",
                "instanceProperties": instance_properties(info, target.number + 100_000, self.run),
            }
            path = f"/instances/entity/{target.guid}/classification/{name}/properties"
            self.c.call("updateEntityClassification", "POST", path, body)

    def undo(self) -> None:
        for tracked in self.state.all_entities()[::2]:
            self.c.call("undoEntityUpdate", "GET", f"/instances/entity/{tracked.guid}/previous")

    # --- retrieve and history -------------------------------------------------------------------------

    def retrieve(self) -> None:
        for tracked in self.state.all_entities():
            self.c.call("getEntityDetail", "GET", f"/instances/entity/{tracked.guid}")
            self.c.call("getEntitySummary", "GET", f"/instances/entity/{tracked.guid}/summary")
            self.c.call("isEntityKnown", "GET", f"/instances/entity/{tracked.guid}/existence")
        for tracked in self.state.all_relationships():
            self.c.call("getRelationship", "GET", f"/instances/relationship/{tracked.guid}")

    def history(self) -> None:
        for tracked in self.state.all_entities():
            path = f"/instances/entity/{tracked.guid}"
            self.c.call(
                "getEntityDetailHistory", "POST", f"{path}/history/all", {"class": "HistoryRangeRequest"}
            )
            as_of = {"class": "HistoryRequest", "asOfTime": tracked.create_time}
            self.c.call("getEntityDetail(asOfTime)", "POST", f"{path}/history", as_of)
        for tracked in self.state.all_relationships():
            path = f"/instances/relationship/{tracked.guid}"
            self.c.call(
                "getRelationshipHistory", "POST", f"{path}/history/all", {"class": "HistoryRangeRequest"}
            )
            as_of = {"class": "HistoryRequest", "asOfTime": tracked.create_time}
            self.c.call("getRelationship(asOfTime)", "POST", f"{path}/history", as_of)
        now = int(time.time() * 1000)
        for info in self.sample.entities:
            body = {
                "class": "EntityHistoricalFindRequest",
                "typeGUID": info.guid,
                "asOfTime": now,
                "pageSize": self.page,
            }
            self.c.call("findEntities(asOfTime)", "POST", "/instances/entities/history", body)

    # --- graph ----------------------------------------------------------------------------------------

    def graph_queries(self) -> None:
        for tracked in self.state.all_entities():
            base = f"/instances/entities/from-entity/{tracked.guid}"
            self.c.call(
                "getRelationshipsForEntity",
                "POST",
                f"/instances/entity/{tracked.guid}/relationships",
                {"class": "TypeLimitedFindRequest", "pageSize": self.page},
            )
            self.c.call(
                "getRelatedEntities",
                "POST",
                f"{base}/by-relationship",
                {"class": "RelatedEntitiesFindRequest", "pageSize": self.page},
            )
            self.c.call(
                "getEntityNeighborhood",
                "POST",
                f"{base}/by-neighborhood",
                {"class": "EntityNeighborhoodFindRequest"},
                params={"level": 1},
            )
        for group in self.state.relationships.values():
            for tracked in group[:2]:
                bean = self.c.call(
                    "getRelationship", "GET", f"/instances/relationship/{tracked.guid}", timed=False
                )
                relationship = bean["relationship"]
                start, end = relationship["entityOneProxy"]["guid"], relationship["entityTwoProxy"]["guid"]
                self.c.call(
                    "getLinkingEntities",
                    "POST",
                    f"/instances/entities/from-entity/{start}/by-linkage",
                    {"class": "OMRSAPIFindRequest"},
                    params={"endEntityGUID": end},
                )

    # --- rehome, declassify, reidentify, retype -------------------------------------------------------

    def rehome(self) -> None:
        for tracked in self.state.copies:
            path = f"/instances/entity/{tracked.guid}/home/{PEER_ID}"
            params = {"newHomeMetadataCollectionId": self.local_id, "newHomeMetadataCollectionName": "bench"}
            self.c.call("reHomeEntity", "POST", path, _validation(tracked), params=params)

    def declassify(self) -> None:
        for target, name in self.state.classified[::2]:
            path = f"/instances/entity/{target.guid}/classification/{name}/delete"
            self.c.call("declassifyEntity", "POST", path, {"class": "OMRSAPIRequest"})

    def reidentify(self) -> None:
        for tracked in self.state.all_entities():
            new_guid = str(uuid.uuid4())
            path = f"/instances/entity/{tracked.guid}/identity"
            self.c.call(
                "reIdentifyEntity", "POST", path, _validation(tracked), params={"newEntityGUID": new_guid}
            )
            tracked.guid = new_guid
        for tracked in self.state.all_relationships():
            new_guid = str(uuid.uuid4())
            path = f"/instances/relationship/{tracked.guid}/identity"
            params = {"newRelationshipGUID": new_guid}
            self.c.call("reIdentifyRelationship", "POST", path, _validation(tracked), params=params)
            tracked.guid = new_guid

    def retype(self) -> None:
        for type_name, subtype_name in self.sample.retypes.items():
            subtype = self.catalog.types[subtype_name]
            for tracked in self.state.entities[type_name]:
                body = {
                    "class": "TypeDefChangeRequest",
                    "currentTypeDef": _summary(tracked.type),
                    "newTypeDef": _summary(subtype),
                }
                self.c.call("reTypeEntity", "POST", f"/instances/entity/{tracked.guid}/type", body)
                tracked.type = subtype

    # --- delete, restore, purge -----------------------------------------------------------------------

    def delete_and_restore(self) -> None:
        for tracked in self.state.all_relationships():
            path = f"/instances/relationship/{tracked.guid}"
            self.c.call("deleteRelationship", "POST", f"{path}/delete", _validation(tracked))
            self.c.call("restoreRelationship", "GET", f"{path}/restore")
        for tracked in self.state.all_entities():
            path = f"/instances/entity/{tracked.guid}"
            self.c.call("deleteEntity", "POST", f"{path}/delete", _validation(tracked))
            self.c.call("restoreEntity", "GET", f"{path}/restore")

    def purge(self) -> None:
        for tracked in self.state.all_relationships():
            path = f"/instances/relationship/{tracked.guid}"
            # Deleting an end entity earlier soft-deleted the relationship, and restoring the entity does
            # not restore it: this delete may find it deleted already, so it is neither timed nor checked.
            self.c.call(
                "deleteRelationship",
                "POST",
                f"{path}/delete",
                _validation(tracked),
                timed=False,
                expect_ok=False,
            )
            self.c.call("purgeRelationship", "POST", f"{path}/purge", _validation(tracked))
        for tracked in self.state.all_entities() + self.state.copies:
            path = f"/instances/entity/{tracked.guid}"
            self.c.call("deleteEntity", "POST", f"{path}/delete", _validation(tracked), timed=False)
            self.c.call("purgeEntity", "POST", f"{path}/purge", _validation(tracked))
