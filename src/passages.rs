//! Splitting an article body into passages: the paragraphs that are indexed,
//! ranked and shown.
//!
//! Articles come in two layouts: paragraphs separated by blank lines, and one
//! paragraph per line with no blank lines between them. A block of lines is
//! split after every line that ends a sentence, so both layouts give one
//! passage per paragraph while hard-wrapped text stays whole. The spans that
//! `ingest` marked as metadata or boilerplate never become passages, nor do
//! headings guessed from plain-text layout (they are kept as the context of
//! the passages under them); a heading the markup declares (HTML `<h2>`,
//! Markdown `##`) is article text, a passage of its own and that context.
//! Every passage keeps its byte range and line number in the source file.

use crate::article::{Article, Excluded, ExcludedKind, Passage};
use crate::ingest::text::capitalized_major_words;
use crate::ingest::{boilerplate, long_text, IngestError};

/// Passages longer than this are cut at a sentence end, so that one huge
/// paragraph (or a file without newlines) cannot make one huge document.
pub const MAX_PASSAGE_BYTES: usize = 4000;

/// A line of the body, with its byte range and 1-based line number.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    number: usize,
}

/// Splits `article.body` into passages (without speakers; attribution adds
/// them).
pub fn split(article: &Article) -> Vec<Passage> {
    let mut passages = Vec::new();
    split_each(article, &mut |p| passages.push(p));
    passages
}

/// Where [`split_each`] hands its passages, numbered in order.
struct Passages<'s> {
    next_number: usize,
    emit: &'s mut dyn FnMut(Passage),
}

impl Passages<'_> {
    fn push(&mut self, mut passage: Passage) {
        passage.number = self.next_number;
        self.next_number += 1;
        (self.emit)(passage);
    }
}

/// [`split`], handing each passage to `emit` as it is cut instead of
/// collecting them: a long article is read twice this way
/// (`attribution::LongArticle`) without its passages ever held at once.
/// A body that is not held (`article.body_file`) is read from its file;
/// if that fails, the passages cut before it failed are all there is (see
/// [`try_split_each`]).
pub fn split_each(article: &Article, emit: &mut dyn FnMut(Passage)) {
    let _ = try_split_each(article, emit);
}

/// [`split_each`], failing with [`IngestError::Changed`] when a body that
/// is not held cannot be read again as it was first read (the passages of
/// its last window are then not handed on).
pub fn try_split_each(article: &Article, emit: &mut dyn FnMut(Passage)) -> Result<(), IngestError> {
    let mut splitter = Splitter::new(article, emit);
    match &article.body_file {
        None => {
            let body = Window {
                text: &article.body,
                at: 0,
            };
            splitter.feed(body, true);
            Ok(())
        }
        Some(file) => {
            let read = long_text::read_body(&article.path, file, &mut |text, at, last| {
                splitter.feed(Window { text, at }, last)
            });
            if splitter.changed {
                return Err(IngestError::Changed);
            }
            read
        }
    }
}

/// Part of the body: its text from offset `at` on.
#[derive(Debug, Clone, Copy)]
struct Window<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Window<'t> {
    /// The body's text at `start..end`, which lie in the window, at
    /// character boundaries: line ends of the text read now, or an
    /// excluded span's end once [`Splitter::feed`] checked it (a body read
    /// again from its file may have changed since its spans were found).
    fn get(&self, start: usize, end: usize) -> &'t str {
        &self.text[start - self.at..end - self.at]
    }
}

/// The state of cutting one body into passages, line by line: the body's
/// lines come in windows, so that a body read from its file is never
/// held whole (a window keeps what a paragraph not ended yet needs).
struct Splitter<'a, 's> {
    article: &'a Article,
    passages: Passages<'s>,
    heading: Option<String>,
    /// The lines of the paragraph being read.
    block: Vec<Line>,
    /// For the spans that cover a whole line.
    covering: Covering<'a>,
    /// For the spans that cover the start of a line.
    starts: Covering<'a>,
    /// Where the next line starts, and its number.
    next_start: usize,
    next_number: usize,
    done: bool,
    /// An offset that the first reading of the file found (an excluded
    /// span's end) falls inside a character of the text read now: the
    /// file changed between the readings, and cutting stopped.
    changed: bool,
}

