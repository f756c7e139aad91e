"""A REST app over a recording fake collection: the REST layer's own behaviour, without any store."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from graphrepo.api._app import _ROUTERS
from graphrepo.api._highway import StaticCohortView
from graphrepo.api._routing import Gate
from graphrepo.api._security import Access, Authenticator, DefaultPolicy, UserEntry
from graphrepo.omrs import MemberRegistration

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 in a module-level warning; httpx is what the project uses.
    warnings.simplefilter("ignore")
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

SERVER = "unitServer"
ROOT = f"/servers/{SERVER}/open-metadata/repository-services/users"

PASSWORD = "correct horse battery staple"

# Verification cost is read from each hash, so cheap hashes keep the tests fast (production: the default).
_CHEAP = PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)


def hash_password(password: str) -> str:
    return _CHEAP.hash(password)


class RecordingCollection:
    """Answers every Protocol method with what ``answers`` holds (default None) and records each call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.answers: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)

        def method(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            answer = self.answers.get(name)
            if isinstance(answer, Exception):
                raise answer
            return answer() if callable(answer) else answer

        return method

    def last(self, name: str) -> tuple[tuple[Any, ...], dict[str, Any]]:
        for called, args, kwargs in reversed(self.calls):
            if called == name:
                return args, kwargs
        raise AssertionError(f"{name} was not called; calls: {[c[0] for c in self.calls]}")


USERS = {
    "reader": UserEntry("reader", hash_password(PASSWORD), permissions=frozenset({Access.READ})),
    "writer": UserEntry(
        "writer",
        hash_password(PASSWORD),
        token_digests=frozenset(),
        permissions=frozenset({Access.WRITE}),
    ),
    "peer": UserEntry(
        "peer", hash_password(PASSWORD), permissions=frozenset({Access.ADMINISTER}), act_for_others=True
    ),
}


def build_app(collection: RecordingCollection, gate: Gate) -> FastAPI:
    app = FastAPI()
    for router in _ROUTERS:
        app.include_router(router)
    app.state.gate = gate
    app.state.collection = collection
    app.state.cohorts = StaticCohortView(
        MemberRegistration(metadata_collection_id="mc-1", server_name=SERVER), ["cohortA"]
    )
    return app


@pytest.fixture
def collection() -> RecordingCollection:
    return RecordingCollection()


@pytest.fixture
def client(collection: RecordingCollection) -> Iterator[TestClient]:
    gate = Gate(SERVER, Authenticator(USERS), DefaultPolicy())
    with TestClient(build_app(collection, gate)) as test_client:
        yield test_client


@pytest.fixture
def users_file(tmp_path: Path) -> Path:
    return tmp_path / "users.toml"
