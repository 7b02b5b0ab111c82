//! End to end in headless Chromium: open the page of a running
//! `newsidx serve`, type a query, click a speaker facet, check the results
//! shown, open the article, and look at the page on a phone-sized screen.
//!
//! Screenshots are kept in `target/e2e/` to be looked at. Without Chromium
//! and chromedriver (Debian's `chromium` and `chromium-driver`) the test
//! says so and passes, except under `CI=true`, where `.ci/run` installs them
//! and their absence is a failure.

mod common;

use common::serve::{Corpus, Server};
use common::webdriver::{Browser, Session};
use serde_json::json;
use std::path::PathBuf;

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("e2e")
}

fn browser_or_skip() -> Option<Browser> {
    let browser = Browser::find();
    if browser.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing; .ci/run must install chromium and chromium-driver"
        );
        eprintln!(
            "SKIPPED serve_e2e: /usr/bin/chromium and /usr/bin/chromedriver are needed \
             (apt-get install chromium chromium-driver), or set NEWSIDX_CHROMIUM and NEWSIDX_CHROMEDRIVER"
        );
    }
    browser
}

/// The titles of the results on the page.
fn shown_titles(session: &Session) -> Vec<String> {
    session
        .find_all("#hits .hit h3")
        .iter()
        .map(|e| e.text())
        .collect()
}

#[test]
fn search_as_you_type_then_filter_by_a_speaker_facet() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/"));

    // Without a query the page lists the newest passages.
    let status = session.find("#status");
    session.wait_until(
        "the newest passages",
        || status.text(),
        |t| t == "11 of 11 passages, newest first",
    );

    // Typing searches (debounced); matches are highlighted.
    session.find("#q").type_text("harbour");
    session.wait_until(
        "results for harbour",
        || status.text(),
        |t| t == "6 of 6 passages",
    );
    let marks: Vec<String> = session
        .find_all("#hits mark")
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m.starts_with("harbour")),
        "{marks:?}"
    );

    // Facets show counts for this query.
    let facet = session.find("#speaker-facets button[data-name='Maria Santos']");
    assert_eq!(
        facet.text().split_whitespace().last(),
        Some("1"),
        "{}",
        facet.text()
    );
    assert_eq!(facet.attribute("aria-pressed").as_deref(), Some("false"));
    let sources: Vec<String> = session
        .find_all("#source-facets button")
        .iter()
        .map(|b| b.text().replace('\n', " "))
        .collect();
    assert_eq!(sources, vec!["Coastal Times 4", "River Gazette 2"]);

    // Clicking the speaker narrows the results to their passages.
    facet.click();
    session.wait_until(
        "the speaker filter",
        || status.text(),
        |t| t == "1 of 1 passage",
    );
    assert_eq!(
        shown_titles(&session),
        vec!["Harbour talks stall over fishing quotas"]
    );
    let hit = session.find("#hits .hit");
    assert!(hit.text().contains("Maria Santos"), "{}", hit.text());
    assert!(
        hit.text().contains("empties our harbours"),
        "{}",
        hit.text()
    );
    let pressed = session.find("#speaker-facets button[data-name='Maria Santos']");
    assert_eq!(pressed.attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(
        session.find("#chosen .chip").text(),
        "speaker: Maria Santos ×"
    );
    let url = session.current_url();
    assert!(
        url.contains("q=harbour") && url.contains("speaker=Maria+Santos"),
        "{url}"
    );
    session.screenshot(&artifacts().join("serve.png"));
    screenshot_for_docs(&session, "search-desktop.png");

    // Everything the page loaded came from the server itself.
    let resources = session.script(
        "return performance.getEntriesByType('resource').map(e => e.name)",
        json!([]),
    );
    for resource in resources.as_array().unwrap() {
        let name = resource.as_str().unwrap();
        assert!(
            name.starts_with(&server.base),
            "loaded from elsewhere: {name}"
        );
    }

    // The result opens the whole article with the passage highlighted.
    session.find("#hits .hit h3 a").click();
    let current = session.find(".passage.current");
    assert!(
        current.text().contains("empties our harbours"),
        "{}",
        current.text()
    );
    assert_eq!(current.find_all("mark")[0].text(), "harbours");
    assert_eq!(
        session.find("#article-title").text(),
        "Harbour talks stall over fishing quotas"
    );
    assert_eq!(session.find_all(".passage").len(), 4);
    let search_shown = session.script(
        "return document.getElementById('search-view').getClientRects().length > 0",
        json!([]),
    );
    assert_eq!(
        search_shown, false,
        "the search view is hidden in the article view"
    );
    assert_eq!(session.focused_id(), "p1");
    session.screenshot(&artifacts().join("serve-article.png"));

    // Back to the same search.
    session.find("#back").click();
    let status = session.find("#status");
    session.wait_until(
        "the search again",
        || status.text(),
        |t| t == "1 of 1 passage",
    );
    assert_eq!(
        session.script("return document.getElementById('q').value", json!([])),
        "harbour"
    );

    // The keyboard alone: "/" returns to the search box, Enter on a
    // focused facet removes the filter again.
    session.script("document.activeElement.blur()", json!([]));
    session.press_key("/");
    assert_eq!(session.focused_id(), "q");
    session.script(
        "document.querySelector(\"#speaker-facets button[data-name='Maria Santos']\").focus()",
        json!([]),
    );
    session.press_key("\u{E007}");
    session.wait_until(
        "the filter removed",
        || status.text(),
        |t| t == "6 of 6 passages",
    );
    let facet = session.find("#speaker-facets button[data-name='Maria Santos']");
    assert_eq!(facet.attribute("aria-pressed").as_deref(), Some("false"));
}

