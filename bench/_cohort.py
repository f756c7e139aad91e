"""Cohort throughput harness: reference copies consumed from Kafka and stored in Neo4j by a member.

A fictitious peer joins the member's cohort the way an Egeria member does: it publishes a
``REGISTRATION_EVENT`` on the registration topic (the member then lists it among its remote members, and
its instances are not reported as ``DEREGISTERED_REPOSITORY``). The member itself asks nothing more of a
sender of instance events than Egeria does (omrs-reference §8.1): the save exchange rule (``ALL`` by
default) and a type it knows and has active; the events carry the member's own GlossaryTerm type, taken
from an entity created over REST.

The peer then publishes ``count`` NEW_ENTITY events (reference copies homed at the peer, keyed by its id
as Egeria does, so all in one partition, in order) as fast as the producer allows, and the harness counts
the copies stored in Neo4j (nodes whose home is the peer), sampling until all arrived or nothing moved
for ``stall_seconds``. The member consumes while the peer still publishes, so a backlog forms at once:

* **sustained rate**: copies stored per second between the sample where 10 % were stored and the one
  where 90 % were (start-up and the tail left out);
* **end to end**: copies stored per second from the first publish to the last copy stored.

Run with ``python -m bench --skip-pts --skip-scale --cohort 10000`` (starts Kafka, Neo4j and a member);
not part of the default run."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j
from confluent_kafka import Producer

from bench._omrs import Bean, OMRSClient, string_properties

PEER_ID = "5e1f7c2e-0000-4000-8000-0bench0c0h00"
PEER_NAME = "benchCohortPeer"


@dataclass
class CohortFigures:
    published: int
    publish_seconds: float
    stored: int
    # (seconds since the first publish, copies stored) at each sample
    samples: list[tuple[float, int]] = field(default_factory=list)

    @property
    def publish_rate(self) -> float:
        return self.published / self.publish_seconds if self.publish_seconds else 0.0

    @property
    def end_to_end_seconds(self) -> float:
        moved = [t for t, count in self.samples if count >= self.stored]
        return moved[0] if moved and self.stored else 0.0

    @property
    def end_to_end_rate(self) -> float:
        seconds = self.end_to_end_seconds
        return self.stored / seconds if seconds else 0.0

    @property
    def sustained_rate(self) -> float:
        """Stored per second between the samples at 10 % and 90 % of the published count."""
        low = next(((t, c) for t, c in self.samples if c >= 0.1 * self.published), None)
        high = next(((t, c) for t, c in self.samples if c >= 0.9 * self.published), None)
        if low is None or high is None or high[0] <= low[0]:
            return 0.0
        return (high[1] - low[1]) / (high[0] - low[0])


def _originator() -> Bean:
    return {"metadataCollectionId": PEER_ID, "serverName": PEER_NAME, "serverType": "bench"}


def registration_event() -> Bean:
    """The peer's REGISTRATION_EVENT (OMRSEventV1, as Egeria's OMRSRegistryEventProcessor writes it)."""
    return {
        "class": "OMRSEventV1",
        "protocolVersionId": "OMRS V1.0",
        "timestamp": int(time.time() * 1000),
        "originator": _originator(),
        "eventCategory": "REGISTRY",
        "registryEventSection": {
            "registryEventType": "REGISTRATION_EVENT",
            "registrationTimestamp": int(time.time() * 1000),
            "metadataCollectionName": f"{PEER_NAME} collection",
        },
    }


def new_entity_event(template: Bean, number: int, run: str) -> Bean:
    """An OMRSEventV1 NEW_ENTITY_EVENT carrying a reference copy of an entity homed at the peer."""
    entity = json.loads(json.dumps(template))
    guid = str(uuid.uuid4())
    entity.update(
        guid=guid,
        metadataCollectionId=PEER_ID,
        metadataCollectionName=f"{PEER_NAME} collection",
        instanceProvenanceType="LOCAL_COHORT",
        version=1,
        properties=string_properties(qualifiedName=f"cohort.{run}.{number}", displayName=f"Term {number}"),
    )
    entity.pop("classifications", None)
    return {
        "class": "OMRSEventV1",
        "protocolVersionId": "OMRS V1.0",
        "timestamp": int(time.time() * 1000),
        "originator": _originator(),
        "eventCategory": "INSTANCE",
        "instanceEventSection": {
            "eventType": "NEW_ENTITY_EVENT",
            "typeDefGUID": entity["type"]["typeDefGUID"],
            "typeDefName": entity["type"]["typeDefName"],
            "instanceGUID": guid,
            "entity": entity,
        },
    }


def register_peer(bootstrap: str, topic: str, client: OMRSClient, cohort: str, timeout: float = 60.0) -> None:
    """Publish the peer's registration and wait until the member lists the peer as a remote member."""
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    # Egeria keys registry events with the connector's fresh local.server.id.
    producer.produce(topic, key=str(uuid.uuid4()).encode(), value=json.dumps(registration_event()).encode())
    producer.flush(30)
    path = f"/metadata-highway/cohorts/{cohort}/remote-members"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        members = client.call("getRemoteRegistrations", "GET", path, timed=False).get("cohortMembers") or []
        if any(m.get("metadataCollectionId") == PEER_ID for m in members):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the member did not register the bench peer within {timeout:.0f} s")


