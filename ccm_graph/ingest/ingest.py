"""Files to text: the first stage. Finds the documents, reads each within a size limit and
turns it into text (`.txt`/`.md` decoded, `.pdf`/`.docx`/`.html` through `formats`).

`SourceDocument.text` is the text as read from the file: fact offsets point into it. The
common cleanup (`cleanup`) runs later, on a copy, and maps its offsets back.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import stat
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
    """Every path to report on: `source` itself, or everything below it, sorted.

    Regular files of any type are listed (an unsupported one is reported, not ignored), and
    so is everything that is not a regular file (a link that leads nowhere, loops or points
    at a folder, a FIFO, a socket, a folder that cannot be read), so that each gets a line
    in the build report; `require_regular` says what each one is. Links to folders are not
    followed. Hidden files and folders and the manifest are not documents.
    """
    if not source.exists() and not source.is_symlink():
        raise errors.InputError(source, errors.NOT_FOUND)
    if not source.is_dir():
        return [source]
    found: list[Path] = []
    _walk(source, source, found)
    return sorted(found)


def _walk(folder: Path, source: Path, found: list[Path]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        found.append(folder)  # reported as a folder that cannot be read
        return
    for entry in entries:
        if entry.name.startswith(".") or (folder == source and entry.name in MANIFEST_NAMES):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            _walk(path, source, found)
        else:
            found.append(path)


def require_regular(path: Path) -> None:
    """Nothing when `path` is a regular file (or a link to one); else the `InputError` that
    says what it is: a dangling or looping link, a link to a folder, a FIFO, a socket, a
    device, or a folder that could not be read. Never opens it (a FIFO would block)."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        if path.is_symlink():
            target = os.readlink(path)
            raise errors.InputError(path, errors.DANGLING_LINK.format(target=target)) from error
        raise errors.InputError(path, errors.DISAPPEARED) from error
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise errors.InputError(path, errors.LINK_LOOP) from error
        raise errors.InputError(path, errors.UNREADABLE.format(reason=error.strerror)) from error
    if stat.S_ISREG(info.st_mode):
        return
    if stat.S_ISDIR(info.st_mode):
        if path.is_symlink():
            raise errors.SkippedInput(path, errors.LINK_TO_FOLDER)
        raise errors.InputError(path, errors.UNREADABLE_FOLDER.format(reason=_listing_error(path)))
    raise errors.SkippedInput(path, errors.SPECIAL_FILE.format(kind=_special_kind(info.st_mode)))


def is_regular(path: Path) -> bool:
    try:
        require_regular(path)
    except errors.InputError:
        return False
    return True


def _listing_error(folder: Path) -> str:
    try:
        with os.scandir(folder):
            return "it could not be listed"
    except OSError as error:
        return error.strerror or str(error)


def _special_kind(mode: int) -> str:
    kinds = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"))
    kinds += ((stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"))
    return next((name for test, name in kinds if test(mode)), "special file")


def shown(path: Path | str) -> str:
    """A path as one readable line: bytes that are not UTF-8 as \\xNN, control characters
    (tab, newline) escaped, so that one file is always one line of the report."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or `InputError`; never reads more than `max_bytes` (+1) bytes."""
    require_regular(path)
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
