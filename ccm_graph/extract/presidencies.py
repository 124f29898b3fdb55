"""Presidencies: which State presided (or will preside) over which Meeting of States Parties,
and the person who held the office when the text names them.

An MSP written with its number and tied to the office ("the 9MSP Presidency", "President of
the Seventh Meeting of States Parties", "as President of the 4MSP", "Mexico - 12MSP
President", "presided over the 15MSP", "the 12MSP opened with Mexico as chair") is paired
with the State (and person) that the same sentence, list entry or table row names for it.
The office also implies its MSP: "President of the Sixteenth Meeting", and in a record of an
MSP (its final report, a statement made at it, its web page) "the Presidency of this
Meeting" and "the Meeting elected X as its President". Only a State holds the office; a
Review Conference's presidency is not an MSP's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span as DocSpan

from ccm_graph.extract import delegates, meetings
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, Ordinal, Segment, View
from ccm_graph.model import DelegateFact, Fact, MeetingType, PresidencyFact, PresidencyRole
from ccm_graph.nlp import casefree, link, vocab

PRESIDENT_BEFORE = re.compile(
    r"(?i)\b(?:Presiden(?:t|cy)|Chair(?:man|person|woman)?)(?P<designate>[\s-]*(?:-|elect|designate))?"
    r"(?:\s+of\s+(?:the\s+)?(?:CCM\s+)?|\s*\(\s*)$"
)
PRESIDENT_AFTER = re.compile(
    r"(?i)^\)?\s*Presiden(?:t|cy)(?P<designate>[\s-]*(?:elect|designate))?\b"
)
# Congratulations on taking up an office: "on assuming the Presidency", "on your assumption of".
TAKING_OFFICE = r"on\s+(?:(?:its|her|his|their|your)\s+)?(?:assuming|taking\s+up|assumption\s+of)"
DESIGNATION = re.compile(
    r"(?i)\b(?:designat\w*|nominat\w*|elect(?:ed|s)?\b[^.]{0,30}\bas\s+President-?\s*designate)"
)
STATE_BEFORE = re.compile(
    r"(?i)^(?:['’]s)?\s*\)?\s*(?:[,–—-]\s*)?(?:(?:in\s+(?:its|her|his)\s+(?:capacity|role)\s+(?:as|of)|"
    rf"as|being|{TAKING_OFFICE}|for\s+(?:its|her|his|their)(?:\s+\w+)?)\s+)?(?:the\s+)?(?:CCM\s+)?"
    r"(?:(?:incoming|outgoing|current|new|immediate\s+past)\s+)?$"
)
IN_ITS_ROLE = re.compile(r"(?i)\bin\s+its\s+(?:capacity|role)\s+(?:as|of)\s+(?:the\s+)?$")
# "6MSP Presidency held by Netherlands"; a table cell: "President of the 11MSP     Iraq";
# "Former President of the 2MSP (Lebanon)".
HELD_BY = re.compile(
    r"(?i)^\s*(?:\)\s*)?(?:(?:held|assumed|chaired)\s+by\s+(?:the\s+)?|\s*:\s*|[ \t]{2,}|\t"
    r"|\s*\(\s*|(?:[ \t]*[.…]){2,}[ \t]*)$"
)
APPOSITION = re.compile(
    r"(?i)^\s*(?:\([^()]{1,20}\)\s*)?(?:to\s+the\s+Convention\s+on\s+Cluster\s+Munitions\s*)?"
    r"(?:\([^()]{1,20}\)\s*)?,?\s*(?-i:I\s*,\s*)?$"  # "As President of ..., I, Ambassador X"
)
NOT_APPOSITION = re.compile(
    r"(?i)\b(?:invitation|behalf|thanked|welcomed|met|meet|with)\s+(?:of\s+)?(?:the\s+)?$"
)
# The words between a person and the office they were given: "was elected by the Meeting as".
ELECTED_AS = re.compile(
    r"(?i)^(?:\s*,[^;]{0,120}?,)?\s*(?:was|were|has\s+been|had\s+been)?\s*(?:\w+\s+)?"
    r"(?:elected|designated|appointed|confirmed|nominated|chosen)\b(?:[^.;]{0,40}?\bas)?\s+"
    r"(?:the\s+)?$"
)
# "Ambassador X of Y, on your assumption of the Presidency of ...".
PERSON_TAKING_OFFICE = re.compile(
    rf"(?i)^(?:\s+(?:of|from)\s+(?:the\s+)?[^,;()]{{2,60}})?\s*,?\s*{TAKING_OFFICE}\s+(?:the\s+)?$"
)
# The words between a person and their office: "Ambassador X, Permanent Representative of Y,
# President of ..." or "..., Permanent Representative of Y and President of ...".
PERSON_APPOSITION = re.compile(
    r"^\s*,(?:[^;()]{0,120}?(?:,|\s(?=and\s)))?\s*(?:and\s+)?"
    r"(?:in\s+(?:its|her|his|their)\s+(?:capacity|quality|role)\s+(?:as|of)\s+)?(?:the\s+)?$"
)
# "Spain's Ambassador X": the State whose title the person holds, written before the name.
POSSESSIVE_TITLE = re.compile(r"^['’]s\s+(?:[A-Z][\w.-]*\s+){1,3}$")


def role_of(text: str) -> PresidencyRole:
    if re.search(r"(?i)designate|elect\b|(?:will|shall)\s+(?:be\s+)?presid|incoming", text):
        return PresidencyRole.PRESIDENT_DESIGNATE
    return PresidencyRole.PRESIDENT


def msp_ordinals(view: View, start: int = 0, end: int | None = None) -> list[Ordinal]:
    """The MSPs named in text[start:end]: written with their number, or implied by the office
    (see `implied_ordinals`)."""
    end = len(view.text) if end is None else end
    found = [o for o in view.ordinals(start, end) if o.kind == "msp"]
    found += [o for o in implied_ordinals(view) if start <= o.start and o.end <= end]
    return sorted(found, key=lambda o: o.start)


# "President of the Sixteenth Meeting": after the office, "the Nth Meeting" is an MSP.
NTH_MEETING = casefree.compile(
    r"(?i)\bPresiden(?:t|cy)(?:[\s-]*(?:designate|elect))?\s+of\s+the\s+"
    r"(?P<meeting>(?P<ordinal>[\w-]+)\s+Meeting)\b(?!\s+of\b)"
)
# The office of the meeting the document records: "the Presidency of this Meeting".
THIS_MEETING = casefree.compile(
    r"(?i)\bPresiden(?:t|cy)(?:[\s-]*(?:designate|elect))?\s+of\s+"
    r"(?P<meeting>(?:this|the\s+present|the\s+current)\s+Meeting)\b(?!\s+of\b)"
)
# "as its President": the MSP named before it in the sentence, or the Meeting reporting.
ITS_OFFICE = casefree.compile(r"(?i)\b(?P<meeting>its)\s+Presiden(?:t|cy)\b(?!\s+of\b)")
# "President of the Meeting", "who presided over the Meeting": the Meeting the document
# records, else the one MSP its paragraph has just named.
OF_THE_MEETING = re.compile(
    r"(?i:\b(?:Presiden(?:t|cy)(?:[\s-]*(?:designate|elect))?\s+of|presided\s+over|"
    r"presides\s+over|chaired|chairs)\s+)(?P<meeting>the\s+Meeting)\b(?!\s+of\b)"
)
THE_MEETING = re.compile(r"(?i)\b(?:the|this)\s+Meeting\b(?!\s+of\b)")


def implied_ordinals(view: View) -> list[Ordinal]:
    """MSPs that an office names without their number: 'President of the Sixteenth
    Meeting'; 'the Presidency of this Meeting' and 'elected X as its President' in a record
    of an MSP (a final report, a statement, a meeting page: `own_msp`)."""
    found: list[Ordinal] = view.memo("implied_msp_ordinals", lambda: _implied_ordinals(view))
    return found


def _implied_ordinals(view: View) -> list[Ordinal]:
    written = [(o.start, o.end) for o in view.ordinals(kinds=("msp", "review-conference"))]
    found: list[Ordinal] = []
    for match in NTH_MEETING.finditer(view.text):
        start, end = match.span("meeting")
        number = vocab.ordinal_number(match.group("ordinal"))
        if number and not any(s < end and start < e for s, e in written):
            found.append(Ordinal(start, end, number, "msp"))
    for match in THIS_MEETING.finditer(view.text):
        own = own_msp(view)
        if own is not None:
            found.append(Ordinal(*match.span("meeting"), own, "msp"))
    for match in ITS_OFFICE.finditer(view.text):
        sentence = view.sentence_at(match.start())
        named = view.ordinals(sentence.start, match.start())
        if named:  # "decided that the 18MSP will be held ... and designated X as its President"
            number = named[-1].number if named[-1].kind == "msp" else None
        else:  # "The Meeting elected X as its President"
            before = view.text[sentence.start : match.start()]
            number = own_msp(view) if THE_MEETING.search(before) else None
        if number:
            found.append(Ordinal(*match.span("meeting"), number, "msp"))
    for match in OF_THE_MEETING.finditer(view.text):
        number = own_msp(view) or _named_before(view, match.start("meeting"))
        if number:
            found.append(Ordinal(*match.span("meeting"), number, "msp"))
    return found


def _named_before(view: View, position: int) -> int | None:
    """The MSP that 'the Meeting' at `position` takes up: the last meeting named before it
    in its paragraph, if that is an MSP written with its number."""
    paragraph = view.holding("paragraphs", position, position + 1)[-1:]
    start = paragraph[0].start_char if paragraph else view.sentence_at(position).start
    named = view.in_("meetings", start, position)
    if not named or named[-1].label_ != "msp" or not named[-1].kb_id_:
        return None
    return int(named[-1].kb_id_)


def own_msp(view: View) -> int | None:
    """The MSP the document records or was written for, as its title names it: a final
    report, a statement made at the Meeting, the Meeting's web page. None for a Review
    Conference's documents and for those that record no MSP."""
    found: int | None = view.memo("own_msp", lambda: _own_msp(view))
    return found


