"""The main job: a folder of documents in, the knowledge graph and a report on every file out.

For each file: read it (within a size limit), look it up in the cache by content and pipeline
version, else turn it into text (`ingest`), clean a copy (`cleanup`), extract the facts and
map their spans back to the text as read. Files that miss the cache are extracted in worker
processes (`jobs`); results are put back in path order, so the output does not depend on how
many workers ran or which finished first. A bad file is reported with its reason (status
`skipped` or `failed`) and the others are still built.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from rdflib import Graph

from ccm_graph import cache, errors
from ccm_graph.extract import extract_document
from ccm_graph.ingest import cleanup, formats, ingest, manifest
from ccm_graph.model import DocumentFacts, DocumentMetadata, SourceDocument
from ccm_graph.nlp.pipeline import pipeline as nlp_pipeline
from ccm_graph.rdf import graph, store

log = logging.getLogger(__name__)


class Status(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class BuildOptions:
    """How to build: worker processes (None: one per core), cache folder (None: no cache),
    the largest file read, and the extraction rules switched off (to measure what one adds)."""

    jobs: int | None = None
    cache_dir: Path | None = None
    max_bytes: int = ingest.DEFAULT_MAX_BYTES
    disabled_rules: tuple[str, ...] = ()  # names of extraction rules not to run


@dataclass
class FileReport:
    """What the build did with one input file."""

    path: str
    format: str | None
    status: Status
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    facts: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)
    ocr_repairs: dict[str, str] = field(default_factory=dict)
    cached: bool = False
    metadata: dict[str, str] = field(default_factory=dict)

    def line(self) -> str:
        """One line naming the file and what happened to it."""
        path = ingest.shown(self.path)  # a tab, a newline or a non-UTF-8 byte stays on the line
        if self.status is not Status.OK:
            return f"{self.status}: {path}: {self.reason}"
        notes = [*self.warnings, *([self.reason] if self.reason else [])]
        return f"warning: {path}: {'; '.join(notes)}" if notes else f"ok: {path}"


@dataclass(frozen=True)
class FileProblem:
    path: str
    problem: str


@dataclass
class BuildResult:
    """What a build read, what it extracted, and what it could not use."""

    documents: list[DocumentFacts] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    graph: Graph | None = None
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True)
class Outcome:
    report: FileReport
    facts: DocumentFacts | None = None


Progress = Callable[[FileReport], None]


def build(
    source: Path, options: BuildOptions | None = None, on_file: Progress | None = None
) -> BuildResult:
    """Extract every document under `source` and assemble the graph.

    Args:
        source: a document or a folder of documents.
        options: jobs, cache folder and size limit (defaults: one job per core, no cache).
        on_file: called with each file's report as soon as the file is done (progress bars).

    Raises:
        InputError: `source` does not exist or holds no files.
        ManifestError: the corpus manifest has a bad row.
    """
    started = time.perf_counter()
    result = extract_all(source, options or BuildOptions(), on_file)
    result.graph = graph.build_graph(result.documents)
    result.seconds = time.perf_counter() - started
    return result


def extract_all(
    source: Path, options: BuildOptions | None = None, on_file: Progress | None = None
) -> BuildResult:
    """Read and extract every file under `source`; bad files are reported, not raised."""
    options = options or BuildOptions()
    paths = ingest.discover(source)
    if not paths:
        raise errors.InputError(source, errors.NO_DOCUMENTS)
    manifest_path = manifest.find(source)
    metadata = manifest.load(manifest_path, paths) if manifest_path else {}
    duplicates = dict(_duplicates(paths))
    outcomes = [
        _problem(path, errors.SkippedInput(path, reason)) for path, reason in duplicates.items()
    ]
    for outcome in outcomes:
        _notify(on_file, outcome)
    outcomes += run([p for p in paths if p not in duplicates], options, on_file)
    if options.cache_dir is not None:
        cache.prune(options.cache_dir)
    return _result(sorted(outcomes, key=lambda o: o.report.path), metadata)


def _duplicates(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """Files whose document id (name without extension) an earlier file already has."""
    first: dict[str, Path] = {}
    for path in paths:
        if formats.format_of(path) is None or not ingest.is_regular(path):
            continue
        if path.stem in first:
            yield path, errors.DUPLICATE_ID.format(other=first[path.stem])
        else:
            first[path.stem] = path


def _result(outcomes: list[Outcome], metadata: dict[Path, DocumentMetadata]) -> BuildResult:
    result = BuildResult()
    for outcome in outcomes:
        report = outcome.report
        found = metadata.get(Path(report.path))
        if found is not None:
            report.metadata = {k: str(v) for k, v in asdict(found).items() if v is not None}
        result.files.append(report)
        if report.status is not Status.OK:
            result.problems.append(FileProblem(report.path, report.reason or report.status))
        if outcome.facts is not None:
            document = outcome.facts.document
            if found is not None:
                document = replace(document, metadata=found)
            result.documents.append(DocumentFacts(document, outcome.facts.facts))
    return result


# --- one file -------------------------------------------------------------------------------


def run(paths: list[Path], options: BuildOptions, on_file: Progress | None = None) -> list[Outcome]:
    """Each file's outcome: cache hits and unreadable files at once, the rest extracted,
    in worker processes when there are several."""
    outcomes: list[Outcome] = []
    misses: list[Path] = []
    for path in paths:
        outcome = process_file(path, options, cached_only=True)
        if outcome is None:
            misses.append(path)
        else:
            outcomes.append(outcome)
            _notify(on_file, outcome)
    jobs = options.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(misses) <= 1:
        for path in misses:
            outcomes.append(_notify(on_file, process_file(path, options)))
    else:
        outcomes += _in_workers(misses, options, min(jobs, len(misses)), on_file)
    return outcomes


def _in_workers(
    paths: list[Path], options: BuildOptions, jobs: int, on_file: Progress | None
) -> list[Outcome]:
    outcomes = []
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up)
    try:
        # Largest first, so that one big PDF does not run alone at the end.
        ordered = sorted(paths, key=_size, reverse=True)
        futures = {pool.submit(process_file, path, options): path for path in ordered}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as error:  # a worker that died (killed, out of memory)
                failure = errors.InputError(futures[future], f"the worker failed: {error!r}")
                outcome = _problem(futures[future], failure)
            outcomes.append(_notify(on_file, outcome))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return outcomes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _warm_up() -> None:
    nlp_pipeline()  # built once per worker, not once per document


def _notify(on_file: Progress | None, outcome: Outcome | None) -> Outcome:
    assert outcome is not None  # process_file answers None only when asked for cached files
    if on_file is not None:
        on_file(outcome.report)
    return outcome


def process_file(path: Path, options: BuildOptions, cached_only: bool = False) -> Outcome | None:
    """One file from bytes to facts, through the cache. With `cached_only`, None on a miss."""
    try:
        ingest.require_regular(path)  # a FIFO, a dangling link, an unreadable folder: said so
        kind = formats.format_of(path)
        if kind is None:
            raise errors.SkippedInput(path, errors.UNSUPPORTED.format(suffix=path.suffix))
        data = ingest.read_bytes(path, options.max_bytes)
        digest = ingest.sha256(data)
        entry_key = cache.key(digest, path.stem, kind, options.disabled_rules)
        entry = cache.load(options.cache_dir, entry_key) if options.cache_dir else None
        cached = entry is not None
        if entry is None:
            if cached_only:
                return None
            entry = extract_entry(path, data, options.disabled_rules)
            _save(options.cache_dir, entry_key, entry)
    except errors.InputError as error:
        return _problem(path, error)
    except Exception as error:  # one bad document must not lose the others
        log.debug("%s: extraction failed", path, exc_info=True)
        reason = errors.EXTRACTION_FAILED.format(reason=f"{type(error).__name__}: {error}")
        return _problem(path, errors.InputError(path, reason))
    document = SourceDocument(path.stem, str(path), entry.text, digest)
    return Outcome(_report(path, entry, cached), DocumentFacts(document, entry.facts))


def extract_entry(path: Path, data: bytes, disabled_rules: tuple[str, ...] = ()) -> cache.Entry:
    """A file's text, facts and report notes, computed (no cache)."""
    text, warnings = ingest.to_text(path, data)
    document = SourceDocument(path.stem, str(path), text, ingest.sha256(data))
    cleaned = cleanup.clean(text)
    warnings += cleanup.notes(cleaned)
    facts = extract_text(document, cleaned, disabled_rules)
    return cache.Entry(text, facts.facts, tuple(warnings), cleanup.ocr_repairs(cleaned.text))


