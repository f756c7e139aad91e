"""The REST service: one function builds the FastAPI application; its lifespan wires it through bootstrap."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

import graphrepo
from graphrepo.api import (
    _classifications,
    _entities,
    _graph,
    _highway,
    _history,
    _reference_copies,
    _relationships,
    _searches,
    _types,
)
from graphrepo.api._health import router as health_router
from graphrepo.api._routing import Gate
from graphrepo.api._security import DEV_USER, Authenticator, load_policy
from graphrepo.settings import Settings

if TYPE_CHECKING:
    from graphrepo.bootstrap import Services

log = logging.getLogger("graphrepo.api")

_ROUTERS = (
    _types.router,
    _entities.router,
    _classifications.router,
    _relationships.router,
    _searches.router,
    _history.router,
    _graph.router,
    _reference_copies.router,
    _highway.router,
)


def create_app(settings: Settings, *, services: Services | None = None) -> FastAPI:
    """Build the service for these settings; nothing is wired at import time.

    Without ``services`` the lifespan builds them (stores, types, collection) and closes them at shutdown;
    with them (the CLI, or a caller that built them already) it uses them and leaves the stores open. Either
    way the lifespan joins the cohorts once the services are ready and leaves them at shutdown.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from graphrepo.bootstrap import build_services

        app.state.gate = await run_in_threadpool(build_gate, settings)
        built = services if services is not None else await run_in_threadpool(build_services, settings)
        app.state.services = built
        app.state.collection = built.collection
        app.state.cohorts = built.cohorts
        try:
            # The store and the types are ready: join the cohorts and start announcing (design flow 4).
            await run_in_threadpool(built.start)
            yield
        finally:
            # Leave the cohorts first, so nothing is consumed into a closing store.
            await run_in_threadpool(built.cohort.close)
            if services is None:
                await run_in_threadpool(built.close)

    app = FastAPI(
        title="graphrepo",
        version=graphrepo.__version__,
        description=(
            "Egeria 5.x OMRS repository services REST API (local repository and metadata highway), backed "
            "by Neo4j or the embedded store. Errors are returned inside the response bean with HTTP 200, "
            "as Egeria does; only missing or wrong credentials answer 401."
        ),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.include_router(health_router)
    for router in _ROUTERS:
        app.include_router(router)
    return app


def build_gate(settings: Settings) -> Gate:
    """Authentication and authorization for these settings (see bootstrap.prepare_credentials)."""
    from graphrepo.bootstrap import prepare_credentials, users_of

    setup = prepare_credentials(settings)
    policy = load_policy(settings)
    users = users_of(setup)
    if users is None:
        log.warning(
            "*** security.insecure_dev_mode is ON: every request is accepted without authentication, as an "
            "administrator acting for any user. Never run a shared or networked server like this. ***"
        )
        return Gate(settings.server_name, None, policy, settings.security.realm)
    if setup.generated_password is not None:
        log.warning(
            "generated a development credential: user %r, password %r (shown once; its hash is in %s)",
            DEV_USER,
            setup.generated_password,
            setup.users_file,
        )
    return Gate(settings.server_name, Authenticator(users), policy, settings.security.realm)
