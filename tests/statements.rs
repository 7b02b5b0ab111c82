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
