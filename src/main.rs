//! The `newsidx` binary: parse the command line, run, map errors to exit
//! codes (all of them in `error::exit_code`).

use clap::Parser;
use newsidx::cli::Cli;
use newsidx::error::{exit_code, Error};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match newsidx::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Anywhere in the chain: a write error may come wrapped in
            // context or in newsidx's own error.
            let broken_pipe = e.chain().any(|cause| {
                cause
                    .downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                // The reader of stdout went away (`| head`): not a failure.
                exit_code::OK
            } else {
                newsidx::messages::error(&e);
                e.downcast_ref::<Error>()
                    .map_or(exit_code::FAILURE, Error::exit_code)
            }
        }
    };
    ExitCode::from(code)
}
