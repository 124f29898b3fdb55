"""The SPARQL 1.1 Protocol's edges: errors with their HTTP status, content negotiation of
result formats, reading a query request (GET, POST form, POST body) with its dataset, and the
service description answered to `GET /sparql` without a query."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar
from urllib.parse import parse_qs

import pyoxigraph
from starlette.requests import Request

from ccm_graph import errors

ROW_LIMIT_HEADER = "X-Row-Limit"
TRUNCATED_HEADER = "X-Rows-Truncated"
JSON_RESULTS = "application/sparql-results+json"
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({keyword}) is not accepted; "
    "send SELECT, ASK, CONSTRUCT or DESCRIBE queries"
)


class QueryError(errors.QueryError):
    """A query the endpoint answers with an HTTP error: the status and a plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message, status)


# --- Content negotiation ---------------------------------------------------------------------

F = TypeVar("F", bound=StrEnum)


class ResultFormat(StrEnum):
    """How SELECT and ASK results are written."""

    JSON = "json"
    XML = "xml"
    CSV = "csv"
    TSV = "tsv"


class GraphFormat(StrEnum):
    """How CONSTRUCT and DESCRIBE results (and entity descriptions) are written."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"


RESULT_TYPES = {  # media type -> format, for SELECT and ASK
    "application/sparql-results+json": ResultFormat.JSON,
    "application/json": ResultFormat.JSON,
    "application/sparql-results+xml": ResultFormat.XML,
    "application/xml": ResultFormat.XML,
    "text/xml": ResultFormat.XML,
    "text/csv": ResultFormat.CSV,
    "text/tab-separated-values": ResultFormat.TSV,
}
GRAPH_TYPES = {  # media type -> format, for CONSTRUCT and DESCRIBE
    "text/turtle": GraphFormat.TURTLE,
    "application/x-turtle": GraphFormat.TURTLE,
    "text/n3": GraphFormat.TURTLE,  # Turtle is N3
    "text/rdf+n3": GraphFormat.TURTLE,
    "application/n-triples": GraphFormat.NTRIPLES,
    "text/plain": GraphFormat.NTRIPLES,
    "application/ld+json": GraphFormat.JSONLD,
    "application/json": GraphFormat.JSONLD,
    "application/rdf+xml": GraphFormat.RDFXML,
    "application/xml": GraphFormat.RDFXML,
    "text/xml": GraphFormat.RDFXML,
}
RESULT_FORMATS = {
    ResultFormat.JSON: pyoxigraph.QueryResultsFormat.JSON,
    ResultFormat.XML: pyoxigraph.QueryResultsFormat.XML,
    ResultFormat.CSV: pyoxigraph.QueryResultsFormat.CSV,
    ResultFormat.TSV: pyoxigraph.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    GraphFormat.TURTLE: pyoxigraph.RdfFormat.TURTLE,
    GraphFormat.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
    GraphFormat.JSONLD: pyoxigraph.RdfFormat.JSON_LD,
    GraphFormat.RDFXML: pyoxigraph.RdfFormat.RDF_XML,
}
# `?format=` names, as the common servers (Fuseki, Virtuoso) and clients (SPARQLWrapper) use
# them; a name that fits one kind of result only leaves the other to the Accept header.
RESULT_NAMES = {"json": ResultFormat.JSON, "xml": ResultFormat.XML}
RESULT_NAMES |= {"csv": ResultFormat.CSV, "tsv": ResultFormat.TSV}
GRAPH_NAMES = {"turtle": GraphFormat.TURTLE, "ttl": GraphFormat.TURTLE}
GRAPH_NAMES |= {"nt": GraphFormat.NTRIPLES, "ntriples": GraphFormat.NTRIPLES}
GRAPH_NAMES |= {"n-triples": GraphFormat.NTRIPLES, "jsonld": GraphFormat.JSONLD}
GRAPH_NAMES |= {"json-ld": GraphFormat.JSONLD, "json": GraphFormat.JSONLD}
GRAPH_NAMES |= {"rdfxml": GraphFormat.RDFXML, "rdf": GraphFormat.RDFXML}
GRAPH_NAMES |= {"rdf+xml": GraphFormat.RDFXML, "xml": GraphFormat.RDFXML}
UTF8_TEXT = {ResultFormat.CSV, ResultFormat.TSV, GraphFormat.TURTLE, GraphFormat.NTRIPLES}


@dataclass(frozen=True)
class Negotiated:
    """The format for each kind of result; None when the client accepts none we can write."""

    results: ResultFormat | None
    graph: GraphFormat | None


def negotiate(accept: str | None, format_param: str | None) -> Negotiated:
    """Pick result formats from `?format=` (a name or a media type) or else the Accept header.

    A `format=` this endpoint does not know, or one that fits only the other kind of result
    (`format=csv` for a CONSTRUCT), falls back to the Accept header rather than failing.
    """
    ranked = accepted(accept or "*/*")
    results = _best(ranked, RESULT_TYPES, ResultFormat.JSON)
    graph = _best(ranked, GRAPH_TYPES, GraphFormat.TURTLE)
    if format_param:
        name = format_param.strip().lower()
        results = RESULT_NAMES.get(name) or RESULT_TYPES.get(name) or results
        graph = GRAPH_NAMES.get(name) or GRAPH_TYPES.get(name) or graph
    return Negotiated(results, graph)


def negotiate_graph(accept: str | None, format_param: str | None = None) -> GraphFormat | None:
    """The RDF format for a description (entity, service); None when none is acceptable."""
    return negotiate(accept, format_param).graph


def accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q-values; ties keep the client's order)."""
    weighted = []
    for position, part in enumerate(accept.split(",")[:64]):
        pieces = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.startswith("q="):
                with suppress(ValueError):
                    quality = float(parameter[2:])
        if pieces[0] and quality > 0:
            weighted.append((-quality, position, pieces[0].lower()))
    return [media for _, _, media in sorted(weighted)]


