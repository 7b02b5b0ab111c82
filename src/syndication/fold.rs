//! Folding ranked search results by copy group: one result per group (its
//! best-ranked member), with the other matching members listed after it.
//!
//! Folding is part of ranking, and reads fast fields only. [`TopGroups`]
//! is a collapsing top-k over the `group` column, as Elasticsearch's field
//! collapsing is over doc values: it keeps the best-ranked passage of each
//! of the best `offset + limit` groups, so `--offset` pages through groups,
//! not passages, and a group never shows up on two pages, however many
//! copies outrank the next distinct passage. Ranked by score, it leaves out
//! what cannot change the page: once the k-th group's best is known, a
//! passage scoring no higher cannot enter the top k (it would rank after
//! that group, or not above its own group's best), so its group is not
//! even read. Every match is still scored and counted, in the same single
//! pass: the number of matching passages shown with every page is exact.
//!
//! The number of groups needs every match's group, so it is counted
//! exactly up to [`COUNTED_GROUPS`] and is a lower bound beyond
//! (`Tally::groups_at_least`, as Elasticsearch's `track_total_hits` bounds
//! its total); the threshold applies once the search has seen more groups
//! than that. Segments are searched one after the other, each starting
//! from what the earlier ones settled ([`Carried`]): the groups counted so
//! far, so that a later segment stops counting as soon as the search has
//! seen enough, and the k-th best group so far, a floor under which a
//! later match cannot reach the page. The pass notes the id of every match
//! (4 bytes, no column read), and the copies of the shown groups
//! ([`FoldedTop::members_of_leaders`]) are found among them (in a segment
//! whose every match was offered while counting, by the groups read then;
//! else the documents of those groups' terms, or in a segment of few
//! matches the matches whose group is shown): every matching copy is
//! listed whatever the ranking left out. Matches are offered to the top k
//! in batches, their groups read together, since each read alone is a
//! cache miss.
//!
//! Skipping whole blocks (tantivy's `Weight::for_each_pruning`, block-max
//! WAND) was tried and is not used: it cannot count what it skips, and a
//! separate exact count ran the postings a second time, which cost more
//! than the per-match work it saved (benches/README.md, issue 16).

use super::KeyHash;
use crate::index::columns::ColumnCache;
use crate::rank::{date_key, newest_first_key, page, Placed, Rank, TieColumns, UNDATED};
pub use crate::rank::{DateKey, Ranking};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasher;
use std::sync::Mutex;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED,
};

/// Groups among the matches are counted exactly up to this many; beyond,
/// the count is this many and marked as a lower bound, and ranking skips
/// the passages that cannot reach the page.
pub const COUNTED_GROUPS: usize = 1000;

/// A group id with every bit of it reaching the top bits, which
/// [`GroupCount`] and [`ShownGroups`] index by: the hash maps' own
/// ([`KeyHash`], Fibonacci hashing).
fn spread(group: u64) -> u64 {
    KeyHash::default().hash_one(group)
}

/// The distinct groups among the matches so far, up to a little over
/// [`COUNTED_GROUPS`]: a set of group ids open-addressed in one array,
/// probed linearly and never more than half full. A match is offered to it
/// until the count is reached, so on an index of large groups (thousands
/// of matches in a thousand groups) it takes every match of a search: a
/// general-purpose hash set spent about 120 instructions a match there, 9%
/// of a folded search.
struct GroupCount {
    /// Group ids, 0 for an empty slot; a power of two long.
    slots: Vec<u64>,
    /// Whether group 0 was seen (0 marks empty slots).
    zero: bool,
    len: usize,
}

impl GroupCount {
    /// Slots to start with: a search of few matches sets no thousand aside.
    const FIRST_SLOTS: usize = 128;

