"""The layout as a checked contract: layers (import-linter, run by `make lint`), no heavy
import on `import ccm_graph`, and no dead code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def loaded_after(statement: str) -> set[str]:
    script = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout))


def test_import_ccm_graph_loads_neither_spacy_nor_networkx() -> None:
    for statement in ("import ccm_graph", "import ccm_graph.cli"):
        heavy = {"spacy", "networkx", "matplotlib", "pyshacl", "owlready2"} & loaded_after(
            statement
        )
        assert not heavy, f"{statement} loads {heavy}"
    assert "networkx" in loaded_after("from ccm_graph.analysis import networks")  # can fail


@pytest.mark.slow  # `make lint` runs it too
def test_the_layers_contract_holds() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run([str(lint)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 kept, 0 broken" in done.stdout


@pytest.mark.slow  # `make lint` runs it too
def test_no_dead_code() -> None:
    vulture = Path(sys.executable).parent / "vulture"
    done = subprocess.run([str(vulture)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
