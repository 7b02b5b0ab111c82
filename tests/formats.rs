//! Every input format end to end: files of each kind are indexed with the
//! real binary and their fields checked through `search --json` and the
//! filters (`--source`, `--since`, `--until`).

mod common;

use common::{fixture, parse_lines, TestEnv};
use serde_json::Value;
use std::path::PathBuf;

/// The format fixtures' subdirectories, copied under `formats/`.
const FIXTURE_DIRS: &[&str] = &[
    "html",
    "jsonl",
    "json",
    "markdown",
    "text",
    "encodings",
    "manifest",
    "broken",
];

/// A test directory with a copy of the format fixtures.
struct Env {
    env: TestEnv,
}

impl Env {
    fn new() -> Env {
        let env = TestEnv::new();
        for dir in FIXTURE_DIRS {
            env.copy_dir(
                &fixture(&format!("formats/{dir}")),
                &format!("formats/{dir}"),
            );
        }
        let manifest = std::fs::read(fixture("formats/manifest.jsonl")).unwrap();
        env.write("formats/manifest.jsonl", manifest);
        Env { env }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.env.path(&format!("formats/{rel}"))
    }

    fn cmd(&self) -> assert_cmd::Command {
        self.env.cmd()
    }

    /// Runs `newsidx index ARGS PATHS…`; returns the exit code and stderr.
    fn index(&self, args: &[&str], paths: &[&str]) -> (i32, String) {
        let mut cmd = self.cmd();
        cmd.arg("index").args(args);
        for p in paths {
            cmd.arg(self.path(p));
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `newsidx search --json -n 100 ARGS…`.
    fn search(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["-n", "100"];
        all.extend_from_slice(args);
        self.env.search_json(&all)
    }

    /// The hit for `query` whose text contains `needle`.
    fn hit(&self, query: &str, needle: &str) -> Value {
        let hits = self.search(&[query]);
        hits.into_iter()
            .find(|h| h["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no hit for {query:?} containing {needle:?}"))
    }
}

fn texts(hits: &[Value]) -> Vec<&str> {
    hits.iter().map(|h| h["text"].as_str().unwrap()).collect()
}

#[test]
fn html_metadata_comes_from_json_ld_first() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["html"]);
    assert_eq!(code, 0, "{stderr}");
    let hit = env.hit("corridor", "Negotiators meeting in Istanbul");
    assert_eq!(hit["title"], "Envoys report progress on grain corridor");
    assert_eq!(hit["source"], "Example Wire"); // JSON-LD publisher, not og:site_name
    assert_eq!(hit["author"], "Maria Kovac");
    // JSON-LD's 10:00+02:00, not article:published_time (the index keeps UTC).
    assert_eq!(hit["date"], "2025-12-22T08:00:00Z");
    // The line of the <p> element in the page.
    assert_eq!(hit["line"], 23);
    let later = env.hit("insurance premiums", "Shipping companies");
    assert_eq!(later["heading"], "Insurance remains a hurdle");
}

#[test]
fn html_boilerplate_is_not_indexed() {
    let env = Env::new();
    env.index(&[], &["html/wire-story.html"]);
    let all = env.search(&[]);
    // Three paragraphs and the subheading, which is article text too.
    assert_eq!(all.len(), 5, "{:?}", texts(&all));
    assert!(texts(&all).contains(&"Insurance remains a hurdle"));
    for gone in [
        "Share on Facebook",
        "Leave a Reply",
        "Great piece",
        "Copyright",
        "Wheat prices",
        "Markets",
        "By Maria Kovac",
    ] {
        assert!(
            !texts(&all).iter().any(|t| t.contains(gone)),
            "{gone:?} was indexed"
        );
    }
}

#[test]
fn html_open_graph_meta_author_and_time_element() {
    let env = Env::new();
    env.index(&[], &["html"]);
    let hit = env.hit("dockworkers", "Dockworkers in the harbour");
    assert_eq!(hit["title"], "Harbour cranes return to work");
    assert_eq!(hit["source"], "The Port Gazette");
    assert_eq!(hit["author"], "Tom Baird");
    assert_eq!(hit["date"], "2025-11-04T08:30:00Z");
    // The "Posted <time>" line is not a passage.
    assert!(!texts(&env.search(&["posted"]))
        .iter()
        .any(|t| t.contains("Posted")));
}

