"""The named queries (queries/*.rq), and what a user may give instead: a file or SPARQL text.

How `ccm-graph query GRAPH WHAT` reads WHAT, in this order:
1. a path (it ends in .rq or .sparql, or holds a `/`): that file, or "no such file";
2. a bare name (letters, digits, `-`, `_`): the named query, or "unknown query" with the
   list of names (and the closest ones);
3. an existing file of any other name: its text;
4. anything else is SPARQL text.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from ccm_graph import errors, resources

QUERIES_DIR = resources.QUERIES_DIR  # in the package (a link to queries/ in a checkout)
QUERY_SUFFIXES = (".rq", ".sparql")
_BARE_NAME = re.compile(r"[\w-]+\Z")
_SPARQL_SIGNS = frozenset("{<\n")  # a path with a slash has none of these; SPARQL text has one


def names(folder: Path = QUERIES_DIR) -> list[str]:
    """The named queries, sorted."""
    return sorted(path.stem for path in folder.glob("*.rq"))


def read_query(what: str, folder: Path = QUERIES_DIR) -> str:
    """A query's text from a named query, a query file or SPARQL text.

    Raises:
        QueryError: a path that does not exist or cannot be read, or an unknown name.
    """
    path = Path(what)
    if what.endswith(QUERY_SUFFIXES) or ("/" in what and not _SPARQL_SIGNS.intersection(what)):
        return _read_file(path)
    if _BARE_NAME.match(what):
        named = folder / f"{what}.rq"
        if named.is_file():
            return named.read_text(encoding="utf-8")
        if path.is_file():
            return _read_file(path)
        if not folder.is_dir():  # a broken installation, not an unknown name
            raise errors.InputError(folder, errors.MISSING_PACKAGE_FILE)
        known = names(folder)
        close = difflib.get_close_matches(what, known, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise errors.QueryError(
            errors.UNKNOWN_QUERY.format(name=what, hint=hint, known=", ".join(known))
        )
    if "\n" not in what and len(what) < 4096 and path.is_file():
        return _read_file(path)
    return what


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise errors.QueryError(errors.QUERY_FILE_MISSING.format(path=path)) from error
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise errors.QueryError(
            errors.QUERY_FILE_UNREADABLE.format(path=path, reason=reason)
        ) from error
