//! The snippet of a result: whole sentences around the matched words, with
//! "…" exactly where the passage's text was cut.
//!
//! tantivy's snippet generator finds the matched words but cuts its
//! fragments at a character count, mid-sentence and often mid-thought, and
//! says nothing of what it cut. Here the passage is split into sentences,
//! the one holding the most distinct matched words is taken, and sentences
//! around it are added while they fit. A sentence too long to fit alone is
//! cut at word boundaries around its first match. A snippet starts with "…"
//! only when text before it was left out and ends with "…" only when text
//! after it was; a passage shown whole has neither.

use crate::index::tokenizers;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// What finds the matched words of a query in a passage: the terms the
/// query searches in one field (`words`) and the analyzer that field's
/// text was indexed with. A word is matched when its term is one of them,
/// as tantivy's snippet generator decides, without the fragments, scores
/// and copies of the text that generator makes for every hit (8% of the
/// instructions of the benchmark's searches on bbc, where each is short).
pub struct Highlighter {
    /// A query's few terms: compared in turn, cheaper per word of a
    /// passage than hashing it.
    words: Vec<String>,
    analyzer: TextAnalyzer,
}

impl Highlighter {
    /// The terms `query` searches in `field` that some document holds, as
    /// text, with `tag` (a language's, in a field of several) taken off
    /// (terms without it are another language's), found by `analyzer`.
    pub fn of_query(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        tag: &str,
        analyzer: TextAnalyzer,
    ) -> tantivy::Result<Highlighter> {
        let words = terms_of(searcher, query, field, tag)?;
        Ok(Highlighter { words, analyzer })
    }

    /// [`Highlighter::of_query`] for a field analysed by `news` (English):
    /// words that cannot have one of the query's terms are passed over
    /// before their terms are looked up ([`tokenizers::news_matching`]).
    pub fn of_query_in_english(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
    ) -> tantivy::Result<Highlighter> {
        let words = terms_of(searcher, query, field, "")?;
        let analyzer = tokenizers::news_matching(&words);
        Ok(Highlighter { words, analyzer })
    }

    /// The byte ranges of the matched words of `text`, in order.
    pub fn matched_words(&self, text: &str) -> Vec<(usize, usize)> {
        if self.words.is_empty() {
            return Vec::new();
        }
        let is_word = |term: &str| self.words.iter().any(|w| w == term);
        matched_words(text, is_word, self.analyzer.clone())
    }
}

/// The terms `query` searches in `field` that some document holds, as
/// text, with `tag` taken off (terms without it are left out).
fn terms_of(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    tag: &str,
) -> tantivy::Result<Vec<String>> {
    let mut terms: Vec<Term> = Vec::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field && !terms.contains(term) {
            terms.push(term.clone());
        }
    });
    let mut words = Vec::new();
    for term in terms {
        let value = term.value();
        let Some(word) = value.as_str().and_then(|t| t.strip_prefix(tag)) else {
            continue;
        };
        if searcher.doc_freq(&term)? > 0 {
            words.push(word.to_string());
        }
    }
    Ok(words)
}

/// The byte ranges of the words of `text` whose term (as `analyzer`
/// writes it) `is_word` accepts.
pub fn matched_words(
    text: &str,
    is_word: impl Fn(&str) -> bool,
    mut analyzer: TextAnalyzer,
) -> Vec<(usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        if is_word(&token.text) {
            out.push((token.offset_from, token.offset_to));
        }
    }
    out
}

/// A piece of a passage and the byte ranges of its matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
    /// Where the shown text (after any leading [`CUT`]) starts in the
    /// passage, so that other ranges of the passage can be moved into it.
    pub start: usize,
}

/// The mark of text left out.
pub const CUT: &str = "…";

