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
    from ccm_graph.rdf import store

    graph_store = pyoxigraph.Store()
    graph_store.bulk_load(path=str(built), format=pyoxigraph.RdfFormat.TURTLE)
    parts = push.partition(graph_store)
    found = {}
    for graph in parts.named_graphs():
        name = graph.value.removeprefix(push.DEFAULT_BASE).removeprefix("document/")
        if not name:
            continue  # the catalogue of graphs itself
        triples = sorted(
            (
                pyoxigraph.Triple(q.subject, q.predicate, q.object)
                for q in parts.quads_for_pattern(None, None, None, graph)
            ),
            key=str,
        )
        found[name] = (
            pyoxigraph.serialize(
                triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=store.BODY_PREFIXES
            )
            or b""
        )
    return found


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
