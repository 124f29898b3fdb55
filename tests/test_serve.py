"""The SPARQL endpoint and the explorer's JSON, over HTTP, on the bundled corpus's graph.

Every answer is checked against pyoxigraph run directly on the same Turtle file, so the
tests hold whatever the extractors find.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph
import pytest

from ccm_graph import api, errors
from ccm_graph.serve import app as serve
from ccm_graph.serve import guard, protocol, results

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 2.0
MAX_ROWS = 40
AREAS = "SELECT ?s WHERE { ?s a <https://w3id.org/ccm-graph/ontology#ThematicArea> } ORDER BY ?s"
STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/ccm-graph/ontology#State> } ORDER BY ?s"
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
AREA_LABELS = (
    "CONSTRUCT WHERE { ?s a <https://w3id.org/ccm-graph/ontology#ThematicArea> ; "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
)
ID = "https://w3id.org/ccm-graph/id/"


@pytest.fixture(scope="session")
def direct(corpus_graph: Path) -> pyoxigraph.Store:
    """The same graph queried without the server: the reference answers."""
    return api.load(corpus_graph)


@pytest.fixture(scope="session")
def client(corpus_graph: Path) -> Iterator[httpx.Client]:
    """A real server on a free port of 127.0.0.1, and an HTTP client for it."""
    config = serve.ServeConfig(
        graph=corpus_graph, port=0, timeout=TIMEOUT, max_rows=MAX_ROWS, corpus=ROOT / "corpus"
    )
    with serve.running(config) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield http


# --- protocol: requests and formats -----------------------------------------------------------


def test_get_returns_sparql_json_matching_oxigraph(client, direct):
    response = client.get("/sparql", params={"query": AREAS})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    document = response.json()
    assert document["head"]["vars"] == ["s"]
    expected = [solution["s"].value for solution in direct.query(AREAS)]
    assert [row["s"]["value"] for row in document["results"]["bindings"]] == expected
    assert 0 < len(expected) <= MAX_ROWS


@pytest.mark.parametrize(
    ("accept", "content_type", "results_format"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "JSON"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "XML"),
        ("text/csv", "text/csv; charset=utf-8", "CSV"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", "TSV"),
    ],
)
def test_select_in_every_result_format(client, direct, accept, content_type, results_format):
    response = client.get("/sparql", params={"query": AREAS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    expected = [solution["s"].value for solution in direct.query(AREAS)]
    if results_format == "CSV":  # pyoxigraph does not read CSV results back: they are lossy
        values = [row["s"] for row in csv.DictReader(io.StringIO(response.text))]
    else:
        parsed = pyoxigraph.parse_query_results(
            response.content, format=getattr(pyoxigraph.QueryResultsFormat, results_format)
        )
        values = [row["s"].value for row in parsed]
    assert values == expected


def test_format_parameter_overrides_accept(client):
    response = client.get(
        "/sparql", params={"query": AREAS, "format": "tsv"}, headers={"Accept": "text/csv"}
    )
    assert response.headers["content-type"].startswith("text/tab-separated-values")


def test_accept_quality_values_are_honoured():
    picked = protocol.negotiate("text/csv;q=0.5, application/sparql-results+xml;q=0.9", None)
    assert picked.results == "xml"
    assert protocol.negotiate("text/html, */*;q=0.8", None) == protocol.Negotiated("json", "turtle")
    assert protocol.negotiate("image/png", None) == protocol.Negotiated(None, None)


def test_post_form_and_post_query_answer_like_get(client):
    by_get = client.get("/sparql", params={"query": AREAS}).content
    by_form = client.post("/sparql", data={"query": AREAS}).content
    by_body = client.post(
        "/sparql", content=AREAS, headers={"Content-Type": "application/sparql-query"}
    ).content
    assert by_get == by_form == by_body


def test_ask_answers_a_boolean(client):
    response = client.get("/sparql", params={"query": "ASK { ?s a ?type }"})
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("accept", "rdf_format", "content_type"),
    [
        ("text/turtle", pyoxigraph.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
        ("application/n-triples", pyoxigraph.RdfFormat.N_TRIPLES, "application/n-triples"),
        ("application/ld+json", pyoxigraph.RdfFormat.JSON_LD, "application/ld+json"),
    ],
)
def test_construct_in_every_graph_format(client, direct, accept, rdf_format, content_type):
    response = client.get("/sparql", params={"query": AREA_LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    triples = {quad.triple for quad in pyoxigraph.parse(response.content, format=rdf_format)}
    assert triples == set(direct.query(AREA_LABELS))
    assert protocol.TRUNCATED_HEADER not in response.headers


def test_describe_is_served_as_turtle_by_default(client):
    response = client.get("/sparql", params={"query": f"DESCRIBE <{ID}area/victim-assistance>"})
    assert response.headers["content-type"].startswith("text/turtle")
    assert b"Victim Assistance" in response.content


# --- protocol: errors ---------------------------------------------------------------------------


def test_syntax_error_is_a_400_that_says_where(client):
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "syntax error" in response.text
    assert "1:" in response.text  # line:column of the problem


@pytest.mark.parametrize(
    ("request_kwargs", "status"),
    [
        ({"method": "GET", "url": "/sparql", "params": {"query": ""}}, 400),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": "x",
                "headers": {"Content-Type": "a/b"},
            },
            415,
        ),
        (
            {
                "method": "GET",
                "url": "/sparql",
                "params": {"query": AREAS},
                "headers": {"Accept": "image/png"},
            },
            406,
        ),
        ({"method": "PUT", "url": "/sparql"}, 405),
    ],
)
def test_bad_requests_get_the_right_status(client, request_kwargs, status):
    assert client.request(**request_kwargs).status_code == status


UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
    "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
    "# a comment\nLOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP DEFAULT",
    "CREATE GRAPH <http://example.org/g>",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_as_read_only(client, direct, update):
    before = len(direct)
    for response in (
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
    ):
        assert response.status_code == 400
        assert "read-only" in response.text
    assert client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"}).status_code == 200
    assert len(direct) == before


def test_service_is_refused_without_allow_federation(client):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "--allow-federation" in response.text


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }',
        "SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:x ?o }",
        "# SERVICE <http://example.org/>\nSELECT * WHERE { ?s ?p ?o }",
    ],
)
def test_the_word_service_elsewhere_is_not_federation(query):
    guard.check_query(query, allow_federation=False)


def test_allow_federation_lets_service_through():
    query = "SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(protocol.QueryError):
        guard.check_query(query, allow_federation=False)
    guard.check_query(query, allow_federation=True)


def test_cors_headers_for_browser_clients(client):
    response = client.get(
        "/sparql", params={"query": AREAS}, headers={"Origin": "http://example.org"}
    )
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    assert protocol.TRUNCATED_HEADER.lower() in exposed
    preflight = client.options(
        "/sparql",
        headers={
            "Origin": "http://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


# --- limits: rows and time ----------------------------------------------------------------------


def test_row_cap_cuts_and_says_so(client, direct):
    assert len(direct) > MAX_ROWS
    response = client.get("/sparql", params={"query": EVERYTHING})
    assert len(response.json()["results"]["bindings"]) == MAX_ROWS
    assert response.headers[protocol.ROW_LIMIT_HEADER] == str(MAX_ROWS)
    assert response.headers[protocol.TRUNCATED_HEADER] == "true"
    csv_rows = client.get("/sparql", params={"query": EVERYTHING, "format": "csv"}).text
    records = list(csv.reader(io.StringIO(csv_rows)))  # a quoted literal may span lines
    assert len(records) == MAX_ROWS + 1  # the header line, then rows
    construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert construct.headers[protocol.TRUNCATED_HEADER] == "true"
    nt = client.get(
        "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
    ).text
    assert len(nt.strip().splitlines()) == MAX_ROWS


def test_answers_within_the_cap_are_not_marked_truncated(client):
    response = client.get("/sparql", params={"query": AREAS})
    assert protocol.TRUNCATED_HEADER not in response.headers


def test_slow_query_is_stopped_while_others_are_served(client):
    slow: dict[str, object] = {}

    def run_slow() -> None:
        started = time.monotonic()
        slow["response"] = client.get("/sparql", params={"query": SLOW})
        slow["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.3)
    quick_started = time.monotonic()
    quick = client.get("/sparql", params={"query": AREAS})
    assert quick.status_code == 200
    assert time.monotonic() - quick_started < TIMEOUT / 2  # not stuck behind the slow one
    thread.join(timeout=TIMEOUT * 5)
    assert slow["response"].status_code == 503
    assert "time limit" in slow["response"].text
    assert TIMEOUT <= slow["seconds"] < TIMEOUT + 2
    for _ in range(4):  # the killed worker is replaced: the server keeps answering
        assert client.get("/sparql", params={"query": AREAS}).status_code == 200


# --- the explorer's JSON --------------------------------------------------------------------


def test_named_queries_are_listed_with_their_text(client):
    listed = {query["name"]: query for query in client.get("/api/queries").json()}
    on_disk = sorted(path.stem for path in api.QUERIES_DIR.glob("*.rq"))
    assert on_disk and sorted(listed) == on_disk
    assert "SELECT" in listed[on_disk[0]]["query"]


def test_search_suggests_by_label_code_and_near_misses(client, direct):
    area = client.get("/api/search", params={"q": "victim"}).json()
    assert area[0]["iri"] == f"{ID}area/victim-assistance"
    first_state = next(iter(direct.query(STATES)))["s"].value
    code = first_state.rsplit("/", 1)[-1]  # the ISO code is the State's notation
    assert client.get("/api/search", params={"q": code}).json()[0]["iri"] == first_state
    assert client.get("/api/search", params={"q": ""}).json() == []


def test_search_tolerates_a_typo(client):
    found = client.get("/api/search", params={"q": "Victm Assistance"}).json()
    assert f"{ID}area/victim-assistance" in [entry["iri"] for entry in found]


def test_area_page_lists_coordinators_with_quoted_sources(client):
    page = client.get("/api/entity", params={"iri": f"{ID}area/victim-assistance"}).json()
    assert page["kind"] == "area"
    rows = page["sections"][0]["rows"]
    assert rows, "victim assistance has coordinators in the bundled corpus"
    for row in rows:
        source = page["evidence"][row["fact"]["value"]]
        text = (ROOT / "corpus" / f"{source['doc']}.txt").read_text(encoding="utf-8")
        assert text[int(source["start"]) : int(source["end"])] == source["exact"]
        assert row["coordinator"]["value"] in page["labels"]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        (STATES, "actor"),
        ("SELECT ?s { ?s a <http://xmlns.com/foaf/0.1/Person> } ORDER BY ?s", "person"),
        ("SELECT ?s { ?s a <https://w3id.org/ccm-graph/ontology#Article> } ORDER BY ?s", "article"),
        (
            "SELECT ?s { ?s <https://w3id.org/ccm-graph/ontology#meetingType> [] } ORDER BY ?s",
            "meeting",
        ),
        (
            "SELECT ?s { ?s a <https://w3id.org/ccm-graph/ontology#Document> } ORDER BY ?s",
            "document",
        ),
    ],
)
def test_every_kind_of_entity_has_a_page(client, direct, query, kind):
    iri = next(iter(direct.query(query)))["s"].value
    page = client.get("/api/entity", params={"iri": iri}).json()
    assert page["kind"] == kind
    assert page["sections"]
    facts = {
        term["value"]
        for section in page["sections"]
        for row in section["rows"]
        for name, term in row.items()
        if name == "fact" or name.endswith("_fact")
    }
    assert facts <= set(page["evidence"])  # every fact on the page has its source


def test_meeting_pages_link_previous_and_next_by_date(client, direct):
    dated = [
        row["m"].value
        for row in direct.query(
            "SELECT ?m ?d { ?m <https://w3id.org/ccm-graph/ontology#meetingType> [] ; "
            "<https://schema.org/startDate> ?d } ORDER BY ?d"
        )
    ]
    assert len(dated) >= 3
    page = client.get("/api/entity", params={"iri": dated[1]}).json()
    assert page["neighbours"]["previous"]["iri"] == dated[0]
    assert page["neighbours"]["next"]["iri"] == dated[2]


def test_document_page_carries_the_text_for_highlighting(client, direct):
    document = next(
        iter(
            direct.query(
                "SELECT ?d ?id { ?d a <https://w3id.org/ccm-graph/ontology#Document> ; "
                "<http://purl.org/dc/terms/identifier> ?id } ORDER BY ?d"
            )
        )
    )
    page = client.get("/api/entity", params={"iri": document["d"].value}).json()
    expected = (ROOT / "corpus" / f"{document['id'].value}.txt").read_text(encoding="utf-8")
    assert page["text"] == expected


def test_unknown_entity_is_a_404_and_bad_iri_a_400(client):
    assert client.get("/api/entity", params={"iri": f"{ID}state/XXX"}).status_code == 404
    assert client.get("/api/entity", params={"iri": "not an iri"}).status_code == 400


def test_home_page_and_static_files_are_served_without_outside_links(client):
    index = client.get("/")
    assert index.status_code == 200
    for asset in ("/static/app.js", "/static/app.css"):
        body = client.get(asset)
        assert body.status_code == 200
        assert "http://" not in body.text.replace("http://www.w3.org", "")
    assert "https://" not in index.text  # offline: no CDN


def test_home_json_summarises_the_graph(client):
    home = client.get("/api/home").json()
    assert {"Thematic area", "State", "Person"} <= set(home["kinds"])
    assert any(row["what"] == "documents" for row in home["summary"])


# --- start-up ---------------------------------------------------------------------------------


def test_a_broken_graph_is_reported_with_its_file_name(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(errors.InputError) as raised:
        serve.create_app(serve.ServeConfig(graph=broken, workers=1))
    assert "broken.ttl" in str(raised.value)


def test_missing_graph_is_built_from_the_corpus(tmp_path):
    graph = tmp_path / "graph.ttl"
    serve.ensure_graph(graph, ROOT / "corpus")
    assert graph.is_file()
    with pytest.raises(errors.InputError):
        serve.ensure_graph(tmp_path / "other.ttl", tmp_path / "no-corpus")


def test_json_terms_follow_the_results_format():
    literal = pyoxigraph.Literal(
        "7", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    )
    assert results.json_term(literal) == {
        "type": "literal",
        "value": "7",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert results.json_term(pyoxigraph.Literal("Sri Lanka", language="en")) == {
        "type": "literal",
        "value": "Sri Lanka",
        "xml:lang": "en",
    }
    assert json.dumps(results.json_term(pyoxigraph.BlankNode("b1"))) == (
        '{"type": "bnode", "value": "b1"}'
    )
