"""Topic names (as Egeria's ConnectorConfigurationFactory makes them) and the persisted cohort registry."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphrepo.cohort import (
    CohortRegistryStore,
    MemberRegistration,
    RegistryStoreError,
    cohort_topics,
    server_rest_root,
)
from graphrepo.omrs import OMRS_REST_CONNECTOR_PROVIDER, OMRSEventCategory, remote_repository_connection
from graphrepo.settings import TopicLayout

PREFIX = "egeria.omag.openmetadata.repositoryservices.cohort.cocoCohort"


def test_dedicated_topics_are_egerias_names() -> None:
    topics = cohort_topics("cocoCohort")
    assert topics.registration == f"{PREFIX}.OMRSTopic.registration"
    assert topics.types == f"{PREFIX}.OMRSTopic.types"
    assert topics.instances == f"{PREFIX}.OMRSTopic.instances"
    assert topics.all == (topics.registration, topics.types, topics.instances)
    assert topics.for_category(OMRSEventCategory.REGISTRY) == topics.registration
    assert topics.for_category(OMRSEventCategory.TYPEDEF) == topics.types
    assert topics.for_category(OMRSEventCategory.INSTANCE) == topics.instances
    with pytest.raises(ValueError, match="GENERIC"):
        topics.for_category(OMRSEventCategory.GENERIC)


def test_single_topic_layout_and_root() -> None:
    topics = cohort_topics("c1", root="acme", layout=TopicLayout.SINGLE)
    single = "acme.openmetadata.repositoryservices.cohort.c1.OMRSTopic"
    assert topics.all == (single,)
    assert topics.instances == topics.registration == topics.types == single
    assert cohort_topics("c1", root=None).instances == (
        "openmetadata.repositoryservices.cohort.c1.OMRSTopic.instances"
    )
    with pytest.raises(ValueError):
        cohort_topics("bad name")


def test_rest_root_is_server_path() -> None:
    assert server_rest_root("https://h:9443/", "pyRepo") == "https://h:9443/servers/pyRepo"


def _member(mcid: str, when: int) -> MemberRegistration:
    return MemberRegistration(
        metadata_collection_id=mcid,
        metadata_collection_name=f"{mcid}-name",
        server_name=f"server-{mcid}",
        server_type="Metadata Access Store",
        registration_time=datetime.fromtimestamp(when, UTC),
        repository_connection=remote_repository_connection(f"https://x/servers/{mcid}"),
    )


def test_registry_persists_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "cohorts" / "c.registry.json"
    store = CohortRegistryStore(path, "c")
    assert store.local_registration() is None and store.remote_members() == []
    store.save_local_registration(_member("local", 100))
    store.save_remote_member(_member("b", 300))
    store.save_remote_member(_member("a", 200))

    reloaded = CohortRegistryStore(path, "c")
    assert reloaded.local_registration() == _member("local", 100)
    assert [m.metadata_collection_id for m in reloaded.remote_members()] == ["a", "b"]
    document = json.loads(path.read_text())
    remote = document["remoteRegistrations"][0]
    # Egeria's MemberRegistration field names, epoch-millisecond times, the connection with "class".
    assert remote["metadataCollectionId"] == "b"
    assert remote["registrationTime"] == 300_000
    assert remote["repositoryConnection"]["class"] == "Connection"
    assert (
        remote["repositoryConnection"]["connectorType"]["connectorProviderClassName"]
        == OMRS_REST_CONNECTOR_PROVIDER
    )
    # No temporary files are left beside it.
    assert [p.name for p in path.parent.iterdir()] == [path.name]

    assert reloaded.remove_remote_member("a") is not None
    assert reloaded.remove_remote_member("a") is None
    reloaded.clear()
    assert CohortRegistryStore(path, "c").remote_members() == []


def test_registry_rejects_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text("{not json")
    with pytest.raises(RegistryStoreError, match="not valid"):
        CohortRegistryStore(path, "c")


def test_remote_member_needs_an_id(tmp_path: Path) -> None:
    store = CohortRegistryStore(tmp_path / "r.json", "c")
    with pytest.raises(ValueError):
        store.save_remote_member(MemberRegistration(server_name="x"))


def test_parts_from_settings(tmp_path: Path) -> None:
    from graphrepo.cohort import LocalEventBus, create_event_bus, local_member, topics_from_settings
    from graphrepo.settings import Settings

    settings = Settings(
        server_name="pyRepo",
        data_dir=tmp_path,
        event_bus={"cohorts": ["a", "b"], "topic_root": "acme", "topic_layout": "single"},
        http={"url_root": "https://repo.example.com:9443/"},
    )
    assert isinstance(create_event_bus(settings), LocalEventBus)
    assert [t.instances for t in topics_from_settings(settings)] == [
        "acme.openmetadata.repositoryservices.cohort.a.OMRSTopic",
        "acme.openmetadata.repositoryservices.cohort.b.OMRSTopic",
    ]
    me = local_member(settings, "mcid-1")
    assert me.rest_root == "https://repo.example.com:9443/servers/pyRepo"
    assert me.metadata_collection_name == "pyRepo"
    connection = me.remote_connection()
    assert connection.endpoint is not None and connection.endpoint.address == me.rest_root
