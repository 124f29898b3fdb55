"""rdf/writer.py: rule provenance, one record of a meeting per document, labels, IRIs that do
not depend on file names, dcterms:source; and the build that runs it in its workers."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from ccm_graph import pipeline
from ccm_graph.model import (
    CoordinatorFact,
    DocumentFacts,
    DocumentMetadata,
    MeetingFact,
    MeetingType,
    RuleInfo,
    SourceDocument,
    Span,
)
from ccm_graph.pipeline import BuildOptions, Status
from ccm_graph.publish import ontology, validate
from ccm_graph.rdf import graph, store, writer
from ccm_graph.rdf.namespace import CCM, ID, SCHEMA

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SMALL = "002_c29c3796f9e283ff.txt"
TEXT = "Minutes. Ireland coordinated victim assistance at the 9MSP, held from 2 September 2019."
RULES = (
    RuleInfo("coordinator-in-prose", 2, "coordinator", "Reads 'X coordinated AREA'."),
    RuleInfo("meeting-in-title", 1, "meeting", "Reads the meeting a title names."),
    RuleInfo("never-used", 1, "decision", "Reads nothing in these tests."),
)


def source(name: str = "d1", text: str = TEXT, **meta: str) -> SourceDocument:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return SourceDocument(name, f"{name}.txt", text, digest, DocumentMetadata(**meta))  # type: ignore[arg-type]


def facts_of(document: SourceDocument, date: str = "2019-09-02", rule: str = "") -> DocumentFacts:
    coordinator = CoordinatorFact(
        document.doc_id,
        Span(9, 16, "Ireland"),
        "victim-assistance",
        "IRL",
        (2018,),
        rule=rule or "coordinator-in-prose/2",
    )
    meeting = MeetingFact(
        document.doc_id,
        Span(54, 58, "9MSP"),
        MeetingType.MSP,
        date,
        ordinal=9,
        rule="meeting-in-title/1",
    )
    return DocumentFacts(document, (meeting, coordinator))


def graph_of(*documents: DocumentFacts, rules: tuple[RuleInfo, ...] = RULES) -> Graph:
    return graph.build_graph(documents, writer.catalog(rules))


# --- rules -------------------------------------------------------------------------------------


def test_every_fact_is_generated_by_its_rule_node_described_once() -> None:
    data = graph_of(facts_of(source()))
    facts = set(data.subjects(PROV.wasDerivedFrom, None))
    assert len(facts) == 2
    rule = URIRef(f"{ID}rule/coordinator-in-prose/2")
    coordinator = next(data.subjects(RDF.type, CCM.CoordinatorMandate))
    assert set(data.objects(coordinator, PROV.wasGeneratedBy)) == {rule}
    assert (rule, RDF.type, CCM.ExtractionRule) in data
    assert data.value(rule, RDFS.label) == Literal("coordinator-in-prose")
    assert data.value(rule, DCTERMS.identifier) == Literal("coordinator-in-prose/2")
    assert data.value(rule, SCHEMA.version).toPython() == 2
    assert "X coordinated AREA" in str(data.value(rule, DCTERMS.description))
    rules = set(data.subjects(RDF.type, CCM.ExtractionRule))
    assert rules == {rule, URIRef(f"{ID}rule/meeting-in-title/1")}  # not the unused one


def test_a_rule_the_catalog_does_not_know_is_not_invented() -> None:
    document_graph = writer.document_graph(
        facts_of(source(), rule="guessing/9"), writer.catalog(RULES)
    )
    assert document_graph.refs.unknown_rules == ("guessing/9",)
    data = graph_of(facts_of(source(), rule="guessing/9"))
    coordinator = next(data.subjects(RDF.type, CCM.CoordinatorMandate))
    assert list(data.objects(coordinator, PROV.wasGeneratedBy)) == []
    assert not list(data.subjects(DCTERMS.identifier, Literal("guessing/9")))


def test_facts_of_rule_query_lists_what_one_rule_read(tmp_path: Path) -> None:
    held = store.store_of(graph_of(facts_of(source("d1")), facts_of(source("d2", TEXT + " "))))
    sparql = (ROOT / "queries" / "facts-of-rule.rq").read_text(encoding="utf-8")
    bound = sparql.replace("WHERE {", 'WHERE {\n  VALUES ?rule { "coordinator-in-prose/2" }', 1)
    _, rows = store.select(held, bound)
    assert {row["kind"] for row in rows} == {"CoordinatorMandate"}
    assert {row["doc"] for row in rows} == {"d1", "d2"}
    assert {row["quote"] for row in rows} == {"Ireland"}
    _, every = store.select(held, sparql)
    assert {row["rule"] for row in every} == {"coordinator-in-prose/2", "meeting-in-title/1"}


# --- meetings ----------------------------------------------------------------------------------


def test_each_document_keeps_its_own_record_of_a_shared_meeting() -> None:
    first, second, third = (
        facts_of(source("d1"), "2019-09-02"),
        facts_of(source("d2", TEXT + " Two."), "2019-09-04"),
        facts_of(source("d3", TEXT + " Three."), "2019-09-04"),
    )
    data = graph_of(first, second, third)
    meeting = URIRef(f"{ID}meeting/9msp")
    records = set(data.subjects(CCM.meeting, meeting)) & set(
        data.subjects(RDF.type, CCM.MeetingRecord)
    )
    dates = {str(data.value(record, CCM.statedDate)) for record in records}
    assert dates == {"2019-09-02", "2019-09-04"}
    # the shared node carries what most records say, once
    assert [str(d) for d in data.objects(meeting, SCHEMA.startDate)] == ["2019-09-04"]
    assert data.value(meeting, RDFS.label) == Literal("9MSP", lang="en")
    report = validate.validate(data)
    assert [r for r in report.violations if r.shape == "shape:MeetingShape"] == []
    _, rows = store.select(store.store_of(data), (ROOT / "queries" / "meetings.rq").read_text())
    assert {(row["doc"], row["date"], row["msp"]) for row in rows} == {
        ("d1", "2019-09-02", 9),
        ("d2", "2019-09-04", 9),
        ("d3", "2019-09-04", 9),
    }


def test_a_tie_gives_the_shared_meeting_the_earliest_date() -> None:
    data = graph_of(
        facts_of(source("d1"), "2019-09-04"), facts_of(source("d2", TEXT + "!"), "2019-09-02")
    )
    meeting = URIRef(f"{ID}meeting/9msp")
    assert [str(d) for d in data.objects(meeting, SCHEMA.startDate)] == ["2019-09-02"]


# --- labels, IRIs, sources --------------------------------------------------------------------


def test_facts_and_meetings_are_labelled_from_their_parts() -> None:
    data = graph_of(facts_of(source()))
    coordinator = next(data.subjects(RDF.type, CCM.CoordinatorMandate))
    assert data.value(coordinator, RDFS.label) == Literal(
        "Ireland coordinates victim assistance (2018)", lang="en"
    )
    record = next(data.subjects(RDF.type, CCM.MeetingRecord))
    assert data.value(record, RDFS.label) == Literal("Record of the 9MSP", lang="en")


def test_every_fact_and_meeting_of_the_corpus_has_one_label(corpus_graph: Path) -> None:
    data = ontology.read_graph(corpus_graph)
    facts = set(data.subjects(PROV.wasDerivedFrom, None))
    meetings = {
        m
        for cls in writer.MEETING_CLASSES.values()
        for m in data.subjects(RDF.type, URIRef(cls.value))
    }
    assert len(facts) > 300 and len(meetings) >= 5
    unlabelled = [
        node for node in facts | meetings if len(list(data.objects(node, RDFS.label))) != 1
    ]
    assert unlabelled == []


def test_iris_come_from_the_symbol_or_the_text_never_the_file_name() -> None:
    plain = writer.document_graph(facts_of(source("minutes")))
    renamed = writer.document_graph(facts_of(source('Minutes (final) 100% "v2"\t\udcff')))
    subjects = {t.subject for t in plain.triples}
    assert subjects == {t.subject for t in renamed.triples}
    text_hash = hashlib.sha256(TEXT.encode()).hexdigest()[:16]
    assert f"{ID}document/sha256-{text_hash}" in {s.value for s in subjects}
    with_symbol = writer.document_graph(facts_of(source("x", symbol="CCM/MSP/2019/9")))
    documents = {t.subject.value for t in with_symbol.triples if t.object == writer.ccm.Document}
    assert documents == {f"{ID}document/CCM-MSP-2019-9"}
    facts = {t.subject.value for t in with_symbol.triples if "/fact/" in t.subject.value}
    assert facts and all(f.startswith(f"{ID}fact/CCM-MSP-2019-9/") for f in facts)


def test_the_public_url_is_the_source_and_the_file_name_is_kept_apart() -> None:
    url = "https://www.clusterconvention.org/files/9msp-report.pdf"
    data = graph_of(facts_of(source("d1", source_url=url)))
    document = next(data.subjects(RDF.type, CCM.Document))
    assert list(data.objects(document, DCTERMS.source)) == [URIRef(url)]
    assert data.value(document, CCM.fileName) == Literal("d1.txt")
    assert data.value(document, DCTERMS.identifier) == Literal("d1")
    bare = graph_of(facts_of(source("d1")))
    bare_document = next(bare.subjects(RDF.type, CCM.Document))
    assert list(bare.objects(bare_document, DCTERMS.source)) == []


ODD_NAMES = [
    "with space.txt",
    "100% sure.txt",
    "[brackets]{braces}<angle>.txt",
    "quote\" and 'single'.txt",
    "back`tick^caret|pipe\\.txt",
    "tab\there.txt",
    "new\nline.txt",
]


def test_any_file_name_builds(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (CORPUS / SMALL).read_text(encoding="utf-8")
    names = [*ODD_NAMES, os.fsdecode(b"latin-\xe9.txt")]
    for number, name in enumerate(names):
        (folder / name).write_text(f"{text}\nCopy {number}.\n", encoding="utf-8")
    out = tmp_path / "out" / "ccm.ttl"
    result = pipeline.build(folder, BuildOptions(jobs=1), output=out)
    assert [f.status for f in result.files] == [Status.OK] * len(names)
    pipeline.write_report(result, out.parent / "report.json", folder, out)
    written = json.loads((out.parent / "report.json").read_text(encoding="utf-8"))
    assert sum("path_bytes" in f for f in written["files"]) == 1  # the name that is not UTF-8
    data = Graph().parse(out, format="turtle")
    assert len(set(data.subjects(RDF.type, CCM.Document))) == len(names)
    assert result.validation is not None and result.validation.conforms


def test_the_same_document_under_two_names_is_built_once(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes((CORPUS / SMALL).read_bytes())
    (folder / "b.txt").write_bytes((CORPUS / SMALL).read_bytes())
    result = pipeline.build(folder, BuildOptions(jobs=1), output=tmp_path / "g.ttl")
    statuses = {Path(f.path).name: f.status for f in result.files}
    assert statuses == {"a.txt": Status.OK, "b.txt": Status.SKIPPED}
    assert "a.txt" in str(next(f.reason for f in result.files if f.path.endswith("b.txt")))


# --- validation in the build ------------------------------------------------------------------


def test_the_build_validates_per_document_as_the_whole_graph_check_does(tmp_path: Path) -> None:
    """Bad facts (an empty quote, a start after its end) and two sources that disagree on a
    meeting: the build's split validation finds what pySHACL finds on the whole graph."""
    good = facts_of(source("d1"), "2019-09-02")
    bad_span = CoordinatorFact("d2", Span(20, 10, ""), "victim-assistance", "IRL", (), rule="x/1")
    bad = DocumentFacts(
        source("d2", TEXT + " Two."),
        (*facts_of(source("d2", TEXT + " Two."), "2019-09-04").facts, bad_span),
    )
    out = tmp_path / "g.ttl"
    rules = writer.catalog(RULES)
    checked = validate.ValidationReport()
    from ccm_graph.rdf.turtle import turtle_file

    with turtle_file(out) as sink, writer.GraphWriter(sink, rules) as graph_writer:
        for document_facts in (good, bad):
            document_graph = writer.document_graph(document_facts, rules)
            checked.results.extend(validate.document_results(document_graph))
            graph_writer.write(document_graph.chunk())
    assert graph_writer.entity_chunk is not None
    checked.results.extend(
        validate.shared_results(graph_writer.entity_chunk, graph_writer.entities.records)
    )
    whole = validate.validate(ontology.read_graph(out))

    def key(result: validate.ShapeResult) -> tuple[str, str, str, str]:
        return result.shape, result.path, result.focus, result.severity

    assert {key(r) for r in checked.results} == {key(r) for r in whole.results}
    failed = {r.shape for r in checked.violations}
    assert {"shape:TextPositionSelectorShape", "shape:TextQuoteSelectorShape"} <= failed
    assert "shape:MeetingShape" not in failed  # the two dates are the records', not the meeting's


