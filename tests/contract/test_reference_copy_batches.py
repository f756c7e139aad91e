"""``store_reference_copies`` (the cohort's inbound batches) on each store: copies applied in order in one
transaction, an outcome per copy, the version rules between copies of one batch, and the state one-by-one
saves would leave (omrs-reference §8.2)."""

from __future__ import annotations

from datetime import timedelta

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    EntityConflictException,
    EntityDetail,
    EntityNotKnownException,
    EntityProxy,
    InstanceStatus,
    InvalidParameterException,
    RelationshipConflictException,
)
from graphrepo.repository import MetadataCollection, ReferenceCopy, SaveOutcome
from graphrepo.store import InstanceStore
from tests.contract.conftest import (
    LOCAL_ID,
    USER,
    TickingClock,
    add,
    drain,
    remote_entity,
    remote_relationship,
)


def test_a_batch_applies_its_copies_in_order_with_an_outcome_each(
    collection: MetadataCollection, store: InstanceStore, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    one = remote_entity(g, clock, "batch-e1", qualifiedName="one")
    one_v2 = one.model_copy(update={"version": 2, "update_time": clock()})
    two = remote_entity(g, clock, "batch-e2", qualifiedName="two")
    unseen = remote_entity(g, clock, "batch-e3", qualifiedName="three")  # only a relationship end
    link = remote_relationship(c, g, clock, "batch-r1", one, unseen)
    link_v2 = link.model_copy(update={"version": 2, "update_time": clock(), "status": InstanceStatus.DELETED})
    local_guid = add(c, g, "GlossaryTerm", qualifiedName="mine")
    local = c.get_entity_detail(USER, local_guid)
    clash = remote_entity(
        g,
        clock,
        local_guid,
        create_time=(local.create_time or clock()) - timedelta(days=1),
        qualifiedName="x",
    )
    local_end = remote_entity(g, clock, "batch-local-end", home=LOCAL_ID)  # homed here, never stored
    to_local = remote_relationship(c, g, clock, "batch-r2", two, local_end)
    no_home = remote_entity(g, clock, "batch-e4").model_copy(update={"metadata_collection_id": None})
    drain(store)

    outcomes = c.store_reference_copies(
        USER,
        [
            ReferenceCopy(one),
            ReferenceCopy(link),
            ReferenceCopy(one_v2),
            ReferenceCopy(one),  # older than the copy before it: stale
            ReferenceCopy(two),
            ReferenceCopy(clash),
            ReferenceCopy(link_v2, method="deleteRelationshipReferenceCopy"),
            ReferenceCopy(to_local),
            ReferenceCopy(no_home),
            ReferenceCopy(link),  # stale again
        ],
    )
    stored, stale = SaveOutcome.STORED, SaveOutcome.STALE
    assert outcomes[:5] == [stored, stored, stored, stale, stored]
    assert isinstance(outcomes[5], EntityConflictException)
    assert outcomes[6] is stored
    assert isinstance(outcomes[7], EntityNotKnownException)
    assert isinstance(outcomes[8], InvalidParameterException)
    assert outcomes[9] is stale

    assert c.get_entity_detail(USER, "batch-e1").version == 2
    history = c.get_entity_detail_history(USER, "batch-e1")
    assert sorted(e.version for e in history) == [1, 2]  # both versions, as one by one
    assert c.get_entity_detail(USER, "batch-e2").metadata_collection_id == one.metadata_collection_id
    end = store.read(lambda tx: tx.get_entity("batch-e3"))
    assert isinstance(end, EntityProxy)  # the unseen end became a proxy
    stored_link = store.read(lambda tx: tx.get_relationship("batch-r1"))
    assert stored_link is not None and stored_link.version == 2
    assert stored_link.status is InstanceStatus.DELETED
    assert store.read(lambda tx: tx.get_relationship("batch-r2")) is None
    assert (
        c.get_entity_detail(USER, local_guid).metadata_collection_id == LOCAL_ID
    )  # the clash changed nothing
    assert c.is_entity_known(USER, "batch-e4") is None
    assert drain(store) == []  # reference copies are never announced


def test_a_batch_matches_one_by_one_saves(
    collection: MetadataCollection, store: InstanceStore, gallery: TypeGallery, clock: TickingClock
) -> None:
    c, g = collection, gallery
    entities = [remote_entity(g, clock, f"same-e{i}", qualifiedName=f"e{i}") for i in range(6)]
    updates = [e.model_copy(update={"version": 2, "update_time": clock()}) for e in entities[:3]]
    links = [remote_relationship(c, g, clock, f"same-r{i}", entities[i], entities[i + 1]) for i in range(4)]
    rehomed = entities[5].model_copy(update={"version": 2, "metadata_collection_id": "another-home"})
    copies = [
        *(ReferenceCopy(e) for e in entities[:4]),
        *(ReferenceCopy(r) for r in links),
        *(ReferenceCopy(e) for e in [*updates, entities[4], entities[5]]),
        ReferenceCopy(rehomed, home_change_allowed=True),
    ]
    outcomes = c.store_reference_copies(USER, copies)
    assert outcomes == [SaveOutcome.STORED] * len(copies)
    batched = {e.guid: c.get_entity_detail(USER, str(e.guid)) for e in entities}
    assert batched["same-e5"].metadata_collection_id == "another-home"
    assert all(batched[e.guid].version == (2 if i < 3 else 1) for i, e in enumerate(entities[:5]))
    # Replayed one at a time, every copy is stale now: the batch left what single saves would.
    for copy in copies:
        instance = copy.instance
        if isinstance(instance, EntityDetail):
            outcome = c.store_entity_reference_copy(
                USER, instance, home_change_allowed=copy.home_change_allowed
            )
        else:
            outcome = c.store_relationship_reference_copy(USER, instance)
        assert outcome is SaveOutcome.STALE
    # And a relationship clash inside a batch is its own outcome.
    clash = links[0].model_copy(update={"version": 5, "create_time": clock()})
    [clashed] = c.store_reference_copies(USER, [ReferenceCopy(clash)])
    assert isinstance(clashed, RelationshipConflictException)
