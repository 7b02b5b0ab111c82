//! Bad input: every kind of bad file gets a message naming it and saying
//! what is wrong, the rest of the run goes on, and nothing already indexed
//! is lost. Bad queries, dates and index directories get a clear error and
//! a usage or index exit code, never a panic.
//!
//! Text in another encoding than UTF-8 is not bad input: it is decoded
//! (tests/fixtures/bad/latin1.txt is Latin-1). Small fixtures are in
//! tests/fixtures/bad; the large ones (a 100 MB file,
//! a 10 MB line, 10,000 files) are made here at run time.

mod common;

use common::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn no_panic(out: &std::process::Output) {
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

/// The warning line about one file.
fn warning_for<'a>(err: &'a str, name: &str) -> &'a str {
    err.lines()
        .find(|l| l.contains("warning") && l.contains(name))
        .unwrap_or_else(|| panic!("no warning names {name}:\n{err}"))
}

#[test]
fn bad_files_are_named_and_the_rest_is_indexed_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_tree(&fixtures("bad"), &corpus);
    let index = tmp.path().join("index");

    // What is indexed before the bad files arrive must survive them.
    let out = run(newsidx(&index, &["index"]).arg(corpus.join("good-harbour.txt")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Made here: a file over the size limit, a 10 MB line with no newline,
    // and a symbolic link loop.
    let huge = std::fs::File::create(corpus.join("huge.txt")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB of NULs
    let mut line = String::from("Long line\n\n");
    while line.len() < 10 * 1024 * 1024 {
        line.push_str("the committee said the budget would grow again next year and ");
    }
    line.push_str("zyzzyva");
    std::fs::write(corpus.join("long-line.txt"), &line).unwrap();
    std::os::unix::fs::symlink(&corpus, corpus.join("loop")).unwrap();

    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    no_panic(&out);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(4),
        "some files failed, the run went on: {err}"
    );
    assert!(warning_for(&err, "empty.txt").contains("empty"));
    assert!(warning_for(&err, "photo-renamed.txt").contains("binary"));
    assert!(warning_for(&err, "nul-bytes.txt").contains("binary"));
    let huge = warning_for(&err, "huge.txt");
    assert!(
        huge.contains("limit of 67108864 bytes") && huge.contains("--max-file-size"),
        "{huge}"
    );
    assert!(warning_for(&err, "loop").contains("symbolic link loop"));

    // The good files, and the long line, are in; the old one is kept.
    assert_eq!(
        search_total(&index, "dredging").unwrap(),
        1,
        "kept from before"
    );
    assert_eq!(
        search_total(&index, "blossoms").unwrap(),
        1,
        "new good file"
    );
    assert!(
        search_total(&index, "zyzzyva").unwrap() >= 1,
        "the 10 MB line was indexed"
    );
    // Text that is not UTF-8 is decoded (here as Latin-1), not refused.
    assert!(!err.contains("latin1.txt"), "{err}");
    let out = run(newsidx(&index, &["search", "owners", "--json"]));
    let hits = parse_lines(&out.stdout);
    assert!(
        hits[0]["text"].as_str().unwrap().contains("Café owners"),
        "{}",
        hits[0]
    );
    let names = |s: &str| err.lines().filter(|l| l.contains(s)).count();
    assert_eq!(names("good-"), 0, "good files got no warning: {err}");
}

#[test]
fn a_file_over_the_limit_is_indexed_when_the_limit_is_raised() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("big.txt");
    let mut f = std::fs::File::create(&path).unwrap();
    writeln!(f, "Big report\n").unwrap();
    for i in 0..2000 {
        writeln!(
            f,
            "Paragraph {i}: the auditor said the accounts were in order.\n"
        )
        .unwrap();
    }
    drop(f);
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index", "--max-file-size", "1000"]).arg(&path));
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("--max-file-size"), "{}", stderr(&out));
    let out = run(newsidx(&index, &["index", "--max-file-size", "10000000"]).arg(&path));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(holds(&index).files, 1);
}

#[test]
fn malformed_jsonl_and_broken_html_do_not_stop_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let bad = fixtures("bad");
    let out = run(newsidx(&index, &["index"])
        .arg(bad.join("feed.jsonl"))
        .arg(bad.join("broken.html"))
        .arg(bad.join("good-orchard.txt")));
    no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "a record was skipped: {err}");
    // The bad record is named by file and line, and skipped.
    let warning = warning_for(&err, "feed.jsonl");
    assert!(
        warning.contains("line 2") && warning.contains("not valid JSON"),
        "{warning}"
    );
    assert!(
        !err.contains("broken.html"),
        "broken HTML is still read: {err}"
    );
    // The records around it, the broken page and the good file are in.
    let hits = |q: &str| {
        let out = run(newsidx(&index, &["search", q, "--json"]));
        parse_lines(&out.stdout)
    };
    assert_eq!(hits("bridge")[0]["title"], "Bridge closed for repairs");
    assert_eq!(hits("thursdays")[0]["source"], "Riverside Herald");
    let ferry = hits("ferry");
    assert_eq!(ferry[0]["title"], "Ferry service cut");
    assert!(
        !ferry[0]["text"].as_str().unwrap().contains('<'),
        "{}",
        ferry[0]
    );
    assert_eq!(
        search_total(&index, "blossoms").unwrap(),
        1,
        "the good file is in"
    );
    assert_eq!(holds(&index).articles, 4);
}

