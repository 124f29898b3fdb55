"""Publish the graph as a dataset: one named graph per source document, plus the entities,
the reference data, the ontology and the inferred facts, described with DCAT and VoID.

Named graphs (all under id:graph/):
- document/<stem>: the facts read from one document, their evidence and the document;
- entities: the States, organizations, persons and meetings the facts share;
- reference: the Convention, its articles, the thematic areas and the code lists;
- ontology: ontology/ccm.ttl and ontology/ccm-axioms.ttl;
- inferred: what the reasoner concluded (`ccm-graph reason`), never mixed with the rest.
The default graph describes the dataset and the provenance of each named graph.

Output is deterministic: blank nodes get canonical labels, N-Quads lines are sorted, and
the dataset's date comes from the newest meeting recorded (or the `issued` argument).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, cast

from rdflib import OWL, RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, PROV, VOID
from rdflib.term import Node

from ccm_graph import files, resources
from ccm_graph.publish import catalog, ontology, reason
from ccm_graph.publish.formats import ExportFormat
from ccm_graph.rdf import graph as rdf_graph
from ccm_graph.rdf.namespace import CCM, ID, OA, SCHEMA
from ccm_graph.rdf.namespace import PREFIXES as GRAPH_PREFIXES

DATASET = ID["dataset"]
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")  # DCAT 3; not in rdflib's DCAT
BUILD = ID["activity/build"]
SOFTWARE = ID["software/ccm-graph"]
ENTITIES_GRAPH = ID["graph/entities"]
REFERENCE_GRAPH = ID["graph/reference"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
# Links from a fact to the nodes of its evidence, followed to put them in its graph.
EVIDENCE_LINKS = (CCM.evidence, OA.hasTarget, OA.hasSelector)
# The one prefix map (rdf/namespace.py), as rdflib namespaces; and the two that only the
# SWRL rule of the axioms in the ontology graph needs.
PREFIXES = {
    **{name: Namespace(iri) for name, iri in GRAPH_PREFIXES.items()},
    "swrl": Namespace("http://www.w3.org/2003/11/swrl#"),
    "var": Namespace("urn:swrl:var#"),
}


MEDIA_TYPES = {
    ExportFormat.TTL: "text/turtle",
    ExportFormat.TRIG: "application/trig",
    ExportFormat.NQ: "application/n-quads",
    ExportFormat.JSONLD: "application/ld+json",
}
RDFLIB_FORMATS = {
    ExportFormat.TTL: "turtle",
    ExportFormat.TRIG: "trig",
    ExportFormat.NQ: "nquads",
    ExportFormat.JSONLD: "json-ld",
}


@dataclass(frozen=True)
class ExportOptions:
    """What to put beside the asserted facts, and how to describe the dataset."""

    inferred: Graph | None = None
    issued: str | None = None
    sparql_endpoint: str | None = None


def document_graph(document: URIRef) -> URIRef:
    """id:document/<stem> -> id:graph/document/<stem>."""
    return ID["graph/" + str(document)[len(ontology.ID_NS) :]]


def partition(data: Graph, reference: Graph) -> dict[URIRef, Graph]:
    """Split the asserted graph into named graphs: per document, reference, entities."""
    owner = _owners(data)
    graphs: dict[URIRef, Graph] = defaultdict(Graph)
    for triple in data:
        if triple in reference:
            graphs[REFERENCE_GRAPH].add(triple)
        elif triple[0] in owner:
            graphs[document_graph(owner[triple[0]])].add(triple)
        else:
            graphs[ENTITIES_GRAPH].add(triple)
    return dict(graphs)


def _owners(data: Graph) -> dict[Node, URIRef]:
    """Each document, fact and evidence node, mapped to the document it belongs to."""
    owner: dict[Node, URIRef] = {}
    for document in data.subjects(RDF.type, CCM.Document):
        owner[document] = cast(URIRef, document)
    for fact, document in data.subject_objects(PROV.wasDerivedFrom):
        if isinstance(document, URIRef):
            _claim(data, fact, document, owner)
    return owner


def _claim(data: Graph, node: Node, document: URIRef, owner: dict[Node, URIRef]) -> None:
    owner[node] = document
    for link in EVIDENCE_LINKS:
        for child in data.objects(node, link):
            if child not in owner:
                _claim(data, child, document, owner)


def build_dataset(data: Graph, options: ExportOptions | None = None) -> Dataset:
    """The whole publishable dataset: named graphs and their DCAT/VoID description."""
    options = options or ExportOptions()
    reference = ontology.read_graph(ontology.REFERENCE)
    graphs = partition(data, reference)
    graphs[ONTOLOGY_GRAPH] = to_canonical_graph(ontology.ontology_with_axioms())
    if options.inferred is not None:
        graphs[reason.INFERRED_GRAPH] = options.inferred
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for name in sorted(graphs):
        named = dataset.graph(name)
        for triple in graphs[name]:
            named.add(triple)
    describe(dataset.default_graph, data, graphs, options)
    return dataset


def describe(
    graph: Graph, data: Graph, graphs: dict[URIRef, Graph], options: ExportOptions
) -> None:
    """DCAT + VoID for the dataset, and PROV for each named graph, into `graph`."""
    _describe_dataset(graph, data, options)
    _describe_partitions(graph, data)
    _describe_examples(graph, data)
    for name in sorted(graphs):
        _describe_graph(graph, name, graphs[name], data)
    if options.sparql_endpoint:
        _describe_endpoint(graph, URIRef(options.sparql_endpoint))
    for export_format in ExportFormat:
        _describe_distribution(graph, export_format)


def _version() -> str:
    try:
        return metadata.version("ccm-graph")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def issued_date(data: Graph) -> str:
    """The newest date of a meeting a document records (the end of the temporal coverage;
    the dataset's own dates are catalog.dataset_date)."""
    dates = [
        str(date)
        for meeting in data.objects(None, CCM.records)
        for date in data.objects(meeting, SCHEMA.startDate)
    ]
    return max(dates) if dates else "1970-01-01"


def _describe_dataset(graph: Graph, data: Graph, options: ExportOptions) -> None:
    issued = catalog.dataset_date(options.issued)
    add = graph.add
    add((DATASET, RDF.type, DCAT.Dataset))
    add((DATASET, RDF.type, VOID.Dataset))
    add((DATASET, DCTERMS.title, Literal("CCM graph", lang="en")))
    add(
        (
            DATASET,
            DCTERMS.description,
            Literal(
                "Knowledge graph of the Convention on Cluster Munitions read from its meeting"
                " records: attendance, delegates, coordinator mandates, presidencies, article"
                " mentions, obligations, decisions and links between meetings, each fact"
                " traced to the quoted words of its source document.",
                lang="en",
            ),
        )
    )
    catalog.describe_dataset(graph, data, _version(), catalog.CatalogOptions(issued=issued))
    add((DATASET, OWL.versionInfo, Literal(_version())))
    add((DATASET, DCTERMS.conformsTo, URIRef(ontology.ONTOLOGY_IRI)))
    add((DATASET, VOID.uriSpace, Literal(ontology.ID_NS)))
    add((DATASET, VOID.triples, Literal(len(data))))
    add((DATASET, VOID.classes, Literal(len(set(data.objects(None, RDF.type))))))
    add((DATASET, VOID.properties, Literal(len(set(data.predicates())))))
    add((DATASET, VOID.distinctSubjects, Literal(len(set(data.subjects())))))
    add((DATASET, PROV.wasGeneratedBy, BUILD))
    for prefix in ("ccm", "org", "opengov", "prov", "oa", "skos", "dcterms", "foaf", "schema"):
        add((DATASET, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    for document in sorted(cast(Any, data.subjects(RDF.type, CCM.Document))):
        add((DATASET, DCTERMS.source, document))
        add((BUILD, PROV.used, document))
    add((BUILD, RDF.type, PROV.Activity))
    add((BUILD, PROV.wasAssociatedWith, SOFTWARE))
    add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    add((SOFTWARE, RDFS.label, Literal(f"ccm-graph {_version()}")))


def _partition_iri(kind: str, term: URIRef) -> URIRef:
    digest = hashlib.sha256(str(term).encode()).hexdigest()[:12]
    return ID[f"dataset/{kind}/{digest}"]


def _describe_partitions(graph: Graph, data: Graph) -> None:
    """void:classPartition (entities per class) and void:propertyPartition (triples)."""
    classes = Counter(cls for _, cls in data.subject_objects(RDF.type))
    for cls, count in sorted(classes.items()):
        node = _partition_iri("class", cast(URIRef, cls))
        graph.add((DATASET, VOID.classPartition, node))
        graph.add((node, VOID["class"], cls))
        graph.add((node, VOID.entities, Literal(count)))
    properties = Counter(predicate for _, predicate, _ in data)
    for prop, count in sorted(properties.items()):
        node = _partition_iri("property", cast(URIRef, prop))
        graph.add((DATASET, VOID.propertyPartition, node))
        graph.add((node, VOID.property, prop))
        graph.add((node, VOID.triples, Literal(count)))


def _describe_examples(graph: Graph, data: Graph) -> None:
    for cls in (CCM.State, CCM.MeetingOfStatesParties, CCM.CoordinatorMandate, CCM.Document):
        members = sorted(cast(Any, data.subjects(RDF.type, cls)))
        if members:
            graph.add((DATASET, VOID.exampleResource, members[0]))


def _describe_graph(graph: Graph, name: URIRef, content: Graph, data: Graph) -> None:
    """A named graph is a VoID subset of the dataset, with where its triples came from."""
    graph.add((DATASET, VOID.subset, name))
    graph.add((name, RDF.type, VOID.Dataset))
    graph.add((name, VOID.triples, Literal(len(content))))
    prefix = str(ID["graph/document/"])
    if str(name).startswith(prefix):
        document = ID["document/" + str(name)[len(prefix) :]]
        graph.add((name, PROV.wasDerivedFrom, document))
        graph.add((name, PROV.wasGeneratedBy, BUILD))
        for source in data.objects(document, DCTERMS.source):
            graph.add((name, DCTERMS.source, source))
        for label in data.objects(document, RDFS.label):
            graph.add((name, DCTERMS.title, Literal(f"Facts read from {label}", lang="en")))
    elif name == ONTOLOGY_GRAPH:
        graph.add((name, PROV.wasDerivedFrom, URIRef(ontology.ONTOLOGY_IRI)))
    elif name == reason.INFERRED_GRAPH:
        reason.describe_inferred_graph(graph, "the asserted named graphs")
    else:
        graph.add((name, PROV.wasGeneratedBy, BUILD))


def _describe_endpoint(graph: Graph, endpoint: URIRef) -> None:
    service = ID["dataset/sparql"]
    graph.add((DATASET, VOID.sparqlEndpoint, endpoint))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.servesDataset, DATASET))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))


