"""Extraction: one document's text in, its facts out, each naming the rule that read it.

`extract_document` runs the spaCy pipeline once (`view.View`), then every registered rule
(`rules.registered()`) in order of the kind it yields; a rule of a later kind reads the facts
of earlier kinds (a Coordination Committee meeting's MSP comes from the presidencies read
before). The runner applies each rule's declared guards, sets `Fact.rule`, and keeps one
fact per kind-specific key: the first rule to read a fact wins, a later one only completes
it (a presidency with its person, a mandate with its years).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ccm_graph.extract.guards import GUARDS
from ccm_graph.extract.rules import KIND_ORDER, Known, Rule, registered, rule_catalog
from ccm_graph.extract.view import View
from ccm_graph.model import (
    ArticleMentionFact,
    AttendanceFact,
    CoordinatorFact,
    DecisionFact,
    DelegateFact,
    DocumentFacts,
    Fact,
    MeetingFact,
    MeetingLinkFact,
    ObligationFact,
    PresidencyFact,
    SourceDocument,
)

__all__ = ["extract_document", "rule_catalog", "run_rules"]


def extract_document(document: SourceDocument, disabled: Iterable[str] = ()) -> DocumentFacts:
    """Every fact the document states, each with the span it was read from and its rule.

    Args:
        document: the document, its text cleaned (see `ingest.cleanup`).
        disabled: names of rules not to run (to measure what a rule adds).
    """
    return DocumentFacts(document, tuple(run_rules(View(document), frozenset(disabled))))


def run_rules(view: View, disabled: frozenset[str] = frozenset()) -> list[Fact]:
    known: Known = {kind: [] for kind in KIND_ORDER}
    keys: dict[type[Fact], dict[tuple, int]] = {kind: {} for kind in KIND_ORDER}
    for rule in registered():
        if rule.name in disabled:
            continue
        for fact in rule.apply(view, known):
            fact = replace(fact, rule=rule.ref)
            if not _vetoed(view, rule, fact):
                _merge(known[rule.kind], keys[rule.kind], fact)
    return [fact for kind in KIND_ORDER for fact in known[kind]]


def _vetoed(view: View, rule: Rule, fact: Fact) -> bool:
    return any(GUARDS[name].veto(view, fact) for name in rule.guards)


def _merge(facts: list[Fact], keys: dict[tuple, int], fact: Fact) -> None:
    key = _key(fact)
    if key not in keys:
        keys[key] = len(facts)
        facts.append(fact)
    elif _completes(fact, facts[keys[key]]):
        facts[keys[key]] = fact


def _key(fact: Fact) -> tuple:
    if isinstance(fact, MeetingFact):
        return ()  # one meeting record per document
    if isinstance(fact, AttendanceFact):
        return (fact.actor,)
    if isinstance(fact, DelegateFact):
        return (fact.actor, fact.person)
    if isinstance(fact, CoordinatorFact):
        return (fact.area, fact.actor)
    if isinstance(fact, PresidencyFact):
        return (fact.msp, fact.actor)
    if isinstance(fact, ArticleMentionFact):
        return (fact.article,)
    if isinstance(fact, ObligationFact):
        return (fact.actor, fact.article, fact.event)
    if isinstance(fact, DecisionFact):
        return (fact.paragraph, fact.decision_type)
    if isinstance(fact, MeetingLinkFact):
        return (fact.relation, fact.date)
    raise TypeError(f"no key for {type(fact).__name__}")


def _completes(new: Fact, old: Fact) -> bool:
    """A later reading replaces an earlier one only when it says more."""
    if isinstance(new, PresidencyFact) and isinstance(old, PresidencyFact):
        return bool(new.person) and not old.person
    if isinstance(new, CoordinatorFact) and isinstance(old, CoordinatorFact):
        return bool(new.years) and not old.years
    return False
