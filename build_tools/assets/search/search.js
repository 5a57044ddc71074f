// The header search box of the guide: Pagefind (Dutch stemming, filters, chunked index).
// Markup: overrides/partials/search.html. Opens with Material's search toggle (#__search),
// loads Pagefind only when the box is first used, and only the index chunks a query needs.
// The address holds the search: ?q=…&thema=… (any filter name) opens the box with those
// results, and typing or filtering updates the address (history.replaceState), so a search
// can be shared. Without JavaScript the form submits to zoeken/ and the box shows the
// overviews (.wg-search__nojs in the partial; hidden here by marking the box ready).
// What a first search downloads is kept small: the filter index is loaded only when the
// filter panel is opened (or the address holds a filter), and the fragments (the pages'
// text, for titles and excerpts) only of the results shown, five at a time.
// Ranking and excerpt length: options.js; the excerpt from the page's own text: excerpt.js (both
// shared with the search benchmark).

import { pageExcerpt } from "./excerpt.js";
import { PAGEFIND_OPTIONS } from "./options.js";

const PAGE_SIZE = 5;
// A search starts this long after the last keystroke (as Pagefind's own interface waits): a
// search per keystroke would fetch the index chunks of every prefix typed on the way ("b", "be" …).
const SEARCH_DELAY = 300;
const FILTER_ORDER = ["soort", "thema", "plaats", "organisatie"];
const TYPE_ORDER = [
  "Hoofdstuk", "Les", "Dilemma", "Praktijkvoorbeeld", "Citaat", "Thema", "Plaats", "Organisatie", "Bron",
];
const EMPTY_HINT = "Typ een zoekvraag of kies een filter.";

let enginePromise = null;

