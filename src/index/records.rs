//! The incremental state recorded in the index: for every indexed file, its
//! content hash, size and modification time.
//!
//! It is read from the fast fields of the file record documents, which is a
//! columnar scan with no stored-document decompression, so a no-op re-index
//! of a large corpus costs little more than a `stat` per file.

use super::schema::{Fields, KIND_FILE};
use rustc_hash::FxHashMap;
use std::ffi::OsString;
use std::io;
use tantivy::columnar::StrColumn;
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

/// The file records of an index, by path.
///
/// Keyed by the path's bytes: hashing and comparing a `PathBuf` goes
/// component by component, which was a quarter of a no-op re-index of
/// 100,000 files.
pub type Records = FxHashMap<OsString, FileRecord>;

/// Reads every file record of the index, by path.
pub fn read(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Records> {
    let kind = Term::from_field_text(fields.kind, KIND_FILE);
    let files = searcher.doc_freq(&kind)?;
    let mut records = Records::with_capacity_and_hasher(files as usize, Default::default());
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
        let mut path_ords = Vec::new();
        let mut hash_ords = Vec::new();
        let mut numbers = Vec::new();
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                path_ords.push(path_col.term_ords(doc).next());
                hash_ords.push(hash_col.term_ords(doc).next());
                numbers.push([
                    size_col.first(doc).unwrap_or(0),
                    mtime_col.first(doc).unwrap_or(0),
                    passages_col.first(doc).unwrap_or(0),
                    articles_col.first(doc).unwrap_or(0),
                ]);
            }
            doc = postings.advance();
        }
        let paths = ords_to_strings(&path_col, &path_ords)?;
        let hashes = ords_to_strings(&hash_col, &hash_ords)?;
        for ((path, hash), [size, mtime, passages, articles]) in
            paths.into_iter().zip(hashes).zip(numbers)
        {
            records.insert(
                crate::paths::from_stored_string(path).into_os_string(),
                FileRecord {
                    hash,
                    size,
                    mtime,
                    passages,
                    articles,
                },
            );
        }
    }
    Ok(records)
}

/// The deepest folder holding every indexed file (`None` for an empty
/// index), which people are shown paths relative to.
///
/// The common start of all paths is the common start of the first and
/// last in each segment's sorted path dictionary, cut back to a whole
/// folder: two lookups per segment, whatever the number of files.
/// (Deleted files not yet merged away may make it shallower; never wrong.)
pub fn common_folder(searcher: &Searcher) -> io::Result<Option<std::path::PathBuf>> {
    let mut edges: Vec<Vec<u8>> = Vec::new();
    for segment in searcher.segment_readers() {
        let Some(paths) = segment
            .fast_fields()
            .str("path")
            .map_err(io::Error::other)?
        else {
            continue;
        };
        let terms = paths.num_terms() as u64;
        if terms == 0 {
            continue;
        }
        for ord in [0, terms - 1] {
            let mut path = Vec::new();
            paths.dictionary().ord_to_term(ord, &mut path)?;
            edges.push(path);
        }
    }
    Ok(folder_holding(edges.iter().map(Vec::as_slice)))
}

/// The deepest folder holding every one of `paths` (`None` for none): their
/// common start, cut back to the last separator, so "/a/bc/x" and "/a/bd/y",
/// which share "/a/b", are in "/a". Paths sorted by bytes need only their
/// first and last.
pub fn folder_holding<'a>(paths: impl IntoIterator<Item = &'a [u8]>) -> Option<std::path::PathBuf> {
    let mut common: Option<&[u8]> = None;
    for path in paths {
        common = Some(match common {
            None => path,
            Some(c) => &c[..c.iter().zip(path).take_while(|(a, b)| a == b).count()],
        });
    }
    common.map(|c| {
        let end = c.iter().rposition(|&b| b == b'/').unwrap_or(0);
        std::path::PathBuf::from(String::from_utf8_lossy(&c[..end]).into_owned())
    })
}

