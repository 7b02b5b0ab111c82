//! In-process query latency: opens an index once through the library, warms
//! it up, then times `newsidx::search::search` (parse, filters, BM25 top 10,
//! stored documents and snippets: everything `newsidx search` does except
//! printing) over a fixed query list.
//!
//! Run by `benches/compare.py`, or alone:
//!
//! ```text
//! cargo bench --bench query_latency -- --index IDX [--queries benches/queries.tsv] [--repeat 5] [--all] [--also N]
//! ```
//!
//! It prints one line per timed search (`kind<TAB>micros<TAB>total<TAB>query`)
//! and a summary line with p50 and p99, so the harness can pool and compare
//! the raw figures with tantivy-cli's.

use newsidx::index::NewsIndex;
use newsidx::ingest::date::parse_bound;
use newsidx::search::{search, SearchRequest};
use std::path::PathBuf;
use std::time::Instant;

/// One line of the query list.
struct Case {
    kind: String,
    request: SearchRequest,
    label: String,
}

fn main() {
    if let Err(message) = run() {
        eprintln!("query_latency: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let mut index_dir: Option<PathBuf> = None;
    let mut queries = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/queries.tsv"));
    let mut repeat = 5usize;
    let mut all = false;
    let mut also: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--index" => index_dir = Some(PathBuf::from(value()?)),
            "--queries" => queries = PathBuf::from(value()?),
            "--repeat" => {
                repeat = value()?
                    .parse()
                    .map_err(|_| "--repeat needs a number".to_string())?
            }
            // Every passage, copies not folded (`newsidx search --all`).
            "--all" => all = true,
            // Other articles named per folded result (`newsidx search --also`).
            "--also" => {
                also = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--also needs a number".to_string())?,
                )
            }
            // `cargo bench` passes --bench to every bench target.
            "--bench" => {}
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let index_dir = index_dir.ok_or("--index DIR is required")?;
    let mut cases = read_cases(&queries)?;
    for case in &mut cases {
        case.request.all = all;
        if let Some(also) = also {
            case.request.also = also;
        }
    }
    let index = NewsIndex::open(&index_dir).map_err(|e| e.to_string())?;
    let reader = index.reader().map_err(|e| e.to_string())?;
    let searcher = reader.searcher();

    // Warm-up: page the index in and fill tantivy's caches, as a
    // long-running process would have.
    for case in &cases {
        search(&index, &searcher, &case.request).map_err(|e| format!("{}: {e}", case.label))?;
    }
    let mut micros = Vec::with_capacity(cases.len() * repeat);
    for _ in 0..repeat {
        for case in &cases {
            let started = Instant::now();
            let results = search(&index, &searcher, &case.request).map_err(|e| e.to_string())?;
            let elapsed = started.elapsed().as_secs_f64() * 1e6;
            micros.push(elapsed);
            println!(
                "{}\t{:.1}\t{}\t{}",
                case.kind, elapsed, results.total, case.label
            );
        }
    }
    micros.sort_by(f64::total_cmp);
    println!(
        "summary\tsearches={}\tp50_us={:.1}\tp99_us={:.1}\tmax_us={:.1}",
        micros.len(),
        percentile(&micros, 50.0),
        percentile(&micros, 99.0),
        micros.last().copied().unwrap_or(0.0)
    );
    Ok(())
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Reads `queries.tsv`: kind, query, filters (`--speaker X`, `--source X`,
/// `--since D`, `--until D`); the other columns are for the peers.
fn read_cases(path: &PathBuf) -> Result<Vec<Case>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() < 3 {
            return Err(format!(
                "{}:{}: expected tab-separated columns",
                path.display(),
                n + 1
            ));
        }
        let mut request = SearchRequest {
            query: columns[1].to_string(),
            limit: 10,
            ..SearchRequest::default()
        };
        let filters: Vec<&str> = columns[2].split_whitespace().collect();
        for pair in filters.chunks(2) {
            let [flag, value] = pair else {
                return Err(format!(
                    "{}:{}: a filter lacks its value",
                    path.display(),
                    n + 1
                ));
            };
            let date = |end| {
                parse_bound(value, end).ok_or(format!(
                    "{}:{}: bad date {value}",
                    path.display(),
                    n + 1
                ))
            };
            match *flag {
                "--speaker" => request.speakers.push(value.to_string()),
                "--source" => request.sources.push(value.to_string()),
                "--since" => request.since = Some(date(false)?),
                "--until" => request.until = Some(date(true)?),
                other => {
                    return Err(format!(
                        "{}:{}: unknown filter {other}",
                        path.display(),
                        n + 1
                    ))
                }
            }
        }
        cases.push(Case {
            kind: columns[0].to_string(),
            label: format!("{} {}", columns[1], columns[2]).trim().to_string(),
            request,
        });
    }
    Ok(cases)
}
