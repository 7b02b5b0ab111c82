//! Typed errors that callers must react to, and the exit codes they map to.
//!
//! Library code returns [`Error`] where the CLI (or the web server) needs to
//! tell cases apart: a missing index, an index in use, a query with a syntax
//! error. Each message says what went wrong and what to do about it.

use std::path::PathBuf;
use thiserror::Error;

/// Exit codes: every code the binary exits with is here, and
/// [`exit_code::ALL`] lists them with their meaning as the README's table
/// and `newsidx --help` show them (a test compares the three).
pub mod exit_code {
    /// Success (for `search`: at least one result).
    pub const OK: u8 = 0;
    /// `search`, `quotes`: the query ran but matched nothing.
    pub const NO_MATCH: u8 = 1;
    /// Bad usage: an unknown flag, a query with a syntax error, a bad date.
    pub const USAGE: u8 = 2;
    /// The index is missing, not a newsidx index, incompatible, or in use.
    pub const INDEX: u8 = 3;
    /// Some input files could not be read or analysed; the others were done.
    pub const PARTIAL: u8 = 4;
    /// Any other failure (I/O error, disk full).
    pub const FAILURE: u8 = 5;
    /// `watch` stopped by a second Ctrl-C (SIGINT's conventional 128 + 2).
    pub const INTERRUPTED: u8 = 130;

    /// Every exit code, in order.
    pub const ALL: [u8; 7] = [OK, NO_MATCH, USAGE, INDEX, PARTIAL, FAILURE, INTERRUPTED];
}

