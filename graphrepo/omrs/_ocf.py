"""OCF connection beans (``org.odpi.openmetadata.frameworks.connectors.properties.beans``, Egeria 5.4).

A cohort member advertises how to reach its REST API as a ``Connection`` in its registration event
(``registryEventSection.remoteConnection``); peers build an ``OMRSRESTRepositoryConnector`` from it. The
beans are polymorphic in Java (``PropertyBase`` -> ``ElementBase`` -> ``Referenceable`` -> ``Connection``,
``ConnectorType``, ``Endpoint``; ``Connection`` -> ``VirtualConnection``), so every one carries ``"class"``.
Unlike the OMRS beans, their ``headerVersion`` defaults to 0 and their getters return empty collections
as they are (no null-for-empty), so nothing here sets ``omit_empty``.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Final

from pydantic import Field, Tag, TypeAdapter

from graphrepo.omrs._base import TaggedModel, class_discriminator

__all__ = [
    "OMRS_REST_CONNECTOR_PROVIDER",
    "AnyConnection",
    "Connection",
    "ConnectorType",
    "EmbeddedConnection",
    "Endpoint",
    "VirtualConnection",
    "connection_adapter",
    "remote_repository_connection",
]

OMRS_REST_CONNECTOR_PROVIDER: Final = (
    "org.odpi.openmetadata.adapters.repositoryservices.rest.repositoryconnector."
    "OMRSRESTRepositoryConnectorProvider"
)
"""The provider Java peers instantiate from our ``remoteConnection`` (omrs-reference.md §6.1)."""


class _Referenceable(TaggedModel):
    """Fields of OCF ``PropertyBase``/``ElementBase``/``Referenceable`` (abstract here: no wire tag)."""

    header_version: int = 0
    guid: str | None = Field(default=None, alias="guid")
    extended_properties: dict[str, Any] | None = None
    qualified_name: str | None = None
    display_name: str | None = None
    description: str | None = None
    version_identifier: str | None = None
    additional_properties: dict[str, str] | None = None


class ConnectorType(_Referenceable):
    """Which connector provider to instantiate, and what it supports."""

    wire_class: ClassVar[str] = "ConnectorType"

    supported_asset_type_name: str | None = None
    supported_deployed_implementation_type: str | None = None
    expected_data_format: str | None = None
    connector_provider_class_name: str | None = None
    connector_framework_name: str | None = None
    connector_interface_language: str | None = None
    connector_interfaces: list[str] | None = None
    target_technology_source: str | None = None
    target_technology_name: str | None = None
    target_technology_interfaces: list[str] | None = None
    target_technology_versions: list[str] | None = None
    recognized_additional_properties: list[str] | None = None
    recognized_configuration_properties: list[str] | None = None
    recognized_secured_properties: list[str] | None = None


class Endpoint(_Referenceable):
    """Where the connector connects: for a cohort member, ``<platformRootURL>/servers/<serverName>``."""

    wire_class: ClassVar[str] = "Endpoint"

    address: str | None = None
    protocol: str | None = None
    encryption_method: str | None = None


class Connection(_Referenceable):
    """Everything needed to create and configure a connector."""

    wire_class: ClassVar[str] = "Connection"

    connector_type: ConnectorType | None = None
    endpoint: Endpoint | None = None
    user_id: str | None = None
    encrypted_password: str | None = None
    clear_password: str | None = None
    configuration_properties: dict[str, Any] | None = None
    secured_properties: dict[str, str] | None = None


class EmbeddedConnection(TaggedModel):
    """One connection inside a ``VirtualConnection`` (OCF ``EmbeddedConnection``, a ``PropertyBase``)."""

    wire_class: ClassVar[str] = "EmbeddedConnection"

    header_version: int = 0
    position: int = 0
    display_name: str | None = None
    arguments: dict[str, Any] | None = None
    embedded_connection: AnyConnection | None = None


class VirtualConnection(Connection):
    """A connection whose connector wraps other connectors."""

    wire_class: ClassVar[str] = "VirtualConnection"

    embedded_connections: list[EmbeddedConnection] | None = None


AnyConnection = Annotated[
    Annotated[Connection, Tag("Connection")] | Annotated[VirtualConnection, Tag("VirtualConnection")],
    class_discriminator("Connection", Connection, VirtualConnection),
]
"""A field declared as Java ``Connection``: the concrete class is chosen by ``"class"``."""

EmbeddedConnection.model_rebuild()

connection_adapter: TypeAdapter[Connection | VirtualConnection] = TypeAdapter(AnyConnection)


def remote_repository_connection(address: str, *, display_name: str | None = None) -> Connection:
    """The ``remoteConnection`` a cohort member registers with: Egeria's OMRS REST connector at ``address``.

    ``address`` is ``<platformRootURL>/servers/<serverName>`` (``ConnectorConfigurationFactory.
    getDefaultLocalRepositoryRemoteConnection``); peers append ``/open-metadata/repository-services/...``.
    """
    return Connection(
        display_name=display_name,
        connector_type=ConnectorType(connector_provider_class_name=OMRS_REST_CONNECTOR_PROVIDER),
        endpoint=Endpoint(address=address),
    )
