"""Networks of the CCM community: who works with whom, on what, over time.

The networks are built with networkx from SPARQL over the graph (queries/network-*.rq), never
from the extractor's internals, so they describe exactly what the published graph says:

- actor-area: bipartite, coordinator mandates, weighted by the years an actor held the area;
- co-coordination: actors that coordinated the same area in the same year;
- actor-meeting: bipartite, meetings attended (present or observer), and its projection
- co-attendance: actors that attended the same meetings, weighted by how many;
- person-actor: people and the actors they represented, with the years;
- actor-article: obligation events, and the article of each area an actor coordinated;
  article mentions belong to documents, not to actors, so they weigh the article nodes.

Every node gets degree, weighted degree, betweenness, PageRank and a Louvain community
(fixed seed, so results repeat); co-coordination and co-attendance are also sliced per year.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph
from networkx.algorithms import bipartite

from ccm_graph import files
from ccm_graph.query import named, results, sparql
from ccm_graph.query.results import Row

ID_NAMESPACE = "https://w3id.org/ccm-graph/id/"
SEED = 42
ACTOR_KINDS = frozenset({"state", "organization"})
ATTENDED = frozenset({"present", "observer"})
# Exact betweenness is O(nodes x edges); past this size a seeded sample of sources keeps
# the command fast on large graphs and still repeatable.
BETWEENNESS_EXACT_LIMIT = 2000
BETWEENNESS_SAMPLES = 500
PARTNERS_SHOWN = 15
MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "community")


class Network(StrEnum):
    ACTOR_AREA = "actor-area"
    CO_COORDINATION = "co-coordination"
    ACTOR_MEETING = "actor-meeting"
    CO_ATTENDANCE = "co-attendance"
    PERSON_ACTOR = "person-actor"
    ACTOR_ARTICLE = "actor-article"


@dataclass(frozen=True)
class NodeInfo:
    id: str
    label: str
    kind: str
    code: str = ""


@dataclass(frozen=True)
class Mandate:
    actor: str
    area: str
    year: int | None
    document: str
    article: str | None = None


@dataclass(frozen=True)
class Attendance:
    actor: str
    meeting: str
    year: int | None
    status: str
    document: str


@dataclass(frozen=True)
class Affiliation:
    person: str
    actor: str
    year: int | None
    document: str


@dataclass(frozen=True)
class Obligation:
    actor: str
    article: str
    event: str
    year: int | None
    document: str


@dataclass(frozen=True)
class Facts:
    """What the networks are made of, read from the graph by SPARQL; ids are short IRIs."""

    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    mandates: tuple[Mandate, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    mentions: tuple[tuple[str, str], ...] = ()  # (article, document)


# ---------------------------------------------------------------------------
# Reading the graph
# ---------------------------------------------------------------------------


def short_id(iri: str) -> str:
    """`https://w3id.org/ccm-graph/id/state/LKA` -> `state/LKA`: readable in Gephi and CSV."""
    return iri.removeprefix(ID_NAMESPACE)


def _rows(graph_store: pyoxigraph.Store, name: str) -> list[Row]:
    text = (named.QUERIES_DIR / f"network-{name}.rq").read_text(encoding="utf-8")
    return list(results.rows(sparql.run(graph_store, text)))  # type: ignore[arg-type]


def _year(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def load_facts(graph_store: pyoxigraph.Store) -> Facts:
    """Run the network queries on a store and keep their rows as small frozen facts."""
    nodes: dict[str, NodeInfo] = {}
    for row in _rows(graph_store, "nodes"):
        node = short_id(str(row["node"]))
        nodes.setdefault(
            node,
            NodeInfo(node, str(row["label"] or node), str(row["kind"]), str(row["code"] or "")),
        )
    attendance = []
    for row in _rows(graph_store, "attendance"):
        meeting = short_id(str(row["meeting"]))
        nodes.setdefault(meeting, NodeInfo(meeting, str(row["meeting_label"]), "meeting"))
        attendance.append(
            Attendance(
                short_id(str(row["actor"])),
                meeting,
                _year(row["year"]),
                str(row["status"]),
                str(row["doc"]),
            )
        )
    return Facts(
        nodes=nodes,
        mandates=tuple(
            Mandate(
                short_id(str(r["actor"])),
                short_id(str(r["area"])),
                _year(r["year"]),
                str(r["doc"]),
                short_id(str(r["article"])) if r["article"] else None,
            )
            for r in _rows(graph_store, "mandates")
        ),
        attendance=tuple(attendance),
        affiliations=tuple(
            Affiliation(
                short_id(str(r["person"])),
                short_id(str(r["actor"])),
                _year(r["year"]),
                str(r["doc"]),
            )
            for r in _rows(graph_store, "affiliations")
        ),
        obligations=tuple(
            Obligation(
                short_id(str(r["actor"])),
                short_id(str(r["article"])),
                str(r["event"]),
                _year(r["year"]),
                str(r["doc"]),
            )
            for r in _rows(graph_store, "obligations")
        ),
        mentions=tuple(
            (short_id(str(r["article"])), str(r["doc"])) for r in _rows(graph_store, "mentions")
        ),
    )


# ---------------------------------------------------------------------------
# Building the networks
# ---------------------------------------------------------------------------


def _new_graph(facts: Facts, name: str, nodes: Iterable[str], side: str | None = None) -> nx.Graph:
    """A graph holding `nodes` in sorted order (so every export lists them the same way)."""
    graph = nx.Graph(name=str(name))
    for node in sorted(set(nodes)):
        info = facts.nodes.get(node) or NodeInfo(node, node, node.split("/", 1)[0])
        attributes: dict[str, Any] = {
            "label": info.label,
            "kind": info.kind,
            "code": info.code or info.label,
            "iri": ID_NAMESPACE + node,
        }
        if side is not None:  # networkx's convention for the two sides of a bipartite graph
            attributes["bipartite"] = 0 if info.kind in ACTOR_KINDS else 1
        graph.add_node(node, **attributes)
    return graph


def _years_text(years: Iterable[int | None]) -> str:
    return " ".join(str(year) for year in sorted({y for y in years if y is not None}))


def actor_area(facts: Facts) -> nx.Graph:
    """Bipartite actor-area graph; weight = the number of distinct years of the mandate."""
    held: dict[tuple[str, str], set[int | None]] = defaultdict(set)
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for mandate in facts.mandates:
        held[mandate.actor, mandate.area].add(mandate.year)
        documents[mandate.actor, mandate.area].add(mandate.document)
    graph = _new_graph(facts, Network.ACTOR_AREA, itertools.chain(*held), side="bipartite")
    for (actor, area), years in sorted(held.items()):
        known = {year for year in years if year is not None}
        # A mandate whose text gives no year still counts once.
        graph.add_edge(
            actor,
            area,
            weight=len(known) or 1,
            years=_years_text(known),
            documents=len(documents[actor, area]),
        )
    return graph


def co_coordination(facts: Facts, year: int | None = None) -> nx.Graph:
    """Actors that coordinated the same area in the same year; weight = shared area-years."""
    teams: dict[tuple[str, int], set[str]] = defaultdict(set)
    for mandate in facts.mandates:
        if mandate.year is not None and (year is None or mandate.year == year):
            teams[mandate.area, mandate.year].add(mandate.actor)
    actors = {actor for team in teams.values() for actor in team}
    graph = _new_graph(facts, Network.CO_COORDINATION, actors)
    shared: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for (area, team_year), team in sorted(teams.items()):
        for pair in itertools.combinations(sorted(team), 2):
            shared[pair].append((area, team_year))
    for (first, second), terms in sorted(shared.items()):
        graph.add_edge(
            first,
            second,
            weight=len(terms),
            areas=" ".join(sorted({_code(facts, area) for area, _ in terms})),
            years=_years_text(term_year for _, term_year in terms),
        )
    return graph


def actor_meeting(facts: Facts, year: int | None = None) -> nx.Graph:
    """Bipartite actor-meeting graph of attendance (present or observer, not apologies)."""
    attended = sorted(
        {
            (a.actor, a.meeting, a.status)
            for a in facts.attendance
            if a.status in ATTENDED and (year is None or a.year == year)
        }
    )
    nodes = itertools.chain.from_iterable((actor, meeting) for actor, meeting, _ in attended)
    graph = _new_graph(facts, Network.ACTOR_MEETING, nodes, side="bipartite")
    meeting_years = {a.meeting: a.year for a in facts.attendance if a.year is not None}
    for node, data in graph.nodes(data=True):
        if data["kind"] == "meeting" and node in meeting_years:
            data["year"] = meeting_years[node]
    for actor, meeting, status in attended:
        graph.add_edge(actor, meeting, weight=1, status=status)
    return graph


def co_attendance(facts: Facts, year: int | None = None) -> nx.Graph:
    """Projection of actor-meeting onto actors; weight = the number of meetings shared."""
    attendance = actor_meeting(facts, year)
    actors = [n for n, side in attendance.nodes(data="bipartite") if side == 0]
    graph = _new_graph(facts, Network.CO_ATTENDANCE, actors)
    if not actors:  # networkx refuses to project an empty graph
        return graph
    projected = bipartite.weighted_projected_graph(attendance, actors)
    edges = sorted((min(u, v), max(u, v), w) for u, v, w in projected.edges(data="weight"))
    for first, second, weight in edges:
        graph.add_edge(first, second, weight=weight)
    return graph


def person_actor(facts: Facts) -> nx.Graph:
    """People and the actors they represented, with first and last year: who moved where."""
    years: dict[tuple[str, str], set[int | None]] = defaultdict(set)
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for affiliation in facts.affiliations:
        years[affiliation.person, affiliation.actor].add(affiliation.year)
        documents[affiliation.person, affiliation.actor].add(affiliation.document)
    graph = _new_graph(facts, Network.PERSON_ACTOR, itertools.chain(*years), side="bipartite")
    for (person, actor), held in sorted(years.items()):
        known = sorted(year for year in held if year is not None)
        graph.add_edge(
            person,
            actor,
            weight=len(documents[person, actor]),
            years=_years_text(known),
            first_year=known[0] if known else 0,
            last_year=known[-1] if known else 0,
        )
    for node, data in graph.nodes(data=True):
        if data["kind"] == "person":
            data["affiliations"] = graph.degree(node)
    return graph


def actor_article(facts: Facts) -> nx.Graph:
    """Actors and articles, linked by obligation events and by the articles of their areas."""
    obligations: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for event in facts.obligations:
        obligations[event.actor, event.article].add((event.event, event.document))
    coordination: dict[tuple[str, str], set[int | None]] = defaultdict(set)
    for mandate in facts.mandates:
        if mandate.article:
            coordination[mandate.actor, mandate.article].add(mandate.year)
    mentions: dict[str, set[str]] = defaultdict(set)
    for article, document in facts.mentions:
        mentions[article].add(document)
    pairs = sorted(set(obligations) | set(coordination))
    graph = _new_graph(facts, Network.ACTOR_ARTICLE, itertools.chain(*pairs), side="bipartite")
    for node, data in graph.nodes(data=True):
        if data["kind"] == "article":
            data["mentions"] = len(mentions.get(node, ()))
    for pair in pairs:
        events = obligations.get(pair, set())
        coordinated = len(
            {y for y in coordination.get(pair, set()) if y is not None}
            or coordination.get(pair, set())
        )
        graph.add_edge(
            *pair,
            weight=len(events) + coordinated,
            obligations=len(events),
            coordination_years=coordinated,
            events=" ".join(sorted({event for event, _ in events})),
        )
    return graph


BUILDERS = {
    Network.ACTOR_AREA: actor_area,
    Network.CO_COORDINATION: co_coordination,
    Network.ACTOR_MEETING: actor_meeting,
    Network.CO_ATTENDANCE: co_attendance,
    Network.PERSON_ACTOR: person_actor,
    Network.ACTOR_ARTICLE: actor_article,
}


# The networks whose nodes are all actors: the ones sliced per year.
SLICED = {Network.CO_COORDINATION: co_coordination, Network.CO_ATTENDANCE: co_attendance}


def build_networks(facts: Facts) -> dict[Network, nx.Graph]:
    """All six networks, each with its measures set as node attributes."""
    networks = {name: builder(facts) for name, builder in BUILDERS.items()}
    for graph in networks.values():
        annotate(graph)
    return networks


def years_of(facts: Facts) -> list[int]:
    """Every year the mandates or the attendance records mention, in order."""
    years = {m.year for m in facts.mandates} | {a.year for a in facts.attendance}
    return sorted(year for year in years if year is not None)


def year_slices(facts: Facts) -> Iterator[tuple[Network, int, nx.Graph]]:
    """Co-coordination and co-attendance year by year, with their measures."""
    for year in years_of(facts):
        for name, builder in SLICED.items():
            graph = builder(facts, year)
            if graph.number_of_nodes():
                yield name, year, annotate(graph)


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------


def communities(graph: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities (fixed seed), largest first, each sorted; ties by first member."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group))


def measures(graph: nx.Graph, seed: int = SEED) -> dict[str, dict[str, float | int]]:
    """Degree, weighted degree, betweenness, PageRank and community of every node.

    Betweenness counts hops (weights say how strong a tie is, not how long), normalised;
    PageRank follows the weights. Values are rounded to 6 places so exports are stable.
    """
    if graph.number_of_nodes() == 0:
        return {}
    sample = None if graph.number_of_nodes() <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLES
    betweenness = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=seed)
    pagerank = nx.pagerank(graph, weight="weight")
    membership = {
        node: number for number, group in enumerate(communities(graph, seed), 1) for node in group
    }
    return {
        node: {
            "degree": graph.degree(node),
            "weighted_degree": round(float(graph.degree(node, weight="weight")), 6),
            "betweenness": round(betweenness[node], 6),
            "pagerank": round(pagerank[node], 6),
            "community": membership[node],
        }
        for node in graph.nodes
    }


def annotate(graph: nx.Graph) -> nx.Graph:
    """Set every node's measures as its attributes (so GraphML and GEXF carry them)."""
    for node, values in measures(graph).items():
        graph.nodes[node].update(values)
    return graph


