"""The build rows of the benchmark: `ccm-graph build` as users run it, against its limit.

    .venv/bin/python benchmarks/build_rows.py --scales 1 10 100

For each scale (1x is corpus/ itself; larger ones are made by `synth.py`), in one run:
- the limit: a whole process that runs `spacy.blank("en")`'s tokenizer over the same text,
  one paragraph per Doc (the fast path), wall and CPU seconds;
- the default build (`ccm-graph build CORPUS -o OUT --no-cache`, validation included), wall
  and CPU seconds, peak memory of the whole process tree (sampled), and the share of the
  build spent validating (the build report's per-stage seconds);
- the levers one at a time: the same build without validation (`--no-validate`), with one
  job (`-j 1`), and the whole-graph validation with pySHACL that the build used before
  (`ccm-graph validate OUT`);
- `ccm-graph --help`, the cost of starting the command.

Every measurement is a separate process. Writes benchmarks/build-results.json and .md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import synth

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
TARGET_RATIO = 0.2  # default build words/s over the tokenizer-only process
TARGET_MEMORY_MB = 1024
TARGET_VALIDATION_SHARE = 0.10
TOKENIZE = """
import sys, time
from pathlib import Path
started = time.perf_counter()
import spacy
from ccm_graph.nlp.tokenizer import chunks  # the paragraphs the build feeds spaCy
tokenizer = spacy.blank("en")
tokens = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    text = path.read_text(encoding="utf-8")
    tokens += sum(len(doc) for doc in tokenizer.pipe(chunks(text)))
print(tokens)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--out", type=Path, default=BENCH)
    parser.add_argument("--levers-max", type=int, default=100, help="largest scale of levers")
    parser.add_argument("--report-only", action="store_true", help="rewrite the .md from .json")
    args = parser.parse_args()
    if args.report_only:
        results = json.loads((args.out / "build-results.json").read_text("utf-8"))
        for row in results["scales"].values():
            summarize(row)
        write(results, args.out)
        return
    results: dict[str, Any] = {"setup": setup(), "scales": {}}
    results["help"] = timed([str(BIN / "ccm-graph"), "--help"])
    for scale in sorted(args.scales):
        log(f"== {scale}x")
        results["scales"][str(scale)] = run_scale(scale, args)
        write(results, args.out)
    log(f"wrote {args.out / 'build-results.md'}")


def setup() -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg()[0],
    }


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_scale(scale: int, args: argparse.Namespace) -> dict[str, Any]:
    corpus = ROOT / "corpus"
    if scale > 1:
        corpus = args.work / f"corpus-{scale}x"
        synth.generate(ROOT / "corpus", corpus, scale)
    texts = sorted(corpus.glob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in texts)
    out = args.work / f"build-{scale}x" / "ccm.ttl"
    shutil.rmtree(out.parent, ignore_errors=True)
    row: dict[str, Any] = {"documents": len(texts), "words": words}
    log("tokenizer-only process")
    row["tokenizer"] = timed([sys.executable, "-c", TOKENIZE, str(corpus)])
    build = [str(BIN / "ccm-graph"), "build", str(corpus), "-o", str(out), "--no-cache", "-q"]
    log("default build")
    row["build"] = timed(build)
    row["build"]["report"] = json.loads((out.parent / "report.json").read_text("utf-8"))
    row["build"]["report"].pop("files", None)
    if scale <= args.levers_max:
        log("lever: no validation")
        row["no_validate"] = timed([*build, "--no-validate"])
        log("lever: one job")
        row["one_job"] = timed([*build, "-j", "1"])
        log("lever: whole-graph pySHACL (the previous validation)")
        row["pyshacl"] = timed([str(BIN / "ccm-graph"), "validate", str(out)], allowed=(0, 1))
    summarize(row)
    if scale > 1:
        shutil.rmtree(corpus, ignore_errors=True)
    return row


def timed(
    command: list[str],
    allowed: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
) -> dict[str, Any]:
    """Wall and CPU seconds of a command (its whole process tree), and its peak memory.

    The build's workers are children of a forkserver that the command does not wait for,
    so their CPU time never reaches RUSAGE_CHILDREN: it is sampled from /proc instead (the
    last reading of each process; at most one sampling interval of a process is missed)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = _PeakSampler(process.pid)
    peak.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    peak.stop()
    result = {"wall_seconds": wall, "cpu_seconds": peak.cpu_seconds, "peak_mb": peak.peak_mb}
    result["exit_code"] = process.returncode
    if process.returncode not in allowed:
        raise RuntimeError(f"{command[:3]} exited {process.returncode}: {stderr.decode()[-2000:]}")
    return result


class _PeakSampler(threading.Thread):
    """Samples the resident memory and CPU time of a process and all its descendants
    (Linux /proc): the peak of the summed memory, the sum of each process's CPU time."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self.cpu: dict[int, float] = {}
        self._done = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def run(self) -> None:
        while not self._done.wait(0.05):
            rss, cpu = _tree(self.pid)
            self.peak_mb = max(self.peak_mb, rss)
            self.cpu.update(cpu)

    def stop(self) -> None:
        self._done.set()
        self.join()


