//! `newsidx index`: incremental indexing with a progress bar.

use super::Messages;
use crate::cli::{GlobalArgs, IndexArgs, MetadataArgs};
use crate::error::{exit_code, Error};
use crate::index::lock::WriterLock;
use crate::index::NewsIndex;
use crate::indexer::analyze::AnalysisOptions;
use crate::indexer::pipeline::{index_paths, IndexOptions, IndexReport};
use crate::indexer::rebuild::rebuild;
use crate::ingest::manifest;
use crate::ingest::overrides::{MetadataOverrides, Overrides};
use crate::output;

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
            messages.warn(&crate::paths::shown_path(path), &w.to_string());
        }
        warned += warnings.len();
        overrides.extend(rows);
    }
    Ok((overrides, warned))
}

pub fn run(global: &GlobalArgs, messages: &Messages, args: IndexArgs) -> anyhow::Result<u8> {
    crate::error::check_inputs_exist(&args.paths)?;
    crate::indexer::walk::check_excludes(&args.exclude).map_err(|message| Error::BadFilter {
        flag: "--exclude",
        message,
    })?;
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
        list_skipped: messages.verbose(),
        exclude: args.exclude.clone(),
    };
    let bar = messages.progress_bar();
    let report = if args.rebuild {
        rebuild(&global.index, &args.paths, &options, &bar)
    } else {
        WriterLock::acquire(&global.index)
            .map_err(|e| e.when_writing(&global.index))
            .and_then(|_lock| {
                let index = NewsIndex::open_or_create(&global.index)?;
                index_paths(&index, &args.paths, &options, &bar)
            })
    };
    bar.clear();
    let report = report?;
    report_to(messages, &report);
    if args.json {
        let summary = output::IndexSummaryJson::new(&report, Some(&global.index));
        output::print_json_sorted(&mut output::stdout(), &summary)?;
    } else {
        messages.info(&summary(&report));
    }
    Ok(
        if report.problems.is_empty() && report.warnings.is_empty() && manifest_warnings == 0 {
            exit_code::OK
        } else {
            exit_code::PARTIAL
        },
    )
}

/// Tells what a run skipped and failed on, and (with --verbose) how long
/// its stages took.
pub(super) fn report_to(messages: &Messages, report: &IndexReport) {
    for skipped in &report.skipped {
        messages.skipped(&skipped.path, &skipped.message);
    }
    for problem in report.problems.iter().chain(&report.warnings) {
        messages.warn(&crate::paths::shown_path(&problem.path), &problem.message);
    }
    messages.timings(&report.stages);
}

/// The one-line summary of a run (or of one `watch` batch). Renamed files
/// are counted only when there are some.
pub(super) fn summary(report: &IndexReport) -> String {
    let renamed = if report.renamed > 0 {
        format!("{} renamed, ", report.renamed)
    } else {
        String::new()
    };
    let count = crate::output::count;
    format!(
        "{} added, {} updated, {} unchanged, {} removed, {renamed}{} failed ({}, {} written, {} of them {}) in {:.2}s",
        report.added,
        report.updated,
        report.unchanged,
        report.removed,
        report.failed(),
        count(report.articles, "article", "articles"),
        count(report.passages, "passage", "passages"),
        report.copies,
        if report.copies == 1 { "a copy" } else { "copies" },
        report.elapsed.as_secs_f64()
    ) + &left_out(report)
}

/// "; left out: 2 README, LICENSE or similar, 1 hidden (--verbose names
/// them)", or nothing when the walk left nothing out (but the index
/// directory, which is never an article).
fn left_out(report: &IndexReport) -> String {
    use crate::indexer::walk::LeftOut;
    let counts: Vec<String> = report
        .left_out
        .iter()
        .filter(|(why, _)| **why != LeftOut::Index)
        .map(|(why, n)| why.counted(*n))
        .collect();
    if counts.is_empty() {
        String::new()
    } else {
        format!("; left out: {} (--verbose names them)", counts.join(", "))
    }
}
