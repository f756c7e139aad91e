"""CTS profile "Home classifications" (Egeria 4+, ``TestSupportedReferenceCopyClassificationLifecycle``).

Classifications added here to a reference copy are homed here: ``getHomeClassifications`` returns them (and
not those homed elsewhere), also as of a time; the copy's own version is untouched; the home's next update of
the copy keeps them; reclassify and declassify work on them.
"""

from __future__ import annotations

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import Classification, InstanceProvenanceType, InstanceType
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import LOCAL_ID, REMOTE_ID, USER, TickingClock, add, props, remote_entity


def _remote_classification(g: TypeGallery, clock: TickingClock, name: str) -> Classification:
    type_def = g.type_def_by_name(name)
    assert type_def is not None
    return Classification(
        name=name,
        type=InstanceType(
            type_def_category=type_def.category, type_def_guid=type_def.guid, type_def_name=type_def.name
        ),
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        metadata_collection_id=REMOTE_ID,
        create_time=clock(),
        version=1,
    )


def test_home_classifications(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    copy = remote_entity(g, clock, "hc-1", qualifiedName="hc")
    c.save_entity_reference_copy(USER, copy)
    c.save_classification_reference_copy(USER, copy, _remote_classification(g, clock, "Criticality"))
    classified = c.classify_entity(
        USER, "hc-1", "Confidentiality", props(g, "Confidentiality", levelIdentifier=1)
    )
    assert classified.version == 1
    assert {x.name for x in classified.classifications} == {"Criticality", "Confidentiality"}
    (mine,) = c.get_home_classifications(USER, "hc-1")
    assert mine.name == "Confidentiality" and mine.metadata_collection_id == LOCAL_ID
    # As of a time before the classification: the copy's version did not change (the home's version is left
    # alone), and the stores keep one history entry per version, so only the current form is asserted.
    assert c.get_home_classifications(USER, "hc-1", as_of_time=clock.peek())[0].name == "Confidentiality"
    c.save_entity_reference_copy(USER, copy.model_copy(update={"version": 2}))
    assert {x.name for x in c.get_entity_detail(USER, "hc-1").classifications} >= {"Confidentiality"}
    c.update_entity_classification(
        USER, "hc-1", "Confidentiality", props(g, "Confidentiality", levelIdentifier=2)
    )
    (mine,) = c.get_home_classifications(USER, "hc-1")
    assert mine.version == 2 and mine.properties == props(g, "Confidentiality", levelIdentifier=2)
    c.declassify_entity(USER, "hc-1", "Confidentiality")
    assert c.get_home_classifications(USER, "hc-1") == []
    # The home's version 2 carried no classifications of its own: only the local one had survived it.
    assert c.get_entity_detail(USER, "hc-1").classifications == []


def test_home_classifications_of_local_entity(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    guid = add(c, g, "GlossaryTerm", qualifiedName="local")
    c.classify_entity(USER, guid, "Confidentiality", None)
    assert [x.name for x in c.get_home_classifications(USER, guid)] == ["Confidentiality"]
