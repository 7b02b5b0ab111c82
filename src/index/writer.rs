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
//! large the corpus. Nothing is visible until the single commit at the end:
//! a crash or an error before it leaves the previous index as it was.

use super::schema::{Fields, ALIAS_SEPARATOR, KIND_FILE, KIND_PASSAGE};
use super::state::{self, FileRecord};
use super::NewsIndex;
use crate::analysis::{analyze_bytes, AnalysisOptions};
use crate::article::AnalyzedArticle;
use crate::collapse::{self, Grouper, PassageGrouping, PreparedPassage};
use crate::error::{Error, Result};
use crate::ingest;
use crate::ingest::overrides::MetadataOverrides;
use crate::walk::{self, describe_io, FoundFile, Problem};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tantivy::{DateTime, IndexWriter, TantivyDocument, Term};

/// Memory budget of the tantivy writer, shared by its threads.
const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;

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
    /// Group near-duplicate passages across articles (see `collapse`).
    pub grouping: bool,
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
        }
    }
}

/// Receives progress while indexing; the CLI draws a progress bar with it.
pub trait Progress: Sync {
    /// The number of files that must be read and analysed is known.
    fn start(&self, _files_to_read: usize) {}
    /// One more file was read (and analysed, or failed).
    fn advance(&self, _path: &Path) {}
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

/// What a worker made of one file.
enum Outcome {
    /// Same bytes as recorded: only the modification time changed.
    Touched { file: FoundFile, record: FileRecord },
    /// New or changed content, analysed.
    Analyzed {
        file: FoundFile,
        hash: String,
        articles: Vec<AnalyzedArticle>,
        warnings: Vec<ingest::RecordWarning>,
        /// Grouping's per-article preparation (see `collapse::prepare`).
        prepared: Vec<Vec<PreparedPassage>>,
        is_new: bool,
    },
    /// The content can no longer be read as articles: its old documents go.
    Unreadable {
        file: FoundFile,
        message: String,
        drop_old: bool,
    },
}

/// Brings the index at `index.dir` in line with the files under `inputs`.
pub fn index_paths(
    index: &NewsIndex,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    let started = Instant::now();
    let mut writer = open_writer(index, options)?;
    let reader = index.reader()?;
    let recorded = state::read(&reader.searcher(), &index.fields)?;
    let mut grouper = Grouper::new(&reader.searcher(), &index.fields, options.grouping)?;

    let walked = walk::walk(inputs, Some(&index.dir));
    let mut report = IndexReport {
        problems: walked.problems,
        ..IndexReport::default()
    };

    let mut overrides = options.overrides.clone();
    let dirs =
        ingest::manifest::sidecar_dirs(walked.files.iter().map(|f| f.path.as_path()), &walked.dirs);
    for (path, message) in
        ingest::manifest::load_sidecars(dirs.iter().map(PathBuf::as_path), &mut overrides)
    {
        report.warnings.push(Problem { path, message });
    }

    let mut to_read = Vec::new();
    let mut seen = HashSet::with_capacity(walked.files.len());
    for file in walked.files {
        seen.insert(file.path.clone());
        let fingerprint = overrides.for_file(&file.path).fingerprint();
        match recorded.get(&file.path) {
            Some(r)
                if r.size == file.size
                    && r.mtime == file.mtime
                    && ingest::overrides_of_hash(&r.hash) == fingerprint.as_deref() =>
            {
                report.unchanged += 1
            }
            _ => to_read.push(file),
        }
    }

    if !options.keep_missing {
        for path in recorded.keys() {
            let under_walked = walked.dirs.iter().any(|d| path.starts_with(d));
            if under_walked && !seen.contains(path) {
                writer.delete_term(path_term(&index.fields, path));
                grouper.forget_path(&path_str(path));
                report.removed += 1;
            }
        }
    }

    progress.start(to_read.len());
    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        options.threads
    };
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<Outcome>(threads * 4);
    let fields = &index.fields;
    let apply_result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (to_read, next, recorded, overrides) = (&to_read, &next, &recorded, &overrides);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = to_read.get(i) else { break };
                let outcome = read_one(file.clone(), recorded.get(&file.path), options, overrides);
                if tx.send(outcome).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for outcome in rx {
            if let Some(path) = outcome_path(&outcome) {
                progress.advance(path);
            }
            if result.is_ok() {
                result = apply(&writer, fields, &mut grouper, outcome, &mut report);
            }
        }
        result
    });
    apply_result?;

    progress.committing();
    if let Err(e) = writer.commit() {
        let _ = writer.rollback();
        return Err(e.into());
    }
    writer.wait_merging_threads()?;
    report.elapsed = started.elapsed();
    Ok(report)
}

