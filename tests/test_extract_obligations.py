"""Obligations: State, article and event read from wording, with traps that must not match."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import facts

from ccm_graph.ingest import ingest
from ccm_graph.model import ObligationFact, SourceDocument

CORPUS = Path(__file__).parent.parent / "corpus"


def read(text: str) -> set[tuple[str, int, str]]:
    source = SourceDocument("doc", "doc.txt", text, "")
    found = facts(source, ObligationFact)
    for fact in found:
        assert isinstance(fact, ObligationFact)
        assert text[fact.span.start : fact.span.end] == fact.span.text
    return {(f.actor, f.article, str(f.event)) for f in found if isinstance(f, ObligationFact)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The President highlighted the achievement of Peru in successfully completing the "
            "destruction of its cluster munition stockpiles last December.",
            {("PER", 3, "completed")},
        ),
        (
            "Norway congratulated Peru for complying with its Article 3 obligations.",
            {("PER", 3, "completed")},
        ),
        (
            "The Meeting congratulated Mozambique for meeting its clearance obligation, ahead "
            "of the deadline.",
            {("MOZ", 4, "completed")},
        ),
        ("Croatia declared compliance with Article 4 in 2020.", {("HRV", 4, "completed")}),
        (
            "Germany informed that its Article 4 extension request involved a training ground.",
            {("DEU", 4, "extension-request")},
        ),
        (
            "Somalia highlighted funding challenges and expressed its intent to submit an "
            "extension request for consideration at the 13MSP.",
            {("SOM", 4, "extension-request")},
        ),
        (
            "Peru submitted a request for an extension of its stockpile destruction deadline.",
            {("PER", 3, "extension-request")},
        ),
        (
            "The Coordinators would assess extension requests from Chad, Germany, and Lao PDR.",
            {
                ("TCD", 4, "extension-request"),
                ("DEU", 4, "extension-request"),
                ("LAO", 4, "extension-request"),
            },
        ),
        (
            "Iraq followed up with States Parties with overdue Initial Transparency Reports - "
            "Rwanda, Tunisia and Togo - in the margins of the Council.",
            {("RWA", 7, "overdue"), ("TUN", 7, "overdue"), ("TGO", 7, "overdue")},
        ),
        (
            "States Parties with Article 4 obligations: Chad, Germany and Lebanon.",
            {("TCD", 4, "obligation"), ("DEU", 4, "obligation"), ("LBN", 4, "obligation")},
        ),
        (
            "Following these engagements, two States Parties, Ghana and Lesotho, submitted "
            "their Article 7 reports.",
            {("GHA", 7, "submitted"), ("LSO", 7, "submitted")},
        ),
        (
            "Benin has not yet submitted its initial transparency report.",
            {("BEN", 7, "overdue")},
        ),
        (
            "Afghanistan conveyed that its Article 4 implementation remained on track.",
            {("AFG", 4, "obligation")},
        ),
        # Current obligations, written in several ways.
        (
            "Guinea-Bissau and Botswana have remaining obligations under Article 3 of the "
            "Convention.",
            {("GNB", 3, "obligation"), ("BWA", 3, "obligation")},
        ),
        ("The ISU noted that Peru remains with clearance obligations.", {("PER", 4, "obligation")}),
        (
            "Bulgaria is yet to finish the destruction of its remaining stocks.",
            {("BGR", 3, "obligation")},
        ),
        (
            "Chile still needs to complete clearance of the contaminated areas.",
            {("CHL", 4, "obligation")},
        ),
        (
            "Switzerland and Slovakia presented their ongoing stockpile destruction plans.",
            {("CHE", 3, "obligation"), ("SVK", 3, "obligation")},
        ),
        (
            "Cuba had destroyed 45% of its cluster munition stockpiles by June.",
            {("CUB", 3, "obligation")},
        ),
        # A report that holds information was submitted.
        (
            "Sweden declared retained munitions in its 2019 Article 7 report.",
            {("SWE", 7, "submitted")},
        ),
        # The pronoun of a reported clause takes the State back up over the listener.
        (
            "Panama told the Committee that it had submitted its initial transparency report.",
            {("PAN", 7, "submitted")},
        ),
        (
            "Croatia reported that in July 2020 it had completed the clearance of all areas.",
            {("HRV", 4, "completed")},
        ),
        # Lists that follow an event or a group.
        (
            "Several Article 7 reports are still outstanding, notably those of Togo and Benin.",
            {("TGO", 7, "overdue"), ("BEN", 7, "overdue")},
        ),
        (
            "The States Parties with Article 4 obligations include Chad, Iraq and Lebanon.",
            {("TCD", 4, "obligation"), ("IRQ", 4, "obligation"), ("LBN", 4, "obligation")},
        ),
        (
            "Five States Parties still have overdue initial reports, among which Benin and Togo.",
            {("BEN", 7, "overdue"), ("TGO", 7, "overdue")},
        ),
        # States owning reports, with the status given after them or before.
        (
            "The annual reports from Ghana and Niger had been received by the deadline.",
            {("GHA", 7, "submitted"), ("NER", 7, "submitted")},
        ),
        (
            "The Meeting noted the outstanding initial reports of Chad and Benin.",
            {("TCD", 7, "overdue"), ("BEN", 7, "overdue")},
        ),
        (
            "The initial reports under Article 7 of Malawi, Niger\nand Togo were still late.",
            {("MWI", 7, "overdue"), ("NER", 7, "overdue"), ("TGO", 7, "overdue")},
        ),
        # A State name split by a line break, inside and at the end of a list.
        (
            "States Parties with Article 3 obligations: Guinea-Bissau, Bosnia and\nHerzegovina "
            "and Peru.",
            {("GNB", 3, "obligation"), ("BIH", 3, "obligation"), ("PER", 3, "obligation")},
        ),
        (
            "States Parties with Article 3 obligations: Peru and Bosnia and\nHerzegovina.",
            {("PER", 3, "obligation"), ("BIH", 3, "obligation")},
        ),
        # The deadline a request extends is read after the request.
        (
            "Lebanon announced that it would request an extension of its Article 3 deadline, "
            "as Article 4 work was on track.",
            {("LBN", 3, "extension-request")},
        ),
        # "requests" alone, after a sentence on extension requests.
        (
            "Extension requests are due in March. Iraq and Chad confirmed they would present "
            "their requests at the 12MSP.",
            {("IRQ", 4, "extension-request"), ("TCD", 4, "extension-request")},
        ),
        # Nominal events whose agents follow: "completion ... by", "request ... by/of".
        (
            "The Council noted the completion of the destruction of stockpiled cluster "
            "munitions by Spain and Japan.",
            {("ESP", 3, "completed"), ("JPN", 3, "completed")},
        ),
        (
            "Delegations applauded the declaration of compliance by Mauritania with its "
            "clearance obligations under Article 4.",
            {("MRT", 4, "completed")},
        ),
        (
            "The Meeting welcomed: (a) the ratification by Sri Lanka;\n (b) the fulfilment of "
            "Article 3 obligations by Cuba and Peru.",
            {("CUB", 3, "completed"), ("PER", 3, "completed")},
        ),
        (
            "The Meeting considered the request presented by Iraq for an extension of its "
            "Article 4 deadline to 2028.",
            {("IRQ", 4, "extension-request")},
        ),
        (
            "The Conference granted the request of Peru to extend its stockpile destruction "
            "deadline by one year.",
            {("PER", 3, "extension-request")},
        ),
        (
            "Having analysed the requests to extend the deadline submitted by Chad and by "
            "Somalia, the Meeting granted both.",
            {("TCD", 4, "extension-request"), ("SOM", 4, "extension-request")},
        ),
        # Report status after the owners: "had not been received", "still awaited".
        (
            "The initial reports of Benin and Togo had not been received.",
            {("BEN", 7, "overdue"), ("TGO", 7, "overdue")},
        ),
        (
            "Annual transparency reports from Chad and Peru are still awaited.",
            {("TCD", 7, "overdue"), ("PER", 7, "overdue")},
        ),
        ("Namibia has sent its initial transparency report.", {("NAM", 7, "submitted")}),
        # A State name hyphenated across a line break, and an OCR-broken article word.
        (
            "Chile and Leba-\nnon submitted their Artic-\nle 7 reports.",
            {("CHL", 7, "submitted"), ("LBN", 7, "submitted")},
        ),
        # States with victims have victim assistance (Article 5) obligations.
        (
            "States Parties with cluster munition survivors, namely Iraq and Lebanon, spoke.",
            {("IRQ", 5, "obligation"), ("LBN", 5, "obligation")},
        ),
        (
            "Countries which have declared having victims: Chad, Albania.",
            {("TCD", 5, "obligation"), ("ALB", 5, "obligation")},
        ),
    ],
)
def test_reads_events_from_wording(text: str, expected: set[tuple[str, int, str]]) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Future or hoped-for completion is not completion.
        "If funding arrives, Afghanistan expected to achieve compliance ahead of its deadline.",
        "Germany looked forward to achieving compliance with Article 4 in the future.",
        "Lebanon indicated that it was on track to meeting its clearance obligations.",
        # Methodology talk names a State but no State's request.
        "Sweden informed the Meeting that a methodology for handling Article 4 extension "
        "requests would be in place before the first requests were submitted.",
        "The Netherlands said the initiative would help avoid extension requests.",
        # A group, not the State named earlier in the sentence, is the subject.
        "Australia expressed concerns, noting that some States Parties had not submitted "
        "initial transparency reports.",
        "Norway would explore ways to assist States Parties in fulfilling their Article 4 "
        "obligations.",
        # Not a transparency report.
        "Iraq informed that it had already submitted its Concept Note to the Presidency.",
        # Groups without members.
        "There only remained 7 States Parties with obligations under Article 3.",
        "The event was attended by States Parties with overdue Initial Transparency Reports.",
        # Another convention.
        "Chad submitted its extension request under the APMBC in March.",
        # An organization acts.
        "Chile thanked the ISU for completing the destruction report template.",
        # An expected declaration is neither completion nor (here) a stated obligation.
        "Chile was scheduled to announce completion of its clearance obligations in 2025.",
        # The State reports on others: the clause after "that" has its own subject.
        "Norway informed the Meeting that two Article 7 reports were still overdue.",
        # A report still to be written; the report of a State that may be a Coordinator's.
        "Chad will include the new figures in its Article 7 report.",
        "The report of Norway was received with thanks.",
        # Requests for something other than an extension.
        "Iraq submitted requests for assistance to the Unit.",
        "Mexico would submit its request next year.",
        # A request for something else; a completion still to come; "by" a date.
        "The Meeting considered the request submitted by Chad for financial assistance.",
        "The Meeting noted the expected completion of clearance by Lebanon.",
        "The plan foresees the completion of clearance by 2026.",
        # A State in an earlier sub-item is not the agent of the next one.
        "The Meeting welcomed:\n (a) the accession of Nigeria;\n (b) the completion of "
        "stockpile destruction in the region.",
        # Another convention's article, in a sentence that also names the CCM.
        "Chile, which has obligations under Article 5 of the APMBC, hosted a webinar on the "
        "Convention on Cluster Munitions.",
    ],
)
def test_traps_give_nothing(text: str) -> None:
    assert read(text) == set()


def test_label_block_after_as_follows() -> None:
    text = (
        "The Director gave updates on States Parties having Article 4 obligations as follows:\n\n"
        "Chad: Chad reported that it had received no support.\n\n"
        "Lebanon: Lebanon indicated progress. However, a decrease in funding had led to a need "
        "to submit an extension request.\n\n"
        "7. Any Other Business\n\nFrance: France spoke.\n"
    )
    assert read(text) == {
        ("TCD", 4, "obligation"),
        ("LBN", 4, "obligation"),
        ("LBN", 4, "extension-request"),
    }


def test_heading_names_the_event_of_the_listed_states() -> None:
    text = (
        "6.3 Meetings with States with Outstanding Article 7 and 9 Obligations\n\n"
        "The Unit held meetings with four States Parties (Ghana, Lesotho and Niger), to remind "
        "them of their obligations. Senegal spoke later.\n"
    )
    expected = {(s, a, "overdue") for s in ("GHA", "LSO", "NER") for a in (7, 9)}
    assert read(text) == expected


def test_heading_over_label_lines() -> None:
    text = (
        "6.6 Article 4 Extension Requests\n\n"
        "Lao PDR: On 15 November, the draft was received.\n\n"
        "Chad: The draft was forwarded to the Analysis Group.\n"
    )
    assert read(text) == {("LAO", 4, "extension-request"), ("TCD", 4, "extension-request")}


def test_minutes_of_corpus() -> None:
    source = ingest.read_document(CORPUS / "003_04f8748041cbd76a.txt")
    found = {(f.actor, f.article, str(f.event)) for f in facts(source, ObligationFact)}
    assert {
        ("PER", 3, "completed"),
        ("SOM", 4, "extension-request"),
        ("SEN", 9, "overdue"),
        ("GHA", 7, "submitted"),
    } <= found
    assert ("SEN", 7, "submitted") not in found
    assert not any(actor in ("NOR", "MEX", "AUS") for actor, _, _ in found)