def _best(ranked: list[str], types: dict[str, F], default: F) -> F | None:
    for media in ranked:
        if media in types:
            return types[media]
        if media in ("*/*", "application/*", "text/*"):
            return default if media == "*/*" else _first_of_kind(media, types, default)
    return None


def _first_of_kind(media_range: str, types: dict[str, F], default: F) -> F | None:
    kind = media_range.split("/")[0]
    names = [name for media, name in types.items() if media.startswith(kind + "/")]
    return default if default in names else (names[0] if names else None)


def media_type(name: ResultFormat | GraphFormat) -> str:
    """The Content-Type we answer with for a format."""
    if isinstance(name, ResultFormat):
        base = RESULT_FORMATS[name].media_type
    else:
        base = GRAPH_FORMATS[GraphFormat(name)].media_type
    if name in UTF8_TEXT and "charset" not in base:
        return f"{base}; charset=utf-8"
    return base


# --- Reading a request ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryRequest:
    """A protocol query request: the query and the RDF dataset the client asked for."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None  # `format=` (or `output=`, as some clients send it)


def wants_description(request: Request) -> bool:
    """A GET without a query asks for the service description (SPARQL 1.1 SD, section 2)."""
    params = request.query_params
    return request.method == "GET" and "query" not in params and "update" not in params


async def query_of(request: Request) -> QueryRequest:
    """The query and dataset of a protocol request, or a QueryError saying what is wrong."""
    if request.method == "GET":
        fields = _fields(request.query_params.multi_items())
    else:
        fields = await _posted_fields(request)
    if "update" in fields:
        raise QueryError(400, READ_ONLY.format(keyword="update"))
    query = (fields.get("query") or [""])[0]
    if not query.strip():
        raise QueryError(400, "no query: pass it as the 'query' parameter (see /sparql docs)")
    return QueryRequest(
        query,
        _iris(fields.get("default-graph-uri", []), "default-graph-uri"),
        _iris(fields.get("named-graph-uri", []), "named-graph-uri"),
        (fields.get("format") or fields.get("output") or [None])[0],
    )


async def _posted_fields(request: Request) -> dict[str, list[str]]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise QueryError(400, READ_ONLY.format(keyword="application/sparql-update"))
    body = (await request.body()).decode("utf-8", errors="replace")
    if content_type == "application/sparql-query":
        # the dataset of a direct POST travels in the URL (SPARQL 1.1 Protocol 2.1.3)
        fields = _fields(request.query_params.multi_items())
        fields["query"] = [body]
        return fields
    if content_type == "application/x-www-form-urlencoded":
        # parsed with the standard library: starlette's form parser needs python-multipart
        return parse_qs(body, keep_blank_values=True)
    raise QueryError(
        415,
        "send the query as application/sparql-query or as the form field 'query' "
        f"(application/x-www-form-urlencoded), not {content_type or 'no content type'}",
    )


def _fields(items: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for name, value in items:
        fields.setdefault(name, []).append(value)
    return fields


def _iris(values: list[str], field: str) -> tuple[str, ...]:
    for value in values:
        try:
            pyoxigraph.NamedNode(value)
        except ValueError as error:
            raise QueryError(400, f"{field}: {value!r} is not an absolute IRI") from error
    return tuple(values)


# --- Service description ----------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
SIMPLE_ENTAILMENT = "http://www.w3.org/ns/entailment/Simple"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(
    endpoint: str, graphs: dict[str, int], union_default_graph: bool, default_triples: int
) -> list[pyoxigraph.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint and the dataset it serves.

    Args:
        endpoint: the absolute URL of /sparql as the client reached it.
        graphs: each named graph's IRI and its number of triples.
        union_default_graph: whether the default graph is the union of the named graphs.
        default_triples: triples a query sees in the default graph.
    """
    node, term = pyoxigraph.NamedNode, pyoxigraph.Literal
    service, dataset = node(endpoint), pyoxigraph.BlankNode("dataset")
    triples = [
        (service, node(RDF_TYPE), node(SD + "Service")),
        (service, node(SD + "endpoint"), service),
        (service, node(SD + "supportedLanguage"), node(SD + "SPARQL11Query")),
        (service, node(SD + "defaultEntailmentRegime"), node(SIMPLE_ENTAILMENT)),
        (service, node(SD + "defaultDataset"), dataset),
        (dataset, node(RDF_TYPE), node(SD + "Dataset")),
    ]
    triples += [(service, node(SD + "resultFormat"), node(FORMATS + f)) for f in RESULT_FORMAT_IRIS]
    if union_default_graph:
        triples.append((service, node(SD + "feature"), node(SD + "UnionDefaultGraph")))
    default = pyoxigraph.BlankNode("default")
    triples += [
        (dataset, node(SD + "defaultGraph"), default),
        (default, node(RDF_TYPE), node(SD + "Graph")),
        (default, node(VOID + "triples"), term(str(default_triples), datatype=node(XSD_INTEGER))),
    ]
    for index, (name, count) in enumerate(sorted(graphs.items())):
        named, graph = pyoxigraph.BlankNode(f"named{index}"), pyoxigraph.BlankNode(f"graph{index}")
        triples += [
            (dataset, node(SD + "namedGraph"), named),
            (named, node(RDF_TYPE), node(SD + "NamedGraph")),
            (named, node(SD + "name"), node(name)),
            (named, node(SD + "graph"), graph),
            (graph, node(RDF_TYPE), node(SD + "Graph")),
            (graph, node(VOID + "triples"), term(str(count), datatype=node(XSD_INTEGER))),
        ]
    return [pyoxigraph.Triple(*triple) for triple in triples]