def extract_text(
    document: SourceDocument,
    cleaned: cleanup.Cleaned | None = None,
    disabled_rules: tuple[str, ...] = (),
) -> DocumentFacts:
    """The facts of a document, read from its cleaned text, spans pointing into `document.text`."""
    cleaned = cleaned or cleanup.clean(document.text)
    facts = extract_document(replace(document, text=cleaned.text), disabled_rules).facts
    return DocumentFacts(document, cleanup.map_facts(facts, cleaned))


def _save(cache_dir: Path | None, entry_key: str, entry: cache.Entry) -> None:
    if cache_dir is None:
        return
    try:
        cache.save(cache_dir, entry_key, entry)
    except OSError as error:  # a cache that cannot be written only makes the next build slower
        log.warning("%s: cache not written: %s", cache_dir, error.strerror)


def _report(path: Path, entry: cache.Entry, cached: bool) -> FileReport:
    return FileReport(
        path=str(path),
        format=str(formats.format_of(path)),
        status=Status.OK,
        reason=None if entry.facts else errors.NO_CCM_CONTENT,
        warnings=entry.warnings,
        facts=fact_counts(entry.facts),
        rules=rule_counts(entry.facts),
        ocr_repairs=entry.ocr_repairs,
        cached=cached,
    )


def _problem(path: Path, error: errors.InputError) -> Outcome:
    kind = formats.format_of(path)
    return Outcome(
        FileReport(
            path=str(path),
            format=str(kind) if kind else None,
            status=Status(error.status),
            reason=error.problem,
        )
    )


