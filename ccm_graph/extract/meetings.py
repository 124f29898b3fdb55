"""The meeting a document records: its type, first day and MSP ordinal.

Two ways a document says which meeting it records:
- a record's title: minutes of a Coordination Committee meeting, the final report of a
  Meeting of States Parties or Review Conference, an intersessional meeting;
- the opening of a web page, news item or press release: a title naming one gathering
  ("Working dinner with the Iraqi delegation", "Regional seminar on ..."), or an opening
  sentence in which a gathering happens, in any tense ("The Sixteenth Meeting of States
  Parties will take place in Geneva from 1 to 4 September 2028", "States met in Kampala on
  29-30 May"). A workshop, seminar, briefing, visit or side event is type `other`.
A meeting named only as context (its President, a delegation "who participated in" it, "in
the lead up to" it) is not the one recorded; a page about several gatherings records none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span

from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Segment, View
from ccm_graph.model import (
    Fact,
    MeetingFact,
    MeetingType,
    PresidencyFact,
    PresidencyRole,
)
from ccm_graph.nlp import casefree, dates, vocab

HEAD = 1800
TITLE_LINES = 12
FLATTENED_TITLE = 400  # where a flattened text's title ends, at the latest
CC_RECORD = re.compile(
    r"(?i)(?:minutes|meeting)\s+of\s+(?:(?:a|the)\s+)?(?:meeting\s+of\s+the\s+)?(?:CCM\s+)?"
    r"Coordination\s+Committee|Coordination\s+Committee\s+(?:meeting|minutes)"
    r"|\bMeeting\s+of\s+the\s+(?:CCM\s+)?Coordination\s+Committee"
)
# "Act of the third session", "Procès-verbal of the 2nd reunion": minutes in other words.
RECORD_WORD = re.compile(
    r"(?i)\b(?:minutes|record|summary|meeting|notes|act\s+of\s+the|session|reunion|"
    r"proc[eè]s[- ]verbal)\b"
)
REPORT_TITLE = re.compile(
    r"(?i)\b(?:final\s+report|report\s+of\s+the\s+\w+\s+meeting|procedural\s+report|"
    r"final\s+document)\b"
)
# Tables and overviews that span meetings record none of them.
OVERVIEW = re.compile(
    r"(?i)\bcomposition\b|\bmembers\s+of\s+the\s+Coordination|\blist\s+of\s+coordinators"
    r"|\bactivities\s+of\s+the\s+coordinators"
    r"|\bnewsletter\b|\bin\s+this\s+issue\b|\bbulletin\b|\bdigest\b"
    r"|\b(?:list\s+of|past|former)\s+(?:presidents|coordinators|meetings)\b|:\s*Presidents\s*$"
)
# A news item is no record, whatever gathering it reports on.
NOT_A_RECORD = re.compile(OVERVIEW.pattern + r"|\bnews\b")
HELD_ON = re.compile(r"(?i)\b(?:held|convened|took\s+place|meeting)\s+(?:on|of)\s+|\bdate\s*:\s*")
TYPES = {
    "msp": MeetingType.MSP,
    "review-conference": MeetingType.REVIEW_CONFERENCE,
    "intersessional": MeetingType.INTERSESSIONAL,
    "coordination-committee": MeetingType.COORDINATION_COMMITTEE,
}


@dataclass(frozen=True)
class Gathering:
    """A mention of an event: a meeting of the Convention or a gathering noun."""

    start: int
    end: int
    kind: MeetingType
    ordinal: int | None = None
    plural: bool = False


# --- what a document opens with ---------------------------------------------------------------


def header_lines(view: View) -> list[Segment]:
    """The lines a document opens with before its body: title, dateline, captions. The
    header ends at the first line of prose, or at a line whose sentence runs on into the
    next line (a wrapped paragraph)."""
    return view.memo("header_lines", lambda: _header_lines(view))


def _header_lines(view: View) -> list[Segment]:
    found: list[Segment] = []
    lines = view.group("lines")
    for position, line in enumerate(lines[:TITLE_LINES]):
        text = view.text[line.start_char : line.end_char].strip()
        following = lines[position + 1] if position + 1 < len(lines) else None
        if _is_prose(text) or (following is not None and _runs_on(view, line, following)):
            break
        found.append(Segment(line.start_char, line.end_char, text))
    return found


SENTENCE_END = re.compile(r"[a-z]{2,}[.!?][\"”’)]?\s")
# A line cut after a comma or a little word ("... will convene in Geneva, from").
WRAPPED_END = re.compile(r"(?:,|\b(?:from|to|of|the|and|in|on|at|by|for|with|a|an))$")


def _runs_on(view: View, line, following) -> bool:
    """A line whose sentence goes on into the next one ("... until the Second Review" /
    "Conference. The Coordinators ..."): it belongs to a paragraph, not to a header."""
    text = view.text[line.start_char : line.end_char].strip()
    if not text or text[-1] in '.:;!?)”"' or len(text.split()) <= 6:
        return False
    if view.text.count("\n", line.end_char, following.start_char) > 1:
        return False  # a blank line: the next line opens a paragraph of its own
    head = " ".join(view.text[following.start_char : following.end_char].split()[:8])
    lowercase = sum(word.islower() for word in text.split())
    # A sentence-case line of some length going on in lower case or after a comma, or a
    # sentence ending early in the next line ("... the Second Review" / "Conference. The ...").
    words = len(text.split())
    if words >= 8 and lowercase >= 3 and (head[:1].islower() or WRAPPED_END.search(text)):
        return True
    if words >= 12 and _little_words(text) >= 4:
        following_text = view.text[following.start_char : following.end_char]
        if len(following_text.split()) >= 8 and _little_words(following_text) >= 4:
            return True  # two lines of running prose
    return bool(SENTENCE_END.search(head + " "))


def _little_words(text: str) -> int:
    return sum(word.isalpha() and word.islower() for word in text.split())


def is_overview(view: View) -> bool:
    """The title says the page is about the Committee or its coordinators over time (its
    composition, its members, their activities) or is a newsletter: no gathering of its own."""
    return bool(OVERVIEW.search(" ".join(line.text for line in title_lines(view))))


def title_lines(view: View) -> list[Segment]:
    """The header lines that can be a title: short, or opening with a gathering's name
    ("Regional Conference on ... | 16 - 17 November 2009 ...")."""
    return view.memo("title_lines", lambda: _title_lines(view))


def _title_lines(view: View) -> list[Segment]:
    found = []
    for line in header_lines(view):
        if len(line.text.split()) <= TITLE_LINE_WORDS:
            found.append(line)
            continue
        first = gatherings(view, line.start, line.end)[:1]
        if first and len(view.text[line.start : first[0].start].split()) <= 3:
            found.append(line)
    return found


TITLE_WORDS = 14
TITLE_LINE_WORDS = 20


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= TITLE_WORDS and line.rstrip("*_ ").endswith((".", ":", ";", "”", '"'))


def body_sentences(view: View, count: int = 3) -> list[Segment]:
    """The first sentences of the body, after the header lines."""
    header = header_lines(view)
    start = header[-1].end if header else 0
    found = []
    for sentence in view.sentences:
        if sentence.end <= start:
            continue
        if sentence.start < start:  # a sentence run on from the header's last line
            sentence = Segment(start, sentence.end, view.text[start : sentence.end])
        if len(sentence.text.split()) < 6:
            continue
        found.append(sentence)
        if len(found) == count:
            break
    return found


def dateline(view: View) -> dates.DateMention | None:
    """The date a page or news item is dated: the first full date of its header, a
    spelled-out one before a numeric one (whose day and month may be either way round)."""
    return view.memo("dateline", lambda: _dateline(view))


def _dateline(view: View) -> dates.DateMention | None:
    header = header_lines(view)
    end = header[-1].end if header else 0
    found = [d for d in view.dates_in(0, end) if d.year is not None]
    spelled = [d for d in found if not re.fullmatch(r"[\d./-]+", view.text[d.start : d.end])]
    if spelled or found:
        return (spelled or found)[0]
    # "20 October 2027 — On 14 October, ...": the body opens with its dateline.
    opening = re.compile(r"\s*(?P<date>[^—–\n]{6,30}?)\s+[—–-]\s").match(view.text, end)
    if opening is not None:
        inside = view.dates_in(opening.start("date"), opening.end("date"))
        if inside and inside[0].year is not None:
            return inside[0]
    return None


# --- records: minutes and reports -------------------------------------------------------------


def record_type(view: View) -> MeetingType | None:
    """What a record's title says it records, or None for a page that is no record."""
    opening_lines = [view.text[s.start_char : s.end_char] for s in view.group("lines")[:3]]
    if view.flattened:  # the title is what the one long line opens with
        opening_lines = [view.text[:FLATTENED_TITLE]]
    headers = [line.text for line in header_lines(view)]
    title = " ".join([*headers, *opening_lines])
    head = view.text[:HEAD]
    if NOT_A_RECORD.search(title):
        return None
    # The Committee named in a header line with a record word, not in a page's prose
    # ("the President ... chairs the Coordination Committee").
    header_text = " ".join(headers) if headers else title
    if CC_RECORD.search(title) or (
        re.search(r"(?i)\bCoordination\s+Committee\b|\bCorCom\b", header_text)
        and RECORD_WORD.search(header_text)
    ):
        return MeetingType.COORDINATION_COMMITTEE
    ordinals = [o for o in view.ordinals(0, HEAD) if _on_title_line(view, o.start, o.end)]
    if ordinals and (REPORT_TITLE.search(title) or REPORT_TITLE.search(_headings_text(view, HEAD))):
        return TYPES[ordinals[0].kind]
    if any(INTERSESSIONAL_RECORD.search(line) for line in [*headers, head[:400]]):
        return MeetingType.INTERSESSIONAL
    return None


