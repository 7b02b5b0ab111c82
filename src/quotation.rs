//! Quotation marks and the spans they enclose: the one quotation detector
//! of the crate, used by attribution (who said the quoted words) and by
//! syndication (quotations compared across articles), so that both read
//! the same quotes.
//!
//! Marks are “ ” « » and the straight ", plus two single quotes written for
//! a double one (`''`, `‘‘`, `’’`, the style of some wires). Curly marks say
//! which side they are on. A straight mark is read from its neighbours: after
//! a space and before a word it opens (`said "We`), after a word or
//! punctuation and before a space it closes (`go," he`); only when its
//! neighbours do not tell does it alternate with the last mark. An opening
//! curly mark whose neighbours say it closes (`go,“ he`) closes. Reading the
//! side rather than counting marks matters because news style opens a quote
//! mark on every paragraph of a long quote and closes it only at the end:
//! when paragraphs are joined into one passage (`…given. "If you…`), counting
//! would turn every later quote inside out. So a quotation that is still
//! open when another one opens ends there, and one still open at the end of
//! the text runs on past it (into the next paragraph).

use std::ops::Range;

/// One quotation: its marks and the text between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Byte range of the opening mark.
    pub open: Range<usize>,
    /// Byte range of the text between the marks, spaces included.
    pub inner: Range<usize>,
    /// Byte range of the mark that ends it: its closing mark, or the next
    /// opening mark when it was never closed; `None` when it runs on past
    /// the end of the text.
    pub close: Option<Range<usize>>,
}

/// Which side of a quotation a mark can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Opens,
    Closes,
    /// A straight mark whose neighbours do not tell.
    Either,
}

/// The quotations of `text`, in order.
pub fn find(text: &str) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<Range<usize>> = None;
    for (at, side) in marks(text) {
        let opens = match side {
            Side::Opens => true,
            Side::Closes => false,
            Side::Either => open.is_none(),
        };
        match open.take() {
            Some(o) => {
                out.push(Quotation {
                    inner: o.end..at.start,
                    open: o,
                    close: Some(at.clone()),
                });
                if opens {
                    open = Some(at);
                }
            }
            // A closing mark with nothing open closes a quotation that
            // began before the text: nothing to report.
            None if opens => open = Some(at),
            None => {}
        }
    }
    if let Some(o) = open {
        out.push(Quotation {
            inner: o.end..text.len(),
            open: o,
            close: None,
        });
    }
    out
}

/// The quotation marks of `text` with the side each stands on. Only the
/// bytes that can start a mark are looked at: '"', '\'' and the first
/// bytes of the curly and angle marks (never inside another character's
/// encoding).
fn marks(text: &str) -> impl Iterator<Item = (Range<usize>, Side)> + '_ {
    let mut starts = MarkStarts {
        bytes: text.as_bytes(),
        three: None,
        angle: None,
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(i) = starts.next_from(at) {
            let c = text[i..].chars().next().expect("a char starts here");
            at = i + c.len_utf8();
            let side = match c {
                // An opening mark written where only a closing one can
                // stand (`unusual,“ said`) closes: typists and converters
                // put “ for ” at times, and reading it as opening would
                // swallow the cue and everything after it.
                '“' | '«' if opening_mark_closes(text, i..at) => Side::Closes,
                '“' | '«' => Side::Opens,
                '”' | '»' => Side::Closes,
                '"' => straight_side(text, i, at),
                '\'' | '‘' | '’' => {
                    // Two single quotes for a double one; a lone single
                    // quote is an apostrophe or a scare quote.
                    if !text[at..].starts_with(c) || closes_inner_quote(text, i, c) {
                        continue;
                    }
                    at += c.len_utf8();
                    if opens_after(text[..i].chars().next_back()) {
                        Side::Opens
                    } else {
                        Side::Closes
                    }
                }
                _ => continue,
            };
            return Some((i..at, side));
        }
        None
    })
}

/// The bytes that can start a quotation mark ([`marks`]), found by
/// memchr's scans rather than a test of every byte: most of a text holds
/// none.
struct MarkStarts<'a> {
    bytes: &'a [u8],
    /// The next '"', '\'' or 0xe2 (curly marks), and the next 0xc2 (angle
    /// marks), at or after where the last search started; the text's
    /// length when there is none; `None` before the first search. Kept,
    /// so that each is searched for again only once passed.
    three: Option<usize>,
    angle: Option<usize>,
}

impl MarkStarts<'_> {
    /// The first byte at or after `from` that can start a mark.
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.bytes.get(from..)?;
        let len = self.bytes.len();
        let three = match self.three {
            Some(k) if k >= from => k,
            _ => memchr::memchr3(b'"', b'\'', 0xe2, rest).map_or(len, |k| from + k),
        };
        let angle = match self.angle {
            Some(k) if k >= from => k,
            _ => memchr::memchr(0xc2, rest).map_or(len, |k| from + k),
        };
        (self.three, self.angle) = (Some(three), Some(angle));
        let next = three.min(angle);
        (next < len).then_some(next)
    }
}

/// Whether the opening curly mark at `mark` of `text` stands where only a
/// closing one can (after a word or punctuation, before a space or
/// punctuation: `unusual,“ said`), so that it closes. Shared with the
/// attribution tokenizer, which must read the mark the same way.
pub fn opening_mark_closes(text: &str, mark: Range<usize>) -> bool {
    straight_side(text, mark.start, mark.end) == Side::Closes
}

