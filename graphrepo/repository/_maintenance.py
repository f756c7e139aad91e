"""Group 4: maintenance of home entities and relationships (add, update, undo, delete, purge, restore).

Each operation is one ``store.write`` transaction: read the current state, check (types, ownership,
status), write the new state and put the event of §7.6 in the outbox. Nothing is written when a check fails,
because the transaction function raises before committing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graphrepo.omrs import (
    AnyTypeDef,
    Classification,
    ClassificationOrigin,
    EntityDetail,
    EntityNotDeletedException,
    EntityNotKnownException,
    EntityProxy,
    InstanceProperties,
    InstanceProvenanceType,
    InstanceStatus,
    InvalidParameterException,
    OMRSErrorCode,
    OMRSEventV1,
    Relationship,
    RelationshipNotDeletedException,
    RelationshipNotKnownException,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._events import Ev
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["MaintenanceOperations"]


class MaintenanceOperations(CollectionCore):
    # --- creating -------------------------------------------------------------------------------------------

    def _home_fields(
        self, external_source_guid: str | None, external_source_name: str | None
    ) -> dict[str, Any]:
        if external_source_guid:
            return {
                "instance_provenance_type": InstanceProvenanceType.EXTERNAL_SOURCE,
                "metadata_collection_id": external_source_guid,
                "metadata_collection_name": external_source_name,
                "replicated_by": self.local_id,
            }
        return {
            "instance_provenance_type": InstanceProvenanceType.LOCAL_COHORT,
            "metadata_collection_id": self.local_id,
            "metadata_collection_name": self.local_name,
        }

    def new_classification(
        self,
        user_id: str,
        now: datetime,
        type_def: AnyTypeDef,
        properties: InstanceProperties | None,
        home: dict[str, Any],
        *,
        status: InstanceStatus | None = None,
        origin: ClassificationOrigin | None = None,
        origin_guid: str | None = None,
    ) -> Classification:
        return Classification(
            type=self.instance_type(type_def),
            name=type_def.name,
            properties=properties,
            classification_origin=origin or ClassificationOrigin.ASSIGNED,
            classification_origin_guid=origin_guid,
            created_by=user_id,
            create_time=now,
            maintained_by=[user_id],
            version=1,
            status=status or self.gallery.initial_status(str(type_def.name)),
            **home,
        )

    def add_entity(
        self,
        user_id: str,
        entity_type_guid: str,
        initial_properties: InstanceProperties | None = None,
        initial_classifications: list[Classification] | None = None,
        initial_status: InstanceStatus | None = None,
    ) -> EntityDetail:
        return self._add_entity(
            "addEntity",
            user_id,
            entity_type_guid,
            None,
            None,
            initial_properties,
            initial_classifications,
            initial_status,
        )

    def add_external_entity(
        self,
        user_id: str,
        entity_type_guid: str,
        external_source_guid: str | None,
        external_source_name: str | None,
        initial_properties: InstanceProperties | None = None,
        initial_classifications: list[Classification] | None = None,
        initial_status: InstanceStatus | None = None,
    ) -> EntityDetail:
        return self._add_entity(
            "addExternalEntity",
            user_id,
            entity_type_guid,
            external_source_guid,
            external_source_name,
            initial_properties,
            initial_classifications,
            initial_status,
        )

    def _add_entity(
        self,
        method: str,
        user_id: str,
        entity_type_guid: str,
        external_source_guid: str | None,
        external_source_name: str | None,
        initial_properties: InstanceProperties | None,
        initial_classifications: list[Classification] | None,
        initial_status: InstanceStatus | None,
    ) -> EntityDetail:
        self.check_user(user_id, method)
        type_def = self.validator.type_for_new_instance(
            entity_type_guid, TypeDefCategory.ENTITY_DEF, "entityTypeGUID", method
        )
        name = str(type_def.name)
        self.validator.validate_properties(name, initial_properties, "initialProperties", method)
        status = self.validator.validate_status(name, initial_status, "initialStatus", method)
        home = self._home_fields(external_source_guid, external_source_name)
        now = self.now()
        classifications = []
        for given in initial_classifications or ():
            class_def = self.validator.validate_classification(
                given.name, name, "initialClassifications", method
            )
            self.validator.validate_properties(
                str(class_def.name), given.properties, "initialClassifications", method
            )
            classifications.append(
                self.new_classification(
                    user_id,
                    now,
                    class_def,
                    given.properties,
                    home,
                    status=self.validator.validate_status(
                        str(class_def.name), given.status, "initialClassifications", method
                    ),
                    origin=given.classification_origin,
                    origin_guid=given.classification_origin_guid,
                )
            )
        entity = EntityDetail(
            type=self.instance_type(type_def),
            guid=self.new_guid(),
            created_by=user_id,
            create_time=now,
            maintained_by=[user_id],
            version=1,
            status=status,
            properties=initial_properties,
            classifications=classifications,
            **home,
        )

        def work(tx: StoreTransaction) -> EntityDetail:
            tx.save_entity(self.entity_record(entity))
            tx.add_to_outbox([self.events.entity(Ev.NEW_ENTITY_EVENT, entity)])
            return entity

        return self.fixer.entity(self.store.write(work))

    def add_entity_proxy(self, user_id: str, entity_proxy: EntityProxy | None) -> None:
        method = "addEntityProxy"
        self.check_user(user_id, method)
        if entity_proxy is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_ENTITY_PROXY,
                self.repository_name,
                "entityProxy",
                method,
                action=method,
                parameter_name="entityProxy",
            )
        self.check_guid(entity_proxy.guid, "entityProxy.guid", method)
        if is_home(entity_proxy, self.local_id):
            raise InvalidParameterException.from_code(
                OMRSErrorCode.LOCAL_ENTITY_PROXY,
                self.repository_name,
                "entityProxy",
                method,
                action=method,
                parameter_name="entityProxy",
            )
        self.validator.type_for_instance(entity_proxy.type, TypeDefCategory.ENTITY_DEF, "entityProxy", method)
        self.store.write(lambda tx: tx.save_proxy(self.proxy_record(entity_proxy)))

    def add_relationship(
        self,
        user_id: str,
        relationship_type_guid: str,
        initial_properties: InstanceProperties | None,
        entity_one_guid: str,
        entity_two_guid: str,
        initial_status: InstanceStatus | None = None,
    ) -> Relationship:
        return self._add_relationship(
            "addRelationship",
            user_id,
            relationship_type_guid,
            None,
            None,
            initial_properties,
            entity_one_guid,
            entity_two_guid,
            initial_status,
        )

    def add_external_relationship(
        self,
        user_id: str,
        relationship_type_guid: str,
        external_source_guid: str | None,
        external_source_name: str | None,
        initial_properties: InstanceProperties | None,
        entity_one_guid: str,
        entity_two_guid: str,
        initial_status: InstanceStatus | None = None,
    ) -> Relationship:
        return self._add_relationship(
            "addExternalRelationship",
            user_id,
            relationship_type_guid,
            external_source_guid,
            external_source_name,
            initial_properties,
            entity_one_guid,
            entity_two_guid,
            initial_status,
        )

    def _add_relationship(
        self,
        method: str,
        user_id: str,
        relationship_type_guid: str,
        external_source_guid: str | None,
        external_source_name: str | None,
        initial_properties: InstanceProperties | None,
        entity_one_guid: str,
        entity_two_guid: str,
        initial_status: InstanceStatus | None,
    ) -> Relationship:
        self.check_user(user_id, method)
        type_def = self.validator.type_for_new_instance(
            relationship_type_guid, TypeDefCategory.RELATIONSHIP_DEF, "relationshipTypeGUID", method
        )
        name = str(type_def.name)
        self.check_guid(entity_one_guid, "entityOneGUID", method)
        self.check_guid(entity_two_guid, "entityTwoGUID", method)
        self.validator.validate_properties(name, initial_properties, "initialProperties", method)
        status = self.validator.validate_status(name, initial_status, "initialStatus", method)
        home = self._home_fields(external_source_guid, external_source_name)

        def work(tx: StoreTransaction) -> Relationship:
            ends = []
            for guid in (entity_one_guid, entity_two_guid):
                end = self.stored_entity(tx, guid, method)
                self.not_deleted(end, method)
                ends.append(self.proxy_of(end))
            self.validator.validate_relationship_ends(name, ends[0], ends[1], method)
            now = self.now()
            relationship = Relationship(
                type=self.instance_type(type_def),
                guid=self.new_guid(),
                created_by=user_id,
                create_time=now,
                maintained_by=[user_id],
                version=1,
                status=status,
                properties=initial_properties,
                entity_one_proxy=ends[0],
                entity_two_proxy=ends[1],
                **home,
            )
            tx.save_relationship(self.relationship_record(relationship))
            tx.add_to_outbox([self.events.relationship(Ev.NEW_RELATIONSHIP_EVENT, relationship)])
            return relationship

        return self.fixer.relationship(self.store.write(work))

    # --- updating entities ----------------------------------------------------------------------------------

    def update_entity_status(
        self, user_id: str, entity_guid: str, new_status: InstanceStatus | None
    ) -> EntityDetail:
        method = "updateEntityStatus"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        status = self.check_status_present(new_status, "newStatus", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, entity_guid, method)
            self.validator.validate_status(self.type_name(current), status, "newStatus", method)
            return self._save_entity_update(tx, current, user_id, status=status)

        return self.fixer.entity(self.store.write(work))

    def update_entity_properties(
        self, user_id: str, entity_guid: str, properties: InstanceProperties | None
    ) -> EntityDetail:
        method = "updateEntityProperties"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, entity_guid, method)
            self.validator.validate_properties(self.type_name(current), properties, "properties", method)
            return self._save_entity_update(tx, current, user_id, properties=properties)

        return self.fixer.entity(self.store.write(work))

    def _save_entity_update(
        self, tx: StoreTransaction, current: EntityDetail, user_id: str, **changes: Any
    ) -> EntityDetail:
        updated: EntityDetail = self.bump(current, user_id, self.now(), **changes)
        tx.save_entity(self.entity_record(updated))
        tx.add_to_outbox([self.events.entity(Ev.UPDATED_ENTITY_EVENT, updated, original=current)])
        return updated

    def undo_entity_update(self, user_id: str, entity_guid: str) -> EntityDetail:
        """The previous version's content under a new, higher version (as the reference connectors, which
        take the last-but-one stored version; a second undo therefore returns to the undone content)."""
        method = "undoEntityUpdate"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, entity_guid, method)
            history = tx.entity_history(entity_guid, None, None)
            if len(history) < 2:
                raise EntityNotKnownException.for_guid(entity_guid, method, self.repository_name)
            previous = history[-2]
            restored: EntityDetail = self.bump(
                current,
                user_id,
                self.now(),
                type=previous.type,
                status=previous.status,
                status_on_delete=previous.status_on_delete,
                properties=previous.properties,
                classifications=previous.classifications,
            )
            tx.save_entity(self.entity_record(restored))
            tx.add_to_outbox([self.events.entity(Ev.UNDONE_ENTITY_EVENT, restored)])
            return restored

        return self.fixer.entity(self.store.write(work))

    def delete_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_entity_guid: str
    ) -> EntityDetail:
        method = "deleteEntity"
        self.check_user(user_id, method)
        self.check_guid(obsolete_entity_guid, "obsoleteEntityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, obsolete_entity_guid, method, deleted_ok=True)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is InstanceStatus.DELETED:
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INSTANCE_ALREADY_DELETED,
                    method,
                    self.repository_name,
                    obsolete_entity_guid,
                    action=method,
                    parameter_name="obsoleteEntityGUID",
                )
            now = self.now()
            deleted: EntityDetail = self.bump(
                current, user_id, now, status=InstanceStatus.DELETED, status_on_delete=current.status
            )
            tx.save_entity(self.entity_record(deleted))
            events: list[OMRSEventV1] = [self.events.entity(Ev.DELETED_ENTITY_EVENT, deleted)]
            # The cascade (InMemoryOMRSMetadataCollection.deleteEntity): our own relationships are
            # soft-deleted with it, reference copies of others' relationships are removed. Egeria does not
            # announce the cascade; announcing it keeps peers' copies from going stale (omrs-reference §7.6).
            for relationship in tx.relationships_of(obsolete_entity_guid):
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
                    tx.save_relationship(self.relationship_record(gone))
                    events.append(self.events.relationship(Ev.DELETED_RELATIONSHIP_EVENT, gone))
            tx.add_to_outbox(events)
            return deleted

        return self.fixer.entity(self.store.write(work))

    def purge_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_entity_guid: str
    ) -> None:
        method = "purgeEntity"
        self.check_user(user_id, method)
        self.check_guid(deleted_entity_guid, "deletedEntityGUID", method)

        def work(tx: StoreTransaction) -> None:
            current = self.entity_for_update(tx, deleted_entity_guid, method, deleted_ok=True)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is not InstanceStatus.DELETED:
                raise EntityNotDeletedException.for_guid(deleted_entity_guid, method, self.repository_name)
            events = [
                self.events.purged(
                    Ev.PURGED_RELATIONSHIP_EVENT,
                    r.type.type_def_guid if r.type else None,
                    r.type.type_def_name if r.type else None,
                    r.guid,
                )
                for r in tx.relationships_of(deleted_entity_guid)
                if is_home(r, self.local_id)
            ]
            tx.purge_entity(deleted_entity_guid)
            events.insert(
                0,
                self.events.purged(
                    Ev.PURGED_ENTITY_EVENT,
                    current.type.type_def_guid if current.type else None,
                    self.type_name(current),
                    deleted_entity_guid,
                ),
            )
            tx.add_to_outbox(events)

        self.store.write(work)

    def restore_entity(self, user_id: str, deleted_entity_guid: str) -> EntityDetail:
        method = "restoreEntity"
        self.check_user(user_id, method)
        self.check_guid(deleted_entity_guid, "deletedEntityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, deleted_entity_guid, method, deleted_ok=True)
            if current.status is not InstanceStatus.DELETED:
                raise EntityNotDeletedException.for_guid(deleted_entity_guid, method, self.repository_name)
            status = current.status_on_delete or self.gallery.initial_status(self.type_name(current))
            restored: EntityDetail = self.bump(
                current, user_id, self.now(), status=status, status_on_delete=None
            )
            tx.save_entity(self.entity_record(restored))
            tx.add_to_outbox([self.events.entity(Ev.RESTORED_ENTITY_EVENT, restored)])
            return restored

        return self.fixer.entity(self.store.write(work))

    # --- updating relationships -----------------------------------------------------------------------------

    def update_relationship_status(
        self, user_id: str, relationship_guid: str, new_status: InstanceStatus | None
    ) -> Relationship:
        method = "updateRelationshipStatus"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)
        status = self.check_status_present(new_status, "newStatus", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, relationship_guid, method)
            self.validator.validate_status(self.type_name(current), status, "newStatus", method)
            return self._save_relationship_update(tx, current, user_id, status=status)

        return self.fixer.relationship(self.store.write(work))

    def update_relationship_properties(
        self, user_id: str, relationship_guid: str, properties: InstanceProperties | None
    ) -> Relationship:
        method = "updateRelationshipProperties"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, relationship_guid, method)
            self.validator.validate_properties(self.type_name(current), properties, "properties", method)
            return self._save_relationship_update(tx, current, user_id, properties=properties)

        return self.fixer.relationship(self.store.write(work))

    def _save_relationship_update(
        self, tx: StoreTransaction, current: Relationship, user_id: str, **changes: Any
    ) -> Relationship:
        updated: Relationship = self.bump(current, user_id, self.now(), **changes)
        tx.save_relationship(self.relationship_record(updated))
        tx.add_to_outbox([self.events.relationship(Ev.UPDATED_RELATIONSHIP_EVENT, updated, original=current)])
        return updated

    def undo_relationship_update(self, user_id: str, relationship_guid: str) -> Relationship:
        method = "undoRelationshipUpdate"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, relationship_guid, method)
            history = tx.relationship_history(relationship_guid, None, None)
            if len(history) < 2:
                raise RelationshipNotKnownException.for_guid(relationship_guid, method, self.repository_name)
            previous = history[-2]
            restored: Relationship = self.bump(
                current,
                user_id,
                self.now(),
                type=previous.type,
                status=previous.status,
                status_on_delete=previous.status_on_delete,
                properties=previous.properties,
            )
            tx.save_relationship(self.relationship_record(restored))
            tx.add_to_outbox([self.events.relationship(Ev.UNDONE_RELATIONSHIP_EVENT, restored)])
            return restored

        return self.fixer.relationship(self.store.write(work))

    def delete_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_relationship_guid: str
    ) -> Relationship:
        method = "deleteRelationship"
        self.check_user(user_id, method)
        self.check_guid(obsolete_relationship_guid, "obsoleteRelationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, obsolete_relationship_guid, method, deleted_ok=True)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is InstanceStatus.DELETED:
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.INSTANCE_ALREADY_DELETED,
                    method,
                    self.repository_name,
                    obsolete_relationship_guid,
                    action=method,
                    parameter_name="obsoleteRelationshipGUID",
                )
            deleted: Relationship = self.bump(
                current, user_id, self.now(), status=InstanceStatus.DELETED, status_on_delete=current.status
            )
            tx.save_relationship(self.relationship_record(deleted))
            tx.add_to_outbox([self.events.relationship(Ev.DELETED_RELATIONSHIP_EVENT, deleted)])
            return deleted

        return self.fixer.relationship(self.store.write(work))

    def purge_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_relationship_guid: str
    ) -> None:
        method = "purgeRelationship"
        self.check_user(user_id, method)
        self.check_guid(deleted_relationship_guid, "deletedRelationshipGUID", method)

        def work(tx: StoreTransaction) -> None:
            current = self.relationship_for_update(tx, deleted_relationship_guid, method, deleted_ok=True)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if current.status is not InstanceStatus.DELETED:
                raise RelationshipNotDeletedException.for_guid(
                    deleted_relationship_guid, method, self.repository_name
                )
            tx.purge_relationship(deleted_relationship_guid)
            tx.add_to_outbox(
                [
                    self.events.purged(
                        Ev.PURGED_RELATIONSHIP_EVENT,
                        current.type.type_def_guid if current.type else None,
                        self.type_name(current),
                        deleted_relationship_guid,
                    )
                ]
            )

        self.store.write(work)

    def restore_relationship(self, user_id: str, deleted_relationship_guid: str) -> Relationship:
        method = "restoreRelationship"
        self.check_user(user_id, method)
        self.check_guid(deleted_relationship_guid, "deletedRelationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, deleted_relationship_guid, method, deleted_ok=True)
            if current.status is not InstanceStatus.DELETED:
                raise RelationshipNotDeletedException.for_guid(
                    deleted_relationship_guid, method, self.repository_name
                )
            status = current.status_on_delete or self.gallery.initial_status(self.type_name(current))
            restored: Relationship = self.bump(
                current, user_id, self.now(), status=status, status_on_delete=None
            )
            tx.save_relationship(self.relationship_record(restored))
            tx.add_to_outbox([self.events.relationship(Ev.RESTORED_RELATIONSHIP_EVENT, restored)])
            return restored

        return self.fixer.relationship(self.store.write(work))
