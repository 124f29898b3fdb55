"""Attendance: who took part in the gathering a document records, and how.

- An attendance list, in any layout (its entries and status groups are the layout's:
  `nlp.entries`), gives each actor's status (present, observer, apologies, absent).
- A final report's participation paragraphs ("The following States Parties participated in
  the work of the Meeting: ..."; "... took part as observers").
- Prose in any genre: a sentence with a participation cue ("took part", "was attended by",
  "brought together", "were present at", "sent a delegation", "also participating were")
  names its participants before the cue (the subject: "Chile and Peru took part") or after
  it ("was attended by Chile and Peru"); a negation ("could not attend") turns it around,
  organizers, hosts, funders and venues are not participants, a place ("in Lima, Peru") is
  not one either, and "as observers" makes them observers.
- Minutes that list nobody: the actors that took the floor, and the sitting Presidency that
  chaired the meeting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ccm_graph.extract import delegates, statements
from ccm_graph.extract.guards import clause_of
from ccm_graph.extract.meetings import dateline, is_overview
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Mention, Segment, View
from ccm_graph.model import (
    AttendanceFact,
    AttendanceStatus,
    Fact,
    MeetingFact,
    MeetingType,
    PresidencyFact,
    PresidencyRole,
)
from ccm_graph.nlp import vocab

Status = AttendanceStatus


def _fact(view: View, actor: Mention, status: Status, end: int | None = None) -> AttendanceFact:
    return AttendanceFact(view.doc_id, view.span(actor.start, end or actor.end), actor.key, status)


def recorded(known: Known) -> MeetingFact | None:
    meetings = [f for f in known.get(MeetingFact, []) if isinstance(f, MeetingFact)]
    return meetings[0] if meetings else None


def is_record(meeting: MeetingFact | None) -> bool:
    """The document is the record of a meeting (minutes, a report), not a page about it."""
    return meeting is not None and (
        meeting.rule.startswith("meetings.record/")
        or meeting.meeting_type is MeetingType.COORDINATION_COMMITTEE
    )


# --- lists ------------------------------------------------------------------------------------


@rule(
    "attendance.listed",
    1,
    AttendanceFact,
    "An actor of an attendance list, with the status of its group (present, observer, "
    "apologies, absent), in any layout: one entry per line, bullets, a table, or a list "
    "flattened onto one line.",
    examples=(
        example(
            "1. Present:\nChile\nMs. Ana Torres\n\nGhana\n\nApologies received:\nNepal\n\n"
            "2. Opening\n",
            ("CHL", "present"),
            ("GHA", "present"),
            ("NPL", "apologies"),
        ),
        example(
            "1. Present: Chile - 5MSP Presidency Mr. Andres Bello Peru Ms. Rosa Diaz "
            "Apologies received Japan Malta 2. Opening remarks The President opened the meeting.",
            ("CHL", "present"),
            ("PER", "present"),
            ("JPN", "apologies"),
            ("MLT", "apologies"),
        ),
        trap(
            "1. Present:\nChile\n\nApologies received:\nNepal\n\n2. Opening\n",
            ("NPL", "present"),
        ),
        example(
            "Attendance:\n1. Peru: Ms. Rosa Diaz, coordinator on clearance\n2. Ghana: Mr. Kofi "
            "Owusu\n\nApologies: Nepal.\n\nAgenda item 1 - Opening\nThe Chair opened it.\n",
            ("PER", "present"),
            ("GHA", "present"),
            ("NPL", "apologies"),
        ),
        example(
            "Present:\n1. Chile (Mr. Tomas Rojas)\n2. Kenya (Ms. Amina Otieno)\n3. ICRC "
            "(observer)\nNot represented: Malta\n",
            ("CHL", "present"),
            ("KEN", "present"),
            ("ICRC", "observer"),
            ("MLT", "absent"),
        ),
        trap(
            "Present:\n1. Chile: Mr. Tomas Rojas\n2. Kenya: Ms. Amina Otieno\n\n1. Opening\n"
            "The meeting discussed the letter that Malta had sent in 2029.\n",
            ("MLT", "present"),
        ),
        example(
            "Annex II - List of participants\n\nNORTH\nGhana ...... Mr. Kofi Owusu, Ministry of "
            "Defence\nPeru ........ Ms. Rosa Diaz\n",
            ("GHA", "present"),
            ("PER", "present"),
        ),
        example(
            "ANNEX: ATTENDEES\nChile .. Ms. Ana Paz\nCMC .. Mr. Tom Hill, Legal Adviser\n",
            ("CHL", "present"),
            ("CMC", "present"),
        ),
        example(
            "Attendance\nDelegation\tName\tRole\nChile\tMs. Ana Paz\tCoordinator\nICRC\t"
            "Mr. Leo Frei\tObserver\nISU\tMs. Mia Lund\tSecretariat\n",
            ("CHL", "present"),
            ("ICRC", "observer"),
            ("ISU", "present"),
        ),
        example(
            "List of participants\nKenya\tMr. Paul Otieno\nUNDP\tobserver\nPeru\tMs. Rosa Diaz\n",
            ("KEN", "present"),
            ("UNDP", "observer"),
            ("PER", "present"),
        ),
        trap(
            "Present:\nGhana\tMr. Kofi Owusu\nCMC\tMs. Ida Berg\tObserver\nNepal\tMr. Ram "
            "Thapa\tClearance\n",
            ("NPL", "observer"),
            ("CMC", "present"),
        ),
        example(
            "Participants: Chile, represented by Ms. Ana Paz ; Peru (Mr. Luis Soto) ; the CMC "
            "(Ms. Ida Berg) and Handicap International (Mr. Jean Roy) as observers, and the "
            "UNDP, Ms. Mia Lund.\n\n1. Opening\nThe Chair opened the meeting.",
            ("CHL", "present"),
            ("PER", "present"),
            ("CMC", "observer"),
            ("HI", "observer"),
            ("UNDP", "present"),
        ),
        example(
            "Present: Ghana with Mr. Kofi Owusu ; the ICRC and the GICHD as observers ; Nepal, "
            "Mr. Ram Thapa.\n\n2. Agenda\nThe agenda was adopted.",
            ("ICRC", "observer"),
            ("GICHD", "observer"),
            ("NPL", "present"),
        ),
        trap(
            "Present: Mexico (Mr. Luis Vega) and Peru (Ms. Rosa Diaz) ; the ICRC (observer)\n\n"
            "1. Opening\nThe Chair opened the meeting.",
            ("MEX", "observer"),
            ("PER", "observer"),
        ),
        trap(
            "Report\nAnnex III – Budget\nMalta .......... EUR 5,000\nNepal .......... EUR 2,000\n",
            ("MLT", "present"),
            ("NPL", "present"),
        ),
        example(
            "PRESENT: Norway (Chair) - Mr. Lars Berg, Ms. Kari Dahl; Kenya (Survivors) - Mr.\n"
            "Paul Otieno; Nepal (Survivors) - Ms. Sita Rai; Oman (Clearance) - Mr. Said Harthi;\n"
            "Fiji (Clearance) - Ms. Mere Naivalu;\n\nCC/2030/2          Page 2\n\nMalta "
            "(Reports) - Ms. Rita Borg.\nABSENT: Tonga.\n\n1. Opening\nThe Chair opened it.",
            ("NOR", "present"),
            ("OMN", "present"),
            ("MLT", "present"),
            ("TON", "absent"),
        ),
        example(
            "Were present:\n- Norway (M. Lars Berg)\n- Kenya (Mme. Ada Otieno)\nWere excused: "
            "Nepal.\nWas absent: Fiji.\n\n1. The minutes were adopted.",
            ("NOR", "present"),
            ("KEN", "present"),
            ("NPL", "apologies"),
            ("FJI", "absent"),
        ),
        example(
            "Assisted to the meeting the following delegations:\n\nPERU – Sr. Luis Soto\n"
            "MEXICO – Sra. Ana Gil\n\n1. The act was approved.",
            ("PER", "present"),
            ("MEX", "present"),
        ),
        example(
            "3. Participants. The following delegations took part: Chile – Sr. Juan Rojas, "
            "Ministry of Defence; Peru – Sra. Ana Ruiz.\n\n4. The seminar opened.",
            ("CHL", "present"),
            ("PER", "present"),
        ),
        trap(
            "PRESENT: Norway - Mr. Lars Berg; Kenya - Ms. Ada Otieno\nThe Chair recalled that "
            "the report of Malta and the plan of Nepal were both discussed at length last year.\n",
            ("MLT", "present"),
            ("NPL", "present"),
        ),
    ),
)
def listed(view: View, known: Known) -> Iterator[Fact]:
    if is_overview(view):
        return  # a table of the Committee's composition: members, not attendance
    for entry in view.group("entries"):
        actors = [m for m in view.actors(entry.start_char, entry.end_char) if m.key == entry.kb_id_]
        if actors:
            yield _fact(view, actors[0], Status(entry.label_))


# A table's column that says how each row's delegation attended, and the words in it.
STATUS_HEADER = re.compile(r"(?i)^\W*(?:attendance|status|participation|attended|present)\W*$")
STATUS_CELL = (
    (Status.APOLOGIES, re.compile(r"(?i)^\W*(?:apolog(?:y|ies)|excused|regrets?)\W*$")),
    (
        Status.ABSENT,
        re.compile(r"(?i)^\W*(?:absent|not\s+(?:present|represented|attending)|no)\W*$"),
    ),
    (Status.OBSERVER, re.compile(r"(?i)^\W*observers?\W*$")),
    (
        Status.PRESENT,
        re.compile(
            r"(?i)^\W*(?:in\s+person|present|online|virtual(?:ly)?|remote(?:ly)?|hybrid|"
            r"attended|yes|[✓✔x])\W*$"
        ),
    ),
)
TABLE_CELL = re.compile(r"[^|\t]+")


@rule(
    "attendance.table-status",
    1,
    AttendanceFact,
    "A table of participants with a column that says how each attended ('Attendance', "
    "'Status'): the row's actor, wherever its column stands, is present ('in person', "
    "'online'), excused ('apologies'), absent ('not present') or an observer.",
    examples=(
        example(
            "| Name | Delegation | Attendance |\n|---|---|---|\n| Ana Paz | Chile | online |\n"
            "| Kofi Owusu | Ghana | apologies |\n| Ida Berg | CMC | in person |\n"
            "| Rita Borg | Malta | not present |\n",
            ("CHL", "present"),
            ("GHA", "apologies"),
            ("CMC", "present"),
            ("MLT", "absent"),
        ),
        example(
            "Record of the meeting of 3 May 2030\n\nStatus\tState\tName\nexcused\tNepal\tRam "
            "Thapa\nremote\tPeru\tRosa Diaz\n",
            ("NPL", "apologies"),
            ("PER", "present"),
        ),
        trap(
            "| Area | Coordinators | Status |\n|---|---|---|\n| Clearance | Chile | completed |\n"
            "| Victim assistance | Ghana | ongoing |\n",
            ("CHL", "present"),
            ("GHA", "present"),
        ),
    ),
)
def table_status(view: View, known: Known) -> Iterator[Fact]:
    if view.group("entries"):
        return  # the list's own groups say it
    status_at: int | None = None
    previous_end = -1
    for row in view.group("rows"):
        line = view.text[row.start_char : row.end_char]
        cells = [(m.start(), m.group()) for m in TABLE_CELL.finditer(line.strip("|"))]
        if previous_end >= 0 and re.search(r"\n[ \t]*\n", view.text[previous_end : row.start_char]):
            status_at = None  # a blank line ends the table
        previous_end = row.end_char
        headers = [i for i, (_, cell) in enumerate(cells) if STATUS_HEADER.match(cell)]
        if headers:
            status_at = headers[0]
            continue
        if status_at is None or status_at >= len(cells):
            continue
        status = _cell_status(cells[status_at][1])
        actors = view.actors(row.start_char, row.end_char)
        if status is not None and actors:
            yield _fact(view, actors[0], status, row.end_char)


def _cell_status(cell: str) -> Status | None:
    for status, pattern in STATUS_CELL:
        if pattern.match(cell):
            return status
    return None


# --- final reports ----------------------------------------------------------------------------

PARTICIPATION = re.compile(
    r"\b(?:[Pp]articipated|[Tt]ook\s+part|were\s+represented|attended)\s+"
    r"(?:(?:in|at)\s+the\s+(?:work\s+of\s+the\s+)?(?:[\w-]+\s+){0,4}?(?:Meeting|Conference)\b"
    r"(?!\s+(?:on|held\s+on)\s+\d)|(?:(?:in|at)\s+[^.;]{0,60}?\s)?as\s+observers?\b)"
    # "Also present as observers: ASEAN, the ICRC ..."
    r"|\b(?:[Aa]lso\s+)?[Pp]resent\s+as\s+observers?\s*:"
)
OBSERVER = re.compile(r"(?i)\bas\s+observers?\b")
NOT_PRESENT = re.compile(r"(?i)\bregrets?\b|\bapolog|\bunable\s+to\s+attend|\babsent\b")


@rule(
    "attendance.report-participation",
    1,
    AttendanceFact,
    "A final report's participation paragraph: the States and organizations that "
    "'participated in the work of the Meeting', or 'took part ... as observers'.",
    examples=(
        example(
            "5. The following States Parties participated in the work of the Meeting: Chile, "
            "Ghana, Peru.\n\n6. The following States took part in the work of the Meeting as "
            "observers: Kenya.\n",
            ("CHL", "present"),
            ("GHA", "present"),
            ("PER", "present"),
            ("KEN", "observer"),
        ),
        example(
            "7. The ICRC and the CMC participated in the work of the Conference.",
            ("ICRC", "present"),
            ("CMC", "present"),
        ),
        trap(
            "8. Regrets were received from Nepal, which was unable to attend the Meeting.",
            ("NPL", "present"),
        ),
        example(
            "2. The sessions were chaired by Ambassador Rosa Diaz (Mexico). Delegates of 60 "
            "States took part, among them Chad and Fiji, which took part as observers.\n\n"
            "Panel A - Clearance (co-chaired by Peru and Chile)\n\n3. Nepal spoke.\n\n4. "
            "Text.\n\n5. Text.\n\n6. Text.\n\n7. Text.",
            ("TCD", "observer"),
            ("FJI", "observer"),
        ),
        trap(
            "2. The sessions were chaired by Ambassador Rosa Diaz (Mexico). Delegates of 60 "
            "States took part, among them Chad and Fiji, which took part as observers.\n\n"
            "Panel B - Survivors (chaired by Peru and Chile)\n\n3. Nepal spoke.\n\n4. "
            "Text.\n\n5. Text.\n\n6. Text.\n\n7. Text.",
            ("MEX", "observer"),
            ("PER", "observer"),
            ("CHL", "observer"),
        ),
        example(
            "6. Also present as observers: the UNDP, the Geneva International Centre for "
            "Humanitarian Demining and the HALO Trust.\n\n7. Text.\n\n8. Text.\n\n9. Text."
            "\n\n10. Text.",
            ("UNDP", "observer"),
            ("GICHD", "observer"),
            ("HALO", "observer"),
        ),
        trap(
            "6. Mexico recalled that States not party, such as Oman, may be present as "
            "observers at future meetings.\n\n7. Text.\n\n8. Text.\n\n9. Text.\n\n10. Text.",
            ("MEX", "observer"),
            ("OMN", "observer"),
        ),
        example(
            "9. Kenya and Ghana participated in the work of the Meeting. Oman and Qatar took "
            "part in it as observers.\n\n10. Text.\n\n11. Text.\n\n12. Text.\n\n13. Text.",
            ("KEN", "present"),
            ("GHA", "present"),
            ("OMN", "observer"),
            ("QAT", "observer"),
        ),
    ),
)
def report_participation(view: View, known: Known) -> Iterator[Fact]:
    units = view.paragraphs or view.sentences
    for unit in units:
        end = _before_heading(view, unit)
        text = view.text[unit.start : end]
        first = PARTICIPATION.search(text)
        if not first or NOT_PRESENT.search(text):
            continue
        # The participants are named from the sentence of the first cue on, each with the
        # status of the last cue sentence up to its own ("X participated. Y took part as
        # observers."); what the paragraph said before (who chaired) is not a participation.
        status = Status.PRESENT
        start = view.sentence_at(unit.start + first.start()).start
        for actor in view.actors(max(unit.start, start), end):
            sentence = view.sentence_at(actor.start)
            said = view.text[sentence.start : sentence.end]
            if PARTICIPATION.search(said):
                status = Status.OBSERVER if OBSERVER.search(said) else Status.PRESENT
            yield _fact(view, actor, status)


def _before_heading(view: View, unit: Segment) -> int:
    """Where a numbered paragraph ends before a heading set off by a blank line after its last
    sentence ("Session 2 - Victim Assistance"); not in a list after a colon (table rows)."""
    for heading in view.in_("headings", unit.start + 1, unit.end):
        before = view.text[unit.start : heading.start_char]
        after_blank = re.search(r"[.!?][ \t]*\n[ \t]*\n[ \t]*$", before)
        if heading.label_ != "numbered" and after_blank:
            return heading.start_char
    return unit.end


# --- prose in any genre -----------------------------------------------------------------------

# Cues whose participants follow them ("was attended by X", "brought together X").
OBJECT_FIRST = re.compile(
    r"(?i)\b(?:attended\s+by|brought\s+together|brings\s+together|bringing\s+together|"
    r"present\s+were|participating(?:\s+were)?|participants\s+(?:included|were)|speakers|"
    r"presentations\s+(?:by|from)|participation\s+of|among\s+the\s+participants|gathered|"
    r"(?:co-)?chaired\s+by|opened\s+by|moderated\s+by|presided\s+over\s+by|accompanied\s+by|"
    r"(?:talks|consultations)\s+with|heard\s+(?:presentations\s+)?(?:from|by)|attending\s+included|"
    r"(?:handed|handed\s+over|passed)\s+the\s+gavel\s+to)\b"
)
# An actor right after these words is a place, not a participant ("in Lima, Peru").
PLACE_BEFORE = re.compile(
    r"(?i)(?:\b(?:in|at|to|from\s+all\s+over)\s+(?:the\s+)?|"
    r"\b(?:in|at)\s+(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+\s*,\s*)$"
)
# "Mr. X, a survivor advocate from Lebanon": where a person comes from, not a delegation.
ORIGIN_BEFORE = re.compile(
    r"(?i),\s+an?\s+(?!(?:[\w-]+\s+){0,3}?(?:representative|delegat|official|diplomat|minist"
    r"|ambassador))(?:[\w-]+\s+){1,4}from\s+(?:the\s+)?$"
)
ACCESSION_AFTER = re.compile(r"(?i)^\s*(?:the\s+)?(?:Convention|CCM|treaty|ban)\b")
ALONGSIDE = re.compile(r"(?i)\b(?:alongside|along\s+with|together\s+with|as\s+well\s+as|with)\b")


@rule(
    "attendance.prose",
    1,
    AttendanceFact,
    "A sentence that says who took part: the actors before a participation cue ('Chile and "
    "Peru took part', 'X were present at the workshop', 'X are in the room', 'X sent a "
    "delegation') or after one ('was attended by X and Y', 'brought together X', 'also "
    "participating were X', 'handed the gavel to X'); "
    "a State's people named by its adjective ('Kenyan experts') stand for the State; "
    "'as observers' makes them observers. Not in a record that lists its attendance.",
    examples=(
        example(
            "Delegates from two signatory States (Bhutan and Nepal) and three States Parties "
            "(Fiji, Samoa and Tonga) took part in the seminar.",
            ("BTN", "present"),
            ("NPL", "present"),
            ("FJI", "present"),
            ("WSM", "present"),
            ("TON", "present"),
        ),
        example(
            "The workshop, held in Lima, Peru, was attended by representatives of Chile and "
            "Ecuador, along with the ICRC.",
            ("CHL", "present"),
            ("ECU", "present"),
            ("ICRC", "present"),
        ),
        example("Kenya sent a delegation to the briefing.", ("KEN", "present")),
        example(
            "Officials from Benin and Togo gathered in Lomé on 3 May for the workshop.",
            ("BEN", "present"),
            ("TGO", "present"),
        ),
        example(
            "Also participating were the UNDP and the Mines Advisory Group (MAG).",
            ("UNDP", "present"),
            ("MAG", "present"),
        ),
        example(
            "Present as observers were Brazil and Egypt.", ("BRA", "observer"), ("EGY", "observer")
        ),
        example(
            "Uganda and Zambia, which are not yet party, followed the proceedings as observers.",
            ("UGA", "observer"),
            ("ZMB", "observer"),
        ),
        example(
            "The President, accompanied by officials of Austria, held talks with Mr. Li Wei of "
            "China.",
            ("AUT", "present"),
            ("CHN", "present"),
        ),
        trap(
            "Samoa and Tonga could not attend the seminar, and Fiji was unable to travel.",
            ("WSM", "present"),
            ("TON", "present"),
            ("FJI", "present"),
        ),
        trap(
            "The seminar, organized by Norway and hosted by Thailand, took place in Bangkok, "
            "Thailand.",
            ("NOR", "present"),
        ),
        trap("The workshop was held in Accra, Ghana on 4 May 2026.", ("GHA", "present")),
        trap(
            "Coordination Committee: composition in 2027\n\nThe Committee brings together the "
            "coordinators; the CMC and the ICRC take part in its meetings as observers.",
            ("CMC", "observer"),
            ("ICRC", "observer"),
        ),
        trap(
            "The workshop heard from Mr. Juan Gil, a mine survivor from Ecuador, and the ICRC.",
            ("ECU", "present"),
        ),
        example(
            "The panel, chaired by the ISU, heard from Ms. Ana Soto, a deminer from Colombia, "
            "and a representative from Peru.",
            ("ISU", "present"),
            ("PER", "present"),
        ),
        trap(
            "States not party, such as Chad, and the ICRC may be invited to attend as observers.",
            ("TCD", "observer"),
            ("ICRC", "observer"),
        ),
        trap(
            "Niger, which joined last month, is expected to attend the Fourteenth Meeting.",
            ("NER", "present"),
        ),
        example(
            "Chilean officials and the ISU took part in the workshop.",
            ("CHL", "present"),
            ("ISU", "present"),
        ),
        example(
            "The workshop was attended by Kenyan experts and the CMC.",
            ("KEN", "present"),
            ("CMC", "present"),
        ),
        example(
            "Experts from Mines Advisory Group and the GICHD are in the room today.",
            ("MAG", "present"),
            ("GICHD", "present"),
        ),
        example("A delegation of Chile was in the room for the whole session.", ("CHL", "present")),
        example(
            "The President of the Fifth Meeting, Ambassador Ana Paz of Peru, handed the gavel to "
            "Ambassador Luis Soto of Chile.",
            ("CHL", "present"),
        ),
        example(
            "At the closing ceremony the outgoing President handed over the gavel to Ms. Ida "
            "Berg of Sweden, her successor.",
            ("SWE", "present"),
        ),
        trap(
            "The President handed the gavel to Ambassador Rosa Diaz of Mexico at a ceremony in "
            "Vienna, Austria.",
            ("AUT", "present"),
        ),
        trap("Chile noted that survivors were in the room.", ("CHL", "present")),
        trap("Kenya said that survivors took part in the workshop.", ("KEN", "present")),
        trap(
            "The Chair of the seminar, Ambassador Rui Costa of Portugal, welcomes the plan "
            "and will attend.",
            ("PRT", "present"),
        ),
        trap(
            "Malawi and Zambia shall also take part in the regional workshop.", ("MWI", "present")
        ),
        example(
            "Mexico took part in the seminar, which will be followed by a visit.",
            ("MEX", "present"),
        ),
        trap(
            "Officials took part in the workshop on the Swiss model of clearance.",
            ("CHE", "present"),
        ),
        trap(
            "The CMC took part, but Bulgarian authorities could not attend.",
            ("BGR", "present"),
        ),
        example(
            "Regional seminar, Lima, 4-5 May 2031 - summary\n\n2. Participants. The following "
            "delegations took part: Chile – Sr. Juan Rojas; Peru – Sra. Ana Ruiz. The GICHD "
            "(Sr. Luis Vega) and the UNDP\n(Sra. Eva Lind) took part as resource persons.\n\n"
            "3. Oman and Qatar were present at the next seminar.",
            ("GICHD", "present"),
            ("UNDP", "present"),
        ),
        trap(
            "Regional seminar, Lima, 4-5 May 2031 - summary\n\n2. Participants. The following "
            "delegations took part: Chile – Sr. Juan Rojas; Peru – Sra. Ana Ruiz. The GICHD "
            "(Sr. Luis Vega) and the UNDP\n(Sra. Eva Lind) took part as resource persons.\n\n"
            "3. Oman and Qatar took part in a later seminar in 2032.",
            ("OMN", "present"),
            ("QAT", "present"),
        ),
        example(
            "In Dili the ISU Director held consultations with Mr. Jose Soares, Director of the "
            "mine action authority of Timor-Leste.",
            ("TLS", "present"),
        ),
        example(
            "Mines Advisory Group (MAG) – News, 4 June 2031\n\nThe seminar was attended by "
            "officials of Chad and our own technical adviser Mr. Ali Idriss.",
            ("TCD", "present"),
            ("MAG", "present"),
        ),
        trap(
            "The ISU Director will hold consultations with officials of Timor-Leste in May.",
            ("TLS", "present"),
        ),
        trap(
            "Mali has participated in all the regional workshops since 2015, and co-chaired "
            "the working group with Niger.",
            ("NER", "present"),
        ),
        trap(
            "Mali took part in the workshop together with Niger, and later visited Chad.",
            ("TCD", "present"),
        ),
    ),
    guards=("negation", "modal"),
)
def prose(view: View, known: Known) -> Iterator[Fact]:
    meeting = recorded(known)
    # A record's own readings are its list or its participation paragraphs; a news item
    # about a Committee meeting is read as prose.
    if meeting and meeting.rule.startswith("meetings.record/"):
        return
    if is_overview(view):
        return  # "the CMC and the ICRC take part in its meetings": what is usual, not an event
    sentences = view.sentences
    block = view.attendance
    if block is not None:
        if is_record(meeting):
            return
        # A report's list run on in a paragraph, then a sentence that closes it ("The ICRC
        # (Ms. A) took part as resource persons."): that sentence is read, nothing else.
        sentences = [s for s in sentences if _closes_list(view, block, s)]
    for sentence in sentences:
        for cue in view.cues("participation", sentence.start, sentence.end):
            if ACCESSION_AFTER.match(view.text[cue.end_char : cue.end_char + 20]):
                continue  # "joined the Convention" is accession, not attendance
            for actor, status in _participants(view, known, sentence, cue):
                # The evidence quotes the cue with its participant: "attended by ... Chile".
                start, end = min(actor.start, cue.start_char), max(actor.end, cue.end_char)
                yield AttendanceFact(view.doc_id, view.span(start, end), actor.key, status)


def _closes_list(view: View, block: Segment, sentence: Segment) -> bool:
    between = view.text[block.end : sentence.start]
    return block.end <= sentence.start and not between.strip() and "\n\n" not in between


APOLOGY = re.compile(r"(?i)apolog|regret|excused")


@rule(
    "attendance.apologies",
    1,
    AttendanceFact,
    "Prose that says an actor sent its apologies or regrets ('Mozambique sent its "
    "apologies', 'apologies were received from X'): excused, not absent. Not in a document "
    "that lists its attendance.",
    examples=(
        example(
            "Minutes of the Coordination Committee meeting held on 3 May 2027\n\nGhana and "
            "Peru sent their apologies.",
            ("GHA", "apologies"),
            ("PER", "apologies"),
        ),
        example(
            "Minutes of the Coordination Committee meeting held on 3 May 2027\n\nApologies "
            "were received from Norway; the ICRC was excused.",
            ("NOR", "apologies"),
            ("ICRC", "apologies"),
        ),
        trap(
            "Minutes of the Coordination Committee meeting held on 3 May 2027\n\nThe Chair "
            "regretted that Chile, which chaired the working group, had to leave.",
            ("CHL", "apologies"),
        ),
    ),
)
def apologies(view: View, known: Known) -> Iterator[Fact]:
    if view.group("blocks") or recorded(known) is None:
        return
    for sentence in view.sentences:
        for cue in view.cues("absence", sentence.start, sentence.end):
            if not APOLOGY.search(cue.text):
                continue
            if cue.text.lower().startswith("apolog"):
                start, end = cue.end_char, _object_end(view, cue.end_char, sentence.end)
            else:
                start, end = _subject_start(view, sentence, cue.start_char), cue.start_char
                clause = clause_of(view, cue.start_char, cue.end_char)
                start = max(start, clause.start)
            for actor in view.actors(start, end):
                span = view.span(min(actor.start, cue.start_char), max(actor.end, cue.end_char))
                yield AttendanceFact(view.doc_id, span, actor.key, Status.APOLOGIES)


@rule(
    "attendance.statement",
    1,
    AttendanceFact,
    "A statement delivered at a meeting ('Statement by X on behalf of Y', 'Statement of "
    "the ICRC', 'EU Statement'): the delegation it speaks for took part.",
    examples=(
        example(
            "Sixteenth Meeting of States Parties\nGeneva, 2-4 September 2029\n\nStatement by "
            "Mr. Omar Said, Deputy Permanent Representative, on behalf of the Kingdom of "
            "Morocco\n\nMr. President,",
            ("MAR", "present"),
        ),
        example(
            "Intersessional meetings, Geneva, 3-4 June 2027\n\nNorway Statement\nSession on "
            "clearance\n\nThank you, Madam Chair.",
            ("NOR", "present"),
        ),
        example(
            "Handicap International\nStatement to the Tenth Meeting of States Parties\nGeneva, "
            "2 September 2022\n\nMr. President,",
            ("HI", "present"),
        ),
        example(
            "Ninth Meeting of States Parties\nGeneva, 1 September 2021\n\nJoint statement\non "
            "behalf of Chile, Peru and Mexico\ndelivered by Ms. Ana Paz, Permanent Mission of "
            "Peru\n\nMr. President,",
            ("CHL", "present"),
            ("PER", "present"),
            ("MEX", "present"),
        ),
        example(
            "Intersessional meetings, Geneva, 3 June 2027\n\nStatement by Mr. Lars Berg on "
            "behalf of Norway, Sweden, and Finland\n\nThank you, Madam Chair.",
            ("NOR", "present"),
            ("SWE", "present"),
            ("FIN", "present"),
        ),
        trap(
            "Intersessional meetings, Geneva, 3 June 2027\n\nStatement by Ms. Ana Paz on "
            "behalf of Peru\nthanking Chile and Mexico for their support\n\nMr. Chair,",
            ("CHL", "present"),
            ("MEX", "present"),
        ),
        trap(
            "News | 3 June 2027\n\nThe intersessional meetings of the Convention opened "
            "today.\n\nA statement by Chile was welcomed by Peru.",
            ("CHL", "present"),
            ("PER", "present"),
        ),
    ),
)
def statement(view: View, known: Known) -> Iterator[Fact]:
    heading = statements.heading(view) if recorded(known) is not None else None
    if heading is None:
        return
    for actor in heading.speaking_for:
        span = view.span(heading.start, max(heading.first_line_end, actor.end))
        yield AttendanceFact(view.doc_id, span, actor.key, Status.PRESENT)


# A cue followed by a copula names its participants after it: "present as observers were X".
INTRANSITIVE_AFTER = re.compile(r"(?i)^\s+(?:in|at|on|for|from|together|online|virtually)\b")
COPULA_AFTER = re.compile(r"(?i)^\s+(?:were|are|was|is|included|include|includes)\b")


def _participants(
    view: View, known: Known, sentence: Segment, cue
) -> Iterator[tuple[Mention, Status]]:
    after = view.text[cue.end_char : cue.end_char + 12]
    subject = view.actors(sentence.start, cue.start_char)
    # "X gathered in Accra", not "the meeting gathered X"
    intransitive = cue.text.lower() == "gathered" and INTRANSITIVE_AFTER.match(after)
    object_first = OBJECT_FIRST.search(cue.text) and not intransitive
    if object_first or (COPULA_AFTER.match(after) and not subject):
        start, end = cue.end_char, _object_end(view, cue.end_char, sentence.end)
    else:
        start, end = _subject_start(view, sentence, cue.start_char), cue.start_char
        # "with X" in the cue's own clause, not in the next predicate ("..., and served as
        # co-coordinator with X").
        clause_end = clause_of(view, cue.start_char, cue.end_char).end
        alongside = ALONGSIDE.search(view.text, cue.end_char, min(sentence.end, clause_end))
        if alongside is not None:
            end_of = _object_end(view, alongside.end(), min(sentence.end, clause_end))
            yield from _region(view, known, sentence, alongside.end(), end_of)
    yield from _region(view, known, sentence, start, end)


def _region(
    view: View, known: Known, sentence: Segment, start: int, end: int
) -> Iterator[tuple[Mention, Status]]:
    clause = clause_of(view, start, end)
    observer = view.has_cue("observer", clause.start, clause.end) or view.has_cue(
        "observer", sentence.start, sentence.end
    )
    status = Status.OBSERVER if observer else Status.PRESENT
    for actor in [
        *view.actors(start, end),
        *_presidents(view, known, start, end),
        *_staff_by_adjective(view, start, end),
        *_publisher_staff(view, start, end),
    ]:
        if PLACE_BEFORE.search(view.text[max(sentence.start, actor.start - 40) : actor.start]):
            continue
        if ORIGIN_BEFORE.search(view.text[max(sentence.start, actor.start - 60) : actor.start]):
            continue
        if _organizer(view, clause, actor):
            continue
        yield actor, status


# People of a State named by its adjective: "Bulgarian officials", "the Chilean delegation".
STAFF_AFTER = re.compile(
    r"\s+(?:government\s+|national\s+)?(?:officials|delegations?|delegates|representatives|"
    r"experts|authorities)\b"
)


def _staff_by_adjective(view: View, start: int, end: int) -> list[Mention]:
    """The States whose people an adjective names in text[start:end] ("Bulgarian officials"
    are the officials of Bulgaria), as mentions of the States."""
    return [
        Mention("state", d.kb_id_, d.start_char, d.end_char, view.text[d.start_char : d.end_char])
        for d in view.in_("demonyms", start, end)
        if STAFF_AFTER.match(view.text, d.end_char)
    ]


def _publisher_staff(view: View, start: int, end: int) -> list[Mention]:
    """ "our own campaigner Ms. A" in a news item of an organization: its people stand for
    the publisher named on the first line."""
    actor = delegates.publisher(view)
    if actor is None:
        return []
    return [
        Mention(actor.kind, actor.key, match.start(), match.end(), match.group())
        for match in OUR_STAFF.finditer(view.text, start, end)
    ]


OUR_STAFF = re.compile(delegates.OUR_STAFF + r"(?=,?\s+[A-Z])")


def _subject_start(view: View, sentence: Segment, cue_start: int) -> int:
    """Where the subject of a participation verb begins: after the last relative pronoun,
    colon or clause opener ("when", "that") before it, else the sentence start."""
    head = view.text[sentence.start : cue_start]
    relative = list(re.finditer(r"(?i)\b(?:who|which|that)\s+(?:\w+\s+){0,2}$", head))
    # "Chile noted that experts took part": who speaks is not who took part.
    reported = relative and view.cues(
        "speech", sentence.start + relative[-1].start() - 20, sentence.start + relative[-1].start()
    )
    if relative and not reported:
        # "the Iraqi delegation who participated": the subject stands before the pronoun.
        before = head[: relative[-1].start()]
        opener = max(before.rfind(","), before.rfind(" the "), 0)
        return sentence.start + opener
    openers = list(
        re.finditer(r":\s|\bwhen\b|\bwhile\b|\bbecause\b|\bafter\b|\bbefore\b|\bthat\s", head)
    )
    return sentence.start + (openers[-1].end() if openers else 0)


# A full stop ends the object, not the one of an honorific ("talks with Mr. Nguyen").
OBJECT_END = re.compile(
    r";|(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bH\.E)\.\s|\bwho\b|\bwhich\b"
    r"|\bto\s+(?:discuss|review|present)\b"
)


def _object_end(view: View, start: int, limit: int) -> int:
    match = OBJECT_END.search(view.text, start, limit)
    return match.start() if match else limit


def _organizer(view: View, clause: Segment, actor: Mention) -> bool:
    """The actor organized, hosted, convened or funded, or is where it was held: the last
    organizing or venue cue before it in its clause comes after any participation cue."""
    cues = view.in_("cues", clause.start, actor.start, "organizing", "venue", "participation")
    if cues and cues[-1].label_ in ("organizing", "venue") and actor.start - cues[-1].end_char < 80:
        return True
    following = view.in_("cues", actor.end, min(clause.end, actor.end + 30), "organizing")
    return bool(following) and not view.text[actor.end : following[0].start_char].strip(" ,")


def _presidents(view: View, known: Known, start: int, end: int) -> Iterator[Mention]:
    """'the President of the 7MSP' among the participants: the State that the document
    says holds that Presidency."""
    holders: dict[int, set[str]] = {}
    for fact in known.get(PresidencyFact, []):
        if isinstance(fact, PresidencyFact):
            holders.setdefault(fact.msp, set()).add(fact.actor)
    for ordinal in view.ordinals(start, end):
        lead = view.text[max(start, ordinal.start - 30) : ordinal.start]
        states = holders.get(ordinal.number, set())
        if (
            ordinal.kind == "msp"
            and re.search(r"(?i)Presiden(?:t|cy)\s+of\s+the\s+$", lead)
            and len(states) == 1
        ):
            yield Mention(
                "state", next(iter(states)), ordinal.start, ordinal.end, ordinal_text(view, ordinal)
            )


def ordinal_text(view: View, ordinal) -> str:
    return view.text[ordinal.start : ordinal.end]


# --- minutes that list nobody -----------------------------------------------------------------


@cache
def speech_pattern() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in vocab.cues()["speech"])
    return re.compile(
        r"(?i)(?:['’]s)?(?:\s+(?:representative|delegation|delegate|Director|Ambassador|Coordinator|"
        r"Presidency|President|team|"
        # "the ICRC's Head of Arms and Conduct of Hostilities, Ms. A, welcomed ..."
        r"(?-i:[A-Z][a-z]+)(?:\s+(?:of|and|for|(?-i:[A-Z][\w-]+))){0,6}(?=\s*,)))?"
        r"(?:\s*,(?:[^,.;]|(?<=\bM[rs])\.|(?<=\bMrs)\.|(?<=\bDr)\.){0,90},)?"
        r"(?:\s+(?:speaking|reporting)\s+on\s+behalf\s+of\s+[^,.;]{0,80}?)?,?\s+"
        rf"(?:also\s+|further\s+|then\s+|had\s+)?(?:{verbs})\b"
    )


@rule(
    "attendance.speakers",
    1,
    AttendanceFact,
    "In the minutes of a meeting that list nobody, or in a news item dated after the one "
    "gathering it reports on: the actors that took the floor ('Italy informed the Committee "
    "...', 'The ISU Director reported ...', \"the ICRC's Head of X, Ms. A, welcomed ...\", "
    "'Chad explained ...'). Not in a statement: what "
    "its speaker says others did is reported, not said in the room.",
    examples=(
        example(
            "Minutes of the Coordination Committee meeting held on Monday, 6 March 2023\n\n"
            "Opening\n\nItaly informed the Committee that it had completed its report. The ISU "
            "Director presented the budget.",
            ("ITA", "present"),
            ("ISU", "present"),
        ),
        example(
            "Minutes of the Coordination Committee meeting held on Monday, 6 March 2023\n\n"
            "Costa Rica, speaking on behalf of the coordinators, reported on the workshop.",
            ("CRI", "present"),
        ),
        trap(
            "Minutes of the Coordination Committee meeting held on Monday, 6 March 2023\n\n"
            "1. Present:\nChile\n\n2. Opening\n\nThe Committee thanked Italy, which had sent "
            "regrets.",
            ("ITA", "present"),
        ),
        example(
            "GENEVA, 4 June 2027 – The intersessional meetings closed today. They had started "
            "on 2 June.\n\nChad explained the state of its clearance work, and the ICRC "
            "presented a new guide.",
            ("TCD", "present"),
            ("ICRC", "present"),
        ),
        trap(
            "Published 1 May 2027\n\nThe intersessional meetings will take place in Geneva "
            "on 2 and 3 June 2027. Chad announced that it will present its clearance plan.",
            ("TCD", "present"),
        ),
        example(
            "GENEVA, 4 June 2027 – The intersessional meetings closed today. They had started "
            "on 2 June.\n\nThe GICHD's Head of Training and Outreach, Dr. Jan Novak, presented "
            "a new guide.",
            ("GICHD", "present"),
        ),
        example(
            "Minutes of the Coordination Committee meeting held on Monday, 6 March 2023\n\n"
            "Peru's Minister of Defence, Mr. Luis Soto, reported on the stockpile.",
            ("PER", "present"),
        ),
        trap(
            "Published 1 May 2027\n\nThe intersessional meetings will take place in Geneva on "
            "2 and 3 June 2027. The ICRC's Head of Delegation, Ms. Ana Paz, said that it will "
            "attend.",
            ("ICRC", "present"),
        ),
        trap(
            "GENEVA, 4 June 2027 – The intersessional meetings closed today. They had started "
            "on 2 June.\n\nChad explained its survey, and Tonga announced that it would take "
            "part in the next workshop. Fiji said it plans to attend the Fifteenth Meeting.",
            ("TON", "present"),
            ("FJI", "present"),
        ),
        example(
            "GENEVA, 4 June 2027 – The intersessional meetings closed today. They had started "
            "on 2 June.\n\nTonga announced that it would host a workshop, and Fiji said the "
            "survey was useful.",
            ("TON", "present"),
            ("FJI", "present"),
        ),
        trap(
            "Statement of Norway\nIntersessional meetings, Geneva, 3 May 2027\n\nWe welcome "
            "that Peru announced the end of its clearance work last year.",
            ("PER", "present"),
        ),
        trap(
            "Mines Advisory Group\nStatement to the 14th Meeting of States Parties\nGeneva, 3 "
            "September 2026\n\nThank "
            "you, Mr. President. Chile reported the destruction of its stocks, and we applaud it.",
            ("CHL", "present"),
        ),
    ),
)
def speakers(view: View, known: Known) -> Iterator[Fact]:
    meeting = recorded(known)
    if view.group("entries") or _participation_paragraphs(view):
        return
    if statements.heading(view) is not None:
        return  # a statement's speaker is its heading's; whom it quotes spoke elsewhere
    if not is_record(meeting) and not _reported_after(view, meeting):
        return
    pattern = speech_pattern()
    for actor in view.actors(0, len(view.text)):
        speech = pattern.match(view.text, actor.end, min(len(view.text), actor.end + 140))
        if not speech or NOT_PRESENT.search(view.text[actor.end : speech.end() + 30]):
            continue
        if not is_record(meeting) and _promises_attendance(view, speech.end()):
            continue  # "X said it will attend the next Meeting": where it said so is unknown
        yield _fact(view, actor, Status.PRESENT, speech.end())


# "said it will attend", "announced that they intend to take part": what is said is a plan.
PROMISE = re.compile(
    r"(?i)^\s*(?:that\s+)?(?:it|they|its\s+\w+|the\s+\w+)\s+(?:will|would|intends?\s+to|"
    r"plans?\s+to|hopes?\s+to|expects?\s+to)\s+(?:\w+\s+)?\w+(?:\s+\w+)?$"
)


def _promises_attendance(view: View, end: int) -> bool:
    """What follows a speech verb at `end` is that the speaker will take part somewhere."""
    cues = view.cues("participation", end, min(len(view.text), end + 60))
    return bool(cues) and bool(PROMISE.match(view.text[end : cues[0].end_char]))


def _reported_after(view: View, meeting: MeetingFact | None) -> bool:
    """A news item or press release dated on or after the one gathering it reports on: what
    the actors said there, they said in the room."""
    dated = dateline(view)
    if meeting is None or meeting.date is None or dated is None or dated.iso() is None:
        return False
    return meeting.date <= str(dated.iso())


def _participation_paragraphs(view: View) -> bool:
    return any(PARTICIPATION.search(view.text[u.start : u.end]) for u in view.paragraphs)


@rule(
    "attendance.chair",
    1,
    AttendanceFact,
    "Minutes of a Coordination Committee meeting without a list: the sitting Presidency "
    "chaired the meeting, so it took part; a news item after a Meeting of States Parties: its "
    "President took part.",
    examples=(
        example(
            "The second Coordination Committee meeting under the Chilean Presidency was opened "
            "by the President of the Eleventh Meeting of States Parties (11MSP), Ambassador Ana "
            "Cruz of Chile.",
            ("CHL", "present"),
        ),
        example(
            "Minutes of the Coordination Committee meeting held on 9 May 2023\n\nThe President "
            "of the 11MSP, Ambassador Ana Cruz of Chile, opened the meeting.",
            ("CHL", "present"),
        ),
        trap(
            "Minutes of the Coordination Committee meeting held on 9 May 2023\n\n1. Present:\n"
            "Peru\n\n2. Opening\n\nThe President of the 11MSP, Ambassador Ana Cruz of Chile, "
            "sent regrets.",
            ("CHL", "present"),
        ),
        example(
            "Geneva, 6 September 2024 – press release\n\nThe Twelfth Meeting of States Parties, "
            "presided over by Chile, closed today in Geneva.",
            ("CHL", "present"),
        ),
        trap(
            "Published 1 August 2024\n\nThe Twelfth Meeting of States Parties will take place "
            "in Geneva from 3 to 6 September 2024 under the Presidency of Chile.",
            ("CHL", "present"),
        ),
    ),
)
def chair(view: View, known: Known) -> Iterator[Fact]:
    meeting = recorded(known)
    if view.group("entries") or meeting is None:
        return
    # A Committee meeting is chaired by the sitting Presidency; a Meeting of States Parties
    # that a news item reports on afterwards, by its own President.
    reported_msp = meeting.meeting_type is MeetingType.MSP and _reported_after(view, meeting)
    if meeting.meeting_type is not MeetingType.COORDINATION_COMMITTEE and not reported_msp:
        return
    for fact in known.get(PresidencyFact, []):
        if (
            isinstance(fact, PresidencyFact)
            and fact.msp == meeting.msp
            and fact.role is PresidencyRole.PRESIDENT
        ):
            yield AttendanceFact(view.doc_id, fact.span, fact.actor, Status.PRESENT)
