"""The ``graphrepo`` command line: serve, migrate, load-archive, status, hash-password."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import graphrepo
from graphrepo.settings import Settings, StoreKind, load_settings

log = logging.getLogger("graphrepo")

OMRS_ROOT = "/servers/{server}/open-metadata/repository-services/users/{user}"


# --- serve -------------------------------------------------------------------------------------------------


def _serve(settings: Settings) -> int:
    import uvicorn  # imported here so other commands start fast

    from graphrepo.api import create_app
    from graphrepo.api._security import DEV_USER
    from graphrepo.bootstrap import build_services, prepare_credentials

    credentials = prepare_credentials(settings)
    services = build_services(settings, progress=ProgressBar(sys.stderr))
    try:
        app = create_app(settings, services=services)
        http = settings.http
        listen = f"{http.scheme}://{_host_for_url(http.host)}:{http.port}"
        rest_root = listen + OMRS_ROOT.format(server=settings.server_name, user="<userId>")
        print(
            f"graphrepo {graphrepo.__version__}: server {settings.server_name!r}, {settings.store.kind} store"
        )
        print(f"  listening on {listen} (OMRS REST root {rest_root})")
        print(
            f"  metadata collection {services.identity.metadata_collection_id} "
            f"({services.identity.metadata_collection_name})"
        )
        example = (
            f"{listen}{OMRS_ROOT.format(server=settings.server_name, user=DEV_USER)}/metadata-collection-id"
        )
        if credentials.users_file is None:
            print("  WARNING: security.insecure_dev_mode is on: no authentication at all", file=sys.stderr)
        elif credentials.generated_password is not None:
            print("  authenticate with HTTP Basic, development credential (shown only this once):")
            print(f"    user {DEV_USER}  password {credentials.generated_password}")
            print(
                f"    stored hashed in {credentials.users_file}; e.g. curl -u {DEV_USER}:<password> {example}"
            )
        else:
            print(f"  authenticate with HTTP Basic or a bearer token of a user in {credentials.users_file}")
            if settings.security.users_file is None:
                print(
                    f"    (development credential {DEV_USER!r}: its password was printed at first start; "
                    f"delete that file to generate a new one)"
                )
        sys.stdout.flush()
        uvicorn.run(
            app,
            host=http.host,
            port=http.port,
            ssl_certfile=str(http.tls_certificate) if http.tls_certificate else None,
            ssl_keyfile=str(http.tls_key) if http.tls_key else None,
            log_level=settings.log_level.lower(),
        )
    finally:
        services.close()
    return 0


def _host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host else host


# --- migrate -----------------------------------------------------------------------------------------------


def _migrate(settings: Settings) -> int:
    if settings.store.kind is StoreKind.MEMORY:
        print("the memory store has no schema: nothing to migrate")
        return 0
    from graphrepo.bootstrap import apply_type_schema, open_stores
    from graphrepo.metamodel import load_type_gallery
    from graphrepo.store.neo4j import apply_migrations

    stores = open_stores(settings, migrate=False)
    try:
        applied = apply_migrations(stores.neo4j)
        print(f"migrations: {len(applied)} applied" + "".join(f"\n  {m.version} {m.name}" for m in applied))
        gallery, _ = load_type_gallery(stores.types, progress=ProgressBar(sys.stderr))
        change = apply_type_schema(stores, gallery)
        created, dropped = (len(change.created), len(change.dropped)) if change else (0, 0)
        planned = len(stores.schema.plan.indexes)
        print(f"type-derived indexes: {planned} planned, {created} created, {dropped} dropped")
    finally:
        stores.close()
    return 0


# --- load-archive ------------------------------------------------------------------------------------------


def _load_archive(settings: Settings, path: Path) -> int:
    from graphrepo.bootstrap import build_services, load_archive

    if not path.is_file():
        print(f"{path} is not a file", file=sys.stderr)
        return 2
    services = build_services(settings, progress=ProgressBar(sys.stderr))
    try:
        bar = ProgressBar(sys.stderr)
        report = load_archive(services, path, progress=bar)
        bar.finish()
    finally:
        services.close()
    print(f"{path}: {report.summary()}")
    for problem in report.problems[:20]:
        print(f"  {problem}")
    if len(report.problems) > 20:
        print(f"  ... and {len(report.problems) - 20} more")
    if settings.store.kind is StoreKind.MEMORY:
        print(
            "note: the memory store keeps nothing after this command; to serve an archive on the memory "
            "store, list it in GRAPHREPO_ARCHIVES"
        )
    return 1 if report.problems else 0


class ProgressBar:
    """``progress(stage, done, total)`` drawn as one line per stage (redrawn in place on a terminal)."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self._stream = stream
        self._width = width
        self._stage: str | None = None
        self._shown = -1
        self._tty = stream.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.finish()
            self._stage, self._shown = stage, -1
        filled = self._width * done // total if total else self._width
        if filled == self._shown and done != total:
            return
        self._shown = filled
        line = f"{stage:<18} [{'#' * filled}{'.' * (self._width - filled)}] {done}/{total}"
        if self._tty:
            self._stream.write(f"\r{line}")
        elif done == total:
            self._stream.write(f"{line}\n")
        self._stream.flush()

    def finish(self) -> None:
        if self._stage is not None and self._tty:
            self._stream.write("\n")
        self._stage = None


