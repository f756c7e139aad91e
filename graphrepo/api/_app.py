"""The composition root of the REST service: one function builds the FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

import graphrepo
from graphrepo.api._health import router as health_router
from graphrepo.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    """Build the service for these settings; nothing is wired at import time."""
    app = FastAPI(
        title="graphrepo",
        version=graphrepo.__version__,
        description="Egeria OMRS repository services REST API, backed by Neo4j or the embedded store.",
    )
    app.state.settings = settings
    app.include_router(health_router)
    return app
