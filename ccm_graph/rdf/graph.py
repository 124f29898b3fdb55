"""Facts to RDF, following docs/rdf-contract.md.

Every fact becomes a node typed by its class in ontology/ccm.ttl, derived from its document
(prov:wasDerivedFrom) and carrying its evidence: a Web Annotation whose target selects the
quoted words by position and by quote. IRIs are built from content, never from counters or
blank nodes, so the same input always gives the same graph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV

from ccm_graph import resources
from ccm_graph.model import (
    ArticleMentionFact,
    AttendanceFact,
    CoordinatorFact,
    DecisionFact,
    DelegateFact,
    DocumentFacts,
    Fact,
    MeetingFact,
    MeetingLinkFact,
    MeetingType,
    ObligationFact,
    PresidencyFact,
)
from ccm_graph.nlp import gazetteer, link

CCM = Namespace("https://w3id.org/ccm-graph/ontology#")
ID = Namespace("https://w3id.org/ccm-graph/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
ONTOLOGY_DIR = resources.ONTOLOGY_DIR
REFERENCE = ONTOLOGY_DIR / "reference.ttl"
QUOTE_CONTEXT = 32

MEETING_CLASSES = {
    MeetingType.COORDINATION_COMMITTEE: CCM.CoordinationCommitteeMeeting,
    MeetingType.MSP: CCM.MeetingOfStatesParties,
    MeetingType.REVIEW_CONFERENCE: CCM.ReviewConference,
    MeetingType.INTERSESSIONAL: CCM.IntersessionalMeeting,
    MeetingType.OTHER: CCM.OtherMeeting,
}
FACT_CLASSES = {
    MeetingFact: CCM.MeetingRecord,
    AttendanceFact: CCM.Attendance,
    DelegateFact: CCM.Representation,
    CoordinatorFact: CCM.CoordinatorMandate,
    PresidencyFact: CCM.PresidencyMandate,
    ArticleMentionFact: CCM.ArticleMention,
    ObligationFact: CCM.ObligationEvent,
    DecisionFact: CCM.Decision,
    MeetingLinkFact: CCM.MeetingLink,
}


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in {
        "ccm": CCM,
        "id": ID,
        "oa": OA,
        "opengov": OPENGOV,
        "schema": SCHEMA,
        "wd": WD,
        "org": ORG,
        "prov": PROV,
        "dcterms": DCTERMS,
        "foaf": FOAF,
        "skos": SKOS,
        "owl": OWL,
    }.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def build_graph(documents: Iterable[DocumentFacts], reference: Path = REFERENCE) -> Graph:
    """The whole dataset: reference data, then each document's facts and the entities they name."""
    graph = new_graph()
    graph.parse(reference, format="turtle")
    documents = sorted(documents, key=lambda d: d.document.doc_id)
    people = _people(documents)
    actors: set[str] = set()
    for document_facts in documents:
        writer = DocumentWriter(graph, document_facts, people)
        writer.write()
        actors |= writer.actors
    for actor in sorted(actors):
        add_actor(graph, actor)
    for key, name in sorted(people.items()):
        person = ID[f"person/{key}"]
        graph.add((person, RDF.type, FOAF.Person))
        graph.add((person, FOAF.name, Literal(name)))
        graph.add((person, RDFS.label, Literal(name)))
    return graph


def _people(documents: list[DocumentFacts]) -> dict[str, str]:
    """Person key to display name, across all documents: one node per human."""
    names = [
        link.fullest_in_document(name, _document_names(document_facts))
        for document_facts in documents
        for fact in document_facts.facts
        for name in _person_names(fact)
    ]
    return link.display_names(names)


def _document_names(document_facts: DocumentFacts) -> list[str]:
    return [name for fact in document_facts.facts for name in _person_names(fact)]


def _person_names(fact: Fact) -> list[str]:
    if isinstance(fact, DelegateFact):
        return [fact.person]
    if isinstance(fact, PresidencyFact) and fact.person:
        return [fact.person]
    return []


