"""The SPARQL 1.1 Protocol's edges: errors with their HTTP status, content negotiation of
result formats, and reading the query out of a GET or POST request."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph
from starlette.requests import Request

ROW_LIMIT_HEADER = "X-Row-Limit"
TRUNCATED_HEADER = "X-Rows-Truncated"
JSON_RESULTS = "application/sparql-results+json"
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({keyword}) is not accepted; "
    "send SELECT, ASK, CONSTRUCT or DESCRIBE queries"
)


class QueryError(Exception):
    """A query the endpoint answers with an HTTP error: the status and a plain message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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


async def query_of(request: Request) -> str:
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
