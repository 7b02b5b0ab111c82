//! Helpers for the fault, crash and bad-input tests: running the real
//! binary as a plain process (to spawn, signal and kill it), and reading
//! what an index holds through `newsidx stats --json`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `newsidx` binary built by cargo.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_newsidx"))
}

/// `newsidx --index INDEX ARGS...`, colour off.
pub fn newsidx(index: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--index")
        .arg(index)
        .arg("--color=never")
        .args(args);
    cmd.env_remove("NEWSIDX_INDEX");
    cmd
}

/// Runs a command to the end and returns what it printed.
pub fn run<C: std::borrow::BorrowMut<Command>>(mut cmd: C) -> Output {
    cmd.borrow_mut().output().expect("newsidx runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What `stats --json` says an index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holds {
    pub files: u64,
    pub articles: u64,
    pub passages: u64,
    pub attributed_passages: u64,
}

/// Reads what the index holds; panics with the command's output if `stats`
/// fails (an index that does not open is a failure in every test).
pub fn holds(index: &Path) -> Holds {
    let out = run(newsidx(index, &["stats", "--json"]));
    assert!(
        out.status.success(),
        "stats failed on {}: {}",
        index.display(),
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stats prints JSON");
    let n = |k: &str| {
        v[k].as_u64()
            .unwrap_or_else(|| panic!("stats has {k}: {v}"))
    };
    Holds {
        files: n("files"),
        articles: n("articles"),
        passages: n("passages"),
        attributed_passages: n("attributed_passages"),
    }
}

/// The number of passages `search QUERY --all` matches (every copy, not
/// folded: a count that does not depend on grouping), from `--json` output
/// (exit 1, no match, counts as zero).
pub fn search_total(index: &Path, query: &str) -> Result<usize, String> {
    let out = run(newsidx(
        index,
        &["search", query, "--all", "--json", "-n", "100000"],
    ));
    match out.status.code() {
        Some(0) | Some(1) => Ok(stdout(&out).lines().count()),
        _ => Err(stderr(&out)),
    }
}

/// Copies a directory tree (files only; enough for corpora and fixtures).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The shared BBC corpus beside the repository, if present (see
/// [`shared`]).
pub fn bbc_corpus() -> Option<PathBuf> {
    shared("corpora/bbc")
}

/// `../shared/REL`, the project's shared material beside the repository,
/// if present. Under `CI` a missing one fails the test, saying what is
/// missing; elsewhere the test is skipped with a line on the terminal
/// (written past the test harness's capture, so a missing set-up never
/// looks like a pass).
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!(
            "{test} needs {} (the project's shared material, checked out beside the repository as ../shared); \
             CI is set, so a missing one is a failure: provide ../shared or unset CI to skip",
            path.display()
        );
    }
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {} not found (set CI=1 to make this a failure)",
        path.display()
    );
    None
}

/// A small deterministic random number generator (xorshift64*), so a
/// failing run can be replayed from the seed it prints.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn from_env_or_time(var: &str) -> (Rng, u64) {
        let seed = std::env::var(var)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        (Rng::new(seed), seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
