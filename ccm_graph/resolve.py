"""Names to entities: the one resolver behind `ccm-graph who`, `ccm_graph.who()` and the
explorer's search box.

A name is matched, in this order of trust, against
1. the entity's label in the graph ("Sri Lanka", "Victim Assistance", "Pamela Moraga");
2. its code: ISO 3166 alpha-3 for a State, the acronym of an organization ("LKA", "ICRC");
3. the names it also goes by: the graph's own alternative labels, the gazetteer's variants
   (UN and CCM usage), pycountry's names and alpha-2 and numeric codes, and the common
   English forms in `data/name-aliases.tsv` ("Laos", "UK", "Turkey", "Ivory Coast",
   "Czech Republic", "Vatican"); a person's first and last name without titles or initials;
4. whole words of a name ("Moraga", "Lanka"), when only one entity has them;
and, for suggestions only, names that start with or contain the text, then near misses
ranked by rapidfuzz ("Irland" -> Ireland). Curated names come first and fuzzy matching only
suggests: pycountry's own fuzzy search maps "Niger" to Nigeria, which this never does.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

import pycountry
from rapidfuzz import fuzz, process

from ccm_graph import errors, resources

# The gazetteer's name for each kind of entity that has aliases.
ALIAS_GROUPS = {"State": "state", "Organization": "org", "Thematic area": "area"}
# Between equally good matches: States before organizations, areas, people and the rest.
KIND_ORDER = ("State", "Organization", "Thematic area", "Person")
# Near misses: rapidfuzz's token-sort ratio (edit distance, word order free) of at least
# this much, between names of 4 characters or more (codes are matched exactly or not at all).
FUZZY_CUTOFF = 80
FUZZY_MIN_LENGTH = 4
HONORIFICS = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mme|dr|prof|amb|ambassador|h ?e|his excellency|her excellency)"
    r"\.?\s+)+",
    re.IGNORECASE,
)


class How(IntEnum):
    """How a name matched, strongest first."""

    LABEL = 1
    CODE = 2
    ALIAS = 3
    OTHER_CODE = 4
    WORDS = 5
    PREFIX = 6
    WORD_PREFIX = 7
    SUBSTRING = 8
    FUZZY = 9


#: Matches that name an entity; the weaker ones only suggest.
NAMING = (How.LABEL, How.CODE, How.ALIAS, How.OTHER_CODE)


@dataclass(frozen=True)
class Candidate:
    """An entity a name may refer to: its IRI, label, kind and the other names it has."""

    iri: str
    label: str
    kind: str
    notation: str | None = None
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A candidate, how it matched and the name that matched (score 100 unless fuzzy)."""

    candidate: Candidate
    how: How
    name: str
    score: float = 100.0

    def order(self) -> tuple[int, float, int, int, str]:
        kind = self.candidate.kind
        rank = KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
        return (self.how, -self.score, rank, len(self.candidate.label), self.candidate.label)


def fold(text: str) -> str:
    """A name as compared: no accents, case, punctuation or leading "the"."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = " ".join(re.sub(r"[^\w]+|_", " ", text).split())
    return text.removeprefix("the ")


def person_form(name: str) -> str:
    """A person's name as compared: first and last word, no titles or initials."""
    words = [w for w in fold(HONORIFICS.sub("", name.strip())).split() if len(w) > 1]
    return f"{words[0]} {words[-1]}" if len(words) >= 2 else ""


