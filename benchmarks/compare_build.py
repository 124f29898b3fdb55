"""This tree against an earlier commit, in one run: extraction CPU and whole builds.

    .venv/bin/python benchmarks/compare_build.py --ref 0e20e63 --scale 10

The earlier commit is checked out into a temporary `git worktree` (removed afterwards). Both
trees run with this interpreter (the same installed packages), each through PYTHONPATH, on
the same synthetic corpus (`synth.py`, `--scale` times the bundled one). The measurements
alternate old and new, `--runs` times each, so a load that comes and goes falls on both;
each figure is the median of its runs:
- extraction: CPU seconds of `ccm_graph.pipeline.extract_text` over every document, in one
  process per run (documents read and the spaCy pipeline built before the clock starts);
- `ccm-graph build CORPUS -o OUT --no-cache -j 1`, wall and CPU seconds of the process
  tree, with validation (the default) and with `--no-validate`.

Writes benchmarks/compare-results.json and .md, with the ratios new / old.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import build_rows
import synth

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
TREES = ("old", "new")
EXTRACT = """
import json, resource, sys, time
from pathlib import Path
import ccm_graph
from ccm_graph.ingest.ingest import read_document
from ccm_graph.nlp.pipeline import pipeline
from ccm_graph.pipeline import extract_text
pipeline()
documents = [read_document(p) for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
cpu, wall = resource.getrusage(resource.RUSAGE_SELF).ru_utime, time.perf_counter()
facts = sum(len(extract_text(document).facts) for document in documents)
print(json.dumps({
    "cpu_seconds": resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu,
    "wall_seconds": time.perf_counter() - wall,
    "facts": facts,
    "package": ccm_graph.__file__,
}))
"""
BUILDS = {"build": [], "build_no_validate": ["--no-validate"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", default="0e20e63", help="the earlier commit (default 0e20e63)")
    parser.add_argument("--scale", type=int, default=10, help="corpus size, times the bundled")
    parser.add_argument("--runs", type=int, default=3, help="runs of each tree per measure")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "compare")
    parser.add_argument("--out", type=Path, default=BENCH)
    parser.add_argument("--report-only", action="store_true", help="rewrite the .md from .json")
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((args.out / "compare-results.json").read_text("utf-8"))
        write(results, args.out)
        return
    old_commit = git("rev-parse", "--short", args.ref)
    if not old_commit:
        sys.exit(f"error: {args.ref!r} is no commit of this repository; name one with --ref")
    shutil.rmtree(args.work, ignore_errors=True)
    corpus = corpus_at(args.scale, args.work)
    texts = sorted(corpus.glob("*.txt"))
    results: dict[str, Any] = {
        "setup": setup(args, old_commit),
        "corpus": {
            "scale": args.scale,
            "documents": len(texts),
            "words": sum(len(p.read_text(encoding="utf-8").split()) for p in texts),
        },
    }
    with worktree(old_commit) as old_tree:
        trees = {"old": old_tree, "new": ROOT}
        results["measures"] = measure(trees, corpus, args)
    summarize(results)
    write(results, args.out)
    shutil.rmtree(args.work, ignore_errors=True)
    build_rows.log(f"wrote {args.out / 'compare-results.md'}")


def git(*arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else ""


def setup(args: argparse.Namespace, old_commit: str) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "old": old_commit,
        "new": git("rev-parse", "--short", "HEAD"),
        "new_is_modified": bool(git("status", "--porcelain", "--untracked-files=no")),
        "runs": args.runs,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
    }


def corpus_at(scale: int, work: Path) -> Path:
    if scale <= 1:
        return ROOT / "corpus"
    corpus = work / f"corpus-{scale}x"
    build_rows.log(f"making a {scale}x corpus in {corpus}")
    synth.generate(ROOT / "corpus", corpus, scale)
    return corpus


@contextmanager
def worktree(commit: str) -> Iterator[Path]:
    """A detached checkout of `commit` in a temporary directory, removed afterwards."""
    parent = Path(tempfile.mkdtemp(prefix="ccm-compare-"))
    tree = parent / commit
    done = subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), commit],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        shutil.rmtree(parent, ignore_errors=True)
        sys.exit(f"error: cannot check out {commit}: {done.stderr.strip()}")
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT)
        shutil.rmtree(parent, ignore_errors=True)


def measure(trees: dict[str, Path], corpus: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Every measure of both trees, old and new alternating run by run."""
    measures: dict[str, Any] = {"extraction": {tree: [] for tree in TREES}}
    for name in BUILDS:
        measures[name] = {tree: [] for tree in TREES}
    for run in range(1, args.runs + 1):
        for tree in TREES:
            build_rows.log(f"run {run}: extraction, {tree}")
            measures["extraction"][tree].append(extraction(trees[tree], corpus))
    for name, options in BUILDS.items():
        for run in range(1, args.runs + 1):
            for tree in TREES:
                build_rows.log(f"run {run}: {name}, {tree}")
                out = args.work / f"{name}-{tree}" / "ccm.ttl"
                shutil.rmtree(out.parent, ignore_errors=True)
                command = [str(BIN / "ccm-graph"), "build", str(corpus), "-o", str(out)]
                command += ["--no-cache", "-j", "1", "-q", *options]
                measures[name][tree].append(
                    build_rows.timed(command, env=environment(trees[tree]), cwd=trees[tree])
                )
    return measures


def environment(tree: Path) -> dict[str, str]:
    """This process's environment with `tree` first on the import path."""
    return {**os.environ, "PYTHONPATH": str(tree)}


def extraction(tree: Path, corpus: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", EXTRACT, str(corpus)],
        cwd=tree,
        env=environment(tree),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"extraction in {tree} exited {done.returncode}: {done.stderr[-2000:]}")
    measured: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(measured["package"]).is_relative_to(tree):
        raise RuntimeError(f"extraction imported {measured['package']}, not the one in {tree}")
    return measured


def summarize(results: dict[str, Any]) -> None:
    """Medians of each measure and tree, and their ratios new / old."""
    summary: dict[str, Any] = {}
    for name, runs in results["measures"].items():
        row: dict[str, Any] = {}
        for key in ("cpu_seconds", "wall_seconds"):
            medians = {tree: statistics.median(r[key] for r in runs[tree]) for tree in TREES}
            row[key] = {**medians, "ratio": medians["new"] / medians["old"]}
        if name == "extraction":
            row["facts"] = {tree: runs[tree][0]["facts"] for tree in TREES}
        summary[name] = row
    results["summary"] = summary


def write(results: dict[str, Any], out: Path) -> None:
    (out / "compare-results.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    (out / "compare-results.md").write_text(markdown(results), "utf-8")


LABELS = {
    "extraction": "extraction in one process (`extract_text` over every document)",
    "build": "`ccm-graph build --no-cache -j 1` (validation included)",
    "build_no_validate": "`ccm-graph build --no-cache -j 1 --no-validate`",
}


def markdown(results: dict[str, Any]) -> str:
    setup_, corpus = results["setup"], results["corpus"]
    modified = " (with uncommitted changes)" if setup_["new_is_modified"] else ""
    lines = [
        "# This tree against an earlier commit (`benchmarks/compare_build.py`, do not edit by "
        "hand)",
        "",
        f"{setup_['date']}: old = {setup_['old']}, new = {setup_['new']}{modified}; python "
        f"{setup_['python']}, {setup_['cpus']} cpus, load average at start "
        f"{setup_['load_average_at_start']:.2f}. Corpus: {corpus['scale']}x, "
        f"{corpus['documents']} documents, {corpus['words']:,} words. One run, old and new "
        f"alternating; medians of {setup_['runs']} runs each.",
        "",
        "| measure | old CPU s | new CPU s | CPU new/old | old wall s | new wall s | "
        "wall new/old |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in results["summary"].items():
        cpu, wall = row["cpu_seconds"], row["wall_seconds"]
        lines.append(
            f"| {LABELS.get(name, name)} | {cpu['old']:.2f} | {cpu['new']:.2f} | "
            f"{cpu['ratio']:.3f} | {wall['old']:.2f} | {wall['new']:.2f} | {wall['ratio']:.3f} |"
        )
    facts = results["summary"]["extraction"]["facts"]
    lines += ["", f"Facts extracted: old {facts['old']:,}, new {facts['new']:,}.", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
