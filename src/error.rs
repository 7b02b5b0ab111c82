//! Typed errors that callers must react to, and the exit codes they map to.
//!
//! Library code returns [`Error`] where the CLI (or the web server) needs to
//! tell cases apart: a missing index, an index in use, a query with a syntax
//! error. Each message says what went wrong and what to do about it.

use std::path::PathBuf;
use thiserror::Error;

/// Exit codes, documented in `newsidx --help` and the README.
pub mod exit_code {
    /// Success (for `search`: at least one result).
    pub const OK: i32 = 0;
    /// `search`, `quotes`: the query ran but matched nothing.
    pub const NO_MATCH: i32 = 1;
    /// Bad usage: an unknown flag, a query with a syntax error, a bad date.
    pub const USAGE: i32 = 2;
    /// The index is missing, not a newsidx index, incompatible, or in use.
    pub const INDEX: i32 = 3;
    /// Some input files could not be read or analysed; the others were done.
    pub const PARTIAL: i32 = 4;
    /// Any other failure (I/O error, disk full).
    pub const FAILURE: i32 = 5;
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("no index at {path}; create one with `newsidx index --index {path} PATH...`")]
    IndexMissing { path: PathBuf },

    #[error("{path} is not a newsidx index (it exists but holds no index files); point --index at another directory, or remove it and run `newsidx index`")]
    NotAnIndex { path: PathBuf },

    #[error("the index at {path} was made by an incompatible version of newsidx (index format {found}, this version reads {expected}); rebuild it with `newsidx index --rebuild --index {path} PATH...`")]
    IncompatibleIndex {
        path: PathBuf,
        found: String,
        expected: u32,
    },

    #[error("the index at {path} is in use by another newsidx process (index or watch); wait for it to finish, or stop it")]
    IndexLocked { path: PathBuf },

    #[error("query syntax error at column {column}: {message}\n  {query}\n  {marker}")]
    QuerySyntax {
        query: String,
        column: usize,
        message: String,
        marker: String,
    },

    #[error("{flag} {value:?} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, or RFC 3339)")]
    BadDate { flag: &'static str, value: String },

    #[error("manifest {path}: {message}")]
    Manifest { path: PathBuf, message: String },

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::IndexMissing { .. }
            | Error::NotAnIndex { .. }
            | Error::IncompatibleIndex { .. }
            | Error::IndexLocked { .. } => exit_code::INDEX,
            Error::QuerySyntax { .. } | Error::BadDate { .. } | Error::Manifest { .. } => {
                exit_code::USAGE
            }
            Error::Io { .. } | Error::Tantivy(_) => exit_code::FAILURE,
        }
    }

    /// A query syntax error pointing at a (0-based, in chars) column.
    pub fn query_syntax(query: &str, column: usize, message: impl Into<String>) -> Error {
        Error::QuerySyntax {
            query: query.to_string(),
            column: column + 1,
            message: message.into(),
            marker: format!("{}^", " ".repeat(column)),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
