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
    r"participants)?\s*(?:were\s+present|attended(?:\s+the\s+meeting)?))"
)
# The list's heading on a line of its own: "1. Present:", "**List of Attendees:**".
ATTENDANCE_START = re.compile(
    r"(?im)^[ \t>*_#\-]*(?:\d{1,2}\.?[ \t]*)?[*_]*"
    + LIST_START
    + r"(?![\w-])[*_]*[ \t]*(?::|$)[*_]*"
)
# The heading run on after the title, venue and time: "... 10:00 - 11:30 hours 1. Present:".
INLINE_START = re.compile(r"(?i)(?<=\s)(?:\d{1,2}\.[ \t]*)?" + LIST_START + r"[ \t]*:")
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
    for line_start, line_end in line_spans(text, start.end(), inline_limit):
        if line_start == start.end() and not inline:
            continue
        if _ends_attendance(text[line_start:line_end]):
            return line_start
    return inline_limit


def _ends_attendance(line: str) -> bool:
    bare = plain(line).strip()
    if not bare:
        return False
    if AGENDA_HEADING.match(line) or NUMBERED_HEADING.match(line):
        return not STATUS_MARKERS.match(re.sub(r"^[\d.\s]+", "", bare))
    words = bare.split()
    return len(words) >= 14 and bare[-1:] in ".:;" and "(" not in bare[:3]


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
    """A status word heads a group: at a line start, or followed by a colon, or capitalised."""
    before = text[: match.start()].rstrip(" \t*_-")
    at_line_start = (
        not before or before.endswith(("\n", ":")) or re.search(r"\n[ \t]*\d+\.?$", before)
    )
    word = match.group()
    return bool(at_line_start or word.rstrip().endswith(":") or word[:1].isupper())
