//! Speaker attribution end to end: `analyze --json` statements, and
//! `search --speaker` over an index where one person is written three ways
//! ("Yury Ivanov", "Yuri Ivanov", plain "Ivanov") in different articles.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution")
}

fn newsidx() -> Command {
    let mut cmd = Command::cargo_bin("newsidx").expect("binary");
    cmd.env("NO_COLOR", "1");
    cmd
}

/// A fresh index of the fixture articles.
fn indexed() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    newsidx()
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg("index")
        .arg(fixtures())
        .assert()
        .success();
    dir
}

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

/// `search --json` with `args`: the hits.
fn search(dir: &TempDir, args: &[&str]) -> Vec<Value> {
    let out = newsidx()
        .arg("--index")
        .arg(dir.path().join("index"))
        .arg("search")
        .arg("--json")
        .args(args)
        .output()
        .expect("runs");
    json_lines(&out.stdout)
}

fn file_name(hit: &Value) -> String {
    Path::new(hit["path"].as_str().expect("path"))
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

fn files_of(hits: &[Value]) -> Vec<String> {
    let mut files: Vec<String> = hits.iter().map(file_name).collect();
    files.sort();
    files.dedup();
    files
}

#[test]
fn speaker_filter_matches_every_spelling_and_the_surname_alone() {
    let dir = indexed();
    let all = [
        "ivanov-interview.txt",
        "ivanov-kremlin.txt",
        "ivanov-surname.txt",
    ];
    for requested in ["Yury Ivanov", "yuri ivanov", "Ivanov"] {
        let hits = search(&dir, &["--speaker", requested, "--limit", "50"]);
        assert_eq!(files_of(&hits), all, "--speaker {requested:?}");
    }
}

#[test]
fn hits_show_the_canonical_name() {
    let dir = indexed();
    let hits = search(&dir, &["--speaker", "Ivanov", "--limit", "50"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        let speakers: Vec<&str> = hit["speakers"]
            .as_array()
            .expect("speakers")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(speakers, ["Yuri Ivanov"], "in {}", file_name(hit));
    }
}

#[test]
fn speaker_filter_does_not_match_part_of_a_name() {
    let dir = indexed();
    assert!(search(&dir, &["--speaker", "Ivan"]).is_empty());
    let ivanova = search(&dir, &["--speaker", "Ivanova"]);
    assert_eq!(files_of(&ivanova), ["ivanova-other.txt"]);
    for hit in &ivanova {
        assert_eq!(hit["speakers"][0], "Maria Ivanova");
    }
}

#[test]
fn organizations_are_speakers() {
    let dir = indexed();
    let hits = search(&dir, &["--speaker", "Kremlin"]);
    assert_eq!(hits.len(), 1);
    assert!(hits[0]["text"]
        .as_str()
        .expect("text")
        .starts_with("The Kremlin said"));
}

#[test]
fn human_search_output_lists_the_speakers() {
    let dir = indexed();
    let out = newsidx()
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["search", "insurers"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Yuri Ivanov"), "{stdout}");
}

#[test]
fn analyze_reports_statements_with_exact_spans() {
    let path = fixtures().join("ivanov-kremlin.txt");
    let bytes = std::fs::read(&path).expect("fixture");
    let out = newsidx()
        .arg("analyze")
        .arg("--json")
        .arg(&path)
        .output()
        .expect("runs");
    let article = json_lines(&out.stdout).remove(0);
    let statements = article["statements"].as_array().expect("statements");
    let span = |s: &Value| {
        let start = s["start"].as_u64().expect("start") as usize;
        let end = s["end"].as_u64().expect("end") as usize;
        String::from_utf8_lossy(&bytes[start..end]).into_owned()
    };
    let summary: Vec<(String, String, String, String, String)> = statements
        .iter()
        .map(|s| {
            (
                span(s),
                s["kind"].as_str().unwrap_or("").to_string(),
                s["cue"].as_str().unwrap_or("").to_string(),
                s["speaker_text"].as_str().unwrap_or("").to_string(),
                s["speaker"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, c: &str, d: &str, e: &str| {
        (a.into(), b.into(), c.into(), d.into(), e.into())
    };
    assert_eq!(
        summary,
        [
            row(
                "the talks on the grain corridor were useful.",
                "reported",
                "said",
                "Yury Ivanov",
                "Yury Ivanov"
            ),
            row(
                "We are ready to continue,",
                "direct",
                "said",
                "Ivanov",
                "Yury Ivanov"
            ),
            row(
                "But the terms must change.",
                "direct",
                "said",
                "Ivanov",
                "Yury Ivanov"
            ),
            row(
                "the next round would take place in Geneva.",
                "reported",
                "said",
                "The Kremlin",
                "Kremlin"
            ),
        ]
    );
    let passages = article["passages"].as_array().expect("passages");
    let speakers: Vec<&Value> = passages.iter().map(|p| &p["speakers"]).collect();
    assert!(speakers.contains(&&serde_json::json!(["Yury Ivanov"])));
    assert!(speakers.contains(&&serde_json::json!(["Kremlin"])));
}

#[test]
fn stats_count_each_person_once() {
    let dir = indexed();
    let out = newsidx()
        .arg("--index")
        .arg(dir.path().join("index"))
        .args(["stats", "--json"])
        .output()
        .expect("runs");
    let stats = json_lines(&out.stdout).remove(0);
    let speakers: Vec<(&str, u64)> = stats["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap_or(""),
                c["passages"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let ivanov: Vec<&(&str, u64)> = speakers
        .iter()
        .filter(|(n, _)| n.split_whitespace().last() == Some("Ivanov"))
        .collect();
    assert_eq!(ivanov.len(), 1, "{speakers:?}");
    assert_eq!(ivanov[0].0, "Yuri Ivanov");
    // Every passage of the three articles where he speaks: 2 + 3 + 2.
    assert_eq!(ivanov[0].1, 7, "{speakers:?}");
    assert!(speakers.iter().any(|(n, _)| *n == "Kremlin"));
    assert_eq!(stats["speaker_count"], 3, "{speakers:?}");
}
