//! Issue 21, against the built binary: writers racing on a new index
//! directory, queries nested deep enough to hang the parser, and what a
//! killed rebuild leaves behind.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Output, Stdio};
use std::time::Duration;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn spawn(index: &Path, args: &[&str], corpus: &Path) -> Child {
    newsidx(index, args)
        .arg(corpus)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// A racing writer either finished or lost the race with the message that
/// says why (exit 3); nothing else.
fn won_or_refused(what: &str, out: &Output) -> bool {
    match out.status.code() {
        Some(0) => true,
        Some(3) => {
            assert!(
                stderr(out).contains("in use by another newsidx process"),
                "{what}: {}",
                stderr(out)
            );
            false
        }
        other => panic!("{what} exited {other:?}: {}", stderr(out)),
    }
}

/// The reproduction: `index --rebuild` and another writer started
/// together on a directory that does not exist yet. Without a lock taken
/// before the directory is made, both went ahead and the index was left
/// pointing at segment files that did not exist.
#[test]
fn writers_racing_on_a_new_directory_never_corrupt_it() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = samples();
    let fresh = tmp.path().join("fresh");
    let out = run(newsidx(&fresh, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = holds(&fresh);

    let rounds: usize = 20;
    for round in 0..rounds {
        let index = tmp.path().join(format!("race-{round}"));
        let other: &[&str] = if round.is_multiple_of(2) {
            &["index"]
        } else {
            &["index", "--rebuild"]
        };
        let a = spawn(&index, &["index", "--rebuild"], &corpus);
        let b = spawn(&index, other, &corpus);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let won = [
            won_or_refused("index --rebuild", &a),
            won_or_refused(&format!("{other:?}"), &b),
        ];
        assert!(won.iter().any(|&w| w), "round {round}: nobody indexed");
        assert_eq!(holds(&index), expected, "round {round}");
        // And the index takes the next run.
        let out = run(newsidx(&index, &["index"]).arg(&corpus));
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: {}",
            stderr(&out)
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains(".rebuild-"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
}

/// `watch` started with a rebuild on a new directory: one of them is
/// refused, and a batch the watcher reports is in the index.
#[test]
fn watch_racing_a_rebuild_reports_only_what_is_committed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("articles");
    copy_tree(&samples(), &corpus);
    for round in 0..5 {
        let index = tmp.path().join(format!("race-{round}"));
        let rebuild = spawn(&index, &["index", "--rebuild"], &corpus);
        let watch = newsidx(&index, &["watch", "--json", "--debounce", "100"])
            .arg(&corpus)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let rebuilt = rebuild.wait_with_output().unwrap();
        let rebuild_won = won_or_refused("index --rebuild", &rebuilt);
        std::thread::sleep(Duration::from_millis(1500));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(watch.id() as i32, libc::SIGTERM) };
        let watched = watch.wait_with_output().unwrap();
        let watch_won = won_or_refused("watch", &watched);
        assert!(rebuild_won || watch_won, "round {round}: nobody indexed");
        assert_eq!(holds(&index).files, 5, "round {round}");
        if watch_won {
            // What the watcher reported is what the index holds.
            let first: serde_json::Value =
                serde_json::from_str(stdout(&watched).lines().next().unwrap()).unwrap();
            let seen = ["added", "updated", "unchanged"]
                .iter()
                .map(|k| first[k].as_u64().unwrap())
                .sum::<u64>();
            assert_eq!(seen, 5, "round {round}: {first}");
            assert!(
                stderr(&watched).contains("every batch was committed"),
                "round {round}: {}",
                stderr(&watched)
            );
        }
    }
}

#[test]
fn a_killed_rebuild_leaves_nothing_the_next_writer_does_not_remove() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // What a rebuild killed half way leaves: a hidden sibling of a process
    // that no longer exists.
    let left = tmp.path().join(".index.rebuild-4000000");
    std::fs::create_dir_all(left.join("half")).unwrap();
    std::fs::write(left.join("half/segment"), vec![0u8; 4096]).unwrap();
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!left.exists(), "the plain index run removed the leftover");
}

fn nested(depth: usize) -> String {
    format!("{}talks{}", "(".repeat(depth), ")".repeat(depth))
}

