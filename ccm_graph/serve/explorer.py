"""The explorer's data and JSON API: labels, search, entity pages and their sources."""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import pyoxigraph
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from ccm_graph import api, errors, resolve
from ccm_graph.ingest import ingest
from ccm_graph.query import sparql
from ccm_graph.serve.pool import QueryPool
from ccm_graph.serve.protocol import QueryError
from ccm_graph.serve.results import PREFIXES, Job

WEB_DIR = Path(__file__).resolve().parent / "web"
FILE_NAME = "https://w3id.org/ccm-graph/ontology#fileName"  # dcterms:source is the public URL
EXPLORER_ROWS = 1_000_000
EXPLORER_BYTES = 256 * 2**20
LOG = logging.getLogger(__name__)
Handler = Callable[[Request], Awaitable[Response]]
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
        ("Presidency", "meeting-presidencies"),
        ("Coordination Committee meetings convened under it", "meeting-convened"),
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
CLASS_WORDS = {  # what a page calls its entity, in the order a class is chosen
    "https://w3id.org/ccm-graph/ontology#State": "State",
    "https://w3id.org/ccm-graph/ontology#Organization": "Organization",
    "http://xmlns.com/foaf/0.1/Person": "Person",
    "https://w3id.org/ccm-graph/ontology#ThematicArea": "Thematic area",
    "https://w3id.org/ccm-graph/ontology#Article": "Article of the Convention",
    "https://w3id.org/ccm-graph/ontology#Document": "Document",
}


