"""Java regex translation: the helper shapes Egeria clients send, the differences, and what is refused."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphrepo.omrs import JavaRegexError, compile_java_regex, java_matches


@given(st.text(max_size=30).filter(lambda s: "\\E" not in s))
def test_exact_prefix_suffix_and_contains_shapes(literal: str) -> None:
    # OMRSRepositoryHelper.getExactMatchRegex / getStartsWithRegex / getEndsWithRegex / getContainsRegex.
    assert java_matches(f"\\Q{literal}\\E", literal)
    assert java_matches(f"\\Q{literal}\\E.*", literal + "tail")
    assert java_matches(f".*\\Q{literal}\\E", "head" + literal)
    assert java_matches(f".*\\Q{literal}\\E.*", "x" + literal + "y")


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ("Asset", "Asset", True),
        ("Asset", "Assets", False),  # String.matches is a full match
        ("Glos(?i)SARY.*", "GlosSaryTerm", True),  # a mid-pattern flag applies from there on
        ("Glos(?i)SARY.*", "GLOSSARYTerm", False),
        ("(?<first>a)\\k<first>", "aa", True),
        ("a\\z", "a", True),
        ("[a-c--]+", "ab-", True),
        ("\\Qa.b", "a.b", True),  # an unterminated \\Q quotes to the end
    ],
)
def test_translation(pattern: str, text: str, expected: bool) -> None:
    assert java_matches(pattern, text) is expected


@pytest.mark.parametrize("pattern", ["\\p{L}+", "(", ")", "[a[b]]", "[a&&b]", "*a", "a\\", "[abc"])
def test_refused(pattern: str) -> None:
    with pytest.raises(JavaRegexError):
        compile_java_regex(pattern)


def test_compiled_patterns_are_python_patterns() -> None:
    assert isinstance(compile_java_regex("(?i)\\Qx\\E"), re.Pattern)
