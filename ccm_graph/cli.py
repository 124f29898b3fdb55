"""The `ccm-graph` command: build the graph, query it, ask who works on what.

Commands only check their options and call a plain function (spaCy's CLI habit). Heavy
modules (spaCy, networkx, owlready2, starlette) load inside the command that needs them,
so that `--help` and `--version` answer at once. Every mistake reaches one handler
(`Commands.main`): one line on stderr naming the file, value or option, and exit status 2.
Output into a pipe or a file is never wrapped: scripts and logs read whole lines.
"""

from __future__ import annotations

import datetime
import logging
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer._click import exceptions as usage_errors  # typer's own copy of click
from typer.core import TyperGroup

import ccm_graph
from ccm_graph import errors
from ccm_graph.publish.formats import ExportFormat

if TYPE_CHECKING:
    from ccm_graph.pipeline import BuildResult, FileReport, Progress

DEFAULT_CORPUS = Path("corpus")
DEFAULT_GRAPH = Path("build/ccm.ttl")
# Wide enough that no line of a table or message is ever cut when the output is not a terminal.
UNWRAPPED_WIDTH = 100_000


# --- the one error handler ------------------------------------------------------------------


class Commands(TyperGroup):
    """Typer's command group, with every error reported on one line (exit status 2)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except usage_errors.NoArgsIsHelpError as error:  # `ccm-graph` alone: the help
            typer.echo(error.format_message())
            code = 0
        except usage_errors.ClickException as error:  # an unknown option, a value out of range, ...
            code = fail(usage_message(error), error.exit_code)
        except errors.CcmGraphError as error:
            code = fail(str(error), error.exit_code)
        except typer.Abort:
            code = fail("interrupted", 130)
        except ModuleNotFoundError as error:  # an environment older than pyproject.toml
            code = fail(
                f"the package '{error.name}' is not installed in this environment: run "
                "`make setup` (or `pip install -e .`) to install ccm-graph's dependencies",
                2,
            )
        except OSError as error:  # disk full, permission denied: the system's words, one line
            where = f"{error.filename}: " if error.filename else ""
            code = fail(f"{where}{error.strerror or error}", 2)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def usage_message(error: usage_errors.ClickException) -> str:
    """Click's message for a bad command line, and where to read how it should look."""
    # typer checks values with pydantic, whose messages start "Value error, ".
    message = error.format_message().rstrip(".").replace("Value error, ", "")
    context = getattr(error, "ctx", None)
    if context is None:
        return message
    message = message[:1].lower() + message[1:]
    path = context.command_path
    return f"{path}: {message} (see `{path} --help`)"


