"""Case-insensitive patterns searched in lowered text, where Python's `re` is fast.

With `re.IGNORECASE`, `re` cannot skip ahead to the characters a match may start with and
tries the whole pattern at every position: a prefilter of a few dozen words costs more than
the phrases it guards. Without the flag, in text lowered once, it skips ahead. For ASCII
text the two agree exactly (same matches at the same positions); other text (about one
sentence in twenty) is searched with the flag, since `str.lower` and `re`'s case folding
differ outside ASCII ('ſ', 'İ', the Kelvin sign).
"""

from __future__ import annotations

import re


class LowerCasePattern:
    """A pattern written in lower case that matches regardless of case.

    Args:
        pattern: The regular expression, without upper-case letters (so no `\\S`, `\\W`, `\\B`
            or `[A-Z]`, which lowering would change), and without inline flags.
    """

    def __init__(self, pattern: str) -> None:
        if pattern != pattern.lower():
            raise ValueError(f"not a lower-case pattern: {pattern!r}")
        self.pattern = pattern
        self._exact = re.compile(pattern)
        self._folding = re.compile(pattern, re.IGNORECASE)

    def occurs_in(self, text: str, lowered: str | None = None) -> bool:
        """Whether the pattern matches somewhere in `text`, case aside.

        Args:
            text: The text searched.
            lowered: `text.lower()`, if the caller has it already.
        """
        if text.isascii():
            return self._exact.search(text.lower() if lowered is None else lowered) is not None
        return self._folding.search(text) is not None
