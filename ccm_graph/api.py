"""The public Python API, for notebooks and scripts: build, load, query, who.

>>> import ccm_graph
>>> ccm_graph.build("corpus", "build/ccm.ttl")
>>> columns, rows = ccm_graph.query("build/ccm.ttl", "coordinators")
>>> ccm_graph.who("build/ccm.ttl", "Sri Lanka")["sections"]["areas coordinated"]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyoxigraph

from ccm_graph import errors, pipeline, resolve, resources
from ccm_graph.analysis import networks as analysis
from ccm_graph.rdf import store

QUERIES_DIR = resources.QUERIES_DIR
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
    # With an output the graph is written document by document: memory holds one
    # document's triples, never the whole graph as rdflib objects.
    target = None if output is None else Path(output)
    return pipeline.build(Path(source), options, on_file, target)


def load(graph: GraphSource) -> pyoxigraph.Store:
    """A queryable store from a Turtle file (or the store itself)."""
    if isinstance(graph, pyoxigraph.Store):
        return graph
    path = Path(graph)
    if not path.is_file():
        raise errors.InputError(path, errors.NO_GRAPH)
    return store.open_store(path)


def read_query(name: str) -> str:
    """A query's text: a SPARQL string, a .rq file, or the name of one in queries/."""
    if re.search(r"(?i)\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", name):
        return name
    path = Path(name)
    if path.suffix == ".rq" and path.is_file():
        return path.read_text(encoding="utf-8")
    named = QUERIES_DIR / f"{name}.rq"
    if named.is_file():
        return named.read_text(encoding="utf-8")
    if not QUERIES_DIR.is_dir():  # a broken installation, not an unknown name
        raise errors.InputError(QUERIES_DIR, errors.MISSING_PACKAGE_FILE)
    known = ", ".join(sorted(p.stem for p in QUERIES_DIR.glob("*.rq")))
    raise errors.CcmGraphError(errors.UNKNOWN_QUERY.format(name=name, known=known))


def query(graph: GraphSource, sparql_or_name: str) -> tuple[list[str], list[store.Row]]:
    """Run a SELECT query (text, file or named) on a graph; returns (columns, rows)."""
    return store.select(load(graph), read_query(sparql_or_name))


PREFIXES = """
PREFIX ccm: <https://w3id.org/ccm-graph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
AREA_SECTIONS = {
    "coordinators": """
SELECT ?actor ?actor_name (GROUP_CONCAT(DISTINCT ?year; separator=" ") AS ?years)
       (GROUP_CONCAT(DISTINCT ?person; separator="; ") AS ?represented_by)
       (GROUP_CONCAT(DISTINCT ?doc; separator=" ") AS ?documents) WHERE {
  ?f a ccm:CoordinatorMandate ; ccm:area ?node ; org:member ?a ; prov:wasDerivedFrom ?document .
  ?a skos:notation ?actor ; skos:prefLabel ?actor_name .
  ?document dcterms:identifier ?doc .
  OPTIONAL { ?f ccm:termYear ?t } OPTIONAL { ?f ccm:meeting/schema:startDate ?d }
  BIND(COALESCE(STR(?t), STR(YEAR(?d)), "") AS ?year)
  OPTIONAL { ?r a ccm:Representation ; opengov:onBehalfOf ?a ; prov:wasDerivedFrom ?document ;
                org:member/foaf:name ?person }
} GROUP BY ?actor ?actor_name ORDER BY ?years ?actor""",
}
ACTOR_SECTIONS = {
    "areas coordinated": """
SELECT ?area (GROUP_CONCAT(DISTINCT ?year; separator=" ") AS ?years)
       (GROUP_CONCAT(DISTINCT ?doc; separator=" ") AS ?documents) WHERE {
  ?f a ccm:CoordinatorMandate ; org:member ?node ; ccm:area/skos:prefLabel ?area ;
     prov:wasDerivedFrom/dcterms:identifier ?doc .
  OPTIONAL { ?f ccm:termYear ?t } OPTIONAL { ?f ccm:meeting/schema:startDate ?d }
  BIND(COALESCE(STR(?t), STR(YEAR(?d)), "") AS ?year)
} GROUP BY ?area ORDER BY ?area""",
    "presidencies": """
