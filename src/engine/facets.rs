//! The facets and the timeline beside search results (`serve --engine`),
//! counted on the cluster over the passages a search matches, as
//! [`crate::facets`] and the server's timeline count them locally.
//!
//! The passages are those of [`super::search::passage_query`], the query
//! `search --engine` ranks. Each facet is a `terms` aggregation on the
//! passage records' keyword field, sorted as locally (most passages first,
//! ties by name), with a `shard_size` large enough that the counts are
//! exact in practice, and a `cardinality` for the distinct count (an
//! estimate on both sides beyond a few thousand). The dates are a daily
//! `date_histogram` on `published_at`, without the request's own dates.

use super::search::passage_query;
use super::{Engine, Kind};
use crate::error::Result;
use crate::facets::{Facet, FacetCounts, Facets};
use crate::search::SearchRequest;
use crate::stats::Counted;
use chrono::NaiveDate;
use serde_json::{json, Map};

/// Values each shard contributes to a facet's count, at least.
const SHARD_VALUES: usize = 10_000;

/// The passage record field a facet counts.
fn field(facet: Facet) -> &'static str {
    match facet {
        Facet::Speakers => "speakers",
        Facet::Sources => "source",
        Facet::Languages => "lang",
    }
}

/// Counts `facets` over the passages `request` matches, in one request.
fn count_each<const N: usize>(
    engine: &Engine,
    request: &SearchRequest,
    facets: [Facet; N],
    top: usize,
) -> Result<[FacetCounts; N]> {
    let (query, _) = passage_query(engine, request)?;
    let size = top.max(1);
    let mut aggs = Map::new();
    for facet in facets {
        let field = field(facet);
        aggs.insert(
            format!("{field}_values"),
            json!({ "terms": {
                "field": field,
                "size": size,
                "shard_size": (size * 10).max(SHARD_VALUES),
                "order": [{ "_count": "desc" }, { "_key": "asc" }]
            } }),
        );
        // Under a parent aggregation: OpenSearch (2.15 and later) prunes a
        // top-level `cardinality` on a field of few values "dynamically",
        // and that path fails the shard on some queries ("football -cup":
        // "Failed when performing dynamic pruning in cardinality
        // aggregation"). It never prunes one that has a parent, and a
        // `match_all` filter counts the same documents.
        aggs.insert(
            format!("{field}_distinct"),
            json!({
                "filter": { "match_all": {} },
                "aggs": { "count": {
                    "cardinality": { "field": field, "precision_threshold": 40000 }
                } }
            }),
        );
    }
    let answer = engine.search_all_shards(
        Kind::Passages,
        &json!({
            "size": 0,
            "track_total_hits": false,
            "query": { "bool": query },
            "aggs": aggs
        }),
    )?;
    let aggs = &answer["aggregations"];
    Ok(facets.map(|facet| {
        let field = field(facet);
        let mut values: Vec<Counted> = aggs[format!("{field}_values")]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|b| {
                Some(Counted {
                    name: b["key"].as_str()?.to_string(),
                    passages: b["doc_count"].as_u64()?,
                })
            })
            .collect();
        values.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.name.cmp(&b.name)));
        values.truncate(top);
        let distinct = aggs[format!("{field}_distinct")]["count"]["value"]
            .as_u64()
            .unwrap_or(0);
        FacetCounts { values, distinct }
    }))
}

/// The facets shown beside search results, as [`crate::facets::for_search`]
/// counts them: each under the query and every filter but its own (one
/// request when none is filtered).
pub fn for_search(engine: &Engine, request: &SearchRequest, top: usize) -> Result<Facets> {
    let unfiltered =
        request.speakers.is_empty() && request.sources.is_empty() && request.langs.is_empty();
    let [speakers, sources, languages] = if unfiltered {
        let all = [Facet::Speakers, Facet::Sources, Facet::Languages];
        count_each(engine, request, all, top)?
    } else {
        let each = |facet: Facet| {
            let [counts] = count_each(engine, &facet.without_own_filter(request), [facet], top)?;
            Ok::<_, crate::error::Error>(counts)
        };
        [
            each(Facet::Speakers)?,
            each(Facet::Sources)?,
            each(Facet::Languages)?,
        ]
    };
    Ok(Facets {
        speakers,
        sources,
        languages,
    })
}

/// The passages `request` matches, its dates aside, per day (UTC), and
/// how many of them are undated.
pub fn days(engine: &Engine, request: &SearchRequest) -> Result<(Vec<(NaiveDate, u64)>, u64)> {
    let undated = SearchRequest {
        since: None,
        until: None,
        ..request.clone()
    };
    let (query, _) = passage_query(engine, &undated)?;
    let answer = engine.search_all_shards(
        Kind::Passages,
        &json!({
            "size": 0,
            "track_total_hits": true,
            "query": { "bool": query },
            "aggs": { "days": { "date_histogram": {
                "field": "published_at", "fixed_interval": "1d", "min_doc_count": 1
            } } }
        }),
    )?;
    let days: Vec<(NaiveDate, u64)> = answer["aggregations"]["days"]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| {
            let millis = b["key"].as_i64()?;
            let day = chrono::DateTime::from_timestamp_millis(millis)?.date_naive();
            Some((day, b["doc_count"].as_u64()?))
        })
        .collect();
    let dated: u64 = days.iter().map(|(_, n)| n).sum();
    let all = answer["hits"]["total"]["value"].as_u64().unwrap_or(0);
    Ok((days, all.saturating_sub(dated)))
}
