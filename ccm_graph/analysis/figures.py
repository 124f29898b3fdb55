"""The figures of `ccm-graph network`, drawn with matplotlib for an A4 page.

Figures are drawn on `matplotlib.figure.Figure` objects (the Agg canvas), never through
pyplot, so no global backend or state is touched. PNGs are saved without the "Software"
stamp, so the same data gives byte-identical files.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np
from matplotlib import colormaps
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

SEED = 42
DPI = 150
A4_LANDSCAPE = (11.69, 8.27)
A4_PORTRAIT = (8.27, 11.69)
PALETTE = [to_hex(colour) for colour in colormaps["tab20"].colors]  # type: ignore[attr-defined]
AREA_PALETTE = [to_hex(colour) for colour in colormaps["tab10"].colors]  # type: ignore[attr-defined]
PNG_METADATA = {"Software": None}  # matplotlib's version stamp would change the bytes
ROW_INCHES = 0.16  # height of one actor row on the page: 7-point labels stay readable


def colour(number: int) -> str:
    """The colour of community (or area) `number`, counted from 1."""
    return PALETTE[(number - 1) % len(PALETTE)]


def png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
    return buffer.getvalue()


def _empty(figure: Figure, title: str, message: str) -> Figure:
    axes = figure.add_subplot()
    axes.set_title(title)
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=12)
    axes.set_axis_off()
    return figure


def layout(graph: nx.Graph) -> dict[str, np.ndarray]:
    """A seeded spring layout per connected component, the components packed side by side.

    A spring layout of a disconnected graph throws small components and isolated nodes to
    the far edges; packing keeps every node on the page and the main component large.
    """
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c)
    )
    positions: dict[str, np.ndarray] = {}
    if not components:
        return positions
    main = len(components[0])
    column_x, cursor_y = 0.0, 1.0
    for number, nodes in enumerate(components):
        radius = 1.0 if number == 0 else max(0.1, 0.6 * float(np.sqrt(len(nodes) / main)))
        if number == 1:
            column_x, cursor_y = 1.35, 1.0
        if cursor_y - 2 * radius < -1.0 and number > 1:  # column full: start the next one
            column_x, cursor_y = column_x + 2 * radius + 0.1, 1.0
        centre = np.array([column_x + (radius if number else 0.0), cursor_y - radius])
        if number == 0:
            centre = np.array([0.0, 0.0])
        part = _component(graph, nodes)
        placed = nx.spring_layout(part, seed=SEED, weight="weight", scale=radius, center=centre)
        positions.update({node: placed[node] for node in nodes})
        if number:
            cursor_y -= 2 * radius + 0.1
    return positions


def _component(graph: nx.Graph, nodes: list[str]) -> nx.Graph:
    """A copy of one component with its nodes and edges in sorted order.

    `graph.subgraph` iterates in set order, which changes with Python's hash seed and would
    move the seeded layout from one run to the next.
    """
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_weighted_edges_from(
        sorted((min(u, v), max(u, v), w) for u, v, w in graph.subgraph(nodes).edges(data="weight"))
    )
    return part


def co_coordination_figure(graph: nx.Graph) -> Figure:
    """Actors linked by areas coordinated together, coloured by Louvain community."""
    figure = Figure(figsize=A4_LANDSCAPE, layout="constrained")
    title = "Co-coordination: actors that coordinated the same area in the same year"
    if graph.number_of_nodes() == 0:
        return _empty(figure, title, "No coordinator mandates with a year in the graph.")
    axes = figure.add_subplot()
    positions = layout(graph)
    segments = [(positions[u], positions[v]) for u, v in graph.edges]
    widths = [0.6 + 0.8 * w for _, _, w in graph.edges(data="weight")]
    axes.add_collection(LineCollection(segments, linewidths=widths, colors="#9a9a9a", zorder=1))
    nodes = list(graph.nodes)
    xy = np.array([positions[n] for n in nodes])
    strength = np.array([graph.nodes[n]["weighted_degree"] for n in nodes])
    axes.scatter(
        xy[:, 0],
        xy[:, 1],
        s=80 + 60 * strength,
        zorder=2,
        edgecolors="white",
        c=[colour(graph.nodes[n]["community"]) for n in nodes],
    )
    for node, (x, y) in zip(nodes, xy, strict=True):
        axes.annotate(
            graph.nodes[node]["code"],
            (x, y),
            fontsize=8,
            ha="center",
            va="center",
            xytext=(0, 11),
            textcoords="offset points",
            zorder=3,
        )
    figure.legend(
        handles=_community_legend(graph),
        loc="outside lower center",
        ncols=2,
        fontsize=7,
        title="Louvain communities (seed 42)",
        title_fontsize=8,
    )
    axes.set_title(title + "\nnode size: weighted degree; line width: shared area-years")
    axes.set_axis_off()
    axes.margins(0.08)
    return figure


def _community_legend(graph: nx.Graph) -> list[Patch]:
    groups: dict[int, list[str]] = defaultdict(list)
    for node, number in graph.nodes(data="community"):
        groups[number].append(graph.nodes[node]["code"])
    handles = []
    for number, codes in sorted(groups.items()):
        members = " ".join(sorted(codes))
        text = members if len(members) <= 60 else members[:57] + "..."
        handles.append(Patch(color=colour(number), label=f"{number}: {text}"))
    return handles


def timeline_figure(rows: list[dict[str, Any]]) -> Figure:
    """Who held which area in which year: one row per actor, grouped by area."""
    title = "Coordinator mandates per thematic area"
    held: dict[tuple[str, str], set[int]] = defaultdict(set)
    area_labels, actor_labels = {}, {}
    for row in rows:
        held[row["area"], row["actor"]].add(int(row["year"]))
        area_labels[row["area"]] = row["area_label"]
        actor_labels[row["actor"]] = f"{row['actor_label']} ({row['code']})"
    order = sorted(held, key=lambda key: (area_labels[key[0]], min(held[key]), key[1]))
    height = max(A4_PORTRAIT[1], 1.8 + ROW_INCHES * (len(order) + 2 * len(area_labels)))
    figure = Figure(figsize=(A4_PORTRAIT[0], height), layout="constrained")
    if not order:
        return _empty(figure, title, "No coordinator mandates with a year in the graph.")
    axes = figure.add_subplot()
    areas = sorted(area_labels, key=lambda area: area_labels[area])
    for row_number, (area, actor) in enumerate(order):
        bars = [(year - 0.42, 0.84) for year in sorted(held[area, actor])]
        axes.broken_barh(
            bars, (row_number - 0.38, 0.76), color=AREA_PALETTE[areas.index(area) % 10]
        )
    axes.set_yticks(range(len(order)), [actor_labels[actor] for _, actor in order], fontsize=7)
    axes.set_ylim(len(order) - 0.5, -0.5)
    _area_bands(axes, order, area_labels, areas)
    years = sorted({year for years in held.values() for year in years})
    if len(years) <= 25:
        axes.set_xticks(range(years[0], years[-1] + 1))
    axes.tick_params(axis="x", labelsize=8, labelrotation=90)
    axes.grid(axis="x", color="#dddddd", linewidth=0.5)
    axes.set_axisbelow(True)
    axes.set_xlabel("year (term year stated, else year of the meeting recorded)")
    axes.set_title(title)
    return figure


def _area_bands(axes: Any, order: list[tuple[str, str]], labels: dict, areas: list) -> None:
    """Shade each area's block of rows and name it on the right."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for number, (area, _) in enumerate(order):
        first.setdefault(area, number)
        last[area] = number
    for area in areas:
        axes.axhspan(
            first[area] - 0.5,
            last[area] + 0.5,
            color=colour(areas.index(area) + 1),
            alpha=0.08,
            linewidth=0,
        )
        axes.text(
            1.01,
            (first[area] + last[area]) / 2,
            labels[area],
            fontsize=7,
            va="center",
            ha="left",
            transform=axes.get_yaxis_transform(),
            wrap=True,
        )


