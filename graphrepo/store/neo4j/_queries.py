"""The named Cypher queries of ``cypher/*.cypher``: the one place that turns text into query strings.

A file holds one or more queries, each introduced by a header line ``// name: <query_name>`` and ending
where the next header (or the file) ends; other ``//`` lines are comments kept in the text. Names are
unique across all files. Every query is parameterised; nothing here ever formats caller data into a
query. The files ship inside the package as ``graphrepo._cypher`` (and migrations as
``graphrepo._migrations``); in a source checkout or editable install they are read from the top-level
folders directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import LiteralString, cast

import graphrepo

_HEADER = re.compile(r"^//\s*name:\s*(?P<name>[a-z][a-z0-9_]*)\s*$")


def trusted_query(text: str) -> LiteralString:
    """Mark text from our own package files, or built from validated identifiers, as query text.

    The only conversion from ``str`` to ``LiteralString`` in graphrepo: every caller is either the file
    loaders here and in ``_migrations`` or the schema renderer, whose names ``IndexSpec`` has checked.
    """
    return cast(LiteralString, text)  # type: ignore[redundant-cast]  # mypy reads LiteralString as str


def packaged_folder(package_name: str, source_folder: str) -> Traversable:
    """The top-level ``source_folder`` of a checkout, else the package folder ``graphrepo.<package_name>``."""
    source = Path(graphrepo.__file__).resolve().parent.parent / source_folder
    if source.is_dir():
        return source
    return resources.files("graphrepo").joinpath(package_name)


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    text: LiteralString
    source: str  # file name, for error messages and EXPLAIN tests


class QueryLibrary(Mapping[str, NamedQuery]):
    """All named queries of a folder, by name."""

    def __init__(self, queries: Mapping[str, NamedQuery]) -> None:
        self._queries = dict(queries)

    @classmethod
    def load(cls, folder: Traversable | None = None) -> QueryLibrary:
        folder = folder if folder is not None else packaged_folder("_cypher", "cypher")
        queries: dict[str, NamedQuery] = {}
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".cypher")), key=lambda f: f.name)
        for file in files:
            for query in parse_query_file(file.name, file.read_text(encoding="utf-8")):
                if query.name in queries:
                    first = queries[query.name].source
                    raise ValueError(f"query {query.name!r} is defined in both {first} and {file.name}")
                queries[query.name] = query
        return cls(queries)

    def text(self, name: str) -> LiteralString:
        return self[name].text

    def __getitem__(self, name: str) -> NamedQuery:
        try:
            return self._queries[name]
        except KeyError:
            raise KeyError(f"no Cypher query named {name!r} in cypher/") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._queries)

    def __len__(self) -> int:
        return len(self._queries)


def parse_query_file(source: str, content: str) -> list[NamedQuery]:
    """Split one file's text into its named queries; text before the first header must be comments."""
    queries: list[NamedQuery] = []
    name: str | None = None
    lines: list[str] = []

    def close() -> None:
        body = "\n".join(lines).strip()
        if name is None:
            if any(line.strip() and not line.strip().startswith("//") for line in lines):
                raise ValueError(f"{source}: Cypher before the first '// name:' header")
            return
        if not _statement_lines(body):
            raise ValueError(f"{source}: query {name!r} is empty")
        # The text comes from our own package files, never from a caller: this cast is the one place
        # where file text becomes a query string.
        queries.append(NamedQuery(name=name, text=trusted_query(body), source=source))

    for line in content.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            close()
            name, lines = match.group("name"), []
        else:
            lines.append(line)
    close()
    return queries


def _statement_lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip() and not line.strip().startswith("//")]
