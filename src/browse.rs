//! Browsing the index instead of searching it: every speaker, every source,
//! and the distinct statements of one speaker.
//!
//! The speaker and source listings count exactly, in one pass over the fast
//! fields of the matching passages (no stored document is read): counts of
//! distinct articles must be exact for a fact-checker, which rules out
//! cardinality estimates. The forms of one person's name (transliterations
//! such as "Yury"/"Yuri Ushakov", a surname alone such as "Bush" for
//! "George W Bush") are listed as one speaker under the canonical name of
//! `attribution::directory`, the name search shows and `stats` counts. The statement listing reads the stored statements of the
//! speaker's passages and counts a statement once per quote group (see
//! `syndication`), so a quote carried by five outlets is one line with five
//! outlets.

use crate::attribution::directory::Directory;
use crate::error::Result;
use crate::index::schema::ALIAS_SEPARATOR;
use crate::index::NewsIndex;
use crate::search::{date_string, passage_query, SearchRequest};
use crate::statement::StatementRecord;
use crate::statement::{name_key, speaks_as};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Value;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument};

/// One speaker of the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SpeakerSummary {
    /// The canonical name (the most frequent spelling).
    pub name: String,
    pub statements: u64,
    pub passages: u64,
    pub articles: usize,
    pub sources: usize,
    /// Other forms of the name: short forms seen in articles ("Witkoff") and
    /// other spellings merged into this speaker ("Yury Ushakov").
    pub aliases: Vec<String>,
}

/// One source (outlet) of the index.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceSummary {
    /// `None` for articles whose outlet is unknown.
    pub name: Option<String>,
    pub articles: usize,
    pub passages: u64,
    /// Earliest and latest article dates (RFC 3339), if any is dated.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// What the fast-field pass gathers for one name (speaker or source); the
/// cluster (`engine`) fills the same from its aggregations.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub statements: u64,
    pub passages: u64,
    pub articles: HashSet<String>,
    pub sources: HashSet<String>,
    pub aliases: BTreeSet<String>,
    /// Earliest and latest article dates, in seconds.
    pub first: Option<i64>,
    pub last: Option<i64>,
}

impl Tally {
    pub fn absorb(&mut self, other: Tally) {
        self.statements += other.statements;
        self.passages += other.passages;
        self.articles.extend(other.articles);
        self.sources.extend(other.sources);
        self.aliases.extend(other.aliases);
        self.first = min_opt(self.first, other.first);
        self.last = max_opt(self.last, other.last);
    }
}

pub(crate) fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

pub(crate) fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// What to tally per passage: by each speaker, or by the source.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TallyBy {
    Speaker,
    Source,
}

/// Tallies matching passages by speaker or by source from fast fields.
struct Tallies(TallyBy);

/// A string column with its terms read once (ords index `terms`).
struct Terms {
    column: Option<StrColumn>,
    terms: Vec<String>,
}

impl Terms {
    fn read(column: Option<StrColumn>) -> tantivy::Result<Terms> {
        let mut terms = Vec::new();
        if let Some(c) = &column {
            let mut stream = c.dictionary().stream()?;
            while stream.advance() {
                terms.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
        }
        Ok(Terms { column, terms })
    }

    fn ords(&self, doc: DocId) -> impl Iterator<Item = u64> + '_ {
        self.column.iter().flat_map(move |c| c.term_ords(doc))
    }

    fn get(&self, ord: u64) -> Option<&str> {
        self.terms.get(ord as usize).map(String::as_str)
    }
}

struct TallySegment {
    by: TallyBy,
    speakers: Terms,
    statement_speakers: Terms,
    article: Terms,
    source: Terms,
    date: Column<tantivy::DateTime>,
    /// For each `statement_speakers` ord, the `speakers` ord of that name.
    statement_speaker_ord: Vec<Option<u64>>,
    /// For each `speaker_aliases` ord, the `speakers` ord and the alias.
    alias_of: Vec<Option<(u64, String)>>,
    aliases: Option<StrColumn>,
    /// Keyed by the term ord of the speaker (or source; `NO_SOURCE`).
    by_ord: HashMap<u64, OrdTally>,
}

