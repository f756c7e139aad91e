"""A plain health endpoint for load balancers and people: no authentication, no metadata."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

import graphrepo

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["UP"]
    serverName: str  # noqa: N815 - the JSON field name
    store: str
    version: str


@router.get("/health", response_model=Health)
def health(request: Request) -> Health:
    settings = request.app.state.settings
    return Health(
        status="UP",
        serverName=settings.server_name,
        store=settings.store.kind.value,
        version=graphrepo.__version__,
    )
