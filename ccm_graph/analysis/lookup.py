"""Partners and centrality for `ccm-graph who`, computed once per graph and kept beside it.

Measuring the networks (betweenness above all) costs seconds on a large graph; a lookup
must cost milliseconds. So the sections of every node are computed in one pass, by the
first lookup or by `ccm-graph network`, and written to an SQLite table in the graph's cache
folder (`query.graph_cache`, keyed by the graph's hash): a lookup reads one row.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph

if TYPE_CHECKING:  # networkx loads only when the sections are computed, not when read
    from ccm_graph.analysis import networks as analysis

TABLE_FILE = "who-sections.sqlite"
PROFILE_FILE = "who-profiles.sqlite"  # the graph's own sections of each node (api.who)
ID_NAMESPACE = "https://w3id.org/ccm-graph/id/"  # rows are keyed by short ids, as the networks
Sections = dict[str, list[dict[str, Any]]]
EMPTY: Sections = {"partners": [], "centrality": []}


def write(
    folder: Path,
    facts: analysis.Facts,
    networks: dict[Any, Any] | None = None,
) -> Path:
    """Write every node's sections to `folder/who-sections.sqlite` (atomically)."""
    from ccm_graph.analysis import networks as analysis

    return write_table(folder / TABLE_FILE, analysis.who_sections_of_all(facts, networks))


def write_table(path: Path, rows: Iterable[tuple[str, Any]]) -> Path:
    """An SQLite table node -> JSON, written beside and renamed into place (0644)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as database:
            database.execute("CREATE TABLE sections (node TEXT PRIMARY KEY, data TEXT)")
            database.executemany(
                "INSERT INTO sections VALUES (?, ?)",
                ((node, json.dumps(found, ensure_ascii=False)) for node, found in rows),
            )
            database.commit()
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def read_table(path: Path, node: str, default: Any) -> Any | None:
    """One node's data from a table made by `write_table` (`default` when the node has no
    row), or None when there is no table yet."""
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as database:
            found = database.execute("SELECT data FROM sections WHERE node = ?", (node,)).fetchone()
    except sqlite3.Error:
        return None  # a damaged table is made again
    return json.loads(found[0]) if found else default


def read(folder: Path, node_iri: str) -> Sections | None:
    """One node's sections from the table, or None when there is no table yet."""
    return read_table(folder / TABLE_FILE, node_iri.removeprefix(ID_NAMESPACE), dict(EMPTY))


def sections(graph_store: pyoxigraph.Store, node_iri: str, folder: Path | None) -> Sections:
    """The node's partners and centrality: from the table in `folder`, made first if need be
    (without a folder, computed for this call only)."""
    from ccm_graph.analysis import networks as analysis

    if folder is None:
        return analysis.who_sections(graph_store, node_iri)
    with contextlib.suppress(sqlite3.Error, OSError):
        found = read(folder, node_iri)
        if found is not None:
            return found
    facts = analysis.load_facts(graph_store)
    try:
        write(folder, facts)
        found = read(folder, node_iri)
    except (sqlite3.Error, OSError):
        found = None  # a folder we cannot write: answer all the same
    return found if found is not None else analysis.who_sections(graph_store, node_iri)