/// A tally of one segment, on term ords (turned into strings at harvest).
#[derive(Default)]
struct OrdTally {
    statements: u64,
    passages: u64,
    articles: HashSet<u64>,
    sources: HashSet<u64>,
    aliases: BTreeSet<String>,
    first: Option<i64>,
    last: Option<i64>,
}

const NO_SOURCE: u64 = u64::MAX;

impl Collector for Tallies {
    type Fruit = HashMap<Option<String>, Tally>;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let fast = reader.fast_fields();
        let speakers = Terms::read(fast.str("speakers")?)?;
        let (statement_speakers, aliases) = match self.0 {
            TallyBy::Speaker => (
                Terms::read(fast.str("statement_speakers")?)?,
                Terms::read(fast.str("speaker_aliases")?)?,
            ),
            TallyBy::Source => (Terms::read(None)?, Terms::read(None)?),
        };
        let speaker_ord: HashMap<&str, u64> = speakers
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u64))
            .collect();
        let statement_speaker_ord = statement_speakers
            .terms
            .iter()
            .map(|name| speaker_ord.get(name.as_str()).copied())
            .collect();
        let alias_of = aliases
            .terms
            .iter()
            .map(|pair| {
                let (name, alias) = pair.split_once(ALIAS_SEPARATOR)?;
                Some((*speaker_ord.get(name)?, alias.to_string()))
            })
            .collect();
        Ok(TallySegment {
            by: self.0,
            speakers,
            statement_speakers,
            article: Terms::read(fast.str("article_id")?)?,
            source: Terms::read(fast.str("source_exact")?)?,
            date: fast.date("date")?,
            statement_speaker_ord,
            alias_of,
            aliases: aliases.column,
            by_ord: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<HashMap<Option<String>, Tally>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut merged: HashMap<Option<String>, Tally> = HashMap::new();
        for fruit in fruits {
            for (name, tally) in fruit {
                merged.entry(name).or_default().absorb(tally);
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for TallySegment {
    type Fruit = HashMap<Option<String>, Tally>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let article = self.article.ords(doc).next();
        let source = self.source.ords(doc).next();
        let date = self.date.first(doc).map(|d| d.into_timestamp_secs());
        let mut count = |key: u64| {
            let tally = self.by_ord.entry(key).or_default();
            tally.passages += 1;
            tally.articles.extend(article);
            tally.sources.extend(source);
            tally.first = min_opt(tally.first, date);
            tally.last = max_opt(tally.last, date);
        };
        match self.by {
            TallyBy::Source => count(source.unwrap_or(NO_SOURCE)),
            TallyBy::Speaker => {
                for key in self.speakers.ords(doc) {
                    count(key);
                }
                for ord in self.statement_speakers.ords(doc) {
                    if let Some(Some(key)) = self.statement_speaker_ord.get(ord as usize) {
                        self.by_ord.entry(*key).or_default().statements += 1;
                    }
                }
                if let Some(aliases) = &self.aliases {
                    for ord in aliases.term_ords(doc) {
                        if let Some(Some((key, alias))) = self.alias_of.get(ord as usize) {
                            let tally = self.by_ord.entry(*key).or_default();
                            if !tally.aliases.contains(alias) {
                                tally.aliases.insert(alias.clone());
                            }
                        }
                    }
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        let key_terms = match self.by {
            TallyBy::Speaker => &self.speakers,
            TallyBy::Source => &self.source,
        };
        for (key, t) in self.by_ord {
            let name = key_terms.get(key).map(str::to_string);
            let strings = |terms: &Terms, set: HashSet<u64>| {
                set.into_iter()
                    .filter_map(|o| terms.get(o).map(str::to_string))
                    .collect::<HashSet<_>>()
            };
            let tally = Tally {
                statements: t.statements,
                passages: t.passages,
                articles: strings(&self.article, t.articles),
                sources: strings(&self.source, t.sources),
                aliases: t.aliases,
                first: t.first,
                last: t.last,
            };
            out.entry(name).or_insert_with(Tally::default).absorb(tally);
        }
        out
    }
}

/// Every speaker of the passages matching `filters` (its query, sources and
/// dates), most statements first.
pub fn speakers(
    index: &NewsIndex,
    searcher: &Searcher,
    filters: &SearchRequest,
) -> Result<Vec<SpeakerSummary>> {
    let (query, _) = passage_query(index, searcher, filters)?;
    let tallies = searcher.search(&query, &Tallies(TallyBy::Speaker))?;
    // One person, one line, under the name search shows and `stats`
    // counts: the forms of a name merge into their canonical group
    // ("Yury"/"Yuri Ushakov", "George W Bush"/"Bush"), read from the whole
    // index so that a filter never changes whose name a form is.
    let directory = Directory::from_index(searcher, index.fields.speakers)?;
    Ok(speaker_summaries(tallies, &directory))
}

/// The speakers of tallies by exact name, merged under their canonical
/// names in `directory`, most statements first.
pub(crate) fn speaker_summaries(
    tallies: HashMap<Option<String>, Tally>,
    directory: &Directory,
) -> Vec<SpeakerSummary> {
    let mut by_key: HashMap<String, Vec<(String, Tally)>> = HashMap::new();
    for (name, tally) in tallies {
        let Some(name) = name else { continue };
        let key = directory.canonical(&name).to_string();
        by_key.entry(key).or_default().push((name, tally));
    }
    let mut out: Vec<SpeakerSummary> = by_key
        .into_iter()
        .map(|(name, spellings)| {
            let mut merged = Tally::default();
            let mut aliases = BTreeSet::new();
            for (spelling, tally) in spellings {
                if spelling != name {
                    aliases.insert(spelling);
                }
                merged.absorb(tally);
            }
            aliases.extend(merged.aliases.iter().filter(|a| **a != name).cloned());
            SpeakerSummary {
                name,
                statements: merged.statements,
                passages: merged.passages,
                articles: merged.articles.len(),
                sources: merged.sources.len(),
                aliases: aliases.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (b.statements, b.passages)
            .cmp(&(a.statements, a.passages))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Every source of the index, most articles first; articles of unknown
/// source last.
pub fn sources(index: &NewsIndex, searcher: &Searcher) -> Result<Vec<SourceSummary>> {
    let (query, _) = passage_query(index, searcher, &SearchRequest::default())?;
    let tallies = searcher.search(&query, &Tallies(TallyBy::Source))?;
    Ok(source_summaries(tallies.into_iter().map(|(name, t)| {
        let counts = OutletCounts {
            articles: t.articles.len(),
            passages: t.passages,
            first: t.first,
            last: t.last,
        };
        (name, counts)
    })))
}

/// What the listing of sources shows of one outlet (counted locally from
/// a [`Tally`], on a cluster from an aggregation).
pub(crate) struct OutletCounts {
    pub articles: usize,
    pub passages: u64,
    /// Earliest and latest article dates, in seconds.
    pub first: Option<i64>,
    pub last: Option<i64>,
}

/// The sources of counts by outlet, most articles first; unknown last.
pub(crate) fn source_summaries(
    outlets: impl IntoIterator<Item = (Option<String>, OutletCounts)>,
) -> Vec<SourceSummary> {
    let date = |secs: Option<i64>| {
        secs.and_then(|s| date_string(tantivy::DateTime::from_timestamp_secs(s)))
    };
    let mut out: Vec<SourceSummary> = outlets
        .into_iter()
        .map(|(name, t)| SourceSummary {
            name,
            articles: t.articles,
            passages: t.passages,
            first_date: date(t.first),
            last_date: date(t.last),
        })
        .collect();
    out.sort_by(|a, b| {
        (a.name.is_none(), std::cmp::Reverse(a.articles), &a.name).cmp(&(
            b.name.is_none(),
            std::cmp::Reverse(b.articles),
            &b.name,
        ))
    });
    out
}

/// One outlet's copy of a statement.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Carrier {
    pub source: Option<String>,
    pub date: Option<String>,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub line: u64,
    pub title: Option<String>,
    /// The article and the passage within it, to open it (`/api/articles`).
    pub article_id: String,
    pub passage: u64,
}

impl Carrier {
    /// The article and passage that carry `record`.
    pub fn of(record: &StatementRecord) -> Carrier {
        Carrier {
            source: record.source.clone(),
            date: record.published_at.clone(),
            path: record.path.clone(),
            path_bytes: record.path_bytes.clone(),
            line: record.line,
            title: record.title.clone(),
            article_id: record.article_id.clone(),
            passage: record.passage,
        }
    }
}

/// The order of a `quotes` listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteOrder {
    /// By first date, newest first (undated last).
    #[default]
    Newest,
    /// By first date, oldest first (undated last).
    Oldest,
    /// By the best BM25 score of its passages for the query (newest first
    /// among equals, and without a query).
    Relevance,
}

/// A distinct statement of one speaker, with every article that carried it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DistinctStatement {
    /// The statement's quote group (see `syndication`).
    pub group: String,
    pub speaker: String,
    /// `direct` or `reported`.
    pub kind: String,
    /// The statement as the earliest carrier printed it.
    pub text: String,
    /// The earliest date it was seen (RFC 3339), if any carrier is dated.
    pub first_date: Option<String>,
    /// Distinct outlets that carried it (unknown outlets not counted).
    pub outlets: Vec<String>,
    /// Every article that carried it, oldest first (undated last).
    pub carriers: Vec<Carrier>,
    /// Outlets other than the first carrier's that carried it.
    pub also_in_outlets: usize,
    /// The statement record of its first carrier (see `statement`).
    pub statement: StatementRecord,
    /// The best score of its passages for the query (0 without one).
    #[serde(skip)]
    pub score: f32,
}

/// The distinct statements of `speaker` in passages matching `filters`,
/// in `order`.
pub fn quotes(
    index: &NewsIndex,
    searcher: &Searcher,
    speaker: &str,
    filters: &SearchRequest,
    order: QuoteOrder,
) -> Result<Vec<DistinctStatement>> {
    let fields = &index.fields;
    let request = SearchRequest {
        speakers: vec![speaker.to_string()],
        ..filters.clone()
    };
    let (query, _) = passage_query(index, searcher, &request)?;
    let matches = searcher.search(&query, &Count)?;
    let mut addresses: Vec<(Score, tantivy::DocAddress)> = searcher.search(
        &query,
        &TopDocs::with_limit(matches.max(1)).order_by_score(),
    )?;
    addresses.sort_by_key(|&(_, address)| address);
    let wanted = name_key(speaker);
    let mut groups = QuoteGroups::default();
    for (score, address) in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let records = crate::statement::records_of(fields, &doc);
        if records.is_empty() {
            continue;
        }
        let start = doc
            .get_first(fields.start)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        let path = doc
            .get_first(fields.path)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        // Every record of a passage names the same article and passage.
        let carrier = Carrier::of(&records[0]);
        for record in records {
            if !speaks_as(&record.speaker, &wanted) {
                continue;
            }
            let group = record.group.clone().unwrap_or_else(|| {
                // Where the statement starts in its passage.
                format!("{path}:{}", record.start.saturating_sub(start))
            });
            groups.add(group, record, &carrier, score);
        }
    }
    Ok(groups.finish(order))
}

/// Statements folded by quote group: each group's carriers, one per
/// article, and the text and record of its first carrier. The result does
/// not depend on the order statements come in, so the cluster (`engine`),
/// which returns them in another order, folds them the same way.
#[derive(Default)]
pub(crate) struct QuoteGroups {
    /// Quote group → article → its copy of the statement.
    groups: HashMap<String, HashMap<String, CarriedCopy>>,
}

/// One article's copy of a statement: the first of the article's
/// statements in the group (by line, then place in the file).
struct CarriedCopy {
    carrier: Carrier,
    record: StatementRecord,
    content: String,
    /// The best score of the group's statements in this article.
    score: f32,
}

impl QuoteGroups {
    /// One statement (`record`) carried by `carrier`, scoring `score` for
    /// the query.
    pub fn add(&mut self, group: String, record: StatementRecord, carrier: &Carrier, score: f32) {
        let content = record.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let copies = self.groups.entry(group).or_default();
        let at = |c: &CarriedCopy| (c.carrier.line, c.record.start, c.record.end);
        let new = CarriedCopy {
            carrier: carrier.clone(),
            record,
            content,
            score,
        };
        match copies.get_mut(&carrier.article_id) {
            None => {
                copies.insert(carrier.article_id.clone(), new);
            }
            Some(old) => {
                let best = old.score.max(new.score);
                if at(&new) < at(old) {
                    *old = new;
                }
                old.score = best;
            }
        }
    }

    /// The distinct statements in `order`.
    pub fn finish(self, order: QuoteOrder) -> Vec<DistinctStatement> {
        // Carriers are listed oldest first (undated last), then by file
        // and line; the text and record are the first one's.
        let place = |c: &Carrier| (c.date.is_none(), c.date.clone(), c.path.clone(), c.line);
        let mut out: Vec<DistinctStatement> = self
            .groups
            .into_iter()
            .filter_map(|(group, copies)| {
                let mut copies: Vec<CarriedCopy> = copies.into_values().collect();
                copies.sort_by_key(|c| place(&c.carrier));
                let score = copies.iter().map(|c| c.score).fold(f32::MIN, f32::max);
                let mut copies = copies.into_iter();
                let first = copies.next()?;
                let mut carriers = vec![first.carrier];
                carriers.extend(copies.map(|c| c.carrier));
                let mut outlets: Vec<String> = Vec::new();
                for c in &carriers {
                    if let Some(source) = &c.source {
                        if !outlets.contains(source) {
                            outlets.push(source.clone());
                        }
                    }
                }
                let first_outlet = carriers[0].source.as_ref();
                Some(DistinctStatement {
                    group,
                    speaker: first.record.speaker.clone(),
                    kind: first.record.kind.as_str().to_string(),
                    text: first.content,
                    first_date: carriers[0].date.clone(),
                    also_in_outlets: outlets.iter().filter(|o| Some(*o) != first_outlet).count(),
                    outlets,
                    carriers,
                    statement: first.record,
                    score,
                })
            })
            .collect();
        // Statements of one passage tie on date, path and line: their place in
        // the passage, then their group, decide, so every run (and the API)
        // lists them in the same order.
        let oldest = |a: &DistinctStatement, b: &DistinctStatement| {
            let first = |s: &DistinctStatement| {
                let c = &s.carriers[0];
                (
                    s.first_date.is_none(),
                    s.first_date.clone(),
                    c.path.clone(),
                    c.line,
                    s.statement.start,
                    s.group.clone(),
                )
            };
            first(a).cmp(&first(b))
        };
        let newest = |a: &DistinctStatement, b: &DistinctStatement| {
            (a.first_date.is_none(), std::cmp::Reverse(&a.first_date))
                .cmp(&(b.first_date.is_none(), std::cmp::Reverse(&b.first_date)))
                .then_with(|| oldest(a, b))
        };
        match order {
            QuoteOrder::Oldest => out.sort_by(oldest),
            QuoteOrder::Newest => out.sort_by(newest),
            QuoteOrder::Relevance => out.sort_by(|a, b| {
                b.score
                    .partial_cmp(&a.score)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then_with(|| newest(a, b))
            }),
        }
        out
    }
}
