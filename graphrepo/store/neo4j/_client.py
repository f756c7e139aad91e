"""The Neo4j boundary: one driver, named queries, retries on transient faults, driver errors translated.

Nothing above ``graphrepo.store`` imports ``neo4j``. Every driver error leaves this module as an OMRS
``RepositoryErrorException`` (see :func:`translate_driver_errors`); transient faults are retried first:
by the driver's managed transactions (``execute_read``/``execute_write``), and at start-up by tenacity
while the server is not yet reachable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired, TransientError
from tenacity import (
    before_sleep_log,
    retry,
    retry_if_exception_type,
    stop_after_delay,
    wait_exponential,
)

from graphrepo.omrs import RepositoryErrorException
from graphrepo.store.neo4j._queries import QueryLibrary

log = logging.getLogger(__name__)

T = TypeVar("T")

# Faults worth another try: the server is starting, a leader moved, a deadlock was detected.
_TRANSIENT = (ServiceUnavailable, SessionExpired, TransientError)


@contextmanager
def translate_driver_errors(action: str) -> Iterator[None]:
    """Turn any driver error inside the block into ``RepositoryErrorException`` naming ``action``."""
    try:
        yield
    except (Neo4jError, DriverError) as error:
        raise RepositoryErrorException.unexpected(error, action=action) from error


def _pipelined_begin(session: neo4j.Session) -> AbstractContextManager[object]:
    """Send the transaction's BEGIN with its first statement instead of waiting for its answer: one round
    trip less per transaction. The driver does this for ``execute_query``; for sessions the switch is not
    public (driver 5.x and 6.x: ``Session._pipelined_begin``), so without it the default stays. An error
    BEGIN would have raised is raised by the first statement instead, inside the retried function."""
    switch = getattr(session, "_pipelined_begin", None)
    if isinstance(switch, AbstractContextManager):
        return switch
    return nullcontext()


class Neo4jClient:
    """A driver bound to one database and the query library; the store adapters' only way to Neo4j."""

    def __init__(self, driver: neo4j.Driver, database: str, queries: QueryLibrary | None = None) -> None:
        self._driver = driver
        self.database = database
        self.queries = queries if queries is not None else QueryLibrary.load()

    @classmethod
    def connect(
        cls,
        uri: str,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str = "neo4j",
        startup_timeout: float = 60.0,
    ) -> Neo4jClient:
        """Open a driver and wait (with backoff) until the server answers, at most ``startup_timeout`` s."""
        auth = (user, password) if user and password else None
        # Server notifications (unknown label on an empty graph, ...) would only be noise in our logs:
        # every named query is checked with EXPLAIN in the tests instead.
        driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
        waiting = retry(
            retry=retry_if_exception_type(_TRANSIENT),
            wait=wait_exponential(multiplier=0.2, max=5),
            stop=stop_after_delay(startup_timeout),
            before_sleep=before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        try:
            with translate_driver_errors("connect"):
                waiting(driver.verify_connectivity)()
        except Exception:
            driver.close()
            raise
        return cls(driver, database)

    def close(self) -> None:
        self._driver.close()

    # --- one named query ----------------------------------------------------------------------------

    def read(self, name: str, /, **parameters: Any) -> list[neo4j.Record]:
        """Run the named query in a read transaction (retried on transient faults); all its records."""
        with translate_driver_errors(name):
            result = self._driver.execute_query(
                self.queries.text(name), parameters, routing_=RoutingControl.READ, database_=self.database
            )
        return list(result.records)

    def write(self, name: str, /, **parameters: Any) -> list[neo4j.Record]:
        """Run the named query in a write transaction (retried on transient faults); all its records."""
        with translate_driver_errors(name):
            result = self._driver.execute_query(
                self.queries.text(name), parameters, routing_=RoutingControl.WRITE, database_=self.database
            )
        return list(result.records)

    # --- units of work ------------------------------------------------------------------------------

    def read_transaction(self, action: str, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed read transaction; it must be idempotent (it may be retried)."""
        with (
            translate_driver_errors(action),
            self._driver.session(database=self.database) as session,
            _pipelined_begin(session),
        ):
            return session.execute_read(work)

    def write_transaction(self, action: str, work: Callable[[ManagedTransaction], T]) -> T:
        """Run ``work`` in one managed write transaction: all of it commits, or none of it."""
        with (
            translate_driver_errors(action),
            self._driver.session(database=self.database) as session,
            _pipelined_begin(session),
        ):
            return session.execute_write(work)

    def run_schema(self, action: str, statement: LiteralString, /, **parameters: Any) -> list[neo4j.Record]:
        """Run a schema statement in its own auto-commit transaction (Neo4j refuses schema and data
        changes in one transaction). Auto-commit work is not retried by the driver, so transient faults
        are retried here; schema statements are idempotent (``IF [NOT] EXISTS``)."""

        @retry(
            retry=retry_if_exception_type(_TRANSIENT),
            wait=wait_exponential(multiplier=0.2, max=5),
            stop=stop_after_delay(60),
            before_sleep=before_sleep_log(log, logging.INFO),
            reraise=True,
        )
        def attempt() -> list[neo4j.Record]:
            with self._driver.session(database=self.database) as session:
                return list(session.run(statement, parameters))

        with translate_driver_errors(action):
            return attempt()
