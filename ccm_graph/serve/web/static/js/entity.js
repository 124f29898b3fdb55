// Entity pages: what a State, person, area, article, meeting or document is, its facts in
// plain words, and one click from each fact to the sentence (and the rule) that gave it.
import { app, el, entityHref, getJSON, humanize, labelOf, labels, localName, naturalCompare, termNode } from "./dom.js";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const SKOS = "http://www.w3.org/2004/02/skos/core#";
const DCT = "http://purl.org/dc/terms/";
const CCM = "https://w3id.org/ccm-graph/ontology#";
const SCHEMA = "https://schema.org/";
// Property IRIs in the words a reader uses; properties listed as null are not shown.
const PROPERTY_WORDS = {
  [`${SKOS}prefLabel`]: "Name",
  [`${SKOS}altLabel`]: "Also called",
  [`${SKOS}notation`]: "Code",
  [`${SKOS}definition`]: "Definition",
  [`${SKOS}topConceptOf`]: null,
  [`${SKOS}inScheme`]: null,
  [`${SKOS}broader`]: "Part of",
  [`${RDF}type`]: null,
  "http://xmlns.com/foaf/0.1/name": "Name",
  "http://www.w3.org/2000/01/rdf-schema#label": "Label",
  "http://www.w3.org/2002/07/owl#sameAs": "Same as",
  [`${DCT}title`]: "Title",
  [`${DCT}identifier`]: "Identifier",
  [`${DCT}date`]: "Date",
  [`${DCT}source`]: "Source",
  [`${DCT}publisher`]: "Publisher",
  [`${DCT}language`]: "Language",
  [`${DCT}type`]: "Type of meeting",
  [`${SCHEMA}startDate`]: "First day",
  [`${SCHEMA}endDate`]: "Last day",
  [`${CCM}meetingType`]: "Type of meeting",
  [`${CCM}ordinal`]: "Number",
  [`${CCM}records`]: "Records",
  [`${CCM}convenedUnder`]: "Convened under the Presidency of",
  [`${CCM}text`]: "Text",
  [`${CCM}articleNumber`]: "Article number",
};

export async function entityPage(iri, params) {
  const page = await getJSON(`/api/entity?iri=${encodeURIComponent(iri)}`);
  Object.assign(labels, page.labels);
  document.title = `${page.label} · CCM graph`;
  const parts = [
    el("span", { class: "badge" }, page.kind_label || humanize(page.kind)),
    el("h1", {}, page.label),
    el("div", { class: "iri" }, page.iri),
  ];
  if (page.neighbours) parts.push(neighbourLinks(page.neighbours));
  parts.push(aboutList(page.about));
  if (page.text) parts.push(documentText(page.text, params.get("at")));
  page.sections.forEach((section, index) => {
    parts.push(el("h2", {}, section.title));
    if (page.kind === "area" && index === 0) parts.push(...coordinatorTimeline(section, page.evidence, page.recorded_years || []));
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

function propertyWords(iri) {
  return iri in PROPERTY_WORDS ? PROPERTY_WORDS[iri] : humanize(localName(iri)).replace(/^./, (c) => c.toUpperCase());
}

function aboutList(about) {
  const list = el("dl", { class: "about" });
  const seen = new Set();
  for (const row of about) {
    const words = propertyWords(row.p.value);
    const key = `${words} ${row.value.value}`;
    if (words === null || seen.has(key)) continue;
    seen.add(key);
    const value = row.value;
    const long = value.type === "literal" && value.value.length > 160;
    list.append(el("dt", {}, words), el("dd", {}, long ? el("div", { class: "long-text" }, value.value) : termNode(value)));
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

function cellText(term) {
  if (!term) return "";
  return term.type === "uri" ? labelOf(term.value) : term.value;
}

// Rows as a reader wants them: each shown once (a row read from several sentences keeps a
// source button for each), entities in natural order (Article 2 before Article 10, 9MSP
// before 12MSP) when the first column names them; dated rows keep their order.
function readableRows(section, keep) {
  const columns = visibleColumns(section.columns);
  const kept = new Map();
  for (const row of section.rows.filter(keep)) {
    const key = columns.map((c) => cellText(row[c])).join("\u0000");
    const first = kept.get(key);
    if (!first) {
      kept.set(key, { ...row, facts: row.fact ? [row.fact.value] : [] });
    } else if (row.fact && !first.facts.includes(row.fact.value)) {
      first.facts.push(row.fact.value);
    }
  }
  const rows = [...kept.values()];
  const first = columns[0];
  if (first && rows.length && rows.every((row) => row[first] && row[first].type === "uri")) {
    rows.sort((a, b) => naturalCompare(cellText(a[first]), cellText(b[first])));
  }
  return rows;
}

export function factTable(section, evidence, keep = () => true) {
  const columns = visibleColumns(section.columns);
  const rows = readableRows(section, keep);
  if (!rows.length) return el("p", { class: "empty" }, "Nothing recorded.");
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    columns.forEach((column, index) => {
      const cell = el("td", { "data-label": humanize(column) }, termNode(row[column]));
      const cellFact = row[`${column}_fact`];
      if (cellFact) cell.append(sourceButton(cellFact.value, evidence, tr, columns.length));
      if (index === columns.length - 1) for (const fact of row.facts) cell.append(sourceButton(fact, evidence, tr, columns.length));
      tr.append(cell);
    });
    body.append(tr);
  }
  return el("table", { class: "facts" },
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, humanize(c))))), body);
}

