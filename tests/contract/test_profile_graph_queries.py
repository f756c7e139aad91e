"""CTS profile "Graph queries" (ENTITY_NEIGHBORHOOD, CONNECTED_ENTITIES, LINKED_ENTITIES, relationships for
entity).

Modelled on ``TestGraphQueries``: the expected answers are computed the way its ``exploreFromEntity`` and
``traverse`` do: a neighbourhood of level N holds the root and everything within N relationships (level 0: the
root alone, no relationships); ``getRelatedEntities`` returns every connected entity *including the root*
(assertion 06 compares sizes with a list that holds the root); ``getLinkingEntities`` returns every entity and
relationship on a path between the two, the one entity when both ends are the same, and nothing when no path
exists (assertions 08-11). Filters (types, statuses, classifications, ``asOfTime``) narrow what is returned.

The graph::

    G (Glossary) --TermAnchor-- a, b
    a --RelatedTerm-- b --Synonym-- d --RelatedTerm-- e        b --RelatedTerm-- f (deleted relationship)
    x (alone)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityNotKnownException,
    InstanceStatus,
    SequencingOrder,
)
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, TickingClock, add, guids, ordered, pages, relate, type_guid

BOTH = [InstanceStatus.ACTIVE, InstanceStatus.DELETED]


@dataclass
class Graph:
    e: dict[str, str]  # entity GUIDs by letter
    r: dict[str, str]  # relationship GUIDs by end letters


@pytest.fixture
def graph(collection: MetadataCollection, gallery: TypeGallery) -> Graph:
    c, g = collection, gallery
    e = {n: add(c, g, "GlossaryTerm", qualifiedName=f"gq-{n}") for n in "abdefx"}
    e["G"] = add(c, g, "Glossary", qualifiedName="gq-G")
    r = {
        "Ga": relate(c, g, e["G"], e["a"], "TermAnchor"),
        "Gb": relate(c, g, e["G"], e["b"], "TermAnchor"),
        "ab": relate(c, g, e["a"], e["b"]),
        "bd": relate(c, g, e["b"], e["d"], "Synonym"),
        "de": relate(c, g, e["d"], e["e"]),
        "bf": relate(c, g, e["b"], e["f"]),
    }
    c.delete_relationship(USER, type_guid(g, "RelatedTerm"), "RelatedTerm", r["bf"])
    return Graph(e, r)


def _ids(graph: Graph, letters: str, names: list[str]) -> tuple[set[str], set[str]]:
    return {graph.e[x] for x in letters}, {graph.r[x] for x in names}


def test_neighborhood_levels(collection: MetadataCollection, graph: Graph) -> None:
    c, gr = collection, graph
    expected = {
        0: _ids(gr, "a", []),
        1: _ids(gr, "abG", ["ab", "Ga"]),
        2: _ids(gr, "abGd", ["ab", "Ga", "Gb", "bd"]),
        3: _ids(gr, "abGde", ["ab", "Ga", "Gb", "bd", "de"]),
        4: _ids(gr, "abGde", ["ab", "Ga", "Gb", "bd", "de"]),
    }
    for level, (entities, relationships) in expected.items():
        found = c.get_entity_neighborhood(USER, gr.e["a"], level=level)
        assert guids(found.entities) == entities, level
        assert guids(found.relationships) == relationships, level
        assert len(found.entities) == len(entities) and len(found.relationships) == len(relationships)
    lone = c.get_entity_neighborhood(USER, gr.e["x"], level=2)
    assert guids(lone.entities) == {gr.e["x"]} and lone.relationships == []


def test_neighborhood_filters(collection: MetadataCollection, gallery: TypeGallery, graph: Graph) -> None:
    c, g, gr = collection, gallery, graph
    a = gr.e["a"]
    by_rel = c.get_entity_neighborhood(USER, a, None, [type_guid(g, "RelatedTerm")], level=3)
    assert (guids(by_rel.entities), guids(by_rel.relationships)) == _ids(gr, "ab", ["ab"])
    by_two = c.get_entity_neighborhood(
        USER, a, None, [type_guid(g, "RelatedTerm"), type_guid(g, "TermAnchor")], level=2
    )
    assert (guids(by_two.entities), guids(by_two.relationships)) == _ids(gr, "abG", ["ab", "Ga", "Gb"])
    terms_only = c.get_entity_neighborhood(USER, a, [type_guid(g, "GlossaryTerm")], level=3)
    assert (guids(terms_only.entities), guids(terms_only.relationships)) == _ids(
        gr, "abde", ["ab", "bd", "de"]
    )
    # A supertype GUID covers its subtypes.
    referenceable = c.get_entity_neighborhood(USER, a, [type_guid(g, "Referenceable")], level=1)
    assert guids(referenceable.entities) == _ids(gr, "abG", [])[0]
    # Deleted relationships are walked only when DELETED is asked for.
    from_b = c.get_entity_neighborhood(USER, gr.e["b"], level=1)
    assert gr.r["bf"] not in guids(from_b.relationships)
    with_deleted = c.get_entity_neighborhood(USER, gr.e["b"], None, None, BOTH, level=1)
    assert {gr.r["bf"], gr.r["ab"]} <= guids(with_deleted.relationships)
    assert gr.e["f"] in guids(with_deleted.entities)
    # Classification filter: only classified entities (besides the root) are returned.
    c.classify_entity(USER, gr.e["b"], "Confidentiality", None)
    classified = c.get_entity_neighborhood(USER, a, None, None, None, ["Confidentiality"], level=1)
    assert (guids(classified.entities), guids(classified.relationships)) == _ids(gr, "ab", ["ab"])


def test_neighborhood_as_of_time(
    collection: MetadataCollection, gallery: TypeGallery, graph: Graph, clock: TickingClock
) -> None:
    c, g, gr = collection, gallery, graph
    before = clock.peek()
    late = add(c, g, "GlossaryTerm", qualifiedName="gq-late")
    link = relate(c, g, gr.e["a"], late)
    c.delete_relationship(USER, type_guid(g, "RelatedTerm"), "RelatedTerm", gr.r["ab"])
    now = c.get_entity_neighborhood(USER, gr.e["a"], level=1)
    assert (guids(now.entities), guids(now.relationships)) == (
        {gr.e["a"], gr.e["G"], late},
        {gr.r["Ga"], link},
    )
    then = c.get_entity_neighborhood(USER, gr.e["a"], as_of_time=before, level=1)
    assert (guids(then.entities), guids(then.relationships)) == _ids(gr, "abG", ["ab", "Ga"])
    related_then = c.get_related_entities(USER, gr.e["a"], as_of_time=before)
    assert guids(related_then) == _ids(gr, "abGde", [])[0]
    rels_then = c.get_relationships_for_entity(USER, gr.e["a"], as_of_time=before)
    assert guids(rels_then) == {gr.r["ab"], gr.r["Ga"]}
    linking_then = c.get_linking_entities(USER, gr.e["a"], gr.e["b"], as_of_time=before)
    assert guids(linking_then.relationships) == {gr.r["ab"], gr.r["Ga"], gr.r["Gb"]}
    with pytest.raises(EntityNotKnownException):  # did not exist then
        c.get_entity_neighborhood(USER, late, as_of_time=before)
    with pytest.raises(EntityNotKnownException):
        c.get_linking_entities(USER, gr.e["a"], late, as_of_time=before)


def test_related_entities_include_the_root(
    collection: MetadataCollection, gallery: TypeGallery, graph: Graph
) -> None:
    c, g, gr = collection, gallery, graph
    every = _ids(gr, "abGde", [])[0]
    for start in "abGde":
        assert guids(c.get_related_entities(USER, gr.e[start])) == every, start
        assert len(c.get_related_entities(USER, gr.e[start])) == len(every)
    assert guids(c.get_related_entities(USER, gr.e["x"])) == {gr.e["x"]}
    terms = c.get_related_entities(USER, gr.e["a"], [type_guid(g, "GlossaryTerm")])
    assert guids(terms) == _ids(gr, "abde", [])[0]
    with_deleted = c.get_related_entities(USER, gr.e["a"], limit_results_by_status=BOTH)
    assert guids(with_deleted) == every | {gr.e["f"]}
    c.classify_entity(USER, gr.e["b"], "Confidentiality", None)
    classified = c.get_related_entities(USER, gr.e["b"], limit_results_by_classification=["Confidentiality"])
    assert guids(classified) == {gr.e["b"]}


def test_related_entities_order_and_paging(collection: MetadataCollection, graph: Graph) -> None:
    c, gr = collection, graph
    a = gr.e["a"]
    names = ["gq-G", "gq-a", "gq-b", "gq-d", "gq-e"]
    for order, expected in [
        (SequencingOrder.PROPERTY_ASCENDING, names),
        (SequencingOrder.PROPERTY_DESCENDING, names[::-1]),
    ]:
        found = c.get_related_entities(USER, a, sequencing_property="qualifiedName", sequencing_order=order)
        assert [e.properties.instance_properties["qualifiedName"].primitive_value for e in found] == expected  # type: ignore[union-attr]
    created = ordered(c.get_related_entities(USER, a, sequencing_order=SequencingOrder.CREATION_DATE_OLDEST))
    assert created == [gr.e[x] for x in "abdeG"]
    for order in (SequencingOrder.GUID, SequencingOrder.CREATION_DATE_RECENT):
        everything = ordered(c.get_related_entities(USER, a, sequencing_order=order))
        for size in (1, 2, 5, 6):
            fetched = pages(
                lambda o, n: c.get_related_entities(USER, a, None, o, None, None, None, None, order, n),  # noqa: B023
                size,
            )
            assert fetched == everything
    assert c.get_related_entities(USER, a, from_entity_element=5, page_size=3) == []


def test_linking_entities(collection: MetadataCollection, graph: Graph) -> None:
    c, gr = collection, graph
    e = gr.e
    a_to_e = c.get_linking_entities(USER, e["a"], e["e"])
    assert (guids(a_to_e.entities), guids(a_to_e.relationships)) == _ids(
        gr, "abGde", ["ab", "Ga", "Gb", "bd", "de"]
    )
    b_to_d = c.get_linking_entities(USER, e["b"], e["d"])
    assert (guids(b_to_d.entities), guids(b_to_d.relationships)) == _ids(gr, "bd", ["bd"])
    # The trivial case: start == end gives the one entity and no relationships.
    same = c.get_linking_entities(USER, e["a"], e["a"])
    assert guids(same.entities) == {e["a"]} and same.relationships == []
    # No path: nothing at all.
    none = c.get_linking_entities(USER, e["a"], e["x"])
    assert none.entities == [] and none.relationships == []
    assert c.get_linking_entities(USER, e["b"], e["f"]).entities == []
    deleted = c.get_linking_entities(USER, e["b"], e["f"], BOTH)
    assert (guids(deleted.entities), guids(deleted.relationships)) == _ids(gr, "bf", ["bf"])


def test_relationships_for_entity(collection: MetadataCollection, gallery: TypeGallery, graph: Graph) -> None:
    c, g, gr = collection, gallery, graph
    b = gr.e["b"]
    assert guids(c.get_relationships_for_entity(USER, b)) == {gr.r["ab"], gr.r["Gb"], gr.r["bd"]}
    assert guids(c.get_relationships_for_entity(USER, b, type_guid(g, "Synonym"))) == {gr.r["bd"]}
    deleted = c.get_relationships_for_entity(USER, b, None, 0, [InstanceStatus.DELETED])
    assert guids(deleted) == {gr.r["bf"]}
    assert len(c.get_relationships_for_entity(USER, b, None, 0, BOTH)) == 4
    everything = ordered(c.get_relationships_for_entity(USER, b, sequencing_order=SequencingOrder.GUID))
    assert everything == sorted(everything)
    for size in (1, 2, 3):
        fetched = pages(
            lambda o, n: c.get_relationships_for_entity(
                USER, b, None, o, None, None, None, SequencingOrder.GUID, n
            ),
            size,
        )
        assert fetched == everything
    recent = c.get_relationships_for_entity(USER, b, sequencing_order=SequencingOrder.CREATION_DATE_RECENT)
    assert ordered(recent) == [gr.r["bd"], gr.r["ab"], gr.r["Gb"]]
    assert c.get_relationships_for_entity(USER, b, from_relationship_element=3) == []


def test_graph_queries_on_unknown_or_deleted_entities(
    collection: MetadataCollection, gallery: TypeGallery, graph: Graph
) -> None:
    c, g, gr = collection, gallery, graph
    for guid in ("missing", gr.e["x"]):
        if guid == gr.e["x"]:
            c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", guid)
        with pytest.raises(EntityNotKnownException):
            c.get_entity_neighborhood(USER, guid)
        with pytest.raises(EntityNotKnownException):
            c.get_related_entities(USER, guid)
        with pytest.raises(EntityNotKnownException):
            c.get_relationships_for_entity(USER, guid)
        with pytest.raises(EntityNotKnownException):
            c.get_linking_entities(USER, gr.e["a"], guid)
