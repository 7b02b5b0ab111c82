//! `--engine`: `quotes`, `speakers` and `sources` answered from an
//! OpenSearch cluster that `push` filled, with the same typed results as
//! the local index (so `output` prints them the same way).
//!
//! The cluster holds what push sent: statement, article and passage
//! records under `NAME-statements`, `NAME-articles` and `NAME-passages`.
//! Filters become term and range filters. Names typed by the user (a
//! speaker's surname, an outlet in any case) are matched the way the local
//! index matches them, against the distinct names the cluster holds (read
//! with a composite aggregation), and the exact names found become a
//! `terms` filter: the same rule on both sides, so the same records match.
//! Counts come from composite aggregations, which page through every
//! bucket: exact, where `cardinality` would estimate.

pub mod browse;

use crate::error::Error;
use crate::opensearch::Cluster;
use crate::search::SearchRequest;
use serde_json::{json, Value};

/// Buckets asked for in one page of a composite aggregation.
const PAGE: usize = 5000;

/// The cluster indexes `push --name NAME` fills.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Statements,
    Articles,
    Passages,
}

/// A cluster that push filled, under one name.
pub struct Engine {
    pub cluster: Cluster,
    /// The push name (index prefix).
    pub name: String,
}

impl Engine {
    /// Connects to the cluster at `address` and checks that push has
    /// filled indexes named `name` there.
    pub fn connect(address: &str, name: &str) -> Result<Engine, Error> {
        let cluster = Cluster::connect(address)?;
        let engine = Engine {
            cluster,
            name: name.to_string(),
        };
        for kind in [Kind::Statements, Kind::Articles, Kind::Passages] {
            let index = engine.index(kind);
            match engine.cluster.call("HEAD", &format!("/{index}"), None) {
                crate::opensearch::Reply::Answer(200, _) => {}
                crate::opensearch::Reply::Answer(404, _) => {
                    return Err(Error::ClusterIndex {
                        address: engine.cluster.address.clone(),
                        index,
                        reason: format!(
                            "no such index; fill it with `newsidx push --to {} --name {name}` (a push by an older newsidx sent no passages: push again), or give the name pushed with --engine-name",
                            engine.cluster.address
                        ),
                    })
                }
                other => return Err(engine.cluster.failed("HEAD", &format!("/{index}"), other)),
            }
        }
        Ok(engine)
    }

    /// The cluster index of `kind`.
    pub fn index(&self, kind: Kind) -> String {
        let [statements, articles, passages] = crate::push::index_names(&self.name);
        match kind {
            Kind::Statements => statements,
            Kind::Articles => articles,
            Kind::Passages => passages,
        }
    }

    /// One search request on `kind`'s index; its answer.
    pub fn search(&self, kind: Kind, body: &Value) -> Result<Value, Error> {
        self.cluster.expect(
            "POST",
            &format!("/{}/_search", self.index(kind)),
            Some(body),
        )
    }

    /// Every bucket of a composite aggregation over `sources` (a list of
    /// `{NAME: {"terms": {...}}}`) on the records of `kind` matching
    /// `filter`, with `aggs` under each bucket: `(key, bucket)` pairs.
    pub fn composite(
        &self,
        kind: Kind,
        filter: &[Value],
        sources: Value,
        aggs: Option<Value>,
    ) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        let mut after: Option<Value> = None;
        loop {
            let mut composite = json!({ "size": PAGE, "sources": sources });
            if let Some(a) = &after {
                composite["after"] = a.clone();
            }
            let mut agg = json!({ "composite": composite });
            if let Some(sub) = &aggs {
                agg["aggs"] = sub.clone();
            }
            let body = json!({
                "size": 0,
                "track_total_hits": false,
                "query": { "bool": { "filter": filter } },
                "aggs": { "all": agg }
            });
            let answer = self.search(kind, &body)?;
            let all = &answer["aggregations"]["all"];
            let buckets = all["buckets"].as_array().cloned().unwrap_or_default();
            let done = buckets.len() < PAGE;
            out.extend(buckets);
            match all.get("after_key") {
                Some(key) if !done => after = Some(key.clone()),
                _ => return Ok(out),
            }
        }
    }

    /// The distinct values of keyword `field` in `kind`'s records (all of
    /// them, no filter), with how many records carry each.
    pub fn distinct(&self, kind: Kind, field: &str) -> Result<Vec<(String, u64)>, Error> {
        let buckets = self.composite(
            kind,
            &[],
            json!([{ "v": { "terms": { "field": field } } }]),
            None,
        )?;
        Ok(buckets
            .iter()
            .filter_map(|b| {
                Some((
                    b["key"]["v"].as_str()?.to_string(),
                    b["doc_count"].as_u64().unwrap_or(0),
                ))
            })
            .collect())
    }

    /// The filters of `request` on `kind`'s records: outlets, languages and
    /// dates. A query, or languages on records that carry none, are usage
    /// errors naming the flag.
    pub fn filters(&self, kind: Kind, request: &SearchRequest) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        if !request.query.trim().is_empty() {
            return Err(Error::BadFilter {
                flag: "--engine",
                message: "--engine does not take a QUERY for this command yet; leave the query out, or search the local index".to_string(),
            });
        }
        if !request.sources.is_empty() {
            let names: Vec<String> = self
                .distinct(kind, "source")?
                .into_iter()
                .map(|(name, _)| name)
                .filter(|name| request.sources.iter().any(|w| source_matches(name, w)))
                .collect();
            out.push(json!({ "terms": { "source": names } }));
        }
        if !request.langs.is_empty() {
            if kind != Kind::Passages {
                return Err(Error::BadFilter {
                    flag: "--lang",
                    message: "--lang cannot be used with --engine here: the cluster's statement records carry no language".to_string(),
                });
            }
            out.push(json!({ "terms": { "lang": request.langs } }));
        }
        if request.since.is_some() || request.until.is_some() {
            let mut range = json!({ "format": "epoch_second" });
            if let Some(since) = request.since {
                range["gte"] = since.timestamp().into();
            }
            if let Some(until) = request.until {
                range["lte"] = until.timestamp().into();
            }
            out.push(json!({ "range": { "published_at": range } }));
        }
        Ok(out)
    }
}

