//! The order of search results, the same on every build of the same files.
//!
//! Results are ranked by a key, the BM25 score or (for listings without
//! words) the date, and ties are common: exact copies of a paragraph score
//! the same, and a day's articles share a date. tantivy's `TopDocs` breaks
//! ties by document address, but where a passage lands (which segment,
//! which position) depends on how the indexing threads interleaved, so two
//! builds of the same files led a folded result with different copies and
//! ordered `--all` differently. Here a tie goes to the older passage
//! (undated last: the first to carry the words leads its copies), then by
//! article key and passage number, which derive from the article's path
//! and the passage's place in it ([`Tie`]).
//!
//! The tie-break is read from fast fields only for a match whose key
//! reaches the k-th best kept so far, so a search reads it for a few
//! matches, not for every one.

use crate::index::columns::ColumnCache;
use std::cmp::Ordering;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// How matches are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By BM25 score, best first.
    Score,
    /// By date, newest first (undated last): listings without words.
    NewestFirst,
}

/// A match's date as a sort key: seconds, undated last.
pub type DateKey = i64;
pub const UNDATED: DateKey = i64::MAX;

/// What orders two matches of equal key, least first: the older passage,
/// then the lower article key (a hash of the article's id), then the lower
/// passage number. Derived from the files alone, never from where the
/// documents landed in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tie {
    pub date: DateKey,
    pub article: u64,
    pub passage: u64,
}

/// The columns of one segment that a [`Tie`] is read from.
pub struct TieColumns {
    date: Column<tantivy::DateTime>,
    article: Column<u64>,
    passage: Column<u64>,
}

impl TieColumns {
    pub fn open(columns: &ColumnCache, reader: &SegmentReader) -> tantivy::Result<TieColumns> {
        Ok(TieColumns {
            date: columns.date(reader, "date")?,
            article: columns.u64(reader, "article_key")?,
            passage: columns.u64(reader, "passage")?,
        })
    }

    pub fn tie(&self, doc: DocId) -> Tie {
        Tie {
            date: date_key(self.date.first(doc)),
            article: self.article.first(doc).unwrap_or(0),
            passage: self.passage.first(doc).unwrap_or(0),
        }
    }

    /// The rank of match `doc` of `key` if it ranks before `bar`, reading
    /// no more of its tie than that takes: nothing when its key is lower,
    /// only its date when the keys are equal and it is newer than the
    /// bar's (equal scores are mostly copies, of other dates).
    pub fn rank_before(&self, bar: &Rank, key: f64, doc: DocId) -> Option<Rank> {
        if key < bar.key || (key == bar.key && date_key(self.date.first(doc)) > bar.tie.date) {
            return None;
        }
        let tie = self.tie(doc);
        let rank = Rank { key, tie, doc };
        (rank > *bar).then_some(rank)
    }
}

/// A date column's value as a [`DateKey`].
pub fn date_key(date: Option<tantivy::DateTime>) -> DateKey {
    date.map_or(UNDATED, |d| d.into_timestamp_secs())
}

/// The ranking key of a match by date: newest first, undated last.
pub fn newest_first_key(date: Option<tantivy::DateTime>) -> f64 {
    date.map_or(f64::NEG_INFINITY, |d| d.into_timestamp_secs() as f64)
}

/// A match's place in one segment's ranking; greater ranks first: higher
/// key, then lower [`Tie`], then lower document id (which only two
/// documents of one passage could need).
#[derive(Debug, Clone, Copy)]
pub struct Rank {
    pub key: f64,
    pub tie: Tie,
    pub doc: DocId,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then_with(|| other.tie.cmp(&self.tie))
            .then_with(|| other.doc.cmp(&self.doc))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Rank {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Rank {}

/// A match ranked across segments: its rank, then the lower segment.
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub rank: Rank,
    pub segment: SegmentOrdinal,
}

impl Placed {
    /// Whether `self` ranks before `other`.
    pub fn outranks(&self, other: &Placed) -> bool {
        match self.rank.cmp(&other.rank) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => self.segment < other.segment,
        }
    }

