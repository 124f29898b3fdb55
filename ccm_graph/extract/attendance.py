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


def extract(ctx: Context) -> list[Fact]:
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
