//! Characters that are in an article's bytes but not in its words: the
//! soft hyphen a page puts where a long word may break (`Bundes&shy;kanzler`),
//! joiners, and the marks that set the direction of text. A reader never
//! sees them, so to search "Bundes\u{ad}kanzler" is the word
//! "Bundeskanzler" and to attribution "Stein\u{ad}meier" is the name
//! "Steinmeier". The stored text keeps them (its offsets stay the file's);
//! only what reads words looks through them.
//!
//! A zero-width space is not one of them: it marks a break between words,
//! and the word readers take it for a space.

use std::ops::Range;

/// Whether `c` is hidden: in the text, but not in its words.
#[inline]
pub fn is_hidden(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200c}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// The byte ranges of the hidden characters of `text`, in order. Found by
/// the three lead bytes they start with (`C2`, `E2`, `EF`), so that text
/// without them costs one scan of its bytes.
fn hidden_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    memchr::memchr3_iter(0xc2, 0xe2, 0xef, text.as_bytes()).filter_map(move |at| {
        // A lead byte starts a character: `at` is a boundary.
        let c = text[at..].chars().next()?;
        is_hidden(c).then(|| at..at + c.len_utf8())
    })
}

/// A text without its hidden characters, and the way back to the offsets
/// of the text it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visible {
    pub text: String,
    /// For each run of hidden characters: the offset in `text` it stood
    /// before, and how many bytes were hidden up to and including it.
    shifts: Vec<(usize, usize)>,
}

impl Visible {
    /// `text` without its hidden characters; `None` when it has none.
    pub fn of(text: &str) -> Option<Visible> {
        let mut ranges = hidden_ranges(text).peekable();
        ranges.peek()?;
        let mut visible = String::with_capacity(text.len());
        let mut shifts: Vec<(usize, usize)> = Vec::new();
        let mut copied = 0;
        let mut hidden = 0;
        for range in ranges {
            visible.push_str(&text[copied..range.start]);
            hidden += range.len();
            match shifts.last_mut() {
                Some((at, total)) if *at == visible.len() => *total = hidden,
                _ => shifts.push((visible.len(), hidden)),
            }
            copied = range.end;
        }
        visible.push_str(&text[copied..]);
        Some(Visible {
            text: visible,
            shifts,
        })
    }

    /// The offset in the original text of the byte at `at` of the visible
    /// text (of its end, for `at == text.len()`): past the hidden
    /// characters before it.
    pub fn original_start(&self, at: usize) -> usize {
        let runs_before = self.shifts.partition_point(|&(run, _)| run <= at);
        at + runs_before
            .checked_sub(1)
            .map_or(0, |last| self.shifts[last].1)
    }

    /// The offset in the original text of the end of a range of the
    /// visible text ending at `at`: right after its last byte, before the
    /// hidden characters that follow it.
    pub fn original_end(&self, at: usize) -> usize {
        match at.checked_sub(1) {
            Some(last) => self.original_start(last) + 1,
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_hyphens_joiners_and_direction_marks_are_hidden_spaces_are_not() {
        for c in [
            '\u{ad}', '\u{200d}', '\u{200e}', '\u{202b}', '\u{2060}', '\u{2067}', '\u{feff}',
        ] {
            assert!(is_hidden(c), "{c:?}");
            assert!(Visible::of(&format!("Stein{c}meier")).is_some(), "{c:?}");
        }
        for c in ['\u{200b}', ' ', '\u{a0}', '-', '’', '—', 'é', '\u{2019}'] {
            assert!(!is_hidden(c), "{c:?}");
        }
        assert_eq!(Visible::of("no marks at all — “none”, café, £5"), None);
    }

    #[test]
    fn offsets_of_the_visible_text_map_back_to_the_original() {
        let original = "Frank-Walter Stein\u{ad}meier said \u{200e}\u{200f}“Nein.”\u{ad}";
        let visible = Visible::of(original).expect("hidden characters");
        assert_eq!(visible.text, "Frank-Walter Steinmeier said “Nein.”");
        // Every visible character maps to the same character.
        for (at, c) in visible.text.char_indices() {
            let back = visible.original_start(at);
            assert_eq!(original[back..].chars().next(), Some(c), "at {at}");
        }
        // A range of the visible text maps to the range holding the same
        // words, with the hidden characters inside it but not around it.
        let range = |word: &str| {
            let at = visible.text.find(word).expect("in the text");
            &original[visible.original_start(at)..visible.original_end(at + word.len())]
        };
        assert_eq!(range("Steinmeier"), "Stein\u{ad}meier");
        assert_eq!(range("said"), "said");
        assert_eq!(range("“Nein.”"), "“Nein.”");
        assert_eq!(visible.original_start(0), 0);
        assert_eq!(visible.original_end(0), 0);
        assert_eq!(
            visible.original_end(visible.text.len()),
            original.len() - '\u{ad}'.len_utf8()
        );
    }
}
