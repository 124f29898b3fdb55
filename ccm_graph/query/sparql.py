"""Running SPARQL on a store: every query form, with parameters bound as RDF terms.

A parameter never enters a query as text. A `VALUES` block opens the WHERE clause, each
value in it written by pyoxigraph's own term serialiser; a query without a separate WHERE
group (`CONSTRUCT WHERE { }`, `DESCRIBE <iri>`) is bound by pyoxigraph itself
(`substitutions=`, the pre-binding of SPARQL-dev SEP-0007). Either way a value is one RDF
term: a value holding `>`, `}`, a quote or a newline is that term's text, never a change to
the query. (VALUES first because Oxigraph plans with it: on a 100x graph a meeting's
attendance takes 1 ms bound by VALUES and 118 ms by substitution, which binds after planning.
A VALUES block does not reach into a UNION's branches as well: write such queries without
one, as the explorer's actor-meetings does.)

>>> graph = pyoxigraph.Store()
>>> graph.add(pyoxigraph.Quad(term("id:state/IRL"), term("skos:notation"), term("IRL")))
>>> query = "SELECT ?node WHERE { ?node skos:notation ?code }"
>>> [row["node"].value for row in run(graph, query, {"code": "IRL"})]
['https://w3id.org/ccm-graph/id/state/IRL']
>>> list(run(graph, query, {"code": 'IRL" } UNION { ?node ?p ?o } #'}))
[]
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any, ClassVar

import pyoxigraph

from ccm_graph import errors
from ccm_graph.rdf.store import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
Term = pyoxigraph.NamedNode | pyoxigraph.Literal
Result = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples
Params = Mapping[str, Term | str]


class Form(StrEnum):
    """The four forms of a SPARQL query."""

    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*|):([^\s<>\"{}|^`\\]*)\Z")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"{}|^`\\]+\Z")
_TEMPLATES = frozenset({"CONSTRUCT", "INSERT", "DELETE"})
_OPENERS = frozenset(Form.__members__) | _TEMPLATES
_SUBJECT = pyoxigraph.NamedNode("urn:ccm-graph:parameter")
# The lexical units that matter for finding the WHERE clause: what is skipped whole (comments,
# strings, IRIs, escaped characters) so that a brace inside it is not taken for a group.
_TOKENS = re.compile(
    r"""
    (?P<skip>
        \#[^\n\r]*
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n\r]|\\.)*"
      | '(?:[^'\\\n\r]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
      | \\.
    )
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)
    | (?P<open>\{)
    | (?P<paren>[()])
    """,
    re.VERBOSE | re.DOTALL,
)


def term(value: str, prefixes: Mapping[str, str] = PREFIXES) -> Term:
    """A parameter value as an RDF term: read as a Turtle term when it is one (`<IRI>`,
    `prefix:name` with the graph's prefixes, `"text"@en`, `"5"^^xsd:integer`, `42`, `true`),
    an absolute URL as that IRI, and anything else as plain text.

    >>> term("ccm:State").value
    'https://w3id.org/ccm-graph/ontology#State'
    >>> term("victim-assistance")
    <Literal value=victim-assistance datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if _URL.match(value):
        return pyoxigraph.NamedNode(value)
    prefixed = _PREFIXED.match(value)
    if prefixed and prefixed.group(1) in prefixes:
        # Turtle would want `id:state\/IRL`; a user types `id:state/IRL`.
        with contextlib.suppress(ValueError):
            return pyoxigraph.NamedNode(prefixes[prefixed.group(1)] + prefixed.group(2))
    header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in prefixes.items())
    # Parsed as a one-triple document and kept only when it is exactly one object term:
    # a value that is not one term is plain text, never more triples.
    document = f"{header}{_SUBJECT} {_SUBJECT} {value}\n."
    try:
        triples = list(pyoxigraph.parse(document.encode(), format=pyoxigraph.RdfFormat.TURTLE))
    except SyntaxError:
        return pyoxigraph.Literal(value)
    if len(triples) == 1 and triples[0].subject == _SUBJECT:
        found = triples[0].object
        if isinstance(found, pyoxigraph.NamedNode | pyoxigraph.Literal):
            return found
    return pyoxigraph.Literal(value)


def parse_param(text: str) -> tuple[str, Term]:
    """`name=value` (as typed after `--param`) as a variable name and its term.

    Raises:
        QueryError: without `=`, or when the name is not a SPARQL variable name.
    """
    name, equals, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not equals or not name:
        raise errors.QueryError(errors.BAD_PARAM.format(text=text))
    if not _NAME.match(name):
        raise errors.QueryError(errors.BAD_PARAM_NAME.format(name=name))
    return name, term(value)


def variables(sparql: str) -> set[str]:
    """The names of the variables a query mentions (outside strings, IRIs and comments)."""
    return {m.group("var")[1:] for m in _TOKENS.finditer(sparql) if m.lastgroup == "var"}


def form(sparql: str) -> Form | None:
    """The query's form: its first SELECT, ASK, CONSTRUCT or DESCRIBE keyword."""
    for match in _TOKENS.finditer(sparql):
        if match.lastgroup == "word" and match.group().upper() in Form.__members__:
            return Form(match.group().upper())
    return None


def _where_clause(sparql: str) -> int | None:
    """Where the WHERE group opens (the offset just after its `{`), or None. In a query the
    group follows the form (SELECT, ASK, DESCRIBE) or, after a template, the WHERE keyword
    (CONSTRUCT; an update's INSERT or DELETE: its first operation)."""
    depth, opener, after_where, template = 0, None, False, False
    for match in _TOKENS.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "paren":
            depth += 1 if text == "(" else -1
        elif depth or kind not in ("word", "open"):
            continue  # a group inside a SELECT expression is not the WHERE clause
        elif kind == "word" and opener is None and text.upper() in _OPENERS:
            opener = text.upper()
        elif kind == "word" and text.upper() == "WHERE":
            after_where = True
        elif kind == "open" and opener in _TEMPLATES and not after_where:
            template = True  # a template's braces come before its WHERE
        elif kind == "open" and opener is not None:
            if opener in _TEMPLATES and not template:
                return None  # `CONSTRUCT WHERE { }`: the pattern is the template too
            return match.end()
    return None


def values_block(bindings: Mapping[str, Term]) -> str:
    """`VALUES (?a ?b) { (term term) }`, each term serialised by pyoxigraph."""
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(value) for value in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def bind(sparql: str, params: Params) -> str:
    """The query with a VALUES block of `params` opening its WHERE clause: for a query that
    goes on as text (to a worker process or another endpoint). The terms are written by
    pyoxigraph, so a value can only ever be a term.

    Raises:
        QueryError: a name the query does not use, or a query without a WHERE group.
    """
    bindings = _bindings(sparql, params)
    if not bindings:
        return sparql
    position = _where_clause(sparql)
    if position is None:
        raise errors.QueryError(errors.PARAM_NOT_BINDABLE.format(name=next(iter(bindings))))
    return _with_values(sparql, position, bindings)


def bind_rows(sparql: str, name: str, terms: Iterable[Term]) -> str:
    """The query with `VALUES ?name { term term ... }` opening its WHERE clause: one
    variable, many values (the facts whose sources a page shows).

    Raises:
        QueryError: a name the query does not use, or a query without a WHERE group.
    """
    if name not in variables(sparql):
        raise errors.QueryError(errors.PARAM_NOT_IN_QUERY.format(name=name))
    position = _where_clause(sparql)
    if position is None:
        raise errors.QueryError(errors.PARAM_NOT_BINDABLE.format(name=name))
    block = f"VALUES ?{name} {{ {' '.join(str(term) for term in terms)} }}"
    return f"{sparql[:position]} {block}\n{sparql[position:]}"


def _with_values(sparql: str, position: int, bindings: Mapping[str, Term]) -> str:
    return f"{sparql[:position]} {values_block(bindings)}\n{sparql[position:]}"


def _bindings(sparql: str, params: Params | None) -> dict[str, Term]:
    bindings = {
        name.lstrip("?$"): value if not isinstance(value, str) else term(value)
        for name, value in (params or {}).items()
    }
    used = variables(sparql)
    for name in bindings:
        if name not in used:
            raise errors.QueryError(errors.PARAM_NOT_IN_QUERY.format(name=name))
    return bindings


class Solution(tuple[Term | None, ...]):
    """One solution of `Solutions`: its terms in order, also read by variable name."""

    names: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self.names[key] if isinstance(key, str) else key)