impl<'a, 's> Splitter<'a, 's> {
    fn new(article: &'a Article, emit: &'s mut dyn FnMut(Passage)) -> Self {
        Splitter {
            article,
            passages: Passages {
                next_number: 0,
                emit,
            },
            heading: None,
            block: Vec::new(),
            covering: Covering::new(&article.excluded),
            starts: Covering::new(&article.excluded),
            next_start: 0,
            next_number: article.origin.line,
            done: false,
            changed: false,
        }
    }

    /// Cuts the whole lines of `window` not cut yet (and the last line
    /// when `last`: the window then runs to the end of the body). Returns
    /// the offset from which the next window must start: the first line
    /// of a paragraph not ended yet, or the first line not read.
    fn feed(&mut self, window: Window, last: bool) -> usize {
        let window_end = window.at + window.text.len();
        while !self.done {
            let start = self.next_start;
            let end = match window.text[start - window.at..].find('\n') {
                Some(i) => start + i,
                None if last => window_end,
                None => break,
            };
            let mut line = Line {
                start,
                end,
                number: self.next_number,
            };
            // An excluded span that covers the start of a line (a `date
            // 2025-12-21` header before a paragraph) is cut off its front;
            // the last such span in the list wins, as it always has.
            let raw = window.get(start, end);
            let first = start + (raw.len() - raw.trim_start().len());
            if let Some(ex) = self
                .starts
                .at(first)
                .filter(|(_, ex)| ex.end > first && ex.end < end)
                .max_by_key(|&(i, _)| i)
            {
                if !window.text.is_char_boundary(ex.1.end - window.at) {
                    self.changed = true;
                    self.done = true;
                    self.block.clear();
                    // Nothing more of the body is needed.
                    return usize::MAX;
                }
                line.start = ex.1.end;
            }
            if end == window_end {
                self.done = true;
            } else {
                self.next_start = end + 1;
                self.next_number += 1;
            }
            self.line(line, window);
        }
        if self.done {
            self.flush(window);
        }
        self.block
            .first()
            .map_or(self.next_start, |l| l.start.min(self.next_start))
    }

    fn flush(&mut self, window: Window) {
        flush_block(
            self.article,
            window,
            &mut self.block,
            &self.heading,
            &mut self.passages,
        );
    }

    /// The next line of the body.
    fn line(&mut self, line: Line, window: Window) {
        let text = window.get(line.start, line.end).trim();
        if text.is_empty() {
            self.flush(window);
            return;
        }
        if let Some(kind) = exclusion_of(window, line, &mut self.covering) {
            self.flush(window);
            if kind == ExcludedKind::Heading {
                // A Markdown heading keeps its words, not its `#` marks.
                let words = text.trim_start_matches('#').trim();
                self.heading = Some(words.to_string());
                if !boilerplate::is_boilerplate_line(words) {
                    push_heading(self.article, window, line, words, &mut self.passages);
                }
            }
            return;
        }
        if is_separator(text) || boilerplate::is_boilerplate_line(text) {
            self.flush(window);
            return;
        }
        if !self.article.headings_marked && is_heading(text) && self.block.is_empty() {
            self.heading = Some(text.to_string());
            return;
        }
        self.block.push(line);
        if ends_paragraph(text) {
            self.flush(window);
        }
    }
}

