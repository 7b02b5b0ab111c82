//! The JSON API handlers: each checks its parameters, runs the library on a
//! blocking thread with the latest searcher (or, under `serve --engine`,
//! `crate::engine`'s calls to the cluster, see [`View`]), and answers JSON.
//!
//! Search hits are the objects `newsidx search --json` prints
//! ([`output::hit_json`]), so a program can switch between the CLI and the
//! API without changing its parser. Searching is CPU work on memory-mapped
//! files, so it runs on tokio's blocking pool, behind the search slots of
//! [`ServeState`] (each request weighed by [`Weight`]), and never stalls
//! the threads that accept connections.
//! Every `"path"` of an answer is rewritten relative to the folder holding
//! the indexed files; on a non-loopback address server-side failures are
//! also logged rather than described.

use super::error::ApiError;
use super::params::{no_params, quotes_params, search_params, sources_params, speakers_params};
use super::slots::Weight;
use super::timeline;
use super::{access, ServeState, View, SEARCH_WAIT};
use crate::facets;
use crate::index::schema::{KIND_FILE, KIND_PASSAGE};
use crate::{browse, output, search, stored_article};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::path::Path as FsPath;
use std::sync::Arc;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// Every API endpoint and its handler: adding an endpoint is a line here
/// and its handler below (and its description in `docs/openapi.yaml`).
pub fn routes() -> Router<Arc<ServeState>> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/speakers", get(speakers))
        .route("/api/sources", get(sources))
        .route("/api/quotes", get(quotes))
        .route("/api/articles/{id}", get(article))
        .route("/health", get(health))
        .route("/api/{*rest}", get(unknown_endpoint))
}

type Shared = State<Arc<ServeState>>;

