"""CTS profile "External instances" (Egeria 4+): ``addExternalEntity`` / ``addExternalRelationship``.

The instance is homed in the external source (its GUID and name, EXTERNAL_SOURCE provenance) and replicated by
this member (``replicatedBy``), which may therefore maintain it (omrs-reference §2.1); searches find it.
"""

from __future__ import annotations

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import InstanceProvenanceType, InstanceStatus
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import LOCAL_ID, USER, add, guids, props, type_guid


def test_external_entity_and_relationship(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    term, related = type_guid(g, "GlossaryTerm"), type_guid(g, "RelatedTerm")
    entity = c.add_external_entity(
        USER, term, "ext-guid", "External Source", props(g, "GlossaryTerm", qualifiedName="ext")
    )
    guid = str(entity.guid)
    assert entity.instance_provenance_type is InstanceProvenanceType.EXTERNAL_SOURCE
    assert (
        entity.metadata_collection_id == "ext-guid" and entity.metadata_collection_name == "External Source"
    )
    assert entity.replicated_by == LOCAL_ID and entity.version == 1
    assert c.get_entity_detail(USER, guid) == entity
    assert guids(c.find_entities_by_property_value(USER, term, r"\Qext\E")) == {guid}
    assert c.update_entity_properties(USER, guid, props(g, "GlossaryTerm", qualifiedName="ext2")).version == 2
    assert c.classify_entity(USER, guid, "Confidentiality", None).version == 3
    other = add(c, g, "GlossaryTerm", qualifiedName="mine")
    rel = c.add_external_relationship(USER, related, "ext-guid", "External Source", None, guid, other)
    assert rel.instance_provenance_type is InstanceProvenanceType.EXTERNAL_SOURCE
    assert rel.metadata_collection_id == "ext-guid" and rel.replicated_by == LOCAL_ID
    assert c.update_relationship_status(USER, str(rel.guid), InstanceStatus.ACTIVE).version == 2
    deleted = c.delete_entity(USER, term, "GlossaryTerm", guid)
    assert deleted.status is InstanceStatus.DELETED
    c.purge_entity(USER, term, "GlossaryTerm", guid)
    assert c.is_entity_known(USER, guid) is None
