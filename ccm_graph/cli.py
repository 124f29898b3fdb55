"""The `ccm-graph` command: build the graph, query it, ask who works on what."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress as ProgressBar
from rich.progress import TextColumn
from rich.table import Table

from ccm_graph import api, errors
from ccm_graph.analysis import networks as analysis
from ccm_graph.ingest import ingest
from ccm_graph.pipeline import BuildOptions, BuildResult, FileReport, Progress, Status, write_report
from ccm_graph.pipeline import report as build_report
from ccm_graph.rdf import store

app = typer.Typer(
    help="The knowledge graph of the Convention on Cluster Munitions.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
DEFAULT_CORPUS = Path("corpus")
DEFAULT_GRAPH = Path("build/ccm.ttl")


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@app.command()
def build(
    source: Annotated[Path, typer.Argument(help="A document or a folder of documents.")] = (
        DEFAULT_CORPUS
    ),
    output: Annotated[Path, typer.Option("--output", "-o", help="Turtle file to write.")] = (
        DEFAULT_GRAPH
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit non-zero when a file could not be used or the graph violates the shapes.",
        ),
    ] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: cores].")
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", help="Per-document cache [default: cache/ beside the output]."),
    ] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Extract every file anew.")] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Build report [default: report.json beside the output]."),
    ] = None,
    max_file_mb: Annotated[
        float, typer.Option("--max-file-mb", min=0.001, help="Skip files larger than this.")
    ] = ingest.DEFAULT_MAX_BYTES / 1024 / 1024,
    no_validate: Annotated[
        bool, typer.Option("--no-validate", help="Skip the SHACL validation of the graph.")
    ] = False,
) -> None:
    """Read the documents, extract the facts, write the graph as Turtle and a build report."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    options = BuildOptions(
        jobs=jobs,
        cache_dir=None if no_cache else (cache_dir or output.parent / "cache"),
        max_bytes=int(max_file_mb * 1024 * 1024),
        validate=not no_validate,
    )
    try:
        with _progress(quiet) as on_file:
            result = api.build(source, output, options, on_file)
        write_report(result, report or output.parent / "report.json", source, output)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    except KeyboardInterrupt as error:
        console.print(f"[red]interrupted[/red]: {output} is left as it was")
        raise typer.Exit(130) from error
    _print_files(result, quiet)
    if not quiet:
        print_summary(output)
    # A violation is reported loudly; the graph stays written, because one odd fact must not
    # cost a researcher the rest of the record. --strict makes it (and bad files) an error.
    valid = _build_is_valid(result, quiet)
    if not valid:
        console.print(f"[bold red]{output} violates the SHACL shapes[/bold red] (see above)")
    if strict and (result.problems or not valid):
        raise typer.Exit(1)


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress | None]:
    """A progress bar on a terminal; nothing when quiet or when output goes to a file."""
    if quiet or not console.is_terminal:
        yield None
        return
    columns = (*ProgressBar.get_default_columns(), TextColumn("{task.fields[last]}"))
    with ProgressBar(*columns, console=console, transient=True) as progress:
        task = progress.add_task("building", total=None, last="")

        def advance(report: FileReport) -> None:
            progress.update(task, advance=1, last=Path(report.path).name)

        yield advance


