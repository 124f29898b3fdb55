"""files.py: atomic writes readable by others (0644 under umask 022), no temporary file left
on any exit path Python sees, stale ones of dead processes cleared at the next write."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ccm_graph import files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_written_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        files.write_atomically(tmp_path / "a.ttl", b"data")
        os.umask(0o077)
        files.write_atomically(tmp_path / "b.ttl", b"data")
    finally:
        os.umask(old)
    assert mode(tmp_path / "a.ttl") == 0o644
    assert mode(tmp_path / "b.ttl") == 0o600
    assert (tmp_path / "a.ttl").read_bytes() == b"data"


def test_an_error_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "ccm.ttl"
    target.write_bytes(b"old")
    for error in (RuntimeError("disk full"), KeyboardInterrupt()):
        with pytest.raises(type(error)), files.atomic_writer(target) as stream:
            stream.write(b"half")
            raise error
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ccm.ttl"]


def test_stale_temporaries_of_dead_processes_are_removed_at_the_next_write(
    tmp_path: Path,
) -> None:
    target = tmp_path / "ccm.ttl"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stale = tmp_path / f".ccm.ttl.{dead.stdout.strip()}.0123abcd.tmp"
    live = tmp_path / f".ccm.ttl.{os.getppid()}.89abcdef.tmp"  # a process that runs
    other = tmp_path / f".other.ttl.{dead.stdout.strip()}.0123abcd.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"left behind")
    files.write_atomically(target, b"new")
    assert not stale.exists()
    assert live.exists() and other.exists()  # another build's, or another file's
    assert target.read_bytes() == b"new"


def test_a_killed_writer_leaves_a_temporary_that_the_next_write_clears(tmp_path: Path) -> None:
    target = tmp_path / "ccm.ttl"
    script = (
        "import os, signal, sys; from pathlib import Path; from ccm_graph import files\n"
        "with files.atomic_writer(Path(sys.argv[1])) as out:\n"
        "    out.write(b'half'); out.flush(); os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert done.returncode == -9
    leftovers = [p for p in tmp_path.iterdir() if files.TEMPORARY.match(p.name)]
    assert leftovers and not target.exists()
    files.write_atomically(target, b"whole")
    assert [p.name for p in tmp_path.iterdir()] == ["ccm.ttl"]