def test_every_shape_is_checked_per_document_or_on_the_shared_nodes() -> None:
    shapes = validate.load_shapes()
    validate.check_partition(shapes)
    assert validate.targeted_shapes(shapes) == validate.DOCUMENT_SHAPES | validate.SHARED_SHAPES
    extra = Graph()
    for triple in shapes:
        extra.add(triple)
    new_shape = URIRef(f"{validate.SHAPE}NewShape")
    extra.add((new_shape, RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))
    extra.add((new_shape, URIRef("http://www.w3.org/ns/shacl#targetClass"), CCM.Fact))
    with pytest.raises(Exception, match="NewShape"):
        validate.check_partition(extra)


def test_property_shape_messages_are_unique() -> None:
    """The build's engine names a result's shape by its message: two shapes must not share one."""
    shapes = validate.load_shapes()
    sh = "http://www.w3.org/ns/shacl#"
    messages = [
        str(shapes.value(prop, URIRef(sh + "message")))
        for prop in shapes.objects(None, URIRef(sh + "property"))
    ]
    assert messages and len(messages) == len(set(messages))


FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
ONTOLOGY_SHAPES = {"OntologyTermShape", "OntologyHeaderShape", "VersionedOntologyShape"}


def _verdicts(results: Graph) -> set[tuple[str, str, str]]:
    from rdflib.namespace import SH

    return {
        (
            str(results.value(n, SH.focusNode)),
            str(results.value(n, SH.sourceConstraintComponent)),
            str(results.value(n, SH.resultSeverity)).rsplit("#", 1)[-1],
        )
        for n in results.subjects(RDF.type, SH.ValidationResult)
    }


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("*.ttl")))
def test_the_compiled_engine_gives_pyshacls_verdict_on_every_fixture(fixture: str) -> None:
    import pyoxigraph
    import pyshacl
    import pyshacl_turbo

    data = Graph().parse(FIXTURES / fixture, format="turtle")
    if fixture.split(".")[0] not in ONTOLOGY_SHAPES:
        data += ontology.ontology_with_axioms()
    shapes = validate.load_shapes()
    _, expected, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    held = pyoxigraph.Store()  # the build hands the engine pyoxigraph stores
    held.bulk_extend(pyoxigraph.Quad(*graph.to_oxigraph(t)) for t in data)
    _, found, _ = pyshacl_turbo.CompiledShapes(shapes).validate(
        held, inference="none", allow_warnings=True
    )
    assert _verdicts(found) == _verdicts(expected)
    assert _verdicts(expected) or fixture.endswith(".valid.ttl")


# --- workers -----------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _descendants(pid: int) -> set[int]:
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for parent in frontier for child in _children(parent)} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (CORPUS / "004_84df55e0ed4bb163.txt").read_text(encoding="utf-8")
    for number in range(40):
        (folder / f"d{number:02}.txt").write_text(f"{text}\nCopy {number}.\n", encoding="utf-8")
    main = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "ccm-graph"),
            "build",
            str(folder),
            "-o",
            str(tmp_path / "g.ttl"),
            "-j",
            "2",
            "--no-cache",
            "-q",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 3:  # the forkserver and two workers
        workers = _descendants(main.pid)
        time.sleep(0.2)
    assert len(workers) >= 3, "the build did not start its workers"
    os.kill(main.pid, signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_running(p) for p in workers):
        time.sleep(0.2)
    assert [p for p in workers if _running(p)] == []
    assert not (tmp_path / "g.ttl").exists()


def test_the_turtle_file_is_the_same_bytes_for_any_number_of_jobs(tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}" / "ccm.ttl"
        pipeline.build(CORPUS, BuildOptions(jobs=jobs, rules=RULES), output=out)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
