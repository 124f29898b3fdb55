"""`ccm_layout_v1`: the layout of a document, as span groups.

Layout readers are registered by name (`@reader("lines.v1")`) and run in the order the
component's config lists them; each writes its span groups once, and later readers (and the
rules) read them. Readers work on character offsets of `doc.text`: a `Mark` is converted to a
`Span` over the tokens it covers.

| group | what | label | kb_id |
|---|---|---|---|
| paragraphs | blank-line separated blocks | paragraph | |
| lines | non-blank lines, trimmed | line | |
| headings | heading lines | numbered, emphasis, title, caps | the number |
| items | list items and their continuation lines | bullet, number, letter | the marker |
| numbered | numbered paragraphs of a report | paragraph | "26", "Annex I.3" |
| parens | parenthesised groups, without the brackets | paren | |
| sentences | sentences (also `token.is_sent_start`) | sentence | |
| rows, cells | table rows and their cells | row: its layout; cell: its column | column index |
| blocks | attendance lists | attendance | the reader |
| status | status groups inside an attendance list | present, observer, apologies, absent | |
| contents | entries of a contents or speakers' list ("Name | Title | Org") | entry | |
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ccm_graph.nlp import index
from ccm_graph.nlp.doctext import doc_text


@dataclass(frozen=True)
class Mark:
    """What a reader found: a span of `group` over doc.text[start:end]."""

    group: str
    start: int
    end: int
    label: str = ""
    kb_id: str = ""


Reader = Callable[[Doc], Iterable[Mark]]
READERS: dict[str, Reader] = {}
DEFAULT_READERS = (
    "paragraphs.v1",
    "lines.v1",
    "headings.v1",
    "inline_headings.v1",
    "list_items.v1",
    "numbered_paragraphs.v1",
    "parens.v1",
    "sentences.v1",
    "pipe_table.v1",
    "column_table.v1",
    "delimited_table.v1",
    "spaced_table.v1",
    "attendance_blocks.v1",
    "contents_entries.v1",
)


def reader(name: str) -> Callable[[Reader], Reader]:
    """Register a layout reader under a versioned name ("lines.v1")."""

    def register(function: Reader) -> Reader:
        if name in READERS:
            raise ValueError(f"layout reader {name!r} is registered twice")
        READERS[name] = function
        return function

    return register


@Language.factory(
    "ccm_layout_v1",
    default_config={"readers": list(DEFAULT_READERS)},
    assigns=["doc.spans", "token.is_sent_start"],
)
def make_layout(nlp: Language, name: str, readers: list[str]) -> Layout:
    return Layout(readers, name)


class Layout:
    """Runs the configured layout readers, one after the other."""

    def __init__(self, readers: Iterable[str], name: str = "layout") -> None:
        _load_readers()
        unknown = [r for r in readers if r not in READERS]
        if unknown:
            raise ValueError(f"{name}: unknown layout readers {unknown}; known: {sorted(READERS)}")
        self.readers = list(readers)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for name in self.readers:
            write(doc, READERS[name](doc))
        _set_sentence_starts(doc)
        return doc


def write(doc: Doc, marks: Iterable[Mark]) -> None:
    """Add the marks to their span groups, as spans over the tokens they cover."""
    grouped: dict[str, list[Span]] = {}
    text, starts = doc_text(doc), token_starts(doc)  # the readers never change the tokens
    for mark in marks:
        span = _span(doc, text, starts, mark.start, mark.end, mark.label, mark.kb_id)
        if span is not None:
            grouped.setdefault(mark.group, []).append(span)
    for group, spans in grouped.items():
        index.put(doc, group, [*index.spans(doc, group), *spans])


def to_span(doc: Doc, start: int, end: int, label: str = "", kb_id: str = "") -> Span | None:
    """The span of the tokens that doc.text[start:end] covers, or None when it is blank."""
    return _span(doc, doc_text(doc), token_starts(doc), start, end, label, kb_id)


def _span(
    doc: Doc, text: str, starts: list[int], start: int, end: int, label: str, kb_id: str
) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    first = bisect.bisect_right(starts, start) - 1  # the token holding the first character
    last = bisect.bisect_left(starts, end)  # the first token from the end on
    if first < 0 or last <= first:
        return None
    return Span(doc, first, last, label=label, kb_id=kb_id)


def token_starts(doc: Doc) -> list[int]:
    """Each token's offset in the text, computed once per Doc."""
    cached = doc.user_data.get(STARTS_KEY)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[STARTS_KEY] = doc.to_array(IDX).tolist()
    return cached


STARTS_KEY = "ccm_token_starts"


def _set_sentence_starts(doc: Doc) -> None:
    # Token by token, spaCy's is_sent_start setter costs a pass over the Doc each time.
    if "sentences" not in doc.spans or not len(doc):
        return
    starts = numpy.full((len(doc), 1), -1, dtype="int32")
    starts[0, 0] = 1
    for span in index.spans(doc, "sentences"):
        starts[span.start, 0] = 1
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]


def _load_readers() -> None:
    # The readers register themselves when their modules are imported.
    from ccm_graph.nlp.layout import attendance, contents, tables, text  # noqa: F401
