//! Plain-text articles: finding the title, byline, date and outlet in the
//! lines around the body, and marking those lines so they are not indexed
//! as passages.
//!
//! Scraped text files have no markup, so this reads the layout: a header
//! zone (breadcrumbs, a headline, a byline, a `date YYYY-MM-DD` header)
//! before the first real paragraph, a dateline (`ERBIL (Kurdistan24) —`) at
//! the start of the body, and credits or boilerplate after its end.

use super::{article_id, boilerplate, date};
use crate::article::{Article, Excluded, ExcludedKind, Origin};
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The header zone is at most this many non-blank lines.
const MAX_HEADER_LINES: usize = 15;

/// The non-blank lines after the header zone where a dateline is looked for.
const DATELINE_LINES: usize = 3;

/// The lines at the end of the text where credits are looked for.
pub const FOOTER_LINES: usize = 20;

/// How many non-blank lines from the start of the body the layout reads
/// (the header zone, then a dateline): all that [`read_long_at`] needs of
/// a long article's start.
pub const LINES_READ_FROM_START: usize = MAX_HEADER_LINES + DATELINE_LINES;

/// `date 2025-12-21` (or `Date: 2025-12-21`) at the start of a line.
static DATE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:date|published|updated)\s*:?\s+(\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]+)?)\b")
        .expect("valid regex")
});

/// `ERBIL (Kurdistan24) —`, `WASHINGTON, Dec 22 (Reuters) -`,
/// `SPRINGFIELD, Ill. (AP) —` (a state written short, as AP style does).
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[A-Z][A-Z .,'’/-]{1,40}?(?:,\s*[A-Z][a-z]{1,8}\.?(?:\s+\d{1,2})?)?\s*\(([^()\n]{2,40})\)\s*[—–-]+\s")
        .expect("valid regex")
});

/// `Se Young Lee, Bloomberg News` (with an optional leading `By` and a
/// trailing ` on …` as some syndication sites print it): 2 to 4 words of
/// a name, 1 to 5 of an outlet (counted by [`byline_with_outlet`]).
///
/// The bylines' regexes repeat their words without bounds and the words
/// are counted after a match: every bounded copy of a Unicode letter class
/// is compiled anew, and the bounded forms cost 53 M instructions to
/// compile, more than reading a short article.
static BYLINE_WITH_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Bb]y\s+)?(?P<author>\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)+),\s+(?P<outlet>\p{Lu}[\p{L}&.'’-]*(?:\s+[\p{Lu}&][\p{L}&.'’-]*)*)(?:\s+on\b.*)?$")
        .expect("valid regex")
});

/// The author and outlet of a line like [`BYLINE_WITH_OUTLET`]. A line
/// without a comma is not matched at all, so that a text without such a
/// line never compiles the regex.
fn byline_with_outlet(line: &str) -> Option<(&str, &str)> {
    if !line.contains(',') {
        return None;
    }
    let m = BYLINE_WITH_OUTLET.captures(line)?;
    let (author, outlet) = (m.name("author")?.as_str(), m.name("outlet")?.as_str());
    let words = |s: &str| s.split_whitespace().count();
    ((2..=4).contains(&words(author)) && (1..=5).contains(&words(outlet)))
        .then_some((author, outlet))
}

/// Last words of place names that a venue line ("Lansdowne Road, Dublin")
/// shares with the shape of a byline ("Jane Doe, Example News").
const PLACE_WORDS: &[&str] = &[
    "road", "street", "avenue", "lane", "square", "park", "stadium", "arena", "hall", "centre",
    "center", "bridge", "court", "place", "ground", "gardens", "palace",
];

/// Whether the would-be author of a byline is a place ("Lansdowne Road").
fn names_a_place(author: &str) -> bool {
    author
        .rsplit(' ')
        .next()
        .is_some_and(|last| PLACE_WORDS.contains(&last.to_lowercase().as_str()))
}

