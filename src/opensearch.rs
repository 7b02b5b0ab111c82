//! A small blocking client for an OpenSearch cluster: the handful of REST
//! calls `push` (and `--engine`) make, JSON in and out, over `ureq`.
//!
//! Every failure becomes an [`Error::Cluster`] (exit 5) or
//! [`Error::ClusterIndex`] (exit 3) naming the cluster's address and what to
//! do, never a bare transport error. Credentials come from the environment
//! ([`AUTH_ENV`]), never from the command line.
//!
//! `https://` addresses are checked against the system's root certificates
//! and, for a cluster with its own certificate authority (as OpenSearch's
//! security plugin sets up), the PEM file named by [`CA_ENV`]. TLS is
//! rustls: pure Rust, no OpenSSL to build or link against.

use crate::error::Error;
use serde_json::Value;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// `USER:PASSWORD` for HTTP basic authentication to the cluster.
pub const AUTH_ENV: &str = "NEWSIDX_ENGINE_AUTH";

/// The PEM file of the certificate authority that signed an `https://`
/// cluster's certificate, trusted besides the system's roots.
pub const CA_ENV: &str = "NEWSIDX_ENGINE_CA";

/// How long [`Cluster::expect`] sends again a request the cluster answers
/// HTTP 429 (too many requests) before it gives up.
pub const BUSY_WAIT: Duration = Duration::from_secs(30);

/// The backoff after a 429 or a refused batch: the first wait, doubled after
/// each, up to the longest, each drawn with jitter.
const FIRST_DELAY: Duration = Duration::from_millis(250);
const LONGEST_DELAY: Duration = Duration::from_secs(5);

/// Exponential backoff shared by every retry loop that talks to a cluster.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    delay: Duration,
}

impl Default for Backoff {
    fn default() -> Backoff {
        Backoff { delay: FIRST_DELAY }
    }
}

impl Backoff {
    /// The next delay without jitter (the upper bound of [`Backoff::wait`]).
    pub fn delay(&self) -> Duration {
        self.delay
    }

    /// The wait before the next attempt, jittered, then doubles the delay.
    pub fn wait(&mut self) -> Duration {
        let wait = jittered(self.delay);
        self.double();
        wait
    }

    /// Doubles the delay up to the longest.
    pub fn double(&mut self) {
        self.delay = (self.delay * 2).min(LONGEST_DELAY);
    }
}

/// A wait between `delay / 2` and `delay`, drawn at random, so that the
/// clients a busy cluster turned away do not all come back at the same
/// moment ("equal jitter").
pub fn jittered(delay: Duration) -> Duration {
    let mut bytes = [0u8; 8];
    let draw = match getrandom::getrandom(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => u64::from(std::process::id()),
    };
    let half = delay / 2;
    let spread = half.as_micros().max(1) as u64;
    half + Duration::from_micros(draw % spread)
}

/// A connection to one cluster (through one of its nodes).
pub struct Cluster {
    /// The address as given, without a trailing slash.
    pub address: String,
    agent: ureq::Agent,
    auth: Option<String>,
}

/// What one request got back.
pub enum Reply {
    /// An HTTP answer: its status and its JSON body (`Null` if it had none
    /// or it was not JSON).
    Answer(u16, Value),
    /// No HTTP answer: the connection failed or timed out (or its TLS
    /// handshake failed).
    Unreachable(String),
}

/// Why a request got no HTTP answer.
enum NoAnswer {
    /// The connection failed or timed out.
    Unreachable(String),
    /// The TLS handshake failed (the cluster's certificate is not trusted,
    /// or not for this name): how, and what rustls said.
    Handshake(Handshake, String),
}

