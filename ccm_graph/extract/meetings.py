"""The meeting a document records (type, first day, MSP ordinal) and the meetings it refers to
(minutes approved, next meeting set).

A document records one meeting when its opening says so: minutes of a Coordination Committee
meeting, the final report of a Meeting of States Parties or Review Conference, an
intersessional meeting. Composition tables, activity pages and news items record none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ccm_graph.extract import dates, ordinals
from ccm_graph.extract.context import Context
from ccm_graph.model import (
    Fact,
    LinkType,
    MeetingFact,
    MeetingLinkFact,
    MeetingType,
    PresidencyFact,
    PresidencyRole,
)
from ccm_graph.nlp import gazetteer

HEAD = 1800
TITLE = 300  # the title lines: what the document says it is
CC_RECORD = re.compile(
    r"(?i)(?:minutes|meeting)\s+of\s+(?:(?:a|the)\s+)?(?:meeting\s+of\s+the\s+)?(?:CCM\s+)?Coordination\s+Committee"
    r"|Coordination\s+Committee\s+(?:meeting|minutes)"
    r"|\bMeeting\s+of\s+the\s+(?:CCM\s+)?Coordination\s+Committee"
)
FINAL_REPORT = re.compile(
    r"(?i)\b(?:final\s+report|report\s+of\s+the\s+\w+\s+meeting|procedural\s+report)\b"
)
INTERSESSIONAL = re.compile(r"(?i)\bintersessional\s+meeting")
HELD_ON = re.compile(r"(?i)\b(?:held|convened|took\s+place|meeting)\s+(?:on|of)\s+|\bdate\s*:\s*")
APPROVAL = re.compile(
    r"(?i)\bminutes\b[^.\n]{0,120}?(?:approv|adopt)|(?:approv|adopt)\w*\s+(?:of\s+)?(?:the\s+)?(?:draft\s+)?minutes"
)
NEXT_MEETING = re.compile(
    r"(?i)\bnext\s+(?:Coordination\s+Committee\s+|CC\s+)?meeting\b|\bnext\s+meeting\s+of\s+the\s+Coordination"
)


# Tables and overviews that span meetings record none of them.
NOT_A_RECORD = re.compile(
    r"(?i)\bcomposition\b|\bmembers\s+of\s+the\s+Coordination|\blist\s+of\s+coordinators"
    r"|\bactivities\s+of\s+the\s+coordinators|\bnews\b"
)
RECORD_WORD = re.compile(r"(?i)\b(?:minutes|record|summary|meeting|notes)\b")
CC_TITLE = re.compile(r"(?i)\bCoordination\s+Committee\b|\bCorCom\b")


def meeting_type(ctx: Context) -> MeetingType | None:
    head = ctx.text[:HEAD]
    title = ctx.text[:TITLE]
    if NOT_A_RECORD.search(title):
        return None
    if CC_RECORD.search(head) or (CC_TITLE.search(title) and RECORD_WORD.search(title)):
        return MeetingType.COORDINATION_COMMITTEE
    title_ordinals = [o for o in ordinals.find(head) if o.start < 1200]
    titles = [o for o in title_ordinals if _is_title(ctx.text, o)]
    if FINAL_REPORT.search(head) or titles:
        first = (titles or title_ordinals or [None])[0]
        if first is None:
            return MeetingType.OTHER
        return (
            MeetingType.REVIEW_CONFERENCE if first.kind == "review-conference" else MeetingType.MSP
        )
    if INTERSESSIONAL.search(head[:400]):
        return MeetingType.INTERSESSIONAL
    return None


def _is_title(text: str, ordinal: ordinals.Ordinal) -> bool:
    """The ordinal stands on a heading line of its own ("## Seventh Meeting of States Parties")."""
    line_start = text.rfind("\n", 0, ordinal.start) + 1
    line_end = text.find("\n", ordinal.end)
    raw = text[line_start : line_end if line_end != -1 else None]
    line = re.sub(r"[#*_\s]+", " ", raw).strip()
    lead = re.sub(r"[#*_\s]+", " ", text[line_start : ordinal.start]).split()
    # A title line: short, the ordinal near its start, not the tail of a sentence.
    return len(line.split()) <= 8 and len(lead) <= 3 and not line.endswith((".", ",", ";"))


def extract(ctx: Context, presidencies: list[PresidencyFact]) -> list[Fact]:
    kind = meeting_type(ctx)
    if kind is None:
        return []
    years = dates.document_years(ctx.text)
    ordinal = _own_ordinal(ctx, kind)
    msp = ordinal if kind is MeetingType.MSP else _convener(ctx, kind, presidencies)
    date, span = _meeting_date(ctx, kind, years)
    if date is None and msp:
        # No year written near the date: the Presidency in office bounds it.
        term = Counter(gazetteer.presidency_years("msp", msp))
        date, span = _meeting_date(ctx, kind, term, widen=False)
    facts: list[Fact] = [
        MeetingFact(ctx.doc_id, span or ctx.span(*_first_line(ctx)), kind, date, msp, ordinal)
    ]
    if kind is MeetingType.COORDINATION_COMMITTEE:
        facts += _links(ctx, years, date)
    elif kind in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE):
        facts += _next_msp(ctx, kind, ordinal, date, years)
    return facts


def _first_line(ctx: Context) -> tuple[int, int]:
    """Where the document's opening line stands: the evidence for what it records."""
    start = len(ctx.text) - len(ctx.text.lstrip())
    end = ctx.text.find("\n", start)
    return start, end if end != -1 else len(ctx.text)


