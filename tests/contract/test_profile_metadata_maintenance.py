"""CTS profile "Metadata maintenance": updates of home instances (``TestSupportedEntityLifecycle`` /
``TestSupportedRelationshipLifecycle`` maintenance parts, ``TestSupportedClassificationLifecycle``).

Each change returns the new state with ``version`` + 1, ``updatedBy``/``updateTime`` set and the user added to
``maintainedBy``; ``updateEntityProperties`` replaces the whole property set; invalid properties, statuses and
classifications are refused with PropertyError / StatusNotSupported / ClassificationError; each change is
announced with its event.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    ClassificationErrorException,
    InstanceStatus,
    InvalidParameterException,
    OMRSInstanceEventType,
    PropertyErrorException,
    StatusNotSupportedException,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import USER, add, drain, props, relate

Ev = OMRSInstanceEventType


def _kinds(store: InstanceStore) -> list[Ev]:
    return [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section is not None]  # type: ignore[misc]


def test_entity_updates(collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore) -> None:
    c, g = collection, gallery
    guid = add(c, g, "ToDo", qualifiedName="m", priority=1, description="keep?")
    drain(store)
    updated = c.update_entity_properties("editor", guid, props(g, "ToDo", qualifiedName="m", priority=2))
    assert updated.version == 2 and updated.updated_by == "editor" and updated.update_time is not None
    assert updated.maintained_by == [USER, "editor"]
    assert updated.properties == props(g, "ToDo", qualifiedName="m", priority=2)  # description gone
    with pytest.raises(PropertyErrorException):
        c.update_entity_properties(USER, guid, props(g, "Asset", qualifiedName="m", owner="x"))
    with pytest.raises(StatusNotSupportedException):
        c.update_entity_status(USER, guid, InstanceStatus.PROPOSED)
    assert c.get_entity_detail(USER, guid).version == 2  # refused changes leave no trace
    assert _kinds(store) == [Ev.UPDATED_ENTITY_EVENT]


def test_classification_maintenance(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    guid = add(c, g, "GlossaryTerm", qualifiedName="cm")
    drain(store)
    classified = c.classify_entity(
        USER, guid, "Confidentiality", props(g, "Confidentiality", levelIdentifier=1)
    )
    (classification,) = classified.classifications
    assert classification.version == 1 and classification.created_by == USER
    assert classification.type is not None and classification.type.type_def_name == "Confidentiality"
    with pytest.raises(PropertyErrorException):
        c.update_entity_classification(USER, guid, "Confidentiality", props(g, "ToDo", priority=1))
    with pytest.raises(ClassificationErrorException):
        c.update_entity_classification(USER, guid, "Criticality", None)
    with pytest.raises(InvalidParameterException):  # validateClassificationName: UNKNOWN_CLASSIFICATION
        c.classify_entity(USER, guid, "NoSuchClassification", None)
    re = c.update_entity_classification(
        USER, guid, "Confidentiality", props(g, "Confidentiality", levelIdentifier=2)
    )
    assert re.classifications[0].version == 2 and re.classifications[0].updated_by == USER
    c.classify_entity(USER, guid, "Criticality", None)
    names = {x.name for x in c.get_entity_detail(USER, guid).classifications}
    assert names == {"Confidentiality", "Criticality"}
    assert c.declassify_entity(USER, guid, "Confidentiality").classifications[0].name == "Criticality"
    assert _kinds(store) == [
        Ev.CLASSIFIED_ENTITY_EVENT,
        Ev.RECLASSIFIED_ENTITY_EVENT,
        Ev.CLASSIFIED_ENTITY_EVENT,
        Ev.DECLASSIFIED_ENTITY_EVENT,
    ]


def test_relationship_updates(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    rel = relate(
        c, g, add(c, g, "GlossaryTerm", qualifiedName="r1"), add(c, g, "GlossaryTerm", qualifiedName="r2")
    )
    drain(store)
    updated = c.update_relationship_properties("editor", rel, props(g, "RelatedTerm", confidence=7))
    assert (
        updated.version == 2 and updated.updated_by == "editor" and updated.maintained_by == [USER, "editor"]
    )
    with pytest.raises(PropertyErrorException):
        c.update_relationship_properties(USER, rel, props(g, "ToDo", priority=1))
    with pytest.raises(StatusNotSupportedException):
        c.update_relationship_status(USER, rel, InstanceStatus.PROPOSED)
    assert c.update_relationship_status(USER, rel, InstanceStatus.ACTIVE).version == 3
    assert _kinds(store) == [Ev.UPDATED_RELATIONSHIP_EVENT, Ev.UPDATED_RELATIONSHIP_EVENT]
