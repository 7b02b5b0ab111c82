//! End-to-end behaviour of `newsidx index` and `newsidx search` on a copy of
//! the sample articles: ranking, filters, JSON output and incremental runs.

mod common;

use common::{file_name, parse_lines, speakers, TestEnv};
use predicates::prelude::*;
use std::collections::BTreeSet;

#[test]
fn keyword_search_ranks_a_passage_with_the_words_first() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&["security guarantee framework"]);
    assert!(!hits.is_empty());
    let top = hits[0]["text"].as_str().unwrap().to_lowercase();
    for word in ["security", "guarantee", "framework"] {
        assert!(top.contains(word), "top hit lacks {word:?}: {top}");
    }
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(
        scores.windows(2).all(|w| w[0] >= w[1]),
        "not ranked by score: {scores:?}"
    );
}

#[test]
fn every_word_is_required_by_default() {
    let env = TestEnv::with_samples();
    env.index_articles();
    for hit in env.search_json(&["Umerov Facebook"]) {
        let text = hit["text"].as_str().unwrap().to_lowercase();
        let title = hit["title"].as_str().unwrap_or("").to_lowercase();
        let all = format!("{title} {text}");
        assert!(all.contains("umerov") && all.contains("facebook"), "{all}");
    }
}

#[test]
fn phrase_or_and_exclusion_work() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let phrase = env.search_json(&["\"shared strategic approach\""]);
    assert_eq!(phrase.len(), 1);
    assert!(phrase[0]["text"]
        .as_str()
        .unwrap()
        .contains("shared strategic approach"));

    let either = env.search_json(&["Anchorage OR Disqus", "-n", "50"]);
    assert!(either
        .iter()
        .any(|h| h["text"].as_str().unwrap().contains("Anchorage")));

    let without = env.search_json(&["Ushakov -Anchorage", "-n", "50"]);
    assert!(!without.is_empty());
    assert!(without
        .iter()
        .all(|h| !h["text"].as_str().unwrap().contains("Anchorage")));

    // Only exclusions: everything but those.
    let only_not = env.search_json(&["-witkoff", "-n", "500"]);
    assert!(!only_not.is_empty());
    assert!(only_not.iter().all(|h| !h["text"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("witkoff")));
}

#[test]
fn speaker_filter_returns_only_that_speakers_passages() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&["--speaker", "Witkoff", "--all", "-n", "100"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        assert!(
            speakers(hit).iter().any(|s| s == "Steve Witkoff"),
            "passage not attributed to Steve Witkoff: {hit}"
        );
    }
    let articles: BTreeSet<String> = hits.iter().map(file_name).collect();
    for quoting in [
        "000_6bdd283348abeebe.txt",
        "001_7c3a7c60cc464903.txt",
        "003_66f075ac03bc9f79.txt",
    ] {
        assert!(
            articles.contains(quoting),
            "no passage from {quoting}: {articles:?}"
        );
    }
}

#[test]
fn speaker_filter_is_case_and_accent_insensitive_and_takes_full_names() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let by_surname = env.search_json(&["--speaker", "witkoff", "-n", "100"]);
    let by_full = env.search_json(&["--speaker", "STEVE WITKÖFF", "-n", "100"]);
    assert!(!by_surname.is_empty());
    assert_eq!(by_surname.len(), by_full.len());
    // A first name alone is not someone else's surname.
    assert!(env.search_json(&["--speaker", "Steve"]).is_empty());
}

#[test]
fn source_filter_returns_only_that_outlet() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&["--source", "kurdistan24", "-n", "100"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        assert_eq!(file_name(hit), "000_6bdd283348abeebe.txt");
        assert_eq!(hit["source"], "Kurdistan24");
    }
}

#[test]
fn date_range_excludes_undated_and_out_of_range_articles() {
    let env = TestEnv::with_samples();
    env.copy_dir(&common::fixture("dated"), "articles/dated");
    env.index_articles();
    let files = |args: &[&str]| -> BTreeSet<String> {
        env.search_json(args).iter().map(file_name).collect()
    };
    let december = files(&[
        "--since",
        "2025-12-01",
        "--until",
        "2025-12-31",
        "-n",
        "100",
    ]);
    assert_eq!(
        december,
        BTreeSet::from(["000_6bdd283348abeebe.txt".to_string()])
    );
    let harbour_since = files(&["harbour", "--since", "2025-12-01"]);
    assert_eq!(harbour_since, BTreeSet::from(["late.txt".to_string()]));
    let harbour_until = files(&["harbour", "--until", "2025-11"]);
    assert_eq!(harbour_until, BTreeSet::from(["early.txt".to_string()]));
    let harbour_all = files(&["harbour"]);
    assert!(harbour_all.contains("undated.txt"));
}

