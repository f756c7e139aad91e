"""Searches: narrow the candidates with one index, then let the shared evaluator give the exact answer.

The evaluator (:mod:`graphrepo.store._matching`) defines what a search means; this module only picks the
cheapest *superset* Neo4j can produce from an index, in this order of preference:

1. ``guid = x`` among the top-level ALL conditions: the unique GUID seek;
2. an attribute seek, when every searched type has a type-derived (RANGE) index for the attribute:
   ``=`` for ``EQ`` of a string, char, boolean, integer, float or enum value and for an exact regex
   literal (``\\Q..\\E``), ``IN`` for ``IN``, ``STARTS WITH`` for a prefix regex (``\\Q..\\E.*``), on the
   introducing type's label (entities) or on each relationship type. A regex tests the value's Java
   string, which for a number, boolean, date or collection differs from its projection, so a regex hint
   seeks only when its literal cannot begin such a string (not a digit, ``-``, ``{`` or ``[``, no prefix of
   ``true``, ``false``, ``NaN``, ``Infinity``): then only strings and enum names can match. Instances
   flagged ``_longValues`` (a string projection truncated to fit the index, see ``_graph_values``) are
   added as candidates from their own index;
3. a string hint of three characters or more (an attribute's, or ``AnyValueMatches``'s, contains and
   suffix regexes included): ``CONTAINS`` on the instance's search text (``_graph_values``);
4. an ALL classification condition (entities): the classification nodes of that name (when that
   classification, by name only, is the whole query, its filter is the answer and the page is cut in
   Cypher, as for types); a seek hint on that classification's properties filters its nodes in Cypher
   (classification attributes have no index, but the other entities' documents are not read);
5. the type names: the ``_typeName`` index (entities) or key index (relationships);
6. a shorter string hint; 7. everything of the kind.

Type names and statuses are always filtered in Cypher too (exactly). When nothing else is asked for,
that filter *is* the answer, so the page is cut in Cypher (GUID order, as ``apply_paging`` orders for
GUID/ANY/none): each type's instances are read from the ``(_typeName, _guid)`` index already in GUID
order and only ``offset + page size`` of them per type (migration 0005), so the cost does not grow with
the type; otherwise every candidate is evaluated and ``apply_paging`` sorts and slices. Text candidates
that wait for the TEXT index (``_searchPending``) are tested with ``CONTAINS`` on their pending text, so
only those holding the literal are read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final, LiteralString

from graphrepo.omrs import (
    ArrayPropertyValue,
    EnumPropertyValue,
    PrimitiveDefCategory,
    PrimitivePropertyValue,
    SequencingOrder,
)
from graphrepo.store._comparison import HEADER_PROPERTIES
from graphrepo.store._instance_store import (
    AnyValueMatches,
    ClassificationTest,
    Combine,
    Condition,
    Conditions,
    InstanceQuery,
    Operator,
    PropertyTest,
)
from graphrepo.store._matching import literal_hint
from graphrepo.store._schema_spec import IndexSpec, IndexTarget
from graphrepo.store.neo4j._cypher_names import quote_name
from graphrepo.store.neo4j._graph_values import NATIVE_STRING_LIMIT
from graphrepo.store.neo4j._queries import QueryLibrary

__all__ = [
    "IndexFor",
    "SearchPlan",
    "SeekHint",
    "TextHint",
    "plan_search",
    "render_attribute_search",
]

IndexFor = Callable[[str, str], IndexSpec | None]
"""``(type name, attribute) -> the type-derived index serving it`` (``SchemaPlan.index_for``)."""

_GUID_ORDERS: Final = (None, SequencingOrder.ANY, SequencingOrder.GUID)
# Comparisons a RANGE index seeks: the kinds of SeekHint.
_COMPARISON: Final[dict[str, LiteralString]] = {
    "exact": "=",
    "in": "IN",
    "prefix": "STARTS WITH",
}
_SEEK_PREFERENCE: Final = {"exact": 0, "in": 1, "prefix": 2}
# A truncated projection keeps at least this many bytes of the value (a character boundary costs <= 3).
_UNTRUNCATED: Final = NATIVE_STRING_LIMIT - 3
_TRIGRAM: Final = 3  # the TEXT index works on trigrams: shorter literals scan much of it
# Primitive categories whose native projection (``_graph_values``) equals the value exactly as EQ compares
# it. Not DATE (EQ compares milliseconds, the projection keeps what it is given), nor BIGINTEGER and
# BIGDECIMAL (projected as text in some cases; never type-indexed).
_SEEKABLE: Final = frozenset(
    {
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_CHAR,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BOOLEAN,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_BYTE,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_SHORT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_INT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_LONG,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_FLOAT,
        PrimitiveDefCategory.OM_PRIMITIVE_TYPE_DOUBLE,
    }
)
_SCALARS: Final = (str, bool, int, float)
# What Java's valueAsString of a non-string value (number, boolean, date, collection) may begin with.
_NON_STRING_STARTS: Final = frozenset("0123456789-{[")
_NON_STRING_WORDS: Final = ("true", "false", "NaN", "Infinity")
_INT64: Final = range(-(2**63), 2**63)


@dataclass(frozen=True, slots=True)
class TextHint:
    """Every match has ``literal`` in ``attribute``'s text (None: in some attribute) as ``kind`` says."""

    attribute: str | None
    kind: str
    literal: str


