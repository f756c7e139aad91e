"""The one evaluator of the store search spec: operators, regexes and their hints, headers, paging."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphrepo.omrs import (
    ArrayPropertyValue,
    Classification,
    EntityDetail,
    EnumPropertyValue,
    InstanceProperties,
    InstancePropertyValue,
    InstanceProvenanceType,
    InstanceStatus,
    InstanceType,
    InvalidParameterException,
    PrimitiveDefCategory,
    Relationship,
    StructPropertyValue,
    instance_properties_from_python,
    primitive_value,
    property_value_from_python,
)
from graphrepo.store import (
    AnyValueMatches,
    ClassificationConditions,
    ClassificationTest,
    Combine,
    Condition,
    Conditions,
    InstanceQuery,
    Operator,
    PropertyTest,
)
from graphrepo.store._comparison import java_string
from graphrepo.store._matching import (
    compile_query,
    entity_matches,
    literal_hint,
    relationship_matches,
)
from graphrepo.store._regex import java_pattern

P = PrimitiveDefCategory
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def entity(
    guid: str = "g1",
    props: dict[str, Any] | None = None,
    *,
    type_name: str = "Asset",
    status: InstanceStatus = InstanceStatus.ACTIVE,
    classifications: list[Classification] | None = None,
    **header: Any,
) -> EntityDetail:
    return EntityDetail(
        guid=guid,
        type=InstanceType(type_def_name=type_name),
        status=status,
        version=header.pop("version", 1),
        create_time=header.pop("create_time", T0),
        properties=instance_properties_from_python(props or {}),
        classifications=classifications or [],
        **header,
    )


def test_(condition: Condition, instance: EntityDetail) -> bool:
    return entity_matches(instance, InstanceQuery(condition=condition))


test_.__test__ = False  # type: ignore[attr-defined]


def prop(name: str, operator: Operator, value: object | None = None) -> PropertyTest:
    return PropertyTest(name, operator, value)


def quote(literal: str) -> str:
    """Java's ``Pattern.quote``."""
    return "\\Q" + literal.replace("\\E", "\\E\\\\E\\Q") + "\\E"


# --- typed values by category --------------------------------------------------------------------

_NUMERIC_CATEGORIES = [
    (P.OM_PRIMITIVE_TYPE_SHORT, st.integers(-(2**15), 2**15 - 1)),
    (P.OM_PRIMITIVE_TYPE_INT, st.integers(-(2**31), 2**31 - 1)),
    (P.OM_PRIMITIVE_TYPE_LONG, st.integers(-(2**63), 2**63 - 1)),
    (P.OM_PRIMITIVE_TYPE_BIGINTEGER, st.integers()),
    (P.OM_PRIMITIVE_TYPE_DOUBLE, st.floats(allow_nan=False, allow_infinity=False, width=64)),
    (P.OM_PRIMITIVE_TYPE_FLOAT, st.floats(allow_nan=False, allow_infinity=False, width=32)),
    (P.OM_PRIMITIVE_TYPE_BIGDECIMAL, st.decimals(allow_nan=False, allow_infinity=False, places=3)),
    (
        P.OM_PRIMITIVE_TYPE_DATE,
        st.integers(0, 4_000_000_000_000).map(lambda ms: T0.replace(year=1970) + timedelta(milliseconds=ms)),
    ),
]
_SMALL = st.integers(-3, 3)
numeric_values = st.one_of(
    *[
        st.tuples(
            st.just(category),
            st.one_of(strategy, _SMALL if category is not P.OM_PRIMITIVE_TYPE_DATE else strategy),
        )
        for category, strategy in _NUMERIC_CATEGORIES
    ]
).map(lambda pair: primitive_value(pair[1], pair[0]))
other_values = st.one_of(
    st.text(max_size=5).map(lambda s: primitive_value(s, P.OM_PRIMITIVE_TYPE_STRING)),
    st.booleans().map(lambda b: primitive_value(b, P.OM_PRIMITIVE_TYPE_BOOLEAN)),
    st.sampled_from(["A", "B"]).map(
        lambda s: EnumPropertyValue(type_name="E", ordinal=ord(s), symbolic_name=s)
    ),
    st.lists(st.sampled_from(["a", "b"]), max_size=2).map(property_value_from_python),
)
typed_values = st.one_of(numeric_values, other_values)


