"""Golden graphs: each corpus document's graph (and the shared one) compared as graphs with
the committed one in tests/golden/, showing what is only in the expected graph and what is
only in the built one. A meant change is recorded with scripts/make_golden.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

sys.path.insert(0, str(ROOT / "scripts"))
import make_golden

pytestmark = pytest.mark.slow
GOLDEN = Path(__file__).parent / "golden"
EXPECTED = sorted(GOLDEN.glob("*.ttl"))
SHOWN = 15


def test_there_is_a_golden_graph_per_document_and_a_shared_one() -> None:
    names = {path.stem for path in EXPECTED}
    assert names == {path.stem for path in CORPUS.glob("*.txt")} | {"shared"}


@pytest.fixture(scope="module")
def built(corpus_graph: Path) -> dict[str, bytes]:
    return make_golden.split_graphs(corpus_graph)


def difference(expected: bytes, actual: bytes) -> str:
    """'' when the graphs are isomorphic, else what is only on each side (the first lines)."""
    first, second = (
        to_isomorphic(Graph().parse(data=d, format="turtle")) for d in (expected, actual)
    )
    if first == second:
        return ""
    _, only_expected, only_actual = graph_diff(first, second)
    lines = []
    for title, part in (("only in expected", only_expected), ("only in actual", only_actual)):
        triples = sorted(part.serialize(format="nt").splitlines())
        lines.append(f"{title} ({len(triples)} triples):")
        lines += [f"  {t}" for t in triples[:SHOWN]] + (["  ..."] if len(triples) > SHOWN else [])
    return "\n".join(lines)


@pytest.mark.parametrize("golden", EXPECTED, ids=lambda path: path.stem)
def test_the_build_gives_the_golden_graph(golden: Path, built: dict[str, bytes]) -> None:
    assert golden.stem in built, f"the build has no graph {golden.stem}"
    found = difference(golden.read_bytes(), built[golden.stem])
    assert not found, (
        f"{golden.name} differs from the build:\n{found}\n"
        f"If the change is meant: {make_golden.COMMAND}, then read git diff tests/golden/"
    )


def test_a_changed_fact_is_shown_on_both_sides() -> None:
    expected = EXPECTED[0].read_bytes()
    changed = expected.replace(b"attendance-status/present", b"attendance-status/absent", 1)
    assert changed != expected
    found = difference(expected, changed)
    assert "only in expected (1 triples)" in found and "only in actual (1 triples)" in found
