"""Tables: rows and their cells, each cell labelled with the column it belongs to.

Four layouts: pipe tables ("| Victim assistance | Austria and Colombia | 2023-2025 |"),
columns set apart by tabs or runs of spaces, values set apart by semicolons under a header
of the same shape ("Thematic area;Term;State" / "Clearance;2024-2026;Peru", an export),
and tables read out with single spaces, where only what the cells hold tells them apart
("Victim assistance Austria and Colombia 2023-2025", "Colombia 2024-2026" for the second
holder of an area on a row of its own, "President Mexico 12MSP"). A cell's column comes
from the table's header row when it has one ("Thematic area | Coordinators | Term"), else
from what the cell holds: an area, actors (holder), years (term), a meeting ordinal (msp),
a role word (role), an article.

In a column table under a header, a row with fewer cells than the header takes each cell's
column from where it stands under the header, and a row that wraps its first column onto
the next line ("International cooperation and   Montenegro" / "assistance   Italy"), or
leaves that column blank ("                Ecuador"), continues the row above (kb_id
"continues"): its cells belong to the area named above.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ccm_graph.nlp import casefree, index, vocab
from ccm_graph.nlp.doctext import doc_text
from ccm_graph.nlp.layout import Mark, reader
from ccm_graph.nlp.layout.text import line_spans

HEADER_WORDS = {
    # A column of Presidents ("Meeting | Year | President"): its States hold the office.
    "president": re.compile(r"(?i)^\W*Presiden(?:ts?|cy|cies)\W*$"),
    "area": re.compile(r"(?i)\b(?:thematic\s+areas?|areas?|working\s+groups?|themes?|topics?)\b"),
    "holder": re.compile(
        r"(?i)\b(?:co-?\s?coordinators?|coordinators?|holders?|states?|countries|country|"
        r"members?|delegations?)\b"
    ),
    "term": re.compile(r"(?i)\b(?:terms?|mandates?|periods?|years?|tenure)\b"),
    "msp": re.compile(r"(?i)\b(?:N?MSP|meeting)\b"),
    "article": re.compile(r"(?i)\b(?:articles?|art\.?)\b"),
    "role": re.compile(r"(?i)\b(?:roles?|functions?|positions?|offices?)\b"),
}
YEARS = re.compile(
    r"\(?(?:19|20)\d\d(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|\d\d))?\)?|\((?:19|20)\d\d[^()]{0,20}\)"
)
ROLE = casefree.compile(
    r"(?i)\b(?:President(?:[\s-]*(?:designate|elect))?|Presidency(?:[\s-]*designate)?|"
    r"(?:co-?\s?)?coordinators?|chair)\b"
)
ARTICLE = re.compile(r"(?i)\b(?:art(?:icle)?s?\.?)\s*\d{1,2}\b")
GLUE = re.compile(r"^(?:\s|,|;|&|/|\band\b|[-–—]|\(|\))*$", re.I)
COLUMN_GAP = re.compile(r"\t+|[ \t]{2,}")
PIPE = re.compile(r"\|")
LONGEST_ROW_WORDS = 24
SEPARATOR_ROW = re.compile(r"^[\s|:\-–—+=]*$")
ENTRY_MARK = re.compile(r"(?:^|\s)>{1,2}\s")  # a contents list's entries: see contents.py


@reader("pipe_table.v1")
def read_pipe_tables(doc: Doc) -> Iterator[Mark]:
    rows = []
    for start, end in line_spans(doc_text(doc)):
        line = doc_text(doc)[start:end]
        if line.count("|") >= 2 and not SEPARATOR_ROW.match(line) and not ENTRY_MARK.search(line):
            rows.append((start, end, list(_cells_between(line, start, PIPE))))
    yield from _table(doc, rows, "pipe")


@reader("column_table.v1")
def read_column_tables(doc: Doc) -> Iterator[Mark]:
    rows = []
    for start, end in line_spans(doc_text(doc)):
        line = doc_text(doc)[start:end]
        if "|" in line:
            continue
        cells = list(_cells_between(line, start, COLUMN_GAP))
        if cells:  # a line of one cell only counts as a table's wrapped line (see `_table`)
            rows.append((start, end, cells))
    yield from _table(doc, rows, "columns")


SEMICOLON = re.compile(";")
DELIMITED_ROWS = 2  # the header and at least one row


@reader("delimited_table.v1")
def read_delimited_tables(doc: Doc) -> Iterator[Mark]:
    """Semicolon-separated values: a block of lines with as many semicolons each, the first of
    them a header. A line with an empty value is left out (its values would shift columns)."""
    text = doc_text(doc)
    block: list[tuple[int, int]] = []
    for start, end in [*line_spans(text), (len(text) + 2, len(text) + 2)]:
        line = text[start:end]
        shape = line.count(";")
        if block and (shape != text.count(";", *block[0]) or start != block[-1][1] + 1):
            yield from _delimited_block(doc, block)
            block = []
        if shape >= 2 and "|" not in line:
            block.append((start, end))


def _delimited_block(doc: Doc, block: list[tuple[int, int]]) -> Iterator[Mark]:
    text = doc_text(doc)
    rows = []
    for start, end in block:
        values = text[start:end].split(";")
        if all(v.strip() for v in values):
            rows.append((start, end, list(_cells_between(text[start:end], start, SEMICOLON))))
    if len(rows) < DELIMITED_ROWS or rows[0][0] != block[0][0]:
        return
    header = rows[0][2]
    if _is_header(doc, header, [text[s:e] for s, e in header]):
        yield from _table(doc, rows, "delimited")


def _cells_between(line: str, offset: int, separator: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    position = 0
    for match in separator.finditer(line):
        if line[position : match.start()].strip():
            yield _trim(line, offset, position, match.start())
        position = match.end()
    if line[position:].strip():
        yield _trim(line, offset, position, len(line))


def _trim(line: str, offset: int, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start] in " \t*_":
        start += 1
    while end > start and line[end - 1] in " \t*_":
        end -= 1
    return offset + start, offset + end


def _table(doc: Doc, rows: list[tuple[int, int, list[tuple[int, int]]]], kind: str):
    text = doc_text(doc)
    header: list[str] | None = None
    header_starts: list[int] = []  # where each header cell stands in its line
    previous_end = -2
    in_table = False  # the previous line was a row of a table under a header
    previous_first = ""  # the first column of the row above
    for start, end, cells in rows:
        breaks = text.count("\n", previous_end, start)
        if breaks > 2:
            header = None  # a new table
        if SEPARATOR_ROW.match(text[start:end]):
            previous_end = end  # "-----  -----" under a header: the table goes on
            continue
        next_line = breaks == 1 and in_table
        if len(cells) < 2 and not (next_line and _aligned(cells, start, header_starts)):
            continue
        previous_end = end
        texts = [text[s:e] for s, e in cells]
        if _is_header(doc, cells, texts):
            header = [_header_column(t) for t in texts]
            header_starts = [s - start for s, _ in cells]
            in_table = True
            continue
        indexes = _column_indexes(cells, start, header, header_starts, text[start:end], kind)
        wraps = kind == "columns" and next_line and _continues(doc, cells, indexes, previous_first)
        yield Mark("rows", start, end, kind, "continues" if wraps else "")
        in_table = bool(header)
        previous_first = text[slice(*cells[indexes.index(0)])] if 0 in indexes else ""
        for column_index, (cell_start, cell_end) in zip(indexes, cells, strict=True):
            column = header[column_index] if header and column_index < len(header) else ""
            column = column or _content_column(doc, cell_start, cell_end)
            yield Mark("cells", cell_start, cell_end, column, str(column_index))


def _aligned(cells: list[tuple[int, int]], line_start: int, header_starts: list[int]) -> bool:
    """A line of one cell standing under a column of the header (a wrapped cell)."""
    return len(cells) == 1 and any(abs(cells[0][0] - line_start - s) <= 1 for s in header_starts)


def _column_indexes(
    cells: list[tuple[int, int]],
    line_start: int,
    header: list[str] | None,
    header_starts: list[int],
    line: str,
    kind: str,
) -> list[int]:
    """Each cell's column: its place in the row, or, in a column table's row with fewer
    cells than its header, the header cell it stands under."""
    if not (kind == "columns" and header and len(cells) < len(header) and "\t" not in line):
        return list(range(len(cells)))
    return [
        max((i for i, s in enumerate(header_starts) if s <= cell_start - line_start + 1), default=0)
        for cell_start, _ in cells
    ]


def _continues(
    doc: Doc, cells: list[tuple[int, int]], indexes: list[int], previous_first: str = ""
) -> bool:
    """The row goes on with the row above: its first column is blank, or holds the rest of
    a wrapped name with no name of its own: "assistance", "measures" in lower case, or
    "Reduction Education" under "Clearance and Risk" (together, an area's longer name)."""
    if 0 not in indexes:
        return True
    start, end = cells[indexes.index(0)]
    first = doc_text(doc)[start:end]
    if _mentions(doc, "areas", start, end) or _mentions(doc, "actors", start, end):
        return False
    return first[:1].islower() or _completes_area(previous_first, first)


def _completes_area(above: str, below: str) -> bool:
    """The two pieces make an area's name that the upper one alone does not hold."""
    joined = _folded(f"{above} {below}")
    alone = _folded(above)
    return any(
        _holds(joined, name) and not _holds(alone, name) for name in _area_names() if " " in name
    )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _holds(text: str, name: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text))