    fn new() -> GroupCount {
        GroupCount {
            slots: vec![0; Self::FIRST_SLOTS],
            zero: false,
            len: 0,
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    /// Adds `group`; true if it was not there.
    fn insert(&mut self, group: u64) -> bool {
        if group == 0 {
            let new = !self.zero;
            self.zero = true;
            self.len += usize::from(new);
            return new;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let added = Self::place(&mut self.slots, group);
        self.len += usize::from(added);
        added
    }

    /// Puts `group` in the first free slot of its run; false if it is
    /// there already.
    fn place(slots: &mut [u64], group: u64) -> bool {
        let mask = slots.len() - 1;
        let bits = slots.len().trailing_zeros();
        let mut at = (spread(group) >> (64 - bits)) as usize;
        loop {
            match slots[at] {
                0 => {
                    slots[at] = group;
                    return true;
                }
                held if held == group => return false,
                _ => at = (at + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let mut slots = vec![0; self.slots.len() * 2];
        for &group in self.slots.iter().filter(|&&g| g != 0) {
            Self::place(&mut slots, group);
        }
        self.slots = slots;
    }
}

/// Every matching passage as (group, date key, address), sorted by group
/// then date: the members of any group are one contiguous, oldest-first
/// slice.
#[derive(Debug, Default)]
pub struct GroupedMatches {
    matches: Vec<(u64, DateKey, DocAddress)>,
}

impl GroupedMatches {
    /// How the matches split into groups.
    pub fn summary(&self) -> GroupSummary {
        let mut summary = GroupSummary::default();
        let mut i = 0;
        while i < self.matches.len() {
            let group = self.matches[i].0;
            let size = self.matches[i..]
                .iter()
                .take_while(|m| m.0 == group)
                .count();
            summary.groups += 1;
            if size > 1 {
                summary.copy_groups += 1;
                summary.grouped_passages += size;
                summary.largest = summary.largest.max(size);
            }
            i += size;
        }
        summary
    }

    /// The matching members of `group`, oldest first (undated last).
    pub fn members(&self, group: u64) -> impl Iterator<Item = (DateKey, DocAddress)> + '_ {
        let from = self.matches.partition_point(|m| m.0 < group);
        self.matches[from..]
            .iter()
            .take_while(move |m| m.0 == group)
            .map(|&(_, date, address)| (date, address))
    }

    /// Whether a date key is a real date.
    pub fn is_dated(date: DateKey) -> bool {
        date != UNDATED
    }
}

/// How passages split into copy groups.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct GroupSummary {
    /// Distinct groups (a passage without copies is a group of one).
    pub groups: usize,
    /// Groups of two passages or more.
    pub copy_groups: usize,
    /// Passages in those groups.
    pub grouped_passages: usize,
    /// Passages in the largest group.
    pub largest: usize,
}

/// How many passages match, and in how many copy groups.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Matching passages, exact.
    pub passages: usize,
    /// Distinct groups among them: exact, or [`COUNTED_GROUPS`] when
    /// `groups_at_least`.
    pub groups: usize,
    /// `groups` is a lower bound: there are more than [`COUNTED_GROUPS`].
    pub groups_at_least: bool,
}

/// The ranked leaders of groups `offset..offset+limit` and the tally of all
/// matches.
#[derive(Debug, Default)]
pub struct FoldedTop {
    pub tally: Tally,
    /// (score, address, group), best first; the score is 0 when ranked by
    /// date.
    pub leaders: Vec<(f32, DocAddress, u64)>,
    /// Every match, per segment.
    matched: Vec<SegmentMatches>,
}

/// The matches of one segment: their doc ids, ascending, and their groups
/// when the ranking pass read the group of every one of them (it does
/// while it counts groups, and by date always).
#[derive(Debug)]
struct SegmentMatches {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
    groups: Option<Vec<Option<u64>>>,
}

impl FoldedTop {
    /// The matches in the groups of the leaders, oldest first, copies of
    /// the same date by article (not by address: which segment a document
    /// lands in differs from build to build): each document of those groups
    /// (the `group` field's postings) that the ranking pass noted as a
    /// match. The work is the size of the shown groups, not the number of
    /// matches.
    pub fn members_of_leaders(
        &self,
        searcher: &Searcher,
        columns: &ColumnCache,
    ) -> tantivy::Result<GroupedMatches> {
        self.members_scanning_up_to(searcher, columns, SCANNED_MATCHES, true)
    }

    /// [`FoldedTop::members_of_leaders`]: in a segment whose matches' groups
    /// the ranking pass noted (if `use_noted`), among those; else reading
    /// the group of every match of a segment with at most `scan_up_to`
    /// matches; else looking the shown groups' terms up in it.
    fn members_scanning_up_to(
        &self,
        searcher: &Searcher,
        columns: &ColumnCache,
        scan_up_to: usize,
        use_noted: bool,
    ) -> tantivy::Result<GroupedMatches> {
        if self.leaders.is_empty() {
            return Ok(GroupedMatches::default());
        }
        let group_field = searcher.schema().get_field("group")?;
        let shown = ShownGroups::new(self.leaders.iter().map(|&(_, _, group)| group));
        let mut found = Vec::new();
        for SegmentMatches {
            segment,
            docs: matched,
            groups: noted,
        } in &self.matched
        {
            if matched.is_empty() {
                continue;
            }
            let reader = searcher.segment_reader(*segment);
            let mut members = Vec::new();
            let shown_among = |members: &mut Vec<(DocId, u64)>, groups: &[Option<u64>]| {
                for (&doc, group) in matched.iter().zip(groups) {
                    if let Some(group) = group.filter(|&g| shown.contains(g)) {
                        members.push((doc, group));
                    }
                }
            };
            if let Some(groups) = noted.as_ref().filter(|_| use_noted) {
                shown_among(&mut members, groups);
            } else if matched.len() <= scan_up_to {
                let mut groups = vec![None; matched.len()];
                columns
                    .u64(reader, "group")?
                    .first_vals(matched, &mut groups);
                shown_among(&mut members, &groups);
            } else {
                let postings = reader.inverted_index(group_field)?;
                for &group in &shown.sorted {
                    let term = Term::from_field_u64(group_field, group);
                    let Some(mut docs) = postings.read_postings(&term, IndexRecordOption::Basic)?
                    else {
                        continue;
                    };
                    while docs.doc() != TERMINATED {
                        let doc = docs.doc();
                        docs.advance();
                        if matched.binary_search(&doc).is_ok() {
                            members.push((doc, group));
                        }
                    }
                }
            }
            if members.is_empty() {
                continue;
            }
            let date = columns.date(reader, "date")?;
            let article = columns.u64(reader, "article_key")?;
            for (doc, group) in members {
                found.push((
                    group,
                    date_key(date.first(doc)),
                    article.first(doc).unwrap_or(0),
                    DocAddress::new(*segment, doc),
                ));
            }
        }
        found.sort_unstable();
        let matches = found
            .into_iter()
            .map(|(group, date, _, address)| (group, date, address))
            .collect();
        Ok(GroupedMatches { matches })
    }
}

/// The groups a page shows, asked of every match of a segment whose
/// members are found by reading groups: a bitmap of their hashes answers
/// most matches (of other groups) with one test, where a binary search of
/// the sorted ids cost about 85 instructions a match.
struct ShownGroups {
    sorted: Vec<u64>,
    bits: [u64; 4],
}

impl ShownGroups {
    fn new(groups: impl IntoIterator<Item = u64>) -> ShownGroups {
        let mut sorted: Vec<u64> = groups.into_iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut bits = [0; 4];
        for &group in &sorted {
            let bit = Self::bit(group);
            bits[bit / 64] |= 1 << (bit % 64);
        }
        ShownGroups { sorted, bits }
    }

    /// One of 256 bits, from the top of the id spread.
    fn bit(group: u64) -> usize {
        (spread(group) >> 56) as usize
    }

    fn contains(&self, group: u64) -> bool {
        let bit = Self::bit(group);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0 && self.sorted.binary_search(&group).is_ok()
    }
}

/// Up to this many matches in a segment, the ranking pass notes their
/// groups (16 bytes a match) for finding the copies of the shown groups.
/// Past it, the shown groups' terms are looked up (about 100,000
/// instructions for a page's ten groups), which costs less than scanning
/// that many noted groups, and a listing of a whole large index holds no
/// more than 4 bytes a match.
const NOTED_MATCHES: usize = 16_384;

/// Up to this many matches in a segment, the members of the shown groups
/// are found by reading the group of every match (in one batch, the cache
/// misses overlapping) rather than by looking up each shown group's term
/// in the segment: a term lookup (a walk through the term dictionary and
/// a postings block) costs about as much as reading a thousand groups.
const SCANNED_MATCHES: usize = 1024;

/// Collects [`FoldedTop`]: the best-ranked match of each of the best
/// `offset + limit` groups, ties broken as [`crate::rank`] says (the same
/// in every build).
pub struct TopGroups<'c> {
    /// Where the `group` and `date` columns are opened.
    columns: &'c ColumnCache,
    ranking: Ranking,
    offset: usize,
    limit: usize,
    /// What the segments searched so far hand to the next one.
    carried: Mutex<Carried>,
}

impl<'c> TopGroups<'c> {
    pub fn new(
        columns: &'c ColumnCache,
        ranking: Ranking,
        offset: usize,
        limit: usize,
    ) -> TopGroups<'c> {
        TopGroups {
            columns,
            ranking,
            offset,
            limit,
            carried: Mutex::new(Carried::new()),
        }
    }

    fn k(&self) -> usize {
        self.offset.saturating_add(self.limit).max(1)
    }
}

/// What earlier segments of a search tell the next, so that it does not
/// redo their work: the distinct groups counted so far (`None` once there
/// are more than [`COUNTED_GROUPS`]: a later segment need not count, and so
/// need not read the group of a match that cannot reach the page), and the
/// best keys of the groups that were in their top k, whose k-th is a floor
/// below which a later match cannot reach the page either.
struct Carried {
    seen: Option<GroupCount>,
    top: HashMap<u64, f64, KeyHash>,
}

impl Carried {
    fn new() -> Carried {
        Carried {
            seen: Some(GroupCount::new()),
            top: HashMap::default(),
        }
    }