@dataclass(frozen=True, slots=True)
class SeekHint:
    """Every match's ``attribute`` projects to a value that is ``kind`` (exact, in, prefix) ``value``, or
    the instance is flagged ``_longValues``."""

    attribute: str
    kind: str
    value: object


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """The candidate query, its parameters, and whether its rows already are the requested page."""

    text: LiteralString
    parameters: dict[str, Any] = field(default_factory=dict)
    paged: bool = False


def plan_search(
    query: InstanceQuery,
    queries: QueryLibrary,
    index_for: IndexFor | None,
    *,
    entities: bool,
) -> SearchPlan:
    """The candidate query for ``query`` over entities (or relationships): see the module doc. Without
    ``index_for`` no type-derived index is used."""
    kind = "entity" if entities else "relationship"
    common: dict[str, Any] = {
        "typeNames": sorted(query.type_names) if query.type_names is not None else None,
        "statuses": sorted(s.value for s in query.statuses) or None,
    }
    conjuncts = list(_conjuncts(query.condition))
    guid = next((g for g in map(_guid_equality, conjuncts) if g is not None), None)
    if guid is not None:
        return SearchPlan(queries.text(f"{kind}_candidates_by_guid"), {**common, "guid": guid})
    for seek in _seeks(conjuncts):
        plan = _attribute_plan(seek, query, index_for, common, entities=entities)
        if plan is not None:
            return plan
    hints = sorted(
        (h for h in map(_text_hint, conjuncts) if h is not None), key=lambda h: len(h.literal), reverse=True
    )
    long_hints = [h for h in hints if len(h.literal) >= _TRIGRAM]
    if long_hints:
        return SearchPlan(
            queries.text(f"{kind}_candidates_by_text"), {**common, "text": long_hints[0].literal}
        )
    paging = query.paging
    page = {"offset": paging.offset, "limit": paging.page_size or 2**62}
    classification = _classification_name(query) if entities else None
    if classification is not None:
        parameters = {**common, "classification": classification}
        if _only_classification_name(query) and paging.order in _GUID_ORDERS:
            return SearchPlan(
                queries.text("entity_page_by_classification"), {**parameters, **page}, paged=True
            )
        on_classification = _classification_seek(query)
        if on_classification is not None:
            value = on_classification.value
            return SearchPlan(
                queries.text("entity_candidates_by_classification_attribute"),
                {
                    **parameters,
                    "attribute": on_classification.attribute,
                    "prefix": on_classification.kind == "prefix",
                    # One parameter type for every kind: Neo4j checks a parameter's type as it plans.
                    "values": value if isinstance(value, list) else [value],
                },
            )
        return SearchPlan(queries.text("entity_candidates_by_classification"), parameters)
    exact = query.condition is None and query.classifications is None
    page_here = exact and paging.order in _GUID_ORDERS
    if query.type_names is not None:
        if page_here:
            return SearchPlan(queries.text(f"{kind}_page_by_type"), {**common, **page}, paged=True)
        return SearchPlan(queries.text(f"{kind}_candidates_by_type"), common)
    if hints:
        return SearchPlan(queries.text(f"{kind}_candidates_by_text"), {**common, "text": hints[0].literal})
    if page_here:
        return SearchPlan(queries.text(f"{kind}_page_all"), {**common, **page}, paged=True)
    return SearchPlan(queries.text(f"{kind}_candidates_all"), common)


