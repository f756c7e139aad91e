"""Group 6: reference copies of instances homed elsewhere (omrs-reference §2 Group 6, §8.2).

``store_entity_reference_copy`` / ``store_relationship_reference_copy`` apply the exchange rules of
``compareAndValidateReferenceInstance`` and say what they did (:class:`SaveOutcome`), so the cohort layer can
tell a stored copy from a stale one; a GUID clash raises ``EntityConflictException`` /
``RelationshipConflictException`` whose ``related_properties["conflict"]`` is the event error code to send
(``CONFLICTING_INSTANCES`` or ``CONFLICTING_TYPE``). The ``save_*`` methods of the OMRS API are the same
without the outcome. None of this publishes events; ``refresh*ReferenceCopy`` records a refresh request.

A copy whose home is this member is stored (restore from backup) as Egeria 5.4 does (it only audit-logs
``LOCAL_REFERENCE_INSTANCE``). Classifications homed here on a reference copy survive the home's updates.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from graphrepo.omrs import (
    EntityConflictException,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    InstanceGraph,
    InstanceHeader,
    InvalidEntityException,
    InvalidParameterException,
    InvalidRelationshipException,
    OMRSCheckedException,
    OMRSErrorCode,
    Relationship,
    RelationshipConflictException,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._kinds import InstanceKind
from graphrepo.repository._ownership import is_home, is_local_home
from graphrepo.store import StoreTransaction

__all__ = ["ReferenceCopyOperations", "SaveOutcome"]

_log = logging.getLogger(__name__)


class SaveOutcome(StrEnum):
    STORED = "stored"
    STALE = "stale"  # same instance, version not newer: ignored (out-of-order delivery)
    IGNORED = "ignored"  # headerVersion newer than this member understands


_I = TypeVar("_I", EntityDetail, Relationship)
# Saves a checked copy: (transaction, copy, home_change_allowed, method) -> outcome
_Save = Callable[[StoreTransaction, _I, bool, str], SaveOutcome]
# Removes a stored copy (and whatever goes with it) from the store
_Purge = Callable[[StoreTransaction, _I | EntityProxy], None]


def _unique_guids(instances: list[EntityDetail] | list[Relationship]) -> bool:
    guids = [instance.guid for instance in instances if instance is not None]
    return len(guids) == len(set(guids))


class ReferenceCopyOperations(CollectionCore):
    # --- entities -------------------------------------------------------------------------------------------

    def save_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None:
        self.store_entity_reference_copy(user_id, entity)

    def delete_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None:
        # Egeria's default: the DELETED version is simply saved.
        self.store_entity_reference_copy(user_id, entity, method="deleteEntityReferenceCopy")

    def store_entity_reference_copy(
        self,
        user_id: str,
        entity: EntityDetail | None,
        *,
        home_change_allowed: bool = False,
        method: str = "saveEntityReferenceCopy",
    ) -> SaveOutcome:
        """``home_change_allowed``: the copy comes from a RE_HOMED event, so a new home is not a clash."""
        return self._store_copy(
            self.entities, user_id, entity, home_change_allowed, method, self._save_entity_copy
        )

    def purge_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None:
        self._purge_copy(self.entities, "purgeEntityReferenceCopy", user_id, entity, self._purge_entity_copy)

    def purge_entity_reference_copy_by_guid(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        self._purge_copy_by_guid(
            self.entities, "purgeEntityReferenceCopy", user_id, entity_guid, self._purge_entity_copy
        )

    def refresh_entity_reference_copy(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        self._refresh(
            self.entities,
            "refreshEntityReferenceCopy",
            user_id,
            entity_guid,
            type_def_guid,
            type_def_name,
            home_metadata_collection_id,
        )

    def _save_entity_copy(
        self, tx: StoreTransaction, entity: EntityDetail, home_change_allowed: bool, method: str
    ) -> SaveOutcome:
        to_save = self._entity_copy_to_save(
            entity, tx.get_entity(str(entity.guid)), home_change_allowed, method
        )
        if isinstance(to_save, SaveOutcome):
            return to_save
        tx.save_entity(self.entity_record(to_save))
        return SaveOutcome.STORED

    def _entity_copy_to_save(
        self,
        entity: EntityDetail,
        stored: EntityDetail | EntityProxy | None,
        home_change_allowed: bool,
        method: str,
    ) -> EntityDetail | SaveOutcome:
        """The entity to store over ``stored`` (None: nothing stored), or why it is not stored."""
        if isinstance(stored, EntityDetail):
            outcome = self._compare(entity, stored, home_change_allowed, method)
            if outcome is not None:
                return outcome
        if stored is not None and not is_local_home(entity, self.local_id):
            # Our own classifications on someone else's entity are ours to keep.
            names = {c.name for c in entity.classifications}
            kept = [c for c in stored.classifications if is_home(c, self.local_id) and c.name not in names]
            if kept:
                entity = entity.model_copy(update={"classifications": [*entity.classifications, *kept]})
        return entity

    def _purge_entity_copy(self, tx: StoreTransaction, stored: EntityDetail | EntityProxy) -> None:
        guid = str(stored.guid)
        attached = tx.relationships_of(guid)
        tx.purge_entity(guid)
        # Relationships to the purged copy stay, ending at a proxy of it (Egeria leaves them dangling).
        if attached:
            tx.save_proxy(self.proxy_record(self.proxy_of(stored)))
            for relationship in attached:
                self.relationships.save(tx, relationship)

    # --- relationships --------------------------------------------------------------------------------------

    def save_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None:
        self.store_relationship_reference_copy(user_id, relationship)

    def delete_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None:
        self.store_relationship_reference_copy(
            user_id, relationship, method="deleteRelationshipReferenceCopy"
        )

    def store_relationship_reference_copy(
        self,
        user_id: str,
        relationship: Relationship | None,
        *,
        home_change_allowed: bool = False,
        method: str = "saveRelationshipReferenceCopy",
    ) -> SaveOutcome:
        return self._store_copy(
            self.relationships,
            user_id,
            relationship,
            home_change_allowed,
            method,
            self._save_relationship_copy,
        )

    def purge_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None:
        self._purge_copy(
            self.relationships,
            "purgeRelationshipReferenceCopy",
            user_id,
            relationship,
            self._purge_relationship_copy,
        )

    def purge_relationship_reference_copy_by_guid(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        self._purge_copy_by_guid(
            self.relationships,
            "purgeRelationshipReferenceCopy",
            user_id,
            relationship_guid,
            self._purge_relationship_copy,
        )

    def refresh_relationship_reference_copy(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        self._refresh(
            self.relationships,
            "refreshRelationshipReferenceCopy",
            user_id,
            relationship_guid,
            type_def_guid,
            type_def_name,
            home_metadata_collection_id,
        )

    def _save_relationship_copy(
        self, tx: StoreTransaction, relationship: Relationship, home_change_allowed: bool, method: str
    ) -> SaveOutcome:
        stored = tx.get_relationship(str(relationship.guid))
        if stored is not None:
            outcome = self._compare(relationship, stored, home_change_allowed, method)
            if outcome is not None:
                return outcome
        for proxy in self._copy_ends(relationship, method):
            if tx.get_entity(str(proxy.guid)) is None:
                self._save_end_proxy(tx, proxy, method)
        tx.save_relationship(self.relationship_record(relationship))
        return SaveOutcome.STORED

    def _copy_ends(self, relationship: Relationship, method: str) -> tuple[EntityProxy, EntityProxy]:
        ends = (relationship.entity_one_proxy, relationship.entity_two_proxy)
        for proxy in ends:
            if proxy is None or not proxy.guid:
                raise EntityNotKnownException.for_guid(
                    str(proxy.guid if proxy else None), method, self.repository_name
                )
        return ends  # type: ignore[return-value]  # both checked above

    def _save_end_proxy(self, tx: StoreTransaction, proxy: EntityProxy, method: str) -> None:
        """A relationship copy's end that is not stored: its proxy (never for an end homed here)."""
        if is_home(proxy, self.local_id):
            raise EntityNotKnownException.for_guid(str(proxy.guid), method, self.repository_name)
        tx.save_proxy(self.proxy_record(proxy))

    def _purge_relationship_copy(self, tx: StoreTransaction, stored: Relationship | EntityProxy) -> None:
        tx.purge_relationship(str(stored.guid))

    # --- batches --------------------------------------------------------------------------------------------

    def save_instance_reference_copies(self, user_id: str, instances: InstanceGraph | None) -> None:
        """Entities then relationships, in one transaction, skipping those homed here; a clash or a bad
        instance becomes InvalidEntity/InvalidRelationship (``INVALID_INSTANCES``) and nothing is saved."""
        method = "saveInstanceReferenceCopies"
        self.check_user(user_id, method)
        if instances is None:
            return
        entities = [e for e in instances.entities if e.metadata_collection_id != self.local_id]
        relationships = [r for r in instances.relationships if r.metadata_collection_id != self.local_id]

        def work(tx: StoreTransaction) -> None:
            if _unique_guids(entities) and _unique_guids(relationships):
                # The store's batch reads and writes: a few statements for the whole graph.
                stored = self._save_entity_batch(tx, entities, method)
                self._save_relationship_batch(tx, relationships, method, stored)
                return
            # A GUID given twice: each copy is compared with the one saved before it, one at a time.
            self._save_batch(self.entities, tx, entities, self._save_entity_copy, method)
            self._save_batch(self.relationships, tx, relationships, self._save_relationship_copy, method)

        self.store.write(work)

    def _save_entity_batch(self, tx: StoreTransaction, entities: list[EntityDetail], method: str) -> set[str]:
        """What ``_save_batch`` does with ``_save_entity_copy``, with one read and few writes; returns the
        GUIDs of the entities stored once it is done (saved now, or already stored)."""
        kind = self.entities
        stored = tx.get_entities([str(e.guid) for e in entities if e is not None and e.guid])
        present = set(stored)
        to_save: list[EntityDetail] = []
        for entity in entities:
            try:
                checked = self._checked_copy(kind, entity, method)
                if checked is None:
                    continue
                decided = self._entity_copy_to_save(checked, stored.get(str(checked.guid)), False, method)
            except (kind.conflict_error, kind.home_error, InvalidParameterException) as error:
                raise self._invalid(kind.invalid_error, error, method) from error
            if not isinstance(decided, SaveOutcome):
                to_save.append(decided)
                present.add(str(decided.guid))
        tx.save_entities([self.entity_record(entity) for entity in to_save])
        return present

    def _save_relationship_batch(
        self,
        tx: StoreTransaction,
        relationships: list[Relationship],
        method: str,
        stored_entities: set[str],
    ) -> None:
        """What ``_save_batch`` does with ``_save_relationship_copy``, with two reads and few writes.
        ``stored_entities``: GUIDs known to be stored (the batch's entities), whose documents need not
        be read again to tell that an end is there (reading them back was a fifth of a bulk load)."""
        kind = self.relationships
        stored = tx.get_relationships([str(r.guid) for r in relationships if r is not None and r.guid])
        to_save: list[Relationship] = []
        for relationship in relationships:
            try:
                checked = self._checked_copy(kind, relationship, method)
                if checked is None:
                    continue
                previous = stored.get(str(checked.guid))
                outcome = self._compare(checked, previous, False, method) if previous is not None else None
            except (kind.conflict_error, kind.home_error, InvalidParameterException) as error:
                raise self._invalid(kind.invalid_error, error, method) from error
            if outcome is None:
                to_save.append(checked)
        ends = [end for relationship in to_save for end in self._copy_ends(relationship, method)]
        unknown = [str(end.guid) for end in ends if str(end.guid) not in stored_entities]
        known = stored_entities | set(tx.get_entities(unknown) if unknown else ())
        for end in ends:
            if str(end.guid) not in known:
                self._save_end_proxy(tx, end, method)
                known.add(str(end.guid))
        tx.save_relationships([self.relationship_record(relationship) for relationship in to_save])

    def _save_batch(
        self,
        kind: InstanceKind[_I],
        tx: StoreTransaction,
        instances: list[_I],
        save: _Save[_I],
        method: str,
    ) -> None:
        for instance in instances:
            try:
                checked = self._checked_copy(kind, instance, method)
                if checked is not None:
                    save(tx, checked, False, method)
            except (kind.conflict_error, kind.home_error, InvalidParameterException) as error:
                raise self._invalid(kind.invalid_error, error, method) from error

    # --- the flows ------------------------------------------------------------------------------------------

    def _store_copy(
        self,
        kind: InstanceKind[_I],
        user_id: str,
        instance: _I | None,
        home_change_allowed: bool,
        method: str,
        save: _Save[_I],
    ) -> SaveOutcome:
        self.check_user(user_id, method)
        checked = self._checked_copy(kind, instance, method)
        if checked is None:
            return SaveOutcome.IGNORED
        return self.store.write(lambda tx: save(tx, checked, home_change_allowed, method))

    def _checked_copy(self, kind: InstanceKind[_I], instance: _I | None, method: str) -> _I | None:
        """The copy, checked against its type; None when its header is newer than we understand (skipped,
        as Egeria's local wrapper does)."""
        parameter = kind.noun.lower()
        instance = self.check_reference(instance, parameter, method)
        if instance.header_version > 1:
            return None
        self.check_guid(instance.guid, parameter, method)
        self._check_home_present(instance, parameter, method)
        if isinstance(instance, Relationship):
            self.validator.validate_relationship(
                instance, parameter, method, require_mandatory=False, allow_deleted=True
            )
        else:
            self.validator.validate_entity(
                instance, parameter, method, require_mandatory=False, allow_deleted=True
            )
            if is_local_home(instance, self.local_id):
                _log.info(
                    "reference copy of %s names this member as its home; stored (restore)", instance.guid
                )
        return instance

    def _check_home_present(self, instance: InstanceHeader, parameter: str, method: str) -> None:
        if not instance.metadata_collection_id:
            raise InvalidParameterException(
                http_code=400,
                error_message=f"The reference instance {instance.guid} passed as the {parameter} "
                f"parameter of {method} to open metadata repository {self.repository_name} has no home "
                "metadata collection identifier",
                action_description=method,
                parameter_name=parameter,
            )

    def _compare(
        self, incoming: InstanceHeader, stored: InstanceHeader, home_change_allowed: bool, method: str
    ) -> SaveOutcome | None:
        """None: store it; STALE: ignore it; raises on a clash (§8.2)."""
        relationship = isinstance(incoming, Relationship)
        conflict: str | None = None
        if incoming.create_time != stored.create_time:
            conflict = "CONFLICTING_INSTANCES"
        elif incoming.version <= stored.version:
            return SaveOutcome.STALE
        elif (incoming.type.type_def_version if incoming.type else 0) < (
            stored.type.type_def_version if stored.type else 0
        ):
            conflict = "CONFLICTING_TYPE"
        elif incoming.metadata_collection_id != stored.metadata_collection_id and not home_change_allowed:
            conflict = "CONFLICTING_INSTANCES"
        if conflict is None:
            return None
        kind = "relationship" if relationship else "entity"
        error = RelationshipConflictException if relationship else EntityConflictException
        raise error(
            http_code=409,
            error_message=(
                f"The {kind} {incoming.guid} from metadata collection {incoming.metadata_collection_id} "
                f"(version {incoming.version}) conflicts with the {kind} stored in open metadata "
                f"repository {self.repository_name} from metadata collection "
                f"{stored.metadata_collection_id} (version {stored.version}): {conflict}"
            ),
            action_description=method,
            related_properties={"conflict": conflict},
        )

    def _purge_copy(
        self, kind: InstanceKind[_I], method: str, user_id: str, instance: _I | None, purge: _Purge[_I]
    ) -> None:
        self.check_user(user_id, method)
        instance = self.check_reference(instance, kind.noun.lower(), method)
        self._purge_copy_by_guid(kind, method, user_id, str(instance.guid), purge)

    def _purge_copy_by_guid(
        self, kind: InstanceKind[_I], method: str, user_id: str, guid: str, purge: _Purge[_I]
    ) -> None:
        """Removes the copy (never one homed here: Home*Exception) without announcing it."""
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)

        def work(tx: StoreTransaction) -> None:
            stored = kind.get(tx, guid)
            if stored is None:
                raise kind.not_known(guid, method)
            if is_home(stored, self.local_id):
                raise kind.home_error.from_code(
                    OMRSErrorCode.INSTANCE_HOME_IS_LOCAL,
                    stored.metadata_collection_id,
                    method,
                    guid,
                    self.local_id,
                    self.repository_name,
                    action=method,
                )
            purge(tx, stored)

        self.store.write(work)

    def _refresh(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        guid: str,
        type_def_guid: str,
        type_def_name: str,
        home: str,
    ) -> None:
        """Asks the home (through the outbox) to send the instance again; never for an instance homed here."""
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)
        self.check_guid(home, "homeMetadataCollectionId", method)
        self.type_by_guid(type_def_guid, kind.category, "typeDefGUID", method)

        def work(tx: StoreTransaction) -> None:
            stored = kind.get(tx, guid)
            if home == self.local_id or (stored is not None and is_local_home(stored, self.local_id)):
                raise kind.home_error.from_code(
                    OMRSErrorCode.HOME_REFRESH,
                    method,
                    guid,
                    self.local_id,
                    self.repository_name,
                    action=method,
                )
            event = self.events.refresh_request(
                kind.refresh_request, type_def_guid, type_def_name, guid, home
            )
            tx.add_to_outbox([event])

        self.store.write(work)

    def _invalid(
        self,
        cls: type[InvalidEntityException] | type[InvalidRelationshipException],
        error: OMRSCheckedException,
        method: str,
    ) -> OMRSCheckedException:
        return cls.from_code(
            OMRSErrorCode.INVALID_INSTANCES,
            type(error).__name__,
            error.error_message,
            action=method,
            cause=error,
        )
