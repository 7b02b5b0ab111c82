//! The one lock every writer of an index takes before it touches the index
//! path: `index`, `watch` and `index --rebuild`, whether the directory
//! exists yet or not.
//!
//! tantivy's own writer lock lives in a file of the index, so it cannot
//! guard a directory that does not exist yet, nor the moment `--rebuild`
//! exchanges a new index for the old one: two writers started together on a
//! new directory both went ahead, and one of them swapped a fresh index in
//! under the other's feet (leaving an index pointing at segment files that
//! do not exist). Here the directory is made first (empty), a `flock` is
//! taken on `newsidx.lock` inside it, and the lock is checked to be on the
//! file the path names now (not on one a swap just moved away). A rebuild
//! locks its new directory too before the exchange, so whatever the path
//! names, its lock file is held until the swap is over. The loser of any
//! race gets [`Error::IndexLocked`].
//!
//! With the lock held, no rebuild of this index is running, so any
//! `.NAME.rebuild-PID` sibling is what a killed rebuild left behind: the
//! lock removes them.

use super::holds_foreign_files;
use super::swap::sibling;
use crate::error::{Error, Result};
use std::fs::File;
use std::path::Path;

/// The lock file in every index directory a writer has opened.
pub const LOCK_FILE: &str = "newsidx.lock";

/// Held writer locks (one per directory); released when dropped.
#[derive(Debug)]
pub struct WriterLock {
    files: Vec<File>,
}

impl WriterLock {
    /// Takes the writer lock of the index at `dir`, creating the directory
    /// (empty) if it does not exist, and removes what killed rebuilds of it
    /// left. Fails with [`Error::IndexLocked`] if another process holds it.
    ///
    /// A path that is a file, or a directory holding other files and no
    /// index, is refused before anything is written in it.
    pub fn acquire(dir: &Path) -> Result<WriterLock> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::IndexNotADirectory {
                path: dir.to_path_buf(),
            });
        }
        // Nothing is written into a directory that is plainly somebody
        // else's. One with a lock file is a newsidx writer's, possibly busy
        // right now: only with its lock held is what it holds settled.
        let not_an_index = || Error::NotAnIndex {
            path: dir.to_path_buf(),
        };
        if dir.is_dir() && !dir.join(LOCK_FILE).exists() && holds_foreign_files(dir) {
            return Err(not_an_index());
        }
        let file = lock_dir(dir)?;
        if holds_foreign_files(dir) {
            return Err(not_an_index());
        }
        remove_leftovers(dir);
        Ok(WriterLock { files: vec![file] })
    }

    /// Also locks `dir` (a new index about to be swapped in).
    pub fn also(&mut self, dir: &Path) -> Result<()> {
        self.files.push(lock_dir(dir)?);
        Ok(())
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn lock_dir(dir: &Path) -> Result<File> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let path = dir.join(LOCK_FILE);
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
    {
        Ok(file) => file,
        // A read-only index: a lock file made earlier can be locked as it
        // is; without one nobody can write here, and the writer says so.
        Err(e) if is_read_only(&e) => match File::open(&path) {
            Ok(file) => file,
            Err(_) => return Err(io(dir)(e)),
        },
        Err(e) => return Err(io(dir)(e)),
    };
    if !try_flock(&file).map_err(io(dir))? || !still_named(&file, &path) {
        return Err(Error::IndexLocked {
            path: dir.to_path_buf(),
        });
    }
    Ok(file)
}

fn is_read_only(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

/// An exclusive, non-blocking `flock`: false if another process holds it.
#[cfg(unix)]
fn try_flock(file: &File) -> std::io::Result<bool> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: the descriptor is valid for the call, owned by `file`.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    if e.raw_os_error() == Some(libc::EWOULDBLOCK) {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
fn try_flock(file: &File) -> std::io::Result<bool> {
    file.try_lock().map(|()| true).or_else(|e| match e {
        std::fs::TryLockError::WouldBlock => Ok(false),
        std::fs::TryLockError::Error(e) => Err(e),
    })
}

/// Whether `path` still names the locked file: a rebuild that swapped the
/// directory between our open and our lock leaves us holding the lock of
/// the old index, which guards nothing.
#[cfg(unix)]
fn still_named(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_named(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Removes half-built indexes left by rebuilds that were killed. Called with
/// the lock held, so no rebuild of this index is running.
fn remove_leftovers(dir: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        let first = WriterLock::acquire(&dir).unwrap();
        assert!(dir.join(LOCK_FILE).exists());
        assert!(matches!(
            WriterLock::acquire(&dir),
            Err(Error::IndexLocked { .. })
        ));
        drop(first);
        WriterLock::acquire(&dir).unwrap();
    }

    /// A writer half-way through making an index has files there and no
    /// marker yet: to a second writer that is a busy index, not a foreign
    /// directory.
    #[test]
    fn a_directory_a_writer_is_filling_is_locked_not_foreign() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new");
        let first = WriterLock::acquire(&dir).unwrap();
        std::fs::write(dir.join("0123.idx"), "").unwrap();
        assert!(matches!(
            WriterLock::acquire(&dir),
            Err(Error::IndexLocked { .. })
        ));
        drop(first);
        // Once nobody holds it, files without an index are somebody else's.
        assert!(matches!(
            WriterLock::acquire(&dir),
            Err(Error::NotAnIndex { .. })
        ));
    }

    #[test]
    fn the_next_writer_removes_what_killed_rebuilds_left() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        let left = tmp.path().join(".idx.rebuild-999999");
        std::fs::create_dir_all(left.join("x")).unwrap();
        let other = tmp.path().join(".other.rebuild-1");
        std::fs::create_dir(&other).unwrap();
        let _lock = WriterLock::acquire(&dir).unwrap();
        assert!(!left.exists() && other.exists());
    }
}