/// Parentheses nested 60 deep took tantivy 0.25's parser longer than anyone
/// waits (2^60 steps); past the limit the query is refused before parsing.
#[test]
fn deeply_nested_queries_are_refused_with_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(newsidx(&index, &["search", &nested(60)]));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("nested more than 32 deep"), "{err}");
    assert!(err.contains("column 33"), "{err}");
    // At the limit it runs (0: found, 1: nothing found).
    let out = run(newsidx(&index, &["search", &nested(32)]));
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
}

/// The API refuses the same queries with 400, naming the parameter.
#[test]
fn the_api_refuses_deeply_nested_queries_naming_q() {
    let corpus = common::serve::Corpus::indexed();
    let server = common::serve::Server::start(&corpus.index());
    let (status, body) = server.get_json(&format!("/api/search?q={}", nested(60)));
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["parameter"], "q");
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("nested more than 32 deep"),
        "{body}"
    );
    let (status, _) = server.get_json(&format!("/api/search?q={}", nested(32)));
    assert_eq!(status, 200);
}

/// Article text and file names carrying terminal escapes: none reaches the
/// reader's terminal, and a newline in a file name does not split
/// `path:line`.
#[test]
fn control_characters_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("articles");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("escapes.txt"),
        "Harbour \x1b]0;owned\x07news\n\n\
         The harbour master said the \x1b[2Jcranes \x1b]8;;http://evil.example/\x1b\\\\were \
         back, and the zyzzyva pier reopened on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("two\nlines\x1b[31m.txt"),
        "Pier notes\n\nThe zyzzyva pier was painted red this week by the council.\n",
    )
    .unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(newsidx(&index, &["search", "zyzzyva"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        !text.contains(|c: char| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(text.contains("two\\nlines\\x1b[31m.txt:"), "{text}");
    assert!(text.contains("cranes"), "{text}");
}

/// Filters that can match nothing as typed are refused with a usage error
/// naming the flag, not run (or silently ignored).
#[test]
fn mistyped_filters_are_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (args, says) in [
        (&["search", "talks", "-n", "0"][..], "'0' for '--limit"),
        (
            &["search", "talks", "--speaker", "   "],
            "--speaker is blank",
        ),
        (
            &[
                "search", "talks", "--since", "2025-12", "--until", "2025-01",
            ],
            "--until (2025-01-31) is before --since (2025-12-01)",
        ),
        (&["search", "talks", "--since", "0000"], "--since \"0000\""),
        // Year 1000 overflowed tantivy's dates (a panic in debug builds);
        // the CLI takes the API's years.
        (
            &["search", "talks", "--since", "1000"],
            "--since \"1000\" is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY, or RFC 3339), from 1800 to 2200",
        ),
        (&["search", "talks", "--until", "2300-01"], "--until \"2300-01\""),
    ] {
        let out = run(newsidx(&index, args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

/// The API applies the same rule to a blank speaker.
#[test]
fn the_api_refuses_a_blank_speaker_naming_it() {
    let corpus = common::serve::Corpus::indexed();
    let server = common::serve::Server::start(&corpus.index());
    let (status, body) = server.get_json("/api/search?q=harbour&speaker=%20%20");
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["parameter"], "speaker");
}

/// `--index` naming a regular file: exit 3 and a message naming it once,
/// for writers and readers alike (it was "File exists (os error 17)" twice,
/// exit 5).
#[test]
fn an_index_path_that_is_a_file_is_an_index_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("notes.txt");
    std::fs::write(&file, "my notes").unwrap();
    for args in [&["index"][..], &["index", "--rebuild"], &["watch"]] {
        let out = run(newsidx(&file, args).arg(samples()));
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("is a file, not a directory"),
            "{args:?}: {err}"
        );
        assert_eq!(err.matches("notes.txt").count(), 1, "{args:?}: {err}");
    }
    let out = run(newsidx(&file, &["search", "talks"]));
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my notes");
}

/// JSON Lines: a date given as a number or a boolean is reported by line,
/// like a bad text date (it was dropped without a word); a line that is not
/// UTF-8 is reported and skipped (it was decoded as a legacy code page and
/// indexed garbled), and the other lines are indexed.
#[test]
fn json_lines_report_odd_dates_and_lines_that_are_not_utf8() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        b"{\"title\": \"One\", \"text\": \"The harbour opened on Monday.\", \"date\": 2025}\n",
    );
    bytes.extend_from_slice(
        b"{\"title\": \"Two\", \"text\": \"The harbour closed on Friday.\", \"date\": true}\n",
    );
    bytes.extend_from_slice(
        b"{\"title\": \"Three\", \"text\": \"Caf\xe9 owners welcomed the harbour.\"}\n",
    );
    bytes.extend_from_slice(
        b"{\"title\": \"Four\", \"text\": \"The harbour reopened in spring.\"}\n",
    );
    std::fs::write(corpus.join("feed.jsonl"), &bytes).unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    let err = stderr(&out);
    assert!(err.contains("line 1: date \"2025\" is not a date"), "{err}");
    assert!(err.contains("line 2: date \"true\" is not a date"), "{err}");
    assert!(
        err.contains("line 3: not valid UTF-8 (byte 32 of the line; JSON is UTF-8); skipped"),
        "{err}"
    );
    assert!(err.contains("feed.jsonl"), "{err}");
    let out = run(newsidx(&index, &["search", "harbour", "--json", "--all"]));
    let titles: Vec<String> = parse_lines(&out.stdout)
        .iter()
        .map(|h| h["title"].as_str().unwrap_or("").to_string())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(sorted, ["Four", "One", "Two"], "{titles:?}");
}

/// A FIFO, a device and a symbolic link to /dev/zero, named on the command
/// line or met in a folder, are skipped with a message naming each (a FIFO
/// was read: the run blocked until someone wrote to it).
#[test]
fn pipes_and_devices_are_skipped_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("real.txt"),
        "Harbour\n\nThe harbour opened on Monday.\n",
    )
    .unwrap();
    let fifo = corpus.join("pipe.txt");
    let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink("/dev/zero", corpus.join("zero.txt")).unwrap();
    let named_fifo = tmp.path().join("named.txt");
    let name = std::ffi::CString::new(named_fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);

    let index = tmp.path().join("index");
    for command in ["index", "analyze"] {
        let mut cmd = newsidx(&index, &[command]);
        cmd.arg(&corpus).arg(&named_fifo).arg("/dev/null");
        // A reader that blocks on the FIFO would hang the test: the child
        // is killed after a generous wait and the test fails.
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        while child.try_wait().unwrap().is_none() {
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                panic!("{command} blocked on a FIFO or device");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        for (name, kind) in [
            (
                "pipe.txt",
                "a named pipe (FIFO), not a regular file; skipped",
            ),
            (
                "named.txt",
                "a named pipe (FIFO), not a regular file; skipped",
            ),
            ("zero.txt", "a device, not a regular file; skipped"),
            ("/dev/null", "a device, not a regular file; skipped"),
        ] {
            assert!(
                err.lines().any(|l| l.contains(name) && l.contains(kind)),
                "{command}: {name}: {err}"
            );
        }
    }
    let out = run(newsidx(&index, &["search", "harbour", "--json"]));
    let hits = parse_lines(&out.stdout);
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| file_name(h) == "real.txt"), "{hits:?}");
}

