//! `newsidx serve`: a search page for the browser and a JSON API for other
//! programs, over the same index the CLI searches.
//!
//! The server holds one tantivy [`IndexReader`] with
//! `ReloadPolicy::OnCommitWithDelay`: every request takes the reader's
//! current searcher, and when `newsidx index` (or `watch`) commits, the
//! reader reloads on its own, so new articles appear without a restart.
//! Requests run concurrently on tokio (axum over hyper); the searching itself
//! runs on tokio's blocking pool.
//!
//! Submodules: [`api`] (JSON handlers), [`params`] (checking query strings),
//! [`error`] (errors as JSON responses), [`page`] (the embedded page),
//! [`security`] (host check and headers).

pub mod api;
pub mod error;
pub mod page;
pub mod params;
pub mod security;

use crate::browse::{self, SpeakerSummary};
use crate::error::Result;
use crate::index::CommitSegments;
use crate::index::NewsIndex;
use crate::search::SearchRequest;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use security::HostCheck;
use std::future::Future;
use std::sync::{Arc, Mutex};
use tantivy::{IndexReader, Searcher};

/// What every request shares: the index and its reloading reader.
pub struct ServeState {
    pub index: NewsIndex,
    pub reader: IndexReader,
    /// The unfiltered speaker listing of the last commit it was asked for:
    /// the page asks for it on every load, and on a large index it takes
    /// most of a second to count.
    all_speakers: Mutex<Option<(CommitSegments, Arc<Vec<SpeakerSummary>>)>>,
}

impl ServeState {
    /// Opens a reader on `index` that follows its commits.
    pub fn new(index: NewsIndex) -> Result<ServeState> {
        let reader = index.reader()?;
        Ok(ServeState {
            index,
            reader,
            all_speakers: Mutex::new(None),
        })
    }

    /// Every speaker of the passages `request` asks for (see
    /// [`browse::speakers`]); the unfiltered listing is counted once per
    /// commit.
    pub fn speakers(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Arc<Vec<SpeakerSummary>>> {
        let unfiltered = request.query.trim().is_empty()
            && request.speakers.is_empty()
            && request.sources.is_empty()
            && request.since.is_none()
            && request.until.is_none();
        if !unfiltered {
            return Ok(Arc::new(browse::speakers(&self.index, searcher, request)?));
        }
        let commit = searcher.generation().segments();
        let mut cached = self.all_speakers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((key, listing)) = cached.as_ref() {
            if key == commit {
                return Ok(Arc::clone(listing));
            }
        }
        let listing = Arc::new(browse::speakers(&self.index, searcher, request)?);
        *cached = Some((commit.clone(), Arc::clone(&listing)));
        Ok(listing)
    }
}

/// The routes of the page and the API.
pub fn router(state: Arc<ServeState>, host_check: HostCheck) -> Router {
    let api = api::routes().with_state(state);
    Router::new()
        .route("/", get(page::index_html))
        .route("/article", get(page::index_html))
        .route("/assets/app.js", get(page::app_js))
        .route("/assets/app.css", get(page::app_css))
        .merge(api)
        .fallback(page::not_found)
        .layer(middleware::from_fn_with_state(host_check, security::guard))
}

/// Serves `router` on `listener` until `shutdown` completes; requests in
/// flight are finished first.
pub async fn run(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
