"""Every message a user may see about bad input lives here, one place to read and reword."""

from __future__ import annotations

from pathlib import Path


class CcmGraphError(Exception):
    """Base class of the errors ccm-graph reports to its users."""


class InputError(CcmGraphError):
    """A source file that cannot be read; the message names the file and the problem."""

    #: How a build reports the file: "failed" (should have been readable) or "skipped".
    status = "failed"

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class SkippedInput(InputError):
    """A file deliberately left out (empty, too large, unsupported type, duplicate id)."""

    status = "skipped"


class ManifestError(CcmGraphError):
    """A row of corpus/manifest.csv (or .yaml) that cannot be used; names the row and field."""

    def __init__(self, path: Path | str, row: int, field: str, problem: str) -> None:
        self.path, self.row, self.field, self.problem = str(path), row, field, problem
        super().__init__(f"{path}: row {row}, field {field!r}: {problem}")


# Missing or unreadable files.
NOT_FOUND = "no such file or folder"
DISAPPEARED = "the file disappeared during the build"
NOT_A_FILE = "not a regular file"
UNREADABLE = "the file cannot be read: {reason}"
UNSUPPORTED = "unsupported file type {suffix!r} (ccm-graph reads .txt, .md, .pdf, .docx and .html)"
NO_DOCUMENTS = "no documents found (ccm-graph reads .txt, .md, .pdf, .docx and .html)"
DUPLICATE_ID = "another file has the same name without extension ({other}): rename one"
SAME_DOCUMENT = "the same document as {other} (same UN symbol, or the same text): left out"
UNKNOWN_RULES = "facts of rules the rule catalog does not know ({rules}) name no rule in the graph"

# Content that cannot be used.
EMPTY = "the file is empty"
NO_TEXT = "the file holds no text"
TOO_LARGE = (
    "the file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit (raise it with --max-file-mb)"
)
BINARY = "the file holds binary data, not text (NUL bytes found)"
BAD_UTF8 = "invalid UTF-8 at byte {offset}; decoded with replacement characters"
LEGACY_ENCODING = "not UTF-8; decoded as {encoding}"
NO_CCM_CONTENT = "no CCM content recognised (no facts extracted)"
EXTRACTION_FAILED = "extraction failed: {reason}"

# Formats.
CORRUPT_PDF = "the PDF is damaged or truncated: {reason}"
ENCRYPTED_PDF = "the PDF is password-protected: remove the password and build again"
SCANNED_PDF = "scanned PDF without a text layer ({pages} page(s) of images): run OCR on it first"
CORRUPT_DOCX = "the .docx file is damaged or not a Word document: {reason}"
CORRUPT_HTML = "the HTML cannot be parsed: {reason}"

# Manifest fields.
MANIFEST_UNREADABLE = "the manifest cannot be read: {reason}"
MANIFEST_NO_FILE = "names no file (column 'file' is required)"
MANIFEST_UNKNOWN_FILE = "no such document in the corpus: {name!r}"
MANIFEST_DUPLICATE = "the file {name!r} is listed twice"
MANIFEST_UNKNOWN_FIELD = "unknown column; known: {known}"
MANIFEST_BAD_DATE = "{value!r} is not a date written YYYY-MM-DD"
MANIFEST_BAD_TYPE = "{value!r} is not a meeting type; known: {known}"
MANIFEST_BAD_URL = "{value!r} is not an http(s) URL"
MANIFEST_BAD_LANGUAGE = "{value!r} is not a language tag such as 'en' or 'fr'"
