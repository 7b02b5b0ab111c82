//! `push`: the local index's statement and article records sent to an
//! OpenSearch cluster with `_bulk`, as `export --format opensearch` writes
//! them (same records, same mapping, same stable ids as `_id`), and its
//! passage records, from which `--engine` answers `speakers` and `sources`.
//!
//! A push sends only what changed since the last one and deletes what was
//! removed locally. What the cluster has acknowledged is kept in a push-state
//! file beside the index ([`state_path`]): one line per acknowledged record
//! (`+KIND ID HASH`, or `-KIND ID` for a delete), appended after every bulk
//! request, so a push that stops half-way (killed, network gone) resumes
//! where it stopped; the file is compacted when a push completes. Bulk
//! answers are read item by item: a rejected item (queue full, shard
//! unavailable) is retried with backoff, a malformed one is reported by id
//! and not recorded, so the next push tries it again.

use crate::error::Error;
use crate::export::{self, Record};
use crate::index::NewsIndex;
use crate::opensearch::{error_reason, Cluster, Reply};
use crate::search::SearchRequest;
use crate::statement::{ArticleRecord, PassageRecord, StatementRecord};
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// At most this many records in one `_bulk` request…
const BATCH_RECORDS: usize = 500;
/// …and about this many bytes.
const BATCH_BYTES: usize = 4 * 1024 * 1024;
/// The longest one health request waits on the cluster's side; push asks
/// again until its own deadline (`--wait`).
const HEALTH_POLL: Duration = Duration::from_secs(30);

/// What to push and where.
pub struct PushOptions {
    /// The cluster index names are `NAME-statements`, `NAME-articles` and
    /// `NAME-passages`.
    pub name: String,
    /// Shards and replicas of an index that push creates.
    pub shards: u32,
    pub replicas: u32,
    /// How long to wait for a cluster that is not ready (an index not yet
    /// writable, a batch not yet taken) before giving up.
    pub wait: Duration,
}

/// The names of the cluster indexes of a push named `name`: statements,
/// articles and passages.
pub fn index_names(name: &str) -> [String; 3] {
    [
        format!("{name}-statements"),
        format!("{name}-articles"),
        format!("{name}-passages"),
    ]
}

/// What a push did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct PushReport {
    pub statements_sent: u64,
    pub articles_sent: u64,
    pub passages_sent: u64,
    pub unchanged: u64,
    pub deleted: u64,
    /// Items the cluster refused as malformed: (id, reason).
    pub rejected: Vec<(String, String)>,
    /// Indexes push created on the cluster in this run.
    pub created: Vec<String>,
    /// Bulk requests (or items) that had to be sent again.
    pub retries: u64,
}

