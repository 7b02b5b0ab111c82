//! Incremental indexing: bringing the index in line with the files on disk
//! in one commit.
//!
//! Each run compares what the walk found with the file records in the
//! index. A file whose size and modification time are unchanged is skipped
//! without being read; one whose bytes hash the same is only re-dated; a
//! changed or new file is analysed and its documents replaced; a recorded
//! file that disappeared from a walked directory is removed. Analysis runs on
//! worker threads that hand finished documents to the one thread owning the
//! tantivy writer through a bounded channel, so memory stays bounded however
//! large the corpus; a long file goes over in parts of [`PART_PASSAGES`]
//! passages, each prepared only when the writer is ready for it, so it is
//! never held as passages, grouping keys and documents all at once. Nothing
//! is visible until the single commit at the end:
//! a crash or an error before it leaves the previous index as it was.

use super::analyze::{analyze_article, ingest_content, AnalysisOptions, ArticlePart};
use super::walk::{self, FoundFile, Problem, Walk};
use super::{regroup, rename};
use crate::article::{Article, Passage, Statement};
use crate::error::{Error, Result};
use crate::index::codec::{file_record, path_str, path_term, PassageDocuments};
use crate::index::records::{self, FileRecord, Records};
use crate::index::schema::Fields;
use crate::index::{delete, NewsIndex};
use crate::ingest;
use crate::ingest::overrides::MetadataOverrides;
use crate::syndication::labels::SettledKeys;
use crate::syndication::{Grouper, PreparedPassage, Preparer};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// How `index` runs.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Keep the documents of files that disappeared from walked directories.
    pub keep_missing: bool,
    pub analysis: AnalysisOptions,
    /// Files larger than this are refused with a message.
    pub max_file_bytes: u64,
    /// Analysis threads (0: one per core).
    pub threads: usize,
    /// Metadata that replaces what the files say (flags, `--manifest`);
    /// sidecar manifests in the walked directories are added to it.
    pub overrides: MetadataOverrides,
    /// Group near-duplicate passages across articles (see `syndication`).
    pub grouping: bool,
    /// List unchanged files in [`IndexReport::skipped`] (for `--verbose`;
    /// a list as long as the corpus otherwise not kept).
    pub list_skipped: bool,
    /// Globs of files and directories to leave out (`--exclude`).
    pub exclude: Vec<String>,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            keep_missing: false,
            analysis: AnalysisOptions::default(),
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            threads: 0,
            overrides: MetadataOverrides::default(),
            grouping: true,
            list_skipped: false,
            exclude: Vec::new(),
        }
    }
}

/// Receives progress while indexing; the CLI draws a progress bar with it.
pub trait Progress: Sync {
    /// The number of files that must be read and analysed is known.
    fn start(&self, _files_to_read: usize) {}
    /// One more file was read (and analysed, or failed).
    fn advance(&self, _path: &Path) {}
    /// The first pass is done (the keys of every passage to write are
    /// learnt, see `regroup`); files are read again from here on. Tests
    /// change a file here to check that a file changed between the passes
    /// is left out.
    fn keys_learned(&self) {}
    /// Everything is analysed; the commit begins.
    fn committing(&self) {}
}

/// No progress reporting.
pub struct Silent;
impl Progress for Silent {}

/// What one run did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Files found under a new path with the content of a removed one:
    /// re-pointed without being analysed again.
    pub renamed: usize,
    /// Articles and passages written in this run.
    pub articles: usize,
    pub passages: usize,
    /// Passages written in this run that joined a group of copies.
    pub copies: usize,
    #[serde(skip)]
    pub problems: Vec<Problem>,
    /// Parts of files that were skipped while the rest was indexed (a JSON
    /// Lines record without text, a bad manifest row).
    #[serde(skip)]
    pub warnings: Vec<Problem>,
    /// Files left out without being read, and why: by the walk (hidden,
    /// not an article type) and, with [`IndexOptions::list_skipped`],
    /// unchanged files. Shown with `--verbose`.
    #[serde(skip)]
    pub skipped: Vec<Problem>,
    /// How many entries the walk left out, by reason (see
    /// `walk::LeftOut`).
    #[serde(skip)]
    pub left_out: std::collections::BTreeMap<walk::LeftOut, usize>,
    /// How long each stage of the run took, in order (for `--verbose`).
    #[serde(skip)]
    pub stages: Vec<(&'static str, Duration)>,
    /// Committed passage documents read from the store to work out copy
    /// labels (each distinct text compared, once): what relabelling cost,
    /// checked by tests.
    #[serde(skip)]
    pub label_reads: usize,
    #[serde(rename = "seconds", serialize_with = "as_secs")]
    pub elapsed: Duration,
}

