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

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
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


class ExchangeRule(StrEnum):
    """Egeria's ``OpenMetadataExchangeRule``: which cohort events a member sends or saves.

    ``REGISTRATION_ONLY`` exchanges no TypeDef and no instance events; ``JUST_TYPEDEFS`` TypeDef events
    only; ``ALL`` every instance of an active type; ``SELECTED_TYPES`` the listed types only;
    ``DESELECTED_TYPES`` all but the listed types; ``LEARNED_TYPES`` the listed types plus those this
    server asked a refresh of (see graphrepo.cohort)."""

    ALL = "ALL"
    SELECTED_TYPES = "SELECTED_TYPES"
    DESELECTED_TYPES = "DESELECTED_TYPES"
    LEARNED_TYPES = "LEARNED_TYPES"
    REGISTRATION_ONLY = "REGISTRATION_ONLY"
    JUST_TYPEDEFS = "JUST_TYPEDEFS"


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

    # Egeria's eventsToSaveRule / selectedTypesToSave and eventsToSendRule / selectedTypesToSend; the
    # selected types are type names or GUIDs ("a,b" in an environment variable).
    events_to_save_rule: ExchangeRule = ExchangeRule.ALL
    selected_types_to_save: Annotated[list[str], NoDecode] = Field(default_factory=list)
    events_to_send_rule: ExchangeRule = ExchangeRule.ALL
    selected_types_to_send: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Answer REFRESH_*_REQUEST events for instances homed here (Egeria's produceRefreshEvents).
    produce_refresh_events: bool = True
    # The outbox relay is woken after every commit; this is its polling interval besides.
    relay_poll_seconds: float = Field(default=1.0, gt=0)
    # After a wake, the relay waits this long so the next commits' events go in the same pass.
    relay_linger_seconds: float = Field(default=0.05, ge=0, le=5)

    @field_validator("selected_types_to_save", "selected_types_to_send", mode="before")
    @classmethod
    def _split_type_lists(cls, value: Any) -> Any:
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

    @model_validator(mode="after")
    def _certificate_and_key_together(self) -> HttpSettings:
        # Half a TLS configuration would silently serve plain HTTP; refuse it at start instead.
        if (self.tls_certificate is None) != (self.tls_key is None):
            raise ValueError("tls_certificate and tls_key must be set together")
        return self

    @property
    def scheme(self) -> str:
        return "https" if self.tls_certificate is not None else "http"

    def root_url(self) -> str:
        """The platform root URL peers use (``url_root``, else derived from where we listen)."""
        if self.url_root:
            return self.url_root.rstrip("/")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host  # noqa: S104 - a comparison
        if ":" in host:
            host = f"[{host}]"
        return f"{self.scheme}://{host}:{self.port}"


class SecuritySettings(BaseModel):
    # Development only: serve without authentication. Logged loudly when on.
    insecure_dev_mode: bool = False
    # A TOML or JSON file of users with hashed secrets (see the README's security section). Unset: the
    # users file in data_dir, created at first start with one generated development credential.
    users_file: Path | None = None
    # "package.module:factory" of an authorization policy replacing the default (see graphrepo.api).
    authorization_policy: str | None = None
    # The realm named in WWW-Authenticate challenges.
    realm: str = "graphrepo"


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
    # How this server describes itself in its cohort registration (MemberRegistration).
    server_type: str = "graphrepo Open Metadata Repository"
    organization_name: str | None = None
    # The user id the server acts as for its own work (startup archives, load-archive).
    server_user_id: str = "graphrepo"
    # Open metadata archives loaded at every start (types and instances; comma-separated in the env).
    archives: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    log_level: str = "INFO"
    store: StoreSettings = Field(default_factory=StoreSettings)
    event_bus: EventBusSettings = Field(default_factory=EventBusSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)

    @field_validator("archives", mode="before")
    @classmethod
    def _split_archive_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

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
