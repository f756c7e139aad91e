"""Cohort throughput harness: a fictitious peer publishes NEW_ENTITY events (reference copies) to a
cohort's instances topic on Kafka as fast as the producer allows, and the harness counts how many of
them the graphrepo member has stored in Neo4j, sampling until all arrived or nothing moved for
``stall_seconds``. The sustained rate is copies stored per second between the first and the last one.

Status (see bench/README.md): graphrepo's inbound instance path is not wired yet (the cohort member's
instance sink drops events), so today this measures the publishing side and reports 0 stored; it needs
no change once the inbound path lands. Run with ``python -m bench --skip-pts --skip-scale --cohort 10000``
(starts Kafka, Neo4j and a member); not part of the default run."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import neo4j
from confluent_kafka import Producer

from bench._omrs import Bean, string_properties

PEER_ID = "5e1f7c2e-0000-4000-8000-bench0cohort"
PEER_NAME = "benchCohortPeer"


@dataclass
class CohortFigures:
    published: int
    publish_seconds: float
    stored: int
    store_seconds: float

    @property
    def publish_rate(self) -> float:
        return self.published / self.publish_seconds if self.publish_seconds else 0.0

    @property
    def store_rate(self) -> float:
        return self.stored / self.store_seconds if self.store_seconds else 0.0


def new_entity_event(template: Bean, number: int, run: str) -> Bean:
    """An OMRSEventV1 NEW_ENTITY_EVENT carrying a reference copy of an entity homed at the peer."""
    entity = json.loads(json.dumps(template))
    guid = str(uuid.uuid4())
    entity.update(
        guid=guid,
        metadataCollectionId=PEER_ID,
        metadataCollectionName=PEER_NAME,
        instanceProvenanceType="LOCAL_COHORT",
        properties=string_properties(qualifiedName=f"cohort.{run}.{number}", displayName=f"Term {number}"),
    )
    entity.pop("classifications", None)
    return {
        "class": "OMRSEventV1",
        "protocolVersionId": "OMRS V1.0",
        "timestamp": int(time.time() * 1000),
        "originator": {"metadataCollectionId": PEER_ID, "serverName": PEER_NAME, "serverType": "bench"},
        "eventCategory": "INSTANCE",
        "instanceEventSection": {
            "eventType": "NEW_ENTITY_EVENT",
            "typeDefGUID": entity["type"]["typeDefGUID"],
            "typeDefName": entity["type"]["typeDefName"],
            "instanceGUID": guid,
            "entity": entity,
        },
    }


def publish(bootstrap: str, topic: str, events: list[Bean]) -> float:
    """Produce every event (keyed by the peer's id, as Egeria does) and wait for delivery; seconds."""
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "acks": "all"})
    started = time.perf_counter()
    for event in events:
        producer.produce(topic, key=PEER_ID.encode(), value=json.dumps(event).encode())
        producer.poll(0)
    producer.flush(120)
    return time.perf_counter() - started


def count_stored(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity {_metadataCollectionId: $peer}) RETURN count(n) AS c",
        {"peer": PEER_ID},
        database_="neo4j",
    )
    return int(records[0]["c"])


def watch(
    counter: Callable[[], int], expected: int, *, stall_seconds: float = 30.0, interval: float = 0.5
) -> tuple[int, float]:
    """Poll until ``expected`` are stored or the count stops moving; (stored, seconds first -> last)."""
    first_at: float | None = None
    last_at = time.perf_counter()
    last_count = 0
    moved_at = time.perf_counter()
    while True:
        count = counter()
        now = time.perf_counter()
        if count > last_count:
            if first_at is None:
                first_at = now
            last_at, last_count, moved_at = now, count, now
        if count >= expected or now - moved_at > stall_seconds:
            break
        time.sleep(interval)
    return last_count, (last_at - first_at) if first_at is not None else 0.0


def run_cohort(
    bootstrap: str, topic: str, driver: neo4j.Driver, template: Bean, count: int, **watch_args: Any
) -> CohortFigures:
    run = uuid.uuid4().hex[:6]
    events = [new_entity_event(template, number, run) for number in range(count)]
    seconds = publish(bootstrap, topic, events)
    stored, store_seconds = watch(lambda: count_stored(driver), count, **watch_args)
    return CohortFigures(count, seconds, stored, store_seconds)