def fail(message: str, code: int) -> int:
    """Print `message` as one line on stderr; return the exit status."""
    text = " ".join(str(message).split())
    typer.echo(f"{typer.style('error', fg='red')}: {text}", err=True)
    return code


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"ccm-graph {ccm_graph.__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="ccm-graph",
    cls=Commands,
    help="The knowledge graph of the Convention on Cluster Munitions.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """The knowledge graph of the Convention on Cluster Munitions."""


# --- output ---------------------------------------------------------------------------------


def out() -> Console:
    """Rich output on stdout: fitted to a terminal; never wrapped into a pipe or a file."""
    if sys.stdout.isatty():
        return Console()
    return Console(soft_wrap=True, width=UNWRAPPED_WIDTH)


def cell(value: object) -> Text:
    """A value from the graph as table text: brackets in it are text, never Rich markup."""
    return Text("" if value is None else str(value))


def say(text: str) -> None:
    """One plain line on stdout (no markup, no highlighting)."""
    out().print(text, markup=False, highlight=False)


@contextmanager
def stage(message: str) -> Iterator[Callable[[str], None]]:
    """A spinner with `message` and the time elapsed on a terminal; silent otherwise.

    Yields a function that replaces the message when the work moves on.
    """
    console = out()
    if not console.is_terminal:
        yield lambda _: None
        return
    started = time.monotonic()
    with console.status(message) as status:

        def update(text: str) -> None:
            status.update(f"{text} ({time.monotonic() - started:.0f} s so far)")

        yield update


# --- checks shared by the commands ----------------------------------------------------------


def graph_file(path: Path, stores: bool = False) -> Path:
    """A graph file that exists; with `stores`, also an on-disk store made by `load`."""
    from ccm_graph.rdf import store

    if store.is_disk_store(path):
        if stores:
            return path
        raise errors.InputError(path, errors.GRAPH_IS_STORE)
    if path.is_dir():
        raise errors.InputError(path, errors.GRAPH_IS_FOLDER)
    if not path.exists():
        raise errors.InputError(path, errors.NO_GRAPH)
    return path


def output_file(path: Path, option: str, example: str) -> Path:
    """A file `option` may write: not a folder, in a folder that can be written."""
    if path.is_dir():
        raise errors.OptionError(option, path, errors.OUTPUT_IS_FOLDER.format(example=example))
    _writable_folder(path.parent, path, option)
    return path


def output_folder(path: Path, option: str) -> Path:
    """A folder `option` may write into: not an existing file, and writable."""
    if path.exists() and not path.is_dir():
        raise errors.OptionError(option, path, errors.OUTPUT_IS_FILE)
    _writable_folder(path, path, option)
    return path


def _writable_folder(folder: Path, asked: Path, option: str) -> None:
    """Refuse now, naming the option, a place where nothing can be written (not after the
    work, naming a temporary file): the folder, or the nearest one that exists, is tried."""
    import tempfile

    existing = next((p for p in (folder, *folder.parents) if p.exists()), Path("."))
    if not existing.is_dir():
        reason = f"{existing} is a file, not a folder"
        raise errors.OptionError(option, asked, errors.NOT_WRITABLE.format(reason=reason))
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        reason = f"{existing}: {error.strerror or error}"
        raise errors.OptionError(
            option, asked, errors.NOT_WRITABLE.format(reason=reason)
        ) from error


def _above_zero(what: str, example: str) -> Callable[[float], float]:
    """A check that a number option is above 0; the message says what it measures."""

    def check(value: float) -> float:
        if not value > 0:  # also refuses nan
            raise typer.BadParameter(f"{value:g} is not {what}: give a number above 0, {example}")
        return value

    return check


def _between(low: int, high: int | None, what: str) -> Callable[[int | None], int | None]:
    """A check that an integer option lies in [low, high]; the message says what it counts."""

    def check(value: int | None) -> int | None:
        if value is not None and (value < low or (high is not None and value > high)):
            allowed = f"{low} to {high}" if high is not None else f"{low} or more"
            raise typer.BadParameter(f"{value} is not {what}: give {allowed}")
        return value

    return check


def _date(value: str) -> datetime.date:
    """A date written YYYY-MM-DD, and nothing else (fromisoformat also takes 20240910)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.date.fromisoformat(value)
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is {errors.BAD_DATE}")


# --- build ----------------------------------------------------------------------------------


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
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            callback=_between(1, None, "a number of worker processes"),
            help="Worker processes [default: cores].",
        ),
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
        float,
        typer.Option(
            "--max-file-mb",
            callback=_above_zero("a size", "e.g. 50"),
            help="Skip files larger than this (MiB).",
        ),
    ] = 50.0,
    no_validate: Annotated[
        bool, typer.Option("--no-validate", help="Skip the SHACL validation of the graph.")
    ] = False,
    disable_rule: Annotated[
        list[str] | None,
        typer.Option(
            "--disable-rule",
            help="Switch an extraction rule off, to measure what it adds (repeatable; "
            "see `ccm-graph rules`).",
        ),
    ] = None,
) -> None:
    """Read the documents, extract the facts, write the graph as Turtle and a build report."""
    from ccm_graph import api
    from ccm_graph.pipeline import BuildOptions, write_report

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    output_file(output, "--output", "build/ccm.ttl")
    report = output_file(report or output.parent / "report.json", "--report", "report.json")
    cache = None if no_cache else output_folder(cache_dir or output.parent / "cache", "--cache-dir")
    options = BuildOptions(
        jobs=jobs,
        cache_dir=cache,
        max_bytes=int(max_file_mb * 1024 * 1024),
        disabled_rules=known_rules(disable_rule or []),
        validate=not no_validate,
    )
    try:
        with _progress(quiet) as on_file:
            result = api.build(source, output, options, on_file)
        write_report(result, report, source, output)
    except KeyboardInterrupt as error:
        say(f"interrupted: {output} is left as it was")
        raise typer.Exit(130) from error
    _print_files(result, quiet)
    if not quiet:
        print_summary(output)
    # A violation is reported loudly; the graph stays written, because one odd fact must not
    # cost a researcher the rest of the record. --strict makes it (and bad files) an error.
    valid = _build_is_valid(result, quiet)
    if not valid:
        say(f"{output} violates the SHACL shapes (see above)")
    if strict and (result.problems or not valid):
        raise typer.Exit(1)


