//! Fuzzing the article readers (plain text, HTML, JSON Lines) and the
//! attribution with proptest: arbitrary bytes, and text built from the
//! pieces news articles are made of (quotes of every kind, cues, names,
//! headings, blank lines, tags, JSON punctuation, stray Unicode), must never
//! panic, and what comes out must be consistent and point inside the file.
//!
//! Bounded for CI: `NEWSIDX_FUZZ_CASES` cases per property (default 300).
//! A failing input is shrunk and saved by proptest in
//! `tests/fuzz.proptest-regressions`, which is to be committed: saved cases
//! are replayed first on every run, so a crash once found stays a
//! regression test.

use newsidx::indexer::analyze::{analyze_bytes, AnalysisOptions};
use newsidx::ingest::overrides::Overrides;
use proptest::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

fn cases() -> u32 {
    std::env::var("NEWSIDX_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300)
}

/// The formats fuzzed (the reader is chosen by the file's extension).
const EXTENSIONS: [&str; 3] = ["txt", "html", "jsonl"];

/// Analyses `bytes` as a file of the given type and checks that every
/// statement belongs to a passage that lists its speaker; for an article
/// whose offsets are file offsets (`origin.verbatim`), also that every
/// passage and statement lies inside the file, on character boundaries.
fn check(bytes: &[u8], extension: &str) -> Result<(), TestCaseError> {
    let path = format!("/fuzz/article.{extension}");
    let Ok(analyzed) = analyze_bytes(
        Path::new(&path),
        bytes,
        AnalysisOptions::default(),
        &Overrides::default(),
    ) else {
        return Ok(()); // refused with a message: fine
    };
    let text = std::str::from_utf8(bytes).ok();
    for a in &analyzed.articles {
        // Offsets are file offsets only where the body is the file's text
        // as it is (not extracted from HTML or JSON, not transcoded).
        let verbatim = a.article.origin.verbatim;
        for p in a.passages.iter().filter(|_| verbatim) {
            prop_assert!(
                p.start <= p.end && p.end <= bytes.len(),
                "passage {}..{} of {}",
                p.start,
                p.end,
                bytes.len()
            );
            if let Some(text) = text {
                prop_assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            }
            prop_assert!(p.line >= 1);
        }
        for s in &a.statements {
            prop_assert!(
                s.passage < a.passages.len(),
                "statement in passage {}",
                s.passage
            );
            prop_assert!(
                !verbatim || (s.start <= s.end && s.end <= bytes.len()),
                "statement {}..{}",
                s.start,
                s.end
            );
            prop_assert!(!s.speaker.is_empty());
            let passage = &a.passages[s.passage];
            prop_assert!(
                passage.speakers.contains(&s.speaker),
                "{} not among {:?}",
                s.speaker,
                passage.speakers
            );
        }
    }
    Ok(())
}

/// Pieces of news text, glued at random.
fn news_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("'".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(" said ".to_string()),
        Just(", said ".to_string()),
        Just(" told reporters".to_string()),
        Just(" according to ".to_string()),
        Just(" he said.".to_string()),
        Just("Mr ".to_string()),
        Just("Dr. ".to_string()),
        Just("Steve Witkoff".to_string()),
        Just("Zelenskyy".to_string()),
        Just("the Kremlin".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("By Jane Doe, Reuters\n".to_string()),
        Just("Published: 2024-02-30\n".to_string()),
        Just("## Heading\n".to_string()),
        Just(". ".to_string()),
        Just("…".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200b}".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("🙂".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<h1>".to_string()),
        Just("<script>".to_string()),
        Just("<meta name=\"author\" content=\"".to_string()),
        Just("{\"title\": \"".to_string()),
        Just("\", \"text\": \"".to_string()),
        Just("\"}\n".to_string()),
        "[a-zA-Z ,.]{1,40}",
        "\\PC{1,10}",
    ]
}

/// Runs one property for the configured number of cases, then prints how
/// many inputs it ran and for how long (the figures for the report).
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let config = ProptestConfig {
        cases: cases(),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::SourceParallel("proptest-regressions"),
        )),
        ..ProptestConfig::default()
    };
    let started = std::time::Instant::now();
    let inputs = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let counted = |value| {
        inputs.fetch_add(1, Ordering::Relaxed);
        test(value)
    };
    if let Err(e) = runner.run(&strategy, counted) {
        panic!("{name}: {e}");
    }
    eprintln!(
        "fuzz {name}: {} inputs in {:.1}s, no failure",
        inputs.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    fuzz(
        "arbitrary bytes",
        (
            proptest::collection::vec(any::<u8>(), 0..2048),
            0..EXTENSIONS.len(),
        ),
        |(bytes, ext)| check(&bytes, EXTENSIONS[ext]),
    );
}

#[test]
fn news_like_text_never_panics_and_points_inside_the_file() {
    fuzz(
        "news-like text",
        (
            proptest::collection::vec(news_piece(), 0..120),
            0..EXTENSIONS.len(),
        ),
        |(pieces, ext)| check(pieces.concat().as_bytes(), EXTENSIONS[ext]),
    );
}
