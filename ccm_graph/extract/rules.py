"""Rules as registered objects.

A rule has a name and a version, the kind of fact it yields, a description, the shared
guards it declares (`guards.py`), and an examples table: invented snippets of the genre with
the rows the rule must read from them, and traps with rows no rule may read. Every fact
names the rule that produced it (`Fact.rule`, "<name>/<version>"); the graph records it as
`prov:wasGeneratedBy` so that a wrong fact leads back to its rule.

    @rule("attendance.prose", 1, AttendanceFact, "...", guards=("negation",),
          examples=(example("Fiji and Samoa took part in the seminar.", ("FJI", "present"),
                            ("WSM", "present")),
                    trap("Fiji could not attend.", ("FJI", "present"))))
    def prose_participation(view, known): ...

Rows are compared as the competency questions compare answers (see `row`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ccm_graph.model import (
    ArticleMentionFact,
    AttendanceFact,
    CoordinatorFact,
    DecisionFact,
    DelegateFact,
    Fact,
    MeetingFact,
    MeetingLinkFact,
    ObligationFact,
    PresidencyFact,
    RuleInfo,
)

Row = tuple[Any, ...]
Known = dict[type[Fact], list[Fact]]
Apply = Callable[..., Iterable[Fact]]

# The order in which kinds are read: a rule of a later kind may read the facts of earlier ones.
KIND_ORDER: tuple[type[Fact], ...] = (
    DelegateFact,
    PresidencyFact,
    MeetingFact,
    AttendanceFact,
    CoordinatorFact,
    ArticleMentionFact,
    ObligationFact,
    DecisionFact,
    MeetingLinkFact,
)
KIND_NAMES: dict[type[Fact], str] = {
    PresidencyFact: "presidency",
    MeetingFact: "meeting",
    AttendanceFact: "attendance",
    DelegateFact: "delegate",
    CoordinatorFact: "coordinator",
    ArticleMentionFact: "article-mention",
    ObligationFact: "obligation",
    DecisionFact: "decision",
    MeetingLinkFact: "meeting-link",
}


@dataclass(frozen=True)
class Example:
    """A snippet and what it must give: `expect`, rows the rule reads from it; `forbid`,
    rows that no rule may read from it (a trap)."""

    text: str
    expect: frozenset[Row] = frozenset()
    forbid: frozenset[Row] = frozenset()

    @property
    def is_trap(self) -> bool:
        return bool(self.forbid)


def example(text: str, *rows: Row) -> Example:
    return Example(text, frozenset(rows))


def trap(text: str, *rows: Row) -> Example:
    return Example(text, forbid=frozenset(rows))


@dataclass(frozen=True)
class Rule:
    name: str
    version: int
    kind: type[Fact]
    description: str
    apply: Apply = field(compare=False)
    examples: tuple[Example, ...] = ()
    guards: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.name}/{self.version}"

    @property
    def kind_name(self) -> str:
        return KIND_NAMES[self.kind]

    def info(self) -> RuleInfo:
        return RuleInfo(self.name, self.version, self.kind_name, self.description)


RULES: dict[str, Rule] = {}


def rule(
    name: str,
    version: int,
    kind: type[Fact],
    description: str,
    *,
    examples: Iterable[Example] = (),
    guards: Iterable[str] = (),
) -> Callable[[Apply], Apply]:
    """Register the decorated function `f(view, known) -> facts` as a rule."""

    def register(function: Apply) -> Apply:
        if name in RULES:
            raise ValueError(f"rule {name!r} is registered twice")
        RULES[name] = Rule(
            name, version, kind, description, function, tuple(examples), tuple(guards)
        )
        return function

    return register


def registered() -> list[Rule]:
    """Every rule, in the order they run: by kind, then as registered."""
    _load_rules()
    return sorted(RULES.values(), key=lambda r: KIND_ORDER.index(r.kind))


def rule_catalog() -> list[RuleInfo]:
    """What the graph says of each rule."""
    return [r.info() for r in registered()]


def row(fact: Fact) -> Row:
    """A fact as the competency questions compare it."""
    if isinstance(fact, MeetingFact):
        return (str(fact.meeting_type), fact.date, fact.msp)
    if isinstance(fact, AttendanceFact):
        return (fact.actor, str(fact.status))
    if isinstance(fact, DelegateFact):
        return (fact.actor, fact.person)
    if isinstance(fact, CoordinatorFact):
        return (fact.area, fact.actor)
    if isinstance(fact, PresidencyFact):
        return (fact.msp, fact.actor, fact.person)
    if isinstance(fact, ArticleMentionFact):
        return (fact.article,)
    if isinstance(fact, ObligationFact):
        return (fact.actor, fact.article, str(fact.event))
    if isinstance(fact, DecisionFact):
        return (fact.paragraph, str(fact.decision_type))
    if isinstance(fact, MeetingLinkFact):
        return (str(fact.relation), fact.date)
    raise TypeError(f"no row for {type(fact).__name__}")


def _load_rules() -> None:
    # Rules register themselves when their modules are imported.
    from ccm_graph.extract import (  # noqa: F401
        articles,
        attendance,
        coordinators,
        decisions,
        delegates,
        links,
        meetings,
        obligations,
        presidencies,
    )
