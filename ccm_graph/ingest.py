"""Files to text: the first stage. Reads `.txt`/`.md` documents and reports unreadable ones."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ccm_graph import errors
from ccm_graph.model import SourceDocument

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class IngestResult:
    """One input file: either its document or the reason it could not be read."""

    path: Path
    document: SourceDocument | None = None
    problem: str | None = None
    warning: str | None = None


def discover(source: Path) -> list[Path]:
    """The documents to read: `source` itself, or the supported files below it, sorted."""
    if not source.exists():
        raise errors.InputError(source, errors.NOT_FOUND)
    if source.is_file():
        return [source]
    return sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_document(path: Path) -> SourceDocument:
    """Read one file as a document, or raise `InputError` naming the file and the problem."""
    if path.suffix.lower() not in SUFFIXES:
        raise errors.InputError(path, errors.UNSUPPORTED.format(suffix=path.suffix))
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise errors.InputError(path, errors.NOT_FOUND) from error
    except OSError as error:
        raise errors.InputError(path, errors.UNREADABLE.format(reason=error.strerror)) from error
    text = decode(path, data)
    return SourceDocument(
        doc_id=path.stem, path=str(path), text=text, sha256=hashlib.sha256(data).hexdigest()
    )


def decode(path: Path, data: bytes) -> str:
    if not data.strip():
        raise errors.InputError(path, errors.EMPTY)
    if b"\x00" in data[:65536]:
        raise errors.InputError(path, errors.BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        log.warning("%s: %s", path, errors.BAD_UTF8.format(offset=error.start))
        text = data.decode("utf-8", errors="replace")
    # Normalise line ends only: offsets stay meaningful for the text the user sees.
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_all(paths: list[Path]) -> Iterator[IngestResult]:
    """Read each path; a bad file yields its problem and never stops the others."""
    for path in paths:
        try:
            yield IngestResult(path=path, document=read_document(path))
        except errors.InputError as error:
            yield IngestResult(path=path, problem=error.problem)
