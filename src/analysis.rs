//! The analysis pipeline for one file: ingest (articles and metadata), then
//! passages, then attribution. `newsidx analyze` prints its result and
//! `newsidx index` stores it; both go through [`analyze_bytes`] so they can
//! never disagree.

use crate::article::AnalyzedArticle;
use crate::ingest::{self, IngestError};
use crate::{attribution, passages};
use std::path::Path;

/// What to compute besides passages.
#[derive(Debug, Clone, Copy)]
pub struct AnalysisOptions {
    /// Find statements and speakers (off for `--no-speakers`).
    pub speakers: bool,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions { speakers: true }
    }
}

/// Analyzes the bytes of the file at `path` into articles with passages and
/// statements.
pub fn analyze_bytes(
    path: &Path,
    bytes: &[u8],
    options: AnalysisOptions,
) -> Result<Vec<AnalyzedArticle>, IngestError> {
    let articles = ingest::read_article_file(path, bytes)?;
    Ok(articles
        .into_iter()
        .map(|article| {
            let mut passages = passages::split(&article);
            let found = if options.speakers {
                attribution::attribute(&article, &mut passages)
            } else {
                attribution::Attribution::default()
            };
            AnalyzedArticle {
                article,
                passages,
                statements: found.statements,
                aliases: found.aliases,
            }
        })
        .collect())
}
