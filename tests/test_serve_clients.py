"""Standard SPARQL clients with their default settings against a running `serve`: SPARQLWrapper
and rdflib's SPARQLStore, for SELECT, ASK, CONSTRUCT and DESCRIBE; the service description;
the protocol's dataset parameters; a TriG dataset and a `ccm-graph load` store served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import SPARQLWrapper

from ccm_graph import api
from ccm_graph.publish import export
from ccm_graph.rdf import store
from ccm_graph.serve import app as serve
from ccm_graph.serve import protocol

ROOT = Path(__file__).resolve().parent.parent
CCM = "https://w3id.org/ccm-graph/ontology#"
ID = "https://w3id.org/ccm-graph/id/"
AREAS = f"SELECT ?s WHERE {{ ?s a <{CCM}ThematicArea> }} ORDER BY ?s"
ASK = f"ASK {{ ?s a <{CCM}State> }}"
AREA_LABELS = (
    f"CONSTRUCT WHERE {{ ?s a <{CCM}ThematicArea> ; "
    "<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
)
VICTIM_ASSISTANCE = f"{ID}area/victim-assistance"
DESCRIBE = f"DESCRIBE <{VICTIM_ASSISTANCE}>"


@pytest.fixture(scope="module")
def direct(corpus_graph: Path) -> pyoxigraph.Store:
    return api.load(corpus_graph)


@pytest.fixture(scope="module")
def endpoint(corpus_graph: Path) -> Iterator[str]:
    config = serve.ServeConfig(graph=corpus_graph, port=0, workers=2)
    with serve.running(config) as url:
        yield f"{url}/sparql"


def triples_of(graph: rdflib.Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


def direct_triples(direct: pyoxigraph.Store, query: str) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value) for t in direct.query(query)}


# --- SPARQLWrapper, default settings ------------------------------------------------------------


def test_sparqlwrapper_select_with_defaults(endpoint, direct):
    client = SPARQLWrapper(endpoint)
    client.setQuery(AREAS)
    document = client.query().convert()  # default return format: XML, as a DOM
    values = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert values == [row["s"].value for row in direct.query(AREAS)]
    assert values


def test_sparqlwrapper_ask_with_defaults(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(ASK)
    document = client.query().convert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"


@pytest.mark.parametrize("query", [AREA_LABELS, DESCRIBE])
def test_sparqlwrapper_construct_and_describe_with_defaults(endpoint, direct, query):
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    result = client.query()
    assert "rdf+xml" in result.info()["content-type"]
    graph = result.convert()  # parsed by rdflib as RDF/XML
    assert isinstance(graph, rdflib.Graph)
    assert triples_of(graph) == direct_triples(direct, query)
    assert len(graph) > 0


def test_sparqlwrapper_json_and_post(endpoint, direct):
    client = SPARQLWrapper(endpoint, returnFormat="json")
    client.setMethod("POST")
    client.setQuery(AREAS)
    rows = client.query().convert()["results"]["bindings"]
    assert [row["s"]["value"] for row in rows] == [row["s"].value for row in direct.query(AREAS)]


# --- rdflib SPARQLStore, default settings -------------------------------------------------------


@pytest.fixture
def sparql_store(endpoint: str) -> rdflib.Graph:
    return rdflib.Graph(SPARQLStore(endpoint))


def test_sparqlstore_select_and_ask(sparql_store, direct):
    rows = [str(row.s) for row in sparql_store.query(AREAS)]
    assert rows == [row["s"].value for row in direct.query(AREAS)]
    assert sparql_store.query(ASK).askAnswer is True


@pytest.mark.parametrize("query", [AREA_LABELS, DESCRIBE])
def test_sparqlstore_construct_and_describe(sparql_store, direct, query):
    answer = sparql_store.query(query).graph
    assert triples_of(answer) == direct_triples(direct, query)
    assert len(answer) > 0


def test_sparqlstore_triple_pattern_calls(sparql_store):
    labels = list(
        sparql_store.objects(
            rdflib.URIRef(VICTIM_ASSISTANCE),
            rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
        )
    )
    assert "Victim Assistance" in [str(label) for label in labels]


# --- negotiation the clients rely on -------------------------------------------------------------


def test_an_unknown_format_falls_back_to_accept(endpoint):
    response = httpx.get(
        endpoint,
        params={"query": AREA_LABELS, "format": "n3"},
        headers={"Accept": "application/rdf+xml"},
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/rdf+xml")
    select = httpx.get(
        endpoint, params={"query": AREAS, "format": "xml"}, headers={"Accept": "text/csv"}
    )
    assert select.headers["content-type"].startswith("application/sparql-results+xml")
    construct = httpx.get(endpoint, params={"query": AREA_LABELS, "format": "csv"})
    assert construct.status_code == 200  # csv fits SELECT only: Turtle, from */*
    assert construct.headers["content-type"].startswith("text/turtle")


def test_negotiation_picks_rdf_xml_and_keeps_results_formats():
    picked = protocol.negotiate("application/rdf+xml", None)
    assert picked.graph == protocol.GraphFormat.RDFXML
    assert picked.results is None
    assert protocol.negotiate(None, "xml") == protocol.Negotiated("xml", "rdfxml")
    assert protocol.negotiate("text/csv", "bogus") == protocol.Negotiated("csv", None)


# --- service description -----------------------------------------------------------------------


def test_get_without_a_query_is_the_service_description(endpoint):
    response = httpx.get(endpoint)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(endpoint)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    formats = {str(o) for o in graph.objects(service, sd.resultFormat)}
    assert "http://www.w3.org/ns/formats/RDF_XML" in formats
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    as_xml = httpx.get(endpoint, headers={"Accept": "application/rdf+xml"})
    assert as_xml.headers["content-type"].startswith("application/rdf+xml")


# --- a TriG dataset: named graphs, the default graph their union --------------------------------


@pytest.fixture(scope="module")
def trig_endpoint(corpus_graph: Path, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    trig = tmp_path_factory.mktemp("trig") / "ccm.trig"
    export.export_file(corpus_graph, trig, export.ExportFormat.TRIG)
    with serve.running(serve.ServeConfig(graph=trig, port=0, workers=2)) as url:
        yield f"{url}/sparql", trig


def document_graphs(endpoint: str) -> list[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    rows = httpx.get(endpoint, params={"query": query}).json()["results"]["bindings"]
    return [row["g"]["value"] for row in rows if "/graph/document/" in row["g"]["value"]]


def test_trig_named_graphs_answer_graph_queries(trig_endpoint):
    endpoint, trig = trig_endpoint
    graphs = document_graphs(endpoint)
    assert len(graphs) == len(list((ROOT / "corpus").glob("*.txt")))
    quads = pyoxigraph.parse(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    expected = sum(1 for quad in quads if quad.graph_name == pyoxigraph.NamedNode(graphs[0]))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graphs[0]}> {{ ?s ?p ?o }} }}"
    counted = httpx.get(endpoint, params={"query": query}).json()["results"]["bindings"]
    assert int(counted[0]["n"]["value"]) == expected > 0


def test_trig_default_graph_is_the_union_and_the_protocol_dataset_narrows_it(trig_endpoint):
    endpoint, _ = trig_endpoint
    areas = httpx.get(endpoint, params={"query": AREAS}).json()["results"]["bindings"]
    assert areas  # the areas live in a named graph, seen through the union
    one = document_graphs(endpoint)[0]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

    def counted(**params: object) -> int:
        rows = httpx.get(endpoint, params={"query": count, **params}).json()
        return int(rows["results"]["bindings"][0]["n"]["value"])

    everything, narrowed = counted(), counted(**{"default-graph-uri": one})
    assert 0 < narrowed < everything
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = httpx.get(endpoint, params={"query": graphs, "named-graph-uri": one}).json()
    assert [row["g"]["value"] for row in named["results"]["bindings"]] == [one]
    bad = httpx.get(endpoint, params={"query": count, "default-graph-uri": "not an iri"})
    assert bad.status_code == 400


def test_trig_service_description_lists_the_named_graphs(trig_endpoint):
    endpoint, _ = trig_endpoint
    graph = rdflib.Graph().parse(data=httpx.get(endpoint).text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    names = {str(name) for name in graph.objects(None, sd.name)}
    assert set(document_graphs(endpoint)) <= names
    assert (rdflib.URIRef(endpoint), sd.feature, sd.UnionDefaultGraph) in graph


def test_a_store_made_by_load_is_served_read_only(corpus_graph, tmp_path, direct):
    folder = tmp_path / "store"
    store.load_disk_store(corpus_graph, folder)
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    with serve.running(serve.ServeConfig(graph=folder, port=0, workers=1)) as url:
        rows = httpx.get(f"{url}/sparql", params={"query": AREAS}).json()["results"]["bindings"]
    assert [row["s"]["value"] for row in rows] == [row["s"].value for row in direct.query(AREAS)]
    after = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert after == before  # opened read-only: not rebuilt, not written, not removed