impl Cluster {
    /// Connects to the cluster at `address` (`http://HOST:PORT` or
    /// `https://HOST:PORT`) and checks that OpenSearch answers there.
    pub fn connect(address: &str) -> Result<Cluster, Error> {
        let address = address.trim_end_matches('/').to_string();
        let named = address.clone();
        let fail = move |reason: String| Error::Cluster {
            address: named.clone(),
            reason,
        };
        let https = address.starts_with("https://");
        if !https && !address.starts_with("http://") {
            return Err(fail(
                "not an http:// or https:// address; give the cluster as http://HOST:PORT or https://HOST:PORT".to_string(),
            ));
        }
        let ca_file = std::env::var_os(CA_ENV).filter(|v| !v.is_empty());
        let mut agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(120));
        if https {
            let ca = ca_file.as_deref().map(Path::new);
            agent = agent.tls_config(tls_config(ca).map_err(&fail)?);
        }
        let auth = match std::env::var(AUTH_ENV) {
            Ok(pair) if !pair.is_empty() => {
                if !pair.contains(':') {
                    return Err(fail(format!(
                        "{AUTH_ENV} must be USER:PASSWORD (it has no colon)"
                    )));
                }
                use base64::Engine;
                Some(format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(pair)
                ))
            }
            _ => None,
        };
        let cluster = Cluster {
            address,
            agent: agent.build(),
            auth,
        };
        match cluster.exchange("GET", "/", None) {
            Err(NoAnswer::Handshake(how, why)) => {
                Err(fail(handshake_advice(how, &why, ca_file.as_deref())))
            }
            Err(NoAnswer::Unreachable(why)) => Err(fail(format!(
                "cannot reach the cluster ({why}); start it, or check the address"
            ))),
            Ok((200, body)) if body["version"]["distribution"] == "opensearch" => Ok(cluster),
            Ok((401 | 403, _)) => Err(fail(format!(
                "the cluster refused the credentials; set {AUTH_ENV}=USER:PASSWORD"
            ))),
            Ok((status, _)) => Err(fail(format!(
                "this is not OpenSearch (GET / answered HTTP {status} without an OpenSearch version); check the address"
            ))),
        }
    }

    /// One request; `body` is sent as JSON (or NDJSON for `_bulk`).
    pub fn call(&self, method: &str, path: &str, body: Option<&[u8]>) -> Reply {
        match self.exchange(method, path, body) {
            Ok((status, value)) => Reply::Answer(status, value),
            Err(NoAnswer::Unreachable(why)) => Reply::Unreachable(why),
            Err(NoAnswer::Handshake(_, why)) => Reply::Unreachable(format!("TLS: {why}")),
        }
    }

    /// One request: the status and JSON body of its answer.
    fn exchange(
        &self,
        method: &str,
        path: &str,
        body: Option<&[u8]>,
    ) -> Result<(u16, Value), NoAnswer> {
        let url = format!("{}{}", self.address, path);
        let mut request = self.agent.request(method, &url);
        if let Some(auth) = &self.auth {
            request = request.set("Authorization", auth);
        }
        let result = match body {
            Some(bytes) => {
                let kind = if path.contains("_bulk") {
                    "application/x-ndjson"
                } else {
                    "application/json"
                };
                request.set("Content-Type", kind).send_bytes(bytes)
            }
            None => request.call(),
        };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                return Err(match tls_failure(&t) {
                    Some((how, why)) => NoAnswer::Handshake(how, why),
                    None => NoAnswer::Unreachable(t.to_string()),
                })
            }
        };
        let status = response.status();
        let mut text = String::new();
        use std::io::Read;
        if let Err(e) = response.into_reader().read_to_string(&mut text) {
            return Err(NoAnswer::Unreachable(format!("reading the answer: {e}")));
        }
        Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    /// A request that must succeed with a 2xx answer; its JSON body.
    ///
    /// An answer of HTTP 429 (the node's search or write queue is full,
    /// e.g. while a push loads it or under a burst of `serve` requests)
    /// is not a failure yet: the request is sent again with backoff, as
    /// push sends again what `_bulk` could not take, for up to
    /// [`BUSY_WAIT`]; then the 429 is the error. Every `--engine` read
    /// goes through here.
    pub fn expect(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Error> {
        self.expect_within(method, path, body, BUSY_WAIT)
    }

    /// [`Cluster::expect`], sending a request answered 429 again for up to
    /// `busy_wait`.
    fn expect_within(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
        busy_wait: Duration,
    ) -> Result<Value, Error> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        let started = Instant::now();
        let mut backoff = Backoff::default();
        loop {
            match self.call(method, path, bytes.as_deref()) {
                Reply::Answer(200..=299, value) => return Ok(value),
                Reply::Answer(429, _) if started.elapsed() + backoff.delay() <= busy_wait => {
                    std::thread::sleep(backoff.wait());
                }
                other => return Err(self.failed(method, path, other)),
            }
        }
    }

    /// The error for a request that did not succeed.
    pub fn failed(&self, method: &str, path: &str, reply: Reply) -> Error {
        let reason = match reply {
            Reply::Unreachable(why) => format!("{method} {path}: no answer ({why})"),
            Reply::Answer(status, body) => {
                format!("{method} {path}: HTTP {status}: {}", error_reason(&body))
            }
        };
        Error::Cluster {
            address: self.address.clone(),
            reason,
        }
    }
}

