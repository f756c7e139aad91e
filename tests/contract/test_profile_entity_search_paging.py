"""CTS profile "Entity search": paging, sequencing, type and status filters.

``TestSupportedEntitySearch`` creates two pages of instances so that ``pageSize`` is exercised; the lifecycle
tests use ``limitResultsByStatus``. OMRS rules (omrs-reference §2 Group 3, §5.6): sort first (unless the order
is null or ANY), then slice; offsets across pages partition the results; a negative page size is a
``PagingErrorException``; an offset at or beyond the end is an empty answer; a type GUID covers its subtypes
and ``entitySubtypeGUIDs`` narrows to those subtypes; a null status list means every status but DELETED.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityDetail,
    InstanceStatus,
    PagingErrorException,
    PropertyComparisonOperator,
    SequencingOrder,
)
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, add, cond, guids, ordered, pages, props, search, type_guid

Op = PropertyComparisonOperator
S = SequencingOrder


@pytest.fixture
def todos(collection: MetadataCollection, gallery: TypeGallery) -> list[str]:
    """Seven ToDos created in this order; priorities repeat, one has none; names sort differently."""
    c, g = collection, gallery
    spec = [("m", 3), ("b", 1), ("z", None), ("a", 2), ("y", 3), ("c", 1), ("q", 2)]
    out = []
    for i, (name, priority) in enumerate(spec):
        values: dict[str, object] = {"qualifiedName": f"page-{i}", "name": name}
        if priority is not None:
            values["priority"] = priority
            values["dueTime"] = datetime(2020 + priority, 1, 1, tzinfo=UTC)
        out.append(add(c, g, "ToDo", **values))
    return out


def _value(e: EntityDetail, name: str) -> object:
    found = e.properties.instance_properties.get(name) if e.properties else None
    return None if found is None else found.primitive_value  # type: ignore[union-attr]


def test_every_sequencing_order(
    collection: MetadataCollection, gallery: TypeGallery, todos: list[str]
) -> None:
    c, g = collection, gallery
    todo = type_guid(g, "ToDo")
    # Touch the first one so it is the most recently updated.
    due = datetime(2023, 1, 1, tzinfo=UTC)
    c.update_entity_properties(
        USER, todos[0], props(g, "ToDo", qualifiedName="page-0", name="m", priority=3, dueTime=due)
    )

    def run(order: SequencingOrder | None, prop: str | None = None) -> list[EntityDetail]:
        return c.find_entities(USER, todo, sequencing_order=order, sequencing_property=prop)

    assert ordered(run(S.GUID)) == sorted(todos)
    assert set(ordered(run(None))) == set(todos) and set(ordered(run(S.ANY))) == set(todos)
    assert ordered(run(S.CREATION_DATE_OLDEST)) == todos
    assert ordered(run(S.CREATION_DATE_RECENT)) == list(reversed(todos))
    assert ordered(run(S.LAST_UPDATE_RECENT))[0] == todos[0]
    assert ordered(run(S.LAST_UPDATE_OLDEST))[-1] == todos[0]
    assert ordered(run(S.LAST_UPDATE_OLDEST))[:-1] == todos[1:]  # never updated: by creation
    names = [_value(e, "name") for e in run(S.PROPERTY_ASCENDING, "name")]
    assert names == ["a", "b", "c", "m", "q", "y", "z"]
    names = [_value(e, "name") for e in run(S.PROPERTY_DESCENDING, "name")]
    assert names == ["z", "y", "q", "m", "c", "b", "a"]
    priorities = [_value(e, "priority") for e in run(S.PROPERTY_ASCENDING, "priority")]
    assert priorities[:6] == [1, 1, 2, 2, 3, 3]
    priorities = [_value(e, "priority") for e in run(S.PROPERTY_DESCENDING, "priority")]
    assert priorities[:6] == [3, 3, 2, 2, 1, 1]
    dues = [_value(e, "priority") for e in run(S.PROPERTY_ASCENDING, "dueTime")]
    assert dues[:6] == [1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize(
    ("order", "prop"),
    [
        (S.GUID, None),
        (S.CREATION_DATE_RECENT, None),
        (S.LAST_UPDATE_OLDEST, None),
        (S.PROPERTY_ASCENDING, "priority"),
        (S.PROPERTY_DESCENDING, "name"),
    ],
)
def test_pages_partition_the_results(
    collection: MetadataCollection,
    gallery: TypeGallery,
    todos: list[str],
    order: SequencingOrder,
    prop: str | None,
) -> None:
    c, g = collection, gallery
    todo = type_guid(g, "ToDo")
    everything = ordered(c.find_entities(USER, todo, sequencing_order=order, sequencing_property=prop))
    assert len(everything) == len(todos)

    def each(fetch: Callable[[int, int], Sequence[EntityDetail]]) -> None:
        for size in (1, 2, 3, 7, 8):
            assert pages(fetch, size) == everything, size

    each(lambda o, n: c.find_entities(USER, todo, None, None, o, None, None, None, prop, order, n))
    each(
        lambda o, n: c.find_entities_by_property(USER, todo, None, None, o, None, None, None, prop, order, n)
    )
    each(
        lambda o, n: c.find_entities_by_property_value(USER, todo, ".*", o, None, None, None, prop, order, n)
    )
    assert c.find_entities(USER, todo, from_entity_element=7, page_size=2) == []
    assert c.find_entities(USER, todo, from_entity_element=70) == []
    assert len(c.find_entities(USER, todo, from_entity_element=6, page_size=5)) == 1


def test_negative_page_size_is_a_paging_error(collection: MetadataCollection, todos: list[str]) -> None:
    c = collection
    calls: list[Callable[[], object]] = [
        lambda: c.find_entities(USER, page_size=-1),
        lambda: c.find_entities_by_property(USER, None, None, None, page_size=-1),
        lambda: c.find_entities_by_property_value(USER, None, ".*", page_size=-1),
        lambda: c.find_entities_by_classification(USER, None, "Confidentiality", page_size=-1),
        lambda: c.find_relationships(USER, page_size=-1),
        lambda: c.find_relationships_by_property(USER, page_size=-1),
        lambda: c.find_relationships_by_property_value(USER, None, ".*", page_size=-1),
        lambda: c.get_relationships_for_entity(USER, todos[0], page_size=-1),
        lambda: c.get_related_entities(USER, todos[0], page_size=-1),
        lambda: c.get_entity_detail_history(USER, todos[0], page_size=-1),
    ]
    for call in calls:
        with pytest.raises(PagingErrorException):
            call()


def test_type_and_subtype_filters(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    term = add(c, g, "GlossaryTerm", qualifiedName="sub-term")
    controlled = add(c, g, "ControlledGlossaryTerm", qualifiedName="sub-controlled")
    todo = add(c, g, "ToDo", qualifiedName="sub-todo")
    asset = add(c, g, "Asset", qualifiedName="sub-asset")
    every = {term, controlled, todo, asset}
    t = type_guid
    assert guids(c.find_entities(USER)) == every
    assert guids(c.find_entities(USER, t(g, "Referenceable"))) == every
    assert guids(c.find_entities(USER, t(g, "GlossaryTerm"))) == {term, controlled}
    assert guids(c.find_entities(USER, t(g, "ControlledGlossaryTerm"))) == {controlled}
    sub = [t(g, "ControlledGlossaryTerm")]
    assert guids(c.find_entities(USER, t(g, "Referenceable"), sub)) == {controlled}
    assert guids(c.find_entities(USER, t(g, "Referenceable"), [t(g, "GlossaryTerm"), t(g, "ToDo")])) == {
        term,
        controlled,
        todo,
    }
    assert guids(c.find_entities(USER, None, sub)) == {controlled}
    q = r"\Qsub-\E.*"
    assert guids(c.find_entities_by_property_value(USER, t(g, "GlossaryTerm"), q)) == {term, controlled}
    by_prop = c.find_entities_by_property(
        USER, t(g, "GlossaryTerm"), props(g, "Referenceable", qualifiedName=q)
    )
    assert guids(by_prop) == {term, controlled}
    sp = search(cond("qualifiedName", Op.LIKE, q))
    assert guids(c.find_entities(USER, t(g, "Asset"), match_properties=sp)) == {asset}


def test_limit_results_by_status(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    live = add(c, g, "GlossaryTerm", qualifiedName="st-live")
    gone = add(c, g, "GlossaryTerm", qualifiedName="st-gone")
    c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", gone)
    term = type_guid(g, "GlossaryTerm")
    q = r"\Qst-\E.*"
    deleted, active = [InstanceStatus.DELETED], [InstanceStatus.ACTIVE]
    both = [InstanceStatus.ACTIVE, InstanceStatus.DELETED]
    for status, expected in [(None, {live}), (active, {live}), (deleted, {gone}), (both, {live, gone})]:
        assert guids(c.find_entities(USER, term, limit_results_by_status=status)) == expected
        found = c.find_entities_by_property_value(USER, term, q, limit_results_by_status=status)
        assert guids(found) == expected
        match = props(g, "GlossaryTerm", qualifiedName=q)
        found = c.find_entities_by_property(USER, term, match, limit_results_by_status=status)
        assert guids(found) == expected
    assert c.find_entities(USER, term, limit_results_by_status=[InstanceStatus.DRAFT]) == []
    for entity in c.find_entities(USER, term, limit_results_by_status=deleted):
        assert entity.status is InstanceStatus.DELETED
