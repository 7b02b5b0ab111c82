//! Parsing the dates articles carry, in the forms news sites and scrapers
//! write them, into RFC 3339.
//!
//! A date that cannot be read with confidence is `None`: an empty date only
//! drops an article from date filters, while a wrong one puts it in the
//! wrong place, so this module never guesses.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Normalizes a date string to RFC 3339 (`2025-12-22T10:00:00+02:00`, or
/// `2025-12-22T00:00:00Z` for a bare day). `None` if it is not a date.
pub fn normalize(text: &str) -> Option<String> {
    parse(text).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Parses a date in any of the common forms; times without a zone are UTC.
pub fn parse(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let text = text.trim().trim_end_matches('.');
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(text) {
        return Some(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(text, fmt) {
            return Some(d);
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(text, fmt) {
            return Some(Utc.from_utc_datetime(&d).fixed_offset());
        }
    }
    parse_day(text).map(|d| {
        Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
            .fixed_offset()
    })
}

/// A calendar day written as `2025-12-22`, `2025/12/22`, `December 22, 2025`,
/// `Dec. 22, 2025`, `22 December 2025`, `Monday, December 22, 2025`.
fn parse_day(text: &str) -> Option<NaiveDate> {
    // Drop a leading weekday ("Mon, ", "Monday ").
    let text = match text.split_once([',', ' ']) {
        Some((first, rest)) if weekday(first) => rest.trim_start_matches([',', ' ']),
        _ => text,
    };
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(text, fmt) {
            return Some(d);
        }
    }
    // Month names: normalize "Dec." and "Sept" so chrono's %b/%B read them.
    let cleaned: String = text
        .split_whitespace()
        .map(|w| {
            let bare = w.trim_end_matches([',', '.']);
            let lower = bare.to_ascii_lowercase();
            let month = match lower.as_str() {
                "sept" => Some("Sep"),
                _ => None,
            };
            let bare = month.unwrap_or(bare);
            if w.ends_with(',') {
                format!("{bare},")
            } else {
                bare.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let cleaned = strip_ordinals(&cleaned);
    for fmt in [
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
        "%d %b, %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Some(d);
        }
    }
    None
}

/// "22nd" → "22", "1st," → "1,".
fn strip_ordinals(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let (core, comma) = match w.strip_suffix(',') {
                Some(c) => (c, ","),
                None => (w, ""),
            };
            let digits = core.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &core[digits.len()..];
            if !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
                && matches!(suffix, "st" | "nd" | "rd" | "th")
            {
                format!("{digits}{comma}")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]
    .contains(&w.as_str())
        || [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .contains(&w.as_str())
}

/// Parses a user-given date bound for `--since`/`--until`: a day
/// (`2025-12-01`), a month (`2025-12`), a year (`2025`) or a full timestamp.
/// `end` chooses the last instant of the period instead of the first.
pub fn parse_bound(text: &str, end: bool) -> Option<DateTime<Utc>> {
    let text = text.trim();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let day = if digits(text) && text.len() == 4 {
        let year: i32 = text.parse().ok()?;
        if end {
            NaiveDate::from_ymd_opt(year, 12, 31)
        } else {
            NaiveDate::from_ymd_opt(year, 1, 1)
        }
    } else if let Some((y, m)) = text
        .split_once('-')
        .filter(|(y, m)| digits(y) && y.len() == 4 && digits(m) && m.len() <= 2)
    {
        let (year, month): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        if end {
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            next.pred_opt()
        } else {
            Some(first)
        }
    } else {
        None
    };
    if let Some(day) = day {
        let time = if end {
            day.and_hms_opt(23, 59, 59)?
        } else {
            day.and_hms_opt(0, 0, 0)?
        };
        return Some(Utc.from_utc_datetime(&time));
    }
    let parsed = parse(text)?;
    let is_bare_day = parse_day(text.trim_end_matches('.')).is_some();
    let utc = parsed.with_timezone(&Utc);
    if end && is_bare_day {
        return Some(utc + chrono::Duration::seconds(86_399));
    }
    Some(utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms_normalize_to_rfc3339() {
        for (input, want) in [
            ("2025-12-22", "2025-12-22T00:00:00Z"),
            ("December 22, 2025", "2025-12-22T00:00:00Z"),
            ("Dec. 22, 2025", "2025-12-22T00:00:00Z"),
            ("22 Dec 2025", "2025-12-22T00:00:00Z"),
            ("Monday, December 22nd, 2025", "2025-12-22T00:00:00Z"),
            ("2025-12-22T10:00:00+02:00", "2025-12-22T10:00:00+02:00"),
            ("Mon, 22 Dec 2025 10:00:00 +0000", "2025-12-22T10:00:00Z"),
            ("2018-04-05T06:00", "2018-04-05T06:00:00Z"),
        ] {
            assert_eq!(normalize(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn non_dates_are_none() {
        for input in ["", "yesterday", "2025-13-45", "Monday", "not a date at all"] {
            assert_eq!(normalize(input), None, "{input}");
        }
    }

    #[test]
    fn bounds_cover_whole_periods() {
        let day = |s, end| parse_bound(s, end).unwrap().to_rfc3339();
        assert_eq!(day("2025-12-22", false), "2025-12-22T00:00:00+00:00");
        assert_eq!(day("2025-12-22", true), "2025-12-22T23:59:59+00:00");
        assert_eq!(day("2025-02", true), "2025-02-28T23:59:59+00:00");
        assert_eq!(day("2025", false), "2025-01-01T00:00:00+00:00");
        assert!(parse_bound("last week", false).is_none());
    }
}
