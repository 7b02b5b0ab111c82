//! Parsing the dates articles carry, in the forms news sites and scrapers
//! write them, into RFC 3339.
//!
//! A date that cannot be read with confidence is `None`: an empty date only
//! drops an article from date filters, while a wrong one puts it in the
//! wrong place, so this module never guesses.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Normalizes a date string to RFC 3339 (`2025-12-22T10:00:00+02:00`, or
/// `2025-12-22T00:00:00Z` for a bare day). `None` if it is not a date.
pub fn normalize(text: &str) -> Option<String> {
    parse(text).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

pub use crate::calendar::PLAUSIBLE_YEARS;

/// Parses a date in any of the common forms; times without a zone are UTC.
/// A leading label (`Published:`, `Updated on`) is ignored.
pub fn parse(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    // Every form read holds a year (or an hour) in ASCII digits: most
    // texts asked (every short block of a page) are refused here, before
    // chrono's formats and the regex are tried on them one by one.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = strip_label(text.trim()).trim_end_matches('.').trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    parse_exact(text)
        .or_else(|| parse_with_time(text))
        .filter(|d| PLAUSIBLE_YEARS.contains(&d.year()))
}

/// `Published: `, `Updated on `, `Posted `… before a date.
fn strip_label(mut text: &str) -> &str {
    const LABELS: &[&str] = &[
        "last updated",
        "published",
        "updated",
        "posted",
        "modified",
        "date",
        "on",
    ];
    loop {
        let lower = text.to_ascii_lowercase();
        let Some(label) = LABELS.iter().find(|l| {
            lower.starts_with(*l)
                && lower[l.len()..].starts_with(|c: char| c == ':' || c.is_whitespace())
        }) else {
            return text;
        };
        text = text[label.len()..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    }
}

/// `December 22, 2025 at 10:00 a.m. EST`, `22 Dec 2025 10:00 GMT`,
/// `Dec 22 2025, 10:00`: a day, then a time, then maybe a zone. A zone
/// that is not known leaves only the day, rather than a wrong instant.
fn parse_with_time(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
    static TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?P<day>.+?)[\s,]+(?:at\s+|-\s+|\|\s+)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>[a-z]{1,5}|[+-]\d{2}:?\d{2})?$")
            .expect("valid regex")
    });
    let caps = TIME.captures(text)?;
    let day = parse_day(caps["day"].trim().trim_end_matches([',', '-', '|']).trim())?;
    let mut hour: u32 = caps["h"].parse().ok()?;
    let minute: u32 = caps["m"].parse().ok()?;
    let second: u32 = caps
        .name("s")
        .map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if hour == 0 || hour > 12 {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let local = day.and_hms_opt(hour, minute, second)?;
    let offset_secs = match caps.name("zone").map(|z| z.as_str()) {
        None => 0,
        Some(zone) => match zone_offset(zone) {
            Some(secs) => secs,
            None => {
                let midnight = day.and_hms_opt(0, 0, 0)?;
                return Some(Utc.from_utc_datetime(&midnight).fixed_offset());
            }
        },
    };
    let offset = chrono::FixedOffset::east_opt(offset_secs)?;
    offset.from_local_datetime(&local).single()
}

/// The UTC offset of a zone abbreviation or `+02:00`, in seconds.
fn zone_offset(zone: &str) -> Option<i32> {
    if let Some(sign) = zone.strip_prefix(['+', '-']).map(|_| zone.as_bytes()[0]) {
        let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        let (h, m): (i32, i32) = (
            digits.get(..2)?.parse().ok()?,
            digits.get(2..)?.parse().ok()?,
        );
        let secs = h * 3600 + m * 60;
        return Some(if sign == b'-' { -secs } else { secs });
    }
    let hours = match zone.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" => 0,
        "EST" => -5,
        "EDT" | "AST" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        "BST" | "CET" | "WAT" => 1,
        "CEST" | "EET" | "CAT" | "SAST" => 2,
        "EEST" | "MSK" | "EAT" => 3,
        "JST" | "KST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        _ => return None,
    };
    Some(hours * 3600)
}

/// The forms read as a whole: RFC 3339, RFC 2822, ISO-like timestamps and
/// bare days.
fn parse_exact(text: &str) -> Option<DateTime<chrono::FixedOffset>> {
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
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
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
    // Day-first with dots is the only numeric day-month order read: slashes
    // (12/11/2025) mean different days in different countries.
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y"] {
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
    crate::calendar::is_weekday_or_abbreviation(&w)
}

/// Parses a user-given date bound for `--since`/`--until`: a day
/// (`2025-12-01`), a month (`2025-12`), a year (`2025`) or a full timestamp.
/// `end` chooses the last instant of the period instead of the first.
/// Years outside [`PLAUSIBLE_YEARS`] (`0000`, `1000`, `9999`) are typing
/// mistakes, not dates any article has: refused like other non-dates, by the
/// CLI and the API alike (the index's dates cannot hold year 1000 either:
/// it overflowed tantivy's nanosecond dates).
pub fn parse_bound(text: &str, end: bool) -> Option<DateTime<Utc>> {
    parse_any_bound(text, end).filter(|d| PLAUSIBLE_YEARS.contains(&d.year()))
}

fn parse_any_bound(text: &str, end: bool) -> Option<DateTime<Utc>> {
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
            ("Dec 22, 2025 10:00 AM", "2025-12-22T10:00:00Z"),
            (
                "December 22, 2025 at 10:00 p.m. EST",
                "2025-12-22T22:00:00-05:00",
            ),
            ("22 December 2025 10:00 GMT", "2025-12-22T10:00:00Z"),
            ("Dec 22 2025, 10:00", "2025-12-22T10:00:00Z"),
            ("Updated: December 22, 2025", "2025-12-22T00:00:00Z"),
            ("Published 22 Dec 2025", "2025-12-22T00:00:00Z"),
            ("Mon, 22 Dec 2025", "2025-12-22T00:00:00Z"),
            ("22.12.2025", "2025-12-22T00:00:00Z"),
            ("2025/12/22 10:00", "2025-12-22T10:00:00Z"),
            ("22 Dec 2025 10:00 XYZT", "2025-12-22T00:00:00Z"),
        ] {
            assert_eq!(normalize(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn non_dates_are_none() {
        for input in [
            "",
            "yesterday",
            "2025-13-45",
            "Monday",
            "not a date at all",
            "December 2025",
            "12/11/2025",
            "on",
            // Without ASCII digits, whatever the words or the digits.
            "Published: December the twenty-second",
            "December \u{ff12}\u{ff12}, \u{ff12}\u{ff10}\u{ff12}\u{ff15} \u{ff11}\u{ff10}:\u{ff10}\u{ff10}",
            "\u{662}\u{662} December \u{662}\u{660}\u{662}\u{665}",
        ] {
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
