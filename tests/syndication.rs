//! Copies of a passage across articles fold into one search result, with
//! the other outlets listed; `--all` shows every copy; grouping stays right
//! when articles are added, changed or removed.

mod common;

use common::{file_name, TestEnv};
use serde_json::Value;
use std::collections::BTreeSet;

/// Words of one paragraph that Bloomberg (001) and a second outlet (003)
/// run as near-copies; no other sample has them.
const PHRASE: &str = "cessation of hostilities";

/// The samples whose copies of the paragraph fold together.
const SAMPLE_COPIES: [&str; 2] = ["001_7c3a7c60cc464903.txt", "003_66f075ac03bc9f79.txt"];

/// The paragraph as Bloomberg runs it.
const PARAGRAPH: &str = "“Our shared priority is to stop the killing, ensure guaranteed security, and create conditions for Ukraine’s recovery, stability, and long-term prosperity,” Witkoff said. “Peace must be not only a cessation of hostilities, but also a dignified foundation for a stable future.”";

/// Wire reprints of the paragraph: (file, outlet, date).
const REPRINTS: [(&str, &str, &str); 3] = [
    ("harbour-times.txt", "Harbour Times", "2025-12-20"),
    ("gulf-wire.txt", "Gulf Wire", "2025-12-22"),
    ("valley-post.txt", "Valley Post", "2025-12-23"),
];

/// An article of `outlet` that reprints the paragraph (its quote marks
/// straightened, as wire feeds do) between paragraphs of its own.
fn reprint(outlet: &str, date: &str) -> String {
    let paragraph = PARAGRAPH.replace(['“', '”'], "\"");
    format!(
        "---\ntitle: Envoy says peace needs more than a ceasefire\nsource: {outlet}\ndate: {date}\n---\n\n\
         The {outlet} desk followed the talks in Florida through the weekend.\n\n{paragraph}\n\n\
         Readers of {outlet} can follow the story on its website.\n"
    )
}

/// The samples and the three reprints: five articles carry the paragraph.
fn env_with_reprints() -> TestEnv {
    let env = TestEnv::with_samples();
    for (file, outlet, date) in REPRINTS {
        env.write(&format!("articles/{file}"), reprint(outlet, date));
    }
    env
}

/// Every file that carries the paragraph.
fn all_copies() -> Vec<&'static str> {
    SAMPLE_COPIES
        .into_iter()
        .chain(REPRINTS.iter().map(|r| r.0))
        .collect()
}

/// Whether a passage text carries the phrase (any case).
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
fn search_shows_a_copied_paragraph_once_with_the_other_outlets() {
    let env = env_with_reprints();
    env.index_articles();
    let hits = env.search_json(&[PHRASE, "--also", "100"]);
    let hit = the_phrase_hit(&hits);
    let names = members(&hit);
    for copy in all_copies() {
        assert!(names.contains(copy), "{copy} not folded in: {names:?}");
    }
    let also = hit["also"].as_array().unwrap();
    // The oldest copy of each other article is listed once.
    assert_eq!(hit["articles"], 5);
    assert_eq!(also.len(), 4);
    assert_eq!(names.len(), 5, "{names:?}");
    assert_eq!(hit["copies"], 5);
    for other in also {
        for key in ["path", "source", "date", "line"] {
            assert!(other.get(key).is_some(), "no {key} in {other}");
        }
    }
    let outlets: BTreeSet<&str> = also
        .iter()
        .chain([&hit])
        .filter_map(|a| a["source"].as_str())
        .collect();
    for (_, outlet, _) in REPRINTS {
        assert!(outlets.contains(outlet), "{outlet} not listed: {hit}");
    }
    assert_eq!(hit["first_date"], "2025-12-20T00:00:00Z");
}

