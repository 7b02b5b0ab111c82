//! `speakers`, `sources` and `quotes` from the cluster: the same tallies
//! and the same folding as `crate::browse`, fed from aggregations over the
//! passage records and from the statement records.

use super::{Engine, Kind};
use crate::attribution::directory::Directory;
use crate::browse::{
    self, Carrier, DistinctStatement, OutletCounts, QuoteGroups, QuoteOrder, SourceSummary,
    SpeakerSummary, Tally,
};
use crate::error::Error;
use crate::index::schema::ALIAS_SEPARATOR;
use crate::search::SearchRequest;
use crate::statement::{name_key, speaks_as, StatementRecord};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Records asked for in one page of a listing.
const PAGE: usize = 1000;

/// A composite-aggregation source over keyword `field`; `missing` keeps
/// the records without it as a `null` key.
fn terms(name: &str, field: &str, missing: bool) -> Value {
    json!({ name: { "terms": { "field": field, "missing_bucket": missing } } })
}

/// A date aggregation's value (epoch milliseconds) in seconds.
fn seconds(value: &Value) -> Option<i64> {
    value["value"]
        .as_f64()
        .map(|ms| (ms / 1000.0).floor() as i64)
}

/// Every speaker of the passages matching `filters` (and their words, if
/// any), as [`browse::speakers`] lists them.
pub fn speakers(engine: &Engine, filters: &SearchRequest) -> Result<Vec<SpeakerSummary>, Error> {
    let mut passage_filter = engine.filters(Kind::Passages, filters)?;
    let words = super::search::words_query(engine, &filters.query)?;
    if let Some(words) = &words {
        passage_filter.push(words.clone());
    }
    let mut tallies: HashMap<Option<String>, Tally> = HashMap::new();
    let buckets = engine.composite(
        Kind::Passages,
        &passage_filter,
        json!([
            terms("speaker", "speakers", false),
            terms("article", "article_id", false),
            terms("source", "source", true),
        ]),
        None,
    )?;
    for b in &buckets {
        let Some(name) = b["key"]["speaker"].as_str() else {
            continue;
        };
        let tally = tallies.entry(Some(name.to_string())).or_default();
        tally.passages += b["doc_count"].as_u64().unwrap_or(0);
        if let Some(article) = b["key"]["article"].as_str() {
            tally.articles.insert(article.to_string());
        }
        if let Some(source) = b["key"]["source"].as_str() {
            tally.sources.insert(source.to_string());
        }
    }
    match words {
        // Statements by speaker, counted on the statement records (an
        // aggregation over the passages' lists would count each passage
        // once), which carry the filters' fields as their passages do.
        None => {
            let statement_filter = engine.filters(Kind::Statements, filters)?;
            for b in engine.composite(
                Kind::Statements,
                &statement_filter,
                json!([terms("speaker", "speaker", false)]),
                None,
            )? {
                let name = b["key"]["speaker"].as_str().map(str::to_string);
                if let Some(tally) = tallies.get_mut(&name) {
                    tally.statements += b["doc_count"].as_u64().unwrap_or(0);
                }
            }
        }
        // Words match passages, not statements: the statements of the
        // matching passages are counted from those passages' own lists of
        // statement speakers (see [`statements_of_passages`]).
        Some(_) => statements_of_passages(engine, &passage_filter, &mut tallies)?,
    }
    for b in engine.composite(
        Kind::Passages,
        &passage_filter,
        json!([terms("alias", "speaker_aliases", false)]),
        None,
    )? {
        let Some((name, alias)) = b["key"]["alias"]
            .as_str()
            .and_then(|pair| pair.split_once(ALIAS_SEPARATOR))
        else {
            continue;
        };
        if let Some(tally) = tallies.get_mut(&Some(name.to_string())) {
            tally.aliases.insert(alias.to_string());
        }
    }
    // Canonical names from every name of the cluster, as the local index
    // reads them from its whole dictionary. Unfiltered, the tallies hold
    // every name already, each with the passages that carry it: the same
    // list, without reading it again.
    // (sorted by name, as the cluster lists them).
    let every_name = match passage_filter.is_empty() {
        true => {
            let mut names: Vec<(String, u64)> = tallies
                .iter()
                .filter_map(|(name, t)| Some((name.clone()?, t.passages)))
                .collect();
            names.sort();
            names
        }
        false => engine.distinct(Kind::Passages, "speakers")?,
    };
    let directory = Directory::build(every_name);
    Ok(browse::speaker_summaries(tallies, &directory))
}

