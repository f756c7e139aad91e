"""OMRS behaviours a conformant repository must show, modelled on the CTS instance profiles, on each store.

Profiles: metadata sharing and instance versions (entity/relationship lifecycle), reference copies and
locking, maintenance, soft delete / restore / purge, undo, historical reads, entity proxies, home
classifications, external instances, re-identify / re-type / re-home, searches, graph queries.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    ArrayPropertyValue,
    ClassificationCondition,
    ClassificationErrorException,
    EntityConflictException,
    EntityNotDeletedException,
    EntityNotKnownException,
    EntityProxyOnlyException,
    HomeEntityException,
    InstanceProperties,
    InstanceProvenanceType,
    InstanceStatus,
    InvalidParameterException,
    MatchCriteria,
    OMRSInstanceEventType,
    PagingErrorException,
    PropertyComparisonOperator,
    PropertyCondition,
    PropertyErrorException,
    RelationshipNotKnownException,
    SearchClassifications,
    SearchProperties,
    SequencingOrder,
    StatusNotSupportedException,
    TypeDefSummary,
    TypeErrorException,
    primitive_value,
)
from graphrepo.repository import MetadataCollection, MetadataCollectionAPI, SaveOutcome
from graphrepo.store import InstanceStore
from tests.contract.conftest import (
    LOCAL_ID,
    REMOTE_ID,
    USER,
    TickingClock,
    drain,
    props,
    remote_entity,
    remote_relationship,
    type_guid,
)

Ev = OMRSInstanceEventType
Op = PropertyComparisonOperator


def add_term(c: MetadataCollection, g: TypeGallery, name: str, **extra: object) -> str:
    entity = c.add_entity(
        USER, type_guid(g, "GlossaryTerm"), props(g, "GlossaryTerm", qualifiedName=name, **extra)
    )
    assert entity.guid is not None
    return entity.guid


def link(c: MetadataCollection, g: TypeGallery, one: str, two: str, type_name: str = "RelatedTerm") -> str:
    relationship = c.add_relationship(USER, type_guid(g, type_name), None, one, two)
    assert relationship.guid is not None
    return relationship.guid


def summary(g: TypeGallery, name: str) -> TypeDefSummary:
    type_def = g.type_def_by_name(name)
    assert type_def is not None
    return TypeDefSummary(
        guid=type_def.guid, name=type_def.name, category=type_def.category, version=type_def.version
    )


def test_collection_is_the_whole_api(collection: MetadataCollection) -> None:
    assert isinstance(collection, MetadataCollectionAPI)
    assert collection.get_metadata_collection_id(USER) == LOCAL_ID


# --- metadata sharing, entity lifecycle and versions -------------------------------------------------------


def test_entity_lifecycle_versions_and_events(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    created = c.add_entity(USER, type_guid(g, "GlossaryTerm"), props(g, "GlossaryTerm", qualifiedName="a"))
    assert created.version == 1 and created.status is InstanceStatus.ACTIVE
    assert created.metadata_collection_id == LOCAL_ID
    assert created.instance_provenance_type is InstanceProvenanceType.LOCAL_COHORT
    assert created.created_by == USER and created.maintained_by == [USER]
    guid = str(created.guid)
    updated = c.update_entity_properties("other", guid, props(g, "GlossaryTerm", qualifiedName="b"))
    assert updated.version == 2 and updated.create_time == created.create_time
    assert updated.updated_by == "other" and updated.maintained_by == [USER, "other"]
    with pytest.raises(StatusNotSupportedException):  # GlossaryTerm allows ACTIVE and DELETED only
        c.update_entity_status(USER, guid, InstanceStatus.DEPRECATED)
    status = c.update_entity_status(USER, guid, InstanceStatus.ACTIVE)
    assert status.version == 3 and status.status is InstanceStatus.ACTIVE
    assert c.get_entity_detail(USER, guid) == status
    summary_ = c.get_entity_summary(USER, guid)
    assert summary_.guid == guid and summary_.version == 3
    kinds = [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section]
    assert kinds == [Ev.NEW_ENTITY_EVENT, Ev.UPDATED_ENTITY_EVENT, Ev.UPDATED_ENTITY_EVENT]


def test_add_entity_checks_types_properties_and_status(
    collection: MetadataCollection, gallery: TypeGallery
) -> None:
    c, g = collection, gallery
    with pytest.raises(TypeErrorException):
        c.add_entity(USER, "no-such-type", None)
    with pytest.raises(TypeErrorException):
        c.add_entity(USER, type_guid(g, "RelatedTerm"), None)
    with pytest.raises(PropertyErrorException):
        c.add_entity(USER, type_guid(g, "GlossaryTerm"), props(g, "Asset", qualifiedName="q", owner="x"))
    with pytest.raises(StatusNotSupportedException):
        c.add_entity(
            USER,
            type_guid(g, "GlossaryTerm"),
            props(g, "GlossaryTerm", qualifiedName="q"),
            None,
            InstanceStatus.DELETED,
        )
    assert c.find_entities(USER) == []


def test_unknown_and_wrong_guids(collection: MetadataCollection) -> None:
    assert collection.is_entity_known(USER, "nope") is None
    assert collection.is_relationship_known(USER, "nope") is None
    with pytest.raises(EntityNotKnownException):
        collection.get_entity_detail(USER, "nope")
    with pytest.raises(RelationshipNotKnownException):
        collection.get_relationship(USER, "nope")
    with pytest.raises(EntityNotKnownException):
        collection.update_entity_properties(USER, "nope", None)


def test_classification_lifecycle(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    guid = add_term(c, g, "classified")
    classified = c.classify_entity(
        USER, guid, "Confidentiality", props(g, "Confidentiality", levelIdentifier=3)
    )
    assert [x.name for x in classified.classifications] == ["Confidentiality"]
    assert classified.version == 2 and classified.classifications[0].version == 1
    with pytest.raises(ClassificationErrorException):
        c.classify_entity(USER, guid, "Confidentiality", None)
    with pytest.raises(ClassificationErrorException):  # not valid for a GlossaryTerm
        c.classify_entity(USER, guid, "AssetZoneMembership", None)
    re = c.update_entity_classification(
        USER, guid, "Confidentiality", props(g, "Confidentiality", levelIdentifier=4)
    )
    assert re.classifications[0].version == 2
    de = c.declassify_entity(USER, guid, "Confidentiality")
    assert de.classifications == [] and de.version == 4
    with pytest.raises(ClassificationErrorException):
        c.declassify_entity(USER, guid, "Confidentiality")
    kinds = [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section]
    assert kinds[-3:] == [
        Ev.CLASSIFIED_ENTITY_EVENT,
        Ev.RECLASSIFIED_ENTITY_EVENT,
        Ev.DECLASSIFIED_ENTITY_EVENT,
    ]


def test_relationship_lifecycle(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    one, two = add_term(c, g, "one"), add_term(c, g, "two")
    relationship = c.add_relationship(
        USER, type_guid(g, "RelatedTerm"), props(g, "RelatedTerm", description="d"), one, two
    )
    assert relationship.version == 1
    assert relationship.entity_one_proxy and relationship.entity_one_proxy.guid == one
    assert relationship.entity_one_proxy.unique_properties is not None
    assert "qualifiedName" in relationship.entity_one_proxy.unique_properties.instance_properties
    guid = str(relationship.guid)
    updated = c.update_relationship_properties(USER, guid, props(g, "RelatedTerm", description="e"))
    assert updated.version == 2
    assert c.update_relationship_status(USER, guid, InstanceStatus.ACTIVE).version == 3
    with pytest.raises(InvalidParameterException):  # wrong end type
        asset = c.add_entity(USER, type_guid(g, "Asset"), props(g, "Asset", qualifiedName="asset"))
        c.add_relationship(USER, type_guid(g, "RelatedTerm"), None, one, str(asset.guid))
    with pytest.raises(EntityNotKnownException):
        c.add_relationship(USER, type_guid(g, "RelatedTerm"), None, one, "missing")


# --- soft delete, restore, purge ---------------------------------------------------------------------------


def test_delete_restore_purge_with_cascade(
    collection: MetadataCollection, gallery: TypeGallery, store: InstanceStore
) -> None:
    c, g = collection, gallery
    one, two = add_term(c, g, "one"), add_term(c, g, "two")
    rel = link(c, g, one, two)
    term = type_guid(g, "GlossaryTerm")
    with pytest.raises(InvalidParameterException):  # wrong type ids
        c.delete_entity(USER, type_guid(g, "Asset"), "Asset", one)
    with pytest.raises(EntityNotDeletedException):
        c.purge_entity(USER, term, "GlossaryTerm", one)
    drain(store)
    deleted = c.delete_entity(USER, term, "GlossaryTerm", one)
    assert deleted.status is InstanceStatus.DELETED and deleted.status_on_delete is InstanceStatus.ACTIVE
    kinds = [e.instance_event_section.event_type for e in drain(store) if e.instance_event_section]
    assert kinds == [Ev.DELETED_ENTITY_EVENT, Ev.DELETED_RELATIONSHIP_EVENT]
    with pytest.raises(EntityNotKnownException) as soft:
        c.get_entity_detail(USER, one)
    assert soft.value.error_message_id == "OMRS-REPOSITORY-404-013"
    with pytest.raises(RelationshipNotKnownException):
        c.get_relationship(USER, rel)
    known = c.is_entity_known(USER, one)
    assert known is not None and known.status is InstanceStatus.DELETED
    with pytest.raises(InvalidParameterException) as again:
        c.delete_entity(USER, term, "GlossaryTerm", one)
    assert again.value.error_message_id == "OMRS-REPOSITORY-400-045"
    assert [e.guid for e in c.find_entities(USER, limit_results_by_status=[InstanceStatus.DELETED])] == [one]
    restored = c.restore_entity(USER, one)
    assert restored.status is InstanceStatus.ACTIVE and restored.version == deleted.version + 1
    with pytest.raises(EntityNotDeletedException):
        c.restore_entity(USER, one)
    c.delete_entity(USER, term, "GlossaryTerm", one)
    c.purge_entity(USER, term, "GlossaryTerm", one)
    assert c.is_entity_known(USER, one) is None
    assert c.is_relationship_known(USER, rel) is None


def test_relationship_delete_restore_purge(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    rel = link(c, g, add_term(c, g, "x"), add_term(c, g, "y"))
    t = type_guid(g, "RelatedTerm")
    c.delete_relationship(USER, t, "RelatedTerm", rel)
    assert c.restore_relationship(USER, rel).status is InstanceStatus.ACTIVE
    c.delete_relationship(USER, t, "RelatedTerm", rel)
    c.purge_relationship(USER, t, "RelatedTerm", rel)
    assert c.is_relationship_known(USER, rel) is None


# --- undo and history --------------------------------------------------------------------------------------


def test_undo_and_history(collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock) -> None:
    c, g = collection, gallery
    guid = add_term(c, g, "v1", displayName="first")
    after_create = clock.peek()
    c.update_entity_properties(USER, guid, props(g, "GlossaryTerm", qualifiedName="v1", displayName="second"))
    undone = c.undo_entity_update(USER, guid)
    assert undone.version == 3
    assert undone.properties is not None
    assert undone.properties.instance_properties["displayName"].primitive_value == "first"  # type: ignore[union-attr]
    old = c.get_entity_detail(USER, guid, as_of_time=after_create)
    assert old.version == 1
    history = c.get_entity_detail_history(USER, guid)
    assert [e.version for e in history] == [3, 2, 1]
    from graphrepo.omrs import HistorySequencingOrder

    forwards = c.get_entity_detail_history(
        USER, guid, sequencing_order=HistorySequencingOrder.FORWARDS, page_size=2
    )
    assert [e.version for e in forwards] == [1, 2]
    with pytest.raises(InvalidParameterException):
        c.get_entity_detail(USER, guid, as_of_time=datetime.now(UTC) + timedelta(days=2))
    with pytest.raises(InvalidParameterException):
        c.get_entity_detail_history(USER, guid, from_time=clock.peek(), to_time=after_create)
    rel = link(c, g, guid, add_term(c, g, "other"))
    c.update_relationship_properties(USER, rel, props(g, "RelatedTerm", description="changed"))
    assert c.undo_relationship_update(USER, rel).properties is None


def test_historical_search(collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock) -> None:
    c, g = collection, gallery
    guid = add_term(c, g, "before")
    then = clock.peek()
    c.update_entity_properties(USER, guid, props(g, "GlossaryTerm", qualifiedName="after"))
    add_term(c, g, "later")
    found = c.find_entities_by_property_value(USER, None, "before", as_of_time=then)
    assert [e.guid for e in found] == [guid]
    assert c.find_entities_by_property_value(USER, None, "before") == []


# --- searches ----------------------------------------------------------------------------------------------


@pytest.fixture
def terms(collection: MetadataCollection, gallery: TypeGallery) -> dict[str, str]:
    names = {"alpha": "Alpha one", "beta": "Beta two", "gamma": "Gamma three", "a.b*c": "Special"}
    return {q: add_term(collection, gallery, q, displayName=d) for q, d in names.items()}


def cond(name: str, op: PropertyComparisonOperator, value: object = None) -> PropertyCondition:
    return PropertyCondition(
        property=name, operator=op, value=primitive_value(value) if value is not None else None
    )


def test_find_entities_operators(
    collection: MetadataCollection, gallery: TypeGallery, terms: dict[str, str]
) -> None:
    c = collection

    def find(*conditions: PropertyCondition, criteria: MatchCriteria = MatchCriteria.ALL) -> set[str]:
        sp = SearchProperties(conditions=list(conditions), match_criteria=criteria)
        return {str(e.guid) for e in c.find_entities(USER, match_properties=sp)}

    assert find(cond("qualifiedName", Op.EQ, "alpha")) == {terms["alpha"]}
    assert find(cond("qualifiedName", Op.NEQ, "alpha")) == set(terms.values()) - {terms["alpha"]}
    assert find(cond("qualifiedName", Op.LIKE, r"\Qa.b*c\E")) == {terms["a.b*c"]}
    assert find(cond("displayName", Op.LIKE, ".*t.*")) == {terms["beta"], terms["gamma"]}
    assert find(cond("displayName", Op.NOT_LIKE, ".*t.*")) == {terms["alpha"], terms["a.b*c"]}
    assert find(cond("summary", Op.IS_NULL)) == set(terms.values())
    assert find(cond("summary", Op.NOT_NULL)) == set()
    in_list = ArrayPropertyValue(
        array_count=2,
        array_values=InstanceProperties(
            instance_properties={"0": primitive_value("alpha"), "1": primitive_value("beta")}
        ),
    )
    assert find(PropertyCondition(property="qualifiedName", operator=Op.IN, value=in_list)) == {
        terms["alpha"],
        terms["beta"],
    }
    both = [cond("qualifiedName", Op.EQ, "alpha"), cond("qualifiedName", Op.EQ, "beta")]
    assert find(*both, criteria=MatchCriteria.ANY) == {terms["alpha"], terms["beta"]}
    assert find(*both, criteria=MatchCriteria.NONE) == {terms["gamma"], terms["a.b*c"]}
    nested = PropertyCondition(
        nested_conditions=SearchProperties(conditions=both, match_criteria=MatchCriteria.ANY)
    )
    assert find(nested, cond("displayName", Op.LIKE, "Beta.*")) == {terms["beta"]}
    assert find(cond("version", Op.GTE, 1)) == set(terms.values())


def test_search_validation(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c = collection
    bad = [
        PropertyCondition(property="qualifiedName", operator=Op.LIKE, value=primitive_value(3)),
        PropertyCondition(property="qualifiedName", operator=Op.IN, value=primitive_value("x")),
        PropertyCondition(property="qualifiedName", operator=Op.GT, value=primitive_value("x")),
        PropertyCondition(
            property="qualifiedName",
            operator=Op.EQ,
            value=primitive_value("x"),
            nested_conditions=SearchProperties(),
        ),
        PropertyCondition(property="qualifiedName", operator=Op.LIKE, value=primitive_value("(unclosed")),
    ]
    ids = []
    for condition in bad:
        with pytest.raises(InvalidParameterException) as error:
            c.find_entities(USER, match_properties=SearchProperties(conditions=[condition]))
        ids.append(error.value.error_message_id)
    assert ids[:4] == [
        "OMRS-REPOSITORY-400-077",
        "OMRS-REPOSITORY-400-076",
        "OMRS-REPOSITORY-400-078",
        "OMRS-REPOSITORY-400-074",
    ]
    with pytest.raises(PagingErrorException):
        c.find_entities(USER, page_size=-1)
    with pytest.raises(TypeErrorException):
        c.find_entities(USER, entity_type_guid="unknown")
    with pytest.raises(InvalidParameterException):
        c.find_entities_by_property_value(USER, None, "")


def test_find_by_property_value_types_and_paging(
    collection: MetadataCollection, gallery: TypeGallery, terms: dict[str, str]
) -> None:
    c, g = collection, gallery
    asset = c.add_entity(USER, type_guid(g, "Asset"), props(g, "Asset", qualifiedName="alpha-asset"))
    # A type GUID covers its subtypes: Referenceable finds terms and assets.
    every = c.find_entities_by_property_value(USER, type_guid(g, "Referenceable"), "alpha.*")
    assert {e.guid for e in every} == {terms["alpha"], asset.guid}
    only_terms = c.find_entities_by_property_value(USER, type_guid(g, "GlossaryTerm"), "alpha.*")
    assert [e.guid for e in only_terms] == [terms["alpha"]]
    # Exact, starts-with, ends-with and contains helper regexes; a regex that is not escaped.
    assert len(c.find_entities_by_property_value(USER, None, r"\QAlpha\E.*")) == 1
    assert len(c.find_entities_by_property_value(USER, None, r".*\Qthree\E")) == 1
    assert len(c.find_entities_by_property_value(USER, None, r"(?i).*\QGAMMA\E.*")) == 1
    assert len(c.find_entities_by_property_value(USER, None, r"a\.b\*c")) == 1
    ordered = c.find_entities(
        USER,
        entity_type_guid=type_guid(g, "GlossaryTerm"),
        sequencing_order=SequencingOrder.PROPERTY_ASCENDING,
        sequencing_property="qualifiedName",
    )
    assert [e.properties.instance_properties["qualifiedName"].primitive_value for e in ordered] == [  # type: ignore[union-attr]
        "a.b*c",
        "alpha",
        "beta",
        "gamma",
    ]
    page = c.find_entities(
        USER,
        entity_type_guid=type_guid(g, "GlossaryTerm"),
        sequencing_order=SequencingOrder.PROPERTY_ASCENDING,
        sequencing_property="qualifiedName",
        from_entity_element=1,
        page_size=2,
    )
    assert [e.guid for e in page] == [ordered[1].guid, ordered[2].guid]
    assert c.find_entities(USER, from_entity_element=100) == []


def test_find_by_property_and_classification(
    collection: MetadataCollection, gallery: TypeGallery, terms: dict[str, str]
) -> None:
    c, g = collection, gallery
    found = c.find_entities_by_property(USER, None, props(g, "GlossaryTerm", qualifiedName=r"\Qbeta\E"))
    assert [e.guid for e in found] == [terms["beta"]]
    c.classify_entity(USER, terms["gamma"], "Confidentiality", props(g, "Confidentiality", levelIdentifier=5))
    by_class = c.find_entities_by_classification(
        USER, None, "Confidentiality", props(g, "Confidentiality", levelIdentifier=5)
    )
    assert [e.guid for e in by_class] == [terms["gamma"]]
    assert (
        c.find_entities_by_classification(
            USER, None, "Confidentiality", props(g, "Confidentiality", levelIdentifier=1)
        )
        == []
    )
    limited = c.find_entities_by_property_value(
        USER, None, ".*", limit_results_by_classification=["Confidentiality"]
    )
    assert [e.guid for e in limited] == [terms["gamma"]]
    matched = c.find_entities(
        USER,
        match_classifications=SearchClassifications(
            conditions=[
                ClassificationCondition(
                    name="Confidentiality",
                    match_properties=SearchProperties(conditions=[cond("levelIdentifier", Op.GT, 4)]),
                )
            ]
        ),
    )
    assert [e.guid for e in matched] == [terms["gamma"]]


def test_relationship_search(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    one, two, three = (add_term(c, g, n) for n in ("r1", "r2", "r3"))
    rel = c.add_relationship(
        USER, type_guid(g, "RelatedTerm"), props(g, "RelatedTerm", description="hello world"), one, two
    )
    link(c, g, two, three, "Synonym")
    assert [r.guid for r in c.find_relationships_by_property_value(USER, None, ".*world")] == [rel.guid]
    assert len(c.find_relationships(USER, type_guid(g, "RelatedTerm"))) == 1
    assert len(c.find_relationships(USER)) == 2
    by_prop = c.find_relationships_by_property(USER, None, props(g, "RelatedTerm", description="hello.*"))
    assert [r.guid for r in by_prop] == [rel.guid]


# --- graph queries -----------------------------------------------------------------------------------------


def test_graph_queries(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    a, b, d, e = (add_term(c, g, n) for n in ("ga", "gb", "gd", "ge"))
    ab, bd = link(c, g, a, b), link(c, g, b, d, "Synonym")
    lone = add_term(c, g, "lonely")
    assert {r.guid for r in c.get_relationships_for_entity(USER, b)} == {ab, bd}
    assert [r.guid for r in c.get_relationships_for_entity(USER, b, type_guid(g, "Synonym"))] == [bd]
    one_level = c.get_entity_neighborhood(USER, a, level=1)
    assert {x.guid for x in one_level.entities} == {a, b} and [r.guid for r in one_level.relationships] == [
        ab
    ]
    two_levels = c.get_entity_neighborhood(USER, a, level=2)
    assert {x.guid for x in two_levels.entities} == {a, b, d}
    filtered = c.get_entity_neighborhood(
        USER, a, relationship_type_guids=[type_guid(g, "RelatedTerm")], level=3
    )
    assert {x.guid for x in filtered.entities} == {a, b}
    # The root is part of the answer (CTS TestGraphQueries.getRelatedEntities: exploreFromEntity adds it).
    assert {x.guid for x in c.get_related_entities(USER, a)} == {a, b, d}
    linking = c.get_linking_entities(USER, a, d)
    assert {x.guid for x in linking.entities} == {a, b, d} and {r.guid for r in linking.relationships} == {
        ab,
        bd,
    }
    assert c.get_linking_entities(USER, a, lone).entities == []
    assert c.get_relationships_for_entity(USER, e) == []
    with pytest.raises(EntityNotKnownException):
        c.get_relationships_for_entity(USER, "missing")


# --- reference copies and locking --------------------------------------------------------------------------


def test_reference_copy_lifecycle_and_lock(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    copy = remote_entity(g, clock, "remote-1", qualifiedName="remote")
    c.save_entity_reference_copy(USER, copy)
    assert drain(store) == []  # group 6 never announces
    stored = c.get_entity_detail(USER, "remote-1")
    assert stored.metadata_collection_id == REMOTE_ID and stored.mapping_properties == {
        "connectorKey": "opaque"
    }
    term = type_guid(g, "GlossaryTerm")
    attempts: list[Callable[[], object]] = [
        lambda: c.update_entity_properties(USER, "remote-1", None),
        lambda: c.update_entity_status(USER, "remote-1", InstanceStatus.ACTIVE),
        lambda: c.delete_entity(USER, term, "GlossaryTerm", "remote-1"),
        lambda: c.re_identify_entity(USER, term, "GlossaryTerm", "remote-1", "new-guid"),
        lambda: c.re_type_entity(USER, "remote-1", summary(g, "GlossaryTerm"), summary(g, "Glossary")),
        lambda: c.undo_entity_update(USER, "remote-1"),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidParameterException) as locked:
            attempt()
        assert REMOTE_ID in locked.value.error_message
    # Version rules: newer replaces, older or equal is ignored, another createTime is a conflict.
    newer = copy.model_copy(update={"version": 3, "properties": props(g, "GlossaryTerm", qualifiedName="v3")})
    assert c.store_entity_reference_copy(USER, newer) is SaveOutcome.STORED
    assert c.store_entity_reference_copy(USER, copy) is SaveOutcome.STALE
    assert c.get_entity_detail(USER, "remote-1").version == 3
    clash = copy.model_copy(update={"version": 9, "create_time": clock()})
    with pytest.raises(EntityConflictException):
        c.save_entity_reference_copy(USER, clash)
    with pytest.raises(HomeEntityException):
        c.refresh_entity_reference_copy(USER, add_term(c, g, "mine"), term, "GlossaryTerm", LOCAL_ID)
    drain(store)
    c.refresh_entity_reference_copy(USER, "remote-1", term, "GlossaryTerm", REMOTE_ID)
    (request,) = drain(store)
    assert request.instance_event_section is not None
    assert request.instance_event_section.event_type is Ev.REFRESH_ENTITY_REQUEST
    assert request.instance_event_section.home_metadata_collection_id == REMOTE_ID
    c.purge_entity_reference_copy(USER, newer)
    assert c.is_entity_known(USER, "remote-1") is None


def test_relationship_reference_copy_creates_proxies(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    one = remote_entity(g, clock, "remote-one", qualifiedName="one")
    two = remote_entity(g, clock, "remote-two", qualifiedName="two")
    rel_type = g.type_def_by_name("RelatedTerm")
    assert rel_type is not None
    from graphrepo.omrs import InstanceType, Relationship

    relationship = Relationship(
        guid="remote-rel",
        type=InstanceType(
            type_def_category=rel_type.category, type_def_guid=rel_type.guid, type_def_name=rel_type.name
        ),
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        metadata_collection_id=REMOTE_ID,
        create_time=clock(),
        version=1,
        status=InstanceStatus.ACTIVE,
        entity_one_proxy=c.proxy_of(one),
        entity_two_proxy=c.proxy_of(two),
    )
    c.save_relationship_reference_copy(USER, relationship)
    assert c.get_relationship(USER, "remote-rel").version == 1
    assert c.get_entity_summary(USER, "remote-one").guid == "remote-one"
    with pytest.raises(EntityProxyOnlyException):
        c.get_entity_detail(USER, "remote-one")
    with pytest.raises(InvalidParameterException):
        c.update_relationship_properties(USER, "remote-rel", None)
    c.purge_relationship_reference_copy(USER, relationship)
    assert c.is_relationship_known(USER, "remote-rel") is None


def test_home_classifications_on_reference_copy(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    copy = remote_entity(g, clock, "remote-c", qualifiedName="c")
    c.save_entity_reference_copy(USER, copy)
    classified = c.classify_entity(USER, "remote-c", "Confidentiality", None)
    assert classified.version == 1  # the home's version is left alone
    (mine,) = c.get_home_classifications(USER, "remote-c")
    assert mine.metadata_collection_id == LOCAL_ID
    # The home's next update keeps our classification.
    c.save_entity_reference_copy(USER, copy.model_copy(update={"version": 2}))
    assert [x.name for x in c.get_entity_detail(USER, "remote-c").classifications] == ["Confidentiality"]
    c.update_entity_classification(
        USER, "remote-c", "Confidentiality", props(g, "Confidentiality", levelIdentifier=1)
    )
    c.declassify_entity(USER, "remote-c", "Confidentiality")
    assert c.get_home_classifications(USER, "remote-c") == []


def test_entity_proxies(collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock) -> None:
    c, g = collection, gallery
    proxy = c.proxy_of(remote_entity(g, clock, "proxy-1", qualifiedName="p"))
    c.add_entity_proxy(USER, proxy)
    assert c.get_entity_summary(USER, "proxy-1").guid == "proxy-1"
    assert c.is_entity_known(USER, "proxy-1") is None
    local = c.proxy_of(c.get_entity_detail(USER, add_term(c, g, "local")))
    with pytest.raises(InvalidParameterException):
        c.add_entity_proxy(USER, local)
    classification = c.classify_entity_proxy(USER, proxy, "Confidentiality", None)
    assert classification.name == "Confidentiality"
    assert c.declassify_entity_proxy(USER, proxy, "Confidentiality").name == "Confidentiality"
    # Relationships can end at a proxy.
    rel = c.add_relationship(USER, type_guid(g, "RelatedTerm"), None, str(local.guid), "proxy-1")
    assert rel.entity_two_proxy is not None and rel.entity_two_proxy.guid == "proxy-1"


def test_save_instance_reference_copies(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    from graphrepo.omrs import InstanceGraph, InvalidEntityException

    c, g = collection, gallery
    first = remote_entity(g, clock, "batch-1", qualifiedName="b1")
    c.save_instance_reference_copies(USER, InstanceGraph(entities=[first]))
    assert c.is_entity_known(USER, "batch-1") is not None
    clash = first.model_copy(update={"version": 5, "create_time": clock()})
    second = remote_entity(g, clock, "batch-2", qualifiedName="b2")
    with pytest.raises(InvalidEntityException):
        c.save_instance_reference_copies(USER, InstanceGraph(entities=[second, clash]))
    assert c.is_entity_known(USER, "batch-2") is None  # nothing half-written


def test_save_instance_reference_copies_relationship_ends(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock
) -> None:
    """A batch relationship may end at an entity of the same batch, at one stored before (full or proxy),
    or at one not held at all (a proxy of it is stored); an end homed here must be held."""
    from graphrepo.omrs import EntityNotKnownException, InstanceGraph

    c, g = collection, gallery
    earlier = remote_entity(g, clock, "ends-earlier", qualifiedName="earlier")
    held_proxy = remote_entity(g, clock, "ends-proxy", qualifiedName="proxy")
    c.save_instance_reference_copies(USER, InstanceGraph(entities=[earlier]))
    c.add_entity_proxy(USER, c.proxy_of(held_proxy))
    one = remote_entity(g, clock, "ends-1", qualifiedName="one")
    two = remote_entity(g, clock, "ends-2", qualifiedName="two")
    elsewhere = remote_entity(g, clock, "ends-elsewhere", qualifiedName="elsewhere")
    links = [
        remote_relationship(c, g, clock, "ends-r1", one, two),
        remote_relationship(c, g, clock, "ends-r2", earlier, one),
        remote_relationship(c, g, clock, "ends-r3", held_proxy, elsewhere),
    ]
    c.save_instance_reference_copies(USER, InstanceGraph(entities=[one, two], relationships=links))
    for link_copy in links:
        assert c.get_relationship(USER, str(link_copy.guid)) == link_copy
    assert c.get_entity_detail(USER, "ends-earlier") == earlier  # not replaced by a proxy
    for proxy_guid in ("ends-proxy", "ends-elsewhere"):  # held as proxies: summaries, not details
        assert c.get_entity_summary(USER, proxy_guid).guid == proxy_guid
        assert c.is_entity_known(USER, proxy_guid) is None

    ghost = remote_entity(g, clock, "ends-ghost", home=LOCAL_ID, qualifiedName="ghost")
    dangling = remote_relationship(c, g, clock, "ends-r4", one, ghost)
    with pytest.raises(EntityNotKnownException):
        c.save_instance_reference_copies(USER, InstanceGraph(relationships=[dangling]))
    assert c.is_relationship_known(USER, "ends-r4") is None


# --- external instances ------------------------------------------------------------------------------------


def test_external_entity(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    external = c.add_external_entity(
        USER,
        type_guid(g, "GlossaryTerm"),
        "ext-source",
        "External",
        props(g, "GlossaryTerm", qualifiedName="e"),
    )
    assert external.instance_provenance_type is InstanceProvenanceType.EXTERNAL_SOURCE
    assert external.metadata_collection_id == "ext-source" and external.replicated_by == LOCAL_ID
    assert c.update_entity_status(USER, str(external.guid), InstanceStatus.ACTIVE).version == 2


# --- re-identify, re-type, re-home -------------------------------------------------------------------------


def test_reidentify_retype_rehome(
    collection: MetadataCollection, gallery: TypeGallery, clock: TickingClock, store: InstanceStore
) -> None:
    c, g = collection, gallery
    term = type_guid(g, "GlossaryTerm")
    old = add_term(c, g, "ident")
    other = add_term(c, g, "friend")
    rel = link(c, g, old, other)
    moved = c.re_identify_entity(USER, term, "GlossaryTerm", old, "new-guid-1")
    assert moved.guid == "new-guid-1" and moved.re_identified_from_guid == old and moved.version == 2
    assert c.is_entity_known(USER, old) is None
    relationship = c.get_relationship(USER, rel)
    assert relationship.entity_one_proxy is not None and relationship.entity_one_proxy.guid == "new-guid-1"
    retyped = c.re_type_entity(
        USER, "new-guid-1", summary(g, "GlossaryTerm"), summary(g, "ControlledGlossaryTerm")
    )
    assert (
        retyped.type is not None
        and retyped.type.type_def_name == "ControlledGlossaryTerm"
        and retyped.version == 3
    )
    assert [e.guid for e in c.find_entities(USER, type_guid(g, "ControlledGlossaryTerm"))] == ["new-guid-1"]
    with pytest.raises(TypeErrorException):
        c.re_type_entity(USER, "new-guid-1", summary(g, "ControlledGlossaryTerm"), summary(g, "RelatedTerm"))
    with pytest.raises(InvalidParameterException):  # re-home of a local instance
        c.re_home_entity(USER, other, term, "GlossaryTerm", LOCAL_ID, LOCAL_ID, "me")
    copy = remote_entity(g, clock, "to-rehome", qualifiedName="r")
    c.save_entity_reference_copy(USER, copy)
    with pytest.raises(InvalidParameterException):  # must be called on the new home
        c.re_home_entity(USER, "to-rehome", term, "GlossaryTerm", REMOTE_ID, "elsewhere", "x")
    drain(store)
    rehomed = c.re_home_entity(USER, "to-rehome", term, "GlossaryTerm", REMOTE_ID, LOCAL_ID, "contract-repo")
    assert rehomed.metadata_collection_id == LOCAL_ID and rehomed.version == 2
    assert rehomed.mapping_properties == {"connectorKey": "opaque"}
    (event,) = drain(store)
    assert event.instance_event_section is not None
    assert event.instance_event_section.event_type is Ev.RE_HOMED_ENTITY_EVENT
    assert event.instance_event_section.original_home_metadata_collection_id == REMOTE_ID
    assert c.update_entity_status(USER, "to-rehome", InstanceStatus.ACTIVE).version == 3