#[test]
fn a_shared_quotation_alone_does_not_fold_different_paragraphs() {
    // Three samples quote Witkoff's "productive and constructive" inside
    // paragraphs of their own, and IANS has Ukraine use the same words:
    // different results in search, one statement in `quotes`.
    let env = TestEnv::with_samples();
    env.index_articles();
    let hits = env.search_json(&["productive and constructive", "-n", "100"]);
    let carrying: Vec<&Value> = hits
        .iter()
        .filter(|h| {
            text(h)
                .to_lowercase()
                .contains("productive and constructive")
        })
        .collect();
    assert!(carrying.len() >= 4, "{carrying:?}");
    let speakers: BTreeSet<&str> = carrying
        .iter()
        .flat_map(|h| h["speakers"].as_array().unwrap())
        .filter_map(|s| s.as_str())
        .collect();
    assert!(
        speakers.contains("Ukraine") && speakers.contains("Steve Witkoff"),
        "{speakers:?}"
    );
    let out = env
        .cmd()
        .args([
            "quotes",
            "--speaker",
            "Witkoff",
            "productive and constructive",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let quotes: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let carriers = quotes
        .iter()
        .map(|q| q["carriers"].as_array().map_or(0, |c| c.len()))
        .max()
        .unwrap_or(0);
    assert!(carriers >= 3, "the quote is not one statement: {quotes:?}");
}

#[test]
fn also_names_as_many_other_articles_as_asked_and_counts_the_rest() {
    let env = env_with_reprints();
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
    let env = env_with_reprints();
    env.index_articles();
    let out = env.cmd().args(["search", PHRASE]).assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let line = stdout
        .lines()
        .find(|l| l.contains("also in:"))
        .unwrap_or_else(|| panic!("no 'also in' line:\n{stdout}"));
    assert!(line.contains("5 copies in 5 articles"), "{line}");
    assert!(line.contains("first 2025-12-20"), "{line}");
    // The oldest reprint is the result shown or first among the others.
    assert!(
        line.contains("also in: Harbour Times (2025-12-20)")
            || stdout.contains("Harbour Times · 2025-12-20"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("--all shows each"), "{stderr}");
}

#[test]
fn all_shows_every_copy() {
    let env = env_with_reprints();
    env.index_articles();
    let folded = env.search_json(&[PHRASE, "-n", "100"]);
    let all = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    let copies: Vec<&Value> = all.iter().filter(|h| carries_phrase(text(h))).collect();
    let names: Vec<String> = copies.iter().map(|h| file_name(h)).collect();
    let mut expected: Vec<String> = all_copies().iter().map(|s| s.to_string()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected, "each copy once in --all");
    let groups: BTreeSet<String> = copies.iter().map(|h| group(h)).collect();
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
    let env = env_with_reprints();
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
    let env = env_with_reprints();
    env.cmd()
        .args(["index", "--no-grouping", "articles"])
        .assert()
        .success();
    let folded = env.search_json(&[PHRASE, "-n", "100"]);
    let all = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    assert_eq!(folded.len(), all.len());
    assert_eq!(all.len(), 5);
}

#[test]
fn a_statement_names_its_speaker_as_the_hit_does() {
    // The reprints say only "Witkoff"; the samples name Steve Witkoff.
    let env = env_with_reprints();
    env.index_articles();
    let hits = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    let reprint = hits
        .iter()
        .find(|h| file_name(h) == "gulf-wire.txt")
        .expect("the Gulf Wire copy");
    for statement in reprint["statements"].as_array().unwrap() {
        assert_eq!(statement["speaker"], "Steve Witkoff", "{statement}");
        assert_eq!(statement["speaker_as_written"], "Witkoff");
        assert_eq!(statement["speaker_type"], "person");
    }
    for hit in &hits {
        let speakers = hit["speakers"].as_array().unwrap();
        for statement in hit["statements"].as_array().unwrap() {
            assert!(speakers.contains(&statement["speaker"]), "{hit}");
        }
    }
}

/// A fourth outlet's copy of the paragraph, lightly edited: a word cut, a
/// word changed, other quote marks, and a paragraph of its own after it.
const REWRITE: &str = "date 2025-12-23\nEnvoy hails Florida talks\n\n\"Our shared priority is to stop the killing, ensure guaranteed security and create conditions for Ukraine's recovery, stability and long-term prosperity,\" Witkoff said on Sunday. \"Peace must be not only a cessation of hostilities, but also a dignified foundation for a stable future.\"\n\nThe weather in Florida was mild all week.\n";

#[test]
fn an_added_copy_joins_the_existing_group() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let before = members(&the_phrase_hit(
        &env.search_json(&[PHRASE, "--also", "100"]),
    ));
    env.write("articles/coast-daily.txt", REWRITE);
    let out = env.index_articles();
    assert!(out.contains("1 added"), "{out}");
    let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    let after = members(&hit);
    assert!(after.contains("coast-daily.txt"), "{hit}");
    assert!(after.is_superset(&before), "{before:?} -> {after:?}");
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
    let founder = SAMPLE_COPIES[0];
    std::fs::copy(
        env.path(&format!("all/{founder}")),
        env.path(&format!("articles/{founder}")),
    )
    .unwrap();
    env.index_articles();
    assert_eq!(the_phrase_hit(&env.search_json(&[PHRASE]))["copies"], 1);
    std::fs::copy(
        env.path(&format!("all/{}", SAMPLE_COPIES[1])),
        env.path(&format!("articles/{}", SAMPLE_COPIES[1])),
    )
    .unwrap();
    for (file, outlet, date) in REPRINTS {
        env.write(&format!("articles/{file}"), reprint(outlet, date));
    }
    env.index_articles();
    let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    assert_eq!(members(&hit).len(), all_copies().len());

    std::fs::remove_file(env.path(&format!("articles/{founder}"))).unwrap();
    let out = env.index_articles();
    assert!(out.contains("1 removed"), "{out}");
    // The group's label may change (it is the smallest key among the
    // copies); the survivors stay together.
    let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    let names = members(&hit);
    assert!(!names.contains(founder));
    assert_eq!(names.len(), all_copies().len() - 1, "{names:?}");
}

#[test]
fn a_changed_article_leaves_a_group_it_no_longer_resembles_and_can_rejoin() {
    let env = env_with_reprints();
    env.index_articles();
    let original = group(&the_phrase_hit(&env.search_json(&[PHRASE])));
    let path = env.path(&format!("articles/{}", SAMPLE_COPIES[0]));
    let saved = std::fs::read_to_string(&path).unwrap();
    let changed = saved.replace(
        "create conditions for Ukraine’s recovery, stability, and long-term prosperity,” Witkoff said.",
        "hold talks again in January,” Witkoff said, before leaving Florida for Washington on a late flight with his advisers.",
    );
    assert_ne!(changed, saved);
    std::fs::write(&path, &changed).unwrap();
    let out = env.index_articles();
    assert!(out.contains("1 updated"), "{out}");
    // The edited paragraph is its own result now, not a stale member.
    let all = env.search_json(&[PHRASE, "--all"]);
    let edited = all
        .iter()
        .find(|h| file_name(h) == SAMPLE_COPIES[0])
        .expect("edited paragraph indexed");
    assert_ne!(group(edited), original);
    let hits = env.search_json(&[PHRASE, "--also", "100"]);
    let kept = hits
        .iter()
        .find(|h| group(h) == original)
        .expect("the other copies keep their group");
    assert!(!members(kept).contains(SAMPLE_COPIES[0]), "{kept}");
    assert_eq!(members(kept).len(), all_copies().len() - 1);

    std::fs::write(&path, &saved).unwrap();
    env.index_articles();
    let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    assert!(members(&hit).contains(SAMPLE_COPIES[0]), "{hit}");
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
    if variant.is_multiple_of(3) {
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

/// What a reader sees of a search: each hit's file and passage, and the
/// files listed under it.
fn shown(env: &TestEnv, args: &[&str]) -> Vec<(String, u64, Vec<String>)> {
    env.search_json(args)
        .iter()
        .map(|h| {
            let also = h["also"].as_array().unwrap().iter().map(file_name);
            (file_name(h), h["passage"].as_u64().unwrap(), also.collect())
        })
        .collect()
}

#[test]
fn the_same_files_show_the_same_copy_first_whatever_order_they_were_indexed_in() {
    // Built a reprint at a time, newest and last in path order first, then
    // the samples, and then rebuilt at once: the copies land at other
    // places in the index.
    let env = TestEnv::new();
    for (file, outlet, date) in REPRINTS.into_iter().rev() {
        env.write(&format!("articles/{file}"), reprint(outlet, date));
        env.index_articles();
    }
    env.copy_dir(&common::samples_dir(), "articles");
    env.index_articles();
    let searches = [
        &[PHRASE, "--also", "100"][..],
        &[PHRASE, "--all", "-n", "100"],
        &["Witkoff said", "-n", "3", "--offset", "2"],
        &["--source", "Harbour Times", "-n", "100"],
    ];
    let in_two_runs: Vec<_> = searches.iter().map(|args| shown(&env, args)).collect();
    env.cmd()
        .args(["index", "--rebuild", "articles"])
        .assert()
        .success();
    for (args, before) in searches.iter().zip(in_two_runs) {
        assert!(!before.is_empty(), "{args:?}");
        assert_eq!(shown(&env, args), before, "{args:?}");
    }
    // Equal scores put the oldest copy first, undated last.
    let all = env.search_json(&[PHRASE, "--all", "-n", "100"]);
    let date = |hit: &Value| hit["date"].as_str().unwrap_or("~").to_string();
    let mut ties = 0;
    for pair in all.windows(2) {
        if pair[0]["score"] == pair[1]["score"] {
            ties += 1;
            assert!(date(&pair[0]) <= date(&pair[1]), "{pair:?}");
        }
    }
    assert!(ties > 0, "the reprints should score the same");
}

/// A deterministic pseudo-random sequence (an LCG), so that the orders a
/// test tries are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// `n` invented words (syllables strung together), none repeated.
fn invented_words(rng: &mut Lcg, n: usize) -> Vec<String> {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "un", "pe", "ri", "gam", "zo", "bek",
        "ul", "fa",
    ];
    let mut words = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    while out.len() < n {
        let syllables = 2 + rng.below(3);
        let word: String = (0..syllables)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if words.insert(word.clone()) {
            out.push(word);
        }
    }
    out
}

/// A corpus of invented near-copies, as (file name, contents): chains of
/// paragraphs where each link resembles the next (a window of 8 of 48
/// words rewritten) but not the one after; reprints of a link with a word
/// changed; paragraphs that share only a quotation; and a paragraph of its
/// own in every file.
fn near_copy_corpus() -> Vec<(String, String)> {
    let mut rng = Lcg(16);
    let vocabulary = invented_words(&mut rng, 3000);
    let mut word = || vocabulary[rng.below(vocabulary.len())].clone();
    let mut files = Vec::new();
    let mut own = 0;
    for story in 0..5 {
        let mut link: Vec<String> = (0..48).map(|_| word()).collect();
        let quote: Vec<String> = (0..9).map(|_| word()).collect();
        for step in 0..5 {
            if step > 0 {
                // Alternate ends, so that links two apart differ by 16 words.
                let at = if step % 2 == 1 { 40 } else { 0 };
                for w in &mut link[at..at + 8] {
                    *w = word();
                }
            }
            for reprint in 0..1 + (story + step) % 3 {
                let mut words = link.clone();
                if reprint > 0 {
                    words[10 + 7 * reprint] = word();
                }
                let others: Vec<String> = (0..30).map(|_| word()).collect();
                let quoting = format!("{} said: “{}.”", others[..20].join(" "), quote.join(" "));
                let mine: Vec<String> = (0..25).map(|_| word()).collect();
                own += 1;
                files.push((
                    format!("s{story}-link{step}-r{reprint}.txt"),
                    format!(
                        "Story {story} number {own}\n\n{}.\n\n{quoting}\n\n{}.\n",
                        words.join(" "),
                        mine.join(" ")
                    ),
                ));
            }
        }
    }
    files
}

/// The [`partition`] of a fresh build of `corpus` in a new index.
fn fresh_partition(corpus: &[(String, String)]) -> Vec<Vec<(String, u64)>> {
    let fresh = TestEnv::new();
    for (name, contents) in corpus {
        fresh.write(&format!("articles/{name}"), contents);
    }
    fresh.index_articles();
    partition(&fresh)
}

/// The partition of passages into copy groups: each group as the sorted
/// (file, passage) of its members, groups sorted; labels left out.
fn partition(env: &TestEnv) -> Vec<Vec<(String, u64)>> {
    let mut groups: std::collections::BTreeMap<String, Vec<(String, u64)>> = Default::default();
    for (file, passage, group) in all_groups(env) {
        groups.entry(group).or_default().push((file, passage));
    }
    let mut partition: Vec<Vec<(String, u64)>> = groups.into_values().collect();
    for members in &mut partition {
        members.sort();
    }
    partition.sort();
    partition
}

#[test]
fn incremental_runs_in_any_order_group_as_a_fresh_build() {
    let corpus = near_copy_corpus();
    let expected = fresh_partition(&corpus);
    assert!(
        expected.iter().filter(|g| g.len() > 2).count() >= 5,
        "the corpus should have groups of copies: {expected:?}"
    );

    for seed in 1..=3u64 {
        let env = TestEnv::new();
        std::fs::create_dir_all(env.path("articles")).unwrap();
        let mut rng = Lcg(seed);
        let mut order: Vec<usize> = (0..corpus.len()).collect();
        rng.shuffle(&mut order);
        let mut added: Vec<usize> = Vec::new();
        for batch in order.chunks(7) {
            for &i in batch {
                let (name, contents) = &corpus[i];
                env.write(&format!("articles/{name}"), contents);
                added.push(i);
            }
            // Change one file already indexed to another file's text,
            // remove another and move a third; all are put back before
            // the end.
            let changed = added[rng.below(added.len())];
            let donor = &corpus[rng.below(corpus.len())].1;
            env.write(&format!("articles/{}", corpus[changed].0), donor);
            let removed = added[rng.below(added.len())];
            let removed_path = env.path(&format!("articles/{}", corpus[removed].0));
            let _ = std::fs::remove_file(&removed_path);
            let moved = added[rng.below(added.len())];
            let moved_path = env.path(&format!("articles/{}", corpus[moved].0));
            let moved_to = env.path(&format!("articles/moved-{}", corpus[moved].0));
            let was_moved = moved != changed && moved != removed;
            if was_moved {
                std::fs::rename(&moved_path, &moved_to).unwrap();
            }
            env.index_articles();
            if was_moved {
                std::fs::rename(&moved_to, &moved_path).unwrap();
            }
            for i in [changed, removed] {
                let (name, contents) = &corpus[i];
                env.write(&format!("articles/{name}"), contents);
            }
            let out = env.index_articles();
            assert!(!was_moved || out.contains("1 renamed"), "{out}");
        }
        assert_eq!(
            partition(&env),
            expected,
            "seed {seed}: incremental runs grouped otherwise than a fresh build"
        );
    }
}

/// An index written before the order-free grouping rule (format 9) holds
/// group ids of the old rule; adding to it would mix the two rules, so
/// every command refuses it with the command that rebuilds it, and the
/// rebuild groups by the new rule.
#[test]
fn an_index_grouped_by_the_old_rule_is_refused_until_rebuilt() {
    let env = env_with_reprints();
    env.index_articles();
    env.write(
        "index/newsidx.json",
        r#"{"format": 9, "created_by": "newsidx 0.1.0"}"#,
    );
    env.write(
        "articles/late-copy.txt",
        reprint("Late Courier", "2025-12-24"),
    );
    for args in [&["index", "articles"][..], &["search", PHRASE]] {
        let out = env.cmd().args(args).assert().code(3);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains("index format 9")
                && err.contains(&format!(
                    "this version reads {}",
                    newsidx::index::FORMAT_VERSION
                )),
            "{args:?}: {err}"
        );
        assert!(err.contains("newsidx index --rebuild"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    env.cmd()
        .args(["index", "--rebuild", "articles"])
        .assert()
        .success();
    let hit = the_phrase_hit(&env.search_json(&[PHRASE, "--also", "100"]));
    let mut copies: BTreeSet<String> = all_copies().into_iter().map(String::from).collect();
    copies.insert("late-copy.txt".to_string());
    assert_eq!(members(&hit), copies, "{hit}");
}

/// Near-copies of the paragraph, one word apart: three passage texts that
/// group together, so labelling one compares it with the others.
const VARIANTS: [&str; 3] = ["stable", "lasting", "secure"];

/// An article of `outlet` that carries variant `variant` of the paragraph
/// and nothing else of its own: each passage is an exact copy of another
/// outlet's.
fn exact_reprint(outlet: &str, variant: usize) -> String {
    let paragraph = PARAGRAPH.replace("stable future", &format!("{} future", VARIANTS[variant]));
    format!(
        "---\ntitle: Envoy says peace needs more than a ceasefire\nsource: {outlet}\n\
         date: 2025-12-20\n---\n\n{paragraph}\n\nThe talks in Florida went on through the weekend.\n"
    )
}

/// The stored documents relabelling read in each of `runs` runs over one
/// folder, each run adding `per_run` exact copies of each variant of the
/// paragraph (each in an article of its own outlet).
fn label_reads_adding_copies(runs: usize, per_run: usize) -> Vec<usize> {
    use newsidx::index::NewsIndex;
    use newsidx::indexer::{index_paths, IndexOptions, Silent};
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let index_dir = tmp.path().join("index");
    let options = IndexOptions {
        threads: 1,
        ..IndexOptions::default()
    };
    let mut reads = Vec::new();
    let mut written = 0;
    for _ in 0..runs {
        for _ in 0..per_run {
            for variant in 0..VARIANTS.len() {
                let outlet = format!("Outlet {written}");
                let file = articles.join(format!("copy-{written:03}.txt"));
                std::fs::write(file, exact_reprint(&outlet, variant)).unwrap();
                written += 1;
            }
        }
        // Each run opens the index afresh, as each `newsidx index` does.
        let index = NewsIndex::open_or_create(&index_dir).unwrap();
        let report = index_paths(&index, std::slice::from_ref(&articles), &options, &Silent);
        reads.push(report.expect("the run succeeds").label_reads);
    }
    reads
}

/// Relabelling reads a committed passage's text only to compare it, once
/// per distinct text, and reads the keys of everything else from a fast
/// field: adding copies of a passage to an index already holding many
/// costs no more stored reads than adding them to one holding few, so
/// runs that add N copies do work linear in N, not quadratic (issue 16).
#[test]
fn adding_copies_reads_no_more_stored_passages_as_copies_pile_up() {
    let one_at_a_time = label_reads_adding_copies(12, 1);
    // The first run has no committed index; from the second on, every run
    // compares its variants with the committed ones of smaller keys, and
    // reads each of those texts once, however many copies hold them.
    assert_eq!(one_at_a_time[0], 0, "{one_at_a_time:?}");
    assert!(one_at_a_time[1] > 0, "{one_at_a_time:?}");
    assert!(
        one_at_a_time[1..].iter().all(|&r| r == one_at_a_time[1]),
        "stored reads grew with the copies already indexed: {one_at_a_time:?}"
    );
    // A run adding 24 copies of each variant to 24 reads as much as one
    // adding 2 to 2: at most the other variants' two texts.
    let few = label_reads_adding_copies(2, 2);
    let many = label_reads_adding_copies(2, 24);
    assert_eq!(many[1], few[1], "few {few:?}, many {many:?}");
    assert!(many[1] < VARIANTS.len(), "{many:?}");
}

/// Rewrites a file once a run's first pass has learnt its keys, before
/// the second pass reads it again.
struct RewriteBetweenPasses {
    path: std::path::PathBuf,
    contents: String,
}

impl newsidx::indexer::Progress for RewriteBetweenPasses {
    fn keys_learned(&self) {
        std::fs::write(&self.path, &self.contents).unwrap();
    }
}

/// A file rewritten after the first pass learnt its passage keys and
/// before the second pass writes it: its passages are not written with
/// labels worked out from the text the first pass read; the run says so,
/// and the next run indexes it, grouped as a fresh build groups the same
/// files (issue 16).
#[test]
fn a_file_changed_between_the_two_passes_waits_for_the_next_run() {
    use newsidx::index::NewsIndex;
    use newsidx::indexer::pipeline::CHANGED_BETWEEN_PASSES;
    use newsidx::indexer::{index_paths, IndexOptions};
    let corpus = near_copy_corpus();
    let expected = fresh_partition(&corpus);
    // Reprints: near-copies of another file, so their passages group.
    let raced: Vec<&(String, String)> = corpus
        .iter()
        .filter(|(name, _)| !name.ends_with("-r0.txt"))
        .take(4)
        .collect();
    for (name, contents) in raced {
        let env = TestEnv::new();
        for (other, text) in &corpus {
            if other != name {
                env.write(&format!("articles/{other}"), text);
            }
        }
        env.index_articles();
        // The first pass reads an unrelated text, the second the reprint.
        let path = env.write(&format!("articles/{name}"), generated_paragraph(1, 2));
        let hook = RewriteBetweenPasses {
            path,
            contents: contents.clone(),
        };
        let index = NewsIndex::open(&env.index_dir()).unwrap();
        let options = IndexOptions::default();
        let report = index_paths(&index, &[env.path("articles")], &options, &hook).unwrap();
        drop(index);
        let problems: Vec<String> = report
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.path.display(), p.message))
            .collect();
        assert_eq!(problems.len(), 1, "{name}: {problems:?}");
        assert!(
            problems[0].contains(name.as_str()) && problems[0].contains(CHANGED_BETWEEN_PASSES),
            "{problems:?}"
        );
        let out = env.index_articles();
        assert!(out.contains("1 added"), "{name}: {out}");
        assert_eq!(
            partition(&env),
            expected,
            "{name}: grouped otherwise than a fresh build"
        );
    }
}
