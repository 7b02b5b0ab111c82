//! `newsidx index`: incremental indexing with a progress bar.

use super::Messages;
use crate::cli::{GlobalArgs, IndexArgs, MetadataArgs};
use crate::error::{exit_code, Error};
use crate::index::NewsIndex;
use crate::indexer::analyze::AnalysisOptions;
use crate::indexer::pipeline::{index_paths, IndexOptions, IndexReport, Progress};
use crate::indexer::rebuild::rebuild;
use crate::ingest::manifest;
use crate::ingest::overrides::{MetadataOverrides, Overrides};
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

/// The overrides given by `--source`, `--date`, `--author` and
/// `--manifest`. Problems with manifest rows are warned about; a manifest
/// that cannot be read at all, or a bad `--date`, is an error.
pub(super) fn metadata_overrides(
    args: &MetadataArgs,
    messages: &Messages,
) -> Result<(MetadataOverrides, usize), Error> {
    let mut batch = Overrides {
        source: args.source.clone().filter(|s| !s.trim().is_empty()),
        author: args.author.clone().filter(|s| !s.trim().is_empty()),
        ..Overrides::default()
    };
    if let Some(date) = &args.date {
        if !batch.set_date(date) {
            return Err(Error::BadDate {
                flag: "--date",
                value: date.clone(),
            });
        }
    }
    let mut overrides = MetadataOverrides {
        batch,
        ..MetadataOverrides::default()
    };
    let mut warned = 0;
    for path in &args.manifest {
        let (rows, warnings) = manifest::load(path).map_err(|e| Error::Manifest {
            path: path.clone(),
            message: e.to_string(),
        })?;
        for w in &warnings {
            messages.warn(&path.display().to_string(), &w.to_string());
        }
        warned += warnings.len();
        overrides.extend(rows);
    }
    Ok((overrides, warned))
}

pub fn run(global: &GlobalArgs, messages: &Messages, args: IndexArgs) -> anyhow::Result<i32> {
    let (overrides, manifest_warnings) = metadata_overrides(&args.metadata, messages)?;
    let options = IndexOptions {
        keep_missing: args.keep_missing,
        analysis: AnalysisOptions {
            speakers: !args.no_speakers,
        },
        max_file_bytes: args.max_file_size,
        threads: args.threads,
        overrides,
        grouping: !args.no_grouping,
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
    for problem in report.problems.iter().chain(&report.warnings) {
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
    Ok(
        if report.problems.is_empty() && report.warnings.is_empty() && manifest_warnings == 0 {
            exit_code::OK
        } else {
            exit_code::PARTIAL
        },
    )
}

/// The one-line summary of a run (or of one `watch` batch). Renamed files
/// are counted only when there are some.
pub(super) fn summary(report: &IndexReport) -> String {
    let renamed = if report.renamed > 0 {
        format!("{} renamed, ", report.renamed)
    } else {
        String::new()
    };
    format!(
        "{} added, {} updated, {} unchanged, {} removed, {renamed}{} failed ({} articles, {} passages written, {} of them copies) in {:.2}s",
        report.added,
        report.updated,
        report.unchanged,
        report.removed,
        report.failed(),
        report.articles,
        report.passages,
        report.copies,
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
    value["warnings"] = report
        .warnings
        .iter()
        .map(|p| serde_json::json!({"path": p.path, "message": p.message}))
        .collect();
    value
}
