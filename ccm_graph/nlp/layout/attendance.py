"""Attendance lists: where the list of those present starts and ends, whatever its layout
(one entry per line, bulleted, a table, or flattened onto one line by a PDF conversion), and
its status groups (present, observer, apologies, absent)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import Mark, reader
from ccm_graph.nlp.layout.text import line_spans, plain

LIST_START = (
    r"(?:list\s+of\s+(?:attendees|participants)|attendees|attendance|participants|present|"
    r"members\s+present|in\s+attendance|(?:the\s+)?following\s+(?:members|delegations|States|"
    r"participants)?\s*(?:were\s+present|attended(?:\s+the\s+meeting)?|took\s+part)|"
    # French- and Spanish-drafted minutes: "Were present:", "Assisted to the session the
    # following delegations:"
    r"were\s+present|assisted\s+(?:to\s+|at\s+)?the\s+(?:session|meeting|reunion)"
    r"(?:\s+the\s+following\s+(?:delegations|members|participants))?)"
)
# The list's heading on a line of its own: "1. Present:", "**List of Attendees:**", or a
# report's annex ("Annex II - List of participants").
ATTENDANCE_START = re.compile(
    r"(?im)^[ \t>*_#\-]*(?:annex(?:[ \t]+[IVX\d]{1,4})?[ \t]*[-–—:.][ \t]*)?"
    r"(?:\d{1,2}\.?[ \t]*)?[*_]*" + LIST_START + r"(?![\w-])[*_]*[ \t]*(?::|$)[*_]*"
)
# The heading run on after the title, venue and time: "... 10:00 - 11:30 hours 1. Present:".
INLINE_START = re.compile(r"(?i)(?<=[\s*_#>])(?:\d{1,2}\.[ \t]*)?" + LIST_START + r"[ \t]*:")
STATUS_MARKERS = re.compile(
    r"(?i)(?<![\w-])(?:(?P<apologies>apolog(?:ies|y)(?:\s+(?:were\s+)?(?:received|sent|from|noted))?|"
    r"regrets(?:\s+received)?|excused)"
    r"|(?P<absent>absent|not\s+(?:present|represented))"
    r"|(?P<observer>observers?)"
    r"|(?P<present>present|in\s+attendance))(?![\w-])\s*:?"
)
NUMBERED_HEADING = re.compile(r"(?m)^[ \t>*_#]*(\d{1,2})(?:\.\d+)*\.?[ \t]+[*_]*[A-Z]")
INLINE_NUMBERED_HEADING = re.compile(r"(?<=\s)(\d{1,2})\.[ \t]+(?=[A-Z][a-z])")
AGENDA_HEADING = re.compile(r"(?im)^[ \t*_#]*agenda\s+item\b")
HEAD = 4000  # the list opens a record: it starts in its first pages


@reader("attendance_blocks.v1")
def read_attendance_blocks(doc: Doc) -> Iterator[Mark]:
    """The attendance list (`blocks`, label attendance) and its status groups (`status`)."""
    text = doc_text(doc)
    limit = max(HEAD, len(text) // 3)
    start = ATTENDANCE_START.search(text, 0, limit)
    inline = False
    if start is None:
        start = INLINE_START.search(text, 0, limit)
        inline = True
    if start is None:
        return
    end = _block_end(text, start, inline)
    yield Mark("blocks", start.start(), end, "attendance", "inline" if inline else "lines")
    for status_start, status_end, status in status_groups(text, start.start(), end):
        yield Mark("status", status_start, status_end, status)


def _block_end(text: str, start: re.Match[str], inline: bool) -> int:
    number = re.match(r"[ \t>*_#\-]*(\d{1,2})", start.group())
    following = str(int(number.group(1)) + 1) if number else None
    inline_limit = len(text)
    if following:
        for heading in INLINE_NUMBERED_HEADING.finditer(text, start.end()):
            if heading.group(1) == following:
                inline_limit = heading.start()
                break
    if inline:
        # A list run on in one line ends where its line of entries gives way to prose.
        inline_limit = _prose_after(text, start.end(), inline_limit)
    entry = 0  # the number of the last numbered entry: "1. Chile: Ms. Ana Paz"
    for line_start, line_end in line_spans(text, start.end(), inline_limit):
        if line_start == start.end():
            continue
        line = text[line_start:line_end]
        entry = _numbered_entry(line, entry, first=not text[start.end() : line_start].strip())
        if not entry and _ends_attendance(line):
            return line_start
    return inline_limit


NUMBERED_ENTRY = re.compile(r"[ \t>*_]*(\d{1,3})\.?[ \t]+\S")


def _numbered_entry(line: str, last: int, first: bool) -> int:
    """The number of a numbered entry of the list, 0 if the line is none: a list whose first
    line is "1. ..." numbers its entries, and each entry carries the next number (a heading
    that follows the list breaks the run)."""
    number = NUMBERED_ENTRY.match(line)
    if number is None:
        return last if last and not line.strip() else 0
    value = int(number.group(1))
    return value if (first and value == 1) or (last and value == last + 1) else 0


INLINE_AGENDA = re.compile(r"(?i)[*_#\s]*agenda\s+item\s+\d")
WORD = re.compile(r"[(\[]|[)\]]|[^\s()\[\]]+")
PROSE_RUN = 5  # lower-case words in a row, outside parentheses: no list entry reads so


def _prose_after(text: str, start: int, limit: int) -> int:
    """Where a list flattened onto one line ends: at an agenda heading, or before the first
    run of lower-case words outside parentheses (the minutes' prose)."""
    agenda = INLINE_AGENDA.search(text, start, limit)
    limit = agenda.start() if agenda else limit
    depth, run_start, run = 0, start, 0
    for word in WORD.finditer(text, start, limit):
        token = word.group()
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and token[:1].isalpha() and token[:1].islower():
            run_start = word.start() if run == 0 else run_start
            run += 1
            if run >= PROSE_RUN:
                return _sentence_start(text, start, run_start)
            continue
        run = 0
    return limit


def _sentence_start(text: str, start: int, position: int) -> int:
    """The start of the sentence of `position`, not before `start`: the full stop of a title
    or an initial ("Sra. Ana", "J. Roe") ends no sentence."""
    ends = [text.rfind(mark, start, position) for mark in (": ", " – ", " - ")]
    stops = [m.start() for m in FULL_STOP.finditer(text, start, position)]
    return max([start, *(end + 2 for end in [*ends, *stops[-1:]] if end != -1)])


FULL_STOP = re.compile(
    r"(?<!\bM)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bSr)(?<!\bSra)(?<!\bMme)"
    r"(?<!\bLic)(?<!\b[A-Z])\.(?= )"
)


def _ends_attendance(line: str) -> bool:
    bare = plain(line).strip()
    if not bare:
        return False
    if AGENDA_HEADING.match(line) or NUMBERED_HEADING.match(line):
        return not STATUS_MARKERS.match(re.sub(r"^[\d.\s]+", "", bare))
    words = bare.split()
    # Prose runs on in lower-case words; a long line of names and States does not ("Ruiz;
    # Iraq (Victim Assistance) - Mr. Ali Hassan; Austria (Victim Assistance) - Ms.").
    lower = sum(1 for word in words if word[:1].islower())
    return (
        len(words) >= 14 and bare[-1:] in ".:;" and "(" not in bare[:3] and lower * 4 >= len(words)
    )


def status_groups(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The list text[start:end] cut at its status markers ("Apologies received:", "Absent:")."""
    block = text[start:end]
    cuts: list[tuple[int, str]] = [(start, "present")]
    for match in STATUS_MARKERS.finditer(block):
        if match.start() < 12 or not _is_marker_position(block, match):
            continue
        cuts.append((start + match.start(), match.lastgroup or "present"))
    groups = []
    for (cut, status), (following, _) in zip(cuts, [*cuts[1:], (end, "")], strict=True):
        if following > cut:
            groups.append((cut, following, status))
    return groups


def _is_marker_position(text: str, match: re.Match[str]) -> bool:
    """A status word heads a group: at a line start, or followed by a colon, or capitalised;
    not inside a table row (cells between bars or tabs) or a parenthesis."""
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
    if "|" in line or re.search(r"\S\t", line) or line.count("(") > line.count(")"):
        return False  # a table cell or a parenthesis: one entry's role, not a group
    before = text[: match.start()].rstrip(" \t*_-")
    at_line_start = (
        not before or before.endswith(("\n", ":")) or re.search(r"\n[ \t]*\d+\.?$", before)
    )
    word = match.group()
    return bool(at_line_start or word.rstrip().endswith(":") or word[:1].isupper())
