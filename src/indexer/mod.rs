//! The indexing pipeline, one for `index`, `watch` and `analyze`:
//!
//! ```text
//! walk ─> read ─> extract ─> passages ─> attribution ─> grouping ─> documents
//! ```
//!
//! [`walk`] finds the files; [`analyze`] reads one file and runs extraction
//! (`ingest`), passage splitting (`passages`) and attribution on it — that
//! is all `analyze` does, and the first half of what `index` does;
//! [`pipeline`] runs it on worker threads, groups copies (`syndication`)
//! and hands the documents to storage (`crate::index`, through
//! `index::codec`) in one commit, after [`regroup`] has learnt the keys of
//! every passage it writes (copy groups depend on all of them). [`rename`] re-points a moved file's
//! documents instead of analysing it again, [`watch`] feeds batches of
//! changed paths to the same pipeline, and [`rebuild`] runs it into a fresh
//! directory that is then swapped in.

pub mod analyze;
pub mod pipeline;
pub mod rebuild;
pub mod regroup;
pub mod rename;
pub mod walk;
pub mod watch;

pub use pipeline::{index_paths, IndexOptions, IndexReport, Indexer, Progress, Silent};
