//! Counts over time for the page's small charts: statements of a speaker
//! per week or month (the speaker page), and matching passages per week or
//! month (the histogram beside search results, brushed to set the dates).
//!
//! A timeline runs without gaps from the first dated period to the last, in
//! weeks (from Monday) when that spans at most [`MAX_WEEKS`] weeks, else in
//! calendar months, so a chart can draw one bar per period and a brush can
//! turn bars back into `since`/`until` days. Undated items are counted
//! apart.

use crate::error::Result;
use crate::index::NewsIndex;
use crate::search::{passage_query, SearchRequest};
use crate::stats::aggregate;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use tantivy::Searcher;

/// The longest span drawn in weeks; longer spans are drawn in months.
pub const MAX_WEEKS: i64 = 16;

/// Counts per period, oldest first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeline {
    /// `week` or `month`.
    pub unit: &'static str,
    pub periods: Vec<Period>,
    /// Items without a date.
    pub undated: u64,
}

/// One week or month.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Period {
    /// Its first and last day (YYYY-MM-DD).
    pub start: String,
    pub end: String,
    pub count: u64,
}

/// The timeline of items dated `days` (a day may repeat, with counts to
/// add) plus `undated` items.
pub fn of_days(days: impl IntoIterator<Item = (NaiveDate, u64)>, undated: u64) -> Timeline {
    let mut by_day: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, count) in days {
        *by_day.entry(day).or_default() += count;
    }
    let (Some((&first, _)), Some((&last, _))) = (by_day.first_key_value(), by_day.last_key_value())
    else {
        return Timeline {
            unit: "month",
            periods: Vec::new(),
            undated,
        };
    };
    let weekly = (last - first).num_days() < MAX_WEEKS * 7;
    let period_start = |day: NaiveDate| {
        if weekly {
            day - Days::new(u64::from(day.weekday().num_days_from_monday()))
        } else {
            day.with_day(1).expect("every month has a first day")
        }
    };
    let next = |start: NaiveDate| {
        if weekly {
            start + Days::new(7)
        } else {
            start + Months::new(1)
        }
    };
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (day, count) in by_day {
        *counts.entry(period_start(day)).or_default() += count;
    }
    let mut periods = Vec::new();
    let mut start = period_start(first);
    while start <= last {
        let following = next(start);
        periods.push(Period {
            start: start.to_string(),
            end: (following - Days::new(1)).to_string(),
            count: counts.get(&start).copied().unwrap_or(0),
        });
        start = following;
    }
    Timeline {
        unit: if weekly { "week" } else { "month" },
        periods,
        undated,
    }
}

/// The timeline of the passages `request` matches, its dates aside (so a
/// brushed range can be widened again).
pub fn of_search(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<Timeline> {
    let undated = SearchRequest {
        since: None,
        until: None,
        ..request.clone()
    };
    let (query, _) = passage_query(index, searcher, &undated)?;
    let aggs = aggregate(
        searcher,
        &query,
        json!({
            "days": { "date_histogram": {
                "field": "date", "fixed_interval": "1d", "min_doc_count": 1
            }},
            "all": { "value_count": { "field": "article_key" } },
        }),
    )?;
    let mut dated = 0;
    let days: Vec<(NaiveDate, u64)> = aggs["days"]["buckets"]
        .as_array()
        .map(|buckets| {
            buckets
                .iter()
                .filter_map(|b| {
                    let millis = b["key"].as_f64()? as i64;
                    let count = b["doc_count"].as_u64()?;
                    let day = chrono::DateTime::from_timestamp_millis(millis)?.date_naive();
                    Some((day, count))
                })
                .collect()
        })
        .unwrap_or_default();
    for (_, count) in &days {
        dated += count;
    }
    let all = aggs["all"]["value"].as_f64().unwrap_or(0.0).round() as u64;
    Ok(of_days(days, all.saturating_sub(dated)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_short_span_is_counted_in_weeks_without_gaps() {
        let t = of_days(
            [
                (day("2025-11-03"), 1),
                (day("2025-11-05"), 2),
                (day("2025-11-20"), 1),
            ],
            4,
        );
        assert_eq!(t.unit, "week");
        let periods: Vec<(&str, &str, u64)> = t
            .periods
            .iter()
            .map(|p| (p.start.as_str(), p.end.as_str(), p.count))
            .collect();
        assert_eq!(
            periods,
            vec![
                ("2025-11-03", "2025-11-09", 3),
                ("2025-11-10", "2025-11-16", 0),
                ("2025-11-17", "2025-11-23", 1),
            ]
        );
        assert_eq!(t.undated, 4);
    }

    #[test]
    fn a_long_span_is_counted_in_calendar_months() {
        let t = of_days([(day("2025-01-31"), 1), (day("2025-12-01"), 2)], 0);
        assert_eq!(t.unit, "month");
        assert_eq!(t.periods.len(), 12);
        assert_eq!(t.periods[0].start, "2025-01-01");
        assert_eq!(t.periods[0].end, "2025-01-31");
        assert_eq!(t.periods[1].end, "2025-02-28");
        assert_eq!(t.periods[11].count, 2);
        assert_eq!(t.periods.iter().map(|p| p.count).sum::<u64>(), 3);
    }

    #[test]
    fn nothing_dated_is_an_empty_timeline() {
        let t = of_days([], 2);
        assert!(t.periods.is_empty());
        assert_eq!(t.undated, 2);
    }
}
