"""Attendance lists: who took part, with which status, and which people represented them.

The list is read as a stream of actor, person and status-marker mentions, so the same code
serves one entry per line, bulleted entries with roles in parentheses, and a list flattened
onto one line. A person belongs to the actor listed before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ccm_graph.extract.context import Context
from ccm_graph.model import AttendanceFact, AttendanceStatus, DelegateFact, Fact
from ccm_graph.nlp import pipeline as nlp
from ccm_graph.nlp import segment
from ccm_graph.nlp.pipeline import Mention


@dataclass
class Entry:
    """One actor in the list, its status, the people listed with it, and its role: what
    follows it on its line ("- 9MSP Presidency", "(Universalisation in 2012)", a table's
    role column), as text and as offsets."""

    actor: Mention
    status: AttendanceStatus
    role_start: int
    role_end: int
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
    items = ctx.within(section.start, section.end, "state", "org", "person")
    actors = [m for m in items if m.kind != "person"]
    found: list[Entry] = []
    for index, item in enumerate(actors):
        if found and found[-1].actor.key == item.key and _same_line(ctx, found[-1].actor, item):
            continue  # "Cluster Munition Coalition (CMC)": one actor named twice
        if found and _inside_role(ctx, found[-1], item):
            continue
        stop = actors[index + 1].start if index + 1 < len(actors) else section.end
        role_end = _line_end(ctx.text, item.end, stop)
        role = ctx.text[item.end : role_end]
        found.append(Entry(item, section.status, item.end, role_end, role.strip(" ,;:-–—\t|")))
    persons = [m for m in items if m.kind == "person"]
    _attach_persons(ctx, found, sorted(persons + _bare_names(ctx, section, items), key=_start))
    return found


def _start(mention: Mention) -> int:
    return mention.start


def _bare_names(
    ctx: Context, section: segment.StatusSection, items: list[Mention]
) -> list[Mention]:
    """Names listed without an honorific ("Austria\nLioba Bammer"): a line of its own made
    of two to five name words, under an actor of the list."""
    found = []
    for line in segment.lines(ctx.text, section.start, section.end):
        if any(m.start < line.end and m.end > line.start for m in items):
            continue
        words = line.text.strip(" \t•*-–|").split()
        parts = [nlp.name_part(w, first=i == 0) for i, w in enumerate(words)]
        if 2 <= len(words) <= 5 and parts[0] == "word" and all(parts) and parts.count("word") >= 2:
            start = line.start + line.text.index(words[0])
            end = start + len(" ".join(words)) if " ".join(words) in line.text else line.end
            found.append(
                Mention(
                    "person", nlp.clean_name(ctx.text[start:end]), start, end, ctx.text[start:end]
                )
            )
    return found


def _attach_persons(ctx: Context, found: list[Entry], persons: list[Mention]) -> None:
    """A person belongs to the actor listed before them ("Peru\nMr. A B"), except in lists
    written person first ("Ms. A B, Austria (role)"), where the actor follows on the line."""
    for person in persons:
        after = [e for e in found if e.actor.start >= person.end]
        if after and _same_line(ctx, person, after[0].actor) and _line_starts_with(ctx, person):
            after[0].persons.append(person)
            continue
        before = [e for e in found if e.actor.end <= person.start]
        if before:
            before[-1].persons.append(person)


def _same_line(ctx: Context, first: Mention, second: Mention) -> bool:
    return "\n" not in ctx.text[first.end : second.start]


def _line_starts_with(ctx: Context, person: Mention) -> bool:
    """Only titles and bullets stand before the person on their line."""
    line_start = ctx.text.rfind("\n", 0, person.start) + 1
    before = ctx.text[line_start : person.start]
    return bool(re.fullmatch(r"[\s•*\-–|]*(?:[A-Z][A-Za-z.]*\.?\s*){0,3}", before))


def _line_end(text: str, start: int, stop: int) -> int:
    line_end = text.find("\n", start, stop)
    return stop if line_end == -1 else line_end


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


def extract(ctx: Context, records_meeting: bool = True) -> list[Fact]:
    """Attendance from the list, a report's participation paragraphs, or, in the record of
    a meeting that lists nobody, the actors that took the floor. A news item or an activity
    page records no meeting: who spoke there says nothing about attendance."""
    facts = _from_list(ctx)
    listed = {f.actor for f in facts if isinstance(f, AttendanceFact)}
    participation = _from_participation(ctx, listed)
    facts += participation
    if not listed and not participation and records_meeting:
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
