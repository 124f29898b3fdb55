"""Read-only and no federation: what the endpoint refuses before a worker evaluates a query."""

from __future__ import annotations

import re

from ccm_graph.serve.protocol import QueryError

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
UPDATE_KEYWORDS |= {"WITH"}
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update ({keyword}) is not accepted; "
    "send SELECT, ASK, CONSTRUCT or DESCRIBE queries"
)
NO_FEDERATION = (
    "SERVICE (federated query) is disabled on this endpoint, because it would let any visitor "
    "make the server fetch arbitrary URLs; start it with --allow-federation to allow it"
)
# Strings, IRIs and comments can hold any word; blank them before looking for keywords.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)
_PROLOGUE = re.compile(r"(?is)^\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)<>\s*)*")
_SERVICE = re.compile(r"(?i)(?<![\w:?$.-])SERVICE(?![\w:-])")


def check_query(query: str, allow_federation: bool) -> None:
    """Refuse updates always and SERVICE unless allowed, before any worker sees the query.

    Raises:
        QueryError: 400 with a message that says what was refused and why.
    """
    plain = _OPAQUE.sub(lambda m: "<>" if m.group().startswith("<") else " ", query)
    first = re.match(r"\s*([A-Za-z]+)", plain[_PROLOGUE.match(plain).end() :])
    keyword = first.group(1).upper() if first else ""
    if keyword in UPDATE_KEYWORDS:
        raise QueryError(400, READ_ONLY.format(keyword=keyword))
    if not allow_federation and _SERVICE.search(plain):
        raise QueryError(400, NO_FEDERATION)
