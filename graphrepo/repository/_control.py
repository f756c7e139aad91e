"""Group 5: re-identify, re-type and re-home entities and relationships (omrs-reference §2, Group 5).

Re-identify and re-type change home instances only (the reference-copy lock applies). Re-home is the
opposite: it is called on the *new* home, for an instance that is a reference copy here, and makes it ours
(``validateEntityCanBeRehomed``). Every change is version + 1 and announces its event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
from graphrepo.repository._kinds import InstanceKind
from graphrepo.repository._ownership import is_home
from graphrepo.store import StoreTransaction

__all__ = ["ControlOperations"]

_I = TypeVar("_I", EntityDetail, Relationship)


class ControlOperations(CollectionCore):
    # --- re-identify ----------------------------------------------------------------------------------------

    def re_identify_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, entity_guid: str, new_entity_guid: str
    ) -> EntityDetail:
        return self._re_identify(
            self.entities,
            "reIdentifyEntity",
            user_id,
            type_def_guid,
            type_def_name,
            entity_guid,
            new_entity_guid,
            self._move_entity,
        )

    def re_identify_relationship(
        self,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        relationship_guid: str,
        new_relationship_guid: str,
    ) -> Relationship:
        return self._re_identify(
            self.relationships,
            "reIdentifyRelationship",
            user_id,
            type_def_guid,
            type_def_name,
            relationship_guid,
            new_relationship_guid,
            self.relationships.reidentify,
        )

    def _re_identify(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        guid: str,
        new_guid: str,
        move: Callable[[StoreTransaction, str, _I], None],
    ) -> _I:
        """``move`` stores the instance under its new GUID (given the old one)."""
        new_parameter = kind.parameter("new")
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)
        self.check_guid(new_guid, new_parameter, method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            self.check_type_ids_for_delete(type_def_guid, type_def_name, current, method)
            if kind.get(tx, new_guid) is not None:
                raise self._guid_taken(new_guid, new_parameter, method)
            moved: _I = self.bump(current, user_id, self.now(), guid=new_guid, re_identified_from_guid=guid)
            move(tx, guid, moved)
            tx.add_to_outbox([self.events.instance(kind.re_identified, moved, original_guid=guid)])
            return moved

        return self.change_home(kind, method, guid, change)

    def _move_entity(self, tx: StoreTransaction, entity_guid: str, moved: EntityDetail) -> None:
        """Re-point each relationship's end proxy; the relationship itself is unchanged, so it keeps its
        version (peers learn of the new GUID from the entity's RE_IDENTIFIED event)."""
        attached = tx.relationships_of(entity_guid)
        self.entities.reidentify(tx, entity_guid, moved)
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
            self.relationships.save(tx, relationship.model_copy(update=ends))

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
        return self._re_type(
            self.entities,
            "reTypeEntity",
            user_id,
            entity_guid,
            current_type_def_summary,
            new_type_def_summary,
            self._classifications_fit,
        )

    def re_type_relationship(
        self,
        user_id: str,
        relationship_guid: str,
        current_type_def_summary: TypeDefSummary,
        new_type_def_summary: TypeDefSummary,
    ) -> Relationship:
        return self._re_type(
            self.relationships,
            "reTypeRelationship",
            user_id,
            relationship_guid,
            current_type_def_summary,
            new_type_def_summary,
            self._ends_fit,
        )

    def _re_type(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        guid: str,
        current_summary: TypeDefSummary,
        new_summary: TypeDefSummary,
        fits: Callable[[_I, str, str], None],
    ) -> _I:
        """The content must be valid for the new type (PropertyError, and what ``fits`` raises)."""
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)

        def change(tx: StoreTransaction, current: _I) -> _I:
            new_type = self._new_type(current, current_summary, new_summary, kind.category, method)
            name = str(new_type.name)
            self.validator.validate_properties(
                name, current.properties, "newTypeDefSummary", method, require_mandatory=False
            )
            fits(current, name, method)
            retyped: _I = self.bump(current, user_id, self.now(), type=self.instance_type(new_type))
            kind.save(tx, retyped)
            original = self.summary_of(current.type)
            tx.add_to_outbox([self.events.instance(kind.retyped, retyped, original_type=original)])
            return retyped

        return self.change_home(kind, method, guid, change)

    def _classifications_fit(self, entity: EntityDetail, type_name: str, method: str) -> None:
        for classification in entity.classifications:
            self.validator.validate_classification(
                classification.name, type_name, "newTypeDefSummary", method
            )

    def _ends_fit(self, relationship: Relationship, type_name: str, method: str) -> None:
        self.validator.validate_relationship_ends(
            type_name, relationship.entity_one_proxy, relationship.entity_two_proxy, method
        )

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
        return self._re_home(
            self.entities,
            "reHomeEntity",
            user_id,
            entity_guid,
            type_def_guid,
            type_def_name,
            new_home_metadata_collection_id,
            new_home_metadata_collection_name,
        )

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
        return self._re_home(
            self.relationships,
            "reHomeRelationship",
            user_id,
            relationship_guid,
            type_def_guid,
            type_def_name,
            new_home_metadata_collection_id,
            new_home_metadata_collection_name,
        )

    def _re_home(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        guid: str,
        type_def_guid: str,
        type_def_name: str,
        new_home_id: str,
        new_home_name: str | None,
    ) -> _I:
        self.check_user(user_id, method)
        self.check_guid(guid, kind.parameter(), method)

        def work(tx: StoreTransaction) -> _I:
            current = kind.full(tx, guid, method)
            self._check_rehome(current, type_def_guid, type_def_name, new_home_id, method)
            rehomed: _I = self.bump(current, user_id, self.now(), **self._rehomed_fields(new_home_name))
            kind.save(tx, rehomed)
            original_home = current.metadata_collection_id
            tx.add_to_outbox([self.events.instance(kind.re_homed, rehomed, original_home=original_home)])
            return rehomed

        return kind.fix(self.store.write(work))
