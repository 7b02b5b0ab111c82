//! `newsidx serve`: a search page for the browser and a JSON API for other
//! programs, over the same index the CLI searches, or over the cluster
//! that `newsidx push` filled (`serve --engine`, see [`Store`]).
//!
//! The server holds one tantivy [`IndexReader`] with
//! `ReloadPolicy::OnCommitWithDelay`: every request takes the reader's
//! current searcher, and when `newsidx index` (or `watch`) commits, the
//! reader reloads on its own, so new articles appear without a restart.
//! Requests run concurrently on tokio (axum over hyper); the searching itself
//! runs on tokio's blocking pool, at most [`ServeOptions::search_slots`]
//! searches at once plus one kept for quick requests ([`slots`]), so a
//! burst of expensive queries queues there instead of taking every core,
//! and neither the threads that accept connections and serve the page nor
//! a quick search sent meanwhile wait for it.
//!
//! Submodules: [`api`] (JSON handlers), [`params`] (checking query strings),
//! [`error`] (errors as JSON responses), [`page`] (the embedded page),
//! [`security`] (host check and headers), [`access`] (the access token and
//! relative paths of a non-loopback address), [`conn`] (timeouts and the
//! connection cap), [`slots`] (how many searches run at once),
//! [`timeline`] (counts per week or month for the page's charts).

pub mod access;
pub mod api;
pub mod conn;
pub mod error;
pub mod page;
pub mod params;
pub mod security;
pub mod slots;
pub mod timeline;

use crate::browse::{self, SpeakerSummary};
use crate::engine::Engine;
use crate::error::Result;
use crate::index::CommitSegments;
use crate::index::NewsIndex;
use crate::search::SearchRequest;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use security::Guard;
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tantivy::{IndexReader, Searcher};

/// How long a request waits for a search slot before it is answered 503.
pub const SEARCH_WAIT: Duration = Duration::from_secs(10);

/// How the server treats the requests it has accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOptions {
    /// Searches run at once, besides one quick request (see [`slots`]);
    /// more wait (up to [`SEARCH_WAIT`]).
    pub search_slots: usize,
    /// The index directory is named without its parents and server-side
    /// failures are logged, not described (for a non-loopback address).
    /// Paths in answers are relative to the folder holding every indexed
    /// file whatever this says.
    pub relative_paths: bool,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            search_slots: std::thread::available_parallelism().map_or(2, |n| n.get()),
            relative_paths: false,
        }
    }
}

/// What the server reads: the local index, or a cluster that `push` filled
/// (`serve --engine`).
pub enum Store {
    /// The index and its reader, which follows the index's commits.
    Local {
        index: Box<NewsIndex>,
        reader: IndexReader,
    },
    /// The cluster's records, read by `crate::engine`'s calls (they block,
    /// so they run on the blocking pool as tantivy's searches do).
    Engine(Engine),
}

/// What one request reads: the index at its latest commit, or the cluster.
pub enum View<'a> {
    Local {
        index: &'a NewsIndex,
        searcher: Searcher,
    },
    Engine(&'a Engine),
}

/// How long a listing read from a cluster is kept: the cluster tells no
/// commit to key it on, and a push may change it any time.
pub const ENGINE_CACHE: Duration = crate::engine::KEPT_FOR;

/// When a cached listing was made: at a commit of the local index, or at
/// an instant (from a cluster).
#[derive(Clone)]
enum Stamp {
    Commit(CommitSegments),
    Read(Instant),
}

impl Stamp {
    fn of(view: &View<'_>) -> Stamp {
        match view {
            View::Local { searcher, .. } => Stamp::Commit(searcher.generation().segments().clone()),
            View::Engine(_) => Stamp::Read(Instant::now()),
        }
    }

    /// Whether what was made at `self` still holds at `now`.
    fn holds_at(&self, now: &Stamp) -> bool {
        match (self, now) {
            (Stamp::Commit(made), Stamp::Commit(now)) => made == now,
            (Stamp::Read(made), Stamp::Read(_)) => made.elapsed() < ENGINE_CACHE,
            _ => false,
        }
    }
}

/// One value cached per commit (or for [`ENGINE_CACHE`] from a cluster).
type Cached<T> = Mutex<Option<(Stamp, Arc<T>)>>;

/// The value in `cache` if it still holds for `view`, else `make`'s.
fn cached<T>(
    cache: &Cached<T>,
    view: &View<'_>,
    make: impl FnOnce() -> Result<T>,
) -> Result<Arc<T>> {
    let now = Stamp::of(view);
    let mut slot = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((made, value)) = slot.as_ref() {
        if made.holds_at(&now) {
            return Ok(Arc::clone(value));
        }
    }
    let value = Arc::new(make()?);
    *slot = Some((now, Arc::clone(&value)));
    Ok(value)
}

