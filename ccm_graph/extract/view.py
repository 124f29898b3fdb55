"""What every rule reads: one document's Doc, with its span groups, built once.

The Doc is made from the document's text with OCR slips undone for matching (same length,
same offsets: `nlp.ocr.matching_text`); the spans a fact cites quote the document's own
words. Rules ask the view for the layout unit that holds a mention (its sentence, list item,
parenthesised group, table row, attendance entry, heading) and for the mentions and cues
inside a unit.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan

from ccm_graph.model import SourceDocument, Span
from ccm_graph.nlp import dates, index, ocr
from ccm_graph.nlp.pipeline import pipeline

# "over the past two years", "in the past year": a time, not a role of old ("past coordinator").
PAST_TIME = re.compile(r"(?i)past\s+(?:\w+\s+)?(?:years?|months?|weeks?|decades?|days?)\b")


@dataclass(frozen=True)
class Mention:
    """A recognised name: `kind` is state, org, area or person; `key` the id (or the name)."""

    kind: str
    key: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Segment:
    """A stretch of the text: a sentence, a heading, a list."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph(Segment):
    """A numbered paragraph of a report: `number` as printed, annex-prefixed ("Annex I.3")."""

    number: str


@dataclass(frozen=True)
class Ordinal:
    """A meeting written with its number: "9MSP", "Second Review Conference"."""

    start: int
    end: int
    number: int
    kind: str  # "msp", "review-conference" or "preparatory"


FLATTENED_LINE = 1000


class View:
    """The document and its Doc. `text` is the text the pipeline read (OCR slips undone);
    `span()` quotes the document itself."""

    def __init__(self, document: SourceDocument, doc: Doc | None = None) -> None:
        self.document = document
        self.text = ocr.matching_text(document.text)
        # The rules read the Doc in this process and never serialise it: the components'
        # caches (the text, the span index) stay, rather than being rebuilt span by span.
        self.doc = doc if doc is not None else pipeline()(self.text, disable=["release"])
        self._memo: dict[str, object] = {}

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def span(self, start: int, end: int) -> Span:
        """The evidence for a fact: the document's words at text[start:end]."""
        return Span(start, end, self.document.text[start:end])

    # --- span groups --------------------------------------------------------------------

    def group(self, name: str) -> list[DocSpan]:
        return index.spans(self.doc, name)

    def in_(self, name: str, start: int, end: int, *labels: str) -> list[DocSpan]:
        """Spans of group `name` wholly inside text[start:end] (with one of `labels`)."""
        return index.within(self.doc, name, start, end, *labels)

    def holding(self, name: str, start: int, end: int) -> list[DocSpan]:
        """Spans of group `name` that hold text[start:end], innermost last."""
        return index.covering(self.doc, name, start, end)

    def bare(self, start: int, end: int) -> str:
        """text[start:end] with its honorifics ("H.E. Mr.", "Ambassador") blanked out, for
        reading the words between a phrase and a name."""
        text = self.text[start:end]
        for honorific in reversed(self.in_("honorifics", start, end)):
            a, b = honorific.start_char - start, honorific.end_char - start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def cues(self, label: str, start: int, end: int) -> list[DocSpan]:
        found = self.in_("cues", start, end, label)
        if label == "past":
            found = [cue for cue in found if not PAST_TIME.match(self.text, cue.start_char)]
        return found

    def has_cue(self, label: str, start: int, end: int) -> bool:
        return bool(self.cues(label, start, end))

    # --- mentions --------------------------------------------------------------------------

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every State, organization, area and person mention, in text order."""
        found = [
            Mention(
                s.label_, s.kb_id_, s.start_char, s.end_char, self.text[s.start_char : s.end_char]
            )
            for s in self.group("actors")
        ]
        found += [
            Mention(
                "area", s.kb_id_, s.start_char, s.end_char, self.text[s.start_char : s.end_char]
            )
            for s in self.group("areas")
        ]
        found += [
            Mention(
                "person", s.kb_id_, s.start_char, s.end_char, self.text[s.start_char : s.end_char]
            )
            for s in self.group("persons")
        ]
        return sorted(found, key=lambda m: (m.start, m.end, m.kind))

    @cached_property
    def _starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    def within(self, start: int, end: int, *kinds: str) -> list[Mention]:
        """Mentions wholly inside text[start:end], of the given kinds (all kinds when none)."""
        found = []
        for mention in self.mentions[bisect.bisect_left(self._starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end and (not kinds or mention.kind in kinds):
                found.append(mention)
        return found

    def actors(self, start: int, end: int) -> list[Mention]:
        return self.within(start, end, "state", "org")

    def ordinals(
        self,
        start: int = 0,
        end: int | None = None,
        kinds: tuple[str, ...] = ("msp", "review-conference"),
    ) -> list[Ordinal]:
        """The CCM meetings written with their number in text[start:end]."""
        end = len(self.text) if end is None else end
        return [
            Ordinal(s.start_char, s.end_char, int(s.kb_id_), s.label_)
            for s in self.in_("meetings", start, end, *kinds)
            if s.kb_id_
        ]

    # --- dates ----------------------------------------------------------------------------

    @cached_property
    def date_mentions(self) -> list[dates.DateMention]:
        """Every date of the text (a range across months as one mention), as the dates
        component marked them."""
        return [dates.mention(span) for span in self.group("dates")]

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.date_mentions]

    def dates_in(self, start: int, end: int) -> list[dates.DateMention]:
        """The dates wholly inside text[start:end]."""
        found = []
        for mention in self.date_mentions[bisect.bisect_left(self._date_starts, start) :]:
            if mention.start >= end:
                break
            if mention.end <= end:
                found.append(mention)
        return found

    @cached_property
    def years(self) -> Counter[int]:
        """The years the document speaks of (see `dates.document_years`)."""
        return dates.document_years(self.text, self.date_mentions)

    def memo(self, key: str, compute):
        """A value computed once per document (what several rules read: its header lines)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # --- layout units ------------------------------------------------------------------------

    @cached_property
    def sentences(self) -> list[Segment]:
        return [self._segment(s) for s in self.group("sentences")]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, position: int) -> Segment:
        """The sentence that holds `position` (the whole text when there is none)."""
        if not self.sentences:
            return Segment(0, len(self.text), self.text)
        position_index = max(0, bisect.bisect_right(self._sentence_starts, position) - 1)
        return self.sentences[position_index]

    @cached_property
    def flattened(self) -> bool:
        """The text lost its line breaks (a PDF converted by a document-sharing site): its
        first line runs on for more than a page's worth of characters."""
        lines = self.group("lines")
        return bool(lines) and lines[0].end_char - lines[0].start_char > FLATTENED_LINE

    @cached_property
    def headings(self) -> list[Segment]:
        return [self._segment(s) for s in self.group("headings")]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The numbered paragraphs of a report."""
        return [
            Paragraph(s.start_char, s.end_char, self.text[s.start_char : s.end_char], s.kb_id_)
            for s in self.group("numbered")
        ]

    @cached_property
    def attendance(self) -> Segment | None:
        """The attendance list, when the document has one."""
        blocks = self.group("blocks")
        return self._segment(blocks[0]) if blocks else None

    def _segment(self, span: DocSpan) -> Segment:
        return Segment(span.start_char, span.end_char, self.text[span.start_char : span.end_char])
