"""Readers of the text's own structure: paragraphs, lines, headings, list items, numbered
paragraphs, parenthesised groups and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from ccm_graph.nlp import index
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import Mark, reader

MARKUP = re.compile(r"[*_#`]+")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def plain(text: str) -> str:
    """Text without Markdown emphasis marks (for matching only: lengths change)."""
    return MARKUP.sub("", text)


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of text[start:end], line breaks excluded."""
    end = len(text) if end is None else end
    position = start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        yield position, stop
        position = stop + 1


@reader("paragraphs.v1")
def read_paragraphs(doc: Doc) -> Iterator[Mark]:
    text = doc_text(doc)
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            yield Mark("paragraphs", start, match.start(), "paragraph")
        start = match.end()
    if text[start:].strip():
        yield Mark("paragraphs", start, len(text), "paragraph")


@reader("lines.v1")
def read_lines(doc: Doc) -> Iterator[Mark]:
    for start, end in line_spans(doc_text(doc)):
        if doc_text(doc)[start:end].strip():
            yield Mark("lines", start, end, "line")


# --- headings ---------------------------------------------------------------------------------

NUMBERED = re.compile(r"(?:agenda\s+item\s+)?(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S", re.I)


@reader("headings.v1")
def read_headings(doc: Doc) -> Iterator[Mark]:
    """Heading lines: numbered ("5.1 Victim Assistance (Ireland & Spain)"), emphasised
    ("**List of Attendees:**", "# Final report"), short title-case or all-caps lines."""
    for start, end in line_spans(doc_text(doc)):
        line = doc_text(doc)[start:end]
        bare = plain(line).strip()
        if (
            not bare
            or len(bare) > 160
            or (bare.endswith((".", ";", ",")) and not re.match(r"\d", bare))
        ):
            continue
        numbered = NUMBERED.match(bare)
        if numbered:
            yield Mark("headings", start, end, "numbered", numbered.group(1))
        elif line.strip().startswith(("**", "#", "*", "_")):
            yield Mark("headings", start, end, "emphasis")
        elif len(bare.split()) <= 12 and bare[:1].isupper() and _is_title_case(bare):
            label = "caps" if bare.upper() == bare else "title"
            yield Mark("headings", start, end, label)


# In a line whose breaks were lost, a numbered heading with its holders still stands out:
# "... to the Committee. 5.1 Victim Assistance (Ireland & Spain) On behalf of ...".
INLINE_HEADING = re.compile(
    r"(?<=\s)(?P<number>\d{1,2}\.\d{1,2})\.?\s+[A-Z][^().!?\n]{2,80}?\s*\([^()]{2,80}\)"
)
LONG_LINE = 300


# A section number after a sentence end: a heading whose title cannot be told from the prose.
INLINE_NUMBER = re.compile(r"(?<=[.!?:”\")*]\s)(?P<number>\d{1,2}\.\d{1,2})\.?\s+(?=[A-Z])")
HOLDERS_AFTER = re.compile(r"\s*\([^()]{2,80}\)")


@reader("inline_headings.v1")
def read_inline_headings(doc: Doc) -> Iterator[Mark]:
    """Headings inside a long line (a flattened PDF): a numbered heading with its holders
    ("5.1 Victim Assistance (Ireland & Spain)"), an area with its holders after a sentence
    ("... the approach. Stockpile Destruction (Croatia and Mexico) On the ..."), and a bare
    section number, which starts a section even when its title cannot be told from the prose
    (the title then is the area named right after it, if any)."""
    text = doc_text(doc)
    for start, end in line_spans(text):
        if end - start < LONG_LINE:
            continue
        found = {m.start(): m for m in INLINE_HEADING.finditer(text, start, end)}
        for match in found.values():
            yield Mark("headings", match.start(), match.end(), "numbered", match["number"])
        for match in INLINE_NUMBER.finditer(text, start, end):
            if match.start() in found:
                continue
            areas = index.within(doc, "areas", match.end(), match.end() + 120)
            stop = (
                areas[0].end_char if areas and areas[0].start_char == match.end() else match.end()
            )
            yield Mark("headings", match.start(), stop, "numbered", match["number"])
        for area in index.within(doc, "areas", start, end):
            if text[area.start_char : area.start_char + 1].islower():
                continue  # a heading's area is capitalised
            holders = HOLDERS_AFTER.match(text, area.end_char, end)
            if holders and index.within(doc, "actors", holders.start(), holders.end()):
                yield Mark("headings", area.start_char, holders.end(), "title")


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# --- list items -------------------------------------------------------------------------------

ITEM_MARKER = re.compile(
    r"^[ \t>]*(?P<marker>[•·▪◦○●‣∙*\-–—](?=[ \t])|\(?(?P<number>\d{1,2})[.)](?=[ \t])"
    r"|\((?P<letter>[a-z]{1,4})\)|(?P<bare_letter>[a-z])\)(?=[ \t]))[ \t]*"
)


