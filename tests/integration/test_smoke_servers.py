"""The test servers are real: Cypher through the Bolt driver, the Browser over HTTP, Kafka round trips."""

from __future__ import annotations

import time
import uuid

import httpx
import neo4j
import pytest
from confluent_kafka import Consumer, KafkaError, Message, Producer

from tests.servers import Neo4jDatabase, Neo4jEndpoint, wipe_database


def test_cypher_write_then_read(neo4j_db: Neo4jDatabase) -> None:
    assert neo4j_db.query("MATCH (n) RETURN count(n) AS nodes")[0]["nodes"] == 0
    guid = str(uuid.uuid4())

    with neo4j_db.session() as session:
        session.execute_write(
            lambda tx: tx.run(
                "CREATE (:SmokeEntity {guid: $guid})-[:SMOKE_LINK]->(:SmokeEntity {guid: $guid + '-peer'})",
                guid=guid,
            ).consume()
        )
        record = session.execute_read(
            lambda tx: tx.run(
                "MATCH (:SmokeEntity {guid: $guid})-[r:SMOKE_LINK]->(b) "
                "RETURN b.guid AS peer, type(r) AS kind",
                guid=guid,
            ).single(strict=True)
        )

    assert (record["peer"], record["kind"]) == (f"{guid}-peer", "SMOKE_LINK")


def test_server_is_neo4j_5(neo4j_db: Neo4jDatabase) -> None:
    component = neo4j_db.query("CALL dbms.components() YIELD name, versions, edition RETURN *")[0]
    assert component["name"] == "Neo4j Kernel"
    assert component["versions"][0].startswith("5.")


def test_wipe_removes_data_constraints_and_indexes(neo4j_db: Neo4jDatabase) -> None:
    neo4j_db.query("CREATE CONSTRAINT smoke_guid IF NOT EXISTS FOR (n:SmokeEntity) REQUIRE n.guid IS UNIQUE")
    neo4j_db.query("CREATE TEXT INDEX smoke_name IF NOT EXISTS FOR (n:SmokeEntity) ON (n.name)")
    neo4j_db.query("UNWIND range(1, 500) AS i CREATE (:SmokeEntity {guid: toString(i)})-[:SMOKE_LINK]->(:P)")

    wipe_database(neo4j_db.driver, neo4j_db.database)

    assert neo4j_db.query("MATCH (n) RETURN count(n) AS nodes")[0]["nodes"] == 0
    assert neo4j_db.query("SHOW CONSTRAINTS YIELD name RETURN name") == []
    remaining = neo4j_db.query("SHOW INDEXES YIELD name, type RETURN name, type")
    assert {record["type"] for record in remaining} <= {"LOOKUP"}


def test_unique_constraint_is_enforced(neo4j_db: Neo4jDatabase) -> None:
    # Community edition has uniqueness constraints; proves we talk to a real engine, not a stub.
    neo4j_db.query("CREATE CONSTRAINT smoke_guid FOR (n:SmokeEntity) REQUIRE n.guid IS UNIQUE")
    neo4j_db.query("CREATE (:SmokeEntity {guid: 'one'})")
    with pytest.raises(neo4j.exceptions.ConstraintError):
        neo4j_db.query("CREATE (:SmokeEntity {guid: 'one'})")


def test_browser_is_served(neo4j_server: Neo4jEndpoint) -> None:
    if neo4j_server.browser_url is None:
        pytest.skip("GRAPHREPO_TEST_NEO4J_HTTP is not set for the reused Neo4j server")
    response = httpx.get(neo4j_server.browser_url, timeout=30.0)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>Neo4j Browser</title>" in response.text


def test_kafka_produce_then_consume(kafka_bootstrap: str, unique_topic: str) -> None:
    payload = uuid.uuid4().bytes
    delivered: list[KafkaError | None] = []
    producer = Producer({"bootstrap.servers": kafka_bootstrap, "enable.idempotence": True})
    producer.produce(
        unique_topic, key=b"smoke", value=payload, on_delivery=lambda error, _msg: delivered.append(error)
    )
    assert producer.flush(30) == 0
    assert delivered == [None]

    consumer = Consumer(
        {
            "bootstrap.servers": kafka_bootstrap,
            "group.id": f"{unique_topic}.group",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    try:
        consumer.subscribe([unique_topic])
        message = _poll_one(consumer, timeout=60.0)
    finally:
        consumer.close()

    assert message.topic() == unique_topic
    assert (message.key(), message.value()) == (b"smoke", payload)


def _poll_one(consumer: Consumer, timeout: float) -> Message:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            continue
        error = message.error()
        if error is not None:
            raise AssertionError(f"consumer error: {error}")
        return message
    raise AssertionError(f"no message within {timeout:.0f} s")
