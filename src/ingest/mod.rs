//! Reading article files: decoding bytes into text, choosing a reader by
//! format, and finding each article's metadata and boilerplate.
//!
//! [`read_article_file`] is the single entry point. It decodes the bytes
//! ([`encoding`]) and turns them into an [`ArticleFile`]: zero or more
//! [`Article`]s (a JSON Lines file holds many) and a [`RecordWarning`] for
//! each part that was skipped. Each format has its own module: [`text`]
//! (plain text, and Markdown with [`front_matter`]), [`html`], [`jsonl`]
//! (JSON Lines and JSON, with [`record`] mapping scraper field names).
//! A file that cannot be read at all is an [`IngestError`], so that the
//! caller can report it and go on with the rest. Metadata given by the user
//! ([`overrides`], [`manifest`]) is applied after reading.

pub mod boilerplate;
pub mod date;
pub mod encoding;
pub mod front_matter;
pub mod html;
pub mod jsonl;
pub mod long_text;
pub mod manifest;
pub mod overrides;
pub mod record;
pub mod text;

use crate::article::{Article, Excluded, ExcludedKind, Origin};
use crate::language;
use std::fmt;
use std::path::Path;
use thiserror::Error;

/// Files larger than this are refused unless the limit is raised
/// (`newsidx index --max-file-size`).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The formats newsidx reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: plain text, optionally with front matter.
    PlainText,
    /// `.md`, `.markdown`: Markdown, optionally with front matter.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`.
    Html,
    /// `.jsonl`, `.ndjson`: one article record per line.
    JsonLines,
    /// `.json`: an array of article records, or one record.
    Json,
}

impl Format {
    /// The format of a file, from its extension; `None` for files that are
    /// not articles (skipped when walking a directory), sidecar manifests
    /// included.
    pub fn of(path: &Path) -> Option<Format> {
        // Called for every file walked: compared in place, not lowercased
        // into a new string.
        let ext = std::str::from_utf8(crate::paths::stem_and_extension(path).1?).ok()?;
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(ext));
        if is(&["txt", "text"]) {
            Some(Format::PlainText)
        } else if is(&["md", "markdown"]) {
            Some(Format::Markdown)
        } else if is(&["html", "htm", "xhtml"]) {
            Some(Format::Html)
        } else if is(&["jsonl", "ndjson"]) {
            // The only article format a sidecar manifest's name has.
            (!manifest::is_sidecar(path)).then_some(Format::JsonLines)
        } else if is(&["json"]) {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Why a file could not be read as articles.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (it contains NUL bytes), not text; UTF-16 files need a byte-order mark")]
    Binary,
    #[error("the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (bad byte at offset {offset}); re-save it as UTF-8")]
    BadUtf8 { offset: usize },
    #[error("the file cannot be decoded as {encoding} (bad byte at offset {offset}); convert it to UTF-8")]
    Undecodable {
        encoding: &'static str,
        offset: usize,
    },
    #[error(
        "the file is {size} bytes, over the limit of {limit} bytes; raise it with --max-file-size"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("no article text found in the file")]
    NoText,
    #[error("the file changed while it was read; skipped (run again to read it as it is now)")]
    Changed,
    #[error("the file is not valid JSON (line {line}, column {column}): {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
}

/// A problem with one record (or part) of a file that was skipped while the
/// rest of the file was read: `line 7: record has no text; skipped`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordWarning {
    /// Where in the file: `line 7`, `record 3`.
    pub at: String,
    pub message: String,
}

impl fmt::Display for RecordWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// The articles read from one file, and what was skipped in it.
#[derive(Debug, Default)]
pub struct ArticleFile {
    pub articles: Vec<Article>,
    pub warnings: Vec<RecordWarning>,
}

