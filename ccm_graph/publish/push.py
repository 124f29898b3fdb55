"""Scale-out: upload the graph to any SPARQL 1.1 store through the Graph Store HTTP Protocol.

One named graph per source document holds that document's node and every fact derived from
it (`prov:wasDerivedFrom`) with its evidence (annotation, target, selectors); a shared graph
holds the rest: reference data, States, organizations, people, meetings. Each graph is sent
with PUT, which replaces it: pushing again after a document changed replaces that document's
graph, never adds to it. The shared graph also lists the document graphs of the last push
(`<base> dcterms:hasPart <graph>`), so a document removed from the corpus has its graph
deleted on the next push.

Works with any store that implements the protocol (Oxigraph server, Apache Jena Fuseki,
GraphDB, Virtuoso, QLever): `endpoint` is its Graph Store URL (Oxigraph: `http://host:7878/store`,
Fuseki: `http://host:3030/DATASET/data`), graphs are named with `?graph=IRI`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph

from ccm_graph import errors

ID_NS = "https://w3id.org/ccm-graph/id/"
# The same names as `ccm-graph export`: id:graph/document/<stem> for a document's graph.
DEFAULT_BASE = f"{ID_NS}graph/"
NTRIPLES = "application/n-triples"
HAS_PART = pyoxigraph.NamedNode("http://purl.org/dc/terms/hasPart")
PREFIXES = """
PREFIX ccm: <https://w3id.org/ccm-graph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# Move each document's own triples from the default graph into the document's graph: the
# document node, its facts, and each fact's evidence chain (annotation, target, selectors).
TO_DOCUMENT_GRAPHS = (
    PREFIXES
    + """
INSERT { GRAPH ?g { ?node ?p ?o } } WHERE {
  ?doc a ccm:Document .
  FILTER(STRSTARTS(STR(?doc), ?id_ns))
  ?fact prov:wasDerivedFrom? ?doc .
  ?fact (ccm:evidence/(oa:hasTarget/oa:hasSelector?)?)? ?node .
  ?node ?p ?o .
  BIND(IRI(CONCAT(?base, STRAFTER(STR(?doc), ?id_ns))) AS ?g)
} ;
DELETE { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }
"""
)


class PushError(errors.CcmGraphError):
    """The store refused or could not be reached; the message names the graph and the reply."""


@dataclass
class PushReport:
    """What a push sent: triples per graph, and the graphs of removed documents it deleted."""

    endpoint: str
    graphs: dict[str, int] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def base_iri(graph: str | None) -> str:
    """Graph names start with this: `--graph` as given, ending with a slash or '#'."""
    base = graph or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else f"{base}/"


def shared_graph(base: str) -> str:
    return f"{base}shared"


def partition(source: Path | pyoxigraph.Store, base: str = DEFAULT_BASE) -> pyoxigraph.Store:
    """A store holding the graph's triples split into named graphs: one per document
    (`<base>document/<stem>`, as `ccm-graph export` names it) and `<base>shared` for the rest.

    Args:
        source: a Turtle file, or a store whose default graph holds the graph.
        base: the start of every graph name.
    """
    store = pyoxigraph.Store()
    if isinstance(source, pyoxigraph.Store):
        store.bulk_extend(
            pyoxigraph.Quad(q.subject, q.predicate, q.object)
            for q in source.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        )
    else:
        store.bulk_load(path=str(source), format=pyoxigraph.RdfFormat.TURTLE)
    base_literal = str(pyoxigraph.Literal(base))
    id_literal = str(pyoxigraph.Literal(ID_NS))
    store.update(TO_DOCUMENT_GRAPHS.replace("?base", base_literal).replace("?id_ns", id_literal))
    shared = pyoxigraph.NamedNode(shared_graph(base))
    store.bulk_extend(
        pyoxigraph.Quad(q.subject, q.predicate, q.object, shared)
        for q in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
    )
    store.clear_graph(pyoxigraph.DefaultGraph())
    catalog = pyoxigraph.NamedNode(base)
    store.bulk_extend(
        pyoxigraph.Quad(catalog, HAS_PART, graph, shared)
        for graph in store.named_graphs()
        if graph != shared and isinstance(graph, pyoxigraph.NamedNode)
    )
    return store


