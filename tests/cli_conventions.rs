//! The command line as a new user meets it (issue 18): natural text as
//! queries, empty results that say why, counts in words, quiet exits on a
//! closed pipe, a mistyped path that creates nothing, help that keeps the
//! global flags apart, one count per person. Each test runs the binary on
//! invented articles.

mod common;

use common::serve::Server;
use common::TestEnv;
use predicates::prelude::*;

/// Two invented articles: Bush under his full name (dated, Reuters) and
/// under his surname alone (undated, Associated Press), with apostrophes.
fn politics() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "articles/a.md",
        "---\ntitle: Bush defends the war budget\nsource: Reuters\ndate: 2004-05-01\n---\n\
         President George W Bush spoke to troops in Texas on Tuesday.\n\n\
         \"We will stay the course in Iraq,\" George W Bush said. \"Our soldiers deserve every dollar.\"\n\n\
         Tony Blair's government backed the plan. \"This is the right decision,\" O'Neill said.\n",
    );
    env.write(
        "articles/b.md",
        "---\ntitle: Markets rise on trade news\nsource: Associated Press\n---\n\
         Stocks rose on Wednesday after the trade talks ended.\n\n\
         \"The economy is strong and getting stronger,\" Bush said at the White House. \
         \"We don't need new taxes.\"\n",
    );
    env.index_articles();
    env
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn apostrophes_colons_and_brackets_are_text_never_syntax_errors() {
    let env = politics();
    for (query, expected) in [
        ("Blair's", "Blair"),
        ("O'Neill", "O'Neill"),
        ("don't", "don't"),
        ("'right decision'", "right decision"),
        ("Economy: [strong]!", "economy is strong"),
        ("troops IN Texas", "Texas"),
    ] {
        let hits = env.search_json(&[query]);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        let text = hits[0]["text"].as_str().unwrap();
        assert!(text.contains(expected), "{query}: {text}");
    }
}

#[test]
fn operators_work_and_dangling_ones_are_left_out() {
    let env = politics();
    let titles = |query: &str| -> Vec<String> {
        let mut t: Vec<String> = env
            .search_json(&["--all", query])
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t.dedup();
        t
    };
    assert_eq!(
        titles("title:markets OR title:budget"),
        ["Bush defends the war budget", "Markets rise on trade news"]
    );
    assert_eq!(titles("economy AND taxes"), ["Markets rise on trade news"]);
    assert_eq!(titles("Bush NOT economy").len(), 1);
    // Typed a word at a time: the operator waiting for its word is dropped.
    assert_eq!(titles("economy AND"), ["Markets rise on trade news"]);
    assert_eq!(titles("OR economy title:"), ["Markets rise on trade news"]);
    // Nothing to search for is explained in words, with exit 2.
    env.cmd()
        .args(["search", "AND"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no word to search for"));
}

#[test]
fn the_api_prepares_queries_the_same_way() {
    let env = politics();
    let server = Server::start(&env.index_dir());
    let (status, body) = server.get_json("/api/search?q=Blair%27s");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1, "{body}");
    let (status, body) = server.get_json("/api/search?q=economy%20AND");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["total"], 1, "{body}");
}

