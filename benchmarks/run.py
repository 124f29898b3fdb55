"""The benchmark: synthetic corpora 10x, 100x, 1,000x the bundled one, built and queried.

    .venv/bin/python benchmarks/run.py                   # scales 1 10 100 1000 (~30 min, 2 cores)
    .venv/bin/python benchmarks/run.py --scales 1 10     # a quick look (~2 min)

For each scale: the corpus (1x is corpus/ itself; larger ones are made by `synth.py`), the
streaming build (`rdf.writer` into a Turtle file, what the targets are checked on) with time
per stage, the in-memory build (`pipeline.extract_all` + `graph.build_graph` + `graph.save`, up to
--baseline-max), spaCy tokenization alone on the same text and the same number of processes,
Turtle write and read, and p50/p99 of every query in queries/ through pyoxigraph (in memory,
the default query path; and an on-disk store) and rdflib (up to --rdflib-max). Each
measurement runs in its own process (measure.py) so that its peak memory is its own; no build
cache is used. Writes benchmarks/results.json and benchmarks/results.md after each scale.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import synth

from ccm_graph import api

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = sys.executable
COMPETENCY = api.COMPETENCY_QUERIES  # the ten competency questions
TARGETS = {
    "throughput_ratio": 0.5,  # build words/s over tokenizer-only words/s
    "scaling": 1.2,  # cost per word at N x over cost per word at 1x
    "memory_mb": 4096,  # peak of the 1,000x build
    "query_p50_ms": 50,  # every competency query on the 1,000x graph
}


def main() -> None:
    args = parse_args()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"setup": setup(args), "scales": {}, "profile": None}
    for scale in sorted(args.scales):
        log(f"== {scale}x")
        results["scales"][str(scale)] = run_scale(scale, args, work)
        if scale == args.profile_scale:
            results["profile"] = profile(work / f"corpus-{scale}x", args, scale)
        results["targets"] = targets(results)
        write(results, args.out)
        if not args.keep and scale > 1:
            shutil.rmtree(work / f"corpus-{scale}x", ignore_errors=True)
    log(f"wrote {args.out / 'results.md'} and results.json")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--out", type=Path, default=BENCH)
    parser.add_argument("--baseline-max", type=int, default=100, help="largest current build")
    parser.add_argument("--rdflib-max", type=int, default=10, help="largest scale rdflib queries")
    parser.add_argument("--push-max", type=int, default=100, help="largest scale pushed")
    parser.add_argument("--profile-scale", type=int, default=10)
    parser.add_argument("--profile-docs", type=int, default=50)
    parser.add_argument("--query-budget", type=float, default=3.0, help="seconds per query")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic corpora")
    return parser.parse_args()


def setup(args: argparse.Namespace) -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + " (+ uncommitted changes)" if _dirty() else commit,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "jobs": args.jobs,
        "load_average_at_start": os.getloadavg()[0],
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
    }


def _dirty() -> bool:
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True)
    return bool(status.stdout.strip())


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(kind: str, *arguments: object) -> dict[str, Any]:
    """Run measure.py in its own process; its JSON output."""
    command = [PYTHON, str(BENCH / "measure.py"), kind, *map(str, arguments)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        log(f"{kind} failed: {done.stderr[-2000:]}")
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout)


# --- one scale ------------------------------------------------------------------------------


def run_scale(scale: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    corpus = ROOT / "corpus"
    result: dict[str, Any] = {"scale": scale, "jobs": args.jobs}
    if scale > 1:
        started = time.perf_counter()
        corpus = work / f"corpus-{scale}x"
        synth.generate(ROOT / "corpus", corpus, scale)
        result["generate_seconds"] = time.perf_counter() - started
    size = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    result["corpus"] = {"documents": len(list(corpus.glob("*.txt"))), "bytes": size}
    graph = work / f"graph-{scale}x.ttl"
    log("streaming build")
    result["stream"] = measure("stream", corpus, graph, "--jobs", args.jobs)
    log("tokenizer only")
    result["tokenize"] = measure("tokenize", corpus, "--jobs", args.jobs)
    if scale <= args.baseline_max:
        log("current build (extract_all + build_graph + save)")
        result["baseline"] = measure(
            "baseline", corpus, work / f"baseline-{scale}x.ttl", "--jobs", args.jobs
        )
        (work / f"baseline-{scale}x.ttl").unlink(missing_ok=True)
    budget = ("--budget", args.query_budget)
    log("queries: pyoxigraph in memory (default path)")
    result["oxigraph"] = measure("queries", graph, "--engine", "oxigraph", *budget)
    log("queries: pyoxigraph on disk")
    result["disk"] = disk_queries(graph, work / f"store-{scale}x", budget)
    if scale <= args.rdflib_max:
        log("queries: rdflib")
        result["rdflib"] = measure(
            "queries", graph, "--engine", "rdflib", *budget, "--max-runs", 20
        )
    if scale <= args.push_max:
        log("push to an Oxigraph server")
        result["push"] = push(graph, work)
    summarize(result)
    return result


def disk_queries(graph: Path, store_dir: Path, budget: tuple[str, float]) -> dict[str, Any]:
    from ccm_graph.rdf import store

    started = time.perf_counter()
    triples = store.load_disk_store(graph, store_dir)
    loaded = time.perf_counter() - started
    result = measure("queries", graph, "--engine", "disk", "--store", store_dir, *budget)
    result["load_into_disk_store_seconds"] = loaded
    result["disk_triples"] = triples
    result["disk_bytes"] = sum(p.stat().st_size for p in store_dir.rglob("*") if p.is_file())
    shutil.rmtree(store_dir, ignore_errors=True)
    return result


def push(graph: Path, work: Path) -> dict[str, Any]:
    """Push to a real Oxigraph server (the `oxigraph` package's `serve`), count the quads."""
    binary = shutil.which("oxigraph") or str(Path(PYTHON).parent / "oxigraph")
    if not Path(binary).exists():
        return {"error": "no oxigraph server binary (pip install oxigraph)"}
    import httpx

    from ccm_graph.publish import push as pusher

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = work / "push-server"
    shutil.rmtree(location, ignore_errors=True)
    server = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        first = pusher.push(graph, f"{base}/store")
        again = pusher.push(graph, f"{base}/store")
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        reply = httpx.post(
            f"{base}/query",
            data={"query": count},
            headers={"Accept": "application/sparql-results+json"},
            timeout=600,
        )
        quads = int(reply.json()["results"]["bindings"][0]["n"]["value"])
        return {
            "graphs": len(first.graphs),
            "triples_sent": first.triples,
            "first_push_seconds": first.seconds,
            "re_push_seconds": again.seconds,
            "quads_in_server_after_re_push": quads,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(location, ignore_errors=True)


def summarize(result: dict[str, Any]) -> None:
    """Derived numbers: words/s, ratios, peak memory."""
    stream, tokenize = result["stream"], result["tokenize"]
    if "error" in stream or "error" in tokenize:
        return
    words = stream["words"]
    result["words"] = words
    result["build_words_per_s"] = words / stream["wall_seconds"]
    result["tokenizer_words_per_s"] = tokenize["words"] / tokenize["wall_seconds"]
    result["throughput_ratio"] = result["build_words_per_s"] / result["tokenizer_words_per_s"]
    result["seconds_per_mword"] = 1e6 * stream["wall_seconds"] / words
    # CPU seconds (all processes): what the build costs, whatever else the machine is doing
    result["build_words_per_cpu_s"] = words / stream["cpu_seconds"]
    result["tokenizer_words_per_cpu_s"] = tokenize["words"] / tokenize["cpu_seconds"]
    result["throughput_ratio_cpu"] = (
        result["build_words_per_cpu_s"] / result["tokenizer_words_per_cpu_s"]
    )
    result["cpu_seconds_per_mword"] = 1e6 * stream["cpu_seconds"] / words
    result["peak_memory_mb"] = peak(stream, result["jobs"])
    baseline = result.get("baseline")
    if baseline and "error" not in baseline:
        baseline["words_per_s"] = words / baseline["wall_seconds"]
        baseline["peak_memory_mb"] = peak(baseline, result["jobs"])


def peak(measured: dict[str, Any], jobs: int) -> float:
    """An upper bound of the build's memory: the main process plus every worker at its peak."""
    return measured["peak_rss_main_mb"] + jobs * measured["peak_rss_worker_mb"]


def profile(corpus: Path, args: argparse.Namespace, scale: int) -> dict[str, Any]:
    log(f"profile: first {args.profile_docs} documents of {scale}x")
    out = args.out / "profile.txt"
    result = measure("profile", corpus, "--docs", args.profile_docs, "--profile-out", out)
    result["scale"] = scale
    return result


# --- targets and the report -----------------------------------------------------------------


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    scales = {int(k): v for k, v in results["scales"].items() if "words" in v}
    if not scales:
        return []
    largest = max(scales)
    top = scales[largest]
    checks = [
        _check(
            f"build >= {TARGETS['throughput_ratio']}x tokenizer-only words/s ({largest}x)",
            top["throughput_ratio"],
            top["throughput_ratio"] >= TARGETS["throughput_ratio"],
            f"{top['throughput_ratio']:.2f}x wall "
            f"({top['throughput_ratio_cpu']:.3f}x in CPU seconds)",
        )
    ]
    if 1 in scales and largest > 1:
        ratio = top["seconds_per_mword"] / scales[1]["seconds_per_mword"]
        checks.append(
            _check(
                f"linear: cost per word at {largest}x <= {TARGETS['scaling']} x cost at 1x",
                ratio,
                ratio <= TARGETS["scaling"],
                f"{ratio:.2f}x the 1x cost per word (CPU seconds: "
                f"{top['cpu_seconds_per_mword'] / scales[1]['cpu_seconds_per_mword']:.2f}x)",
            )
        )
        if 10 in scales and largest > 10:
            ratio10 = top["seconds_per_mword"] / scales[10]["seconds_per_mword"]
            checks.append(
                _check(
                    f"linear (vs 10x, without 1x's fixed start-up): {largest}x / 10x",
                    ratio10,
                    ratio10 <= TARGETS["scaling"],
                    f"{ratio10:.2f}x the 10x cost per word (CPU seconds: "
                    f"{top['cpu_seconds_per_mword'] / scales[10]['cpu_seconds_per_mword']:.2f}x)",
                )
            )
    memory = top["peak_memory_mb"]
    checks.append(
        _check(
            f"peak memory of the {largest}x build < {TARGETS['memory_mb']} MB",
            memory,
            memory < TARGETS["memory_mb"],
            f"{memory:,.0f} MB (main + {results['setup']['jobs']} workers)",
        )
    )
    queries = top.get("oxigraph", {}).get("queries", {})
    slowest = (
        max((queries[q].get("p50_ms", float("inf")), q) for q in COMPETENCY if q in queries)
        if queries
        else (float("inf"), "none")
    )
    checks.append(
        _check(
            f"every competency query p50 < {TARGETS['query_p50_ms']} ms on {largest}x (pyoxigraph)",
            slowest[0],
            slowest[0] < TARGETS["query_p50_ms"],
            f"slowest: {slowest[1]} {slowest[0]:.1f} ms",
        )
    )
    pages = top.get("oxigraph", {}).get("first_page", {})
    if pages:
        slowest_page = max(
            (pages[q].get("p50_ms", float("inf")), q) for q in COMPETENCY if q in pages
        )
        checks.append(
            _check(
                f"(not a target) first page (LIMIT 100) of each competency query, {largest}x",
                slowest_page[0],
                slowest_page[0] < TARGETS["query_p50_ms"],
                f"slowest: {slowest_page[1]} {slowest_page[0]:.1f} ms",
            )
        )
    return checks


def _check(name: str, value: float, met: bool, shown: str) -> dict[str, Any]:
    return {"target": name, "value": value, "met": met, "shown": shown}


def write(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    previous = out / "results.json"
    if "lookups" not in results and previous.is_file():  # benchmarks/lookups.py's section
        lookups = json.loads(previous.read_text(encoding="utf-8")).get("lookups")
        if lookups:
            results["lookups"] = lookups
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")


def markdown(results: dict[str, Any]) -> str:
    from report import markdown as render

    return render(results)


if __name__ == "__main__":
    main()
