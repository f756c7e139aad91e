"""`graphrepo migrate`, `status`, `load-archive` and `hash-password`, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphrepo.api._security import Authenticator, UserEntry
from graphrepo.settings import environment_variable_names
from tests.servers import Neo4jDatabase, Neo4jEndpoint

REFERENCEABLE = "a32316b8-dc8c-48c5-b12b-71c1b2a080bf"
NEW_TYPE = "7d0c9e6f-5c1a-4b8e-9f0e-000000e2e001"
ARCHIVE_GUID = "0f5b6a1e-2c3d-4e5f-8a9b-000000e2e0a1"


def _run(
    args: list[str], cwd: Path, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in environment_variable_names()}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "graphrepo", *args],
        cwd=cwd,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _archive(path: Path) -> Path:
    entity_def = {
        "class": "EntityDef",
        "headerVersion": 1,
        "guid": NEW_TYPE,
        "name": "E2EArchiveThing",
        "status": "ACTIVE_TYPEDEF",
        "version": 1,
        "versionName": "1.0",
        "category": "ENTITY_DEF",
        "superType": {"headerVersion": 1, "guid": REFERENCEABLE, "name": "Referenceable"},
        "origin": ARCHIVE_GUID,
        "createdBy": "e2e",
        "validInstanceStatusList": ["ACTIVE", "DELETED"],
        "initialStatus": "ACTIVE",
    }
    entity = {
        "class": "EntityDetail",
        "headerVersion": 1,
        "type": {
            "class": "InstanceType",
            "headerVersion": 1,
            "typeDefCategory": "ENTITY_DEF",
            "typeDefGUID": NEW_TYPE,
            "typeDefName": "E2EArchiveThing",
            "typeDefVersion": 1,
            "typeDefSuperTypes": [],
        },
        "guid": "5a1b2c3d-0000-4000-8000-000000e2e0e1",
        "version": 1,
        "status": "ACTIVE",
        "properties": {
            "class": "InstanceProperties",
            "instanceProperties": {
                "qualifiedName": {
                    "class": "PrimitivePropertyValue",
                    "instancePropertyCategory": "PRIMITIVE",
                    "primitiveDefCategory": "OM_PRIMITIVE_TYPE_STRING",
                    "primitiveValue": "thing::one",
                }
            },
        },
    }
    archive = {
        "class": "OpenMetadataArchive",
        "archiveProperties": {
            "archiveGUID": ARCHIVE_GUID,
            "archiveName": "E2E archive",
            "archiveType": "CONTENT_PACK",
            "originatorName": "graphrepo tests",
            "creationDate": 1700000000000,
        },
        "archiveTypeStore": {"newTypeDefs": [entity_def]},
        "archiveInstanceStore": {"entities": [entity]},
    }
    path.write_text(json.dumps(archive))
    return path


def test_migrate_on_memory_says_there_is_nothing_to_do(tmp_path: Path) -> None:
    result = _run(["migrate"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "nothing to migrate" in result.stdout


def test_status_on_memory(tmp_path: Path) -> None:
    result = _run(["status"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "store reachable: yes" in result.stdout
    assert "0 entities" in result.stdout
    assert not (tmp_path / ".graphrepo" / "identity.json").exists()  # status changes nothing


def test_status_reports_an_unreachable_store(tmp_path: Path) -> None:
    result = _run(
        ["status"], tmp_path, GRAPHREPO_STORE__KIND="neo4j", GRAPHREPO_STORE__NEO4J_URI="bolt://127.0.0.1:1"
    )
    assert result.returncode == 1
    assert "store reachable: NO" in result.stdout


def test_load_archive_loads_types_and_instances(tmp_path: Path) -> None:
    result = _run(["load-archive", str(_archive(tmp_path / "e2e.omarchive"))], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 types added" in result.stdout and "1 instances saved" in result.stdout
    assert "0 problems" in result.stdout
    assert "newTypeDefs" in result.stderr  # the progress bar


def test_load_archive_refuses_a_missing_file(tmp_path: Path) -> None:
    assert _run(["load-archive", "absent.omarchive"], tmp_path).returncode == 2


def test_startup_archives_are_served(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient  # the e2e conftest imported it already, quietly

    from graphrepo.api import create_app
    from graphrepo.settings import Settings
    from tests.e2e.conftest import OMRS, SERVER

    settings = Settings(
        server_name=SERVER,
        data_dir=tmp_path / "data",
        security={"insecure_dev_mode": True},
        archives=[_archive(tmp_path / "e2e.omarchive")],
    )
    with TestClient(create_app(settings)) as client:
        omrs = OMRS(client)
        entity = omrs.ok("GET", "/instances/entity/5a1b2c3d-0000-4000-8000-000000e2e0e1")["entity"]
        assert entity["metadataCollectionId"] == ARCHIVE_GUID
        assert entity["instanceProvenanceType"] == "CONTENT_PACK"


def test_hash_password_and_token(tmp_path: Path) -> None:
    hashed = _run(["hash-password"], tmp_path, stdin="pw-from-stdin\n")
    assert hashed.returncode == 0
    digest = hashed.stdout.split('"')[1]
    assert Authenticator({"a": UserEntry("a", digest)}).authenticate("Basic YTpwdy1mcm9tLXN0ZGlu") is not None
    token = _run(["hash-password", "--token"], tmp_path)
    assert "sha256:" in token.stdout


@pytest.mark.timeout(600)
def test_migrate_and_status_on_neo4j(
    tmp_path: Path, neo4j_server: Neo4jEndpoint, neo4j_db: Neo4jDatabase
) -> None:
    user, password = neo4j_server.auth or ("neo4j", "")
    env = {
        "GRAPHREPO_STORE__KIND": "neo4j",
        "GRAPHREPO_STORE__NEO4J_URI": neo4j_server.bolt_uri,
        "GRAPHREPO_STORE__NEO4J_USER": user,
        "GRAPHREPO_STORE__NEO4J_PASSWORD": password,
    }
    migrate = _run(["migrate"], tmp_path, **env)
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert "migrations:" in migrate.stdout and "type-derived indexes" in migrate.stdout
    again = _run(["migrate"], tmp_path, **env)
    assert "0 applied" in again.stdout and "0 created" in again.stdout
    status = _run(["status"], tmp_path, **env)
    assert status.returncode == 0, status.stdout + status.stderr
    assert "store reachable: yes" in status.stdout
    assert neo4j_db.query("MATCH (n) RETURN count(n) AS n")[0]["n"] > 0