/// A new index where nothing can be written: one message naming the path
/// once, saying that no index was made (not that "the index is searchable
/// as it was": there was none). Root writes through a chmod, so root gets a
/// path under /sys, where nobody can make a directory.
#[test]
fn a_new_index_that_cannot_be_written_is_one_message() {
    let tmp = tempfile::tempdir().unwrap();
    let index = if unsafe { libc::geteuid() } == 0 {
        if !Path::new("/sys/kernel").is_dir() {
            eprintln!("skipped: running as root without /sys");
            return;
        }
        PathBuf::from("/sys/newsidx-test-index")
    } else {
        let locked = tmp.path().join("locked");
        std::fs::create_dir(&locked).unwrap();
        let mut perms = std::fs::metadata(&locked).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(&locked, perms).unwrap();
        locked.join("index")
    };
    let out = run(newsidx(&index, &["index"]).arg(samples()));
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(
        err.matches(&*index.display().to_string()).count(),
        1,
        "{err}"
    );
    assert!(err.contains("no index was made"), "{err}");
}

/// Human output shortens a huge title (a 1 MB title came out whole, on one
/// line); JSON keeps it whole.
#[test]
fn long_titles_are_shortened_for_people() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let title = "Harbour ".repeat(100_000);
    let record =
        serde_json::json!({"title": title.trim(), "text": "The harbour opened on Monday."});
    std::fs::write(corpus.join("a.jsonl"), format!("{record}\n")).unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(newsidx(&index, &["search", "harbour"]));
    let shown = stdout(&out);
    let first = shown.lines().next().unwrap();
    assert!(first.contains("Harbour Harbour…"), "{first}");
    assert!(first.chars().count() < 220, "{}", first.chars().count());
    let out = run(newsidx(&index, &["search", "harbour", "--json"]));
    assert_eq!(parse_lines(&out.stdout)[0]["title"], title.trim());
}

