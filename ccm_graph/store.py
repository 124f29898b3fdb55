"""Where graphs live: Turtle files written atomically, and SPARQL answered by Oxigraph.

rdflib builds the graph; pyoxigraph answers queries, because its engine is orders of
magnitude faster than rdflib's on graphs of any size (see PERFORMANCE.md).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph
from rdflib import Graph

Row = dict[str, str | int | float | None]


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def turtle(graph: Graph) -> bytes:
    return graph.serialize(format="turtle", encoding="utf-8")


def save(graph: Graph, path: Path) -> None:
    write_atomically(path, turtle(graph))


def open_store(path: Path) -> pyoxigraph.Store:
    """An in-memory Oxigraph store holding the Turtle file at `path`."""
    store = pyoxigraph.Store()
    store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def store_of(graph: Graph) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(turtle(graph), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def select(store: pyoxigraph.Store, sparql: str) -> tuple[list[str], list[Row]]:
    """Run a SELECT query; rows map variable names to plain Python values."""
    solutions = store.query(sparql)
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise ValueError("only SELECT queries return rows")
    variables = [v.value for v in solutions.variables]
    rows = [{name: _value(solution[name]) for name in variables} for solution in solutions]
    return variables, rows


def _value(term: object) -> str | int | float | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#int", "#long", "#gYear")) and term.value.isdigit():
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return getattr(term, "value", str(term))
