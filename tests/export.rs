//! `newsidx export`: statement and article records in JSON Lines, CSV,
//! OpenSearch bulk and Quickwit form, read back by real parsers, and the
//! same statements `stats` counts.

mod common;

use common::{bbc_corpus, parse_lines, TestEnv};
use serde_json::Value;
use std::collections::HashSet;

/// An article whose statements hold commas, quotes, a line break inside a
/// quotation and non-ASCII text, by a person and by an organisation.
const TRICKY: &str = "Harbour deal, \"at last\"\n\nBy Jo Bloggs and Ann Poe\n\ndate 2025-05-01\n\nLISBON (Daily Wire) — \"We waited, and waited; then the \"big\" ships came,\" Ana Lima said on Monday.\n\n\"Ça ira — 東京 too,\nand more,\" Ana Lima said.\n\nThe Kremlin said the talks were useful.\n";

fn tricky_env() -> TestEnv {
    let env = TestEnv::new();
    env.write("articles/tricky, \"one\".txt", TRICKY);
    env.write(
        "articles/other.txt",
        "Port strike ends\n\ndate 2025-06-02\n\n\"The port is open again,\" said Rui Costa, the harbour master.\n",
    );
    env.index_articles();
    env
}

fn export(env: &TestEnv, args: &[&str]) -> Vec<u8> {
    let out = env.cmd().arg("export").args(args).assert().success();
    out.get_output().stdout.clone()
}

#[test]
fn jsonl_records_carry_the_statement_and_its_article() {
    let env = tricky_env();
    let records = parse_lines(&export(&env, &[]));
    let stats = env.stats();
    assert_eq!(records.len() as u64, stats["statements"].as_u64().unwrap());
    let lima: Vec<&Value> = records
        .iter()
        .filter(|r| r["speaker"] == "Ana Lima")
        .collect();
    assert!(lima.len() >= 2, "{records:#?}");
    let multiline = lima
        .iter()
        .find(|r| r["text"].as_str().unwrap().contains('\n'))
        .expect("the quote over two lines");
    assert!(multiline["text"].as_str().unwrap().contains("東京"));
    assert_eq!(multiline["kind"], "direct");
    assert_eq!(multiline["cue"], "said");
    assert_eq!(multiline["speaker_type"], "person");
    assert_eq!(multiline["source"], "Daily Wire");
    assert_eq!(multiline["published_at"], "2025-05-01T00:00:00Z");
    assert_eq!(
        multiline["authors"],
        serde_json::json!(["Jo Bloggs", "Ann Poe"])
    );
    // The offsets point at the text in the file.
    let (start, end) = (
        multiline["start"].as_u64().unwrap() as usize,
        multiline["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&TRICKY[start..end], multiline["text"].as_str().unwrap());
    let kremlin = records
        .iter()
        .find(|r| r["speaker"] == "Kremlin")
        .expect("the Kremlin's statement");
    assert_eq!(kremlin["speaker_type"], "organisation");
    assert_eq!(kremlin["kind"], "reported");
}

#[test]
fn ids_are_the_same_on_every_build_and_in_another_directory() {
    let env = tricky_env();
    let first: Vec<String> = parse_lines(&export(&env, &[]))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let moved = TestEnv::new();
    moved.write("articles/deeper/tricky, \"one\".txt", TRICKY);
    moved.write(
        "articles/deeper/other.txt",
        "Port strike ends\n\ndate 2025-06-02\n\n\"The port is open again,\" said Rui Costa, the harbour master.\n",
    );
    moved.index_articles();
    let mut again: Vec<String> = parse_lines(&export(&moved, &[]))
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let mut first_sorted = first.clone();
    first_sorted.sort();
    again.sort();
    assert_eq!(first_sorted, again);
    assert_eq!(
        first.iter().collect::<HashSet<_>>().len(),
        first.len(),
        "ids are unique"
    );
}

#[test]
fn csv_reads_back_equal_to_jsonl() {
    let env = tricky_env();
    let records = parse_lines(&export(&env, &[]));
    let csv_bytes = export(&env, &["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), records.len());
    for (row, record) in rows.iter().zip(&records) {
        assert_eq!(row.len(), header.len());
        for (name, cell) in header.iter().zip(row.iter()) {
            let want = match &record[name] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().unwrap().to_string())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            assert_eq!(cell, want, "column {name}");
        }
    }
}

#[test]
fn a_speaker_filter_exports_only_that_speakers_statements() {
    let env = tricky_env();
    let records = parse_lines(&export(&env, &["--speaker", "lima"]));
    assert!(!records.is_empty());
    assert!(records.iter().all(|r| r["speaker"] == "Ana Lima"));
    let dated = parse_lines(&export(&env, &["--since", "2025-06-01"]));
    assert!(
        dated.iter().all(|r| r["speaker"] == "Rui Costa"),
        "{dated:#?}"
    );
}

#[test]
fn article_records_hold_metadata_and_body() {
    let env = tricky_env();
    let articles = parse_lines(&export(&env, &["--articles"]));
    assert_eq!(articles.len(), 2);
    let tricky = articles
        .iter()
        .find(|a| a["source"] == "Daily Wire")
        .unwrap();
    assert!(tricky["text"]
        .as_str()
        .unwrap()
        .contains("東京 too,\nand more"));
    assert!(tricky["speakers"]
        .as_array()
        .unwrap()
        .contains(&Value::from("Ana Lima")));
    assert_eq!(tricky["title"], "Harbour deal, \"at last\"");
}

#[test]
fn mapping_needs_a_search_engine_format() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["export", "--format", "csv", "--mapping"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--format opensearch"), "{stderr}");
    let mapping: Value =
        serde_json::from_slice(&export(&env, &["--format", "opensearch", "--mapping"])).unwrap();
    assert_eq!(
        mapping["mappings"]["properties"]["published_at"]["type"],
        "date"
    );
}

#[test]
fn output_goes_to_the_named_file() {
    let env = tricky_env();
    let stdout = export(&env, &["-o", "out.jsonl"]);
    assert!(stdout.is_empty());
    let written = std::fs::read(env.path("out.jsonl")).unwrap();
    assert_eq!(written, export(&env, &[]));
}

/// The whole BBC corpus round-trips: every statement `stats` counts is
/// exported once, with a unique id, in bulk lines that alternate action
/// and document.
#[test]
fn bbc_export_round_trips() {
    let Some(bbc) = bbc_corpus() else { return };
    let env = TestEnv::new();
    env.cmd().arg("index").arg(&bbc).assert().success();
    let statements = env.stats()["statements"].as_u64().unwrap();
    assert!(statements > 1000, "{statements}");
    let bulk = export(&env, &["--format", "opensearch"]);
    let lines = parse_lines(&bulk);
    assert_eq!(lines.len() as u64, 2 * statements);
    let mut ids = HashSet::new();
    for pair in lines.chunks(2) {
        let id = pair[0]["index"]["_id"].as_str().expect("action line");
        assert_eq!(pair[1]["id"], id);
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
    let csv_bytes = export(&env, &["--format", "csv"]);
    let rows = csv::Reader::from_reader(csv_bytes.as_slice())
        .records()
        .count();
    assert_eq!(rows as u64, statements);
}
