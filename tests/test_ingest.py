"""Ingestion: discovery, decoding, the format readers, cleanup offsets and the manifest."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from ccm_graph import errors
from ccm_graph.ingest import cleanup, formats, ingest, manifest
from ccm_graph.model import MeetingType

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


# --- discovery and decoding -----------------------------------------------------------------


def test_discover_lists_every_file_but_hidden_ones_and_the_manifest(tmp_path: Path) -> None:
    for name in ("b.txt", "a.pdf", "notes.rtf", "manifest.csv", ".hidden.txt", "sub/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in ingest.discover(tmp_path)]
    assert found == ["a.pdf", "b.txt", "notes.rtf", "sub/c.md"]


def test_missing_source_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(errors.InputError, match="nowhere"):
        ingest.discover(tmp_path / "nowhere")


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b" \n\n")
    with pytest.raises(errors.SkippedInput, match="empty"):
        ingest.read_document(path)


def test_binary_data_named_txt_fails(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(errors.InputError, match="binary") as caught:
        ingest.read_document(path)
    assert caught.value.status == "failed"
    assert str(path) in str(caught.value)


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"Present:\nAustria\nMs. Lioba Bammer\n" + b"Caf\xe9\n")
    text, warnings = ingest.to_text(path, path.read_bytes())
    assert "Austria" in text and "Caf\ufffd" in text
    assert warnings == [errors.BAD_UTF8.format(offset=text.index("\ufffd"))]


def test_utf16_with_bom_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Present: Sri Lanka".encode("utf-16"))
    assert ingest.read_document(path).text == "Present: Sri Lanka"


def test_unsupported_type_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "minutes.rtf"
    path.write_text("{\\rtf1 hello}")
    with pytest.raises(errors.SkippedInput, match=r"unsupported file type '\.rtf'"):
        ingest.read_document(path)


def test_read_bytes_refuses_a_file_over_the_limit_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000)
    with pytest.raises(errors.SkippedInput, match=r"over the 0.001 MiB limit"):
        ingest.read_bytes(path, max_bytes=1000)


def test_read_document_keeps_the_file_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Present:\r\nPeru\r\n")
    assert ingest.read_document(path).text == "Present:\r\nPeru\r\n"  # cleanup works on a copy


# --- cleanup --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "cleaned"),
    [
        ("imple-\nmentation", "implementation"),
        ("Anti-\nPersonnel", "Anti-Personnel"),
        ("re\u00adport", "report"),
        ("\ufb01nal \ufb02ow", "final flow"),
        ("a\r\nb\rc\x0cd\u2028e", "a\nb\nc\nd\ne"),
        ("Sri\u00a0Lanka", "Sri Lanka"),
        ("\ufeffPresent", "Present"),
        ("Zambia -\nMr. X", "Zambia -\nMr. X"),  # a dash after a space is no hyphenation
    ],
)
def test_cleanup_repairs_typesetting(original: str, cleaned: str) -> None:
    assert cleanup.clean(original).text == cleaned


def test_cleanup_maps_every_word_back_to_the_original_text() -> None:
    original = "Bosnia and Herze-\ngovina sent the \ufb01nal re\u00adport.\r\nAnti-\nPersonnel"
    result = cleanup.clean(original)
    expected = {
        "Herzegovina": "Herze-\ngovina",
        "final": "\ufb01nal",
        "report": "re\u00adport",
        "Anti-Personnel": "Anti-\nPersonnel",
        "sent": "sent",
    }
    for word, source in expected.items():
        start = result.text.index(word)
        span = result.span(start, start + len(word))
        assert span.text == source == original[span.start : span.end]


def test_ocr_repairs_lists_state_names_with_one_slip() -> None:
    assert cleanup.ocr_repairs("Delegates of lraq and Austria, and Irag.") == {
        "Irag": "IRQ",
        "lraq": "IRQ",
    }


# --- formats --------------------------------------------------------------------------------


def pdf_bytes(draw) -> bytes:  # type: ignore[no-untyped-def]
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=10)
    draw(pdf)
    return bytes(pdf.output())


def test_pdf_two_columns_are_read_left_then_right() -> None:
    left = "Left column opens here. " + " ".join(f"alpha{i}" for i in range(120)) + " Left end."
    right = "Right column opens here. " + " ".join(f"beta{i}" for i in range(120)) + " Right end."

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_xy(10, 10)
        pdf.cell(190, 6, "A title across the whole width of the page, over both columns")
        pdf.set_xy(10, 20)
        pdf.multi_cell(85, 5, left)
        pdf.set_xy(115, 20)
        pdf.multi_cell(85, 5, right)

    text = formats.read_pdf(Path("columns.pdf"), pdf_bytes(draw))
    lines = text.splitlines()
    assert lines[0].startswith("A title across")
    assert lines[1] == left  # wrapped lines rejoined, in order, the right column not mixed in
    assert lines[2] == right


BODY = ["The meeting opened at 10:00.", "Peru reported on Article 4.", "It closed at noon."]


def test_pdf_running_headers_and_page_numbers_are_removed() -> None:
    def draw(pdf: FPDF) -> None:
        for page in range(1, 4):
            pdf.add_page()
            pdf.cell(0, 5, "CCM/CC/2018/MINUTES  running header", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
            pdf.multi_cell(0, 5, BODY[page - 1], new_x="LMARGIN", new_y="NEXT")
            pdf.set_y(-15)
            pdf.cell(0, 5, f"- {page} -", align="C")

    text = formats.read_pdf(Path("headers.pdf"), pdf_bytes(draw))
    assert "running header" not in text
    assert "- 1 -" not in text and "- 3 -" not in text
    assert [line for line in text.splitlines() if line.strip()] == BODY


def test_pdf_hyphenation_at_a_wrap_is_joined_by_cleanup() -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.multi_cell(60, 5, "The Coordination Committee discussed imple-")
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(60, 5, "mentation of the Dubrovnik Action Plan.")

    text = formats.read_pdf(Path("hyphen.pdf"), pdf_bytes(draw))
    assert "implementation of the Dubrovnik" in cleanup.clean(text).text


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    document = docx.Document()
    document.add_paragraph("1. Present:")
    table = document.add_table(rows=2, cols=2)
    for row, (state, person) in enumerate([("Austria", "Ms. Lioba Bammer"), ("Peru", "")]):
        table.cell(row, 0).text = state
        table.cell(row, 1).text = person
    document.add_paragraph("2. Opening remarks")
    buffer = io.BytesIO()
    document.save(buffer)
    text = formats.read_docx(Path("minutes.docx"), buffer.getvalue())
    assert text == "1. Present:\nAustria\nMs. Lioba Bammer\n\nPeru\n\n2. Opening remarks\n"


def test_corrupt_docx_fails_naming_the_file() -> None:
    with pytest.raises(errors.InputError, match=r"broken\.docx: the \.docx file is damaged"):
        formats.read_docx(Path("broken.docx"), b"PK\x03\x04 not really a zip")


def test_html_main_text_only() -> None:
    html = b"""<html><head><style>p {}</style><script>var x = 1;</script></head><body>
    <nav><a href="/">Home</a> | <a>Menu</a></nav><header>Site header</header>
    <main><h1>Minutes of the CCM Coordination Committee</h1>
    <p>The meeting was <b>opened</b> by
       the President.</p>
    <ul><li>Austria</li><li>Peru</li></ul></main>
    <footer>Copyright 2019</footer></body></html>"""
    text = formats.read_html(Path("page.html"), html)
    assert text == (
        "Minutes of the CCM Coordination Committee\n\n"
        "The meeting was opened by the President.\n\nAustria\nPeru\n"
    )


# --- manifest -------------------------------------------------------------------------------


def write_manifest(folder: Path, body: str, name: str = "manifest.csv") -> Path:
    (folder / "a.txt").write_text("x")
    (folder / "b.pdf").write_text("x")
    (folder / name).write_text(body)
    return folder / name


def test_manifest_gives_metadata_by_file(tmp_path: Path) -> None:
    path = write_manifest(
        tmp_path,
        "file,title,symbol,date,meeting_type,source_url,language\n"
        "a.txt,Minutes,CCM/CC/1,2018-11-08,coordination-committee,https://example.org/a,en\n"
        "b.pdf,,,,,,\n",
    )
    found = manifest.load(path, ingest.discover(tmp_path))
    first = found[tmp_path / "a.txt"]
    assert (first.title, first.symbol, first.date) == ("Minutes", "CCM/CC/1", "2018-11-08")
    assert first.meeting_type is MeetingType.COORDINATION_COMMITTEE
    assert found[tmp_path / "b.pdf"].title is None


@pytest.mark.parametrize(
    ("row", "field", "problem"),
    [
        ("a.txt,8 November 2018,en", "date", "not a date"),
        ("a.txt,2018-02-30,en", "date", "not a date"),
        ("a.txt,2018-11-08,English", "language", "not a language tag"),
        ("c.txt,2018-11-08,en", "file", "no such document"),
        (",2018-11-08,en", "file", "names no file"),
    ],
)
def test_manifest_errors_name_row_and_field(
    tmp_path: Path, row: str, field: str, problem: str
) -> None:
    path = write_manifest(tmp_path, f"file,date,language\nb.pdf,,\n{row}\n")
    with pytest.raises(errors.ManifestError, match=problem) as caught:
        manifest.load(path, ingest.discover(tmp_path))
    assert (caught.value.row, caught.value.field) == (3, field)
    assert f"row 3, field {field!r}" in str(caught.value)


def test_manifest_unknown_column_and_yaml(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "- file: a.txt\n  meeting_type: plenary\n", "manifest.yaml")
    with pytest.raises(errors.ManifestError, match="row 1, field 'meeting_type'"):
        manifest.load(path, ingest.discover(tmp_path))
    path.write_text("- file: a.txt\n  colour: blue\n")
    with pytest.raises(errors.ManifestError, match="unknown column"):
        manifest.load(path, ingest.discover(tmp_path))


def test_bundled_manifest_is_valid() -> None:
    found = manifest.load(CORPUS / "manifest.csv", ingest.discover(CORPUS))
    assert len(found) == len(list(CORPUS.glob("*.txt"))) >= 5
    assert all(meta.title and meta.language == "en" for meta in found.values())
