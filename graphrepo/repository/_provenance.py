"""The provenance fix-ups Egeria's local wrapper applies to every instance it returns (omrs-reference §2.2).

``LocalOMRSMetadataCollection.setLocalProvenance``: a null home becomes this member (``LOCAL_COHORT``); an
``EXTERNAL_SOURCE`` instance without ``replicatedBy`` is replicated by us; a ``LOCAL_COHORT`` instance whose
home is not an active cohort member is reported as ``DEREGISTERED_REPOSITORY`` (the cohort layer says who
is active through ``is_active_member``; without it nobody is reported deregistered).
Classifications have their own header and get the same treatment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from graphrepo.omrs import (
    Classification,
    EntityDetail,
    EntityProxy,
    EntitySummary,
    InstanceAuditHeader,
    InstanceProvenanceType,
    Relationship,
)

__all__ = ["ProvenanceFixer"]

_H = TypeVar("_H", bound=InstanceAuditHeader)


class ProvenanceFixer:
    def __init__(
        self,
        local_id: str,
        local_name: str,
        is_active_member: Callable[[str], bool] | None = None,
    ) -> None:
        self.local_id = local_id
        self.local_name = local_name
        self.is_active_member = is_active_member

    def header_update(self, header: InstanceAuditHeader) -> dict[str, object]:
        update: dict[str, object] = {}
        if header.metadata_collection_id is None:
            update["metadata_collection_id"] = self.local_id
            update["metadata_collection_name"] = self.local_name
            update["instance_provenance_type"] = InstanceProvenanceType.LOCAL_COHORT
            return update
        provenance = header.instance_provenance_type
        if provenance is InstanceProvenanceType.EXTERNAL_SOURCE and header.replicated_by is None:
            update["replicated_by"] = self.local_id
        elif (
            provenance is InstanceProvenanceType.LOCAL_COHORT
            and header.metadata_collection_id != self.local_id
            and self.is_active_member is not None
            and not self.is_active_member(header.metadata_collection_id)
        ):
            update["instance_provenance_type"] = InstanceProvenanceType.DEREGISTERED_REPOSITORY
        return update

    def header(self, header: _H) -> _H:
        update = self.header_update(header)
        return header.model_copy(update=update) if update else header

    def classifications(self, classifications: list[Classification]) -> list[Classification]:
        return [self.header(c) for c in classifications]

    def entity(self, entity: EntityDetail) -> EntityDetail:
        fixed = self.header(entity)
        return fixed.model_copy(update={"classifications": self.classifications(fixed.classifications)})

    def summary(self, entity: EntitySummary) -> EntitySummary:
        fixed = self.header(entity)
        return fixed.model_copy(update={"classifications": self.classifications(fixed.classifications)})

    def proxy(self, proxy: EntityProxy | None) -> EntityProxy | None:
        if proxy is None:
            return None
        fixed = self.header(proxy)
        return fixed.model_copy(update={"classifications": self.classifications(fixed.classifications)})

    def relationship(self, relationship: Relationship) -> Relationship:
        fixed = self.header(relationship)
        return fixed.model_copy(
            update={
                "entity_one_proxy": self.proxy(fixed.entity_one_proxy),
                "entity_two_proxy": self.proxy(fixed.entity_two_proxy),
            }
        )
