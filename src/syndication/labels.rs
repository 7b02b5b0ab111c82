//! Copy-group labels of passages that depend only on which passages the
//! index holds, never on the order they were indexed in.
//!
//! The rule: a passage's *key* is the hash of its normalized words (exact
//! copies share it). Its *candidates* are, for each of its LSH band keys,
//! the [`CANDIDATES_PER_BAND`] smallest keys below its own among the
//! passages holding that band key. Its group is labelled by the smallest
//! candidate whose estimated similarity is at least [`SIMILARITY`], or by
//! its own key when none is. Every step is a function of the set of keys
//! present (smallest keys, a fixed cap, a pure similarity), so the label is
//! the same whatever order the passages arrived in, and an incremental run
//! gives what a fresh build of the same files gives, provided that every
//! passage whose candidates changed is labelled again: adding or removing a
//! key changes only the buckets of its own band keys, so the passages in
//! those buckets with larger keys are the ones to look at again
//! ([`Labeller::affected`]).
//!
//! A run therefore learns the keys of every passage it will write before
//! writing any (the indexer's first pass), so that each document is written
//! with its final label, and rewrites the committed documents whose label
//! the run changed.

use super::committed::LivePostings;
use super::grouper::SIMILARITY;
use super::minhash::{self, band_keys, combine, shingles, signature, similarity, Signature};
use super::units::{word_hashes, UnitKind, MIN_PASSAGE_WORDS};
use crate::index::schema::Fields;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Candidates taken from each band key's bucket: the smallest keys below
/// the passage's own. Exact copies share a key, so a bucket of one story
/// holds few distinct keys; the cap bounds the work on a crowded bucket.
pub const CANDIDATES_PER_BAND: usize = 2;

/// What labelling needs of a passage text: its key, signature and band
/// keys.
#[derive(Debug, Clone)]
pub struct PassageKey {
    pub key: u64,
    pub signature: Signature,
    pub bands: [u64; minhash::BANDS],
}

impl PassageKey {
    /// The key of a passage text; `None` for a passage too short to be
    /// compared (it is a group of its own).
    pub fn of(text: &str) -> Option<PassageKey> {
        let words = word_hashes(text);
        if words.len() < MIN_PASSAGE_WORDS {
            return None;
        }
        let kind = UnitKind::Passage;
        let signature = signature(&shingles(&words, kind.shingle_words()));
        let key = words
            .iter()
            .fold(combine(kind.tag(), 0xe8ac7), |h, &w| combine(h, w));
        Some(PassageKey {
            key,
            bands: band_keys(kind.tag(), &signature),
            signature,
        })
    }
}

/// The keys a run's first pass computed, by passage key: the preparation
/// of the same passages later takes their signatures from here instead of
/// computing them again (the key is a hash of the words the signature is
/// computed from, so an equal key means an equal signature).
pub type KnownKeys = HashMap<u64, Arc<PassageKey>>;

/// The group id written for a passage whose label key is `label`.
pub fn group_of_label(label: u64) -> u64 {
    combine(UnitKind::Passage.tag(), label)
}

/// A committed passage document, as labelling needs it.
#[derive(Debug, Clone)]
pub struct CommittedPassage {
    pub address: DocAddress,
    pub path: String,
    pub key: Arc<PassageKey>,
    /// The group it was written with.
    pub group: u64,
}

/// The passages of the committed index, read through their band keys
/// (`dup_key`), without those of files this run deletes.
struct Committed {
    searcher: Searcher,
    fields: Fields,
    band_keys: LivePostings,
    paths: LivePostings,
    groups: Vec<tantivy::columnar::Column<u64>>,
    loaded: HashMap<DocAddress, Option<Arc<CommittedPassage>>>,
    buckets: HashMap<u64, Vec<Arc<CommittedPassage>>>,
}

