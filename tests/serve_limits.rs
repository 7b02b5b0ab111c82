//! `newsidx serve`'s limits and credentials, against the built binary: the
//! header-read and idle timeouts, the connection cap (503), the access
//! token of a non-loopback address (401 without it), and relative paths
//! there.

mod common;

use common::serve::BIN;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// A `newsidx serve` process and what it printed at start.
struct Serve {
    child: Child,
    _stdout: BufReader<ChildStdout>,
    port: u16,
    /// The generated token, when serve printed one.
    token: Option<String>,
}

impl Serve {
    fn start(index: &Path, args: &[&str], env: &[(&str, &str)]) -> Serve {
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg("--index")
            .arg(index)
            .args(args)
            .env_remove("NEWSIDX_TOKEN")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).unwrap();
        let address = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("serve did not say where it listens: {first:?}"));
        let port = address["http://".len()..]
            .split(['/', '#'])
            .next()
            .unwrap()
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // A generated token is in the address and on a line of its own; a
        // given one is not printed.
        let token = address
            .split_once("#token=")
            .map(|(_, t)| t)
            .filter(|t| *t != "TOKEN")
            .map(|t| {
                let mut second = String::new();
                stdout.read_line(&mut second).unwrap();
                assert!(
                    second.contains(t),
                    "the token is printed on its own: {second:?}"
                );
                t.to_string()
            });
        Serve {
            child,
            _stdout: stdout,
            port,
            token,
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        stream
    }

    /// GETs `path` on a new connection with `headers`; the status and body.
    fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String) {
        let mut stream = self.connect();
        let mut request =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }

    fn get_json(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Value) {
        let (status, body) = self.get(path, headers);
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body:?}"));
        (status, json)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long until the server closes `stream` (reads return 0 bytes);
/// `None` if it is still open after 15 s.
fn closed_after(stream: &mut TcpStream) -> Option<Duration> {
    let started = Instant::now();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(started.elapsed())
            }
            Err(_) => return None,
        }
    }
}

/// Fixture articles in two folders under `news/`, and an index of them.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for (i, file) in files.iter().enumerate() {
        let folder = dir
            .path()
            .join("news")
            .join(if i % 2 == 0 { "a" } else { "b" });
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(file, folder.join(file.file_name().unwrap())).unwrap();
    }
    let index = dir.path().join("index");
    let out = Command::new(BIN)
        .arg("index")
        .arg("--index")
        .arg(&index)
        .arg(dir.path().join("news"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, index)
}

#[test]
fn an_idle_connection_is_closed_after_the_idle_timeout() {
    let (_dir, index) = corpus();
    let args = [
        "--addr",
        "127.0.0.1:0",
        "--idle-timeout",
        "1",
        "--header-timeout",
        "30",
    ];
    let server = Serve::start(&index, &args, &[]);
    // A connection that never sends anything.
    let mut silent = server.connect();
    let waited = closed_after(&mut silent).expect("an idle connection was kept 15 s");
    assert!(waited < Duration::from_secs(5), "closed after {waited:?}");
    // A keep-alive connection after its first request.
    let mut kept = server.connect();
    kept.write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut buffer = [0u8; 1024];
    let n = kept.read(&mut buffer).unwrap();
    assert!(buffer[..n].starts_with(b"HTTP/1.1 200"));
    let waited = closed_after(&mut kept).expect("an idle keep-alive connection was kept 15 s");
    assert!(waited < Duration::from_secs(5), "closed after {waited:?}");
}

#[test]
fn a_request_head_sent_byte_by_byte_is_cut_at_the_header_timeout() {
    let (_dir, index) = corpus();
    let args = [
        "--addr",
        "127.0.0.1:0",
        "--header-timeout",
        "2",
        "--idle-timeout",
        "1",
    ];
    let server = Serve::start(&index, &args, &[]);
    let mut slow = server.connect();
    slow.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let started = Instant::now();
    // One byte every 300 ms: never idle for a whole second, never done.
    let head = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    let mut cut = None;
    for byte in head {
        if slow.write_all(&[*byte]).is_err() {
            cut = Some(started.elapsed());
            break;
        }
        let mut buffer = [0u8; 1024];
        match slow.read(&mut buffer) {
            Ok(_) => {
                cut = Some(started.elapsed());
                break;
            }
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                cut = Some(started.elapsed());
                break;
            }
            Err(_) => {} // the read timed out: still open
        }
    }
    let cut = cut.expect("a client trickling a request head was never cut off");
    assert!(
        cut >= Duration::from_millis(1500) && cut < Duration::from_secs(6),
        "cut after {cut:?}"
    );
}