fn outcome_path(outcome: &Outcome) -> Option<&Path> {
    match outcome {
        Outcome::Touched { file, .. }
        | Outcome::Analyzed { file, .. }
        | Outcome::Unreadable { file, .. } => Some(&file.path),
    }
}

/// Opens the tantivy writer, turning a held lock into a clear error.
pub fn open_writer(index: &NewsIndex, options: &IndexOptions) -> Result<IndexWriter> {
    let threads = if options.threads == 0 {
        std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(4)
    } else {
        options.threads.min(4)
    };
    index
        .index
        .writer_with_num_threads(threads, WRITER_MEMORY_BYTES)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::IndexLocked {
                path: index.dir.clone(),
            },
            other => other.into(),
        })
}

/// Reads, hashes and (if changed) analyses one file. Runs on a worker.
fn read_one(
    file: FoundFile,
    recorded: Option<&FileRecord>,
    options: &IndexOptions,
    overrides: &MetadataOverrides,
) -> Outcome {
    if file.size > options.max_file_bytes {
        let message = ingest::IngestError::TooLarge {
            size: file.size,
            limit: options.max_file_bytes,
        }
        .to_string();
        return Outcome::Unreadable {
            file,
            message,
            drop_old: false,
        };
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let message = describe_io(&e);
            return Outcome::Unreadable {
                file,
                message,
                drop_old: false,
            };
        }
    };
    let overrides = overrides.for_file(&file.path);
    let hash = ingest::content_hash(&bytes, overrides.fingerprint().as_deref());
    if let Some(record) = recorded.filter(|r| r.hash == hash) {
        let record = record.clone();
        return Outcome::Touched { file, record };
    }
    match analyze_bytes(&file.path, &bytes, options.analysis, &overrides) {
        Ok(analyzed) => Outcome::Analyzed {
            prepared: if options.grouping {
                analyzed.articles.iter().map(collapse::prepare).collect()
            } else {
                analyzed
                    .articles
                    .iter()
                    .map(collapse::prepare_ungrouped)
                    .collect()
            },
            file,
            hash,
            articles: analyzed.articles,
            warnings: analyzed.warnings,
            is_new: recorded.is_none(),
        },
        Err(e) => Outcome::Unreadable {
            file,
            message: e.to_string(),
            drop_old: true,
        },
    }
}

/// Applies one outcome to the writer (deletes and adds; nothing is visible
/// before the commit).
fn apply(
    writer: &IndexWriter,
    fields: &Fields,
    grouper: &mut Grouper,
    outcome: Outcome,
    report: &mut IndexReport,
) -> Result<()> {
    match outcome {
        Outcome::Touched { file, record } => {
            writer.delete_term(Term::from_field_text(fields.record, &path_str(&file.path)));
            writer.add_document(file_record(fields, &file, &record))?;
            report.unchanged += 1;
        }
        Outcome::Analyzed {
            file,
            hash,
            articles,
            warnings,
            prepared,
            is_new,
        } => {
            report
                .warnings
                .extend(warnings.into_iter().map(|w| Problem {
                    path: file.path.clone(),
                    message: w.to_string(),
                }));
            writer.delete_term(path_term(fields, &file.path));
            grouper.forget_path(&path_str(&file.path));
            let joined_before = grouper.report.joined;
            let mut passages = 0;
            for (analyzed, prepared) in articles.iter().zip(prepared) {
                let groups = grouper.group_article(prepared);
                for doc in passage_documents(fields, analyzed, &groups) {
                    writer.add_document(doc)?;
                    passages += 1;
                }
            }
            let record = FileRecord {
                hash,
                size: file.size,
                mtime: file.mtime,
                passages: passages as u64,
                articles: articles.len() as u64,
            };
            writer.add_document(file_record(fields, &file, &record))?;
            report.articles += articles.len();
            report.passages += passages;
            report.copies += grouper.report.joined - joined_before;
            if is_new {
                report.added += 1;
            } else {
                report.updated += 1;
            }
        }
        Outcome::Unreadable {
            file,
            message,
            drop_old,
        } => {
            if drop_old {
                writer.delete_term(path_term(fields, &file.path));
                grouper.forget_path(&path_str(&file.path));
            }
            report.problems.push(Problem {
                path: file.path,
                message,
            });
        }
    }
    Ok(())
}

