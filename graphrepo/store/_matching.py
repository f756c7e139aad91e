"""THE evaluator of the store port's search spec (:class:`~graphrepo.store.InstanceQuery`).

Every store answers searches with these functions: the memory store runs them over its instances; the
Neo4j store narrows candidates with indexes (see :func:`literal_hint`) and then calls them for the exact
answer, so both stores return the same instances in the same order.

Public surface (stable; other adapters import it):

* :func:`entity_matches` / :func:`relationship_matches` ``(instance, query) -> bool``: the type, status,
  property and (entities) classification filters of ``query``. ``as_of`` and ``paging`` are not
  evaluated here: the store picks the versions current at ``as_of`` and then calls :func:`apply_paging`.
* :func:`compile_query` ``(query) -> QueryMatcher``: the same, checked and compiled once, for loops over
  many candidates (``entity_matches`` compiles on every call).
* :func:`apply_paging` ``(instances, paging) -> list``: sort, then slice.
* :func:`literal_hint` ``(regex) -> LiteralHint | None``: ``(kind, literal, case_insensitive)`` for the
  helper regex shapes, for index prefilters.

Semantics (omrs-reference §5.2-§5.6; value comparison rules in :mod:`graphrepo.store._comparison`):

* ``type_names`` None: any type; else the instance's own type name must be listed. ``statuses`` empty:
  any status (the repository always passes the set it means); else the status must be listed.
* ``Conditions``: ALL (an empty ALL is true), ANY (an empty ANY is false), NONE (an empty NONE is true).
* ``PropertyTest``: a header pseudo-property (``guid``, ``createTime``, ``version``, ...) shadows an
  attribute of that name. EQ/NEQ whole-value equality (NEQ and NOT_MATCHES hold for an absent
  property, as Java's ``!Objects.equals(null, v)``); LT/LTE/GT/GTE numeric or date; IN an array of
  candidates; IS_NULL/NOT_NULL; MATCHES/NOT_MATCHES a Java regex fully matching ``valueAsString``.
* ``AnyValueMatches``: some STRING primitive, enum symbolic name, or such a value nested in an array,
  map or struct fully matches the regex (Java's ``verifyInstancePropertiesMatchSearchCriteria``).
* ``ClassificationTest``: some classification with exactly that name satisfies its condition, whose
  pseudo-properties read the classification's own header.

**Errors.** A malformed condition is a caller error, raised as ``InvalidParameterException`` with
Egeria's code: a value of the wrong kind for LT..GTE (400-078), IN (400-076), MATCHES (400-077), a missing
value (400-074), a regex Java would not compile (400-006, naming the regex). ``parameterName`` is
``matchProperties`` for property conditions, ``searchCriteria`` for ``AnyValueMatches`` and
``matchClassifications`` inside classification conditions. The checks run when a query is compiled,
before any instance is looked at, so an empty store reports them too; the repository may call
:func:`compile_query` itself (with its method name as ``action``) to validate early.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from graphrepo.omrs import (
    ArrayPropertyValue,
    EntitySummary,
    EnumPropertyValue,
    InstanceAuditHeader,
    InstanceHeader,
    InstanceProperties,
    InvalidParameterException,
    MapPropertyValue,
    OMRSErrorCode,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    Relationship,
    SequencingOrder,
    StructPropertyValue,
)
from graphrepo.store._comparison import (
    HEADER_PROPERTIES,
    NUMERIC_CATEGORIES,
    java_string,
    numeric,
    property_value,
    same_value,
    sort_key,
)
from graphrepo.store._instance_store import (
    AnyValueMatches,
    ClassificationConditions,
    Combine,
    Condition,
    Conditions,
    InstanceQuery,
    Operator,
    Paging,
    PropertyTest,
)
from graphrepo.store._regex import LiteralHint, java_pattern, literal_hint

__all__ = [
    "LiteralHint",
    "QueryMatcher",
    "apply_paging",
    "compile_query",
    "entity_matches",
    "literal_hint",
    "relationship_matches",
]

H = TypeVar("H", bound=InstanceHeader)

Test = Callable[[InstanceAuditHeader, InstanceProperties | None], bool]
"""A compiled condition: (the header it reads pseudo-properties from, the properties it tests)."""

_PROPERTIES = "matchProperties"
_SEARCH_CRITERIA = "searchCriteria"
_CLASSIFICATIONS = "matchClassifications"


# --- the public functions ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryMatcher:
    """A checked, compiled :class:`InstanceQuery` (see :func:`compile_query`)."""

    type_names: frozenset[str] | None
    statuses: frozenset[object]
    condition: Test | None
    classifications: Callable[[EntitySummary], bool] | None

    def _header_matches(self, instance: InstanceHeader) -> bool:
        if self.type_names is not None:
            type_name = instance.type.type_def_name if instance.type is not None else None
            if type_name not in self.type_names:
                return False
        return not self.statuses or instance.status in self.statuses

    def entity(self, entity: EntitySummary) -> bool:
        """Whether ``entity`` (an ``EntityDetail``; a summary has no properties) satisfies the query."""
        if not self._header_matches(entity):
            return False
        if self.condition is not None and not self.condition(entity, getattr(entity, "properties", None)):
            return False
        return self.classifications is None or self.classifications(entity)

    def relationship(self, relationship: Relationship) -> bool:
        """Whether ``relationship`` satisfies the query (classification conditions do not apply)."""
        if not self._header_matches(relationship):
            return False
        return self.condition is None or self.condition(relationship, relationship.properties)


def compile_query(query: InstanceQuery, *, action: str = "find") -> QueryMatcher:
    """Check ``query`` and compile its filters; raises ``InvalidParameterException`` (module doc)."""
    return QueryMatcher(
        type_names=query.type_names,
        statuses=frozenset(query.statuses),
        condition=None if query.condition is None else _compile(query.condition, _PROPERTIES, action),
        classifications=(
            None if query.classifications is None else _compile_classifications(query.classifications, action)
        ),
    )


def entity_matches(entity: EntitySummary, query: InstanceQuery) -> bool:
    """Whether ``entity`` satisfies ``query``'s filters (not ``as_of`` or ``paging``)."""
    return compile_query(query).entity(entity)


