"""Every fact's evidence on real layouts: over every genre fixture (and, where the shared
development set sits beside the checkout, every real excerpt), each span has start < end,
quotes the source exactly at its offsets, and names a registered rule; and the graph built
from the fixtures conforms to the project's shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccm_graph.extract.rules import registered
from ccm_graph.ingest.ingest import read_document
from ccm_graph.model import SourceDocument
from ccm_graph.pipeline import extract_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("genre*/*.txt"))
# The real excerpts are third-party texts kept outside the repository (../shared): measured
# against when present, never copied in.
EXCERPTS = sorted((ROOT.parent / "shared" / "excerpts" / "docs").glob("*.txt"))
CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


def body(path: Path) -> SourceDocument:
    """The document as the build reads it; an excerpt without its provenance header."""
    document = read_document(path)
    text = document.text
    if text.startswith("source:") and "\n---\n" in text:
        text = text.split("\n---\n", 1)[1]
    return SourceDocument(document.doc_id, document.path, text, document.sha256)


def test_there_are_documents_to_check() -> None:
    assert len(FIXTURES) >= 29 and len(CORPUS) == 5


@pytest.mark.parametrize("path", [*CORPUS, *FIXTURES, *EXCERPTS], ids=lambda p: p.stem)
def test_every_evidence_quotes_its_source(path: Path) -> None:
    document = body(path)
    refs = {rule.ref for rule in registered()}
    for fact in extract_text(document).facts:
        span = fact.span
        assert 0 <= span.start < span.end <= len(document.text), (fact, span)
        assert document.text[span.start : span.end] == span.text, fact
        assert span.text.strip(), fact
        assert fact.rule in refs, fact


def test_the_fixtures_graph_conforms_to_the_shapes(tmp_path: Path) -> None:
    from ccm_graph import api
    from ccm_graph.publish import ontology, validate

    docs = tmp_path / "docs"
    docs.mkdir()
    for path in FIXTURES:
        (docs / path.name).write_text(body(path).text, encoding="utf-8")
    output = tmp_path / "fixtures.ttl"
    api.build(docs, output)
    report = validate.validate(ontology.read_graph(output))
    assert report.violations == [], validate.report_text(report)
