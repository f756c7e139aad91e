"""Fixtures for the type system: the shipped archive parsed once, and an in-test fake TypeStore."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest

from graphrepo.metamodel import ArchiveContents, TypeGallery, read_archive
from graphrepo.metamodel._loading import parse_attribute_type_defs, parse_type_defs
from graphrepo.omrs._typedefs import AnyAttributeTypeDef, AnyTypeDef
from graphrepo.store._type_store import StoredType, TypeKind

USER = "garygeeke"
COLLECTION_ID = "f3b6b1e4-0000-4000-8000-00000000c01d"
REPOSITORY = "graphrepo-test"


@dataclass
class FakeTypeStore:
    """The TypeStore port in a dict, keyed by (kind, guid) in first-save order; counts instances by name."""

    types: dict[tuple[TypeKind, str], StoredType] = field(default_factory=dict)
    instances: Counter[str] = field(default_factory=Counter)
    calls: list[str] = field(default_factory=list)

    def load_types(self) -> list[StoredType]:
        self.calls.append("load_types")
        return list(self.types.values())

    def save_type(self, stored: StoredType) -> None:
        self.calls.append(f"save_type {stored.kind} {stored.name}")
        self.types[(stored.kind, stored.guid)] = stored

    def delete_type(self, kind: TypeKind, guid: str) -> None:
        self.calls.append(f"delete_type {kind} {guid}")
        self.types.pop((kind, guid), None)

    def replace_type(self, kind: TypeKind, old_guid: str, stored: StoredType) -> None:
        self.calls.append(f"replace_type {kind} {old_guid} {stored.name}")
        self.types.pop((kind, old_guid), None)
        self.types[(kind, stored.guid)] = stored

    def count_instances_of(self, type_name: str) -> int:
        return self.instances[type_name]


@pytest.fixture(scope="session")
def archive() -> ArchiveContents:
    return read_archive()


@pytest.fixture(scope="session")
def archive_models(archive: ArchiveContents) -> tuple[list[AnyTypeDef], list[AnyAttributeTypeDef]]:
    return parse_type_defs(archive.type_defs), parse_attribute_type_defs(archive.attribute_type_defs)


@pytest.fixture
def gallery(archive_models: tuple[list[AnyTypeDef], list[AnyAttributeTypeDef]]) -> TypeGallery:
    """A fresh gallery of the open types (models are immutable in practice, so sharing them is safe)."""
    type_defs, attribute_type_defs = archive_models
    return TypeGallery(type_defs, attribute_type_defs)


@pytest.fixture
def store() -> FakeTypeStore:
    return FakeTypeStore()
