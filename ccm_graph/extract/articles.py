"""Article mentions: which articles of the Convention on Cluster Munitions a document discusses.

Reads "Article 4", "Art. 4", "Articles 7 and 9", "Article 3 and 4 extension requests",
"Article 3.6" (3), "article 21", OCR slips such as "Articie 7" or "Artic1e 7" and words
hyphenated across a line ("Artic-\\nle 4"). An article of another instrument ("Art. 5 of the
APMBC", "article 2 of the rules of procedure", "CCW Article 9": the instruments of
`data/patterns/instruments.tsv`) is left out; so are numbers outside the 23 articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ccm_graph.extract.guards import clause_of, names_other_instrument
from ccm_graph.extract.rules import Known, example, rule, trap
from ccm_graph.extract.view import View
from ccm_graph.model import ArticleMentionFact, Fact
from ccm_graph.nlp import casefree

LAST_ARTICLE = 23
# A word hyphenated across a line break: "Artic-\nle 4".
_BREAK = r"(?:-[ \t]*\n[ \t]*)?"
# The word (OCR-tolerant: i/l/1 confusions, a line-break hyphen) or its abbreviation.
WORD = rf"art{_BREAK}[il1]{_BREAK}c{_BREAK}[il1]{_BREAK}es?"
ARTICLE = casefree.compile(
    rf"(?i)\b(?:{WORD}|arts?\.|arts?(?=\s*\d))[\s-]*"
    r"(?P<numbers>\d{1,2}(?:\.\d{1,2})?(?:\s*\([a-z0-9]{1,3}\))?"
    r"(?:\s*(?:,|and|&|or|to|through|-|–)\s*\d{1,2}(?:\.\d{1,2})?(?:\s*\([a-z0-9]{1,3}\))?"
    r"(?![\d/]))*)(?![\d/])"
)
NUMBER = re.compile(r"(?<![.\d])\d{1,2}(?![\d])")
RANGE = re.compile(r"(\d{1,2})\s*(?:to|through|-|–)\s*(\d{1,2})")
OF_SOMETHING = re.compile(
    r"\s*,?\s*(?:paragraph\s+\d+\s+)?of\s+(?:the\s+|this\s+)?"
    r"(?P<what>\S(?:[^\n]|\n(?![ \t]*\n)){0,60})"
)
OF_THE_CONVENTION = re.compile(
    r"(?i)(?:Convention|CCM)\b(?!\s+on\s+(?!Cluster))(?!\s+(?:on\s+)?Certain)"
)
OTHER_REACH = 40


def numbers(written: str) -> list[int]:
    """The article numbers of "7 and 9", "3.6" (3), "3 to 5" (3, 4, 5), "7 (a)" (7)."""
    bare = re.sub(r"\([a-z0-9]{1,3}\)", "", written, flags=re.I)
    bare = re.sub(r"(\d{1,2})\.\d{1,2}", r"\1", bare)
    found: list[int] = []
    for low, high in RANGE.findall(bare):
        if int(low) < int(high) <= LAST_ARTICLE:
            found.extend(range(int(low), int(high) + 1))
    found.extend(int(n) for n in NUMBER.findall(bare))
    return [n for n in dict.fromkeys(found) if 1 <= n <= LAST_ARTICLE]


def of_the_convention(view: View, match: re.Match[str]) -> bool:
    """False when the article belongs to another instrument, named just before or after.
    "Article 7 of Cameroon" (the State whose report it is) is still the Convention's."""
    before = view.in_("instruments", max(0, match.start() - OTHER_REACH), match.start())
    if before and not view.text[before[-1].end_char : match.start()].strip(" '’s"):
        return False
    if _clause_of_other_instrument(view, match) or _its_treaty(view, match):
        return False
    after = OF_SOMETHING.match(view.text, match.end())
    if after is None:
        return True
    if OF_THE_CONVENTION.match(after["what"]):
        return True
    if view.in_("instruments", after.start("what"), after.end("what")):
        return False
    states = view.within(match.end(), after.end("what"), "state")
    return bool(states) and states[0].start <= after.start("what")