# --- reading the query ---------------------------------------------------------------------------


def _conjuncts(condition: Condition | None) -> Iterator[Condition]:
    """The conditions every match satisfies (the members of nested ALLs)."""
    if condition is None:
        return
    if isinstance(condition, Conditions):
        if condition.combine is Combine.ALL:
            for child in condition.children:
                yield from _conjuncts(child)
        elif condition.combine is Combine.ANY and len(condition.children) == 1:
            yield from _conjuncts(condition.children[0])
        return
    yield condition


def _string_value(value: object) -> str | None:
    if (
        isinstance(value, PrimitivePropertyValue)
        and value.primitive_def_category is PrimitiveDefCategory.OM_PRIMITIVE_TYPE_STRING
        and isinstance(value.primitive_value, str)
    ):
        return value.primitive_value
    return None


def _guid_equality(condition: Condition) -> str | None:
    if (
        isinstance(condition, PropertyTest)
        and condition.property == "guid"
        and condition.operator is Operator.EQ
    ):
        return _string_value(condition.value)
    return None


def _text_hint(condition: Condition) -> TextHint | None:
    if isinstance(condition, AnyValueMatches):
        return _regex_hint(None, condition.regex)
    if not isinstance(condition, PropertyTest) or condition.property in HEADER_PROPERTIES:
        return None
    if condition.operator is Operator.EQ:
        literal = _string_value(condition.value)
        return TextHint(condition.property, "exact", literal) if literal else None
    if condition.operator is Operator.MATCHES:
        regex = _string_value(condition.value)
        return _regex_hint(condition.property, regex) if regex is not None else None
    return None


def _seeks(conjuncts: Iterable[Condition]) -> list[SeekHint]:
    """The seek hints of ``conjuncts``, the most selective kind first (exact, in, prefix; a longer
    prefix first)."""
    return sorted(
        (h for h in map(_seek_hint, conjuncts) if h is not None),
        key=lambda h: (_SEEK_PREFERENCE[h.kind], -len(h.value) if isinstance(h.value, str) else 0),
    )


def _seek_hint(condition: Condition) -> SeekHint | None:
    if not isinstance(condition, PropertyTest) or condition.property in HEADER_PROPERTIES:
        return None
    name, value = condition.property, condition.value
    if condition.operator is Operator.EQ:
        projected = _seek_value(value)
        return None if projected is None else SeekHint(name, "exact", projected)
    if condition.operator is Operator.IN and isinstance(value, ArrayPropertyValue):
        options = value.array_values.instance_properties.values() if value.array_values else []
        projections = [_seek_value(option) for option in options]
        if any(p is None for p in projections):
            return None
        return SeekHint(name, "in", projections)
    if condition.operator is Operator.MATCHES:
        regex = _string_value(value)
        hint = _regex_hint(name, regex) if regex is not None else None
        if hint is not None and hint.kind in ("exact", "prefix") and _only_strings_match(hint.literal):
            return SeekHint(name, hint.kind, hint.literal)
    return None


def _only_strings_match(literal: str) -> bool:
    """Whether no non-string value's Java string can equal or start with ``literal`` (module doc)."""
    if literal[0] in _NON_STRING_STARTS:
        return False
    return not any(word.startswith(literal) for word in _NON_STRING_WORDS)


