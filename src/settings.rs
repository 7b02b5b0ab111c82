//! One settings layer for searches: the CLI's flags (`search`, `speakers`,
//! `quotes`, `export`) are turned into a checked [`SearchRequest`] here,
//! and the defaults (limit, offset, also) are defined here for the CLI and
//! the HTTP API alike. The API (`serve::params`) reads its values exactly
//! as `docs/openapi.yaml` describes them (dates only as `YYYY[-MM[-DD]]`
//! within plausible years), a stricter syntax than the CLI's, so it checks
//! them itself and takes its defaults from here.
//!
//! Each front end reads its own syntax (clap flags, a query string) into
//! [`SearchSettings`] and names a bad setting its own way (`--since`,
//! `since`): [`BadSetting`] says which setting was wrong and why, not how
//! to word it. Bounds that only one front end sets (the API's largest
//! `limit`, say) stay with that front end.

use crate::ingest::date::parse_bound;
use crate::search::{SearchOrder, SearchRequest};
use chrono::{DateTime, Utc};

pub use crate::search::{DEFAULT_ALSO, DEFAULT_LIMIT, MAX_ALSO};

/// Results skipped unless asked otherwise.
pub const DEFAULT_OFFSET: usize = 0;

pub use crate::browse::QuoteOrder;

/// The orders of a `quotes` listing by name (the CLI's `--sort` values and
/// the API's `sort`), the default first.
pub const QUOTE_ORDERS: &[(&str, QuoteOrder)] = &[
    ("newest", QuoteOrder::Newest),
    ("oldest", QuoteOrder::Oldest),
    ("relevance", QuoteOrder::Relevance),
];

/// The `quotes` order called `name`.
pub fn quote_order(name: &str) -> Option<QuoteOrder> {
    QUOTE_ORDERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, order)| order)
}

/// The orders of search results by name (the API's `sort`), the default
/// first.
pub const SEARCH_ORDERS: &[(&str, SearchOrder)] = &[
    ("relevance", SearchOrder::Relevance),
    ("newest", SearchOrder::Newest),
];

/// The search order called `name`.
pub fn search_order(name: &str) -> Option<SearchOrder> {
    SEARCH_ORDERS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, order)| order)
}

/// A search as given, before checking: words, filters and paging, with
/// `None` where the user gave nothing.
#[derive(Debug, Clone, Default)]
pub struct SearchSettings {
    pub query: String,
    pub speakers: Vec<String>,
    pub sources: Vec<String>,
    /// Language codes or names (`de`, `de-AT`, `German`).
    pub langs: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (or a full timestamp).
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    pub all: bool,
    pub also: Option<usize>,
    /// Relevance (the default) or newest first.
    pub order: Option<SearchOrder>,
    /// The last word is still being typed (see `crate::prefix`).
    pub prefix: bool,
}

/// A setting that holds a value to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Since,
    Until,
}

/// What was wrong with a setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadSetting {
    /// The value is not a date newsidx reads.
    NotADate { setting: Setting, value: String },
    /// The value names no language newsidx knows.
    NotALanguage { value: String },
}

/// The ISO 639-1 codes of `langs` (codes, tags or names), or the first
/// value that names no language.
pub fn language_codes(langs: &[String]) -> Result<Vec<String>, BadSetting> {
    langs
        .iter()
        .map(|value| {
            crate::language::from_declared(value)
                .map(str::to_string)
                .ok_or_else(|| BadSetting::NotALanguage {
                    value: value.clone(),
                })
        })
        .collect()
}

/// A `since` (the first instant of the day, month or year given) or
/// `until` (its last instant) bound.
pub fn date_bound(setting: Setting, value: &str) -> Result<DateTime<Utc>, BadSetting> {
    parse_bound(value, setting == Setting::Until).ok_or_else(|| BadSetting::NotADate {
        setting,
        value: value.to_string(),
    })
}

impl SearchSettings {
    /// The checked request, defaults filled in. Dates are checked `since`
    /// first.
    pub fn request(self) -> Result<SearchRequest, BadSetting> {
        let bound =
            |setting, value: Option<String>| value.map(|v| date_bound(setting, &v)).transpose();
        Ok(SearchRequest {
            since: bound(Setting::Since, self.since)?,
            until: bound(Setting::Until, self.until)?,
            query: self.query,
            speakers: self.speakers,
            sources: self.sources,
            langs: language_codes(&self.langs)?,
            limit: self.limit.unwrap_or(DEFAULT_LIMIT),
            offset: self.offset.unwrap_or(DEFAULT_OFFSET),
            all: self.all,
            also: self.also.unwrap_or(DEFAULT_ALSO),
            order: self.order.unwrap_or_default(),
            prefix: self.prefix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_named_once_with_the_default_first() {
        assert_eq!(QUOTE_ORDERS[0].1, QuoteOrder::default());
        assert_eq!(SEARCH_ORDERS[0].1, SearchOrder::default());
        assert_eq!(quote_order("oldest"), Some(QuoteOrder::Oldest));
        assert_eq!(search_order("newest"), Some(SearchOrder::Newest));
        assert_eq!(search_order("date"), None);
    }

    #[test]
    fn nothing_given_is_the_defaults() {
        let r = SearchSettings::default().request().unwrap();
        assert_eq!((r.limit, r.offset, r.also, r.all), (10, 0, 3, false));
        assert!(r.since.is_none() && r.until.is_none());
    }

    #[test]
    fn dates_cover_whole_periods_and_a_bad_one_is_named() {
        let r = SearchSettings {
            since: Some("2025-12".into()),
            until: Some("2025".into()),
            ..SearchSettings::default()
        }
        .request()
        .unwrap();
        assert_eq!(r.since.unwrap().to_rfc3339(), "2025-12-01T00:00:00+00:00");
        assert_eq!(r.until.unwrap().to_rfc3339(), "2025-12-31T23:59:59+00:00");
        let bad = SearchSettings {
            since: Some("last week".into()),
            until: Some("soon".into()),
            ..SearchSettings::default()
        }
        .request()
        .unwrap_err();
        assert_eq!(
            bad,
            BadSetting::NotADate {
                setting: Setting::Since,
                value: "last week".into()
            }
        );
    }
}