/// Files whose names are not UTF-8 (`caf\xe9.txt`, `caf\xe8.txt`: Latin-1
/// names, which a lossy decoding made one and the same `caf\u{fffd}.txt`).
/// JSON carries each losslessly: `path` shows the bad byte as `\xe9`, and
/// `path_bytes` holds the exact bytes in base64, from which the file opens;
/// in search hits, statements, exports, the analysis, and the API (there
/// relative to the indexed folder). People see the escaped name. A second
/// run finds both files unchanged (their records are keyed by the exact
/// path, not re-read as new on every run).
#[test]
fn paths_that_are_not_utf8_come_back_exactly_in_json() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("articles");
    std::fs::create_dir(&corpus).unwrap();
    let names: [&[u8]; 2] = [b"caf\xe9.txt", b"caf\xe8.txt"];
    for (i, name) in names.iter().enumerate() {
        std::fs::write(
            corpus.join(std::ffi::OsStr::from_bytes(name)),
            format!(
                "Harbour report {i}\n\n\"The zyzzyva pier reopens on Monday number {i},\" \
                 said Anna Berg, the harbour master.\n"
            ),
        )
        .unwrap();
    }
    let corpus = corpus.canonicalize().unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(newsidx(&index, &["index", "--json"]).arg(&corpus));
    let report = &parse_lines(&out.stdout)[0];
    assert_eq!(
        (report["unchanged"].as_u64(), report["added"].as_u64()),
        (Some(2), Some(0)),
        "{report}"
    );

    // Every `path` of a record stands with the exact bytes.
    let exact = |what: &str, record: &serde_json::Value, folder: &[u8]| -> Vec<u8> {
        let bytes = newsidx::paths::from_bytes_field(record["path_bytes"].as_str().unwrap_or(""))
            .unwrap_or_else(|| panic!("{what}: no path_bytes in {record}"));
        let name = &bytes[folder.len()..];
        assert!(
            bytes.starts_with(folder) && names.contains(&name),
            "{what}: {bytes:?}"
        );
        let shown = record["path"].as_str().unwrap();
        let folder_text = std::str::from_utf8(folder).unwrap();
        let escaped = format!("{folder_text}caf\\x{:02x}.txt", name[3]);
        assert_eq!(shown, escaped, "{what}");
        bytes
    };
    let folder = format!("{}/", corpus.display());
    let folder = folder.as_bytes();
    let out = run(newsidx(&index, &["search", "zyzzyva", "--all", "--json"]));
    let hits = parse_lines(&out.stdout);
    assert_eq!(hits.len(), 2, "{}", stdout(&out));
    let mut found: Vec<Vec<u8>> = hits.iter().map(|h| exact("search", h, folder)).collect();
    found.sort();
    assert_ne!(found[0], found[1]);
    for bytes in &found {
        let path = std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes));
        assert!(std::fs::read_to_string(path).unwrap().contains("zyzzyva"));
    }
    for (what, args) in [
        (
            "quotes",
            &["quotes", "--speaker", "Anna Berg", "--json"][..],
        ),
        ("export", &["export"][..]),
        ("export --articles", &["export", "--articles"][..]),
    ] {
        let out = run(newsidx(&index, args));
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        // quotes lists each distinct statement with the articles that
        // carried it (the two are copies); exports name the path directly.
        let mut named = Vec::new();
        for record in parse_lines(&out.stdout) {
            match record["carriers"].as_array() {
                Some(carriers) => named.extend(carriers.iter().cloned()),
                None => named.push(record),
            }
        }
        let mut found: Vec<Vec<u8>> = named.iter().map(|r| exact(what, r, folder)).collect();
        found.sort();
        found.dedup();
        assert_eq!(found.len(), 2, "{what}: {}", stdout(&out));
    }
    let out = run(newsidx(&index, &["analyze", "--json"]).arg(&corpus));
    for article in parse_lines(&out.stdout) {
        exact("analyze", &article, folder);
    }

    // People see the bad byte escaped, as `ls` shows it.
    let out = run(newsidx(&index, &["search", "zyzzyva", "--all"]).current_dir(&corpus));
    let text = stdout(&out);
    assert!(text.contains("caf\\xe9.txt:3"), "{text}");
    assert!(text.contains("caf\\xe8.txt:3"), "{text}");

    // The API names them relative to the indexed folder, still exactly.
    let server = common::serve::Server::start(&index);
    let (status, page) = server.get_json("/api/search?q=zyzzyva&all=true");
    assert_eq!(status, 200, "{page}");
    let mut found: Vec<Vec<u8>> = page["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| exact("api", h, b""))
        .collect();
    found.sort();
    assert_eq!(found, vec![names[1].to_vec(), names[0].to_vec()]);
}

