//! Reading article files: decoding bytes into text, choosing a reader by
//! format, and finding each article's metadata and boilerplate.
//!
//! [`read_article_file`] is the single entry point. It turns the bytes of one
//! file into zero or more [`Article`]s (a JSON Lines file holds many); each
//! format has its own module that fills in the fields it can find. Problems
//! with one file are returned as an [`IngestError`] naming the file, so that
//! the caller can report it and go on with the rest.

pub mod boilerplate;
pub mod date;
pub mod text;

use crate::article::Article;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Files larger than this are refused unless the limit is raised
/// (`newsidx index --max-file-size`).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The formats newsidx reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    PlainText,
}

impl Format {
    /// The format of a file, from its extension; `None` for files that are
    /// not articles (skipped when walking a directory).
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::PlainText),
            _ => None,
        }
    }
}

/// Why a file could not be read as articles.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("the file is empty")]
    Empty,
    #[error("the file looks binary (it contains NUL bytes), not text")]
    Binary,
    #[error("the file is not valid UTF-8 text (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error(
        "the file is {size} bytes, over the limit of {limit} bytes; raise it with --max-file-size"
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("no article text found in the file")]
    NoText,
    #[error("unsupported file type (newsidx reads .txt files)")]
    Unsupported,
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

/// The content hash that incremental indexing compares.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Reads the articles in one file's bytes. `path` is recorded in each
/// article (and hashed into its id); it is not opened here.
pub fn read_article_file(path: &Path, bytes: &[u8]) -> Result<Vec<Article>, IngestError> {
    let format = Format::of(path).unwrap_or(Format::PlainText);
    let (text, bom_len) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let path: PathBuf = path.to_path_buf();
    let articles = match format {
        Format::PlainText => vec![text::read(&path, text, bom_len)],
    };
    Ok(articles)
}

/// Decodes a file's bytes to text. Returns the text and the length of the
/// byte-order mark that was skipped, so offsets can be mapped back.
pub fn decode(bytes: &[u8]) -> Result<(String, usize), IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let (bytes, bom_len) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), bom_len)),
        Err(e) => Err(IngestError::NotUtf8 {
            offset: bom_len + e.valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        let a = article_id(Path::new("/x/a.txt"), None);
        assert_eq!(a, article_id(Path::new("/x/a.txt"), None));
        assert_ne!(a, article_id(Path::new("/x/b.txt"), None));
        assert_ne!(a, article_id(Path::new("/x/a.txt"), Some(1)));
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn bad_bytes_are_named() {
        assert!(matches!(decode(b""), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(IngestError::Binary)
        ));
        assert!(matches!(
            decode(b"caf\xe9 ok"),
            Err(IngestError::NotUtf8 { offset: 3 })
        ));
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap(), ("hi".to_string(), 3));
    }
}
