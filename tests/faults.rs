//! Faults around the index: a second writer, a writer killed while holding
//! the lock, searches running while `index`, `watch` and `index --rebuild`
//! commit, a full disk and a read-only index directory. Also what the
//! incremental rebuild promises: unchanged files are not re-read, renamed
//! files are not re-analysed, removed files are pruned.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A copy of the watch fixtures in a fresh temp dir: (tempdir, corpus, index).
fn corpus_copy() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("articles");
    copy_tree(&fixtures("watch"), &corpus);
    let index = tmp.path().join("index");
    (tmp, corpus, index)
}

/// A running `newsidx watch`, its stdout lines delivered on a channel.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(index: &Path, corpus: &Path) -> Watch {
        Watch::start_with(index, corpus, &[])
    }

    /// `watch` with more arguments.
    fn start_with(index: &Path, corpus: &Path, args: &[&str]) -> Watch {
        let mut child = newsidx(
            index,
            &["watch", "--json", "--debounce", "200", "--threads", "1"],
        )
        .args(args)
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Watch { child, lines }
    }

    /// The next batch line, as JSON.
    fn batch(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(60))
            .expect("watch printed a batch line within a minute");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("batch line {line:?}: {e}"))
    }

    /// Batches until `done` says the effect of a change was seen (a change
    /// may be split across two batches by the debouncer).
    fn until(&self, mut done: impl FnMut(&serde_json::Value) -> bool) {
        for _ in 0..5 {
            if done(&self.batch()) {
                return;
            }
        }
        panic!("watch never applied the change");
    }

    fn signal(&self, signal: i32) {
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.child.id() as i32, signal) };
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn unchanged_files_are_not_reread_renamed_not_reanalysed_removed_pruned() {
    let (_tmp, corpus, index) = corpus_copy();
    run(newsidx(&index, &["index", "--json"]).arg(&corpus));
    let before = holds(&index);

    let again = run(newsidx(&index, &["index", "--json"]).arg(&corpus));
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["unchanged"], 3, "{report}");
    assert_eq!(report["articles"], 0, "nothing re-analysed: {report}");

    std::fs::create_dir(corpus.join("moved")).unwrap();
    std::fs::rename(corpus.join("harbour.txt"), corpus.join("moved/port.txt")).unwrap();
    std::fs::remove_file(corpus.join("library.txt")).unwrap();
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    let summary = stderr(&out);
    assert!(
        summary.contains("1 renamed") && summary.contains("1 removed"),
        "{summary}"
    );
    assert!(
        summary.contains("(0 articles, 0 passages written"),
        "re-analysed: {summary}"
    );
    let out = run(newsidx(&index, &["search", "dredging", "--json"]));
    let hit: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert!(
        hit["path"].as_str().unwrap().ends_with("moved/port.txt"),
        "{hit}"
    );
    assert_eq!(hit["speakers"][0], "Hanna Loft", "{hit}");
    let out = run(newsidx(&index, &["search", "--speaker", "Loft", "--json"]));
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "speaker search after rename"
    );
    assert_eq!(
        search_total(&index, "librarian").unwrap(),
        0,
        "removed file pruned"
    );
    let after = holds(&index);
    assert_eq!(after.files, before.files - 1);
}

