//! The domain model that flows through newsidx: an [`Article`] read from a
//! file, the [`Passage`]s its body is split into, and the [`Statement`]s
//! (who said what) found in them.
//!
//! These are plain data. `ingest` fills in the article, `passages` splits its
//! body, `attribution` adds statements and speakers, `index` stores it all and
//! `output` prints it. Keeping the types here, apart from the code that makes
//! them, lets each stage be tested without the others.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One news article, as read from a file (or one record of a JSON Lines file).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Article {
    /// Stable identifier derived from the path (and record number, for files
    /// that hold several articles). Used as the delete key in the index.
    pub id: String,
    /// The file the article came from.
    pub path: PathBuf,
    pub title: Option<String>,
    /// The outlet that published the article ("Reuters", "Kurdistan24").
    pub source: Option<String>,
    pub author: Option<String>,
    /// Publication date, normalized to RFC 3339 (`2025-12-21T00:00:00Z`).
    pub date: Option<String>,
    pub url: Option<String>,
    /// The language, as an ISO 639-1 code (`en`, `de`): declared by the
    /// page or record, else detected from the body ([`crate::language`]).
    pub lang: Option<String>,
    /// The text the passages are cut from (emptied once they are cut, see
    /// `indexer::analyze`). For plain text this is the decoded
    /// file itself, so passage offsets are offsets in the file; for formats
    /// whose body is extracted (HTML, JSON) it is the extracted text.
    #[serde(skip)]
    pub body: String,
    /// Byte offset of `body` in the file, and the file line `body` starts on.
    #[serde(skip)]
    pub origin: Origin,
    /// Byte ranges of `body` that are not article text: metadata lines
    /// (title, byline, dateline headers) and boilerplate. Passages never
    /// include them.
    #[serde(skip)]
    pub excluded: Vec<Excluded>,
    /// For extracted bodies (HTML, JSON), the file line each line of `body`
    /// came from (`body_lines[0]` for the body's first line). Empty when the
    /// body's lines are the file's lines from `origin.line` on.
    #[serde(skip)]
    pub body_lines: Vec<usize>,
    /// Whether the format marks its headings (HTML `<h2>`), as spans of
    /// [`ExcludedKind::Heading`]: then every other line is text, and a short
    /// title-case line (a list item, a table cell) is not taken for a
    /// heading as it is in plain text.
    #[serde(skip)]
    pub headings_marked: bool,
    /// Byte ranges of `body` that the markup declares list items or table
    /// cells (HTML `<li>`, `<td>`): text, but no "Label: text" statement.
    #[serde(skip)]
    pub items: Vec<std::ops::Range<usize>>,
    /// For a long plain-text or Markdown article, whose `body` is left
    /// empty: where its body is read again from, so that its text is
    /// never held whole (`ingest::long_text`).
    #[serde(skip)]
    pub body_file: Option<Box<BodyFile>>,
}

/// A body read from its file each time it is cut into passages, not held:
/// what the reading that found the article's metadata saw of the file, so
/// that a later reading of a file changed meanwhile is told apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFile {
    /// The encoding the file was read in, and the bytes before its text
    /// (a byte-order mark).
    pub encoding: &'static str,
    pub bom_len: usize,
    /// Where the body starts in the decoded text (after front matter), and
    /// the length of that text.
    pub body_start: usize,
    pub text_len: usize,
    /// The file's length and the hash of its bytes.
    pub bytes: u64,
    pub hash: [u8; 32],
    /// The first bytes of the body, for language detection.
    pub sample: String,
}

impl Article {
    /// The length of the text the passages are cut from.
    pub fn body_len(&self) -> usize {
        match &self.body_file {
            Some(file) => file.text_len - file.body_start,
            None => self.body.len(),
        }
    }

    /// The file line of a passage that [`passages`](crate::passages) placed
    /// on `line`, counting from `origin.line`.
    pub fn file_line(&self, line: usize) -> usize {
        if self.body_lines.is_empty() {
            return line;
        }
        let index = line.saturating_sub(self.origin.line);
        self.body_lines
            .get(index)
            .or(self.body_lines.last())
            .copied()
            .unwrap_or(line)
    }
}

/// Where an article's `body` sits in its source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Byte offset of the body's first byte in the file.
    pub offset: usize,
    /// 1-based line of the file on which the body starts.
    pub line: usize,
    /// Whether offsets in `body` map one to one onto bytes of the file. False
    /// for extracted bodies (HTML, JSON), whose offsets are into the body.
    pub verbatim: bool,
}

