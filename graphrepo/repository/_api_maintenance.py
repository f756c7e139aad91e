"""Groups 4 and 5 of the metadata collection Protocol: changing home instances.

Conventions: see ``_api``.
"""

from __future__ import annotations

from typing import Protocol

from graphrepo.omrs import (
    Classification,
    ClassificationOrigin,
    EntityDetail,
    EntityProxy,
    InstanceProperties,
    InstanceStatus,
    Relationship,
    TypeDefSummary,
)

__all__ = ["ControlAPI", "MaintenanceAPI"]


class MaintenanceAPI(Protocol):
    """Group 4: creating, updating, classifying, deleting, purging and restoring instances."""

    # --- Group 4: maintenance of entities -----------------------------------------------------------------

    def add_entity(
        self,
        user_id: str,
        entity_type_guid: str,
        initial_properties: InstanceProperties | None = None,
        initial_classifications: list[Classification] | None = None,
        initial_status: InstanceStatus | None = None,
    ) -> EntityDetail: ...

    def add_external_entity(
        self,
        user_id: str,
        entity_type_guid: str,
        external_source_guid: str | None,
        external_source_name: str | None,
        initial_properties: InstanceProperties | None = None,
        initial_classifications: list[Classification] | None = None,
        initial_status: InstanceStatus | None = None,
    ) -> EntityDetail: ...

    def add_entity_proxy(self, user_id: str, entity_proxy: EntityProxy | None) -> None: ...

    def update_entity_status(
        self, user_id: str, entity_guid: str, new_status: InstanceStatus | None
    ) -> EntityDetail: ...

    def update_entity_properties(
        self, user_id: str, entity_guid: str, properties: InstanceProperties | None
    ) -> EntityDetail:
        """Replaces the whole property set (as Egeria's reference connectors do)."""
        ...

    def undo_entity_update(self, user_id: str, entity_guid: str) -> EntityDetail: ...

    def delete_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_entity_guid: str
    ) -> EntityDetail: ...

    def purge_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_entity_guid: str
    ) -> None: ...

    def restore_entity(self, user_id: str, deleted_entity_guid: str) -> EntityDetail: ...

    # --- Group 4: classifications -------------------------------------------------------------------------

    def classify_entity(
        self,
        user_id: str,
        entity_guid: str,
        classification_name: str,
        classification_properties: InstanceProperties | None,
        *,
        external_source_guid: str | None = None,
        external_source_name: str | None = None,
        classification_origin: ClassificationOrigin | None = None,
        classification_origin_guid: str | None = None,
    ) -> EntityDetail: ...

    def classify_entity_proxy(
        self,
        user_id: str,
        entity_proxy: EntityProxy,
        classification_name: str,
        classification_properties: InstanceProperties | None,
        *,
        external_source_guid: str | None = None,
        external_source_name: str | None = None,
        classification_origin: ClassificationOrigin | None = None,
        classification_origin_guid: str | None = None,
    ) -> Classification:
        """Stores the proxy first if this repository does not hold the entity."""
        ...

    def declassify_entity(self, user_id: str, entity_guid: str, classification_name: str) -> EntityDetail: ...

    def declassify_entity_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification_name: str
    ) -> Classification:
        """Returns the removed classification."""
        ...

    def update_entity_classification(
        self,
        user_id: str,
        entity_guid: str,
        classification_name: str,
        properties: InstanceProperties | None,
    ) -> EntityDetail: ...

    def update_entity_classification_proxy(
        self,
        user_id: str,
        entity_proxy: EntityProxy,
        classification_name: str,
        properties: InstanceProperties | None,
    ) -> Classification: ...

    # --- Group 4: maintenance of relationships ------------------------------------------------------------

    def add_relationship(
        self,
        user_id: str,
        relationship_type_guid: str,
        initial_properties: InstanceProperties | None,
        entity_one_guid: str,
        entity_two_guid: str,
        initial_status: InstanceStatus | None = None,
    ) -> Relationship: ...

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
    ) -> Relationship: ...

    def update_relationship_status(
        self, user_id: str, relationship_guid: str, new_status: InstanceStatus | None
    ) -> Relationship: ...

    def update_relationship_properties(
        self, user_id: str, relationship_guid: str, properties: InstanceProperties | None
    ) -> Relationship: ...

    def undo_relationship_update(self, user_id: str, relationship_guid: str) -> Relationship: ...

    def delete_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, obsolete_relationship_guid: str
    ) -> Relationship: ...

    def purge_relationship(
        self, user_id: str, type_def_guid: str, type_def_name: str, deleted_relationship_guid: str
    ) -> None: ...

    def restore_relationship(self, user_id: str, deleted_relationship_guid: str) -> Relationship: ...


class ControlAPI(Protocol):
    """Group 5: re-identifying, re-typing and re-homing instances."""

    def re_identify_entity(
        self, user_id: str, type_def_guid: str, type_def_name: str, entity_guid: str, new_entity_guid: str
    ) -> EntityDetail: ...

    def re_type_entity(
        self,
        user_id: str,
        entity_guid: str,
        current_type_def_summary: TypeDefSummary,
        new_type_def_summary: TypeDefSummary,
    ) -> EntityDetail: ...

    def re_home_entity(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
        new_home_metadata_collection_id: str,
        new_home_metadata_collection_name: str | None = None,
    ) -> EntityDetail: ...

    def re_identify_relationship(
        self,
        user_id: str,
        type_def_guid: str,
        type_def_name: str,
        relationship_guid: str,
        new_relationship_guid: str,
    ) -> Relationship: ...

    def re_type_relationship(
        self,
        user_id: str,
        relationship_guid: str,
        current_type_def_summary: TypeDefSummary,
        new_type_def_summary: TypeDefSummary,
    ) -> Relationship: ...

    def re_home_relationship(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
        new_home_metadata_collection_id: str,
        new_home_metadata_collection_name: str | None = None,
    ) -> Relationship: ...
