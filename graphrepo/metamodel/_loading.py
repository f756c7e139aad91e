"""Start-up: the shipped archive plus the types the TypeStore kept, parsed once into a TypeGallery.

The store keeps only what happened at run time (``store/_type_store.py``). Two markers inside a stored
document record what the archive alone cannot: a type deleted at run time, and the GUIDs a re-identified
type replaced. They are extra JSON keys, which every Egeria bean ignores on input, so each stored document
still parses as the Egeria JSON it is, and the TypeStore port needs no tombstone concept of its own.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import TypeAdapter

from graphrepo.metamodel._archive import ArchiveContents, ProgressCallback, read_archive
from graphrepo.metamodel._gallery import TypeGallery
from graphrepo.omrs import AnyAttributeTypeDef, AnyTypeDef, AttributeTypeDef, to_wire
from graphrepo.store import StoredType, TypeKind, TypeStore

__all__ = [
    "DELETED_MARKER",
    "SUPERSEDES_MARKER",
    "LoadReport",
    "load_type_gallery",
    "parse_attribute_type_defs",
    "parse_type_defs",
    "stored_document",
    "tombstone",
]

_log = logging.getLogger(__name__)

DELETED_MARKER: Final = "graphrepoDeleted"
"""Key of a tombstone document: the type with this kind and GUID was deleted at run time."""

SUPERSEDES_MARKER: Final = "graphrepoSupersedes"
"""Key listing the GUIDs a re-identified type replaced (the whole chain), so none of them comes back."""

_TYPE_DEFS: Final[TypeAdapter[list[AnyTypeDef]]] = TypeAdapter(list[AnyTypeDef])
_ATTRIBUTE_TYPE_DEFS: Final[TypeAdapter[list[AnyAttributeTypeDef]]] = TypeAdapter(list[AnyAttributeTypeDef])

Document = dict[str, Any]


def parse_type_defs(documents: list[Document]) -> list[AnyTypeDef]:
    """Parse TypeDef documents in one pydantic call (much cheaper than one call each)."""
    return _TYPE_DEFS.validate_python(documents)


def parse_attribute_type_defs(documents: list[Document]) -> list[AnyAttributeTypeDef]:
    return _ATTRIBUTE_TYPE_DEFS.validate_python(documents)


def stored_document(
    type_def: AnyTypeDef | AnyAttributeTypeDef, *, supersedes: Iterable[str] = ()
) -> StoredType:
    """The StoredType for a TypeDef or AttributeTypeDef (its Egeria JSON, plus the re-identify chain)."""
    document = to_wire(type_def)
    chain = list(supersedes)
    if chain:
        document[SUPERSEDES_MARKER] = chain
    kind = TypeKind.ATTRIBUTE_TYPE_DEF if isinstance(type_def, AttributeTypeDef) else TypeKind.TYPE_DEF
    return StoredType(kind, str(type_def.guid), str(type_def.name), int(type_def.version), document)


def tombstone(kind: TypeKind, guid: str, name: str, version: int) -> StoredType:
    """The StoredType recording that a type was deleted (it replaces any stored version of it)."""
    return StoredType(kind, guid, name, version, {DELETED_MARKER: True, "guid": guid, "name": name})


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What start-up loaded, for the log line and the CLI."""

    archive: ArchiveContents
    stored_types: int
    seconds: float


def load_type_gallery(
    store: TypeStore | None = None,
    *,
    archive_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[TypeGallery, LoadReport]:
    """Build the gallery: the archive (default: the shipped open metadata types) with its patches, then the
    stored types on top. A stored type wins over the archive's by GUID unless the archive's version is
    newer (a release upgraded it); tombstones remove, re-identified types remove what they superseded."""
    started = time.perf_counter()
    archive = read_archive(archive_path, progress=progress)
    type_docs: dict[str, Document] = {doc["guid"]: doc for doc in archive.type_defs if "guid" in doc}
    attribute_docs: dict[str, Document] = {
        doc["guid"]: doc for doc in archive.attribute_type_defs if "guid" in doc
    }

    stored = store.load_types() if store is not None else []
    for item in stored:
        target = type_docs if item.kind is TypeKind.TYPE_DEF else attribute_docs
        _apply_stored(target, item)

    gallery = TypeGallery(
        parse_type_defs(list(type_docs.values())),
        parse_attribute_type_defs(list(attribute_docs.values())),
        progress=progress,
    )
    return gallery, LoadReport(archive, len(stored), time.perf_counter() - started)


def _apply_stored(target: dict[str, Document], item: StoredType) -> None:
    document = item.document
    if document.get(DELETED_MARKER):
        target.pop(item.guid, None)
        return
    for old_guid in document.get(SUPERSEDES_MARKER) or ():
        target.pop(old_guid, None)
    current = target.get(item.guid)
    if current is not None and int(current.get("version") or 0) > item.version:
        _log.info(
            "archive version %s of %s is newer than the stored %s; keeping the archive's",
            current.get("version"),
            item.name,
            item.version,
        )
        return
    for guid, other in target.items():
        if other.get("name") == item.name and guid != item.guid:
            _log.warning(
                "stored type %s (%s) conflicts with %s from the archive; keeping the archive's",
                item.name,
                item.guid,
                guid,
            )
            return
    target[item.guid] = document
