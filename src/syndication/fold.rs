//! Folding ranked search results by copy group: one result per group (its
//! best-ranked member), with the other matching members listed after it.
//!
//! Folding is part of ranking. One pass over every match ([`TopGroups`])
//! keeps the best-ranked passage of each copy group and counts the
//! passages and groups, so `--offset` pages through groups, not passages,
//! and a group never shows up on two pages, however many copies outrank
//! the next distinct passage. The same pass notes each match's group, so
//! the copies of the shown groups ([`FoldedTop::members_of_leaders`]) are
//! every matching copy, found without a second search.

use super::KeyHash;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

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
    pub passages: usize,
    pub groups: usize,
}

/// How the leaders of groups are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By BM25 score, best first.
    Score,
    /// By date, newest first (undated last): listings without words.
    NewestFirst,
}

/// The ranked leaders of groups `offset..offset+limit` and the tally of all
/// matches.
#[derive(Debug, Default)]
pub struct FoldedTop {
    pub tally: Tally,
    /// (score, address, group), best first; the score is 0 when ranked by
    /// date.
    pub leaders: Vec<(f32, DocAddress, u64)>,
    /// Every match's group, per segment (segment ordinal, (group, doc)).
    matches: Vec<(SegmentOrdinal, Vec<(u64, DocId)>)>,
}

impl FoldedTop {
    /// The matches in the groups of the leaders, oldest first (then by
    /// article): a scan of the groups noted while ranking, no second search.
    pub fn members_of_leaders(&self, searcher: &Searcher) -> tantivy::Result<GroupedMatches> {
        let shown: HashMap<u64, (), KeyHash> = self
            .leaders
            .iter()
            .map(|&(_, _, group)| (group, ()))
            .collect();
        // Copies of the same date are ordered by article, not by address:
        // which segment a document lands in differs from build to build.
        let mut found_members = Vec::new();
        for (segment, found) in &self.matches {
            let fast = searcher.segment_reader(*segment).fast_fields();
            let date = fast.date("date")?;
            let article = fast.u64("article_key")?;
            for &(group, doc) in found {
                if shown.contains_key(&group) {
                    let key = date.first(doc).map_or(UNDATED, |d| d.into_timestamp_secs());
                    let address = DocAddress::new(*segment, doc);
                    found_members.push((group, key, article.first(doc).unwrap_or(0), address));
                }
            }
        }
        found_members.sort_unstable();
        let matches = found_members
            .into_iter()
            .map(|(group, date, _, address)| (group, date, address))
            .collect();
        Ok(GroupedMatches { matches })
    }
}

/// Collects [`FoldedTop`]: the best-ranked match of every group, in one
/// pass. Ties go to the lower document address, as with `TopDocs`.
pub struct TopGroups {
    pub ranking: Ranking,
    pub offset: usize,
    pub limit: usize,
}

/// A group's best match so far: its sort key and address.
type Best = (f64, DocAddress);

/// Whether `a` ranks before `b`.
fn outranks(a: Best, b: Best) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}

pub struct TopGroupsSegment {
    segment: SegmentOrdinal,
    ranking: Ranking,
    group: Column<u64>,
    date: Column<tantivy::DateTime>,
    matches: Vec<(u64, DocId)>,
    best: HashMap<u64, Best, KeyHash>,
}

/// What one segment found: its ordinal, every match's (group, doc), and the
/// best match of each group.
type SegmentGroups = (
    SegmentOrdinal,
    Vec<(u64, DocId)>,
    HashMap<u64, Best, KeyHash>,
);

impl Collector for TopGroups {
    type Fruit = FoldedTop;
    type Child = TopGroupsSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TopGroupsSegment> {
        let fast = reader.fast_fields();
        Ok(TopGroupsSegment {
            segment,
            ranking: self.ranking,
            group: fast.u64("group")?,
            date: fast.date("date")?,
            matches: Vec::new(),
            best: HashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranking == Ranking::Score
    }

    fn merge_fruits(&self, fruits: Vec<SegmentGroups>) -> tantivy::Result<FoldedTop> {
        let passages = fruits.iter().map(|(_, found, _)| found.len()).sum();
        let mut matches = Vec::with_capacity(fruits.len());
        let mut best = HashMap::default();
        for (segment, found, segment_best) in fruits {
            matches.push((segment, found));
            if best.is_empty() {
                best = segment_best;
                continue;
            }
            for (group, candidate) in segment_best {
                best.entry(group)
                    .and_modify(|b| {
                        if outranks(candidate, *b) {
                            *b = candidate
                        }
                    })
                    .or_insert(candidate);
            }
        }
        let groups = best.len();
        let score = |key: f64| match self.ranking {
            Ranking::Score => key as f32,
            Ranking::NewestFirst => 0.0,
        };
        Ok(FoldedTop {
            tally: Tally { passages, groups },
            leaders: top(best, self.offset, self.limit)
                .into_iter()
                .map(|(group, (key, address))| (score(key), address, group))
                .collect(),
            matches,
        })
    }
}

/// Groups `offset..offset+limit` of `best`, best-ranked first.
fn top(best: HashMap<u64, Best, KeyHash>, offset: usize, limit: usize) -> Vec<(u64, Best)> {
    let mut ranked: Vec<(u64, Best)> = best.into_iter().collect();
    let order = |a: &(u64, Best), b: &(u64, Best)| {
        if outranks(a.1, b.1) {
            std::cmp::Ordering::Less
        } else if outranks(b.1, a.1) {
            std::cmp::Ordering::Greater
        } else {
            a.0.cmp(&b.0)
        }
    };
    let wanted = offset.saturating_add(limit);
    if wanted < ranked.len() {
        ranked.select_nth_unstable_by(wanted, order);
        ranked.truncate(wanted);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().skip(offset).collect()
}

impl SegmentCollector for TopGroupsSegment {
    type Fruit = SegmentGroups;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = match self.ranking {
            Ranking::Score => f64::from(score),
            Ranking::NewestFirst => self
                .date
                .first(doc)
                .map_or(f64::NEG_INFINITY, |d| d.into_timestamp_secs() as f64),
        };
        let candidate = (key, DocAddress::new(self.segment, doc));
        let group = self.group.first(doc).unwrap_or(0);
        self.matches.push((group, doc));
        // Documents come in address order, so a tie keeps the first.
        self.best
            .entry(group)
            .and_modify(|b| {
                if candidate.0 > b.0 {
                    *b = candidate
                }
            })
            .or_insert(candidate);
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.matches, self.best)
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

/// One value per document of a single-valued u64 fast field, read by
/// address: the `group` of ranked passages, the `article_key` of copies.
pub struct FastU64 {
    columns: Vec<Column<u64>>,
}

impl FastU64 {
    pub fn new(searcher: &Searcher, field: &str) -> tantivy::Result<FastU64> {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64(field))
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

    fn best(entries: &[(u64, f64, u32)]) -> HashMap<u64, Best, KeyHash> {
        entries
            .iter()
            .map(|&(group, key, doc)| (group, (key, DocAddress::new(0, doc))))
            .collect()
    }

    fn groups(ranked: Vec<(u64, Best)>) -> Vec<u64> {
        ranked.into_iter().map(|(group, _)| group).collect()
    }

    #[test]
    fn groups_are_ranked_by_their_best_match_then_by_address() {
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

    #[test]
    fn a_tie_between_segments_goes_to_the_lower_address() {
        let first = (1.0, DocAddress::new(0, 5));
        let later = (1.0, DocAddress::new(1, 0));
        assert!(outranks(first, later));
        assert!(!outranks(later, first));
    }
}
