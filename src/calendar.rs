//! The English names of weekdays and months, in one list each, for every
//! module that must recognise them: date parsing (`ingest::date`), bylines
//! with a date glued on (`ingest::html`), words that are never part of a
//! person's name (`attribution::names`) and time phrases between a speaker
//! and a cue verb (`attribution::speakers`).
//!
//! The lists are lower case. Where a user wants fewer words than a whole
//! list (only some abbreviations, say), it filters the list here by name,
//! so the difference is written down where it is made.

/// Full weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday abbreviations as datelines write them ("Mon, 22 Dec 2025"),
/// without a dot.
pub const WEEKDAY_ABBREVIATIONS: [&str; 10] = [
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// Full month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month abbreviations without a dot ("may" is both the month and its
/// abbreviation; "sept" is a second form of "sep").
pub const MONTH_ABBREVIATIONS: [&str; 13] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Month abbreviations with their dot ("Dec."): [`MONTH_ABBREVIATIONS`]
/// but "may", which takes no dot.
pub const DOTTED_MONTH_ABBREVIATIONS: [&str; 12] = [
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
];

/// Whether `lower` (lower case, no punctuation) is a weekday or its
/// abbreviation.
pub fn is_weekday_or_abbreviation(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || WEEKDAY_ABBREVIATIONS.contains(&lower)
}

/// Whether `lower` (lower case, no punctuation) is a month or its
/// abbreviation.
pub fn is_month_or_abbreviation(lower: &str) -> bool {
    MONTHS.contains(&lower) || MONTH_ABBREVIATIONS.contains(&lower)
}

/// Years outside this range are misreadings (`December 2025` read as day
/// 20 of the year 25), not news dates; `--since`, `--until` and the API
/// take the same years. Here, below `error` and `ingest`, so both can name
/// it.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dotted_abbreviation_is_an_abbreviation_with_a_dot() {
        for dotted in DOTTED_MONTH_ABBREVIATIONS {
            let bare = dotted.strip_suffix('.').unwrap();
            assert!(MONTH_ABBREVIATIONS.contains(&bare), "{dotted}");
        }
        let undotted: Vec<_> = MONTH_ABBREVIATIONS
            .iter()
            .filter(|a| !DOTTED_MONTH_ABBREVIATIONS.contains(&format!("{a}.").as_str()))
            .collect();
        assert_eq!(undotted, [&"may"]);
    }

    #[test]
    fn names_and_abbreviations_are_recognised_and_other_words_not() {
        assert!(is_weekday_or_abbreviation("thurs"));
        assert!(is_weekday_or_abbreviation("sunday"));
        assert!(!is_weekday_or_abbreviation("sundays"));
        assert!(is_month_or_abbreviation("sept"));
        assert!(is_month_or_abbreviation("december"));
        assert!(!is_month_or_abbreviation("on"));
    }
}
