// The CCM graph explorer: plain JavaScript, no libraries, nothing fetched from outside.
// Pages are routed by the URL hash: #/ (home), #/query/NAME, #/id/PATH (an entity of the graph).
"use strict";

const ID = "https://w3id.org/ccm-graph/id/";
const app = document.getElementById("app");
const labels = {};
let namedQueries = null;

// --- small helpers -------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

function entityHref(iri, query = "") {
  return iri.startsWith(ID) ? `#/id/${iri.slice(ID.length)}${query}` : null;
}

function labelOf(iri) {
  return labels[iri] || (iri.startsWith(ID) ? iri.slice(ID.length) : iri);
}

function humanize(name) {
  return name.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

function localName(iri) {
  return iri.replace(/.*[#/]/, "");
}

// A term of a SPARQL JSON result: a link to its page when the graph knows it, else its text.
function termNode(term) {
  if (!term) return "";
  if (term.type === "uri") {
    const href = entityHref(term.value);
    return href ? el("a", { href }, labelOf(term.value)) : el("a", { href: term.value }, term.value);
  }
  return term.value;
}

function showError(error) {
  app.replaceChildren(el("h1", {}, "Something went wrong"), el("pre", { class: "error" }, String(error.message || error)));
}

// --- routing ----------------------------------------------------------------------------------

async function route() {
  const hash = decodeURIComponent(location.hash || "#/");
  const [path, search] = hash.split("?");
  const params = new URLSearchParams(search || "");
  window.scrollTo(0, 0);
  try {
    if (path === "#/" || path === "#") await homePage();
    else if (path.startsWith("#/query")) await queryPage(path.slice("#/query/".length));
    else if (path.startsWith("#/id/")) await entityPage(ID + path.slice("#/id/".length), params);
    else app.replaceChildren(el("h1", {}, "No such page"), el("a", { href: "#/" }, "Home"));
  } catch (error) {
    showError(error);
  }
}

// --- home ---------------------------------------------------------------------------------------

const HOME_LISTS = [
  ["Thematic area", "Thematic areas: who coordinated them"],
  ["State", "States"],
  ["Organization", "Organizations"],
  ["Meeting", "Meetings"],
  ["Article", "Articles of the Convention"],
  ["Person", "People"],
];

async function homePage() {
  const home = await getJSON("/api/home");
  for (const entries of Object.values(home.kinds)) for (const e of entries) labels[e.iri] = e.label;
  const meetingsByDate = home.meetings.map((m) => ({ iri: m.iri, label: m.label }));
  const cards = HOME_LISTS.map(([kind, title]) => {
    const entries = kind === "Meeting" ? meetingsByDate : home.kinds[kind] || [];
    return el("section", { class: "card", "data-kind": kind },
      el("h2", {}, title),
      el("ul", {}, entries.map((e) => el("li", {}, el("a", { href: entityHref(e.iri) }, e.label)))));
  });
  const summary = el("table", { class: "facts" },
    el("tbody", {}, home.summary.map((row) => el("tr", {}, el("td", {}, row.what), el("td", {}, row.count)))));
  app.replaceChildren(
    el("h1", {}, "Who works on what under the Convention on Cluster Munitions"),
    el("p", { class: "muted" },
      "Open a thematic area to see who coordinated it, year by year, and who represented them. ",
      "Every row has a source button that shows the sentence of the meeting record it was read from."),
    el("div", { class: "grid" }, cards),
    el("h2", {}, "What the graph holds"),
    summary,
  );
}

// --- entity pages ------------------------------------------------------------------------------

async function entityPage(iri, params) {
  const page = await getJSON(`/api/entity?iri=${encodeURIComponent(iri)}`);
  Object.assign(labels, page.labels);
  document.title = `${page.label} · CCM graph`;
  const parts = [
    el("span", { class: "badge" }, page.kind),
    el("h1", {}, page.label),
    el("div", { class: "iri" }, page.iri),
  ];
  if (page.neighbours) parts.push(neighbourLinks(page.neighbours));
  parts.push(aboutList(page.about));
  if (page.text) parts.push(documentText(page.text, params.get("at")));
  page.sections.forEach((section, index) => {
    parts.push(el("h2", {}, section.title));
    if (page.kind === "area" && index === 0) parts.push(...coordinatorTimeline(section, page.evidence));
    else parts.push(factTable(section, page.evidence));
  });
  app.replaceChildren(...parts);
  const marked = app.querySelector("pre.document mark");
  if (marked) marked.scrollIntoView({ block: "center" });
}

function neighbourLinks(neighbours) {
  const link = (meeting, arrow) =>
    meeting ? el("a", { href: entityHref(meeting.iri), rel: arrow === "←" ? "prev" : "next" },
      arrow === "←" ? `← previous: ${meeting.label}` : `next: ${meeting.label} →`) : el("span");
  return el("nav", { class: "neighbours" }, link(neighbours.previous, "←"), link(neighbours.next, "→"));
}

function aboutList(about) {
  const list = el("dl", { class: "about" });
  for (const row of about) {
    const name = localName(row.p.value);
    const value = row.value;
    const long = value.type === "literal" && value.value.length > 160;
    list.append(el("dt", {}, humanize(name)), el("dd", {}, long ? el("div", { class: "long-text" }, value.value) : termNode(value)));
  }
  return list;
}

function documentText(text, at) {
  const [start, end] = (at || "").split("-").map(Number);
  if (!(end > start)) return el("details", {}, el("summary", {}, "Full text of the document"), el("pre", { class: "document" }, text));
  return el("pre", { class: "document" }, text.slice(0, start), el("mark", {}, text.slice(start, end)), text.slice(end));
}

function visibleColumns(columns) {
  return columns.filter((c) => c !== "fact" && !c.endsWith("_fact"));
}

function factTable(section, evidence, keep = () => true) {
  const columns = visibleColumns(section.columns);
  const rows = section.rows.filter(keep);
  if (!rows.length) return el("p", { class: "empty" }, "Nothing recorded.");
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    columns.forEach((column, index) => {
      const cell = el("td", {}, termNode(row[column]));
      const cellFact = row[`${column}_fact`];
      if (cellFact) cell.append(sourceButton(cellFact.value, evidence, tr, columns.length));
      if (row.fact && index === columns.length - 1) cell.append(sourceButton(row.fact.value, evidence, tr, columns.length));
      tr.append(cell);
    });
    body.append(tr);
  }
  return el("table", { class: "facts" },
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, humanize(c))))), body);
}

