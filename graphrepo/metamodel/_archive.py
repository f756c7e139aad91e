"""Reading open metadata archives and applying TypeDefPatches, on Egeria's JSON documents.

An ``.omarchive`` is plain JSON (omrs-reference.md §4)::

    {"class": "OpenMetadataArchive", "archiveProperties": {...},
     "archiveTypeStore": {"attributeTypeDefs": [...], "newTypeDefs": [...], "typeDefPatches": [...]},
     "archiveInstanceStore": {...}}

Types are loaded the way Egeria's archive manager does: every AttributeTypeDef, every new TypeDef, then each
patch in order through :func:`apply_patch` (a transcription of Egeria's
``OMRSRepositoryPropertiesUtilities.applyPatch``). Everything here works on the JSON documents rather than
on pydantic models: a patch is a partial document, the store keeps documents, and the whole archive is then
parsed into models in one bulk call by the gallery (see ``_gallery.py``), which is what keeps loading fast.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

from graphrepo.omrs import (
    InvalidParameterException,
    OMRSErrorCode,
    PatchErrorException,
)

__all__ = [
    "OPEN_METADATA_TYPES_ARCHIVE",
    "ArchiveContents",
    "ArchiveError",
    "ProgressCallback",
    "apply_patch",
    "java_hash_map_order",
    "patch_summary",
    "read_archive",
    "read_archive_bytes",
]

OPEN_METADATA_TYPES_ARCHIVE: Final = "OpenMetadataTypes-5.3.omarchive"
"""The archive shipped as package data in ``graphrepo/metamodel/archives/`` (see its NOTICE.md)."""

ProgressCallback = Callable[[str, int, int], None]
"""``progress(stage, done, total)``; stages are ``attributeTypeDefs``, ``newTypeDefs``, ``typeDefPatches``
and (from the gallery) ``index``. Called once per element, so a CLI can drive a progress bar."""

Document = dict[str, Any]


class ArchiveError(ValueError):
    """The file is not an open metadata archive (bad JSON, wrong shape, a patch for an unknown type)."""


@dataclass(frozen=True, slots=True)
class ArchiveContents:
    """What an archive holds, its patches already applied.

    ``type_defs`` keeps the order of ``newTypeDefs`` (a patched type stays where it was first defined), so
    supertypes come before subtypes as the archive builder guarantees. ``instances`` is the raw
    ``archiveInstanceStore`` (or None); instances are the caller's business.
    """

    properties: Document
    attribute_type_defs: list[Document]
    type_defs: list[Document]
    patches_applied: int
    instances: Document | None = None
    patches: list[Document] = field(default_factory=list)


def read_archive(
    source: str | Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    foreign_patches: bool = False,
) -> ArchiveContents:
    """Read an archive file (``None``: the shipped open metadata types) and apply its patches.

    With ``foreign_patches`` a patch for a type the archive does not define is left for the caller (it
    patches a type the repository already has); otherwise it makes the archive invalid."""
    if source is None:
        data = (
            resources.files("graphrepo.metamodel")
            .joinpath("archives", OPEN_METADATA_TYPES_ARCHIVE)
            .read_bytes()
        )
    else:
        data = Path(source).read_bytes()
    return read_archive_bytes(data, progress=progress, foreign_patches=foreign_patches)


def read_archive_bytes(
    data: bytes | str, *, progress: ProgressCallback | None = None, foreign_patches: bool = False
) -> ArchiveContents:
    """Parse the JSON text of an archive and apply its patches (see :func:`read_archive`)."""
    try:
        archive = json.loads(data)
    except ValueError as error:
        raise ArchiveError(f"not an open metadata archive: {error}") from error
    if not isinstance(archive, dict):
        raise ArchiveError("not an open metadata archive: the document is not a JSON object")
    properties = _object(archive.get("archiveProperties"), "archiveProperties")
    type_store = _object(archive.get("archiveTypeStore"), "archiveTypeStore")
    source_name = str(properties.get("archiveName") or "open metadata archive")

    attribute_type_defs = _documents(type_store.get("attributeTypeDefs"), "attributeTypeDefs")
    _report(progress, "attributeTypeDefs", len(attribute_type_defs))
    new_type_defs = _documents(type_store.get("newTypeDefs"), "newTypeDefs")
    _report(progress, "newTypeDefs", len(new_type_defs))

    by_name: dict[str, Document] = {}
    order: list[str] = []
    for document in new_type_defs:
        name = document.get("name")
        if not isinstance(name, str):
            raise ArchiveError(f"a TypeDef in {source_name} has no name (guid {document.get('guid')})")
        if name not in by_name:
            order.append(name)
        by_name[name] = document

    patches = _documents(type_store.get("typeDefPatches"), "typeDefPatches")
    for done, patch in enumerate(patches, start=1):
        name = patch.get("typeDefName")
        original = by_name.get(name) if isinstance(name, str) else None
        if original is None:
            if foreign_patches:
                continue
            raise ArchiveError(f"{source_name} patches {name!r}, which it does not define")
        try:
            by_name[original["name"]] = apply_patch(original, patch, source_name=source_name)
        except (PatchErrorException, InvalidParameterException) as error:
            raise ArchiveError(f"{source_name}: {error}") from error
        if progress is not None:
            progress("typeDefPatches", done, len(patches))

    instances = archive.get("archiveInstanceStore")
    return ArchiveContents(
        properties=properties,
        attribute_type_defs=attribute_type_defs,
        type_defs=[by_name[name] for name in order],
        patches_applied=len(patches),
        instances=instances if isinstance(instances, dict) else None,
        patches=patches,
    )


def _object(value: Any, what: str) -> Document:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ArchiveError(f"not an open metadata archive: {what} is not a JSON object")
    return value


def _documents(value: Any, what: str) -> list[Document]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ArchiveError(f"not an open metadata archive: {what} is not a list of JSON objects")
    return value


def _report(progress: ProgressCallback | None, stage: str, total: int) -> None:
    # Plain lists cost nothing per element to read; report them as done in one go per element anyway so a
    # progress bar sees the totals of every stage.
    if progress is not None:
        for done in range(1, total + 1):
            progress(stage, done, total)


# --- patches ----------------------------------------------------------------------------------------------


def patch_summary(patch: Mapping[str, Any]) -> str:
    """A short text for messages, where Egeria prints ``typeDefPatch.toString()``."""
    return (
        f"TypeDefPatch{{typeDefGUID='{patch.get('typeDefGUID')}', typeDefName='{patch.get('typeDefName')}', "
        f"applyToVersion={patch.get('applyToVersion', 0)}, "
        f"updateToVersion={patch.get('updateToVersion', 0)}, "
        f"newVersionName='{patch.get('newVersionName')}'}}"
    )


def validate_patch(patch: Mapping[str, Any], *, source_name: str, method: str) -> None:
    """Egeria's ``validateTypeDefPatch``: the version step and the mandatory fields."""
    apply_to = int(patch.get("applyToVersion") or 0)
    update_to = int(patch.get("updateToVersion") or 0)
    if update_to <= apply_to:
        raise PatchErrorException.from_code(
            OMRSErrorCode.INVALID_PATCH_VERSION,
            method,
            source_name,
            apply_to,
            update_to,
            patch_summary(patch),
            action=method,
        )
    # Egeria reports the update time as "updatedTime" although the field is updateTime.
    for key, reported in (
        ("newVersionName", "newVersionName"),
        ("updatedBy", "updatedBy"),
        ("updateTime", "updatedTime"),
    ):
        if patch.get(key) is None:
            raise PatchErrorException.from_code(
                OMRSErrorCode.NULL_MANDATORY_PATCH_FIELD,
                method,
                source_name,
                reported,
                patch_summary(patch),
                action=method,
            )


