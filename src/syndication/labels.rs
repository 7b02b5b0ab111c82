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
//!
//! Memory: what labelling needs of a passage (its 192-byte signature, its
//! band keys) is held only while the labels are worked out, before the run
//! writes anything. Then [`Labeller::settle`] keeps, per distinct passage
//! key of the run, its label and its band keys (64 bytes), which the
//! second pass reads instead of computing a signature again: the tantivy
//! writer's memory, which fills while that pass writes, never meets the
//! signatures.

use super::committed::LivePostings;
use super::grouper::{KeyHash, SIMILARITY};
use super::minhash::{self, band_keys, combine, shingles, signature, similarity, Signature};
use super::units::{word_hashes, words_key, UnitKind, MIN_PASSAGE_WORDS};
use crate::index::schema::Fields;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use tantivy::columnar::{Column, StrColumn};
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
        let key = key_of_words(&words)?;
        let kind = UnitKind::Passage;
        let signature = signature(&shingles(&words, kind.shingle_words()));
        Some(PassageKey {
            key,
            bands: band_keys(kind.tag(), &signature),
            signature,
        })
    }
}

/// The key of a passage text alone ([`PassageKey::of`] without the
/// MinHash), as written in the `passage_key` fast field.
pub fn passage_key_of(text: &str) -> Option<u64> {
    key_of_words(&word_hashes(text))
}

fn key_of_words(words: &[u64]) -> Option<u64> {
    if words.len() < MIN_PASSAGE_WORDS {
        return None;
    }
    Some(words_key(UnitKind::Passage, words))
}

/// A run's passage, labelled: what the second pass needs of it.
#[derive(Debug, Clone, Copy)]
struct Settled {
    key: u64,
    label: u64,
    /// Its band keys, which have 32 bits (`minhash::band_keys`).
    bands: [u32; minhash::BANDS],
}

/// The labels of the passages a run writes, worked out once every key of
/// the run is known ([`Labeller::settle`]), with their band keys: the
/// preparation of the same passages takes both from here instead of
/// computing a signature again (the key is a hash of the words the
/// signature is computed from, so an equal key means equal band keys and
/// label).
#[derive(Debug, Default)]
pub struct SettledKeys {
    /// Sorted by key.
    passages: Box<[Settled]>,
}

impl SettledKeys {
    fn find(&self, key: u64) -> Option<&Settled> {
        self.passages
            .binary_search_by_key(&key, |p| p.key)
            .ok()
            .map(|i| &self.passages[i])
    }

    /// The label of the run's passage of key `key`.
    pub fn label(&self, key: u64) -> Option<u64> {
        self.find(key).map(|p| p.label)
    }

    /// The label and band keys of the run's passage of key `key`.
    pub fn label_and_bands(&self, key: u64) -> Option<(u64, [u64; minhash::BANDS])> {
        self.find(key).map(|p| (p.label, p.bands.map(u64::from)))
    }

    /// How many distinct passage keys the run writes.
    pub fn len(&self) -> usize {
        self.passages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }
}

/// The group id written for a passage whose label key is `label`.
pub fn group_of_label(label: u64) -> u64 {
    combine(UnitKind::Passage.tag(), label)
}

/// A committed passage document in a band key's bucket, read from fast
/// fields only: where it is, its passage key and the group it was written
/// with.
#[derive(Debug, Clone, Copy)]
struct Member {
    address: DocAddress,
    key: u64,
    group: u64,
}

/// A committed passage document whose group a run changes.
#[derive(Debug, Clone)]
pub struct Relabelled {
    pub address: DocAddress,
    /// Its file, as stored.
    pub path: String,
    /// Its new group.
    pub group: u64,
}