#[test]
fn html_byline_in_the_page_and_no_invented_date() {
    let env = Env::new();
    env.index(&[], &["html"]);
    let hit = env.hit("tram", "The city council approved");
    assert_eq!(hit["title"], "Council approves new tram line");
    assert_eq!(hit["author"], "Priya Nair");
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(hit["source"], Value::Null);
}

#[test]
fn html_declared_windows_1252_is_decoded() {
    let env = Env::new();
    env.index(&[], &["html"]);
    let hit = env.hit("terrace", "owners in the old town");
    assert_eq!(hit["title"], "Café owners protest new rules");
    assert!(hit["text"]
        .as_str()
        .unwrap()
        .contains("“the whole summer season”"));
    assert_eq!(hit["source"], "Le Petit Journal");
}

#[test]
fn a_page_without_article_text_is_reported_and_skipped() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["broken", "html/blog-post.htm"]);
    assert_eq!(code, 4);
    assert!(
        stderr.contains("menu-only.html: no article text found in the file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 added, 0 updated, 0 unchanged, 0 removed, 1 failed"),
        "{stderr}"
    );
    assert!(env.search(&["tracking"]).is_empty());
}

#[test]
fn json_lines_skips_records_without_text_and_keeps_the_rest() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["jsonl/scraped.jsonl"]);
    assert_eq!(code, 4, "a skipped record makes the run partial");
    assert!(
        stderr.contains("scraped.jsonl: line 2: record has no text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("scraped.jsonl: line 4: not valid JSON"),
        "{stderr}"
    );
    let rail = env.hit("strike", "Train drivers called off");
    assert_eq!(
        rail["title"],
        "Rail strike called off after late-night deal"
    );
    assert_eq!(rail["source"], "northern-times.example");
    assert_eq!(rail["author"], "Ruth Okafor");
    assert_eq!(rail["date"], "2025-10-03T07:15:00Z");
    assert_eq!(rail["url"], "https://www.northern-times.example/rail-deal");
    assert_eq!(rail["line"], 1);
    let glacier = env.hit("glaciers", "Alpine glaciers");
    assert_eq!(glacier["source"], "Mountain Post"); // trafilatura's sitename
    assert_eq!(glacier["url"], "https://mountainpost.example/glaciers");
    assert_eq!(glacier["line"], 3);
    assert_ne!(rail["article_id"], glacier["article_id"]);
    assert!(env.search(&["body"]).is_empty());
}

#[test]
fn json_lines_fields_drive_the_filters() {
    let env = Env::new();
    env.index(&[], &["jsonl"]);
    let mountain = env.search(&["--source", "mountain post"]);
    assert_eq!(mountain.len(), 1);
    let october = env.search(&["--since", "2025-10-01", "--until", "2025-10-31"]);
    assert!(!october.is_empty());
    assert!(october
        .iter()
        .all(|h| h["title"] == "Rail strike called off after late-night deal"));
    let september = env.search(&["--until", "2025-09"]);
    assert_eq!(texts(&september).len(), 1);
    assert!(texts(&september)[0].starts_with("Alpine glaciers"));
}

#[test]
fn json_arrays_and_a_broken_json_file() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["json"]);
    assert_eq!(code, 4);
    assert!(
        stderr.contains("truncated.json: the file is not valid JSON (line 1"),
        "{stderr}"
    );
    let bridge = env.hit("bridge", "old river bridge");
    assert_eq!(bridge["title"], "Bridge reopens after repairs");
    assert_eq!(bridge["source"], "City Ledger");
    assert_eq!(bridge["author"], "Owen Marsh");
    assert_eq!(bridge["date"], "2025-11-15T12:00:00Z");
    let museum = env.hit("museum", "national museum");
    assert_eq!(museum["date"], "2025-11-20T00:00:00Z");
}

