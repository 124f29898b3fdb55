"""The rdfs:label of facts and meetings, said in words from their parts, so that a
linked-data browser shows "Ireland coordinates victim assistance (2018)", not a hash.

>>> coordinator("Ireland", "victim-assistance", (2018,))
'Ireland coordinates victim assistance (2018)'
>>> meeting(MeetingType.MSP, 9, "2019-09-02")
'9MSP'
>>> attendance("Chile", AttendanceStatus.OBSERVER, "9MSP")
'Chile attended the 9MSP as an observer'
"""

from __future__ import annotations

from collections.abc import Sequence

from ccm_graph.model import (
    AttendanceStatus,
    DecisionType,
    LinkType,
    MeetingType,
    ObligationEvent,
    PresidencyRole,
)
from ccm_graph.nlp import vocab

MEETING_NAMES = {
    MeetingType.COORDINATION_COMMITTEE: "Coordination Committee meeting",
    MeetingType.MSP: "Meeting of States Parties",
    MeetingType.REVIEW_CONFERENCE: "Review Conference",
    MeetingType.INTERSESSIONAL: "intersessional meeting",
    MeetingType.OTHER: "meeting",
}
ATTENDANCE = {
    AttendanceStatus.PRESENT: "{actor} attended {meeting}",
    AttendanceStatus.OBSERVER: "{actor} attended {meeting} as an observer",
    AttendanceStatus.APOLOGIES: "{actor} sent apologies to {meeting}",
    AttendanceStatus.ABSENT: "{actor} was absent from {meeting}",
}
OBLIGATIONS = {
    ObligationEvent.OBLIGATION: "{actor} has an obligation under Article {article}",
    ObligationEvent.EXTENSION_REQUEST: "{actor} requests an extension under Article {article}",
    ObligationEvent.COMPLETED: "{actor} completed its obligation under Article {article}",
    ObligationEvent.OVERDUE: "{actor} is overdue under Article {article}",
    ObligationEvent.SUBMITTED: "{actor} submitted its report under Article {article}",
}
DECISIONS = {
    DecisionType.DECISION: "decides",
    DecisionType.WELCOME: "welcomes",
    DecisionType.NOTE: "notes",
    DecisionType.CONCERN: "expresses concern",
    DecisionType.RECOMMENDATION: "recommends",
}
LINKS = {
    LinkType.APPROVES_MINUTES_OF: "{meeting} approves the minutes of the meeting of {date}",
    LinkType.NEXT_MEETING: "{meeting} sets its next meeting for {date}",
}
# Words that keep their capital inside a sentence.
PROPER = {"Convention", "Article"}


def ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def meeting(meeting_type: MeetingType, number: int | None, date: str | None) -> str:
    """'9MSP', '2nd Review Conference', 'Coordination Committee meeting of 2018-11-08'."""
    if meeting_type is MeetingType.MSP and number:
        return f"{number}MSP"
    name = MEETING_NAMES[meeting_type]
    if number:
        name = f"{ordinal(number)} {name}"
    name = name[0].upper() + name[1:]
    return f"{name} of {date}" if date and not number else name


def with_article(meeting_label: str | None) -> str:
    """'9MSP' -> 'the 9MSP'; no meeting -> 'the meeting'."""
    return f"the {meeting_label}" if meeting_label else "the meeting"


def actor(key: str) -> str:
    """A State's or organization's name, for a label."""
    organizations = vocab.organizations()
    if key in organizations:
        return organizations[key][0]
    return vocab.state_names().get(key, key)


def area(key: str) -> str:
    """A thematic area as a sentence says it: 'victim assistance'."""
    name = vocab.areas().get(key, (key.replace("-", " "), None))[0]
    return " ".join(w if w in PROPER or w.isupper() else w.lower() for w in name.split())


def years_text(years: Sequence[int]) -> str:
    """(2016, 2017, 2018) -> '2016-2018'; (2012, 2016) -> '2012, 2016'."""
    ordered = sorted(set(years))
    if len(ordered) > 1 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(year) for year in ordered)


def record(meeting_label: str) -> str:
    return f"Record of the {meeting_label}"


def attendance(actor_name: str, status: AttendanceStatus, meeting_label: str | None) -> str:
    return ATTENDANCE[status].format(actor=actor_name, meeting=with_article(meeting_label))


def representation(person: str, actor_name: str, meeting_label: str | None) -> str:
    at = f" at the {meeting_label}" if meeting_label else ""
    return f"{person} represented {actor_name}{at}"


def coordinator(actor_name: str, area_key: str, years: Sequence[int]) -> str:
    when = f" ({years_text(years)})" if years else ""
    return f"{actor_name} coordinates {area(area_key)}{when}"


def presidency(actor_name: str, role: PresidencyRole, msp: int, person: str | None) -> str:
    office = "presides over" if role is PresidencyRole.PRESIDENT else "is President-designate of"
    by = f" ({person})" if person else ""
    return f"{actor_name} {office} the {msp}MSP{by}"


def article_mention(article: int, meeting_label: str | None) -> str:
    where = f"at the {meeting_label}" if meeting_label else "in the document"
    return f"Article {article} discussed {where}"


def obligation(actor_name: str, event: ObligationEvent, article: int, year: int | None) -> str:
    when = f" ({year})" if year else ""
    return OBLIGATIONS[event].format(actor=actor_name, article=article) + when


def decision(decision_type: DecisionType, paragraph: str, meeting_label: str | None) -> str:
    who = f"The {meeting_label}" if meeting_label else "The meeting"
    return f"{who} {DECISIONS[decision_type]} (paragraph {paragraph})"


def meeting_link(relation: LinkType, date: str, meeting_label: str | None) -> str:
    who = f"The {meeting_label}" if meeting_label else "The meeting"
    return LINKS[relation].format(meeting=who, date=date)
