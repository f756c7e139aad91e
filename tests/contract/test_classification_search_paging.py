"""findEntitiesByClassification paged in GUID order across several pages, on both stores.

The Neo4j store cuts such a page from the (Classification._typeName, _entityGuid) index (migration 0006), so
the classified entity's GUID kept on each classification node must follow every change that moves or drops
it: re-identify, declassify, reclassify. Type and status filters apply to the entity; pages partition the
answer whatever their size.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import EntityDetail, InstanceStatus, SequencingOrder
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, add, pages, props, type_guid

LEVEL = "Confidentiality"


def _paged(
    c: MetadataCollection,
    type_name: str | None = None,
    statuses: list[InstanceStatus] | None = None,
    order: SequencingOrder | None = SequencingOrder.GUID,
) -> dict[int, list[str]]:
    """Every page size's concatenated pages (GUIDs), per size; ``type_name`` is a type GUID."""

    def fetch(offset: int, size: int) -> Sequence[EntityDetail]:
        return c.find_entities_by_classification(
            USER,
            type_name,
            LEVEL,
            from_entity_element=offset,
            limit_results_by_status=statuses,
            sequencing_order=order,
            page_size=size,
        )

    return {size: pages(fetch, size) for size in (1, 2, 3, 50)}


def _same_for_every_size(found: dict[int, list[str]]) -> list[str]:
    first = found[50]
    assert all(got == first for got in found.values()), found
    return first


def test_classification_pages_follow_reidentify_declassify_and_reclassify(
    collection: MetadataCollection, gallery: TypeGallery
) -> None:
    c, g = collection, gallery
    terms = [add(c, g, "GlossaryTerm", qualifiedName=f"cls-term-{i}") for i in range(5)]
    assets = [add(c, g, "Asset", qualifiedName=f"cls-asset-{i}") for i in range(3)]
    unclassified = add(c, g, "GlossaryTerm", qualifiedName="cls-plain")
    for guid in terms + assets:
        c.classify_entity(USER, guid, LEVEL, props(g, LEVEL, levelIdentifier=1))
    gone = assets[0]
    c.delete_entity(USER, type_guid(g, "Asset"), "Asset", gone)
    live = sorted(terms + assets[1:])

    assert _same_for_every_size(_paged(c)) == live
    assert _same_for_every_size(_paged(c, order=None)) == live  # no order: GUID order too
    assert unclassified not in live
    assert _same_for_every_size(_paged(c, type_guid(g, "Asset"))) == sorted(assets[1:])
    assert _same_for_every_size(_paged(c, type_guid(g, "Referenceable"))) == live  # subtypes count
    assert _same_for_every_size(_paged(c, statuses=[InstanceStatus.DELETED])) == [gone]
    both = [InstanceStatus.ACTIVE, InstanceStatus.DELETED]
    assert _same_for_every_size(_paged(c, statuses=both)) == sorted([*live, gone])

    # Re-identified: found under the new GUID (in its place in GUID order), never under the old one.
    moved = terms[1]
    c.re_identify_entity(USER, type_guid(g, "GlossaryTerm"), "GlossaryTerm", moved, "0-cls-renamed")
    live = sorted([*(t for t in live if t != moved), "0-cls-renamed"])
    assert _same_for_every_size(_paged(c)) == live
    assert live[0] == "0-cls-renamed"

    # Declassified: gone from every page; updated and classified again: back in its place.
    dropped = terms[2]
    c.declassify_entity(USER, dropped, LEVEL)
    assert _same_for_every_size(_paged(c)) == [t for t in live if t != dropped]
    c.classify_entity(USER, dropped, LEVEL, props(g, LEVEL, levelIdentifier=2))
    c.update_entity_classification(USER, dropped, LEVEL, props(g, LEVEL, levelIdentifier=3))
    assert _same_for_every_size(_paged(c)) == live
    c.update_entity_properties(USER, terms[3], props(g, "GlossaryTerm", qualifiedName="cls-term-3b"))
    assert _same_for_every_size(_paged(c, type_guid(g, "GlossaryTerm"))) == sorted(
        t for t in live if t not in assets
    )
