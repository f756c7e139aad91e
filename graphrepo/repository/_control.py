"""Group 5: re-identify, re-type and re-home entities and relationships (omrs-reference §2, Group 5).

Re-identify and re-type change home instances only (the reference-copy lock applies). Re-home is the
opposite: it is called on the *new* home, for an instance that is a reference copy here, and makes it ours
(``validateEntityCanBeRehomed``). Every change is version + 1 and announces its event.
"""

from __future__ import annotations

from graphrepo.omrs import (
    AnyTypeDef,
    EntityDetail,
    InstanceHeader,
    InstanceProvenanceType,
    InvalidParameterException,
    OMRSErrorCode,
    Relationship,
    TypeDefCategory,
    TypeDefSummary,
)
from graphrepo.repository._core import CollectionCore
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["ControlOperations"]


class ControlOperations(CollectionCore):
    # --- re-identify ----------------------------------------------------------------------------------------

    def re_identify_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, entity_guid: str, new_entity_guid: str
    ) -> EntityDetail:
        method = "reIdentifyEntity"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)
        self.check_guid(new_entity_guid, "newEntityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, entity_guid, method)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            self._guid_free(tx, new_entity_guid, "newEntityGUID", method)
            moved: EntityDetail = self.bump(
                current, user_id, self.now(), guid=new_entity_guid, re_identified_from_guid=entity_guid
            )
            attached = tx.relationships_of(entity_guid)
            tx.reidentify_entity(entity_guid, self.entity_record(moved))
            # Re-point each relationship's end proxy; the relationship itself is unchanged, so it keeps its
            # version (peers learn of the new GUID from the entity's RE_IDENTIFIED event).
            proxy = self.proxy_of(moved)
            for relationship in attached:
                ends = {}
                if (
                    relationship.entity_one_proxy is not None
                    and relationship.entity_one_proxy.guid == entity_guid
                ):
                    ends["entity_one_proxy"] = proxy
                if (
                    relationship.entity_two_proxy is not None
                    and relationship.entity_two_proxy.guid == entity_guid
                ):
                    ends["entity_two_proxy"] = proxy
                tx.save_relationship(self.relationship_record(relationship.model_copy(update=ends)))
            tx.add_to_outbox([self.events.re_identified_entity(moved, entity_guid)])
            return moved

        return self.fixer.entity(self.store.write(work))

    def re_identify_relationship(
        self,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        relationship_guid: str,
        new_relationship_guid: str,
    ) -> Relationship:
        method = "reIdentifyRelationship"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)
        self.check_guid(new_relationship_guid, "newRelationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, relationship_guid, method)
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if tx.get_relationship(new_relationship_guid) is not None:
                raise self._guid_taken(new_relationship_guid, "newRelationshipGUID", method)
            moved: Relationship = self.bump(
                current,
                user_id,
                self.now(),
                guid=new_relationship_guid,
                re_identified_from_guid=relationship_guid,
            )
            tx.reidentify_relationship(relationship_guid, self.relationship_record(moved))
            tx.add_to_outbox([self.events.re_identified_relationship(moved, relationship_guid)])
            return moved

        return self.fixer.relationship(self.store.write(work))

    def _guid_free(self, tx: StoreTransaction, guid: str, parameter: str, method: str) -> None:
        if tx.get_entity(guid) is not None:
            raise self._guid_taken(guid, parameter, method)

    def _guid_taken(self, guid: str, parameter: str, method: str) -> InvalidParameterException:
        # Egeria has no dedicated code; a duplicate GUID would merge two instances, so refuse it as a bad
        # parameter with a message that says so.
        return InvalidParameterException(
            http_code=400,
            error_message=f"The new GUID {guid} passed as the {parameter} parameter of {method} is already "
            f"in use in open metadata repository {self.repository_name}",
            action_description=method,
            parameter_name=parameter,
        )

    # --- re-type --------------------------------------------------------------------------------------------

    def _new_type(
        self,
        current: InstanceHeader,
        current_summary: TypeDefSummary | None,
        new_summary: TypeDefSummary | None,
        category: TypeDefCategory,
        method: str,
    ) -> AnyTypeDef:
        if current_summary is None or new_summary is None:
            parameter = "currentTypeDefSummary" if current_summary is None else "newTypeDefSummary"
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_TYPEDEF_IDENTIFIER,
                parameter,
                method,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        actual = current.type
        if actual is None or (current_summary.guid, current_summary.name) != (
            actual.type_def_guid,
            actual.type_def_name,
        ):
            raise InvalidParameterException.from_code(
                OMRSErrorCode.BAD_TYPEDEF_IDS_FOR_DELETE,
                current_summary.name,
                current_summary.guid,
                method,
                current.guid,
                self.repository_name,
                action=method,
                parameter_name="currentTypeDefSummary",
            )
        new_type = self.type_by_guid(new_summary.guid, category, "newTypeDefSummary", method)
        if new_type.name != new_summary.name:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.BAD_TYPEDEF_ID_FOR_INSTANCE,
                "newTypeDefSummary",
                method,
                self.repository_name,
                action=method,
                parameter_name="newTypeDefSummary",
            )
        return new_type

    def re_type_entity(
        self,
        user_id: str,
        entity_guid: str,
        current_type_def_summary: TypeDefSummary,
        new_type_def_summary: TypeDefSummary,
    ) -> EntityDetail:
        method = "reTypeEntity"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_for_update(tx, entity_guid, method)
            new_type = self._new_type(
                current, current_type_def_summary, new_type_def_summary, TypeDefCategory.ENTITY_DEF, method
            )
            name = str(new_type.name)
            # The content must be valid for the new type (PropertyError, ClassificationError otherwise).
            self.validator.validate_properties(
                name, current.properties, "newTypeDefSummary", method, require_mandatory=False
            )
            for classification in current.classifications:
                self.validator.validate_classification(classification.name, name, "newTypeDefSummary", method)
            retyped: EntityDetail = self.bump(current, user_id, self.now(), type=self.instance_type(new_type))
            tx.save_entity(self.entity_record(retyped))
            tx.add_to_outbox([self.events.retyped_entity(retyped, self.summary_of(current.type))])
            return retyped

        return self.fixer.entity(self.store.write(work))

    def re_type_relationship(
        self,
        user_id: str,
        relationship_guid: str,
        current_type_def_summary: TypeDefSummary,
        new_type_def_summary: TypeDefSummary,
    ) -> Relationship:
        method = "reTypeRelationship"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.relationship_for_update(tx, relationship_guid, method)
            new_type = self._new_type(
                current,
                current_type_def_summary,
                new_type_def_summary,
                TypeDefCategory.RELATIONSHIP_DEF,
                method,
            )
            name = str(new_type.name)
            self.validator.validate_properties(
                name, current.properties, "newTypeDefSummary", method, require_mandatory=False
            )
            self.validator.validate_relationship_ends(
                name, current.entity_one_proxy, current.entity_two_proxy, method
            )
            retyped: Relationship = self.bump(current, user_id, self.now(), type=self.instance_type(new_type))
            tx.save_relationship(self.relationship_record(retyped))
            tx.add_to_outbox([self.events.retyped_relationship(retyped, self.summary_of(current.type))])
            return retyped

        return self.fixer.relationship(self.store.write(work))

    # --- re-home --------------------------------------------------------------------------------------------

    def _check_rehome(
        self,
        current: InstanceHeader,
        type_def_guid: str,
        type_def_name: str,
        new_home_metadata_collection_id: str,
        method: str,
    ) -> None:
        if new_home_metadata_collection_id != self.local_id:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NOT_FOR_LOCAL_COLLECTION,
                current.guid,
                type_def_name,
                type_def_guid,
                new_home_metadata_collection_id,
                self.local_id,
                action=method,
                parameter_name="newHomeMetadataCollectionId",
            )
        if is_home(current, self.local_id):
            raise InvalidParameterException.from_code(
                OMRSErrorCode.INSTANCE_HOME_IS_LOCAL,
                current.metadata_collection_id,
                method,
                current.guid,
                self.local_id,
                self.repository_name,
                action=method,
                parameter_name="newHomeMetadataCollectionId",
            )
        self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)

    def _rehomed_fields(self, name: str | None) -> dict[str, object]:
        return {
            "metadata_collection_id": self.local_id,
            "metadata_collection_name": name or self.local_name,
            "instance_provenance_type": InstanceProvenanceType.LOCAL_COHORT,
            "replicated_by": None,
        }

    def re_home_entity(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
        new_home_metadata_collection_id: str,
        new_home_metadata_collection_name: str | None = None,
    ) -> EntityDetail:
        method = "reHomeEntity"
        self.check_user(user_id, method)
        self.check_guid(entity_guid, "entityGUID", method)

        def work(tx: StoreTransaction) -> EntityDetail:
            current = self.entity_detail(tx, entity_guid, method)
            self._check_rehome(current, type_def_guid, type_def_name, new_home_metadata_collection_id, method)
            rehomed: EntityDetail = self.bump(
                current, user_id, self.now(), **self._rehomed_fields(new_home_metadata_collection_name)
            )
            tx.save_entity(self.entity_record(rehomed))
            tx.add_to_outbox([self.events.rehomed_entity(rehomed, current.metadata_collection_id)])
            return rehomed

        return self.fixer.entity(self.store.write(work))

    def re_home_relationship(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
        new_home_metadata_collection_id: str,
        new_home_metadata_collection_name: str | None = None,
    ) -> Relationship:
        method = "reHomeRelationship"
        self.check_user(user_id, method)
        self.check_guid(relationship_guid, "relationshipGUID", method)

        def work(tx: StoreTransaction) -> Relationship:
            current = self.stored_relationship(tx, relationship_guid, method)
            self.not_deleted(current, method)
            self._check_rehome(current, type_def_guid, type_def_name, new_home_metadata_collection_id, method)
            rehomed: Relationship = self.bump(
                current, user_id, self.now(), **self._rehomed_fields(new_home_metadata_collection_name)
            )
            tx.save_relationship(self.relationship_record(rehomed))
            tx.add_to_outbox([self.events.rehomed_relationship(rehomed, current.metadata_collection_id)])
            return rehomed

        return self.fixer.relationship(self.store.write(work))
