//! `speakers`, `sources` and `quotes`: browsing the index by who spoke,
//! which outlet ran what, and one speaker's distinct statements.

mod common;

use common::{fixture, parse_lines, TestEnv};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn json_lines(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let out = env.cmd().args(args).arg("--json").assert().success();
    parse_lines(&out.get_output().stdout)
}

fn carrier_files(statement: &Value) -> BTreeSet<String> {
    statement["carriers"]
        .as_array()
        .expect("carriers")
        .iter()
        .map(|c| {
            Path::new(c["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn quotes_lists_witkoffs_distinct_statements_with_their_outlets() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let statements = json_lines(&env, &["quotes", "--speaker", "Witkoff"]);
    assert!(!statements.is_empty());
    for s in &statements {
        assert!(
            s["speaker"].as_str().unwrap().contains("Witkoff"),
            "not Witkoff's: {s}"
        );
    }
    let groups: BTreeSet<&str> = statements
        .iter()
        .map(|s| s["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups.len(), statements.len(), "a statement listed twice");
    // His "shared priority" quote ran in Bloomberg's and the unsourced
    // article 003 with different quote marks: one statement, both carriers.
    let shared = statements
        .iter()
        .find(|s| s["text"].as_str().unwrap().contains("stop the killing"))
        .unwrap_or_else(|| panic!("no \"stop the killing\" statement: {statements:#?}"));
    assert!(
        carrier_files(shared).contains("003_66f075ac03bc9f79.txt")
            && carrier_files(shared).contains("001_7c3a7c60cc464903.txt"),
        "{shared}"
    );
    assert!(shared["outlets"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Bloomberg News")));
    // Each is also a statement record, counting the other outlets.
    assert_eq!(shared["statement"]["speaker"], shared["speaker"]);
    assert!(shared["statement"]["id"].as_str().unwrap().len() == 16);
    assert_eq!(
        shared["also_in_outlets"].as_u64().unwrap() as usize,
        shared["outlets"].as_array().unwrap().len()
            - usize::from(shared["carriers"][0]["source"].is_string())
    );
    // Newest first by default, oldest first on request; undated last.
    let dates = |statements: &[Value]| -> Vec<Option<String>> {
        statements
            .iter()
            .map(|s| s["first_date"].as_str().map(str::to_string))
            .collect()
    };
    let newest = dates(&statements);
    let mut sorted = newest.clone();
    sorted.sort_by_key(|d| (d.is_none(), std::cmp::Reverse(d.clone())));
    assert_eq!(newest, sorted);
    let oldest = dates(&json_lines(
        &env,
        &["quotes", "--speaker", "Witkoff", "--sort", "oldest"],
    ));
    let mut sorted = oldest.clone();
    sorted.sort_by_key(|d| (d.is_none(), d.clone()));
    assert_eq!(oldest, sorted);
}

#[test]
fn quotes_are_newest_first_unless_asked_otherwise() {
    let env = TestEnv::new();
    for (day, words) in [
        ("2025-01-10", "the dam is safe"),
        ("2025-03-02", "the dam must close"),
    ] {
        env.write(
            &format!("articles/{day}.txt"),
            format!("Dam news\n\ndate {day}\n\n\"Today {words},\" Ana Lima said.\n"),
        );
    }
    env.index_articles();
    let texts = |args: &[&str]| -> Vec<String> {
        json_lines(&env, args)
            .iter()
            .map(|s| s["text"].as_str().unwrap().to_string())
            .collect()
    };
    let newest = texts(&["quotes", "--speaker", "Lima"]);
    assert_eq!(newest.len(), 2, "{newest:?}");
    assert!(newest[0].contains("must close"), "{newest:?}");
    let oldest = texts(&["quotes", "--speaker", "Lima", "--sort", "oldest"]);
    assert!(oldest[0].contains("is safe"), "{oldest:?}");
}

#[test]
fn quotes_names_the_speaker_a_variant_matched() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let out = env
        .cmd()
        .args(["quotes", "--speaker", "Witkof"])
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("by Steve Witkoff (for \"Witkof\")"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains(" · also in "), "{stdout}");
}

#[test]
fn quotes_by_relevance_put_the_best_match_first() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let statements = json_lines(
        &env,
        &[
            "quotes",
            "--speaker",
            "Witkoff",
            "killing",
            "--sort",
            "relevance",
        ],
    );
    assert!(
        statements[0]["text"].as_str().unwrap().contains("killing"),
        "{statements:#?}"
    );
}

#[test]
fn quotes_human_output_and_no_match_exit_code() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let out = env
        .cmd()
        .args(["quotes", "--speaker", "Witkoff", "killing"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("carried by"), "{stdout}");
    assert!(stdout.contains("stop the killing"), "{stdout}");
    env.cmd()
        .args(["quotes", "--speaker", "Nobody Atall"])
        .assert()
        .code(1);
}

#[test]
fn speakers_merges_spellings_of_a_name() {
    let env = TestEnv::new();
    env.copy_dir(&fixture("spellings"), "articles");
    env.index_articles();
    let speakers = json_lines(&env, &["speakers"]);
    let ushakov: Vec<&Value> = speakers
        .iter()
        .filter(|s| s["name"].as_str().unwrap().contains("Ushakov"))
        .collect();
    assert_eq!(ushakov.len(), 1, "{speakers:?}");
    let entry = ushakov[0];
    let name = entry["name"].as_str().unwrap();
    let other = if name == "Yury Ushakov" {
        "Yuri Ushakov"
    } else {
        "Yury Ushakov"
    };
    assert!(
        entry["aliases"]
            .as_array()
            .unwrap()
            .contains(&Value::from(other)),
        "{entry}"
    );
    assert_eq!(entry["articles"], 2);
    assert_eq!(entry["sources"], 2);
    assert_eq!(entry["statements"], 3);
}

#[test]
fn speakers_on_the_samples_counts_statements_articles_and_sources() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let speakers = json_lines(&env, &["speakers"]);
    let witkoff = speakers
        .iter()
        .find(|s| s["name"] == "Steve Witkoff")
        .expect("Witkoff listed");
    assert!(witkoff["statements"].as_u64().unwrap() >= witkoff["articles"].as_u64().unwrap());
    assert!(witkoff["articles"].as_u64().unwrap() >= 3, "{witkoff}");
    assert!(witkoff["aliases"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Witkoff")));
    // Spelling variants never show as two speakers ("Yury"/"Yuri").
    let ushakovs: Vec<&Value> = speakers
        .iter()
        .filter(|s| s["name"].as_str().unwrap().ends_with("Ushakov"))
        .collect();
    assert_eq!(ushakovs.len(), 1, "{speakers:?}");
    // 001 and 003 write "Yuri", 004 "Yury": attribution credits him in
    // articles of both spellings, and both spellings are one speaker.
    let files: BTreeSet<String> = env
        .search_json(&["--speaker", "Ushakov", "--all", "-n", "100"])
        .iter()
        .map(common::file_name)
        .collect();
    assert!(files.contains("004_1a971950b7eda2f4.txt"), "{files:?}");
    assert!(
        files.contains("001_7c3a7c60cc464903.txt") || files.contains("003_66f075ac03bc9f79.txt"),
        "{files:?}"
    );
    let entry = ushakovs[0];
    let spellings: BTreeSet<&str> = std::iter::once(&entry["name"])
        .chain(entry["aliases"].as_array().unwrap())
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        spellings.contains("Yury Ushakov") && spellings.contains("Yuri Ushakov"),
        "{entry}"
    );
    let counts: Vec<u64> = speakers
        .iter()
        .map(|s| s["statements"].as_u64().unwrap())
        .collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "not most first: {counts:?}"
    );
}

#[test]
fn speakers_filters_by_source_and_date() {
    let env = TestEnv::new();
    env.copy_dir(&fixture("spellings"), "articles");
    env.index_articles();
    let one = json_lines(&env, &["speakers", "--source", "wire two"]);
    assert_eq!(one.len(), 1);
    assert_eq!(one[0]["statements"], 1);
    assert_eq!(one[0]["articles"], 1);
    let early = json_lines(&env, &["speakers", "--until", "2025-12-21"]);
    assert_eq!(early[0]["statements"], 2);
    let none = json_lines(&env, &["speakers", "--since", "2026-01-01"]);
    assert!(none.is_empty());
    env.cmd()
        .args(["speakers", "--since", "last week"])
        .assert()
        .code(2);
}

#[test]
fn sources_lists_outlets_with_articles_and_date_ranges() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let sources = json_lines(&env, &["sources"]);
    let total: u64 = sources
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 5);
    let kurdistan = sources
        .iter()
        .find(|s| s["name"] == "Kurdistan24")
        .expect("Kurdistan24 listed");
    assert_eq!(kurdistan["articles"], 1);
    assert_eq!(kurdistan["first_date"], "2025-12-21T00:00:00Z");
    assert_eq!(kurdistan["last_date"], "2025-12-21T00:00:00Z");

    let wires = TestEnv::new();
    wires.copy_dir(&fixture("spellings"), "articles");
    wires.index_articles();
    let out = wires.cmd().arg("sources").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let line = stdout
        .lines()
        .find(|l| l.ends_with("Wire One"))
        .expect("Wire One");
    assert!(line.contains("2025-12-20"), "{line}");
}