def ranked(graph: nx.Graph, kinds: Iterable[str] = ACTOR_KINDS) -> list[str]:
    """Nodes of the given kinds, most central first (PageRank, then weighted degree, then id)."""
    wanted = set(kinds)
    nodes = [n for n, kind in graph.nodes(data="kind") if kind in wanted]
    return sorted(
        nodes,
        key=lambda n: (
            -graph.nodes[n].get("pagerank", 0.0),
            -graph.nodes[n].get("weighted_degree", 0.0),
            n,
        ),
    )


# ---------------------------------------------------------------------------
# `ccm-graph who`: partners and centrality of one actor or person
# ---------------------------------------------------------------------------


def who_sections_of_all(
    facts: Facts, networks: dict[Network, nx.Graph] | None = None
) -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """For every node of the networks, the sections `ccm-graph who` adds: its partners (who
    it worked with, ranked by shared work) and its centrality (its rank in each network).

    The networks are built and measured once for all nodes (or passed in, as
    `ccm-graph network` has them), so that a lookup reads its rows from a cache.
    """
    networks = networks or build_networks(facts)
    centrality = _centrality_of_all(networks)
    colleagues = _colleagues_of_all(facts)
    coordination = networks[Network.CO_COORDINATION]
    attendance = networks[Network.CO_ATTENDANCE]
    rank = {n: i for i, n in enumerate(ranked(coordination), 1)}
    for node in sorted(set(centrality) | set(colleagues)):
        if facts.nodes.get(node, NodeInfo(node, node, "")).kind == "person":
            partners = colleagues.get(node, [])
        else:
            partners = _partners(facts, node, coordination, attendance, rank)
        yield node, {"partners": partners, "centrality": centrality.get(node, [])}


