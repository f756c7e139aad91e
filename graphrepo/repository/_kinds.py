"""Entity or relationship: what the two kinds of instance do differently in the flows they share.

Most OMRS operations come as twins (``deleteEntity``/``deleteRelationship``, ``reHomeEntity``/
``reHomeRelationship``, ``purgeEntityReferenceCopy``/``purgeRelationshipReferenceCopy``, ...) that differ only
in how the instance is read and written in the store, which exceptions and event types name it, and the stem
of its parameter names. An :class:`InstanceKind` holds those differences for one collection
(``CollectionCore.entities`` and ``CollectionCore.relationships``), so each flow is written once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from graphrepo.omrs import (
    EntityConflictException,
    EntityDetail,
    EntityNotDeletedException,
    EntityNotKnownException,
    EntityProxy,
    HomeEntityException,
    HomeRelationshipException,
    InvalidEntityException,
    InvalidRelationshipException,
    OMRSInstanceEventType,
    Relationship,
    RelationshipConflictException,
    RelationshipNotDeletedException,
    RelationshipNotKnownException,
    TypeDefCategory,
)
from graphrepo.repository._events import Ev
from graphrepo.store import InstanceQuery, StoreTransaction

if TYPE_CHECKING:
    from graphrepo.repository._core import CollectionCore

__all__ = ["EntityKind", "InstanceKind", "RelationshipKind"]

_I = TypeVar("_I", EntityDetail, Relationship)


class InstanceKind(ABC, Generic[_I]):
    """The entity or relationship side of a twin flow, bound to one collection."""

    noun: str  # "Entity" or "Relationship", as in the OMRS method and parameter names
    category: TypeDefCategory
    home_error: type[HomeEntityException] | type[HomeRelationshipException]
    conflict_error: type[EntityConflictException] | type[RelationshipConflictException]
    invalid_error: type[InvalidEntityException] | type[InvalidRelationshipException]
    updated: OMRSInstanceEventType
    undone: OMRSInstanceEventType
    deleted: OMRSInstanceEventType
    restored: OMRSInstanceEventType
    purged: OMRSInstanceEventType
    re_identified: OMRSInstanceEventType
    retyped: OMRSInstanceEventType
    re_homed: OMRSInstanceEventType
    refresh_request: OMRSInstanceEventType

    def __init__(self, core: CollectionCore) -> None:
        self.core = core

    def parameter(self, prefix: str = "") -> str:
        """The GUID parameter's name: ``entityGUID``, or with a prefix ``obsoleteEntityGUID``."""
        return f"{prefix}{self.noun}GUID" if prefix else f"{self.noun.lower()}GUID"

    @abstractmethod
    def get(self, tx: StoreTransaction, guid: str) -> _I | EntityProxy | None:
        """What the store holds under ``guid`` (for entities, possibly only a proxy)."""

    @abstractmethod
    def full(
        self, tx: StoreTransaction, guid: str, method: str, *, parameter: str = "", deleted_ok: bool = False
    ) -> _I:
        """The stored instance (NotKnown; EntityProxyOnly for a proxy), not soft-deleted unless
        ``deleted_ok``; ``parameter`` names the GUID in the EntityProxyOnly message."""

    @abstractmethod
    def for_update(self, tx: StoreTransaction, guid: str, method: str, *, deleted_ok: bool = False) -> _I:
        """The stored instance, owned here (the reference-copy lock)."""

    @abstractmethod
    def history(
        self, tx: StoreTransaction, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[_I]: ...

    @abstractmethod
    def find(self, tx: StoreTransaction, query: InstanceQuery) -> list[_I]: ...

    @abstractmethod
    def save(self, tx: StoreTransaction, instance: _I) -> None: ...

    @abstractmethod
    def purge(self, tx: StoreTransaction, guid: str) -> None: ...

    @abstractmethod
    def reidentify(self, tx: StoreTransaction, old_guid: str, moved: _I) -> None: ...

    @abstractmethod
    def fix(self, instance: _I) -> _I:
        """The instance with the provenance fix-ups every returned instance gets."""

    @abstractmethod
    def not_known(
        self, guid: str, method: str
    ) -> EntityNotKnownException | RelationshipNotKnownException: ...

    @abstractmethod
    def not_deleted(
        self, guid: str, method: str
    ) -> EntityNotDeletedException | RelationshipNotDeletedException: ...


class EntityKind(InstanceKind[EntityDetail]):
    noun = "Entity"
    category = TypeDefCategory.ENTITY_DEF
    home_error = HomeEntityException
    conflict_error = EntityConflictException
    invalid_error = InvalidEntityException
    updated = Ev.UPDATED_ENTITY_EVENT
    undone = Ev.UNDONE_ENTITY_EVENT
    deleted = Ev.DELETED_ENTITY_EVENT
    restored = Ev.RESTORED_ENTITY_EVENT
    purged = Ev.PURGED_ENTITY_EVENT
    re_identified = Ev.RE_IDENTIFIED_ENTITY_EVENT
    retyped = Ev.RETYPED_ENTITY_EVENT
    re_homed = Ev.RE_HOMED_ENTITY_EVENT
    refresh_request = Ev.REFRESH_ENTITY_REQUEST

    def get(self, tx: StoreTransaction, guid: str) -> EntityDetail | EntityProxy | None:
        return tx.get_entity(guid)

    def full(
        self, tx: StoreTransaction, guid: str, method: str, *, parameter: str = "", deleted_ok: bool = False
    ) -> EntityDetail:
        return self.core.entity_detail(
            tx, guid, method, parameter=parameter or self.parameter(), deleted_ok=deleted_ok
        )

    def for_update(
        self, tx: StoreTransaction, guid: str, method: str, *, deleted_ok: bool = False
    ) -> EntityDetail:
        return self.core.entity_for_update(tx, guid, method, deleted_ok=deleted_ok)

    def history(
        self, tx: StoreTransaction, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[EntityDetail]:
        return tx.entity_history(guid, from_time, to_time)

    def find(self, tx: StoreTransaction, query: InstanceQuery) -> list[EntityDetail]:
        return tx.find_entities(query)

    def save(self, tx: StoreTransaction, instance: EntityDetail) -> None:
        tx.save_entity(self.core.entity_record(instance))

    def purge(self, tx: StoreTransaction, guid: str) -> None:
        tx.purge_entity(guid)

    def reidentify(self, tx: StoreTransaction, old_guid: str, moved: EntityDetail) -> None:
        tx.reidentify_entity(old_guid, self.core.entity_record(moved))

    def fix(self, instance: EntityDetail) -> EntityDetail:
        return self.core.fixer.entity(instance)

    def not_known(self, guid: str, method: str) -> EntityNotKnownException:
        return EntityNotKnownException.for_guid(guid, method, self.core.repository_name)

    def not_deleted(self, guid: str, method: str) -> EntityNotDeletedException:
        return EntityNotDeletedException.for_guid(guid, method, self.core.repository_name)


class RelationshipKind(InstanceKind[Relationship]):
    noun = "Relationship"
    category = TypeDefCategory.RELATIONSHIP_DEF
    home_error = HomeRelationshipException
    conflict_error = RelationshipConflictException
    invalid_error = InvalidRelationshipException
    updated = Ev.UPDATED_RELATIONSHIP_EVENT
    undone = Ev.UNDONE_RELATIONSHIP_EVENT
    deleted = Ev.DELETED_RELATIONSHIP_EVENT
    restored = Ev.RESTORED_RELATIONSHIP_EVENT
    purged = Ev.PURGED_RELATIONSHIP_EVENT
    re_identified = Ev.RE_IDENTIFIED_RELATIONSHIP_EVENT
    retyped = Ev.RETYPED_RELATIONSHIP_EVENT
    re_homed = Ev.RE_HOMED_RELATIONSHIP_EVENT
    refresh_request = Ev.REFRESH_RELATIONSHIP_REQUEST

    def get(self, tx: StoreTransaction, guid: str) -> Relationship | None:
        return tx.get_relationship(guid)

    def full(
        self, tx: StoreTransaction, guid: str, method: str, *, parameter: str = "", deleted_ok: bool = False
    ) -> Relationship:
        stored = self.core.stored_relationship(tx, guid, method)
        if not deleted_ok:
            self.core.not_deleted(stored, method)
        return stored

    def for_update(
        self, tx: StoreTransaction, guid: str, method: str, *, deleted_ok: bool = False
    ) -> Relationship:
        return self.core.relationship_for_update(tx, guid, method, deleted_ok=deleted_ok)

    def history(
        self, tx: StoreTransaction, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[Relationship]:
        return tx.relationship_history(guid, from_time, to_time)

    def find(self, tx: StoreTransaction, query: InstanceQuery) -> list[Relationship]:
        return tx.find_relationships(query)

    def save(self, tx: StoreTransaction, instance: Relationship) -> None:
        tx.save_relationship(self.core.relationship_record(instance))

    def purge(self, tx: StoreTransaction, guid: str) -> None:
        tx.purge_relationship(guid)

    def reidentify(self, tx: StoreTransaction, old_guid: str, moved: Relationship) -> None:
        tx.reidentify_relationship(old_guid, self.core.relationship_record(moved))

    def fix(self, instance: Relationship) -> Relationship:
        return self.core.fixer.relationship(instance)

    def not_known(self, guid: str, method: str) -> RelationshipNotKnownException:
        return RelationshipNotKnownException.for_guid(guid, method, self.core.repository_name)

    def not_deleted(self, guid: str, method: str) -> RelationshipNotDeletedException:
        return RelationshipNotDeletedException.for_guid(guid, method, self.core.repository_name)
