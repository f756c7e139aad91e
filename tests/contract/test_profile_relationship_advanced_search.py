"""CTS profile "Relationship advanced search" (RELATIONSHIP_ADVANCED_SEARCH).

``TestSupportedRelationshipSearch``'s general-regex assertions: arbitrary Java regexes (backslash escapes,
``.*`` anywhere, classes, alternation, ``(?i)``) in ``searchCriteria``, string ``matchProperties`` and
``LIKE`` conditions, always matching the whole value.
"""

from __future__ import annotations

import pytest

from graphrepo.metamodel import TypeGallery
from graphrepo.omrs import InvalidParameterException, MatchCriteria, PropertyComparisonOperator
from graphrepo.repository import MetadataCollection
from tests.contract.conftest import USER, add, cond, guids, props, relate, search

Op = PropertyComparisonOperator
TEXTS = ["a.b (c)", "axb-c", "star*", "Mixed Case", "1+1=2"]


@pytest.fixture
def rels(collection: MetadataCollection, gallery: TypeGallery) -> dict[str, str]:
    c, g = collection, gallery
    out = {}
    for i, text in enumerate(TEXTS):
        one = add(c, g, "GlossaryTerm", qualifiedName=f"ra-{i}-1")
        two = add(c, g, "GlossaryTerm", qualifiedName=f"ra-{i}-2")
        out[text] = relate(c, g, one, two, description=text)
    return out


@pytest.mark.parametrize(
    ("regex", "texts"),
    [
        (r"a\.b \(c\)", {"a.b (c)"}),
        (r"a\..*", {"a.b (c)"}),
        (r".*\(c\)", {"a.b (c)"}),
        (r".*\*", {"star*"}),
        (r"a.b.*", {"a.b (c)", "axb-c"}),
        (r"a.*c", {"axb-c"}),
        (r".*\(.*", {"a.b (c)"}),
        (r"(?i)mixed case", {"Mixed Case"}),
        (r"1\+1=\d", {"1+1=2"}),
        (r"star\*|axb-c", {"star*", "axb-c"}),
        (r"[ab].*", {"a.b (c)", "axb-c"}),
        (r"Mixed", set()),
    ],
)
def test_general_regexes(
    collection: MetadataCollection, gallery: TypeGallery, rels: dict[str, str], regex: str, texts: set[str]
) -> None:
    c, g = collection, gallery
    expected = {rels[t] for t in texts}
    assert guids(c.find_relationships_by_property_value(USER, None, regex)) == expected
    match = props(g, "RelatedTerm", description=regex)
    assert guids(c.find_relationships_by_property(USER, None, match, MatchCriteria.ALL)) == expected
    assert guids(
        c.find_relationships(USER, match_properties=search(cond("description", Op.LIKE, regex)))
    ) == (expected)


def test_invalid_regex(collection: MetadataCollection, gallery: TypeGallery) -> None:
    for bad in ["(", "[z-a]", "+x"]:
        with pytest.raises(InvalidParameterException):
            collection.find_relationships_by_property_value(USER, None, bad)
        with pytest.raises(InvalidParameterException):
            collection.find_relationships(USER, match_properties=search(cond("description", Op.LIKE, bad)))
