//! `newsidx index`: incremental indexing with a progress bar.

use super::Messages;
use crate::analysis::AnalysisOptions;
use crate::cli::{GlobalArgs, IndexArgs};
use crate::error::exit_code;
use crate::index::rebuild::rebuild;
use crate::index::writer::{index_paths, IndexOptions, IndexReport, Progress};
use crate::index::NewsIndex;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub(super) struct Bar(pub(super) ProgressBar);

impl Bar {
    pub(super) fn new(enabled: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if !enabled {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} indexing [{bar:30}] {pos}/{len} files {per_sec} eta {eta} {wide_msg}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        Bar(bar)
    }
}

impl Progress for Bar {
    fn start(&self, files_to_read: usize) {
        // `watch` runs the same bar for every batch, finished in between.
        self.0.reset();
        self.0.set_length(files_to_read as u64);
    }
    fn advance(&self, path: &Path) {
        self.0.inc(1);
        if let Some(name) = path.file_name() {
            self.0.set_message(name.to_string_lossy().into_owned());
        }
    }
    fn committing(&self) {
        self.0.set_message("committing");
    }
}

pub fn run(global: &GlobalArgs, messages: &Messages, args: IndexArgs) -> anyhow::Result<i32> {
    let options = IndexOptions {
        keep_missing: args.keep_missing,
        analysis: AnalysisOptions {
            speakers: !args.no_speakers,
        },
        max_file_bytes: args.max_file_size,
        threads: args.threads,
    };
    let bar = Bar::new(std::io::stderr().is_terminal() && !messages.quiet());
    let report = if args.rebuild {
        rebuild(&global.index, &args.paths, &options, &bar)
    } else {
        NewsIndex::open_or_create(&global.index)
            .and_then(|index| index_paths(&index, &args.paths, &options, &bar))
    };
    bar.0.finish_and_clear();
    let report = report?;
    for problem in &report.problems {
        messages.warn(&problem.path.display().to_string(), &problem.message);
    }
    let summary = summary(&report);
    if args.json {
        let mut value = report_json(&report);
        value["index"] = global.index.display().to_string().into();
        println!("{value}");
    } else {
        messages.info(&summary);
    }
    Ok(if report.problems.is_empty() {
        exit_code::OK
    } else {
        exit_code::PARTIAL
    })
}

/// The one-line summary of a run (or of one `watch` batch).
pub(super) fn summary(report: &IndexReport) -> String {
    format!(
        "{} added, {} updated, {} unchanged, {} removed, {} renamed, {} failed ({} articles, {} passages written) in {:.2}s",
        report.added,
        report.updated,
        report.unchanged,
        report.removed,
        report.renamed,
        report.failed(),
        report.articles,
        report.passages,
        report.elapsed.as_secs_f64()
    )
}

/// A run's report as JSON, problems included.
pub(super) fn report_json(report: &IndexReport) -> serde_json::Value {
    let mut value = serde_json::to_value(report).expect("report serializes");
    value["failed"] = report.failed().into();
    value["problems"] = report
        .problems
        .iter()
        .map(|p| serde_json::json!({"path": p.path, "message": p.message}))
        .collect();
    value
}
