"""Network analysis (`ccm-graph network`): measures, networks from SPARQL, exports, figures."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from typer.testing import CliRunner

from ccm_graph import api
from ccm_graph.analysis import figures, gephi
from ccm_graph.analysis import networks as analysis
from ccm_graph.analysis import page as network_page
from ccm_graph.analysis.networks import Network
from ccm_graph.cli import app
from ccm_graph.rdf import store

# A small graph written by hand: three States and an NGO, two areas, two meetings.
# AAA and BBB share clearance in 2016 (meeting year) and 2018 (term year, which wins over
# the 2017 meeting); AAA and CCC share victim assistance in 2017. CCC sent apologies to the
# 2016 meeting. Ann represented AAA in 2016 and the NGO in 2017.
GRAPH = """
@prefix ccm: <https://w3id.org/ccm-graph/ontology#> .
@prefix id: <https://w3id.org/ccm-graph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix opengov: <http://www.w3.org/ns/opengov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:state\\/AAA a ccm:State ; skos:notation "AAA" ; skos:prefLabel "Aland"@en .
id:state\\/BBB a ccm:State ; skos:notation "BBB" ; skos:prefLabel "Borduria"@en .
id:state\\/CCC a ccm:State ; skos:notation "CCC" ; skos:prefLabel "Carpania"@en .
id:org\\/NGO a ccm:Organization ; skos:notation "NGO" ; skos:prefLabel "Coalition"@en .
id:area\\/clearance a ccm:ThematicArea ; skos:notation "clearance" ;
    skos:prefLabel "Clearance"@en ; dcterms:subject id:article\\/4 .
id:area\\/victims a ccm:ThematicArea ; skos:notation "victims" ;
    skos:prefLabel "Victim Assistance"@en ; dcterms:subject id:article\\/5 .
id:article\\/4 a ccm:Article ; ccm:articleNumber 4 .
id:article\\/5 a ccm:Article ; ccm:articleNumber 5 .
id:article\\/7 a ccm:Article ; ccm:articleNumber 7 .
id:person\\/ann a foaf:Person ; foaf:name "Ann Example" .
id:person\\/bob a foaf:Person ; foaf:name "Bob Example" .
id:meeting\\/cc-2016 a ccm:CoordinationCommitteeMeeting ; schema:startDate "2016-03-01"^^xsd:date .
id:meeting\\/cc-2017 a ccm:CoordinationCommitteeMeeting ; schema:startDate "2017-05-02"^^xsd:date .
id:document\\/d1 a ccm:Document ; dcterms:identifier "d1" ; ccm:records id:meeting\\/cc-2016 .
id:document\\/d2 a ccm:Document ; dcterms:identifier "d2" ; ccm:records id:meeting\\/cc-2017 .

id:fact\\/m1 a ccm:CoordinatorMandate ; org:member id:state\\/AAA ; ccm:area id:area\\/clearance ;
    ccm:meeting id:meeting\\/cc-2016 ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/m2 a ccm:CoordinatorMandate ; org:member id:state\\/BBB ; ccm:area id:area\\/clearance ;
    ccm:meeting id:meeting\\/cc-2016 ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/m3 a ccm:CoordinatorMandate ; org:member id:state\\/AAA ; ccm:area id:area\\/clearance ;
    ccm:termYear "2018"^^xsd:gYear ; ccm:meeting id:meeting\\/cc-2017 ;
    prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/m4 a ccm:CoordinatorMandate ; org:member id:state\\/BBB ; ccm:area id:area\\/clearance ;
    ccm:termYear "2018"^^xsd:gYear ; prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/m5 a ccm:CoordinatorMandate ; org:member id:state\\/CCC ; ccm:area id:area\\/victims ;
    ccm:meeting id:meeting\\/cc-2017 ; prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/m6 a ccm:CoordinatorMandate ; org:member id:state\\/AAA ; ccm:area id:area\\/victims ;
    ccm:termYear "2017"^^xsd:gYear ; prov:wasDerivedFrom id:document\\/d2 .

