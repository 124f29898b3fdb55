"""Curated name tables: States, organizations, thematic areas and meeting ordinals.

The tables are data, read from `ccm_graph/data/` on first use. Names of States come from
the ISO 3166 table (pycountry) plus the variants UN and CCM documents use; fuzzy search
alone is never trusted ("Niger" is not Nigeria), see `link.py` for the tight OCR repair.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

# Names the UN and CCM record use that ISO 3166 spells otherwise.
STATE_ALIASES: dict[str, tuple[str, ...]] = {
    "BIH": ("Bosnia Herzegovina", "Bosnia-Herzegovina", "Bosnia & Herzegovina"),
    "BOL": ("Bolivia", "Plurinational State of Bolivia"),
    "BRN": ("Brunei",),
    "CIV": ("Cote d'Ivoire", "Côte d’Ivoire", "Cote d’Ivoire", "Ivory Coast"),
    "COD": (
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "DR Congo",
        "D.R. Congo",
        "DRC",
    ),
    "COG": ("Congo", "Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"),
    "CPV": ("Cape Verde", "Cabo Verde"),
    "CZE": ("Czech Republic", "Czechia"),
    "DEU": ("Federal Republic of Germany",),
    "FSM": ("Micronesia", "Federated States of Micronesia"),
    "GBR": (
        "United Kingdom",
        "United Kingdom of Great Britain and Northern Ireland",
        "UK",
        "Great Britain",
    ),
    "GMB": ("The Gambia", "Gambia"),
    "IRN": ("Iran", "Islamic Republic of Iran"),
    "KOR": ("Republic of Korea", "South Korea"),
    "PRK": ("Democratic People's Republic of Korea", "North Korea", "DPRK"),
    "LAO": ("Lao PDR", "Laos", "Lao", "Lao P.D.R.", "Lao People’s Democratic Republic"),
    "MDA": ("Moldova", "Republic of Moldova"),
    "MKD": (
        "North Macedonia",
        "Former Yugoslav Republic of Macedonia",
        "The former Yugoslav Republic of Macedonia",
        "the former Yugoslav Republic of Macedonia",
        "Macedonia",
    ),
    "NLD": ("The Netherlands", "Netherlands", "Kingdom of the Netherlands"),
    "PSE": ("Palestine", "State of Palestine"),
    "RUS": ("Russia", "Russian Federation"),
    "STP": ("São Tomé and Príncipe", "Sao Tome and Principe", "São Tomé and Principe"),
    "SWZ": ("Swaziland", "Eswatini", "Kingdom of Eswatini"),
    "SYR": ("Syria", "Syrian Arab Republic"),
    "TLS": ("Timor-Leste", "East Timor"),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "TZA": ("Tanzania", "United Republic of Tanzania"),
    "USA": ("United States", "United States of America", "USA"),
    "VAT": ("Holy See", "Vatican", "the Holy See"),
    "VEN": ("Venezuela", "Bolivarian Republic of Venezuela"),
    "VNM": ("Viet Nam", "Vietnam"),
}

# Adjectives that name a State in "the German Presidency", "Sri Lankan delegation".
STATE_ADJECTIVES: dict[str, tuple[str, ...]] = {
    "AUS": ("Australian",),
    "AUT": ("Austrian",),
    "BEL": ("Belgian",),
    "CAN": ("Canadian",),
    "CHE": ("Swiss",),
    "CHL": ("Chilean",),
    "COL": ("Colombian",),
    "CRI": ("Costa Rican",),
    "DEU": ("German",),
    "ESP": ("Spanish",),
    "FRA": ("French",),
    "GBR": ("British",),
    "GHA": ("Ghanaian",),
    "HRV": ("Croatian",),
    "IRL": ("Irish",),
    "IRQ": ("Iraqi",),
    "ITA": ("Italian",),
    "JPN": ("Japanese",),
    "LAO": ("Lao",),
    "LBN": ("Lebanese",),
    "LKA": ("Sri Lankan",),
    "MEX": ("Mexican",),
    "MOZ": ("Mozambican",),
    "MWI": ("Malawian",),
    "NIC": ("Nicaraguan",),
    "NLD": ("Dutch",),
    "NOR": ("Norwegian",),
    "NZL": ("New Zealand",),
    "PAN": ("Panamanian",),
    "PER": ("Peruvian",),
    "PHL": ("Philippine", "Filipino"),
    "PRT": ("Portuguese",),
    "SWE": ("Swedish",),
    "ZMB": ("Zambian",),
    "ZAF": ("South African",),
    "MNE": ("Montenegrin",),
    "BIH": ("Bosnian",),
    "SEN": ("Senegalese",),
}

ORGANIZATION_ALIASES: dict[str, tuple[str, ...]] = {
    "ISU": (
        "ISU",
        "CCM ISU",
        "Implementation Support Unit",
        "CCM Implementation Support Unit",
        "Implementation Support Unit of the Convention on Cluster Munitions",
        "Implementation Support Unit (ISU)",
        "Secretariat - ISU",
    ),
    "APMBC-ISU": (
        "APMBC ISU",
        "APMBC-ISU",
        "Implementation Support Unit of the Anti-Personnel Mine Ban Convention",
        "Implementation Support Unit of the APMBC",
        "AP Mine Ban Convention ISU",
    ),
    "CMC": ("CMC", "Cluster Munition Coalition", "the Cluster Munition Coalition"),
    "ICRC": ("ICRC", "International Committee of the Red Cross"),
    "IFRC": ("IFRC", "International Federation of Red Cross and Red Crescent Societies"),
    "UNODA": (
        "UNODA",
        "UN Office for Disarmament Affairs",
        "United Nations Office for Disarmament Affairs",
        "Office for Disarmament Affairs",
        "UN ODA",
    ),
    "UNDP": (
        "UNDP",
        "United Nations Development Programme",
        "United Nations Development Program",
        "UN Development Programme",
    ),
    "UNMAS": ("UNMAS", "United Nations Mine Action Service", "UN Mine Action Service"),
    "UNIDIR": ("UNIDIR", "United Nations Institute for Disarmament Research"),
    "UNOG": ("UNOG", "United Nations Office at Geneva", "UN Office at Geneva"),
    "UNGA": ("UNGA", "United Nations General Assembly", "UN General Assembly"),
    "WFP": ("WFP", "World Food Programme", "World Food Program"),
    "GICHD": (
        "GICHD",
        "Geneva International Centre for Humanitarian Demining",
        "Geneva International Center for Humanitarian Demining",
    ),
    "EU": ("EU", "European Union"),
    "AU": ("African Union",),
    "LAS": ("League of Arab States", "Arab League"),
    "ASEAN": (
        "ASEAN",
        "Association of South East Asian Nations",
        "Association of Southeast Asian Nations",
    ),
    "OIF": (
        "OIF",
        "Organisation Internationale de la Francophonie",
        "International Organisation of La Francophonie",
    ),
    "IPU": ("IPU", "Inter-Parliamentary Union"),
    "PGA": ("PGA", "Parliamentarians for Global Action"),
    "NPA": ("NPA", "Norwegian People's Aid", "Norwegian People’s Aid"),
    "MAG": ("MAG", "Mines Advisory Group"),
    "HALO": ("HALO", "The HALO Trust", "HALO Trust", "The Halo Trust", "Halo Trust"),
    "HI": ("Humanity and Inclusion", "Humanity & Inclusion", "Handicap International"),
    "CISR": ("CISR", "Center for International Stabilization and Recovery"),
    "PRIO": ("PRIO", "Peace Research Institute Oslo"),
    "FRS": (
        "Fondation pour la recherche stratégique",
        "Fondation pour la Recherche Stratégique",
        "FRS",
    ),
    "MASG": ("MASG", "Mine Action Support Group"),
}

AREA_ALIASES: dict[str, tuple[str, ...]] = {
    "universalization": (
        "Universalization",
        "Universalisation",
        "universalization",
        "universalisation",
        "Univ.",
    ),
    "victim-assistance": (
        "Victim Assistance",
        "Victims Assistance",
        "victim assistance",
        "VA",
        "Vict. Assist.",
        "Assistance to Victims",
        "assistance to victims",
    ),
    "clearance": (
        "Clearance and Risk Reduction",
        "Clearance and Risk Reduction Education",
        "Clearance and Risk Education",
        "Clearance and risk reduction",
        "Clearance",
        "clearance",
        "Clearance and Risk Reduction Education",
        "Clearance and Risk Reduction Education (RRE)",
    ),
    "stockpile-destruction": (
        "Stockpile Destruction and Retention",
        "Storage and Stockpile Destruction",
        "Stockpile Destruction",
        "stockpile destruction",
        "Stock. Destruct.",
        "Stockpile destruction and retention",
        "Stockpile Destruction & Retention",
    ),
    "cooperation": (
        "International Cooperation and Assistance",
        "Cooperation and Assistance",
        "international cooperation and assistance",
        "cooperation and assistance",
        "Coop. and Assist.",
        "International Cooperation & Assistance",
        "Cooperation & Assistance",
    ),
    "transparency": (
        "Transparency Measures",
        "Transparency Reporting",
        "Reporting",
        "Transparency",
        "transparency measures",
        "Transparency measures",
        "reporting",
    ),
    "national-implementation": (
        "National Implementation Measures",
        "National implementation measures",
        "NIM",
        "national implementation measures",
        "National Implementation",
    ),
    "general-status": (
        "General Status and Operation of the Convention",
        "General Status and Operation",
        "general status and operation of the Convention",
        "general status and operation",
        "General status and operation of the Convention",
        "General Status",
    ),
    "gender": (
        "Gender and Diversity",
        "Gender Focal Points",
        "Gender Focal Point",
        "gender and diversity",
    ),
}

ORDINAL_WORDS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
)


@dataclass(frozen=True)
class Entry:
    """One name that refers to one entity: `kind` is state, org or area; `key` its id."""

    kind: str
    key: str
    name: str


DATA = Path(__file__).resolve().parents[1] / "data"


def _data_lines(name: str) -> list[list[str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.reader(lines[1:], delimiter="\t"))


@cache
def state_names() -> dict[str, str]:
    """ISO alpha-3 code to English short name, for every State the record may name."""
    return {row[0]: _display_name(row[0], row[2]) for row in _data_lines("states-wikidata.tsv")}


@cache
def state_wikidata() -> dict[str, str]:
    return {row[0]: row[1] for row in _data_lines("states-wikidata.tsv")}


def _display_name(code: str, iso_name: str) -> str:
    aliases = STATE_ALIASES.get(code)
    if "," in iso_name or "(" in iso_name:
        return aliases[0] if aliases else iso_name.split(",")[0]
    return iso_name


def iso_numeric(code: str) -> str | None:
    country = pycountry.countries.get(alpha_3=code)
    return country.numeric if country else None


@cache
def organizations() -> dict[str, tuple[str, str]]:
    """Organization id to (name, kind) from organizations.tsv."""
    return {row[0]: (row[1], row[2]) for row in _data_lines("organizations.tsv")}


@cache
def areas() -> dict[str, tuple[str, int | None]]:
    """Thematic area id to (label, article number)."""
    return {row[0]: (row[1], int(row[2]) if row[2] else None) for row in _data_lines("areas.tsv")}


def _state_variants(code: str, iso_name: str) -> set[str]:
    names = {iso_name} if "," not in iso_name and "(" not in iso_name else set()
    country = pycountry.countries.get(alpha_3=code)
    for attr in ("name", "official_name", "common_name"):
        value = getattr(country, attr, None) if country else None
        if value and "," not in value and "(" not in value:
            names.add(value)
    names.update(STATE_ALIASES.get(code, ()))
    # UN documents abbreviate "Saint": "St. Kitts and Nevis", "St Lucia".
    names |= {
        re.sub(r"^Saint ", abbreviation, n)
        for n in names
        if n.startswith("Saint ")
        for abbreviation in ("St. ", "St ")
    }
    return names


@cache
def entries() -> tuple[Entry, ...]:
    """Every surface form of every State, organization and area, in a stable order."""
    found: list[Entry] = []
    for code, iso_name in sorted((row[0], row[2]) for row in _data_lines("states-wikidata.tsv")):
        variants = _state_variants(code, iso_name)
        variants |= {v.upper() for v in variants if len(v) >= 4}
        found += [Entry("state", code, name) for name in sorted(variants)]
    for key, (name, _) in sorted(organizations().items()):
        variants = {name, *ORGANIZATION_ALIASES.get(key, ())}
        found += [Entry("org", key, v) for v in sorted(variants)]
    for key, (label, _) in sorted(areas().items()):
        variants = {label, *AREA_ALIASES.get(key, ())}
        found += [Entry("area", key, v) for v in sorted(variants)]
    return tuple(found)


@cache
def state_lookup() -> dict[str, str]:
    """Case-folded State name to code (used by the OCR repair in `link`)."""
    return {e.name.casefold(): e.key for e in entries() if e.kind == "state"}


def ordinal_number(word: str) -> int | None:
    """'Seventh' -> 7, '9th' -> 9, '12' -> 12; None when it is not an ordinal."""
    word = word.strip().lower()
    if word in ORDINAL_WORDS:
        return ORDINAL_WORDS.index(word) + 1
    match = re.fullmatch(r"(\d{1,2})\s*(?:st|nd|rd|th|t)?", word)
    return int(match.group(1)) if match else None


@cache
def meeting_years() -> dict[tuple[str, int], int]:
    """(kind, ordinal) -> the year the meeting was held, e.g. ("msp", 9) -> 2019."""
    return {(row[0], int(row[1])): int(row[2]) for row in _data_lines("meetings.tsv")}


def presidency_years(kind: str, ordinal: int) -> set[int]:
    """The years a Presidency is in office: from the meeting before it to its own meeting."""
    held = meeting_years().get((kind, ordinal))
    return {held - 1, held} if held else set()
