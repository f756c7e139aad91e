"""Paging of search results: every sequencing order is total, stable and sliced after sorting."""

from __future__ import annotations

import itertools
import random
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphrepo.omrs import EntityDetail, PrimitivePropertyValue, SequencingOrder
from graphrepo.store import Paging
from graphrepo.store._matching import apply_paging
from tests.unit.store.test_matching import T0, entity

# --- paging --------------------------------------------------------------------------------------

_guids = st.lists(st.uuids().map(str), min_size=0, max_size=12, unique=True)
_maybe_names = st.one_of(st.none(), st.sampled_from(["b", "a", "B", "é", "10", "9"]))


def _population(guids: list[str], names: list[str | None], days: list[int]) -> list[EntityDetail]:
    return [
        entity(
            guid,
            {} if name is None else {"name": name},
            create_time=T0 + timedelta(days=day),
            update_time=None if day % 2 else T0 + timedelta(days=10 - day),
        )
        for guid, name, day in zip(guids, names, days, strict=False)
    ]


population = _guids.flatmap(
    lambda guids: st.tuples(
        st.just(guids),
        st.lists(_maybe_names, min_size=len(guids), max_size=len(guids)),
        st.lists(st.integers(0, 4), min_size=len(guids), max_size=len(guids)),
    )
).map(lambda args: _population(*args))


def _name(instance: EntityDetail) -> str | None:
    value = instance.properties.instance_properties.get("name") if instance.properties else None
    return value.primitive_value if isinstance(value, PrimitivePropertyValue) else None


@given(population, st.sampled_from([*list(SequencingOrder), None]), st.integers(0, 14), st.integers(0, 5))
@settings(max_examples=200)
def test_paging_is_a_total_stable_order_sliced(
    instances: list[EntityDetail], order: SequencingOrder | None, offset: int, size: int
) -> None:
    paging = Paging(order=order, order_property="name")
    full = apply_paging(instances, paging)
    assert sorted(e.guid or "" for e in full) == sorted(e.guid or "" for e in instances)
    shuffled = list(instances)
    random.Random(offset).shuffle(shuffled)
    assert [e.guid for e in apply_paging(shuffled, paging)] == [e.guid for e in full]
    page = apply_paging(instances, Paging(offset, size, order, "name"))
    assert page == full[offset : offset + size if size else None]
    pages = [apply_paging(instances, Paging(o, 3, order, "name")) for o in range(0, len(instances) + 3, 3)]
    assert [e for p in pages for e in p] == full

    def keyed(key: Any, descending: bool = False) -> None:
        present = [e for e in full if key(e) is not None]
        assert full[: len(present)] == present  # absent values last
        for a, b in itertools.pairwise(present):
            ka, kb = key(a), key(b)
            assert (ka >= kb) if descending else (ka <= kb)
            if ka == kb:
                assert (a.guid or "") < (b.guid or "")  # ties by GUID

    match order:
        case None | SequencingOrder.ANY | SequencingOrder.GUID:
            keyed(lambda e: e.guid)
        case SequencingOrder.CREATION_DATE_RECENT | SequencingOrder.CREATION_DATE_OLDEST:
            keyed(lambda e: e.create_time, order is SequencingOrder.CREATION_DATE_RECENT)
        case SequencingOrder.LAST_UPDATE_RECENT | SequencingOrder.LAST_UPDATE_OLDEST:
            keyed(lambda e: e.update_time or e.create_time, order is SequencingOrder.LAST_UPDATE_RECENT)
        case _:
            # Java's String.compareTo: UTF-16 code units.
            keyed(
                lambda e: None if _name(e) is None else _name(e).encode("utf-16-be"),  # type: ignore[union-attr]
                order is SequencingOrder.PROPERTY_DESCENDING,
            )


def test_property_order_across_kinds_and_on_header_fields() -> None:
    instances = [
        entity("g1", {"p": 10}),
        entity("g2", {"p": 9.5}),
        entity("g3", {"p": "text"}),
        entity("g4", {}),
        entity("g5", {"p": ["not", "sortable"]}),
        entity("g6", {"p": 9.5}, version=3),
    ]
    ascending = apply_paging(instances, Paging(order=SequencingOrder.PROPERTY_ASCENDING, order_property="p"))
    assert [e.guid for e in ascending] == ["g2", "g6", "g1", "g3", "g4", "g5"]
    descending = apply_paging(
        instances, Paging(order=SequencingOrder.PROPERTY_DESCENDING, order_property="p")
    )
    assert [e.guid for e in descending] == ["g3", "g1", "g2", "g6", "g4", "g5"]
    by_version = apply_paging(
        instances, Paging(order=SequencingOrder.PROPERTY_DESCENDING, order_property="version")
    )
    assert by_version[0].guid == "g6"


def test_paging_edges() -> None:
    instances = [entity(f"g{i}") for i in range(5)]
    assert apply_paging(instances, Paging(offset=5)) == []
    assert apply_paging(instances, Paging(offset=9, page_size=2)) == []
    assert [e.guid for e in apply_paging(instances, Paging(offset=3))] == ["g3", "g4"]
    with pytest.raises(ValueError, match="negative"):
        apply_paging(instances, Paging(page_size=-1))