class Resolver:
    """Every name of every candidate, folded, to answer `resolve` and `suggest`."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self.candidates = tuple(candidates)
        self.names: dict[str, list[tuple[Candidate, How, str]]] = {}
        for candidate in self.candidates:
            for name, how in _names_of(candidate):
                key = fold(name)
                if key:
                    self.names.setdefault(key, []).append((candidate, how, name))
        self.keys = [key for key in self.names if len(key) >= FUZZY_MIN_LENGTH]

    def resolve(self, text: str) -> Candidate:
        """The one entity `text` names.

        Raises:
            errors.CcmGraphError: `text` is empty.
            errors.NameNotFound: nothing, or more than one entity, has that name; the
                error carries the nearest names as suggestions.
        """
        query = fold(text)
        if not query:
            raise errors.CcmGraphError(errors.EMPTY_NAME)
        found = self._exact(query, text)
        if not found:
            found = [m for m in self._partial(query) if m.how is How.WORDS]
        best = _best_of_each(found)
        if best and (best[0].how in NAMING or len(best) == 1):
            return best[0].candidate
        if best:
            raise errors.NameNotFound(text.strip(), _labels(best), ambiguous=True)
        known = known_entity(query)
        if known is not None:
            raise errors.NotInGraph(text.strip(), *known)
        raise errors.NameNotFound(text.strip(), _labels(self.suggest(text, 3)))

    def suggest(self, text: str, limit: int = 12) -> list[Match]:
        """The best match of each candidate for a search box, best first."""
        query = fold(text)
        if not query:
            return []
        matches = [*self._exact(query, text), *self._partial(query), *self._fuzzy(query)]
        return _best_of_each(matches)[:limit]

    def _exact(self, query: str, text: str) -> list[Match]:
        keys = {query, person_form(text)} - {""}
        return [
            Match(candidate, how if key == query else How.ALIAS, name)
            for key in keys
            for candidate, how, name in self.names.get(key, ())
            if key == query or candidate.kind == "Person"
        ]

    def _partial(self, query: str) -> list[Match]:
        words = f" {query} "
        found = []
        for key, entries in self.names.items():
            spaced = f" {key} "
            if key == query:
                continue
            if words in spaced:
                how = How.WORDS
            elif key.startswith(query):
                how = How.PREFIX
            elif f" {query}" in spaced:
                how = How.WORD_PREFIX
            elif len(query) >= 3 and query in key:
                how = How.SUBSTRING
            else:
                continue
            found += [Match(candidate, how, name) for candidate, _, name in entries]
        return found

    def _fuzzy(self, query: str) -> list[Match]:
        if len(query) < FUZZY_MIN_LENGTH:
            return []
        near = process.extract(
            query, self.keys, scorer=fuzz.token_sort_ratio, score_cutoff=FUZZY_CUTOFF, limit=20
        )
        return [
            Match(candidate, How.FUZZY, name, score)
            for key, score, _ in near
            for candidate, _, name in self.names[key]
        ]


def _best_of_each(matches: list[Match]) -> list[Match]:
    """The best match of each candidate, best first."""
    best: dict[Candidate, Match] = {}
    for match in sorted(matches, key=Match.order):
        best.setdefault(match.candidate, match)
    return list(best.values())


def _labels(matches: list[Match]) -> tuple[str, ...]:
    labels: list[str] = []
    for match in matches:
        if match.candidate.label not in labels:
            labels.append(match.candidate.label)
    return tuple(labels[:3])


def _names_of(candidate: Candidate) -> Iterable[tuple[str, How]]:
    yield candidate.label, How.LABEL
    if candidate.notation:
        yield candidate.notation, How.CODE
    for name in candidate.names:
        yield name, How.ALIAS
    group = ALIAS_GROUPS.get(candidate.kind)
    if group and candidate.notation:
        for name in aliases().get((group, candidate.notation), ()):
            yield name, How.OTHER_CODE if _is_code(name) else How.ALIAS
    if candidate.kind == "Person" and person_form(candidate.label):
        yield person_form(candidate.label), How.ALIAS


def _is_code(name: str) -> bool:
    """pycountry's alpha-2 and numeric codes ("LK", "144"): weaker than the graph's names."""
    return name.isdigit() or (len(name) == 2 and name.isupper())


def known_entity(query: str) -> tuple[str, str] | None:
    """(label, code) of the State, organization or area a folded name is an alias of."""
    found = _alias_index().get(query)
    if found is None:
        return None
    from ccm_graph.nlp import vocab as gazetteer

    kind, key = found
    if kind == "state":
        country = pycountry.countries.get(alpha_3=key)
        label = gazetteer.state_names().get(key) or (country.name if country else key)
    elif kind == "org":
        label = gazetteer.organizations().get(key, (key, ""))[0]
    else:
        label = gazetteer.areas().get(key, (key, None))[0]
    return label, key


@cache
def _alias_index() -> dict[str, tuple[str, str]]:
    index: dict[str, tuple[str, str]] = {}
    for (kind, key), names in sorted(aliases().items()):
        for name in names:
            index.setdefault(fold(name), (kind, key))
    return index


@cache
def aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    """(kind, key) -> every curated name of a State, organization or area."""
    from ccm_graph.nlp import vocab as gazetteer  # the extraction's own variants, read only

    found: dict[tuple[str, str], set[str]] = {}
    for entry in gazetteer.entries():
        found.setdefault((entry.kind, entry.key), set()).add(entry.name)
    for country in pycountry.countries:
        names = {getattr(country, a, None) for a in ("name", "official_name", "common_name")}
        names |= {country.alpha_2, country.alpha_3, country.numeric}
        found.setdefault(("state", country.alpha_3), set()).update(n for n in names if n)
    for kind, key, name in _table_rows():
        found.setdefault((kind, key), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in found.items()}


def _table_rows() -> list[list[str]]:
    path = resources.require(resources.DATA_DIR / "name-aliases.tsv")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    rows = list(csv.reader((line for line in lines if not line.startswith("#")), delimiter="\t"))
    return rows[1:]


# --- candidates from a graph ----------------------------------------------------------------

CANDIDATES = """
PREFIX ccm: <https://w3id.org/ccm-graph/ontology#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?kind ?label ?notation ?alt WHERE {
  VALUES (?class ?kind) {
    (ccm:State "State") (ccm:Organization "Organization") (foaf:Person "Person")
    (ccm:ThematicArea "Thematic area")
  }
  ?node a ?class .
  OPTIONAL { ?node skos:prefLabel ?pref } OPTIONAL { ?node foaf:name ?fname }
  OPTIONAL { ?node skos:notation ?notation } OPTIONAL { ?node skos:altLabel ?alt }
  BIND(STR(COALESCE(?pref, ?fname, STR(?node))) AS ?label)
}
"""


def candidates(graph_store) -> list[Candidate]:  # type: ignore[no-untyped-def]
    """The States, organizations, people and areas of a pyoxigraph store, with their names."""
    rows: dict[str, dict[str, object]] = {}
    for solution in graph_store.query(CANDIDATES):
        node = solution["node"].value
        row = rows.setdefault(
            node, {"kind": solution["kind"].value, "label": solution["label"].value, "alt": set()}
        )
        if solution["notation"] is not None:
            row["notation"] = solution["notation"].value
        if solution["alt"] is not None:
            row["alt"].add(solution["alt"].value)  # type: ignore[union-attr]
    return [
        Candidate(
            node,
            str(row["label"]),
            str(row["kind"]),
            row.get("notation"),  # type: ignore[arg-type]
            tuple(sorted(row["alt"])),  # type: ignore[arg-type]
        )
        for node, row in sorted(rows.items())
    ]
