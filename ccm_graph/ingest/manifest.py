"""The optional corpus manifest: per-file metadata that the text itself may not state.

`corpus/manifest.csv` (or `manifest.yaml`, a list of mappings with the same keys) has one row
per document: `file` (the file name, relative to the corpus folder) and any of `title`,
`symbol` (UN document symbol), `date` (YYYY-MM-DD, of the meeting recorded), `meeting_type`,
`source_url`, `language` and `publisher`. Empty cells mean "not known". Every problem is an
error naming the manifest, the row and the field. Extraction never reads the manifest: the
values go onto the document's node in the graph.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path
from typing import Any

import pyoxigraph

from ccm_graph import errors
from ccm_graph.model import DocumentMetadata, MeetingType

FIELDS = ("title", "symbol", "date", "meeting_type", "source_url", "language", "publisher")
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
URL = re.compile(r"^https?://[^/\s]")


def find(source: Path) -> Path | None:
    """The manifest of a corpus folder, when it has one."""
    if not source.is_dir():
        return None
    for name in ("manifest.csv", "manifest.yaml", "manifest.yml"):
        if (source / name).is_file():
            return source / name
    return None


def load(path: Path, documents: list[Path]) -> dict[Path, DocumentMetadata]:
    """Metadata by document path, validated; raises `ManifestError` naming row and field.

    Args:
        path: the manifest file.
        documents: the files found in the corpus; every row must name one of them.
    """
    rows = _rows(path)
    known = {document.relative_to(path.parent).as_posix(): document for document in documents}
    found: dict[Path, DocumentMetadata] = {}
    for number, row in rows:
        name = str(row.get("file") or "").strip()
        if not name:
            raise errors.ManifestError(path, number, "file", errors.MANIFEST_NO_FILE)
        if name not in known:
            raise errors.ManifestError(
                path, number, "file", errors.MANIFEST_UNKNOWN_FILE.format(name=name)
            )
        if known[name] in found:
            raise errors.ManifestError(
                path, number, "file", errors.MANIFEST_DUPLICATE.format(name=name)
            )
        found[known[name]] = _metadata(path, number, row)
    return found


def _rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number as a user counts it, row) pairs: CSV rows from 2 (1 is the header)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise errors.ManifestError(
            path, 0, "-", errors.MANIFEST_UNREADABLE.format(reason=error)
        ) from error
    if path.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        return [(number, row) for number, row in enumerate(reader, start=2)]
    return _yaml_rows(path, text)


def _yaml_rows(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    import yaml

    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as error:
        raise errors.ManifestError(
            path, 0, "-", errors.MANIFEST_UNREADABLE.format(reason=error)
        ) from error
    if isinstance(data, dict):  # also accept {documents: [...]}
        data = data.get("documents", [])
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise errors.ManifestError(
            path, 0, "-", errors.MANIFEST_UNREADABLE.format(reason="expected a list of mappings")
        )
    return [(number, row) for number, row in enumerate(data, start=1)]


def _metadata(path: Path, number: int, row: dict[str, Any]) -> DocumentMetadata:
    values: dict[str, Any] = {}
    for name, raw in row.items():
        if name == "file":
            continue
        if name not in FIELDS:
            problem = errors.MANIFEST_UNKNOWN_FIELD.format(known=", ".join(("file", *FIELDS)))
            raise errors.ManifestError(path, number, str(name), problem)
        value = "" if raw is None else str(raw).strip()
        if value:
            problem = _invalid(name, value)
            if problem:
                raise errors.ManifestError(path, number, name, problem)
            values[name] = MeetingType(value) if name == "meeting_type" else value
    return DocumentMetadata(**values)


def _bad_url(value: str) -> str | None:
    """What keeps `value` from being a document's public address, or None: it must be an
    http(s) URL and a valid IRI, since it becomes one in the graph."""
    if not URL.match(value):
        return errors.MANIFEST_BAD_URL.format(
            value=value, reason="it must start with http:// or https://"
        )
    try:
        pyoxigraph.NamedNode(value)
    except ValueError as error:
        return errors.MANIFEST_BAD_URL.format(
            value=value, reason=f'{error} (percent-encode spaces and <>"{{}}|\\^`)'
        )
    return None


def _invalid(name: str, value: str) -> str | None:
    """What is wrong with a field's value, or None when it is fine."""
    if name == "date":
        try:
            valid = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)) and bool(
                datetime.date.fromisoformat(value)
            )
        except ValueError:
            valid = False
        return None if valid else errors.MANIFEST_BAD_DATE.format(value=value)
    if name == "meeting_type" and value not in {kind.value for kind in MeetingType}:
        known = ", ".join(kind.value for kind in MeetingType)
        return errors.MANIFEST_BAD_TYPE.format(value=value, known=known)
    if name == "source_url":
        return _bad_url(value)
    if name == "language" and not LANGUAGE.match(value):
        return errors.MANIFEST_BAD_LANGUAGE.format(value=value)
    return None
