//! Cost of speaker attribution: analyses every article of a corpus
//! (default `../shared/corpora/bbc`, or the directory given as the first
//! argument) with attribution on and off, alternating, and prints the time
//! of each run and the ratio. Prints figures; never fails on timing.
//!
//! Run with `cargo bench --bench attribution [-- DIR]`.

use newsidx::indexer::analyze::{analyze_bytes, AnalysisOptions};
use newsidx::ingest::overrides::Overrides;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const REPETITIONS: usize = 5;

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc"));
    let files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| Some((e.path().to_path_buf(), std::fs::read(e.path()).ok()?)))
        .collect();
    if files.is_empty() {
        eprintln!(
            "no .txt articles under {}; nothing to measure",
            dir.display()
        );
        return;
    }
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    println!(
        "{} files, {:.1} MB from {}",
        files.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    let overrides = Overrides::default();
    let run = |speakers: bool| -> (Duration, usize) {
        let start = Instant::now();
        let mut statements = 0;
        for (path, bytes) in &files {
            if let Ok(file) = analyze_bytes(path, bytes, AnalysisOptions { speakers }, &overrides) {
                statements += file
                    .articles
                    .iter()
                    .map(|a| a.statements.len())
                    .sum::<usize>();
            }
        }
        (start.elapsed(), statements)
    };
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for _ in 0..REPETITIONS {
        let (t, statements) = run(true);
        println!("speakers on:  {:>8.1} ms  ({statements} statements)", ms(t));
        on.push(t);
        let (t, _) = run(false);
        println!("speakers off: {:>8.1} ms", ms(t));
        off.push(t);
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (on, off) = (median(&mut on), median(&mut off));
    println!(
        "median: on {:.1} ms, off {:.1} ms; attribution {:.1} µs per file; analysis on/off ratio {:.2}",
        ms(on),
        ms(off),
        (on.as_secs_f64() - off.as_secs_f64()) * 1e6 / files.len() as f64,
        on.as_secs_f64() / off.as_secs_f64()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
