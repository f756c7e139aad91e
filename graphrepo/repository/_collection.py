"""``MetadataCollection``: the whole OMRS metadata collection of one server over one instance store.

Groups 1 and 3-6 are the operation mixins of this package; Group 2 is delegated to the metamodel's
:class:`~graphrepo.metamodel.TypeDefService` (given to the constructor), so one object answers every method
of :class:`~graphrepo.repository.MetadataCollectionAPI`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from uuid import uuid4

from graphrepo.metamodel import InstanceValidator, TypeDefService, TypeGallery
from graphrepo.omrs import (
    AnyAttributeTypeDef,
    AnyTypeDef,
    AttributeTypeDefCategory,
    OMRSEventOriginator,
    TypeDefCategory,
    TypeDefGallery,
    TypeDefPatch,
    TypeDefProperties,
)
from graphrepo.repository._classification_copies import ClassificationCopyOperations
from graphrepo.repository._classifications import ClassificationOperations
from graphrepo.repository._control import ControlOperations
from graphrepo.repository._core import utc_now
from graphrepo.repository._creation import CreationOperations
from graphrepo.repository._events import EventFactory
from graphrepo.repository._graph import GraphOperations
from graphrepo.repository._kinds import EntityKind, RelationshipKind
from graphrepo.repository._maintenance import MaintenanceOperations
from graphrepo.repository._provenance import ProvenanceFixer
from graphrepo.repository._reads import ReadOperations
from graphrepo.repository._reference_copies import ReferenceCopyOperations
from graphrepo.repository._reference_copy_batches import ReferenceCopyBatchOperations
from graphrepo.repository._searches import SearchOperations
from graphrepo.store import InstanceStore

__all__ = ["MetadataCollection"]


class MetadataCollection(
    ReadOperations,
    SearchOperations,
    GraphOperations,
    ClassificationOperations,
    CreationOperations,
    MaintenanceOperations,
    ControlOperations,
    ReferenceCopyBatchOperations,
    ReferenceCopyOperations,
    ClassificationCopyOperations,
):
    """One server's metadata collection.

    ``clock`` gives the time of every change (an aware UTC datetime; trimmed to milliseconds as Java's
    ``Date``); ``guid_factory`` the GUIDs of new instances. ``is_active_member`` (set by the cohort layer)
    answers whether a metadata collection id belongs to an active cohort member, for the
    DEREGISTERED_REPOSITORY provenance fix-up.
    """

    def __init__(
        self,
        store: InstanceStore,
        gallery: TypeGallery,
        typedef_service: TypeDefService,
        metadata_collection_id: str,
        metadata_collection_name: str,
        server_name: str,
        clock: Callable[[], datetime] = utc_now,
        guid_factory: Callable[[], object] = uuid4,
        *,
        server_type: str | None = None,
        organization_name: str | None = None,
        is_active_member: Callable[[str], bool] | None = None,
    ) -> None:
        self.store = store
        self.gallery = gallery
        self.typedefs = typedef_service
        self.local_id = metadata_collection_id
        self.local_name = metadata_collection_name
        self.server_name = server_name
        self.repository_name = metadata_collection_name or server_name
        self.validator = InstanceValidator(gallery, self.repository_name)
        self._clock = clock
        self._guid_factory = guid_factory
        originator = OMRSEventOriginator(
            metadata_collection_id=metadata_collection_id,
            server_name=server_name,
            server_type=server_type,
            organization_name=organization_name,
        )
        self.events = EventFactory(originator, self.now)
        self.fixer = ProvenanceFixer(metadata_collection_id, metadata_collection_name, is_active_member)
        self.entities = EntityKind(self)
        self.relationships = RelationshipKind(self)

    def set_active_member_check(self, is_active_member: Callable[[str], bool] | None) -> None:
        """The cohort layer's answer to "is this metadata collection an active member?"."""
        self.fixer.is_active_member = is_active_member

    # --- Group 1 --------------------------------------------------------------------------------------------

    def get_metadata_collection_id(self, user_id: str) -> str:
        self.check_user(user_id, "getMetadataCollectionId")
        return self.local_id

    # --- Group 2: delegated ---------------------------------------------------------------------------------

    def get_all_types(self, user_id: str) -> TypeDefGallery:
        return self.typedefs.get_all_types(user_id)

    def find_types_by_name(self, user_id: str, name: str | None) -> TypeDefGallery | None:
        return self.typedefs.find_types_by_name(user_id, name)

    def find_type_defs_by_category(self, user_id: str, category: TypeDefCategory | None) -> list[AnyTypeDef]:
        return self.typedefs.find_type_defs_by_category(user_id, category) or []

    def find_attribute_type_defs_by_category(
        self, user_id: str, category: AttributeTypeDefCategory | None
    ) -> list[AnyAttributeTypeDef]:
        return self.typedefs.find_attribute_type_defs_by_category(user_id, category) or []

    def find_type_defs_by_property(
        self, user_id: str, match_criteria: TypeDefProperties | None
    ) -> list[AnyTypeDef]:
        return self.typedefs.find_type_defs_by_property(user_id, match_criteria) or []

    def find_types_by_external_id(
        self, user_id: str, standard: str | None, organization: str | None, identifier: str | None
    ) -> list[AnyTypeDef]:
        return self.typedefs.find_types_by_external_id(user_id, standard, organization, identifier) or []

    def search_for_type_defs(self, user_id: str, search_criteria: str | None) -> list[AnyTypeDef]:
        return self.typedefs.search_for_type_defs(user_id, search_criteria) or []

    def get_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyTypeDef:
        return self.typedefs.get_type_def_by_guid(user_id, guid)

    def get_attribute_type_def_by_guid(self, user_id: str, guid: str | None) -> AnyAttributeTypeDef:
        return self.typedefs.get_attribute_type_def_by_guid(user_id, guid)

    def get_type_def_by_name(self, user_id: str, name: str | None) -> AnyTypeDef:
        return self.typedefs.get_type_def_by_name(user_id, name)

    def get_attribute_type_def_by_name(self, user_id: str, name: str | None) -> AnyAttributeTypeDef:
        return self.typedefs.get_attribute_type_def_by_name(user_id, name)

    def add_type_def_gallery(self, user_id: str, new_types: TypeDefGallery | None) -> None:
        self.typedefs.add_type_def_gallery(user_id, new_types)

    def add_type_def(self, user_id: str, new_type_def: AnyTypeDef | None) -> None:
        self.typedefs.add_type_def(user_id, new_type_def)

    def add_attribute_type_def(
        self, user_id: str, new_attribute_type_def: AnyAttributeTypeDef | None
    ) -> None:
        self.typedefs.add_attribute_type_def(user_id, new_attribute_type_def)

    def verify_type_def(self, user_id: str, type_def: AnyTypeDef | None) -> bool:
        return self.typedefs.verify_type_def(user_id, type_def)

    def verify_attribute_type_def(self, user_id: str, attribute_type_def: AnyAttributeTypeDef | None) -> bool:
        return self.typedefs.verify_attribute_type_def(user_id, attribute_type_def)

    def update_type_def(self, user_id: str, type_def_patch: TypeDefPatch | None) -> AnyTypeDef:
        return self.typedefs.update_type_def(user_id, type_def_patch)

    def delete_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None:
        self.typedefs.delete_type_def(user_id, obsolete_type_def_guid, obsolete_type_def_name)

    def delete_attribute_type_def(
        self, user_id: str, obsolete_type_def_guid: str | None, obsolete_type_def_name: str | None
    ) -> None:
        self.typedefs.delete_attribute_type_def(user_id, obsolete_type_def_guid, obsolete_type_def_name)

    def re_identify_type_def(
        self,
        user_id: str,
        original_type_def_guid: str | None,
        original_type_def_name: str | None,
        new_type_def_guid: str | None,
        new_type_def_name: str | None,
    ) -> AnyTypeDef:
        return self.typedefs.re_identify_type_def(
            user_id, original_type_def_guid, original_type_def_name, new_type_def_guid, new_type_def_name
        )

    def re_identify_attribute_type_def(
        self,
        user_id: str,
        original_attribute_type_def_guid: str | None,
        original_attribute_type_def_name: str | None,
        new_attribute_type_def_guid: str | None,
        new_attribute_type_def_name: str | None,
    ) -> AnyAttributeTypeDef:
        return self.typedefs.re_identify_attribute_type_def(
            user_id,
            original_attribute_type_def_guid,
            original_attribute_type_def_name,
            new_attribute_type_def_guid,
            new_attribute_type_def_name,
        )
