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
from ccm_graph.model import DecisionFact, DecisionType, Fact
from ccm_graph.nlp import vocab

# Verb phrases (finite, past tense) and the type of position each expresses. Qualified
# forms come first so that "acknowledged with appreciation" is a welcome and not a note.
LEXICON: list[tuple[str, DecisionType]] = [
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
        r"|endorsed",
        DecisionType.DECISION,
    ),
    (
        r"recommended|underlined|stressed|emphasi[sz]ed|encouraged|urged|called\s+(?:up)?on",
        DecisionType.RECOMMENDATION,
    ),
    (r"noted|took\s+note|recogni[sz]ed|acknowledged|considered|heard", DecisionType.NOTE),
]
VERB = re.compile(
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
    r"(?:Meeting(?:\s+of\s+(?:the\s+)?States\s+Parties)?|(?:Review\s+)?Conference)"
    r"(?:\s+(?:of|to)\s+the\s+Convention(?:\s+on\s+Cluster\s+Munitions)?)?\b"
    r"|(?<!-)\b(?:the\s+)?States\s+Parties\b"
    r"|\bIt\b"
)
QUANTIFIER = re.compile(
    r"(?i)\b(?:a\s+few|few|all|other|several|some|many|most|those|these|certain|individual|"
    r"affected|remaining|\d+|[a-z]+-[a-z]+|two|three|four|five|six|seven|eight|nine|ten)\s+$"
)
COORDINATED = re.compile(r"(?i)(?:,\s*)?\band\b" + ADVERBS + r"$")
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
    if not is_report(paragraphs):
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
    first_line = text.strip().split("\n", 1)[0]
    return len(first_line.split()) >= PROSE_WORDS or bool(re.search(r"\w\.(?:\s|$)", first_line))


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
                and COORDINATED.search(sentence[previous_end : verb.start()])
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
    if subject is None or not re.fullmatch(ADVERBS, head[subject.end() :]):
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