#[test]
fn connections_beyond_the_cap_get_503_and_a_freed_slot_is_used_again() {
    let (_dir, index) = corpus();
    let args = [
        "--addr",
        "127.0.0.1:0",
        "--max-connections",
        "2",
        "--idle-timeout",
        "30",
        "--header-timeout",
        "30",
    ];
    let server = Serve::start(&index, &args, &[]);
    let held: Vec<TcpStream> = (0..2).map(|_| server.connect()).collect();
    std::thread::sleep(Duration::from_millis(300));
    let (status, body) = server.get_json("/health", &[]);
    assert_eq!(status, 503, "{body}");
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("--max-connections"));
    drop(held);
    let started = Instant::now();
    loop {
        let (status, _) = server.get("/health", &[]);
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "closed connections did not free their slots"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_non_loopback_address_requires_the_printed_token() {
    let (_dir, index) = corpus();
    let server = Serve::start(&index, &["--addr", "0.0.0.0:0"], &[]);
    let token = server
        .token
        .clone()
        .expect("serve prints a generated token");
    assert!(token.len() >= 32, "{token}");
    let bearer = format!("Bearer {token}");
    for path in [
        "/health",
        "/api/search?q=harbour",
        "/api/speakers",
        "/api/nothing",
    ] {
        let (status, body) = server.get_json(path, &[]);
        assert_eq!(status, 401, "{path}: {body}");
        assert!(body["error"].as_str().unwrap().contains("token"), "{body}");
        let (status, _) =
            server.get_json(path, &[("Authorization", "Bearer wrong-token-0123456789")]);
        assert_eq!(status, 401, "{path} with a wrong token");
    }
    let (status, body) = server.get_json("/health", &[("Authorization", &bearer)]);
    assert_eq!(status, 200, "{body}");
    // The page holds no data and is served to anyone; its script takes the
    // token from the address's fragment.
    let (status, page) = server.get("/", &[]);
    assert_eq!(status, 200);
    assert!(page.contains("<"), "{page}");
    let (status, script) = server.get("/assets/app.js", &[]);
    assert_eq!(status, 200);
    assert!(script.contains("#token=") && script.contains("Authorization"));
}

#[test]
fn off_loopback_paths_are_relative_to_the_indexed_folders() {
    let (dir, index) = corpus();
    let server = Serve::start(&index, &["--addr", "0.0.0.0:0"], &[]);
    let bearer = format!("Bearer {}", server.token.clone().unwrap());
    let auth = [("Authorization", bearer.as_str())];
    let (status, body) = server.get_json("/api/search?q=harbour&all=true&limit=20", &auth);
    assert_eq!(status, 200, "{body}");
    let hits = body["hits"].as_array().unwrap();
    assert!(hits.len() >= 3, "{body}");
    let news = dir.path().join("news").canonicalize().unwrap();
    for hit in hits {
        let path = hit["path"].as_str().unwrap();
        assert!(
            path.starts_with("a/") || path.starts_with("b/"),
            "not relative to the indexed folder: {path}"
        );
        assert!(news.join(path).is_file(), "{path}");
    }
    let id = hits[0]["article_id"].as_str().unwrap();
    let (_, article) = server.get_json(&format!("/api/articles/{id}"), &auth);
    assert_eq!(article["path"], hits[0]["path"]);
    let (_, health) = server.get_json("/health", &auth);
    assert_eq!(health["index"], "index");
    // On loopback too: the page never shows an absolute path (issue 18).
    let local = Serve::start(&index, &["--addr", "127.0.0.1:0"], &[]);
    assert_eq!(local.token, None);
    let (_, body) = local.get_json("/api/search?q=harbour&all=true&limit=20", &[]);
    let path = body["hits"][0]["path"].as_str().unwrap();
    assert!(path.starts_with("a/") || path.starts_with("b/"), "{path}");
}

#[test]
fn a_token_from_the_environment_is_required_even_on_loopback() {
    let (_dir, index) = corpus();
    let token = "a-token-of-twenty-chars";
    let server = Serve::start(
        &index,
        &["--addr", "127.0.0.1:0"],
        &[("NEWSIDX_TOKEN", token)],
    );
    assert_eq!(server.token, None, "a given token is not printed");
    assert_eq!(server.get("/health", &[]).0, 401);
    let bearer = format!("Bearer {token}");
    assert_eq!(server.get("/health", &[("Authorization", &bearer)]).0, 200);
}

#[test]
fn a_short_token_is_a_usage_error() {
    let (_dir, index) = corpus();
    let out = Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--token",
            "short",
            "--index",
        ])
        .arg(&index)
        .env_remove("NEWSIDX_TOKEN")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--token") && err.contains("16"), "{err}");
}