// One click shows where a fact comes from: the document, the quoted sentence, the rule.
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
  const name = source.title || source.doc || localName(source.document);
  const where = el("div", { class: "where" }, "From ",
    el("a", { href: entityHref(source.document, span ? `?at=${span}` : "") }, `document ${name}`),
    span ? `, characters ${source.start}–${source.end}` : "");
  return el("div", { class: "evidence" }, where,
    el("blockquote", { class: "quote" },
      el("span", { class: "context" }, source.prefix ? `…${source.prefix}` : ""),
      el("mark", {}, source.exact),
      el("span", { class: "context" }, source.suffix ? `${source.suffix}…` : "")),
    ruleLine(source));
}

// Which extraction rule read the sentence: its name, version and what it does.
function ruleLine(source) {
  if (!source.rule) return null;
  const name = source.rule_label || source.rule.replace(/.*\/rule\//, "");
  return el("div", { class: "rule" }, "Read by the rule ",
    el("strong", {}, name),
    source.rule_version ? ` (version ${source.rule_version})` : "",
    source.rule_description ? el("span", { class: "muted" }, `: ${source.rule_description}`) : "");
}

// A thematic area: a year-by-coordinator grid, then the mandates with their representatives.
// A year in which no document records any meeting says "no record": it is not a year in
// which nobody coordinated.
function coordinatorTimeline(section, evidence, recordedYears) {
  const rows = section.rows.filter((row) => row.year && row.coordinator);
  const years = [...new Set(rows.map((row) => Number(row.year.value)))].sort((a, b) => a - b);
  if (!years.length) return [factTable(section, evidence)];
  const recorded = new Set(recordedYears.map(Number));
  const span = [];
  for (let year = years[0]; year <= years[years.length - 1]; year += 1) span.push(year);
  const known = (year) => recorded.has(year) || years.includes(year);
  const who = [...new Set(rows.map((row) => row.coordinator.value))].sort((a, b) => naturalCompare(labelOf(a), labelOf(b)));
  const holding = new Set(rows.map((row) => `${row.coordinator.value} ${row.year.value}`));
  const cell = (iri, year) => {
    if (holding.has(`${iri} ${year}`)) {
      return el("td", { class: "on", title: `${labelOf(iri)}, ${year}` }, el("a", { href: entityHref(iri), "aria-label": `${labelOf(iri)}, ${year}` }));
    }
    return known(year) ? el("td") : el("td", { class: "no-record", title: `${year}: no record` }, "no record");
  };
  const grid = el("table", { "aria-label": "Coordinators by year" },
    el("thead", {}, el("tr", {}, el("th", {}, ""), span.map((year) => el("th", { class: known(year) ? null : "no-record" }, year)))),
    el("tbody", {}, who.map((iri) => el("tr", {},
      el("th", { class: "who" }, el("a", { href: entityHref(iri) }, labelOf(iri))),
      span.map((year) => cell(iri, year))))));
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
