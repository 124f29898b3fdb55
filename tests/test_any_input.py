"""Any file name, any layout (issue 14): odd file names are read and reported like any other,
every path under the source has a line in the report, a paragraph too long for spaCy is cut
rather than lost, and a manifest URL that is not an IRI is a manifest error."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccm_graph import errors, pipeline
from ccm_graph.ingest import cleanup, ingest, manifest
from ccm_graph.pipeline import BuildOptions, Status

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SMALL = CORPUS / "002_c29c3796f9e283ff.txt"
ODD_NAMES = [
    "with space",
    "per%cent",
    "br[ack]et",
    "cur{ly}",
    "an<gle>",
    'quo"te',
    "back\\slash",
    "pi|pe",
    "car^et",
    "back`tick",
    "ta\tb",
    "new\nline",
    "apo'strophe",
    "hash#tag?",
    "uni€code",
]
NOT_UTF8 = b"latin\xe9"


@pytest.fixture(scope="module")
def odd_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("odd names")
    for number, name in enumerate(ODD_NAMES):
        shutil.copy(SMALL, folder / f"{number:02d} {name}.txt")
    shutil.copy(SMALL, os.fsdecode(bytes(folder) + b"/99 " + NOT_UTF8 + b".txt"))
    return folder


@pytest.fixture(scope="module")
def odd_result(odd_corpus: Path) -> pipeline.BuildResult:
    return pipeline.extract_all(odd_corpus, BuildOptions(jobs=1))


def test_odd_file_names_are_read_like_any_other(odd_result: pipeline.BuildResult) -> None:
    expected = pipeline.process_file(SMALL, BuildOptions(jobs=1)).report.facts  # type: ignore[union-attr]
    assert len(odd_result.files) == len(ODD_NAMES) + 1
    assert [(f.status, f.facts) for f in odd_result.files] == [(Status.OK, expected)] * 16


def test_odd_file_names_appear_in_the_report_as_they_are(
    odd_result: pipeline.BuildResult, odd_corpus: Path, tmp_path: Path
) -> None:
    report_path = tmp_path / "report.json"
    pipeline.write_report(odd_result, report_path, odd_corpus, tmp_path / "ccm.ttl")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    names = {Path(f["path"]).name for f in report["files"]}
    assert {f"{n:02d} {name}.txt" for n, name in enumerate(ODD_NAMES)} <= names
    latin = next(f for f in report["files"] if f["path"].endswith("latin\\xe9.txt"))
    assert base64.b64decode(latin["path_bytes"]).endswith(b"/99 " + NOT_UTF8 + b".txt")
    assert os.path.exists(base64.b64decode(latin["path_bytes"]))  # the exact name, found again


def test_each_odd_file_name_is_one_line_of_the_build_output(
    odd_result: pipeline.BuildResult,
) -> None:
    for report in odd_result.files:
        report.warnings = ("a note",)
        line = report.line()
        assert "\n" not in line and "\t" not in line
        line.encode("utf-8")  # printable on any terminal: no lone surrogates
    shown = [Path(f.path).name for f in odd_result.files]
    assert (
        ingest.shown(shown[10]) == "10 ta\\tb.txt"
        and ingest.shown(shown[11]) == "11 new\\nline.txt"
    )
    assert ingest.shown(shown[-1]) == "99 latin\\xe9.txt"


# --- every path under the source ------------------------------------------------------------


@pytest.fixture
def odd_paths(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    (source / "minutes").mkdir(parents=True)
    (source / "locked").mkdir()
    (tmp_path / "elsewhere").mkdir()
    shutil.copy(SMALL, source / "minutes" / "record.txt")
    (source / "locked" / "hidden-by-permissions.txt").write_text("Present: Chile\n")
    (source / "dangling.txt").symlink_to("no-such-file.txt")
    (source / "loop.txt").symlink_to("loop.txt")
    (source / "folder-link").symlink_to(tmp_path / "elsewhere")
    (source / "alias.txt").symlink_to(source / "minutes" / "record.txt")
    os.mkfifo(source / "pipe.txt")
    return source


@pytest.fixture
def locked_folder(odd_paths: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`locked/` cannot be listed: chmod is not enough as root (CI), so listing it fails."""
    locked = odd_paths / "locked"
    real_scandir = os.scandir

    def scandir(path: os.PathLike | str = "."):  # type: ignore[no-untyped-def]
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return locked


