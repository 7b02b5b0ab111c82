//! Grouping copies at index time: passages and statements that are
//! near-duplicates across articles get the same group id at index time, so
//! that search can show one result per group ("said once, reported by these
//! outlets, first on this date").
//!
//! Each passage is cut into [`units`](super::units) (the passage, its quotations, its
//! reported statements). A quotation is matched against the units already in the
//! index and those written earlier in the same run: first (within the run)
//! by an exact key (the hash of its normalized words), then by the LSH band
//! keys of its
//! [`minhash`](super::minhash) signature, verifying the estimated Jaccard similarity
//! (≥ [`SIMILARITY`]) of each candidate. Lookups go through keys, never over
//! all passages, so the cost per passage is bounded (at most
//! [`KEYS_PER_UNIT`] lookups and [`CANDIDATES_PER_KEY`] verifications per
//! key) and indexing stays linear in the corpus. The keys are stored in the
//! index (`dup_key`), so later runs find what earlier runs wrote.
//!
//! A passage's group is labelled by the order-free rule of
//! [`labels`](super::labels): the smallest key among the similar passages
//! its band keys find, so that passages fold in search only when their own
//! texts are near-copies, and an index grouped incrementally, in any order,
//! groups as a fresh build of the same files does. A shared quotation does
//! not fold two passages (two outlets quoting the same words around
//! different reporting, or a second speaker echoing them, are different
//! results); it groups their *statements* instead. A quotation takes the
//! group of its best match among the quotations indexed before it (or a new
//! one), and a statement the group of its longest quotation (or of itself,
//! when it quotes nothing): the *quote group*, which is what `newsidx
//! quotes` counts as one statement. Quote groups still depend on the order
//! quotations were indexed in.
//!
//! Invariants (tested in `tests/syndication.rs`):
//! 1. Group ids are labels stored on the members; nothing else records a
//!    group. Removing any member, the founding one included, leaves the
//!    others that resemble each other in one group.
//! 2. Documents of a file being replaced or removed in this run are invisible
//!    to matching ([`Grouper::forget_path`]): a changed article is grouped
//!    afresh from its new text, and never keeps a group it no longer
//!    resembles. Its old group keeps its other members.
//! 3. Passage groups are a function of the set of passages indexed, not of
//!    the order: the run learns every key it writes before grouping, and
//!    rewrites the committed passages whose label it changes.
//! 4. Grouping is not transitive closure: a label reaches at most two
//!    links of similar passages (each to a smaller key), so a long chain of
//!    edits A ~ B ~ C ~ D, where A and D do not resemble each other, does
//!    not become one group.

use super::committed::LivePostings;
use super::labels::{group_of_label, Labeller, PassageKey, SettledKeys};
use super::minhash::{
    self, band_keys, combine, hash_bytes, shingles, signature, similarity, Signature,
};
use super::units::{passage_units, words_key, Unit, UnitKind};
use crate::article::{AnalyzedArticle, Passage, Statement};
use crate::index::codec::{stored_statement_spans, PassageGrouping};
use crate::index::schema::Fields;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Estimated Jaccard similarity of word shingles at or above which two
/// units are copies of each other.
pub const SIMILARITY: f32 = 0.6;

/// Lookup keys per unit stored in the index: one per band. (Exact copies
/// share every band key, so the exact key is only used within a run.)
pub const KEYS_PER_UNIT: usize = minhash::BANDS;

/// Candidates verified per key (in this run's table, and again in the
/// committed index). Members of a group carry the same id, so a few are
/// enough; the cap keeps huge groups from costing more per passage.
pub const CANDIDATES_PER_KEY: usize = 2;

/// Distinct quotations one article adds to the run's table. A news
/// article quotes a few dozen times; a long file of many quotations (a
/// transcript, a collection) would otherwise make the table grow with its
/// length. Its quotations past the cap are still matched (against the
/// table and the committed index) and grouped; they are only not
/// remembered for the quotations after them in the run. An exact copy of
/// one of them still shares its group, since a quotation that founds a
/// group names it after its words' key; a near-copy later in the same run
/// founds a group of its own, as it would have before the table existed.
pub const MAX_QUOTES_PER_ARTICLE: usize = 2048;