/// The snippet of `text` of at most about `max_chars` characters (marks
/// aside) around `matches` (byte ranges of matched words in `text`, in
/// order). Without matches it is the passage's start.
pub fn around(text: &str, matches: &[(usize, usize)], max_chars: usize) -> Snippet {
    let body_start = text.len() - text.trim_start().len();
    let body_end = text.trim_end().len();
    if body_start >= body_end {
        return Snippet {
            text: String::new(),
            highlights: Vec::new(),
            start: 0,
        };
    }
    let matches: Vec<(usize, usize)> = matches
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && e <= text.len())
        .collect();
    let sentences = sentences(text, body_start, body_end);
    let chars = |(s, e): (usize, usize)| text[s..e].chars().count();
    // The sentence with the most distinct matched words, the first of equals.
    let best = (0..sentences.len())
        .max_by_key(|&i| {
            let (s, e) = sentences[i];
            let mut words: Vec<String> = matches
                .iter()
                .filter(|&&(ms, me)| ms >= s && me <= e)
                .map(|&(ms, me)| text[ms..me].to_lowercase())
                .collect();
            words.sort();
            words.dedup();
            (words.len(), std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    let (mut first, mut last) = (best, best);
    let (start, end) = if chars(sentences[best]) > max_chars {
        let (s, e) = sentences[best];
        let anchor = matches
            .iter()
            .find(|&&(ms, me)| ms >= s && me <= e)
            .map_or(s, |&(ms, _)| ms);
        cut_within(text, (s, e), anchor, max_chars)
    } else {
        // Grow by whole sentences, the next one first, while they fit.
        let mut used = chars(sentences[best]);
        loop {
            let mut grew = false;
            if last + 1 < sentences.len() && used + 1 + chars(sentences[last + 1]) <= max_chars {
                last += 1;
                used += 1 + chars(sentences[last]);
                grew = true;
            }
            if first > 0 && used + 1 + chars(sentences[first - 1]) <= max_chars {
                first -= 1;
                used += 1 + chars(sentences[first]);
                grew = true;
            }
            if !grew {
                break;
            }
        }
        (sentences[first].0, sentences[last].1)
    };
    let before = if start > body_start { CUT } else { "" };
    let after = if end < body_end { CUT } else { "" };
    let shift = before.len();
    let highlights = matches
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start + shift, e - start + shift))
        .collect();
    Snippet {
        text: format!("{before}{}{after}", &text[start..end]),
        highlights,
        start,
    }
}

/// At most `max_chars` characters of the sentence `(s, e)` in whole words,
/// starting a third of the way before `anchor` (a byte offset in it).
fn cut_within(
    text: &str,
    (s, e): (usize, usize),
    anchor: usize,
    max_chars: usize,
) -> (usize, usize) {
    let lead = max_chars / 3;
    // Back `lead` characters from the anchor, then forward to a word start.
    let mut start = text[s..anchor]
        .char_indices()
        .rev()
        .nth(lead.saturating_sub(1))
        .map_or(s, |(i, _)| s + i);
    if start > s {
        let preceded_by_space = text[..start].ends_with(char::is_whitespace);
        if !preceded_by_space {
            start = text[start..anchor]
                .find(char::is_whitespace)
                .map_or(anchor, |i| start + i);
        }
        start += text[start..].len() - text[start..].trim_start().len();
    }
    // Forward `max_chars` characters, then back to a word end.
    let mut end = text[start..e]
        .char_indices()
        .nth(max_chars)
        .map_or(e, |(i, _)| start + i);
    if end < e && !text[end..].starts_with(char::is_whitespace) {
        if let Some(i) = text[start..end].rfind(char::is_whitespace) {
            if start + i > anchor {
                end = start + i;
            }
        }
    }
    let end = start + text[start..end].trim_end().len();
    (start, end.max(start))
}

/// Words whose dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "jr", "sr", "no", "vs", "co", "corp", "inc", "ltd", "jan", "feb", "mar", "apr", "aug", "sept",
    "sep", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "maj", "cmdr", "adm", "pres", "supt",
];

