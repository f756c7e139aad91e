"""The instance events a home change publishes (omrs-reference §7.5, §7.6).

Events are built inside the write transaction and handed to the store's outbox there, so an event is
published exactly when its change commits (the relay reads the outbox). Group 6 (reference-copy) calls never
publish; ``refresh*ReferenceCopy`` records a refresh *request*.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

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
    instance_event,
)

__all__ = ["Ev", "EventFactory"]

Ev = OMRSInstanceEventType
_I = TypeVar("_I", EntityDetail, Relationship)


class EventFactory:
    """Builds the events of one metadata collection (its originator, its clock)."""

    def __init__(self, originator: OMRSEventOriginator, clock: Callable[[], datetime]) -> None:
        self.originator = originator
        self.clock = clock

    def instance(
        self,
        event_type: OMRSInstanceEventType,
        instance: _I,
        *,
        original: _I | None = None,
        original_guid: str | None = None,
        original_type: TypeDefSummary | None = None,
        original_home: str | None = None,
    ) -> OMRSEventV1:
        """An event about one entity or relationship, sent as ``entity`` or ``relationship``: ``original``
        is the version before an update; ``original_guid``/``original_type``/``original_home`` the
        identity, type or home before a re-identify, re-type or re-home."""
        section = OMRSEventV1InstanceSection(
            event_type=event_type,
            original_instance_guid=original_guid,
            original_type_def_summary=original_type,
            original_home_metadata_collection_id=original_home,
        )
        update: dict[str, object] = (
            {"relationship": instance, "original_relationship": original}
            if isinstance(instance, Relationship)
            else {"entity": instance, "original_entity": original}
        )
        return self.section(section.model_copy(update=update))

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
