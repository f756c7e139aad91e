"""Validation of instance property values against the attributes of their type (see ``_validation``).

Egeria's ``validatePropertiesForType`` checks names and value kinds (and primitive categories); the enum,
collection and mandatory checks are graphrepo's additions (``_codes.GraphRepoTypeErrorCode``).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphrepo.metamodel._codes import GraphRepoTypeErrorCode
from graphrepo.metamodel._gallery import TypeGallery
from graphrepo.omrs import (
    ArrayPropertyValue,
    AttributeTypeDefCategory,
    CollectionDef,
    CollectionDefCategory,
    EnumDef,
    EnumPropertyValue,
    InstanceProperties,
    InstancePropertyCategory,
    InstancePropertyValue,
    MapPropertyValue,
    OMRSErrorCode,
    PrimitiveDef,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    PropertyErrorException,
    TypeDefAttribute,
)

__all__ = ["check_properties"]

_COLLECTION_KIND = {
    InstancePropertyCategory.ARRAY: CollectionDefCategory.OM_COLLECTION_ARRAY,
    InstancePropertyCategory.MAP: CollectionDefCategory.OM_COLLECTION_MAP,
    InstancePropertyCategory.STRUCT: CollectionDefCategory.OM_COLLECTION_STRUCT,
}


def check_properties(
    gallery: TypeGallery,
    repository: str,
    type_name: str,
    properties: InstanceProperties | None,
    parameter: str,
    method: str,
    *,
    require_mandatory: bool = True,
) -> None:
    """Every property known to the type (own or inherited) with a value of the attribute's type; with
    ``require_mandatory``, every mandatory attribute present."""
    category = gallery.category(type_name).display_name
    attributes = gallery.attributes(type_name)
    values = properties.instance_properties if properties is not None else {}
    if not values:
        # Egeria: a type with a unique attribute needs properties at all (NO_NEW_PROPERTIES).
        if any(a.unique for a in attributes.values()):
            raise PropertyErrorException.from_code(
                OMRSErrorCode.NO_NEW_PROPERTIES, parameter, method, repository, action=method
            )
    elif not attributes:
        raise PropertyErrorException.from_code(
            OMRSErrorCode.NO_PROPERTIES_FOR_TYPE, category, type_name, repository, action=method
        )
    for property_name, value in values.items():
        attribute = attributes.get(property_name)
        if attribute is None:
            raise PropertyErrorException.from_code(
                OMRSErrorCode.BAD_PROPERTY_FOR_TYPE,
                property_name,
                category,
                type_name,
                repository,
                action=method,
            )
        _check_value(repository, property_name, attribute, value, category, type_name, parameter, method)
    if require_mandatory:
        for attribute in gallery.mandatory_attributes(type_name):
            if _is_empty(values.get(str(attribute.attribute_name))):
                raise PropertyErrorException.from_code(
                    GraphRepoTypeErrorCode.MANDATORY_PROPERTY_MISSING,
                    attribute.attribute_name,
                    category,
                    type_name,
                    attribute.attribute_cardinality.value,
                    parameter,
                    method,
                    repository,
                    action=method,
                )


def _check_value(
    repository: str,
    name: str,
    attribute: TypeDefAttribute,
    value: InstancePropertyValue | None,
    category: str,
    type_name: str,
    parameter: str,
    method: str,
) -> None:
    if value is None:
        raise PropertyErrorException.from_code(
            OMRSErrorCode.NULL_PROPERTY_VALUE_FOR_INSTANCE,
            parameter,
            method,
            repository,
            action=method,
        )
    expected = attribute.attribute_type
    if expected is None or expected.category in (None, AttributeTypeDefCategory.UNKNOWN_DEF):
        return  # Egeria: an attribute of unknown type takes any value.
    kind = value.instance_property_category

    def wrong(actual: str, wanted: str) -> PropertyErrorException:
        return PropertyErrorException.from_code(
            OMRSErrorCode.BAD_PROPERTY_TYPE,
            name,
            actual,
            category,
            type_name,
            wanted,
            repository,
            action=method,
        )

    if isinstance(expected, PrimitiveDef):
        if not isinstance(value, PrimitivePropertyValue):
            raise wrong(_kind_name(kind), _kind_name_of_attribute(expected.category))
        wanted = expected.primitive_def_category
        if wanted is not None and value.primitive_def_category is not wanted:
            raise wrong(_primitive_name(value.primitive_def_category), wanted.type_name)
    elif isinstance(expected, EnumDef):
        if not isinstance(value, EnumPropertyValue):
            raise wrong(_kind_name(kind), _kind_name_of_attribute(expected.category))
        _check_enum(repository, name, expected, value, category, type_name, method)
    else:
        if kind not in _COLLECTION_KIND:
            raise wrong(_kind_name(kind), _kind_name_of_attribute(expected.category))
        _check_collection(repository, name, expected, value, category, type_name, method)


def _check_enum(
    repository: str,
    name: str,
    enum_def: EnumDef,
    value: EnumPropertyValue,
    category: str,
    type_name: str,
    method: str,
) -> None:
    for element in enum_def.element_defs:
        if element.ordinal == value.ordinal and (
            value.symbolic_name is None or value.symbolic_name == element.value
        ):
            return
    valid = ", ".join(f"{e.value} ({e.ordinal})" for e in enum_def.element_defs)
    raise PropertyErrorException.from_code(
        GraphRepoTypeErrorCode.BAD_ENUM_VALUE,
        name,
        value.symbolic_name,
        value.ordinal,
        category,
        type_name,
        enum_def.name,
        valid,
        repository,
        action=method,
    )


def _check_collection(
    repository: str,
    name: str,
    collection: CollectionDef,
    value: InstancePropertyValue,
    category: str,
    type_name: str,
    method: str,
) -> None:
    kind = value.instance_property_category
    problem: str | None = None
    if kind is None or _COLLECTION_KIND.get(kind) is not collection.collection_def_category:
        problem = f"a {_kind_name(kind)} value does not fit a {collection.collection_def_category} type"
    else:
        element_type: PrimitiveDefCategory | None = None
        elements: Iterable[InstancePropertyValue] = ()
        if isinstance(value, ArrayPropertyValue):
            element_type = collection.argument_types[0] if collection.argument_types else None
            elements = value.array_values.instance_properties.values() if value.array_values else ()
        elif isinstance(value, MapPropertyValue):
            element_type = collection.argument_types[1] if len(collection.argument_types) > 1 else None
            elements = value.map_values.instance_properties.values() if value.map_values else ()
        if element_type not in (None, PrimitiveDefCategory.OM_PRIMITIVE_TYPE_UNKNOWN):
            for element in elements:
                if not isinstance(element, PrimitivePropertyValue) or (
                    element.primitive_def_category is not element_type
                ):
                    problem = f"an element of kind {_describe(element)} is not a {element_type.type_name}"
                    break
    if problem is not None:
        raise PropertyErrorException.from_code(
            GraphRepoTypeErrorCode.BAD_COLLECTION_VALUE,
            name,
            collection.name,
            _describe(value),
            category,
            type_name,
            problem,
            repository,
            action=method,
        )


def _is_empty(value: InstancePropertyValue | None) -> bool:
    if value is None:
        return True
    if isinstance(value, ArrayPropertyValue):
        return value.array_values is None or not value.array_values.instance_properties
    if isinstance(value, PrimitivePropertyValue):
        return value.primitive_value is None
    return False


def _primitive_name(category: PrimitiveDefCategory | None) -> str:
    return category.type_name if category is not None else "<null>"


def _kind_name(kind: InstancePropertyCategory | None) -> str:
    return kind.display_name if kind is not None else "<null>"


def _kind_name_of_attribute(category: AttributeTypeDefCategory | None) -> str:
    return category.display_name if category is not None else "<null>"


def _describe(value: InstancePropertyValue) -> str:
    if isinstance(value, PrimitivePropertyValue):
        return _primitive_name(value.primitive_def_category)
    return _kind_name(value.instance_property_category)
