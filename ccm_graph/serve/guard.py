"""What the endpoint refuses before Oxigraph evaluates a query: updates, SERVICE (unless
federation is allowed) and queries nested too deeply to parse safely.

The decision is taken on the parsed query (rdflib's SPARQL 1.1 parser), not on its text: a
SERVICE hidden by an escape, a comment or a string is found where the grammar puts it. Oxigraph
accepts a few forms that rdflib's grammar does not (SPARQL 1.2 terms, LATERAL); such a query
is let through only if the word SERVICE cannot be in it at all, since Oxigraph needs those
letters, as written, to federate (it reads no escapes in keywords).

Updates can never run here whatever the check says: the workers call `Store.query`, which
parses queries only. The check gives the visitor the reason instead of a syntax error.

This runs in the query workers, never on the event loop: parsing costs time on big input.
"""

from __future__ import annotations

import functools
import re

from pyparsing import ParseBaseException
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue

from ccm_graph.serve.protocol import READ_ONLY, QueryError

MAX_DEPTH = 64  # brackets open at once; deeper queries exhaust parsers' stacks
NO_FEDERATION = (
    "SERVICE (federated query) is disabled on this endpoint, because it would let any visitor "
    "make the server fetch arbitrary URLs; start it with --allow-federation to allow it"
)
TOO_DEEP = (
    "the query nests brackets {depth} levels deep; this endpoint accepts at most {limit}: "
    "write it flatter"
)
_BRACKETS = re.compile(r"[(){}\[\]]")  # one character class: linear, no backtracking
_WHITESPACE = re.compile(r"[ \t\r\n]{2,}|\r")
_OPENING = {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}


def check_query(query: str, allow_federation: bool) -> None:
    """Refuse updates always and SERVICE unless allowed, on the parsed query.

    Args:
        query: the SPARQL text as the client sent it.
        allow_federation: whether SERVICE may be evaluated.

    Raises:
        QueryError: 400 with a message that says what was refused and why.
    """
    refusal = _verdict(query, allow_federation)
    if refusal is not None:
        raise QueryError(400, refusal)


@functools.lru_cache(maxsize=512)
def _verdict(query: str, allow_federation: bool) -> str | None:
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        return TOO_DEEP.format(depth=depth, limit=MAX_DEPTH)
    try:
        parsed = parser.parseQuery(_compact(query))
    except (ParseBaseException, RecursionError, ValueError, TypeError):
        parsed = None
    if parsed is None:
        operations = _update_operations(query)
        if operations:
            return READ_ONLY.format(keyword=operations[0])
        if not allow_federation and "service" in parser.expandUnicodeEscapes(query).casefold():
            return NO_FEDERATION + " (this query is outside the SPARQL 1.1 grammar checked here)"
        return None  # Oxigraph reports its own syntax error, with line and column
    if not allow_federation and _has_service(parsed):
        return NO_FEDERATION
    return None


def _compact(query: str) -> str:
    """The query with each run of whitespace made one character, for the parser, which
    skips whitespace slowly (500 KB of padding took 3 s). A run holding a line break (LF or
    CR: both end a comment in SPARQL) becomes LF, so comments end where they did for
    Oxigraph too; no token changes."""
    return _WHITESPACE.sub(
        lambda run: (
            " "
            if run.group() == " " * len(run.group())
            or ("\n" not in run.group() and "\r" not in run.group())
            else "\n"
        ),
        query,
    )


def nesting_depth(query: str) -> int:
    """The most brackets open at once, strings and comments included (a safe over-count)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(query):
        depth += _OPENING[bracket]
        deepest = max(deepest, depth)
    return deepest


def _has_service(parsed: object) -> bool:
    """Whether a parse tree holds a SERVICE pattern anywhere, however deeply nested."""
    pending = [parsed]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            pending.extend(node.values())
        elif isinstance(node, dict):
            pending.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            pending.extend(node)
    return False


def _update_operations(query: str) -> list[str]:
    """The operations of a SPARQL Update (InsertData, Load, ...); empty when it is none."""
    try:
        update = parser.parseUpdate(_compact(query))
    except (ParseBaseException, RecursionError, ValueError, TypeError):
        return []
    return [part.name for part in update.request or [] if isinstance(part, CompValue)]
