"""`ccm_dates_v1`: dates as written in the record, to ISO 8601, as `doc.spans["dates"]`.

A full date ("8th November 2018", "November 8, 2018", "4-6 September 2017") is read as
is. A date without its year ("Tuesday 28 February") gets one only when the inference is
sound: the weekday fixes the year among the years the document itself speaks of.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from ccm_graph.nlp import index
from ccm_graph.nlp.doctext import doc_text

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?)?"
)
# A day number with its OCR-mangled suffixes ("25th", "25\"", "29<sup>th</sup>").
_DAY = r"(?P<day>[0-3]?\d)(?:\s*(?:<sup>)?(?:st|nd|rd|th|t|h)(?:</sup>)?|\"|”)?"
_RANGE = r"(?P<range>\s*(?:-|–|—|to|and|&)\s*[0-3]?\d(?:st|nd|rd|th)?)?"
# A year may carry an OCR slip of the letter O for a zero ("2O30").
_YEAR = r"(?:,?\s+(?P<year>(?:19|2[0O])[\dO]\d|(?:19|2[0O])\d[\dO]))?"

# The weekday is read back from where a date starts, not tried at every position of the text.
# A number after a slash is a document symbol's ("CCM/MSP/2029/9 - 13 September"), no day.
DAY_FIRST = re.compile(rf"(?i)(?<!/)\b{_DAY}{_RANGE}(?:\s+of)?\s+{_MONTH}{_YEAR}(?![\w])")
MONTH_FIRST = re.compile(rf"(?i)\b{_MONTH}\s+{_DAY}{_RANGE}{_YEAR}(?![\w])")
WEEKDAY_BEFORE = re.compile(rf"(?i)\b{_WEEKDAY}$")
WEEKDAY_REACH = 16  # "Wednesday, the "
# Geneva documents write numeric dates day first: "12/03/2018", "9.4.2024" (never US-style).
NUMERIC = re.compile(
    r"(?<![\d./])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)"
    r"(?![\d/]|\.\d)"  # a full stop may end the sentence: "convened for 07/11/2030."
)
ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d(?![\d/])")
# Every date above starts with a number, or with a month right before one: the patterns are
# tried where a run of digits starts (and at the month before it).
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None
    is_range: bool = False

    def iso(self) -> str | None:
        if self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Every day-and-month date in text[start:end], with its year where written."""
    end = len(text) if end is None else end
    numbers = [match.start() for match in DIGITS.finditer(text, start, end)]
    found: dict[int, DateMention] = {}
    day_first = _matches(DAY_FIRST, text, numbers, end)
    month_first = _matches(MONTH_FIRST, text, _months_before(text, numbers, start), end)
    for match in itertools.chain(day_first, month_first):
        weekday = WEEKDAY_BEFORE.search(
            text, max(start, match.start() - WEEKDAY_REACH), match.start()
        )
        if weekday is not None and not weekday["weekday"]:
            weekday = None
        mention = _mention(match, weekday)
        if mention and mention.start not in found:
            found[mention.start] = mention
    for match in _matches(NUMERIC, text, numbers, end):
        day, month = int(match["day"]), int(match["month"])
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.setdefault(
                match.start(),
                DateMention(match.start(), match.end(), day, month, int(match["year"]), None),
            )
    for match in _matches(ISO, text, numbers, end):
        found.setdefault(
            match.start(),
            DateMention(
                match.start(),
                match.end(),
                int(match["day"]),
                int(match["month"]),
                int(match["year"]),
                None,
            ),
        )
    return _cross_month_ranges(text, [found[k] for k in sorted(found)])


