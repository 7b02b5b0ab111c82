//! Query parse time against nesting depth (issue 21, §2): tantivy 0.25's
//! query grammar took time exponential in the depth of nested parentheses
//! (depth 20: 0.74 s, depth 40: over 20 s). This times tantivy's parser
//! itself (not newsidx's nesting limit, which refuses depth > 32 before
//! parsing) on `((((talks))))` and `(a OR (b AND (c ...)))` at depths 10 to
//! 60, on an empty index with newsidx's schema and analyzers.
//!
//! ```text
//! cargo bench --bench query_nesting
//! ```
//!
//! Prints one line per depth and shape: `depth<TAB>shape<TAB>micros` (the
//! best of 5 parses), and the ratio of depth 60 to depth 30: near 2 when
//! parse time is linear in the depth, astronomically more when exponential.

use newsidx::index::NewsIndex;
use std::time::Instant;
use tantivy::query::QueryParser;

/// Makes the query of a given depth.
type Shape = fn(usize) -> String;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let index = NewsIndex::create(&tmp.path().join("index")).expect("index");
    let fields = &index.fields;
    let mut parser = QueryParser::for_index(&index.index, vec![fields.text, fields.title]);
    parser.set_conjunction_by_default();

    let shapes: [(&str, Shape); 2] = [
        ("parens", |d| {
            format!("{}talks{}", "(".repeat(d), ")".repeat(d))
        }),
        ("operators", |d| {
            let mut q = String::new();
            for i in 0..d {
                q.push_str(["(peace OR ", "(+talks AND ", "(-war "][i % 3]);
            }
            q.push_str("envoy");
            q.push_str(&")".repeat(d));
            q
        }),
    ];
    println!("depth\tshape\tmicros");
    for (name, make) in shapes {
        let mut at = std::collections::BTreeMap::new();
        for depth in (10..=60).step_by(10) {
            let query = make(depth);
            let best = (0..5)
                .map(|_| {
                    let started = Instant::now();
                    let parsed = parser.parse_query(&query);
                    let took = started.elapsed();
                    assert!(parsed.is_ok(), "{query}: {:?}", parsed.err());
                    took
                })
                .min()
                .unwrap();
            println!("{depth}\t{name}\t{}", best.as_micros());
            at.insert(depth, best.as_secs_f64());
        }
        println!(
            "# {name}: depth 60 / depth 30 = {:.1}",
            at[&60] / at[&30].max(1e-9)
        );
    }
}
