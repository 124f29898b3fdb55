"""Guards shared between rules: the readings that turn a candidate fact down.

A rule declares the guards that apply to it (`@rule(..., guards=("negation",))`); the
runner asks each declared guard about every fact the rule proposes and drops a fact that a
guard vetoes. A guard reads the layout unit around the fact's evidence and the cue lexicon
(`data/patterns/cues.tsv`), never a wording of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ccm_graph.extract.view import Segment, View
from ccm_graph.model import Fact
from ccm_graph.nlp import vocab

Veto = Callable[[View, Fact], bool]
# ", and noted ...": a second predicate, not the last item of a list (", and Ghana").
CLAUSE_BREAK = re.compile(
    r";|:\s|\bbut\b|\bwhile\b|\bwhereas\b|\bhowever\b|\bexcept\b|,\s+and\s+(?!the\b)(?=(?-i:[a-z]))",
    re.I,
)


@dataclass(frozen=True)
class Guard:
    name: str
    description: str
    veto: Veto


GUARDS: dict[str, Guard] = {}


def guard(name: str, description: str) -> Callable[[Veto], Veto]:
    def register(function: Veto) -> Veto:
        GUARDS[name] = Guard(name, description, function)
        return function

    return register


def clause_of(view: View, start: int, end: int) -> Segment:
    """The clause of its sentence that holds text[start:end] (cut at ";", ":", "but", ...)."""
    sentence = view.sentence_at(start)
    clause_start, clause_end = sentence.start, max(sentence.end, end)
    for match in CLAUSE_BREAK.finditer(view.text, sentence.start, sentence.end):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return Segment(clause_start, clause_end, view.text[clause_start:clause_end])


@guard("negation", "the clause says the actor did not take part ('could not attend')")
def negated(view: View, fact: Fact) -> bool:
    clause = clause_of(view, fact.span.start, fact.span.end)
    return view.has_cue("absence", clause.start, clause.end)


def names_other_instrument(view: View, start: int, end: int) -> bool:
    """True when text[start:end] names another treaty and not the Convention itself."""
    treaties = view.in_("instruments", start, end, "treaty")
    return (
        bool(treaties)
        and not view.has_cue("self", start, end)
        and not re.search(r"(?i)cluster\s+munition", view.text[start:end])
    )


@guard("other-instrument", "the clause is about another convention (APMBC, CCW, ...)")
def other_instrument(view: View, fact: Fact) -> bool:
    clause = clause_of(view, fact.span.start, fact.span.end)
    return names_other_instrument(view, clause.start, max(clause.end, fact.span.end))


@guard("future", "the clause says it will happen, not that it happened")
def future(view: View, fact: Fact) -> bool:
    clause = clause_of(view, fact.span.start, fact.span.end)
    return view.has_cue("future", clause.start, fact.span.start)


# "will attend": a promise, not a record ("supports the plan and will attend").
MODAL = re.compile(
    r"(?i)\b(?:will|shall|may|might|could|can|should|would\s+like\s+to|(?:be\s+)?invited\s+to|"
    r"encouraged\s+to|urged\s+to|eligible\s+to|entitled\s+to|expected\s+to|plans?\s+to|"
    r"intends?\s+to|hopes?\s+to)\s+(?:\w+\s+)?$"
)
MODAL_REACH = 40


@guard(
    "modal",
    "the clause says the actor will, may or is invited to take part, not that it did",
)
def modal(view: View, fact: Fact) -> bool:
    clause = clause_of(view, fact.span.start, fact.span.end)
    cues = view.cues("participation", fact.span.start, fact.span.end) or view.cues(
        "participation", clause.start, clause.end
    )
    return any(
        MODAL.search(view.text[max(clause.start, cue.start_char - MODAL_REACH) : cue.start_char])
        for cue in cues
    )


PAST_REACH = 40


@guard("past-holder", "the role is a past one ('its former co-coordinator')")
def past_holder(view: View, fact: Fact) -> bool:
    sentence = view.sentence_at(fact.span.start)
    start = max(sentence.start, fact.span.start - PAST_REACH)
    return view.has_cue("past", start, fact.span.end)


@guard("organizer", "the actor organized, convened, hosted or funded, or is the venue")
def organizer(view: View, fact: Fact) -> bool:
    clause = clause_of(view, fact.span.start, fact.span.end)
    before = view.in_("cues", clause.start, fact.span.start, "organizing", "venue", "participation")
    return bool(before) and before[-1].label_ in ("organizing", "venue")


@guard("state-holder", "only a State holds the office (not an organization)")
def not_a_state(view: View, fact: Fact) -> bool:
    actor = getattr(fact, "actor", "")
    return actor not in vocab.state_names()
