"""Convert the corpus text to PDF and DOCX test fixtures, deterministically.

    .venv/bin/python scripts/make_fixtures.py [CORPUS] [OUT]

Defaults: corpus/ and tests/fixtures/formats/ (not committed: the tests generate their own).

Each `.txt` becomes a `.pdf` (A4, a Unicode TrueType font, lines wrapped by the typesetter,
a running header and "Page N of M" footers that the reader must remove) and a `.docx` (one
paragraph per line). The same input gives byte-identical files: fixed creation dates and
fixed timestamps inside the DOCX zip. The tests call these functions into a temporary folder.
"""

from __future__ import annotations

import datetime
import io
import sys
import zipfile
from pathlib import Path

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)
FIXED_DATE = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
FONT_SIZE = 10
LINE_HEIGHT = 5  # mm


def font_path() -> Path:
    """A TrueType font with the corpus's characters (ć, dashes, curly quotes)."""
    for path in FONT_CANDIDATES:
        if path.is_file():
            return path
    tried = ", ".join(str(p) for p in FONT_CANDIDATES)
    raise FileNotFoundError(f"no Unicode TrueType font found (tried {tried}): install fonts-dejavu")


def make_pdf(text: str, path: Path, header: str = "") -> None:
    """Typeset `text` line by line into a PDF at `path`."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    class Document(FPDF):
        def header(self) -> None:
            if header:
                self.cell(0, LINE_HEIGHT, header, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                self.ln(LINE_HEIGHT)

        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, LINE_HEIGHT, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Document(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_font("body", fname=str(font_path()))
    pdf.set_font("body", size=FONT_SIZE)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    for line in text.splitlines():
        # Tabs have no glyph: print them as spaces, as a word processor's tab stop would.
        pdf.multi_cell(
            0, LINE_HEIGHT, line.replace("\t", "    "), new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(pdf.output()))


def make_docx(text: str, path: Path) -> None:
    """One Word paragraph per line of `text`, written to `path`."""
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.created = properties.modified = FIXED_DATE.replace(tzinfo=None)
    properties.last_printed = FIXED_DATE.replace(tzinfo=None)
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed: zipfile stamps the current time."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return output.getvalue()


def convert(corpus: Path, out: Path) -> list[Path]:
    """Every `.txt` of `corpus` as `.pdf` and `.docx` in `out/pdf/` and `out/docx/`."""
    written = []
    for source in sorted(corpus.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        pdf = out / "pdf" / f"{source.stem}.pdf"
        make_pdf(text, pdf, header=f"CCM record {source.stem[:3]}")
        written.append(pdf)
        docx_path = out / "docx" / f"{source.stem}.docx"
        make_docx(text, docx_path)
        written.append(docx_path)
    return written


def main(argv: list[str]) -> None:
    corpus = Path(argv[0]) if argv else Path("corpus")
    out = Path(argv[1]) if len(argv) > 1 else Path("tests/fixtures/formats")
    for path in convert(corpus, out):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