#[test]
fn the_page_fits_a_phone_screen() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let session = Session::start_phone(&browser, 390, 844);
    session.goto(&server.url("/?q=harbour"));
    let status = session.find("#status");
    session.wait_until(
        "results for harbour",
        || status.text(),
        |t| t == "6 of 6 passages",
    );
    let widths = session.script(
        "return [document.documentElement.scrollWidth, window.innerWidth]",
        json!([]),
    );
    let (content, viewport) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    assert!(viewport <= 420, "the window is phone-sized ({viewport}px)");
    assert!(
        content <= viewport,
        "no sideways scrolling: {content}px content in {viewport}px"
    );
    // On a phone the filters fold away until asked for.
    let open = session.script("return document.getElementById('filters').open", json!([]));
    assert_eq!(open, false);
    session.screenshot(&artifacts().join("serve-phone.png"));
    screenshot_for_docs(&session, "search-phone.png");

    // A date range narrows the results and shows as a removable filter.
    session.script(
        "const since = document.getElementById('since'); since.value = arguments[0]; \
         since.dispatchEvent(new Event('change'));",
        json!(["2025-12-01"]),
    );
    session.wait_until(
        "the date filter",
        || status.text(),
        |t| t == "2 of 2 passages",
    );
    assert_eq!(session.find("#chosen .chip").text(), "from 2025-12-01 ×");
    assert!(session.current_url().contains("since=2025-12-01"));
    // A year half typed into the other date is no error, and no search yet.
    session.script(
        "const until = document.getElementById('until'); until.value = '0202-01-31'; \
         until.dispatchEvent(new Event('change'));",
        json!([]),
    );
    settled(&session);
    assert!(!session.find("#error").displayed());
    assert!(!session.current_url().contains("until="));
    assert_eq!(status.text(), "2 of 2 passages");
    session.find("#chosen .chip").click();
    session.wait_until(
        "the date filter removed",
        || status.text(),
        |t| t == "6 of 6 passages",
    );

    // Choosing a facet (below the results' top on a phone) scrolls to the
    // results.
    session.find("#filters summary").click();
    let facet = session.find("#source-facets button[data-name='River Gazette']");
    session.script(
        "arguments[0].scrollIntoView({block: 'center'})",
        json!([{ "element-6066-11e4-a52e-4f735466cecf": facet.id() }]),
    );
    let before = session.script("return window.scrollY", json!([]));
    facet.click();
    session.wait_until(
        "the source filter",
        || status.text(),
        |t| t == "2 of 2 passages",
    );
    // At the top of the screen, or as near as the page's end allows.
    let (top, scrolled, bottom) = session.wait_until(
        "the results at the top of the screen",
        || {
            let v = session.script(
                "const r = document.getElementById('results').getBoundingClientRect(); \
                 const end = document.documentElement.scrollHeight - window.innerHeight; \
                 return [Math.round(r.top), Math.round(window.scrollY), Math.round(end)]",
                json!([]),
            );
            (
                v[0].as_i64().unwrap(),
                v[1].as_i64().unwrap(),
                v[2].as_i64().unwrap(),
            )
        },
        |&(top, scrolled, end)| (-2..=2).contains(&top) || (scrolled >= end - 2 && top < 422),
    );
    assert!(
        scrolled > before.as_i64().unwrap(),
        "scrolled down to the results ({top}px from the top, {scrolled} of {bottom})"
    );
    assert_eq!(session.focused_id(), "results");
}

