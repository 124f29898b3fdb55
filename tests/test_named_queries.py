"""Every named query in queries/ with its expected answer on a small graph written by hand
(tests/fixtures/queries/graph.ttl; the answers in expected.json were checked against the
graph's comments by reading them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
import pytest

from ccm_graph import api
from ccm_graph.query import named

FIXTURES = Path(__file__).parent / "fixtures" / "queries"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
LISTS = {"actors", "dates", "states", "years"}  # GROUP_CONCATs: unordered by definition


@pytest.fixture(scope="module")
def graph() -> pyoxigraph.Store:
    graph_store = pyoxigraph.Store()
    graph_store.bulk_load(path=str(FIXTURES / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return graph_store


def test_every_named_query_has_an_expected_answer() -> None:
    assert named.names(), "no named queries found"
    assert sorted(EXPECTED) == named.names()


def normal(rows: list[dict]) -> list[dict]:
    return [
        {
            k: " ".join(sorted(v.split())) if k in LISTS and isinstance(v, str) else v
            for k, v in r.items()
        }
        for r in rows
    ]


@pytest.mark.parametrize("name", named.names())
def test_named_query_answers_as_expected(graph: pyoxigraph.Store, name: str) -> None:
    columns, rows = api.query(graph, name)
    expected = EXPECTED[name]
    assert columns == expected["columns"]
    found, wanted = normal(rows), expected["rows"]
    assert wanted, f"{name}: the small graph must give it rows to check"
    if re.search(r"(?i)\bORDER\s+BY\b", named.read_query(name)):
        assert found == wanted
    else:
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        assert sorted(found, key=key) == sorted(wanted, key=key)


def test_the_graph_answers_the_headline_question(graph: pyoxigraph.Store) -> None:
    # Read straight from the graph's comments, not from expected.json.
    _, rows = api.query(graph, "area-coordinators-and-representatives")
    assert {(r["year"], r["actor"], r["person"]) for r in rows} == {
        ("2016", "AAA", "Ann Example"),
        ("2017", "BBB", "Bob Example"),
    }
    _, people = api.query(graph, "people-affiliations")
    dates = {p["name"]: set(str(p["dates"]).split()) for p in people}
    assert dates == {"Ann Example": {"2016-03-01", "2016-09-05"}, "Bob Example": set()}
