"""Ordered, idempotent schema migrations from ``migrations/NNNN_name.cypher``, recorded in the graph.

A migration file holds schema statements, each ending with ``;`` at the end of a line. ``apply_migrations``
runs every migration not yet recorded, in version order, each statement in its own auto-commit
transaction (Neo4j refuses schema and data changes in one transaction), then records the migration as a
``:GraphrepoMigration`` node with a checksum of its text. Statements use ``IF NOT EXISTS``, so a run cut
short is simply run again. A recorded migration whose file has since changed is an error: migrations are
append-only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import LiteralString

from graphrepo.store.neo4j._client import Neo4jClient
from graphrepo.store.neo4j._queries import packaged_folder, trusted_query

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.cypher$")


class MigrationError(Exception):
    """The migrations folder or the graph's migration record is inconsistent."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    checksum: str
    statements: tuple[LiteralString, ...]


def load_migrations(folder: Traversable | None = None) -> list[Migration]:
    """Every migration in the folder, in version order; names must be ``NNNN_lower_case.cypher``."""
    folder = folder if folder is not None else packaged_folder("_migrations", "migrations")
    migrations: list[Migration] = []
    for file in sorted(folder.iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".cypher"):
            continue
        match = _FILE_NAME.match(file.name)
        if match is None:
            raise MigrationError(f"migration file {file.name!r} is not named NNNN_lower_case_name.cypher")
        text = file.read_text(encoding="utf-8")
        migrations.append(
            Migration(
                version=int(match.group("version")),
                name=match.group("name"),
                checksum=hashlib.sha256(text.encode()).hexdigest(),
                statements=split_statements(file.name, text),
            )
        )
    versions = [m.version for m in migrations]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a version number: {versions}")
    return migrations


def split_statements(source: str, text: str) -> tuple[LiteralString, ...]:
    """Split a migration's text at lines ending with ';' (comment lines dropped)."""
    statements: list[LiteralString] = []
    current: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        current.append(line.rstrip())
        if stripped.endswith(";"):
            # Package file text, never caller input: the one place migration text becomes a statement.
            statements.append(trusted_query("\n".join(current)[:-1].rstrip()))
            current = []
    if current:
        raise MigrationError(f"{source}: the last statement does not end with ';'")
    if not statements:
        raise MigrationError(f"{source}: no statements")
    return tuple(statements)


def apply_migrations(client: Neo4jClient, migrations: list[Migration] | None = None) -> list[Migration]:
    """Apply what is missing, in order; return the migrations applied by this call."""
    migrations = migrations if migrations is not None else load_migrations()
    applied = {record["version"]: (record["name"], record["checksum"]) for record in _applied_records(client)}
    newly_applied: list[Migration] = []
    for migration in migrations:
        if migration.version in applied:
            name, checksum = applied[migration.version]
            if checksum != migration.checksum:
                raise MigrationError(
                    f"migration {migration.version:04d}_{name} was applied, and its file has changed since; "
                    "migrations are append-only: add a new one instead"
                )
            continue
        for statement in migration.statements:
            client.run_schema(f"migration {migration.version:04d}", statement)
        client.write(
            "record_migration", version=migration.version, name=migration.name, checksum=migration.checksum
        )
        newly_applied.append(migration)
    return newly_applied


def _applied_records(client: Neo4jClient) -> list[dict[str, object]]:
    return [dict(record) for record in client.read("applied_migrations")]
