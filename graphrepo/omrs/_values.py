"""Conversion between OMRS typed property values and plain Python values — the one place for it.

Three directions, for three kinds of caller:

* **Python → OMRS** (:func:`instance_properties_from_python`, :func:`property_value_from_python`): the
  category comes from the TypeDef's ``AttributeTypeDef`` when known; otherwise it is inferred from the
  Python type (``bool``→BOOLEAN, ``int``→INT if it fits 32 bits else LONG — the split Jackson makes for
  untyped numbers, ``float``→DOUBLE, ``Decimal``→BIGDECIMAL, ``datetime``→DATE, ``str``→STRING, ``list``→
  array, ``dict``→map). Already-typed ``InstancePropertyValue`` objects pass through unchanged. A value that
  does not fit its declared type raises ``ValueError`` (a ``pydantic.ValidationError`` naming
  ``primitiveValue`` for primitives).
* **OMRS → Python** (:func:`python_from_instance_properties`, :func:`python_from_property_value`): plain
  values for business logic; enums become their symbolic name. Lossy by design (types are dropped).
* **Storage, lossless** (:func:`to_storage` / :func:`from_storage`): a value splits into a *descriptor*
  (everything except the data, JSON-serialisable; for a primitive with the standard ``typeName``/``typeGUID``
  just the category name, e.g. ``"OM_PRIMITIVE_TYPE_INT"``) and a *plain* value made only of what a Neo4j
  property or a JSON document can hold (``str``, ``int``, ``float``, ``bool``, ``datetime``, lists, dicts;
  BIGDECIMAL and out-of-64-bit BIGINTEGER as decimal strings). ``from_storage(*to_storage(v)) == v``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Final, cast

from ._base import EpochMillis, from_wire, to_wire
from ._enums import CollectionDefCategory, InstancePropertyCategory, PrimitiveDefCategory
from ._properties import (
    INSTANCE_PROPERTY_VALUE_ADAPTER,
    AnyInstancePropertyValue,
    ArrayPropertyValue,
    EnumPropertyValue,
    InstanceProperties,
    InstancePropertyValue,
    MapPropertyValue,
    PrimitivePropertyValue,
    StructPropertyValue,
)
from ._typedefs import AttributeTypeDef, CollectionDef, EnumDef, PrimitiveDef, TypeDefAttribute

__all__ = [
    "STANDARD_COLLECTION_GUIDS",
    "from_storage",
    "infer_primitive_category",
    "instance_properties_from_python",
    "primitive_value",
    "property_value_from_python",
    "python_from_instance_properties",
    "python_from_property_value",
    "to_storage",
]

_P = PrimitiveDefCategory
_INT32: Final = range(-(2**31), 2**31)
_INT64: Final = range(-(2**63), 2**63)

STANDARD_COLLECTION_GUIDS: Final[dict[str, str]] = {
    "array<string>": "0428b5d3-f824-459c-b7f5-f8151de59707",
    "array<int>": "0103fe10-98b0-4910-8ee0-21d529f7ff6d",
    "map<string,string>": "005c7c14-ac84-4136-beed-959401b041f8",
    "map<string,boolean>": "8fa603dd-c2c5-43fc-8ff4-92141f2414ab",
    "map<string,int>": "8fa603dd-c2c5-43fc-8ff4-92141f2414ac",
    "map<string,long>": "8fa603dd-c2c5-43fc-8ff4-92141f2414ae",
    "map<string,double>": "17211869-ed39-4ba9-bead-ffd967df65a8",
    "map<string,date>": "ee293c68-e34d-4885-a512-f927d35a5893",
    "map<string,object>": "8fa603dd-c2c5-43fc-8ff4-92141f2414ad",
}
"""Name → GUID of the CollectionDefs in Egeria's ``OpenMetadataTypes`` archive (5.4)."""

AttributeTypes = Mapping[str, AttributeTypeDef] | Iterable[TypeDefAttribute]


# --- Python -> OMRS ------------------------------------------------------------------------------


