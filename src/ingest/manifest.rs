//! Sidecar manifests: a CSV or JSON Lines file that gives the metadata of
//! article files by path (`path,source,date,title,author,url`).
//!
//! A manifest named `newsidx-manifest.csv` or `newsidx-manifest.jsonl` in a
//! directory applies to the files it names there (found automatically when
//! indexing); `--manifest FILE` names one anywhere. Relative paths are
//! relative to the manifest's directory. A bad row (no path, a file that
//! does not exist, a date that is not a date) is reported by line and the
//! rest of the manifest still applies.

use super::overrides::{MetadataOverrides, Overrides};
use super::RecordWarning;
use serde_json::Value;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// File names recognized as sidecar manifests (never indexed as articles).
pub const SIDECAR_NAMES: &[&str] = &["newsidx-manifest.csv", "newsidx-manifest.jsonl"];

/// Whether a path is named like a sidecar manifest.
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| SIDECAR_NAMES.contains(&n))
}

/// Why a whole manifest could not be read.
#[derive(Debug, Error)]
pub enum ManifestError {
    #[error("cannot read the manifest: {0}")]
    Io(String),
    #[error("the manifest is not valid UTF-8 text")]
    NotUtf8,
    #[error("the CSV manifest has no `path` column in its header line (expected path,source,date,title,author,url)")]
    NoPathColumn,
    #[error("the manifest must be a .csv or .jsonl file")]
    UnknownFormat,
    #[error("the CSV manifest is malformed: {0}")]
    Csv(String),
}

/// The rows of a manifest, by canonical path, with warnings for bad rows.
pub type Rows = (Vec<(PathBuf, Overrides)>, Vec<RecordWarning>);

/// Reads the manifest at `path`.
pub fn load(path: &Path) -> Result<Rows, ManifestError> {
    let bytes =
        std::fs::read(path).map_err(|e| ManifestError::Io(crate::error::describe_io(&e)))?;
    let text = String::from_utf8(bytes).map_err(|_| ManifestError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let base = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let raw = match ext.as_deref() {
        Some("csv") => csv_rows(text)?,
        Some("jsonl") | Some("ndjson") => jsonl_rows(text),
        _ => return Err(ManifestError::UnknownFormat),
    };
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for (line, fields) in raw {
        let at = format!("line {line}");
        let fields = match fields {
            Ok(f) => f,
            Err(message) => {
                warnings.push(RecordWarning { at, message });
                continue;
            }
        };
        let get = |name: &str| {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let Some(file) = get("path") else {
            warnings.push(RecordWarning {
                at,
                message: "row has no path; skipped".into(),
            });
            continue;
        };
        let joined = base.join(&file);
        let Ok(canonical) = joined.canonicalize() else {
            warnings.push(RecordWarning {
                at,
                message: format!("no such file {}; row skipped", joined.display()),
            });
            continue;
        };
        let mut row = Overrides {
            title: get("title"),
            source: get("source"),
            author: get("author"),
            url: get("url"),
            date: None,
        };
        if let Some(date) = get("date") {
            if !row.set_date(&date) {
                warnings.push(RecordWarning {
                    at: at.clone(),
                    message: format!(
                        "date {date:?} is not a date (use YYYY-MM-DD or RFC 3339); the row's other fields apply"
                    ),
                });
            }
        }
        rows.push((canonical, row));
    }
    Ok((rows, warnings))
}

/// The directories to look for sidecar manifests in: each file's directory
/// and its ancestors up to the walked directory (`roots`) it lies in, so a
/// manifest at the top of a tree can name files in subdirectories.
pub fn sidecar_dirs<'a>(
    files: impl IntoIterator<Item = &'a Path>,
    roots: &[PathBuf],
) -> Vec<PathBuf> {
    let mut dirs = std::collections::BTreeSet::new();
    let mut last_dir: Option<&Path> = None;
    for file in files {
        // Files come sorted, so the files of one directory are together:
        // its ancestors were added with the first of them. (Compared as
        // bytes: `Path::parent` parses the path into components.)
        if last_dir.is_some_and(|dir| directly_in(file, dir)) {
            continue;
        }
        last_dir = file.parent();
        let root = roots.iter().find(|r| file.starts_with(r));
        let mut dir = file.parent();
        while let Some(d) = dir {
            if !dirs.insert(d.to_path_buf()) {
                break; // this directory and its ancestors are already in
            }
            match root {
                Some(r) if d != r.as_path() => dir = d.parent(),
                _ => break,
            }
        }
    }
    dirs.into_iter().collect()
}

/// Whether `file` is an entry of the directory `dir` (not of a
/// subdirectory), comparing the paths' bytes.
fn directly_in(file: &Path, dir: &Path) -> bool {
    let (file, dir) = (
        file.as_os_str().as_encoded_bytes(),
        dir.as_os_str().as_encoded_bytes(),
    );
    let is_separator = |b: &u8| std::path::is_separator(char::from(*b));
    file.len() > dir.len() + 1
        && file.starts_with(dir)
        && is_separator(&file[dir.len()])
        && !file[dir.len() + 1..].iter().any(is_separator)
}

/// Loads the sidecar manifests found in `dirs` into `into`; rows already
/// there (from `--manifest`) win. Returns the problems, each with the
/// manifest's path.
pub fn load_sidecars<'a>(
    dirs: impl IntoIterator<Item = &'a Path>,
    into: &mut MetadataOverrides,
) -> Vec<(PathBuf, String)> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in dirs {
        if !seen.insert(dir.to_path_buf()) {
            continue;
        }
        for name in SIDECAR_NAMES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            match load(&path) {
                Ok((rows, warnings)) => {
                    into.extend_under(rows);
                    problems.extend(warnings.into_iter().map(|w| (path.clone(), w.to_string())));
                }
                Err(e) => problems.push((path.clone(), e.to_string())),
            }
        }
    }
    problems
}