# "Summary of the intersessional meetings", "Intersessional meetings 2031 – report", not
# "Status of reports ... prepared for the intersessional meetings of May".
INTERSESSIONAL_RECORD = re.compile(
    r"(?i)\b(?:minutes|summary|report|record)\s+(?:of|on)\s+(?:the\s+)?(?:\d{4}\s+)?"
    r"intersessional\s+meeting"
    r"|^[^\n]{0,40}\bintersessional\s+meetings?\b[^\n]{0,30}[-–—:|]\s*(?:minutes|summary|report)\b"
)


def _headings_text(view: View, end: int) -> str:
    return " ".join(h.text for h in view.headings if h.start < end)


def _on_title_line(view: View, start: int, end: int) -> bool:
    """The mention stands on a heading line of its own ("## Seventh Meeting of States Parties"),
    or opens a text whose line breaks were lost."""
    if view.flattened:
        return start < FLATTENED_TITLE
    line_start = view.text.rfind("\n", 0, start) + 1
    line_end = view.text.find("\n", end)
    raw = view.text[line_start : line_end if line_end != -1 else None]
    line = re.sub(r"[#*_\s]+", " ", raw).strip()
    lead = re.sub(r"[#*_\s]+", " ", view.text[line_start:start]).split()
    if REPORT_TITLE.search(" ".join(lead)):  # "Final Report of the Eighteenth Meeting (...)"
        return len(line.split()) <= TITLE_LINE_WORDS and not line.endswith((".", ",", ";"))
    if _wraps_previous_line(view, line_start):
        return False  # "... for the period until the close of the" / "15MSP:"
    # "Third Review Conference of the Convention on Cluster Munitions": the name in full.
    line = CONVENTION_NAME.sub("", line)
    return len(line.split()) <= 8 and len(lead) <= 3 and not line.endswith((".", ",", ";"))


