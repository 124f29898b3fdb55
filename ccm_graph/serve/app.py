"""`ccm-graph serve`: a SPARQL 1.1 Protocol endpoint at /sparql and an offline web explorer at /.

Every query runs in a worker process that holds its own Oxigraph store. pyoxigraph cannot
interrupt a running query, and a Python thread cannot be killed, so the only way to really
stop a runaway query is to kill the process evaluating it: the pool does that at the time
limit and starts a fresh worker, while the other workers keep answering.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import signal
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio
import pyoxigraph
import uvicorn
from rapidfuzz import fuzz
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ccm_graph import api, errors
from ccm_graph.ingest import ingest
from ccm_graph.rdf import store

WEB_DIR = Path(__file__).resolve().parent / "web"
ROW_LIMIT_HEADER = "X-Row-Limit"
TRUNCATED_HEADER = "X-Rows-Truncated"
JSON_RESULTS = "application/sparql-results+json"
FILE_NAME = "https://w3id.org/ccm-graph/ontology#fileName"  # dcterms:source is the public URL
PREFIXES = api.PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"


@dataclass(frozen=True)
class ServeConfig:
    """What `ccm-graph serve` was asked for."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 8000
    allow_federation: bool = False
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 2
    corpus: Path | None = None


class QueryError(Exception):
    """A query the endpoint answers with an HTTP error: the status and a plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- Safety: read-only, no federation unless allowed ---------------------------------------

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
UPDATE_KEYWORDS |= {"WITH"}
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({keyword}) is not accepted; "
    "send SELECT, ASK, CONSTRUCT or DESCRIBE queries"
)
NO_FEDERATION = (
    "SERVICE (federated query) is disabled on this endpoint, because it would let any visitor "
    "make the server fetch arbitrary URLs; start it with --allow-federation to allow it"
)
# Strings, IRIs and comments can hold any word; blank them before looking for keywords.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_PROLOGUE = re.compile(r"(?is)^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)<>\s*)*")
_SERVICE = re.compile(r"(?i)(?<![\w:?$.-])SERVICE(?![\w:-])")


def check_query(query: str, allow_federation: bool) -> None:
    """Refuse updates always and SERVICE unless allowed, before any worker sees the query.

    Raises:
        QueryError: 400 with a message that says what was refused and why.
    """
    plain = _OPAQUE.sub(lambda m: "<>" if m.group().startswith("<") else " ", query)
    first = re.match(r"\s*([A-Za-z]+)", plain[_PROLOGUE.match(plain).end() :])
    keyword = first.group(1).upper() if first else ""
    if keyword in UPDATE_KEYWORDS:
        raise QueryError(400, READ_ONLY.format(keyword=keyword))
    if not allow_federation and _SERVICE.search(plain):
        raise QueryError(400, NO_FEDERATION)


# --- Content negotiation ---------------------------------------------------------------------

RESULT_TYPES = {  # SELECT and ASK
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # CONSTRUCT and DESCRIBE
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}
RESULT_FORMATS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld"}
UTF8_TEXT = {"csv", "tsv", "turtle", "ntriples"}


@dataclass(frozen=True)
class Negotiated:
    """The format for each kind of result; None when the client accepts none we can write."""

    results: str | None
    graph: str | None


def negotiate(accept: str | None, format_param: str | None) -> Negotiated:
    """Pick result formats from `?format=` (a name or a media type) or else the Accept header."""
    if format_param:
        name = FORMAT_ALIASES.get(format_param.lower(), format_param.lower())
        if name in RESULT_FORMATS or name in GRAPH_FORMATS:
            return Negotiated(
                name if name in RESULT_FORMATS else None, name if name in GRAPH_FORMATS else None
            )
        accept = format_param
    ranked = _accepted(accept or "*/*")
    return Negotiated(_best(ranked, RESULT_TYPES, "json"), _best(ranked, GRAPH_TYPES, "turtle"))


def _accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q-values; ties keep the client's order)."""
    weighted = []
    for position, part in enumerate(accept.split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.startswith("q="):
                with suppress(ValueError):
                    quality = float(parameter[2:])
        if pieces[0] and quality > 0:
            weighted.append((-quality, position, pieces[0].lower()))
    return [media for _, _, media in sorted(weighted)]


def _best(ranked: list[str], types: dict[str, str], default: str) -> str | None:
    for media in ranked:
        if media in types:
            return types[media]
        if media in ("*/*", "application/*", "text/*"):
            return default if media == "*/*" else _first_of_kind(media, types, default)
    return None


def _first_of_kind(media_range: str, types: dict[str, str], default: str) -> str | None:
    kind = media_range.split("/")[0]
    names = [name for media, name in types.items() if media.startswith(kind + "/")]
    return default if default in names else (names[0] if names else None)


def media_type(name: str) -> str:
    """The Content-Type we answer with for a format name."""
    base = (RESULT_FORMATS.get(name) or GRAPH_FORMATS[name]).media_type
    if name in UTF8_TEXT and "charset" not in base:
        return f"{base}; charset=utf-8"
    return base


# --- Worker processes --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    query: str
    results_format: str | None
    graph_format: str | None
    max_rows: int


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str = "text/plain; charset=utf-8"
    truncated: bool = False
    headers: dict[str, str] = field(default_factory=dict)


def _worker_main(graph_path: str, connection: Connection) -> None:
    """A worker: load the graph once, then answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        graph = store.open_store(Path(graph_path))
    except (OSError, SyntaxError) as error:
        connection.send(f"{graph_path}: cannot load the graph: {error}")
        return
    connection.send("ready")
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        connection.send(run_job(graph, job))


def run_job(graph: pyoxigraph.Store, job: Job) -> Reply:
    """Evaluate one query and serialize its answer, capped at `job.max_rows` rows or triples."""
    try:
        result = graph.query(job.query)
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


def _results_reply(result: pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean, job: Job) -> Reply:
    if job.results_format is None:
        return Reply(406, b"SELECT/ASK results can be sent as JSON, XML, CSV or TSV")
    target = RESULT_FORMATS[job.results_format]
    if isinstance(result, pyoxigraph.QueryBoolean):
        return Reply(200, result.serialize(format=target), media_type(job.results_format))
    variables = [variable.value for variable in result.variables]
    rows = list(islice(result, job.max_rows + 1))
    truncated = len(rows) > job.max_rows
    document = {
        "head": {"vars": variables},
        "results": {"bindings": [_binding(row, variables) for row in rows[: job.max_rows]]},
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    if job.results_format != "json":  # pyoxigraph writes every other format from the JSON
        parsed = pyoxigraph.parse_query_results(body, format=RESULT_FORMATS["json"])
        body = parsed.serialize(format=target)
    return Reply(200, body, media_type(job.results_format), truncated)


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
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        encoded["datatype"] = term.datatype.value
    return encoded


def _graph_reply(triples: pyoxigraph.QueryTriples, job: Job) -> Reply:
    if job.graph_format is None:
        return Reply(406, b"CONSTRUCT/DESCRIBE results can be sent as Turtle, N-Triples or JSON-LD")
    kept = list(islice(triples, job.max_rows + 1))
    target = GRAPH_FORMATS[job.graph_format]
    prefixes = _prefixes() if target is pyoxigraph.RdfFormat.TURTLE else None
    body = pyoxigraph.serialize(kept[: job.max_rows], format=target, prefixes=prefixes)
    return Reply(200, body or b"", media_type(job.graph_format), len(kept) > job.max_rows)


def _prefixes() -> dict[str, str]:
    pairs = re.findall(r"PREFIX (\w+): <([^>]+)>", PREFIXES)
    return dict(pairs)  # no prefix for id/: its local names hold "/", which Turtle escapes


class QueryPool:
    """Worker processes that answer jobs; a job past the time limit costs its worker's life."""

    def __init__(self, graph: Path, size: int, timeout: float) -> None:
        self.graph = graph
        self.timeout = timeout
        self.size = max(1, size)
        self._context = multiprocessing.get_context("forkserver")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False

    def start(self) -> None:
        """Start the workers; raises InputError naming the graph file if it cannot be loaded."""
        self._context.set_forkserver_preload(["ccm_graph.serve.app"])
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def run(self, job: Job) -> Reply:
        """Answer a job in a free worker; 503 when none is free or the time limit passes."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply(503, b"the server is busy: every query worker is in use; try again")
        try:
            worker.connection.send(job)
            if worker.connection.poll(self.timeout):
                reply = worker.connection.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return Reply(500, b"the query worker stopped unexpectedly; it has been restarted")
        self._replace(worker)
        message = f"query stopped: it ran longer than the time limit of {self.timeout:g} s"
        return Reply(503, message.encode())

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                return
            worker.stop()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (it may be mid-query) and start another in the background."""
        worker.stop()
        if not self._closed:
            threading.Thread(target=lambda: self._idle.put(self._spawn()), daemon=True).start()

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(str(self.graph), child_end), daemon=True
        )
        process.start()
        child_end.close()
        try:
            status = parent_end.recv()
        except EOFError:
            status = f"{self.graph}: the query worker exited while loading the graph"
        if status != "ready":
            process.kill()
            raise errors.InputError(self.graph, str(status).removeprefix(f"{self.graph}: "))
        return _Worker(process, parent_end)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