#[test]
fn copies_fold_into_one_result_that_links_to_each_copy() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let original = std::fs::read_to_string(corpus.articles().join("harbour.txt")).unwrap();
    std::fs::write(
        corpus.articles().join("harbour-copy.txt"),
        original.replace("LISBON (Coastal Times)", "LISBON (Harbour Wire)"),
    )
    .unwrap();
    corpus.index_articles();
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/?q=empties"));
    let status = session.find("#status");
    session.wait_until(
        "one result for two copies",
        || status.text(),
        |t| t == "1 of 1 passage, 1 more copy folded in",
    );
    let copies = session.find("#hits .hit .copies");
    assert_eq!(copies.text(), "Also in 1 other article");
    session.find("#hits .hit .copies summary").click();
    let link = session.find("#hits .hit .copies a");
    let label = link.text();
    assert!(label.contains("2025-11-03"), "{label}");
    session.screenshot(&artifacts().join("serve-copies.png"));
    link.click();
    let current = session.find(".passage.current");
    assert!(
        current.text().contains("empties our harbours"),
        "{}",
        current.text()
    );
    // The copy opened is the one the link named.
    let outlet = ["Harbour Wire", "Coastal Times"]
        .into_iter()
        .find(|o| label.contains(o))
        .unwrap_or_else(|| panic!("the link names the copy's outlet: {label}"));
    let meta = session.find("#article-meta").text();
    assert!(meta.contains(outlet), "{meta}");
}

/// A made-up word, different for each `seed` (so that generated articles
/// share no wording and are not taken for copies of each other).
fn made_up_word(seed: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "po", "da", "ge",
    ];
    let mut n = seed * 7919 + 17;
    let mut word = String::new();
    for _ in 0..3 {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    word
}

/// Adds `count` short articles to `corpus` (and indexes them): one a day
/// from 2025-10-01, in two outlets, each with one statement by one of
/// `count` different people and the word "ferry".
fn add_ferry_articles(corpus: &Corpus, count: usize) {
    let firsts = ["Anna", "Boris", "Carla", "David", "Elena", "Felix"];
    let surnames = ["Lindqvist", "Moreau", "Novak", "Okafor", "Petrov"];
    for i in 0..count {
        let name = format!(
            "{} {}",
            firsts[i / surnames.len()],
            surnames[i % surnames.len()]
        );
        let outlet = if i % 2 == 0 {
            "Ferry Post"
        } else {
            "Island Herald"
        };
        let words: Vec<String> = (0..12).map(|k| made_up_word(i * 100 + k)).collect();
        let text = format!(
            "Ferry timetable for {w0}\n\nBy Sam Reed\n\ndate 2025-10-{day:02}\n\nOSLO ({outlet}) — The ferry to {w1} {w2} leaves {w3} {w4} after {w5} {w6}.\n\n\"The {w7} ferry must reach {w8} {w9} on time,\" {name} said of {w10} {w11}.\n",
            day = i + 1,
            w0 = words[0],
            w1 = words[1],
            w2 = words[2],
            w3 = words[3],
            w4 = words[4],
            w5 = words[5],
            w6 = words[6],
            w7 = words[7],
            w8 = words[8],
            w9 = words[9],
            w10 = words[10],
            w11 = words[11],
        );
        std::fs::write(corpus.articles().join(format!("ferry-{i:02}.txt")), text).unwrap();
    }
    corpus.index_articles();
}

/// The status line the page shows for page `page` of the search the API
/// query `api` asks for (`newest`: the results are listed newest first).
fn expected_status(server: &Server, api: &str, page: u64, newest: bool) -> String {
    let (_, body) = server.get_json(&format!("/api/search?{api}&facets=false"));
    let results = body["groups"].as_u64().unwrap();
    let offset = (page - 1) * 20;
    let shown = results.min(offset + 20);
    let range = if offset > 0 {
        format!("{}–{shown}", offset + 1)
    } else {
        shown.to_string()
    };
    let noun = if results == 1 { "passage" } else { "passages" };
    let order = if newest { ", newest first" } else { "" };
    format!("{range} of {results} {noun}{order}")
}

