//! The passages an earlier run committed, found by a term of an indexed
//! field: a band key (`dup_key`) or a path. Both grouping rules, the copy
//! labels and the quotation groups, look up what was indexed before a run
//! this way.

use std::sync::Arc;
use tantivy::fastfield::AliveBitSet;
use tantivy::index::InvertedIndexReader;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, Term, TERMINATED};

/// One field's postings in every segment, with each segment's deletions.
pub(super) struct LivePostings {
    segments: Vec<(u32, Arc<InvertedIndexReader>, Option<AliveBitSet>)>,
}

impl LivePostings {
    pub(super) fn open(searcher: &Searcher, field: Field) -> tantivy::Result<LivePostings> {
        let mut segments = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            segments.push((
                ord as u32,
                segment.inverted_index(field)?,
                segment.alive_bitset().cloned(),
            ));
        }
        Ok(LivePostings { segments })
    }

    /// The live documents holding `term` (of the field opened), at most
    /// `limit` of them, in segment and then document order.
    pub(super) fn live_docs(&self, term: &Term, limit: usize) -> Vec<DocAddress> {
        let mut addresses = Vec::new();
        for (ord, inverted, alive) in &self.segments {
            let Ok(Some(mut postings)) = inverted.read_postings(term, IndexRecordOption::Basic)
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED && addresses.len() < limit {
                if alive.as_ref().is_none_or(|a| a.is_alive(doc)) {
                    addresses.push(DocAddress::new(*ord, doc));
                }
                doc = postings.advance();
            }
        }
        addresses
    }
}
