//! `newsidx index --rebuild`: a fresh index, swapped in atomically.
//!
//! The new index is built in a hidden sibling directory while the old one
//! stays searchable, then the two directories are exchanged in one step
//! (`renameat2(RENAME_EXCHANGE)` on Linux), so a search always finds either
//! the complete old index or the complete new one, never a missing or empty
//! one. The index's writer lock (`index::lock`) is taken first and held
//! throughout, so no other `index`, `watch` or rebuild can write to an index
//! that is about to be replaced, even one that does not exist yet. A rebuild
//! that is killed leaves the old index untouched; its half-built sibling is
//! removed by the next writer.

use super::pipeline::{index_paths, IndexOptions, IndexReport, Progress};
use crate::error::{Error, Result};
use crate::index::lock::WriterLock;
use crate::index::swap::{exchange, sibling};
use crate::index::NewsIndex;
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
    // empty, if not): no other writer can start until the swap is over. It
    // also removes what killed rebuilds left.
    let mut lock = WriterLock::acquire(dir)?;
    let building = sibling(dir, &format!("rebuild-{}", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let built = NewsIndex::create(&building).and_then(|index| {
        let report = index_paths(&index, inputs, options, progress)?;
        // The new index's lock too: whichever directory the path names
        // during the exchange, its lock is held.
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
