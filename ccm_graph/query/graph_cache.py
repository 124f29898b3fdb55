"""What lookups keep beside a graph file so that they need not read the Turtle again.

A graph file `build/ccm.ttl` gets a folder `build/.ccm.ttl.cache/<hash>/`, keyed by the
SHA-256 of the file's bytes: an on-disk Oxigraph store of its triples (opened read-only in
milliseconds, where parsing the Turtle of a 100x graph takes seconds) and whatever else a
lookup derives from the graph (`analysis.lookup` keeps the network sections there). A
changed file has another hash, so a stale cache is never read; the folders of older hashes
are removed when a new one is made. The hash itself is remembered against the file's size,
modification time and inode, so an unchanged file is not hashed again.

When the folder cannot be written (a read-only place), the graph is read into memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph

from ccm_graph import errors

STORE = "store"
_STAMP = "stamp.json"


def folder_of(graph: Path) -> Path:
    """The cache folder of a graph file (one subfolder per hash)."""
    return graph.parent / f".{graph.name}.cache"


def graph_hash(graph: Path) -> str:
    """The SHA-256 of the file, reused while its size, mtime and inode are unchanged."""
    status = graph.stat()
    stamp = [status.st_size, status.st_mtime_ns, status.st_ino]
    stamp_file = folder_of(graph) / _STAMP
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        known = json.loads(stamp_file.read_text(encoding="utf-8"))
        if known["stamp"] == stamp:
            return str(known["sha256"])
    digest = hashlib.sha256()
    with graph.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    value = digest.hexdigest()
    with contextlib.suppress(OSError):
        stamp_file.parent.mkdir(parents=True, exist_ok=True)
        _write_text(stamp_file, json.dumps({"stamp": stamp, "sha256": value}))
    return value


def keyed_folder(graph: Path) -> Path:
    """`<cache folder>/<hash>`: where what is derived from this version of the graph goes."""
    return folder_of(graph) / graph_hash(graph)[:32]


def open_store(graph: Path) -> pyoxigraph.Store:
    """The graph's triples, from its cached on-disk store (made on first use), else parsed
    into memory.

    Raises:
        InputError: the file is missing or is not Turtle (N-Triples is Turtle too).
    """
    if not graph.is_file():
        raise errors.InputError(graph, errors.NO_GRAPH)
    try:
        folder = keyed_folder(graph)
        if not (folder / STORE / "CURRENT").is_file():
            _make_store(graph, folder)
        return pyoxigraph.Store.read_only(str(folder / STORE))
    except SyntaxError as error:
        raise errors.InputError(graph, errors.NOT_A_GRAPH.format(reason=error)) from error
    except OSError:
        return _in_memory(graph)  # no room or no right to write beside it: read it each time


def _make_store(graph: Path, folder: Path) -> None:
    """Load the graph into a new on-disk store, then move it into place (another process
    making the same store at the same time loses the race harmlessly)."""
    folder.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".store.", dir=folder))
    try:
        disk = pyoxigraph.Store(str(fresh))
        disk.bulk_load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
        disk.optimize()
        del disk  # closes the database before it moves
        with contextlib.suppress(OSError):
            os.rename(fresh, folder / STORE)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    for other in folder.parent.iterdir():
        if other.is_dir() and other != folder:
            shutil.rmtree(other, ignore_errors=True)  # the caches of older versions


def _in_memory(graph: Path) -> pyoxigraph.Store:
    memory = pyoxigraph.Store()
    try:
        memory.bulk_load(path=str(graph), format=pyoxigraph.RdfFormat.TURTLE)
    except SyntaxError as error:
        raise errors.InputError(graph, errors.NOT_A_GRAPH.format(reason=error)) from error
    return memory


def _write_text(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
