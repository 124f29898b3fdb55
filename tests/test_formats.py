"""The bundled corpus as PDF and DOCX builds to the same facts as the `.txt` files; bad PDFs
are reported with their reason."""

from __future__ import annotations

import importlib.util
from collections import Counter
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest
from fpdf import FPDF
from PIL import Image

from ccm_graph import errors
from ccm_graph.ingest import formats, ingest
from ccm_graph.model import Fact
from ccm_graph.pipeline import extract_entry

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
TEXTS = sorted(CORPUS.glob("*.txt"))


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_fixtures", ROOT / "scripts/make_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("formats")
    written = load_script().convert(CORPUS, out)
    assert len(written) == 2 * len(TEXTS)
    return out


def fact_key(fact: Fact) -> tuple[object, ...]:
    """A fact by what it says (kind and values), not where: offsets differ between formats."""
    values = tuple((f.name, getattr(fact, f.name)) for f in fields(fact) if f.name != "span")
    return (type(fact).__name__, values)


def facts_of(path: Path) -> Counter[tuple[object, ...]]:
    entry = extract_entry(path, path.read_bytes())
    for fact in entry.facts:  # provenance still points at the text read from the file
        assert entry.text[fact.span.start : fact.span.end] == fact.span.text
    return Counter(fact_key(fact) for fact in entry.facts)


def test_corpus_is_not_empty() -> None:
    assert len(TEXTS) >= 5


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize("text", TEXTS, ids=lambda path: path.stem[:3])
def test_converted_corpus_gives_the_same_facts_as_text(
    converted: Path, kind: str, text: Path
) -> None:
    expected = facts_of(text)
    actual = facts_of(converted / kind / f"{text.stem}.{kind}")
    assert expected, "the .txt gives facts"
    assert actual - expected == Counter(), "facts only in the converted file"
    assert expected - actual == Counter(), "facts lost in the converted file"


def test_fixture_generator_is_deterministic(tmp_path: Path) -> None:
    script = load_script()
    text = TEXTS[2].read_text(encoding="utf-8")
    for attempt in ("first", "second"):
        script.make_pdf(text, tmp_path / attempt / "doc.pdf", header="CCM record")
        script.make_docx(text, tmp_path / attempt / "doc.docx")
    for name in ("doc.pdf", "doc.docx"):
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()


def test_generated_pdf_repeats_header_and_page_numbers_that_the_reader_drops(
    converted: Path,
) -> None:
    path = converted / "pdf" / f"{TEXTS[0].stem}.pdf"
    text = ingest.read_document(path).text
    assert "CCM record" not in text and "Page 1 of" not in text
    assert "Sri Lanka" in text


# --- bad PDFs -------------------------------------------------------------------------------


def small_pdf(**encryption: str) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Sri Lanka attended the Coordination Committee.")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def test_password_protected_pdf_is_reported_as_such() -> None:
    data = small_pdf(owner_password="owner", user_password="secret")
    with pytest.raises(errors.InputError, match=r"locked\.pdf: the PDF is password-protected"):
        formats.read_pdf(Path("locked.pdf"), data)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    data = small_pdf(owner_password="owner")
    assert "Sri Lanka attended" in formats.read_pdf(Path("owner.pdf"), data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (small_pdf()[:-400], "no end-of-file marker"),
        (small_pdf()[:300] + b"\n%%EOF\n", "damaged or truncated"),
        (b"GIF89a not a pdf", "no PDF header"),
    ],
    ids=["truncated", "cut-inside", "not-a-pdf"],
)
def test_truncated_or_corrupt_pdf_fails_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(errors.InputError, match=reason) as caught:
        formats.read_pdf(Path("broken.pdf"), data)
    assert caught.value.status == "failed" and "broken.pdf" in str(caught.value)


def test_scanned_pdf_without_text_layer_is_reported_as_such() -> None:
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(Image.new("RGB", (200, 100), "white"), x=10, y=10, w=100)
    with pytest.raises(errors.InputError, match=r"scanned PDF without a text layer \(2 page"):
        formats.read_pdf(Path("scan.pdf"), bytes(pdf.output()))
