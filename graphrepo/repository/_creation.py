"""Group 4 creation: addEntity, addExternalEntity, addEntityProxy, addRelationship, addExternalRelationship.

A new instance is homed here (``LOCAL_COHORT``) or, in the external forms, in the external source we
replicate (``EXTERNAL_SOURCE``, ``replicatedBy`` us); it is validated against its type, saved and announced
(NEW_*_EVENT) in one ``store.write`` transaction. New classifications (on a new entity, or by
``classifyEntity``) are built here too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graphrepo.omrs import (
    AnyTypeDef,
    Classification,
    ClassificationOrigin,
    EntityDetail,
    EntityProxy,
    InstanceProperties,
    InstanceProvenanceType,
    InstanceStatus,
    InvalidParameterException,
    OMRSErrorCode,
    Relationship,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._events import Ev
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["CreationOperations"]


class CreationOperations(CollectionCore):
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
            name=type_def.name,
            properties=properties,
            classification_origin=origin or ClassificationOrigin.ASSIGNED,
            classification_origin_guid=origin_guid,
            **self._first_version(
                type_def, user_id, now, status or self.gallery.initial_status(str(type_def.name)), home
            ),
        )

    def _first_version(
        self,
        type_def: AnyTypeDef,
        user_id: str,
        now: datetime,
        status: InstanceStatus | None,
        home: dict[str, Any],
    ) -> dict[str, Any]:
        """The header fields of version 1 of an instance (or classification) of ``type_def``."""
        return {
            "type": self.instance_type(type_def),
            "created_by": user_id,
            "create_time": now,
            "maintained_by": [user_id],
            "version": 1,
            "status": status,
            **home,
        }

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
            guid=self.new_guid(),
            properties=initial_properties,
            classifications=classifications,
            **self._first_version(type_def, user_id, now, status, home),
        )

        def work(tx: StoreTransaction) -> EntityDetail:
            tx.save_entity(self.entity_record(entity))
            tx.add_to_outbox([self.events.instance(Ev.NEW_ENTITY_EVENT, entity)])
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
                guid=self.new_guid(),
                properties=initial_properties,
                entity_one_proxy=ends[0],
                entity_two_proxy=ends[1],
                **self._first_version(type_def, user_id, now, status, home),
            )
            tx.save_relationship(self.relationship_record(relationship))
            tx.add_to_outbox([self.events.instance(Ev.NEW_RELATIONSHIP_EVENT, relationship)])
            return relationship

        return self.fixer.relationship(self.store.write(work))
