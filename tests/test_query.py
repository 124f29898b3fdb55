"""The query layer: parameters bound as terms, every query form, every output format, and
answers that do not lose rows to unbound values."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from ccm_graph import api, errors
from ccm_graph.cli import app
from ccm_graph.query import graph_cache, named, results, sparql

runner = CliRunner()
EX = "http://example.org/"
ID = "https://w3id.org/ccm-graph/id/"
SMALL = f"""
@prefix ex: <{EX}> .
ex:a ex:name "Ann" ; ex:code "A" ; ex:age 30 .
ex:b ex:name "Bob" ; ex:code "B" ; ex:age 40 .
ex:c ex:name "Cy" .
"""


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    return path


@pytest.fixture
def small_store(small: Path) -> pyoxigraph.Store:
    graph_store = pyoxigraph.Store()
    graph_store.bulk_load(path=str(small), format=pyoxigraph.RdfFormat.TURTLE)
    return graph_store


# --- values as terms ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("<http://example.org/a>", pyoxigraph.NamedNode(f"{EX}a")),
        ("http://example.org/a", pyoxigraph.NamedNode(f"{EX}a")),
        ("ccm:State", pyoxigraph.NamedNode("https://w3id.org/ccm-graph/ontology#State")),
        ("id:state/IRL", pyoxigraph.NamedNode(f"{ID}state/IRL")),
        ('"Irland"@de', pyoxigraph.Literal("Irland", language="de")),
        ("42", pyoxigraph.Literal("42", datatype=pyoxigraph.NamedNode(f"{sparql.XSD}integer"))),
        ("victim-assistance", pyoxigraph.Literal("victim-assistance")),
        ("Sri Lanka", pyoxigraph.Literal("Sri Lanka")),
        ("nope:thing", pyoxigraph.Literal("nope:thing")),  # an unknown prefix: plain text
        ('"a" , "b"', pyoxigraph.Literal('"a" , "b"')),  # two terms are not one: text
        ("<http://a> } UNION { ?s ?p ?o }", pyoxigraph.Literal("<http://a> } UNION { ?s ?p ?o }")),
    ],
)
def test_a_value_is_one_term(typed: str, expected: sparql.Term) -> None:
    assert sparql.term(typed) == expected


HOSTILE = [
    '"A" } UNION { ?who ?p ?o } #',
    "A> } UNION { ?who ?p ?o",
    "<http://example.org/a> } UNION { ?who ?p ?o }",
    "A\n} UNION { ?who ?p ?o }\n#",
    'A" . ?who ?p ?o . FILTER("',
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_holding_braces_quotes_or_newlines_cannot_change_the_query(
    small_store: pyoxigraph.Store, value: str
) -> None:
    # A WHERE group gets a VALUES block; the short CONSTRUCT has none: pyoxigraph binds it.
    by_values = f"SELECT ?who WHERE {{ ?who <{EX}code> ?code }}"
    by_substitution = f"CONSTRUCT WHERE {{ ?who <{EX}code> ?code }}"
    for query in (by_values, by_substitution):
        assert list(sparql.run(small_store, query, {"code": value})) == []
        assert len(list(sparql.run(small_store, query, {"code": "A"}))) == 1
    # As text for another process: one VALUES row holding the whole value as one literal.
    bound = sparql.bind(by_values, {"code": value})
    assert list(small_store.query(bound)) == []
    assert bound.count("UNION") == value.count("UNION")  # inside the literal, not the query


def test_both_ways_of_binding_give_the_same_answer(small_store: pyoxigraph.Store) -> None:
    projected = f"SELECT ?who ?code WHERE {{ ?who <{EX}code> ?code }}"
    hidden = f"SELECT ?who WHERE {{ ?who <{EX}code> ?code }}"
    for query in (projected, hidden):
        rows = list(results.rows(sparql.run(small_store, query, {"code": "B"})))
        assert [row["who"] for row in rows] == [f"{EX}b"]
    grouped = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?who <{EX}age> ?age FILTER(?age > ?least) }}"
    rows = list(results.rows(sparql.run(small_store, grouped, {"least": "35"})))
    assert rows == [{"n": 1}]


def test_a_brace_in_a_string_comment_or_select_expression_is_not_the_where_clause(
    small_store: pyoxigraph.Store,
) -> None:
    query = (
        '# { a comment\nSELECT ?who (CONCAT("{", ?code) AS ?shown) (EXISTS { ?who ?p 1 } AS ?e)\n'
        f"WHERE {{ ?who <{EX}code> ?code }}"
    )
    rows = list(results.rows(sparql.run(small_store, query, {"code": "A"})))
    assert rows == [{"who": f"{EX}a", "shown": "{A", "e": "false"}]


def test_a_parameter_the_query_does_not_use_is_an_error(small_store: pyoxigraph.Store) -> None:
    with pytest.raises(errors.QueryError, match=r"no variable \?nobody"):
        sparql.run(small_store, "SELECT ?s WHERE { ?s ?p ?o }", {"nobody": "x"})
    with pytest.raises(errors.QueryError, match="NAME=VALUE"):
        sparql.parse_param("novalue")
    with pytest.raises(errors.QueryError, match="letters, digits"):
        sparql.parse_param("a-b=1")
    assert sparql.parse_param("?area=clearance") == ("area", pyoxigraph.Literal("clearance"))


# --- which query: name, file, text ----------------------------------------------------------


def test_a_missing_query_file_is_no_such_file_not_an_unknown_query_nor_sparql(
    tmp_path: Path,
) -> None:
    for missing in ("describe-meetings.rq", "select.sparql", str(tmp_path / "q.rq"), "a/b"):
        with pytest.raises(errors.QueryError, match="no such file") as caught:
            named.read_query(missing)
        assert missing in str(caught.value)
    with pytest.raises(errors.QueryError, match=r"unknown query 'meeting'.*did you mean"):
        named.read_query("meeting")
    written = tmp_path / "mine.sparql"
    written.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert named.read_query(str(written)) == "ASK { ?s ?p ?o }"
    assert named.read_query("coordinators").startswith("# Who coordinates")
    assert named.read_query("DESCRIBE <http://example.org/a>") == "DESCRIBE <http://example.org/a>"


def test_cli_names_the_missing_file(small: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", str(small), str(tmp_path / "describe-meetings.rq")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "unknown query" not in result.output


# --- every form, every format ----------------------------------------------------------------


def test_select_as_csv_tsv_and_json(small: Path) -> None:
    query = (
        f"SELECT ?name ?age WHERE {{ ?who <{EX}name> ?name "
        f"OPTIONAL {{ ?who <{EX}age> ?age }} }} ORDER BY ?name"
    )
    as_csv = runner.invoke(app, ["query", str(small), query, "-f", "csv"])
    assert list(csv.reader(io.StringIO(as_csv.output))) == [
        ["name", "age"],
        ["Ann", "30"],
        ["Bob", "40"],
        ["Cy", ""],
    ]
    as_tsv = runner.invoke(app, ["query", str(small), query, "-f", "tsv"])
    assert as_tsv.output.splitlines() == ["?name\t?age", '"Ann"\t30', '"Bob"\t40', '"Cy"\t']
    as_json = runner.invoke(app, ["query", str(small), query, "-f", "json"])
    assert json.loads(as_json.output) == [
        {"name": "Ann", "age": 30},
        {"name": "Bob", "age": 40},
        {"name": "Cy", "age": None},
    ]
    empty = runner.invoke(app, ["query", str(small), "SELECT ?x WHERE { ?x ?x ?x }", "-f", "json"])
    assert json.loads(empty.output) == []


def test_ask_construct_and_describe(small: Path) -> None:
    ask = runner.invoke(app, ["query", str(small), f"ASK {{ ?s <{EX}code> ?c }}", "-p", "c=B"])
    assert (ask.exit_code, ask.output.strip()) == (0, "true")
    no = runner.invoke(app, ["query", str(small), f"ASK {{ ?s <{EX}code> ?c }}", "-p", "c=Z"])
    assert no.output.strip() == "false"
    construct = f"CONSTRUCT {{ ?s <{EX}label> ?n }} WHERE {{ ?s <{EX}name> ?n }}"
    for output_format, rdf_format in (
        ("turtle", pyoxigraph.RdfFormat.TURTLE),
        ("ntriples", pyoxigraph.RdfFormat.N_TRIPLES),
        ("json", pyoxigraph.RdfFormat.JSON_LD),
    ):
        written = runner.invoke(app, ["query", str(small), construct, "-f", output_format])
        assert written.exit_code == 0, written.output
        triples = list(pyoxigraph.parse(written.output.encode(), format=rdf_format))
        assert {(t.subject.value, t.object.value) for t in triples} == {
            (f"{EX}a", "Ann"),
            (f"{EX}b", "Bob"),
            (f"{EX}c", "Cy"),
        }
    described = runner.invoke(
        app, ["query", str(small), "DESCRIBE ?s WHERE { ?s ?p ?o }", "-p", f"s=<{EX}b>"]
    )
    triples = list(pyoxigraph.parse(described.output.encode(), format=pyoxigraph.RdfFormat.TURTLE))
    assert {t.subject.value for t in triples} == {f"{EX}b"} and len(triples) == 3


def test_a_format_the_form_cannot_take_is_one_line(small: Path) -> None:
    result = runner.invoke(app, ["query", str(small), "ASK { ?s ?p ?o }", "-f", "turtle"])
    assert result.exit_code == 2
    assert "--format turtle: a ASK query is written as csv, tsv, json" in result.output
    construct = runner.invoke(
        app, ["query", str(small), "CONSTRUCT WHERE { ?s ?p ?o }", "-f", "csv"]
    )
    assert construct.exit_code == 2 and "turtle, ntriples, json" in construct.output


def test_api_query_answers_every_form_as_rows(small_store: pyoxigraph.Store) -> None:
    assert api.query(small_store, "ASK { ?s ?p ?o }") == (["result"], [{"result": "true"}])
    columns, rows = api.query(small_store, f"CONSTRUCT WHERE {{ ?s <{EX}code> ?o }}")
    assert columns == ["subject", "predicate", "object"]
    assert {row["object"] for row in rows} == {'"A"', '"B"'}
    columns, rows = api.query(small_store, f"SELECT ?s WHERE {{ ?s <{EX}code> ?c }}", {"c": "A"})
    assert rows == [{"s": f"{EX}a"}]


def test_a_named_query_takes_a_parameter(corpus_graph: Path) -> None:
    default = runner.invoke(
        app, ["query", str(corpus_graph), "area-coordinators-and-representatives", "-f", "json"]
    )
    chosen = runner.invoke(
        app,
        [
            "query",
            str(corpus_graph),
            "area-coordinators-and-representatives",
            "-f",
            "json",
            "--param",
            "area=clearance",
        ],
    )
    victim_assistance = {row["actor"] for row in json.loads(default.output)}
    clearance = {row["actor"] for row in json.loads(chosen.output)}
    coordinators = api.query(corpus_graph, "coordinators")[1]
    for area, actors in (("victim-assistance", victim_assistance), ("clearance", clearance)):
        assert actors == {row["actor"] for row in coordinators if row["area"] == area}
    assert victim_assistance != clearance


# --- answers that keep every row --------------------------------------------------------------


def plain_rows(graph: Path) -> list[dict]:
    return api.query(graph, "area-coordinators-and-representatives")[1]


def test_who_shows_every_coordinator_and_representative_the_plain_rows_show(
    corpus_graph: Path,
) -> None:
    plain = plain_rows(corpus_graph)
    years: dict[str, set[str]] = {}
    people: dict[str, set[str]] = {}
    for row in plain:
        years.setdefault(str(row["actor"]), set()).add(str(row["year"] or ""))
        people.setdefault(str(row["actor"]), set()).add(str(row["person"] or ""))
    profile = api.who(corpus_graph, "victim assistance")
    shown = {row["actor"]: row for row in profile["sections"]["coordinators"]}
    assert set(shown) == set(years)
    for actor, row in shown.items():
        assert set(row["years"].split()) == years[actor] - {""}, actor
        named_people = {p for p in row["represented_by"].split("; ") if p}
        assert named_people == people[actor] - {""}, actor
    assert "Patricia Cullen" in shown["IRL"]["represented_by"]
    assert "Lioba Bammer" in shown["AUT"]["represented_by"]


def test_the_explorers_area_page_shows_the_same_rows(corpus_graph: Path) -> None:
    graph_store = api.load(corpus_graph)
    names = {
        row["node"]: row["name"]
        for row in results.rows(
            graph_store.query(
                "SELECT ?node ?name WHERE { { ?node <http://www.w3.org/2004/02/skos/core#notation>"
                " ?name } UNION { ?node <http://xmlns.com/foaf/0.1/name> ?name } }"
            )
        )
    }
    page = (
        Path(api.__file__).parent / "serve" / "web" / "queries" / "area-coordinators.rq"
    ).read_text(encoding="utf-8")
    area = pyoxigraph.NamedNode(f"{ID}area/victim-assistance")
    explorer = {
        (str(r["year"] or ""), names[r["coordinator"]], names.get(r["representative"], ""))
        for r in results.rows(sparql.run(graph_store, page, {"node": area}))  # type: ignore[arg-type]
    }
    plain = {
        (str(r["year"] or ""), str(r["actor"]), str(r["person"] or ""))
        for r in plain_rows(corpus_graph)
    }
    assert explorer == plain
    assert ("2018", "IRL", "Patricia Cullen") in plain and ("2024", "AUT", "Lioba Bammer") in plain


def test_people_affiliations_keeps_the_dates_of_people_with_an_undated_record(
    corpus_graph: Path,
) -> None:
    rows = {row["name"]: row for row in api.query(corpus_graph, "people-affiliations")[1]}
    assert rows["Michael Biontino"]["dates"] == "2017-09-04"
    assert all(row["dates"] is not None for row in rows.values())


# --- who reads the graph once ---------------------------------------------------------------


def test_who_reads_the_turtle_once_and_the_networks_once(
    corpus_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = tmp_path / "ccm.ttl"
    graph.write_bytes(corpus_graph.read_bytes())
    first = api.who(graph, "Ireland")
    folder = graph_cache.keyed_folder(graph)
    assert (folder / "store" / "CURRENT").is_file() and (folder / "who-sections.sqlite").is_file()

    def fail(*_: object) -> None:
        raise AssertionError("computed again")

    from ccm_graph.analysis import networks

    monkeypatch.setattr(graph_cache, "_make_store", fail)
    monkeypatch.setattr(graph_cache, "_in_memory", fail)
    monkeypatch.setattr(networks, "load_facts", fail)
    assert api.who(graph, "Ireland") == first
    assert first["sections"]["partners"] and first["sections"]["centrality"]
    monkeypatch.undo()
    graph.write_bytes(corpus_graph.read_bytes() + b"\n# changed\n")  # another hash
    assert api.who(graph, "Ireland") == first
    assert not folder.exists() and graph_cache.keyed_folder(graph).is_dir()


@pytest.mark.slow
def test_network_command_fills_the_cache_who_reads(
    corpus_graph: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = tmp_path / "ccm.ttl"
    graph.write_bytes(corpus_graph.read_bytes())
    result = runner.invoke(app, ["network", str(graph), "--out", str(tmp_path / "net")])
    assert result.exit_code == 0, result.output
    from ccm_graph.analysis import networks

    monkeypatch.setattr(networks, "load_facts", lambda *_: pytest.fail("computed again"))
    assert api.who(graph, "Zambia")["sections"]["centrality"]


def test_who_of_nothing_is_an_error(corpus_graph: Path) -> None:
    with pytest.raises(errors.CcmGraphError, match="empty name"):
        api.who(corpus_graph, "  ")
    result = runner.invoke(app, ["who", "", "--graph", str(corpus_graph)])
    assert result.exit_code == 2 and "Chad" not in result.output


def test_many_values_of_one_variable_are_bound_as_terms(small_store: pyoxigraph.Store) -> None:
    query = f"SELECT ?who ?code WHERE {{ ?who <{EX}code> ?code }} ORDER BY ?code"
    terms = [pyoxigraph.NamedNode(f"{EX}a"), pyoxigraph.NamedNode(f"{EX}c")]
    rows = list(results.rows(small_store.query(sparql.bind_rows(query, "who", terms))))
    assert rows == [{"who": f"{EX}a", "code": "A"}]  # c has no code
    with pytest.raises(errors.QueryError, match="no variable"):
        sparql.bind_rows(query, "nobody", terms)
