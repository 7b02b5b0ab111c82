//! The first pass of a run that groups copies: the passage keys of every
//! file the run will write, learnt before any document is written, and the
//! committed documents whose copy group the run changes, rewritten.
//!
//! A passage's group depends on the other passages in the index, later
//! ones included (`syndication::labels`): for a run to write each document
//! once, with the group a fresh build of the same files would give it, it
//! must know every key first. Learning them costs a second read and split
//! of the changed files (never attribution or language detection, the
//! costly parts), on the analysis threads. Once the committed documents to
//! rewrite are known, the labeller settles: it keeps the label and band
//! keys of each passage of the run, which the preparation of the same
//! passages takes instead of computing a MinHash signature again, and lets
//! go of the signatures.

use super::analyze::passages_of;
use super::pipeline::IndexOptions;
use super::rename;
use super::walk::{self, FoundFile};
use crate::error::Result;
use crate::index::codec::{file_record, path_str, path_term};
use crate::index::delete;
use crate::index::records::Records;
use crate::index::schema::Fields;
use crate::ingest;
use crate::ingest::overrides::MetadataOverrides;
use crate::syndication::labels::{Labeller, PassageKey};
use crate::syndication::Grouper;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use tantivy::{DocAddress, IndexWriter, Searcher};

/// Keys a worker sends at a time: a file's keys go to the labeller as its
/// passages are cut, never held apart for the whole file (a 12 MB article
/// of distinct paragraphs held 38.8 MB of them before they were told).
const KEYS_PER_MESSAGE: usize = 1024;

/// What the first pass makes of one file to read: parts of its keys, then
/// one of the other kinds.
enum Learned {
    /// The next keys of passages the file's documents are replaced by.
    Keys(Vec<PassageKey>),
    /// Same bytes as recorded (this content hash): its documents stay.
    Unchanged { hash: String },
    /// Could not be read: its documents stay (the run reports it).
    Unread,
    /// Learning its keys panicked (a bug): the second pass, which reads
    /// it again, reports it, and the keys it sent are taken back.
    Failed,
    /// Its documents are replaced by passages with the keys sent before
    /// (none when it can no longer be read as articles), read from content
    /// of this hash.
    Replaced { recorded: bool, hash: String },
}

/// The content hash the first pass read of each file of a run (`None`:
/// it could not read it), in the order of the files to read; empty when
/// the run does not group copies. The second pass compares it with what it
/// reads (see [`FirstRead::changed`]).
#[derive(Debug, Default)]
pub struct FirstPass {
    /// `None` for a file whose first pass failed (nothing to compare);
    /// `Some(None)` for one it could not read.
    hashes: Vec<Option<Option<String>>>,
}

impl FirstPass {
    /// What the first pass read of file number `i` of the run.
    pub fn of(&self, i: usize) -> FirstRead<'_> {
        FirstRead {
            learned: self.hashes.get(i).and_then(Option::as_ref),
        }
    }
}

/// What the first pass read of one file: the content hash it learnt the
/// file's keys from, if it did.
#[derive(Debug, Clone, Copy)]
pub struct FirstRead<'a> {
    /// `None` when there is nothing to compare: the run does not group
    /// copies, or learning the file's keys failed.
    learned: Option<&'a Option<String>>,
}

impl FirstRead<'_> {
    /// Whether the file, read now with content hash `hash`, is not what
    /// the first pass learnt its keys from: the labels of the run were
    /// worked out without its passages, so they cannot be written with
    /// them.
    pub fn changed(&self, hash: &str) -> bool {
        self.learned
            .is_some_and(|learned| learned.as_deref() != Some(hash))
    }

    /// Whether the first pass replaced the file's committed documents,
    /// recorded with content hash `recorded`: the labels of the run count
    /// them as deleted.
    pub fn replaced(&self, recorded: Option<&str>) -> bool {
        match (self.learned, recorded) {
            (Some(Some(learned)), Some(recorded)) => learned != recorded,
            _ => false,
        }
    }
}

