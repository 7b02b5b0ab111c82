//! Every user error gets a message that names the problem and the fix, and
//! a documented exit code; none of them panics.

mod common;

use common::TestEnv;
use predicates::prelude::*;

fn no_panic() -> impl Predicate<str> {
    predicate::str::contains("panicked").not()
}

#[test]
fn search_without_an_index_says_how_to_make_one() {
    let env = TestEnv::new();
    env.cmd()
        .args(["search", "peace"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no index at"))
        .stderr(predicate::str::contains("newsidx index"))
        .stderr(no_panic());
}

#[test]
fn a_directory_that_is_not_an_index_is_named() {
    let env = TestEnv::new();
    env.write("index/notes.txt", "my notes");
    env.cmd()
        .args(["search", "peace"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("is not a newsidx index"))
        .stderr(no_panic());
    // And indexing into it refuses too, leaving the directory alone.
    env.write("articles/a.txt", "Title here\n\nSome text of an article.");
    env.cmd().args(["index", "articles"]).assert().code(3);
    assert_eq!(
        std::fs::read_to_string(env.path("index/notes.txt")).unwrap(),
        "my notes"
    );
}

#[test]
fn an_index_of_another_format_version_asks_for_a_rebuild() {
    let env = TestEnv::with_samples();
    env.index_articles();
    env.write(
        "index/newsidx.json",
        r#"{"format": 999, "created_by": "newsidx 99"}"#,
    );
    env.cmd()
        .args(["search", "peace"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("incompatible version"))
        .stderr(predicate::str::contains("--rebuild"))
        .stderr(no_panic());
}

#[test]
fn query_syntax_errors_point_at_the_column() {
    let env = TestEnv::with_samples();
    env.index_articles();
    env.cmd()
        .args(["search", "peace \"talks"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 7"))
        .stderr(predicate::str::contains("never closed"))
        .stderr(no_panic());
    env.cmd()
        .args(["search", "(peace OR war"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("column 1"));
    env.cmd()
        .args(["search", "nosuchfield:peace"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field \"nosuchfield\""));
}

#[test]
fn a_bad_date_names_the_flag_and_the_format() {
    let env = TestEnv::with_samples();
    env.index_articles();
    env.cmd()
        .args(["search", "peace", "--since", "last tuesday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--since \"last tuesday\" is not a date",
        ))
        .stderr(predicate::str::contains("YYYY-MM-DD"));
}

#[test]
fn a_missing_path_is_named_and_the_others_are_indexed() {
    let env = TestEnv::with_samples();
    env.cmd()
        .args(["index", "articles", "no/such/dir"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains(
            "no/such/dir: no such file or directory",
        ))
        .stderr(predicate::str::contains("5 added"));
    assert_eq!(env.stats()["articles"], 5);
}

#[test]
fn a_bad_file_is_reported_and_skipped() {
    let env = TestEnv::with_samples();
    env.write("articles/empty.txt", "");
    env.write("articles/image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    env.cmd()
        .args(["index", "articles"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("empty.txt: the file is empty"))
        .stderr(predicate::str::contains("image.txt: the file looks binary"))
        .stderr(predicate::str::contains("5 added"));
}

#[test]
fn no_results_exit_with_one() {
    let env = TestEnv::with_samples();
    env.index_articles();
    env.cmd()
        .args(["search", "xylophone"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let env = TestEnv::new();
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"));
    for command in ["index", "search", "analyze", "stats", "completions"] {
        env.cmd()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
}