def infer_primitive_category(value: Any) -> PrimitiveDefCategory:
    """The category for an untyped Python scalar; ``TypeError`` if it is not one."""
    if isinstance(value, bool):
        return _P.OM_PRIMITIVE_TYPE_BOOLEAN
    if isinstance(value, int):
        return _P.OM_PRIMITIVE_TYPE_INT if value in _INT32 else _P.OM_PRIMITIVE_TYPE_LONG
    if isinstance(value, float):
        return _P.OM_PRIMITIVE_TYPE_DOUBLE
    if isinstance(value, Decimal):
        return _P.OM_PRIMITIVE_TYPE_BIGDECIMAL
    if isinstance(value, datetime):
        return _P.OM_PRIMITIVE_TYPE_DATE
    if isinstance(value, str):
        return _P.OM_PRIMITIVE_TYPE_STRING
    raise TypeError(f"cannot infer an OMRS primitive type for {type(value).__name__} value {value!r}")


def primitive_value(value: Any, category: PrimitiveDefCategory | None = None) -> PrimitivePropertyValue:
    """A ``PrimitivePropertyValue`` with the standard ``typeName``/``typeGUID`` of its category."""
    category = category or infer_primitive_category(value)
    return PrimitivePropertyValue(
        type_guid=category.type_guid,
        type_name=category.type_name,
        primitive_def_category=category,
        primitive_value=value,
    )


def _attribute_type_map(attribute_types: AttributeTypes | None) -> dict[str, AttributeTypeDef]:
    if attribute_types is None:
        return {}
    if isinstance(attribute_types, Mapping):
        return dict(attribute_types)
    return {
        a.attribute_name: a.attribute_type for a in attribute_types if a.attribute_name and a.attribute_type
    }


def property_value_from_python(
    value: Any, attribute_type: AttributeTypeDef | None = None
) -> AnyInstancePropertyValue:
    """One value, typed by ``attribute_type`` when given (see module doc)."""
    if isinstance(value, InstancePropertyValue):
        return cast(AnyInstancePropertyValue, value)
    if isinstance(attribute_type, PrimitiveDef):
        result = primitive_value(
            value, attribute_type.primitive_def_category or infer_primitive_category(value)
        )
        return result.model_copy(update={"type_name": attribute_type.name, "type_guid": attribute_type.guid})
    if isinstance(attribute_type, EnumDef):
        return _enum_value(value, attribute_type)
    if isinstance(attribute_type, CollectionDef):
        return _collection_value(value, attribute_type)
    if isinstance(value, list | tuple):
        return _array_value(list(value), None, None, None)
    if isinstance(value, Mapping):
        return _map_value(value, None, None, None)
    return primitive_value(value)


def _enum_value(value: Any, enum_def: EnumDef) -> EnumPropertyValue:
    element = (
        next((e for e in enum_def.element_defs if e.ordinal == value), None)
        if isinstance(value, int) and not isinstance(value, bool)
        else enum_def.element(str(value))
    )
    if element is None:
        raise ValueError(f"{value!r} is not a valid value of enum {enum_def.name}")
    return EnumPropertyValue(
        type_guid=enum_def.guid,
        type_name=enum_def.name,
        ordinal=element.ordinal,
        symbolic_name=element.value,
        description=element.description,
    )


def _collection_value(value: Any, collection: CollectionDef) -> AnyInstancePropertyValue:
    args = collection.argument_types
    kind = collection.collection_def_category
    if kind is CollectionDefCategory.OM_COLLECTION_ARRAY and isinstance(value, list | tuple):
        element = args[0] if args else None
        return _array_value(list(value), element, collection.name, collection.guid)
    if kind is CollectionDefCategory.OM_COLLECTION_MAP and isinstance(value, Mapping):
        element = args[1] if len(args) > 1 else None
        return _map_value(value, element, collection.name, collection.guid)
    if kind is CollectionDefCategory.OM_COLLECTION_STRUCT and isinstance(value, Mapping):
        return StructPropertyValue(
            type_guid=collection.guid,
            type_name=collection.name,
            attributes=instance_properties_from_python(value),
        )
    raise ValueError(f"{type(value).__name__} value does not fit collection type {collection.name}")