def _describe_distribution(graph: Graph, export_format: ExportFormat) -> None:
    node = ID[f"dataset/distribution/{export_format}"]
    graph.add((DATASET, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.mediaType, URIRef(_iana(MEDIA_TYPES[export_format]))))
    graph.add((node, DCTERMS.format, Literal(str(export_format))))
    graph.add((node, DCTERMS.license, LICENSE))
    url = URIRef(f"{catalog.DEFAULT_DOWNLOADS}ccm.{export_format}")
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.accessURL, url))


def _iana(media_type: str) -> str:
    return f"https://www.iana.org/assignments/media-types/{media_type}"


def serialize(dataset: Dataset, export_format: ExportFormat) -> bytes:
    """The dataset in one format, byte-for-byte the same for the same input.

    Turtle has no named graphs: it gets the asserted graphs and the description, not the
    ontology nor the inferred facts, so that asserted and inferred stay apart.
    """
    if export_format is ExportFormat.TTL:
        return rdf_graph.turtle(_asserted_union(dataset))
    if export_format is ExportFormat.NQ:
        text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
        lines = sorted(set(line for line in text.splitlines() if line.strip()))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if export_format is ExportFormat.JSONLD:
        return _jsonld(dataset)
    return ontology.trig(dataset, cast(Any, PREFIXES))


