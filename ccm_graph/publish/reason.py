"""OWL reasoning over the graph with owlready2 and HermiT.

The reasoner sees the ontology (vocabulary + axioms) and the part of the graph that the
ontology gives a meaning to: types, object properties and the datatype properties whose
values are OWL 2 datatypes. Labels, quotes and selectors carry no axioms, so leaving them
out keeps HermiT fast without changing what it can conclude.

Inferred facts are returned as their own graph, named `id:graph/inferred`, and never
added to the asserted graph: a reader can always tell what a document said from what the
ontology concluded.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import owlready2
from rdflib import OWL, RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from ccm_graph import errors, files
from ccm_graph.publish import ontology
from ccm_graph.rdf.namespace import CCM, ID

INFERRED_GRAPH = ID["graph/inferred"]
REASONING = ID["activity/reasoning"]
# owlready2 keeps what the reasoner adds in this ontology of its world.
OWLREADY_INFERRED = "http://inferrences/"
# Datatypes of the OWL 2 datatype map that our datatype properties use; xsd:date and
# xsd:gYear are not in it, so ccm:targetDate and ccm:termYear stay out of the view.
OWL2_DATATYPES = {None, XSD.string, XSD.integer, RDF.langString}


class ReasoningError(errors.CcmGraphError):
    """The reasoner could not run (no Java, a HermiT error); the message says why."""


@dataclass(frozen=True)
class Inconsistency:
    """An individual the ontology forbids, and why (the clashing types or values)."""

    individual: URIRef
    problem: str


@dataclass
class ReasoningResult:
    """Whether the graph is consistent, what clashes if not, and the inferred facts."""

    consistent: bool
    inconsistencies: list[Inconsistency] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)

    def counts(self) -> Counter[str]:
        """How many inferred facts of each kind: a class (for types) or a property."""
        kinds: Counter[str] = Counter()
        for _, predicate, value in self.inferred:
            term = value if predicate == RDF.type else predicate
            kinds[self.inferred.namespace_manager.normalizeUri(cast(str, term))] += 1
        return kinds


def reason(data: Graph, axioms: Graph | None = None) -> ReasoningResult:
    """Run HermiT on the ontology and `data`; return consistency and the new facts.

    Args:
        data: the asserted graph (as `ccm-graph build` writes it).
        axioms: the ontology to reason with; the vocabulary and its axioms by default.

    Raises:
        ReasoningError: Java is missing or HermiT failed for another reason.
    """
    axioms = ontology.ontology_with_axioms() if axioms is None else axioms
    view = reasoning_view(data, axioms)
    try:
        triples = _run_hermit(view)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ReasoningResult(False, explain_inconsistency(view, axioms))
    inferred = _new_facts(triples, data)
    return ReasoningResult(True, [], inferred)


def reasoning_view(data: Graph, axioms: Graph) -> Graph:
    """The ontology plus the triples of `data` that its axioms speak about."""
    view = Graph()
    for triple in axioms:
        if triple[1] != OWL.imports:  # owlready2 would try to fetch the import
            view.add(triple)
    classes = set(axioms.subjects(RDF.type, OWL.Class))
    object_properties = set(axioms.subjects(RDF.type, OWL.ObjectProperty))
    datatype_properties = set(axioms.subjects(RDF.type, OWL.DatatypeProperty))
    for subject, predicate, value in data:
        if isinstance(subject, BNode):
            continue
        keep = (
            (predicate == RDF.type and value in classes)
            or (predicate in object_properties and isinstance(value, URIRef))
            or (
                predicate in datatype_properties
                and isinstance(value, Literal)
                and value.datatype in OWL2_DATATYPES
            )
        )
        if keep:
            view.add((subject, predicate, value))
    _state_unique_names(view)
    return view


def _state_unique_names(view: Graph) -> None:
    """OWL does not assume that two names mean two things; for actors we know they do.

    Every State has its own ISO code and every organization its own id, so the actors
    are declared pairwise different; the changed-affiliation rule needs it.
    """
    actors = sorted(
        cast(
            Any,
            set(view.subjects(RDF.type, CCM.State))
            | set(view.subjects(RDF.type, CCM.Organization)),
        )
    )
    if len(actors) < 2:
        return
    node, members = BNode(), BNode()
    Collection(view, members, actors)
    view.add((node, RDF.type, OWL.AllDifferent))
    view.add((node, OWL.distinctMembers, members))


def _run_hermit(view: Graph) -> list[tuple[str, str, str]]:
    """Load `view` into a fresh owlready2 world, run HermiT, return the added triples."""
    world = owlready2.World()
    with tempfile.TemporaryDirectory(prefix="ccm-reason-") as folder:
        path = Path(folder) / "view.nt"
        view.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(
                world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
            )
        except owlready2.OwlReadyJavaError as error:
            raise ReasoningError(errors.HERMIT_FAILED.format(reason=error)) from error
        except FileNotFoundError as error:
            raise ReasoningError(errors.NO_JAVA) from error
    inferred = world.get_ontology(OWLREADY_INFERRED)
    return [
        cast(tuple[str, str, str], tuple(_iri(world, term) for term in triple))
        for triple in inferred.get_triples(None, None, None)
    ]


def _iri(world: owlready2.World, term: object) -> str:
    if isinstance(term, int) and term > 0:
        return world._unabbreviate(term)
    return str(term)


def _new_facts(triples: list[tuple[str, str, str]], data: Graph) -> Graph:
    """The inferred triples worth keeping: ccm: types and ccm: properties not asserted."""
    inferred = Graph()
    inferred.bind("ccm", CCM)
    inferred.bind("id", ID)
    for subject, predicate, value in triples:
        is_ccm_type = predicate == str(RDF.type) and value.startswith(str(CCM))
        if not (is_ccm_type or predicate.startswith(str(CCM))):
            continue
        if not value.startswith(("http://", "https://")):
            continue
        triple = (URIRef(subject), URIRef(predicate), URIRef(value))
        if triple not in data:
            inferred.add(triple)
    return inferred


def explain_inconsistency(view: Graph, axioms: Graph) -> list[Inconsistency]:
    """Name the individuals that make the graph inconsistent, and why.

    HermiT only says "inconsistent"; these checks find the clashes the axioms can cause:
    two disjoint types on one node (asserted, or implied by a domain, range or local
    range), and two values of a functional datatype property.
    """
    types = _implied_types(view, axioms)
    found = []
    for individual in sorted(types):
        found += _disjoint_clashes(individual, types[individual], axioms)
    for prop in sorted(cast(Any, axioms.subjects(RDF.type, OWL.FunctionalProperty))):
        values: dict[Any, set] = defaultdict(set)
        for subject, value in view.subject_objects(prop):
            values[subject].add(value)
        for subject, held in sorted(values.items()):
            if len(held) > 1:
                shown = ", ".join(sorted(str(v) for v in held))
                found.append(Inconsistency(subject, f"{_short(axioms, prop)} has {shown}"))
    return found


def _implied_types(view: Graph, axioms: Graph) -> dict[Any, dict[Any, str]]:
    """Each individual's types, each with the reason it holds, closed under subClassOf."""
    types: dict[Any, dict[Any, str]] = defaultdict(dict)
    for node, cls in view.subject_objects(RDF.type):
        if isinstance(node, URIRef) and cls != OWL.AllDifferent:
            types[node].setdefault(cls, "asserted")
    for prop, domain in axioms.subject_objects(RDFS.domain):
        for node in view.subjects(prop, None):
            types[node].setdefault(domain, f"subject of {_short(axioms, prop)}")
    for prop, range_ in axioms.subject_objects(RDFS.range):
        for node in view.objects(None, prop):
            if isinstance(node, URIRef):
                types[node].setdefault(range_, f"value of {_short(axioms, prop)}")
    for cls, prop, filler in _local_ranges(axioms):
        for holder in [n for n, held in types.items() if cls in held]:
            for node in view.objects(holder, prop):
                if isinstance(node, URIRef):
                    types[node].setdefault(filler, f"value of {_short(axioms, prop)}")
    for held in types.values():
        for cls, why in list(held.items()):
            for parent in axioms.transitive_objects(cls, RDFS.subClassOf):
                if isinstance(parent, URIRef):
                    held.setdefault(parent, why)
    return types


