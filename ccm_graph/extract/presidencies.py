"""Presidencies: which State presided (or will preside) over which Meeting of States Parties,
and the person who held the office when the text names them.

An MSP ordinal tied to the word President/Presidency ("the 9MSP Presidency", "President of
the Seventh Meeting of States Parties", "as President of the 4MSP", "Mexico – 12MSP
President") is paired with the State and the person that the same sentence or list entry
names nearest to it.
"""

from __future__ import annotations

import re

from ccm_graph.extract import attendance, delegates, ordinals
from ccm_graph.extract.context import Context
from ccm_graph.model import Fact, PresidencyFact, PresidencyRole
from ccm_graph.nlp import gazetteer, link
from ccm_graph.nlp.pipeline import Mention

PRESIDENT_BEFORE = re.compile(
    r"(?i)\bPresiden(?:t|cy)(?P<designate>[\s-]*(?:-|elect|designate))?"
    r"(?:\s+of\s+(?:the\s+)?(?:CCM\s+)?|\s*\(\s*)$"
)
PRESIDENT_AFTER = re.compile(
    r"(?i)^\)?\s*Presiden(?:t|cy)(?P<designate>[\s-]*(?:elect|designate))?\b"
)
DESIGNATION = re.compile(
    r"(?i)\b(?:designat\w*|nominat\w*|elect(?:ed|s)?\b[^.]{0,30}\bas\s+President-?\s*designate)"
)


def extract(ctx: Context) -> list[Fact]:
    facts: dict[tuple[int, str], PresidencyFact] = {}
    for fact in [
        *_from_attendance(ctx),
        *_from_prose(ctx),
        *_from_presidency_of(ctx),
        *_from_adjectives(ctx),
    ]:
        key = (fact.msp, fact.actor)
        if key not in facts or (fact.person and not facts[key].person):
            facts[key] = fact
    return list(facts.values())


def _from_attendance(ctx: Context) -> list[PresidencyFact]:
    found = []
    for entry in attendance.entries(ctx):
        for ordinal in ordinals.find(entry.role):
            if ordinal.kind != "msp" or not re.search(r"(?i)presiden", entry.role):
                continue
            person = next((p.key for p in entry.persons if len(p.key.split()) > 1), None)
            role = _role(entry.role)
            end = entry.persons[0].end if person else entry.actor.end + len(entry.role) + 3
            found.append(
                PresidencyFact(
                    ctx.doc_id,
                    ctx.span(entry.actor.start, end),
                    ordinal.number,
                    entry.actor.key,
                    person,
                    role,
                )
            )
    return found


def _role(text: str) -> PresidencyRole:
    if re.search(r"(?i)designate|elect\b", text):
        return PresidencyRole.PRESIDENT_DESIGNATE
    return PresidencyRole.PRESIDENT


def _from_prose(ctx: Context) -> list[PresidencyFact]:
    found = []
    for ordinal in ordinals.find(ctx.text):
        if ordinal.kind != "msp":
            continue
        before = ctx.text[max(0, ordinal.start - 40) : ordinal.start]
        after = ctx.text[ordinal.end : ordinal.end + 30]
        tied = PRESIDENT_BEFORE.search(before) or PRESIDENT_AFTER.match(after)
        if not tied:
            continue
        phrase_start = (
            ordinal.start - (len(before) - tied.start())
            if tied.re is PRESIDENT_BEFORE
            else ordinal.start
        )
        phrase_end = ordinal.end + tied.end() if tied.re is PRESIDENT_AFTER else ordinal.end
        sentence = ctx.sentence_at(ordinal.start)
        holder = _holder(ctx, phrase_start, phrase_end, sentence)
        if holder is None:
            continue
        state, person = holder
        role = (
            PresidencyRole.PRESIDENT_DESIGNATE
            if ((tied.group("designate")) or DESIGNATION.search(sentence.text))
            else PresidencyRole.PRESIDENT
        )
        start, end = min(state.start, phrase_start), max(state.end, phrase_end)
        found.append(
            PresidencyFact(
                ctx.doc_id, ctx.span(start, end), ordinal.number, state.key, person, role
            )
        )
    return found


