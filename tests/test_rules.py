"""Every extraction rule is a registered object with its examples, and its examples hold.

Each rule declares invented snippets of the genre with the rows it must read from them, and
traps with rows no rule may read. The examples run through the whole extractor: a rule's
expected rows must come from that rule, a trap's rows from none.
"""

from __future__ import annotations

import re

import pytest
from conftest import document

from ccm_graph.extract import extract_document, rule_catalog
from ccm_graph.extract.guards import GUARDS
from ccm_graph.extract.rules import Rule, registered, row

RULES = registered()
EXAMPLES = [
    pytest.param(rule, index, id=f"{rule.name}-{index}")
    for rule in RULES
    for index in range(len(rule.examples))
]


def test_rules_are_registered() -> None:
    assert len(RULES) >= 30
    assert len({rule.name for rule in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_has_two_examples_and_a_trap(rule: Rule) -> None:
    examples = [e for e in rule.examples if not e.is_trap]
    traps = [e for e in rule.examples if e.is_trap]
    assert len(examples) >= 2, f"{rule.name}: give at least two examples in different words"
    assert traps, f"{rule.name}: give at least one trap"
    texts = [e.text for e in rule.examples]
    assert len(set(texts)) == len(texts), f"{rule.name}: examples repeat"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_names_versions_and_guards(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z]+\.[a-z-]+", rule.name), rule.name
    assert rule.version >= 1
    assert rule.description.strip()
    assert set(rule.guards) <= set(GUARDS), set(rule.guards) - set(GUARDS)


@pytest.mark.parametrize(("rule", "index"), EXAMPLES)
def test_rule_examples(rule: Rule, index: int) -> None:
    example = rule.examples[index]
    # The rule alone among the rules of its kind: another one may read the same row first.
    rivals = {r.name for r in RULES if r.kind is rule.kind and r is not rule}
    facts = extract_document(document(example.text), disabled=rivals).facts
    own = {row(f) for f in facts if f.rule == rule.ref and isinstance(f, rule.kind)}
    missing = example.expect - own
    assert not missing, f"{rule.ref} did not read {sorted(missing)}; it read {sorted(own)}"
    everything = extract_document(document(example.text)).facts
    every = {row(f) for f in everything if isinstance(f, rule.kind)}
    trapped = example.forbid & every
    assert not trapped, f"a trap of {rule.ref} was read: {sorted(trapped)}"


def test_the_catalog_describes_every_rule() -> None:
    catalog = {info.ref: info for info in rule_catalog()}
    assert set(catalog) == {rule.ref for rule in RULES}
    for rule in RULES:
        assert catalog[rule.ref].kind == rule.kind_name
        assert catalog[rule.ref].description == rule.description


def test_a_disabled_rule_reads_nothing() -> None:
    text = "Delegates from Fiji and Samoa took part in the seminar."
    on = extract_document(document(text)).facts
    off = extract_document(document(text), disabled={"attendance.prose"}).facts
    assert any(f.rule == "attendance.prose/1" for f in on)
    assert not any(f.rule.startswith("attendance.prose/") for f in off)


def test_every_fact_names_its_rule() -> None:
    text = (
        "MINUTES OF THE CCM COORDINATION COMMITTEE MEETING\nheld on Tuesday, 14 March 2023\n\n"
        "1. Present:\nChile - 11MSP President\nMs. Ana Torres\nPeru\n\n2. Opening\n\nPeru "
        "completed the destruction of its stockpiles under Article 3.\n"
    )
    facts = extract_document(document(text)).facts
    refs = {rule.ref for rule in RULES}
    assert facts and all(f.rule in refs for f in facts)
