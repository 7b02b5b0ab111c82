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
//! The directory of each surname key over the whole searcher (its names
//! summed over the segments and grouped, [`Directory::of_surname_read_by`])
//! is kept too, for as long as the searcher's segments stay the same:
//! summing and grouping the names again at every search was 6% of the
//! time of a search for one common word on that index (`perf`).
//!
//! [`Directory::for_names`]: crate::attribution::directory::Directory::for_names
//! [`Directory::of_surname_read_by`]: crate::attribution::directory::Directory::of_surname_read_by

use crate::attribution::directory::{names_of_surname, surname_key, Directory, SurnameDirectories};
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap};
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
    /// Directories by surname key, over the segments of `built_for`.
    directories: FxHashMap<String, Arc<Directory>>,
    built_for: Vec<SegmentId>,
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

    /// The directories of the surname keys of `names` over every segment
    /// of `searcher`, each built the first time it is asked for with these
    /// segments (from the names [`SpeakerNames::of`] keeps).
    pub fn directories<'n>(
        &self,
        searcher: &Searcher,
        field: Field,
        names: impl IntoIterator<Item = &'n str>,
    ) -> tantivy::Result<SurnameDirectories> {
        let segments = segment_ids(searcher);
        let keys: BTreeSet<String> = names.into_iter().filter_map(surname_key).collect();
        let mut parts = Vec::with_capacity(keys.len());
        for key in keys {
            let kept = {
                let read = self.lock();
                (read.built_for == segments)
                    .then(|| read.directories.get(&key).cloned())
                    .flatten()
            };
            let directory = match kept {
                Some(directory) => directory,
                None => {
                    let built = Directory::of_surname_read_by(searcher, &key, |segment, key| {
                        self.of(segment, field, key)
                    })?;
                    let built = Arc::new(built);
                    let mut read = self.lock();
                    if read.built_for != segments || read.directories.len() >= KEPT {
                        read.directories.clear();
                        read.built_for.clone_from(&segments);
                    }
                    read.directories.insert(key, built.clone());
                    built
                }
            };
            parts.push(directory);
        }
        Ok(SurnameDirectories(parts))
    }

    /// Forgets the names of segments that `searcher` does not hold (merged
    /// away). Looks through the names only when the segments changed.
    pub fn keep_only(&self, searcher: &Searcher) {
        let segments = segment_ids(searcher);
        let mut read = self.lock();
        if read.segments == segments {
            return;
        }
        read.names.retain(|segment, _| segments.contains(segment));
        read.kept = read.names.values().map(HashMap::len).sum();
        if read.built_for != segments {
            read.directories.clear();
        }
        read.segments = segments;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Read> {
        self.read.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn segment_ids(searcher: &Searcher) -> Vec<SegmentId> {
    searcher
        .segment_readers()
        .iter()
        .map(SegmentReader::segment_id)
        .collect()
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

    #[test]
    fn directories_of_surnames_name_speakers_as_the_whole_directory_does() {
        use crate::attribution::directory::Canonical;
        let mut schema = Schema::builder();
        let field = schema.add_text_field("speaker_key", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Spellings of one person, a surname alone that joins its one full
        // name, two people sharing a surname (the surname alone stays
        // apart), over three segments.
        let names = [
            "Yury Ushakov",
            "Yuri Ushakov",
            "Ushakov",
            "Steve Witkoff",
            "Witkoff",
            "John Smith",
            "Jane Smith",
            "Smith",
            "Madonna",
        ];
        for batch in [&names[..3], &names[3..6], &names[6..]] {
            for name in batch {
                add(&mut writer, field, &[name]);
            }
            add(&mut writer, field, &["Yuri Ushakov"]);
            writer.commit().unwrap();
        }
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        let whole = Directory::for_names(&searcher, field, names).unwrap();
        let cache = SpeakerNames::default();
        let parts = cache.directories(&searcher, field, names).unwrap();
        for name in names {
            assert_eq!(parts.canonical(name), whole.canonical(name), "{name}");
        }
        assert_eq!(parts.canonical("Yury Ushakov"), "Yuri Ushakov");
        assert_eq!(parts.canonical("Witkoff"), "Steve Witkoff");
        assert_eq!(parts.canonical("Smith"), "Smith");
        assert_eq!(parts.canonical("Nobody Known"), "Nobody Known");
        // A `--speaker` value stands for the same names in both.
        let asked = ["yury ushakov", "USHAKOV", "Smith", "John Smith", "Nobody"];
        for requested in names.iter().chain(&asked) {
            let (mut a, mut b) = (parts.matching(requested), whole.matching(requested));
            a.sort_unstable();
            b.sort_unstable();
            assert_eq!(a, b, "{requested}");
        }
        let mut smiths = parts.matching("Smith");
        smiths.sort_unstable();
        assert_eq!(smiths, ["Jane Smith", "John Smith", "Smith"]);
        assert_eq!(parts.matching("John Smith"), ["John Smith"]);
        let mut ushakovs = parts.matching("Yuri Ushakov");
        ushakovs.sort_unstable();
        assert_eq!(ushakovs, ["Ushakov", "Yuri Ushakov", "Yury Ushakov"]);
        // Kept for the next search of the same segments...
        let again = cache.directories(&searcher, field, ["Ushakov"]).unwrap();
        let ushakov = |d: &SurnameDirectories| {
            d.0.iter()
                .find(|d| d.canonical("Ushakov") != "Ushakov")
                .cloned()
                .unwrap()
        };
        assert!(Arc::ptr_eq(&ushakov(&again), &ushakov(&parts)));
        // ...and built again once they change: one more "Yury Ushakov"
        // than "Yuri Ushakov" (4) makes it the canonical name.
        for _ in 0..4 {
            add(&mut writer, field, &["Yury Ushakov"]);
        }
        writer.commit().unwrap();
        reader.reload().unwrap();
        let changed = reader.searcher();
        cache.keep_only(&changed);
        let parts = cache.directories(&changed, field, ["Ushakov"]).unwrap();
        assert_eq!(parts.canonical("Ushakov"), "Yury Ushakov");
        assert_eq!(
            Directory::for_names(&changed, field, ["Ushakov"])
                .unwrap()
                .canonical("Ushakov"),
            "Yury Ushakov"
        );
    }
}