/// Tells `grouper`'s labeller the keys of every passage the run writes for
/// the files of `to_read`, and forgets the committed documents they
/// replace. The caller has already forgotten the paths the run removes.
/// Returns the content hash read of each file.
pub fn learn_keys(
    grouper: &mut Grouper,
    to_read: &[FoundFile],
    recorded: &Records,
    options: &IndexOptions,
    overrides: &MetadataOverrides,
    threads: usize,
) -> FirstPass {
    if grouper.labeller().is_none() {
        return FirstPass::default();
    }
    let mut hashes = vec![Some(None); to_read.len()];
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<Vec<(usize, Learned)>>(threads * 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                let mut batch = Batch::new(tx);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = to_read.get(i) else { break };
                    let record = recorded.get(file.path.as_os_str());
                    let mut send_keys = |keys| {
                        batch.push(i, Learned::Keys(keys));
                    };
                    let learned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let recorded_hash = record.map(|r| r.hash.as_str());
                        learn_file(file, recorded_hash, options, overrides, &mut send_keys)
                    }))
                    .unwrap_or(Learned::Failed);
                    if !batch.push(i, learned) {
                        break;
                    }
                }
                batch.send();
            });
        }
        drop(tx);
        // The keys each file being learnt added to the run, taken back if
        // learning it fails.
        let mut added: HashMap<usize, Vec<u64>> = HashMap::new();
        for (i, learned) in rx.into_iter().flatten() {
            match learned {
                Learned::Keys(keys) => {
                    let labeller = grouper.labeller().expect("checked above");
                    let of_file = added.entry(i).or_default();
                    for passage in keys {
                        let key = passage.key;
                        if labeller.add(passage) {
                            of_file.push(key);
                        }
                    }
                }
                Learned::Failed => {
                    hashes[i] = None;
                    if let Some(keys) = added.remove(&i) {
                        let labeller = grouper.labeller().expect("checked above");
                        labeller.take_back(&keys);
                    }
                }
                Learned::Unread => {}
                Learned::Unchanged { hash } => hashes[i] = Some(Some(hash)),
                Learned::Replaced { recorded, hash } => {
                    added.remove(&i);
                    hashes[i] = Some(Some(hash));
                    if recorded {
                        grouper.forget_path(&path_str(&to_read[i].path));
                    }
                }
            }
        }
    });
    FirstPass { hashes }
}

/// What one worker of the first pass has learnt and not yet sent, in the
/// order it learnt it.
///
/// Sent when it holds [`KEYS_PER_MESSAGE`] keys or [`FILES_PER_MESSAGE`]
/// files' outcomes, not a message a file: the thread taking them in does
/// little with each, so a message a file woke it (and parked a worker on
/// a full channel) about twice a file, most of the context switches of
/// the pass.
struct Batch {
    tx: mpsc::SyncSender<Vec<(usize, Learned)>>,
    learned: Vec<(usize, Learned)>,
    keys: usize,
    files: usize,
    /// Whether the receiving end is still there.
    open: bool,
}

/// Outcomes of files a worker of the first pass sends at most at a time.
const FILES_PER_MESSAGE: usize = 32;

impl Batch {
    fn new(tx: mpsc::SyncSender<Vec<(usize, Learned)>>) -> Batch {
        Batch {
            tx,
            learned: Vec::new(),
            keys: 0,
            files: 0,
            open: true,
        }
    }

    /// Adds what was learnt of file `i`, sending the batch once it is
    /// full; false when the receiving end is gone.
    fn push(&mut self, i: usize, learned: Learned) -> bool {
        match &learned {
            Learned::Keys(keys) => self.keys += keys.len(),
            _ => self.files += 1,
        }
        self.learned.push((i, learned));
        if self.keys >= KEYS_PER_MESSAGE || self.files >= FILES_PER_MESSAGE {
            self.send();
        }
        self.open
    }

    fn send(&mut self) {
        if self.learned.is_empty() || !self.open {
            return;
        }
        self.open = self.tx.send(std::mem::take(&mut self.learned)).is_ok();
        (self.keys, self.files) = (0, 0);
    }
}

