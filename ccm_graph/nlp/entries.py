"""`ccm_entries_v1`: the entries of an attendance list, as span groups.

An attendance list is read as a stream of actor, person and status-marker mentions, so one
reading serves one entry per line, bulleted entries with roles in parentheses, tables, and a
list flattened onto one line. Each actor of a status group opens an entry; the people listed
after it belong to it, except in lists written person first ("Ms. Jane Doe, Austria
(role)"), where the actor follows its person on the line.

- `doc.spans["entries"]`: one span per entry, from its first mention to its last (label the
  status, `kb_id_` the actor's id); the persons inside belong to the entry.
- `doc.spans["members"]`: each person of an entry (label the status, `kb_id_` the entry's
  actor's id). Entries may overlap where a list pairs its actors and people in order
  ("Ghana and Peru, represented by Mr. A and Ms. B"): this group says whose each one is.
- `doc.spans["roles"]`: what follows the entry's actor on its line, up to the next actor
  ("- 9MSP Presidency", "(Universalisation in 2012)", a table row's other cells), `kb_id_`
  the actor's id.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ccm_graph.nlp import index
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import to_span

ROLE_TRIM = " ,;:-–—\t|"


@dataclass
class Entry:
    actor: Span
    status: str
    role_start: int
    role_end: int
    persons: list[Span] = field(default_factory=list)


@Language.factory("ccm_entries_v1", assigns=["doc.spans"])
def make_entries(nlp: Language, name: str) -> Entries:
    return Entries()


class Entries:
    def __call__(self, doc: Doc) -> Doc:
        found: list[Entry] = []
        for group in index.spans(doc, "status"):
            found += _group_entries(doc, group)
        found = _displaced_fixed(found)
        entries, roles, members = [], [], []
        for entry in found:
            members += [
                to_span(doc, p.start_char, p.end_char, entry.status, entry.actor.kb_id_)
                for p in entry.persons
            ]
            start = min([entry.actor.start_char, *(p.start_char for p in entry.persons)])
            end = max([entry.role_end, entry.actor.end_char, *(p.end_char for p in entry.persons)])
            span = to_span(doc, start, end, entry.status, entry.actor.kb_id_)
            if span is not None:
                entries.append(span)
            role = to_span(doc, entry.role_start, entry.role_end, "role", entry.actor.kb_id_)
            if role is not None and doc_text(doc)[role.start_char : role.end_char].strip(ROLE_TRIM):
                roles.append(_trimmed(doc, role))
        index.put(doc, "entries", entries)
        index.put(doc, "roles", [r for r in roles if r is not None])
        index.put(doc, "members", [m for m in members if m is not None])
        return doc


def _trimmed(doc: Doc, role: Span) -> Span | None:
    text = doc_text(doc)[role.start_char : role.end_char]
    stripped = text.strip(ROLE_TRIM)
    start = role.start_char + text.index(stripped)
    return to_span(doc, start, start + len(stripped), "role", role.kb_id_)


def _group_entries(doc: Doc, group: Span) -> list[Entry]:
    text = doc_text(doc)
    actors = index.within(doc, "actors", group.start_char, group.end_char)
    persons = index.within(doc, "persons", group.start_char, group.end_char)
    found: list[Entry] = []
    for position, actor in enumerate(actors):
        if (
            found
            and found[-1].actor.kb_id_ == actor.kb_id_
            and _same_line(text, found[-1].actor, actor)
        ):
            continue  # "Cluster Munition Coalition (CMC)": one actor named twice
        if found and _inside_role(text, found[-1], actor):
            continue
        stop = actors[position + 1].start_char if position + 1 < len(actors) else group.end_char
        role_end = _line_end(text, actor.end_char, stop)
        status = group.label_
        if status == "present" and OWN_OBSERVER.search(text[actor.end_char : role_end]):
            status = "observer"
        if status == "observer" and re.match(AS_OBSERVERS, text[actor.end_char : role_end], re.I):
            _joined_observers(text, found)
        found.append(Entry(actor, status, actor.end_char, role_end))
    _attach_persons(text, found, persons, actors)
    _pair_in_order(text, found)
    return found


ACTOR_JOIN = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?")
PERSON_JOIN = re.compile(
    r"\s*(?:,|;|and|&)\s*(?:(?:Mr|Ms|Mrs|Dr|H\.E|Mme|M|Sr|Sra)\.?\s+|Ambassador\s+)*"
)


def _joined_observers(text: str, found: list[Entry]) -> None:
    """The entries joined to an observer by 'and' or commas ("the CMC (Mr. A) and the ICRC
    (Ms. B) as observers") observe too."""
    for entry in reversed(found):
        if entry.status != "present" or not JOINED_ROLE.fullmatch(
            text, entry.role_start, entry.role_end
        ):
            break
        entry.status = "observer"


def _pair_in_order(text: str, found: list[Entry]) -> None:
    """'Ghana and Peru, represented by Mr. A and Ms. B': actors joined by 'and' whose people
    follow them joined the same way, as many of each, pair in order (A for Ghana, B for
    Peru); the layout gave them all to the last actor."""
    for last_index, last in enumerate(found):
        count = len(last.persons)
        first_index = last_index - count + 1
        if count < 2 or first_index < 0:
            continue
        group = found[first_index : last_index + 1]
        if any(e.persons or e.status != last.status for e in group[:-1]):
            continue
        actors = [e.actor for e in group]
        if not all(_joined(text, a, b, ACTOR_JOIN) for a, b in itertools.pairwise(actors)):
            continue
        people = last.persons
        if not all(_joined(text, a, b, PERSON_JOIN) for a, b in itertools.pairwise(people)):
            continue
        for entry, person in zip(group, people, strict=True):
            entry.persons = [person]


def _joined(text: str, first: Span, second: Span, join: re.Pattern[str]) -> bool:
    return bool(join.fullmatch(text, first.end_char, second.start_char))


# An entry's own role says it observes: "CMC (observer)", a table's "| Observer |" cell
# or its tab-separated "\tObserver" cell, a run-on list's "the ICRC (Ms. A) as observers".
AS_OBSERVERS = r"^\s*(?:\([^()]*\)\s*)?as\s+observers?\b"
OWN_OBSERVER = re.compile(r"(?i)(?:\(|\||\t)[ ]*observers?[ ]*(?:\)|\||\t|$)|" + AS_OBSERVERS)
# "the CMC (Mr. A) and the ICRC (Ms. B) as observers": what stands between two actors
# joined in one list, so that the qualifier after the last one holds for them all.
JOINED_ROLE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,|and|&|,\s*and)\s*(?:the\s+)?")