impl Engine {
    /// The filter on passage records that `--speaker` puts on passages
    /// locally: one of the passage's names, or of the other forms written
    /// for them, is the requested name (a one-word request is a surname),
    /// or its canonical name is one the directory gives for the request.
    pub fn speaker_filter(&self, requested: &[String]) -> Result<Value, Error> {
        let names = self.distinct(Kind::Passages, "speakers")?;
        let pairs = self.distinct(Kind::Passages, "speaker_aliases")?;
        let directory = crate::attribution::directory::Directory::build(names.clone());
        let matching: Vec<&str> = requested
            .iter()
            .flat_map(|r| directory.matching(r))
            .collect();
        let names: Vec<String> = names
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| {
                matching.contains(&name.as_str()) || requested.iter().any(|r| form_matches(name, r))
            })
            .collect();
        let pairs: Vec<String> = pairs
            .into_iter()
            .map(|(pair, _)| pair)
            .filter(|pair| {
                pair.split_once(crate::index::schema::ALIAS_SEPARATOR)
                    .is_some_and(|(_, form)| requested.iter().any(|r| form_matches(form, r)))
            })
            .collect();
        Ok(json!({ "bool": { "minimum_should_match": 1, "should": [
            { "terms": { "speakers": names } },
            { "terms": { "speaker_aliases": pairs } }
        ] } }))
    }
}

/// Whether the written name `form` is the name `requested`, as the local
/// index's speaker fields match it (the `name` analyzer on both): a
/// one-word request is the form's surname, a longer one a run of its
/// words.
pub fn form_matches(form: &str, requested: &str) -> bool {
    use crate::index::tokenizers::{name, tokens};
    let mut analyzer = name();
    let want = tokens(&mut analyzer, requested);
    match want.len() {
        0 => false,
        1 => {
            let words: Vec<&str> = form.split_whitespace().collect();
            let surname = crate::attribution::names::surname(&words);
            tokens(&mut analyzer, surname).contains(&want[0])
        }
        n => tokens(&mut analyzer, form)
            .windows(n)
            .any(|w| w == want.as_slice()),
    }
}

/// Whether the outlet `name` is asked for by `wanted`, as the local index
/// matches `--source`: `wanted`'s words (lower case, accents folded) occur
/// in `name` as a run of whole words.
pub fn source_matches(name: &str, wanted: &str) -> bool {
    let mut analyzer = crate::index::tokenizers::folded();
    let have = crate::index::tokenizers::tokens(&mut analyzer, name);
    let want = crate::index::tokenizers::tokens(&mut analyzer, wanted);
    !want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice())
}

impl Engine {
    /// The folder every pushed article lies in (for showing paths).
    pub fn common_folder(&self) -> Result<Option<std::path::PathBuf>, Error> {
        let edge = |order: &str| -> Result<Option<String>, Error> {
            let answer = self.search(
                Kind::Articles,
                &json!({ "size": 1, "_source": ["path"], "sort": [{ "path": order }] }),
            )?;
            Ok(answer["hits"]["hits"][0]["_source"]["path"]
                .as_str()
                .map(str::to_string))
        };
        Ok(match (edge("asc")?, edge("desc")?) {
            // As the local index tells it (the same paths, sorted by bytes).
            (Some(first), Some(last)) => {
                crate::index::records::folder_holding([first.as_bytes(), last.as_bytes()])
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_match_as_runs_of_whole_folded_words() {
        assert!(source_matches("Thomson Reuters", "reuters"));
        assert!(source_matches("Le Monde", "le monde"));
        assert!(source_matches("Süddeutsche Zeitung", "suddeutsche"));
        assert!(!source_matches("Reutersville Post", "reuters"));
        assert!(!source_matches("BBC", ""));
    }

    #[test]
    fn a_one_word_name_is_a_surname_a_longer_one_a_run_of_words() {
        assert!(form_matches("Michael Howard", "howard"));
        assert!(!form_matches("Howard Stern", "Howard"));
        assert!(form_matches("Michael Howard", "Michael Howard"));
        assert!(!form_matches("Michael Howard", "John Howard"));
        assert!(!form_matches("Michael Howard", ""));
    }
}
