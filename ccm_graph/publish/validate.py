"""SHACL validation of the graph with pySHACL, against ontology/shapes.ttl.

The ontology (vocabulary and axioms) is mixed into the data graph so that `sh:class
ccm:Actor` accepts a ccm:State, and so that the shapes that check the ontology itself
run too. Results are grouped by the node shape that failed and the property path, with
the focus nodes, because that is how a reader fixes them: one rule at a time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyshacl
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ccm_graph.publish import ontology

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


def validate(
    data: Graph, shapes: Graph | None = None, axioms: Graph | None = None
) -> ValidationReport:
    """Validate `data` against the shapes, with the ontology mixed in.

    Args:
        data: the graph to check (it is not modified).
        shapes: the SHACL shapes; ontology/shapes.ttl by default.
        axioms: the ontology to mix in; ontology/ccm.ttl and ccm-axioms.ttl by default.
    """
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
