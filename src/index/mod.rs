//! Storage: the index on disk. Opening and creating it, its schema and
//! analyzers, the stored document format ([`codec`]), the file records that
//! incremental indexing compares ([`records`]), the tantivy writer and its
//! lock, readers, deletes and the directory swap of `--rebuild`. What goes
//! into the index, and when, is the indexer's business (`crate::indexer`);
//! this module knows nothing of files, articles or attribution beyond the
//! document format.
//!
//! An index directory holds tantivy's files and `newsidx.json`, a marker
//! with the index format version. The marker is how newsidx tells its own
//! indexes from other directories and from indexes of an incompatible
//! version, so that it can say what is wrong instead of failing deep inside
//! tantivy.

pub mod codec;
pub mod columns;
pub mod delete;
pub mod lock;
pub mod mmap_directory;
pub mod records;
pub mod schema;
pub mod speaker_names;
pub mod swap;
pub mod tokenizers;

use crate::error::{Error, Result};
use mmap_directory::IndexDirectory;
use schema::Fields;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tantivy::directory::error::LockError;
use tantivy::index::SegmentId;
use tantivy::{Index, IndexReader, IndexWriter, Opstamp, ReloadPolicy};

/// Bumped whenever the schema or what is stored changes incompatibly.
/// 10: passage group ids follow the order-free rule (issue 16); an index
/// of format 9 holds ids of the order-dependent rule, which later runs
/// could not relabel consistently.
/// 11: `title`, `url`, `line` and `passage` are fast fields too, so that a
/// folded result names its other copies without reading their stored
/// documents (issue 16).
/// 12: passages carry their key for copy labels (`passage_key`), which
/// relabelling reads instead of every stored text of a band key.
/// 13: the store leaves out what can be made again (issue 16, index size):
/// `speaker` and `speaker_surname` (from `speakers` and
/// `speaker_aliases`), `passage_key` (fast only), and in the statements
/// JSON the passage number, a speaker as written that is the speaker, and
/// a group label that is one of the passage's `unit_groups`.
/// 14: the languages with stemmers share `stemmed_text` and
/// `stemmed_title`, their terms tagged with the language, instead of a
/// `text_xx` and `title_xx` pair each (issue 16, index size and commits).
pub const FORMAT_VERSION: u32 = 14;

/// tantivy's file naming the committed segments: its presence is what
/// makes a directory an index.
pub const META_FILE: &str = "meta.json";

/// The marker file in every newsidx index directory.
pub const MARKER_FILE: &str = "newsidx.json";

/// An opened newsidx index.
pub struct NewsIndex {
    pub index: Index,
    pub fields: Fields,
    pub dir: PathBuf,
    /// Fast-field columns already opened by searches of this index.
    pub columns: columns::ColumnCache,
    /// Speaker names already read by searches of this index, by segment
    /// and surname.
    pub speaker_names: speaker_names::SpeakerNames,
}

/// The segments of a commit and their deletes: what a searcher sees.
pub type CommitSegments = BTreeMap<SegmentId, Option<Opstamp>>;

#[derive(serde::Serialize, serde::Deserialize)]
struct Marker {
    format: u32,
    created_by: String,
}

/// Times a busy tantivy writer lock is asked for again, 10 ms apart
/// ([`NewsIndex::writer`]).
const LOCK_RETRIES: usize = 10;

