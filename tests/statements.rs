//! Statements in search results: each JSON hit carries its passage's
//! statement records, and `search --speaker` marks that speaker's own words
//! in the human snippet.

mod common;

use common::{parse_lines, TestEnv};

/// One passage with two speakers.
fn two_speakers() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "articles/bridge.txt",
        "Bridge plan divides council\n\ndate 2025-03-04\n\n\"We will build the bridge this year,\" Ana Lima said, but Rui Costa said the bridge was far too costly for the town.\n",
    );
    env.index_articles();
    env
}

#[test]
fn json_hits_carry_the_statements_of_their_passage() {
    let env = two_speakers();
    let hits = env.search_json(&["bridge"]);
    let hit = hits
        .iter()
        .find(|h| h["text"].as_str().unwrap().contains("Ana Lima"))
        .expect("the passage");
    let statements = hit["statements"].as_array().expect("statements");
    let speakers: Vec<&str> = statements
        .iter()
        .map(|s| s["speaker"].as_str().unwrap())
        .collect();
    assert!(speakers.contains(&"Ana Lima"), "{speakers:?}");
    assert!(speakers.contains(&"Rui Costa"), "{speakers:?}");
    let text = hit["text"].as_str().unwrap();
    for s in statements {
        assert!(text.contains(s["text"].as_str().unwrap()), "{s}");
    }
    // The same records `export` writes.
    let out = env.cmd().arg("export").assert().success();
    let exported = parse_lines(&out.get_output().stdout);
    for s in statements {
        assert!(exported.contains(s), "{s} not exported");
    }
}

#[test]
fn a_speaker_filter_marks_that_speakers_own_words() {
    let env = two_speakers();
    let out = env
        .cmd()
        .args(["search", "bridge", "--speaker", "Costa"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("{the [bridge] was far too costly for the town.}"),
        "{stdout}"
    );
    assert!(!stdout.contains("{We will"), "{stdout}");
    // Without --speaker nothing is braced.
    let out = env.cmd().args(["search", "bridge"]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains('{'), "{stdout}");
}

/// `analyze --json` on one invented HTML page: its statements as
/// (speaker, cue) pairs.
fn statements_of_page(html: &str) -> Vec<(String, String)> {
    let env = TestEnv::new();
    let page = env.write("page.html", html);
    let out = env
        .cmd()
        .args(["analyze", "--json"])
        .arg(&page)
        .assert()
        .success();
    let articles = parse_lines(&out.get_output().stdout);
    assert_eq!(articles.len(), 1, "{articles:?}");
    articles[0]["statements"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|s| {
                    (
                        s["speaker"].as_str().unwrap().to_string(),
                        s["cue"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn no_statement_from_a_heading_a_list_item_a_table_cell_or_a_label() {
    let page = |extra: &str| {
        format!(
            "<html lang=\"en\"><head><title>Harbour plans</title></head><body><article>\
             <h1>Harbour plans</h1>\
             <p>The painter Ada Lind and the engineer Ken Marsh met in the harbour on Monday \
             to talk about the plans for the old ferry and the new pier.</p>\
             <h2>Ada Lind: The harbour will be rebuilt, and the pier with it.</h2>\
             <ul><li>Ken Marsh: I will rebuild the pier before the winter comes.</li></ul>\
             <table><tr><td>Ada Lind: The ferry runs every day of the week now.</td></tr></table>\
             <p>Vanilla Extract: You could also use a spoon of vanilla paste instead.</p>\
             <p>Total Time: 20 minutes.</p>\
             {extra}</article></body></html>"
        )
    };
    assert_eq!(statements_of_page(&page("")), []);
    // The same page with a statement in running text and a transcript
    // paragraph: both are found, so the page is read.
    let found = statements_of_page(&page(
        "<p>Ada Lind said the harbour would reopen in May.</p>\
         <p>KEN MARSH: I will rebuild the pier before the winter comes, I promise.</p>",
    ));
    assert_eq!(
        found,
        [
            ("Ada Lind".to_string(), "said".to_string()),
            ("Ken Marsh".to_string(), ":".to_string())
        ]
    );
}
