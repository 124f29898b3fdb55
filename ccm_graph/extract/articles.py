"""Article mentions: which articles of the Convention on Cluster Munitions a document discusses.

Reads "Article 4", "Art. 4", "Articles 7 and 9", "Article 3 and 4 extension requests",
"Article 3.6" (3), "article 21", OCR slips such as "Articie 7" or "Artic1e 7" and words
hyphenated across a line ("Artic-\nle 4"). An article
of another instrument ("Art. 5 of the APMBC", "article 2 of the rules of procedure", "CCW
Article 9") is left out; so are numbers outside the Convention's 23 articles.
"""

from __future__ import annotations

import re

from ccm_graph.extract.context import Context
from ccm_graph.model import ArticleMentionFact, Fact

LAST_ARTICLE = 23
# A word hyphenated across a line break: "Artic-\nle 4".
_BREAK = r"(?:-[ \t]*\n[ \t]*)?"
# The word (OCR-tolerant: i/l/1 confusions, a line-break hyphen) or its abbreviation, then
# the first number.
WORD = rf"art{_BREAK}[il1]{_BREAK}c{_BREAK}[il1]{_BREAK}es?"
ARTICLE = re.compile(
    rf"(?i)\b(?:{WORD}|arts?\.|arts?(?=\s*\d))[\s-]*"
    r"(?P<numbers>\d{1,2}(?:\.\d{1,2})?(?:\s*\([a-z0-9]{1,3}\))?"
    r"(?:\s*(?:,|and|&|or|to|through|-|–)\s*\d{1,2}(?:\.\d{1,2})?(?:\s*\([a-z0-9]{1,3}\))?"
    r"(?![\d/]))*)(?![\d/])"
)
NUMBER = re.compile(r"(?<![.\d])\d{1,2}(?![\d])")
RANGE = re.compile(r"(\d{1,2})\s*(?:to|through|-|–)\s*(\d{1,2})")
OTHER_INSTRUMENT = (
    r"APMBC|AP\s*MBC|Ottawa\s+Convention|Mine\s+Ban\s+Convention|Anti-?\s*Personnel|CCW|"
    r"Convention\s+on\s+Certain\s+Conventional\s+Weapons|Protocol\s+[IVX]+|Amended\s+Protocol|"
    r"BWC|CWC|ATT|Arms\s+Trade\s+Treaty|NPT"
)
# "Article 5 of the X": only the Convention itself ("the Convention", "this Convention",
# "the Convention on Cluster Munitions", "the CCM") keeps the mention.
OF_SOMETHING = re.compile(
    r"\s*,?\s*(?:paragraph\s+\d+\s+)?of\s+(?:the\s+|this\s+)?(?P<what>\S[^\n]{0,60})"
)
OF_THE_CONVENTION = re.compile(
    r"(?i)(?:Convention|CCM)\b(?!\s+on\s+(?!Cluster))(?!\s+(?:on\s+)?Certain)"
)
OTHER_BEFORE = re.compile(rf"(?i)(?:{OTHER_INSTRUMENT})(?:'s)?\s*$")


def extract(ctx: Context) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[int] = set()
    for match in ARTICLE.finditer(ctx.text):
        if not _of_the_convention(ctx, match):
            continue
        sentence = ctx.sentence_at(match.start())
        for number in numbers(match["numbers"]):
            if number not in seen:
                seen.add(number)
                span = ctx.span(sentence.start, sentence.end)
                facts.append(ArticleMentionFact(ctx.doc_id, span, number))
    return facts


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


def _of_the_convention(ctx: Context, match: re.Match[str]) -> bool:
    """False when the article belongs to another instrument, named just before or after.
    "Article 7 of Cameroon" (the State whose report it is) is still the Convention's."""
    text = ctx.text
    if OTHER_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
        return False
    after = OF_SOMETHING.match(text, match.end())
    if after is None:
        return True
    if OF_THE_CONVENTION.match(after["what"]):
        return True
    states = ctx.within(match.end(), after.end("what"), "state")
    return bool(states) and states[0].start <= after.start("what")
