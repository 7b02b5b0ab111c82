//! Guards for a server that runs on a researcher's own machine.
//!
//! Binding to loopback keeps other machines out, but not other web pages:
//! a page on any site can make the browser send requests to
//! `127.0.0.1:7700`, and with DNS rebinding (a hostile name that resolves
//! to 127.0.0.1) it can even read the answers. So while bound to loopback
//! the server answers only requests addressed to a loopback `Host`
//! (`localhost`, `127.0.0.1`, `[::1]`), and every response carries headers
//! that forbid framing and loading anything from elsewhere. Where an access
//! token is required ([`super::access`]), this guard also refuses API
//! requests without it.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

use super::access::Access;

/// What [`guard`] checks.
#[derive(Debug, Clone)]
pub struct Guard {
    pub host: HostCheck,
    pub access: Access,
}

/// The page may load only its own script, style and API.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// Which `Host` headers the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCheck {
    /// Bound to loopback: only loopback host names.
    LoopbackOnly,
    /// Bound to another interface on purpose: any host.
    Any,
}

/// Whether `host` (a `Host` header value, with or without a port) names
/// this machine's loopback interface.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        // [::1]:7700
        match rest.split_once(']') {
            Some((inside, _)) => inside,
            None => return false,
        }
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return true;
    }
    name.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

/// Whether `path` reads the index (and so needs the token when one is
/// required); the page's HTML, script and style do not.
fn reads_the_index(path: &str) -> bool {
    path.starts_with("/api/") || path == "/api" || path == "/health"
}

/// Refuses requests for other host names and, where a token is required,
/// API requests without it; adds the security headers.
pub async fn guard(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    if guard.host == HostCheck::LoopbackOnly {
        let host = request
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .or_else(|| request.uri().authority().map(|a| a.as_str()));
        if !host.is_some_and(is_loopback_host) {
            let body = json!({
                "error": format!(
                    "this server answers only requests to localhost or 127.0.0.1 (Host was {:?}); to serve other machines, start it with --addr 0.0.0.0:PORT",
                    host.unwrap_or("")
                ),
            });
            return with_headers((StatusCode::MISDIRECTED_REQUEST, Json(body)).into_response());
        }
    }
    if reads_the_index(request.uri().path()) && !guard.access.allows(request.headers()) {
        let body = json!({
            "error": "this server needs its access token: send the header 'Authorization: Bearer TOKEN' with the token serve printed at start (or open the page at the address it printed)",
        });
        let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"newsidx\""),
        );
        return with_headers(response);
    }
    with_headers(next.run(request).await)
}

/// Adds the security headers to `response`.
fn with_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognised_with_or_without_ports() {
        for host in [
            "localhost",
            "localhost:7700",
            "LOCALHOST.",
            "app.localhost:80",
            "127.0.0.1",
            "127.0.0.1:7700",
            "127.1.2.3:9",
            "[::1]:7700",
            "[::1]",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
    }

    #[test]
    fn other_hosts_are_not_loopback() {
        for host in [
            "evil.example",
            "evil.example:7700",
            "localhost.evil.example",
            "10.0.0.1:7700",
            "[::2]:7700",
            "[::1",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