def as_decimal(value: InstancePropertyValue) -> Decimal:
    held = value.primitive_value  # type: ignore[attr-defined]
    if isinstance(held, datetime):
        return Decimal((held - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1))
    return Decimal(repr(held)) if isinstance(held, float) else Decimal(held)


# --- EQ / NEQ / IN -------------------------------------------------------------------------------


@given(typed_values, typed_values)
def test_eq_is_whole_value_equality_with_the_same_category(actual: Any, test: Any) -> None:
    subject = entity(props={"p": actual})
    expected = type(actual) is type(test) and actual.model_dump(exclude={"type_guid"}) == test.model_dump(
        exclude={"type_guid"}
    )
    if isinstance(actual.model_dump().get("primitive_value"), Decimal):
        expected = actual.primitive_def_category == test.primitive_def_category and as_decimal(
            actual
        ) == as_decimal(test)
    assert test_(prop("p", Operator.EQ, test), subject) is expected
    assert test_(prop("p", Operator.NEQ, test), subject) is (not expected)
    assert test_(prop("p", Operator.EQ, actual), subject)


def test_eq_never_crosses_numeric_categories() -> None:
    subject = entity(props={"n": 5})  # INT
    assert test_(prop("n", Operator.EQ, primitive_value(5, P.OM_PRIMITIVE_TYPE_INT)), subject)
    assert not test_(prop("n", Operator.EQ, primitive_value(5, P.OM_PRIMITIVE_TYPE_LONG)), subject)
    assert not test_(prop("n", Operator.EQ, primitive_value(5.0, P.OM_PRIMITIVE_TYPE_DOUBLE)), subject)
    assert test_(prop("n", Operator.GTE, primitive_value(5.0, P.OM_PRIMITIVE_TYPE_DOUBLE)), subject)


def test_eq_on_collections_and_enums() -> None:
    struct = StructPropertyValue(attributes=instance_properties_from_python({"a": "x", "b": 1}))
    enum = EnumPropertyValue(type_name="Level", ordinal=1, symbolic_name="High", description="d")
    subject = entity(props={"s": struct, "e": enum, "m": {"k": "v"}})
    assert test_(prop("s", Operator.EQ, struct.model_copy(deep=True)), subject)
    other = StructPropertyValue(attributes=instance_properties_from_python({"a": "x"}))
    assert not test_(prop("s", Operator.EQ, other), subject)
    # An enum is its symbolic name: callers need not know the ordinal or description.
    assert test_(prop("e", Operator.EQ, EnumPropertyValue(symbolic_name="High")), subject)
    assert not test_(
        prop("e", Operator.EQ, EnumPropertyValue(symbolic_name="High", type_name="Other")), subject
    )
    assert test_(prop("m", Operator.EQ, property_value_from_python({"k": "v"})), subject)


def test_neq_and_not_matches_hold_for_an_absent_property() -> None:
    subject = entity(props={})
    assert test_(prop("p", Operator.NEQ, primitive_value("x")), subject)
    assert test_(prop("p", Operator.NOT_MATCHES, primitive_value("x")), subject)
    assert not test_(prop("p", Operator.EQ, primitive_value("x")), subject)
    assert not test_(prop("p", Operator.MATCHES, primitive_value(".*")), subject)
    assert not test_(prop("p", Operator.LT, primitive_value(1)), subject)
    assert not test_(prop("p", Operator.IN, property_value_from_python(["x"])), subject)


@given(typed_values, st.lists(typed_values, max_size=4))
def test_in_is_eq_against_any_element(actual: Any, options: list[Any]) -> None:
    subject = entity(props={"p": actual})
    array = ArrayPropertyValue(
        array_count=len(options),
        array_values=InstanceProperties(instance_properties={str(i): v for i, v in enumerate(options)}),
    )
    expected = any(test_(prop("p", Operator.EQ, o), subject) for o in options)
    assert test_(prop("p", Operator.IN, array), subject) is expected


# --- LT .. GTE -----------------------------------------------------------------------------------


@given(numeric_values, numeric_values)
def test_order_operators_compare_numbers_and_dates_as_decimals(actual: Any, bound: Any) -> None:
    subject = entity(props={"p": actual})
    a, b = as_decimal(actual), as_decimal(bound)
    assert test_(prop("p", Operator.LT, bound), subject) is (a < b)
    assert test_(prop("p", Operator.LTE, bound), subject) is (a <= b)
    assert test_(prop("p", Operator.GT, bound), subject) is (a > b)
    assert test_(prop("p", Operator.GTE, bound), subject) is (a >= b)


