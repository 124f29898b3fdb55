"""The meeting a document records (type, first day, MSP ordinal) and the meetings it refers to
(minutes approved, next meeting set).

A document records one meeting when its opening says so: minutes of a Coordination Committee
meeting, the final report of a Meeting of States Parties or Review Conference, an
intersessional meeting. Composition tables, activity pages and news items record none.
"""

from __future__ import annotations

import re

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

HEAD = 1800
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


def meeting_type(ctx: Context) -> MeetingType | None:
    head = ctx.text[:HEAD]
    if CC_RECORD.search(head):
        return MeetingType.COORDINATION_COMMITTEE
    title_ordinals = [o for o in ordinals.find(head) if o.start < 1200]
    if FINAL_REPORT.search(head) or (title_ordinals and _is_title(ctx.text, title_ordinals[0])):
        if title_ordinals and title_ordinals[0].kind == "review-conference":
            return MeetingType.REVIEW_CONFERENCE
        return MeetingType.MSP if title_ordinals else MeetingType.OTHER
    if INTERSESSIONAL.search(head[:400]):
        return MeetingType.INTERSESSIONAL
    return None


def _is_title(text: str, ordinal: ordinals.Ordinal) -> bool:
    """The ordinal stands on a heading line of its own ("## Seventh Meeting of States Parties")."""
    line_start = text.rfind("\n", 0, ordinal.start) + 1
    line_end = text.find("\n", ordinal.end)
    line = re.sub(r"[#*_\s]+", " ", text[line_start : line_end if line_end != -1 else None]).strip()
    return len(line.split()) <= 8


def extract(ctx: Context, presidencies: list[PresidencyFact]) -> list[Fact]:
    kind = meeting_type(ctx)
    if kind is None:
        return []
    years = dates.document_years(ctx.text)
    date, span = _meeting_date(ctx, kind, years)
    msp = _msp(ctx, kind, presidencies)
    facts: list[Fact] = [
        MeetingFact(ctx.doc_id, span or ctx.span(*_first_line(ctx)), kind, date, msp)
    ]
    if kind is MeetingType.COORDINATION_COMMITTEE:
        facts += _links(ctx, years)
    elif kind in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE) and msp:
        facts += _next_msp(ctx, msp, years)
    return facts


def _first_line(ctx: Context) -> tuple[int, int]:
    """Where the document's opening line stands: the evidence for what it records."""
    start = len(ctx.text) - len(ctx.text.lstrip())
    end = ctx.text.find("\n", start)
    return start, end if end != -1 else len(ctx.text)


def _meeting_date(ctx: Context, kind: MeetingType, years: set[int]):
    head = [d for d in dates.find_dates(ctx.text, 0, HEAD) if not _refers_elsewhere(ctx, d)]
    resolved = list(dates.resolved(head, years))
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


def _msp(ctx: Context, kind: MeetingType, presidencies: list[PresidencyFact]) -> int | None:
    if kind in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE):
        titles = [o for o in ordinals.find(ctx.text, 0, HEAD) if o.kind == kind.value]
        return titles[0].number if titles else None
    sitting = [p for p in presidencies if p.role is PresidencyRole.PRESIDENT]
    in_head = {p.msp for p in sitting if p.span.start < HEAD}
    if len(in_head) == 1:
        return in_head.pop()
    # Past presidencies are recalled, future ones designated: the sitting one is the latest.
    return max((p.msp for p in sitting), default=None)


def _links(ctx: Context, years: set[int]) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[LinkType, str]] = set()
    for sentence in ctx.sentences:
        relation = _relation(sentence.text)
        if relation is None:
            continue
        for mention, iso in dates.resolved(
            dates.find_dates(ctx.text, sentence.start, sentence.end), years
        ):
            if (relation, iso) in seen:
                continue
            seen.add((relation, iso))
            facts.append(
                MeetingLinkFact(ctx.doc_id, ctx.span(mention.start, mention.end), relation, iso)
            )
            break
    return facts


def _relation(sentence: str) -> LinkType | None:
    if APPROVAL.search(sentence):
        return LinkType.APPROVES_MINUTES_OF
    if NEXT_MEETING.search(sentence):
        return LinkType.NEXT_MEETING
    return None


def _next_msp(ctx: Context, msp: int, years: set[int]) -> list[Fact]:
    """The dates set for the next MSP ("the Eighth Meeting of States Parties shall be from
    3 to 5 September 2018")."""
    for ordinal in ordinals.find(ctx.text):
        if ordinal.kind != "msp" or ordinal.number != msp + 1:
            continue
        sentence = ctx.sentence_at(ordinal.start)
        if not re.search(
            r"(?i)\b(?:shall|will|would)\s+(?:be\s+held|take\s+place|be|convene)", sentence.text
        ):
            continue
        for mention, iso in dates.resolved(
            dates.find_dates(ctx.text, ordinal.end, sentence.end), years
        ):
            return [
                MeetingLinkFact(
                    ctx.doc_id, ctx.span(mention.start, mention.end), LinkType.NEXT_MEETING, iso
                )
            ]
    return []
