//! `newsidx index --rebuild`: a fresh index, swapped in atomically.
//!
//! The new index is built in a hidden sibling directory while the old one
//! stays searchable, then the two directories are exchanged in one step
//! (`renameat2(RENAME_EXCHANGE)` on Linux), so a search always finds either
//! the complete old index or the complete new one, never a missing or empty
//! one. The old index's writer lock is held throughout, so no other `index`
//! or `watch` can write to an index that is about to be replaced. A rebuild
//! that is killed leaves the old index untouched; its half-built sibling is
//! removed by the next rebuild.

use super::pipeline::{index_paths, IndexOptions, IndexReport, Progress};
use crate::error::{Error, Result};
use crate::index::swap::{exchange, lock_existing, remove_leftovers, sibling};
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
    let _lock = lock_existing(dir)?;
    remove_leftovers(dir);
    let building = sibling(dir, &format!("rebuild-{}", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let report = {
        let index = NewsIndex::create(&building)?;
        match index_paths(&index, inputs, options, progress) {
            Ok(report) => report,
            Err(e) => {
                drop(index);
                let _ = std::fs::remove_dir_all(&building);
                return Err(e);
            }
        }
    };
    if dir.exists() {
        exchange(&building, dir).map_err(io(dir))?;
        // `building` now holds the old index; searches that opened it keep
        // their open files until they finish.
        drop(_lock);
        std::fs::remove_dir_all(&building).map_err(io(&building))?;
    } else {
        std::fs::rename(&building, dir).map_err(io(dir))?;
    }
    Ok(report)
}
