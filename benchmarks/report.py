"""benchmarks/results.md from the results run.py collected."""

from __future__ import annotations

from typing import Any

STAGES = ("ingest", "nlp", "extract", "graph", "serialize", "write")


def markdown(results: dict[str, Any]) -> str:
    scales = {int(k): v for k, v in results["scales"].items()}
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` and `benchmarks/lookups.py` (do not edit by hand). "
        "Setup: " + ", ".join(f"{k} {v}" for k, v in results["setup"].items()) + ".",
        "",
        *_targets(results),
        *_builds(scales),
        *_stages(scales),
        *_baseline(scales),
        *_turtle(scales),
        *_queries(scales),
        *_push(scales),
        *_profile(results.get("profile")),
        *_lookups(results.get("lookups")),
    ]
    return "\n".join(lines) + "\n"


def _targets(results: dict[str, Any]) -> list[str]:
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for check in results.get("targets", []):
        lines.append(
            f"| {check['target']} | {check['shown']} | {'yes' if check['met'] else 'NO'} |"
        )
    return [*lines, ""]


def _builds(scales: dict[int, Any]) -> list[str]:
    lines = [
        "## Build (streaming: extract per document in workers, Turtle written per document)",
        "",
        "| scale | documents | MB | words | facts | triples | wall s | words/s "
        "| tokenizer-only words/s | ratio | s per M words | peak MB (main + workers) "
        "| words/CPU-s build / tokenizer (ratio) |",
        "|" + "---|" * 13,
    ]
    for scale, r in sorted(scales.items()):
        s = r.get("stream", {})
        if "words" not in r:
            lines.append(f"| {scale}x | failed: {s.get('error', '?')} |" + " |" * 10)
            continue
        triples = r.get("oxigraph", {}).get("triples", s["triples_written"])
        lines.append(
            f"| {scale}x | {s['documents']:,} | {r['corpus']['bytes'] / 1e6:,.1f} | {r['words']:,} "
            f"| {s['facts']:,} | {triples:,} | {s['wall_seconds']:,.1f} "
            f"| {r['build_words_per_s']:,.0f} | {r['tokenizer_words_per_s']:,.0f} "
            f"| {r['throughput_ratio']:.2f} | {r['seconds_per_mword']:,.1f} "
            f"| {r['peak_memory_mb']:,.0f} ({s['peak_rss_main_mb']:,.0f} + {r['jobs']} x "
            f"{s['peak_rss_worker_mb']:,.0f}) | {r['build_words_per_cpu_s']:,.0f} / "
            f"{r['tokenizer_words_per_cpu_s']:,.0f} ({r['throughput_ratio_cpu']:.3f}) |"
        )
    return [*lines, ""]


def _stages(scales: dict[int, Any]) -> list[str]:
    lines = [
        "### Time per stage (seconds, summed over the worker processes; write is the main "
        "process appending chunks)",
        "",
        "| scale | " + " | ".join(STAGES) + " | share nlp / extract / graph+serialize |",
        "|" + "---|" * (len(STAGES) + 2),
    ]
    for scale, r in sorted(scales.items()):
        stages = r.get("stream", {}).get("stage_seconds")
        if not stages:
            continue
        total = sum(stages.values()) or 1.0
        share = (
            f"{stages['nlp'] / total:.0%} / {stages['extract'] / total:.0%} / "
            f"{(stages['graph'] + stages['serialize']) / total:.0%}"
        )
        cells = " | ".join(f"{stages.get(k, 0):,.1f}" for k in STAGES)
        lines.append(f"| {scale}x | {cells} | {share} |")
    return [*lines, ""]


def _baseline(scales: dict[int, Any]) -> list[str]:
    lines = [
        "## Current build path, for comparison (`pipeline.extract_all` + `graph.build_graph` + "
        "`store.save`; one rdflib Graph in memory)",
        "",
        "| scale | triples | extract s | build_graph s | save s (Oxigraph writer) "
        "| rdflib writer s | wall s | words/s | peak MB |",
        "|" + "---|" * 9,
    ]
    for scale, r in sorted(scales.items()):
        b = r.get("baseline")
        if not b or "stage_seconds" not in b:
            continue
        st = b["stage_seconds"]
        lines.append(
            f"| {scale}x | {b['triples']:,} | {st['ingest+nlp+extract']:,.1f} | {st['graph']:,.1f} "
            f"| {st['serialize']:,.1f} | {st['serialize_rdflib']:,.1f} | {b['wall_seconds']:,.1f} "
            f"| {b.get('words_per_s', 0):,.0f} | {b.get('peak_memory_mb', 0):,.0f} |"
        )
    return [*lines, ""]


def _turtle(scales: dict[int, Any]) -> list[str]:
    lines = [
        "## Turtle write and read",
        "",
        "| scale | Turtle MB | write s (graph + serialize + write, summed) | read s pyoxigraph "
        "| read s rdflib | load into on-disk store s | on-disk store MB |",
        "|" + "---|" * 7,
    ]
    for scale, r in sorted(scales.items()):
        s = r.get("stream", {})
        if "stage_seconds" not in s:
            continue
        st = s["stage_seconds"]
        write = st["graph"] + st["serialize"] + st["write"]
        ox = r.get("oxigraph", {}).get("load_seconds")
        rd = r.get("rdflib", {}).get("load_seconds")
        disk = r.get("disk", {})
        lines.append(
            f"| {scale}x | {s['turtle_bytes'] / 1e6:,.1f} | {write:,.1f} | {_num(ox)} | {_num(rd)} "
            f"| {_num(disk.get('load_into_disk_store_seconds'))} "
            f"| {_num(disk.get('disk_bytes', 0) / 1e6 if disk.get('disk_bytes') else None)} |"
        )
    return [*lines, ""]


def _queries(scales: dict[int, Any]) -> list[str]:
    names = sorted({q for r in scales.values() for q in r.get("oxigraph", {}).get("queries", {})})
    if not names:
        return []
    ordered = sorted(scales)
    rdflib_scales = [s for s in ordered if "queries" in scales[s].get("rdflib", {})]
    compare = rdflib_scales[-1] if rdflib_scales else None
    largest = ordered[-1]
    header = [f"oxigraph p50 / p99 ms {s}x" for s in ordered]
    header.append(f"on-disk p50 ms {largest}x")
    header.append(f"first page (LIMIT 100) p50 ms {largest}x")
    if compare is not None:
        header += [f"rdflib p50 / p99 ms {compare}x", f"ratio rdflib/oxigraph p50 {compare}x"]
    lines = [
        "## Queries (every file in queries/; p50 / p99 over repeated runs after one warm-up)",
        "",
        "Default query path: `ccm-graph query GRAPH.ttl` = pyoxigraph in memory. On-disk: the "
        "store made by `ccm-graph load`, opened read-only.",
        "",
        "| query | rows " + "".join(f"| {h} " for h in header) + "|",
        "|" + "---|" * (len(header) + 2),
    ]
    for name in names:
        ox = scales[largest].get("oxigraph", {}).get("queries", {}).get(name, {})
        cells = [
            _latency(scales[s].get("oxigraph", {}).get("queries", {}).get(name)) for s in ordered
        ]
        disk = scales[largest].get("disk", {}).get("queries", {}).get(name, {})
        cells.append(_num(disk.get("p50_ms")))
        page = scales[largest].get("oxigraph", {}).get("first_page", {}).get(name, {})
        cells.append(_num(page.get("p50_ms")))
        if compare is not None:
            rd = scales[compare]["rdflib"]["queries"].get(name, {})
            base = scales[compare].get("oxigraph", {}).get("queries", {}).get(name, {})
            cells.append(_latency(rd))
            if "p50_ms" in rd and base.get("p50_ms"):
                cells.append(f"{rd['p50_ms'] / base['p50_ms']:,.0f}x")
            elif "timeout_s" in rd:
                cells.append(f"> {rd['timeout_s'] * 1000 / max(base.get('p50_ms', 1), 1e-3):,.0f}x")
            else:
                cells.append("-")
        lines.append(f"| {name} | {ox.get('rows', '-')} " + "".join(f"| {c} " for c in cells) + "|")
    return [*lines, ""]


def _push(scales: dict[int, Any]) -> list[str]:
    rows = [(s, r["push"]) for s, r in sorted(scales.items()) if "push" in r]
    if not rows:
        return []
    lines = [
        "## Push to an Oxigraph server (Graph Store Protocol, one named graph per document)",
        "",
        "| scale | graphs | triples sent | first push s | re-push s "
        "| quads in server after re-push |",
        "|---|---|---|---|---|---|",
    ]
    for scale, p in rows:
        if "error" in p:
            lines.append(f"| {scale}x | {p['error']} | | | | |")
            continue
        lines.append(
            f"| {scale}x | {p['graphs']:,} | {p['triples_sent']:,} "
            f"| {p['first_push_seconds']:,.1f} | {p['re_push_seconds']:,.1f} "
            f"| {p['quads_in_server_after_re_push']:,} |"
        )
    return [*lines, ""]


def _profile(profile: dict[str, Any] | None) -> list[str]:
    if not profile or "top" not in profile:
        return []
    lines = [
        f"## Where the time goes (cProfile, {profile['documents']} documents of the "
        f"{profile['scale']}x corpus, one process, {profile['seconds']:.1f} s; "
        "full listing: benchmarks/profile.txt)",
        "",
        "| function (own time) | s | share |",
        "|---|---|---|",
    ]
    for row in profile["top"][:20]:
        lines.append(f"| `{row['function']}` | {row['own_seconds']:.2f} | {row['share']:.1%} |")
    return [*lines, ""]


def _latency(value: dict[str, Any] | None) -> str:
    if not value:
        return "-"
    if "timeout_s" in value:
        return f"> {value['timeout_s']:.0f} s (cut off)"
    if "error" in value:
        return "error"
    return f"{value['p50_ms']:,.1f} / {value['p99_ms']:,.1f}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


# --- lookups and queries on a built graph (benchmarks/lookups.py) ---------------------------


def _lookups(lookups: dict[str, Any] | None) -> list[str]:
    if not lookups:
        return []
    graphs = {int(k): v for k, v in lookups["graphs"].items()}
    big = max(graphs)
    lines = [
        f"## Lookups and queries on a built graph (`benchmarks/lookups.py`: the corpus graph "
        f"and {big} copies of it; {lookups['runs']} runs each, p50; load average at start "
        f"{lookups['load_average_at_start']:.2f})",
        "",
        "### Targets",
        "",
        "| target | measured (limit beside it) | met |",
        "|---|---|---|",
        *_lookup_targets(graphs, big),
        "",
        "### `who`",
        "",
        "| graph | triples | lookup | `ccm_graph.who()` warm s | first lookup s (makes the "
        "cache) | whole `ccm-graph who` process s | read the Turtle s (what the cache spares) |",
        "|---|---|---|---|---|---|---|",
    ]
    for scale, graph in sorted(graphs.items()):
        for figures in graph["who"].values():
            lines.append(
                f"| {scale}x | {graph['triples']:,} | {figures['name']} | {figures['warm_s']:.3f} "
                f"| {figures['cold_s']:.2f} | {figures['process_s']:.2f} "
                f"| {graph['read_turtle_s']:.2f} |"
            )
    lines += [
        "",
        "### Entity and parametrised queries (`query.sparql.run`, node bound as a term)",
        "",
        f"| query | rows 1x | p50 ms 1x | rows {big}x | p50 ms {big}x | pyoxigraph's own "
        f"p50 ms {big}x (node as a constant) | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    small = {row["query"]: row for row in graphs[min(graphs)]["entities"]}
    for row in graphs[big]["entities"]:
        one = small.get(row["query"], {})
        lines.append(
            f"| {row['query']} | {one.get('rows', '-')} | {one.get('p50_ms', 0):,.1f} "
            f"| {row['rows']:,} | {row['p50_ms']:,.1f} | {row['own_ms']:,.1f} "
            f"| {row['p50_ms'] / max(row['own_ms'], 1e-3):.2f} |"
        )
    lines += [
        "",
        f"### Listings streamed ({big}x; rows/s, whole query and writing included)",
        "",
        "| query | rows | to CSV rows/s | to JSON rows/s | pyoxigraph's own rows/s (the limit) |",
        "|---|---|---|---|---|",
    ]
    for row in graphs[big]["listings"]:
        lines.append(
            f"| {row['query']} | {row['rows']:,} | {row['csv_rows_per_s']:,.0f} "
            f"| {row['json_rows_per_s']:,.0f} | {row['own_rows_per_s']:,.0f} |"
        )
    lines += [
        "",
        "### `ccm-graph network` (whole process)",
        "",
        "| graph | triples | s | read the Turtle s |",
        "|---|---|---|---|",
    ]
    for scale, graph in sorted(graphs.items()):
        lines.append(
            f"| {scale}x | {graph['triples']:,} | {graph['network_s']:.1f} "
            f"| {graph['read_turtle_s']:.2f} |"
        )
    return [*lines, ""]


def _lookup_targets(graphs: dict[int, Any], big: int) -> list[str]:
    from lookups import TARGETS

    lines = []
    for scale, graph in sorted(graphs.items()):
        limit = TARGETS["who_api_s"].get(scale, TARGETS["who_api_s"][100])
        slowest = max(graph["who"].values(), key=lambda f: f["warm_s"])
        lines.append(
            _target_line(
                f"`ccm_graph.who()` < {limit} s ({scale}x)",
                f"{slowest['warm_s']:.3f} s ({slowest['name']}); reading the Turtle alone: "
                f"{graph['read_turtle_s']:.2f} s",
                slowest["warm_s"] < limit,
            )
        )
        process = max(f["process_s"] for f in graph["who"].values())
        lines.append(
            _target_line(
                f"whole `ccm-graph who NAME` process < {TARGETS['who_process_s']} s ({scale}x)",
                f"{process:.2f} s",
                process < TARGETS["who_process_s"],
            )
        )
    entities = graphs[big]["entities"]
    worst = max(entities, key=lambda row: row["p50_ms"])
    lines.append(
        _target_line(
            f"every entity and parametrised query p50 < {TARGETS['entity_p50_ms']:.0f} ms ({big}x)",
            f"slowest: {worst['query']} {worst['p50_ms']:.1f} ms (pyoxigraph's own, node as a "
            f"constant: {worst['own_ms']:.1f} ms); "
            f"{sum(r['p50_ms'] < TARGETS['entity_p50_ms'] for r in entities)} of "
            f"{len(entities)} under",
            worst["p50_ms"] < TARGETS["entity_p50_ms"],
        )
    )
    listings = graphs[big]["listings"]
    slow = min(listings, key=lambda row: min(row["csv_rows_per_s"], row["json_rows_per_s"]))
    rate = min(slow["csv_rows_per_s"], slow["json_rows_per_s"])
    lines.append(
        _target_line(
            f"listings stream >= {TARGETS['stream_rows_per_s']:,} rows/s to CSV and JSON ({big}x)",
            f"slowest: {slow['query']} {rate:,.0f} rows/s (pyoxigraph's own: "
            f"{slow['own_rows_per_s']:,.0f} rows/s)",
            rate >= TARGETS["stream_rows_per_s"],
        )
    )
    network = graphs[big]["network_s"]
    lines.append(
        _target_line(
            f"`ccm-graph network` < {TARGETS['network_s']:.0f} s ({big}x)",
            f"{network:.1f} s (reading the Turtle: {graphs[big]['read_turtle_s']:.2f} s)",
            network < TARGETS["network_s"],
        )
    )
    return lines


def _target_line(target: str, shown: str, met: bool) -> str:
    return f"| {target} | {shown} | {'yes' if met else 'NO'} |"