# --- status ------------------------------------------------------------------------------------------------


def _status(settings: Settings) -> int:
    from graphrepo.bootstrap import IDENTITY_FILE, open_stores
    from graphrepo.metamodel import load_type_gallery
    from graphrepo.omrs import TypeDefCategory

    store = settings.store
    where = store.neo4j_uri + f" (database {store.neo4j_database})" if store.kind is StoreKind.NEO4J else ""
    identity = settings.data_dir / IDENTITY_FILE
    security = settings.security
    print(f"server        {settings.server_name} ({settings.server_type})")
    print(f"data_dir      {settings.data_dir.resolve()}")
    print(f"identity      {identity.read_text().strip() if identity.is_file() else 'not created yet'}")
    print(f"store         {store.kind.value} {where}".rstrip())
    cohorts = ", ".join(settings.event_bus.cohorts) or "none"
    print(f"event bus     {settings.event_bus.kind.value}; cohorts: {cohorts}")
    print(
        f"http          {settings.http.scheme}://{settings.http.host}:{settings.http.port}; "
        f"advertised root {settings.http.root_url()}"
    )
    users = security.users_file or settings.data_dir / "users.toml"
    print(f"security      {'INSECURE DEV MODE (no authentication)' if security.insecure_dev_mode else users}")
    try:
        stores = open_stores(settings, migrate=False, startup_timeout=5)
    except Exception as error:  # any failure to reach the store is the answer here
        print(f"store reachable: NO ({error})")
        return 1
    try:
        print("store reachable: yes")
        gallery, report = load_type_gallery(stores.types)
        counts = {category: 0 for category in TypeDefCategory}
        for type_def in gallery.type_defs():
            if type_def.category is not None and type_def.name:
                counts[type_def.category] += stores.types.count_instances_of(type_def.name)
        print(
            f"types         {len(gallery.type_defs())} TypeDefs, {len(gallery.attribute_type_defs())} "
            f"AttributeTypeDefs ({report.stored_types} stored beyond the archive)"
        )
        print(
            f"instances     {counts[TypeDefCategory.ENTITY_DEF]} entities, "
            f"{counts[TypeDefCategory.RELATIONSHIP_DEF]} relationships, "
            f"{counts[TypeDefCategory.CLASSIFICATION_DEF]} classifications (any status)"
        )
    finally:
        stores.close()
    return 0


# --- hash-password -----------------------------------------------------------------------------------------


def _hash_password(token: bool) -> int:
    from graphrepo.api._security import generate_token, hash_password, hash_token

    if token:
        secret = generate_token()
        print(f"token (give to the client, once): {secret}")
        print(f'users file entry: tokens = ["{hash_token(secret)}"]')
        return 0
    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if not password:
        print("an empty password is not allowed", file=sys.stderr)
        return 2
    print(f'password = "{hash_password(password)}"')
    return 0


# --- main --------------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="graphrepo", description=__doc__)
    parser.add_argument("--version", action="version", version=f"graphrepo {graphrepo.__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the OMRS REST service")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 9443)")
    commands.add_parser("migrate", help="Neo4j: apply schema migrations and type-derived indexes")
    load = commands.add_parser("load-archive", help="load an open metadata archive's types and instances")
    load.add_argument("file", type=Path, help="an Egeria .omarchive (JSON) file")
    commands.add_parser("status", help="show the configuration, whether the store answers, and counts")
    hashing = commands.add_parser("hash-password", help="hash a password (from stdin) for the users file")
    hashing.add_argument(
        "--token", action="store_true", help="generate a bearer token and its digest instead"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "hash-password":
        return _hash_password(args.token)
    settings = load_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if args.command == "serve":
        http = settings.http.model_copy(
            update={k: v for k, v in {"host": args.host, "port": args.port}.items() if v is not None}
        )
        return _serve(settings.model_copy(update={"http": http}))
    if args.command == "migrate":
        return _migrate(settings)
    if args.command == "load-archive":
        return _load_archive(settings, args.file)
    if args.command == "status":
        return _status(settings)
    raise AssertionError(f"unhandled command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
