//! newsidx on a real OpenSearch cluster (issue 22): the cluster that
//! tests/cluster/cluster.sh starts (3 nodes; NEWSIDX_TEST_CLUSTER_NODES
//! changes that while developing), once for this whole file, and a second
//! one of its own for the test that kills a node.
//!
//! Without java or mvn the tests are skipped with a message, except under
//! CI=true, where a cluster that cannot start fails them. Each test pushes
//! under its own `--name` and waits only on its own indexes' health, so
//! they can share the cluster.

mod common;

use common::serve::{Corpus, Server};
use common::webdriver::{Browser, Session};
use common::{bbc_corpus, TestEnv};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

struct Cluster {
    address: String,
    dir: PathBuf,
    nodes: usize,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// No index is at this path of a test's folder: `serve --engine` is given it
/// to show that it opens (and makes) no local index.
const NO_INDEX: &str = "no-index-here";

/// `serve --engine ADDRESS --engine-name NAME` on a free port.
fn serve_engine(env: &TestEnv, address: &str, name: &str) -> Server {
    Server::start_with(
        &env.path(NO_INDEX),
        &[
            "--addr",
            "127.0.0.1:0",
            "--engine",
            address,
            "--engine-name",
            name,
        ],
    )
}

/// The cluster the tests share.
fn cluster() -> Option<&'static Cluster> {
    CLUSTER
        .get_or_init(|| {
            let nodes = std::env::var("NEWSIDX_TEST_CLUSTER_NODES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(3);
            start(nodes, "shared")
        })
        .as_ref()
}

/// Starts a cluster of `nodes` nodes in a folder named after this process
/// and `tag`; `None` (with a message) without java or mvn outside CI.
fn start(nodes: usize, tag: &str) -> Option<Cluster> {
    let have = |tool: &str| Command::new(tool).arg("-version").output().is_ok();
    let tools = have("java") && have("mvn");
    if !tools && !in_ci() {
        eprintln!("SKIPPED: tests/cluster.rs needs java (17) and mvn to start OpenSearch; install them (apt-get install openjdk-17-jdk-headless maven) to run these tests");
        return None;
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    // Folders of earlier runs whose test process is gone.
    for entry in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix("cluster-") {
            let pid = rest.split('-').next().unwrap_or_default();
            if !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = tmp.join(format!("cluster-{}-{tag}", std::process::id()));
    let out = Command::new("bash")
        .arg(script())
        .arg("start")
        .arg(nodes.to_string())
        .arg(&dir)
        .env("NEWSIDX_CLUSTER_PARENT", std::process::id().to_string())
        .output()
        .expect("run cluster.sh");
    assert!(
        out.status.success(),
        "the test cluster did not start:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let address = String::from_utf8(out.stdout)
        .expect("utf8")
        .trim()
        .to_string();
    assert!(address.starts_with("http://127.0.0.1:"), "{address}");
    Some(Cluster {
        address,
        dir,
        nodes,
    })
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cluster/cluster.sh")
}

/// A cluster one test owns: stopped when it is dropped.
struct OwnCluster(Cluster);

impl Drop for OwnCluster {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(script())
            .arg("stop")
            .arg(&self.0.dir)
            .output();
    }
}

fn http(method: &str, url: &str, body: Option<Value>) -> (u16, Value) {
    let request = ureq::request(method, url);
    let result = match body {
        Some(b) => request.send_json(b),
        None => request.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = response.status();
    (status, response.into_json().unwrap_or(Value::Null))
}

impl Cluster {
    fn get(&self, path: &str) -> Value {
        let (status, body) = http("GET", &format!("{}{path}", self.address), None);
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    fn count(&self, index: &str) -> u64 {
        self.get(&format!("/{index}/_count"))["count"]
            .as_u64()
            .expect("count")
    }

    /// Every document of `index`, by id (in pages, in id order).
    fn documents(&self, index: &str) -> BTreeMap<String, Value> {
        let mut out = BTreeMap::new();
        let mut after: Option<Value> = None;
        loop {
            let mut query = serde_json::json!({
                "size": 1000,
                "sort": [{"id": "asc"}],
                "query": {"match_all": {}}
            });
            if let Some(a) = &after {
                query["search_after"] = a.clone();
            }
            let (status, body) = http(
                "POST",
                &format!("{}/{index}/_search", self.address),
                Some(query),
            );
            assert_eq!(status, 200, "{body}");
            let hits = body["hits"]["hits"].as_array().expect("hits").clone();
            if hits.is_empty() {
                return out;
            }
            for hit in &hits {
                let id = hit["_id"].as_str().expect("_id").to_string();
                assert_eq!(hit["_source"]["id"], id.as_str());
                assert!(out.insert(id, hit["_source"].clone()).is_none());
            }
            after = Some(hits.last().unwrap()["sort"].clone());
        }
    }

    fn pid(&self, node: usize) -> i32 {
        std::fs::read_to_string(self.dir.join(format!("node-{node}/pid")))
            .expect("node pid file")
            .trim()
            .parse()
            .expect("pid")
    }

    /// Waits (on the cluster's side, in rounds) until `indexes` (a comma
    /// list) are green; panics with their health if they are not within
    /// ten minutes.
    fn wait_green(&self, indexes: &str) {
        let mut last = Value::Null;
        for _ in 0..20 {
            let (status, health) = http(
                "GET",
                &format!(
                    "{}/_cluster/health/{indexes}?wait_for_status=green&timeout=30s",
                    self.address
                ),
                None,
            );
            if status == 200 && health["status"] == "green" {
                return;
            }
            last = health;
        }
        panic!("{indexes} not green after 10 minutes: {last}");
    }
}

fn push(env: &TestEnv, cluster: &Cluster, name: &str) -> Value {
    let out = env
        .cmd()
        .args(["push", "--json", "--to", &cluster.address, "--name", name])
        .args(["--shards", "3", "--replicas", "1"])
        .output()
        .expect("run push");
    assert_eq!(
        out.status.code(),
        Some(0),
        "push failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("push --json")
}

/// The counts of `stats`: (statements, articles).
fn local_counts(env: &TestEnv) -> (u64, u64) {
    let stats = env.stats();
    (
        stats["statements"].as_u64().expect("statements"),
        stats["articles"].as_u64().expect("articles"),
    )
}

/// The passages of `stats`.
fn local_passages(env: &TestEnv) -> u64 {
    env.stats()["passages"].as_u64().expect("passages")
}

/// OpenSearch 2.19 answers, every node has joined, and an index with a
/// copy of its shard on each node becomes green (its own index: the
/// cluster-wide health is not this test's, other tests create indexes).
#[test]
fn the_test_cluster_is_opensearch_with_every_node() {
    let Some(cluster) = cluster() else { return };
    let root = cluster.get("/");
    assert_eq!(root["version"]["distribution"], "opensearch");
    assert!(
        root["version"]["number"]
            .as_str()
            .unwrap()
            .starts_with("2.19."),
        "{root}"
    );
    let nodes = cluster.get("/_nodes/http");
    assert_eq!(nodes["_nodes"]["total"], cluster.nodes, "{nodes}");
    let (status, body) = http(
        "PUT",
        &format!("{}/t-nodes", cluster.address),
        Some(serde_json::json!({"settings": {"index": {
            "number_of_shards": 1,
            "number_of_replicas": cluster.nodes - 1
        }}})),
    );
    assert_eq!(status, 200, "{body}");
    cluster.wait_green("t-nodes");
    let shards = cluster.get("/_cat/shards/t-nodes?format=json");
    let mut on: Vec<&str> = shards
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["node"].as_str().unwrap())
        .collect();
    on.sort();
    on.dedup();
    assert_eq!(on.len(), cluster.nodes, "{shards}");
}

/// Push, push again (nothing sent, nothing duplicated), then change, add
/// and delete articles locally and push: the cluster holds exactly what a
/// fresh push of the changed index holds.
#[test]
fn pushes_send_what_changed_and_match_a_fresh_push() {
    let Some(cluster) = cluster() else { return };
    let env = TestEnv::with_samples();
    env.index_articles();
    let (statements, articles) = local_counts(&env);
    let passages = local_passages(&env);
    assert!(statements > 5, "{statements}");
    let first = push(&env, cluster, "t-changes");
    assert_eq!(first["statements_sent"], statements);
    assert_eq!(first["articles_sent"], articles);
    assert_eq!(first["passages_sent"], passages);
    assert_eq!(cluster.count("t-changes-statements"), statements);
    assert_eq!(cluster.count("t-changes-articles"), articles);
    assert_eq!(cluster.count("t-changes-passages"), passages);

    let second = push(&env, cluster, "t-changes");
    assert_eq!(second["statements_sent"], 0);
    assert_eq!(second["articles_sent"], 0);
    assert_eq!(second["passages_sent"], 0);
    assert_eq!(second["unchanged"], statements + articles + passages);
    assert_eq!(cluster.count("t-changes-statements"), statements);

    // Change one article, delete another, add a new one.
    let mut files: Vec<PathBuf> = std::fs::read_dir(env.path("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    std::fs::remove_file(&files[0]).unwrap();
    let changed = std::fs::read_to_string(&files[1]).unwrap();
    std::fs::write(
        &files[1],
        changed.replacen("said", "told reporters", 1)
            + "\n\n\"We will not give up,\" said Maria Keller.\n",
    )
    .unwrap();
    env.write(
        "articles/new-article.txt",
        "Title: Harbour reopens\nSource: Test Wire\nDate: 2025-12-20\n\n\"The harbour is open again,\" said Port Director Ana Silva on Friday.\n",
    );
    env.index_articles();
    let (statements, articles) = local_counts(&env);
    let third = push(&env, cluster, "t-changes");
    assert!(third["deleted"].as_u64().unwrap() > 0, "{third}");
    assert!(third["statements_sent"].as_u64().unwrap() > 0, "{third}");
    assert!(
        third["unchanged"].as_u64().unwrap() > 0,
        "only the changes are sent: {third}"
    );
    assert_eq!(cluster.count("t-changes-statements"), statements);
    assert_eq!(cluster.count("t-changes-articles"), articles);
    assert_eq!(cluster.count("t-changes-passages"), local_passages(&env));

    let fresh = push(&env, cluster, "t-fresh");
    assert_eq!(fresh["unchanged"], 0);
    for kind in ["statements", "articles", "passages"] {
        assert_eq!(
            cluster.documents(&format!("t-changes-{kind}")),
            cluster.documents(&format!("t-fresh-{kind}")),
            "{kind} differ from a fresh push"
        );
    }
}

/// A push of the whole BBC corpus: the cluster's counts equal `stats`.
#[test]
fn bbc_push_counts_equal_stats() {
    let Some(cluster) = cluster() else { return };
    let Some(bbc) = bbc_corpus() else { return };
    let env = TestEnv::new();
    env.cmd().arg("index").arg(&bbc).assert().success();
    let (statements, articles) = local_counts(&env);
    assert!(articles > 2000, "{articles}");
    let report = push(&env, cluster, "t-bbc");
    assert_eq!(report["statements_sent"], statements);
    assert_eq!(cluster.count("t-bbc-statements"), statements);
    assert_eq!(cluster.count("t-bbc-articles"), articles);
    assert_eq!(cluster.count("t-bbc-passages"), local_passages(&env));
}

/// A server on a free port that answers every request with `reply`.
fn fake_server(reply: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    address
}

fn push_fails(env: &TestEnv, address: &str, name: &str) -> (i32, String) {
    let out = env
        .cmd()
        .args(["push", "--to", address, "--name", name])
        .output()
        .expect("run push");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A cluster that is down, an address that is not OpenSearch and a
/// mapping conflict each end the push with an error naming the address
/// (exit 5, or 3 for the index), and nothing is pushed.
#[test]
fn push_errors_name_the_address_and_send_nothing() {
    let env = TestEnv::with_samples();
    env.index_articles();

    let down = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let (code, stderr) = push_fails(&env, &down, "t-errors");
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains(&down) && stderr.contains("cannot reach"),
        "{stderr}"
    );

    let not_opensearch = fake_server(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    let (code, stderr) = push_fails(&env, &not_opensearch, "t-errors");
    assert_eq!(code, 5, "{stderr}");
    assert!(
        stderr.contains(&not_opensearch) && stderr.contains("not OpenSearch"),
        "{stderr}"
    );

    let Some(cluster) = cluster() else { return };
    // Somebody else's index under the name push would use.
    let (status, body) = http(
        "PUT",
        &format!("{}/t-conflict-statements", cluster.address),
        Some(serde_json::json!({"mappings": {"properties": {"text": {"type": "keyword"}}}})),
    );
    assert_eq!(status, 200, "{body}");
    let (code, stderr) = push_fails(&env, &cluster.address, "t-conflict");
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(&cluster.address) && stderr.contains("t-conflict-statements"),
        "{stderr}"
    );
    assert!(stderr.contains("`text`"), "{stderr}");
    assert_eq!(cluster.count("t-conflict-statements"), 0);
    for other in ["articles", "passages"] {
        let (status, _) = http(
            "GET",
            &format!("{}/t-conflict-{other}", cluster.address),
            None,
        );
        assert_eq!(status, 404, "nothing was created for the {other}");
    }
}

/// A certificate authority made for a test, and a server certificate for
/// 127.0.0.1 that it signed.
struct TestCa {
    ca_pem: String,
    server_cert: rustls::pki_types::CertificateDer<'static>,
    server_key: Vec<u8>,
}

fn make_ca(name: &str) -> TestCa {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name.push(DnType::CommonName, name);
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca = ca.self_signed(&ca_key).unwrap();
    let server_key = KeyPair::generate().unwrap();
    let mut server =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).unwrap();
    server
        .distinguished_name
        .push(DnType::CommonName, "newsidx test node");
    let server = server.signed_by(&server_key, &ca, &ca_key).unwrap();
    TestCa {
        ca_pem: ca.pem(),
        server_cert: server.der().clone(),
        server_key: server_key.serialize_der(),
    }
}

impl TestCa {
    /// A TLS server configuration with this CA's server certificate.
    fn server_config(&self) -> std::sync::Arc<rustls::ServerConfig> {
        #[allow(deprecated)] // ring has no post-quantum key exchange; enough here
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![self.server_cert.clone()],
                rustls::pki_types::PrivateKeyDer::Pkcs8(self.server_key.clone().into()),
            )
            .unwrap();
        std::sync::Arc::new(config)
    }
}

/// One request as the https server saw it.
struct Seen {
    request_line: String,
    authorization: Option<String>,
    /// For `_bulk`: the index of each document sent.
    bulk_indexes: Vec<String>,
}

/// A local https:// server with `ca`'s server certificate that answers the
/// requests of a push as a one-node OpenSearch does, only to requests with
/// `Authorization: Basic base64(auth)` (401 otherwise). Returns its address
/// and what it saw.
fn https_opensearch(
    ca: &TestCa,
    auth: &'static str,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use base64::Engine;
    use std::io::{BufRead, BufReader};
    let config = ca.server_config();
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(auth)
    );
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("https://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        let mut mappings: BTreeMap<String, Value> = BTreeMap::new();
        for tcp in listener.incoming() {
            let Ok(tcp) = tcp else { continue };
            let tls = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut stream = rustls::StreamOwned::new(tls, tcp);
            // A client that does not trust the certificate ends the
            // handshake here: the read fails and the next one is served.
            let mut reader = BufReader::new(&mut stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let (mut length, mut authorization) = (0usize, None);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap_or_default();
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap(),
                    "authorization" => authorization = Some(value.trim().to_string()),
                    _ => {}
                }
            }
            let mut body = vec![0u8; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            let mut parts = request_line.split(' ');
            let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let resource = path.split('?').next().unwrap_or("").to_string();
            let mut bulk_indexes = Vec::new();
            let (status, answer) = if authorization.as_deref() != Some(expected.as_str()) {
                (
                    401,
                    serde_json::json!({"error": {"type": "security_exception", "reason": "missing authentication credentials"}, "status": 401}),
                )
            } else if method == "GET" && resource == "/" {
                (
                    200,
                    serde_json::json!({"name": "tls-node", "cluster_name": "newsidx-tls",
                        "version": {"distribution": "opensearch", "number": "2.19.1"}}),
                )
            } else if method == "GET" && resource.ends_with("/_mapping") {
                let index = resource
                    .trim_start_matches('/')
                    .trim_end_matches("/_mapping");
                match mappings.get(index) {
                    Some(mapping) => (200, serde_json::json!({ index: mapping })),
                    None => (
                        404,
                        serde_json::json!({"error": {"type": "index_not_found_exception", "reason": "no such index"}, "status": 404}),
                    ),
                }
            } else if method == "PUT" {
                let created: Value = serde_json::from_slice(&body).unwrap();
                let index = resource.trim_start_matches('/').to_string();
                mappings.insert(index, serde_json::json!({"mappings": created["mappings"]}));
                (200, serde_json::json!({"acknowledged": true}))
            } else if method == "GET" && resource.starts_with("/_cluster/health") {
                (
                    200,
                    serde_json::json!({"status": "green", "timed_out": false, "number_of_data_nodes": 1}),
                )
            } else if method == "POST" && resource == "/_bulk" {
                let text = String::from_utf8(body).unwrap();
                let mut lines = text.lines();
                let mut items = Vec::new();
                while let Some(action) = lines.next() {
                    let action: Value = serde_json::from_str(action).unwrap();
                    let (op, target) = action.as_object().unwrap().iter().next().unwrap();
                    if op == "index" {
                        lines.next();
                    }
                    let index = target["_index"].as_str().unwrap().to_string();
                    items.push(serde_json::json!({ op.as_str(): {"_index": index, "_id": target["_id"], "status": 201} }));
                    bulk_indexes.push(index);
                }
                (200, serde_json::json!({"errors": false, "items": items}))
            } else if method == "POST" && resource.ends_with("/_refresh") {
                (
                    200,
                    serde_json::json!({"_shards": {"total": 1, "successful": 1, "failed": 0}}),
                )
            } else {
                (
                    400,
                    serde_json::json!({"error": format!("unexpected {method} {path}")}),
                )
            };
            log.lock().unwrap().push(Seen {
                request_line: request_line.trim().to_string(),
                authorization,
                bulk_indexes,
            });
            let text = answer.to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
            stream.conn.send_close_notify();
            let _ = stream.flush();
        }
    });
    (address, seen)
}

/// `push` to an https:// cluster whose certificate a CA file signed: with
/// the file in NEWSIDX_ENGINE_CA it connects and sends every record, with
/// basic auth on every request; without it, with another CA's file or with
/// a file that is missing, it stops with exit 5, naming the address, the
/// variable (and the file), and sends nothing.
#[test]
fn push_over_https_trusts_the_ca_file_and_sends_basic_auth() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let (statements, articles) = local_counts(&env);
    let ca = make_ca("newsidx test CA");
    let (address, seen) = https_opensearch(&ca, "newsroom:s3cret pass");
    env.write("ca.pem", &ca.ca_pem);
    env.write("other-ca.pem", &make_ca("another CA").ca_pem);
    let ca_file = env.path("ca.pem");
    let push = |ca_file: Option<&Path>, name: &str| {
        let mut cmd = env.cmd();
        cmd.args(["push", "--json", "--to", &address, "--name", name])
            .env("NEWSIDX_ENGINE_AUTH", "newsroom:s3cret pass")
            .env_remove("NEWSIDX_ENGINE_CA")
            // Only the test's CA may be trusted, whatever the machine's roots.
            .env("SSL_CERT_FILE", env.path("no-system-roots.pem"))
            .env_remove("SSL_CERT_DIR");
        if let Some(file) = ca_file {
            cmd.env("NEWSIDX_ENGINE_CA", file);
        }
        cmd.output().expect("run push")
    };
    // Without the CA file: the certificate is not trusted.
    let out = push(None, "t-tls");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    for part in [address.as_str(), "not trusted", "NEWSIDX_ENGINE_CA"] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    // A CA that did not sign it, and a file that is not there.
    let other = env.path("other-ca.pem");
    let out = push(Some(&other), "t-tls");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    for part in [
        address.as_str(),
        "not trusted",
        "other-ca.pem",
        "NEWSIDX_ENGINE_CA",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    let missing = env.path("missing-ca.pem");
    let out = push(Some(&missing), "t-tls");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    for part in [
        address.as_str(),
        "missing-ca.pem",
        "NEWSIDX_ENGINE_CA",
        "cannot read",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    assert!(seen.lock().unwrap().is_empty(), "no request got through");

    // With it: connected, every record sent, with the credentials.
    let out = push(Some(&ca_file), "t-tls");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("push --json");
    assert_eq!(report["statements_sent"], statements);
    assert_eq!(report["articles_sent"], articles);
    let requests = seen.lock().unwrap();
    let sent_to = |index: &str| {
        requests
            .iter()
            .flat_map(|s| &s.bulk_indexes)
            .filter(|i| *i == index)
            .count() as u64
    };
    assert_eq!(sent_to("t-tls-statements"), statements);
    assert_eq!(sent_to("t-tls-articles"), articles);
    assert!(requests.len() > 3, "{}", requests.len());
    let expected = "Basic bmV3c3Jvb206czNjcmV0IHBhc3M="; // newsroom:s3cret pass
    for request in requests.iter() {
        assert_eq!(
            request.authorization.as_deref(),
            Some(expected),
            "{}",
            request.request_line
        );
    }
    drop(requests);

    // Wrong credentials over https: refused, named.
    let out = env
        .cmd()
        .args(["push", "--to", &address, "--name", "t-tls"])
        .env("NEWSIDX_ENGINE_AUTH", "newsroom:wrong")
        .env("NEWSIDX_ENGINE_CA", &ca_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains(&address) && stderr.contains("NEWSIDX_ENGINE_AUTH"),
        "{stderr}"
    );
}

/// Reads one HTTP request from `client`, passes it on to the plain-http
/// `cluster`, hands its request line and body to `log`, and writes the
/// cluster's answer back (one request per connection). `false` if the
/// client left before its request was whole.
fn forward_one(
    client: &mut (impl Read + Write),
    cluster: &str,
    log: impl FnOnce(&str, &[u8]),
) -> bool {
    use std::io::{BufRead, BufReader};
    let mut reader = BufReader::new(&mut *client);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return false;
    }
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap_or_default();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() {
        return false;
    }
    let mut parts = request_line.split(' ');
    let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let request = ureq::request(method, &format!("{cluster}{path}"));
    let result = if body.is_empty() {
        request.call()
    } else {
        request
            .set("Content-Type", "application/json")
            .send_bytes(&body)
    };
    let response = match result {
        Ok(r) | Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {path} to the cluster: {e}"),
    };
    let status = response.status();
    let mut answer = Vec::new();
    response.into_reader().read_to_end(&mut answer).unwrap();
    log(request_line.trim(), &body);
    let _ = write!(
        client,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    );
    if method != "HEAD" {
        let _ = client.write_all(&answer);
    }
    true
}

/// A local https:// server with `ca`'s server certificate that passes each
/// request on to the plain-http `cluster` and its answer back, as a TLS
/// front of a real cluster does. Returns its address and the request lines
/// it forwarded.
fn https_front(
    ca: &TestCa,
    cluster: &str,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let config = ca.server_config();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("https://{}", listener.local_addr().unwrap());
    let cluster = cluster.to_string();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for tcp in listener.incoming() {
            let Ok(tcp) = tcp else { continue };
            let tls = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut stream = rustls::StreamOwned::new(tls, tcp);
            // A client that does not trust the certificate ends the
            // handshake here: the read fails and the next one is served.
            let forwarded = forward_one(&mut stream, &cluster, |line, _| {
                log.lock().unwrap().push(line.to_string())
            });
            if forwarded {
                stream.conn.send_close_notify();
                let _ = stream.flush();
            }
        }
    });
    (address, seen)
}

/// The request lines and bodies a [`counting_front`] forwarded.
type Forwarded = std::sync::Arc<std::sync::Mutex<Vec<(String, Vec<u8>)>>>;

/// How many searches of the passages of cluster index `name` among `seen`
/// ask which values the records hold in `field` (the composite
/// aggregation `engine` reads the languages present and the outlets with,
/// see `engine::search::languages_present` and `engine::Engine::filters`).
fn lookups_of(seen: &Forwarded, name: &str, field: &str) -> usize {
    let passages = format!("POST /{name}-passages/_search");
    seen.lock()
        .unwrap()
        .iter()
        .filter(|(line, body)| {
            line.starts_with(&passages)
                && serde_json::from_slice::<Value>(body).is_ok_and(|body| {
                    body["aggs"]["all"]["composite"]["sources"][0]["v"]["terms"]["field"] == field
                })
        })
        .count()
}

/// A local http:// front of `cluster` that passes each request on and
/// keeps it: its address, and the request lines and bodies it forwarded.
fn counting_front(cluster: &str) -> (String, Forwarded) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let cluster = cluster.to_string();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for tcp in listener.incoming() {
            let Ok(mut tcp) = tcp else { continue };
            let log = log.clone();
            let cluster = cluster.clone();
            std::thread::spawn(move || {
                forward_one(&mut tcp, &cluster, |line, body| {
                    log.lock().unwrap().push((line.to_string(), body.to_vec()))
                });
            });
        }
    });
    (address, seen)
}