def _partners(
    facts: Facts, node: str, coordination: nx.Graph, attendance: nx.Graph, rank: dict[str, int]
) -> list[dict[str, Any]]:
    """Who an actor worked with: area-years coordinated together, then meetings attended
    together."""
    found = set(coordination.adj.get(node, {})) | set(attendance.adj.get(node, {}))
    rows = []
    for other in found:
        shared = coordination.get_edge_data(node, other, {})
        rows.append(
            {
                "partner": _short_label(facts, other),
                "shared area-years": shared.get("weight", 0),
                "areas": shared.get("areas", ""),
                "years": shared.get("years", ""),
                "shared meetings": attendance.get_edge_data(node, other, {}).get("weight", 0),
                "partner rank": rank.get(other),  # in co-coordination, by PageRank
            }
        )
    rows.sort(key=lambda r: (-r["shared area-years"], -r["shared meetings"], r["partner"]))
    return rows[:PARTNERS_SHOWN]


def _colleagues_of_all(facts: Facts) -> dict[str, list[dict[str, Any]]]:
    """For each person: the people who represented the same actor in the same document."""
    delegations: dict[tuple[str, str], set[str]] = defaultdict(set)
    for affiliation in facts.affiliations:
        delegations[affiliation.actor, affiliation.document].add(affiliation.person)
    shared: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for key, people in delegations.items():
        for person in people:
            for other in people - {person}:
                shared[person][other].add(key)
    found = {}
    for person, others in shared.items():
        rows: list[dict[str, Any]] = [
            {
                "partner": _short_label(facts, other),
                "shared delegations": len(keys),
                "actors": " ".join(
                    sorted({facts.nodes.get(a, NodeInfo(a, a, "", a)).code for a, _ in keys})
                ),
            }
            for other, keys in others.items()
        ]
        rows.sort(key=lambda r: (-r["shared delegations"], r["partner"]))
        found[person] = rows[:PARTNERS_SHOWN]
    return found


