//! `--engine`: `search`, `quotes`, `speakers` and `sources` answered from
//! an OpenSearch cluster that `push` filled, with the same typed results
//! as the local index (so `output` prints them the same way).
//!
//! The cluster holds what push sent: statement, article and passage
//! records under `NAME-statements`, `NAME-articles` and `NAME-passages`.
//! Filters become term and range filters. An outlet typed by the user is
//! matched the way the local index matches it, against the distinct
//! outlets the cluster holds, and the exact names found become a `terms`
//! filter. A speaker is matched as the local index matches it, from
//! fields push derives with newsidx's own name analyzer (surnames, forms
//! as words, names by surname key): only the names of the surnames asked
//! for are read, never every name. Counts come from composite
//! aggregations, which page through every bucket: exact, where
//! `cardinality` would estimate.

pub mod article;
pub mod browse;
pub mod facets;
pub mod prefix;
pub mod search;

use crate::attribution::directory::{Directory, KEY_SEPARATOR};
use crate::error::Error;
use crate::opensearch::Cluster;
use crate::search::SearchRequest;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Buckets asked for in one page of a composite aggregation.
const PAGE: usize = 5000;

/// How long what many requests read alike from a cluster is kept (the
/// languages its passages are written in, the outlets its records name;
/// under `serve`, the speaker listing and the folder of the paths): the cluster tells no commit to
/// key it on, and a push may change it any time.
pub const KEPT_FOR: Duration = Duration::from_secs(60);

/// The cluster indexes `push --name NAME` fills.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
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
    /// The languages the passages are written in, as
    /// [`crate::stemmed::languages_present`] last read them, and when: every
    /// query with words needs them, and a search of `serve` builds five.
    languages: Kept<(), Vec<&'static str>>,
    /// The distinct outlets of each kind's records, as [`Engine::outlets`]
    /// last read them, and when: every query with `--source` matches the
    /// outlets typed against them, and a search of `serve` builds five.
    outlets: Kept<Kind, Vec<String>>,
}

/// Values read from the cluster, kept by key for [`KEPT_FOR`] after each
/// reading; a reading that failed is kept for the calls that waited on it.
struct Kept<K, T>(Mutex<HashMap<K, Reading<T>>>);

/// The last reading of one key.
enum Reading<T> {
    /// The value read, and when.
    Value(Instant, T),
    /// The cluster's refusal, and when it came.
    Failed(Instant, Error),
}

impl<K: Eq + std::hash::Hash, T: Clone> Kept<K, T> {
    fn new() -> Self {
        Kept(Mutex::new(HashMap::new()))
    }

    /// The value kept for `key`, or the one `read` gives (then kept) when
    /// none was read within [`KEPT_FOR`]. The lock is held while `read`
    /// runs, on purpose: when the value expires under `serve`'s parallel
    /// searches, one of them reads the cluster and the others wait for its
    /// answer instead of each sending the same request. When the read
    /// fails (a cluster answering 429 after its retries), the calls that
    /// were waiting get the same error at once rather than each retrying
    /// in turn; a call made after the failure reads again.
    fn get_or_read(&self, key: K, read: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        let asked = Instant::now();
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match kept.get(&key) {
            Some(Reading::Value(at, value)) if at.elapsed() < KEPT_FOR => {
                return Ok(value.clone());
            }
            Some(Reading::Failed(at, error)) if *at >= asked => {
                if let Some(error) = same_refusal(error) {
                    return Err(error);
                }
            }
            _ => {}
        }
        let result = read();
        match &result {
            Ok(value) => {
                kept.insert(key, Reading::Value(Instant::now(), value.clone()));
            }
            Err(error) => {
                if let Some(error) = same_refusal(error) {
                    kept.insert(key, Reading::Failed(Instant::now(), error));
                }
            }
        }
        result
    }
}