class Solutions:
    """A SELECT's solutions without the variables that were projected only so that
    pyoxigraph could bind them (see `run`): iterate it as pyoxigraph's own."""

    def __init__(self, solutions: pyoxigraph.QuerySolutions, hidden: set[str]) -> None:
        self._solutions = solutions
        self.variables = [v for v in solutions.variables if v.value not in hidden]
        self._keep = [i for i, v in enumerate(solutions.variables) if v.value not in hidden]
        index = {v.value: i for i, v in enumerate(self.variables)}
        self._row = type("BoundSolution", (Solution,), {"names": index})

    def __iter__(self) -> Iterator[Solution]:
        keep, row = self._keep, self._row
        for solution in self._solutions:
            yield row(solution[i] for i in keep)


def run(
    graph_store: pyoxigraph.Store,
    sparql: str,
    params: Params | None = None,
    prefixes: Mapping[str, str] = PREFIXES,
) -> Result | Solutions:
    """Run any query form on a store, with `params` bound as terms; the graph's prefixes are
    declared, so a query may leave out its PREFIX lines.

    A query with a WHERE group gets a VALUES block; one without is bound by pyoxigraph's
    substitutions, a SELECT of that kind with the variable added to its projection (and the
    column left out of the answer).

    Args:
        graph_store: the store to query.
        sparql: the query text.
        params: variable name -> term (a string is read by `term`).
        prefixes: prefix -> namespace IRI, known to the query without PREFIX lines.

    Returns:
        pyoxigraph's result: solutions (SELECT), a boolean (ASK) or triples.

    Raises:
        QueryError: invalid SPARQL, an unknown parameter, or a failing evaluation.
    """
    bindings = _bindings(sparql, params)
    known = dict(prefixes)
    position = _where_clause(sparql) if bindings else None
    try:
        if not bindings:
            return graph_store.query(sparql, prefixes=known)
        if position is not None:
            return graph_store.query(_with_values(sparql, position, bindings), prefixes=known)
        substitutions: dict[pyoxigraph.Variable, Any] = {
            pyoxigraph.Variable(name): value for name, value in bindings.items()
        }
        try:
            return graph_store.query(sparql, prefixes=known, substitutions=substitutions)
        except RuntimeError as error:
            projected = _projecting(sparql, bindings)
            if "projection" not in str(error) or projected is None:
                raise
            found = graph_store.query(projected, prefixes=known, substitutions=substitutions)
            assert isinstance(found, pyoxigraph.QuerySolutions)
            return Solutions(found, set(bindings))
    except SyntaxError as error:
        raise errors.QueryError(errors.INVALID_SPARQL.format(reason=error)) from error
    except (RuntimeError, OSError) as error:
        raise errors.QueryError(errors.QUERY_FAILED.format(reason=error)) from error


def _projecting(sparql: str, bindings: Mapping[str, Term]) -> str | None:
    """The SELECT with the bound variables added to its projection (only variable names go
    in, never a value), or None for another form or a `SELECT *`."""
    tokens = _TOKENS.finditer(sparql)
    for match in tokens:
        if match.lastgroup == "word" and match.group().upper() in Form.__members__:
            break
    else:
        return None
    if match.group().upper() != "SELECT":
        return None
    position = match.end()
    following = next(tokens, None)
    if following is not None and following.group().upper() in ("DISTINCT", "REDUCED"):
        position = following.end()
    if sparql[position:].lstrip().startswith("*"):
        return None
    names = "".join(f" ?{name}" for name in bindings)
    return f"{sparql[:position]}{names}{sparql[position:]}"
