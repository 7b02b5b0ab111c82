//! Mapping the field names scrapers and static-site generators use onto an
//! article's fields.
//!
//! news-please writes `title`, `maintext`, `date_publish`, `authors`,
//! `source_domain`, `url`; trafilatura writes `title`, `text`, `date`,
//! `author`, `sitename`, `hostname` and the page URL as `source`; front
//! matter says `title`, `author`, `date`, `publisher`. JSON records and
//! front matter are both read into a JSON value and mapped here, so the two
//! formats accept the same names.

use super::date;
use serde_json::{Map, Value};

/// The fields found in one record.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RecordFields {
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// Normalized to RFC 3339.
    pub date: Option<String>,
    /// The date as written, when it could not be read as a date.
    pub bad_date: Option<String>,
    pub url: Option<String>,
    pub text: Option<String>,
    /// The language as the record declares it (`en`, `de-DE`, `German`).
    pub lang: Option<String>,
}

const TITLE: &[&str] = &["title", "headline", "og_title"];
const TEXT: &[&str] = &[
    "maintext",
    "text",
    "body",
    "content",
    "article",
    "article_text",
    "articlebody",
    "full_text",
    "fulltext",
    "raw_text",
    "plain_text",
];
/// Outlet names, most specific first; domains come last.
const SOURCE: &[&str] = &[
    "sitename",
    "site_name",
    "source_name",
    "outlet",
    "publisher",
    "publication",
    "site",
    "source",
    "source_hostname",
    "hostname",
    "source_domain",
    "domain",
];
const AUTHOR: &[&str] = &[
    "authors", "author", "byline", "creator", "creators", "writer",
];
const DATE: &[&str] = &[
    "date_publish",
    "date_published",
    "datepublished",
    "published",
    "published_at",
    "published_date",
    "publish_date",
    "publication_date",
    "pubdate",
    "date",
    "created_at",
    "date_created",
    "filedate",
];
const LANG: &[&str] = &["language", "lang", "locale", "inlanguage"];
const URL: &[&str] = &["url", "link", "canonical_url", "canonical", "uri", "source"];

/// `date_publish`, `date-publish` and `datePublish` are the same key.
fn key_form(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

/// Reads the known fields of a JSON object.
pub fn map_fields(map: &Map<String, Value>) -> RecordFields {
    let lookup = |names: &[&str]| -> Vec<&Value> {
        names
            .iter()
            .filter_map(|name| {
                let wanted = key_form(name);
                map.iter()
                    .find(|(k, _)| key_form(k) == wanted)
                    .map(|(_, v)| v)
            })
            .collect()
    };
    let first_text = |names: &[&str]| lookup(names).into_iter().find_map(as_text);

    let url = lookup(URL)
        .into_iter()
        .filter_map(as_text)
        .find(|u| is_url(u));
    // NewsAPI writes `"source": {"id": …, "name": "Reuters"}`.
    let source = lookup(SOURCE)
        .into_iter()
        .filter_map(as_names)
        .map(|s| if is_url(&s) { host_of(&s) } else { s })
        .find(|s| !s.is_empty())
        .map(|s| s.trim_start_matches("www.").to_string());
    let author = lookup(AUTHOR).into_iter().find_map(as_names);
    let mut fields = RecordFields {
        title: first_text(TITLE),
        source,
        author,
        url,
        text: lookup(TEXT)
            .into_iter()
            .filter_map(as_text)
            .find(|t| !t.trim().is_empty()),
        lang: first_text(LANG),
        ..RecordFields::default()
    };
    for value in lookup(DATE) {
        match value {
            Value::Number(n) => {
                if let Some(d) = n.as_i64().and_then(epoch) {
                    fields.date = Some(d);
                    break;
                }
            }
            other => {
                if let Some(text) = as_text(other) {
                    match date::normalize(&text) {
                        Some(d) => {
                            fields.date = Some(d);
                            break;
                        }
                        None => {
                            fields.bad_date.get_or_insert(text);
                        }
                    }
                }
            }
        }
    }
    if fields.date.is_some() {
        fields.bad_date = None;
    }
    fields
}

/// Unix seconds (or milliseconds) as RFC 3339.
fn epoch(n: i64) -> Option<String> {
    let secs = if n > 100_000_000_000 { n / 1000 } else { n };
    if secs < 100_000_000 {
        return None; // too small to be a timestamp of a news article
    }
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A name, a list of names, or objects with a `name`.
fn as_names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::Object(o) => o.get("name").and_then(as_text),
        other => as_text(other),
    };
    let names: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join(", "))
}

/// Whether a string is an absolute http(s) URL.
pub fn is_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace)
}

/// The host of a URL, without `www.`.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |x| x.1);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    host.trim_start_matches("www.").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> RecordFields {
        map_fields(v.as_object().unwrap())
    }

    #[test]
    fn news_please_records() {
        let f = fields(json!({
            "title": "Talks end", "maintext": "Body.", "date_publish": "2025-12-22 10:00:00",
            "source_domain": "www.reuters.com", "authors": ["Jane Doe", "John Roe"],
            "url": "https://www.reuters.com/a"
        }));
        assert_eq!(f.title.as_deref(), Some("Talks end"));
        assert_eq!(f.text.as_deref(), Some("Body."));
        assert_eq!(f.date.as_deref(), Some("2025-12-22T10:00:00Z"));
        assert_eq!(f.source.as_deref(), Some("reuters.com"));
        assert_eq!(f.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(f.url.as_deref(), Some("https://www.reuters.com/a"));
    }

    #[test]
    fn trafilatura_records() {
        let f = fields(json!({
            "title": "T", "text": "Body.", "date": "2025-12-22", "sitename": "Kurdistan24",
            "author": "Ann Writer", "source": "https://www.kurdistan24.net/en/story/1"
        }));
        assert_eq!(f.source.as_deref(), Some("Kurdistan24"));
        assert_eq!(
            f.url.as_deref(),
            Some("https://www.kurdistan24.net/en/story/1")
        );
        assert_eq!(f.date.as_deref(), Some("2025-12-22T00:00:00Z"));
    }

    #[test]
    fn newsapi_records() {
        let f = fields(json!({
            "source": {"id": "reuters", "name": "Reuters"}, "author": "Jane Doe",
            "title": "T", "content": "Body.", "publishedAt": "2025-12-22T10:00:00Z",
            "url": "https://www.reuters.com/x"
        }));
        assert_eq!(f.source.as_deref(), Some("Reuters"));
        assert_eq!(f.date.as_deref(), Some("2025-12-22T10:00:00Z"));
        assert_eq!(f.text.as_deref(), Some("Body."));
    }

    #[test]
    fn a_source_url_gives_a_host_and_bad_dates_are_kept_aside() {
        let f = fields(
            json!({"text": "x", "source": "https://www.bbc.co.uk/news/1", "date": "last week"}),
        );
        assert_eq!(f.source.as_deref(), Some("bbc.co.uk"));
        assert_eq!(f.date, None);
        assert_eq!(f.bad_date.as_deref(), Some("last week"));
    }
}