/// The TLS settings for an `https://` cluster: the system's roots, plus the
/// certificates of the PEM file `ca` if one is given. The error says what is
/// wrong with the file and what to give instead.
fn tls_config(ca: Option<&Path>) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut roots = rustls::RootCertStore::empty();
    // A system store that cannot be read leaves only the CA file to trust;
    // a certificate it then does not cover fails with advice to set CA_ENV.
    let system = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(system.certs);
    if let Some(ca) = ca {
        let named = format!("the CA file {} (from {CA_ENV})", ca.display());
        let pem = std::fs::read(ca).map_err(|e| {
            format!("cannot read {named}: {e}; set {CA_ENV} to the PEM file of the certificate authority that signed the cluster's certificate")
        })?;
        use rustls_pki_types::pem::PemObject;
        let certs = rustls_pki_types::CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("{named} is not valid PEM ({e}); give the CA's certificate as PEM (-----BEGIN CERTIFICATE-----)"))?;
        if certs.is_empty() {
            return Err(format!(
                "{named} holds no certificate; give the CA's certificate as PEM (-----BEGIN CERTIFICATE-----)"
            ));
        }
        let (added, _) = roots.add_parsable_certificates(certs);
        if added == 0 {
            return Err(format!(
                "{named} holds no usable CA certificate (it does not parse as X.509); give the PEM certificate of the certificate authority"
            ));
        }
    }
    // ring, as ureq's own TLS uses. rustls 0.23.48 deprecates it for lacking
    // post-quantum key exchange; aws-lc-rs has that, but builds a large C
    // library with cmake. Named here rather than left to rustls's process
    // default, which panics if a second provider ever enters the tree.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup failed: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// How a TLS handshake failed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Handshake {
    /// No trusted authority signed the certificate.
    Untrusted,
    /// The certificate is for other names than the address's host.
    WrongName,
    /// The certificate was refused for another reason (expired, revoked…).
    BadCertificate,
    /// Not about the certificate (e.g. no TLS on the other side).
    Failed,
}

/// How and why (rustls's words), if the transport error is a failed TLS
/// handshake.
fn tls_failure(transport: &ureq::Transport) -> Option<(Handshake, String)> {
    // ureq wraps the handshake's io::Error, which wraps rustls's error
    // (reached through `get_ref`: io::Error's `source` skips it).
    let io = std::error::Error::source(transport)?.downcast_ref::<std::io::Error>()?;
    let tls = io.get_ref()?.downcast_ref::<rustls::Error>()?;
    use rustls::CertificateError as C;
    let how = match tls {
        rustls::Error::InvalidCertificate(C::UnknownIssuer | C::BadSignature) => {
            Handshake::Untrusted
        }
        rustls::Error::InvalidCertificate(
            C::NotValidForName | C::NotValidForNameContext { .. },
        ) => Handshake::WrongName,
        rustls::Error::InvalidCertificate(_) => Handshake::BadCertificate,
        _ => Handshake::Failed,
    };
    Some((how, tls.to_string()))
}

/// The message for a TLS handshake that failed `how`, rustls saying `why`.
fn handshake_advice(how: Handshake, why: &str, ca: Option<&std::ffi::OsStr>) -> String {
    match (how, ca) {
        (Handshake::Untrusted, Some(ca)) => format!(
            "the cluster's certificate is not trusted ({why}): neither the CA file {} (from {CA_ENV}) nor the system's roots signed it; set {CA_ENV} to the PEM file of the certificate authority that did",
            Path::new(ca).display()
        ),
        (Handshake::Untrusted, None) => format!(
            "the cluster's certificate is not trusted ({why}); set {CA_ENV} to the PEM file of the certificate authority that signed it (e.g. the cluster's root-ca.pem)"
        ),
        (Handshake::WrongName, _) => format!(
            "the cluster's certificate is not for this host ({why}); connect by a name or IP address that the certificate lists"
        ),
        (Handshake::BadCertificate, _) => format!(
            "the cluster's certificate was refused ({why}); the cluster needs a valid certificate"
        ),
        (Handshake::Failed, _) => format!(
            "the TLS handshake failed ({why}); check that the cluster speaks https on this port (use http:// if it does not)"
        ),
    }
}