def _own_msp(view: View) -> int | None:
    kind = meetings.record_type(view)
    if kind is not None:
        return meetings._own_ordinal(view, kind) if kind is MeetingType.MSP else None
    for line in meetings.title_lines(view):
        found = view.ordinals(line.start, line.end)
        lead = view.text[line.start : found[0].start] if found else ""
        if found and (len(lead.split()) <= TITLE_LEAD_WORDS or REPORT_OF.fullmatch(lead)):
            return found[0].number if found[0].kind == "msp" else None
    return None


TITLE_LEAD_WORDS = 3
# A report's title, also as the running header of an extract: "Final Report of the 18MSP".
REPORT_OF = re.compile(r"(?i)\W*(?:(?:final|draft|provisional)\s+)?report\s+of\s+the\s+")


def full(view: View, person: Mention) -> str | None:
    """The person's name, written out in full where the document has the full name
    elsewhere ("Ambassador Azeez" -> "Aliyar Lebbe Abdul Azeez")."""
    if link.person_key(person.key):
        return person.key
    return full_name(view, person.key)


def full_name(view: View, short: str) -> str | None:
    """The one full name in the document that ends with the short form, if exactly one."""
    short_words = link.name_words(short)
    if not short_words:
        return None
    candidates = {
        m.key
        for m in view.mentions
        if m.kind == "person"
        and link.person_key(m.key)
        and link.name_words(m.key)[-len(short_words) :] == short_words
    }
    return candidates.pop() if len(candidates) == 1 else None


# --- attendance lists and tables --------------------------------------------------------------


@rule(
    "presidencies.listed-role",
    1,
    PresidencyFact,
    "An attendance-list entry or table row whose role names an MSP Presidency: 'Chile - "
    "5MSP Presidency', 'Ghana (President-designate, 16MSP)', 'President  Chile  5MSP', "
    "'Peru (President, 16MSP)', a wrapped '(President)' under the State, the MSP from the "
    "table's title ('... UNDER THE 17MSP PRESIDENCY'); a list of meetings: '16MSP - Geneva, "
    "2029 - President: Peru'.",
    examples=(
        example(
            "1. Present:\nChile - 5MSP Presidency\nH.E. Mr. Andres Bello\n\nGhana\nMs. Ama Owusu\n",
            (5, "CHL", "Andres Bello"),
        ),
        example(
            "Attendees:\n- Kenya (President-designate of the 16MSP)\n- Peru\n",
            (16, "KEN", None),
        ),
        trap(
            "Present:\nChile - Coordinator on Victim Assistance\nPeru\n",
            (5, "CHL", None),
        ),
        example(
            "| Thematic area | Coordinators | Term |\n|---|---|---|\n| Clearance | Peru; Chile | "
            "2027-2029 |\n| General status | Kenya (President, 14MSP) | 2026-2027 |\n| "
            "President-designate | Ghana (15MSP) | from 2027 |\n",
            (14, "KEN", None),
            (15, "GHA", None),
        ),
        example(
            "OFFICE HOLDERS UNDER THE 12MSP PRESIDENCY\n\n"
            "Area                 State       Representative\n"
            "General status       Mexico      Ms. Ana Ruiz\n"
            "                     (President)\n"
            "Clearance            Peru        Mr. Jose Soto\n",
            (12, "MEX", "Ana Ruiz"),
        ),
        trap(
            "| Office | State |\n|---|---|\n| Former President | Chile (10MSP) |\n| Coordinator "
            "| Peru (11MSP) |\n",
            (10, "CHL", None),
            (11, "PER", None),
        ),
        example(
            "Office;Meeting;State;Representative\nPresidency;19MSP;Kenya;H.E. Ms. Wanjiku "
            "Otieno\nUniversalization;19MSP;Peru;Mr. Jorge Salas\n",
            (19, "KEN", "Wanjiku Otieno"),
        ),
        trap(
            "Role;Meeting;State\nCoordinator;18MSP;Chile\nObserver;18MSP;Peru\n",
            (18, "CHL", None),
            (18, "PER", None),
        ),
        example(
            "Earlier meetings\n• 14MSP – Geneva, 2026 – President: Ghana\n• 13MSP – Geneva, "
            "2025 – President-designate: Peru\n",
            (14, "GHA", None),
            (13, "PER", None),
        ),
        example("11MSP, Geneva (2023). President - Mexico\n", (11, "MEX", None)),
        example(
            "Meeting page\nPrevious meeting: 9MSP, Geneva, 2021 (President: Ghana)\n",
            (9, "GHA", None),
        ),
        example(
            "Last meeting: Thirteenth Meeting of States Parties – President: Peru\n",
            (13, "PER", None),
        ),
        trap(
            "Next meeting: 9MSP, Geneva, 2021; Chile will host a President's dinner with Ghana\n",
            (9, "GHA", None),
        ),
        example(
            "Meeting | Year | President\n9MSP | 2021 | Ghana - Amb. Kofi Mensah\n2RC | 2022 | "
            "Peru - Amb. Ana Soto\n10MSP | 2023 | Chile\n",
            (9, "GHA", "Kofi Mensah"),
            (10, "CHL", None),
        ),
        example(
            "Meeting        Presidency\n11MSP          Kenya (H.E. Ms. Wanjiku Otieno)\n12MSP"
            "          Mexico\n",
            (11, "KEN", "Wanjiku Otieno"),
            (12, "MEX", None),
        ),
        trap(
            "Meeting | Year | President\n2RC | 2022 | Peru - Amb. Ana Soto\n",
            (2, "PER", None),
            (22, "PER", None),
        ),
        example(
            "Presidents of the first meetings\nSixth Meeting of States Parties (Dubrovnik, "
            "2016) – Croatia\nSeventh Meeting of States Parties, Geneva, 2017 - Germany\n",
            (6, "HRV", None),
            (7, "DEU", None),
        ),
        example(
            "Past Presidencies of the Convention\n\nEARLIER YEARS\n• Third Meeting of States "
            "Parties, Oslo - Norway\n",
            (3, "NOR", None),
        ),
        trap(
            "Venues of the first meetings\nSixth Meeting of States Parties, Dubrovnik - "
            "Croatia\nSeventh Meeting of States Parties, Geneva - Switzerland\n",
            (6, "HRV", None),
            (7, "CHE", None),
        ),
        trap(
            "• Second Review Conference – Lausanne, 2026 – President: Switzerland\n"
            "• Chile, 14MSP delegate – President: Peru\n",
            (2, "CHE", None),
            (14, "PER", None),
        ),
    ),
    guards=("state-holder",),
)
def listed_role(view: View, known: Known) -> Iterator[Fact]:
    for role in view.group("roles"):
        text = view.text[role.start_char : role.end_char]
        if not re.search(r"(?i)presiden", text):
            continue
        entry = next(iter(view.holding("entries", role.start_char, role.end_char)), None)
        persons = (
            view.within(entry.start_char, entry.end_char, "person") if entry is not None else []
        )
        person = next((p.key for p in persons if len(p.key.split()) > 1), None)
        actor = view.actors(entry.start_char, role.start_char) if entry is not None else []
        start = actor[0].start if actor else role.start_char
        for ordinal in msp_ordinals(view, role.start_char, role.end_char):
            end = next(p.end for p in persons if p.key == person) if person else role.end_char
            yield PresidencyFact(
                view.doc_id,
                view.span(start, max(end, role.end_char)),
                ordinal.number,
                role.kb_id_,
                person,
                role_of(text),
            )
    yield from _meeting_list(view)
    rows = view.group("rows")
    for position, row in enumerate(rows):
        if row.kb_id_ == "continues":
            continue
        group = [row]
        for following in rows[position + 1 :]:
            if following.kb_id_ != "continues":
                break
            group.append(following)
        yield from _table_row(view, group)


