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
    _cache(doc)[group] = (ordered, [s.start_char for s in ordered])


def spans(doc: Doc, group: str) -> list[Span]:
    """The spans of a group, in text order (empty for a group no component wrote)."""
    return _entry(doc, group)[0]


def within(doc: Doc, group: str, start: int, end: int, *labels: str) -> list[Span]:
    """Spans of `group` lying wholly inside doc.text[start:end], with one of `labels` if any."""
    ordered, starts = _entry(doc, group)
    found = []
    for span in ordered[bisect.bisect_left(starts, start) :]:
        if span.start_char >= end:
            break
        if span.end_char <= end and (not labels or span.label_ in labels):
            found.append(span)
    return found


def covering(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    """Spans of `group` that contain doc.text[start:end], innermost last."""
    ordered, starts = _entry(doc, group)
    found = [s for s in ordered[: bisect.bisect_right(starts, start)] if s.end_char >= end]
    return sorted(found, key=lambda s: s.start_char - s.end_char)


def _cache(doc: Doc) -> dict[str, tuple[list[Span], list[int]]]:
    return doc.user_data.setdefault(KEY, {})


def _entry(doc: Doc, group: str) -> tuple[list[Span], list[int]]:
    cache = _cache(doc)
    if group not in cache:
        found = list(doc.spans[group]) if group in doc.spans else []
        ordered = sorted(found, key=lambda s: (s.start_char, -s.end_char))
        cache[group] = (ordered, [s.start_char for s in ordered])
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
