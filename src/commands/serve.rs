//! `newsidx serve`: open the index (or connect to the cluster that
//! `--engine` names, see [`super::backend`]), bind the address, print
//! where the page is, and serve until Ctrl-C (or SIGTERM).
//!
//! On a non-loopback address it requires an access token (given, or
//! generated and printed), and answers with relative paths; see
//! [`crate::serve::access`].

use super::{Backend, Messages};
use crate::cli::{GlobalArgs, ServeArgs};
use crate::error::exit_code;
use crate::output;
use crate::serve::access::{self, Access};
use crate::serve::conn::Limits;
use crate::serve::security::{Guard, HostCheck};
use crate::serve::{self, ServeOptions, ServeState};
use anyhow::Context;
use std::sync::Arc;
use std::time::Duration;

pub fn run(global: &GlobalArgs, messages: &Messages, args: ServeArgs) -> anyhow::Result<u8> {
    // Before binding anything: a missing index is exit code 3, a cluster
    // that does not answer 5.
    let backend = super::backend(global, &args.engine)?;
    let loopback = args.addr.ip().is_loopback();
    if let Some(token) = &args.token {
        if let Err(message) = access::check_token(token) {
            crate::messages::error(&anyhow::anyhow!(message));
            return Ok(exit_code::USAGE);
        }
    }
    let token = match (&args.token, loopback) {
        (Some(token), _) => Some(token.clone()),
        (None, true) => None,
        (None, false) => Some(
            access::generate_token()
                .context("generating an access token; give one with --token")?,
        ),
    };
    let options = ServeOptions {
        relative_paths: !loopback,
        ..ServeOptions::default()
    };
    let (mut state, served) = match backend {
        Backend::Local(index) => (
            ServeState::with_options(*index, options)?,
            global.index.display().to_string(),
        ),
        Backend::Engine(engine) => {
            let served = format!(
                "{} of the cluster <{}>",
                engine.name, engine.cluster.address
            );
            (ServeState::on_engine(engine, options), served)
        }
    };
    state.messages = Some(messages.clone());
    let state = Arc::new(state);
    let guard = Guard {
        host: if loopback {
            HostCheck::LoopbackOnly
        } else {
            HostCheck::Any
        },
        access: token.as_deref().map_or_else(Access::open, Access::token),
    };
    let limits = Limits {
        header_timeout: Duration::from_secs(args.header_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_connections: within_file_limit(args.max_connections as usize, messages),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = listen(args.addr, limits.max_connections).with_context(|| {
            format!(
                "cannot listen on {}; is another server using the port? choose another with --addr 127.0.0.1:PORT",
                args.addr
            )
        })?;
        let local = listener.local_addr()?;
        // The one line a user (or a script starting the server) needs.
        let address = format!("http://{local}/");
        let lines = match (&token, &args.token) {
            // Generated: the page's address carries it in the fragment,
            // which browsers never send to the server.
            (Some(token), None) => vec![
                format!("newsidx: serving {served} at {address}#token={token}"),
                format!("newsidx: access token: {token} (send 'Authorization: Bearer TOKEN')"),
            ],
            (Some(_), Some(_)) => vec![format!(
                "newsidx: serving {served} at {address}#token=TOKEN (the token given by --token or NEWSIDX_TOKEN)"
            )],
            (None, _) => vec![format!("newsidx: serving {served} at {address}")],
        };
        let mut out = output::stdout();
        for line in lines {
            output::print_line(&mut out, &line)?;
        }
        drop(out);
        if !loopback {
            messages.warn(
                &args.addr.to_string(),
                "not a loopback address: anyone with the access token who can reach this machine can read the index (paths are shown relative to the indexed folders)",
            );
        }
        messages.info("press Ctrl-C to stop");
        serve::run(
            listener,
            serve::router(state, guard),
            limits,
            shutdown_signal(),
        )
        .await
        .context("serving")?;
        messages.info("newsidx: stopped");
        Ok(exit_code::OK)
    })
}

/// File descriptors kept free of connections: the index's segment files,
/// the listener, standard streams.
const RESERVED_FILES: usize = 256;

/// `wanted` connections, or fewer if the process may not open that many
/// files (after raising its soft limit to the hard one), with a warning.
fn within_file_limit(wanted: usize, messages: &super::Messages) -> usize {
    #[cfg(unix)]
    {
        // SAFETY: getrlimit/setrlimit only read and write the struct given.
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return wanted;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                ..limit
            };
            if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
                limit = raised;
            }
        }
        let files = usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX);
        let room = files.saturating_sub(RESERVED_FILES).max(1);
        if room < wanted {
            messages.warn(
                "--max-connections",
                &format!(
                    "this process may open {files} files, so serve holds at most {room} connections, not {wanted}; raise the limit with `ulimit -n`"
                ),
            );
            return room;
        }
    }
    #[cfg(not(unix))]
    let _ = messages;
    wanted
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

/// A listener on `addr` whose queue of connections the kernel has
/// completed but the server not yet accepted holds `max_connections`
/// (the kernel's `somaxconn` caps it). tokio's `bind` asks for 1,024:
/// with more clients connecting at once, the kernel dropped the last
/// handshakes' acknowledgements and retried them seconds later, so a
/// client that thought itself connected got its idle clock that much
/// later (24 of 1,900 idle connections still open 12 s after a burst,
/// `benches/serve_hold.py`).
fn listen(
    addr: std::net::SocketAddr,
    max_connections: usize,
) -> std::io::Result<tokio::net::TcpListener> {
    let socket = match addr {
        std::net::SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
        std::net::SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
    };
    // As std's and tokio's `bind` do on Unix: a restarted server may take
    // its port back while old connections are in TIME_WAIT.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(u32::try_from(max_connections).unwrap_or(u32::MAX).max(128))
}