# A lettered item inside a long line: "...; (b) Working group on universalization: France ...".
INLINE_ITEM = re.compile(r"(?<=[\s;:])\((?P<letter>[a-z]{1,2}|[ivx]{1,4})\)\s+")


def _inline_items(text: str, start: int, end: int) -> Iterator[Mark]:
    markers = list(INLINE_ITEM.finditer(text, start, end))
    for position, marker in enumerate(markers):
        stop = markers[position + 1].start() if position + 1 < len(markers) else end
        item_end = text.find(";", marker.end(), stop)
        item_end = stop if item_end == -1 else item_end
        yield Mark("items", marker.end(), item_end, "letter", f"({marker['letter']})")


@reader("list_items.v1")
def read_list_items(doc: Doc) -> Iterator[Mark]:
    """List items, from their marker to the next item, heading or blank line: lines opened
    by a bullet ("•", "-", "*"), a number ("1.", "2)") or a letter ("(a)", "b)"); a line that
    follows an item without a marker of its own continues it."""
    text = doc_text(doc)
    open_item: tuple[int, str, str] | None = None
    last_end = 0
    for start, end in line_spans(text):
        line = text[start:end]
        match = ITEM_MARKER.match(line)
        if match and line[match.end() :].strip():
            if open_item:
                yield Mark("items", open_item[0], last_end, open_item[1], open_item[2])
            open_item = (start + match.end(), _marker_kind(match), match.group().strip())
        elif open_item and (not line.strip() or line.lstrip().startswith(("#", "**"))):
            yield Mark("items", open_item[0], last_end, open_item[1], open_item[2])
            open_item = None
        last_end = end if line.strip() else last_end
    if open_item:
        yield Mark("items", open_item[0], last_end, open_item[1], open_item[2])
    for start, end in line_spans(text):
        if end - start >= LONG_LINE:  # a flattened text keeps its lettered items inline
            yield from _inline_items(text, start, end)


def _marker_kind(match: re.Match[str]) -> str:
    if match["number"]:
        return "number"
    if match["letter"] or match["bare_letter"]:
        return "letter"
    return "bullet"


# --- numbered paragraphs of reports -----------------------------------------------------------

PARAGRAPH_NUMBER = re.compile(r"(?m)^[ \t]*(\d{1,3})\.[ \t]+(?=\S)")
ANNEX_HEADING = re.compile(r"(?im)^[ \t#*_]*Annex(?:e)?\s+([IVXLC]+|\d+)\b[^\n]*$")
# A space before "12. The" or "Annex I" in a report whose line breaks were flattened.
INLINE_BREAK = re.compile(
    r"(?<=[\w.:;!?\"”)#*>])[ \t](?=\d{1,3}\.[ \t]+[A-Z\"“(])"
    r"|(?<=[.:;!?\"”)#*>])[ \t](?=#*[ \t]*Annex(?:e)?\s+[IVXLC\d]+\b)"
)
MIN_PARAGRAPHS = 5


@reader("numbered_paragraphs.v1")
def read_numbered_paragraphs(doc: Doc) -> Iterator[Mark]:
    """Numbered paragraphs ("26. The Meeting ..."), annex paragraphs prefixed ("Annex I.3");
    in a text whose line breaks were flattened, the numbers after a sentence end."""
    found = numbered_paragraphs(doc_text(doc))
    if len(found) < MIN_PARAGRAPHS:
        unflattened = INLINE_BREAK.sub("\n", doc_text(doc))
        if unflattened != doc_text(doc):
            found = numbered_paragraphs(unflattened)
    for start, end, number in found:
        yield Mark("numbered", start, end, "paragraph", number)


