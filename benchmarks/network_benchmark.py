"""Time and peak memory of `ccm-graph network` on a graph 100 times the bundled corpus.

How the big graph is made, from the real documents:
1. the bundled corpus is built into a graph (`ccm_graph.api.build`, as `ccm-graph build`);
2. the graph is copied N times: in copy k every document, fact (with its evidence) and
   meeting IRI gets the prefix `rKKK-` (id:document/r007-000_..., id:fact/r007-000_.../...,
   id:meeting/r007-cc-2018-11-08), the document identifiers likewise, and every xsd:date
   and xsd:gYear is shifted by k years, so the copies are distinct meetings in later years
   (per-year slices grow with N, as they would with a longer record). States,
   organizations, people, areas, articles and code lists are shared, written once;
3. the copies are written as N-Triples (a subset of Turtle, so `ccm-graph network` reads
   the file as it reads build/ccm.ttl).

Then `ccm-graph network BIG --out DIR` (and `ccm-graph who`) run as child processes; wall
time comes from the clock, peak memory from the child's own rusage (maximum resident set).
The graph is generated in a child process too: Linux counts the memory a child inherits at
fork in its peak, so the measuring process stays small (standard library only).

    .venv/bin/python benchmarks/network_benchmark.py            # 100 copies, 1 run each
    .venv/bin/python benchmarks/network_benchmark.py --copies 10 --runs 3 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyoxigraph

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/ccm-graph/id/"
COPIED = tuple(f"{ID}{kind}/" for kind in ("document", "fact", "meeting"))
IDENTIFIER = "http://purl.org/dc/terms/identifier"
XSD = "http://www.w3.org/2001/XMLSchema#"
CLI = Path(sys.executable).parent / "ccm-graph"


def renamed(term: pyoxigraph.NamedNode, copy: int) -> pyoxigraph.NamedNode:
    import pyoxigraph

    for prefix in COPIED:
        if term.value.startswith(prefix):
            return pyoxigraph.NamedNode(f"{prefix}r{copy:03d}-{term.value[len(prefix) :]}")
    return term


def shifted(literal: pyoxigraph.Literal, years: int) -> pyoxigraph.Literal:
    """The same date or year, `years` later (29 February becomes the 28th)."""
    import pyoxigraph

    datatype = literal.datatype.value if literal.datatype else ""
    if datatype == XSD + "gYear":
        return pyoxigraph.Literal(str(int(literal.value) + years), datatype=literal.datatype)
    if datatype == XSD + "date":
        year, month, day = literal.value[:10].split("-")
        day = "28" if (month, day) == ("02", "29") else day
        value = f"{int(year) + years}-{month}-{day}"
        return pyoxigraph.Literal(value, datatype=literal.datatype)
    return literal


def copy_of(triple: pyoxigraph.Triple, copy: int) -> pyoxigraph.Triple:
    import pyoxigraph

    subject = renamed(triple.subject, copy)
    target = triple.object
    if isinstance(target, pyoxigraph.NamedNode):
        target = renamed(target, copy)
    elif isinstance(target, pyoxigraph.Literal):
        target = shifted(target, copy)
        if triple.predicate.value == IDENTIFIER and subject.value.startswith(COPIED[0]):
            target = pyoxigraph.Literal(f"r{copy:03d}-{target.value}")
    return pyoxigraph.Triple(subject, triple.predicate, target)


def replicated(source: Path, copies: int) -> Iterator[pyoxigraph.Triple]:
    import pyoxigraph

    triples = list(pyoxigraph.parse(path=str(source), format=pyoxigraph.RdfFormat.TURTLE))
    shared = [t for t in triples if not t.subject.value.startswith(COPIED)]
    own = [t for t in triples if t.subject.value.startswith(COPIED)]
    yield from shared
    for copy in range(copies):
        yield from (copy_of(triple, copy) for triple in own)


def make_graph(workdir: Path, copies: int) -> tuple[Path, Path, int]:
    """Build the corpus once, write it and its N-fold replica; return paths and triple count."""
    import pyoxigraph

    from ccm_graph import api

    corpus_graph = workdir / "corpus.ttl"
    api.build(ROOT / "corpus", corpus_graph)
    big = workdir / f"corpus-x{copies}.ttl"
    triples = list(replicated(corpus_graph, copies))
    pyoxigraph.serialize(triples, str(big), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return corpus_graph, big, len(triples)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as quiet:
        pid = os.posix_spawn(
            command[0],
            command,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, quiet.fileno(), 1),
            ],
        )
        _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports kilobytes


def run(graph: Path, out: Path, runs: int) -> dict[str, float]:
    network = [measure([str(CLI), "network", str(graph), "--out", str(out)]) for _ in range(runs)]
    who = [measure([str(CLI), "who", "Zambia", "--graph", str(graph)]) for _ in range(runs)]
    return {
        "network_seconds": round(statistics.median(t for t, _ in network), 2),
        "network_peak_mb": round(max(m for _, m in network), 1),
        "who_seconds": round(statistics.median(t for t, _ in who), 2),
        "who_peak_mb": round(max(m for _, m in who), 1),
    }


def network_sizes(out: Path) -> dict[str, int]:
    """Nodes per network, counted from the measures table the command wrote."""
    counts: dict[str, int] = {}
    lines = (out / "tables" / "measures.csv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        name = line.split(",", 1)[0]
        counts[name] = counts.get(name, 0) + 1
    return counts


def generate_in_child(workdir: Path, copies: int) -> dict:
    """Run `make_graph` in a child process; its answer comes back as JSON on stdout."""
    command = [sys.executable, __file__, "--generate", str(workdir), "--copies", str(copies)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="how many copies of the corpus")
    parser.add_argument("--runs", type=int, default=1, help="runs per command (median time)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--generate", type=Path, help=argparse.SUPPRESS)  # the child's job
    options = parser.parse_args()
    if options.generate:
        corpus_graph, big, triples = make_graph(options.generate, options.copies)
        print(json.dumps({"corpus": str(corpus_graph), "big": str(big), "triples": triples}))
        return
    workdir = Path(tempfile.mkdtemp(prefix="ccm-network-bench-"))
    try:
        made = generate_in_child(workdir, options.copies)
        results = {
            "copies": options.copies,
            "triples": made["triples"],
            "corpus": run(Path(made["corpus"]), workdir / "out-corpus", options.runs),
            "big": run(Path(made["big"]), workdir / "out-big", options.runs),
            "big_nodes": network_sizes(workdir / "out-big"),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    text = json.dumps(results, indent=2)
    print(text)
    if options.json:
        options.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