#[test]
fn filter_only_queries_list_newest_first() {
    let env = TestEnv::with_samples();
    env.copy_dir(&common::fixture("dated"), "articles/dated");
    env.index_articles();
    let hits = env.search_json(&["--speaker", "Alice Brennan"]);
    let dates: Vec<&str> = hits.iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert_eq!(dates.len(), 2);
    assert!(dates[0] > dates[1], "not newest first: {dates:?}");
}

#[test]
fn json_results_have_every_documented_field() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&["Witkoff"]);
    assert!(!hits.is_empty());
    for hit in &hits {
        for field in [
            "path",
            "line",
            "score",
            "title",
            "source",
            "author",
            "date",
            "speakers",
            "text",
            "snippet",
            "start",
            "end",
            "highlights",
            "article_id",
            "passage",
        ] {
            assert!(hit.get(field).is_some(), "missing {field} in {hit}");
        }
        // start/end is the passage's byte range in the file.
        let bytes = std::fs::read(hit["path"].as_str().unwrap()).unwrap();
        let (start, end) = (
            hit["start"].as_u64().unwrap() as usize,
            hit["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&bytes[start..end], hit["text"].as_str().unwrap().as_bytes());
        let line = hit["line"].as_u64().unwrap() as usize;
        let before = bytes[..start].iter().filter(|&&b| b == b'\n').count() + 1;
        assert_eq!(line, before, "line of {hit}");
        // The snippet's highlights are words of the query.
        let snippet = hit["snippet"].as_str().unwrap();
        for range in hit["highlights"].as_array().unwrap() {
            let (a, b) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            assert_eq!(snippet[a..b].to_lowercase(), "witkoff");
        }
    }
}

#[test]
fn human_output_shows_source_date_speakers_and_location() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let out = env
        .cmd()
        .args(["search", "highly values"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("Kurdistan24 · 2025-12-21 · Steve Witkoff"),
        "{stdout}"
    );
    assert!(stdout.contains("[highly] [values]"), "{stdout}");
    assert!(
        stdout.contains("articles/000_6bdd283348abeebe.txt:"),
        "{stdout}"
    );
    assert!(!stdout.contains('\x1b'), "colour escapes in piped output");
}

#[test]
fn second_index_run_changes_nothing() {
    let env = TestEnv::with_samples();
    let first = env.index_articles();
    assert!(first.contains("5 added"), "{first}");
    let before = env.stats();
    let second = env.index_articles();
    assert!(
        second.contains("0 added, 0 updated, 5 unchanged, 0 removed"),
        "{second}"
    );
    assert_eq!(env.stats()["passages"], before["passages"]);
}

#[test]
fn editing_one_file_replaces_exactly_its_passages() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let before = env.stats()["passages"].as_u64().unwrap();
    let edited = env.path("articles/002_ebe03c13b8fc9dc7.txt");
    let old_count = env
        .search_json(&["--source", "IANS", "--all", "-n", "100"])
        .len() as u64;
    std::fs::write(
        &edited,
        "Port talks resume\n\nNegotiators met in Valletta on Tuesday to discuss shipping lanes.\n\n\"We made progress,\" envoy Maria Zammit said.\n",
    )
    .unwrap();
    let out = env.index_articles();
    assert!(
        out.contains("0 added, 1 updated, 4 unchanged, 0 removed"),
        "{out}"
    );
    assert_eq!(
        env.stats()["passages"].as_u64().unwrap(),
        before - old_count + 2
    );
    assert!(
        env.search_json(&["Umerov Facebook"]).is_empty(),
        "old passages remain"
    );
    let new = env.search_json(&["Valletta"]);
    assert_eq!(new.len(), 1);
    assert_eq!(file_name(&new[0]), "002_ebe03c13b8fc9dc7.txt");
    assert_eq!(env.search_json(&["--speaker", "Zammit"]).len(), 1);
}

