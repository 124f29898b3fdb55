"""Where graphs live: Turtle files written atomically, and SPARQL answered by Oxigraph.

rdflib builds the graph; pyoxigraph answers queries, because its engine is orders of
magnitude faster than rdflib's on graphs of any size (see PERFORMANCE.md).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import pyoxigraph
from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import FOAF

from ccm_graph import errors

if TYPE_CHECKING:
    from ccm_graph.model import DocumentFacts

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
    """Write `graph` as Turtle, atomically, through Oxigraph's writer (`fast_turtle`)."""
    write_atomically(path, fast_turtle(graph))


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


def store_of(graph: Graph) -> pyoxigraph.Store:
    """An in-memory Oxigraph store holding `graph`'s triples (no Turtle round trip)."""
    store = pyoxigraph.Store()
    store.bulk_extend(pyoxigraph.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in graph)
    return store


def select(store: pyoxigraph.Store, sparql: str) -> tuple[list[str], list[Row]]:
    """Run a SELECT query; rows map variable names to plain Python values."""
    try:
        solutions = store.query(sparql)
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


# --- streaming Turtle: one document at a time ----------------------------------------------
#
# `graph.build_graph` holds the whole dataset in one rdflib Graph, and rdflib's Turtle writer
# takes ~35 s per million triples (PERFORMANCE.md): at 1,000x the bundled corpus (~10 M
# triples) that is > 10 GB and minutes of serialisation. The writer below produces the same
# triples (tests/test_store.py checks the two graphs are equal) one document at a time:
# `document_chunk` turns one document's facts into Turtle with graph.py's own `DocumentWriter`
# (it can run in the worker process that extracted the document), `TurtleStream` appends the
# chunks to the output and, at the end, writes the States, organizations and people that the
# documents named. Memory holds one document's triples, plus the names seen.

PREFIXES: dict[str, str] = {
    "ccm": "https://w3id.org/ccm-graph/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "id": "https://w3id.org/ccm-graph/id/",
    "oa": "http://www.w3.org/ns/oa#",
    "opengov": "http://www.w3.org/ns/opengov#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Instance IRIs (id:fact/doc/...) hold slashes, which Turtle can only write as `id:fact\/doc`:
# they are written in full, as rdflib does, so that the file stays greppable.
BODY_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "id"}


@dataclass(frozen=True)
class Chunk:
    """One document's triples as Turtle (no prefix lines), and the entities it names.

    Plain data, so that worker processes can return it."""

    data: bytes
    triples: int
    actors: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()


class _Triples(list[tuple[Any, Any, Any]]):
    """What graph.py's writers need of a Graph (`add`), without a Graph's indexes."""

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.append(triple)


def turtle_body(triples: Iterable[tuple[Any, Any, Any]]) -> tuple[bytes, int]:
    """rdflib triples as Turtle without prefix lines: sorted, duplicates dropped, so the same
    triples always give the same bytes. Returns the bytes and the number of triples."""
    unique = sorted(dict.fromkeys(triples), key=_sort_key)
    converted = [pyoxigraph.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in unique]
    data = pyoxigraph.serialize(
        converted, format=pyoxigraph.RdfFormat.TURTLE, prefixes=BODY_PREFIXES
    )
    return _without_prefix_lines(data or b""), len(converted)


def document_chunk(document_facts: DocumentFacts, timings: dict[str, float] | None = None) -> Chunk:
    """One document, its meeting and its facts, as `graph.build_graph` writes them.

    With `timings`, adds the seconds spent making triples ("graph") and Turtle ("serialize")."""
    from ccm_graph.rdf import graph

    started = time.perf_counter()
    triples = _Triples()
    writer = graph.DocumentWriter(cast(Graph, triples), document_facts, {})
    writer.write()
    # graph._people is an associative "fullest name per person": the fullest of each
    # document's fullest names is the fullest of all of them.
    names = tuple(sorted(graph._people([document_facts]).values()))
    made = time.perf_counter()
    data, count = turtle_body(triples)
    if timings is not None:
        timings["graph"] = timings.get("graph", 0.0) + made - started
        timings["serialize"] = timings.get("serialize", 0.0) + time.perf_counter() - made
    return Chunk(data, count, frozenset(writer.actors), names)


def entity_chunk(actors: Iterable[str], names: Iterable[str]) -> Chunk:
    """The States and organizations the documents named, and one node per person."""
    from ccm_graph.nlp import link
    from ccm_graph.rdf import graph

    triples = _Triples()
    for actor in sorted(set(actors)):
        graph.add_actor(cast(Graph, triples), actor)
    for key, name in sorted(link.display_names(list(names)).items()):
        person = graph.ID[f"person/{key}"]
        triples.add((person, RDF.type, FOAF.Person))
        triples.add((person, FOAF.name, RdfLiteral(name)))
        triples.add((person, RDFS.label, RdfLiteral(name)))
    data, count = turtle_body(triples)
    return Chunk(data, count)