CONVENTION_NAME = re.compile(r"(?i)\s+(?:of|to)\s+the\s+Convention\s+on\s+Cluster\s+Munitions$")


def _wraps_previous_line(view: View, line_start: int) -> bool:
    """The line goes on with a sentence the line before broke off after a little word."""
    previous = view.text[: max(0, line_start - 1)].rsplit("\n", 1)[-1].strip()
    return bool(previous) and bool(WRAPPED_END.search(previous))


@rule(
    "meetings.record",
    1,
    MeetingFact,
    "A record that says in its title which meeting it records: minutes of a Coordination "
    "Committee meeting (dated by the day they were held, the MSP by the Presidency that "
    "convened it), the final report of an MSP or a Review Conference (its ordinal and "
    "first day), the report of an intersessional meeting.",
    examples=(
        example(
            "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nheld on Tuesday, 14 March "
            "2023\n\n1. Present:\nChile - 11MSP President\nPeru\n",
            ("coordination-committee", "2023-03-14", 11),
        ),
        example(
            "## Tenth Meeting of States Parties\n\nGeneva, 30 August–2 September 2022\n\n"
            "## Final report\n\n1. The Meeting opened.\n",
            ("msp", "2022-08-30", 10),
        ),
        trap(
            "Composition of the Coordination Committee 2023\n\nVictim assistance  Chile\n",
            ("coordination-committee", None, None),
        ),
        example(
            "Coordination Cornmittee\nMinutes of the meeting held on 3 May 2029\n\nPresent:\n"
            "Peru - 17MSP Presidency\nGhana\n",
            ("coordination-committee", "2029-05-03", 17),
        ),
        example(
            "12MSP PRESIDENCY\nMinutes of the Coordination Comrnittee meeting of 8 June 2024\n"
            "Attendees\nGhana\n",
            ("coordination-committee", "2024-06-08", 12),
        ),
        trap(
            "Minutes of the Cornmission on roads\nheld on 8 June 2024\n\nPresent:\nGhana\n",
            ("coordination-committee", "2024-06-08", None),
        ),
        example(
            "ACT OF THE SECOND SESSION OF THE COORDINATION COMMITTEE\nPlace: Geneva, 14/05/2031"
            " - Mission of Chile\n\nAttended the session: Chile (Presidency), Peru, Ghana.\n\n"
            "1. The agenda was adopted.\n",
            ("coordination-committee", "2031-05-14", None),
        ),
        example(
            "PROCÈS-VERBAL OF THE 4th REUNION OF THE COORDINATION COMMITTEE\nGeneva, the 3rd of "
            "June 2030\n\nWere present:\n- Chile\n- Ghana\n",
            ("coordination-committee", "2030-06-03", None),
        ),
        trap(
            "Coordination Committee minutes\nPosted on 2 May 2030\n\nThe Committee discussed "
            "the budget and the plan.\n",
            ("coordination-committee", "2030-05-02", None),
        ),
        example(
            "Second Review Conference of the Convention on Cluster Munitions\nLausanne, "
            "9-13 October 2029\n\nFinal Document\n\n7. The Conference named Friends of the "
            "President to serve until the\n13MSP:\n    (a) Chile; (b) Ghana.\n",
            ("review-conference", "2029-10-09", None),
        ),
        trap(
            "Fourth Review Conference — Bangkok, Thailand — 2 to 6 June 2036 — Final report"
            "\n\n9. The Conference asked the Unit to report on its plans ahead of the\n21MSP\n",
            ("msp", "2036-06-02", 21),
        ),
    ),
)
def record(view: View, known: Known) -> Iterator[Fact]:
    kind = record_type(view)
    if kind is None:
        return
    yield from _meeting(view, known, kind, _own_ordinal(view, kind))


def _own_ordinal(view: View, kind: MeetingType) -> int | None:
    """The number of the MSP or Review Conference the document reports on."""
    if kind not in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE):
        return None
    found = [o for o in view.ordinals(0, HEAD) if o.kind == kind.value]
    titles = [o for o in found if _on_title_line(view, o.start, o.end)]
    return (titles or found)[0].number if found else None


def _meeting(view: View, known: Known, kind: MeetingType, ordinal: int | None) -> Iterator[Fact]:
    years = view.years
    msp = ordinal if kind is MeetingType.MSP else convener(view, known, kind)
    date, span = record_date(view, kind, years)
    if date is None and msp:
        # No year written near the date: the Presidency in office bounds it.
        term = Counter(vocab.presidency_years("msp", msp))
        date, span = record_date(view, kind, term, widen=False)
    evidence = span or _first_line(view)
    yield MeetingFact(view.doc_id, view.span(*evidence), kind, date, msp, ordinal)


def _first_line(view: View) -> tuple[int, int]:
    lines = view.group("lines")
    return (lines[0].start_char, lines[0].end_char) if lines else (0, len(view.text))


def record_date(view: View, kind: MeetingType, years: Counter[int], widen: bool = True):
    """The first day of the recorded meeting, as ISO, and where it is written."""
    head = [d for d in view.dates_in(0, HEAD) if not refers_elsewhere(view, d)]
    resolved = list(dates.resolved(head, years, widen))
    spans = [(m, iso) for m, iso in resolved if m.is_range]
    held = [
        (m, iso) for m, iso in resolved if HELD_ON.search(view.text[max(0, m.start - 30) : m.start])
    ]
    weekday = [(m, iso) for m, iso in resolved if m.weekday is not None]
    committee = kind is MeetingType.COORDINATION_COMMITTEE
    # "Geneva, the 6th of February 2029" on a header line of its own: the day it was held.
    header = [line for line in header_lines(view) if _is_date_line(view, line.start, line.end)]
    on_date_line = [
        (m, iso)
        for m, iso in resolved
        if any(line.start <= m.start < line.end for line in header)
        and not PUBLISHED.search(view.text[view.text.rfind("\n", 0, m.start) + 1 : m.start])
    ]
    groups = (
        spans if not committee else [],
        held,
        weekday,
        on_date_line if committee else [],
        resolved if not committee else [],
    )
    for group in groups:
        if group:
            mention, iso = group[0]
            return iso, (mention.start, mention.end)
    return None, None


