//! Long plain-text and Markdown articles read without their text held
//! whole (issue 21 §4).
//!
//! A text file is decoded as it is read (`encoding::decode_text_into`).
//! Up to [`HELD_TEXT_BYTES`] of body its text is held, as every news
//! article's is. Past that, [`Scan`] keeps only what the layout reads (the
//! front matter and the first lines of the body, where the header zone and
//! dateline are; its last [`text::FOOTER_LINES`] lines, where credits are;
//! the spans of Markdown headings) and the file's length and hash: a
//! [`LongText`]. Its body is then read from the file again each time it is
//! cut into passages ([`read_body`]), in windows that end at a line, and
//! a reading that does not see the bytes the first one hashed fails with
//! [`IngestError::Changed`], so that nothing is made of half one version
//! and half another.
//!
//! A file whose first lines do not fit in what is held (a file of a few
//! huge lines, a front matter block that never closes) is held whole, as
//! before.

use super::encoding::{self, Decoding, StreamError, TextSink};
use super::front_matter::{self, BadFrontMatter, FrontMatter};
use super::{text, Format, IngestError, MarkdownMarks};
use crate::article::BodyFile;
use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// A body longer than this is not held: the same length past which
/// `attribution::LongArticle` reads an article in two readings.
pub const HELD_TEXT_BYTES: usize = 1 << 20;

/// The least of a long body's start that is kept (whole lines): more than
/// language detection samples (`language::detect`).
const HEAD_MIN_BYTES: usize = 64 * 1024;

/// The first bytes of the body kept for language detection.
const SAMPLE_BYTES: usize = 16 * 1024;

/// Past this much text held without finding a long body's first lines,
/// the file is held whole and no longer looked at.
const GIVE_UP_BYTES: usize = 8 << 20;

/// Text handed to the splitter at a time when a body is read again.
const WINDOW_BYTES: usize = 256 * 1024;

/// What was kept of a long file as it was read.
#[derive(Debug)]
pub struct LongText {
    pub how: Decoding,
    /// The start of the text (front matter included), whole lines: at
    /// least [`text::LINES_READ_FROM_START`] non-blank lines of the body.
    pub head: String,
    /// The body's first [`SAMPLE_BYTES`].
    pub sample: String,
    /// The body's last lines, each with its offset in the body.
    pub tail: Vec<(usize, String)>,
    /// Markdown headings (empty for plain text).
    pub marks: MarkdownMarks,
    /// The length of the decoded text.
    pub text_len: usize,
    /// The file's length and the hash of its bytes.
    pub bytes: u64,
    pub hash: [u8; 32],
    /// Its front matter, parsed (once, as the file was read).
    pub front: FrontSplit,
}

/// What [`front_matter::split`] made of a text's start.
pub type FrontSplit = Result<Option<FrontMatter>, BadFrontMatter>;

/// Where a plain-text or Markdown file's text goes as it is decoded: held,
/// or once its body is long, only what [`LongText`] keeps.
pub struct Scan {
    format: Format,
    len_hint: usize,
    held: String,
    long: Option<Long>,
    /// Held whole: a long body's first lines were not found.
    given_up: bool,
    /// The front matter, once its closing line (or that there is none) is
    /// read: parsed once, not again for every piece read after it.
    front: Option<FrontSplit>,
    /// Where the search for the front matter's closing line goes on.
    front_searched: usize,
}

/// A long body being read.
struct Long {
    head: String,
    sample: String,
    text_len: usize,
    /// The last line, not ended yet.
    pending: String,
    /// Where `pending` starts in the body.
    pending_at: usize,
    tail: VecDeque<(usize, String)>,
    marks: MarkdownMarks,
}

impl Long {
    /// The body's next whole lines (`lines`, each with its line end),
    /// starting at `at` in the body.
    fn lines(&mut self, mut at: usize, lines: &str, markdown: bool) {
        for piece in lines.split_inclusive('\n') {
            self.line(at, piece, markdown);
            at += piece.len();
        }
    }

    fn line(&mut self, at: usize, piece: &str, markdown: bool) {
        if markdown {
            self.marks.line(piece);
        }
        let content = piece.strip_suffix('\n').unwrap_or(piece);
        let content = content.strip_suffix('\r').unwrap_or(content);
        if self.tail.len() == text::FOOTER_LINES {
            self.tail.pop_front();
        }
        self.tail.push_back((at, content.to_string()));
    }
}

/// What [`Scan::finish`] read: the text held whole, or a long one.
pub enum Scanned {
    Held(encoding::Decoded),
    Long(Box<LongText>),
}

impl Scan {
    /// For a file of `format` and about `len_hint` bytes.
    pub fn new(format: Format, len_hint: usize) -> Scan {
        Scan {
            format,
            len_hint,
            held: String::with_capacity(len_hint.min(HELD_TEXT_BYTES * 2)),
            long: None,
            given_up: false,
            front: None,
            front_searched: 0,
        }
    }

