"""Java regular expressions (``java.util.regex.Pattern``) run on Python's ``re``.

OMRS callers send Java regexes (omrs-reference.md §5.5): mostly the helper shapes ``\\Q...\\E``,
``(?i)\\Q...\\E``, ``.*\\Q...\\E.*``, sometimes arbitrary expressions. Python's syntax is close; this module
rewrites what differs and refuses what it cannot translate faithfully, so a pattern never silently means
something else:

* ``\\Q...\\E`` quoting becomes ``re.escape`` of the quoted text (an unterminated ``\\Q`` quotes to the end);
* inline flags in the middle of a pattern (``ab(?i)cd``; Python only accepts them at the start) become a
  scoped group ``ab(?i:cd)`` that ends where the enclosing group ends;
* ``(?<name>...)`` / ``\\k<name>`` become ``(?P<name>...)`` / ``(?P=name)``; ``\\z`` becomes ``\\Z`` and
  Java's ``\\Z`` (end before a final line terminator) becomes ``(?=\\n?\\Z)``;
* possessive quantifiers and atomic groups are native in Python 3.11;
* ``\\p{...}`` classes, class intersections (``&&``) and nested classes (``[a[b]]``) are refused.

Matching follows ``String.matches``: the whole string must match (:func:`java_matches`).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["JavaRegexError", "compile_java_regex", "java_matches"]

_FLAG_GROUP = re.compile(r"\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)")
_SUPPORTED_FLAGS = frozenset("imsxu")


class JavaRegexError(ValueError):
    """The expression is not a valid Java regex, or uses Java syntax Python cannot reproduce."""


@lru_cache(maxsize=512)
def compile_java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Java regex; raises :class:`JavaRegexError` (never ``re.error``)."""
    translated = _translate(pattern)
    try:
        return re.compile(translated)
    except re.error as error:
        raise JavaRegexError(str(error)) from error


def java_matches(pattern: str, text: str) -> bool:
    """``text.matches(pattern)`` in Java: a full match."""
    return compile_java_regex(pattern).fullmatch(text) is not None


def _translate(pattern: str) -> str:
    out: list[str] = []
    # For each open group: how many scoped flag groups we opened inside it and must close with it.
    pending: list[int] = [0]
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i = _escape(pattern, i, out)
            continue
        if ch == "[":
            i = _char_class(pattern, i, out)
            continue
        if ch == "(":
            flags = _FLAG_GROUP.match(pattern, i)
            if flags is not None:
                on, off = flags.group(1), flags.group(2) or ""
                if not set(on + off) <= _SUPPORTED_FLAGS:
                    raise JavaRegexError(f"unsupported inline flags in {flags.group(0)!r}")
                on, off = on.replace("u", ""), off.replace("u", "")  # Python str patterns are Unicode already
                if on or off:
                    out.append(f"(?{on}{'-' + off if off else ''}:")
                    pending[-1] += 1
                i = flags.end()
                continue
            if pattern.startswith("(?<", i) and i + 3 < n and pattern[i + 3] not in "=!":
                out.append("(?P<")
                i += 3
            else:
                out.append("(")
                i += 1
            pending.append(0)
            continue
        if ch == ")":
            if len(pending) == 1:
                raise JavaRegexError(f"unmatched closing ')' at index {i}")
            out.append(")" * pending.pop())
            out.append(")")
            i += 1
            continue
        out.append(ch)
        i += 1
    if len(pending) != 1:
        raise JavaRegexError("unclosed group")
    out.append(")" * pending[0])
    return "".join(out)


def _escape(pattern: str, i: int, out: list[str]) -> int:
    if i + 1 >= len(pattern):
        raise JavaRegexError("trailing backslash")
    code = pattern[i + 1]
    if code == "Q":
        end = pattern.find("\\E", i + 2)
        literal = pattern[i + 2 :] if end < 0 else pattern[i + 2 : end]
        out.append(re.escape(literal))
        return len(pattern) if end < 0 else end + 2
    if code == "E":  # a stray \E is ignored by Java
        return i + 2
    if code == "z":
        out.append(r"\Z")
        return i + 2
    if code == "Z":
        out.append(r"(?=\n?\Z)")
        return i + 2
    if code == "k" and pattern.startswith("<", i + 2):
        end = pattern.find(">", i + 3)
        if end < 0:
            raise JavaRegexError("unterminated \\k<name>")
        out.append(f"(?P={pattern[i + 3 : end]})")
        return end + 1
    if code in "pP":
        raise JavaRegexError(f"Unicode classes (\\{code}{{...}}) are not supported")
    out.append(pattern[i : i + 2])
    return i + 2


def _char_class(pattern: str, i: int, out: list[str]) -> int:
    parts = ["["]
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        parts.append("^")
        j += 1
    if j < len(pattern) and pattern[j] == "]":  # a leading ']' is a literal in both dialects
        parts.append("\\]")
        j += 1
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            if pattern.startswith("\\Q", j) or pattern[j + 1 : j + 2] in ("p", "P"):
                raise JavaRegexError("\\Q or \\p inside a character class is not supported")
            parts.append(pattern[j : j + 2])
            j += 2
            continue
        if ch == "[":
            raise JavaRegexError("nested character classes are not supported")
        if ch == "&" and pattern.startswith("&&", j):
            raise JavaRegexError("character class intersection (&&) is not supported")
        if ch == "]":
            parts.append("]")
            out.append("".join(parts))
            return j + 1
        # Literal in Java; escaped so Python neither warns about future set operations nor changes meaning.
        if ch in "|~&" or (ch == "-" and pattern[j - 1 : j] == "-"):
            parts.append("\\" + ch)
        else:
            parts.append(ch)
        j += 1
    raise JavaRegexError("unclosed character class")
