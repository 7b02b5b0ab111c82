//! Following a set of directories: after a first full run, file system
//! events are gathered into batches and each batch is applied as one
//! incremental update (one commit).
//!
//! A batch closes when no event came for the debounce time (or after
//! [`MAX_BATCH_WAIT`] of steady changes). Access events are ignored: the
//! update itself opens the files it reads, and must not wake itself up.
//!
//! Events only say *which* paths changed; what happened to each is read
//! back from the disk when the batch is applied, so lost, duplicated or
//! reordered events cannot put the index out of line: a path that exists is
//! (re)stated and indexed if changed, a path that is gone has its documents
//! (and those of anything under it) removed, and a directory is walked. When
//! the event queue overflows, the whole tree is walked again. A rename shows
//! up as one path gone and one path new with the same content, which the
//! writer re-points without analysing the file again.

use super::pipeline::{IndexReport, Indexer, Progress};
use super::walk::{self, Walk};
use crate::error::Result;
use crate::ingest::Format;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How often the stop flag is checked while waiting for events.
const STOP_POLL: Duration = Duration::from_millis(100);

/// A batch is applied after this long even if changes keep coming.
pub const MAX_BATCH_WAIT: Duration = Duration::from_secs(10);

/// What the watcher thread hands over: changed paths, or word that events
/// were lost.
enum Change {
    Paths(Vec<PathBuf>),
    Lost,
}

/// One applied batch.
#[derive(Debug)]
pub struct Batch {
    /// Distinct paths the events named.
    pub paths: usize,
    /// The event queue overflowed and the whole tree was walked again.
    pub rescanned: bool,
    pub report: IndexReport,
}

/// Why the watch could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {path}: {message}")]
    Watch { path: PathBuf, message: String },
    #[error(transparent)]
    Index(#[from] crate::error::Error),
}

/// What a watch follows: canonical directories or files, and the
/// `--exclude` globs left out below them (relative to each root).
#[derive(Debug, Clone, Default)]
pub struct Watched {
    pub roots: Vec<PathBuf>,
    pub excludes: Vec<String>,
}

impl Watched {
    /// Walks `paths` (all of the roots, or changed paths below them),
    /// leaving out the excluded ones and the index directory.
    fn walk(&self, paths: &[PathBuf], index_dir: Option<&Path>) -> Walk {
        walk::walk_below(paths, index_dir, &self.excludes, &self.roots)
    }
}

/// Follows `watched` until `stop` is set, calling `on_batch` after each
/// committed batch. The first batch is the full run over the roots. A batch that fails is rolled back and reported as
/// an error; a stop request lets the batch in progress finish first.
pub fn watch(
    indexer: &mut Indexer<'_>,
    index_dir: &Path,
    watched: &Watched,
    debounce: Duration,
    stop: &AtomicBool,
    progress: &dyn Progress,
    on_batch: &mut dyn FnMut(&Batch),
) -> std::result::Result<(), WatchError> {
    let (tx, rx) = mpsc::channel::<Change>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let change = match event {
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => return,
            Ok(e) if e.need_rescan() => Change::Lost,
            Ok(e) => Change::Paths(e.paths),
            Err(_) => Change::Lost,
        };
        let _ = tx.send(change);
    })
    .map_err(|e| WatchError::Watch {
        path: watched.roots.first().cloned().unwrap_or_default(),
        message: e.to_string(),
    })?;
    for root in &watched.roots {
        watcher
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| WatchError::Watch {
                path: root.clone(),
                message: e.to_string(),
            })?;
    }

    // Watching starts before the first run, so nothing changed during it is
    // missed (it is seen again, at worst, as an unchanged file).
    let report = indexer.update(watched.walk(&watched.roots, Some(index_dir)), progress)?;
    on_batch(&Batch {
        paths: 0,
        rescanned: true,
        report,
    });

    while !stop.load(Ordering::SeqCst) {
        let first = match rx.recv_timeout(STOP_POLL) {
            Ok(change) => change,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // Debounce: gather until the changes pause.
        let mut changed = BTreeSet::new();
        let mut rescan = false;
        let opened = Instant::now();
        let mut next = Some(first);
        while let Some(change) = next {
            match change {
                Change::Paths(paths) => changed.extend(paths),
                Change::Lost => rescan = true,
            }
            next = if opened.elapsed() < MAX_BATCH_WAIT {
                rx.recv_timeout(debounce).ok()
            } else {
                None
            };
        }
        let walked = if rescan {
            watched.walk(&watched.roots, Some(index_dir))
        } else {
            changed_paths(&changed, watched, index_dir)
        };
        if !rescan && walked.files.is_empty() && walked.dirs.is_empty() {
            continue; // only hidden, index or non-article paths changed
        }
        let report = indexer.update(walked, progress)?;
        on_batch(&Batch {
            paths: changed.len(),
            rescanned: rescan,
            report,
        });
    }
    Ok(())
}