/// Progress of a push, for a progress bar.
pub enum Progress {
    /// Starting on `total` units of `what`.
    Start { total: u64, what: &'static str },
    /// One more unit done.
    Step,
    /// Waiting (up to `limit`) for a cluster index that is not ready yet:
    /// its health is `status`, push needs `want`.
    Waiting {
        index: String,
        status: String,
        want: &'static str,
        limit: Duration,
    },
}

/// The push-state file of pushes of the index at `index_dir` to `address`
/// under `name`: beside the index, named after both.
pub fn state_path(index_dir: &Path, address: &str, name: &str) -> PathBuf {
    let dir = std::fs::canonicalize(index_dir).unwrap_or_else(|_| index_dir.to_path_buf());
    let base = dir
        .file_name()
        .map_or("index".to_string(), |n| n.to_string_lossy().into_owned());
    let hash = blake3::hash(address.trim_end_matches('/').as_bytes()).to_hex();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.with_file_name(format!("{base}.push-{safe}-{}.state", &hash[..12]))
}

const KINDS: [char; 3] = ['s', 'a', 'p'];

/// What the cluster holds, as far as pushes know: id → record hash, per kind.
#[derive(Default)]
struct State {
    known: [FxHashMap<String, u64>; 3],
}

impl State {
    fn load(path: &Path) -> Result<State, Error> {
        let mut state = State::default();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(state),
            Err(source) => {
                return Err(Error::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        };
        // A line cut short by a crash has no newline: it was not
        // acknowledged as far as this file knows, so it is left out.
        let complete = text.rfind('\n').map_or("", |end| &text[..end]);
        for line in complete.lines() {
            let mut chars = line.chars();
            let (Some(op), Some(kind)) = (chars.next(), chars.next()) else {
                continue;
            };
            let Some(k) = KINDS.iter().position(|&c| c == kind) else {
                continue;
            };
            let mut parts = chars.as_str().trim_start().split(' ');
            let (Some(id), hash) = (parts.next(), parts.next()) else {
                continue;
            };
            match (op, hash.and_then(|h| u64::from_str_radix(h, 16).ok())) {
                ('+', Some(hash)) => {
                    state.known[k].insert(id.to_string(), hash);
                }
                ('-', _) => {
                    state.known[k].remove(id);
                }
                _ => {}
            }
        }
        Ok(state)
    }

    /// Rewrites the file with one line per known record (atomically).
    fn compact(&self, path: &Path) -> Result<(), Error> {
        let io = |source| Error::Io {
            path: path.to_path_buf(),
            source,
        };
        let tmp = path.with_extension("state.tmp");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(io)?);
        for (k, known) in self.known.iter().enumerate() {
            let mut ids: Vec<(&String, &u64)> = known.iter().collect();
            ids.sort();
            for (id, hash) in ids {
                writeln!(out, "+{} {id} {hash:016x}", KINDS[k]).map_err(io)?;
            }
        }
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }
}

/// One record (or delete) waiting in a batch.
struct Item {
    kind: usize,
    id: String,
    /// The record's hash; `None` for a delete.
    hash: Option<u64>,
    /// Its bulk lines (action, and the document for an index action).
    lines: Vec<u8>,
}

/// Sends batches and keeps the state file in step with what the cluster
/// acknowledged.
struct Sender<'a> {
    cluster: &'a Cluster,
    indexes: [String; 3],
    journal: std::fs::File,
    journal_path: PathBuf,
    state: State,
    batch: Vec<Item>,
    batch_bytes: usize,
    report: PushReport,
    /// How long one batch is retried before the push gives up.
    wait: Duration,
}

