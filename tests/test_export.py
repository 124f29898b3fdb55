"""Export: one named graph per source document (plus entities, reference, ontology and
inferred graphs), loadable by Oxigraph and rdflib alike, deterministic, and described with
DCAT and VoID; a State joins to its Wikidata item."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, SKOS, VOID

from ccm_graph.publish import catalog, export, ontology

pytestmark = pytest.mark.slow

CCM, ID = export.CCM, export.ID
STATES = Path(__file__).resolve().parent.parent / "ccm_graph" / "data" / "states-wikidata.tsv"
INFERRED = Graph().parse(
    data="<https://w3id.org/ccm-graph/id/state/X> a "
    "<https://w3id.org/ccm-graph/ontology#AffectedState> .",
    format="turtle",
)
OXIGRAPH_FORMATS = {
    export.ExportFormat.TRIG: pyoxigraph.RdfFormat.TRIG,
    export.ExportFormat.NQ: pyoxigraph.RdfFormat.N_QUADS,
}
ENDPOINT = "http://localhost:8000/sparql"


@pytest.fixture(scope="module")
def data(corpus_graph: Path) -> Graph:
    return ontology.read_graph(corpus_graph)


@pytest.fixture(scope="module")
def dataset(data: Graph) -> Dataset:
    options = export.ExportOptions(inferred=INFERRED, sparql_endpoint=ENDPOINT)
    return export.build_dataset(data, options)


@pytest.fixture(scope="module")
def files(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("export")
    written = {}
    for export_format in export.ExportFormat:
        path = folder / f"ccm.{export_format}"
        path.write_bytes(export.serialize(dataset, export_format))
        written[export_format] = path
    return written


def quads(dataset: Dataset) -> int:
    return sum(len(graph) for graph in dataset.graphs())


@pytest.mark.parametrize("export_format", list(OXIGRAPH_FORMATS))
def test_oxigraph_and_rdflib_load_the_same_quads(files: dict, dataset: Dataset, export_format):
    store = pyoxigraph.Store()
    store.load(path=str(files[export_format]), format=OXIGRAPH_FORMATS[export_format])
    rdflib_parsed = Dataset().parse(
        files[export_format], format=export.RDFLIB_FORMATS[export_format]
    )
    assert len(store) == quads(rdflib_parsed) == quads(dataset)


def test_jsonld_loads_with_the_same_quads_and_the_context_file(files: dict, dataset: Dataset):
    parsed = Dataset().parse(files[export.ExportFormat.JSONLD], format="json-ld")
    assert quads(parsed) == quads(dataset)
    document = json.loads(files[export.ExportFormat.JSONLD].read_text(encoding="utf-8"))
    assert document["@context"] == export.jsonld_context()
    assert export.jsonld_context()["ccm"] == str(CCM)


def test_one_named_graph_per_document_with_its_facts_and_evidence(dataset: Dataset, data):
    documents = sorted(data.subjects(RDF.type, CCM.Document))
    assert documents
    for document in documents:
        name = export.document_graph(document)
        graph = dataset.graph(name)
        facts = set(graph.subjects(PROV.wasDerivedFrom, document))
        assert facts == set(data.subjects(PROV.wasDerivedFrom, document))
        for fact in facts:
            evidence = graph.value(fact, CCM.evidence)
            assert evidence is not None and graph.value(evidence, RDF.type) is not None
        assert (name, PROV.wasDerivedFrom, document) in dataset.default_graph
        assert (export.DATASET, VOID.subset, name) in dataset.default_graph


def test_every_asserted_triple_is_in_exactly_one_graph(dataset: Dataset, data: Graph):
    skip = {
        export.ONTOLOGY_GRAPH,
        URIRef(str(ID["graph/inferred"])),
        dataset.default_graph.identifier,
    }
    content = [g for g in dataset.graphs() if g.identifier not in skip]
    assert sum(len(g) for g in content) == len(data)
    assert len(dataset.graph(export.ONTOLOGY_GRAPH)) > 100
    assert len(dataset.graph(ID["graph/inferred"])) == len(INFERRED)


def test_a_state_joins_to_its_wikidata_item(files: dict):
    with STATES.open(encoding="utf-8") as handle:
        rows = csv.DictReader([line for line in handle if not line.startswith("#")], delimiter="\t")
        table = {row["iso3"]: row["wikidata"] for row in rows}
    store = pyoxigraph.Store()
    store.load(path=str(files[export.ExportFormat.TRIG]), format=pyoxigraph.RdfFormat.TRIG)
    query = """
        PREFIX ccm: <https://w3id.org/ccm-graph/ontology#>
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?code ?item WHERE {
          GRAPH ?document { ?mandate a ccm:CoordinatorMandate ; org:member ?state }
          GRAPH <https://w3id.org/ccm-graph/id/graph/entities> {
            ?state a ccm:State ; skos:notation ?code ; owl:sameAs ?item
            FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
          }
        }"""
    found = {(row["code"].value, row["item"].value) for row in store.query(query)}
    assert found
    assert all(item == f"http://www.wikidata.org/entity/{table[code]}" for code, item in found)


def test_states_link_to_the_eu_country_authority(data: Graph):
    for state in data.subjects(RDF.type, CCM.State):
        code = str(data.value(state, SKOS.notation))
        eu = URIRef(f"http://publications.europa.eu/resource/authority/country/{code}")
        assert (state, export.OWL.sameAs, eu) in data


def test_dataset_is_described_with_dcat_and_void(dataset: Dataset, data: Graph):
    about = dataset.default_graph
    node = export.DATASET
    assert (node, RDF.type, DCAT.Dataset) in about and (node, RDF.type, VOID.Dataset) in about
    assert about.value(node, DCTERMS.title) is not None
    assert about.value(node, DCTERMS.license) == export.LICENSE
    assert about.value(node, export.DCAT_VERSION) is not None
    assert about.value(node, VOID.triples) == Literal(len(data))
    assert str(about.value(node, DCTERMS.issued)) == catalog.dataset_date()  # the dataset's date
    assert set(about.objects(node, DCTERMS.source)) == set(data.subjects(RDF.type, CCM.Document))
    assert about.value(node, VOID.sparqlEndpoint) == URIRef(ENDPOINT)
    assert len(set(about.objects(node, VOID.classPartition))) == len(
        set(data.objects(None, RDF.type))
    )
    examples = set(about.objects(node, VOID.exampleResource))
    assert any((e, RDF.type, CCM.State) in data for e in examples)


def test_issued_date_is_the_newest_recorded_meeting(data: Graph):
    dates = [
        str(d)
        for m in data.objects(None, CCM.records)
        for d in data.objects(m, export.SCHEMA.startDate)
    ]
    assert export.issued_date(data) == max(dates)
    options = export.ExportOptions(issued="2030-01-01")
    described = export.build_dataset(data, options).default_graph
    assert str(described.value(export.DATASET, DCTERMS.issued)) == "2030-01-01"


def test_turtle_keeps_inferred_and_ontology_out(files: dict, data: Graph):
    turtle = Graph().parse(files[export.ExportFormat.TTL], format="turtle")
    assert all(triple in turtle for triple in data)
    assert not set(turtle.triples((None, None, CCM.AffectedState)))
    assert not set(turtle.subjects(RDF.type, export.OWL.Ontology))


@pytest.mark.parametrize("export_format", list(export.ExportFormat))
def test_same_input_gives_byte_identical_output(data: Graph, files: dict, export_format):
    options = export.ExportOptions(inferred=INFERRED, sparql_endpoint=ENDPOINT)
    again = export.serialize(export.build_dataset(data, options), export_format)
    assert again == files[export_format].read_bytes()


def test_export_command_writes_trig(corpus_graph: Path, tmp_path: Path):
    from typer.testing import CliRunner

    from ccm_graph.cli import app

    target = tmp_path / "out.nq"
    result = CliRunner().invoke(
        app, ["export", str(corpus_graph), "-f", "nq", "-o", str(target), "--no-reason"]
    )
    assert result.exit_code == 0, result.output
    store = pyoxigraph.Store()
    store.load(path=str(target), format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(store) > 0
    bad = CliRunner().invoke(app, ["export", str(corpus_graph), "-f", "xml", "--no-reason"])
    assert bad.exit_code == 2


# --- the DCAT catalog beside the dump -------------------------------------------------------

SPDX = Namespace("http://spdx.org/rdf/terms#")


@pytest.fixture(scope="module")
def exported(corpus_graph: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Graph]:
    target = tmp_path_factory.mktemp("catalog") / "ccm.trig"
    options = catalog.CatalogOptions(issued="2026-01-15", download_base="https://example.org/d/")
    export.export_file(corpus_graph, target, export.ExportFormat.TRIG, None, options)
    written = catalog.catalog_path(target)
    return target, Graph().parse(written, format="turtle")


def test_export_writes_the_catalog_beside_the_dump(exported):
    dump, described = exported
    assert catalog.catalog_path(dump) == dump.with_name("ccm.catalog.ttl")
    node = next(described.subjects(DCAT.downloadURL, URIRef("https://example.org/d/ccm.trig")))
    content = dump.read_bytes()
    assert int(described.value(node, DCAT.byteSize)) == len(content)
    checksum = described.value(node, SPDX.checksum)
    assert str(described.value(checksum, SPDX.checksumValue)) == hashlib.sha256(content).hexdigest()
    assert (catalog.CATALOG, DCAT.dataset, catalog.DATASET) in described


def test_the_catalog_states_publisher_contact_coverage_and_dataset_dates(exported, data: Graph):
    _, described = exported
    dataset = catalog.DATASET
    assert described.value(dataset, DCTERMS.publisher) == catalog.PUBLISHER
    contact = described.value(dataset, DCAT.contactPoint)
    assert described.value(contact, catalog.VCARD.hasURL) is not None
    assert described.value(dataset, DCTERMS.spatial) == catalog.EARTH
    assert str(described.value(dataset, DCTERMS.issued)) == "2026-01-15"
    assert str(described.value(dataset, DCTERMS.modified)) == "2026-01-15"
    period = described.value(dataset, DCTERMS.temporal)
    first, last = catalog.coverage(data)
    assert str(described.value(period, DCAT.startDate)) == first
    assert str(described.value(period, DCAT.endDate)) == last == export.issued_date(data)
    assert described.value(dataset, export.DCAT_VERSION) is not None
    assert described.value(dataset, DCTERMS.license) == catalog.LICENSE


def conforms(graph: Graph) -> tuple[bool, set[str]]:
    import pyshacl

    ok, results, _ = pyshacl.validate(graph, shacl_graph=catalog.shapes(), allow_warnings=False)
    shapes_hit = {
        str(shape)
        for result in results.subjects(
            RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")
        )
        for shape in results.objects(result, URIRef("http://www.w3.org/ns/shacl#sourceShape"))
    }
    focus = {
        str(node) for node in results.objects(None, URIRef("http://www.w3.org/ns/shacl#focusNode"))
    }
    return ok, shapes_hit | focus


def test_the_catalog_conforms_to_its_shapes(exported):
    ok, hit = conforms(exported[1])
    assert ok, hit


@pytest.mark.parametrize(
    ("removed", "focus"),
    [
        (SPDX.checksumValue, None),
        (DCAT.downloadURL, None),
        (DCTERMS.publisher, str(catalog.DATASET)),
        (DCTERMS.temporal, str(catalog.DATASET)),
    ],
)
def test_a_catalog_missing_a_required_part_fails_on_it(exported, removed, focus):
    broken = Graph()
    for triple in exported[1]:
        if triple[1] != removed:
            broken.add(triple)
    ok, hit = conforms(broken)
    assert not ok
    if focus:
        assert focus in hit
