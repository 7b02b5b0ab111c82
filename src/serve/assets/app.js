// newsidx page: search as you type, facets to filter by, and the article
// view. Talks only to this server's /api. Text from the index is always
// inserted as text nodes (textContent, append(string)), never parsed as HTML.
"use strict";

const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;

const $ = (id) => document.getElementById(id);

/** Makes an element; children are nodes or strings (inserted as text). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Appends `text` to `parent` with the byte ranges `ranges` (UTF-8, as the
 * API gives them) wrapped in <mark>. */
function appendHighlighted(parent, text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at || end > bytes.length || end <= start) continue;
    parent.append(decode(at, start), el("mark", {}, decode(start, end)));
    at = end;
  }
  parent.append(decode(at, bytes.length));
}

/** The words a hit highlighted, to mark them again in the article view. */
function highlightedWords(hit) {
  const bytes = new TextEncoder().encode(hit.snippet);
  const words = new Set();
  for (const [start, end] of hit.highlights || []) {
    words.add(new TextDecoder().decode(bytes.subarray(start, end)).toLowerCase());
  }
  return [...words];
}

// ---------------------------------------------------------------- access

// On a non-loopback address the API needs the token serve printed. The
// address it prints carries the token in the fragment (#token=...), which
// browsers never send to a server: keep it in this tab's sessionStorage,
// drop it from the address bar (and so from history and bookmarks), and
// send it with every API request.
const TOKEN_KEY = "newsidx-token";
let pageToken = null;
(function takeToken() {
  const match = /^#token=([!-~]+)$/.exec(location.hash);
  if (match) {
    pageToken = decodeURIComponent(match[1]);
    try {
      sessionStorage.setItem(TOKEN_KEY, pageToken);
    } catch (_) {
      // Storage is off: the token lasts as long as this page.
    }
    history.replaceState(null, "", location.pathname + location.search);
  }
})();

/** Headers of an API request: JSON, and the access token if there is one. */
function apiHeaders() {
  const headers = { Accept: "application/json" };
  let token = pageToken;
  try {
    token = token || sessionStorage.getItem(TOKEN_KEY);
  } catch (_) {
    // Storage is off.
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

const day = (date) => (date ? date.slice(0, 10) : null);
const basename = (path) => path.split(/[\\/]/).pop();

// ---------------------------------------------------------------- search

const state = {
  q: "",
  speakers: [],
  sources: [],
  since: "",
  until: "",
  shown: 0,
};
let inFlight = null;
let debounceTimer = null;

function readState(params) {
  state.q = params.get("q") || "";
  state.speakers = params.getAll("speaker").filter(Boolean);
  state.sources = params.getAll("source").filter(Boolean);
  state.since = params.get("since") || "";
  state.until = params.get("until") || "";
}

/** The search as URL parameters (for the page's address and the API). */
function stateParams() {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q);
  for (const s of state.speakers) params.append("speaker", s);
  for (const s of state.sources) params.append("source", s);
  if (state.since) params.set("since", state.since);
  if (state.until) params.set("until", state.until);
  return params;
}

function syncForm() {
  $("q").value = state.q;
  $("since").value = state.since;
  $("until").value = state.until;
}

function scheduleSearch() {
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => runSearch(false), DEBOUNCE_MS);
}

async function runSearch(append) {
  clearTimeout(debounceTimer);
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const page = stateParams();
  const address = page.toString() ? `/?${page}` : "/";
  if (!append && location.pathname + location.search !== address) {
    history.replaceState(null, "", address);
  }
  const params = stateParams();
  params.set("limit", String(PAGE_SIZE));
  params.set("offset", String(append ? state.shown : 0));
  if (append) params.set("facets", "false");
  document.body.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(`/api/search?${params}`, {
      signal: controller.signal,
      headers: apiHeaders(),
    });
    const body = await response.json();
    if (controller !== inFlight) return;
    if (!response.ok) {
      showError(body.error || `The server answered ${response.status}.`);
      return;
    }
    showError(null);
    renderResults(body, append);
    if (!append) renderFacets(body.facets);
    renderChosen();
  } catch (error) {
    if (error.name === "AbortError") return;
    showError(`The server did not answer (${error.message}). Is newsidx serve still running?`);
  } finally {
    if (controller === inFlight) {
      inFlight = null;
      document.body.removeAttribute("aria-busy");
    }
  }
}

function showError(message) {
  const box = $("error");
  box.hidden = !message;
  box.textContent = message || "";
  if (message) {
    $("status").textContent = "";
    $("hits").replaceChildren();
    $("more").hidden = true;
  }
}