def publish(bootstrap: str, topic: str, values: list[bytes]) -> float:
    """Produce every event (keyed by the peer's id, as Egeria does) and wait for delivery; seconds."""
    producer = Producer(
        {
            "bootstrap.servers": bootstrap,
            "linger.ms": 5,
            "acks": "all",
            "queue.buffering.max.messages": 1_000_000,
        }
    )
    key = PEER_ID.encode()
    started = time.perf_counter()
    for value in values:
        while True:
            try:
                producer.produce(topic, key=key, value=value)
                break
            except BufferError:
                producer.poll(0.1)
        producer.poll(0)
    producer.flush(300)
    return time.perf_counter() - started


def count_stored(driver: neo4j.Driver) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (n:Entity {_metadataCollectionId: $peer}) RETURN count(n) AS c",
        {"peer": PEER_ID},
        database_="neo4j",
    )
    return int(records[0]["c"])


def watch(
    counter: Callable[[], int],
    expected: int,
    started: float,
    *,
    stall_seconds: float = 60.0,
    interval: float = 0.5,
) -> list[tuple[float, int]]:
    """Sample the stored count until ``expected`` are stored or it stops moving for ``stall_seconds``;
    (seconds since ``started``, count) per sample."""
    samples: list[tuple[float, int]] = []
    last_count, moved_at = -1, time.perf_counter()
    while True:
        count = counter()
        now = time.perf_counter()
        samples.append((now - started, count))
        if count != last_count:
            last_count, moved_at = count, now
        if count >= expected or now - moved_at > stall_seconds:
            return samples
        time.sleep(interval)


def run_cohort(
    bootstrap: str,
    topic: str,
    driver: neo4j.Driver,
    template: Bean,
    count: int,
    **watch_args: Any,
) -> CohortFigures:
    """Publish ``count`` NEW_ENTITY events on ``topic`` while sampling what the member stored."""
    run = uuid.uuid4().hex[:6]
    values = [json.dumps(new_entity_event(template, number, run)).encode() for number in range(count)]
    started = time.perf_counter()
    seconds: list[float] = []
    # Published from a thread: sampling starts with the first event, as the member consumes meanwhile.
    publisher = threading.Thread(target=lambda: seconds.append(publish(bootstrap, topic, values)))
    publisher.start()
    samples = watch(lambda: count_stored(driver), count, started, **watch_args)
    publisher.join()
    return CohortFigures(count, seconds[0] if seconds else 0.0, samples[-1][1], samples)
