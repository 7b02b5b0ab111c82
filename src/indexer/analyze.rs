//! The analysis pipeline for one file: ingest (articles and metadata), then
//! passages, then attribution. `newsidx analyze` prints its result and
//! `newsidx index` stores it; both go through [`analyze_article`] so they
//! can never disagree.

use crate::article::{AnalyzedArticle, Article, Passage, Statement};
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
/// statements are found. An analysed article's `body` is empty.
pub fn analyze_owned(
    path: &Path,
    bytes: Vec<u8>,
    options: AnalysisOptions,
    overrides: &Overrides,
) -> Result<AnalyzedFile, IngestError> {
    analyze_file(ingest_owned(path, bytes, overrides)?, options)
}

/// Analyses the articles read from a file.
fn analyze_file(
    file: ingest::ArticleFile,
    options: AnalysisOptions,
) -> Result<AnalyzedFile, IngestError> {
    let mut articles: Vec<AnalyzedArticle> = Vec::new();
    for article in file.articles {
        analyze_article(article, options, usize::MAX, &mut |piece| {
            match piece {
                ArticlePart::Begin(article) => articles.push(AnalyzedArticle {
                    article: *article,
                    passages: Vec::new(),
                    statements: Vec::new(),
                    aliases: Vec::new(),
                }),
                ArticlePart::Passages { passages, aliases } => {
                    let last = articles.last_mut().expect("an article begins first");
                    for (passage, statements) in passages {
                        last.passages.push(passage);
                        last.statements.extend(statements);
                    }
                    if !aliases.is_empty() {
                        last.aliases = aliases;
                    }
                }
            }
            true
        })?;
    }
    Ok(AnalyzedFile {
        articles,
        warnings: file.warnings,
    })
}

/// [`analyze_owned`] of a file as [`super::walk::read_article`] read it.
pub fn analyze_content(
    path: &Path,
    content: ingest::FileContent,
    options: AnalysisOptions,
    overrides: &Overrides,
) -> Result<AnalyzedFile, IngestError> {
    analyze_file(ingest_content(path, content, overrides)?, options)
}

/// [`ingest_owned`] of a file as [`super::walk::read_article`] read it.
pub fn ingest_content(
    path: &Path,
    content: ingest::FileContent,
    overrides: &Overrides,
) -> Result<ingest::ArticleFile, IngestError> {
    let mut file = ingest::read_article_content(path, content)?;
    overrides.apply_all(&mut file.articles);
    Ok(file)
}

/// Reads the articles of the file at `path` from its bytes (which become
/// the text, a UTF-8 file's without a copy) and applies `overrides`.
pub fn ingest_owned(
    path: &Path,
    bytes: Vec<u8>,
    overrides: &Overrides,
) -> Result<ingest::ArticleFile, IngestError> {
    let mut file = ingest::read_article_file_owned(path, bytes)?;
    overrides.apply_all(&mut file.articles);
    Ok(file)
}

/// What [`analyze_article`] hands on, in order: the article, then its
/// passages in parts.
pub enum ArticlePart {
    /// The article's metadata (its `body` emptied).
    Begin(Box<Article>),
    /// The next passages of the article, each with its statements, and
    /// the speaker aliases known so far (empty: unchanged).
    Passages {
        passages: Vec<(Passage, Vec<Statement>)>,
        aliases: Vec<(String, Vec<String>)>,
    },
}

