"""A real Egeria OMAG Server Platform for the cohort interop tests: started once per session, lazily
(only when a selected test asks for ``egeria_platform``), and measured (download, start, memory)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.servers._maven import ResolveError, cache_root
from tests.servers.egeria_server import EgeriaServer

_REPORT = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def egeria_platform(request: pytest.FixtureRequest) -> Iterator[EgeriaServer]:
    server = EgeriaServer()
    try:
        server.start()
    except ResolveError as error:
        # Say plainly what is missing: the jars, not a bug in the test.
        raise ResolveError(
            "the Egeria platform jars could not be resolved from the Maven repository this machine "
            f"reaches (org.odpi.egeria:{server._bundle()[1][0].artifact}:{server._bundle()[1][0].version} "
            "and its connectors); see tests/servers/egeria_server.py"
        ) from error
    bundle = cache_root() / server._bundle()[0] / "lib"
    size = sum(p.stat().st_size for p in bundle.glob("*.jar")) if bundle.is_dir() else 0
    jars = (
        f"jars downloaded in {server.timings['resolve']:.1f} s" if server.downloaded else "jars cached"
    ) + f", bundle {size / 1e6:.0f} MB"
    rss = server.rss_bytes()
    request.config.stash.setdefault(_REPORT, []).append(
        f"egeria: platform started in {server.timings['start']:.1f} s, pid {server.pid}, "
        f"RSS {rss / 1e6 if rss else 0:.0f} MB ({jars})"
    )
    try:
        yield server
    finally:
        rss = server.rss_bytes()
        request.config.stash.setdefault(_REPORT, []).append(
            f"egeria: RSS at the end {rss / 1e6 if rss else 0:.0f} MB"
        )
        server.stop()


def note(config: pytest.Config, line: str) -> None:
    """Add a line to the Egeria section of the terminal summary."""
    config.stash.setdefault(_REPORT, []).append(line)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_REPORT, [])
    if lines:
        terminalreporter.write_sep("-", "egeria peer")
        for line in lines:
            terminalreporter.write_line(line)
