//! The directory an index lives in: tantivy's memory-mapped directory, made
//! searchable when it is read-only.
//!
//! Opening a reader takes tantivy's meta lock, a file that tantivy opens for
//! writing (creating it if needed); on a read-only mount or directory that
//! fails, and a perfectly good index could not be searched. Here the meta
//! lock falls back to the same lock file opened read-only (`flock` works on
//! it just as well), or to no lock at all if the file cannot exist: then no
//! writer can be collecting files under the reader either. The writer lock
//! is never relaxed, so writing a read-only index still fails, clearly.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

/// A memory-mapped index directory whose readers work read-only.
#[derive(Debug, Clone)]
pub struct IndexDirectory {
    inner: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    pub fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            inner: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

fn is_read_only(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

/// Takes an exclusive `flock` on a file opened read-only, blocking like
/// tantivy's meta lock does. Released when the file is closed.
#[cfg(unix)]
fn flock_read_only(path: &Path) -> std::io::Result<File> {
    use std::os::unix::io::AsRawFd;
    let file = File::open(path)?;
    // SAFETY: the descriptor is valid for the call, owned by `file`.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) };
    if rc == 0 {
        Ok(file)
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
fn flock_read_only(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }
    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }
    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }
    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }
    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }
    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && is_read_only(&e) =>
            {
                let path = self.root.join(&lock.filepath);
                match flock_read_only(&path) {
                    Ok(file) => Ok(DirectoryLock::from(Box::new(file))),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        Ok(DirectoryLock::from(Box::new(())))
                    }
                    Err(e) => Err(LockError::IoError(Arc::new(e))),
                }
            }
            other => other,
        }
    }
}