def numbered_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(body start, end, number) of each numbered paragraph of `text`."""
    annexes = [
        (m.start(), f"Annex {m.group(1).upper()}")
        for m in ANNEX_HEADING.finditer(text)
        if not _continues_sentence(text, m.start())
    ]
    starts = []
    for match in PARAGRAPH_NUMBER.finditer(text):
        annex = next((name for pos, name in reversed(annexes) if pos < match.start()), None)
        number = f"{annex}.{match.group(1)}" if annex else match.group(1)
        starts.append((match.start(), match.end(), number))
    paragraphs = []
    bounds = [*[s for s, _, _ in starts[1:]], len(text)] if starts else []
    for (start, body, number), end in zip(starts, bounds, strict=True):
        end = min([end, *(pos for pos, _ in annexes if start < pos < end)])
        paragraphs.append((body, end, number))
    return _sequential(paragraphs, text)


def _continues_sentence(text: str, position: int) -> bool:
    """True when the line at `position` wraps a sentence of the line before ("... contained
    in\\nAnnex I."): that line is not blank and does not end a sentence or a heading."""
    previous = text[: max(0, position - 1)].rsplit("\n", 1)[-1]
    bare = plain(previous).strip()
    return bool(bare) and bool(re.search(r"[a-z,]$", bare))


# A line that marks paragraphs left out of an extract: "...", "…", "[...]".
ELISION = re.compile(r"(?m)^[ \t]*\[?(?:\.[ \t]?\.[ \t]?\.|…)\]?[ \t]*$")


def _sequential(paragraphs: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """Keep paragraph numbers that continue a run (1, 2, 3 ...), not stray list numbers. An
    extract may open anywhere in a report ("21. ... 22. ..."): a first number above 3 starts
    a run only when the next paragraph of its level follows it closely; after an elision
    line ("...") the run may go on at any higher number."""
    numbers = [_number(paragraph) for paragraph in paragraphs]
    kept = []
    last: dict[str, int] = {}
    for position, (prefix, value) in enumerate(numbers):
        previous = last.get(prefix)
        if previous is None:
            follows = [v for p, v in numbers[position + 1 :] if p == prefix][:1]
            starts = value <= 3 or bool(follows and value < follows[0] <= value + 3)
        else:
            elided = position > 0 and ELISION.search(text, *paragraphs[position - 1][:2])
            starts = previous < value and (value <= previous + 3 or bool(elided))
        if starts:
            kept.append(paragraphs[position])
            last[prefix] = value
    return kept


def _number(paragraph: tuple[int, int, str]) -> tuple[str, int]:
    prefix, _, digits = paragraph[2].rpartition(".")
    return prefix, int(digits)


# --- parenthesised groups ---------------------------------------------------------------------

LONGEST_PARENTHESIS = 400
BRACKET = re.compile(r"[()]|\n[ \t]*\n")


@reader("parens.v1")
def read_parens(doc: Doc) -> Iterator[Mark]:
    """The inside of each balanced parenthesis ("(Ireland & Spain)" -> "Ireland & Spain"),
    nested ones too; a parenthesis left open at a blank line is no group."""
    text = doc_text(doc)
    stack: list[int] = []
    for match in BRACKET.finditer(text):
        position, char = match.start(), match.group()
        if char == "(":
            stack.append(position)
        elif char == ")" and stack:
            start = stack.pop()
            if position - start <= LONGEST_PARENTHESIS and "\n\n" not in text[start:position]:
                yield Mark("parens", start + 1, position, "paren")
        elif char.startswith("\n"):
            stack.clear()


# --- sentences --------------------------------------------------------------------------------

# A sentence ends before a capital, or before a lettered item on a new line ("...\n(d) The").
SENTENCE_END = re.compile(
    r"[.!?][\"”’)\]]*(?=\s+[\"“(\[]?[A-Z0-9]|[ \t]*\n[ \t]*\(?[a-z]{1,3}\)[ \t])|\n[ \t]*\n"
)
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Amb|Sr|Sra|Srta|Mme|Lic|Licda|St|No|Nos|Art|Arts|para|paras|e\.g|i\.e|etc|Coord|Coop|"
    r"Stock|Destruct|Vict|Assist|Exec|Rev|Vol|approx|cf|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|H\.E|U\.S|U\.N)|\b[A-Z])\.$"
)


@reader("sentences.v1")
def read_sentences(doc: Doc) -> Iterator[Mark]:
    """Sentences, not cut after titles, initials or abbreviations; a blank line ends one."""
    for start, end in sentence_spans(doc_text(doc)):
        yield Mark("sentences", start, end, "sentence")


# A dot leader between a label and its value ("Kenya ...... Ms. Ana Paz"): two dots, or four
# and more (three are an ellipsis).
DOT_LEADER = re.compile(r"\S[ \t]+(?:\.{2}|\.{4,})[ \t]+(?=\S)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Sentences of text[start:end]; a line with a dot leader is a row: one sentence."""
    end = len(text) if end is None else end
    position = start
    for leader in DOT_LEADER.finditer(text, start, end):
        if leader.start() < position:
            continue  # a second leader of a row already read
        row_start = max(start, text.rfind("\n", 0, leader.start()) + 1)
        row_end = text.find("\n", leader.end(), end)
        row_end = end if row_end == -1 else row_end
        yield from _sentence_spans(text, position, row_start)
        yield row_start, row_end
        position = row_end
    yield from _sentence_spans(text, position, end)


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.group().startswith(".") and ABBREVIATIONS.search(
            text[max(position, match.start() - 12) : match.start() + 1]
        ):
            continue
        stop = match.end() if not match.group().startswith("\n") else match.start()
        if text[position:stop].strip():
            yield position, stop
        position = match.end()
    if text[position:end].strip():
        yield position, end
