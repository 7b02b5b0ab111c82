//! A date range checked on the passages another query matches.
//!
//! `--since`/`--until` as a `RangeQuery` on the date fast field scan the
//! date column in doc-id order far beyond the passages the words match:
//! with words to match it was the slowest kind of query on the
//! 100,000-article benchmark index (6 to 15 ms against about 1 ms for the
//! same words alone; profile in `OptionalIndexSelectCursor::select`).
//! [`DateWindowQuery`] instead lets the words drive and looks up the date of
//! each passage they match. Undated passages have no value and never pass.

use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DateTime, DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// The passages `inner` matches whose date lies in `since..=until`, scored
/// as `inner` scores them.
#[derive(Debug)]
pub struct DateWindowQuery {
    inner: Box<dyn Query>,
    field: String,
    since: DateTime,
    until: DateTime,
}

impl DateWindowQuery {
    pub fn new(inner: Box<dyn Query>, field: &str, since: DateTime, until: DateTime) -> Self {
        DateWindowQuery {
            inner,
            field: field.to_string(),
            since,
            until,
        }
    }
}

impl Clone for DateWindowQuery {
    fn clone(&self) -> Self {
        DateWindowQuery {
            inner: self.inner.box_clone(),
            field: self.field.clone(),
            since: self.since,
            until: self.until,
        }
    }
}

impl Query for DateWindowQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(DateWindowWeight {
            inner: self.inner.weight(enable_scoring)?,
            field: self.field.clone(),
            since: self.since,
            until: self.until,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

struct DateWindowWeight {
    inner: Box<dyn Weight>,
    field: String,
    since: DateTime,
    until: DateTime,
}

impl DateWindowWeight {
    fn dates(&self, reader: &SegmentReader) -> tantivy::Result<Option<Column<DateTime>>> {
        reader.fast_fields().column_opt::<DateTime>(&self.field)
    }
}

impl Weight for DateWindowWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorer = InWindow {
            inner: self.inner.scorer(reader, boost)?,
            dates: self.dates(reader)?,
            since: self.since,
            until: self.until,
        };
        scorer.skip_outside();
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let dates = self.dates(reader)?;
        if !in_window(dates.as_ref(), doc, self.since, self.until) {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is outside the date range"
            )));
        }
        self.inner.explain(reader, doc)
    }
}

fn in_window(
    dates: Option<&Column<DateTime>>,
    doc: DocId,
    since: DateTime,
    until: DateTime,
) -> bool {
    dates.is_some_and(|c| c.values_for_doc(doc).any(|d| since <= d && d <= until))
}

struct InWindow {
    inner: Box<dyn Scorer>,
    dates: Option<Column<DateTime>>,
    since: DateTime,
    until: DateTime,
}

impl InWindow {
    /// Moves on from the current document until one is in the window.
    fn skip_outside(&mut self) -> DocId {
        let mut doc = self.inner.doc();
        while doc != TERMINATED && !in_window(self.dates.as_ref(), doc, self.since, self.until) {
            doc = self.inner.advance();
        }
        doc
    }
}

impl DocSet for InWindow {
    fn advance(&mut self) -> DocId {
        self.inner.advance();
        self.skip_outside()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target);
        self.skip_outside()
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }
}

impl Scorer for InWindow {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