/// A unit that matched: the quote group of the unit it matched.
#[derive(Debug, Clone, Copy)]
struct Match {
    quote_group: u64,
    similarity: f32,
}

/// A unit registered in this run.
struct Entry {
    kind: UnitKind,
    signature: Signature,
    quote_group: u64,
}

/// The units written in this run, which the committed index cannot show
/// yet: exact keys and band keys to entries.
#[derive(Default)]
struct RunTable {
    entries: Vec<Entry>,
    exact: HashMap<u64, u32, KeyHash>,
    bands: HashMap<u64, [u32; CANDIDATES_PER_KEY], KeyHash>,
}

/// The keys are hashes already: hash maps only spread them. Band keys have
/// 32 bits, and a map that used them as they are would see the same (zero)
/// top bits, which `hashbrown` uses to tell keys of a bucket apart, for
/// every key: each lookup would compare a whole group of keys.
pub type KeyHash = std::hash::BuildHasherDefault<KeyHasher>;

#[derive(Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Fibonacci hashing: every bit of `n` reaches the top bits.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

const EMPTY_SLOT: u32 = u32::MAX;

impl RunTable {
    fn insert(&mut self, exact: u64, bands: &[u64], entry: Entry) {
        let id = self.entries.len() as u32;
        self.entries.push(entry);
        self.exact.insert(exact, id);
        for &key in bands {
            let slots = self
                .bands
                .entry(key)
                .or_insert([EMPTY_SLOT; CANDIDATES_PER_KEY]);
            if let Some(slot) = slots.iter_mut().find(|s| **s == EMPTY_SLOT) {
                *slot = id;
            }
        }
    }
}

/// A passage of the committed index, as matching needs it.
struct StoredPassage {
    path: String,
    units: Vec<(UnitKind, Signature, u64)>,
}

/// Lookups in the index as it was committed before this run.
struct Committed {
    searcher: Searcher,
    fields: Fields,
    band_keys: LivePostings,
    loaded: HashMap<DocAddress, Option<Rc<StoredPassage>>>,
}

