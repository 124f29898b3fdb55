"""One measurement per process, so that each one's peak memory is its own.

`run.py` starts this as `python benchmarks/measure.py KIND ARGS...`; it prints one JSON object.
Kinds:
- stream CORPUS OUT --jobs N: the streaming build (rdf.writer into a Turtle file), time per
  stage
- baseline CORPUS OUT --jobs N: pipeline.extract_all + graph.build_graph + graph.save (and
  rdflib's own Turtle writer)
- tokenize CORPUS --jobs N: spacy.blank("en") tokenization alone, same paragraphs, same jobs
- queries GRAPH --engine oxigraph|disk|rdflib: latency of every query in queries/
- profile CORPUS --docs N: cProfile of the streaming build of the first N documents
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import resource
import signal
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
STAGES = ("ingest", "nlp", "extract", "graph", "serialize")
PAGE = 100  # rows in a first page
_TIMES: dict[str, float] = {}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["stream", "baseline", "tokenize", "queries", "profile"])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engine", default="oxigraph")
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per query")
    parser.add_argument("--max-runs", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=60.0, help="rdflib: cut-off per run")
    parser.add_argument("--store", type=Path, help="disk engine: the store folder")
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--profile-out", type=Path)
    args = parser.parse_args()
    started = time.perf_counter()
    result = globals()[f"measure_{args.kind}"](args)
    result["process_seconds"] = time.perf_counter() - started
    result.update(memory())
    json.dump(result, sys.stdout)


def memory() -> dict[str, float]:
    """Peak resident memory (MB) of this process and of its largest child (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "peak_rss_main_mb": own.ru_maxrss / 1024,
        "peak_rss_worker_mb": children.ru_maxrss / 1024,
        "cpu_seconds": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
    }


def documents(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix == ".txt")


# --- builds ---------------------------------------------------------------------------------


def _warm_up() -> None:
    """Per worker: build the spaCy pipeline once; time it apart from the rules."""
    from ccm_graph.extract import view
    from ccm_graph.nlp.pipeline import pipeline

    nlp = pipeline()
    if getattr(view.pipeline, "timed", False):
        return

    def timed(text: str) -> Any:
        started = time.perf_counter()
        try:
            return nlp(text)
        finally:
            _TIMES["nlp"] = _TIMES.get("nlp", 0.0) + time.perf_counter() - started

    def timed_pipeline() -> Any:
        return timed

    timed_pipeline.timed = True  # type: ignore[attr-defined]
    view.pipeline = timed_pipeline  # type: ignore[assignment]


def build_one(path: Path) -> tuple[Any, dict[str, float], int, int]:
    """One file: read, extract, make its Turtle chunk. Returns the chunk, the seconds per
    stage, the words and the facts."""
    from ccm_graph import pipeline
    from ccm_graph.ingest import ingest
    from ccm_graph.model import SourceDocument
    from ccm_graph.rdf import writer

    _TIMES.clear()
    started = time.perf_counter()
    data = ingest.read_bytes(path)
    text, _ = ingest.to_text(path, data)
    document = SourceDocument(path.stem, str(path), text, ingest.sha256(data))
    read = time.perf_counter()
    facts = pipeline.extract_text(document)
    extracted = time.perf_counter()
    times = {"ingest": read - started, "nlp": _TIMES.get("nlp", 0.0)}
    times["extract"] = extracted - read - times["nlp"]
    made = time.perf_counter()
    document_graph = writer.document_graph(facts)
    graphed = time.perf_counter()
    chunk = document_graph.chunk()
    times["graph"] = graphed - made
    times["serialize"] = time.perf_counter() - graphed
    return chunk, times, len(text.split()), len(facts.facts)


