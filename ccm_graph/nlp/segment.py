"""Segmentation: the layout of a document, as offsets into its text.

Finds what the extractors read: the attendance block (whatever its layout: one entry per
line, bulleted, or flattened onto one line), its status sections (present, apologies,
absent, observers), headings, numbered paragraphs (with annexes) and sentences. Page
numbers and running headers are recognised so that extractors can skip them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ccm_graph.model import AttendanceStatus


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph(Segment):
    """A numbered paragraph of a report: `number` as printed, annex-prefixed ("Annex I.3")."""

    number: str


@dataclass(frozen=True)
class StatusSection(Segment):
    status: AttendanceStatus


MARKUP = re.compile(r"[*_#`]+")
PAGE_LINE = re.compile(
    r"^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|-\s*\d+\s*-|\d{1,3}|\[\d+\]|\d+\s*/\s*\d+)\s*$", re.I
)
ATTENDANCE_START = re.compile(
    r"(?im)^[ \t>*_#\-]*(?:\d{1,2}\.?[ \t]*)?[*_]*"
    r"(?:list\s+of\s+(?:attendees|participants)|attendees|attendance|participants|present|"
    r"members\s+present|in\s+attendance|(?:the\s+)?following\s+(?:members|delegations|States|"
    r"participants)?\s*(?:were\s+present|attended(?:\s+the\s+meeting)?))"
    r"(?![\w-])[*_]*[ \t]*(?::|$)[*_]*"
)
STATUS_MARKERS = re.compile(
    r"(?i)(?<![\w-])(?:(?P<apologies>apolog(?:ies|y)(?:\s+(?:were\s+)?(?:received|sent|from|noted))?|"
    r"regrets(?:\s+received)?|excused)"
    r"|(?P<absent>absent|not\s+present)"
    r"|(?P<observer>observers?)"
    r"|(?P<present>present|in\s+attendance))(?![\w-])\s*:?"
)
NUMBERED_HEADING = re.compile(r"(?m)^[ \t>*_#]*(\d{1,2})(?:\.\d+)*\.?[ \t]+[*_]*[A-Z]")
INLINE_NUMBERED_HEADING = re.compile(r"(?<=\s)(\d{1,2})\.[ \t]+(?=[A-Z][a-z])")
AGENDA_HEADING = re.compile(r"(?im)^[ \t*_#]*agenda\s+item\b")
PARAGRAPH_NUMBER = re.compile(r"(?m)^[ \t]*(\d{1,3})\.[ \t]+(?=\S)")
ANNEX_HEADING = re.compile(r"(?m)^[ \t#*_]*Annex(?:e)?\s+([IVXLC]+|\d+)\b[^\n]*$")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Amb|St|No|Nos|Art|Arts|para|paras|e\.g|i\.e|etc|Coord|Coop|"
    r"Stock|Destruct|Vict|Assist|Exec|Rev|Vol|approx|cf|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|H\.E|U\.S|U\.N)|\b[A-Z])\.$"
)


def plain(text: str) -> str:
    """Text without Markdown emphasis marks (same length is not kept: for matching only)."""
    return MARKUP.sub("", text)


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Segment]:
    end = len(text) if end is None else end
    position = start
    while position < end:
        stop = text.find("\n", position, end)
        stop = end if stop == -1 else stop
        yield Segment(position, stop, text[position:stop])
        position = stop + 1


def is_page_furniture(line: str) -> bool:
    """Page numbers and similar lines that a PDF conversion leaves in the text."""
    return bool(PAGE_LINE.match(plain(line)))


def attendance_block(text: str) -> Segment | None:
    """The attendance list: from its marker to the first heading or prose that follows."""
    match = ATTENDANCE_START.search(text)
    if match is None or match.start() > max(4000, len(text) // 3):
        return None
    end = _attendance_end(text, match)
    return Segment(match.start(), end, text[match.start() : end])


def _attendance_end(text: str, start: re.Match[str]) -> int:
    number = re.match(r"[ \t>*_#\-]*(\d{1,2})", start.group())
    following = str(int(number.group(1)) + 1) if number else None
    inline_limit = len(text)
    if following:
        for heading in INLINE_NUMBERED_HEADING.finditer(text, start.end()):
            if heading.group(1) == following:
                inline_limit = heading.start()
                break
    for line in lines(text, start.end(), inline_limit):
        if line.start == start.end():
            continue
        if _ends_attendance(line.text):
            return line.start
    return inline_limit


def _ends_attendance(line: str) -> bool:
    bare = plain(line).strip()
    if not bare:
        return False
    if AGENDA_HEADING.match(line) or NUMBERED_HEADING.match(line):
        return not STATUS_MARKERS.match(re.sub(r"^[\d.\s]+", "", bare))
    words = bare.split()
    return len(words) >= 14 and bare[-1:] in ".:;" and "(" not in bare[:3]


def status_sections(block: Segment) -> list[StatusSection]:
    """The attendance block cut at its status markers ("Apologies received:", "Absent:")."""
    cuts: list[tuple[int, AttendanceStatus]] = [(block.start, AttendanceStatus.PRESENT)]
    for match in STATUS_MARKERS.finditer(block.text):
        if match.start() < 12 or not _is_marker_position(block.text, match):
            continue
        status = AttendanceStatus(match.lastgroup) if match.lastgroup else AttendanceStatus.PRESENT
        cuts.append((block.start + match.start(), status))
    sections = []
    for (start, status), (end, _) in zip(cuts, [*cuts[1:], (block.end, None)], strict=True):
        if end > start:
            sections.append(
                StatusSection(
                    start, end, block.text[start - block.start : end - block.start], status
                )
            )
    return sections


def _is_marker_position(text: str, match: re.Match[str]) -> bool:
    """A status word heads a section: at a line start, or followed by a colon, or capitalised."""
    before = text[: match.start()].rstrip(" \t*_-")
    at_line_start = (
        not before or before.endswith(("\n", ":")) or re.search(r"\n[ \t]*\d+\.?$", before)
    )
    word = match.group()
    return bool(at_line_start or word.rstrip().endswith(":") or word[:1].isupper())


def numbered_paragraphs(text: str) -> list[Paragraph]:
    """Numbered paragraphs ("26. The Meeting ..."), annex paragraphs prefixed ("Annex I.3")."""
    annexes = [
        (m.start(), f"Annex {m.group(1)}")
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
        paragraphs.append(Paragraph(body, end, text[body:end], number))
    return _sequential(paragraphs)


def _continues_sentence(text: str, position: int) -> bool:
    """True when the line at `position` wraps a sentence of the line before ("... contained
    in\nAnnex I."): that line is not blank and does not end a sentence or a heading."""
    previous = text[: max(0, position - 1)].rsplit("\n", 1)[-1]
    bare = plain(previous).strip()
    return bool(bare) and bool(re.search(r"[a-z,]$", bare))


def _sequential(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Keep paragraph numbers that continue a run (1, 2, 3 ...), not stray list numbers."""
    kept: list[Paragraph] = []
    last: dict[str, int] = {}
    for paragraph in paragraphs:
        prefix, _, digits = paragraph.number.rpartition(".")
        value = int(digits)
        previous = last.get(prefix, 0)
        if previous < value <= previous + 3:
            kept.append(paragraph)
            last[prefix] = value
    return kept


SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*(?=\s+[\"“(\[]?[A-Z0-9])|\n[ \t]*\n")


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Segment]:
    """Sentences of text[start:end], not cut after titles, initials or abbreviations."""
    end = len(text) if end is None else end
    position = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.group().startswith(".") and ABBREVIATIONS.search(
            text[max(position, match.start() - 12) : match.start() + 1]
        ):
            continue
        stop = match.end() if not match.group().startswith("\n") else match.start()
        if text[position:stop].strip():
            yield _trimmed(text, position, stop)
        position = match.end()
    if text[position:end].strip():
        yield _trimmed(text, position, end)


def _trimmed(text: str, start: int, end: int) -> Segment:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Segment(start, end, text[start:end])


HEADING_LINE = re.compile(
    r"^[ \t>*_#\-]*(?:(?:agenda\s+item\s+)?\d{1,2}(?:\.\d{1,2})*\.?[ \t]+|[IVX]+\.[ \t]+)?"
    r"[*_]*(?P<title>[^\n]{3,160})$",
    re.I,
)


def headings(text: str) -> list[Segment]:
    """Heading lines: numbered ("5.1 Victim Assistance (Ireland & Spain)"), emphasised or short."""
    found = []
    for line in lines(text):
        bare = plain(line.text).strip()
        if (
            not bare
            or len(bare) > 160
            or (bare.endswith((".", ";", ",")) and not re.match(r"\d", bare))
        ):
            continue
        numbered = re.match(r"(?:agenda\s+item\s+)?\d{1,2}(?:\.\d{1,2})*\.?\s+\S", bare, re.I)
        emphasised = line.text.strip().startswith(("**", "#", "*", "_"))
        short = len(bare.split()) <= 12 and bare[:1].isupper()
        if numbered or emphasised or (short and _is_title_case(bare)):
            found.append(line)
    return found


def _is_title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


# OCR confusions that can be undone without knowing the word: the same number of
# characters, so offsets into the source still hold.
_OCR_NUMBER = re.compile(
    r"(?<![\w])[0-9OolI]*[0-9][0-9OolI]*(?:st|nd|rd|th)?(?![\w])|(?<![\w])lst(?![\w])"
)
_OCR_LETTERS_AROUND_DIGIT = re.compile(r"(?<=[a-z])[10](?=[a-z])")
_OCR_CAPS_WORD = re.compile(r"\b(?=[A-Zl]*[A-Z][A-Zl]*l|[A-Zl]*l[A-Zl]*[A-Z])[A-Zl]{3,}\b")
_OCR_LIST_NUMBER = re.compile(r"(?m)^([ \t]*)l(?=\.[ \t])")


def matching_text(text: str) -> str:
    """The text with OCR slips that no reader would keep undone, for matching only:
    "2Ol9" -> "2019", "lst" -> "1st", "Coa1ition" -> "Coalition", "COORDlNATlON" ->
    "COORDINATION", a list number "l." -> "1.". Same length as `text`, character for character."""
    text = _OCR_NUMBER.sub(_digits, text)
    text = _OCR_LETTERS_AROUND_DIGIT.sub(lambda m: "l" if m.group() == "1" else "o", text)
    text = _OCR_CAPS_WORD.sub(lambda m: m.group().replace("l", "I"), text)
    return _OCR_LIST_NUMBER.sub(lambda m: m.group(1) + "1", text)


def _digits(match: re.Match[str]) -> str:
    token = match.group()
    if token == "lst":
        return "1st"
    suffix = re.search(r"(?:st|nd|rd|th)$", token)
    body = token[: suffix.start()] if suffix else token
    fixed = body.translate(str.maketrans("OolI", "0011"))
    return fixed + (suffix.group() if suffix else "")