STATE_BEFORE = re.compile(
    r"(?i)^(?:['’]s)?\s*(?:[,–—-]\s*)?(?:(?:in\s+(?:its|her|his)\s+capacity\s+(?:as|of)|as|being)\s+)?"
    r"(?:the\s+)?(?:CCM\s+)?$"
)
# "6MSP Presidency held by Netherlands"; a table cell: "President of the 11MSP     Iraq".
HELD_BY = re.compile(
    r"(?i)^\s*(?:\)\s*)?(?:(?:held|assumed|chaired)\s+by\s+(?:the\s+)?|\s*:\s*|[ \t]{2,}|\t)$"
)
PRESIDENCY_OF = re.compile(r"(?i)\bPresidency\s+of\s+(?:the\s+)?$")
APPOSITION = re.compile(
    r"(?i)^\s*(?:\([^()]{1,20}\)\s*)?(?:to\s+the\s+Convention\s+on\s+Cluster\s+Munitions\s*)?"
    r"(?:\([^()]{1,20}\)\s*)?,?\s*(?:H\.\s?E\.\s*)?(?:Ambassador\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Dr\.?\s+)*$"
)
NOT_APPOSITION = re.compile(
    r"(?i)\b(?:invitation|behalf|thanked|welcomed|met|meet|with)\s+(?:of\s+)?(?:the\s+)?$"
)


def _holder(ctx: Context, start: int, end: int, sentence) -> tuple[Mention, str | None] | None:
    """The State (and person) the presidency phrase at text[start:end] is said of."""
    states = ctx.within(sentence.start, sentence.end, "state")
    people = ctx.within(sentence.start, sentence.end, "person")
    before = [s for s in states if s.end <= start and STATE_BEFORE.match(ctx.text[s.end : start])]
    if before:
        state = before[-1]
        return state, _named_person(ctx, people, state, start, end)
    after = [s for s in states if s.start >= end and HELD_BY.match(ctx.text[end : s.start])]
    if after:
        return after[0], _person_in_parentheses(ctx, people, after[0])
    return _appositive_person(ctx, people, sentence, start, end)


def _person_in_parentheses(ctx: Context, people: list[Mention], state: Mention) -> str | None:
    """'Iraq (H.E. Mr. Ali Jawad Al-Rubaie)': the person written just after the State."""
    for person in people:
        gap = ctx.text[state.end : person.start]
        if person.start >= state.end and re.fullmatch(
            r"\s*\(\s*(?:H\.\s?E\.\s*)?(?:(?:Mr|Ms|Mrs|Dr|Amb|Ambassador)\.?\s*)*", gap
        ):
            return _full(ctx, person)
    return None


def _from_presidency_of(ctx: Context) -> list[PresidencyFact]:
    """'under the Presidency of Sri Lanka (9MSP)': the ordinal in parentheses after the State."""
    found = []
    for state in ctx.within(0, len(ctx.text), "state"):
        if not PRESIDENCY_OF.search(ctx.text[max(0, state.start - 30) : state.start]):
            continue
        after = re.match(r"\s*\(", ctx.text[state.end : state.end + 3])
        if not after:
            continue
        close = ctx.text.find(")", state.end, state.end + 40)
        inner = [o for o in ordinals.find(ctx.text, state.end, close) if o.kind == "msp"]
        if close == -1 or len(inner) != 1:
            continue
        start = ctx.text.rfind("Presidency", 0, state.start)
        found.append(
            PresidencyFact(ctx.doc_id, ctx.span(start, close + 1), inner[0].number, state.key, None)
        )
    return found


ADJECTIVE_PRESIDENCY = re.compile(
    r"\b(?P<adjective>"
    + "|".join(sorted({re.escape(a) for v in gazetteer.STATE_ADJECTIVES.values() for a in v}))
    + r")\s+(?P<rest>(?:[\w-]+\s+){0,2}?Presidency(?:[\s-]*designate)?(?:\s+of\s+the\s+)?"
    r"|delegation,?\s+which\s+will\s+preside\s+over\s+the\s+)"
)