# --- The explorer's data: labels, search, entity pages ---------------------------------------

EXPLORER_QUERIES = WEB_DIR / "queries"
ENTITY_SECTIONS = {  # kind -> (title, query file) in display order
    "actor": [
        ("Areas coordinated, per year", "actor-areas"),
        ("Presidencies", "actor-presidencies"),
        ("Meetings attended, with its delegates", "actor-meetings"),
        ("Obligations, by article", "actor-obligations"),
        ("Decisions that name it", "actor-decisions"),
    ],
    "person": [
        ("Whom they represented, when", "person-represented"),
        ("Presidencies held", "person-presided"),
    ],
    "area": [("Who coordinated it, and who represented them", "area-coordinators")],
    "article": [
        ("States with events under this article", "article-events"),
        ("Meetings that discussed it", "article-mentions"),
    ],
    "meeting": [
        ("Recorded in", "meeting-documents"),
        ("Attendance", "meeting-attendance"),
        ("Delegates", "meeting-delegates"),
        ("Decisions", "meeting-decisions"),
        ("Coordinators reported", "meeting-coordinators"),
        ("Links to other meetings", "meeting-links"),
    ],
    "document": [("Facts extracted from it", "document-facts")],
}
KIND_OF_CLASS = {
    "https://w3id.org/ccm-graph/ontology#State": "actor",
    "https://w3id.org/ccm-graph/ontology#Organization": "actor",
    "http://xmlns.com/foaf/0.1/Person": "person",
    "https://w3id.org/ccm-graph/ontology#ThematicArea": "area",
    "https://w3id.org/ccm-graph/ontology#Article": "article",
    "https://w3id.org/ccm-graph/ontology#Document": "document",
}


