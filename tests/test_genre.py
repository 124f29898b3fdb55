"""Genre tests: documents of the CCM genre that the project has not been tuned on.

Each `fixtures/genre*/NAME.txt` is a hand-written document in a layout the five corpus
documents do not show. Batch 1: a PDF whose line breaks were lost, OCR slips and running
headers, bulleted lists with roles, a meeting web page, a composition table, a news
item, a review-conference report, US-style dates, an intersessional summary. Batch 2:
attendance as a pipe table, as one "Participants: Actor (persons); ..." line, or person
first ("Ms. Jane Doe, Austria"); heavy OCR and French-influenced English; day-first
numeric dates and next meetings without a year; a Second Review Conference report with
sub-items; an 11MSP report; a coordinators' activity page; a press release.
`NAME.json` holds the answers a careful reader gives per
`../shared/spec/competency-questions.md`, in the row format of the dev gold, plus:

- `ignore`: rows that are acceptable either way (neither rewarded nor penalised);
- `absent`: rows that a sloppy extractor would produce from the document's traps
  ("Article 5 of the APMBC", a former coordinator, a President of a Review
  Conference read as an MSP, a person without affiliation...). None may be produced.

Values are compared the way `../shared/eval/score.py` compares them: case-blind,
accent-blind, hyphens/dots folded, honorifics dropped from names.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from pathlib import Path

import pytest

from ccm_graph.extract import extract_document
from ccm_graph.ingest.ingest import read_document
from ccm_graph.model import (
    ArticleMentionFact,
    AttendanceFact,
    CoordinatorFact,
    DecisionFact,
    DelegateFact,
    MeetingFact,
    MeetingLinkFact,
    ObligationFact,
    PresidencyFact,
)

ROOT = Path(__file__).parent.parent
# Two batches, written at different times against what the extractor then missed.
FIXTURES = Path(__file__).parent / "fixtures"
BATCHES = ("genre", "genre2", "genre3", "genre4", "genre5")
DATA = ROOT / "ccm_graph" / "data"
NAMES = sorted(
    f"{batch}/{path.stem}" for batch in BATCHES for path in (FIXTURES / batch).glob("*.txt")
)
QUESTIONS = (
    "meetings",
    "attendance",
    "delegates",
    "coordinators",
    "presidencies",
    "article_mentions",
    "obligations",
    "decisions",
    "meeting_links",
)
F1_THRESHOLD = 0.8
HONORIFICS = {"mr", "ms", "mrs", "dr", "he", "h e", "ambassador", "prof", "sir", "madam", "miss"}


# --- normalisation, as in ../shared/eval/score.py -------------------------------------


def fold(text: object) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[-‐–—_.,’'`]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name(text: object) -> str:
    words = fold(text).split()
    while words and (words[0] in HONORIFICS or " ".join(words[:2]) in HONORIFICS):
        words = words[2:] if " ".join(words[:2]) in HONORIFICS else words[1:]
    return " ".join(words)


def number(text: object) -> str:
    match = re.search(r"\d+", str(text if text is not None else ""))
    return str(int(match.group())) if match else ""


def code(text: object) -> str:
    return str(text or "").strip().upper()


def iso_date(text: object) -> str:
    match = re.search(r"\d{4}-\d{2}-\d{2}", str(text or ""))
    return match.group() if match else ""


def para(text: object) -> str:
    return re.sub(r"\s+", "", fold(text).replace("paragraph", "").replace("para", ""))


def meeting_rows(meeting: dict) -> set[tuple[str, str]]:
    """A meeting as the scorer sees it: one (field, value) fact per bound field."""
    rows = set()
    if meeting.get("type"):
        rows.add(("type", fold(meeting["type"])))
    if meeting.get("date"):
        rows.add(("date", iso_date(meeting["date"])))
    if meeting.get("msp"):
        rows.add(("msp", number(meeting["msp"])))
    return rows


# Normaliser per column of a gold row (extra columns, like a person key, are dropped).
NORMS = {
    "attendance": (code, fold),
    "delegates": (code, name),
    "coordinators": (fold, code),
    "presidencies": (number, code, name),
    "article_mentions": (number,),
    "obligations": (code, number, fold),
    "decisions": (para, fold),
    "meeting_links": (fold, iso_date),
}


def gold_rows(question: str, rows: list) -> set[tuple]:
    if question == "meetings":
        return set().union(*(meeting_rows(m) for m in rows)) if rows else set()
    norms = NORMS[question]
    out = set()
    for row in rows:
        values = row if isinstance(row, list) else [row]
        out.add(tuple(n(v) for n, v in zip(norms, values[: len(norms)], strict=True)))
    return out


def fact_rows(facts: tuple) -> dict[str, set[tuple]]:
    """The extracted facts in the gold's row shapes, normalised."""
    rows: dict[str, set[tuple]] = {question: set() for question in QUESTIONS}
    for fact in facts:
        if isinstance(fact, MeetingFact):
            rows["meetings"] |= meeting_rows(
                {"type": str(fact.meeting_type), "date": fact.date, "msp": fact.msp}
            )
        elif isinstance(fact, AttendanceFact):
            rows["attendance"].add((code(fact.actor), fold(str(fact.status))))
        elif isinstance(fact, DelegateFact):
            rows["delegates"].add((code(fact.actor), name(fact.person)))
        elif isinstance(fact, CoordinatorFact):
            rows["coordinators"].add((fold(fact.area), code(fact.actor)))
        elif isinstance(fact, PresidencyFact):
            rows["presidencies"].add((number(fact.msp), code(fact.actor), name(fact.person)))
        elif isinstance(fact, ArticleMentionFact):
            rows["article_mentions"].add((number(fact.article),))
        elif isinstance(fact, ObligationFact):
            rows["obligations"].add((code(fact.actor), number(fact.article), fold(str(fact.event))))
        elif isinstance(fact, DecisionFact):
            rows["decisions"].add((para(fact.paragraph), fold(str(fact.decision_type))))
        elif isinstance(fact, MeetingLinkFact):
            rows["meeting_links"].add((fold(str(fact.relation)), iso_date(fact.date)))
    return rows