def _print_files(result: BuildResult, quiet: bool) -> None:
    """One line per file that was skipped, failed or warned about; then the totals."""
    for report in result.files:
        if report.status is not Status.OK or report.warnings or report.reason:
            console.print(report.line(), markup=False, highlight=False, soft_wrap=True)
    if quiet:
        return
    totals = build_report(result, Path("."))["totals"]
    repairs = ", ".join(f"{r['written']}→{r['state']}" for r in totals["ocr_repairs"]) or "none"
    console.print(
        f"{totals['files']} files: {totals['ok']} ok ({totals['from_cache']} from cache), "
        f"{totals['skipped']} skipped, {totals['failed']} failed; {totals['facts']} facts; "
        f"OCR slips repaired: {repairs}; {result.seconds:.1f} s",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


def print_summary(graph_path: Path) -> None:
    """What a user wants to see first: the counts, then who works on what."""
    graph = store.open_store(graph_path)
    _, counts = store.select(graph, api.read_query("summary"))
    table = Table(title=f"{graph_path}", show_header=True)
    table.add_column("what")
    table.add_column("how many", justify="right")
    order = ["documents", "meetings recorded", "States", "organizations", "people"]
    for row in sorted(
        counts,
        key=lambda r: (
            str(r["what"]) not in order,
            order.index(str(r["what"])) if str(r["what"]) in order else 0,
            str(r["what"]),
        ),
    ):
        table.add_row(str(row["what"]), str(row["count"]))
    console.print(table)
    _, rows = store.select(graph, api.read_query("who-works-on-what"))
    who = Table(title="Who works on what: coordinator mandates by thematic area, with years")
    who.add_column("thematic area")
    who.add_column("coordinators (years)")
    holders: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        years = year_span(str(row["years"] or ""))
        label = f"{row['actor_name']} ({years})" if years else str(row["actor_name"])
        holders.setdefault(str(row["area_name"]), []).append((years or "9999", label))
    for area, names in sorted(holders.items()):
        who.add_row(area, ", ".join(label for _, label in sorted(names)))
    console.print(who)


def year_span(years: str) -> str:
    """'2018 2016 2017' -> '2016–2018'; gaps kept: '2012 2016' -> '2012, 2016'."""
    numbers = sorted({int(y) for y in years.split() if y.isdigit()})
    runs: list[list[int]] = []
    for year in numbers:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


@app.command()
def query(
    graph: Annotated[
        Path,
        typer.Argument(help="Turtle graph (e.g. build/ccm.ttl), or a store made by `load`."),
    ],
    query_name: Annotated[
        str,
        typer.Argument(help="A name from queries/ (e.g. coordinators), a .rq file or SPARQL text."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, csv or json.")
    ] = OutputFormat.TABLE,
) -> None:
    """Run a named SPARQL query (or a query file) on the graph."""
    try:
        source = store.open_disk_store(graph) if store.is_disk_store(graph) else graph
        variables, rows = api.query(source, query_name)
    except (errors.CcmGraphError, FileNotFoundError, SyntaxError, ValueError) as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    write_rows(variables, rows, output_format)


def write_rows(variables: list[str], rows: list[store.Row], output_format: OutputFormat) -> None:
    if output_format is OutputFormat.JSON:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format is OutputFormat.CSV:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=variables, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*variables)
        for row in rows:
            table.add_row(*("" if row[v] is None else str(row[v]) for v in variables))
        console.print(table)


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A State, organization or person, as written.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Turtle graph.")] = DEFAULT_GRAPH,
) -> None:
    """What an actor or a person works on: areas, years, meetings, roles."""
    try:
        profile = api.who(graph, name)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"[bold]{profile['label']}[/bold] ({profile['iri']})")
    for section, rows in profile["sections"].items():
        if not rows:
            continue
        table = Table(*rows[0].keys(), title=section)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        console.print(table)


@app.command()
def network(
    graph: Annotated[
        Path, typer.Argument(help="Turtle graph, or a folder of documents to build first.")
    ] = DEFAULT_GRAPH,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "build/network"
    ),
) -> None:
    """Who works with whom: network tables (CSV), Gephi files, PNG figures, an HTML page."""
    try:
        report = analysis.network(analysis.open_source(graph), out)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    for line in analysis.summary_lines(report):
        console.print(line, highlight=False)


