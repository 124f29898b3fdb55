"""Every mistake a user can make on the command line gets one line naming the file, value or
option and what to do, and exit status 2: never a traceback (issues 14 and 17)."""

from __future__ import annotations

import importlib.metadata
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS
from typer.testing import CliRunner

from ccm_graph.cli import app
from ccm_graph.rdf import store

runner = CliRunner()


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory, corpus_graph: Path) -> dict[str, Path]:
    """Files and folders the mistakes point at."""
    root = tmp_path_factory.mktemp("mistakes")
    (root / "folder").mkdir()
    (root / "empty-corpus").mkdir()
    (root / "a-file").write_text("not a folder\n")
    (root / "notes.ttl").write_text("Dear colleagues, the minutes follow.\n")
    stored = root / "store"
    store.load_disk_store(corpus_graph, stored)
    return {"root": root, "graph": corpus_graph, "store": stored}


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


# (arguments, the words the one line must hold). GRAPH, ROOT and STORE are replaced by the
# corpus graph, the folder of odd files and an on-disk store made by `ccm-graph load`.
MISTAKES = [
    (["build", "ROOT/nowhere", "-o", "ROOT/x.ttl"], ["nowhere", "no such file or folder"]),
    (["build", "ROOT/empty-corpus", "-o", "ROOT/x.ttl"], ["empty-corpus", "no documents"]),
    (["build", str(CORPUS), "-o", "ROOT/folder"], ["--output", "folder", "is a folder"]),
    (["build", str(CORPUS), "-o", "ROOT/a-file/x.ttl"], ["--output", "a-file is a file"]),
    (["build", str(CORPUS), "-o", "ROOT/x.ttl", "--report", "ROOT/folder"], ["--report"]),
    (["build", str(CORPUS), "-o", "ROOT/x.ttl", "--cache-dir", "ROOT/a-file"], ["--cache-dir"]),
    (["build", str(CORPUS), "-o", "/proc/ccm/x.ttl"], ["--output", "cannot be written"]),
    (["build", str(CORPUS), "-o", "ROOT/x.ttl", "--cache-dir", "/proc/c"], ["--cache-dir"]),
    (["build", "--jobs", "0"], ["--jobs", "0 is not a number of worker processes"]),
    (["build", "--max-file-mb", "-5"], ["--max-file-mb", "-5 is not a size"]),
    (["query", "ROOT/missing.ttl", "meetings"], ["missing.ttl", "no such graph file"]),
    (["query", "ROOT/notes.ttl", "meetings"], ["notes.ttl", "not an RDF graph"]),
    (["query", "ROOT/folder", "meetings"], ["folder", "a folder, not a graph file"]),
    (["query", "GRAPH", "no-such-query"], ["unknown query 'no-such-query'", "named queries"]),
    (["query", "GRAPH", "SELECT ?x WHERE { ?x"], ["not valid SPARQL"]),
    (["query", "GRAPH", "meetings", "-f", "xml"], ["--format", "xml"]),
    (["who", "Chile", "--graph", "ROOT/notes.ttl"], ["notes.ttl", "not an RDF graph"]),
    (["who", "Chile", "--graph", "ROOT/missing.ttl"], ["missing.ttl", "ccm-graph build"]),
    (["serve", "ROOT/typo.ttl"], ["typo.ttl", "no such graph file", "serve --build"]),
    (["who", "Chile", "--graph", "STORE"], ["store", "made by `ccm-graph load`"]),
    (["serve", "ROOT/notes.ttl", "--port", "99999"], ["--port", "99999 is not a TCP port"]),
    (["serve", "--port", "-1"], ["--port", "-1 is not a TCP port"]),
    (["serve", "--timeout", "-1"], ["--timeout", "-1 is not a time limit"]),
    (["serve", "--timeout", "0"], ["--timeout", "0 is not a time limit"]),
    (["serve", "--workers", "0"], ["--workers"]),
    (["serve", "--max-rows", "0"], ["--max-rows"]),
    (["serve", "--build", "--corpus", "ROOT/nowhere"], ["--corpus", "nowhere"]),
    (["serve", "--prot", "80"], ["no such option", "--prot"]),
    (["push", "GRAPH", "--endpoint", "http://127.0.0.1:9/store", "--graph", "x y"], ["--graph"]),
    (["push", "GRAPH", "--endpoint", "localhost:7878"], ["--endpoint", "not an http(s) URL"]),
    (["push", "GRAPH", "--endpoint", "http://127.0.0.1:9/", "--auth", "secret"], ["--auth"]),
    (["export", "GRAPH", "--issued", "yesterday"], ["--issued", "'yesterday' is not a date"]),
    (["export", "GRAPH", "--issued", "2024-02-30"], ["--issued", "YYYY-MM-DD"]),
    (["export", "GRAPH", "-f", "xml"], ["--format", "'xml' is not one of 'ttl', 'trig'"]),
    (["export", "GRAPH", "-o", "ROOT/folder", "--no-reason"], ["--output", "is a folder"]),
    (["export", "GRAPH", "--sparql-endpoint", "my server", "--no-reason"], ["--sparql-endpoint"]),
    (["reason", "GRAPH", "-o", "ROOT/folder"], ["--output", "is a folder"]),
    (["reason", "ROOT/missing.ttl"], ["missing.ttl", "no such graph file"]),
    (["validate", "ROOT/notes.ttl"], ["notes.ttl", "not valid RDF"]),
    (["load", "ROOT/missing.ttl", "--store", "ROOT/s"], ["missing.ttl", "no such graph file"]),
    (["load", "GRAPH", "--store", "ROOT/a-file"], ["--store", "is a file"]),
    (["load", "GRAPH", "--store", "ROOT"], ["not an Oxigraph store, and not empty"]),
    (["network", "ROOT/missing.ttl", "-o", "ROOT/net"], ["missing.ttl", "no such graph file"]),
    (["network", "GRAPH", "-o", "ROOT/a-file"], ["--out", "is a file"]),
    (["network", "GRAPH", "-o", "/proc/net"], ["--out", "cannot be written"]),
    (["frobnicate"], ["no such command 'frobnicate'"]),
]


