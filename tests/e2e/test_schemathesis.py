"""Property-based fuzzing of the service's own OpenAPI (schemathesis): no request may cause a 5xx.

The server runs for real (uvicorn in a thread, memory store, insecure dev mode so that every generated
request reaches its handler); a few examples per operation keep the run to well under a minute.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings, strategies  # noqa: E402 - after importorskip

from graphrepo.api import create_app  # noqa: E402
from tests.e2e.conftest import insecure_settings  # noqa: E402


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder: Path = tmp_path_factory.mktemp("fuzz")
    config = uvicorn.Config(
        create_app(insecure_settings(folder)), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    yield url
    server.should_exit = True
    thread.join(timeout=30)


@pytest.mark.timeout(300)
def test_no_request_causes_a_server_error(base_url: str) -> None:
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    failures: list[str] = []
    statuses: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 107

    @settings(
        max_examples=400,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
        database=None,
    )
    @given(case=strategies.one_of([operation.as_strategy() for operation in operations]))
    def check(case: object) -> None:
        response = case.call(base_url=base_url)  # type: ignore[attr-defined]
        statuses.append(response.status_code)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path}: {response.status_code}")  # type: ignore[attr-defined]

    started = time.monotonic()
    check()
    assert not failures, failures
    assert len(statuses) >= 100 and set(statuses) <= {200}, sorted(set(statuses))
    assert time.monotonic() - started < 120
