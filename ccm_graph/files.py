"""Output files written atomically: a reader sees the old file or the new one, never half.

Every file goes to a temporary file beside its target, is flushed to disk, then renamed over
the target. The temporary file is created with mode 0666 less the user's umask (0644 with
the usual umask 022), as `open()` would create the target itself, so that a web server or a
colleague can read what a build publishes. It is removed on every exit path that Python
sees (an exception, Ctrl-C, SIGTERM turned into an exception by the caller); a SIGKILL
leaves it behind, and `remove_stale` clears such leftovers at the next write: each
temporary name holds the id of the process that made it, and only those of processes that
no longer run are removed, so two builds writing side by side never delete each other's.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

#: `.<target name>.<pid>.<random>.tmp`, beside the target.
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[0-9a-f]{8}\.tmp$")


def temporary_path(path: Path) -> Path:
    """A fresh temporary name beside `path`, naming this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _create(path: Path) -> tuple[int, Path]:
    """Create a new temporary file beside `path` (mode 0666 less the umask); its descriptor."""
    for _ in range(100):
        temporary = temporary_path(path)
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: cannot create a temporary file for {path.name}")


def remove_stale(path: Path) -> list[Path]:
    """Remove the temporary files that interrupted writes of `path` left behind.

    Only the temporary files of processes that no longer run are removed. Returns them."""
    removed: list[Path] = []
    try:
        candidates = list(path.parent.iterdir())
    except OSError:
        return removed
    for candidate in candidates:
        match = TEMPORARY.match(candidate.name)
        if match is None or match["name"] != path.name or _running(int(match["pid"])):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    return True


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces `path` when the `with` block ends normally.

    Example::

        with atomic_writer(Path("build/ccm.ttl")) as out:
            out.write(b"...")

    On an exception (KeyboardInterrupt included) `path` is left as it was and the temporary
    file is removed. Stale temporary files of `path` are removed first (`remove_stale`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    handle, temporary = _create(path)
    try:
        with os.fdopen(handle, "wb", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically (see `atomic_writer`)."""
    with atomic_writer(path) as stream:
        stream.write(data)