fn as_secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl IndexReport {
    pub fn failed(&self) -> usize {
        self.problems.len()
    }
}

/// What a worker made of one file (or of part of it).
enum Outcome {
    /// Same bytes as recorded: only the modification time changed.
    Touched { file: FoundFile, record: FileRecord },
    /// New path, same bytes as a recorded file that disappeared in this run:
    /// its documents are re-pointed, not re-analysed.
    Renamed {
        file: FoundFile,
        from: PathBuf,
        record: FileRecord,
    },
    /// New or changed content, analysed: the file and its first part.
    Analyzed {
        file: FoundFile,
        hash: String,
        warnings: Vec<ingest::RecordWarning>,
        is_new: bool,
        part: Vec<PartItem>,
    },
    /// A further part of the analysed file before it.
    More(Vec<PartItem>),
    /// The content can no longer be read as articles: its old documents go.
    Unreadable {
        file: FoundFile,
        message: String,
        drop_old: bool,
    },
}

/// One piece of a part of an analysed file, in file order.
enum PartItem {
    /// An article begins: what the documents of its passages share.
    Article { article: Article },
    /// Speaker aliases of the article begun last, for its passages from
    /// here on (a long article's grow as it is read).
    Aliases(Vec<(String, Vec<String>)>),
    /// A passage of the article begun last, its statements and its
    /// grouping preparation (see `syndication::Preparer`).
    Passage {
        passage: Passage,
        statements: Vec<Statement>,
        prepared: PreparedPassage,
        /// Its key for copy labels (`PreparedPassage::key`).
        key: Option<u64>,
    },
}

/// Passages of one file sent to the writer in one message. A part is
/// prepared (grouping's units and signatures, the costly part) on the
/// analysis thread only once the writer has reached the file, so however
/// long an article is, a few parts are in flight, not the whole of it.
const PART_PASSAGES: usize = 512;

/// Documents of a run sent to tantivy's writer in batches, one per file
/// part (see [`Target::write_part`]); the rest go one at a time. tantivy
/// queues up to 10,000 *messages* for its indexing threads whatever their
/// size, so batches of a part's documents let a long run queue ten times
/// more documents than one at a time (peak memory of a 100,000-article
/// build 264 -> 420 MB). Up to this many, the queue holds no more than
/// before; a run that changes a few files still sends each file whole.
const BATCHED_DOCUMENTS: usize = 10_000;

/// A message from an analysis thread to the writer's: all of what it made
/// of file number `file` of the run, or its part number `part`.
struct Message {
    file: usize,
    part: usize,
    /// The file's last message.
    last: bool,
    outcome: Outcome,
}

/// The analysed file whose parts the writer is writing.
struct Writing {
    file: FoundFile,
    hash: String,
    is_new: bool,
    articles: usize,
    passages: usize,
    joined_before: usize,
    /// The documents of the article being written.
    documents: Option<PassageDocuments>,
}

/// Brings the index at `index.dir` in line with the files under `inputs`,
/// in one commit.
pub fn index_paths(
    index: &NewsIndex,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let mut indexer = Indexer::open(index, options.clone())?;
    let report = indexer.update_walking(
        || walk::walk_excluding(inputs, Some(&index.dir), &options.exclude),
        progress,
    )?;
    indexer.finish()?;
    Ok(report)
}

/// Holds the index's writer (and so its lock) across several updates: one
/// run of `index`, or a whole `watch` session with one update per batch.
pub struct Indexer<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter,
    options: IndexOptions,
}

impl<'a> Indexer<'a> {
    /// Takes the index's writer lock; fails with [`Error::IndexLocked`] if
    /// another process holds it.
    pub fn open(index: &'a NewsIndex, options: IndexOptions) -> Result<Indexer<'a>> {
        let threads = if options.threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            options.threads
        };
        let writer = index.writer(threads)?;
        // A run killed before its commit leaves files that no commit refers
        // to, and the next run would give one of them the same name (a
        // segment's delete file is named after the last committed opstamp)
        // and fail: remove them first.
        writer
            .garbage_collect_files()
            .wait()
            .map_err(|e| Error::from(e).when_writing(&index.dir))?;
        Ok(Indexer {
            index,
            writer,
            options,
        })
    }

    /// Applies what a walk found and commits once. Files found are added or
    /// updated; recorded files under `walked.dirs` that were not found are
    /// removed, or re-pointed when a new file has their exact content. On
    /// error nothing of this update is committed (it is rolled back) and
    /// the index stays at the previous commit.
    pub fn update(&mut self, walked: Walk, progress: &dyn Progress) -> Result<IndexReport> {
        self.update_walking(move || walked, progress)
    }

