//! Replacing one index directory by another in one step, for `index
//! --rebuild`: the writer lock of the index being replaced, the hidden
//! sibling directory a new index is built in, and the atomic exchange of
//! the two (`renameat2(RENAME_EXCHANGE)` on Linux). What is built there is
//! the indexer's business (`crate::indexer::rebuild`).

use super::META_FILE;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use tantivy::directory::{Directory, DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};

/// Takes the writer lock of the index at `dir`, if there is one (of any
/// format: rebuilding is how an incompatible index is replaced). Refuses to
/// replace a directory that is not an index.
pub fn lock_existing(dir: &Path) -> Result<Option<DirectoryLock>> {
    if !dir.exists() {
        return Ok(None);
    }
    if !dir.join(META_FILE).exists() {
        let empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none());
        if !empty {
            return Err(Error::NotAnIndex {
                path: dir.to_path_buf(),
            });
        }
    }
    let directory = MmapDirectory::open(dir).map_err(|e| Error::Tantivy(e.into()))?;
    match directory.acquire_lock(&INDEX_WRITER_LOCK) {
        Ok(lock) => Ok(Some(lock)),
        Err(tantivy::directory::error::LockError::LockBusy) => Err(Error::IndexLocked {
            path: dir.to_path_buf(),
        }),
        Err(tantivy::directory::error::LockError::IoError(e)) => Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(e.kind(), e.to_string()),
        }),
    }
}

/// A hidden directory beside `dir`, e.g. `.index.rebuild-123` for `index`.
pub fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Removes half-built indexes left by rebuilds that were killed. Called with
/// the lock held, so no other rebuild of this index is running.
pub fn remove_leftovers(dir: &Path) {
    let prefix = sibling(dir, "rebuild-");
    let (Some(parent), Some(prefix)) = (prefix.parent(), prefix.file_name()) else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Swaps two directories atomically.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the
    // call; AT_FDCWD makes them relative to the working directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Swaps two directories with two renames: elsewhere than Linux there is a
/// moment when `b` is missing, which readers retry over.
#[cfg(not(target_os = "linux"))]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let parked = sibling(b, &format!("old-{}", std::process::id()));
    std::fs::rename(b, &parked)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&parked, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_hidden_and_beside_the_index() {
        assert_eq!(
            sibling(Path::new("/data/idx"), "rebuild-7"),
            PathBuf::from("/data/.idx.rebuild-7")
        );
        assert_eq!(
            sibling(Path::new("idx"), "rebuild-7"),
            PathBuf::from(".idx.rebuild-7")
        );
    }

    #[test]
    fn exchange_swaps_two_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::write(b.join("from-b"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(a.join("from-b").exists() && b.join("from-a").exists());
    }
}