TICKS = os.sysconf("SC_CLK_TCK")


def _tree(root: int) -> tuple[float, dict[int, float]]:
    """The summed resident MB of `root` and its descendants, and each one's CPU seconds."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat[1])
        cpu[pid] = (int(stat[11]) + int(stat[12])) / TICKS
        line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
        rss[pid] = int(line.split()[1])
    tree, changed = {root}, True
    while changed:
        grown = {pid for pid, parent in parents.items() if parent in tree} | tree
        changed, tree = grown != tree, grown
    return sum(rss.get(p, 0) for p in tree) / 1024, {p: cpu[p] for p in tree if p in cpu}


def summarize(row: dict[str, Any]) -> None:
    words, build, limit = row["words"], row["build"], row["tokenizer"]
    row["ratio_wall"] = (words / build["wall_seconds"]) / (words / limit["wall_seconds"])
    row["ratio_cpu"] = (words / build["cpu_seconds"]) / (words / limit["cpu_seconds"])
    seconds = dict(build["report"].get("seconds", {}))
    seconds.pop("total", None)
    validation = seconds.get("validate_documents", 0.0) + seconds.get("validate_shared", 0.0)
    row["validation_seconds"] = validation
    # The stages are timed inside the workers (wall clock, so a busy machine stretches them
    # all alike): validation's share of all the stages' time.
    row["validation_share"] = validation / sum(seconds.values()) if seconds else None
    # The same share from the lever: the CPU the build saves without validation.
    no_validate = row.get("no_validate")
    if no_validate:
        row["validation_share_lever"] = 1 - no_validate["cpu_seconds"] / build["cpu_seconds"]


def write(results: dict[str, Any], out: Path) -> None:
    (out / "build-results.json").write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    (out / "build-results.md").write_text(markdown(results), "utf-8")


def markdown(results: dict[str, Any]) -> str:
    setup_ = results["setup"]
    lines = [
        "# Build benchmark (`benchmarks/build_rows.py`, do not edit by hand)",
        "",
        f"{setup_['date']}, commit {setup_['commit']}, python {setup_['python']}, "
        f"{setup_['cpus']} cpus, load average at start {setup_['load_average_at_start']:.2f}. "
        "All figures of one table come from one run.",
        "",
        f"`ccm-graph --help`: {results['help']['wall_seconds']:.2f} s wall.",
        "",
        "| scale | docs | words | tokenizer-only process s (wall / CPU) | default build s "
        "(wall / CPU) | ratio wall | ratio CPU | peak MB (tree) | validation s (in workers) | "
        "validation share of the stages | validation share by the lever (CPU) | "
        "no-validate build s (wall / CPU) | -j 1 build s (wall) | pySHACL whole graph s (wall) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for scale, row in results["scales"].items():
        build, limit = row["build"], row["tokenizer"]
        no_validate, one_job, pyshacl = (
            row.get("no_validate"),
            row.get("one_job"),
            row.get("pyshacl"),
        )
        lines.append(
            f"| {scale}x | {row['documents']} | {row['words']:,} | "
            f"{limit['wall_seconds']:.1f} / {limit['cpu_seconds']:.1f} | "
            f"{build['wall_seconds']:.1f} / {build['cpu_seconds']:.1f} | "
            f"{row['ratio_wall']:.3f} | {row['ratio_cpu']:.3f} | {build['peak_mb']:,.0f} | "
            f"{row['validation_seconds']:.1f} | {_pct(row['validation_share'])} | "
            f"{_pct(row.get('validation_share_lever'))} | "
            f"{_pair(no_validate)} | {_one(one_job)} | {_one(pyshacl)} |"
        )
    lines += [
        "",
        f"Targets: ratio >= {TARGET_RATIO} at 100x, peak < {TARGET_MEMORY_MB} MB at 100x, "
        f"validation < {TARGET_VALIDATION_SHARE:.0%} of the build at 100x.",
        "",
    ]
    for scale, row in results["scales"].items():
        seconds = row["build"]["report"].get("seconds", {})
        stages = ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())
        lines.append(f"- {scale}x stages (s, summed over workers): {stages}")
    return "\n".join(lines) + "\n"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _pair(measured: dict[str, Any] | None) -> str:
    if not measured:
        return "-"
    return f"{measured['wall_seconds']:.1f} / {measured['cpu_seconds']:.1f}"


def _one(measured: dict[str, Any] | None) -> str:
    return "-" if not measured else f"{measured['wall_seconds']:.1f}"


if __name__ == "__main__":
    main()
