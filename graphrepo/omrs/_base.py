"""The one wire base model for every Egeria bean, and the one way to read and write them.

Egeria serialises its beans with a plain Jackson ``ObjectMapper`` (omrs-reference.md §1). This module
reproduces those conventions once, so that no other module has to think about them:

* Property names are the Java getter names: ``snake_case`` Python fields get a ``camelCase`` alias
  automatically; irregular names (``guid``, ``typeDefGUID``, ``instanceURL``) declare
  ``Field(alias=...)`` explicitly. Input is accepted by alias or by Python name.
* ``@JsonInclude(NON_NULL)``: ``None`` fields are never written. Where the Java getter returns ``null``
  for an *empty* collection, declare the field as :data:`OmitEmptyList` / :data:`OmitEmptyMap` (Python
  sees ``[]``/``{}``, JSON ``null`` reads as empty, and an empty value is not written); for any other
  field add the :data:`OMIT_EMPTY` marker to its ``Annotated`` metadata (a model counts as empty when its
  :meth:`WireModel.wire_empty` says so). Collections whose getter returns them as they are keep
  ``list[...] | None = None`` so that ``[]`` is still written.
* ``@JsonIgnoreProperties(ignoreUnknown=true)``: unknown input fields are ignored (6.0 and pre-4.0 fields).
* Dates are :data:`EpochMillis`: a timezone-aware UTC ``datetime`` in Python, an epoch-millisecond JSON
  number on the wire; epoch-ms numbers, numeric strings and ISO-8601 strings are accepted on input.

Polymorphic beans (``@JsonTypeInfo(property="class")`` in Java) subclass :class:`TaggedModel` and declare
their Jackson type id as a class variable; the ``"class"`` property is then written on every dump and
required on every parse, exactly as Jackson does::

    class EntityDetail(EntitySummary):
        wire_class: ClassVar[str] = "EntityDetail"

A subclass must set ``wire_class`` itself (it is not meant to be inherited; a class that leaves it ``""``
is abstract and cannot be parsed). Python code never passes the tag: ``EntityDetail(guid="g")`` fills it
in. Parsing a mapping without ``"class"`` or with another class's tag raises a ``ValidationError`` at
location ``class``. Where Java declares a field with an abstract or extensible type, the owning module
offers a discriminated union over the concrete classes, built with :func:`class_discriminator` and
:class:`pydantic.Tag` (the tag is the ``wire_class``), plus a module-level ``TypeAdapter`` for it.

Non-polymorphic beans (``TypeDefLink``, ``SearchProperties``, ...) subclass :class:`WireModel` directly
and carry no ``"class"``.

**The one way in and out** (do not call ``model_dump``/``model_validate`` with your own options):

* :func:`to_wire` ``(model) -> dict`` — the JSON-ready document Egeria would produce;
* :func:`to_json` ``(model) -> str`` — the same, as compact JSON text;
* :func:`from_wire` ``(Model | TypeAdapter, data) -> instance`` — parse a ``dict`` or JSON ``str``/``bytes``;
  errors are always :class:`pydantic.ValidationError`.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, ClassVar, Final, TypeVar, overload

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    TypeAdapter,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

__all__ = [
    "EPOCH",
    "OMIT_EMPTY",
    "EpochMillis",
    "OmitEmptyList",
    "OmitEmptyMap",
    "TaggedModel",
    "WireModel",
    "class_discriminator",
    "datetime_from_millis",
    "from_wire",
    "millis_from_datetime",
    "parse_epoch_millis",
    "to_json",
    "to_wire",
]

EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MS: Final = timedelta(milliseconds=1)
_DIGITS = re.compile(r"-?\d+")


def datetime_from_millis(millis: int) -> datetime:
    """Epoch milliseconds to an aware UTC datetime, exactly (no float rounding)."""
    return EPOCH + timedelta(milliseconds=millis)


def millis_from_datetime(value: datetime) -> int:
    """Aware (or naive, taken as UTC) datetime to epoch milliseconds; sub-millisecond digits are dropped
    because ``java.util.Date`` cannot hold them."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (value - EPOCH) // _ONE_MS


def parse_epoch_millis(value: Any) -> datetime:
    """Read a date the way Jackson's ``DateDeserializers`` does: a JSON integer of epoch milliseconds,
    a string of digits, or an ISO-8601 string (``2023-11-14T22:13:20.000+00:00``, ``...Z``, date only).

    Raises ``PydanticCustomError`` (so the caller's field is named in the ``ValidationError``)."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    try:
        if isinstance(value, int) and not isinstance(value, bool):
            return datetime_from_millis(value)
        if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
            return datetime_from_millis(int(value.strip()))
    except OverflowError:
        # Java's Date takes any long; Python's datetime stops at year 9999.
        raise PydanticCustomError(
            "epoch_millis_range", "date {value} is outside years 1..9999", {"value": value}
        ) from None
    if isinstance(value, str):
        text = value.strip()
        try:
            # Python 3.11 fromisoformat reads 'Z' and '+00:00'; Jackson also writes '+0000'.
            parsed = datetime.fromisoformat(re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text))
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    raise PydanticCustomError(
        "epoch_millis",
        "expected a date as epoch milliseconds (a JSON integer) or an ISO-8601 string, got {value}",
        {"value": value},
    )


EpochMillis = Annotated[
    datetime,
    BeforeValidator(parse_epoch_millis),
    PlainSerializer(millis_from_datetime, return_type=int),
]
"""A ``java.util.Date``: ``datetime`` (UTC) in Python, epoch-millisecond number on the wire."""


def _wire_empty_value(value: Any) -> bool:
    """Whether an ``OMIT_EMPTY`` field's value is left out: an empty collection, or a model whose
    :meth:`WireModel.wire_empty` says so (``None`` is left out by every dump anyway)."""
    if value is None:
        return False
    if isinstance(value, WireModel):
        return value.wire_empty()
    return len(value) == 0


OMIT_EMPTY: Final = Field(exclude_if=_wire_empty_value)
"""``Annotated`` metadata: do not write the field when it is empty (Java's getter returns null). It is
evaluated by pydantic-core field by field, so no Python code runs for fields without it."""

_ItemT = TypeVar("_ItemT")


def _none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def _none_as_empty_map(value: Any) -> Any:
    return {} if value is None else value


OmitEmptyList = Annotated[list[_ItemT], BeforeValidator(_none_as_empty_list), OMIT_EMPTY]
"""A Java ``List`` whose getter returns null when empty: ``[]`` in Python, absent from the JSON."""

OmitEmptyMap = Annotated[dict[str, _ItemT], BeforeValidator(_none_as_empty_map), OMIT_EMPTY]
"""A Java ``Map<String, V>`` whose getter returns null when empty: ``{}`` in Python, absent from the JSON."""


class WireModel(BaseModel):
    """Base of every Egeria bean: camelCase aliases, unknown fields ignored, NON_NULL output."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        extra="ignore",
    )

    def wire_empty(self) -> bool:
        """Whether a field marked ``OMIT_EMPTY`` holding this model is left out (Java returns null)."""
        return False


