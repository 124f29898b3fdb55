"""The build: every bad file reported with its reason while the others are built, the report,
the cache, worker processes, interruption and the command line."""

from __future__ import annotations

import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from ccm_graph import cache, cli, errors, pipeline
from ccm_graph.pipeline import BuildOptions, Status
from ccm_graph.rdf import graph as rdf_graph

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL = "002_c29c3796f9e283ff.txt"  # the shortest record: quick to extract


def corpus_of(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def locked_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Sri Lanka attended.")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


@pytest.fixture
def bad_corpus(tmp_path: Path) -> Path:
    """One good record and one file for each kind of bad input."""
    folder = corpus_of(tmp_path / "corpus", SMALL)
    good = (CORPUS / SMALL).read_bytes()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (folder / "latin1.txt").write_bytes(good.replace(b"Lebanon", b"L\xe9banon", 1))
    (folder / "truncated.pdf").write_bytes(locked_pdf()[:200])
    (folder / "locked.pdf").write_bytes(locked_pdf())
    (folder / "recipe.txt").write_text("Whisk two eggs with sugar.\n\nBake for an hour.\n")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    return folder


def by_name(result: pipeline.BuildResult) -> dict[str, pipeline.FileReport]:
    return {Path(report.path).name: report for report in result.files}


def test_every_bad_file_is_reported_and_the_good_ones_built(bad_corpus: Path) -> None:
    result = pipeline.build(bad_corpus, BuildOptions(jobs=1))
    reports = by_name(result)
    assert sorted(reports) == sorted(p.name for p in bad_corpus.iterdir())  # none missing
    expected = {
        SMALL: (Status.OK, None),
        "latin1.txt": (Status.OK, None),
        "recipe.txt": (Status.OK, errors.NO_CCM_CONTENT),
        "empty.txt": (Status.SKIPPED, errors.EMPTY),
        "slides.pptx": (Status.SKIPPED, "unsupported file type '.pptx'"),
        "binary.txt": (Status.FAILED, errors.BINARY.format(offset=0)),
        "locked.pdf": (Status.FAILED, errors.ENCRYPTED_PDF),
        "truncated.pdf": (Status.FAILED, "the PDF is damaged or truncated"),
    }
    for name, (status, reason) in expected.items():
        assert reports[name].status is status, name
        assert (reports[name].reason or "").startswith(reason or ""), name
    assert reports["latin1.txt"].warnings == (errors.BAD_UTF8.format(offset=good_offset()),)
    assert reports["latin1.txt"].facts["coordinator"] == reports[SMALL].facts["coordinator"]
    assert {Path(d.document.path).name for d in result.documents} == {
        SMALL,
        "latin1.txt",
        "recipe.txt",
    }
    assert result.graph is not None and len(result.graph) > 1000
    assert all(report.line().count(report.path) == 1 for report in result.files)


def good_offset() -> int:
    return (CORPUS / SMALL).read_bytes().index(b"Lebanon") + 1


def test_cli_reports_one_line_per_bad_file_and_fails_only_when_strict(
    bad_corpus: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "ccm.ttl"
    arguments = ["build", str(bad_corpus), "-o", str(output), "-q", "-j", "1"]
    relaxed = CliRunner().invoke(cli.app, arguments)
    assert relaxed.exit_code == 0, relaxed.output
    for name in ("empty.txt", "binary.txt", "locked.pdf", "truncated.pdf", "slides.pptx"):
        lines = [line for line in relaxed.output.splitlines() if name in line]
        assert len(lines) == 1 and lines[0].startswith(("skipped:", "failed:")), name
    assert output.is_file()
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["totals"]["files"] == 8
    assert (report["totals"]["ok"], report["totals"]["skipped"], report["totals"]["failed"]) == (
        3,
        2,
        3,
    )
    assert all({"path", "format", "status", "reason", "facts"} <= set(f) for f in report["files"])
    strict = CliRunner().invoke(cli.app, [*arguments, "--strict"])
    assert strict.exit_code == 1


def test_output_is_byte_identical_for_any_number_of_jobs(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL, "001_fb68051c85a91798.txt")
    (folder / "empty.txt").write_text("")
    one = pipeline.build(folder, BuildOptions(jobs=1))
    two = pipeline.build(folder, BuildOptions(jobs=2))
    assert one.graph is not None and two.graph is not None
    assert rdf_graph.turtle(one.graph) == rdf_graph.turtle(two.graph)
    assert [f.path for f in one.files] == [f.path for f in two.files]


def test_rebuild_after_changing_one_file_extracts_only_that_file(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL, "001_fb68051c85a91798.txt")
    options = BuildOptions(jobs=1, cache_dir=tmp_path / "cache")
    first = pipeline.build(folder, options)
    assert [f.cached for f in first.files] == [False, False]
    second = pipeline.build(folder, options)
    assert [f.cached for f in second.files] == [True, True]
    assert rdf_graph.turtle(first.graph) == rdf_graph.turtle(second.graph)  # type: ignore[arg-type]
    changed = folder / SMALL
    changed.write_text(changed.read_text() + "\nNew paragraph about Austria.\n")
    third = by_name(pipeline.build(folder, options))
    assert (third["001_fb68051c85a91798.txt"].cached, third[SMALL].cached) == (True, False)


def test_an_unusable_cache_entry_is_a_miss(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    options = BuildOptions(jobs=1, cache_dir=tmp_path / "cache")
    first = pipeline.build(folder, options)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_text('{"text": "half a file')
    second = pipeline.build(folder, options)
    assert second.files[0].cached is False
    assert rdf_graph.turtle(first.graph) == rdf_graph.turtle(second.graph)  # type: ignore[arg-type]


def test_cache_round_trips_every_fact(tmp_path: Path) -> None:
    entry = pipeline.extract_entry(CORPUS / SMALL, (CORPUS / SMALL).read_bytes())
    cache.save(tmp_path, "k" * 64, entry)
    assert cache.load(tmp_path, "k" * 64) == entry


def test_interrupted_build_leaves_the_previous_graph_and_a_consistent_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    output = tmp_path / "out" / "ccm.ttl"
    arguments = ["build", str(folder), "-o", str(output), "-q", "-j", "1"]
    assert CliRunner().invoke(cli.app, arguments).exit_code == 0
    before = output.read_bytes()
    (folder / "001_fb68051c85a91798.txt").write_bytes(
        (CORPUS / "001_fb68051c85a91798.txt").read_bytes()
    )

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    # Ctrl-C inside the first atomic write (a cache entry or the graph), before its rename.
    monkeypatch.setattr(os, "fsync", interrupt)
    result = CliRunner().invoke(cli.app, arguments)
    assert result.exit_code == 130 and "left as it was" in result.output
    assert output.read_bytes() == before
    leftovers = [p.name for p in tmp_path.rglob(".*") if p.is_file()]
    assert leftovers == []  # no half-written temporary files
    entries = list((output.parent / "cache").rglob("*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text())["facts"]


def test_file_that_disappears_during_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL, "001_fb68051c85a91798.txt")
    discover = pipeline.ingest.discover

    def discover_then_delete(source: Path) -> list[Path]:
        found = discover(source)
        (folder / "001_fb68051c85a91798.txt").unlink()  # gone between listing and reading
        return found

    monkeypatch.setattr(pipeline.ingest, "discover", discover_then_delete)
    reports = by_name(pipeline.build(folder, BuildOptions(jobs=1)))
    gone = reports["001_fb68051c85a91798.txt"]
    assert (gone.status, gone.reason) == (Status.FAILED, errors.DISAPPEARED)
    assert reports[SMALL].status is Status.OK


def test_a_100_mb_text_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    chunk = ("Austria attended the meeting of the Coordination Committee. " * 16 + "\n").encode()
    with (folder / "huge.txt").open("wb") as stream:
        for _ in range(100 * 1024 * 1024 // len(chunk) + 1):
            stream.write(chunk)
    assert (folder / "huge.txt").stat().st_size > 100 * 1024 * 1024
    tracemalloc.start()
    try:
        outcome = pipeline.process_file(folder / "huge.txt", BuildOptions(jobs=1))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # the big file was never read into memory
    assert outcome is not None and outcome.report.status is Status.SKIPPED
    reports = by_name(pipeline.extract_all(folder, BuildOptions(jobs=1)))
    assert reports["huge.txt"].status is Status.SKIPPED
    assert "over the 50 MiB limit" in (reports["huge.txt"].reason or "")
    assert reports[SMALL].status is Status.OK


def test_duplicate_document_ids_keep_the_first_file(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    markdown = SMALL.replace(".txt", ".md")  # sorts first: the .txt is the duplicate
    shutil.copy(CORPUS / SMALL, folder / markdown)
    reports = by_name(pipeline.extract_all(folder, BuildOptions(jobs=1)))
    assert reports[SMALL].status is Status.SKIPPED and markdown in (reports[SMALL].reason or "")
    assert reports[markdown].status is Status.OK


def test_manifest_metadata_reaches_the_document_node(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    (folder / "manifest.csv").write_text(
        f"file,title,symbol,language\n{SMALL},Fifth meeting,CCM/CC/5,en\n"
    )
    result = pipeline.build(folder, BuildOptions(jobs=1))
    assert result.files[0].metadata == {
        "title": "Fifth meeting",
        "symbol": "CCM/CC/5",
        "language": "en",
    }
    turtle = rdf_graph.turtle(result.graph).decode()  # type: ignore[arg-type]
    assert '"Fifth meeting"' in turtle and '"CCM/CC/5"' in turtle


def test_bad_manifest_stops_the_build_naming_row_and_field(tmp_path: Path) -> None:
    folder = corpus_of(tmp_path / "corpus", SMALL)
    (folder / "manifest.csv").write_text(f"file,date\n{SMALL},28/02/2012\n")
    result = CliRunner().invoke(cli.app, ["build", str(folder), "-o", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    assert "row 2, field 'date'" in " ".join(result.output.split())
