//! Fast-field columns opened once per segment and kept for later searches.
//!
//! Opening a column costs more than the few lookups a result page makes in
//! it: a blockwise-linear u64 column (`line`, `passage`) decodes the line of
//! every 512-document block, about 140,000 instructions on a segment of
//! 129,000 documents, and a text column opens its ordinals and dictionary.
//! A folded page names copies from most segments, so each search opened
//! dozens of columns (a quarter of what folding added to a search, issue
//! 16). Segments never change once written (deletes live apart), so a
//! column opened for a segment serves every later search of it for as long
//! as the [`super::NewsIndex`] lives (the server's, a benchmark's); a
//! one-off `search` process opens each once, as before.
//!
//! The same holds for a text column's dictionary ([`TextColumn`]): a term
//! looked up by ordinal walks its dictionary block up to it, over a
//! hundred terms on average for the speakers and articles a folded page
//! names (19,000 instructions a lookup, a tenth of a folded search on the
//! 100,000-article index). Once the lookups made in a column have walked
//! about as many bytes as its dictionary holds, it is read whole, once,
//! and later lookups index into memory; a one-off search gets there only
//! for small dictionaries (the outlets).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::{DateTime, Searcher, SegmentReader};

/// An opened column of one of the kinds the searches read.
#[derive(Clone)]
enum Opened {
    U64(Column<u64>),
    Date(Column<DateTime>),
    /// `None` when no document of the segment has a value.
    Str(Option<StrColumn>),
    /// The same, with its dictionary's memory.
    Text(Option<TextColumn>),
}

/// Columns by segment and field name.
#[derive(Default)]
pub struct ColumnCache {
    open: Mutex<HashMap<(SegmentId, &'static str), Opened>>,
}

impl ColumnCache {
    /// The u64 column `field` of `reader`'s segment.
    pub fn u64(&self, reader: &SegmentReader, field: &'static str) -> tantivy::Result<Column<u64>> {
        match self.get(reader, field, |r| {
            Ok(Opened::U64(r.fast_fields().u64(field)?))
        })? {
            Opened::U64(column) => Ok(column),
            _ => reader.fast_fields().u64(field),
        }
    }

    /// The date column `field` of `reader`'s segment.
    pub fn date(
        &self,
        reader: &SegmentReader,
        field: &'static str,
    ) -> tantivy::Result<Column<DateTime>> {
        match self.get(reader, field, |r| {
            Ok(Opened::Date(r.fast_fields().date(field)?))
        })? {
            Opened::Date(column) => Ok(column),
            _ => reader.fast_fields().date(field),
        }
    }

    /// The text column `field` of `reader`'s segment (`None` when no
    /// document of the segment has a value).
    pub fn str(
        &self,
        reader: &SegmentReader,
        field: &'static str,
    ) -> tantivy::Result<Option<StrColumn>> {
        match self.get(reader, field, |r| {
            Ok(Opened::Str(r.fast_fields().str(field)?))
        })? {
            Opened::Str(column) => Ok(column),
            Opened::Text(column) => Ok(column.map(|c| c.column)),
            _ => reader.fast_fields().str(field),
        }
    }

    /// The text column `field` of `reader`'s segment, for reading terms by
    /// ordinal many times over (`None` when no document of the segment has
    /// a value).
    pub fn text(
        &self,
        reader: &SegmentReader,
        field: &'static str,
    ) -> tantivy::Result<Option<TextColumn>> {
        let text = |column: Option<StrColumn>| column.map(TextColumn::new);
        match self.get(reader, field, |r| {
            Ok(Opened::Text(text(r.fast_fields().str(field)?)))
        })? {
            Opened::Text(column) => Ok(column),
            Opened::Str(column) => {
                // Opened for other reads first: from now on with a memory.
                let column = text(column);
                let key = (reader.segment_id(), field);
                self.lock().insert(key, Opened::Text(column.clone()));
                Ok(column)
            }
            _ => Ok(text(reader.fast_fields().str(field)?)),
        }
    }