    /// The k-th best key among distinct groups of the earlier segments
    /// (`None` with fewer than `k`). Some group's best may be missing or
    /// below its true best (a group that left a segment's top k), so this
    /// is never above the true k-th: a lower bound, which is all pruning
    /// needs.
    fn floor(&mut self, k: usize) -> Option<f64> {
        if self.top.len() < k {
            return None;
        }
        let mut keys: Vec<f64> = self.top.values().copied().collect();
        let (_, &mut kth, _) = keys.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
        // Only the groups at or above the floor can raise it later.
        self.top.retain(|_, key| *key >= kth);
        Some(kth)
    }

    /// Takes in what a segment found: its count (the groups of the search
    /// so far, since it started from the earlier segments') and its top
    /// groups.
    fn absorb(&mut self, segment: &mut TopGroupsSegment) {
        self.seen = segment.seen.take();
        for (&group, rank) in &segment.best {
            let key = self.top.entry(group).or_insert(rank.key);
            *key = key.max(rank.key);
        }
    }
}

/// One segment's collapsing top-k: the best match of each of the best `k`
/// groups seen, and the distinct groups seen until there are more than
/// [`COUNTED_GROUPS`].
pub struct TopGroupsSegment {
    segment: SegmentOrdinal,
    ranking: Ranking,
    group: Column<u64>,
    ties: TieColumns,
    k: usize,
    /// Every match (alive), ascending.
    matched: Vec<DocId>,
    /// The group of each match offered, in order: the group of each match
    /// while every match is offered (so the copies of the shown groups
    /// are found without reading a column again).
    offered_groups: Vec<Option<u64>>,
    /// Distinct groups seen; `None` once there were more than
    /// [`COUNTED_GROUPS`].
    seen: Option<GroupCount>,
    /// The best match of each kept group, and the same ordered worst first.
    best: HashMap<u64, Rank, KeyHash>,
    ranked: BTreeSet<(Rank, u64)>,
    /// The k-th best key of the earlier segments ([`Carried::floor`]).
    floor: f64,
}

impl TopGroupsSegment {
    /// Takes a match into account.
    fn offer(&mut self, doc: DocId, key: f64) {
        let group = self.group.first(doc);
        self.note_groups(&[group]);
        self.offer_of_group(doc, key, group.unwrap_or(0));
    }

