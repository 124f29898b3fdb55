"""Readers for the binary formats: PDF (text layer), DOCX and HTML, each to plain text.

Each reader returns the document's text in reading order, one line per printed line or
paragraph, blank lines between paragraphs, so the extractors see the same layout as in a
`.txt` record. A file that cannot be read raises `InputError` naming it and the reason.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from ccm_graph import errors


class Format(StrEnum):
    TEXT = "txt"
    MARKDOWN = "md"
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"


SUFFIXES = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
    ".html": Format.HTML,
    ".htm": Format.HTML,
}


def format_of(path: Path) -> Format | None:
    return SUFFIXES.get(path.suffix.lower())


# --- PDF ------------------------------------------------------------------------------------

PAGE_NUMBER = re.compile(
    r"(?i)^\s*(?:page\s+\d+(?:\s+(?:of|/)\s+\d+)?|[-–—]?\s*\d{1,4}\s*[-–—]?|\d+\s*/\s*\d+|"
    r"\[\d+\]|[ivxlc]{1,6})\s*$"
)
MAX_BLANKS = 3


@dataclass
class Line:
    """One printed line: its words joined, where it sits, and how wide its first word is."""

    page: int
    column: int  # 0: the page's full width; 1 and 2: left and right column
    x0: float
    x1: float
    top: float
    size: float
    text: str
    first_word: float
    page_width: float = 0.0
    right: float = 0.0  # the right edge of the text block it belongs to


def read_pdf(path: Path, data: bytes) -> str:
    """The text layer of a PDF, in reading order, running headers and page numbers removed."""
    import pdfplumber

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise errors.InputError(path, errors.CORRUPT_PDF.format(reason="no PDF header"))
    if b"%%EOF" not in data[-2048:]:
        raise errors.InputError(path, errors.CORRUPT_PDF.format(reason="no end-of-file marker"))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [list(_page_lines(number, page)) for number, page in enumerate(pdf.pages)]
            images = sum(len(page.images) for page in pdf.pages)
    except Exception as error:  # pdfminer raises many types on damaged files
        raise _pdf_error(path, error) from error
    if not any(pages):
        if images:
            raise errors.InputError(path, errors.SCANNED_PDF.format(pages=len(pages)))
        raise errors.SkippedInput(path, errors.NO_TEXT)
    return layout_text(remove_furniture(pages))


def _pdf_error(path: Path, error: Exception) -> errors.InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    # pdfplumber wraps pdfminer's exception: the cause tells a password from damage.
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return errors.InputError(path, errors.ENCRYPTED_PDF)
    reason = _reason(cause) if isinstance(cause, Exception) else str(cause)
    return errors.InputError(path, errors.CORRUPT_PDF.format(reason=reason))


def _reason(error: Exception) -> str:
    return str(error) or type(error).__name__


def _page_lines(number: int, page: object) -> Iterator[Line]:
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)  # type: ignore[attr-defined]
    rows = _rows(words)
    width = float(page.width)  # type: ignore[attr-defined]
    gutter = _gutter(rows, width)
    lines = (
        (_line(number, 0, row) for row in rows)
        if gutter is None
        else _columns(number, rows, gutter)
    )
    for line in lines:
        line.page_width = width
        yield line


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into printed rows (same baseline), top to bottom, left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = word["bottom"] - word["top"]
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= height * 0.4:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _gutter(rows: list[list[dict]], width: float) -> float | None:
    """The x of the white gap between two columns, when the page has two; else None.

    Two columns: a vertical strip in the middle of the page that (almost) no row crosses,
    with words on both sides of it in most rows. Titles across both columns may cross it.
    """
    if len(rows) < 6:
        return None
    covered = [0] * (int(width) + 2)
    for row in rows:
        for word in row:
            for x in range(max(0, int(word["x0"])), min(len(covered), int(word["x1"]) + 1)):
                covered[x] += 1
    limit = len(rows) * 0.15
    best: tuple[int, int] | None = None
    run_start = None
    for x in range(int(width * 0.3), int(width * 0.7) + 1):
        if covered[x] <= limit:
            run_start = x if run_start is None else run_start
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
        else:
            run_start = None
    if best is None or best[1] - best[0] < 8:
        return None
    middle = (best[0] + best[1]) / 2
    split = [row for row in rows if not any(w["x0"] < middle < w["x1"] for w in row)]
    both = [row for row in split if row[0]["x1"] < middle < row[-1]["x0"]]
    return middle if split and len(both) >= max(3, len(split) / 2) else None


def _columns(number: int, rows: list[list[dict]], gutter: float) -> Iterator[Line]:
    """Rows in reading order: left column, then right, between full-width rows."""
    left: list[Line] = []
    right: list[Line] = []
    for row in rows:
        if any(w["x0"] < gutter < w["x1"] for w in row):
            yield from left
            yield from right
            left, right = [], []
            yield _line(number, 0, row)
            continue
        left_words = [w for w in row if w["x1"] <= gutter]
        right_words = [w for w in row if w["x0"] >= gutter]
        if left_words:
            left.append(_line(number, 1, left_words))
        if right_words:
            right.append(_line(number, 2, right_words))
    yield from left
    yield from right


def _line(page: int, column: int, words: list[dict]) -> Line:
    return Line(
        page=page,
        column=column,
        x0=words[0]["x0"],
        x1=words[-1]["x1"],
        top=min(w["top"] for w in words),
        size=max(w["bottom"] - w["top"] for w in words),
        text=" ".join(w["text"] for w in words),
        first_word=words[0]["x1"] - words[0]["x0"],
    )


def remove_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and running headers/footers: from a page's top and bottom inwards
    (two lines at most each way), lines that are a page number or that repeat, digits aside,
    at the top or bottom of at least half the pages."""
    edges = [_edge_lines(lines) for lines in pages]
    repeated = Counter(_shape(line.text) for edge in edges for line in edge)
    threshold = max(2, (len(pages) + 1) // 2)

    def furniture(line: Line) -> bool:
        return bool(PAGE_NUMBER.match(line.text)) or repeated[_shape(line.text)] >= threshold

    cleaned = []
    for lines in pages:
        by_height = sorted(lines, key=lambda line: line.top)
        drop = {id(line) for line in _leading(by_height, furniture)}
        drop |= {id(line) for line in _leading(by_height[::-1], furniture)}
        cleaned.append([line for line in lines if id(line) not in drop])
    return cleaned


def _leading(lines: list[Line], furniture: Callable[[Line], bool]) -> list[Line]:
    found = []
    for line in lines[:2]:
        if not furniture(line):
            break
        found.append(line)
    return found


def _edge_lines(lines: list[Line]) -> list[Line]:
    by_height = sorted(lines, key=lambda line: line.top)
    edge = by_height[:2] + by_height[-2:]
    return list({id(line): line for line in edge}.values())


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def layout_text(pages: list[list[Line]]) -> str:
    """Lines joined into text: wrapped lines rejoined, paragraph gaps kept as blank lines."""
    lines = [line for page in pages for line in page]
    if not lines:
        return ""
    _set_right_edges(pages)
    pitch = _pitch(pages)
    body_top = statistics.median_low(round(page[0].top) for page in pages if page)
    parts = [lines[0].text]
    for previous, line in itertools.pairwise(lines):
        parts.append(_separator(previous, line, pitch, body_top))
        parts.append(line.text)
    return "".join(parts) + "\n"


def _set_right_edges(pages: list[list[Line]]) -> None:
    """Where lines of each block end when full: the longest line, or the left margin
    mirrored, whichever is further (a page of short lines has no full line to measure)."""
    full_width = [line for page in pages for line in page if line.column == 0]
    left_margin = min((line.x0 for line in full_width), default=0.0)
    document_right = max((line.x1 for line in full_width), default=0.0)
    if full_width:
        document_right = max(document_right, full_width[0].page_width - left_margin)
    for page in pages:
        for column in (1, 2):
            right = max((line.x1 for line in page if line.column == column), default=0.0)
            for line in page:
                if line.column == column:
                    line.right = right
        for line in page:
            if line.column == 0:
                line.right = document_right


def _pitch(pages: list[list[Line]]) -> float:
    """The usual distance from one line's top to the next: the height of one blank line."""
    steps = [
        b.top - a.top
        for page in pages
        for a, b in itertools.pairwise(page)
        if a.column == b.column and b.top > a.top
    ]
    return statistics.median(steps) if steps else 12.0


def _separator(previous: Line, line: Line, pitch: float, body_top: float) -> str:
    new_page = line.page != previous.page
    same_block = not new_page and line.column == previous.column and line.top > previous.top
    if new_page:
        blanks = _blanks(line.top - body_top + pitch, pitch) if line.column != 2 else 0
    else:
        blanks = _blanks(line.top - previous.top, pitch) if same_block else 0
    # A paragraph goes on across a page break or from the left column to the right one.
    continues = same_block or new_page or (previous.column, line.column) == (1, 2)
    if blanks == 0 and continues and _wrapped(previous, line, same_block):
        # A hyphen at a wrap stays before a line break, for cleanup to join the word.
        return "\n" if previous.text.endswith("-") else " "
    return "\n" * (blanks + 1)


def _blanks(step: float, pitch: float) -> int:
    return max(0, min(MAX_BLANKS, round(step / pitch) - 1))


def _wrapped(previous: Line, line: Line, same_block: bool) -> bool:
    """Whether the typesetter broke the line: the next line's first word would not have fit.

    Within a block the next line must also start where this one did (not an indent)."""
    space = previous.size * 0.3
    aligned = not same_block or abs(line.x0 - previous.x0) <= previous.size
    return aligned and previous.x1 + space + line.first_word > previous.right - 0.5


# --- DOCX -----------------------------------------------------------------------------------


def read_docx(path: Path, data: bytes) -> str:
    """Paragraphs and tables of a Word document, in document order.

    A table row becomes one line per non-empty cell, then a blank line: the layout of the
    attendance lists in the `.txt` records ("State" then its delegates).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document.iter_inner_content()))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError) as error:
        raise errors.InputError(path, errors.CORRUPT_DOCX.format(reason=_reason(error))) from error
    return "\n".join(blocks) + "\n"


def _docx_blocks(content: Iterable[object]) -> Iterator[str]:
    from docx.table import Table

    for block in content:
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield block.text  # type: ignore[attr-defined]


def _table_lines(table: object) -> Iterator[str]:
    for row in table.rows:  # type: ignore[attr-defined]
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                continue
            seen.add(id(cell._tc))
            if cell.text.strip():
                yield cell.text
        yield ""


# --- HTML -----------------------------------------------------------------------------------

NOT_CONTENT = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "button",
    "select",
    "input",
    "menu",
    "dialog",
]
PARAGRAPH_TAGS = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "section",
    "article",
]
LINE_TAGS = ["br", "li", "tr", "div", "dt", "dd", "caption", "figcaption", "address", "hr"]
CELL_TAGS = ("td", "th")


def read_html(path: Path, data: bytes) -> str:
    """The main text of a web page: its `<main>` (or article, or body), without navigation,
    headers, footers, scripts and styles; paragraphs separated by blank lines."""
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "html.parser")
    except Exception as error:  # html.parser is lenient; this is the last resort
        raise errors.InputError(path, errors.CORRUPT_HTML.format(reason=_reason(error))) from error
    for tag in soup.find_all(NOT_CONTENT):
        tag.decompose()
    root = (
        soup.find("main")
        or soup.find(attrs=cast(Any, {"role": "main"}))
        or soup.find("article")
        or soup.body
        or soup
    )
    # Line breaks in the HTML source are spaces; only the elements make lines.
    for string in root.find_all(string=True):
        if string.find_parent("pre") is None:
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    for tag in root.find_all(PARAGRAPH_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in root.find_all([*LINE_TAGS, *CELL_TAGS]):
        tag.insert_after("\n")
    return _tidy(root.get_text(""))


def _tidy(text: str) -> str:
    """HTML whitespace is not significant: collapse it, keep at most one blank line."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return tidy + "\n" if tidy else ""
