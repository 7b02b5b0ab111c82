//! Search as you type on the cluster: the terms of the passages' text that
//! a word being typed may be the start of, chosen as the local index
//! chooses them ([`crate::prefix::expansions`]): the terms starting with
//! the typed word (folded, not stemmed) and its own starts of at least
//! [`MIN_STEM_CHARS`] characters that are terms, the
//! [`MAX_EXPANSIONS`] most frequent, ties by term.
//!
//! OpenSearch has no term dictionary to read in order of frequency, and a
//! `prefix` query rewritten to its top terms picks them in term order, not
//! by frequency. So the terms are listed by rewriting a `prefix` query on
//! every shard (`_validate/query?rewrite=true&all_shards=true`), and
//! counted by one `filters` aggregation: the passages holding each term,
//! exact over every shard. A rewrite is refused beyond the cluster's
//! clause limit (1,024 by default); the terms are then listed by ranges of
//! their next character (a `regexp` query per range), halving a range
//! until it holds few enough.

use super::{Engine, Kind};
use crate::error::Result;
use crate::index::tokenizers;
use crate::prefix::{MAX_EXPANSIONS, MIN_STEM_CHARS};
use serde_json::{json, Map, Value};

/// The highest code point, the end of the first range of next characters.
const LAST_CHAR: u32 = 0x10FFFF;

