// The query page: YASGUI (vendored in /static/vendor, no CDN) on the local endpoint, with the
// named queries as examples, the graph's prefixes declared, the last query kept across visits
// (YASGUI's own local storage), a CSV download of what the editor holds, and the server's
// note when it cut a result.
import { app, el, getJSON } from "./dom.js";

const ENDPOINT = new URL("/sparql", location.href).href; // YASGUI needs an absolute URL
let namedQueries = null;
let yasgui = null;
let host = null;
const status = el("div", { id: "query-status" });
const download = el("a", { class: "button", id: "download-csv", download: "query.csv" }, "Download CSV");

const PREFIXES = {
  ccm: "https://w3id.org/ccm-graph/ontology#",
  id: "https://w3id.org/ccm-graph/id/",
  dcterms: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  opengov: "http://www.w3.org/ns/opengov#",
  org: "http://www.w3.org/ns/org#",
  prov: "http://www.w3.org/ns/prov#",
  schema: "https://schema.org/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  oa: "http://www.w3.org/ns/oa#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  owl: "http://www.w3.org/2002/07/owl#",
};

function tab() {
  return yasgui.getTab();
}

function editorText() {
  return tab().getYasqe().getValue();
}

function syncDownload() {
  download.setAttribute("href", `/sparql?format=csv&query=${encodeURIComponent(editorText())}`);
}

function makeYasgui(container) {
  const Yasgui = window.Yasgui;
  // Only autocompleters that need no outside service: the remote prefix and LOV lookups are off.
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  Yasgui.Yasqe.Autocompleters.prefixes.get = () => Object.entries(PREFIXES).map(([p, iri]) => `${p}: <${iri}>`);
  Yasgui.Yasr.defaults.prefixes = PREFIXES;
  const made = new Yasgui(container, {
    requestConfig: { endpoint: ENDPOINT, method: "POST", acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
    persistenceId: "ccm-graph-query",
    // YASGUI's own URL reading clears the hash our pages are routed by; a shared link's
    // ?query= is read by queryPage instead.
    populateFromUrl: false,
    yasqe: { value: "SELECT * WHERE { ?s ?p ?o } LIMIT 20" },
    yasr: { prefixes: PREFIXES },
  });
  made.on("tabSelect", () => setTimeout(syncDownload));
  return made;
}

// YASQE keeps a failed response's text but not its status: the status of the last /sparql
// answer is noted here so that the page can say "The endpoint answered 400".
let lastStatus = null;
const nativeFetch = window.fetch.bind(window);
window.fetch = async (input, init) => {
  const response = await nativeFetch(input, init);
  if (String(input && input.url ? input.url : input).includes("/sparql")) lastStatus = response.status;
  return response;
};

const watched = new WeakSet();
function watch(yasqe) {
  if (watched.has(yasqe)) return;
  watched.add(yasqe);
  yasqe.on("change", syncDownload);
  // whatever the argument order of this YASQE version: the response is the one with content
  yasqe.on("queryResponse", (...args) => reportResponse(args.find((a) => a instanceof Error || (a && "content" in a))));
}

function reportResponse(response) {
  if (!response) return;
  if (response instanceof Error || response.ok === false) {
    const text = response.content || response.message || String(response);
    status.replaceChildren(el("pre", { class: "error", role: "alert" }, `The endpoint answered ${lastStatus || "an error"}:\n${text}`));
    return;
  }
  const body = typeof response.content === "string" ? safeJSON(response.content) : null;
  const truncated = response.headers && response.headers.get && response.headers.get("x-rows-truncated") === "true";
  if (body && body.results) {
    const count = body.results.bindings.length;
    const cut = body.warning || (truncated ? "cut at the server's limit" : "");
    status.replaceChildren(el("p", { class: "row-count" }, `${count} row${count === 1 ? "" : "s"}`, cut ? ` (${cut})` : ""));
  } else if (body && "boolean" in body) {
    status.replaceChildren(el("p", { class: "answer" }, `Answer: ${body.boolean}`));
  } else {
    status.replaceChildren();
  }
}

function safeJSON(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// A failed query is shown by reportResponse; the rejected promise needs no other handling.
function run() {
  tab().getYasqe().query().catch(() => {});
}

export async function queryPage(name) {
  namedQueries = namedQueries || (await getJSON("/api/queries"));
  const chosen = namedQueries.find((q) => q.name === name) || null;
  if (!host) {
    host = el("div", { id: "yasgui" });
    yasgui = makeYasgui(host);
    watch(tab().getYasqe());
    yasgui.on("tabAdd", () => setTimeout(() => watch(tab().getYasqe())));
  }
  const list = el("ul", { class: "query-list" }, namedQueries.map((q) =>
    el("li", {}, el("a", { href: `#/query/${q.name}`, class: q.name === name ? "active" : null, title: q.description }, q.name))));
  app.replaceChildren(el("div", { class: "query-layout" },
    el("aside", {}, el("h2", {}, "Named queries"), list),
    el("section", {},
      el("h1", {}, chosen ? chosen.name : "Your query"),
      el("p", { class: "muted" }, chosen ? chosen.description : "Write SPARQL; it runs on the endpoint at /sparql. Ctrl+Enter runs it."),
      host,
      el("div", { class: "toolbar" },
        el("button", { type: "button", id: "run-query", onclick: run }, "Run"), download),
      status)));
  tab().getYasqe().refresh();
  if (chosen) {
    download.setAttribute("download", `${chosen.name}.csv`);
    tab().getYasqe().setValue(chosen.query);
    syncDownload();
    run();
  } else {
    const shared = new URLSearchParams(location.search).get("query");
    if (shared) tab().getYasqe().setValue(shared);
    syncDownload();
  }
}