#[test]
fn a_second_writer_is_refused_and_a_killed_writer_does_not_block() {
    let (_tmp, corpus, index) = corpus_copy();
    let mut watch = Watch::start(&index, &corpus);
    watch.batch(); // the first run is committed: the lock is held

    for args in [&["index"][..], &["index", "--rebuild"]] {
        let out = run(newsidx(&index, args).arg(&corpus));
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("in use by another newsidx process"),
            "{args:?}: {}",
            stderr(&out)
        );
    }

    watch.child.kill().unwrap(); // SIGKILL: the lock file stays behind
    watch.child.wait().unwrap();
    assert!(index.join(".tantivy-writer.lock").exists());
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn watch_applies_changes_in_batches_that_searches_see_whole() {
    let (_tmp, corpus, index) = corpus_copy();
    let watch = Watch::start(&index, &corpus);
    let first = watch.batch();
    assert_eq!(first["added"], 3, "{first}");

    // A search loop runs all along: every answer must be a whole batch.
    // Each added file holds PER_FILE passages with the word "quokka".
    const PER_FILE: usize = 4;
    let stop = Arc::new(AtomicBool::new(false));
    let searcher = {
        let (stop, index) = (Arc::clone(&stop), index.clone());
        std::thread::spawn(move || {
            let (mut runs, mut last) = (0, 0);
            while !stop.load(Ordering::SeqCst) {
                let n = search_total(&index, "quokka").expect("search works during watch");
                assert_eq!(n % PER_FILE, 0, "a search saw part of a file: {n} passages");
                assert!(n >= last, "a search went back in time: {n} after {last}");
                (runs, last) = (runs + 1, n);
            }
            runs
        })
    };

    for i in 0..3 {
        let text: String = (0..PER_FILE)
            .map(|p| format!("Paragraph {p}: the quokka count rose again, rangers said.\n\n"))
            .collect();
        std::fs::write(
            corpus.join(format!("quokka-{i}.txt")),
            format!("Quokka report {i}\n\n{text}"),
        )
        .unwrap();
        watch.until(|b| b["added"] == 1);
    }
    std::fs::write(
        corpus.join("orchard.txt"),
        "Frost update\n\nThe frost spared the late pears, growers said.\n",
    )
    .unwrap();
    watch.until(|b| b["updated"] == 1);
    std::fs::rename(corpus.join("library.txt"), corpus.join("library-2024.txt")).unwrap();
    watch.until(|b| b["renamed"] == 1 && b["articles"] == 0);
    std::fs::remove_file(corpus.join("harbour.txt")).unwrap();
    watch.until(|b| b["removed"] == 1);

    stop.store(true, Ordering::SeqCst);
    let runs = searcher.join().expect("no inconsistent search");
    assert!(runs > 0);
    assert_eq!(search_total(&index, "quokka").unwrap(), 3 * PER_FILE);
    assert_eq!(search_total(&index, "pears").unwrap(), 1);
    assert_eq!(search_total(&index, "dredging").unwrap(), 0);
    assert_eq!(search_total(&index, "librarian").unwrap(), 1);

    // Ctrl-C: a clean stop, exit 0, and the lock released.
    watch.signal(libc::SIGINT);
    let mut watch = watch;
    let status = watch.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert!(stderr(&out).contains("5 unchanged"), "{}", stderr(&out));
}

#[test]
fn watch_leaves_out_excluded_files_at_the_start_and_as_they_change() {
    let (_tmp, corpus, index) = corpus_copy();
    let draft = "Draft\n\nThe wombat census is not ready, the draft says.\n";
    std::fs::create_dir_all(corpus.join("drafts")).unwrap();
    std::fs::write(corpus.join("drafts/early.txt"), draft).unwrap();
    let watch = Watch::start_with(&index, &corpus, &["--exclude", "drafts/"]);
    let first = watch.batch();
    assert_eq!(first["added"], 3, "{first}");
    assert_eq!(first["left_out"]["excluded"], 1, "{first}");
    // A draft written while watching stays out; the article after it is in.
    std::fs::write(corpus.join("drafts/late.txt"), draft).unwrap();
    std::fs::write(
        corpus.join("otters.txt"),
        "Otters\n\nThe otter census rose, rangers said.\n",
    )
    .unwrap();
    watch.until(|b| b["added"] == 1);
    assert!(search_total(&index, "otter").unwrap() > 0);
    assert_eq!(search_total(&index, "wombat").unwrap(), 0);
}

#[test]
fn a_bad_exclude_glob_is_refused_as_the_user_wrote_it() {
    for command in ["index", "watch"] {
        let (_tmp, corpus, index) = corpus_copy();
        let out = run(newsidx(&index, &[command, "--exclude", "drafts/[x"]).arg(&corpus));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("--exclude \"drafts/[x\""), "{command}: {err}");
        assert!(!err.contains("!drafts"), "{command}: {err}");
        assert!(!index.exists(), "{command} made an index: {err}");
    }
}