/// A stable article id: a hash of the path (and of the record number, for
/// files holding several articles), short enough to read.
pub fn article_id(path: &Path, record: Option<usize>) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(path.as_os_str().as_encoded_bytes());
    if let Some(n) = record {
        hasher.update(format!("#{n}").as_bytes());
    }
    hasher.finalize().to_hex()[..16].to_string()
}

/// The content hash that incremental indexing compares: the hash of the
/// bytes (`bytes_hash`, taken as they were read), followed by `+` and the
/// fingerprint of the metadata overrides that apply to the file, if any
/// (so changing them re-reads the file).
pub fn content_hash_of(bytes_hash: &blake3::Hash, overrides: Option<&str>) -> String {
    let hash = bytes_hash.to_hex().to_string();
    match overrides {
        Some(fingerprint) => format!("{hash}+{fingerprint}"),
        None => hash,
    }
}

/// The overrides fingerprint recorded in a [`content_hash_of`].
pub fn overrides_of_hash(hash: &str) -> Option<&str> {
    hash.split_once('+').map(|(_, o)| o)
}

/// A file as it was read: its bytes, or the text of a plain-text or
/// Markdown file, decoded (and its control characters blanked) as it was
/// read, or why it could not be decoded.
pub enum FileContent {
    Bytes(Vec<u8>),
    Text(Result<encoding::Decoded, IngestError>),
    /// A plain-text or Markdown file too long to hold: what was kept of
    /// it as it was read ([`long_text`]); its body is read again from the
    /// file when it is cut into passages.
    Long(Box<long_text::LongText>),
}

/// Whether a file of `format` is decoded as it is read
/// ([`encoding::decode_text_stream`]). Plain text and Markdown are: their
/// encoding is told from their first bytes. An HTML page is read whole,
/// since its `<meta charset>` may come anywhere in its head and it is
/// parsed whole; so is a JSON file (parsed whole) and a JSON Lines file,
/// whose lines that are not UTF-8 are dropped before it is decoded.
pub fn decoded_as_read(format: Format) -> bool {
    matches!(format, Format::PlainText | Format::Markdown)
}

/// [`read_article_file_owned`] of a file as it was read.
pub fn read_article_content(path: &Path, content: FileContent) -> Result<ArticleFile, IngestError> {
    read_content(path, content, true)
}

/// [`read_article_content`] without detecting each article's language
/// (the costliest step of reading a plain text file), for what needs only
/// the texts: `lang` is what the file declares, if anything.
pub fn read_article_texts(path: &Path, content: FileContent) -> Result<ArticleFile, IngestError> {
    read_content(path, content, false)
}

fn read_content(
    path: &Path,
    content: FileContent,
    detect: bool,
) -> Result<ArticleFile, IngestError> {
    match content {
        FileContent::Bytes(bytes) => read_owned(path, bytes, detect),
        FileContent::Text(decoded) => {
            let decoded = decoded?;
            if decoded.text.trim().is_empty() {
                return Err(IngestError::Empty);
            }
            let format = Format::of(path).unwrap_or(Format::PlainText);
            let mut file = ArticleFile::default();
            let article = read_text(path, decoded, format, &mut file.warnings);
            file.articles.push(article);
            finish(file, detect)
        }
        FileContent::Long(long) => {
            let format = Format::of(path).unwrap_or(Format::PlainText);
            let mut file = ArticleFile::default();
            let article = read_long_text(path, *long, format, &mut file.warnings);
            file.articles.push(article);
            finish(file, detect)
        }
    }
}

/// Reads the articles in one file's bytes. `path` is recorded in each
/// article (and hashed into its id); it is not opened here.
pub fn read_article_file(path: &Path, bytes: &[u8]) -> Result<ArticleFile, IngestError> {
    read_article_file_owned(path, bytes.to_vec())
}

/// [`read_article_file`] of bytes the caller gives up: a UTF-8 file's
/// bytes become its text, and then the article's body, without a copy.
pub fn read_article_file_owned(path: &Path, bytes: Vec<u8>) -> Result<ArticleFile, IngestError> {
    read_owned(path, bytes, true)
}

