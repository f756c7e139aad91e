"""The instance events a home change publishes (omrs-reference §7.5, §7.6).

Events are built inside the write transaction and handed to the store's outbox there, so an event is
published exactly when its change commits (the relay reads the outbox). Group 6 (reference-copy) calls never
publish; ``refresh*ReferenceCopy`` records a refresh *request*.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from graphrepo.omrs import (
    Classification,
    EntityDetail,
    EntityProxy,
    OMRSEventOriginator,
    OMRSEventV1,
    OMRSEventV1InstanceSection,
    OMRSInstanceEventType,
    Relationship,
    TypeDefSummary,
    entity_event,
    instance_event,
    relationship_event,
)

__all__ = ["Ev", "EventFactory"]

Ev = OMRSInstanceEventType


class EventFactory:
    """Builds the events of one metadata collection (its originator, its clock)."""

    def __init__(self, originator: OMRSEventOriginator, clock: Callable[[], datetime]) -> None:
        self.originator = originator
        self.clock = clock

    def entity(
        self,
        event_type: OMRSInstanceEventType,
        entity: EntityDetail,
        *,
        original: EntityDetail | None = None,
    ) -> OMRSEventV1:
        return entity_event(
            event_type, self.originator, entity, original_entity=original, timestamp=self.clock()
        )

    def relationship(
        self,
        event_type: OMRSInstanceEventType,
        relationship: Relationship,
        *,
        original: Relationship | None = None,
    ) -> OMRSEventV1:
        return relationship_event(
            event_type, self.originator, relationship, original_relationship=original, timestamp=self.clock()
        )

    def section(self, section: OMRSEventV1InstanceSection) -> OMRSEventV1:
        return instance_event(self.originator, section, timestamp=self.clock())

    def classification(
        self,
        event_type: OMRSInstanceEventType,
        entity: EntityDetail | EntityProxy,
        *,
        classification: Classification | None = None,
        original: Classification | None = None,
    ) -> OMRSEventV1:
        """CLASSIFIED (classification), DECLASSIFIED (original), RECLASSIFIED (both); the entity is sent
        as ``entity`` or, when only a proxy is held, as ``entityProxy``."""
        section = OMRSEventV1InstanceSection(
            event_type=event_type,
            entity=entity if isinstance(entity, EntityDetail) else None,
            entity_proxy=entity if isinstance(entity, EntityProxy) else None,
            classification=classification,
            original_classification=original,
        )
        return self.section(section)

    def purged(
        self,
        event_type: OMRSInstanceEventType,
        type_guid: str | None,
        type_name: str | None,
        guid: str | None,
    ) -> OMRSEventV1:
        """The GUID-only PURGED_*_EVENT (the instance was soft-deleted first)."""
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=event_type, type_def_guid=type_guid, type_def_name=type_name, instance_guid=guid
            )
        )

    def refresh_request(
        self,
        event_type: OMRSInstanceEventType,
        type_guid: str,
        type_name: str,
        guid: str,
        home_metadata_collection_id: str,
    ) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=event_type,
                type_def_guid=type_guid,
                type_def_name=type_name,
                instance_guid=guid,
                home_metadata_collection_id=home_metadata_collection_id,
            )
        )

    def re_identified_entity(self, entity: EntityDetail, original_guid: str) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RE_IDENTIFIED_ENTITY_EVENT, entity=entity, original_instance_guid=original_guid
            )
        )

    def re_identified_relationship(self, relationship: Relationship, original_guid: str) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RE_IDENTIFIED_RELATIONSHIP_EVENT,
                relationship=relationship,
                original_instance_guid=original_guid,
            )
        )

    def retyped_entity(self, entity: EntityDetail, original_type: TypeDefSummary) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RETYPED_ENTITY_EVENT, entity=entity, original_type_def_summary=original_type
            )
        )

    def retyped_relationship(self, relationship: Relationship, original_type: TypeDefSummary) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RETYPED_RELATIONSHIP_EVENT,
                relationship=relationship,
                original_type_def_summary=original_type,
            )
        )

    def rehomed_entity(self, entity: EntityDetail, original_home: str | None) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RE_HOMED_ENTITY_EVENT,
                entity=entity,
                original_home_metadata_collection_id=original_home,
            )
        )

    def rehomed_relationship(self, relationship: Relationship, original_home: str | None) -> OMRSEventV1:
        return self.section(
            OMRSEventV1InstanceSection(
                event_type=Ev.RE_HOMED_RELATIONSHIP_EVENT,
                relationship=relationship,
                original_home_metadata_collection_id=original_home,
            )
        )