/// A search request that returns no hits, only the composite aggregation
/// `composite` (named `all`, with `aggs` under each bucket) over the
/// records matching `filter`.
fn composite_request(filter: &[Value], composite: Value, aggs: Option<&Value>) -> Value {
    let mut all = json!({ "composite": composite });
    if let Some(sub) = aggs {
        all["aggs"] = sub.clone();
    }
    json!({
        "size": 0,
        "track_total_hits": false,
        "query": { "bool": { "filter": filter } },
        "aggs": { "all": all }
    })
}

/// A copy of a cluster's refusal, to give the calls that waited on the
/// failed read; `None` for errors that are not the cluster's.
fn same_refusal(error: &Error) -> Option<Error> {
    match error {
        Error::Cluster { address, reason } => Some(Error::Cluster {
            address: address.clone(),
            reason: reason.clone(),
        }),
        Error::ClusterIndex {
            address,
            index,
            reason,
        } => Some(Error::ClusterIndex {
            address: address.clone(),
            index: index.clone(),
            reason: reason.clone(),
        }),
        _ => None,
    }
}

impl Engine {
    /// Connects to the cluster at `address` and checks that push has
    /// filled indexes named `name` there.
    pub fn connect(address: &str, name: &str) -> Result<Engine, Error> {
        let cluster = Cluster::connect(address)?;
        let engine = Engine {
            cluster,
            name: name.to_string(),
            languages: Kept::new(),
            outlets: Kept::new(),
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
        let path = format!("/{}/_search", self.index(kind));
        let answer = self.cluster.expect("POST", &path, Some(body))?;
        self.every_shard_answered(&path, answer)
    }

    /// `answer` if every shard answered. A shard that failed (its node
    /// out of memory, gone, or its copy not yet started) leaves
    /// OpenSearch answering HTTP 200 with the other shards' hits and
    /// counts: fewer results and lower counts than the index holds, which
    /// would be printed as if they were the answer. Exit 5 with the
    /// shard's reason instead.
    pub(crate) fn every_shard_answered(&self, path: &str, answer: Value) -> Result<Value, Error> {
        match shards_failed(&answer) {
            None => Ok(answer),
            Some(what) => Err(Error::Cluster {
                address: self.cluster.address.clone(),
                reason: format!(
                    "POST {path}: {what}; the answer would be incomplete, try again once the cluster is green"
                ),
            }),
        }
    }

    /// How many records `kind`'s index holds.
    pub fn count(&self, kind: Kind) -> Result<u64, Error> {
        let answer = self
            .cluster
            .expect("GET", &format!("/{}/_count", self.index(kind)), None)?;
        Ok(answer["count"].as_u64().unwrap_or(0))
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
            let answer = self.search(kind, &composite_request(filter, composite, aggs.as_ref()))?;
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

    /// How many distinct values of keyword `field` the records of `kind`
    /// matching `filter` hold, counted exactly up to `cap` in one request:
    /// the count (at most `cap`) and whether there are more.
    pub fn distinct_up_to(
        &self,
        kind: Kind,
        filter: &[Value],
        field: &str,
        cap: usize,
    ) -> Result<(usize, bool), Error> {
        let composite = json!({
            "size": cap + 1,
            "sources": [{ "v": { "terms": { "field": field } } }]
        });
        let answer = self.search(kind, &composite_request(filter, composite, None))?;
        let found = answer["aggregations"]["all"]["buckets"]
            .as_array()
            .map_or(0, Vec::len);
        Ok((found.min(cap), found > cap))
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

    /// The distinct outlets of `kind`'s records, read from the cluster once
    /// per [`KEPT_FOR`] (an aggregation over every record), not for each
    /// query built with `--source`.
    fn outlets(&self, kind: Kind) -> Result<Vec<String>, Error> {
        self.outlets.get_or_read(kind, || {
            Ok(self
                .distinct(kind, "source")?
                .into_iter()
                .map(|(name, _)| name)
                .collect())
        })
    }

    /// Checks that `kind`'s cluster index maps `field`: an index pushed by
    /// an older newsidx (statements without `lang`) would match nothing
    /// on it rather than say so. Exit 3 with what to do.
    fn require_field(&self, kind: Kind, field: &str) -> Result<(), Error> {
        let index = self.index(kind);
        let mapping = self
            .cluster
            .expect("GET", &format!("/{index}/_mapping"), None)?;
        let mapped = mapping
            .as_object()
            .and_then(|o| o.values().next())
            .is_some_and(|v| !v["mappings"]["properties"][field].is_null());
        if mapped {
            return Ok(());
        }
        Err(Error::ClusterIndex {
            address: self.cluster.address.clone(),
            reason: format!(
                "it was made by an older newsidx (its records lack `{field}`); push again under a new --name, or delete it on the cluster (curl -XDELETE {}/{index}) and push again, which makes it anew and sends every record",
                self.cluster.address
            ),
            index,
        })
    }

    /// The filters of `request` on `kind`'s records: outlets, languages and
    /// dates (not the query, nor speakers). Languages on an index of
    /// records without them are an index error ([`Engine::require_field`]).
    pub fn filters(&self, kind: Kind, request: &SearchRequest) -> Result<Vec<Value>, Error> {
        let mut out = Vec::new();
        if !request.sources.is_empty() {
            let names: Vec<String> = self
                .outlets(kind)?
                .into_iter()
                .filter(|name| request.sources.iter().any(|w| source_matches(name, w)))
                .collect();
            out.push(json!({ "terms": { "source": names } }));
        }
        if !request.langs.is_empty() {
            self.require_field(kind, "lang")?;
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

/// How many shards of a search answer failed, and the first one's
/// reason; `None` when every shard answered.
fn shards_failed(answer: &Value) -> Option<String> {
    let shards = &answer["_shards"];
    let failed = shards["failed"].as_u64().unwrap_or(0);
    if failed == 0 {
        return None;
    }
    let reason = json!({ "error": shards["failures"][0]["reason"] });
    Some(format!(
        "{failed} of {} shards failed ({})",
        shards["total"].as_u64().unwrap_or(0),
        crate::opensearch::error_reason(&reason)
    ))
}

impl Engine {
    /// The filter on passage records that `--speaker` puts on passages
    /// locally: one of the passage's names, or of the other forms written
    /// for them, is the requested name (a one-word request is a surname,
    /// a longer one a run of words of a form), or its canonical name is
    /// one the directory gives for the request. Only the names of the
    /// requested surnames are read (see [`Engine::directory_for`]).
    pub fn speaker_filter(&self, requested: &[String]) -> Result<Value, Error> {
        let requested_names: Vec<&str> = requested.iter().map(String::as_str).collect();
        let directory = self.directory_for(&requested_names)?;
        let exact: Vec<&str> = requested
            .iter()
            .flat_map(|r| directory.matching(r))
            .collect();
        let mut any = vec![json!({ "terms": { "speakers": exact } })];
        let mut analyzer = crate::index::tokenizers::name();
        for r in requested {
            let words = crate::index::tokenizers::tokens(&mut analyzer, r);
            match words.len() {
                0 => {}
                1 => any.push(json!({ "term": { "speaker_surnames": words[0] } })),
                _ => any.push(json!({ "match_phrase": { "speaker_forms": words.join(" ") } })),
            }
        }
        Ok(json!({ "bool": { "minimum_should_match": 1, "should": any } }))
    }

    /// The directory of the speaker names that share a surname key with
    /// any of `names`, as `Directory::for_names` reads it from the local
    /// index: from the passage records' `speaker_keys` of those surnames
    /// only (a prefix query), each name counted by the passages that carry
    /// it. A group never spans two surname keys, so for these names it is
    /// the directory of every name.
    pub fn directory_for(&self, names: &[&str]) -> Result<Directory, Error> {
        let mut surnames: Vec<String> = names
            .iter()
            .filter_map(|n| crate::attribution::directory::speaker_key(n))
            .filter_map(|key| key.split_once(KEY_SEPARATOR).map(|(s, _)| s.to_string()))
            .collect();
        surnames.sort();
        surnames.dedup();
        if surnames.is_empty() {
            return Ok(Directory::build(Vec::new()));
        }
        let prefixes: Vec<Value> = surnames
            .iter()
            .map(|s| json!({ "prefix": { "speaker_keys": format!("{s}{KEY_SEPARATOR}") } }))
            .collect();
        let buckets = self.composite(
            Kind::Passages,
            &[json!({ "bool": { "minimum_should_match": 1, "should": prefixes } })],
            json!([{ "v": { "terms": { "field": "speaker_keys" } } }]),
            None,
        )?;
        // Those passages' other speakers are left out.
        let mut names: Vec<(String, u64)> = buckets
            .iter()
            .filter_map(|b| {
                let (surname, name) = b["key"]["v"].as_str()?.split_once(KEY_SEPARATOR)?;
                surnames
                    .binary_search_by(|s| s.as_str().cmp(surname))
                    .ok()?;
                Some((name.to_string(), b["doc_count"].as_u64().unwrap_or(0)))
            })
            .collect();
        names.sort();
        Ok(Directory::build(names))
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

    fn refusal() -> Error {
        Error::Cluster {
            address: "http://127.0.0.1:9200".into(),
            reason: "429 Too Many Requests after 5 tries".into(),
        }
    }

    #[test]
    fn calls_waiting_on_a_failed_read_get_its_error_without_reading_again() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::mpsc;
        let kept: Kept<(), u32> = Kept::new();
        let reads = AtomicUsize::new(0);
        let waiters = 4;
        std::thread::scope(|scope| {
            let (started, waiting) = mpsc::channel();
            let (kept, reads) = (&kept, &reads);
            let first = scope.spawn(move || {
                kept.get_or_read((), || {
                    reads.fetch_add(1, Ordering::SeqCst);
                    // The other calls are made while this read runs.
                    for _ in 0..waiters {
                        let started = started.clone();
                        scope.spawn(move || {
                            started.send(()).unwrap();
                            let got = kept.get_or_read((), || {
                                reads.fetch_add(1, Ordering::SeqCst);
                                Ok(7)
                            });
                            assert!(
                                matches!(got, Err(Error::Cluster { ref reason, .. }) if reason.contains("429"))
                            );
                        });
                    }
                    for _ in 0..waiters {
                        waiting.recv().unwrap();
                    }
                    std::thread::sleep(Duration::from_millis(100));
                    Err(refusal())
                })
            });
            assert!(first.join().unwrap().is_err());
        });
        assert_eq!(reads.load(Ordering::SeqCst), 1, "one read for all");
        // A call made after the failure reads again, and its value is kept.
        assert_eq!(kept.get_or_read((), || Ok(7)).unwrap(), 7);
        assert_eq!(kept.get_or_read((), || Err(refusal())).unwrap(), 7);
    }

    #[test]
    fn an_answer_with_a_failed_shard_is_named_incomplete() {
        let whole = json!({ "_shards": { "total": 3, "successful": 3, "failed": 0 } });
        assert_eq!(shards_failed(&whole), None);
        // As OpenSearch answers when one shard's node trips its memory
        // breaker: HTTP 200, the other shards' hits.
        let partial = json!({
            "_shards": { "total": 3, "successful": 2, "failed": 1, "failures": [{
                "shard": 1, "index": "news-passages",
                "reason": { "type": "circuit_breaking_exception", "reason": "[parent] Data too large" }
            }] },
            "hits": { "hits": [] }
        });
        assert_eq!(
            shards_failed(&partial).as_deref(),
            Some("1 of 3 shards failed (circuit_breaking_exception: [parent] Data too large)")
        );
    }

    #[test]
    fn outlets_match_as_runs_of_whole_folded_words() {
        assert!(source_matches("Thomson Reuters", "reuters"));
        assert!(source_matches("Le Monde", "le monde"));
        assert!(source_matches("Süddeutsche Zeitung", "suddeutsche"));
        assert!(!source_matches("Reutersville Post", "reuters"));
        assert!(!source_matches("BBC", ""));
    }
}
