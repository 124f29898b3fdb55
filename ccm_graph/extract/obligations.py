"""Obligations: where a State stands on an obligation of the Convention, read from wording.

Three ways a record ties a State to an event:
- a phrase with the State as its agent: "Peru completed the destruction of its stockpiles",
  "Norway congratulated Peru for complying with its Article 3 obligations", "Chad submitted
  its initial draft extension request", "Ghana and Lesotho submitted their Article 7
  reports" -- the agent is the nearest State before the phrase in its sentence, unless a
  group ("States Parties", "the Coordinators", an organization) stands in between;
- a group followed by its members: "States Parties with overdue Initial Transparency
  Reports - Rwanda, Tunisia and Togo", "States with Article 4 obligations as follows:" and
  a block of "Chad: ..." lines, "extension requests from Chad, Germany and Lao PDR";
- a noun whose agents follow it: "the completion of stockpile destruction by Bulgaria and
  Slovakia", "the declarations of completion by Peru of their ... obligations", "the request
  submitted by Chad for an extension of its deadline";
- a heading naming the event ("6.6 Article 4 Extension Requests", "Meetings with States
  with Outstanding Article 7 and 9 Obligations") over a body listing the States.
The article is the number written, else the topic (stockpile destruction 3, clearance 4,
victim assistance 5, transparency reports 7, national implementation 9).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ccm_graph.extract import articles
from ccm_graph.extract.context import Context
from ccm_graph.model import Fact, ObligationEvent, ObligationFact
from ccm_graph.nlp import gazetteer
from ccm_graph.nlp.pipeline import Mention
from ccm_graph.nlp.segment import Segment

Event = ObligationEvent
WORDS = r"(?:[\w()-]+\s+)"
ARTICLE_NO = (
    rf"(?:CCM\s+)?(?:{articles.WORD}|Arts?\.?)\s*\d{{1,2}}(?:\.\d+)?(?:\s*(?:,|and|&)\s*\d{{1,2}})*"
)
TOPIC_WORDS = (
    rf"(?:{ARTICLE_NO}|clearance|stockpile\s+destruction|destruction|victim\s+assistance|"
    r"transparency|reporting|national\s+implementation(?:\s+measures)?|NIM|legislative)"
)
TOPICS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"(?i)stockpil|destr(?:uction|oy)|retained|retention"), 3),
    (re.compile(r"(?i)clearance|\bclear(?:ed|ing)?\b|contaminat|remnants|\bsurvey"), 4),
    (re.compile(r"(?i)victim\s+assistance|\bVA\b"), 5),
    (re.compile(r"(?i)transparency|\breport(?:s|ing)?\b"), 7),
    (re.compile(r"(?i)national\s+implementation|legislat|\bNIM\b|domestic\s+law"), 9),
]
# Phrases whose agent is a State, with the event they state.
AGENT_PHRASES: list[tuple[Event, re.Pattern[str]]] = [
    (
        Event.COMPLETED,
        re.compile(
            r"(?i)\b(?:completed|completing|completion\s+of|finished|finalized|concluded)\s+"
            rf"(?:the\s+|its\s+|their\s+)?{WORDS}{{0,2}}?(?:destruction|clearance)\b"
            r"|\b(?:declared|declaring|declaration\s+of|achieved|reached)\s+(?:its\s+)?compliance\b"
            rf"(?:\s+with\s+(?:its\s+|their\s+)?(?:obligations\s+under\s+)?{TOPIC_WORDS}"
            r"(?:\s+obligations?)?)?"
            r"|\b(?:compliance|complying|complied|completed|fulfil+(?:ing|ed|ment)?|meeting|met|"
            r"discharg(?:ed|ing))\s+(?:with\s+|of\s+)?(?:all\s+)?(?:its|their)\s+"
            rf"{WORDS}{{0,3}}?obligations?\b"
            rf"|\bcompl(?:iance|ying|ied)\s+with\s+(?:its\s+obligations\s+under\s+)?{ARTICLE_NO}"
            r"|\bdestroyed\s+(?:all\s+)?(?:of\s+)?(?:its|their)\s+(?:entire\s+)?"
            r"(?:stockpiles?|stockpiled\s+cluster\s+munitions|cluster\s+munitions)\b"
        ),
    ),
    (
        Event.EXTENSION_REQUEST,
        re.compile(
            r"(?i)(?:\b(?:its|their)|['’]s)\s+"
            rf"{WORDS}{{0,3}}?(?:deadline\s+)?extension\s+requests?\b"
            r"|\b(?:submit(?:s|ted|ting)?|present(?:s|ed|ing)?|provid(?:es|ed|ing)|"
            r"prepar(?:e|es|ed|ing)|draft(?:s|ed|ing)?|sen[dt]|fil(?:e|es|ed|ing))\s+"
            rf"(?:an?|its|their)\s+{WORDS}{{0,3}}?(?:deadline\s+)?extension\s+requests?\b"
            r"|\brequest(?:s|ed|ing)?\s+(?:for\s+)?an?\s+extension\b"
            r"|\brequest(?:s|ed|ing)?\s+to\s+extend\b"
            # "they would submit requests in 2021" after a sentence on extension requests
            r"|(?P<bare>\b(?:submit(?:s|ted|ting)?|present(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|"
            r"sen[dt]|fil(?:e|es|ed|ing))\s+(?:an?\s+|its\s+|their\s+)?(?:own\s+|new\s+|"
            r"revised\s+|further\s+)?requests?\b(?!\s+(?:for|to|on|from|of)\b))"
        ),
    ),
    (
        Event.OVERDUE,
        re.compile(
            r"(?i)\b(?:its|their)\s+(?:overdue|outstanding|late)\s+"
            rf"{WORDS}{{0,3}}?(?:reports?|obligations?)\b"
            r"|\bnot\s+(?:yet\s+)?(?:submitted|provided)\s+(?:its|their|an?)\s+"
            rf"{WORDS}{{0,3}}?reports?\b"
            r"|\breports?\s+(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?"
            r"(?:overdue|outstanding|late)\b"
        ),
    ),
    (
        Event.SUBMITTED,
        re.compile(
            r"(?i)(?<!not\s)(?<!not\syet\s)\b(?:submitted|provided|presented|delivered|"
            r"transmitted|sent|filed|lodged)\s+(?:its|their|an?|the)\s+"
            rf"(?:{WORDS}{{0,2}}?(?:initial|annual|first|transparency|{ARTICLE_NO})\s+)+"
            r"(?:transparency\s+)?reports?\b"
            # "reported retained munitions in their Article 7 reports"
            r"|(?P<inside>\b(?:in|according\s+to|through)\s+(?:its|their)\s+(?:latest\s+|"
            r"most\s+recent\s+|initial\s+|annual\s+|\d{4}\s+)*"
            rf"(?:{ARTICLE_NO}|transparency)\s+reports?\b)"
        ),
    ),
    (
        Event.OBLIGATION,
        re.compile(
            r"(?i)\b(?:its|their)\s+(?:remaining\s+|current\s+|own\s+)?"
            rf"{TOPIC_WORDS}\s+(?:obligations?|implementation|deadlines?)\b"
            r"|\b(?:has|have|had|having|remains?\s+with|remained\s+with)\s+(?:still\s+)?(?:an?\s+)?"
            rf"(?:remaining\s+|current\s+)?{TOPIC_WORDS}\s+obligations?\b"
            r"|\b(?:has|have|had|having)\s+(?:still\s+)?(?:remaining\s+|current\s+)?obligations?\s+"
            rf"(?:under|in\s+relation\s+to|relating\s+to)\s+{TOPIC_WORDS}"
            # "still has to complete the destruction", "is yet to finish clearance"
            r"|\b(?:(?:has|have|had|needs?|needed)\s+(?:still\s+|yet\s+)?|"
            r"(?:is|are|was|were|remains?)\s+(?:still\s+)?yet\s+)to\s+"
            r"(?:complete|finish|finali[sz]e|fulfil+|meet|destroy|clear)\s+"
            rf"{WORDS}{{0,4}}?(?:destruction|clearance|stockpiles?|obligations?|remnants)\b"
            # "their ongoing destruction programmes", "destroyed 80 per cent of its stockpile"
            r"|\b(?:its|their)\s+(?:ongoing|remaining|current)\s+(?:stockpile\s+)?"
            r"(?:destruction|clearance)\s+(?:programmes?|programs?|operations?|efforts|work|plans?)\b"
            r"|\bdestroyed\s+(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+)?\d+(?:\.\d+)?\s*"
            r"(?:per\s*cent|%)\s+of\s+(?:its|their)\s+(?:\w+\s+){0,2}?stockpiles?\b"
        ),
    ),
]
# A group of States introducing its members: "States Parties with Article 4 obligations".
GROUP = re.compile(
    r"(?i)\b(?:States(?:\s+Parties)?|countries)\s+(?:still\s+)?(?:with|having|"
    r"(?:that\s+|which\s+|who\s+)?(?:still\s+)?ha(?:ve|s|d))\s+(?P<what>(?:[\w()-]+\s+){0,7}?(?:obligations?|reports?|deadlines?|"
    r"extension\s+requests?))\b"
)
# States named as the group of a victim assistance obligation: "States Parties that have
# reported having cluster munition victims: Afghanistan, Albania, ...".
VICTIM_GROUP = re.compile(
    r"(?i)\b(?:States(?:\s+Parties)?|countries)\s+(?:(?:that|which|who)\s+)?(?:(?:have|has|had)\s+)?"
    r"(?:(?:reported|declared|indicated|acknowledged|recogni[sz]ed)\s+)?(?:having|with|ha(?:ve|s|d))\s+"
    r"(?:[\w-]+\s+){0,3}?(?:victims|survivors)\b"
)
# A nominal completion whose agent follows: "the completion of stockpile destruction by
# Bulgaria and Slovakia", "declarations of completion by Peru and South Africa of their
# stockpile destruction obligations", "compliance with Article 4 by Croatia".
COMPLETION_BY = re.compile(
    r"(?i)\b(?:completion|compliance|fulfil+ment)"
    r"(?:\s+(?:of|with)\s+(?:the\s+|its\s+|their\s+)?(?P<what>"
    rf"{WORDS}{{0,4}}?(?:destruction|clearance|obligations?|{ARTICLE_NO})"
    rf"(?:\s+under\s+{ARTICLE_NO})?"
    r"(?:\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?(?:stockpiles?|munitions|"
    r"remnants|areas))?))?\s+by\s+"
)
# A completion still to come: "the expected completion of clearance by Chad".
PLANNED = re.compile(
    r"(?i)\b(?:expected|planned|anticipated|projected|envisaged|foreseen|scheduled|estimated|"
    r"targeted|target|timeline\s+for|deadline\s+for|date\s+for|towards?|progress\s+(?:in|on))\s+"
    r"(?:the\s+)?(?:declarations?\s+of\s+)?$"
)
OF_THEIR = re.compile(
    r"(?i)\s+(?:of|with)\s+(?:its|their)\s+(?P<what>"
    rf"{WORDS}{{0,4}}?(?:obligations?|(?:destruction|clearance)(?:\s+obligations?)?)"
    rf"(?:\s+under\s+{ARTICLE_NO})?)"
)
# A request whose authors follow: "the request submitted by Chad for an extension of its
# deadline", "the requests for an extension ... submitted by Germany and by Lao PDR",
# "the request of Germany for an extension".
REQUEST_BY = re.compile(
    r"(?i)\b(?:requests?\s+(?:(?:submitted|presented|made|received)\s+)?|"
    r"(?:submitted|presented|made)\s+)(?:from|by|of)\s+"
)
REQUEST_WORD = re.compile(r"(?i)\brequests?\b")
REQUEST_REACH = 160
REQUESTS_FROM = re.compile(
    r"(?i)\bextension\s+requests?\s+(?:(?:submitted|presented)\s+)?(?:from|by|of)\s+"
)
HEADING_REQUESTS = re.compile(rf"(?i)(?:{ARTICLE_NO}\s+)?(?:deadline\s+)?extension\s+requests?")
OVERDUE_WORDS = re.compile(
    r"(?i)\b(?:overdue|outstanding|late|pending|(?:still\s+)?awaited|"
    r"not\s+(?:yet\s+)?(?:submitted|provided))\b"
)
LIST_OPENER = re.compile(
    r"\s*(?:as\s+follows)?\s*(?:[:(\-–—]|,?\s*(?:namely|such\s+as|including|among\s+(?:them|which)|"
    r"notably|in\s+particular|i\.e\.,?|e\.g\.,?)(?:\s+those\s+of)?\b:?"
    r"|\s(?:are|were|include[sd]?|comprise[sd]?)\b:?)\s*"
)
# A list after an event phrase: "reports remained outstanding, including those of X and Y".
FOLLOWING_LIST = re.compile(
    r"\s*,?\s*(?:including|among\s+(?:them|which|others)|notably|in\s+particular|namely)"
    r"(?:\s+(?:those|that|the\s+\w+)\s+of)?\s*:?\s*",
    re.I,
)
# States named as the owners of reports: "the initial Article 7 reports of Cameroon and Chad
# were overdue", "reports under Article 7 from Rwanda remained outstanding".
REPORTS_OF = re.compile(
    rf"(?i)\breports?\s+(?:(?:due\s+)?under\s+{ARTICLE_NO}\s+)?(?:due\s+)?(?:from|of|by)\s+"
)
TRANSPARENCY_REPORT = re.compile(
    rf"(?i)\b(?:{ARTICLE_NO}|transparency|initial|annual)\s+(?:\w+\s+){{0,2}}?reports?\b"
    rf"|\breports?\s+under\s+{ARTICLE_NO}"
)
REPORTS_STATUS = re.compile(
    r"(?i)\s*,?\s*(?:(?:is|are|was|were|remains?|remained|ha(?:s|ve|d)\s+been)\s+(?:still\s+)?"
    r"(?P<overdue>overdue|outstanding|late|pending|awaited|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:submitted|received|provided))"
    r"|ha(?:s|ve|d)\s+(?P<not_yet>not\s+(?:yet\s+)?been\s+(?:submitted|received|provided))"
    r"|(?:was|were|ha(?:s|ve|d)\s+been)\s+(?:duly\s+)?(?:submitted|received))\b"
)
LIST_GLUE = re.compile(
    r"\s*(?:,|;|&|\band\b|,\s*and\b|\bas\s+well\s+as\b|,?\s*\band\s+(?:by|from)\b)?\s*"
    r"(?:the\s+)?$",
    re.I,
)
# A sub-item or clause boundary between a State and a phrase: "(a) ... Sri Lanka;\n (b) the
# completion ...".
ITEM_BREAK = re.compile(r";|\n[ \t]*\(?[a-z0-9]{1,3}\)[ \t]")
FUTURE = re.compile(
    r"(?i)\b(?:to|will|would|shall|could|should|may|might|towards|not|yet)\s+(?:\w+ly\s+)?"
    r"(?:(?:achiev|reach|attain|ensur|be|get)\w*\s+(?:in\s+|full\s+)*)?$"
    # an infinitive: "expected to declare completion", "plans to announce compliance"
    r"|\bto\s+(?!(?:its|their|the|an?|this|that|all)\b)[a-z]+\s+$"
)
MODAL = re.compile(
    r"(?i)\b(?:will|would|shall|should|could|may|might|to|encouraged|invited|urged|requested|"
    r"reminded|asked|called)\b"
)
EXTENSION_WORDS = re.compile(r"(?i)\bextension|\bextend")
EXTENDED = re.compile(r"(?i)\b(?:extension\s+of|extend(?:ing)?)\s+$")
# Words that make someone else the subject between a State and the phrase.
BLOCKERS = re.compile(
    r"(?i)\b(?:States?|countries|country|Coordinators?|Presidency|President|Director|ISU|Unit|"
    r"Committee|Group|Secretariat|Meeting|Conference|they|those)\b"
)
OTHER_CONVENTION = re.compile(
    r"(?i)\b(?:APMBC|Ottawa\s+Convention|Mine\s+Ban\s+Convention|Anti-?\s*Personnel|CCW)\b"
)
THAT_CLAUSE = re.compile(
    r"(?i)\bthat\b"
    r"|\b(?:said|stated|confirmed|indicated|announced|noted|added|explained|reported|"
    r"declared|recalled)(?=\s+(?:it|they)\b)"
)
PRONOUN = re.compile(r"(?i)\b(?:it|they|its|their)\b")
OF_OTHER_CONVENTION = re.compile(
    r"\s*,?\s*of\s+(?:the\s+)?(?:APMBC|Ottawa\s+Convention|Mine\s+Ban\s+Convention|"
    r"Anti-?\s*Personnel|CCW)\b",
    re.I,
)
NUMBERED_HEADING = re.compile(r"(?m)^[ \t#*_]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+\S")
MAX_AGENT_GAP = 160
SECTION_REACH = 3000


@dataclass(frozen=True)
class Found:
    actors: tuple[str, ...]
    articles: tuple[int, ...]
    event: Event
    start: int
    end: int


def extract(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[str, int, Event]] = set()
    nominal = list(nominal_events(ctx))
    claimed = [(found.start, found.end) for found in nominal]
    for found in [
        *nominal,
        *agent_events(ctx, claimed),
        *group_events(ctx),
        *heading_events(ctx),
    ]:
        for actor in found.actors:
            for article in found.articles:
                key = (actor, article, found.event)
                if key not in seen:
                    seen.add(key)
                    span = ctx.span(found.start, found.end)
                    facts.append(ObligationFact(ctx.doc_id, span, actor, article, found.event))
    return facts


def nominal_events(ctx: Context) -> Iterator[Found]:
    """Nouns whose agents follow them: "the completion of stockpile destruction by Bulgaria
    and Slovakia", "the request submitted by Chad for an extension of its deadline". Each
    Found spans the phrase and its agents (agent phrases inside it are not read again)."""
    for match in COMPLETION_BY.finditer(ctx.text):
        if _in_other_convention(ctx, match.start()):
            continue
        members = list_after(ctx, match.end(), opener=False)
        if not members or members[0].start - match.end() > 6:
            continue
        sentence = ctx.sentence_at(match.start())
        head = ctx.text[sentence.start : match.start()]
        if FUTURE.search(head) or PLANNED.search(head):
            continue  # "the expected completion of clearance by ..."
        end = members[-1].end
        tail = OF_THEIR.match(ctx.text, end)
        what = tail["what"] if tail else (match["what"] or "")
        end = tail.end() if tail else end
        numbers = article_numbers(what, sentence.text, Event.COMPLETED)
        if numbers:
            yield Found(tuple(m.key for m in members), numbers, Event.COMPLETED, match.start(), end)
    for match in REQUEST_BY.finditer(ctx.text):
        found = _request_by(ctx, match)
        if found:
            yield found


def _request_by(ctx: Context, match: re.Match[str]) -> Found | None:
    """The authors of an extension request, named after it."""
    sentence = ctx.sentence_at(match.start())
    if _about_other_convention(sentence.text):
        return None
    before = ctx.text[max(sentence.start, match.start() - REQUEST_REACH) : match.end()]
    requests = list(REQUEST_WORD.finditer(before))
    if not requests or ITEM_BREAK.search(before[requests[-1].start() :]):
        return None
    start = match.end() - len(before) + requests[-1].start()
    members = list_after(ctx, match.end(), opener=False)
    if not members or members[0].start - match.end() > 6:
        return None
    window = ctx.text[start : min(sentence.end, members[-1].end + REQUEST_REACH)]
    window = ITEM_BREAK.split(window, maxsplit=1)[0]
    if not EXTENSION_WORDS.search(window):
        return None  # a request for something else
    numbers = _request_articles(window) or (4,)
    return Found(
        tuple(m.key for m in members), numbers, Event.EXTENSION_REQUEST, start, members[-1].end
    )


def agent_events(ctx: Context, taken: list[tuple[int, int]] | None = None) -> Iterator[Found]:
    """Phrases whose agent is the nearest State before them in their sentence (phrases in
    the `taken` spans, read by `nominal_events`, are skipped)."""
    taken = taken or []
    for sentence in ctx.sentences:
        if _about_other_convention(sentence.text):
            continue
        claimed: list[tuple[int, int]] = []
        for event, pattern in AGENT_PHRASES:
            for match in pattern.finditer(sentence.text):
                absolute = (sentence.start + match.start(), sentence.start + match.end())
                if any(absolute[0] < end and start < absolute[1] for start, end in taken):
                    continue
                if event is Event.OBLIGATION and (
                    _overlaps(match, claimed) or EXTENDED.search(sentence.text[: match.start()])
                ):
                    continue  # "complying with its Article 3 obligations" is completion
                claimed.append(match.span())
                if OF_OTHER_CONVENTION.match(sentence.text, match.end()):
                    continue  # "obligations under Article 5 of the APMBC"
                if (
                    event is Event.SUBMITTED
                    and match["inside"]
                    and MODAL.search(sentence.text[: match.start()])
                ):
                    continue  # "Chad will include the figures in its Article 7 report"
                if event is Event.COMPLETED and FUTURE.search(sentence.text[: match.start()]):
                    continue  # "expected to achieve compliance", "on track to meeting"
                found = _agent_event(ctx, sentence, match, event)
                if found:
                    yield found
                listed = _following_list(ctx, sentence, match, event)
                if listed:
                    yield listed


def _following_list(
    ctx: Context, sentence: Segment, match: re.Match[str], event: Event
) -> Found | None:
    """The States listed after the phrase: "eleven reports remained outstanding, including
    those of Cabo Verde and Comoros"."""
    opener = FOLLOWING_LIST.match(sentence.text, match.end())
    if opener is None:
        return None
    members = inline_list(ctx, sentence.start + opener.end())
    numbers = article_numbers(sentence.text[: match.end()], sentence.text, event)
    if not members or not numbers:
        return None
    if event is Event.OBLIGATION and OVERDUE_WORDS.search(match.group()):
        event = Event.OVERDUE
    return Found(tuple(m.key for m in members), numbers, event, sentence.start, sentence.end)


