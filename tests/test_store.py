"""rdf/: one writer into every sink (a Turtle file, an rdflib Graph, an Oxigraph store); fast
save; on-disk stores."""

from __future__ import annotations

import pickle
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF
from typer.testing import CliRunner

from ccm_graph import errors, pipeline
from ccm_graph.cli import app
from ccm_graph.ingest import ingest
from ccm_graph.model import DocumentFacts
from ccm_graph.rdf import graph, store, turtle, writer

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def documents() -> list[DocumentFacts]:
    paths = sorted(CORPUS.glob("*.txt"))
    assert paths, "the bundled corpus is missing"
    return [pipeline.extract_text(ingest.read_document(path)) for path in paths]


def triples(path: Path) -> set:
    return set(Graph().parse(path, format="turtle"))


def test_streamed_turtle_has_exactly_build_graphs_triples(
    documents: list[DocumentFacts], tmp_path: Path
) -> None:
    expected = set(graph.build_graph(documents))
    out = tmp_path / "stream.ttl"
    written = turtle.save_documents(documents, out)
    actual = triples(out)
    assert actual - expected == set(), "triples only in the streamed file"
    assert expected - actual == set(), "triples only in build_graph's graph"
    assert written >= len(expected)  # shared nodes (meetings) may be written by two documents
    assert any(o == FOAF.Person for _, _, o in actual), "people are written at the end"


def test_streaming_gives_the_same_bytes_in_any_document_order(
    documents: list[DocumentFacts], tmp_path: Path
) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    turtle.save_documents(documents, first)
    # chunks made elsewhere (worker processes) travel pickled
    chunks = [pickle.loads(pickle.dumps(writer.document_chunk(d))) for d in documents]
    with turtle.turtle_file(second) as sink, writer.GraphWriter(sink) as out:
        for chunk in chunks:
            out.write(chunk)
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes().startswith(b"@prefix ccm: <https://w3id.org/ccm-graph/ontology#>")


def test_failed_stream_leaves_the_old_file_and_no_temporary(
    documents: list[DocumentFacts], tmp_path: Path
) -> None:
    out = tmp_path / "ccm.ttl"
    out.write_text("old", encoding="utf-8")
    with (
        pytest.raises(RuntimeError),
        turtle.turtle_file(out) as sink,
        writer.GraphWriter(sink) as stream,
    ):
        stream.write(writer.document_chunk(documents[0]))
        raise RuntimeError("a worker died")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["ccm.ttl"]


def test_stream_must_be_opened_before_writing(documents: list[DocumentFacts]) -> None:
    with pytest.raises(ValueError, match="with"):
        writer.GraphWriter(graph.GraphSink()).write(writer.document_chunk(documents[0]))


def test_save_is_rdflibs_graph_and_deterministic(tmp_path: Path) -> None:
    ex = "https://example.org/"
    rows = [
        (URIRef(f"{ex}b"), URIRef(f"{ex}p"), Literal('quote "x"\nnext line')),
        (URIRef(f"{ex}a"), URIRef(f"{ex}p"), Literal(5)),
        (URIRef(f"{ex}a"), URIRef(f"{ex}q"), Literal("Chile", lang="en")),
        (URIRef(f"{ex}a"), URIRef(f"{ex}r"), URIRef("https://w3id.org/ccm-graph/id/state/CHL")),
    ]
    forward, backward = Graph(), Graph()
    for row in rows:
        forward.add(row)
    for row in reversed(rows):
        backward.add(row)
    graph.save(forward, tmp_path / "f.ttl")
    graph.save(backward, tmp_path / "b.ttl")
    assert (tmp_path / "f.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert triples(tmp_path / "f.ttl") == set(forward)
    held = store.store_of(forward)
    assert len(held) == 4
    assert store.select(held, f"SELECT ?n WHERE {{ <{ex}a> <{ex}p> ?n }}")[1] == [{"n": 5}]


def test_disk_store_loads_replaces_and_answers(tmp_path: Path) -> None:
    small, large = tmp_path / "small.ttl", tmp_path / "large.ttl"
    small.write_text("<https://e.org/a> <https://e.org/p> 1 .\n", encoding="utf-8")
    large.write_text(
        "<https://e.org/a> <https://e.org/p> 1 .\n<https://e.org/b> <https://e.org/p> 2 .\n",
        encoding="utf-8",
    )
    folder = tmp_path / "store"
    assert store.load_disk_store(small, folder) == 1
    assert store.is_disk_store(folder)
    assert store.load_disk_store(large, folder) == 2  # replaced, not added to
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.ttl", "small.ttl", "store"]
    disk = store.open_disk_store(folder)
    _, rows = store.select(disk, "SELECT ?n WHERE { ?s <https://e.org/p> ?n } ORDER BY ?n")
    assert rows == [{"n": 1}, {"n": 2}]
    with pytest.raises(RuntimeError, match="read-write"):  # read-only: nothing can change it
        disk.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode("https://e.org/x"),) * 3))


def test_disk_store_refuses_to_replace_a_folder_of_other_files(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    source = tmp_path / "g.ttl"
    source.write_text("<https://e.org/a> <https://e.org/p> 1 .\n", encoding="utf-8")
    with pytest.raises(errors.InputError, match="not an Oxigraph store"):
        store.load_disk_store(source, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"
    with pytest.raises(errors.InputError, match="no Oxigraph store"):
        store.open_disk_store(tmp_path / "mine")


def test_cli_load_then_query_the_store(documents: list[DocumentFacts], tmp_path: Path) -> None:
    ttl = tmp_path / "ccm.ttl"
    turtle.save_documents(documents, ttl)
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", str(ttl), "--store", str(tmp_path / "db")])
    assert loaded.exit_code == 0, loaded.output
    assert "loaded" in loaded.output
    from_store = runner.invoke(app, ["query", str(tmp_path / "db"), "meetings", "-f", "csv"])
    from_file = runner.invoke(app, ["query", str(ttl), "meetings", "-f", "csv"])
    assert from_store.exit_code == 0, from_store.output
    assert from_store.output == from_file.output
    assert len(from_store.output.splitlines()) > 2
