"""Case-insensitive patterns found in lowered text, where Python's `re` is fast.

With `re.IGNORECASE`, `re` cannot skip ahead to the characters a match may start with: it
tries the whole pattern at every position of the text. Without the flag, in text lowered
once, it skips ahead. `compile` keeps both: the lowered pattern finds where a match starts,
the pattern as written matches there, so callers get the very Match they would have got.

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
        self._lowered = re.compile(_lowered_source(pattern), flags & ~re.IGNORECASE)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As `re.Pattern.search`."""
        lowered = lowered_text(string)
        if lowered is None:
            return self.original.search(string, pos, endpos)
        found = self._lowered.search(lowered, pos, endpos)
        return None if found is None else self.original.match(string, found.start(), endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As `re.Pattern.finditer` (each Match's `pos` is its own start)."""
        lowered = lowered_text(string)
        if lowered is None:
            yield from self.original.finditer(string, pos, endpos)
            return
        for found in self._lowered.finditer(lowered, pos, endpos):
            match = self.original.match(string, found.start(), endpos)
            if match is not None:  # always: the two patterns agree
                yield match

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