def _seek_value(value: object) -> object | None:
    """The native projection of an EQ/IN value that equals it exactly as EQ compares (else None)."""
    if isinstance(value, EnumPropertyValue):
        return value.symbolic_name
    if isinstance(value, PrimitivePropertyValue) and value.primitive_def_category in _SEEKABLE:
        held = value.primitive_value
        if isinstance(held, int) and not isinstance(held, bool) and held not in _INT64:
            return None  # projected as text (and not a value the driver can send as an integer)
        return held if isinstance(held, _SCALARS) else None
    return None


def _regex_hint(attribute: str | None, regex: str) -> TextHint | None:
    hint = literal_hint(regex)
    if hint is None or hint.case_insensitive or not hint.literal:
        return None
    return TextHint(attribute, hint.kind, hint.literal)


def _classification_name(query: InstanceQuery) -> str | None:
    conditions = query.classifications
    if conditions is None or not conditions.children:
        return None
    if conditions.combine is Combine.ALL or (
        conditions.combine is Combine.ANY and len(conditions.children) == 1
    ):
        first: ClassificationTest = conditions.children[0]
        return first.name
    return None


def _classification_seek(query: InstanceQuery) -> SeekHint | None:
    """A seek hint on the properties of the classification :func:`_classification_name` names: every
    match's classification node holds a projection that passes it (or is flagged ``_longValues``).
    Classification attributes have no type-derived index, but filtering their nodes in Cypher keeps the
    other classified entities' documents from being read and parsed. The hint's rules do not depend on
    an index: EQ and IN compare within one primitive category, whose projection is exact, and a regex
    hint is taken only when no non-string value's Java string can match it."""
    conditions = query.classifications
    if conditions is None or not conditions.children or conditions.children[0].condition is None:
        return None
    seeks = _seeks(_conjuncts(conditions.children[0].condition))
    return seeks[0] if seeks else None


def _only_classification_name(query: InstanceQuery) -> bool:
    """Whether the query asks only for one classification by name (no property condition on it or on the
    entity): then the classification seek's filter is the exact answer."""
    conditions = query.classifications
    return (
        query.condition is None
        and conditions is not None
        and len(conditions.children) == 1
        and conditions.combine in (Combine.ALL, Combine.ANY)
        and conditions.children[0].condition is None
    )


# --- type-derived attribute indexes ----------------------------------------------------------------


def _attribute_plan(
    hint: SeekHint,
    query: InstanceQuery,
    index_for: IndexFor | None,
    common: dict[str, Any],
    *,
    entities: bool,
) -> SearchPlan | None:
    if index_for is None or not query.type_names:
        return None
    target = IndexTarget.NODE if entities else IndexTarget.RELATIONSHIP
    groups: dict[str, list[str]] = {}
    for type_name in sorted(query.type_names):
        spec = index_for(type_name, hint.attribute)
        if spec is None or spec.target is not target:
            return None
        groups.setdefault(spec.token, []).append(type_name)
    text = render_attribute_search(
        sorted(groups), hint.attribute, hint.kind, entities=entities, long_values=_may_need_long_values(hint)
    )
    return SearchPlan(text, {**common, "literal": hint.value})


def _may_need_long_values(hint: SeekHint) -> bool:
    """Whether an instance flagged ``_longValues`` can match ``hint`` without its seek finding it. A long
    string is stored truncated to its first ``NATIVE_STRING_LIMIT - 3`` bytes or more (``_graph_values``),
    so a string literal no longer than that compares alike against the truncated and the whole value
    (equal: never, the value is longer; starts with: the same answer). Only a longer one needs them."""
    values = hint.value if isinstance(hint.value, list) else [hint.value]
    return any(isinstance(value, str) and len(value.encode()) > _UNTRUNCATED for value in values)


