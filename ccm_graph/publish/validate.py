"""SHACL validation of the graph against ontology/shapes.ttl.

Two ways, with the same verdicts (tests/test_writer.py checks them against each other):

- `validate(graph)`: pySHACL over a whole graph (`ccm-graph validate`). The ontology
  (vocabulary and axioms) is mixed into the data graph so that `sh:class ccm:Actor`
  accepts a ccm:State, and so that the shapes that check the ontology itself run too.
- the build's (`document_results` in the workers, `shared_results` at the end): pySHACL
  grows faster than the data (262 s on a 500-document graph), so the build checks each
  document's triples in the worker that wrote them, against the shapes that concern one document
  (`DOCUMENT_SHAPES`), with the types of the shared nodes they point to; and once, at
  the end, the shared nodes (States, organizations, people, meetings, rules, reference
  data, the ontology) against the other shapes (`SHARED_SHAPES`). Every shape with a
  target is in exactly one of the two sets; a shape in neither stops the build rather
  than go unchecked. Both passes run pyshacl-turbo, a compiled SHACL engine (Rust) that
  reads pyoxigraph stores and gives pySHACL's verdict on every shape fixture
  (tests/fixtures/shapes); pyrudof gave the same verdicts at twice the cost per document.

Results are grouped by the node shape that failed and the property path, with the focus
nodes, because that is how a reader fixes them: one rule at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ccm_graph import errors
from ccm_graph.publish import ontology
from ccm_graph.rdf import terms, writer

SHAPE = Namespace("https://w3id.org/ccm-graph/shapes#")


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL result: which shape (and path) failed, on which node, and why."""

    shape: str
    path: str
    focus: str
    message: str
    severity: str
    value: str | None = None


@dataclass
class ValidationReport:
    """All results; `conforms` ignores warnings, so only violations fail a build."""

    results: list[ShapeResult] = field(default_factory=list)

    @property
    def violations(self) -> list[ShapeResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def by_shape(self) -> dict[tuple[str, str, str, str], list[ShapeResult]]:
        """Results grouped by (severity, shape, path, message), in a stable order."""
        groups: dict[tuple[str, str, str, str], list[ShapeResult]] = defaultdict(list)
        for result in sorted(self.results, key=lambda r: (r.shape, r.path, r.focus)):
            groups[(result.severity, result.shape, result.path, result.message)].append(result)
        return dict(sorted(groups.items()))


def load_shapes() -> Graph:
    return ontology.read_graph(ontology.SHAPES)


# Which shapes concern one document's triples, and which the shared nodes. A new shape must
# be put in one of them (`check_partition` fails otherwise).
DOCUMENT_SHAPES = frozenset(
    {
        "DocumentShape",
        "FactShape",
        "AnnotationShape",
        "SpecificResourceShape",
        "TextPositionSelectorShape",
        "TextQuoteSelectorShape",
        "MeetingRecordShape",
        "AttendanceShape",
        "RepresentationShape",
        "CoordinatorMandateShape",
        "PresidencyMandateShape",
        "ArticleMentionShape",
        "ObligationEventShape",
        "DecisionShape",
        "MeetingLinkShape",
    }
)
SHARED_SHAPES = frozenset(
    {
        "StateShape",
        "OrganizationShape",
        "PersonShape",
        "MeetingShape",
        "RecordedMeetingShape",
        "MeetingOfStatesPartiesShape",
        "ArticleShape",
        "ConceptShape",
        "ThematicAreaShape",
        "ExtractionRuleShape",
        "OntologyTermShape",
        "OntologyHeaderShape",
        "VersionedOntologyShape",
    }
)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf)


def validate(
    data: Graph, shapes: Graph | None = None, axioms: Graph | None = None
) -> ValidationReport:
    """Validate `data` against the shapes, with the ontology mixed in.

    Args:
        data: the graph to check (it is not modified).
        shapes: the SHACL shapes; ontology/shapes.ttl by default.
        axioms: the ontology to mix in; ontology/ccm.ttl and ccm-axioms.ttl by default.
    """
    import pyshacl  # loads only for a whole-graph check

    shapes = load_shapes() if shapes is None else shapes
    axioms = ontology.ontology_with_axioms() if axioms is None else axioms
    # One merged copy, validated in place: pySHACL's own ont_graph mixing copies only the
    # class axioms, not the labels and definitions the ontology shapes check.
    merged = Graph()
    for triple in data:
        merged.add(triple)
    for triple in axioms:
        merged.add(triple)
    _, results, _ = pyshacl.validate(
        merged,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
        inplace=True,
    )
    return ValidationReport(_read_results(results, shapes))