/// Waits until the page has no search in flight.
fn settled(session: &Session) {
    session.wait_until(
        "the search to finish",
        || session.script("return document.body.hasAttribute('aria-busy')", json!([])),
        |busy| busy == &json!(false),
    );
}

fn status_of(session: &Session) -> String {
    session.find("#status").text()
}

fn wait_status(session: &Session, what: &str, expected: &str) {
    session.wait_until(what, || status_of(session), |t| t == expected);
}

fn script_string(session: &Session, script: &str) -> String {
    session
        .script(script, json!([]))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Where screenshots for the README are kept; refreshed with
/// `UPDATE_SCREENSHOTS=1` (like the snapshots), else written to target/e2e.
fn screenshot_for_docs(session: &Session, name: &str) {
    session.screenshot(&artifacts().join(name));
    if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
        session.screenshot(&docs.join(name));
    }
}

#[test]
fn a_speaker_page_opens_from_a_result_and_back_returns_to_the_results() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/?q=harbour"));
    wait_status(&session, "results for harbour", "6 of 6 passages");

    // Speaker names in results link to their page.
    let link = session.find("#hits .hit a.speaker");
    let name = link.text();
    assert_eq!(name, "Maria Santos");
    link.click();
    session.find("#speaker-chart svg rect.bar");
    assert_eq!(session.find("#speaker-name").text(), "Maria Santos");
    assert!(session.current_url().contains("/speaker?name=Maria+Santos"));

    // The chart: one bar per week, the counts adding up to the statements.
    let counts: Vec<u64> = session
        .find_all("#speaker-chart rect.bar")
        .iter()
        .map(|b| b.attribute("data-count").unwrap().parse().unwrap())
        .collect();
    let statements = session.find_all("#speaker-statements li.statement");
    assert!(!statements.is_empty());
    assert_eq!(counts.iter().sum::<u64>(), statements.len() as u64);
    let meta = session.find("#speaker-meta").text();
    assert!(
        meta.starts_with(&format!("{} statements", statements.len())),
        "{meta}"
    );
    // The outlets that carried them, and each statement with its copies.
    let outlets = session.find("#speaker-outlets").text();
    assert!(
        outlets.contains("Coastal Times") && outlets.contains("River Gazette"),
        "{outlets}"
    );
    let texts: Vec<String> = statements.iter().map(|s| s.text()).collect();
    assert!(
        texts.iter().any(|t| t.contains("empties our harbours")),
        "{texts:?}"
    );
    let carrier = session.find("#speaker-statements .carriers a");
    assert!(carrier
        .attribute("href")
        .unwrap()
        .starts_with("/article?id="));
    session.screenshot(&artifacts().join("serve-speaker.png"));

    // The browser's Back button returns to the same results.
    session.back();
    wait_status(&session, "the results again", "6 of 6 passages");
    assert_eq!(
        session.script("return document.getElementById('q').value", json!([])),
        "harbour"
    );
}