# Keys copied from the patch when present, as applyPatch's "if (patch.getX() != null) typeDef.setX(...)".
_OPTIONAL_COPIES: Final = (
    ("typeDefStatus", "status"),
    ("description", "description"),
    ("descriptionGUID", "descriptionGUID"),
    ("superType", "superType"),
    ("typeDefOptions", "options"),
    ("externalStandardMappings", "externalStandardMappings"),
    ("validInstanceStatusList", "validInstanceStatusList"),
    ("initialStatus", "initialStatus"),
)


def apply_patch(
    original: Mapping[str, Any], patch: Mapping[str, Any], *, source_name: str, method: str = "applyPatch"
) -> Document:
    """The TypeDef document ``original`` with ``patch`` applied, as Egeria's ``applyPatch``.

    * ``applyToVersion`` equal to the type's version: a new document at ``updateToVersion``;
    * ``applyToVersion`` lower: the patch was applied already (cohort members re-send patches), so
      ``original`` is returned unchanged;
    * higher: ``PatchErrorException`` (``INCOMPATIBLE_PATCH_VERSION``).

    New property definitions replace same-named ones (their attribute type must not change) and are merged
    through a Java ``HashMap``, so the resulting order is the one Egeria's peers report
    (:func:`java_hash_map_order`); a type that had no properties takes the patch's list as it is.
    """
    validate_patch(patch, source_name=source_name, method=method)
    version = int(original.get("version") or 0)
    apply_to = int(patch.get("applyToVersion") or 0)
    if apply_to < version:
        return dict(original)
    if apply_to > version:
        raise PatchErrorException.from_code(
            OMRSErrorCode.INCOMPATIBLE_PATCH_VERSION,
            method,
            source_name,
            apply_to,
            version,
            patch_summary(patch),
            action=method,
        )

    updated: Document = copy.deepcopy(dict(original))
    updated["version"] = int(patch["updateToVersion"])
    updated["versionName"] = patch["newVersionName"]
    updated["updatedBy"] = patch["updatedBy"]
    updated["updateTime"] = patch["updateTime"]
    for patch_key, type_key in _OPTIONAL_COPIES:
        if patch.get(patch_key) is not None:
            updated[type_key] = copy.deepcopy(patch[patch_key])

    new_properties = patch.get("propertyDefinitions")
    if new_properties is not None:
        updated["propertiesDefinition"] = _merge_properties(
            original.get("propertiesDefinition"),
            new_properties,
            patch,
            source_name=source_name,
            method=method,
        )

    type_class = original.get("class")
    if type_class == "RelationshipDef":
        for key in ("endDef1", "endDef2"):
            if patch.get(key) is not None:
                updated[key] = copy.deepcopy(patch[key])
        if patch.get("updateMultiLink"):
            updated["multiLink"] = bool(patch.get("multiLink"))
    elif type_class == "ClassificationDef" and patch.get("validEntityDefs") is not None:
        updated["validEntityDefs"] = copy.deepcopy(patch["validEntityDefs"])
    return updated