    /// Notes the groups of the matches offered last, as long as every
    /// match (the last of which are these) has been offered, and there
    /// are at most [`NOTED_MATCHES`].
    fn note_groups(&mut self, groups: &[Option<u64>]) {
        if self.offered_groups.len() + groups.len() != self.matched.len() {
            return;
        }
        if self.matched.len() > NOTED_MATCHES {
            // Never complete now: let the memory go.
            self.offered_groups = Vec::new();
            return;
        }
        self.offered_groups.extend_from_slice(groups);
    }

    /// Takes matches into account, [`BATCH`] at most: their groups are
    /// read together, so that the memory reads overlap. Read one by one,
    /// between hash lookups, each was a cache miss (group ids are hashes,
    /// 8 bytes a document): 15% of a folded search's time on the 100k
    /// index.
    fn offer_batch(&mut self, docs: &[DocId], keys: &[f64]) {
        let mut groups = [None; BATCH];
        let groups = &mut groups[..docs.len()];
        self.group.first_vals(docs, groups);
        self.note_groups(groups);
        for ((&doc, &key), group) in docs.iter().zip(keys).zip(groups) {
            self.offer_of_group(doc, key, group.unwrap_or(0));
        }
    }

    /// Takes a match of `group` into account.
    fn offer_of_group(&mut self, doc: DocId, key: f64, group: u64) {
        if let Some(seen) = &mut self.seen {
            if seen.insert(group) && seen.len() > COUNTED_GROUPS {
                self.seen = None;
            }
        }
        // Counted, a match under the floor, or that does not rank before
        // its group's best (if the group is kept) or else the k-th group's,
        // goes no further. Most matches offered while counting end here,
        // most of them on their key alone.
        let worst = (self.ranked.len() >= self.k)
            .then(|| self.ranked.first().copied())
            .flatten();
        if key < self.floor || worst.is_some_and(|(w, _)| key < w.key) {
            return;
        }
        let bar = self.best.get(&group).copied().or(worst.map(|(w, _)| w));
        let rank = match bar {
            Some(bar) => match self.ties.rank_before(&bar, key, doc) {
                Some(rank) => rank,
                None => return,
            },
            None => self.ties.rank(key, doc),
        };
        if let Some(current) = self.best.get_mut(&group) {
            self.ranked.remove(&(*current, group));
            self.ranked.insert((rank, group));
            *current = rank;
            return;
        }
        if let Some((worst, worst_group)) = worst {
            // A group pushed out never needs to come back with its old
            // best: the bar only rises, so only a better match of it can
            // bring it back, and that one is its best.
            self.ranked.remove(&(worst, worst_group));
            self.best.remove(&worst_group);
        }
        self.ranked.insert((rank, group));
        self.best.insert(group, rank);
    }

