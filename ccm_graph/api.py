"""The public Python API, for notebooks and scripts: build, load, query, who.

import ccm_graph
ccm_graph.build("corpus", "build/ccm.ttl")
columns, rows = ccm_graph.query("build/ccm.ttl", "coordinators")
ccm_graph.query("build/ccm.ttl", "area-coordinators-and-representatives", {"area": "clearance"})
ccm_graph.who("build/ccm.ttl", "Sri Lanka")["sections"]["areas coordinated"]
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pyoxigraph

from ccm_graph import resolve
from ccm_graph.query import graph_cache, named, results, sparql
from ccm_graph.rdf import prefixes, store

if TYPE_CHECKING:
    from ccm_graph import pipeline
    from ccm_graph.analysis.networks import NetworkReport

QUERIES_DIR = named.QUERIES_DIR
WHO_QUERIES = Path(__file__).resolve().parent / "query" / "who"
GraphSource = Path | str | pyoxigraph.Store
# The competency questions: the graph's contract, with fixed names and variables (queries/).
COMPETENCY_QUERIES = (
    "meetings",
    "attendance",
    "delegates",
    "coordinators",
    "presidencies",
    "article-mentions",
    "obligations",
    "decisions",
    "meeting-links",
    "people",
)


def build(
    source: Path | str,
    output: Path | str | None = None,
    options: pipeline.BuildOptions | None = None,
    on_file: pipeline.Progress | None = None,
) -> pipeline.BuildResult:
    """Build the graph from a document or folder. With `output`, stream it there as Turtle;
    without, return it in memory as `result.graph` (an rdflib Graph).

    `options` sets worker processes, cache folder, size limit and validation; `on_file` is
    called with each file's report as it is done."""
    from ccm_graph import pipeline  # spaCy loads only when something is built

    # With an output the graph is written document by document: memory holds one
    # document's triples, never the whole graph as rdflib objects.
    target = None if output is None else Path(output)
    return pipeline.build(Path(source), options, on_file, target)


def load(graph: GraphSource) -> pyoxigraph.Store:
    """A queryable store from a Turtle file, an on-disk store made by `ccm-graph load`, or
    the store itself. A Turtle file is read once: later calls open the on-disk copy kept
    beside it (`query.graph_cache`, keyed by the file's hash).

    Raises:
        InputError: no such file, or a file that is not a Turtle graph.
    """
    if isinstance(graph, pyoxigraph.Store):
        return graph
    path = Path(graph)
    if store.is_disk_store(path):
        return store.open_disk_store(path)
    return graph_cache.open_store(path)


def read_query(name: str) -> str:
    """A query's text: SPARQL text, a .rq/.sparql file, or the name of one in queries/.

    Raises:
        QueryError: a query file that does not exist, or an unknown name.
    """
    return named.read_query(name)


def query(
    graph: GraphSource,
    sparql_or_name: str,
    params: Mapping[str, str | sparql.Term] | None = None,
) -> tuple[list[str], list[results.Row]]:
    """Run a query (text, file or named) on a graph; returns (columns, rows).

    Any form runs: ASK answers one row `{"result": "true"}` or `"false"`; CONSTRUCT and
    DESCRIBE answer subject, predicate, object rows in N-Triples notation.

    Args:
        graph: a Turtle file, an on-disk store folder, or a pyoxigraph Store.
        sparql_or_name: SPARQL text, a query file, or a name from queries/.
        params: variables bound before the query runs, as RDF terms (a string is read as a
            Turtle term when it is one, else as plain text: see `query.sparql.term`).
    """
    return results.table(sparql.run(load(graph), read_query(sparql_or_name), params))


PREFIXES = prefixes.sparql_prefixes()
SECTIONS = {  # the kind of node -> its sections: title and query file in query/who/
    "Thematic area": {"coordinators": "area-coordinators"},
    "Person": {"represented": "person-represented", "presided": "person-presided"},
    "actor": {
        "areas coordinated": "actor-areas",
        "presidencies": "actor-presidencies",
        "meetings attended": "actor-meetings",
        "obligations": "actor-obligations",
    },
}
SECTION_ORDER = {"area-coordinators": ("years", "actor")}  # sorted after the lists are tidied
_LISTS = {"years": " ", "documents": " ", "represented_by": "; ", "delegates": "; "}


