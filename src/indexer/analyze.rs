//! The analysis pipeline for one file: ingest (articles and metadata), then
//! passages, then attribution. `newsidx analyze` prints its result and
//! `newsidx index` stores it; both go through [`analyze_bytes`] so they can
//! never disagree.

use crate::article::AnalyzedArticle;
use crate::ingest::overrides::Overrides;
use crate::ingest::{self, IngestError, RecordWarning};
use crate::{attribution, language, passages};
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

/// The analysed articles of one file, and the records of it that were
/// skipped.
#[derive(Debug, Default)]
pub struct AnalyzedFile {
    pub articles: Vec<AnalyzedArticle>,
    pub warnings: Vec<RecordWarning>,
}

/// Analyzes the bytes of the file at `path` into articles with passages and
/// statements. `overrides` replace the metadata found in the file.
pub fn analyze_bytes(
    path: &Path,
    bytes: &[u8],
    options: AnalysisOptions,
    overrides: &Overrides,
) -> Result<AnalyzedFile, IngestError> {
    analyze_owned(path, bytes.to_vec(), options, overrides)
}

/// [`analyze_bytes`] of bytes the caller gives up: they become the text
/// (a UTF-8 file's without a copy) and are not held while passages and
/// statements are found, and the text is dropped once it is cut into
/// passages: a long article is in memory twice only while it is split, and
/// once (as passages) after that. An analysed article's `body` is empty.
pub fn analyze_owned(
    path: &Path,
    bytes: Vec<u8>,
    options: AnalysisOptions,
    overrides: &Overrides,
) -> Result<AnalyzedFile, IngestError> {
    let file = ingest::read_article_file_owned(path, bytes)?;
    let articles = file
        .articles
        .into_iter()
        .map(|mut article| {
            overrides.apply(&mut article);
            let mut passages = passages::split(&article);
            for passage in &mut passages {
                passage.line = article.file_line(passage.line);
            }
            // The passages hold every word that is used from here on: the
            // body and the maps into it are not held beside them.
            article.body = String::new();
            article.excluded = Vec::new();
            article.body_lines = Vec::new();
            let found =
                if options.speakers && language::attribution_applies(article.lang.as_deref()) {
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
        .collect();
    Ok(AnalyzedFile {
        articles,
        warnings: file.warnings,
    })
}
