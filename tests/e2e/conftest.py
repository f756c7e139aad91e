"""The service over HTTP: the real app, its lifespan and bootstrap, on the memory store or on Neo4j."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphrepo.api import create_app
from graphrepo.settings import Settings, environment_variable_names

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 in a module-level warning; httpx is what the project uses.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.servers import Neo4jDatabase, Neo4jEndpoint

SERVER = "e2eServer"
USER = "garygeeke"


class OMRS:
    """Calls ``/servers/<SERVER>/open-metadata/repository-services/users/<USER>/...``; every answer is
    HTTP 200 with a bean, which ``call`` returns (``ok`` also insists it reports no error)."""

    def __init__(self, client: TestClient, user: str = USER) -> None:
        self.client = client
        self.root = f"/servers/{SERVER}/open-metadata/repository-services/users/{user}"

    def call(self, method: str, path: str, body: Any = None, **params: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"params": params} if params else {}
        if body is not None:
            kwargs["json"] = body
        response = self.client.request(method, self.root + path, **kwargs)
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()
        return result

    def ok(self, method: str, path: str, body: Any = None, **params: Any) -> dict[str, Any]:
        result = self.call(method, path, body, **params)
        assert result["relatedHTTPCode"] == 200, (path, result.get("exceptionErrorMessage"))
        return result


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in environment_variable_names():
        monkeypatch.delenv(name, raising=False)


def insecure_settings(tmp_path: Path, **overrides: Any) -> Settings:
    return Settings(
        server_name=SERVER, data_dir=tmp_path / "data", security={"insecure_dev_mode": True}, **overrides
    )


@pytest.fixture
def memory_omrs(tmp_path: Path) -> Iterator[OMRS]:
    with TestClient(create_app(insecure_settings(tmp_path))) as client:
        yield OMRS(client)


@pytest.fixture
def neo4j_omrs(tmp_path: Path, neo4j_server: Neo4jEndpoint, neo4j_db: Neo4jDatabase) -> Iterator[OMRS]:
    user, password = neo4j_server.auth or ("neo4j", "")
    store = {
        "kind": "neo4j",
        "neo4j_uri": neo4j_server.bolt_uri,
        "neo4j_user": user,
        "neo4j_password": password,
        "neo4j_database": neo4j_db.database,
    }
    # The lifespan applies the migrations and the type-derived indexes before serving.
    with TestClient(create_app(insecure_settings(tmp_path, store=store))) as client:
        yield OMRS(client)
