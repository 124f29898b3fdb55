"""Query workers: each a process that evaluates queries on its own view of the graph.

pyoxigraph cannot interrupt a running query, and a Python thread cannot be killed, so the
only way to really stop a runaway query is to kill the process evaluating it: the pool does
that at the time limit and starts a fresh worker, while the other workers keep answering.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import re
import signal
import threading
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph

from ccm_graph import api, errors
from ccm_graph.rdf import store
from ccm_graph.serve.protocol import GRAPH_FORMATS, RESULT_FORMATS, media_type

PREFIXES = api.PREFIXES + "PREFIX oa: <http://www.w3.org/ns/oa#>\n"


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
        self._context.set_forkserver_preload(["ccm_graph.serve.pool"])
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