id:fact\\/a1 a ccm:Attendance ; ccm:actor id:state\\/AAA ; ccm:meeting id:meeting\\/cc-2016 ;
    ccm:attendanceStatus id:attendance-status\\/present ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/a2 a ccm:Attendance ; ccm:actor id:state\\/BBB ; ccm:meeting id:meeting\\/cc-2016 ;
    ccm:attendanceStatus id:attendance-status\\/present ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/a3 a ccm:Attendance ; ccm:actor id:org\\/NGO ; ccm:meeting id:meeting\\/cc-2016 ;
    ccm:attendanceStatus id:attendance-status\\/observer ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/a4 a ccm:Attendance ; ccm:actor id:state\\/CCC ; ccm:meeting id:meeting\\/cc-2016 ;
    ccm:attendanceStatus id:attendance-status\\/apologies ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/a5 a ccm:Attendance ; ccm:actor id:state\\/AAA ; ccm:meeting id:meeting\\/cc-2017 ;
    ccm:attendanceStatus id:attendance-status\\/present ; prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/a6 a ccm:Attendance ; ccm:actor id:state\\/BBB ; ccm:meeting id:meeting\\/cc-2017 ;
    ccm:attendanceStatus id:attendance-status\\/present ; prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/a7 a ccm:Attendance ; ccm:actor id:state\\/CCC ; ccm:meeting id:meeting\\/cc-2017 ;
    ccm:attendanceStatus id:attendance-status\\/present ; prov:wasDerivedFrom id:document\\/d2 .
id:attendance-status\\/present skos:notation "present" .
id:attendance-status\\/observer skos:notation "observer" .
id:attendance-status\\/apologies skos:notation "apologies" .

id:fact\\/r1 a ccm:Representation ; org:member id:person\\/ann ; opengov:onBehalfOf id:state\\/AAA ;
    ccm:meeting id:meeting\\/cc-2016 ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/r2 a ccm:Representation ; org:member id:person\\/bob ; opengov:onBehalfOf id:state\\/AAA ;
    ccm:meeting id:meeting\\/cc-2016 ; prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/r3 a ccm:Representation ; org:member id:person\\/ann ; opengov:onBehalfOf id:org\\/NGO ;
    ccm:meeting id:meeting\\/cc-2017 ; prov:wasDerivedFrom id:document\\/d2 .

id:fact\\/o1 a ccm:ObligationEvent ; ccm:actor id:state\\/CCC ; ccm:article id:article\\/7 ;
    ccm:eventType id:obligation-event\\/overdue ; prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/o2 a ccm:ObligationEvent ; ccm:actor id:state\\/AAA ; ccm:article id:article\\/4 ;
    ccm:eventType id:obligation-event\\/completed ; prov:wasDerivedFrom id:document\\/d2 .
id:obligation-event\\/overdue skos:notation "overdue" .
id:obligation-event\\/completed skos:notation "completed" .

id:fact\\/x1 a ccm:ArticleMention ; ccm:article id:article\\/4 ;
    prov:wasDerivedFrom id:document\\/d1 .
id:fact\\/x2 a ccm:ArticleMention ; ccm:article id:article\\/4 ;
    prov:wasDerivedFrom id:document\\/d2 .
id:fact\\/x3 a ccm:ArticleMention ; ccm:article id:article\\/7 ;
    prov:wasDerivedFrom id:document\\/d2 .
