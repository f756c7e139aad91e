"""A server JVM run as a child process, and the safety net that stops servers when we go away.

Each JVM runs in its own session (so its own process group): Ctrl-C in a terminal reaches only us, and
we decide the order of shutdown; stopping signals the whole group, so nothing the JVM forked survives.
Registered servers are stopped at interpreter exit and on SIGTERM/SIGINT; on Linux the kernel also
sends the JVM SIGTERM when the process that started it dies without doing any of that (SIGKILL,
`os._exit`, pytest-timeout's thread method).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Protocol

_PR_SET_PDEATHSIG = 1


class Stoppable(Protocol):
    def stop(self) -> None: ...


# Re-entrant: a signal handler may run stop_all() while the main thread holds the lock.
_live_lock = threading.RLock()
_live: set[Stoppable] = set()
_handlers_installed = False


def register(server: Stoppable) -> None:
    """Have `server.stop()` called at exit or on SIGTERM/SIGINT unless it is unregistered first."""
    _install_handlers()
    with _live_lock:
        _live.add(server)


def unregister(server: Stoppable) -> None:
    with _live_lock:
        _live.discard(server)


def stop_all() -> None:
    with _live_lock:
        servers = list(_live)
    for server in servers:
        server.stop()


class JavaProcess:
    """One child process with its output in a log file; `stop()` is idempotent."""

    def __init__(self, name: str, argv: Sequence[str], *, log_path: Path, cwd: Path) -> None:
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path
        self.cwd = cwd
        self._popen: subprocess.Popen[bytes] | None = None
        #: How long the stop took from SIGTERM to exit, once stopped.
        self.stop_seconds: float | None = None

    @property
    def pid(self) -> int | None:
        return self._popen.pid if self._popen else None

    def start(self, *, die_with_parent: bool) -> None:
        with self.log_path.open("ab") as log:
            self._popen = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                # Safe despite other threads (librdkafka's, say): it makes one system call, nothing else.
                preexec_fn=_die_with_parent if die_with_parent and _prctl is not None else None,
            )

    def exit_code(self) -> int | None:
        """None while running (or never started), else the exit status."""
        return self._popen.poll() if self._popen else None

    def stop(self, grace_seconds: float = 30.0) -> None:
        """SIGTERM the process group, then SIGKILL it if it has not exited after the grace period."""
        popen = self._popen
        if popen is None:
            return
        if popen.poll() is None:
            started = time.monotonic()
            _signal_group(popen.pid, signal.SIGTERM)
            try:
                popen.wait(timeout=grace_seconds)
            except subprocess.TimeoutExpired:
                _signal_group(popen.pid, signal.SIGKILL)
                popen.wait(timeout=grace_seconds)
            self.stop_seconds = time.monotonic() - started
        # The JVM may have left children behind in its group even after it exited itself.
        _signal_group(popen.pid, signal.SIGKILL)

    def log_tail(self, lines: int = 60) -> str:
        return tail(self.log_path, lines)


def java_executable() -> str:
    """$JAVA_HOME/bin/java when JAVA_HOME is set, else the `java` on PATH (Java 17 or newer)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    return shutil.which("java") or "java"


def tail(path: Path, lines: int = 60) -> str:
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64 * 1024))
            text = handle.read().decode("utf-8", "replace")
    except OSError as error:
        return f"(no log at {path}: {error})"
    return "\n".join(text.splitlines()[-lines:])


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _signal_group(pid: int, signum: signal.Signals) -> None:
    # start_new_session made the child its group's leader: pgid == pid. Gone already is fine.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    prctl: Callable[..., int] = libc.prctl
    return prctl


# Looked up before any fork: the child, between fork and exec, should only make the system call.
_prctl = _load_prctl()


def _die_with_parent() -> None:
    # The kernel sends SIGTERM to the JVM when the thread that forked it dies; the JVM then shuts down
    # cleanly. Servers are therefore started from the main thread only (see ServerBase._spawn).
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def _install_handlers() -> None:
    global _handlers_installed
    if _handlers_installed:
        return
    _handlers_installed = True
    atexit.register(stop_all)
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread; atexit and PDEATHSIG remain
    for signum in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(signum)
        # An ignored signal stays ignored: bash starts background jobs with SIGINT ignored, and such a
        # job must not lose its servers to a Ctrl-C meant for the foreground.
        if previous != signal.SIG_IGN:
            signal.signal(signum, _make_handler(signum, previous))


_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


def _make_handler(signum: signal.Signals, previous: _Handler) -> Callable[[int, FrameType | None], None]:
    def handler(received: int, frame: FrameType | None) -> None:
        stop_all()
        if callable(previous):
            previous(received, frame)  # e.g. Python's SIGINT handler, which raises KeyboardInterrupt
        else:
            # The default action (terminate): restore it and deliver the signal again.
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    return handler
