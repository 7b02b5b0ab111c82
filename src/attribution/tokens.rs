//! Words and punctuation of a passage, with byte offsets: the unit the cue,
//! speaker and sentence rules look at.
//!
//! A word keeps its inner apostrophes, hyphens and dots ("Zelenskyy’s",
//! "son-in-law", "U.S"), and takes its final dot when it is an abbreviation
//! or an initial ("U.S.", "Sen.", "J."), so that the dot is not read as the
//! end of a sentence. Everything else that is not a space is a one-character
//! punctuation token. Tokenizing is one pass over the characters and reuses
//! the caller's buffer.

use crate::calendar::MONTH_ABBREVIATIONS;

/// One word or punctuation mark of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the tokenized text.
    pub start: usize,
    pub end: usize,
    /// The punctuation character, or `None` for a word.
    pub punct: Option<char>,
    /// Whether the token's text is all ASCII, seen while tokenizing: its
    /// lower case is then the same bytes of the passage lowered once
    /// ([`lowered`]), not a copy lowered each time a rule asks (most
    /// words, asked many times each).
    pub ascii: bool,
    /// Whether the word holds an apostrophe (`'` or `’`), seen while
    /// tokenizing ([`super::names::can_be_in_name_lowered`]).
    pub apostrophe: bool,
}

impl Token {
    #[inline]
    pub fn is_word(&self) -> bool {
        self.punct.is_none()
    }

    #[inline]
    pub fn is(&self, c: char) -> bool {
        self.punct == Some(c)
    }

    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words that take their final dot: titles and other abbreviations that
/// stand before a capitalized word in news text (and the month
/// abbreviations of `calendar`).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "reps", "gov", "gen", "lt", "col", "sgt",
    "capt", "cmdr", "adm", "maj", "pres", "sec", "amb", "rev", "hon", "atty", "supt", "insp",
    "const", "cpl", "det", "jr", "sr", "st", "mt", "ft", "vs", "etc", "inc", "corp", "co", "ltd",
    "approx", "dept", "univ",
];