    /// [`Indexer::update`] with what `walk` finds. The walk (a `stat` per
    /// file) runs on its own thread while the index's file records are
    /// read: together they are most of a re-index that changes little.
    pub fn update_walking(
        &mut self,
        walk: impl FnOnce() -> Walk + Send,
        progress: &dyn Progress,
    ) -> Result<IndexReport> {
        // Told apart before the files of this update are removed below: on
        // a full disk that is what frees space.
        let result = self
            .apply_walk(walk, progress)
            .map_err(|e| e.when_writing(&self.index.dir));
        if result.is_err() {
            // Discard every pending add and delete of this update, so that a
            // later update (in `watch`) never commits half of this one, and
            // the files it had written.
            let _ = self.writer.rollback();
            let _ = self.writer.garbage_collect_files().wait();
        }
        result
    }

    fn apply_walk(
        &mut self,
        walk: impl FnOnce() -> Walk + Send,
        progress: &dyn Progress,
    ) -> Result<IndexReport> {
        let started = Instant::now();
        let index = self.index;
        let options = &self.options;
        let (walked, committed) = std::thread::scope(|scope| {
            let walking = scope.spawn(walk);
            let committed = index.reader().and_then(|reader| {
                let searcher = reader.searcher();
                let recorded = records::read(&searcher, &index.fields)?;
                Ok((searcher, recorded))
            });
            let walked = walking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (walked, committed)
        });
        let (searcher, recorded) = committed?;
        let mut grouper = Grouper::new(&searcher, &index.fields, options.grouping)?;

        let mut report = IndexReport {
            problems: walked.problems,
            skipped: walked.skipped,
            left_out: walked.left_out,
            ..IndexReport::default()
        };
        report
            .stages
            .push(("walk and file records", started.elapsed()));

        let mut overrides = options.overrides.clone();
        let dirs = ingest::manifest::sidecar_dirs(
            walked.files.iter().map(|f| f.path.as_path()),
            &walked.dirs,
        );
        for (path, message) in
            ingest::manifest::load_sidecars(dirs.iter().map(PathBuf::as_path), &mut overrides)
        {
            report.warnings.push(Problem { path, message });
        }

        let threads = if options.threads == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            options.threads
        };
        let mut to_read = Vec::new();
        let mut found_recorded = 0;
        let states = recorded_states(&walked.files, &recorded, &overrides, threads);
        for (file, state) in walked.files.iter().zip(states) {
            found_recorded += usize::from(state != Recorded::No);
            match state {
                Recorded::Same => {
                    report.unchanged += 1;
                    if options.list_skipped {
                        report.skipped.push(Problem {
                            path: file.path.clone(),
                            message: "unchanged since it was indexed".into(),
                        });
                    }
                }
                _ => to_read.push(file.clone()),
            }
        }

        // Recorded files that disappeared: removed, unless a new file turns
        // out to hold the same bytes (a rename or move). When the walk found
        // every recorded file there are none, and no set of the files found
        // is needed.
        let mut vanished: HashMap<String, Vec<PathBuf>> = HashMap::new();
        let mut missing = 0;
        if !options.keep_missing && found_recorded < recorded.len() {
            let seen: HashSet<&Path> = walked.files.iter().map(|f| f.path.as_path()).collect();
            for (path, record) in &recorded {
                let path = Path::new(path);
                let under_walked = || walked.dirs.iter().any(|d| path.starts_with(d));
                if !seen.contains(path) && under_walked() {
                    delete::delete_term(&self.writer, path_term(&index.fields, path))?;
                    grouper.forget_path(&path_str(path));
                    missing += 1;
                    vanished
                        .entry(record.hash.clone())
                        .or_default()
                        .push(path.to_path_buf());
                }
            }
        }
        drop_aside(walked.files);
        let vanished = Mutex::new(vanished);