fn read_owned(path: &Path, bytes: Vec<u8>, detect: bool) -> Result<ArticleFile, IngestError> {
    let format = Format::of(path).unwrap_or(Format::PlainText);
    let declared = match format {
        Format::Html => html::declared_charset(&bytes),
        _ => None,
    };
    let hints = encoding::Hints {
        declared: declared.as_deref(),
        page: format == Format::Html,
    };
    // JSON is UTF-8: a JSON Lines line that is not is reported and
    // skipped, never decoded as a legacy code page (UTF-16 with its byte
    // order mark is still read whole).
    let mut skipped = Vec::new();
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let bytes = if format == Format::JsonLines && !utf16 {
        match jsonl::drop_lines_not_utf8(&bytes, &mut skipped) {
            std::borrow::Cow::Owned(kept) => kept,
            std::borrow::Cow::Borrowed(_) => bytes,
        }
    } else {
        bytes
    };
    let mut decoded = encoding::decode_owned(bytes, hints)?;
    blank_controls(&mut decoded.text);
    if decoded.text.trim().is_empty() {
        if !skipped.is_empty() {
            // Every line was skipped: say why, line by line.
            return Ok(ArticleFile {
                articles: Vec::new(),
                warnings: skipped,
            });
        }
        return Err(IngestError::Empty);
    }
    let mut file = ArticleFile::default();
    match format {
        Format::PlainText | Format::Markdown => {
            let article = read_text(path, decoded, format, &mut file.warnings);
            file.articles.push(article);
        }
        Format::Html => file.articles.push(html::read(path, &decoded.text)),
        Format::JsonLines => {
            let (articles, warnings) = jsonl::read_lines(path, &decoded.text);
            file.articles = articles;
            file.warnings = jsonl::in_line_order(skipped, warnings);
        }
        Format::Json => {
            let (articles, warnings) = jsonl::read_json(path, &decoded.text)?;
            file.articles = articles;
            file.warnings = warnings;
        }
    }
    finish(file, detect)
}

/// The articles of `file` that have text, each with its language (if
/// `detect`, else as the file declares it).
fn finish(mut file: ArticleFile, detect: bool) -> Result<ArticleFile, IngestError> {
    // A long article read without its text held has text: its first
    // lines were read.
    file.articles
        .retain(|a| a.body_file.is_some() || !a.body.trim().is_empty());
    for article in file.articles.iter_mut().filter(|_| detect) {
        let text = match &article.body_file {
            Some(file) => &file.sample,
            None => &article.body,
        };
        let lang = language::of_article(article.lang.as_deref(), text);
        article.lang = lang.map(str::to_string);
    }
    if file.articles.is_empty() && file.warnings.is_empty() {
        return Err(IngestError::NoText);
    }
    Ok(file)
}

/// Control characters are never article text, and written to a terminal
/// they act (`ESC [2J` clears the screen, `ESC ]8;;URL` plants a hidden
/// link): each becomes as many spaces as it has bytes, so offsets in the
/// text stay offsets in the file. Tab, line feed and carriage return keep
/// their meaning; form feed and vertical tab become spaces like the rest.
pub fn blank_controls(text: &mut String) {
    if !holds_control(text) {
        return;
    }
    let is_blanked = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_blanked(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    *text = out;
}

/// Whether `text` holds a control character [`blank_controls`] blanks.
pub fn holds_control(text: &str) -> bool {
    // Control characters are C0 (bytes below 0x20), DEL, and C1 (U+0080 to
    // U+009F, 0xC2 then 0x80..=0x9F in UTF-8): looked for by byte first,
    // as almost no text holds one. The bytes that may start one are
    // flagged a chunk at a time without branching (which the compiler
    // vectorises); only a chunk with a flag is looked at closely.
    let may_start =
        |b: u8| (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7f) | (b == 0xc2);
    let bytes = text.as_bytes();
    let starts_control = |i: usize| {
        let b = bytes[i];
        b != 0xc2 || bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n))
    };
    bytes.chunks(64).enumerate().any(|(n, chunk)| {
        chunk.iter().fold(false, |seen, &b| seen | may_start(b))
            && (0..chunk.len())
                .filter(|&j| may_start(chunk[j]))
                .any(|j| starts_control(n * 64 + j))
    })
}

