//! JSON Lines and JSON files as scrapers write them: one article per
//! record.
//!
//! A record that is not an object, is not valid JSON, or has no text is
//! reported (by line for JSON Lines, by position for a JSON array) and
//! skipped; the other records of the file are still read. Each record is
//! its own article, with an id made from the path and its line or position.

use super::record::{map_fields, RecordFields};
use super::{article_id, IngestError, RecordWarning};
use crate::article::{Article, Excluded, ExcludedKind, Origin};
use serde_json::Value;
use std::path::Path;

/// Reads a JSON Lines file: one JSON object per line; blank lines are
/// allowed.
pub fn read_lines(path: &Path, text: &str) -> (Vec<Article>, Vec<RecordWarning>) {
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("line {number}");
        match serde_json::from_str::<Value>(line) {
            Ok(value) => match article_of(path, &value, number, number, &at, &mut warnings) {
                Some(a) => articles.push(a),
                None => continue,
            },
            Err(e) => warnings.push(RecordWarning {
                at,
                message: format!("not valid JSON ({e}); skipped"),
            }),
        }
    }
    (articles, warnings)
}

/// The bytes of a JSON Lines file with every line that is not UTF-8 emptied
/// (its line break kept, so line numbers hold) and reported in `skipped`.
/// Borrowed when every line is UTF-8.
pub fn drop_lines_not_utf8<'a>(
    bytes: &'a [u8],
    skipped: &mut Vec<RecordWarning>,
) -> std::borrow::Cow<'a, [u8]> {
    if std::str::from_utf8(bytes).is_ok() {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut kept = Vec::with_capacity(bytes.len());
    for (index, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        match std::str::from_utf8(line) {
            Ok(_) => kept.extend_from_slice(line),
            Err(e) => {
                skipped.push(RecordWarning {
                    at: format!("line {}", index + 1),
                    message: format!(
                        "not valid UTF-8 (byte {} of the line; JSON is UTF-8); skipped",
                        e.valid_up_to() + 1
                    ),
                });
                if line.ends_with(b"\n") {
                    kept.push(b'\n');
                }
            }
        }
    }
    std::borrow::Cow::Owned(kept)
}

/// Two lists of warnings by line (`line N`) merged into one, in line order.
pub fn in_line_order(a: Vec<RecordWarning>, b: Vec<RecordWarning>) -> Vec<RecordWarning> {
    let line = |w: &RecordWarning| {
        w.at.strip_prefix("line ")
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let mut all: Vec<RecordWarning> = a.into_iter().chain(b).collect();
    // Stable: warnings of one line keep their order.
    all.sort_by_key(line);
    all
}

/// Reads a JSON file: an array of records, one record, or an object with
/// the records under `articles`, `items`, `records` or `data`.
pub fn read_json(
    path: &Path,
    text: &str,
) -> Result<(Vec<Article>, Vec<RecordWarning>), IngestError> {
    let value: Value = serde_json::from_str(text).map_err(|e| IngestError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let records: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(map) => {
            let list = ["articles", "items", "records", "data", "results"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_array));
            match list {
                Some(items) => items.iter().collect(),
                None => vec![&value],
            }
        }
        _ => Vec::new(),
    };
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    let single = records.len() == 1;
    for (index, record) in records.into_iter().enumerate() {
        let number = index + 1;
        let at = format!("record {number}");
        // A file holding one article keeps the plain path id.
        let id_number = if single { 0 } else { number };
        if let Some(a) = article_of(path, record, id_number, 1, &at, &mut warnings) {
            articles.push(a);
        }
    }
    Ok((articles, warnings))
}

/// One record as an article; `None` (with a warning) if it has no text.
/// `id_number` 0 means the file's only article.
fn article_of(
    path: &Path,
    value: &Value,
    id_number: usize,
    line: usize,
    at: &str,
    warnings: &mut Vec<RecordWarning>,
) -> Option<Article> {
    let Some(map) = value.as_object() else {
        warnings.push(RecordWarning {
            at: at.to_string(),
            message: "record is not a JSON object; skipped".into(),
        });
        return None;
    };
    let fields = map_fields(map);
    let Some(text) = fields.text.clone() else {
        warnings.push(RecordWarning {
            at: at.to_string(),
            message: "record has no text (no maintext, text, body or content field); skipped"
                .into(),
        });
        return None;
    };
    if let Some(bad) = &fields.bad_date {
        warnings.push(RecordWarning {
            at: at.to_string(),
            message: format!("date {bad:?} is not a date; the article is left undated"),
        });
    }
    let id = article_id(path, (id_number > 0).then_some(id_number));
    Some(article_from(path, id, fields, text, line))
}

/// An article whose body is text taken from a record, all of it on file
/// line `line`.
fn article_from(
    path: &Path,
    id: String,
    fields: RecordFields,
    text: String,
    line: usize,
) -> Article {
    let body = text.replace("\r\n", "\n");
    let mut excluded = Vec::new();
    // Some scrapers repeat the title as the first line of the text.
    if let Some(title) = &fields.title {
        let first = body.lines().next().unwrap_or("");
        if first.trim() == title.trim() {
            excluded.push(Excluded {
                start: 0,
                end: first.len(),
                why: ExcludedKind::Metadata,
            });
        }
    }
    let lines = body.lines().count().max(1);
    Article {
        id,
        path: path.to_path_buf(),
        title: fields.title,
        source: fields.source,
        author: fields.author,
        date: fields.date,
        url: fields.url,
        lang: fields.lang,
        body,
        origin: Origin {
            offset: 0,
            line,
            verbatim: false,
        },
        excluded,
        body_lines: vec![line; lines],
        headings_marked: false,
        items: Vec::new(),
        body_file: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_records_are_skipped_with_their_line() {
        let text = "{\"title\":\"A\",\"maintext\":\"First body.\"}\n\n{\"title\":\"B\"}\nnot json\n[1]\n{\"text\":\"Second body.\",\"date\":\"2025-12-22\"}\n";
        let (articles, warnings) = read_lines(Path::new("/t/a.jsonl"), text);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].date.as_deref(), Some("2025-12-22T00:00:00Z"));
        assert_eq!(articles[1].origin.line, 6);
        let at: Vec<&str> = warnings.iter().map(|w| w.at.as_str()).collect();
        assert_eq!(at, ["line 3", "line 4", "line 5"]);
        assert!(warnings[0].message.contains("no text"));
        assert_ne!(articles[0].id, articles[1].id);
    }

    #[test]
    fn json_arrays_and_single_objects() {
        let (articles, warnings) = read_json(
            Path::new("/t/a.json"),
            r#"[{"title":"A","text":"One."},{"title":"B"},{"title":"C","content":"Three."}]"#,
        )
        .unwrap();
        assert_eq!(articles.len(), 2);
        assert_eq!(warnings[0].at, "record 2");
        let (single, _) =
            read_json(Path::new("/t/b.json"), r#"{"title":"A","text":"One."}"#).unwrap();
        assert_eq!(single[0].id, article_id(Path::new("/t/b.json"), None));
        assert!(matches!(
            read_json(Path::new("/t/c.json"), "{\"title\": "),
            Err(IngestError::Json { line: 1, .. })
        ));
    }
}