// One click shows where a fact comes from: the document and the quoted sentence.
function sourceButton(fact, evidence, row, width) {
  const button = el("button", { class: "source", type: "button", "aria-expanded": "false", title: "Show the source sentence" }, "source");
  let shown = null;
  button.addEventListener("click", () => {
    if (shown) {
      shown.remove();
      shown = null;
      button.setAttribute("aria-expanded", "false");
      return;
    }
    shown = el("tr", { class: "evidence-row" }, el("td", { colspan: width }, evidenceBlock(evidence[fact], fact)));
    row.after(shown);
    button.setAttribute("aria-expanded", "true");
  });
  return button;
}

function evidenceBlock(source, fact) {
  if (!source) return el("span", { class: "empty" }, `No quoted source recorded for ${fact}`);
  const span = source.start !== undefined ? `${source.start}-${source.end}` : "";
  const where = el("div", { class: "where" }, "From ",
    el("a", { href: entityHref(source.document, span ? `?at=${span}` : "") }, `document ${source.doc || localName(source.document)}`),
    span ? `, characters ${source.start}–${source.end}` : "");
  return el("div", { class: "evidence" }, where,
    el("blockquote", { class: "quote" },
      el("span", { class: "context" }, source.prefix ? `…${source.prefix}` : ""),
      el("mark", {}, source.exact),
      el("span", { class: "context" }, source.suffix ? `${source.suffix}…` : "")));
}

