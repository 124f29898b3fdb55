"""Case-insensitive patterns found in lowered text, where Python's `re` is fast.

With `re.IGNORECASE`, `re` cannot skip ahead to the characters a match may start with: it
tries the whole pattern at every position of the text. Without the flag, in text lowered
once, it skips ahead, but only to what the pattern starts with: a leading `\b` or look-behind
makes it try every position again. `compile` keeps both: the lowered pattern without its
leading assertions finds where a match may start (every match of the pattern starts at one
of those places), the pattern as written matches there or not, so callers get the very Match
they would have got.

The two agree at every position when the pattern is lowered safely (only ASCII letters have
case in it, no escape or flag that lowering would change: `compile` refuses the others) and
the text holds none of the four characters that `re` matches with an ASCII letter although
`str.lower` does not make them one (those texts are searched with the flag).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

# The non-ASCII characters that IGNORECASE matches with an ASCII letter: 'İ', 'ı', 'ſ' and
# the Kelvin sign. No other character changes length or its \w, \d, \s class when lowered.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_GLOBAL_FLAGS = re.compile(r"\(\?([a-zA-Z]+)\)")
# What lowering would change the meaning of: an escape of a capital, a digit or a code
# point (\S, \1, \x41, \u00C9), scoped flags, a range from a capital to a non-capital.
_UNSAFE = re.compile(
    r"\\[A-Z0-9xu]|\(\?[aiLmsux]*(?:-[aiLmsux]*)?:(?<!\(\?:)|[A-Z]-(?![A-Z])|(?<![A-Z])-[A-Z]"
)
_KEPT_FLAGS = set("ms")
# Leading assertions, dropped from the pattern that finds where matches may start: a `\b`,
# a look-behind without groups or classes ("(?<!not\s)"), after the groups that open there.
_LEADING_ASSERTIONS = re.compile(
    r"^(?P<groups>(?:\((?:\?:|\?P<\w+>)?)*)(?:\\b|\(\?<[!=](?:[^()\[\]\\]|\\.)*\))+"
)


class CaseFreePattern:
    """A case-insensitive pattern whose `search` and `finditer` skip ahead (see the module).

    Args:
        pattern: The regular expression, case-insensitive by a leading `(?i)` or `flags`.
        flags: `re` flags, as for `re.compile`.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.original = re.compile(pattern, flags)
        if not self.original.flags & re.IGNORECASE:
            raise ValueError(f"not a case-insensitive pattern: {pattern!r}")
        self.pattern = pattern
        lowered = _lowered_source(pattern)
        flags &= ~re.IGNORECASE
        # Where a match may start: the lowered pattern without its leading assertions.
        self._locating = re.compile(_without_leading_assertions(lowered), flags)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        lowered = lowered_text(string)
        if lowered is None:
            return self.original.search(string, pos, endpos)
        return self._search(string, lowered, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer` (each Match's `pos` is its own start)."""
        lowered = lowered_text(string)
        if lowered is None:
            yield from self.original.finditer(string, pos, endpos)
            return
        found, position = 0, pos
        while (match := self._search(string, lowered, position, endpos)) is not None:
            if match.end() == match.start():
                # After an empty match re's next search differs: let re go on from there.
                yield from islice(self.original.finditer(string, pos, endpos), found, None)
                return
            yield match
            found, position = found + 1, match.end()

    def _search(self, string: str, lowered: str, pos: int, endpos: int) -> re.Match[str] | None:
        locate = self._locating.search
        candidate = locate(lowered, pos, endpos)
        while candidate is not None:
            match = self.original.match(string, candidate.start(), endpos)
            if match is not None:
                return match
            candidate = locate(lowered, candidate.start() + 1, endpos)
        return None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.match` (anchored: nothing to skip)."""
        return self.original.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """As `re.Pattern.fullmatch`."""
        return self.original.fullmatch(string, pos, endpos)


def compile(pattern: str, flags: int = 0) -> CaseFreePattern:
    """`re.compile` for a case-insensitive pattern, found fast (see the module)."""
    return CaseFreePattern(pattern, flags)


@lru_cache(maxsize=16)
def lowered_text(text: str) -> str | None:
    """`text.lower()`, or None when it holds a character that lowering would not match as
    IGNORECASE does. Cached: the rules search the same sentence or document many times."""
    if not text.isascii() and FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


def _without_leading_assertions(source: str) -> str:
    """The pattern without the assertions each of its alternatives starts with (after its
    flags): it matches wherever the pattern does, and more (an assertion only ever takes
    matches away)."""
    flags = _GLOBAL_FLAGS.match(source)
    start = flags.end() if flags else 0
    branches = [_LEADING_ASSERTIONS.sub(r"\g<groups>", b) for b in _alternatives(source[start:])]
    return source[:start] + "|".join(branches)


def _alternatives(source: str) -> list[str]:
    """The pattern's top-level alternatives: split at each `|` outside groups and classes."""
    found, depth, start, position, in_class = [], 0, 0, 0, False
    while position < len(source):
        char = source[position]
        if char == "\\":
            position += 1  # the escaped character is no syntax
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            position += 1 if source.startswith("^", position + 1) else 0
            position += 1 if source.startswith("]", position + 1) else 0  # a literal ']'
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            found.append(source[start:position])
            start = position + 1
        position += 1
    return [*found, source[start:]]


def _lowered_source(pattern: str) -> str:
    body, kept = pattern, ""
    leading = _GLOBAL_FLAGS.match(pattern)
    if leading:
        letters = set(leading.group(1)) - {"i"}
        if letters - _KEPT_FLAGS:
            raise ValueError(f"flags {sorted(letters - _KEPT_FLAGS)} not supported: {pattern!r}")
        kept = f"(?{''.join(sorted(letters))})" if letters else ""
        body = pattern[leading.end() :]
    unsafe = _UNSAFE.search(body)
    cased = [c for c in body if not c.isascii() and (c.lower() != c or c.upper() != c)]
    if unsafe or cased or FOLDS_TO_ASCII.search(body):
        what = unsafe.group() if unsafe else "".join(cased) or "a character folding to ASCII"
        raise ValueError(f"cannot lower {what!r} in {pattern!r}")
    return kept + body.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
