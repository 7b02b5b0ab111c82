//! Reading one indexed article back: its metadata and all its passages in
//! order, with their speakers and statements, from the stored fields.
//!
//! The index holds passages, not articles; an article is the passages that
//! share an `article_id`. This is what a reader opens after a search hit
//! sends them to "the whole article", so it needs no access to the original
//! file (which may have moved or changed since it was indexed).

use crate::error::Result;
use crate::index::schema::{Fields, KIND_PASSAGE};
use crate::index::NewsIndex;
use crate::search::date_string;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

/// An article as the index stores it.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub id: String,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// RFC 3339, or null when the article has no date.
    pub date: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, or null when unknown.
    pub lang: Option<String>,
    /// Every passage, in article order.
    pub passages: Vec<StoredPassage>,
}

/// One passage of a [`StoredArticle`].
#[derive(Debug, Clone, Serialize)]
pub struct StoredPassage {
    /// Position in the article, from 0 (the `passage` of a search hit).
    pub passage: u64,
    pub line: u64,
    pub start: u64,
    pub end: u64,
    pub heading: Option<String>,
    pub speakers: Vec<String>,
    pub text: String,
    /// The statements found in the passage (as `analyze --json` prints them).
    pub statements: serde_json::Value,
}

/// Looks up the article with `id`; `None` when the index has no such article.
pub fn find(index: &NewsIndex, searcher: &Searcher, id: &str) -> Result<Option<StoredArticle>> {
    let fields = &index.fields;
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let query = BooleanQuery::intersection(vec![
        term(fields.kind, KIND_PASSAGE),
        term(fields.article_id, id),
    ]);
    let addresses = searcher.search(&query, &DocSetCollector)?;
    let mut docs = Vec::with_capacity(addresses.len());
    for address in addresses {
        docs.push(searcher.doc::<TantivyDocument>(address)?);
    }
    let Some(first) = docs.first() else {
        return Ok(None);
    };
    let (path, path_bytes) =
        crate::paths::stored_json_fields(&text(first, fields.path).unwrap_or_default());
    let mut article = StoredArticle {
        id: id.to_string(),
        path,
        path_bytes,
        title: text(first, fields.title),
        source: text(first, fields.source_exact),
        author: text(first, fields.author),
        date: first
            .get_first(fields.date)
            .and_then(|v| v.as_datetime())
            .and_then(date_string),
        url: text(first, fields.url),
        lang: text(first, fields.lang),
        passages: docs.iter().map(|doc| passage(fields, doc)).collect(),
    };
    article.passages.sort_by_key(|p| p.passage);
    Ok(Some(article))
}

fn passage(fields: &Fields, doc: &TantivyDocument) -> StoredPassage {
    let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    StoredPassage {
        passage: number(fields.passage),
        line: number(fields.line),
        start: number(fields.start),
        end: number(fields.end),
        heading: text(doc, fields.heading),
        speakers: doc
            .get_all(fields.speakers)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        text: text(doc, fields.text).unwrap_or_default(),
        statements: crate::index::codec::statements_value(fields, doc),
    }
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indexer::pipeline::{index_paths, IndexOptions, Silent};
    use crate::search::{search, SearchRequest};

    #[test]
    fn finds_every_passage_of_a_hit_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            articles.join("a.txt"),
            "Port strike ends\n\nBy Jo Bloggs\n\ndate 2025-05-01\n\nLISBON (Daily Wire) — The strike ended on Monday after a long week of talks.\n\n\"The port is open again,\" Ana Lima said.\n\nShips queued outside the harbour all week.\n",
        )
        .unwrap();
        let index = NewsIndex::create(&dir.path().join("index")).unwrap();
        index_paths(&index, &[articles], &IndexOptions::default(), &Silent).unwrap();
        let searcher = index.reader().unwrap().searcher();
        let request = SearchRequest {
            query: "harbour".into(),
            limit: 1,
            ..SearchRequest::default()
        };
        let hit = search(&index, &searcher, &request).unwrap().hits.remove(0);

        let article = find(&index, &searcher, &hit.article_id).unwrap().unwrap();
        assert_eq!(article.title.as_deref(), Some("Port strike ends"));
        assert_eq!(article.source.as_deref(), Some("Daily Wire"));
        assert_eq!(article.date.as_deref(), Some("2025-05-01T00:00:00Z"));
        let numbers: Vec<u64> = article.passages.iter().map(|p| p.passage).collect();
        assert_eq!(
            numbers,
            (0..article.passages.len() as u64).collect::<Vec<_>>()
        );
        let found = &article.passages[hit.passage as usize];
        assert_eq!(found.text, hit.text);
        let quoted = article
            .passages
            .iter()
            .find(|p| p.text.contains("open again"))
            .unwrap();
        assert_eq!(quoted.speakers, vec!["Ana Lima".to_string()]);
        assert_eq!(quoted.statements[0]["speaker"], "Ana Lima");
    }

    #[test]
    fn an_unknown_id_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(dir.path()).unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert!(find(&index, &searcher, "nope").unwrap().is_none());
    }
}