def _local_ranges(axioms: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """(class, property, filler) of each `class subClassOf [allValuesFrom filler]`."""
    found: list[Any] = []
    for cls, restriction in axioms.subject_objects(RDFS.subClassOf):
        prop = axioms.value(restriction, OWL.onProperty)
        filler = axioms.value(restriction, OWL.allValuesFrom)
        if prop is not None and filler is not None:
            found.append((cls, prop, filler))
    return found


def _disjoint_groups(axioms: Graph) -> list[list[URIRef]]:
    groups: list[Any] = [
        list(Collection(axioms, members))
        for node in axioms.subjects(RDF.type, OWL.AllDisjointClasses)
        for members in axioms.objects(node, OWL.members)
    ]
    groups += [[a, b] for a, b in axioms.subject_objects(OWL.disjointWith)]
    return groups


def _disjoint_clashes(
    individual: URIRef, held: dict[URIRef, str], axioms: Graph
) -> list[Inconsistency]:
    found = []
    for group in _disjoint_groups(axioms):
        clashing = [cls for cls in group if cls in held]
        if len(clashing) > 1:
            reasons = " and ".join(f"{_short(axioms, c)} ({held[c]})" for c in clashing)
            found.append(Inconsistency(individual, f"is {reasons}, which are disjoint"))
    return found


def _short(graph: Graph, term: Node) -> str:
    return graph.namespace_manager.normalizeUri(cast(str, term))


def inferred_dataset(result: ReasoningResult, source: str) -> Dataset:
    """The inferred facts in their named graph, with the graph's provenance beside it."""
    dataset = Dataset()
    for prefix, namespace in (("ccm", CCM), ("id", ID), ("prov", PROV), ("dcterms", DCTERMS)):
        dataset.bind(prefix, namespace)
    named = dataset.graph(INFERRED_GRAPH)
    for triple in result.inferred:
        named.add(triple)
    describe_inferred_graph(dataset.default_graph, source)
    return dataset


def describe_inferred_graph(graph: Graph, source: str) -> None:
    """Where the inferred graph came from: HermiT, the ontology version, the input."""
    graph.add((INFERRED_GRAPH, RDFS.label, Literal("Facts inferred by the reasoner", lang="en")))
    graph.add((INFERRED_GRAPH, PROV.wasGeneratedBy, REASONING))
    graph.add((INFERRED_GRAPH, DCTERMS.source, Literal(source)))
    graph.add((REASONING, RDF.type, PROV.Activity))
    graph.add((REASONING, RDFS.label, Literal("OWL reasoning with HermiT (owlready2)", lang="en")))
    graph.add((REASONING, PROV.used, URIRef(ontology.ONTOLOGY_IRI)))
    graph.add((REASONING, PROV.used, URIRef(ontology.ONTOLOGY_IRI + "/axioms")))


def reason_file(graph_path: Path, output: Path | None = None) -> ReasoningResult:
    """Reason over a Turtle graph; write the inferred graph as TriG to `output` if given."""

    result = reason(ontology.read_graph(graph_path))
    if output is not None and result.consistent:
        dataset = inferred_dataset(result, graph_path.name)
        prefixes: dict[str, Any] = {
            "ccm": CCM,
            "id": ID,
            "prov": PROV,
            "dcterms": DCTERMS,
            "rdfs": RDFS,
        }
        files.write_atomically(output, ontology.trig(dataset, prefixes))
    return result


def summary_lines(result: ReasoningResult, output: Path | None = None) -> list[str]:
    """What `ccm-graph reason` prints: consistency, the clashes, or the inferences."""
    if not result.consistent:
        lines = ["inconsistent: the graph contradicts the ontology's axioms"]
        lines += [f"  {item.individual} {item.problem}" for item in result.inconsistencies]
        if not result.inconsistencies:
            lines.append("  (no single node found to blame; check the axioms)")
        return lines
    lines = [f"consistent; {len(result.inferred)} inferred fact(s)"]
    lines += [f"  {count:5d} {kind}" for kind, count in sorted(result.counts().items())]
    if output is not None:
        lines.append(f"inferred facts written to {output} (named graph {INFERRED_GRAPH})")
    return lines