/// The last words of a journalist's role written after the name in a
/// byline ("By Jane Doe Staff Reporter", "Jane Doe, Senior Writer").
const BYLINE_ROLE_HEADS: &[&str] = &[
    "reporter",
    "reporters",
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "editor",
    "columnist",
    "contributor",
    "producer",
    "photographer",
];

/// Words that stand before [`BYLINE_ROLE_HEADS`] in a role ("Staff",
/// "Senior Political", "Contributing").
const BYLINE_ROLE_MODIFIERS: &[&str] = &[
    "staff",
    "senior",
    "chief",
    "special",
    "associate",
    "contributing",
    "deputy",
    "managing",
    "political",
    "foreign",
    "national",
    "business",
    "health",
    "science",
    "sports",
    "legal",
    "investigative",
];

/// `name` without a journalist's role at its end ("Jane Doe Staff
/// Reporter" is Jane Doe), or `None` when nothing precedes the role.
fn without_byline_role(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_head = |w: &str| BYLINE_ROLE_HEADS.contains(&w.to_lowercase().as_str());
    let is_modifier = |w: &str| BYLINE_ROLE_MODIFIERS.contains(&w.to_lowercase().as_str());
    let Some((&last, rest)) = words.split_last() else {
        return Some(name);
    };
    if !is_head(last) {
        return Some(name);
    }
    let kept = rest.len() - rest.iter().rev().take_while(|w| is_modifier(w)).count();
    if kept == 0 {
        return None;
    }
    // The name's words are the first `kept` of the line, as written.
    let end = name
        .match_indices(char::is_whitespace)
        .filter(|&(i, _)| !name[..i].ends_with(char::is_whitespace))
        .nth(kept - 1)
        .map_or(name.len(), |(i, _)| i);
    Some(&name[..end])
}

/// `By Jane Doe` or `By Jane Doe and John Roe`: 2 to 4 words a name
/// (counted by [`byline`]; see [`BYLINE_WITH_OUTLET`] for why).
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Bb]y\s+(?P<author>\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)+(?:\s+and\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)+)?)$")
        .expect("valid regex")
});

/// The author(s) of a line like [`BYLINE`]. Only a line that starts with
/// `By` or `by` is matched.
fn byline(line: &str) -> Option<&str> {
    if !(line.starts_with("By") || line.starts_with("by")) {
        return None;
    }
    let author = BYLINE.captures(line)?.name("author")?.as_str();
    let author = without_byline_role(author)?;
    // "and" is no name word (names start with a capital): it splits the
    // names exactly where the regex did.
    let names_fit = author
        .split_whitespace()
        .collect::<Vec<_>>()
        .split(|w| *w == "and")
        .all(|name| (2..=4).contains(&name.len()));
    names_fit.then_some(author)
}

/// A line of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let content = piece.strip_suffix('\n').unwrap_or(piece);
        let content = content.strip_suffix('\r').unwrap_or(content);
        out.push(Line {
            start,
            end: start + content.len(),
            text: content,
        });
        start += piece.len();
    }
    out
}

/// Reads a plain-text article. `bom_len` is the number of bytes before
/// `text` in the file.
pub fn read(path: &Path, text: String, bom_len: usize) -> Article {
    let origin = Origin {
        offset: bom_len,
        line: 1,
        verbatim: true,
    };
    read_at(path, text, origin)
}

/// Reads a plain-text article whose text starts at `origin` in the file
/// (after a byte-order mark or front matter).
pub fn read_at(path: &Path, text: String, origin: Origin) -> Article {
    let mut article = Article {
        id: article_id(path, None),
        path: path.to_path_buf(),
        origin,
        ..Article::default()
    };
    let all = lines(&text);
    read_layout(&all, &all, &mut article);
    article.body = text;
    article
}