#[test]
fn rebuild_swaps_the_new_index_in_while_searches_run() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    run(newsidx(&index, &["index"]).arg(samples()));
    let full = search_total(&index, "said").unwrap();
    assert!(full > 0);

    let stop = Arc::new(AtomicBool::new(false));
    let searcher = {
        let (stop, index) = (Arc::clone(&stop), index.clone());
        std::thread::spawn(move || {
            let mut runs = 0;
            while !stop.load(Ordering::SeqCst) || runs == 0 {
                let n = search_total(&index, "said")
                    .unwrap_or_else(|e| panic!("search failed during a rebuild: {e}"));
                assert_eq!(n, full, "a search saw an incomplete index");
                runs += 1;
            }
            runs
        })
    };
    for _ in 0..4 {
        let out = run(newsidx(&index, &["index", "--rebuild"]).arg(samples()));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(stderr(&out).contains("5 added"), "{}", stderr(&out));
    }
    stop.store(true, Ordering::SeqCst);
    let runs = searcher.join().expect("every search saw a complete index");
    eprintln!("{runs} searches ran during 4 rebuilds");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "index")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn rebuild_refuses_to_replace_a_directory_that_is_not_an_index() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = tmp.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("todo.md"), "keep me").unwrap();
    let out = run(newsidx(&notes, &["index", "--rebuild"]).arg(samples()));
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("is not a newsidx index"),
        "{}",
        stderr(&out)
    );
    assert!(notes.join("todo.md").exists());
}

