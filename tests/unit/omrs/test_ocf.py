"""OCF connection beans as they appear in a registration event's ``remoteConnection``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from graphrepo.omrs import (
    OMRS_REST_CONNECTOR_PROVIDER,
    Connection,
    ConnectorType,
    EmbeddedConnection,
    Endpoint,
    VirtualConnection,
    connection_adapter,
    remote_repository_connection,
)
from graphrepo.omrs._base import from_wire, to_wire

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text())


def test_golden_remote_connection_round_trips() -> None:
    document = golden("ocf_remote_connection.json")
    connection = from_wire(connection_adapter, document)
    assert type(connection) is Connection
    assert to_wire(connection) == document


def test_remote_repository_connection_is_what_egeria_registers() -> None:
    built = remote_repository_connection(
        "https://pyrepo.example.com:9443/servers/pyRepo", display_name="Local Repository Remote Connection"
    )
    assert to_wire(built) == golden("ocf_remote_connection.json")
    assert built.connector_type is not None
    assert built.connector_type.connector_provider_class_name == OMRS_REST_CONNECTOR_PROVIDER


def test_header_version_defaults_to_zero_on_ocf_beans() -> None:
    assert to_wire(Endpoint()) == {"class": "Endpoint", "headerVersion": 0}
    assert to_wire(ConnectorType()) == {"class": "ConnectorType", "headerVersion": 0}


def test_empty_collections_are_written_as_java_getters_return_them() -> None:
    # OCF getters return collections as they are, so [] and {} are written (unlike most OMRS beans).
    document = to_wire(ConnectorType(recognized_configuration_properties=[], additional_properties={}))
    assert document["recognizedConfigurationProperties"] == []
    assert document["additionalProperties"] == {}


def test_full_connection_round_trips() -> None:
    document = {
        "class": "Connection",
        "headerVersion": 0,
        "guid": "c1",
        "qualifiedName": "q",
        "displayName": "d",
        "description": "x",
        "versionIdentifier": "1",
        "additionalProperties": {"a": "b"},
        "extendedProperties": {"n": 1},
        "connectorType": {
            "class": "ConnectorType",
            "headerVersion": 0,
            "connectorProviderClassName": "p",
            "connectorInterfaces": ["i"],
            "recognizedSecuredProperties": ["s"],
        },
        "endpoint": {
            "class": "Endpoint",
            "headerVersion": 0,
            "address": "a",
            "protocol": "https",
            "encryptionMethod": "TLS",
        },
        "userId": "u",
        "clearPassword": "p",
        "configurationProperties": {"k": [1, 2]},
        "securedProperties": {"s": "t"},
    }
    assert to_wire(from_wire(Connection, document)) == document


def test_virtual_connection_with_embedded_connection() -> None:
    document = {
        "class": "VirtualConnection",
        "headerVersion": 0,
        "embeddedConnections": [
            {
                "class": "EmbeddedConnection",
                "headerVersion": 0,
                "position": 0,
                "displayName": "inner",
                "arguments": {"x": True},
                "embeddedConnection": {
                    "class": "Connection",
                    "headerVersion": 0,
                    "endpoint": {"class": "Endpoint", "headerVersion": 0, "address": "a"},
                },
            },
        ],
    }
    parsed = from_wire(connection_adapter, document)
    assert isinstance(parsed, VirtualConnection)
    assert isinstance(parsed.embedded_connections[0], EmbeddedConnection)  # type: ignore[index]
    assert to_wire(parsed) == document


def test_unknown_fields_are_ignored() -> None:
    parsed = from_wire(Endpoint, {"class": "Endpoint", "address": "a", "lastRequestId": "r"})
    assert to_wire(parsed) == {"class": "Endpoint", "headerVersion": 0, "address": "a"}


def test_nested_bean_without_class_names_the_field() -> None:
    # Appendix C: Java rejects a connectorType without "class".
    with pytest.raises(ValidationError) as caught:
        from_wire(
            Connection,
            {
                "class": "Connection",
                "connectorType": {"connectorProviderClassName": "x"},
                "endpoint": {"class": "Endpoint", "address": "y"},
            },
        )
    assert caught.value.errors()[0]["loc"] == ("connectorType", "class")


def test_unknown_connection_class_is_rejected() -> None:
    with pytest.raises(ValidationError, match="missing or unknown type id"):
        from_wire(connection_adapter, {"class": "Endpoint", "address": "y"})


def test_wrong_type_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        from_wire(Endpoint, {"class": "Endpoint", "address": ["not", "a", "string"]})
    assert caught.value.errors()[0]["loc"] == ("address",)
