"""A real Neo4j Community 5.26 server, from Maven Central jars, on free loopback ports.

5.26 is the LTS line and the last one that runs on Java 17. The Browser jar on the class path makes the
HTTP connector serve the web console at /browser/, handy with GRAPHREPO_KEEP_SERVERS=1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString

import neo4j
import neo4j.exceptions

from ._base import ServerBase
from ._maven import Artifact
from ._ports import LOOPBACK, port_accepts
from ._process import java_executable

NEO4J_VERSION = "5.26.30"
BROWSER_VERSION = "5.24.0"
DEFAULT_DATABASE = "neo4j"
_DROP_BATCH = 25

# From the neo4j launcher's default JVM options, minus those that slow a short-lived test server down
# (AlwaysPreTouch would touch the whole heap up front).
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


@dataclass(frozen=True)
class Neo4jEndpoint:
    """How to reach a Neo4j server: started here, or given through the environment."""

    bolt_uri: str
    http_url: str | None = None
    auth: tuple[str, str] | None = None
    pid: int | None = None

    @property
    def browser_url(self) -> str | None:
        return f"{self.http_url}/browser/" if self.http_url else None


class Neo4jServer(ServerBase):
    name = "neo4j"
    port_count = 2  # bolt, http
    default_startup_timeout = 180.0  # a cold 2-core machine; a warm one needs about 10 s

    def __init__(
        self,
        *,
        heap: str = "1g",
        pagecache: str = "256m",
        startup_timeout: float | None = None,
        keep: bool = False,
    ) -> None:
        super().__init__(startup_timeout=startup_timeout, keep=keep)
        self.heap = heap
        self.pagecache = pagecache
        self._home: Path | None = None

    @property
    def endpoint(self) -> Neo4jEndpoint:
        bolt_port, http_port = self.ports
        return Neo4jEndpoint(
            bolt_uri=f"bolt://{LOOPBACK}:{bolt_port}",
            http_url=f"http://{LOOPBACK}:{http_port}",
            auth=None,
            pid=self.pid,
        )

    def _bundle(self) -> tuple[str, Sequence[Artifact]]:
        return f"neo4j-{NEO4J_VERSION}", (
            # `neo4j` brings the kernel, Cypher and Bolt; `neo4j-server` (HTTP, entry point) is listed
            # too so the launch does not depend on the shape of the `neo4j` pom.
            Artifact("org.neo4j", "neo4j", NEO4J_VERSION),
            Artifact("org.neo4j.app", "neo4j-server", NEO4J_VERSION),
            Artifact("org.neo4j.client", "neo4j-browser", BROWSER_VERSION),
        )

    def _prepare(self, run_dir: Path, ports: Sequence[int], classpath: str) -> list[str]:
        bolt_port, http_port = ports
        self._home = run_dir
        conf_dir = run_dir / "conf"
        conf_dir.mkdir()
        settings = {
            "server.default_listen_address": LOOPBACK,
            "server.default_advertised_address": LOOPBACK,
            "server.bolt.listen_address": f"{LOOPBACK}:{bolt_port}",
            # Advertised addresses go into the discovery document; the Browser connects to what it says.
            "server.bolt.advertised_address": f"{LOOPBACK}:{bolt_port}",
            "server.http.enabled": "true",
            "server.http.listen_address": f"{LOOPBACK}:{http_port}",
            "server.http.advertised_address": f"{LOOPBACK}:{http_port}",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "false",  # test server on loopback only
            "server.memory.pagecache.size": self.pagecache,
            "dbms.usage_report.enabled": "false",
            "server.directories.data": str(run_dir / "data"),
            "server.directories.logs": str(run_dir / "logs"),
            # Throw-away data: no preallocated 250 MB transaction logs, no query log.
            "db.tx_log.preallocate": "false",
            # Keep no old transaction logs (default: 2 days): a million-instance bench load wrote ~1.4 GB of
            # them a minute and filled /dev/shm. A checkpoint prunes them: every 30 s here, not 15 min.
            "db.tx_log.rotation.retention_policy": "keep_none",
            "db.checkpoint.interval.time": "30s",
            "db.logs.query.enabled": "OFF",
            # Plan a statement once, not once per length class of its string parameters: with the size
            # hint on (the default), a search for "Retention" after one for "Criticality" re-plans the
            # same text (50-170 ms each). Our statements pin their indexes, so the hint buys nothing.
            # README (Neo4j settings) recommends it for production too.
            "internal.cypher.use_parameter_size": "false",
            # The Bolt server otherwise waits twice for a 5 s quiet period before it lets the JVM exit.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        }
        (conf_dir / "neo4j.conf").write_text("".join(f"{key}={value}\n" for key, value in settings.items()))
        return [
            java_executable(),
            "-Xms256m",
            f"-Xmx{self.heap}",
            *_JVM_OPTIONS,
            "-cp",
            classpath,
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={run_dir}",
            f"--config-dir={conf_dir}",
            "--console-mode",
        ]

    def _is_ready(self) -> bool:
        endpoint = self.endpoint
        if not port_accepts(self.ports[0]):
            return False
        try:
            with neo4j.GraphDatabase.driver(endpoint.bolt_uri, auth=None, connection_timeout=5.0) as driver:
                # Bolt answers before the user database is online; a query on it proves both.
                driver.execute_query("RETURN 1", database_=DEFAULT_DATABASE)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError):
            return False
        return True

    def _log_files(self) -> list[Path]:
        return [self._home / "logs" / "debug.log"] if self._home else []


@dataclass(frozen=True)
class Neo4jDatabase:
    """A database a test may fill as it likes: the `neo4j_db` fixture empties it beforehand."""

    driver: neo4j.Driver
    database: str = DEFAULT_DATABASE

    def session(self, **config: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, **config)

    def query(self, cypher: LiteralString, **parameters: Any) -> list[neo4j.Record]:
        """Run one auto-committed query and return its records (the driver's `execute_query`)."""
        records, _, _ = self.driver.execute_query(cypher, parameters, database_=self.database)
        return records


def wipe_database(
    driver: neo4j.Driver, database: str = DEFAULT_DATABASE, *, keep_schema: bool = False
) -> None:
    """Empty a database for the next test: nodes, relationships and (unless kept) constraints and indexes.

    Community edition has a single user database, so tests share it and clean it instead of creating
    a fresh one. The token lookup indexes every new database has are always kept. Costs, measured on
    2 cores: ~10 ms with nothing to do, +50 ms per 1,000 nodes, +3 ms per constraint or index (the
    whole open-types schema, ~1,070 indexes, takes ~3 s); `keep_schema=True` skips that part.
    """
    with driver.session(database=database) as session:
        # Batched, so a test that loaded many nodes cannot blow the transaction memory limit.
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        if keep_schema:
            return
        constraints = [r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name RETURN name")]
        indexes = [
            r["name"]
            for r in session.run(
                "SHOW INDEXES YIELD name, type, owningConstraint "
                "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name"
            )
        ]
        # Constraints first: dropping one also drops the index it owns.
        commands = [_schema_command("DROP CONSTRAINT", name) for name in constraints]
        commands += [_schema_command("DROP INDEX", name) for name in indexes]
        # Schema changes are slow one per transaction (20 drops: 0.6 s) and superlinear in one big
        # transaction (1,000 drops: 20 s); batches of 25 did 1,000 in about 3 s.
        for start in range(0, len(commands), _DROP_BATCH):
            with session.begin_transaction() as tx:
                for command in commands[start : start + _DROP_BATCH]:
                    tx.run(command).consume()
                tx.commit()


def _schema_command(command: LiteralString, name: str) -> LiteralString:
    # Schema names cannot be parameters, so this builds Cypher text from a non-literal string: the
    # name comes from the server's own SHOW output and is quoted as an identifier, which keeps it one.
    # (mypy treats LiteralString as str; a checker that enforces it would want a cast here.)
    quoted = "`" + name.replace("`", "``") + "`"
    return f"{command} {quoted} IF EXISTS"