def _agent_event(
    ctx: Context, sentence: Segment, match: re.Match[str], event: Event
) -> Found | None:
    start = sentence.start + match.start()
    context = sentence.text
    if event is Event.EXTENSION_REQUEST:
        following = sentence.text[match.start() :]  # "a request to extend its Article 3 deadline"
        if match["bare"]:
            context = _previous_sentence(ctx, sentence) + " " + sentence.text
            if not EXTENSION_WORDS.search(context):
                return None  # a request for something else
        elif _request_articles(following):
            context = following
    phrase_articles = article_numbers(match.group(), context, event)
    actors = agents(ctx, sentence, start)
    if not actors or not phrase_articles:
        return None
    if event is Event.OBLIGATION and OVERDUE_WORDS.search(match.group()):
        event = Event.OVERDUE
    return Found(actors, phrase_articles, event, sentence.start, sentence.end)


def _previous_sentence(ctx: Context, sentence: Segment) -> str:
    index = ctx.sentences.index(sentence)
    return ctx.sentences[index - 1].text if index > 0 else ""


def agents(ctx: Context, sentence: Segment, position: int) -> tuple[str, ...]:
    """The State(s) acting at `position`: the nearest before it with no other subject in
    between, extended over a list ("Ghana and Lesotho submitted"); else the label of a
    "Chad: ..." line, or the State opening the previous sentence when this one opens with a
    pronoun."""
    before = [m for m in ctx.within(sentence.start, position) if m.kind in ("state", "org")]
    if before:
        last = before[-1]
        broken = _broken_name(ctx.text[:position], last.end, None, first=False)
        gap = ctx.text[(broken or last).end : position]
        if (
            last.kind != "state"
            or len(gap) > MAX_AGENT_GAP
            or ITEM_BREAK.search(ctx.text[last.end : position])
            or BLOCKERS.search(_own_clause(gap))
        ):
            return ()
        run = [m.key for m in _run_ending_with(ctx, before)]
        return tuple([*run, broken.key] if broken else run)
    label = line_label(ctx, position)
    if label:
        return (label.key,)
    return _previous_subject(ctx, sentence)


