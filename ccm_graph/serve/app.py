"""`ccm-graph serve`: a SPARQL 1.1 Protocol endpoint at /sparql and an offline web explorer at /.

The parts: `protocol` (formats, negotiation, reading requests), `guard` (what is refused),
`pool` (the query worker processes), `explorer` (the explorer's JSON), and here the web
application that puts them together.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ccm_graph import api, errors
from ccm_graph.serve import explorer
from ccm_graph.serve.explorer import WEB_DIR
from ccm_graph.serve.guard import check_query
from ccm_graph.serve.pool import Job, QueryPool
from ccm_graph.serve.protocol import (
    ROW_LIMIT_HEADER,
    TRUNCATED_HEADER,
    QueryError,
    negotiate,
    query_of,
)


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


async def sparql_endpoint(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: query by GET or POST, results as the client accepts."""
    config: ServeConfig = request.app.state.config
    try:
        query = await query_of(request)
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


async def index_page(request: Request) -> Response:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")


def create_app(config: ServeConfig) -> Starlette:
    """The web application: /sparql, the explorer's JSON under /api, and its static files.

    The workers start (and the graph is loaded) here, so a bad graph file is reported
    before the server listens.
    """
    pool = QueryPool(config.graph, config.workers, config.timeout)
    pool.start()
    try:
        catalog = explorer.load_catalog(pool)
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
        Route("/api/queries", explorer.api_queries),
        Route("/api/search", explorer.api_search),
        Route("/api/home", explorer.api_home),
        Route("/api/entity", explorer.api_entity),
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
