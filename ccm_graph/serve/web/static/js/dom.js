// Small helpers shared by every page: building elements, fetching JSON, labels, safe links.
// Nothing from the graph is ever parsed as HTML: text goes in as text nodes, and only
// http(s) IRIs become links (a javascript: or data: IRI stays plain text).

export const ID = "https://w3id.org/ccm-graph/id/";
export const app = document.getElementById("app");
export const labels = {};

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "href") {
      const safe = safeHref(value);
      if (safe) node.setAttribute("href", safe);
    } else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A link target we write ourselves (#/..., /...) or an http(s) URL; anything else is refused.
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  return /^https?:\/\//i.test(text) ? text : null;
}

export async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`);
  return response.json();
}

export function entityHref(iri, query = "") {
  return iri.startsWith(ID) ? `#/id/${iri.slice(ID.length)}${query}` : null;
}

export function labelOf(iri) {
  return labels[iri] || (iri.startsWith(ID) ? iri.slice(ID.length) : iri);
}

export function humanize(name) {
  return name.replace(/_/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

export function localName(iri) {
  return iri.replace(/.*[#/]/, "");
}

// Article 2 before Article 10, 9MSP before 12MSP.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
export const naturalCompare = (a, b) => collator.compare(a, b);

// A term of a SPARQL JSON result: a link to its page when the graph knows it, a link out when
// it is an http(s) IRI, else its text.
export function termNode(term) {
  if (!term) return "";
  if (term.type === "uri") {
    const href = entityHref(term.value);
    if (href) return el("a", { href }, labelOf(term.value));
    return safeHref(term.value) ? el("a", { href: term.value, rel: "noopener noreferrer" }, term.value) : term.value;
  }
  return term.value;
}

export function showError(error) {
  app.replaceChildren(el("h1", {}, "Something went wrong"), el("pre", { class: "error" }, String(error.message || error)));
}