/// [`read_at`] of a long article whose text is not held: `head` is the
/// start of its body, holding at least [`LINES_READ_FROM_START`] non-blank
/// lines (whole lines), and `tail` its last [`FOOTER_LINES`] lines, each
/// with its offset in the body (without its line end). The article's
/// `body` is left empty.
pub fn read_long_at(path: &Path, head: &str, tail: &[(usize, String)], origin: Origin) -> Article {
    let mut article = Article {
        id: article_id(path, None),
        path: path.to_path_buf(),
        origin,
        ..Article::default()
    };
    let tail: Vec<Line> = tail
        .iter()
        .map(|(start, text)| Line {
            start: *start,
            end: start + text.len(),
            text,
        })
        .collect();
    read_layout(&lines(head), &tail, &mut article);
    article
}

/// The header zone and dateline from the first lines of the body, and
/// the credits from its last lines.
fn read_layout(first: &[Line], last: &[Line], article: &mut Article) {
    let body_start = read_header(first, article);
    read_dateline(&first[body_start..], article);
    read_footer(last, article);
}

fn exclude(article: &mut Article, start: usize, end: usize, why: ExcludedKind) {
    article.excluded.push(Excluded { start, end, why });
}

/// Whether a line reads as a body paragraph rather than a header line.
fn is_paragraph(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let ends_sentence = text
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?']);
    words > 30 || (ends_sentence && words > 12)
}

/// A line that could be a headline: a few words, no sentence end.
fn is_headline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let bare = text.trim_end_matches(['"', '\'', '”', '’']);
    // A trailing ellipsis is a headline style, not a sentence end.
    // Some outlets end title-case headlines with a period.
    let ends_clause = bare.ends_with([':', ';', ','])
        || (bare.ends_with('.') && !bare.ends_with("...") && !is_title_case(bare));
    let first_word = text.split_whitespace().next().unwrap_or("");
    // `iTunes`, `eBay`: a brand written with a lower-case first letter.
    let camel = first_word.chars().next().is_some_and(char::is_lowercase)
        && first_word.chars().skip(1).any(char::is_uppercase);
    (2..=30).contains(&words)
        && text.len() <= 250
        && !ends_clause
        && (camel
            || text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"'“‘$£€¥".contains(c)))
}

/// Small words that stay lower case in a title-case headline.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "with", "vs", "via", "over", "after", "is", "are", "was", "his", "her", "its",
    "this", "that", "up", "out", "off", "about",
];

/// Whether most words of a line (four or more) are capitalized, as in
/// `Poll: Wealthy Voters Abandon Republican Party for Clinton.`
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let (capitalized, major) = capitalized_major_words(&words, MINOR_WORDS);
    words.len() >= 4 && capitalized * 100 >= major * 85
}

/// Of `words`, those not in `minor` (lower case) that start with a capital
/// letter or a digit, and how many are not in `minor`: the measure of title
/// case that headlines (here) and headings (`passages`) share, each with
/// its own list of minor words.
pub(crate) fn capitalized_major_words(words: &[&str], minor: &[&str]) -> (usize, usize) {
    let mut capitalized = 0;
    let mut major = 0;
    for word in words {
        if minor.contains(&word.to_lowercase().as_str()) {
            continue;
        }
        major += 1;
        if word
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            capitalized += 1;
        }
    }
    (capitalized, major)
}

/// A line made only of punctuation: a breadcrumb or section separator.
fn is_separator(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(char::is_alphanumeric)
}

/// A breadcrumb trail: `World / Europe`, `Home > News > Politics` — a few
/// short segments joined by a path separator, nothing like a sentence.
fn is_breadcrumb(text: &str) -> bool {
    const SEPARATORS: &[&str] = &[" / ", " > ", " » ", " › ", " | "];
    let Some(sep) = SEPARATORS.iter().find(|s| text.contains(*s)) else {
        return false;
    };
    let segments: Vec<&str> = text.split(sep).map(str::trim).collect();
    text.chars().count() <= 80
        && (2..=6).contains(&segments.len())
        && segments.iter().all(|seg| {
            let words = seg.split_whitespace().count();
            (1..=3).contains(&words)
                && !seg.ends_with(['.', '!', '?', ':', ','])
                && seg.chars().next().is_some_and(|c| !c.is_lowercase())
        })
}