/// A plain-text or Markdown file: front matter fields (if any) over what
/// the text's layout says.
fn read_text(
    path: &Path,
    decoded: encoding::Decoded,
    format: Format,
    warnings: &mut Vec<RecordWarning>,
) -> Article {
    let front = front_matter_of(&decoded.text, warnings);
    let origin = origin_of(&front, decoded.bom_len, decoded.verbatim);
    // The body is the text after the front matter, moved, not copied.
    let mut body = decoded.text;
    body.drain(..front.body_start);
    let mut article = text::read_at(path, body, origin);
    if format == Format::Markdown {
        let mut marks = MarkdownMarks::default();
        for piece in article.body.split_inclusive('\n') {
            marks.line(piece);
        }
        marks.apply(&mut article);
    }
    let body = std::mem::take(&mut article.body);
    apply_front_matter(&mut article, front.fields, &body, &[], warnings);
    article.body = body;
    article
}

/// [`read_text`] of a long file whose text was not held: its layout is
/// read from its first and last lines, and its body from the file again
/// when it is cut into passages (`article.body_file`).
fn read_long_text(
    path: &Path,
    long: long_text::LongText,
    format: Format,
    warnings: &mut Vec<RecordWarning>,
) -> Article {
    let front = front_of(long.front, warnings);
    let how = long.how;
    let origin = origin_of(&front, how.bom_len, how.verbatim);
    let head = &long.head[front.body_start..];
    let mut article = text::read_long_at(path, head, &long.tail, origin);
    if format == Format::Markdown {
        long.marks.apply(&mut article);
    }
    apply_front_matter(&mut article, front.fields, head, &long.tail, warnings);
    article.body_file = Some(Box::new(crate::article::BodyFile {
        encoding: how.encoding,
        bom_len: how.bom_len,
        body_start: front.body_start,
        text_len: long.text_len,
        bytes: long.bytes,
        hash: long.hash,
        sample: long.sample,
    }));
    article
}

/// What a text's front matter says, and where its body starts.
struct Front {
    fields: Option<serde_json::Map<String, serde_json::Value>>,
    body_start: usize,
    lines: usize,
}

fn front_matter_of(text: &str, warnings: &mut Vec<RecordWarning>) -> Front {
    front_of(front_matter::split(text), warnings)
}

/// [`front_matter_of`] of a front matter already parsed.
fn front_of(split: long_text::FrontSplit, warnings: &mut Vec<RecordWarning>) -> Front {
    match split {
        Ok(Some(fm)) => Front {
            fields: Some(fm.fields),
            body_start: fm.body_start,
            lines: fm.lines,
        },
        Ok(None) => Front {
            fields: None,
            body_start: 0,
            lines: 0,
        },
        Err(bad) => {
            warnings.push(RecordWarning {
                at: "line 1".into(),
                message: format!(
                    "the {} front matter cannot be read ({}); its fields are ignored",
                    bad.format, bad.message
                ),
            });
            Front {
                fields: None,
                body_start: bad.body_start,
                lines: bad.lines,
            }
        }
    }
}

fn origin_of(front: &Front, bom_len: usize, verbatim: bool) -> Origin {
    // Offsets of a transcoded file are offsets in its UTF-8 text, which
    // has no byte-order mark.
    let bom_len = if verbatim { bom_len } else { 0 };
    Origin {
        offset: bom_len + front.body_start,
        line: front.lines + 1,
        verbatim,
    }
}