impl Committed {
    fn open(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Option<Committed>> {
        if searcher.num_docs() == 0 {
            return Ok(None);
        }
        Ok(Some(Committed {
            searcher: searcher.clone(),
            fields: fields.clone(),
            band_keys: LivePostings::open(searcher, fields.dup_key)?,
            loaded: HashMap::new(),
        }))
    }

    /// Up to `CANDIDATES_PER_KEY` live passages holding `key`, skipping
    /// those of `forgotten` paths.
    fn candidates(&mut self, key: u64, forgotten: &HashSet<String>) -> Vec<Rc<StoredPassage>> {
        let mut found = Vec::new();
        let term = Term::from_field_u64(self.fields.dup_key, key);
        let addresses = self.band_keys.live_docs(&term, 4 * CANDIDATES_PER_KEY);
        for address in addresses {
            if let Some(passage) = self.load(address) {
                if !forgotten.contains(&passage.path) {
                    found.push(passage);
                    if found.len() == CANDIDATES_PER_KEY {
                        break;
                    }
                }
            }
        }
        found
    }

    fn load(&mut self, address: DocAddress) -> Option<Rc<StoredPassage>> {
        if let Some(loaded) = self.loaded.get(&address) {
            return loaded.clone();
        }
        let loaded = self
            .searcher
            .doc::<TantivyDocument>(address)
            .ok()
            .and_then(|doc| stored_passage(&self.fields, &doc))
            .map(Rc::new);
        self.loaded.insert(address, loaded.clone());
        loaded
    }
}

/// Rebuilds the units of a stored passage document, with their quote
/// groups.
fn stored_passage(fields: &Fields, doc: &TantivyDocument) -> Option<StoredPassage> {
    let text = doc.get_first(fields.text)?.as_str()?;
    let path = doc.get_first(fields.path)?.as_str()?.to_string();
    let spans = stored_statement_spans(fields, doc)?;
    let mut quote_groups = doc.get_all(fields.unit_groups).filter_map(|v| v.as_u64());
    let units = passage_units(text, &spans)
        .units
        .into_iter()
        .map(|unit| {
            let quote_group = match unit.kind {
                UnitKind::Passage => 0,
                UnitKind::Quote => quote_groups.next().unwrap_or(0),
            };
            (unit.kind, unit_signature(&unit), quote_group)
        })
        .collect();
    Some(StoredPassage { path, units })
}

/// The grouping keys (`dup_key`) of a stored passage document: the same as
/// [`Grouper::group_article`] gave it, as they derive from its text and
/// statements only. Keys are not stored; a copied document gets them here.
pub fn stored_passage_keys(fields: &Fields, doc: &TantivyDocument) -> Vec<u64> {
    let text = doc.get_first(fields.text).and_then(|v| v.as_str());
    let (Some(text), Some(spans)) = (text, stored_statement_spans(fields, doc)) else {
        return Vec::new();
    };
    let mut keys: Vec<u64> = passage_units(text, &spans)
        .units
        .iter()
        .flat_map(|unit| band_keys(unit.kind.tag(), &unit_signature(unit)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn unit_signature(unit: &Unit) -> Signature {
    signature(&shingles(&unit.words, unit.kind.shingle_words()))
}

fn exact_key(unit: &Unit) -> u64 {
    words_key(unit.kind, &unit.words)
}

/// A unit ready to be matched: keys and signature computed.
#[derive(Debug, Clone)]
pub struct PreparedUnit {
    kind: UnitKind,
    exact: u64,
    bands: [u64; minhash::BANDS],
    compared: Compared,
}

/// How a unit is compared with others.
#[derive(Debug, Clone)]
enum Compared {
    /// By its signature.
    Signature(Signature),
    /// Not at all: a passage whose label the run settled before
    /// (`labels::SettledKeys`).
    Labelled(u64),
}

impl PreparedUnit {
    fn signature(&self) -> Option<&Signature> {
        match &self.compared {
            Compared::Signature(signature) => Some(signature),
            Compared::Labelled(_) => None,
        }
    }
}

/// A passage's units, ready to be matched.
#[derive(Debug, Clone)]
pub struct PreparedPassage {
    units: Vec<PreparedUnit>,
    statement_keys: Vec<Vec<usize>>,
    /// An id unique to the passage, for passages too short to compare.
    own: u64,
    /// The article's key (see [`Preparer`]).
    article: u64,
}

impl PreparedPassage {
    /// The key of its text for copy labels, as
    /// [`super::labels::passage_key_of`] gives it (`None`: too short to
    /// compare, or prepared without grouping).
    pub fn key(&self) -> Option<u64> {
        self.units
            .iter()
            .find(|u| u.kind == UnitKind::Passage)
            .map(|u| u.exact)
    }

    /// What labelling its group needs (`None`: too short to compare, or
    /// labelled already by the settled keys it was prepared with).
    pub fn passage_key(&self) -> Option<PassageKey> {
        let unit = self.units.iter().find(|u| u.kind == UnitKind::Passage)?;
        Some(PassageKey {
            key: unit.exact,
            signature: *unit.signature()?,
            bands: unit.bands,
        })
    }
}

/// Computes the units, signatures and keys of an article's passages. Pure
/// and the costly part of grouping, so indexing runs it on the analysis
/// threads; only matching runs on the writer's thread.
pub fn prepare(analyzed: &AnalyzedArticle) -> Vec<PreparedPassage> {
    prepare_all(analyzed, Preparer::new(&analyzed.article.id, true))
}

/// [`prepare`] without the units, for indexing without grouping: every
/// passage and statement will get an id of its own.
pub fn prepare_ungrouped(analyzed: &AnalyzedArticle) -> Vec<PreparedPassage> {
    prepare_all(analyzed, Preparer::new(&analyzed.article.id, false))
}

fn prepare_all(analyzed: &AnalyzedArticle, preparer: Preparer) -> Vec<PreparedPassage> {
    let statements = analyzed.statements_by_passage();
    analyzed
        .passages
        .iter()
        .map(|p| {
            let of_passage = statements.get(p.number).map_or(&[][..], Vec::as_slice);
            preparer.passage(p, of_passage.iter().copied())
        })
        .collect()
}

/// Prepares the passages of one article one at a time (what [`prepare`]
/// does for all of them), so that the indexer can hand a long article to
/// the writer in parts and never hold every passage's preparation at once.
#[derive(Debug, Clone, Copy)]
pub struct Preparer<'k> {
    article_key: u64,
    grouping: bool,
    /// The run's passages labelled before (after the indexer's first
    /// pass), whose labels and band keys are taken instead of a signature
    /// computed again.
    known: Option<&'k SettledKeys>,
}

impl<'k> Preparer<'k> {
    /// For the article `article_id`; with `grouping` false, without units
    /// (see [`prepare_ungrouped`]).
    pub fn new(article_id: &str, grouping: bool) -> Preparer<'k> {
        Preparer {
            article_key: hash_bytes(article_id.as_bytes()),
            grouping,
            known: None,
        }
    }

    /// This preparer, taking the labels and band keys of the passages found
    /// in `known` rather than computing their signatures (the groups are
    /// the same).
    pub fn with_known(self, known: &'k SettledKeys) -> Preparer<'k> {
        Preparer {
            known: Some(known),
            ..self
        }
    }

    /// The preparation of passage `p`, whose statements are `statements`
    /// (in article order).
    pub fn passage<'s>(
        &self,
        p: &Passage,
        statements: impl ExactSizeIterator<Item = &'s Statement>,
    ) -> PreparedPassage {
        let own = combine(self.article_key, p.number as u64);
        if !self.grouping {
            return PreparedPassage {
                units: Vec::new(),
                statement_keys: vec![Vec::new(); statements.len()],
                own,
                article: self.article_key,
            };
        }
        let spans: Vec<(usize, usize)> = statements
            .map(|s| {
                (
                    s.start.saturating_sub(p.start),
                    s.end.saturating_sub(p.start),
                )
            })
            .collect();
        let units = passage_units(&p.text, &spans);
        PreparedPassage {
            units: units
                .units
                .iter()
                .map(|unit| {
                    let exact = exact_key(unit);
                    let known = match unit.kind {
                        UnitKind::Passage => self.known.and_then(|k| k.label_and_bands(exact)),
                        UnitKind::Quote => None,
                    };
                    let (compared, bands) = match known {
                        Some((label, bands)) => (Compared::Labelled(label), bands),
                        None => {
                            let signature = unit_signature(unit);
                            let bands = band_keys(unit.kind.tag(), &signature);
                            (Compared::Signature(signature), bands)
                        }
                    };
                    PreparedUnit {
                        kind: unit.kind,
                        exact,
                        bands,
                        compared,
                    }
                })
                .collect(),
            statement_keys: units.statement_keys,
            own,
            article: self.article_key,
        }
    }
}

/// Counts of what grouping did in one run.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct GroupingReport {
    /// Passages that joined an existing group.
    pub joined: usize,
    /// Passages that founded a new group.
    pub founded: usize,
}

/// Assigns groups to the passages of a run, one article at a time.
pub struct Grouper {
    enabled: bool,
    /// Passage groups (order-free, see [`labels`](super::labels)).
    labeller: Option<Labeller>,
    /// Quotations' groups: matched against what was indexed before.
    committed: Option<Committed>,
    forgotten: HashSet<String>,
    table: RunTable,
    /// The keys of the passages written in this run.
    written: HashSet<u64>,
    /// The article being grouped, and how many quotations it added to
    /// the table (at most [`MAX_QUOTES_PER_ARTICLE`]).
    article: Option<u64>,
    article_quotes: usize,
    pub report: GroupingReport,
}

impl Grouper {
    /// A grouper matching against the committed index seen by `searcher`.
    /// With `enabled` false every passage gets a group of its own.
    pub fn new(searcher: &Searcher, fields: &Fields, enabled: bool) -> tantivy::Result<Grouper> {
        Ok(Grouper {
            enabled,
            labeller: if enabled {
                Some(Labeller::new(searcher, fields)?)
            } else {
                None
            },
            committed: if enabled {
                Committed::open(searcher, fields)?
            } else {
                None
            },
            forgotten: HashSet::new(),
            table: RunTable::default(),
            written: HashSet::new(),
            article: None,
            article_quotes: 0,
            report: GroupingReport::default(),
        })
    }