    /// The score a match must exceed to matter once the groups are no
    /// longer counted: just under the k-th group's best or the floor the
    /// earlier segments set, whichever is higher (a match of equal score
    /// may still win on its tie); the lowest score while counting.
    fn threshold(&self) -> Score {
        if self.seen.is_some() {
            return Score::MIN;
        }
        let own = match self.ranked.first() {
            Some((worst, _)) if self.ranked.len() >= self.k => (worst.key as Score).next_down(),
            _ => Score::MIN,
        };
        own.max((self.floor as Score).next_down())
    }
}

/// Matches offered to a [`TopGroupsSegment`] at once.
const BATCH: usize = 64;

/// What one segment found: its ordinal, every match, and the best match of
/// each of its top groups. The groups counted go on in [`Carried`], which
/// after the last segment holds those of the whole search.
pub struct SegmentGroups {
    matches: SegmentMatches,
    best: Vec<(u64, Placed)>,
}

impl Collector for TopGroups<'_> {
    type Fruit = FoldedTop;
    type Child = TopGroupsSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TopGroupsSegment> {
        Ok(TopGroupsSegment {
            segment,
            ranking: self.ranking,
            group: self.columns.u64(reader, "group")?,
            ties: TieColumns::open(self.columns, reader)?,
            k: self.k(),
            matched: Vec::new(),
            offered_groups: Vec::new(),
            seen: Some(GroupCount::new()),
            best: HashMap::default(),
            ranked: BTreeSet::new(),
            floor: f64::NEG_INFINITY,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranking == Ranking::Score
    }

    /// Ranked by score, one pass scores and counts every match and offers
    /// those above the collector's threshold; by date, every match is
    /// offered.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGroups> {
        let mut collector = self.for_segment(segment, reader)?;
        // Held for the whole segment: segments are searched one after the
        // other, each starting from what the earlier ones found.
        let mut carried = self.carried.lock().unwrap_or_else(|e| e.into_inner());
        collector.seen = carried.seen.take();
        let alive = reader.alive_bitset();
        match self.ranking {
            Ranking::Score => {
                // A match scoring below the floor ranks after k groups of
                // earlier segments.
                if let Some(floor) = carried.floor(collector.k) {
                    collector.floor = floor;
                }
                let mut scorer = weight.scorer(reader, 1.0)?;
                // Room for the matches the scorer expects (at most every
                // document), not a copy at every doubling (2% of a search).
                let expected = (scorer.size_hint() as usize).min(reader.max_doc() as usize);
                collector.matched.reserve(expected);
                if collector.seen.is_some() {
                    collector
                        .offered_groups
                        .reserve(expected.min(NOTED_MATCHES));
                }
                let mut threshold = collector.threshold();
                // Matches above the threshold, offered a batch at a time
                // (the threshold lags by up to a batch; `offer` checks
                // each against the k-th group again).
                let (mut docs, mut keys, mut n) = ([0; BATCH], [0.0; BATCH], 0);
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        collector.matched.push(doc);
                        let score = scorer.score();
                        if score > threshold {
                            (docs[n], keys[n]) = (doc, f64::from(score));
                            n += 1;
                            if n == BATCH {
                                collector.offer_batch(&docs, &keys);
                                threshold = collector.threshold();
                                n = 0;
                            }
                        }
                    }
                    doc = scorer.advance();
                }
                collector.offer_batch(&docs[..n], &keys[..n]);
            }
            Ranking::NewestFirst => {
                let mut alive_docs = Vec::with_capacity(BATCH);
                let mut dates = [None; BATCH];
                let mut keys = [0.0; BATCH];
                weight.for_each_no_score(reader, &mut |docs| {
                    for chunk in docs.chunks(BATCH) {
                        alive_docs.clear();
                        alive_docs.extend(
                            chunk
                                .iter()
                                .filter(|&&doc| alive.is_none_or(|a| a.is_alive(doc))),
                        );
                        let n = alive_docs.len();
                        collector.matched.extend_from_slice(&alive_docs);
                        dates[..n].fill(None);
                        collector
                            .ties
                            .dates()
                            .first_vals(&alive_docs, &mut dates[..n]);
                        for (key, date) in keys.iter_mut().zip(&dates[..n]) {
                            *key = newest_first_key(*date);
                        }
                        collector.offer_batch(&alive_docs, &keys[..n]);
                    }
                })?;
            }
        }
        carried.absorb(&mut collector);
        Ok(collector.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<SegmentGroups>) -> tantivy::Result<FoldedTop> {
        // Each segment counted on from the groups the earlier ones counted,
        // so the last count is the search's; and the next search with this
        // collector starts afresh.
        let carried = std::mem::replace(
            &mut *self.carried.lock().unwrap_or_else(|e| e.into_inner()),
            Carried::new(),
        );
        let passages = fruits.iter().map(|f| f.matches.docs.len()).sum();
        let mut best: HashMap<u64, Placed, KeyHash> = HashMap::default();
        let mut matched = Vec::with_capacity(fruits.len());
        for fruit in fruits {
            matched.push(fruit.matches);
            for (group, candidate) in fruit.best {
                match best.entry(group) {
                    Entry::Occupied(mut b) => {
                        if candidate.outranks(b.get()) {
                            b.insert(candidate);
                        }
                    }
                    Entry::Vacant(b) => {
                        b.insert(candidate);
                    }
                }
            }
        }
        let counted = carried
            .seen
            .map(|s| s.len())
            .filter(|&n| n <= COUNTED_GROUPS);
        Ok(FoldedTop {
            tally: Tally {
                passages,
                groups: counted.unwrap_or(COUNTED_GROUPS),
                groups_at_least: counted.is_none(),
            },
            leaders: top(best, self.offset, self.limit)
                .into_iter()
                .map(|(group, best)| (best.score(self.ranking), best.address(), group))
                .collect(),
            matched,
        })
    }
}

/// Groups `offset..offset+limit` of `best`, best-ranked first.
fn top(best: HashMap<u64, Placed, KeyHash>, offset: usize, limit: usize) -> Vec<(u64, Placed)> {
    page(best.into_iter().collect(), offset, limit, |(_, p)| p)
}

impl SegmentCollector for TopGroupsSegment {
    type Fruit = SegmentGroups;

    /// Offers every match (no pruning): the path of collectors that do not
    /// go through [`TopGroups::collect_segment`].
    fn collect(&mut self, doc: DocId, score: Score) {
        self.matched.push(doc);
        let key = self.ranking.key(doc, score, self.ties.dates());
        self.offer(doc, key);
    }

    fn harvest(self) -> Self::Fruit {
        let best = self
            .best
            .into_iter()
            .map(|(group, rank)| (group, self.ties.place(rank, self.segment)))
            .collect();
        // Noted for every match only if every match was offered.
        let complete = self.offered_groups.len() == self.matched.len();
        SegmentGroups {
            matches: SegmentMatches {
                segment: self.segment,
                docs: self.matched,
                groups: complete.then_some(self.offered_groups),
            },
            best,
        }
    }
}

/// Collects [`GroupedMatches`] from the `group` and `date` fast fields.
pub struct MatchGroups;

