"""push.py against a real Oxigraph server (the `oxigraph` package's `serve`, a dev dependency):
one named graph per document, query through the server, re-push replaces, stale graphs go."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from ccm_graph.cli import app
from ccm_graph.publish import push

pytestmark = pytest.mark.slow

BASE = push.DEFAULT_BASE
PREFIXES = """
@prefix ccm: <https://w3id.org/ccm-graph/ontology#> .
@prefix id: <https://w3id.org/ccm-graph/id/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def fact(doc: str, name: str, actor: str, quote: str) -> str:
    """An attendance fact of `doc` with its evidence chain (19 triples), as the contract says."""
    node = f"<https://w3id.org/ccm-graph/id/fact/{doc}/{name}>"
    part = f"https://w3id.org/ccm-graph/id/fact/{doc}/{name}"
    return f"""
{node} a ccm:Attendance ; prov:wasDerivedFrom id:document\\/{doc} ;
    ccm:actor id:state\\/{actor} ; ccm:meeting id:meeting\\/9msp ; ccm:evidence <{part}/evidence> .
<{part}/evidence> a oa:Annotation ; oa:hasBody {node} ; oa:hasTarget <{part}/target> .
<{part}/target> a oa:SpecificResource ; oa:hasSource id:document\\/{doc} ;
    oa:hasSelector <{part}/position>, <{part}/quote> .
<{part}/position> a oa:TextPositionSelector ; oa:start 10 ; oa:end 20 .
<{part}/quote> a oa:TextQuoteSelector ; oa:exact "{quote}" ; oa:prefix "" ; oa:suffix "" .
"""


def document(doc: str) -> str:
    return f"""id:document\\/{doc} a ccm:Document ; dcterms:identifier "{doc}" ;
    ccm:records id:meeting\\/9msp .
"""


SHARED = """
id:state\\/LKA a ccm:State ; skos:prefLabel "Sri Lanka"@en ; skos:notation "LKA" .
id:state\\/PER a ccm:State ; skos:prefLabel "Peru"@en ; skos:notation "PER" .
id:meeting\\/9msp a ccm:MeetingOfStatesParties ; ccm:ordinal 9 .
"""  # 8 triples


def dataset(b_quote: str = "Peru", b_second_fact: bool = True, with_c: bool = True) -> str:
    parts = [PREFIXES, SHARED, document("A"), fact("A", "f1", "LKA", "Sri Lanka")]
    parts += [document("B"), fact("B", "f1", "PER", b_quote)]
    if b_second_fact:
        parts.append(fact("B", "f2", "LKA", "Sri Lanka"))
    if with_c:
        parts += [document("C"), fact("C", "f1", "LKA", "Sri Lanka")]
    return "".join(parts)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def graph_iri(doc: str) -> str:
    return f"{BASE}document/{doc}"


# --- partition, no server -------------------------------------------------------------------


def test_partition_puts_each_fact_and_its_evidence_in_its_documents_graph(
    tmp_path: Path,
) -> None:
    split = push.partition(write(tmp_path, "g.ttl", dataset()), BASE)
    sizes = {
        g.value: len(list(split.quads_for_pattern(None, None, None, g)))
        for g in split.named_graphs()
    }
    # document node (3) + one fact with its evidence (19) each; B has two facts
    assert sizes == {
        graph_iri("A"): 22,
        graph_iri("B"): 41,
        graph_iri("C"): 22,
        push.shared_graph(BASE): 8 + 3,  # entities + catalog (one hasPart per document graph)
    }
    quote_graphs = {
        q.graph_name.value
        for q in split.quads_for_pattern(None, None, None)
        if q.subject.value.endswith("/B/f2/quote")
    }
    assert quote_graphs == {graph_iri("B")}


