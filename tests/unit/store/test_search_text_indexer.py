"""The search-text mover's thread life (the rounds themselves run against Neo4j in the integration
tests): a write that arrives while the thread is ending is never left without a thread."""

from __future__ import annotations

import threading
import time
from typing import cast

from graphrepo.store.neo4j import Neo4jClient
from graphrepo.store.neo4j._instance_store import SearchTextIndexer


def _until(condition: object, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.01)
    return False


def test_a_write_while_the_thread_ends_gets_a_new_thread() -> None:
    indexer = SearchTextIndexer(cast(Neo4jClient, None))
    threads: list[threading.Thread] = []

    def rounds() -> bool:
        threads.append(threading.current_thread())
        indexer._first_waiting = None  # what a round does before it moves texts
        if len(threads) == 1:
            # The thread has decided it is idle; a write lands now, sees it running and starts none.
            indexer.notify()
            assert indexer._running
        return True

    indexer._rounds = rounds  # type: ignore[method-assign]
    indexer.notify()
    assert _until(lambda: len(threads) == 2 and not indexer._running)
    assert threads[0] is not threads[1]
    time.sleep(0.1)
    assert len(threads) == 2  # nothing waiting after the second: no third thread


def test_no_new_thread_after_a_fault_or_close() -> None:
    indexer = SearchTextIndexer(cast(Neo4jClient, None))
    threads: list[threading.Thread] = []

    def failing() -> bool:
        threads.append(threading.current_thread())
        indexer._first_waiting = 1.0  # a write is waiting, but the rounds ended on a fault
        return False

    indexer._rounds = failing  # type: ignore[method-assign]
    indexer.notify()
    assert _until(lambda: not indexer._running)
    time.sleep(0.1)
    assert len(threads) == 1
    indexer.close()
    indexer.notify()
    time.sleep(0.1)
    assert len(threads) == 1 and not indexer._running
