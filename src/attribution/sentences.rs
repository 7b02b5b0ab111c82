//! Sentence boundaries within a passage, over its tokens.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
//! brackets after it) when the next token could start a sentence: a
//! capitalized word, a digit, or an opening quote. Abbreviations and
//! initials never end one because the tokenizer keeps their dot inside the
//! word. A `?` or `!` inside a quote followed by a lower-case cue (`?” he
//! asked`) does not end the sentence either, since the next word is lower
//! case. General-purpose segmenters (UAX #29) split after every "U.S." and
//! "Sen.", which is why this is written here.

use super::tokens::{is_capitalized, Token};
use std::ops::Range;

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '—' | '-')
}

/// Splits `tokens` of `text` into sentences, as token ranges (appended to
/// `out`, which is cleared first).
pub fn split(text: &str, tokens: &[Token], out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if matches!(t.punct, Some('.' | '!' | '?' | '…')) {
            let mut end = i + 1;
            // Closing marks touch the stop; a quote after a space opens the
            // next sentence.
            while end < tokens.len()
                && tokens[end].punct.is_some_and(is_closer)
                && tokens[end].start == tokens[end - 1].end
            {
                end += 1;
            }
            let starts_sentence = match tokens.get(end) {
                None => true,
                Some(next) => match next.punct {
                    None => {
                        let word = next.text(text);
                        is_capitalized(word) || word.starts_with(|c: char| c.is_ascii_digit())
                    }
                    Some(c) => is_opener(c),
                },
            };
            if starts_sentence {
                out.push(start..end);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut ranges = Vec::new();
        split(text, &tokens, &mut ranges);
        ranges
            .into_iter()
            .map(|r| text[tokens[r.start].start..tokens[r.end - 1].end].to_string())
            .collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences("U.S. Sen. Ann B. Cole spoke. Then she left."),
            ["U.S. Sen. Ann B. Cole spoke.", "Then she left."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("“We won.” Then “Did we?” he asked. Yes."),
            ["“We won.”", "Then “Did we?” he asked.", "Yes."]
        );
        assert_eq!(
            sentences("He left. \"Yes,\" she said."),
            ["He left.", "\"Yes,\" she said."]
        );
    }
}