@functools.cache
def _area_names() -> tuple[str, ...]:
    return tuple(sorted({_folded(e.name) for e in vocab.entries() if e.kind == "area"}))


def _is_header(doc: Doc, cells: list[tuple[int, int]], texts: list[str]) -> bool:
    if any(_mentions(doc, "actors", s, e) or _mentions(doc, "areas", s, e) for s, e in cells):
        return False
    named = sum(bool(_header_column(t)) for t in texts)
    return named >= 2 and named >= len(texts) - 1


def _header_column(text: str) -> str:
    for column, pattern in HEADER_WORDS.items():
        if pattern.search(text):
            return column
    return ""


def _content_column(doc: Doc, start: int, end: int) -> str:
    text = doc_text(doc)[start:end]
    if _mentions(doc, "areas", start, end):
        return "area"
    if _mentions(doc, "actors", start, end):
        return "holder"
    if _mentions(doc, "meetings", start, end):
        return "msp"
    if YEARS.fullmatch(text.strip()):
        return "term"
    if ARTICLE.search(text):
        return "article"
    if ROLE.search(text):
        return "role"
    return "text"


def _mentions(doc: Doc, group: str, start: int, end: int) -> list[Span]:
    return index.within(doc, group, start, end)


# --- tables read out with single spaces -------------------------------------------------------