def explorer_query(name: str, node: str | None = None) -> str:
    """A query of the explorer, with `$node` bound to the entity's IRI as a term (a VALUES
    block, `query.sparql.bind`: the IRI never enters the query as text)."""
    text = PREFIXES + (EXPLORER_QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    return text if node is None else sparql.bind(text, {"node": pyoxigraph.NamedNode(node)})


@dataclass
class Catalog:
    """Labels and kinds of everything the explorer links to, read once at start-up."""

    entries: list[dict[str, Any]]
    labels: dict[str, str]
    meetings: list[dict[str, Any]]
    summary: list[dict[str, str]] = field(default_factory=list)
    recorded: tuple[int, ...] = ()
    _resolver: resolve.Resolver | None = field(default=None, repr=False)

    def search(self, text: str, limit: int = 12) -> list[dict[str, Any]]:
        """Suggestions for a search box, best first, from the one name resolver: exact names
        and aliases, then names that start with or contain the text, then near misses."""
        by_iri = {entry["iri"]: entry for entry in self.entries}
        return [_public(by_iri[m.candidate.iri]) for m in self.resolver().suggest(text, limit)]

    def resolver(self) -> resolve.Resolver:
        if self._resolver is None:
            self._resolver = resolve.Resolver(
                resolve.Candidate(
                    e["iri"], e["label"], e["kind"], e.get("notation"), tuple(e["terms"])
                )
                for e in self.entries
            )
        return self._resolver

    def recorded_years(self) -> list[int]:
        """The years in which some document records a meeting (recorded-years.rq)."""
        return list(self.recorded)

    def neighbours(self, meeting: str) -> dict[str, dict[str, Any] | None]:
        """The meetings just before and after `meeting`, by date."""
        dated = [m for m in self.meetings if m.get("date")]
        index = next((i for i, m in enumerate(dated) if m["iri"] == meeting), None)
        if index is None:
            return {"previous": None, "next": None}
        before = dated[index - 1] if index > 0 else None
        after = dated[index + 1] if index + 1 < len(dated) else None
        return {"previous": before, "next": after}


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
    summary = select(pool, api.read_query("summary"))
    recorded = tuple(int(row["year"]) for row in select(pool, explorer_query("recorded-years")))
    return Catalog(ordered, labels, meetings, summary, recorded)


def select(pool: QueryPool, query: str) -> list[dict[str, str]]:
    """Rows of a SELECT run through the pool, as {variable: lexical value}."""
    _, bindings = select_terms(pool, query)
    return [{name: term["value"] for name, term in row.items()} for row in bindings]


def select_terms(pool: QueryPool, query: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Variables and rows of a SELECT in the explorer's lane, keeping each term's type.

    The explorer's queries are its own files: no guard, no row cap."""
    job = Job(query, "json", None, max_rows=EXPLORER_ROWS, max_bytes=EXPLORER_BYTES, checked=False)
    reply = pool.run(job, lane=QueryPool.EXPLORER)
    if reply.status != 200:
        raise QueryError(reply.status, reply.body.decode())
    document = json.loads(reply.body)
    return document["head"]["vars"], document["results"]["bindings"]


def entity_page(pool: QueryPool, catalog: Catalog, iri: str) -> dict[str, Any]:
    """Everything an entity page shows: what it is, its sections, and each fact's source."""
    kind, kind_label = entity_kind_and_words(pool, iri)
    _, about = select_terms(pool, explorer_query("about", iri))
    sections = []
    for title, name in ENTITY_SECTIONS.get(kind, []):
        columns, rows = select_terms(pool, explorer_query(name, iri))
        sections.append({"title": title, "columns": columns, "rows": rows})
    page: dict[str, Any] = {
        "iri": iri,
        "kind": kind,
        "kind_label": kind_label,
        "label": catalog.labels.get(iri, iri.rsplit("/", 1)[-1]),
        "about": about,
        "sections": sections,
        "labels": catalog.labels,
        "evidence": evidence(pool, _facts(sections)),
    }
    if kind == "meeting":
        page["neighbours"] = catalog.neighbours(iri)
    if kind == "area":
        page["recorded_years"] = catalog.recorded_years()
    return page


def entity_kind_and_words(pool: QueryPool, iri: str) -> tuple[str, str]:
    """The explorer's kind of an entity and what to call it on its page ("State")."""
    rows = select(pool, explorer_query("kind", iri))
    if not rows:
        raise QueryError(404, f"nothing in the graph has the IRI {iri}")
    classes = {row.get("class") for row in rows}
    if any(row.get("meetingType") for row in rows):
        return "meeting", "Meeting"
    for cls, words in CLASS_WORDS.items():
        if cls in classes:
            return KIND_OF_CLASS[cls], words
    return "other", "Entry"


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
        terms = [pyoxigraph.NamedNode(f) for f in facts[start : start + 200]]
        query = sparql.bind_rows(explorer_query("evidence"), "fact", terms)
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


class PageCache:
    """Entity pages already answered: the store is read-only, so a page never changes."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._pages: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, iri: str) -> dict[str, Any] | None:
        with self._lock:
            page = self._pages.get(iri)
            if page is not None:
                self._pages.move_to_end(iri)
            return page

    def put(self, iri: str, page: dict[str, Any]) -> None:
        with self._lock:
            self._pages[iri] = page
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)


def answers_plainly(handler: Handler) -> Handler:
    """An /api handler that answers any failure with its status and one plain line, never a
    traceback: a busy or stopped worker is a 503 the page can show."""

    @functools.wraps(handler)
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except QueryError as error:
            return PlainTextResponse(error.message, status_code=error.status)
        except Exception as error:
            LOG.exception("explorer request %s failed", request.url.path)
            return PlainTextResponse(
                f"the explorer could not answer: {type(error).__name__}", status_code=500
            )

    return wrapped


@answers_plainly
async def api_queries(request: Request) -> Response:
    return JSONResponse(named_queries())


@answers_plainly
async def api_search(request: Request) -> Response:
    catalog: Catalog = request.app.state.catalog
    return JSONResponse(catalog.search(request.query_params.get("q", "")[:200]))


@answers_plainly
async def api_home(request: Request) -> Response:
    catalog: Catalog = request.app.state.catalog
    kinds: dict[str, list[dict[str, Any]]] = {}
    for entry in catalog.entries:
        kinds.setdefault(entry["kind"], []).append(_public(entry))
    return JSONResponse({"summary": catalog.summary, "kinds": kinds, "meetings": catalog.meetings})


@answers_plainly
async def api_entity(request: Request) -> Response:
    iri = request.query_params.get("iri", "")
    state = request.app.state
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        return PlainTextResponse(f"not an IRI: {iri!r}", status_code=400)
    page = state.pages.get(iri)
    if page is None:
        page = await anyio.to_thread.run_sync(
            document_page, state.pool, state.catalog, iri, state.config.corpus
        )
        state.pages.put(iri, page)
    return JSONResponse(page)
