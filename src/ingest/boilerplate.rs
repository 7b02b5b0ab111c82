//! Recognizing boilerplate lines: text that sits around an article on the
//! page but is not part of it (comment widgets, copyright and distribution
//! notices, share and subscribe prompts, "Published in …" tags).
//!
//! The test is on whole lines and deliberately conservative: a line is
//! boilerplate only when it is short and made of the phrases such widgets
//! print, so that a sentence of the article that happens to mention comments
//! or copyright is never dropped.

/// Lines longer than this are never treated as boilerplate.
const MAX_BOILERPLATE_CHARS: usize = 160;

/// Whole lines (compared lower-cased, without trailing punctuation).
const EXACT: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "comments",
    "comment",
    "show comments",
    "view comments",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "tweet",
    "email",
    "print",
    "advertisement",
    "related",
    "related articles",
    "related stories",
    "read more",
    "more stories",
    "recommended",
    "subscribe",
    "sign up",
    "log in",
    "skip to content",
    "skip to main content",
    "back to top",
    "photo",
    "image",
    "video",
    "loading",
    "loading...",
    "continue reading",
    "continue reading the main story",
    "follow us",
    "all rights reserved",
];

/// Line beginnings (lower-cased).
const PREFIXES: &[&str] = &[
    "©",
    "(c) ",
    "copyright ",
    "all rights reserved",
    "blog comments powered by",
    "comments powered by",
    "please enable javascript to view the comments",
    "published in ",
    "filed under ",
    "posted in ",
    "posted on ",
    "posted by ",
    "comments (",
    "read more about ",
    "tags:",
    "share this:",
    "share on ",
    "click to share",
    "subscribe to ",
    "sign up for ",
    "sign up to ",
    "follow us on ",
    "like us on facebook",
    "read more:",
    "read more at ",
    "related:",
    "click here to ",
    "this article was originally published",
    "this material may not be published",
    "distributed by ",
    "you must be logged in to post a comment",
    "your email address will not be published",
];

/// Phrases that make a short line a rights or distribution notice wherever
/// they occur in it.
const CONTAINS: &[&str] = &[
    "all rights reserved",
    "may not be published, broadcast, rewritten",
    "distributed by tribune content agency",
    "powered by disqus",
];

/// Whether a (trimmed) line is boilerplate.
pub fn is_boilerplate_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    EXACT.contains(&bare)
        || PREFIXES.iter().any(|p| lower.starts_with(p))
        || CONTAINS.iter().any(|p| lower.contains(p))
        || is_follow_prompt(&lower)
}

/// `Follow Backchannel: Twitter | Facebook`, `Follow us on Instagram`.
fn is_follow_prompt(lower: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
    ];
    lower.starts_with("follow ")
        && lower.split_whitespace().count() <= 10
        && NETWORKS.iter().any(|n| lower.contains(n))
}

/// An agency credit line at the end of an article (`With IANS inputs`,
/// `(With assistance from Maxim Edwards.)`, `With inputs from PTI`).
/// Returns the agency named, if the line names one.
pub fn agency_credit(line: &str) -> Option<Option<String>> {
    let line = line
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ' ']);
    let lower = line.to_lowercase();
    if line.chars().count() > 80 {
        return None;
    }
    if let Some(rest) = lower.strip_prefix("with ") {
        if let Some(agency) = rest
            .strip_suffix(" inputs")
            .or_else(|| rest.strip_suffix(" input"))
        {
            let start = line.len() - rest.len();
            return Some(Some(line[start..start + agency.len()].trim().to_string()));
        }
        if let Some(agency) = rest.strip_prefix("inputs from ") {
            let start = line.len() - agency.len();
            return Some(Some(line[start..].trim().to_string()));
        }
        if rest.starts_with("assistance from ") || rest.starts_with("reporting by ") {
            return Some(None);
        }
    }
    if lower.starts_with("additional reporting by ")
        || lower.starts_with("reporting by ")
        || lower.starts_with("editing by ")
        || lower.starts_with("(reporting by ")
    {
        return Some(None);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_widgets_and_notices_are_boilerplate() {
        for line in [
            "Leave a Reply",
            "Comments",
            "blog comments powered by Disqus",
            "©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.",
            "Published in News & Features",
            "Share this:",
            "Copyright 2024 The Example Times. All rights reserved.",
            "Follow Backchannel: Twitter |Facebook",
            "Comments (74 posted)",
            "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        for line in [
            "The comments were published in a local newspaper on Monday.",
            "Share prices fell sharply after the announcement.",
            "He said he would leave a reply to the committee later.",
            "Follow the money, the prosecutor told the jury on Monday.",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn agency_credits_name_the_agency() {
        assert_eq!(agency_credit("With IANS inputs"), Some(Some("IANS".into())));
        assert_eq!(
            agency_credit("With inputs from PTI"),
            Some(Some("PTI".into()))
        );
        assert_eq!(
            agency_credit("(With assistance from Maxim Edwards.)"),
            Some(None)
        );
        assert_eq!(agency_credit("With the talks over, both sides left."), None);
    }
}
