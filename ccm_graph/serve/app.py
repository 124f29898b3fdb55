"""`ccm-graph serve`: a SPARQL 1.1 Protocol endpoint at /sparql, dereferenceable IRIs at /id/,
and an offline web explorer at /.

The parts: `dataset` (what is served, as one shared read-only store), `protocol` (formats,
negotiation, reading requests, service description), `guard` (what is refused), `results`
(one query evaluated within the caps), `pool` (the worker processes and their fair lanes),
`explorer` (the explorer's JSON), `linked_data` (/id/ and /data/), and here the web
application that puts them together with its limits and headers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio
import anyio.to_thread
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ccm_graph import api, errors
from ccm_graph.serve import dataset, explorer, linked_data
from ccm_graph.serve.explorer import WEB_DIR
from ccm_graph.serve.pool import QueryPool
from ccm_graph.serve.protocol import (
    ROW_LIMIT_HEADER,
    TRUNCATED_HEADER,
    GraphFormat,
    QueryError,
    media_type,
    negotiate,
    query_of,
    service_description,
    wants_description,
)
from ccm_graph.serve.results import Job, serialize_graph

MB = 2**20
BYTES_LIMIT_HEADER = "X-Bytes-Limit"
# The explorer runs its own scripts only: nothing inline, nothing from elsewhere, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


@dataclass(frozen=True)
class ServeConfig:
    """What `ccm-graph serve` was asked for; checked when made, each mistake named."""

    graph: Path
    host: str = "127.0.0.1"
    port: int = 8000
    allow_federation: bool = False
    timeout: float = 10.0
    max_rows: int = 10_000
    workers: int = 3
    corpus: Path | None = None
    max_bytes: int = 16 * MB
    max_body: int = 1 * MB
    memory_mb: int = 2048
    explorer_workers: int = 1

    def __post_init__(self) -> None:
        problems = [
            (not 0 <= self.port <= 65535, f"--port {self.port}: give a port from 0 to 65535"),
            (
                not self.timeout > 0,
                f"--timeout {self.timeout:g}: give a positive number of seconds",
            ),
            (self.max_rows < 1, f"--max-rows {self.max_rows}: give at least 1"),
            (self.workers < 1, f"--workers {self.workers}: give at least 1"),
            (self.explorer_workers < 1, f"--explorer-workers {self.explorer_workers}: at least 1"),
            (self.max_bytes < 1024, f"--max-result-mb: {self.max_bytes} bytes is too small"),
            (self.max_body < 1024, f"--max-body-kb: {self.max_body} bytes is too small"),
            (self.memory_mb < 0, f"--memory-limit {self.memory_mb}: give MB, or 0 for none"),
        ]
        for wrong, message in problems:
            if wrong:
                raise errors.CcmGraphError(message)


# --- ASGI middleware: limits and headers on every response -----------------------------------


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413, before reading it: a declared
    Content-Length is checked at once; a chunked body is counted as it arrives."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        counted = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal counted
            message = await receive()
            counted += len(message.get("body", b""))
            if counted > self.limit:
                raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        limit = f"{self.limit / MB:g} MB" if self.limit >= MB else f"{self.limit} bytes"
        body = (
            f"the request body is over this server's limit of {limit} (--max-body-kb); "
            "send a shorter query\n"
        ).encode()
        headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"connection", b"close")]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class SecurityHeaders:
    """CSP without inline script, nosniff and no framing, on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


# --- HTTP handlers ---------------------------------------------------------------------------


def client_of(request: Request) -> str:
    """Who a request is from, for fair shares of the workers: the peer address."""
    return request.client.host if request.client else "local"


async def sparql_endpoint(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: query by GET or POST, results as the client accepts."""
    config: ServeConfig = request.app.state.config
    if wants_description(request):
        return describe_service(request)
    try:
        asked = await query_of(request)
    except QueryError as error:
        return PlainTextResponse(error.message, status_code=error.status)
    wanted = negotiate(request.headers.get("accept"), asked.format)
    job = Job(
        asked.query,
        wanted.results,
        wanted.graph,
        config.max_rows,
        config.max_bytes,
        checked=True,
        allow_federation=config.allow_federation,
        default_graphs=asked.default_graphs,
        named_graphs=asked.named_graphs,
    )
    pool: QueryPool = request.app.state.pool
    reply = await anyio.to_thread.run_sync(pool.run, job, client_of(request))
    headers = {ROW_LIMIT_HEADER: str(config.max_rows), "Vary": "Accept"}
    headers[BYTES_LIMIT_HEADER] = str(config.max_bytes)
    if reply.truncated:
        headers[TRUNCATED_HEADER] = "true"
    return Response(reply.body, reply.status, headers=headers, media_type=reply.media_type)


def describe_service(request: Request) -> Response:
    """The service description, in the RDF format the client accepts (Turtle by default)."""
    shared: dataset.SharedStore = request.app.state.shared
    endpoint = str(request.url.replace(query="", fragment=""))
    triples = service_description(
        endpoint, shared.graphs, shared.union_default_graph, shared.default_triples
    )
    wanted = negotiate(request.headers.get("accept"), request.query_params.get("format")).graph
    wanted = wanted or GraphFormat.TURTLE
    body = serialize_graph(triples, wanted)
    return Response(body, 200, headers={"Vary": "Accept"}, media_type=media_type(wanted))


async def index_page(request: Request) -> Response:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")


def routes() -> list[Route | Mount]:
    return [
        Route("/", index_page),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/id/{path:path}", linked_data.dereference),
        Route("/data/{path:path}", linked_data.describe),
        Route("/ontology", linked_data.ontology_document),
        Route("/api/queries", explorer.api_queries),
        Route("/api/search", explorer.api_search),
        Route("/api/home", explorer.api_home),
        Route("/api/entity", explorer.api_entity),
        Mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static"),
    ]


def create_app(config: ServeConfig) -> Starlette:
    """The web application: /sparql, /id/, the explorer's JSON under /api, its static files.

    The store is prepared and the workers start here, so a bad graph file is reported
    before the server listens.
    """
    shared = dataset.prepare(config.graph)
    pool = QueryPool(
        shared, config.workers, config.timeout, config.memory_mb, config.explorer_workers
    )
    try:
        pool.start()
        catalog = explorer.load_catalog(pool)
    except (QueryError, errors.CcmGraphError):
        pool.close()
        shared.close()
        raise

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # waiting requests hold a thread each: room for every client's queue
        anyio.to_thread.current_default_thread_limiter().total_tokens = 256
        try:
            yield
        finally:
            pool.close()
            shared.close()

    cors = Middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=[ROW_LIMIT_HEADER, TRUNCATED_HEADER, BYTES_LIMIT_HEADER],
    )
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit, limit=config.max_body),
        cors,
    ]
    app = Starlette(routes=routes(), middleware=middleware, lifespan=lifespan)
    app.state.config = config
    app.state.shared = shared
    app.state.pool = pool
    app.state.catalog = catalog
    app.state.pages = explorer.PageCache()
    return app


def ensure_graph(graph: Path, corpus: Path) -> None:
    """Build the graph from the corpus when the graph file is missing."""
    if graph.is_file() or graph.is_dir():
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
