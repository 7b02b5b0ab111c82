//! Running the commands: each submodule takes its parsed arguments, calls
//! the library, and prints through `output` (data, to stdout) and
//! [`Messages`] (the run's messages, to stderr). Returns the exit code
//! (one of `error::exit_code`).

mod analyze;
mod browse;
mod export;
mod index;
mod push;
mod search;
mod serve;
mod stats;
mod watch;

use crate::cli::{Cli, ColorChoice, Command, GlobalArgs};
use crate::error::exit_code;
pub use crate::messages::Messages;
use crate::output;
use crate::output::Style;
use clap::CommandFactory;

/// Runs the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let messages = Messages::new(
        cli.global.quiet,
        cli.global.verbose,
        use_color(cli.global.color, crate::messages::stderr_is_terminal()),
    );
    match cli.command {
        Command::Index(args) => index::run(&cli.global, &messages, args),
        Command::Watch(args) => watch::run(&cli.global, &messages, args),
        Command::Search(args) => search::run(&cli.global, &messages, args),
        Command::Analyze(args) => analyze::run(&cli.global, &messages, args),
        Command::Push(args) => push::run(&cli.global, &messages, args),
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

/// The checked request of the search settings given by flags, or a usage
/// error naming the flag.
pub fn search_request(
    settings: crate::settings::SearchSettings,
) -> Result<crate::search::SearchRequest, crate::error::Error> {
    use crate::settings::{BadSetting, Setting};
    settings.request().map_err(|bad| match bad {
        BadSetting::NotADate { setting, value } => crate::error::Error::BadDate {
            flag: match setting {
                Setting::Since => "--since",
                Setting::Until => "--until",
            },
            value,
        },
        BadSetting::NotALanguage { value } => crate::error::Error::BadFilter {
            flag: "--lang",
            message: format!(
                "--lang {value:?} is not a language; use a code such as en, de or fr \
                 (`newsidx stats` lists the languages in the index)"
            ),
        },
    })
}

/// Where a browsing command reads from.
pub enum Backend {
    Local(Box<crate::index::NewsIndex>),
    Engine(crate::engine::Engine),
}

/// The backend that `--engine` (or its environment variable) chooses: the
/// cluster when given, else the local index.
pub fn backend(
    global: &GlobalArgs,
    args: &crate::cli::EngineArgs,
) -> Result<Backend, crate::error::Error> {
    Ok(match &args.engine {
        Some(address) => {
            Backend::Engine(crate::engine::Engine::connect(address, &args.engine_name)?)
        }
        None => Backend::Local(Box::new(crate::index::NewsIndex::open(&global.index)?)),
    })
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
        color: use_color(global.color, output::stdout_is_terminal()),
    }
}