def _table_row(view: View, group: list) -> Iterator[Fact]:
    """A table row (with the rows that continue it) whose State holds a Presidency: a role
    cell ('President-designate | – | Peru (17MSP)'), the holder's own parenthesis ('Peru
    (President, 16MSP)') or a wrapped line under it ('(President)'); the MSP from the row, or
    from the table's title ('... UNDER THE 17MSP PRESIDENCY')."""
    start, end = group[0].start_char, group[-1].end_char
    cells = view.in_("cells", start, end)
    # One cell per place: a line read both as a column table's row and as a spaced one.
    by_place: dict[tuple[int, int], DocSpan] = {}
    for c in cells:
        if c.label_ not in ("holder", "president") or not view.within(
            c.start_char, c.end_char, "state"
        ):
            continue
        if (c.start_char, c.end_char) not in by_place or c.label_ == "president":
            by_place[(c.start_char, c.end_char)] = c
    holders = list(by_place.values())
    if len(holders) != 1:
        return
    states = view.within(holders[0].start_char, holders[0].end_char, "state")
    if len(states) != 1:
        return
    role = _row_role(view, cells, states[0], holders[0].end_char)
    if role is None and holders[0].label_ == "president":
        role = holders[0].text  # under a column of Presidents: "Peru - Amb. X (designate)"
    if role is None or view.ordinals(start, end, kinds=("review-conference",)):
        return  # a Review Conference's President is no MSP's
    numbers = {o.number for o in msp_ordinals(view, start, end)}
    if not numbers:
        numbers = {n for n in [_table_title_msp(view, start)] if n}
    persons = view.within(start, end, "person")
    if len(numbers) == 1:
        yield PresidencyFact(
            view.doc_id,
            view.span(start, end),
            numbers.pop(),
            states[0].key,
            full(view, persons[0]) if len(persons) == 1 else None,
            role_of(role),
        )


PRESIDENT_LABEL = re.compile(r"(?i)\bPresident(?:[\s-]*designate)?\s*[:–—-]\s*")
LIST_MARK = re.compile(r"^[\s•·*>–—-]*$")
# A field's label before the meeting: "Previous meeting: 14MSP, Geneva (President: Spain)".
MEETING_LABEL = re.compile(
    r"(?i)^\s*(?:previous|next|last|past|earlier|upcoming)\s+meeting\s*:\s*$"
)


def _meeting_list(view: View) -> Iterator[Fact]:
    """A line of a list of meetings that opens with one MSP and names its President: '16MSP
    - Geneva, 10-12 September 2029 - President: Netherlands'."""
    for ordinal in view.ordinals(kinds=("msp",)):
        line = view.holding("lines", ordinal.start, ordinal.end)[-1:]
        lead = view.text[line[0].start_char : ordinal.start] if line else ""
        if not line or not (LIST_MARK.match(lead) or MEETING_LABEL.match(lead)):
            continue
        start, end = line[0].start_char, line[0].end_char
        named = view.ordinals(start, end)
        if len(named) != 1:
            continue
        labelled = False
        for label in PRESIDENT_LABEL.finditer(view.text, named[0].end, end):
            states = view.within(label.end(), end, "state")
            if states and states[0].start == label.end():
                labelled = True
                yield PresidencyFact(
                    view.doc_id,
                    view.span(named[0].start, states[0].end),
                    named[0].number,
                    states[0].key,
                    None,
                    role_of(label.group()),
                )
        states = view.within(named[0].end, end, "state")
        if labelled or len(view.actors(named[0].end, end)) != 1 or len(states) != 1:
            continue
        last = LAST_DASHED.fullmatch(view.text, named[0].end, states[0].start) and re.fullmatch(
            r"[\s.;]*", view.text[states[0].end : end]
        )
        if last and _list_of_presidents(view, line[0].start_char):
            yield PresidencyFact(
                view.doc_id,
                view.span(named[0].start, states[0].end),
                named[0].number,
                states[0].key,
                None,
                PresidencyRole.PRESIDENT,
            )


# "First Meeting of States Parties, Vientiane, November 2010 - Lao People's Democratic Republic".
LAST_DASHED = re.compile(r"[^\n]*\s[–—-]\s+(?:the\s+)?")
PRESIDENTS = re.compile(r"(?i)\bPresiden(?:ts|cies)\b")