@reader("spaced_table.v1")
def read_spaced_tables(doc: Doc) -> Iterator[Mark]:
    """Lines made only of table cells: an area, its holders, their term, a meeting ordinal
    or a role word, with nothing but list glue between them. A row of holders without an area
    under a row with one continues that area (kb_id "continues")."""
    previous_area = False
    text = doc_text(doc)
    lines = list(line_spans(text))
    for position, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip() or "|" in line or "\t" in line:
            continue
        cells = _spaced_cells(doc, start, end)
        if cells and _inside_prose(doc, lines, position):
            cells = None
        columns = {column for _, _, column in cells or ()}
        if "holder" not in columns or len(columns) < 2:
            previous_area = False
            continue
        # Only holders (and their term) under an area's row share its area; a row with a role
        # or a meeting ("President Peru 15MSP") is a row of its own.
        continues = previous_area and columns <= {"holder", "term"}
        kind = "continues" if continues else "spaced"
        yield Mark("rows", start, end, "spaced", kind)
        for column_index, (cell_start, cell_end, column) in enumerate(cells or ()):
            yield Mark("cells", cell_start, cell_end, column, str(column_index))
        previous_area = "area" in columns or kind == "continues"


def _inside_prose(doc: Doc, lines: list[tuple[int, int]], position: int) -> bool:
    """A line of names that a sentence runs through: the line above, no row, breaks off
    mid-sentence ("... will coordinate victim assistance,"), or the line below, no row,
    goes on in lower case ("completed their terms at the 18MSP.")."""
    text = doc_text(doc)
    if position > 0:
        start, end = lines[position - 1]
        above = text[start:end].rstrip()
        if re.search(r"(?:[,;]|\b(?-i:[a-z]+))$", above) and not _spaced_cells(doc, start, end):
            return True
    if position + 1 < len(lines):
        start, end = lines[position + 1]
        below = text[start:end].lstrip()
        return below[:1].islower() and not _spaced_cells(doc, start, end)
    return False


def _spaced_cells(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """The cells of a line read as a table row, or None when some text is no cell."""
    if not _mentions(doc, "actors", start, end):
        return None  # a row holds its holders
    if doc_text(doc).count(" ", start, end) > LONGEST_ROW_WORDS:
        return None  # prose, not a row
    pieces: list[tuple[int, int, str]] = []
    for group, column in (("areas", "area"), ("actors", "holder"), ("meetings", "msp")):
        pieces += [(s.start_char, s.end_char, column) for s in _mentions(doc, group, start, end)]
    line = doc_text(doc)[start:end]
    for pattern, column in ((YEARS, "term"), (ROLE, "role"), (ARTICLE, "article")):
        for match in pattern.finditer(line):
            pieces.append((start + match.start(), start + match.end(), column))
    pieces = _without_overlaps(sorted(pieces))
    if not pieces:
        return None
    position = start
    for piece_start, piece_end, _ in pieces:
        if not GLUE.match(doc_text(doc)[position:piece_start]):
            return None
        position = piece_end
    if not GLUE.match(doc_text(doc)[position:end]):
        return None
    return _merged(doc, pieces)


def _without_overlaps(pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for piece in pieces:
        if kept and piece[0] < kept[-1][1]:
            if piece[1] - piece[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = piece
            continue
        kept.append(piece)
    return kept


def _merged(doc: Doc, pieces: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Neighbouring pieces of one column are one cell ("Austria and Colombia")."""
    cells: list[tuple[int, int, str]] = []
    for start, end, column in pieces:
        if cells and cells[-1][2] == column:
            cells[-1] = (cells[-1][0], end, column)
        else:
            cells.append((start, end, column))
    return cells
