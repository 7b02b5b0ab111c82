//! The speaker names of a surname key, read once per segment and kept for
//! later searches.
//!
//! Every search names its hits' speakers canonically, which reads the
//! `speaker_key` terms of each of their surname keys in every segment
//! ([`Directory::for_names`]): a range of the term dictionary per surname
//! and segment, about 3,000 instructions each, a tenth of a folded search on
//! the 100,000-article benchmark index. Segments never change once written
//! (a deleted passage leaves its terms until a merge, which makes a new
//! segment), so the names read for a segment serve every later search of
//! it, in the server and the benchmark as [`super::columns`] keeps columns;
//! a one-off `search` process reads each once, as before.
//!
//! [`Directory::for_names`]: crate::attribution::directory::Directory::for_names

use crate::attribution::directory::names_of_surname;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader};

/// Entries kept before the cache starts again, so that a server asked for
/// ever new surnames holds a bounded number.
const KEPT: usize = 100_000;

/// The names of one surname key in one segment, with their passage counts.
type Names = Arc<[(String, u64)]>;

/// Names by segment and surname key.
#[derive(Default)]
pub struct SpeakerNames {
    read: Mutex<Read>,
}

#[derive(Default)]
struct Read {
    /// By segment, then by surname key: a lookup by `&str`, no key made.
    names: HashMap<SegmentId, FxHashMap<String, Names>>,
    /// How many names are kept, over all segments.
    kept: usize,
    /// The segments of the searcher [`SpeakerNames::keep_only`] last saw.
    segments: Vec<SegmentId>,
}

impl SpeakerNames {
    /// The names under `surname_key` in `segment`'s `field` (the
    /// `speaker_key` field), read the first time they are asked for.
    pub fn of(
        &self,
        segment: &SegmentReader,
        field: Field,
        surname_key: &str,
    ) -> tantivy::Result<Names> {
        let id = segment.segment_id();
        let known = self
            .lock()
            .names
            .get(&id)
            .and_then(|n| n.get(surname_key).cloned());
        if let Some(names) = known {
            return Ok(names);
        }
        let names: Names = names_of_surname(segment, field, surname_key)?.into();
        let mut read = self.lock();
        if read.kept >= KEPT {
            read.names.clear();
            read.kept = 0;
        }
        read.kept += 1;
        read.names
            .entry(id)
            .or_default()
            .insert(surname_key.to_string(), names.clone());
        Ok(names)
    }

    /// Forgets the names of segments that `searcher` does not hold (merged
    /// away). Looks through the names only when the segments changed.
    pub fn keep_only(&self, searcher: &Searcher) {
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(SegmentReader::segment_id)
            .collect();
        let mut read = self.lock();
        if read.segments == segments {
            return;
        }
        read.names.retain(|segment, _| segments.contains(segment));
        read.kept = read.names.values().map(HashMap::len).sum();
        read.segments = segments;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Read> {
        self.read.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::directory::speaker_key;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    fn add(writer: &mut IndexWriter, field: Field, names: &[&str]) {
        let mut doc = TantivyDocument::new();
        for name in names {
            doc.add_text(field, speaker_key(name).unwrap());
        }
        writer.add_document(doc).unwrap();
    }

    #[test]
    fn names_are_read_per_segment_and_forgotten_with_it() {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("speaker_key", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        add(&mut writer, field, &["Steve Witkoff", "Yuri Ushakov"]);
        add(&mut writer, field, &["Steve Witkoff"]);
        writer.commit().unwrap();
        add(&mut writer, field, &["Witkoff"]);
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        let cache = SpeakerNames::default();
        let witkoff = speaker_key("Witkoff").unwrap();
        let surname = witkoff
            .split(crate::attribution::directory::KEY_SEPARATOR)
            .next()
            .unwrap();
        let mut read: Vec<Vec<(String, u64)>> = Vec::new();
        for segment in searcher.segment_readers() {
            let names = cache.of(segment, field, surname).unwrap();
            // What is kept is what a fresh read gives.
            assert_eq!(*names, *names_of_surname(segment, field, surname).unwrap());
            assert_eq!(*cache.of(segment, field, surname).unwrap(), *names);
            read.push(names.to_vec());
        }
        read.sort();
        assert_eq!(
            read,
            [
                vec![("Steve Witkoff".to_string(), 2)],
                vec![("Witkoff".to_string(), 1)]
            ]
        );
        // Merged into one segment: the old segments' names are forgotten.
        let ids = index.searchable_segment_ids().unwrap();
        writer.merge(&ids).wait().unwrap();
        writer.commit().unwrap();
        reader.reload().unwrap();
        let merged = reader.searcher();
        cache.keep_only(&merged);
        assert!(cache.lock().names.is_empty());
        let names = cache
            .of(&merged.segment_readers()[0], field, surname)
            .unwrap();
        assert_eq!(names.len(), 2);
    }
}
