"""`ccm_meetings_v1`: mentions of the Convention's meetings, as `doc.spans["meetings"]`.

Labels: `msp` ("9MSP", "Ninth Meeting of States Parties", "12th Meeting of the State
Parties", "Meeting of CCM States Parties"), `review-conference` ("Second Review Conference",
"2RC"), `preparatory` ("Second Preparatory Meeting"), `intersessional`,
`coordination-committee`. `kb_id_` is the ordinal when one is written ("9"), else empty.
Matched regardless of case, in any tense of the sentence around them. A meeting of another
convention ("the APMBC 15th Meeting of States Parties", "the Fifth Review Conference of the
CCW") goes to `doc.spans["other_meetings"]` instead, so that no rule reads it as the CCM's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ccm_graph.nlp import index, vocab
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.gazetteer import compacted, pattern_maker

MSP_FORMS = (
    "meeting of states parties",
    "meeting of the states parties",
    "meeting of state parties",
    "meeting of the state parties",
    "meeting of states party",
    "meeting of ccm states parties",
    "meeting of the ccm states parties",
    "meeting of the convention's states parties",
)
FORMS = {
    "msp": (*MSP_FORMS, "msp"),
    "review-conference": ("review conference", "rc"),
    "preparatory": ("preparatory meeting",),
}
UNNUMBERED = {
    "msp": (*MSP_FORMS, "meetings of states parties", "meetings of the states parties"),
    "review-conference": ("review conference",),
    "preparatory": ("preparatory meeting", "preparatory meetings"),
    "intersessional": ("intersessional meeting", "intersessional meetings", "intersessional"),
    "coordination-committee": ("coordination committee", "corcom"),
}
SUFFIXES = ("st", "nd", "rd", "th")
# How far (in tokens) another instrument's name may stand before a meeting that is its own.
OTHER_REACH = 8


def surface_forms() -> Iterator[tuple[str, str, str]]:
    """(label, ordinal, text) of every meeting mention the component knows."""
    for label, forms in UNNUMBERED.items():
        for form in forms:
            yield label, "", form
    numbers = {**vocab.ordinal_words(), **{str(n): n for n in range(1, 31)}}
    for word, number in numbers.items():
        written = [word] if not word.isdigit() else [word + s for s in SUFFIXES]
        for label, forms in FORMS.items():
            for form in forms:
                for ordinal in written:
                    yield label, str(number), f"{ordinal} {form}"
                if word.isdigit() and form in ("msp", "rc"):
                    yield label, str(number), f"{word}{form}"  # "9MSP", "2RC"
                    yield label, str(number), f"{word} {form}"


@Language.factory("ccm_meetings_v1", assigns=["doc.spans"])
def make_meetings(nlp: Language, name: str) -> MeetingMentions:
    return MeetingMentions(nlp.vocab, name)


class MeetingMentions:
    def __init__(self, vocab_: Any, name: str = "meetings") -> None:
        self.vocab = vocab_
        self.name = name
        self.matcher: PhraseMatcher | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp=None):
        make = pattern_maker(self.vocab, nlp)
        groups: dict[str, list[Doc]] = {}
        for label, ordinal, text in surface_forms():
            groups.setdefault(f"{label}|{ordinal}", []).append(make(text))
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        for key, docs in groups.items():
            self.matcher.add(key, docs)

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            raise ValueError(f"{self.name}: call nlp.initialize() before using the pipeline")
        compact, positions = compacted(doc)
        spans = []
        for match_id, start, end in self.matcher(compact):
            label, ordinal = self.vocab.strings[match_id].split("|")
            spans.append(
                Span(doc, positions[start], positions[end - 1] + 1, label=label, kb_id=ordinal)
            )
        own, other = [], []
        treaties = [s for s in index.spans(doc, "instruments") if s.label_ == "treaty"]
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            (other if _of_other_instrument(span, treaties) else own).append(span)
        index.put(doc, "meetings", own)
        index.put(doc, "other_meetings", other)
        return doc


def _of_other_instrument(span: Span, treaties: list[Span]) -> bool:
    """'APMBC 15th Meeting of States Parties', 'the Fifth Review Conference of the CCW'."""
    for treaty in treaties:
        if 0 <= span.start - treaty.end <= OTHER_REACH and "\n\n" not in _between(treaty, span):
            return not _sentence_break(treaty, span)
        after = span.doc[span.end : treaty.start]
        if 0 <= treaty.start - span.end <= 4 and any(t.lower_ in ("of", "to") for t in after):
            return True
    return False


def _between(first: Span, second: Span) -> str:
    return doc_text(first.doc)[first.end_char : second.start_char]


def _sentence_break(first: Span, second: Span) -> bool:
    gap = _between(first, second)
    return any(mark in gap for mark in (". ", ";", "\n\n"))