// A thematic area: a year-by-coordinator grid, then the mandates with their representatives.
function coordinatorTimeline(section, evidence) {
  const rows = section.rows.filter((row) => row.year && row.coordinator);
  const years = [...new Set(rows.map((row) => Number(row.year.value)))].sort((a, b) => a - b);
  if (!years.length) return [factTable(section, evidence)];
  const span = [];
  for (let year = years[0]; year <= years[years.length - 1]; year += 1) span.push(year);
  const who = [...new Set(rows.map((row) => row.coordinator.value))];
  const holding = new Set(rows.map((row) => `${row.coordinator.value} ${row.year.value}`));
  const grid = el("table", { "aria-label": "Coordinators by year" },
    el("thead", {}, el("tr", {}, el("th", {}, ""), span.map((year) => el("th", {}, year)))),
    el("tbody", {}, who.map((iri) => el("tr", {},
      el("th", { class: "who" }, el("a", { href: entityHref(iri) }, labelOf(iri))),
      span.map((year) => holding.has(`${iri} ${year}`)
        ? el("td", { class: "on", title: `${labelOf(iri)}, ${year}` }, el("a", { href: entityHref(iri), "aria-label": `${labelOf(iri)}, ${year}` }))
        : el("td"))))));
  const holder = el("div");
  const select = el("select", { id: "since" }, el("option", { value: "" }, "all years"),
    span.map((year) => el("option", { value: year }, `${year} and later`)));
  const draw = () => {
    const since = Number(select.value || 0);
    holder.replaceChildren(factTable(section, evidence, (row) => !since || (row.year && Number(row.year.value) >= since)));
  };
  select.addEventListener("change", draw);
  draw();
  return [el("div", { class: "timeline" }, grid), el("div", { class: "filter" }, el("label", { for: "since" }, "Show "), select), holder];
}

// --- the query page ---------------------------------------------------------------------------

async function queryPage(name) {
  namedQueries = namedQueries || (await getJSON("/api/queries"));
  const chosen = namedQueries.find((q) => q.name === name) || null;
  const text = el("textarea", { id: "query-text", spellcheck: "false", "aria-label": "SPARQL query" });
  text.value = chosen ? chosen.query : "SELECT * WHERE { ?s ?p ?o } LIMIT 20";
  const results = el("div", { id: "results" });
  const download = el("a", { class: "button", id: "download-csv", download: `${name || "query"}.csv` }, "Download CSV");
  const syncDownload = () => download.setAttribute("href", `/sparql?format=csv&query=${encodeURIComponent(text.value)}`);
  text.addEventListener("input", syncDownload);
  syncDownload();
  const run = () => runQuery(text.value, results);
  const list = el("ul", { class: "query-list" }, namedQueries.map((q) =>
    el("li", {}, el("a", { href: `#/query/${q.name}`, class: q.name === name ? "active" : null, title: q.description }, q.name))));
  app.replaceChildren(el("div", { class: "query-layout" },
    el("aside", {}, el("h2", {}, "Named queries"), list),
    el("section", {},
      el("h1", {}, chosen ? chosen.name : "Your query"),
      el("p", { class: "muted" }, chosen ? chosen.description : "Write SPARQL; it runs on the endpoint at /sparql."),
      text,
      el("div", { class: "toolbar" }, el("button", { type: "button", id: "run-query", onclick: run }, "Run"), download,
        el("span", { class: "muted" }, "Ctrl+Enter runs the query")),
      results)));
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
  });
  if (chosen) await run();
}