    /// The committed documents of `path` are being deleted in this run:
    /// never match against them.
    pub fn forget_path(&mut self, path: &str) {
        if self.committed.is_some() {
            self.forgotten.insert(path.to_string());
        }
        if let Some(labeller) = self.labeller.as_mut() {
            labeller.forget_path(path);
        }
    }

    /// What labels the passage groups, to be told every passage the run
    /// writes before the first is grouped (`None` without grouping).
    pub fn labeller(&mut self) -> Option<&mut Labeller> {
        self.labeller.as_mut()
    }

    /// Settles the passage labels of the run ([`Labeller::settle`]), once
    /// every key is told: what the preparation of its passages takes
    /// (nothing without grouping).
    pub fn settle(&mut self) -> Arc<SettledKeys> {
        self.labeller
            .as_mut()
            .map_or_else(Arc::default, Labeller::settle)
    }

    /// Groups every passage of an article (in order, so copies within the
    /// article group too). `prepared` is [`prepare`] of the same article
    /// (computed beforehand, on any thread).
    pub fn group_article(&mut self, prepared: Vec<PreparedPassage>) -> Vec<PassageGrouping> {
        if let Some(labeller) = self.labeller.as_mut() {
            for passage in &prepared {
                if let Some(key) = passage.passage_key() {
                    labeller.add(key);
                }
            }
        }
        prepared.into_iter().map(|p| self.group_next(p)).collect()
    }

