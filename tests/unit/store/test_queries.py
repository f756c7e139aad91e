"""The named-query library and the migration files parse strictly, and what ships parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphrepo.store.neo4j import MigrationError, QueryLibrary, load_migrations
from graphrepo.store.neo4j._migrations import split_statements
from graphrepo.store.neo4j._queries import parse_query_file


def test_shipped_queries_load_with_unique_names() -> None:
    library = QueryLibrary.load()
    assert {"load_types", "save_type", "delete_type", "record_migration"} <= set(library)
    for query in library.values():
        assert "$" in query.text or "MATCH" in query.text, query.name


def test_a_file_with_two_queries_and_comments() -> None:
    queries = parse_query_file(
        "x.cypher",
        "// about this file\n\n// name: first\n// why\nMATCH (n) RETURN n\n\n// name: second\nRETURN $x\n",
    )
    assert [(q.name, q.text) for q in queries] == [
        ("first", "// why\nMATCH (n) RETURN n"),
        ("second", "RETURN $x"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("MATCH (n) RETURN n\n// name: q\nRETURN 1", "before the first"),
        ("// name: q\n// only a comment\n", "empty"),
    ],
)
def test_malformed_query_files_are_refused(content: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_query_file("bad.cypher", content)


def test_duplicate_names_across_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.cypher").write_text("// name: same\nRETURN 1\n")
    (tmp_path / "b.cypher").write_text("// name: same\nRETURN 2\n")
    with pytest.raises(ValueError, match=r"a\.cypher and b\.cypher"):
        QueryLibrary.load(tmp_path)


def test_unknown_query_name_is_a_clear_key_error() -> None:
    with pytest.raises(KeyError, match="no Cypher query named 'nope'"):
        QueryLibrary.load().text("nope")


def test_shipped_migrations_are_ordered_and_split() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == sorted(m.version for m in migrations)
    assert migrations[0].version == 1
    statements = [statement for m in migrations for statement in m.statements]
    assert all(statement.strip() and not statement.endswith(";") for statement in statements)
    # Schema statements must be idempotent: a migration cut short is simply run again.
    schema = [s for s in statements if s.startswith(("CREATE", "DROP"))]
    assert schema and all(" IF NOT EXISTS" in s or " IF EXISTS" in s for s in schema)


def test_statement_split_needs_terminated_statements() -> None:
    assert split_statements("m", "// c\nCREATE INDEX a\nFOR (n:X) ON (n.y);\n\nDROP INDEX b;\n") == (
        "CREATE INDEX a\nFOR (n:X) ON (n.y)",
        "DROP INDEX b",
    )
    with pytest.raises(MigrationError, match="does not end with ';'"):
        split_statements("m", "CREATE INDEX a FOR (n:X) ON (n.y)")
    with pytest.raises(MigrationError, match="no statements"):
        split_statements("m", "// nothing\n")


@pytest.mark.parametrize("name", ["1_short.cypher", "0002-dash.cypher", "0003_Upper.cypher"])
def test_badly_named_migration_files_are_refused(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y);\n")
    with pytest.raises(MigrationError, match="not named"):
        load_migrations(tmp_path)


def test_duplicate_migration_versions_are_refused(tmp_path: Path) -> None:
    for name in ("0001_a.cypher", "0001_b.cypher"):
        (tmp_path / name).write_text("CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.y);\n")
    with pytest.raises(MigrationError, match="share a version"):
        load_migrations(tmp_path)
