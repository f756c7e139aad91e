"""CTS profile "Soft-delete and restore" (SOFT_DELETE_INSTANCE, UNDELETE_INSTANCE) and purge.

``TestSupportedEntityLifecycle``/``TestSupportedRelationshipLifecycle``: ``deleteEntity`` sets DELETED
(keeping ``statusOnDelete``), bumps the version and soft-deletes the home relationships; the deleted entity is
invisible to ``get*`` (EntityNotKnown, 404-013) and to searches unless DELETED is asked for, but
``isEntityKnown`` returns it; a second delete is refused (400-045); ``restoreEntity`` brings back the old
status with a new version; ``purgeEntity`` needs a deleted entity (EntityNotDeleted) and removes it with its
relationships.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityNotDeletedException,
    EntityNotKnownException,
    InstanceStatus,
    InvalidParameterException,
    OMRSInstanceEventType,
    RelationshipNotDeletedException,
    RelationshipNotKnownException,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from tests.contract.conftest import USER, add, drain, guids, relate, type_guid

Ev = OMRSInstanceEventType


def test_entity_soft_delete_restore_purge(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    term = type_guid(g, "GlossaryTerm")
    one, two = add(c, g, "GlossaryTerm", qualifiedName="sd1"), add(c, g, "GlossaryTerm", qualifiedName="sd2")
    rel = relate(c, g, one, two)
    deleted = c.delete_entity(USER, term, "GlossaryTerm", one)
    assert deleted.status is InstanceStatus.DELETED and deleted.status_on_delete is InstanceStatus.ACTIVE
    assert deleted.version == 2
    with pytest.raises(EntityNotKnownException):
        c.get_entity_detail(USER, one)
    with pytest.raises(EntityNotKnownException):
        c.get_entity_summary(USER, one)
    known_rel = c.is_relationship_known(USER, rel)
    assert known_rel is not None and known_rel.status is InstanceStatus.DELETED
    assert guids(c.find_entities(USER, term)) == {two}
    assert guids(
        c.find_entities_by_property_value(
            USER, term, r"\Qsd1\E", limit_results_by_status=[InstanceStatus.DELETED]
        )
    ) == {one}
    assert c.get_relationships_for_entity(USER, two) == []
    with pytest.raises(InvalidParameterException):
        c.delete_entity(USER, term, "GlossaryTerm", one)
    with pytest.raises(EntityNotDeletedException):
        c.purge_entity(USER, term, "GlossaryTerm", two)
    restored = c.restore_entity(USER, one)
    assert (
        restored.status is InstanceStatus.ACTIVE
        and restored.status_on_delete is None
        and restored.version == 3
    )
    assert c.get_entity_detail(USER, one).version == 3
    with pytest.raises(EntityNotDeletedException):
        c.restore_entity(USER, one)
    drain(store)
    c.delete_entity(USER, term, "GlossaryTerm", two)
    c.purge_entity(USER, term, "GlossaryTerm", two)
    assert c.is_entity_known(USER, two) is None and c.is_relationship_known(USER, rel) is None
    kinds = [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section]
    assert kinds[0] is Ev.DELETED_ENTITY_EVENT and Ev.PURGED_ENTITY_EVENT in kinds
    with pytest.raises(EntityNotKnownException):
        c.purge_entity(USER, term, "GlossaryTerm", two)


def test_relationship_soft_delete_restore_purge(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    related = type_guid(g, "RelatedTerm")
    rel = relate(
        c, g, add(c, g, "GlossaryTerm", qualifiedName="x"), add(c, g, "GlossaryTerm", qualifiedName="y")
    )
    with pytest.raises(RelationshipNotDeletedException):
        c.purge_relationship(USER, related, "RelatedTerm", rel)
    with pytest.raises(RelationshipNotDeletedException):
        c.restore_relationship(USER, rel)
    with pytest.raises(InvalidParameterException):  # wrong type
        c.delete_relationship(USER, type_guid(g, "Synonym"), "Synonym", rel)
    gone = c.delete_relationship(USER, related, "RelatedTerm", rel)
    assert gone.status is InstanceStatus.DELETED and gone.status_on_delete is InstanceStatus.ACTIVE
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, rel)
    with pytest.raises(InvalidParameterException):
        c.delete_relationship(USER, related, "RelatedTerm", rel)
    assert guids(c.find_relationships(USER, related, limit_results_by_status=[InstanceStatus.DELETED])) == {
        rel
    }
    back = c.restore_relationship(USER, rel)
    assert back.status is InstanceStatus.ACTIVE and back.version == gone.version + 1
    c.delete_relationship(USER, related, "RelatedTerm", rel)
    c.purge_relationship(USER, related, "RelatedTerm", rel)
    assert c.is_relationship_known(USER, rel) is None