def _centrality_of_all(networks: dict[Network, nx.Graph]) -> dict[str, list[dict[str, Any]]]:
    """Where each node stands in each network it is part of: its rank among its side."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, graph in networks.items():
        positions: dict[str, tuple[int, int]] = {}
        kinds = {kind for _, kind in graph.nodes(data="kind")}
        sides = [ACTOR_KINDS] + [frozenset({kind}) for kind in sorted(kinds - ACTOR_KINDS)]
        for side in sides:
            peers = ranked(graph, side)
            positions.update({node: (i, len(peers)) for i, node in enumerate(peers, 1)})
        for node, values in graph.nodes(data=True):
            if node not in positions:
                continue
            place, total = positions[node]
            found[node].append(
                {
                    "network": str(name),
                    "rank": f"{place} of {total}",
                    **{measure: values[measure] for measure in MEASURES},
                }
            )
    return found


def who_sections(graph_store: pyoxigraph.Store, node_iri: str) -> dict[str, list[dict[str, Any]]]:
    """The sections `ccm-graph who` adds from the networks, for one node of a store (no
    cache: `analysis.lookup` keeps them beside a graph file)."""
    node = short_id(node_iri)
    for found, sections in who_sections_of_all(load_facts(graph_store)):
        if found == node:
            return sections
    return {"partners": [], "centrality": []}


# ---------------------------------------------------------------------------
# Exports: CSV tables, GraphML and GEXF
# ---------------------------------------------------------------------------


def csv_bytes(columns: list[str], rows: Iterable[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def graphml_bytes(graph: nx.Graph) -> bytes:
    return ("\n".join(nx.generate_graphml(graph)) + "\n").encode("utf-8")


NODE_COLUMNS = ["network", "year", "node", "label", "kind", *MEASURES]


def node_rows(name: str, graph: nx.Graph, year: int | str = "all") -> Iterator[dict[str, Any]]:
    for node in ranked(graph, {kind for _, kind in graph.nodes(data="kind")}):
        yield {"network": name, "year": year, "node": node, **graph.nodes[node]}


def edge_rows(graph: nx.Graph) -> tuple[list[str], list[dict[str, Any]]]:
    extra = sorted({key for _, _, data in graph.edges(data=True) for key in data} - {"weight"})
    rows = [
        {"source": min(u, v), "target": max(u, v), **data} for u, v, data in graph.edges(data=True)
    ]
    rows.sort(key=lambda row: (row["source"], row["target"]))
    return ["source", "target", "weight", *extra], rows


def community_rows(name: str, graph: nx.Graph, year: int | str = "all") -> Iterator[dict]:
    groups: dict[int, list[str]] = defaultdict(list)
    for node, number in graph.nodes(data="community"):
        groups[number].append(node)
    for number, members in sorted(groups.items()):
        labels = sorted(graph.nodes[m].get("code") or m for m in members)
        yield {
            "network": name,
            "year": year,
            "community": number,
            "size": len(members),
            "members": " ".join(labels),
        }


def mandate_rows(facts: Facts) -> list[dict[str, Any]]:
    """Who held which area in which year: the data of the timeline figure."""
    held = {(m.area, m.actor, m.year) for m in facts.mandates if m.year is not None}
    return [
        {
            "area": area,
            "area_label": _label(facts, area),
            "actor": actor,
            "actor_label": _label(facts, actor),
            "code": _code(facts, actor),
            "year": year,
        }
        for area, actor, year in sorted(held)
    ]


def attendance_rows(facts: Facts) -> list[dict[str, Any]]:
    """How many meetings each actor attended (present or observer) each year."""
    meetings: dict[tuple[str, int], set[str]] = defaultdict(set)
    for record in facts.attendance:
        if record.status in ATTENDED and record.year is not None:
            meetings[record.actor, record.year].add(record.meeting)
    return [
        {
            "actor": actor,
            "actor_label": _label(facts, actor),
            "code": _code(facts, actor),
            "year": year,
            "meetings": len(found),
        }
        for (actor, year), found in sorted(meetings.items())
    ]


def affiliation_rows(graph: nx.Graph) -> list[dict[str, Any]]:
    """Each person's affiliations in time order; `moved` marks people with more than one."""
    rows = []
    for person in sorted(n for n, kind in graph.nodes(data="kind") if kind == "person"):
        moved = graph.degree(person) > 1
        for actor in graph.adj[person]:
            edge = graph.edges[person, actor]
            rows.append(
                {
                    "person": person,
                    "name": graph.nodes[person]["label"],
                    "actor": actor,
                    "actor_label": graph.nodes[actor]["label"],
                    "years": edge["years"],
                    "first_year": edge["first_year"],
                    "last_year": edge["last_year"],
                    "documents": edge["weight"],
                    "moved": moved,
                }
            )
    rows.sort(key=lambda r: (not r["moved"], r["name"], r["first_year"], r["actor"]))
    return rows