function engine(box) {
  if (!enginePromise) {
    const root = new URL((box.dataset.wgBase || ".").replace(/\/?$/, "/"), window.location.href);
    const url = new URL("pagefind/pagefind.js", root).href;
    enginePromise = import(url).then(async (pagefind) => {
      await pagefind.options({ ...PAGEFIND_OPTIONS, baseUrl: root.pathname, noWorker: true });
      await pagefind.init();
      return pagefind;
    });
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

// Pagefind's excerpts are escaped text with <mark> around hits; keep only those tags.
// An excerpt cut out of a sentence says so with an ellipsis at the cut.
function safeExcerpt(html) {
  let out = String(html || "").replace(/<(?!\/?mark>)[^>]*>/g, "").trim();
  const text = out.replace(/<\/?mark>/g, "");
  if (!text) return "";
  if (/^[a-zà-ÿ0-9,;:)]/.test(text)) out = "… " + out;
  if (!/[.!?…”’"')]$/.test(text)) out += " …";
  return out;
}

// The search in the address: the query and the filters of ?q=…&thema=…
function addressSearch(names) {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of names) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return { query: (params.get("q") || "").trim(), filters };
}

function showInAddress(query, filters, names) {
  const url = new URL(window.location.href);
  url.searchParams.delete("q");
  for (const name of names) url.searchParams.delete(name);
  if (query) url.searchParams.set("q", query);
  for (const name of names) if (filters[name]) url.searchParams.set(name, filters[name]);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
}

function setup(box) {
  if (box.dataset.wgReady) return;
  box.dataset.wgReady = "1";
  const toggle = document.getElementById("__search");
  const form = box.querySelector("[data-wg-search-form]");
  const input = box.querySelector("[data-wg-search-input]");
  const status = box.querySelector("[data-wg-search-status]");
  const list = box.querySelector("[data-wg-search-results]");
  const more = box.querySelector("[data-wg-search-more]");
  const clear = box.querySelector("[data-wg-search-clear]");
  // An older overrides/partials/search.html has no panel: its filters are always shown, so load them on opening.
  const panel = box.querySelector("[data-wg-search-panel]");
  const summary = panel && panel.querySelector("summary");
  const selects = Object.fromEntries(
    [...box.querySelectorAll("[data-wg-filter]")].map((el) => [el.dataset.wgFilter, el]),
  );
  const labels = Object.fromEntries(
    Object.entries(selects).map(([name, el]) => [name, el.options[0].textContent]),
  );
  let results = [];
  let resultsQuery = ""; // the query the results answer
  let shown = 0;
  let serial = 0;
  let timer = 0;
  let allCounts = null;
  let quiet = false; // focus moved back to the box by Escape: do not reopen
  let pending = {}; // filter values from the address, set once the filter lists are filled
  const names = Object.keys(selects);

  function open() {
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    box.classList.add("wg-search--open");
    if (!panel) loadFilters();
  }

  function close() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    box.classList.remove("wg-search--open");
  }

  // The filter panel opened: load the filter index (once), then show the lists with their
  // counts, within the current results when there is a query.
  async function loadFilters() {
    if (allCounts) return true;
    try {
      const pagefind = await engine(box);
      allCounts = await pagefind.filters();
    } catch (error) {
      status.textContent = "Zoeken is niet beschikbaar: de zoekindex kon niet worden geladen.";
      return false;
    }
    if (activeQuery()) {
      await run();
    } else {
      fillFilters(allCounts);
    }
    return true;
  }

  function activeQuery() {
    return input.value.trim();
  }

  function activeFilters() {
    const out = {};
    for (const [name, el] of Object.entries(selects)) if (el.value) out[name] = el.value;
    return out;
  }

  function fillFilters(counts) {
    for (const name of FILTER_ORDER) {
      const el = selects[name];
      if (!el) continue;
      const current = pending[name] || el.value;
      const values = Object.entries(counts[name] || {}).filter(([value, n]) => n > 0 || value === current);
      if (name === "soort") {
        values.sort((a, b) => TYPE_ORDER.indexOf(a[0]) - TYPE_ORDER.indexOf(b[0]));
      } else {
        values.sort((a, b) => a[0].localeCompare(b[0], "nl"));
      }
      const options = [new Option(labels[name], "")];
      for (const [value, n] of values) options.push(new Option(`${value} (${n})`, value));
      el.replaceChildren(...options);
      el.value = current;
    }
    pending = {};
    clear.hidden = !Object.keys(activeFilters()).length;
    showChosen();
  }

  // The panel's summary says how many filters are on, also while it is closed.
  function showChosen() {
    if (!summary) return;
    const chosen = Object.keys(activeFilters()).length;
    summary.textContent = chosen ? `Filters (${chosen} gekozen)` : "Filters";
  }

  async function run() {
    const mine = ++serial;
    const query = activeQuery();
    const filters = activeFilters();
    clear.hidden = !Object.keys(filters).length;
    showChosen();
    showInAddress(query, filters, names);
    if (!query && !Object.keys(filters).length) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = EMPTY_HINT;
      if (allCounts) fillFilters(allCounts);
      return;
    }
    let pagefind;
    try {
      pagefind = await engine(box);
    } catch (error) {
      status.textContent = "Zoeken is niet beschikbaar: de zoekindex kon niet worden geladen.";
      return;
    }
    const search = await pagefind.search(query || null, { filters });
    if (mine !== serial || !search) return;
    results = search.results;
    resultsQuery = query;
    shown = 0;
    list.replaceChildren();
    // Counts within the results once the filter index is loaded (the panel was opened).
    if (allCounts) fillFilters(search.filters || {});
    if (!results.length) {
      status.textContent = query ? `Geen resultaten voor ‘${query}’.` : "Geen resultaten met deze filters.";
      more.hidden = true;
      return;
    }
    await showMore(mine);
    if (mine !== serial) return;
    status.textContent = plural(results.length, "resultaat", "resultaten") + (query ? ` voor ‘${query}’.` : ".");
  }

  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (mine !== serial) return;
    for (const item of data) list.append(renderResult(item));
    shown += batch.length;
    more.hidden = shown >= results.length;
  }

  function renderResult(item) {
    const li = document.createElement("li");
    li.className = "wg-search__result md-search-result__item";
    const link = document.createElement("a");
    link.href = item.url;
    link.className = "wg-search__link";
    const type = document.createElement("span");
    type.className = "wg-search__type";
    type.textContent = (item.meta && item.meta.soort) || "Pagina";
    const title = document.createElement("span");
    title.className = "wg-search__title";
    title.textContent = (item.meta && item.meta.title) || item.url;
    const excerpt = document.createElement("span");
    excerpt.className = "wg-search__excerpt";
    excerpt.innerHTML = safeExcerpt(pageExcerpt(item, PAGEFIND_OPTIONS.excerptLength, resultsQuery));
    link.append(type, title, excerpt);
    li.append(link);
    return li;
  }

  // ?q=…&thema=…: open the box with the results of the address.
  async function fromAddress() {
    const wanted = addressSearch(names);
    if (!wanted.query && !Object.keys(wanted.filters).length) return;
    input.value = wanted.query;
    pending = wanted.filters;
    open();
    if (Object.keys(wanted.filters).length) {
      if (panel) panel.open = true; // its toggle event loads the filter index; the search waits for it
      try {
        const pagefind = await engine(box);
        allCounts = allCounts || (await pagefind.filters());
        fillFilters(allCounts);
      } catch (error) {
        status.textContent = "Zoeken is niet beschikbaar: de zoekindex kon niet worden geladen.";
        return;
      }
    }
    await run();
  }

  function links() {
    return [...list.querySelectorAll("a")];
  }

  input.addEventListener("focus", () => {
    if (!quiet) open();
    quiet = false;
  });
  input.addEventListener("click", open);
  input.addEventListener("input", () => {
    open();
    window.clearTimeout(timer);
    timer = window.setTimeout(run, SEARCH_DELAY);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    await run();
    const first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      run();
      input.focus();
    }, 0);
  });
  list.addEventListener("keydown", (event) => {
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });
  if (panel) {
    panel.addEventListener("toggle", () => {
      if (panel.open) loadFilters();
    });
  }
  for (const el of Object.values(selects)) el.addEventListener("change", () => { open(); run(); });
  clear.addEventListener("click", () => {
    for (const el of Object.values(selects)) el.value = "";
    run();
    selects.soort.focus();
  });
  more.addEventListener("click", () => showMore(serial));
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      quiet = document.activeElement !== input;
      input.focus();
    }
  });
  box.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
  });
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (toggle.checked && document.activeElement !== input && !box.contains(document.activeElement)) {
        input.focus();
      }
    });
  }
  fromAddress();
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      input.focus();
    }
  });
}

function setupAll() {
  for (const box of document.querySelectorAll("[data-wg-search]")) setup(box);
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(setupAll);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setupAll);
} else {
  setupAll();
}
