"""Cohort peers for tests: a metadata collection with its cohort sinks, and helpers to move events by hand.

Each peer has its own gallery (TypeDef events may change it), its own store (memory unless given) and the
processors :func:`graphrepo.cohort.build_cohort` would wire; the unit tests move events between peers
directly, the integration tests run whole cohort managers on Kafka.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphrepo.cohort import (
    ExchangeFilter,
    ExchangeRule,
    InstanceEventProcessor,
    LocalMember,
    TypeDefEventProcessor,
)
from graphrepo.metamodel import TypeDefService, TypeGallery, load_type_gallery
from graphrepo.omrs import (
    EntityDetail,
    InstanceProperties,
    OMRSEventV1,
    Relationship,
    instance_properties_from_python,
)
from graphrepo.repository import MetadataCollection
from graphrepo.store import InstanceStore
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore

USER = "garygeeke"
COHORT = "peerCohort"


@dataclass
class Peer:
    name: str
    member: LocalMember
    gallery: TypeGallery
    typedefs: TypeDefService
    store: InstanceStore
    collection: MetadataCollection
    save_rule: ExchangeFilter
    inbound: InstanceEventProcessor
    types_inbound: TypeDefEventProcessor
    sent_typedef_replies: list[tuple[str, OMRSEventV1]]

    @property
    def mcid(self) -> str:
        return self.member.metadata_collection_id

    def type_guid(self, name: str) -> str:
        found = self.gallery.type_def_by_name(name)
        assert found is not None and found.guid is not None
        return found.guid

    def props(self, type_name: str, **values: Any) -> InstanceProperties:
        types = {}
        for attribute_name, attribute in self.gallery.attributes(type_name).items():
            link = attribute.attribute_type
            found = (
                self.gallery.attribute_type_def_by_guid(link.guid) if link is not None and link.guid else None
            )
            if found is not None:
                types[attribute_name] = found
        return instance_properties_from_python(values, types)

    def add_term(self, qualified_name: str) -> EntityDetail:
        return self.collection.add_entity(
            USER, self.type_guid("GlossaryTerm"), self.props("GlossaryTerm", qualifiedName=qualified_name)
        )

    def relate(self, one: str, two: str) -> Relationship:
        return self.collection.add_relationship(USER, self.type_guid("RelatedTerm"), None, one, two)

    def drain(self) -> list[OMRSEventV1]:
        """Take the outbox (what the relay would publish)."""
        entries = self.store.pending_events(10_000)
        self.store.remove_published([e.sequence for e in entries])
        return [e.cohort_event for e in entries]

    def receive(self, events: Iterable[OMRSEventV1]) -> None:
        """Hand events to this peer's sinks, as its consumers would (own events dropped)."""
        for event in events:
            if event.originator is not None and event.originator.metadata_collection_id == self.mcid:
                continue
            if event.instance_event_section is not None:
                self.inbound(COHORT, event)
            elif event.type_def_event_section is not None:
                self.types_inbound(COHORT, event)


def typed_props(gallery: TypeGallery, type_name: str, **values: Any) -> InstanceProperties:
    """Properties typed by the type's attributes (``qualifiedName="x"`` becomes a string primitive)."""
    types = {}
    for attribute_name, attribute in gallery.attributes(type_name).items():
        link = attribute.attribute_type
        found = gallery.attribute_type_def_by_guid(link.guid) if link is not None and link.guid else None
        if found is not None:
            types[attribute_name] = found
    return instance_properties_from_python(values, types)


def make_peer(
    name: str,
    *,
    store: InstanceStore | None = None,
    rule: ExchangeRule = ExchangeRule.ALL,
    selected: Iterable[str] = (),
) -> Peer:
    gallery = load_type_gallery()[0]
    mcid = f"{name}-{uuid.uuid4()}"
    member = LocalMember(mcid, f"{name} collection", name, f"http://127.0.0.1:1/servers/{name}")
    typedefs = TypeDefService(gallery, MemoryTypeStore(lambda _name: 0), mcid, repository_name=name)
    instance_store = store if store is not None else MemoryInstanceStore()
    collection = MetadataCollection(instance_store, gallery, typedefs, mcid, f"{name} collection", name)
    save_rule = ExchangeFilter(rule, selected, types=gallery)
    replies: list[tuple[str, OMRSEventV1]] = []
    inbound = InstanceEventProcessor(collection, instance_store, member, gallery, save_rule, user_id=USER)
    types_inbound = TypeDefEventProcessor(
        typedefs, member, lambda cohort, event: replies.append((cohort, event)), save_rule, user_id=USER
    )
    return Peer(
        name,
        member,
        gallery,
        typedefs,
        instance_store,
        collection,
        save_rule,
        inbound,
        types_inbound,
        replies,
    )