#[test]
fn yaml_and_toml_front_matter() {
    let env = Env::new();
    let (_, stderr) = env.index(&[], &["markdown"]);
    let wind = env.hit("turbines", "Planning officials approved");
    assert_eq!(
        wind["title"],
        "Wind farm approved: 40 turbines off the coast"
    );
    assert_eq!(wind["source"], "Coastal Review");
    assert_eq!(wind["author"], "Hana Sato");
    assert_eq!(wind["date"], "2025-12-22T00:00:00Z");
    assert_eq!(wind["url"], "https://coastal-review.example/wind-farm");
    assert_eq!(wind["line"], 11);
    let fishing = env.hit("fishing", "Fishing crews said");
    assert_eq!(fishing["heading"], "Fishing crews object");
    // Byte ranges of Markdown passages point into the file.
    let file = std::fs::read(env.path("markdown/yaml-front-matter.md")).unwrap();
    let (start, end) = (
        fishing["start"].as_u64().unwrap() as usize,
        fishing["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        std::str::from_utf8(&file[start..end]).unwrap(),
        fishing["text"].as_str().unwrap()
    );
    let maps = env.hit("maps", "medieval maps");
    assert_eq!(maps["source"], "Archive Weekly");
    assert_eq!(maps["author"], "Jonas Berg");
    assert_eq!(maps["date"], "2024-03-05T13:30:00Z");
    // The broken front matter is reported; the text is still indexed.
    assert!(
        stderr.contains("broken-front-matter.md: line 1: the YAML front matter cannot be read"),
        "{stderr}"
    );
    assert!(!texts(&env.search(&["trees"])).is_empty());
    assert!(
        env.search(&["never"]).is_empty(),
        "front matter was indexed"
    );
}

#[test]
fn plain_text_header_dateline_byline_and_credits() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["text"]);
    assert_eq!(code, 0, "{stderr}");
    let hit = env.hit("tariffs", "Trade ministers agreed");
    assert_eq!(hit["title"], "Ministers agree to cut fertiliser tariffs");
    assert_eq!(hit["source"], "Example Daily");
    assert_eq!(hit["author"], "Carlos Mendes");
    assert_eq!(hit["date"], "2025-12-18T00:00:00Z");
    let all = env.search(&[]);
    let all = texts(&all);
    assert!(
        all.iter().any(|t| t.starts_with("Farm groups welcomed")),
        "standfirst kept"
    );
    for gone in [
        "World / Example Daily",
        "With IANS inputs",
        "Leave a Reply",
        "Copyright",
        "date 2025",
    ] {
        assert!(
            !all.iter().any(|t| t.contains(gone)),
            "{gone:?} indexed: {all:?}"
        );
    }
    let after = env.hit("parliaments", "The cut takes effect");
    assert_eq!(after["heading"], "What Happens Next");
    assert!(!all.contains(&"What Happens Next"));
}

#[test]
fn utf16_windows_1252_and_bom_files_are_decoded_and_binary_is_skipped() {
    let env = Env::new();
    let (code, stderr) = env.index(&[], &["encodings"]);
    assert_eq!(code, 4);
    assert!(
        stderr.contains("binary.txt: the file looks binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad-utf8-bom.txt: the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (bad byte at offset 43)"),
        "{stderr}"
    );
    assert_eq!(
        env.hit("fog", "thick fog")["title"],
        "Fog pilots warn of fog delays"
    );
    let cafe = env.hit("naïve", "council’s plan");
    assert!(cafe["text"].as_str().unwrap().contains("“naïve”"));
    assert_eq!(cafe["title"], "Naïve plans for the café district");
    assert_eq!(
        env.hit("snow", "mountain pass")["title"],
        "Snow closes mountain pass"
    );
}