def known_rules(names: list[str]) -> tuple[str, ...]:
    """The rule names given, checked against the registry ("attendance.prose" or its ref
    "attendance.prose/1").

    Raises:
        UsageError: a name no rule has.
    """
    from ccm_graph.extract.rules import registered

    known = {rule.name for rule in registered()}
    chosen = tuple(sorted({name.split("/")[0] for name in names}))
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise errors.UsageError(errors.UNKNOWN_RULE.format(names=", ".join(unknown)))
    return chosen


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress | None]:
    """A progress bar on a terminal; nothing when quiet or when output goes to a file."""
    console = out()
    if quiet or not console.is_terminal:
        yield None
        return
    from rich.progress import Progress as ProgressBar
    from rich.progress import TextColumn

    from ccm_graph.ingest import ingest

    columns = (*ProgressBar.get_default_columns(), TextColumn("{task.fields[last]}", markup=False))
    with ProgressBar(*columns, console=console, transient=True) as progress:
        task = progress.add_task("building", total=None, last="")

        def advance(report: FileReport) -> None:
            progress.update(task, advance=1, last=ingest.shown(Path(report.path).name))

        yield advance


def _print_files(result: BuildResult, quiet: bool) -> None:
    """One line per file that was skipped, failed or warned about; then the totals."""
    from ccm_graph.pipeline import Status
    from ccm_graph.pipeline import report as build_report

    for report in result.files:
        if report.status is not Status.OK or report.warnings or report.reason:
            say(report.line())
    if quiet:
        return
    totals = build_report(result, Path("."))["totals"]
    repairs = ", ".join(f"{r['written']}→{r['state']}" for r in totals["ocr_repairs"]) or "none"
    say(
        f"{totals['files']} files: {totals['ok']} ok ({totals['from_cache']} from cache), "
        f"{totals['skipped']} skipped, {totals['failed']} failed; {totals['facts']} facts; "
        f"OCR slips repaired: {repairs}; {result.seconds:.1f} s"
    )


def print_summary(graph_path: Path) -> None:
    """What a user wants to see first: the counts, then who works on what."""
    from ccm_graph import api
    from ccm_graph.rdf import store

    graph = store.open_store(graph_path)
    _, counts = store.select(graph, api.read_query("summary"))
    table = Table(title=Text(str(graph_path)), show_header=True)
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
        table.add_row(cell(row["what"]), cell(row["count"]))
    console = out()
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
        who.add_row(cell(area), cell(", ".join(label for _, label in sorted(names))))
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


# --- query, who -----------------------------------------------------------------------------