# --- against a real Oxigraph server ---------------------------------------------------------


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the Oxigraph server is missing: pip install -e '.[dev]'"
    return found


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An Oxigraph server on 127.0.0.1 (its own store folder), started for the test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "db"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def sparql(url: str, query: str) -> list[dict[str, str]]:
    reply = httpx.post(
        f"{url}/query", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    reply.raise_for_status()
    rows = reply.json()["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def quads_per_graph(url: str) -> dict[str, int]:
    rows = sparql(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]: int(row["n"]) for row in rows}


def test_push_query_and_re_push_replaces(tmp_path: Path, server: str) -> None:
    first = push.push(write(tmp_path, "v1.ttl", dataset()), f"{server}/store")
    assert first.graphs[graph_iri("B")] == 41
    assert quads_per_graph(server) == first.graphs
    assert sum(quads_per_graph(server).values()) == 85 + 8 + 3

    # query through the server: who attended, by which document, across the named graphs
    rows = sparql(
        server,
        """PREFIX ccm: <https://w3id.org/ccm-graph/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?doc ?name WHERE {
          GRAPH ?g { ?f a ccm:Attendance ; ccm:actor ?actor ; prov:wasDerivedFrom ?doc }
          GRAPH ?shared { ?actor skos:prefLabel ?name }
        } ORDER BY ?doc ?name""",
    )
    documents = "https://w3id.org/ccm-graph/id/document/"
    assert [(r["doc"].removeprefix(documents), r["name"]) for r in rows] == [
        ("A", "Sri Lanka"),
        ("B", "Peru"),
        ("B", "Sri Lanka"),
        ("C", "Sri Lanka"),
    ]

    # document B changed: one fact fewer, another quote. Re-pushing replaces B's graph.
    again = push.push(
        write(tmp_path, "v2.ttl", dataset("Republic of Peru", False)), f"{server}/store"
    )
    counts = quads_per_graph(server)
    assert counts[graph_iri("B")] == 22
    assert counts[graph_iri("A")] == 22
    assert sum(counts.values()) == 66 + 8 + 3 == again.triples
    quotes = sparql(
        server,
        "SELECT ?q WHERE { GRAPH ?g { ?s <http://www.w3.org/ns/oa#exact> ?q } } ORDER BY ?q",
    )
    assert [r["q"] for r in quotes] == ["Republic of Peru", "Sri Lanka", "Sri Lanka"]


def test_a_removed_document_loses_its_graph(tmp_path: Path, server: str) -> None:
    push.push(write(tmp_path, "v1.ttl", dataset()), f"{server}/store")
    report = push.push(write(tmp_path, "v2.ttl", dataset(with_c=False)), f"{server}/store")
    assert report.deleted == [graph_iri("C")]
    counts = quads_per_graph(server)
    assert graph_iri("C") not in counts
    assert sum(counts.values()) == 63 + 8 + 2


def test_cli_push_with_a_graph_name(tmp_path: Path, server: str) -> None:
    source = write(tmp_path, "g.ttl", dataset())
    base = "https://example.org/ccm"
    result = CliRunner().invoke(
        app, ["push", str(source), "--endpoint", f"{server}/store", "--graph", base]
    )
    assert result.exit_code == 0, result.output
    assert "pushed 96 triples in 4 graphs" in result.output
    assert set(quads_per_graph(server)) == {
        f"{base}/document/A",
        f"{base}/document/B",
        f"{base}/document/C",
        f"{base}/shared",
    }


# --- what any store sees: authentication, refusals ------------------------------------------


def test_basic_auth_is_sent_and_a_refusal_names_the_graph(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def store(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "GET":
            return httpx.Response(404)
        return httpx.Response(403, text="read-only dataset")

    client = httpx.Client(transport=httpx.MockTransport(store))
    with pytest.raises(push.PushError, match=r"PUT of graph .*document/A answered 403: read-only"):
        push.push(
            write(tmp_path, "g.ttl", dataset()),
            "http://store.test/gsp",
            auth=("ann", "pw"),
            client=client,
        )
    assert all(r.headers["authorization"] == "Basic YW5uOnB3" for r in seen)
    put = seen[-1]
    assert put.method == "PUT"
    assert put.url.params["graph"] == graph_iri("A")
    assert put.headers["content-type"] == "application/n-triples"


def test_cli_rejects_auth_without_a_password(tmp_path: Path) -> None:
    source = write(tmp_path, "g.ttl", dataset())
    result = CliRunner().invoke(
        app, ["push", str(source), "--endpoint", "http://127.0.0.1:9/store", "--auth", "ann"]
    )
    assert result.exit_code == 2
    assert "user:password" in result.output