def relationship_matches(relationship: Relationship, query: InstanceQuery) -> bool:
    """Whether ``relationship`` satisfies ``query``'s filters (not ``as_of`` or ``paging``)."""
    return compile_query(query).relationship(relationship)


# --- compiling conditions ------------------------------------------------------------------------


def _combine(combine: Combine, tests: Sequence[Callable[..., bool]]) -> Callable[..., bool]:
    parts = tuple(tests)
    if combine is Combine.ALL:
        return lambda *args: all(t(*args) for t in parts)
    if combine is Combine.ANY:
        return lambda *args: any(t(*args) for t in parts)
    return lambda *args: not any(t(*args) for t in parts)


def _compile(condition: Condition, parameter: str, action: str) -> Test:
    if isinstance(condition, Conditions):
        return _combine(condition.combine, [_compile(c, parameter, action) for c in condition.children])
    if isinstance(condition, AnyValueMatches):
        return _any_value(java_pattern(condition.regex, parameter_name=_SEARCH_CRITERIA, action=action))
    if isinstance(condition, PropertyTest):
        return _property_test(condition, parameter, action)
    raise TypeError(f"not a search condition: {condition!r}")


def _invalid(code: OMRSErrorCode, parameter: str, action: str, *params: object) -> InvalidParameterException:
    return InvalidParameterException.from_code(code, *params, action=action, parameter_name=parameter)


def _property_test(test: PropertyTest, parameter: str, action: str) -> Test:
    name, operator, value = test.property, test.operator, test.value

    def actual(header: InstanceAuditHeader, properties: InstanceProperties | None) -> object:
        if name in HEADER_PROPERTIES:
            return property_value(name, header, properties)
        return None if properties is None else properties.instance_properties.get(name)

    if operator is Operator.IS_NULL:
        return lambda h, p: actual(h, p) is None
    if operator is Operator.NOT_NULL:
        return lambda h, p: actual(h, p) is not None
    if value is None:
        raise _invalid(OMRSErrorCode.INVALID_PROPERTY_SEARCH, parameter, action)
    if operator in (Operator.EQ, Operator.NEQ):
        equal = Operator.EQ is operator
        return lambda h, p: same_value(actual(h, p), value) is equal  # type: ignore[arg-type]
    if operator is Operator.IN:
        if not isinstance(value, ArrayPropertyValue):
            raise _invalid(OMRSErrorCode.INVALID_LIST_CONDITION, parameter, action)
        options = list(value.array_values.instance_properties.values()) if value.array_values else []

        def is_in(h: InstanceAuditHeader, p: InstanceProperties | None) -> bool:
            found = actual(h, p)
            return found is not None and any(same_value(found, o) for o in options)  # type: ignore[arg-type]

        return is_in
    if operator in (Operator.MATCHES, Operator.NOT_MATCHES):
        regex = value.primitive_value if isinstance(value, PrimitivePropertyValue) else None
        if not isinstance(regex, str):
            raise _invalid(OMRSErrorCode.INVALID_LIKE_CONDITION, parameter, action)
        pattern, wanted = (
            java_pattern(regex, parameter_name=parameter, action=action),
            operator is Operator.MATCHES,
        )

        def matches(h: InstanceAuditHeader, p: InstanceProperties | None) -> bool:
            text = java_string(actual(h, p))  # type: ignore[arg-type]
            return (text is not None and pattern.fullmatch(text) is not None) is wanted

        return matches
    return _order_test(operator, value, actual, parameter, action)


_ORDER: dict[Operator, Callable[[Decimal, Decimal], bool]] = {
    Operator.LT: lambda a, b: a < b,
    Operator.LTE: lambda a, b: a <= b,
    Operator.GT: lambda a, b: a > b,
    Operator.GTE: lambda a, b: a >= b,
}


