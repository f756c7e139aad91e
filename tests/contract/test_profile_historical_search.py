"""CTS profile "Historical search" (ENTITY_HISTORY_SEARCH, RELATIONSHIP_HISTORY_SEARCH, *_HISTORY_RETRIEVAL).

Modelled on ``TestSupportedEntityLifecycle``/``TestSupportedRelationshipLifecycle``'s historical checks and
``TestEntityHistory``/``TestRelationshipHistory``: every ``find*`` and ``get*`` accepts ``asOfTime`` and
answers as the repository stood then (properties, classifications, statuses, existence); a future ``asOfTime``
is an ``InvalidParameterException`` (REPOSITORY_NOT_CRYSTAL_BALL); ``get*History`` returns every version in
the range, BACKWARDS (newest first, the default) or FORWARDS, paged; ``fromTime`` after ``toTime`` is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityNotKnownException,
    HistorySequencingOrder,
    InstanceStatus,
    InvalidParameterException,
    PropertyComparisonOperator,
    RelationshipNotKnownException,
)
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import (
    USER,
    TickingClock,
    add,
    cond,
    guids,
    props,
    relate,
    search,
    type_guid,
)

Op = PropertyComparisonOperator
F, B = HistorySequencingOrder.FORWARDS, HistorySequencingOrder.BACKWARDS


def test_every_find_and_get_as_of_time(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    term, related = type_guid(g, "GlossaryTerm"), type_guid(g, "RelatedTerm")
    one = add(c, g, "GlossaryTerm", qualifiedName="h-one", displayName="old name")
    two = add(c, g, "GlossaryTerm", qualifiedName="h-two")
    c.classify_entity(USER, one, "Confidentiality", props(g, "Confidentiality", levelIdentifier=1))
    rel = relate(c, g, one, two, description="old link")
    t1 = clock.peek()
    # After t1: rename, reclassify, relink, delete two, add three.
    c.update_entity_properties(
        USER, one, props(g, "GlossaryTerm", qualifiedName="h-one", displayName="new name")
    )
    c.update_entity_classification(
        USER, one, "Confidentiality", props(g, "Confidentiality", levelIdentifier=9)
    )
    c.update_relationship_properties(USER, rel, props(g, "RelatedTerm", description="new link"))
    c.delete_entity(USER, term, "GlossaryTerm", two)  # also soft-deletes rel
    three = add(c, g, "GlossaryTerm", qualifiedName="h-three", displayName="old name")

    old = r"\Qold name\E"
    # Entities.
    assert guids(c.find_entities_by_property_value(USER, None, old, as_of_time=t1)) == {one}
    assert guids(c.find_entities_by_property_value(USER, None, old)) == {three}
    sp = search(cond("displayName", Op.EQ, "old name"))
    assert guids(c.find_entities(USER, term, match_properties=sp, as_of_time=t1)) == {one}
    assert guids(c.find_entities(USER, term, as_of_time=t1)) == {one, two}
    assert guids(c.find_entities(USER, term)) == {one, three}
    match = props(g, "GlossaryTerm", displayName=old)
    assert guids(c.find_entities_by_property(USER, term, match, as_of_time=t1)) == {one}
    level1 = props(g, "Confidentiality", levelIdentifier=1)
    assert guids(c.find_entities_by_classification(USER, None, "Confidentiality", level1, as_of_time=t1)) == {
        one
    }
    assert c.find_entities_by_classification(USER, None, "Confidentiality", level1) == []
    then = c.get_entity_detail(USER, one, as_of_time=t1)
    assert then.version == 2 and then.properties == props(
        g, "GlossaryTerm", qualifiedName="h-one", displayName="old name"
    )
    assert then.classifications[0].properties == level1
    assert c.get_entity_detail(USER, two, as_of_time=t1).status is InstanceStatus.ACTIVE
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail(USER, two)
    with pytest.raises(EntityNotKnownException):  # did not exist yet
        c.get_entity_detail(USER, three, as_of_time=t1)
    # Relationships.
    old_link = r"\Qold link\E"
    assert guids(c.find_relationships_by_property_value(USER, None, old_link, as_of_time=t1)) == {rel}
    assert c.find_relationships_by_property_value(USER, None, old_link) == []
    assert guids(c.find_relationships(USER, related, as_of_time=t1)) == {rel}
    assert c.find_relationships(USER, related) == []
    rel_match = props(g, "RelatedTerm", description=old_link)
    assert guids(c.find_relationships_by_property(USER, related, rel_match, as_of_time=t1)) == {rel}
    assert c.get_relationship(USER, rel, as_of_time=t1).properties == props(
        g, "RelatedTerm", description="old link"
    )
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, rel)
    assert guids(c.get_relationships_for_entity(USER, one, as_of_time=t1)) == {rel}
    assert c.get_relationships_for_entity(USER, one) == []
    # The deleted states are visible when asked for.
    deleted = [InstanceStatus.DELETED]
    assert guids(c.find_entities(USER, term, limit_results_by_status=deleted)) == {two}
    assert c.find_entities(USER, term, limit_results_by_status=deleted, as_of_time=t1) == []


def test_future_as_of_time_is_refused(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    one = add(c, g, "GlossaryTerm", qualifiedName="f-one")
    rel = relate(c, g, one, add(c, g, "GlossaryTerm", qualifiedName="f-two"))
    from datetime import UTC, datetime

    future = datetime.now(UTC) + timedelta(days=3)
    calls: list[Callable[[], object]] = [
        lambda: c.get_entity_detail(USER, one, as_of_time=future),
        lambda: c.get_relationship(USER, rel, as_of_time=future),
        lambda: c.find_entities(USER, as_of_time=future),
        lambda: c.find_entities_by_property(USER, as_of_time=future),
        lambda: c.find_entities_by_property_value(USER, None, ".*", as_of_time=future),
        lambda: c.find_entities_by_classification(USER, None, "Confidentiality", as_of_time=future),
        lambda: c.find_relationships(USER, as_of_time=future),
        lambda: c.find_relationships_by_property(USER, as_of_time=future),
        lambda: c.find_relationships_by_property_value(USER, None, ".*", as_of_time=future),
        lambda: c.get_relationships_for_entity(USER, one, as_of_time=future),
        lambda: c.get_entity_neighborhood(USER, one, as_of_time=future),
        lambda: c.get_related_entities(USER, one, as_of_time=future),
        lambda: c.get_linking_entities(USER, one, one, as_of_time=future),
        lambda: c.get_home_classifications(USER, one, as_of_time=future),
    ]
    for call in calls:
        with pytest.raises(InvalidParameterException):
            call()


def test_entity_history_orders_ranges_and_pages(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    guid = add(c, g, "GlossaryTerm", qualifiedName="hist", displayName="v1")
    times = [clock.peek()]
    for n in range(2, 6):
        c.update_entity_properties(
            USER, guid, props(g, "GlossaryTerm", qualifiedName="hist", displayName=f"v{n}")
        )
        times.append(clock.peek())
    c.classify_entity(USER, guid, "Confidentiality", None)  # version 6

    def versions(**kwargs: object) -> list[int | None]:
        return [e.version for e in c.get_entity_detail_history(USER, guid, **kwargs)]  # type: ignore[arg-type]

    assert versions() == [6, 5, 4, 3, 2, 1]
    assert versions(sequencing_order=B) == [6, 5, 4, 3, 2, 1]
    assert versions(sequencing_order=F) == [1, 2, 3, 4, 5, 6]
    # A range: the versions current at some moment in [from, to].
    assert versions(from_time=times[1], to_time=times[3], sequencing_order=F) == [2, 3, 4]
    assert versions(to_time=times[0]) == [1]
    assert versions(from_time=times[4], sequencing_order=F) == [5, 6]
    # Paging partitions the history, in either order.
    for order, expected in [(F, [1, 2, 3, 4, 5, 6]), (B, [6, 5, 4, 3, 2, 1])]:
        for size in (1, 2, 4):
            collected: list[int | None] = []
            for offset in range(0, 8, size):
                page = c.get_entity_detail_history(USER, guid, None, None, offset, size, order)
                assert len(page) <= size
                collected.extend(e.version for e in page)
            assert collected == expected, (order, size)
    assert c.get_entity_detail_history(USER, guid, start_from_element=6) == []
    # Each version carries its own content.
    names = [
        e.properties.instance_properties["displayName"].primitive_value  # type: ignore[union-attr]
        for e in c.get_entity_detail_history(USER, guid, sequencing_order=F)
    ]
    assert names == ["v1", "v2", "v3", "v4", "v5", "v5"]
    with pytest.raises(InvalidParameterException):
        c.get_entity_detail_history(USER, guid, from_time=times[3], to_time=times[1])
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail_history(USER, "missing")
    # History survives a soft delete.
    c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", guid)
    assert versions()[0] == 7


def test_relationship_history(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    rel = relate(
        c, g, add(c, g, "GlossaryTerm", qualifiedName="rh1"), add(c, g, "GlossaryTerm", qualifiedName="rh2")
    )
    start = clock.peek()
    for n in range(2, 5):
        c.update_relationship_properties(USER, rel, props(g, "RelatedTerm", description=f"d{n}"))
    middle = clock.peek()
    c.update_relationship_status(USER, rel, InstanceStatus.ACTIVE)
    history = c.get_relationship_history(USER, rel)
    assert [r.version for r in history] == [5, 4, 3, 2, 1]
    forwards = c.get_relationship_history(USER, rel, sequencing_order=F)
    assert [r.version for r in forwards] == [1, 2, 3, 4, 5]
    assert [r.version for r in c.get_relationship_history(USER, rel, to_time=start)] == [1]
    assert [
        r.version for r in c.get_relationship_history(USER, rel, from_time=middle, sequencing_order=F)
    ] == [
        4,
        5,
    ]
    paged = c.get_relationship_history(USER, rel, None, None, 1, 2, F)
    assert [r.version for r in paged] == [2, 3]
    with pytest.raises(InvalidParameterException):
        c.get_relationship_history(USER, rel, from_time=middle, to_time=start)
    assert c.get_relationship(USER, rel, as_of_time=start).version == 1
