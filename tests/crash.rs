//! Crash safety: `newsidx index` is killed with SIGKILL at random moments
//! while it indexes the BBC corpus (2,225 articles) and changes to it. After
//! every kill the index must open, answer a search, hold exactly the state
//! of the last commit before the kill or of the run that was killed (never
//! a mix), and let the next run complete (a lock left by the killed process
//! must not block it). At the end the index must equal a clean build.
//!
//! `NEWSIDX_CRASH_KILLS` sets the number of kills (default 20, bounded for
//! CI); `NEWSIDX_CRASH_SEED` replays a run.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A run whose exit means it completed: success, or some input files
/// refused (the BBC corpus holds one file that is not UTF-8).
fn completed(code: Option<i32>) -> bool {
    matches!(code, Some(0) | Some(4))
}

fn index_to_completion(index: &Path, corpus: &Path) -> Duration {
    let started = Instant::now();
    let out = run(newsidx(index, &["index", "--threads", "2"]).arg(corpus));
    assert!(
        completed(out.status.code()),
        "index did not complete after a kill (exit {:?}): {}",
        out.status.code(),
        stderr(&out)
    );
    started.elapsed()
}

/// Starts `index` and kills it after `delay`; returns whether it was still
/// running when killed.
fn index_and_kill(index: &Path, corpus: &Path, delay: Duration) -> bool {
    let mut child = newsidx(index, &["index", "--threads", "2"])
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + delay;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5).min(deadline - Instant::now()));
    }
    let killed = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    killed
}

/// Checks the index after a kill: it opens, a search runs, and it holds
/// the state before the killed run or the state after it (the next
/// completed run tells which that is).
fn check_after_kill(
    index: &Path,
    corpus: &Path,
    before: Option<Holds>,
    round: usize,
) -> (Holds, Duration) {
    let now = if index.join("meta.json").exists() {
        let now = holds(index);
        let found = search_total(index, "said")
            .unwrap_or_else(|e| panic!("round {round}: search failed after a kill: {e}"));
        assert_eq!(
            found > 0,
            now.passages > 0,
            "round {round}: search disagrees with stats"
        );
        Some(now)
    } else {
        None
    };
    let took = index_to_completion(index, corpus);
    let after = holds(index);
    if let Some(now) = now {
        let empty = now.files == 0 && now.passages == 0;
        let ok = Some(now) == before || now == after || (before.is_none() && empty);
        assert!(
            ok,
            "round {round}: after the kill the index held {now:?}, neither the state before \
             the run ({before:?}) nor after it ({after:?})"
        );
    }
    (after, took)
}

/// Changes a few percent of the corpus: edits, deletions, renames,
/// restorations; all undone at the end from `originals`.
fn mutate(corpus: &Path, originals: &BTreeMap<PathBuf, Vec<u8>>, rng: &mut Rng, round: usize) {
    let files: Vec<&PathBuf> = originals.keys().collect();
    for _ in 0..(files.len() / 50) {
        let rel = files[rng.below(files.len() as u64) as usize];
        let path = corpus.join(rel);
        match rng.below(4) {
            0 if path.exists() => {
                let mut text = std::fs::read(&path).unwrap();
                text.extend_from_slice(
                    format!("\n\nA paragraph added in round {round}, the editor said.\n")
                        .as_bytes(),
                );
                std::fs::write(&path, text).unwrap();
            }
            1 if path.exists() => std::fs::remove_file(&path).unwrap(),
            2 if path.exists() => {
                let moved = path
                    .with_file_name(format!("moved-{round}-{}", rel.display()).replace('/', "_"));
                std::fs::rename(&path, moved.with_extension("txt")).unwrap();
            }
            _ => std::fs::write(&path, &originals[rel]).unwrap(),
        }
    }
}

fn restore(corpus: &Path, originals: &BTreeMap<PathBuf, Vec<u8>>) {
    std::fs::remove_dir_all(corpus).unwrap();
    for (rel, bytes) in originals {
        let path = corpus.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn sigkill_at_random_moments_never_loses_or_duplicates_articles() {
    let Some(bbc) = bbc_corpus() else { return };
    let kills: usize = std::env::var("NEWSIDX_CRASH_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let (mut rng, seed) = Rng::from_env_or_time("NEWSIDX_CRASH_SEED");
    eprintln!("crash test: {kills} kills, seed {seed} (NEWSIDX_CRASH_SEED to replay)");

    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("bbc");
    copy_tree(&bbc, &corpus);
    let originals: BTreeMap<PathBuf, Vec<u8>> = walkdir::WalkDir::new(&corpus)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&corpus).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    let index = tmp.path().join("index");

    // The reference: a clean build, uninterrupted.
    let clean_index = tmp.path().join("clean");
    let clean_time = index_to_completion(&clean_index, &corpus);
    let clean = holds(&clean_index);

    // Kills during the first build, from nothing: each leaves no commit or
    // the complete one, and the next run takes up from there.
    let mut survived = 0;
    let first_build_kills = (kills / 8).max(1);
    for round in 0..first_build_kills {
        let delay = Duration::from_millis(rng.below(clean_time.as_millis() as u64));
        if index_and_kill(&index, &corpus, delay) {
            survived += 1;
        }
        if index.join("meta.json").exists() {
            let now = holds(&index);
            let found = search_total(&index, "said")
                .unwrap_or_else(|e| panic!("round {round}: search failed after a kill: {e}"));
            assert_eq!(
                found > 0,
                now.passages > 0,
                "round {round}: search disagrees with stats"
            );
            let empty = now.files == 0 && now.passages == 0;
            assert!(
                empty || now == clean,
                "round {round}: a partial first build is visible: {now:?}"
            );
        }
    }
    index_to_completion(&index, &corpus);
    assert_eq!(
        holds(&index),
        clean,
        "the first build after kills differs from a clean one"
    );

    // Kills during runs that apply a few percent of changes; each kill is
    // followed by a run that must complete.
    // The kill comes within the time the previous such run took.
    let mut state = Some(clean);
    let mut window = Duration::from_millis(1500);
    for round in first_build_kills..kills {
        mutate(&corpus, &originals, &mut rng, round);
        let delay = Duration::from_millis(rng.below(window.as_millis() as u64));
        if index_and_kill(&index, &corpus, delay) {
            survived += 1;
        }
        let (after, took) = check_after_kill(&index, &corpus, state, round);
        state = Some(after);
        window = took;
    }

    restore(&corpus, &originals);
    index_to_completion(&index, &corpus);
    let survivor = holds(&index);
    eprintln!("crash test: {survived} kills survived (of {kills} rounds); final {survivor:?}, clean build {clean:?}");
    assert_eq!(
        survivor, clean,
        "after the kills the index differs from a clean build"
    );
    assert!(
        survived > kills / 2,
        "too few runs were still running when killed: {survived}"
    );
}
