//! Messages about a run, on stderr: the one place that writes there.
//!
//! Data goes to stdout through `output`; everything else a user is told
//! (summaries, warnings about skipped input, errors, progress) goes
//! through [`Messages`], which honours `--quiet` (only errors and
//! warnings) and `--verbose` (also every skipped file and why, and how
//! long each stage took). `tests/architecture.rs` checks that no other
//! module writes to stdout or stderr.

use crate::indexer::Progress;
use crate::output::Style;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

/// Messages about the run, on stderr, filtered by --quiet/--verbose.
#[derive(Debug, Clone)]
pub struct Messages {
    quiet: bool,
    verbose: bool,
    style: Style,
}

impl Messages {
    /// Messages for `--quiet`, `--verbose`, in colour or not.
    pub fn new(quiet: bool, verbose: bool, color: bool) -> Messages {
        Messages {
            quiet,
            verbose,
            style: Style { color },
        }
    }

    /// A line of information (not with --quiet).
    pub fn info(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// A detail shown only with --verbose.
    pub fn detail(&self, text: &str) {
        if self.verbose {
            eprintln!("{text}");
        }
    }

    /// A file that was not read, and why (only with --verbose).
    pub fn skipped(&self, path: &Path, why: &str) {
        let path = crate::output::terminal_safe(&crate::paths::shown_path(path));
        self.detail(&format!("newsidx: skipped {path}: {why}"));
    }

    /// How long the stages of a run took (only with --verbose).
    pub fn timings(&self, stages: &[(&'static str, Duration)]) {
        if self.verbose && !stages.is_empty() {
            let parts: Vec<String> = stages
                .iter()
                .map(|(stage, took)| format!("{stage} {:.3}s", took.as_secs_f64()))
                .collect();
            eprintln!("newsidx: timings: {}", parts.join(", "));
        }
    }

    /// A problem with one input, which did not stop the run (always shown).
    /// The subject is a file name or a field: its control characters are
    /// escaped, so that a file name cannot act on the terminal.
    pub fn warn(&self, subject: &str, text: &str) {
        let subject = crate::output::terminal_safe(subject);
        eprintln!("{} {subject}: {text}", self.style.bold("newsidx: warning:"));
    }

    /// A message that is shown even with --quiet (the run stops, or the
    /// user asked something and must hear back).
    pub fn always(&self, text: &str) {
        eprintln!("{text}");
    }

    pub fn quiet(&self) -> bool {
        self.quiet
    }

    pub fn verbose(&self) -> bool {
        self.verbose
    }

    /// A progress bar for indexing, drawn only when stderr is a terminal
    /// and not with --quiet.
    pub fn progress_bar(&self) -> Bar {
        Bar(self.progress(
            "{spinner} indexing [{bar:30}] {pos}/{len} files {per_sec} eta {eta} {wide_msg}",
        ))
    }

    /// A progress bar drawn with indicatif's `template`, only when stderr
    /// is a terminal and not with --quiet.
    pub fn progress(&self, template: &str) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if self.quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar
    }
}

/// Whether stderr is a terminal (messages are then coloured unless turned
/// off).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// A line in the log of a running server (always shown).
pub fn log(text: &str) {
    eprintln!("{text}");
}

/// A progress bar of `total` items named `what` ("passages" for export),
/// drawn only when stderr is a terminal and not with --quiet.
impl Messages {
    pub fn count_bar(&self, total: u64, what: &str) -> ProgressBar {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        if !std::io::stderr().is_terminal() || self.quiet {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{bar:30}] {pos}/{len} {msg} {per_sec} eta {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar.set_message(what.to_string());
        bar
    }
}

/// The error that ended a run (always shown).
pub fn error(e: &anyhow::Error) {
    // newsidx's own errors name the path and the cause once; their chain
    // of sources would repeat the cause.
    if e.is::<crate::error::Error>() {
        eprintln!("newsidx: error: {e}");
    } else {
        eprintln!("newsidx: error: {e:#}");
    }
}

/// A progress bar on stderr.
pub struct Bar(ProgressBar);

impl Bar {
    /// Removes the bar from the terminal (before a line is printed).
    pub fn clear(&self) {
        self.0.finish_and_clear();
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
