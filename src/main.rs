//! The `newsidx` binary: parse the command line, run, map errors to exit
//! codes (all of them in `error::exit_code`).

use clap::Parser;
use newsidx::cli::Cli;
use newsidx::error::{exit_code, Error};
use std::process::ExitCode;

fn main() -> ExitCode {
    bound_allocator();
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

/// glibc's allocator keeps what a thread frees in that thread's arena, and
/// raises the size from which it maps a block on its own to the largest
/// block freed so far: the text that an analysis thread frees as its
/// passages are written, and the pages the tantivy writer frees after each
/// flush, stayed resident, so indexing one 8 MB article peaked at 150 MB
/// resident for about 90 MB in use. Two arenas and a fixed 2 MB threshold
/// (larger blocks are mapped and returned when freed) keep the peak near
/// what is in use (`benches/article_size.py`). The threshold is above the
/// 1 MB pages of tantivy's indexing arena, which every new segment
/// allocates again: at 256 KB each page was mapped afresh and faulted in
/// page by page, a third of the page faults of indexing the bbc corpus,
/// for 4 MB less at the peak of an 8 MB article.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn bound_allocator() {
    // SAFETY: mallopt only changes the allocator's settings; it runs
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 2 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn bound_allocator() {}