    /// The file was decoded (`how`), its bytes counted and hashed.
    pub fn finish(self, how: Decoding, bytes: u64, hash: [u8; 32]) -> Scanned {
        let markdown = self.format == Format::Markdown;
        let (Some(mut long), Some(front)) = (self.long, self.front) else {
            return Scanned::Held(encoding::Decoded {
                text: self.held,
                bom_len: how.bom_len,
                encoding: how.encoding,
                verbatim: how.verbatim,
            });
        };
        if !long.pending.is_empty() {
            let pending = std::mem::take(&mut long.pending);
            long.line(long.pending_at, &pending, markdown);
        }
        Scanned::Long(Box::new(LongText {
            how,
            head: long.head,
            sample: long.sample,
            tail: long.tail.into_iter().collect(),
            marks: long.marks,
            text_len: long.text_len,
            bytes,
            hash,
            front,
        }))
    }

    /// Lets go of the held text once the body is long and its first lines
    /// are in it.
    fn try_long(&mut self) {
        if self.front.is_none() {
            // The closing line must be whole.
            match front_matter::closed_from(&self.held, self.front_searched) {
                None => self.front = Some(Ok(None)),
                Some((true, _)) => self.front = Some(front_matter::split(&self.held)),
                // Not closed yet.
                Some((false, searched)) => {
                    self.front_searched = searched;
                    return;
                }
            }
        }
        let body_start = match &self.front {
            Some(Ok(Some(fm))) => fm.body_start,
            Some(Err(bad)) => bad.body_start,
            Some(Ok(None)) | None => 0,
        };
        let held = &self.held;
        let body = &held[body_start..];
        if body.len() <= HELD_TEXT_BYTES {
            return;
        }
        // The head: whole lines holding the layout's first lines and at
        // least HEAD_MIN_BYTES.
        let mut non_blank = 0;
        let mut end = 0;
        let mut head_end = None;
        for piece in body.split_inclusive('\n') {
            if !piece.ends_with('\n') {
                break;
            }
            end += piece.len();
            if !piece.trim().is_empty() {
                non_blank += 1;
            }
            if non_blank >= text::LINES_READ_FROM_START && end >= HEAD_MIN_BYTES {
                head_end = Some(end);
                break;
            }
        }
        let Some(head_end) = head_end else { return };
        let mut sample_end = SAMPLE_BYTES.min(body.len());
        while !body.is_char_boundary(sample_end) {
            sample_end -= 1;
        }
        let last_line_end = body.rfind('\n').map_or(0, |i| i + 1);
        let mut long = Long {
            head: held[..body_start + head_end].to_string(),
            sample: body[..sample_end].to_string(),
            text_len: held.len(),
            pending: body[last_line_end..].to_string(),
            pending_at: last_line_end,
            tail: VecDeque::with_capacity(text::FOOTER_LINES),
            marks: MarkdownMarks::default(),
        };
        long.lines(0, &body[..last_line_end], self.format == Format::Markdown);
        self.long = Some(long);
        self.held = String::new();
    }
}

impl TextSink for Scan {
    fn push(&mut self, piece: &str) {
        let markdown = self.format == Format::Markdown;
        if let Some(long) = self.long.as_mut() {
            long.text_len += piece.len();
            long.pending.push_str(piece);
            if let Some(i) = long.pending.rfind('\n') {
                let rest = long.pending.split_off(i + 1);
                let lines = std::mem::replace(&mut long.pending, rest);
                let at = long.pending_at;
                long.pending_at += lines.len();
                long.lines(at, &lines, markdown);
            }
            return;
        }
        self.held.push_str(piece);
        if self.given_up || self.held.len() <= HELD_TEXT_BYTES {
            return;
        }
        self.try_long();
        if self.long.is_none() && self.held.len() > GIVE_UP_BYTES {
            self.given_up = true;
            self.held
                .reserve(self.len_hint.saturating_sub(self.held.len()));
        }
    }

    fn restart(&mut self) {
        self.held.clear();
        self.long = None;
        self.given_up = false;
        self.front = None;
        self.front_searched = 0;
    }
}