"""
AAA, BBB, CCC, NGO = "state/AAA", "state/BBB", "state/CCC", "org/NGO"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "small.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def graph_store(graph_file: Path) -> pyoxigraph.Store:
    return store.open_store(graph_file)


@pytest.fixture(scope="module")
def facts(graph_store: pyoxigraph.Store) -> analysis.Facts:
    return analysis.load_facts(graph_store)


@pytest.fixture(scope="module")
def networks(facts: analysis.Facts) -> dict[Network, nx.Graph]:
    return analysis.build_networks(facts)


def weights(graph: nx.Graph) -> dict[tuple[str, str], int]:
    """Edge weights keyed by the sorted pair of ends ("org/..." sorts before "state/...")."""
    return {(min(u, v), max(u, v)): w for u, v, w in graph.edges(data="weight")}


# --- measures on hand-made graphs with known values --------------------------------------


def test_star_centre_has_all_the_betweenness_and_the_known_pagerank() -> None:
    values = analysis.measures(nx.star_graph(3))
    # PageRank of an undirected 3-star, damping 0.85: c = 0.15/4 + 0.85 * 3 * l and
    # l = 0.15/4 + 0.85 * c / 3 give c = 0.133125 / 0.2775.
    assert values[0]["pagerank"] == pytest.approx(0.133125 / 0.2775, abs=1e-5)
    assert values[1]["pagerank"] == pytest.approx((1 - 0.133125 / 0.2775) / 3, abs=1e-5)
    assert (values[0]["degree"], values[0]["betweenness"]) == (3, 1.0)
    assert (values[1]["degree"], values[1]["betweenness"]) == (1, 0.0)


def test_two_triangles_joined_by_a_bridge() -> None:
    graph = nx.Graph()
    graph.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    graph.add_edge("c", "d", weight=1)
    nx.set_edge_attributes(graph, 2, "weight")
    values = analysis.measures(graph)
    # c and d each lie on the 6 shortest paths between {a, b} and {d, e, f} (or mirrored);
    # normalised by (n - 1)(n - 2) / 2 = 10 pairs.
    assert values["c"]["betweenness"] == pytest.approx(0.6)
    assert values["a"]["betweenness"] == 0.0
    assert values["c"]["weighted_degree"] == 6.0
    assert analysis.communities(graph) == [["a", "b", "c"], ["d", "e", "f"]]
    assert values["a"]["community"] == values["c"]["community"] != values["d"]["community"]


def test_measures_of_an_empty_graph_are_empty() -> None:
    assert analysis.measures(nx.Graph()) == {}
    assert analysis.communities(nx.Graph()) == []


@pytest.mark.slow
def test_measures_and_layout_do_not_depend_on_the_python_hash_seed(graph_file: Path) -> None:
    script = (  # the measures, and the seeded layout of a graph in several components
        "import json, sys; import networkx as nx; "
        "from ccm_graph.analysis import figures, networks as analysis; "
        "from ccm_graph.rdf import store; "
        "f = analysis.load_facts(store.open_store(sys.argv[1])); "
        "n = analysis.build_networks(f); "
        "g = nx.Graph(); g.add_nodes_from(sorted('abcdefghij')); "
        "g.add_edges_from(['ab', 'bc', 'cd', 'ef', 'fg', 'eg', 'hi']); "
        "xy = figures.layout(g); "
        "print(json.dumps([[str(k), list(g.nodes(data=True))] for k, g in n.items()]"
        " + [[k, list(v)] for k, v in xy.items()]))"
    )
    runs = [  # two interpreters at once: each one pays the import time
        subprocess.Popen(
            [sys.executable, "-c", script, str(graph_file)],
            stdout=subprocess.PIPE,
            text=True,
            env={"PYTHONHASHSEED": seed},
        )
        for seed in ("1", "2")
    ]
    outputs = {run.communicate(timeout=60)[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1 and json.loads(outputs.pop())


# --- the networks, built from SPARQL over the small graph --------------------------------


def test_facts_come_from_sparql_with_term_year_before_meeting_year(facts) -> None:
    years = sorted((m.actor, m.area, m.year) for m in facts.mandates)
    assert (AAA, "area/clearance", 2018) in years
    assert (AAA, "area/clearance", 2017) not in years  # the term year wins
    assert {m.article for m in facts.mandates if m.area == "area/clearance"} == {"article/4"}
    assert facts.nodes[AAA].label == "Aland" and facts.nodes["article/4"].label == "Article 4"


def test_actor_area_is_weighted_by_years(networks) -> None:
    graph = networks[Network.ACTOR_AREA]
    assert graph.edges[AAA, "area/clearance"]["weight"] == 2  # 2016 and 2018
    assert graph.edges[AAA, "area/clearance"]["years"] == "2016 2018"
    assert graph.edges[CCC, "area/victims"]["weight"] == 1
    assert graph.nodes[AAA]["bipartite"] == 0 and graph.nodes["area/victims"]["bipartite"] == 1


def test_co_coordination_counts_shared_area_years(networks, facts) -> None:
    assert weights(networks[Network.CO_COORDINATION]) == {(AAA, BBB): 2, (AAA, CCC): 1}
    assert networks[Network.CO_COORDINATION].edges[AAA, BBB]["areas"] == "clearance"
    assert weights(analysis.co_coordination(facts, 2017)) == {(AAA, CCC): 1}


def test_attendance_keeps_present_and_observer_only(networks) -> None:
    attendance = networks[Network.ACTOR_MEETING]
    assert set(attendance.adj[CCC]) == {"meeting/cc-2017"}  # apologies in 2016
    assert attendance.nodes["meeting/cc-2016"]["year"] == 2016
    expected = {(AAA, BBB): 2, (NGO, AAA): 1, (NGO, BBB): 1, (AAA, CCC): 1, (BBB, CCC): 1}
    assert weights(networks[Network.CO_ATTENDANCE]) == expected


def test_person_actor_shows_who_moved(networks) -> None:
    graph = networks[Network.PERSON_ACTOR]
    assert set(graph.adj["person/ann"]) == {AAA, NGO}
    assert graph.edges["person/ann", NGO]["first_year"] == 2017
    rows = analysis.affiliation_rows(graph)
    assert [(r["name"], r["actor"], r["moved"]) for r in rows[:2]] == [
        ("Ann Example", AAA, True),
        ("Ann Example", NGO, True),
    ]


def test_actor_article_joins_obligations_and_area_articles(networks) -> None:
    graph = networks[Network.ACTOR_ARTICLE]
    edge = graph.edges[AAA, "article/4"]
    assert (edge["obligations"], edge["coordination_years"], edge["weight"]) == (1, 2, 3)
    assert edge["events"] == "completed"
    assert graph.edges[CCC, "article/7"]["weight"] == 1
    assert graph.nodes["article/4"]["mentions"] == 2
    assert graph.nodes["article/7"]["mentions"] == 1


def test_year_slices_cover_each_year_with_measures(facts) -> None:
    slices = {(str(name), year): graph for name, year, graph in analysis.year_slices(facts)}
    assert sorted(slices) == [
        ("co-attendance", 2016),
        ("co-attendance", 2017),
        ("co-coordination", 2016),
        ("co-coordination", 2017),
        ("co-coordination", 2018),
    ]
    assert weights(slices["co-attendance", 2016]) == {(AAA, BBB): 1, (NGO, AAA): 1, (NGO, BBB): 1}
    assert slices["co-coordination", 2018].nodes[AAA]["degree"] == 1


# --- who ------------------------------------------------------------------------------------


def test_who_ranks_partners_by_shared_work(graph_store) -> None:
    profile = api.who(graph_store, "Aland")
    partners = profile["sections"]["partners"]
    assert [p["partner"] for p in partners] == ["Borduria", "Carpania", "Coalition"]
    assert partners[0]["shared area-years"] == 2 and partners[0]["shared meetings"] == 2
    ranks = {row["network"]: row["rank"] for row in profile["sections"]["centrality"]}
    assert ranks["co-coordination"] == "1 of 3"


def test_who_gives_a_person_their_colleagues(graph_store) -> None:
    partners = api.who(graph_store, "Ann Example")["sections"]["partners"]
    assert partners == [{"partner": "Bob Example", "shared delegations": 1, "actors": "AAA"}]


# --- exports --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(Network))
def test_graphml_and_gexf_read_back_the_same(networks, name, tmp_path: Path) -> None:
    graph = networks[name]
    (tmp_path / "g.graphml").write_bytes(analysis.graphml_bytes(graph))
    (tmp_path / "g.gexf").write_bytes(gephi.gexf_bytes(graph))
    gexf = nx.read_gexf(tmp_path / "g.gexf", version=gephi.VERSION)
    for back in (nx.read_graphml(tmp_path / "g.graphml"), gexf):
        assert sorted(back.nodes) == sorted(graph.nodes)
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
        for node, data in graph.nodes(data=True):
            assert {k: back.nodes[node][k] for k in data} == data
        for u, v, data in graph.edges(data=True):
            read = back.edges[u, v]
            assert {k: read[k] for k in data if k != "weight"} == {
                k: w for k, w in data.items() if k != "weight"
            }
            assert float(read["weight"]) == data["weight"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])  # the IHDR chunk: width, height


@pytest.mark.slow
def test_figures_are_pngs_of_a4_size(networks, facts) -> None:
    drawn = figures.draw_all(
        networks[Network.CO_COORDINATION],
        analysis.mandate_rows(facts),
        analysis.attendance_rows(facts),
    )
    sizes = {path: png_size(data) for path, data in drawn.items()}
    landscape = (int(11.69 * figures.DPI), int(8.27 * figures.DPI))
    portrait = (int(8.27 * figures.DPI), int(11.69 * figures.DPI))
    assert sizes == {
        "figures/co-coordination.png": landscape,
        "figures/coordinator-timeline.png": portrait,
        "figures/attendance-by-year.png": portrait,
    }
    assert all(b"Software" not in data for data in drawn.values())


def test_figures_of_an_empty_graph_still_draw() -> None:
    drawn = figures.draw_all(nx.Graph(), [], [])
    assert all(png_size(data)[0] > 0 for data in drawn.values())


def test_html_page_is_self_contained_and_carries_the_networks(networks, facts) -> None:
    page = network_page.render(networks, list(analysis.year_slices(facts)))
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page.replace(analysis.ID_NAMESPACE, "")
    data = page.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    parsed = json.loads(data)
    names = [entry["name"] for entry in parsed["networks"]]
    assert names == [str(name) for name in Network]
    coordination = parsed["networks"][names.index("co-coordination")]
    assert sorted(coordination["years"]) == ["2016", "2017", "2018"]
    assert {node["label"] for node in coordination["nodes"]} == {"Aland", "Borduria", "Carpania"}


@pytest.mark.slow
def test_same_input_gives_byte_identical_outputs(facts, tmp_path: Path) -> None:
    first = analysis.write_outputs(facts, tmp_path / "one")
    second = analysis.write_outputs(facts, tmp_path / "two")
    names = [path.relative_to(first.out) for path in first.files]
    assert names == [path.relative_to(second.out) for path in second.files]
    assert len(names) == 6 * 2 + 6 + 6 + 3 + 1  # Gephi, edge tables, tables, figures, page
    for name in names:
        assert (first.out / name).read_bytes() == (second.out / name).read_bytes(), name


@pytest.mark.slow
def test_cli_writes_everything_and_names_a_missing_graph(graph_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["network", str(graph_file), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "most central in co-coordination: Aland" in result.output
    assert (tmp_path / "out" / "index.html").is_file()
    assert (tmp_path / "out" / "gephi" / "co-coordination.gexf").is_file()
    missing = runner.invoke(app, ["network", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2
    message = " ".join(missing.output.split())  # rich wraps long lines
    assert "nope.ttl: no such graph file" in message


# --- Gephi's timeline and the page's legend, links and slider -------------------------------

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"


def gexf_tree(networks, facts, name: Network):
    import xml.etree.ElementTree as ElementTree

    slices = {year: g for n, year, g in analysis.year_slices(facts) if n == name}
    positions = figures.layout(networks[name])
    data = gephi.gexf_bytes(networks[name], positions, slices)
    return ElementTree.fromstring(data), positions


def spell_years(element) -> set[int]:
    spells = element.find(f"{GEXF}spells")
    if spells is None:
        return set()
    found = set()
    for spell in spells.findall(f"{GEXF}spell"):
        start, end = spell.get("start"), spell.get("end")
        assert start.endswith("-01-01") and end.endswith("-12-31") and start[:4] == end[:4]
        found.add(int(start[:4]))
    return found


def test_gexf_is_1_3_in_dynamic_mode_with_a_spell_per_year(networks, facts) -> None:
    root, _ = gexf_tree(networks, facts, Network.CO_COORDINATION)
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {
        frozenset((e.get("source"), e.get("target"))): spell_years(e)
        for e in graph.iter(f"{GEXF}edge")
    }
    assert edges == {frozenset((AAA, BBB)): {2016, 2018}, frozenset((AAA, CCC)): {2017}}
    nodes = {n.get("id"): spell_years(n) for n in graph.iter(f"{GEXF}node")}
    assert nodes == {AAA: {2016, 2017, 2018}, BBB: {2016, 2018}, CCC: {2017}}
    # Co-attendance edges carry no years of their own: they live in the slices that hold them.
    root, _ = gexf_tree(networks, facts, Network.CO_ATTENDANCE)
    edges = {
        frozenset((e.get("source"), e.get("target"))): spell_years(e)
        for e in root.iter(f"{GEXF}edge")
    }
    assert edges[frozenset((AAA, BBB))] == {2016, 2017}
    assert edges[frozenset((AAA, CCC))] == {2017}


def test_gexf_colours_nodes_by_kind_and_places_them_as_the_page_does(networks, facts) -> None:
    root, positions = gexf_tree(networks, facts, Network.ACTOR_AREA)
    nodes = list(root.iter(f"{GEXF}node"))
    assert nodes
    for node in nodes:
        kind = networks[Network.ACTOR_AREA].nodes[node.get("id")]["kind"]
        colour = node.find(f"{VIZ}color")
        rgb = "#" + "".join(f"{int(colour.get(c)):02x}" for c in "rgb")
        assert rgb == network_page.KIND_COLOURS[kind]
        position = node.find(f"{VIZ}position")
        x, y = positions[node.get("id")]
        assert float(position.get("x")) == pytest.approx(x * gephi.POSITION_SCALE, abs=1e-2)
        assert float(position.get("y")) == pytest.approx(y * gephi.POSITION_SCALE, abs=1e-2)
    kinds = {n.get("id").split("/")[0] for n in nodes}
    assert kinds == {"state", "area"}


def test_page_links_nodes_to_the_explorer_and_has_a_legend_and_a_year_slider(
    networks, facts
) -> None:
    page = network_page.render(
        networks, list(analysis.year_slices(facts)), explorer="http://127.0.0.1:8765"
    )
    data = json.loads(
        page.split('<script type="application/json" id="data">')[1].split("</script>")[0]
    )
    assert data["explorer"] == "http://127.0.0.1:8765/"
    assert 'id="legend"' in page and 'id="year" type="range"' in page
    assert 'DATA.explorer + "#/id/" + n.id' in page  # the explorer's address of an entity
    linked = network_page.render(networks, list(analysis.year_slices(facts)))
    assert (
        json.loads(
            linked.split('<script type="application/json" id="data">')[1].split("</script>")[0]
        )["explorer"]
        == ""
    )