function articleHref(hit) {
  const params = new URLSearchParams({ id: hit.article_id, passage: String(hit.passage) });
  for (const word of highlightedWords(hit)) params.append("hl", word);
  const back = stateParams().toString();
  if (back) params.set("back", back);
  return `/article?${params}`;
}

function hitItem(hit) {
  const title = hit.title || basename(hit.path);
  const meta = el("p", { class: "meta" });
  const parts = [hit.source, day(hit.date)].filter(Boolean);
  if (hit.heading) parts.push(hit.heading);
  meta.append(parts.join(" · "));
  if (hit.speakers.length) {
    if (parts.length) meta.append(" · ");
    meta.append(el("span", { class: "speakers" }, hit.speakers.join(", ")));
  }
  const snippet = el("p", { class: "snippet" });
  appendHighlighted(snippet, hit.snippet, hit.highlights);
  const where = el("p", { class: "where" }, `${basename(hit.path)}:${hit.line}`);
  return el(
    "li",
    { class: "hit" },
    el("h3", {}, el("a", { href: articleHref(hit) }, title)),
    meta,
    snippet,
    where,
    copiesOf(hit),
  );
}

/** The other articles that carry the same passage (when the server folds
 * copies into one result), each linking to its article. */
function copiesOf(hit) {
  const also = Array.isArray(hit.also) ? hit.also : [];
  const others = (hit.articles || 1) - 1;
  if (others < 1) return null;
  const noun = others === 1 ? "article" : "articles";
  const list = el("ul", { class: "also" });
  for (const copy of also) {
    const label = [copy.source, day(copy.date), copy.title || basename(copy.path)].filter(Boolean);
    const href = articleHref({ ...copy, snippet: hit.snippet, highlights: [] });
    list.append(el("li", {}, el("a", { href }, label.join(" · "))));
  }
  const more = others - also.length;
  if (more > 0) list.append(el("li", {}, `and ${more} more`));
  return el("details", { class: "copies" }, el("summary", {}, `Also in ${others} other ${noun}`), list);
}

function renderResults(body, append) {
  const list = $("hits");
  if (!append) {
    list.replaceChildren();
    state.shown = 0;
  }
  list.append(...body.hits.map(hitItem));
  state.shown += body.hits.length;
  const filtered = state.speakers.length || state.sources.length || state.since || state.until;
  // With copies folded, results are groups of copies of one passage.
  const results = typeof body.groups === "number" ? body.groups : body.total;
  let status;
  if (body.total === 0) {
    status = filtered
      ? "No passages match. Try fewer words, or remove a filter."
      : "No passages match. Try fewer words.";
  } else {
    const noun = results === 1 ? "passage" : "passages";
    const more = body.total - results;
    const copies = more > 0 ? `, ${more} more ${more === 1 ? "copy" : "copies"} folded in` : "";
    const what = state.q.trim() ? "" : ", newest first";
    status = `${state.shown} of ${results} ${noun}${copies}${what}`;
  }
  $("status").textContent = status;
  $("more").hidden = state.shown >= results;
}

/** One facet list: the chosen names first (even with no passages left),
 * then the counted ones; each a toggle button. */
function renderFacet(listId, counts, chosen, key) {
  const list = $(listId);
  const values = (counts && counts.values) || [];
  const byName = new Map(values.map((v) => [v.name, v.passages]));
  const names = [...chosen, ...values.map((v) => v.name).filter((n) => !chosen.includes(n))];
  if (names.length === 0) {
    list.replaceChildren(el("li", { class: "none" }, "none in these results"));
    return;
  }
  list.replaceChildren(
    ...names.map((name) => {
      const pressed = chosen.includes(name);
      const button = el(
        "button",
        {
          type: "button",
          class: "facet",
          "aria-pressed": pressed ? "true" : "false",
          "data-name": name,
        },
        el("span", { class: "name" }, name),
        el("span", { class: "count" }, String(byName.get(name) || 0)),
      );
      button.addEventListener("click", () => toggle(key, name));
      return el("li", {}, button);
    }),
  );
}

function renderFacets(facets) {
  renderFacet("speaker-facets", facets && facets.speakers, state.speakers, "speakers");
  renderFacet("source-facets", facets && facets.sources, state.sources, "sources");
}

/** The filters in use, each removable. */
function renderChosen() {
  const chips = [];
  const chip = (label, remove) => {
    const button = el("button", { type: "button", class: "chip", "aria-label": `Remove filter ${label}` }, label, " ×");
    button.addEventListener("click", remove);
    chips.push(el("li", {}, button));
  };
  for (const name of state.speakers) chip(`speaker: ${name}`, () => toggle("speakers", name));
  for (const name of state.sources) chip(`source: ${name}`, () => toggle("sources", name));
  if (state.since) chip(`from ${state.since}`, () => setDate("since", ""));
  if (state.until) chip(`to ${state.until}`, () => setDate("until", ""));
  $("chosen").replaceChildren(...chips);
}