/// Near-random bytes, as compressed data is (a zip's members, a PDF's
/// streams, an image's pixels): NULs about one byte in 256.
fn compressed_like(len: usize) -> Vec<u8> {
    let mut state = 0x9E37_79B9_u32;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        })
        .collect()
}

#[test]
fn a_page_with_stray_nuls_is_read_and_a_binary_named_html_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let page = "<html><head><title>Lock gates replaced</title></head><body><article>\
        <p>The canal trust replaced the lock\0 gates at Bishopsford on Tuesday.</p>\
        <p>Boats will pass again\0 from Friday, the trust said in a statement.</p>\
        </article></body></html>";
    std::fs::write(corpus.join("stray-nuls.html"), page).unwrap();
    let with_magic = |magic: &[u8]| {
        let mut bytes = magic.to_vec();
        bytes.extend(compressed_like(64 * 1024));
        bytes
    };
    std::fs::write(
        corpus.join("archive.html"),
        with_magic(b"PK\x03\x04\x14\0\0\0\x08\0"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("document.html"),
        with_magic(b"%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n"),
    )
    .unwrap();
    std::fs::write(
        corpus.join("photo.htm"),
        with_magic(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"),
    )
    .unwrap();

    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "the binaries failed: {err}");
    assert!(!err.contains("stray-nuls.html"), "{err}");
    for name in ["archive.html", "document.html", "photo.htm"] {
        assert!(warning_for(&err, name).contains("looks binary"), "{err}");
    }
    assert_eq!(holds(&index).articles, 1);
    let out = run(newsidx(&index, &["search", "lock gates", "--json"]));
    let hits = parse_lines(&out.stdout);
    assert_eq!(hits[0]["title"], "Lock gates replaced");
    let text = hits[0]["text"].as_str().unwrap();
    assert!(
        text.contains("replaced the lock gates at Bishopsford") && !text.contains('\0'),
        "NULs are dropped as browsers drop them: {text:?}"
    );
}

#[test]
fn an_unreadable_file_is_named_and_skipped() {
    // root reads any file, so the run is made as `nobody` when we are root.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_tree(&fixtures("watch"), &corpus);
    let secret = corpus.join("secret.txt");
    std::fs::copy(corpus.join("harbour.txt"), &secret).unwrap();
    let index = tmp.path().join("index");
    std::fs::create_dir(&index).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let open = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    open(tmp.path(), 0o777).unwrap();
    open(&index, 0o777).unwrap();
    open(&secret, 0o000).unwrap();

    let is_root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if is_root {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin());
        cmd
    } else {
        std::process::Command::new(bin())
    };
    cmd.arg("--index").arg(&index).arg("index").arg(&corpus);
    let out = run(&mut cmd);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(warning_for(&stderr(&out), "secret.txt").contains("permission denied"));
    open(&secret, 0o644).unwrap();
    assert_eq!(holds(&index).files, 3);
}

#[test]
fn a_directory_of_ten_thousand_files_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("many");
    std::fs::create_dir(&corpus).unwrap();
    for i in 0..10_000 {
        std::fs::write(
            corpus.join(format!("{i:05}.txt")),
            format!("Note {i}\n\nItem {i} was filed on time, the clerk said.\n"),
        )
        .unwrap();
    }
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index", "--no-speakers"]).arg(&corpus));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(holds(&index).files, 10_000);
    let out = run(newsidx(&index, &["index"]).arg(&corpus));
    assert!(stderr(&out).contains("10000 unchanged"), "{}", stderr(&out));
}

fn small_index() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    run(newsidx(&index, &["index"]).arg(fixtures("watch")));
    (tmp, index)
}

#[test]
fn unbalanced_quotes_and_parentheses_point_at_the_column() {
    let (_tmp, index) = small_index();
    for (query, column) in [
        ("frost \"late blossoms", "column 7"),
        ("(frost OR harbour", "column 1"),
        ("frost)", "column 6"),
    ] {
        let out = run(newsidx(&index, &["search", query]));
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(stderr(&out).contains(column), "{query}: {}", stderr(&out));
    }
}

#[test]
fn a_since_that_is_not_a_date_is_a_usage_error() {
    let (_tmp, index) = small_index();
    let out = run(newsidx(
        &index,
        &["search", "frost", "--since", "last tuesday"],
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--since \"last tuesday\" is not a date; use YYYY-MM-DD"));
}

#[test]
fn an_index_flag_at_something_else_says_what_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = tmp.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("todo.md"), "x").unwrap();
    let out = run(newsidx(&notes, &["search", "frost"]));
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("is not a newsidx index"),
        "{}",
        stderr(&out)
    );
    let out = run(newsidx(&notes, &["index"]).arg(fixtures("watch")));
    assert_eq!(
        out.status.code(),
        Some(3),
        "never writes into a foreign directory"
    );
    assert!(notes.join("todo.md").exists());
}

#[test]
fn an_index_of_an_incompatible_version_says_how_to_rebuild() {
    let (_tmp, index) = small_index();
    std::fs::write(
        index.join("newsidx.json"),
        r#"{"format": 1, "created_by": "newsidx 0.0.1"}"#,
    )
    .unwrap();
    let out = run(newsidx(&index, &["search", "frost"]));
    assert_eq!(out.status.code(), Some(3));
    let err = stderr(&out);
    assert!(
        err.contains("incompatible version") && err.contains("index format 1"),
        "{err}"
    );
    assert!(err.contains("newsidx index --rebuild"), "{err}");
    let out = run(newsidx(&index, &["index", "--rebuild"]).arg(fixtures("watch")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(search_total(&index, "blossoms").unwrap(), 1);
}