    pub fn address(&self) -> DocAddress {
        DocAddress::new(self.segment, self.rank.doc)
    }

    /// The score shown for it: the key when ranked by score, 0 by date.
    pub fn score(&self, ranking: Ranking) -> Score {
        match ranking {
            Ranking::Score => self.rank.key as Score,
            Ranking::NewestFirst => 0.0,
        }
    }
}

/// The best `offset + limit` matches, every match counted: the page of
/// `search --all` (what `TopDocs` and `Count` gave, with ties broken by
/// [`Tie`]). Returns (score, address) best first and the number of
/// matches.
pub struct TopPassages<'c> {
    columns: &'c ColumnCache,
    ranking: Ranking,
    offset: usize,
    limit: usize,
}

impl<'c> TopPassages<'c> {
    pub fn new(
        columns: &'c ColumnCache,
        ranking: Ranking,
        offset: usize,
        limit: usize,
    ) -> TopPassages<'c> {
        TopPassages {
            columns,
            ranking,
            offset,
            limit,
        }
    }
}

pub struct TopPassagesSegment {
    segment: SegmentOrdinal,
    ranking: Ranking,
    date: Column<tantivy::DateTime>,
    ties: TieColumns,
    k: usize,
    /// The matches that may rank in the top k: fewer than `2 k`, cut down
    /// to the best k when full (amortised constant time a match, as
    /// tantivy's own top-k).
    kept: Vec<Kept>,
    /// The k-th best when `kept` was last cut down: a match that does not
    /// rank before it cannot reach the page.
    bar: Option<Rank>,
    /// Its key (-inf before the first cut), checked before anything else.
    bar_key: f64,
    count: usize,
}

/// A match kept, its tie read once it decides something: when its key
/// equals the bar's or the k-th's at a cut, or when the segment is done.
#[derive(Debug, Clone, Copy)]
struct Kept {
    key: f64,
    doc: DocId,
    tie: Option<Tie>,
}

impl Kept {
    /// Best first, by key, then tie (read ones first), then document.
    fn order(a: &Kept, b: &Kept) -> Ordering {
        b.key
            .total_cmp(&a.key)
            .then_with(|| match (a.tie, b.tie) {
                (Some(a), Some(b)) => a.cmp(&b),
                (a, b) => b.is_none().cmp(&a.is_none()),
            })
            .then_with(|| a.doc.cmp(&b.doc))
    }
}

impl TopPassagesSegment {
    /// Takes in a match whose key reaches the bar: out of line, so that
    /// the check every match makes stays small.
    #[inline(never)]
    fn offer(&mut self, doc: DocId, key: f64) {
        let tie = match self.bar {
            Some(bar) if key == bar.key => match self.ties.rank_before(&bar, key, doc) {
                Some(rank) => Some(rank.tie),
                None => return,
            },
            _ => None,
        };
        if self.kept.len() >= 2 * self.k {
            self.cut();
        }
        self.kept.push(Kept { key, doc, tie });
    }

    /// Keeps the best k of `kept`. Only matches of the k-th key read their
    /// ties, and only when they decide something: which of them stay, when
    /// some would be cut, and which of them is the new bar.
    fn cut(&mut self) {
        if self.kept.len() <= self.k {
            return;
        }
        let k = self.k;
        self.kept
            .select_nth_unstable_by(k - 1, |a, b| b.key.total_cmp(&a.key));
        let kth = self.kept[k - 1].key;
        let split = self.kept[k..].iter().any(|m| m.key == kth);
        for kept in self.kept.iter_mut().filter(|m| m.key == kth) {
            kept.tie = kept.tie.or_else(|| Some(self.ties.tie(kept.doc)));
        }
        if split {
            self.kept.select_nth_unstable_by(k - 1, Kept::order);
        }
        self.kept.truncate(k);
        let last = *self.kept[..k]
            .iter()
            .filter(|m| m.key == kth)
            .max_by(|a, b| Kept::order(a, b))
            .expect("the k-th is among the first k");
        let bar = self.rank(last);
        (self.bar, self.bar_key) = (Some(bar), bar.key);
    }

