"""CTS profile "Instance versions" (Egeria 4+): every version of an instance can be retrieved.

``TestSupportedEntityLifecycle``/``TestSupportedRelationshipLifecycle`` history checks: each change makes a
new version (strictly increasing by one, same ``createTime``, ``updateTime`` not before the previous one), the
history holds every version with the content it had, soft-delete and restore included.
"""

from __future__ import annotations

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import HistorySequencingOrder, InstanceStatus
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, add, props, relate, type_guid

F = HistorySequencingOrder.FORWARDS


def test_entity_versions(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    term = type_guid(g, "GlossaryTerm")
    guid = add(c, g, "GlossaryTerm", qualifiedName="iv")
    c.update_entity_properties(USER, guid, props(g, "GlossaryTerm", qualifiedName="iv", displayName="x"))
    c.classify_entity(USER, guid, "Confidentiality", None)
    c.delete_entity(USER, term, "GlossaryTerm", guid)
    c.restore_entity(USER, guid)
    history = c.get_entity_detail_history(USER, guid, sequencing_order=F)
    assert [e.version for e in history] == [1, 2, 3, 4, 5]
    assert len({e.create_time for e in history}) == 1
    stamps = [e.update_time or e.create_time for e in history]
    assert all(s is not None for s in stamps) and stamps == sorted(s for s in stamps if s is not None)
    assert [e.status for e in history] == [InstanceStatus.ACTIVE] * 3 + [
        InstanceStatus.DELETED,
        InstanceStatus.ACTIVE,
    ]
    assert history[0].properties == props(g, "GlossaryTerm", qualifiedName="iv")
    assert [len(e.classifications) for e in history] == [0, 0, 1, 1, 1]
    assert c.get_entity_detail(USER, guid) == history[-1]


def test_relationship_versions(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    related = type_guid(g, "RelatedTerm")
    rel = relate(
        c, g, add(c, g, "GlossaryTerm", qualifiedName="a"), add(c, g, "GlossaryTerm", qualifiedName="b")
    )
    c.update_relationship_properties(USER, rel, props(g, "RelatedTerm", confidence=1))
    c.delete_relationship(USER, related, "RelatedTerm", rel)
    c.restore_relationship(USER, rel)
    history = c.get_relationship_history(USER, rel, sequencing_order=F)
    assert [r.version for r in history] == [1, 2, 3, 4]
    assert [r.status for r in history] == [
        InstanceStatus.ACTIVE,
        InstanceStatus.ACTIVE,
        InstanceStatus.DELETED,
        InstanceStatus.ACTIVE,
    ]
    assert history[0].properties is None and history[1].properties == props(g, "RelatedTerm", confidence=1)
