"""The Neo4j adapter of the type-store port: run-time types as ``:GraphrepoType`` nodes."""

from __future__ import annotations

import json
from typing import Any

from neo4j import ManagedTransaction

from graphrepo.store._type_store import StoredType, TypeKind
from graphrepo.store.neo4j._client import Neo4jClient


class Neo4jTypeStore:
    def __init__(self, client: Neo4jClient) -> None:
        self._client = client

    def load_types(self) -> list[StoredType]:
        return [
            StoredType(
                kind=TypeKind(record["kind"]),
                guid=record["guid"],
                name=record["name"],
                version=record["version"],
                document=json.loads(record["document"]),
            )
            for record in self._client.read("load_types")
        ]

    def save_type(self, stored: StoredType) -> None:
        self._client.write("save_type", **_parameters(stored))

    def delete_type(self, kind: TypeKind, guid: str) -> None:
        self._client.write("delete_type", kind=kind.value, guid=guid)

    def replace_type(self, kind: TypeKind, old_guid: str, stored: StoredType) -> None:
        queries = self._client.queries

        def work(tx: ManagedTransaction) -> None:
            tx.run(queries.text("delete_type"), kind=kind.value, guid=old_guid).consume()
            tx.run(queries.text("save_type"), **_parameters(stored)).consume()

        self._client.write_transaction("replace_type", work)

    def count_instances_of(self, type_name: str) -> int:
        records = self._client.read("count_instances_of_type", typeName=type_name)
        total: int = records[0]["total"]
        return total


def _parameters(stored: StoredType) -> dict[str, Any]:
    return {
        "kind": stored.kind.value,
        "guid": stored.guid,
        "name": stored.name,
        "version": stored.version,
        "document": json.dumps(stored.document, separators=(",", ":")),
    }
