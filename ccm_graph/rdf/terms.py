"""RDF terms for the build path: pyoxigraph terms made from the fail-closed namespaces.

The writer makes hundreds of thousands of triples; rdflib terms cost a URI check each and a
conversion to pyoxigraph afterwards. `terms.ccm.evidence` is a pyoxigraph NamedNode looked
up once through the generated namespace (so a mistyped term still fails at once) and then
kept as an attribute.
"""

from __future__ import annotations

import re
from typing import Any

import pyoxigraph
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from ccm_graph import resources
from ccm_graph.rdf.namespace import CCM, ID, OA, OPENGOV, PREFIXES, SCHEMA, WD

REFERENCE = resources.ONTOLOGY_DIR / "reference.ttl"
NamedNode = pyoxigraph.NamedNode
Literal = pyoxigraph.Literal
Triple = pyoxigraph.Triple


class Terms:
    """The pyoxigraph NamedNodes of one namespace; unknown terms fail as the namespace does."""

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> pyoxigraph.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = pyoxigraph.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


# Named as the prefixes are, so that `ccm.evidence` reads as the Turtle `ccm:evidence`.
ccm = Terms(CCM)
oa = Terms(OA)
schema = Terms(SCHEMA)
opengov = Terms(OPENGOV)
rdf = Terms(RDF)
rdfs = Terms(RDFS)
owl = Terms(OWL)
skos = Terms(SKOS)
dcterms = Terms(DCTERMS)
foaf = Terms(FOAF)
org = Terms(ORG)
prov = Terms(PROV)
xsd = Terms(XSD)

#: Instance IRIs hold slashes, which Turtle can only write as `id:fact\/doc`: they are
#: written in full, so that the file stays greppable.
BODY_PREFIXES = {name: iri for name, iri in PREFIXES.items() if name != "id"}
_ID = str(ID)
_WD = str(WD)
_INTEGER, _DATE, _GYEAR = xsd.integer, xsd.date, xsd.gYear
# Characters that may not stand in an IRI (RFC 3987 plus Turtle's own refusals).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def instance(path: str) -> pyoxigraph.NamedNode:
    """id:<path>, the IRI of an instance: `instance("state/IRL")`."""
    return pyoxigraph.NamedNode(_ID + path)


def wikidata(item: str) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(_WD + item)


def text(value: str) -> pyoxigraph.Literal:
    """A plain string literal (xsd:string)."""
    return pyoxigraph.Literal(value)


def english(value: str) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(value, language="en")


def integer(value: int) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(str(value), datatype=_INTEGER)


def date(value: str) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(value, datatype=_DATE)


def year(value: int) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(str(value), datatype=_GYEAR)


def is_iri(value: str) -> bool:
    """Whether `value` is an absolute http(s) IRI that RDF can hold as it is."""
    if not re.match(r"^https?://[^/?#]+", value) or _NOT_IN_IRI.search(value):
        return False
    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        return False
    return True


def readable(value: str) -> str:
    """`value` with what a string from the file system may hold and RDF may not (a byte that
    is not UTF-8, kept by Python as a lone surrogate) replaced by U+FFFD."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