async function runQuery(query, target) {
  target.replaceChildren(el("p", { class: "muted" }, "Running…"));
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) {
    target.replaceChildren(el("pre", { class: "error", role: "alert" }, `The endpoint answered ${response.status}:\n${await response.text()}`));
    return;
  }
  if (!(response.headers.get("content-type") || "").includes("json")) {
    target.replaceChildren(el("pre", { class: "document" }, await response.text()));
    return;
  }
  const data = await response.json();
  if ("boolean" in data) {
    target.replaceChildren(el("p", { class: "answer" }, `Answer: ${data.boolean}`));
    return;
  }
  const truncated = response.headers.get("x-rows-truncated") === "true";
  const limit = response.headers.get("x-row-limit");
  const count = data.results.bindings.length;
  target.replaceChildren(
    el("p", { class: "row-count" }, `${count} row${count === 1 ? "" : "s"}`,
      truncated ? ` (cut at the server's limit of ${limit} rows)` : ""),
    resultsTable(data.head.vars, data.results.bindings));
}

function resultsTable(variables, bindings) {
  return el("table", { class: "facts results" },
    el("thead", {}, el("tr", {}, variables.map((v) => el("th", {}, v)))),
    el("tbody", {}, bindings.map((row) => el("tr", {}, variables.map((v) => el("td", {}, termNode(row[v])))))));
}

// --- search with suggestions ------------------------------------------------------------------

const input = document.getElementById("search-input");
const suggestions = document.getElementById("suggestions");
let searchTimer = null;
let searchSerial = 0;
let suggestedFor = null; // the text the suggestions on screen were found for

function closeSuggestions() {
  suggestions.hidden = true;
  input.setAttribute("aria-expanded", "false");
}

async function suggest() {
  const serial = ++searchSerial;
  const text = input.value.trim();
  if (!text) return closeSuggestions();
  const found = await getJSON(`/api/search?q=${encodeURIComponent(text)}`);
  if (serial !== searchSerial) return; // a newer keystroke already asked
  suggestedFor = text;
  suggestions.replaceChildren(...(found.length ? found.map((entry, index) =>
    el("li", { role: "option", "aria-selected": index === 0 ? "true" : "false" },
      el("a", { href: entityHref(entry.iri) }, el("span", {}, entry.label), el("span", { class: "kind" }, entry.kind))))
    : [el("li", { class: "empty" }, el("a", {}, `Nothing is called “${text}”`))]));
  suggestions.hidden = false;
  input.setAttribute("aria-expanded", "true");
}

// Enter opens what the box says now: the chosen suggestion when the list on screen was found
// for this very text, else the best match the server's resolver gives for it (typing fast
// and pressing Enter must not open the suggestion of an older text).
async function openWhatTheBoxSays() {
  clearTimeout(searchTimer);
  const text = input.value.trim();
  if (!text) return;
  const chosen = suggestions.querySelector("li[aria-selected=true] a");
  if (chosen && !suggestions.hidden && suggestedFor === text) {
    location.hash = chosen.getAttribute("href");
    return;
  }
  const serial = ++searchSerial; // answers still on their way are for older text
  const found = await getJSON(`/api/search?q=${encodeURIComponent(text)}`);
  if (serial !== searchSerial || input.value.trim() !== text) return;
  const href = found.length ? entityHref(found[0].iri) : null;
  if (href) location.hash = href;
  else suggest();
}

function moveSelection(step) {
  const items = [...suggestions.querySelectorAll("li[role=option]")];
  if (!items.length) return;
  const current = items.findIndex((item) => item.getAttribute("aria-selected") === "true");
  const next = (current + step + items.length) % items.length;
  items.forEach((item, index) => item.setAttribute("aria-selected", index === next ? "true" : "false"));
}

input.addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(suggest, 120);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    moveSelection(event.key === "ArrowDown" ? 1 : -1);
  } else if (event.key === "Enter") {
    openWhatTheBoxSays();
  } else if (event.key === "Escape") {
    closeSuggestions();
  }
});
suggestions.addEventListener("click", () => closeSuggestions());
document.addEventListener("click", (event) => {
  if (!event.target.closest(".search")) closeSuggestions();
});
window.addEventListener("hashchange", () => {
  closeSuggestions();
  input.value = "";
  route();
});
route();
