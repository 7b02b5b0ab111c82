//! Copies of a passage across articles fold into one search result, with
//! the other outlets listed; `--all` shows every copy; grouping stays right
//! when articles are added, changed or removed.

mod common;

use common::{file_name, TestEnv};
use serde_json::Value;
use std::collections::BTreeSet;

const PHRASE: &str = "productive and constructive";

/// The samples that quote Witkoff's "productive and constructive".
const WITKOFF_COPIES: [&str; 3] = [
    "000_6bdd283348abeebe.txt",
    "001_7c3a7c60cc464903.txt",
    "003_66f075ac03bc9f79.txt",
];

/// Whether a passage text carries the phrase (any quote marks, any case).
fn carries_phrase(text: &str) -> bool {
    text.to_lowercase().contains(PHRASE)
}

fn text(hit: &Value) -> &str {
    hit["text"].as_str().expect("text")
}

/// The file names of a folded hit and of every copy listed under it.
fn members(hit: &Value) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = hit["also"]
        .as_array()
        .expect("also list")
        .iter()
        .map(file_name)
        .collect();
    names.insert(file_name(hit));
    names
}

fn group(hit: &Value) -> String {
    hit["group"].as_str().expect("group label").to_string()
}

/// The one folded hit carrying the phrase, asserting there is exactly one.
fn the_phrase_hit(hits: &[Value]) -> Value {
    let carrying: Vec<&Value> = hits.iter().filter(|h| carries_phrase(text(h))).collect();
    assert_eq!(
        carrying.len(),
        1,
        "the phrase should show once: {:?}",
        carrying.iter().map(|h| file_name(h)).collect::<Vec<_>>()
    );
    carrying[0].clone()
}

#[test]
fn search_shows_the_quote_once_with_the_other_outlets() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&[PHRASE, "--also", "100"]);
    let hit = the_phrase_hit(&hits);
    let names = members(&hit);
    for copy in WITKOFF_COPIES {
        assert!(names.contains(copy), "{copy} not folded in: {names:?}");
    }
    let also = hit["also"].as_array().unwrap();
    // The oldest copy of each other article is listed once.
    let articles = hit["articles"].as_u64().unwrap() as usize;
    assert_eq!(also.len(), articles - 1);
    assert_eq!(names.len(), articles, "{names:?}");
    assert!(hit["copies"].as_u64().unwrap() as usize >= articles);
    for other in also {
        for key in ["path", "source", "date", "line"] {
            assert!(other.get(key).is_some(), "no {key} in {other}");
        }
    }
    assert!(
        also.iter().any(|a| a["source"] == "Kurdistan24") || hit["source"] == "Kurdistan24",
        "Kurdistan24 not listed: {hit}"
    );
    assert_eq!(hit["first_date"], "2025-12-21T00:00:00Z");
}