def _meeting_date(ctx: Context, kind: MeetingType, years: Counter[int], widen: bool = True):
    head = [d for d in dates.find_dates(ctx.text, 0, HEAD) if not _refers_elsewhere(ctx, d)]
    resolved = list(dates.resolved(head, years, widen))
    spans = [(m, iso) for m, iso in resolved if m.is_range]
    held = [
        (m, iso) for m, iso in resolved if HELD_ON.search(ctx.text[max(0, m.start - 30) : m.start])
    ]
    weekday = [(m, iso) for m, iso in resolved if m.weekday is not None]
    for group in (
        spans if kind is not MeetingType.COORDINATION_COMMITTEE else [],
        held,
        weekday,
        resolved if kind is not MeetingType.COORDINATION_COMMITTEE else [],
    ):
        if group:
            mention, iso = group[0]
            return iso, ctx.span(mention.start, mention.end)
    return None, None


def _refers_elsewhere(ctx: Context, date: dates.DateMention) -> bool:
    """A date of another meeting: the minutes approved, the next meeting set."""
    return _relation(ctx.sentence_at(date.start).text) is not None


def _own_ordinal(ctx: Context, kind: MeetingType) -> int | None:
    """The number of the MSP or Review Conference the document reports on."""
    if kind not in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE):
        return None
    found = [o for o in ordinals.find(ctx.text, 0, HEAD) if o.kind == kind.value]
    titles = [o for o in found if _is_title(ctx.text, o)]
    return (titles or found)[0].number if found else None


def _convener(ctx: Context, kind: MeetingType, presidencies: list[PresidencyFact]) -> int | None:
    """For a Coordination Committee meeting: the MSP whose sitting Presidency convened it."""
    if kind is not MeetingType.COORDINATION_COMMITTEE:
        return None
    if _convened_by_review_conference(ctx):
        return None
    sitting = [p for p in presidencies if p.role is PresidencyRole.PRESIDENT]
    in_head = {p.msp for p in sitting if p.span.start < HEAD}
    if len(in_head) == 1:
        return in_head.pop()
    # Past presidencies are recalled, future ones designated: the sitting one is the latest.
    return max((p.msp for p in sitting), default=None)


def _convened_by_review_conference(ctx: Context) -> bool:
    """'Presidency of the First Review Conference (Croatia)' in the title: the Committee
    works under a Review Conference's Presidency, so no MSP convened it."""
    for ordinal in ordinals.find(ctx.text, 0, TITLE * 2):
        around = ctx.text[max(0, ordinal.start - 40) : ordinal.end + 20]
        if ordinal.kind == "review-conference" and re.search(r"(?i)presiden", around):
            return True
    return False


def _links(ctx: Context, years: Counter[int], date: str | None) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[LinkType, str]] = set()
    for sentence in ctx.sentences:
        relation = _relation(sentence.text)
        if relation is None:
            continue
        for mention in dates.find_dates(ctx.text, sentence.start, sentence.end):
            iso = _linked_date(mention, years, relation, date)
            if iso is None or (relation, iso) in seen:
                continue
            seen.add((relation, iso))
            facts.append(
                MeetingLinkFact(ctx.doc_id, ctx.span(mention.start, mention.end), relation, iso)
            )
            break
    return facts


def _linked_date(
    mention: dates.DateMention, years: Counter[int], relation: LinkType, date: str | None
) -> str | None:
    """The other meeting's date. Without a year written or inferable, the meeting's own date
    decides: the next meeting is the first such day after it, approved minutes the last before."""
    found = next(iter(dates.resolved([mention], years)), None)
    if found:
        return found[1]
    if date is None:
        return None
    own = dt.date.fromisoformat(date)
    step = 1 if relation is LinkType.NEXT_MEETING else -1
    for year in (own.year, own.year + step):
        try:
            candidate = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue
        if (candidate > own) if step == 1 else (candidate < own):
            return candidate.isoformat()
    return None


def _relation(sentence: str) -> LinkType | None:
    if APPROVAL.search(sentence):
        return LinkType.APPROVES_MINUTES_OF
    if NEXT_MEETING.search(sentence):
        return LinkType.NEXT_MEETING
    return None


def _next_msp(
    ctx: Context, kind: MeetingType, ordinal: int | None, date: str | None, years
) -> list[Fact]:
    """The dates set for the next MSP ("the Eighth Meeting of States Parties shall be from
    3 to 5 September 2018"): after an MSP, the following ordinal; after a Review Conference,
    the earliest MSP set after it."""
    candidates = []
    for mention in ordinals.find(ctx.text):
        if mention.kind != "msp" or (
            kind is MeetingType.MSP and mention.number != (ordinal or 0) + 1
        ):
            continue
        sentence = ctx.sentence_at(mention.start)
        if not SET_FOR.search(ctx.text, mention.end, sentence.end):
            continue
        for found, iso in dates.resolved(
            dates.find_dates(ctx.text, mention.end, sentence.end), years
        ):
            if date is None or iso > date:
                candidates.append((iso, found))
            break
    if not candidates:
        return []
    iso, found = min(candidates, key=lambda c: c[0])
    return [
        MeetingLinkFact(ctx.doc_id, ctx.span(found.start, found.end), LinkType.NEXT_MEETING, iso)
    ]


SET_FOR = re.compile(
    r"(?i)\b(?:shall|will|would|is\s+to|was\s+to)\s+(?:be\s+held|take\s+place|be|convene|meet)"
    r"|\bto\s+be\s+held\b|\bscheduled\b|\bwill\s+take\s+place\b"
)