impl Sender<'_> {
    fn add(&mut self, item: Item) -> Result<(), Error> {
        self.batch_bytes += item.lines.len();
        self.batch.push(item);
        if self.batch.len() >= BATCH_RECORDS || self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn upsert<R: Record>(&mut self, kind: usize, record: &R) -> Result<bool, Error> {
        let doc = record.document();
        let hash = u64::from_le_bytes(
            blake3::hash(&doc).as_bytes()[..8]
                .try_into()
                .expect("8 bytes"),
        );
        if self.state.known[kind].get(record.id()) == Some(&hash) {
            self.report.unchanged += 1;
            return Ok(false);
        }
        let mut lines = serde_json::to_vec(&serde_json::json!({
            "index": { "_index": self.indexes[kind], "_id": record.id() }
        }))
        .expect("action serializes");
        lines.push(b'\n');
        lines.extend_from_slice(&doc);
        lines.push(b'\n');
        self.add(Item {
            kind,
            id: record.id().to_string(),
            hash: Some(hash),
            lines,
        })?;
        Ok(true)
    }

    fn delete(&mut self, kind: usize, id: String) -> Result<(), Error> {
        let mut lines = serde_json::to_vec(&serde_json::json!({
            "delete": { "_index": self.indexes[kind], "_id": id }
        }))
        .expect("action serializes");
        lines.push(b'\n');
        self.add(Item {
            kind,
            id,
            hash: None,
            lines,
        })
    }

    /// Sends the batch until every item is acknowledged or reported as
    /// malformed; retries what the cluster could not take yet.
    fn flush(&mut self) -> Result<(), Error> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let started = Instant::now();
        let mut backoff = crate::opensearch::Backoff::default();
        let mut last_problem = String::new();
        while !pending.is_empty() {
            let body: Vec<u8> = pending
                .iter()
                .flat_map(|i| i.lines.iter().copied())
                .collect();
            let reply = self.cluster.call("POST", "/_bulk?timeout=30s", Some(&body));
            let mut retry = Vec::new();
            match reply {
                Reply::Answer(200, answer) => {
                    let items = answer["items"].as_array().cloned().unwrap_or_default();
                    if items.len() != pending.len() {
                        return Err(Error::Cluster {
                            address: self.cluster.address.clone(),
                            reason: format!(
                                "_bulk answered {} items for {} sent; is this OpenSearch?",
                                items.len(),
                                pending.len()
                            ),
                        });
                    }
                    let mut done = String::new();
                    for (item, result) in pending.into_iter().zip(items) {
                        let result = result
                            .as_object()
                            .and_then(|o| o.values().next())
                            .cloned()
                            .unwrap_or_default();
                        let status = result["status"].as_u64().unwrap_or(0);
                        let ok =
                            (200..300).contains(&status) || (item.hash.is_none() && status == 404);
                        if ok {
                            let kind = KINDS[item.kind];
                            match item.hash {
                                Some(hash) => {
                                    done.push_str(&format!("+{kind} {} {hash:016x}\n", item.id));
                                    self.state.known[item.kind].insert(item.id, hash);
                                }
                                None => {
                                    done.push_str(&format!("-{kind} {}\n", item.id));
                                    self.state.known[item.kind].remove(&item.id);
                                }
                            }
                        } else if status == 429 || status >= 500 || status == 0 {
                            last_problem = error_reason(&result);
                            retry.push(item);
                        } else {
                            self.report.rejected.push((
                                item.id,
                                format!("HTTP {status}: {}", error_reason(&result)),
                            ));
                        }
                    }
                    self.record(&done)?;
                }
                Reply::Answer(status, answer) if status == 429 || status >= 500 => {
                    last_problem = format!("HTTP {status}: {}", error_reason(&answer));
                    retry = pending;
                }
                Reply::Unreachable(why) => {
                    last_problem = format!("no answer ({why})");
                    retry = pending;
                }
                other => return Err(self.cluster.failed("POST", "/_bulk", other)),
            }
            pending = retry;
            if pending.is_empty() {
                break;
            }
            self.report.retries += 1;
            if started.elapsed() > self.wait {
                return Err(Error::Cluster {
                    address: self.cluster.address.clone(),
                    reason: format!(
                        "the cluster did not take {} records within {}s (last: {last_problem}); what it took is recorded in {}, so running push again (with a larger --wait if the cluster is recovering) resumes",
                        pending.len(),
                        self.wait.as_secs(),
                        self.journal_path.display()
                    ),
                });
            }
            std::thread::sleep(backoff.wait());
        }
        Ok(())
    }

    /// Appends acknowledged lines to the state file.
    fn record(&mut self, lines: &str) -> Result<(), Error> {
        if lines.is_empty() {
            return Ok(());
        }
        self.journal
            .write_all(lines.as_bytes())
            .and_then(|_| self.journal.flush())
            .map_err(|source| Error::Io {
                path: self.journal_path.clone(),
                source,
            })
    }
}