def _own_clause(gap: str) -> str:
    """The part of the gap after a State that must be free of other subjects. In "Chad
    informed the Coordinators that (in 2020) it/they ...", the pronoun takes the State back
    up, so only the words after it count; "Chad reported that eleven reports ..." gives the
    clause another subject (returned as a blocker)."""
    clauses = list(THAT_CLAUSE.finditer(gap))
    if not clauses:
        return gap
    rest = gap[clauses[-1].end() :]
    if not rest.strip():
        return rest  # the phrase itself opens the clause: "that its extension request"
    pronouns = list(PRONOUN.finditer(rest))
    return rest[pronouns[-1].end() :] if pronouns else "they"


def _run_ending_with(ctx: Context, mentions: list[Mention]) -> list[Mention]:
    run = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if mention.kind != "state" or not LIST_GLUE.fullmatch(ctx.text[mention.end : run[0].start]):
            break
        run.insert(0, mention)
    return run


def _previous_subject(ctx: Context, sentence: Segment) -> tuple[str, ...]:
    if not re.match(r"(?i)(?:it|its|they|their)\b", sentence.text):
        return ()
    index = ctx.sentences.index(sentence)
    if index == 0:
        return ()
    previous = ctx.sentences[index - 1]
    opening = ctx.within(previous.start, previous.start + 40, "state")
    if opening and re.fullmatch(r"(?i)\W*(?:the\s+)?", ctx.text[previous.start : opening[0].start]):
        return (opening[0].key,)
    return ()