def test_every_path_under_the_source_has_a_line_in_the_report(
    odd_paths: Path, locked_folder: Path
) -> None:
    result = pipeline.extract_all(odd_paths, BuildOptions(jobs=1))
    found = {
        Path(f.path).relative_to(odd_paths).as_posix(): (f.status, f.reason) for f in result.files
    }
    assert found == {
        "minutes/record.txt": (Status.OK, None),
        "alias.txt": (Status.OK, None),  # a link to a file is read
        "dangling.txt": (Status.FAILED, errors.DANGLING_LINK.format(target="no-such-file.txt")),
        "loop.txt": (Status.FAILED, errors.LINK_LOOP),
        "folder-link": (Status.SKIPPED, errors.LINK_TO_FOLDER),
        "pipe.txt": (Status.SKIPPED, errors.SPECIAL_FILE.format(kind="named pipe (FIFO)")),
        "locked": (Status.FAILED, errors.UNREADABLE_FOLDER.format(reason="Permission denied")),
    }


def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "alias.txt").symlink_to(SMALL)
    result = pipeline.extract_all(tmp_path / "source", BuildOptions(jobs=1))
    assert [f.status for f in result.files] == [Status.OK] and result.documents


def test_a_fifo_never_blocks_the_build(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(errors.SkippedInput, match="named pipe"):
        ingest.read_bytes(tmp_path / "pipe.txt")


# --- very long paragraphs -------------------------------------------------------------------


def one_paragraph(text: str) -> str:
    while re.search(r"\n[ \t]*\n", text):
        text = re.sub(r"\n[ \t]*\n", "\n", text)
    return text


def test_a_paragraph_over_a_million_characters_is_cut_not_lost(tmp_path: Path) -> None:
    record = one_paragraph(SMALL.read_text(encoding="utf-8"))
    filler = "The delegates discussed the agenda at length. " * 25_000
    path = tmp_path / "long.txt"
    path.write_text(f"{record}\n{filler}\n{record}", encoding="utf-8")
    assert len(path.read_text(encoding="utf-8")) > cleanup.MAX_PARAGRAPH
    outcome = pipeline.process_file(path, BuildOptions(jobs=1))
    assert outcome is not None and outcome.report.status is Status.OK, outcome.report.reason
    small = pipeline.process_file(SMALL, BuildOptions(jobs=1))
    assert outcome.report.facts == small.report.facts  # type: ignore[union-attr]
    assert outcome.report.warnings == (
        errors.LONG_PARAGRAPHS.format(count=1, limit=cleanup.MAX_PARAGRAPH),
    )
    text = outcome.facts.document.text  # type: ignore[union-attr]
    assert all(text[f.span.start : f.span.end] == f.span.text for f in outcome.facts.facts)  # type: ignore[union-attr]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab .!\n\t\r\u00a0\ufb01-"), max_size=400),
    st.integers(min_value=3, max_value=60),
)
def test_cut_paragraphs_fit_and_map_back(text: str, limit: int) -> None:
    cleaned = cleanup.clean(text, max_paragraph=limit)
    spans = cleanup._paragraph_spans(cleaned.text)
    assert all(end - start <= limit for start, end in spans)
    assert re.sub(r"\s", "", cleaned.text) == re.sub(r"\s", "", cleanup.clean(text, 10**9).text)
    for match in re.finditer(r"[^\s]+", cleaned.text):
        span = cleaned.span(match.start(), match.end())
        assert 0 <= span.start <= span.end <= len(text)
        assert span.text == text[span.start : span.end]


# --- the manifest ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a b.pdf", "https://example.org/{x}", "http://example.org/a|b", "ftp://x"],
)
def test_a_source_url_that_is_not_an_iri_is_a_manifest_error(tmp_path: Path, url: str) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "manifest.csv").write_text(f"file,source_url\na.txt,{url}\n")
    with pytest.raises(errors.ManifestError, match="not a usable http") as caught:
        manifest.load(tmp_path / "manifest.csv", ingest.discover(tmp_path))
    assert (caught.value.row, caught.value.field) == (2, "source_url")
