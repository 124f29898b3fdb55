"""Decisions: the positions the Meeting takes in the numbered paragraphs of a final report.

A paragraph counts once per type for each finite verb of the lexicon whose subject is the
Meeting itself: "The Meeting (also, further) welcomed ...", "States Parties adopted ...",
"It also noted ...", "which the Meeting approved", and verbs coordinated with such a verb
("considered and adopted", "... and condemned"). Participial openers ("Recognizing ...",
"In noting ..."), passives ("was encouraged by"), and decisions of earlier meetings ("The
Sixth Meeting of States Parties decided ...", "adopted at the First Review Conference") are
not the Meeting's own position. Minutes, whose numbered items are headings, give none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import Ordinal, Paragraph, View
from ccm_graph.model import DecisionFact, DecisionType, Fact, MeetingFact
from ccm_graph.nlp import casefree, vocab

# Verb phrases (finite, past tense) and the type of position each expresses. Qualified
# forms come first so that "acknowledged with appreciation" is a welcome and not a note.
LEXICON: list[tuple[str, DecisionType]] = [
    # "..., while expressing concern at ...": a participle that shares the Meeting's verb.
    (
        r"(?:while|whilst)\s+(?:also\s+)?expressing\s+(?:its\s+)?(?:\w+\s+)?concerns?",
        DecisionType.CONCERN,
    ),
    (r"expressed\s+(?:its|their)?\s*(?:\w+\s+){0,2}?concerns?", DecisionType.CONCERN),
    (
        r"(?:expressed|conveyed|extended)\s+(?:its|their)?\s*(?:\w+\s+){0,2}?"
        r"(?:appreciation|gratitude|thanks|satisfaction)",
        DecisionType.WELCOME,
    ),
    (
        r"(?:acknowledged|recogni[sz]ed|noted|took\s+note)\s+(?:\w+\s+)?with\s+"
        r"(?:\w+\s+)?(?:appreciation|gratitude|satisfaction)",
        DecisionType.WELCOME,
    ),
    (r"noted\s+with\s+(?:\w+\s+)?concern", DecisionType.CONCERN),
    (
        r"recogni[sz]ed\s+the\s+(?:endeavou?rs|efforts|work|contributions?|achievements?)",
        DecisionType.WELCOME,
    ),
    (r"condemned|deplored", DecisionType.CONCERN),
    (r"welcomed|commended|congratulated|applauded|thanked|praised", DecisionType.WELCOME),
    (
        r"decided|determined|agreed|adopted|approved|confirmed|elected|designated|appointed"
        r"|endorsed|granted",
        DecisionType.DECISION,
    ),
    (
        r"recommended|underlined|stressed|emphasi[sz]ed|encouraged|urged|called\s+(?:up)?on",
        DecisionType.RECOMMENDATION,
    ),
    (r"noted|took\s+note|recogni[sz]ed|acknowledged|considered|heard", DecisionType.NOTE),
]
VERB = casefree.compile(
    "|".join(f"(?P<v{i}>\\b(?:{pattern})\\b)" for i, (pattern, _) in enumerate(LEXICON)),
    re.I,
)
ADVERBS = (
    r"(?:\s*,?\s*\b(?:also|further|furthermore|moreover|however|therefore|thus|then|warmly|"
    r"strongly|unanimously|again|once\s+again|formally|duly|subsequently|in\s+addition|"
    r"accordingly|in\s+particular|consequently|finally)\b\s*,?)*\s*"
)
# The subject of the Meeting's own verbs; an ordinal ("the Seventh Meeting") is checked
# against the document's meeting. "States Parties" after a quantifier ("a few States
# Parties made ...") is a group of States, not the Meeting.
_ORDINAL = "|".join(sorted(vocab.ordinal_words(), key=len, reverse=True))
SUBJECT = re.compile(
    r"(?i)\b(?:(?:the|this)\s+)?"
    rf"(?:(?P<ordinal>{_ORDINAL}|\d{{1,2}}(?:st|nd|rd|th)|same|present|current)\s+)?"
    # "The meeting welcomed", not "the October meeting approved": a Committee's meeting.
    r"(?:(?-i:MEETING|Meeting|(?<=[Tt]he\s)meeting|(?<=[Tt]his\s)meeting)"
    r"(?:\s+of\s+(?:the\s+)?States\s+Parties)?|(?:Review\s+)?Conference)"
    r"(?:\s+(?:of|to)\s+the\s+Convention(?:\s+on\s+Cluster\s+Munitions)?)?\b"
    r"|(?<!-)\b(?:the\s+)?States\s+Parties\b"
    r"|\bIt\b"
)
QUANTIFIER = re.compile(
    r"(?i)\b(?:a\s+few|few|all|other|several|some|many|most|those|these|certain|individual|"
    r"affected|remaining|\d{1,3}|[a-z]+-[a-z]+|two|three|four|five|six|seven|eight|nine|ten)\s+$"
)
COORDINATED = re.compile(r"(?i)(?:,\s*)?\band\b" + ADVERBS + r"$")
# "The Meeting assessed the request and agreed ...": a verb the lexicon leaves out, then one
# of its own, coordinated, in the same clause.
UNLISTED_THEN = re.compile(
    r"(?i)" + ADVERBS + r"[a-z]+ed\b[^.;:]{0,120}?,?\s*\band\b" + ADVERBS + r"$"
)
PARTICIPLE_AFTER = re.compile(r",\s*$")  # "approved the request, while expressing concern"
PASSIVE_ELECTION = re.compile(
    r"(?i)\b(?:was|were)\s+(?:\w+\s+)?(?:elected|appointed)\b(?!\s+at\s+the\s+\w+\s+Meeting)"
)
# "The Conference:\n (a) decided ...; and\n (b) decided ...": the Meeting introducing
# lettered sub-items, each opening with one of its verbs.
INTRODUCES_ITEMS = re.compile(r"[ \t]*:[ \t]*\n[ \t]*\(?[a-z0-9]{1,3}\)")
OBJECT_OF = re.compile(
    r"(?i)\b(?:of|in|to|at|by|from|for|with|on|before|during|after|attended|joined|opened)\s+$"
)
SUB_ITEM = re.compile(r"(?:^|\n)[ \t]*\(?[a-z0-9]{1,3}\)[ \t]*" + ADVERBS + r"$")
# A final report numbers its prose; minutes number their agenda headings.
PROSE_WORDS = 12
PROSE_SHARE = 0.6
MIN_PARAGRAPHS = 5


@rule(
    "decisions.position",
    1,
    DecisionFact,
    "A numbered paragraph of a final report in which the Meeting takes a position, once per "
    "type: decided/adopted (decision), welcomed/commended (welcome), noted/recognized (note), "
    "expressed concern (concern), recommended/encouraged (recommendation). Participial "
    "openers, passives and earlier meetings' decisions are not the Meeting's own.",
    examples=(
        example(
            "Report\n\n1. The Meeting opened on Monday in Geneva with remarks by the "
            "President.\n\n2. The Meeting adopted its agenda as contained in the annex to "
            "this report.\n\n3. The Meeting welcomed the report of the Coordinators on "
            "their work.\n\n4. The Meeting noted with concern the use of cluster "
            "munitions.\n\n5. The Meeting encouraged all States to join the Convention "
            "without delay.\n",
            ("2", "decision"),
            ("3", "welcome"),
            ("4", "concern"),
            ("5", "recommendation"),
        ),
        example(
            "Report\n\n1. The Conference opened on Monday in Geneva with remarks by the "
            "President.\n\n2. The Conference considered and adopted the report of the "
            "Preparatory Meeting.\n\n3. It also noted the statements made by the observer "
            "delegations.\n\n4. The delegations heard the Director of the Unit on the "
            "budget.\n\n5. The Conference decided to hold its next meeting in Geneva.\n",
            ("2", "note"),
            ("2", "decision"),
            ("5", "decision"),
        ),
        example(
            "Extract of the final report\n\n31. The Conference took note of the report on "
            "the Fund.\n\n32. The Conference urged States to pay their contributions on "
            "time.\n\n33. Delegations then exchanged views on the work of the Unit over the "
            "year.\n\n34. The Conference commended the Unit on its annual work plan.\n\n35. "
            "The Conference closed its work on Friday afternoon in Geneva.\n",
            ("31", "note"),
            ("32", "recommendation"),
            ("34", "welcome"),
        ),
        example(
            "Final report\n\n4. On 2 May 2031 the Meeting adopted its agenda as proposed by the "
            "President.\n\n5. Having considered the request of Chad, the Meeting granted it, "
            "while expressing concern at the pace of clearance.\n\n6. The delegations of "
            "eleven States then spoke on the budget of the Unit.\n\n7. Closing remarks were "
            "given by the President of the Meeting in Geneva.\n\n8. The Meeting was closed "
            "on Friday afternoon by the President.\n",
            ("4", "decision"),
            ("5", "decision"),
            ("5", "concern"),
        ),
        example(
            "Final report (extract)\n\n2. The Conference opened on Monday in Bangkok with "
            "remarks by its President.\n3. The Conference adopted its agenda as it was proposed "
            "by the President.\n...\n9. The Conference welcomed the statements made by the "
            "observer delegations.\n[...]\n17. The Conference examined the budget of the Unit "
            "and approved it for two years.\n18. The Conference closed its work in Bangkok on "
            "Friday afternoon.\n",
            ("3", "decision"),
            ("9", "welcome"),
            ("17", "decision"),
        ),
        example(
            "Final report\n\n1. The Meeting opened on Monday in Geneva with remarks by the "
            "President.\n\n2. The Meeting reviewed the work plan of the Unit, as revised, and "
            "also endorsed it.\n\n3. The Meeting's host country organized a field visit and "
            "welcomed the delegations.\n\n4. Delegations then exchanged views on the budget "
            "of the Unit.\n\n5. The Meeting closed its work on Friday afternoon in Geneva.\n",
            ("2", "decision"),
        ),
        trap(
            "Minutes of the Coordination Committee meeting\nheld on 7 April 2031\n\n1. "
            "Minutes of the 3 March 2031 meeting approved without change by all present.\n\n"
            "2. The ISU said the budget for the year would be presented to the group in May.\n\n"
            "3. The group of coordinators then discussed the draft plan and its costs at length."
            "\n\n4. Chile reported on its visit to Lima and on the contacts it had with "
            "officials there.\n\n5. The next meeting will be held on 4 May at the Mission.\n",
            ("1", "decision"),
        ),
        trap(
            "Analysis of the request submitted by Peru\n\n1. The Tenth Meeting of States "
            "Parties granted Peru a first extension until 2030.\n\n2. On 3 May Peru submitted "
            "a second request, for two years.\n\n3. The request says that 1.2 km2 remain to "
            "be cleared in the north.\n\n4. The coordinators note that Peru has reported on "
            "time each year.\n\n5. The coordinators recommend that the Meeting grant the "
            "request of Peru.\n",
            ("1", "decision"),
        ),
        trap(
            "Final report\n\nThe Meeting met in Geneva. Its decisions were these:\n\n"
            "12. The Meeting decided to meet again in 2031.\n\nand the Meeting welcomed "
            "the pledges that were made.\n",
            ("12", "decision"),
        ),
        trap(
            "Seventh Meeting of States Parties\n\nFinal report\n\n1. The Meeting opened on "
            "Monday in Geneva with remarks by the President.\n\n2. Recognizing the work of "
            "the Unit, delegations spoke at "
            "length.\n\n3. The Sixth Meeting of States Parties decided to hold meetings "
            "annually.\n\n4. The delegations were encouraged by the progress made.\n\n5. "
            "Several delegations described their national work in detail.\n",
            ("2", "note"),
            ("3", "decision"),
            ("4", "recommendation"),
        ),
    ),
)
def position(view: View, known: Known) -> Iterator[Fact]:
    paragraphs = view.paragraphs
    if not is_report(paragraphs) or not _records_a_meeting(view, known):
        return
    own = own_meeting(view)
    for paragraph in paragraphs:
        found: dict[DecisionType, tuple[int, int]] = {}
        for sentence in view.sentences:
            if paragraph.start <= sentence.start < paragraph.end:
                # "It also noted ..." continues the Meeting only after the Meeting spoke.
                items = introduces_items(view.text[paragraph.start : sentence.end], own)
                for decision_type in positions(
                    sentence.text, own, it_allowed=bool(found), items_allowed=items
                ):
                    found.setdefault(decision_type, (sentence.start, sentence.end))
        for decision_type, (start, end) in found.items():
            yield DecisionFact(view.doc_id, view.span(start, end), paragraph.number, decision_type)


def is_report(paragraphs: list[Paragraph]) -> bool:
    """True when most numbered paragraphs open with prose rather than a heading."""
    if len(paragraphs) < MIN_PARAGRAPHS:
        return False
    prose = sum(1 for p in paragraphs if _opens_with_prose(p.text))
    return prose >= PROSE_SHARE * len(paragraphs)


def _opens_with_prose(text: str) -> bool:
    """A sentence, not a heading: a long first line, a full stop in it, or a first line of
    running words that goes on into the next (reports set in narrow columns)."""
    first_line, _, rest = text.strip().partition("\n")
    if len(first_line.split()) >= PROSE_WORDS or re.search(r"\w\.(?:\s|$)", first_line):
        return True
    little = sum(word.isalpha() and word.islower() for word in first_line.split())
    wraps = bool(rest.strip()) and bool(rest.split("\n", 1)[0].strip())  # no blank line after
    return wraps and len(first_line.split()) >= PROSE_WORDS // 2 and little >= 3


REPORT_TITLE = re.compile(r"(?i)\breport\b")
TITLE_REACH = 600


def _records_a_meeting(view: View, known: Known) -> bool:
    """A meeting's report takes positions: the document records a meeting, or its title
    says it is a report. An analysis or a note that numbers its paragraphs takes none."""
    meetings = [f for f in known.get(MeetingFact, []) if isinstance(f, MeetingFact)]
    return bool(meetings) or bool(REPORT_TITLE.search(view.text[:TITLE_REACH]))


def own_meeting(view: View) -> Ordinal | None:
    """The ordinal of the meeting the document records, read from its title area."""
    found = view.ordinals(0, min(len(view.text), 1500))
    return found[0] if found else None


def introduces_items(text: str, own: Ordinal | None) -> bool:
    """True when the Meeting opens a list of sub-items: "..., the Conference:\n (a) ..."."""
    for match in INTRODUCES_ITEMS.finditer(text):
        head = text[: match.start()]
        subjects = list(SUBJECT.finditer(head))
        if (
            subjects
            and _has_meeting_subject(head, own, it_allowed=False)
            and not OBJECT_OF.search(head[: subjects[-1].start()])
        ):
            return True
    return False


def positions(
    sentence: str,
    own: Ordinal | None,
    it_allowed: bool = True,
    items_allowed: bool = False,
) -> list[DecisionType]:
    """The type of each position the Meeting takes in one sentence. With `items_allowed`
    (the Meeting introduced sub-items), a verb opening a sub-item "(b) decided" is its own."""
    found: list[DecisionType] = []
    previous_end: int | None = None
    for verb in VERB.finditer(sentence):
        head = sentence[: verb.start()]
        if (
            _has_meeting_subject(head, own, it_allowed)
            or (items_allowed and SUB_ITEM.search(head))
            or (
                previous_end is not None
                and (
                    COORDINATED.search(sentence[previous_end : verb.start()])
                    or (
                        verb.group().lower().startswith("whil")
                        and PARTICIPLE_AFTER.search(sentence[previous_end : verb.start()])
                    )
                )
            )
        ):
            found.append(_type_of(verb))
            previous_end = verb.end()
    if PASSIVE_ELECTION.search(sentence):
        found.append(DecisionType.DECISION)
    return found


def _type_of(verb: re.Match[str]) -> DecisionType:
    index = int(next(name for name, value in verb.groupdict().items() if value)[1:])
    return LEXICON[index][1]


def _has_meeting_subject(head: str, own: Ordinal | None, it_allowed: bool) -> bool:
    """True when `head` (the text before a verb) ends with the Meeting as its subject."""
    subjects = list(SUBJECT.finditer(head))
    subject = subjects[-1] if subjects else None
    if subject is None:
        return False
    if not re.fullmatch(ADVERBS, head[subject.end() :]) and not (
        UNLISTED_THEN.fullmatch(head[subject.end() :])
    ):
        return False
    if QUANTIFIER.search(head[: subject.start()]):
        return False
    word = subject.group().split()[0].lower()
    if word == "it":
        return it_allowed and not head[: subject.start()].strip()
    kind = "review-conference" if "conference" in subject.group().lower() else "msp"
    return _is_own(subject["ordinal"], kind, own)


def _is_own(ordinal: str | None, kind: str, own: Ordinal | None) -> bool:
    """An ordinal subject ("the Sixth Meeting", "the First Review Conference") is the Meeting
    only if it names the meeting the document records."""
    if ordinal is None or ordinal.lower() in {"same", "present", "current"}:
        return True
    number = vocab.ordinal_number(ordinal)
    return own is not None and number == own.number and kind == own.kind