def measure_stream(args: argparse.Namespace) -> dict[str, Any]:
    import spacy  # noqa: F401 (the parent has spaCy loaded: workers fork with it)

    from ccm_graph.rdf import turtle, writer

    corpus, out = args.paths
    paths = documents(corpus)
    totals = dict.fromkeys(STAGES, 0.0)
    totals["write"] = 0.0
    words = facts = 0
    started = time.perf_counter()
    with turtle.turtle_file(out) as sink, writer.GraphWriter(sink) as stream:
        for chunk, times, n_words, n_facts in _map(build_one, paths, args.jobs):
            for stage, seconds in times.items():
                totals[stage] += seconds
            written = time.perf_counter()
            stream.write(chunk)
            totals["write"] += time.perf_counter() - written
            words, facts = words + n_words, facts + n_facts
        closing = time.perf_counter()
    totals["write"] += time.perf_counter() - closing  # entities, fsync, rename
    return {
        "documents": len(paths),
        "words": words,
        "facts": facts,
        "triples_written": stream.triples,
        "wall_seconds": time.perf_counter() - started,
        "stage_seconds": totals,
        "turtle_bytes": out.stat().st_size,
    }


def _map(function: Any, paths: list[Path], jobs: int) -> Any:
    """Results in path order: in this process (jobs 1) or in `jobs` worker processes."""
    if jobs <= 1:
        _warm_up()
        yield from map(function, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        yield from pool.map(function, paths, chunksize=max(1, min(16, len(paths) // (jobs * 8))))


def measure_baseline(args: argparse.Namespace) -> dict[str, Any]:
    from ccm_graph import pipeline
    from ccm_graph.rdf import graph

    corpus, out = args.paths
    started = time.perf_counter()
    result = pipeline.extract_all(corpus, pipeline.BuildOptions(jobs=args.jobs, cache_dir=None))
    extracted = time.perf_counter()
    built = graph.build_graph(result.documents)
    made = time.perf_counter()
    graph.save(built, out)
    saved = time.perf_counter()
    rdflib_turtle = built.serialize(format="turtle", encoding="utf-8")  # rdflib's own writer
    rdflib_saved = time.perf_counter()
    return {
        "documents": len(result.files),
        "problems": len(result.problems),
        "triples": len(built),
        "stage_seconds": {
            "ingest+nlp+extract": extracted - started,
            "graph": made - extracted,
            "serialize": saved - made,
            "serialize_rdflib": rdflib_saved - saved,
        },
        "wall_seconds": saved - started,
        "wall_seconds_with_rdflib_writer": extracted
        - started
        + made
        - extracted
        + rdflib_saved
        - saved,
        "turtle_bytes": out.stat().st_size,
        "rdflib_turtle_bytes": len(rdflib_turtle),
    }


def _tokenize(path: Path) -> int:
    import spacy

    from ccm_graph.nlp.tokenizer import chunks

    tokenizer = _TOKENIZER.get("en")
    if tokenizer is None:
        tokenizer = _TOKENIZER["en"] = spacy.blank("en")
    text = path.read_text(encoding="utf-8")
    return sum(len(doc) for doc in tokenizer.pipe(chunks(text)))


_TOKENIZER: dict[str, Any] = {}


def _tokenizer_warm_up() -> None:
    import spacy

    _TOKENIZER["en"] = spacy.blank("en")


def measure_tokenize(args: argparse.Namespace) -> dict[str, Any]:
    import spacy  # noqa: F401 (imported before the clock starts, as the build does)

    paths = documents(args.paths[0])
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    started = time.perf_counter()
    if args.jobs <= 1:
        _tokenizer_warm_up()
        tokens = sum(map(_tokenize, paths))
    else:
        with ProcessPoolExecutor(max_workers=args.jobs, initializer=_tokenizer_warm_up) as pool:
            chunksize = max(1, min(16, len(paths) // (args.jobs * 8)))
            tokens = sum(pool.map(_tokenize, paths, chunksize=chunksize))
    return {"words": words, "tokens": tokens, "wall_seconds": time.perf_counter() - started}


# --- queries --------------------------------------------------------------------------------


class QueryTimeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise QueryTimeout


def measure_queries(args: argparse.Namespace) -> dict[str, Any]:
    import rdflib  # noqa: F401 (imports are not part of reading the graph)

    from ccm_graph.rdf import store  # noqa: F401

    graph_file = args.paths[0]
    started = time.perf_counter()
    run, triples = _engine(args, graph_file)
    loaded = time.perf_counter() - started
    results = {}
    pages = {}
    for path in sorted(QUERIES.glob("*.rq")):
        sparql = path.read_text(encoding="utf-8")
        results[path.stem] = _latencies(run, sparql, args)
        if args.engine != "rdflib" and not re.search(r"(?i)\bLIMIT\s+\d+\s*$", sparql):
            # the first page, as a user interface shows it
            pages[path.stem] = _latencies(run, f"{sparql.rstrip()}\nLIMIT {PAGE}\n", args)
    return {
        "engine": args.engine,
        "load_seconds": loaded,
        "triples": triples,
        "queries": results,
        "first_page": pages,
    }


def _engine(args: argparse.Namespace, graph_file: Path) -> tuple[Any, int]:
    """A function running a query (returns its row count), and the triples loaded."""
    from ccm_graph.rdf import store

    if args.engine == "rdflib":
        from rdflib import Graph

        graph = Graph()
        graph.parse(graph_file, format="turtle")
        return (lambda sparql: len(list(graph.query(sparql)))), len(graph)
    if args.engine == "disk":
        disk = store.open_disk_store(args.store)
        return (lambda sparql: len(store.select(disk, sparql)[1])), len(disk)
    memory = store.open_store(graph_file)  # the default query path (`ccm-graph query`)
    return (lambda sparql: len(store.select(memory, sparql)[1])), len(memory)


def _latencies(run: Any, sparql: str, args: argparse.Namespace) -> dict[str, Any]:
    """One warm-up run (not counted), then runs until the budget (at least 3, at most
    `max_runs`); a query slower than the budget is reported from its one run."""
    signal.signal(signal.SIGALRM, _alarm)
    try:
        first, rows = _timed(run, sparql, args.timeout)
    except QueryTimeout:
        return {"timeout_s": args.timeout, "runs": 0}
    except Exception as error:  # a query this engine cannot run: report it, go on
        return {"error": f"{type(error).__name__}: {error}"[:300]}
    times = [first] if first > args.budget else []
    while not times or (
        len(times) < args.max_runs and (sum(times) < args.budget or len(times) < 3)
    ):
        if first > args.budget:
            break
        try:
            elapsed, rows = _timed(run, sparql, args.timeout)
        except QueryTimeout:
            break
        times.append(elapsed)
    return {
        "rows": rows,
        "runs": len(times),
        "p50_ms": 1000 * statistics.median(times),
        "p99_ms": 1000 * _percentile(times, 0.99),
    }


def _timed(run: Any, sparql: str, timeout: float) -> tuple[float, int]:
    signal.setitimer(signal.ITIMER_REAL, timeout)
    started = time.perf_counter()
    try:
        rows = run(sparql)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - started, rows


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- profile --------------------------------------------------------------------------------


def measure_profile(args: argparse.Namespace) -> dict[str, Any]:
    paths = documents(args.paths[0])[: args.docs]
    _warm_up()
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        build_one(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("tottime").print_stats(30)
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(45)
    if args.profile_out:
        args.profile_out.write_text(buffer.getvalue(), encoding="utf-8")
    return {"documents": len(paths), "seconds": total, "top": _top(stats, total)}


def _top(stats: pstats.Stats, total: float) -> list[dict[str, Any]]:
    """The functions that take the most time of their own, with their share."""
    rows = []
    for (filename, line, name), values in stats.stats.items():  # type: ignore[attr-defined]
        own = values[2]
        rows.append({"function": f"{_short(filename)}:{line}({name})", "own_seconds": own})
    rows.sort(key=lambda r: -r["own_seconds"])
    for row in rows:
        row["share"] = row["own_seconds"] / total if total else 0.0
    return rows[:25]


def _short(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    if "ccm_graph/" in filename:
        return "ccm_graph/" + filename.split("ccm_graph/", 1)[1]
    return filename


if __name__ == "__main__":
    main()