def push(
    source: Path | pyoxigraph.Store,
    endpoint: str,
    graph: str | None = None,
    auth: tuple[str, str] | None = None,
    client: httpx.Client | None = None,
    on_graph: Callable[[str, int], None] | None = None,
) -> PushReport:
    """Upload the graph to a Graph Store Protocol endpoint, one named graph per document.

    Args:
        source: the Turtle graph (`ccm-graph build` output) or a store holding it.
        endpoint: the store's Graph Store URL (e.g. `http://127.0.0.1:7878/store`).
        graph: the start of the graph names (default `https://w3id.org/ccm-graph/id/graph/`).
        auth: user name and password for HTTP basic authentication.
        client: an httpx client to send with (tests, proxies, custom TLS).
        on_graph: called with each graph's name and triple count once it is stored.

    Raises:
        PushError: a request failed; the message names the graph and the store's reply.
    """
    started = time.perf_counter()
    base = base_iri(graph)
    split = partition(source, base)
    report = PushReport(endpoint)
    own_client = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0))
    try:
        previous = _previous_documents(client, endpoint, base, auth)
        shared = shared_graph(base)
        names = sorted(g.value for g in split.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
        for name in [*(n for n in names if n != shared), shared]:  # the catalog goes last
            count = _put(client, endpoint, split, name, auth)
            report.graphs[name] = count
            if on_graph is not None:
                on_graph(name, count)
        for stale in sorted(previous - set(names)):
            _request(client, "DELETE", endpoint, stale, auth, missing_ok=True)
            report.deleted.append(stale)
    finally:
        if own_client:
            client.close()
    report.seconds = time.perf_counter() - started
    return report


def _put(
    client: httpx.Client,
    endpoint: str,
    split: pyoxigraph.Store,
    name: str,
    auth: tuple[str, str] | None,
) -> int:
    quads = split.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(name))
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
    body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    _request(client, "PUT", endpoint, name, auth, content=body)
    return len(triples)


def _previous_documents(
    client: httpx.Client, endpoint: str, base: str, auth: tuple[str, str] | None
) -> set[str]:
    """The document graphs the last push listed in the shared graph (none on a first push)."""
    reply = _request(client, "GET", endpoint, shared_graph(base), auth, missing_ok=True)
    if reply.status_code == 404 or not reply.content:
        return set()
    kind = reply.headers.get("content-type", NTRIPLES).split(";")[0].strip()
    try:
        triples = pyoxigraph.parse(reply.content, format=pyoxigraph.RdfFormat.from_media_type(kind))
        return {
            t.object.value
            for t in triples
            if t.subject == pyoxigraph.NamedNode(base) and t.predicate == HAS_PART
        }
    except (SyntaxError, ValueError, TypeError) as error:
        problem = errors.PUSH_UNREADABLE.format(
            endpoint=endpoint, graph=shared_graph(base), reason=error
        )
        raise PushError(problem) from error


def _request(
    client: httpx.Client,
    method: str,
    endpoint: str,
    name: str,
    auth: tuple[str, str] | None,
    content: bytes | None = None,
    missing_ok: bool = False,
) -> httpx.Response:
    headers = {"Accept": NTRIPLES} if method == "GET" else {}
    if content is not None:
        headers["Content-Type"] = NTRIPLES
    try:
        reply = client.request(
            method, endpoint, params={"graph": name}, content=content, headers=headers, auth=auth
        )
    except httpx.HTTPError as error:
        problem = errors.PUSH_FAILED.format(
            endpoint=endpoint, method=method, graph=name, reason=error
        )
        raise PushError(problem) from error
    if reply.status_code == 404 and missing_ok:
        return reply
    if reply.is_error:
        body = " ".join(reply.text[:300].split())
        raise PushError(
            errors.PUSH_REFUSED.format(
                endpoint=endpoint, method=method, graph=name, status=reply.status_code, body=body
            )
        )
    return reply
