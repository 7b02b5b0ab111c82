//! The stored document format, in one place: which fields a passage
//! document and a file record carry, how each value is encoded when a
//! document is written, and how the stored values that other modules read
//! back (statements JSON, group labels, dates) are decoded.
//!
//! The schema ([`super::schema`]) says which fields exist and how tantivy
//! indexes them; this module says what goes into them. The indexer writes
//! documents only through [`PassageDocuments`], [`repointed_passage`] and
//! [`file_record`], so a field added here is added everywhere.

use super::records::FileRecord;
use super::schema::{Fields, LanguageFields, ALIAS_SEPARATOR, KIND_FILE, KIND_PASSAGE};
use crate::article::{AnalyzedArticle, Article, Passage, Statement};
use crate::attribution::directory::speaker_key;
use crate::attribution::names::surname;
use std::collections::HashMap;
use std::path::Path;
use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument, Term};

/// The path as stored in the index: losslessly, also when it is not
/// UTF-8 (see [`crate::paths::stored`]).
pub fn path_str(path: &Path) -> String {
    crate::paths::stored(path)
}

pub fn path_term(fields: &Fields, path: &Path) -> Term {
    Term::from_field_text(fields.path, &path_str(path))
}

/// The record document of an indexed file: what incremental indexing
/// compares on the next run (see [`records`](super::records)).
pub fn file_record(fields: &Fields, path: &Path, record: &FileRecord) -> TantivyDocument {
    let path = path_str(path);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, KIND_FILE);
    doc.add_text(fields.record, &path);
    doc.add_text(fields.path, &path);
    doc.add_text(fields.hash, &record.hash);
    doc.add_u64(fields.size, record.size);
    doc.add_u64(fields.mtime, record.mtime);
    doc.add_u64(fields.passages, record.passages);
    doc.add_u64(fields.articles, record.articles);
    // Not a copy group: a value in every document keeps the `group` column
    // dense, which is cheaper to read for every match of a search.
    doc.add_u64(fields.group, NO_GROUP);
    doc
}

/// The `group` of file records.
pub const NO_GROUP: u64 = 0;

/// An RFC 3339 date as a tantivy date.
pub fn to_tantivy_date(rfc3339: &str) -> Option<DateTime> {
    let parsed = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some(DateTime::from_timestamp_secs(parsed.timestamp()))
}

/// One document per passage of an analysed article; `groups` holds each
/// passage's copy group (from `syndication::Grouper::group_article`) and
/// `keys` its key for copy labels (`syndication::labels::passage_key_of`).
pub fn passage_documents(
    fields: &Fields,
    analyzed: &AnalyzedArticle,
    groups: &[PassageGrouping],
    keys: &[Option<u64>],
) -> Vec<TantivyDocument> {
    let maker = PassageDocuments::new(fields, analyzed.article.clone(), analyzed.aliases.clone());
    let statements = analyzed.statements_by_passage();
    analyzed
        .passages
        .iter()
        .zip(groups)
        .zip(keys)
        .map(|((p, grouping), &key)| {
            let of_passage = statements.get(p.number).map_or(&[][..], Vec::as_slice);
            maker.document(fields, p, of_passage, grouping, key)
        })
        .collect()
}

/// Makes the documents of one article's passages, a passage at a time: what
/// every passage of the article shares (metadata, path, speaker aliases) is
/// prepared once, and the indexer drops each passage as soon as its
/// document is handed to the writer, so a long article is never held as
/// passages and documents at once.
pub struct PassageDocuments {
    article: Article,
    path: String,
    /// The `copy_article` value of its passages.
    copy_article: String,
    article_key: u64,
    aliases: HashMap<String, Vec<String>>,
    date: Option<DateTime>,
    stemmed: Option<LanguageFields>,
}

impl PassageDocuments {
    /// For the passages of `article` (whose `body` is not needed), with the
    /// aliases of its speakers.
    pub fn new(
        fields: &Fields,
        article: Article,
        aliases: Vec<(String, Vec<String>)>,
    ) -> PassageDocuments {
        let path = path_str(&article.path);
        PassageDocuments {
            copy_article: copy_article(
                &path,
                &article.id,
                article.title.as_deref(),
                article.url.as_deref(),
            ),
            path,
            article_key: article_key(&article.id),
            aliases: aliases.into_iter().collect(),
            date: article.date.as_deref().and_then(to_tantivy_date),
            stemmed: article
                .lang
                .as_deref()
                .and_then(|l| fields.language(l))
                .cloned(),
            article,
        }
    }

    /// Sets the forms of each speaker in `aliases` for the passages from
    /// here on (a long article's aliases grow as it is read).
    pub fn add_aliases(&mut self, aliases: Vec<(String, Vec<String>)>) {
        self.aliases.extend(aliases);
    }

