"""The main job: a folder of documents in, the knowledge graph and a report on every file out.

For each file: read it (within a size limit), look it up in the cache by content and pipeline
version, else turn it into text (`ingest`), clean a copy (`cleanup`), extract the facts and
map their spans back to the text as read; then write its part of the graph (rdf.writer) and
check it against the shapes that concern one document (publish.validate). All of that runs
in worker processes (`jobs`), so the build scales with them; the main process only appends
each part to the output in path order, so the output does not depend on how many workers
ran or which finished first, then writes the nodes the documents share and checks those.
A bad file is reported with its reason (status `skipped` or `failed`) and the others are
still built. Workers end when the main process dies; an interrupted build leaves the old
output and no temporary file.
"""

from __future__ import annotations

import base64
import ctypes
import json
import logging
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccm_graph import cache, errors, files
from ccm_graph.ingest import cleanup, formats, ingest, manifest
from ccm_graph.model import DocumentFacts, DocumentMetadata, RuleInfo, SourceDocument

if TYPE_CHECKING:
    from rdflib import Graph

    from ccm_graph.publish.validate import ShapeResult, ValidationReport
    from ccm_graph.rdf import writer

log = logging.getLogger(__name__)


class Status(StrEnum):
    OK = "ok"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class BuildOptions:
    """How to build: worker processes (None: one per core), cache folder (None: no cache),
    the largest file read, the extraction rules switched off (to measure what one adds),
    whether to check the graph against the SHACL shapes, and the rules the graph describes
    (None: the extractor's own catalog)."""

    jobs: int | None = None
    cache_dir: Path | None = None
    max_bytes: int = ingest.DEFAULT_MAX_BYTES
    disabled_rules: tuple[str, ...] = ()  # names of extraction rules not to run
    validate: bool = True
    rules: tuple[RuleInfo, ...] | None = None


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
    """What a build read, what it extracted, and what it could not use; with the graph
    (`graph`, in memory, when no output file was given), the number of triples written, the
    SHACL validation (None when it was switched off) and the seconds per stage."""

    documents: list[DocumentFacts] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    graph: Graph | None = None
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0
    triples: int = 0
    validation: ValidationReport | None = None
    stages: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """One file done: its report, its facts, and (when asked) its part of the graph with
    the results of checking it, and the seconds each stage took."""

    report: FileReport
    facts: DocumentFacts | None = None
    chunk: writer.Chunk | None = None
    results: tuple[ShapeResult, ...] = ()
    stages: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Task:
    """What a worker needs to do one file (plain data: it travels to the worker)."""

    options: BuildOptions
    metadata: DocumentMetadata | None = None
    rules: dict[str, RuleInfo] | None = None  # None: facts only, no graph


Progress = Callable[[FileReport], None]


def build(
    source: Path,
    options: BuildOptions | None = None,
    on_file: Progress | None = None,
    output: Path | None = None,
) -> BuildResult:
    """Extract every document under `source` and write the graph.

    Args:
        source: a document or a folder of documents.
        options: jobs, cache folder, size limit, validation, rules (defaults: one job per
            core, no cache, validation on, the extractor's rules).
        on_file: called with each file's report as soon as the file is done (progress bars).
        output: the Turtle file to write (atomically); None keeps the graph in memory as
            `result.graph`, an rdflib Graph (small corpora only).

    Raises:
        InputError: `source` does not exist or holds no files.
        ManifestError: the corpus manifest has a bad row.
    """
    from ccm_graph.rdf import writer
    from ccm_graph.rdf.graph import GraphSink
    from ccm_graph.rdf.turtle import turtle_file

    options = options or BuildOptions()
    started = time.perf_counter()
    rules = writer.catalog(rule_catalog(options))
    with ExitStack() as stack:
        stack.enter_context(_terminate_as_interrupt())
        if output is None:
            sink: writer.Sink = GraphSink()
        else:
            sink = stack.enter_context(turtle_file(output))
        graph_writer = stack.enter_context(writer.GraphWriter(sink, rules))
        result = _run(source, options, on_file, rules, graph_writer)
    result.triples = graph_writer.triples
    if isinstance(sink, GraphSink):
        result.graph = sink.graph
    if result.validation is not None and graph_writer.entity_chunk is not None:
        _finish_validation(result, graph_writer)
    result.seconds = time.perf_counter() - started
    return result


def rule_catalog(options: BuildOptions) -> tuple[RuleInfo, ...]:
    """The rules the graph describes: the options' own, else the extractor's catalog
    (`ccm_graph.extract.rule_catalog()`)."""
    if options.rules is not None:
        return options.rules
    from ccm_graph.extract.rules import rule_catalog as extractor_rules

    return tuple(extractor_rules())