/// HTML nested far deeper than any real page (800 levels of `<div>`, and
/// the same under `<blockquote>`s): the text is found, through the binary.
/// At about 500 levels, all text was lost ("no article text found").
#[test]
fn text_nested_hundreds_of_levels_deep_is_read() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, tag) in [("divs.html", "div"), ("quotes.html", "blockquote")] {
        let depth = 800;
        let page = format!(
            "<html><head><title>Deep page</title></head><body>{}<p>The zyzzyva harbour \
             reopened on Monday after a long winter of repairs, the council said in a \
             statement to reporters.</p>{}</body></html>",
            format!("<{tag}>").repeat(depth),
            format!("</{tag}>").repeat(depth)
        );
        let path = tmp.path().join(name);
        std::fs::write(&path, page).unwrap();
        let out = run(newsidx(&tmp.path().join("index"), &["analyze", "--json"]).arg(&path));
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let articles = parse_lines(&out.stdout);
        let text: Vec<&str> = articles[0]["passages"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["text"].as_str())
            .collect();
        assert!(
            text.iter().any(|t| t.contains("zyzzyva harbour reopened")),
            "{name}: {text:?}"
        );
    }
}

/// The text of the passages `analyze --json` finds in one page.
fn passages_of(dir: &Path, name: &str, page: &str) -> Vec<String> {
    let path = dir.join(name);
    std::fs::write(&path, page).unwrap();
    let out = run(newsidx(&dir.join("index"), &["analyze", "--json"]).arg(&path));
    assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
    let articles = parse_lines(&out.stdout);
    articles[0]["passages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["text"].as_str().map(String::from))
        .collect()
}

/// Pages shaped to make html5ever quadratic (issue 21): one tag of
/// 200,000 attributes (its tokenizer compared each name with all before
/// it) and 100,000 nested `<div>`s (its tree builder walked the stack on
/// each): each took it minutes; capped, they are read in a fraction of a
/// second, and their text is found.
#[test]
fn a_tag_of_200000_attributes_and_100000_nested_divs_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let words =
        "The zyzzyva ferry left Tamsby at dawn, the harbour master told reporters on the quay.";
    let attrs: String = (0..200_000).map(|k| format!(" a{k}=1")).collect();
    let page = format!(
        "<html><head><title>Crowded page</title></head><body><div{attrs}><p>{words}</p></div></body></html>"
    );
    let text = passages_of(tmp.path(), "attrs.html", &page);
    assert!(text.iter().any(|t| t.contains(words)), "{text:?}");

    let depth = 100_000;
    let page = format!(
        "<html><head><title>Deep page</title></head><body>{}<p>{words}</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let text = passages_of(tmp.path(), "deep.html", &page);
    assert!(text.iter().any(|t| t.contains(words)), "{text:?}");
}