def _label(facts: Facts, node: str) -> str:
    return facts.nodes[node].label if node in facts.nodes else node


def _short_label(facts: Facts, node: str) -> str:
    """The name, or the code when the name is too long for a table column (ISU, UNODA)."""
    label = _label(facts, node)
    return label if len(label) <= 28 else _code(facts, node)


def _code(facts: Facts, node: str) -> str:
    return (facts.nodes[node].code or facts.nodes[node].label) if node in facts.nodes else node


@dataclass
class NetworkReport:
    """What `ccm-graph network` wrote, and the networks it measured."""

    out: Path
    networks: dict[Network, nx.Graph]
    files: list[Path] = field(default_factory=list)

    def most_central(self, name: Network = Network.CO_COORDINATION, count: int = 3) -> list[dict]:
        graph = self.networks[name]
        return [{"node": n, **graph.nodes[n]} for n in ranked(graph)[:count]]

    def communities(self, name: Network = Network.CO_COORDINATION) -> list[list[str]]:
        graph = self.networks[name]
        groups: dict[int, list[str]] = defaultdict(list)
        for node, number in sorted(graph.nodes(data="community")):
            groups[number].append(graph.nodes[node]["code"])
        return [sorted(groups[number]) for number in sorted(groups)]


def write_outputs(facts: Facts, out: Path, explorer: str = "") -> NetworkReport:
    """Write tables/, gephi/, figures/ and index.html under `out`; same facts, same bytes.

    `explorer` is the address of a running `ccm-graph serve`: the page links each node to its
    entity page there."""
    from ccm_graph.analysis import figures  # matplotlib loads only when figures are drawn
    from ccm_graph.analysis import page as network_page

    report = NetworkReport(out, build_networks(facts))
    slices = list(year_slices(facts))
    positions = {name: figures.layout(graph) for name, graph in report.networks.items()}
    outputs = {
        **_table_files(facts, report.networks, slices),
        **_gephi_files(report.networks, positions, slices),
        **figures.draw_all(
            report.networks[Network.CO_COORDINATION], mandate_rows(facts), attendance_rows(facts)
        ),
        "index.html": network_page.render(
            report.networks, slices, positions=positions, explorer=explorer
        ).encode("utf-8"),
    }
    for relative, data in sorted(outputs.items()):
        files.write_atomically(out / relative, data)
        report.files.append(out / relative)
    return report