    /// Groups the next passage of the article being indexed (passages are
    /// given in article order, articles in run order): what
    /// [`Grouper::group_article`] does for each of an article's passages.
    pub fn group_next(&mut self, prepared: PreparedPassage) -> PassageGrouping {
        if self.enabled {
            self.group_passage(prepared)
        } else {
            PassageGrouping {
                group: prepared.own,
                statement_groups: (0..prepared.statement_keys.len())
                    .map(|i| combine(prepared.own, i as u64 + 1))
                    .collect(),
                ..PassageGrouping::default()
            }
        }
    }

    /// Groups one passage.
    fn group_passage(&mut self, passage: PreparedPassage) -> PassageGrouping {
        let PreparedPassage {
            units,
            statement_keys,
            own,
            article,
        } = passage;
        if self.article != Some(article) {
            self.article = Some(article);
            self.article_quotes = 0;
        }
        let mut keys = Vec::with_capacity(units.len() * KEYS_PER_UNIT);
        let mut found: Vec<(Option<u32>, Option<Match>)> = Vec::with_capacity(units.len());
        for unit in &units {
            keys.extend_from_slice(&unit.bands);
            if unit.kind == UnitKind::Passage {
                // Labelled below, by the order-free rule.
                found.push((None, None));
                continue;
            }
            let Some(signature) = unit.signature() else {
                found.push((None, None));
                continue;
            };
            let known = self.table.exact.get(&unit.exact).copied();
            found.push((known, self.find(unit.kind, known, signature, &unit.bands)));
        }

        let passage_unit = units.iter().position(|u| u.kind == UnitKind::Passage);
        let label = passage_unit.map(|i| {
            let unit = &units[i];
            let label = match &unit.compared {
                Compared::Labelled(label) => *label,
                Compared::Signature(signature) => {
                    let key = PassageKey {
                        key: unit.exact,
                        signature: *signature,
                        bands: unit.bands,
                    };
                    let labeller = self.labeller.as_mut().expect("grouping is enabled");
                    labeller.label(&key)
                }
            };
            (label, unit.exact)
        });
        let group = match label {
            Some((label, own_key)) => {
                // A copy: it resembles a passage of a smaller key, or its
                // text was written before in this run.
                if label == own_key && self.written.insert(own_key) {
                    self.report.founded += 1;
                } else {
                    self.report.joined += 1;
                }
                group_of_label(label)
            }
            None => {
                self.report.founded += 1;
                own
            }
        };

        let mut unit_groups = Vec::new();
        let mut quote_group_of = vec![0u64; units.len()];
        for (i, (unit, (known, m))) in units.into_iter().zip(found).enumerate() {
            let quote_group = match unit.kind {
                UnitKind::Passage => 0,
                UnitKind::Quote => {
                    let g = m.map_or(combine(UnitKind::Quote.tag(), unit.exact), |m| {
                        m.quote_group
                    });
                    unit_groups.push(g);
                    g
                }
            };
            quote_group_of[i] = quote_group;
            let room = self.article_quotes < MAX_QUOTES_PER_ARTICLE;
            if let (UnitKind::Quote, None, Some(signature), true) =
                (unit.kind, known, unit.signature(), room)
            {
                self.article_quotes += 1;
                self.table.insert(
                    unit.exact,
                    &unit.bands,
                    Entry {
                        kind: unit.kind,
                        signature: *signature,
                        quote_group,
                    },
                );
            }
        }
        let statement_groups = statement_keys
            .iter()
            .enumerate()
            .map(|(i, key_units)| match key_units.first() {
                Some(&u) => quote_group_of[u],
                None => combine(own, i as u64 + 1),
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        PassageGrouping {
            group,
            statement_groups,
            keys,
            unit_groups,
        }
    }

    /// The best match for a unit, in this run's table or the committed
    /// index.
    fn find(
        &mut self,
        kind: UnitKind,
        known: Option<u32>,
        signature: &Signature,
        bands: &[u64],
    ) -> Option<Match> {
        if let Some(id) = known {
            let entry = &self.table.entries[id as usize];
            return Some(Match {
                quote_group: entry.quote_group,
                similarity: 1.0,
            });
        }
        let mut best: Option<Match> = None;
        let mut consider = |m: Match| {
            if m.similarity >= SIMILARITY && best.is_none_or(|b| m.similarity > b.similarity) {
                best = Some(m);
            }
        };
        // At most BANDS * CANDIDATES_PER_KEY ids: a list beats a set.
        let mut checked: Vec<u32> = Vec::with_capacity(bands.len() * CANDIDATES_PER_KEY);
        for key in bands {
            if let Some(slots) = self.table.bands.get(key) {
                for &id in slots.iter().filter(|&&id| id != EMPTY_SLOT) {
                    if checked.contains(&id) {
                        continue;
                    }
                    checked.push(id);
                    let entry = &self.table.entries[id as usize];
                    if entry.kind == kind {
                        consider(Match {
                            quote_group: entry.quote_group,
                            similarity: similarity(signature, &entry.signature),
                        });
                    }
                }
            }
        }
        if let Some(committed) = self.committed.as_mut() {
            let mut seen: HashSet<*const StoredPassage> = HashSet::new();
            for &key in bands {
                for passage in committed.candidates(key, &self.forgotten) {
                    if seen.insert(Rc::as_ptr(&passage)) {
                        if let Some(m) = match_stored(&passage, kind, signature) {
                            consider(m);
                        }
                    }
                }
            }
        }
        best
    }
}

/// The best-matching unit of `kind` in a stored passage, if similar enough.
fn match_stored(passage: &StoredPassage, kind: UnitKind, signature: &Signature) -> Option<Match> {
    passage
        .units
        .iter()
        .filter(|(k, _, _)| *k == kind)
        .map(|(_, sig, quote_group)| Match {
            quote_group: *quote_group,
            similarity: similarity(signature, sig),
        })
        .filter(|m| m.similarity >= SIMILARITY)
        .max_by(|a, b| a.similarity.total_cmp(&b.similarity))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Passage, Statement, StatementKind};
    use crate::index::codec::{group_label, parse_group_label};

    fn article(id: &str, paragraphs: &[&str]) -> AnalyzedArticle {
        let mut at = 0;
        let passages = paragraphs
            .iter()
            .enumerate()
            .map(|(number, text)| {
                let p = Passage {
                    number,
                    text: text.to_string(),
                    start: at,
                    end: at + text.len(),
                    line: number + 1,
                    heading: None,
                    is_heading: false,
                    is_item: false,
                    speakers: Vec::new(),
                };
                at += text.len() + 2;
                p
            })
            .collect();
        AnalyzedArticle {
            article: Article {
                id: id.to_string(),
                ..Article::default()
            },
            passages,
            statements: Vec::new(),
            aliases: Vec::new(),
        }
    }

    fn group(g: &mut Grouper, a: &AnalyzedArticle) -> Vec<PassageGrouping> {
        g.group_article(prepare(a))
    }

    fn empty_grouper(enabled: bool) -> Grouper {
        Grouper {
            enabled,
            labeller: Some(Labeller::without_index()),
            committed: None,
            forgotten: HashSet::new(),
            table: RunTable::default(),
            written: HashSet::new(),
            article: None,
            article_quotes: 0,
            report: GroupingReport::default(),
        }
    }

    const COPY: &str = "Russia remains fully committed to achieving peace in Ukraine, \
        the envoy said, adding that Moscow highly values the efforts and support of the \
        United States to resolve the conflict and re-establish global security.";

    #[test]
    fn a_settled_passage_is_labelled_and_keyed_as_computed_without_a_signature() {
        let edited = COPY.replace("highly values", "values");
        let a = article("a", &[COPY, "Markets rose on Monday morning in Tokyo."]);
        let b = article("b", &[&edited]);
        let plain = Preparer::new("a", true);
        // Grouped as a run does: every key told, then labelled.
        let mut lazy = empty_grouper(true);
        let computed: Vec<PreparedPassage> = a
            .passages
            .iter()
            .chain(&b.passages)
            .map(|p| plain.passage(p, [].iter()))
            .collect();
        for passage in &computed {
            lazy.labeller().unwrap().add(passage.passage_key().unwrap());
        }
        let mut settling = empty_grouper(true);
        for passage in &computed {
            settling
                .labeller()
                .unwrap()
                .add(passage.passage_key().unwrap());
        }
        let settled = settling.settle();
        assert_eq!(settled.len(), 3);
        let with_known = plain.with_known(&settled);
        for (p, computed) in a.passages.iter().chain(&b.passages).zip(&computed) {
            let taken = with_known.passage(p, [].iter());
            // Taken, not computed: no signature.
            assert!(taken.passage_key().is_none());
            assert_eq!(taken.units[0].bands, computed.units[0].bands);
            let (x, y) = (
                lazy.group_next(computed.clone()),
                settling.group_next(taken),
            );
            assert_eq!((x.group, &x.keys), (y.group, &y.keys));
        }
        assert_eq!(lazy.report.joined, 1);
    }

    #[test]
    fn near_copies_share_a_group_and_others_do_not() {
        let mut g = empty_grouper(true);
        let edited = COPY
            .replace("highly values", "values")
            .replace(", the envoy said", "");
        // As a run does: every passage's key is known before any is grouped.
        let a = prepare(&article("a", &[COPY, "The weather in Miami was warm."]));
        let b = prepare(&article("b", &[&edited, "Markets rose on Monday morning."]));
        for passage in a.iter().chain(&b) {
            g.labeller().unwrap().add(passage.passage_key().unwrap());
        }
        let a: Vec<PassageGrouping> = a.into_iter().map(|p| g.group_next(p)).collect();
        let b: Vec<PassageGrouping> = b.into_iter().map(|p| g.group_next(p)).collect();
        assert_eq!(a[0].group, b[0].group);
        assert_ne!(a[1].group, b[1].group);
        assert_eq!(g.report.joined, 1);
    }

    #[test]
    fn a_shared_quotation_groups_the_statements_not_the_passages() {
        let mut g = empty_grouper(true);
        let a = group(&mut g, &article(
            "a",
            &["Witkoff said officials held “productive and constructive” meetings in Florida."],
        ));
        let b = group(&mut g, &article(
            "b",
            &["The envoy stated that advisers held \"Productive and constructive\" talks on Sunday as part of efforts."],
        ));
        assert_ne!(a[0].group, b[0].group, "different passages folded");
        assert_eq!(
            a[0].unit_groups, b[0].unit_groups,
            "the quotation lost its group"
        );
        assert_eq!(a[0].unit_groups.len(), 1);
    }

    #[test]
    fn statements_take_the_group_of_their_quotation() {
        let mut g = empty_grouper(true);
        let text_a =
            "“Our shared priority is to stop the killing and ensure security,” Witkoff said.";
        let text_b = "The envoy also spoke. \"Our shared priority is to stop the killing, and ensure security,\" he said.";
        let mut a = article("a", &[text_a]);
        a.statements.push(statement(0, 0, text_a.len()));
        let mut b = article("b", &[text_b]);
        let second = text_b.find('"').unwrap();
        b.statements.push(statement(0, second, text_b.len()));
        let ga = group(&mut g, &a);
        let gb = group(&mut g, &b);
        assert_eq!(ga[0].statement_groups.len(), 1);
        assert_eq!(ga[0].statement_groups, gb[0].statement_groups);
    }

    fn statement(passage: usize, start: usize, end: usize) -> Statement {
        Statement {
            passage,
            start,
            end,
            kind: StatementKind::Direct,
            cue: "said".into(),
            speaker_text: "Witkoff".into(),
            speaker: "Steve Witkoff".into(),
        }
    }

    #[test]
    fn identical_texts_get_the_same_new_id_in_any_order() {
        let mut first = empty_grouper(true);
        let mut second = empty_grouper(true);
        let x = group(&mut first, &article("x", &[COPY]));
        let y = group(&mut second, &article("y", &[COPY]));
        assert_eq!(x[0].group, y[0].group);
    }

    #[test]
    fn disabled_grouping_gives_every_passage_its_own_group() {
        let mut g = empty_grouper(false);
        let a = group(&mut g, &article("a", &[COPY]));
        let b = group(&mut g, &article("b", &[COPY]));
        assert_ne!(a[0].group, b[0].group);
        assert!(a[0].keys.is_empty());
    }

    #[test]
    fn a_prepared_passage_has_the_key_its_text_gives() {
        let texts = [
            "The council voted on Monday to close the harbour bridge.",
            "Too short.",
            "“We will reopen it,” the mayor said of the bridge on Tuesday.",
        ];
        let a = article("a", &texts);
        let keys: Vec<Option<u64>> = prepare(&a).iter().map(PreparedPassage::key).collect();
        let expected: Vec<Option<u64>> = texts
            .iter()
            .map(|t| super::super::labels::passage_key_of(t))
            .collect();
        assert_eq!(keys, expected);
        assert!(keys[0].is_some() && keys[1].is_none());
        assert!(prepare_ungrouped(&a).iter().all(|p| p.key().is_none()));
    }

    /// A quotation of invented words, different for every `n`.
    fn quotation(n: usize) -> String {
        let words: Vec<String> = (0..8).map(|k| format!("w{n}x{k}")).collect();
        format!("“{}” the clerk said of the harbour.", words.join(" "))
    }

    #[test]
    fn one_article_adds_a_bounded_number_of_quotations_to_the_run_table() {
        let mut g = empty_grouper(true);
        let quotes: Vec<String> = (0..MAX_QUOTES_PER_ARTICLE + 300).map(quotation).collect();
        let texts: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let long = group(&mut g, &article("long", &texts));
        assert_eq!(g.table.entries.len(), MAX_QUOTES_PER_ARTICLE);
        // Another article adds its own (the copy of a quotation past the
        // cap too: it was not remembered).
        let late = MAX_QUOTES_PER_ARTICLE + 100;
        let near = quotes[5].replace("w5x7", "another");
        let short = group(
            &mut g,
            &article("short", &[&quotes[late], &near, &quotation(1 << 20)]),
        );
        assert_eq!(g.table.entries.len(), MAX_QUOTES_PER_ARTICLE + 3);
        // A quotation past the cap keeps its group in an exact copy, and
        // one the table remembers is found by a near-copy.
        assert_eq!(short[0].unit_groups, long[late].unit_groups);
        assert_eq!(short[1].unit_groups, long[5].unit_groups);
        assert_ne!(short[2].unit_groups, long[6].unit_groups);
    }

    #[test]
    fn labels_round_trip() {
        assert_eq!(parse_group_label(&group_label(42)), Some(42));
        assert_eq!(parse_group_label("xyz"), None);
    }
}
