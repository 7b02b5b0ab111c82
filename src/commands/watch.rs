//! `newsidx watch`: index, then follow the files and apply changes in
//! batches, one line per batch, until Ctrl-C.

use super::index::{report_json, summary, Bar};
use super::Messages;
use crate::cli::{GlobalArgs, WatchArgs};
use crate::error::exit_code;
use crate::index::NewsIndex;
use crate::indexer::analyze::AnalysisOptions;
use crate::indexer::pipeline::{IndexOptions, Indexer};
use crate::indexer::watch::{canonical_roots, watch, Batch, WatchError};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Exit code when a second Ctrl-C abandons the batch in progress.
const INTERRUPTED: i32 = 130;

pub fn run(global: &GlobalArgs, messages: &Messages, args: WatchArgs) -> anyhow::Result<i32> {
    let roots = canonical_roots(&args.paths)?;
    let index = NewsIndex::open_or_create(&global.index)?;
    let options = IndexOptions {
        keep_missing: false,
        analysis: AnalysisOptions {
            speakers: !args.no_speakers,
        },
        max_file_bytes: args.max_file_size,
        threads: args.threads,
        ..IndexOptions::default()
    };
    let mut indexer = Indexer::open(&index, options)?;

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let quiet = messages.quiet();
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                // Nothing of an uncommitted batch is ever visible: leaving
                // now discards it whole.
                eprintln!("newsidx: stopped; the batch in progress was discarded");
                std::process::exit(INTERRUPTED);
            }
            if !quiet {
                eprintln!(
                    "newsidx: stopping after the batch in progress (Ctrl-C again to discard it)"
                );
            }
        })?;
    }

    if !messages.quiet() {
        let names: Vec<_> = roots.iter().map(|r| r.display().to_string()).collect();
        eprintln!("watching {} (Ctrl-C to stop)", names.join(", "));
    }
    let bar = Bar::new(std::io::stderr().is_terminal() && !messages.quiet());
    let mut print = |batch: &Batch| {
        bar.0.finish_and_clear();
        for problem in &batch.report.problems {
            messages.warn(&problem.path.display().to_string(), &problem.message);
        }
        let time = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let mut out = std::io::stdout().lock();
        let line = if args.json {
            let mut value = report_json(&batch.report);
            value["time"] = time.to_string().into();
            value["events"] = batch.paths.into();
            value["rescanned"] = batch.rescanned.into();
            value.to_string()
        } else {
            format!("{time} {}", summary(&batch.report))
        };
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    let result = watch(
        &mut indexer,
        &index.dir,
        &roots,
        Duration::from_millis(args.debounce),
        &stop,
        &bar,
        &mut print,
    );
    match result {
        Ok(()) => {
            indexer.finish()?;
            messages.info("stopped; every batch was committed");
            Ok(exit_code::OK)
        }
        Err(WatchError::Index(e)) => Err(e.into()),
        Err(e) => Err(e.into()),
    }
}