/// The front matter's fields over what the layout found. `head` is the
/// start of the body (all of it, for a body held whole) and `tail` its
/// last lines with their offsets: where the spans the layout excluded lie.
fn apply_front_matter(
    article: &mut Article,
    fields: Option<serde_json::Map<String, serde_json::Value>>,
    head: &str,
    tail: &[(usize, String)],
    warnings: &mut Vec<RecordWarning>,
) {
    let Some(fields) = fields else { return };
    let found = record::map_fields(&fields);
    if let Some(bad) = &found.bad_date {
        warnings.push(RecordWarning {
            at: "front matter".into(),
            message: format!("date {bad:?} is not a date; the article is left undated"),
        });
    }
    if found.title.is_some() && found.title != article.title {
        // The layout's guess at a title is body text after all.
        if let Some(guess) = article.title.take() {
            article.excluded.retain(|e| {
                e.why != ExcludedKind::Metadata
                    || span_text(head, tail, e.start, e.end).map(str::trim) != Some(guess.as_str())
            });
        }
    }
    let given = overrides::Overrides {
        title: found.title,
        source: found.source,
        author: found.author,
        date: found.date,
        url: found.url,
    };
    given.apply(article);
    article.lang = found.lang;
}

/// The text of the body at `start..end`, from its head or one of its last
/// lines.
fn span_text<'t>(
    head: &'t str,
    tail: &'t [(usize, String)],
    start: usize,
    end: usize,
) -> Option<&'t str> {
    if end <= head.len() {
        return head.get(start..end);
    }
    tail.iter()
        .find(|(at, line)| *at <= start && end <= at + line.len())
        .and_then(|(at, line)| line.get(start - at..end - at))
}

/// Markdown `#` headings, found a line at a time: the first, if it is the
/// title, is metadata; the others are section headings.
#[derive(Debug, Default)]
pub struct MarkdownMarks {
    /// Where the next line starts in the body.
    offset: usize,
    /// No line with text was seen yet.
    seen_text: bool,
    /// Each heading's span, whether it is the title, and (for the title
    /// only) its words.
    marks: Vec<(usize, usize, bool, Option<String>)>,
}

impl MarkdownMarks {
    /// The next line of the body, with its line end.
    pub fn line(&mut self, piece: &str) {
        let line = piece.trim_end();
        let trimmed = line.trim_start();
        let hashes = trimmed.chars().take_while(|c| *c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            let start = self.offset + (line.len() - trimmed.len());
            let is_title = !self.seen_text && hashes == 1;
            let heading = is_title.then(|| trimmed[hashes..].trim().to_string());
            self.marks
                .push((start, self.offset + line.len(), is_title, heading));
        }
        if !trimmed.is_empty() {
            self.seen_text = true;
        }
        self.offset += piece.len();
    }