/// The kind of exclusion covering all of the line's text, if any (the
/// first such span in the list).
fn exclusion_of(window: Window, line: Line, covering: &mut Covering) -> Option<ExcludedKind> {
    let raw = window.get(line.start, line.end);
    let first = line.start + (raw.len() - raw.trim_start().len());
    let last = line.start + raw.trim_end().len();
    covering
        .at(first)
        .filter(|(_, ex)| ex.end >= last)
        .min_by_key(|&(i, _)| i)
        .map(|(_, ex)| ex.why)
}

/// The excluded spans that contain a byte position, for positions asked in
/// increasing order (the lines of the body, top to bottom). A span joins
/// once its start is reached and leaves once its end is behind, so the
/// lines of a body are matched in time linear in lines plus spans: asking
/// every span for every line took minutes on a long Markdown or HTML page
/// with thousands of headings.
struct Covering<'a> {
    spans: &'a [Excluded],
    /// Indices into `spans`, by start.
    by_start: Vec<usize>,
    next: usize,
    /// Indices of the spans that started at or before the last position.
    open: Vec<usize>,
}

impl<'a> Covering<'a> {
    fn new(spans: &'a [Excluded]) -> Self {
        let mut by_start: Vec<usize> = (0..spans.len()).collect();
        by_start.sort_by_key(|&i| spans[i].start);
        Covering {
            spans,
            by_start,
            next: 0,
            open: Vec::new(),
        }
    }

