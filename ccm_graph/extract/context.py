"""What every extractor reads: the text, its mentions and its segments, built once per document."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from ccm_graph.model import SourceDocument, Span
from ccm_graph.nlp import pipeline as nlp
from ccm_graph.nlp import segment


@dataclass
class Context:
    """`text` is the document with OCR slips undone for matching (same length, same offsets);
    spans quote the document's own words."""

    document: SourceDocument
    text: str
    mentions: list[nlp.Mention]
    _starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def of(cls, document: SourceDocument) -> Context:
        text = segment.matching_text(document.text)
        mentions = nlp.annotate(text)
        return cls(document, text, mentions, [m.start for m in mentions])

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.document.text[start:end])

    def within(self, start: int, end: int, *kinds: str) -> list[nlp.Mention]:
        """Mentions wholly inside text[start:end], of the given kinds (all kinds when none)."""
        first = bisect.bisect_left(self._starts, start)
        found = []
        for mention in self.mentions[first:]:
            if mention.start >= end:
                break
            if mention.end <= end and (not kinds or mention.kind in kinds):
                found.append(mention)
        return found

    def actors(self, start: int, end: int) -> list[nlp.Mention]:
        return self.within(start, end, "state", "org")

    @cached_property
    def attendance(self) -> segment.Segment | None:
        return segment.attendance_block(self.text)

    @cached_property
    def paragraphs(self) -> list[segment.Paragraph]:
        return segment.numbered_paragraphs(self.text)

    @cached_property
    def sentences(self) -> list[segment.Segment]:
        return list(segment.sentences(self.text))

    @cached_property
    def headings(self) -> list[segment.Segment]:
        return segment.headings(self.text)

    def sentence_at(self, position: int) -> segment.Segment:
        starts = [s.start for s in self.sentences]
        index = max(0, bisect.bisect_right(starts, position) - 1)
        return (
            self.sentences[index]
            if self.sentences
            else segment.Segment(0, len(self.text), self.text)
        )