def render_attribute_search(
    tokens: list[str], attribute: str, kind: str, *, entities: bool, long_values: bool = True
) -> LiteralString:
    """The candidate query on the type-derived RANGE indexes of ``attribute`` on each label or
    relationship type in ``tokens`` (``kind``: exact, in or prefix, compared with ``$literal``), plus,
    with ``long_values``, the instances flagged ``_longValues``; filtered by ``$typeNames`` and
    ``$statuses``. Names pass :func:`quote_name`. One seek and no flagged instances make a plain statement:
    it plans in about half the time of a union (each statement text is planned once, at its first use)."""
    comparison = _COMPARISON[kind]
    name = quote_name(attribute)
    branches: list[LiteralString] = []
    for token in tokens:
        label = quote_name(token)
        # USING INDEX SEEK: with fresh or empty statistics the 5.26 planner may prefer a label scan, the
        # _typeName index or a full scan of this one; the plan is cached, so pin it.
        if entities:
            branches.append(
                "  MATCH (n:" + label + ") USING INDEX SEEK n:" + label + "(" + name + ")"
                " WHERE n." + name + " " + comparison + " $literal"
                " AND n._typeName IN $typeNames RETURN n AS found"
            )
        elif kind == "in":
            # Neo4j 5.26 plans `r.p IN $list` on a relationship index as a full index scan: seek per value.
            branches.append(
                "  UNWIND $literal AS literal MATCH ()-[r:" + label + "]->()"
                " USING INDEX SEEK r:" + label + "(" + name + ")"
                " WHERE r." + name + " = literal RETURN r AS found"
            )
        else:
            branches.append(
                "  MATCH ()-[r:" + label + "]->() USING INDEX SEEK r:" + label + "(" + name + ")"
                " WHERE r." + name + " " + comparison + " $literal RETURN r AS found"
            )
    if long_values and entities:
        branches.append(
            "  MATCH (n:Entity) USING INDEX SEEK n:Entity(_longValues)"
            " WHERE n._longValues = true AND n._typeName IN $typeNames RETURN n AS found"
        )
    elif long_values:
        branches.append(
            "  MATCH (k:RelationshipKey) USING INDEX SEEK k:RelationshipKey(_longValues)\n"
            "  WHERE k._longValues = true AND k._typeName IN $typeNames\n"
            "  MATCH (a:Entity {_guid: k._end1})\n"
            "  MATCH (b:Entity {_guid: k._end2})\n"
            "  CALL (a, b, k) {\n"
            "    MATCH (a)-[r]->(b)\n"
            "    WHERE r._guid = k._guid\n"
            "    RETURN r\n"
            "  }\n"
            "  RETURN r AS found"
        )
    # One branch: the same statement without the CALL (an IN seek per value may find one relationship
    # twice; the store drops repeated rows).
    if len(branches) == 1:
        candidates: LiteralString = branches[0].removeprefix("  ").removesuffix(" RETURN n AS found")
        candidates = candidates.removesuffix(" RETURN r AS found")
        if entities:
            return (
                candidates + "\n"
                "  AND NOT n:EntityProxy AND ($statuses IS NULL OR n._status IN $statuses)\n"
                "RETURN n._doc AS doc"
            )
        return (
            candidates + "\n"
            "  AND ($typeNames IS NULL OR type(r) IN $typeNames)\n"
            "  AND ($statuses IS NULL OR r._status IN $statuses)\n"
            "RETURN r._doc AS doc"
        )
    union: LiteralString = "\n  UNION\n".join(branches)
    if entities:
        return (
            "CALL () {\n" + union + "\n}\n"
            "WITH found AS n\n"
            "WHERE NOT n:EntityProxy AND ($statuses IS NULL OR n._status IN $statuses)\n"
            "RETURN n._doc AS doc"
        )
    return (
        "CALL () {\n" + union + "\n}\n"
        "WITH found AS r\n"
        "WHERE ($typeNames IS NULL OR type(r) IN $typeNames)\n"
        "  AND ($statuses IS NULL OR r._status IN $statuses)\n"
        "RETURN r._doc AS doc"
    )
