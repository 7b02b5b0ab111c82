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

use std::collections::HashMap;
use std::sync::Mutex;
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
            _ => reader.fast_fields().str(field),
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
}
