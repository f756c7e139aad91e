"""The metadata collection over each store: memory always, Neo4j with the real server (marked ``neo4j``).

The type gallery (the real 5.3 open metadata types) is loaded once per session. Each test gets a fresh store
and a collection whose clock ticks one second per reading, so every change has its own update time and
``asOfTime`` reads are exact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest

from graphrepo.metamodel import TypeDefService, TypeGallery, load_type_gallery
from graphrepo.omrs import (
    ArrayPropertyValue,
    EntityDetail,
    EnumPropertyValue,
    InstanceHeader,
    InstanceProperties,
    InstancePropertyValue,
    InstanceProvenanceType,
    InstanceStatus,
    InstanceType,
    MatchCriteria,
    OMRSEventV1,
    PropertyComparisonOperator,
    PropertyCondition,
    Relationship,
    SearchProperties,
    TypeDefSummary,
    instance_properties_from_python,
    primitive_value,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore

LOCAL_ID = "local-collection-0000"
LOCAL_NAME = "contract-repo"
REMOTE_ID = "remote-collection-1111"
REMOTE_NAME = "remote-repo"
USER = "garygeeke"


@dataclass
class TickingClock:
    """Starts a day ago and moves one second per reading, so it never reaches the real present."""

    current: datetime = field(
        default_factory=lambda: datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    )

    def __call__(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current

    def peek(self) -> datetime:
        return self.current


@pytest.fixture(scope="session")
def gallery() -> TypeGallery:
    return load_type_gallery()[0]


def _neo4j_store(request: pytest.FixtureRequest) -> InstanceStore:
    from graphrepo.store.neo4j import Neo4jClient, Neo4jInstanceStore, apply_migrations

    neo4j_db = request.getfixturevalue("neo4j_db")
    client = Neo4jClient(neo4j_db.driver, neo4j_db.database)
    apply_migrations(client)
    return Neo4jInstanceStore(client)


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Iterator[InstanceStore]:
    if request.param == "memory":
        memory = MemoryInstanceStore()
        yield memory
        memory.close()
    else:
        neo4j = _neo4j_store(request)
        yield neo4j
        neo4j.close()  # stops its search-text indexer, which must not index a later test's database


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


def make_collection(
    store: InstanceStore, gallery: TypeGallery, clock: TickingClock, local_id: str = LOCAL_ID
) -> MetadataCollection:
    typedefs = TypeDefService(gallery, MemoryTypeStore(lambda name: 0), local_id, repository_name=LOCAL_NAME)
    return MetadataCollection(store, gallery, typedefs, local_id, LOCAL_NAME, "contract-server", clock)


@pytest.fixture
def collection(store: InstanceStore, gallery: TypeGallery, clock: TickingClock) -> MetadataCollection:
    return make_collection(store, gallery, clock)


# --- helpers for the tests ------------------------------------------------------------------------------


def props(gallery: TypeGallery, type_name: str, **values: object) -> InstanceProperties:
    """Properties typed by the type's attributes (``qualifiedName="x"`` becomes a string primitive)."""
    types = {}
    for name, attribute in gallery.attributes(type_name).items():
        link = attribute.attribute_type
        found = gallery.attribute_type_def_by_guid(link.guid) if link is not None and link.guid else None
        if found is not None:
            types[name] = found
    return instance_properties_from_python(values, types)


def type_guid(gallery: TypeGallery, name: str) -> str:
    type_def = gallery.type_def_by_name(name)
    assert type_def is not None and type_def.guid is not None
    return type_def.guid


def drain(store: InstanceStore) -> list[OMRSEventV1]:
    entries = store.pending_events(10_000)
    store.remove_published([e.sequence for e in entries])
    return [e.cohort_event for e in entries]


def remote_entity(
    gallery: TypeGallery,
    clock: TickingClock,
    guid: str,
    type_name: str = "GlossaryTerm",
    *,
    version: int = 1,
    create_time: datetime | None = None,
    status: InstanceStatus = InstanceStatus.ACTIVE,
    home: str = REMOTE_ID,
    **values: object,
) -> EntityDetail:
    type_def = gallery.type_def_by_name(type_name)
    assert type_def is not None
    created = create_time or clock()
    return EntityDetail(
        guid=guid,
        type=InstanceType(
            type_def_category=type_def.category,
            type_def_guid=type_def.guid,
            type_def_name=type_def.name,
            type_def_version=type_def.version or 0,
        ),
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        metadata_collection_id=home,
        metadata_collection_name=REMOTE_NAME,
        created_by="remote-user",
        create_time=created,
        update_time=created if version == 1 else clock(),
        version=version,
        status=status,
        properties=props(gallery, type_name, **values) if values else None,
        mapping_properties={"connectorKey": "opaque"},
    )


