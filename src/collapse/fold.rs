//! Folding ranked search results by copy group: one result per group (its
//! best-ranked member), with the other matching members listed after it.
//!
//! Folding happens after ranking. The ranked list is over-fetched
//! ([`OVERFETCH`] times the page) and widened until it holds enough distinct
//! groups for the page, so `--offset` pages through groups, not passages,
//! and a group never shows up on two pages. The members of the shown groups
//! come from one pass over every match's `group` and `date` fast fields
//! ([`MatchGroups`]), so "also in" lists every matching copy, not only those
//! that happened to rank in the fetched window.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// How many ranked passages to fetch per result wanted, at first.
pub const OVERFETCH: usize = 4;

/// A match's date as a sort key: seconds, undated last.
pub type DateKey = i64;
const UNDATED: DateKey = i64::MAX;

/// Every matching passage as (group, date key, address), sorted by group
/// then date: the members of any group are one contiguous, oldest-first
/// slice.
#[derive(Debug, Default)]
pub struct GroupedMatches {
    matches: Vec<(u64, DateKey, DocAddress)>,
}

impl GroupedMatches {
    /// Number of matching passages.
    pub fn passages(&self) -> usize {
        self.matches.len()
    }

    /// Number of distinct groups among the matches.
    pub fn groups(&self) -> usize {
        let mut count = 0;
        let mut previous = None;
        for &(group, _, _) in &self.matches {
            if previous != Some(group) {
                count += 1;
                previous = Some(group);
            }
        }
        count
    }

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
        let date = self
            .date
            .first(doc)
            .map_or(UNDATED, |d| d.into_timestamp_secs());
        self.found
            .push((group, date, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.found
    }
}

/// Reads the group of ranked documents from the `group` fast field.
pub struct GroupOf {
    columns: Vec<Column<u64>>,
}

impl GroupOf {
    pub fn new(searcher: &Searcher) -> tantivy::Result<GroupOf> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64("group"))
            .collect::<tantivy::Result<_>>()?;
        Ok(GroupOf { columns })
    }

    pub fn get(&self, address: DocAddress) -> u64 {
        self.columns[address.segment_ord as usize]
            .first(address.doc_id)
            .unwrap_or(0)
    }
}

/// The best-ranked member of each group for results `offset..offset+limit`
/// (counted in groups). `fetch(n)` returns the top `n` ranked passages;
/// `available` is how many passages match in all.
pub fn fold<E>(
    mut fetch: impl FnMut(usize) -> Result<Vec<(f32, DocAddress)>, E>,
    group_of: &GroupOf,
    available: usize,
    offset: usize,
    limit: usize,
) -> Result<Vec<(f32, DocAddress, u64)>, E> {
    let wanted = offset + limit;
    let mut n = (wanted * OVERFETCH).max(16);
    loop {
        let ranked = fetch(n)?;
        let exhausted = ranked.len() < n || n >= available;
        let mut seen = std::collections::HashSet::new();
        let mut leaders = Vec::new();
        for (score, address) in ranked {
            let group = group_of.get(address);
            if seen.insert(group) {
                leaders.push((score, address, group));
                if leaders.len() == wanted {
                    break;
                }
            }
        }
        if leaders.len() == wanted || exhausted {
            return Ok(leaders.into_iter().skip(offset).collect());
        }
        n = n.saturating_mul(OVERFETCH).min(available.max(1));
    }
}
