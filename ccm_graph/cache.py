"""The per-document cache that makes rebuilds incremental.

One JSON file per document, named by a key that hashes the file's bytes, its name, its
format and the pipeline version (a hash of the ccm_graph package's code and data): a changed
file, a renamed file or a changed pipeline all miss. Entries hold the text read from the
file and its facts as plain JSON (never pickle: an old entry must not run code or break a
new version). Each entry is written atomically, so an interrupted build leaves the cache
consistent; an unreadable entry is a miss, never an error.
"""

from __future__ import annotations

import json
import re
import shutil
import types
import typing
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cache
from hashlib import sha256
from pathlib import Path
from typing import Any

from ccm_graph import files
from ccm_graph.model import Fact, Span

PACKAGE_DIR = Path(__file__).resolve().parent
VERSION_DIR = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Entry:
    """What one document gave: its text, its facts, and what the report says of it."""

    text: str
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...] = ()
    ocr_repairs: dict[str, str] = field(default_factory=dict)


@cache
def pipeline_version() -> str:
    """A hash of every source and data file of the package: any change makes a new version."""
    digest = sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def key(content_sha256: str, doc_id: str, kind: str, disabled_rules: tuple[str, ...] = ()) -> str:
    """The cache key of one file's content, read under one name and format, by the rules
    that were switched on."""
    disabled = ",".join(sorted(disabled_rules))
    # surrogateescape: a file name that is not UTF-8 keys the cache like any other
    return sha256(
        f"{content_sha256}|{doc_id}|{kind}|{disabled}".encode("utf-8", "surrogateescape")
    ).hexdigest()


def entry_path(cache_dir: Path, entry_key: str) -> Path:
    return cache_dir / pipeline_version() / entry_key[:2] / f"{entry_key}.json"


def load(cache_dir: Path, entry_key: str) -> Entry | None:
    """The cached entry, or None when there is none or it cannot be used."""
    path = entry_path(cache_dir, entry_key)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Entry(
            text=data["text"],
            facts=tuple(fact_from_json(item) for item in data["facts"]),
            warnings=tuple(data.get("warnings", ())),
            ocr_repairs=dict(data.get("ocr_repairs", {})),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(cache_dir: Path, entry_key: str, entry: Entry) -> None:
    data = {
        "version": pipeline_version(),
        "text": entry.text,
        "facts": [fact_to_json(fact) for fact in entry.facts],
        "warnings": list(entry.warnings),
        "ocr_repairs": entry.ocr_repairs,
    }
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
    files.write_atomically(entry_path(cache_dir, entry_key), encoded)


def prune(cache_dir: Path) -> None:
    """Remove the entries of other pipeline versions: they can never be hit again."""
    if not cache_dir.is_dir():
        return
    for child in cache_dir.iterdir():
        if child.is_dir() and VERSION_DIR.match(child.name) and child.name != pipeline_version():
            shutil.rmtree(child, ignore_errors=True)


# --- facts as JSON --------------------------------------------------------------------------


def fact_to_json(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": type(fact).__name__}
    for item in fields(fact):
        data[item.name] = _plain(getattr(fact, item.name))
    return data


def _plain(value: object) -> object:
    if isinstance(value, Span):
        return {"start": value.start, "end": value.end, "text": value.text}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def fact_from_json(data: dict[str, Any]) -> Fact:
    """A fact back from `fact_to_json`; raises KeyError/TypeError/ValueError when it does
    not fit the current fact classes."""
    kind = fact_kinds()[data["kind"]]
    hints = typing.get_type_hints(kind)
    values = {item.name: _typed(hints[item.name], data[item.name]) for item in fields(kind)}
    return kind(**values)


def _typed(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if hint is Span:
        return Span(int(value["start"]), int(value["end"]), str(value["text"]))
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _typed(next(arg for arg in typing.get_args(hint) if arg is not type(None)), value)
    if origin is tuple:
        return tuple(_typed(typing.get_args(hint)[0], item) for item in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint in (int, str, float, bool) and not isinstance(value, hint):
        raise TypeError(f"expected {hint.__name__}, got {value!r}")
    return value


def fact_kinds() -> dict[str, type[Fact]]:
    """Every fact class by name, subclasses of subclasses included."""
    found: dict[str, type[Fact]] = {}
    pending = list(Fact.__subclasses__())
    while pending:
        kind = pending.pop()
        found[kind.__name__] = kind
        pending.extend(kind.__subclasses__())
    return found
