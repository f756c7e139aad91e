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
from datetime import datetime
from enum import StrEnum

from graphrepo.omrs import (
    Classification,
    EntityConflictException,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    HomeEntityException,
    HomeRelationshipException,
    InstanceGraph,
    InstanceHeader,
    InvalidEntityException,
    InvalidParameterException,
    InvalidRelationshipException,
    OMRSCheckedException,
    OMRSErrorCode,
    Relationship,
    RelationshipConflictException,
    RelationshipNotKnownException,
    TypeDefCategory,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._events import Ev
from graphrepo.repository._ownership import is_home, is_local_home
from graphrepo.store import StoreTransaction

__all__ = ["ReferenceCopyOperations", "SaveOutcome"]

_log = logging.getLogger(__name__)


class SaveOutcome(StrEnum):
    STORED = "stored"
    STALE = "stale"  # same instance, version not newer: ignored (out-of-order delivery)
    IGNORED = "ignored"  # headerVersion newer than this member understands


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
        self.check_user(user_id, method)
        checked = self._check_entity_copy(entity, method)
        if checked is None:
            return SaveOutcome.IGNORED
        return self.store.write(lambda tx: self._save_entity_copy(tx, checked, home_change_allowed, method))

    def _check_entity_copy(self, entity: EntityDetail | None, method: str) -> EntityDetail | None:
        if entity is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                self.repository_name,
                method,
                "entity",
                action=method,
                parameter_name="entity",
            )
        if entity.header_version > 1:
            return None  # a newer header than we understand: skipped, as Egeria's local wrapper does
        self.check_guid(entity.guid, "entity", method)
        self._check_home_present(entity, "entity", method)
        self.validator.validate_entity(entity, "entity", method, require_mandatory=False, allow_deleted=True)
        if is_local_home(entity, self.local_id):
            _log.info("reference copy of %s names this member as its home; stored (restore)", entity.guid)
        return entity

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

    def _save_entity_copy(
        self, tx: StoreTransaction, entity: EntityDetail, home_change_allowed: bool, method: str
    ) -> SaveOutcome:
        stored = tx.get_entity(str(entity.guid))
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
        tx.save_entity(self.entity_record(entity))
        return SaveOutcome.STORED

    def purge_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None:
        method = "purgeEntityReferenceCopy"
        self.check_user(user_id, method)
        if entity is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                self.repository_name,
                method,
                "entity",
                action=method,
                parameter_name="entity",
            )
        self.purge_entity_reference_copy_by_guid(
            user_id,
            str(entity.guid),
            str(entity.type.type_def_guid if entity.type else ""),
            self.type_name(entity),
            str(entity.metadata_collection_id),
        )

    def purge_entity_reference_copy_by_guid(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        method = "purgeEntityReferenceCopy"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)

        def work(tx: StoreTransaction) -> None:
            stored = self.stored_entity(tx, entity_guid, method)
            if is_home(stored, self.local_id):
                raise HomeEntityException.from_code(
                    OMRSErrorCode.INSTANCE_HOME_IS_LOCAL,
                    stored.metadata_collection_id,
                    method,
                    entity_guid,
                    self.local_id,
                    self.repository_name,
                    action=method,
                )
            attached = tx.relationships_of(entity_guid)
            tx.purge_entity(entity_guid)
            # Relationships to the purged copy stay, ending at a proxy of it (Egeria leaves them dangling).
            if attached:
                tx.save_proxy(self.proxy_record(self.proxy_of(stored)))
                for relationship in attached:
                    tx.save_relationship(self.relationship_record(relationship))

        self.store.write(work)

    def refresh_entity_reference_copy(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        method = "refreshEntityReferenceCopy"
        self._refresh(
            user_id, method, entity_guid, type_def_guid, type_def_name, home_metadata_collection_id, False
        )

    def _refresh(
        self,
        user_id: str,
        method: str,
        guid: str,
        type_def_guid: str,
        type_def_name: str,
        home: str,
        relationship: bool,
    ) -> None:
        self.check_user(user_id, method)
        parameter = "relationshipGUID" if relationship else "entityGUID"
        self.check_guid(guid, parameter, method)
        self.check_guid(home, "homeMetadataCollectionId", method)
        category = TypeDefCategory.RELATIONSHIP_DEF if relationship else TypeDefCategory.ENTITY_DEF
        self.type_by_guid(type_def_guid, category, "typeDefGUID", method)

        def work(tx: StoreTransaction) -> None:
            stored: InstanceHeader | None = tx.get_relationship(guid) if relationship else tx.get_entity(guid)
            if home == self.local_id or (stored is not None and is_local_home(stored, self.local_id)):
                error = HomeRelationshipException if relationship else HomeEntityException
                raise error.from_code(
                    OMRSErrorCode.HOME_REFRESH,
                    method,
                    guid,
                    self.local_id,
                    self.repository_name,
                    action=method,
                )
            event = Ev.REFRESH_RELATIONSHIP_REQUEST if relationship else Ev.REFRESH_ENTITY_REQUEST
            tx.add_to_outbox([self.events.refresh_request(event, type_def_guid, type_def_name, guid, home)])

        self.store.write(work)

    # --- classifications ------------------------------------------------------------------------------------

    def save_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity, classification, purge=False)

    def save_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity_proxy, classification, purge=False)

    def purge_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity, classification, purge=True)

    def purge_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None:
        self._classification_copy(user_id, entity_proxy, classification, purge=True)

    def _classification_copy(
        self, user_id: str, entity: EntityDetail | EntityProxy, classification: Classification, *, purge: bool
    ) -> None:
        method = "purgeClassificationReferenceCopy" if purge else "saveClassificationReferenceCopy"
        self.check_user(user_id, method)
        for value, parameter in ((entity, "entity"), (classification, "classification")):
            if value is None:
                raise InvalidParameterException.from_code(
                    OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                    self.repository_name,
                    method,
                    parameter,
                    action=method,
                    parameter_name=parameter,
                )
        self.check_guid(entity.guid, "entity", method)
        entity_type = self.validator.type_for_instance(
            entity.type, TypeDefCategory.ENTITY_DEF, "entity", method
        )
        if not purge:
            self.validator.validate_classifications(
                [classification], str(entity_type.name), "classification", method, require_mandatory=False
            )

        def work(tx: StoreTransaction) -> None:
            stored = tx.get_entity(str(entity.guid))
            if stored is None:
                if purge:
                    return
                if is_home(entity, self.local_id):
                    raise EntityNotKnownException.for_guid(str(entity.guid), method, self.repository_name)
                stored = self.proxy_of(entity)
            current = next((c for c in stored.classifications if c.name == classification.name), None)
            others = [c for c in stored.classifications if c.name != classification.name]
            if purge:
                if current is None:
                    return
            elif current is not None and classification.version <= current.version:
                return  # stale: the classification's own version decides (§8.2, classification events)
            else:
                others.append(classification)
            updated = stored.model_copy(update={"classifications": others})
            if isinstance(updated, EntityDetail):
                tx.save_entity(self.entity_record(updated))
            else:
                tx.save_proxy(self.proxy_record(updated))

        self.store.write(work)

    def get_home_classifications(
        self, user_id: str, entity_guid: str, as_of_time: datetime | None = None
    ) -> list[Classification]:
        """The classifications homed here on the entity (whatever the entity's own home)."""
        method = "getHomeClassifications"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        as_of = self.check_as_of(as_of_time, method)

        def work(tx: StoreTransaction) -> list[Classification]:
            found: EntityDetail | EntityProxy | None = (
                tx.get_entity(entity_guid) if as_of is None else tx.entity_as_of(entity_guid, as_of)
            )
            if found is None:
                raise EntityNotKnownException.for_guid(entity_guid, method, self.repository_name)
            return [c for c in found.classifications if is_home(c, self.local_id)]

        return [self.fixer.header(c) for c in self.store.read(work)]

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
        self.check_user(user_id, method)
        checked = self._check_relationship_copy(relationship, method)
        if checked is None:
            return SaveOutcome.IGNORED
        return self.store.write(
            lambda tx: self._save_relationship_copy(tx, checked, home_change_allowed, method)
        )

    def _check_relationship_copy(self, relationship: Relationship | None, method: str) -> Relationship | None:
        if relationship is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                self.repository_name,
                method,
                "relationship",
                action=method,
                parameter_name="relationship",
            )
        if relationship.header_version > 1:
            return None
        self.check_guid(relationship.guid, "relationship", method)
        self._check_home_present(relationship, "relationship", method)
        self.validator.validate_relationship(
            relationship, "relationship", method, require_mandatory=False, allow_deleted=True
        )
        return relationship

    def _save_relationship_copy(
        self, tx: StoreTransaction, relationship: Relationship, home_change_allowed: bool, method: str
    ) -> SaveOutcome:
        stored = tx.get_relationship(str(relationship.guid))
        if stored is not None:
            outcome = self._compare(relationship, stored, home_change_allowed, method)
            if outcome is not None:
                return outcome
        for proxy in (relationship.entity_one_proxy, relationship.entity_two_proxy):
            if proxy is None or not proxy.guid:
                raise EntityNotKnownException.for_guid(
                    str(proxy.guid if proxy else None), method, self.repository_name
                )
            if tx.get_entity(proxy.guid) is None:
                if is_home(proxy, self.local_id):
                    raise EntityNotKnownException.for_guid(proxy.guid, method, self.repository_name)
                tx.save_proxy(self.proxy_record(proxy))
        tx.save_relationship(self.relationship_record(relationship))
        return SaveOutcome.STORED

    def purge_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None:
        method = "purgeRelationshipReferenceCopy"
        self.check_user(user_id, method)
        if relationship is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_REFERENCE_INSTANCE,
                self.repository_name,
                method,
                "relationship",
                action=method,
                parameter_name="relationship",
            )
        self.purge_relationship_reference_copy_by_guid(
            user_id,
            str(relationship.guid),
            str(relationship.type.type_def_guid if relationship.type else ""),
            self.type_name(relationship),
            str(relationship.metadata_collection_id),
        )

    def purge_relationship_reference_copy_by_guid(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        method = "purgeRelationshipReferenceCopy"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)

        def work(tx: StoreTransaction) -> None:
            stored = tx.get_relationship(relationship_guid)
            if stored is None:
                raise RelationshipNotKnownException.for_guid(relationship_guid, method, self.repository_name)
            if is_home(stored, self.local_id):
                raise HomeRelationshipException.from_code(
                    OMRSErrorCode.INSTANCE_HOME_IS_LOCAL,
                    stored.metadata_collection_id,
                    method,
                    relationship_guid,
                    self.local_id,
                    self.repository_name,
                    action=method,
                )
            tx.purge_relationship(relationship_guid)

        self.store.write(work)

    def refresh_relationship_reference_copy(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        method = "refreshRelationshipReferenceCopy"
        self._refresh(
            user_id,
            method,
            relationship_guid,
            type_def_guid,
            type_def_name,
            home_metadata_collection_id,
            True,
        )

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
            for entity in entities:
                try:
                    checked = self._check_entity_copy(entity, method)
                    if checked is not None:
                        self._save_entity_copy(tx, checked, False, method)
                except (EntityConflictException, HomeEntityException, InvalidParameterException) as error:
                    raise self._invalid(InvalidEntityException, error, method) from error
            for relationship in relationships:
                try:
                    checked_relationship = self._check_relationship_copy(relationship, method)
                    if checked_relationship is not None:
                        self._save_relationship_copy(tx, checked_relationship, False, method)
                except (
                    RelationshipConflictException,
                    HomeRelationshipException,
                    InvalidParameterException,
                ) as error:
                    raise self._invalid(InvalidRelationshipException, error, method) from error

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