#[test]
fn batch_flags_override_and_reindexing_notices_a_change() {
    let env = Env::new();
    let (code, stderr) = env.index(
        &["--source", "Desk Feed", "--date", "1 March 2024"],
        &["text/agency-story.txt"],
    );
    assert_eq!(code, 0, "{stderr}");
    let hit = env.hit("tariffs", "Trade ministers agreed");
    assert_eq!(hit["source"], "Desk Feed");
    assert_eq!(hit["date"], "2024-03-01T00:00:00Z");
    assert_eq!(
        hit["author"], "Carlos Mendes",
        "fields not given stay extracted"
    );
    assert_eq!(
        env.search(&[
            "--source",
            "desk feed",
            "--since",
            "2024-03-01",
            "--until",
            "2024-03-01"
        ])
        .len(),
        4
    );

    // Same bytes, other flags: the file must be re-read.
    let (code, stderr) = env.index(
        &["--source", "Other Desk", "--json"],
        &["text/agency-story.txt"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        env.hit("tariffs", "Trade ministers")["source"],
        "Other Desk"
    );
    assert!(env.search(&["--source", "desk feed"]).is_empty());

    // No flags: back to what the file says.
    env.index(&[], &["text/agency-story.txt"]);
    assert_eq!(
        env.hit("tariffs", "Trade ministers")["source"],
        "Example Daily"
    );
}

#[test]
fn sidecar_manifest_sets_fields_per_file() {
    let env = Env::new();
    let (code, stderr) = env.index(&["--source", "Batch Source"], &["manifest"]);
    assert_eq!(code, 4, "the bad row makes the run partial");
    assert!(
        stderr.contains("newsidx-manifest.csv: line 4: no such file"),
        "{stderr}"
    );
    let ferry = env.hit("ferry", "four crossings");
    assert_eq!(ferry["source"], "Island Herald"); // the row wins over the batch flag
    assert_eq!(ferry["date"], "2025-08-14T00:00:00Z");
    assert_eq!(ferry["url"], "https://island-herald.example/ferry");
    assert_eq!(ferry["title"], "Ferry timetable changes for winter");
    let market = env.hit("market", "old market hall");
    assert_eq!(market["title"], "Market hall reopens");
    assert_eq!(market["author"], "Dana Quinn");
    assert_eq!(market["source"], "Batch Source"); // no source in its row
                                                  // The manifest itself is not an article.
    assert!(env
        .search(&["island"])
        .iter()
        .all(|h| !h["path"].as_str().unwrap().ends_with(".csv")));
}

#[test]
fn a_sidecar_manifest_at_the_top_names_files_in_subdirectories() {
    let env = Env::new();
    env.env.write(
        "formats/tree/newsidx-manifest.csv",
        "path,source,date\nsub/deep.txt,Tree Source,2025-05-05\n",
    );
    env.env.write(
        "formats/tree/sub/deep.txt",
        "The harbour master said on Friday that the new breakwater had survived its first winter storm without damage.\n",
    );
    let (code, stderr) = env.index(&[], &["tree"]);
    assert_eq!(code, 0, "{stderr}");
    let hit = env.hit("breakwater", "harbour master");
    assert_eq!(hit["source"], "Tree Source");
    assert_eq!(hit["date"], "2025-05-05T00:00:00Z");
}

#[test]
fn explicit_manifest_and_manifest_edits_reindex() {
    let env = Env::new();
    let manifest = env.path("manifest.jsonl");
    let manifest = manifest.to_str().unwrap();
    env.index(&["--manifest", manifest], &["manifest/market.txt"]);
    assert_eq!(
        env.hit("market", "old market hall")["source"],
        "Explicit Manifest News"
    );
    std::fs::write(
        env.path("manifest.jsonl"),
        "{\"path\": \"manifest/market.txt\", \"source\": \"Edited News\"}\n",
    )
    .unwrap();
    env.index(&["--manifest", manifest], &["manifest/market.txt"]);
    assert_eq!(
        env.hit("market", "old market hall")["source"],
        "Edited News"
    );
}

#[test]
fn bad_override_date_and_unreadable_manifest_are_usage_errors() {
    let env = Env::new();
    let (code, stderr) = env.index(&["--date", "next tuesday"], &["text"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("--date \"next tuesday\" is not a date"),
        "{stderr}"
    );
    let (code, stderr) = env.index(&["--manifest", "/nonexistent/m.csv"], &["text"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("manifest /nonexistent/m.csv"), "{stderr}");
}

#[test]
fn analyze_reports_skipped_records_too() {
    let env = Env::new();
    let out = env
        .cmd()
        .arg("analyze")
        .arg("--json")
        .arg(env.path("jsonl/scraped.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2: record has no text"));
    assert_eq!(parse_lines(&out.stdout).len(), 2);
}

#[test]
fn soft_hyphens_and_direction_marks_in_a_page_cut_no_word_and_no_name() {
    let env = TestEnv::new();
    env.write(
        "articles/berlin.html",
        "<html><head><title>Talks in Berlin</title></head><body><article>\
         <p>Frank-Walter Stein&shy;meier met the Bundes&shy;kanzler in Berlin on Monday.</p>\
         <p>&rlm;\u{201c}We will not give in,\u{201d}&rlm; Stein&shy;meier said after the meeting.</p>\
         </article></body></html>",
    );
    env.index_articles();
    // The word is found whole, and shown as the page wrote it.
    let hits = env.search_json(&["Bundeskanzler"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0]["text"]
        .as_str()
        .unwrap()
        .contains("Bundes\u{ad}kanzler"));
    // The speaker is the name a reader sees, in the passage and the
    // statement.
    let hits = env.search_json(&["--speaker", "Steinmeier", "give in"]);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(common::speakers(&hits[0]), ["Frank-Walter Steinmeier"]);
    let statement = &hits[0]["statements"][0];
    assert_eq!(statement["speaker"], "Frank-Walter Steinmeier");
    assert_eq!(statement["speaker_as_written"], "Steinmeier");
    assert_eq!(statement["text"], "We will not give in,");
}
