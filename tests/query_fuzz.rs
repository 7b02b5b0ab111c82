//! Property tests of the query path: random queries made of words, fields,
//! phrases, operators (`AND`, `OR`, `NOT`, `+`, `-`, boosts, ranges) and
//! parentheses nested up to twice [`MAX_QUERY_NESTING`], run through
//! `search` on a small index. None may panic; every one either runs or is
//! refused as a syntax error, and one nested past the limit is refused with
//! the message that names the limit, before it reaches the parser.
//!
//! Before tantivy 0.27 the parser took time exponential in the nesting
//! depth, so these properties did not finish (depth 32 is 2^32 steps).
//!
//! Bounded for CI: `NEWSIDX_FUZZ_CASES` cases per property (default 300).

use newsidx::error::Error;
use newsidx::index::NewsIndex;
use newsidx::indexer::pipeline::{index_paths, IndexOptions, Silent};
use newsidx::search::{search, SearchRequest, MAX_QUERY_NESTING};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cases() -> u32 {
    std::env::var("NEWSIDX_FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300)
}

/// One index for every case (built once, kept for the process).
fn index() -> &'static NewsIndex {
    static INDEX: OnceLock<(tempfile::TempDir, NewsIndex)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let tmp = tempfile::tempdir().unwrap();
            let articles = tmp.path().join("articles");
            std::fs::create_dir(&articles).unwrap();
            std::fs::write(
                articles.join("talks.txt"),
                "Peace talks resume\n\n\"We are close,\" said Maria Lopez, the envoy.\n\n\
                 The minister said the talks would go on in Geneva.\n",
            )
            .unwrap();
            let index = NewsIndex::create(&tmp.path().join("index")).unwrap();
            index_paths(
                &index,
                &[articles],
                &IndexOptions {
                    threads: 1,
                    ..IndexOptions::default()
                },
                &Silent,
            )
            .unwrap();
            (tmp, index)
        })
        .1
}

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("talks".to_string()),
        Just("peace".to_string()),
        Just("lopez".to_string()),
        Just("\"peace talks\"".to_string()),
        Just("title:talks".to_string()),
        Just("speaker:lopez".to_string()),
        Just("nosuchfield:x".to_string()),
        Just("talk*".to_string()),
        Just("text:[a TO z]".to_string()),
        Just("*".to_string()),
        Just("".to_string()),
        "[a-z]{1,6}",
        "[\\PC]{0,3}",
    ]
}

fn operator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(" "),
        Just(" AND "),
        Just(" OR "),
        Just(" NOT "),
        Just(" -"),
        Just(" +"),
        Just("^2 "),
        Just(" && "),
        Just(" || "),
        Just(":"),
        Just(")"),
        Just("("),
    ]
}

/// A query: atoms joined by operators, with runs of opening and closing
/// parentheses (balanced or not) of random depth around the pieces.
fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..=2 * MAX_QUERY_NESTING,
            atom(),
            operator(),
            0..=2 * MAX_QUERY_NESTING,
            any::<bool>(),
        ),
        1..4,
    )
    .prop_map(|parts| {
        let mut q = String::new();
        for (open, atom, op, close, plus) in parts {
            q.push_str(&(if plus { "+(" } else { "(" }).repeat(open));
            q.push_str(&atom);
            q.push_str(&")".repeat(close));
            q.push_str(op);
        }
        q
    })
}

/// The deepest run of open parentheses outside quotes.
fn depth(query: &str) -> usize {
    let (mut open, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                open += 1;
                deepest = deepest.max(open);
            }
            ')' if !quoted => open = open.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn check(query: &str) -> Result<(), TestCaseError> {
    let index = index();
    let reader = index.reader().unwrap();
    let request = SearchRequest {
        query: query.to_string(),
        ..SearchRequest::default()
    };
    match search(index, &reader.searcher(), &request) {
        Ok(_) => prop_assert!(depth(query) <= MAX_QUERY_NESTING, "ran {query:?}"),
        Err(Error::QuerySyntax { message, .. }) => {
            if depth(query) > MAX_QUERY_NESTING && !message.contains("closes nothing") {
                prop_assert!(
                    message.contains(&format!("nested more than {MAX_QUERY_NESTING} deep")),
                    "{query:?}: {message}"
                );
            }
        }
        Err(other) => prop_assert!(false, "{query:?}: not a syntax error: {other}"),
    }
    Ok(())
}

#[test]
fn random_queries_run_or_are_refused_and_never_panic() {
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    runner
        .run(&query(), |q| check(&q))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn nesting_at_the_limit_runs_and_past_it_is_refused_with_its_column() {
    let nested = |depth: usize| format!("{}talks{}", "(".repeat(depth), ")".repeat(depth));
    let index = index();
    let reader = index.reader().unwrap();
    let run = |query: String| {
        search(
            index,
            &reader.searcher(),
            &SearchRequest {
                query,
                ..SearchRequest::default()
            },
        )
    };
    let hits = run(nested(MAX_QUERY_NESTING)).expect("at the limit");
    assert!(hits.total >= 1);
    match run(nested(MAX_QUERY_NESTING + 1)) {
        Err(Error::QuerySyntax {
            column, message, ..
        }) => {
            assert_eq!(column, MAX_QUERY_NESTING + 1);
            assert!(message.contains("nested more than 32 deep"), "{message}");
        }
        other => panic!("expected a syntax error, got {:?}", other.map(|r| r.total)),
    }
}
