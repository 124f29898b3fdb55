"""Files to text: the first stage. Finds the documents, reads each within a size limit and
turns it into text (`.txt`/`.md` decoded, `.pdf`/`.docx`/`.html` through `formats`).

`SourceDocument.text` is the text as read from the file: fact offsets point into it. The
common cleanup (`cleanup`) runs later, on a copy, and maps its offsets back.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
from pathlib import Path

from ccm_graph import errors
from ccm_graph.ingest import formats
from ccm_graph.ingest.formats import Format
from ccm_graph.model import SourceDocument

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MANIFEST_NAMES = ("manifest.csv", "manifest.yaml", "manifest.yml")
BINARY_PROBE = 65536
# More replacement characters than this share of the text: not a text file at all.
MAX_REPLACED = 0.1


def discover(source: Path) -> list[Path]:
    """The files to report on: `source` itself, or every file below it, sorted.

    Files of any type are listed (an unsupported one is reported, not ignored); hidden files
    and folders and the manifest are not documents.
    """
    if not source.exists():
        raise errors.InputError(source, errors.NOT_FOUND)
    if source.is_file():
        return [source]
    return sorted(
        path
        for path in source.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(source).parts)
        and not (path.parent == source and path.name in MANIFEST_NAMES)
    )


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or `InputError`; never reads more than `max_bytes` (+1) bytes."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise errors.SkippedInput(path, _too_large(size, max_bytes))
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise errors.InputError(path, errors.DISAPPEARED) from error
    except IsADirectoryError as error:
        raise errors.InputError(path, errors.NOT_A_FILE) from error
    except OSError as error:
        raise errors.InputError(path, errors.UNREADABLE.format(reason=error.strerror)) from error
    if len(data) > max_bytes:  # it grew since stat
        raise errors.SkippedInput(path, _too_large(len(data), max_bytes))
    if not data.strip():
        raise errors.SkippedInput(path, errors.EMPTY)
    return data


def _too_large(size: int, max_bytes: int) -> str:
    # --max-file-mb counts MiB (2**20 bytes): say the sizes in the same unit.
    return errors.TOO_LARGE.format(size_mib=size / 2**20, limit_mib=round(max_bytes / 2**20, 3))


def to_text(path: Path, data: bytes) -> tuple[str, list[str]]:
    """The text of a file's bytes, by its format, and the warnings met on the way."""
    kind = formats.format_of(path)
    if kind is None:
        raise errors.SkippedInput(path, errors.UNSUPPORTED.format(suffix=path.suffix))
    warnings: list[str] = []
    if kind is Format.PDF:
        text = formats.read_pdf(path, data)
    elif kind is Format.DOCX:
        text = formats.read_docx(path, data)
    elif kind is Format.HTML:
        text = formats.read_html(path, data)
    else:
        text = decode(path, data, warnings)
    if not text.strip():
        raise errors.SkippedInput(path, errors.NO_TEXT)
    return text, warnings


def decode(path: Path, data: bytes, warnings: list[str] | None = None) -> str:
    """Bytes of a text file as text: UTF-8 (or UTF-16 with its BOM); invalid bytes become
    U+FFFD with a warning; binary data is refused."""
    warnings = [] if warnings is None else warnings
    if not data.strip():
        raise errors.SkippedInput(path, errors.EMPTY)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    nul = data.find(b"\x00", 0, BINARY_PROBE)
    if nul >= 0:
        raise errors.InputError(path, errors.BINARY.format(offset=nul))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        share = text.count("\ufffd") / len(text)
        if share > MAX_REPLACED:
            problem = errors.NOT_TEXT.format(share=share, offset=error.start)
            raise errors.InputError(path, problem) from error
        warnings.append(errors.BAD_UTF8.format(offset=error.start))
        return text


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read one file as a document, or raise `InputError` naming the file and the problem."""
    data = read_bytes(path, max_bytes)
    text, warnings = to_text(path, data)
    for warning in warnings:
        log.warning("%s: %s", path, warning)
    return SourceDocument(doc_id=path.stem, path=str(path), text=text, sha256=sha256(data))
