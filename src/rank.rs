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
//! path and passage number ([`Tie`]), so that a listing of undated files
//! reads in path order, as `ls` would show them.
//!
//! The tie-break is read from fast fields only for a match whose key
//! reaches the k-th best kept so far, so a search reads it for a few
//! matches, not for every one. Within a segment a path is its term
//! ordinal (the dictionary is sorted, so ordinals are in path order);
//! only the few matches a segment hands on are given their path's text,
//! to compare across segments ([`Placed`]).

use crate::index::columns::ColumnCache;
use std::cell::OnceCell;
use std::cmp::Ordering;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// How matches are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By BM25 score, best first.
    Score,
    /// By date, newest first (undated last): listings without words.
    NewestFirst,
}

impl Ranking {
    /// The ranking key of match `doc` scored `score`, whose segment's
    /// dates are `date`: higher ranks first.
    pub fn key(self, doc: DocId, score: Score, date: &Column<tantivy::DateTime>) -> f64 {
        match self {
            Ranking::Score => f64::from(score),
            Ranking::NewestFirst => newest_first_key(date.first(doc)),
        }
    }
}

/// A match's date as a sort key: seconds, undated last.
pub type DateKey = i64;
pub const UNDATED: DateKey = i64::MAX;

/// What orders two matches of equal key in one segment, least first: the
/// older passage, then the path (its term ordinal in the segment; none
/// last), then the passage number. Derived from the files alone, never
/// from where the documents landed in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tie {
    pub date: DateKey,
    pub path: u64,
    pub passage: u64,
}

/// The columns of one segment that a [`Tie`] is read from (the dates also
/// rank a listing: [`TieColumns::dates`]).
pub struct TieColumns {
    date: Column<tantivy::DateTime>,
    path: Option<StrColumn>,
    passage: Column<u64>,
}

impl TieColumns {
    pub fn open(columns: &ColumnCache, reader: &SegmentReader) -> tantivy::Result<TieColumns> {
        Ok(TieColumns {
            date: columns.date(reader, "date")?,
            path: columns.str(reader, "path")?,
            passage: columns.u64(reader, "passage")?,
        })
    }

    /// The segment's `date` column.
    pub fn dates(&self) -> &Column<tantivy::DateTime> {
        &self.date
    }

    /// The rank of match `doc` of `key`, its tie read.
    pub fn rank(&self, key: f64, doc: DocId) -> Rank {
        Rank {
            key,
            tie: self.tie(doc),
            doc,
        }
    }

    pub fn tie(&self, doc: DocId) -> Tie {
        let path = self.path.as_ref().and_then(|c| c.term_ords(doc).next());
        Tie {
            date: date_key(self.date.first(doc)),
            path: path.unwrap_or(u64::MAX),
            passage: self.passage.first(doc).unwrap_or(0),
        }
    }

