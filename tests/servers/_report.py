"""The message printed when GRAPHREPO_KEEP_SERVERS=1 leaves the servers running."""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path

from .kafka_server import KafkaEndpoint
from .neo4j_server import Neo4jEndpoint

NEO4J_URI_ENV = "GRAPHREPO_TEST_NEO4J_URI"
NEO4J_HTTP_ENV = "GRAPHREPO_TEST_NEO4J_HTTP"
NEO4J_AUTH_ENV = "GRAPHREPO_TEST_NEO4J_AUTH"
KAFKA_ENV = "GRAPHREPO_TEST_KAFKA"
KEEP_ENV = "GRAPHREPO_KEEP_SERVERS"


def reuse_exports(neo4j: Neo4jEndpoint | None, kafka: KafkaEndpoint | None) -> list[str]:
    """`export` lines that make a later pytest run reuse these servers instead of starting its own."""
    variables: dict[str, str] = {}
    if neo4j is not None:
        variables[NEO4J_URI_ENV] = neo4j.bolt_uri
        if neo4j.http_url:
            variables[NEO4J_HTTP_ENV] = neo4j.http_url
    if kafka is not None:
        variables[KAFKA_ENV] = kafka.bootstrap_servers
    return [f"export {name}={shlex.quote(value)}" for name, value in variables.items()]


def keep_message(
    neo4j: Neo4jEndpoint | None, kafka: KafkaEndpoint | None, leftovers: Sequence[Path] = ()
) -> str:
    lines = [f"Test servers left running ({KEEP_ENV}=1):"]
    pids = []
    if neo4j is not None:
        if neo4j.browser_url:
            lines.append(
                f"  Neo4j Browser  {neo4j.browser_url}  (connect to {neo4j.bolt_uri}, no authentication)"
            )
        lines.append(f"  Neo4j bolt     {neo4j.bolt_uri}   pid {neo4j.pid}")
        pids.append(neo4j.pid)
    if kafka is not None:
        lines.append(f"  Kafka          {kafka.bootstrap_servers}   pid {kafka.pid}")
        pids.append(kafka.pid)
    lines.append("  Reuse them in another run:")
    lines += [f"    {line}" for line in reuse_exports(neo4j, kafka)]
    # Each server leads its own process group; a negative pid signals the whole group.
    groups = " ".join(f"-{pid}" for pid in pids if pid is not None)
    stop = f"kill -TERM -- {groups}"
    if leftovers:
        stop += " && rm -rf " + " ".join(shlex.quote(str(path)) for path in leftovers)
    lines.append(f"  Stop them:  {stop}")
    return "\n".join(lines)
