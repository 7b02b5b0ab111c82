//! Running the commands: each submodule takes its parsed arguments, calls
//! the library, and prints through `output` (data, to stdout) and
//! [`Messages`] (the run's messages, to stderr). Returns the exit code
//! (one of `error::exit_code`).

mod analyze;
mod browse;
mod export;
mod index;
mod search;
mod serve;
mod stats;
mod watch;

use crate::cli::{Cli, Command};
use crate::error::exit_code;
pub use crate::messages::Messages;
use crate::output;
use clap::CommandFactory;

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let messages = Messages::new(&cli.global);
    match cli.command {
        Command::Index(args) => index::run(&cli.global, &messages, args),
        Command::Watch(args) => watch::run(&cli.global, &messages, args),
        Command::Search(args) => search::run(&cli.global, &messages, args),
        Command::Analyze(args) => analyze::run(&cli.global, &messages, args),
        Command::Stats(args) => stats::run(&cli.global, args),
        Command::Export(args) => export::run(&cli.global, &messages, args),
        Command::Serve(args) => serve::run(&cli.global, &messages, args),
        Command::Speakers(args) => browse::speakers(&cli.global, args),
        Command::Sources(args) => browse::sources(&cli.global, args),
        Command::Quotes(args) => browse::quotes(&cli.global, &messages, args),
        Command::Completions { shell } => {
            output::print_completions(shell, &mut Cli::command())?;
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