/// Characters that join two runs of letters or digits into one word.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// The character at byte `i` of `text` and its length, with a fast path
/// for ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// How many bytes at the start of `bytes` are ASCII letters or digits,
/// found eight bytes at a time: the end of a word is then one branch,
/// mostly taken the same way (most words are shorter than eight letters),
/// where a loop byte by byte mispredicts its exit at nearly every word.
#[inline]
fn ascii_alphanumeric_run(bytes: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let stops = !alphanumeric_bytes(chunk) & HIGH_BITS;
        if stops != 0 {
            // Little-endian: the first byte is the lowest.
            return n + (stops.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count()
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each byte of `chunk` that is an ASCII letter or digit
/// (the other bits are noise).
#[inline]
fn alphanumeric_bytes(chunk: u64) -> u64 {
    // Bytes of at most 0x7f, so that adding at most 0x80 to each carries
    // into none other: the high bit then says whether the byte is `lo` or
    // more.
    let low = chunk & !HIGH_BITS;
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    // A letter's 0x20 bit set is its lower case.
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    // Bytes of UTF-8 sequences (high bit set) are neither.
    (letter | digit) & !chunk
}

/// A zero-width space: a break between words, as a space is. (The other
/// zero-width characters, soft hyphens and direction marks never reach the
/// tokenizer: attribution reads passages without them, see `visible`.)
fn is_invisible(c: char) -> bool {
    c == '\u{200b}'
}

/// Splits `text` into `tokens` (cleared first).
pub fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    tokens.clear();
    let mut i = 0;
    while let Some((c, len)) = char_at(text, i) {
        if c.is_whitespace() || is_invisible(c) {
            i += len;
            continue;
        }
        // Two single quotes written for a double one (`''`, `‘‘`, `’’`,
        // the style of some wires): one quotation mark, opening at the
        // start of a word, closing after one.
        if matches!(c, '\'' | '‘' | '’') {
            if let Some((next, next_len)) = char_at(text, i + len) {
                if (next == c || (c == '‘' && next == '‘'))
                    && !crate::quotation::closes_inner_quote(text, i, c)
                {
                    let opens = i == 0
                        || text[..i].chars().next_back().is_some_and(|p| {
                            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–')
                        });
                    tokens.push(Token {
                        start: i,
                        end: i + len + next_len,
                        punct: Some(if opens { '“' } else { '”' }),
                        ascii: c == '\'',
                        apostrophe: true,
                    });
                    i += len + next_len;
                    continue;
                }
            }
        }
        if !is_word_char(c) {
            // An opening mark written for a closing one (`unusual,“ said`)
            // is read as the closing mark it stands for, as the quotation
            // detector reads it.
            let punct = if c == '“' && crate::quotation::opening_mark_closes(text, i..i + len) {
                '”'
            } else {
                c
            };
            tokens.push(Token {
                start: i,
                end: i + len,
                punct: Some(punct),
                ascii: len == 1,
                apostrophe: matches!(c, '\'' | '’'),
            });
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        let mut ascii = len == 1;
        let mut apostrophe = false;
        loop {
            // ASCII letters and digits, most of a word.
            end += ascii_alphanumeric_run(&text.as_bytes()[end..]);
            let Some((c, len)) = char_at(text, end) else {
                break;
            };
            // Letters and digits, and a joiner between two of them.
            let joins =
                || is_joiner(c) && char_at(text, end + len).is_some_and(|(n, _)| is_word_char(n));
            if !(is_word_char(c) || joins()) {
                break;
            }
            ascii &= len == 1;
            apostrophe |= matches!(c, '\'' | '’');
            end += len;
        }
        if text.as_bytes().get(end) == Some(&b'.')
            && (takes_final_dot(&text[start..end])
                || is_numero(&text[start..end], &text[end + 1..]))
        {
            end += 1;
        }
        tokens.push(Token {
            start,
            end,
            punct: None,
            ascii,
            apostrophe,
        });
        i = end;
    }
}

/// `text` with its ASCII letters in lower case (other characters as they
/// are): the same byte offsets, so that an ASCII token's lower case is its
/// range of it ([`Token::ascii`]).
pub fn lowered(text: &str) -> String {
    let mut lower = text.to_owned();
    lower.make_ascii_lowercase();
    lower
}

/// Whether `word` is "No" or "Nos" for "number", `rest` (after its dot)
/// going on with a space and a digit ("the No. 2 Republican"): the dot
/// ends no sentence.
fn is_numero(word: &str, rest: &str) -> bool {
    matches!(word, "No" | "Nos")
        && rest
            .strip_prefix(' ')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
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
    if word.len() > 6 {
        return false;
    }
    // The lists are in lower case. Month abbreviations too ("Dec."), but
    // "may", which takes no dot.
    let listed = |list: &[&str]| list.iter().any(|a| a.eq_ignore_ascii_case(word));
    listed(ABBREVIATIONS) || (!word.eq_ignore_ascii_case("may") && listed(&MONTH_ABBREVIATIONS))
}

/// Whether `word` starts with an upper-case letter.
#[inline]
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `word` without a possessive ending ("Trump’s" → "Trump"), and whether it
/// had one.
#[inline]
pub fn strip_possessive(word: &str) -> (&str, bool) {
    // Every ending below ends in `s`, `'` or the last byte of `’`: most
    // words end otherwise and need no comparison (asked millions of times).
    if !matches!(word.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
        return (word, false);
    }
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
    fn doubled_single_quotes_are_one_mark() {
        let mut tokens = Vec::new();
        let text = "''We won,'' he said. ‘‘Yes’’";
        tokenize(text, &mut tokens);
        let marks: Vec<char> = tokens.iter().filter_map(|t| t.punct).collect();
        assert_eq!(marks, ['“', ',', '”', '.', '“', '”']);
    }

    #[test]
    fn three_single_quotes_end_with_the_doubled_mark() {
        // The inner quote's mark first, then the quote's, right before the cue.
        assert_eq!(
            words("''On 'Pier Nine,''' said Ana"),
            ["''", "On", "'", "Pier", "Nine", ",", "'", "''", "said", "Ana"]
        );
    }

    #[test]
    fn an_opening_mark_written_for_a_closing_one_closes() {
        let mut tokens = Vec::new();
        tokenize("“It is rare,“ said Ms Roe. “Yes.”", &mut tokens);
        let marks: Vec<char> = tokens.iter().filter_map(|t| t.punct).collect();
        assert_eq!(marks, ['“', ',', '”', '.', '“', '.', '”']);
    }

    #[test]
    fn tokens_say_whether_they_are_ascii() {
        let text = "Zoë Vant’s co-op said ''no'' — Ölmar's";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let flags: Vec<(&str, bool, bool)> = tokens
            .iter()
            .map(|t| (t.text(text), t.ascii, t.apostrophe))
            .collect();
        assert_eq!(
            flags,
            [
                ("Zoë", false, false),
                ("Vant’s", false, true),
                ("co-op", true, false),
                ("said", true, false),
                ("''", true, true),
                ("no", true, false),
                ("''", true, true),
                ("—", false, false),
                ("Ölmar's", false, true)
            ]
        );
        // Lowered text keeps the offsets: an ASCII token's range of it is
        // its lower case.
        let lower = lowered("Co-Op ZOË");
        assert_eq!(lower, "co-op zoË");
        assert_eq!(&lower[0..5], "co-op");
    }

    #[test]
    fn ascii_runs_are_measured_as_byte_by_byte() {
        let by_bytes = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        // Every byte value, in each of the first nine places of runs of
        // every length around the eight bytes taken at once.
        for len in 0..20 {
            for at in 0..len.min(9) {
                for byte in 0..=255u8 {
                    let mut bytes = vec![b'q'; len];
                    bytes[at] = byte;
                    assert_eq!(
                        ascii_alphanumeric_run(&bytes),
                        by_bytes(&bytes),
                        "{bytes:?}"
                    );
                }
            }
        }
        let text = "Brevalt9 Zoë-Qin's x".as_bytes();
        for start in 0..text.len() {
            assert_eq!(
                ascii_alphanumeric_run(&text[start..]),
                by_bytes(&text[start..])
            );
        }
    }

    #[test]
    fn zero_width_characters_separate_words() {
        assert_eq!(words("Ana\u{200b}Ruiz said"), ["Ana", "Ruiz", "said"]);
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            words("U.S. Sen. Jo Hart, 58, said “no.”"),
            ["U.S.", "Sen.", "Jo", "Hart", ",", "58", ",", "said", "“", "no", ".", "”"]
        );
    }

    #[test]
    fn no_before_a_number_keeps_its_dot() {
        assert_eq!(
            words("Jo Hart, the No. 2 in the Senate, said no. No. We won."),
            [
                "Jo", "Hart", ",", "the", "No.", "2", "in", "the", "Senate", ",", "said", "no",
                ".", "No", ".", "We", "won", "."
            ]
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
        // Each ending, and words the quick test of the last byte lets by.
        assert_eq!(strip_possessive("Velmar's"), ("Velmar", true));
        assert_eq!(strip_possessive("Quorins’"), ("Quorins", true));
        assert_eq!(strip_possessive("’"), ("’", false));
        assert_eq!(strip_possessive("Dravič"), ("Dravič", false));
        assert_eq!(strip_possessive("Tessaly”"), ("Tessaly”", false));
    }
}