impl Engine {
    /// The terms of the passages' `field` (`text`, or a language's
    /// `text_de`) that `word` may be the start of, most frequent first, at
    /// most [`MAX_EXPANSIONS`] (see the module).
    pub fn expansions(&self, word: &str, field: &str) -> Result<Vec<String>> {
        let folded = tokenizers::tokens(&mut tokenizers::folded(), word);
        let [typed] = folded.as_slice() else {
            return Ok(Vec::new());
        };
        let mut candidates = Vec::new();
        self.terms_starting_with(field, typed, 0, LAST_CHAR, &mut candidates)?;
        candidates.push(typed.clone());
        candidates.extend(
            typed
                .char_indices()
                .map(|(i, _)| &typed[..i])
                .filter(|s| s.chars().count() >= MIN_STEM_CHARS)
                .map(str::to_string),
        );
        candidates.sort();
        candidates.dedup();
        let filters: Map<String, Value> = candidates
            .iter()
            .enumerate()
            .map(|(i, term)| (i.to_string(), json!({ "term": { field: term } })))
            .collect();
        let answer = self.search(
            Kind::Passages,
            &json!({
                "size": 0,
                "track_total_hits": false,
                "aggs": { "terms": { "filters": { "filters": filters } } }
            }),
        )?;
        let buckets = &answer["aggregations"]["terms"]["buckets"];
        let mut ranked: Vec<(String, u64)> = candidates
            .into_iter()
            .enumerate()
            .filter_map(|(i, term)| {
                let passages = buckets[i.to_string()]["doc_count"].as_u64()?;
                (passages > 0).then_some((term, passages))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(ranked
            .into_iter()
            .take(MAX_EXPANSIONS)
            .map(|(term, _)| term)
            .collect())
    }

    /// Adds to `out` the terms of the passages' `field` that are `prefix`
    /// followed by a character from `first` to `last` and anything after
    /// it (every term longer than `prefix` for the whole range).
    fn terms_starting_with(
        &self,
        field: &str,
        prefix: &str,
        first: u32,
        last: u32,
        out: &mut Vec<String>,
    ) -> Result<()> {
        let query = if first == 0 && last == LAST_CHAR {
            json!({ "prefix": { field: { "value": prefix, "rewrite": "scoring_boolean" } } })
        } else {
            let Some(pattern) = next_char_pattern(prefix, first, last) else {
                return Ok(());
            };
            json!({ "regexp": { field: {
                "value": pattern,
                "flags": "NONE",
                "rewrite": "scoring_boolean"
            } } })
        };
        let answer = self.cluster.expect(
            "POST",
            &format!(
                "/{}/_validate/query?rewrite=true&all_shards=true",
                self.index(Kind::Passages)
            ),
            Some(&json!({ "query": query })),
        )?;
        let explanations = answer["explanations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        // Too many terms: the shards fail (or explain an error) saying so.
        let failures = answer["_shards"]["failures"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let says_too_many = |v: &Value| v.to_string().contains("maxClauseCount");
        let too_many = failures.iter().chain(&explanations).any(says_too_many);
        if answer["valid"] == true && failures.is_empty() {
            for explanation in &explanations {
                let text = explanation["explanation"].as_str().unwrap_or_default();
                out.extend(terms_of_explanation(text, field, prefix));
            }
            return Ok(());
        }
        if !too_many {
            return Err(crate::error::Error::Cluster {
                address: self.cluster.address.clone(),
                reason: format!(
                    "listing the words that start with {prefix:?} failed: {}",
                    Value::Array(failures.into_iter().chain(explanations).collect())
                ),
            });
        }
        if first < last {
            let middle = first + (last - first) / 2;
            self.terms_starting_with(field, prefix, first, middle, out)?;
            return self.terms_starting_with(field, prefix, middle + 1, last, out);
        }
        // One next character with too many terms after it: a longer prefix.
        let Some(next) = char::from_u32(first) else {
            return Ok(());
        };
        let longer = format!("{prefix}{next}");
        out.push(longer.clone());
        self.terms_starting_with(field, &longer, 0, LAST_CHAR, out)
    }
}

/// A Lucene regular expression for `prefix`, one character from `first`
/// to `last`, then anything (every character a literal);
/// `None` when the range holds surrogates only.
fn next_char_pattern(prefix: &str, first: u32, last: u32) -> Option<String> {
    // Lucene reads `\\d`, `\\w`… as classes: letters and digits stand as
    // they are, anything else is escaped.
    let literal = |c: char| match c.is_ascii_alphanumeric() {
        true => c.to_string(),
        false => format!("\\{c}"),
    };
    let bound = |code: u32| char::from_u32(code).map_or(String::new(), literal);
    let escaped: String = prefix.chars().map(literal).collect();
    // Surrogates are no characters: a range ending or starting in them
    // is cut to the characters around them.
    let surrogates = 0xD800..=0xDFFF;
    let first = if surrogates.contains(&first) {
        0xE000
    } else {
        first
    };
    let last = if surrogates.contains(&last) {
        0xD7FF
    } else {
        last
    };
    (first <= last).then(|| format!("{escaped}[{}-{}].*", bound(first.max(1)), bound(last)))
}

/// The terms a rewritten query's explanation lists (`FIELD:TERM` clauses,
/// maybe boosted or in parentheses) that start with `prefix`.
fn terms_of_explanation<'a>(
    explanation: &'a str,
    field: &str,
    prefix: &'a str,
) -> impl Iterator<Item = String> + 'a {
    let clause = format!("{field}:");
    explanation
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter_map(move |part| part.strip_prefix(clause.as_str()).map(str::to_string))
        .map(|term| term.split('^').next().unwrap_or(&term).to_string())
        .filter(move |term| term.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewritten_clauses_give_their_terms() {
        let text = "(text:negoti)^1.0 (text:negotiator)^1.0 text:negotiated";
        let terms: Vec<String> = terms_of_explanation(text, "text", "nego").collect();
        assert_eq!(terms, vec!["negoti", "negotiator", "negotiated"]);
        assert_eq!(
            terms_of_explanation("MatchNoDocsQuery(\"\")", "text", "a").count(),
            0
        );
    }

    #[test]
    fn next_characters_are_escaped_literals_without_surrogates() {
        assert_eq!(next_char_pattern("ab", 0x61, 0x6D).unwrap(), "ab[a-m].*");
        assert_eq!(
            next_char_pattern("x", 0xD000, 0xD900).unwrap(),
            "x[\\\u{D000}-\\\u{D7FF}].*"
        );
        assert_eq!(next_char_pattern("x", 0xD900, 0xDA00), None);
    }
}
