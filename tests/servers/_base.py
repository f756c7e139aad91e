"""What every test server shares: resolve jars, pick ports, launch, wait until ready, stop.

`start()` is `launch()` then `wait_ready()`; callers that start several servers launch them all first
and then wait, so the JVMs boot side by side (and every fork happens on the calling thread).
"""

from __future__ import annotations

import abc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import ClassVar, Self

from ._maven import Artifact, Resolved, resolve
from ._ports import free_ports
from ._process import JavaProcess, pid_alive, register, tail, unregister

SCRATCH_ENV = "GRAPHREPO_SERVERS_TMPDIR"
_MIN_SHM_FREE = 4 * 1024**3
_STALE_AFTER_SECONDS = 600
_PID_FILE = "server.pid"
_PORT_CLASH = ("Address already in use", "BindException")
_MAX_ATTEMPTS = 3


def scratch_root() -> Path | None:
    """Where servers keep their data: $GRAPHREPO_SERVERS_TMPDIR, else /dev/shm when it is roomy.

    Neo4j forces its transaction log to disk on every commit; on tmpfs that costs nothing (measured
    here: 100 one-node commits in 0.52 s instead of 0.77 s, and a faster first start). The data is
    thrown away anyway. None means the system's temp folder.
    """
    configured = os.environ.get(SCRATCH_ENV)
    if configured:
        return Path(configured)
    shm = Path("/dev/shm")
    try:
        usage = shutil.disk_usage(shm)
    except OSError:
        return None
    # Docker's default /dev/shm is 64 MB: too small, so only use one with room to spare.
    return shm if usage.free >= _MIN_SHM_FREE and os.access(shm, os.W_OK | os.X_OK) else None


class ServerStartError(RuntimeError):
    """A server did not become ready; the message carries the tail of its log."""


