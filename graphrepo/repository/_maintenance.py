"""Group 4 changes to home instances: update status or properties, undo, delete, purge, restore.

Each operation exists for entities and for relationships; each is written once here, over an
:class:`~graphrepo.repository._kinds.InstanceKind`, and is one ``store.write`` transaction: read the current
state, check (types, ownership, status), write the new state and put the event of §7.6 in the outbox. Nothing
is written when a check fails, because the transaction function raises before committing. Deleting or
purging an entity also deals with its relationships (the cascade).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from graphrepo.omrs import (
    EntityDetail,
    InstanceProperties,
    InstanceStatus,
    InvalidParameterException,
    OMRSErrorCode,
    OMRSEventV1,
    Relationship,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._kinds import InstanceKind
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["MaintenanceOperations"]

_I = TypeVar("_I", EntityDetail, Relationship)

# What goes with a deleted (transaction, GUID, user, now) or purged (transaction, GUID) instance: its events.
_DeleteCascade = Callable[[StoreTransaction, str, str, datetime], list[OMRSEventV1]]
_PurgeCascade = Callable[[StoreTransaction, str], list[OMRSEventV1]]


class MaintenanceOperations(CollectionCore):
    # --- entities -------------------------------------------------------------------------------------------

    def update_entity_status(
        self, user_id: str, entity_guid: str, new_status: InstanceStatus | None
    ) -> EntityDetail:
        return self._update_status(self.entities, "updateEntityStatus", user_id, entity_guid, new_status)

    def update_entity_properties(
        self, user_id: str, entity_guid: str, properties: InstanceProperties | None
    ) -> EntityDetail:
        return self._update_properties(
            self.entities, "updateEntityProperties", user_id, entity_guid, properties
        )

    def undo_entity_update(self, user_id: str, entity_guid: str) -> EntityDetail:
        """The previous version's content under a new, higher version (as the reference connectors, which
        take the last-but-one stored version; a second undo therefore returns to the undone content)."""
        return self._undo(self.entities, "undoEntityUpdate", user_id, entity_guid, "classifications")

    def delete_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_entity_guid: str
    ) -> EntityDetail:
        return self._delete(
            self.entities,
            "deleteEntity",
            user_id,
            type_def_guid,
            type_def_name,
            obsolete_entity_guid,
            self._delete_relationships_of,
        )

    def purge_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_entity_guid: str
    ) -> None:
        self._purge(
            self.entities,
            "purgeEntity",
            user_id,
            type_def_guid,
            type_def_name,
            deleted_entity_guid,
            self._purged_relationships_of,
        )

    def restore_entity(self, user_id: str, deleted_entity_guid: str) -> EntityDetail:
        return self._restore(self.entities, "restoreEntity", user_id, deleted_entity_guid)

    def _delete_relationships_of(
        self, tx: StoreTransaction, entity_guid: str, user_id: str, now: datetime
    ) -> list[OMRSEventV1]:
        """The cascade (InMemoryOMRSMetadataCollection.deleteEntity): our own relationships are
        soft-deleted with it, reference copies of others' relationships are removed. Egeria does not
        announce the cascade; announcing it keeps peers' copies from going stale (omrs-reference §7.6)."""
        events = []
        for relationship in tx.relationships_of(entity_guid):
            if not is_home(relationship, self.local_id):
                tx.purge_relationship(str(relationship.guid))
            elif relationship.status is not InstanceStatus.DELETED:
                gone: Relationship = self.bump(
                    relationship,
                    user_id,
                    now,
                    status=InstanceStatus.DELETED,
                    status_on_delete=relationship.status,
                )
                self.relationships.save(tx, gone)
                events.append(self.events.instance(self.relationships.deleted, gone))
        return events

    def _purged_relationships_of(self, tx: StoreTransaction, entity_guid: str) -> list[OMRSEventV1]:
        """The store purges an entity's relationships with it; ours are announced as purged."""
        return [
            self.events.purged(
                self.relationships.purged,
                r.type.type_def_guid if r.type else None,
                r.type.type_def_name if r.type else None,
                r.guid,
            )
            for r in tx.relationships_of(entity_guid)
            if is_home(r, self.local_id)
        ]

    # --- relationships --------------------------------------------------------------------------------------

    def update_relationship_status(
        self, user_id: str, relationship_guid: str, new_status: InstanceStatus | None
    ) -> Relationship:
        return self._update_status(
            self.relationships, "updateRelationshipStatus", user_id, relationship_guid, new_status
        )

    def update_relationship_properties(
        self, user_id: str, relationship_guid: str, properties: InstanceProperties | None
    ) -> Relationship:
        return self._update_properties(
            self.relationships, "updateRelationshipProperties", user_id, relationship_guid, properties
        )

    def undo_relationship_update(self, user_id: str, relationship_guid: str) -> Relationship:
        return self._undo(self.relationships, "undoRelationshipUpdate", user_id, relationship_guid)

    def delete_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_relationship_guid: str
    ) -> Relationship:
        return self._delete(
            self.relationships,
            "deleteRelationship",
            user_id,
            type_def_guid,
            type_def_name,
            obsolete_relationship_guid,
        )

    def purge_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_relationship_guid: str
    ) -> None:
        self._purge(
            self.relationships,
            "purgeRelationship",
            user_id,
            type_def_guid,
            type_def_name,
            deleted_relationship_guid,
        )

    def restore_relationship(self, user_id: str, deleted_relationship_guid: str) -> Relationship:
        return self._restore(self.relationships, "restoreRelationship", user_id, deleted_relationship_guid)

    # --- the flows ------------------------------------------------------------------------------------------

    def _save_update(
        self, kind: InstanceKind[_I], tx: StoreTransaction, current: _I, user_id: str, **changes: Any
    ) -> _I:
        updated: _I = self.bump(current, user_id, self.now(), **changes)
        kind.save(tx, updated)
        tx.add_to_outbox([self.events.instance(kind.updated, updated, original=current)])
        return updated

    def _update_status(
        self, kind: InstanceKind[_I], method: str, user_id: str, guid: str, new_status: InstanceStatus | None
    ) -> _I:
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)
        status = self.check_status_present(new_status, "newStatus", method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            self.validator.validate_status(self.type_name(current), status, "newStatus", method)
            return self._save_update(kind, tx, current, user_id, status=status)

        return self.change_home(kind, method, guid, change)

    def _update_properties(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        guid: str,
        properties: InstanceProperties | None,
    ) -> _I:
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            self.validator.validate_properties(self.type_name(current), properties, "properties", method)
            return self._save_update(kind, tx, current, user_id, properties=properties)

        return self.change_home(kind, method, guid, change)

    def _undo(self, kind: InstanceKind[_I], method: str, user_id: str, guid: str, *also_restored: str) -> _I:
        """Back to the previous version's type, status and properties (and ``also_restored`` fields)."""
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            history = kind.history(tx, guid, None, None)
            if len(history) < 2:
                raise kind.not_known(guid, method)
            previous = history[-2]
            fields = ("type", "status", "status_on_delete", "properties", *also_restored)
            restored: _I = self.bump(
                current, user_id, self.now(), **{name: getattr(previous, name) for name in fields}
            )
            kind.save(tx, restored)
            tx.add_to_outbox([self.events.instance(kind.undone, restored)])
            return restored

        return self.change_home(kind, method, guid, change)

    def _delete(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        guid: str,
        cascade: _DeleteCascade | None = None,
    ) -> _I:
        parameter = kind.parameter("obsolete")
        self.check_user(user_id, method)
        self.check_guid(guid, parameter, method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is InstanceStatus.DELETED:
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INSTANCE_ALREADY_DELETED,
                    method,
                    self.repository_name,
                    guid,
                    action=method,
                    parameter_name=parameter,
                )
            now = self.now()
            deleted: _I = self.bump(
                current, user_id, now, status=InstanceStatus.DELETED, status_on_delete=current.status
            )
            kind.save(tx, deleted)
            events = [self.events.instance(kind.deleted, deleted)]
            if cascade is not None:
                events += cascade(tx, guid, user_id, now)
            tx.add_to_outbox(events)
            return deleted

        return self.change_home(kind, method, guid, change, deleted_ok=True)

    def _purge(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        guid: str,
        cascade: _PurgeCascade | None = None,
    ) -> None:
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter("deleted"), method)

        def work(tx: StoreTransaction) -> None:
            current = kind.for_update(tx, guid, method, deleted_ok=True)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is not InstanceStatus.DELETED:
                raise kind.not_deleted(guid, method)
            # The cascade's events are gathered before the purge takes the relationships with it.
            events: list[OMRSEventV1] = cascade(tx, guid) if cascade is not None else []
            kind.purge(tx, guid)
            type_guid = current.type.type_def_guid if current.type else None
            purged = self.events.purged(kind.purged, type_guid, self.type_name(current), guid)
            tx.add_to_outbox([purged, *events])

        self.store.write(work)

    def _restore(self, kind: InstanceKind[_I], method: str, user_id: str, guid: str) -> _I:
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter("deleted"), method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            if current.status is not InstanceStatus.DELETED:
                raise kind.not_deleted(guid, method)
            status = current.status_on_delete or self.gallery.initial_status(self.type_name(current))
            restored: _I = self.bump(current, user_id, self.now(), status=status, status_on_delete=None)
            kind.save(tx, restored)
            tx.add_to_outbox([self.events.instance(kind.restored, restored)])
            return restored

        return self.change_home(kind, method, guid, change, deleted_ok=True)