def _order_test(
    operator: Operator, value: object, actual: Callable[..., object], parameter: str, action: str
) -> Test:
    compare = _ORDER.get(operator)
    if compare is None:  # pragma: no cover - Operator is exhaustive
        raise TypeError(f"unknown operator {operator!r}")
    bound = numeric(value) if isinstance(value, PrimitivePropertyValue) else None
    if bound is None or not (
        isinstance(value, PrimitivePropertyValue) and value.primitive_def_category in NUMERIC_CATEGORIES
    ):
        raise _invalid(OMRSErrorCode.INVALID_NUMERIC_CONDITION, parameter, action, operator.value)

    def ordered(h: InstanceAuditHeader, p: InstanceProperties | None) -> bool:
        number = numeric(actual(h, p))  # type: ignore[arg-type]
        return number is not None and compare(number, bound)

    return ordered


def _any_value(pattern: re.Pattern[str]) -> Test:
    def search(properties: InstanceProperties | None) -> bool:
        if properties is None:
            return False
        for value in properties.instance_properties.values():
            if isinstance(value, PrimitivePropertyValue):
                text = value.primitive_value
                if (
                    value.primitive_def_category is PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING
                    and isinstance(text, str)
                    and pattern.fullmatch(text)
                ):
                    return True
            elif isinstance(value, EnumPropertyValue):
                if value.symbolic_name is not None and pattern.fullmatch(value.symbolic_name):
                    return True
            elif isinstance(value, ArrayPropertyValue):
                if search(value.array_values):
                    return True
            elif isinstance(value, MapPropertyValue):
                if search(value.map_values):
                    return True
            elif isinstance(value, StructPropertyValue) and search(value.attributes):
                return True
        return False

    return lambda header, properties: search(properties)


def _compile_classifications(
    conditions: ClassificationConditions, action: str
) -> Callable[[EntitySummary], bool]:
    tests: list[Callable[[EntitySummary], bool]] = []
    for child in conditions.children:
        condition = None if child.condition is None else _compile(child.condition, _CLASSIFICATIONS, action)
        tests.append(_classification_test(child.name, condition))
    return _combine(conditions.combine, tests)


def _classification_test(name: str, condition: Test | None) -> Callable[[EntitySummary], bool]:
    def test(entity: EntitySummary) -> bool:
        return any(
            c.name == name and (condition is None or condition(c, c.properties))
            for c in entity.classifications
        )

    return test


# --- paging --------------------------------------------------------------------------------------


def _guid(instance: InstanceHeader) -> str:
    return instance.guid or ""


def _sorted(instances: Sequence[H], paging: Paging) -> list[H]:
    order = paging.order
    # GUID order first: every other order is a stable sort on top, so ties fall back to GUID.
    by_guid = sorted(instances, key=_guid)
    if order in (None, SequencingOrder.ANY, SequencingOrder.GUID):
        return by_guid
    if order in (SequencingOrder.CREATION_DATE_RECENT, SequencingOrder.CREATION_DATE_OLDEST):
        return _by_key(by_guid, lambda i: i.create_time, order is SequencingOrder.CREATION_DATE_RECENT)
    if order in (SequencingOrder.LAST_UPDATE_RECENT, SequencingOrder.LAST_UPDATE_OLDEST):
        # A never-updated instance was last updated when it was created.
        return _by_key(
            by_guid, lambda i: i.update_time or i.create_time, order is SequencingOrder.LAST_UPDATE_RECENT
        )
    name = paging.order_property
    if name is None:
        return by_guid

    def key(instance: H) -> object:
        return sort_key(property_value(name, instance, getattr(instance, "properties", None)))

    return _by_key(by_guid, key, order is SequencingOrder.PROPERTY_DESCENDING)


def _by_key(instances: list[H], key: Callable[[H], object], descending: bool) -> list[H]:
    """Stable sort by ``key``; instances whose key is None go last in either direction."""
    keyed = [(key(i), i) for i in instances]
    present = [pair for pair in keyed if pair[0] is not None]
    # sort(reverse=True) keeps equal keys in their original (GUID) order, as a stable sort must.
    present.sort(key=lambda pair: pair[0], reverse=descending)  # type: ignore[arg-type,return-value]
    return [i for _, i in present] + [i for k, i in keyed if k is None]


def apply_paging(instances: Sequence[H], paging: Paging) -> list[H]:
    """Sort ``instances`` by ``paging.order`` and return the page ``[offset, offset + page_size)``.

    Orders: GUID, CREATION_DATE_RECENT/OLDEST (``createTime``), LAST_UPDATE_RECENT/OLDEST (``updateTime``,
    else ``createTime``), PROPERTY_ASCENDING/DESCENDING by ``order_property`` (an attribute or a header
    pseudo-property; values compare as :func:`~graphrepo.store._comparison.sort_key`). Instances without a
    sort value go last; ties are broken by GUID, so the order is total and stable across calls and
    stores. None or ANY is GUID order. ``page_size`` 0 means all; an offset past the end gives ``[]``."""
    if paging.offset < 0 or paging.page_size < 0:
        raise ValueError(f"offset and page_size must not be negative: {paging!r}")
    ordered = _sorted(instances, paging)
    end = None if paging.page_size == 0 else paging.offset + paging.page_size
    return ordered[paging.offset : end]
