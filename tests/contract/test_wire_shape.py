"""What the collection hands out is what an Egeria 5.x repository would send: no fields Egeria dropped."""

from __future__ import annotations

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import to_wire
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, props, type_guid

# Egeria 4.0 removed typeDefDescription, typeDefDescriptionGUID, typeDefSuperTypes, validStatusList and
# validInstanceProperties from InstanceType (omrs-reference §0.3); 5.x sends exactly these keys.
INSTANCE_TYPE_KEYS = {
    "class",
    "headerVersion",
    "typeDefCategory",
    "typeDefGUID",
    "typeDefName",
    "typeDefVersion",
}


def test_new_instances_carry_a_5x_instance_type(collection: MetadataCollection, gallery: TypeGallery) -> None:
    one = collection.add_entity(
        USER, type_guid(gallery, "GlossaryTerm"), props(gallery, "GlossaryTerm", qualifiedName="a")
    )
    two = collection.add_entity(
        USER, type_guid(gallery, "GlossaryTerm"), props(gallery, "GlossaryTerm", qualifiedName="b")
    )
    link = collection.add_relationship(
        USER, type_guid(gallery, "RelatedTerm"), None, str(one.guid), str(two.guid)
    )
    for instance in (one, two, link, collection.get_entity_detail(USER, str(one.guid))):
        assert set(to_wire(instance)["type"]) == INSTANCE_TYPE_KEYS