def line_label(ctx: Context, position: int) -> Mention | None:
    """The State heading the line of `position` as a label ("Lebanon: Lebanon indicated ...")."""
    line_start = ctx.text.rfind("\n", 0, position) + 1
    states = ctx.within(line_start, position, "state")
    if states and _is_label(ctx, line_start, states[0]):
        return states[0]
    return None


def _is_label(ctx: Context, line_start: int, mention: Mention) -> bool:
    lead = ctx.text[line_start : mention.start]
    tail = ctx.text[mention.end : mention.end + 4]
    return bool(re.fullmatch(r"[ \t>*_#\-•]*", lead) and re.match(r"[*_]*\s*:", tail))


def group_events(ctx: Context) -> Iterator[Found]:
    """A group of States followed by its members, and "extension requests from X, Y"."""
    for match in GROUP.finditer(ctx.text):
        event, numbers = group_meaning(match["what"], ctx.sentence_at(match.start()).text)
        members = list_after(ctx, match.end())
        if members and numbers and not _in_other_convention(ctx, match.start()):
            yield _listed(ctx, members, numbers, event, match.start())
    for match in VICTIM_GROUP.finditer(ctx.text):
        members = list_after(ctx, match.end())
        if members and not _in_other_convention(ctx, match.start()):
            yield _listed(ctx, members, (5,), Event.OBLIGATION, match.start())
    for match in REPORTS_OF.finditer(ctx.text):
        found = _reports_of(ctx, match)
        if found:
            yield found
    for match in REQUESTS_FROM.finditer(ctx.text):
        sentence = ctx.sentence_at(match.start())
        numbers = article_numbers(match.group(), sentence.text, Event.EXTENSION_REQUEST)
        members = list_after(ctx, match.end(), opener=False)
        if members and not _in_other_convention(ctx, match.start()):
            yield _listed(ctx, members, numbers, Event.EXTENSION_REQUEST, match.start())