def rule_counts(facts: tuple[Any, ...]) -> dict[str, int]:
    """How many facts each rule read ("attendance.listed/1": 12, ...), rules sorted."""
    return dict(sorted(Counter(fact.rule for fact in facts).items()))


def fact_counts(facts: tuple[Any, ...]) -> dict[str, int]:
    """How many facts of each kind ("attendance", "delegate", ...), kinds sorted."""
    counts = Counter(type(fact).__name__.removesuffix("Fact").lower() for fact in facts)
    return dict(sorted(counts.items()))


# --- the report -----------------------------------------------------------------------------


def report(result: BuildResult, source: Path, output: Path | None = None) -> dict[str, Any]:
    """The build report: totals, then every input file with its status, format and facts."""
    statuses = Counter(str(f.status) for f in result.files)
    repairs = sorted({(w, c) for f in result.files for w, c in f.ocr_repairs.items()})
    return {
        "source": _json_path(source),
        "output": _json_path(output),
        "pipeline_version": cache.pipeline_version(),
        "totals": {
            "files": len(result.files),
            **{str(status): statuses.get(str(status), 0) for status in Status},
            "from_cache": sum(f.cached for f in result.files),
            "no_ccm_content": sum(f.reason == errors.NO_CCM_CONTENT for f in result.files),
            "facts": sum(sum(f.facts.values()) for f in result.files),
            "rules": dict(sorted(sum((Counter(f.rules) for f in result.files), Counter()).items())),
            "ocr_repairs": [{"written": word, "state": code} for word, code in repairs],
        },
        "files": [_file_json(f) for f in result.files],
    }


def _file_json(report_: FileReport) -> dict[str, Any]:
    data = asdict(report_)
    data["status"] = str(report_.status)
    data["warnings"] = list(report_.warnings)
    if not _is_unicode(report_.path):  # JSON holds Unicode: a readable name, and the bytes
        data["path"] = ingest.shown(report_.path)
        data["path_bytes"] = base64.b64encode(os.fsencode(report_.path)).decode("ascii")
    return data


def _is_unicode(path: str) -> bool:
    """Whether a path is text (a name that is not UTF-8 decodes to lone surrogates)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json_path(path: Path | None) -> str | None:
    return None if path is None else str(path) if _is_unicode(str(path)) else ingest.shown(path)


def write_report(result: BuildResult, path: Path, source: Path, output: Path | None) -> None:
    """Write the report as JSON, atomically."""
    data = json.dumps(report(result, source, output), ensure_ascii=False, indent=2) + "\n"
    store.write_atomically(path, data.encode("utf-8"))
