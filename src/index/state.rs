//! The incremental state recorded in the index: for every indexed file, its
//! content hash, size and modification time.
//!
//! It is read from the fast fields of the file record documents, which is a
//! columnar scan with no stored-document decompression, so a no-op re-index
//! of a large corpus costs little more than a `stat` per file.

use super::schema::{Fields, KIND_FILE};
use std::collections::HashMap;
use std::path::PathBuf;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, Term, TERMINATED};

/// What the index knows of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub hash: String,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: u64,
    pub passages: u64,
    pub articles: u64,
}

/// Reads every file record of the index, by path.
pub fn read(searcher: &Searcher, fields: &Fields) -> tantivy::Result<HashMap<PathBuf, FileRecord>> {
    let mut records = HashMap::new();
    let kind = Term::from_field_text(fields.kind, KIND_FILE);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.kind)?;
        let Some(mut postings) = inverted.read_postings(&kind, IndexRecordOption::Basic)? else {
            continue;
        };
        let fast = segment.fast_fields();
        let (Some(path_col), Some(hash_col)) = (fast.str("path")?, fast.str("hash")?) else {
            continue;
        };
        let size_col = fast.u64("size")?;
        let mtime_col = fast.u64("mtime")?;
        let passages_col = fast.u64("passages")?;
        let articles_col = fast.u64("articles")?;
        let alive = segment.alive_bitset();
        let mut path = String::new();
        let mut hash = String::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                path.clear();
                hash.clear();
                if let Some(ord) = path_col.term_ords(doc).next() {
                    path_col.ord_to_str(ord, &mut path)?;
                }
                if let Some(ord) = hash_col.term_ords(doc).next() {
                    hash_col.ord_to_str(ord, &mut hash)?;
                }
                records.insert(
                    PathBuf::from(&path),
                    FileRecord {
                        hash: hash.clone(),
                        size: size_col.first(doc).unwrap_or(0),
                        mtime: mtime_col.first(doc).unwrap_or(0),
                        passages: passages_col.first(doc).unwrap_or(0),
                        articles: articles_col.first(doc).unwrap_or(0),
                    },
                );
            }
            doc = postings.advance();
        }
    }
    Ok(records)
}