def _element(value: Any, category: PrimitiveDefCategory | None) -> AnyInstancePropertyValue:
    if category is None or (category is _P.OM_PRIMITIVE_TYPE_UNKNOWN and isinstance(value, list | Mapping)):
        return property_value_from_python(value)
    if isinstance(value, InstancePropertyValue):
        return cast(AnyInstancePropertyValue, value)
    return primitive_value(value, category)


def _collection_name(kind: str, elements: Iterable[AnyInstancePropertyValue]) -> str | None:
    names = {e.type_name for e in elements if isinstance(e, PrimitivePropertyValue)}
    if len(names) != 1:
        return None
    name = f"array<{names.pop()}>" if kind == "array" else f"map<string,{names.pop()}>"
    return name if name in STANDARD_COLLECTION_GUIDS else None


def _array_value(
    items: list[Any], category: PrimitiveDefCategory | None, name: str | None, guid: str | None
) -> ArrayPropertyValue:
    elements = [_element(item, category) for item in items]
    if name is None:
        name = _collection_name("array", elements)
        guid = STANDARD_COLLECTION_GUIDS.get(name or "")
    return ArrayPropertyValue(
        type_guid=guid,
        type_name=name,
        array_count=len(elements),
        array_values=InstanceProperties(instance_properties={str(i): e for i, e in enumerate(elements)}),
    )


def _map_value(
    items: Mapping[Any, Any], category: PrimitiveDefCategory | None, name: str | None, guid: str | None
) -> MapPropertyValue:
    elements = {str(k): _element(v, category) for k, v in items.items() if v is not None}
    if name is None:
        name = _collection_name("map", elements.values())
        guid = STANDARD_COLLECTION_GUIDS.get(name or "")
    return MapPropertyValue(
        type_guid=guid, type_name=name, map_values=InstanceProperties(instance_properties=elements)
    )


def instance_properties_from_python(
    values: Mapping[str, Any],
    attribute_types: AttributeTypes | None = None,
    *,
    effective_from_time: EpochMillis | None = None,
    effective_to_time: EpochMillis | None = None,
) -> InstanceProperties:
    """``InstanceProperties`` from plain values; ``None`` values are left out (Java's ``setProperty``).

    ``attribute_types`` is a TypeDef's attributes (all of them, inherited included) or a name → type map."""
    types = _attribute_type_map(attribute_types)
    return InstanceProperties(
        effective_from_time=effective_from_time,
        effective_to_time=effective_to_time,
        instance_properties={
            name: property_value_from_python(value, types.get(name))
            for name, value in values.items()
            if value is not None
        },
    )


# --- OMRS -> Python ------------------------------------------------------------------------------


def _ordered(props: InstanceProperties | None) -> list[tuple[str, InstancePropertyValue]]:
    items = list(props.instance_properties.items()) if props else []
    # Array keys are decimal indexes; sort numerically so "10" follows "9".
    return sorted(items, key=lambda kv: (len(kv[0]), kv[0]))


def python_from_property_value(value: InstancePropertyValue) -> Any:
    """The plain Python value of one property value (module doc)."""
    if isinstance(value, PrimitivePropertyValue):
        return value.primitive_value
    if isinstance(value, EnumPropertyValue):
        return value.symbolic_name
    if isinstance(value, ArrayPropertyValue):
        return [python_from_property_value(v) for _, v in _ordered(value.array_values)]
    if isinstance(value, MapPropertyValue):
        return python_from_instance_properties(value.map_values)
    if isinstance(value, StructPropertyValue):
        return python_from_instance_properties(value.attributes)
    raise TypeError(f"unsupported property value {type(value).__name__}")


def python_from_instance_properties(props: InstanceProperties | None) -> dict[str, Any]:
    """Plain values by property name (``{}`` for ``None``)."""
    if props is None:
        return {}
    return {name: python_from_property_value(v) for name, v in props.instance_properties.items()}


# --- storage (lossless) --------------------------------------------------------------------------

