"""The catalog beside a dump: DCAT for the dataset and for the file just written, with the
file's download URL, byte size and SHA-256 checksum, so that a harvester (data.europa.eu,
CKAN, Google Dataset Search) can list it and a user can check what they downloaded.

`ccm-graph export -o build/ccm.trig` writes `build/ccm.trig` and `build/ccm.catalog.ttl`.
The catalog conforms to ontology/catalog-shapes.ttl, the DCAT-AP 3 mandatory and recommended
properties this dataset can state.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from ccm_graph import files
from ccm_graph.publish import ontology
from ccm_graph.rdf import graph as rdf_graph
from ccm_graph.rdf.namespace import CCM, ID, SCHEMA

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")
CATALOG = ID["catalog"]
DATASET = ID["dataset"]
PUBLISHER = ID["agent/ccm-graph-project"]
CONTACT = ID["agent/ccm-graph-project/contact"]
EARTH = URIRef("http://sws.geonames.org/6295630/")  # the Convention is open to every State
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SHAPES = ontology.ONTOLOGY_DIR / "catalog-shapes.ttl"
DEFAULT_DOWNLOADS = "https://w3id.org/ccm-graph/dumps/"
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
    ".jsonld": "application/ld+json",
}


@dataclass(frozen=True)
class CatalogOptions:
    """Who publishes the dataset, how to reach them, where its dumps are downloaded from."""

    publisher: str = "The ccm-graph project"
    contact_url: str = "https://w3id.org/ccm-graph/"
    contact_email: str | None = None
    download_base: str = DEFAULT_DOWNLOADS
    issued: str | None = None
    modified: str | None = None


def dataset_date(explicit: str | None = None) -> str:
    """The dataset's own date: the one given, else SOURCE_DATE_EPOCH (reproducible builds),
    else today (UTC). Never a date read from the documents: that is the temporal coverage."""
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()


def coverage(data: Graph) -> tuple[str, str] | None:
    """First and last day of the meetings the documents record."""
    dates = sorted(
        str(date)[:10]
        for meeting in data.objects(None, CCM.records)
        for date in data.objects(meeting, SCHEMA.startDate)
    )
    return (dates[0], dates[-1]) if dates else None


def describe_dataset(graph: Graph, data: Graph, version: str, options: CatalogOptions) -> None:
    """Publisher, contact point, licence, version, coverage and dates of id:dataset."""
    issued = dataset_date(options.issued)
    modified = dataset_date(options.modified or options.issued)
    graph.add((DATASET, RDF.type, DCAT.Dataset))
    graph.add((DATASET, DCTERMS.publisher, PUBLISHER))
    graph.add((PUBLISHER, RDF.type, FOAF.Agent))
    graph.add((PUBLISHER, FOAF.name, Literal(options.publisher, lang="en")))
    graph.add((DATASET, DCAT.contactPoint, CONTACT))
    graph.add((CONTACT, RDF.type, VCARD.Organization))
    graph.add((CONTACT, VCARD.fn, Literal(options.publisher, lang="en")))
    graph.add((CONTACT, VCARD.hasURL, URIRef(options.contact_url)))
    if options.contact_email:
        graph.add((CONTACT, VCARD.hasEmail, URIRef(f"mailto:{options.contact_email}")))
    graph.add((DATASET, DCTERMS.license, LICENSE))
    graph.add((DATASET, DCAT_VERSION, Literal(version)))
    graph.add((DATASET, DCTERMS.spatial, EARTH))
    graph.add((DATASET, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    graph.add((DATASET, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    for word in ("cluster munitions", "disarmament", "treaty implementation", "linked data"):
        graph.add((DATASET, DCAT.keyword, Literal(word, lang="en")))
    period = coverage(data)
    if period:
        node = ID["dataset/temporal"]
        graph.add((DATASET, DCTERMS.temporal, node))
        graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
        graph.add((node, DCAT.startDate, Literal(period[0], datatype=XSD.date)))
        graph.add((node, DCAT.endDate, Literal(period[1], datatype=XSD.date)))


def describe_file(graph: Graph, path: Path, options: CatalogOptions) -> URIRef:
    """A dcat:Distribution for a written file: download URL, size, checksum, media type."""
    content = path.read_bytes()
    node = ID[f"dataset/distribution/{path.name}"]
    url = URIRef(options.download_base + path.name)
    media = MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    checksum = ID[f"dataset/distribution/{path.name}/checksum"]
    graph.add((DATASET, DCAT.distribution, node))
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCAT.accessURL, url))
    graph.add(
        (node, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}"))
    )
    graph.add((node, DCTERMS.format, Literal(path.suffix.lstrip("."))))
    graph.add((node, DCAT.byteSize, Literal(len(content), datatype=XSD.nonNegativeInteger)))
    graph.add((node, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    digest = hashlib.sha256(content).hexdigest()
    graph.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
    graph.add((node, DCTERMS.license, LICENSE))
    graph.add((node, DCTERMS.issued, Literal(dataset_date(options.issued), datatype=XSD.date)))
    return node


def catalog_graph(
    data: Graph, dumps: list[Path], description: Graph, version: str, options: CatalogOptions
) -> Graph:
    """The catalog: dcat:Catalog, the dataset as the dump describes it, and each dump file."""
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF)):
        graph.bind(prefix, namespace)
    graph.bind("spdx", SPDX)
    graph.bind("vcard", VCARD)
    graph.bind("id", ID)
    restated = {DCAT.distribution, DCTERMS.issued, DCTERMS.modified}  # this catalog's own
    for triple in description.triples((DATASET, None, None)):
        if triple[1] not in restated:
            graph.add(triple)
    describe_dataset(graph, data, version, options)
    graph.add((CATALOG, RDF.type, DCAT.Catalog))
    graph.add((CATALOG, DCTERMS.title, Literal("CCM graph catalog", lang="en")))
    graph.add(
        (
            CATALOG,
            DCTERMS.description,
            Literal("The CCM graph dataset and its downloadable dumps.", lang="en"),
        )
    )
    graph.add((CATALOG, DCTERMS.publisher, PUBLISHER))
    graph.add((CATALOG, DCAT.dataset, DATASET))
    for dump in dumps:
        describe_file(graph, dump, options)
    return graph


def catalog_path(dump: Path) -> Path:
    """build/ccm.trig -> build/ccm.catalog.ttl, side by side."""
    return dump.with_name(f"{dump.name.split('.')[0]}.catalog.ttl")


def write_catalog(
    data: Graph, dump: Path, description: Graph, version: str, options: CatalogOptions
) -> Path:
    """Write the catalog of `dump` beside it, atomically; return its path."""
    target = catalog_path(dump)
    graph = catalog_graph(data, [dump], description, version, options)
    files.write_atomically(target, rdf_graph.turtle(graph))
    return target


def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")