impl Default for Origin {
    fn default() -> Self {
        Origin {
            offset: 0,
            line: 1,
            verbatim: true,
        }
    }
}

/// A span of the body that must not become (part of) a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    pub start: usize,
    pub end: usize,
    pub why: ExcludedKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExcludedKind {
    /// A line that carries metadata (title, byline, date header).
    Metadata,
    /// A section heading: a passage of its own (article text, searchable,
    /// never a statement) and the context of the passages below it.
    Heading,
    /// Boilerplate: comment widgets, copyright lines, share prompts.
    Boilerplate,
}

/// A paragraph of article text: the unit that is indexed and returned by
/// search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    /// Position of the passage in its article, from 0.
    pub number: usize,
    pub text: String,
    /// Byte range in the file (or in the extracted body, see [`Origin`]).
    pub start: usize,
    pub end: usize,
    /// 1-based line in the file where the passage starts.
    pub line: usize,
    /// The section heading the passage sits under, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The passage is a section heading itself: searchable article text,
    /// but attribution reads no statements in it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub is_heading: bool,
    /// The passage is a list item or table cell the markup declares.
    #[serde(skip)]
    pub is_item: bool,
    /// Canonical names of everyone who makes a statement in this passage.
    pub speakers: Vec<String>,
}

/// Whether a statement is quoted word for word or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Direct,
    Reported,
}

impl StatementKind {
    /// The kind as `analyze --json` and the exports write it.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Reported => "reported",
        }
    }
}

/// One attributed statement: a quote or reported speech, and who made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    /// The passage the statement's content lies in.
    pub passage: usize,
    /// Byte range of the content in the file (same coordinates as passages).
    pub start: usize,
    pub end: usize,
    pub kind: StatementKind,
    /// The cue that introduces it ("said", "according to", "told").
    pub cue: String,
    /// The speaker as the text names them ("he", "Witkoff", "the Kremlin").
    pub speaker_text: String,
    /// The speaker's canonical full name ("Steve Witkoff").
    pub speaker: String,
}

impl Statement {
    /// The statement as JSON (see [`StatementJson`]), in quote group
    /// `group` when given.
    pub fn json(&self, group: Option<String>) -> StatementJson<'_> {
        StatementJson {
            cue: &self.cue,
            end: self.end,
            group,
            kind: self.kind,
            passage: self.passage,
            speaker: &self.speaker,
            speaker_text: &self.speaker_text,
            start: self.start,
        }
    }
}

/// A [`Statement`] as `analyze --json` prints it and the index stores it:
/// keys sorted, as they were when it went through a `serde_json::Value`.
/// The fields are declared in key order, so it is written straight from
/// the statement (the `Value` cost a tenth of `analyze`, issue 15).
#[derive(Debug, Serialize)]
pub struct StatementJson<'a> {
    pub cue: &'a str,
    pub end: usize,
    /// Its quote group (`index::codec::group_label`), in the index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub kind: StatementKind,
    pub passage: usize,
    pub speaker: &'a str,
    pub speaker_text: &'a str,
    pub start: usize,
}

/// An article with its passages and statements: what analysis produces and
/// what the index stores.
#[derive(Debug, Clone)]
pub struct AnalyzedArticle {
    pub article: Article,
    pub passages: Vec<Passage>,
    pub statements: Vec<Statement>,
    /// Spelling variants and short forms seen for each canonical speaker.
    pub aliases: Vec<(String, Vec<String>)>,
}

impl AnalyzedArticle {
    /// The statements of each passage, in their order, indexed by passage
    /// number: one pass, where filtering all statements for each passage
    /// was quadratic in a long article.
    pub fn statements_by_passage(&self) -> Vec<Vec<&Statement>> {
        let mut by: Vec<Vec<&Statement>> = vec![Vec::new(); self.passages.len()];
        for s in &self.statements {
            if s.passage >= by.len() {
                by.resize_with(s.passage + 1, Vec::new);
            }
            by[s.passage].push(s);
        }
        by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_serializes_with_its_keys_sorted() {
        let statement = Statement {
            passage: 2,
            start: 140,
            end: 171,
            kind: StatementKind::Reported,
            cue: "told".into(),
            speaker_text: "the harbour master".into(),
            speaker: "Oda Brenn".into(),
        };
        for group in [None, Some("00000000000000a7".to_string())] {
            let mut sorted = serde_json::to_value(&statement).unwrap();
            if let Some(group) = &group {
                sorted["group"] = group.clone().into();
            }
            assert_eq!(
                serde_json::to_string(&statement.json(group)).unwrap(),
                sorted.to_string()
            );
        }
    }
}