/// A tmpfs mounted for a test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `size` at `dir`; `None` (test skipped, saying so)
    /// if mounting is not permitted here, except in CI, which runs as root.
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs(dir.to_path_buf())),
            other => {
                let why = match other {
                    Ok(o) => String::from_utf8_lossy(&o.stderr).into_owned(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    std::env::var_os("CI").is_none(),
                    "mount failed in CI: {why}"
                );
                eprintln!("skipped: cannot mount a tmpfs here ({why})");
                None
            }
        }
    }

    fn remount_read_only(&self) {
        let status = std::process::Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_full_disk_is_a_clear_error_and_the_previous_index_stays_searchable() {
    let Some(bbc) = bbc_corpus() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&tmp.path().join("disk"), "2m") else {
        return;
    };
    let index = disk.0.join("index");
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = holds(&index);
    let said = search_total(&index, "said").unwrap();

    let out = run(newsidx(&index, &["index"])
        .arg(bbc.join("business"))
        .arg(bbc.join("tech")));
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(message.contains("the disk is full"), "{message}");
    assert!(
        message.contains("index is searchable as it was"),
        "{message}"
    );
    assert!(!message.contains("panicked"), "{message}");

    assert_eq!(holds(&index), before);
    assert_eq!(search_total(&index, "said").unwrap(), said);
    // The failed run's files were removed, so the next run has room.
    std::fs::write(
        tmp.path().join("extra.txt"),
        "Extra\n\nA short note, the clerk said.\n",
    )
    .unwrap();
    let out = run(newsidx(&index, &["index"]).arg(tmp.path().join("extra.txt")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(holds(&index).files, before.files + 1);
}

#[test]
fn a_read_only_index_is_a_clear_error_and_stays_searchable() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(disk) = Tmpfs::mount(&tmp.path().join("disk"), "16m") else {
        return;
    };
    let index = disk.0.join("index");
    let (_c, corpus, _) = corpus_copy();
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = holds(&index);
    disk.remount_read_only();

    std::fs::write(
        corpus.join("new.txt"),
        "New\n\nA new article, the clerk said.\n",
    )
    .unwrap();
    for args in [&["index"][..], &["index", "--rebuild"]] {
        let out = run(newsidx(&index, args).arg(&corpus));
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("read-only"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("in use"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(holds(&index), before);
    assert_eq!(search_total(&index, "dredging").unwrap(), 1);
}

#[test]
fn ctrl_c_during_a_batch_commits_it_whole_or_not_at_all() {
    let Some(bbc) = bbc_corpus() else { return };
    for (round, signals) in [(0, 1), (1, 2)] {
        let (tmp, corpus, index) = corpus_copy();
        let staging = tmp.path().join("staging");
        copy_tree(&bbc.join("politics"), &staging);
        let watch = Watch::start(&index, &corpus);
        watch.batch();
        let before = holds(&index);
        // A few hundred articles arrive at once (one rename, so one batch),
        // and the batch is interrupted while it is applied.
        std::fs::rename(&staging, corpus.join("politics")).unwrap();
        std::thread::sleep(Duration::from_millis(400 + 300 * round));
        for _ in 0..signals {
            watch.signal(libc::SIGINT);
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut watch = watch;
        let status = watch.child.wait().unwrap();
        // One Ctrl-C finishes the batch (exit 0); a second one discards it
        // (exit 130). Either way the index holds a whole commit.
        assert!(matches!(status.code(), Some(0) | Some(130)), "{status:?}");
        let now = holds(&index);
        let out = run(newsidx(&index, &["index"]).arg(&corpus));
        assert!(
            matches!(out.status.code(), Some(0) | Some(4)),
            "{}",
            stderr(&out)
        );
        let after = holds(&index);
        eprintln!(
            "{signals} Ctrl-C: exit {:?}, the batch was {}",
            status.code(),
            if now == after {
                "committed whole"
            } else {
                "discarded whole"
            }
        );
        assert!(
            now == before || now == after,
            "{signals} Ctrl-C: the index held {now:?}, neither {before:?} nor {after:?}"
        );
    }
}

#[test]
fn searches_during_an_index_run_see_the_commit_before_or_after_it() {
    let Some(bbc) = bbc_corpus() else { return };
    let (_tmp, corpus, index) = corpus_copy();
    run(newsidx(&index, &["index"]).arg(&corpus));
    let before = search_total(&index, "minister").unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let searcher = {
        let (stop, index) = (Arc::clone(&stop), index.clone());
        std::thread::spawn(move || {
            let mut seen = Vec::new();
            while !stop.load(Ordering::SeqCst) || seen.is_empty() {
                seen.push(search_total(&index, "minister").expect("search works while indexing"));
            }
            seen
        })
    };
    let out = run(newsidx(&index, &["index"])
        .arg(&corpus)
        .arg(bbc.join("politics")));
    assert!(
        matches!(out.status.code(), Some(0) | Some(4)),
        "{}",
        stderr(&out)
    );
    stop.store(true, Ordering::SeqCst);
    let seen = searcher.join().unwrap();
    let after = search_total(&index, "minister").unwrap();
    assert!(after > before);
    let odd: Vec<_> = seen
        .iter()
        .filter(|&&n| n != before && n != after)
        .collect();
    assert!(
        odd.is_empty(),
        "searches saw {odd:?}, neither {before} nor {after}"
    );
    eprintln!(
        "{} searches during the run, all saw {before} or {after}",
        seen.len()
    );
}

/// A long plain-text or Markdown body (over 1 MiB) rewritten in place
/// with the same length after its first reading, so that an offset that
/// reading found falls inside a multi-byte character of the new text: the
/// end of a `date` header cut off the front of the first line, or where
/// the body starts after front matter. The second reading finds the file
/// changed and the article is refused like any other change (issue 21),
/// never a panic on a slice at a non-character boundary.
#[test]
fn a_long_body_rewritten_with_the_same_length_between_its_readings_is_refused() {
    use newsidx::indexer::analyze::{analyze_article, ingest_content, AnalysisOptions};
    use newsidx::indexer::walk::read_article;
    use newsidx::ingest::overrides::Overrides;
    use newsidx::ingest::IngestError;
    let mut paragraphs = String::new();
    let mut i = 0;
    while paragraphs.len() < 3 << 20 {
        paragraphs.push_str(&format!(
            "\"The pier at berth {i} will reopen on Monday,\" said Anna Berg, the harbour \
             master.\n\n"
        ));
        i += 1;
    }
    let dated = format!("date 2025-12-21 Harbour works run on\n\n{paragraphs}");
    let with_front_matter =
        format!("---\ntitle: Harbour works\n---\n# Harbour works\n\n{paragraphs}");
    // The two bytes around the offset become one two-byte character.
    let date_end = "date 2025-12-21".len();
    let body_start = "---\ntitle: Harbour works\n---\n".len();
    let tmp = tempfile::tempdir().unwrap();
    for (name, text, at) in [
        ("dated.txt", dated, date_end),
        ("front matter.md", with_front_matter, body_start),
    ] {
        for speakers in [true, false] {
            let path = tmp.path().join(name);
            std::fs::write(&path, &text).unwrap();
            let read = read_article(&path, 1 << 30).unwrap();
            let file = ingest_content(&path, read.content, &Overrides::default()).unwrap();
            let mut changed = text.clone().into_bytes();
            changed.splice(at - 1..at + 1, "é".bytes());
            assert_eq!(changed.len(), text.len());
            std::fs::write(&path, changed).unwrap();
            let article = file.articles.into_iter().next().unwrap();
            let result = analyze_article(article, AnalysisOptions { speakers }, 512, &mut |_| true);
            assert!(
                matches!(result, Err(IngestError::Changed)),
                "{name}, speakers {speakers}: {result:?}"
            );
        }
    }
}