# Wire key and Python attribute of the InstanceProperties inside each container kind.
_CONTAINERS: Final[dict[str, tuple[str, str]]] = {
    "ArrayPropertyValue": ("arrayValues", "array_values"),
    "MapPropertyValue": ("mapValues", "map_values"),
    "StructPropertyValue": ("attributes", "attributes"),
}


def _plain_primitive(data: Any) -> Any:
    # Neo4j holds 64-bit integers and no decimals: keep those exact as decimal strings.
    if isinstance(data, Decimal) or (
        isinstance(data, int) and not isinstance(data, bool) and data not in _INT64
    ):
        return str(data)
    return data


def _is_standard_primitive(value: PrimitivePropertyValue) -> bool:
    category = value.primitive_def_category
    return (
        category is not None
        and value.type_name == category.type_name
        and value.type_guid == category.type_guid
        and value.header_version == 1
        and value.instance_property_category is InstancePropertyCategory.PRIMITIVE
    )


def to_storage(value: InstancePropertyValue) -> tuple[str | dict[str, Any], Any]:
    """Split ``value`` into ``(descriptor, plain)`` (module doc); inverse of :func:`from_storage`."""
    if isinstance(value, PrimitivePropertyValue):
        plain = _plain_primitive(value.primitive_value)
        if _is_standard_primitive(value):
            assert value.primitive_def_category is not None
            return value.primitive_def_category.value, plain
        descriptor = to_wire(value)
        descriptor.pop("primitiveValue", None)
        return descriptor, plain
    descriptor = to_wire(value)
    if isinstance(value, EnumPropertyValue):
        return descriptor, descriptor.pop("symbolicName", None)
    descriptor.pop("mapElementCount", None)  # derived from mapValues on output
    key, attribute = _CONTAINERS[value.class_]
    container: InstanceProperties | None = getattr(value, attribute)
    if container is None:
        return descriptor, None
    shell = to_wire(container)
    shell.pop("instanceProperties", None)
    parts = [(name, *to_storage(v)) for name, v in _ordered(container)]
    descriptor[key] = {"shell": shell, "items": {name: d for name, d, _ in parts}}
    if isinstance(value, ArrayPropertyValue):
        return descriptor, [p for _, _, p in parts]
    return descriptor, {name: p for name, _, p in parts}


def from_storage(descriptor: str | Mapping[str, Any], plain: Any) -> AnyInstancePropertyValue:
    """Rebuild the exact typed value from :func:`to_storage`'s ``(descriptor, plain)``.

    Raises ``ValueError`` (``pydantic.ValidationError``) if the pair is inconsistent."""
    if isinstance(descriptor, str):
        category = PrimitiveDefCategory(descriptor)
        return primitive_value(_typed_plain(category, plain), category)
    wire = dict(descriptor)
    tag = wire.get("class")
    if tag == "PrimitivePropertyValue":
        raw_category = wire.get("primitiveDefCategory")
        wire["primitiveValue"] = _typed_plain(
            PrimitiveDefCategory(raw_category) if raw_category else None, plain
        )
    elif tag == "EnumPropertyValue":
        if plain is not None:
            wire["symbolicName"] = plain
    elif isinstance(tag, str) and tag in _CONTAINERS and _CONTAINERS[tag][0] in wire:
        key = _CONTAINERS[tag][0]
        items: dict[str, Any] = wire[key]["items"]
        plains = dict(zip(items, plain, strict=True)) if isinstance(plain, list) else dict(plain)
        wire[key] = {
            **wire[key]["shell"],
            # Already-built models are accepted inside wire dicts (the discriminator reads their tag).
            "instanceProperties": {name: from_storage(d, plains[name]) for name, d in items.items()},
        }
    return from_wire(INSTANCE_PROPERTY_VALUE_ADAPTER, wire)


def _typed_plain(category: PrimitiveDefCategory | None, plain: Any) -> Any:
    if isinstance(plain, str) and category is _P.OM_PRIMITIVE_TYPE_BIGDECIMAL:
        return Decimal(plain)
    if isinstance(plain, str) and category is _P.OM_PRIMITIVE_TYPE_BIGINTEGER:
        return int(plain)
    return plain
