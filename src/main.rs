//! The `newsidx` binary: parse the command line, run, map errors to exit
//! codes.

use clap::Parser;
use newsidx::cli::Cli;
use newsidx::error::{exit_code, Error};

fn main() {
    let cli = Cli::parse();
    let code = match newsidx::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    std::process::exit(exit_code::OK);
                }
            }
            // newsidx's own errors name the path and the cause once; their
            // chain of sources would repeat the cause.
            if e.is::<Error>() {
                eprintln!("newsidx: error: {e}");
            } else {
                eprintln!("newsidx: error: {e:#}");
            }
            e.downcast_ref::<Error>()
                .map_or(exit_code::FAILURE, Error::exit_code)
        }
    };
    std::process::exit(code);
}