def _arguments(arguments: list[str], places: dict[str, Path]) -> list[str]:
    return [
        str(places["graph"])
        if a == "GRAPH"
        else str(places["store"])
        if a == "STORE"
        else a.replace("ROOT", str(places["root"]))
        for a in arguments
    ]


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("error: "), output
    assert "Traceback" not in output
    return lines[0]


@pytest.mark.parametrize(("arguments", "words"), MISTAKES, ids=lambda v: " ".join(v)[:60])
def test_a_mistake_gets_one_line_and_exit_status_2(
    arguments: list[str], words: list[str], places: dict[str, Path]
) -> None:
    result = runner.invoke(app, _arguments(arguments, places))
    assert result.exit_code == 2, result.output
    line = one_error_line(result.output)
    for word in words:
        assert word in line, line


def test_a_port_in_use_is_named_before_the_server_starts(
    places: dict[str, Path], taken_port: int
) -> None:
    result = runner.invoke(app, ["serve", str(places["graph"]), "--port", str(taken_port)])
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert f"127.0.0.1:{taken_port}" in line and "choose another --host or --port" in line


def test_serve_never_builds_into_a_missing_file(places: dict[str, Path]) -> None:
    typo = places["root"] / "typo.ttl"
    runner.invoke(app, ["serve", str(typo)])
    assert not typo.exists()


def test_a_password_is_never_echoed(places: dict[str, Path]) -> None:
    arguments = ["push", str(places["graph"]), "--endpoint", "http://127.0.0.1:9/"]
    result = runner.invoke(app, [*arguments, "--auth", "hunter2"])
    assert "hunter2" not in result.output


def test_version_is_the_installed_distributions() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"ccm-graph {importlib.metadata.version('ccm-graph')}"


def test_no_arguments_show_the_commands() -> None:
    result = runner.invoke(app, [])
    assert "build" in result.output and "who" in result.output and "Traceback" not in result.output


def test_every_error_is_a_ccm_graph_error() -> None:
    from ccm_graph import errors
    from ccm_graph.publish import push, reason
    from ccm_graph.serve import protocol as serve

    for kind in (serve.QueryError, push.PushError, reason.ReasoningError):
        assert issubclass(kind, errors.CcmGraphError), kind
    refused = serve.QueryError(400, "read-only")
    assert (refused.status, refused.message, str(refused)) == (400, "read-only", "read-only")


def test_no_message_in_the_table_spans_lines() -> None:
    from ccm_graph import errors

    messages = {n: v for n, v in vars(errors).items() if n.isupper() and isinstance(v, str)}
    assert len(messages) > 40
    assert not [name for name, text in messages.items() if "\n" in text]


def test_a_store_that_is_not_running_is_one_line(places: dict[str, Path]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    arguments = ["push", str(places["graph"]), "--endpoint", f"http://127.0.0.1:{port}/store"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "is the store running?" in one_error_line(result.output)


def test_a_dependency_missing_from_the_environment_is_one_line(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = places["root"] / "one-document"
    source.mkdir()
    (source / "minutes.txt").write_text("Present:\nPeru\nChile\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "pyshacl_turbo", None)  # an environment made before it
    output = places["root"] / "one.ttl"
    result = runner.invoke(app, ["build", str(source), "-o", str(output), "-j", "1", "--no-cache"])
    line = one_error_line(result.output)
    assert "'pyshacl_turbo' is not installed" in line and "make setup" in line
    assert result.exit_code == 2
