// newsidx page: search as you type, facets, dates and a histogram to
// filter by, the article view and the speaker page. Talks only to this
// server's /api. Text from the index is always inserted as text nodes
// (textContent, append(string)), never parsed as HTML.
//
// Every state of the page is in its address: a search, its filters, sort
// and page push a history entry (typing replaces the entry it started), so
// Back and Forward step through them and any state can be bookmarked.
"use strict";

const PAGE_SIZE = 20;
const QUOTES_PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;
/** Delay before the loading indicator shows (fast answers never flash it). */
const LOADING_DELAY_MS = 120;
/** Results an export fetches at most, 100 per request. */
const EXPORT_MAX = 1000;
// The SVG namespace name (an identifier, never fetched), spelt in parts
// so that no address of another server appears in the page's code.
const SVG = ["http:", "", "www.w3.org", "2000", "svg"].join("/");

const $ = (id) => document.getElementById(id);

/** Makes an element; children are nodes or strings (inserted as text). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Makes an SVG element. */
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttributes(node, attrs);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function setAttributes(node, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
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

/** Lower case without accents, for filtering lists as people type. */
const fold = (text) =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

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

async function getJson(path, signal) {
  const response = await fetch(path, { signal, headers: apiHeaders() });
  const body = await response.json();
  return { ok: response.ok, status: response.status, body };
}

const day = (date) => (date ? date.slice(0, 10) : null);
const basename = (path) => path.split(/[\\/]/).pop();
/** A path as shown: relative paths whole, absolute ones by file name only
 * (a server's folders are not the reader's business). */
const shownPath = (path) => (/^([\\/]|[A-Za-z]:[\\/])/.test(path) ? basename(path) : path);
const isoDay = (date) => date.toISOString().slice(0, 10);
const onPhone = () => window.matchMedia("(max-width: 48em)").matches;

/** Follows Back to the page that opened this one when it is ours (so the
 * results come back as they were); else goes to `href`. */
function backLink(link, href) {
  link.href = href;
  link.addEventListener("click", (event) => {
    let fromHere = false;
    try {
      fromHere = new URL(document.referrer).origin === location.origin;
    } catch (_) {
      fromHere = false;
    }
    if (fromHere && history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });
}

function speakerHref(name) {
  return `/speaker?${new URLSearchParams({ name })}`;
}

/** Speaker names, each a link to their page. */
function speakerLinks(names) {
  const out = [];
  names.forEach((name, i) => {
    if (i) out.push(", ");
    out.push(el("a", { class: "speaker", href: speakerHref(name) }, name));
  });
  return out;
}

// ---------------------------------------------------------------- search

const state = {
  q: "",
  speakers: [],
  sources: [],
  // ISO 639-1 codes.
  langs: [],
  since: "",
  until: "",
  sort: "relevance",
  page: 1,
  // Facets listed in full ("show all", or a filter typed in their box).
  allFacets: { speakers: false, sources: false },
};
let lastFacets = null;
let lastResults = 0;
let inFlight = null;
let debounceTimer = null;
let loadingTimer = null;
// Typing pushes one history entry and then replaces it, until something
// else (a filter, a page, Enter) ends the typing.
let typing = false;
let pendingMode = "none";

function readState(params) {
  state.q = params.get("q") || "";
  state.speakers = params.getAll("speaker").filter(Boolean);
  state.sources = params.getAll("source").filter(Boolean);
  state.langs = params.getAll("lang").filter(Boolean);
  state.since = params.get("since") || "";
  state.until = params.get("until") || "";
  state.sort = params.get("sort") === "newest" ? "newest" : "relevance";
  const page = Number.parseInt(params.get("page") || "1", 10);
  state.page = Number.isFinite(page) && page > 1 ? page : 1;
}

/** The search as URL parameters (for the page's address and the API). */
function stateParams() {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q);
  for (const s of state.speakers) params.append("speaker", s);
  for (const s of state.sources) params.append("source", s);
  for (const l of state.langs) params.append("lang", l);
  if (state.since) params.set("since", state.since);
  if (state.until) params.set("until", state.until);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  return params;
}

/** The page's address for the current search on page `page`. */
function searchAddress(page = state.page) {
  const params = stateParams();
  if (page > 1) params.set("page", String(page));
  return params.toString() ? `/?${params}` : "/";
}

const here = () => location.pathname + location.search;

function syncForm() {
  $("q").value = state.q;
  $("since").value = state.since;
  $("until").value = state.until;
  $("sort").value = state.sort;
}

function scheduleSearch(mode) {
  if (mode === "push" || pendingMode === "none") pendingMode = mode;
  clearTimeout(debounceTimer);
  debounceTimer = setTimeout(() => {
    const m = pendingMode;
    pendingMode = "none";
    runSearch({ mode: m, typed: true });
  }, DEBOUNCE_MS);
}

/** A deliberate change (filter, sort, dates, page): a history entry of its
 * own, and typing after it starts a new one. */
function changeSearch(options = {}) {
  typing = false;
  pendingMode = "none";
  return runSearch({ mode: "push", ...options });
}

function setLoading(on) {
  clearTimeout(loadingTimer);
  if (on) {
    document.body.setAttribute("aria-busy", "true");
    loadingTimer = setTimeout(() => {
      $("loading").hidden = false;
    }, LOADING_DELAY_MS);
  } else {
    document.body.removeAttribute("aria-busy");
    $("loading").hidden = true;
  }
}

/** The API parameters of one page of the current search. */
function apiParams(offset, limit) {
  const params = stateParams();
  params.set("limit", String(limit));
  params.set("offset", String(offset));
  // Search as you type: the last word may be the start of a longer one.
  if (state.q.trim()) params.set("prefix", "true");
  return params;
}

/** Runs the current search. `mode` says what happens to the history:
 * "push" a new entry, "replace" the current one, "none" (it is already
 * there: a page load or Back/Forward). `typed`: the search box changed,
 * so a half-typed query is not an error yet. */
async function runSearch({ mode = "none", typed = false, after = null } = {}) {
  clearTimeout(debounceTimer);
  if (inFlight) inFlight.abort();
  const controller = new AbortController();
  inFlight = controller;
  const address = searchAddress();
  if (mode === "push" && here() !== address) history.pushState(null, "", address);
  else if (mode !== "none" && here() !== address) history.replaceState(null, "", address);
  const params = apiParams((state.page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (state.allFacets.speakers || state.allFacets.sources) params.set("facet_limit", "1000");
  setLoading(true);
  try {
    const { ok, status, body } = await getJson(`/api/search?${params}`, controller.signal);
    if (controller !== inFlight) return;
    if (!ok) {
      if (typed && body.parameter === "q") {
        // Half-typed ("a phrase not yet closed, a word cut short): keep
        // the last results and say so quietly.
        $("status").textContent = `Keep typing… (${body.error || "the query is not complete"})`;
        return;
      }
      showError(body.error || `The server answered ${status}.`);
      return;
    }
    showError(null);
    resolveSpeakers(body.speaker_names);
    renderResults(body);
    renderFacets(body.facets);
    renderTimeline(body.facets && body.facets.dates);
    renderChosen();
    renderHints(body);
    if (after) after();
  } catch (error) {
    if (error.name === "AbortError") return;
    showError(`The server did not answer (${error.message}). Is newsidx serve still running?`);
  } finally {
    if (controller === inFlight) {
      inFlight = null;
      setLoading(false);
    }
  }
}

/** `?speaker=blair` shows as the person it found, "Tony Blair", the way
 * `newsidx quotes` matches names; the address then names them too. */
function resolveSpeakers(resolved) {
  if (!Array.isArray(resolved)) return;
  let changed = false;
  for (const { given, names } of resolved) {
    const at = state.speakers.indexOf(given);
    if (at < 0 || !Array.isArray(names) || names.length !== 1 || names[0] === given) continue;
    if (state.speakers.includes(names[0])) state.speakers.splice(at, 1);
    else state.speakers[at] = names[0];
    changed = true;
  }
  if (changed && here() !== searchAddress()) history.replaceState(null, "", searchAddress());
}

function showError(message) {
  const box = $("error");
  box.hidden = !message;
  box.textContent = message || "";
  if (message) {
    $("status").textContent = "";
    $("hits").replaceChildren();
    $("pager").hidden = true;
  }
}

/** Why nothing matched, when the server can tell (`hints`). */
function renderHints(body) {
  const list = $("hints");
  const hints = Array.isArray(body.hints) ? body.hints : [];
  const text = (h) => (typeof h === "string" ? h : h && (h.message || h.text || h.hint)) || "";
  const items = hints.map(text).filter(Boolean);
  list.replaceChildren(...items.map((t) => el("li", {}, t)));
  list.hidden = items.length === 0;
}

function articleHref(hit) {
  const params = new URLSearchParams({ id: hit.article_id, passage: String(hit.passage) });
  for (const word of hit.snippet ? highlightedWords(hit) : []) params.append("hl", word);
  const back = searchAddress();
  if (back !== "/") params.set("back", back.slice(2));
  return `/article?${params}`;
}

/** "Outlet, date, “Title”, URL or path": how to cite a result. */
function citation(hit) {
  const title = hit.title || shownPath(hit.path);
  const where = hit.url || `${shownPath(hit.path)}:${hit.line}`;
  return [hit.source || "Unknown outlet", day(hit.date) || "undated", `“${title}”`, where].join(", ");
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    // No clipboard API here (or no permission): the selection way.
    const area = el("textarea", { class: "visually-hidden", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch (_) {
      done = false;
    }
    area.remove();
    return done;
  }
}

function citeButton(hit) {
  const note = el("span", { class: "cite-note", role: "status" });
  const button = el("button", { type: "button", class: "link cite" }, "Copy citation");
  button.addEventListener("click", async () => {
    const text = citation(hit);
    const copied = await copyText(text);
    note.textContent = copied ? "Copied" : `Copy this: ${text}`;
  });
  return el("span", { class: "cite-row" }, button, " ", note);
}

function hitItem(hit) {
  const title = hit.title || shownPath(hit.path);
  const meta = el("p", { class: "meta" });
  const parts = [hit.source, day(hit.date)].filter(Boolean);
  if (hit.heading) parts.push(hit.heading);
  meta.append(parts.join(" · "));
  if (hit.speakers.length) {
    if (parts.length) meta.append(" · ");
    meta.append(el("span", { class: "speakers" }, ...speakerLinks(hit.speakers)));
  }
  const snippet = el("p", { class: "snippet" });
  appendHighlighted(snippet, hit.snippet, hit.highlights);
  // The title's matched words are marked too (file names, shown when there
  // is no title, have none).
  const titleLink = el("a", { href: articleHref(hit) });
  appendHighlighted(titleLink, title, hit.title ? hit.title_highlights : []);
  const where = el("p", { class: "where" }, `${shownPath(hit.path)}:${hit.line}`, " · ", citeButton(hit));
  return el(
    "li",
    { class: "hit" },
    el("h3", {}, titleLink),
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
    const label = [copy.source, day(copy.date), copy.title || shownPath(copy.path)].filter(Boolean);
    const href = articleHref({ ...copy, snippet: hit.snippet, highlights: [] });
    list.append(el("li", {}, el("a", { href }, label.join(" · "))));
  }
  const more = others - also.length;
  if (more > 0) list.append(el("li", {}, `and ${more} more`));
  return el("details", { class: "copies" }, el("summary", {}, `Also in ${others} other ${noun}`), list);
}

function renderResults(body) {
  const list = $("hits");
  list.replaceChildren(...body.hits.map(hitItem));
  const offset = (state.page - 1) * PAGE_SIZE;
  const shown = offset + body.hits.length;
  const filtered = state.speakers.length || state.sources.length || state.langs.length
    || state.since || state.until;
  // With copies folded, results are groups of copies of one passage.
  const results = typeof body.groups === "number" ? body.groups : body.total;
  lastResults = results;
  let status;
  if (body.total === 0) {
    status = filtered
      ? "No passages match. Try fewer words, or remove a filter."
      : "No passages match. Try fewer words.";
  } else if (body.hits.length === 0) {
    status = `Page ${state.page} is past the last result (${body.groups_at_least ? "at least " : ""}${plural(results, "passage", "passages")}).`;
  } else {
    const noun = results === 1 ? "passage" : "passages";
    const more = body.total - results;
    // Past 1000 results the server counts no further (groups_at_least).
    const copies = more > 0 && !body.groups_at_least
      ? `, ${more} more ${more === 1 ? "copy" : "copies"} folded in` : "";
    const what = state.q.trim() && state.sort === "relevance" ? "" : ", newest first";
    const range = offset > 0 ? `${offset + 1}–${shown}` : String(shown);
    const of = body.groups_at_least ? `at least ${results}` : String(results);
    status = `${range} of ${of} ${noun}${copies}${what}`;
  }
  $("status").textContent = status;
  renderPager(results, body.groups_at_least === true && body.hits.length === PAGE_SIZE);
}

/** The pager for `results` results; `more`: there are results past the
 * counted ones, so the last counted page is not the last. */
function renderPager(results, more = false) {
  const pages = Math.max(1, Math.ceil(results / PAGE_SIZE));
  $("pager").hidden = pages <= 1 && state.page <= 1 && !more;
  $("page-of").textContent = more ? `Page ${state.page}` : `Page ${state.page} of ${pages}`;
  const prev = $("prev");
  const next = $("next");
  prev.hidden = state.page <= 1;
  next.hidden = state.page >= pages && !more;
  prev.href = searchAddress(state.page - 1);
  next.href = searchAddress(state.page + 1);
}

function goToPage(page) {
  state.page = page;
  changeSearch({
    after: () => {
      $("results").scrollIntoView({ block: "start" });
      $("results").focus({ preventScroll: true });
    },
  });
}

/** The elements of each facet: its list, and for long lists a filter box
 * and a "show all" button. */
const FACET_ELEMENTS = {
  speakers: { list: "speaker-facets", filter: "speaker-filter", all: "speaker-all" },
  sources: { list: "source-facets", filter: "source-filter", all: "source-all" },
  langs: { list: "lang-facets" },
};

const languageNames = typeof Intl.DisplayNames === "function"
  ? new Intl.DisplayNames(["en"], { type: "language" })
  : null;

/** "German (de)" for "de"; the code alone where the browser has no name. */
function languageName(code) {
  let name = null;
  try {
    name = languageNames && languageNames.of(code);
  } catch (_) {
    name = null;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** One facet list: the chosen names first (even with no passages left),
 * then the counted ones that pass the filter box; each a toggle button. */
function renderFacet(key, counts, chosen) {
  const ids = FACET_ELEMENTS[key];
  const list = $(ids.list);
  const values = (counts && counts.values) || [];
  const byName = new Map(values.map((v) => [v.name, v.passages]));
  const wanted = ids.filter ? fold($(ids.filter).value.trim()) : "";
  const label = key === "langs" ? languageName : (name) => name;
  const names = [...chosen, ...values.map((v) => v.name).filter((n) => !chosen.includes(n))]
    .filter((n) => !wanted || chosen.includes(n) || fold(n).includes(wanted));
  const distinct = (counts && counts.distinct) || 0;
  if (ids.all) {
    const all = $(ids.all);
    all.hidden = state.allFacets[key] || distinct <= values.length;
    all.textContent = `Show all ${distinct}`;
  }
  if (names.length === 0) {
    const none = wanted ? "no names match the filter" : "none in these results";
    list.replaceChildren(el("li", { class: "none" }, none));
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
        el("span", { class: "name" }, label(name)),
        el("span", { class: "count" }, String(byName.get(name) || 0)),
      );
      button.addEventListener("click", () => toggle(key, name));
      return el("li", {}, button);
    }),
  );
}

function renderFacets(facets) {
  if (facets) lastFacets = facets;
  renderFacet("speakers", lastFacets && lastFacets.speakers, state.speakers);
  renderFacet("sources", lastFacets && lastFacets.sources, state.sources);
  renderFacet("langs", lastFacets && lastFacets.languages, state.langs);
}

/** Lists every name of a facet (once), then filters them as typed. */
function showAllOf(key) {
  if (state.allFacets[key]) return;
  state.allFacets[key] = true;
  runSearch({ mode: "none" });
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
  for (const code of state.langs) chip(`language: ${languageName(code)}`, () => toggle("langs", code));
  if (state.since) chip(`from ${state.since}`, () => setDates(""));
  if (state.until) chip(`to ${state.until}`, () => setDates(state.since, ""));
  $("chosen").replaceChildren(...chips);
}

function toggle(key, name) {
  const list = state[key];
  const at = list.indexOf(name);
  if (at >= 0) list.splice(at, 1);
  else list.push(name);
  state.page = 1;
  const listId = FACET_ELEMENTS[key].list;
  const fromFacet = document.activeElement && document.activeElement.closest(`#${listId}`);
  changeSearch({
    after: () => {
      if (fromFacet && onPhone()) {
        // On a phone the results are below the filters: go to them.
        $("results").scrollIntoView({ block: "start" });
        $("results").focus({ preventScroll: true });
        return;
      }
      // Keep keyboard focus on the button that was pressed (the list was redrawn).
      for (const button of $(listId).querySelectorAll("button")) {
        if (button.dataset.name === name) button.focus();
      }
    },
  });
}

/** Sets the date range (`until` unchanged when not given). */
function setDates(since, until = state.until) {
  state.since = since;
  state.until = until;
  state.page = 1;
  $("since").value = since;
  $("until").value = until;
  changeSearch();
}

/** Matching passages per week or month as bars; dragging across them sets
 * the date range to the weeks or months covered. */
function renderTimeline(dates) {
  const box = $("timeline");
  const periods = (dates && dates.periods) || [];
  if (periods.length === 0) {
    box.replaceChildren(el("p", { class: "none" }, "no dated passages"));
    return;
  }
  const chart = barChart(periods, dates.unit, "passage", "passages");
  chart.classList.add("brushable");
  const bars = [...chart.querySelectorAll("rect.bar")];
  const mark = (from, to) => {
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    bars.forEach((bar, i) => bar.classList.toggle("brushed", i >= a && i <= b));
  };
  // Bars inside the range in use are shown as chosen.
  bars.forEach((bar, i) => {
    const p = periods[i];
    const inside = (!state.since || p.end >= state.since) && (!state.until || p.start <= state.until);
    bar.classList.toggle("chosen", Boolean((state.since || state.until) && inside));
  });
  const indexAt = (event) => {
    const rect = chart.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width - 1);
    return Math.floor((x / rect.width) * periods.length);
  };
  let from = null;
  chart.addEventListener("pointerdown", (event) => {
    from = indexAt(event);
    chart.setPointerCapture(event.pointerId);
    mark(from, from);
    event.preventDefault();
  });
  chart.addEventListener("pointermove", (event) => {
    if (from !== null) mark(from, indexAt(event));
  });
  chart.addEventListener("pointerup", (event) => {
    if (from === null) return;
    const to = indexAt(event);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    setDates(periods[a].start, periods[b].end);
  });
  chart.addEventListener("pointercancel", () => {
    from = null;
    mark(-1, -1);
  });
  box.replaceChildren(chart);
}

/** An inline SVG bar chart of `periods` (one bar each, scaled to the
 * largest), with each bar's period and count as its tooltip. */
function barChart(periods, unit, one, many) {
  const width = 300;
  const height = 80;
  const max = Math.max(1, ...periods.map((p) => p.count));
  const step = width / periods.length;
  const total = periods.reduce((sum, p) => sum + p.count, 0);
  const label = `${plural(total, one, many)} per ${unit}, ${periods[0].start} to ${periods[periods.length - 1].end}`;
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height + 14}`,
    preserveAspectRatio: "none",
    role: "img",
    "aria-label": label,
    class: "bars",
  });
  periods.forEach((p, i) => {
    const h = p.count ? Math.max(2, (p.count / max) * height) : 0;
    const when = unit === "week" ? `week of ${p.start}` : p.start.slice(0, 7);
    chart.append(
      svg("rect", { class: "slot", x: i * step, y: 0, width: step, height, "data-index": i }),
      svg(
        "rect",
        {
          class: "bar",
          x: i * step + step * 0.1,
          y: height - h,
          width: Math.max(1, step * 0.8),
          height: h,
          "data-start": p.start,
          "data-end": p.end,
          "data-count": p.count,
        },
        svg("title", {}, `${when}: ${plural(p.count, one, many)}`),
      ),
    );
  });
  const first = unit === "week" ? periods[0].start : periods[0].start.slice(0, 7);
  const lastPeriod = periods[periods.length - 1];
  const last = unit === "week" ? lastPeriod.start : lastPeriod.start.slice(0, 7);
  chart.append(
    svg("text", { x: 0, y: height + 12, class: "axis" }, first),
    svg("text", { x: width, y: height + 12, class: "axis", "text-anchor": "end" }, last),
  );
  return chart;
}

// ---------------------------------------------------------------- export

/** Every result of the current search (up to EXPORT_MAX), 100 a request. */
async function allResults() {
  const hits = [];
  let total = 0;
  for (let offset = 0; offset < EXPORT_MAX; offset += 100) {
    const params = apiParams(offset, 100);
    params.set("facets", "false");
    const { ok, body } = await getJson(`/api/search?${params}`);
    if (!ok) throw new Error(body.error || "the server refused the export");
    hits.push(...body.hits);
    total = typeof body.groups === "number" ? body.groups : body.total;
    if (body.hits.length < 100) break;
  }
  return { hits, total };
}

const EXPORT_COLUMNS = ["rank", "title", "source", "date", "speakers", "snippet", "path", "line", "url", "article_id"];

function exportRow(hit, i) {
  return {
    rank: i + 1,
    title: hit.title || "",
    source: hit.source || "",
    date: hit.date || "",
    speakers: hit.speakers.join("; "),
    snippet: hit.snippet,
    path: hit.path,
    line: hit.line,
    url: hit.url || "",
    article_id: hit.article_id,
  };
}

/** RFC 4180: every field quoted, quotes doubled, CRLF line ends. */
function toCsv(rows) {
  const cell = (v) => `"${String(v).replace(/"/g, '""')}"`;
  const lines = [EXPORT_COLUMNS.map(cell).join(",")];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => cell(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

async function exportResults(format) {
  $("status").textContent = "Preparing the export…";
  try {
    const { hits, total } = await allResults();
    const rows = hits.map(exportRow);
    if (format === "csv") {
      download("newsidx-results.csv", "text/csv;charset=utf-8", toCsv(rows));
    } else {
      const search = Object.fromEntries([...stateParams()].map(([k]) => [k, stateParams().getAll(k)]));
      const text = JSON.stringify({ search, total, results: hits }, null, 2);
      download("newsidx-results.json", "application/json", `${text}\n`);
    }
    const capped = total > hits.length ? ` (the first ${hits.length} of ${total})` : "";
    $("status").textContent = `Exported ${plural(hits.length, "result", "results")}${capped} as ${format.toUpperCase()}.`;
  } catch (error) {
    showError(`The export failed: ${error.message}`);
  }
}

// ------------------------------------------------------------ search view

function startSearchView() {
  $("search-view").hidden = false;
  readState(new URLSearchParams(location.search));
  syncForm();
  if (onPhone()) $("filters").open = false;

  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = $("q").value;
    state.page = 1;
    changeSearch();
  });
  $("q").addEventListener("input", () => {
    state.q = $("q").value;
    state.page = 1;
    scheduleSearch(typing ? "replace" : "push");
    typing = true;
  });
  for (const key of ["since", "until"]) {
    $(key).addEventListener("change", () => {
      const value = $(key).value;
      // A year still being typed ("0202-05-01" on the way to 2025) is not
      // a date to search by yet; the API takes years 1800 to 2200.
      if (value && !/^(1[89]\d\d|2[01]\d\d|2200)-/.test(value)) return;
      if (key === "since") setDates(value);
      else setDates(state.since, value);
    });
  }
  for (const preset of document.querySelectorAll(".preset")) {
    preset.addEventListener("click", () => {
      const days = preset.dataset.days;
      if (!days) return setDates("", "");
      const since = new Date(Date.now() - Number(days) * 86400000);
      return setDates(isoDay(since), "");
    });
  }
  $("sort").addEventListener("change", () => {
    state.sort = $("sort").value;
    state.page = 1;
    changeSearch();
  });
  $("clear").addEventListener("click", () => {
    Object.assign(state, {
      q: "", speakers: [], sources: [], langs: [], since: "", until: "", sort: "relevance", page: 1,
    });
    syncForm();
    changeSearch();
    $("q").focus();
  });
  for (const [id, page] of [["prev", -1], ["next", 1]]) {
    $(id).addEventListener("click", (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      goToPage(Math.max(1, state.page + page));
    });
  }
  for (const [key, filter, all] of [
    ["speakers", "speaker-filter", "speaker-all"],
    ["sources", "source-filter", "source-all"],
  ]) {
    $(filter).addEventListener("input", () => {
      renderFacets(null);
      const counts = lastFacets && lastFacets[key];
      if (counts && counts.distinct > counts.values.length) showAllOf(key);
    });
    $(all).addEventListener("click", () => showAllOf(key));
  }
  $("export-csv").addEventListener("click", () => exportResults("csv"));
  $("export-json").addEventListener("click", () => exportResults("json"));
  $("skip").addEventListener("click", (event) => {
    const first = document.querySelector("#hits .hit h3 a");
    event.preventDefault();
    if (first) first.focus();
    else $("results").focus();
  });
  window.addEventListener("popstate", () => {
    // Back or Forward: the address holds the search to show.
    typing = false;
    readState(new URLSearchParams(location.search));
    syncForm();
    runSearch({ mode: "none" });
  });
  document.addEventListener("keydown", (event) => {
    const inField = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
    if (event.key === "/" && !inField) {
      event.preventDefault();
      $("q").focus();
      $("q").select();
    } else if (event.key === "Escape" && document.activeElement === $("q") && $("q").value) {
      $("q").value = "";
      state.q = "";
      state.page = 1;
      changeSearch();
    }
  });
  $("q").focus();
  runSearch({ mode: "none" });
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
  $("article-view").hidden = false;
  $("search-form").hidden = true;
  const params = new URLSearchParams(location.search);
  const id = params.get("id") || "";
  const current = Number(params.get("passage"));
  const words = params.getAll("hl");
  const back = params.get("back");
  backLink($("back"), back ? `/?${new URLSearchParams(back)}` : "/");
  try {
    const { ok, status, body } = await getJson(`/api/articles/${encodeURIComponent(id)}`);
    if (!ok) {
      $("article-error").hidden = false;
      $("article-error").textContent = body.error || `The server answered ${status}.`;
      return;
    }
    renderArticle(body, current, words);
  } catch (error) {
    $("article-error").hidden = false;
    $("article-error").textContent = `The server did not answer (${error.message}).`;
  }
}