def _merge_properties(
    existing: list[Document] | None,
    additions: list[Document],
    patch: Mapping[str, Any],
    *,
    source_name: str,
    method: str,
) -> list[Document]:
    if existing is None:
        return copy.deepcopy(additions)
    merged: dict[str, Document] = {}
    for attribute in existing:
        if attribute is not None and attribute.get("attributeName") is not None:
            merged[attribute["attributeName"]] = attribute
    for attribute in additions:
        name = attribute.get("attributeName") if attribute is not None else None
        if name is None:
            continue
        previous = merged.get(name)
        if previous is not None and not _same_attribute_type(
            previous.get("attributeType"), attribute.get("attributeType")
        ):
            raise PatchErrorException.from_code(
                OMRSErrorCode.INCOMPATIBLE_PROPERTY_PATCH,
                method,
                source_name,
                name,
                _type_text(previous.get("attributeType")),
                _type_text(attribute.get("attributeType")),
                patch_summary(patch),
                action=method,
            )
        merged[name] = copy.deepcopy(attribute)
    return [merged[name] for name in java_hash_map_order(merged)]


def _same_attribute_type(old: Any, new: Any) -> bool:
    # Java compares the AttributeTypeDef beans with equals(); their identity is class, GUID and name (the
    # descriptive fields of a re-sent standard type may differ between releases without changing the type).
    if not isinstance(old, dict) or not isinstance(new, dict):
        return bool(old == new)
    return all(bool(old.get(key) == new.get(key)) for key in ("class", "guid", "name"))


def _type_text(attribute_type: Any) -> str:
    if isinstance(attribute_type, dict):
        name, guid = attribute_type.get("name"), attribute_type.get("guid")
        return f"{attribute_type.get('class')}{{name='{name}', guid='{guid}'}}"
    return "<null>"


# --- Java HashMap iteration order -------------------------------------------------------------------------


def _java_string_hash(text: str) -> int:
    """``String.hashCode()``: s[0]*31^(n-1) + ... over UTF-16 code units, as an unsigned 32-bit value."""
    value = 0
    encoded = text.encode("utf-16-be")
    for index in range(0, len(encoded), 2):
        value = (31 * value + ((encoded[index] << 8) | encoded[index + 1])) & 0xFFFFFFFF
    return value


def java_hash_map_order(keys: Iterable[str]) -> list[str]:
    """The order in which a ``new HashMap<>()`` filled with ``keys`` (in this order) iterates them.

    HashMap walks its table by bucket index, ``(h ^ (h >>> 16)) & (capacity - 1)``, and each bucket in
    insertion order (resizing splits buckets without reordering them). The table starts at 16 and doubles
    whenever the size passes 3/4 of it. Buckets of 8+ keys would be treeified or force an early resize;
    type attribute lists are far too small for that to happen.
    """
    ordered = list(dict.fromkeys(keys))
    capacity = 16
    while len(ordered) > capacity * 3 // 4:
        capacity *= 2
    mask = capacity - 1

    def bucket(key: str) -> int:
        value = _java_string_hash(key)
        return (value ^ (value >> 16)) & mask

    # sorted() is stable, so keys of one bucket keep their insertion order.
    return sorted(ordered, key=bucket)