def _list_of_presidents(view: View, line_start: int) -> bool:
    """The list that holds the line is one of Presidents: the label above the list's lines
    ('Presidents of the early meetings') or the document's title says so."""
    lines = view.group("lines")
    above = [line for line in lines if line.end_char <= line_start]
    for line in reversed(above):
        found = view.ordinals(line.start_char, line.end_char, kinds=("msp",))
        if found and LIST_MARK.match(view.text[line.start_char : found[0].start]):
            continue  # another line of the list
        if PRESIDENTS.search(line.text):
            return True
        break
    return bool(lines) and bool(PRESIDENTS.search(lines[0].text))


PRESIDENT_WORD = re.compile(r"(?i)\bPresiden(?:t|cy)\b")


def _row_role(view: View, cells: list, state: Mention, holder_end: int) -> str | None:
    """The words of a row that give its State the Presidency, if any."""
    for cell in cells:
        text = view.text[cell.start_char : cell.end_char]
        if cell.label_ == "holder" and cell.start_char <= state.start < cell.end_char:
            text = view.text[state.end : holder_end]  # "Peru (President, 16MSP)"
        elif view.actors(cell.start_char, cell.end_char):
            continue
        if PRESIDENT_WORD.search(text) and not view.has_cue("past", cell.start_char, cell.end_char):
            return text
    return None


TITLE_LINES_BACK = 3


def _table_title_msp(view: View, position: int) -> int | None:
    """The one MSP whose Presidency the title over a table names ('Composition under the 17MSP
    Presidency'): among the few lines above the table that are no rows of it."""
    lines = [line for line in view.group("lines") if line.end_char <= position]
    seen = 0
    for line in reversed(lines):
        if view.holding("rows", line.start_char, line.end_char):
            continue
        seen += 1
        if seen > TITLE_LINES_BACK or view.actors(line.start_char, line.end_char):
            return None
        numbers = {o.number for o in msp_ordinals(view, line.start_char, line.end_char)}
        if len(numbers) == 1 and view.has_cue("presidency", line.start_char, line.end_char):
            return numbers.pop()
    return None


# --- prose: the office written with its MSP ---------------------------------------------------


