"""Write ontology/reference.ttl: the Convention and its articles, the thematic areas and
the code lists of the CCM graph.

Inputs: ccm_graph/data/convention-on-cluster-munitions.txt (numbers, titles and texts of
the 23 articles) and ccm_graph/data/areas.tsv (the thematic areas); the code lists are
below. Run from anywhere: python scripts/make_reference.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONVENTION = ROOT / "ccm_graph" / "data" / "convention-on-cluster-munitions.txt"
AREAS = ROOT / "ccm_graph" / "data" / "areas.tsv"
OUT = ROOT / "ontology" / "reference.ttl"

# OCR slips of the source that its own header lists, with the authentic reading.
OCR_FIXES = [
    ("available to of required by", "available to or required by"),
    ("prior to the expiry of me time period", "prior to the expiry of the time period"),
    ("referred toin Article 5", "referred to in Article 5"),
    ("non-govemmental institutions", "non-governmental institutions"),
    ("programmes arid awareness", "programmes and awareness"),
    ("intergovermental or non-govermental", "intergovernmental or non-governmental"),
    ("\n1) The name and contact details", "\nl) The name and contact details"),
    ("the sixth rnonth", "the sixth month"),
]

# (scheme id, class, scheme label, scheme definition, [(notation, label, definition)])
CODE_LISTS = [
    (
        "meeting-type",
        "ccm:MeetingType",
        "Meeting types",
        "The kinds of meeting that a document of the Convention can record.",
        [
            (
                "coordination-committee",
                "Coordination Committee meeting",
                "A meeting of the Coordination Committee: the President, the President-designate"
                " and the coordinators of the thematic areas, convened by a Presidency.",
            ),
            (
                "msp",
                "Meeting of States Parties",
                "A formal Meeting of States Parties under Article 11, numbered by its ordinal"
                " (the 9MSP).",
            ),
            (
                "review-conference",
                "Review Conference",
                "A Review Conference of the Convention under Article 12.",
            ),
            (
                "intersessional",
                "intersessional meeting",
                "An informal meeting of the States Parties and other participants held between"
                " two formal meetings.",
            ),
            ("other", "other meeting", "A meeting of none of the other types."),
        ],
    ),
    (
        "attendance-status",
        "ccm:AttendanceStatus",
        "Attendance statuses",
        "How an actor stood towards a meeting that a document records.",
        [
            (
                "present",
                "present",
                "Listed as present or attending; in a final report, a State Party or a State for"
                " which the Convention is not yet in force that participated.",
            ),
            ("observer", "observer", "Participated as an observer."),
            (
                "apologies",
                "apologies",
                "Apologies received, or regrets sent, in the attendance section.",
            ),
            ("absent", "absent", "Listed as absent."),
        ],
    ),
    (
        "obligation-event",
        "ccm:ObligationEventType",
        "Obligation event types",
        "Where a State stands on an obligation under an article of the Convention.",
        [
            (
                "obligation",
                "obligation",
                "The State is named as having a current obligation under the article.",
            ),
            (
                "extension-request",
                "extension request",
                "The State submitted, is preparing, or intends to submit a request to extend its"
                " deadline under the article.",
            ),
            (
                "completed",
                "completed",
                "The State completed or complied with the obligation: declared compliance,"
                " finished stockpile destruction, met its clearance obligation.",
            ),
            (
                "overdue",
                "overdue",
                "The State has an overdue or outstanding report or obligation under the article.",
            ),
            ("submitted", "submitted", "The State submitted a report due under the article."),
        ],
    ),
    (
        "decision-type",
        "ccm:DecisionType",
        "Decision types",
        "The kinds of position that a meeting takes in a numbered paragraph of its report.",
        [
            (
                "decision",
                "decision",
                "The meeting decided, determined, agreed, adopted, approved, confirmed, elected"
                " or designated.",
            ),
            (
                "welcome",
                "welcome",
                "The meeting welcomed, commended, congratulated, applauded, expressed or"
                " acknowledged with appreciation, or recognised the endeavours of.",
            ),
            ("note", "note", "The meeting noted, took note, recognized, considered or heard."),
            ("concern", "concern", "The meeting expressed concern or condemned."),
            (
                "recommendation",
                "recommendation",
                "The meeting recommended, underlined, stressed, encouraged or called upon.",
            ),
        ],
    ),
    (
        "meeting-link",
        "ccm:MeetingLinkType",
        "Meeting link types",
        "How a recorded meeting refers to another meeting.",
        [
            (
                "approves-minutes-of",
                "approves minutes of",
                "The minutes of the other, earlier meeting were approved at the recorded meeting.",
            ),
            (
                "next-meeting",
                "next meeting",
                "The recorded meeting set the date of the other meeting as its next meeting.",
            ),
        ],
    ),
    (
        "presidency-role",
        "ccm:PresidencyRole",
        "Presidency roles",
        "The roles a State holds towards the Presidency of a Meeting of States Parties.",
        [
            (
                "president",
                "President",
                "The State holds the Presidency of the Meeting of States Parties.",
            ),
            (
                "president-designate",
                "President-designate",
                "The State has been designated to hold the Presidency of the Meeting of States"
                " Parties and has not yet taken it up.",
            ),
        ],
    ),
    (
        "organization-kind",
        "ccm:OrganizationKind",
        "Organization kinds",
        "The kinds of organization that take part in the work of the Convention.",
        [
            (
                "secretariat",
                "secretariat",
                "A body that serves a convention as its secretariat, such as an Implementation"
                " Support Unit.",
            ),
            (
                "ngo",
                "non-governmental organization",
                "An organization independent of governments, such as the Cluster Munition"
                " Coalition or a humanitarian demining organization.",
            ),
            (
                "international-organization",
                "international organization",
                "An international body outside the United Nations system that is not a"
                " regional organization, such as the ICRC or the GICHD.",
            ),
            (
                "un-entity",
                "United Nations entity",
                "An organ, office, programme or agency of the United Nations system.",
            ),
            (
                "regional-organization",
                "regional organization",
                "An organization of the States of a region or of a language community, such as"
                " the European Union or the African Union.",
            ),
            (
                "research-institute",
                "research institute",
                "An institute that does research on peace, security or disarmament.",
            ),
        ],
    ),
]

PREFIXES = """\
@base <https://w3id.org/ccm-graph/id/> .
@prefix ccm:     <https://w3id.org/ccm-graph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