def person_iri(name: str) -> URIRef | None:
    key = link.person_key(name)
    return ID[f"person/{key}"] if key else None


def actor_iri(key: str) -> URIRef:
    return ID[f"org/{key}"] if key in gazetteer.organizations() else ID[f"state/{key}"]


def add_actor(graph: Graph, key: str) -> None:
    node = actor_iri(key)
    graph.add((node, SKOS.notation, Literal(key)))
    organizations = gazetteer.organizations()
    if key in organizations:
        name, kind = organizations[key]
        graph.add((node, RDF.type, CCM.Organization))
        graph.add((node, SKOS.prefLabel, Literal(name, lang="en")))
        graph.add((node, SKOS.altLabel, Literal(key, lang="en")))  # the acronym: CMC, ICRC
        graph.add((node, ORG.classification, ID[f"organization-kind/{kind}"]))
        # organizations.tsv's 4th column: the Wikidata item, only where it is known for sure.
        rows = gazetteer._data_lines("organizations.tsv")
        wikidata = {row[0]: row[3] for row in rows if len(row) > 3 and row[3]}.get(key)
        if wikidata:
            graph.add((node, OWL.sameAs, WD[wikidata]))
        return
    graph.add((node, RDF.type, CCM.State))
    graph.add((node, SKOS.prefLabel, Literal(gazetteer.state_names().get(key, key), lang="en")))
    numeric = gazetteer.iso_numeric(key)
    if numeric:
        graph.add((node, CCM.isoNumeric, Literal(numeric)))
    wikidata = gazetteer.state_wikidata().get(key)
    if wikidata:
        graph.add((node, OWL.sameAs, WD[wikidata]))
    # The EU Publications Office country authority names States by their ISO alpha-3 code.
    eu_country = "http://publications.europa.eu/resource/authority/country/"
    graph.add((node, OWL.sameAs, URIRef(f"{eu_country}{key}")))


def meeting_iri(fact: MeetingFact, doc_id: str) -> URIRef:
    if fact.meeting_type is MeetingType.MSP and fact.ordinal:
        return msp_iri(fact.ordinal)
    if fact.meeting_type is MeetingType.REVIEW_CONFERENCE and fact.ordinal:
        return ID[f"meeting/{fact.ordinal}rc"]
    if fact.date:
        prefix = "cc" if fact.meeting_type is MeetingType.COORDINATION_COMMITTEE else "meeting"
        return ID[f"meeting/{prefix}-{fact.date}"]
    return ID[f"meeting/doc-{doc_id}"]


def msp_iri(ordinal: int) -> URIRef:
    return ID[f"meeting/{ordinal}msp"]


def fact_iri(fact: Fact) -> URIRef:
    """A name derived from what the fact says and where, so rebuilds give the same IRI."""
    values = [f"{f.name}={getattr(fact, f.name)}" for f in fields(fact) if f.name != "span"]
    values.append(f"at={fact.span.start}-{fact.span.end}")
    digest = hashlib.sha256("|".join(values).encode()).hexdigest()[:16]
    kind = re.sub(r"Fact$", "", type(fact).__name__).lower()
    return ID[f"fact/{fact.doc_id}/{kind}-{digest}"]


