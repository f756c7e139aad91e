"""A real Egeria OMAG Server Platform (5.3) on a loopback port, as a second cohort member for interop tests.

The platform is ``org.odpi.egeria:platform-chassis-spring`` (a Spring Boot executable jar whose manifest
names ``PropertiesLauncher``, so ``-Dloader.path`` adds jars). Connectors are not inside it: the
repository, topic and store connectors a metadata server needs are put in a ``lib`` folder of their own.
Maven's ``copy-dependencies`` also copies every transitive dependency of the chassis, which the fat jar
already holds; only the chassis jar itself and the connector jars (plus kafka-clients and its
compression codecs) are used, so no class is on the class path twice.

Configuration (platform): ``application.properties`` in the working directory (Spring Boot reads
``./application.properties`` from the working directory, not from beside the jar): the port, loopback
binding, SSL off, no servers started at boot. Configuration (server): the admin REST API, then the
server is started; :meth:`EgeriaServer.configure_cohort_member` does both.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from ._base import ServerBase, ServerStartError
from ._maven import Artifact
from ._ports import LOOPBACK, port_accepts
from ._process import java_executable

EGERIA_VERSION = "5.3"
EGERIA_GROUP = "org.odpi.egeria"
PLATFORM_ARTIFACT = "platform-chassis-spring"
# The Kafka client Egeria 5.3 is built with; the topic connector does not bring it at runtime.
KAFKA_CLIENTS = Artifact("org.apache.kafka", "kafka-clients", "3.8.1")
CONNECTORS = (
    "inmemory-repository-connector",
    "omrs-rest-repository-connector",
    "kafka-open-metadata-topic-connector",
    "cohort-registry-file-store-connector",
    "audit-log-console-connector",
    "configuration-file-store-connector",
    "configuration-encrypted-file-store-connector",
    "open-metadata-archive-file-connector",
    "spring-rest-client-connector",
)
# kafka-clients' compression codecs: needed by the connector, not inside the chassis.
_CONNECTOR_RUNTIME_PREFIXES = ("kafka-clients-", "zstd-jni-", "lz4-java-", "snappy-java-")
ADMIN_USER = "garygeeke"


@dataclass(frozen=True)
class EgeriaEndpoint:
    platform_url: str
    user: str = ADMIN_USER
    pid: int | None = None


class EgeriaError(RuntimeError):
    """An admin or repository-services call answered with an error."""


class EgeriaServer(ServerBase):
    name = "egeria"
    port_count = 1
    default_startup_timeout = 240.0
    stop_grace_seconds = 30.0

    def __init__(self, *, heap: str = "1g", startup_timeout: float | None = None, keep: bool = False) -> None:
        super().__init__(startup_timeout=startup_timeout, keep=keep)
        self.heap = heap

    @property
    def endpoint(self) -> EgeriaEndpoint:
        return EgeriaEndpoint(platform_url=f"http://{LOOPBACK}:{self.ports[0]}", pid=self.pid)

    # --- ServerBase ---------------------------------------------------------------------------------

    def _bundle(self) -> tuple[str, Sequence[Artifact]]:
        artifacts = [Artifact(EGERIA_GROUP, PLATFORM_ARTIFACT, EGERIA_VERSION)]
        artifacts += [Artifact(EGERIA_GROUP, name, EGERIA_VERSION) for name in CONNECTORS]
        artifacts.append(KAFKA_CLIENTS)
        return f"egeria-{EGERIA_VERSION}", artifacts

    def _prepare(self, run_dir: Path, ports: Sequence[int], classpath: str) -> list[str]:
        [port] = ports
        lib_dir = Path(classpath.removesuffix("*")).resolve()
        platform_jar = lib_dir / f"{PLATFORM_ARTIFACT}-{EGERIA_VERSION}.jar"
        if not platform_jar.is_file():
            raise ServerStartError(f"{platform_jar} is missing from the resolved bundle")
        loader_dir = run_dir / "lib"
        loader_dir.mkdir()
        wanted = tuple(f"{name}-{EGERIA_VERSION}.jar" for name in CONNECTORS)
        for jar in lib_dir.glob("*.jar"):
            if jar.name in wanted or jar.name.startswith(_CONNECTOR_RUNTIME_PREFIXES):
                (loader_dir / jar.name).symlink_to(jar)
        properties = {
            "server.port": str(port),
            # Loopback only: nothing outside this machine may reach the test platform.
            "server.address": LOOPBACK,
            "server.ssl.enabled": "false",
            "startup.server.list": "",
            # The platform calls peers over HTTP: no certificate checks are needed or wanted here.
            "strict.ssl": "false",
            "management.endpoints.web.exposure.include": "health",
            "logging.level.root": "WARN",
            "logging.level.org.odpi.openmetadata": "INFO",
        }
        (run_dir / "application.properties").write_text(
            "".join(f"{key}={value}\n" for key, value in properties.items())
        )
        return [
            java_executable(),
            "-Xms256m",
            f"-Xmx{self.heap}",
            "-XX:+UseG1GC",
            "-Djava.awt.headless=true",
            f"-Dloader.path={loader_dir}",
            "-jar",
            str(platform_jar),
        ]

    def _is_ready(self) -> bool:
        if not port_accepts(self.ports[0]):
            return False
        platform = f"/open-metadata/platform-services/users/{ADMIN_USER}/server-platform"
        url = f"{self.endpoint.platform_url}{platform}/origin"
        try:
            return httpx.get(url, timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    # --- configuring a cohort member ----------------------------------------------------------------

    def configure_cohort_member(
        self, server: str, cohort: str, bootstrap_servers: str, *, topic_root: str = "egeria.omag"
    ) -> float:
        """Configure ``server`` as an in-memory repository in ``cohort`` on the given Kafka, start it,
        and return how long the start took (seconds)."""
        admin = f"/open-metadata/admin-services/users/{ADMIN_USER}/servers/{server}"
        platform = self.endpoint.platform_url
        self._call("POST", f"{admin}/server-url-root", params={"url": platform})
        kafka = {"bootstrap.servers": bootstrap_servers}
        self._call(
            "POST",
            f"{admin}/event-bus",
            params={"topicURLRoot": topic_root},
            json={
                "producer": kafka,
                "consumer": kafka,
            },
        )
        self._call("POST", f"{admin}/local-repository/mode/in-memory-repository")
        self._call("POST", f"{admin}/cohorts/{cohort}")
        started = time.monotonic()
        self._call(
            "POST",
            f"/open-metadata/platform-services/users/{ADMIN_USER}/server-platform/servers/{server}/instance",
            timeout=180,
        )
        return time.monotonic() - started

    def remote_members(self, server: str, cohort: str) -> list[dict[str, Any]]:
        """``metadata-highway/cohorts/{cohort}/remote-members`` of a running server (its registry)."""
        path = (
            f"/servers/{server}/open-metadata/repository-services/users/{ADMIN_USER}"
            f"/metadata-highway/cohorts/{cohort}/remote-members"
        )
        body = self._call("GET", path)
        members = body.get("cohortMembers")
        return list(members) if isinstance(members, list) else []

    def rss_bytes(self) -> int | None:
        """Resident memory of the JVM, from /proc."""
        if self.pid is None:
            return None
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        json: Any = None,
        timeout: float = 60,
    ) -> dict[str, Any]:
        url = f"{self.endpoint.platform_url}{path}"
        response = httpx.request(method, url, params=params, json=json, timeout=timeout)
        # Egeria answers 200 with the error inside the body (relatedHTTPCode, exceptionErrorMessage).
        try:
            body = response.json()
        except ValueError:
            body = {}
        code = (
            body.get("relatedHTTPCode", response.status_code)
            if isinstance(body, dict)
            else response.status_code
        )
        if response.status_code != 200 or code != 200:
            message = body.get("exceptionErrorMessage") if isinstance(body, dict) else None
            raise EgeriaError(
                f"{method} {path}: HTTP {response.status_code}, {code}: {message or response.text[:500]}"
            )
        return body if isinstance(body, dict) else {}
