"""Every message a user may see about a mistake or bad input, in one table to read and reword.

The habit is spaCy's `errors.py`: code raises `CcmGraphError` (or a subclass) with a text
from this table, and the command line prints it on one line and exits with status 2. Each
text says what was found and what to do; none spans lines (a test checks).
"""

from __future__ import annotations

from pathlib import Path


class CcmGraphError(Exception):
    """Base class of the errors ccm-graph reports to its users (one line, exit status 2)."""

    exit_code = 2


class InputError(CcmGraphError):
    """A file that cannot be used; the message names the file and the problem."""

    #: How a build reports the file: "failed" (should have been readable) or "skipped".
    status = "failed"

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class SkippedInput(InputError):
    """A file deliberately left out (empty, too large, unsupported type, duplicate id)."""

    status = "skipped"


class UsageError(CcmGraphError):
    """A command-line value that names nothing ccm-graph knows."""


class ManifestError(CcmGraphError):
    """A row of corpus/manifest.csv (or .yaml) that cannot be used; names the row and field."""

    def __init__(self, path: Path | str, row: int, field: str, problem: str) -> None:
        self.path, self.row, self.field, self.problem = str(path), row, field, problem
        super().__init__(f"{path}: row {row}, field {field!r}: {problem}")


class OptionError(CcmGraphError):
    """A command-line value that cannot be used; names the option and the value."""

    def __init__(self, option: str, value: object, problem: str) -> None:
        self.option, self.value, self.problem = option, value, problem
        super().__init__(f"{option} {str(value)!r}: {problem}")


class NameNotFound(CcmGraphError):
    """A name that nothing (or more than one thing) in the graph goes by; `suggestions`
    holds the near misses, or the entities that share the name."""

    def __init__(self, name: str, suggestions: tuple[str, ...] = (), ambiguous: bool = False):
        self.name, self.suggestions, self.ambiguous = name, suggestions, ambiguous
        names = " or ".join(repr(s) for s in suggestions)
        if ambiguous:
            message = AMBIGUOUS_NAME.format(name=name, names=names)
        else:
            hint = DID_YOU_MEAN.format(names=names) if suggestions else NO_HINT
            message = NO_SUCH_NAME.format(name=name) + hint
        super().__init__(message)


class NotInGraph(NameNotFound):
    """A name the curated tables know (a State, organization or area) that the graph lacks."""

    def __init__(self, name: str, label: str, code: str) -> None:
        super().__init__(name)
        self.args = (NOT_IN_GRAPH.format(name=name, label=label, code=code),)


