"""The service under test: ``graphrepo serve`` as a real uvicorn process on loopback, secured by a users
file written here (one user with a bearer token, so no argon2 verification sits in the timed path), and
its peak resident memory read from ``/proc/<pid>/status`` (VmHWM: the kernel's high-water mark)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx

SERVER_NAME = "benchServer"
USER = "bench"
_ENV_PREFIX = "GRAPHREPO_"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def make_token_users_file(folder: Path) -> tuple[Path, str]:
    """A users file with one administrator holding a bearer token, made with ``graphrepo hash-password
    --token`` (the documented way); returns the file and the token."""
    result = subprocess.run(
        [sys.executable, "-m", "graphrepo", "hash-password", "--token"],
        capture_output=True,
        text=True,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    token_match = re.search(r"token \(give to the client, once\): (\S+)", result.stdout)
    digest_match = re.search(r'tokens = \["(sha256:[0-9a-f]+)"\]', result.stdout)
    if token_match is None or digest_match is None:
        raise RuntimeError(f"unexpected output of graphrepo hash-password --token: {result.stdout!r}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "users.toml"
    path.write_text(
        f"[users.{USER}]\n"
        f'tokens = ["{digest_match.group(1)}"]\n'
        'permissions = ["read", "write", "administer"]\n'
        "act_for_others = true\n",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path, token_match.group(1)


@dataclass
class ServiceProcess:
    """``graphrepo serve`` on a free loopback port; a context manager that stops it on exit."""

    store: str  # "memory" or "neo4j"
    work_dir: Path
    neo4j_uri: str | None = None
    extra_env: Mapping[str, str] = field(default_factory=dict)
    startup_timeout: float = 240.0
    port: int = 0
    token: str = ""
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def omrs_root(self) -> str:
        return f"/servers/{SERVER_NAME}/open-metadata/repository-services/users/{USER}"

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self) -> Self:
        self.work_dir = self.work_dir.resolve()
        self.work_dir.mkdir(parents=True, exist_ok=True)
        users_file, self.token = make_token_users_file(self.work_dir)
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(_ENV_PREFIX)}
        env.update(
            {
                "GRAPHREPO_SERVER_NAME": SERVER_NAME,
                "GRAPHREPO_DATA_DIR": str(self.work_dir / "data"),
                "GRAPHREPO_LOG_LEVEL": "WARNING",
                "GRAPHREPO_SECURITY__USERS_FILE": str(users_file),
                "GRAPHREPO_STORE__KIND": self.store,
            }
        )
        if self.store == "neo4j":
            if not self.neo4j_uri:
                raise ValueError("the neo4j store needs neo4j_uri")
            env["GRAPHREPO_STORE__NEO4J_URI"] = self.neo4j_uri
        env.update(self.extra_env)
        self.log_path = self.work_dir / "serve.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "graphrepo", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.work_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self._wait_healthy()
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"graphrepo serve exited early:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError(
            f"graphrepo serve did not answer within {self.startup_timeout} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def memory(self) -> Memory:
        return read_memory(self.pid)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@dataclass(frozen=True)
class Memory:
    """Resident memory of a process, MiB: now and the peak since it started."""

    rss_mib: float
    peak_rss_mib: float


def read_memory(pid: int) -> Memory:
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0]) / 1024  # kB -> MiB
    return Memory(values.get("VmRSS", 0.0), values.get("VmHWM", 0.0))