/// Makes sure the cluster index for `R` exists with the export mapping;
/// returns whether it was created now.
fn ensure_index<R: Record>(
    cluster: &Cluster,
    index: &str,
    options: &PushOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<bool, Error> {
    let mut mapping = export::opensearch_mapping::<R>();
    mapping["settings"]["index"]["number_of_shards"] = options.shards.into();
    mapping["settings"]["index"]["number_of_replicas"] = options.replicas.into();
    let path = format!("/{index}");
    let conflict = |reason: String| Error::ClusterIndex {
        address: cluster.address.clone(),
        index: index.to_string(),
        reason,
    };
    let mut created = false;
    match cluster.call("GET", &format!("{path}/_mapping"), None) {
        Reply::Answer(404, _) => {
            match cluster.call("PUT", &path, Some(mapping.to_string().as_bytes())) {
                Reply::Answer(200..=299, _) => created = true,
                // Created by someone else meanwhile: check it below.
                Reply::Answer(400, body)
                    if body["error"]["type"] == "resource_already_exists_exception" => {}
                Reply::Answer(400, body) => {
                    return Err(conflict(format!(
                        "cannot be created with the export mapping ({}); push with another --name",
                        error_reason(&body)
                    )))
                }
                other => return Err(cluster.failed("PUT", &path, other)),
            }
        }
        Reply::Answer(200, _) => {}
        other => return Err(cluster.failed("GET", &format!("{path}/_mapping"), other)),
    }
    if !created {
        let have = cluster.expect("GET", &format!("{path}/_mapping"), None)?;
        let have = have
            .as_object()
            .and_then(|o| o.values().next())
            .map(|v| v["mappings"]["properties"].clone())
            .unwrap_or_default();
        let want = &mapping["mappings"]["properties"];
        let mut differ = Vec::new();
        let mut missing = Vec::new();
        for (field, spec) in want.as_object().expect("mapping has properties") {
            let wanted = spec["type"].as_str().unwrap_or("?");
            match have[field]["type"].as_str() {
                None => missing.push(field.as_str()),
                Some(found) if found != wanted => differ.push(format!(
                    "field `{field}` is {found}, newsidx writes {wanted}"
                )),
                Some(_) => {}
            }
            // Searched text must be analysed as newsidx's records expect
            // (a passages index made before its analyzer mirrored
            // newsidx's would rank differently).
            if let (Some(wanted), Some(_)) =
                (spec["analyzer"].as_str(), have[field]["type"].as_str())
            {
                let found = have[field]["analyzer"].as_str().unwrap_or("standard");
                if found != wanted {
                    differ.push(format!(
                        "field `{field}` is analysed by {found}, newsidx's records by {wanted} (the index was made by an older newsidx)"
                    ));
                }
            }
        }
        if !differ.is_empty() || !missing.is_empty() {
            let mut what = differ;
            if !missing.is_empty() {
                what.push(format!("it lacks `{}`", missing.join("`, `")));
            }
            return Err(conflict(format!(
                "its mapping does not match newsidx's records ({}); push with another --name, or delete that index on the cluster (curl -XDELETE {}/{index}) and push again, which makes it anew and sends every record",
                what.join("; "),
                cluster.address
            )));
        }
    }
    // Writes need the primaries. A new index waits for its replicas too
    // when the cluster has nodes for them: a write taken before a replica
    // exists would be lost with its node.
    let health = wait_for_health(cluster, index, "yellow", options.wait, progress)?;
    let data_nodes = health["number_of_data_nodes"].as_u64().unwrap_or(0);
    if created && data_nodes > u64::from(options.replicas) {
        wait_for_health(cluster, index, "green", options.wait, progress)?;
    }
    Ok(created)
}

/// Waits until the health of cluster index `index` is at least `want`
/// (`yellow` or `green`), asking again while the cluster answers that it
/// timed out (HTTP 408), that it has no cluster manager yet (503) or does
/// not answer, until `limit` has passed; reports the wait once through
/// `progress`. Returns the last health answer.
fn wait_for_health(
    cluster: &Cluster,
    index: &str,
    want: &'static str,
    limit: Duration,
    progress: &mut dyn FnMut(Progress),
) -> Result<serde_json::Value, Error> {
    let started = Instant::now();
    let mut reported = false;
    let mut backoff = crate::opensearch::Backoff::default();
    let mut last;
    loop {
        let left = limit.saturating_sub(started.elapsed());
        let poll = left.min(HEALTH_POLL).as_secs().max(1);
        let path = format!("/_cluster/health/{index}?wait_for_status={want}&timeout={poll}s");
        let asked = Instant::now();
        match cluster.call("GET", &path, None) {
            Reply::Answer(200, body) if body["timed_out"] != true => return Ok(body),
            // Timed out on the cluster's side: not ready yet.
            Reply::Answer(200 | 408, body) => {
                last = format!(
                    "it is {}",
                    body["status"].as_str().unwrap_or("of unknown health")
                );
            }
            Reply::Answer(503, body) => last = format!("HTTP 503: {}", error_reason(&body)),
            Reply::Unreachable(why) => last = format!("no answer ({why})"),
            other => return Err(cluster.failed("GET", &path, other)),
        }
        if started.elapsed() >= limit {
            let reason = format!(
                "index {index} not {want} after waiting {}s ({last}); see why with GET /_cluster/allocation/explain on the cluster, then push again (it resumes), with a larger --wait if the cluster is still recovering",
                limit.as_secs()
            );
            return Err(Error::Cluster {
                address: cluster.address.clone(),
                reason,
            });
        }
        if !reported {
            reported = true;
            progress(Progress::Waiting {
                index: index.to_string(),
                status: last.clone(),
                want,
                limit,
            });
        }
        // A request that waited on the cluster's side (up to `poll`) is
        // asked again at once; one that came back at once backs off.
        if asked.elapsed() < Duration::from_secs(1) {
            std::thread::sleep(backoff.delay().min(limit.saturating_sub(started.elapsed())));
            backoff.double();
        }
    }
}

/// Pushes the index's records to the cluster. `state_file` keeps what the
/// cluster acknowledged (see the module doc).
pub fn push(
    index: &NewsIndex,
    cluster: &Cluster,
    options: &PushOptions,
    state_file: &Path,
    mut progress: impl FnMut(Progress),
) -> anyhow::Result<PushReport> {
    let indexes = index_names(&options.name);
    let mut report = PushReport::default();
    let mut state = State::load(state_file)?;
    let created = [
        ensure_index::<StatementRecord>(cluster, &indexes[0], options, &mut progress)?,
        ensure_index::<ArticleRecord>(cluster, &indexes[1], options, &mut progress)?,
        ensure_index::<PassageRecord>(cluster, &indexes[2], options, &mut progress)?,
    ];
    for (kind, created) in created.into_iter().enumerate() {
        if created {
            report.created.push(indexes[kind].clone());
            state.known[kind].clear();
        }
    }
    // The state as it now stands, then each acknowledgement appended.
    state.compact(state_file)?;
    let journal = std::fs::OpenOptions::new()
        .append(true)
        .open(state_file)
        .map_err(|source| Error::Io {
            path: state_file.to_path_buf(),
            source,
        })?;
    let mut sender = Sender {
        cluster,
        indexes: indexes.clone(),
        journal,
        journal_path: state_file.to_path_buf(),
        state,
        batch: Vec::new(),
        batch_bytes: 0,
        report,
        wait: options.wait,
    };

    let searcher = index.reader()?.searcher();
    let request = SearchRequest::default();
    let (query, _) = crate::search::passage_query(index, &searcher, &request)?;
    let passages = searcher.search(&query, &tantivy::collector::Count)? as u64;
    progress(Progress::Start {
        total: passages,
        what: "passages",
    });
    let mut seen: [FxHashSet<String>; 3] = Default::default();
    let fields = &index.fields;
    export::for_each_passage(
        index,
        &searcher,
        &request,
        |doc, group| -> anyhow::Result<()> {
            for record in crate::statement::records_of(fields, doc) {
                if sender.upsert(0, &record)? {
                    sender.report.statements_sent += 1;
                }
                seen[0].insert(record.id);
            }
            let passage = crate::statement::passage_record(fields, doc, group);
            if sender.upsert(2, &passage)? {
                sender.report.passages_sent += 1;
            }
            seen[2].insert(passage.id);
            progress(Progress::Step);
            Ok(())
        },
    )?;
    let ids = searcher.search(&query, &export::ArticleIds)?;
    progress(Progress::Start {
        total: ids.len() as u64,
        what: "articles",
    });
    for id in ids {
        if let Some(article) = crate::stored_article::find(index, &searcher, &id)? {
            let record = export::article_record(&article);
            if sender.upsert(1, &record)? {
                sender.report.articles_sent += 1;
            }
            seen[1].insert(record.id);
        }
        progress(Progress::Step);
    }
    for (kind, seen) in seen.iter().enumerate() {
        let mut gone: Vec<String> = sender.state.known[kind]
            .keys()
            .filter(|id| !seen.contains(*id))
            .cloned()
            .collect();
        gone.sort();
        for id in gone {
            sender.report.deleted += 1;
            sender.delete(kind, id)?;
        }
    }
    sender.flush()?;
    for index in &indexes {
        cluster.expect("POST", &format!("/{index}/_refresh"), None)?;
    }
    sender.state.compact(state_file)?;
    Ok(sender.report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Read};

    /// A server that answers `GET /` as OpenSearch and every health request
    /// with the next of `health` (the last one repeated); returns its
    /// address.
    fn fake_cluster(health: Vec<(u16, &'static str)>) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let mut next = 0;
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if line.trim().is_empty() {
                        break;
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                }
                reader.take(length).read_to_end(&mut Vec::new()).unwrap();
                let (status, body) = if first.starts_with("GET / ") {
                    (
                        200,
                        r#"{"version":{"distribution":"opensearch","number":"2.19.0"}}"#,
                    )
                } else {
                    let reply = health[next.min(health.len() - 1)];
                    next += 1;
                    reply
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        address
    }

    const TIMED_OUT: (u16, &str) = (408, r#"{"status":"red","timed_out":true}"#);

    #[test]
    fn a_health_wait_that_times_out_on_the_cluster_is_asked_again() {
        let address = fake_cluster(vec![
            TIMED_OUT,
            (
                503,
                r#"{"error":{"type":"cluster_manager_not_discovered_exception","reason":"none"}}"#,
            ),
            (
                200,
                r#"{"status":"yellow","timed_out":false,"number_of_data_nodes":2}"#,
            ),
        ]);
        let cluster = Cluster::connect(&address).unwrap();
        let mut waits = Vec::new();
        let health = wait_for_health(
            &cluster,
            "x-statements",
            "yellow",
            Duration::from_secs(60),
            &mut |p| {
                if let Progress::Waiting { index, status, .. } = p {
                    waits.push(format!("{index}: {status}"));
                }
            },
        )
        .unwrap();
        assert_eq!(health["status"], "yellow");
        assert_eq!(waits, ["x-statements: it is red"], "reported once");
    }

    #[test]
    fn a_health_wait_gives_up_at_its_deadline_naming_the_address_and_the_flag() {
        let address = fake_cluster(vec![TIMED_OUT]);
        let cluster = Cluster::connect(&address).unwrap();
        let started = Instant::now();
        let err = wait_for_health(
            &cluster,
            "x-articles",
            "yellow",
            Duration::from_secs(2),
            &mut |_| {},
        )
        .unwrap_err();
        assert!(started.elapsed() >= Duration::from_secs(2));
        let text = err.to_string();
        assert!(text.starts_with(&address), "{text}");
        for part in [
            "x-articles",
            "not yellow",
            "it is red",
            "--wait",
            "push again",
        ] {
            assert!(text.contains(part), "{part}: {text}");
        }
        assert_eq!(err.exit_code(), crate::error::exit_code::FAILURE);
    }

    #[test]
    fn state_replays_adds_and_deletes_and_skips_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.state");
        std::fs::write(
            &path,
            "+s aa 00000000000000ff\n+a bb 0000000000000001\n-s aa\n+s cc 0000000000000002\n+s dd 00000000000",
        )
        .unwrap();
        let state = State::load(&path).unwrap();
        assert_eq!(state.known[0].len(), 1);
        assert_eq!(state.known[0]["cc"], 2);
        assert_eq!(state.known[1]["bb"], 1);
        state.compact(&path).unwrap();
        let again = State::load(&path).unwrap();
        assert_eq!(again.known, state.known);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "+s cc 0000000000000002\n+a bb 0000000000000001\n"
        );
    }

    #[test]
    fn state_files_sit_beside_the_index_one_per_cluster_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("idx");
        std::fs::create_dir(&index).unwrap();
        let a = state_path(&index, "http://127.0.0.1:9200", "news");
        let b = state_path(&index, "http://127.0.0.1:9200/", "news");
        let c = state_path(&index, "http://10.0.0.1:9200", "news");
        let d = state_path(&index, "http://127.0.0.1:9200", "n/../x");
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            a.parent(),
            std::fs::canonicalize(dir.path()).ok().as_deref()
        );
        let name = d.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("idx.push-n____x-"), "{name}");
    }
}