#[test]
fn every_search_filter_and_page_is_a_history_entry_with_its_address() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    add_ferry_articles(&corpus, 25);
    let server = Server::start(&corpus.index());
    let everything = expected_status(&server, "", 1, true);
    let ferry = expected_status(&server, "q=ferry&prefix=true", 1, false);
    let one_outlet = expected_status(&server, "q=ferry&source=Ferry+Post", 1, false);
    let two_words = expected_status(&server, "q=ferry+timetable", 1, false);
    let two_words_page_2 = expected_status(&server, "q=ferry+timetable", 2, false);
    let two_words_one_outlet =
        expected_status(&server, "q=ferry+timetable&source=Ferry+Post", 1, false);
    assert!(two_words_page_2.starts_with("21–"), "{two_words_page_2}");
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/"));
    wait_status(&session, "everything", &everything);

    session.find("#q").type_text("ferry");
    wait_status(&session, "results for ferry", &ferry);
    assert!(session.current_url().ends_with("/?q=ferry"));
    session
        .find("#source-facets button[data-name='Ferry Post']")
        .click();
    wait_status(&session, "one outlet", &one_outlet);
    session.find("#q").type_text(" timetable");
    session.wait_until(
        "two words in the address",
        || session.current_url(),
        |u| u.contains("q=ferry+timetable"),
    );
    settled(&session);
    wait_status(&session, "two words", &two_words_one_outlet);
    session
        .find("#source-facets button[data-name='Ferry Post']")
        .click();
    wait_status(&session, "both outlets", &two_words);
    // Paging is in the address.
    session.find("#next").click();
    wait_status(&session, "page 2", &two_words_page_2);
    let page2 = session.current_url();
    assert!(page2.ends_with("/?q=ferry+timetable&page=2"), "{page2}");

    // Back steps through each state, Forward comes back.
    session.back();
    wait_status(&session, "page 1 again", &two_words);
    session.back();
    wait_status(&session, "the outlet again", &two_words_one_outlet);
    assert!(session.current_url().contains("source=Ferry+Post"));
    session.back();
    wait_status(&session, "ferry in one outlet", &one_outlet);
    assert!(session
        .current_url()
        .ends_with("/?q=ferry&source=Ferry+Post"));
    session.back();
    wait_status(&session, "ferry", &ferry);
    assert_eq!(
        session.script("return document.getElementById('q').value", json!([])),
        "ferry"
    );
    session.back();
    wait_status(&session, "the start", &everything);
    session.forward();
    wait_status(&session, "forward to ferry", &ferry);

    // A bookmarked page, sorted by date, opens as it was.
    session.goto(&format!("{}&sort=newest", page2));
    let bookmark = expected_status(&server, "q=ferry+timetable&sort=newest", 2, true);
    wait_status(&session, "the bookmark", &bookmark);
    assert_eq!(
        session.script("return document.getElementById('sort').value", json!([])),
        "newest"
    );
    let dates: Vec<String> = session
        .find_all("#hits .hit .meta")
        .iter()
        .map(|m| m.text())
        .collect();
    let (_, newest) =
        server.get_json("/api/search?q=ferry+timetable&sort=newest&offset=20&limit=1");
    let date = newest["hits"][0]["date"].as_str().unwrap();
    assert!(dates[0].contains(&date[..10]), "{dates:?} {date}");

    // A speaker typed in the address resolves as the CLI resolves it.
    session.goto(&server.url("/?q=harbour&speaker=santos"));
    wait_status(&session, "santos", "1 of 1 passage");
    assert_eq!(
        session.find("#chosen .chip").text(),
        "speaker: Maria Santos ×"
    );
    let facet = session.find("#speaker-facets button[aria-pressed='true']");
    assert_eq!(facet.text().replace('\n', " "), "Maria Santos 1");
    assert!(session.current_url().contains("speaker=Maria+Santos"));
}

#[test]
fn facets_filter_and_show_all_sort_date_presets_and_a_brushable_histogram() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    add_ferry_articles(&corpus, 25);
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    let ferry = expected_status(&server, "q=ferry&prefix=true", 1, false);
    let (_, all_ferry) = server.get_json("/api/search?q=ferry&prefix=true&limit=1");
    session.goto(&server.url("/?q=ferry"));
    wait_status(&session, "results for ferry", &ferry);

    // 26 speakers: the top 20, a "show all", and a filter box.
    assert_eq!(session.find_all("#speaker-facets button").len(), 20);
    let all = session.find("#speaker-all");
    assert!(all.displayed());
    assert_eq!(all.text(), "Show all 26");
    all.click();
    session.wait_until(
        "every speaker",
        || session.find_all("#speaker-facets button").len(),
        |n| *n == 26,
    );
    session.find("#speaker-filter").type_text("nová");
    session.wait_until(
        "the speakers named Novak",
        || {
            session
                .find_all("#speaker-facets button .name")
                .iter()
                .map(|b| b.text())
                .collect::<Vec<_>>()
        },
        |names| names.len() == 5 && names.iter().all(|n| n.ends_with("Novak")),
    );

    // Sort by date.
    session.script(
        "const s = document.getElementById('sort'); s.value = 'newest'; s.dispatchEvent(new Event('change'));",
        json!([]),
    );
    wait_status(&session, "newest first", &format!("{ferry}, newest first"));
    assert!(session.current_url().contains("sort=newest"));
    assert!(session
        .find("#hits .hit .meta")
        .text()
        .contains("2026-01-15"));

    // A date preset counts back from today.
    session.find(".preset[data-days='365']").click();
    let since = script_string(
        &session,
        "return new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10)",
    );
    session.wait_until(
        "the past year",
        || session.current_url(),
        |u| u.contains(&format!("since={since}")),
    );
    assert_eq!(
        session.find("#chosen .chip").text(),
        format!("from {since} ×")
    );
    session.find(".preset[data-days='']").click();
    session.wait_until(
        "any time",
        || session.current_url(),
        |u| !u.contains("since="),
    );
    wait_status(&session, "any time", &format!("{ferry}, newest first"));

    // The histogram of matches per week: dragging across two bars sets the
    // dates to those two weeks.
    let bars = session.find_all("#timeline rect.bar");
    assert!(bars.len() >= 2);
    let total: u64 = bars
        .iter()
        .map(|b| b.attribute("data-count").unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(Some(total), all_ferry["total"].as_u64());
    let (first_start, second_end) = (
        bars[0].attribute("data-start").unwrap(),
        bars[1].attribute("data-end").unwrap(),
    );
    let slots = session.find_all("#timeline rect.slot");
    slots[0].drag_to(&slots[1]);
    session.wait_until(
        "the brushed weeks",
        || session.current_url(),
        |u| u.contains(&format!("since={first_start}&until={second_end}")),
    );
    let brushed = expected_status(
        &server,
        &format!("q=ferry&prefix=true&since={first_start}&until={second_end}"),
        1,
        true,
    );
    wait_status(&session, "results of the brushed weeks", &brushed);
    let chosen: Vec<String> = session
        .find_all("#chosen .chip")
        .iter()
        .map(|c| c.text())
        .collect();
    assert_eq!(
        chosen,
        vec![
            format!("from {first_start} ×"),
            format!("to {second_end} ×")
        ]
    );
}

