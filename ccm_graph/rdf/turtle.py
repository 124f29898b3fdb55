"""The graph as one Turtle file, streamed: a `Sink` that appends each part as it comes.

Memory holds one document's triples at a time (and the names of the shared nodes), so the
size of the corpus does not bound the build. The file is written atomically: it replaces
the old one only when the writer closes without an error (files.atomic_writer).

Example::

    with GraphWriter(TurtleSink.open(Path("build/ccm.ttl"))) as out:
        out.write(document_chunk(document_facts))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ccm_graph import files
from ccm_graph.model import DocumentFacts
from ccm_graph.rdf import writer
from ccm_graph.rdf.namespace import turtle_prefixes


class TurtleSink:
    """Appends the writer's parts to a binary stream, after the prefix lines."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        stream.write(turtle_prefixes().encode("utf-8"))

    def write(self, data: bytes) -> None:
        self.stream.write(b"\n" + data)


@contextmanager
def turtle_file(path: Path) -> Iterator[TurtleSink]:
    """A sink writing `path` atomically: replaced on a normal exit, left as it was on an
    exception (KeyboardInterrupt included), no temporary file left either way."""
    with files.atomic_writer(path) as stream:
        yield TurtleSink(stream)


def save_documents(
    documents: Iterable[DocumentFacts], path: Path, rules: writer.RuleCatalog | None = None
) -> int:
    """Write the graph of `documents` as Turtle, one document at a time.

    Returns the number of triples written."""
    with turtle_file(path) as sink, writer.GraphWriter(sink, rules) as out:
        for document_facts in documents:
            out.write(writer.document_chunk(document_facts, rules))
    return out.triples