def _clause_of_other_instrument(view: View, match: re.Match[str]) -> bool:
    """True when the article's clause is about another treaty ("its Article 5 obligations
    under the APMBC"), one that is not already the owner of another article ("Article 9 of
    Protocol V"), and does not name the Convention itself."""
    clause = clause_of(view, match.start(), match.end())
    if not names_other_instrument(view, clause.start, clause.end):
        return False
    owned: list[tuple[int, int]] = []
    for other in ARTICLE.finditer(view.text, clause.start, clause.end):
        after = OF_SOMETHING.match(view.text, other.end())
        if other.start() != match.start() and after is not None:
            owned.append((after.start("what"), after.end("what")))
    treaties = view.in_("instruments", clause.start, clause.end, "treaty")
    return any(not any(s <= t.start_char < e for s, e in owned) for t in treaties)


def _its_treaty(view: View, match: re.Match[str]) -> bool:
    """'Lebanon is not party to the APMBC, and its Article 5 does not apply': "its" takes up
    the nearest name before it in the sentence, here another treaty, not the State."""
    if not re.search(
        r"(?i)\b(?:its|their)\s+$", view.text[max(0, match.start() - 8) : match.start()]
    ):
        return False
    sentence = view.sentence_at(match.start())
    named = [
        *view.in_("instruments", sentence.start, match.start(), "treaty"),
        *view.in_("actors", sentence.start, match.start()),
    ]
    nearest = max(named, key=lambda span: span.end_char, default=None)
    return (
        nearest is not None
        and nearest.label_ == "treaty"
        and nearest in view.in_("instruments", sentence.start, match.start(), "treaty")
        and not view.has_cue("self", nearest.start_char, match.start())
    )


def mentions(view: View) -> Iterator[tuple[re.Match[str], list[int]]]:
    """Each CCM article mention with its numbers."""
    for match in ARTICLE.finditer(view.text):
        if of_the_convention(view, match):
            yield match, numbers(match["numbers"])


@rule(
    "articles.mention",
    1,
    ArticleMentionFact,
    "'Article 4', 'Art. 9', 'Articles 7 and 9', 'the Article 6 Coordinators', OCR slips "
    "('Articie 7'); not an article of another instrument.",
    examples=(
        example("Chile submitted its Article 7 report.", (7,)),
        example(
            "Like the APMBC, the Convention on Cluster Munitions asks for Article 7 reports; "
            "Peru reported under the Ottawa Convention but not yet under Article 9.",
            (7,),
            (9,),
        ),
        example(
            "Art. 4 Clearance implementation\nArticles 3 and 9 were discussed.", (4,), (3,), (9,)
        ),
        trap("Article 5 of the APMBC and Action 4 of the Dubrovnik Action Plan.", (5,), (4,)),
        trap("under article 2 of the rules of procedure", (2,)),
        trap(
            "The ISU met the CCW Group on Article 9 matters. Peru has met its Article 5 "
            "obligations under the Anti-Personnel Mine Ban Convention.",
            (9,),
            (5,),
        ),
        trap(
            "Chile has joined the Ottawa Convention, and its Article 5 deadline is 2030.",
            (5,),
        ),
        example(
            "The APMBC meeting ended; Chile then presented its Article 4 work plan.",
            (4,),
        ),
        example(
            "Peru's new law covers Article 9 and, much like Article 14 of the\nOttawa "
            "Convention, sets penalties.",
            (9,),
        ),
    ),
)
def mention(view: View, known: Known) -> Iterator[Fact]:
    for match, found in mentions(view):
        sentence = view.sentence_at(match.start())
        for number in found:
            yield ArticleMentionFact(view.doc_id, view.span(sentence.start, sentence.end), number)
