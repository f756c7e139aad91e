"""`graphrepo serve` with no configuration runs the service on loopback and answers its health check."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from graphrepo.settings import environment_variable_names


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_with_defaults_answers_health_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in environment_variable_names()}
    process = subprocess.Popen(
        [sys.executable, "-m", "graphrepo", "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = _wait_for_health(f"http://127.0.0.1:{port}/health", process)
        assert body["status"] == "UP"
        assert body["store"] == "memory"
        assert body["serverName"] == "graphrepo"
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=20)
    assert f"127.0.0.1:{port}" in output


def test_cli_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graphrepo", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("graphrepo ")


def _wait_for_health(url: str, process: subprocess.Popen[str]) -> dict[str, str]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"graphrepo serve exited early:\n{process.communicate()[0]}")
        try:
            response = httpx.get(url, timeout=1)
            if response.status_code == 200:
                body: dict[str, str] = response.json()
                return body
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("graphrepo serve did not answer /health within 30 s")
