"""Extraction: one document's text in, its facts out.

Each submodule reads one kind of fact from a shared `Context` (the text, its entity
mentions and its segments, computed once). `extract_document` runs them in order; a
module that needs another's facts gets them as an argument, never by reaching back.
"""

from __future__ import annotations

from ccm_graph.extract import (
    articles,
    attendance,
    coordinators,
    decisions,
    delegates,
    meetings,
    obligations,
    presidencies,
)
from ccm_graph.extract.context import Context
from ccm_graph.model import DocumentFacts, Fact, SourceDocument


def extract_document(document: SourceDocument) -> DocumentFacts:
    """Every fact the document states, each with the span it was read from."""
    ctx = Context.of(document)
    presidency_facts = presidencies.extract(ctx)
    facts: list[Fact] = [
        *meetings.extract(ctx, presidency_facts),
        *presidency_facts,
        *attendance.extract(ctx),
        *delegates.extract(ctx),
        *coordinators.extract(ctx),
        *articles.extract(ctx),
        *obligations.extract(ctx),
        *decisions.extract(ctx),
    ]
    return DocumentFacts(document, tuple(facts))