def _reports_of(ctx: Context, match: re.Match[str]) -> Found | None:
    """ "The initial Article 7 reports of Cameroon and Chad were overdue": the States owning
    the (transparency, Article 7) reports, with the status the sentence gives them."""
    if _in_other_convention(ctx, match.start()):
        return None
    members = list_after(ctx, match.end(), opener=False)
    if not members:
        return None
    status = REPORTS_STATUS.match(ctx.text, members[-1].end)
    sentence = ctx.sentence_at(match.start())
    noun_phrase = ctx.text[max(sentence.start, match.start() - 60) : match.end()]
    if not TRANSPARENCY_REPORT.search(noun_phrase.rsplit(",", 1)[-1]):
        return None  # "the report of Norway" may be a Coordinator's oral report
    if status:
        event = Event.OVERDUE if status["overdue"] or status["not_yet"] else Event.SUBMITTED
    elif OVERDUE_WORDS.search(noun_phrase.rsplit(",", 1)[-1]):
        event = Event.OVERDUE  # "the outstanding initial reports of Chad and Peru"
    else:
        return None
    return _listed(ctx, members, (7,), event, match.start())


def group_meaning(what: str, context: str) -> tuple[Event, tuple[int, ...]]:
    """What a group's description says: "overdue Initial Transparency Reports" -> overdue 7."""
    if re.search(r"(?i)extension\s+requests?", what):
        return Event.EXTENSION_REQUEST, article_numbers(what, context, Event.EXTENSION_REQUEST)
    event = Event.OVERDUE if OVERDUE_WORDS.search(what) else Event.OBLIGATION
    return event, article_numbers(what, "", event)


