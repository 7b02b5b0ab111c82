//! Searching the languages with stemmers of their own: one query per
//! language present, each for the passages of its language only.
//!
//! Passages in a language of [`STEMMED`] hold their text and title a
//! second time in `stemmed_text` and `stemmed_title`, analysed by their
//! language and with their terms tagged by it (`de:haus`, see
//! [`tokenizers::tagged_news`]). A query's words are read once per
//! language present: `news_tagged` reads them as German for the German
//! branch, as French for the French one. Each branch is limited to the
//! passages of its language, so a German passage is matched and scored by
//! its words in `text`, `title` and their German terms, exactly as when
//! every language had fields of its own; the English branch (and every
//! language without a stemmer) searches `text` and `title` alone.

use crate::index::schema::Fields;
use crate::index::tokenizers::{self, STEMMED};
use crate::snippet::Highlighter;
use std::sync::OnceLock;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Searcher, Term};

/// The languages of [`STEMMED`] that some passage in `searcher`'s segments
/// is written in. Queries search only these: an index without them (an
/// English corpus) is searched by one query, over `text` and `title`.
///
/// Read from the terms of the `lang` field (a few per segment).
pub fn languages_present(
    fields: &Fields,
    searcher: &Searcher,
) -> tantivy::Result<Vec<&'static str>> {
    let mut codes: Vec<Vec<u8>> = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.lang)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            if !codes.iter().any(|code| code.as_slice() == terms.key()) {
                codes.push(terms.key().to_vec());
            }
        }
    }
    Ok(STEMMED
        .iter()
        .map(|&(code, _)| code)
        .filter(|code| codes.iter().any(|c| c == code.as_bytes()))
        .collect())
}

/// The analyzers a query is read with for the branch of `language`
/// (`None`: English and the languages without a stemmer): those of the
/// index, with `news_tagged` reading untagged words as `language`.
pub fn query_tokenizers(language: Option<&'static str>) -> TokenizerManager {
    static MANAGERS: OnceLock<Vec<TokenizerManager>> = OnceLock::new();
    let managers = MANAGERS.get_or_init(|| {
        std::iter::once(None)
            .chain(STEMMED.iter().map(|&(code, _)| Some(code)))
            .map(|language| {
                let manager = TokenizerManager::default();
                tokenizers::register_on(&manager, language);
                manager
            })
            .collect()
    });
    let at = language
        .and_then(|code| STEMMED.iter().position(|(c, _)| *c == code))
        .map_or(0, |i| i + 1);
    managers[at].clone()
}

/// The fields a query's words are searched in for the branch of
/// `language`, each with its boost: `text` and `title`, and for a
/// language of [`STEMMED`] its tagged terms in `stemmed_text` and
/// `stemmed_title`.
pub fn searched_fields(
    fields: &Fields,
    language: Option<&str>,
    title_boost: f32,
) -> Vec<(Field, f32)> {
    let mut searched = vec![(fields.text, 1.0), (fields.title, title_boost)];
    if language.is_some() {
        searched.extend([
            (fields.stemmed_text, 1.0),
            (fields.stemmed_title, title_boost),
        ]);
    }
    searched
}

/// One query from the query of each branch (`query_in(None)` for English
/// and the languages without a stemmer, `query_in(Some(code))` for each of
/// `languages`), each limited to the passages of its language, so that a
/// passage is matched and scored by the query of its own language alone.
/// `None` when the query is empty (the same for every branch).
pub fn per_language<E>(
    fields: &Fields,
    languages: &[&'static str],
    mut query_in: impl FnMut(Option<&'static str>) -> Result<Option<Box<dyn Query>>, E>,
) -> Result<Option<Box<dyn Query>>, E> {
    let Some(english) = query_in(None)? else {
        return Ok(None);
    };
    if languages.is_empty() {
        return Ok(Some(english));
    }
    let lang = |code: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(fields.lang, code),
            IndexRecordOption::Basic,
        ))
    };
    let mut others = vec![(Occur::Must, english)];
    others.extend(languages.iter().map(|code| (Occur::MustNot, lang(code))));
    let mut branches: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Should, Box::new(BooleanQuery::new(others)))];
    for &code in languages {
        let Some(query) = query_in(Some(code))? else {
            continue;
        };
        // A filter: it adds nothing to the score.
        let only_this_language: Box<dyn Query> = Box::new(ConstScoreQuery::new(lang(code), 0.0));
        branches.push((
            Occur::Should,
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::Must, only_this_language),
            ])),
        ));
    }
    Ok(Some(Box::new(BooleanQuery::new(branches))))
}

/// What highlights the words of `query` in a passage written in `code`:
/// its terms of that language (in `stemmed_text`, their tag taken off),
/// found in the passage's text by that language's analyzer.
pub fn highlighter(
    fields: &Fields,
    searcher: &Searcher,
    query: &dyn Query,
    code: &str,
) -> tantivy::Result<Highlighter> {
    let language = tokenizers::stemmed_language(code)
        .map_or(tantivy::tokenizer::Language::English, |(_, l)| l);
    Highlighter::of_query(
        searcher,
        query,
        fields.stemmed_text,
        &tokenizers::term_tag(code),
        tokenizers::news_in(language),
    )
}