function toggle(key, name) {
  const list = state[key];
  const at = list.indexOf(name);
  if (at >= 0) list.splice(at, 1);
  else list.push(name);
  runSearch(false).then(() => {
    // Keep keyboard focus on the button that was pressed (the list was redrawn).
    const listId = key === "speakers" ? "speaker-facets" : "source-facets";
    for (const button of $(listId).querySelectorAll("button")) {
      if (button.dataset.name === name) button.focus();
    }
  });
}

function setDate(key, value) {
  state[key] = value;
  $(key).value = value;
  runSearch(false);
}

function startSearchView() {
  $("search-view").hidden = false;
  $("article-view").hidden = true;
  readState(new URLSearchParams(location.search));
  syncForm();
  if (window.matchMedia("(max-width: 48em)").matches) $("filters").open = false;

  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runSearch(false);
  });
  $("q").addEventListener("input", () => {
    state.q = $("q").value;
    scheduleSearch();
  });
  for (const key of ["since", "until"]) {
    $(key).addEventListener("change", () => setDate(key, $(key).value));
  }
  $("clear").addEventListener("click", () => {
    Object.assign(state, { q: "", speakers: [], sources: [], since: "", until: "" });
    syncForm();
    runSearch(false);
    $("q").focus();
  });
  $("more").addEventListener("click", () => runSearch(true));
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      $("q").focus();
      $("q").select();
    } else if (event.key === "Escape" && document.activeElement === $("q") && $("q").value) {
      $("q").value = "";
      state.q = "";
      runSearch(false);
    }
  });
  $("q").focus();
  runSearch(false);
}

// --------------------------------------------------------------- article

/** Marks whole-word, case-insensitive occurrences of `words` in `text`. */
function appendWithWords(parent, text, words) {
  const wanted = words.filter((w) => w.trim());
  if (!wanted.length) {
    parent.append(text);
    return;
  }
  const escaped = wanted.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})(?![\\p{L}\\p{N}])`, "giu");
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    parent.append(text.slice(at, match.index), el("mark", {}, match[0]));
    at = match.index + match[0].length;
  }
  parent.append(text.slice(at));
}

async function startArticleView() {
  $("search-view").hidden = true;
  $("article-view").hidden = false;
  $("search-form").hidden = true;
  const params = new URLSearchParams(location.search);
  const id = params.get("id") || "";
  const current = Number(params.get("passage"));
  const words = params.getAll("hl");
  const back = params.get("back");
  $("back").href = back ? `/?${new URLSearchParams(back)}` : "/";
  try {
    const response = await fetch(`/api/articles/${encodeURIComponent(id)}`, {
      headers: apiHeaders(),
    });
    const body = await response.json();
    if (!response.ok) {
      $("article-error").hidden = false;
      $("article-error").textContent = body.error || `The server answered ${response.status}.`;
      return;
    }
    renderArticle(body, current, words);
  } catch (error) {
    $("article-error").hidden = false;
    $("article-error").textContent = `The server did not answer (${error.message}).`;
  }
}

function renderArticle(article, current, words) {
  const title = article.title || basename(article.path);
  document.title = `${title} – newsidx`;
  $("article-title").textContent = title;
  const meta = $("article-meta");
  const parts = [article.source, article.author && `by ${article.author}`, day(article.date)];
  meta.append(parts.filter(Boolean).join(" · "));
  meta.append(el("br"), el("span", { class: "where" }, article.path));
  if (article.url && /^https?:\/\//i.test(article.url)) {
    meta.append(el("br"), el("a", { href: article.url, rel: "noreferrer noopener" }, article.url));
  }
  const passages = $("passages");
  let heading = null;
  let target = null;
  for (const p of article.passages) {
    if (p.heading && p.heading !== heading) {
      heading = p.heading;
      passages.append(el("h2", { class: "section" }, heading));
    }
    const isCurrent = p.passage === current;
    const block = el("div", {
      class: isCurrent ? "passage current" : "passage",
      id: `p${p.passage}`,
      tabindex: isCurrent ? "-1" : null,
      "aria-current": isCurrent ? "true" : null,
    });
    const text = el("p", {});
    if (isCurrent) appendWithWords(text, p.text, words);
    else text.append(p.text);
    block.append(text);
    if (p.speakers.length) {
      block.append(el("p", { class: "speakers" }, `Speaking: ${p.speakers.join(", ")}`));
    }
    passages.append(block);
    if (isCurrent) target = block;
  }
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}

// ------------------------------------------------------------------ start

if (location.pathname === "/article") {
  startArticleView();
} else {
  startSearchView();
}