def presidency_hit(row: tuple, pool: set[tuple]) -> bool:
    """A gold presidency without a person matches the same MSP and actor with any person."""
    return any(row[:2] == g[:2] and (not g[2] or g[2] == row[2]) for g in pool)


# --- loading ---------------------------------------------------------------------------


@functools.cache
def answers(fixture: str) -> dict:
    return json.loads((FIXTURES / f"{fixture}.json").read_text(encoding="utf-8"))


@functools.cache
def predicted(fixture: str) -> dict[str, set[tuple]]:
    document = read_document(FIXTURES / f"{fixture}.txt")
    return fact_rows(extract_document(document).facts)


def expected(fixture: str, question: str) -> set[tuple]:
    return gold_rows(question, answers(fixture).get(question, []))


def ignored(fixture: str, question: str) -> set[tuple]:
    return gold_rows(question, answers(fixture).get("ignore", {}).get(question, []))


def absent(fixture: str, question: str) -> set[tuple]:
    return gold_rows(question, answers(fixture).get("absent", {}).get(question, []))


def cases(kind: str) -> list:
    params = []
    for fixture in NAMES:
        data = json.loads((FIXTURES / f"{fixture}.json").read_text(encoding="utf-8"))
        for question in QUESTIONS:
            rows = data.get(question) if kind == "expected" else data.get(kind, {}).get(question)
            if rows:
                params.append(pytest.param(fixture, question, id=f"{fixture}-{question}"))
    return params


# --- the fixtures themselves -----------------------------------------------------------


