"""What no request can do to `serve`: a body over the limit is refused before it is read, a
query that needs too much memory ends its worker with a 503 and the worker is replaced, an
answer over the byte cap is cut and says so, deep nesting is refused, the explorer's API never
answers a traceback; and the IRIs of the graph dereference with content negotiation."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pyoxigraph
import pytest
import rdflib

from ccm_graph import api, errors
from ccm_graph.serve import app as serve

pytestmark = pytest.mark.slow

CCM = "https://w3id.org/ccm-graph/ontology#"
ID = "https://w3id.org/ccm-graph/id/"
AREAS = f"SELECT ?s WHERE {{ ?s a <{CCM}ThematicArea> }} ORDER BY ?s"
# Sorting a cross product of the graph with itself holds every row in memory at once.
MEMORY_HOG = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?d ?b ?c"


@pytest.fixture(scope="module")
def base(corpus_graph: Path) -> Iterator[str]:
    config = serve.ServeConfig(
        graph=corpus_graph, port=0, workers=2, timeout=20, memory_mb=300, max_bytes=64 * 1024
    )
    with serve.running(config) as url:
        yield url


@pytest.fixture(scope="module")
def direct(corpus_graph: Path) -> pyoxigraph.Store:
    return api.load(corpus_graph)


# --- request bodies -----------------------------------------------------------------------------


def raw_post(base: str, length: int, first: bytes) -> tuple[bytes, float]:
    """Declare a body of `length` bytes, send its first bytes, and read the answer."""
    address = urlsplit(base)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=5) as sock:
        head = (
            f"POST /sparql HTTP/1.1\r\nHost: {address.netloc}\r\n"
            "Content-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\n\r\n"
        )
        sock.sendall(head.encode() + first)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer, time.monotonic() - started


def test_a_100_mb_post_gets_413_within_a_second_while_others_are_served(base):
    served: list[int] = []

    def others() -> None:
        for _ in range(5):
            served.append(httpx.get(f"{base}/sparql", params={"query": AREAS}).status_code)

    thread = threading.Thread(target=others)
    thread.start()
    answer, seconds = raw_post(base, 100 * 2**20, b'SELECT * WHERE { BIND("' + b"x" * 65536)
    thread.join(timeout=30)
    assert answer.startswith(b"HTTP/1.1 413")
    assert seconds < 1.0
    assert served == [200] * 5


def test_a_chunked_body_over_the_limit_is_refused(base):
    def chunks() -> Iterator[bytes]:
        yield b'SELECT * WHERE { BIND("'
        for _ in range(40):
            yield b"x" * 65536

    response = httpx.post(
        f"{base}/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert "limit of 1 MB" in response.text


def test_a_body_under_the_limit_is_read(base):
    query = AREAS + " " * 500_000  # padded to half a megabyte
    response = httpx.post(
        f"{base}/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert response.status_code == 200


# --- memory, bytes, nesting ------------------------------------------------------------------


def test_a_query_over_the_memory_limit_gets_503_and_the_worker_is_replaced(base):
    response = httpx.get(f"{base}/sparql", params={"query": MEMORY_HOG}, timeout=60)
    assert response.status_code == 503
    assert "used more than 300 MB" in response.text
    for _ in range(6):  # the other worker answers at once, then the replacement too
        assert httpx.get(f"{base}/sparql", params={"query": AREAS}).status_code == 200


def test_the_byte_cap_cuts_an_answer_and_says_so_in_the_body(base, direct):
    # STR: pyoxigraph 0.5 panics ordering some mixes of xsd:date, xsd:gYear and strings
    query = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY STR(?o)"
    response = httpx.get(f"{base}/sparql", params={"query": query})
    assert response.status_code == 200
    assert len(response.content) <= 64 * 1024 + 1024
    document = response.json()
    assert response.headers["x-bytes-limit"] == str(64 * 1024)
    assert response.headers["x-rows-truncated"] == "true"
    assert "65536 bytes" in document["warning"]
    assert document["head"]["link"] == ["urn:ccm-graph:result-cut"]
    assert 0 < len(document["results"]["bindings"]) < len(direct)


@pytest.mark.parametrize(
    ("accept", "marker"),
    [
        ("application/sparql-results+xml", b'<link href="urn:ccm-graph:result-cut"/>'),
        ("text/turtle", b"# result cut at"),
        ("application/n-triples", b" # result cut at"),
        ("application/rdf+xml", b"<!-- result cut at"),
    ],
)
def test_a_cut_answer_says_so_in_each_format_that_has_room(base, accept, marker):
    query = (
        "CONSTRUCT WHERE { ?s ?p ?o }" if "results" not in accept else "SELECT * WHERE { ?s ?p ?o }"
    )
    response = httpx.get(f"{base}/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 200
    assert marker in response.content
    if "n-triples" in accept:  # still one triple per line: the note ends the last one
        parsed = list(pyoxigraph.parse(response.content, format=pyoxigraph.RdfFormat.N_TRIPLES))
        assert len(parsed) == len(response.content.strip().splitlines())


def test_a_deeply_nested_query_is_refused_and_the_server_goes_on(base):
    for depth in (100, 5000):
        deep = "SELECT * WHERE { " + "{ " * depth + "?s ?p ?o " + "} " * depth + "}"
        response = httpx.post(
            f"{base}/sparql", content=deep, headers={"Content-Type": "application/sparql-query"}
        )
        assert response.status_code == 400
        assert f"{depth + 1} levels deep" in response.text  # with the WHERE braces
    filter_depth = "SELECT * WHERE { FILTER(" + "(" * 60 + "1" + ")" * 60 + ") }"
    assert httpx.get(f"{base}/sparql", params={"query": filter_depth}).status_code == 200
    assert httpx.get(f"{base}/sparql", params={"query": AREAS}).status_code == 200


# --- the explorer's API answers plainly ----------------------------------------------------------


def test_the_api_answers_failures_in_one_plain_line(base):
    for path, params in [
        ("/api/entity", {"iri": "not an iri"}),
        ("/api/entity", {"iri": f"{ID}state/XXX"}),
        ("/api/entity", {}),
    ]:
        response = httpx.get(f"{base}{path}", params=params)
        assert response.status_code in (400, 404)
        assert "Traceback" not in response.text
        assert len(response.text.splitlines()) == 1


def test_security_headers_on_every_answer(base):
    for path in ("/", "/static/app.css", "/api/home", "/sparql?query=ASK%7B%7D"):
        headers = httpx.get(f"{base}{path}").headers
        assert headers["x-content-type-options"] == "nosniff"
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy
        script = next(part for part in policy.split(";") if "script-src" in part)
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script


# --- serve's arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "flag"),
    [
        ("port", 99999, "--port"),
        ("port", -1, "--port"),
        ("timeout", 0, "--timeout"),
        ("timeout", -1, "--timeout"),
        ("timeout", float("nan"), "--timeout"),
        ("workers", 0, "--workers"),
        ("max_rows", 0, "--max-rows"),
        ("memory_mb", -5, "--memory-limit"),
    ],
)
def test_bad_serve_arguments_are_named(tmp_path, option, value, flag):
    with pytest.raises(errors.CcmGraphError) as raised:
        serve.ServeConfig(graph=tmp_path / "g.ttl", **{option: value})
    assert str(raised.value).startswith(flag)


# --- dereferenceable IRIs ----------------------------------------------------------------------


def first(direct: pyoxigraph.Store, cls: str) -> str:
    query = f"SELECT ?s WHERE {{ ?s a <{cls}> }} ORDER BY ?s LIMIT 1"
    return next(iter(direct.query(query)))["s"].value


@pytest.fixture(scope="module")
def iris(direct: pyoxigraph.Store) -> dict[str, str]:
    fact = next(
        iter(
            direct.query(
                "SELECT ?f WHERE { ?f <http://www.w3.org/ns/prov#wasDerivedFrom> ?d } "
                "ORDER BY ?f LIMIT 1"
            )
        )
    )["f"].value
    return {
        "state": first(direct, f"{CCM}State"),
        "person": first(direct, "http://xmlns.com/foaf/0.1/Person"),
        "fact": fact,
    }


@pytest.mark.parametrize(
    ("accept", "rdf_format", "content_type"),
    [
        ("text/turtle", "turtle", "text/turtle"),
        ("application/n-triples", "nt", "application/n-triples"),
        ("application/ld+json", "json-ld", "application/ld+json"),
        ("application/rdf+xml", "xml", "application/rdf+xml"),
    ],
)
@pytest.mark.parametrize("kind", ["state", "person", "fact"])
def test_an_iri_dereferences_to_rdf_by_accept(
    base, direct, iris, kind, accept, rdf_format, content_type
):
    iri = iris[kind]
    path = iri.removeprefix(ID)
    redirect = httpx.get(f"{base}/id/{path}", headers={"Accept": accept})
    assert redirect.status_code == 303
    assert "Accept" in redirect.headers["vary"]
    document = httpx.get(f"{base}{redirect.headers['location']}", headers={"Accept": accept})
    assert document.status_code == 200
    assert document.headers["content-type"].startswith(content_type)
    graph = rdflib.Graph().parse(data=document.content, format=rdf_format)
    node = pyoxigraph.NamedNode(iri)
    outbound = list(direct.quads_for_pattern(node, None, None))
    inbound = list(direct.quads_for_pattern(None, None, node))
    assert outbound
    said = {(str(p), str(o)) for p, o in graph.predicate_objects(rdflib.URIRef(iri))}
    named = {(q.predicate.value, q.object.value) for q in outbound}
    named = {(p, o) for p, o in named if not isinstance(o, pyoxigraph.BlankNode)}
    assert {(p, o) for p, o in named if (p, o) in said} == named
    assert len(list(graph.predicate_objects(rdflib.URIRef(iri)))) == len(outbound)
    assert len(list(graph.subject_predicates(rdflib.URIRef(iri)))) == len(inbound)


def test_a_browser_is_sent_to_the_entity_page(base, iris):
    path = iris["state"].removeprefix(ID)
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    redirect = httpx.get(f"{base}/id/{path}", headers={"Accept": accept})
    assert redirect.status_code == 303
    assert redirect.headers["location"] == f"/#/id/{path}"


def test_rdflib_follows_an_iri_as_a_linked_data_client(base, iris):
    graph = rdflib.Graph().parse(f"{base}/id/{iris['state'].removeprefix(ID)}")
    assert (rdflib.URIRef(iris["state"]), rdflib.RDF.type, rdflib.URIRef(f"{CCM}State")) in graph


def test_an_unknown_iri_is_a_404_and_an_unknown_type_a_406(base):
    missing = httpx.get(
        f"{base}/id/state/XXX", headers={"Accept": "text/turtle"}, follow_redirects=True
    )
    assert missing.status_code == 404
    unacceptable = httpx.get(f"{base}/id/state/FRA", headers={"Accept": "image/png"})
    assert unacceptable.status_code == 406
    assert httpx.get(f"{base}/data/state/FRA.exe").status_code == 404


def test_the_description_is_json_ld_a_client_reads(base, iris):
    path = iris["state"].removeprefix(ID)
    document = httpx.get(f"{base}/data/{path}.jsonld")
    assert any(node.get("@id") == iris["state"] for node in json.loads(document.content))


def test_the_ontology_is_served_as_turtle(base):
    response = httpx.get(f"{base}/ontology")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (rdflib.URIRef(CCM.rstrip("#")), rdflib.RDF.type, rdflib.OWL.Ontology) in graph


def test_the_w3id_rules_point_every_iri_at_the_deployment():
    rules = (Path(__file__).resolve().parent.parent / "docs/w3id/.htaccess").read_text()
    assert "RewriteRule ^id/(.*)$ DEPLOYMENT/id/$1 [R=303" in rules
    assert "RewriteRule ^ontology$ DEPLOYMENT/ontology" in rules
