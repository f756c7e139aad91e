"""The open metadata type system: TypeDef gallery, inheritance, archive loading, validation, schema.

Start-up: :func:`load_type_gallery` reads the shipped open metadata types archive (Egeria 5.3), applies its
patches, adds the types the :class:`~graphrepo.store.TypeStore` kept, and returns a :class:`TypeGallery`
whose indexes answer every per-write question with one dict read. :class:`InstanceValidator` checks
instances against it; :class:`TypeDefService` implements the Group 2 (TypeDef) operations of the metadata
collection and tells :data:`TypeChangeListener` callbacks about each change. :func:`plan_schema` says
which indexes the types call for in Neo4j.
"""

from graphrepo.metamodel._archive import (
    OPEN_METADATA_TYPES_ARCHIVE,
    ArchiveContents,
    ArchiveError,
    ProgressCallback,
    apply_patch,
    read_archive,
    read_archive_bytes,
)
from graphrepo.metamodel._gallery import ABSTRACT_OPTION, TypeGallery, UnknownTypeError
from graphrepo.metamodel._loading import LoadReport, load_type_gallery
from graphrepo.metamodel._schema import CurrentSchema, SchemaPlan, plan_schema, schema_follower
from graphrepo.metamodel._typedef_service import (
    TypeChange,
    TypeChangeKind,
    TypeChangeListener,
    TypeDefService,
)
from graphrepo.metamodel._validation import InstanceValidator

__all__ = [
    "ABSTRACT_OPTION",
    "OPEN_METADATA_TYPES_ARCHIVE",
    "ArchiveContents",
    "ArchiveError",
    "CurrentSchema",
    "InstanceValidator",
    "LoadReport",
    "ProgressCallback",
    "SchemaPlan",
    "TypeChange",
    "TypeChangeKind",
    "TypeChangeListener",
    "TypeDefService",
    "TypeGallery",
    "UnknownTypeError",
    "apply_patch",
    "load_type_gallery",
    "plan_schema",
    "read_archive",
    "read_archive_bytes",
    "schema_follower",
]
