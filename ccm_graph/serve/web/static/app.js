// The CCM graph explorer: plain JavaScript modules, nothing fetched from outside.
// Pages are routed by the URL hash: #/ (home), #/query/NAME, #/id/PATH (an entity of the graph).
import { app, el, ID, showError } from "./js/dom.js";
import { entityPage } from "./js/entity.js";
import { homePage } from "./js/home.js";
import { queryPage } from "./js/query.js";
import { startSearch } from "./js/search.js";

// A hash that is not valid percent-encoding is read as written, never thrown.
function decodedHash() {
  const hash = location.hash || "#/";
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}

async function route() {
  const [path, search] = decodedHash().split("?");
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

const search = startSearch(document.getElementById("search-input"), document.getElementById("suggestions"));
window.addEventListener("hashchange", () => {
  search.clear();
  route();
});
route();