@given(other_values)
def test_order_operators_never_match_a_non_numeric_value(actual: Any) -> None:
    subject = entity(props={"p": actual})
    for operator in (Operator.LT, Operator.LTE, Operator.GT, Operator.GTE):
        assert not test_(prop("p", operator, primitive_value(0)), subject)


# --- IS_NULL / NOT_NULL --------------------------------------------------------------------------


def test_null_operators() -> None:
    subject = entity(props={"p": "x"})
    assert test_(prop("p", Operator.NOT_NULL), subject)
    assert not test_(prop("p", Operator.IS_NULL), subject)
    assert test_(prop("q", Operator.IS_NULL), subject)
    assert test_(prop("updateTime", Operator.IS_NULL), subject)
    assert test_(prop("effectiveFromTime", Operator.IS_NULL), subject)


# --- MATCHES and valueAsString --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (primitive_value(True), "true"),
        (primitive_value(5), "5"),
        (primitive_value(1.0), "1.0"),
        (primitive_value(1e7), "1.0E7"),
        (primitive_value(1.5e-4), "1.5E-4"),
        (primitive_value(123.25), "123.25"),
        (primitive_value(Decimal("1E+3")), "1E+3"),
        (primitive_value(datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC)), "1000"),
        (EnumPropertyValue(symbolic_name="High"), "High"),
        (
            property_value_from_python(list("abcdefghijk")),
            "{0=a, 1=b, 2=c, 3=d, 4=e, 5=f, 6=g, 7=h, 8=i, 9=j, 10=k}",
        ),
        (property_value_from_python({"b": 1, "a": "x"}), "{a=x, b=1}"),
    ],
)
def test_value_as_string_follows_java(value: InstancePropertyValue, text: str) -> None:
    assert java_string(value) == text
    assert test_(prop("p", Operator.MATCHES, primitive_value(quote(text))), entity(props={"p": value}))


def test_matches_is_a_full_match() -> None:
    subject = entity(props={"name": "Customer Data"})
    assert test_(prop("name", Operator.MATCHES, primitive_value("Customer.*")), subject)
    assert not test_(prop("name", Operator.MATCHES, primitive_value("Customer")), subject)
    assert test_(prop("name", Operator.NOT_MATCHES, primitive_value("Customer")), subject)
    assert test_(prop("name", Operator.MATCHES, primitive_value("(?i)customer data")), subject)


literal_text = st.text(alphabet=st.sampled_from(list("ab.*\\EQ()[]{}^$|?+ éZ")), max_size=8)
plain_values = st.text(alphabet=st.sampled_from(list("ab.*\\EQ()é zA")), max_size=10)


@given(literal_text, plain_values)
@settings(max_examples=300)
def test_helper_regex_shapes_mean_exact_prefix_suffix_contains(literal: str, value: str) -> None:
    shapes = {
        "exact": (quote(literal), value == literal),
        "prefix": (quote(literal) + ".*", value.startswith(literal)),
        "suffix": (".*" + quote(literal), value.endswith(literal)),
        "contains": (".*" + quote(literal) + ".*", literal in value),
    }
    subject = entity(props={"name": value})
    for kind, (regex, expected) in shapes.items():
        assert literal_hint(regex) == (kind, literal, False)
        assert literal_hint("(?i)" + regex) == (kind, literal, True)
        assert test_(prop("name", Operator.MATCHES, primitive_value(regex)), subject) is expected
        assert test_(AnyValueMatches(regex), subject) is expected


@pytest.mark.parametrize(
    ("regex", "hint"),
    [
        ("abc", ("exact", "abc", False)),
        ("a\\.b.*", ("prefix", "a.b", False)),
        (".*x y", ("suffix", "x y", False)),
        ("(?i).*\\Qa\\E\\\\E\\Qb\\E.*", ("contains", "a\\Eb", True)),
        (".*", ("suffix", "", False)),
        ("a.b", None),
        ("a.*b", None),
        ("a*", None),
        ("\\d+", None),
        ("[ab]", None),
        ("a|b", None),
        ("abc.*?", None),
        ("\\Qa\\E*", None),
    ],
)
def test_literal_hint_examples(regex: str, hint: tuple[str, str, bool] | None) -> None:
    assert literal_hint(regex) == hint


_REGEX_TOKENS = ["a", "b", ".", "*", ".*", "\\.", "\\Q", "\\E", "(?i)", "A", "\\\\", "+"]