/// What every request shares: what it reads, and how.
pub struct ServeState {
    pub store: Store,
    pub options: ServeOptions,
    /// Where server-side failures are logged (stderr), if anywhere.
    pub messages: Option<crate::messages::Messages>,
    /// Bounds the searches running at once.
    pub search_slots: slots::SearchSlots,
    /// The unfiltered speaker listing of the last commit it was asked for:
    /// the page asks for it on every load, and on a large index it takes
    /// most of a second to count.
    all_speakers: Cached<Vec<SpeakerSummary>>,
    /// The folder holding every indexed file, which paths in answers are
    /// relative to, as of the last commit it was asked for.
    common_folder: Cached<PathBuf>,
}

impl ServeState {
    /// Opens a reader on `index` that follows its commits.
    pub fn new(index: NewsIndex) -> Result<ServeState> {
        ServeState::with_options(index, ServeOptions::default())
    }

    /// [`ServeState::new`] with `options`.
    pub fn with_options(index: NewsIndex, options: ServeOptions) -> Result<ServeState> {
        let reader = index.reader()?;
        let index = Box::new(index);
        Ok(ServeState::of_store(
            Store::Local { index, reader },
            options,
        ))
    }

    /// A server answering from the cluster `engine` (`serve --engine`).
    pub fn on_engine(engine: Engine, options: ServeOptions) -> ServeState {
        ServeState::of_store(Store::Engine(engine), options)
    }

    fn of_store(store: Store, options: ServeOptions) -> ServeState {
        ServeState {
            store,
            search_slots: slots::SearchSlots::new(options.search_slots),
            options,
            messages: None,
            all_speakers: Mutex::new(None),
            common_folder: Mutex::new(None),
        }
    }

    /// What a request reads now: the index's latest searcher, or the
    /// cluster.
    pub fn view(&self) -> View<'_> {
        match &self.store {
            Store::Local { index, reader } => View::Local {
                index,
                searcher: reader.searcher(),
            },
            Store::Engine(engine) => View::Engine(engine),
        }
    }

    /// The folder that paths are shown relative to; found once per commit
    /// from the index's file records (from a cluster, from its article
    /// records, once per [`ENGINE_CACHE`]).
    pub fn common_folder(&self, view: &View<'_>) -> Result<Arc<PathBuf>> {
        cached(&self.common_folder, view, || match view {
            View::Local { index, searcher } => {
                let records = crate::index::records::read(searcher, &index.fields)
                    .map_err(crate::error::Error::from)?;
                Ok(access::common_folder(records.keys()).unwrap_or_default())
            }
            View::Engine(engine) => Ok(engine.common_folder()?.unwrap_or_default()),
        })
    }

    /// Every speaker of the passages `request` asks for (see
    /// [`browse::speakers`]); the unfiltered listing is counted once per
    /// commit (from a cluster, once per [`ENGINE_CACHE`]).
    pub fn speakers(
        &self,
        view: &View<'_>,
        request: &SearchRequest,
    ) -> Result<Arc<Vec<SpeakerSummary>>> {
        let count = || match view {
            View::Local { index, searcher } => browse::speakers(index, searcher, request),
            View::Engine(engine) => crate::engine::browse::speakers(engine, request),
        };
        let unfiltered = request.query.trim().is_empty()
            && request.speakers.is_empty()
            && request.sources.is_empty()
            && request.langs.is_empty()
            && request.since.is_none()
            && request.until.is_none();
        if !unfiltered {
            return Ok(Arc::new(count()?));
        }
        cached(&self.all_speakers, view, count)
    }

    /// The canonical names a typed speaker name stands for, as `quotes`
    /// matches them: the name itself, or a name containing it as whole
    /// words ("blair" → "Tony Blair"), in any of its spellings.
    pub fn speaker_names(&self, view: &View<'_>, typed: &str) -> Result<Vec<String>> {
        let wanted = crate::statement::name_key(typed);
        let listing = self.speakers(view, &SearchRequest::default())?;
        Ok(listing
            .iter()
            .filter(|s| {
                crate::statement::speaks_as(&s.name, &wanted)
                    || s.aliases
                        .iter()
                        .any(|a| crate::statement::speaks_as(a, &wanted))
            })
            .map(|s| s.name.clone())
            .collect())
    }
}

/// The routes of the page and the API.
pub fn router(state: Arc<ServeState>, guard: Guard) -> Router {
    let api = api::routes().with_state(state);
    Router::new()
        .route("/", get(page::index_html))
        .route("/article", get(page::index_html))
        .route("/speaker", get(page::index_html))
        .route("/assets/app.js", get(page::app_js))
        .route("/assets/app.css", get(page::app_css))
        .merge(api)
        .fallback(page::not_found)
        .layer(middleware::from_fn_with_state(
            Arc::new(guard),
            security::guard,
        ))
}

/// Serves `router` on `listener` within `limits` until `shutdown`
/// completes; requests in flight are finished first.
pub async fn run(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: conn::Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    conn::serve(listener, router, limits, shutdown).await
}