class _MissingTag:
    """Marks input that arrived without ``"class"``, so the field validator can name the field."""

    def __repr__(self) -> str:
        return "<missing>"


_MISSING_TAG: Final = _MissingTag()


class TaggedModel(WireModel):
    """Base of polymorphic beans: writes and requires Jackson's ``"class"`` type id (see module doc)."""

    wire_class: ClassVar[str] = ""
    """The Jackson type id of this class; ``""`` marks an abstract class."""

    class_: str = Field(default="", alias="class")

    def __init__(self, /, **data: Any) -> None:
        # Python construction never has to spell the tag; wire input must (see _mark_missing_class).
        if "class" not in data and "class_" not in data:
            data["class"] = type(self).wire_class
        super().__init__(**data)

    # Pydantic routes model_validate()/TypeAdapter through a *custom* __init__, which would fill the tag in
    # for wire input too. This marker (the one BaseModel.__init__ carries) makes pydantic treat ours as the
    # stock constructor, so only Python construction runs it; tests/unit/omrs pin the behaviour.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @model_validator(mode="before")
    @classmethod
    def _mark_missing_class(cls, data: Any) -> Any:
        if isinstance(data, dict) and "class" not in data and "class_" not in data:
            return {**data, "class": _MISSING_TAG}
        return data

    @field_validator("class_", mode="before")
    @classmethod
    def _check_class(cls, value: Any) -> Any:
        if not cls.wire_class:
            raise PydanticCustomError(
                "abstract_class",
                "{model} is abstract in Java; parse through the union of its subclasses",
                {"model": cls.__name__},
            )
        if value is _MISSING_TAG:
            raise PydanticCustomError(
                "missing_class",
                "missing type id property 'class' (expected '{expected}')",
                {"expected": cls.wire_class},
            )
        if value != cls.wire_class:
            raise PydanticCustomError(
                "wrong_class",
                "could not resolve type id '{got}' as '{expected}'",
                {"got": value, "expected": cls.wire_class},
            )
        return value


def _class_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        tag = value.get("class", value.get("class_"))
        return tag if isinstance(tag, str) else None
    if isinstance(value, TaggedModel):
        return value.class_
    return None


def class_discriminator(family: str, *models: type[TaggedModel]) -> Discriminator:
    """The discriminator for a union of :class:`TaggedModel` subclasses, keyed on ``"class"``.

    ``family`` is the Java declared type (for the error message); ``models`` are the union's members,
    whose ``wire_class`` values are listed in the error when the tag is missing or unknown."""
    expected = ", ".join(m.wire_class for m in models)
    return Discriminator(
        _class_tag,
        custom_error_type="invalid_class",
        custom_error_message=(
            f"missing or unknown type id property 'class' for {family} (expected one of: {expected})"
        ),
    )


ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")


def to_wire(model: WireModel) -> dict[str, Any]:
    """The JSON-ready document Egeria's Jackson would write for ``model`` (aliases, no nulls, tags).

    ``exclude_none`` drops every model's null fields in pydantic-core (NON_NULL); a null inside a map
    value is written, as Jackson writes it. A wrap serializer per model did the same in Python and was
    the larger part of writing a response (about half of it for a classified entity)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def to_json(model: WireModel) -> str:
    """``to_wire`` as compact JSON text."""
    return json.dumps(to_wire(model), separators=(",", ":"), ensure_ascii=False)


@overload
def from_wire(target: type[ModelT], data: Any) -> ModelT: ...
@overload
def from_wire(target: TypeAdapter[T], data: Any) -> T: ...
def from_wire(target: type[BaseModel] | TypeAdapter[Any], data: Any) -> Any:
    """Parse ``data`` (a decoded JSON value, or JSON ``str``/``bytes``) as ``target``.

    ``target`` is a model class or one of the module-level ``TypeAdapter``s for the unions. Every
    failure, including malformed JSON text, is a :class:`pydantic.ValidationError`."""
    if isinstance(target, TypeAdapter):
        if isinstance(data, str | bytes | bytearray):
            return target.validate_json(data)
        return target.validate_python(data)
    if isinstance(data, str | bytes | bytearray):
        return target.model_validate_json(data)
    return target.model_validate(data)
