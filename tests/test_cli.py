"""The `ccm-graph` command as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from ccm_graph.cli import app

runner = CliRunner()


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