/// Runs `work` with the latest searcher on the blocking pool, once a search
/// slot for a request of its `weight` is free, and answers its value as
/// JSON.
async fn blocking_json<F>(state: Arc<ServeState>, weight: Weight, work: F) -> Response
where
    F: FnOnce(&ServeState, &View<'_>) -> Result<Value, ApiError> + Send + 'static,
{
    let Some(slot) = state.search_slots.acquire(weight, SEARCH_WAIT).await else {
        return ApiError::busy(format!(
            "every search slot stayed busy for {} s; try again shortly",
            SEARCH_WAIT.as_secs()
        ))
        .into_response();
    };
    let relative = state.options.relative_paths;
    let worker = Arc::clone(&state);
    let result = tokio::task::spawn_blocking(move || {
        let view = worker.view();
        let mut value = work(&worker, &view)?;
        // Never an absolute path: the page shows them, and a server's file
        // layout is none of a reader's business. Relative to the folder
        // holding every indexed file they stay unambiguous
        // (`business/021.txt`, not `021.txt`).
        let folder = worker.common_folder(&view)?;
        relative_paths(&mut value, &folder);
        Ok(value)
    })
    .await
    .unwrap_or_else(|e| Err(ApiError::internal(format!("the request failed: {e}"))));
    drop(slot);
    match result {
        Ok(value) => Json(value).into_response(),
        Err(e) if relative && e.status == StatusCode::INTERNAL_SERVER_ERROR => {
            // Server-side messages name absolute paths: log them instead.
            if let Some(messages) = &state.messages {
                messages.warn("serve", &e.message);
            }
            ApiError::internal("the server failed to answer; the reason is in its log")
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

/// Rewrites every string `"path"` in `value` relative to `folder`, and
/// its `"path_bytes"` beside it when the path is not UTF-8 (see `paths`).
fn relative_paths(value: &mut Value, folder: &FsPath) {
    match value {
        Value::Object(map) => {
            let exact = map
                .get("path_bytes")
                .and_then(Value::as_str)
                .and_then(crate::paths::from_bytes_field);
            if let Some(bytes) = &exact {
                let path = crate::paths::from_bytes(bytes);
                let relative = access::relative_path_of(&path, folder);
                let (shown, bytes) =
                    crate::paths::json_fields(relative.as_os_str().as_encoded_bytes());
                map.insert("path".into(), Value::String(shown));
                match bytes {
                    Some(b) => map.insert("path_bytes".into(), Value::String(b)),
                    None => map.remove("path_bytes"),
                };
            }
            for (key, item) in map.iter_mut() {
                if key == "path_bytes" || (key == "path" && exact.is_some()) {
                    continue;
                }
                match item {
                    Value::String(path) if key == "path" => {
                        *path = access::relative_path(path, folder);
                    }
                    _ => relative_paths(item, folder),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| relative_paths(v, folder)),
        _ => {}
    }
}

/// `GET /api/search`: ranked passages, as `search --json` prints them, with
/// the total, speaker/source facet counts and matches over time, and the
/// canonical names each `speaker` filter stands for.
pub async fn search(State(state): Shared, RawQuery(query): RawQuery) -> Response {
    let params = match search_params(query.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    let weight = Weight::of_search(&params.request.query, params.request.prefix);
    blocking_json(state, weight, move |state, view| {
        let request = &params.request;
        let (results, facets, dates, hints) = match view {
            View::Local { index, searcher } => {
                let results = search::search(index, searcher, request)?;
                let facets = match params.facets {
                    true => Some(facets::for_search(
                        index,
                        searcher,
                        request,
                        params.facet_limit,
                    )?),
                    false => None,
                };
                let dates = match params.facets {
                    true => Some(timeline::of_search(index, searcher, request)?),
                    false => None,
                };
                let hints = match results.hits.is_empty() {
                    true => crate::hints::why_empty(index, searcher, request)?,
                    false => Vec::new(),
                };
                (results, facets, dates, hints)
            }
            // No hints: they read the local index (the CLI gives none
            // with --engine either).
            View::Engine(engine) => {
                let results = crate::engine::search::search(engine, request)?;
                let facets = match params.facets {
                    true => Some(crate::engine::facets::for_search(
                        engine,
                        request,
                        params.facet_limit,
                    )?),
                    false => None,
                };
                let dates = match params.facets {
                    true => {
                        let (days, undated) = crate::engine::facets::days(engine, request)?;
                        Some(timeline::of_days(days, undated))
                    }
                    false => None,
                };
                (results, facets, dates, Vec::new())
            }
        };
        let page = output::SearchPage {
            total: results.total,
            groups: results.groups,
            groups_at_least: results.groups_at_least,
            offset: request.offset,
            limit: request.limit,
            hits: &results.hits,
            facets: facets.as_ref(),
            hints: &hints,
        };
        let mut value = serde_json::to_value(page).map_err(internal)?;
        if let (Some(dates), Some(facets)) = (dates, value.get_mut("facets")) {
            facets["dates"] = serde_json::to_value(dates).map_err(internal)?;
        }
        let mut names = Vec::new();
        for typed in &request.speakers {
            let canonical = state.speaker_names(view, typed)?;
            names.push(json!({ "given": typed, "names": canonical }));
        }
        value["speaker_names"] = Value::Array(names);
        Ok(value)
    })
    .await
}

/// `GET /api/quotes`: one speaker's distinct statements (as
/// `newsidx quotes --json` prints them), a page of them, with the names
/// matched, the outlets that carried them and their count over time.
pub async fn quotes(State(state): Shared, RawQuery(query): RawQuery) -> Response {
    let params = match quotes_params(query.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    blocking_json(state, Weight::Heavy, move |state, view| {
        let request = &params.request;
        let statements = match view {
            View::Local { index, searcher } => {
                browse::quotes(index, searcher, &params.speaker, request, params.order)?
            }
            View::Engine(engine) => {
                crate::engine::browse::quotes(engine, &params.speaker, request, params.order)?
            }
        };
        let mut names: Vec<&str> = Vec::new();
        for s in &statements {
            if !names.contains(&s.speaker.as_str()) {
                names.push(&s.speaker);
            }
        }
        let names: Vec<String> = if names.is_empty() {
            state.speaker_names(view, &params.speaker)?
        } else {
            names.into_iter().map(str::to_string).collect()
        };
        let mut outlets: Vec<(String, usize)> = Vec::new();
        for s in &statements {
            for outlet in &s.outlets {
                match outlets.iter_mut().find(|(name, _)| name == outlet) {
                    Some((_, n)) => *n += 1,
                    None => outlets.push((outlet.clone(), 1)),
                }
            }
        }
        outlets.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let dated = statements.iter().filter_map(|s| {
            let day = s.first_date.as_deref()?.get(..10)?;
            Some((day.parse().ok()?, 1))
        });
        let undated = statements.iter().filter(|s| s.first_date.is_none()).count();
        let over_time = timeline::of_days(dated, undated as u64);
        let page: Vec<_> = statements
            .iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        Ok(json!({
            "speaker": params.speaker,
            "names": names,
            "total": statements.len(),
            "offset": request.offset,
            "limit": request.limit,
            "statements": page,
            "outlets": outlets
                .iter()
                .map(|(name, n)| json!({ "name": name, "statements": n }))
                .collect::<Vec<_>>(),
            "timeline": over_time,
        }))
    })
    .await
}

/// `GET /api/speakers`: every speaker of the passages matching the optional
/// query and filters, most statements first (as `newsidx speakers --json`).
pub async fn speakers(State(state): Shared, RawQuery(query): RawQuery) -> Response {
    let params = match speakers_params(query.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    blocking_json(state, Weight::Heavy, move |state, view| {
        let speakers = state.speakers(view, &params.request)?;
        let shown = &speakers[..speakers.len().min(params.limit)];
        Ok(json!({ "speakers": shown, "distinct": speakers.len() }))
    })
    .await
}

/// `GET /api/sources`: every source, most articles first (as
/// `newsidx sources --json`).
pub async fn sources(State(state): Shared, RawQuery(query): RawQuery) -> Response {
    let params = match sources_params(query.as_deref()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    blocking_json(state, Weight::Heavy, move |_, view| {
        let mut sources = match view {
            View::Local { index, searcher } => browse::sources(index, searcher)?,
            View::Engine(engine) => crate::engine::browse::sources(engine)?,
        };
        let distinct = sources.len();
        sources.truncate(params.limit);
        Ok(json!({ "sources": sources, "distinct": distinct }))
    })
    .await
}

/// `GET /api/articles/{id}`: an article's metadata and all its passages.
pub async fn article(
    State(state): Shared,
    id: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let id = match id {
        Ok(Path(id)) => id,
        Err(e) => return ApiError::bad_parameter("id", e.body_text()).into_response(),
    };
    if let Err(e) = no_params(query.as_deref()) {
        return e.into_response();
    }
    blocking_json(state, Weight::Quick, move |_, view| {
        let found = match view {
            View::Local { index, searcher } => stored_article::find(index, searcher, &id)?,
            View::Engine(engine) => crate::engine::article::find(engine, &id)?,
        };
        match found {
            Some(article) => serde_json::to_value(article).map_err(internal),
            None => Err(ApiError::not_found(
                "id",
                format!("no article with id {id:?} in the index; ids come from the article_id of search results"),
            )),
        }
    })
    .await
}

/// `GET /health`: the server is up and reads the index; how much it holds.
pub async fn health(State(state): Shared, RawQuery(query): RawQuery) -> Response {
    if let Err(e) = no_params(query.as_deref()) {
        return e.into_response();
    }
    blocking_json(state, Weight::Quick, move |state, view| {
        let (index, files, passages) = match view {
            View::Local { index, searcher } => {
                let count = |kind: &str| {
                    let query = TermQuery::new(
                        Term::from_field_text(index.fields.kind, kind),
                        IndexRecordOption::Basic,
                    );
                    searcher.search(&query, &Count)
                };
                let passages = count(KIND_PASSAGE).map_err(|e| internal(e.to_string()))?;
                let files = count(KIND_FILE).map_err(|e| internal(e.to_string()))?;
                let shown = if state.options.relative_paths {
                    let name = index.dir.file_name().unwrap_or_default();
                    name.to_string_lossy().into_owned()
                } else {
                    index.dir.display().to_string()
                };
                (shown, files as u64, passages as u64)
            }
            // The push name; files are the article records it sent.
            View::Engine(engine) => {
                let files = engine.count(crate::engine::Kind::Articles)?;
                let passages = engine.count(crate::engine::Kind::Passages)?;
                (engine.name.clone(), files, passages)
            }
        };
        Ok(json!({
            "status": "ok",
            "version": env!("CARGO_PKG_VERSION"),
            "index": index,
            "files": files,
            "passages": passages,
        }))
    })
    .await
}

/// Any other path under `/api/`.
pub async fn unknown_endpoint(uri: axum::http::Uri) -> Response {
    ApiError {
        parameter: None,
        ..ApiError::not_found(
            "",
            format!(
                "no endpoint {}; see /api/search, /api/quotes, /api/speakers, /api/sources, /api/articles/ID, /health",
                uri.path()
            ),
        )
    }
    .into_response()
}

fn internal(e: impl ToString) -> ApiError {
    ApiError::internal(e.to_string())
}
