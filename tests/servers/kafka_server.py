"""A real Apache Kafka 3.9 broker (KRaft, one node acting as broker and controller) on loopback ports."""

from __future__ import annotations

import base64
import subprocess
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient, NewTopic  # type: ignore[attr-defined]  # stubs omit NewTopic

from ._base import ServerBase, ServerStartError
from ._maven import Artifact
from ._ports import LOOPBACK, port_accepts
from ._process import java_executable

KAFKA_VERSION = "3.9.2"
SCALA_VERSION = "2.13"
# Kafka 3.9 declares reload4j for compile only; without a binding on the class path it logs nothing.
SLF4J_BINDING = Artifact("org.slf4j", "slf4j-reload4j", "1.7.36")

# kafka-run-class.sh's defaults for the broker JVM.
_JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-Djava.awt.headless=true",
)

_LOG4J = """\
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
# The broker's config dump and per-request chatter drown the lines that explain a failed start.
log4j.logger.kafka.server.KafkaConfig=WARN
log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN
log4j.logger.kafka.request.logger=WARN
"""


@dataclass(frozen=True)
class KafkaEndpoint:
    bootstrap_servers: str
    pid: int | None = None


class KafkaServer(ServerBase):
    name = "kafka"
    port_count = 2  # client listener, controller listener
    default_startup_timeout = 120.0
    stop_grace_seconds = 20.0

    def __init__(
        self, *, heap: str = "512m", startup_timeout: float | None = None, keep: bool = False
    ) -> None:
        super().__init__(startup_timeout=startup_timeout, keep=keep)
        self.heap = heap

    @property
    def endpoint(self) -> KafkaEndpoint:
        return KafkaEndpoint(bootstrap_servers=f"{LOOPBACK}:{self.ports[0]}", pid=self.pid)

    def _bundle(self) -> tuple[str, Sequence[Artifact]]:
        return f"kafka_{SCALA_VERSION}-{KAFKA_VERSION}", (
            Artifact("org.apache.kafka", f"kafka_{SCALA_VERSION}", KAFKA_VERSION),
            SLF4J_BINDING,
        )

    def _prepare(self, run_dir: Path, ports: Sequence[int], classpath: str) -> list[str]:
        port, controller_port = ports
        properties = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@{LOOPBACK}:{controller_port}",
            "listeners": f"PLAINTEXT://{LOOPBACK}:{port},CONTROLLER://{LOOPBACK}:{controller_port}",
            "advertised.listeners": f"PLAINTEXT://{LOOPBACK}:{port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs": str(run_dir / "data"),
            "num.partitions": "1",
            "auto.create.topics.enable": "true",
            # A single broker: every internal topic must make do with one replica.
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "1",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            # 50 by default: creating them all delays a test's first transactional producer.
            "transaction.state.log.num.partitions": "1",
            "group.initial.rebalance.delay.ms": "0",
            # Fewer threads and a small cleaner buffer: this broker shares two cores with Neo4j.
            "num.network.threads": "2",
            "num.io.threads": "2",
            "log.cleaner.dedupe.buffer.size": str(8 * 1024 * 1024),
        }
        config = run_dir / "server.properties"
        config.write_text("".join(f"{key}={value}\n" for key, value in properties.items()))
        log4j = run_dir / "log4j.properties"
        log4j.write_text(_LOG4J)
        java = [java_executable(), f"-Dlog4j.configuration={log4j.as_uri()}"]
        self._format_storage(java, classpath, config, run_dir / "format.log")
        return [
            *java,
            "-Xms128m",
            f"-Xmx{self.heap}",
            *_JVM_OPTIONS,
            "-cp",
            classpath,
            "kafka.Kafka",
            str(config),
        ]

    def _format_storage(self, java: list[str], classpath: str, config: Path, log_path: Path) -> None:
        # KRaft refuses to start on an unformatted log dir; the cluster id is a base64url UUID.
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        command = [*java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format"]
        command += ["-t", cluster_id, "-c", str(config), "--ignore-formatted"]
        with log_path.open("wb") as log:
            result = subprocess.run(
                command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, check=False
            )
        if result.returncode != 0:
            output = log_path.read_text(errors="replace").strip().splitlines()
            raise ServerStartError(
                f"kafka storage format failed with status {result.returncode}: {' '.join(command)}\n"
                + "\n".join(output[-40:])
            )

    def _is_ready(self) -> bool:
        if not port_accepts(self.ports[0]):
            return False
        admin = AdminClient({"bootstrap.servers": self.endpoint.bootstrap_servers, "socket.timeout.ms": 5000})
        try:
            admin.list_topics(timeout=5)
        except KafkaException:
            return False
        return True


def create_topics(
    admin: AdminClient, names: Sequence[str], *, partitions: int = 1, timeout: float = 30.0
) -> None:
    """Create topics and wait until the controller has them (so a consumer can subscribe at once)."""
    futures = admin.create_topics(
        [NewTopic(name, num_partitions=partitions, replication_factor=1) for name in names],
        operation_timeout=timeout,
        request_timeout=timeout,
    )
    for future in futures.values():
        future.result(timeout=timeout)
