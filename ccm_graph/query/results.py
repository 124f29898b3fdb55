"""Query results as plain rows, or streamed to a file in CSV, TSV, JSON, Turtle or N-Triples.

Rows stream: nothing holds the whole answer except the table a terminal shows. CSV and TSV
are the W3C SPARQL 1.1 result formats, written by pyoxigraph; JSON is a list of objects of
plain values (numbers for xsd:integer and xsd:gYear), one row per line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import BinaryIO

import pyoxigraph

from ccm_graph import errors
from ccm_graph.query.sparql import Form, Result, Solutions
from ccm_graph.rdf.store import PREFIXES

Value = str | int | float | None
Row = dict[str, Value]
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = frozenset(f"{XSD}{name}" for name in ("integer", "int", "long", "gYear"))
_NUMBER_STARTS = frozenset("0123456789-+.")
_DECIMALS = frozenset(f"{XSD}{name}" for name in ("decimal", "double", "float"))


class OutputFormat(StrEnum):
    """How `ccm-graph query` writes an answer."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TURTLE = "turtle"
    NTRIPLES = "ntriples"


def output_format(text: str) -> OutputFormat:
    """`--format` as typed.

    Raises:
        QueryError: a format that does not exist, with the ones that do.
    """
    try:
        return OutputFormat(text.strip().lower())
    except ValueError as error:
        known = ", ".join(str(f) for f in OutputFormat)
        raise errors.QueryError(errors.UNKNOWN_FORMAT.format(format=text, known=known)) from error


# What each form can be written as; a table of triples is shown as Turtle.
ALLOWED = {
    Form.SELECT: (OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.TSV, OutputFormat.JSON),
    Form.ASK: (OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.TSV, OutputFormat.JSON),
    Form.CONSTRUCT: (
        OutputFormat.TABLE,
        OutputFormat.TURTLE,
        OutputFormat.NTRIPLES,
        OutputFormat.JSON,
    ),
}
ALLOWED[Form.DESCRIBE] = ALLOWED[Form.CONSTRUCT]
_SOLUTION_FORMATS = {
    OutputFormat.CSV: pyoxigraph.QueryResultsFormat.CSV,
    OutputFormat.TSV: pyoxigraph.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    OutputFormat.TABLE: pyoxigraph.RdfFormat.TURTLE,
    OutputFormat.TURTLE: pyoxigraph.RdfFormat.TURTLE,
    OutputFormat.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
    OutputFormat.JSON: pyoxigraph.RdfFormat.JSON_LD,
}


def form_of(result: Result | Solutions) -> Form:
    """SELECT, ASK or CONSTRUCT (DESCRIBE answers as CONSTRUCT does) from pyoxigraph's result."""
    if isinstance(result, pyoxigraph.QuerySolutions | Solutions):
        return Form.SELECT
    if isinstance(result, pyoxigraph.QueryBoolean):
        return Form.ASK
    return Form.CONSTRUCT


def value(term: object) -> Value:
    """A term as a plain Python value: numbers for numeric literals, else the lexical form
    or the IRI."""
    if term is None:
        return None
    text: str = term.value  # type: ignore[attr-defined]
    if type(term) is pyoxigraph.Literal:
        datatype = term.datatype.value
        if datatype in _INTEGERS and text.isdigit():
            return int(text)
        if datatype in _DECIMALS:
            try:
                return float(text)
            except ValueError:
                return text
    return text


def rows(solutions: pyoxigraph.QuerySolutions | Solutions) -> Iterator[Row]:
    """Each solution as {variable: plain value}, as they come."""
    names = [variable.value for variable in solutions.variables]
    for solution in solutions:
        row: Row = {}
        for name, found in zip(names, solution, strict=True):
            if found is None:
                row[name] = None
                continue
            text = found.value
            # Only a literal opening with a digit can be a number: check its datatype then.
            if text[:1] in _NUMBER_STARTS and type(found) is pyoxigraph.Literal:
                row[name] = value(found)
            else:
                row[name] = text
        yield row


