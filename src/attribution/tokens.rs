//! Words and punctuation of a passage, with byte offsets: the unit the cue,
//! speaker and sentence rules look at.
//!
//! A word keeps its inner apostrophes, hyphens and dots ("Zelenskyy’s",
//! "son-in-law", "U.S"), and takes its final dot when it is an abbreviation
//! or an initial ("U.S.", "Sen.", "J."), so that the dot is not read as the
//! end of a sentence. Everything else that is not a space is a one-character
//! punctuation token. Tokenizing is one pass over the characters and reuses
//! the caller's buffer.

/// One word or punctuation mark of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the tokenized text.
    pub start: usize,
    pub end: usize,
    /// The punctuation character, or `None` for a word.
    pub punct: Option<char>,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    pub fn is(&self, c: char) -> bool {
        self.punct == Some(c)
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words that take their final dot: titles and other abbreviations that
/// stand before a capitalized word in news text.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "reps", "gov", "gen", "lt", "col", "sgt",
    "capt", "cmdr", "adm", "maj", "pres", "sec", "amb", "rev", "hon", "atty", "supt", "jr", "sr",
    "st", "mt", "ft", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept", "univ",
];

/// Characters that join two runs of letters or digits into one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// Splits `text` into `tokens` (cleared first).
pub fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token {
                start: i,
                end: i + c.len_utf8(),
                punct: Some(c),
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        loop {
            match chars.peek() {
                Some(&(_, c)) if c.is_alphanumeric() => {
                    end += c.len_utf8();
                    chars.next();
                }
                Some(&(j, c)) if is_joiner(c) => {
                    let next = text[j + c.len_utf8()..].chars().next();
                    if next.is_some_and(char::is_alphanumeric) {
                        end = j + c.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        if text[end..].starts_with('.') && takes_final_dot(&text[i..end]) {
            end += 1;
            chars.next();
        }
        tokens.push(Token {
            start: i,
            end,
            punct: None,
        });
    }
}

/// Whether `word` (without its final dot) is an abbreviation or initial.
fn takes_final_dot(word: &str) -> bool {
    let mut letters = word.chars();
    let first = letters.next();
    // An initial ("J.") or dotted letters ("U.S", "D.C").
    if first.is_some_and(char::is_uppercase)
        && (letters.next().is_none() || word.split('.').all(|part| part.chars().count() == 1))
    {
        return true;
    }
    word.len() <= 6 && ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

/// Whether `word` starts with an upper-case letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `word` without a possessive ending ("Trump’s" → "Trump"), and whether it
/// had one.
pub fn strip_possessive(word: &str) -> (&str, bool) {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (word, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("U.S. Sen. Jo Hart, 58, said “no.”"),
            ["U.S.", "Sen.", "Jo", "Hart", ",", "58", ",", "said", "“", "no", ".", "”"]
        );
    }

    #[test]
    fn inner_apostrophes_and_hyphens_stay_in_the_word() {
        assert_eq!(
            words("Kyiv’s son-in-law isn't 'here'."),
            ["Kyiv’s", "son-in-law", "isn't", "'", "here", "'", "."]
        );
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(strip_possessive("Trump’s"), ("Trump", true));
        assert_eq!(strip_possessive("Reyes'"), ("Reyes", true));
        assert_eq!(strip_possessive("Reyes"), ("Reyes", false));
    }
}