def _read_results(results: Graph, shapes: Graph) -> list[ShapeResult]:
    found = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(node, SH.sourceShape)
        value = results.value(node, SH.value)
        found.append(
            ShapeResult(
                shape=_shape_name(shapes, source),
                path=_path_text(shapes, results.value(node, SH.resultPath)),
                focus=str(results.value(node, SH.focusNode)),
                message=str(results.value(node, SH.resultMessage) or ""),
                severity=str(results.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
                value=None if value is None or isinstance(value, BNode) else str(value),
            )
        )
    return sorted(found, key=lambda r: (r.shape, r.path, r.focus, r.message, r.value or ""))


def _shape_name(shapes: Graph, source: Node | None) -> str:
    """The named node shape a result comes from (a property shape is a blank node)."""
    if isinstance(source, BNode):
        parent = shapes.value(None, SH.property, source) or shapes.value(None, SH.sparql, source)
        if parent is not None:
            source = parent
    if isinstance(source, URIRef):
        return shapes.namespace_manager.normalizeUri(source)
    return str(source)


def _path_text(shapes: Graph, path: Node | None) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return shapes.namespace_manager.normalizeUri(path)
    if isinstance(path, Literal):
        return str(path)
    items = list(shapes.items(path)) if shapes.value(path, RDF.first) is not None else []
    return "/".join(_path_text(shapes, item) for item in items) or "(path)"


def report_text(report: ValidationReport, limit: int = 5) -> str:
    """A plain-text report: one block per shape and path, with up to `limit` focus nodes."""
    if not report.results:
        return "valid: every node conforms to every shape"
    lines = []
    for (severity, shape, path, message), group in report.by_shape().items():
        where = f"{shape} {path}".strip()
        lines.append(f"{severity}: {where}: {len(group)} node(s)\n  {message}")
        for result in group[:limit]:
            shown = f" (value {result.value})" if result.value else ""
            lines.append(f"    {result.focus}{shown}")
        if len(group) > limit:
            lines.append(f"    ... and {len(group) - limit} more")
    counts = f"{len(report.violations)} violation(s), {len(report.results)} result(s) in all"
    return "\n".join([*lines, counts])


# --- the build's validation: per document in the workers, then the shared nodes --------------


def targeted_shapes(shapes: Graph) -> set[str]:
    """The local names of the node shapes that have a target."""
    return {
        str(shape).split("#")[-1]
        for shape in shapes.subjects(RDF.type, SH.NodeShape)
        if any(shapes.value(shape, target) is not None for target in TARGETS)
    }


def check_partition(shapes: Graph) -> None:
    """Every shape with a target is a document shape or a shared one, never both.

    Raises:
        CcmGraphError: a shape is in neither set (it would go unchecked) or in both.
    """
    targeted = targeted_shapes(shapes)
    unplaced = sorted(targeted - DOCUMENT_SHAPES - SHARED_SHAPES)
    both = sorted(DOCUMENT_SHAPES & SHARED_SHAPES)
    if unplaced or both:
        raise errors.CcmGraphError(
            "ontology/shapes.ttl: every shape must be checked per document or on the shared "
            f"nodes (publish/validate.py); not placed: {unplaced or '-'}, in both: {both or '-'}"
        )


@cache
def _shapes_graph() -> Graph:
    shapes = load_shapes()
    check_partition(shapes)
    return shapes


def _subset(shapes: Graph, names: Iterable[str]) -> str:
    """The named node shapes with all they hold (property shapes, lists), as Turtle."""
    subset = Graph()
    for prefix, namespace in shapes.namespaces():
        subset.bind(prefix, namespace)
    for name in names:
        for triple in shapes.cbd(SHAPE[name]):
            subset.add(triple)
    return subset.serialize(format="turtle")


@cache
def _typing_context() -> str:
    """What sh:class needs beyond a document's own triples: the sub-class axioms of the
    ontology and the types of the reference individuals, as N-Triples."""
    context = Graph()
    for triple in ontology.ontology_with_axioms().triples((None, RDFS.subClassOf, None)):
        if isinstance(triple[2], URIRef):
            context.add(triple)
    for triple in ontology.read_graph(ontology.REFERENCE).triples((None, RDF.type, None)):
        context.add(triple)
    return context.serialize(format="nt")


def context_triples(refs: writer.References) -> Iterator[pyoxigraph.Triple]:
    """The types of the shared nodes a document points to, as the entity chunk writes them."""
    kind = terms.rdf.type
    for actor in refs.actors:
        organization = actor in writer.vocab.organizations()
        cls = terms.ccm.Organization if organization else terms.ccm.State
        yield pyoxigraph.Triple(writer.actor_iri(actor), kind, cls)
    for name in refs.names:
        person = writer.person_iri(name)
        if person is not None:
            yield pyoxigraph.Triple(person, kind, terms.foaf.Person)
    for claim in refs.meetings:
        cls = writer.MEETING_CLASSES[claim.meeting_type]
        yield pyoxigraph.Triple(pyoxigraph.NamedNode(claim.iri), kind, cls)
    for ref in refs.rules:
        yield pyoxigraph.Triple(writer.rule_iri(ref), kind, terms.ccm.ExtractionRule)


class DocumentValidator:
    """Checks one document's triples at a time against the document shapes (one per
    worker process: the shapes are compiled and the typing context read once)."""

    def __init__(self) -> None:
        import pyshacl_turbo

        subset = _subset(_shapes_graph(), sorted(DOCUMENT_SHAPES))
        self._shapes = Graph().parse(data=subset, format="turtle")
        self._compiled = pyshacl_turbo.CompiledShapes(self._shapes)
        context = _typing_context().encode("utf-8")
        self._context = list(pyoxigraph.parse(context, format=pyoxigraph.RdfFormat.N_TRIPLES))

    def results(self, graph: writer.DocumentGraph) -> list[ShapeResult]:
        data = pyoxigraph.Store()
        data.bulk_extend(self._context)
        triples = [*graph.triples, *context_triples(graph.refs)]
        data.bulk_extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in triples)
        return _compiled_results(self._compiled, self._shapes, data)


