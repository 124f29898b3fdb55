"""Article mentions: CCM articles only, in the many ways records write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import facts

from ccm_graph.ingest import ingest
from ccm_graph.model import ArticleMentionFact, SourceDocument

CORPUS = Path(__file__).parent.parent / "corpus"


def mentioned(text: str) -> set[int]:
    source = SourceDocument("doc", "doc.txt", text, "")
    return {fact.article for fact in facts(source, ArticleMentionFact)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They discussed obligations under CCM Articles 7 and 9 provisions.", {7, 9}),
        ("A methodology for Article 3 and 4 extension requests was mandated.", {3, 4}),
        ("Retention is allowed according to the provisions in Article 3.6.", {3}),
        ("The workshop covered Art. 4 of the CCM in Addis Ababa.", {4}),
        ("Peru, together with the Article 6 Coordinators, will meet.", {6}),
        ("Any use is condemned, in conformity with article 21.", {21}),
        ("Reports were submitted under Articie 7 of the Convention.", {7}),
        ("See Artic1e 9 on national implementation.", {9}),
        ("ARTICLE 4 CLEARANCE\nStates reported progress.", {4}),
        ("Submissions under articles 8 and 10 of the Convention on Cluster Munitions.", {8, 10}),
        ("The Articles 3 to 5 obligations were reviewed.", {3, 4, 5}),
        ("Reports under Article 7 of the Netherlands and Peru were received.", {7}),
        ("The Article 4 deadline of Chile falls in 2021.", {4}),
        # A word hyphenated across a line break by a PDF conversion.
        ("Requests under Arti-\ncles 3 and 4 were considered.", {3, 4}),
        ("Chile prepared its artic-\nle 5 plan.", {5}),
    ],
)
def test_reads_ccm_articles(text: str, expected: set[int]) -> None:
    assert mentioned(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The implementation of Art. 5 of the APMBC was discussed.",
        "She recalled Article 5 of the Anti-Personnel Mine Ban Convention.",
        "Insights from Article 9 of the Convention on Certain Conventional Weapons.",
        "The CCW Article 4 mechanism and the APMBC's Article 7 reports.",
        "Objectives based on Action 4 of the Dubrovnik Action Plan.",
        "Observers pursuant to rule 1 (2) of the rules of procedure.",
        "In accordance with paragraph 30 (d) of the Final Report.",
        "Contributions under categories 7 (a) and 7 (b) of the financial procedures.",
        "As laid down in article 2 of the Rules of Procedure.",
        "By operative paragraph 7 of resolution 70/54.",
        "Article 31 of the Vienna Convention on the Law of Treaties.",
        "Article 45 does not exist in the Convention.",
    ],
)
def test_leaves_out_other_instruments_and_numbers(text: str) -> None:
    assert mentioned(text) == set()


def test_once_per_document_with_its_sentence() -> None:
    text = "Germany presented its Article 4 request. Chad also spoke about Article 4."
    source = SourceDocument("doc", "doc.txt", text, "")
    found = facts(source, ArticleMentionFact)
    assert len(found) == 1
    fact = found[0]
    assert isinstance(fact, ArticleMentionFact)
    assert fact.span.text == "Germany presented its Article 4 request."
    assert text[fact.span.start : fact.span.end] == fact.span.text


def test_final_report_of_corpus() -> None:
    path = CORPUS / "004_84df55e0ed4bb163.txt"
    source = ingest.read_document(path)
    found = {fact.article for fact in facts(source, ArticleMentionFact)}
    assert {11, 6, 8, 10, 21} <= found
    assert 30 not in found and 1 not in found
