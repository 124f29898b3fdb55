"""SHACL validation: every shape has a valid and an invalid fixture, the invalid one fails on
that very shape, and the bundled corpus's graph conforms."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SH

from ccm_graph.publish import ontology, validate

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SHAPES = validate.load_shapes()
VOCABULARY = ontology.vocabulary()
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)
# The shapes with a target; the others are parts of those (sh:or members).
NODE_SHAPES = sorted(
    str(shape).split("#")[-1]
    for shape in SHAPES.subjects(RDF.type, SH.NodeShape)
    if any(SHAPES.value(shape, target) is not None for target in TARGETS)
)
# Shapes about the ontology files are checked on the fixture alone: mixing in the real
# ontology would hide a missing version IRI behind the real one.
ONTOLOGY_SHAPES = {"OntologyTermShape", "OntologyHeaderShape", "VersionedOntologyShape"}


def check(name: str, kind: str) -> validate.ValidationReport:
    data = Graph().parse(FIXTURES / f"{name}.{kind}.ttl", format="turtle")
    axioms = Graph() if name in ONTOLOGY_SHAPES else None
    return validate.validate(data, SHAPES, axioms)


def results_of(report: validate.ValidationReport, name: str) -> list[validate.ShapeResult]:
    return [r for r in report.results if r.shape == f"shape:{name}"]


def test_every_shape_has_a_fixture_pair() -> None:
    assert len(NODE_SHAPES) >= 20
    fixtures = sorted(p.name for p in FIXTURES.glob("*.ttl"))
    assert fixtures
    expected = sorted(f"{n}.{k}.ttl" for n in NODE_SHAPES for k in ("invalid", "valid"))
    assert fixtures == expected


def test_every_shape_has_a_message() -> None:
    shapes = set(SHAPES.subjects(RDF.type, SH.NodeShape))
    shapes |= set(SHAPES.objects(None, SH.property)) | set(SHAPES.objects(None, SH.sparql))
    assert [s for s in shapes if SHAPES.value(s, SH.message) is None] == []


def focus_nodes(name: str, data: Graph) -> set:
    """The nodes the shape targets in `data` (so a valid fixture cannot pass vacuously)."""
    shape = URIRef(f"{validate.SHAPE}{name}")
    nodes = set(SHAPES.objects(shape, SH.targetNode))
    for cls in SHAPES.objects(shape, SH.targetClass):
        nodes |= {
            node
            for node, held in data.subject_objects(RDF.type)
            if cls in VOCABULARY.transitive_objects(held, RDFS.subClassOf)
        }
    for prop in SHAPES.objects(shape, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    return nodes


@pytest.mark.parametrize("name", NODE_SHAPES)
def test_valid_fixture_passes_its_shape(name: str) -> None:
    data = Graph().parse(FIXTURES / f"{name}.valid.ttl", format="turtle")
    assert focus_nodes(name, data), "the valid fixture has no node the shape targets"
    assert results_of(check(name, "valid"), name) == []


@pytest.mark.parametrize("name", NODE_SHAPES)
def test_invalid_fixture_fails_on_its_shape(name: str) -> None:
    failed = results_of(check(name, "invalid"), name)
    assert failed, f"the invalid fixture passed shape:{name}"
    assert all(result.message for result in failed)


def test_a_warning_does_not_fail_but_a_violation_does() -> None:
    warning = check("RecordedMeetingShape", "invalid")
    assert results_of(warning, "RecordedMeetingShape")
    assert {r.severity for r in results_of(warning, "RecordedMeetingShape")} == {"Warning"}
    assert warning.conforms
    assert not check("StateShape", "invalid").conforms


def test_report_groups_results_by_shape_with_focus_nodes() -> None:
    report = check("StateShape", "invalid")
    text = validate.report_text(report)
    assert "shape:StateShape skos:notation" in text
    assert "https://w3id.org/ccm-graph/id/state/LKA" in text
    assert "violation(s)" in text


def test_the_ontology_passes_its_own_shapes() -> None:
    report = validate.validate(Graph(), SHAPES, ontology.ontology_with_axioms())
    assert report.results == []


def test_corpus_graph_conforms(corpus_graph: Path) -> None:
    report = validate.validate(ontology.read_graph(corpus_graph))
    assert report.violations == [], validate.report_text(report)


def test_validate_command_exits_non_zero_and_names_the_shape(corpus_graph: Path) -> None:
    from typer.testing import CliRunner

    from ccm_graph.cli import app

    runner = CliRunner()
    bad = runner.invoke(app, ["validate", str(FIXTURES / "StateShape.invalid.ttl")])
    assert bad.exit_code == 1
    assert "shape:StateShape" in bad.output
    good = runner.invoke(app, ["validate", str(corpus_graph)])
    assert good.exit_code == 0, good.output
    missing = runner.invoke(app, ["validate", "no/such/graph.ttl"])
    assert missing.exit_code == 2
    assert "no/such/graph.ttl" in missing.output
