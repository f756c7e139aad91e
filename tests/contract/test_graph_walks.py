"""Graph walks level by level (repository/_graph.py), on both stores: the batched port reads they use
(``relationships_of_entities``, ``entities_as_of``, ``relationships_as_of``), getRelatedEntities' walk
order and its early stop, and getLinkingEntities over cycles, parallel relationships and long chains.

The graph of the order tests (distances from R in brackets)::

    R[0] -- c1[1] -- c2[2] -- c3[3] -- c4[4] -- c5[5] -- c6[6]
    R    -- b1[1] -- b2[2] -- c2            (b2 is at distance 2 both ways)
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar, cast

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import EntityDetail, EntityProxy, InstanceStatus, Relationship, SequencingOrder
from graphrepo.repository import MetadataCollection
from graphrepo.store import (
    EntityRecord,
    InstanceStore,
    OutboxEntry,
    ProxyRecord,
    RelationshipRecord,
    StoreTransaction,
)
from graphrepo.store.memory import MemoryInstanceStore
from tests.contract.conftest import (
    USER,
    TickingClock,
    add,
    make_collection,
    ordered,
    pages,
    relate,
    type_guid,
)
from tests.integration.store.test_neo4j_instance_store import ASSET, T0, TERM, entity, proxy, relationship

T = TypeVar("T")

# --- the port: batched reads for a frontier ---------------------------------------------------------------


def _save_all(store: InstanceStore, *items: EntityDetail | EntityProxy | Relationship) -> None:
    def work(tx: StoreTransaction) -> None:
        for item in items:
            name = item.type.type_def_name if item.type is not None else None
            if isinstance(item, EntityDetail):
                tx.save_entity(EntityRecord(item, TERM if name == "GlossaryTerm" else ASSET))
            elif isinstance(item, EntityProxy):
                tx.save_proxy(ProxyRecord(item, TERM))
            else:
                tx.save_relationship(RelationshipRecord(item, (name or "RelatedTerm",)))

    store.write(work)


def test_relationships_of_entities_reads_a_frontier_at_once(store: InstanceStore) -> None:
    a, b, c, d = entity("a"), entity("b", "Asset"), proxy("c"), entity("d")
    ab, ca, aa = (
        relationship("r-ab", a, b),
        relationship("r-ca", c, a, "TermAnchor"),
        relationship("r-aa", a, a),
    )
    bd = relationship("r-bd", b, d, status=InstanceStatus.DELETED)
    _save_all(store, a, b, c, d, ab, ca, aa, bd)
    found = store.read(lambda tx: tx.relationships_of_entities(["b", "a", "missing", "c", "b"]))
    assert list(found) == ["b", "a", "missing", "c"]  # every GUID asked for, once, in the order asked
    assert [r.guid for r in found["a"]] == ["r-aa", "r-ab", "r-ca"]  # a relationship to itself once
    assert [r.guid for r in found["b"]] == ["r-ab", "r-bd"]  # any status
    assert found["c"] == [ca] and found["missing"] == []
    assert found["a"][1] == ab and found["b"][0] == ab  # in both ends' lists, whole
    assert store.read(lambda tx: tx.relationships_of_entities([])) == {}
    # The same answer as one relationships_of per entity.
    for guid in ("a", "b", "c", "d"):
        one = store.read(lambda tx: tx.relationships_of(guid))  # noqa: B023
        assert sorted(r.guid or "" for r in one) == [r.guid for r in found.get(guid, one)]


def test_batched_reads_as_of(store: InstanceStore) -> None:
    changed = T0 + timedelta(hours=2)
    a1, b1 = entity("a", qualifiedName="a.1"), entity("b")
    a2 = entity("a", version=2, updated=changed, qualifiedName="a.2")
    r1 = relationship("r", a1, b1, description="one")
    r2 = relationship("r", a1, b1, version=2, updated=changed, description="two")
    _save_all(store, a1, b1, r1)
    _save_all(store, a2, r2)
    between, after = T0 + timedelta(hours=1), T0 + timedelta(hours=3)
    assert store.read(lambda tx: tx.entities_as_of(["a", "b", "nope", "a"], between)) == {"a": a1, "b": b1}
    assert store.read(lambda tx: tx.entities_as_of(["a"], after)) == {"a": a2}
    assert store.read(lambda tx: tx.entities_as_of(["a"], T0 - timedelta(hours=1))) == {}
    assert store.read(lambda tx: tx.relationships_as_of(["r", "nope"], between)) == {"r": r1}
    assert store.read(lambda tx: tx.relationships_as_of(["r"], after)) == {"r": r2}


# --- getRelatedEntities: walk order, paging and the early stop ---------------------------------------------


@dataclass
class Chain:
    e: dict[str, str]  # entity GUIDs by name

    def expected(self, *levels: str) -> list[str]:
        """The walk order: each level (space-separated names) by GUID."""
        return [guid for level in levels for guid in sorted(self.e[n] for n in level.split())]


@pytest.fixture
def chain(collection: MetadataCollection, gallery: TypeGallery) -> Chain:
    c, g = collection, gallery
    names = ["R", "c1", "c2", "c3", "c4", "c5", "c6", "b1", "b2"]
    e = {n: add(c, g, "GlossaryTerm", qualifiedName=f"walk-{n}") for n in names}
    for one, two in [("R", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "c4"), ("c4", "c5"), ("c5", "c6")]:
        relate(c, g, e[one], e[two])
    for one, two in [("R", "b1"), ("b1", "b2"), ("b2", "c2")]:
        relate(c, g, e[one], e[two], "Synonym")
    return Chain(e)


LEVELS = ("R", "c1 b1", "c2 b2", "c3", "c4", "c5", "c6")


def test_related_entities_come_in_walk_order(collection: MetadataCollection, chain: Chain) -> None:
    c, root = collection, chain.e["R"]
    everything = chain.expected(*LEVELS)
    assert ordered(c.get_related_entities(USER, root)) == everything
    assert ordered(c.get_related_entities(USER, root, sequencing_order=SequencingOrder.ANY)) == everything
    assert ordered(c.get_related_entities(USER, root, page_size=2)) == everything[:2]  # root, nearest
    assert ordered(c.get_related_entities(USER, root, None, 3, page_size=2)) == everything[3:5]
    assert ordered(c.get_related_entities(USER, root, None, 8, page_size=5)) == everything[8:]
    assert c.get_related_entities(USER, root, None, 9, page_size=5) == []
    for size in (1, 2, 3, 4, 9, 10):
        fetched = pages(
            lambda o, n: c.get_related_entities(USER, root, None, o, None, None, None, None, None, n),
            size,
        )
        assert fetched == everything, size
    # From the far end the distances reverse; an explicit order still sorts the whole component.
    far = chain.expected("c6", "c5", "c4", "c3", "c2", "c1 b2", "R b1")
    assert ordered(c.get_related_entities(USER, chain.e["c6"])) == far
    by_guid = ordered(c.get_related_entities(USER, root, sequencing_order=SequencingOrder.GUID, page_size=3))
    assert by_guid == sorted(everything)[:3]


def test_related_entities_walk_order_with_filters(
    collection: MetadataCollection, gallery: TypeGallery, chain: Chain
) -> None:
    c, g, e = collection, gallery, chain.e
    # Deleting c1 cuts that way: c2 is reached through b1, b2 (distance 3), and the rest follows.
    c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", e["c1"])
    detour = chain.expected("R", "b1", "b2", "c2", "c3", "c4", "c5", "c6")
    assert ordered(c.get_related_entities(USER, e["R"])) == detour
    assert ordered(c.get_related_entities(USER, e["R"], page_size=4)) == detour[:4]
    # With DELETED asked for, c1 is back at distance 1.
    both = [InstanceStatus.ACTIVE, InstanceStatus.DELETED]
    found = c.get_related_entities(USER, e["R"], limit_results_by_status=both, page_size=3)
    assert ordered(found) == chain.expected(*LEVELS)[:3]
    # A root that fails the filters is walked from but not returned.
    c.classify_entity(USER, e["b2"], "Confidentiality", None)
    classified = c.get_related_entities(USER, e["R"], limit_results_by_classification=["Confidentiality"])
    assert ordered(classified) == []  # b2 is only reachable through unclassified entities
    from_b2 = c.get_related_entities(USER, e["b2"], limit_results_by_classification=["Confidentiality"])
    assert ordered(from_b2) == [e["b2"]]


def test_related_entities_as_of_in_walk_order(
    collection: MetadataCollection, gallery: TypeGallery, chain: Chain, clock: TickingClock
) -> None:
    c, g, e = collection, gallery, chain.e
    before = clock.peek()
    c.delete_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", e["c1"])
    late = add(c, g, "GlossaryTerm", qualifiedName="walk-late")
    relate(c, g, e["R"], late)
    then = ordered(c.get_related_entities(USER, e["R"], as_of_time=before))
    assert then == chain.expected(*LEVELS)
    assert ordered(c.get_related_entities(USER, e["R"], as_of_time=before, page_size=3)) == then[:3]
    now = ordered(c.get_related_entities(USER, e["R"], page_size=3))
    assert now == [e["R"], *sorted([e["b1"], late])]


class _CountingStore:
    """A store that counts the frontier reads its transactions make (how far a walk went)."""

    def __init__(self, inner: InstanceStore) -> None:
        self.inner, self.frontiers = inner, 0

    def _counting(self, work: Callable[[StoreTransaction], T]) -> Callable[[StoreTransaction], T]:
        outer = self

        class Counting:
            def __init__(self, tx: StoreTransaction) -> None:
                self._tx = tx

            def relationships_of_entities(self, guids: Sequence[str]) -> Any:
                outer.frontiers += 1
                return self._tx.relationships_of_entities(guids)

            def __getattr__(self, name: str) -> Any:
                return getattr(self._tx, name)

        return lambda tx: work(cast(StoreTransaction, Counting(tx)))

    def read(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.inner.read(self._counting(work))

    def write(self, work: Callable[[StoreTransaction], T]) -> T:
        return self.inner.write(work)

    def pending_events(self, limit: int) -> list[OutboxEntry]:
        return self.inner.pending_events(limit)

    def remove_published(self, sequences: Sequence[int]) -> None:
        self.inner.remove_published(sequences)

    def close(self) -> None:
        self.inner.close()


def test_a_page_in_walk_order_stops_the_walk_early(gallery: TypeGallery, clock: TickingClock) -> None:
    store = _CountingStore(MemoryInstanceStore())
    c = make_collection(store, gallery, clock)
    terms = [add(c, gallery, "GlossaryTerm", qualifiedName=f"long-{i}") for i in range(60)]
    for one, two in itertools.pairwise(terms):
        relate(c, gallery, one, two)
    store.frontiers = 0
    assert ordered(c.get_related_entities(USER, terms[0], page_size=2)) == terms[:2]
    assert store.frontiers == 1  # one level read, not sixty
    store.frontiers = 0
    assert ordered(c.get_related_entities(USER, terms[30], None, 3, page_size=2)) == sorted(
        [terms[28], terms[32]]
    )
    assert store.frontiers == 2  # root, 29 and 31, then 28 and 32
    store.frontiers = 0
    everything = c.get_related_entities(USER, terms[0], sequencing_order=SequencingOrder.GUID, page_size=2)
    assert ordered(everything) == sorted(terms)[:2] and store.frontiers == 60  # the whole chain


# --- getLinkingEntities: exact, without listing paths ----------------------------------------------------


def test_linking_entities_over_cycles_and_parallel_relationships(
    collection: MetadataCollection, gallery: TypeGallery
) -> None:
    """s -- a -- t and s -- b -- t (a cycle through both), two relationships s -- a, a loop a -- d -- e
    -- a hanging off a, a pendant t -- p, and a chain t -- u -- v -- s back to s."""
    c, g = collection, gallery
    e = {n: add(c, g, "GlossaryTerm", qualifiedName=f"link-{n}") for n in "sabtdepuvx"}
    r = {
        name: relate(c, g, e[name[0]], e[name[1]], kind)
        for name, kind in [
            ("sa", "RelatedTerm"),
            ("at", "RelatedTerm"),
            ("sb", "RelatedTerm"),
            ("bt", "RelatedTerm"),
            ("ad", "RelatedTerm"),
            ("de", "RelatedTerm"),
            ("ea", "RelatedTerm"),
            ("tp", "RelatedTerm"),
            ("xs", "RelatedTerm"),
        ]
    }
    r["sa2"] = relate(c, g, e["s"], e["a"], "Synonym")
    found = c.get_linking_entities(USER, e["s"], e["t"])
    assert {str(x.guid) for x in found.entities} == {e[n] for n in "sabt"}
    assert {str(x.guid) for x in found.relationships} == {r[n] for n in ("sa", "sa2", "at", "sb", "bt")}
    # A path back round through u and v joins them to the block.
    r["tu"], r["uv"], r["vs"] = (
        relate(c, g, e["t"], e["u"]),
        relate(c, g, e["u"], e["v"]),
        relate(c, g, e["v"], e["s"]),
    )
    found = c.get_linking_entities(USER, e["s"], e["t"])
    assert {str(x.guid) for x in found.entities} == {e[n] for n in "sabtuv"}
    assert {str(x.guid) for x in found.relationships} == {
        r[n] for n in ("sa", "sa2", "at", "sb", "bt", "tu", "uv", "vs")
    }
    # Through a cut entity: x -- s is a bridge, then the block.
    found = c.get_linking_entities(USER, e["x"], e["a"])
    assert {str(x.guid) for x in found.entities} == {e[n] for n in "xsabtuv"}
    # Within the loop hanging off a.
    found = c.get_linking_entities(USER, e["d"], e["e"])
    assert {str(x.guid) for x in found.entities} == {e[n] for n in "ade"}
    assert {str(x.guid) for x in found.relationships} == {r[n] for n in ("ad", "de", "ea")}


def test_linking_entities_along_a_long_chain(gallery: TypeGallery, clock: TickingClock) -> None:
    """Longer than Python's recursion limit: the block search is iterative. (Memory store: quick.)"""
    store = MemoryInstanceStore()
    c = make_collection(store, gallery, clock)
    terms = [add(c, gallery, "GlossaryTerm", qualifiedName=f"chain-{i}") for i in range(1_050)]
    links = [relate(c, gallery, one, two) for one, two in itertools.pairwise(terms)]
    found = c.get_linking_entities(USER, terms[0], terms[-1])
    assert {str(x.guid) for x in found.entities} == set(terms)
    assert {str(x.guid) for x in found.relationships} == set(links)
    middle = c.get_linking_entities(USER, terms[10], terms[20])
    assert {str(x.guid) for x in middle.entities} == set(terms[10:21])
    store.close()