# Within one sentence, which may wrap onto the next line but not across a blank line.
APPROVAL = casefree.compile(
    r"(?i)\b(?:minutes|summary\s+record|proc\ws[- ]verbal|(?:record|act)\s+of\s+(?:the\s+)?"
    r"(?:meeting|session|reunion))\b(?:[^.\n]|\n(?![ \t]*\n)){0,120}?(?:approv|adopt)"
    r"|(?:approv|adopt)\w*\s+(?:of\s+)?(?:the\s+)?(?:draft\s+)?(?:minutes|summary\s+record)"
)
# "reunion" is the French-influenced word for a meeting.
NEXT_MEETING = casefree.compile(
    r"(?i)\bnext\s+(?:Coordination\s+Committee\s+|CC\s+)?(?:meeting|reunion|session\b(?!\s+of\b))\b"
    r"|\bnext\s+meeting\s+of\s+the\s+Coordination"
    r"|\b(?:meet|convene)\s+again\s+on\b"
)


def refers_elsewhere(view: View, date: dates.DateMention) -> bool:
    """A date of another meeting: the minutes approved, the next meeting set."""
    sentence = view.sentence_at(date.start).text
    return bool(APPROVAL.search(sentence) or NEXT_MEETING.search(sentence))


def convener(view: View, known: Known, kind: MeetingType) -> int | None:
    """For a Coordination Committee meeting: the MSP whose sitting Presidency convened it."""
    if kind is not MeetingType.COORDINATION_COMMITTEE:
        return None
    if _convened_by_review_conference(view):
        return None
    sitting = [
        p
        for p in known.get(PresidencyFact, [])
        if isinstance(p, PresidencyFact) and p.role is PresidencyRole.PRESIDENT
    ]
    in_head = {p.msp for p in sitting if p.span.start < HEAD}
    if len(in_head) == 1:
        return in_head.pop()
    if not sitting:
        return _presidency_in_title(view)
    # Past presidencies are recalled, future ones designated: the sitting one is the latest.
    return max((p.msp for p in sitting), default=None)


def _presidency_in_title(view: View) -> int | None:
    """'Committee meets under the 15MSP Presidency', 'convened by the Presidency of the
    Ninth Meeting of States Parties': the one MSP whose Presidency the title names."""
    named = set()
    for line in title_lines(view):
        for ordinal in view.ordinals(line.start, line.end):
            around = view.text[max(line.start, ordinal.start - 40) : ordinal.end + 20]
            if ordinal.kind == "msp" and re.search(r"(?i)presiden", around):
                named.add(ordinal.number)
    return named.pop() if len(named) == 1 else None


def _convened_by_review_conference(view: View) -> bool:
    """'Presidency of the First Review Conference (Croatia)' in the title: the Committee
    works under a Review Conference's Presidency, so no MSP convened it."""
    for ordinal in view.ordinals(0, 600):
        around = view.text[max(0, ordinal.start - 40) : ordinal.end + 20]
        if ordinal.kind == "review-conference" and re.search(r"(?i)presiden", around):
            return True
    return False


# --- web pages, news items, press releases ----------------------------------------------------

# Words before a meeting that make it context, not the event: "before the First Review
# Conference", "in the lead up to the 7MSP", "the President of the 9MSP".
CONTEXT_BEFORE = re.compile(
    r"(?i)\b(?:before|after|until|till|towards?|ahead\s+of|since|following|prior\s+to|"
    r"preparations?\s+for|prepared\s+for|countdown\s+to|road\s+to|lead[\s-]up\s+to|margins?\s+of|"
    r"(?:conclusion|end|beginning|start|close|opening)\s+of|outcome\s+of|decisions?\s+of|report\s+of|"
    r"(?:submitted|presented|addressed)\s+to|"
    r"Presiden(?:t|cy)(?:[\s-]*designate)?\s+of|Chair(?:man|person)?\s+of)\s+"
    r"(?:the\s+)?(?:\w+\s+)?$"
)
RELATIVE = re.compile(r"(?i)\b(?:who|which|that|whose)\b[^,;.()]{0,40}$")
# "under the Presidency of Sri Lanka (9MSP)": the meeting labels the office.
OFFICE_LABEL = re.compile(r"(?i)\bPresiden(?:t|cy)(?:[\s-]*designate)?\s+of\s+[^()]{1,40}\(\s*$")
# "from the 9MSP to the Second Review Conference": a period, not a gathering.
RANGE_START = re.compile(r"(?i)\bfrom\s+(?:the\s+)?$")
RANGE = re.compile(
    r"(?i)\bfrom\s+the\s+(?:\w+\s+){0,3}?(?:\d+MSP|Meeting|Review\s+Conference|\w+RC)\b"
    r"[^.;]{0,60}?\b(?:to|until|till)\s+the\s+"
)
OFFICE_AFTER = re.compile(r"(?i)^\)?\s*(?:\(\w+\)\s*)?(?:Presiden(?:t|cy)|delegation|Coordinator)")


# "the 2029 and 2030 intersessional meetings": more than one year's meetings.
SEVERAL_YEARS = re.compile(r"\b(?:19|20)\d\d\s*(?:,|and|&)\s*(?:(?:19|20)\d\d\s*)$")


def _plural(view: View, span: Span) -> bool:
    """A plural meeting name is several meetings, except the intersessional meetings: the
    Convention's name for the one gathering held over a few days between two Meetings."""
    if not (
        re.match(r"(?i)\S*\s*(?:meetings|conferences)\b", span.text)
        or span.text.lower().endswith("meetings")
    ):
        return False
    if span.label_ != "intersessional":
        return True
    return bool(SEVERAL_YEARS.search(view.text[max(0, span.start_char - 30) : span.start_char]))


