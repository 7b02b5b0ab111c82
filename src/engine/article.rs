//! One article read back from the cluster (`/api/articles/{id}` of
//! `serve --engine`): its passage records in order, with their statements,
//! as [`crate::stored_article::find`] reads them from the local index.
//!
//! The passage records hold what the local index stores for each passage
//! (text, offsets, heading, speakers as written, the article's metadata);
//! each statement is written back from its statement record in the shape
//! the local index stores it (`analyze --json`'s, with its quote group).

use super::search::{passage, statements_by_id};
use super::{Engine, Kind};
use crate::error::Result;
use crate::statement::StatementRecord;
use crate::stored_article::{StoredArticle, StoredPassage};
use serde_json::{json, Value};

/// The most passages one article is read with (OpenSearch's default
/// result window).
const MAX_PASSAGES: usize = 10_000;

/// The article with `id`; `None` when the cluster has no passage of it.
pub fn find(engine: &Engine, id: &str) -> Result<Option<StoredArticle>> {
    let answer = engine.search(
        Kind::Passages,
        &json!({
            "size": MAX_PASSAGES,
            "query": { "bool": { "filter": [{ "term": { "article_id": id } }] } },
            "sort": [{ "passage": "asc" }]
        }),
    )?;
    let mut records = Vec::new();
    for found in answer["hits"]["hits"].as_array().into_iter().flatten() {
        records.push(passage(engine, &found["_source"])?);
    }
    let Some(first) = records.first() else {
        return Ok(None);
    };
    let wanted: Vec<&str> = records
        .iter()
        .flat_map(|r| r.statement_ids.iter().map(String::as_str))
        .collect();
    let statements = statements_by_id(engine, &wanted)?;
    let mut article = StoredArticle {
        id: id.to_string(),
        path: first.path.clone(),
        path_bytes: first.path_bytes.clone(),
        title: first.title.clone(),
        source: first.source.clone(),
        author: first.author.clone(),
        date: first.published_at.clone(),
        url: first.url.clone(),
        lang: first.lang.clone(),
        passages: Vec::with_capacity(records.len()),
    };
    for record in records {
        let stored: Vec<Value> = record
            .statement_ids
            .iter()
            .filter_map(|id| statements.get(id))
            .map(as_stored)
            .collect();
        article.passages.push(StoredPassage {
            passage: record.passage,
            line: record.line,
            start: record.start,
            end: record.end,
            heading: record.heading,
            speakers: record.speakers,
            text: record.text,
            statements: Value::Array(stored),
        });
    }
    Ok(Some(article))
}

/// A statement record as the local index stores the statement in its
/// passage (`crate::index::codec::statements_json`).
fn as_stored(record: &StatementRecord) -> Value {
    let mut value = json!({
        "passage": record.passage,
        "start": record.start,
        "end": record.end,
        "kind": record.kind.as_str(),
        "cue": record.cue,
        "speaker_text": record.speaker_as_written,
        "speaker": record.speaker,
    });
    if let Some(group) = &record.group {
        value["group"] = group.clone().into();
    }
    value
}
