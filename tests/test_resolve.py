"""The one name resolver (CLI `who`, `ccm_graph.who`, the explorer's search): labels, codes,
aliases, whole words, and near misses offered but never taken for an answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ccm_graph import api, errors, resolve
from ccm_graph.cli import app

ID = "https://w3id.org/ccm-graph/id/"


def state(code: str, label: str) -> resolve.Candidate:
    return resolve.Candidate(f"{ID}state/{code}", label, "State", code)


CANDIDATES = [
    state("IRL", "Ireland"),
    state("ISL", "Iceland"),
    state("AND", "Andorra"),
    state("CHL", "Chile"),
    state("CHN", "China"),
    state("ZMB", "Zambia"),
    state("NER", "Niger"),
    state("LAO", "Lao People's Democratic Republic"),
    state("GBR", "United Kingdom"),
    state("TUR", "Türkiye"),
    state("CIV", "Côte d'Ivoire"),
    state("CZE", "Czechia"),
    state("VAT", "Holy See"),
    state("KOR", "Republic of Korea"),
    state("PRK", "Democratic People's Republic of Korea"),
    resolve.Candidate(
        f"{ID}org/ICRC", "International Committee of the Red Cross", "Organization", "ICRC"
    ),
    resolve.Candidate(f"{ID}org/CMC", "Cluster Munition Coalition", "Organization", "CMC"),
    resolve.Candidate(
        f"{ID}area/victim-assistance",
        "Victim Assistance",
        "Thematic area",
        "victim-assistance",
        ("VA",),
    ),
    resolve.Candidate(f"{ID}person/sheila-mweemba", "Sheila Mweemba", "Person"),
    resolve.Candidate(f"{ID}person/pamela-moraga", "Pamela Moraga", "Person"),
]
RESOLVER = resolve.Resolver(CANDIDATES)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Laos", "Lao People's Democratic Republic"),
        ("UK", "United Kingdom"),
        ("Great Britain", "United Kingdom"),
        ("Turkey", "Türkiye"),
        ("turkiye", "Türkiye"),
        ("Ivory Coast", "Côte d'Ivoire"),
        ("Cote d'Ivoire", "Côte d'Ivoire"),
        ("Czech Republic", "Czechia"),
        ("Vatican", "Holy See"),
        ("the Holy See", "Holy See"),
        ("South Korea", "Republic of Korea"),
        ("Korea, Republic of", "Republic of Korea"),  # pycountry's name
        ("IRL", "Ireland"),  # ISO alpha-3
        ("ie", "Ireland"),  # ISO alpha-2
        ("372", "Ireland"),  # ISO numeric
        ("ICRC", "International Committee of the Red Cross"),
        ("Red Cross", "International Committee of the Red Cross"),  # data/name-aliases.tsv
        ("cmc", "Cluster Munition Coalition"),
        ("victim assistance", "Victim Assistance"),
        ("VA", "Victim Assistance"),  # the graph's own alternative label beats ISO "VA"
        ("Ms. Sheila N. Mweemba", "Sheila Mweemba"),  # title and initial dropped
        ("Moraga", "Pamela Moraga"),  # the whole word of one name only
        ("Niger", "Niger"),
    ],
)
def test_names_resolve(name: str, label: str) -> None:
    assert RESOLVER.resolve(name).label == label


def test_niger_is_never_nigeria() -> None:
    without_niger = resolve.Resolver([c for c in CANDIDATES if c.label != "Niger"])
    nigeria = resolve.Resolver([*CANDIDATES, state("NGA", "Nigeria")])
    assert nigeria.resolve("Niger").label == "Niger"
    assert nigeria.resolve("Nigeria").label == "Nigeria"
    with pytest.raises(errors.NameNotFound) as caught:
        without_niger.resolve("Niger")
    assert "Niger (NER), which the graph does not mention" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Irland", "Ireland"),
        ("Chille", "Chile"),
        ("Zambai", "Zambia"),
        ("Sheila Mweema", "Sheila Mweemba"),
    ],
)
def test_a_near_miss_is_offered_not_taken(name: str, suggestion: str) -> None:
    with pytest.raises(errors.NameNotFound) as caught:
        RESOLVER.resolve(name)
    assert caught.value.suggestions[0] == suggestion
    assert f"did you mean '{suggestion}'" in str(caught.value)


def test_shared_words_are_ambiguous_not_guessed() -> None:
    with pytest.raises(errors.NameNotFound, match="'Korea' could be") as caught:
        RESOLVER.resolve("Korea")
    assert set(caught.value.suggestions) == {
        "Republic of Korea",
        "Democratic People's Republic of Korea",
    }


@pytest.mark.parametrize("name", ["", "   ", "\t"])
def test_an_empty_name_is_an_error(name: str) -> None:
    with pytest.raises(errors.CcmGraphError, match="empty name"):
        RESOLVER.resolve(name)


def test_nothing_like_it_says_where_to_look() -> None:
    with pytest.raises(errors.NameNotFound, match="nothing in the graph is called 'Xyzzy'; try"):
        RESOLVER.resolve("Xyzzy")


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Chile", "Chile"),
        ("Irland", "Ireland"),
        ("Chi", "Chile"),
        ("Zam", "Zambia"),
        ("Laos", "Lao People's Democratic Republic"),
    ],
)
def test_suggestions_put_what_the_box_says_first(typed: str, first: str) -> None:
    assert RESOLVER.suggest(typed)[0].candidate.label == first


def test_suggestions_rank_exact_then_prefix_then_near_misses() -> None:
    hows = [m.how for m in RESOLVER.suggest("Chile")]
    assert hows == sorted(hows) and hows[0] is resolve.How.LABEL
    assert "Andorra" not in [m.candidate.label for m in RESOLVER.suggest("Irland")]
    assert RESOLVER.suggest("") == []


# --- the same resolver behind the API, the CLI and the explorer ------------------------------


@pytest.mark.parametrize(
    ("name", "iri"),
    [("Turkey", "state/TUR"), ("UK", "state/GBR"), ("VA", "area/victim-assistance")],
)
def test_api_who_uses_the_aliases(corpus_graph: Path, name: str, iri: str) -> None:
    assert api.who(corpus_graph, name)["iri"] == f"{ID}{iri}"


def test_cli_who_offers_did_you_mean(corpus_graph: Path) -> None:
    result = CliRunner().invoke(app, ["who", "Irland", "--graph", str(corpus_graph)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: nothing in the graph is called 'Irland'; did you mean 'Ireland'?"
    ]
    laos = CliRunner().invoke(app, ["who", "Laos", "--graph", str(corpus_graph)])
    assert laos.exit_code == 0 and "Lao People's Democratic Republic" in laos.output


def test_cli_who_refuses_an_empty_name(corpus_graph: Path) -> None:
    result = CliRunner().invoke(app, ["who", "", "--graph", str(corpus_graph)])
    assert result.exit_code == 2 and result.output.startswith("error: empty name")


def test_explorer_search_uses_the_resolver(corpus_graph: Path) -> None:
    from ccm_graph.serve import dataset, explorer, pool

    shared = dataset.prepare(corpus_graph)
    workers = pool.QueryPool(shared, 1, 10.0)
    workers.start()
    try:
        catalog = explorer.load_catalog(workers)
    finally:
        workers.close()
        shared.close()
    assert catalog.search("Irland")[0]["label"] == "Ireland"
    assert catalog.search("Chile")[0]["label"] == "Chile"
    assert catalog.search("Turkey")[0]["iri"] == f"{ID}state/TUR"
