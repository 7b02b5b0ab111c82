//! For the `serve` tests: an index of the fixture articles in a
//! temporary directory, and a real `newsidx serve` process on a free
//! loopback port, stopped when dropped.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_newsidx");

/// Article files and an index made from them.
pub struct Corpus {
    pub dir: tempfile::TempDir,
}

impl Corpus {
    /// Copies `tests/fixtures/serve/*.txt` and indexes them.
    pub fn indexed() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Corpus { dir };
        std::fs::create_dir_all(corpus.articles()).unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve");
        for entry in std::fs::read_dir(fixtures).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                std::fs::copy(&path, corpus.articles().join(path.file_name().unwrap())).unwrap();
            }
        }
        corpus.index_articles();
        corpus
    }

    pub fn articles(&self) -> PathBuf {
        self.dir.path().join("articles")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Runs `newsidx index` on the articles directory (again).
    pub fn index_articles(&self) {
        let out = Command::new(BIN)
            .arg("index")
            .arg("--index")
            .arg(self.index())
            .arg(self.articles())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "newsidx index failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs the `newsidx` CLI against the index and returns stdout.
    pub fn cli(&self, args: &[&str]) -> String {
        let out = Command::new(BIN)
            .arg("--index")
            .arg(self.index())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Corpus {
    /// The JSON Lines the CLI prints for `args`, with every `"path"` as the
    /// API answers it: relative to the folder of the articles.
    pub fn cli_json_as_api(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let folder = self.articles().canonicalize().unwrap();
        self.cli(args)
            .lines()
            .map(|l| {
                let mut value = serde_json::from_str(l).unwrap();
                relative_paths(&mut value, &folder);
                value
            })
            .collect()
    }
}

fn relative_paths(value: &mut serde_json::Value, folder: &Path) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                match item {
                    serde_json::Value::String(path) if key == "path" => {
                        let relative = Path::new(path.as_str())
                            .strip_prefix(folder)
                            .unwrap_or_else(|_| panic!("{path} is not under {folder:?}"));
                        *path = relative.to_string_lossy().into_owned();
                    }
                    _ => relative_paths(item, folder),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| relative_paths(v, folder)),
        _ => {}
    }
}

/// A running `newsidx serve`.
pub struct Server {
    child: Child,
    /// Kept open so the server can write to stdout while it runs.
    _stdout: BufReader<ChildStdout>,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    pub port: u16,
}

impl Server {
    /// Starts `newsidx serve` on `index` on a free port and waits until it
    /// says where it listens.
    pub fn start(index: &Path) -> Server {
        Server::start_with(index, &["--addr", "127.0.0.1:0"])
    }

    pub fn start_with(index: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg("--index")
            .arg(index)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let Some(base) = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .map(|w| w.trim_end_matches('/').to_string())
        else {
            let _ = child.kill();
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("serve did not say where it listens; stdout {line:?}, stderr {err:?}");
        };
        let port = base.rsplit(':').next().unwrap().parse().unwrap();
        Server {
            child,
            _stdout: stdout,
            base,
            port,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GETs `path`; returns the status and the body as JSON.
    pub fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, _, body) = self.get(path);
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: body is not JSON ({e}): {body}"));
        (status, json)
    }

    /// GETs `path`; returns the status, the content type and the body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let response = match ureq::get(&self.url(path)).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("GET {path}: {e}"),
        };
        let status = response.status();
        let content_type = response.header("content-type").unwrap_or("").to_string();
        let body = response.into_string().unwrap();
        (status, content_type, body)
    }

    /// Sends a raw HTTP/1.1 request with the given `Host` header; returns
    /// the status code.
    pub fn status_with_host(&self, path: &str, host: &str) -> u16 {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP response: {response:?}"))
    }

    /// Polls `path` until `done` accepts its JSON, for at most `patience`.
    pub fn wait_for(
        &self,
        path: &str,
        patience: Duration,
        done: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let (_, body) = self.get_json(path);
            if done(&body) || started.elapsed() > patience {
                return body;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