    /// The spans with `start <= at <= end`, with their index in the list.
    /// `at` must not be smaller than at the previous call.
    fn at(&mut self, at: usize) -> impl Iterator<Item = (usize, &'a Excluded)> + '_ {
        while let Some(&i) = self.by_start.get(self.next) {
            if self.spans[i].start > at {
                break;
            }
            self.open.push(i);
            self.next += 1;
        }
        let spans = self.spans;
        self.open.retain(|&i| spans[i].end >= at);
        self.open.iter().map(move |&i| (i, &spans[i]))
    }
}

/// Whether `start..end` lies inside one of `items` (list items and table
/// cells: ranges in body order, none overlapping). A binary search, so a
/// page of many list items stays linear.
fn within_an_item(items: &[std::ops::Range<usize>], start: usize, end: usize) -> bool {
    let after = items.partition_point(|item| item.start <= start);
    after > 0 && end <= items[after - 1].end
}

/// A section heading as a passage of its own: its words are article text.
fn push_heading(
    article: &Article,
    window: Window,
    line: Line,
    words: &str,
    passages: &mut Passages,
) {
    if words.is_empty() {
        return;
    }
    let raw = window.get(line.start, line.end);
    let Some(at) = raw.find(words) else { return };
    let start = line.start + at;
    passages.push(Passage {
        number: 0,
        text: words.to_string(),
        start: article.origin.offset + start,
        end: article.origin.offset + start + words.len(),
        line: line.number,
        heading: Some(words.to_string()),
        is_heading: true,
        is_item: false,
        speakers: Vec::new(),
    });
}

fn flush_block(
    article: &Article,
    window: Window,
    block: &mut Vec<Line>,
    heading: &Option<String>,
    passages: &mut Passages,
) {
    let (Some(first), Some(last)) = (block.first().copied(), block.last().copied()) else {
        return;
    };
    block.clear();
    // Offsets in the window's text, then in the body.
    let (body, at) = (window.text, window.at);
    let raw = window.get(first.start, last.end);
    let start = first.start - at + (raw.len() - raw.trim_start().len());
    let end = first.start - at + raw.trim_end().len();
    // Lines are counted from one piece to the next: counting from the
    // block's start for every piece was quadratic in a file of one line.
    let (mut counted_to, mut line) = (first.start - at, first.number);
    for (piece_start, piece_end) in cut_long(body, start, end) {
        line += body.as_bytes()[counted_to..piece_start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = piece_start;
        let (piece_start, piece_end) = (piece_start + at, piece_end + at);
        passages.push(Passage {
            number: 0,
            text: window.get(piece_start, piece_end).to_string(),
            start: article.origin.offset + piece_start,
            end: article.origin.offset + piece_end,
            line,
            heading: heading.clone(),
            is_heading: false,
            is_item: within_an_item(&article.items, piece_start, piece_end),
            speakers: Vec::new(),
        });
    }
}

/// Cuts `body[start..end]` into pieces of at most [`MAX_PASSAGE_BYTES`],
/// preferring sentence ends, then spaces, then any character boundary.
fn cut_long(body: &str, mut start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    while end - start > MAX_PASSAGE_BYTES {
        let mut limit = start + MAX_PASSAGE_BYTES;
        while !body.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &body[start..limit];
        let cut = window
            .rfind(". ")
            .map(|i| i + 1)
            .filter(|&i| i > MAX_PASSAGE_BYTES / 4)
            .or_else(|| window.rfind(char::is_whitespace).filter(|&i| i > 0))
            .unwrap_or(window.len());
        let piece_end = start + cut;
        pieces.push((start, start + body[start..piece_end].trim_end().len()));
        start = piece_end;
        while start < end && body[start..].starts_with(char::is_whitespace) {
            start += body[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if start < end {
        pieces.push((start, end));
    }
    pieces
}

/// Lines longer than this are not hard-wrapped text: each is a paragraph.
const HARD_WRAP_WIDTH: usize = 100;

/// A line made only of punctuation (`___`, `/`, `* * *`): a visual separator.
fn is_separator(text: &str) -> bool {
    !text.chars().any(char::is_alphanumeric)
}

/// Whether a line ends a paragraph in the one-paragraph-per-line layout:
/// it ends a sentence (possibly inside closing quotes or brackets).
fn ends_paragraph(text: &str) -> bool {
    if text.chars().count() > HARD_WRAP_WIDTH {
        return true;
    }
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*']);
    trimmed.ends_with(['.', '!', '?', '…', ':'])
        || trimmed.len() < text.len() && !trimmed.is_empty()
}

/// Small words that stay lower case in a title-case heading.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
    "the", "to", "with", "vs", "via", "over", "after",
];

/// A section heading: a short title-case line that does not end a sentence.
pub fn is_heading(text: &str) -> bool {
    // The length first: most paragraphs are long, and splitting them into
    // words was a sizeable part of analysing a file.
    if text.len() > 100 {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    if text.ends_with(['.', '!', '?', ',', ';', '"', '”', '’']) {
        return false;
    }
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (capitalized, major) = capitalized_major_words(&words, MINOR_WORDS);
    words.len() >= 2 && capitalized * 10 >= major * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_piece_is_an_item_only_inside_one_item() {
        let items = [0..10, 20..30, 40..50];
        assert!(within_an_item(&items, 0, 10));
        assert!(within_an_item(&items, 22, 28));
        assert!(within_an_item(&items, 40, 50));
        assert!(!within_an_item(&items, 10, 20), "between two items");
        assert!(!within_an_item(&items, 25, 45), "across two items");
        assert!(!within_an_item(&items, 45, 60), "past the last item");
        assert!(!within_an_item(&[], 0, 1));
    }

    fn article(body: &str) -> Article {
        Article {
            body: body.to_string(),
            ..Article::default()
        }
    }

    fn texts(body: &str) -> Vec<String> {
        split(&article(body)).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(
            texts("First one\ncontinues here.\n\nSecond one."),
            ["First one\ncontinues here.", "Second one."]
        );
    }

    #[test]
    fn one_paragraph_per_line_layout_splits_at_sentence_ends() {
        assert_eq!(
            texts("He said so.\n“It is fine,” she said.\nThird one."),
            ["He said so.", "“It is fine,” she said.", "Third one."]
        );
    }

    #[test]
    fn headings_are_context_not_passages() {
        let passages = split(&article(
            "Intro text.\nKey Talks in Florida\nThe talks went well.",
        ));
        assert_eq!(passages.len(), 2);
        assert_eq!(passages[1].heading.as_deref(), Some("Key Talks in Florida"));
        assert_eq!(passages[1].line, 3);
    }

    #[test]
    fn marked_headings_are_passages_and_context() {
        let body = "Intro text.\n## What Comes Next\nThe talks went well.";
        let mut a = article(body);
        a.excluded.push(Excluded {
            start: 12,
            end: 30,
            why: ExcludedKind::Heading,
        });
        let passages = split(&a);
        let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Intro text.", "What Comes Next", "The talks went well."]
        );
        assert!(passages[1].is_heading && !passages[2].is_heading);
        assert_eq!(&body[passages[1].start..passages[1].end], "What Comes Next");
        assert_eq!(passages[2].heading.as_deref(), Some("What Comes Next"));
    }

    #[test]
    fn title_case_lines_are_text_where_the_markup_marks_headings() {
        let mut a = article("Bread and Butter\nFresh Milk From the Farm\nThe shop opens at nine.");
        a.headings_marked = true;
        let texts: Vec<String> = split(&a).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            ["Bread and Butter\nFresh Milk From the Farm\nThe shop opens at nine."]
        );
        assert!(split(&article(&a.body))[0].heading.is_some());
    }

    #[test]
    fn byte_ranges_point_into_the_body() {
        let body = "Title line\n\nA paragraph here.\n\n  Another one.  \n";
        let a = article(body);
        for p in split(&a) {
            assert_eq!(&body[p.start..p.end], p.text);
        }
    }

    #[test]
    fn excluded_prefix_is_cut_from_the_line() {
        let mut a = article("date 2025-12-21 “Quote here,” he said.\nNext.");
        a.excluded.push(Excluded {
            start: 0,
            end: 15,
            why: ExcludedKind::Metadata,
        });
        let p = split(&a);
        assert_eq!(p[0].text, "“Quote here,” he said.");
        assert_eq!(p[0].start, 16);
    }

    #[test]
    fn separators_and_boilerplate_are_dropped() {
        assert_eq!(
            texts("Real text.\n\n___\n\nLeave a Reply\n"),
            ["Real text."]
        );
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let body = "This is a sentence. ".repeat(1000);
        let passages = split(&article(&body));
        assert!(passages.len() > 1);
        for p in &passages {
            assert!(p.text.len() <= MAX_PASSAGE_BYTES);
            assert!(p.text.ends_with('.'));
        }
    }

    #[test]
    fn pieces_of_a_long_block_carry_the_line_they_start_on() {
        // Hard-wrapped lines with no sentence end: one block, cut in pieces.
        let body = "and the talks went on in the city of Geneva for days\n".repeat(300);
        let passages = split(&article(&body));
        assert!(passages.len() > 3, "{}", passages.len());
        for p in &passages {
            assert_eq!(p.line, 1 + body[..p.start].matches('\n').count());
        }
    }

    #[test]
    fn overlapping_exclusions_keep_their_order_of_precedence() {
        // Two spans cover the heading line: the first listed decides.
        let body = "Intro text.\n## What Comes Next\nThe talks went well.";
        let mut a = article(body);
        for why in [ExcludedKind::Metadata, ExcludedKind::Heading] {
            a.excluded.push(Excluded {
                start: 12,
                end: 30,
                why,
            });
        }
        assert_eq!(
            split(&a)
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            ["Intro text.", "The talks went well."]
        );
        a.excluded.reverse();
        assert_eq!(split(&a).len(), 3);
    }

    #[test]
    fn heading_detection() {
        assert!(is_heading(
            "Key Participants and Agenda of the Florida Meetings"
        ));
        assert!(is_heading("Russia’s Response and Key Challenges"));
        assert!(!is_heading("The talks went well."));
        assert!(!is_heading(
            "Kyiv says discussions in Florida advanced work on security"
        ));
    }
}