@app.command()
def query(
    graph: Annotated[
        Path,
        typer.Argument(help="Turtle graph (e.g. build/ccm.ttl), or a store made by `load`."),
    ],
    query_name: Annotated[
        str,
        typer.Argument(
            help="A name from queries/ (e.g. coordinators), a .rq/.sparql file or SPARQL text."
        ),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv or json; CONSTRUCT/DESCRIBE: turtle, ntriples or json (JSON-LD).",
        ),
    ] = "table",
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE: binds ?NAME to VALUE, an RDF term (<IRI>, prefix:name, "
            '"text"@en, 42) or plain text. Repeatable.',
        ),
    ] = None,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the graph."""
    from ccm_graph import api
    from ccm_graph.query import results, sparql

    chosen = results.output_format(output_format)
    text = api.read_query(query_name)
    params = dict(sparql.parse_param(item) for item in param or [])
    result = sparql.run(api.load(graph_file(graph, stores=True)), text, params)
    kind = results.form_of(result)
    results.check_format(kind, chosen)
    if chosen is results.OutputFormat.TABLE and kind is sparql.Form.SELECT:
        columns, rows = results.table(result)
        table = Table(*columns)
        for row in rows:
            table.add_row(*(cell(row[c]) for c in columns))
        out().print(table)
    else:
        sys.stdout.flush()
        results.write(result, chosen, sys.stdout.buffer)
        sys.stdout.buffer.flush()


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A State, organization or person, as written.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Turtle graph.")] = DEFAULT_GRAPH,
) -> None:
    """What an actor or a person works on: areas, years, meetings, roles."""
    from ccm_graph import api

    profile = api.who(graph_file(graph), name)
    console = out()
    console.print(Text(profile["label"], style="bold"), Text(f"({profile['iri']})"))
    for section, rows in profile["sections"].items():
        if not rows:
            continue
        table = Table(*rows[0].keys(), title=section)
        for row in rows:
            table.add_row(*(cell(v) for v in row.values()))
        console.print(table)


# --- network, serve -------------------------------------------------------------------------


@app.command()
def network(
    graph: Annotated[
        Path, typer.Argument(help="Turtle graph, or a folder of documents to build first.")
    ] = DEFAULT_GRAPH,
    folder: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "build/network"
    ),
    explorer: Annotated[
        str,
        typer.Option(
            help="Address of `ccm-graph serve`: the HTML page links nodes to their pages there "
            "('' links to the IRIs)."
        ),
    ] = "http://127.0.0.1:8000/",
) -> None:
    """Who works with whom: network tables (CSV), Gephi files, PNG figures, an HTML page."""
    from ccm_graph import api
    from ccm_graph.analysis import networks as analysis

    output_folder(folder, "--out")
    if not graph.is_dir():
        graph_file(graph)
    report = api.network(graph, folder, explorer)
    for line in analysis.summary_lines(report):
        say(line)


@app.command()
def serve(
    graph: Annotated[
        Path, typer.Argument(help="Turtle graph (made by `ccm-graph build`).")
    ] = DEFAULT_GRAPH,
    port: Annotated[
        int, typer.Option(callback=_between(1, 65535, "a TCP port"), help="TCP port.")
    ] = 8000,
    host: Annotated[str, typer.Option(help="Address to bind; 0.0.0.0 serves other hosts.")] = (
        "127.0.0.1"
    ),
    allow_federation: Annotated[
        bool, typer.Option(help="Allow SERVICE: lets visitors make the server fetch URLs.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            callback=_above_zero("a time limit", "e.g. 10"), help="Seconds a query may run."
        ),
    ] = 10.0,
    max_rows: Annotated[
        int,
        typer.Option(
            callback=_between(1, None, "a number of rows"),
            help="Most rows (or triples) in one answer.",
        ),
    ] = 10_000,
    workers: Annotated[
        int,
        typer.Option(
            callback=_between(1, None, "a number of worker processes"),
            help="Query worker processes for /sparql.",
        ),
    ] = 3,
    corpus: Annotated[Path, typer.Option(help="Documents, for full-text source views.")] = (
        DEFAULT_CORPUS
    ),
    max_result_mb: Annotated[
        float,
        typer.Option(
            callback=_above_zero("a size", "e.g. 16"),
            help="Most megabytes in one answer (cut beyond, and said so).",
        ),
    ] = 16.0,
    max_body_kb: Annotated[
        int,
        typer.Option(
            callback=_between(1, None, "a size in KB"),
            help="Largest request body, in KB; bigger ones get 413.",
        ),
    ] = 1024,
    memory_limit: Annotated[
        int,
        typer.Option(
            callback=_between(0, None, "a memory limit in MB"),
            help="MB a query worker may use; 0 for no limit.",
        ),
    ] = 2048,
    explorer_workers: Annotated[
        int,
        typer.Option(
            callback=_between(1, None, "a number of worker processes"),
            help="Worker processes kept for the explorer's own queries.",
        ),
    ] = 1,
    build_first: Annotated[
        bool, typer.Option("--build", help="Build the graph from --corpus first, then serve it.")
    ] = False,
) -> None:
    """Serve SPARQL 1.1 at /sparql, the IRIs at /id/ and the web explorer at / (Ctrl-C stops).

    GRAPH is a Turtle file, a TriG or N-Quads dataset from `ccm-graph export` (its named
    graphs queried with GRAPH, the default graph their union) or a store from `ccm-graph load`.
    """
    from ccm_graph.serve import app as server  # starlette/uvicorn load only for this command

    if build_first:
        _build_for_serving(corpus, graph)
    elif not graph.exists() and not graph.is_symlink():
        raise errors.InputError(graph, errors.SERVE_NO_GRAPH.format(path=graph))
    graph_file(graph, stores=True)
    config = server.ServeConfig(
        graph,
        host,
        port,
        allow_federation,
        timeout,
        max_rows,
        workers,
        corpus,
        max_bytes=int(max_result_mb * 2**20),
        max_body=max_body_kb * 1024,
        memory_mb=memory_limit,
        explorer_workers=explorer_workers,
    )
    _check_address(host, port)
    say(f"Loading {graph}, then serving it at http://{host}:{port}/ (SPARQL: /sparql)")
    server.serve(config)


def _build_for_serving(corpus: Path, graph: Path) -> None:
    from ccm_graph import api
    from ccm_graph.pipeline import BuildOptions

    if not corpus.is_dir():
        raise errors.OptionError("--corpus", corpus, errors.SERVE_NO_CORPUS)
    output_file(graph, "GRAPH", "build/ccm.ttl")
    with stage(f"building {graph} from {corpus}"):
        api.build(corpus, graph, BuildOptions(cache_dir=graph.parent / "cache"))


def _check_address(host: str, port: int) -> None:
    """Refuse at once an address the server could not listen on (taken, not local, ...)."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        with socket.socket(infos[0][0], socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(infos[0][4])
    except OSError as error:
        reason = error.strerror or str(error)
        raise errors.OptionError(
            "--host/--port", f"{host}:{port}", errors.BAD_ADDRESS.format(reason=reason)
        ) from error


