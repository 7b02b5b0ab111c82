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
    group_of: impl Fn(DocAddress) -> u64,
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
            let group = group_of(address);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// 100 ranked passages; passage `i` is in group `i / 10` when `i < 50`
    /// (five groups of ten copies), else a group of its own.
    fn group_of(address: DocAddress) -> u64 {
        let i = u64::from(address.doc_id);
        if i < 50 {
            i / 10
        } else {
            i
        }
    }

    fn ranked(n: usize) -> Result<Vec<(f32, DocAddress)>, ()> {
        Ok((0..n.min(100) as u32)
            .map(|i| (100.0 - i as f32, DocAddress::new(0, i)))
            .collect())
    }

    fn page(offset: usize, limit: usize) -> Vec<u64> {
        fold(ranked, group_of, 100, offset, limit)
            .unwrap()
            .into_iter()
            .map(|(_, _, g)| g)
            .collect()
    }

    #[test]
    fn one_result_per_group_led_by_its_best_ranked_copy() {
        let leaders = fold(ranked, group_of, 100, 0, 3).unwrap();
        let docs: Vec<u32> = leaders.iter().map(|(_, a, _)| a.doc_id).collect();
        assert_eq!(docs, [0, 10, 20]);
    }

    #[test]
    fn pages_continue_where_the_last_one_stopped_even_past_the_first_fetch() {
        let whole = page(0, 40);
        assert_eq!(whole.len(), 40);
        let mut paged = Vec::new();
        for offset in (0..40).step_by(7) {
            paged.extend(page(offset, 7.min(40 - offset)));
        }
        assert_eq!(paged, whole);
    }

    #[test]
    fn a_short_list_ends_the_widening() {
        // 55 groups in all: asking for more returns what there is.
        assert_eq!(page(50, 10).len(), 5);
        assert!(page(60, 10).is_empty());
    }
}
