"""The package as a user installs it: the wheel holds every file the code reads, installs into
a fresh virtual environment outside the checkout, and builds and queries the corpus there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from ccm_graph import api, errors, resources

PACKAGE_FOLDERS = ("ontology", "queries")


def top_level_files(folder: str) -> dict[str, bytes]:
    files = {path.name: path.read_bytes() for path in (ROOT / folder).iterdir() if path.is_file()}
    assert files, folder
    return files


@pytest.mark.parametrize("folder", PACKAGE_FOLDERS)
def test_the_package_folder_is_the_top_level_folder(folder: str) -> None:
    # A link, not a copy: the scorer and users read queries/, the package reads the same files.
    linked = ROOT / "ccm_graph" / folder
    assert linked.is_symlink() and linked.resolve() == (ROOT / folder).resolve()
    assert getattr(resources, f"{folder.upper()}_DIR") == linked


def test_a_missing_package_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ccm_graph.rdf import terms

    monkeypatch.setattr(terms, "REFERENCE", resources.ONTOLOGY_DIR / "gone.ttl")
    with pytest.raises(errors.InputError, match=r"gone\.ttl: a file of the ccm-graph package"):
        api.build(CORPUS / "002_c29c3796f9e283ff.txt", tmp_path / "x.ttl")


def run(command: list[str | Path], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(c) for c in command],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory):
    """(wheel, virtual environment) built from a copy of the checkout, installed with its
    dependencies into a fresh virtual environment in a folder of its own."""
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    for name in ("ccm_graph", *PACKAGE_FOLDERS):
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=_caches)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", base, source], base)
    assert built.returncode == 0, built.stderr
    wheel = next(base.glob("ccm_graph-*.whl"))
    venv = base / "venv"
    assert run([sys.executable, "-m", "venv", venv], base).returncode == 0
    pip = run([venv / "bin" / "python", "-m", "pip", "install", "-q", wheel], base)
    assert pip.returncode == 0, pip.stderr
    yield wheel, venv
    shutil.rmtree(base, ignore_errors=True)  # about 800 MB


def _caches(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name in ("__pycache__", ".pytest_cache")]


@pytest.mark.slow
@pytest.mark.parametrize("folder", PACKAGE_FOLDERS)
def test_the_wheel_ships_every_file_of_the_top_level_folder(installed, folder: str) -> None:
    wheel, _ = installed
    with zipfile.ZipFile(wheel) as archive:
        shipped = {
            Path(name).name: archive.read(name)
            for name in archive.namelist()
            if Path(name).parent == Path("ccm_graph", folder)
        }
    assert shipped == top_level_files(folder)


@pytest.mark.slow
def test_the_installed_wheel_builds_and_queries_outside_the_checkout(
    installed, tmp_path: Path
) -> None:
    _, venv = installed
    shutil.copytree(CORPUS, tmp_path / "corpus")
    where = run(
        [venv / "bin" / "python", "-c", "import ccm_graph; print(ccm_graph.__file__)"], tmp_path
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout  # not the checkout
    command = venv / "bin" / "ccm-graph"
    built = run([command, "build", "corpus", "-o", "OUT.ttl", "-q"], tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "OUT.ttl").stat().st_size > 100_000
    answer = run([command, "query", "OUT.ttl", "meetings", "-f", "csv"], tmp_path)
    assert answer.returncode == 0, answer.stderr
    rows = answer.stdout.splitlines()
    assert rows[0] == "doc,type,date,msp" and len(rows) > 5
    script = "import ccm_graph; print(len(ccm_graph.query('OUT.ttl', 'coordinators')[1]))"
    assert int(run([venv / "bin" / "python", "-c", script], tmp_path).stdout) > 10


@pytest.mark.slow
def test_the_installed_package_names_a_file_missing_from_it(installed, tmp_path: Path) -> None:
    _, venv = installed
    found = run(
        [venv / "bin" / "python", "-c", "import ccm_graph.resources as r; print(r.ONTOLOGY_DIR)"],
        tmp_path,
    )
    reference = Path(found.stdout.strip()) / "reference.ttl"
    kept = reference.read_bytes()
    reference.unlink()
    try:
        shutil.copytree(CORPUS, tmp_path / "corpus")
        result = run([venv / "bin" / "ccm-graph", "build", "corpus", "-o", "OUT.ttl"], tmp_path)
    finally:
        reference.write_bytes(kept)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {reference}: {errors.MISSING_PACKAGE_FILE}"
    ]