#[test]
fn export_citation_loading_skip_link_and_search_as_you_type() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/?q=harbour"));
    wait_status(&session, "results for harbour", "6 of 6 passages");

    // Export the results as CSV (read back by a CSV parser) and JSON.
    session.find("#export-csv").click();
    let csv_path = session.downloads().join("newsidx-results.csv");
    session.wait_until("the CSV download", || csv_path.is_file(), |done| *done);
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        vec![
            "rank",
            "title",
            "source",
            "date",
            "speakers",
            "snippet",
            "path",
            "line",
            "url",
            "article_id"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().any(|r| r[5].contains("harbours")));
    session.find("#export-json").click();
    let json_path = session.downloads().join("newsidx-results.json");
    session.wait_until("the JSON download", || json_path.is_file(), |done| *done);
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(exported["results"].as_array().unwrap().len(), 6);
    assert_eq!(exported["search"]["q"], json!(["harbour"]));

    // Copy a citation: outlet, date, title, path.
    session.script(
        "window.copied = []; Object.defineProperty(navigator, 'clipboard', { value: { writeText: (t) => { window.copied.push(t); return Promise.resolve(); } } });",
        json!([]),
    );
    let title = session.find("#hits .hit h3").text();
    session.find("#hits .hit .cite").click();
    session.wait_until(
        "the citation copied",
        || session.script("return window.copied", json!([])),
        |v| v.as_array().is_some_and(|a| !a.is_empty()),
    );
    let copied = script_string(&session, "return window.copied[0]");
    let meta = session.find("#hits .hit .meta").text();
    let outlet = meta.split(" · ").next().unwrap();
    assert!(
        copied.starts_with(&format!("{outlet}, 20")) && copied.contains(&format!("“{title}”")),
        "{copied}"
    );
    assert!(copied.contains(".txt:"), "{copied}");
    assert_eq!(session.find("#hits .hit .cite-note").text(), "Copied");

    // The skip link is the first stop and goes to the first result.
    let first = script_string(
        &session,
        "return document.querySelector('a[href], button, input, select, summary').id",
    );
    assert_eq!(first, "skip");
    session.script("document.getElementById('skip').focus()", json!([]));
    session.press_key("\u{E007}");
    let focused = session.script(
        "return document.activeElement === document.querySelector('#hits .hit h3 a')",
        json!([]),
    );
    assert_eq!(focused, true);

    // Slow answers show a loading indicator; a request superseded by more
    // typing is cancelled.
    session.script(
        "window.calls = []; const real = window.fetch; \
         window.fetch = (url, options) => new Promise((resolve, reject) => { \
           const call = { url: String(url), signal: options.signal, go: () => real(url, options).then(resolve, reject) }; \
           options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))); \
           window.calls.push(call); });",
        json!([]),
    );
    let q = session.find("#q");
    session.script("document.getElementById('q').select()", json!([]));
    q.type_text("fish");
    let calls = || session.script("return window.calls.map(c => c.url)", json!([]));
    session.wait_until("a request for fish", calls, |v| {
        v.as_array().is_some_and(|a| a.len() == 1)
    });
    session.wait_until(
        "the loading indicator",
        || session.find("#loading").displayed(),
        |shown| *shown,
    );
    q.type_text("ing");
    session.wait_until("a request for fishing", calls, |v| {
        v.as_array().is_some_and(|a| a.len() == 2)
    });
    assert_eq!(
        session.script("return window.calls[0].signal.aborted", json!([])),
        true
    );
    assert!(calls()[1].as_str().unwrap().contains("q=fishing"));
    session.script("window.calls[1].go()", json!([]));
    let (_, fishing) = server.get_json("/api/search?q=fishing&prefix=true");
    let expected = format!("{} of {} passages", fishing["total"], fishing["total"]);
    wait_status(&session, "results for fishing", &expected);
    assert!(!session.find("#loading").displayed());
}