    fn rank(&self, kept: Kept) -> Rank {
        Rank {
            key: kept.key,
            tie: kept.tie.unwrap_or_else(|| self.ties.tie(kept.doc)),
            doc: kept.doc,
        }
    }
}

impl Collector for TopPassages<'_> {
    type Fruit = (Vec<(Score, DocAddress)>, usize);
    type Child = TopPassagesSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TopPassagesSegment> {
        Ok(TopPassagesSegment {
            segment,
            ranking: self.ranking,
            date: self.columns.date(reader, "date")?,
            ties: TieColumns::open(self.columns, reader)?,
            k: self.offset.saturating_add(self.limit),
            kept: Vec::new(),
            bar: None,
            bar_key: f64::NEG_INFINITY,
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranking == Ranking::Score
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<Rank>, usize)>,
    ) -> tantivy::Result<Self::Fruit> {
        let count = fruits.iter().map(|f| f.2).sum();
        let mut placed: Vec<Placed> = fruits
            .into_iter()
            .flat_map(|(segment, ranks, _)| {
                ranks.into_iter().map(move |rank| Placed { rank, segment })
            })
            .collect();
        placed.sort_unstable_by(|a, b| match (a.outranks(b), b.outranks(a)) {
            (true, _) => Ordering::Less,
            (_, true) => Ordering::Greater,
            _ => Ordering::Equal,
        });
        let page = placed
            .iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|p| (p.score(self.ranking), p.address()))
            .collect();
        Ok((page, count))
    }
}

impl SegmentCollector for TopPassagesSegment {
    type Fruit = (SegmentOrdinal, Vec<Rank>, usize);

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.k == 0 {
            return;
        }
        let key = match self.ranking {
            Ranking::Score => f64::from(score),
            Ranking::NewestFirst => newest_first_key(self.date.first(doc)),
        };
        if key >= self.bar_key {
            self.offer(doc, key);
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.cut();
        let ranks = self.kept.iter().map(|&kept| self.rank(kept)).collect();
        (self.segment, ranks, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syndication::fold::TopGroups;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, FAST, INDEXED, TEXT};
    use tantivy::{DateTime, Index, IndexWriter, Searcher, TantivyDocument};

    /// A copy of one paragraph: (date as days, article key, passage).
    type Copy = (Option<i64>, u64, u64);

    /// Exact copies of one paragraph (one copy group) and a paragraph of
    /// its own, each added in `order` and committed alone, so that every
    /// copy has a segment and an address of its own: the order decides
    /// where each lands, as indexing threads do.
    fn index_of(copies: &[Copy], order: &[usize]) -> (Index, QueryParser) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let group = schema.add_u64_field("group", FAST | INDEXED);
        let date = schema.add_date_field("date", FAST);
        let article = schema.add_u64_field("article_key", FAST);
        let passage = schema.add_u64_field("passage", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for &i in order {
            let (days, key, number) = copies[i];
            let mut doc = TantivyDocument::default();
            doc.add_text(text, "envoys meet for peace talks in the harbour city");
            doc.add_u64(group, 7);
            if let Some(days) = days {
                doc.add_date(date, DateTime::from_timestamp_secs(days * 86_400));
            }
            doc.add_u64(article, key);
            doc.add_u64(passage, number);
            writer.add_document(doc).unwrap();
            writer.commit().unwrap();
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(text, "rain over the harbour delays the talks");
        doc.add_u64(group, 8);
        doc.add_u64(article, 100);
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let parser = QueryParser::for_index(&index, vec![text]);
        (index, parser)
    }

    /// The (article key, passage) of each address.
    fn named(searcher: &Searcher, addresses: impl Iterator<Item = DocAddress>) -> Vec<(u64, u64)> {
        addresses
            .map(|a| {
                let fast = searcher.segment_reader(a.segment_ord).fast_fields();
                let of = |field| fast.u64(field).unwrap().first(a.doc_id).unwrap_or(0);
                (of("article_key"), of("passage"))
            })
            .collect()
    }

    const COPIES: [Copy; 5] = [
        (Some(20), 5, 0),
        (Some(10), 9, 2),
        (None, 1, 0),
        (Some(10), 3, 4),
        (Some(10), 9, 1),
    ];

    /// Every order the copies could be written in gives `expected`.
    fn in_every_order(
        expected: &[(u64, u64)],
        results: impl Fn(&Searcher, &QueryParser) -> Vec<(u64, u64)>,
    ) {
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 4, 0, 3, 1]] {
            let (index, parser) = index_of(&COPIES, &order);
            let searcher = index.reader().unwrap().searcher();
            assert_eq!(
                results(&searcher, &parser),
                expected,
                "written in order {order:?}"
            );
        }
    }

