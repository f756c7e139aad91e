"""The ``graphrepo`` command line."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

import graphrepo
from graphrepo.settings import Settings, load_settings

log = logging.getLogger("graphrepo")


def _serve(settings: Settings) -> int:
    import uvicorn  # imported here so other commands start fast

    from graphrepo.api import create_app

    app = create_app(settings)
    scheme = "https" if settings.http.tls_certificate else "http"
    log.info(
        "graphrepo %s serving server %r on %s://%s:%d (store: %s)",
        graphrepo.__version__,
        settings.server_name,
        scheme,
        settings.http.host,
        settings.http.port,
        settings.store.kind.value,
    )
    uvicorn.run(
        app,
        host=settings.http.host,
        port=settings.http.port,
        ssl_certfile=str(settings.http.tls_certificate) if settings.http.tls_certificate else None,
        ssl_keyfile=str(settings.http.tls_key) if settings.http.tls_key else None,
        log_level=settings.log_level.lower(),
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graphrepo", description=__doc__)
    parser.add_argument("--version", action="version", version=f"graphrepo {graphrepo.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the OMRS REST service")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 9443)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "serve":
        http = settings.http.model_copy(
            update={k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}
        )
        return _serve(settings.model_copy(update={"http": http}))
    raise AssertionError(f"unhandled command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
