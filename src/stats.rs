//! What an index holds: counts of files, articles and passages, and the
//! sources and speakers with the most passages, computed with tantivy
//! aggregations over fast fields (no stored documents are read).

use crate::attribution::directory::Directory;
use crate::error::Result;
use crate::index::schema::{KIND_FILE, KIND_PASSAGE};
use crate::index::NewsIndex;
use crate::syndication::fold::{GroupSummary, MatchGroups};
use serde::Serialize;
use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::AggregationCollector;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// A name with a count.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Counted {
    pub name: String,
    pub passages: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub files: usize,
    pub articles: u64,
    pub passages: usize,
    /// Passages with at least one speaker.
    pub attributed_passages: usize,
    /// Attributed statements: the records `export` writes.
    pub statements: u64,
    /// Number of distinct sources and speakers.
    pub source_count: u64,
    pub speaker_count: u64,
    /// The sources and speakers with the most passages.
    pub sources: Vec<Counted>,
    pub speakers: Vec<Counted>,
    /// Passages per language (ISO 639-1), most first; passages of articles
    /// whose language is unknown are not counted.
    pub languages: Vec<Counted>,
    pub size_bytes: u64,
    /// How passages group into copies (see `syndication`).
    pub copies: GroupSummary,
}

fn kind_query(index: &NewsIndex, kind: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(index.fields.kind, kind),
        IndexRecordOption::Basic,
    )
}

/// More languages than `language` can name.
const LANGUAGES: usize = 200;

/// Speaker names counted before merging them into canonical groups.
const ALL_SPEAKERS: usize = 100_000;

/// Computes the statistics of the latest commit; lists the `top` sources
/// and speakers.
pub fn compute(index: &NewsIndex, searcher: &Searcher, top: usize) -> Result<Stats> {
    let passages_q = kind_query(index, KIND_PASSAGE);
    let files_q = kind_query(index, KIND_FILE);
    let passages = searcher.search(&passages_q, &Count)?;
    let files = searcher.search(&files_q, &Count)?;

    let file_aggs = aggregate(
        searcher,
        &files_q,
        json!({ "articles": { "sum": { "field": "articles" } } }),
    )?;
    let articles = file_aggs["articles"]["value"].as_f64().unwrap_or(0.0) as u64;

    let size = top.max(1);
    let aggs = aggregate(
        searcher,
        &passages_q,
        json!({
            "sources": { "terms": { "field": "source_exact", "size": size } },
            "speakers": { "terms": { "field": "speakers", "size": ALL_SPEAKERS } },
            "source_count": { "cardinality": { "field": "source_exact" } },
            "languages": { "terms": { "field": "lang", "size": LANGUAGES } },
        }),
    )?;
    // One person, one line: the forms of a name merge into its canonical
    // group ("Yury Ushakov" and "Yuri Ushakov", "Witkoff" and "Steve
    // Witkoff").
    let directory = Directory::from_index(searcher, index.fields.speakers)?;
    let mut by_canonical: std::collections::HashMap<String, u64> = Default::default();
    for b in buckets(&aggs["speakers"]) {
        *by_canonical
            .entry(directory.canonical(&b.name).to_string())
            .or_default() += b.passages;
    }
    let mut speakers: Vec<Counted> = by_canonical
        .into_iter()
        .map(|(name, passages)| Counted { name, passages })
        .collect();
    speakers.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then_with(|| a.name.cmp(&b.name))
    });
    let speaker_count = speakers.len() as u64;
    speakers.truncate(size);
    let attributed_passages = count_attributed(index, searcher)?;
    Ok(Stats {
        files,
        articles,
        passages,
        attributed_passages,
        statements: searcher.search(&passages_q, &StatementCount)?,
        source_count: aggs["source_count"]["value"]
            .as_f64()
            .unwrap_or(0.0)
            .round() as u64,
        speaker_count,
        sources: buckets(&aggs["sources"]),
        speakers,
        languages: buckets(&aggs["languages"]),
        size_bytes: index.size_on_disk(),
        copies: searcher.search(&passages_q, &MatchGroups)?.summary(),
    })
}

/// Passages that carry at least one speaker.
fn count_attributed(index: &NewsIndex, searcher: &Searcher) -> Result<usize> {
    let query = tantivy::query::ExistsQuery::new("speakers".to_string(), false);
    let passages = kind_query(index, KIND_PASSAGE);
    let both =
        tantivy::query::BooleanQuery::intersection(vec![Box::new(query), Box::new(passages)]);
    Ok(searcher.search(&both, &Count)?)
}

/// Counts the statements of the matching passages: one `statement_speakers`
/// value per statement, read from the fast field.
struct StatementCount;

struct StatementCountSegment {
    column: Option<tantivy::columnar::StrColumn>,
    count: u64,
}

impl tantivy::collector::Collector for StatementCount {
    type Fruit = u64;
    type Child = StatementCountSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<StatementCountSegment> {
        Ok(StatementCountSegment {
            column: reader.fast_fields().str("statement_speakers")?,
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<u64>) -> tantivy::Result<u64> {
        Ok(fruits.into_iter().sum())
    }
}

impl tantivy::collector::SegmentCollector for StatementCountSegment {
    type Fruit = u64;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        if let Some(column) = &self.column {
            self.count += column.term_ords(doc).count() as u64;
        }
    }

    fn harvest(self) -> u64 {
        self.count
    }
}

/// Runs aggregations written as Elasticsearch-style JSON.
pub fn aggregate(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    request: Value,
) -> Result<Value> {
    let aggs: Aggregations = serde_json::from_value(request).expect("aggregation request is valid");
    let collector = AggregationCollector::from_aggs(aggs, Default::default());
    let results = searcher.search(query, &collector)?;
    Ok(serde_json::to_value(results).expect("aggregation results serialize"))
}

/// The `key`/`doc_count` pairs of a terms aggregation.
pub fn buckets(agg: &Value) -> Vec<Counted> {
    agg["buckets"]
        .as_array()
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| {
                    Some(Counted {
                        name: b["key"].as_str()?.to_string(),
                        passages: b["doc_count"].as_u64()?,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