@app.command()
def serve(
    graph: Annotated[
        Path, typer.Argument(help="Turtle graph; built from corpus/ when missing.")
    ] = DEFAULT_GRAPH,
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 serves other hosts.")] = (
        "127.0.0.1"
    ),
    allow_federation: Annotated[
        bool, typer.Option(help="Allow SERVICE: lets visitors make the server fetch URLs.")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 10.0,
    max_rows: Annotated[int, typer.Option(help="Most rows (or triples) in one answer.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 2,
    corpus: Annotated[Path, typer.Option(help="Documents, for full-text source views.")] = (
        DEFAULT_CORPUS
    ),
) -> None:
    """Serve SPARQL 1.1 at /sparql and the web explorer at / (Ctrl-C stops)."""
    from ccm_graph.serve import app as server  # starlette/uvicorn load only for this command

    config = server.ServeConfig(
        graph, host, port, allow_federation, timeout, max_rows, workers, corpus
    )
    try:
        server.ensure_graph(graph, corpus)
        console.print(f"Serving {graph} at http://{host}:{port}/ (SPARQL: /sparql)")
        server.serve(config)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error


# --- publishing: reason, validate, export (issue 7) ----------------------------------------


def _build_is_valid(result: BuildResult, quiet: bool) -> bool:
    """Print what the build's validation found (checked per document as it went)."""
    if result.validation is None:
        return True
    from ccm_graph.publish import validate

    if result.validation.results or not quiet:
        console.print(validate.report_text(result.validation), markup=False, highlight=False)
    return result.validation.conforms


def _graph_is_valid(graph: Path, quiet: bool = False) -> bool:
    """Validate a graph file against ontology/shapes.ttl; print the violations."""
    from ccm_graph.publish import (
        ontology,  # pySHACL loads only when validating
        validate,
    )

    try:
        report = validate.validate(ontology.read_graph(graph))
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    if report.results or not quiet:
        console.print(validate.report_text(report), markup=False, highlight=False)
    return report.conforms


@app.command("validate")
def validate_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph.")] = DEFAULT_GRAPH,
) -> None:
    """Check the graph against the SHACL shapes; list the violations by shape."""
    if not _graph_is_valid(graph):
        raise typer.Exit(1)


@app.command("reason")
def reason_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph.")] = DEFAULT_GRAPH,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="TriG file for the inferred named graph."),
    ] = None,
) -> None:
    """Run HermiT (OWL): report inconsistencies, write the inferred facts to their own graph."""
    from ccm_graph.publish import reason  # owlready2 loads only when reasoning

    output = output or graph.with_name(f"{graph.stem}-inferred.trig")
    try:
        result = reason.reason_file(graph, output)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    for line in reason.summary_lines(result, output if result.consistent else None):
        console.print(line, markup=False, highlight=False)
    if not result.consistent:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph.")] = DEFAULT_GRAPH,
    export_format: Annotated[
        str, typer.Option("--format", "-f", help="ttl, trig, nq or jsonld.")
    ] = "trig",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    no_reason: Annotated[
        bool, typer.Option("--no-reason", help="Leave out the inferred graph (no Java).")
    ] = False,
    issued: Annotated[
        str | None, typer.Option(help="Dataset date, YYYY-MM-DD [default: newest meeting].")
    ] = None,
    sparql_endpoint: Annotated[
        str | None, typer.Option(help="URL of the SPARQL endpoint serving the dataset.")
    ] = None,
) -> None:
    """Write the dataset: a named graph per document, ontology, inferred facts, DCAT/VoID."""
    from ccm_graph.publish import export, ontology, reason

    try:
        chosen = export.ExportFormat(export_format)
        inferred = None if no_reason else reason.reason(ontology.read_graph(graph))
        if inferred is not None and not inferred.consistent:
            raise errors.CcmGraphError(f"{graph}: inconsistent; run `ccm-graph reason {graph}`")
        options = export.ExportOptions(
            inferred=inferred.inferred if inferred else None,
            issued=issued,
            sparql_endpoint=sparql_endpoint,
        )
        target = output or graph.with_suffix(f".export.{chosen}")
        dataset = export.export_file(graph, target, chosen, options)
    except ValueError as error:
        console.print(f"[red]error[/red] unknown format {export_format!r}: ttl, trig, nq, jsonld")
        raise typer.Exit(2) from error
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    graphs = list(dataset.graphs())
    quads = sum(len(g) for g in graphs)
    console.print(f"wrote {target}: {quads} quads in {len(graphs)} graphs", highlight=False)


@app.command("load")
def load_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph (e.g. build/ccm.ttl).")],
    store_dir: Annotated[Path, typer.Option("--store", help="Folder of the on-disk store.")],
) -> None:
    """Load the graph into an on-disk Oxigraph store: `query STORE ...` then opens at once."""
    try:
        count = store.load_disk_store(graph, store_dir)
    except (OSError, SyntaxError, ValueError) as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    console.print(f"loaded {count} triples into {store_dir}", highlight=False)


@app.command("push")
def push_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph (e.g. build/ccm.ttl).")],
    endpoint: Annotated[
        str, typer.Option(help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
    ],
    graph_iri: Annotated[
        str | None, typer.Option("--graph", help="Start of the graph names (IRI).")
    ] = None,
    auth: Annotated[str | None, typer.Option(help="user:password for HTTP basic auth.")] = None,
) -> None:
    """Upload to a SPARQL store, one named graph per document (re-push replaces)."""
    from ccm_graph.publish import push  # httpx loads only for this command

    credentials = None
    if auth is not None:
        user, colon, password = auth.partition(":")
        if not colon:
            console.print("[red]error[/red] --auth takes user:password")
            raise typer.Exit(2)
        credentials = (user, password)
    try:
        report = push.push(graph, endpoint, graph_iri, credentials)
    except (errors.CcmGraphError, OSError, SyntaxError) as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    console.print(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs to {endpoint} "
        f"({report.seconds:.1f} s); deleted {len(report.deleted)} stale graphs",
        highlight=False,
    )