def _matches(
    pattern: re.Pattern[str], text: str, candidates: list[int], end: int
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text, start, end)` yields when no match can start elsewhere
    than at `candidates` (in order): the pattern is tried there only, not at every position
    of the text (the scan cost most of the pipeline's dates)."""
    last = 0
    for position in candidates:
        if position >= last:
            match = pattern.match(text, position, end)
            if match is not None:
                yield match
                last = match.end()


def _months_before(text: str, numbers: list[int], start: int) -> list[int]:
    """Where a month written before a day ("March 5") may start: the word before the
    spaces (and a full stop) before a number."""
    found = []
    for number in numbers:
        position = number
        while position > start and text[position - 1].isspace():
            position -= 1
        if position == number:
            continue  # a day written after its month follows spaces
        if position > start and text[position - 1] == ".":
            position -= 1
        word_end = position
        while position > start and _is_word(text[position - 1]):
            position -= 1
        if position < word_end:
            found.append(position)
    return found


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what `\w` matches


def _cross_month_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """'30 August to 2 September 2022': the first day takes the year of the last."""
    fixed = list(mentions)
    for position, (first, last) in enumerate(itertools.pairwise(mentions)):
        if first.year is not None or last.year is None:
            continue
        if not re.fullmatch(r"\s*(?:-|–|—|to|until|till)\s*", text[first.end : last.start]):
            continue
        year = last.year if first.month <= last.month else last.year - 1
        fixed[position] = DateMention(
            first.start, last.end, first.day, first.month, year, first.weekday, True
        )
    return fixed


def _mention(match: re.Match[str], weekday_match: re.Match[str] | None) -> DateMention | None:
    month = MONTHS.get(match["month"].lower().rstrip("."))
    day = int(match["day"])
    if not month or not 1 <= day <= 31:
        return None
    weekday = WEEKDAYS.index(weekday_match["weekday"].lower()) if weekday_match else None
    start = weekday_match.start() if weekday_match else match.start()
    year = int(match["year"].upper().replace("O", "0")) if match["year"] else None
    is_range = bool(match["range"])
    return DateMention(start, match.end(), day, month, year, weekday, is_range)


def document_years(text: str, found: list[DateMention] | None = None) -> Counter[int]:
    """Years written in full dates of the text (else any four-digit year), with their counts;
    `found`: the text's dates when they are known already."""
    years = Counter(d.year for d in (find_dates(text) if found is None else found) if d.year)
    return years or Counter(int(y) for y in YEAR.findall(text))


def infer_year(
    mention: DateMention, years: Counter[int] | set[int], widen: bool = True
) -> int | None:
    """The year of a date written without one ("Thursday 5 March"): the one year next to the
    document's own years whose calendar fits the weekday. Tried around the most frequent year
    first, then around all of them; no answer when two years fit."""
    if mention.year is not None:
        return mention.year
    if mention.weekday is None or not years:
        return None
    counts = years if isinstance(years, Counter) else Counter(years)
    ranked = counts.most_common(2)
    margin = 1 if widen else 0
    windows = [range(min(counts) - margin, max(counts) + 1 + margin)]
    if widen and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        main = ranked[0][0]
        windows.insert(0, range(main - 1, main + 2))
    for window in windows:
        fits = [year for year in window if _weekday(year, mention) == mention.weekday]
        if len(fits) == 1:
            return fits[0]
        if len(fits) > 1:
            return None
    return None


def _weekday(year: int, mention: DateMention) -> int | None:
    try:
        return dt.date(year, mention.month, mention.day).weekday()
    except ValueError:
        return None


def resolved(
    mentions: list[DateMention], years: Counter[int] | set[int], widen: bool = True
) -> Iterator[tuple[DateMention, str]]:
    """(mention, ISO date) for each mention whose year is written or soundly inferred."""
    for mention in mentions:
        year = infer_year(mention, years, widen)
        if year is None:
            continue
        try:
            yield mention, dt.date(year, mention.month, mention.day).isoformat()
        except ValueError:
            continue


@Language.factory("ccm_dates_v1", assigns=["doc.spans"])
def make_dates(nlp: Language, name: str) -> DateComponent:
    return DateComponent()


class DateComponent:
    """Marks every date of `find_dates` (label `range` for "4-6 September", else `date`);
    `mention(span)` reads the date back."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for found in find_dates(doc_text(doc)):
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            if span is not None:
                spans.append(
                    Span(doc, span.start, span.end, label="range" if found.is_range else "date")
                )
        index.put(doc, "dates", spans)
        return doc


def mention(span: Span) -> DateMention:
    """The date a span of `doc.spans["dates"]` holds, with offsets into its Doc."""
    found = find_dates(doc_text(span.doc), span.start_char, span.end_char)
    if not found:
        raise ValueError(f"no date in {span.text!r}")
    return found[0]