def _names_an_actor_next(view: View, position: int) -> bool:
    following = view.in_("actors", position, position + 80)[:1]
    return bool(following) and not view.text[position : following[0].start_char].strip()


def gatherings(view: View, start: int, end: int) -> list[Gathering]:
    """Meetings of the Convention and gathering nouns in text[start:end], in text order; a
    gathering noun inside a meeting's name is the meeting."""
    found: list[Gathering] = []
    for span in view.in_("meetings", start, end):
        if span.label_ == "coordination-committee" and not _committee_meets(view, span):
            continue  # the Committee itself, not one of its meetings
        ordinal = int(span.kb_id_) if span.kb_id_ else None
        kind = TYPES.get(span.label_, MeetingType.OTHER)
        plural = _plural(view, span)
        found.append(Gathering(span.start_char, span.end_char, kind, ordinal, plural))
    places = view.cues("place", start, end)
    for label, plural in (("gathering", False), ("gatherings", True)):
        for cue in view.cues(label, start, end):
            if any(g.start <= cue.start_char < g.end for g in found):
                continue
            if any(p.start_char <= cue.start_char < p.end_char for p in places):
                continue  # "the Conference Centre": a venue's name
            if plural and _names_an_actor_next(view, cue.end_char):
                continue  # "President visits Viet Nam", "ISU meets Ghana": a verb
            found.append(Gathering(cue.start_char, cue.end_char, MeetingType.OTHER, None, plural))
    found.sort(key=lambda g: (g.start, -g.end))
    kept: list[Gathering] = []
    for gathering in found:
        if kept and gathering.start < kept[-1].end:
            continue
        kept.append(gathering)
    return kept


def _committee_meets(view: View, span) -> bool:
    """'Coordination Committee meeting', 'meeting of the Coordination Committee', 'the
    Coordination Committee met' (meets, held its meeting)."""
    after = view.text[span.end_char : span.end_char + 12]
    before = view.text[max(0, span.start_char - 20) : span.start_char]
    return bool(
        re.match(r"(?i)\s*(?:meeting|minutes|(?:met|meets|held|holds|convened)\b)", after)
        or re.search(r"(?i)\b(?:meeting|minutes)\s+of\s+(?:the\s+)?(?:CCM\s+)?$", before)
    )


def is_context(view: View, gathering: Gathering, unit_start: int) -> bool:
    before = view.text[max(unit_start, gathering.start - 60) : gathering.start]
    after = view.text[gathering.end : gathering.end + 40]
    if RANGE_START.search(before) and re.match(r"(?i)\s*(?:to|until|till)\b", after):
        return True
    if re.search(
        r"(?i)\bfrom\s+(?:the\s+)?\S+(?:\s+\S+){0,6}\s+(?:to|until|till)\s+(?:the\s+)?$", before
    ):
        return True
    return bool(
        CONTEXT_BEFORE.search(before)
        or RELATIVE.search(before)
        or OFFICE_LABEL.search(before)
        or OFFICE_AFTER.match(after)
    )


def title_gathering(view: View) -> tuple[Gathering, Segment] | None:
    """The gathering a title names as its subject (a plural one when that is all the title
    names: a page about several gatherings), or None."""
    named = []
    for line in title_lines(view):
        if RANGE.search(line.text):
            return Gathering(line.start, line.end, MeetingType.OTHER, None, plural=True), line
        for gathering in gatherings(view, line.start, line.end):
            if not is_context(view, gathering, line.start):
                named.append((gathering, line))
    singular = [(g, line) for g, line in named if not g.plural]
    return (singular or named)[0] if named else None


def opening_gathering(view: View) -> tuple[Gathering, Segment] | None:
    """The gathering the first sentences say took place (or will), or None."""
    for sentence in body_sentences(view):
        for gathering in gatherings(view, sentence.start, sentence.end):
            if is_context(view, gathering, sentence.start):
                continue
            if _happens(view, gathering, sentence):
                return gathering, sentence
        met = _met(view, sentence)
        if met is not None:
            return met, sentence
    return None


def _happens(view: View, gathering: Gathering, sentence: Segment) -> bool:
    """The gathering is the subject of a happening ('The 4MSP took place in ...') or its
    object ('convened a seminar ...', 'hosted a working dinner ...', 'attended two
    workshops ...') within its clause."""
    clause_end = _clause_end(view, gathering.end, sentence.end)
    after = [
        c
        for c in view.cues("happening", gathering.end, clause_end)
        if not view.text[gathering.end : c.start_char].count(",") > 2
    ]
    before = [
        c
        for c in [
            *view.cues("happening", sentence.start, gathering.start),
            *view.cues("participation", sentence.start, gathering.start),
            *view.cues("organizing", sentence.start, gathering.start),
        ]
        if gathering.start - c.end_char < 40
    ]
    return bool(after or before)


def _met(view: View, sentence: Segment) -> Gathering | None:
    """'African signatory States met in Kampala on 29-30 May 2017': a gathering without
    its noun, dated in its clause."""
    for cue in view.cues("participation", sentence.start, sentence.end):
        if not cue.text.lower().startswith("met "):
            continue
        clause_end = _clause_end(view, cue.end_char, sentence.end)
        if view.dates_in(cue.end_char, clause_end):
            return Gathering(cue.start_char, cue.end_char, MeetingType.OTHER)
    return None


def _clause_end(view: View, start: int, limit: int) -> int:
    match = re.compile(r";|\bto\s+(?:discuss|review|consider|assess)\b|\bwhich\b|\bthat\b").search(
        view.text, start, limit
    )
    return match.start() if match else limit