/// Reads the header zone. Returns the index of the first body line.
fn read_header(all: &[Line], article: &mut Article) -> usize {
    let mut pending: Vec<Line> = Vec::new(); // short lines not yet classified
    let mut headlines: Vec<Line> = Vec::new();
    let mut after_separator = false;
    let mut seen = 0;
    let mut index = 0;
    while index < all.len() && seen < MAX_HEADER_LINES {
        let line = all[index];
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            index += 1;
            continue;
        }
        seen += 1;
        let lead = line.text.len() - line.text.trim_start().len();
        // A date header has dashes: a text without one never compiles it.
        let date_header = Some(line.text)
            .filter(|t| t.contains('-'))
            .and_then(|t| DATE_HEADER.captures(t));
        if let Some(m) = date_header {
            let whole = m.get(0).expect("match");
            if article.date.is_none() {
                article.date = date::normalize(&m[1]);
            }
            exclude(
                article,
                line.start,
                line.start + whole.end(),
                ExcludedKind::Metadata,
            );
            if line.text[whole.end()..].trim().is_empty() {
                index += 1;
                continue;
            }
            // The rest of the line is text (a pull quote, a paragraph).
            if is_paragraph(line.text[whole.end()..].trim()) {
                break;
            }
            index += 1;
            continue;
        }
        // A line that is only a date ("Posted: Mar 3, 2020", "Thu., Jan.
        // 14, 2021"). Every form read holds a year, so a line without
        // one ("Sunday, 27 February") stays what it is.
        if let Some(date) = date::normalize(trimmed) {
            if article.date.is_none() {
                article.date = Some(date);
            }
            exclude(article, line.start + lead, line.end, ExcludedKind::Metadata);
            index += 1;
            continue;
        }
        if is_separator(trimmed) {
            // Breadcrumbs: `Section / Site`. What came before is navigation.
            for p in pending.drain(..) {
                exclude(article, p.start, p.end, ExcludedKind::Boilerplate);
            }
            headlines.clear();
            exclude(article, line.start, line.end, ExcludedKind::Boilerplate);
            after_separator = true;
            index += 1;
            continue;
        }
        if boilerplate::is_boilerplate_line(trimmed)
            || (headlines.is_empty() && is_breadcrumb(trimmed))
        {
            exclude(article, line.start, line.end, ExcludedKind::Boilerplate);
            index += 1;
            continue;
        }
        if let Some((author, outlet)) = byline_with_outlet(trimmed) {
            if (!headlines.is_empty() || seen > 1) && !names_a_place(author) {
                article.author = Some(author.to_string());
                // "Jane Doe, Staff Reporter": a role, not an outlet.
                if without_byline_role(outlet).is_some() {
                    article.source = Some(outlet.to_string());
                }
                exclude(article, line.start + lead, line.end, ExcludedKind::Metadata);
                index += 1;
                continue;
            }
        }
        if let Some(author) = byline(trimmed) {
            article.author = Some(author.to_string());
            exclude(article, line.start + lead, line.end, ExcludedKind::Metadata);
            index += 1;
            continue;
        }
        if is_paragraph(trimmed) {
            break;
        }
        if after_separator {
            // The item right after a breadcrumb separator is still navigation.
            exclude(article, line.start, line.end, ExcludedKind::Boilerplate);
            after_separator = false;
            index += 1;
            continue;
        }
        if is_headline(trimmed) {
            headlines.push(line);
        }
        pending.push(line);
        index += 1;
    }
    // The first headline-like line is the title; a second one is the
    // standfirst, which stays a passage.
    if let Some(title) = headlines.first() {
        let trimmed = title.text.trim();
        article.title = Some(trimmed.to_string());
        let lead = title.text.len() - title.text.trim_start().len();
        exclude(
            article,
            title.start + lead,
            title.end,
            ExcludedKind::Metadata,
        );
    }
    index
}

