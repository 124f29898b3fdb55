// The search box: suggestions as you type, arrows to choose, Enter to open.
import { el, entityHref, getJSON } from "./dom.js";

export function startSearch(input, suggestions) {
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

  // Enter opens what the box says now: the chosen suggestion when the list on screen was
  // found for this very text, else the best match the server's resolver gives for it (typing
  // fast and pressing Enter must not open the suggestion of an older text).
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
  return { close: closeSuggestions, clear: () => { input.value = ""; closeSuggestions(); } };
}
