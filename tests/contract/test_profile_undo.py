"""CTS profile "Undo an update" (UPDATE_UNDO): ``undoEntityUpdate`` / ``undoRelationshipUpdate``.

The previous content comes back as a new, higher version (omrs-reference §2 Group 4); the undo is announced as
an UNDONE event; a reference copy cannot be undone (InvalidParameter, see the reference-copy profile).
"""

from __future__ import annotations

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import OMRSInstanceEventType
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import USER, add, drain, props, relate

Ev = OMRSInstanceEventType


def test_undo_entity_update(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    first = props(g, "ToDo", qualifiedName="u", priority=1)
    guid = add(c, g, "ToDo", qualifiedName="u", priority=1)
    c.update_entity_properties(USER, guid, props(g, "ToDo", qualifiedName="u", priority=2))
    drain(store)
    undone = c.undo_entity_update(USER, guid)
    assert undone.version == 3 and undone.properties == first
    assert c.get_entity_detail(USER, guid) == undone
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.UNDONE_ENTITY_EVENT


def test_undo_relationship_update(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    rel = relate(
        c,
        g,
        add(c, g, "GlossaryTerm", qualifiedName="a"),
        add(c, g, "GlossaryTerm", qualifiedName="b"),
        confidence=1,
    )
    c.update_relationship_properties(USER, rel, props(g, "RelatedTerm", confidence=2))
    drain(store)
    undone = c.undo_relationship_update(USER, rel)
    assert undone.version == 3 and undone.properties == props(g, "RelatedTerm", confidence=1)
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.UNDONE_RELATIONSHIP_EVENT