HEADER = """\
# Reference data of the CCM graph: the Convention on Cluster Munitions and its 23
# articles, the thematic areas and the code lists. Relative IRIs resolve against the
# instance namespace (id:), so <article/4> is id:article/4.
#
# GENERATED by scripts/make_reference.py from ccm_graph/data/convention-on-cluster-munitions.txt
# and ccm_graph/data/areas.tsv: change the script or its inputs, not this file.
"""


def parse_articles(text: str) -> list[tuple[int, str, str]]:
    """(number, title, text) of each article: "### Article  N", then "####Title", then body."""
    body = text.split("\n---\n", 1)[1]
    parts = re.split(r"^### Article\s+(\d+)\s*$", body, flags=re.MULTILINE)
    articles = []
    for number, chunk in zip(parts[1::2], parts[2::2], strict=True):
        title_match = re.search(r"^####(.+)$", chunk, flags=re.MULTILINE)
        assert title_match, f"article {number} has no title"
        lines = chunk[title_match.end() :].splitlines()
        # One paragraph a line, spaces folded, markdown italics ("*inter alia*") dropped.
        paragraphs = [re.sub(r"\*([^*]+)\*", r"\1", " ".join(line.split())) for line in lines]
        article_text = "\n".join(p for p in paragraphs if p)
        articles.append((int(number), title_match.group(1).strip(), article_text))
    return articles