def _asserted_union(dataset: Dataset) -> Graph:
    union = Graph()
    for prefix, namespace in PREFIXES.items():
        union.bind(prefix, namespace, override=True)
    skip = {ONTOLOGY_GRAPH, reason.INFERRED_GRAPH}
    for graph in dataset.graphs():
        if graph.identifier not in skip:
            for triple in graph:
                union.add(triple)
    return union


def jsonld_context() -> dict:
    """The JSON-LD context: the prefixes, as in ontology/context.jsonld."""
    return json.loads(resources.require(ontology.CONTEXT).read_text(encoding="utf-8"))["@context"]


def _jsonld(dataset: Dataset) -> bytes:
    text = dataset.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    document = _stable(json.loads(text))
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def _stable(value: object, key: str = "") -> object:
    """Sort every JSON array but @list ones (RDF lists keep their order): set semantics."""
    if isinstance(value, dict):
        return {k: _stable(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable(item) for item in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value


def export_file(
    graph_path: Path,
    output: Path,
    export_format: ExportFormat,
    options: ExportOptions | None = None,
    catalog_options: catalog.CatalogOptions | None = None,
) -> Dataset:
    """Read a Turtle graph, write the dataset to `output` and its DCAT catalog beside it
    (`<stem>.catalog.ttl`, with the dump's size and checksum), atomically; return the dataset."""
    data = ontology.read_graph(graph_path)
    dataset = build_dataset(data, options)
    files.write_atomically(output, serialize(dataset, export_format))
    chosen = catalog_options or catalog.CatalogOptions(issued=(options or ExportOptions()).issued)
    catalog.write_catalog(data, output, dataset.default_graph, _version(), chosen)
    return dataset