def _table_files(
    facts: Facts, networks: dict[Network, nx.Graph], slices: list[tuple[Network, int, nx.Graph]]
) -> dict[str, bytes]:
    whole = [(str(name), graph) for name, graph in networks.items()]
    by_year = [(str(name), graph, year) for name, year, graph in slices]
    files = {
        "tables/measures.csv": csv_bytes(
            NODE_COLUMNS, itertools.chain(*(node_rows(n, g) for n, g in whole))
        ),
        "tables/measures-by-year.csv": csv_bytes(
            NODE_COLUMNS, itertools.chain(*(node_rows(n, g, y) for n, g, y in by_year))
        ),
        "tables/communities.csv": csv_bytes(
            ["network", "year", "community", "size", "members"],
            itertools.chain(
                *(community_rows(n, g) for n, g in whole),
                *(community_rows(n, g, y) for n, g, y in by_year),
            ),
        ),
        "tables/coordinator-mandates.csv": csv_bytes(
            ["area", "area_label", "actor", "actor_label", "code", "year"], mandate_rows(facts)
        ),
        "tables/attendance-by-year.csv": csv_bytes(
            ["actor", "actor_label", "code", "year", "meetings"], attendance_rows(facts)
        ),
        "tables/affiliations.csv": csv_bytes(
            [
                "person",
                "name",
                "actor",
                "actor_label",
                "years",
                "first_year",
                "last_year",
                "documents",
                "moved",
            ],
            affiliation_rows(networks[Network.PERSON_ACTOR]),
        ),
    }
    for name, graph in whole:
        columns, rows = edge_rows(graph)
        files[f"tables/edges-{name}.csv"] = csv_bytes(columns, rows)
    return files


