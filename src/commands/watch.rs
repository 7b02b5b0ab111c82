//! `newsidx watch`: index, then follow the files and apply changes in
//! batches, one line per batch, until Ctrl-C.

use super::index::summary;
use super::Messages;
use crate::cli::{GlobalArgs, WatchArgs};
use crate::error::{exit_code, Error};
use crate::index::lock::WriterLock;
use crate::index::NewsIndex;
use crate::indexer::analyze::AnalysisOptions;
use crate::indexer::pipeline::{IndexOptions, Indexer};
use crate::indexer::watch::{canonical_roots, watch, Batch, WatchError, Watched};
use crate::output;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub fn run(global: &GlobalArgs, messages: &Messages, args: WatchArgs) -> anyhow::Result<u8> {
    let roots = canonical_roots(&args.paths)?;
    crate::indexer::walk::check_excludes(&args.exclude).map_err(|message| Error::BadFilter {
        flag: "--exclude",
        message,
    })?;
    // Held for the whole session, before the index path is touched.
    let _lock = WriterLock::acquire(&global.index).map_err(|e| e.when_writing(&global.index))?;
    let index = NewsIndex::open_or_create(&global.index)?;
    let options = IndexOptions {
        keep_missing: false,
        analysis: AnalysisOptions {
            speakers: !args.no_speakers,
        },
        max_file_bytes: args.max_file_size,
        threads: args.threads,
        list_skipped: messages.verbose(),
        ..IndexOptions::default()
    };
    let mut indexer = Indexer::open(&index, options)?;

    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        let messages = messages.clone();
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                // Nothing of an uncommitted batch is ever visible: leaving
                // now discards it whole.
                messages.always("newsidx: stopped; the batch in progress was discarded");
                std::process::exit(exit_code::INTERRUPTED.into());
            }
            messages
                .info("newsidx: stopping after the batch in progress (Ctrl-C again to discard it)");
        })?;
    }

    let names: Vec<_> = roots.iter().map(|r| r.display().to_string()).collect();
    messages.info(&format!("watching {} (Ctrl-C to stop)", names.join(", ")));
    let bar = messages.progress_bar();
    let mut print = |batch: &Batch| {
        bar.clear();
        for skipped in &batch.report.skipped {
            messages.skipped(&skipped.path, &skipped.message);
        }
        for problem in &batch.report.problems {
            messages.warn(&crate::paths::shown_path(&problem.path), &problem.message);
        }
        messages.timings(&batch.report.stages);
        let time = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let mut out = output::stdout();
        // A closed stdout must not stop the watch: the index is still kept.
        let _ = if args.json {
            let line = output::WatchBatchJson {
                summary: output::IndexSummaryJson::new(&batch.report, None),
                time: time.to_string(),
                events: batch.paths,
                rescanned: batch.rescanned,
            };
            output::print_json_sorted(&mut out, &line)
        } else {
            output::print_line(&mut out, &format!("{time} {}", summary(&batch.report)))
        };
    };
    let result = watch(
        &mut indexer,
        &index.dir,
        &Watched {
            roots,
            excludes: args.exclude,
        },
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