/// The sentences of `text[body_start..body_end]` as byte ranges, without
/// the spaces between them. A sentence ends at `.`, `!`, `?` or `…` (and any
/// closing quotes or brackets after it) followed by space and a word that
/// could start one: a capital, a digit or an opening quote. A single
/// capital (an initial) or a known abbreviation before the dot does not end
/// one.
pub fn sentences(text: &str, body_start: usize, body_end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = body_start;
    let body = &text[..body_end];
    let mut chars = body[body_start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let stop = body_start + i;
        let mut end = stop + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(next, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                end = body_start + j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &body[end..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() || trimmed.is_empty() {
            continue; // no space after it, or the end of the text
        }
        let opens = trimmed.chars().next().is_some_and(|n| {
            n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '«')
        });
        if !opens || (c == '.' && abbreviation_before(&text[start..stop])) {
            continue;
        }
        out.push((start, end));
        start = end + (rest.len() - trimmed.len());
    }
    if start < body_end {
        out.push((start, body_end));
    }
    out
}

/// Whether the last word of `before` (which ends just before a dot) is an
/// initial or a known abbreviation.
fn abbreviation_before(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    let initial = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase());
    initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte ranges of each occurrence of `word` in `text`.
    fn found(text: &str, word: &str) -> Vec<(usize, usize)> {
        text.match_indices(word)
            .map(|(i, w)| (i, i + w.len()))
            .collect()
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(a, b) in &s.highlights {
            out.push_str(&s.text[at..a]);
            out.push_str(&format!("[{}]", &s.text[a..b]));
            at = b;
        }
        out.push_str(&s.text[at..]);
        out
    }

    const PASSAGE: &str = "The council met on Monday. Mr. Hale said the ferry would stop in May. \
        Traders objected loudly. The mayor, J. R. Ortiz, promised a review of the harbour fees. \
        Nobody expected the vote to pass.";

    #[test]
    fn sentences_end_at_stops_before_capitals_but_not_after_initials_or_titles() {
        let body_end = PASSAGE.len();
        let got: Vec<&str> = sentences(PASSAGE, 0, body_end)
            .iter()
            .map(|&(s, e)| &PASSAGE[s..e])
            .collect();
        assert_eq!(
            got,
            vec![
                "The council met on Monday.",
                "Mr. Hale said the ferry would stop in May.",
                "Traders objected loudly.",
                "The mayor, J. R. Ortiz, promised a review of the harbour fees.",
                "Nobody expected the vote to pass.",
            ]
        );
        let quoted = "\"We will fight,\" she said. \"We will win.\" Then she left.";
        let got: Vec<&str> = sentences(quoted, 0, quoted.len())
            .iter()
            .map(|&(s, e)| &quoted[s..e])
            .collect();
        assert_eq!(
            got,
            vec![
                "\"We will fight,\" she said.",
                "\"We will win.\"",
                "Then she left."
            ]
        );
    }

    #[test]
    fn whole_sentences_with_marks_only_where_text_was_cut() {
        // A passage that fits is shown whole, with no marks.
        let s = around(PASSAGE, &found(PASSAGE, "ferry"), 500);
        assert_eq!(s.text, PASSAGE);
        assert_eq!(marked(&s).matches("[ferry]").count(), 1);
        // The sentence of the match and those around it that fit; "…" on
        // both sides, since text was left out on both.
        let s = around(PASSAGE, &found(PASSAGE, "Traders"), 100);
        assert_eq!(
            marked(&s),
            "…[Traders] objected loudly. The mayor, J. R. Ortiz, promised a review of the harbour fees.…"
        );
        // At the passage's start: no leading mark.
        let s = around(PASSAGE, &found(PASSAGE, "council"), 60);
        assert_eq!(marked(&s), "The [council] met on Monday.…");
        // At its end: no trailing mark.
        let s = around(PASSAGE, &found(PASSAGE, "vote"), 40);
        assert_eq!(marked(&s), "…Nobody expected the [vote] to pass.");
        // The sentence with the most distinct matched words wins.
        let mut both = found(PASSAGE, "council");
        both.extend(found(PASSAGE, "harbour"));
        both.extend(found(PASSAGE, "fees"));
        both.sort();
        let s = around(PASSAGE, &both, 70);
        assert_eq!(
            marked(&s),
            "…The mayor, J. R. Ortiz, promised a review of the [harbour] [fees].…"
        );
        // Without matches: the start, in whole sentences.
        let s = around(PASSAGE, &[], 60);
        assert_eq!(s.text, "The council met on Monday.…");
    }

    #[test]
    fn a_sentence_too_long_to_fit_is_cut_at_words_around_its_match() {
        let long = format!(
            "{} the harbour fees rose again {}",
            "word ".repeat(60).trim_end(),
            "more ".repeat(60).trim_end()
        );
        let s = around(&long, &found(&long, "harbour"), 60);
        assert!(s.text.starts_with("…word "), "{}", s.text);
        assert!(s.text.ends_with(" more…"), "{}", s.text);
        assert!(s.text.chars().count() <= 62, "{}", s.text);
        assert!(marked(&s).contains("[harbour] fees"), "{}", marked(&s));
        // No word is cut in two.
        for w in s.text.trim_matches('…').split(' ') {
            assert!(
                ["word", "the", "harbour", "fees", "rose", "again", "more"].contains(&w),
                "{w:?} in {}",
                s.text
            );
        }
        // Multi-byte text cuts on character boundaries.
        let accents = format!("{} ferry {}", "é".repeat(200), "ü ".repeat(200));
        let s = around(&accents, &found(&accents, "ferry"), 50);
        assert!(s.text.contains("ferry"), "{}", s.text);
    }

    #[test]
    fn the_snippet_says_where_its_text_starts_in_the_passage() {
        // One sentence twice, matched in its second copy only: `start`
        // points at that copy, which a search for the shown text would not.
        let text = "The ferry stops. Rain fell on the harbour all day long. The ferry stops.";
        let second = text.rfind("ferry").unwrap();
        let s = around(text, &[(second, second + "ferry".len())], 20);
        assert_eq!(s.text, format!("{CUT}The ferry stops."));
        assert_eq!(s.start, text.rfind("The ferry").unwrap());
        assert_ne!(s.start, text.find("The ferry stops.").unwrap());
        // A passage shown whole starts at its first word.
        assert_eq!(around("  One. Two.", &[], 500).start, 2);
    }
}
