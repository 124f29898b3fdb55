"""The whole job on the bundled corpus: concrete answers per question, provenance, determinism."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from rdflib import Graph, Namespace

from ccm_graph import api

OA = Namespace("http://www.w3.org/ns/oa#")
DOC_2018 = "000_1f94b17a7bd12d48"
REPORT_2017 = "004_84df55e0ed4bb163"


def rows(graph: Path, name: str) -> set[tuple]:
    columns, found = api.query(graph, name)
    return {tuple(row[c] for c in columns) for row in found}


def test_meetings(corpus_graph: Path) -> None:
    found = rows(corpus_graph, "meetings")
    assert (DOC_2018, "coordination-committee", "2018-11-08", 9) in found
    assert (REPORT_2017, "msp", "2017-09-04", 7) in found


def test_attendance_delegates_and_people(corpus_graph: Path) -> None:
    assert (DOC_2018, "MOZ", "apologies") in rows(corpus_graph, "attendance")
    assert (REPORT_2017, "AGO", "observer") in rows(corpus_graph, "attendance")
    assert (DOC_2018, "ESP", "Rafael De Górgolas Hernández-Mora") in rows(corpus_graph, "delegates")
    people = {(iri, doc) for iri, doc, _ in rows(corpus_graph, "people")}
    mweemba = {iri for iri, _ in people if iri.endswith("/sheila-mweemba")}
    assert len(mweemba) == 1
    assert {doc for iri, doc in people if iri in mweemba} >= {DOC_2018, REPORT_2017}


def test_coordinators_presidencies_articles(corpus_graph: Path) -> None:
    assert (DOC_2018, "victim-assistance", "IRL") in rows(corpus_graph, "coordinators")
    assert (DOC_2018, "victim-assistance", "ITA") not in rows(corpus_graph, "coordinators")
    assert (8, "NIC", "Hernan Estrada Roman") in rows(corpus_graph, "presidencies")
    articles = {a for doc, a in rows(corpus_graph, "article-mentions") if doc == REPORT_2017}
    assert {3, 4, 7, 21} <= articles and not articles - set(range(1, 24))


def test_obligations_decisions_links(corpus_graph: Path) -> None:
    assert (REPORT_2017, "MOZ", 4, "completed") in rows(corpus_graph, "obligations")
    decisions = rows(corpus_graph, "decisions")
    assert (REPORT_2017, "47", "decision") in decisions
    assert (REPORT_2017, "31", "note") not in decisions  # "Recognizing ..." opens it
    assert (DOC_2018, "approves-minutes-of", "2018-09-25") in rows(corpus_graph, "meeting-links")


def test_every_fact_quotes_its_source(corpus_graph: Path) -> None:
    graph = Graph().parse(corpus_graph)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    query = """
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?fact ?doc ?start ?end ?exact WHERE {
          ?fact prov:wasDerivedFrom/dcterms:identifier ?doc ;
                <https://w3id.org/ccm-graph/ontology#evidence>/oa:hasTarget ?target .
          ?target oa:hasSelector ?p, ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact .
        }"""
    checked = 0
    for fact, doc, start, end, exact in graph.query(query):
        assert texts[str(doc)][int(start) : int(end)] == str(exact), fact
        checked += 1
    facts = set(graph.subjects(Namespace("http://www.w3.org/ns/prov#").wasDerivedFrom))
    assert checked >= len(facts) > 300


@pytest.mark.slow
def test_same_input_gives_byte_identical_turtle(tmp_path: Path, corpus_graph: Path) -> None:
    again = tmp_path / "again.ttl"
    api.build(CORPUS, again)
    assert again.read_bytes() == corpus_graph.read_bytes()


@pytest.mark.slow
def test_a_bad_file_is_reported_and_the_others_still_built(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(CORPUS / f"{DOC_2018}.txt", source)
    (source / "empty.txt").write_text("")
    (source / "binary.txt").write_bytes(b"\x00\x01\x02garbage")
    result = api.build(source, tmp_path / "out.ttl")
    problems = {Path(p.path).name: p.problem for p in result.problems}
    assert set(problems) == {"empty.txt", "binary.txt"}
    assert "empty" in problems["empty.txt"] and "binary" in problems["binary.txt"]
    assert (DOC_2018, "MOZ", "apologies") in rows(tmp_path / "out.ttl", "attendance")


def test_who_reports_areas_and_meetings(corpus_graph: Path) -> None:
    profile = api.who(corpus_graph, "Ireland")
    assert profile["iri"].endswith("/state/IRL")
    areas = {row["area"] for row in profile["sections"]["areas coordinated"]}
    assert "Victim Assistance" in areas
    with pytest.raises(Exception, match="nothing in the graph"):
        api.who(corpus_graph, "Atlantis")