def _compiled_results(compiled: object, shapes: Graph, data: pyoxigraph.Store) -> list[ShapeResult]:
    """Validate `data`; the results named by the shapes graph the engine compiled (its
    blank nodes are the property shapes the results point to)."""
    conforms, results, _ = compiled.validate(  # type: ignore[attr-defined]
        data, inference="none", allow_warnings=True
    )
    if conforms and not any(True for _ in results.subjects(RDF.type, SH.ValidationResult)):
        return []
    return _read_results(results, shapes)


_VALIDATORS: dict[str, DocumentValidator] = {}


def document_results(graph: writer.DocumentGraph) -> list[ShapeResult]:
    """The results of one document's triples against the document shapes."""
    validator = _VALIDATORS.get("document")
    if validator is None:
        validator = _VALIDATORS["document"] = DocumentValidator()
    return validator.results(graph)


def shared_results(entities: writer.Chunk, records: Iterable[tuple[str, str]]) -> list[ShapeResult]:
    """The results of the shared nodes (the entity chunk, the reference data, the ontology,
    and each document's link to the meeting it records) against the shared shapes."""
    import pyshacl_turbo

    subset = _subset(_shapes_graph(), sorted(SHARED_SHAPES))
    shapes = Graph().parse(data=subset, format="turtle")
    data = pyoxigraph.Store()
    header = _turtle_header()
    for part in (header + writer.reference_chunk().data, header + entities.data):
        data.bulk_load(part, format=pyoxigraph.RdfFormat.TURTLE)
    for path in (ontology.VOCABULARY, ontology.AXIOMS):
        data.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    records_link = terms.ccm.records
    data.bulk_extend(
        pyoxigraph.Quad(pyoxigraph.NamedNode(document), records_link, pyoxigraph.NamedNode(meeting))
        for document, meeting in records
    )
    return _compiled_results(pyshacl_turbo.CompiledShapes(shapes), shapes, data)


@cache
def _turtle_header() -> bytes:
    from ccm_graph.rdf.namespace import turtle_prefixes

    return turtle_prefixes().encode("utf-8")