type RawRow = (usize, Result<Vec<(String, String)>, String>);

fn csv_rows(text: &str) -> Result<Vec<RawRow>, ManifestError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ManifestError::Csv(e.to_string()))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "path") {
        return Err(ManifestError::NoPathColumn);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                let fields = headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect();
                rows.push((line, Ok(fields)));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                rows.push((line, Err(format!("malformed CSV row ({e}); skipped"))));
            }
        }
    }
    Ok(rows)
}

fn jsonl_rows(text: &str) -> Vec<RawRow> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let fields = match serde_json::from_str::<Value>(l) {
                Ok(Value::Object(map)) => Ok(map
                    .into_iter()
                    .filter_map(|(k, v)| match v {
                        Value::String(s) => Some((k, s)),
                        Value::Number(n) => Some((k, n.to_string())),
                        _ => None,
                    })
                    .collect()),
                Ok(_) => Err("row is not a JSON object; skipped".to_string()),
                Err(e) => Err(format!("not valid JSON ({e}); skipped")),
            };
            (i + 1, fields)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_directly_in_its_directory_only() {
        let dir = Path::new("/news/2024");
        assert!(directly_in(Path::new("/news/2024/a.txt"), dir));
        assert!(!directly_in(Path::new("/news/2024/may/a.txt"), dir));
        assert!(!directly_in(Path::new("/news/20245/a.txt"), dir));
        assert!(!directly_in(Path::new("/news/2024"), dir));
    }

    #[test]
    fn sidecar_dirs_are_each_files_directory_and_its_ancestors_up_to_the_root() {
        let root = PathBuf::from("/news");
        let files = [
            "/news/a/1.txt",
            "/news/a/2.txt",
            "/news/a/b/3.txt",
            "/news/c/4.txt",
        ];
        let dirs = sidecar_dirs(files.iter().map(Path::new), &[root]);
        let expected = ["/news", "/news/a", "/news/a/b", "/news/c"];
        assert_eq!(dirs, expected.iter().map(PathBuf::from).collect::<Vec<_>>());
    }

    #[test]
    fn sidecars_are_looked_for_up_to_the_walked_root() {
        let roots = [PathBuf::from("/data")];
        let dirs = sidecar_dirs(
            [
                Path::new("/data/a/b/x.txt"),
                Path::new("/data/a/y.txt"),
                Path::new("/other/z.txt"),
            ],
            &roots,
        );
        let want: Vec<PathBuf> = ["/data", "/data/a", "/data/a/b", "/other"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(dirs, want);
    }

    #[test]
    fn csv_and_jsonl_manifests() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        let csv = dir.path().join("m.csv");
        std::fs::write(
            &csv,
            "path,source,date\na.txt,Reuters,22 Dec 2025\nmissing.txt,X,2025-01-01\nb.txt,AP,someday\n",
        )
        .unwrap();
        let (rows, warnings) = load(&csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1.source.as_deref(), Some("Reuters"));
        assert_eq!(rows[0].1.date.as_deref(), Some("2025-12-22T00:00:00Z"));
        assert_eq!(rows[1].1.date, None);
        let at: Vec<&str> = warnings.iter().map(|w| w.at.as_str()).collect();
        assert_eq!(at, ["line 3", "line 4"]);

        let jsonl = dir.path().join("m.jsonl");
        std::fs::write(&jsonl, "{\"path\":\"a.txt\",\"title\":\"T\"}\nnope\n").unwrap();
        let (rows, warnings) = load(&jsonl).unwrap();
        assert_eq!(rows[0].1.title.as_deref(), Some("T"));
        assert_eq!(warnings[0].at, "line 2");

        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "file,source\na.txt,X\n").unwrap();
        assert!(matches!(load(&bad), Err(ManifestError::NoPathColumn)));
    }
}
