//! Query-string parameters of the API, checked before anything runs.
//!
//! Parameters mirror the `search` flags (`q`, repeatable `speaker` and
//! `source`, `since`, `until`, `limit`, `offset`). Every value is checked
//! here and a bad one becomes an [`ApiError`] naming the parameter, so
//! handlers only ever see a valid [`SearchRequest`]. Unknown parameters are
//! refused too: a misspelt `lmit=5` silently ignored would return results
//! the caller did not ask for. The bounds on `limit` and `offset` keep one
//! request from asking the server for unbounded work.
//!
//! Values are taken exactly as `docs/openapi.yaml` describes them, no more:
//! a number is ASCII digits, a boolean `true` or `false`, a date
//! `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a name has a non-blank character; an
//! empty value is refused like any other bad one (only `q` may be empty,
//! which lists everything). CI checks the two agree (see `.ci/run`).

use super::error::ApiError;
use crate::ingest::date::PLAUSIBLE_YEARS;
use crate::search::{SearchRequest, MAX_ALSO};
use crate::settings::{self, QuoteOrder, DEFAULT_ALSO, DEFAULT_OFFSET};

/// Results per page when `limit` is not given (the CLI's default too).
pub use crate::settings::DEFAULT_LIMIT;
/// The most results one search request may ask for.
pub const MAX_LIMIT: usize = 100;
/// The deepest page: `offset` plus `limit` results are ranked per request.
pub const MAX_OFFSET: usize = 10_000;
/// Names listed by `/api/speakers` and `/api/sources` without `limit`.
pub const DEFAULT_LISTING_LIMIT: usize = 100;
/// The most names one listing request may ask for.
pub const MAX_LISTING_LIMIT: usize = 1_000;
/// Names counted per facet beside search results without `facet_limit`.
pub const DEFAULT_FACET_LIMIT: usize = 20;
/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1_000;

const FILTERS: &[&str] = &["q", "speaker", "source", "lang", "since", "until"];

/// A checked `/api/search` request.
#[derive(Debug, Clone)]
pub struct SearchParams {
    pub request: SearchRequest,
    /// Whether to count speakers and sources for the results (`facets`).
    pub facets: bool,
    /// How many names each facet lists (`facet_limit`).
    pub facet_limit: usize,
}

/// A checked `/api/quotes` request: whose statements, in which passages,
/// in which order, and which page of them.
#[derive(Debug, Clone)]
pub struct QuotesParams {
    pub speaker: String,
    /// The query and filters (`q`, `source`, `since`, `until`) with the
    /// page (`limit`, `offset`).
    pub request: SearchRequest,
    pub order: QuoteOrder,
}

/// A checked `/api/speakers` or `/api/sources` request: the passages to
/// list names of and how many names to list.
#[derive(Debug, Clone)]
pub struct ListingParams {
    pub request: SearchRequest,
    pub limit: usize,
}

/// Parses the query string of `/api/search`.
pub fn search_params(query: Option<&str>) -> Result<SearchParams, ApiError> {
    let pairs = Pairs::parse(
        query,
        &[
            FILTERS,
            &[
                "limit",
                "offset",
                "facets",
                "facet_limit",
                "all",
                "also",
                "sort",
                "prefix",
            ],
        ]
        .concat(),
    )?;
    let mut request = filters(&pairs)?;
    page(&pairs, &mut request)?;
    // Like `search --all`: every copy instead of one hit per copy group.
    request.all = pairs.boolean("all")?.unwrap_or(false);
    // Other articles listed by name under a folded hit.
    request.also = pairs.number("also", 0, MAX_ALSO)?.unwrap_or(DEFAULT_ALSO);
    request.order = pairs
        .choice("sort", settings::SEARCH_ORDERS)?
        .unwrap_or_default();
    // Search as you type: the last word may be the start of a longer one.
    request.prefix = pairs.boolean("prefix")?.unwrap_or(false);
    let facets = pairs.boolean("facets")?.unwrap_or(true);
    let facet_limit = pairs
        .number("facet_limit", 1, MAX_LISTING_LIMIT)?
        .unwrap_or(DEFAULT_FACET_LIMIT);
    Ok(SearchParams {
        request,
        facets,
        facet_limit,
    })
}