/// An I/O error in words a user can act on.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied (check the file's permissions)".to_string()
        }
        _ => e.to_string(),
    }
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("no index at {path}; create one with `newsidx index --index {path} PATH...`")]
    IndexMissing { path: PathBuf },

    #[error("{path} is not a newsidx index (it exists but holds no index files); point --index at another directory, or remove it and run `newsidx index`")]
    NotAnIndex { path: PathBuf },

    #[error("--index {path} is a file, not a directory; point --index at a directory (new or holding an index)")]
    IndexNotADirectory { path: PathBuf },

    #[error("the index at {path} was made by an incompatible version of newsidx (index format {found}, this version reads {expected}); rebuild it with `newsidx index --rebuild --index {path} PATH...`")]
    IncompatibleIndex {
        path: PathBuf,
        found: String,
        expected: u32,
    },

    #[error("the index at {path} is in use by another newsidx process (index or watch); wait for it to finish, or stop it")]
    IndexLocked { path: PathBuf },

    #[error("cannot write the index at {path}: {reason}; {left}; {fix}")]
    IndexNotWritable {
        path: PathBuf,
        reason: String,
        /// What the failed run left: the previous index, or none at all.
        left: &'static str,
        fix: &'static str,
    },

    #[error("query syntax error at column {column}: {message}\n  {query}\n  {marker}")]
    QuerySyntax {
        query: String,
        column: usize,
        message: String,
        marker: String,
    },

    #[error(
        "{flag} {value:?} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, or RFC 3339), from {} to {}",
        crate::calendar::PLAUSIBLE_YEARS.start(),
        crate::calendar::PLAUSIBLE_YEARS.end()
    )]
    BadDate { flag: &'static str, value: String },

    /// A search filter that can match nothing as given; `flag` is the CLI
    /// flag (the API parameter without its dashes).
    #[error("{message}")]
    BadFilter { flag: &'static str, message: String },

    /// None of the paths given to `index` or `watch` exists: nothing is
    /// created or written.
    #[error("nothing to index: {paths} {verb} not exist; give article files or directories that exist (no index was created or changed)")]
    NoInput { paths: String, verb: &'static str },

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

    /// The search cluster at `address` cannot be used: down, not
    /// OpenSearch, or refusing the requests.
    #[error("{address}: {reason}")]
    Cluster { address: String, reason: String },

    /// An index on the cluster at `address` is not one newsidx can use
    /// (another mapping, or missing when a search needs it).
    #[error("{address}: index {index}: {reason}")]
    ClusterIndex {
        address: String,
        index: String,
        reason: String,
    },
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::IndexMissing { .. }
            | Error::NotAnIndex { .. }
            | Error::IndexNotADirectory { .. }
            | Error::IncompatibleIndex { .. }
            | Error::IndexLocked { .. }
            | Error::ClusterIndex { .. } => exit_code::INDEX,
            Error::QuerySyntax { .. }
            | Error::BadDate { .. }
            | Error::BadFilter { .. }
            | Error::NoInput { .. }
            | Error::Manifest { .. } => exit_code::USAGE,
            Error::Io { .. }
            | Error::Tantivy(_)
            | Error::IndexNotWritable { .. }
            | Error::Cluster { .. } => exit_code::FAILURE,
        }
    }

    /// The I/O error underneath, if this is one.
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        use tantivy::directory::error::{LockError, OpenWriteError};
        use tantivy::TantivyError as T;
        match self {
            Error::Io { source, .. } => Some(io_kind(source)),
            Error::Tantivy(T::IoError(e))
            | Error::Tantivy(T::OpenWriteError(OpenWriteError::IoError { io_error: e, .. }))
            | Error::Tantivy(T::LockFailure(LockError::IoError(e), _)) => Some(io_kind(e)),
            // tantivy writes some files (a segment's fast fields) through
            // code that reports a failed write as text: "Internal error:
            // 'No space left on device (os error 28)'".
            Error::Tantivy(T::InternalError(text)) => os_error_in(text).map(kind_of_os_error),
            _ => None,
        }
    }

    /// Turns a failure to write the index at `path` because the disk is
    /// full or the directory read-only into [`Error::IndexNotWritable`],
    /// which says so and what to do; other errors are returned as they are.
    pub fn when_writing(self, path: &std::path::Path) -> Error {
        use std::io::ErrorKind;
        // tantivy's indexing threads report a failed write without its
        // cause ("an index writer was killed"): then look at the disk.
        let kind = self.io_kind().or_else(|| {
            matches!(
                self,
                Error::Tantivy(tantivy::TantivyError::ErrorInThread(_))
            )
            .then(|| disk_nearly_full(path).then_some(ErrorKind::StorageFull))
            .flatten()
        });
        let (reason, fix) = match kind {
            Some(ErrorKind::StorageFull) | Some(ErrorKind::QuotaExceeded) => (
                "the disk is full",
                "free some space (or point --index at a larger disk) and run again",
            ),
            Some(ErrorKind::ReadOnlyFilesystem) => (
                "the file system is read-only",
                "remount it read-write, or point --index at a writable directory",
            ),
            Some(ErrorKind::PermissionDenied) => (
                "permission denied",
                "make the index directory writable by you, or point --index elsewhere",
            ),
            _ => return self,
        };
        // A new index on a read-only disk has nothing "as it was" to keep.
        let left = if path.join("meta.json").is_file() {
            "nothing of this run was committed and the index is searchable as it was"
        } else {
            "no index was made"
        };
        Error::IndexNotWritable {
            path: path.to_path_buf(),
            reason: reason.to_string(),
            left,
            fix,
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

/// [`Error::NoInput`] when not one of `paths` exists (checked before an
/// index is created or locked, so that a mistyped path leaves nothing
/// behind); a run with some paths that exist reports the others and goes on.
pub fn check_inputs_exist(paths: &[PathBuf]) -> Result<()> {
    if paths.is_empty() || paths.iter().any(|p| p.exists()) {
        return Ok(());
    }
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Err(Error::NoInput {
        paths: names.join(", "),
        verb: if names.len() == 1 { "does" } else { "do" },
    })
}

/// Whether the file system holding `path` has (almost) no space left.
#[cfg(unix)]
fn disk_nearly_full(path: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    const NEARLY_FULL_BYTES: u64 = 256 * 1024;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: a valid NUL-terminated path and a buffer of the right type;
    // the buffer is read only when the call succeeded.
    if unsafe { libc::statvfs(c_path.as_ptr(), stat.as_mut_ptr()) } != 0 {
        return false;
    }
    let stat = unsafe { stat.assume_init() };
    // The field types differ between platforms (u32 on some).
    #[allow(clippy::unnecessary_cast)]
    let available = (stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64);
    available < NEARLY_FULL_BYTES
}

#[cfg(not(unix))]
fn disk_nearly_full(_path: &std::path::Path) -> bool {
    false
}

/// The kind of an I/O error, looking through the wrappers that tantivy's
/// writer threads put around the operating system's error.
fn io_kind(e: &std::io::Error) -> std::io::ErrorKind {
    use std::io::ErrorKind;
    let mut cause: Option<&(dyn std::error::Error + 'static)> = e.get_ref().map(|i| i as _);
    while let Some(c) = cause {
        if let Some(inner) = c.downcast_ref::<std::io::Error>() {
            return io_kind(inner);
        }
        cause = c.source();
    }
    // Wrapped in an error type that does not expose its source: the
    // operating system's code is still in the message.
    match e.raw_os_error().or_else(|| os_error_in(&e.to_string())) {
        Some(code) if kind_of_os_error(code) != ErrorKind::Other => kind_of_os_error(code),
        _ => e.kind(),
    }
}

/// The operating system's error code a message ends with ("… (os error
/// 28)", as Rust prints an I/O error), if any.
fn os_error_in(text: &str) -> Option<i32> {
    text.trim_end_matches(['\'', '"'])
        .rsplit_once("(os error ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .and_then(|code| code.parse().ok())
}

/// The kinds of the operating system's errors that the index's writer
/// explains to the user; any other code is `Other`.
fn kind_of_os_error(code: i32) -> std::io::ErrorKind {
    use std::io::ErrorKind;
    match code {
        libc::ENOSPC | libc::EDQUOT => ErrorKind::StorageFull,
        libc::EROFS => ErrorKind::ReadOnlyFilesystem,
        libc::EACCES | libc::EPERM => ErrorKind::PermissionDenied,
        _ => ErrorKind::Other,
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    #[test]
    fn a_full_disk_reported_as_tantivy_text_is_a_full_disk() {
        let internal = |text: &str| {
            Error::Tantivy(tantivy::TantivyError::InternalError(text.to_string())).io_kind()
        };
        assert_eq!(
            internal("No space left on device (os error 28)"),
            Some(ErrorKind::StorageFull)
        );
        assert_eq!(
            internal("'Read-only file system (os error 30)'"),
            Some(ErrorKind::ReadOnlyFilesystem)
        );
        assert_eq!(internal("a segment is missing"), None);
        let wrapped = std::io::Error::other("write failed: No space left on device (os error 28)");
        assert_eq!(io_kind(&wrapped), ErrorKind::StorageFull);
    }
}