        progress.start(to_read.len());
        // Copy groups depend on every passage of the index: the run learns
        // the keys of what it writes first, and rewrites the committed
        // documents whose group that changes.
        let first_pass = regroup::learn_keys(
            &mut grouper,
            &to_read,
            &recorded,
            options,
            &overrides,
            threads,
        );
        let regrouped = regroup::rewrite_changed(
            &mut grouper,
            &self.writer,
            &index.fields,
            &searcher,
            &recorded,
        )?;
        // What the preparers take instead of computing signatures again;
        // the labeller keeps only this from here on.
        let known = grouper.settle();
        report.label_reads = grouper.labeller().map_or(0, |l| l.stored_reads());
        progress.keys_learned();
        let next = AtomicUsize::new(0);
        let turns = InOrder::default();
        let (tx, rx) = mpsc::sync_channel::<Message>(threads * 4);
        let fields = &index.fields;
        let writer = &self.writer;
        // Whether anything was added or deleted: a run that changed nothing
        // does not commit (a commit writes and syncs files, and starts the
        // writer's threads again).
        let mut wrote = missing > 0 || regrouped > 0;
        let apply_result = std::thread::scope(|scope| {
            for _ in 0..threads {
                let tx = tx.clone();
                let (to_read, next, recorded, vanished, overrides, turns, known) = (
                    &to_read, &next, &recorded, &vanished, &overrides, &turns, &known,
                );
                let first_pass = &first_pass;
                scope.spawn(move || loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = to_read.get(i) else { break };
                    turns.wait_until_near(i);
                    let recorded = recorded.get(file.path.as_os_str());
                    let mut parts = 0;
                    let mut send = |outcome: Outcome, last: bool| {
                        // Parts after the first wait until the writer is on
                        // this file: they are not made ahead of it.
                        if parts > 0 {
                            turns.wait_for_turn(i);
                        }
                        let message = Message {
                            file: i,
                            part: parts,
                            last,
                            outcome,
                        };
                        parts += 1;
                        tx.send(message).is_ok()
                    };
                    // A panic while analysing one file (a bug) is reported
                    // as that file's failure; the run goes on, and the
                    // outcomes behind it are still applied in order.
                    let sent = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        read_one(
                            (file.clone(), first_pass.of(i)),
                            recorded,
                            vanished,
                            options,
                            overrides,
                            known,
                            &mut send,
                        )
                    }))
                    .unwrap_or_else(|panic| {
                        let outcome = Outcome::Unreadable {
                            file: file.clone(),
                            message: format!(
                                "newsidx failed while analysing this file ({}); please report it",
                                panic_message(&panic)
                            ),
                            drop_old: false,
                        };
                        send(outcome, true)
                    });
                    if !sent {
                        break;
                    }
                });
            }
            drop(tx);
            let mut result = Ok(());
            // Messages are applied in walk order (and a file's parts in
            // their order), whichever worker finishes first: grouping
            // depends on what was indexed before.
            let mut early: BTreeMap<(usize, usize), Message> = BTreeMap::new();
            let mut next_to_apply = (0, 0);
            let mut writing: Option<Writing> = None;
            let mut batched = 0;
            for message in rx {
                if message.part == 0 {
                    if let Some(path) = outcome_path(&message.outcome) {
                        progress.advance(path);
                    }
                }
                early.insert((message.file, message.part), message);
                while let Some(message) = early.remove(&next_to_apply) {
                    if message.last {
                        next_to_apply = (next_to_apply.0 + 1, 0);
                        turns.applied(next_to_apply.0);
                    } else {
                        next_to_apply.1 += 1;
                    }
                    if result.is_err() {
                        continue;
                    }
                    let outcome = match message.outcome {
                        Outcome::Renamed { file, from, record } => {
                            let old_articles =
                                recorded.get(from.as_os_str()).map_or(0, |r| r.articles);
                            rename::repoint(
                                writer,
                                fields,
                                &searcher,
                                &from,
                                old_articles,
                                &file.path,
                                &mut |_, old, group| {
                                    let text = old
                                        .get_first(fields.text)
                                        .and_then(|v| tantivy::schema::Value::as_str(&v));
                                    regroup::moved_group(grouper.labeller(), text, group)
                                },
                            )
                            .map(|moved| Outcome::Renamed {
                                file,
                                from,
                                record: FileRecord {
                                    passages: moved.passages,
                                    articles: moved.articles,
                                    ..record
                                },
                            })
                        }
                        other => Ok(other),
                    };
                    let mut target = Target {
                        writer,
                        fields,
                        grouper: &mut grouper,
                        writing: &mut writing,
                        report: &mut report,
                        batched: &mut batched,
                    };
                    result = outcome
                        .and_then(|o| target.apply(o, message.last))
                        .map(|wrote_this| wrote |= wrote_this);
                }
            }
            result
        });
        apply_result?;
        drop_aside(recorded);
        report.removed = missing - report.renamed;
        let analysed = started.elapsed();
        report
            .stages
            .push(("read, analyse and write", analysed - report.stages[0].1));

        if wrote {
            progress.committing();
            let opstamp = self.writer.commit()?;
            self.check_committed(opstamp)?;
        }
        report.elapsed = started.elapsed();
        report.stages.push(("commit", report.elapsed - analysed));
        Ok(report)
    }

    /// A commit counts once it can be read back: `meta.json` names it and a
    /// reader opened now opens every segment file it lists. Only then is a
    /// batch of `watch` reported as committed.
    fn check_committed(&self, opstamp: tantivy::Opstamp) -> Result<()> {
        let reader = self.index.reader()?;
        let found = self.index.index.load_metas()?.opstamp;
        if found != opstamp {
            return Err(Error::Io {
                path: self.index.dir.clone(),
                source: std::io::Error::other(format!(
                    "the index holds commit {found}, not the commit {opstamp} just made: \
                     another process replaced it; run `newsidx index` again"
                )),
            });
        }
        drop(reader);
        Ok(())
    }

    /// Waits for background merges, so that the index is compact when the
    /// process ends.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// Frees `value` on a thread of its own, while the run goes on (or ends
