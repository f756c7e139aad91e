"""The OMRS REST API (Egeria paths and beans), health and security."""

from graphrepo.api._app import create_app

__all__ = ["create_app"]
