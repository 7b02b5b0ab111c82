//! Search as you type: the last word of a query, still being typed, also
//! matches as the start of longer words (`negot` finds "negotiations"), as
//! Meilisearch and Pagefind users expect of a search box.
//!
//! Text is indexed stemmed (`negotiations` → `negoti`), so the typed word
//! is folded (lower case, accents) but not stemmed and matched against the
//! term dictionary two ways: terms that start with it, and terms it starts
//! with of at least [`MIN_STEM_CHARS`] characters (the stem of the word
//! being typed, once the typing has gone past it: `negotia` → `negoti`).
//! The matching terms, most frequent first, become ordinary term queries,
//! so they rank by BM25 and are highlighted like typed words. Expanding
//! reads the dictionary range under the word once per segment: time linear
//! in the terms that start with it.

use crate::index::tokenizers;
use std::collections::HashMap;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

/// Terms one typed word expands to, at most (the most frequent).
pub const MAX_EXPANSIONS: usize = 50;

/// The shortest stem the typed word may be matched by when it is longer
/// than the stem.
pub const MIN_STEM_CHARS: usize = 4;

/// Splits `query` into what comes before its last word and that word, when
/// the last word is a plain word being typed: letters and digits only,
/// after a space (or alone), outside any quotes, and not an operator.
pub fn last_word(query: &str) -> Option<(&str, &str)> {
    let trimmed = query.trim_end();
    if trimmed.len() != query.len() {
        // A space after the word: it is finished.
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let (rest, word) = trimmed.split_at(start);
    if !(rest.is_empty() || rest.ends_with(char::is_whitespace)) {
        return None;
    }
    if matches!(word, "AND" | "OR" | "NOT") || rest.matches('"').count() % 2 == 1 {
        return None;
    }
    let previous = rest.split_whitespace().last();
    if matches!(previous, Some("AND" | "OR" | "NOT")) {
        // `a OR neg`: the prefix would change what OR joins.
        return None;
    }
    Some((rest, word))
}

/// The terms of `field` that open with `tag` and go on with what `word`
/// may be the start of (tag included), most frequent first, at most
/// [`MAX_EXPANSIONS`].
pub fn expansions(
    searcher: &Searcher,
    field: Field,
    tag: &str,
    word: &str,
) -> tantivy::Result<Vec<String>> {
    let folded = tokenizers::tokens(&mut tokenizers::folded(), word);
    let [typed] = folded.as_slice() else {
        return Ok(Vec::new());
    };
    let mut frequency: HashMap<Vec<u8>, u64> = HashMap::new();
    let stems: Vec<String> = typed
        .char_indices()
        .map(|(i, _)| &typed[..i])
        .filter(|s| s.chars().count() >= MIN_STEM_CHARS)
        .map(|stem| format!("{tag}{stem}"))
        .collect();
    let typed = format!("{tag}{typed}");
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let terms = inverted.terms();
        let mut stream = terms.range().ge(typed.as_bytes()).into_stream()?;
        while stream.advance() {
            if !stream.key().starts_with(typed.as_bytes()) {
                break;
            }
            *frequency.entry(stream.key().to_vec()).or_default() +=
                u64::from(stream.value().doc_freq);
        }
        for stem in &stems {
            if let Some(info) = terms.get(stem.as_bytes())? {
                *frequency.entry(stem.as_bytes().to_vec()).or_default() += u64::from(info.doc_freq);
            }
        }
    }
    let mut ranked: Vec<(Vec<u8>, u64)> = frequency.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(ranked
        .into_iter()
        .take(MAX_EXPANSIONS)
        .filter_map(|(term, _)| String::from_utf8(term).ok())
        .collect())
}

/// A query matching any expansion of `word` in `fields` (each with its
/// boost) among the terms that open with `tag` (a language's, see
/// [`tokenizers::term_tag`], or none), or `None` when nothing in the
/// index starts with it.
pub fn word_query(
    searcher: &Searcher,
    fields: &[(Field, f32)],
    tag: &str,
    word: &str,
) -> tantivy::Result<Option<Box<dyn Query>>> {
    let Some(&(first, _)) = fields.first() else {
        return Ok(None);
    };
    let terms = expansions(searcher, first, tag, word)?;
    if terms.is_empty() {
        return Ok(None);
    }
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &(field, boost) in fields {
        for term in &terms {
            let query = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            let query: Box<dyn Query> = if boost == 1.0 {
                Box::new(query)
            } else {
                Box::new(BoostQuery::new(Box::new(query), boost))
            };
            alternatives.push((Occur::Should, query));
        }
    }
    Ok(Some(Box::new(BooleanQuery::new(alternatives))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_plain_word_is_the_one_being_typed() {
        assert_eq!(last_word("negot"), Some(("", "negot")));
        assert_eq!(last_word("peace negot"), Some(("peace ", "negot")));
        assert_eq!(
            last_word("\"peace talks\" negot"),
            Some(("\"peace talks\" ", "negot"))
        );
        assert_eq!(last_word("Zelenskyy 202"), Some(("Zelenskyy ", "202")));
    }

    /// An index of one article about negotiations.
    fn negotiations_index(dir: &std::path::Path) -> crate::index::NewsIndex {
        use crate::indexer::pipeline::{index_paths, IndexOptions, Silent};
        let articles = dir.join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            articles.join("a.txt"),
            "Talks resume\n\ndate 2025-05-01\n\nThe negotiations resumed on Monday in Geneva.\n\nThe weather was mild.\n",
        )
        .unwrap();
        let index = crate::index::NewsIndex::create(&dir.join("index")).unwrap();
        index_paths(&index, &[articles], &IndexOptions::default(), &Silent).unwrap();
        index
    }

    #[test]
    fn a_typed_start_finds_the_stemmed_word_before_and_after_its_stem() {
        use crate::search::{search, SearchRequest};
        let dir = tempfile::tempdir().unwrap();
        let index = negotiations_index(dir.path());
        let searcher = index.reader().unwrap().searcher();
        let text = index.fields.text;
        // "negotiations" is indexed as its stem, "negoti".
        assert_eq!(
            expansions(&searcher, text, "", "nego").unwrap(),
            vec!["negoti"]
        );
        assert_eq!(
            expansions(&searcher, text, "", "Négotia").unwrap(),
            vec!["negoti"]
        );
        assert!(expansions(&searcher, text, "", "negx").unwrap().is_empty());
        let found = |query: &str, prefix: bool| {
            let request = SearchRequest {
                query: query.into(),
                prefix,
                ..SearchRequest::default()
            };
            let hits = search(&index, &searcher, &request).unwrap().hits;
            hits.iter().map(|h| h.snippet.clone()).collect::<Vec<_>>()
        };
        for typed in ["negot", "Geneva negotia", "resumed nego"] {
            let hits = found(typed, true);
            assert_eq!(hits.len(), 1, "{typed}: {hits:?}");
            assert!(hits[0].contains("negotiations"), "{typed}: {hits:?}");
            assert!(found(typed, false).is_empty(), "{typed} without prefix");
        }
        // Whole words still match as words; the earlier words are required.
        assert_eq!(found("negotiations", true).len(), 1);
        assert!(found("weather negot", true).is_empty());
    }

    #[test]
    fn finished_quoted_fielded_or_operator_words_are_not_prefixes() {
        for query in [
            "",
            "negot ",
            "\"peace negot",
            "title:negot",
            "-negot",
            "peace OR",
            "peace OR negot",
            "peace NOT negot",
            "(negot",
            "negot)",
            "O'Neill",
        ] {
            assert_eq!(last_word(query), None, "{query:?}");
        }
    }
}