/// without waiting). The tables of a large corpus are hundreds of thousands
/// of small allocations (a path and a hash for each of 100,000 files):
/// freeing them took about a tenth of a re-index that changed one file, on
/// the thread that commits. A thread that cannot be started frees here.
fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("newsidx-free".into())
        .spawn(move || drop(value));
}

/// What the index records of a file found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Recorded {
    /// Nothing: a new file.
    No,
    /// The same size, modification time and metadata overrides: the file
    /// is not read again.
    Same,
    /// Something else: the file is read and its hash compared.
    Different,
}

/// [`Recorded`] for each file found, in order, on up to `threads` threads:
/// the lookups land at random places in a table of every indexed file, and
/// were a fifth of a no-op re-index of 100,000 files on one thread.
fn recorded_states(
    files: &[FoundFile],
    recorded: &Records,
    overrides: &MetadataOverrides,
    threads: usize,
) -> Vec<Recorded> {
    let state = |file: &FoundFile| match recorded.get(file.path.as_os_str()) {
        None => Recorded::No,
        Some(r)
            if r.size == file.size
                && r.mtime == file.mtime
                && ingest::overrides_of_hash(&r.hash)
                    == overrides.for_file(&file.path).fingerprint().as_deref() =>
        {
            Recorded::Same
        }
        Some(_) => Recorded::Different,
    };
    // Fewer files are not worth starting a thread for.
    const MIN_CHUNK: usize = 4096;
    let chunk = files.len().div_ceil(threads.max(1)).max(MIN_CHUNK);
    if files.len() <= chunk {
        return files.iter().map(state).collect();
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(state).collect::<Vec<_>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| {
                part.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn outcome_path(outcome: &Outcome) -> Option<&Path> {
    match outcome {
        Outcome::Touched { file, .. }
        | Outcome::Renamed { file, .. }
        | Outcome::Analyzed { file, .. }
        | Outcome::Unreadable { file, .. } => Some(&file.path),
        Outcome::More(_) => None,
    }
}

/// The message of a caught panic.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("internal error")
}

/// How far analysis may run ahead of the writer thread, in files: the
/// outcomes waiting to be applied in order stay few.
const AHEAD: usize = 64;

/// Lets workers start a file only when it is less than [`AHEAD`] files past
/// the next one to apply.
#[derive(Default)]
struct InOrder {
    applied: Mutex<usize>,
    moved: Condvar,
}

impl InOrder {
    fn wait_until_near(&self, i: usize) {
        let mut applied = self.applied.lock().unwrap_or_else(|e| e.into_inner());
        while i >= *applied + AHEAD {
            applied = self.moved.wait(applied).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Waits until every file before file `i` is applied.
    fn wait_for_turn(&self, i: usize) {
        let mut applied = self.applied.lock().unwrap_or_else(|e| e.into_inner());
        while *applied < i {
            applied = self.moved.wait(applied).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn applied(&self, count: usize) {
        *self.applied.lock().unwrap_or_else(|e| e.into_inner()) = count;
        self.moved.notify_all();
    }
}

/// Why a file that changed while a run read it is left out.
pub const CHANGED_BETWEEN_PASSES: &str =
    "changed while it was being indexed; left out of this run, the next `newsidx index` indexes it";

/// Reads, hashes and (if changed) analyses one file, and hands what it made
/// to `send` (with whether it is the file's last message): one message, or
/// for an analysed file as many parts as its passages fill. A file that
/// is no longer what the run's first pass read is left out (see
/// `regroup::FirstRead`). Runs on a worker; returns false when the writer
/// is gone.
fn read_one(
    (file, first_read): (FoundFile, regroup::FirstRead<'_>),
    recorded: Option<&FileRecord>,
    vanished: &Mutex<HashMap<String, Vec<PathBuf>>>,
    options: &IndexOptions,
    overrides: &MetadataOverrides,
    known: &SettledKeys,
    send: &mut dyn FnMut(Outcome, bool) -> bool,
) -> bool {
    let read = match super::walk::read_article(&file.path, options.max_file_bytes) {
        Ok(read) => read,
        Err(message) => {
            let drop_old = false;
            return send(
                Outcome::Unreadable {
                    file,
                    message,
                    drop_old,
                },
                true,
            );
        }
    };
    let overrides = overrides.for_file(&file.path);
    let hash = ingest::content_hash_of(&read.hash(), overrides.fingerprint().as_deref());
    if first_read.changed(&hash) {
        // The labels of the run were worked out from what the first pass
        // read; written now, these passages would carry labels of another
        // text. The file waits for the next run; its old documents go if
        // the labels count them as deleted.
        let drop_old = first_read.replaced(recorded.map(|r| r.hash.as_str()));
        let message = CHANGED_BETWEEN_PASSES.to_string();
        return send(
            Outcome::Unreadable {
                file,
                message,
                drop_old,
            },
            true,
        );
    }
    if let Some(record) = recorded.filter(|r| r.hash == hash) {
        let record = record.clone();
        return send(Outcome::Touched { file, record }, true);
    }
    if recorded.is_none() {
        let from = vanished
            .lock()
            .expect("vanished map is not poisoned")
            .get_mut(&hash)
            .and_then(Vec::pop);
        if let Some(from) = from {
            let record = FileRecord {
                hash,
                size: file.size,
                mtime: file.mtime,
                // Filled in from the old record when applied.
                passages: 0,
                articles: 0,
            };
            return send(Outcome::Renamed { file, from, record }, true);
        }
    }
    let ingested = match ingest_content(&file.path, read.content, &overrides) {
        Ok(ingested) => ingested,
        Err(e) => {
            let outcome = Outcome::Unreadable {
                file,
                message: e.to_string(),
                drop_old: recorded.is_some(),
            };
            return send(outcome, true);
        }
    };
    let unread = file.clone();
    let mut first = Some((file, hash, ingested.warnings, recorded.is_none()));
    let mut flush = |part: Vec<PartItem>, last: bool| {
        let outcome = match first.take() {
            Some((file, hash, warnings, is_new)) => Outcome::Analyzed {
                file,
                hash,
                warnings,
                is_new,
                part,
            },
            None => Outcome::More(part),
        };
        send(outcome, last)
    };
    let mut part = Vec::new();
    let mut passages_in_part = 0;
    for article in ingested.articles {
        let preparer = Preparer::new(&article.id, options.grouping).with_known(known);
        // Each passage is prepared and queued as it comes: a long
        // article's passages are cut and attributed a part at a time.
        let analyzed = analyze_article(article, options.analysis, PART_PASSAGES, &mut |piece| {
            match piece {
                ArticlePart::Begin(article) => part.push(PartItem::Article { article: *article }),
                ArticlePart::Passages { passages, aliases } => {
                    if !aliases.is_empty() {
                        part.push(PartItem::Aliases(aliases));
                    }
                    for (passage, statements) in passages {
                        let prepared = preparer.passage(&passage, statements.iter());
                        let key = prepared.key();
                        part.push(PartItem::Passage {
                            passage,
                            statements,
                            prepared,
                            key,
                        });
                        passages_in_part += 1;
                        if passages_in_part == PART_PASSAGES {
                            if !flush(std::mem::take(&mut part), false) {
                                return false;
                            }
                            passages_in_part = 0;
                        }
                    }
                }
            }
            true
        });
        match analyzed {
            Ok(true) => {}
            Ok(false) => return false,
            // The file changed while it was read again: what was written
            // of it goes (see `Target::apply`), and its old documents stay
            // if none of it was written.
            Err(e) => {
                let outcome = Outcome::Unreadable {
                    file: unread,
                    message: e.to_string(),
                    drop_old: false,
                };
                return send(outcome, true);
            }
        }
    }
    flush(part, true)
}

/// Where outcomes are applied: the writer (deletes and adds; nothing is
/// visible before the commit), grouping, the file being written and the
/// run's report.
struct Target<'t> {
    writer: &'t IndexWriter,
    fields: &'t Fields,
    grouper: &'t mut Grouper,
    writing: &'t mut Option<Writing>,
    report: &'t mut IndexReport,
    /// Documents of the run sent in batches so far ([`BATCHED_DOCUMENTS`]).
    batched: &'t mut usize,
}

impl Target<'_> {
    /// Applies one outcome (`last`: the file's last message). Returns
    /// whether it added or deleted anything.
    fn apply(&mut self, outcome: Outcome, last: bool) -> Result<bool> {
        let (writer, fields) = (self.writer, self.fields);
        match outcome {
            Outcome::Touched { file, record } => {
                let record_term = Term::from_field_text(fields.record, &path_str(&file.path));
                delete::delete_term(writer, record_term)?;
                let record = FileRecord {
                    size: file.size,
                    mtime: file.mtime,
                    ..record
                };
                writer.add_document(file_record(fields, &file.path, &record))?;
                self.report.unchanged += 1;
            }
            Outcome::Renamed { file, record, .. } => {
                writer.add_document(file_record(fields, &file.path, &record))?;
                self.report.renamed += 1;
            }
            Outcome::Analyzed {
                file,
                hash,
                warnings,
                is_new,
                part,
            } => {
                self.report
                    .warnings
                    .extend(warnings.into_iter().map(|w| Problem {
                        path: file.path.clone(),
                        message: w.to_string(),
                    }));
                // A new file has no documents to replace: no delete, which
                // tantivy would hold in memory until the commit.
                if !is_new {
                    delete::delete_term(writer, path_term(fields, &file.path))?;
                    self.grouper.forget_path(&path_str(&file.path));
                }
                *self.writing = Some(Writing {
                    file,
                    hash,
                    is_new,
                    articles: 0,
                    passages: 0,
                    joined_before: self.grouper.report.joined,
                    documents: None,
                });
                self.write_part(part, last)?;
            }
            Outcome::More(part) => self.write_part(part, last)?,
            Outcome::Unreadable {
                file,
                message,
                drop_old,
            } => {
                // A failure after part of the file was written (a panic
                // while preparing a later part): none of it stays.
                let partly_written = self.writing.take().is_some();
                if drop_old || partly_written {
                    delete::delete_term(writer, path_term(fields, &file.path))?;
                    self.grouper.forget_path(&path_str(&file.path));
                }
                self.report.problems.push(Problem {
                    path: file.path,
                    message,
                });
                return Ok(drop_old || partly_written);
            }
        }
        Ok(true)
    }

    /// Groups and writes the passages of one part of the file being
    /// written, each dropped as soon as its document is made; after its
    /// last part, writes the file's record.
    ///
    /// A part's documents go to the writer as one batch ([`Target::send`]),
    /// which one of its indexing threads takes whole: a run that changes one
    /// file writes one new segment, not one per indexing thread (each
    /// segment costs a term dictionary per field and a synced file per
    /// component at the commit).
    fn write_part(&mut self, part: Vec<PartItem>, last: bool) -> Result<()> {
        let fields = self.fields;
        let writing = self
            .writing
            .as_mut()
            .expect("a file's parts follow its first");
        let mut batch = Vec::with_capacity(part.len() + usize::from(last));
        for item in part {
            match item {
                PartItem::Article { article } => {
                    writing.articles += 1;
                    writing.documents = Some(PassageDocuments::new(article, Vec::new()));
                }
                PartItem::Aliases(aliases) => writing
                    .documents
                    .as_mut()
                    .expect("an article begins before its aliases")
                    .add_aliases(aliases),
                PartItem::Passage {
                    passage,
                    statements,
                    prepared,
                    key,
                } => {
                    let grouping = self.grouper.group_next(prepared);
                    let documents = writing
                        .documents
                        .as_ref()
                        .expect("an article begins before its passages");
                    let statements: Vec<&Statement> = statements.iter().collect();
                    batch.push(documents.document(fields, &passage, &statements, &grouping, key));
                    writing.passages += 1;
                }
            }
        }
        let done = if last { self.writing.take() } else { None };
        let Some(done) = done else {
            self.send(batch)?;
            return Ok(());
        };
        let record = FileRecord {
            hash: done.hash,
            size: done.file.size,
            mtime: done.file.mtime,
            passages: done.passages as u64,
            articles: done.articles as u64,
        };
        batch.push(file_record(fields, &done.file.path, &record));
        self.send(batch)?;
        let report = &mut *self.report;
        report.articles += done.articles;
        report.passages += done.passages;
        report.copies += self.grouper.report.joined - done.joined_before;
        if done.is_new {
            report.added += 1;
        } else {
            report.updated += 1;
        }
        Ok(())
    }

    /// Hands `batch` to the writer: whole for the run's first
    /// [`BATCHED_DOCUMENTS`] documents, then a document at a time, so that
    /// tantivy's queue of messages bounds the documents it holds.
    fn send(&mut self, batch: Vec<TantivyDocument>) -> Result<()> {
        if *self.batched < BATCHED_DOCUMENTS {
            *self.batched += batch.len();
            self.writer.run(
                batch
                    .into_iter()
                    .map(UserOperation::Add)
                    .collect::<Vec<_>>(),
            )?;
            return Ok(());
        }
        for document in batch {
            self.writer.add_document(document)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(index: &NewsIndex) -> usize {
        index.reader().unwrap().searcher().num_docs() as usize
    }

    /// The failure the crash test found: a run killed after writing a
    /// segment's delete file but before committing made every later run
    /// fail with "file already exists".
    #[test]
    fn files_of_a_run_killed_before_its_commit_do_not_block_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(&tmp.path().join("index")).unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        for name in ["a", "b"] {
            std::fs::write(
                corpus.join(format!("{name}.txt")),
                format!("Title {name}\n\nSome text about {name}, the clerk said.\n"),
            )
            .unwrap();
        }
        let options = IndexOptions::default();
        index_paths(&index, std::slice::from_ref(&corpus), &options, &Silent).unwrap();
        let before = count(&index);

        // What a run killed during its commit leaves: delete files written
        // (and registered with tantivy's managed directory) under the names
        // the next run's commit will want, but no meta.json naming them.
        let committed = index.index.load_metas().unwrap().opstamp;
        let directory = index.index.directory();
        for segment in index.index.searchable_segment_ids().unwrap() {
            for opstamp in committed..committed + 64 {
                let name = format!("{}.{opstamp}.del", segment.uuid_string());
                let mut file =
                    tantivy::directory::Directory::open_write(directory, Path::new(&name)).unwrap();
                std::io::Write::write_all(&mut file, b"partial").unwrap();
                tantivy::directory::TerminatingWrite::terminate(file).unwrap();
            }
        }
        assert_eq!(count(&index), before, "nothing of it is visible");

        std::fs::remove_file(corpus.join("a.txt")).unwrap();
        let report = index_paths(&index, &[corpus], &options, &Silent).unwrap();
        assert_eq!(report.removed, 1);
        assert!(count(&index) < before);
    }

    /// A file's passages reach the writer as one batch, so a run that
    /// changes one file adds one segment, however many indexing threads
    /// the writer has (with a document at a time, each thread that got one
    /// wrote its own segment).
    #[test]
    fn one_changed_file_adds_one_segment() {
        let tmp = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(&tmp.path().join("index")).unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let text: String = (0..40)
            .map(|i| format!("Paragraph {i} of the report, the clerk said on day {i}.\n\n"))
            .collect();
        std::fs::write(corpus.join("a.txt"), format!("Title\n\n{text}")).unwrap();
        let options = IndexOptions {
            threads: 2,
            ..IndexOptions::default()
        };
        let segments = |index: &NewsIndex| index.index.searchable_segment_ids().unwrap().len();
        std::fs::write(corpus.join("b.txt"), format!("First\n\n{text}")).unwrap();
        index_paths(&index, std::slice::from_ref(&corpus), &options, &Silent).unwrap();
        for round in 0..4 {
            std::fs::write(corpus.join("b.txt"), format!("Round {round}\n\n{text}")).unwrap();
            let before = segments(&index);
            index_paths(&index, std::slice::from_ref(&corpus), &options, &Silent).unwrap();
            assert!(
                segments(&index) <= before + 1,
                "round {round}: {before} segments became {}",
                segments(&index)
            );
        }
    }

    /// The states of many files, worked out on several threads, come back
    /// in the order of the files, as one thread finds them.
    #[test]
    fn recorded_states_keep_the_order_of_the_files() {
        let files: Vec<FoundFile> = (0..10_000u64)
            .map(|i| FoundFile {
                path: PathBuf::from(format!("/news/{i:05}.txt")),
                size: i,
                mtime: 7,
            })
            .collect();
        let mut recorded = Records::default();
        for file in files.iter().filter(|f| f.size % 3 != 0) {
            let record = FileRecord {
                hash: "h".into(),
                // Every fifth recorded file has changed size.
                size: file.size + u64::from(file.size % 5 == 0),
                mtime: 7,
                passages: 1,
                articles: 1,
            };
            recorded.insert(file.path.clone().into_os_string(), record);
        }
        let overrides = MetadataOverrides::default();
        let expected: Vec<Recorded> = files
            .iter()
            .map(|f| match f.size {
                s if s % 3 == 0 => Recorded::No,
                s if s % 5 == 0 => Recorded::Different,
                _ => Recorded::Same,
            })
            .collect();
        for threads in [1, 3] {
            assert_eq!(
                recorded_states(&files, &recorded, &overrides, threads),
                expected
            );
        }
    }
}
