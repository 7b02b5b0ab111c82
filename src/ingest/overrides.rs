//! Metadata given by the user rather than found in the file: flags for a
//! whole batch (`newsidx index --source NAME --date DATE`) and a sidecar
//! manifest for single files. Explicit values win over extracted ones, and
//! a manifest row (about one file) wins over the batch flags.
//!
//! Overrides change the indexed metadata without changing the file's bytes,
//! so their [`fingerprint`](Overrides::fingerprint) is folded into the
//! content hash that incremental indexing compares.

use super::date;
use crate::article::Article;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Field values that replace what was extracted from a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// RFC 3339 (normalized by [`Overrides::set_date`]).
    pub date: Option<String>,
    pub url: Option<String>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        *self == Overrides::default()
    }

    /// Sets the date from any form [`date::normalize`] reads; returns false
    /// (and leaves the date unset) if it is not a date.
    pub fn set_date(&mut self, text: &str) -> bool {
        self.date = date::normalize(text);
        self.date.is_some()
    }

    /// [`Overrides::apply`] to each of a file's articles.
    pub fn apply_all(&self, articles: &mut [Article]) {
        for article in articles {
            self.apply(article);
        }
    }

    /// Replaces the article's fields with the values given here.
    pub fn apply(&self, article: &mut Article) {
        let set = |field: &mut Option<String>, value: &Option<String>| {
            if let Some(v) = value {
                *field = Some(v.clone());
            }
        };
        set(&mut article.title, &self.title);
        set(&mut article.source, &self.source);
        set(&mut article.author, &self.author);
        set(&mut article.date, &self.date);
        set(&mut article.url, &self.url);
    }

    /// These values, with `fallback`'s where these have none.
    pub fn or(&self, fallback: &Overrides) -> Overrides {
        let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
        Overrides {
            title: pick(&self.title, &fallback.title),
            source: pick(&self.source, &fallback.source),
            author: pick(&self.author, &fallback.author),
            date: pick(&self.date, &fallback.date),
            url: pick(&self.url, &fallback.url),
        }
    }

    /// A short hash of the values, `None` when there are none.
    pub fn fingerprint(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut hasher = blake3::Hasher::new();
        for value in [
            &self.title,
            &self.source,
            &self.author,
            &self.date,
            &self.url,
        ] {
            hasher.update(value.as_deref().unwrap_or("\u{0}").as_bytes());
            hasher.update(b"\x1f");
        }
        Some(hasher.finalize().to_hex()[..16].to_string())
    }
}

/// The overrides of a run: batch values and per-file manifest rows.
#[derive(Debug, Clone, Default)]
pub struct MetadataOverrides {
    pub batch: Overrides,
    /// By canonical path.
    pub per_file: HashMap<PathBuf, Overrides>,
}

impl MetadataOverrides {
    /// The overrides that apply to the file at (canonical) `path`.
    pub fn for_file(&self, path: &Path) -> Overrides {
        match self.per_file.get(path) {
            Some(row) => row.or(&self.batch),
            None => self.batch.clone(),
        }
    }

    /// Adds manifest rows where rows already present win (sidecar
    /// manifests under `--manifest` ones).
    pub fn extend_under(&mut self, rows: impl IntoIterator<Item = (PathBuf, Overrides)>) {
        for (path, row) in rows {
            let merged = match self.per_file.get(&path) {
                Some(existing) => existing.or(&row),
                None => row,
            };
            self.per_file.insert(path, merged);
        }
    }

    /// Adds manifest rows; a later row for the same file wins.
    pub fn extend(&mut self, rows: impl IntoIterator<Item = (PathBuf, Overrides)>) {
        for (path, row) in rows {
            let merged = row.or(self.per_file.get(&path).unwrap_or(&Overrides::default()));
            self.per_file.insert(path, merged);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_values_replace_extracted_ones() {
        let mut article = Article {
            source: Some("Found".into()),
            title: Some("Kept".into()),
            ..Article::default()
        };
        let mut o = Overrides {
            source: Some("Given".into()),
            ..Overrides::default()
        };
        assert!(o.set_date("22 Dec 2025"));
        o.apply(&mut article);
        assert_eq!(article.source.as_deref(), Some("Given"));
        assert_eq!(article.title.as_deref(), Some("Kept"));
        assert_eq!(article.date.as_deref(), Some("2025-12-22T00:00:00Z"));
        assert!(!o.set_date("soon"));
    }

    #[test]
    fn manifest_rows_win_over_the_batch_and_change_the_fingerprint() {
        let mut all = MetadataOverrides {
            batch: Overrides {
                source: Some("Batch".into()),
                author: Some("A".into()),
                ..Overrides::default()
            },
            ..MetadataOverrides::default()
        };
        let before = all.for_file(Path::new("/x/a.txt")).fingerprint();
        all.extend([(
            PathBuf::from("/x/a.txt"),
            Overrides {
                source: Some("Row".into()),
                ..Overrides::default()
            },
        )]);
        let o = all.for_file(Path::new("/x/a.txt"));
        assert_eq!(o.source.as_deref(), Some("Row"));
        assert_eq!(o.author.as_deref(), Some("A"));
        assert_ne!(o.fingerprint(), before);
        assert_eq!(Overrides::default().fingerprint(), None);
    }
}