    /// Forgets the columns of segments that `searcher` does not hold (merged
    /// away), so that the cache holds at most the segments of recent
    /// commits.
    pub fn keep_only(&self, searcher: &Searcher) {
        let mut open = self.lock();
        if open.is_empty() {
            return;
        }
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        open.retain(|(segment, _), _| segments.contains(segment));
    }

    /// The cached column, opened by `open` the first time. The lock is not
    /// held while opening: two searches may open the same column at once,
    /// and the second one is kept.
    fn get(
        &self,
        reader: &SegmentReader,
        field: &'static str,
        open: impl FnOnce(&SegmentReader) -> tantivy::Result<Opened>,
    ) -> tantivy::Result<Opened> {
        let key = (reader.segment_id(), field);
        if let Some(opened) = self.lock().get(&key) {
            return Ok(opened.clone());
        }
        let opened = open(reader)?;
        self.lock().insert(key, opened.clone());
        Ok(opened)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(SegmentId, &'static str), Opened>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many columns are open (tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// A text column whose terms are read by ordinal ([`TextColumn::ord_to_str`]),
/// with a memory of its dictionary shared by every search of the segment.
#[derive(Clone)]
pub struct TextColumn {
    column: StrColumn,
    memory: Arc<DictionaryMemory>,
}

/// What a lookup by ordinal walks on average: half a dictionary block
/// (tantivy's sstable blocks are 4,000 bytes of terms). Reading the whole
/// dictionary walks all of its bytes once, so it pays for itself when the
/// lookups so far have walked as many: a rent-or-buy rule, which spends at
/// most twice what the better choice in hindsight would have.
const BYTES_WALKED_PER_LOOKUP: u64 = 2_000;

/// Dictionaries larger than this stay on disk, looked up term by term:
/// the memory stays bounded by the segments' count, not their size.
const MAX_DICTIONARY_BYTES: usize = 4 << 20;

/// A dictionary read whole, or the count of lookups until it is.
#[derive(Default)]
struct DictionaryMemory {
    lookups: AtomicUsize,
    /// Set once: the terms, or `None` when they are not kept (too large,
    /// not UTF-8, unreadable).
    terms: OnceLock<Option<Terms>>,
}

/// Every term of a dictionary, in ordinal order, end to end.
struct Terms {
    text: String,
    ends: Vec<usize>,
}

impl Terms {
    fn read(column: &StrColumn) -> Option<Terms> {
        let mut terms = Terms {
            text: String::new(),
            ends: Vec::with_capacity(column.dictionary().num_terms()),
        };
        let mut stream = column.dictionary().stream().ok()?;
        while stream.advance() {
            terms.text.push_str(std::str::from_utf8(stream.key()).ok()?);
            if terms.text.len() > MAX_DICTIONARY_BYTES {
                return None;
            }
            terms.ends.push(terms.text.len());
        }
        Some(terms)
    }

    fn get(&self, ord: u64) -> Option<&str> {
        let ord = usize::try_from(ord).ok()?;
        let end = *self.ends.get(ord)?;
        let start = ord.checked_sub(1).map_or(0, |before| self.ends[before]);
        Some(&self.text[start..end])
    }
}

impl TextColumn {
    fn new(column: StrColumn) -> TextColumn {
        TextColumn {
            column,
            memory: Arc::default(),
        }
    }

    /// The column itself.
    pub fn column(&self) -> &StrColumn {
        &self.column
    }

    /// Writes the term of ordinal `ord` into `out`, as
    /// [`StrColumn::ord_to_str`] does (false if there is none).
    pub fn ord_to_str(&self, ord: u64, out: &mut String) -> std::io::Result<bool> {
        let memory = &self.memory;
        let terms = match memory.terms.get() {
            Some(terms) => terms.as_ref(),
            None => {
                let lookups = memory.lookups.fetch_add(1, Ordering::Relaxed) + 1;
                let held = self.column.dictionary().num_bytes().get_bytes();
                if (lookups as u64).saturating_mul(BYTES_WALKED_PER_LOOKUP) < held {
                    return self.column.ord_to_str(ord, out);
                }
                memory
                    .terms
                    .get_or_init(|| Terms::read(&self.column))
                    .as_ref()
            }
        };
        let Some(terms) = terms else {
            return self.column.ord_to_str(ord, out);
        };
        out.clear();
        match terms.get(ord) {
            Some(term) => {
                out.push_str(term);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index, IndexWriter};

    /// An index of two segments of passages with a `line` and a `source`.
    fn two_segments() -> Index {
        let mut schema = Schema::builder();
        let line = schema.add_u64_field("line", FAST);
        let source = schema.add_text_field("source", STRING | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(doc!(line => 3u64, source => "Harbour Gazette"))
            .unwrap();
        writer.commit().unwrap();
        writer.add_document(doc!(line => 8u64)).unwrap();
        writer.commit().unwrap();
        index
    }

    #[test]
    fn a_column_is_opened_once_per_segment_and_reads_as_opened() {
        let index = two_segments();
        let searcher = index.reader().unwrap().searcher();
        let cache = ColumnCache::default();
        let mut lines = Vec::new();
        for _ in 0..3 {
            for reader in searcher.segment_readers() {
                lines.push(cache.u64(reader, "line").unwrap().first(0));
            }
        }
        assert_eq!(cache.len(), 2);
        lines.sort();
        assert_eq!(
            lines,
            [Some(3); 3]
                .into_iter()
                .chain([Some(8); 3])
                .collect::<Vec<_>>()
        );
        let first = searcher
            .segment_readers()
            .iter()
            .find(|r| r.fast_fields().u64("line").unwrap().first(0) == Some(3))
            .unwrap();
        let sources = cache.str(first, "source").unwrap().unwrap();
        let mut name = String::new();
        let ord = sources.term_ords(0).next().unwrap();
        assert!(sources.ord_to_str(ord, &mut name).unwrap());
        assert_eq!(name, "Harbour Gazette");
        assert_eq!(cache.len(), 3);
    }

    #[test]
    fn segments_merged_away_are_forgotten() {
        let index = two_segments();
        let reader = index.reader().unwrap();
        let cache = ColumnCache::default();
        for segment in reader.searcher().segment_readers() {
            cache.u64(segment, "line").unwrap();
        }
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let ids = index.searchable_segment_ids().unwrap();
        writer.merge(&ids).wait().unwrap();
        writer.wait_merging_threads().unwrap();
        reader.reload().unwrap();
        let searcher = reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        cache.keep_only(&searcher);
        assert_eq!(cache.len(), 0);
        let merged = &searcher.segment_readers()[0];
        let line = cache.u64(merged, "line").unwrap();
        let mut lines = [line.first(0), line.first(1)];
        lines.sort();
        assert_eq!(lines, [Some(3), Some(8)]);
    }

    #[test]
    fn a_text_column_reads_the_same_terms_before_and_after_its_dictionary_is_read_whole() {
        let mut schema = Schema::builder();
        let source = schema.add_text_field("source", STRING | FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let names: Vec<String> = (0..500)
            .map(|n| format!("Gazette {n:03} of Ålesund"))
            .collect();
        for name in &names {
            writer.add_document(doc!(source => name.as_str())).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let reader = &searcher.segment_readers()[0];
        let cache = ColumnCache::default();
        let mut out = String::new();
        // Enough rounds for the lookups to pay for reading it whole: the
        // first rounds walk the dictionary, the later ones read memory.
        for _ in 0..3 {
            let column = cache.text(reader, "source").unwrap().unwrap();
            assert_eq!(column.column().num_terms(), 500);
            for (ord, name) in names.iter().enumerate() {
                assert!(column.ord_to_str(ord as u64, &mut out).unwrap());
                assert_eq!(&out, name);
            }
            assert!(!column.ord_to_str(500, &mut out).unwrap());
        }
        let column = cache.text(reader, "source").unwrap().unwrap();
        assert!(column.memory.terms.get().is_some_and(Option::is_some));
        // The same column, asked for as a plain one.
        assert_eq!(
            cache.str(reader, "source").unwrap().unwrap().num_terms(),
            500
        );
        assert_eq!(cache.len(), 1);
    }
}
