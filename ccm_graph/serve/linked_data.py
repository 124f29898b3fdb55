"""Dereferenceable IRIs: `/id/...` answers as the W3C "Cool URIs for the Semantic Web" note
asks for things that are not documents (a State, a person, a fact): 303 See Other to a
document about the thing, chosen by the Accept header.

- a browser (text/html first) goes to the explorer's page, `/#/id/...`;
- an RDF client goes to `/data/....ttl`, `.nt`, `.jsonld` or `.rdf`, which answers 200 with
  the thing's description: what it says (its blank nodes followed) and what points at it.

On the public web, `https://w3id.org/ccm-graph/id/...` redirects here (docs/deployment.md).
"""

from __future__ import annotations

from urllib.parse import quote

import anyio
import pyoxigraph
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response

from ccm_graph.publish.ontology import ID_NS, VOCABULARY
from ccm_graph.serve.pool import QueryPool
from ccm_graph.serve.protocol import (
    GRAPH_TYPES,
    GraphFormat,
    accepted,
    media_type,
    negotiate_graph,
)
from ccm_graph.serve.results import Job

EXTENSIONS = {
    GraphFormat.TURTLE: "ttl",
    GraphFormat.NTRIPLES: "nt",
    GraphFormat.JSONLD: "jsonld",
    GraphFormat.RDFXML: "rdf",
}
FORMAT_OF_EXTENSION = {extension: name for name, extension in EXTENSIONS.items()}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
DESCRIPTION = """CONSTRUCT {{ {node} ?p ?o . ?o ?q ?v . ?s ?r {node} }} WHERE {{
  {{ {node} ?p ?o OPTIONAL {{ FILTER(isBlank(?o)) ?o ?q ?v }} }} UNION {{ ?s ?r {node} }}
}}"""
KNOWN = "ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?r {node} }} }}"
MAX_TRIPLES = 100_000


def local_path(request: Request, prefix: str) -> str:
    """The path after `prefix`, percent-encoded as the client sent it: the IRI's own text."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if raw else quote(request.url.path)
    return path.split("?", 1)[0][len(prefix) :]


def prefers_html(accept: str | None) -> bool:
    ranked = accepted(accept or "")
    for media in ranked:
        if media in HTML_TYPES:
            return True
        if media in GRAPH_TYPES:
            return False
    return False


async def dereference(request: Request) -> Response:
    """`/id/PATH`: 303 to the explorer page or to the RDF description, by Accept."""
    path = local_path(request, "/id/")
    headers = {"Vary": "Accept"}
    if prefers_html(request.headers.get("accept")):
        return RedirectResponse(f"/#/id/{path}", status_code=303, headers=headers)
    wanted = negotiate_graph(request.headers.get("accept"), request.query_params.get("format"))
    if wanted is None:
        return PlainTextResponse(
            "this IRI is described as HTML, Turtle, N-Triples, JSON-LD or RDF/XML",
            status_code=406,
            headers=headers,
        )
    target = f"/data/{path}.{EXTENSIONS[wanted]}"
    return RedirectResponse(target, status_code=303, headers=headers)


async def describe(request: Request) -> Response:
    """`/data/PATH.EXT`: the description of `id:PATH` in the format its extension names."""
    path = local_path(request, "/data/")
    stem, _, extension = path.rpartition(".")
    wanted = FORMAT_OF_EXTENSION.get(extension)
    if not stem or wanted is None:
        known = ", ".join(f".{e}" for e in FORMAT_OF_EXTENSION)
        return PlainTextResponse(f"end the path with one of {known}", status_code=404)
    try:
        node = str(pyoxigraph.NamedNode(ID_NS + stem))
    except ValueError:
        return PlainTextResponse(f"not an IRI: {ID_NS + stem!r}", status_code=400)
    pool: QueryPool = request.app.state.pool
    client = request.client.host if request.client else "local"
    known = Job(KNOWN.format(node=node), "json", None, max_rows=1, checked=False)
    reply = await anyio.to_thread.run_sync(pool.run, known, client)
    if reply.status != 200:
        return PlainTextResponse(reply.body.decode(), status_code=reply.status)
    if b"true" not in reply.body:
        return PlainTextResponse(f"nothing in the graph has the IRI {ID_NS + stem}", 404)
    job = Job(DESCRIPTION.format(node=node), None, wanted, MAX_TRIPLES, checked=False)
    reply = await anyio.to_thread.run_sync(pool.run, job, client)
    if reply.status != 200:
        return PlainTextResponse(reply.body.decode(), status_code=reply.status)
    return Response(reply.body, 200, media_type=media_type(wanted))


async def ontology_document(request: Request) -> Response:
    """`/ontology`: the vocabulary (`https://w3id.org/ccm-graph/ontology`) as Turtle."""
    if not VOCABULARY.is_file():
        return PlainTextResponse(f"{VOCABULARY}: the ontology file is missing", 404)
    return FileResponse(VOCABULARY, media_type="text/turtle; charset=utf-8")