/// Learns the keys of one file, handing them to `send_keys` a part at a
/// time.
fn learn_file(
    file: &FoundFile,
    recorded_hash: Option<&str>,
    options: &IndexOptions,
    overrides: &MetadataOverrides,
    send_keys: &mut dyn FnMut(Vec<PassageKey>),
) -> Learned {
    let Ok(read) = walk::read_article(&file.path, options.max_file_bytes) else {
        return Learned::Unread;
    };
    let overrides = overrides.for_file(&file.path);
    let hash = ingest::content_hash_of(&read.hash(), overrides.fingerprint().as_deref());
    if recorded_hash == Some(hash.as_str()) {
        return Learned::Unchanged { hash };
    }
    let mut keys = Vec::new();
    if let Ok(mut ingested) = ingest::read_article_texts(&file.path, read.content) {
        overrides.apply_all(&mut ingested.articles);
        for article in ingested.articles {
            passages_of(article, &mut |p| {
                keys.extend(PassageKey::of(&p.text));
                if keys.len() == KEYS_PER_MESSAGE {
                    send_keys(std::mem::replace(
                        &mut keys,
                        Vec::with_capacity(KEYS_PER_MESSAGE),
                    ));
                }
            });
        }
    }
    if !keys.is_empty() {
        send_keys(keys);
    }
    Learned::Replaced {
        recorded: recorded_hash.is_some(),
        hash,
    }
}

/// Rewrites the committed documents (of files the run keeps) whose group
/// the run's additions and removals change, with their new groups; each
/// file's documents go together, as they are deleted by path. Returns how
/// many files were rewritten.
pub fn rewrite_changed(
    grouper: &mut Grouper,
    writer: &IndexWriter,
    fields: &Fields,
    searcher: &Searcher,
    recorded: &Records,
) -> Result<usize> {
    let Some(labeller) = grouper.labeller() else {
        return Ok(0);
    };
    labeller.note_forgotten();
    let mut by_path: BTreeMap<String, HashMap<DocAddress, u64>> = BTreeMap::new();
    for relabelled in labeller.affected() {
        by_path
            .entry(relabelled.path)
            .or_default()
            .insert(relabelled.address, relabelled.group);
    }
    for (path, groups) in &by_path {
        let path = Path::new(path);
        let Some(record) = recorded.get(path.as_os_str()) else {
            continue;
        };
        delete::delete_term(writer, path_term(fields, path))?;
        rename::repoint(
            writer,
            fields,
            searcher,
            path,
            record.articles,
            path,
            &mut |address, _, group| groups.get(&address).copied().unwrap_or(group),
        )?;
        writer.add_document(file_record(fields, path, record))?;
    }
    Ok(by_path.len())
}

/// The group of a stored passage document moved to another path in this
/// run: what the labeller gives its text (its old one when too short to
/// compare).
pub fn moved_group(labeller: Option<&mut Labeller>, text: Option<&str>, old: u64) -> u64 {
    match (labeller, text.and_then(PassageKey::of)) {
        (Some(labeller), Some(key)) => labeller.group(&key),
        _ => old,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_of(learned: &(usize, Learned)) -> usize {
        learned.0
    }

    #[test]
    fn a_batch_is_sent_once_full_and_keeps_the_order_learnt() {
        let (tx, rx) = mpsc::sync_channel(8);
        let mut batch = Batch::new(tx);
        for i in 0..FILES_PER_MESSAGE - 1 {
            assert!(batch.push(i, Learned::Unread));
        }
        assert!(rx.try_recv().is_err(), "sent before it was full");
        assert!(batch.push(FILES_PER_MESSAGE - 1, Learned::Unread));
        let sent = rx.try_recv().expect("a full batch is sent");
        let files: Vec<usize> = sent.iter().map(file_of).collect();
        assert_eq!(files, (0..FILES_PER_MESSAGE).collect::<Vec<_>>());
        // Keys count towards a batch too: one file's many keys go at once.
        let keys =
            vec![PassageKey::of(&"word ".repeat(40)).expect("long enough"); KEYS_PER_MESSAGE];
        assert!(batch.push(7, Learned::Keys(keys)));
        assert_eq!(rx.try_recv().expect("keys sent").len(), 1);
        // What is left goes when the worker is done.
        assert!(batch.push(8, Learned::Unread));
        batch.send();
        assert_eq!(rx.try_recv().expect("the rest").len(), 1);
    }

    #[test]
    fn a_batch_says_when_nobody_takes_it_any_more() {
        let (tx, rx) = mpsc::sync_channel(8);
        drop(rx);
        let mut batch = Batch::new(tx);
        let mut open = true;
        for i in 0..FILES_PER_MESSAGE {
            open = batch.push(i, Learned::Unread);
        }
        assert!(!open);
    }
}