def _from_adjectives(ctx: Context) -> list[PresidencyFact]:
    """'the Sri Lankan 9MSP Presidency', 'the Montenegrin Presidency-designate of the Tenth
    Meeting of States Parties', 'The Mexican delegation, which will preside over the 12MSP'."""
    adjectives = {a: code for code, names in gazetteer.STATE_ADJECTIVES.items() for a in names}
    found = []
    for match in ADJECTIVE_PRESIDENCY.finditer(ctx.text):
        near = [
            o
            for o in ordinals.find(ctx.text, match.start("rest"), match.end() + 40)
            if o.kind == "msp" and o.start <= match.end() + 1
        ]
        if len(near) != 1:
            continue
        future = "designate" in match.group("rest") or "will preside" in match.group("rest")
        role = PresidencyRole.PRESIDENT_DESIGNATE if future else PresidencyRole.PRESIDENT
        found.append(
            PresidencyFact(
                ctx.doc_id,
                ctx.span(match.start(), max(match.end(), near[0].end)),
                near[0].number,
                adjectives[match.group("adjective")],
                None,
                role,
            )
        )
    return found


def _appositive_person(ctx: Context, people: list[Mention], sentence, start: int, end: int):
    """'President of the 7MSP, Ambassador Michael Biontino of Germany' and
    'designate Ambassador X, Permanent Representative of Y ... as President of ...'."""
    if NOT_APPOSITION.search(ctx.text[max(sentence.start, start - 40) : start]):
        return None
    following = [p for p in people if p.start >= end and APPOSITION.match(ctx.text[end : p.start])]
    preceding = [
        p
        for p in people
        if p.end <= start
        and DESIGNATION.search(ctx.text[max(sentence.start, p.start - 60) : p.start])
    ]
    for person in following[:1] + preceding[-1:]:
        affiliation = delegates.stated_after(ctx, person)
        if affiliation and affiliation[0].kind == "state":
            return affiliation[0], _full(ctx, person)
    return None


def _named_person(ctx: Context, people: list[Mention], state: Mention, start: int, end: int):
    """A person written right beside the phrase: 'Sri Lanka's President, Ambassador X'."""
    for person in people:
        if person.start >= end and APPOSITION.match(ctx.text[end : person.start]):
            return _full(ctx, person)
        if person.end <= state.start and state.start - person.end < 40:
            gap = ctx.text[person.end : state.start]
            if re.fullmatch(r"\s*(?:of|from)\s+(?:the\s+)?", gap):
                return _full(ctx, person)
    return None


def _full(ctx: Context, person: Mention) -> str | None:
    return person.key if link.person_key(person.key) else full_name(ctx, person.key)


def _nearest(mentions: list[Mention], ordinal: ordinals.Ordinal) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: min(abs(m.start - ordinal.end), abs(ordinal.start - m.end)))


def _person(ctx: Context, start: int, end: int, ordinal: ordinals.Ordinal) -> str | None:
    """The person named in the sentence, written out in full where the document has the full
    name elsewhere ("Ambassador Azeez" -> "Aliyar Lebbe Abdul Azeez")."""
    people = ctx.within(start, end, "person")
    person = _nearest(people, ordinal)
    if person is None:
        return None
    if link.person_key(person.key):
        return person.key
    return full_name(ctx, person.key)


def full_name(ctx: Context, short: str) -> str | None:
    """The one full name in the document that ends with the short form, if exactly one."""
    short_words = link.name_words(short)
    if not short_words:
        return None
    candidates = {
        m.key
        for m in ctx.mentions
        if m.kind == "person"
        and link.person_key(m.key)
        and link.name_words(m.key)[-len(short_words) :] == short_words
    }
    return candidates.pop() if len(candidates) == 1 else None
