"""The graph in memory as an rdflib Graph: the writer's stream into an rdflib sink.

For notebooks and tests on a small corpus (`ccm_graph.build(source)` without an output).
The parts are the same Turtle a file gets, parsed into the Graph, so the two can never
differ. For anything large, write a file (turtle.py) or an Oxigraph store (store.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from ccm_graph import files
from ccm_graph.model import DocumentFacts
from ccm_graph.rdf import writer
from ccm_graph.rdf.namespace import PREFIXES, turtle_prefixes


def new_graph() -> Graph:
    """An empty Graph with the prefix map bound."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True)
    return graph


class GraphSink:
    """Parses each part into `graph`."""

    def __init__(self, graph: Graph | None = None) -> None:
        self.graph = new_graph() if graph is None else graph
        self._header = turtle_prefixes()

    def write(self, data: bytes) -> None:
        self.graph.parse(data=self._header + data.decode("utf-8"), format="turtle")


def build_graph(
    documents: Iterable[DocumentFacts], rules: writer.RuleCatalog | None = None
) -> Graph:
    """The whole dataset: reference data, each document's facts, the entities they name."""
    sink = GraphSink()
    with writer.GraphWriter(sink, rules) as out:
        for document_facts in sorted(documents, key=lambda d: d.document.doc_id):
            out.write(writer.document_chunk(document_facts, rules))
    return sink.graph


# --- an rdflib Graph out: Turtle through Oxigraph's writer, and stores ----------------------


def turtle(graph: Graph) -> bytes:
    """An rdflib Graph as Turtle through Oxigraph's writer (~40x faster than rdflib's),
    sorted, so the same graph always gives the same bytes."""
    body, _ = writer.turtle_body(to_oxigraph(triple) for triple in graph)
    return turtle_prefixes().encode("utf-8") + b"\n" + body


def save(graph: Graph, path: Path) -> None:
    """Write `graph` as Turtle, atomically."""
    files.write_atomically(path, turtle(graph))


_NODES: dict[str, pyoxigraph.NamedNode] = {}


def to_oxigraph(triple: tuple[Any, Any, Any]) -> pyoxigraph.Triple:
    """An rdflib triple as a pyoxigraph Triple."""
    subject, predicate, value = triple
    return pyoxigraph.Triple(_term(subject), _term(predicate), _term(value))


def _term(term: Any) -> Any:
    if isinstance(term, URIRef):
        key = str(term)
        node = _NODES.get(key)
        if node is None:
            node = _NODES[key] = pyoxigraph.NamedNode(key)
            if len(_NODES) > 100_000:  # instance IRIs rarely repeat: keep the cache small
                _NODES.clear()
        return node
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        if term.datatype:
            return pyoxigraph.Literal(str(term), datatype=_term(term.datatype))
        return pyoxigraph.Literal(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")