/// The passages of the committed index, found through their band keys
/// (`dup_key`). A bucket is read from fast fields (each document's
/// `passage_key` and `group`); a passage's text is read from the store,
/// and its MinHash computed, only when labelling compares it, once per
/// distinct key: a bucket of many copies of one text costs one read, and
/// of the keys below a passage only the [`CANDIDATES_PER_BAND`] smallest
/// are read.
struct Committed {
    searcher: Searcher,
    fields: Fields,
    band_keys: LivePostings,
    paths: LivePostings,
    groups: Vec<Column<u64>>,
    keys: Vec<Column<u64>>,
    /// The `path` column of each segment, opened when a path is first
    /// asked for.
    path_columns: Vec<Option<Option<StrColumn>>>,
    /// The live documents of the files this run deletes or rewrites.
    forgotten: HashSet<DocAddress>,
    /// Each bucket read, sorted by key then address.
    buckets: HashMap<u64, Arc<[Member]>>,
    /// The keys whose text was read, by key (`None`: it could not be).
    by_key: HashMap<u64, Option<Arc<PassageKey>>>,
    /// Stored documents read.
    stored_reads: usize,
}

impl Committed {
    fn open(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Option<Committed>> {
        if searcher.num_docs() == 0 {
            return Ok(None);
        }
        let mut groups = Vec::new();
        let mut keys = Vec::new();
        for segment in searcher.segment_readers() {
            groups.push(segment.fast_fields().u64("group")?);
            keys.push(segment.fast_fields().u64("passage_key")?);
        }
        Ok(Some(Committed {
            searcher: searcher.clone(),
            fields: fields.clone(),
            band_keys: LivePostings::open(searcher, fields.dup_key)?,
            paths: LivePostings::open(searcher, fields.path)?,
            path_columns: vec![None; groups.len()],
            groups,
            keys,
            forgotten: HashSet::new(),
            buckets: HashMap::new(),
            by_key: HashMap::new(),
            stored_reads: 0,
        }))
    }

    /// The live documents of `path`, from fast fields.
    fn of_path(&self, path: &str) -> Vec<Member> {
        let term = Term::from_field_text(self.fields.path, path);
        let addresses = self.paths.live_docs(&term, usize::MAX);
        addresses
            .into_iter()
            .filter_map(|a| self.member(a))
            .collect()
    }

    /// The documents of `path` no longer count: the run deletes them.
    fn forget_path(&mut self, path: &str) {
        let term = Term::from_field_text(self.fields.path, path);
        let addresses = self.paths.live_docs(&term, usize::MAX);
        self.forgotten.extend(addresses);
    }

    fn is_forgotten(&self, address: DocAddress) -> bool {
        self.forgotten.contains(&address)
    }

    /// The passage document at `address`; `None` for a document without a
    /// passage key (a file record, a passage too short to compare).
    fn member(&self, address: DocAddress) -> Option<Member> {
        let segment = address.segment_ord as usize;
        Some(Member {
            address,
            key: self.keys[segment].first(address.doc_id)?,
            group: self.groups[segment].first(address.doc_id)?,
        })
    }

    /// Every live passage holding band key `band` (forgotten ones included;
    /// the caller filters), smallest key first. A document may hold `band`
    /// as the band key of another of its units (a quotation): the caller
    /// checks [`Committed::holds`] for the keys it uses.
    fn bucket(&mut self, band: u64) -> Arc<[Member]> {
        if let Some(found) = self.buckets.get(&band) {
            return found.clone();
        }
        let term = Term::from_field_u64(self.fields.dup_key, band);
        let addresses = self.band_keys.live_docs(&term, usize::MAX);
        let mut found: Vec<Member> = addresses
            .into_iter()
            .filter_map(|a| self.member(a))
            .collect();
        found.sort_unstable_by_key(|m| (m.key, m.address));
        let found: Arc<[Member]> = found.into();
        self.buckets.insert(band, found.clone());
        found
    }

    /// The key, signature and band keys of a member's text, read from the
    /// store once per distinct key.
    fn passage(&mut self, member: &Member) -> Option<Arc<PassageKey>> {
        if let Some(known) = self.by_key.get(&member.key) {
            return known.clone();
        }
        self.stored_reads += 1;
        let passage = self
            .searcher
            .doc::<TantivyDocument>(member.address)
            .ok()
            .and_then(|doc| PassageKey::of(doc.get_first(self.fields.text)?.as_str()?))
            .filter(|p| p.key == member.key)
            .map(Arc::new);
        self.by_key.insert(member.key, passage.clone());
        passage
    }

    /// Whether `band` is a band key of the member's passage text.
    fn holds(&mut self, member: &Member, band: u64) -> bool {
        self.passage(member)
            .is_some_and(|p| p.bands.contains(&band))
    }

    /// The stored path of the document at `address`, from its fast field.
    fn path(&mut self, address: DocAddress) -> Option<String> {
        let segment = address.segment_ord as usize;
        if self.path_columns[segment].is_none() {
            let reader = self.searcher.segment_reader(address.segment_ord);
            self.path_columns[segment] = Some(reader.fast_fields().str("path").ok()?);
        }
        let column = self.path_columns[segment].as_ref()?.as_ref()?;
        let ord = column.term_ords(address.doc_id).next()?;
        let mut path = String::new();
        column.ord_to_str(ord, &mut path).ok()?.then_some(path)
    }
}

/// Labels passages by the rule of this module, over the committed index
/// (less the files a run deletes or rewrites) and the passages the run
/// writes.
pub struct Labeller {
    committed: Option<Committed>,
    forgotten: HashSet<String>,
    /// The distinct keys of the passages this run writes; sorted by key up
    /// to `indexed`, those told since after it.
    run: Vec<PassageKey>,
    run_keys: HashSet<u64, KeyHash>,
    indexed: usize,
    /// (band key, passage key) of every passage of `run` up to `indexed`,
    /// sorted: the run's part of a band's bucket is a range, smallest key
    /// first.
    run_bands: Vec<(u64, u64)>,
    /// Keys of committed passages this run deletes.
    removed: HashMap<u64, Arc<PassageKey>>,
    /// [`Labeller::nearest`] of the passages looked at, by key.
    nearest: HashMap<u64, u64, KeyHash>,
    labels: HashMap<u64, u64, KeyHash>,
    /// Once settled, all that is left of the run.
    settled: Option<Arc<SettledKeys>>,
    /// Stored documents read before settling let go of the committed
    /// index.
    settled_reads: usize,
}

impl Labeller {
    /// A labeller over the committed index seen by `searcher`.
    pub fn new(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Labeller> {
        let mut labeller = Labeller::without_index();
        labeller.committed = Committed::open(searcher, fields)?;
        Ok(labeller)
    }

    /// A labeller over an empty index.
    pub fn without_index() -> Labeller {
        Labeller {
            committed: None,
            forgotten: HashSet::new(),
            run: Vec::new(),
            run_keys: HashSet::default(),
            indexed: 0,
            run_bands: Vec::new(),
            removed: HashMap::new(),
            nearest: HashMap::default(),
            labels: HashMap::default(),
            settled: None,
            settled_reads: 0,
        }
    }

    /// The committed passages of `path` are deleted in this run.
    pub fn forget_path(&mut self, path: &str) {
        if let Some(committed) = self.committed.as_mut() {
            if self.forgotten.insert(path.to_string()) {
                committed.forget_path(path);
            }
        }
    }

    /// How many committed passage documents the labeller has read from the
    /// store (each distinct passage text it compared, once).
    pub fn stored_reads(&self) -> usize {
        self.settled_reads + self.committed.as_ref().map_or(0, |c| c.stored_reads)
    }

    /// A passage this run writes (told before the labeller is settled).
    /// Returns whether its key is new to the run.
    pub fn add(&mut self, passage: PassageKey) -> bool {
        debug_assert!(self.settled.is_none(), "a key told after settling");
        if !self.run_keys.insert(passage.key) {
            return false;
        }
        self.run.push(passage);
        self.nearest.clear();
        self.labels.clear();
        true
    }

    /// Takes back keys that [`Labeller::add`] found new (those of a file
    /// whose learning failed part way): the run no longer writes them.
    pub fn take_back(&mut self, keys: &[u64]) {
        if keys.is_empty() {
            return;
        }
        let gone: HashSet<u64> = keys.iter().copied().collect();
        for key in keys {
            self.run_keys.remove(key);
        }
        self.run.retain(|p| !gone.contains(&p.key));
        // The run's bands are indexed again from the start.
        self.run_bands.clear();
        self.indexed = 0;
        self.nearest.clear();
        self.labels.clear();
    }

    /// Sorts the keys told since the last call in with the others.
    fn index_run(&mut self) {
        if self.indexed == self.run.len() {
            return;
        }
        for passage in &self.run[self.indexed..] {
            self.run_bands
                .extend(passage.bands.iter().map(|&band| (band, passage.key)));
        }
        self.run.sort_unstable_by_key(|p| p.key);
        self.run_bands.sort_unstable();
        self.run_bands.dedup();
        self.indexed = self.run.len();
    }

    /// The run's passage of key `key` (the run indexed).
    fn run_passage(&self, key: u64) -> Option<&PassageKey> {
        self.run[..self.indexed]
            .binary_search_by_key(&key, |p| p.key)
            .ok()
            .map(|i| &self.run[i])
    }

    /// The signature of the passage of key `key`, of this run or committed.
    fn signature_of(&self, key: u64) -> Option<&Signature> {
        self.run_passage(key).map(|p| &p.signature).or_else(|| {
            let committed = self.committed.as_ref()?;
            committed.by_key.get(&key)?.as_ref().map(|p| &p.signature)
        })
    }

    /// Notes the passages of every forgotten path as removed (their keys
    /// may leave the index), once the run's forgotten paths are known:
    /// each distinct key's text is read once.
    pub fn note_forgotten(&mut self) {
        let Some(committed) = self.committed.as_mut() else {
            return;
        };
        for path in &self.forgotten {
            for member in committed.of_path(path) {
                if self.removed.contains_key(&member.key) {
                    continue;
                }
                if let Some(passage) = committed.passage(&member) {
                    self.removed.insert(member.key, passage);
                }
            }
        }
    }

    /// The candidates of a passage from the bucket of band key `band`: the
    /// [`CANDIDATES_PER_BAND`] smallest distinct keys below its own among
    /// the committed passages (not forgotten) and the run's holding it.
    fn band_candidates(&mut self, band: u64, own: u64, out: &mut Vec<u64>) {
        let mut below: Vec<u64> = Vec::new();
        if let Some(committed) = self.committed.as_mut() {
            // The bucket is sorted by key: the first keys that are live
            // and hold `band` as a passage band key are the candidates,
            // and only they are read.
            for member in committed.bucket(band).iter() {
                if member.key >= own || below.len() == CANDIDATES_PER_BAND {
                    break;
                }
                if below.last() == Some(&member.key) || committed.is_forgotten(member.address) {
                    continue;
                }
                if committed.holds(member, band) {
                    below.push(member.key);
                }
            }
        }
        let start = self.run_bands.partition_point(|&(b, _)| b < band);
        below.extend(
            self.run_bands[start..]
                .iter()
                .take_while(|&&(b, key)| b == band && key < own)
                .take(CANDIDATES_PER_BAND)
                .map(|&(_, key)| key),
        );
        below.sort_unstable();
        below.dedup();
        out.extend(below.into_iter().take(CANDIDATES_PER_BAND));
    }

    /// The keys of the similar candidates of a passage, smallest first.
    fn similar(&mut self, passage: &PassageKey) -> Vec<u64> {
        self.index_run();
        let mut candidates = Vec::with_capacity(minhash::BANDS * CANDIDATES_PER_BAND);
        for &band in &passage.bands {
            self.band_candidates(band, passage.key, &mut candidates);
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&key| {
            self.signature_of(key)
                .is_some_and(|s| similarity(&passage.signature, s) >= SIMILARITY)
        });
        candidates
    }

    /// The smallest key among a passage's and its similar candidates'.
    fn nearest(&mut self, passage: &PassageKey) -> u64 {
        if let Some(&nearest) = self.nearest.get(&passage.key) {
            return nearest;
        }
        let nearest = self.similar(passage).first().map_or(passage.key, |&k| k);
        self.nearest.insert(passage.key, nearest);
        nearest
    }

    /// [`Labeller::nearest`] of the passage of key `key`, of this run or
    /// committed.
    fn nearest_of_key(&mut self, key: u64) -> u64 {
        if let Some(&nearest) = self.nearest.get(&key) {
            return nearest;
        }
        let passage = match self.run_passage(key) {
            Some(p) => p.clone(),
            None => match self.committed.as_ref().and_then(|c| c.by_key.get(&key)) {
                Some(Some(p)) => PassageKey::clone(p),
                _ => return key,
            },
        };
        self.nearest(&passage)
    }

    /// The label key of a passage: the smallest [`Labeller::nearest`] of
    /// itself and its similar candidates. Two hops rather than one keep a
    /// passage with its similar candidates when those resemble a passage
    /// of a smaller key that it does not. Once the labeller is settled, a
    /// passage the run was not told of (its file changed between the two
    /// passes) is labelled by its own key.
    pub fn label(&mut self, passage: &PassageKey) -> u64 {
        if let Some(settled) = &self.settled {
            return settled.label(passage.key).unwrap_or(passage.key);
        }
        if let Some(&label) = self.labels.get(&passage.key) {
            return label;
        }
        let similar = self.similar(passage);
        let mut label = similar.first().map_or(passage.key, |&k| k);
        self.nearest.insert(passage.key, label);
        for candidate in similar {
            label = label.min(self.nearest_of_key(candidate));
        }
        self.labels.insert(passage.key, label);
        label
    }

    /// The group of a passage this run writes with key `passage`.
    pub fn group(&mut self, passage: &PassageKey) -> u64 {
        group_of_label(self.label(passage))
    }

    /// Works out the label of every passage the run writes, and lets go of
    /// everything else: signatures, band buckets, the committed passages
    /// read. Called once every key is told and the committed passages
    /// whose label changes are known ([`Labeller::affected`]); labelling
    /// answers from the settled keys after it.
    pub fn settle(&mut self) -> Arc<SettledKeys> {
        if let Some(settled) = &self.settled {
            return settled.clone();
        }
        self.index_run();
        let mut passages = Vec::with_capacity(self.run.len());
        for i in 0..self.run.len() {
            let passage = self.run[i].clone();
            let label = self.label(&passage);
            passages.push(Settled {
                key: passage.key,
                label,
                bands: passage.bands.map(|band| band as u32),
            });
        }
        let settled = Arc::new(SettledKeys {
            passages: passages.into_boxed_slice(),
        });
        *self = Labeller {
            settled: Some(settled.clone()),
            settled_reads: self.stored_reads(),
            ..Labeller::without_index()
        };
        settled
    }

    /// The committed passages (of files not forgotten) whose label this
    /// run changes, each with its new group. A label depends on the
    /// buckets of the passage's band keys and of its candidates' band
    /// keys, so the passages to look at are those two buckets away from a
    /// key the run adds or removes, with larger keys. Each distinct key
    /// looked at is labelled (and its text read) once, however many
    /// documents hold it.
    pub fn affected(&mut self) -> Vec<Relabelled> {
        if self.committed.is_none() {
            return Vec::new();
        }
        self.index_run();
        // The keys that enter or leave the index, with their band keys.
        let mut changed: Vec<(u64, [u64; minhash::BANDS])> = Vec::new();
        for (key, removed) in &self.removed {
            if !self.run_keys.contains(key) {
                changed.push((*key, removed.bands));
            }
        }
        let committed = self.committed.as_mut().expect("checked above");
        for passage in &self.run {
            let present = committed
                .bucket(passage.bands[0])
                .iter()
                .any(|m| m.key == passage.key && !committed.is_forgotten(m.address));
            if !present {
                changed.push((passage.key, passage.bands));
            }
        }
        let mut seen: BTreeSet<DocAddress> = BTreeSet::new();
        let mut looked_at: HashSet<u64, KeyHash> = HashSet::default();
        let mut out = Vec::new();
        for hop in 0..2 {
            let mut next = Vec::new();
            for (key, bands) in std::mem::take(&mut changed) {
                for band in bands {
                    let committed = self.committed.as_mut().expect("checked above");
                    let bucket = committed.bucket(band);
                    let larger = bucket.partition_point(|m| m.key <= key);
                    for member in &bucket[larger..] {
                        let committed = self.committed.as_mut().expect("checked above");
                        if committed.is_forgotten(member.address) || seen.contains(&member.address)
                        {
                            continue;
                        }
                        let Some(passage) = committed.passage(member) else {
                            continue;
                        };
                        if !passage.bands.contains(&band) {
                            continue;
                        }
                        seen.insert(member.address);
                        if hop == 0 && looked_at.insert(passage.key) {
                            next.push((passage.key, passage.bands));
                        }
                        let group = self.group(&passage);
                        if group != member.group {
                            let committed = self.committed.as_mut().expect("checked above");
                            if let Some(path) = committed.path(member.address) {
                                out.push(Relabelled {
                                    address: member.address,
                                    path,
                                    group,
                                });
                            }
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
    fn settling_keeps_every_label_and_band_key_and_nothing_to_compare() {
        let keys = chain();
        let order = [2, 0, 3, 1];
        let expected = labels_in_order(&keys, &order);
        let mut labeller = Labeller::without_index();
        for &i in &order {
            labeller.add(keys[i].clone());
        }
        // Told twice, kept once.
        labeller.add(keys[0].clone());
        let settled = labeller.settle();
        assert_eq!(settled.len(), keys.len());
        for (key, label) in keys.iter().zip(&expected) {
            assert_eq!(settled.label_and_bands(key.key), Some((*label, key.bands)));
            assert_eq!(labeller.label(key), *label);
        }
        assert!(labeller.run.is_empty() && labeller.run_bands.is_empty());
        // A passage the run was not told of keeps its own key.
        let stranger = PassageKey::of(&text(&words(30, 3))).unwrap();
        assert_eq!(labeller.label(&stranger), stranger.key);
    }

    #[test]
    fn keys_taken_back_label_as_if_never_told() {
        let keys = chain();
        // Without link 1, links 0 and 2 no longer meet through it.
        let mut without = Labeller::without_index();
        for i in [0, 2, 3] {
            without.add(keys[i].clone());
        }
        let expected: Vec<u64> = [0, 2, 3].iter().map(|&i| without.label(&keys[i])).collect();
        let mut labeller = Labeller::without_index();
        for i in [0, 2] {
            assert!(labeller.add(keys[i].clone()));
        }
        // Labelled once with link 1 (the run's bands indexed), then taken back.
        assert!(labeller.add(keys[1].clone()));
        assert!(!labeller.add(keys[1].clone()), "told twice");
        let with_link = labeller.label(&keys[2]);
        labeller.take_back(&[keys[1].key]);
        assert!(labeller.add(keys[3].clone()));
        let labels: Vec<u64> = [0, 2, 3]
            .iter()
            .map(|&i| labeller.label(&keys[i]))
            .collect();
        assert_eq!(labels, expected);
        assert_ne!(with_link, expected[1], "link 1 changed link 2's label");
    }

    #[test]
    fn a_passage_alone_is_labelled_by_its_own_key() {
        let key = PassageKey::of(&text(&words(30, 2))).unwrap();
        assert_eq!(labels_in_order(std::slice::from_ref(&key), &[0]), [key.key]);
        assert!(PassageKey::of("two words").is_none());
    }
}