def reference_chunk(reference: Path | None = None) -> Chunk:
    """The reference data (articles, areas, code lists) every graph starts with."""
    from ccm_graph import resources
    from ccm_graph.rdf import graph

    path = reference or resources.require(graph.REFERENCE)
    parsed = pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    triples = sorted({pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in parsed}, key=str)
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE, prefixes=BODY_PREFIXES)
    return Chunk(_without_prefix_lines(data or b""), len(triples))


class TurtleStream:
    """A Turtle file written one chunk at a time, atomically (renamed into place on close).

    >>> with TurtleStream(Path("build/ccm.ttl")) as out:  # doctest: +SKIP
    ...     for document_facts in documents:
    ...         out.write(document_chunk(document_facts))

    The prefix lines and the reference data come first; closing writes the entities the
    chunks named (`entity_chunk`). On an exception the file is not replaced.
    """

    def __init__(self, path: Path, reference: Path | None = None) -> None:
        self.path = path
        self.reference = reference
        self.triples = 0  # triples written (one shared node written by two chunks counts twice)
        self.actors: set[str] = set()
        self.names: set[str] = set()
        self._temporary: Path | None = None
        self._stream: BinaryIO | None = None

    def __enter__(self) -> TurtleStream:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        self._temporary = Path(temporary)
        self._stream = os.fdopen(handle, "wb", buffering=1 << 20)
        header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
        self._stream.write(header.encode("utf-8"))
        self._write_data(reference_chunk(self.reference))
        return self

    def write(self, chunk: Chunk) -> None:
        """Append one document's chunk; its entities are written on close."""
        self._write_data(chunk)
        self.actors |= chunk.actors
        self.names.update(chunk.names)

    def _write_data(self, chunk: Chunk) -> None:
        if self._stream is None:
            raise ValueError("TurtleStream is not open: use it in a `with` block")
        if chunk.data:
            self._stream.write(b"\n" + chunk.data)
        self.triples += chunk.triples

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        stream, temporary = self._stream, self._temporary
        self._stream = None
        if stream is None or temporary is None:
            return
        try:
            if error is None:
                entities = entity_chunk(self.actors, self.names)
                stream.write(b"\n" + entities.data)
                self.triples += entities.triples
                stream.flush()
                os.fsync(stream.fileno())
            stream.close()
            if error is None:
                os.replace(temporary, self.path)
        finally:
            temporary.unlink(missing_ok=True)


def save_documents(documents: Iterable[DocumentFacts], path: Path) -> int:
    """Write the graph of `documents` as Turtle, one document at a time: the same triples as
    `save(graph.build_graph(documents), path)` in a fraction of the time and memory.

    Returns the number of triples written (a node two documents share counts twice)."""
    with TurtleStream(path) as out:
        for document_facts in documents:
            out.write(document_chunk(document_facts))
    return out.triples


def _sort_key(triple: tuple[Any, Any, Any]) -> tuple[str, str, str, str]:
    subject, predicate, value = triple
    kind = f"{getattr(value, 'datatype', None) or ''}@{getattr(value, 'language', None) or ''}"
    return str(subject), str(predicate), str(value), f"{type(value).__name__}{kind}"


_NODES: dict[str, pyoxigraph.NamedNode] = {}


def _ox(term: Any) -> Any:
    """An rdflib term as a pyoxigraph term (named nodes kept: predicates and classes repeat)."""
    if isinstance(term, URIRef):
        key = str(term)
        node = _NODES.get(key)
        if node is None:
            node = _NODES[key] = pyoxigraph.NamedNode(key)
            if len(_NODES) > 100_000:  # instance IRIs rarely repeat: keep the cache small
                _NODES.clear()
        return node
    if isinstance(term, RdfLiteral):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=_ox(term.datatype))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _without_prefix_lines(data: bytes) -> bytes:
    position = 0
    while data.startswith(b"@prefix ", position):
        position = data.index(b"\n", position) + 1
    return data[position:]


# --- on-disk stores -------------------------------------------------------------------------


def is_disk_store(path: Path) -> bool:
    """Whether `path` is a folder holding an Oxigraph (RocksDB) store."""
    return path.is_dir() and (path / "CURRENT").is_file()


def load_disk_store(graph_file: Path, directory: Path) -> int:
    """Load a Turtle file into an on-disk Oxigraph store at `directory`, replacing what it
    held: built beside it, then swapped in, so a reader never sees half a store.

    Returns the number of triples in the store."""
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
    size; several readers may share it)."""
    if not is_disk_store(directory):
        raise errors.InputError(directory, errors.NOT_A_STORE.format(path=directory))
    return pyoxigraph.Store.read_only(str(directory))


def fast_turtle(graph: Graph) -> bytes:
    """An rdflib Graph as Turtle through Oxigraph's writer (~10x faster than rdflib's),
    sorted, so the same graph always gives the same bytes."""
    header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    body, _ = turtle_body(graph)
    return header.encode("utf-8") + b"\n" + body
