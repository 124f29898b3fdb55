"""A statement's heading: whom a statement delivered at a meeting speaks for, and who
delivered it ("Statement by Ms. X, Director of ..., on behalf of Lebanon", "Statement of the
ICRC / delivered by Mr. Y", "EU Statement"). Read by the attendance and delegates rules."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ccm_graph.extract.view import Mention, View

# "Statement by ...", "Joint statement of ...", "EU Statement" opening a line of its own.
STATEMENT_LINE = re.compile(
    r"(?i)^\W*(?:(?:joint\s+|closing\s+|opening\s+|general\s+)?statement\s+(?:by|of|from)\b"
    r"|[^\n]{1,60}\bstatement\s*$)"
)
ON_BEHALF = re.compile(r"(?i)\bon\s+behalf\s+of\b")
DELIVERED_BY = re.compile(r"(?i)\b(?:delivered|presented|read)\s+by\b|\bstatement\s+by\b")
# "Cluster Munition Coalition / Statement to the 19th Meeting of States Parties": the
# speaker named on the short line above.
STATEMENT_TO = re.compile(r"(?i)^\W*statement\s+(?:to|at|before|delivered\s+at)\b")
SPEAKER_LINE_WORDS = 8
HEADING_LINES = 3  # the statement line and the lines under it ("delivered by ...")
FIRST_LINES = 10  # a statement's heading stands among the first lines


@dataclass(frozen=True)
class Heading:
    start: int
    first_line_end: int
    end: int
    speaking_for: list[Mention]


def heading(view: View) -> Heading | None:
    """The statement heading among the first lines, or None (read once per document, for
    the attendance and the delegates rules)."""
    return view.memo("statement_heading", lambda: _heading(view))


def _heading(view: View) -> Heading | None:
    # The first lines only, their words sliced from the text (`Span.text` joins tokens).
    text = view.text
    lines = list(
        itertools.islice(
            (line for line in view.group("lines") if text[line.start_char : line.end_char].strip()),
            FIRST_LINES,
        )
    )
    for position, line in enumerate(lines):
        if STATEMENT_LINE.search(text[line.start_char : line.end_char]):
            under = lines[position : position + HEADING_LINES]
            start, end = line.start_char, under[-1].end_char
            return Heading(
                start, line.end_char, end, _speaking_for(view, start, line.end_char, end)
            )
        if STATEMENT_TO.search(line.text) and position > 0:
            above = lines[position - 1]
            speaker = view.actors(above.start_char, above.end_char)
            under = lines[position : position + HEADING_LINES]
            if speaker and len(above.text.split()) <= SPEAKER_LINE_WORDS:
                return Heading(above.start_char, line.end_char, under[-1].end_char, speaker[:1])
    return None


def _speaking_for(view: View, start: int, first_line_end: int, end: int) -> list[Mention]:
    """The actors listed after "on behalf of" ("on behalf of Austria, Chile and Ireland"),
    else the actors of the statement line ("Joint statement by Chile and Peru"), else the
    speaker's delegation on the lines under it."""
    behalf = ON_BEHALF.search(view.text, start, end)
    if behalf is not None:
        return _listed(view, view.actors(behalf.end(), end))
    return view.actors(start, first_line_end) or view.actors(first_line_end, end)[:1]


def speakers(view: View, found: Heading) -> list[Mention]:
    """The people who delivered it: named right after "delivered by" or "Statement by"
    (their honorifics between)."""
    people = []
    for cue in DELIVERED_BY.finditer(view.text, found.start, found.end):
        following = view.within(cue.end(), found.end, "person")[:1]
        words = (
            re.compile(r"\S+").finditer(view.text, cue.end(), following[0].start)
            if following
            else ()
        )
        if following and all(view.holding("honorifics", m.start(), m.end()) for m in words):
            people.extend(following)
    return people


LIST_JOIN = re.compile(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?")


def _listed(view: View, actors: list[Mention]) -> list[Mention]:
    """The first actor and those joined to it in a list ("A, B and C"), not the ones named
    further on (the speaker's own mission on the next line)."""
    listed = actors[:1]
    for actor in actors[1:]:
        if not LIST_JOIN.fullmatch(view.text, listed[-1].end, actor.start):
            break
        listed.append(actor)
    return listed