@rule(
    "presidencies.office",
    1,
    PresidencyFact,
    "'President of the Nth Meeting of States Parties' or 'the NMSP Presidency', with the "
    "State (and person) the sentence ties to it: before it ('Chile, as President of the "
    "5MSP', 'Kenya on assuming the Presidency of', 'Chile for its able Presidency of'), after "
    "it ('the 6MSP Presidency held by Peru', 'President of the 2MSP (Lebanon)'), or through "
    "the person it names ('President of the 7MSP, Ambassador X of Germany'; 'designate "
    "Ambassador X, Permanent Representative of Y, as President of ...'). The office implies "
    "the MSP: 'President of the Sixteenth Meeting'; in a record of an MSP (its final report, "
    "a statement at it) 'the Presidency of this Meeting' and 'The Meeting elected X as its "
    "President'; 'its President' after an MSP named in the sentence is that MSP's.",
    examples=(
        example(
            "The President of the Fifth Meeting of States Parties, Ambassador Rosa Lind of "
            "Sweden, opened the session.",
            (5, "SWE", "Rosa Lind"),
        ),
        example("Former President of the 2MSP (Lebanon)", (2, "LBN", None)),
        example(
            "The Meeting decided to designate Ambassador Ana Cruz, Permanent Representative of "
            "Chile, as President of the Eleventh Meeting of States Parties.",
            (11, "CHL", "Ana Cruz"),
        ),
        example(
            "the Permanent Mission of Austria to the Conference on Disarmament in its role as "
            "President of the 13th Meeting of States Parties",
            (13, "AUT", None),
        ),
        trap(
            "Ms. Dana Vogt, President-designate of the First Review Conference, spoke.",
            (1, "DEU", None),
        ),
        trap("The ICRC thanked the President of the 9MSP.", (9, "ICRC", None)),
        example(
            "The session was opened by H.E. Mr. Tomas Berg, Minister of Foreign Affairs of "
            "Sweden and President of the Tenth Meeting of States Parties.",
            (10, "SWE", "Tomas Berg"),
        ),
        example(
            "chaired by Ambassador Ana Cruz, Permanent Representative of Chile and President of "
            "the 12MSP",
            (12, "CHL", "Ana Cruz"),
        ),
        trap(
            "Ambassador Lena Holm of Sweden thanked Chile and the President of the 15MSP.",
            (15, "SWE", "Lena Holm"),
            (15, "CHL", None),
        ),
        example(
            "Item 3. Election of the President of the Ninth Meeting: Peru\nItem 4. Adoption of "
            "the agenda\n",
            (9, "PER", None),
        ),
        example(
            "The EU congratulates Kenya on assuming the Presidency of the Twelfth Meeting and "
            "thanks Chile for its skilful Presidency of the 11MSP.",
            (12, "KEN", None),
            (11, "CHL", None),
        ),
        trap(
            "Election of the President of the Ninth Meeting of the High Contracting Parties to "
            "Amended Protocol II: Peru\n",
            (9, "PER", None),
        ),
        example(
            "Ninth Meeting of States Parties\nFinal report\n\n3. The Meeting elected by "
            "acclamation Ambassador Rosa Lind, Permanent Representative of Sweden, as its "
            "President.\n",
            (9, "SWE", "Rosa Lind"),
        ),
        example(
            "Second Review Conference\nFinal report\n\n5. The Conference decided that the "
            "Twelfth Meeting of States Parties will be held in Geneva and designated Ambassador "
            "Omar Haddad of Jordan as its President.\n",
            (12, "JOR", "Omar Haddad"),
        ),
        example(
            "Ninth Meeting of States Parties\nStatement by Peru\n\nMr. President, allow me to "
            "congratulate you, Ambassador Rosa Lind of Sweden, on your assumption of the "
            "Presidency of this Meeting.\n",
            (9, "SWE", "Rosa Lind"),
        ),
        trap(
            "Second Review Conference\nFinal report\n\n3. The Conference elected Ambassador "
            "Omar Haddad of Jordan as its President.\n",
            (2, "JOR", "Omar Haddad"),
        ),
        trap(
            "Second Review Conference\nStatement by Peru\n\nWe congratulate you, Ambassador "
            "Rosa Lind of Sweden, on your assumption of the Presidency of this Meeting.\n",
            (2, "SWE", "Rosa Lind"),
        ),
        example(
            "OFFICE HOLDERS\n  President of the 15MSP ........ Peru – H.E. Mr. Jorge Salas\n"
            "  Outgoing President (14MSP) ... Kenya\n",
            (15, "PER", "Jorge Salas"),
            (14, "KEN", None),
        ),
        example(
            "Bureau: President of the Twelfth Meeting .. Chile\n",
            (12, "CHL", None),
        ),
        trap(
            "Contents\n  Report of the President of the 15MSP ........ 4\n  Peru – statement\n",
            (15, "PER", None),
        ),
        example(
            "On 3 May, Ambassador Lea Frei (Switzerland), President of the 13MSP, briefed the "
            "Committee.",
            (13, "CHE", "Lea Frei"),
        ),
        example(
            "He handed over to Ambassador Ana Cruz of Chile, the incoming President of the "
            "Tenth Meeting of States Parties.",
            (10, "CHL", "Ana Cruz"),
        ),
        example(
            "On the first day, Ghana was elected by acclamation as President of the 9MSP.",
            (9, "GHA", None),
        ),
        example(
            "Ambassador Rosa Lind of Sweden was elected President of the Tenth Meeting of "
            "States Parties.",
            (10, "SWE", "Rosa Lind"),
        ),
        trap("Kenya was elected Vice-President of the 9MSP.", (9, "KEN", None)),
        trap(
            "Chile recalled that Peru was elected as President of the Ninth Meeting of the High "
            "Contracting Parties to Amended Protocol II.",
            (9, "PER", None),
        ),
        trap(
            "On 3 May, Ambassador Lea Frei (Switzerland) met the President of the 13MSP.",
            (13, "CHE", "Lea Frei"),
        ),
        example(
            "Tenth Meeting of States Parties\nFinal report\n\n3. The States Parties confirmed "
            "Ambassador Rosa Lind, Permanent Representative of Sweden, as President of the "
            "Meeting.\n",
            (10, "SWE", "Rosa Lind"),
        ),
        example(
            "Final Report of the Twelfth Meeting of States Parties\n\n30. The President, "
            "Ambassador Omar Haddad of Jordan, closed the Meeting.\n",
            (12, "JOR", "Omar Haddad"),
        ),
        example(
            "Statement to the 14th Meeting of States Parties\n\nLet me begin by "
            "congratulating Kenya on its Presidency and the ISU on its work.\n",
            (14, "KEN", None),
        ),
        trap(
            "Statement to the 14th Meeting of States Parties\n\nWe congratulate Peru on its "
            "forthcoming Presidency, and thank Chile for its Presidency.\n",
            (14, "PER", None),
            (14, "CHL", None),
        ),
        example(
            "Fifteenth Meeting of States Parties\nStatement by Chile\n\nMr. President,\n\nWe "
            "congratulate you, and through you Peru, on the way you are steering our work.\n",
            (15, "PER", None),
        ),
        example(
            "Statement to the 16th Meeting of States Parties\n\nMadam President, let me "
            "congratulate you and Kenya for the excellent preparations.\n",
            (16, "KEN", None),
        ),
        trap(
            "Statement to the 16th Meeting of States Parties\n\nDear colleagues, we "
            "congratulate you and Norway on the side event.\n",
            (16, "NOR", None),
        ),
        trap(
            "Coordination Committee, minutes\n\nThe President, Ambassador Omar Haddad of "
            "Jordan, opened the meeting. Kenya was confirmed as President of the Meeting.\n",
            (12, "JOR", "Omar Haddad"),
        ),
        example(
            "Press statement\n\nAs President of the 12MSP, I, Ambassador Lena Holm of Sweden, "
            "welcome the new ratification.\n",
            (12, "SWE", "Lena Holm"),
        ),
        example(
            "Statement\n\nIn my capacity as President of the Ninth Meeting of States Parties, I, "
            "H.E. Mr. Tomas Berg of Norway, call on all States to join.\n",
            (9, "NOR", "Tomas Berg"),
        ),
        trap(
            "Statement\n\nAs President of the 12MSP, I thank Ambassador Lena Holm of Sweden for "
            "her work.\n",
            (12, "SWE", "Lena Holm"),
        ),
        example(
            "The session opened with a word from Chile's Ambassador Ana Cruz, President of the "
            "12MSP.",
            (12, "CHL", "Ana Cruz"),
        ),
        example(
            "The meeting was chaired by Ms. Lea Frei, Ambassador, Permanent Representative of "
            "Switzerland to the Conference on Disarmament, in her quality of President of the "
            "13MSP.",
            (13, "CHE", "Lea Frei"),
        ),
        trap(
            "Chile's Ambassador Ana Cruz thanked Peru, President of the 12MSP.",
            (12, "CHL", "Ana Cruz"),
        ),
        example(
            "Thirteenth Meeting of States Parties (13MSP)\n\nWhere: Geneva\nPresident: H.E. "
            "Mr. Omar Haddad, Permanent Representative of Jordan\n",
            (13, "JOR", "Omar Haddad"),
        ),
        example(
            "Eleventh Meeting of States Parties\nVenue: Geneva\nPresident: Chile\nStatus: closed\n",
            (11, "CHL", None),
        ),
        trap(
            "Coordination Committee – meeting page\nPresident: Chile\nVenue: Geneva\n",
            (11, "CHL", None),
        ),
    ),
    guards=("state-holder",),
)
def office(view: View, known: Known) -> Iterator[Fact]:
    for ordinal in msp_ordinals(view):
        before = view.text[max(0, ordinal.start - 40) : ordinal.start]
        after = view.text[ordinal.end : ordinal.end + 30]
        tied = PRESIDENT_BEFORE.search(before) or PRESIDENT_AFTER.match(after)
        if not tied:
            continue
        if tied.re is PRESIDENT_BEFORE:
            phrase_start, phrase_end = ordinal.start - (len(before) - tied.start()), ordinal.end
        else:
            phrase_start, phrase_end = ordinal.start, ordinal.end + tied.end()
        sentence = _dotted_line(view, phrase_end) or view.sentence_at(ordinal.start)
        found = holder(view, phrase_start, phrase_end, sentence)
        if found is None:
            continue
        state, person = found
        named = _mention_of(view, person, sentence, phrase_start)
        clause = _holders_clause(view, sentence, (state, named), phrase_end)
        designated = (
            tied.group("designate")
            or DESIGNATION.search(view.text, *clause)
            or re.search(r"(?i)\bincoming\s+$", view.text[max(0, phrase_start - 12) : phrase_start])
        )
        role = PresidencyRole.PRESIDENT_DESIGNATE if designated else PresidencyRole.PRESIDENT
        start, end = min(state.start, phrase_start), max(state.end, phrase_end)
        if named is not None:  # the evidence quotes the person too
            start, end = min(start, named.start), max(end, named.end)
        yield PresidencyFact(
            view.doc_id, view.span(start, end), ordinal.number, state.key, person, role
        )
    yield from _unnumbered_office(view)


def _holders_clause(
    view: View, sentence: Segment, holder: tuple[Mention, Mention | None], phrase_end: int
) -> tuple[int, int]:
    """The part of the sentence that speaks of this holder: from the holder (or the verb that
    designates it) to the first other person or actor after its office ("X, President of the
    5MSP, with Ms Y, President-designate of the Review Conference": Y's designation is not
    X's)."""
    own = [m for m in holder if m is not None]
    first = min(m.start for m in own)
    others = [
        m
        for m in view.within(sentence.start, sentence.end, "person", "state", "org")
        if not any(m.start < o.end and o.start < m.end for o in own)
    ]
    verb = DESIGNATING.search(view.text, max(sentence.start, first - 40), first)
    start = verb.start() if verb else first
    end = min((m.start for m in others if m.start >= phrase_end), default=sentence.end)
    return start, end


# "decided to designate Ambassador X ...": the verb right before the holder it governs.
DESIGNATING = re.compile(r"(?i)\b(?:designat|nominat)\w*\s+(?:as\s+)?(?:the\s+)?(?:\w+\.?\s+)?$")