/// The path as stored in the index.
pub fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn path_term(fields: &Fields, path: &Path) -> Term {
    Term::from_field_text(fields.path, &path_str(path))
}

fn file_record(fields: &Fields, file: &FoundFile, record: &FileRecord) -> TantivyDocument {
    let path = path_str(&file.path);
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, KIND_FILE);
    doc.add_text(fields.record, &path);
    doc.add_text(fields.path, &path);
    doc.add_text(fields.hash, &record.hash);
    doc.add_u64(fields.size, file.size);
    doc.add_u64(fields.mtime, file.mtime);
    doc.add_u64(fields.passages, record.passages);
    doc.add_u64(fields.articles, record.articles);
    doc
}

/// An RFC 3339 date as a tantivy date.
pub fn to_tantivy_date(rfc3339: &str) -> Option<DateTime> {
    let parsed = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some(DateTime::from_timestamp_secs(parsed.timestamp()))
}

/// One document per passage of an analysed article; `groups` holds each
/// passage's copy group (from [`Grouper::group_article`]).
pub fn passage_documents(
    fields: &Fields,
    analyzed: &AnalyzedArticle,
    groups: &[PassageGrouping],
) -> Vec<TantivyDocument> {
    let article = &analyzed.article;
    let path = path_str(&article.path);
    let aliases: HashMap<&str, &Vec<String>> = analyzed
        .aliases
        .iter()
        .map(|(name, forms)| (name.as_str(), forms))
        .collect();
    let date = article.date.as_deref().and_then(to_tantivy_date);
    analyzed
        .passages
        .iter()
        .zip(groups)
        .map(|(p, grouping)| {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.kind, KIND_PASSAGE);
            doc.add_text(fields.article_id, &article.id);
            doc.add_text(fields.path, &path);
            doc.add_u64(fields.passage, p.number as u64);
            doc.add_u64(fields.line, p.line as u64);
            doc.add_u64(fields.start, p.start as u64);
            doc.add_u64(fields.end, p.end as u64);
            doc.add_text(fields.text, &p.text);
            if let Some(h) = &p.heading {
                doc.add_text(fields.heading, h);
            }
            if let Some(t) = &article.title {
                doc.add_text(fields.title, t);
            }
            if let Some(s) = &article.source {
                doc.add_text(fields.source, s);
                doc.add_text(fields.source_exact, s);
            }
            if let Some(a) = &article.author {
                doc.add_text(fields.author, a);
            }
            if let Some(d) = date {
                doc.add_date(fields.date, d);
            }
            if let Some(u) = &article.url {
                doc.add_text(fields.url, u);
            }
            for speaker in &p.speakers {
                doc.add_text(fields.speakers, speaker);
                let forms = aliases.get(speaker.as_str()).into_iter().copied().flatten();
                for name in std::iter::once(speaker).chain(forms) {
                    doc.add_text(fields.speaker, name);
                    if let Some(surname) = name.split_whitespace().last() {
                        doc.add_text(fields.speaker_surname, surname);
                    }
                    if name != speaker {
                        doc.add_text(
                            fields.speaker_aliases,
                            format!("{speaker}{ALIAS_SEPARATOR}{name}"),
                        );
                    }
                }
            }
            let statements: Vec<_> = analyzed
                .statements
                .iter()
                .filter(|s| s.passage == p.number)
                .collect();
            for s in &statements {
                doc.add_text(fields.statement_speakers, &s.speaker);
            }
            if !statements.is_empty() {
                let json = collapse::statements_json(&statements, &grouping.statement_groups);
                doc.add_text(fields.statements, json);
            }
            doc.add_u64(fields.group, grouping.group);
            for &key in &grouping.keys {
                doc.add_u64(fields.dup_key, key);
            }
            for &g in &grouping.unit_groups {
                doc.add_u64(fields.unit_groups, g);
            }
            doc
        })
        .collect()
}