/// Reads the body of the long article at `path` again (`file`: what the
/// first reading saw), handing it to `feed` in windows: `feed(text, at,
/// last)` gets the body's text from offset `at` on (whole lines, and the
/// last line too when `last`), and returns the offset from which it needs
/// the text again in the next window. Fails with [`IngestError::Changed`]
/// if the file no longer holds the bytes the first reading hashed; the
/// last window is handed on only once that is known.
pub fn read_body(
    path: &Path,
    file: &BodyFile,
    feed: &mut dyn FnMut(&str, usize, bool) -> usize,
) -> Result<(), IngestError> {
    use std::os::unix::fs::OpenOptionsExt;
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|_| IngestError::Changed)?;
    match opened.metadata() {
        Ok(meta) if meta.is_file() && meta.len() == file.bytes => {}
        _ => return Err(IngestError::Changed),
    }
    let mut reader = HashedFile::new(opened, file.bytes);
    // The byte-order mark is hashed too.
    let mut bom = vec![0u8; file.bom_len];
    reader
        .read_exact(&mut bom)
        .map_err(|_| IngestError::Changed)?;
    let how = Decoding {
        bom_len: file.bom_len,
        encoding: file.encoding,
        verbatim: true,
    };
    let mut windows = Windows {
        skip: file.body_start,
        broken: false,
        text_len: 0,
        buffer: String::with_capacity(WINDOW_BYTES * 2),
        at: 0,
        feed,
    };
    match encoding::decode_again(&mut reader, how, &mut windows) {
        Ok(()) => {}
        Err(StreamError::Read(_) | StreamError::Decode(_)) => return Err(IngestError::Changed),
    }
    let same = !windows.broken
        && reader.at == file.bytes
        && *reader.hash().as_bytes() == file.hash
        && windows.text_len == file.text_len;
    if !same {
        return Err(IngestError::Changed);
    }
    (windows.feed)(&windows.buffer, windows.at, true);
    Ok(())
}

/// The body's text as it is decoded again, handed on a window at a time.
struct Windows<'f> {
    /// Bytes of text before the body still to skip (front matter).
    skip: usize,
    /// The body does not start where the first reading found it (inside
    /// a character), or the cutter found a span of the first reading
    /// inside a character: the file changed, and nothing more is handed on.
    broken: bool,
    text_len: usize,
    buffer: String,
    /// Where `buffer` starts in the body.
    at: usize,
    feed: &'f mut dyn FnMut(&str, usize, bool) -> usize,
}

impl TextSink for Windows<'_> {
    fn push(&mut self, piece: &str) {
        self.text_len += piece.len();
        if self.broken {
            return;
        }
        let skipped = self.skip.min(piece.len());
        if !piece.is_char_boundary(skipped) {
            self.broken = true;
            return;
        }
        self.skip -= skipped;
        self.buffer.push_str(&piece[skipped..]);
        if self.buffer.len() >= WINDOW_BYTES {
            let keep = (self.feed)(&self.buffer, self.at, false);
            if keep == usize::MAX {
                // The cutter found the file changed: nothing more of it
                // is needed, so none of the rest is held.
                self.broken = true;
                self.buffer = String::new();
                return;
            }
            let used = keep.saturating_sub(self.at).min(self.buffer.len());
            self.buffer.drain(..used);
            self.at += used;
        }
    }

    fn restart(&mut self) {
        // Reading again in a known encoding never starts over; if it did,
        // the text would not be what was read first.
        self.text_len = usize::MAX / 2;
    }
}

/// A file read through a hash of its bytes (each byte hashed once, in
/// order, however the decoder seeks back) that fails past `limit` bytes:
/// the first reading of an article hashes what it reads, and reading a
/// long body again checks that the file is still what was read first.
pub struct HashedFile {
    file: std::fs::File,
    hasher: blake3::Hasher,
    /// The position in the file.
    pub at: u64,
    /// The bytes before this are hashed.
    hashed_to: u64,
    limit: u64,
    /// How far the file was read when it went past the limit.
    pub over: Option<u64>,
}

impl HashedFile {
    pub fn new(file: std::fs::File, limit: u64) -> HashedFile {
        HashedFile {
            file,
            hasher: blake3::Hasher::new(),
            at: 0,
            hashed_to: 0,
            limit,
            over: None,
        }
    }

    /// The hash of the bytes read so far.
    pub fn hash(&self) -> blake3::Hash {
        self.hasher.finalize()
    }
}

impl Read for HashedFile {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        // One byte past the limit tells a file over it.
        let room = (self.limit + 1).saturating_sub(self.at);
        let want = buffer
            .len()
            .min(usize::try_from(room).unwrap_or(usize::MAX));
        let read = self.file.read(&mut buffer[..want])?;
        let end = self.at + read as u64;
        if end > self.hashed_to && self.at <= self.hashed_to {
            let from = (self.hashed_to - self.at) as usize;
            self.hasher.update(&buffer[from..read]);
            self.hashed_to = end;
        }
        self.at = end;
        if self.at > self.limit {
            self.over = Some(self.at);
            return Err(std::io::Error::other("over the size limit"));
        }
        Ok(read)
    }
}

impl Seek for HashedFile {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.at = self.file.seek(to)?;
        Ok(self.at)
    }
}