# In a record of an MSP: "The President, Ambassador X of Austria, closed the Meeting".
THE_PRESIDENT = re.compile(r"(?<![\w-])[Tt]he\s+President(?=\s*,)")
# ... and "congratulating Malawi on its Presidency" (not "on its forthcoming Presidency").
ON_ITS_PRESIDENCY = re.compile(
    r"(?i)\s+on\s+(?:its|her|his|their)\s+(?:(?:able|skilful|skillful|successful)\s+)?"
    r"Presidency\b(?![\s-]*(?:-|designate|elect|of)\b)"
)
CONGRATULATING = re.compile(r"(?i)\bcongratulat\w*\s+(?:the\s+)?$")
# "Madam President, ... congratulate you, and Austria, on ...": the President addressed and
# the State of the Presidency, together.
YOU_AND = re.compile(
    r"(?i)\bcongratulat\w*\s+you\s*,?\s*(?:(?:Mr\.?|Madam|Madame)\s+President\s*,?\s*)?"
    r"and\s+(?:through\s+you\s*,?\s*)?(?:the\s+)?$"
)
ADDRESSED = re.compile(r"\b(?:Mr\.?|Madam|Madame)\s+President\b")


def _unnumbered_office(view: View) -> Iterator[Fact]:
    """The office without its MSP, in a record of an MSP (its report, a statement made at
    it): the President of the Meeting that the document records."""
    number = own_msp(view)
    if number is None:
        return
    for match in THE_PRESIDENT.finditer(view.text):
        sentence = view.sentence_at(match.start())
        people = view.within(sentence.start, sentence.end, "person")
        found = _appositive_person(view, people, sentence, match.start(), match.end())
        if found is None:
            continue
        state, person = found
        named = _mention_of(view, person, sentence, match.end())
        end = max(state.end, named.end if named else match.end())
        yield PresidencyFact(view.doc_id, view.span(match.start(), end), number, state.key, person)
    yield from _president_field(view, number)
    for state in view.within(0, len(view.text), "state"):
        tied = ON_ITS_PRESIDENCY.match(view.text, state.end)
        lead = view.text[max(0, state.start - 30) : state.start]
        if tied and CONGRATULATING.search(lead):
            yield PresidencyFact(
                view.doc_id, view.span(state.start, tied.end()), number, state.key, None
            )
        lead = view.text[max(0, state.start - 60) : state.start]
        you = YOU_AND.search(lead)
        if (
            you
            and re.match(r"\s*,?\s*(?:on|for)\b", view.text[state.end : state.end + 8])
            and ADDRESSED.search(view.text, 0, state.start)
        ):
            start = state.start - len(lead) + you.start()
            yield PresidencyFact(view.doc_id, view.span(start, state.end), number, state.key, None)


PRESIDENT_FIELD = re.compile(r"(?im)^[ \t]*President(?P<designate>[\s-]*designate)?[ \t]*:[ \t]*")


def _president_field(view: View, number: int) -> Iterator[Fact]:
    """A meeting page's field 'President: H.E. Ms. X, Ambassador of Y' (or 'President: Y'):
    the President of the Meeting the page is about."""
    for field in PRESIDENT_FIELD.finditer(view.text):
        line_end = view.text.find("\n", field.end())
        line_end = len(view.text) if line_end == -1 else line_end
        if msp_ordinals(view, field.end(), line_end):
            continue  # "President: Peru (16MSP)" names its own meeting: read elsewhere
        named = view.within(field.end(), line_end, "person", "state", "org")
        if not named or view.bare(field.end(), named[0].start).strip():
            continue
        first = named[0]
        state, person = first, None
        if first.kind == "person":
            affiliation = delegates.stated_after(view, first)
            if affiliation is None or affiliation.kind != "state":
                continue
            state, person = affiliation, full(view, first)
        elif first.kind != "state":
            continue
        yield PresidencyFact(
            view.doc_id,
            view.span(field.start(), max(state.end, first.end)),
            number,
            state.key,
            person,
            role_of(field.group()),
        )


DOT_LEADER = re.compile(r"[ \t]*\)?[ \t]*(?:[.…][ \t]*){2,}")


def _dotted_line(view: View, phrase_end: int) -> Segment | None:
    """'President of the 19MSP ........ Malawi – H.E. Ms. X': a line of a list that dots lead
    from the office to its holder is a unit of its own (its dots end no sentence)."""
    if not DOT_LEADER.match(view.text, phrase_end):
        return None
    line = view.holding("lines", phrase_end - 1, phrase_end)[-1:]
    if not line:
        return None
    start, end = line[0].start_char, line[0].end_char
    return Segment(start, end, view.text[start:end])


def _mention_of(view: View, person: str | None, sentence: Segment, near: int) -> Mention | None:
    """The mention of `person` in the sentence nearest to `near`."""
    if person is None:
        return None
    mentions = [
        m for m in view.within(sentence.start, sentence.end, "person") if full(view, m) == person
    ]
    return min(mentions, key=lambda m: abs(m.start - near), default=None)


def holder(
    view: View, start: int, end: int, sentence: Segment
) -> tuple[Mention, str | None] | None:
    """The State (and person) the office phrase at text[start:end] is said of."""
    states = view.within(sentence.start, sentence.end, "state")
    people = view.within(sentence.start, sentence.end, "person")
    before = [s for s in states if s.end <= start and STATE_BEFORE.match(view.text[s.end : start])]
    if before:
        state = before[-1]
        return state, _named_person(view, people, state, start, end)
    elected = [s for s in states if s.end <= start and not view.actors(s.end, start)]
    if elected and ELECTED_AS.match(view.text[elected[-1].end : start]):
        # "Zambia was elected by the Meeting as President of the 4MSP"
        return elected[-1], _named_person(view, people, elected[-1], start, end)
    after = [s for s in states if s.start >= end and HELD_BY.match(view.text[end : s.start])]
    if after:
        return after[0], _person_in_parentheses(view, people, after[0])
    found = _appositive_person(view, people, sentence, start, end)
    if found is not None:
        return found
    found = _person_before(view, people, states, sentence, start)
    if found is not None:
        return found
    if IN_ITS_ROLE.search(view.text[max(sentence.start, start - 40) : start]):
        earlier = [s for s in states if s.end <= start]
        if earlier:
            return earlier[-1], None
    return None


def _named_person(view: View, people: list[Mention], state: Mention, start: int, end: int):
    """A person written right beside the phrase: 'Sri Lanka's President, Ambassador X',
    'Ambassador X of Chile, as President', 'Ambassador X, Permanent Representative of Chile,
    as President'."""
    for person in people:
        if person.start >= end and APPOSITION.match(view.bare(end, person.start)):
            return full(view, person)
        if person.end <= state.start and state.start - person.end < 40:
            gap = view.text[person.end : state.start]
            if re.fullmatch(r"\s*(?:of|from)\s+(?:the\s+)?|[ \t]*\([ \t]*", gap):
                return full(view, person)
    earlier = [p for p in people if p.end <= state.start]
    if earlier and not view.actors(earlier[-1].end, state.start):
        affiliation = delegates.stated_after(view, earlier[-1])
        if affiliation is not None and affiliation.start == state.start:
            return full(view, earlier[-1])
    return None


def _person_in_parentheses(view: View, people: list[Mention], state: Mention) -> str | None:
    """'Iraq (H.E. Mr. Ali Jawad Al-Rubaie)', 'Malawi – H.E. Ms. Chikondi Phiri': the person
    written just after the State."""
    for person in people:
        gap = view.bare(state.end, person.start)
        if person.start >= state.end and re.fullmatch(r"[ \t]*[(–—-][ \t]*", gap):
            return full(view, person)
    return None