    /// The document of passage `p`, whose statements are `statements` (in
    /// article order), whose copy group is `grouping` and whose key for
    /// copy labels is `passage_key` (`None`: too short to compare, or not
    /// grouped).
    pub fn document(
        &self,
        fields: &Fields,
        p: &Passage,
        statements: &[&Statement],
        grouping: &PassageGrouping,
        passage_key: Option<u64>,
    ) -> TantivyDocument {
        let article = &self.article;
        let mut doc = TantivyDocument::new();
        doc.add_text(fields.kind, KIND_PASSAGE);
        doc.add_text(fields.article_id, &article.id);
        doc.add_u64(fields.article_key, self.article_key);
        doc.add_text(fields.path, &self.path);
        doc.add_u64(fields.passage, p.number as u64);
        doc.add_u64(fields.line, p.line as u64);
        doc.add_u64(fields.start, p.start as u64);
        doc.add_u64(fields.end, p.end as u64);
        doc.add_text(fields.text, &p.text);
        if let Some(h) = &p.heading {
            doc.add_text(fields.heading, h);
        }
        if let Some(t) = &article.title {
            doc.add_text(fields.title, t);
        }
        if let Some(s) = &article.source {
            doc.add_text(fields.source, s);
            doc.add_text(fields.source_exact, s);
        }
        if let Some(a) = &article.author {
            doc.add_text(fields.author, a);
        }
        if let Some(d) = self.date {
            doc.add_date(fields.date, d);
        }
        if let Some(u) = &article.url {
            doc.add_text(fields.url, u);
        }
        doc.add_text(fields.copy_article, &self.copy_article);
        if let Some(l) = &article.lang {
            doc.add_text(fields.lang, l);
        }
        if let Some(language) = &self.stemmed {
            doc.add_text(language.text, &p.text);
            if let Some(t) = &article.title {
                doc.add_text(language.title, t);
            }
        }
        for speaker in &p.speakers {
            doc.add_text(fields.speakers, speaker);
            if let Some(key) = speaker_key(speaker) {
                doc.add_text(fields.speaker_key, key);
            }
            let forms = self.aliases.get(speaker.as_str()).into_iter().flatten();
            for name in std::iter::once(speaker).chain(forms) {
                doc.add_text(fields.speaker, name);
                let words: Vec<&str> = name.split_whitespace().collect();
                let surname = surname(&words);
                if !surname.is_empty() {
                    doc.add_text(fields.speaker_surname, surname);
                }
                if name != speaker {
                    doc.add_text(
                        fields.speaker_aliases,
                        format!("{speaker}{ALIAS_SEPARATOR}{name}"),
                    );
                }
            }
        }
        for s in statements {
            doc.add_text(fields.statement_speakers, &s.speaker);
        }
        if !statements.is_empty() {
            let json = statements_json(statements, &grouping.statement_groups);
            doc.add_text(fields.statements, json);
        }
        doc.add_u64(fields.group, grouping.group);
        for &key in &grouping.keys {
            doc.add_u64(fields.dup_key, key);
        }
        if let Some(key) = passage_key {
            doc.add_u64(fields.passage_key, key);
        }
        for &g in &grouping.unit_groups {
            doc.add_u64(fields.unit_groups, g);
        }
        doc
    }
}

/// The `article_key` of an article id.
pub fn article_key(article_id: &str) -> u64 {
    let hash = blake3::hash(article_id.as_bytes());
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// The `copy_article` value of a passage: its article's path (as stored),
/// id, title and url, as a JSON array.
pub fn copy_article(path: &str, id: &str, title: Option<&str>, url: Option<&str>) -> String {
    serde_json::to_string(&(path, id, title, url)).expect("strings serialize")
}

/// A `copy_article` value read back: (path, id, title, url).
pub type CopyArticle = (String, String, Option<String>, Option<String>);

/// Reads a `copy_article` value back; `None` if it is not one.
pub fn parse_copy_article(value: &str) -> Option<CopyArticle> {
    serde_json::from_str(value).ok()
}

/// A group id as shown to users and in JSON: 16 hex digits.
pub fn group_label(id: u64) -> String {
    format!("{id:016x}")
}

/// Parses a [`group_label`].
pub fn parse_group_label(label: &str) -> Option<u64> {
    (label.len() == 16)
        .then(|| u64::from_str_radix(label, 16).ok())
        .flatten()
}

/// What grouping decided for one passage, ready to be stored.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PassageGrouping {
    /// The passage's group.
    pub group: u64,
    /// The quote group of each of the passage's statements, in article order.
    pub statement_groups: Vec<u64>,
    /// The lookup keys of the passage's units (stored, indexed).
    pub keys: Vec<u64>,
    /// The quote group of each quotation unit, in unit order (stored, so
    /// that later runs can match against them).
    pub unit_groups: Vec<u64>,
}