def _listed(
    ctx: Context, members: list[Mention], numbers: tuple[int, ...], event: Event, start: int
) -> Found:
    sentence = ctx.sentence_at(start)
    end = max(sentence.end, members[-1].end)
    return Found(tuple(m.key for m in members), numbers, event, sentence.start, end)


def list_after(ctx: Context, position: int, opener: bool = True) -> list[Mention]:
    """The States listed right after `position` (after a colon, dash, parenthesis or
    "namely"), inline ("Rwanda, Tunisia and Togo") or as a block of "Chad: ..." lines."""
    if opener:
        opening = LIST_OPENER.match(ctx.text, position)
        if opening is None:
            return []
        position = opening.end()
    if ctx.text.rfind("\n", 0, position) >= ctx.text.rfind(":", 0, position) - 1 and (
        _starts_line(ctx.text, position)
    ):
        return label_block(ctx, position) or inline_list(ctx, position)
    return inline_list(ctx, position)


def _starts_line(text: str, position: int) -> bool:
    return not text[text.rfind("\n", 0, position) + 1 : position].strip()


def inline_list(ctx: Context, position: int) -> list[Mention]:
    members: list[Mention] = []
    for mention in ctx.within(position, min(len(ctx.text), position + 600), "state"):
        start = members[-1].end if members else position
        glue = ctx.text[start : mention.start]
        if not LIST_GLUE.fullmatch(glue) and not (not members and not glue.strip()):
            broken = _broken_name(ctx.text, start, mention.start, first=not members)
            if broken is None:
                break
            members.append(broken)
        members.append(mention)
    if members:
        last = _broken_name(ctx.text, members[-1].end, None, first=False)
        members += [last] if last else []
    return members