@dataclass
class DocumentWriter:
    """Writes one document, the meeting it records and its facts."""

    graph: Graph
    facts: DocumentFacts
    people: dict[str, str]

    def __post_init__(self) -> None:
        self.doc_id = self.facts.document.doc_id
        self.document = ID[f"document/{self.doc_id}"]
        self.meeting: URIRef | None = None
        self.actors: set[str] = set()
        self.names = _document_names(self.facts)

    def person(self, name: str) -> URIRef | None:
        """The person node; a short form ("Abdul Azeez") joins the document's full name."""
        return person_iri(link.fullest_in_document(name, self.names))

    def add(self, subject: URIRef, predicate: URIRef, value: object) -> None:
        node = value if isinstance(value, URIRef | Literal) else Literal(value)
        self.graph.add((subject, predicate, node))

    def write(self) -> None:
        document = self.facts.document
        self.add(self.document, RDF.type, CCM.Document)
        self.add(self.document, DCTERMS.identifier, document.doc_id)
        self.add(self.document, DCTERMS.source, Literal(Path(document.path).name))
        self.add(self.document, RDFS.label, _title(document.text) or document.doc_id)
        for fact in self.facts.facts:
            if isinstance(fact, MeetingFact):
                self.write_meeting(fact)
        for fact in self.facts.facts:
            node = self.write_fact(fact)
            self.write_specific(node, fact)
        self.write_metadata()

    def write_metadata(self) -> None:
        """What corpus/manifest.csv says of the document. dcterms:identifier and dcterms:source
        already hold the file stem and name (queries and serve read them), so the UN symbol
        and the URL go to schema:identifier and schema:url."""
        meta = self.facts.document.metadata
        for predicate, value in (
            (DCTERMS.title, meta.title),
            (SCHEMA.identifier, meta.symbol),
            (DCTERMS.language, meta.language),
            (DCTERMS.publisher, meta.publisher),
        ):
            if value:
                self.add(self.document, predicate, Literal(value))
        if meta.date:
            self.add(self.document, DCTERMS.date, Literal(meta.date, datatype=XSD.date))
        if meta.meeting_type:
            self.add(self.document, DCTERMS.type, ID[f"meeting-type/{meta.meeting_type}"])
        if meta.source_url:
            self.add(self.document, SCHEMA.url, URIRef(meta.source_url))

    def write_meeting(self, fact: MeetingFact) -> None:
        self.meeting = meeting_iri(fact, self.doc_id)
        self.add(self.document, CCM.records, self.meeting)
        self.add(self.meeting, RDF.type, MEETING_CLASSES[fact.meeting_type])
        self.add(self.meeting, CCM.meetingType, ID[f"meeting-type/{fact.meeting_type}"])
        if fact.date:
            self.add(self.meeting, SCHEMA.startDate, Literal(fact.date, datatype=XSD.date))
        if fact.ordinal:
            self.add(self.meeting, CCM.ordinal, Literal(fact.ordinal))
        if fact.msp and fact.meeting_type is MeetingType.COORDINATION_COMMITTEE:
            self.add(self.meeting, CCM.convenedUnder, self.write_msp(fact.msp))

    def write_msp(self, ordinal: int) -> URIRef:
        node = msp_iri(ordinal)
        self.add(node, RDF.type, CCM.MeetingOfStatesParties)
        self.add(node, CCM.meetingType, ID["meeting-type/msp"])
        self.add(node, CCM.ordinal, Literal(ordinal))
        self.add(node, RDFS.label, Literal(f"{ordinal}MSP"))
        return node

    def write_fact(self, fact: Fact) -> URIRef:
        node = fact_iri(fact)
        self.add(node, RDF.type, FACT_CLASSES[type(fact)])
        self.add(node, PROV.wasDerivedFrom, self.document)
        if self.meeting is not None and not isinstance(fact, MeetingFact):
            self.add(node, CCM.meeting, self.meeting)
        self.write_evidence(node, fact)
        return node

    def write_evidence(self, node: URIRef, fact: Fact) -> None:
        text = self.facts.document.text
        start, end = fact.span.start, fact.span.end
        annotation, target = URIRef(f"{node}/evidence"), URIRef(f"{node}/target")
        position, quote = URIRef(f"{node}/position"), URIRef(f"{node}/quote")
        self.add(node, CCM.evidence, annotation)
        self.add(annotation, RDF.type, OA.Annotation)
        self.add(annotation, OA.hasBody, node)
        self.add(annotation, OA.hasTarget, target)
        self.add(target, RDF.type, OA.SpecificResource)
        self.add(target, OA.hasSource, self.document)
        self.add(target, OA.hasSelector, position)
        self.add(target, OA.hasSelector, quote)
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(start))
        self.add(position, OA.end, Literal(end))
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, text[start:end])
        self.add(quote, OA.prefix, text[max(0, start - QUOTE_CONTEXT) : start])
        self.add(quote, OA.suffix, text[end : end + QUOTE_CONTEXT])

    def actor(self, key: str) -> URIRef:
        self.actors.add(key)
        return actor_iri(key)

    def write_specific(self, node: URIRef, fact: Fact) -> None:
        match fact:
            case MeetingFact():
                if self.meeting is not None:
                    self.add(node, CCM.meeting, self.meeting)
            case AttendanceFact():
                self.add(node, CCM.actor, self.actor(fact.actor))
                self.add(node, CCM.attendanceStatus, ID[f"attendance-status/{fact.status}"])
            case DelegateFact():
                self.write_representation(node, fact)
            case CoordinatorFact():
                self.add(node, ORG.member, self.actor(fact.actor))
                self.add(node, CCM.area, ID[f"area/{fact.area}"])
                for year in fact.years:
                    self.add(node, CCM.termYear, Literal(str(year), datatype=XSD.gYear))
            case PresidencyFact():
                self.write_presidency(node, fact)
            case ArticleMentionFact():
                self.add(node, CCM.article, ID[f"article/{fact.article}"])
            case ObligationFact():
                self.add(node, CCM.actor, self.actor(fact.actor))
                self.add(node, CCM.article, ID[f"article/{fact.article}"])
                self.add(node, CCM.eventType, ID[f"obligation-event/{fact.event}"])
            case DecisionFact():
                self.add(node, CCM.paragraph, fact.paragraph)
                self.add(node, CCM.decisionType, ID[f"decision-type/{fact.decision_type}"])
                self.add(node, DCTERMS.isPartOf, self.document)
            case MeetingLinkFact():
                self.write_link(node, fact)

    def write_representation(self, node: URIRef, fact: DelegateFact) -> None:
        person = self.person(fact.person)
        if person is not None:
            self.add(node, ORG.member, person)
        self.add(node, OPENGOV.onBehalfOf, self.actor(fact.actor))
        self.add(node, CCM.nameAsWritten, fact.person)
        if fact.role:
            self.add(node, CCM.roleAsWritten, fact.role)

    def write_presidency(self, node: URIRef, fact: PresidencyFact) -> None:
        self.add(node, ORG.member, self.actor(fact.actor))
        self.add(node, CCM.msp, self.write_msp(fact.msp))
        self.add(node, CCM.presidencyRole, ID[f"presidency-role/{fact.role}"])
        if fact.person:
            person = self.person(fact.person)
            if person is not None:
                self.add(node, CCM.presidingPerson, person)
            self.add(node, CCM.nameAsWritten, fact.person)

    def write_link(self, node: URIRef, fact: MeetingLinkFact) -> None:
        self.add(node, CCM.linkType, ID[f"meeting-link/{fact.relation}"])
        self.add(node, CCM.targetDate, Literal(fact.date, datatype=XSD.date))
        target = ID[f"meeting/cc-{fact.date}"] if self._records_cc() else None
        if target is not None:
            self.add(target, RDF.type, CCM.CoordinationCommitteeMeeting)
            self.add(target, CCM.meetingType, ID["meeting-type/coordination-committee"])
            self.add(target, SCHEMA.startDate, Literal(fact.date, datatype=XSD.date))
            self.add(node, CCM.targetMeeting, target)

    def _records_cc(self) -> bool:
        return any(
            isinstance(f, MeetingFact) and f.meeting_type is MeetingType.COORDINATION_COMMITTEE
            for f in self.facts.facts
        )


def _title(text: str) -> str | None:
    for line in text.splitlines():
        clean = re.sub(r"[*_#`>]+", "", line).strip()
        if len(clean) >= 8:
            return clean[:200]
    return None