def event_date(
    view: View, gathering: Gathering, unit: Segment
) -> tuple[str | None, tuple[int, int] | None]:
    """The first day of the gathering: written in its clause or title line (or on the line
    after a title), its year from the dateline when not written; 'today' is the dateline."""
    clause_end = _clause_end(view, gathering.end, unit.end)
    later = [
        g.start
        for g in gatherings(view, gathering.end, clause_end)
        if not g.plural and (g.kind, g.ordinal) != (gathering.kind, gathering.ordinal)
    ]
    clause_end = min([clause_end, *later])
    opening_dates = [
        d
        for d in view.dates_in(unit.start, gathering.start)
        if _opens_clause(view, unit, d) and not view.holding("parens", d.start, d.end)
    ]
    candidates = (
        view.dates_in(gathering.end, clause_end)
        or opening_dates[-1:]
        or _dated_verb(view, unit, gathering)
        or _dated_relative(view, gathering, unit)
    )
    dated = dateline(view)
    if not candidates:
        if view.has_cue("today", unit.start, unit.end) and dated is not None and dated.iso():
            return _first_of_days(view, gathering, unit, str(dated.iso())), (dated.start, dated.end)
        return None, None
    first = candidates[0]
    if first.year is None and dated is not None and dated.year is not None:
        day, dated_day = (first.month, first.day), (dated.month, dated.day)
        if FUTURE_TENSE.search(unit.text):  # "which will take place from 16 to 18 September"
            year = dated.year if day >= dated_day else dated.year + 1
        else:
            year = dated.year if day <= dated_day else dated.year - 1
        try:
            return dt.date(year, first.month, first.day).isoformat(), (first.start, first.end)
        except ValueError:
            return None, None
    return first.iso(), (first.start, first.end)


# "the Seventeenth Meeting (17MSP), which will take place in Geneva from 16 to 18 September"
HAPPENS_RELATIVE = re.compile(
    r"\s*(?:\([^()]{1,30}\))?\s*,?\s*(?:which|that)\s+(?:will\s+|is\s+to\s+|shall\s+|was\s+|is\s+)?"
    r"(?:take\s+place|took\s+place|be\s+held|held|convene[sd]?|meet|met|run|ran)\b",
    re.I,
)


def _dated_relative(view: View, gathering: Gathering, unit: Segment) -> list[dates.DateMention]:
    """The date of a relative clause right after the gathering that says when it happens."""
    relative = HAPPENS_RELATIVE.match(view.text, gathering.end, unit.end)
    if relative is None:
        return []
    stop = view.text.find(";", relative.end(), unit.end)
    return view.dates_in(relative.end(), stop if stop != -1 else unit.end)[:1]


# "When: Tue 5 Sep 2028 – Thu 7 Sep 2028", "Dates: 2-4 June 2027": a page's labelled dates.
DATE_LABEL = re.compile(r"(?i)[ \t*_]*(?:when|dates?)[ \t*_]*:")


def _labelled_date(view: View) -> tuple[str, tuple[int, int]] | None:
    for line in header_lines(view):
        if DATE_LABEL.match(view.text, line.start):
            found = [d for d in view.dates_in(line.start, line.end) if d.iso()]
            if found:
                return str(found[0].iso()), (found[0].start, found[0].end)
    return None


# "During the visit ...", "At the workshop ...": a gathering taken up from the sentence before.
TAKEN_UP = re.compile(r"(?i)\b(?:the|this|that)\s+$")


def _date_before(
    view: View, gathering: Gathering, unit: Segment
) -> tuple[str, tuple[int, int]] | None:
    """A gathering the sentence takes up ('During the visit she ...') is dated by the span of
    days the sentence before gives ('... was in Vientiane from 3 to 6 March 2031')."""
    if not TAKEN_UP.search(view.text[max(unit.start, gathering.start - 6) : gathering.start]):
        return None
    before = [s for s in body_sentences(view, count=4) if s.end <= unit.start][-1:]
    for sentence in before:
        spans = [d for d in view.dates_in(sentence.start, sentence.end) if d.is_range and d.iso()]
        if spans:
            return str(spans[0].iso()), (spans[0].start, spans[0].end)
    return None


FUTURE_TENSE = re.compile(r"(?i)\b(?:will|shall|(?:is|are)\s+to\s+be|upcoming|forthcoming)\b")


def _dated_verb(view: View, unit: Segment, gathering: Gathering) -> list[dates.DateMention]:
    """'... gathered in Accra on 1 and 2 March for a workshop': a date after a happening or
    participation verb of the gathering's own clause."""
    verbs = [
        *view.cues("happening", unit.start, gathering.start),
        *view.cues("participation", unit.start, gathering.start),
    ]
    if not verbs:
        return []
    first = min(v.end_char for v in verbs)
    found = view.dates_in(first, gathering.start)
    between = view.text[first : gathering.start]
    return found[:1] if found and not re.search(r"[;.]\s", between) else []


def _opens_clause(view: View, unit: Segment, date: dates.DateMention) -> bool:
    """'On 2 September 2022, the ISU hosted ...', '20 May — On 14 May, ...': a date that
    opens the sentence or the clause after a dash; not the dateline itself."""
    dated = dateline(view)
    if dated is not None and dated.start == date.start:
        return False
    lead = view.text[unit.start : date.start]
    clause = re.split(r"\s[—–-]\s|:\s|;\s", lead)[-1]
    return bool(re.fullmatch(r"\W*(?:on|in|from)?\s*", clause, re.I))


def _date_line_after(view: View, title: Segment) -> tuple[str | None, tuple[int, int]] | None:
    """A title's date on a header line under it ("27-30 June 2011, Geneva, Switzerland"),
    before any line that names another gathering; not a publication date."""
    following = [line for line in view.group("lines") if line.start_char > title.end]
    for line in following[:DATE_LINE_REACH]:
        start, end = line.start_char, line.end_char
        is_date_line = _is_date_line(view, start, end)
        if not is_date_line and [g for g in gatherings(view, start, end) if not g.plural]:
            return None
        if PUBLISHED.search(line.text) or not is_date_line:
            continue
        for found in view.dates_in(start, end):
            if found.iso() is not None:
                return found.iso(), (found.start, found.end)
    return None


