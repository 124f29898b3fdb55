"""The `ccm-graph` command as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from ccm_graph.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_build_prints_counts_and_who_works_on_what(tmp_path: Path) -> None:
    output = tmp_path / "ccm.ttl"
    result = runner.invoke(app, ["build", str(CORPUS), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.stat().st_size > 10_000
    assert "documents" in result.output and "coordinator mandates" in result.output
    assert "Who works on what" in result.output and "Victim Assistance" in result.output


def test_query_by_name_as_json_and_csv(corpus_graph: Path) -> None:
    result = runner.invoke(app, ["query", str(corpus_graph), "presidencies", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {"msp": 9, "actor": "LKA", "person": "Aliyar Lebbe Abdul Azeez"} in json.loads(
        result.output
    )
    csv_result = runner.invoke(app, ["query", str(corpus_graph), "meetings", "-f", "csv"])
    assert csv_result.output.splitlines()[0] == "doc,type,date,msp"


def test_query_text_and_errors(corpus_graph: Path) -> None:
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/ccm-graph/ontology#State> }"
    result = runner.invoke(app, ["query", str(corpus_graph), text, "-f", "json"])
    assert json.loads(result.output)[0]["n"] > 20
    unknown = runner.invoke(app, ["query", str(corpus_graph), "no-such-query"])
    assert unknown.exit_code == 2 and "named queries" in unknown.output
    broken = runner.invoke(app, ["query", str(corpus_graph), "SELECT ?x WHERE { ?x"])
    assert broken.exit_code == 2


def test_who_names_a_person_and_their_actors(corpus_graph: Path) -> None:
    result = runner.invoke(app, ["who", "Pamela Moraga", "--graph", str(corpus_graph)])
    assert result.exit_code == 0, result.output
    assert "CHL" in result.output and "ISU" in result.output


def test_build_of_a_missing_folder_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = runner.invoke(app, ["build", str(missing), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code != 0
    assert "nowhere" in result.output


@pytest.mark.slow
def test_shape_violations_are_loud_and_fail_only_a_strict_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccm_graph import cli

    monkeypatch.setattr(cli, "_build_is_valid", lambda result, quiet=False: False)
    output = tmp_path / "ccm.ttl"
    lenient = runner.invoke(app, ["build", str(CORPUS), "-o", str(output), "-q"])
    assert lenient.exit_code == 0 and "SHACL shapes" in lenient.output
    assert output.stat().st_size > 10_000  # the graph is still written
    strict = runner.invoke(app, ["build", str(CORPUS), "-o", str(output), "-q", "--strict"])
    assert strict.exit_code == 1


def test_output_into_a_pipe_is_never_wrapped(
    corpus_graph: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "30")  # a narrow terminal would wrap; a pipe must not
    result = runner.invoke(app, ["query", str(corpus_graph), "who-works-on-what"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "area_name" in line)
    assert "actor_name" in header and "years" in header  # every column on the one line
    assert "Victim Assistance" in result.output  # a cell is never cut inside its words


def test_a_long_message_stays_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    missing = tmp_path / ("a-long-folder-name-" * 8) / "nowhere"
    result = runner.invoke(app, ["build", str(missing), "-o", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2
    assert f"{missing}: no such file or folder" in result.output.splitlines()[0]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_build_builds_the_graph_then_serves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccm_graph.serve import app as server

    served = []
    monkeypatch.setattr(server, "serve", served.append)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "record.txt").write_bytes((CORPUS / "002_c29c3796f9e283ff.txt").read_bytes())
    graph = tmp_path / "out" / "ccm.ttl"
    arguments = ["serve", str(graph), "--corpus", str(corpus), "--port", str(free_port())]
    refused = runner.invoke(app, arguments)
    assert refused.exit_code == 2 and not graph.exists() and served == []
    result = runner.invoke(app, [*arguments, "--build"])
    assert result.exit_code == 0, result.output
    assert graph.stat().st_size > 1000
    assert [config.graph for config in served] == [graph]


@pytest.mark.slow
def test_export_shows_its_stages_on_a_terminal(
    corpus_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    from ccm_graph import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "out", lambda: Console(file=screen, force_terminal=True, width=100))
    target = tmp_path / "out.nq"
    arguments = ["export", str(corpus_graph), "-f", "nq", "-o", str(target), "--no-reason"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert f"writing {target} and its catalog" in screen.getvalue()
    monkeypatch.undo()
    piped = runner.invoke(app, arguments)  # into a pipe: the result lines only
    assert [line.split(":")[0] for line in piped.output.splitlines()] == [
        f"wrote {target}",
        f"wrote {target.with_name('out.catalog.ttl')}",
    ]


def test_help_and_version_load_nothing_heavy() -> None:
    import subprocess
    import sys

    script = (
        "import sys; from ccm_graph.cli import app; import ccm_graph; "
        "print(' '.join(m for m in ('spacy', 'networkx', 'owlready2', 'rdflib', 'starlette') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.strip() == ""


def test_brackets_in_the_data_are_printed_not_read_as_markup(corpus_graph: Path) -> None:
    text = 'SELECT ?quote WHERE { BIND("as written [sic], [bold]not bold[/bold] [/]" AS ?quote) }'
    result = runner.invoke(app, ["query", str(corpus_graph), text])
    assert result.exit_code == 0, result.output
    assert "as written [sic], [bold]not bold[/bold] [/]" in result.output
