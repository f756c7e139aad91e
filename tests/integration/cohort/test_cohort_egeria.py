"""graphrepo and a real Egeria OMAG server join the same cohort on the real Kafka and see each other."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from graphrepo.cohort import CohortManager, KafkaEventBus, LocalMember, cohort_topics
from tests.integration.cohort.conftest import note
from tests.servers.egeria_server import EgeriaServer

pytestmark = [pytest.mark.kafka, pytest.mark.egeria]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(0.25)
    return time.monotonic() - started


def test_egeria_and_graphrepo_register_with_each_other(
    egeria_platform: EgeriaServer,
    kafka_bootstrap: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    suffix = uuid.uuid4().hex[:8]
    cohort, egeria_name = f"interop{suffix}", f"egeriaPeer{suffix}"
    start_seconds = egeria_platform.configure_cohort_member(egeria_name, cohort, kafka_bootstrap)
    note(request.config, f"egeria: server {egeria_name} configured and started in {start_seconds:.1f} s")

    me = LocalMember(
        metadata_collection_id=str(uuid.uuid4()),
        metadata_collection_name="graphrepo interop collection",
        server_name=f"graphrepo{suffix}",
        rest_root=f"http://127.0.0.1:9/servers/graphrepo{suffix}",
    )
    bus = KafkaEventBus(kafka_bootstrap)
    manager = CohortManager(me, bus, [cohort_topics(cohort)], data_dir=tmp_path)
    manager.start()
    try:
        seconds = wait_for(
            lambda: any(m.server_name == egeria_name for m in manager.remote_members(cohort)),
            timeout=90,
            what="graphrepo's registry lists the Egeria server",
        )
        [egeria] = [m for m in manager.remote_members(cohort) if m.server_name == egeria_name]
        assert egeria.metadata_collection_id
        assert egeria.repository_connection is not None and egeria.repository_connection.endpoint is not None
        assert egeria.repository_connection.endpoint.address == (
            f"{egeria_platform.endpoint.platform_url}/servers/{egeria_name}"
        )
        assert egeria.repository_connection.connector_type is not None
        assert egeria.repository_connection.connector_type.connector_provider_class_name == (
            "org.odpi.openmetadata.adapters.repositoryservices.rest.repositoryconnector."
            "OMRSRESTRepositoryConnectorProvider"
        )

        def egeria_sees_us() -> bool:
            members = egeria_platform.remote_members(egeria_name, cohort)
            return any(m.get("metadataCollectionId") == me.metadata_collection_id for m in members)

        seconds += wait_for(egeria_sees_us, timeout=90, what="Egeria's remote-members lists graphrepo")
        [us] = [
            m
            for m in egeria_platform.remote_members(egeria_name, cohort)
            if m.get("metadataCollectionId") == me.metadata_collection_id
        ]
        assert us["serverName"] == me.server_name
        assert us["repositoryConnection"]["endpoint"]["address"] == me.rest_root
        note(request.config, f"egeria: mutual registration seen after {seconds:.1f} s")
    finally:
        manager.close()
