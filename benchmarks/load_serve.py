"""Load benchmark of `ccm-graph serve`: concurrent clients on loopback running the competency
queries against /sparql and the explorer's pages against /api for a fixed time, while one
more client sends a slow query every 2 s; prints p50/p99 latency, requests/s and errors of
the ordinary clients, and what the slow client got.

    .venv/bin/python benchmarks/load_serve.py                  # 16 clients, 30 s, build/ccm.ttl
    .venv/bin/python benchmarks/load_serve.py --clients 4 --seconds 5 --no-slow

Each client has an address of its own in 127.0.0.0/8 (127.0.1.N; the slow one 127.0.2.1), as
distinct visitors would: the server's fair shares are per client address. Targets (issue 14):
0 errors on the ordinary clients and p99 < 250 ms with the slow client running.

The server runs as its own process (`ccm-graph serve`), as a user would start it, so the
client's work does not share its interpreter. Traffic goes to loopback only and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ccm_graph import api

ROOT = Path(__file__).resolve().parent.parent
COMPETENCY = api.COMPETENCY_QUERIES
MAX_REQUESTS = 1_000_000  # a hard bound besides the time limit


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(graph: Path, port: int) -> subprocess.Popen:
    command = [str(ROOT / ".venv/bin/ccm-graph"), "serve", str(graph), "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with code {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/queries", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EXPLORER_PATHS = [
    "/api/home",
    "/api/search?q=victim",
    "/api/search?q=Germ",
    "/api/entity?iri=https://w3id.org/ccm-graph/id/area/victim-assistance",
    "/api/entity?iri=https://w3id.org/ccm-graph/id/state/AUT",
]


def transport(address: str) -> httpx.AsyncHTTPTransport:
    return httpx.AsyncHTTPTransport(local_address=address)


async def client(url: str, queries: list[str], offset: int, stop: float, tally: Tally) -> None:
    base = url.removesuffix("/sparql")
    address = f"127.0.1.{offset + 1}"
    async with httpx.AsyncClient(timeout=30, transport=transport(address)) as http:
        index = offset
        while time.monotonic() < stop and len(tally.latencies) < MAX_REQUESTS:
            index += 1
            started = time.perf_counter()
            try:
                if index % 3 == 0:  # a third of the requests are the explorer's pages
                    path = EXPLORER_PATHS[index % len(EXPLORER_PATHS)]
                    response = await http.get(base + path)
                else:
                    response = await http.post(
                        url,
                        data={"query": queries[index % len(queries)]},
                        headers={"Accept": "application/sparql-results+json"},
                    )
            except httpx.HTTPError as error:
                tally.error(type(error).__name__)
                continue
            tally.latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                tally.error(f"HTTP {response.status_code}")


async def slow_client(url: str, stop: float, tally: Tally) -> None:
    """One visitor sending a slow query every 2 s, each waited for in its own task."""

    async def one(http: httpx.AsyncClient) -> None:
        started = time.perf_counter()
        try:
            response = await http.post(url, data={"query": SLOW_QUERY})
        except httpx.HTTPError as error:
            tally.error(type(error).__name__)
            return
        tally.latencies.append(time.perf_counter() - started)
        tally.error(f"HTTP {response.status_code}")  # every answer counted by its status

    async with httpx.AsyncClient(timeout=60, transport=transport("127.0.2.1")) as http:
        sent = []
        while time.monotonic() < stop:
            sent.append(asyncio.create_task(one(http)))
            await asyncio.sleep(2)
        await asyncio.gather(*sent)


async def run(url: str, clients: int, seconds: float, slow: bool = True) -> dict[str, object]:
    queries = [(ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8") for name in COMPETENCY]
    tally, slow_tally = Tally(), Tally()
    started = time.monotonic()
    stop = started + seconds
    slow_task = asyncio.create_task(slow_client(url, stop, slow_tally)) if slow else None
    await asyncio.gather(*(client(url, queries, i, stop, tally) for i in range(clients)))
    elapsed = time.monotonic() - started  # the ordinary clients' time
    if slow_task is not None:
        await slow_task
    ordered = sorted(tally.latencies)
    return {
        "slow_client": {"queries": len(slow_tally.latencies), "answers": slow_tally.errors}
        if slow
        else None,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(ordered),
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(ordered), 1) if ordered else None,
        "p99_ms": round(1000 * ordered[int(0.99 * (len(ordered) - 1))], 1) if ordered else None,
        "max_ms": round(1000 * ordered[-1], 1) if ordered else None,
        "errors": sum(tally.errors.values()),
        "error_kinds": tally.errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "build/ccm.ttl")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url", help="benchmark a server already running at this /sparql URL")
    parser.add_argument("--no-slow", action="store_true", help="without the slow client")
    options = parser.parse_args()
    server = None
    url = options.url
    if url is None:
        port = free_port()
        server = start_server(options.graph, port)
        url = f"http://127.0.0.1:{port}/sparql"
    try:
        report = asyncio.run(run(url, options.clients, options.seconds, not options.no_slow))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(report, indent=2))
    sys.exit(1 if report["errors"] else 0)


if __name__ == "__main__":
    main()
