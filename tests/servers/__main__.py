"""Start Neo4j and Kafka for a whole test run: `python -m tests.servers --env-file servers.env`.

scripts/test runs this in the background while ruff and mypy run, sources the env file once it exists,
and sends SIGTERM at the end. The servers stop when this process is told to (SIGTERM/SIGINT), when its
parent goes away, or at exit; with GRAPHREPO_KEEP_SERVERS=1 it detaches them and returns instead.

The env file is written (atomically) only after every requested server is ready or has failed; it
exports the URIs of the ready ones, so pytest reuses them, and records failures as comments.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

from . import KEEP_ENV, KafkaServer, Neo4jServer, ServerBase, keep_message, reuse_exports

_SERVER_TYPES: dict[str, type[Neo4jServer] | type[KafkaServer]] = {"neo4j": Neo4jServer, "kafka": KafkaServer}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    stop_requested = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop_requested.set()

    # Installed before any server starts, so the harness's own handler (which stops the servers)
    # chains to this one instead of terminating the process mid-way.
    signal.signal(signal.SIGTERM, request_stop)
    if signal.getsignal(signal.SIGINT) != signal.SIG_IGN:  # ignored when started as a background job
        signal.signal(signal.SIGINT, request_stop)

    keep = os.environ.get(KEEP_ENV) == "1"
    servers: dict[str, ServerBase] = {name: _SERVER_TYPES[name](keep=keep) for name in args.only}
    if args.resolve_only:
        for name, server in servers.items():
            resolved = server.resolve_jars()
            note = _resolved_note(resolved.downloaded, resolved.seconds)
            _say(f"{name}: jars in {resolved.lib_dir} ({note})")
        return 0

    errors = _start_all(servers)
    ready = {name: server for name, server in servers.items() if name not in errors}
    neo4j = ready.get("neo4j")
    kafka = ready.get("kafka")
    neo4j_endpoint = neo4j.endpoint if isinstance(neo4j, Neo4jServer) else None
    kafka_endpoint = kafka.endpoint if isinstance(kafka, KafkaServer) else None
    if keep:
        # Before the files appear: whoever reads them may signal us right away.
        for server in ready.values():
            server.detach()
        leftovers = [server.run_dir for server in ready.values() if server.run_dir is not None]
        _say(keep_message(neo4j_endpoint, kafka_endpoint, leftovers))
    if args.env_file:
        lines = reuse_exports(neo4j_endpoint, kafka_endpoint)
        lines += [f"# {name} failed to start; pytest will try again itself" for name in errors]
        _write_atomically(args.env_file, "\n".join(lines) + "\n")
    if args.state_file:
        _write_atomically(args.state_file, json.dumps(_state(servers, errors), indent=2) + "\n")
    if keep:
        return 1 if errors else 0

    _wait_for_stop(stop_requested)
    for name, server in ready.items():
        server.stop()
        _say(f"{name}: stopped in {server.timings.get('stop', 0.0):.1f} s")
    return 1 if errors else 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.servers", description=__doc__.splitlines()[0])
    # Neo4j first by default: it boots longest, and Kafka's jars resolve meanwhile.
    parser.add_argument("--only", nargs="+", choices=sorted(_SERVER_TYPES), default=["neo4j", "kafka"])
    parser.add_argument("--env-file", type=Path, help="write `export` lines for the ready servers here")
    parser.add_argument("--state-file", type=Path, help="write URIs, pids and timings here as JSON")
    parser.add_argument("--resolve-only", action="store_true", help="only fetch the jars into the cache")
    return parser.parse_args(argv)


def _start_all(servers: dict[str, ServerBase]) -> dict[str, str]:
    """Launch every server, then wait for each: the JVMs boot side by side. Returns the failures."""
    errors: dict[str, str] = {}
    for name, server in servers.items():
        try:
            server.launch()
        except Exception as error:  # one broken server must not keep the other from being used
            errors[name] = f"{type(error).__name__}: {error}"
    for name, server in servers.items():
        if name in errors:
            continue
        try:
            server.wait_ready()
        except Exception as error:
            errors[name] = f"{type(error).__name__}: {error}"
    for name, server in servers.items():
        if name in errors:
            _say(f"{name}: FAILED TO START\n{errors[name]}")
        else:
            note = _resolved_note(server.downloaded, server.timings["resolve"])
            _say(f"{name}: ready in {server.timings['start']:.1f} s (pid {server.pid}; jars {note})")
    return errors


def _wait_for_stop(stop_requested: threading.Event) -> None:
    parent = os.getppid()
    while not stop_requested.wait(1.0):
        if os.getppid() != parent:
            _say("parent process is gone; stopping the servers")
            return


def _state(servers: dict[str, ServerBase], errors: dict[str, str]) -> dict[str, object]:
    state: dict[str, object] = {"launcher_pid": os.getpid()}
    for name, server in servers.items():
        if name in errors:
            state[name] = {"error": errors[name]}
            continue
        entry: dict[str, object] = {
            "pid": server.pid,
            "timings": server.timings,
            "downloaded": server.downloaded,
        }
        if isinstance(server, Neo4jServer):
            entry |= {"bolt_uri": server.endpoint.bolt_uri, "http_url": server.endpoint.http_url}
        elif isinstance(server, KafkaServer):
            entry |= {"bootstrap_servers": server.endpoint.bootstrap_servers}
        state[name] = entry
    return state


def _resolved_note(downloaded: bool, seconds: float) -> str:
    return f"downloaded in {seconds:.1f} s" if downloaded else "cached"


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text)
    partial.replace(path)


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} test-servers] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
