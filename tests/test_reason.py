"""OWL reasoning with HermiT: the inferences users care about, inconsistencies named by
individual, and inferred facts kept in their own named graph. Needs Java (`make test`
installs a headless JRE when `java` is missing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef

from ccm_graph.publish import ontology, reason

pytestmark = pytest.mark.java

CCM = reason.CCM
ID = reason.ID
PREFIXES = """
@prefix ccm: <https://w3id.org/ccm-graph/ontology#> .
@prefix id: <https://w3id.org/ccm-graph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix org: <http://www.w3.org/ns/org#> .
"""
# Sri Lanka coordinates victim assistance (Article 5) and has an Article 4 event; Chile has
# only an Article 3 event. Ann represented Chile and then the CMC; Bob represented Chile
# twice.
SMALL = """
<https://w3id.org/ccm-graph/id/area/victim-assistance> a ccm:ThematicArea ;
    dcterms:subject <https://w3id.org/ccm-graph/id/article/5> .
<https://w3id.org/ccm-graph/id/article/3> a ccm:Article .
<https://w3id.org/ccm-graph/id/article/4> a ccm:Article .
<https://w3id.org/ccm-graph/id/article/5> a ccm:Article .
<https://w3id.org/ccm-graph/id/state/LKA> a ccm:State .
<https://w3id.org/ccm-graph/id/state/CHL> a ccm:State .
<https://w3id.org/ccm-graph/id/org/CMC> a ccm:Organization .
<https://w3id.org/ccm-graph/id/person/ann> a foaf:Person .
<https://w3id.org/ccm-graph/id/person/bob> a foaf:Person .
<https://w3id.org/ccm-graph/id/fact/d/m1> a ccm:CoordinatorMandate ;
    org:member <https://w3id.org/ccm-graph/id/state/LKA> ;
    ccm:area <https://w3id.org/ccm-graph/id/area/victim-assistance> .
<https://w3id.org/ccm-graph/id/fact/d/o1> a ccm:ObligationEvent ;
    ccm:actor <https://w3id.org/ccm-graph/id/state/LKA> ;
    ccm:article <https://w3id.org/ccm-graph/id/article/4> .
<https://w3id.org/ccm-graph/id/fact/d/o2> a ccm:ObligationEvent ;
    ccm:actor <https://w3id.org/ccm-graph/id/state/CHL> ;
    ccm:article <https://w3id.org/ccm-graph/id/article/3> .
<https://w3id.org/ccm-graph/id/fact/d/r1> a ccm:Representation ;
    org:member <https://w3id.org/ccm-graph/id/person/ann> ;
    opengov:onBehalfOf <https://w3id.org/ccm-graph/id/state/CHL> .
<https://w3id.org/ccm-graph/id/fact/d/r2> a ccm:Representation ;
    org:member <https://w3id.org/ccm-graph/id/person/ann> ;
    opengov:onBehalfOf <https://w3id.org/ccm-graph/id/org/CMC> .
<https://w3id.org/ccm-graph/id/fact/d/r3> a ccm:Representation ;
    org:member <https://w3id.org/ccm-graph/id/person/bob> ;
    opengov:onBehalfOf <https://w3id.org/ccm-graph/id/state/CHL> .
<https://w3id.org/ccm-graph/id/fact/e/r4> a ccm:Representation ;
    org:member <https://w3id.org/ccm-graph/id/person/bob> ;
    opengov:onBehalfOf <https://w3id.org/ccm-graph/id/state/CHL> .
"""
# One node typed both State and organization; a delegate who is a State.
CLASHING = """
<https://w3id.org/ccm-graph/id/org/XYZ> a ccm:State , ccm:Organization .
<https://w3id.org/ccm-graph/id/state/FRA> a ccm:State .
<https://w3id.org/ccm-graph/id/fact/d/r1> a ccm:Representation ;
    org:member <https://w3id.org/ccm-graph/id/state/FRA> .
"""


def turtle(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + body, format="turtle")


@pytest.fixture(scope="module")
def small() -> reason.ReasoningResult:
    return reason.reason(turtle(SMALL))


def test_coordinator_of_victim_assistance_works_on_article_5(
    small: reason.ReasoningResult,
) -> None:
    lka = ID["state/LKA"]
    assert (lka, CCM.coordinates, ID["area/victim-assistance"]) in small.inferred
    assert (lka, CCM.worksOn, ID["article/5"]) in small.inferred
    assert not list(small.inferred.triples((ID["state/CHL"], CCM.worksOn, None)))


def test_state_with_an_article_4_event_is_affected(small: reason.ReasoningResult) -> None:
    affected = set(small.inferred.subjects(RDF.type, CCM.AffectedState))
    assert affected == {ID["state/LKA"]}


def test_person_who_represented_two_actors_changed_affiliation(
    small: reason.ReasoningResult,
) -> None:
    changed = set(small.inferred.subjects(RDF.type, CCM.PersonWithChangedAffiliation))
    assert changed == {ID["person/ann"]}
    assert (ID["person/bob"], CCM.represented, ID["state/CHL"]) in small.inferred


def test_inferred_facts_are_new_and_in_their_own_named_graph(
    small: reason.ReasoningResult,
) -> None:
    asserted = turtle(SMALL)
    assert small.consistent
    assert all(triple not in asserted for triple in small.inferred)
    dataset = reason.inferred_dataset(small, "small.ttl")
    named = dataset.graph(reason.INFERRED_GRAPH)
    assert len(named) == len(small.inferred)
    assert (reason.INFERRED_GRAPH, None, None) in dataset.default_graph


def test_inconsistencies_name_the_offending_individuals() -> None:
    result = reason.reason(turtle(CLASHING))
    assert not result.consistent
    blamed = {item.individual for item in result.inconsistencies}
    assert blamed == {ID["org/XYZ"], ID["state/FRA"]}
    text = "\n".join(reason.summary_lines(result))
    assert "ccm:State" in text and "disjoint" in text


def test_corpus_graph_is_consistent_with_useful_inferences(
    corpus_graph: Path, tmp_path: Path
) -> None:
    output = tmp_path / "inferred.trig"
    result = reason.reason_file(corpus_graph, output)
    assert result.consistent, result.inconsistencies
    kinds = result.counts()
    for kind in ("ccm:worksOn", "ccm:coordinates", "ccm:represented", "ccm:AffectedState"):
        assert kinds[kind] > 0, kind
    dataset = Dataset().parse(output, format="trig")
    named = dataset.graph(URIRef(reason.INFERRED_GRAPH))
    assert len(named) == len(result.inferred)
    asserted = ontology.read_graph(corpus_graph)
    assert all(triple not in asserted for triple in named)
