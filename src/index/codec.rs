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
use super::schema::{Fields, ALIAS_SEPARATOR, KIND_FILE, KIND_PASSAGE};
use super::tokenizers::{stemmed_language, tagged_value};
use crate::article::{AnalyzedArticle, Article, Passage, Statement, StatementJson, StatementKind};
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
    let maker = PassageDocuments::new(analyzed.article.clone(), analyzed.aliases.clone());
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
    /// The article's language, when it has a stemmer of its own.
    stemmed: Option<&'static str>,
}

impl PassageDocuments {
    /// For the passages of `article` (whose `body` is not needed), with the
    /// aliases of its speakers.
    pub fn new(article: Article, aliases: Vec<(String, Vec<String>)>) -> PassageDocuments {
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
                .and_then(stemmed_language)
                .map(|(code, _)| code),
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
        if let Some(code) = self.stemmed {
            doc.add_text(fields.stemmed_text, tagged_value(code, &p.text));
            if let Some(t) = &article.title {
                doc.add_text(fields.stemmed_title, tagged_value(code, t));
            }
        }
        for speaker in &p.speakers {
            let forms = self.aliases.get(speaker.as_str()).into_iter().flatten();
            add_speaker(&mut doc, fields, speaker, forms.map(String::as_str));
        }
        for s in statements {
            doc.add_text(fields.statement_speakers, &s.speaker);
        }
        if !statements.is_empty() {
            let json = statements_json(statements, grouping);
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

/// One speaker of a passage and the other `forms` of their name: the
/// exact name (`speakers`, `speaker_key`), every form searchable
/// (`speaker`, `speaker_surname`) and listed (`speaker_aliases`). Only
/// `speakers` and `speaker_aliases` are stored: a repointed document makes
/// the rest again from them, in the same order.
fn add_speaker<'a>(
    doc: &mut TantivyDocument,
    fields: &Fields,
    speaker: &'a str,
    forms: impl Iterator<Item = &'a str>,
) {
    doc.add_text(fields.speakers, speaker);
    if let Some(key) = speaker_key(speaker) {
        doc.add_text(fields.speaker_key, key);
    }
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

/// What a repointed passage keeps of its copy grouping: its group, its
/// grouping keys and its key for copy labels.
pub struct RepointedGrouping<'a> {
    pub group: u64,
    pub keys: &'a [u64],
    pub passage_key: Option<u64>,
}

/// One statement as stored in a passage's `statements` JSON: offsets in
/// the file (same coordinates as the passage's), kind `direct` or
/// `reported`, and its quote group label when it has one.
///
/// The stored form leaves out what the document holds already (see
/// [`statements_json`]); [`stored_statements`] gives it back whole.
#[derive(Debug, Clone)]
pub struct StoredStatement {
    pub start: u64,
    pub end: u64,
    pub kind: StatementKind,
    pub cue: String,
    pub speaker_text: String,
    pub speaker: String,
    pub group: Option<String>,
}

/// [`StoredStatement`] as the index stores it.
#[derive(serde::Serialize, serde::Deserialize)]
struct CompactStatement<'a> {
    #[serde(default)]
    cue: std::borrow::Cow<'a, str>,
    end: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    kind: StatementKind,
    speaker: std::borrow::Cow<'a, str>,
    /// Left out when it is `speaker`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker_text: Option<std::borrow::Cow<'a, str>>,
    start: u64,
    /// In place of `group` when the group is one of the passage's
    /// `unit_groups` (a statement's group is its first quotation's, most
    /// of the time): 1 byte where the label is 16 random ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<usize>,
}

/// The statements of a stored passage document, in passage order (empty
/// when it has none), each with its speaker as written and its group.
pub fn stored_statements(fields: &Fields, doc: &TantivyDocument) -> Vec<StoredStatement> {
    let Some(json) = doc.get_first(fields.statements).and_then(|v| v.as_str()) else {
        return Vec::new();
    };
    let Ok(compact) = serde_json::from_str::<Vec<CompactStatement>>(json) else {
        return Vec::new();
    };
    let unit_groups: Vec<u64> = doc
        .get_all(fields.unit_groups)
        .filter_map(|v| v.as_u64())
        .collect();
    compact
        .into_iter()
        .map(|c| StoredStatement {
            start: c.start,
            end: c.end,
            kind: c.kind,
            cue: c.cue.into_owned(),
            speaker_text: c
                .speaker_text
                .unwrap_or_else(|| c.speaker.clone())
                .into_owned(),
            group: c.group.or_else(|| {
                c.unit
                    .and_then(|u| unit_groups.get(u))
                    .map(|&g| group_label(g))
            }),
            speaker: c.speaker.into_owned(),
        })
        .collect()
}

/// The statements of a stored passage document as `analyze --json` prints
/// them (with the passage number and, in the index, their group).
pub fn statements_value(fields: &Fields, doc: &TantivyDocument) -> serde_json::Value {
    let passage = doc
        .get_first(fields.passage)
        .and_then(|v| v.as_u64())
        .unwrap_or(0) as usize;
    let stored = stored_statements(fields, doc);
    let statements: Vec<StatementJson> = stored
        .iter()
        .map(|s| StatementJson {
            cue: &s.cue,
            end: s.end as usize,
            group: s.group.clone(),
            kind: s.kind,
            passage,
            speaker: &s.speaker,
            speaker_text: &s.speaker_text,
            start: s.start as usize,
        })
        .collect();
    serde_json::to_value(statements).expect("statements serialize")
}

/// The stored JSON of a passage's statements (see [`CompactStatement`]):
/// each statement with its quote group from `grouping`, by its index in
/// the passage's `unit_groups` when it is one of them.
pub fn statements_json(statements: &[&Statement], grouping: &PassageGrouping) -> String {
    let values: Vec<CompactStatement> = statements
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let group = grouping.statement_groups.get(i).copied();
            let unit = group.and_then(|g| grouping.unit_groups.iter().position(|&u| u == g));
            CompactStatement {
                cue: s.cue.as_str().into(),
                end: s.end as u64,
                group: group.filter(|_| unit.is_none()).map(group_label),
                kind: s.kind,
                speaker: s.speaker.as_str().into(),
                speaker_text: (s.speaker_text != s.speaker).then(|| s.speaker_text.as_str().into()),
                start: s.start as u64,
                unit,
            }
        })
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
/// stored fields of the old one, its copy group, its grouping keys
/// (`syndication::stored_passage_keys`) and its key for copy labels (read
/// from the `passage_key` column); `ids` maps old article ids to new.
pub fn repointed_passage(
    fields: &Fields,
    old: &TantivyDocument,
    grouping: RepointedGrouping,
    to: &Path,
    ids: &HashMap<String, String>,
) -> TantivyDocument {
    let path = path_str(to);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, KIND_PASSAGE);
    doc.add_u64(fields.group, grouping.group);
    for &key in grouping.keys {
        doc.add_u64(fields.dup_key, key);
    }
    // Fast only, so not in `old`.
    if let Some(key) = grouping.passage_key {
        doc.add_u64(fields.passage_key, key);
    }
    // Stored: each speaker, and their other forms after a separator.
    let aliases: Vec<(&str, &str)> = old
        .get_all(fields.speaker_aliases)
        .filter_map(|v| v.as_str()?.split_once(ALIAS_SEPARATOR))
        .collect();
    for speaker in old.get_all(fields.speakers).filter_map(|v| v.as_str()) {
        let forms = aliases
            .iter()
            .filter(|(s, _)| *s == speaker)
            .map(|(_, f)| *f);
        add_speaker(&mut doc, fields, speaker, forms);
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
            // Added with their derived fields above.
            if field != fields.speakers && field != fields.speaker_aliases {
                doc.add_field_value(field, value);
            }
        }
    }
    // Indexed only, so not in `old`: the text and title again under the
    // article's language.
    let lang = old.get_first(fields.lang).and_then(|v| v.as_str());
    if let Some((code, _)) = lang.and_then(stemmed_language) {
        for (stored, target) in [
            (fields.text, fields.stemmed_text),
            (fields.title, fields.stemmed_title),
        ] {
            for value in old.get_all(stored).filter_map(|v| v.as_str()) {
                doc.add_text(target, tagged_value(code, value));
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

/// An RFC 3339 string for a stored tantivy date (whole seconds, UTC): how
/// every output writes a stored date.
pub fn date_string(date: DateTime) -> Option<String> {
    chrono::DateTime::<chrono::Utc>::from_timestamp(date.into_timestamp_secs(), 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_statements_leave_out_what_the_document_holds_and_read_back_whole() {
        let (_, fields) = super::super::schema::build();
        let statement = |start, speaker_text: &str, kind| Statement {
            passage: 3,
            start,
            end: start + 10,
            kind,
            cue: "said".into(),
            speaker_text: speaker_text.into(),
            speaker: "Ana Lima".into(),
        };
        let (quoted, reported) = (
            statement(100, "Ana Lima", StatementKind::Direct),
            statement(120, "she", StatementKind::Reported),
        );
        let grouping = PassageGrouping {
            statement_groups: vec![9, 5],
            unit_groups: vec![7, 9],
            ..PassageGrouping::default()
        };
        let json = statements_json(&[&quoted, &reported], &grouping);
        assert!(!json.contains("passage"), "{json}");
        assert_eq!(json.matches("speaker_text").count(), 1, "{json}");
        assert!(json.contains(r#""unit":1"#), "{json}");
        assert!(json.contains(&group_label(5)), "{json}");
        assert!(!json.contains(&group_label(9)), "{json}");

        let mut doc = TantivyDocument::new();
        doc.add_u64(fields.passage, 3);
        doc.add_text(fields.statements, &json);
        for g in &grouping.unit_groups {
            doc.add_u64(fields.unit_groups, *g);
        }
        let read = stored_statements(&fields, &doc);
        let whole: Vec<_> = read
            .iter()
            .map(|s| (s.start, s.speaker_text.as_str(), s.kind, s.group.clone()))
            .collect();
        assert_eq!(
            whole,
            [
                (100, "Ana Lima", StatementKind::Direct, Some(group_label(9))),
                (120, "she", StatementKind::Reported, Some(group_label(5))),
            ]
        );
        // As `analyze --json` prints them: the same keys, in the same order.
        let printed = |s: &Statement, group: u64| {
            serde_json::to_value(s.json(Some(group_label(group)))).unwrap()
        };
        assert_eq!(
            statements_value(&fields, &doc),
            serde_json::Value::Array(vec![printed(&quoted, 9), printed(&reported, 5)])
        );
    }
}