/// `search --engine` and `quotes --engine` (by speaker, and with words) on an
/// https:// cluster whose certificate a CA file signed: with the file in
/// NEWSIDX_ENGINE_CA their output is that of the same cluster over plain
/// http; with another CA's file, or none, exit 5 naming the address, the
/// variable and "not trusted", and no request gets through.
#[test]
fn engine_reads_over_https_trust_the_ca_file() {
    let Some(cluster) = cluster() else { return };
    let env = TestEnv::with_samples();
    env.index_articles();
    push(&env, cluster, "t-tls-read");
    let ca = make_ca("newsidx read CA");
    let (front, seen) = https_front(&ca, &cluster.address);
    env.write("ca.pem", &ca.ca_pem);
    env.write("other-ca.pem", &make_ca("another CA").ca_pem);
    let (_, speakers, _) = run(&env, &["speakers", "--json"], None);
    let speaker = json_lines(&speakers)[0]["name"]
        .as_str()
        .expect("a speaker in the samples")
        .to_string();
    let over = |address: &str, ca_file: Option<&str>, args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.args(args)
            .args(["--engine", address, "--engine-name", "t-tls-read"])
            .env_remove("NEWSIDX_ENGINE_CA")
            // Only the test's CA may be trusted, whatever the machine's roots.
            .env("SSL_CERT_FILE", env.path("no-system-roots.pem"))
            .env_remove("SSL_CERT_DIR");
        if let Some(file) = ca_file {
            cmd.env("NEWSIDX_ENGINE_CA", env.path(file));
        }
        let out = cmd.output().expect("run newsidx");
        (
            out.status.code().expect("exit code"),
            String::from_utf8(out.stdout).expect("utf8"),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let commands: Vec<Vec<&str>> = vec![
        vec!["search", "security", "--json"],
        vec!["search", "peace"],
        vec!["quotes", "--speaker", &speaker, "--json"],
        vec!["quotes", "security", "--speaker", &speaker, "--json"],
    ];
    for args in &commands {
        for ca_file in [None, Some("other-ca.pem")] {
            let (code, stdout, stderr) = over(&front, ca_file, args);
            assert_eq!(code, 5, "{args:?} {ca_file:?}: {stderr}");
            assert!(stdout.is_empty(), "{stdout}");
            for part in [front.as_str(), "not trusted", "NEWSIDX_ENGINE_CA"] {
                assert!(
                    stderr.contains(part),
                    "{args:?} {ca_file:?} {part}: {stderr}"
                );
            }
        }
    }
    assert!(seen.lock().unwrap().is_empty(), "no request got through");

    for args in &commands {
        let (code, plain, stderr) = over(&cluster.address, None, args);
        assert_eq!(code, 0, "{args:?} over http: {stderr}");
        assert!(!plain.trim().is_empty(), "{args:?} finds something");
        let (code, https, stderr) = over(&front, Some("ca.pem"), args);
        assert_eq!(code, 0, "{args:?} over https: {stderr}");
        assert_same_lines(&plain, &https, &format!("{args:?} over https"));
    }
    let requests = seen.lock().unwrap();
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("POST /t-tls-read-passages/_search")),
        "{requests:?}"
    );
    assert!(
        requests
            .iter()
            .any(|r| r.starts_with("POST /t-tls-read-statements/_search")),
        "{requests:?}"
    );
}

