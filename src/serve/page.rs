//! The browser page: plain HTML, CSS and JavaScript compiled into the
//! binary with `include_str!`, so `serve` needs no files beside it, no
//! build step and no network.
//!
//! One HTML document serves both views (`/` for search, `/article` for an
//! article); the script picks the view from the URL, so every state of the
//! page has an address that can be bookmarked, shared and opened in a new
//! tab.

use axum::http::header;
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `GET /` and `GET /article`: the page.
pub async fn index_html() -> Response {
    asset("text/html; charset=utf-8", INDEX_HTML)
}

/// `GET /assets/app.js`
pub async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", APP_JS)
}

/// `GET /assets/app.css`
pub async fn app_css() -> Response {
    asset("text/css; charset=utf-8", APP_CSS)
}

/// Any other path outside the API.
pub async fn not_found() -> Response {
    (
        axum::http::StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found. The search page is at /\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        for text in [INDEX_HTML, APP_JS, APP_CSS] {
            assert!(!text.contains("http://"), "an absolute http URL");
            assert!(!text.contains("https://"), "an absolute https URL");
            assert!(!text.contains("//cdn"), "a CDN");
        }
    }

    #[test]
    fn the_script_never_inserts_raw_html() {
        for forbidden in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
        ] {
            assert!(!APP_JS.contains(forbidden), "app.js uses {forbidden}");
        }
    }
}