def table(result: Result | Solutions) -> tuple[list[str], list[Row]]:
    """Any result as (columns, rows): a SELECT's own; ASK as one `result` row; triples as
    subject, predicate, object in N-Triples notation."""
    kind = form_of(result)
    if kind is Form.SELECT:
        assert isinstance(result, pyoxigraph.QuerySolutions | Solutions)
        return [v.value for v in result.variables], list(rows(result))
    if kind is Form.ASK:
        return ["result"], [{"result": "true" if bool(result) else "false"}]
    columns = ["subject", "predicate", "object"]
    assert isinstance(result, pyoxigraph.QueryTriples)
    return columns, [dict(zip(columns, map(str, triple), strict=True)) for triple in result]


def check_format(kind: Form, output_format: OutputFormat) -> None:
    """Raises QueryError when `output_format` cannot hold a `kind` answer."""
    if output_format not in ALLOWED[kind]:
        allowed = ", ".join(str(f) for f in ALLOWED[kind] if f is not OutputFormat.TABLE)
        raise errors.QueryError(
            errors.FORMAT_NOT_FOR_FORM.format(format=output_format, form=kind, allowed=allowed)
        )


def write(
    result: Result | Solutions,
    output_format: OutputFormat,
    out: BinaryIO,
    prefixes: Mapping[str, str] = PREFIXES,
) -> None:
    """Stream `result` to `out` (a binary file) in `output_format`. A table of triples is
    Turtle, of an ASK its answer; a SELECT's table is the terminal's (see `table`).

    Raises:
        QueryError: a format the query's form cannot be written in, or a failing evaluation.
    """
    kind = form_of(result)
    check_format(kind, output_format)
    try:
        if kind is Form.ASK:  # in any format, a table too
            out.write(b"true\n" if bool(result) else b"false\n")  # the same in every format
        elif kind is Form.SELECT and output_format is OutputFormat.TABLE:
            raise ValueError("a SELECT's table is drawn by the terminal: see `table`")
        elif kind is Form.CONSTRUCT:
            _write_triples(result, _GRAPH_FORMATS[output_format], out, prefixes)  # type: ignore[arg-type]
        elif output_format is OutputFormat.JSON:
            _write_json(result, out)  # type: ignore[arg-type]
        elif isinstance(result, Solutions):
            _write_delimited(result, output_format, out)
        else:
            assert isinstance(result, pyoxigraph.QuerySolutions)
            result.serialize(out, format=_SOLUTION_FORMATS[output_format])
    except (OSError, RuntimeError) as error:
        if isinstance(error, BrokenPipeError):
            raise
        raise errors.QueryError(errors.QUERY_FAILED.format(reason=error)) from error


def _write_delimited(solutions: Solutions, output_format: OutputFormat, out: BinaryIO) -> None:
    """CSV or TSV as pyoxigraph writes them (W3C SPARQL 1.1 results), for the solutions
    `sparql.run` narrowed to the query's own columns."""
    names = [variable.value for variable in solutions.variables]
    if output_format is OutputFormat.TSV:
        out.write(("\t".join(f"?{name}" for name in names) + "\n").encode("utf-8"))
        for solution in solutions:
            cells = ("" if term is None else _tsv(term) for term in solution)
            out.write(("\t".join(cells) + "\n").encode("utf-8"))
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for solution in solutions:
        writer.writerow("" if term is None else term.value for term in solution)
        if buffer.tell() > 1 << 16:
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))


def _tsv(term: object) -> str:
    if type(term) is pyoxigraph.Literal and term.datatype.value == f"{XSD}integer":
        return term.value  # written bare, as pyoxigraph does
    return str(term)


def _write_json(solutions: pyoxigraph.QuerySolutions | Solutions, out: BinaryIO) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    separator = b"[\n"
    for row in rows(solutions):
        out.write(separator)
        out.write(encode(row).encode("utf-8"))
        separator = b",\n"
    out.write(b"[]\n" if separator == b"[\n" else b"\n]\n")


def _write_triples(
    triples: pyoxigraph.QueryTriples,
    rdf_format: pyoxigraph.RdfFormat,
    out: BinaryIO,
    prefixes: Mapping[str, str],
) -> None:
    if rdf_format is pyoxigraph.RdfFormat.TURTLE:
        # Only Turtle gains from prefixes; N-Triples and JSON-LD stream as they come.
        pyoxigraph.serialize(list(triples), out, format=rdf_format, prefixes=dict(prefixes))
    else:
        triples.serialize(out, format=rdf_format)
