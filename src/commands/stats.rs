//! `newsidx stats`: what the index holds.

use crate::cli::{GlobalArgs, StatsArgs};
use crate::error::exit_code;
use crate::index::NewsIndex;
use crate::{output, stats};

pub fn run(global: &GlobalArgs, args: StatsArgs) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let stats = stats::compute(&index, &searcher, args.top)?;
    let mut out = output::stdout();
    if args.json {
        output::print_json(&mut out, &stats)?;
    } else {
        output::print_stats_human(&mut out, &stats, super::stdout_style(global))?;
    }
    Ok(exit_code::OK)
}