/// The page of results asked for (`limit`, `offset`), within the bounds
/// one request may ask for; the CLI's defaults otherwise.
fn page(pairs: &Pairs, request: &mut SearchRequest) -> Result<(), ApiError> {
    request.limit = pairs
        .number("limit", 1, MAX_LIMIT)?
        .unwrap_or(DEFAULT_LIMIT);
    request.offset = pairs
        .number("offset", 0, MAX_OFFSET)?
        .unwrap_or(DEFAULT_OFFSET);
    Ok(())
}

/// Parses the query string of `/api/quotes`: `speaker` (required, once),
/// the filters of `quotes` (`q`, `source`, `lang`, `since`, `until`),
/// `sort`, and the page (`limit`, `offset`).
pub fn quotes_params(query: Option<&str>) -> Result<QuotesParams, ApiError> {
    let pairs = Pairs::parse(
        query,
        &[
            "speaker", "q", "source", "lang", "since", "until", "sort", "limit", "offset",
        ],
    )?;
    let speaker = match pairs.all("speaker")?.as_slice() {
        [one] => one.clone(),
        [] => return Err(ApiError::bad_parameter(
            "speaker",
            "speaker is missing; give the speaker whose statements to list (full name or surname)",
        )),
        _ => {
            return Err(ApiError::bad_parameter(
                "speaker",
                "speaker is given more than once; quotes lists one speaker's statements",
            ))
        }
    };
    let mut request = filters(&pairs)?;
    request.speakers = Vec::new();
    page(&pairs, &mut request)?;
    let order = pairs
        .choice("sort", settings::QUOTE_ORDERS)?
        .unwrap_or_default();
    Ok(QuotesParams {
        speaker,
        request,
        order,
    })
}

/// Parses the query string of `/api/speakers`: the passages to list the
/// speakers of (`q`, `source`, `since`, `until`) and `limit`.
pub fn speakers_params(query: Option<&str>) -> Result<ListingParams, ApiError> {
    listing_params(query, &["q", "source", "lang", "since", "until", "limit"])
}

/// Parses the query string of `/api/sources`, which lists every source.
pub fn sources_params(query: Option<&str>) -> Result<ListingParams, ApiError> {
    listing_params(query, &["limit"])
}

fn listing_params(query: Option<&str>, known: &[&str]) -> Result<ListingParams, ApiError> {
    let pairs = Pairs::parse(query, known)?;
    let request = filters(&pairs)?;
    let limit = pairs
        .number("limit", 1, MAX_LISTING_LIMIT)?
        .unwrap_or(DEFAULT_LISTING_LIMIT);
    Ok(ListingParams { request, limit })
}

/// Refuses any parameter on endpoints that take none.
pub fn no_params(query: Option<&str>) -> Result<(), ApiError> {
    Pairs::parse(query, &[]).map(|_| ())
}

/// The words and filters shared by search and listings.
fn filters(pairs: &Pairs) -> Result<SearchRequest, ApiError> {
    let query = pairs.single("q")?.unwrap_or_default();
    let query = if query.trim().is_empty() {
        String::new()
    } else {
        query
    };
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_parameter(
            "q",
            format!("q is too long; the limit is {MAX_QUERY_CHARS} characters"),
        ));
    }
    let since = pairs.date("since", false)?;
    let until = pairs.date("until", true)?;
    if let (Some(s), Some(u)) = (since, until) {
        if u < s {
            return Err(ApiError::bad_parameter(
                "until",
                format!(
                    "until ({}) is before since ({}); swap them",
                    u.date_naive(),
                    s.date_naive()
                ),
            ));
        }
    }
    Ok(SearchRequest {
        query,
        speakers: pairs.all("speaker")?,
        sources: pairs.all("source")?,
        langs: language_codes(pairs.all("lang")?)?,
        since,
        until,
        limit: DEFAULT_LIMIT,
        ..SearchRequest::default()
    })
}

