//! Facet counts: for the passages a search matches, how many belong to each
//! speaker, each source and each language, so a user can narrow a search by
//! clicking one.
//!
//! The counts come from tantivy terms aggregations on the `speakers`,
//! `source_exact` and `lang` fast fields, run over the same query [`search`] builds
//! (see [`passage_query`]), so a count is exactly the number of results a
//! click on it adds. Each facet is counted *without its own filter*
//! (speakers under the query, sources and dates, but not the speaker
//! filter): a filter keeps "any of" the names chosen, so the other names
//! stay on offer with the counts they would add.
//!
//! [`search`]: crate::search::search

use crate::error::Result;
use crate::index::NewsIndex;
use crate::search::{passage_query, SearchRequest};
use crate::stats::{aggregate, buckets, Counted};
use serde::Serialize;
use serde_json::json;
use tantivy::Searcher;

/// Values each segment contributes to a count (see [`count`]).
const MAX_SEGMENT_VALUES: usize = 10_000;

/// A field passages can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// Canonical speaker names (a passage with two speakers counts for both).
    Speakers,
    /// Outlet names as extracted.
    Sources,
    /// Article languages (ISO 639-1 codes).
    Languages,
}

impl Facet {
    /// The fast field the counts are read from.
    fn field(self) -> &'static str {
        match self {
            Facet::Speakers => "speakers",
            Facet::Sources => "source_exact",
            Facet::Languages => "lang",
        }
    }

    /// `request` without this facet's own filter: a facet offers the
    /// values a click would add to what is chosen.
    pub fn without_own_filter(self, request: &SearchRequest) -> SearchRequest {
        let mut request = request.clone();
        match self {
            Facet::Speakers => request.speakers.clear(),
            Facet::Sources => request.sources.clear(),
            Facet::Languages => request.langs.clear(),
        }
        request
    }
}

/// The most frequent values of one facet, and how many distinct values
/// there are in all.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCounts {
    /// Values with their passage counts, most passages first (ties by name).
    pub values: Vec<Counted>,
    /// Distinct values among the matching passages (an estimate beyond a
    /// few thousand: tantivy's cardinality aggregation is HyperLogLog).
    pub distinct: u64,
}

/// Speaker, source and language counts for a search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Facets {
    pub speakers: FacetCounts,
    pub sources: FacetCounts,
    pub languages: FacetCounts,
}

/// Counts the `top` values of `facet` over exactly the passages `request`
/// matches (its own filter included).
pub fn count(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    facet: Facet,
    top: usize,
) -> Result<FacetCounts> {
    let [counts] = count_each(index, searcher, request, [facet], top)?;
    Ok(counts)
}

/// Counts several facets over the same passages in one pass.
fn count_each<const N: usize>(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    facets: [Facet; N],
    top: usize,
) -> Result<[FacetCounts; N]> {
    let (query, _) = passage_query(index, searcher, request)?;
    let size = top.clamp(1, MAX_SEGMENT_VALUES);
    // Each segment hands on at most `segment_size` values before they are
    // merged; keeping many makes the merged top counts exact in practice
    // (the cost is a larger merge, not more counting).
    let segment_size = (size * 10).max(MAX_SEGMENT_VALUES);
    let mut request = serde_json::Map::new();
    for facet in &facets {
        let field = facet.field();
        request.insert(
            format!("{field}_values"),
            json!({ "terms": { "field": field, "size": size, "segment_size": segment_size } }),
        );
        request.insert(
            format!("{field}_distinct"),
            json!({ "cardinality": { "field": field } }),
        );
    }
    let aggs = aggregate(searcher, &query, request.into())?;
    Ok(facets.map(|facet| {
        let field = facet.field();
        let mut values = buckets(&aggs[format!("{field}_values")]);
        values.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.name.cmp(&b.name)));
        values.truncate(top);
        let distinct = aggs[format!("{field}_distinct")]["value"]
            .as_f64()
            .unwrap_or(0.0)
            .round() as u64;
        FacetCounts { values, distinct }
    }))
}

