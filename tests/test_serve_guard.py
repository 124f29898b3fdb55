"""Read-only and no federation, decided on the parsed query. The oracle is Oxigraph itself: a
recording HTTP server on 127.0.0.1 stands where SERVICE points, so a test sees whether
Oxigraph would really have fetched it. Every probe form of the issue is a regression test;
Hypothesis hides SERVICE, LOAD and updates in every token position."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from typing import ClassVar

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_graph.serve import guard, protocol

EMPTY_RESULTS = b'{"head":{"vars":["a"]},"results":{"bindings":[]}}'


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def _answer(self) -> None:
        Recorder.hits.append(self.path)
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY_RESULTS)))
        self.end_headers()
        self.wfile.write(EMPTY_RESULTS)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def service_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def federates(query: str) -> bool:
    """Whether Oxigraph, given this text, calls the recording server."""
    before = len(Recorder.hits)
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode(f"http://e/{x}") for x in "spo")))
    try:
        result = store.query(query)
        if not isinstance(result, pyoxigraph.QueryBoolean):
            list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return len(Recorder.hits) > before


def refused(query: str) -> str | None:
    try:
        guard.check_query(query, allow_federation=False)
    except protocol.QueryError as error:
        return error.message
    return None


# The forms that got past the text scanner, and their neighbours. {url} is the recorder.
PROBES = {
    "escaped # in a prefixed name": (
        "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\# AS ?x) SERVICE <{url}> { ?a ?b ?c } }"
    ),
    "escaped quote in a prefixed name": (
        "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\' AS ?x) "
        "SERVICE <{url}> { ?a ?b ?c } BIND('x' AS ?y) }"
    ),
    "escaped quote, string after": (
        "PREFIX ex: <http://e/> SELECT * WHERE { BIND(ex:a\\'b\\# AS ?x) "
        "SERVICE <{url}> { ?a ?b ?c } BIND('x' AS ?y) }"
    ),
    "lower case": "select * where { service <{url}> { ?a ?b ?c } }",
    "mixed case": "SeLeCt * WhErE { sErViCe <{url}> { ?a ?b ?c } }",
    "no spaces": "SELECT * WHERE{SERVICE<{url}>{?a ?b ?c}}",
    "tabs and newlines": "SELECT *\tWHERE\n{\n\tSERVICE\n<{url}>\n{ ?a ?b ?c }\n}",
    "SILENT": "SELECT * WHERE { SERVICE SILENT <{url}> { ?a ?b ?c } }",
    "variable endpoint": "SELECT * WHERE { VALUES ?e { <{url}> } SERVICE ?e { ?a ?b ?c } }",
    "after a comment": "SELECT * WHERE { # a comment }\n SERVICE <{url}> { ?a ?b ?c } }",
    "after a comment ended by CR": "SELECT * WHERE { # a }\rSERVICE <{url}> { ?a ?b ?c }\n}",
    "after a comment ended by CR CR": (
        "SELECT * WHERE { # a }\r\r SERVICE <{url}> { ?a ?b ?c }\n}"
    ),
    "after padding": "SELECT * WHERE {" + " \t" * 500 + "SERVICE <{url}> { ?a ?b ?c } }",
    "after a string with an escaped quote": (
        'SELECT * WHERE { BIND("a\\"b" AS ?x) SERVICE <{url}> { ?a ?b ?c } }'
    ),
    "after a long string holding quotes": (
        'SELECT * WHERE { BIND("""a " \'\' "" b""" AS ?x) SERVICE <{url}> { ?a ?b ?c } }'
    ),
    "after an IRI with an escape": (
        "SELECT * WHERE { ?s <http://e/\\u0070> ?o OPTIONAL { SERVICE <{url}> { ?a ?b ?c } } }"
    ),
    "in a subquery": ("SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?a ?b ?c } } } }"),
    "in OPTIONAL": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?a ?b ?c } } }",
    "in UNION": "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{url}> { ?a ?b ?c } } }",
    "in MINUS": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?b ?c } } }",
    "in FILTER EXISTS": (
        "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?a ?b ?c } } }"
    ),
    "in GRAPH": "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?a ?b ?c } } }",
    "in ASK": "ASK { SERVICE <{url}> { ?a ?b ?c } }",
    "in CONSTRUCT": "CONSTRUCT { ?a ?b ?c } WHERE { SERVICE <{url}> { ?a ?b ?c } }",
    "in DESCRIBE": "DESCRIBE ?a WHERE { SERVICE <{url}> { ?a ?b ?c } }",
    "after a prefix named service": (
        "PREFIX service: <http://e/> SELECT * WHERE { BIND(service:x AS ?x) "
        "SERVICE <{url}> { ?a ?b ?c } }"
    ),
    "unicode-escaped keyword": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?a ?b ?c } }",
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_every_probe_form_is_refused(service_url, name):
    query = PROBES[name].replace("{url}", service_url)
    message = refused(query)
    assert message is not None and "SERVICE" in message, f"{name}: let through"
    assert "--allow-federation" in message