def _own_entry(text: str, found: list[Entry], actors: list[Span], person: Span) -> Entry | None:
    """The entry of the actor named in parentheses right after the person, when the list
    has one: the entry that mention opened, else the nearest of that actor's before it."""
    following = [a for a in actors if a.start_char >= person.end_char]
    if not following or not OWN_ACTOR.fullmatch(text, person.end_char, following[0].start_char):
        return None
    actor = following[0]
    same = [e for e in found if e.actor.kb_id_ == actor.kb_id_]
    opened = [e for e in same if e.actor.start_char == actor.start_char]
    before = [e for e in same if e.actor.end_char <= person.start_char]
    chosen = opened or before[-1:]
    return chosen[0] if chosen else None


def _attach_persons(text: str, found: list[Entry], persons: list[Span], actors: list[Span]) -> None:
    """A person belongs to the actor listed before them ("Peru\\nMr. A B"), except in lists
    written person first ("Ms. A B, Austria (role)"), where the actor follows on the line."""
    for person in persons:
        own = _own_entry(text, found, actors, person)
        if own is not None:
            own.persons.append(person)  # "Ms. A B (Guatemala); Mr. C D (Chile)"
            continue
        after = [e for e in found if e.actor.start_char >= person.end_char]
        if (
            after
            and _same_line(text, person, after[0].actor)
            and _line_starts_with(text, person)
            and not _continues_line_before(text, person)
            and not ENTRY_END.search(text, person.end_char, after[0].actor.start_char)
        ):
            after[0].persons.append(person)
            continue
        before = [e for e in found if e.actor.end_char <= person.start_char]
        if before:
            before[-1].persons.append(person)


# A person's own actor in parentheses right after the name.
OWN_ACTOR = re.compile(r"[ \t]*\([ \t]*")
# What ends an entry between a person and the next actor: "Ms. A B; Italy", "Ms. A B,
# Counsellor. The ICRC": the person closes the entry before, not opens the next one.
ENTRY_END = re.compile(r";|[a-z]{3}\.\s")
# A line broken inside an entry: after its dash, or after a title ("Ms.\nA B").
CONTINUED = re.compile(
    r"(?:[-–—]|\b(?:Mr|Ms|Mrs|Dr|Sr|Sra|Mme|Lic|H\.E)\.?)[ \t]*\n[ \t]*(?:[A-Z][A-Za-z]*\.[ \t]*)?$"
)


def _continues_line_before(text: str, person: Span) -> bool:
    return bool(CONTINUED.search(text, max(0, person.start_char - 40), person.start_char))


def _same_line(text: str, first: Span, second: Span) -> bool:
    return "\n" not in text[first.end_char : second.start_char]


def _line_starts_with(text: str, person: Span) -> bool:
    """Only titles and bullets stand before the person on their line."""
    line_start = text.rfind("\n", 0, person.start_char) + 1
    before = text[line_start : person.start_char]
    return bool(re.fullmatch(r"[\s•*\-–|]*(?:[A-Z][A-Za-z.]*\.?\s*){0,3}", before))


def _line_end(text: str, start: int, stop: int) -> int:
    line_end = text.find("\n", start, stop)
    return stop if line_end == -1 else line_end


def _inside_role(text: str, entry: Entry, actor: Span) -> bool:
    """An actor named inside the previous entry's parenthesis on its line, e.g. "Ghana (with
    Chile)"; a parenthesis opening a later line ("Also present (ISU):") is no role."""
    between = text[entry.actor.end_char : actor.start_char]
    return "\n" not in between and between.count("(") > between.count(")")


def _displaced_fixed(found: list[Entry]) -> list[Entry]:
    """In a list of apologies given without names, an entry with delegates is a present one
    that the layout displaced (the present list is the one that names people)."""
    for status in ("apologies", "absent"):
        group = [e for e in found if e.status == status]
        named = [e for e in group if e.persons]
        if named and len(group) - len(named) >= 2 * len(named):
            for entry in named:
                entry.status = "present"
    return found