/// Adds to `tallies` the statements of the passages matching `filter`,
/// by speaker, as the local index counts them: each passage record lists
/// the speaker of each of its statements (`statement_speakers`, a name
/// once per statement), so the count is read from those lists, a page of
/// passages at a time.
///
/// Neither a `terms` aggregation on that list (doc values keep a name once
/// per passage, however many statements it has) nor the statement records
/// (words match passages, and a statement record holds no passage text)
/// can count them in the cluster. Only passages with statements are read,
/// only that field of each: the memory held is one page ([`PAGE`]
/// passages) besides the tallies, and the requests grow with the matching
/// passages that have statements (one per [`PAGE`]).
fn statements_of_passages(
    engine: &Engine,
    filter: &[Value],
    tallies: &mut HashMap<Option<String>, Tally>,
) -> Result<(), Error> {
    let mut with_statements = filter.to_vec();
    with_statements.push(json!({ "exists": { "field": "statement_speakers" } }));
    each_hit(
        engine,
        Kind::Passages,
        &with_statements,
        None,
        &["statement_speakers"],
        |source, _| {
            for name in source["statement_speakers"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let name = name.as_str().map(str::to_string);
                if let Some(tally) = tallies.get_mut(&name) {
                    tally.statements += 1;
                }
            }
        },
    )
}

/// Every source of the cluster, as [`browse::sources`] lists them.
///
/// One bucket per outlet (not per article): an article's passages are
/// numbered from 0 and share its outlet, so the articles of an outlet are
/// its passages numbered 0, counted exactly by a `filter` under the
/// outlet's bucket, beside the earliest and latest date of its passages.
pub fn sources(engine: &Engine) -> Result<Vec<SourceSummary>, Error> {
    let buckets = engine.composite(
        Kind::Passages,
        &[],
        json!([terms("source", "source", true)]),
        Some(json!({
            "articles": { "filter": { "term": { "passage": 0 } } },
            "first": { "min": { "field": "published_at" } },
            "last": { "max": { "field": "published_at" } }
        })),
    )?;
    Ok(browse::source_summaries(buckets.iter().map(|b| {
        let counts = OutletCounts {
            articles: b["articles"]["doc_count"].as_u64().unwrap_or(0) as usize,
            passages: b["doc_count"].as_u64().unwrap_or(0),
            first: seconds(&b["first"]),
            last: seconds(&b["last"]),
        };
        (b["key"]["source"].as_str().map(str::to_string), counts)
    })))
}

