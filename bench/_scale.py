"""The scale run: N GlossaryTerm entities and N RelatedTerm relationships bulk-loaded through the
product's bulk path (``saveInstanceReferenceCopies``: one REST call, one store transaction per batch, as
reference copies of a fictitious peer), then point reads, index-backed searches and single writes
timed over REST at each stage (e.g. 10k, 100k, 1M); and the floor: the same writes and reads done
directly with the Neo4j driver, one statement each, on the same server in the same run."""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from bench._omrs import Bean, OMRSClient, Timings, exact_regex, primitive, properties, string_properties

PEER_ID = "5e1f7c2e-0000-4000-8000-bench0scale0"
CLASSIFY_EVERY = 100  # one entity in this many carries Confidentiality
FLOOR_DATABASE = "neo4j"


@dataclass
class ScaleState:
    entity_guids: list[str] = field(default_factory=list)
    relationship_guids: list[str] = field(default_factory=list)
    load_seconds: float = 0.0


class ScaleRun:
    def __init__(
        self,
        client: OMRSClient,
        *,
        batch: int = 500,
        samples: int = 200,
        seconds_per_method: float = 20.0,
        progress: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.c = client
        self.batch = batch
        self.samples = samples
        self.seconds_per_method = seconds_per_method
        self.progress = progress
        self.state = ScaleState()
        self.random = random.Random(42)
        self.run = uuid.uuid4().hex[:6]
        self.term_guid = ""
        self.related_guid = ""
        self.entity_template: Bean = {}
        self.relationship_template: Bean = {}
        self.classification_template: Bean = {}
        self._template_texts: dict[int, str] = {}

    # --- templates: real beans from the service, so the copies are exactly Egeria's shape -----------

    def prepare(self) -> None:
        term = self.c.call("getTypeDefByName", "GET", "/types/typedef/name/GlossaryTerm", timed=False)[
            "typeDef"
        ]
        related = self.c.call("getTypeDefByName", "GET", "/types/typedef/name/RelatedTerm", timed=False)[
            "typeDef"
        ]
        self.term_guid, self.related_guid = term["guid"], related["guid"]
        ends = []
        for number in range(2):
            body = {
                "class": "EntityCreateRequest",
                "entityTypeGUID": self.term_guid,
                "initialProperties": string_properties(qualifiedName=f"template-{self.run}-{number}"),
            }
            ends.append(self.c.call("addEntity", "POST", "/instances/entity", body, timed=False)["entity"])
        classify = {
            "class": "InstancePropertiesRequest",
            "instanceProperties": properties({"confidence": primitive(50, "OM_PRIMITIVE_TYPE_INT")}),
        }
        path = f"/instances/entity/{ends[0]['guid']}/classification/Confidentiality"
        classified = self.c.call("classifyEntity", "POST", path, classify, timed=False)["entity"]
        self.classification_template = classified["classifications"][0]
        body = {
            "class": "RelationshipCreateRequest",
            "relationshipTypeGUID": self.related_guid,
            "entityOneGUID": ends[0]["guid"],
            "entityTwoGUID": ends[1]["guid"],
        }
        self.relationship_template = self.c.call(
            "addRelationship", "POST", "/instances/relationship", body, timed=False
        )["relationship"]
        self.entity_template = ends[1]

    def _copy_header(self, bean: Bean, guid: str) -> None:
        bean.update(
            guid=guid,
            metadataCollectionId=PEER_ID,
            metadataCollectionName="benchScalePeer",
            instanceProvenanceType="LOCAL_COHORT",
        )

    def _fresh(self, template: Bean) -> Bean:
        # A deep copy parsed from the template's JSON text: several times cheaper than copy.deepcopy, and
        # the bench client shares the machine's two cores with the service and Neo4j while loading.
        text = self._template_texts.get(id(template))
        if text is None:
            text = self._template_texts[id(template)] = json.dumps(template)
        copied: Bean = json.loads(text)
        return copied

    def _entity(self, number: int) -> Bean:
        entity = self._fresh(self.entity_template)
        self._copy_header(entity, str(uuid.uuid4()))
        entity["properties"] = string_properties(
            qualifiedName=f"term.{self.run}.{number}",
            displayName=f"Term {number}",
            summary=f"summary of term {number} in run {self.run}",
        )
        entity.pop("classifications", None)
        if number % CLASSIFY_EVERY == 0:
            classification = self._fresh(self.classification_template)
            classification["metadataCollectionId"] = PEER_ID
            classification["properties"] = properties(
                {"confidence": primitive(number % 1000, "OM_PRIMITIVE_TYPE_INT")}
            )
            entity["classifications"] = [classification]
        return entity

    def _relationship(self, number: int, one: Bean, two: Bean) -> Bean:
        relationship = self._fresh(self.relationship_template)
        self._copy_header(relationship, str(uuid.uuid4()))
        for key, end in (("entityOneProxy", one), ("entityTwoProxy", two)):
            proxy = relationship[key]
            proxy.update(
                guid=end["guid"], metadataCollectionId=PEER_ID, metadataCollectionName="benchScalePeer"
            )
            proxy.pop("uniqueProperties", None)
        relationship["properties"] = string_properties(description=f"link {number}")
        return relationship

    # --- bulk load ----------------------------------------------------------------------------------

    def load_to(self, target: int) -> dict[str, float]:
        """Grow to ``target`` entities and ``target`` relationships; returns the load figures."""
        start_count = len(self.state.entity_guids)
        started = time.perf_counter()
        number = start_count
        while number < target:
            size = min(self.batch, target - number)
            entities = [self._entity(number + i) for i in range(size)]
            # Each new entity links to the previous one (a chain), and once in ten to a random older one.
            relationships = []
            for i, entity in enumerate(entities):
                previous_guid = (
                    entities[i - 1]["guid"]
                    if i
                    else (self.state.entity_guids[-1] if self.state.entity_guids else None)
                )
                if previous_guid is None:
                    previous_guid = entities[(i + 1) % size]["guid"]
                one = {"guid": previous_guid}
                relationships.append(self._relationship(number + i, one, entity))
            body = {
                "class": "InstanceGraphRequest",
                "entityElementList": entities,
                "relationshipElementList": relationships,
            }
            # Sent as compact JSON bytes made here: the client's whole cost per batch is one json.dumps.
            payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
            self.c.call("saveInstanceReferenceCopies", "POST", "/instances", payload)
            self.state.entity_guids.extend(e["guid"] for e in entities)
            self.state.relationship_guids.extend(r["guid"] for r in relationships)
            number += size
            if (number - start_count) % (self.batch * 20) == 0:
                rate = 2 * (number - start_count) / (time.perf_counter() - started)
                self.progress(
                    f"    loaded {number:,} entities + {number:,} relationships ({rate:,.0f} instances/s)"
                )
        elapsed = time.perf_counter() - started
        self.state.load_seconds += elapsed
        loaded = 2 * (target - start_count)
        return {"instances": float(loaded), "seconds": elapsed, "rate": loaded / elapsed if elapsed else 0.0}

    # --- timed operations ---------------------------------------------------------------------------

    def _repeat(self, method: str, action: Callable[[int], object], samples: int | None = None) -> None:
        deadline = time.perf_counter() + self.seconds_per_method
        for i in range(samples or self.samples):
            action(i)
            if time.perf_counter() > deadline and i >= 10:
                break

    def measure(self, timings: Timings) -> None:
        self.c.timings = timings
        guids, rel_guids = self.state.entity_guids, self.state.relationship_guids
        count = len(guids)
        pick = self.random.randrange

        def numbered(i: int) -> int:
            return pick(count)

        self._repeat(
            "getEntityDetail",
            lambda i: self.c.call("getEntityDetail", "GET", f"/instances/entity/{guids[numbered(i)]}"),
        )
        self._repeat(
            "getRelationship",
            lambda i: self.c.call(
                "getRelationship", "GET", f"/instances/relationship/{rel_guids[pick(len(rel_guids))]}"
            ),
        )

        def by_property(i: int) -> None:
            match = {"qualifiedName": primitive(exact_regex(f"term.{self.run}.{numbered(i)}"))}
            body = {
                "class": "EntityPropertyFindRequest",
                "typeGUID": self.term_guid,
                "matchProperties": properties(match),
                "matchCriteria": "ALL",
                "pageSize": 10,
            }
            found = self.c.call("findEntitiesByProperty", "POST", "/instances/entities/by-property", body)
            assert len(found.get("entities") or []) == 1, found

        self._repeat("findEntitiesByProperty", by_property)

        def by_value(i: int) -> None:
            body = {"class": "EntityPropertyFindRequest", "typeGUID": self.term_guid, "pageSize": 10}
            params = {"searchCriteria": exact_regex(f"term.{self.run}.{numbered(i)}")}
            self.c.call(
                "findEntitiesByPropertyValue", "POST", "/instances/entities/by-property-value", body, params
            )

        self._repeat("findEntitiesByPropertyValue", by_value)

        def by_classification(i: int) -> None:
            body = {"class": "PropertyMatchFindRequest", "pageSize": 10, "offset": 10 * (i % 5)}
            self.c.call(
                "findEntitiesByClassification",
                "POST",
                "/instances/entities/by-classification/Confidentiality",
                body,
            )

        self._repeat("findEntitiesByClassification", by_classification, 30)

        def find_entities(i: int) -> None:
            body = {
                "class": "EntityFindRequest",
                "typeGUID": self.term_guid,
                "pageSize": 10,
                "offset": 10 * (i % 5),
            }
            self.c.call("findEntities", "POST", "/instances/entities", body)

        self._repeat("findEntities", find_entities, 30)

        def related(i: int) -> None:
            path = f"/instances/entities/from-entity/{guids[numbered(i)]}/by-relationship"
            self.c.call(
                "getRelatedEntities", "POST", path, {"class": "RelatedEntitiesFindRequest", "pageSize": 10}
            )

        self._repeat("getRelatedEntities", related)

        # Single writes of locally homed instances (reference copies are read-only here).
        created: list[str] = []

        def add_entity(i: int) -> None:
            body = {
                "class": "EntityCreateRequest",
                "entityTypeGUID": self.term_guid,
                "initialProperties": string_properties(
                    qualifiedName=f"single.{self.run}.{count}.{i}", displayName="x"
                ),
            }
            created.append(self.c.call("addEntity", "POST", "/instances/entity", body)["entity"]["guid"])

        self._repeat("addEntity", add_entity)

        def add_relationship(i: int) -> None:
            body = {
                "class": "RelationshipCreateRequest",
                "relationshipTypeGUID": self.related_guid,
                "entityOneGUID": created[i % len(created)],
                "entityTwoGUID": created[(i + 1) % len(created)],
            }
            self.c.call("addRelationship", "POST", "/instances/relationship", body)

        self._repeat("addRelationship", add_relationship, len(created))

        def update(i: int) -> None:
            body = {
                "class": "InstancePropertiesRequest",
                "instanceProperties": string_properties(
                    qualifiedName=f"single.{self.run}.{count}.{i}", displayName=f"y{i}"
                ),
            }
            self.c.call(
                "updateEntityProperties",
                "POST",
                f"/instances/entity/{created[i % len(created)]}/properties",
                body,
            )

        self._repeat("updateEntityProperties", update, len(created))

        def classify(i: int) -> None:
            path = f"/instances/entity/{created[i % len(created)]}/classification/Criticality"
            self.c.call("classifyEntity", "POST", path, {"class": "InstancePropertiesRequest"})

        self._repeat("classifyEntity", classify, len(created))


# --- the floor: the Neo4j driver, one statement per operation --------------------------------------------

FLOOR_SCHEMA = (
    "CREATE CONSTRAINT bench_floor_guid IF NOT EXISTS FOR (n:FloorEntity) REQUIRE n._guid IS UNIQUE",
    "CREATE INDEX bench_floor_qname IF NOT EXISTS FOR (n:FloorEntity) ON (n.qualifiedName)",
    "CREATE INDEX bench_floor_rel_guid IF NOT EXISTS FOR ()-[r:FLOOR_RELATED]-() ON (r._guid)",
)


class Floor:
    """Same data shape as the scale run (label, GUID, qualifiedName, displayName, summary; a chain of
    relationships), in its own label so graphrepo never sees it."""

    def __init__(self, uri: str, *, samples: int = 200, batch: int = 1000) -> None:
        self.driver = neo4j.GraphDatabase.driver(uri, auth=None)
        self.samples = samples
        self.batch = batch
        self.guids: list[str] = []
        self.rel_guids: list[str] = []
        self.random = random.Random(7)
        for statement in FLOOR_SCHEMA:
            self.driver.execute_query(statement, database_=FLOOR_DATABASE)
        self.driver.execute_query("CALL db.awaitIndexes(300)", database_=FLOOR_DATABASE)

    def close(self) -> None:
        self.driver.close()

    def _q(self, statement: str, **parameters: Any) -> list[neo4j.Record]:
        records, _, _ = self.driver.execute_query(statement, parameters, database_=FLOOR_DATABASE)
        return records

    def load_to(self, target: int) -> dict[str, float]:
        """UNWIND batches: the bulk-load floor."""
        start_count = len(self.guids)
        started = time.perf_counter()
        number = start_count
        while number < target:
            size = min(self.batch, target - number)
            rows: list[dict[str, str]] = []
            for i in range(size):
                guid = str(uuid.uuid4())
                previous = rows[-1]["guid"] if rows else (self.guids[-1] if self.guids else guid)
                rows.append(
                    {
                        "guid": guid,
                        "qn": f"floor.{number + i}",
                        "name": f"Term {number + i}",
                        "summary": f"summary of term {number + i}",
                        "previous": previous,
                        "rel": str(uuid.uuid4()),
                    }
                )
            self._q(
                "UNWIND $rows AS row CREATE (n:FloorEntity {_guid: row.guid, qualifiedName: row.qn, "
                "displayName: row.name, summary: row.summary})",
                rows=rows,
            )
            self._q(
                "UNWIND $rows AS row MATCH (a:FloorEntity {_guid: row.previous}) "
                "MATCH (b:FloorEntity {_guid: row.guid}) "
                "CREATE (a)-[:FLOOR_RELATED {_guid: row.rel, description: 'link'}]->(b)",
                rows=rows,
            )
            self.guids.extend(r["guid"] for r in rows)
            self.rel_guids.extend(r["rel"] for r in rows)
            number += size
        elapsed = time.perf_counter() - started
        loaded = 2 * (target - start_count)
        return {"instances": float(loaded), "seconds": elapsed, "rate": loaded / elapsed if elapsed else 0.0}

    def _time(self, timings: Timings, method: str, action: Callable[[int], object]) -> None:
        for i in range(self.samples):
            started = time.perf_counter_ns()
            action(i)
            timings.add(method, (time.perf_counter_ns() - started) / 1e6)

    def measure(self, timings: Timings) -> None:
        guids, rels = self.guids, self.rel_guids
        pick = self.random.randrange
        self._time(
            timings,
            "getEntityDetail",
            lambda i: self._q("MATCH (n:FloorEntity {_guid: $g}) RETURN n", g=guids[pick(len(guids))]),
        )
        self._time(
            timings,
            "getRelationship",
            lambda i: self._q("MATCH ()-[r:FLOOR_RELATED {_guid: $g}]->() RETURN r", g=rels[pick(len(rels))]),
        )
        self._time(
            timings,
            "findEntitiesByProperty",
            lambda i: self._q(
                "MATCH (n:FloorEntity {qualifiedName: $q}) RETURN n ORDER BY n._guid LIMIT 10",
                q=f"floor.{pick(len(guids))}",
            ),
        )
        self._time(
            timings,
            "getRelatedEntities",
            lambda i: self._q(
                "MATCH (:FloorEntity {_guid: $g})-[r]-(m:FloorEntity) RETURN r, m LIMIT 10",
                g=guids[pick(len(guids))],
            ),
        )
        created: list[str] = []

        def add_entity(i: int) -> None:
            guid = str(uuid.uuid4())
            self._q(
                "CREATE (n:FloorEntity {_guid: $g, qualifiedName: $q, displayName: 'x'})",
                g=guid,
                q=f"floor.single.{len(guids)}.{i}",
            )
            created.append(guid)

        self._time(timings, "addEntity", add_entity)
        self._time(
            timings,
            "addRelationship",
            lambda i: self._q(
                "MATCH (a:FloorEntity {_guid: $a}) MATCH (b:FloorEntity {_guid: $b}) "
                "CREATE (a)-[:FLOOR_RELATED {_guid: $g}]->(b)",
                a=created[i],
                b=created[(i + 1) % len(created)],
                g=str(uuid.uuid4()),
            ),
        )
        self._time(
            timings,
            "updateEntityProperties",
            lambda i: self._q(
                "MATCH (n:FloorEntity {_guid: $g}) SET n.displayName = $d", g=created[i], d=f"y{i}"
            ),
        )
        self._time(
            timings,
            "classifyEntity",
            lambda i: self._q("MATCH (n:FloorEntity {_guid: $g}) SET n:FloorCriticality", g=created[i]),
        )