    /// `rank`, of segment `segment`, as compared across segments.
    pub fn place(&self, rank: Rank, segment: SegmentOrdinal) -> Placed {
        Placed {
            rank,
            segment,
            paths: self.path.clone(),
            path: OnceCell::new(),
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
        let rank = self.rank(key, doc);
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

/// A match ranked across segments: by key, date, path, passage number,
/// then segment and document. Paths of one segment compare by ordinal;
/// of two, by text, which is read (a walk through a dictionary block) only
/// for such a tie, once.
#[derive(Clone)]
pub struct Placed {
    pub rank: Rank,
    pub segment: SegmentOrdinal,
    /// The segment's `path` column, where the text of the path is read.
    paths: Option<StrColumn>,
    /// The path's text once read; `None` for a document without a path,
    /// which comes last.
    path: OnceCell<Option<Box<str>>>,
}

impl Placed {
    /// A placed match whose path's text is known (tests).
    #[cfg(test)]
    pub fn with_path(rank: Rank, segment: SegmentOrdinal, path: Option<&str>) -> Placed {
        Placed {
            rank,
            segment,
            paths: None,
            path: OnceCell::from(path.map(Box::from)),
        }
    }

    /// The text of its path.
    pub fn path(&self) -> Option<&str> {
        self.path
            .get_or_init(|| {
                let column = self.paths.as_ref()?;
                let mut text = String::new();
                let found = column.ord_to_str(self.rank.tie.path, &mut text).ok()?;
                found.then(|| text.into_boxed_str())
            })
            .as_deref()
    }

    /// Whether `self` ranks before `other`.
    pub fn outranks(&self, other: &Placed) -> bool {
        self.order(other) == Ordering::Less
    }

    /// The order of results by key and date alone, which [`Placed::order`]
    /// refines: `Less` when `self` ranks first whatever the paths.
    pub fn coarse_order(&self, other: &Placed) -> Ordering {
        let (a, b) = (&self.rank, &other.rank);
        b.key.total_cmp(&a.key).then(a.tie.date.cmp(&b.tie.date))
    }

    /// The order of results: `Less` when `self` ranks first.
    pub fn order(&self, other: &Placed) -> Ordering {
        let (a, b) = (&self.rank, &other.rank);
        let path_order = || match self.segment == other.segment {
            true => a.tie.path.cmp(&b.tie.path),
            false => match (self.path(), other.path()) {
                (Some(x), Some(y)) => x.cmp(y),
                (x, y) => x.is_none().cmp(&y.is_none()),
            },
        };
        b.key
            .total_cmp(&a.key)
            .then(a.tie.date.cmp(&b.tie.date))
            .then_with(path_order)
            .then(a.tie.passage.cmp(&b.tie.passage))
            .then(self.segment.cmp(&other.segment))
            .then(a.doc.cmp(&b.doc))
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

/// Items `offset..offset + limit` of `items` in the order of their
/// [`Placed`], best first. The page is chosen by key and date first
/// ([`Placed::coarse_order`]), which reads nothing: only the items that tie
/// with the last one taken are compared in full, and the page is sorted
/// alone, so a path is read (a walk through a dictionary block, about
/// 30,000 instructions) only for ties that decide the page or its order,
/// never for the rest: a one-word search of the bbc index, whose files are
/// undated and so tie on equal scores, cost a fifth less.
pub fn page<T>(
    mut items: Vec<T>,
    offset: usize,
    limit: usize,
    placed: impl Fn(&T) -> &Placed,
) -> Vec<T> {
    let order = |a: &T, b: &T| placed(a).order(placed(b));
    let wanted = offset.saturating_add(limit);
    if wanted == 0 {
        return Vec::new();
    }
    if wanted < items.len() {
        let coarse = |a: &T, b: &T| placed(a).coarse_order(placed(b));
        items.select_nth_unstable_by(wanted - 1, coarse);
        // No item before the last one taken ranks after it by key and date,
        // none after it before. Those equal to it, from both sides, compete
        // for the places left.
        let last = items.swap_remove(wanted - 1);
        let (mut kept, mut competing) = (Vec::with_capacity(wanted), Vec::new());
        for item in items {
            match coarse(&item, &last) {
                Ordering::Less => kept.push(item),
                Ordering::Equal => competing.push(item),
                Ordering::Greater => {}
            }
        }
        competing.push(last);
        let places = wanted - kept.len();
        if places < competing.len() {
            competing.select_nth_unstable_by(places - 1, order);
            competing.truncate(places);
        }
        kept.extend(competing);
        items = kept;
    }
    items.sort_unstable_by(order);
    items.into_iter().skip(offset).collect()
}

/// The best `offset + limit` matches, every match counted: the page of
/// `search --all` (what `TopDocs` and `Count` gave, with ties broken by
/// [`Tie`]). Returns (score, address) best first and the number of
/// matches.
///
/// Each segment starts from the k-th best key of those the earlier
/// segments handed on ([`Floor`]): a match of a lower key ranks after k
/// matches already found, so it is counted and nothing more. Without it
/// every segment raised its own bar from nothing, and on the
/// 100,000-article benchmark index a single word's search spent a tenth of
/// its instructions keeping matches that a later cut dropped.
pub struct TopPassages<'c> {
    columns: &'c ColumnCache,
    ranking: Ranking,
    offset: usize,
    limit: usize,
    floor: Arc<Mutex<Floor>>,
}

/// The best keys the segments searched so far handed on, at most k: with
/// k of them, the k-th is a floor under which no match can reach the page
/// (k distinct matches rank before it, whatever their ties).
#[derive(Debug, Default)]
struct Floor {
    keys: Vec<f64>,
}

impl Floor {
    /// The k-th best key handed on, if there are k.
    fn kth(&self, k: usize) -> Option<f64> {
        (k > 0 && self.keys.len() >= k).then(|| self.keys[k - 1])
    }

    /// Takes in the keys of what one segment hands on, keeping the best
    /// k, best first.
    fn absorb(&mut self, keys: impl IntoIterator<Item = f64>, k: usize) {
        self.keys.extend(keys);
        self.keys.sort_unstable_by(|a, b| b.total_cmp(a));
        self.keys.truncate(k);
    }
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
            floor: Arc::default(),
        }
    }
}

pub struct TopPassagesSegment {
    segment: SegmentOrdinal,
    ranking: Ranking,
    ties: TieColumns,
    k: usize,
    /// The matches that may rank in the top k: fewer than `2 k`, cut down
    /// to the best k when full (amortised constant time a match, as
    /// tantivy's own top-k).
    kept: Vec<Kept>,
    /// The k-th best when `kept` was last cut down: a match that does not
    /// rank before it cannot reach the page.
    bar: Option<Rank>,
    /// Its key (-inf before the first cut), or the earlier segments'
    /// floor when that is higher: checked before anything else.
    bar_key: f64,
    /// The floor of the earlier segments when this one started.
    floor: f64,
    /// Where this segment hands on its best keys when done.
    handed_on: Arc<Mutex<Floor>>,
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
        (self.bar, self.bar_key) = (Some(bar), bar.key.max(self.floor));
    }

    fn rank(&self, kept: Kept) -> Rank {
        match kept.tie {
            Some(tie) => Rank {
                key: kept.key,
                tie,
                doc: kept.doc,
            },
            None => self.ties.rank(kept.key, kept.doc),
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
        let k = self.offset.saturating_add(self.limit);
        let floor = lock(&self.floor).kth(k).unwrap_or(f64::NEG_INFINITY);
        Ok(TopPassagesSegment {
            segment,
            ranking: self.ranking,
            ties: TieColumns::open(self.columns, reader)?,
            k,
            kept: Vec::new(),
            bar: None,
            bar_key: floor,
            floor,
            handed_on: self.floor.clone(),
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranking == Ranking::Score
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<Placed>, usize)>) -> tantivy::Result<Self::Fruit> {
        // The next search with this collector starts afresh.
        *lock(&self.floor) = Floor::default();
        let count = fruits.iter().map(|f| f.1).sum();
        let placed: Vec<Placed> = fruits.into_iter().flat_map(|f| f.0).collect();
        let page = page(placed, self.offset, self.limit, |p| p)
            .iter()
            .map(|p| (p.score(self.ranking), p.address()))
            .collect();
        Ok((page, count))
    }
}

impl SegmentCollector for TopPassagesSegment {
    type Fruit = (Vec<Placed>, usize);

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.k == 0 {
            return;
        }
        let key = self.ranking.key(doc, score, self.ties.dates());
        if key >= self.bar_key {
            self.offer(doc, key);
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.cut();
        lock(&self.handed_on).absorb(self.kept.iter().map(|m| m.key), self.k);
        let placed = self
            .kept
            .iter()
            .map(|&kept| self.ties.place(self.rank(kept), self.segment))
            .collect();
        (placed, self.count)
    }
}

fn lock(floor: &Mutex<Floor>) -> std::sync::MutexGuard<'_, Floor> {
    floor.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syndication::fold::TopGroups;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, FAST, INDEXED, STRING, TEXT};
    use tantivy::{DateTime, Index, IndexWriter, Searcher, TantivyDocument};

    /// A copy of one paragraph: (date as days, path, passage).
    type Copy = (Option<i64>, &'static str, u64);

    /// Exact copies of one paragraph (one copy group) and an undated
    /// paragraph of its own in `z.txt`, each added in `order` and
    /// committed alone, so that every copy has a segment and an address of
    /// its own: the order decides where each lands, as indexing threads do.
    fn index_of(copies: &[Copy], order: &[usize]) -> (Index, QueryParser) {
        let mut segments = Segments::new();
        for &i in order {
            let (days, file, number) = copies[i];
            let words = "envoys meet for peace talks in the harbour city";
            segments.add(words, 7, days, file, Some(number));
            segments.writer.commit().unwrap();
        }
        segments.add(
            "rain over the harbour delays the talks",
            8,
            None,
            "z.txt",
            None,
        );
        segments.writer.commit().unwrap();
        let parser = QueryParser::for_index(&segments.index, vec![segments.text]);
        (segments.index, parser)
    }

    /// An index in RAM of the fields a ranking reads, whose writer never
    /// merges: each commit stays a segment of its own.
    struct Segments {
        index: Index,
        writer: IndexWriter,
        text: tantivy::schema::Field,
        fields: [tantivy::schema::Field; 4],
    }

    impl Segments {
        fn new() -> Segments {
            let mut schema = Schema::builder();
            let text = schema.add_text_field("text", TEXT);
            let fields = [
                schema.add_u64_field("group", FAST | INDEXED),
                schema.add_date_field("date", FAST),
                schema.add_text_field("path", STRING | FAST),
                schema.add_u64_field("passage", FAST),
            ];
            let index = Index::create_in_ram(schema.build());
            let writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            Segments {
                index,
                writer,
                text,
                fields,
            }
        }

        /// Adds a passage of `words`, dated `days` after the epoch if at
        /// all.
        fn add(&mut self, words: &str, group: u64, days: Option<i64>, file: &str, n: Option<u64>) {
            let [group_field, date, path, passage] = self.fields;
            let mut doc = TantivyDocument::default();
            doc.add_text(self.text, words);
            doc.add_u64(group_field, group);
            if let Some(days) = days {
                doc.add_date(date, DateTime::from_timestamp_secs(days * 86_400));
            }
            doc.add_text(path, file);
            if let Some(n) = n {
                doc.add_u64(passage, n);
            }
            self.writer.add_document(doc).unwrap();
        }
    }

    /// The "path#passage" of each address.
    fn named(searcher: &Searcher, addresses: impl Iterator<Item = DocAddress>) -> Vec<String> {
        addresses
            .map(|a| {
                let ties = TieColumns::open(
                    &ColumnCache::default(),
                    searcher.segment_reader(a.segment_ord),
                )
                .unwrap();
                let rank = Rank {
                    key: 0.0,
                    tie: ties.tie(a.doc_id),
                    doc: a.doc_id,
                };
                let placed = ties.place(rank, a.segment_ord);
                let path = placed.path().unwrap_or_default().to_string();
                format!("{path}#{}", rank.tie.passage)
            })
            .collect()
    }

    const COPIES: [Copy; 5] = [
        (Some(20), "e.txt", 0),
        (Some(10), "i.txt", 2),
        (None, "a.txt", 0),
        (Some(10), "c.txt", 4),
        (Some(10), "i.txt", 1),
    ];

    /// Every order the copies could be written in gives `expected`.
    fn in_every_order(expected: &[&str], results: impl Fn(&Searcher, &QueryParser) -> Vec<String>) {
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
    fn equal_scores_rank_the_older_copy_first_then_by_path_and_passage() {
        let columns = ColumnCache::default();
        let oldest_first = ["c.txt#4", "i.txt#1", "i.txt#2", "e.txt#0", "a.txt#0"];
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
    fn listings_by_date_read_in_path_order_within_a_date_in_every_build() {
        let columns = ColumnCache::default();
        let expected = [
            "e.txt#0", "c.txt#4", "i.txt#1", "i.txt#2", "a.txt#0", "z.txt#0",
        ];
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
        in_every_order(&["c.txt#4"], |searcher, parser| {
            let query = parser.parse_query("peace").unwrap();
            let top = searcher
                .search(&query, &TopGroups::new(&columns, Ranking::Score, 0, 10))
                .unwrap();
            named(searcher, top.leaders.iter().map(|&(_, address, _)| address))
        });
    }

    /// Numbers below `n` drawn from `seed` (xorshift), the same in every
    /// run.
    fn draws(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        }
    }

    #[test]
    fn a_page_chosen_by_key_and_date_first_is_the_page_of_the_full_order() {
        // Few keys, dates and paths: most items tie on key and date, and
        // many on the path too, across segments.
        let mut next = draws(0x2545_f491_4f6c_dd1d);
        let paths = ["a.txt", "b.txt", "c.txt", "d.txt"];
        for round in 0..200 {
            let items: Vec<Placed> = (0..1 + next(40))
                .map(|doc| {
                    let path = next(paths.len() as u64);
                    let rank = Rank {
                        key: next(3) as f64,
                        tie: Tie {
                            date: next(3) as i64,
                            path,
                            passage: next(2),
                        },
                        doc: doc as DocId,
                    };
                    Placed::with_path(rank, next(3) as u32, Some(paths[path as usize]))
                })
                .collect();
            let (offset, limit) = (next(12) as usize, next(12) as usize);
            let mut sorted = items.clone();
            sorted.sort_by(|a, b| a.order(b));
            let expected: Vec<DocAddress> = sorted
                .iter()
                .skip(offset)
                .take(limit)
                .map(Placed::address)
                .collect();
            let got: Vec<DocAddress> = page(items, offset, limit, |p| p)
                .iter()
                .map(Placed::address)
                .collect();
            assert_eq!(
                got, expected,
                "round {round}, offset {offset}, limit {limit}"
            );
        }
    }

    #[test]
    fn pages_over_many_segments_are_those_of_the_full_order() {
        // Many segments of few documents: later segments start from the
        // floor of the earlier ones. Few scores, dates and paths, so most
        // matches tie with the floor's key.
        let mut next = draws(0x9e37_79b9_7f4a_7c15);
        let mut segments = Segments::new();
        let paths = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
        for _ in 0..12 {
            for _ in 0..1 + next(30) {
                let words = ["peace"; 3][..1 + next(3) as usize].join(" ");
                let filler = ["talks"; 3][..next(3) as usize].join(" ");
                let days = (next(5) > 0).then(|| next(4) as i64);
                let path = paths[next(5) as usize];
                segments.add(&format!("{words} {filler}"), 0, days, path, Some(next(3)));
            }
            segments.writer.commit().unwrap();
        }
        let searcher = segments.index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 10);
        let columns = ColumnCache::default();
        let parser = QueryParser::for_index(&segments.index, vec![segments.text]);
        let every = tantivy::collector::TopDocs::with_limit(10_000).order_by_score();
        let full_order = |words: &str| {
            let query = parser.parse_query(words).unwrap();
            let mut full: Vec<Placed> = searcher
                .search(&query, &every)
                .unwrap()
                .into_iter()
                .map(|(score, address)| {
                    let reader = searcher.segment_reader(address.segment_ord);
                    let ties = TieColumns::open(&columns, reader).unwrap();
                    let rank = ties.rank(f64::from(score), address.doc_id);
                    ties.place(rank, address.segment_ord)
                })
                .collect();
            full.sort_by(|a, b| a.order(b));
            let addresses: Vec<DocAddress> = full.iter().map(Placed::address).collect();
            (query, addresses)
        };
        // "talks" is the rarer word and scores higher: a floor it left
        // behind would hide "peace" matches.
        let searches = [
            full_order("talks"),
            full_order("peace"),
            full_order("talks"),
        ];
        for (offset, limit) in [(0, 1), (0, 10), (3, 7), (20, 15), (0, 10_000)] {
            // One collector for every search: each starts afresh.
            let collector = TopPassages::new(&columns, Ranking::Score, offset, limit);
            for (query, full) in &searches {
                let (page, count) = searcher.search(query, &collector).unwrap();
                assert_eq!(count, full.len());
                let end = (offset + limit).min(full.len());
                let got: Vec<DocAddress> = page.iter().map(|&(_, address)| address).collect();
                assert_eq!(got, full[offset.min(end)..end], "{offset} {limit}");
            }
        }
    }

    #[test]
    fn across_segments_a_tie_goes_by_the_path_text_not_the_segment() {
        // Term ordinals are per segment: ordinal 0 of one segment may be a
        // later path than ordinal 5 of another.
        let rank = |date, ordinal| Rank {
            key: 2.0,
            tie: Tie {
                date,
                path: ordinal,
                passage: 0,
            },
            doc: 0,
        };
        let placed = |date, ordinal, path: &str, segment| {
            Placed::with_path(rank(date, ordinal), segment, Some(path))
        };
        assert!(placed(5, 5, "a.txt", 3).outranks(&placed(5, 0, "b.txt", 0)));
        assert!(!placed(5, 0, "b.txt", 0).outranks(&placed(5, 5, "a.txt", 3)));
        assert!(placed(4, 9, "z.txt", 3).outranks(&placed(5, 0, "a.txt", 0)));
        assert!(placed(5, 0, "a.txt", 0).outranks(&placed(5, 0, "a.txt", 3)));
        let no_path = Placed::with_path(rank(5, u64::MAX), 0, None);
        assert!(placed(5, 0, "z.txt", 1).outranks(&no_path));
        // In one segment, ordinals are in path order.
        assert!(placed(5, 1, "z.txt", 0).outranks(&placed(5, 2, "a.txt", 0)));
    }
}
