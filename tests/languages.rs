//! Issue 23 against the built binary: each article's language is found
//! (declared by the page or record, else detected), shown, counted and
//! filterable, and attribution's English rules stay out of other languages.

mod common;

use common::serve::Server;
use common::*;
use std::path::Path;

const GERMAN: &str = "Die Regierung hat am Dienstag neue Gespräche angekündigt. \
    \"Wir werden nicht nachgeben\", sagte Bundeskanzler Max Mustermann in Berlin. \
    Die Opposition kritisierte die Pläne der Regierung scharf und verlangte eine \
    Abstimmung im Parlament, bevor die Verhandlungen weitergehen.";

const ENGLISH: &str = "The government announced new talks on Tuesday. \
    \"We will not give in,\" said Prime Minister John Example in London. \
    The opposition sharply criticised the plans and demanded a vote in parliament \
    before the negotiations continue.";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A folder with an English and a German text file, a German HTML page
/// that says so, and a JSON Lines record declaring French.
fn corpus(dir: &Path) {
    write(
        dir,
        "english.txt",
        &format!("Talks announced\n\n{ENGLISH}\n"),
    );
    write(dir, "german.txt", &format!("Neue Gespräche\n\n{GERMAN}\n"));
    write(
        dir,
        "page.html",
        &format!(
            "<!doctype html><html lang=\"de-DE\"><head><title>Neue Gespräche</title></head>\
             <body><article><h1>Neue Gespräche</h1><p>{GERMAN}</p></article></body></html>"
        ),
    );
    let record = serde_json::json!({
        "title": "Nouvelles négociations",
        "language": "fr",
        "text": "Le gouvernement a annoncé mardi de nouvelles négociations avec l'opposition, \
                 qui a vivement critiqué les projets et demandé un vote au parlement.",
    });
    write(dir, "records.jsonl", &format!("{record}\n"));
}

fn analyzed(dir: &Path) -> Vec<serde_json::Value> {
    let out = run(std::process::Command::new(bin())
        .args(["analyze", "--json"])
        .arg(dir));
    assert!(out.status.success(), "{}", stderr(&out));
    parse_lines(&out.stdout)
}

fn by_file<'a>(articles: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    articles
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not analysed"))
}

#[test]
fn every_article_gets_its_language_declared_or_detected() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let articles = analyzed(tmp.path());
    assert_eq!(by_file(&articles, "english.txt")["lang"], "en");
    assert_eq!(by_file(&articles, "german.txt")["lang"], "de");
    assert_eq!(by_file(&articles, "page.html")["lang"], "de");
    assert_eq!(by_file(&articles, "records.jsonl")["lang"], "fr");
}

#[test]
fn english_rules_find_statements_in_english_only() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let articles = analyzed(tmp.path());
    let statements = |name| {
        by_file(&articles, name)["statements"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(statements("english.txt"), 1);
    assert_eq!(statements("german.txt"), 0);
    assert_eq!(statements("page.html"), 0);
}

#[test]
fn search_and_stats_know_the_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    corpus(&articles);
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&articles));
    assert!(out.status.success(), "{}", stderr(&out));

    let hits = |args: &[&str]| {
        let out = run(newsidx(&index, &[&["search", "--json"], args].concat()));
        parse_lines(&out.stdout)
    };
    let german = hits(&["--lang", "de"]);
    assert!(!german.is_empty());
    assert!(german.iter().all(|h| h["lang"] == "de"), "{german:?}");
    // Tags and names are read like codes.
    assert_eq!(hits(&["--lang", "German"]).len(), german.len());
    assert_eq!(hits(&["--lang", "de-AT"]).len(), german.len());
    let both = hits(&["--lang", "de", "--lang", "fr"]);
    assert!(both.iter().any(|h| h["lang"] == "fr") && both.len() > german.len());

    let out = run(newsidx(&index, &["search", "--lang", "klingon"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--lang \"klingon\" is not a language"));

    let out = run(newsidx(&index, &["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let languages: Vec<&str> = stats["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(languages.len(), 3, "{languages:?}");
    for code in ["en", "de", "fr"] {
        assert!(languages.contains(&code), "{languages:?}");
    }
}

#[test]
fn the_api_filters_by_language_and_refuses_a_bad_code() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    corpus(&articles);
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&articles));
    assert!(out.status.success(), "{}", stderr(&out));
    let server = Server::start(&index);
    let (status, body) = server.get_json("/api/search?lang=fr");
    assert_eq!(status, 200);
    let hits = body["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["lang"] == "fr"));
    let (status, body) = server.get_json("/api/search?lang=french");
    assert_eq!(status, 400);
    assert_eq!(body["parameter"], "lang", "{body}");
}