def _finish_validation(result: BuildResult, graph_writer: writer.GraphWriter) -> None:
    from ccm_graph.publish import validate

    assert result.validation is not None and graph_writer.entity_chunk is not None
    started = time.perf_counter()
    shared = validate.shared_results(graph_writer.entity_chunk, graph_writer.entities.records)
    result.validation.results.extend(shared)
    result.validation.results.sort(
        key=lambda r: (r.shape, r.path, r.focus, r.message, r.value or "")
    )
    result.stages["validate_shared"] = time.perf_counter() - started


def extract_all(
    source: Path, options: BuildOptions | None = None, on_file: Progress | None = None
) -> BuildResult:
    """Read and extract every file under `source` (no graph); bad files are reported, not
    raised."""
    return _run(source, options or BuildOptions(), on_file, None, None)


def _run(
    source: Path,
    options: BuildOptions,
    on_file: Progress | None,
    rules: dict[str, RuleInfo] | None,
    graph_writer: writer.GraphWriter | None,
) -> BuildResult:
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
    wanted = [p for p in paths if p not in duplicates]
    tasks = {
        path: _Task(
            options,
            metadata.get(path),
            rules if graph_writer is not None else None,
        )
        for path in wanted
    }
    result = BuildResult(validation=_new_report(options, graph_writer))
    keys: dict[str, str] = {}
    for outcome in _in_path_order(run(wanted, tasks, options, on_file), wanted):
        outcomes.append(_written(outcome, graph_writer, keys, result))
    if options.cache_dir is not None:
        cache.prune(options.cache_dir)
    _collect(result, sorted(outcomes, key=lambda o: o.report.path), metadata)
    return result


def _new_report(options: BuildOptions, graph_writer: writer.GraphWriter | None) -> Any:
    if graph_writer is None or not options.validate:
        return None
    from ccm_graph.publish.validate import ValidationReport

    return ValidationReport()


def _written(
    outcome: Outcome,
    graph_writer: writer.GraphWriter | None,
    keys: dict[str, str],
    result: BuildResult,
) -> Outcome:
    """Hand a file's chunk to the writer, unless an earlier file is the same document."""
    for stage, seconds in outcome.stages.items():
        result.stages[stage] = result.stages.get(stage, 0.0) + seconds
    if graph_writer is None or outcome.chunk is None or outcome.facts is None:
        return outcome
    from ccm_graph.rdf import writer

    key = writer.document_key(outcome.facts.document)
    other = keys.setdefault(key, outcome.report.path)
    if other != outcome.report.path:
        reason = errors.SAME_DOCUMENT.format(other=other)
        return _problem(Path(outcome.report.path), errors.SkippedInput(outcome.report.path, reason))
    started = time.perf_counter()
    graph_writer.write(outcome.chunk)
    result.stages["write"] = result.stages.get("write", 0.0) + time.perf_counter() - started
    if result.validation is not None:
        result.validation.results.extend(outcome.results)
    return outcome


def _in_path_order(outcomes: Iterable[Outcome], paths: list[Path]) -> Iterator[Outcome]:
    """The outcomes in the order of `paths`, each as soon as all before it are done."""
    waiting: dict[str, Outcome] = {}
    order = iter(str(p) for p in paths)
    following = next(order, None)
    for outcome in outcomes:
        waiting[outcome.report.path] = outcome
        while following is not None and following in waiting:
            yield waiting.pop(following)
            following = next(order, None)
    yield from waiting.values()  # none, unless a worker lost a file: never silently


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


def _collect(
    result: BuildResult, outcomes: list[Outcome], metadata: dict[Path, DocumentMetadata]
) -> None:
    for outcome in outcomes:
        report = outcome.report
        found = metadata.get(Path(report.path))
        if found is not None:
            report.metadata = {k: str(v) for k, v in asdict(found).items() if v is not None}
        result.files.append(report)
        if report.status is not Status.OK:
            result.problems.append(FileProblem(report.path, report.reason or report.status))
        if outcome.facts is not None and report.status is Status.OK:
            result.documents.append(outcome.facts)


# --- one file -------------------------------------------------------------------------------


def run(
    paths: list[Path],
    tasks: dict[Path, _Task],
    options: BuildOptions,
    on_file: Progress | None = None,
) -> Iterator[Outcome]:
    """Each file's outcome as soon as it is done, in worker processes when there are several."""
    jobs = options.jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield _notify(on_file, work(path, tasks[path]))
        return
    yield from _in_workers(paths, tasks, min(jobs, len(paths)), on_file)


def _in_workers(
    paths: list[Path], tasks: dict[Path, _Task], jobs: int, on_file: Progress | None
) -> Iterator[Outcome]:
    # Workers start from a fresh "forkserver" process, not as forks of this one: compiled
    # libraries with thread pools (the SHACL engine's, pyoxigraph's) deadlock in a fork of a process
    # that has used them, as a notebook that builds twice has.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["ccm_graph.pipeline"])
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_worker_started,
        initargs=(os.getpid(),),
    )
    try:
        # Largest first, so that one big PDF does not run alone at the end.
        ordered = sorted(paths, key=_size, reverse=True)
        futures = {pool.submit(work, path, tasks[path]): path for path in ordered}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except Exception as error:  # a worker that died (killed, out of memory)
                failure = errors.InputError(futures[future], f"the worker failed: {error!r}")
                outcome = _problem(futures[future], failure)
            yield _notify(on_file, outcome)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