/// Cuts `article` into passages, finds their statements and hands them to
/// `emit` in parts of at most `part_passages` passages; stops when `emit`
/// returns false, and returns false then.
///
/// An article of up to [`attribution::LONG_ARTICLE_BYTES`] (every news
/// article) is cut, its text dropped, and attributed whole. A longer one
/// is read twice ([`attribution::LongArticle`]): its passages and
/// statements are held only a part at a time, and its text, when it was
/// not held ([`Article::body_file`]), is read from its file each time, so
/// that what it holds is bounded whatever its length. Fails with
/// [`IngestError::Changed`] if the file no longer holds what was first
/// read of it (after handing on some parts, possibly).
pub fn analyze_article(
    mut article: Article,
    options: AnalysisOptions,
    part_passages: usize,
    emit: &mut dyn FnMut(ArticlePart) -> bool,
) -> Result<bool, IngestError> {
    let speakers = options.speakers && language::attribution_applies(article.lang.as_deref());
    let part_passages = part_passages.max(1);
    let text = take_text(&mut article);
    if text.body_len() > attribution::LONG_ARTICLE_BYTES {
        return analyze_long(article, text, speakers, part_passages, emit);
    }
    let mut passages = passages::split(&text);
    for passage in &mut passages {
        passage.line = text.file_line(passage.line);
    }
    // The passages hold every word that is used from here on.
    drop(text);
    let found = if speakers {
        attribution::attribute(&article, &mut passages)
    } else {
        attribution::Attribution::default()
    };
    if !emit(ArticlePart::Begin(Box::new(article))) {
        return Ok(false);
    }
    let mut by_passage: Vec<Vec<Statement>> = passages.iter().map(|_| Vec::new()).collect();
    for s in found.statements {
        if let Some(of_passage) = by_passage.get_mut(s.passage) {
            of_passage.push(s);
        }
    }
    let mut aliases = found.aliases;
    let mut pairs = passages.into_iter().zip(by_passage).peekable();
    while pairs.peek().is_some() {
        let part: Vec<(Passage, Vec<Statement>)> = pairs.by_ref().take(part_passages).collect();
        let aliases = std::mem::take(&mut aliases);
        if !emit(ArticlePart::Passages {
            passages: part,
            aliases,
        }) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What the passages of `article` are cut from, taken out of it: what
/// every passage's document shares stays.
fn take_text(article: &mut Article) -> Article {
    Article {
        path: article.path.clone(),
        body: std::mem::take(&mut article.body),
        body_file: article.body_file.take(),
        excluded: std::mem::take(&mut article.excluded),
        body_lines: std::mem::take(&mut article.body_lines),
        items: std::mem::take(&mut article.items),
        origin: article.origin,
        headings_marked: article.headings_marked,
        ..Article::default()
    }
}

/// The passages [`analyze_article`] cuts `article` into, without
/// attribution (which never changes a passage's text): for what needs
/// only their texts.
pub fn passages_of(mut article: Article, each: &mut dyn FnMut(Passage)) {
    let text = take_text(&mut article);
    passages::split_each(&text, each);
}

/// [`analyze_article`] of an article longer than
/// [`attribution::LONG_ARTICLE_BYTES`], whose text is `text`.
fn analyze_long(
    article: Article,
    text: Article,
    speakers: bool,
    part_passages: usize,
    emit: &mut dyn FnMut(ArticlePart) -> bool,
) -> Result<bool, IngestError> {
    let mut first_reading = Ok(());
    let mut long = speakers.then(|| {
        attribution::LongArticle::learn(|each| {
            first_reading = passages::try_split_each(&text, each);
        })
    });
    first_reading?;
    if !emit(ArticlePart::Begin(Box::new(article))) {
        return Ok(false);
    }
    let mut part: Vec<Passage> = Vec::with_capacity(part_passages.min(4096));
    let mut going = true;
    let mut hand_on = |part: &mut Vec<Passage>| -> bool {
        let mut passages = std::mem::take(part);
        let (statements, aliases) = match long.as_mut() {
            Some(long) => (long.attribute(&mut passages), long.aliases()),
            None => (Vec::new(), Vec::new()),
        };
        let first = passages.first().map_or(0, |p| p.number);
        let mut by_passage: Vec<Vec<Statement>> = passages.iter().map(|_| Vec::new()).collect();
        for s in statements {
            if let Some(of_passage) = s
                .passage
                .checked_sub(first)
                .and_then(|i| by_passage.get_mut(i))
            {
                of_passage.push(s);
            }
        }
        emit(ArticlePart::Passages {
            passages: passages.into_iter().zip(by_passage).collect(),
            aliases,
        })
    };
    passages::try_split_each(&text, &mut |mut passage| {
        if !going {
            return;
        }
        passage.line = text.file_line(passage.line);
        part.push(passage);
        if part.len() == part_passages {
            going = hand_on(&mut part);
        }
    })?;
    if going && !part.is_empty() {
        going = hand_on(&mut part);
    }
    Ok(going)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indexer::walk::read_article;

    /// A long Markdown article with front matter, a title, a byline,
    /// section headings, quotes and a credit at its end.
    fn long_markdown() -> String {
        let mut text = String::from(
            "---\ntitle: Harbour works\nsource: Example News\n---\n# Harbour works\n\nBy Jane Doe\n\n",
        );
        let mut i = 0;
        while text.len() < 3 * attribution::LONG_ARTICLE_BYTES {
            if i % 40 == 0 {
                text.push_str(&format!("## Works At Berth {i}\n\n"));
            }
            text.push_str(&format!(
                "\"The pier at berth {i} will reopen on Monday,\" said Anna Berg, the \
                 harbour master.\r\nOfficials said repairs had cost {i} pounds.\n\n"
            ));
            i += 1;
        }
        text.push_str("Reporting by Reuters\n");
        text
    }

    /// What `analyze` prints of a file, in the order it prints it.
    fn printed(file: &AnalyzedFile) -> String {
        let mut out = String::new();
        for a in &file.articles {
            let mut article = a.article.clone();
            article.body_file = None;
            out.push_str(&format!(
                "{article:?}\n{:?}\n{:?}\n{:?}\n",
                a.passages, a.statements, a.aliases
            ));
        }
        out
    }

    #[test]
    fn a_long_article_read_again_from_its_file_is_analysed_as_one_held_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let text = long_markdown();
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        for (name, bytes) in [
            ("utf-8.md", text.into_bytes()),
            ("utf-8 with a byte-order mark.md", with_bom),
            ("utf-16.md", utf16),
        ] {
            let path = tmp.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let read = read_article(&path, 1 << 30).unwrap();
            assert!(
                matches!(read.content, ingest::FileContent::Long(_)),
                "{name}: a long body is not held"
            );
            let options = AnalysisOptions::default();
            let overrides = Overrides::default();
            let streamed = analyze_content(&path, read.content, options, &overrides).unwrap();
            let held = analyze_bytes(&path, &bytes, options, &overrides).unwrap();
            assert!(held.articles[0].passages.len() > 10_000, "{name}");
            assert_eq!(
                held.articles[0].article.title.as_deref(),
                Some("Harbour works")
            );
            assert_eq!(printed(&streamed), printed(&held), "{name}");
        }
    }

    #[test]
    fn a_long_article_changed_between_its_readings_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("long.md");
        let text = long_markdown();
        for change in ["same length", "longer", "shorter"] {
            std::fs::write(&path, &text).unwrap();
            let read = read_article(&path, 1 << 30).unwrap();
            let file = ingest_content(&path, read.content, &Overrides::default()).unwrap();
            // The file is rewritten after its first reading.
            let changed = match change {
                "same length" => text.replacen("Anna Berg", "Anna Borg", 1),
                "longer" => format!("{text}More text.\n"),
                _ => text[..text.len() - 40].to_string(),
            };
            std::fs::write(&path, changed).unwrap();
            let mut parts = 0;
            let result = analyze_article(
                file.articles.into_iter().next().unwrap(),
                AnalysisOptions::default(),
                512,
                &mut |_| {
                    parts += 1;
                    true
                },
            );
            assert!(
                matches!(result, Err(IngestError::Changed)),
                "{change}: {result:?}"
            );
            // Refused before any passage was handed on (the first reading
            // learns the names).
            assert_eq!(parts, 0, "{change}");
        }
    }
}
