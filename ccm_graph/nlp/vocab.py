"""The vocabulary of the genre, read from the data files shipped in the package.

Entity tables live in `ccm_graph/data/` (States with their Wikidata items, organizations,
thematic areas, the meetings of the Convention); the words rules read as evidence live in
`ccm_graph/data/patterns/` (names and variants, other instruments, honorifics, cue phrases,
ordinals). Every list is spelled once, in its file; this module only reads them. Names of
States come from ISO 3166 (pycountry) plus the variants UN and CCM records use; fuzzy search
alone is never trusted ("Niger" is not Nigeria), see `link.repair_state` for the tight OCR
repair.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

DATA = resources.files("ccm_graph") / "data"
PATTERNS = DATA / "patterns"


@dataclass(frozen=True)
class Entry:
    """One name that refers to one entity: `kind` is state, org or area; `key` its id."""

    kind: str
    key: str
    name: str


def rows(name: str, folder=DATA) -> list[list[str]]:
    """The rows of a tab-separated data file, without its comments and header line."""
    text = (folder / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE))


def _grouped(name: str) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for key, value in rows(name, PATTERNS):
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}


# --- entities ---------------------------------------------------------------------------------


@cache
def state_aliases() -> dict[str, tuple[str, ...]]:
    """State code to the names records use beside ISO 3166's."""
    return _grouped("state-names.tsv")


@cache
def state_names() -> dict[str, str]:
    """ISO alpha-3 code to English short name, for every State the record may name."""
    return {row[0]: _display_name(row[0], row[2]) for row in rows("states-wikidata.tsv")}


@cache
def state_wikidata() -> dict[str, str]:
    return {row[0]: row[1] for row in rows("states-wikidata.tsv")}


def _display_name(code: str, iso_name: str) -> str:
    aliases = state_aliases().get(code)
    if "," in iso_name or "(" in iso_name:
        return aliases[0] if aliases else iso_name.split(",")[0]
    return iso_name


def iso_numeric(code: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return country.numeric if country else None


@cache
def organizations() -> dict[str, tuple[str, str]]:
    """Organization id to (name, kind) from organizations.tsv."""
    return {row[0]: (row[1], row[2]) for row in rows("organizations.tsv")}


@cache
def areas() -> dict[str, tuple[str, int | None]]:
    """Thematic area id to (label, article number)."""
    return {row[0]: (row[1], int(row[2]) if row[2] else None) for row in rows("areas.tsv")}


@cache
def article_areas() -> dict[int, str]:
    """Article number to the thematic area that works on it (4 -> clearance)."""
    return {article: key for key, (_, article) in areas().items() if article}


def _state_variants(code: str, iso_name: str) -> set[str]:
    import pycountry

    names = {iso_name} if "," not in iso_name and "(" not in iso_name else set()
    country = pycountry.countries.get(alpha_3=code)
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None) if country else None
        if value and "," not in value and "(" not in value:
            names.add(value)
    names.update(state_aliases().get(code, ()))
    # UN documents abbreviate "Saint": "St. Kitts and Nevis", "St Lucia".
    names |= {
        re.sub(r"^Saint ", abbreviation, n)
        for n in names
        if n.startswith("Saint ")
        for abbreviation in ("St. ", "St ")
    }
    # "South-Africa", "New-Zealand": a name of two or three capitalised words hyphenated.
    names |= {
        "-".join(words)
        for words in (n.split() for n in names)
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
    }
    return names


@cache
def entries() -> tuple[Entry, ...]:
    """Every surface form of every State, organization and area, in a stable order."""
    found: list[Entry] = []
    for code, iso_name in sorted((row[0], row[2]) for row in rows("states-wikidata.tsv")):
        variants = _state_variants(code, iso_name)
        variants |= {v.upper() for v in variants if len(v) >= 4}
        found += [Entry("state", code, name) for name in sorted(variants)]
    org_names = _grouped("organization-names.tsv")
    for key, (name, _) in sorted(organizations().items()):
        variants = {name, *org_names.get(key, ())}
        # "CLUSTER MUNITION COALITION — NEWS": a name of several words in capitals (a
        # publisher's masthead); one word in capitals is an acronym, listed as it is.
        variants |= {v.upper() for v in variants if len(v.split()) >= 2}
        found += [Entry("org", key, v) for v in sorted(variants)]
    area_names = _grouped("area-names.tsv")
    for key, (label, _) in sorted(areas().items()):
        variants = {label, *area_names.get(key, ())}
        found += [Entry("area", key, v) for v in sorted(variants)]
    return tuple(found)


@cache
def state_lookup() -> dict[str, str]:
    """Case-folded State name to code (used by the OCR repair in `link`)."""
    return {e.name.casefold(): e.key for e in entries() if e.kind == "state"}


@cache
def state_adjectives() -> dict[str, str]:
    """Adjective to the State it names ("Sri Lankan" -> LKA)."""
    return {adjective: code for code, adjective in rows("state-adjectives.tsv", PATTERNS)}


@cache
def instruments() -> tuple[tuple[str, str, str], ...]:
    """(id, class, name) of every other instrument's name."""
    return tuple((row[0], row[1], row[2]) for row in rows("instruments.tsv", PATTERNS))


@cache
def honorifics() -> tuple[tuple[str, str], ...]:
    """(kind, form) of the words that stand before a name."""
    return tuple((row[0], row[1]) for row in rows("honorifics.tsv", PATTERNS))


@cache
def cues() -> dict[str, tuple[str, ...]]:
    """Cue label to its phrases."""
    return _grouped("cues.tsv")


# --- meetings ---------------------------------------------------------------------------------


@cache
def ordinal_words() -> dict[str, int]:
    """Ordinal words to numbers ("ninth" -> 9)."""
    return {word: int(number) for word, number in rows("ordinals.tsv", PATTERNS)}


def ordinal_number(word: str) -> int | None:
    """'Seventh' -> 7, '9th' -> 9, '12' -> 12; None when it is not an ordinal."""
    word = word.strip().lower()
    if word in ordinal_words():
        return ordinal_words()[word]
    match = re.fullmatch(r"(\d{1,2})\s*(?:st|nd|rd|th|t)?", word)
    return int(match.group(1)) if match else None


@cache
def meeting_years() -> dict[tuple[str, int], int]:
    """(kind, ordinal) -> the year the meeting was held, e.g. ("msp", 9) -> 2019."""
    return {(row[0], int(row[1])): int(row[2]) for row in rows("meetings.tsv")}


def presidency_years(kind: str, ordinal: int) -> set[int]:
    """The years a Presidency is in office: from the meeting before it to its own meeting."""
    held = meeting_years().get((kind, ordinal))
    return {held - 1, held} if held else set()