SELECT ?msp ?role ?person WHERE {
  ?f a ccm:PresidencyMandate ; org:member ?node ; ccm:msp/ccm:ordinal ?msp ;
     ccm:presidencyRole/skos:notation ?role .
  OPTIONAL { ?f ccm:presidingPerson/foaf:name ?person }
} ORDER BY ?msp""",
    "meetings attended": """
SELECT ?doc ?date ?status (GROUP_CONCAT(DISTINCT ?person; separator="; ") AS ?delegates) WHERE {
  ?f a ccm:Attendance ; ccm:actor ?node ; ccm:attendanceStatus/skos:notation ?status ;
     prov:wasDerivedFrom ?document .
  ?document dcterms:identifier ?doc .
  OPTIONAL { ?f ccm:meeting/schema:startDate ?date }
  OPTIONAL { ?r a ccm:Representation ; opengov:onBehalfOf ?node ; prov:wasDerivedFrom ?document ;
                org:member/foaf:name ?person }
} GROUP BY ?doc ?date ?status ORDER BY ?date ?doc""",
    "obligations": """
SELECT ?article ?event ?doc WHERE {
  ?f a ccm:ObligationEvent ; ccm:actor ?node ; ccm:article/ccm:articleNumber ?article ;
     ccm:eventType/skos:notation ?event ; prov:wasDerivedFrom/dcterms:identifier ?doc .
} ORDER BY ?article ?event ?doc""",
}
PERSON_SECTIONS = {
    "represented": """
SELECT ?actor ?actor_name ?doc ?date ?written WHERE {
  ?f a ccm:Representation ; org:member ?node ; opengov:onBehalfOf ?a ;
     ccm:nameAsWritten ?written ; prov:wasDerivedFrom/dcterms:identifier ?doc .
  ?a skos:notation ?actor ; skos:prefLabel ?actor_name .
  OPTIONAL { ?f ccm:meeting/schema:startDate ?date }
} ORDER BY ?date ?doc""",
    "presided": """
SELECT ?msp ?role ?state WHERE {
  ?f a ccm:PresidencyMandate ; ccm:presidingPerson ?node ; ccm:msp/ccm:ordinal ?msp ;
     ccm:presidencyRole/skos:notation ?role ; org:member/skos:prefLabel ?state .
} ORDER BY ?msp""",
}


def _tidy(column: str, value: store.Row | str | int | float | None):
    """Lists built by GROUP_CONCAT come back unordered: sort them, drop empty items."""
    if column in ("years", "documents") and isinstance(value, str):
        return " ".join(sorted(set(value.split())))
    return value


def who(graph: GraphSource, name: str) -> dict[str, Any]:
    """Everything the graph says a State, organization, person or thematic area works on.

    `name` is resolved by `ccm_graph.resolve`: a label, code, alias ("UK", "Laos") or the
    whole words of one name ("Moraga").

    Raises:
        errors.NameNotFound: no entity (or more than one) has that name; the message offers
            the nearest names ("did you mean").
        errors.CcmGraphError: `name` is empty.
    """
    graph_store = load(graph)
    found = resolve.Resolver(resolve.candidates(graph_store)).resolve(name)
    node = pyoxigraph.NamedNode(found.iri)
    sections = {"Person": PERSON_SECTIONS, "Thematic area": AREA_SECTIONS}.get(
        found.kind, ACTOR_SECTIONS
    )
    profile: dict[str, Any] = {"iri": found.iri, "label": found.label, "sections": {}}
    for title, body in sections.items():
        solutions = graph_store.query(PREFIXES + body.replace("?node", str(node)))
        variables = [v.value for v in solutions.variables]
        profile["sections"][title] = [
            {v: _tidy(v, store._value(s[v])) for v in variables} for s in solutions
        ]
    profile["sections"].update(analysis.who_sections(graph_store, node.value))  # partners, ranks
    return profile
