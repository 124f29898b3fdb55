"""One self-contained HTML page to explore the networks: opens from disk, loads nothing.

The layout is computed here (seeded spring layout) and embedded as JSON with the measures;
a small inline script draws SVG, searches nodes, shows tooltips and the per-year slices,
which reuse the layout of the whole network so that a node stays where it is across years.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from typing import Any

import networkx as nx

from ccm_graph.analysis.figures import PALETTE, layout

KIND_COLOURS = {
    "state": "#1f77b4",
    "organization": "#ff7f0e",
    "area": "#2ca02c",
    "meeting": "#9467bd",
    "person": "#d62728",
    "article": "#8c564b",
}
DESCRIPTIONS = {
    "actor-area": "Bipartite: actors and the thematic areas they coordinated; weight = years.",
    "co-coordination": "Actors that coordinated the same area in the same year.",
    "actor-meeting": "Bipartite: actors and the meetings they attended (present or observer).",
    "co-attendance": "Actors that attended the same meetings; weight = meetings shared.",
    "person-actor": "Bipartite: people and the actors they represented, with the years.",
    "actor-article": "Bipartite: actors and articles, by obligation events and areas coordinated.",
}
ID_NAMESPACE = "https://w3id.org/ccm-graph/id/"
MEASURE_KEYS = ("degree", "weighted_degree", "betweenness", "pagerank", "community")
EDGE_NOTES = ("years", "areas", "status", "events")


def _node_json(graph: nx.Graph, positions: dict) -> list[dict[str, Any]]:
    nodes = []
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": data["label"],
                "code": data["code"],
                "kind": data["kind"],
                "x": round(float(x), 4),
                "y": round(float(y), 4),
                **{key: data[key] for key in MEASURE_KEYS},
            }
        )
    return nodes


def _edge_json(graph: nx.Graph, index: dict[str, int]) -> list[list[Any]]:
    edges = []
    for u, v, data in graph.edges(data=True):
        note = "; ".join(f"{key} {data[key]}" for key in EDGE_NOTES if data.get(key))
        edges.append([index[u], index[v], data.get("weight", 1), note])
    return sorted(edges, key=lambda edge: (edge[0], edge[1]))


def _slice_json(graph: nx.Graph, index: dict[str, int]) -> dict[str, Any]:
    return {
        "nodes": {index[n]: [d[key] for key in MEASURE_KEYS] for n, d in graph.nodes(data=True)},
        "edges": sorted([index[u], index[v], w] for u, v, w in graph.edges(data="weight")),
    }


def page_data(
    networks: dict,
    slices: list[tuple[Any, int, nx.Graph]],
    positions: dict | None = None,
    explorer: str = "",
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-ready data (`positions`: each network's
    layout, computed here when not given; `explorer`: the address entity links go to)."""
    by_network: dict[str, dict[str, nx.Graph]] = defaultdict(dict)
    for name, year, graph in slices:
        by_network[str(name)][str(year)] = graph
    entries = []
    for name, graph in networks.items():
        index = {node: number for number, node in enumerate(graph.nodes)}
        entries.append(
            {
                "name": str(name),
                "description": DESCRIPTIONS.get(str(name), ""),
                "bipartite": any("bipartite" in d for _, d in graph.nodes(data=True)),
                "nodes": _node_json(graph, (positions or {}).get(name) or layout(graph)),
                "edges": _edge_json(graph, index),
                "years": {
                    year: _slice_json(part, index) for year, part in by_network[str(name)].items()
                },
            }
        )
    return {
        "networks": entries,
        "palette": PALETTE,
        "kinds": KIND_COLOURS,
        "explorer": explorer.rstrip("/") + "/" if explorer else "",
        "idNamespace": ID_NAMESPACE,
    }


def render(
    networks: dict,
    slices: list[tuple[Any, int, nx.Graph]],
    title: str = "",
    positions: dict | None = None,
    explorer: str = "",
) -> str:
    """The page as a string: data, style and script all inline."""
    data = json.dumps(
        page_data(networks, slices, positions, explorer), ensure_ascii=False, separators=(",", ":")
    )
    # "</" inside a <script> would end it early; the JSON escape keeps the text identical.
    data = data.replace("</", "<\\/")
    heading = html.escape(title or "CCM community networks")
    return TEMPLATE.replace("{{TITLE}}", heading).replace("{{DATA}}", data)


TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{TITLE}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 8px 16px; background: #f4f4f4; border-bottom: 1px solid #ccc; }
header h1 { font-size: 18px; margin: 0 0 6px; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.controls button { padding: 4px 8px; border: 1px solid #aaa; background: white; cursor: pointer; }
.controls button.active { background: #1f77b4; color: white; border-color: #1f77b4; }
main { display: flex; gap: 12px; padding: 8px 16px; }
#view { flex: 3; border: 1px solid #ddd; min-width: 400px; }
#side { flex: 2; max-height: 80vh; overflow: auto; }
svg { width: 100%; height: 78vh; background: white; }
line { stroke: #999; stroke-opacity: 0.5; }
circle { stroke: white; stroke-width: 1; cursor: pointer; }
text { font-size: 11px; pointer-events: none; fill: #222; }
.dim { opacity: 0.12; }
.hit { stroke: #000; stroke-width: 2.5; }
#tip { position: fixed; pointer-events: none; background: #fffff0; border: 1px solid #999;
       padding: 6px 8px; font-size: 12px; display: none; max-width: 340px; }
table { border-collapse: collapse; font-size: 12px; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 2px 4px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
tr:hover { background: #f0f6ff; cursor: pointer; }
#description { color: #555; margin: 4px 0; }
#legend { display: flex; flex-wrap: wrap; gap: 10px; margin: 4px 0; font-size: 12px; }
#legend span::before { content: ""; display: inline-block; width: 10px; height: 10px;
  border-radius: 5px; margin-right: 4px; background: var(--swatch); }
#yearShown { display: inline-block; min-width: 3em; font-weight: bold; }
#selected a { margin-left: 6px; }
</style>
</head>
<body>
<header>
<h1>{{TITLE}}</h1>
<div class="controls">
<span id="tabs"></span>
<label>year <input id="year" type="range" min="0" max="0" value="0" step="1"
  aria-label="year: all years, then one year at a time"></label>
<span id="yearShown">all</span><button id="play" type="button">play</button>
<input id="search" type="search" placeholder="search a State, organization, person..." size="32">
<span id="count"></span>
</div>
<div id="description"></div>
<div id="legend" aria-label="legend"></div>
<div id="selected"></div>
</header>
<main>
<div id="view"><svg id="svg" viewBox="0 0 1000 700"></svg></div>
<div id="side"><table><thead><tr><th>node</th><th>degree</th><th>weighted</th>
<th>betweenness</th><th>PageRank</th><th>community</th></tr></thead>
<tbody id="rows"></tbody></table></div>
</main>
<div id="tip"></div>
<script type="application/json" id="data">{{DATA}}</script>
<script>
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const SVG_NS = "http://www.w3.org/2000/svg";
const svg = document.getElementById("svg"), tip = document.getElementById("tip");
const search = document.getElementById("search"), yearSlider = document.getElementById("year");
let years = [], playing = null;
function currentYear() {
  const index = Number(yearSlider.value);
  return index === 0 ? "all" : years[index - 1];
}
function entityHref(n) {
  // The explorer of a running `ccm-graph serve` when one was named, else the IRI itself.
  return DATA.explorer ? DATA.explorer + "#/id/" + n.id : DATA.idNamespace + n.id;
}
let current = DATA.networks[0], circles = [], labels = [], lines = [];

function element(name, attributes) {
  const node = document.createElementNS(SVG_NS, name);
  for (const key in attributes) node.setAttribute(key, attributes[key]);
  return node;
}
function scale(nodes) {
  const xs = nodes.map(n => n.x), ys = nodes.map(n => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return n => [40 + 920 * (n.x - x0) / ((x1 - x0) || 1), 30 + 640 * (n.y - y0) / ((y1 - y0) || 1)];
}
function view() {
  // The whole network, or one year of it: the slice's nodes, edges and measures.
  const year = currentYear(), part = year === "all" ? null : current.years[year];
  const nodes = current.nodes.map((n, i) => {
    if (!part) return n;
    const m = part.nodes[i];
    return m ? Object.assign({}, n, {degree: m[0], weighted_degree: m[1], betweenness: m[2],
                                      pagerank: m[3], community: m[4]}) : null;
  });
  const edges = part ? part.edges : current.edges;
  return {nodes, edges};
}
function colour(n) {
  return current.bipartite ? (DATA.kinds[n.kind] || "#777")
                           : DATA.palette[(n.community - 1) % DATA.palette.length];
}
function draw() {
  svg.replaceChildren();
  const {nodes, edges} = view(), place = scale(current.nodes);
  const shown = nodes.filter(n => n), top = Math.max(...shown.map(n => n.pagerank), 1e-9);
  const ranked = shown.slice().sort((a, b) => b.pagerank - a.pagerank);
  const labelled = new Set(ranked.slice(0, 60).map(n => n.id));
  lines = edges.map(e => {
    const [x1, y1] = place(current.nodes[e[0]]), [x2, y2] = place(current.nodes[e[1]]);
    const line = element("line", {x1, y1, x2, y2, "stroke-width": Math.min(1 + e[2] * 0.6, 6)});
    const title = element("title", {});
    title.textContent = current.nodes[e[0]].label + " \\u2013 " + current.nodes[e[1]].label +
      ": weight " + e[2] + (e[3] ? " (" + e[3] + ")" : "");
    line.appendChild(title);
    line.dataset.ends = e[0] + " " + e[1];
    svg.appendChild(line);
    return line;
  });
  circles = []; labels = [];
  nodes.forEach((n, i) => {
    if (!n) return;
    const [x, y] = place(n);
    const circle = element("circle", {cx: x, cy: y, r: 3 + 14 * Math.sqrt(n.pagerank / top),
                                      fill: colour(n)});
    circle.dataset.index = i;
    circle.addEventListener("mousemove", event => showTip(event, n));
    circle.addEventListener("mouseleave", () => { tip.style.display = "none"; });
    circle.addEventListener("click", () => select(n));
    svg.appendChild(circle);
    circles.push([circle, n]);
    const text = element("text", {x: x + 6, y: y - 5});
    text.textContent = n.code;
    text.style.display = labelled.has(n.id) ? "" : "none";
    svg.appendChild(text);
    labels.push([text, n, labelled.has(n.id)]);
  });
  table(ranked);
  highlight();
}
function showTip(event, n) {
  tip.innerHTML = "";
  const rows = [["", n.label + " (" + n.kind + ")"], ["degree", n.degree],
    ["weighted degree", n.weighted_degree], ["betweenness", n.betweenness],
    ["PageRank", n.pagerank], ["community", n.community], ["id", n.id]];
  for (const [key, value] of rows) {
    const line = document.createElement("div");
    line.textContent = key ? key + ": " + value : value;
    if (!key) line.style.fontWeight = "bold";
    tip.appendChild(line);
  }
  tip.style.display = "block";
  tip.style.left = (event.clientX + 14) + "px";
  tip.style.top = (event.clientY + 10) + "px";
}
function matches(n, needle) {
  return !needle || (n.label + " " + n.code + " " + n.id).toLowerCase().includes(needle);
}
function highlight() {
  const needle = search.value.trim().toLowerCase();
  let found = 0;
  const hit = new Set();
  for (const [circle, n] of circles) {
    const ok = matches(n, needle);
    if (ok) { found += 1; hit.add(circle.dataset.index); }
    circle.classList.toggle("dim", !ok);
    circle.classList.toggle("hit", ok && needle !== "");
  }
  for (const [text, n, always] of labels) {
    const ok = matches(n, needle);
    text.style.display = (always && ok) || (needle && ok) ? "" : "none";
  }
  for (const line of lines) {
    const [a, b] = line.dataset.ends.split(" ");
    line.classList.toggle("dim", needle !== "" && !hit.has(a) && !hit.has(b));
  }
  for (const row of document.getElementById("rows").children) {
    row.style.display = matches(row.node, needle) ? "" : "none";
  }
  document.getElementById("count").textContent = circles.length + " nodes, " + lines.length +
    " edges" + (needle ? ", " + found + " found" : "");
}
function table(ranked) {
  const body = document.getElementById("rows");
  body.replaceChildren();
  for (const n of ranked) {
    const row = document.createElement("tr");
    const name = document.createElement("td"), link = document.createElement("a");
    link.href = entityHref(n);
    link.textContent = n.label;
    link.target = "_blank";
    link.rel = "noopener";
    link.addEventListener("click", event => event.stopPropagation());
    name.appendChild(link);
    row.appendChild(name);
    for (const value of [n.degree, n.weighted_degree, n.betweenness, n.pagerank, n.community]) {
      const cell = document.createElement("td");
      cell.textContent = value;
      row.appendChild(cell);
    }
    row.node = n;
    row.addEventListener("click", () => select(n));
    body.appendChild(row);
  }
}
function choose(network) {
  current = network;
  for (const button of document.getElementById("tabs").children) {
    button.classList.toggle("active", button.textContent === network.name);
  }
  document.getElementById("description").textContent = network.description;
  years = Object.keys(network.years).sort();
  yearSlider.max = String(years.length);
  yearSlider.value = "0";
  yearSlider.disabled = years.length === 0;
  document.getElementById("play").disabled = years.length === 0;
  showYear();
  legend();
  draw();
}
function showYear() {
  document.getElementById("yearShown").textContent = currentYear();
}
function legend() {
  // Bipartite networks are coloured by kind, the others by community (largest first).
  const box = document.getElementById("legend");
  box.replaceChildren();
  const entries = [];
  if (current.bipartite) {
    const kinds = [...new Set(current.nodes.map(n => n.kind))].sort();
    for (const kind of kinds) entries.push([DATA.kinds[kind] || "#777", kind]);
  } else {
    const sizes = new Map();
    for (const n of current.nodes) sizes.set(n.community, (sizes.get(n.community) || 0) + 1);
    const shown = [...sizes.keys()].sort((a, b) => a - b).slice(0, DATA.palette.length);
    for (const c of shown) {
      const members = current.nodes.filter(n => n.community === c)
        .sort((a, b) => b.pagerank - a.pagerank).slice(0, 3).map(n => n.code);
      entries.push([DATA.palette[(c - 1) % DATA.palette.length],
                    "community " + c + " (" + sizes.get(c) + "): " + members.join(", ")]);
    }
  }
  for (const [colour, text] of entries) {
    const item = document.createElement("span");
    item.style.setProperty("--swatch", colour);
    item.textContent = text;
    box.appendChild(item);
  }
}
function select(n) {
  search.value = n.label;
  highlight();
  const box = document.getElementById("selected");
  box.replaceChildren(document.createTextNode(n.label + " (" + n.kind + ")"));
  const link = document.createElement("a");
  link.href = entityHref(n);
  link.textContent = "open its page";
  link.target = "_blank";
  link.rel = "noopener";
  box.appendChild(link);
}
for (const network of DATA.networks) {
  const button = document.createElement("button");
  button.textContent = network.name;
  button.addEventListener("click", () => choose(network));
  document.getElementById("tabs").appendChild(button);
}
yearSlider.addEventListener("input", () => { showYear(); draw(); });
document.getElementById("play").addEventListener("click", () => {
  // Play the years one after another, as Gephi's timeline does with the GEXF files.
  if (playing) { clearInterval(playing); playing = null; return; }
  yearSlider.value = "0";
  playing = setInterval(() => {
    if (Number(yearSlider.value) >= years.length) {
      clearInterval(playing);
      playing = null;
      return;
    }
    yearSlider.value = String(Number(yearSlider.value) + 1);
    showYear();
    draw();
  }, 900);
});
search.addEventListener("input", highlight);
choose(DATA.networks.find(n => n.name === "co-coordination") || DATA.networks[0]);
</script>
</body>
</html>
"""