/// The strings of term ordinals of a string column, in the order given
/// (`None`: no value, an empty string).
///
/// The column's dictionary is compressed in blocks; looking ordinals up one
/// by one decompresses a block (and sets up a zstd context) per lookup,
/// which was 90% of a no-op re-index of 100,000 files. Looking them up in
/// sorted order decompresses each block once.
fn ords_to_strings(column: &StrColumn, ords: &[Option<u64>]) -> io::Result<Vec<String>> {
    let mut order: Vec<(u64, usize)> = ords
        .iter()
        .enumerate()
        .filter_map(|(i, ord)| ord.map(|ord| (ord, i)))
        .collect();
    order.sort_unstable();
    let mut strings = vec![String::new(); ords.len()];
    let mut slots = order.iter().map(|&(_, i)| i);
    let sorted: Vec<u64> = order.iter().map(|&(ord, _)| ord).collect();
    column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            if let Some(i) = slots.next() {
                // Stored paths and hashes are UTF-8: `from_utf8` checks
                // them faster than the lossy conversion walks its chunks.
                strings[i] = match std::str::from_utf8(bytes) {
                    Ok(text) => text.to_owned(),
                    Err(_) => String::from_utf8_lossy(bytes).into_owned(),
                };
            }
        })?;
    Ok(strings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema;
    use tantivy::{Index, TantivyDocument};

    #[test]
    fn the_common_folder_is_cut_back_to_a_whole_folder() {
        assert_eq!(
            folder_holding([b"/a/bc/x.txt".as_slice(), b"/a/bd/y.txt"]),
            Some(std::path::PathBuf::from("/a"))
        );
        assert_eq!(
            folder_holding([b"/data/bbc/a.txt".as_slice(), b"/data/bbc/z.txt"]),
            Some(std::path::PathBuf::from("/data/bbc"))
        );
    }

    #[test]
    fn the_common_folder_is_the_deepest_holding_every_path() {
        let folder = |batches: &[&[&str]]| {
            let (schema, fields) = schema::build();
            let index = Index::create_in_ram(schema);
            crate::index::tokenizers::register(&index);
            let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
            for batch in batches {
                for path in *batch {
                    let mut doc = TantivyDocument::new();
                    doc.add_text(fields.kind, KIND_FILE);
                    doc.add_text(fields.path, path);
                    writer.add_document(doc).unwrap();
                }
                writer.commit().unwrap(); // one segment per batch
            }
            let searcher = index.reader().unwrap().searcher();
            common_folder(&searcher).unwrap()
        };
        let bbc: &[&str] = &["/c/bbc/business/021.txt", "/c/bbc/sport/021.txt"];
        assert_eq!(folder(&[bbc]), Some("/c/bbc".into()));
        assert_eq!(
            folder(&[bbc, &["/c/bbc/tech/001.txt"]]),
            Some("/c/bbc".into())
        );
        // A shared start that is not a whole folder name is cut back.
        assert_eq!(
            folder(&[&["/c/bbc/a.txt", "/c/bbx/b.txt"]]),
            Some("/c".into())
        );
        assert_eq!(
            folder(&[&["/c/bbc/a.txt"], &["/c/bbc/sport/b.txt"]]),
            Some("/c/bbc".into())
        );
        assert_eq!(folder(&[&["/c/bbc/only.txt"]]), Some("/c/bbc".into()));
        assert_eq!(folder(&[]), None);
    }

    #[test]
    fn every_record_keeps_its_own_hash_size_and_mtime() {
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        crate::index::tokenizers::register(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Paths added out of order, over two segments, so that the sorted
        // dictionary order differs from the document order.
        let paths = ["/c/z.txt", "/a/b.txt", "/m/q.txt", "/a/a.txt", "/b/x.txt"];
        for (i, path) in paths.iter().enumerate() {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.kind, KIND_FILE);
            doc.add_text(fields.path, path);
            doc.add_text(fields.hash, format!("hash-of-{path}"));
            doc.add_u64(fields.size, 100 + i as u64);
            doc.add_u64(fields.mtime, 1000 + i as u64);
            doc.add_u64(fields.passages, i as u64);
            doc.add_u64(fields.articles, 1);
            writer.add_document(doc).unwrap();
            if i == 2 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let records = read(&index.reader().unwrap().searcher(), &fields).unwrap();
        assert_eq!(records.len(), paths.len());
        for (i, path) in paths.iter().enumerate() {
            let record = &records[std::ffi::OsStr::new(path)];
            assert_eq!(record.hash, format!("hash-of-{path}"));
            assert_eq!(
                (record.size, record.mtime, record.passages),
                (100 + i as u64, 1000 + i as u64, i as u64)
            );
        }
    }
}