def _who_query(name: str) -> str:
    return (WHO_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _tidy(column: str, value: results.Value) -> results.Value:
    """Lists built by GROUP_CONCAT come back unordered: sort them, drop empty items."""
    separator = _LISTS.get(column)
    if separator is None or not isinstance(value, str):
        return value
    return separator.join(sorted({item for item in value.split(separator) if item.strip()}))


def who(graph: GraphSource, name: str) -> dict[str, Any]:
    """Everything the graph says a State, organization, person or thematic area works on.

    `name` is resolved by `ccm_graph.resolve`: a label, code, alias ("UK", "Laos") or the
    whole words of one name ("Moraga").

    Returns:
        {"iri", "label", "sections": {title: rows}}, the sections by kind of node, then
        its partners and centrality in the networks (cached beside a graph file).

    Raises:
        errors.NameNotFound: no entity (or more than one) has that name; the message offers
            the nearest names ("did you mean").
        errors.CcmGraphError: `name` is empty.
    """
    from ccm_graph.analysis import lookup  # networkx loads only for a lookup

    graph_store = load(graph)
    found = resolve.Resolver(resolve.candidates(graph_store)).resolve(name)
    node, kind = found.iri, found.kind
    profile: dict[str, Any] = {"iri": node, "label": found.label, "sections": {}}
    folder = None if isinstance(graph, pyoxigraph.Store) else _cache_folder(Path(graph))
    rows = _profile(graph_store, node, folder)
    for title, query_name in SECTIONS.get(kind, SECTIONS["actor"]).items():
        profile["sections"][title] = rows.get(query_name, [])
    profile["sections"].update(lookup.sections(graph_store, node, folder))
    return profile


def _section_rows(
    graph_store: pyoxigraph.Store, query_name: str, node: str | None = None
) -> dict[str, list[dict[str, Any]]]:
    """A section's rows by node: for one node, or for every node at once (unbound)."""
    bound = {"node": pyoxigraph.NamedNode(node)} if node else None
    solutions = cast(
        "pyoxigraph.QuerySolutions", sparql.run(graph_store, _who_query(query_name), bound)
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for row in results.rows(solutions):
        owner = str(row.pop("node"))
        found.setdefault(owner, []).append({c: _tidy(c, v) for c, v in row.items()})
    order = SECTION_ORDER.get(query_name)
    if order:  # ordered by a list SPARQL made: sorted again once the lists are tidied
        for owned in found.values():
            owned.sort(key=lambda row: tuple(str(row[c] or "") for c in order))
    return found


def _profile(
    graph_store: pyoxigraph.Store, node: str, folder: Path | None
) -> dict[str, list[dict[str, Any]]]:
    """The node's rows of every section query, from the table kept beside the graph (made
    for every node by the first lookup: a warm lookup is then one row read), or queried."""
    from ccm_graph.analysis import lookup

    names = sorted({name for sections in SECTIONS.values() for name in sections.values()})
    if folder is None:
        return {name: _section_rows(graph_store, name, node).get(node, []) for name in names}
    table = folder / lookup.PROFILE_FILE
    with contextlib.suppress(OSError, ValueError):
        cached = lookup.read_table(table, node, {})
        if cached is not None:
            return cached
    every = {name: _section_rows(graph_store, name) for name in names}
    owners = sorted({owner for rows in every.values() for owner in rows})
    with contextlib.suppress(OSError):
        lookup.write_table(
            table,
            ((owner, {n: every[n][owner] for n in names if owner in every[n]}) for owner in owners),
        )
    return {name: every[name].get(node, []) for name in names}


def _cache_folder(graph: Path) -> Path | None:
    if not graph.is_file():
        return None  # an on-disk store: its sections are computed per call
    try:
        return graph_cache.keyed_folder(graph)
    except OSError:
        return None


def network(source: Path | str, out: Path | str, explorer: str = "") -> NetworkReport:
    """Build, measure and export every network of a graph file (or of a folder of
    documents, built first) under `out`; the partners and centrality `who` shows are kept
    beside a graph file on the way. The HTML page links each node to its entity page in
    the explorer at `explorer` (a running `ccm-graph serve`), else to the node's IRI.

    Raises:
        InputError: no such graph file, or a file that is not a Turtle graph.
    """
    from ccm_graph.analysis import lookup
    from ccm_graph.analysis import networks as analysis

    path = Path(source)
    folder = None
    if (path.is_dir() and not store.is_disk_store(path)) or path.suffix in {".txt", ".md"}:
        built = build(path)
        graph_store = store.store_of(built.graph) if built.graph is not None else None
    else:
        graph_store = load(path)
        folder = _cache_folder(path)
    facts = analysis.load_facts(graph_store or pyoxigraph.Store())
    report = analysis.write_outputs(facts, Path(out), explorer)
    if folder is not None:
        with contextlib.suppress(OSError):
            lookup.write(folder, facts, report.networks)
    return report