# --- helpers for the profile tests (tests/contract/test_profile_*.py) --------------------------------------


def add(c: MetadataCollection, g: TypeGallery, type_name: str, **values: object) -> str:
    """Adds a home entity of ``type_name`` with ``values`` (typed by ``props``) and returns its GUID."""
    entity = c.add_entity(USER, type_guid(g, type_name), props(g, type_name, **values) if values else None)
    assert entity.guid is not None
    return entity.guid


def relate(
    c: MetadataCollection,
    g: TypeGallery,
    one: str,
    two: str,
    type_name: str = "RelatedTerm",
    **values: object,
) -> str:
    """Adds a home relationship between two entities and returns its GUID."""
    relationship = c.add_relationship(
        USER, type_guid(g, type_name), props(g, type_name, **values) if values else None, one, two
    )
    assert relationship.guid is not None
    return relationship.guid


def type_summary(g: TypeGallery, name: str) -> TypeDefSummary:
    type_def = g.type_def_by_name(name)
    assert type_def is not None
    return TypeDefSummary(
        guid=type_def.guid, name=type_def.name, category=type_def.category, version=type_def.version
    )


def guids(instances: Iterable[InstanceHeader]) -> set[str]:
    return {str(i.guid) for i in instances}


def ordered(instances: Iterable[InstanceHeader]) -> list[str]:
    return [str(i.guid) for i in instances]


def cond(name: str, op: PropertyComparisonOperator, value: object = None) -> PropertyCondition:
    """A leaf condition; ``value`` a Python scalar (typed by ``primitive_value``) or a property value."""
    if value is None or isinstance(value, InstancePropertyValue):
        return PropertyCondition(property=name, operator=op, value=value)
    return PropertyCondition(property=name, operator=op, value=primitive_value(value))


def search(*conditions: PropertyCondition, criteria: MatchCriteria = MatchCriteria.ALL) -> SearchProperties:
    return SearchProperties(conditions=list(conditions), match_criteria=criteria)


def nested(*conditions: PropertyCondition, criteria: MatchCriteria = MatchCriteria.ALL) -> PropertyCondition:
    return PropertyCondition(nested_conditions=search(*conditions, criteria=criteria))


def array_of(*values: InstancePropertyValue) -> ArrayPropertyValue:
    """An ``IN`` operand."""
    return ArrayPropertyValue(
        array_count=len(values),
        array_values=InstanceProperties(instance_properties={str(i): v for i, v in enumerate(values)}),
    )


def enum_value(g: TypeGallery, type_name: str, attribute: str, symbolic_name: str) -> InstancePropertyValue:
    """The typed value of an enum attribute (as a caller would send it in a condition)."""
    found = props(g, type_name, **{attribute: symbolic_name}).instance_properties[attribute]
    assert isinstance(found, EnumPropertyValue)
    return found


def pages(fetch: Callable[[int, int], Sequence[InstanceHeader]], size: int) -> list[str]:
    """Every page of ``fetch(offset, page_size)`` until an empty one, concatenated (GUIDs)."""
    collected: list[str] = []
    offset = 0
    while True:
        page = fetch(offset, size)
        assert len(page) <= size
        if not page:
            return collected
        collected.extend(str(i.guid) for i in page)
        offset += size


def remote_relationship(
    c: MetadataCollection,
    g: TypeGallery,
    clock: TickingClock,
    guid: str,
    one: EntityDetail,
    two: EntityDetail,
    type_name: str = "RelatedTerm",
    *,
    version: int = 1,
    create_time: datetime | None = None,
    status: InstanceStatus = InstanceStatus.ACTIVE,
    home: str = REMOTE_ID,
    **values: object,
) -> Relationship:
    """A relationship homed in ``home`` between two entities (held or not), as a cohort event carries it."""
    type_def = g.type_def_by_name(type_name)
    assert type_def is not None
    created = create_time or clock()
    return Relationship(
        guid=guid,
        type=InstanceType(
            type_def_category=type_def.category,
            type_def_guid=type_def.guid,
            type_def_name=type_def.name,
            type_def_version=type_def.version or 0,
        ),
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        metadata_collection_id=home,
        metadata_collection_name=REMOTE_NAME,
        created_by="remote-user",
        create_time=created,
        update_time=created if version == 1 else clock(),
        version=version,
        status=status,
        properties=props(g, type_name, **values) if values else None,
        entity_one_proxy=c.proxy_of(one),
        entity_two_proxy=c.proxy_of(two),
    )