    #[test]
    fn equal_scores_rank_the_older_copy_first_then_by_article_and_passage() {
        let columns = ColumnCache::default();
        let oldest_first = [(3, 4), (9, 1), (9, 2), (5, 0), (1, 0)];
        in_every_order(&oldest_first, |searcher, parser| {
            let query = parser.parse_query("peace").unwrap();
            let (page, count) = searcher
                .search(&query, &TopPassages::new(&columns, Ranking::Score, 0, 10))
                .unwrap();
            assert_eq!(count, 5);
            named(searcher, page.into_iter().map(|(_, address)| address))
        });
        // A page further on continues the same order.
        in_every_order(&oldest_first[1..3], |searcher, parser| {
            let query = parser.parse_query("peace").unwrap();
            let (page, _) = searcher
                .search(&query, &TopPassages::new(&columns, Ranking::Score, 1, 2))
                .unwrap();
            named(searcher, page.into_iter().map(|(_, address)| address))
        });
    }

    #[test]
    fn listings_of_one_date_are_in_the_same_order_in_every_build() {
        let columns = ColumnCache::default();
        let expected = [(5, 0), (3, 4), (9, 1), (9, 2), (1, 0), (100, 0)];
        in_every_order(&expected, |searcher, _| {
            let query = tantivy::query::AllQuery;
            let (page, count) = searcher
                .search(
                    &query,
                    &TopPassages::new(&columns, Ranking::NewestFirst, 0, 10),
                )
                .unwrap();
            assert_eq!(count, 6);
            named(searcher, page.into_iter().map(|(_, address)| address))
        });
    }

    #[test]
    fn the_oldest_copy_leads_its_folded_result_in_every_build() {
        let columns = ColumnCache::default();
        in_every_order(&[(3, 4)], |searcher, parser| {
            let query = parser.parse_query("peace").unwrap();
            let top = searcher
                .search(&query, &TopGroups::new(&columns, Ranking::Score, 0, 10))
                .unwrap();
            named(searcher, top.leaders.iter().map(|&(_, address, _)| address))
        });
    }

    #[test]
    fn a_tie_goes_by_the_tie_not_the_segment() {
        let tie = |date| Tie {
            date,
            article: 1,
            passage: 0,
        };
        let placed = |date, segment| Placed {
            rank: Rank {
                key: 2.0,
                tie: tie(date),
                doc: 0,
            },
            segment,
        };
        assert!(placed(5, 3).outranks(&placed(6, 0)));
        assert!(!placed(6, 0).outranks(&placed(5, 3)));
        assert!(placed(5, 0).outranks(&placed(5, 3)));
        assert!(tie(UNDATED) > tie(0));
    }
}