#[test]
fn also_names_as_many_other_articles_as_asked_and_counts_the_rest() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let every = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    let articles = every["articles"].as_u64().unwrap();
    assert!(articles >= 4, "{every}");
    let every_also = every["also"].as_array().unwrap();
    for n in [0usize, 1, 2] {
        let n_text = n.to_string();
        let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", &n_text]));
        let also = hit["also"].as_array().unwrap();
        // The first n of the full list: the oldest other articles.
        assert_eq!(also.as_slice(), &every_also[..n], "--also {n}");
        assert_eq!(hit["articles"], every["articles"], "--also {n}");
        assert_eq!(hit["copies"], every["copies"], "--also {n}");
    }
    let out = env
        .cmd()
        .args(["search", PHRASE, "--also", "1"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let more = articles - 2;
    assert!(
        stdout.contains(&format!(" and {more} more articles")),
        "{stdout}"
    );
}

#[test]
fn human_output_lists_the_other_outlets_and_the_count() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let out = env.cmd().args(["search", PHRASE]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let line = stdout
        .lines()
        .find(|l| l.contains("also in:"))
        .unwrap_or_else(|| panic!("no 'also in' line:\n{stdout}"));
    assert!(line.contains("copies in"), "{line}");
    assert!(line.contains("first 2025-12-21"), "{line}");
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--all shows each"), "{stderr}");
}

#[test]
fn all_shows_every_copy() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let folded = env.search_json(&[PHRASE, "-n", "100"]);
    let all = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    let copies: Vec<&Value> = all.iter().filter(|h| carries_phrase(text(h))).collect();
    let names: BTreeSet<String> = copies.iter().map(|h| file_name(h)).collect();
    for copy in WITKOFF_COPIES {
        assert!(names.contains(copy), "{copy} missing from --all: {names:?}");
    }
    // Kurdistan24 (000) runs the phrase in two paragraphs.
    assert!(copies.len() > WITKOFF_COPIES.len(), "{}", copies.len());
    let groups: BTreeSet<String> = copies
        .iter()
        .filter(|h| WITKOFF_COPIES.contains(&file_name(h).as_str()))
        .map(|h| group(h))
        .collect();
    assert_eq!(groups.len(), 1, "copies in several groups: {groups:?}");
    for hit in &all {
        assert!(hit["also"].as_array().unwrap().is_empty());
    }
    assert!(folded.len() < all.len());
    // Folding loses nothing: every passage is a result or listed under one.
    let listed: usize = folded
        .iter()
        .map(|h| h["copies"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(listed, all.len());
}

#[test]
fn paging_walks_through_groups_without_repeating_one() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let whole: Vec<String> = env
        .search_json(&["ukraine", "-n", "100"])
        .iter()
        .map(group)
        .collect();
    assert!(whole.len() > 6, "{}", whole.len());
    let mut paged = Vec::new();
    for offset in (0..whole.len()).step_by(3) {
        let page = env.search_json(&["ukraine", "-n", "3", "--offset", &offset.to_string()]);
        paged.extend(page.iter().map(group));
    }
    assert_eq!(paged, whole);
    let distinct: BTreeSet<&String> = whole.iter().collect();
    assert_eq!(distinct.len(), whole.len());
}

#[test]
fn without_grouping_every_copy_is_its_own_result() {
    let env = TestEnv::with_samples();
    env.cmd()
        .args(["index", "--no-grouping", "articles"])
        .assert()
        .success();
    let folded = env.search_json(&[PHRASE, "-n", "100"]);
    let all = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    assert_eq!(folded.len(), all.len());
}

/// A rewrite of Bloomberg's paragraph by a third outlet: words added, cut
/// and reordered, other quote marks.
const REWRITE: &str = "date 2025-12-23\nEnvoy hails Florida talks\n\nMIAMI (Gulf Wire) — U.S. special envoy Steve Witkoff said on Sunday that officials of President Donald Trump held \"Productive and Constructive\" meetings with Ukrainian and European counterparts in Florida, part of the effort to end the war.\n\nThe weather in Florida was mild all week.\n";

#[test]
fn an_added_copy_joins_the_existing_group() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let before = group(&the_phrase_hit(&env.search_json(&[PHRASE])));
    env.write("articles/gulf-wire.txt", REWRITE);
    let out = env.index_articles();
    assert!(out.contains("1 added"), "{out}");
    let hit = the_phrase_hit(&env.search_json(&[PHRASE]));
    assert_eq!(group(&hit), before);
    assert!(members(&hit).contains("gulf-wire.txt"), "{hit}");
    let mild = env.search_json(&["mild weather"]);
    assert_eq!(mild.len(), 1);
    assert!(mild[0]["also"].as_array().unwrap().is_empty());
}

#[test]
fn removing_the_founding_copy_keeps_the_others_together() {
    let env = TestEnv::new();
    // Index Bloomberg's article alone first: its passage founds the group.
    env.copy_dir(&common::samples_dir(), "all");
    std::fs::create_dir_all(env.path("articles")).unwrap();
    let founder = "001_7c3a7c60cc464903.txt";
    std::fs::copy(
        env.path(&format!("all/{founder}")),
        env.path(&format!("articles/{founder}")),
    )
    .unwrap();
    env.index_articles();
    let founded = group(&the_phrase_hit(&env.search_json(&[PHRASE])));
    for name in WITKOFF_COPIES.iter().filter(|n| **n != founder) {
        std::fs::copy(
            env.path(&format!("all/{name}")),
            env.path(&format!("articles/{name}")),
        )
        .unwrap();
    }
    env.index_articles();
    let hit = the_phrase_hit(&env.search_json(&[PHRASE]));
    assert_eq!(group(&hit), founded);
    assert_eq!(members(&hit).len(), WITKOFF_COPIES.len());

    std::fs::remove_file(env.path(&format!("articles/{founder}"))).unwrap();
    let out = env.index_articles();
    assert!(out.contains("1 removed"), "{out}");
    let hit = the_phrase_hit(&env.search_json(&[PHRASE]));
    assert_eq!(group(&hit), founded, "the survivors lost their group");
    let names = members(&hit);
    assert!(!names.contains(founder));
    assert_eq!(names.len(), WITKOFF_COPIES.len() - 1, "{names:?}");
}

