//! Direct quotes of a passage, by token: the spans the crate's one
//! quotation detector ([`crate::quotation`]) finds, mapped onto the
//! passage's tokens for the cue and speaker rules.
//!
//! A quote still open at the end of its passage runs on into the next
//! paragraph, the newspaper convention for a quote of several paragraphs.
//! Single quotation marks are left alone: in news text they are scare
//! quotes in headlines or apostrophes far more often than speech.

use super::tokens::Token;

/// One quoted span of a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; `None` when the quote runs on past
    /// the end of the passage.
    pub close: Option<usize>,
    /// Byte range of the words inside the marks.
    pub start: usize,
    pub end: usize,
    /// Number of words inside.
    pub words: usize,
}

impl Quote {
    /// Whether token `i` lies inside the quote (marks excluded).
    pub fn contains(&self, i: usize) -> bool {
        i > self.open && self.close.is_none_or(|c| i < c)
    }

    /// The last token index the quote covers, marks included.
    pub fn last_token(&self, token_count: usize) -> usize {
        self.close.unwrap_or(token_count.saturating_sub(1))
    }
}

/// Quoted spans of at most this many words may be a title or a scare quote.
const MAX_TITLE_WORDS: usize = 6;

/// Small words a title keeps in lower case ("Pride and Prejudice").
fn is_title_small_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "by"
            | "with"
    )
}

impl Quote {
    /// Whether the quote names a work or marks a word ("the comedy “The
    /// Crown”", "the “both sides-ism” of the press") rather than quoting
    /// speech: a short span, closed, and either in title case next to a
    /// word (speech opens after a comma, a colon, a cue or the start of a
    /// sentence; "“Parasite” director") or of at most three words after a
    /// word with no mark ending it ("called it “heartbreaking,”" stays
    /// speech).
    pub fn is_title_or_scare(&self, text: &str, tokens: &[Token]) -> bool {
        let Some(close) = self.close else {
            return false;
        };
        if self.words > MAX_TITLE_WORDS {
            return false;
        }
        let is_plain_word = |t: &Token| {
            t.is_word()
                && super::cues::cue_form(t.text(text)).is_none()
                && !super::tokens::is_capitalized(t.text(text))
                && !matches!(
                    t.text(text),
                    "he" | "she" | "they" | "we" | "i" | "you" | "it" | "one"
                )
        };
        let after_word = tokens.get(close + 1).is_some_and(is_plain_word);
        let before_word = self.open > 0
            && tokens[self.open - 1].is_word()
            && super::cues::cue_form(tokens[self.open - 1].text(text)).is_none();
        let inner = &tokens[self.open + 1..close];
        let words = || inner.iter().filter(|t| t.is_word()).map(|t| t.text(text));
        let title_case = words().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| !c.is_alphabetic() || c.is_uppercase())
                || is_title_small_word(w)
        }) && words().next().is_some_and(|w| !is_title_small_word(w));
        let ends_with_mark = inner.last().is_some_and(|t| {
            t.punct
                .is_some_and(|c| matches!(c, '.' | ',' | '!' | '?' | '…'))
        });
        // "“Parasite” director Bo Ha said": a title before a noun.
        (title_case && (before_word || after_word))
            || (before_word && self.words <= 3 && !ends_with_mark)
    }
}

/// Finds the quotes of `text`, whose tokens are `tokens` (appended to
/// `out`, cleared first). A quote with no word inside is left out.
pub fn find(text: &str, tokens: &[Token], out: &mut Vec<Quote>) {
    out.clear();
    let token_at = |byte: usize| tokens.binary_search_by_key(&byte, |t| t.start).ok();
    for q in crate::quotation::find(text) {
        let Some(open) = token_at(q.open.start) else {
            continue;
        };
        let close = match q.close {
            Some(c) => match token_at(c.start) {
                Some(k) => Some(k),
                None => continue,
            },
            None => None,
        };
        let inner = &tokens[open + 1..close.unwrap_or(tokens.len())];
        let words = inner.iter().filter(|t| t.is_word()).count();
        if words == 0 {
            continue;
        }
        out.push(Quote {
            open,
            close,
            start: inner[0].start,
            end: inner[inner.len() - 1].end,
            words,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<(String, bool)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut quotes = Vec::new();
        find(text, &tokens, &mut quotes);
        quotes
            .iter()
            .map(|q| (text[q.start..q.end].to_string(), q.close.is_some()))
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quoted("“It works,” she said. \"We know.\""),
            [("It works,".into(), true), ("We know.".into(), true)]
        );
    }

    #[test]
    fn a_quote_can_run_past_the_paragraph() {
        assert_eq!(
            quoted("He said: “First, we build."),
            [("First, we build.".into(), false)]
        );
    }

    #[test]
    fn quotes_reopened_in_one_passage_leave_the_cue_outside() {
        let text = "\"We build. \"Then we sell,\" said Ms Roe.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut quotes = Vec::new();
        find(text, &tokens, &mut quotes);
        let said = tokens.iter().position(|t| t.text(text) == "said").unwrap();
        assert!(quotes.iter().all(|q| !q.contains(said)), "{quotes:?}");
        assert_eq!(quotes.len(), 2);
    }
}
