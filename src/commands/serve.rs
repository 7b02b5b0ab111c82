//! `newsidx serve`: open the index, bind the address, print where the page
//! is, and serve until Ctrl-C (or SIGTERM).

use super::Messages;
use crate::cli::{GlobalArgs, ServeArgs};
use crate::error::exit_code;
use crate::index::NewsIndex;
use crate::output;
use crate::serve::security::HostCheck;
use crate::serve::{self, ServeState};
use anyhow::Context;
use std::sync::Arc;

pub fn run(global: &GlobalArgs, messages: &Messages, args: ServeArgs) -> anyhow::Result<u8> {
    // Before binding anything: a missing index is exit code 3.
    let index = NewsIndex::open(&global.index)?;
    let state = Arc::new(ServeState::new(index)?);
    let host_check = if args.addr.ip().is_loopback() {
        HostCheck::LoopbackOnly
    } else {
        messages.warn(
            &args.addr.to_string(),
            "not a loopback address: anyone who can reach this machine can read the index",
        );
        HostCheck::Any
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| {
                format!(
                    "cannot listen on {}; is another server using the port? choose another with --addr 127.0.0.1:PORT",
                    args.addr
                )
            })?;
        let local = listener.local_addr()?;
        // The one line a user (or a script starting the server) needs.
        output::print_line(
            &mut output::stdout(),
            &format!("newsidx: serving {} at http://{local}/", global.index.display()),
        )?;
        messages.info("press Ctrl-C to stop");
        serve::run(
            listener,
            serve::router(state, host_check),
            shutdown_signal(),
        )
        .await
        .context("serving")?;
        messages.info("newsidx: stopped");
        Ok(exit_code::OK)
    })
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