impl Committed {
    fn open(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Option<Committed>> {
        if searcher.num_docs() == 0 {
            return Ok(None);
        }
        let mut groups = Vec::new();
        for segment in searcher.segment_readers() {
            groups.push(segment.fast_fields().u64("group")?);
        }
        Ok(Some(Committed {
            searcher: searcher.clone(),
            fields: fields.clone(),
            band_keys: LivePostings::open(searcher, fields.dup_key)?,
            paths: LivePostings::open(searcher, fields.path)?,
            groups,
            loaded: HashMap::new(),
            buckets: HashMap::new(),
        }))
    }

    /// Every live passage holding band key `band` (forgotten ones included;
    /// the caller filters).
    fn bucket(&mut self, band: u64) -> Vec<Arc<CommittedPassage>> {
        if let Some(found) = self.buckets.get(&band) {
            return found.clone();
        }
        let term = Term::from_field_u64(self.fields.dup_key, band);
        let addresses = self.band_keys.live_docs(&term, usize::MAX);
        let found: Vec<Arc<CommittedPassage>> = addresses
            .into_iter()
            .filter_map(|a| self.load(a))
            .filter(|p| p.key.bands.contains(&band))
            .collect();
        self.buckets.insert(band, found.clone());
        found
    }

    fn load(&mut self, address: DocAddress) -> Option<Arc<CommittedPassage>> {
        if let Some(loaded) = self.loaded.get(&address) {
            return loaded.clone();
        }
        let group = self.groups[address.segment_ord as usize].first(address.doc_id);
        let loaded = self
            .searcher
            .doc::<TantivyDocument>(address)
            .ok()
            .zip(group)
            .and_then(|(doc, group)| {
                let text = doc.get_first(self.fields.text)?.as_str()?;
                let path = doc.get_first(self.fields.path)?.as_str()?.to_string();
                Some(CommittedPassage {
                    address,
                    path,
                    key: Arc::new(PassageKey::of(text)?),
                    group,
                })
            })
            .map(Arc::new);
        self.loaded.insert(address, loaded.clone());
        loaded
    }
}

/// Labels passages by the rule of this module, over the committed index
/// (less the files a run deletes or rewrites) and the passages the run
/// writes.
pub struct Labeller {
    committed: Option<Committed>,
    forgotten: HashSet<String>,
    /// Keys of the passages this run writes, with how many passages hold
    /// each.
    run: HashMap<u64, (Arc<PassageKey>, usize)>,
    run_buckets: HashMap<u64, Vec<u64>>,
    /// Keys of committed passages this run deletes.
    removed: HashMap<u64, Arc<PassageKey>>,
    similar: HashMap<u64, Arc<Vec<Arc<PassageKey>>>>,
    labels: HashMap<u64, u64>,
}

impl Labeller {
    /// A labeller over the committed index seen by `searcher`.
    pub fn new(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Labeller> {
        Ok(Labeller {
            committed: Committed::open(searcher, fields)?,
            forgotten: HashSet::new(),
            run: HashMap::new(),
            run_buckets: HashMap::new(),
            removed: HashMap::new(),
            similar: HashMap::new(),
            labels: HashMap::new(),
        })
    }

    /// A labeller over an empty index.
    pub fn without_index() -> Labeller {
        Labeller {
            committed: None,
            forgotten: HashSet::new(),
            run: HashMap::new(),
            run_buckets: HashMap::new(),
            removed: HashMap::new(),
            similar: HashMap::new(),
            labels: HashMap::new(),
        }
    }

    /// The committed passages of `path` are deleted in this run.
    pub fn forget_path(&mut self, path: &str) {
        if self.committed.is_some() {
            self.forgotten.insert(path.to_string());
        }
    }

    /// A passage this run writes.
    pub fn add(&mut self, passage: PassageKey) {
        self.add_shared(Arc::new(passage));
    }

    /// [`Labeller::add`] of a key shared with its caller.
    pub fn add_shared(&mut self, passage: Arc<PassageKey>) {
        self.similar.clear();
        self.labels.clear();
        let key = passage.key;
        match self.run.get_mut(&key) {
            Some((_, count)) => *count += 1,
            None => {
                for &band in &passage.bands {
                    self.run_buckets.entry(band).or_default().push(key);
                }
                self.run.insert(key, (passage, 1));
            }
        }
    }

    /// A committed passage of a forgotten path: its key leaves the index
    /// unless the run writes it again.
    fn note_removed(&mut self, passage: &CommittedPassage) {
        self.removed
            .entry(passage.key.key)
            .or_insert_with(|| passage.key.clone());
    }

    /// The live committed passage documents of `path`.
    pub fn committed_of_path(&mut self, path: &str) -> Vec<Arc<CommittedPassage>> {
        let Some(committed) = self.committed.as_mut() else {
            return Vec::new();
        };
        let term = Term::from_field_text(committed.fields.path, path);
        let addresses = committed.paths.live_docs(&term, usize::MAX);
        addresses
            .into_iter()
            .filter_map(|a| committed.load(a))
            .collect()
    }

    /// Notes the passages of every forgotten path as removed (their keys
    /// may leave the index), once the run's forgotten paths are known.
    pub fn note_forgotten(&mut self) {
        let paths: Vec<String> = self.forgotten.iter().cloned().collect();
        for path in paths {
            for passage in self.committed_of_path(&path) {
                self.note_removed(&passage);
            }
        }
    }

    /// The distinct passages holding `band`, committed (not forgotten) or
    /// of this run, by key.
    fn bucket(&mut self, band: u64) -> Vec<Arc<PassageKey>> {
        let mut out: Vec<Arc<PassageKey>> = Vec::new();
        if let Some(committed) = self.committed.as_mut() {
            for p in committed.bucket(band) {
                if !self.forgotten.contains(&p.path) {
                    out.push(p.key.clone());
                }
            }
        }
        for key in self.run_buckets.get(&band).into_iter().flatten() {
            out.push(self.run[key].0.clone());
        }
        out.sort_unstable_by_key(|k| k.key);
        out.dedup_by_key(|k| k.key);
        out
    }

    /// The similar candidates of a passage, smallest key first.
    fn similar(&mut self, passage: &PassageKey) -> Arc<Vec<Arc<PassageKey>>> {
        if let Some(found) = self.similar.get(&passage.key) {
            return found.clone();
        }
        let mut candidates: Vec<Arc<PassageKey>> = Vec::new();
        for &band in &passage.bands {
            let bucket = self.bucket(band);
            candidates.extend(
                bucket
                    .into_iter()
                    .filter(|k| k.key < passage.key)
                    .take(CANDIDATES_PER_BAND),
            );
        }
        candidates.sort_unstable_by_key(|k| k.key);
        candidates.dedup_by_key(|k| k.key);
        candidates.retain(|k| similarity(&passage.signature, &k.signature) >= SIMILARITY);
        let found = Arc::new(candidates);
        self.similar.insert(passage.key, found.clone());
        found
    }

    /// The smallest key among a passage's and its similar candidates'.
    fn nearest(&mut self, passage: &PassageKey) -> u64 {
        self.similar(passage).first().map_or(passage.key, |k| k.key)
    }

    /// The label key of a passage: the smallest [`Labeller::nearest`] of
    /// itself and its similar candidates. Two hops rather than one keep a
    /// passage with its similar candidates when those resemble a passage
    /// of a smaller key that it does not.
    pub fn label(&mut self, passage: &PassageKey) -> u64 {
        if let Some(&label) = self.labels.get(&passage.key) {
            return label;
        }
        let mut label = self.nearest(passage);
        for candidate in self.similar(passage).iter() {
            label = label.min(self.nearest(candidate));
        }
        self.labels.insert(passage.key, label);
        label
    }

    /// The group of a passage this run writes with key `passage`.
    pub fn group(&mut self, passage: &PassageKey) -> u64 {
        group_of_label(self.label(passage))
    }

    /// The committed passages (of files not forgotten) whose label this
    /// run changes, each with its new group. A label depends on the
    /// buckets of the passage's band keys and of its candidates' band
    /// keys, so the passages to look at are those two buckets away from a
    /// key the run adds or removes, with larger keys.
    pub fn affected(&mut self) -> Vec<(Arc<CommittedPassage>, u64)> {
        if self.committed.is_none() {
            return Vec::new();
        }
        let mut changed: Vec<Arc<PassageKey>> = Vec::new();
        for (key, removed) in &self.removed {
            if !self.run.contains_key(key) {
                changed.push(removed.clone());
            }
        }
        let run: Vec<Arc<PassageKey>> = self.run.values().map(|(k, _)| k.clone()).collect();
        for passage in run {
            let committed = self.committed.as_mut().expect("checked above");
            let present = committed
                .bucket(passage.bands[0])
                .iter()
                .any(|p| p.key.key == passage.key && !self.forgotten.contains(&p.path));
            if !present {
                changed.push(passage);
            }
        }
        let mut seen: BTreeSet<DocAddress> = BTreeSet::new();
        let mut out = Vec::new();
        for hop in 0..2 {
            let mut next: Vec<Arc<PassageKey>> = Vec::new();
            for key in std::mem::take(&mut changed) {
                for &band in &key.bands {
                    let bucket = self
                        .committed
                        .as_mut()
                        .map(|c| c.bucket(band))
                        .unwrap_or_default();
                    for p in bucket {
                        if p.key.key <= key.key
                            || self.forgotten.contains(&p.path)
                            || !seen.insert(p.address)
                        {
                            continue;
                        }
                        if hop == 0 {
                            next.push(p.key.clone());
                        }
                        let group = self.group(&p.key);
                        if group != p.group {
                            out.push((p, group));
                        }
                    }
                }
            }
            changed = next;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, seed: usize) -> Vec<String> {
        (0..n).map(|i| format!("w{}", seed * 1000 + i)).collect()
    }

    fn text(words: &[String]) -> String {
        words.join(" ")
    }

    /// Link `step` of a chain: each rewrites 8 of 48 words at alternating
    /// ends, so links two apart do not resemble each other.
    fn chain() -> Vec<PassageKey> {
        let mut link = words(48, 1);
        let mut out = Vec::new();
        for step in 0..4 {
            if step > 0 {
                let at = if step % 2 == 1 { 40 } else { 0 };
                for (i, w) in link[at..at + 8].iter_mut().enumerate() {
                    *w = format!("s{step}x{i}");
                }
            }
            out.push(PassageKey::of(&text(&link)).unwrap());
        }
        out
    }

    fn labels_in_order(keys: &[PassageKey], order: &[usize]) -> Vec<u64> {
        let mut labeller = Labeller::without_index();
        for &i in order {
            labeller.add(keys[i].clone());
        }
        keys.iter().map(|k| labeller.label(k)).collect()
    }

    #[test]
    fn labels_do_not_depend_on_the_order_passages_arrive_in() {
        let keys = chain();
        let first = labels_in_order(&keys, &[0, 1, 2, 3]);
        for order in [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]] {
            assert_eq!(labels_in_order(&keys, &order), first, "{order:?}");
        }
        // Neighbours share labels; the chain does not become one group.
        let distinct: BTreeSet<u64> = first.iter().copied().collect();
        assert!(distinct.len() > 1, "{first:?}");
        assert!(distinct.len() < keys.len(), "{first:?}");
    }

    #[test]
    fn a_passage_alone_is_labelled_by_its_own_key() {
        let key = PassageKey::of(&text(&words(30, 2))).unwrap();
        assert_eq!(labels_in_order(std::slice::from_ref(&key), &[0]), [key.key]);
        assert!(PassageKey::of("two words").is_none());
    }
}