impl NewsIndex {
    /// Opens an existing index, with a clear error when there is none at
    /// `dir`, when `dir` is something else, or when its format differs.
    pub fn open(dir: &Path) -> Result<NewsIndex> {
        if !dir.join(META_FILE).exists() {
            if dir.exists() && !dir.is_dir() {
                return Err(Error::IndexNotADirectory {
                    path: dir.to_path_buf(),
                });
            }
            // A marker without tantivy's files is an index whose creation
            // was interrupted: it holds nothing and is made again. So is a
            // directory holding only the writer lock (made by a writer that
            // had not got further).
            if holds_foreign_files(dir) {
                return Err(Error::NotAnIndex {
                    path: dir.to_path_buf(),
                });
            }
            return Err(Error::IndexMissing {
                path: dir.to_path_buf(),
            });
        }
        check_marker(dir)?;
        let directory = IndexDirectory::open(dir)?;
        let mut index = Index::open(directory).map_err(|e| incompatible(dir, e))?;
        compress_in_writer_threads(&mut index);
        let fields = schema::fields_of(&index.schema()).map_err(|e| incompatible(dir, e))?;
        tokenizers::register(&index);
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            columns: columns::ColumnCache::default(),
            speaker_names: speaker_names::SpeakerNames::default(),
        })
    }

    /// Opens the index at `dir`, creating it (and the directory) if there is
    /// none yet.
    pub fn open_or_create(dir: &Path) -> Result<NewsIndex> {
        match NewsIndex::open(dir) {
            Err(Error::IndexMissing { .. }) => NewsIndex::create(dir),
            other => other,
        }
    }

    /// Creates a new, empty index in `dir` (which must not hold one).
    pub fn create(dir: &Path) -> Result<NewsIndex> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        // The marker goes first: a process killed between the two steps
        // leaves a directory that `open` recognises as an unfinished index.
        let marker = Marker {
            format: FORMAT_VERSION,
            created_by: format!("newsidx {}", env!("CARGO_PKG_VERSION")),
        };
        let json = serde_json::to_string_pretty(&marker).expect("marker serializes");
        std::fs::write(dir.join(MARKER_FILE), json).map_err(|source| Error::Io {
            path: dir.join(MARKER_FILE),
            source,
        })?;
        let (schema, fields) = schema::build();
        let directory = IndexDirectory::open(dir)?;
        let mut index = Index::create(directory, schema, index_settings())?;
        compress_in_writer_threads(&mut index);
        tokenizers::register(&index);
        Ok(NewsIndex {
            index,
            fields,
            dir: dir.to_path_buf(),
            columns: columns::ColumnCache::default(),
            speaker_names: speaker_names::SpeakerNames::default(),
        })
    }

    /// A reader that sees the latest commit when it is opened (and reloads
    /// on new commits, for long-running readers).
    ///
    /// `index --rebuild` swaps a whole new index in under the same path; a
    /// reader opening at that very moment can read the old commit's list of
    /// segments and then miss their files. That is retried, so the reader
    /// always gets one complete commit, old or new.
    pub fn reader(&self) -> Result<IndexReader> {
        const ATTEMPTS: usize = 5;
        let mut attempt = 1;
        loop {
            let opened = self
                .index
                .reader_builder()
                .reload_policy(ReloadPolicy::OnCommitWithDelay)
                .try_into();
            match opened {
                Err(tantivy::TantivyError::OpenReadError(
                    tantivy::directory::error::OpenReadError::FileDoesNotExist(_),
                )) if attempt < ATTEMPTS => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => return Ok(other?),
            }
        }
    }

    /// Bytes used on disk by the index directory.
    /// Opens the tantivy writer for `threads` analysis threads, taking the
    /// index's writer lock; a lock held by another
    /// process is [`Error::IndexLocked`].
    pub fn writer(&self, threads: usize) -> Result<IndexWriter> {
        // One indexing thread per analysis thread, two at most: each holds
        // its own budget. On two cores one thread made `index` of the bbc
        // corpus 28% slower (1.15 s against 0.90 s wall, idle) for 31 MB
        // less at the peak of a 32 MB article; two are 11% slower than the
        // writer before parts (see `WRITER_MEMORY_PER_THREAD`).
        let indexing = threads.clamp(1, 2);
        let open = || {
            self.index
                .writer_with_num_threads(indexing, indexing * WRITER_MEMORY_PER_THREAD)
        };
        // tantivy's lock is a `flock` on a file of the index, released
        // when the last descriptor of it closes. A process forked by this
        // one (a test spawning the binary) shares the descriptors until it
        // execs, so a writer dropped and opened again right then (in one
        // process, run after run) found its own lock still held. A lock
        // held by another writer stays held: busy after the retries.
        let mut writer = open();
        for _ in 0..LOCK_RETRIES {
            if !matches!(
                writer,
                Err(tantivy::TantivyError::LockFailure(LockError::LockBusy, _))
            ) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            writer = open();
        }
        let writer = writer.map_err(|e| match e {
            tantivy::TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexLocked {
                path: self.dir.clone(),
            },
            // Not held by anyone, but the lock file cannot be made: a
            // read-only directory, a full disk, missing permissions.
            tantivy::TantivyError::LockFailure(LockError::IoError(e), _) => Error::Io {
                path: self.dir.clone(),
                source: std::io::Error::new(e.kind(), e.to_string()),
            },
            other => other.into(),
        });
        writer.map_err(|e| e.when_writing(&self.dir))
    }

    pub fn size_on_disk(&self) -> u64 {
        walkdir::WalkDir::new(&self.dir)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter_map(|e| e.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum()
    }
}

