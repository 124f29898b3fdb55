"""Text cleanup common to every format, keeping a map back to the original offsets.

Extractors read the cleaned text; facts are then mapped back so that every span points at
the text as read from the file (`SourceDocument.text`), which is what a reader of the source
sees. Cleanup repairs what typesetting and conversion do to words:

- soft hyphens and zero-width characters are dropped; ligatures (ﬁ, ﬂ, ...) are spelled out;
- a word hyphenated across a line break is joined ("imple-\\nmentation" -> "implementation");
  a hyphen before a capital stays ("Anti-\\nPersonnel" -> "Anti-Personnel");
- flattened or exotic line breaks (CR LF, CR, form feed, U+2028/2029, NEL) become "\\n";
- no-break and other fixed-width spaces become plain spaces;
- a paragraph longer than spaCy reads in one Doc (`MAX_PARAGRAPH`, spaCy's E088) is cut
  into paragraphs at line ends, else at sentence ends, else at spaces, so that none of it
  is lost (`notes` says how many were cut, for the build report).

OCR slips inside entity names ("lraq") are left to the linker's tight fuzzy match
(`link.repair_state`); `ocr_repairs` lists the ones a text holds, for the build report.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ccm_graph import errors
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
# The characters a match of RULES starts with. `re` tries every alternative of RULES at every
# position of the text; it finds these characters quickly, and RULES is tried there only.
RULE_STARTS = re.compile(
    "[-\r\x0b\x0c\x85\u2028\u2029\u00ad\u200b\u2060\ufeff\u00a0\u2000-\u200a\u202f\u205f\u3000"
    "\ufb00-\ufb06]"
)
WORD = re.compile(r"[^\W\d_]{4,}")
# spaCy's default `nlp.max_length`: a paragraph (one Doc) must stay within it.
MAX_PARAGRAPH = 1_000_000
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*( )")
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
    long_paragraphs: int = 0

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


def clean(text: str, max_paragraph: int = MAX_PARAGRAPH) -> Cleaned:
    """Apply the cleanup rules to `text`; the result maps every position back to `text`.

    Args:
        text: the text as read from the file.
        max_paragraph: the longest paragraph left whole; longer ones are cut.
    """
    return _split_long_paragraphs(_apply_rules(text), max_paragraph)


def _apply_rules(text: str) -> Cleaned:
    out: list[str] = []
    pieces: list[Piece] = []
    clean_position = original_position = 0
    for match in rule_matches(text):
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


def rule_matches(text: str) -> Iterator[re.Match[str]]:
    """`RULES.finditer(text)`, tried only where one of RULE_STARTS's characters is."""
    end = 0
    for start in RULE_STARTS.finditer(text):
        if start.start() >= end and (match := RULES.match(text, start.start())):
            end = match.end()
            yield match


def _split_long_paragraphs(cleaned: Cleaned, limit: int) -> Cleaned:
    """`cleaned` with every paragraph longer than `limit` cut into paragraphs: the character
    at each cut (a line end or a space) becomes a blank line; with no space at all, a blank
    line is inserted. Offsets still map back to the original text."""
    long = sum(1 for start, end in _paragraph_spans(cleaned.text) if end - start > limit)
    # A cut beside a line end can leave that line end to open the next paragraph, one
    # character over: cut again until every paragraph fits (each pass makes progress).
    while any(end - start > limit for start, end in _paragraph_spans(cleaned.text)):
        cleaned = _cut_once(cleaned, limit, long)
    return cleaned


def _cut_once(cleaned: Cleaned, limit: int, long: int) -> Cleaned:
    cuts = [
        cut
        for start, end in _paragraph_spans(cleaned.text)
        for cut in _cuts(cleaned.text, start, end, limit)
    ]
    pieces = list(cleaned.pieces)
    out = list(cleaned.text)
    for position, width in reversed(cuts):  # from the end: earlier positions stay valid
        pieces = _cut_at(pieces, position, width)
        out[position : position + width] = ["\n\n"]
    starts = tuple(piece[0] for piece in pieces)
    return Cleaned("".join(out), cleaned.original, tuple(pieces), starts, long)


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    return [*spans, (start, len(text))]


def _cuts(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """(position, width) of each cut in text[start:end]: width 1 replaces a line end or a
    space, width 0 inserts a break; every piece between cuts is at most `limit` long."""
    cuts = []
    while end - start > limit:
        window = text[start : start + limit]
        at = window.rfind("\n")
        if at <= 0:
            sentence = [m.start(1) for m in SENTENCE_END.finditer(window)]
            at = sentence[-1] if sentence else window.rfind(" ")
        width = 1 if at > 0 else 0
        at = at if at > 0 else limit
        cuts.append((start + at, width))
        start += at + width
    return cuts


def _cut_at(pieces: list[Piece], position: int, width: int) -> list[Piece]:
    """The pieces with clean text[position:position+width] replaced by a blank line ("\n\n"),
    every later piece shifted by the characters gained."""
    gained = 2 - width
    # The piece that holds the character at `position` (pieces a rule deleted hold none).
    index = next(i for i, p in enumerate(pieces) if p[2] > 0 and p[0] <= position < p[0] + p[2])
    clean_start, original_start, clean_length, original_length, same = pieces[index]
    shifted = [(c + gained, o, cl, ol, sm) for c, o, cl, ol, sm in pieces[index + 1 :]]
    if not same:  # a piece a rule made (a normalised line end or space): it now says "\n\n"
        return [
            *pieces[:index],
            (clean_start, original_start, clean_length + gained, original_length, False),
            *shifted,
        ]
    offset = position - clean_start
    before = (clean_start, original_start, offset, offset, True)
    cut = (position, original_start + offset, 2, width, False)
    rest = clean_length - offset - width
    after = (position + 2, original_start + offset + width, rest, rest, True)
    kept = [p for p in (before, cut, after) if p[2] > 0]
    return [*pieces[:index], *kept, *shifted]


def notes(cleaned: Cleaned) -> list[str]:
    """What the build report should say about the cleanup: paragraphs cut to fit spaCy."""
    if not cleaned.long_paragraphs:
        return []
    return [errors.LONG_PARAGRAPHS.format(count=cleaned.long_paragraphs, limit=MAX_PARAGRAPH)]


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
