//! The one harness for integration tests: a throwaway directory with a copy
//! of the sample articles and the `newsidx` binary pointed at an index in
//! it (here), runs and the shared corpora ([`runs`]: `shared` skips or
//! fails a test that needs `../shared`), a server ([`serve`]) and a
//! browser ([`webdriver`]).

#![allow(dead_code)]

mod runs;
#[allow(unused_imports)]
pub use runs::*;
/// A real `newsidx serve` on a free port, over an index of fixtures.
pub mod serve;
/// A WebDriver client for the browser tests.
pub mod webdriver;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The repository's directory of sample articles.
pub fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A checked-in fixture directory under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A temporary working directory with an index location.
pub struct TestEnv {
    pub dir: TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A TestEnv with the samples copied to `articles/`.
    pub fn with_samples() -> TestEnv {
        let env = TestEnv::new();
        env.copy_dir(&samples_dir(), "articles");
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn index_dir(&self) -> PathBuf {
        self.path("index")
    }

    /// Copies the files of `from` into `rel` (created).
    pub fn copy_dir(&self, from: &Path, rel: &str) {
        let to = self.path(rel);
        std::fs::create_dir_all(&to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read fixture dir") {
            let entry = entry.expect("entry");
            if entry.file_type().expect("type").is_file() {
                std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
            }
        }
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path
    }

    /// `newsidx --index <env>/index …`, run in the env's directory, with no
    /// colour and no NEWSIDX_INDEX from the outside.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("newsidx").expect("binary built");
        cmd.current_dir(self.dir.path())
            .env_remove("NEWSIDX_INDEX")
            .env("NO_COLOR", "1")
            .arg("--index")
            .arg(self.index_dir());
        cmd
    }

    /// Runs `newsidx index articles/` and asserts success.
    pub fn index_articles(&self) -> String {
        let out = self.cmd().args(["index", "articles"]).assert().success();
        String::from_utf8(out.get_output().stderr.clone()).expect("utf8")
    }

    /// Runs `newsidx search --json ARGS…` and parses every line.
    pub fn search_json(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let out = self
            .cmd()
            .arg("search")
            .arg("--json")
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "search failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        parse_lines(&out.stdout)
    }

    /// `stats --json`.
    pub fn stats(&self) -> serde_json::Value {
        let out = self.cmd().args(["stats", "--json"]).assert().success();
        serde_json::from_slice(&out.get_output().stdout).expect("stats JSON")
    }
}

/// Parses JSON Lines output.
pub fn parse_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The file name of a hit's path.
pub fn file_name(hit: &serde_json::Value) -> String {
    Path::new(hit["path"].as_str().expect("path"))
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

/// The speakers of a hit.
pub fn speakers(hit: &serde_json::Value) -> Vec<String> {
    hit["speakers"]
        .as_array()
        .expect("speakers list")
        .iter()
        .map(|s| s.as_str().expect("speaker string").to_string())
        .collect()
}
