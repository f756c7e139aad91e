"""The one composition root: builds the stores, the type system and the metadata collection from settings.

``create_app``'s lifespan and every CLI command go through here; nothing else wires graphrepo together, and
nothing here runs at import time. The pieces:

* :func:`load_identity` — the metadata collection id and name, generated at the first start and kept in
  ``data_dir/identity.json`` (a restart, or a later change of ``metadata_collection_name``, never changes
  them: instances carry the id as their home, and peers check it against the registration);
* :func:`prepare_credentials` — the users file; without one, a development credential is generated once,
  its password printed once and only its argon2 hash kept in ``data_dir/users.toml``;
* :func:`open_stores` — memory, or Neo4j with its migrations applied;
* :func:`build_services` — the above plus the type gallery, the TypeDef service, the type-derived Neo4j
  indexes (kept current as types change), the metadata collection and the cohort layer (built, not
  started: :meth:`Services.start` joins the cohorts, :meth:`Services.close` leaves them);
* :func:`load_archive` — an open metadata archive's types and instances into a running collection.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphrepo.api._highway import CohortView
from graphrepo.api._security import (
    DEV_USER,
    Access,
    UserEntry,
    hash_password,
    load_users_file,
    write_users_file,
)
from graphrepo.cohort import CohortManager, CommitNotifier, LifecycleState, build_cohort
from graphrepo.metamodel import (
    CurrentSchema,
    LoadReport,
    ProgressCallback,
    TypeDefService,
    TypeGallery,
    load_type_gallery,
    plan_schema,
    read_archive,
    schema_follower,
)
from graphrepo.omrs import (
    ATTRIBUTE_TYPE_DEF_ADAPTER,
    TYPE_DEF_ADAPTER,
    ClassificationEntityExtension,
    EntityDetail,
    InstanceProvenanceType,
    OMRSCheckedException,
    Relationship,
    TypeDefConflictException,
    TypeDefPatch,
    datetime_from_millis,
    from_wire,
)
from graphrepo.repository import MetadataCollection
from graphrepo.settings import Settings, StoreKind
from graphrepo.store import InstanceStore, TypeStore

if TYPE_CHECKING:
    from graphrepo.store.neo4j import SchemaChange

__all__ = [
    "ArchiveLoadReport",
    "CredentialSetup",
    "Identity",
    "Services",
    "Stores",
    "build_services",
    "load_archive",
    "load_identity",
    "open_stores",
    "prepare_credentials",
]

log = logging.getLogger(__name__)

IDENTITY_FILE = "identity.json"
USERS_FILE = "users.toml"


# --- identity ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Identity:
    metadata_collection_id: str
    metadata_collection_name: str


def load_identity(settings: Settings) -> Identity:
    """The persisted identity, created (id: a random UUID; name: the setting, else the server name) once."""
    path = settings.data_dir / IDENTITY_FILE
    if path.is_file():
        document = json.loads(path.read_text(encoding="utf-8"))
        identity = Identity(str(document["metadataCollectionId"]), str(document["metadataCollectionName"]))
        wanted = settings.metadata_collection_name
        if wanted and wanted != identity.metadata_collection_name:
            log.warning(
                "metadata_collection_name is %r but this repository was created as %r (in %s); keeping %r",
                wanted,
                identity.metadata_collection_name,
                path,
                identity.metadata_collection_name,
            )
        return identity
    identity = Identity(str(uuid.uuid4()), settings.metadata_collection_name or settings.server_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "metadataCollectionId": identity.metadata_collection_id,
        "metadataCollectionName": identity.metadata_collection_name,
        "serverName": settings.server_name,
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)  # atomic: a crash never leaves half an identity
    log.info(
        "new metadata collection %s (%s)", identity.metadata_collection_id, identity.metadata_collection_name
    )
    return identity


# --- credentials -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CredentialSetup:
    """Where the users are (None: ``insecure_dev_mode``), and the password generated just now, if any."""

    users_file: Path | None
    generated_password: str | None = None


def prepare_credentials(settings: Settings) -> CredentialSetup:
    """The users file to serve with; generate the development credential if there is none yet."""
    if settings.security.insecure_dev_mode:
        return CredentialSetup(None)
    configured = settings.security.users_file
    if configured is not None:
        if not configured.is_file():
            raise FileNotFoundError(f"security.users_file names {configured}, which is not a file")
        return CredentialSetup(configured)
    path = settings.data_dir / USERS_FILE
    if path.is_file():
        return CredentialSetup(path)
    password = secrets.token_urlsafe(18)
    entry = UserEntry(
        DEV_USER,
        password_hash=hash_password(password),
        permissions=frozenset({Access.ADMINISTER}),
        act_for_others=True,
    )
    write_users_file(path, {DEV_USER: entry})
    return CredentialSetup(path, password)


def users_of(setup: CredentialSetup) -> dict[str, UserEntry] | None:
    return load_users_file(setup.users_file) if setup.users_file is not None else None


# --- stores ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Stores:
    """The configured stores; ``neo4j`` is the client when the store is Neo4j (for schema upkeep)."""

    kind: StoreKind
    instances: InstanceStore
    types: TypeStore
    neo4j: Any = None
    # The plan of the indexes that exist now: searches name only these (see apply_type_schema).
    schema: CurrentSchema = field(default_factory=CurrentSchema)

    def close(self) -> None:
        self.instances.close()
        if self.neo4j is not None:
            self.neo4j.close()


def open_stores(settings: Settings, *, migrate: bool = True, startup_timeout: float = 60.0) -> Stores:
    """Memory stores, or Neo4j stores (after its migrations, unless ``migrate`` is false)."""
    if settings.store.kind is StoreKind.MEMORY:
        from graphrepo.store.memory import memory_stores

        memory, types = memory_stores()
        return Stores(StoreKind.MEMORY, memory, types)
    from graphrepo.store.neo4j import (
        Neo4jClient,
        Neo4jInstanceStore,
        Neo4jTypeStore,
        apply_migrations,
    )

    store = settings.store
    client = Neo4jClient.connect(
        store.neo4j_uri,
        user=store.neo4j_user,
        password=store.neo4j_password.get_secret_value(),
        database=store.neo4j_database,
        startup_timeout=startup_timeout,
    )
    try:
        if migrate:
            apply_migrations(client)
    except Exception:
        client.close()
        raise
    # The search planner asks which type-derived index serves an attribute; it always reads the plan
    # of the indexes that exist (apply_type_schema and the TypeDef listener keep it current).
    schema = CurrentSchema()
    instances = Neo4jInstanceStore(client, index_for=schema.index_for)
    return Stores(StoreKind.NEO4J, instances, Neo4jTypeStore(client), client, schema)


def apply_type_schema(stores: Stores, gallery: TypeGallery) -> SchemaChange | None:
    """Plan the type-derived indexes and, on Neo4j, create the missing ones (drop the obsolete)."""
    plan = plan_schema(gallery)
    if stores.neo4j is None:
        stores.schema.update(plan)
        return None
    from graphrepo.store.neo4j import apply_indexes

    change = apply_indexes(stores.neo4j, plan.indexes)
    # Only now: searches pin the indexes they name, so the plan must not run ahead of the database.
    stores.schema.update(plan)
    return change


# --- services ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Services:
    """Everything a running server holds; :meth:`close` releases it."""

    settings: Settings
    identity: Identity
    stores: Stores
    gallery: TypeGallery
    typedefs: TypeDefService
    collection: MetadataCollection
    cohort: CohortManager
    types_report: LoadReport

    @property
    def cohorts(self) -> CohortView:
        """What the metadata-highway endpoints serve: the live cohort manager."""
        return self.cohort

    def start(self) -> None:
        """Join the configured cohorts and start publishing the outbox (flow 4's last step); once."""
        if self.cohort.state is LifecycleState.CREATED:
            self.cohort.start()

    def close(self) -> None:
        try:
            self.cohort.close()
        finally:
            self.stores.close()


def build_services(settings: Settings, *, progress: ProgressCallback | None = None) -> Services:
    """Open the stores, load the types, keep the schema current and build the metadata collection."""
    identity = load_identity(settings)
    stores = open_stores(settings)
    try:
        gallery, report = load_type_gallery(stores.types, progress=progress)
        typedefs = TypeDefService(
            gallery,
            stores.types,
            identity.metadata_collection_id,
            repository_name=identity.metadata_collection_name,
        )
        apply_type_schema(stores, gallery)
        if stores.neo4j is not None:
            from graphrepo.store.neo4j import apply_indexes

            # A type added, patched or deleted at run time gets (or loses) its indexes.
            typedefs.add_listener(
                schema_follower(gallery, partial(apply_indexes, stores.neo4j), current=stores.schema)
            )
        # Every commit through the collection wakes the outbox relay (see graphrepo.cohort).
        instances = CommitNotifier(stores.instances)
        collection = MetadataCollection(
            instances,
            gallery,
            typedefs,
            identity.metadata_collection_id,
            identity.metadata_collection_name,
            settings.server_name,
            server_type=settings.server_type,
            organization_name=settings.organization_name,
        )
        cohort = build_cohort(settings, identity.metadata_collection_id, collection, typedefs, instances)
        services = Services(settings, identity, stores, gallery, typedefs, collection, cohort.manager, report)
        for archive in settings.archives:
            outcome = load_archive(services, archive)
            log.info("startup archive %s: %s", archive, outcome.summary())
    except Exception:
        stores.close()
        raise
    return services


# --- archives ----------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ArchiveLoadReport:
    types_added: int = 0
    types_known: int = 0
    patches_applied: int = 0
    instances_saved: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.types_added} types added, {self.types_known} already known, {self.patches_applied} "
            f"patches applied, {self.instances_saved} instances saved, {len(self.problems)} problems"
        )


