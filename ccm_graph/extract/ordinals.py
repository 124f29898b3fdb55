"""Meeting ordinals as the record writes them: "9MSP", "9th MSP", "Ninth Meeting of States
Parties", "12th Meeting of States Parties", "Second Review Conference"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccm_graph.nlp.gazetteer import ORDINAL_WORDS, ordinal_number

_WORDS = "|".join(ORDINAL_WORDS)
MSP = re.compile(
    rf"(?i)\b(?P<ordinal>\d{{1,2}}\s*(?:st|nd|rd|th|t)?|{_WORDS})\s*"
    r"(?:MSP\b|(?:Meeting|Meetings)\s+of\s+(?:the\s+)?States\s+Part(?:ies|y)\b)"
)
REVIEW_CONFERENCE = re.compile(
    rf"(?i)\b(?P<ordinal>\d{{1,2}}\s*(?:st|nd|rd|th)?|{_WORDS})\s*"
    r"(?:RC\b|Review\s+Conference\b)"
)
# Another convention's meetings, which share the words but not the numbering.
OTHER_CONVENTION = re.compile(
    r"(?i)\b(?:APMBC|AP\s*MBC|Anti-?\s*Personnel\s+Mine\s+Ban\s+Convention|Mine\s+Ban\s+Convention|"
    r"Ottawa\s+Convention|CCW|Protocol\s+V|Amended\s+Protocol\s+II)\b"
)


@dataclass(frozen=True)
class Ordinal:
    start: int
    end: int
    number: int
    kind: str  # "msp" or "review-conference"


def find(text: str, start: int = 0, end: int | None = None) -> list[Ordinal]:
    """CCM meeting ordinals in text[start:end]; those of another convention are left out."""
    end = len(text) if end is None else end
    found = []
    for kind, pattern in (("msp", MSP), ("review-conference", REVIEW_CONFERENCE)):
        for match in pattern.finditer(text, start, end):
            number = ordinal_number(match["ordinal"])
            if number and not _other_convention(text, match.start(), match.end()):
                found.append(Ordinal(match.start(), match.end(), number, kind))
    return sorted(found, key=lambda o: o.start)


def _other_convention(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 45) : start]
    after = text[end : end + 25]
    return bool(
        OTHER_CONVENTION.search(before) or re.match(r"\s*(?:of|to)\s+the\s+(?:APMBC|CCW)", after)
    )