/// The outlet named in a dateline at the start of one of the first lines
/// of the body.
fn read_dateline(body: &[Line], article: &mut Article) {
    for line in body
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take(DATELINE_LINES)
    {
        // The outlet is in parentheses: a line without one never compiles
        // the regex.
        let dateline = Some(line.text)
            .filter(|t| t.contains('('))
            .and_then(|t| DATELINE.captures(t));
        if let Some(m) = dateline {
            let outlet = m[1].trim();
            if outlet.chars().any(char::is_alphabetic) && article.source.is_none() {
                article.source = Some(outlet.to_string());
            }
            return;
        }
    }
}

/// Credits and boilerplate after the end of the article.
fn read_footer(all: &[Line], article: &mut Article) {
    for line in all.iter().rev().take(FOOTER_LINES) {
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(agency) = boilerplate::agency_credit(trimmed) {
            if let (Some(agency), None) = (agency, &article.source) {
                article.source = Some(agency);
            }
            exclude(article, line.start, line.end, ExcludedKind::Metadata);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Article {
        read(Path::new("/t/a.txt"), text.to_string(), 0)
    }

    #[test]
    fn date_header_and_dateline() {
        let a = read_str(" date 2025-12-21 “Quote,” he said, adding more words here to make this a long line of text.\n\nERBIL (Kurdistan24) — The envoy said on Monday that the talks went well.");
        assert_eq!(a.date.as_deref(), Some("2025-12-21T00:00:00Z"));
        assert_eq!(a.source.as_deref(), Some("Kurdistan24"));
        assert_eq!(a.title, None);
    }

    #[test]
    fn a_dateline_with_a_state_written_short_names_the_agency() {
        let a = read_str("Port strike ends\n\nEASTWICK, Ore. (AP) — The strike at the port ended on Monday after a long week of talks.\n");
        assert_eq!(a.source.as_deref(), Some("AP"));
        let a = read_str("Port strike ends\n\nEASTWICK, Dec 22 (Reuters) - The strike at the port ended on Monday after a long week of talks.\n");
        assert_eq!(a.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn headline_byline_and_breadcrumbs() {
        let a = read_str("Current News\n\n/\n\nSiteName\n\nTalks held in Florida, envoy says\n\nJane Doe, Example News on\n\nPublished in News\n\nThe envoy said that the officials held productive meetings in Florida this week.\n");
        assert_eq!(
            a.title.as_deref(),
            Some("Talks held in Florida, envoy says")
        );
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        let passages = crate::passages::split(&a);
        assert_eq!(passages.len(), 1, "{passages:?}");
    }

    #[test]
    fn a_byline_names_two_to_four_words_each() {
        let author = |line: &str| {
            let text = format!("Port strike ends\n\n{line}\n\nThe strike at the port ended on Monday after a long week of talks with the union.\n");
            read_str(&text).author
        };
        assert_eq!(author("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            author("By Ana María Souza Lima and Jo Roe").as_deref(),
            Some("Ana María Souza Lima and Jo Roe")
        );
        assert_eq!(author("By Ana María Souza Lima Reis"), None, "five words");
        assert_eq!(author("By Jane Doe and Roe"), None, "one word after and");
        assert_eq!(author("By Jane"), None);
        let with_outlet = |line: &str| {
            let text = format!("Port strike ends\n\n{line}\n\nThe strike at the port ended on Monday after a long week of talks with the union.\n");
            let a = read_str(&text);
            a.author.zip(a.source)
        };
        assert_eq!(
            with_outlet("Jane Doe, The Daily Harbour Wire Service"),
            Some(("Jane Doe".into(), "The Daily Harbour Wire Service".into()))
        );
        assert_eq!(
            with_outlet("Jane Doe, The Daily Harbour Wire Service Today"),
            None,
            "six words of an outlet"
        );
        assert_eq!(with_outlet("Ana María Souza Lima Reis, Reuters"), None);
    }

    #[test]
    fn a_journalists_role_after_the_name_is_not_part_of_it() {
        let read = |line: &str| {
            let text = format!("Port strike ends\n\n{line}\n\nThe strike at the port ended on Monday after a long week of talks with the union.\n");
            let a = read_str(&text);
            (a.author, a.source)
        };
        assert_eq!(
            read("By Jane Doe Staff Reporter"),
            (Some("Jane Doe".into()), None)
        );
        assert_eq!(
            read("By Jane Doe Senior Political Correspondent"),
            (Some("Jane Doe".into()), None)
        );
        assert_eq!(
            read("Jane Doe, Staff Writer"),
            (Some("Jane Doe".into()), None)
        );
        assert_eq!(
            read("Jane Doe, Harbour Reporter"),
            (Some("Jane Doe".into()), Some("Harbour Reporter".into())),
            "an outlet named Reporter"
        );
        assert_eq!(read("By Staff Reporter"), (None, None));
    }

    #[test]
    fn a_line_that_is_only_a_date_dates_the_article() {
        let date = |line: &str| {
            let text = format!("Port strike ends\n\n{line}\n\nThe strike at the port ended on Monday after a long week of talks with the union.\n");
            let a = read_str(&text);
            let passages = crate::passages::split(&a);
            assert_eq!(passages.len(), 1, "{line}: {passages:?}");
            a.date
        };
        assert_eq!(
            date("Posted: Mar 3, 2020").as_deref(),
            Some("2020-03-03T00:00:00Z")
        );
        assert_eq!(
            date("Thu., Jan. 14, 2021").as_deref(),
            Some("2021-01-14T00:00:00Z")
        );
        assert_eq!(
            date("14 January 2021").as_deref(),
            Some("2021-01-14T00:00:00Z")
        );
    }

    #[test]
    fn a_venue_line_is_not_a_byline() {
        let a = read_str("Preview: Ireland v England\n\nLansdowne Road, Dublin\n\nSunday, 27 February\n\nIreland are going for their first Grand Slam since 1948 after two opening wins this season.\n");
        assert_eq!(a.author, None);
        assert_eq!(a.source, None);
    }

    #[test]
    fn first_line_headline_with_standfirst() {
        let a = read_str("Talks called productive\nKyiv says the discussions in Florida advanced work on security guarantees and economic recovery plans\nThe talks in Florida were described as productive by both sides on Sunday.\nWith IANS inputs\n");
        assert_eq!(a.title.as_deref(), Some("Talks called productive"));
        assert_eq!(a.source.as_deref(), Some("IANS"));
        let texts: Vec<String> = crate::passages::split(&a)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("Kyiv says"));
    }

    #[test]
    fn headlines_starting_with_symbols_brands_or_ending_in_ellipsis() {
        assert!(is_headline("$1m payoff for former Shell boss"));
        assert!(is_headline("iTunes now selling Band Aid song"));
        assert!(is_headline("'My memories of Marley...'"));
        assert!(!is_headline("it was a long day for everyone."));
        assert!(!is_headline("The talks ended."));
        assert!(is_headline(
            "Poll: Wealthy Voters Abandon Republican Party for Hillary Clinton."
        ));
        assert!(!is_headline(
            "Green Party candidate Jill Stein removed by police."
        ));
    }

    #[test]
    fn breadcrumb_trails_are_not_titles() {
        let a = read_str("World / Europe\nMinisters agree to cut tariffs\nThe ministers agreed on Thursday to cut tariffs on imported fertiliser by half.\n");
        assert_eq!(a.title.as_deref(), Some("Ministers agree to cut tariffs"));
        assert!(is_breadcrumb("Home > News > Politics"));
        assert!(!is_breadcrumb(
            "Israel / Gaza: talks resume after a long pause"
        ));
    }

    #[test]
    fn a_paragraph_first_means_no_title() {
        let a = read_str("High-level discussions aimed at forging a path to end the war took a significant step forward with a series of meetings in Florida, described by officials as productive.\nMore text.");
        assert_eq!(a.title, None);
    }
}