def load_archive(
    services: Services, path: Path, *, progress: ProgressCallback | None = None
) -> ArchiveLoadReport:
    """Load an open metadata archive as Egeria's archive manager does: its types (added when not known,
    patches for types it does not define applied to ours), then its instances as reference copies homed
    in the archive (content packs) or as the archive says (metadata exports)."""
    user = services.settings.server_user_id
    contents = read_archive(path, progress=progress, foreign_patches=True)
    report = ArchiveLoadReport()
    typedefs = services.collection
    for document in contents.attribute_type_defs:
        _add_type(
            report,
            document,
            lambda d: typedefs.verify_attribute_type_def(user, d),
            lambda d: typedefs.add_attribute_type_def(user, d),
            ATTRIBUTE_TYPE_DEF_ADAPTER,
        )
    for document in contents.type_defs:
        _add_type(
            report,
            document,
            lambda d: typedefs.verify_type_def(user, d),
            lambda d: typedefs.add_type_def(user, d),
            TYPE_DEF_ADAPTER,
        )
    own = {str(document.get("name")) for document in contents.type_defs}
    for patch in contents.patches:
        if patch.get("typeDefName") in own:
            continue
        try:
            typedefs.update_type_def(user, from_wire(TypeDefPatch, patch))
            report.patches_applied += 1
        except (OMRSCheckedException, ValueError) as error:
            report.problems.append(f"patch of {patch.get('typeDefName')}: {error}")
    if contents.instances:
        _load_instances(services, contents.properties, contents.instances, report, progress)
    return report


