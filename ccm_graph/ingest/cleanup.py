"""Text cleanup common to every format, keeping a map back to the original offsets.

Extractors read the cleaned text; facts are then mapped back so that every span points at
the text as read from the file (`SourceDocument.text`), which is what a reader of the source
sees. Cleanup repairs what typesetting and conversion do to words:

- soft hyphens and zero-width characters are dropped; ligatures (ﬁ, ﬂ, ...) are spelled out;
- a word hyphenated across a line break is joined ("imple-\\nmentation" -> "implementation");
  a hyphen before a capital stays ("Anti-\\nPersonnel" -> "Anti-Personnel");
- flattened or exotic line breaks (CR LF, CR, form feed, U+2028/2029, NEL) become "\\n";
- no-break and other fixed-width spaces become plain spaces.

OCR slips inside entity names ("lraq") are left to the linker's tight fuzzy match
(`link.repair_state`); `ocr_repairs` lists the ones a text holds, for the build report.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace

from ccm_graph.model import Fact, Span
from ccm_graph.nlp import link

LETTER = r"[^\W\d_]"
RULES = re.compile(
    rf"(?P<join>(?<={LETTER.replace('^', '^A-Z')})-[ \t]*\n[ \t]*(?=[a-zß-öø-ÿ]))"
    rf"|(?P<keep>(?<={LETTER})-[ \t]*\n[ \t]*(?={LETTER}))"
    r"|(?P<newline>\r\n?|[\x0b\x0c\x85\u2028\u2029])"
    r"|(?P<drop>[\u00ad\u200b\u2060\ufeff])"
    r"|(?P<space>[\u00a0\u2000-\u200a\u202f\u205f\u3000])"
    r"|(?P<ligature>[\ufb00-\ufb06])"
)
WORD = re.compile(r"[^\W\d_]{4,}")
# (clean_start, original_start, clean_length, original_length, copied unchanged)
Piece = tuple[int, int, int, int, bool]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text and, piece by piece, where each piece came from in the original.

    `pieces` holds (clean_start, original_start, clean_length, original_length), in order;
    a piece whose lengths are equal and that no rule touched maps character for character.
    """

    text: str
    original: str
    pieces: tuple[Piece, ...]
    starts: tuple[int, ...]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def original_start(self, position: int) -> int:
        """The original offset where the cleaned text from `position` on begins."""
        piece = self._piece(position, side="start")
        if piece is None:
            return len(self.original)
        clean_start, original_start, _, _, same = piece
        return original_start + (position - clean_start) if same else original_start

    def original_end(self, position: int) -> int:
        """The original offset where the cleaned text up to `position` ends."""
        piece = self._piece(position, side="end")
        if piece is None:
            return 0
        clean_start, original_start, _, original_length, same = piece
        if same:
            return original_start + (position - clean_start)
        return original_start + original_length

    def _piece(self, position: int, side: str) -> Piece | None:
        # Deleted pieces have no clean length: a start skips past them, an end stops before.
        starts = self.starts
        if side == "start":
            index = bisect.bisect_right(starts, position) - 1
            while 0 <= index < len(self.pieces) and not self._holds(index, position, side):
                index += 1
        else:
            index = bisect.bisect_left(starts, position) - 1
            while index >= 0 and not self._holds(index, position, side):
                index -= 1
        return self.pieces[index] if 0 <= index < len(self.pieces) else None

    def _holds(self, index: int, position: int, side: str) -> bool:
        clean_start, _, clean_length, _, _ = self.pieces[index]
        if side == "start":
            return clean_length > 0 and clean_start <= position < clean_start + clean_length
        return clean_length > 0 and clean_start < position <= clean_start + clean_length

    def span(self, start: int, end: int) -> Span:
        """The original span of the cleaned text[start:end]."""
        original_start = self.original_start(start)
        original_end = original_start
        if end > start:
            original_end = max(original_start, self.original_end(end))
        return Span(original_start, original_end, self.original[original_start:original_end])


def clean(text: str) -> Cleaned:
    """Apply the cleanup rules to `text`; the result maps every position back to `text`."""
    out: list[str] = []
    pieces: list[Piece] = []
    clean_position = original_position = 0
    for match in RULES.finditer(text):
        if match.start() > original_position:
            kept = text[original_position : match.start()]
            pieces.append((clean_position, original_position, len(kept), len(kept), True))
            out.append(kept)
            clean_position += len(kept)
        replacement = _replacement(match)
        pieces.append((clean_position, match.start(), len(replacement), len(match[0]), False))
        out.append(replacement)
        clean_position += len(replacement)
        original_position = match.end()
    if original_position < len(text):
        kept = text[original_position:]
        pieces.append((clean_position, original_position, len(kept), len(kept), True))
        out.append(kept)
    return Cleaned("".join(out), text, tuple(pieces), tuple(piece[0] for piece in pieces))


def _replacement(match: re.Match[str]) -> str:
    rule = match.lastgroup
    if rule == "join" or rule == "drop":
        return ""
    if rule == "keep":
        return "-"
    if rule == "newline":
        return "\n"
    if rule == "space":
        return " "
    return unicodedata.normalize("NFKC", match[0])  # a ligature, spelled out


def map_facts(facts: tuple[Fact, ...], cleaned: Cleaned) -> tuple[Fact, ...]:
    """The facts read from the cleaned text, their spans pointing into the original text."""
    if not cleaned.changed:
        return facts
    return tuple(replace(fact, span=cleaned.span(fact.span.start, fact.span.end)) for fact in facts)


def ocr_repairs(text: str) -> dict[str, str]:
    """Words of `text` that the linker reads as a State despite one OCR slip: word -> code.

    Mirrors the rule of `nlp.repaired_states` (a capitalised or lower-case word of four
    letters or more that `link.repair_state` resolves), so the report lists what the
    pipeline repaired.
    """
    found: dict[str, str] = {}
    for word in Counter(match[0] for match in WORD.finditer(text)):
        if word[1:].islower():
            code = link.repair_state(word)
            if code:
                found[word] = code
    return dict(sorted(found.items()))
