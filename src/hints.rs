//! Why a search found nothing, in words a user can act on: the filter that
//! matched nothing and the names it may have meant, or the undated articles
//! that a date window left out. `search` prints the hints on stderr, the
//! API answers them as `hints`, and the page shows them.
//!
//! Hints are only looked for when a search came back empty, so their cost
//! (a count per filter value, a pass over the outlet or speaker names)
//! never slows a search that found something.

use crate::attribution::directory::Directory;
use crate::error::Result;
use crate::index::tokenizers;
use crate::index::NewsIndex;
use crate::search::{passage_query, SearchRequest};
use crate::syndication::fold::FastU64;
use std::collections::{BTreeSet, HashSet};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query};
use tantivy::Searcher;

/// Names suggested for a filter value that matched nothing.
const SUGGESTIONS: usize = 3;

/// The reasons `request` (which found nothing) may have found nothing, each
/// a sentence naming the flag; empty when none is known.
pub fn why_empty(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<Vec<String>> {
    let mut hints = Vec::new();
    for source in &request.sources {
        let alone = SearchRequest {
            sources: vec![source.clone()],
            ..SearchRequest::default()
        };
        if count(index, searcher, &alone)? == 0 {
            let names = outlet_names(index, searcher)?;
            hints.push(unmatched(
                "--source",
                source,
                "outlet",
                &closest(source, names.iter().map(String::as_str)),
                "newsidx sources",
            ));
        }
    }
    for speaker in &request.speakers {
        let alone = SearchRequest {
            speakers: vec![speaker.clone()],
            ..SearchRequest::default()
        };
        if count(index, searcher, &alone)? == 0 {
            let directory = Directory::from_index(searcher, index.fields.speakers)?;
            let names: Vec<&str> = directory.groups().map(|(name, _)| name).collect();
            hints.push(unmatched(
                "--speaker",
                speaker,
                "speaker",
                &closest(speaker, names.iter().copied()),
                "newsidx speakers",
            ));
        }
    }
    if request.since.is_some() || request.until.is_some() {
        let undated = undated_articles(index, searcher, request)?;
        if undated > 0 {
            let (noun, verb) = if undated == 1 {
                ("article", "matches")
            } else {
                ("articles", "match")
            };
            hints.push(format!(
                "{undated} undated {noun} {verb} but --since/--until leave out articles \
                 without a date; drop the dates to see them"
            ));
        }
    }
    Ok(hints)
}

/// "--source \"Reutrs\" matches no outlet; did you mean Reuters?"
fn unmatched(flag: &str, value: &str, what: &str, closest: &[String], list: &str) -> String {
    match closest {
        [] => format!("{flag} {value:?} matches no {what}; `{list}` lists them"),
        names => format!(
            "{flag} {value:?} matches no {what}; did you mean {}?",
            names
                .iter()
                .map(|n| format!("{n:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

/// Passages matching `request`.
fn count(index: &NewsIndex, searcher: &Searcher, request: &SearchRequest) -> Result<usize> {
    let (query, _) = passage_query(index, searcher, request)?;
    Ok(searcher.search(&query, &Count)?)
}

/// Articles without a date that `request` would match without its dates.
fn undated_articles(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<usize> {
    let undated = SearchRequest {
        since: None,
        until: None,
        ..request.clone()
    };
    let (query, _) = passage_query(index, searcher, &undated)?;
    let field = index
        .index
        .schema()
        .get_field_name(index.fields.date)
        .to_string();
    let without_date = BooleanQuery::new(vec![
        (Occur::Must, Box::new(query) as Box<dyn Query>),
        (Occur::MustNot, Box::new(ExistsQuery::new(field, false))),
    ]);
    let docs = searcher.search(&without_date, &DocSetCollector)?;
    let article_of = FastU64::new(searcher, &index.columns, "article_key")?;
    let articles: HashSet<u64> = docs.into_iter().map(|d| article_of.get(d)).collect();
    Ok(articles.len())
}

/// Every outlet name in the index.
fn outlet_names(index: &NewsIndex, searcher: &Searcher) -> Result<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(index.fields.source_exact)?;
        let mut terms = inverted
            .terms()
            .stream()
            .map_err(tantivy::TantivyError::from)?;
        while terms.advance() {
            if let Ok(name) = std::str::from_utf8(terms.key()) {
                names.insert(name.to_string());
            }
        }
    }
    Ok(names)
}

/// Up to [`SUGGESTIONS`] of `names` closest to `wanted`: those holding it,
/// or within a few typing mistakes of it or of one of their words (case
/// and accents ignored), closest first.
pub fn closest<'a>(wanted: &str, names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let wanted = fold(wanted);
    if wanted.is_empty() {
        return Vec::new();
    }
    let allowed = (wanted.chars().count() / 3).max(1);
    let mut scored: Vec<(usize, String)> = names
        .filter_map(|name| {
            let folded = fold(name);
            let distance = if format!(" {folded} ").contains(&format!(" {wanted} ")) {
                0
            } else {
                let whole = edit_distance(&wanted, &folded);
                let words = folded
                    .split(' ')
                    .map(|w| edit_distance(&wanted, w))
                    .min()
                    .unwrap_or(whole);
                whole.min(words)
            };
            (distance <= allowed).then(|| (distance, name.to_string()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, name)| name)
        .collect()
}

/// Lower case, accents folded, words joined by single spaces.
fn fold(text: &str) -> String {
    tokenizers::tokens(&mut tokenizers::folded(), text).join(" ")
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names_allow_a_few_typing_mistakes() {
        let names = ["Reuters", "Reuters UK", "Bloomberg News", "The Guardian"];
        assert_eq!(
            closest("reutres", names.iter().copied()),
            vec!["Reuters", "Reuters UK"]
        );
        assert_eq!(
            closest("bloomberg", names.iter().copied()),
            vec!["Bloomberg News"]
        );
        assert_eq!(
            closest("Gardian", names.iter().copied()),
            vec!["The Guardian"]
        );
        assert!(closest("xinhua", names.iter().copied()).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
