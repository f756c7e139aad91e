"""Searches: narrow the candidates with one index, then let the shared evaluator give the exact answer.

The evaluator (:mod:`graphrepo.store._matching`) defines what a search means; this module only picks the
cheapest *superset* Neo4j can produce from an index, in this order of preference:

1. ``guid = x`` among the top-level ALL conditions: the unique GUID seek;
2. a string hint on an attribute (a helper-shaped ``MATCHES`` regex, or ``EQ`` of a string) when every
   searched type has a type-derived TEXT index for it: ``=``/``STARTS WITH``/``ENDS WITH``/``CONTAINS``
   on the introducing type's label (entities) or on each relationship type;
3. a string hint of three characters or more (an attribute's, or ``AnyValueMatches``'s): ``CONTAINS`` on
   the instance's search text (``_graph_values``);
4. an ALL classification condition (entities): the classification nodes of that name;
5. the type names: the ``_typeName`` index (entities) or key index (relationships);
6. a shorter string hint; 7. everything of the kind.

Type names and statuses are always filtered in Cypher too (exactly). When nothing else is asked for,
that filter *is* the answer, so the page is cut in Cypher (GUID order, as ``apply_paging`` orders for
GUID/ANY/none); otherwise every candidate is evaluated and ``apply_paging`` sorts and slices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Final, LiteralString

from graphrepo.omrs import PrimitiveDefCategory, PrimitivePropertyValue, SequencingOrder
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
from graphrepo.store._schema_spec import IndexKind, IndexSpec, IndexTarget
from graphrepo.store.neo4j._cypher_names import quote_name
from graphrepo.store.neo4j._queries import QueryLibrary

__all__ = ["IndexFor", "SearchPlan", "TextHint", "plan_search", "render_attribute_search"]

IndexFor = Callable[[str, str], IndexSpec | None]
"""``(type name, attribute) -> the type-derived index serving it`` (``SchemaPlan.index_for``)."""

_GUID_ORDERS: Final = (None, SequencingOrder.ANY, SequencingOrder.GUID)
_COMPARISON: Final[dict[str, LiteralString]] = {
    "exact": "=",
    "prefix": "STARTS WITH",
    "suffix": "ENDS WITH",
    "contains": "CONTAINS",
}
_TRIGRAM: Final = 3  # the TEXT index works on trigrams: shorter literals scan much of it


@dataclass(frozen=True, slots=True)
class TextHint:
    """Every match has ``literal`` in ``attribute``'s text (None: in some attribute) as ``kind`` says."""

    attribute: str | None
    kind: str
    literal: str


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """The candidate query, its parameters, and whether its rows already are the requested page."""

    text: LiteralString
    parameters: dict[str, Any] = field(default_factory=dict)
    paged: bool = False


def plan_search(
    query: InstanceQuery, queries: QueryLibrary, index_for: IndexFor | None, *, entities: bool
) -> SearchPlan:
    """The candidate query for ``query`` over entities (or relationships): see the module doc."""
    kind = "entity" if entities else "relationship"
    common: dict[str, Any] = {
        "typeNames": sorted(query.type_names) if query.type_names is not None else None,
        "statuses": sorted(s.value for s in query.statuses) or None,
    }
    conjuncts = list(_conjuncts(query.condition))
    guid = next((g for g in map(_guid_equality, conjuncts) if g is not None), None)
    if guid is not None:
        return SearchPlan(queries.text(f"{kind}_candidates_by_guid"), {**common, "guid": guid})
    hints = sorted(
        (h for h in map(_text_hint, conjuncts) if h is not None), key=lambda h: len(h.literal), reverse=True
    )
    for hint in hints:
        plan = _attribute_plan(hint, query, index_for, common, entities=entities)
        if plan is not None:
            return plan
    long_hints = [h for h in hints if len(h.literal) >= _TRIGRAM]
    if long_hints:
        return SearchPlan(
            queries.text(f"{kind}_candidates_by_text"), {**common, "text": long_hints[0].literal}
        )
    classification = _classification_name(query) if entities else None
    if classification is not None:
        return SearchPlan(
            queries.text("entity_candidates_by_classification"), {**common, "classification": classification}
        )
    exact = query.condition is None and query.classifications is None
    paging = query.paging
    page_here = exact and paging.order in _GUID_ORDERS
    page = {"offset": paging.offset, "limit": paging.page_size or 2**62}
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


# --- type-derived attribute indexes ----------------------------------------------------------------


def _attribute_plan(
    hint: TextHint,
    query: InstanceQuery,
    index_for: IndexFor | None,
    common: dict[str, Any],
    *,
    entities: bool,
) -> SearchPlan | None:
    if index_for is None or hint.attribute is None or not query.type_names:
        return None
    target = IndexTarget.NODE if entities else IndexTarget.RELATIONSHIP
    groups: dict[str, list[str]] = {}
    for type_name in sorted(query.type_names):
        spec = index_for(type_name, hint.attribute)
        if spec is None or spec.kind is not IndexKind.TEXT or spec.target is not target:
            return None
        groups.setdefault(spec.token, []).append(type_name)
    text = render_attribute_search(sorted(groups), hint.attribute, hint.kind, entities=entities)
    return SearchPlan(text, {**common, "literal": hint.literal})


def render_attribute_search(tokens: list[str], attribute: str, kind: str, *, entities: bool) -> LiteralString:
    """The candidate query on the TEXT indexes of ``attribute`` on each label or relationship type in
    ``tokens``, filtered by ``$typeNames`` and ``$statuses``. Names pass :func:`quote_name`."""
    comparison = _COMPARISON[kind]
    name = quote_name(attribute)
    branches: list[LiteralString] = []
    for token in tokens:
        if entities:
            branches.append(
                "  MATCH (n:" + quote_name(token) + ") WHERE n." + name + " " + comparison + " $literal"
                " AND n._typeName IN $typeNames RETURN n AS found"
            )
        else:
            branches.append(
                "  MATCH ()-[r:"
                + quote_name(token)
                + "]->() WHERE r."
                + name
                + " "
                + comparison
                + " $literal RETURN r AS found"
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
