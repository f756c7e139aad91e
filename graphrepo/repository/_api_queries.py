"""Group 3 of the metadata collection Protocol: reading, history, searches and graph queries.

Conventions: see ``_api``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from graphrepo.omrs import (
    EntityDetail,
    EntitySummary,
    HistorySequencingOrder,
    InstanceGraph,
    InstanceProperties,
    InstanceStatus,
    MatchCriteria,
    Relationship,
    SearchClassifications,
    SearchProperties,
    SequencingOrder,
)

__all__ = ["QueryAPI"]


class QueryAPI(Protocol):
    """Group 3: point reads (now or as of a time), history, searches and graph queries."""

    # --- Group 3: reading entities ------------------------------------------------------------------------

    def is_entity_known(self, user_id: str, guid: str) -> EntityDetail | None:
        """The entity in any status (DELETED included); None when unknown or only a proxy is held."""
        ...

    def get_entity_summary(self, user_id: str, guid: str) -> EntitySummary:
        """From the full entity or from a proxy."""
        ...

    def get_entity_detail(
        self, user_id: str, guid: str, as_of_time: datetime | None = None
    ) -> EntityDetail: ...

    def get_entity_detail_history(
        self,
        user_id: str,
        guid: str,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        start_from_element: int = 0,
        page_size: int = 0,
        sequencing_order: HistorySequencingOrder | None = None,
    ) -> list[EntityDetail]:
        """``sequencing_order`` None means BACKWARDS (newest first), Egeria's default."""
        ...

    def get_relationships_for_entity(
        self,
        user_id: str,
        entity_guid: str,
        relationship_type_guid: str | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]: ...

    def find_entities(
        self,
        user_id: str,
        entity_type_guid: str | None = None,
        entity_subtype_guids: list[str] | None = None,
        match_properties: SearchProperties | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        match_classifications: SearchClassifications | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]: ...

    def find_entities_by_property(
        self,
        user_id: str,
        entity_type_guid: str | None = None,
        match_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]: ...

    def find_entities_by_classification(
        self,
        user_id: str,
        entity_type_guid: str | None,
        classification_name: str,
        match_classification_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]: ...

    def find_entities_by_property_value(
        self,
        user_id: str,
        entity_type_guid: str | None,
        search_criteria: str,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]: ...

    # --- Group 3: reading relationships -------------------------------------------------------------------

    def is_relationship_known(self, user_id: str, guid: str) -> Relationship | None: ...

    def get_relationship(
        self, user_id: str, guid: str, as_of_time: datetime | None = None
    ) -> Relationship: ...

    def get_relationship_history(
        self,
        user_id: str,
        guid: str,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        start_from_element: int = 0,
        page_size: int = 0,
        sequencing_order: HistorySequencingOrder | None = None,
    ) -> list[Relationship]: ...

    def find_relationships(
        self,
        user_id: str,
        relationship_type_guid: str | None = None,
        relationship_subtype_guids: list[str] | None = None,
        match_properties: SearchProperties | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]: ...

    def find_relationships_by_property(
        self,
        user_id: str,
        relationship_type_guid: str | None = None,
        match_properties: InstanceProperties | None = None,
        match_criteria: MatchCriteria | None = None,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]: ...

    def find_relationships_by_property_value(
        self,
        user_id: str,
        relationship_type_guid: str | None,
        search_criteria: str,
        from_relationship_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[Relationship]: ...

    # --- Group 3: graph queries ---------------------------------------------------------------------------

    def get_linking_entities(
        self,
        user_id: str,
        start_entity_guid: str,
        end_entity_guid: str,
        limit_results_by_status: list[InstanceStatus] | None = None,
        as_of_time: datetime | None = None,
    ) -> InstanceGraph: ...

    def get_entity_neighborhood(
        self,
        user_id: str,
        entity_guid: str,
        entity_type_guids: list[str] | None = None,
        relationship_type_guids: list[str] | None = None,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        level: int = 1,
    ) -> InstanceGraph: ...

    def get_related_entities(
        self,
        user_id: str,
        start_entity_guid: str,
        entity_type_guids: list[str] | None = None,
        from_entity_element: int = 0,
        limit_results_by_status: list[InstanceStatus] | None = None,
        limit_results_by_classification: list[str] | None = None,
        as_of_time: datetime | None = None,
        sequencing_property: str | None = None,
        sequencing_order: SequencingOrder | None = None,
        page_size: int = 0,
    ) -> list[EntityDetail]: ...
