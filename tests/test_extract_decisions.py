"""Decisions: the Meeting's own positions in the numbered paragraphs of a final report."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import facts

from ccm_graph.ingest import ingest
from ccm_graph.model import DecisionFact, SourceDocument

CORPUS = Path(__file__).parent.parent / "corpus"

PARAGRAPHS = [
    (
        "The Meeting warmly welcomed the recent ratification of the Convention by Benin. "
        "The Meeting also took note of the efforts undertaken by the Netherlands."
    ),
    (
        "Recognizing the importance of victim assistance, the Meeting expressed "
        "appreciation for the efforts undertaken by Chile and Italy as Coordinators."
    ),
    (
        "The Sixth Meeting of States Parties decided that the Seventh Meeting of States "
        "Parties would be three days long."
    ),
    (
        "At the same meeting, Zambia, Costa Rica and Croatia were elected by acclamation "
        "as Vice-Presidents of the Meeting."
    ),
    (
        "At the Seventh Meeting, States Parties expressed their strong concern regarding "
        "recent use of cluster munitions and condemned any use by any actor."
    ),
    (
        "The Meeting considered and adopted the financial arrangements for the Eighth "
        "Meeting of States Parties."
    ),
    (
        "The Meeting heard a presentation by Mr. Hans Baritt on the financial status. Mr. "
        "Baritt stressed the importance of paying contributions on time."
    ),
    (
        "The Meeting welcomed the progress report submitted by Germany and was encouraged "
        "by the progress made in the implementation of the Action Plan."
    ),
    (
        "The Meeting however noted that less than half of States Parties had contributed. "
        "It further noted that a few States Parties decided to contribute more. The ISU "
        "shall report regularly."
    ),
    (
        "The resolution of the General Assembly was adopted with a vote of 141 in favour, "
        "and the work plan adopted at the First Review Conference remains in force."
    ),
    (
        "The meeting acknowledged with appreciation the work of the Netherlands and "
        "Norway as the Coordinators on Clearance and Risk Reduction."
    ),
    (
        "The Meeting underlined that contributions under document CCM/MSP/2011/WP.9 "
        "(adopted at the Second Meeting of States Parties in Beirut) are necessary."
    ),
    (
        "The Seventh Meeting of States Parties also decided to designate Ambassador "
        "Hernan Estrada Roman as President of the Eighth Meeting of States Parties."
    ),
    (
        "The ISU presented its annual report. It also recommended that States Parties pay "
        "their contributions."
    ),
]
ANNEX = [
    (
        "In noting that significant progress was required, the Meeting recommended that "
        "the ISU conduct regular outreach."
    ),
]
REPORT = (
    "Seventh Meeting of States Parties\n\nFinal report\n\n"
    + "\n\n".join(f"{number}. {text}" for number, text in enumerate(PARAGRAPHS, 1))
    + "\n\nAnnex I\n\nSpecific measures\n\n"
    + "\n".join(f"{number}. {text}" for number, text in enumerate(ANNEX, 1))
    + "\n"
)

EXPECTED = {
    ("1", "welcome"),
    ("1", "note"),
    ("2", "welcome"),
    ("4", "decision"),
    ("5", "concern"),
    ("6", "note"),
    ("6", "decision"),
    ("7", "note"),
    ("8", "welcome"),
    ("9", "note"),
    ("11", "welcome"),
    ("12", "recommendation"),
    ("13", "decision"),
    ("Annex I.1", "recommendation"),
}


def read(text: str) -> set[tuple[str, str]]:
    source = SourceDocument("doc", "doc.txt", text, "")
    found = facts(source, DecisionFact)
    for fact in found:
        assert isinstance(fact, DecisionFact)
        assert text[fact.span.start : fact.span.end] == fact.span.text
    return {(f.paragraph, str(f.decision_type)) for f in found if isinstance(f, DecisionFact)}


def test_positions_of_the_meeting_in_a_report() -> None:
    assert read(REPORT) == EXPECTED


def test_flattened_line_breaks_give_the_same_positions() -> None:
    flat = re.sub(r"\s*\n\s*", " ", REPORT)
    assert read(flat) == EXPECTED


def test_span_quotes_the_sentence() -> None:
    source = SourceDocument("doc", "doc.txt", REPORT, "")
    found = [f for f in facts(source, DecisionFact) if isinstance(f, DecisionFact)]
    concern = next(f for f in found if f.paragraph == "5")
    assert concern.span.text.startswith("At the Seventh Meeting, States Parties expressed")


def test_minutes_with_numbered_headings_give_nothing() -> None:
    minutes = """MINUTES OF THE COORDINATION COMMITTEE MEETING

1. Present:

Germany
Chile

2. Opening Remarks by the Presidency

The President welcomed the members. The meeting agreed to hold the next meeting in May.

3. Approval of Minutes

The Minutes were approved. The Meeting noted the report of the ISU.

4. Update from the Presidency

The meeting welcomed the update and decided to continue the work.

5. Any other business

The Meeting agreed on the date of the next meeting.
"""
    assert read(minutes) == set()


def test_final_report_of_corpus() -> None:
    source = ingest.read_document(CORPUS / "004_84df55e0ed4bb163.txt")
    found = {(f.paragraph, str(f.decision_type)) for f in facts(source, DecisionFact)}
    assert {("23", "decision"), ("27", "concern"), ("Annex I.3", "decision")} <= found
    assert ("3", "decision") not in found and ("6", "decision") not in found
    assert ("32", "recommendation") not in found


def _report(paragraphs: list[str]) -> str:
    return "Tenth Meeting of States Parties\n\nFinal report\n\n" + "\n\n".join(
        f"{number}. {text}" for number, text in enumerate(paragraphs, 1)
    )


FILLER = "The Meeting took note of the oral report presented by the Implementation Support Unit."


def test_sub_items_introduced_by_the_meeting() -> None:
    text = _report(
        [
            FILLER,
            FILLER,
            "Having reviewed the budget, the Meeting of States Parties:\n"
            "    (a) approved the estimated costs for 2024; and\n"
            "    (b) further urged States Parties to pay their contributions on time.",
            FILLER,
            "The following organizations attended as observers of the Meeting:\n"
            "    (a) endorsed by the host: the ICRC;\n"
            "    (b) others.",
            FILLER,
        ]
    )
    found = read(text)
    assert {("3", "decision"), ("3", "recommendation")} <= found
    assert not any(paragraph == "5" for paragraph, _ in found)


def test_annex_named_in_a_wrapped_sentence_is_not_an_annex_heading() -> None:
    paragraphs = [FILLER] * 5
    paragraphs[1] = (
        "The Meeting adopted the methodology for extension requests, as reproduced in\nAnnex III."
    )
    text = _report(paragraphs) + "\n\nAnnex III\n\n1. The Meeting decided to apply it.\n"
    found = read(text)
    assert {("2", "decision"), ("3", "note"), ("5", "note"), ("Annex III.1", "decision")} <= found
