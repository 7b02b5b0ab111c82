//! A small blocking client for an OpenSearch cluster: the handful of REST
//! calls `push` (and `--engine`) make, JSON in and out, over `ureq`.
//!
//! Every failure becomes an [`Error::Cluster`] (exit 5) or
//! [`Error::ClusterIndex`] (exit 3) naming the cluster's address and what to
//! do, never a bare transport error. Credentials come from the environment
//! ([`AUTH_ENV`]), never from the command line.

use crate::error::Error;
use serde_json::Value;
use std::time::Duration;

/// `USER:PASSWORD` for HTTP basic authentication to the cluster.
pub const AUTH_ENV: &str = "NEWSIDX_ENGINE_AUTH";

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
    /// No HTTP answer: the connection failed or timed out.
    Unreachable(String),
}

impl Cluster {
    /// Connects to the cluster at `address` (`http://HOST:PORT`) and checks
    /// that OpenSearch answers there.
    pub fn connect(address: &str) -> Result<Cluster, Error> {
        let address = address.trim_end_matches('/').to_string();
        let named = address.clone();
        let fail = move |reason: String| Error::Cluster {
            address: named.clone(),
            reason,
        };
        if !address.starts_with("http://") {
            return Err(fail(
                "not an http:// address; give the cluster as http://HOST:PORT".to_string(),
            ));
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
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .build();
        let cluster = Cluster {
            address,
            agent,
            auth,
        };
        match cluster.call("GET", "/", None) {
            Reply::Unreachable(why) => Err(fail(format!(
                "cannot reach the cluster ({why}); start it, or check the address"
            ))),
            Reply::Answer(200, body) if body["version"]["distribution"] == "opensearch" => {
                Ok(cluster)
            }
            Reply::Answer(401 | 403, _) => Err(fail(format!(
                "the cluster refused the credentials; set {AUTH_ENV}=USER:PASSWORD"
            ))),
            Reply::Answer(status, _) => Err(fail(format!(
                "this is not OpenSearch (GET / answered HTTP {status} without an OpenSearch version); check the address"
            ))),
        }
    }

    /// One request; `body` is sent as JSON (or NDJSON for `_bulk`).
    pub fn call(&self, method: &str, path: &str, body: Option<&[u8]>) -> Reply {
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
            Err(ureq::Error::Transport(t)) => return Reply::Unreachable(t.to_string()),
        };
        let status = response.status();
        let mut text = String::new();
        use std::io::Read;
        if let Err(e) = response.into_reader().read_to_string(&mut text) {
            return Reply::Unreachable(format!("reading the answer: {e}"));
        }
        Reply::Answer(status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A request that must succeed with a 2xx answer; its JSON body.
    pub fn expect(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, Error> {
        let bytes = body.map(|b| b.to_string().into_bytes());
        match self.call(method, path, bytes.as_deref()) {
            Reply::Answer(200..=299, value) => Ok(value),
            other => Err(self.failed(method, path, other)),
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

    #[test]
    fn only_http_addresses_are_taken() {
        let Err(Error::Cluster { address, reason }) = Cluster::connect("localhost:9200/") else {
            panic!("a bare host was taken");
        };
        assert_eq!(address, "localhost:9200");
        assert!(reason.contains("http://HOST:PORT"), "{reason}");
    }
}