def _appositive_person(view: View, people: list[Mention], sentence: Segment, start: int, end: int):
    """'President of the 7MSP, Ambassador Michael Biontino of Germany' and
    'designate Ambassador X, Permanent Representative of Y ... as President of ...'."""
    if NOT_APPOSITION.search(view.text[max(sentence.start, start - 40) : start]):
        return None
    following = [p for p in people if p.start >= end and APPOSITION.match(view.bare(end, p.start))]
    preceding = [
        p
        for p in people
        if p.end <= start
        and DESIGNATION.search(view.text[max(sentence.start, p.start - 60) : p.start])
    ]
    for person in following[:1] + preceding[-1:]:
        affiliation = delegates.stated_after(view, person)
        if affiliation and affiliation.kind == "state":
            return affiliation, full(view, person)
    return None


def _person_before(
    view: View, people: list[Mention], states: list[Mention], sentence: Segment, start: int
):
    """'H.E. Jane Roe, Minister of Foreign Affairs of Chile, President of the 5MSP' and
    'H.E. Jane Roe ... of Chile was elected by the Meeting as President of the 5MSP': the
    person just before the office, and the State their apposition names."""
    earlier = [p for p in people if p.end <= start]
    if not earlier:
        return None
    person = earlier[-1]
    gap = view.text[person.end : start]
    if not (
        PERSON_APPOSITION.match(gap) or ELECTED_AS.match(gap) or PERSON_TAKING_OFFICE.match(gap)
    ):
        return None
    if view.within(person.end, start, "person"):
        return None
    inside = [s for s in states if person.end <= s.start and s.end <= start]
    if len(inside) == 1:
        return inside[0], full(view, person)
    affiliation = delegates.stated_after(view, person)
    if affiliation and affiliation.kind == "state":
        return affiliation, full(view, person)
    owner = [s for s in states if s.end <= person.start]
    if owner and POSSESSIVE_TITLE.match(view.text[owner[-1].end : person.start]):
        return owner[-1], full(view, person)
    return None


# --- prose: other wordings --------------------------------------------------------------------


@rule(
    "presidencies.presidency-of",
    1,
    PresidencyFact,
    "'under the Presidency of Sri Lanka (9MSP)': the MSP in parentheses after the State; "
    "'the 16MSP will take place ... under the Presidency of Kenya': the sentence's one MSP.",
    examples=(
        example("under the Presidency of Peru (13MSP), the Committee met", (13, "PER", None)),
        example("the Presidency of Ghana (16MSP) thanked", (16, "GHA", None)),
        example(
            "The 18th Meeting of States Parties will be held in Geneva under the Presidency of "
            "Chile.",
            (18, "CHL", None),
        ),
        trap("the Presidency of Peru (see the 13MSP report)", (13, "PER", None)),
        example(
            "Past meeting: 12MSP, held in Geneva\nNext meeting: 13MSP, Lausanne, under the "
            "Presidency of Switzerland\n",
            (13, "CHE", None),
        ),
        example(
            "The 10MSP met in Geneva in 2022;\nthe 11MSP will convene in 2023 under the "
            "Presidency of Mexico",
            (11, "MEX", None),
        ),
        trap(
            "After the 10MSP and the 11MSP, held under the Presidency of Mexico, ...",
            (10, "MEX", None),
            (11, "MEX", None),
        ),
    ),
    guards=("state-holder",),
)
def presidency_of(view: View, known: Known) -> Iterator[Fact]:
    for state in view.within(0, len(view.text), "state"):
        if not re.search(
            r"(?i)\bPresidency\s+of\s+(?:the\s+)?$",
            view.text[max(0, state.start - 30) : state.start],
        ):
            continue
        if not re.match(r"\s*\(", view.text[state.end : state.end + 3]):
            continue
        close = view.text.find(")", state.end, state.end + 40)
        inner = msp_ordinals(view, state.end, close) if close != -1 else []
        if len(inner) != 1 or view.text[state.end : inner[0].start].strip() != "(":
            continue
        start = view.text.rfind("Presidency", 0, state.start)
        yield PresidencyFact(
            view.doc_id, view.span(start, close + 1), inner[0].number, state.key, None
        )
    yield from _under_the_presidency(view)


UNDER_PRESIDENCY = re.compile(r"(?i)\bunder\s+the\s+Presidency\s+of\s+(?:the\s+)?$")


def _under_the_presidency(view: View) -> Iterator[Fact]:
    """'The 16th Meeting of States Parties will take place ... under the Presidency of
    Kenya': the one MSP of the sentence, presided by the State."""
    for state in view.within(0, len(view.text), "state"):
        if not UNDER_PRESIDENCY.search(view.text[max(0, state.start - 40) : state.start]):
            continue
        if re.match(r"\s*\(", view.text[state.end : state.end + 3]):
            continue  # "(9MSP)" follows: read above
        sentence = view.sentence_at(state.start)
        ordinals = msp_ordinals(view, sentence.start, state.start)
        line = view.holding("lines", state.start, state.end)[-1:]
        if len({o.number for o in ordinals}) > 1 and line:  # "Next meeting: 16MSP, ... under"
            ordinals = msp_ordinals(view, line[0].start_char, state.start)
        if len({o.number for o in ordinals}) == 1:
            start = ordinals[0].start
            yield PresidencyFact(
                view.doc_id, view.span(start, state.end), ordinals[0].number, state.key, None
            )


ADJECTIVE_REST = re.compile(
    r"\s+(?P<rest>(?:[\w-]+\s+){0,2}?Presidency(?:[\s-]*designate)?(?:\s+of\s+the\s+)?"
    r"|delegation,?\s+which\s+will\s+preside\s+over\s+the\s+)"
)


@rule(
    "presidencies.adjective",
    1,
    PresidencyFact,
    "A Presidency named by the State's adjective: 'the Sri Lankan 9MSP Presidency', 'the "
    "Montenegrin Presidency-designate of the Tenth Meeting of States Parties', 'the Mexican "
    "delegation, which will preside over the 12MSP'.",
    examples=(
        example("the Chilean 5MSP Presidency announced", (5, "CHL", None)),
        example(
            "the Swiss Presidency-designate of the Fourteenth Meeting of States Parties",
            (14, "CHE", None),
        ),
        trap("the German delegation thanked the 9MSP President", (9, "DEU", None)),
    ),
)
def adjective(view: View, known: Known) -> Iterator[Fact]:
    for demonym in view.group("demonyms"):
        match = ADJECTIVE_REST.match(view.text, demonym.end_char)
        if match is None:
            continue
        near = [
            o
            for o in msp_ordinals(view, match.start("rest"), match.end() + 40)
            if o.start <= match.end() + 1
        ]
        if len(near) != 1:
            continue
        rest = match.group("rest")
        future = "designate" in rest or "will preside" in rest
        role = PresidencyRole.PRESIDENT_DESIGNATE if future else PresidencyRole.PRESIDENT
        yield PresidencyFact(
            view.doc_id,
            view.span(demonym.start_char, max(match.end(), near[0].end)),
            near[0].number,
            demonym.kb_id_,
            None,
            role,
        )


