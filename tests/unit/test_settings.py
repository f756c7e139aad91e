"""Settings come from the environment and an optional TOML file; bad values fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from graphrepo.settings import (
    EventBusKind,
    StoreKind,
    TopicLayout,
    environment_variable_names,
    load_settings,
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in environment_variable_names():
        monkeypatch.delenv(name, raising=False)


def test_defaults_are_the_embedded_service_on_loopback() -> None:
    settings = load_settings()
    assert settings.store.kind is StoreKind.MEMORY
    assert settings.event_bus.kind is EventBusKind.LOCAL
    assert settings.http.host == "127.0.0.1"
    assert settings.security.insecure_dev_mode is False
    assert settings.event_bus.topic_layout is TopicLayout.DEDICATED


def test_environment_variables_fill_nested_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHREPO_STORE__KIND", "neo4j")
    monkeypatch.setenv("GRAPHREPO_STORE__NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("GRAPHREPO_EVENT_BUS__COHORTS", "cocoCohort, devCohort")
    monkeypatch.setenv("GRAPHREPO_HTTP__PORT", "8080")
    settings = load_settings()
    assert settings.store.kind is StoreKind.NEO4J
    assert settings.store.neo4j_password.get_secret_value() == "s3cret"
    assert "s3cret" not in repr(settings)
    assert settings.event_bus.cohorts == ["cocoCohort", "devCohort"]
    assert settings.http.port == 8080


def test_toml_file_supplies_settings_and_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "graphrepo.toml"
    config.write_text(
        'server_name = "fromFile"\n[store]\nkind = "neo4j"\nneo4j_uri = "bolt://db:7687"\n'
        '[event_bus]\ncohorts = ["a", "b"]\n'
    )
    monkeypatch.setenv("GRAPHREPO_CONFIG_FILE", str(config))
    monkeypatch.setenv("GRAPHREPO_SERVER_NAME", "fromEnv")
    settings = load_settings()
    assert settings.server_name == "fromEnv"
    assert settings.store.neo4j_uri == "bolt://db:7687"
    assert settings.event_bus.cohorts == ["a", "b"]


def test_missing_config_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHREPO_CONFIG_FILE", str(tmp_path / "absent.toml"))
    with pytest.raises(FileNotFoundError, match=r"absent\.toml"):
        load_settings()


@pytest.mark.parametrize(
    ("variable", "value", "field"),
    [
        ("GRAPHREPO_STORE__KIND", "postgres", "kind"),
        ("GRAPHREPO_HTTP__PORT", "70000", "port"),
        ("GRAPHREPO_EVENT_BUS__TOPIC_LAYOUT", "triple", "topic_layout"),
    ],
)
def test_bad_values_name_the_field(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, field: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError, match=field):
        load_settings()


def test_unknown_key_in_config_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "graphrepo.toml"
    config.write_text("colour = 'blue'\n")
    monkeypatch.setenv("GRAPHREPO_CONFIG_FILE", str(config))
    with pytest.raises(ValidationError, match="colour"):
        load_settings()