function renderArticle(article, current, words) {
  const title = article.title || shownPath(article.path);
  document.title = `${title} – newsidx`;
  $("article-title").textContent = title;
  const meta = $("article-meta");
  const parts = [article.source, article.author && `by ${article.author}`, day(article.date)];
  meta.append(parts.filter(Boolean).join(" · "));
  meta.append(el("br"), el("span", { class: "where" }, shownPath(article.path)));
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
      block.append(el("p", { class: "speakers" }, "Speaking: ", ...speakerLinks(p.speakers)));
    }
    passages.append(block);
    if (isCurrent) target = block;
  }
  if (target) {
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}

// --------------------------------------------------------------- speaker

async function startSpeakerView() {
  $("speaker-view").hidden = false;
  $("search-form").hidden = true;
  const params = new URLSearchParams(location.search);
  const name = params.get("name") || "";
  const page = Math.max(1, Number.parseInt(params.get("page") || "1", 10) || 1);
  backLink($("speaker-back"), "/");
  $("speaker-name").textContent = name;
  document.title = `${name} – newsidx`;
  const api = new URLSearchParams({
    speaker: name,
    limit: String(QUOTES_PAGE_SIZE),
    offset: String((page - 1) * QUOTES_PAGE_SIZE),
  });
  try {
    const { ok, status, body } = await getJson(`/api/quotes?${api}`);
    if (!ok) {
      $("speaker-error").hidden = false;
      $("speaker-error").textContent = body.error || `The server answered ${status}.`;
      return;
    }
    renderSpeaker(body, name, page);
  } catch (error) {
    $("speaker-error").hidden = false;
    $("speaker-error").textContent = `The server did not answer (${error.message}).`;
  }
}

