"""The main job: a folder of documents in, the knowledge graph out.

ingest -> extract (per document) -> graph -> store. A file that cannot be read or
extracted is reported with its reason; the others are still built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from ccm_graph import errors, graph, ingest
from ccm_graph.extract import extract_document
from ccm_graph.model import DocumentFacts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileProblem:
    path: str
    problem: str


@dataclass
class BuildResult:
    """What a build read, what it extracted, and what it could not use."""

    documents: list[DocumentFacts] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    graph: Graph | None = None


def extract_all(source: Path) -> BuildResult:
    """Read and extract every document under `source`; bad files become problems."""
    paths = ingest.discover(source)
    if not paths:
        raise errors.InputError(source, errors.NO_DOCUMENTS)
    result = BuildResult()
    for item in ingest.read_all(paths):
        if item.document is None:
            result.problems.append(FileProblem(str(item.path), item.problem or "unreadable"))
            continue
        try:
            result.documents.append(extract_document(item.document))
        except Exception as error:  # one bad document must not lose the others
            log.exception("%s: extraction failed", item.path)
            result.problems.append(FileProblem(str(item.path), f"extraction failed: {error}"))
    return result


def build(source: Path) -> BuildResult:
    """Extract every document under `source` and assemble the graph."""
    result = extract_all(source)
    result.graph = graph.build_graph(result.documents)
    return result