/// SIGKILL one node while the BBC corpus is being pushed: the push
/// completes (or a second push resumes it), and once the cluster is green
/// again it holds every statement and article exactly once.
#[test]
fn a_node_killed_during_a_push_loses_and_duplicates_nothing() {
    let Some(bbc) = bbc_corpus() else { return };
    let nodes = std::env::var("NEWSIDX_TEST_CLUSTER_NODES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    if nodes < 3 {
        eprintln!(
            "SKIPPED: killing a node needs 3-node clusters (NEWSIDX_TEST_CLUSTER_NODES is {nodes})"
        );
        return;
    }
    let env = TestEnv::new();
    env.cmd().arg("index").arg(&bbc).assert().success();
    let (statements, articles) = local_counts(&env);
    // A cluster of its own: the other tests never see a node vanish.
    let Some(own) = start(3, "kill") else { return };
    let own = OwnCluster(own);
    let cluster = &own.0;
    let push = [
        "push",
        "--quiet",
        "--to",
        &cluster.address,
        "--name",
        "t-kill",
    ];
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsidx"))
        .current_dir(env.dir.path())
        .env("NO_COLOR", "1")
        .args(["--index", env.index_dir().to_str().unwrap()])
        .args(push)
        .spawn()
        .expect("start push");
    // Kill the last node once the cluster has acknowledged some records
    // (the push-state file beside the index has lines).
    let state_prefix = "index.push-t-kill-";
    loop {
        let written = std::fs::read_dir(env.dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(state_prefix))
            .any(|e| e.metadata().map(|m| m.len() > 0).unwrap_or(false));
        if written {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("push ended before the kill: {status}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let victim = cluster.pid(cluster.nodes - 1);
    assert_eq!(unsafe { libc::kill(victim, libc::SIGKILL) }, 0);
    let status = child.wait().unwrap();
    if !status.success() {
        // Stopped half-way: a second push resumes it.
        let again = env.cmd().args(push).output().unwrap();
        assert!(
            again.status.success(),
            "the resumed push failed: {}",
            String::from_utf8_lossy(&again.stderr)
        );
    }
    cluster.wait_green("t-kill-statements,t-kill-articles,t-kill-passages");
    http(
        "POST",
        &format!(
            "{}/t-kill-statements,t-kill-articles,t-kill-passages/_refresh",
            cluster.address
        ),
        None,
    );
    assert_eq!(cluster.count("t-kill-statements"), statements);
    assert_eq!(cluster.count("t-kill-passages"), local_passages(&env));
    assert_eq!(cluster.count("t-kill-articles"), articles);
    assert_eq!(
        cluster.documents("t-kill-statements").len() as u64,
        statements
    );
}

/// Runs newsidx with `args` (and `--engine`/`--engine-name` when `engine`
/// names a cluster and a push name): exit code, stdout, stderr.
fn run(env: &TestEnv, args: &[&str], engine: Option<(&str, &str)>) -> (i32, String, String) {
    let mut cmd = env.cmd();
    cmd.args(args);
    if let Some((address, name)) = engine {
        cmd.args(["--engine", address, "--engine-name", name]);
    }
    let out = cmd.output().expect("run newsidx");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// BBC indexed as four outlets on four days (one category each) and one
/// category with neither, so that outlet and date filters select
/// something; pushed under `name`.
fn bbc_with_outlets_and_dates(cluster: &Cluster, name: &str) -> Option<TestEnv> {
    let bbc = bbc_corpus()?;
    let env = TestEnv::new();
    for (category, outlet, day) in [
        ("business", Some("BBC Business"), Some("2005-01-10")),
        ("politics", Some("BBC Politics"), Some("2005-02-14")),
        ("tech", Some("BBC Tech"), Some("2005-03-21")),
        ("sport", Some("Sport Wire"), Some("2005-04-04")),
        ("entertainment", None, None),
    ] {
        let mut cmd = env.cmd();
        cmd.arg("index").arg(bbc.join(category));
        if let (Some(outlet), Some(day)) = (outlet, day) {
            cmd.args(["--source", outlet, "--date", day]);
        }
        cmd.assert().success();
    }
    push(&env, cluster, name);
    Some(env)
}

/// `speakers` and `sources` from the cluster equal the local index's, line
/// for line (counts, aliases, dates), with and without filters, in JSON
/// and as printed for people.
#[test]
fn engine_speakers_and_sources_equal_the_local_index_on_bbc() {
    let Some(cluster) = cluster() else { return };
    let Some(env) = bbc_with_outlets_and_dates(cluster, "t-engine-browse") else {
        return;
    };
    let engine = Some((cluster.address.as_str(), "t-engine-browse"));
    for args in [
        vec!["speakers", "--json"],
        vec!["speakers", "--json", "--source", "bbc"],
        vec!["speakers", "--json", "--source", "sport wire"],
        vec!["speakers", "--json", "--since", "2005-02-01"],
        vec![
            "speakers", "--json", "--since", "2005-02", "--until", "2005-03",
        ],
        vec!["sources", "--json"],
    ] {
        let (code, local, stderr) = run(&env, &args, None);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let (code, remote, stderr) = run(&env, &args, engine);
        assert_eq!(code, 0, "{args:?} --engine: {stderr}");
        let (local, remote) = (json_lines(&local), json_lines(&remote));
        assert!(local.len() > 3, "{args:?}: {local:?}");
        assert_eq!(local, remote, "{args:?}");
    }
    for args in [vec!["speakers"], vec!["sources"]] {
        let (_, local, _) = run(&env, &args, None);
        let (_, remote, _) = run(&env, &args, engine);
        assert_same_lines(&local, &remote, &format!("{args:?}"));
    }
}

/// `quotes` from the cluster: for 36 speaker and filter combinations (12
/// with words, newest first and by relevance), the first ten distinct
/// statements overlap the local index's in at least 9,
/// and each statement folds the same articles together, with the same
/// text, outlets and record; printed for people, the lists are the same.
#[test]
fn engine_quotes_match_the_local_index_on_bbc() {
    let Some(cluster) = cluster() else { return };
    let Some(env) = bbc_with_outlets_and_dates(cluster, "t-engine-quotes") else {
        return;
    };
    let engine = Some((cluster.address.as_str(), "t-engine-quotes"));
    let (_, speakers, _) = run(&env, &["speakers", "--json"], None);
    let top: Vec<String> = json_lines(&speakers)
        .iter()
        .filter(|s| s["name"].as_str().unwrap().contains(' '))
        .take(6)
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(top.len(), 6, "{speakers}");
    let mut cases: Vec<Vec<String>> = Vec::new();
    for name in &top {
        let surname = name.rsplit(' ').next().unwrap().to_string();
        for filters in [
            vec![],
            vec!["--source", "BBC"],
            vec!["--since", "2005-02-01", "--sort", "oldest"],
            vec!["--since", "2005-02", "--until", "2005-03-31"],
        ] {
            let mut args = vec!["quotes".to_string(), "--json".to_string()];
            // Half by full name, half by surname alone.
            let who = if cases.len().is_multiple_of(2) {
                name
            } else {
                &surname
            };
            args.extend(["--speaker".to_string(), who.clone()]);
            args.extend(filters.iter().map(|f| f.to_string()));
            cases.push(args);
        }
    }
    // With words too (`quotes QUERY`): the passages the words match.
    for (name, words) in top.iter().zip([
        "election",
        "tax OR taxes",
        "\"general election\"",
        "war",
        "Labour -Tory",
        "government",
    ]) {
        for filters in [vec![], vec!["--sort", "relevance"]] {
            let mut args = vec![
                "quotes".to_string(),
                "--json".to_string(),
                words.to_string(),
            ];
            args.extend(["--speaker".to_string(), name.clone()]);
            args.extend(filters.iter().map(|f| f.to_string()));
            cases.push(args);
        }
    }
    assert!(cases.len() >= 36);
    let mut compared = 0;
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, local, stderr) = run(&env, &args, None);
        let (remote_code, remote, remote_stderr) = run(&env, &args, engine);
        assert_eq!(code, remote_code, "{args:?}: {stderr} / {remote_stderr}");
        let (local, remote) = (json_lines(&local), json_lines(&remote));
        assert_eq!(local.len(), remote.len(), "{args:?}");
        if local.is_empty() {
            continue;
        }
        compared += 1;
        let groups = |list: &[Value]| -> Vec<String> {
            list.iter()
                .take(10)
                .map(|s| s["group"].as_str().unwrap().to_string())
                .collect()
        };
        let (mine, theirs) = (groups(&local), groups(&remote));
        let shared = mine.iter().filter(|g| theirs.contains(g)).count();
        assert!(
            shared >= 9.min(mine.len()),
            "{args:?}: {shared} of {} shared\nlocal {mine:?}\nengine {theirs:?}",
            mine.len()
        );
        let articles = |s: &Value| -> Vec<String> {
            let mut ids: Vec<String> = s["carriers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["article_id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        };
        for s in &local {
            let other = remote
                .iter()
                .find(|r| r["group"] == s["group"])
                .unwrap_or_else(|| panic!("{args:?}: group {} not from the engine", s["group"]));
            assert_eq!(articles(s), articles(other), "{args:?}: {}", s["group"]);
            // The whole statement: text, outlets, carriers, record.
            assert_eq!(s, other, "{args:?}");
        }
    }
    assert!(compared >= 30, "only {compared} cases found statements");
    // As printed for people, too.
    let args = ["quotes", "--speaker", top[0].as_str()];
    let (_, local, _) = run(&env, &args, None);
    let (_, remote, _) = run(&env, &args, engine);
    assert!(!local.is_empty());
    assert_same_lines(&local, &remote, &format!("{args:?}"));
}

/// The bbc queries whose answers from the cluster and from the local index
/// are compared: phrases, operators, a field, a negation, a possessive.
const BBC_PARITY_QUERIES: [&str; 24] = [
    "prime minister",
    "mobile phones",
    "election",
    "Blair's election campaign",
    "\"interest rates\"",
    "chancellor OR treasury",
    "music awards",
    "oil prices",
    "football -cup",
    "broadband",
    "film",
    "economic growth",
    "tax",
    "games console",
    "Tory",
    "police",
    "rugby",
    "china",
    "internet",
    "budget",
    "(iraq OR war) troops",
    "title:Brown",
    "said",
    "immigration",
];

/// `search --engine` ranks and folds as the local index does: for 24
/// queries, with and without speaker, outlet and date filters, the copy
/// groups of the top 10 results overlap by at least 9 of 10 (a result of
/// exactly the local tenth's score counting as shared), and each
/// shared group folds the same number of copies from the same number of
/// articles, since the same first date. Where both show the same passage
/// as a group's result, the whole result is the same but for the score
/// (snippet, highlights, speakers, statements, other articles).
#[test]
fn engine_search_matches_the_local_index_on_bbc() {
    let Some(cluster) = cluster() else { return };
    let Some(env) = bbc_with_outlets_and_dates(cluster, "t-engine-search") else {
        return;
    };
    let engine = Some((cluster.address.as_str(), "t-engine-search"));
    let queries = BBC_PARITY_QUERIES;
    let filters: [&[&str]; 8] = [
        &[],
        &["--speaker", "Blair"],
        &["--source", "BBC"],
        &["--since", "2005-02-01"],
        &["--until", "2005-02-28"],
        &["--since", "2005-02", "--until", "2005-03-31"],
        &["--speaker", "Gordon Brown", "--source", "BBC Politics"],
        &["--all"],
    ];
    let mut compared = 0;
    let mut same_leader = 0;
    for (i, query) in queries.iter().enumerate() {
        for filter in [&filters[0], &filters[1 + i % (filters.len() - 1)]] {
            let mut args = vec!["search", query, "--json"];
            args.extend(filter.iter());
            // Locally 40, to see the ties at the tenth place: results of
            // exactly the same score have no order of their own (locally
            // the one stored first wins), so one tied with the local tenth
            // counts as shared.
            let mut deeper = args.clone();
            deeper.extend(["-n", "40"]);
            let (code, local, stderr) = run(&env, &deeper, None);
            let (remote_code, remote, remote_stderr) = run(&env, &args, engine);
            assert_eq!(code, remote_code, "{args:?}: {stderr} / {remote_stderr}");
            let (local_deeper, remote) = (json_lines(&local), json_lines(&remote));
            let local: Vec<Value> = local_deeper.iter().take(10).cloned().collect();
            assert_eq!(local.len(), remote.len(), "{args:?}");
            if local.is_empty() {
                continue;
            }
            compared += 1;
            let groups = |list: &[Value]| -> Vec<String> {
                list.iter()
                    .map(|h| h["group"].as_str().unwrap().to_string())
                    .collect()
            };
            let (mine, theirs) = (groups(&local), groups(&remote));
            let tenth = local.last().unwrap()["score"].as_f64().unwrap();
            let tied_with_tenth = |group: &String| {
                local_deeper.iter().any(|h| {
                    h["group"] == group.as_str()
                        && (h["score"].as_f64().unwrap() - tenth).abs() < 1e-4
                })
            };
            let shared = theirs
                .iter()
                .filter(|g| mine.contains(g) || (tenth > 0.0 && tied_with_tenth(g)))
                .count();
            assert!(
                shared >= 9.min(mine.len()),
                "{args:?}: {shared} of {} shared\nlocal {mine:?}\nengine {theirs:?}",
                mine.len()
            );
            for hit in &local {
                let Some(other) = remote.iter().find(|r| r["group"] == hit["group"]) else {
                    continue;
                };
                for field in ["copies", "articles", "first_date"] {
                    assert_eq!(
                        hit[field], other[field],
                        "{args:?}: {field} of {}",
                        hit["group"]
                    );
                }
                if hit["article_id"] == other["article_id"] && hit["passage"] == other["passage"] {
                    same_leader += 1;
                    let without_score = |h: &Value| {
                        let mut h = h.clone();
                        h.as_object_mut().unwrap().remove("score");
                        h
                    };
                    assert_eq!(without_score(hit), without_score(other), "{args:?}");
                }
            }
        }
    }
    assert!(compared >= 40, "only {compared} searches found passages");
    assert!(
        same_leader >= 300,
        "only {same_leader} results compared whole"
    );
    // As printed for people: the same summary of matches and groups, and
    // the same results printed the same way (numbers and scores aside;
    // near ties may come in another order, and of copies with the same
    // score another may lead, so the `path:line` line is left out).
    for args in [
        vec!["search", "prime minister"],
        vec![
            "search",
            "election",
            "--speaker",
            "Blair",
            "--since",
            "2005-02",
        ],
    ] {
        let (_, local, local_err) = run(&env, &args, None);
        let (_, remote, remote_err) = run(&env, &args, engine);
        assert_eq!(local_err, remote_err, "{args:?}");
        let results = |text: &str| -> Vec<String> {
            text.split("\n\n")
                .map(|block| {
                    let block = block.trim_start_matches(|c: char| c.is_ascii_digit());
                    let block = block.strip_prefix(". ").unwrap_or(block);
                    let is_path_line = |l: &str| {
                        let l = l.trim();
                        !l.contains(' ')
                            && l.rsplit_once(':')
                                .is_some_and(|(_, n)| n.parse::<u64>().is_ok())
                    };
                    block
                        .lines()
                        .filter(|l| !is_path_line(l))
                        .map(|l| match l.rfind("  ") {
                            Some(at) if l[at..].trim().parse::<f64>().is_ok() => &l[..at],
                            _ => l,
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .filter(|block| !block.trim().is_empty())
                .collect()
        };
        let (mine, theirs) = (results(&local), results(&remote));
        assert_eq!(mine.len(), 10, "{local}");
        let shared = theirs.iter().filter(|r| mine.contains(r)).count();
        assert!(
            shared >= 9,
            "{args:?}: {shared} of 10 printed alike\nlocal:\n{local}\nengine:\n{remote}"
        );
    }
}

/// A passages index pushed before search ran on the cluster (no copy
/// group, English analysis) is named with what to do, exit 3.
#[test]
fn search_on_a_passages_index_of_an_older_push_says_to_push_again() {
    let Some(cluster) = cluster() else { return };
    let env = TestEnv::new();
    let old = serde_json::json!({ "mappings": { "properties": {
        "text": { "type": "text", "analyzer": "english" }
    } } });
    for kind in ["statements", "articles", "passages"] {
        let (status, body) = http(
            "PUT",
            &format!("{}/t-old-push-{kind}", cluster.address),
            Some(old.clone()),
        );
        assert!(
            status == 200 || body.to_string().contains("already_exists"),
            "{body}"
        );
    }
    let (code, stdout, stderr) = run(
        &env,
        &["search", "election"],
        Some((&cluster.address, "t-old-push")),
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("t-old-push-passages")
            && stderr.contains("push again")
            && stderr.contains("group"),
        "{stderr}"
    );
}

/// Two printed outputs are the same, or the first line where they differ
/// is shown.
fn assert_same_lines(local: &str, remote: &str, what: &str) {
    let (a, b): (Vec<&str>, Vec<&str>) = (local.lines().collect(), remote.lines().collect());
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let around = |l: &[&str]| l[i.saturating_sub(3)..(i + 3).min(l.len())].join("\n");
        panic!(
            "{what}: line {} differs\nlocal:\n{}\nengine:\n{}",
            i + 1,
            around(&a),
            around(&b)
        );
    }
}

/// `--engine` with an address where no cluster runs, or that is not
/// OpenSearch, fails with exit 5 naming the address; a push name the
/// cluster does not hold, with exit 3 naming the index.
#[test]
fn a_bad_engine_address_is_named_and_exits_5() {
    let env = TestEnv::new();
    let down = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let not_opensearch = fake_server(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    for args in [
        vec!["speakers"],
        vec!["sources", "--json"],
        vec!["quotes", "--speaker", "Blair"],
        vec!["search", "election", "--json"],
        // Before it listens: nothing is served from a cluster it cannot read.
        vec!["serve", "--addr", "127.0.0.1:0"],
    ] {
        for (address, says) in [(&down, "cannot reach"), (&not_opensearch, "not OpenSearch")] {
            let (code, stdout, stderr) = run(&env, &args, Some((address, "news")));
            assert_eq!(code, 5, "{args:?} {address}: {stderr}");
            assert!(stdout.is_empty());
            assert!(
                stderr.contains(address.as_str()) && stderr.contains(says),
                "{stderr}"
            );
        }
        // The environment variable works as the flag does.
        let out = env
            .cmd()
            .args(&args)
            .env("NEWSIDX_ENGINE", &down)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5));
        assert!(String::from_utf8_lossy(&out.stderr).contains(down.as_str()));
    }
    let Some(cluster) = cluster() else { return };
    let (code, _, stderr) = run(
        &env,
        &["speakers"],
        Some((&cluster.address, "t-never-pushed")),
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(&cluster.address) && stderr.contains("t-never-pushed-statements"),
        "{stderr}"
    );
    assert!(stderr.contains("newsidx push"), "{stderr}");
}

/// `GET /api/search` of `server` with the query parameters `params`.
fn api_search(server: &Server, params: &[(&str, &str)]) -> Value {
    let mut request = ureq::get(&server.url("/api/search"));
    for (name, value) in params {
        request = request.query(name, value);
    }
    match request.call() {
        Ok(response) => response.into_json().expect("JSON"),
        Err(ureq::Error::Status(status, response)) => {
            panic!(
                "{params:?}: HTTP {status}: {}",
                response.into_string().unwrap()
            )
        }
        Err(e) => panic!("{params:?}: {e}"),
    }
}

/// `serve --engine` answers the page's search as `serve` does over the
/// same index: for the queries of `engine_search_matches_the_local_index_on_bbc`
/// and queries being typed (`prefix=true`), with and without filters,
/// `/api/search` from both has the same total and groups, the same facet
/// values, the same dates and the same speaker names, and top-10 copy
/// groups that overlap by at least 9 (ties with the local tenth counting
/// as shared), each folded alike. No local index is opened; the other
/// endpoints answer alike (whole articles too).
#[test]
fn serve_engine_answers_the_search_api_as_the_local_index_on_bbc() {
    let Some(cluster) = cluster() else { return };
    let name = "t-serve-engine";
    let Some(env) = bbc_with_outlets_and_dates(cluster, name) else {
        return;
    };
    let local = Server::start(&env.index_dir());
    let remote = serve_engine(&env, &cluster.address, name);
    // With --engine no local index is opened, nor made.
    assert!(!env.path(NO_INDEX).exists());
    // The empty query lists the newest passages.
    let queries: Vec<&str> = BBC_PARITY_QUERIES.into_iter().chain([""]).collect();
    // Typed so far: the last word also matches the words it starts (one
    // letter starts more words than the cluster rewrites at once).
    let typed = [
        "negot",
        "prime minis",
        "elect",
        "chancellor OR treas",
        "broadb",
        "(iraq OR war) tro",
        "mobile ph",
        "gov",
        "s",
        "footbal",
    ];
    let filters: [&[(&str, &str)]; 8] = [
        &[],
        &[("speaker", "Blair")],
        &[("source", "BBC")],
        &[("since", "2005-02-01")],
        &[("until", "2005-02-28")],
        &[("since", "2005-02"), ("until", "2005-03-31")],
        &[("speaker", "Gordon Brown"), ("source", "BBC Politics")],
        &[("all", "true")],
    ];
    let cases = queries
        .iter()
        .map(|q| (*q, false))
        .chain(typed.iter().map(|q| (*q, true)));
    let mut compared = 0;
    for (i, (query, prefix)) in cases.enumerate() {
        for filter in [filters[0], filters[1 + i % (filters.len() - 1)]] {
            let mut params = vec![("q", query)];
            if prefix {
                params.push(("prefix", "true"));
            }
            params.extend(filter.iter().copied());
            // Locally 40, to see the ties at the tenth place (see
            // engine_search_matches_the_local_index_on_bbc).
            let mut deeper = params.clone();
            deeper.push(("limit", "40"));
            let mine = api_search(&local, &deeper);
            let theirs = api_search(&remote, &params);
            for field in ["total", "groups"] {
                assert_eq!(mine[field], theirs[field], "{params:?}: {field}");
            }
            for facet in ["speakers", "sources", "languages"] {
                assert_eq!(
                    mine["facets"][facet]["values"], theirs["facets"][facet]["values"],
                    "{params:?}: facet {facet}"
                );
            }
            assert_eq!(
                mine["facets"]["dates"], theirs["facets"]["dates"],
                "{params:?}: dates"
            );
            assert_eq!(
                mine["speaker_names"], theirs["speaker_names"],
                "{params:?}: speaker_names"
            );
            let local_deeper = mine["hits"].as_array().unwrap();
            let local_top: Vec<&Value> = local_deeper.iter().take(10).collect();
            let remote_top = theirs["hits"].as_array().unwrap();
            assert_eq!(local_top.len(), remote_top.len(), "{params:?}");
            if local_top.is_empty() {
                continue;
            }
            if query.is_empty() {
                // Newest first: passages of one day have no order of
                // their own (here a whole outlet shares its day), so the
                // dates are compared, not which passages of a day lead.
                let dates = |hits: &[&Value]| -> Vec<Value> {
                    hits.iter().map(|h| h["date"].clone()).collect()
                };
                let remote_top: Vec<&Value> = remote_top.iter().collect();
                assert_eq!(dates(&local_top), dates(&remote_top), "{params:?}");
                continue;
            }
            compared += 1;
            let tenth = local_top.last().unwrap()["score"].as_f64().unwrap();
            let local_groups: Vec<&Value> = local_top.iter().map(|h| &h["group"]).collect();
            let shared = remote_top
                .iter()
                .filter(|h| {
                    local_groups.contains(&&h["group"])
                        || (tenth > 0.0
                            && local_deeper.iter().any(|l| {
                                l["group"] == h["group"]
                                    && (l["score"].as_f64().unwrap() - tenth).abs() < 1e-4
                            }))
                })
                .count();
            assert!(
                shared >= 9.min(local_top.len()),
                "{params:?}: {shared} of {} shared\nlocal {local_groups:?}\nengine {:?}",
                local_top.len(),
                remote_top.iter().map(|h| &h["group"]).collect::<Vec<_>>()
            );
            for hit in &local_top {
                let Some(other) = remote_top.iter().find(|r| r["group"] == hit["group"]) else {
                    continue;
                };
                for field in ["copies", "articles", "first_date"] {
                    assert_eq!(hit[field], other[field], "{params:?}: {field}");
                }
            }
        }
    }
    assert!(compared >= 50, "only {compared} searches found passages");
    // The other endpoints: what the cluster answers, and what it cannot.
    let (status, health) = remote.get_json("/health");
    assert_eq!(status, 200, "{health}");
    let (_, local_health) = local.get_json("/health");
    assert_eq!(health["passages"], local_health["passages"]);
    assert_eq!(health["index"], name);
    for path in [
        "/api/sources",
        "/api/speakers?limit=1000",
        "/api/speakers?source=BBC&since=2005-02",
        "/api/quotes?speaker=Blair&limit=100",
    ] {
        let (status, answer) = remote.get_json(path);
        assert_eq!(status, 200, "{path}: {answer}");
        assert_eq!(answer, local.get_json(path).1, "{path}");
    }
    // Whole articles (opening a result on the page): those of the first
    // results of a search and of the newest passages, field for field.
    let mut articles: Vec<String> = Vec::new();
    for params in [
        &[("q", "Blair said"), ("limit", "30"), ("all", "true")][..],
        &[("limit", "20")][..],
    ] {
        for hit in api_search(&local, params)["hits"].as_array().unwrap() {
            let id = hit["article_id"].as_str().unwrap().to_string();
            if !articles.contains(&id) {
                articles.push(id);
            }
        }
    }
    assert!(articles.len() >= 20, "{articles:?}");
    for id in &articles {
        let path = format!("/api/articles/{id}");
        let (status, article) = remote.get_json(&path);
        assert_eq!(status, 200, "{path}: {article}");
        assert_eq!(article, local.get_json(&path).1, "{path}");
    }
    let (status, missing) = remote.get_json("/api/articles/0000000000000000");
    assert_eq!(status, 404, "{missing}");
}

/// `serve --engine` lists the speakers of the passages some words match as
/// `serve` does (`/api/speakers?q=`): for half the bbc parity queries, each
/// without and with a filter (outlet, language, dates), the same speakers
/// in the same order with the same statement, passage, article and outlet
/// counts and aliases.
#[test]
fn serve_engine_answers_speakers_of_words_as_the_local_index_on_bbc() {
    let Some(cluster) = cluster() else { return };
    let name = "t-serve-speakers";
    let Some(env) = bbc_with_outlets_and_dates(cluster, name) else {
        return;
    };
    let local = Server::start(&env.index_dir());
    let remote = serve_engine(&env, &cluster.address, name);
    let filters: [&[(&str, &str)]; 6] = [
        &[("source", "BBC")],
        &[("since", "2005-02-01")],
        &[("until", "2005-02-28")],
        &[("since", "2005-02"), ("until", "2005-03-31")],
        &[("source", "sport wire")],
        &[("lang", "en")],
    ];
    let mut with_statements = 0;
    for (i, query) in BBC_PARITY_QUERIES.iter().step_by(2).enumerate() {
        for filter in [&[][..], filters[i % filters.len()]] {
            let mut path = format!("/api/speakers?limit=1000&q={}", encoded(query));
            for (key, value) in filter {
                path.push_str(&format!("&{key}={}", encoded(value)));
            }
            let (status, mine) = local.get_json(&path);
            assert_eq!(status, 200, "{path}: {mine}");
            let (status, theirs) = remote.get_json(&path);
            assert_eq!(status, 200, "{path}: {theirs}");
            assert_eq!(mine, theirs, "{path}");
            let counted = mine["speakers"].as_array().unwrap();
            if counted.len() >= 3 && counted[0]["statements"].as_u64().unwrap() > 0 {
                with_statements += 1;
            }
        }
    }
    assert!(
        with_statements >= 12,
        "only {with_statements} lists had speakers with statements"
    );
}

/// `serve --engine` asks the cluster which languages its passages are in
/// once, not once per query it builds for a search (hits, each filtered
/// facet, the timeline: five), and not again for the next search within
/// a minute: counted on the requests that pass through a front of the
/// cluster.
#[test]
fn serve_engine_asks_for_the_languages_present_once() {
    let Some(cluster) = cluster() else { return };
    let name = "t-languages-asked";
    let env = TestEnv::new();
    mixed_language_corpus(&env);
    push(&env, cluster, name);
    let (front, seen) = counting_front(&cluster.address);
    let remote = serve_engine(&env, &front, name);
    let asked = || lookups_of(&seen, name, "lang");
    let before = asked();
    // A language filter: each facet is counted by a request of its own.
    let found = api_search(&remote, &[("q", "Regierung"), ("lang", "de")]);
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
    assert_eq!(asked() - before, 1, "asked per /api/search");
    let found = api_search(&remote, &[("q", "Haus"), ("speaker", "Mustermann")]);
    assert!(found["facets"].is_object(), "{found}");
    assert_eq!(asked() - before, 1, "asked again within a minute");
}

/// `serve --engine` asks the cluster which outlets its passages name once,
/// not once per query it builds for a search with an outlet (hits, the
/// facets, the timeline), and not again for the next search within a
/// minute: counted on the requests that pass through a front of the
/// cluster. The outlet typed still selects the same passages.
#[test]
fn serve_engine_asks_for_the_outlets_present_once() {
    let Some(cluster) = cluster() else { return };
    let name = "t-outlets-asked";
    let env = TestEnv::new();
    env.write(
        "planet/a.txt",
        "Council vote\n\nThe council approved the harbour plan on Monday.\n",
    );
    env.write(
        "planet/b.txt",
        "Spring reopening\n\nThe harbour will reopen in spring, officials said.\n",
    );
    env.write(
        "bugle/c.txt",
        "At the market\n\nFishermen welcomed the harbour plan at the market.\n",
    );
    for (folder, outlet) in [("planet", "Daily Planet"), ("bugle", "Bugle Weekly")] {
        let mut cmd = env.cmd();
        cmd.arg("index")
            .arg(env.path(folder))
            .args(["--source", outlet]);
        cmd.assert().success();
    }
    push(&env, cluster, name);
    let local = Server::start(&env.index_dir());
    let (front, seen) = counting_front(&cluster.address);
    let remote = serve_engine(&env, &front, name);
    let asked = || lookups_of(&seen, name, "source");
    let before = asked();
    let total = |server: &Server, params: &[(&str, &str)]| {
        api_search(server, params)["total"].as_u64().unwrap()
    };
    let planet = [("q", "harbour"), ("source", "planet")];
    let found = total(&remote, &planet);
    assert_eq!(asked() - before, 1, "asked per /api/search");
    assert_eq!(found, total(&local, &planet));
    assert!(found > 0 && found < total(&local, &[("q", "harbour")]));
    let bugle = [("q", "plan"), ("source", "bugle weekly")];
    let found = total(&remote, &bugle);
    assert_eq!(asked() - before, 1, "asked again within a minute");
    assert_eq!(found, total(&local, &bugle));
    assert!(found > 0);
}

/// `value` percent-encoded for a query string (every byte but ASCII
/// letters and digits).
fn encoded(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b.is_ascii_alphanumeric() {
            true => (b as char).to_string(),
            false => format!("%{b:02X}"),
        })
        .collect()
}

/// The page searches through `serve --engine` as through `serve`, driven
/// in headless Chromium as tests/serve_e2e.rs drives it, over the serve
/// fixtures pushed to the cluster: the newest passages, typing a word
/// (search as you type), the facet counts, a click on a speaker, and the
/// whole article a result opens.
/// Skipped without Chromium and chromedriver, except under CI=true.
#[test]
fn the_page_searches_through_serve_engine() {
    let Some(cluster) = cluster() else { return };
    let Some(browser) = Browser::find() else {
        assert!(
            !in_ci(),
            "CI=true but /usr/bin/chromium or /usr/bin/chromedriver is missing"
        );
        eprintln!("SKIPPED: the page through serve --engine needs chromium and chromedriver");
        return;
    };
    let name = "t-serve-page";
    let corpus = Corpus::indexed();
    let out = Command::new(common::serve::BIN)
        .arg("--index")
        .arg(corpus.index())
        .args(["push", "--to", &cluster.address, "--name", name])
        .output()
        .expect("run push");
    assert!(
        out.status.success(),
        "push failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = Server::start_with(
        &corpus.index(),
        &[
            "--addr",
            "127.0.0.1:0",
            "--engine",
            &cluster.address,
            "--engine-name",
            name,
        ],
    );
    let session = Session::start(&browser, 1280, 900);
    session.goto(&server.url("/"));
    let status = session.find("#status");
    session.wait_until(
        "the newest passages",
        || status.text(),
        |t| t == "11 of 11 passages, newest first",
    );
    session.find("#q").type_text("harbour");
    session.wait_until(
        "results for harbour",
        || status.text(),
        |t| t == "6 of 6 passages",
    );
    let marks: Vec<String> = session
        .find_all("#hits mark")
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m.starts_with("harbour")),
        "{marks:?}"
    );
    let sources: Vec<String> = session
        .find_all("#source-facets button")
        .iter()
        .map(|b| b.text().replace('\n', " "))
        .collect();
    assert_eq!(sources, vec!["Coastal Times 4", "River Gazette 2"]);
    let facet = session.find("#speaker-facets button[data-name='Maria Santos']");
    assert_eq!(facet.text().split_whitespace().last(), Some("1"));
    facet.click();
    session.wait_until(
        "the speaker filter",
        || status.text(),
        |t| t == "1 of 1 passage",
    );
    let titles: Vec<String> = session
        .find_all("#hits .hit h3")
        .iter()
        .map(|e| e.text())
        .collect();
    assert_eq!(titles, vec!["Harbour talks stall over fishing quotas"]);
    // The result opens the whole article with the passage highlighted.
    session.find("#hits .hit h3 a").click();
    let current = session.find(".passage.current");
    assert!(
        current.text().contains("empties our harbours"),
        "{}",
        current.text()
    );
    assert_eq!(current.find_all("mark")[0].text(), "harbours");
    assert_eq!(
        session.find("#article-title").text(),
        "Harbour talks stall over fishing quotas"
    );
    assert_eq!(session.find_all(".passage").len(), 4);
}

/// A small corpus in four languages: English and German articles with the
/// same news, and German, French and Spanish ones with inflected forms
/// (those of tests/languages.rs).
fn mixed_language_corpus(env: &TestEnv) {
    let german = "Die Regierung hat am Dienstag neue Gespräche angekündigt. \
        \"Wir werden nicht nachgeben\", sagte Bundeskanzler Max Mustermann in Berlin. \
        Die Opposition kritisierte die Pläne der Regierung scharf.";
    env.write(
        "articles/english.txt",
        "Talks announced\n\nThe government announced new talks on Tuesday. \
         \"We will not give in,\" said Prime Minister John Example in London. \
         The opposition sharply criticised the plans of the government.\n",
    );
    env.write(
        "articles/german.txt",
        format!("Neue Gespräche\n\n{german}\n"),
    );
    env.write(
        "articles/haeuser.txt",
        "Neue Häuser am Stadtrand\n\nDie Stadt hat am Montag den Bau von dreihundert neuen \
         Häusern angekündigt, in denen vor allem junge Familien wohnen sollen. Der Bürgermeister \
         sagte, die Mieten würden niedrig bleiben.\n",
    );
    env.write(
        "articles/chevaux.txt",
        "Les chevaux du village\n\nLes négociations entre les éleveurs et la mairie ont repris \
         mardi : les chevaux resteront dans les prés communaux jusqu'à la fin de l'été, \
         selon le communiqué publié par la commune.\n",
    );
    env.write(
        "articles/canciones.txt",
        "Las canciones del verano\n\nLas canciones más escuchadas del verano fueron compuestas \
         por artistas jóvenes, según la lista publicada el martes por la asociación de \
         productores, que espera mejores ventas el próximo año.\n",
    );
    env.cmd()
        .arg("index")
        .arg(env.path("articles"))
        .assert()
        .success();
}

/// Article records on the cluster carry their article's language, as the
/// local index detected it; an articles index made by an older newsidx
/// (its mapping without `lang`) stops push with exit 3, naming the index,
/// the field and what to do, and nothing is sent to it.
#[test]
fn article_records_carry_lang_and_an_older_articles_index_is_named() {
    let Some(cluster) = cluster() else { return };
    let env = TestEnv::new();
    mixed_language_corpus(&env);
    let name = "t-article-lang";
    push(&env, cluster, name);
    let (status, found) = http(
        "GET",
        &format!("{}/{name}-articles/_search?size=100", cluster.address),
        None,
    );
    assert_eq!(status, 200, "{found}");
    let langs: BTreeMap<String, Value> = found["hits"]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["_source"]["path"].as_str().unwrap();
            let file = Path::new(path).file_name().unwrap().to_string_lossy();
            (file.into_owned(), h["_source"]["lang"].clone())
        })
        .collect();
    assert_eq!(
        langs.get("english.txt"),
        Some(&Value::from("en")),
        "{langs:?}"
    );
    assert_eq!(
        langs.get("german.txt"),
        Some(&Value::from("de")),
        "{langs:?}"
    );
    // As an older newsidx made it: the article mapping without `lang`.
    let out = env
        .cmd()
        .args([
            "export",
            "--format",
            "opensearch",
            "--mapping",
            "--articles",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut older: Value = serde_json::from_slice(&out.stdout).unwrap();
    let properties = older["mappings"]["properties"].as_object_mut().unwrap();
    assert!(properties.remove("lang").is_some(), "{properties:?}");
    let old_name = "t-article-lang-old";
    let (status, body) = http(
        "PUT",
        &format!("{}/{old_name}-articles", cluster.address),
        Some(older),
    );
    assert_eq!(status, 200, "{body}");
    let (code, stderr) = push_fails(&env, &cluster.address, old_name);
    assert_eq!(code, 3, "{stderr}");
    let index = format!("{old_name}-articles");
    for words in [index.as_str(), "`lang`", "--name", "XDELETE"] {
        assert!(stderr.contains(words), "{words}: {stderr}");
    }
    let (_, count) = http(
        "GET",
        &format!("{}/{old_name}-articles/_count", cluster.address),
        None,
    );
    assert_eq!(count["count"], 0, "{count}");
}

/// What a user compares of a hit: where it is, its language, its snippet
/// and what is highlighted in it and in the title, its statements.
fn hit_as_seen(hit: &Value) -> Value {
    serde_json::json!({
        "file": file_name_of(hit),
        "passage": hit["passage"],
        "lang": hit["lang"],
        "snippet": hit["snippet"],
        "highlights": hit["highlights"],
        "title_highlights": hit["title_highlights"],
        "statements": hit["statements"].as_array().map_or(0, Vec::len),
        "copies": hit["copies"],
    })
}

fn file_name_of(hit: &Value) -> String {
    hit["path"]
        .as_str()
        .unwrap_or_default()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// German, French and Spanish articles on the cluster are searched under
/// their own stemmers as locally: inflected forms find the same passages
/// with the same words highlighted, `--lang` filters `search` and
/// `quotes` alike, and `serve --engine` filters and completes words being
/// typed as `serve` does.
#[test]
fn engine_search_and_quotes_answer_alike_in_every_language() {
    let Some(cluster) = cluster() else { return };
    let name = "t-languages";
    let env = TestEnv::new();
    mixed_language_corpus(&env);
    push(&env, cluster, name);
    let engine = Some((cluster.address.as_str(), name));
    let mut found = 0;
    for query in [
        "Haus",
        "Familie",
        "Familie Haus",
        "cheval",
        "négociation",
        "canción",
        "\"canción más escuchada\"",
        "Häuser canciones",
        "Gespräch",
        "government talks",
        "Regierung OR opposition",
    ] {
        for filter in [
            &[][..],
            &["--lang", "de"][..],
            &["--lang", "fr", "--lang", "es"][..],
            &["--lang", "en"][..],
        ] {
            let mut args = vec!["search", query, "--json"];
            args.extend(filter);
            let (code, local, stderr) = run(&env, &args, None);
            let (remote_code, remote, remote_stderr) = run(&env, &args, engine);
            assert_eq!(code, remote_code, "{args:?}: {stderr} / {remote_stderr}");
            let seen =
                |out: &str| -> Vec<Value> { json_lines(out).iter().map(hit_as_seen).collect() };
            assert_eq!(seen(&local), seen(&remote), "{args:?}");
            found += seen(&local).len();
        }
    }
    assert!(found >= 15, "the queries found {found} passages in all");
    // A German word finds the German article under its own stemmer.
    let (_, german, _) = run(&env, &["search", "Haus", "--json", "--lang", "de"], engine);
    let german = json_lines(&german);
    assert_eq!(german.len(), 1, "{german:?}");
    assert_eq!(file_name_of(&german[0]), "haeuser.txt");

    // quotes: the English statement under --lang en, none under --lang de.
    for (filter, expect) in [(&["--lang", "en"][..], 1), (&["--lang", "de"][..], 0)] {
        let mut args = vec!["quotes", "--json", "--speaker", "Example"];
        args.extend(filter);
        let (code, local, stderr) = run(&env, &args, None);
        let (remote_code, remote, remote_stderr) = run(&env, &args, engine);
        assert_eq!(code, remote_code, "{args:?}: {stderr} / {remote_stderr}");
        assert_eq!(local, remote, "{args:?}");
        assert_eq!(json_lines(&local).len(), expect, "{args:?}: {local}");
    }
    let args = ["quotes", "talks", "--speaker", "Example", "--lang", "en"];
    let (_, local, _) = run(&env, &args, None);
    let (_, remote, remote_stderr) = run(&env, &args, engine);
    assert!(local.contains("give in"), "{local}");
    assert_eq!(local, remote, "{remote_stderr}");

    // serve --engine: the language filter and words being typed.
    let local_server = Server::start(&env.index_dir());
    let remote_server = serve_engine(&env, &cluster.address, name);
    for params in [
        &[("q", "Haus"), ("lang", "de")][..],
        &[("lang", "fr")][..],
        &[("q", "Famil"), ("prefix", "true")][..],
        &[("q", "chev"), ("prefix", "true")][..],
        &[("q", "cancio"), ("prefix", "true"), ("lang", "es")][..],
    ] {
        let hits = |server: &Server| -> Vec<Value> {
            api_search(server, params)["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .map(hit_as_seen)
                .collect()
        };
        let local = hits(&local_server);
        assert!(!local.is_empty(), "{params:?}");
        assert_eq!(local, hits(&remote_server), "{params:?}");
    }
}

/// An index pushed by a newsidx before the records had languages:
/// `--lang` and `search` say to push again (exit 3), rather than find
/// nothing.
#[test]
fn language_filters_on_an_index_of_an_older_push_say_to_push_again() {
    let Some(cluster) = cluster() else { return };
    let env = TestEnv::new();
    // Records of an older push: a speaker and text, no language fields.
    let old = serde_json::json!({ "mappings": { "properties": {
        "speaker": { "type": "keyword" },
        "text": { "type": "text", "analyzer": "english" }
    } } });
    for kind in ["statements", "articles", "passages"] {
        let (status, answer) = http(
            "PUT",
            &format!("{}/t-old-langs-{kind}", cluster.address),
            Some(old.clone()),
        );
        assert!(
            status == 200 || answer.to_string().contains("already_exists"),
            "{answer}"
        );
    }
    let engine = Some((cluster.address.as_str(), "t-old-langs"));
    for args in [
        &["quotes", "--speaker", "Example", "--lang", "en"][..],
        &["search", "Haus"][..],
    ] {
        let (code, stdout, stderr) = run(&env, args, engine);
        assert_eq!(code, 3, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(
            stderr.contains("t-old-langs-")
                && stderr.contains("older newsidx")
                && stderr.contains("--name")
                && stderr.contains("XDELETE"),
            "{args:?}: {stderr}"
        );
    }
}