function renderSpeaker(body, typed, page) {
  const shown = body.names.length ? body.names.join(", ") : typed;
  $("speaker-name").textContent = shown;
  document.title = `${shown} – newsidx`;
  const meta = $("speaker-meta");
  const outlets = body.outlets.length;
  meta.textContent = `${plural(body.total, "statement", "statements")} carried by ${plural(outlets, "outlet", "outlets")}`;
  if (body.names.length && !body.names.includes(typed)) meta.append(` (for “${typed}”)`);
  const periods = body.timeline.periods;
  $("speaker-chart").replaceChildren(
    periods.length
      ? barChart(periods, body.timeline.unit, "statement", "statements")
      : el("p", { class: "none" }, "no dated statements"),
  );
  if (body.timeline.undated) {
    $("speaker-chart").append(el("p", { class: "help" }, `${plural(body.timeline.undated, "statement", "statements")} without a date`));
  }
  $("speaker-outlets").replaceChildren(
    ...body.outlets.map((o) =>
      el("li", {}, el("span", { class: "name" }, o.name), " ", el("span", { class: "count" }, String(o.statements)))),
  );
  const list = $("speaker-statements");
  list.start = (page - 1) * QUOTES_PAGE_SIZE + 1;
  list.replaceChildren(...body.statements.map(statementItem));
  if (body.statements.length === 0) {
    list.replaceChildren(el("li", { class: "none" }, "No statements by this name."));
  }
  const pages = Math.max(1, Math.ceil(body.total / QUOTES_PAGE_SIZE));
  $("speaker-pager").hidden = pages <= 1;
  $("speaker-page-of").textContent = `Page ${page} of ${pages}`;
  const at = (p) => `/speaker?${new URLSearchParams({ name: typed, page: String(p) })}`;
  $("speaker-prev").hidden = page <= 1;
  $("speaker-next").hidden = page >= pages;
  $("speaker-prev").href = at(page - 1);
  $("speaker-next").href = at(page + 1);
}

function statementItem(s) {
  const also = s.also_in_outlets ? ` · also in ${plural(s.also_in_outlets, "outlet", "outlets")}` : "";
  const head = el("p", { class: "meta" }, [day(s.first_date) || "undated", s.kind].join(" · "), also);
  const quote = el("blockquote", { class: "said" }, s.kind === "direct" ? `“${s.text}”` : s.text);
  const carriers = el("ul", { class: "carriers", "aria-label": "Carried by" });
  for (const c of s.carriers) {
    const href = `/article?${new URLSearchParams({ id: c.article_id, passage: String(c.passage) })}`;
    const label = [c.source || "Unknown outlet", day(c.date), c.title || shownPath(c.path)].filter(Boolean).join(" · ");
    carriers.append(el("li", {}, el("a", { href }, label)));
  }
  return el("li", { class: "statement" }, head, quote, carriers);
}

// ------------------------------------------------------------------ start

if (location.pathname === "/article") {
  startArticleView();
} else if (location.pathname === "/speaker") {
  startSpeakerView();
} else {
  startSearchView();
}
