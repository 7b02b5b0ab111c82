//! Running the commands: each submodule takes its parsed arguments, calls
//! the library, and prints through `output` (data, to stdout) and
//! [`Messages`] (the run's messages, to stderr). Returns the exit code.

mod analyze;
mod browse;
mod export;
mod index;
mod search;
mod serve;
mod stats;
mod watch;

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::error::exit_code;
use crate::output::Style;
use clap::CommandFactory;
use std::io::IsTerminal;

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    let messages = Messages::new(&cli.global);
    match cli.command {
        Command::Index(args) => index::run(&cli.global, &messages, args),
        Command::Watch(args) => watch::run(&cli.global, &messages, args),
        Command::Search(args) => search::run(&cli.global, args),
        Command::Analyze(args) => analyze::run(&cli.global, &messages, args),
        Command::Stats(args) => stats::run(&cli.global, args),
        Command::Export(args) => export::run(&cli.global, args),
        Command::Serve(args) => serve::run(&cli.global, &messages, args),
        Command::Speakers(args) => browse::speakers(&cli.global, args),
        Command::Sources(args) => browse::sources(&cli.global, args),
        Command::Quotes(args) => browse::quotes(&cli.global, args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "newsidx",
                &mut std::io::stdout(),
            );
            Ok(exit_code::OK)
        }
    }
}

/// A `--since`/`--until` value as a date bound (`end`: the last instant
/// of the day, month or year given), or a usage error naming the flag.
pub fn date_bound(
    flag: &'static str,
    value: &Option<String>,
    end: bool,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, crate::error::Error> {
    value
        .as_deref()
        .map(|v| {
            crate::ingest::date::parse_bound(v, end).ok_or_else(|| crate::error::Error::BadDate {
                flag,
                value: v.to_string(),
            })
        })
        .transpose()
}

/// Whether to colour output written to a stream.
pub fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => !no_color,
        ColorChoice::Auto => is_terminal && !no_color,
    }
}

/// The style for data printed on stdout.
pub fn stdout_style(global: &GlobalArgs) -> Style {
    Style {
        color: use_color(global.color, std::io::stdout().is_terminal()),
    }
}

/// Messages about the run, on stderr, filtered by --quiet/--verbose.
pub struct Messages {
    quiet: bool,
    verbose: bool,
    style: Style,
}

impl Messages {
    pub fn new(global: &GlobalArgs) -> Messages {
        Messages {
            quiet: global.quiet,
            verbose: global.verbose,
            style: Style {
                color: use_color(global.color, std::io::stderr().is_terminal()),
            },
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

    /// A problem with one input, which did not stop the run (always shown).
    pub fn warn(&self, subject: &str, text: &str) {
        eprintln!("{} {subject}: {text}", self.style.bold("newsidx: warning:"));
    }

    pub fn quiet(&self) -> bool {
        self.quiet
    }
}