def attendance_figure(rows: list[dict[str, Any]]) -> Figure:
    """Meetings attended (present or observer) per actor and year, as a heat map."""
    title = "Meetings attended per actor and year (present or observer)"
    counts = {(row["actor"], int(row["year"])): int(row["meetings"]) for row in rows}
    labels = {row["actor"]: f"{row['actor_label']} ({row['code']})" for row in rows}
    totals: dict[str, int] = defaultdict(int)
    for (actor, _), count in counts.items():
        totals[actor] += count
    actors = sorted(totals, key=lambda actor: (-totals[actor], labels[actor]))
    height = max(A4_PORTRAIT[1], 1.8 + ROW_INCHES * len(actors))
    figure = Figure(figsize=(A4_PORTRAIT[0], height), layout="constrained")
    if not actors:
        return _empty(figure, title, "No attendance records with a date in the graph.")
    years = sorted({year for _, year in counts})
    grid = np.array([[counts.get((a, y), 0) for y in years] for a in actors])
    axes = figure.add_subplot()
    image = axes.imshow(
        grid,
        aspect="auto",
        cmap="Blues",
        interpolation="nearest",
        vmin=0,
        vmax=max(1, int(grid.max())),
    )
    axes.set_yticks(range(len(actors)), [labels[a] for a in actors], fontsize=7)
    step = max(1, len(years) // 25)  # at most ~25 year labels, so they stay legible
    axes.set_xticks(
        range(0, len(years), step), [str(y) for y in years[::step]], fontsize=8, rotation=90
    )
    if len(years) <= 30:
        _annotate_cells(axes, grid)
    bar = figure.colorbar(image, ax=axes, shrink=0.4, label="meetings")
    bar.locator = MaxNLocator(integer=True)  # counts of meetings: no 0.2 ticks
    bar.update_ticks()
    axes.set_title(title)
    return figure


def _annotate_cells(axes: Any, grid: np.ndarray) -> None:
    darkest = max(1, int(grid.max()))
    for (row, column), count in np.ndenumerate(grid):
        if count:
            shade = "white" if count > darkest / 2 else "black"
            axes.text(column, row, str(count), ha="center", va="center", fontsize=6, color=shade)


def draw_all(
    co_coordination: nx.Graph, mandates: list[dict[str, Any]], attendance: list[dict[str, Any]]
) -> dict[str, bytes]:
    """The three figures as PNG bytes, keyed by their path under the output folder."""
    return {
        "figures/co-coordination.png": png_bytes(co_coordination_figure(co_coordination)),
        "figures/coordinator-timeline.png": png_bytes(timeline_figure(mandates)),
        "figures/attendance-by-year.png": png_bytes(attendance_figure(attendance)),
    }
