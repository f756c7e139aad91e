"""Real Neo4j and Kafka servers for the test suite, run from Maven Central jars (no Docker needed).

    with Neo4jServer() as neo4j, KafkaServer() as kafka:
        neo4j.endpoint.bolt_uri, kafka.endpoint.bootstrap_servers

`python -m tests.servers` starts both for a whole `scripts/test` run; tests/conftest.py wires them into
pytest fixtures. Jars are cached under .cache/servers (or $GRAPHREPO_CACHE_DIR).
"""

from ._base import ServerBase, ServerStartError
from ._maven import ResolveError, cache_root
from ._report import (
    KAFKA_ENV,
    KEEP_ENV,
    NEO4J_AUTH_ENV,
    NEO4J_HTTP_ENV,
    NEO4J_URI_ENV,
    keep_message,
    reuse_exports,
)
from .kafka_server import KAFKA_VERSION, KafkaEndpoint, KafkaServer, create_topics
from .neo4j_server import (
    DEFAULT_DATABASE,
    NEO4J_VERSION,
    Neo4jDatabase,
    Neo4jEndpoint,
    Neo4jServer,
    wipe_database,
)

__all__ = [
    "DEFAULT_DATABASE",
    "KAFKA_ENV",
    "KAFKA_VERSION",
    "KEEP_ENV",
    "NEO4J_AUTH_ENV",
    "NEO4J_HTTP_ENV",
    "NEO4J_URI_ENV",
    "NEO4J_VERSION",
    "KafkaEndpoint",
    "KafkaServer",
    "Neo4jDatabase",
    "Neo4jEndpoint",
    "Neo4jServer",
    "ResolveError",
    "ServerBase",
    "ServerStartError",
    "cache_root",
    "create_topics",
    "keep_message",
    "reuse_exports",
    "wipe_database",
]
