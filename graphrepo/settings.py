"""graphrepo's configuration: grouped settings read from the environment and an optional TOML file.

Every setting has an environment variable ``GRAPHREPO_<GROUP>__<NAME>`` (for example
``GRAPHREPO_STORE__NEO4J_URI``) or ``GRAPHREPO_<NAME>`` for the top-level ones. A TOML file named by
``GRAPHREPO_CONFIG_FILE`` supplies the same keys as tables (``[store] neo4j_uri = "..."``); the
environment wins over the file. Nothing is read at import time: the composition root calls
:func:`load_settings`.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

ENV_PREFIX = "GRAPHREPO_"
ENV_NESTED_DELIMITER = "__"
CONFIG_FILE_VARIABLE = "GRAPHREPO_CONFIG_FILE"


class StoreKind(StrEnum):
    MEMORY = "memory"
    NEO4J = "neo4j"


class EventBusKind(StrEnum):
    LOCAL = "local"
    KAFKA = "kafka"


class TopicLayout(StrEnum):
    """Egeria's cohort topic layouts: three dedicated topics (default since 2.11) or the single one."""

    DEDICATED = "dedicated"
    SINGLE = "single"


class StoreSettings(BaseModel):
    kind: StoreKind = StoreKind.MEMORY
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"


class EventBusSettings(BaseModel):
    kind: EventBusKind = EventBusKind.LOCAL
    bootstrap_servers: str = "127.0.0.1:9092"
    topic_root: str = "egeria.omag"
    topic_layout: TopicLayout = TopicLayout.DEDICATED
    # NoDecode: an environment variable holds "a,b", not JSON.
    cohorts: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("cohorts", mode="before")
    @classmethod
    def _split_comma_list(cls, value: Any) -> Any:
        # An environment variable gives "a,b"; a TOML file gives a real list.
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value


class HttpSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=9443, ge=0, le=65535)
    tls_certificate: Path | None = None
    tls_key: Path | None = None
    # The root other cohort members use to reach us; derived from host and port when unset.
    url_root: str | None = None


class SecuritySettings(BaseModel):
    # Development only: serve without authentication. Logged loudly when on.
    insecure_dev_mode: bool = False
    # A TOML or JSON file of users with hashed secrets (see the README's security section).
    users_file: Path | None = None


class Settings(BaseSettings):
    """All of graphrepo's settings; see the README for each one."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter=ENV_NESTED_DELIMITER,
        extra="forbid",
        validate_default=True,
    )

    server_name: str = "graphrepo"
    # Where graphrepo keeps what must survive a restart (metadata collection id, credentials, registry).
    data_dir: Path = Path(".graphrepo")
    metadata_collection_name: str | None = None
    log_level: str = "INFO"
    store: StoreSettings = Field(default_factory=StoreSettings)
    event_bus: EventBusSettings = Field(default_factory=EventBusSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        config_file = os.environ.get(CONFIG_FILE_VARIABLE)
        if config_file:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(config_file)))
        return tuple(sources)


def load_settings(**overrides: Any) -> Settings:
    """Read the settings from the environment (and the config file it names), with explicit overrides."""
    config_file = os.environ.get(CONFIG_FILE_VARIABLE)
    if config_file and not Path(config_file).is_file():
        raise FileNotFoundError(f"{CONFIG_FILE_VARIABLE} names {config_file!r}, which is not a file")
    return Settings(**overrides)


def environment_variable_names() -> frozenset[str]:
    """Every environment variable graphrepo reads, derived from the settings model itself."""
    names = {CONFIG_FILE_VARIABLE}
    for field_name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names.add(f"{ENV_PREFIX}{field_name.upper()}")
            for sub_name in annotation.model_fields:
                names.add(f"{ENV_PREFIX}{field_name.upper()}{ENV_NESTED_DELIMITER}{sub_name.upper()}")
        else:
            names.add(f"{ENV_PREFIX}{field_name.upper()}")
    return frozenset(names)
