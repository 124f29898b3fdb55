"""Meeting links: how the meeting a document records refers to other meetings.

Minutes approve the minutes of an earlier Coordination Committee meeting and set the date of
the next one; a final report sets the dates of the next Meeting of States Parties. Only a
full date counts: a date written without its year takes it from the document's own years,
or else from the recorded meeting (the next meeting is the first such day after it, the
approved minutes the last such day before it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

from ccm_graph.extract.meetings import APPROVAL, NEXT_MEETING
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import View
from ccm_graph.model import Fact, LinkType, MeetingFact, MeetingLinkFact, MeetingType
from ccm_graph.nlp import dates

SET_FOR = re.compile(
    r"(?i)\b(?:shall|will|would|is\s+to|was\s+to)\s+(?:be\s+held|take\s+place|be|convene|meet)"
    r"|\bto\s+be\s+held\b|\bscheduled\b|\bwill\s+take\s+place\b"
)
# "decided to convene the 20MSP from ...": the verb stands before the meeting.
SET_BEFORE = re.compile(r"(?i)\bto\s+(?:convene|hold)\s+(?:the\s+)?$")


def recorded(known: Known) -> MeetingFact | None:
    meetings = [f for f in known.get(MeetingFact, []) if isinstance(f, MeetingFact)]
    return meetings[0] if meetings else None


def relation_of(sentence: str) -> LinkType | None:
    if APPROVAL.search(sentence):
        return LinkType.APPROVES_MINUTES_OF
    if NEXT_MEETING.search(sentence):
        return LinkType.NEXT_MEETING
    return None


@rule(
    "links.minutes",
    1,
    MeetingLinkFact,
    "Minutes of a Coordination Committee meeting that approve the minutes of an earlier "
    "meeting or set the date of the next one.",
    examples=(
        example(
            "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nheld on Monday, 6 March 2023\n\n"
            "The minutes of the meeting of 14 February 2023 were approved.\n\nThe next meeting "
            "will be held on 11 April 2023.\n",
            ("approves-minutes-of", "2023-02-14"),
            ("next-meeting", "2023-04-11"),
        ),
        example(
            "Minutes of the Coordination Committee meeting\nheld on Tuesday 9 May 2023\n\n"
            "The Committee approved the draft minutes of its meeting held on 4 April.\n",
            ("approves-minutes-of", "2023-04-04"),
        ),
        example(
            "Minutes of the Coordination Committee meeting\nheld on Thursday 8 June 2023\n\n"
            "The minutes of the meeting of 11 May 2023\nwere adopted as circulated. Members "
            "agreed to convene again on 6 July 2023.\n",
            ("approves-minutes-of", "2023-05-11"),
            ("next-meeting", "2023-07-06"),
        ),
        trap(
            "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nheld on Monday, 6 March 2023\n\n"
            "The Tenth Meeting of States Parties was held from 30 August to 2 September 2022.\n",
            ("next-meeting", "2022-08-30"),
        ),
        example(
            "Coordination Committee – summary record\nWednesday, 7 June 2023\n\n1. Adoption of "
            "the summary record of the meeting of 10 May 2023\nIt was adopted as circulated.\n\n"
            "5. Next reunion: Tuesday 4 July 2023, 10h00.\n",
            ("approves-minutes-of", "2023-05-10"),
            ("next-meeting", "2023-07-04"),
        ),
        example(
            "ACT OF THE FIFTH SESSION OF THE COORDINATION COMMITTEE\nDate: 03/10/2030\n\n1. "
            "The act of the session of 05/09/2030 was approved.\n\n2. The next session is "
            "convened for 07/11/2030.\n",
            ("approves-minutes-of", "2030-09-05"),
            ("next-meeting", "2030-11-07"),
        ),
        example(
            "Coordination Committee - Meeting 3/2031 - Record\nDate: 2031-04-02\n\n(a) The "
            "record of meeting 2/2031 (2031-03-05) was adopted.\n(b) Chile reported.\n",
            ("approves-minutes-of", "2031-03-05"),
        ),
        trap(
            "Coordination Committee - Meeting 3/2031 - Record\nDate: 2031-04-02\n\n(a) Chile "
            "will brief the next session of the General Assembly on 4 October 2031.\n",
            ("next-meeting", "2031-10-04"),
        ),
        trap(
            "Minutes of the Coordination Committee meeting\nheld on Thursday 8 June 2023\n\n"
            "The minutes of the meeting of 11 May 2023 would be circulated.\n\nThey were "
            "approved on 2 June 2023 by silence procedure.\n",
            ("approves-minutes-of", "2023-06-02"),
        ),
    ),
)
def minutes(view: View, known: Known) -> Iterator[Fact]:
    meeting = recorded(known)
    if meeting is None or meeting.meeting_type is not MeetingType.COORDINATION_COMMITTEE:
        return
    years = view.years
    seen: set[tuple[LinkType, str]] = set()
    for sentence in view.sentences:
        mentions = view.dates_in(sentence.start, sentence.end)
        relation = relation_of(sentence.text) if mentions else None  # no date, no link
        if relation is None:
            continue
        for mention in mentions:
            iso = _linked_date(mention, years, relation, meeting.date)
            if iso is None or (relation, iso) in seen:
                continue
            seen.add((relation, iso))
            yield MeetingLinkFact(view.doc_id, view.span(mention.start, mention.end), relation, iso)
            break


def _linked_date(
    mention: dates.DateMention, years: Counter[int], relation: LinkType, date: str | None
) -> str | None:
    found = next(iter(dates.resolved([mention], years)), None)
    if found:
        return found[1]
    if date is None:
        return None
    own = dt.date.fromisoformat(date)
    step = 1 if relation is LinkType.NEXT_MEETING else -1
    for year in (own.year, own.year + step):
        try:
            candidate = dt.date(year, mention.month, mention.day)
        except ValueError:
            continue
        if (candidate > own) if step == 1 else (candidate < own):
            return candidate.isoformat()
    return None


@rule(
    "links.next-msp",
    1,
    MeetingLinkFact,
    "A final report that sets the dates of the next Meeting of States Parties (after an "
    "MSP, the following ordinal; after a Review Conference, the first MSP set after it).",
    examples=(
        example(
            "## Eleventh Meeting of States Parties\n\nGeneva, 11–13 September 2023\n\n"
            "## Final report\n\n30. The Meeting decided that the Twelfth Meeting of States "
            "Parties shall be held in Geneva from 10 to 13 September 2024.\n",
            ("next-meeting", "2024-09-10"),
        ),
        example(
            "## Third Review Conference\n\nGeneva, 2–6 September 2030\n\n## Final report\n\n"
            "12. The Conference decided that the Fourteenth Meeting of States Parties will "
            "take place from 8 to 10 September 2031.\n",
            ("next-meeting", "2031-09-08"),
        ),
        trap(
            "## Eleventh Meeting of States Parties\n\nGeneva, 11–13 September 2023\n\n"
            "## Final report\n\n3. The Tenth Meeting of States Parties was held from 30 "
            "August to 2 September 2022.\n",
            ("next-meeting", "2022-08-30"),
        ),
        example(
            "Thirteenth Meeting of States Parties\nGeneva, 4-6 September 2025\n\nFinal report"
            "\n\n21. The Meeting decided to convene the 14MSP from 2 to 4 September 2026.\n",
            ("next-meeting", "2026-09-02"),
        ),
    ),
)
def next_msp(view: View, known: Known) -> Iterator[Fact]:
    meeting = recorded(known)
    if meeting is None or meeting.meeting_type not in (
        MeetingType.MSP,
        MeetingType.REVIEW_CONFERENCE,
    ):
        return
    years = view.years
    candidates = []
    for mention in view.ordinals():
        if mention.kind != "msp" or (
            meeting.meeting_type is MeetingType.MSP and mention.number != (meeting.ordinal or 0) + 1
        ):
            continue
        sentence = view.sentence_at(mention.start)
        before = view.text[max(sentence.start, mention.start - 30) : mention.start]
        if not SET_FOR.search(view.text, mention.end, sentence.end) and not SET_BEFORE.search(
            before
        ):
            continue
        for found, iso in dates.resolved(view.dates_in(mention.end, sentence.end), years):
            if meeting.date is None or iso > meeting.date:
                candidates.append((iso, found))
            break
    if candidates:
        iso, found = min(candidates, key=lambda c: c[0])
        yield MeetingLinkFact(
            view.doc_id, view.span(found.start, found.end), LinkType.NEXT_MEETING, iso
        )
