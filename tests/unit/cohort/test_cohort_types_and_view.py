"""TypeDef events (verify, add, conflict reports, announcements without echo) and whole servers wired by
``build_cohort`` on the in-process bus: instance events end to end, the metadata-highway view."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graphrepo.cohort import LifecycleState, LocalEventBus, TypeDefAnnouncer, build_cohort
from graphrepo.metamodel import TypeChange, TypeDefService, load_type_gallery
from graphrepo.omrs import (
    TYPE_DEF_ADAPTER,
    AnyTypeDef,
    CohortConnectionStatus,
    EntityDetail,
    OMRSEventErrorCode,
    OMRSEventV1,
    OMRSTypeDefEventType,
    from_wire,
)
from graphrepo.repository import MetadataCollection
from graphrepo.settings import Settings
from graphrepo.store.memory import MemoryInstanceStore, MemoryTypeStore
from tests.unit.cohort._peers import USER, make_peer, typed_props

COHORT = "viewCohort"


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


def widget(guid: str | None = None) -> AnyTypeDef:
    document: dict[str, Any] = {
        "class": "EntityDef",
        "headerVersion": 1,
        "guid": guid or "5c8e2f1a-0000-4000-8000-000000000001",
        "name": "PyWidget",
        "status": "ACTIVE_TYPEDEF",
        "version": 1,
        "versionName": "1.0",
        "category": "ENTITY_DEF",
        "superType": {
            "headerVersion": 1,
            "guid": "a32316b8-dc8c-48c5-b12b-71c1b2a080bf",
            "name": "Referenceable",
            "status": "ACTIVE_TYPEDEF",
        },
        "description": "A widget.",
        "origin": "f29a7a44-b2f4-4b0f-9b7c-3b7c6a8d9e01",
        "createdBy": "pyRepo",
        "createTime": 1700000000000,
        "validInstanceStatusList": ["ACTIVE", "DELETED"],
        "initialStatus": "ACTIVE",
    }
    return from_wire(TYPE_DEF_ADAPTER, document)


def test_new_types_are_added_known_ones_verified_conflicts_reported_and_nothing_echoed() -> None:
    a, b, c = make_peer("alpha"), make_peer("beta"), make_peer("gamma")
    announced: list[OMRSEventV1] = []
    for peer in (a, b, c):
        announcer = TypeDefAnnouncer(peer.member, announced.append, peer.save_rule)

        def listener(change: TypeChange, an: TypeDefAnnouncer = announcer) -> None:
            _send_now(an, change, announced)

        peer.typedefs.add_listener(listener)
    a.typedefs.add_type_def(USER, widget())
    [event] = announced
    section = event.type_def_event_section
    assert section is not None and section.type_def_event_type is OMRSTypeDefEventType.NEW_TYPEDEF_EVENT
    assert section.type_def_name == "PyWidget"

    b.receive([event])
    assert b.gallery.type_def_by_name("PyWidget") is not None
    assert b.types_inbound.stats.added == 1
    assert len(announced) == 1  # beta added it from the cohort: not announced again
    b.receive([event])  # a replay: verified, already known
    assert b.types_inbound.stats.known == 1

    c.typedefs.add_type_def(USER, widget(str(uuid.uuid4())))  # the same name, another GUID
    announced.clear()
    c.receive([event])
    [(cohort, reply)] = c.sent_typedef_replies
    assert cohort == "peerCohort"
    error = reply.error_section
    assert reply.type_def_event_section is not None
    assert reply.type_def_event_section.type_def_event_type is OMRSTypeDefEventType.TYPEDEF_ERROR_EVENT
    assert error is not None and error.error_code is OMRSEventErrorCode.CONFLICTING_TYPEDEFS
    assert error.target_metadata_collection_id == a.mcid
    assert error.other_metadata_collection_id == c.mcid
    assert c.types_inbound.stats.conflicts == 1


def _send_now(announcer: TypeDefAnnouncer, change: TypeChange, sink: list[OMRSEventV1]) -> None:
    # The announcer's listener filters (echo, rule) then queues; build the event the same way, at once.
    before = announcer._queue.qsize()
    announcer(change)
    if announcer._queue.qsize() > before:
        event = announcer._queue.get_nowait()
        announcer._queue.task_done()
        assert event is not None
        sink.append(event)


# --- whole servers on the in-process bus -------------------------------------------------------------------


class Server:
    def __init__(self, name: str, bus: LocalEventBus, data_dir: Path) -> None:
        self.settings = Settings(
            server_name=name, data_dir=data_dir, event_bus={"cohorts": [COHORT], "relay_poll_seconds": 0.2}
        )
        self.mcid = f"{name}-{uuid.uuid4()}"
        gallery = load_type_gallery()[0]
        self.typedefs = TypeDefService(
            gallery, MemoryTypeStore(lambda _n: 0), self.mcid, repository_name=name
        )
        from graphrepo.cohort import CommitNotifier

        store = CommitNotifier(MemoryInstanceStore())
        self.store = store
        self.collection = MetadataCollection(store, gallery, self.typedefs, self.mcid, name, name)
        self.wiring = build_cohort(self.settings, self.mcid, self.collection, self.typedefs, store, bus=bus)
        self.manager = self.wiring.manager
        self.gallery = gallery

    def add_term(self, qualified_name: str) -> EntityDetail:
        term = self.gallery.type_def_by_name("GlossaryTerm")
        assert term is not None and term.guid is not None
        properties = typed_props(self.gallery, "GlossaryTerm", qualifiedName=qualified_name)
        return self.collection.add_entity(USER, term.guid, properties)


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    bus = LocalEventBus()
    a, b = Server("alpha", bus, tmp_path / "a"), Server("beta", bus, tmp_path / "b")
    a.manager.start()
    b.manager.start()
    yield a, b
    a.manager.close()
    b.manager.close()
    bus.close()


def test_two_servers_exchange_instances_and_types(servers: tuple[Server, Server]) -> None:
    a, b = servers
    entity = a.add_term("term.one")
    wait_for(lambda: b.collection.is_entity_known(USER, str(entity.guid)) is not None)
    assert b.wiring.instances.stats.stored == 1
    a.typedefs.add_type_def(USER, widget())
    wait_for(lambda: b.gallery.type_def_by_name("PyWidget") is not None)
    assert b.wiring.types.stats.added == 1
    assert b.manager.types_announcer is not None and b.manager.types_announcer.sent == 0  # no echo


def test_the_manager_serves_the_metadata_highway(servers: tuple[Server, Server]) -> None:
    a, b = servers
    wait_for(lambda: [m.server_name for m in a.manager.remote_members(COHORT)] == ["beta"])
    [description] = a.manager.cohort_descriptions()
    assert description.cohort_name == COHORT
    assert description.connection_status is CohortConnectionStatus.CONNECTED
    local = a.manager.local_registration()
    assert local is not None and local.registration_time is None
    assert local.repository_connection is not None and local.repository_connection.endpoint is not None
    assert local.repository_connection.endpoint.address == "http://127.0.0.1:9443/servers/alpha"
    registered = a.manager.local_registration_for(COHORT)
    assert registered is not None and registered.registration_time is not None
    assert a.manager.local_registration_for("nope") is None
    assert a.manager.remote_members("nope") == []
    assert a.manager.connect("nope") is False

    assert a.manager.disconnect(COHORT, unregister=False) is True
    assert a.manager.cohort_descriptions()[0].connection_status is CohortConnectionStatus.DISCONNECTED
    # While disconnected, nothing is sent to the cohort (the outbox still drains).
    hidden = a.add_term("hidden")
    wait_for(lambda: a.store.pending_events(1) == [])  # the relay took it while the cohort was away
    assert a.manager.connect(COHORT) is True
    assert a.manager.member_of(COHORT).state is LifecycleState.RUNNING
    shown = a.add_term("shown")
    wait_for(lambda: b.collection.is_entity_known(USER, str(shown.guid)) is not None)
    assert b.collection.is_entity_known(USER, str(hidden.guid)) is None

    assert a.manager.disconnect(COHORT, unregister=True) is True
    wait_for(lambda: b.manager.remote_members(COHORT) == [])


def test_a_server_in_no_cohort_keeps_no_events_and_runs_no_relay(tmp_path: Path) -> None:
    """No cohort configured: nothing would ever publish a change's events, so none are stored (the write
    itself is whole); with a cohort they are kept for the relay."""
    from graphrepo.cohort import CommitNotifier

    gallery = load_type_gallery()[0]
    term = gallery.type_def_by_name("GlossaryTerm")
    assert term is not None and term.guid is not None
    for cohorts, kept in (([], False), ([COHORT], True)):
        settings = Settings(server_name="solo", data_dir=tmp_path / str(kept), event_bus={"cohorts": cohorts})
        typedefs = TypeDefService(gallery, MemoryTypeStore(lambda _n: 0), "solo-id", repository_name="solo")
        store = CommitNotifier(MemoryInstanceStore())
        collection = MetadataCollection(store, gallery, typedefs, "solo-id", "solo", "solo")
        wiring = build_cohort(settings, "solo-id", collection, typedefs, store, bus=LocalEventBus())
        assert (wiring.manager.relay is not None) is kept and store.keep_events is kept
        properties = typed_props(gallery, "GlossaryTerm", qualifiedName=f"solo.{kept}")
        entity = collection.add_entity(USER, term.guid, properties)
        renamed = typed_props(gallery, "GlossaryTerm", qualifiedName=f"solo.{kept}.renamed")
        collection.update_entity_properties(USER, str(entity.guid), renamed)
        assert collection.get_entity_detail(USER, str(entity.guid)).version == 2
        pending = store.pending_events(10)
        assert len(pending) == (2 if kept else 0)
        wiring.manager.close()