def fix_ocr(articles: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    joined = "\n\n".join(text for _, _, text in articles)
    for wrong, _ in OCR_FIXES:
        # Slips are matched with the line start; article texts start without a newline.
        count = ("\n" + joined).count(wrong)
        assert count == 1, f"OCR slip {wrong!r} found {count} times"
    fixed = []
    for number, title, text in articles:
        text = "\n" + text
        for wrong, right in OCR_FIXES:
            text = text.replace(wrong, right)
        fixed.append((number, title, text[1:]))
    return fixed


def literal(value: str, lang: str | None = None) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = f'"""{escaped}"""' if "\n" in escaped else f'"{escaped}"'
    return f"{quoted}@{lang}" if lang else quoted


def convention_block(articles: list[tuple[int, str, str]]) -> list[str]:
    out = [
        "# " + "-" * 78,
        "# The Convention and its articles",
        "# " + "-" * 78,
        "",
        "<convention>",
        "    a ccm:Convention ;",
        '    dcterms:title "Convention on Cluster Munitions" ;',
        '    dcterms:identifier "CCM/77" ;',
        '    dcterms:date "2008-05-30"^^xsd:date ;',
        "    dcterms:source <https://wetten.overheid.nl/BWBV0003143/2011-08-01> .",
        "",
    ]
    for number, title, text in articles:
        out += [
            f"<article/{number}>",
            "    a ccm:Article ;",
            f"    ccm:articleNumber {number} ;",
            f"    dcterms:title {literal(title)} ;",
            "    dcterms:isPartOf <convention> ;",
            f"    ccm:text {literal(text)} .",
            "",
        ]
    return out


def scheme_block(
    scheme: str,
    cls: str,
    label: str,
    definition: str,
    concepts: list[tuple[str, str, str, list[str], str | None]],
) -> list[str]:
    """concepts: (notation, label, definition or '', alt labels, article number or None)."""
    top = " ,\n        ".join(f"<{scheme}/{notation}>" for notation, *_ in concepts)
    out = [
        f"<{scheme}>",
        "    a skos:ConceptScheme ;",
        f"    skos:prefLabel {literal(label, 'en')} ;",
        f"    skos:definition {literal(definition, 'en')} ;",
        f"    skos:hasTopConcept\n        {top} .",
        "",
    ]
    for notation, pref, concept_definition, alt_labels, article in concepts:
        lines = [
            f"<{scheme}/{notation}>",
            f"    a {cls} , skos:Concept ;",
            f"    skos:inScheme <{scheme}> ;",
            f"    skos:topConceptOf <{scheme}> ;",
            f"    skos:notation {literal(notation)} ;",
            f"    skos:prefLabel {literal(pref, 'en')} ;",
        ]
        lines += [f"    skos:altLabel {literal(alt, 'en')} ;" for alt in alt_labels]
        if concept_definition:
            lines.append(f"    skos:definition {literal(concept_definition, 'en')} ;")
        if article:
            lines.append(f"    dcterms:subject <article/{article}> ;")
        lines[-1] = lines[-1][:-2] + " ."
        out += [*lines, ""]
    return out


def read_areas() -> list[tuple[str, str, str, list[str], str | None]]:
    with AREAS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (
            row["id"].strip(),
            row["label"].strip(),
            "",
            [alt.strip() for alt in (row["also called"] or "").split(";") if alt.strip()],
            row["article"].strip() or None,
        )
        for row in rows
    ]


def main() -> None:
    articles = fix_ocr(parse_articles(CONVENTION.read_text(encoding="utf-8")))
    assert [number for number, _, _ in articles] == list(range(1, 24)), "expected Articles 1-23"
    assert all(title and text for _, title, text in articles)
    assert not any("](" in text for _, _, text in articles), "markdown link left in a text"

    out = [HEADER, PREFIXES, *convention_block(articles)]
    out += ["# " + "-" * 78, "# Thematic areas (areas.tsv)", "# " + "-" * 78, ""]
    out += scheme_block(
        "area",
        "ccm:ThematicArea",
        "Thematic areas of the Convention on Cluster Munitions",
        "The areas of work of the Convention, each coordinated in the Coordination Committee.",
        read_areas(),
    )
    out += ["# " + "-" * 78, "# Code lists", "# " + "-" * 78, ""]
    for scheme, cls, label, definition, concepts in CODE_LISTS:
        out += scheme_block(
            scheme,
            cls,
            label,
            definition,
            [(notation, pref, text, [], None) for notation, pref, text in concepts],
        )
    OUT.write_text("\n".join(out).rstrip("\n") + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