#[test]
fn typing_matches_the_last_word_as_a_prefix_and_never_shows_an_error() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    // Without prefix matching, "quot" is not a word of the corpus.
    let (_, body) = server.get_json("/api/search?q=quot");
    assert_eq!(body["total"], 0);
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/"));
    wait_status(&session, "everything", "11 of 11 passages, newest first");
    session.find("#q").type_text("quot");
    session.wait_until(
        "passages about quotas",
        || status_of(&session),
        |s| s.ends_with(" passages") && !s.starts_with("No"),
    );
    let marks: Vec<String> = session
        .find_all("#hits mark")
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect();
    assert!(marks.contains(&"quotas".to_string()), "{marks:?}");
    let shown = status_of(&session);

    // A phrase not yet closed: no error, the results stay.
    session.find("#q").type_text(" \"fishing qu");
    session.wait_until(
        "a quiet note",
        || status_of(&session),
        |s| s.starts_with("Keep typing"),
    );
    assert!(!session.find("#error").displayed());
    assert!(!session.find_all("#hits .hit").is_empty());
    // Closing it searches again.
    session.find("#q").type_text("otas\"");
    session.wait_until(
        "the phrase",
        || status_of(&session),
        |s| !s.starts_with("Keep typing") && s != &shown,
    );
    assert!(!session.find("#error").displayed());
}

#[test]
fn apostrophes_typed_in_the_page_are_words_and_matched_titles_are_marked() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let session = Session::start(&browser, 1280, 900);
    // Typed into the box, one query per fresh page.
    let typed = |query: &str| {
        session.goto(&server.url("/"));
        wait_status(&session, "everything", "11 of 11 passages, newest first");
        session.find("#q").type_text(query);
        session.wait_until(
            "an answer to the typed query",
            || status_of(&session),
            |s| !s.contains("newest first") && !s.starts_with("Keep typing"),
        );
        assert!(
            !session.find("#error").displayed(),
            "{query}: {}",
            session.find("#error").text()
        );
    };
    typed("year's budget");
    assert_eq!(status_of(&session), "1 of 1 passage");
    assert_eq!(
        shown_titles(&session),
        vec!["Council approves budget with cuts to ferries"]
    );
    // The title's matched word is marked, as the snippet's are.
    let title_marks: Vec<String> = session
        .find_all("#hits .hit h3 mark")
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect();
    assert_eq!(title_marks, vec!["budget"]);
    // A name with an apostrophe that no article holds: no match, no error.
    typed("O'Neill");
    assert!(status_of(&session).starts_with("No passages match"));
    typed("don't");
    assert!(!status_of(&session).starts_with("Keep typing"));
}

