"""docker-compose.yml (for users with a Docker engine): it is parsed and checked here against our settings."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from graphrepo.settings import EventBusKind, StoreKind, environment_variable_names, load_settings

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"


def _compose_command() -> list[str]:
    """`docker compose` (v2 plugin) where it exists, else Debian's `docker-compose`; one must exist."""
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    if legacy:
        return [legacy]
    pytest.fail("neither `docker compose` nor `docker-compose` is installed (scripts/test installs it)")


@pytest.fixture(scope="module")
def resolved_compose() -> dict[str, Any]:
    result = subprocess.run(
        [*_compose_command(), "-f", str(COMPOSE_FILE), "config"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin"},  # no NEO4J_PASSWORD etc.: the defaults must do
    )
    assert result.returncode == 0, result.stderr
    config: dict[str, Any] = yaml.safe_load(result.stdout)
    return config


def test_compose_has_the_three_services(resolved_compose: dict[str, Any]) -> None:
    services = resolved_compose["services"]
    assert set(services) == {"neo4j", "kafka", "graphrepo"}
    assert services["neo4j"]["image"].startswith("neo4j:5.26") and "community" in services["neo4j"]["image"]
    assert services["kafka"]["image"].startswith("apache/kafka:3.9")
    assert "build" in services["graphrepo"]
    assert (REPO / "Dockerfile").is_file()


def test_neo4j_console_bolt_and_data_volume(resolved_compose: dict[str, Any]) -> None:
    neo4j = resolved_compose["services"]["neo4j"]
    published = {(p.get("host_ip"), int(p["target"])) for p in _ports(neo4j)}
    assert ("127.0.0.1", 7474) in published and ("127.0.0.1", 7687) in published
    assert any(v["target"] == "/data" and v["type"] == "volume" for v in _volumes(neo4j))


def test_every_published_port_is_loopback_only(resolved_compose: dict[str, Any]) -> None:
    for name, service in resolved_compose["services"].items():
        for port in _ports(service):
            assert port.get("host_ip") == "127.0.0.1", f"{name} publishes {port} beyond loopback"


def test_kafka_runs_kraft_without_zookeeper(resolved_compose: dict[str, Any]) -> None:
    env = resolved_compose["services"]["kafka"]["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert not any(key.startswith("KAFKA_ZOOKEEPER") for key in env)


def test_graphrepo_settings_names_are_ours(resolved_compose: dict[str, Any]) -> None:
    env = resolved_compose["services"]["graphrepo"]["environment"]
    unknown = set(env) - environment_variable_names()
    assert not unknown, f"docker-compose.yml sets variables graphrepo does not read: {sorted(unknown)}"


def test_graphrepo_service_configuration_loads_and_points_at_the_other_services(
    resolved_compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    services = resolved_compose["services"]
    for key, value in services["graphrepo"]["environment"].items():
        monkeypatch.setenv(key, str(value))
    settings = load_settings()
    assert settings.store.kind is StoreKind.NEO4J
    assert settings.store.neo4j_uri == "bolt://neo4j:7687"
    neo4j_auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert neo4j_auth == f"{settings.store.neo4j_user}/{settings.store.neo4j_password.get_secret_value()}"
    assert settings.event_bus.kind is EventBusKind.KAFKA
    kafka_listeners = services["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    assert f"//{settings.event_bus.bootstrap_servers}" in kafka_listeners
    assert settings.event_bus.cohorts, "the compose service joins a cohort"
    published = {int(p["target"]) for p in _ports(services["graphrepo"])}
    assert settings.http.port in published


def _ports(service: dict[str, Any]) -> list[dict[str, Any]]:
    """Ports in the long syntax; compose v1 prints the short one (`127.0.0.1:7474:7474/tcp`)."""
    ports: list[dict[str, Any]] = []
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.append(port)
            continue
        *host_ip, published, target = str(port).split("/")[0].split(":")
        ports.append({"host_ip": host_ip[0] if host_ip else None, "published": published, "target": target})
    return ports


def _volumes(service: dict[str, Any]) -> list[dict[str, Any]]:
    """Volumes in the long syntax; compose v1 prints the short one (`name:/path:rw`)."""
    volumes: list[dict[str, Any]] = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            volumes.append(volume)
            continue
        source, target, *_ = str(volume).split(":")
        kind = "bind" if source.startswith(("/", ".")) else "volume"
        volumes.append({"type": kind, "source": source, "target": target})
    return volumes
