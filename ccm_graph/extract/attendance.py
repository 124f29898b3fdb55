"""Attendance lists: who took part, with which status, and which people represented them.

The list is read as a stream of actor, person and status-marker mentions, so the same code
serves one entry per line, bulleted entries with roles in parentheses, and a list flattened
onto one line. A person belongs to the actor listed before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ccm_graph import segment
from ccm_graph.extract.context import Context
from ccm_graph.model import AttendanceFact, AttendanceStatus, DelegateFact, Fact
from ccm_graph.nlp import Mention


@dataclass
class Entry:
    """One actor in the list, its status and the people listed under it."""

    actor: Mention
    status: AttendanceStatus
    role: str
    persons: list[Mention] = field(default_factory=list)


def entries(ctx: Context) -> list[Entry]:
    """The attendance list's entries, in order; empty when the document has no list."""
    block = ctx.attendance
    if block is None:
        return []
    found: list[Entry] = []
    for section in segment.status_sections(block):
        found += _section_entries(ctx, section)
    return _displaced_fixed(found)


def _section_entries(ctx: Context, section: segment.StatusSection) -> list[Entry]:
    items = [m for m in ctx.within(section.start, section.end, "state", "org", "person")]
    found: list[Entry] = []
    for index, item in enumerate(items):
        if item.kind == "person":
            if found:
                found[-1].persons.append(item)
            continue
        if found and found[-1].actor.key == item.key and not found[-1].persons:
            continue  # "Cluster Munition Coalition (CMC)": one actor named twice
        if found and _inside_role(ctx, found[-1], item):
            continue
        stop = items[index + 1].start if index + 1 < len(items) else section.end
        found.append(Entry(item, section.status, _role_text(ctx.text, item.end, stop)))
    return found


def _role_text(text: str, start: int, stop: int) -> str:
    """What follows an actor on its line: "- 9MSP Presidency", "(Universalisation in 2012)"."""
    line_end = text.find("\n", start, stop)
    return text[start : stop if line_end == -1 else line_end].strip(" ,;:-–—\t")


def _inside_role(ctx: Context, entry: Entry, item: Mention) -> bool:
    """An actor named inside the previous entry's parenthesis, e.g. "Ghana (with Chile)"."""
    between = ctx.text[entry.actor.end : item.start]
    return between.count("(") > between.count(")")


def _displaced_fixed(found: list[Entry]) -> list[Entry]:
    """In a list of apologies given without names, an entry with delegates is a present one
    that the layout displaced (the present list is the one that names people)."""
    for status in (AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT):
        group = [e for e in found if e.status is status]
        named = [e for e in group if e.persons]
        if named and len(group) - len(named) >= 2 * len(named):
            for entry in named:
                entry.status = AttendanceStatus.PRESENT
    return found


ROLE_PERSON = re.compile(r"\b(?:H\.\s?E\.|Ambassador|His Excellency|Her Excellency)")


# A final report's participation paragraphs: "The following States parties ... participated
# in the work of the Meeting: Albania, Andorra, ..." and "... also took part ... as observers".
PARTICIPATION = re.compile(
    r"\b(?:[Pp]articipated|[Tt]ook\s+part|were\s+represented|attended)\s+"
    r"(?:(?:in|at)\s+the\s+(?:work\s+of\s+the\s+)?(?:[\w-]+\s+){0,4}?(?:Meeting|Conference)\b"
    r"(?!\s+(?:on|held\s+on)\s+\d)|(?:(?:in|at)\s+[^.;]{0,60}?\s)?as\s+observers?\b)"
)
OBSERVER = re.compile(r"(?i)\bas\s+observers?\b")
# Minutes without a list: an actor that took the floor took part ("Italy distributed ...",
# "The ISU Director informed ...", "Costa Rica, speaking on behalf of ..., reported ...").
SPEECH = re.compile(
    r"(?i)(?:['’]s)?(?:\s+(?:representative|delegation|delegate|Director|Ambassador|Coordinator|"
    r"Presidency|President|team))?(?:\s*,[^,.;]{0,90},)?"
    r"(?:\s+(?:speaking|reporting)\s+on\s+behalf\s+of\s+[^,.;]{0,80}?)?,?\s+"
    r"(?:also\s+|further\s+|then\s+|had\s+)?"
    r"(?:informed|told|said|stated|noted|explained|asked|reported|thanked|expressed|added|emphasi[sz]ed|"
    r"stressed|suggested|welcomed|highlighted|mentioned|indicated|proposed|recalled|reminded|"
    r"underlined|underscored|presented|requested|clarified|announced|shared|pointed\s+out|"
    r"took\s+the\s+floor|responded|replied|enquired|inquired|concluded|observed|commented|"
    r"distributed|congratulated|commended|acknowledged|appreciated|reiterated|confirmed|"
    r"updated|introduced|briefed|raised|seized|agreed|supported|echoed|questioned|sought)\b"
)
NOT_PRESENT = re.compile(r"(?i)\bregrets?\b|\bapolog|\bunable\s+to\s+attend|\babsent\b")


def extract(ctx: Context) -> list[Fact]:
    facts = _from_list(ctx)
    listed = {f.actor for f in facts if isinstance(f, AttendanceFact)}
    participation = _from_participation(ctx, listed)
    facts += participation
    if not listed and not participation:
        facts += _from_speakers(ctx)
    return facts


def _from_participation(ctx: Context, listed: set[str]) -> list[Fact]:
    facts: list[Fact] = []
    seen = set(listed)
    for paragraph in ctx.paragraphs or ctx.sentences:
        text = ctx.text[paragraph.start : paragraph.end]
        if not PARTICIPATION.search(text) or NOT_PRESENT.search(text):
            continue
        status = AttendanceStatus.OBSERVER if OBSERVER.search(text) else AttendanceStatus.PRESENT
        for actor in ctx.actors(paragraph.start, paragraph.end):
            if actor.key in seen:
                continue
            seen.add(actor.key)
            facts.append(
                AttendanceFact(ctx.doc_id, ctx.span(actor.start, actor.end), actor.key, status)
            )
    return facts


def _from_speakers(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for actor in ctx.actors(0, len(ctx.text)):
        if actor.key in seen:
            continue
        speech = SPEECH.match(ctx.text, actor.end, min(len(ctx.text), actor.end + 140))
        if not speech or NOT_PRESENT.search(ctx.text[actor.end : speech.end() + 30]):
            continue
        seen.add(actor.key)
        facts.append(
            AttendanceFact(
                ctx.doc_id, ctx.span(actor.start, speech.end()), actor.key, AttendanceStatus.PRESENT
            )
        )
    return facts


def _from_list(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[str] = set()
    for entry in entries(ctx):
        if entry.actor.key not in seen:
            seen.add(entry.actor.key)
            facts.append(
                AttendanceFact(
                    ctx.doc_id,
                    ctx.span(entry.actor.start, entry.actor.end),
                    entry.actor.key,
                    entry.status,
                )
            )
        for person in entry.persons:
            if len(person.key.split()) < 2:
                continue
            facts.append(
                DelegateFact(
                    ctx.doc_id, ctx.span(entry.actor.start, person.end), entry.actor.key, person.key
                )
            )
    return facts
