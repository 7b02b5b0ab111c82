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
    session.find("#chosen .chip").click();
    session.wait_until(
        "the date filter removed",
        || status.text(),
        |t| t == "6 of 6 passages",
    );
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
