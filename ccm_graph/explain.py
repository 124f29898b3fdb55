"""What the layout readers and the rules found in one document: the tool that whoever adds
the next layout or rule needs.

`explain(path)` reads a document as the build does and returns its Doc (span groups) and
facts; `listing()` prints them for a terminal, `html()` renders the span groups with
displaCy's span style into one offline HTML page, with the facts and the rules that read them.
"""

from __future__ import annotations

import html as html_text
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from spacy import displacy
from spacy.tokens import Doc

from ccm_graph.extract import run_rules
from ccm_graph.extract.rules import KIND_NAMES, row
from ccm_graph.extract.view import View
from ccm_graph.ingest import cleanup, ingest
from ccm_graph.model import Fact, SourceDocument

# Span groups as a reader of the listing meets them: layout first, then mentions and cues.
LAYOUT = (
    "headings",
    "items",
    "numbered",
    "rows",
    "cells",
    "blocks",
    "status",
    "entries",
    "members",
    "roles",
)
COUNTED = ("paragraphs", "lines", "sentences", "parens")
MENTIONS = ("actors", "persons", "areas", "instruments", "demonyms", "meetings", "dates")
SHOWN = 12  # spans listed per group in the terminal


@dataclass
class Explanation:
    document: SourceDocument
    doc: Doc
    facts: list[Fact]


def explain(path: Path, disabled_rules: tuple[str, ...] = ()) -> Explanation:
    """Read `path` as the build does (format, cleanup, OCR undone for matching) and run the
    pipeline and the rules on it.

    Raises:
        InputError: the file cannot be read.
    """
    document = ingest.read_document(path)
    cleaned = replace(document, text=cleanup.clean(document.text).text)
    view = View(cleaned)
    facts = run_rules(view, frozenset(disabled_rules))
    return Explanation(cleaned, view.doc, facts)


def _quote(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def listing(explanation: Explanation) -> str:
    """The span groups and the facts, as plain text."""
    doc, out = explanation.doc, []
    out.append(f"{explanation.document.path}: {len(doc)} tokens")
    counts = ", ".join(f"{len(doc.spans[g])} {g}" for g in COUNTED if g in doc.spans)
    out.append(f"layout: {counts}")
    for group in (*LAYOUT, *MENTIONS):
        spans = list(doc.spans[group]) if group in doc.spans else []
        if not spans:
            continue
        out.append(f"\n{group} ({len(spans)})")
        for span in spans[:SHOWN]:
            tags = " ".join(t for t in (span.label_, span.kb_id_) if t)
            out.append(f"  {span.start_char:>6}  [{tags}] {_quote(span.text)}")
        if len(spans) > SHOWN:
            out.append(f"  ... {len(spans) - SHOWN} more")
    cues = Counter(span.label_ for span in doc.spans["cues"]) if "cues" in doc.spans else {}
    if cues:
        out.append("\ncues: " + ", ".join(f"{label} {n}" for label, n in sorted(cues.items())))
    out.append(f"\nfacts ({len(explanation.facts)})")
    for fact in explanation.facts:
        kind = KIND_NAMES.get(type(fact), type(fact).__name__)
        values = ", ".join("" if v is None else str(v) for v in row(fact))
        out.append(f"  {fact.rule:36} {kind:15} {values}")
        out.append(f"  {'':36} {fact.span.start:>6}  “{_quote(fact.span.text, 60)}”")
    return "\n".join(out)


def html(explanation: Explanation, groups: tuple[str, ...] = (*LAYOUT, *MENTIONS)) -> str:
    """One HTML page: each span group rendered over the text by displaCy, then the facts."""
    doc = explanation.doc
    sections = []
    for group in groups:
        if group not in doc.spans or not len(doc.spans[group]):
            continue
        rendered = displacy.render(
            doc, style="span", options={"spans_key": group}, page=False, jupyter=False
        )
        sections.append(f"<h2>{group}</h2>\n{rendered}")
    rows = "\n".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            html_text.escape(fact.rule),
            html_text.escape(KIND_NAMES.get(type(fact), "")),
            html_text.escape(", ".join("" if v is None else str(v) for v in row(fact))),
            html_text.escape(_quote(fact.span.text, 120)),
        )
        for fact in explanation.facts
    )
    title = html_text.escape(str(explanation.document.path))
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>ccm-graph explain: {title}</title>"
        "<style>body{font-family:sans-serif;margin:2rem;max-width:70rem}"
        "table{border-collapse:collapse}td{border-top:1px solid #ddd;padding:.2rem .5rem;"
        "vertical-align:top}</style></head><body>\n"
        f"<h1>{title}</h1>\n" + "\n".join(sections) + "\n<h2>facts and their rules</h2>\n"
        "<table><tr><th>rule</th><th>kind</th><th>values</th><th>evidence</th></tr>\n"
        f"{rows}\n</table>\n</body></html>\n"
    )
