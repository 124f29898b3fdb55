"""Oxigraph stores: the graph loaded for SPARQL, in memory or on disk, and a `Sink` into one.

pyoxigraph answers the queries, because its engine is orders of magnitude faster than
rdflib's on graphs of any size (see PERFORMANCE.md). Queries get the project's prefix map
(`prefixes=`), so a query may use `ccm:`, `id:`, `prov:` ... without declaring them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph

from ccm_graph import errors
from ccm_graph.rdf.prefixes import PREFIXES

Row = dict[str, str | int | float | None]


def open_store(path: Path) -> pyoxigraph.Store:
    """An in-memory Oxigraph store holding the Turtle file at `path`.

    Raises:
        errors.InputError: the file is missing or is not Turtle; names the file.
    """
    store = pyoxigraph.Store()
    _bulk_load(store, path)
    return store


def _bulk_load(store: pyoxigraph.Store, path: Path) -> None:
    if not Path(path).is_file():
        raise errors.InputError(path, errors.NO_GRAPH)
    try:
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    except (SyntaxError, ValueError, UnicodeDecodeError) as error:
        reason = " ".join(str(error).split())
        raise errors.InputError(path, errors.NOT_A_GRAPH.format(reason=reason)) from error


def store_of(graph: object) -> pyoxigraph.Store:
    """An in-memory Oxigraph store holding an rdflib Graph's triples (no Turtle round trip)."""
    from ccm_graph.rdf.graph import to_oxigraph

    store = pyoxigraph.Store()
    store.bulk_extend(pyoxigraph.Quad(*to_oxigraph(triple)) for triple in graph)  # type: ignore[attr-defined]
    return store


def select(store: pyoxigraph.Store, sparql: str) -> tuple[list[str], list[Row]]:
    """Run a SELECT query (the prefix map declared); rows map variable names to plain
    Python values.

    Raises:
        errors.QueryError: the query is not valid SPARQL, or not a SELECT.
    """
    try:
        solutions = store.query(sparql, prefixes=PREFIXES)
    except SyntaxError as error:
        reason = " ".join(str(error).split())
        raise errors.QueryError(errors.INVALID_SPARQL.format(reason=reason)) from error
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        form = (
            "an ASK query"
            if isinstance(solutions, pyoxigraph.QueryBoolean)
            else "a CONSTRUCT or DESCRIBE query"
        )
        raise errors.QueryError(errors.NOT_SELECT.format(form=form))
    variables = [v.value for v in solutions.variables]
    rows = [{name: value(solution[name]) for name in variables} for solution in solutions]
    return variables, rows


def value(term: object) -> str | int | float | None:
    """A term of a query solution as a plain Python value (numbers as numbers)."""
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


_value = value  # the name api.py and the explorer know


# --- on-disk stores -------------------------------------------------------------------------


def is_disk_store(path: Path) -> bool:
    """Whether `path` is a folder holding an Oxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file()


def load_disk_store(graph_file: Path, directory: Path) -> int:
    """Load a Turtle file into an on-disk Oxigraph store at `directory`, replacing what it
    held: built beside it, then swapped in, so a reader never sees half a store.

    Returns the number of triples in the store.

    Raises:
        errors.InputError: `directory` holds other files than a store (left alone), or the
            graph file is missing or not Turtle.
    """
    if directory.exists() and not is_disk_store(directory) and any(directory.iterdir()):
        raise errors.InputError(directory, errors.STORE_NOT_EMPTY)
    directory.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        disk = pyoxigraph.Store(str(fresh))
        _bulk_load(disk, graph_file)
        disk.optimize()
        count = len(disk)
        del disk  # closes the database before it moves
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(directory, old)
        os.replace(fresh, directory)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return count


def open_disk_store(directory: Path) -> pyoxigraph.Store:
    """An on-disk store made by `load_disk_store`, opened read-only (opens at once, at any
    size; several readers may share it).

    Raises:
        errors.InputError: there is no store at `directory`.
    """
    if not is_disk_store(directory):
        raise errors.InputError(directory, errors.NOT_A_STORE.format(path=directory))
    return pyoxigraph.Store.read_only(str(directory))