#[test]
fn a_changed_article_leaves_a_group_it_no_longer_resembles_and_can_rejoin() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let original = group(&the_phrase_hit(&env.search_json(&[PHRASE])));
    let path = env.path("articles/001_7c3a7c60cc464903.txt");
    let saved = std::fs::read_to_string(&path).unwrap();
    let changed = saved.replace("“productive and constructive” meetings", "meetings");
    assert_ne!(changed, saved);
    std::fs::write(&path, &changed).unwrap();
    let out = env.index_articles();
    assert!(out.contains("1 updated"), "{out}");
    let hit = the_phrase_hit(&env.search_json(&[PHRASE]));
    assert!(!members(&hit).contains("001_7c3a7c60cc464903.txt"), "{hit}");
    // The edited paragraph is its own result now, not a stale member.
    let edited = env.search_json(&["counterparts Florida efforts", "--all"]);
    let edited = edited
        .iter()
        .find(|h| file_name(h) == "001_7c3a7c60cc464903.txt")
        .expect("edited paragraph indexed");
    assert_ne!(group(edited), original);

    std::fs::write(&path, &saved).unwrap();
    env.index_articles();
    let hit = the_phrase_hit(&env.search_json(&[PHRASE]));
    assert!(members(&hit).contains("001_7c3a7c60cc464903.txt"), "{hit}");
    assert_eq!(group(&hit), original);
}

/// Paragraph `n` of a generated article: one of a few base sentences, with
/// words swapped in by `variant`, so that articles share near-copies.
fn generated_paragraph(n: usize, variant: usize) -> String {
    const BASES: [&str; 4] = [
        "The harbour authority said on Monday that the new container terminal would open before the summer season",
        "Officials in the capital confirmed that talks with the union about wages and working hours would resume next week",
        "A spokesman for the ministry said the bridge repairs were ahead of schedule and the road would reopen in spring",
        "Farmers in the northern valleys reported that the late frost had damaged most of the early apple blossom",
    ];
    const SWAPS: [&str; 5] = ["quickly", "officially", "again", "finally", "reportedly"];
    let mut words: Vec<&str> = BASES[n % BASES.len()].split(' ').collect();
    let at = (variant * 7 + n) % words.len();
    words.insert(at, SWAPS[variant % SWAPS.len()]);
    if variant % 3 == 0 {
        words.pop();
    }
    words.join(" ") + "."
}

/// (path, passage, group) of every passage, sorted.
fn all_groups(env: &TestEnv) -> Vec<(String, u64, String)> {
    let mut rows: Vec<_> = env
        .search_json(&["--all", "-n", "100000", ""])
        .iter()
        .map(|h| (file_name(h), h["passage"].as_u64().unwrap(), group(h)))
        .collect();
    rows.sort();
    rows
}

#[test]
fn the_same_files_give_the_same_groups_on_every_build() {
    let env = TestEnv::new();
    for a in 0..240 {
        let paragraphs: Vec<String> = (0..4).map(|p| generated_paragraph(a + p, a)).collect();
        env.write(
            &format!("articles/{a:03}.txt"),
            format!("Article {a}\n\n{}\n", paragraphs.join("\n\n")),
        );
    }
    env.cmd()
        .args(["index", "--threads", "2", "articles"])
        .assert()
        .success();
    let first = all_groups(&env);
    // A second build from scratch, its files analysed in another order.
    env.cmd()
        .args(["index", "--rebuild", "--threads", "2", "articles"])
        .assert()
        .success();
    let second = all_groups(&env);
    assert_eq!(first.len(), 960);
    assert!(first
        .iter()
        .any(|a| first.iter().filter(|b| b.2 == a.2).count() > 1));
    assert_eq!(first, second);
}