# --- publishing: reason, validate, export, load, push ---------------------------------------


def _build_is_valid(result: BuildResult, quiet: bool) -> bool:
    """Print what the build's validation found (checked per document as it went)."""
    if result.validation is None:
        return True
    from ccm_graph.publish import validate

    if result.validation.results or not quiet:
        say(validate.report_text(result.validation))
    return result.validation.conforms


def _graph_is_valid(graph: Path, quiet: bool = False) -> bool:
    """Validate a graph file against ontology/shapes.ttl; print the violations."""
    from ccm_graph.publish import ontology, validate  # pySHACL loads only when validating

    report = validate.validate(ontology.read_graph(graph))
    if report.results or not quiet:
        say(validate.report_text(report))
    return report.conforms


@app.command("validate")
def validate_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph.")] = DEFAULT_GRAPH,
) -> None:
    """Check the graph against the SHACL shapes; list the violations by shape."""
    if not _graph_is_valid(graph_file(graph)):
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

    graph_file(graph)
    output = output_file(
        output or graph.with_name(f"{graph.stem}-inferred.trig"), "--output", "inferred.trig"
    )
    with stage(f"reasoning with HermiT over {graph}"):
        result = reason.reason_file(graph, output)
    for line in reason.summary_lines(result, output if result.consistent else None):
        say(line)
    if not result.consistent:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph.")] = DEFAULT_GRAPH,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="ttl, trig, nq or jsonld.")
    ] = ExportFormat.TRIG,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    no_reason: Annotated[
        bool, typer.Option("--no-reason", help="Leave out the inferred graph (no Java).")
    ] = False,
    issued: Annotated[
        datetime.date | None,
        typer.Option(
            parser=_date,
            metavar="YYYY-MM-DD",
            help="Dataset date, YYYY-MM-DD [default: today].",
        ),
    ] = None,
    download_base: Annotated[
        str, typer.Option(help="Public folder URL the dump is downloaded from (the catalog).")
    ] = "https://w3id.org/ccm-graph/dumps/",
    sparql_endpoint: Annotated[
        str | None, typer.Option(help="URL of the SPARQL endpoint serving the dataset.")
    ] = None,
) -> None:
    """Write the dataset: a named graph per document, ontology, inferred facts, DCAT/VoID."""
    from ccm_graph.publish import catalog, export, ontology, reason

    graph_file(graph)
    target = output_file(
        output or graph.with_suffix(f".export.{export_format}"), "--output", "ccm.trig"
    )
    if sparql_endpoint is not None:
        _http_url(sparql_endpoint, "--sparql-endpoint")
    _http_url(download_base, "--download-base")
    writing = f"writing {target} and its catalog"
    with stage(writing if no_reason else f"reading {graph}") as moved_on:
        inferred = None
        if not no_reason:
            data = ontology.read_graph(graph)
            moved_on("reasoning with HermiT (leave it out with --no-reason)")
            inferred = reason.reason(data)
            if not inferred.consistent:
                raise errors.CcmGraphError(errors.INCONSISTENT.format(graph=graph))
        options = export.ExportOptions(
            inferred=inferred.inferred if inferred else None,
            issued=issued.isoformat() if issued else None,
            sparql_endpoint=sparql_endpoint,
        )
        described = catalog.CatalogOptions(issued=options.issued, download_base=download_base)
        moved_on(writing)
        dataset = export.export_file(graph, target, export_format, options, described)
    graphs = list(dataset.graphs())
    quads = sum(len(g) for g in graphs)
    say(f"wrote {target}: {quads} quads in {len(graphs)} graphs")
    say(f"wrote {catalog.catalog_path(target)}: its DCAT catalog")