#[test]
fn an_empty_result_shows_the_servers_hints_on_the_page() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    // An outlet of the corpus, misspelt as a user would: one letter lost.
    let (_, found) = server.get_json("/api/search?q=budget");
    let outlet = found["hits"][0]["source"]
        .as_str()
        .expect("a budget result with an outlet")
        .to_string();
    let misspelt: String = outlet
        .char_indices()
        .filter(|&(i, _)| i != outlet.len() / 2)
        .map(|(_, c)| c)
        .collect();
    let query = format!(
        "q=budget&source={}",
        misspelt.replace(' ', "+").replace('&', "%26")
    );
    let (_, empty) = server.get_json(&format!("/api/search?{query}"));
    assert_eq!(empty["total"], 0, "{misspelt}");
    let hints: Vec<String> = empty["hints"]
        .as_array()
        .expect("hints for an unmatched outlet")
        .iter()
        .map(|h| h.as_str().expect("a hint is a sentence").to_string())
        .collect();
    assert!(
        hints.iter().any(|h| h.contains(&outlet)),
        "the closest outlet is named: {hints:?}"
    );

    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url(&format!("/?{query}")));
    session.wait_until(
        "the hints shown",
        || session.find("#hints").displayed(),
        |shown| *shown,
    );
    let shown: Vec<String> = session
        .find_all("#hints li")
        .iter()
        .map(|li| li.text())
        .collect();
    assert_eq!(shown, hints);
    assert!(status_of(&session).starts_with("No passages match"));
    // A search that finds something hides them again.
    session.goto(&server.url("/?q=budget"));
    session.wait_until(
        "results",
        || status_of(&session),
        |s| !s.starts_with("No passages match") && s.contains("passage"),
    );
    assert!(!session.find("#hints").displayed());
}

/// An English and two German articles about the same ferry talks.
fn two_language_corpus() -> Corpus {
    let corpus = Corpus {
        dir: tempfile::tempdir().unwrap(),
    };
    std::fs::create_dir_all(corpus.articles()).unwrap();
    for (name, text) in [
        (
            "english.txt",
            "Ferry talks resume\n\nThe ferry operators and the unions met again on Tuesday to talk \
             about the winter timetable and the price of tickets for people on the islands.\n",
        ),
        (
            "german.txt",
            "Fährgespräche gehen weiter\n\nDie Betreiber der Fähren und die Gewerkschaften trafen \
             sich am Dienstag erneut, um über den Winterfahrplan und die Preise der Fahrkarten \
             für die Bewohner der Inseln zu sprechen.\n",
        ),
        (
            "german-2.txt",
            "Einigung bei den Fähren\n\nNach langen Verhandlungen haben sich die Betreiber der \
             Fähren und die Gewerkschaften am Freitag auf einen neuen Fahrplan für den Winter \
             geeinigt, wie beide Seiten mitteilten.\n",
        ),
    ] {
        std::fs::write(corpus.articles().join(name), text).unwrap();
    }
    corpus.index_articles();
    corpus
}

#[test]
fn a_language_facet_narrows_the_results_and_stays_in_the_address() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let corpus = two_language_corpus();
    let server = Server::start(&corpus.index());
    let everything = expected_status(&server, "", 1, true);
    let german = expected_status(&server, "lang=de", 1, true);
    assert_ne!(everything, german);
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/"));
    wait_status(&session, "everything", &everything);

    // Languages are listed by name, most passages first, with their counts.
    let facet = |session: &Session| -> Vec<String> {
        session
            .find_all("#lang-facets button")
            .iter()
            .map(|b| {
                let part = |css: &str| b.find_all(css).iter().map(|e| e.text()).collect::<String>();
                let (name, count) = (part(".name"), part(".count"));
                format!("{name} {count}")
            })
            .collect()
    };
    session.wait_until(
        "the language facet",
        || facet(&session),
        |names| names.len() == 2,
    );
    let (_, api) = server.get_json("/api/search");
    let count_of = |code: &str| {
        api["facets"]["languages"]["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == code)
            .map(|v| v["passages"].as_u64().unwrap())
            .unwrap_or_else(|| panic!("no {code} in {api}"))
    };
    assert_eq!(
        facet(&session),
        vec![
            format!("German (de) {}", count_of("de")),
            format!("English (en) {}", count_of("en")),
        ]
    );

    // A click narrows the results to German and puts it in the address.
    session.find("#lang-facets button[data-name='de']").click();
    wait_status(&session, "German only", &german);
    assert!(
        session.current_url().ends_with("/?lang=de"),
        "{}",
        session.current_url()
    );
    let titles = shown_titles(&session);
    assert!(!titles.is_empty());
    assert!(
        titles.iter().all(|t| t != "Ferry talks resume"),
        "{titles:?}"
    );
    assert_eq!(
        session.find("#chosen").text().trim(),
        "language: German (de) ×"
    );
    // English stays on offer; the address opens the same search.
    assert_eq!(facet(&session).len(), 2);
    session.goto(&server.url("/?lang=de"));
    wait_status(&session, "German only, from the address", &german);
    // Removing the chip shows everything again.
    session.find("#chosen button").click();
    wait_status(&session, "everything again", &everything);
}