#[test]
fn deleting_one_file_removes_its_passages_unless_kept() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let before = env.stats()["passages"].as_u64().unwrap();
    let kurdistan = env
        .search_json(&["--source", "Kurdistan24", "--all", "-n", "100"])
        .len() as u64;
    std::fs::remove_file(env.path("articles/000_6bdd283348abeebe.txt")).unwrap();

    let kept = env
        .cmd()
        .args(["index", "--keep-missing", "articles"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&kept.get_output().stderr).contains("0 removed"));
    assert_eq!(env.stats()["passages"].as_u64().unwrap(), before);

    let out = env.index_articles();
    assert!(out.contains("1 removed"), "{out}");
    assert_eq!(
        env.stats()["passages"].as_u64().unwrap(),
        before - kurdistan
    );
    assert!(env.search_json(&["--source", "Kurdistan24"]).is_empty());
}

#[test]
fn stats_counts_articles_passages_sources_and_speakers() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let stats = env.stats();
    assert_eq!(stats["articles"], 5);
    assert_eq!(stats["files"], 5);
    let passages = stats["passages"].as_u64().unwrap();
    let all = env.search_json(&["--all", "-n", "1000"]);
    assert_eq!(passages, all.len() as u64);
    let sources: Vec<&str> = stats["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"Kurdistan24"), "{sources:?}");
    assert!(stats["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "Steve Witkoff"));
    assert!(stats["size_bytes"].as_u64().unwrap() > 0);
}

#[test]
fn index_location_comes_from_the_environment_too() {
    let env = TestEnv::with_samples();
    let mut cmd = assert_cmd::Command::cargo_bin("newsidx").unwrap();
    cmd.current_dir(env.dir.path())
        .env("NEWSIDX_INDEX", env.path("elsewhere"))
        .args(["index", "articles"])
        .assert()
        .success();
    assert!(env.path("elsewhere/meta.json").exists());
}

#[test]
fn index_summary_as_json() {
    let env = TestEnv::with_samples();
    let out = env
        .cmd()
        .args(["index", "--json", "articles"])
        .assert()
        .success();
    let report = &parse_lines(&out.get_output().stdout)[0];
    assert_eq!(report["added"], 5);
    assert_eq!(report["failed"], 0);
}

#[test]
fn completions_are_generated_for_common_shells() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish"] {
        env.cmd()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("newsidx"));
    }
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let coloured = env
        .cmd()
        .env_remove("NO_COLOR")
        .args(["--color", "always", "search", "Witkoff"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&coloured.get_output().stdout).contains('\x1b'));
    let plain = env
        .cmd()
        .args(["--color", "always", "search", "Witkoff"])
        .assert()
        .success();
    assert!(!String::from_utf8_lossy(&plain.get_output().stdout).contains('\x1b'));
}

/// 1,100 distinct passages that all hold "harbour", in 11 articles: more
/// results than a folded search counts exactly.
fn many_distinct_passages(env: &TestEnv) {
    let vocabulary = [
        "tide", "crane", "ferry", "cargo", "pier", "storm", "quay", "buoy", "dock", "fleet",
        "mooring", "anchor", "gull", "hull", "keel", "mast", "rope", "sail", "wharf", "barge",
    ];
    let mut state = 0x9e37_79b9_u64;
    let mut word = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        vocabulary[(state >> 33) as usize % vocabulary.len()]
    };
    for article in 0..11 {
        let mut text = format!("Harbour notes {article}\n\n");
        for passage in 0..100 {
            let words: Vec<&str> = (0..14).map(|_| word()).collect();
            text += &format!(
                "The harbour log {article} {passage} reads {}.\n\n",
                words.join(" ")
            );
        }
        env.write(&format!("articles/{article:02}.txt"), text);
    }
    env.index_articles();
}

#[test]
fn past_a_thousand_results_the_count_is_a_lower_bound_and_pages_go_on() {
    let env = TestEnv::new();
    many_distinct_passages(&env);
    let out = env.cmd().args(["search", "harbour"]).assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "10 of at least 1000 results shown (1100 matching passages; \
             copies folded, --all shows each)"
        ),
        "{stderr}"
    );
    // Pages past the counted results still rank every passage.
    let last = env.search_json(&["harbour", "--offset", "1090", "--limit", "20"]);
    assert_eq!(last.len(), 10);
    let mut seen = BTreeSet::new();
    for offset in (0..1100).step_by(100) {
        let page = env.search_json(&["harbour", "--offset", &offset.to_string(), "--limit", "100"]);
        for hit in page {
            seen.insert((file_name(&hit), hit["passage"].as_u64().unwrap()));
        }
    }
    assert_eq!(seen.len(), 1100, "every passage on exactly one page");
}
