"""Span groups with a positional index, for the components and rules that read them.

Iterating a `SpanGroup` makes new `Span` objects each time; readers that look up "the actors
on this line" for every line would make millions. Groups are written through `put`, which
keeps their spans as a sorted list with their start offsets beside the Doc, and read through
`spans` and `within`, which bisect that list.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

KEY = "ccm_index"


def put(doc: Doc, group: str, spans: Iterable[Span]) -> None:
    """Set `doc.spans[group]` to `spans`, sorted by position."""
    ordered = sorted(spans, key=lambda s: (s.start_char, -s.end_char, s.label_, s.kb_id_))
    doc.spans[group] = ordered
    _cache(doc)[group] = _Entry(ordered)


def spans(doc: Doc, group: str) -> list[Span]:
    """The spans of a group, in text order (empty for a group no component wrote)."""
    return _entry(doc, group).spans


def within(doc: Doc, group: str, start: int, end: int, *labels: str) -> list[Span]:
    """Spans of `group` lying wholly inside doc.text[start:end], with one of `labels` if any."""
    entry = _entry(doc, group)
    starts, ends, names = entry.starts, entry.ends, entry.labels
    first = bisect.bisect_left(starts, start)
    return [
        entry.spans[i]
        for i in range(first, bisect.bisect_left(starts, end, first))
        if ends[i] <= end and (not labels or names[i] in labels)
    ]


def covering(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    """Spans of `group` that contain doc.text[start:end], innermost last."""
    entry = _entry(doc, group)
    ends = entry.ends
    found = [
        entry.spans[i] for i in range(bisect.bisect_right(entry.starts, start)) if ends[i] >= end
    ]
    return sorted(found, key=lambda s: s.start_char - s.end_char)


class _Entry:
    """A group's spans in text order, with their offsets and labels read once (each read
    of a Span's attribute goes through its Doc)."""

    __slots__ = ("ends", "labels", "spans", "starts")

    def __init__(self, ordered: list[Span]) -> None:
        self.spans = ordered
        self.starts = [s.start_char for s in ordered]
        self.ends = [s.end_char for s in ordered]
        self.labels = [s.label_ for s in ordered]


def _cache(doc: Doc) -> dict[str, _Entry]:
    return doc.user_data.setdefault(KEY, {})


def _entry(doc: Doc, group: str) -> _Entry:
    cache = _cache(doc)
    if group not in cache:
        found = list(doc.spans[group]) if group in doc.spans else []
        cache[group] = _Entry(sorted(found, key=lambda s: (s.start_char, -s.end_char)))
    return cache[group]


def release(doc: Doc) -> Doc:
    """Drop the index (and the cached text) from the Doc: they hold Python objects that
    `Doc.to_bytes` cannot write. Readers rebuild them on first use."""
    for key in (KEY, "ccm_text", "ccm_compact", "ccm_compact_words", "ccm_token_starts"):
        doc.user_data.pop(key, None)
    return doc


@Language.component("ccm_release_v1")
def release_component(doc: Doc) -> Doc:
    """The pipeline's last step: `release`."""
    return release(doc)
