"""GEXF 1.3 for Gephi: dynamic, with a spell per year, colours by kind and the page's layout.

Gephi's timeline plays a network whose nodes and edges carry spells: here each edge lives
in the years it records (a coordinator team's shared years, a person's years with an actor,
a meeting's year), or the years of the per-year slices it appears in (co-attendance); a
node lives in the years of its edges. Nodes and edges without any year are always shown.
Colours are those of the HTML page (`page.KIND_COLOURS`); positions are the page's seeded
layout, so Gephi opens on the picture the page shows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import networkx as nx

from ccm_graph.analysis.page import KIND_COLOURS

VERSION = "1.3"
POSITION_SCALE = 500.0  # the layout's [-1, 1] box, in Gephi's units
UNKNOWN_COLOUR = "#777777"
# networkx stamps GEXF files with today's date; drop it so the same graph gives the same file.
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16)}


def _spells(years: set[int]) -> list[tuple[str, str]]:
    return [(f"{year}-01-01", f"{year}-12-31") for year in sorted(years)]


def edge_years(graph: nx.Graph, slices: dict[int, nx.Graph] | None = None) -> dict[Any, set[int]]:
    """The years each edge lives in: its own `years`, a meeting end's `year`, or the years of
    the slices that hold it."""
    found: dict[Any, set[int]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        years = found[frozenset((u, v))]
        years.update(int(y) for y in str(data.get("years", "")).split() if y.isdigit())
        for end in (u, v):
            if isinstance(graph.nodes[end].get("year"), int):
                years.add(graph.nodes[end]["year"])
    for year, part in (slices or {}).items():
        for u, v in part.edges:
            if graph.has_edge(u, v):
                found[frozenset((u, v))].add(year)
    return found


def gexf_bytes(
    graph: nx.Graph,
    positions: dict[str, Any] | None = None,
    slices: dict[int, nx.Graph] | None = None,
) -> bytes:
    """The network as GEXF 1.3 in dynamic mode: spells per year, `viz:` colour by kind, size
    by PageRank and the layout's positions. The network's own attributes are kept."""
    export = graph.copy()
    export.graph["mode"] = "dynamic"
    by_edge = edge_years(graph, slices)
    by_node: dict[str, set[int]] = defaultdict(set)
    for u, v, data in export.edges(data=True):
        years = by_edge.get(frozenset((u, v)), set())
        by_node[u] |= years
        by_node[v] |= years
        if years:
            data["spells"] = _spells(years)
    for node, data in export.nodes(data=True):
        if isinstance(data.get("year"), int):
            by_node[node].add(data["year"])
        if by_node[node]:
            data["spells"] = _spells(by_node[node])
        viz: dict[str, Any] = {
            "color": _rgb(KIND_COLOURS.get(str(data.get("kind")), UNKNOWN_COLOUR)),
            "size": round(5 + 45 * float(data.get("pagerank", 0.0)) ** 0.5, 3),
        }
        if positions and node in positions:
            x, y = positions[node]
            viz["position"] = {
                "x": round(float(x) * POSITION_SCALE, 3),
                "y": round(float(y) * POSITION_SCALE, 3),
                "z": 0.0,
            }
        data["viz"] = viz
    text = "\n".join(nx.generate_gexf(export, version=VERSION)) + "\n"
    return _GEXF_DATE.sub("", text, count=1).encode("utf-8")
