"""CTS profile "Relationship search" (RELATIONSHIP_PROPERTY_SEARCH, RELATIONSHIP_VALUE_SEARCH, ...).

Modelled on ``TestSupportedRelationshipSearch`` (helper regexes; MatchCriteria ALL/ANY/NONE; empty match
properties; two pages of instances) and the find checks of ``TestSupportedRelationshipLifecycle``:
``findRelationships`` with every operator on string, int and enum attributes, nested conditions, subtype
matching, status filtering, every sequencing order and paging.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    InstanceProperties,
    InstanceStatus,
    MatchCriteria,
    PropertyComparisonOperator,
    Relationship,
    SequencingOrder,
    primitive_value,
)
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import (
    USER,
    add,
    array_of,
    cond,
    enum_value,
    guids,
    nested,
    ordered,
    pages,
    props,
    relate,
    search,
    type_guid,
)

Op = PropertyComparisonOperator
ALL, ANY, NONE = MatchCriteria.ALL, MatchCriteria.ANY, MatchCriteria.NONE


@pytest.fixture
def rels(collection: MetadataCollection, gallery: TypeGallery) -> dict[str, str]:
    c, g = collection, gallery
    a, b, d, e = (add(c, g, "GlossaryTerm", qualifiedName=f"rs-{n}") for n in "abde")
    return {
        "r1": relate(c, g, a, b, description="x.y (one)", confidence=10, status="Active", steward="s1"),
        "r2": relate(c, g, b, d, description="xzy two", confidence=50, status="Draft"),
        "r3": relate(c, g, d, e, "Synonym", description="three*", confidence=90, status="Active"),
        "r4": relate(c, g, a, e, "Synonym", confidence=50),
    }


def _find(c: MetadataCollection, *conditions: object, criteria: MatchCriteria = ALL) -> set[str]:
    sp = search(*conditions, criteria=criteria)  # type: ignore[arg-type]
    return guids(c.find_relationships(USER, match_properties=sp))


def test_operators_on_relationship_attributes(
    collection: MetadataCollection, gallery: TypeGallery, rels: dict[str, str]
) -> None:
    c, g, r = collection, gallery, rels
    every = set(r.values())
    fifty = primitive_value(50)
    assert _find(c, cond("confidence", Op.EQ, fifty)) == {r["r2"], r["r4"]}
    assert _find(c, cond("confidence", Op.NEQ, fifty)) == {r["r1"], r["r3"]}
    assert _find(c, cond("confidence", Op.LT, 50)) == {r["r1"]}
    assert _find(c, cond("confidence", Op.LTE, 50)) == {r["r1"], r["r2"], r["r4"]}
    assert _find(c, cond("confidence", Op.GT, 50)) == {r["r3"]}
    assert _find(c, cond("confidence", Op.GTE, 50)) == {r["r2"], r["r3"], r["r4"]}
    assert _find(c, cond("confidence", Op.IN, array_of(primitive_value(10), primitive_value(90)))) == {
        r["r1"],
        r["r3"],
    }
    assert _find(c, cond("description", Op.IS_NULL)) == {r["r4"]}
    assert _find(c, cond("steward", Op.NOT_NULL)) == {r["r1"]}
    assert _find(c, cond("description", Op.EQ, "xzy two")) == {r["r2"]}
    assert _find(c, cond("description", Op.LIKE, r"\Qx.y\E.*")) == {r["r1"]}
    assert _find(c, cond("description", Op.LIKE, r"x.y.*")) == {r["r1"], r["r2"]}
    assert _find(c, cond("description", Op.NOT_LIKE, r".*\Q*\E")) == every - {r["r3"]}
    active = enum_value(g, "RelatedTerm", "status", "Active")
    assert _find(c, cond("status", Op.EQ, active)) == {r["r1"], r["r3"]}
    assert _find(c, cond("status", Op.NEQ, active)) == {r["r2"], r["r4"]}
    assert _find(c, cond("status", Op.IS_NULL)) == {r["r4"]}
    both = [cond("confidence", Op.EQ, fifty), cond("status", Op.EQ, active)]
    assert _find(c, *both, criteria=ALL) == set()
    assert _find(c, *both, criteria=ANY) == {r["r1"], r["r2"], r["r3"], r["r4"]}
    assert _find(c, *both, criteria=NONE) == set()
    assert _find(c, nested(*both, criteria=ANY), cond("description", Op.NOT_NULL)) == {
        r["r1"],
        r["r2"],
        r["r3"],
    }


def test_helper_regexes_by_property_and_value(
    collection: MetadataCollection, gallery: TypeGallery, rels: dict[str, str]
) -> None:
    c, g, r = collection, gallery, rels
    for regex, expected in [
        (r"\Qx.y (one)\E", {r["r1"]}),
        (r"(?i)\QX.Y (ONE)\E", {r["r1"]}),
        (r"\Qx\E.*", {r["r1"], r["r2"]}),
        (r".*\Q(one)\E", {r["r1"]}),
        (r"(?i).*\QTWO\E", {r["r2"]}),
        (r".*\Q*\E.*", {r["r3"]}),
        (r"\Qx.y\E", set()),
    ]:
        assert guids(c.find_relationships_by_property_value(USER, None, regex)) == expected, regex
        match = props(g, "RelatedTerm", description=regex)
        assert guids(c.find_relationships_by_property(USER, None, match, ALL)) == expected, regex
    assert guids(c.find_relationships_by_property_value(USER, None, r"\QDraft\E")) == {r["r2"]}  # enum
    assert c.find_relationships_by_property_value(USER, None, "50") == []  # ints are not searched

    def by(criteria: MatchCriteria, **values: object) -> set[str]:
        return guids(
            c.find_relationships_by_property(USER, None, props(g, "RelatedTerm", **values), criteria)
        )

    assert by(ALL, confidence=50) == {r["r2"], r["r4"]}
    assert by(NONE, confidence=50) == {r["r1"], r["r3"]}
    assert by(ALL, confidence=50, status="Draft") == {r["r2"]}
    assert by(ANY, confidence=10, status="Draft") == {r["r1"], r["r2"]}
    assert by(NONE, confidence=10, status="Draft") == {r["r3"], r["r4"]}
    every = set(r.values())
    assert guids(c.find_relationships_by_property(USER, None, InstanceProperties(), ALL)) == every


def test_type_subtype_and_status_filters(
    collection: MetadataCollection, gallery: TypeGallery, rels: dict[str, str]
) -> None:
    c, g, r = collection, gallery, rels
    related, synonym = type_guid(g, "RelatedTerm"), type_guid(g, "Synonym")
    assert guids(c.find_relationships(USER, related)) == {r["r1"], r["r2"]}
    assert guids(c.find_relationships(USER, None, [synonym])) == {r["r3"], r["r4"]}
    assert guids(c.find_relationships_by_property_value(USER, synonym, ".*")) == {r["r3"]}
    assert guids(c.find_relationships_by_property(USER, related, props(g, "RelatedTerm", confidence=50))) == {
        r["r2"]
    }
    c.delete_relationship(USER, related, "RelatedTerm", r["r1"])
    assert guids(c.find_relationships(USER, related)) == {r["r2"]}
    deleted = [InstanceStatus.DELETED]
    assert guids(c.find_relationships(USER, related, limit_results_by_status=deleted)) == {r["r1"]}
    found = c.find_relationships_by_property_value(
        USER, None, r".*\Q(one)\E", limit_results_by_status=deleted
    )
    assert guids(found) == {r["r1"]}
    assert c.find_relationships_by_property_value(USER, None, r".*\Q(one)\E") == []
    both = [InstanceStatus.ACTIVE, InstanceStatus.DELETED]
    assert guids(c.find_relationships(USER, related, limit_results_by_status=both)) == {r["r1"], r["r2"]}


def test_sequencing_and_paging(
    collection: MetadataCollection, gallery: TypeGallery, rels: dict[str, str]
) -> None:
    c, g, r = collection, gallery, rels
    created = [r["r1"], r["r2"], r["r3"], r["r4"]]

    def run(order: SequencingOrder, prop: str | None = None) -> list[Relationship]:
        return c.find_relationships(USER, sequencing_order=order, sequencing_property=prop)

    assert ordered(run(SequencingOrder.GUID)) == sorted(created)
    assert ordered(run(SequencingOrder.CREATION_DATE_OLDEST)) == created
    assert ordered(run(SequencingOrder.CREATION_DATE_RECENT)) == created[::-1]
    updated = props(g, "RelatedTerm", description="xzy two", confidence=51, status="Draft")
    c.update_relationship_properties(USER, r["r2"], updated)
    assert ordered(run(SequencingOrder.LAST_UPDATE_RECENT))[0] == r["r2"]
    assert ordered(run(SequencingOrder.LAST_UPDATE_OLDEST))[-1] == r["r2"]
    assert ordered(run(SequencingOrder.PROPERTY_ASCENDING, "confidence")) == [
        r["r1"],
        r["r4"],
        r["r2"],
        r["r3"],
    ]
    assert ordered(run(SequencingOrder.PROPERTY_DESCENDING, "confidence")) == [
        r["r3"],
        r["r2"],
        r["r4"],
        r["r1"],
    ]
    for order, prop in [
        (SequencingOrder.GUID, None),
        (SequencingOrder.PROPERTY_ASCENDING, "confidence"),
        (SequencingOrder.CREATION_DATE_RECENT, None),
    ]:
        _check_pages(c, order, prop, ordered(run(order, prop)), without=r["r4"])
    assert c.find_relationships(USER, from_relationship_element=4) == []


def _check_pages(
    c: MetadataCollection, order: SequencingOrder, prop: str | None, everything: list[str], without: str
) -> None:
    """Pages of every relationship find concatenate to the unpaged answer (r4 has no string value)."""
    fetches: list[tuple[Callable[[int, int], Sequence[Relationship]], list[str]]] = [
        (
            lambda o, n: c.find_relationships(USER, None, None, None, o, None, None, prop, order, n),
            everything,
        ),
        (
            lambda o, n: c.find_relationships_by_property(
                USER, None, None, None, o, None, None, prop, order, n
            ),
            everything,
        ),
        (
            lambda o, n: c.find_relationships_by_property_value(
                USER, None, ".*", o, None, None, prop, order, n
            ),
            [x for x in everything if x != without],
        ),
    ]
    for fetch, expected in fetches:
        assert ordered(fetch(0, 0)) == expected
        for size in (1, 2, 3, 4, 5):
            assert pages(fetch, size) == expected, size
