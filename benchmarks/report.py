"""benchmarks/results.md from the results run.py collected."""

from __future__ import annotations

from typing import Any

STAGES = ("ingest", "nlp", "extract", "graph", "serialize", "write")


def markdown(results: dict[str, Any]) -> str:
    scales = {int(k): v for k, v in results["scales"].items()}
    lines = [
        "# Benchmark results",
        "",
        "Written by `benchmarks/run.py` (do not edit by hand). Setup: "
        + ", ".join(f"{k} {v}" for k, v in results["setup"].items())
        + ".",
        "",
        *_targets(results),
        *_builds(scales),
        *_stages(scales),
        *_baseline(scales),
        *_turtle(scales),
        *_queries(scales),
        *_push(scales),
        *_profile(results.get("profile")),
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