/// Memory budget of each of the tantivy writer's indexing threads (two on
/// two cores or more): 64 MB in all, whatever the corpus or the size of one
/// article.
///
/// It also sets the size of the segments the writer flushes, and so of
/// its background merges (eight segments of a size at a time), which read
/// their inputs through memory maps: every page read counts in the
/// process's resident memory until the merge ends. With 128 MB in all, the
/// merge at the end of a 100,000-article build mapped 360 MB while the
/// writer still held its 128 MB; with 64 MB the whole build peaks near 300
/// MB. A thread's segment takes about half as much again as its budget
/// while it is written out (the sorted terms), so two threads of 32 MB
/// held about 100 MB at their peak; one holds about 50. Smaller budgets
/// make more, smaller segments: 16 MB a thread cost half as much CPU time
/// again on a 32 MB article, in merges.
const WRITER_MEMORY_PER_THREAD: usize = 32 * 1024 * 1024;

/// Bytes of stored documents compressed together (tantivy's default is
/// 16 KB).
///
/// A search reads the stored documents of the results it shows (and of
/// the first copies it names under them), each from its own block, so the
/// block is decompressed whole for one document of it: reads come before
/// size (issue 16). Whole `newsidx search` processes, 15 folded queries on
/// a 20,000-article index (callgrind): 253 M instructions with 16 KB blocks,
/// 212 M with 8 KB, 184 M with 4 KB, for an index 3% and 6% larger (lz4 with
/// 16 KB blocks: 168 M, but 21% larger).
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// How a new index stores documents: zstd instead of tantivy's default lz4.
///
/// Stored passages (text, title, path, statements) are most of an index:
/// with lz4 the store alone was 0.9x the input text on the 100,000-article
/// benchmark corpus and the whole index 1.4x. zstd compresses the
/// repetitive per-passage fields of one article far better; blocks
/// are small ([`DOCSTORE_BLOCK_BYTES`]) so that reading a hit decompresses
/// little. Level 1 rather than zstd's default 3: on bbc's tech section
/// (callgrind) level 3 made a store 1.3% smaller for 2.6% more instructions
/// of the whole build (each block sets up a fresh context, whose larger
/// tables are cleared, and runs a slower matcher), and searches read
/// either as fast. Existing indexes keep working: each store records its
/// compressor, and an index keeps the settings it was created with.
fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..tantivy::IndexSettings::default()
    }
}

/// Stored documents are compressed by the indexing thread that writes
/// them, not handed to a compressor thread of their own (tantivy's
/// default): with small blocks ([`DOCSTORE_BLOCK_BYTES`]) every block was a
/// hand-over between threads, a fifth of the context switches of indexing
/// the bbc corpus on two cores, whose indexing threads are busy anyway. A
/// setting of the running process (the store's format is the same), so it
/// applies to indexes made before it too.
fn compress_in_writer_threads(index: &mut Index) {
    index.settings_mut().docstore_compress_dedicated_thread = false;
}

/// Whether `dir` holds files that newsidx did not put there and no index:
/// then it is somebody else's directory, not an index being made.
///
/// One listing answers the whole question: a rebuild may exchange the
/// directory at any moment, and a marker looked up before the listing could
/// belong to another directory than the files listed after it.
pub fn holds_foreign_files(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    let names: Vec<std::ffi::OsString> = entries.flatten().map(|e| e.file_name()).collect();
    let ours = |name: &str| names.iter().any(|n| n == name);
    if ours(MARKER_FILE) || ours(META_FILE) {
        return false;
    }
    names.iter().any(|n| n != lock::LOCK_FILE)
}

fn check_marker(dir: &Path) -> Result<()> {
    let found = match std::fs::read_to_string(dir.join(MARKER_FILE)) {
        Ok(text) => match serde_json::from_str::<Marker>(&text) {
            Ok(marker) if marker.format == FORMAT_VERSION => return Ok(()),
            Ok(marker) => marker.format.to_string(),
            Err(_) => "unreadable".to_string(),
        },
        Err(_) => "none (not made by newsidx?)".to_string(),
    };
    Err(Error::IncompatibleIndex {
        path: dir.to_path_buf(),
        found,
        expected: FORMAT_VERSION,
    })
}

fn incompatible(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::IncompatibleIndex {
        path: dir.to_path_buf(),
        found: format!("unreadable ({e})"),
        expected: FORMAT_VERSION,
    }
}