@pytest.mark.parametrize("name", sorted(PROBES))
def test_each_probe_is_real_or_harmless(service_url, name):
    """The probe is not a straw man: Oxigraph federates on it, or rejects it on its own."""
    query = PROBES[name].replace("{url}", service_url)
    # Oxigraph reads no escapes in keywords, and binds no SERVICE variable from VALUES
    harmless = {"unicode-escaped keyword", "variable endpoint"}
    assert federates(query) == (name not in harmless)


HIDDEN_UPDATES = [
    "INSERT DATA { <http://e/a> <http://e/b> 1 }",
    "# SELECT\nLOAD <http://127.0.0.1:9/data.ttl>",
    "PREFIX ex: <http://e/> DELETE WHERE { ?s ex:a\\# ?o }",
    "load <http://127.0.0.1:9/x> into graph <http://e/g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://e/a> <http://e/b> 1 }",
    "ADD DEFAULT TO <http://e/g>",
    "COPY <http://e/g> TO DEFAULT",
    "MOVE DEFAULT TO <http://e/g>",
    "CLEAR SILENT GRAPH <http://e/g>",
]


@pytest.mark.parametrize("update", HIDDEN_UPDATES)
def test_updates_never_run(update):
    store = pyoxigraph.Store()
    with pytest.raises(SyntaxError):  # the workers' Store.query parses queries only
        store.query(update)
    assert len(store) == 0
    message = refused(update)
    assert message is None or "read-only" in message or "SERVICE" in message


def test_the_word_service_as_data_is_not_federation():
    for query in [
        'SELECT ?x WHERE { BIND("SERVICE <http://e/> { }" AS ?x) }',
        "SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }",
        "# SERVICE <http://example.org/>\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
    ]:
        assert refused(query) is None, query


# --- property tests: SERVICE, LOAD and updates in every token position ---------------------------

# A query that finds a row, so a SERVICE put anywhere valid is evaluated; the string and the
# escaped local name are the places the old text scanner lost track.
OPENING = "PREFIX ex: <http://e/> SELECT ?s ?o WHERE { ?s ?p ?o . OPTIONAL { ?o ex:q"
CLOSING = "} FILTER ( ?o != ex:a\\# ) } ORDER BY ?s LIMIT 5"
TOKENS = [*OPENING.split(), '"a \\" b"', *CLOSING.split()]
DECORATIONS = st.sampled_from(
    ["", " ", "\n", "\t", " # note\n", " #}\n", "\n# SERVICE\n", " #}\r", " #}\r\r  ", "\r\n"]
)


def cased(word: str, flips: list[bool]) -> str:
    return "".join(
        c.upper() if f else c.lower() for c, f in zip(word, [*flips, *[False] * 9], strict=False)
    )


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    position=st.integers(min_value=0, max_value=len(TOKENS)),
    before=DECORATIONS,
    after=DECORATIONS,
    flips=st.lists(st.booleans(), min_size=7, max_size=7),
    silent=st.booleans(),
)
def test_a_service_anywhere_is_refused_or_does_not_federate(
    service_url, position, before, after, flips, silent
):
    keyword = cased("SERVICE", flips) + (" SILENT" if silent else "")
    payload = f"{before}{keyword} <{service_url}> {{ ?a ?b ?c }}{after}"
    query = " ".join([*TOKENS[:position], payload, *TOKENS[position:]])
    if refused(query) is None:
        assert not federates(query), f"let through and federated: {query!r}"


UPDATE_PAYLOADS = [
    "LOAD <http://127.0.0.1:9/x>",
    "INSERT DATA { <http://e/a> <http://e/b> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "; CLEAR ALL",
    "DROP SILENT DEFAULT",
]


@settings(max_examples=200, deadline=None)
@given(
    position=st.integers(min_value=0, max_value=len(TOKENS)),
    payload=st.sampled_from(UPDATE_PAYLOADS),
    before=DECORATIONS,
    flips=st.lists(st.booleans(), min_size=7, max_size=7),
)
def test_an_update_anywhere_never_changes_the_store(position, payload, before, flips):
    word, _, rest = payload.partition(" ")
    hidden = f"{before}{cased(word, flips)} {rest}"
    query = " ".join([*TOKENS[:position], hidden, *TOKENS[position:]])
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(*(pyoxigraph.NamedNode(f"http://e/{x}") for x in "spo")))
    if refused(query) is None:
        try:
            result = store.query(query)
            if not isinstance(result, pyoxigraph.QueryBoolean):
                list(result)
        except (SyntaxError, OSError, RuntimeError):
            pass
    assert len(store) == 1