class QueryError(CcmGraphError):
    """A SPARQL query that cannot be run; `status` is the HTTP status the endpoint answers."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- Source files ---------------------------------------------------------------------------

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
# Paths under the source that are not files: each still gets a line in the report.
DANGLING_LINK = "a symbolic link to {target!r}, which does not exist"
LINK_LOOP = "a symbolic link that loops back on itself"
SPECIAL_FILE = "not a regular file but a {kind}: only regular files are read"
UNREADABLE_FOLDER = "the folder cannot be read ({reason}): its files were not built"
LINK_TO_FOLDER = "a symbolic link to a folder: not followed (build the folder itself)"

# Content that cannot be used.
EMPTY = "the file is empty"
NO_TEXT = "the file holds no text"
TOO_LARGE = (
    "the file is {size_mib:.1f} MiB, over the {limit_mib:g} MiB limit (raise it with --max-file-mb)"
)
BINARY = "the file holds binary data, not text (a NUL byte at byte {offset})"
NOT_TEXT = (
    "the file is not text: {share:.0%} of it is not valid UTF-8 (the first bad byte is at {offset})"
)
BAD_UTF8 = "invalid UTF-8 at byte {offset}; decoded with replacement characters"
NO_CCM_CONTENT = "no CCM content recognised (no facts extracted)"
EXTRACTION_FAILED = "extraction failed: {reason}"
LONG_PARAGRAPHS = (
    "{count} paragraph(s) longer than {limit:,} characters, read in pieces cut at line or "
    "sentence ends"
)

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
MANIFEST_BAD_URL = "{value!r} is not a usable http(s) URL: {reason}"
MANIFEST_BAD_LANGUAGE = "{value!r} is not a language tag such as 'en' or 'fr'"

# --- Graphs, stores and package files ------------------------------------------------------

NO_GRAPH = "no such graph file: run `ccm-graph build` first"
NOT_A_GRAPH = "not an RDF graph in Turtle ({reason}): give a file written by `ccm-graph build`"
GRAPH_IS_FOLDER = "a folder, not a graph file: give the Turtle file (e.g. build/ccm.ttl)"
GRAPH_IS_STORE = (
    "an on-disk store made by `ccm-graph load`; give the Turtle file it was loaded from "
    "(e.g. build/ccm.ttl)"
)
SERVE_NO_GRAPH = (
    "no such graph file: build it first (`ccm-graph build -o {path}`), "
    "or build and serve at once with `ccm-graph serve --build`"
)
SERVE_NO_CORPUS = "no such folder of documents to build from: give one with --corpus"
NOT_A_STORE = "no Oxigraph store here: make one with `ccm-graph load GRAPH --store {path}`"
STORE_NOT_EMPTY = "not an Oxigraph store, and not empty: refusing to replace it"
MISSING_PACKAGE_FILE = (
    "a file of the ccm-graph package, missing from this installation: reinstall it "
    "(`pip install --force-reinstall ccm-graph`)"
)
INCONSISTENT = "the graph is inconsistent under the ontology: run `ccm-graph reason {graph}`"

# --- Reasoning and pushing -------------------------------------------------------------------

HERMIT_FAILED = "HermiT failed: {reason}"
NO_JAVA = (
    "Java is not installed: HermiT needs a Java runtime (Debian: apt-get install "
    "default-jre-headless), or leave reasoning out with --no-reason"
)
PUSH_UNREADABLE = "{endpoint}: cannot read graph {graph}: {reason}"
PUSH_FAILED = "{endpoint}: {method} of graph {graph} failed: {reason}; is the store running?"
PUSH_REFUSED = "{endpoint}: {method} of graph {graph} answered {status}: {body}"

# --- Queries and names ----------------------------------------------------------------------

UNKNOWN_QUERY = "unknown query {name!r}{hint}; named queries: {known}"
INVALID_SPARQL = "not valid SPARQL: {reason}"
NOT_SELECT = "only SELECT queries return rows; this is {form}"
EMPTY_NAME = "empty name: give a State, organization, person or thematic area, e.g. 'Ireland'"
NO_SUCH_NAME = "nothing in the graph is called {name!r}"
DID_YOU_MEAN = "; did you mean {names}?"
NOT_IN_GRAPH = "{name!r} is {label} ({code}), which the graph does not mention"
AMBIGUOUS_NAME = "{name!r} could be {names}: give the full name"
QUERY_FILE_MISSING = "{path}: no such file"
QUERY_FILE_UNREADABLE = "{path}: the query file cannot be read: {reason}"
QUERY_FAILED = "the query failed: {reason}"
BAD_PARAM = "--param {text!r}: write it as NAME=VALUE, e.g. --param area=victim-assistance"
BAD_PARAM_NAME = "--param {name!r}: a variable name has letters, digits and '_' only"
PARAM_NOT_IN_QUERY = "--param {name}: the query has no variable ?{name}"
PARAM_NOT_BINDABLE = (
    "--param {name}: ?{name} cannot be bound in this query (it is not used in its WHERE clause)"
)
UNKNOWN_FORMAT = "--format {format}: not a format; give one of {known}"
FORMAT_NOT_FOR_FORM = "--format {format}: a {form} query is written as {allowed}"
NO_HINT = "; try `ccm-graph query GRAPH people` or the explorer's search for the names it has"

# --- Command-line values --------------------------------------------------------------------

OUTPUT_IS_FOLDER = "is a folder: give a file name, e.g. {example}"
OUTPUT_IS_FILE = "is a file: give a folder to write into"
NOT_WRITABLE = "cannot be written: {reason}"
BAD_DATE = "not a date: write it YYYY-MM-DD, e.g. 2024-09-10"
BAD_IRI = "not an absolute IRI ({reason}): give one such as https://example.org/ccm/"
BAD_URL = "not an http(s) URL: give one such as http://127.0.0.1:7878/store"
BAD_AUTH = "not user:password: give the user name and the password separated by a colon"
BAD_ADDRESS = "cannot listen there ({reason}): choose another --host or --port"

# --- Rules ---------------------------------------------------------------------------------

UNKNOWN_RULE = "no extraction rule named {names}: `ccm-graph rules` lists them"
