"""Fixtures for the real Neo4j and Kafka servers of tests/servers, started once per session, lazily.

A server starts only when a selected test needs it (through `neo4j_server` / `kafka_server`, directly or
via the fixtures below); such tests are marked `neo4j` / `kafka` automatically, so `-m "not neo4j"`
skips them. To reuse servers that already run (scripts/test pre-starts them), set:

* GRAPHREPO_TEST_NEO4J_URI   bolt URI; GRAPHREPO_TEST_NEO4J_HTTP (http://host:port) for the Browser test;
  GRAPHREPO_TEST_NEO4J_AUTH=user:password if that server wants a login. Its `neo4j` database is
  emptied before every test that uses `neo4j_db`: never point this at data you want to keep.
* GRAPHREPO_TEST_KAFKA       bootstrap servers.

GRAPHREPO_KEEP_SERVERS=1 leaves the servers this session started running and prints how to reach and
stop them.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterator

import neo4j
import pytest
from confluent_kafka.admin import AdminClient

from tests.servers import (
    KAFKA_ENV,
    KEEP_ENV,
    NEO4J_AUTH_ENV,
    NEO4J_HTTP_ENV,
    NEO4J_URI_ENV,
    KafkaEndpoint,
    KafkaServer,
    Neo4jDatabase,
    Neo4jEndpoint,
    Neo4jServer,
    ServerBase,
    create_topics,
    keep_message,
    wipe_database,
)

# Every fixture that needs a server depends on one of these, so they decide the automatic markers.
_MARKER_FOR_FIXTURE = {"neo4j_server": "neo4j", "kafka_server": "kafka"}

_REPORT = pytest.StashKey[list[str]]()
_KEPT = pytest.StashKey[dict[str, ServerBase]]()
_WIPES = pytest.StashKey[list[float]]()


@pytest.hookimpl(tryfirst=True)  # before pytest's own hook deselects by `-m`
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture in getattr(item, "fixturenames", ()):
            marker = _MARKER_FOR_FIXTURE.get(fixture)
            if marker is not None:
                item.add_marker(marker)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    reported: list[str] = config.stash.get(_REPORT, [])
    lines = [*reported]
    wipes = config.stash.get(_WIPES, [])
    if wipes:
        average = 1000 * sum(wipes) / len(wipes)
        lines.append(f"neo4j_db: {len(wipes)} database cleanings, {average:.1f} ms on average")
    kept = config.stash.get(_KEPT, {})
    if kept:
        neo4j_server, kafka_server = kept.get("neo4j"), kept.get("kafka")
        lines.append(
            keep_message(
                neo4j_server.endpoint if isinstance(neo4j_server, Neo4jServer) else None,
                kafka_server.endpoint if isinstance(kafka_server, KafkaServer) else None,
                [server.run_dir for server in kept.values() if server.run_dir is not None],
            )
        )
    if lines:
        terminalreporter.write_sep("-", "test servers")
        for line in lines:
            terminalreporter.write_line(line)


# --- Neo4j --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def neo4j_server(request: pytest.FixtureRequest) -> Iterator[Neo4jEndpoint]:
    uri = os.environ.get(NEO4J_URI_ENV)
    if uri:
        http_url = os.environ.get(NEO4J_HTTP_ENV) or None
        yield Neo4jEndpoint(bolt_uri=uri, http_url=http_url, auth=_auth_from_env())
        return
    server = Neo4jServer(keep=_keep())
    server.start()
    _report(request.config, server)
    try:
        yield server.endpoint
    finally:
        _finish(request.config, server)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jEndpoint) -> Iterator[neo4j.Driver]:
    with neo4j.GraphDatabase.driver(neo4j_server.bolt_uri, auth=neo4j_server.auth) as driver:
        yield driver


@pytest.fixture
def neo4j_db(neo4j_driver: neo4j.Driver, request: pytest.FixtureRequest) -> Neo4jDatabase:
    """The `neo4j` database, emptied (nodes, relationships, constraints, indexes) before the test.

    Emptied before rather than after, so a failed test leaves its data to look at (with
    GRAPHREPO_KEEP_SERVERS=1) and no test depends on its predecessor having cleaned up.
    """
    database = Neo4jDatabase(neo4j_driver)
    started = time.perf_counter()
    wipe_database(neo4j_driver, database.database)
    request.config.stash.setdefault(_WIPES, []).append(time.perf_counter() - started)
    return database


# --- Kafka --------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def kafka_server(request: pytest.FixtureRequest) -> Iterator[KafkaEndpoint]:
    bootstrap = os.environ.get(KAFKA_ENV)
    if bootstrap:
        yield KafkaEndpoint(bootstrap_servers=bootstrap)
        return
    server = KafkaServer(keep=_keep())
    server.start()
    _report(request.config, server)
    try:
        yield server.endpoint
    finally:
        _finish(request.config, server)


@pytest.fixture(scope="session")
def kafka_bootstrap(kafka_server: KafkaEndpoint) -> str:
    return kafka_server.bootstrap_servers


@pytest.fixture(scope="session")
def kafka_admin(kafka_bootstrap: str) -> AdminClient:
    return AdminClient({"bootstrap.servers": kafka_bootstrap})


@pytest.fixture
def kafka_topic_prefix(kafka_server: KafkaEndpoint, request: pytest.FixtureRequest) -> str:
    """A prefix no other test (or run against the same broker) uses: `graphrepo-test.<test>.<random>.`

    Topics are never deleted, so uniqueness, not cleanup, keeps tests apart. Only `.` and `-` are used as
    separators: Kafka rejects topic names that differ from an existing one only in `.` versus `_`.
    """
    test = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-")[:80]
    return f"graphrepo-test.{test}.{uuid.uuid4().hex[:8]}."


@pytest.fixture
def unique_topic(kafka_topic_prefix: str, kafka_admin: AdminClient) -> str:
    """A topic created for this test alone (one partition), ready to produce to and subscribe to."""
    name = f"{kafka_topic_prefix}topic"
    create_topics(kafka_admin, [name])
    return name


# --- helpers ------------------------------------------------------------------------------------------


def _keep() -> bool:
    return os.environ.get(KEEP_ENV) == "1"


def _auth_from_env() -> tuple[str, str] | None:
    value = os.environ.get(NEO4J_AUTH_ENV)
    if not value:
        return None
    user, _, password = value.partition(":")
    return user, password


def _report(config: pytest.Config, server: ServerBase) -> None:
    jars = f"jars downloaded in {server.timings['resolve']:.1f} s" if server.downloaded else "jars cached"
    config.stash.setdefault(_REPORT, []).append(
        f"{server.name}: started in {server.timings['start']:.1f} s, pid {server.pid} ({jars})"
    )


def _finish(config: pytest.Config, server: ServerBase) -> None:
    if _keep():
        server.detach()
        config.stash.setdefault(_KEPT, {})[server.name] = server
    else:
        server.stop()