/// `lang` values: two-letter ISO 639-1 codes, as the spec says. A code no
/// article has matches nothing, as an unknown source does.
fn language_codes(values: Vec<String>) -> Result<Vec<String>, ApiError> {
    for value in &values {
        if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(ApiError::bad_parameter(
                "lang",
                format!("lang {value:?} is not a two-letter language code; use one such as en, de or fr"),
            ));
        }
    }
    Ok(values)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a day that exists, in the years
/// dates are read from articles, [`PLAUSIBLE_YEARS`]) as
/// the first instant of that period or, with `end`, its last second.
fn date_bound(text: &str, end: bool) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::NaiveDate;
    let parts: Vec<&str> = text.split('-').collect();
    let widths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    if !matches!(widths.as_slice(), [4] | [4, 2] | [4, 2, 2])
        || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let year = i32::try_from(numbers[0])
        .ok()
        .filter(|y| PLAUSIBLE_YEARS.contains(y))?;
    let first = NaiveDate::from_ymd_opt(
        year,
        numbers.get(1).copied().unwrap_or(1),
        numbers.get(2).copied().unwrap_or(1),
    )?;
    let day = match (end, numbers.len()) {
        (false, _) | (true, 3) => first,
        (true, 2) => first
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?,
        (true, _) => NaiveDate::from_ymd_opt(year, 12, 31)?,
    };
    let time = if end {
        day.and_hms_opt(23, 59, 59)?
    } else {
        day.and_hms_opt(0, 0, 0)?
    };
    Some(time.and_utc())
}

/// The characters a name may not consist of only (the spec's `Name`
/// pattern, `[^\t\n\v\f\r ]`, says the same).
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

/// The decoded `name=value` pairs of a query string.
struct Pairs(Vec<(String, String)>);

