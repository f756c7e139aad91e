"""Groups 1 and 2 of the metadata collection Protocol: its identity and its TypeDefs.

Group 2 is answered by the metamodel's :class:`~graphrepo.metamodel.TypeDefService`, to which the
metadata collection delegates. Conventions: see ``_api``.
"""

from __future__ import annotations

from typing import Protocol

from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeTypeDefCategory,
    TypeDefCategory,
    TypeDefGallery,
    TypeDefPatch,
    TypeDefProperties,
)

__all__ = ["IdentityAPI", "TypeDefAPI"]


class IdentityAPI(Protocol):
    """Group 1: which metadata collection this is."""

    def get_metadata_collection_id(self, user_id: str) -> str: ...


class TypeDefAPI(Protocol):
    """Group 2: the TypeDefs and AttributeTypeDefs this repository supports."""

    def get_all_types(self, user_id: str) -> TypeDefGallery: ...

    def find_types_by_name(self, user_id: str, name: str | None) -> TypeDefGallery | None:
        """None when no type matches (Java returns null; the REST layer omits both lists)."""
        ...

    def find_type_defs_by_category(
        self, user_id: str, category: TypeDefCategory | None
    ) -> list[AnyTypeDef]: ...

    def find_attribute_type_defs_by_category(
        self, user_id: str, category: AttributeTypeDefCategory | None
    ) -> list[AnyAttributeTypeDef]: ...

    def find_type_defs_by_property(
        self, user_id: str, match_criteria: TypeDefProperties | None
    ) -> list[AnyTypeDef]: ...

    def find_types_by_external_id(
        self, user_id: str, standard: str | None, organization: str | None, identifier: str | None
    ) -> list[AnyTypeDef]: ...

    def search_for_type_defs(self, user_id: str, search_criteria: str | None) -> list[AnyTypeDef]: ...

    def get_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyTypeDef: ...

    def get_attribute_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyAttributeTypeDef: ...

    def get_type_def_by_name(self, user_id: str, name: str | None) -> AnyTypeDef: ...

    def get_attribute_type_def_by_name(self, user_id: str, name: str | None) -> AnyAttributeTypeDef: ...

    def add_type_def_gallery(self, user_id: str, new_types: TypeDefGallery | None) -> None: ...

    def add_type_def(self, user_id: str, new_type_def: AnyTypeDef | None) -> None: ...

    def add_attribute_type_def(
        self, user_id: str, new_attribute_type_def: AnyAttributeTypeDef | None
    ) -> None: ...

    def verify_type_def(self, user_id: str, type_def: AnyTypeDef | None) -> bool: ...

    def verify_attribute_type_def(
        self, user_id: str, attribute_type_def: AnyAttributeTypeDef | None
    ) -> bool: ...

    def update_type_def(self, user_id: str, type_def_patch: TypeDefPatch | None) -> AnyTypeDef: ...

    def delete_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None: ...

    def delete_attribute_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None: ...

    def re_identify_type_def(
        self,
        user_id: str,
        original_type_def_guid: str | None,
        original_type_def_name: str | None,
        new_type_def_guid: str | None,
        new_type_def_name: str | None,
    ) -> AnyTypeDef: ...

    def re_identify_attribute_type_def(
        self,
        user_id: str,
        original_attribute_type_def_guid: str | None,
        original_attribute_type_def_name: str | None,
        new_attribute_type_def_guid: str | None,
        new_attribute_type_def_name: str | None,
    ) -> AnyAttributeTypeDef: ...
