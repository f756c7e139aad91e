"""The storage port for instances: what the repository layer asks of a store, and nothing more.

Division of labour (design.md): the repository (``graphrepo.repository``) owns every OMRS rule:
validation against types, home versus reference copy, versions, soft delete, cascades, which events to
publish. A store keeps state and answers questions about it:

* the **current state** of every entity (full or proxy), relationship and classification, in any status;
* the **history**: every version an instance has had, so ``asOfTime`` reads and undo work; a current-state
  query must pay nothing for it;
* **searches** described by :class:`InstanceQuery`, whose exact semantics are those of
  :mod:`graphrepo.store._matching` (one evaluator for every store; a store may use indexes to narrow the
  candidates first, never to change the answer);
* the **outbox**: OMRS events written in the same transaction as the change they announce.

All work happens inside a transaction function given to :meth:`InstanceStore.read` or
:meth:`InstanceStore.write`: all of a write commits or none of it does, and the function may be run again
after a transient fault, so it must not have side effects outside the transaction. Errors leave a store
as OMRS exceptions (``RepositoryErrorException`` for faults of the store itself).

Instances cross this port as the wire model's own beans (``EntityDetail``, ``EntityProxy``,
``Relationship``, ``Classification``); the store keeps them losslessly. Because a store cannot consult the
type system (it sits below it), the repository hands over what the store needs from the types: the type's
lineage (its name then every supertype name), used for node labels and subtype matching.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol, TypeVar

from graphrepo.omrs import (
    EntityDetail,
    EntityProxy,
    InstanceStatus,
    OMRSEventV1,
    Relationship,
    SequencingOrder,
)

T = TypeVar("T")


# --- what is stored ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """An entity to store: the full entity (with its classifications) and its type lineage.

    ``classification_lineages`` gives, for each classification name on the entity, that classification
    type's lineage (a classification's labels in Neo4j, as an entity's)."""

    entity: EntityDetail
    lineage: tuple[str, ...]
    classification_lineages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Homed in another metadata collection (the repository decides; the graph shows it as a marker).
    reference_copy: bool = False


@dataclass(frozen=True, slots=True)
class ProxyRecord:
    """An entity known only as a proxy (the end of a relationship homed elsewhere)."""

    proxy: EntityProxy
    lineage: tuple[str, ...]
    classification_lineages: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RelationshipRecord:
    """A relationship to store; its two ends must already be stored (as entities or proxies)."""

    relationship: Relationship
    lineage: tuple[str, ...]
    reference_copy: bool = False


StoredEntity = EntityDetail | EntityProxy
"""What a store returns for an entity GUID: the full entity, or the proxy if that is all it holds."""


# --- searches ------------------------------------------------------------------------------------------


class Operator(StrEnum):
    """Comparison of one property (or header pseudo-property) with a value; see ``_matching``."""

    EQ = "EQ"
    NEQ = "NEQ"
    LT = "LT"
    LTE = "LTE"
    GT = "GT"
    GTE = "GTE"
    IN = "IN"
    IS_NULL = "IS_NULL"
    NOT_NULL = "NOT_NULL"
    MATCHES = "MATCHES"  # Java regex, whole-value match (LIKE, and string values of *ByProperty)
    NOT_MATCHES = "NOT_MATCHES"


class Combine(StrEnum):
    ALL = "ALL"
    ANY = "ANY"
    NONE = "NONE"


@dataclass(frozen=True, slots=True)
class PropertyTest:
    """One leaf of a search: ``property`` is an attribute name or a header pseudo-property (``guid``,
    ``createTime``, ``version``, ... as omrs-reference §5.2 lists); ``value`` is an OMRS
    ``InstancePropertyValue`` (for MATCHES/NOT_MATCHES a string primitive holding the Java regex; for
    IN an ``ArrayPropertyValue``; None for IS_NULL/NOT_NULL)."""

    property: str
    operator: Operator
    value: object | None = None


@dataclass(frozen=True, slots=True)
class AnyValueMatches:
    """``findXByPropertyValue``: some string property, enum symbolic name, or string nested in an
    array, map or struct, fully matches the Java regex ``regex``."""

    regex: str


@dataclass(frozen=True, slots=True)
class Conditions:
    """Child conditions combined by ALL / ANY / NONE (an empty ALL is true)."""

    combine: Combine
    children: tuple[Condition, ...]


Condition = PropertyTest | AnyValueMatches | Conditions


@dataclass(frozen=True, slots=True)
class ClassificationTest:
    """The entity has a classification named ``name`` (exactly, no subtypes) whose properties satisfy
    ``condition`` (None: any properties)."""

    name: str
    condition: Condition | None = None


@dataclass(frozen=True, slots=True)
class ClassificationConditions:
    combine: Combine
    children: tuple[ClassificationTest, ...]


@dataclass(frozen=True, slots=True)
class Paging:
    """``offset`` 0-based; ``page_size`` 0 means no limit. ``order`` None or ANY means store order."""

    offset: int = 0
    page_size: int = 0
    order: SequencingOrder | None = None
    order_property: str | None = None