class ServerBase(abc.ABC):
    name: ClassVar[str]
    port_count: ClassVar[int]
    default_startup_timeout: ClassVar[float]
    stop_grace_seconds: ClassVar[float] = 30.0

    def __init__(self, *, startup_timeout: float | None = None, keep: bool = False) -> None:
        self.startup_timeout = startup_timeout or self.default_startup_timeout
        #: Leave the server running when this interpreter exits (then it is not tied to our lifetime).
        self.keep = keep
        self.run_dir: Path | None = None
        self.ports: list[int] = []
        self.process: JavaProcess | None = None
        #: Seconds spent per phase ("resolve", "start", "stop"), for the harness's timing report.
        self.timings: dict[str, float] = {}
        self.downloaded = False
        self._classpath = ""
        self._launched_at = 0.0
        self._attempts = 0
        self._stopping = False

    # --- what each server defines -------------------------------------------------------------------

    @abc.abstractmethod
    def _bundle(self) -> tuple[str, Sequence[Artifact]]:
        """The cache folder name and the Maven artifacts it holds."""

    @abc.abstractmethod
    def _prepare(self, run_dir: Path, ports: Sequence[int], classpath: str) -> list[str]:
        """Write the configuration into `run_dir`, run any one-off step, return the server's argv."""

    @abc.abstractmethod
    def _is_ready(self) -> bool:
        """Probe the server with a real client; False (not an exception) while it is still booting."""

    def _log_files(self) -> list[Path]:
        """Server log files worth quoting, besides the console output, when the start fails."""
        return []

    # --- lifecycle ----------------------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> Self:
        self.launch()
        self.wait_ready()
        return self

    def resolve_jars(self) -> Resolved:
        """Fetch the server's jars into the cache unless they are there already."""
        bundle, artifacts = self._bundle()
        return resolve(bundle, artifacts)

    def launch(self) -> None:
        """Resolve the jars and start the JVM without waiting for it to be ready."""
        resolved = self.resolve_jars()
        self.timings["resolve"] = resolved.seconds
        self.downloaded = resolved.downloaded
        self._classpath = resolved.classpath
        scratch = scratch_root()
        _remove_stale_run_dirs(scratch or Path(tempfile.gettempdir()), self.name)
        self.run_dir = Path(tempfile.mkdtemp(prefix=f"graphrepo-{self.name}-", dir=scratch))
        self._launched_at = time.monotonic()
        register(self)
        self._spawn()

    def wait_ready(self) -> None:
        process = self._require_process()
        deadline = self._launched_at + self.startup_timeout
        while True:
            status = process.exit_code()
            if status is not None:
                if self._attempts < _MAX_ATTEMPTS and self._port_clash(process):
                    self._spawn()  # another process took a port between our pick and the JVM's bind
                    process = self._require_process()
                    continue
                raise self._failure(f"exited with status {status} while starting")
            if self._is_ready():
                self.timings["start"] = time.monotonic() - self._launched_at
                return
            if time.monotonic() > deadline:
                raise self._failure(f"was not ready after {self.startup_timeout:.0f} s")
            time.sleep(0.25)

    def stop(self) -> None:
        """Stop the JVM and delete its files; idempotent, and safe to re-enter from a signal handler."""
        if self._stopping:
            return
        self._stopping = True
        unregister(self)
        if self.process is not None:
            self.process.stop(self.stop_grace_seconds)
            if self.process.stop_seconds is not None:
                self.timings["stop"] = self.process.stop_seconds
        if self.run_dir is not None:
            shutil.rmtree(self.run_dir, ignore_errors=True)
            self.run_dir = None

    def detach(self) -> None:
        """Leave the server running after this interpreter exits; its temp folder stays too."""
        unregister(self)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    # --- internals ----------------------------------------------------------------------------------

    def _spawn(self) -> None:
        run_dir = self._require_run_dir()
        if self.process is not None:
            self.process.stop(self.stop_grace_seconds)
        self._attempts += 1
        # A fresh folder per attempt keeps a failed attempt's files out of the next one's way.
        attempt_dir = run_dir / f"attempt-{self._attempts}"
        attempt_dir.mkdir()
        self.ports = free_ports(self.port_count)
        argv = self._prepare(attempt_dir, self.ports, self._classpath)
        self.process = JavaProcess(self.name, argv, log_path=attempt_dir / "console.log", cwd=attempt_dir)
        # PDEATHSIG fires when the forking *thread* ends, so it is only safe from the main thread; and a
        # kept server must outlive us.
        die_with_parent = not self.keep and threading.current_thread() is threading.main_thread()
        self.process.start(die_with_parent=die_with_parent)
        # Lets a later run recognise this folder as abandoned once the server is gone.
        (run_dir / _PID_FILE).write_text(f"{self.process.pid}\n")

    def _port_clash(self, process: JavaProcess) -> bool:
        text = process.log_tail(200)
        return any(marker in text for marker in _PORT_CLASH)

    def _failure(self, what: str) -> ServerStartError:
        process = self._require_process()
        console = process.log_tail(60)
        process.stop(self.stop_grace_seconds)
        parts = [
            f"{self.name} (pid {process.pid}, ports {self.ports}) {what}.",
            f"Command: {' '.join(process.argv)}",
            f"--- last lines of {process.log_path} ---\n{console}",
        ]
        parts += [
            f"--- last lines of {path} ---\n{tail(path, 30)}" for path in self._log_files() if path.exists()
        ]
        parts.append(f"(files kept in {self.run_dir})")
        unregister(self)  # the process is stopped; its files stay for a look (a later run removes them)
        return ServerStartError("\n".join(parts))

    def _require_process(self) -> JavaProcess:
        if self.process is None:
            raise RuntimeError(f"{self.name} was not launched")
        return self.process

    def _require_run_dir(self) -> Path:
        if self.run_dir is None:
            raise RuntimeError(f"{self.name} was not launched")
        return self.run_dir


def _remove_stale_run_dirs(root: Path, name: str) -> None:
    """Delete the folders of earlier runs whose server is gone (killed runs, failed starts).

    A folder without a pid file may belong to a server being started right now, so it only counts as
    stale once it is old. Kept servers (GRAPHREPO_KEEP_SERVERS) are alive and keep theirs.
    """
    for run_dir in root.glob(f"graphrepo-{name}-*"):
        try:
            pid_text = (run_dir / _PID_FILE).read_text().strip()
        except OSError:
            pid_text = ""
        try:
            if pid_text.isdigit():
                stale = not pid_alive(int(pid_text))
            else:
                stale = time.time() - run_dir.stat().st_mtime > _STALE_AFTER_SECONDS
        except OSError:
            continue
        if stale:
            shutil.rmtree(run_dir, ignore_errors=True)