@given(st.lists(st.sampled_from(_REGEX_TOKENS), max_size=6).map("".join), plain_values)
@settings(max_examples=400)
def test_a_hint_is_a_necessary_condition(regex: str, value: str) -> None:
    hint = literal_hint(regex)
    if hint is None:
        return
    matched = java_pattern(regex, parameter_name="p").fullmatch(value) is not None
    subject, literal = (
        (value.lower(), hint.literal.lower()) if hint.case_insensitive else (value, hint.literal)
    )
    allowed = {
        "exact": subject == literal,
        "prefix": subject.startswith(literal),
        "suffix": subject.endswith(literal),
        "contains": literal in subject,
    }[hint.kind]
    if matched:
        assert allowed
    if hint.kind == "exact" and not hint.case_insensitive:
        assert matched is allowed


# --- findXByPropertyValue ------------------------------------------------------------------------


def test_any_value_matches_strings_enums_and_nested_strings_only() -> None:
    nested = StructPropertyValue(attributes=instance_properties_from_python({"deep": ["needle"]}))
    subject = entity(
        props={
            "n": 42,
            "flag": True,
            "e": EnumPropertyValue(symbolic_name="Gold"),
            "s": nested,
            "m": {"key": "v"},
        }
    )
    assert test_(AnyValueMatches("needle"), subject)
    assert test_(AnyValueMatches("Gold"), subject)
    assert test_(AnyValueMatches("v"), subject)
    assert not test_(AnyValueMatches("key"), subject)  # map keys are not values
    assert not test_(AnyValueMatches("42"), subject)  # only string primitives
    assert not test_(AnyValueMatches("true"), subject)
    assert not test_(AnyValueMatches("needle"), entity(props={}))


# --- header pseudo-properties --------------------------------------------------------------------


def test_header_pseudo_properties() -> None:
    subject = entity(
        "guid-1",
        {"guid": "shadowed"},
        version=7,
        metadata_collection_id="mc",
        metadata_collection_name="Server",
        instance_provenance_type=InstanceProvenanceType.LOCAL_COHORT,
        created_by="alice",
        updated_by="bob",
        update_time=T0 + timedelta(days=1),
    )
    subject.properties.effective_from_time = T0  # type: ignore[union-attr]
    string = P.OM_PRIMITIVE_TYPE_STRING
    for name, value in [
        ("guid", "guid-1"),
        ("metadataCollectionId", "mc"),
        ("metadataCollectionName", "Server"),
        ("instanceProvenanceType", "LOCAL_COHORT"),
        ("createdBy", "alice"),
        ("updatedBy", "bob"),
    ]:
        assert test_(prop(name, Operator.EQ, primitive_value(value, string)), subject), name
    assert test_(prop("version", Operator.EQ, primitive_value(7, P.OM_PRIMITIVE_TYPE_LONG)), subject)
    assert test_(prop("version", Operator.GT, primitive_value(6)), subject)
    assert test_(prop("createTime", Operator.EQ, primitive_value(T0)), subject)
    assert test_(prop("updateTime", Operator.GT, primitive_value(T0)), subject)
    assert test_(prop("effectiveFromTime", Operator.LTE, primitive_value(T0)), subject)
    assert test_(prop("effectiveToTime", Operator.IS_NULL), subject)
    assert test_(prop("guid", Operator.MATCHES, primitive_value("guid-.*")), subject)


# --- combining, classifications, type and status filters -----------------------------------------

_TRUE = prop("p", Operator.NOT_NULL)
_FALSE = prop("p", Operator.IS_NULL)


@pytest.mark.parametrize(
    ("combine", "children", "expected"),
    [
        (Combine.ALL, (), True),
        (Combine.ANY, (), False),
        (Combine.NONE, (), True),
        (Combine.ALL, (_TRUE, _FALSE), False),
        (Combine.ANY, (_TRUE, _FALSE), True),
        (Combine.NONE, (_FALSE, _FALSE), True),
        (Combine.NONE, (_TRUE, _FALSE), False),
        (Combine.ALL, (_TRUE, Conditions(Combine.NONE, (_FALSE,))), True),
    ],
)
def test_conditions_combine(combine: Combine, children: tuple[Condition, ...], expected: bool) -> None:
    assert test_(Conditions(combine, children), entity(props={"p": "x"})) is expected


