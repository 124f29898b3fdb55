"""Extraction: one document's text in, its facts out.

Each submodule reads one kind of fact from a shared `Context` (the text, its entity
mentions and its segments, computed once). `extract_document` runs them in order; a
module that needs another's facts gets them as an argument, never by reaching back.
"""

from __future__ import annotations

from ccm_graph.extract import (
    articles,
    attendance,
    coordinators,
    decisions,
    delegates,
    meetings,
    obligations,
    presidencies,
)
from ccm_graph.extract.context import Context
from ccm_graph.model import (
    AttendanceFact,
    AttendanceStatus,
    DocumentFacts,
    Fact,
    MeetingFact,
    MeetingType,
    PresidencyFact,
    PresidencyRole,
    SourceDocument,
)


def extract_document(document: SourceDocument) -> DocumentFacts:
    """Every fact the document states, each with the span it was read from."""
    ctx = Context.of(document)
    presidency_facts = presidencies.extract(ctx)
    meeting_facts = meetings.extract(ctx, presidency_facts)
    attendance_facts = attendance.extract(ctx, records_meeting=bool(meeting_facts))
    facts: list[Fact] = [
        *meeting_facts,
        *presidency_facts,
        *attendance_facts,
        *_chair_attended(ctx, meeting_facts, presidency_facts, attendance_facts),
        *delegates.extract(ctx),
        *coordinators.extract(ctx),
        *articles.extract(ctx),
        *obligations.extract(ctx),
        *decisions.extract(ctx),
    ]
    return DocumentFacts(document, tuple(facts))


def _chair_attended(
    ctx: Context,
    meeting_facts: list[Fact],
    presidency_facts: list[PresidencyFact],
    attendance_facts: list[Fact],
) -> list[Fact]:
    """Minutes without a list: the sitting Presidency chaired the meeting, so it took part."""
    if attendance.entries(ctx):
        return []
    recorded = [f for f in meeting_facts if isinstance(f, MeetingFact)]
    if not recorded or recorded[0].meeting_type is not MeetingType.COORDINATION_COMMITTEE:
        return []
    present = {f.actor for f in attendance_facts if isinstance(f, AttendanceFact)}
    return [
        AttendanceFact(ctx.doc_id, p.span, p.actor, AttendanceStatus.PRESENT)
        for p in presidency_facts
        if p.msp == recorded[0].msp
        and p.role is PresidencyRole.PRESIDENT
        and p.actor not in present
    ]
