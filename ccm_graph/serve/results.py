"""Evaluating one query in a worker: the guard, Oxigraph, and the answer written in the
negotiated format within the caps on rows and bytes, a cut answer saying so in its body."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph

from ccm_graph import api
from ccm_graph.serve import guard
from ccm_graph.serve.protocol import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    GraphFormat,
    QueryError,
    ResultFormat,
    media_type,
)

PREFIXES = (
    api.PREFIXES
    + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
    + "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Job:
    """One query for a worker, with the formats, caps and dataset it is answered with."""

    query: str
    results_format: ResultFormat | str | None
    graph_format: GraphFormat | str | None
    max_rows: int
    max_bytes: int = 16 * 2**20
    checked: bool = True  # run the guard: False only for the explorer's own queries
    allow_federation: bool = False
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reply:
    """A worker's answer: HTTP status, body, and why it was cut (None when complete)."""

    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    cut: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def truncated(self) -> bool:
        return self.cut is not None


def run_job(graph: pyoxigraph.Store, job: Job, union_default_graph: bool = False) -> Reply:
    """Evaluate one query and serialize its answer within the job's caps."""
    try:
        if job.checked:
            guard.check_query(job.query, job.allow_federation)
        result = graph.query(job.query, **_dataset(job, union_default_graph))
    except QueryError as error:
        return Reply(error.status, error.message.encode())
    except SyntaxError as error:
        return Reply(400, f"SPARQL syntax error: {error}".encode())
    except OSError as error:  # e.g. a federated SERVICE that failed
        return Reply(502, f"query failed: {error}".encode())
    try:
        if isinstance(result, pyoxigraph.QueryTriples):
            return _graph_reply(result, job)
        return _results_reply(result, job)
    except (OSError, RuntimeError, ValueError) as error:
        return Reply(500, f"query failed while reading results: {error}".encode())


def _dataset(job: Job, union_default_graph: bool) -> dict[str, Any]:
    """Store.query arguments for the protocol's default-graph-uri and named-graph-uri."""
    options: dict[str, Any] = {}
    if job.default_graphs:
        options["default_graph"] = [pyoxigraph.NamedNode(iri) for iri in job.default_graphs]
    elif union_default_graph:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [pyoxigraph.NamedNode(iri) for iri in job.named_graphs]
    return options


def cut_message(cut: str, job: Job) -> str:
    """What a cut answer says about itself, in its body and on the query page."""
    if cut == "rows":
        return (
            f"result cut at the server's limit of {job.max_rows} rows: "
            "add LIMIT/OFFSET to page through it"
        )
    return (
        f"result cut at the server's limit of {job.max_bytes} bytes: "
        "select fewer or shorter values, or page with LIMIT/OFFSET"
    )


def _results_reply(result: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean, job: Job) -> Reply:
    if job.results_format is None:
        return Reply(406, b"SELECT/ASK results can be sent as JSON, XML, CSV or TSV")
    wanted = ResultFormat(job.results_format)
    target = RESULT_FORMATS[wanted]
    if isinstance(result, pyoxigraph.QueryBoolean):
        return Reply(200, result.serialize(format=target), media_type(wanted))
    variables = [variable.value for variable in result.variables]
    rows, cut = _capped_rows(result, variables, job)
    head = json.dumps({"vars": variables}, ensure_ascii=False)
    body = ('{"head":' + head + ',"results":{"bindings":[' + ",".join(rows) + "]}}").encode()
    if wanted is not ResultFormat.JSON:  # pyoxigraph writes every other format from the JSON
        parsed = pyoxigraph.parse_query_results(body, format=RESULT_FORMATS[ResultFormat.JSON])
        body = parsed.serialize(format=target)
    if cut:
        body = _say_cut_in_results(body, wanted, cut_message(cut, job), variables)
    return Reply(200, body, media_type(wanted), cut)


def _capped_rows(
    result: pyoxigraph.QuerySolutions, variables: list[str], job: Job
) -> tuple[list[str], str | None]:
    rows: list[str] = []
    size = 0
    for solution in result:
        if len(rows) == job.max_rows:
            return rows, "rows"
        row = json.dumps(_binding(solution, variables), ensure_ascii=False, separators=(",", ":"))
        size += len(row) + 1
        if size > job.max_bytes:
            return rows, "bytes"
        rows.append(row)
    return rows, None