PR_SET_PDEATHSIG = 1


def _worker_started(main: int) -> None:
    """In each worker: end when the main process ends, however it ends (a SIGKILL too), and
    leave Ctrl-C to the main process, which stops the build and keeps the old output.

    The worker's parent is the forkserver, which outlives the main process as long as its
    workers do: so each worker watches the main process itself (a pidfd, which a reused
    process id cannot fool), and asks for SIGTERM should the forkserver die."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: the watcher below still ends us
            pass
    try:
        handle = os.pidfd_open(main)
    except (AttributeError, OSError):  # not Linux 5.3+: poll the process id instead
        handle = None
    threading.Thread(target=_watch_main, args=(main, handle), daemon=True).start()


def _watch_main(main: int, handle: int | None, interval: float = 1.0) -> None:
    """End this worker at once when the main process is gone."""
    if handle is not None:
        select.select([handle], [], [])  # readable when the process has ended
        os._exit(1)
    while True:
        try:
            os.kill(main, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass
        time.sleep(interval)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM (a `kill`, a service stop) ends the build as Ctrl-C does:
    through the `finally` blocks that remove temporary files and keep the old output."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _notify(on_file: Progress | None, outcome: Outcome | None) -> Outcome:
    assert outcome is not None  # process_file answers None only when asked for cached files
    if on_file is not None:
        on_file(outcome.report)
    return outcome


def work(path: Path, task: _Task) -> Outcome:
    """One file: its facts (`process_file`); with `task.rules`, its part of the graph and
    that part checked against the shapes that concern one document."""
    outcome = process_file(path, task.options, metadata=task.metadata)
    assert outcome is not None
    if task.rules is None or outcome.facts is None:
        return outcome
    from ccm_graph.rdf import writer

    try:
        started = time.perf_counter()
        document_graph = writer.document_graph(outcome.facts, task.rules)
        chunk = document_graph.chunk()
        made = time.perf_counter()
        results: tuple[ShapeResult, ...] = ()
        if task.options.validate:
            from ccm_graph.publish import validate

            results = tuple(validate.document_results(document_graph))
    except Exception as error:  # a document the writer cannot write must not lose the others
        log.debug("%s: writing the graph failed", path, exc_info=True)
        reason = errors.EXTRACTION_FAILED.format(reason=f"{type(error).__name__}: {error}")
        return _problem(path, errors.InputError(path, reason))
    stages = {**outcome.stages, "graph": made - started}
    if task.options.validate:
        stages["validate_documents"] = time.perf_counter() - made
    report = _with_rule_notes(outcome.report, chunk.refs)
    return replace(outcome, report=report, chunk=chunk, results=results, stages=stages)


def _with_rule_notes(report: FileReport, refs: writer.References) -> FileReport:
    """Warn of rules the catalog does not know (their facts get no prov:wasGeneratedBy
    rather than an invented rule)."""
    if refs.unknown_rules:
        note = errors.UNKNOWN_RULES.format(rules=", ".join(refs.unknown_rules))
        report.warnings = (*report.warnings, note)
    return report


def process_file(
    path: Path,
    options: BuildOptions,
    cached_only: bool = False,
    metadata: DocumentMetadata | None = None,
) -> Outcome | None:
    """One file from bytes to facts, through the cache. With `cached_only`, None on a miss."""
    started = time.perf_counter()
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
    document = SourceDocument(
        path.stem, str(path), entry.text, digest, metadata or DocumentMetadata()
    )
    stages = {"extract": time.perf_counter() - started}
    return Outcome(
        _report(path, entry, cached), DocumentFacts(document, entry.facts), stages=stages
    )


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
    from ccm_graph.extract import extract_document  # spaCy loads only where documents are read

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
    rules: Counter[str] = Counter()
    for file_report in result.files:
        rules.update(file_report.rules)
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
            "rules": dict(sorted(rules.items())),
            "triples": result.triples,
            "ocr_repairs": [{"written": word, "state": code} for word, code in repairs],
        },
        "validation": _validation_json(result.validation),
        "seconds": {
            "total": round(result.seconds, 3),
            **{stage: round(seconds, 3) for stage, seconds in sorted(result.stages.items())},
        },
        "files": [_file_json(f) for f in result.files],
    }


def _validation_json(validation: ValidationReport | None) -> dict[str, Any] | None:
    if validation is None:
        return None
    severities = Counter(r.severity for r in validation.results)
    return {"conforms": validation.conforms, **dict(sorted(severities.items()))}


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
    files.write_atomically(path, data.encode("utf-8"))
