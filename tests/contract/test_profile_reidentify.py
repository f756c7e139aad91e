"""CTS profile "Reidentify" (``TestSupportedEntityReidentify`` / ``TestSupportedRelationshipReidentify``).

The instance moves to the new GUID with ``reIdentifiedFromGUID`` set and version + 1; the old GUID is unknown;
relationships follow the entity; searches find it under the new GUID; a RE_IDENTIFIED event is announced.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import EntityNotKnownException, OMRSInstanceEventType, RelationshipNotKnownException
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import USER, add, drain, guids, relate, type_guid

Ev = OMRSInstanceEventType


def test_reidentify_entity(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    term = type_guid(g, "GlossaryTerm")
    old, other = add(c, g, "GlossaryTerm", qualifiedName="ri"), add(c, g, "GlossaryTerm", qualifiedName="ro")
    rel = relate(c, g, other, old)
    drain(store)
    moved = c.re_identify_entity(USER, term, "GlossaryTerm", old, "ri-new")
    assert moved.guid == "ri-new" and moved.re_identified_from_guid == old and moved.version == 2
    assert c.is_entity_known(USER, old) is None
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail(USER, old)
    assert c.get_entity_detail(USER, "ri-new").version == 2
    end = c.get_relationship(USER, rel).entity_two_proxy
    assert end is not None and end.guid == "ri-new"
    assert guids(c.find_entities_by_property_value(USER, term, r"\Qri\E")) == {"ri-new"}
    assert guids(c.get_related_entities(USER, other)) == {other, "ri-new"}
    kinds = [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section]
    assert Ev.RE_IDENTIFIED_ENTITY_EVENT in kinds


def test_reidentify_relationship(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    related = type_guid(g, "RelatedTerm")
    one, two = add(c, g, "GlossaryTerm", qualifiedName="a"), add(c, g, "GlossaryTerm", qualifiedName="b")
    rel = relate(c, g, one, two, description="d")
    drain(store)
    moved = c.re_identify_relationship(USER, related, "RelatedTerm", rel, "rel-new")
    assert moved.guid == "rel-new" and moved.re_identified_from_guid == rel and moved.version == 2
    assert c.is_relationship_known(USER, rel) is None
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, rel)
    assert guids(c.get_relationships_for_entity(USER, one)) == {"rel-new"}
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.RE_IDENTIFIED_RELATIONSHIP_EVENT
