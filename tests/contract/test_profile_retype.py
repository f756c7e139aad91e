"""CTS profile "Retype" (``TestSupportedEntityRetype`` / ``TestSupportedRelationshipRetype``).

An entity re-typed to a subtype keeps its properties and is found under the new type (and still under the
supertype); a retype to an unrelated or wrong-category type is a TypeError; the version goes up and a RE_TYPED
event is announced.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import OMRSInstanceEventType, TypeErrorException
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import USER, add, drain, guids, props, relate, type_guid, type_summary

Ev = OMRSInstanceEventType


def test_retype_entity(collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore) -> None:
    c, g = collection, gallery
    guid = add(c, g, "GlossaryTerm", qualifiedName="rt", displayName="keep")
    drain(store)
    retyped = c.re_type_entity(
        USER, guid, type_summary(g, "GlossaryTerm"), type_summary(g, "ControlledGlossaryTerm")
    )
    assert retyped.type is not None and retyped.type.type_def_name == "ControlledGlossaryTerm"
    assert retyped.version == 2
    assert retyped.properties == props(g, "GlossaryTerm", qualifiedName="rt", displayName="keep")
    assert guids(c.find_entities(USER, type_guid(g, "ControlledGlossaryTerm"))) == {guid}
    assert guids(c.find_entities(USER, type_guid(g, "GlossaryTerm"))) == {guid}
    found = c.find_entities_by_property_value(USER, type_guid(g, "ControlledGlossaryTerm"), r"\Qkeep\E")
    assert guids(found) == {guid}
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.RETYPED_ENTITY_EVENT
    back = c.re_type_entity(
        USER, guid, type_summary(g, "ControlledGlossaryTerm"), type_summary(g, "GlossaryTerm")
    )
    assert back.version == 3 and c.find_entities(USER, type_guid(g, "ControlledGlossaryTerm")) == []
    with pytest.raises(TypeErrorException):
        c.re_type_entity(USER, guid, type_summary(g, "GlossaryTerm"), type_summary(g, "RelatedTerm"))


def test_retype_relationship(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    rel = relate(
        c,
        g,
        add(c, g, "GlossaryTerm", qualifiedName="a"),
        add(c, g, "GlossaryTerm", qualifiedName="b"),
        confidence=3,
    )
    drain(store)
    retyped = c.re_type_relationship(USER, rel, type_summary(g, "RelatedTerm"), type_summary(g, "Synonym"))
    assert retyped.type is not None and retyped.type.type_def_name == "Synonym" and retyped.version == 2
    assert guids(c.find_relationships(USER, type_guid(g, "Synonym"))) == {rel}
    assert c.find_relationships(USER, type_guid(g, "RelatedTerm")) == []
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.RETYPED_RELATIONSHIP_EVENT
    with pytest.raises(TypeErrorException):
        c.re_type_relationship(USER, rel, type_summary(g, "Synonym"), type_summary(g, "GlossaryTerm"))