@dataclass(frozen=True, slots=True)
class InstanceQuery:
    """A search for entities or relationships, already checked and expanded by the repository.

    ``type_names``: the instance's own type name must be one of these (the repository expands subtypes);
    None means any type. ``statuses``: the instance's status must be one of these (the repository turns
    Egeria's null into "all but DELETED"). ``as_of``: evaluate against the versions current at that
    time (None: now). Proxies are never returned by a search."""

    type_names: frozenset[str] | None = None
    statuses: frozenset[InstanceStatus] = frozenset()
    condition: Condition | None = None
    classifications: ClassificationConditions | None = None  # entities only
    as_of: datetime | None = None
    paging: Paging = Paging()


# --- the outbox ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """An event waiting to be published; ``sequence`` orders entries and identifies one for removal."""

    sequence: int
    cohort_event: OMRSEventV1


# --- the port ------------------------------------------------------------------------------------------


class StoreTransaction(Protocol):
    """Everything a repository operation may do inside one transaction."""

    # Reads of current state (any status). -------------------------------------------------------------
    def get_entity(self, guid: str) -> StoredEntity | None: ...

    def get_relationship(self, guid: str) -> Relationship | None: ...

    def relationships_of(self, entity_guid: str) -> list[Relationship]:
        """Every relationship (any status) with this entity at either end."""
        ...

    def relationships_of_entities(self, entity_guids: Sequence[str]) -> dict[str, list[Relationship]]:
        """``relationships_of`` for each of ``entity_guids``, in one read (a graph walk's frontier): every
        GUID asked for is a key (unknown ones map to ``[]``); each list is in relationship GUID order. A
        relationship between two of the entities is in both lists."""
        ...

    def get_entities(self, guids: Sequence[str]) -> dict[str, StoredEntity]:
        """The stored entities (or proxies) among ``guids``, by GUID; unknown GUIDs are left out (one
        read for a batch: reference copies)."""
        ...

    def get_relationships(self, guids: Sequence[str]) -> dict[str, Relationship]:
        """The stored relationships among ``guids``, by GUID; unknown GUIDs are left out."""
        ...

    # History. ------------------------------------------------------------------------------------------
    def entity_as_of(self, guid: str, as_of: datetime) -> EntityDetail | None:
        """The version of the entity current at ``as_of`` (None if it did not exist then)."""
        ...

    def entity_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[EntityDetail]:
        """Every version whose validity overlaps [from_time, to_time), oldest first."""
        ...

    def relationship_as_of(self, guid: str, as_of: datetime) -> Relationship | None: ...

    def entities_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, EntityDetail]:
        """``entity_as_of`` for a batch, in one read: GUIDs without a version then are left out."""
        ...

    def relationships_as_of(self, guids: Sequence[str], as_of: datetime) -> dict[str, Relationship]:
        """``relationship_as_of`` for a batch, in one read."""
        ...

    def relationship_history(
        self, guid: str, from_time: datetime | None, to_time: datetime | None
    ) -> list[Relationship]: ...

    # Searches. -----------------------------------------------------------------------------------------
    def find_entities(self, query: InstanceQuery) -> list[EntityDetail]: ...

    def find_relationships(self, query: InstanceQuery) -> list[Relationship]: ...

    # Writes. Each write of an instance stores its new current state and records it as a version.
    def save_entity(self, record: EntityRecord) -> None:
        """Create the entity, replace a proxy of it, or replace its current state."""
        ...

    def save_proxy(self, record: ProxyRecord) -> None:
        """Store a proxy; ignored when a full entity with this GUID is stored."""
        ...

    def purge_entity(self, guid: str) -> None:
        """Remove the entity (or proxy), its history and every relationship attached to it."""
        ...

    def save_relationship(self, record: RelationshipRecord) -> None: ...

    def save_entities(self, records: Sequence[EntityRecord]) -> None:
        """``save_entity`` of every record, as a batch (a store writes them in few statements); each GUID
        at most once in ``records``."""
        ...

    def save_relationships(self, records: Sequence[RelationshipRecord]) -> None:
        """``save_relationship`` of every record, as a batch; each GUID at most once, every end stored."""
        ...

    def purge_relationship(self, guid: str) -> None:
        """Remove the relationship and its history."""
        ...

    def reidentify_entity(self, old_guid: str, record: EntityRecord) -> None:
        """Replace the entity stored as ``old_guid`` with ``record`` (a new GUID), keeping every
        relationship attached (the repository saves those relationships' new states itself)."""
        ...

    def reidentify_relationship(self, old_guid: str, record: RelationshipRecord) -> None: ...

    # The outbox. ---------------------------------------------------------------------------------------
    def add_to_outbox(self, events: Sequence[OMRSEventV1]) -> None: ...


class InstanceStore(Protocol):
    """A store of instances. Transaction functions may be retried; keep them free of outside effects."""

    def read(self, work: Callable[[StoreTransaction], T]) -> T: ...

    def write(self, work: Callable[[StoreTransaction], T]) -> T: ...

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        """The oldest unpublished events, in order (for the relay)."""
        ...

    def remove_published(self, sequences: Sequence[int]) -> None:
        """Forget events the relay has published."""
        ...

    def close(self) -> None: ...
