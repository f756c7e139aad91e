"""Group 6 of the metadata collection Protocol: reference copies of instances homed elsewhere.

Conventions: see ``_api``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from graphrepo.omrs import (
    Classification,
    EntityDetail,
    EntityProxy,
    InstanceGraph,
    Relationship,
)

__all__ = ["ReferenceCopyAPI"]


class ReferenceCopyAPI(Protocol):
    """Group 6: reference copies (never announced as events, except refresh requests)."""

    def save_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None: ...

    def get_home_classifications(
        self, user_id: str, entity_guid: str, as_of_time: datetime | None = None
    ) -> list[Classification]: ...

    def delete_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None: ...

    def purge_entity_reference_copy(self, user_id: str, entity: EntityDetail | None) -> None: ...

    def purge_entity_reference_copy_by_guid(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None: ...

    def refresh_entity_reference_copy(
        self,
        user_id: str,
        entity_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None:
        """HomeEntityException for a local entity; otherwise a REFRESH_ENTITY_REQUEST goes to the outbox."""
        ...

    def save_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None: ...

    def save_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None: ...

    def purge_classification_reference_copy(
        self, user_id: str, entity: EntityDetail, classification: Classification
    ) -> None: ...

    def purge_classification_reference_copy_proxy(
        self, user_id: str, entity_proxy: EntityProxy, classification: Classification
    ) -> None: ...

    def save_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None: ...

    def delete_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None: ...

    def purge_relationship_reference_copy(self, user_id: str, relationship: Relationship | None) -> None: ...

    def purge_relationship_reference_copy_by_guid(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None: ...

    def refresh_relationship_reference_copy(
        self,
        user_id: str,
        relationship_guid: str,
        type_def_guid: str,
        type_def_name: str,
        home_metadata_collection_id: str,
    ) -> None: ...

    def save_instance_reference_copies(self, user_id: str, instances: InstanceGraph | None) -> None: ...
