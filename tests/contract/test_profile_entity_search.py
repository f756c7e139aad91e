"""CTS profile "Entity search" (ENTITY_PROPERTY_SEARCH, ENTITY_VALUE_SEARCH, ENTITY_CONDITION_SEARCH).

Modelled on ``TestSupportedEntitySearch`` (basic part: helper-produced regexes only,
exact/starts/ends/contains, ``\\Q..\\E`` quoting; MatchCriteria ALL/ANY/NONE on single and dual properties;
empty match properties; paging over two pages of instances) and on the find-entities checks of
``TestSupportedEntityLifecycle`` (``findEntities`` with ``SearchProperties``: every
``PropertyComparisonOperator``, nested conditions). Expected results are compared as sets (the CTS allows
extra genuine matches; here the data is known, so the sets are exact).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import (
    MatchCriteria,
    PropertyComparisonOperator,
    SearchProperties,
    primitive_value,
)
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import (
    USER,
    add,
    array_of,
    cond,
    enum_value,
    guids,
    nested,
    props,
    search,
    type_guid,
)

Op = PropertyComparisonOperator
ALL, ANY, NONE = MatchCriteria.ALL, MatchCriteria.ANY, MatchCriteria.NONE


def day(year: int, month: int) -> datetime:
    return datetime(year, month, 1, tzinfo=UTC)


@pytest.fixture
def todos(collection: MetadataCollection, gallery: TypeGallery) -> dict[str, str]:
    """Five ToDos: string, int, date and enum attributes, some left null; names hold metacharacters."""
    c, g = collection, gallery
    return {
        "t1": add(
            c, g, "ToDo", qualifiedName="todo-1", name="Alpha", description="first (a+b)",
            priority=1, dueTime=day(2024, 1), toDoStatus="Open",
        ),
        "t2": add(
            c, g, "ToDo", qualifiedName="todo-2", name="beta", description="second [x]",
            priority=2, dueTime=day(2024, 6), toDoStatus="In Progress",
        ),
        "t3": add(
            c, g, "ToDo", qualifiedName="todo-3", name="Gamma.Delta", priority=3,
            dueTime=day(2025, 1), toDoStatus="Complete",
        ),
        "t4": add(c, g, "ToDo", qualifiedName="todo-4", name="GammaxDelta", priority=3),
        "t5": add(c, g, "ToDo", qualifiedName="TODO-5", name="delta*", toDoStatus="Open"),
    }  # fmt: skip


def _find(c: MetadataCollection, g: TypeGallery, sp: SearchProperties) -> set[str]:
    return guids(c.find_entities(USER, type_guid(g, "ToDo"), match_properties=sp))


def test_every_operator_on_strings(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    every = set(t.values())
    assert _find(c, g, search(cond("name", Op.EQ, "beta"))) == {t["t2"]}
    assert _find(c, g, search(cond("name", Op.EQ, "Beta"))) == set()  # EQ is case-sensitive
    assert _find(c, g, search(cond("name", Op.NEQ, "beta"))) == every - {t["t2"]}
    names = array_of(primitive_value("Alpha"), primitive_value("beta"), primitive_value("nobody"))
    assert _find(c, g, search(cond("name", Op.IN, names))) == {t["t1"], t["t2"]}
    assert _find(c, g, search(cond("description", Op.IS_NULL))) == {t["t3"], t["t4"], t["t5"]}
    assert _find(c, g, search(cond("description", Op.NOT_NULL))) == {t["t1"], t["t2"]}
    assert _find(c, g, search(cond("name", Op.LIKE, r"\QGamma.Delta\E"))) == {t["t3"]}
    assert _find(c, g, search(cond("name", Op.NOT_LIKE, r"\QGamma.Delta\E"))) == every - {t["t3"]}
    # LIKE is a full match: a substring is not enough.
    assert _find(c, g, search(cond("name", Op.LIKE, "Gamma"))) == set()
    assert _find(c, g, search(cond("name", Op.LIKE, "Gamma.Delta"))) == {t["t3"], t["t4"]}


def test_every_operator_on_ints_dates_and_enums(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    three = primitive_value(3)
    assert _find(c, g, search(cond("priority", Op.EQ, three))) == {t["t3"], t["t4"]}
    assert _find(c, g, search(cond("priority", Op.LT, 2))) == {t["t1"]}
    assert _find(c, g, search(cond("priority", Op.LTE, 2))) == {t["t1"], t["t2"]}
    assert _find(c, g, search(cond("priority", Op.GT, 2))) == {t["t3"], t["t4"]}
    assert _find(c, g, search(cond("priority", Op.GTE, 2))) == {t["t2"], t["t3"], t["t4"]}
    # Order conditions compare across numeric categories (a LONG or DOUBLE bound on an INT property).
    assert _find(c, g, search(cond("priority", Op.GT, 2.5))) == {t["t3"], t["t4"]}
    ones = array_of(primitive_value(1), primitive_value(3))
    assert _find(c, g, search(cond("priority", Op.IN, ones))) == {t["t1"], t["t3"], t["t4"]}
    assert _find(c, g, search(cond("priority", Op.IS_NULL))) == {t["t5"]}
    assert _find(c, g, search(cond("priority", Op.NOT_NULL))) == {t["t1"], t["t2"], t["t3"], t["t4"]}
    # Dates: compared as instants (epoch milliseconds).
    assert _find(c, g, search(cond("dueTime", Op.EQ, day(2024, 6)))) == {t["t2"]}
    assert _find(c, g, search(cond("dueTime", Op.LT, day(2024, 6)))) == {t["t1"]}
    assert _find(c, g, search(cond("dueTime", Op.LTE, day(2024, 6)))) == {t["t1"], t["t2"]}
    assert _find(c, g, search(cond("dueTime", Op.GT, day(2024, 6)))) == {t["t3"]}
    assert _find(c, g, search(cond("dueTime", Op.GTE, day(2024, 1)))) == {t["t1"], t["t2"], t["t3"]}
    assert _find(c, g, search(cond("dueTime", Op.IS_NULL))) == {t["t4"], t["t5"]}
    dates = array_of(primitive_value(day(2024, 1)), primitive_value(day(2025, 1)))
    assert _find(c, g, search(cond("dueTime", Op.IN, dates))) == {t["t1"], t["t3"]}
    # Enums: by symbolic name; LIKE reads the symbolic name (valueAsString).
    opened = enum_value(g, "ToDo", "toDoStatus", "Open")
    done = enum_value(g, "ToDo", "toDoStatus", "Complete")
    assert _find(c, g, search(cond("toDoStatus", Op.EQ, opened))) == {t["t1"], t["t5"]}
    assert _find(c, g, search(cond("toDoStatus", Op.NEQ, opened))) == {t["t2"], t["t3"], t["t4"]}
    assert _find(c, g, search(cond("toDoStatus", Op.IN, array_of(opened, done)))) == {
        t["t1"],
        t["t3"],
        t["t5"],
    }
    assert _find(c, g, search(cond("toDoStatus", Op.LIKE, r"\QIn \E.*"))) == {t["t2"]}
    assert _find(c, g, search(cond("toDoStatus", Op.IS_NULL))) == {t["t4"]}
    assert _find(c, g, search(cond("toDoStatus", Op.NOT_NULL))) == {t["t1"], t["t2"], t["t3"], t["t5"]}


def test_match_criteria_and_nested_conditions(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    every = set(t.values())
    three, beta = cond("priority", Op.EQ, primitive_value(3)), cond("name", Op.EQ, "beta")
    assert _find(c, g, search(three, beta, criteria=ALL)) == set()
    assert _find(c, g, search(three, beta, criteria=ANY)) == {t["t2"], t["t3"], t["t4"]}
    assert _find(c, g, search(three, beta, criteria=NONE)) == {t["t1"], t["t5"]}
    assert _find(c, g, search(three, criteria=NONE)) == every - {t["t3"], t["t4"]}
    # (priority = 3 OR name = beta) AND NOT (name LIKE Gamma.*)
    inner_any = nested(three, beta, criteria=ANY)
    inner_none = nested(cond("name", Op.LIKE, r"\QGamma\E.*"), criteria=NONE)
    assert _find(c, g, search(inner_any, inner_none)) == {t["t2"]}
    # Two levels deep, combined with ANY at the top.
    deep = nested(nested(cond("dueTime", Op.IS_NULL), cond("priority", Op.NOT_NULL)), criteria=ALL)
    assert _find(c, g, search(deep, cond("name", Op.EQ, "Alpha"), criteria=ANY)) == {t["t4"], t["t1"]}
    # No conditions at all: every instance of the type.
    assert _find(c, g, SearchProperties(conditions=[], match_criteria=ALL)) == every
    assert guids(c.find_entities(USER, type_guid(g, "ToDo"))) == every


def test_header_pseudo_properties(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    c.update_entity_properties(USER, t["t2"], props(g, "ToDo", qualifiedName="todo-2", name="beta"))
    assert _find(c, g, search(cond("version", Op.GT, 1))) == {t["t2"]}
    assert _find(c, g, search(cond("guid", Op.EQ, t["t3"]))) == {t["t3"]}
    assert _find(c, g, search(cond("createdBy", Op.EQ, USER))) == set(t.values())
    assert _find(c, g, search(cond("updatedBy", Op.NOT_NULL))) == {t["t2"]}
    created = c.get_entity_detail(USER, t["t3"]).create_time
    assert created is not None
    later = {t["t4"], t["t5"]}
    assert _find(c, g, search(cond("createTime", Op.GT, primitive_value(created)))) == later


# --- the four helper regex shapes (OMRSRepositoryHelper), with and without (?i) ----------------------------

SHAPES = [
    # (regex, names it must match exactly)
    (r"\QGamma.Delta\E", {"Gamma.Delta"}),  # getExactMatchRegex: the dot is literal
    (r"(?i)\Qgamma.delta\E", {"Gamma.Delta"}),
    (r"\Qdelta*\E", {"delta*"}),
    (r"\QGamma\E.*", {"Gamma.Delta", "GammaxDelta"}),  # getStartsWithRegex
    (r"(?i)\Qalpha\E.*", {"Alpha"}),
    (r".*\QDelta\E", {"Gamma.Delta", "GammaxDelta"}),  # getEndsWithRegex
    (r"(?i).*\QDELTA*\E", {"delta*"}),
    (r".*\Qa.D\E.*", {"Gamma.Delta"}),  # getContainsRegex
    (r"(?i).*\QA.D\E.*", {"Gamma.Delta"}),
    (r".*\Qelta\E.*", {"Gamma.Delta", "GammaxDelta", "delta*"}),
    (r"(?i).*\QBET\E.*", {"beta"}),
    (r"\Qnothing\E", set()),
]


@pytest.mark.parametrize(("regex", "names"), SHAPES)
def test_helper_regexes_in_every_find(
    collection: MetadataCollection,
    gallery: TypeGallery,
    todos: dict[str, str],
    regex: str,
    names: set[str],
) -> None:
    c, g = collection, gallery
    by_name = {
        str(e.properties.instance_properties["name"].primitive_value): str(e.guid)  # type: ignore[union-attr]
        for e in c.find_entities(USER, type_guid(g, "ToDo"))
    }
    expected = {by_name[n] for n in names}
    todo = type_guid(g, "ToDo")
    assert _find(c, g, search(cond("name", Op.LIKE, regex))) == expected
    match = props(g, "ToDo", name=regex)
    assert guids(c.find_entities_by_property(USER, todo, match, ALL)) == expected
    assert guids(c.find_entities_by_property(USER, todo, match, NONE)) == set(todos.values()) - expected
    # By value: only the name holds these texts (qualified names are todo-N, descriptions differ).
    assert guids(c.find_entities_by_property_value(USER, todo, regex)) == expected


def test_regex_metacharacters_in_descriptions(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    todo = type_guid(g, "ToDo")
    for regex, expected in [
        (r"\Qfirst (a+b)\E", {t["t1"]}),
        (r".*\Q(a+b)\E", {t["t1"]}),
        (r".*\Q[x]\E.*", {t["t2"]}),
        (r"\Qsecond [\E.*", {t["t2"]}),
        (r".*\Q+\E.*", {t["t1"]}),
    ]:
        assert guids(c.find_entities_by_property_value(USER, todo, regex)) == expected, regex
        assert _find(c, g, search(cond("description", Op.LIKE, regex))) == expected, regex


def test_quote_with_embedded_end_marker(collection: MetadataCollection, gallery: TypeGallery) -> None:
    """``Pattern.quote("back\\Eslash")`` is ``\\Qback\\E\\\\E\\Qslash\\E``."""
    c, g = collection, gallery
    odd = add(c, g, "ToDo", qualifiedName="odd", name="back\\Eslash")
    add(c, g, "ToDo", qualifiedName="even", name="backEslash")
    quoted = r"\Qback\E\\E\Qslash\E"
    assert guids(c.find_entities_by_property_value(USER, None, quoted)) == {odd}
    assert guids(c.find_entities_by_property_value(USER, None, ".*" + quoted)) == {odd}
    assert _find(c, g, search(cond("name", Op.LIKE, quoted + ".*"))) == {odd}


# --- findEntitiesByProperty (MatchOption semantics, CTS performMatchPropertiesTest*) ----------------------


def test_find_by_property_single_and_dual(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    todo = type_guid(g, "ToDo")
    every = set(t.values())

    def by(criteria: MatchCriteria, **values: object) -> set[str]:
        return guids(c.find_entities_by_property(USER, todo, props(g, "ToDo", **values), criteria))

    assert by(ALL, priority=3) == {t["t3"], t["t4"]}
    assert by(NONE, priority=3) == every - {t["t3"], t["t4"]}
    assert by(ALL, toDoStatus="Open") == {t["t1"], t["t5"]}
    assert by(ALL, dueTime=day(2024, 6)) == {t["t2"]}
    assert by(ALL, name=r"\Qbeta\E", priority=2) == {t["t2"]}
    assert by(ALL, name=r"\Qbeta\E", priority=3) == set()
    assert by(ANY, name=r"\Qbeta\E", priority=3) == {t["t2"], t["t3"], t["t4"]}
    assert by(NONE, name=r"\Qbeta\E", priority=3) == {t["t1"], t["t5"]}
    # Empty (not null) match properties: every instance of the type (the CTS's discovery search).
    from graphrepo.omrs import InstanceProperties

    assert guids(c.find_entities_by_property(USER, todo, InstanceProperties(), ALL)) == every
    assert guids(c.find_entities_by_property(USER, todo, None, None)) == every
    # Strings are regexes, other values are equal: no string "3" matches an int.
    assert by(ALL, qualifiedName=r"\Qtodo-\E.*") == every - {t["t5"]}
    assert by(ALL, qualifiedName=r"(?i)\Qtodo-\E.*") == every


def test_find_by_property_value_reads_strings_enums_and_collections(
    collection: MetadataCollection, gallery: TypeGallery, todos: dict[str, str]
) -> None:
    c, g, t = collection, gallery, todos
    assert guids(c.find_entities_by_property_value(USER, None, r"\QIn Progress\E")) == {t["t2"]}
    assert c.find_entities_by_property_value(USER, None, "3") == []  # ints are not searched
    assert c.find_entities_by_property_value(USER, None, r"\Q1704067200000\E") == []  # nor dates
    term = add(c, g, "GlossaryTerm", qualifiedName="t", aliases=["nick", "other"])
    mapped = add(c, g, "GlossaryTerm", qualifiedName="m", additionalProperties={"k": "mapped-value"})
    assert guids(c.find_entities_by_property_value(USER, None, r"\Qnick\E")) == {term}
    assert guids(c.find_entities_by_property_value(USER, None, r"\Qmapped-value\E")) == {mapped}
    assert c.find_entities_by_property_value(USER, None, r"\Qk\E") == []  # map keys are not values
    # A type filter narrows; an unrelated type finds nothing.
    assert c.find_entities_by_property_value(USER, type_guid(g, "ToDo"), r"\Qnick\E") == []