def _broken_name(text: str, start: int, end: int | None, first: bool) -> Mention | None:
    """A State name that a line break split ("Bosnia and\nHerzegovina") between `start` and
    the next listed State at `end` (or the list's end when `end` is None)."""
    lead = r"\s*(?:the\s+)?" if first else r"\s*(?:,|;|&|\band\b|,\s*and\b)\s*(?:the\s+)?"
    opening = re.compile(lead, re.I).match(text, start)
    if opening is None:
        return None
    words = list(re.finditer(r"[^\s,;.()]+", text[opening.end() : (end or len(text))][:120]))
    for count in range(2, min(6, len(words)) + 1):
        last = words[count - 1]
        if "\n" not in text[opening.end() : opening.end() + last.end()]:
            continue
        name_end = opening.end() + last.end()
        tail = text[name_end:end] if end is not None else ""
        if end is not None and not LIST_GLUE.fullmatch(tail):
            continue
        written = text[opening.end() : name_end]
        names = gazetteer.state_lookup()
        key = names.get(" ".join(written.split()).casefold()) or names.get(
            re.sub(r"-[ \t]*\n\s*", "", written).casefold()  # "Mozam-\nbique"
        )
        if key:
            return Mention("state", key, opening.end(), name_end, written)
    return None


def label_block(ctx: Context, position: int) -> list[Mention]:
    """The labels of consecutive "State: ..." lines, up to the next numbered heading."""
    end = section_end(ctx.text, position)
    labels = []
    for line_start in _line_starts(ctx.text, position, end):
        states = ctx.within(line_start, min(end, line_start + 80), "state")
        if states and _is_label(ctx, line_start, states[0]):
            labels.append(states[0])
    return labels


