//! `newsidx index --rebuild`: a fresh index, swapped in atomically.
//!
//! The new index is built in a hidden sibling directory while the old one
//! stays searchable, then the two directories are exchanged in one step
//! (`renameat2(RENAME_EXCHANGE)` on Linux), so a search always finds either
//! the complete old index or the complete new one, never a missing or empty
//! one. The index's writer lock (see `lock`) is taken first and held
//! throughout, so no other `index`, `watch` or rebuild can write to an index
//! that is about to be replaced, even one that does not exist yet. A rebuild
//! that is killed leaves the old index untouched; its half-built sibling is
//! removed by the next writer.

use super::lock::{sibling, WriterLock};
use super::writer::{index_paths, IndexOptions, IndexReport, Progress};
use super::NewsIndex;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Rebuilds the index at `dir` from `inputs` and swaps it in.
pub fn rebuild(
    dir: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    rebuild_and_swap(dir, inputs, options, progress).map_err(|e| e.when_writing(dir))
}

fn rebuild_and_swap(
    dir: &Path,
    inputs: &[PathBuf],
    options: &IndexOptions,
    progress: &dyn Progress,
) -> Result<IndexReport> {
    // Taken before anything else, whether `dir` exists or not (it is made,
    // empty, if not): no other writer can start until the swap is over.
    let mut lock = WriterLock::acquire(dir)?;
    let building = sibling(dir, &format!("rebuild-{}", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let built = NewsIndex::create(&building).and_then(|index| {
        let report = index_paths(&index, inputs, options, progress)?;
        lock.also(&building)?;
        Ok(report)
    });
    let report = match built {
        Ok(report) => report,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&building);
            return Err(e);
        }
    };
    // `dir` exists (the lock made it): the two are exchanged in one step,
    // and `building` then holds the old index (or the empty directory);
    // searches that opened it keep their open files until they finish.
    exchange(&building, dir).map_err(io(dir))?;
    std::fs::remove_dir_all(&building).map_err(io(&building))?;
    drop(lock);
    Ok(report)
}

/// Swaps two directories atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
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
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let parked = sibling(b, &format!("old-{}", std::process::id()));
    std::fs::rename(b, &parked)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&parked, a)
}

#[cfg(test)]
mod tests {
    use super::*;

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