/// The facets shown beside search results: each counted under the query
/// and every filter except its own (one pass when none is filtered).
pub fn for_search(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
    top: usize,
) -> Result<Facets> {
    let unfiltered =
        request.speakers.is_empty() && request.sources.is_empty() && request.langs.is_empty();
    let [speakers, sources, languages] = if unfiltered {
        let all = [Facet::Speakers, Facet::Sources, Facet::Languages];
        count_each(index, searcher, request, all, top)?
    } else {
        let each = |facet: Facet| {
            count(
                index,
                searcher,
                &facet.without_own_filter(request),
                facet,
                top,
            )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indexer::analyze::AnalysisOptions;
    use crate::indexer::pipeline::{index_paths, IndexOptions, Silent};
    use std::path::{Path, PathBuf};

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Two outlets; Ana Lima speaks in both, Rui Costa in one.
    fn small_index(dir: &Path) -> NewsIndex {
        let articles = dir.join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        write(
            &articles,
            "a.txt",
            "Port strike ends\n\nBy Jo Bloggs\n\ndate 2025-05-01\n\nLISBON (Daily Wire) — The port strike ended on Monday after a long week of talks.\n\n\"The port is open again,\" Ana Lima said on Monday.\n\n\"We got what we asked for at the port,\" Rui Costa said.\n",
        );
        write(
            &articles,
            "b.txt",
            "Port fees rise\n\nBy Jo Bloggs\n\ndate 2025-06-01\n\nPORTO (Harbour News) — Port fees will rise next year, the city said on Friday.\n\n\"Fees at the port must cover repairs,\" Ana Lima said.\n",
        );
        let index = NewsIndex::create(&dir.join("index")).unwrap();
        let options = IndexOptions {
            analysis: AnalysisOptions { speakers: true },
            ..IndexOptions::default()
        };
        index_paths(&index, &[articles], &options, &Silent).unwrap();
        index
    }

    fn names(counts: &FacetCounts) -> Vec<(&str, u64)> {
        counts
            .values
            .iter()
            .map(|c| (c.name.as_str(), c.passages))
            .collect()
    }

    #[test]
    fn counts_follow_the_query() {
        let dir = tempfile::tempdir().unwrap();
        let index = small_index(dir.path());
        let searcher = index.reader().unwrap().searcher();
        let request = SearchRequest {
            query: "port".into(),
            ..SearchRequest::default()
        };
        let facets = for_search(&index, &searcher, &request, 10).unwrap();
        assert_eq!(
            names(&facets.speakers),
            vec![("Ana Lima", 2), ("Rui Costa", 1)]
        );
        assert_eq!(facets.speakers.distinct, 2);
        assert_eq!(
            names(&facets.sources),
            vec![("Daily Wire", 3), ("Harbour News", 2)]
        );

        let request = SearchRequest {
            query: "fees".into(),
            ..SearchRequest::default()
        };
        let facets = for_search(&index, &searcher, &request, 10).unwrap();
        assert_eq!(names(&facets.speakers), vec![("Ana Lima", 1)]);
        assert_eq!(names(&facets.sources), vec![("Harbour News", 2)]);
    }

    #[test]
    fn a_facet_ignores_its_own_filter_but_not_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let index = small_index(dir.path());
        let searcher = index.reader().unwrap().searcher();
        let request = SearchRequest {
            query: "port".into(),
            speakers: vec!["Rui Costa".into()],
            ..SearchRequest::default()
        };
        let facets = for_search(&index, &searcher, &request, 10).unwrap();
        // Other speakers stay on offer...
        assert_eq!(
            names(&facets.speakers),
            vec![("Ana Lima", 2), ("Rui Costa", 1)]
        );
        // ...while sources are counted for Rui Costa's passages only.
        assert_eq!(names(&facets.sources), vec![("Daily Wire", 1)]);
    }

    #[test]
    fn languages_are_counted_without_the_language_filter() {
        let dir = tempfile::tempdir().unwrap();
        let index = small_index(dir.path());
        let searcher = index.reader().unwrap().searcher();
        let request = SearchRequest {
            query: "port".into(),
            langs: vec!["de".into()],
            ..SearchRequest::default()
        };
        let facets = for_search(&index, &searcher, &request, 10).unwrap();
        // No German passage matches, yet English stays on offer with the
        // passages a click on it would show...
        assert_eq!(names(&facets.languages), vec![("en", 5)]);
        // ...while the other facets count under the language filter.
        assert_eq!(names(&facets.sources), vec![]);
    }

    #[test]
    fn top_limits_the_values_but_not_the_distinct_count() {
        let dir = tempfile::tempdir().unwrap();
        let index = small_index(dir.path());
        let searcher = index.reader().unwrap().searcher();
        let counts = count(
            &index,
            &searcher,
            &SearchRequest::default(),
            Facet::Speakers,
            1,
        )
        .unwrap();
        assert_eq!(names(&counts), vec![("Ana Lima", 2)]);
        assert_eq!(counts.distinct, 2);
    }
}
