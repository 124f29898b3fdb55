// The home page: who works on what, in lists by kind, and what the graph holds.
import { app, el, entityHref, getJSON, labels, naturalCompare } from "./dom.js";

const HOME_LISTS = [
  ["Thematic area", "Thematic areas: who coordinated them"],
  ["State", "States"],
  ["Organization", "Organizations"],
  ["Meeting", "Meetings"],
  ["Article", "Articles of the Convention"],
  ["Person", "People"],
];

export async function homePage() {
  const home = await getJSON("/api/home");
  for (const entries of Object.values(home.kinds)) for (const e of entries) labels[e.iri] = e.label;
  // Dated meetings by date, then those without a date in natural order (9MSP before 12MSP).
  const dated = home.meetings.filter((m) => m.date);
  const undated = home.meetings.filter((m) => !m.date).sort((a, b) => naturalCompare(a.label, b.label));
  const meetingsByDate = [...dated, ...undated].map((m) => ({ iri: m.iri, label: m.label }));
  const cards = HOME_LISTS.map(([kind, title]) => {
    const entries = kind === "Meeting" ? meetingsByDate : [...(home.kinds[kind] || [])].sort((a, b) => naturalCompare(a.label, b.label));
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