/// The distinct statements of `speaker` matching `filters`, in `order`,
/// as [`browse::quotes`] lists them: every statement record of the
/// speaker, folded by quote group.
///
/// A `collapse` on `group` would return one record per group but caps the
/// carriers of each at the inner-hits window (100); the listing shows
/// every carrier, so the records are read in pages and folded here.
pub fn quotes(
    engine: &Engine,
    speaker: &str,
    filters: &SearchRequest,
    order: QuoteOrder,
) -> Result<Vec<DistinctStatement>, Error> {
    let mut filter = engine.filters(Kind::Statements, filters)?;
    // Locally the speaker's statements are read from the passages that
    // match `--speaker` (and the query, if any, which scores them for
    // `--sort relevance`): the same passages here.
    let words = super::search::words_query(engine, &filters.query)?;
    let mut passage_filter = engine.filters(Kind::Passages, filters)?;
    passage_filter.push(engine.speaker_filter(&[speaker.to_string()])?);
    let matching = passage_filter.clone();
    if let Some(words) = &words {
        passage_filter.push(words.clone());
    }
    // The speakers of those passages' statements that are the one asked
    // for (read from those passages only, not from every name).
    let wanted = name_key(speaker);
    let names: Vec<String> = engine
        .composite(
            Kind::Passages,
            &passage_filter,
            json!([terms("speaker", "statement_speakers", false)]),
            None,
        )?
        .iter()
        .filter_map(|b| b["key"]["speaker"].as_str())
        .filter(|name| speaks_as(name, &wanted))
        .map(str::to_string)
        .collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    filter.push(json!({ "terms": { "speaker": names } }));
    let passages: HashMap<(String, u64), f32> = all_hits(
        engine,
        Kind::Passages,
        &matching,
        words.as_ref(),
        &["article_id", "passage"],
    )?
    .into_iter()
    .map(|(p, score)| {
        let key = (
            p["article_id"].as_str().unwrap_or_default().to_string(),
            p["passage"].as_u64().unwrap_or(0),
        );
        (key, score)
    })
    .collect();
    let mut records: Vec<(StatementRecord, f32)> = Vec::new();
    for (source, _) in all_hits(engine, Kind::Statements, &filter, None, &[])? {
        let record: StatementRecord = serde_json::from_value(source).map_err(|e| Error::Cluster {
            address: engine.cluster.address.clone(),
            reason: format!(
                "{} holds a record that is not a newsidx statement ({e}); push again under another name",
                engine.index(Kind::Statements)
            ),
        })?;
        if let Some(&score) = passages.get(&(record.article_id.clone(), record.passage)) {
            records.push((record, score));
        }
    }
    let mut groups = QuoteGroups::default();
    for (record, score) in records {
        let carrier = Carrier::of(&record);
        let group = record
            .group
            .clone()
            .unwrap_or_else(|| format!("{}:{}", record.path, record.start));
        groups.add(group, record, &carrier, score);
    }
    Ok(groups.finish(order))
}

/// The `_source` (only `fields`, or all of it when empty) of every record
/// of `kind` matching `filter` and `words` (a query that scores), with its
/// score (0 without `words`), read in pages in id order.
fn all_hits(
    engine: &Engine,
    kind: Kind,
    filter: &[Value],
    words: Option<&Value>,
    fields: &[&str],
) -> Result<Vec<(Value, f32)>, Error> {
    let mut out = Vec::new();
    each_hit(engine, kind, filter, words, fields, |source, score| {
        out.push((source, score))
    })?;
    Ok(out)
}

/// [`all_hits`], each handed to `each` as its page arrives (pages of
/// [`PAGE`], read with `search_after` in id order).
fn each_hit(
    engine: &Engine,
    kind: Kind,
    filter: &[Value],
    words: Option<&Value>,
    fields: &[&str],
    mut each: impl FnMut(Value, f32),
) -> Result<(), Error> {
    let mut after: Option<Value> = None;
    let mut query = json!({ "filter": filter });
    if let Some(words) = words {
        query["must"] = json!([words]);
    }
    loop {
        let mut body = json!({
            "size": PAGE,
            "query": { "bool": query },
            "sort": [{ "id": "asc" }],
            "track_scores": words.is_some()
        });
        if !fields.is_empty() {
            body["_source"] = json!(fields);
        }
        if let Some(a) = &after {
            body["search_after"] = a.clone();
        }
        let answer = match words {
            Some(_) => engine.search_all_shards(kind, &body)?,
            None => engine.search(kind, &body)?,
        };
        let hits = answer["hits"]["hits"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let full = hits.len() == PAGE;
        after = hits.last().map(|h| h["sort"].clone());
        for mut h in hits {
            let score = h["_score"].as_f64().unwrap_or(0.0) as f32;
            each(h["_source"].take(), score);
        }
        if !full {
            return Ok(());
        }
    }
}
