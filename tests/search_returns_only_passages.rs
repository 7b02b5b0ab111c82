//! Every hit is a passage, whatever the query: the index also holds one
//! record document per file (for incremental indexing), and search only
//! adds the `kind:passage` filter when a query could match those records
//! (a speed-up measured in benches/). These queries take each path.

mod common;

use common::TestEnv;

#[test]
fn no_query_form_returns_a_file_record() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let stats = env.stats();
    let passages = stats["passages"].as_u64().expect("passages in stats");
    for args in [
        &["Witkoff", "-n", "500"][..],
        &["-witkoff", "-n", "500"],
        &["*", "-n", "500"],
        &["talks OR -witkoff", "-n", "500"],
        &["NOT witkoff", "-n", "500"],
        &["--source", "Kurdistan24", "-n", "500"],
        &["-n", "500"],
    ] {
        let hits = env.search_json(args);
        assert!(!hits.is_empty(), "{args:?} found nothing");
        assert!(
            hits.len() as u64 <= passages,
            "{args:?}: more hits than passages"
        );
        for hit in &hits {
            let text = hit["text"].as_str().unwrap_or("");
            assert!(!text.is_empty(), "{args:?} returned a non-passage: {hit}");
        }
    }
    // --all: every passage, without folding copies into one result.
    let all = env.search_json(&["*", "--all", "-n", "100000"]);
    assert_eq!(all.len() as u64, passages, "'*' lists every passage once");
}
