"""Regenerate the golden graphs that tests/test_golden.py compares each build with.

    .venv/bin/python scripts/make_golden.py

Builds corpus/ and splits the graph as `ccm-graph push` does: one graph per document (its
node, its facts and their evidence; tests/golden/<document>.ttl) and the rest, shared by
all documents (States, organizations, people, meetings, reference data;
tests/golden/shared.ttl). Run it when a change to extraction or to the graph's shape is
meant, and read `git diff tests/golden/` before committing: the diff is the change.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pyoxigraph

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
COMMAND = ".venv/bin/python scripts/make_golden.py"


def split_graphs(built: Path) -> dict[str, bytes]:
    """A built graph as Turtle per document (by file stem) and `shared`."""
    from ccm_graph.publish import push
    from ccm_graph.rdf import terms

    graph_store = pyoxigraph.Store()
    graph_store.bulk_load(path=str(built), format=pyoxigraph.RdfFormat.TURTLE)
    parts = push.partition(graph_store)
    stems = _file_stems(graph_store)
    found = {}
    for graph in parts.named_graphs():
        name = graph.value.removeprefix(push.DEFAULT_BASE).removeprefix("document/")
        if not name:
            continue  # the catalogue of graphs itself
        # A document's IRI comes from its symbol or text; its golden file is named by its file.
        name = stems.get(graph.value, name)
        triples = sorted(
            (
                pyoxigraph.Triple(q.subject, q.predicate, q.object)
                for q in parts.quads_for_pattern(None, None, None, graph)
            ),
            key=str,
        )
        found[name] = (
            pyoxigraph.serialize(
                triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=terms.BODY_PREFIXES
            )
            or b""
        )
    return found


def _file_stems(graph_store: pyoxigraph.Store) -> dict[str, str]:
    """Each document graph's IRI (as push names it) and its file's stem (dcterms:identifier)."""
    from ccm_graph.publish import push

    identifier = pyoxigraph.NamedNode("http://purl.org/dc/terms/identifier")
    document = pyoxigraph.NamedNode("https://w3id.org/ccm-graph/ontology#Document")
    kind = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    stems = {}
    for quad in graph_store.quads_for_pattern(None, kind, document):
        for stem in graph_store.quads_for_pattern(quad.subject, identifier, None):
            iri = quad.subject.value
            graph_iri = push.DEFAULT_BASE + iri.removeprefix("https://w3id.org/ccm-graph/id/")
            stems[graph_iri] = stem.object.value
    return stems


def main() -> None:
    from ccm_graph import api

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ccm-golden-") as folder:
        built = Path(folder) / "ccm.ttl"
        api.build(ROOT / "corpus", built)
        graphs = split_graphs(built)
    for old in GOLDEN.glob("*.ttl"):
        if old.stem not in graphs:
            old.unlink()
    for name, data in sorted(graphs.items()):
        (GOLDEN / f"{name}.ttl").write_bytes(data)
        print(f"wrote tests/golden/{name}.ttl", file=sys.stderr)


if __name__ == "__main__":
    main()