def _add_type(
    report: ArchiveLoadReport,
    document: dict[str, Any],
    verify: Callable[[Any], bool],
    add: Callable[[Any], None],
    adapter: Any,
) -> None:
    name = document.get("name")
    try:
        type_def = from_wire(adapter, document)
        if verify(type_def):
            report.types_known += 1
            return
        add(type_def)
        report.types_added += 1
    except TypeDefConflictException as error:
        report.problems.append(f"type {name} conflicts with a known type: {error}")
    except (OMRSCheckedException, ValueError) as error:
        report.problems.append(f"type {name}: {error}")


def _load_instances(
    services: Services,
    properties: dict[str, Any],
    store: dict[str, Any],
    report: ArchiveLoadReport,
    progress: ProgressCallback | None,
) -> None:
    user = services.settings.server_user_id
    collection = services.collection
    header = _ArchiveHeader.from_properties(properties, services.identity.metadata_collection_id)
    stages: list[tuple[str, Any, Callable[[Any], None]]] = [
        ("entities", EntityDetail, lambda e: collection.save_entity_reference_copy(user, header.apply(e))),
        (
            "relationships",
            Relationship,
            lambda r: collection.save_relationship_reference_copy(user, header.apply(r)),
        ),
        ("classifications", ClassificationEntityExtension, lambda c: _classify(services, header, c)),
    ]
    for stage, model, save in stages:
        documents = store.get(stage) or []
        for done, document in enumerate(documents, start=1):
            try:
                save(from_wire(model, document))
                report.instances_saved += 1
            except (OMRSCheckedException, ValueError) as error:
                report.problems.append(f"{stage[:-1]} {document.get('guid', '?')}: {error}")
            if progress is not None:
                progress(stage, done, len(documents))


