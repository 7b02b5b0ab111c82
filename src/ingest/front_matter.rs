//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a
//! Markdown or text file, as static-site generators and note-taking tools
//! write it.
//!
//! The block is parsed with `yaml-rust2` or `toml` into a JSON value so that
//! [`record::map_fields`](super::record::map_fields) reads the same field
//! names as it does in scraper output.

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

/// A front matter block at the top of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub fields: Map<String, Value>,
    /// Byte offset in the text where the body starts (after the closing
    /// delimiter line).
    pub body_start: usize,
    /// The number of lines the block takes, delimiters included.
    pub lines: usize,
}

/// A front matter block that could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct BadFrontMatter {
    pub format: &'static str,
    pub message: String,
    /// Where the body starts, so the text can still be read.
    pub body_start: usize,
    pub lines: usize,
}

/// Finds and parses the front matter at the start of `text`. `Ok(None)` if
/// there is none (no delimiter line, or no closing one).
pub fn split(text: &str) -> Result<Option<FrontMatter>, BadFrontMatter> {
    let Some((format, closers)) = opened(text) else {
        return Ok(None);
    };
    let mut offset = 0;
    let mut block_start = 0;
    for (index, piece) in text.split_inclusive('\n').enumerate() {
        let line_end = offset + piece.len();
        if index == 0 {
            block_start = line_end;
        } else if closers.contains(&piece.trim_end()) {
            let block = &text[block_start..offset];
            let lines = index + 1;
            let parsed = if format == "YAML" {
                parse_yaml(block)
            } else {
                parse_toml(block)
            };
            return match parsed {
                Ok(fields) => Ok(Some(FrontMatter {
                    fields,
                    body_start: line_end,
                    lines,
                })),
                Err(message) => Err(BadFrontMatter {
                    format,
                    message,
                    body_start: line_end,
                    lines,
                }),
            };
        }
        offset = line_end;
    }
    Ok(None)
}

/// The format and closing lines of the front matter that `text` opens
/// with, if it does.
fn opened(text: &str) -> Option<(&'static str, &'static [&'static str])> {
    match text.lines().next().unwrap_or("").trim_end() {
        "---" => Some(("YAML", &["---", "..."])),
        "+++" => Some(("TOML", &["+++"])),
        _ => None,
    }
}

/// For a text read a piece at a time: whether the front matter it opens
/// with is closed by one of its whole lines from `from` on (a line start
/// past the opening line, or 0), and where the whole lines searched end,
/// the `from` of the next call; `None` when the text opens no front
/// matter. Each line is looked at once, and [`split`] runs once it is
/// closed.
pub fn closed_from(text: &str, from: usize) -> Option<(bool, usize)> {
    let (_, closers) = opened(text)?;
    let mut at = from;
    for piece in text[from..].split_inclusive('\n') {
        if !piece.ends_with('\n') {
            break;
        }
        let is_opening = at == 0;
        at += piece.len();
        if !is_opening && closers.contains(&piece.trim_end()) {
            return Some((true, at));
        }
    }
    Some((false, at))
}

fn parse_yaml(block: &str) -> Result<Map<String, Value>, String> {
    let docs = YamlLoader::load_from_str(block).map_err(|e| e.to_string())?;
    match docs.into_iter().next() {
        None => Ok(Map::new()),
        Some(Yaml::Hash(hash)) => Ok(hash
            .iter()
            .filter_map(|(k, v)| Some((yaml_key(k)?, yaml_value(v))))
            .collect()),
        Some(_) => Err("it is not a list of `key: value` fields".into()),
    }
}

fn yaml_key(key: &Yaml) -> Option<String> {
    match key {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        _ => None,
    }
}

fn yaml_value(value: &Yaml) -> Value {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::Number(Number::from(*i)),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_value).collect()),
        Yaml::Hash(hash) => Value::Object(
            hash.iter()
                .filter_map(|(k, v)| Some((yaml_key(k)?, yaml_value(v))))
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn parse_toml(block: &str) -> Result<Map<String, Value>, String> {
    let table: toml::Table = toml::from_str(block).map_err(|e| e.message().to_string())?;
    Ok(table
        .iter()
        .map(|(k, v)| (k.clone(), toml_value(v)))
        .collect())
}

fn toml_value(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::Number(Number::from(*i)),
        toml::Value::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_value).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), toml_value(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closing_line_is_searched_once_a_whole_line_at_a_time() {
        assert_eq!(closed_from("Body.\n", 0), None);
        let text = "---\ntitle: Talks\nauthor: Jane Doe\n--";
        // The opening line is not a closing one; the unended line waits.
        let (closed, searched) = closed_from(text, 0).unwrap();
        assert!(!closed);
        assert_eq!(&text[searched..], "--");
        let text = format!("{text}-\nBody.\n");
        assert_eq!(closed_from(&text, searched), Some((true, searched + 4)));
        assert_eq!(split(&text).unwrap().unwrap().body_start, searched + 4);
    }

    #[test]
    fn yaml_front_matter() {
        let text = "---\ntitle: \"Talks: day two\"\nauthor: [Jane Doe, John Roe]\ndate: 2025-12-22\n---\nBody.\n";
        let fm = split(text).unwrap().unwrap();
        assert_eq!(fm.fields["title"], "Talks: day two");
        assert_eq!(fm.fields["date"], "2025-12-22");
        assert_eq!(fm.fields["author"][1], "John Roe");
        assert_eq!(&text[fm.body_start..], "Body.\n");
        assert_eq!(fm.lines, 5);
    }

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"T\"\ndate = 2025-12-22T10:00:00+02:00\n+++\nBody.";
        let fm = split(text).unwrap().unwrap();
        assert_eq!(fm.fields["date"], "2025-12-22T10:00:00+02:00");
        assert_eq!(&text[fm.body_start..], "Body.");
    }

    #[test]
    fn no_front_matter_and_broken_front_matter() {
        assert_eq!(split("Title\n---\nBody"), Ok(None));
        assert_eq!(split("---\nno closing line"), Ok(None));
        let bad = split("---\ntitle: [unclosed\n---\nBody").unwrap_err();
        assert_eq!(bad.format, "YAML");
        assert_eq!(bad.lines, 3);
    }
}