def explorer_query(name: str, node: str | None = None) -> str:
    """A query of the explorer, with `$node` replaced by the (validated) IRI of the entity."""
    text = PREFIXES + (EXPLORER_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    return text if node is None else text.replace("$node", str(pyoxigraph.NamedNode(node)))


@dataclass
class Catalog:
    """Labels and kinds of everything the explorer links to, read once at start-up."""

    entries: list[dict[str, Any]]
    labels: dict[str, str]
    meetings: list[dict[str, Any]]

    def search(self, text: str, limit: int = 12) -> list[dict[str, Any]]:
        """Suggestions for a search box: prefix matches, then substrings, then fuzzy ones."""
        needle = text.strip().casefold()
        if not needle:
            return []
        scored = []
        for entry in self.entries:
            score = _match_score(needle, entry["terms"])
            if score:
                scored.append((-score, len(entry["label"]), entry["label"], entry))
        scored.sort(key=lambda item: item[:3])
        return [_public(entry) for *_, entry in scored[:limit]]

    def neighbours(self, meeting: str) -> dict[str, dict[str, Any] | None]:
        """The meetings just before and after `meeting`, by date."""
        dated = [m for m in self.meetings if m.get("date")]
        index = next((i for i, m in enumerate(dated) if m["iri"] == meeting), None)
        if index is None:
            return {"previous": None, "next": None}
        before = dated[index - 1] if index > 0 else None
        after = dated[index + 1] if index + 1 < len(dated) else None
        return {"previous": before, "next": after}


def _match_score(needle: str, terms: list[str]) -> float:
    best = 0.0
    for term in terms:
        if term == needle:
            best = max(best, 400)
        elif term.startswith(needle):
            best = max(best, 300)
        elif f" {needle}" in f" {term}":
            best = max(best, 250)
        elif needle in term:
            best = max(best, 200)
        elif len(needle) >= 4:
            ratio = fuzz.partial_ratio(needle, term)
            best = max(best, ratio) if ratio >= 85 else best
    return best


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    return {key: entry[key] for key in ("iri", "label", "kind", "notation")}


def load_catalog(pool: QueryPool) -> Catalog:
    """Read labels, search entries and the dated list of meetings through the pool."""
    labels = {row["node"]: row["label"] for row in select(pool, explorer_query("labels"))}
    entries: dict[str, dict[str, Any]] = {}
    for row in select(pool, explorer_query("catalog")):
        entry = entries.setdefault(
            row["node"],
            {"iri": row["node"], "label": row["label"], "kind": row["kind"], "terms": set()},
        )
        entry["notation"] = row.get("notation")
        entry["terms"].update(
            row[key].casefold() for key in ("label", "notation", "alt") if row.get(key)
        )
        labels[row["node"]] = row["label"]
    for entry in entries.values():
        entry["terms"] = sorted(entry["terms"])
    meetings = [
        {"iri": row["iri"], "date": row.get("date"), "label": labels.get(row["iri"], row["iri"])}
        for row in select(pool, explorer_query("meetings"))
    ]
    ordered = sorted(entries.values(), key=lambda entry: (entry["kind"], entry["label"]))
    return Catalog(ordered, labels, meetings)


def select(pool: QueryPool, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT run through the pool, as {variable: lexical value}."""
    reply = pool.run(Job(query, "json", None, max_rows=1_000_000))
    if reply.status != 200:
        raise QueryError(reply.status, reply.body.decode())
    bindings = json.loads(reply.body)["results"]["bindings"]
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def select_terms(pool: QueryPool, query: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Variables and rows of a SELECT, keeping each term's type (uri or literal)."""
    reply = pool.run(Job(query, "json", None, max_rows=1_000_000))
    if reply.status != 200:
        raise QueryError(reply.status, reply.body.decode())
    document = json.loads(reply.body)
    return document["head"]["vars"], document["results"]["bindings"]


def entity_page(pool: QueryPool, catalog: Catalog, iri: str) -> dict[str, Any]:
    """Everything an entity page shows: what it is, its sections, and each fact's source."""
    kind = entity_kind(pool, iri)
    _, about = select_terms(pool, explorer_query("about", iri))
    sections = []
    for title, name in ENTITY_SECTIONS.get(kind, []):
        columns, rows = select_terms(pool, explorer_query(name, iri))
        sections.append({"title": title, "columns": columns, "rows": rows})
    page = {
        "iri": iri,
        "kind": kind,
        "label": catalog.labels.get(iri, iri.rsplit("/", 1)[-1]),
        "about": about,
        "sections": sections,
        "labels": catalog.labels,
        "evidence": evidence(pool, _facts(sections)),
    }
    if kind == "meeting":
        page["neighbours"] = catalog.neighbours(iri)
    return page


def entity_kind(pool: QueryPool, iri: str) -> str:
    rows = select(pool, explorer_query("kind", iri))
    if not rows:
        raise QueryError(404, f"nothing in the graph has the IRI {iri}")
    classes = {row.get("class") for row in rows}
    if any(row.get("meetingType") for row in rows):
        return "meeting"
    return next((KIND_OF_CLASS[c] for c in classes if c in KIND_OF_CLASS), "other")


def _facts(sections: list[dict[str, Any]]) -> list[str]:
    facts = set()
    for section in sections:
        for row in section["rows"]:
            for name, term in row.items():
                if name == "fact" or name.endswith("_fact"):
                    facts.add(term["value"])
    return sorted(facts)


def evidence(pool: QueryPool, facts: list[str]) -> dict[str, dict[str, Any]]:
    """Source document and quoted text of each fact, keyed by the fact's IRI."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(facts), 200):  # keep each VALUES block a modest size
        values = " ".join(str(pyoxigraph.NamedNode(f)) for f in facts[start : start + 200])
        query = explorer_query("evidence").replace("$facts", values)
        for row in select(pool, query):
            found[row["fact"]] = row
    return found


def document_page(pool: QueryPool, catalog: Catalog, iri: str, corpus: Path | None) -> dict:
    """A document page: its entity page plus its text when the corpus file is at hand."""
    page = entity_page(pool, catalog, iri)
    source = next(
        (row["value"]["value"] for row in page["about"] if row["p"]["value"] == FILE_NAME),
        None,
    )
    page["text"] = None
    if corpus is not None and source:
        path = corpus / Path(source).name
        if path.is_file():
            with suppress(errors.InputError):
                page["text"] = ingest.read_document(path).text
    return page


def named_queries() -> list[dict[str, str]]:
    """The queries of queries/: name, the description from their leading comments, and text."""
    found = []
    for path in sorted(api.QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            comments.append(line.lstrip("# ").strip())
        found.append({"name": path.stem, "description": " ".join(comments), "query": text})
    return found


# --- HTTP ----------------------------------------------------------------------------------


async def sparql_endpoint(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: query by GET or POST, results as the client accepts."""
    config: ServeConfig = request.app.state.config
    try:
        query = await _query_of(request)
        check_query(query, config.allow_federation)
    except QueryError as error:
        return PlainTextResponse(error.message, status_code=error.status)
    wanted = negotiate(request.headers.get("accept"), request.query_params.get("format"))
    job = Job(query, wanted.results, wanted.graph, config.max_rows)
    reply = await anyio.to_thread.run_sync(request.app.state.pool.run, job)
    headers = {ROW_LIMIT_HEADER: str(config.max_rows), "Vary": "Accept"}
    if reply.truncated:
        headers[TRUNCATED_HEADER] = "true"
    return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)


async def _query_of(request: Request) -> str:
    """The query text of a protocol request, or a QueryError saying what is wrong with it."""
    if request.method == "GET":
        if "update" in request.query_params:
            raise QueryError(400, READ_ONLY.format(keyword="update"))
        query = request.query_params.get("query")
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/sparql-update":
            raise QueryError(400, READ_ONLY.format(keyword="application/sparql-update"))
        if content_type == "application/sparql-query":
            query = (await request.body()).decode("utf-8", errors="replace")
        elif content_type == "application/x-www-form-urlencoded":
            # parsed with the standard library: starlette's form parser needs python-multipart
            form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
            if "update" in form:
                raise QueryError(400, READ_ONLY.format(keyword="update"))
            query = form.get("query", [""])[0]
        else:
            raise QueryError(
                415,
                "send the query as application/sparql-query or as the form field 'query' "
                f"(application/x-www-form-urlencoded), not {content_type or 'no content type'}",
            )
    if not query or not str(query).strip():
        raise QueryError(400, "no query: pass it as the 'query' parameter (see /sparql docs)")
    return str(query)


async def index_page(request: Request) -> Response:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")


async def api_queries(request: Request) -> Response:
    return JSONResponse(named_queries())


async def api_search(request: Request) -> Response:
    catalog: Catalog = request.app.state.catalog
    return JSONResponse(catalog.search(request.query_params.get("q", "")))


async def api_home(request: Request) -> Response:
    catalog: Catalog = request.app.state.catalog
    pool: QueryPool = request.app.state.pool
    summary = await anyio.to_thread.run_sync(select, pool, api.read_query("summary"))
    kinds: dict[str, list[dict[str, Any]]] = {}
    for entry in catalog.entries:
        kinds.setdefault(entry["kind"], []).append(_public(entry))
    return JSONResponse({"summary": summary, "kinds": kinds, "meetings": catalog.meetings})


async def api_entity(request: Request) -> Response:
    iri = request.query_params.get("iri", "")
    state = request.app.state
    try:
        pyoxigraph.NamedNode(iri)
        page = await anyio.to_thread.run_sync(
            document_page, state.pool, state.catalog, iri, state.config.corpus
        )
    except ValueError:
        return PlainTextResponse(f"not an IRI: {iri!r}", status_code=400)
    except QueryError as error:
        return PlainTextResponse(error.message, status_code=error.status)
    return JSONResponse(page)


def create_app(config: ServeConfig) -> Starlette:
    """The web application: /sparql, the explorer's JSON under /api, and its static files.

    The workers start (and the graph is loaded) here, so a bad graph file is reported
    before the server listens.
    """
    pool = QueryPool(config.graph, config.workers, config.timeout)
    pool.start()
    try:
        catalog = load_catalog(pool)
    except QueryError:
        pool.close()
        raise

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()

    routes = [
        Route("/", index_page),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/api/queries", api_queries),
        Route("/api/search", api_search),
        Route("/api/home", api_home),
        Route("/api/entity", api_entity),
        Mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static"),
    ]
    cors = Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=[ROW_LIMIT_HEADER, TRUNCATED_HEADER],
    )
    app = Starlette(routes=routes, middleware=[cors], lifespan=lifespan)
    app.state.config = config
    app.state.pool = pool
    app.state.catalog = catalog
    return app


def ensure_graph(graph: Path, corpus: Path) -> None:
    """Build the graph from the corpus when the graph file is missing."""
    if graph.is_file():
        return
    if not corpus.exists():
        raise errors.InputError(graph, "no such graph file, and no corpus to build it from")
    api.build(corpus, graph)


def serve(config: ServeConfig) -> None:
    """Serve until interrupted (Ctrl-C)."""
    uvicorn.run(create_app(config), host=config.host, port=config.port, log_level="warning")


@contextmanager
def running(config: ServeConfig) -> Iterator[str]:
    """Serve in a background thread for tests and benchmarks; yields the base URL."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host=config.host, port=config.port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the server for {config.graph} did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{config.host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