def known_actors() -> set[str]:
    with (DATA / "states-wikidata.tsv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    states = {row["iso3"] for row in csv.DictReader(lines, delimiter="\t")}
    with (DATA / "organizations.tsv").open(encoding="utf-8") as handle:
        organizations = {row["id"] for row in csv.DictReader(handle, delimiter="\t")}
    return states | organizations


def known_areas() -> set[str]:
    with (DATA / "areas.tsv").open(encoding="utf-8") as handle:
        return {row["id"] for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.parametrize("fixture", NAMES)
def test_fixture_answers_are_well_formed(fixture: str) -> None:
    data = answers(fixture)
    assert data["doc"] == Path(fixture).name
    assert set(QUESTIONS) <= set(data), "every question has a key, empty when no answer"
    actors, areas = known_actors(), known_areas()
    sections = [data, data.get("ignore", {}), data.get("absent", {})]
    for section in sections:
        for actor, _status in section.get("attendance", []):
            assert actor in actors, actor
        for actor, *_ in section.get("delegates", []):
            assert actor in actors, actor
        for area, actor in section.get("coordinators", []):
            assert area in areas and actor in actors, (area, actor)
        for _msp, actor, _person in section.get("presidencies", []):
            assert actor in actors, actor
        for actor, article, _event in section.get("obligations", []):
            assert actor in actors and 1 <= article <= 23, (actor, article)
        for article in section.get("article_mentions", []):
            assert 1 <= article <= 23, article
    for question in QUESTIONS:  # a row cannot be both an answer and a trap
        assert not expected(fixture, question) & absent(fixture, question), question


# --- the extraction --------------------------------------------------------------------


@pytest.mark.parametrize(("fixture", "question"), cases("absent"))
def test_traps_are_not_extracted(fixture: str, question: str) -> None:
    got = predicted(fixture)[question]
    if question == "presidencies":
        wrong = sorted(row for row in got if presidency_hit(row, absent(fixture, question)))
    else:
        wrong = sorted(got & absent(fixture, question))
    assert not wrong, f"{fixture}: {question} produced rows a careful reader rejects: {wrong}"


def score(fixture: str, question: str) -> tuple[float, float, float, list, list]:
    """F1, precision, recall, the rows missed and the rows wrong for one case."""
    gold, skip = expected(fixture, question), ignored(fixture, question)
    got = predicted(fixture)[question]
    if question == "presidencies":
        tp = sum(1 for row in got if presidency_hit(row, gold))
        fp = sum(1 for row in got if not presidency_hit(row, gold | skip))
        missed = sorted(g for g in gold if not any(presidency_hit(row, {g}) for row in got))
        wrong = sorted(row for row in got if not presidency_hit(row, gold | skip))
    else:
        got = got - skip
        tp, fp = len(got & gold), len(got - gold)
        missed, wrong = sorted(gold - got), sorted(got - gold)
    fn = len(missed)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall, missed, wrong


@pytest.mark.parametrize(("fixture", "question"), cases("expected"))
def test_answers_are_extracted(fixture: str, question: str) -> None:
    f1, precision, recall, missed, wrong = score(fixture, question)
    assert f1 >= F1_THRESHOLD, (
        f"{fixture}: {question} F1 {f1:.2f} (P {precision:.2f}, R {recall:.2f}); "
        f"missed {missed}; wrong {wrong}"
    )


# --- the ratchet: no case may score lower than it did ---------------------------------

SCORES = FIXTURES / "genre-scores.json"
RECORD = ".venv/bin/python scripts/record_genre_scores.py"


def recorded_scores() -> dict[str, float]:
    return json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.is_file() else {}


def case_id(fixture: str, question: str) -> str:
    return f"{fixture}-{question}"


def test_every_case_has_a_recorded_score() -> None:
    ids = {case_id(*case.values) for case in cases("expected")}
    assert ids, "no genre cases found"
    unrecorded = sorted(ids - set(recorded_scores()))
    assert not unrecorded, f"cases without a recorded F1: {unrecorded}; record them: {RECORD}"


@pytest.mark.parametrize(("fixture", "question"), cases("expected"))
def test_no_case_scores_lower_than_recorded(fixture: str, question: str) -> None:
    before = recorded_scores().get(case_id(fixture, question))
    if before is None:
        pytest.fail(f"no recorded F1 for {case_id(fixture, question)}: {RECORD}")
    f1, precision, recall, missed, wrong = score(fixture, question)
    assert f1 >= before - 1e-6, (
        f"{fixture}: {question} F1 fell from {before:.3f} to {f1:.3f} (P {precision:.2f}, "
        f"R {recall:.2f}); missed {missed}; wrong {wrong}"
    )