@app.command("load")
def load_command(
    graph: Annotated[Path, typer.Argument(help="Turtle graph (e.g. build/ccm.ttl).")],
    store_dir: Annotated[Path, typer.Option("--store", help="Folder of the on-disk store.")],
) -> None:
    """Load the graph into an on-disk Oxigraph store: `query STORE ...` then opens at once."""
    from ccm_graph.rdf import store

    graph_file(graph)
    output_folder(store_dir, "--store")
    count = store.load_disk_store(graph, store_dir)
    say(f"loaded {count} triples into {store_dir}")


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

    graph_file(graph)
    _http_url(endpoint, "--endpoint")
    if graph_iri is not None:
        _iri(graph_iri, "--graph")
    credentials = None
    if auth is not None:
        user, colon, password = auth.partition(":")
        if not colon:
            raise errors.OptionError("--auth", "…", errors.BAD_AUTH)  # never echo a password
        credentials = (user, password)
    report = push.push(graph, endpoint, graph_iri, credentials)
    say(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs to {endpoint} "
        f"({report.seconds:.1f} s); deleted {len(report.deleted)} stale graphs"
    )


def _http_url(value: str, option: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise errors.OptionError(option, value, errors.BAD_URL)
    return value


def _iri(value: str, option: str) -> str:
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError as error:
        raise errors.OptionError(option, value, errors.BAD_IRI.format(reason=error)) from error
    return value


@app.command("rules")
def rules_command(
    examples: Annotated[
        bool, typer.Option("--examples", help="Show each rule's examples and traps.")
    ] = False,
) -> None:
    """List the extraction rules: name/version, the kind of fact, guards, what each reads."""
    from ccm_graph.extract.rules import registered

    for rule in registered():
        guards = f"  guards: {', '.join(rule.guards)}" if rule.guards else ""
        say(f"{rule.ref}  {rule.kind_name}{guards}")
        say(f"    {rule.description}")
        if not examples:
            continue
        for example in rule.examples:
            text = " ".join(example.text.split())
            rows = sorted(example.forbid if example.is_trap else example.expect, key=str)
            label = "trap" if example.is_trap else "reads"
            shown = "; ".join(", ".join("" if v is None else str(v) for v in r) for r in rows)
            say(f"    - {text}")
            say(f"      {label}: {shown}")


@app.command("explain")
def explain_command(
    path: Annotated[Path, typer.Argument(help="A document (any format the build reads).")],
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the span groups, rendered, to this HTML file."),
    ] = None,
    disable_rule: Annotated[
        list[str] | None, typer.Option("--disable-rule", help="Switch a rule off (repeatable).")
    ] = None,
) -> None:
    """Show what the layout readers and the rules found in one document."""
    from ccm_graph import explain, files

    found = explain.explain(path, known_rules(disable_rule or []))
    if html is not None:
        files.write_atomically(
            output_file(html, "--html", "explain.html"), explain.html(found).encode("utf-8")
        )
    say(explain.listing(found))
    if html is not None:
        say(f"wrote {html}")
