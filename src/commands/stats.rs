//! `newsidx stats`: what the index holds.

use super::stdout_style;
use crate::cli::{GlobalArgs, StatsArgs};
use crate::error::exit_code;
use crate::index::NewsIndex;
use crate::{output, stats};

pub fn run(global: &GlobalArgs, args: StatsArgs) -> anyhow::Result<i32> {
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let stats = stats::compute(&index, &searcher, args.top)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        use std::io::Write;
        writeln!(out, "{}", serde_json::to_string(&stats)?)?;
    } else {
        output::print_stats_human(&mut out, &stats, stdout_style(global))?;
    }
    Ok(exit_code::OK)
}
