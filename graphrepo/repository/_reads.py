"""Group 3 point reads and history: isKnown, getSummary/Detail (now or as of a time), get*History."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from graphrepo.omrs import (
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    EntitySummary,
    HistorySequencingOrder,
    InvalidParameterException,
    OMRSErrorCode,
    Relationship,
    RelationshipNotKnownException,
)
from graphrepo.repository._core import CollectionCore, convert
from graphrepo.repository._kinds import InstanceKind
from graphrepo.repository._paging import page
from graphrepo.store import StoreTransaction

__all__ = ["ReadOperations"]

_I = TypeVar("_I", EntityDetail, Relationship)


class ReadOperations(CollectionCore):
    # --- entities -------------------------------------------------------------------------------------------

    def is_entity_known(self, user_id: str, guid: str) -> EntityDetail | None:
        method = "isEntityKnown"
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)
        stored = self.store.read(lambda tx: tx.get_entity(guid))
        # A proxy is not "known" as an entity: isEntityKnown answers EntityDetail only.
        if stored is None or isinstance(stored, EntityProxy):
            return None
        return self.fixer.entity(stored)

    def get_entity_summary(self, user_id: str, guid: str) -> EntitySummary:
        method = "getEntitySummary"
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)

        def work(tx: StoreTransaction) -> EntitySummary:
            stored = self.stored_entity(tx, guid, method)
            self.not_deleted(stored, method)
            return convert(stored, EntitySummary)

        return self.fixer.summary(self.store.read(work))

    def get_entity_detail(self, user_id: str, guid: str, as_of_time: datetime | None = None) -> EntityDetail:
        method = "getEntityDetail"
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)
        as_of = self.check_as_of(as_of_time, method)

        def work(tx: StoreTransaction) -> EntityDetail:
            if as_of is None:
                return self.entity_detail(tx, guid, method, parameter="guid")
            found = tx.entity_as_of(guid, as_of)
            if found is None:
                stored = tx.get_entity(guid)
                if isinstance(stored, EntityProxy):
                    self.entity_detail(tx, guid, method, parameter="guid")
                raise EntityNotKnownException.for_guid(guid, method, self.repository_name)
            self.not_deleted(found, method)
            return found

        return self.fixer.entity(self.store.read(work))

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
        return self._history(
            self.entities,
            "getEntityDetailHistory",
            user_id,
            guid,
            from_time,
            to_time,
            start_from_element,
            page_size,
            sequencing_order,
        )

    # --- relationships --------------------------------------------------------------------------------------

    def is_relationship_known(self, user_id: str, guid: str) -> Relationship | None:
        method = "isRelationshipKnown"
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)
        stored = self.store.read(lambda tx: tx.get_relationship(guid))
        return self.fixer.relationship(stored) if stored is not None else None

    def get_relationship(self, user_id: str, guid: str, as_of_time: datetime | None = None) -> Relationship:
        method = "getRelationship"
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)
        as_of = self.check_as_of(as_of_time, method)

        def work(tx: StoreTransaction) -> Relationship:
            found = (
                self.stored_relationship(tx, guid, method)
                if as_of is None
                else tx.relationship_as_of(guid, as_of)
            )
            if found is None:
                raise RelationshipNotKnownException.for_guid(guid, method, self.repository_name)
            self.not_deleted(found, method)
            return found

        return self.fixer.relationship(self.store.read(work))

    def get_relationship_history(
        self,
        user_id: str,
        guid: str,
        from_time: datetime | None = None,
        to_time: datetime | None = None,
        start_from_element: int = 0,
        page_size: int = 0,
        sequencing_order: HistorySequencingOrder | None = None,
    ) -> list[Relationship]:
        return self._history(
            self.relationships,
            "getRelationshipHistory",
            user_id,
            guid,
            from_time,
            to_time,
            start_from_element,
            page_size,
            sequencing_order,
        )

    # --- helpers --------------------------------------------------------------------------------------------

    def _history(
        self,
        kind: InstanceKind[_I],
        method: str,
        user_id: str,
        guid: str,
        from_time: datetime | None,
        to_time: datetime | None,
        start_from_element: int,
        page_size: int,
        sequencing_order: HistorySequencingOrder | None,
    ) -> list[_I]:
        """The stored versions in the time range (the instance may be soft-deleted now), newest first
        unless FORWARDS is asked for, then paged."""
        self.check_user(user_id, method)
        self.check_guid(guid, "guid", method)
        self._check_range(from_time, to_time, method)
        self.check_paging(start_from_element, page_size, method)

        def work(tx: StoreTransaction) -> list[_I]:
            kind.full(tx, guid, method, parameter="guid", deleted_ok=True)
            return kind.history(tx, guid, _aware(from_time), _aware(to_time))

        versions = self.store.read(work)
        if sequencing_order is not HistorySequencingOrder.FORWARDS:
            versions = list(reversed(versions))
        return [kind.fix(v) for v in page(versions, start_from_element, page_size)]

    def _check_range(self, from_time: datetime | None, to_time: datetime | None, method: str) -> None:
        start, end = _aware(from_time), _aware(to_time)
        if start is not None and end is not None and start > end:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.INVALID_TIME_RANGE,
                method,
                start.isoformat(),
                end.isoformat(),
                action=method,
                parameter_name="fromTime",
            )


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
