"""The `ccm-graph` command: build the graph, query it, ask who works on what."""

from __future__ import annotations

import csv
import io
import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ccm_graph import api, errors, store

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
        bool, typer.Option("--strict", help="Exit non-zero when any file could not be used.")
    ] = False,
) -> None:
    """Read the documents, extract the facts, write the graph as Turtle."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        result = api.build(source, output)
    except errors.CcmGraphError as error:
        console.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    for problem in result.problems:
        console.print(f"[yellow]skipped[/yellow] {problem.path}: {problem.problem}")
    if not quiet:
        print_summary(output)
    if strict and result.problems:
        raise typer.Exit(1)


def print_summary(graph_path: Path) -> None:
    """What a user wants to see first: the counts, then who works on what."""
    graph = store.open_store(graph_path)
    _, counts = store.select(graph, api.read_query("summary"))
    table = Table(title=f"{graph_path}", show_header=True)
    table.add_column("what")
    table.add_column("how many", justify="right")
    for row in counts:
        table.add_row(str(row["what"]), str(row["count"]))
    console.print(table)
    _, rows = store.select(graph, api.read_query("who-works-on-what"))
    who = Table(title="Who works on what (coordinator mandates)")
    for column in ("area", "actor", "years", "documents"):
        who.add_column(column)
    for row in rows:
        who.add_row(
            str(row["area_name"]),
            f"{row['actor_name']} ({row['actor']})",
            str(row["years"] or ""),
            str(row["documents"]),
        )
    console.print(who)


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="Turtle graph (e.g. build/ccm.ttl).")],
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
        variables, rows = api.query(graph, query_name)
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