def _say_cut_in_results(
    body: bytes, wanted: ResultFormat, message: str, variables: list[str]
) -> bytes:
    """JSON gets a `warning` member and a head link; XML a head link. CSV and TSV have no
    place for a note that a reader would not take for data: they keep the header only."""
    link = "urn:ccm-graph:result-cut"
    if wanted is ResultFormat.JSON:
        document = json.loads(body)
        document["head"]["link"] = [link]
        document["warning"] = message
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    if wanted is ResultFormat.XML:
        note = f'<link href="{link}"/><!-- {_xml_comment(message)} -->'.encode()
        return body.replace(b"</head>", note + b"</head>", 1)
    return body


def _xml_comment(text: str) -> str:
    return text.replace("--", "- -")


def _binding(solution: pyoxigraph.QuerySolution, variables: list[str]) -> dict[str, Any]:
    bound = {}
    for name in variables:
        term = solution[name]
        if term is not None:
            bound[name] = json_term(term)
    return bound


def json_term(term: Any) -> dict[str, Any]:
    """A term in the SPARQL 1.1 Query Results JSON format (RDF 1.2 triple terms included)."""
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: json_term(getattr(term, p)) for p in parts}}
    encoded = {"type": "literal", "value": term.value}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        encoded["datatype"] = term.datatype.value
    return encoded


def _graph_reply(triples: pyoxigraph.QueryTriples, job: Job) -> Reply:
    if job.graph_format is None:
        return Reply(
            406, b"CONSTRUCT/DESCRIBE results can be sent as Turtle, N-Triples, JSON-LD or RDF/XML"
        )
    wanted = GraphFormat(job.graph_format)
    kept, cut = _capped_triples(triples, job)
    body = serialize_graph(kept, wanted)
    if cut:
        body = _say_cut_in_graph(body, wanted, cut_message(cut, job))
    return Reply(200, body, media_type(wanted), cut)


def _capped_triples(triples: pyoxigraph.QueryTriples, job: Job) -> tuple[list[Any], str | None]:
    kept: list[Any] = []
    size = 0
    for triple in triples:
        if len(kept) == job.max_rows:
            return kept, "rows"
        size += len(str(triple)) + 3  # about its N-Triples line
        if size > job.max_bytes:
            return kept, "bytes"
        kept.append(triple)
    return kept, None


def serialize_graph(triples: list[Any], wanted: GraphFormat) -> bytes:
    """Triples in one RDF format; Turtle and RDF/XML with the graph's prefixes."""
    target = GRAPH_FORMATS[wanted]
    prefixes = graph_prefixes() if wanted in (GraphFormat.TURTLE, GraphFormat.RDFXML) else None
    return pyoxigraph.serialize(triples, format=target, prefixes=prefixes) or b""


def _say_cut_in_graph(body: bytes, wanted: GraphFormat, message: str) -> bytes:
    """Turtle opens with a comment; N-Triples ends its last line with one (line counts stay
    those of the triples); RDF/XML gets an XML comment. JSON-LD has no comments."""
    if wanted is GraphFormat.TURTLE:
        return f"# {message}\n".encode() + body
    if wanted is GraphFormat.NTRIPLES:
        stripped = body.rstrip(b"\n")
        return stripped + f" # {message}\n".encode() if stripped else f"# {message}\n".encode()
    if wanted is GraphFormat.RDFXML:
        head, _, rest = body.partition(b"?>")
        note = f"\n<!-- {_xml_comment(message)} -->".encode()
        return head + b"?>" + note + rest if rest else note + body
    return body


def graph_prefixes() -> dict[str, str]:
    """The graph's prefixes, for Turtle and RDF/XML answers."""
    pairs = {}
    for line in PREFIXES.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "PREFIX":
            pairs[parts[1].rstrip(":")] = parts[2].strip("<>")
    return pairs  # no prefix for id/: its local names hold "/", which Turtle escapes
