//! Direct quotes in a passage: spans between curly (“ ”) or straight (")
//! double quotation marks.
//!
//! Straight quotes alternate open/close within a passage. A quote still
//! open at the end of its passage runs on into the next paragraph, the
//! newspaper convention for a quote of several paragraphs (the next
//! paragraph opens again and the closing mark comes only at the end).
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

/// Finds the quotes among `tokens` of `text` (appended to `out`, cleared
/// first).
pub fn find(tokens: &[Token], out: &mut Vec<Quote>) {
    out.clear();
    let mut open: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        match t.punct {
            Some('“') => open = Some(i),
            Some('”') => {
                if let Some(o) = open.take() {
                    push(tokens, o, Some(i), out);
                }
            }
            Some('"') => match open.take() {
                Some(o) => push(tokens, o, Some(i), out),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    if let Some(o) = open {
        push(tokens, o, None, out);
    }
}

fn push(tokens: &[Token], open: usize, close: Option<usize>, out: &mut Vec<Quote>) {
    let inner = &tokens[open + 1..close.unwrap_or(tokens.len())];
    let words = inner.iter().filter(|t| t.is_word()).count();
    if words == 0 {
        return;
    }
    out.push(Quote {
        open,
        close,
        start: inner[0].start,
        end: inner[inner.len() - 1].end,
        words,
    });
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<(String, bool)> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut quotes = Vec::new();
        find(&tokens, &mut quotes);
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
}