/// What to look at for a set of changed paths: files that exist are stated,
/// directories walked, and paths that are gone listed as walked directories
/// with nothing in them, so the writer removes what was recorded there.
pub fn changed_paths(changed: &BTreeSet<PathBuf>, watched: &Watched, index_dir: &Path) -> Walk {
    let index_dir = index_dir.canonicalize().ok();
    let mut out = Walk::default();
    for path in changed {
        if index_dir.as_deref().is_some_and(|d| path.starts_with(d))
            || is_hidden(path, &watched.roots)
        {
            continue;
        }
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.dirs.push(path.clone()),
            _ if path.is_dir() => merge(
                &mut out,
                watched.walk(std::slice::from_ref(path), index_dir.as_deref()),
            ),
            _ if Format::of(path).is_some() && !walk::non_article_name(path) => merge(
                &mut out,
                watched.walk(std::slice::from_ref(path), index_dir.as_deref()),
            ),
            _ => {}
        }
    }
    // A new directory and the files in it are all named by events.
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    out.files.dedup_by(|a, b| a.path == b.path);
    out
}

fn merge(into: &mut Walk, walked: Walk) {
    into.files.extend(walked.files);
    into.dirs.extend(walked.dirs);
    into.problems.extend(walked.problems);
    into.skipped.extend(walked.skipped);
    for (why, n) in walked.left_out {
        *into.left_out.entry(why).or_default() += n;
    }
}

/// Whether a path lies in a hidden file or directory below its root (the
/// walk skips those, so events there are ignored too).
fn is_hidden(path: &Path, roots: &[PathBuf]) -> bool {
    let Some(relative) = roots.iter().find_map(|r| path.strip_prefix(r).ok()) else {
        return false;
    };
    relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Canonical roots for watching; paths that do not exist are reported.
pub fn canonical_roots(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    paths
        .iter()
        .map(|p| {
            p.canonicalize().map_err(|source| crate::error::Error::Io {
                path: p.clone(),
                source,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watching(root: &Path, excludes: &[&str]) -> Watched {
        Watched {
            roots: vec![root.to_path_buf()],
            excludes: excludes.iter().map(|g| g.to_string()).collect(),
        }
    }

    #[test]
    fn changed_paths_matching_an_exclude_below_the_root_are_left_out() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("drafts/2025")).unwrap();
        std::fs::create_dir_all(root.join("news")).unwrap();
        for file in [
            "drafts/a.txt",
            "drafts/2025/b.txt",
            "news/c.txt",
            "news/d.csv.txt",
        ] {
            std::fs::write(root.join(file), "Some article text.").unwrap();
        }
        // Each changed path is walked on its own; the globs still apply
        // relative to the watched root, to files and whole folders.
        let changed: BTreeSet<PathBuf> = [
            root.join("drafts/a.txt"),
            root.join("drafts/2025"),
            root.join("drafts/2025/b.txt"),
            root.join("news/c.txt"),
            root.join("news/d.csv.txt"),
        ]
        .into_iter()
        .collect();
        let walked = changed_paths(
            &changed,
            &watching(&root, &["drafts/", "*.csv.txt"]),
            &root.join("index"),
        );
        let files: Vec<_> = walked.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(files, vec![root.join("news/c.txt")]);
        assert_eq!(walked.left_out.get(&walk::LeftOut::Excluded), Some(&4));
        // Without the globs all four are found.
        let walked = changed_paths(&changed, &watching(&root, &[]), &root.join("index"));
        assert_eq!(walked.files.len(), 4);
    }

    #[test]
    fn gone_paths_become_walked_dirs_and_new_files_are_found() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::write(root.join("new.txt"), "Some article text.").unwrap();
        std::fs::write(root.join("notes.bin"), "x").unwrap();
        std::fs::create_dir(root.join(".hidden")).unwrap();
        std::fs::write(root.join(".hidden/a.txt"), "hidden").unwrap();
        let changed: BTreeSet<PathBuf> = [
            root.join("new.txt"),
            root.join("gone.txt"),
            root.join("notes.bin"),
            root.join(".hidden/a.txt"),
        ]
        .into_iter()
        .collect();
        let walked = changed_paths(&changed, &watching(&root, &[]), &root.join("index"));
        let files: Vec<_> = walked.files.iter().map(|f| f.path.clone()).collect();
        assert_eq!(files, vec![root.join("new.txt")]);
        assert_eq!(walked.dirs, vec![root.join("gone.txt")]);
        assert!(walked.problems.is_empty());
    }

    #[test]
    fn a_file_named_twice_is_looked_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(root.join("sub/a.txt"), "Some article text.").unwrap();
        let changed: BTreeSet<PathBuf> = [root.join("sub"), root.join("sub/a.txt")]
            .into_iter()
            .collect();
        let walked = changed_paths(&changed, &watching(&root, &[]), &root.join("index"));
        assert_eq!(walked.files.len(), 1);
    }

    #[test]
    fn events_inside_the_index_directory_are_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(root.join("index")).unwrap();
        std::fs::write(root.join("index/x.txt"), "not an article").unwrap();
        let changed: BTreeSet<PathBuf> = [root.join("index/x.txt")].into_iter().collect();
        let walked = changed_paths(&changed, &watching(&root, &[]), &root.join("index"));
        assert!(walked.files.is_empty() && walked.dirs.is_empty());
    }
}
