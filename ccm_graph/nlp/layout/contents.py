"""Contents and speakers' lists: entries opened by ">" whose fields are set apart by "|"
("> Werner Heidemann | Head of Division Arms Control | Ministry of Defence | Germany 13"),
often several on one line when a PDF's contents page was flattened.

Each entry is a row (`rows`, label contents) and each field a cell labelled by what it holds
(`holder` when it names an actor, else `text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import Mark, reader
from ccm_graph.nlp.layout.tables import _mentions
from ccm_graph.nlp.layout.text import line_spans

ENTRY = re.compile(r"(?:^|(?<=\s))>{1,2}[ \t]+([^>\n]+)")
FIELD_SEPARATOR = re.compile(r"\s*\|\s*")


@reader("contents_entries.v1")
def read_contents_entries(doc: Doc) -> Iterator[Mark]:
    for line_start, line_end in line_spans(doc_text(doc)):
        line = doc_text(doc)[line_start:line_end]
        if "|" not in line or ">" not in line:
            continue
        for entry in ENTRY.finditer(line):
            start, end = line_start + entry.start(1), line_start + entry.end(1)
            if "|" not in doc_text(doc)[start:end]:
                continue
            yield Mark("rows", start, end, "contents")
            yield from _fields(doc, start, end)


def _fields(doc: Doc, start: int, end: int) -> Iterator[Mark]:
    position = start
    index = 0
    text = doc_text(doc)
    for separator in [*FIELD_SEPARATOR.finditer(text, start, end), None]:
        stop = separator.start() if separator else end
        if text[position:stop].strip():
            column = "holder" if _mentions(doc, "actors", position, stop) else "text"
            yield Mark("cells", position, stop, column, str(index))
            index += 1
        if separator is None:
            break
        position = separator.end()
