"""Where users wait on a built graph: `who`, entity and parametrised queries, listings
streamed to CSV/JSON, and `ccm-graph network`, on the corpus graph and on one N times it.

    .venv/bin/python benchmarks/lookups.py                 # 100 copies (~3 min on 2 cores)
    .venv/bin/python benchmarks/lookups.py --copies 10 --runs 5

The large graph is the corpus graph copied N times with fresh document, fact and meeting
IRIs and shifted years (`network_benchmark.make_graph`: the same States, people and areas
over a longer record). Every figure is measured in this run, with its limit beside it:
- an entity or parametrised query (the explorer's pages, a `--param` named query) through
  `ccm_graph.query.sparql.run`, against pyoxigraph's own time on the same query with the
  node written in as a constant (the fastest pyoxigraph can answer it). `who` runs its
  section queries once per graph for every node and then reads one row per lookup: its
  figures are the `who` rows;
- a listing streamed to CSV and to JSON (rows/s), against pyoxigraph's own time to produce
  its rows;
- `ccm_graph.who()` with its cache (warm) and on first use (cold: the on-disk store and the
  network sections made), and the whole `ccm-graph who NAME` process; against the time to
  read the Turtle, which the cache spares every later lookup;
- the whole `ccm-graph network` process, against the time to read the Turtle.
Results go to benchmarks/results.json under "lookups" and into benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CLI = Path(sys.executable).parent / "ccm-graph"
ID = "https://w3id.org/ccm-graph/id/"
TARGETS = {"who_api_s": {1: 0.5, 100: 1.0}, "who_process_s": 1.5, "entity_p50_ms": 20.0}
TARGETS.update({"stream_rows_per_s": 200_000, "network_s": 30.0})
# Named queries that list rows (no aggregate): the ones a user streams to a file.
LISTINGS = (
    "attendance",
    "coordinators",
    "delegates",
    "fact-sources",
    "network-attendance",
    "network-mandates",
    "obligations",
    "people",
    "decisions",
)
ENTITIES = {  # kind -> how its sample node is found (the most recorded one of its kind)
    "actor": f"<{ID}state/ZMB>",
    "area": f"<{ID}area/victim-assistance>",
    "article": f"<{ID}article/4>",
    "person": "SELECT ?n WHERE { ?f <http://www.w3.org/ns/org#member> ?n . "
    "?n a <http://xmlns.com/foaf/0.1/Person> } GROUP BY ?n ORDER BY DESC(COUNT(?f)) ?n LIMIT 1",
    "meeting": "SELECT ?n WHERE { ?d <https://w3id.org/ccm-graph/ontology#records> ?n } "
    "ORDER BY ?n LIMIT 1",
    "document": "SELECT ?n WHERE { ?n a <https://w3id.org/ccm-graph/ontology#Document> } "
    "ORDER BY ?n LIMIT 1",
}
WHO_NAMES = {"actor": "Zambia", "area": "victim assistance"}


def p50(run: Any, runs: int) -> tuple[float, int]:
    """Median milliseconds of `runs` runs after one warm-up, and the rows of the last."""
    count = run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        count = run()
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times), count


def entity_queries(graph_store: Any, runs: int) -> list[dict[str, Any]]:
    """Every explorer section, `who` section and parametrised named query, on sample nodes."""
    import pyoxigraph

    from ccm_graph import api
    from ccm_graph.query import sparql
    from ccm_graph.serve import explorer

    nodes = {}
    for kind, how in ENTITIES.items():
        found = how if how.startswith("<") else str(next(iter(graph_store.query(how)))[0])
        nodes[kind] = pyoxigraph.NamedNode(found[1:-1])
    web = explorer.EXPLORER_QUERIES
    jobs = [
        (f"explorer {kind}", name, explorer.PREFIXES + (web / f"{name}.rq").read_text(), kind)
        for kind, sections in explorer.ENTITY_SECTIONS.items()
        for _, name in [*sections, ("", "about"), ("", "kind")]
    ]
    rows = []
    for label, name, text, kind in jobs:
        node = nodes[kind]
        ours, count = p50(
            lambda text=text, node=node: sum(
                1 for _ in sparql.run(graph_store, text, {"node": node})
            ),
            runs,
        )
        constant = text.replace("$node", str(node)).replace("?node", str(node))
        own, _ = p50(
            lambda q=constant: sum(1 for _ in graph_store.query(q, prefixes=sparql.PREFIXES)), runs
        )
        rows.append({"query": f"{label}: {name}", "rows": count, "p50_ms": ours, "own_ms": own})
    param = api.read_query("area-coordinators-and-representatives")
    ours, count = p50(
        lambda: sum(1 for _ in sparql.run(graph_store, param, {"area": "clearance"})), runs
    )
    constant = param.replace("COALESCE(?area, ", 'COALESCE("clearance", ')
    own, _ = p50(lambda: sum(1 for _ in graph_store.query(constant)), runs)
    rows.append(
        {
            "query": "--param area=clearance: area-coordinators-and-representatives",
            "rows": count,
            "p50_ms": ours,
            "own_ms": own,
        }
    )
    return rows


def listings(graph_store: Any, runs: int) -> list[dict[str, Any]]:
    """Rows/s of each listing streamed to CSV and JSON, and of pyoxigraph producing them."""
    from ccm_graph import api
    from ccm_graph.query import results, sparql

    found = []
    for name in LISTINGS:
        text = api.read_query(name)
        own, count = p50(lambda text=text: sum(1 for _ in sparql.run(graph_store, text)), runs)
        timings = {}
        for output_format in (results.OutputFormat.CSV, results.OutputFormat.JSON):

            def write(chosen: results.OutputFormat = output_format, text: str = text) -> int:
                sink = io.BytesIO()
                results.write(sparql.run(graph_store, text), chosen, sink)
                return len(sink.getvalue())

            timings[str(output_format)], _ = p50(write, runs)
        found.append(
            {
                "query": name,
                "rows": count,
                "own_rows_per_s": count / (own / 1000),
                "csv_rows_per_s": count / (timings["csv"] / 1000),
                "json_rows_per_s": count / (timings["json"] / 1000),
            }
        )
    return found


def who_figures(graph: Path, runs: int) -> dict[str, Any]:
    """`who` through the API, cold and warm, and as a whole process."""
    from ccm_graph import api
    from ccm_graph.query import graph_cache

    figures: dict[str, Any] = {}
    for kind, name in WHO_NAMES.items():
        shutil.rmtree(graph_cache.folder_of(graph), ignore_errors=True)
        started = time.perf_counter()
        api.who(graph, name)
        cold = time.perf_counter() - started
        warm, _ = p50(lambda name=name: api.who(graph, name) and 1, runs)
        process = [_process([str(CLI), "who", name, "--graph", str(graph)]) for _ in range(3)]
        figures[kind] = {
            "name": name,
            "cold_s": cold,
            "warm_s": warm / 1000,
            "process_s": statistics.median(process),
        }
    return figures


def _process(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def measure_graph(graph: Path, runs: int, network_out: Path) -> dict[str, Any]:
    import pyoxigraph

    started = time.perf_counter()
    graph_store = pyoxigraph.Store()
    graph_store.bulk_load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
    read = time.perf_counter() - started
    return {
        "triples": len(graph_store),
        "read_turtle_s": read,
        "entities": entity_queries(graph_store, runs),
        "listings": listings(graph_store, runs),
        "who": who_figures(graph, runs),
        "network_s": _process([str(CLI), "network", str(graph), "--out", str(network_out)]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7, help="runs per query (median)")
    parser.add_argument("--out", type=Path, default=BENCH)
    options = parser.parse_args()
    sys.path.insert(0, str(BENCH))
    import network_benchmark

    work = Path(tempfile.mkdtemp(prefix="ccm-lookups-"))
    try:
        made = network_benchmark.generate_in_child(work, options.copies)
        lookups = {
            "copies": options.copies,
            "runs": options.runs,
            "load_average_at_start": os.getloadavg()[0],
            "graphs": {
                "1": measure_graph(Path(made["corpus"]), options.runs, work / "net-1"),
                str(options.copies): measure_graph(Path(made["big"]), options.runs, work / "net"),
            },
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    save(lookups, options.out)


def save(lookups: dict[str, Any], out: Path) -> None:
    """Into results.json beside the build figures, and results.md re-rendered from it."""
    from report import markdown

    path = out / "results.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    results.setdefault("setup", {})
    results.setdefault("scales", {})
    results["lookups"] = lookups
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(f"wrote {path} and results.md", file=sys.stderr)


if __name__ == "__main__":
    main()