def test_classification_conditions() -> None:
    confidential = Classification(
        name="Confidentiality", properties=instance_properties_from_python({"level": 3})
    )
    subject = entity(classifications=[confidential, Classification(name="Memento")])
    level_3 = prop("level", Operator.EQ, primitive_value(3))

    def query(combine: Combine, *tests: ClassificationTest) -> InstanceQuery:
        return InstanceQuery(classifications=ClassificationConditions(combine, tests))

    assert entity_matches(subject, query(Combine.ALL, ClassificationTest("Confidentiality", level_3)))
    assert entity_matches(subject, query(Combine.ALL, ClassificationTest("Memento")))
    assert not entity_matches(subject, query(Combine.ALL, ClassificationTest("Memento", level_3)))
    assert not entity_matches(subject, query(Combine.ALL, ClassificationTest("Confidential")))
    assert entity_matches(subject, query(Combine.NONE, ClassificationTest("Retention")))
    assert entity_matches(
        subject, query(Combine.ANY, ClassificationTest("Retention"), ClassificationTest("Memento"))
    )
    # Pseudo-properties read the classification's own header.
    by_home = prop("metadataCollectionId", Operator.IS_NULL)
    assert entity_matches(subject, query(Combine.ALL, ClassificationTest("Memento", by_home)))


def test_type_and_status_filters() -> None:
    subject = entity(type_name="GlossaryTerm", status=InstanceStatus.DELETED)
    assert entity_matches(subject, InstanceQuery())
    assert entity_matches(subject, InstanceQuery(type_names=frozenset({"GlossaryTerm", "Asset"})))
    assert not entity_matches(subject, InstanceQuery(type_names=frozenset({"Referenceable"})))
    assert not entity_matches(subject, InstanceQuery(statuses=frozenset({InstanceStatus.ACTIVE})))
    assert entity_matches(subject, InstanceQuery(statuses=frozenset({InstanceStatus.DELETED})))


def test_relationships_match_on_their_own_properties() -> None:
    relationship = Relationship(
        guid="r1",
        type=InstanceType(type_def_name="Link"),
        status=InstanceStatus.ACTIVE,
        properties=instance_properties_from_python({"label": "owns"}),
    )
    assert relationship_matches(relationship, InstanceQuery(condition=AnyValueMatches("own.*")))
    assert not relationship_matches(relationship, InstanceQuery(type_names=frozenset({"Other"})))


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "message_id", "parameter"),
    [
        (prop("p", Operator.LT, primitive_value("x")), "OMRS-REPOSITORY-400-078", "matchProperties"),
        (prop("p", Operator.GT, primitive_value(True)), "OMRS-REPOSITORY-400-078", "matchProperties"),
        (prop("p", Operator.IN, primitive_value("x")), "OMRS-REPOSITORY-400-076", "matchProperties"),
        (prop("p", Operator.MATCHES, primitive_value(3)), "OMRS-REPOSITORY-400-077", "matchProperties"),
        (prop("p", Operator.EQ), "OMRS-REPOSITORY-400-074", "matchProperties"),
        (prop("p", Operator.MATCHES, primitive_value("(")), "OMRS-PROPERTIES-400-006", "matchProperties"),
        (AnyValueMatches("[a"), "OMRS-PROPERTIES-400-006", "searchCriteria"),
    ],
)
def test_malformed_conditions_are_invalid_parameters(
    condition: Condition, message_id: str, parameter: str
) -> None:
    with pytest.raises(InvalidParameterException) as caught:
        compile_query(InstanceQuery(condition=condition), action="findEntities")
    assert caught.value.error_message_id == message_id
    assert caught.value.parameter_name == parameter
    assert caught.value.action_description == "findEntities"


def test_bad_regex_is_named_and_classification_conditions_name_their_parameter() -> None:
    query = InstanceQuery(
        classifications=ClassificationConditions(
            Combine.ALL, (ClassificationTest("C", prop("p", Operator.MATCHES, primitive_value("a(b"))),)
        )
    )
    with pytest.raises(InvalidParameterException) as caught:
        entity_matches(entity(), query)
    assert caught.value.parameter_name == "matchClassifications"
    assert "a(b" in str(caught.value)


def test_regex_metacharacters_in_values_do_not_leak() -> None:
    # A regex compiled once is reused; the hint cache never confuses two regexes.
    assert literal_hint("\\Qa.b\\E") != literal_hint("a.b")
    assert re.escape("a.b") != "a.b"