PRESIDED = re.compile(
    r"(?i)\b(?:presided\s+over|will\s+preside\s+over|presides\s+over|chairs?|chaired|"
    r"will\s+chair|(?P<led>led|leads|will\s+lead))\s+(?:the\s+)?$"
)
# "led the 4MSP delegation": what is led is not the Meeting itself.
LED_OTHER = re.compile(
    r"(?i)\s*(?:['’]s\s+)?(?:delegations?|discussions?|debates?|negotiations?|preparations?|"
    r"sessions?|panels?|side|working|work|effort|campaign|team|outreach)\b"
)
PRESIDED_BY = re.compile(
    r"(?i)^\s*,?\s*(?:(?:which\s+)?(?:was|is|will\s+be|shall\s+be|is\s+to\s+be)\s+)?"
    r"(?:presided|chaired)\s+(?:over\s+)?by\s+(?:the\s+)?$"
)
AS_CHAIR = re.compile(r"(?i)^\s*as\s+(?:its\s+)?(?:chair|president|presidency)\b")


@rule(
    "presidencies.presided",
    1,
    PresidencyFact,
    "A State that presides by verb: 'Peru presided over the 15MSP', 'Kenya chairs the 16th "
    "Meeting of States Parties', 'the 15MSP, presided by Peru', 'the 12MSP opened with "
    "Mexico as chair', 'It will be presided by Peru' after a sentence that opens with the "
    "MSP; the person when the same or the next sentence names the State's delegate leading "
    "the proceedings.",
    examples=(
        example("Peru presided over the 15MSP in Geneva.", (15, "PER", None)),
        example("Kenya chairs 16th Meeting of States Parties", (16, "KEN", None)),
        example(
            "The 14th Meeting of States Parties opened today with Chile as chair. Ana Cruz, "
            "Chile's Ambassador in Geneva, is leading the proceedings.",
            (14, "CHL", "Ana Cruz"),
        ),
        trap("Peru attended the 15MSP.", (15, "PER", None)),
        example(
            "The Meeting decided that the 19MSP shall be presided over by Kenya.",
            (19, "KEN", None),
        ),
        example(
            "It agreed that the Twelfth Meeting of States Parties is to be chaired by Chile "
            "and held in Santiago.",
            (12, "CHL", None),
        ),
        trap(
            "It recalled that the 12MSP was held in Santiago and shall be followed by a "
            "workshop chaired by Chile.",
            (12, "CHL", None),
        ),
        example(
            "The Fifteenth Meeting of States Parties will be held in Geneva in September. It "
            "will be chaired by Peru.",
            (15, "PER", None),
        ),
        example(
            "The 13MSP convenes next week in Lausanne. It is presided by Switzerland: "
            "Ambassador Lea Frei, Permanent Representative of Switzerland, will chair the "
            "Meeting.",
            (13, "CHE", "Lea Frei"),
        ),
        trap(
            "Chile hosted a workshop before the 13MSP. It was chaired by Peru.", (13, "PER", None)
        ),
        example(
            "The Tenth Meeting of States Parties closed on Friday. Ambassador Ana Cruz of "
            "Chile, who presided over the Meeting, thanked the delegations.",
            (10, "CHL", "Ana Cruz"),
        ),
        example(
            "Twenty years ago Ghana led the 3MSP in Accra, and Peru chaired the 4MSP.",
            (3, "GHA", None),
            (4, "PER", None),
        ),
        trap(
            "Norway led the 3MSP delegation. The Second Review Conference met in Lausanne; "
            "Chile, which presided over the Meeting, spoke.",
            (3, "NOR", None),
            (2, "CHL", None),
        ),
    ),
    guards=("state-holder",),
)
def presided(view: View, known: Known) -> Iterator[Fact]:
    for ordinal in msp_ordinals(view):
        sentence = view.sentence_at(ordinal.start)
        states = view.within(sentence.start, sentence.end, "state")
        before = [
            s
            for s in states
            if s.end <= ordinal.start
            and (verb := PRESIDED.search(view.text[s.end : ordinal.start]))
            and not (verb.group("led") and LED_OTHER.match(view.text, ordinal.end))
            and not view.within(s.end, ordinal.start, "state", "org")
        ]
        after = [
            s
            for s in states
            if s.start >= ordinal.end and PRESIDED_BY.match(view.text[ordinal.end : s.start])
        ]
        chair = [
            s
            for s in states
            if s.start >= ordinal.end
            and AS_CHAIR.match(view.text[s.end : s.end + 30])
            and _opens(view, ordinal, s)
        ]
        for state in before[-1:] + after[:1] + chair[:1]:
            of = _person_of(view, state, sentence)
            person = _leading_person(view, known, state, sentence) or (
                full(view, of) if of else None
            )
            start, end = min(state.start, ordinal.start), max(state.end, ordinal.end)
            if of is not None and person == full(view, of):
                start = min(start, of.start)  # the evidence quotes the person too
            role = role_of(view.text[start:end])
            yield PresidencyFact(
                view.doc_id, view.span(start, end), ordinal.number, state.key, person, role
            )
    yield from _presided_pronoun(view, known)


PRONOUN_PRESIDED = re.compile(
    r"(?i)\W*It\s+(?:will\s+be|is\s+to\s+be|shall\s+be|is|was)\s+(?:presided|chaired)\s+"
    r"(?:over\s+)?by\s+(?:the\s+)?"
)
SUBJECT_LEAD_WORDS = 2


def _presided_pronoun(view: View, known: Known) -> Iterator[Fact]:
    """'The 17th Meeting of States Parties will convene in Geneva ... It will be presided by
    Peru': 'It' is the MSP the sentence before opens with."""
    for sentence in view.sentences:
        match = PRONOUN_PRESIDED.match(view.text, sentence.start, sentence.end)
        previous = view.sentence_at(sentence.start - 1) if match and sentence.start else None
        if match is None or previous is None or previous.start == sentence.start:
            continue
        states = view.within(match.end(), sentence.end, "state")
        if not states or states[0].start != match.end():
            continue
        subject = msp_ordinals(view, previous.start, previous.end)[:1]
        lead = view.text[previous.start : subject[0].start].split() if subject else []
        if not subject or len(lead) > SUBJECT_LEAD_WORDS:
            continue
        person = _leading_person(view, known, states[0], sentence)
        role = role_of(view.text[sentence.start : states[0].end])
        yield PresidencyFact(
            view.doc_id,
            view.span(sentence.start, states[0].end),
            subject[0].number,
            states[0].key,
            person,
            role,
        )


def _person_of(view: View, state: Mention, sentence: Segment) -> Mention | None:
    """'Ambassador X of Austria, who presided over ...': the person the State is said of."""
    for person in view.within(sentence.start, state.start, "person"):
        if re.fullmatch(r"\s+(?:of|from)\s+(?:the\s+)?", view.text[person.end : state.start]):
            return person
    return None


def _opens(view: View, ordinal: Ordinal, state: Mention) -> bool:
    """'The NMSP opened (today) with X as chair': the meeting is the one opening."""
    between = view.text[ordinal.end : state.start]
    return bool(
        re.search(r"(?i)\b(?:opened|opens|began|begins|convened|met)\b.*\bwith\s+$", between)
    )


def _leading_person(view: View, known: Known, state: Mention, sentence: Segment) -> str | None:
    """The State's delegate that this or the next sentence says leads the proceedings."""
    following = [s for s in view.sentences if s.start >= sentence.end][:1]
    for unit in [sentence, *following]:
        if not view.has_cue("chair", unit.start, unit.end):
            continue
        for fact in known.get(DelegateFact, []):
            if (
                isinstance(fact, DelegateFact)
                and fact.actor == state.key
                and unit.start <= fact.span.start < unit.end
            ):
                return fact.person
    return None