#[test]
fn an_empty_result_says_why() {
    let env = politics();
    let run = |args: &[&str]| {
        let out = env.cmd().arg("search").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        stderr_of(&out)
    };
    let stderr = run(&["economy", "--source", "reutrs"]);
    assert!(
        stderr.contains("--source \"reutrs\" matches no outlet; did you mean \"Reuters\"?"),
        "{stderr}"
    );
    let stderr = run(&["economy", "--speaker", "Blare"]);
    assert!(
        stderr.contains("--speaker \"Blare\" matches no speaker"),
        "{stderr}"
    );
    let stderr = run(&["economy", "--speaker", "Gorge Bush"]);
    assert!(
        stderr.contains("did you mean \"George W Bush\"?"),
        "{stderr}"
    );
    // b.md has no date: the window left it out.
    let stderr = run(&["economy", "--since", "2004"]);
    assert!(
        stderr.contains("1 undated article matches but --since/--until leave out"),
        "{stderr}"
    );
    // With --json the data stays clean and the hint goes to stderr.
    let out = env
        .cmd()
        .args(["search", "--json", "economy", "--since", "2004"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("1 undated article"));
    // A reversed range is refused, naming both dates.
    env.cmd()
        .args(["search", "economy", "--since", "2005", "--until", "2004"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("swap them"));
    // The API answers the same hints.
    let server = Server::start(&env.index_dir());
    let hints = |path: &str| -> Vec<String> {
        let (status, body) = server.get_json(path);
        assert_eq!(status, 200, "{body}");
        body["hints"]
            .as_array()
            .unwrap_or_else(|| panic!("no hints: {body}"))
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    let source = hints("/api/search?q=economy&source=reutrs");
    assert!(source[0].contains("did you mean \"Reuters\""), "{source:?}");
    let undated = hints("/api/search?q=economy&since=2004");
    assert!(undated[0].contains("1 undated article"), "{undated:?}");
    let (_, found) = server.get_json("/api/search?q=economy");
    assert!(found.get("hints").is_none(), "{found}");
}

#[test]
fn counts_are_in_words_with_the_right_number() {
    let env = TestEnv::new();
    env.write(
        "articles/one.txt",
        "Harbour repairs begin\n\nThe harbour will be repaired this winter, the council said.\n",
    );
    let stderr = env.index_articles();
    assert!(stderr.contains("(1 article, 1 passage written"), "{stderr}");
    let out = env.cmd().args(["search", "harbour"]).output().unwrap();
    assert!(
        stderr_of(&out).contains("1 of 1 result shown"),
        "{}",
        stderr_of(&out)
    );
    env.cmd()
        .args(["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 file, 1 article, 1 passage"));
}

#[test]
fn every_command_exits_quietly_when_the_reader_goes_away() {
    let env = politics();
    let commands: &[&[&str]] = &[
        &["completions", "zsh"],
        &["completions", "bash"],
        &["search", "Bush"],
        &["search", "--json", "Bush"],
        &["speakers"],
        &["sources"],
        &["stats"],
        &["stats", "--json"],
        &["quotes", "--speaker", "Bush"],
        &["export"],
        &["export", "--format", "csv"],
        &["analyze", "articles"],
        &["--help"],
    ];
    for args in commands {
        // A pipe whose reading end is already closed: the first write
        // fails with EPIPE, however fast the command runs.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsidx"))
            .current_dir(env.dir.path())
            .env_remove("NEWSIDX_INDEX")
            .arg("--index")
            .arg(env.index_dir())
            .args(*args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn indexing_a_path_that_does_not_exist_creates_nothing() {
    let env = TestEnv::new();
    env.cmd()
        .args(["index", "/nonexistent/articles"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/nonexistent/articles does not exist",
        ));
    assert!(!env.index_dir().exists(), "an index was created");
}

#[test]
fn help_shows_the_query_as_optional_and_global_flags_apart() {
    let env = TestEnv::new();
    let out = env.cmd().args(["search", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("Usage: newsidx search [OPTIONS] [QUERY]"),
        "{help}"
    );
    assert!(!help.contains("[default: \"\"]"), "{help}");
    let global = help
        .find("Global options:")
        .expect("a Global options heading");
    for flag in ["--index <DIR>", "--quiet", "--verbose", "--color <WHEN>"] {
        assert!(
            help.find(flag).unwrap() > global,
            "{flag} not under Global options"
        );
    }
    for flag in [
        "--speaker <NAME>",
        "--since <DATE>",
        "--limit <N>",
        "--json",
    ] {
        assert!(
            help.find(flag).unwrap() < global,
            "{flag} among the global options"
        );
    }
}

#[test]
fn stats_and_speakers_count_one_person_once() {
    let env = politics();
    let stats = env.stats();
    let out = env.cmd().args(["speakers", "--json"]).assert().success();
    let speakers = common::parse_lines(&out.get_output().stdout);
    let names: Vec<&str> = speakers
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.iter().filter(|n| n.contains("Bush")).count(),
        1,
        "{names:?}"
    );
    let bush = speakers
        .iter()
        .find(|s| s["name"] == "George W Bush")
        .unwrap();
    assert_eq!(bush["aliases"], serde_json::json!(["Bush"]));
    assert_eq!(
        stats["speaker_count"].as_u64().unwrap() as usize,
        speakers.len()
    );
    for s in &speakers {
        let counted = stats["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == s["name"])
            .unwrap_or_else(|| panic!("{} not in stats: {stats}", s["name"]));
        assert_eq!(counted["passages"], s["passages"], "{}", s["name"]);
    }
}

#[test]
fn the_walk_honours_ignore_files_hidden_entries_excludes_and_leaves_out_readmes() {
    let env = TestEnv::new();
    let article =
        |topic: &str| format!("Council news\n\nThe council discussed the {topic} on Monday.\n");
    env.write("corpus/politics/001.txt", article("harbour"));
    env.write("corpus/business/001.txt", article("budget"));
    env.write("corpus/drafts/002.txt", article("ferries"));
    env.write("corpus/.cache/003.txt", article("bridges"));
    env.write("corpus/old.txt", article("tunnels"));
    env.write("corpus/.gitignore", "old.txt\n");
    env.write(
        "corpus/README.md",
        "# A corpus\n\nArticles about the council, collected for research.\n",
    );
    env.write(
        "corpus/SOURCE-README.TXT",
        "Collected from the council's web site in 2025.\n",
    );
    env.write("corpus/LICENSE-TEXT.txt", "Free to use for research.\n");
    let out = env
        .cmd()
        .args(["index", "corpus", "--exclude", "drafts/"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.starts_with("2 added,"), "{stderr}");
    assert!(
        stderr.contains("left out: 3 README, LICENSE or similar, 2 hidden, 1 excluded"),
        "{stderr}"
    );
    // --verbose names each and says why.
    let out = env
        .cmd()
        .args(["--verbose", "index", "corpus", "--exclude", "drafts/"])
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert!(stderr.contains("drafts: matches --exclude"), "{stderr}");
    assert!(stderr.contains("README.md: not an article"), "{stderr}");
    let found: Vec<String> = env
        .search_json(&["--all", "council"])
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found
        .iter()
        .all(|p| p.ends_with("politics/001.txt") || p.ends_with("business/001.txt")));
    // A bad glob is refused before anything is touched.
    env.cmd()
        .args(["index", "corpus", "--exclude", "[x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--exclude \"[x\""));
}

#[test]
fn result_paths_are_relative_to_the_indexed_folder_wherever_the_search_runs() {
    let env = TestEnv::new();
    let article = |topic: &str| format!("Council news\n\nThe council discussed the {topic}.\n");
    env.write("corpus/bbc/business/021.txt", article("harbour budget"));
    env.write("corpus/bbc/sport/021.txt", article("harbour regatta"));
    env.write("elsewhere/.keep", "");
    env.cmd().args(["index", "corpus/bbc"]).assert().success();
    let paths = |dir: &str, args: &[&str]| -> Vec<String> {
        let out = env
            .cmd()
            .current_dir(env.path(dir))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let mut found: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.trim().strip_suffix(":3"))
            .map(str::to_string)
            .collect();
        found.sort();
        found
    };
    // Outside the indexed folder: relative to it, never absolute or bare.
    for dir in ["elsewhere", "corpus/bbc/business"] {
        assert_eq!(
            paths(dir, &["search", "--all", "harbour"]),
            vec!["business/021.txt", "sport/021.txt"],
            "searching from {dir}"
        );
    }
    // Above it: relative to the working directory, so it opens as printed.
    assert_eq!(
        paths(".", &["search", "--all", "harbour"]),
        vec!["corpus/bbc/business/021.txt", "corpus/bbc/sport/021.txt"]
    );
}