impl Pairs {
    /// Decodes `query`, refusing names not in `known`.
    fn parse(query: Option<&str>, known: &[&str]) -> Result<Pairs, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        for (name, _) in &pairs {
            if !known.contains(&name.as_str()) {
                let message = if known.is_empty() {
                    format!("unknown parameter {name:?}; this endpoint takes no parameters")
                } else {
                    format!(
                        "unknown parameter {name:?}; known parameters are {}",
                        known.join(", ")
                    )
                };
                return Err(ApiError::bad_parameter(name.as_str(), message));
            }
        }
        Ok(Pairs(pairs))
    }

    /// Every value of a repeatable name parameter; a blank one is refused
    /// (it would match nothing, or everything, depending on the reader).
    fn all(&self, name: &'static str) -> Result<Vec<String>, ApiError> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| {
                let v = v.trim_matches(is_blank);
                if v.is_empty() {
                    Err(ApiError::bad_parameter(
                        name,
                        format!("{name} is empty; give a name, or leave the parameter out"),
                    ))
                } else {
                    Ok(v.to_string())
                }
            })
            .collect()
    }

    /// The value of a parameter given at most once, as given.
    fn single(&self, name: &'static str) -> Result<Option<String>, ApiError> {
        let mut values = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        let first = values.next();
        if values.next().is_some() {
            return Err(ApiError::bad_parameter(
                name,
                format!("{name} is given more than once; give it once"),
            ));
        }
        Ok(first.cloned())
    }

    /// A whole number in `min..=max`.
    fn number(
        &self,
        name: &'static str,
        min: usize,
        max: usize,
    ) -> Result<Option<usize>, ApiError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        match text.parse::<usize>() {
            Ok(n) if digits && (min..=max).contains(&n) => Ok(Some(n)),
            _ => Err(ApiError::bad_parameter(
                name,
                format!("{name} must be a whole number from {min} to {max}, not {text:?}"),
            )),
        }
    }

    /// One of the names in `choices`.
    fn choice<T: Copy>(
        &self,
        name: &'static str,
        choices: &[(&str, T)],
    ) -> Result<Option<T>, ApiError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        match choices.iter().find(|(n, _)| *n == text) {
            Some(&(_, value)) => Ok(Some(value)),
            None => {
                let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                Err(ApiError::bad_parameter(
                    name,
                    format!("{name} must be one of {}, not {text:?}", names.join(", ")),
                ))
            }
        }
    }

    /// `true` or `false`.
    fn boolean(&self, name: &'static str) -> Result<Option<bool>, ApiError> {
        match self.single(name)?.as_deref() {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(ApiError::bad_parameter(
                name,
                format!("{name} must be true or false, not {other:?}"),
            )),
        }
    }

    /// A date bound: the start of the day (month, year) or, with `end`,
    /// its last second.
    fn date(
        &self,
        name: &'static str,
        end: bool,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
        let Some(text) = self.single(name)? else {
            return Ok(None);
        };
        let bound = date_bound(&text, end);
        bound.map(Some).ok_or_else(|| {
            ApiError::bad_parameter(
                name,
                format!(
                    "{name} {text:?} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY, from {} to {}",
                    PLAUSIBLE_YEARS.start(),
                    PLAUSIBLE_YEARS.end()
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parameter(result: Result<SearchParams, ApiError>) -> Option<String> {
        result.err().and_then(|e| e.parameter)
    }

    #[test]
    fn a_full_query_string_becomes_a_request() {
        let p = search_params(Some(
            "q=peace+talks&speaker=Witkoff&speaker=Steve%20Witkoff&source=Reuters&since=2025-12&until=2025&limit=20&offset=40&facets=false&all=true",
        ))
        .unwrap();
        assert_eq!(p.request.query, "peace talks");
        assert_eq!(p.request.speakers, vec!["Witkoff", "Steve Witkoff"]);
        assert_eq!(p.request.sources, vec!["Reuters"]);
        assert_eq!(
            p.request.since.unwrap().to_rfc3339(),
            "2025-12-01T00:00:00+00:00"
        );
        assert_eq!(
            p.request.until.unwrap().date_naive().to_string(),
            "2025-12-31"
        );
        assert_eq!((p.request.limit, p.request.offset), (20, 40));
        assert!(!p.facets);
        assert!(p.request.all);
    }

    #[test]
    fn defaults_apply_and_an_empty_query_lists_everything() {
        let p = search_params(Some("q=")).unwrap();
        assert_eq!(p.request.query, "");
        assert!(p.request.speakers.is_empty());
        assert!(p.request.since.is_none());
        assert_eq!((p.request.limit, p.request.offset), (DEFAULT_LIMIT, 0));
        assert!(p.facets);
        assert!(!p.request.all);
        assert!(search_params(None).is_ok());
    }

    #[test]
    fn bad_values_name_their_parameter() {
        assert_eq!(
            parameter(search_params(Some("limit=abc"))),
            Some("limit".into())
        );
        assert_eq!(
            parameter(search_params(Some("limit=0"))),
            Some("limit".into())
        );
        assert_eq!(
            parameter(search_params(Some("limit=101"))),
            Some("limit".into())
        );
        assert_eq!(
            parameter(search_params(Some("limit=-1"))),
            Some("limit".into())
        );
        assert_eq!(
            parameter(search_params(Some("offset=10001"))),
            Some("offset".into())
        );
        assert_eq!(
            parameter(search_params(Some("since=yesterday"))),
            Some("since".into())
        );
        assert_eq!(
            parameter(search_params(Some("until=2025-13-01"))),
            Some("until".into())
        );
        assert_eq!(
            parameter(search_params(Some("since=2025-06-01&until=2025-01-01"))),
            Some("until".into())
        );
        assert_eq!(
            parameter(search_params(Some("facets=maybe"))),
            Some("facets".into())
        );
        assert_eq!(parameter(search_params(Some("q=a&q=b"))), Some("q".into()));
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert_eq!(parameter(search_params(Some(&long))), Some("q".into()));
    }

    #[test]
    fn values_are_taken_exactly_as_the_spec_describes_them() {
        for (query, name) in [
            ("limit=", "limit"),
            ("limit=+5", "limit"),
            ("limit=%205", "limit"),
            ("offset=", "offset"),
            ("also=", "also"),
            ("facets=", "facets"),
            ("facets=1", "facets"),
            ("all=0", "all"),
            ("since=", "since"),
            ("since=__main__", "since"),
            ("since=%202025", "since"),
            ("since=2025-1", "since"),
            ("since=0000", "since"),
            ("since=0044-02-07", "since"),
            ("since=1799-12-31", "since"),
            ("until=2201", "until"),
            ("since=2025-12-01T00:00:00Z", "since"),
            ("until=1%20December%202025", "until"),
            ("until=2025-02-30", "until"),
            ("speaker=", "speaker"),
            ("speaker=%20%20", "speaker"),
            ("source=", "source"),
        ] {
            assert_eq!(
                parameter(search_params(Some(query))),
                Some(name.into()),
                "{query}"
            );
        }
        for query in [
            "limit=05",
            "since=2024-02-29",
            "until=2025-12",
            "since=1800",
            "until=2200-12",
            "since=2000-02-29",
        ] {
            assert!(search_params(Some(query)).is_ok(), "{query}");
        }
        assert_eq!(
            sources_params(Some("limit="))
                .unwrap_err()
                .parameter
                .as_deref(),
            Some("limit")
        );
    }

    #[test]
    fn quotes_take_one_speaker_the_filters_an_order_and_a_page() {
        let p = quotes_params(Some(
            "speaker=Witkoff&q=talks&source=Reuters&lang=en&since=2025&sort=oldest&limit=5&offset=10",
        ))
        .unwrap();
        assert_eq!(p.request.langs, vec!["en"]);
        assert_eq!(p.speaker, "Witkoff");
        assert_eq!(p.request.query, "talks");
        assert_eq!(p.request.sources, vec!["Reuters"]);
        assert_eq!((p.request.limit, p.request.offset), (5, 10));
        assert_eq!(p.order, QuoteOrder::Oldest);
        let p = quotes_params(Some("speaker=Witkoff")).unwrap();
        assert_eq!(p.order, QuoteOrder::Newest);
        assert_eq!(p.request.limit, DEFAULT_LIMIT);
        for (query, name) in [
            ("", "speaker"),
            ("speaker=a&speaker=b", "speaker"),
            ("speaker=%20", "speaker"),
            ("speaker=a&sort=best", "sort"),
            ("speaker=a&limit=101", "limit"),
            ("speaker=a&all=true", "all"),
        ] {
            let e = quotes_params(Some(query)).unwrap_err();
            assert_eq!(e.parameter.as_deref(), Some(name), "{query}");
        }
    }

    #[test]
    fn search_takes_an_order_prefix_typing_and_longer_facets() {
        let p = search_params(Some("q=negot&sort=newest&prefix=true&facet_limit=500")).unwrap();
        assert_eq!(p.request.order, crate::search::SearchOrder::Newest);
        assert!(p.request.prefix);
        assert_eq!(p.facet_limit, 500);
        let p = search_params(None).unwrap();
        assert_eq!(p.request.order, crate::search::SearchOrder::Relevance);
        assert!(!p.request.prefix);
        assert_eq!(p.facet_limit, DEFAULT_FACET_LIMIT);
        for (query, name) in [("sort=date", "sort"), ("facet_limit=0", "facet_limit")] {
            assert_eq!(parameter(search_params(Some(query))), Some(name.into()));
        }
    }

    #[test]
    fn unknown_parameters_are_refused_by_name() {
        let e = search_params(Some("lmit=5")).unwrap_err();
        assert_eq!(e.parameter.as_deref(), Some("lmit"));
        assert!(e.message.contains("\"lmit\""), "{}", e.message);
        assert!(e.message.contains("limit"), "{}", e.message);
        assert!(no_params(Some("x=1")).is_err());
        assert!(no_params(None).is_ok());
    }

    #[test]
    fn listings_allow_longer_limits_and_their_own_filters() {
        assert_eq!(speakers_params(Some("limit=500")).unwrap().limit, 500);
        assert_eq!(speakers_params(None).unwrap().limit, DEFAULT_LISTING_LIMIT);
        assert!(speakers_params(Some("limit=1001")).is_err());
        assert!(speakers_params(Some("offset=1")).is_err());
        let p = speakers_params(Some("q=talks&source=Reuters&since=2025")).unwrap();
        assert_eq!(p.request.sources, vec!["Reuters"]);
        assert!(speakers_params(Some("speaker=Witkoff")).is_err());
        assert_eq!(sources_params(Some("limit=3")).unwrap().limit, 3);
        assert!(sources_params(Some("q=talks")).is_err());
    }
}