/// Whether the single quote `c` at `at` of `text` is the first of three
/// in a row where a quote closes (`on 'Fox News,''' said`): it closes the
/// quote inside the quote and the last two close the quote itself, so the
/// doubled mark must not be read from the first two (that would leave a
/// stray `'` between the quote and its cue). Shared with the attribution
/// tokenizer.
pub fn closes_inner_quote(text: &str, at: usize, c: char) -> bool {
    let len = c.len_utf8();
    text[at + len..].starts_with(c)
        && text[at + 2 * len..].starts_with(c)
        && !opens_after(text[..at].chars().next_back())
}

/// Whether a mark after `prev` (the character before it) stands where a
/// quotation opens: at the start, after a space, a bracket or a dash.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'))
}

/// The side of the straight mark at `start..end` of `text`, from its
/// neighbours.
fn straight_side(text: &str, start: usize, end: usize) -> Side {
    let before = opens_after(text[..start].chars().next_back())
        || text[..start].ends_with([':', '-', '“', '‘']);
    let after = text[end..].chars().next().is_none_or(|n| {
        n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '—' | '–')
    });
    match (before, after) {
        (true, false) => Side::Opens,
        (false, true) => Side::Closes,
        _ => Side::Either,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<(&str, bool)> {
        find(text)
            .into_iter()
            .map(|q| (&text[q.inner], q.close.is_some()))
            .collect()
    }

    #[test]
    fn curly_straight_angle_and_doubled_single_marks() {
        assert_eq!(
            quoted("“It works,” she said. \"We know.\" «Oui» ''Yes,'' he said."),
            [
                ("It works,", true),
                ("We know.", true),
                ("Oui", true),
                ("Yes,", true)
            ]
        );
    }

    #[test]
    fn marks_are_found_past_bytes_that_only_look_like_their_start() {
        // "£", a no-break space and "€" start with the bytes of angle and
        // curly marks; the search for one kind must not skip the other.
        assert_eq!(
            quoted("It cost £5\u{a0}m — €3 «Oui» then “No,” and «Si» ''Yes''"),
            [("Oui", true), ("No,", true), ("Si", true), ("Yes", true)]
        );
        assert_eq!(quoted("£5\u{a0}m and no marks at all"), []);
        assert_eq!(quoted(""), []);
    }

    #[test]
    fn three_single_quotes_close_an_inner_quote_then_the_quote() {
        assert_eq!(
            quoted("''We heard 'no deal,''' said Ana Ruiz. ''Then 'yes.'''"),
            [("We heard 'no deal,'", true), ("Then 'yes.'", true)]
        );
    }

    #[test]
    fn a_quote_still_open_at_the_end_runs_on() {
        assert_eq!(
            quoted("He said: “First, we build."),
            [("First, we build.", false)]
        );
        assert_eq!(quoted("He said: \"First."), [("First.", false)]);
    }

    #[test]
    fn a_straight_mark_reopening_a_paragraph_ends_the_open_quote() {
        // Two paragraphs of one quote joined in one passage: counting marks
        // would put `said Ms Roe` inside a quotation.
        let text = "\"We build. \"Then we sell,\" said Ms Roe. \"It works.\"";
        assert_eq!(
            quoted(text),
            [
                ("We build. ", true),
                ("Then we sell,", true),
                ("It works.", true)
            ]
        );
    }

    #[test]
    fn a_curly_mark_reopening_a_paragraph_keeps_the_first_quote() {
        assert_eq!(
            quoted("“We build. “Then we sell,” said Ms Roe."),
            [("We build. ", true), ("Then we sell,", true)]
        );
    }

    #[test]
    fn an_opening_curly_mark_where_only_a_closing_one_fits_closes() {
        assert_eq!(
            quoted("“It is rare,“ said Ms Roe. “We know.” «Oui,« he said."),
            [("It is rare,", true), ("We know.", true), ("Oui,", true)]
        );
        assert_eq!(quoted("He said “no“."), [("no", true)]);
        // Between words or after a space it still opens.
        assert_eq!(quoted("He said “we“ten”."), [("we", true), ("ten", true)]);
    }

    #[test]
    fn a_closing_mark_with_nothing_open_is_left_alone() {
        assert_eq!(
            quoted("the end of it,\" said Ms Roe. \"Next.\""),
            [("Next.", true)]
        );
    }

    #[test]
    fn straight_marks_whose_neighbours_do_not_tell_alternate() {
        assert_eq!(quoted("a\"b\"c"), [("b", true)]);
        assert_eq!(quoted("x \" y \" z"), [(" y ", true)]);
    }

    #[test]
    fn single_quotes_and_apostrophes_are_not_marks() {
        assert_eq!(quoted("It's the 'best' plan, Roe's aide said."), []);
    }

    proptest::proptest! {
        /// Byte offsets are on char boundaries and in order, whatever the
        /// text.
        #[test]
        fn quotations_are_ordered_slices(text in "(\\PC|[ \"“”«»‘’'—–âÂ€¢ab.,]){0,60}") {
            let mut last = 0;
            for q in find(&text) {
                proptest::prop_assert!(q.open.start >= last);
                proptest::prop_assert!(text.get(q.inner.clone()).is_some());
                proptest::prop_assert_eq!(q.open.end, q.inner.start);
                last = q.inner.end;
                if let Some(c) = &q.close {
                    proptest::prop_assert_eq!(c.start, q.inner.end);
                    last = c.start;
                }
            }
        }
    }
}
