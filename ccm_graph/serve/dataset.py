"""What `serve` serves: a Turtle graph, a TriG or N-Quads dataset (`ccm-graph export`), or
an on-disk store (`ccm-graph load`), always as one on-disk Oxigraph store that every query
worker opens read-only: the operating system shares its pages, nothing is copied per worker.

A file is loaded once into a private temporary store, removed when the server stops. A
dataset with named graphs is queried with its default graph as the union of all graphs, as
Oxigraph's `--union-default-graph` does, so that `GRAPH` reaches one document's facts and
a query without it sees everything.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from ccm_graph import errors
from ccm_graph.rdf import store

FILE_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".turtle": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
}
NAMED_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass
class SharedStore:
    """An on-disk store ready for read-only workers, and what it holds."""

    directory: Path
    source: Path
    union_default_graph: bool
    graphs: dict[str, int] = field(default_factory=dict)
    default_triples: int = 0
    temporary: bool = False

    def close(self) -> None:
        """Remove the store if it was made for this server (never a user's own store)."""
        if self.temporary:
            shutil.rmtree(self.directory, ignore_errors=True)


def prepare(source: Path) -> SharedStore:
    """Open `source` (file or store folder) as a store that workers share read-only.

    Raises:
        InputError: naming the file when it is missing, of an unknown kind or unreadable.
    """
    if store.is_disk_store(source):
        return _describe(SharedStore(source, source, union_default_graph=False))
    if not source.is_file():
        raise errors.InputError(source, "no such graph file or Oxigraph store folder")
    rdf_format = FILE_FORMATS.get(source.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(FILE_FORMATS))
        raise errors.InputError(source, f"not a graph file this server reads ({known})")
    directory = Path(tempfile.mkdtemp(prefix="ccm-graph-serve-"))
    try:
        loading = pyoxigraph.Store(str(directory))
        loading.bulk_load(path=str(source), format=rdf_format)
        del loading  # closes the database: the workers open it read-only
    except (OSError, SyntaxError, ValueError) as error:
        shutil.rmtree(directory, ignore_errors=True)
        raise errors.InputError(source, f"cannot load the graph: {error}") from error
    shared = SharedStore(directory, source, union_default_graph=False, temporary=True)
    return _describe(shared)


def _describe(shared: SharedStore) -> SharedStore:
    try:
        reader = pyoxigraph.Store.read_only(str(shared.directory))
    except OSError as error:
        shared.close()
        raise errors.InputError(shared.source, f"cannot open the store: {error}") from error
    shared.graphs = {row["g"].value: int(row["n"].value) for row in reader.query(NAMED_GRAPHS)}
    shared.union_default_graph = bool(shared.graphs)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    rows = reader.query(count, use_default_graph_as_union=shared.union_default_graph)
    shared.default_triples = int(next(iter(rows))["n"].value)
    del reader
    return shared