def _gephi_files(
    networks: dict[Network, nx.Graph],
    positions: dict[Network, dict[str, Any]],
    slices: list[tuple[Network, int, nx.Graph]],
) -> dict[str, bytes]:
    from ccm_graph.analysis import gephi

    by_year: dict[Network, dict[int, nx.Graph]] = defaultdict(dict)
    for name, year, part in slices:
        by_year[name][year] = part
    files = {}
    for name, graph in networks.items():
        files[f"gephi/{name}.graphml"] = graphml_bytes(graph)
        files[f"gephi/{name}.gexf"] = gephi.gexf_bytes(graph, positions[name], by_year[name])
    return files


def network(graph_store: pyoxigraph.Store, out: Path) -> NetworkReport:
    """Build, measure and export every network of the graph in `graph_store` under `out`."""
    return write_outputs(load_facts(graph_store), out)


def summary_lines(report: NetworkReport) -> list[str]:
    """What `ccm-graph network` prints: the most central actors and the communities."""
    lines = [f"wrote {len(report.files)} files under {report.out}"]
    for name in (Network.CO_COORDINATION, Network.CO_ATTENDANCE):
        top = ", ".join(
            f"{row['label']} ({row['code']}, PageRank {row['pagerank']})"
            for row in report.most_central(name)
        )
        lines.append(f"most central in {name}: {top or 'none'}")
    for number, members in enumerate(report.communities(), 1):
        lines.append(f"co-coordination community {number}: {' '.join(members)}")
    return lines
