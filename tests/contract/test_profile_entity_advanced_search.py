"""CTS profile "Entity advanced search" (ENTITY_ADVANCED_SEARCH).

``TestSupportedEntitySearch`` assertions 11-14 and 103-104: arbitrary Java regexes (not produced by the
repository helper) as ``searchCriteria``, as string ``matchProperties`` and as ``LIKE`` values: literals
escaped with backslashes rather than ``\\Q..\\E``, ``.*`` at the start, the end and in the middle, classes,
alternation, case-insensitive flags. Every regex must match the *whole* value (``String.matches``).
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import InvalidParameterException, MatchCriteria, PropertyComparisonOperator
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, add, cond, guids, props, search, type_guid

Op = PropertyComparisonOperator

NAMES = ["Gamma.Delta", "GammaxDelta", "delta*", "a+b (c)", "Line one", "under_score", "50% off", "x|y"]


@pytest.fixture
def named(collection: MetadataCollection, gallery: TypeGallery) -> dict[str, str]:
    return {
        n: add(collection, gallery, "ToDo", qualifiedName=f"adv-{i}", name=n) for i, n in enumerate(NAMES)
    }


ADVANCED = [
    (r"Gamma\.Delta", {"Gamma.Delta"}),  # escaped exact
    (r"delta\*", {"delta*"}),
    (r"a\+b \(c\)", {"a+b (c)"}),
    (r"x\|y", {"x|y"}),
    (r"Gamma\..*", {"Gamma.Delta"}),  # escaped prefix
    (r".*\(c\)", {"a+b (c)"}),  # escaped suffix
    (r".*\*", {"delta*"}),
    (r".*a\.D.*", {"Gamma.Delta"}),  # escaped middle
    (r"G.*a", {"Gamma.Delta", "GammaxDelta"}),  # ".*" in the middle
    (r"Gamma.Delta", {"Gamma.Delta", "GammaxDelta"}),  # an unescaped dot is any character
    (r"[Gg]amma.*", {"Gamma.Delta", "GammaxDelta"}),
    (r"(?i)GAMMA\.DELTA", {"Gamma.Delta"}),
    (r"(?i)line .*", {"Line one"}),
    (r"Line one|delta\*", {"Line one", "delta*"}),
    (r"\w+_\w+", {"under_score"}),
    (r"\d+% off", {"50% off"}),
    (r".{7}", {"a+b (c)", "50% off"}),
    (r"Gamma", set()),  # a substring is not a match
    (r"amma.*", set()),  # anchored at the start
]


@pytest.mark.parametrize(("regex", "expected_names"), ADVANCED)
def test_general_regexes(
    collection: MetadataCollection,
    gallery: TypeGallery,
    named: dict[str, str],
    regex: str,
    expected_names: set[str],
) -> None:
    c, g = collection, gallery
    todo = type_guid(g, "ToDo")
    expected = {named[n] for n in expected_names}
    assert guids(c.find_entities_by_property_value(USER, todo, regex)) == expected  # 101FEBPVGEN
    by_property = c.find_entities_by_property(USER, todo, props(g, "ToDo", name=regex), MatchCriteria.ALL)
    assert guids(by_property) == expected  # 101FEBPGEN
    like = c.find_entities(USER, todo, match_properties=search(cond("name", Op.LIKE, regex)))
    assert guids(like) == expected  # 103
    not_like = c.find_entities(USER, todo, match_properties=search(cond("name", Op.NOT_LIKE, regex)))
    assert guids(not_like) == set(named.values()) - expected


def test_invalid_regex_is_an_invalid_parameter(collection: MetadataCollection, gallery: TypeGallery) -> None:
    c, g = collection, gallery
    add(c, g, "ToDo", qualifiedName="x", name="x")
    for bad in ["(unclosed", "[a-", "*x", r"\Qok\E(", "a{2,1}"]:
        with pytest.raises(InvalidParameterException):
            c.find_entities_by_property_value(USER, None, bad)
        with pytest.raises(InvalidParameterException):
            c.find_entities_by_property(USER, None, props(g, "ToDo", name=bad))
        with pytest.raises(InvalidParameterException):
            c.find_entities(USER, match_properties=search(cond("name", Op.LIKE, bad)))