    /// Marks the headings in `article`'s excluded spans (in place of the
    /// spans they overlap), and the title.
    pub fn apply(self, article: &mut Article) {
        let marks = self.marks;
        // The marks are lines, in order and disjoint: the spans they
        // overlap go in one pass (a retain per mark was quadratic in the
        // headings).
        article.excluded.retain(|e| {
            let after = marks.partition_point(|m| m.1 <= e.start);
            marks.get(after).is_none_or(|m| m.0 >= e.end)
        });
        for (start, end, is_title, heading) in marks {
            if is_title && article.title.is_none() {
                article.title = heading;
            }
            article.excluded.push(Excluded {
                start,
                end,
                why: if is_title {
                    ExcludedKind::Metadata
                } else {
                    ExcludedKind::Heading
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_spaces_of_the_same_length() {
        let mut text = "a\x1b[2Jb\x1b]0;title\x07c\td\r\ne\u{9b}f".to_string();
        let len = text.len();
        blank_controls(&mut text);
        assert_eq!(text, "a [2Jb ]0;title c\td\r\ne  f");
        assert_eq!(text.len(), len);
    }

    #[test]
    fn each_kind_of_control_character_is_found_alone() {
        for (input, blanked) in [
            ("x\u{1}y", "x y"),
            ("x\u{7f}y", "x y"),
            ("x\u{85}y", "x  y"),
            ("x\u{9f}", "x  "),
            ("caf\u{e9}\u{a0}\u{a9}", "caf\u{e9}\u{a0}\u{a9}"),
        ] {
            let mut text = input.to_string();
            blank_controls(&mut text);
            assert_eq!(text, blanked, "{input:?}");
        }
    }

    #[test]
    fn control_characters_are_found_across_the_scan_s_chunks() {
        // The scan reads 64 bytes at a time: a C1 character split over two
        // chunks, and non-breaking spaces (0xC2 0xA0) that are not controls.
        for at in [0, 1, 62, 63, 64, 127, 128, 200] {
            let mut text = format!("{}\u{85}{}", "a".repeat(at), "b".repeat(70));
            blank_controls(&mut text);
            assert_eq!(
                text,
                format!("{}  {}", "a".repeat(at), "b".repeat(70)),
                "{at}"
            );
        }
        let mut spaces = "\u{a0}".repeat(100);
        blank_controls(&mut spaces);
        assert_eq!(spaces, "\u{a0}".repeat(100));
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = article_id(Path::new("/x/a.txt"), None);
        assert_eq!(a, article_id(Path::new("/x/a.txt"), None));
        assert_ne!(a, article_id(Path::new("/x/b.txt"), None));
        assert_ne!(a, article_id(Path::new("/x/a.txt"), Some(1)));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of(Path::new("a.HTM")), Some(Format::Html));
        assert_eq!(Format::of(Path::new("a.ndjson")), Some(Format::JsonLines));
        assert_eq!(Format::of(Path::new("d/newsidx-manifest.jsonl")), None);
        assert_eq!(Format::of(Path::new("a.pdf")), None);
    }

    #[test]
    fn markdown_front_matter_wins_and_headings_are_text_and_context() {
        let text = "---\ntitle: Given title\nsource: Example News\ndate: 22 December 2025\n---\n# Given title\n\nThe envoy said on Monday that the talks had been productive and long.\n\n## What next\n\nA second round will follow in January, officials said.\n";
        let file = read_article_file(Path::new("/t/a.md"), text.as_bytes()).unwrap();
        let a = &file.articles[0];
        assert_eq!(a.title.as_deref(), Some("Given title"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.date.as_deref(), Some("2025-12-22T00:00:00Z"));
        let passages = crate::passages::split(a);
        assert_eq!(passages.len(), 3, "{passages:?}");
        assert_eq!(passages[0].line, 8);
        assert_eq!(&text[passages[0].start..passages[0].end], passages[0].text);
        assert_eq!(passages[1].text, "What next");
        assert!(passages[1].is_heading);
        assert_eq!(&text[passages[1].start..passages[1].end], "What next");
        assert_eq!(passages[2].heading.as_deref(), Some("What next"));
    }

    #[test]
    fn transcoded_offsets_are_offsets_in_the_decoded_text() {
        let text = "Fog delays ships\n\nPilots said the fog would delay ships for at least two more days.\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let file = read_article_file(Path::new("/t/a.txt"), &bytes).unwrap();
        let a = &file.articles[0];
        assert!(!a.origin.verbatim);
        let p = &crate::passages::split(a)[0];
        assert_eq!(&text[p.start..p.end], p.text);
        assert_eq!(p.line, 3);
    }

    #[test]
    fn broken_front_matter_is_a_warning() {
        let text = "---\ntitle: [oops\n---\nThe envoy said on Monday that the talks had been productive and long.\n";
        let file = read_article_file(Path::new("/t/a.txt"), text.as_bytes()).unwrap();
        assert_eq!(file.articles.len(), 1);
        assert!(file.warnings[0].message.contains("YAML front matter"));
    }
}