def _classify(services: Services, header: _ArchiveHeader, extension: ClassificationEntityExtension) -> None:
    if extension.entity_to_classify is None or extension.classification is None:
        raise ValueError("a classification extension needs entityToClassify and classification")
    services.collection.save_classification_reference_copy_proxy(
        services.settings.server_user_id, extension.entity_to_classify, header.apply(extension.classification)
    )


@dataclass(frozen=True, slots=True)
class _ArchiveHeader:
    """``OMRSArchiveManager.setInstanceAuditHeader``: who an archive's instances belong to."""

    provenance: InstanceProvenanceType
    home_id: str | None
    home_name: str | None
    originator: str | None
    created: Any
    license: str | None
    local_id: str

    @classmethod
    def from_properties(cls, properties: dict[str, Any], local_id: str) -> _ArchiveHeader:
        archive_type = properties.get("archiveType")
        provenance = {
            "METADATA_EXPORT": InstanceProvenanceType.EXPORT_ARCHIVE,
            "REPOSITORY_BACKUP": InstanceProvenanceType.LOCAL_COHORT,
        }.get(str(archive_type), InstanceProvenanceType.CONTENT_PACK)
        created = properties.get("creationDate")
        return cls(
            provenance,
            properties.get("archiveGUID"),
            properties.get("archiveName"),
            properties.get("originatorName"),
            datetime_from_millis(created) if isinstance(created, int) else None,
            properties.get("originatorLicense"),
            local_id,
        )

    def apply(self, instance: Any) -> Any:
        updates: dict[str, Any]
        if self.provenance is InstanceProvenanceType.CONTENT_PACK:
            updates = {
                "metadata_collection_id": self.home_id,
                "metadata_collection_name": self.home_name,
                "created_by": self.originator,
                "create_time": self.created,
                "instance_provenance_type": self.provenance,
                "instance_license": self.license,
                "replicated_by": self.local_id,
            }
        elif self.provenance is InstanceProvenanceType.EXPORT_ARCHIVE:
            defaults = {
                "metadata_collection_id": self.home_id,
                "metadata_collection_name": self.home_name,
                "created_by": self.originator,
                "create_time": self.created,
                "instance_provenance_type": self.provenance,
                "instance_license": self.license,
                "replicated_by": self.local_id,
            }
            updates = {key: value for key, value in defaults.items() if getattr(instance, key, None) is None}
        else:
            updates = {}
        if not getattr(instance, "version", 0):
            updates["version"] = 1
        return instance.model_copy(update=updates)
