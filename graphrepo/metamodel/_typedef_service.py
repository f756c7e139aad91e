"""The TypeDef operations of the metadata collection (omrs-reference.md §2, Group 2).

Behaviour follows Egeria 5.x's ``OMRSMetadataCollectionBase`` (parameter checks and filters),
``OMRSDynamicTypeMetadataCollectionBase`` (verify, add, patch, delete, re-identify) and the local repository
wrapper that chains them. Changes are saved through the :class:`TypeStore` first, then the gallery swaps in
the new set of types, then listeners hear of it (Neo4j schema, cohort TypeDef events). Where Egeria is
silent or plainly broken the choice made is stated where the code makes it.

Reads need no lock (the gallery swaps snapshots); changes are serialised by one lock, so two concurrent
``addTypeDef`` calls cannot both pass the "not known yet" check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from graphrepo.metamodel._archive import ArchiveContents, ProgressCallback, apply_patch, read_archive
from graphrepo.metamodel._codes import GraphRepoTypeErrorCode
from graphrepo.metamodel._gallery import TypeGallery
from graphrepo.metamodel._loading import (
    SUPERSEDES_MARKER,
    parse_attribute_type_defs,
    parse_type_defs,
    stored_document,
    tombstone,
)
from graphrepo.metamodel._typedef_checks import (
    check_attribute_type_def,
    check_attribute_type_def_ids,
    check_type_def,
    check_type_def_ids,
    check_type_def_references,
)
from graphrepo.metamodel._typedef_queries import TypeDefQueries
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    InvalidParameterException,
    OMRSErrorCode,
    PatchErrorException,
    TypeDefGallery,
    TypeDefInUseException,
    TypeDefKnownException,
    TypeDefNotKnownException,
    TypeDefPatch,
    to_wire,
)
from graphrepo.store import TypeKind, TypeStore

__all__ = ["TypeChange", "TypeChangeKind", "TypeChangeListener", "TypeDefService"]

_log = logging.getLogger(__name__)


class TypeChangeKind(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    DELETED = "deleted"
    RE_IDENTIFIED = "re-identified"


@dataclass(frozen=True, slots=True)
class TypeChange:
    """One committed change. ``current`` is the type as it now is (None after a delete); ``original`` the
    type before an update, delete or re-identify; ``patch`` the TypeDefPatch of an update."""

    kind: TypeChangeKind
    family: TypeKind
    current: AnyTypeDef | AnyAttributeTypeDef | None
    original: AnyTypeDef | AnyAttributeTypeDef | None = None
    patch: TypeDefPatch | None = None


TypeChangeListener = Callable[[TypeChange], None]
"""Called after a change is stored and visible. A failing listener is logged, not raised: the change is
committed, and the schema and the cohort are reconciled from the whole gallery at the next start."""


class TypeDefService(TypeDefQueries):
    """Group 2 of the OMRS metadata collection over a :class:`TypeGallery` and a :class:`TypeStore`."""

    def __init__(
        self,
        gallery: TypeGallery,
        store: TypeStore,
        metadata_collection_id: str,
        *,
        repository_name: str | None = None,
        listeners: Iterable[TypeChangeListener] = (),
    ) -> None:
        super().__init__(gallery, repository_name or metadata_collection_id)
        self.metadata_collection_id = metadata_collection_id
        self._store = store
        self._listeners = list(listeners)
        self._lock = threading.RLock()

    def add_listener(self, listener: TypeChangeListener) -> None:
        self._listeners.append(listener)

    # --- add ------------------------------------------------------------------------------------------

    def add_type_def_gallery(self, user_id: str, new_types: TypeDefGallery | None) -> None:
        """Attribute types first, then TypeDefs in order, each as :meth:`add_attribute_type_def` /
        :meth:`add_type_def` (so a failure leaves the types added before it in place, as Egeria does)."""
        method = "addTypeDefGallery"
        self._user(user_id, method)
        if new_types is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_TYPEDEF_GALLERY,
                "newTypes",
                method,
                self.repository_name,
                action=method,
                parameter_name="newTypes",
            )
        for attribute_type_def in new_types.attribute_type_defs:
            self.add_attribute_type_def(user_id, attribute_type_def)
        for type_def in new_types.type_defs:
            self.add_type_def(user_id, type_def)

    def add_type_def(self, user_id: str, new_type_def: AnyTypeDef | None) -> None:
        method, parameter = "addTypeDef", "newTypeDef"
        self._user(user_id, method)
        type_def = check_type_def(new_type_def, parameter, method, self.repository_name)
        with self._lock:
            existing = self.gallery.type_def_by_name(str(type_def.name))
            if existing is not None:
                raise TypeDefKnownException.already_defined(
                    str(type_def.name), str(type_def.guid), method, self.repository_name
                )
            if self.gallery.type_def_by_guid(str(type_def.guid)) is not None:
                raise self._conflict(type_def.guid, type_def.name, method)
            check_type_def_references(
                type_def,
                self.gallery.type_def_by_name,
                self.gallery.attribute_type_def_by_guid,
                method,
                self.repository_name,
            )
            self._store.save_type(stored_document(type_def))
            self.gallery.replace([*self.gallery.type_defs(), type_def], self.gallery.attribute_type_defs())
        self._notify(TypeChange(TypeChangeKind.ADDED, TypeKind.TYPE_DEF, type_def))

    def add_attribute_type_def(
        self, user_id: str, new_attribute_type_def: AnyAttributeTypeDef | None
    ) -> None:
        method, parameter = "addAttributeTypeDef", "newAttributeTypeDef"
        self._user(user_id, method)
        attribute_type_def = check_attribute_type_def(
            new_attribute_type_def, parameter, method, self.repository_name
        )
        with self._lock:
            name, guid = str(attribute_type_def.name), str(attribute_type_def.guid)
            if self.gallery.attribute_type_def_by_name(name) is not None:
                raise TypeDefKnownException.from_code(
                    OMRSErrorCode.ATTRIBUTE_TYPEDEF_ALREADY_DEFINED,
                    name,
                    guid,
                    self.repository_name,
                    action=method,
                )
            if self.gallery.attribute_type_def_by_guid(guid) is not None:
                raise self._conflict(guid, name, method)
            self._store.save_type(stored_document(attribute_type_def))
            self.gallery.replace(
                self.gallery.type_defs(), [*self.gallery.attribute_type_defs(), attribute_type_def]
            )
        self._notify(TypeChange(TypeChangeKind.ADDED, TypeKind.ATTRIBUTE_TYPE_DEF, attribute_type_def))

    # --- update -----------------------------------------------------------------------------------------

    def update_type_def(self, user_id: str, type_def_patch: TypeDefPatch | None) -> AnyTypeDef:
        """Apply a patch (Egeria's ``applyPatch``): the TypeDef at ``updateToVersion``. A patch already
        applied (``applyToVersion`` below the current version) returns the type unchanged."""
        method = "updateTypeDef"
        self._user(user_id, method)
        if type_def_patch is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_TYPEDEF_PATCH,
                method,
                self.repository_name,
                action=method,
                parameter_name="typeDefPatch",
            )
        patch_document = to_wire(type_def_patch)
        with self._lock:
            name = type_def_patch.type_def_name
            original = self.gallery.type_def_by_name(name) if name else None
            if original is None:
                # Egeria goes on with a null TypeDef and fails with NULL_TYPEDEF; the contract says not-known.
                raise TypeDefNotKnownException.for_name(str(name), method, self.repository_name)
            updated_document = apply_patch(
                to_wire(original), patch_document, source_name=self.repository_name, method=method
            )
            if updated_document.get("version") == original.version:
                return original
            (updated,) = parse_type_defs([updated_document])
            check_type_def_references(
                updated,
                self.gallery.type_def_by_name,
                self.gallery.attribute_type_def_by_guid,
                method,
                self.repository_name,
                exception=PatchErrorException,
            )
            self._store.save_type(
                stored_document(updated, supersedes=self._supersedes(TypeKind.TYPE_DEF, str(updated.guid)))
            )
            self._swap_type_def(original, updated)
        self._notify(TypeChange(TypeChangeKind.UPDATED, TypeKind.TYPE_DEF, updated, original, type_def_patch))
        return updated

    # --- delete -----------------------------------------------------------------------------------------

    def delete_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None:
        """Refused with TypeDefInUseException while instances of the type exist, or while another TypeDef
        names it (as supertype, relationship end or valid entity type): the gallery would lose them."""
        method = "deleteTypeDef"
        self._user(user_id, method)
        with self._lock:
            type_def = self._known_type_def(
                obsolete_type_def_guid,
                obsolete_type_def_name,
                "obsoleteTypeDefGUID",
                "obsoleteTypeDefName",
                method,
            )
            guid, name = str(type_def.guid), str(type_def.name)
            if self._referenced_by(name) or self._store.count_instances_of(name) > 0:
                raise TypeDefInUseException.from_code(
                    OMRSErrorCode.TYPEDEF_IN_USE, name, guid, self.repository_name, action=method
                )
            self._store.save_type(tombstone(TypeKind.TYPE_DEF, guid, name, type_def.version))
            self.gallery.replace(
                [t for t in self.gallery.type_defs() if t.guid != guid], self.gallery.attribute_type_defs()
            )
        self._notify(TypeChange(TypeChangeKind.DELETED, TypeKind.TYPE_DEF, None, type_def))

    def delete_attribute_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None:
        """Refused with TypeDefInUseException while a TypeDef has an attribute of this type."""
        method = "deleteAttributeTypeDef"
        self._user(user_id, method)
        with self._lock:
            attribute_type_def = self._known_attribute_type_def(
                obsolete_type_def_guid,
                obsolete_type_def_name,
                "obsoleteTypeDefGUID",
                "obsoleteTypeDefName",
                method,
            )
            guid, name = str(attribute_type_def.guid), str(attribute_type_def.name)
            if any(
                a.attribute_type is not None and a.attribute_type.guid == guid
                for t in self.gallery.type_defs()
                for a in t.properties_definition
            ):
                raise TypeDefInUseException.from_code(
                    OMRSErrorCode.ATTRIBUTE_TYPEDEF_IN_USE, name, guid, self.repository_name, action=method
                )
            self._store.save_type(
                tombstone(TypeKind.ATTRIBUTE_TYPE_DEF, guid, name, attribute_type_def.version)
            )
            self.gallery.replace(
                self.gallery.type_defs(), [a for a in self.gallery.attribute_type_defs() if a.guid != guid]
            )
        self._notify(
            TypeChange(TypeChangeKind.DELETED, TypeKind.ATTRIBUTE_TYPE_DEF, None, attribute_type_def)
        )

    # --- re-identify ------------------------------------------------------------------------------------

    def re_identify_type_def(
        self,
        user_id: str,
        original_type_def_guid: str | None,
        original_type_def_name: str | None,
        new_type_def_guid: str | None,
        new_type_def_name: str | None,
    ) -> AnyTypeDef:
        """Give a TypeDef a new GUID and name, version + 1 (Egeria's ``reIdentifyTypeDef``).

        Egeria validates the *new* identifiers as if they were already known, which makes the call fail for
        any genuinely new GUID; here they need only be present and unused. A TypeDef that other TypeDefs
        name is refused (InvalidParameterException), since their links would dangle."""
        method = "reIdentifyTypeDef"
        self._user(user_id, method)
        with self._lock:
            original = self._known_type_def(
                original_type_def_guid,
                original_type_def_name,
                "originalTypeDefGUID",
                "originalTypeDefName",
                method,
            )
            new_guid, new_name = check_type_def_ids(
                new_type_def_guid,
                new_type_def_name,
                "newTypeDefGUID",
                "newTypeDefName",
                method,
                self.repository_name,
            )
            clash = self.gallery.type_def_by_guid(new_guid) or self.gallery.type_def_by_name(new_name)
            if clash is not None and clash.guid != original.guid:
                raise self._identity_in_use(
                    new_guid, new_name, clash.name, clash.guid, method, "newTypeDefGUID"
                )
            if new_name != original.name and self._referenced_by(str(original.name)):
                raise self._identity_in_use(
                    new_guid, new_name, original.name, original.guid, method, "originalTypeDefName"
                )
            updated = original.model_copy(
                update={"guid": new_guid, "name": new_name, "version": original.version + 1}
            )
            self._store_re_identified(TypeKind.TYPE_DEF, str(original.guid), updated)
            self._swap_type_def(original, updated)
        self._notify(TypeChange(TypeChangeKind.RE_IDENTIFIED, TypeKind.TYPE_DEF, updated, original))
        return updated

    def re_identify_attribute_type_def(
        self,
        user_id: str,
        original_attribute_type_def_guid: str | None,
        original_attribute_type_def_name: str | None,
        new_attribute_type_def_guid: str | None,
        new_attribute_type_def_name: str | None,
    ) -> AnyAttributeTypeDef:
        """As :meth:`re_identify_type_def`. TypeDef attributes embed a copy of their attribute type, so the
        TypeDefs that use it keep the copy they have, as in Egeria."""
        method = "reIdentifyAttributeTypeDef"
        self._user(user_id, method)
        with self._lock:
            original = self._known_attribute_type_def(
                original_attribute_type_def_guid,
                original_attribute_type_def_name,
                "originalAttributeTypeDefGUID",
                "originalAttributeTypeDefName",
                method,
            )
            new_guid, new_name = check_attribute_type_def_ids(
                new_attribute_type_def_guid,
                new_attribute_type_def_name,
                "newAttributeTypeDefGUID",
                "newAttributeTypeDefName",
                method,
                self.repository_name,
            )
            clash = self.gallery.attribute_type_def_by_guid(
                new_guid
            ) or self.gallery.attribute_type_def_by_name(new_name)
            if clash is not None and clash.guid != original.guid:
                raise self._identity_in_use(
                    new_guid, new_name, clash.name, clash.guid, method, "newAttributeTypeDefGUID"
                )
            updated = original.model_copy(
                update={"guid": new_guid, "name": new_name, "version": original.version + 1}
            )
            self._store_re_identified(TypeKind.ATTRIBUTE_TYPE_DEF, str(original.guid), updated)
            self.gallery.replace(
                self.gallery.type_defs(),
                [updated if a.guid == original.guid else a for a in self.gallery.attribute_type_defs()],
            )
        self._notify(TypeChange(TypeChangeKind.RE_IDENTIFIED, TypeKind.ATTRIBUTE_TYPE_DEF, updated, original))
        return updated

    # --- archives ---------------------------------------------------------------------------------------

    def load_archive(self, path: str | Path, *, progress: ProgressCallback | None = None) -> ArchiveContents:
        """Add the types of another archive (its instances are returned, not stored here).

        Unknown types are added and saved; a known type at a lower version is replaced by the archive's
        (the archive's patches are applied to it); the same or a newer version is left alone; the same name
        with another GUID is a TypeDefConflictException, as from :meth:`verify_type_def`."""
        method = "loadArchive"
        contents = read_archive(path, progress=progress, foreign_patches=True)
        with self._lock:
            new_attributes = [
                a
                for a in parse_attribute_type_defs(contents.attribute_type_defs)
                if not self._known_same(self.gallery.attribute_type_def_by_name(str(a.name)), a, method)
            ]
            for attribute_type_def in new_attributes:
                self._store.save_type(stored_document(attribute_type_def))
            attributes = [*self.gallery.attribute_type_defs(), *new_attributes]
            by_guid = {a.guid: a for a in attributes}
            type_defs = {t.name: t for t in self.gallery.type_defs()}
            added: list[AnyTypeDef] = []
            for type_def in self._archive_type_defs(contents):
                existing = type_defs.get(type_def.name)
                if existing is not None and (
                    self._known_same(existing, type_def, method) or existing.version >= type_def.version
                ):
                    continue
                check_type_def_references(type_def, type_defs.get, by_guid.get, method, self.repository_name)
                self._store.save_type(stored_document(type_def))
                type_defs[str(type_def.name)] = type_def
                added.append(type_def)
            self.gallery.replace(type_defs.values(), attributes)
        for attribute_type_def in new_attributes:
            self._notify(TypeChange(TypeChangeKind.ADDED, TypeKind.ATTRIBUTE_TYPE_DEF, attribute_type_def))
        for type_def in added:
            self._notify(TypeChange(TypeChangeKind.ADDED, TypeKind.TYPE_DEF, type_def))
        return contents

    def _archive_type_defs(self, contents: ArchiveContents) -> list[AnyTypeDef]:
        # read_archive applied the patches of the types the archive defines; the rest patch gallery types,
        # in archive order (a later patch applies to the result of an earlier one).
        own = {doc.get("name") for doc in contents.type_defs}
        documents = {doc.get("name"): doc for doc in contents.type_defs}
        for patch in contents.patches:
            target = patch.get("typeDefName")
            if target in own:
                continue
            current = documents.get(target)
            if current is None:
                known = self.gallery.type_def_by_name(str(target))
                if known is None:
                    raise TypeDefNotKnownException.for_name(str(target), "loadArchive", self.repository_name)
                current = to_wire(known)
            documents[target] = apply_patch(
                current, patch, source_name=self.repository_name, method="loadArchive"
            )
        return parse_type_defs(list(documents.values()))

    # --- helpers ----------------------------------------------------------------------------------------

    def _identity_in_use(
        self, guid: str, name: str, other_name: object, other_guid: object, method: str, parameter: str
    ) -> InvalidParameterException:
        return InvalidParameterException.from_code(
            GraphRepoTypeErrorCode.TYPE_IDENTIFIER_IN_USE,
            guid,
            name,
            method,
            other_name,
            other_guid,
            self.repository_name,
            action=method,
            parameter_name=parameter,
        )

    def _known_same(
        self,
        existing: AnyTypeDef | AnyAttributeTypeDef | None,
        candidate: AnyTypeDef | AnyAttributeTypeDef,
        method: str,
    ) -> bool:
        if existing is None:
            return False
        if existing.guid != candidate.guid:
            raise self._conflict(candidate.guid, candidate.name, method)
        return existing.version == candidate.version

    def _supersedes(self, kind: TypeKind, guid: str) -> list[str]:
        for stored in self._store.load_types():
            if stored.kind is kind and stored.guid == guid:
                return list(stored.document.get(SUPERSEDES_MARKER) or ())
        return []

    def _store_re_identified(
        self, kind: TypeKind, original_guid: str, updated: AnyTypeDef | AnyAttributeTypeDef
    ) -> None:
        chain = [*self._supersedes(kind, original_guid), original_guid]
        self._store.replace_type(kind, original_guid, stored_document(updated, supersedes=chain))

    def _swap_type_def(self, original: AnyTypeDef, updated: AnyTypeDef) -> None:
        self.gallery.replace(
            [updated if t.guid == original.guid else t for t in self.gallery.type_defs()],
            self.gallery.attribute_type_defs(),
        )

    def _notify(self, change: TypeChange) -> None:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:
                _log.exception("type change listener %r failed on %s", listener, change.kind)