DATE_LINE_REACH = 3
PUBLISHED = re.compile(
    r"(?i)\b(?:published|posted|updated|issued|printed|released|last\s+modified|date\s+of)\b"
)


def _is_date_line(view: View, start: int, end: int) -> bool:
    """A line that gives a date and little else ('27-30 June 2011, Geneva, Switzerland')."""
    line = view.text[start:end]
    found = view.dates_in(start, end)
    opens = bool(found) and not view.text[start : found[0].start].strip()
    return bool(found) and (len(line.split()) <= 12 or opens)


@rule(
    "meetings.opening",
    1,
    MeetingFact,
    "A page, news item or press release whose title names one gathering, or whose "
    "opening sentences say a gathering takes place, took place or will: a meeting of the "
    "Convention (its type and ordinal) or a workshop, seminar, briefing, visit or side "
    "event (type other), with its first day; the year from the dateline when not written.",
    examples=(
        example(
            "The Sixteenth Meeting of States Parties will take place in Geneva from 1 to 4 "
            "September 2028, the Presidency announced today.",
            ("msp", "2028-09-01", 16),
        ),
        example(
            "14 May 2026\n\nRegional workshop on victim assistance\n\nThe workshop, held in "
            "Lima, Peru, on 5-6 May 2026, brought together officials of six States.",
            ("other", "2026-05-05", None),
        ),
        example(
            "10 March 2027\n\nThe President of the 15MSP convened a seminar on clearance on 2 "
            "and 3 March in Nairobi, attended by officials of eight States.",
            ("other", "2027-03-02", None),
        ),
        trap(
            "Ghana launches a call to universalize the Convention before the Third Review "
            "Conference, to be held in Geneva in 2030.",
            ("review-conference", None, None),
        ),
        trap(
            "Successful workshops in Geneva\n\nThe coordinators held two workshops on 3 and 9 "
            "May 2026 for States of the region.",
            ("other", "2026-05-03", None),
        ),
        example(
            "Press release | 3 May 2027\n\nPRESIDENT VISITS GHANA\n\nFrom 20 to 22 April 2027, "
            "the President of the Fourteenth Meeting of States Parties, Ambassador Ana Ruiz,\n"
            "paid an official visit to Accra, accompanied by the Director of the ISU.",
            ("other", "2027-04-20", None),
        ),
        example(
            "ACCRA, 9 June 2027 – A regional seminar on victim assistance ended today in "
            "Accra. The seminar, which began on 7 June, was hosted by Ghana.",
            ("other", "2027-06-07", None),
        ),
        example(
            "Intersessional Meetings 2027 | Programme\nConvention on Cluster Munitions\n"
            "Geneva, Room XIX · 2–3 June 2O27\n\nMONDAY 2 JUNE\n10:00  Opening by the "
            "President of the 14MSP",
            ("intersessional", "2027-06-02", None),
        ),
        example(
            "News > Coordination Committee\n\nCOORDINATION COMMITTEE MEETS UNDER THE 13MSP "
            "PRESIDENCY\nPosted on 6 May 2026\n\nThe Coordination Committee met on Tuesday 5 "
            "May in Geneva, with all the coordinators present.",
            ("coordination-committee", "2026-05-05", 13),
        ),
        example(
            "News\n\nOn 12 October 2027, on the margins of the General Assembly (1 October – "
            "3 November), a side event on clearance was hosted by Chile.",
            ("other", "2027-10-12", None),
        ),
        example(
            "Press release | Geneva, 12 June 2027\n\nThe four-day seminar on victim assistance "
            "ended this afternoon with a call for survivor networks.",
            ("other", "2027-06-09", None),
        ),
        trap(
            "Status of national reports\nAs at 2 May 2027 – prepared for the intersessional "
            "meetings of 3-4 June 2027\n\nChile   submitted",
            ("intersessional", "2027-06-03", None),
        ),
        trap(
            "ISU Bulletin — Summer 2027\nIn this issue: Lima workshop · Reports\n\nWORKSHOP "
            "IN LIMA\nA workshop in Lima (3-4 May) gathered officials of six States.",
            ("other", None, None),
        ),
        example(
            "Home > Meetings > 12MSP\n\nTwelfth Meeting of States Parties\n\nDates: 10-12 "
            "September 2024\nVenue: Geneva\n\nThe Meeting considered two requests.\n",
            ("msp", "2024-09-10", 12),
        ),
        example(
            "Press release\nLima, 28 November 2029\n\nPERU WILL TAKE PART IN THE FOURTEENTH "
            "MEETING OF STATES PARTIES\n\nThe Minister will head the delegation of Peru to the "
            "Fourteenth Meeting of States Parties (14MSP), which will be held in Geneva from 2 "
            "to 4 February under the presidency of Chile.\n",
            ("msp", "2030-02-02", 14),
        ),
        trap(
            "Press release\nLima, 28 November 2029\n\nPERU WILL TAKE PART IN THE FOURTEENTH "
            "MEETING OF STATES PARTIES\n\nThe Minister will lead the delegation of Peru to the "
            "Fourteenth Meeting of States Parties (14MSP), which will be held in Geneva from 2 "
            "to 4 February under the presidency of Chile.\n",
            ("msp", "2029-02-02", 14),
        ),
        example(
            "Communiqué\nLima, 8 December 2029\n\nPERU TOOK PART IN THE FOURTEENTH MEETING OF "
            "STATES PARTIES\n\nThe Minister headed the delegation of Peru to the Fourteenth "
            "Meeting of States Parties, which took place in Geneva from 2 to 4 December under "
            "the presidency of Chile.\n",
            ("msp", "2029-12-02", 14),
        ),
        example(
            "News | 20 June 2030\n\nDirector in Accra\n\nThe Director of the Unit was in Accra "
            "from 9 to 11 June 2030 at the invitation of Ghana.\n\nDuring the visit she met the "
            "Minister of Defence and officials of the authority.\n",
            ("other", "2030-06-09", None),
        ),
        trap(
            "KINGDOM OF TONGA\nNational plan for stockpile destruction\n\nPresented to the "
            "Twelfth Meeting of States Parties, 4 May 2024\n\n1. Tonga holds 40 munitions.\n",
            ("msp", "2024-05-04", 12),
        ),
        trap(
            "Country profile: Fiji\n\nFiji ratified the Convention in 2019 and has attended "
            "each Meeting of States Parties since then, most recently in Geneva.",
            ("msp", None, None),
        ),
    ),
)
def opening(view: View, known: Known) -> Iterator[Fact]:
    if is_overview(view):
        return
    found = title_gathering(view) or opening_gathering(view)
    if found is None:
        return
    gathering, unit = found
    if gathering.plural or _several(view, gathering, unit):
        return
    date, where = event_date(view, gathering, unit)
    if date is None and unit in title_lines(view):
        dated = (
            _dated_in_body(view, gathering) or _date_line_after(view, unit) or _labelled_date(view)
        )
        if dated is not None:
            date, where = dated
    if date is None and unit not in title_lines(view):
        dated = _date_before(view, gathering, unit)
        if dated is not None:
            date, where = dated
    if date is None or (where and view.has_cue("today", *where)) or where == _dateline_at(view):
        opened = _opening_day(view)
        if opened is not None:
            date, where = opened
    msp = (
        gathering.ordinal
        if gathering.kind is MeetingType.MSP
        else convener(view, known, gathering.kind)
    )
    ordinal = (
        gathering.ordinal
        if gathering.kind in (MeetingType.MSP, MeetingType.REVIEW_CONFERENCE)
        else None
    )
    start, end = where if where else (gathering.start, gathering.end)
    start, end = min(start, gathering.start), max(end, gathering.end)
    yield MeetingFact(view.doc_id, view.span(start, end), gathering.kind, date, msp, ordinal)


