"""Every message a user may see about bad input lives here, one place to read and reword."""

from __future__ import annotations

from pathlib import Path


class CcmGraphError(Exception):
    """Base class of the errors ccm-graph reports to its users."""


class InputError(CcmGraphError):
    """A source file that cannot be read; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


NOT_FOUND = "no such file or folder"
NOT_A_FILE = "not a regular file"
EMPTY = "the file is empty"
BINARY = "the file holds binary data, not text (NUL bytes found)"
UNREADABLE = "the file cannot be read: {reason}"
BAD_UTF8 = "invalid UTF-8 at byte {offset}; decoded with replacement characters"
UNSUPPORTED = "unsupported file type {suffix!r} (ccm-graph reads .txt and .md)"
NO_DOCUMENTS = "no .txt or .md documents found"
