"""Java regexes for the stores: the one import of the translator, a compile cache, and literal hints.

Search regexes come from callers (omrs-reference §5.4, §5.5). Compiling goes through the wire model's
translator (``graphrepo.omrs``); this module is the only place in ``graphrepo.store`` that imports it, so
moving the translator is a one-line change here.

A regex the translator refuses is a caller error: :func:`java_pattern` raises
``InvalidParameterException`` (``OMRS-PROPERTIES-400-006 INVALID_SEARCH_CRITERIA``, the code Egeria
reports for a ``PatternSyntaxException``) naming the regex and the parameter that carried it, so the
repository can let it pass through unchanged.

:func:`literal_hint` recognises the shapes Egeria's ``OMRSRepositoryHelper`` produces (``\\Q..\\E``,
``\\Q..\\E.*``, ``.*\\Q..\\E``, ``.*\\Q..\\E.*``, each optionally after ``(?i)``) and their unquoted plain
equivalents, so an index-backed store can narrow candidates with ``=``, ``STARTS WITH``, ``ENDS WITH`` or
``CONTAINS`` before the exact evaluation.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

from graphrepo.omrs import InvalidParameterException, JavaRegexError, OMRSErrorCode, compile_java_regex

__all__ = ["HintKind", "LiteralHint", "java_pattern", "literal_hint"]

HintKind = Literal["exact", "prefix", "suffix", "contains"]


class LiteralHint(NamedTuple):
    """What a helper-shaped regex asks for: ``kind`` of comparison with ``literal``.

    A hint is a *necessary* condition (a value the regex matches always passes the hint); for ``exact``
    without ``case_insensitive`` it is also sufficient. Java's ``.`` does not match line terminators, so
    ``prefix``/``suffix``/``contains`` may let through values the regex rejects; and Java's ``(?i)``
    folds ASCII only. Stores therefore use hints to narrow candidates and still evaluate the regex."""

    kind: HintKind
    literal: str
    case_insensitive: bool


# Characters that mean something in a Java regex outside a character class.
_META = frozenset("\\^$.|?*+()[]{}")
_CASE_INSENSITIVE = "(?i)"


@lru_cache(maxsize=1024)
def _compile(regex: str) -> re.Pattern[str] | str:
    # Cache failures too (as their message), so a bad regex repeated over many candidates is parsed once.
    try:
        return compile_java_regex(regex)
    except JavaRegexError as error:
        return str(error)


def java_pattern(regex: str, *, parameter_name: str, action: str = "find") -> re.Pattern[str]:
    """The compiled Python pattern for the Java ``regex``; use ``fullmatch`` (``String.matches``).

    Raises ``InvalidParameterException`` (400-006) naming ``regex`` and ``parameter_name``."""
    compiled = _compile(regex)
    if isinstance(compiled, str):
        raise InvalidParameterException.from_code(
            OMRSErrorCode.INVALID_SEARCH_CRITERIA,
            "java.util.regex.PatternSyntaxException",
            regex,
            f"property values ({parameter_name})",
            compiled,
            action,
            action=action,
            parameter_name=parameter_name,
        )
    return compiled


@lru_cache(maxsize=1024)
def literal_hint(regex: str) -> LiteralHint | None:
    """The exact/prefix/suffix/contains comparison ``regex`` amounts to, or None if it is not one.

    Recognised: an optional leading ``(?i)``, an optional leading and/or trailing ``.*``, and between
    them only literal text: ``\\Q...\\E`` blocks (as ``Pattern.quote`` writes them, embedded ``\\E``
    included), backslash-escaped non-alphanumeric characters, and characters that are not regex
    metacharacters. Anything else (classes, alternation, quantifiers, other escapes) gives None."""
    body, insensitive = regex, False
    if body.startswith(_CASE_INSENSITIVE):
        body, insensitive = body[len(_CASE_INSENSITIVE) :], True
    tokens = _tokens(body)
    if tokens is None:
        return None
    # Judged on the text, not the tokens: in `\Q\E.*` the ".*" is trailing although nothing precedes it.
    leading = body.startswith(".*")
    if leading:
        tokens = tokens[1:]
    trailing = bool(tokens) and tokens[-1] is _DOT_STAR
    if trailing:
        tokens = tokens[:-1]
    if any(t is _DOT_STAR for t in tokens):
        return None
    literal = "".join(t for t in tokens if isinstance(t, str))
    kind: HintKind
    if leading and trailing:
        kind = "contains"
    elif leading:
        kind = "suffix"
    elif trailing:
        kind = "prefix"
    else:
        kind = "exact"
    return LiteralHint(kind, literal, insensitive)


class _DotStar:
    """Token for an unescaped ``.*``."""


_DOT_STAR = _DotStar()


def _tokens(body: str) -> list[str | _DotStar] | None:
    """Literal characters and ``.*`` markers, or None if ``body`` holds any other regex construct."""
    out: list[str | _DotStar] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "\\":
            if i + 1 >= n:
                return None
            code = body[i + 1]
            if code == "Q":
                end = body.find("\\E", i + 2)
                out.extend(body[i + 2 :] if end < 0 else body[i + 2 : end])
                i = n if end < 0 else end + 2
                continue
            if code == "E":  # a stray \E means nothing in Java
                i += 2
                continue
            if code.isalnum() or not code.isascii():
                return None  # \d, \t, back-references, ...: not a plain literal
            out.append(code)
            i += 2
            continue
        if ch == "." and body.startswith(".*", i):
            # ".*" followed by a quantifier modifier (".*?", ".*+") is something else.
            if body[i + 2 : i + 3] in ("?", "+"):
                return None
            out.append(_DOT_STAR)
            i += 2
            continue
        if ch in _META:
            return None
        out.append(ch)
        i += 1
    return out