pub struct MatchGroupsSegment {
    segment: SegmentOrdinal,
    group: Column<u64>,
    date: Column<tantivy::DateTime>,
    found: Vec<(u64, DateKey, DocAddress)>,
}

impl Collector for MatchGroups {
    type Fruit = GroupedMatches;
    type Child = MatchGroupsSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<MatchGroupsSegment> {
        let fast = reader.fast_fields();
        Ok(MatchGroupsSegment {
            segment,
            group: fast.u64("group")?,
            date: fast.date("date")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<(u64, DateKey, DocAddress)>>,
    ) -> tantivy::Result<GroupedMatches> {
        let mut matches: Vec<_> = fruits.into_iter().flatten().collect();
        matches.sort_unstable();
        Ok(GroupedMatches { matches })
    }
}

impl SegmentCollector for MatchGroupsSegment {
    type Fruit = Vec<(u64, DateKey, DocAddress)>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let group = self.group.first(doc).unwrap_or(0);
        let date = date_key(self.date.first(doc));
        self.found
            .push((group, date, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// One value per document of a single-valued u64 fast field, read by
/// address: the `group` of ranked passages, the `article_key` of copies.
pub struct FastU64 {
    columns: Vec<Column<u64>>,
}

impl FastU64 {
    pub fn new(
        searcher: &Searcher,
        cache: &ColumnCache,
        field: &'static str,
    ) -> tantivy::Result<FastU64> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| cache.u64(s, field))
            .collect::<tantivy::Result<_>>()?;
        Ok(FastU64 { columns })
    }

    /// The document's value (0 when it has none).
    pub fn get(&self, address: DocAddress) -> u64 {
        self.columns[address.segment_ord as usize]
            .first(address.doc_id)
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use tantivy::query::{BooleanQuery, Occur, Query};

    /// Best matches of groups, (group, key, doc) in segment 0, each with a
    /// tie of its own ordered as the docs are.
    fn best(entries: &[(u64, f64, u32)]) -> HashMap<u64, Placed, KeyHash> {
        entries
            .iter()
            .map(|&(group, key, doc)| {
                let tie = crate::rank::Tie {
                    date: 0,
                    path: u64::from(doc),
                    passage: 0,
                };
                let rank = Rank { key, tie, doc };
                let path = format!("{doc:05}");
                (group, Placed::with_path(rank, 0, Some(&path)))
            })
            .collect()
    }

    fn groups(ranked: Vec<(u64, Placed)>) -> Vec<u64> {
        ranked.into_iter().map(|(group, _)| group).collect()
    }

    #[test]
    fn groups_are_ranked_by_their_best_match_then_by_its_tie() {
        let best = best(&[(7, 1.0, 4), (8, 3.0, 9), (9, 2.0, 1), (10, 2.0, 0)]);
        assert_eq!(groups(top(best, 0, 10)), [8, 10, 9, 7]);
    }

    #[test]
    fn pages_continue_where_the_last_one_stopped() {
        let entries: Vec<(u64, f64, u32)> = (0..50)
            .map(|i| (i, f64::from(i as u32 % 7), i as u32))
            .collect();
        let whole = groups(top(best(&entries), 0, 50));
        let mut paged = Vec::new();
        for offset in (0..50).step_by(7) {
            paged.extend(groups(top(best(&entries), offset, 7)));
        }
        assert_eq!(paged, whole);
    }

    #[test]
    fn a_short_list_ends_the_pages() {
        let entries: Vec<(u64, f64, u32)> = (0..5).map(|i| (i, 1.0, i as u32)).collect();
        assert_eq!(top(best(&entries), 3, 10).len(), 2);
        assert!(top(best(&entries), 5, 10).is_empty());
    }

    /// An index of `docs` passages of random words, random groups (many of
    /// several copies) and dates, in segments of `per_segment` documents,
    /// with some documents deleted.
    fn random_index(
        docs: u64,
        groups: u64,
        per_segment: u64,
    ) -> (tantivy::Index, tantivy::schema::Field) {
        use tantivy::schema::{Schema, FAST, INDEXED, TEXT};
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let group = schema.add_u64_field("group", FAST | INDEXED);
        let date = schema.add_date_field("date", FAST);
        let article = schema.add_u64_field("article_key", FAST);
        let path = schema.add_text_field("path", tantivy::schema::STRING | FAST);
        let passage = schema.add_u64_field("passage", FAST);
        let id = schema.add_u64_field("id", INDEXED);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let words = [
            "oil", "price", "talks", "peace", "market", "vote", "rain", "goal",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for i in 0..docs {
            let length = 3 + next(12);
            let body: Vec<&str> = (0..length)
                .map(|_| words[next(words.len() as u64) as usize])
                .collect();
            let mut doc = tantivy::TantivyDocument::default();
            doc.add_text(text, body.join(" "));
            // A skewed draw: low groups get many copies.
            let spread = 1 + next(groups);
            doc.add_u64(group, next(spread));
            if next(5) > 0 {
                let secs = 1_600_000_000 + next(50) as i64 * 86_400;
                doc.add_date(date, tantivy::DateTime::from_timestamp_secs(secs));
            }
            let file = next(docs / 3);
            doc.add_u64(article, file);
            doc.add_text(path, format!("articles/{file:05}.txt"));
            doc.add_u64(passage, next(4));
            doc.add_u64(id, i);
            writer.add_document(doc).unwrap();
            if i % per_segment == per_segment - 1 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        for i in (0..docs).step_by(11) {
            writer.delete_term(Term::from_field_u64(id, i));
        }
        writer.commit().unwrap();
        (index, text)
    }

    /// Every match of `query` as (score, address, group), scored, none
    /// skipped (a pair of collectors is fed every match).
    fn every_match(searcher: &Searcher, query: &dyn Query) -> Vec<(f32, DocAddress, u64)> {
        let every = tantivy::collector::TopDocs::with_limit(1_000_000).order_by_score();
        let (all, count) = searcher
            .search(query, &(every, tantivy::collector::Count))
            .unwrap();
        assert_eq!(all.len(), count);
        let group = FastU64::new(searcher, &ColumnCache::default(), "group").unwrap();
        all.into_iter()
            .map(|(score, address)| (score, address, group.get(address)))
            .collect()
    }

    /// The leaders of groups `offset..offset+limit`, folding every match.
    fn folded_by_hand(
        searcher: &Searcher,
        matches: &[(f32, DocAddress, u64)],
        offset: usize,
        limit: usize,
    ) -> Vec<(f32, DocAddress, u64)> {
        let columns = ColumnCache::default();
        let mut best: HashMap<u64, Placed, KeyHash> = HashMap::default();
        for &(score, address, group) in matches {
            let reader = searcher.segment_reader(address.segment_ord);
            let tie = TieColumns::open(&columns, reader)
                .unwrap()
                .tie(address.doc_id);
            let rank = Rank {
                key: f64::from(score),
                tie,
                doc: address.doc_id,
            };
            let candidate = TieColumns::open(&columns, reader)
                .unwrap()
                .place(rank, address.segment_ord);
            let b = best.entry(group).or_insert(candidate.clone());
            if candidate.outranks(b) {
                *b = candidate;
            }
        }
        top(best, offset, limit)
            .into_iter()
            .map(|(group, best)| (best.score(Ranking::Score), best.address(), group))
            .collect()
    }

    #[test]
    fn pruned_ranking_shows_the_groups_that_folding_every_match_shows() {
        let (index, text) = random_index(9000, 6000, 2500);
        let searcher = index.reader().unwrap().searcher();
        assert!(searcher.segment_readers().len() > 3);
        let columns = ColumnCache::default();
        let parser = tantivy::query::QueryParser::for_index(&index, vec![text]);
        let mut pruned_some = false;
        let queries = [
            "oil",
            "oil price",
            "+oil +price",
            "\"peace talks\"",
            "goal vote market",
            "+goal +vote +market",
        ];
        for q in queries {
            // As `search` asks: the words as one required clause.
            let query = BooleanQuery::new(vec![(Occur::Must, parser.parse_query(q).unwrap())]);
            let matches = every_match(&searcher, &query);
            let query = &query;
            let groups: HashSet<u64> = matches.iter().map(|m| m.2).collect();
            // The threshold applies once one segment has seen more than
            // COUNTED_GROUPS groups: note whether this query gets there.
            let mut per_segment: HashMap<SegmentOrdinal, HashSet<u64>> = HashMap::new();
            for &(_, address, group) in &matches {
                per_segment
                    .entry(address.segment_ord)
                    .or_default()
                    .insert(group);
            }
            pruned_some |= per_segment.values().any(|g| g.len() > COUNTED_GROUPS);
            for (offset, limit) in [(0, 10), (10, 10), (37, 5), (0, 100), (990, 20)] {
                let collector = TopGroups::new(&columns, Ranking::Score, offset, limit);
                let found = searcher.search(query, &collector).unwrap();
                assert_eq!(
                    found.leaders,
                    folded_by_hand(&searcher, &matches, offset, limit),
                    "{q} {offset}"
                );
                assert_eq!(found.tally.passages, matches.len(), "{q}");
                if groups.len() <= COUNTED_GROUPS {
                    assert_eq!(
                        (found.tally.groups, found.tally.groups_at_least),
                        (groups.len(), false)
                    );
                } else {
                    assert_eq!(
                        (found.tally.groups, found.tally.groups_at_least),
                        (COUNTED_GROUPS, true)
                    );
                }
                // Every matching copy of the shown groups, whatever was skipped.
                let members = found.members_of_leaders(&searcher, &columns).unwrap();
                for &(_, _, group) in &found.leaders {
                    let mut listed: Vec<DocAddress> = members.members(group).map(|m| m.1).collect();
                    let mut expected: Vec<DocAddress> = matches
                        .iter()
                        .filter(|m| m.2 == group)
                        .map(|m| m.1)
                        .collect();
                    listed.sort();
                    expected.sort();
                    assert_eq!(listed, expected, "{q} group {group}");
                }
            }
        }
        assert!(
            pruned_some,
            "some query should match more than {COUNTED_GROUPS} groups in one segment, \
             where ranking skips what cannot reach the page"
        );
    }

    #[test]
    fn members_found_by_reading_groups_are_those_found_by_group_terms() {
        let (index, text) = random_index(6000, 4000, 1500);
        let searcher = index.reader().unwrap().searcher();
        let parser = tantivy::query::QueryParser::for_index(&index, vec![text]);
        let columns = ColumnCache::default();
        let (mut noted_some, mut looked_up_some) = (false, false);
        for q in ["oil", "+goal +vote", "\"peace talks\""] {
            let query = parser.parse_query(q).unwrap();
            for offset in [0, 20] {
                let collector = TopGroups::new(&columns, Ranking::Score, offset, 20);
                let found = searcher.search(&query, &collector).unwrap();
                assert!(!found.leaders.is_empty(), "{q}");
                let scanned = found
                    .members_scanning_up_to(&searcher, &columns, usize::MAX, false)
                    .unwrap();
                let looked_up = found
                    .members_scanning_up_to(&searcher, &columns, 0, false)
                    .unwrap();
                let noted = found
                    .members_scanning_up_to(&searcher, &columns, 0, true)
                    .unwrap();
                assert!(scanned.matches.len() >= found.leaders.len(), "{q}");
                assert_eq!(scanned.matches, looked_up.matches, "{q}");
                assert_eq!(noted.matches, looked_up.matches, "{q}");
                noted_some |= found.matched.iter().any(|m| m.groups.is_some());
                looked_up_some |= found.matched.iter().any(|m| m.groups.is_none());
            }
        }
        // Both kinds of segment: counted whole, and counted in part.
        assert!(noted_some && looked_up_some);
    }

    #[test]
    fn listing_by_date_counts_every_group() {
        let (index, _) = random_index(3000, 2500, 700);
        let searcher = index.reader().unwrap().searcher();
        let query = tantivy::query::AllQuery;
        let found = searcher
            .search(
                &query,
                &TopGroups::new(&ColumnCache::default(), Ranking::NewestFirst, 0, 10),
            )
            .unwrap();
        let all = searcher.search(&query, &MatchGroups).unwrap();
        assert_eq!(found.tally.passages, all.matches.len());
        let groups = all.summary().groups;
        let expected = match groups <= COUNTED_GROUPS {
            true => (groups, false),
            false => (COUNTED_GROUPS, true),
        };
        assert_eq!((found.tally.groups, found.tally.groups_at_least), expected);
        // Newest first: each leader is its group's newest match, and no
        // group left out has a newer one than the last shown.
        let last = found.leaders.last().unwrap().1;
        let newest = |address: DocAddress| {
            searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .date("date")
                .unwrap()
                .first(address.doc_id)
                .map_or(i64::MIN, |d| d.into_timestamp_secs())
        };
        let shown: HashSet<u64> = found.leaders.iter().map(|l| l.2).collect();
        for &(group, _, address) in &all.matches {
            if !shown.contains(&group) {
                assert!(newest(address) <= newest(last));
            }
        }
    }

    #[test]
    fn later_segments_start_from_what_earlier_ones_settled() {
        // Segments of 400 passages: none alone holds COUNTED_GROUPS groups.
        let (index, text) = random_index(8000, 6000, 400);
        let searcher = index.reader().unwrap().searcher();
        let parser = tantivy::query::QueryParser::for_index(&index, vec![text]);
        let query = parser.parse_query("oil price").unwrap();
        let weight = query
            .weight(tantivy::query::EnableScoring::enabled_from_searcher(
                &searcher,
            ))
            .unwrap();
        let columns = ColumnCache::default();
        let collector = TopGroups::new(&columns, Ranking::Score, 0, 10);
        let mut fruits = Vec::new();
        let mut floor = None;
        let mut settled = 0;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let fruit = collector
                .collect_segment(weight.as_ref(), ord as SegmentOrdinal, reader)
                .unwrap();
            // Once the groups are counted, nothing is kept below the k-th
            // best of the earlier segments.
            if let Some(floor) = floor {
                settled += 1;
                assert!(fruit.best.iter().all(|(_, best)| best.rank.key >= floor));
            }
            let mut carried = collector.carried.lock().unwrap();
            floor = match carried.seen {
                None => carried.floor(10),
                Some(_) => None,
            };
            drop(carried);
            fruits.push(fruit);
        }
        assert!(
            settled > 3,
            "segments after the first thousand groups should not count them"
        );
        let found = collector.merge_fruits(fruits).unwrap();
        assert_eq!(
            (found.tally.groups, found.tally.groups_at_least),
            (COUNTED_GROUPS, true)
        );
        let matches = every_match(&searcher, &BooleanQuery::new(vec![(Occur::Must, query)]));
        assert_eq!(found.leaders, folded_by_hand(&searcher, &matches, 0, 10));
        // The collector starts afresh for the next search.
        let again = searcher
            .search(&BooleanQuery::new(vec![]), &collector)
            .unwrap();
        assert_eq!(again.tally, Tally::default());
    }

    #[test]
    fn the_group_count_counts_distinct_ids_as_a_set_does() {
        use crate::syndication::minhash::mix;
        let mut count = GroupCount::new();
        let mut set = HashSet::new();
        // Random ids, small ones, 0, and many repeats, past the growth steps.
        for n in 0..5_000u64 {
            let group = match n % 5 {
                0 => n % 7,
                1 => mix(n % 1_300),
                _ => mix(n),
            };
            assert_eq!(count.insert(group), set.insert(group), "{group}");
            assert_eq!(count.len(), set.len());
        }
        assert!(count.slots.len() >= 2 * count.len());
    }
}
