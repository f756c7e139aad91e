"""Validation of instances against their types, used by every write.

Each check raises the OMRS exception Egeria's ``OMRSRepositoryContentValidator`` raises in that case, with
Egeria's message:

* type GUID missing: InvalidParameterException (``NULL_TYPEDEF_IDENTIFIER``); unknown: TypeErrorException
  (``TYPEDEF_ID_NOT_KNOWN``); of another category: TypeErrorException
  (``BAD_CATEGORY_FOR_TYPEDEF_ATTRIBUTE``);
* unknown property, wrong value kind or primitive category: PropertyErrorException (``BAD_PROPERTY_FOR_TYPE``,
  ``BAD_PROPERTY_TYPE``);
* a status not valid for the type: StatusNotSupportedException (``BAD_INSTANCE_STATUS``; DELETED is
  ``BAD_DELETE_INSTANCE_STATUS`` since only delete may set it);
* unknown classification: InvalidParameterException (``UNKNOWN_CLASSIFICATION``); not valid for the entity
  type: ClassificationErrorException (``INVALID_CLASSIFICATION_FOR_ENTITY``);
* relationship ends of the wrong types: InvalidParameterException (``INVALID_RELATIONSHIP_ENDS``).

Egeria 5.x checks no more than that. graphrepo also refuses, with the same exception classes and its own
message ids (``_codes.GraphRepoTypeErrorCode``): an enum value that is not an element of the EnumDef, a
collection value of the wrong collection kind or element type, a missing mandatory attribute (switch this
one off with ``require_mandatory=False`` for reference copies, which Egeria peers do not check), and
instances of abstract types.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphrepo.metamodel._codes import GraphRepoTypeErrorCode
from graphrepo.metamodel._gallery import TypeGallery
from graphrepo.metamodel._property_validation import check_properties
from graphrepo.omrs import (
    AnyTypeDef,
    Classification,
    ClassificationErrorException,
    CollectionDefCategory,
    EntityDetail,
    EntitySummary,
    InstanceProperties,
    InstancePropertyCategory,
    InstanceStatus,
    InstanceType,
    InvalidParameterException,
    OMRSErrorCode,
    Relationship,
    StatusNotSupportedException,
    TypeDefCategory,
    TypeErrorException,
)

__all__ = ["InstanceValidator"]

_COLLECTION_KIND = {
    InstancePropertyCategory.ARRAY: CollectionDefCategory.OM_COLLECTION_ARRAY,
    InstancePropertyCategory.MAP: CollectionDefCategory.OM_COLLECTION_MAP,
    InstancePropertyCategory.STRUCT: CollectionDefCategory.OM_COLLECTION_STRUCT,
}


class InstanceValidator:
    """Checks instances and their parts against a :class:`TypeGallery` (always its current types)."""

    def __init__(self, gallery: TypeGallery, repository_name: str) -> None:
        self.gallery = gallery
        self.repository_name = repository_name

    # --- types ------------------------------------------------------------------------------------------

    def type_for_new_instance(
        self, type_guid: str | None, category: TypeDefCategory, parameter: str, method: str
    ) -> AnyTypeDef:
        """The TypeDef for ``addEntity``/``addRelationship``: known, of ``category``, not abstract."""
        if not type_guid:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_TYPEDEF_IDENTIFIER,
                parameter,
                method,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        type_def = self.gallery.type_def_by_guid(type_guid)
        if type_def is None:
            raise TypeErrorException.from_code(
                OMRSErrorCode.TYPEDEF_ID_NOT_KNOWN,
                type_guid,
                parameter,
                method,
                self.repository_name,
                action=method,
            )
        self._check_category(type_def, category, method)
        if self.gallery.is_abstract(str(type_def.name)):
            raise TypeErrorException.from_code(
                GraphRepoTypeErrorCode.ABSTRACT_TYPE,
                type_def.name,
                parameter,
                method,
                self.repository_name,
                action=method,
            )
        return type_def

    def type_for_instance(
        self, instance_type: InstanceType | None, category: TypeDefCategory, parameter: str, method: str
    ) -> AnyTypeDef:
        """The TypeDef an instance header names (reference copies, events): the name must be known and
        the GUID, when given, must be that type's."""
        if instance_type is None or not instance_type.type_def_name:
            raise TypeErrorException.from_code(
                OMRSErrorCode.BAD_TYPEDEF_ID_FOR_INSTANCE,
                parameter,
                method,
                self.repository_name,
                action=method,
            )
        type_def = self.gallery.type_def_by_name(instance_type.type_def_name)
        if type_def is None or (instance_type.type_def_guid and instance_type.type_def_guid != type_def.guid):
            raise TypeErrorException.from_code(
                OMRSErrorCode.TYPEDEF_NOT_KNOWN_FOR_INSTANCE,
                f"{instance_type.type_def_name} (guid = {instance_type.type_def_guid})",
                instance_type.type_def_category.display_name,
                method,
                self.repository_name,
                action=method,
            )
        self._check_category(type_def, category, method)
        return type_def

    def _check_category(self, type_def: AnyTypeDef, category: TypeDefCategory, method: str) -> None:
        if type_def.category is not category:
            raise TypeErrorException.from_code(
                OMRSErrorCode.BAD_CATEGORY_FOR_TYPEDEF_ATTRIBUTE,
                self.repository_name,
                type_def.name,
                category.display_name,
                action=method,
            )

    # --- status -----------------------------------------------------------------------------------------

    def validate_status(
        self,
        type_name: str,
        status: InstanceStatus | None,
        parameter: str,
        method: str,
        *,
        allow_deleted: bool = False,
    ) -> InstanceStatus | None:
        """The status to store: ``status``, or the type's initial status when None. DELETED is refused
        unless ``allow_deleted`` (a reference copy may arrive deleted)."""
        if status is None:
            return self.gallery.initial_status(type_name)
        if status is InstanceStatus.DELETED and not allow_deleted:
            raise StatusNotSupportedException.from_code(
                OMRSErrorCode.BAD_DELETE_INSTANCE_STATUS,
                status.display_name,
                parameter,
                method,
                self.repository_name,
                type_name,
                action=method,
            )
        valid = self.gallery.valid_instance_statuses(type_name)
        if status not in valid and not (allow_deleted and status is InstanceStatus.DELETED):
            raise StatusNotSupportedException.from_code(
                OMRSErrorCode.BAD_INSTANCE_STATUS,
                status.display_name,
                parameter,
                method,
                self.repository_name,
                type_name,
                action=method,
            )
        return status

    # --- classifications --------------------------------------------------------------------------------

    def validate_classification(
        self, classification_name: str | None, entity_type_name: str | None, parameter: str, method: str
    ) -> AnyTypeDef:
        """The ClassificationDef, checked to be valid for the entity type (or a supertype of it)."""
        if not classification_name:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.NULL_CLASSIFICATION_NAME,
                parameter,
                method,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        type_def = self.gallery.type_def_by_name(classification_name)
        if type_def is None:
            raise InvalidParameterException.from_code(
                OMRSErrorCode.UNKNOWN_CLASSIFICATION,
                classification_name,
                self.repository_name,
                action=method,
                parameter_name=parameter,
            )
        if entity_type_name is not None and not self.gallery.is_valid_classification_for_entity(
            classification_name, entity_type_name
        ):
            raise ClassificationErrorException.from_code(
                OMRSErrorCode.INVALID_CLASSIFICATION_FOR_ENTITY,
                self.repository_name,
                classification_name,
                entity_type_name,
                action=method,
            )
        return type_def

    def validate_classifications(
        self,
        classifications: Iterable[Classification],
        entity_type_name: str,
        parameter: str,
        method: str,
        *,
        require_mandatory: bool = True,
        allow_deleted: bool = False,
    ) -> None:
        """Each classification: valid for the entity type, its properties and its status."""
        for classification in classifications:
            type_def = self.validate_classification(classification.name, entity_type_name, parameter, method)
            name = str(type_def.name)
            self.validate_properties(
                name, classification.properties, parameter, method, require_mandatory=require_mandatory
            )
            self.validate_status(name, classification.status, parameter, method, allow_deleted=allow_deleted)

    # --- relationships ----------------------------------------------------------------------------------

    def validate_relationship_ends(
        self,
        relationship_type_name: str,
        entity_one: EntitySummary | None,
        entity_two: EntitySummary | None,
        method: str,
    ) -> None:
        """Each end entity must be of its RelationshipEndDef's type or a subtype (``isTypeOf``)."""
        end_one, end_two = self.gallery.relationship_end_types(relationship_type_name)
        type_one = _type_name(entity_one)
        type_two = _type_name(entity_two)
        if type_one in end_one and type_two in end_two:
            return
        def_one, def_two = self.gallery.relationship_end_defs(relationship_type_name)
        raise InvalidParameterException.from_code(
            OMRSErrorCode.INVALID_RELATIONSHIP_ENDS,
            method,
            self.repository_name,
            relationship_type_name,
            entity_one.guid if entity_one else None,
            type_one,
            _end_name(def_one),
            entity_two.guid if entity_two else None,
            type_two,
            _end_name(def_two),
            action=method,
            parameter_name="relationship.End",
        )

    # --- whole instances --------------------------------------------------------------------------------

    def validate_entity(
        self,
        entity: EntityDetail,
        parameter: str,
        method: str,
        *,
        require_mandatory: bool = True,
        allow_deleted: bool = False,
    ) -> AnyTypeDef:
        """A complete entity (reference copy, restore, import): type, properties, status, classifications."""
        type_def = self.type_for_instance(entity.type, TypeDefCategory.ENTITY_DEF, parameter, method)
        name = str(type_def.name)
        self.validate_properties(
            name, entity.properties, parameter, method, require_mandatory=require_mandatory
        )
        self.validate_status(name, entity.status, parameter, method, allow_deleted=allow_deleted)
        self.validate_classifications(
            entity.classifications,
            name,
            parameter,
            method,
            require_mandatory=require_mandatory,
            allow_deleted=allow_deleted,
        )
        return type_def

    def validate_relationship(
        self,
        relationship: Relationship,
        parameter: str,
        method: str,
        *,
        require_mandatory: bool = True,
        allow_deleted: bool = False,
    ) -> AnyTypeDef:
        """A complete relationship: type, properties, status and the types of both end proxies."""
        type_def = self.type_for_instance(
            relationship.type, TypeDefCategory.RELATIONSHIP_DEF, parameter, method
        )
        name = str(type_def.name)
        self.validate_properties(
            name, relationship.properties, parameter, method, require_mandatory=require_mandatory
        )
        self.validate_status(name, relationship.status, parameter, method, allow_deleted=allow_deleted)
        self.validate_relationship_ends(
            name, relationship.entity_one_proxy, relationship.entity_two_proxy, method
        )
        return type_def

    # --- properties -------------------------------------------------------------------------------------

    def validate_properties(
        self,
        type_name: str,
        properties: InstanceProperties | None,
        parameter: str,
        method: str,
        *,
        require_mandatory: bool = True,
    ) -> None:
        """Every property known to the type (own or inherited) with a value of the attribute's type; with
        ``require_mandatory``, every mandatory attribute present."""
        check_properties(
            self.gallery,
            self.repository_name,
            type_name,
            properties,
            parameter,
            method,
            require_mandatory=require_mandatory,
        )


def _type_name(entity: EntitySummary | None) -> str | None:
    return entity.type.type_def_name if entity is not None and entity.type is not None else None


def _end_name(end: object) -> str | None:
    entity_type = getattr(end, "entity_type", None)
    return getattr(entity_type, "name", None)