def _several(view: View, gathering: Gathering, unit: Segment) -> bool:
    """'two workshops', 'a series of seminars': a page about several gatherings."""
    before = view.text[max(unit.start, gathering.start - 25) : gathering.start]
    return bool(
        re.search(
            r"(?i)\b(?:two|three|four|five|several|series\s+of|both|every|each|all)\s+(?:\w+\s+)?$",
            before,
        )
    )


# "The workshop, which opened on 5 March, ...", "after talks that had started on Tuesday
# 13 May": the verb of a gathering's first day, then its date.
OPENED_ON = re.compile(
    r"(?i)\b(?:opened|began|started|commenced|kicked\s+off)\s+(?:on\s+)?(?:the\s+)?$"
)


def _opening_day(view: View) -> tuple[str, tuple[int, int]] | None:
    """The first day the opening sentences give by its verb ("which opened on 5 March"),
    its year from the dateline when not written."""
    dated = dateline(view)
    for sentence in body_sentences(view, count=4):
        for found in view.dates_in(sentence.start, sentence.end):
            lead = view.text[max(sentence.start, found.start - 30) : found.start]
            lead = re.sub(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$", "", lead)
            if not OPENED_ON.search(lead):
                continue
            iso = found.iso() or _with_dateline_year(found, dated)
            if iso is not None:
                return iso, (found.start, found.end)
    return None


# "The three-day Eighteenth Meeting ... closed this afternoon": it began two days before.
DAYS_LONG = re.compile(r"(?i)\b(two|three|four|five|2|3|4|5)-day\s+(?:\w+\s+){0,6}$")
CLOSED = re.compile(
    r"(?i)^(?:[^.;]{0,120}?)\b(?:closed|ended|concluded|wrapped\s+up|came\s+to\s+a\s+close)\b"
)
DAY_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def _first_of_days(view: View, gathering: Gathering, unit: Segment, last_day: str) -> str:
    """The first day of an N-day gathering that the text says closed on `last_day`."""
    lead = DAYS_LONG.search(view.text[max(unit.start, gathering.start - 60) : gathering.start])
    if lead is None or not CLOSED.search(view.text[gathering.end : unit.end]):
        return last_day
    first = dt.date.fromisoformat(last_day) - dt.timedelta(
        days=DAY_COUNTS[lead.group(1).lower()] - 1
    )
    return first.isoformat()


def _with_dateline_year(found: dates.DateMention, dated: dates.DateMention | None) -> str | None:
    if dated is None or dated.year is None:
        return None
    later = (found.month, found.day) > (dated.month, dated.day)
    try:
        return dt.date(dated.year - later, found.month, found.day).isoformat()
    except ValueError:
        return None


def _dateline_at(view: View) -> tuple[int, int] | None:
    dated = dateline(view)
    return (dated.start, dated.end) if dated is not None else None


def _dated_in_body(view: View, title: Gathering) -> tuple[str, tuple[int, int]] | None:
    """A title that names a gathering without its date: the first sentences that date a
    gathering of the same kind (or the visit's workshop) give it."""
    for sentence in body_sentences(view, count=6):
        for gathering in gatherings(view, sentence.start, sentence.end):
            if is_context(view, gathering, sentence.start) or gathering.plural:
                continue
            if gathering.kind is not title.kind and title.kind is not MeetingType.OTHER:
                continue
            if title.ordinal is not None and gathering.ordinal != title.ordinal:
                continue
            date, where = event_date(view, gathering, sentence)
            if date is not None and where is not None:
                return date, where
    return None
