"""The ontology (ontology/ccm.ttl) and its reference data (ontology/reference.ttl)."""

from __future__ import annotations

import csv
from pathlib import Path

import owlready2
import pytest
from rdflib import DCTERMS, OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from ccm_graph.publish import ontology as ccm_ontology

ROOT = Path(__file__).parent.parent
ONTOLOGY = ROOT / "ontology" / "ccm.ttl"
REFERENCE = ROOT / "ontology" / "reference.ttl"
AREAS = ROOT / "ccm_graph" / "data" / "areas.tsv"

CCM = Namespace("https://w3id.org/ccm-graph/ontology#")
ID = Namespace("https://w3id.org/ccm-graph/id/")
ONTOLOGY_IRI = "https://w3id.org/ccm-graph/ontology"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def reference() -> Graph:
    return Graph().parse(REFERENCE, format="turtle")


def ccm_terms(graph: Graph) -> set:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {
        term
        for kind in kinds
        for term in graph.subjects(RDF.type, kind)
        if str(term).startswith(str(CCM))
    }


def test_every_ccm_term_is_labelled_defined_and_attributed(ontology: Graph) -> None:
    terms = ccm_terms(ontology)
    assert CCM.State in terms
    assert CCM.evidence in terms
    missing = [
        (term.n3(ontology.namespace_manager), prop.n3(ontology.namespace_manager))
        for term in sorted(terms)
        for prop in (RDFS.label, SKOS.definition, RDFS.isDefinedBy)
        if ontology.value(term, prop) is None
    ]
    assert missing == []
    for term in terms:
        assert str(ontology.value(term, RDFS.isDefinedBy)) == ONTOLOGY_IRI
        assert ontology.value(term, RDFS.label).language == "en"
        assert ontology.value(term, SKOS.definition).language == "en"


def test_owlready2_loads_the_ontology(ontology: Graph, tmp_path: Path) -> None:
    rdfxml = tmp_path / "ccm.owl"
    ontology.serialize(rdfxml, format="xml")
    world = owlready2.World()
    onto = world.get_ontology(rdfxml.as_uri()).load()
    state = onto.search_one(iri=str(CCM.State))
    mandate = onto.search_one(iri=str(CCM.CoordinatorMandate))
    assert state is not None
    assert mandate is not None
    assert onto.search_one(iri=str(CCM.Fact)) in mandate.is_a


def test_reference_has_the_23_articles(reference: Graph) -> None:
    articles = set(reference.subjects(RDF.type, CCM.Article))
    numbers = sorted(reference.value(article, CCM.articleNumber).toPython() for article in articles)
    assert numbers == list(range(1, 24))
    for article in articles:
        number = reference.value(article, CCM.articleNumber).toPython()
        assert article == ID[f"article/{number}"]
        assert str(reference.value(article, DCTERMS.title)).strip()
        assert str(reference.value(article, CCM.text)).strip()
        assert reference.value(article, DCTERMS.isPartOf) == ID.convention
    assert "clearance" in str(reference.value(ID["article/4"], DCTERMS.title)).lower()
    assert (ID.convention, RDF.type, CCM.Convention) in reference


def test_every_area_is_a_concept_with_its_article(reference: Graph) -> None:
    with AREAS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    for row in rows:
        area = ID[f"area/{row['id']}"]
        assert (area, RDF.type, CCM.ThematicArea) in reference
        assert (area, RDF.type, SKOS.Concept) in reference
        assert (area, SKOS.inScheme, ID.area) in reference
        assert (area, SKOS.notation, Literal(row["id"])) in reference
        assert (area, SKOS.prefLabel, Literal(row["label"], lang="en")) in reference
        subjects = set(reference.objects(area, DCTERMS.subject))
        if row["article"].strip():
            assert subjects == {ID[f"article/{row['article'].strip()}"]}
        else:
            assert subjects == set()
    assert (ID.area, RDF.type, SKOS.ConceptScheme) in reference


# --- issue 7: header, generated namespace and documentation --------------------------------

NAMESPACE_FILE = ROOT / "ccm_graph" / "rdf" / "namespace.py"
ONTOLOGY_DOC = ROOT / "docs" / "ontology.md"
AXIOMS = ROOT / "ontology" / "ccm-axioms.ttl"


def test_header_has_version_iri_version_info_and_licence(ontology: Graph) -> None:
    header = URIRef(ONTOLOGY_IRI)
    version = str(ontology.value(header, OWL.versionInfo))
    assert str(ontology.value(header, OWL.versionIRI)) == f"{ONTOLOGY_IRI}/{version}"
    assert ontology.value(header, DCTERMS.license) is not None
    assert ontology.value(header, DCTERMS.title) is not None


def test_generated_namespace_is_current(ontology: Graph) -> None:
    expected = ccm_ontology.namespace_source(ccm_ontology.vocabulary())
    assert NAMESPACE_FILE.read_text(encoding="utf-8") == expected, (
        "run: python scripts/make_namespace.py"
    )


def test_namespace_knows_every_term_and_fails_on_others(ontology: Graph) -> None:
    from ccm_graph.rdf.namespace import CCM as GENERATED

    for term in ccm_terms(ontology):
        assert getattr(GENERATED, str(term)[len(str(CCM)) :]) == term
    with pytest.raises(AttributeError):
        _ = GENERATED.Stat


def test_ontology_doc_is_current() -> None:
    axioms = Graph().parse(AXIOMS, format="turtle")
    expected = ccm_ontology.ontology_markdown(ccm_ontology.vocabulary(), axioms)
    assert ONTOLOGY_DOC.read_text(encoding="utf-8") == expected, (
        "run: python scripts/make_ontology_doc.py"
    )


def test_ontology_doc_lists_every_term_and_has_a_diagram(ontology: Graph) -> None:
    text = ONTOLOGY_DOC.read_text(encoding="utf-8")
    assert "```mermaid" in text and "classDiagram" in text
    assert "Modelling rationale" in text
    for term in ccm_terms(ontology):
        assert f"`ccm:{str(term)[len(str(CCM)) :]}`" in text


def test_axioms_only_use_terms_of_the_vocabulary(ontology: Graph) -> None:
    axioms = Graph().parse(AXIOMS, format="turtle")
    used = {t for triple in axioms for t in triple if str(t).startswith(str(CCM))}
    assert used
    assert used <= ccm_terms(ontology)