/// Statement ranges relative to the passage, from the stored statements JSON
/// (absolute `start`/`end`).
pub fn statement_spans_from_json(json: &str, passage_start: usize) -> Vec<(usize, usize)> {
    let Ok(serde_json::Value::Array(statements)) = serde_json::from_str(json) else {
        return Vec::new();
    };
    statements
        .iter()
        .filter_map(|s| {
            let start = s["start"].as_u64()? as usize;
            let end = s["end"].as_u64()? as usize;
            Some((
                start.saturating_sub(passage_start),
                end.saturating_sub(passage_start),
            ))
        })
        .collect()
}

/// One statement as stored in a passage's `statements` JSON: offsets in
/// the file (same coordinates as the passage's), kind `direct` or
/// `reported`, and its quote group label when it has one.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct StoredStatement {
    pub start: u64,
    pub end: u64,
    pub kind: String,
    #[serde(default)]
    pub cue: String,
    #[serde(default)]
    pub speaker_text: String,
    pub speaker: String,
    #[serde(default)]
    pub group: Option<String>,
}

/// The statements of a stored passage document, in passage order (empty
/// when it has none).
pub fn stored_statements(fields: &Fields, doc: &TantivyDocument) -> Vec<StoredStatement> {
    doc.get_first(fields.statements)
        .and_then(|v| v.as_str())
        .and_then(|json| serde_json::from_str(json).ok())
        .unwrap_or_default()
}

/// The stored JSON of a passage's statements: each statement with its quote
/// group as `group` (a [`group_label`]).
pub fn statements_json(statements: &[&Statement], groups: &[u64]) -> String {
    let values: Vec<_> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| s.json(groups.get(i).map(|&g| group_label(g))))
        .collect();
    serde_json::to_string(&values).expect("statements serialize")
}

/// The statement ranges of a stored passage document, relative to the
/// passage (`None`: not a passage document).
pub fn stored_statement_spans(
    fields: &Fields,
    doc: &TantivyDocument,
) -> Option<Vec<(usize, usize)>> {
    let start = doc.get_first(fields.start)?.as_u64()? as usize;
    Some(
        doc.get_first(fields.statements)
            .and_then(|v| v.as_str())
            .map(|json| statement_spans_from_json(json, start))
            .unwrap_or_default(),
    )
}

/// A passage document as it would be made for the file at `to`, from the
/// stored fields of the old one, its copy group and its grouping keys
/// (`syndication::stored_passage_keys`); `ids` maps old article ids to new.
pub fn repointed_passage(
    fields: &Fields,
    old: &TantivyDocument,
    group: u64,
    keys: &[u64],
    to: &Path,
    ids: &HashMap<String, String>,
) -> TantivyDocument {
    let path = path_str(to);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, KIND_PASSAGE);
    doc.add_u64(fields.group, group);
    for &key in keys {
        doc.add_u64(fields.dup_key, key);
    }
    let statements = old.get_first(fields.statements).and_then(|v| v.as_str());
    for speaker in statements.map(statement_speakers).unwrap_or_default() {
        doc.add_text(fields.statement_speakers, speaker);
    }
    // Fast only, so not in `old`: made again with the new path and id.
    let old_str = |field| old.get_first(field).and_then(|v| v.as_str());
    let old_id = old_str(fields.article_id).unwrap_or_default();
    doc.add_text(
        fields.copy_article,
        copy_article(
            &path,
            ids.get(old_id).map_or(old_id, String::as_str),
            old_str(fields.title),
            old_str(fields.url),
        ),
    );
    for (field, value) in old.field_values() {
        if field == fields.path {
            doc.add_text(field, &path);
        } else if field == fields.article_id {
            let old_id = value.as_str().unwrap_or_default();
            let id = ids.get(old_id).map_or(old_id, String::as_str);
            doc.add_text(field, id);
            // Fast only, so not in `old`: derived from the id.
            doc.add_u64(fields.article_key, article_key(id));
        } else {
            if field == fields.source_exact {
                if let Some(source) = value.as_str() {
                    doc.add_text(fields.source, source);
                }
            }
            // Indexed only, so not in `old`: derived from the name.
            if field == fields.speakers {
                if let Some(key) = value.as_str().and_then(speaker_key) {
                    doc.add_text(fields.speaker_key, key);
                }
            }
            doc.add_field_value(field, value);
        }
    }
    // Indexed only, so not in `old`: the text and title again under the
    // article's language.
    let lang = old.get_first(fields.lang).and_then(|v| v.as_str());
    if let Some(language) = lang.and_then(|l| fields.language(l)) {
        for (stored, target) in [(fields.text, language.text), (fields.title, language.title)] {
            for value in old.get_all(stored).filter_map(|v| v.as_str()) {
                doc.add_text(target, value);
            }
        }
    }
    doc
}

/// The speaker of each statement in a passage's stored statements JSON.
fn statement_speakers(json: &str) -> Vec<String> {
    match serde_json::from_str(json) {
        Ok(serde_json::Value::Array(statements)) => statements
            .iter()
            .filter_map(|s| s["speaker"].as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}