/// The `type: reason` of an OpenSearch error body (or the body itself).
pub fn error_reason(body: &Value) -> String {
    let error = &body["error"];
    match (error["type"].as_str(), error["reason"].as_str()) {
        (Some(kind), Some(reason)) => format!("{kind}: {reason}"),
        _ if error.is_string() => error.as_str().unwrap_or_default().to_string(),
        _ if body.is_null() => "no JSON in the answer".to_string(),
        _ => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_reasons_read_opensearch_error_bodies() {
        let body = serde_json::json!({
            "error": {"type": "mapper_parsing_exception", "reason": "failed to parse field [start]"},
            "status": 400
        });
        assert_eq!(
            error_reason(&body),
            "mapper_parsing_exception: failed to parse field [start]"
        );
        assert_eq!(error_reason(&Value::Null), "no JSON in the answer");
    }

    /// A local HTTP server that answers its requests, one per connection,
    /// with `statuses` in turn (the last one ever after), each with a JSON
    /// body naming its status; its address and how many it answered.
    fn answering(statuses: &'static [u16]) -> (String, Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{BufRead, BufReader, Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let answered = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = Arc::clone(&answered);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(&mut stream);
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':') {
                        if name.eq_ignore_ascii_case("content-length") {
                            length = value.trim().parse().unwrap_or(0);
                        }
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let n = count.fetch_add(1, Ordering::SeqCst);
                let status = statuses[n.min(statuses.len() - 1)];
                let answer = format!("{{\"status\":{status}}}");
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
            }
        });
        (address, answered)
    }

    fn cluster_at(address: &str) -> Cluster {
        Cluster {
            address: address.to_string(),
            agent: ureq::AgentBuilder::new().build(),
            auth: None,
        }
    }

    #[test]
    fn a_wait_after_429_is_jittered_within_half_of_the_delay() {
        let delay = Duration::from_millis(800);
        let waits: Vec<Duration> = (0..50).map(|_| jittered(delay)).collect();
        assert!(waits.iter().all(|w| *w >= delay / 2 && *w <= delay));
        let first = waits[0];
        assert!(
            waits.iter().any(|w| *w != first),
            "50 waits were all {first:?}: no jitter"
        );
    }

    #[test]
    fn a_request_answered_too_many_requests_is_sent_again() {
        let (address, answered) = answering(&[429, 429, 200]);
        let body = serde_json::json!({ "size": 0 });
        let answer = cluster_at(&address)
            .expect("POST", "/news-passages/_search", Some(&body))
            .unwrap();
        assert_eq!(answer["status"], 200);
        assert_eq!(answered.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[test]
    fn a_cluster_that_stays_busy_is_an_error_once_the_wait_is_over() {
        let (address, answered) = answering(&[429]);
        let started = Instant::now();
        let Err(Error::Cluster { reason, .. }) = cluster_at(&address).expect_within(
            "POST",
            "/news-passages/_search",
            None,
            Duration::from_millis(1000),
        ) else {
            panic!("a cluster answering 429 throughout gave an answer");
        };
        assert!(reason.contains("HTTP 429"), "{reason}");
        // Sent again after 250 and 500 ms; not after 1 s more, past the
        // wait.
        assert_eq!(answered.load(std::sync::atomic::Ordering::SeqCst), 3);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn other_failures_are_not_sent_again() {
        let (address, answered) = answering(&[503, 200]);
        let err = cluster_at(&address)
            .expect("GET", "/news-passages/_count", None)
            .unwrap_err();
        assert!(err.to_string().contains("HTTP 503"), "{err}");
        assert_eq!(answered.load(std::sync::atomic::Ordering::SeqCst), 1);
    }

    #[test]
    fn only_http_and_https_addresses_are_taken() {
        let Err(Error::Cluster { address, reason }) = Cluster::connect("localhost:9200/") else {
            panic!("a bare host was taken");
        };
        assert_eq!(address, "localhost:9200");
        assert!(reason.contains("http://HOST:PORT"), "{reason}");
        assert!(reason.contains("https://HOST:PORT"), "{reason}");
    }

    #[test]
    fn a_ca_file_that_is_missing_or_not_pem_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let err = tls_config(Some(&missing)).unwrap_err();
        assert!(err.contains(&missing.display().to_string()), "{err}");
        assert!(err.contains(CA_ENV) && err.contains("cannot read"), "{err}");

        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a certificate\n").unwrap();
        let err = tls_config(Some(&text)).unwrap_err();
        assert!(err.contains(&text.display().to_string()), "{err}");
        assert!(err.contains("holds no certificate"), "{err}");

        let broken = dir.path().join("broken.pem");
        std::fs::write(
            &broken,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let err = tls_config(Some(&broken)).unwrap_err();
        assert!(err.contains("no usable CA certificate"), "{err}");
    }
}