def _line_starts(text: str, start: int, end: int) -> Iterator[int]:
    position = start
    while 0 <= position < end:
        yield position
        position = text.find("\n", position, end)
        position = position + 1 if position != -1 else -1


def section_end(text: str, position: int) -> int:
    following = NUMBERED_HEADING.search(text, position + 1)
    limit = min(len(text), position + SECTION_REACH)
    return min(following.start(), limit) if following else limit


def heading_events(ctx: Context) -> Iterator[Found]:
    """A heading naming the event ("Article 4 Extension Requests", "States with Outstanding
    Article 7 Obligations") over a body that lists the States."""
    for heading in ctx.headings:
        event, numbers = _heading_meaning(heading.text)
        if not numbers or _about_other_convention(heading.text):
            continue
        body_start = heading.end + 1
        members = label_block(ctx, body_start) or _first_sentence_list(ctx, body_start)
        if members:
            yield Found(tuple(m.key for m in members), numbers, event, heading.start, heading.end)


def _heading_meaning(title: str) -> tuple[Event, tuple[int, ...]]:
    group = GROUP.search(title)
    if group:
        return group_meaning(group["what"], title)
    requests = HEADING_REQUESTS.search(title)
    if requests:
        return Event.EXTENSION_REQUEST, article_numbers(
            requests.group(), title, Event.EXTENSION_REQUEST
        )
    return Event.OBLIGATION, ()


def _first_sentence_list(ctx: Context, position: int) -> list[Mention]:
    """The longest run of two or more States in the first sentence of a section's body."""
    sentence = next((s for s in ctx.sentences if s.start >= position), None)
    if sentence is None or sentence.start >= section_end(ctx.text, position):
        return []
    best: list[Mention] = []
    for mention in ctx.within(sentence.start, sentence.end, "state"):
        run = inline_list(ctx, mention.start)
        best = run if len(run) > len(best) else best
    return best if len(best) >= 2 else []


def article_numbers(phrase: str, context: str, event: Event) -> tuple[int, ...]:
    """Articles written in the phrase, else its topic, else (for requests and reports)
    the sentence's topic or the usual article."""
    written = [n for m in articles.ARTICLE.finditer(phrase) for n in articles.numbers(m["numbers"])]
    if written:
        return tuple(dict.fromkeys(written))
    topical = _topics(phrase)
    if topical:
        return topical
    # Requests and completions concern destruction (3) or clearance (4), the latter by default.
    if event is Event.EXTENSION_REQUEST:
        return _request_articles(context) or (4,)
    if event is Event.COMPLETED:
        in_context = [
            n for m in articles.ARTICLE.finditer(context) for n in articles.numbers(m["numbers"])
        ]
        return tuple(n for n in [*in_context, *_topics(context)] if n in (3, 4))[:1]
    return ()


def _request_articles(text: str) -> tuple[int, ...]:
    """The deadline a request extends: the article written ("its Article 3 deadline"), else
    the topic (stockpile destruction 3, clearance 4)."""
    written = [n for m in articles.ARTICLE.finditer(text) for n in articles.numbers(m["numbers"])]
    return tuple(n for n in [*written, *_topics(text)] if n in (3, 4))[:1]


def _topics(text: str) -> tuple[int, ...]:
    return tuple(article for pattern, article in TOPICS if pattern.search(text))


def _overlaps(match: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    return any(match.start() < end and start < match.end() for start, end in spans)


def _about_other_convention(text: str) -> bool:
    return bool(OTHER_CONVENTION.search(text)) and not re.search(
        r"(?i)\bCCM\b|Cluster\s+Munitions", text
    )


def _in_other_convention(ctx: Context, position: int) -> bool:
    return _about_other_convention(ctx.sentence_at(position).text)
