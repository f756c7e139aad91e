"""The whole ``OMRSMetadataCollection`` (Egeria 5.x) as a Python Protocol: what the REST layer calls.

Conventions (kept exactly, so the REST layer and the cohort layer can be written against this file alone):

* a method is the Java method name in ``snake_case``; ``user_id`` comes first; every parameter is the
  Java parameter name in ``snake_case`` and may be passed by keyword;
* Java overloads get distinct names: the ``EntityProxy`` forms end in ``_proxy``, the GUID forms of the
  reference-copy purges end in ``_by_guid``; ``as_of_time=None`` folds the historical overloads of
  ``getEntityDetail``/``getRelationship``/``getHomeClassifications`` into one method;
* beans are the wire model's (:mod:`graphrepo.omrs`);
* every list-returning method returns ``[]`` where Java returns ``null`` (the REST layer omits an empty
  list from the response); graph queries return an ``InstanceGraph`` whose lists may be empty;
* errors are the OMRS exceptions of :mod:`graphrepo.omrs` Egeria raises in that case (omrs-reference §2).

Group 2 (TypeDefs) is the metamodel's :class:`~graphrepo.metamodel.TypeDefService`; the metadata
collection delegates to it, so this Protocol is the whole metadata collection.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeTypeDefCategory,
    Classification,
    ClassificationOrigin,
    EntityDetail,
    EntityProxy,
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
    TypeDefCategory,
    TypeDefGallery,
    TypeDefPatch,
    TypeDefProperties,
    TypeDefSummary,
)

__all__ = ["MetadataCollectionAPI"]


@runtime_checkable
class MetadataCollectionAPI(Protocol):
    """Every operation of Egeria's ``OMRSMetadataCollection`` (Groups 1 to 6)."""

    # --- Group 1: identity --------------------------------------------------------------------------------

    def get_metadata_collection_id(self, user_id: str) -> str: ...

    # --- Group 2: TypeDefs (delegated to the metamodel's TypeDefService) ---------------------------------

    def get_all_types(self, user_id: str) -> TypeDefGallery: ...

    def find_types_by_name(self, user_id: str, name: str | None) -> TypeDefGallery | None:
        """None when no type matches (Java returns null; the REST layer omits both lists)."""
        ...

    def find_type_defs_by_category(
        self, user_id: str, category: TypeDefCategory | None
    ) -> list[AnyTypeDef]: ...

    def find_attribute_type_defs_by_category(
        self, user_id: str, category: AttributeTypeDefCategory | None
    ) -> list[AnyAttributeTypeDef]: ...

    def find_type_defs_by_property(
        self, user_id: str, match_criteria: TypeDefProperties | None
    ) -> list[AnyTypeDef]: ...

    def find_types_by_external_id(
        self, user_id: str, standard: str | None, organization: str | None, identifier: str | None
    ) -> list[AnyTypeDef]: ...

    def search_for_type_defs(self, user_id: str, search_criteria: str | None) -> list[AnyTypeDef]: ...

    def get_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyTypeDef: ...

    def get_attribute_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyAttributeTypeDef: ...

    def get_type_def_by_name(self, user_id: str, name: str | None) -> AnyTypeDef: ...

    def get_attribute_type_def_by_name(self, user_id: str, name: str | None) -> AnyAttributeTypeDef: ...

    def add_type_def_gallery(self, user_id: str, new_types: TypeDefGallery | None) -> None: ...

    def add_type_def(self, user_id: str, new_type_def: AnyTypeDef | None) -> None: ...

    def add_attribute_type_def(
        self, user_id: str, new_attribute_type_def: AnyAttributeTypeDef | None
    ) -> None: ...

    def verify_type_def(self, user_id: str, type_def: AnyTypeDef | None) -> bool: ...

    def verify_attribute_type_def(
        self, user_id: str, attribute_type_def: AnyAttributeTypeDef | None
    ) -> bool: ...

    def update_type_def(self, user_id: str, type_def_patch: TypeDefPatch | None) -> AnyTypeDef: ...

    def delete_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None: ...

    def delete_attribute_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None: ...

    def re_identify_type_def(
        self,
        user_id: str,
        original_type_def_guid: str | None,
        original_type_def_name: str | None,
        new_type_def_guid: str | None,
        new_type_def_name: str | None,
    ) -> AnyTypeDef: ...

    def re_identify_attribute_type_def(
        self,
        user_id: str,
        original_attribute_type_def_guid: str | None,
        original_attribute_type_def_name: str | None,
        new_attribute_type_def_guid: str | None,
        new_attribute_type_def_name: str | None,
    ) -> AnyAttributeTypeDef: ...

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

    # --- Group 5: control information ---------------------------------------------------------------------

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

    # --- Group 6: reference copies (never announced as events, except refresh requests) -------------------

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
