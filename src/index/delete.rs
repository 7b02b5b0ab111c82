//! Deleting documents by term at a cost that stays small while pending.
//!
//! tantivy keeps every delete of an uncommitted run in memory until the
//! commit, as a query weight. `IndexWriter::delete_term` builds a
//! `TermWeight`, which carries a BM25 weight with a 256-entry cache: about
//! 1 KB per delete, so re-indexing or moving 100,000 files held 100 MB of
//! pending deletes (a fifth of the peak memory of a 100,000-file build,
//! where every file was deleted before being added). [`delete_term`]
//! pushes a weight holding only the term, which matches exactly the same
//! documents.

use tantivy::query::{ConstScorer, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, IndexWriter, Opstamp, Score, SegmentReader, TantivyError, Term};

/// Deletes every document holding `term` (added before this call), like
/// `IndexWriter::delete_term`.
pub fn delete_term(writer: &IndexWriter, term: Term) -> tantivy::Result<Opstamp> {
    writer.delete_query(Box::new(TermDelete(term)))
}

/// Documents holding one term, unscored: a query made for deleting.
#[derive(Debug, Clone)]
struct TermDelete(Term);

impl Query for TermDelete {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for TermDelete {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.0.field())?;
        Ok(
            match inverted.read_postings(&self.0, IndexRecordOption::Basic)? {
                Some(postings) => Box::new(ConstScorer::new(postings, boost)),
                None => Box::new(EmptyScorer),
            },
        )
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not hold the deleted term"
            )));
        }
        Ok(Explanation::new("TermDelete", 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index};

    #[test]
    fn deletes_exactly_the_documents_holding_the_term_and_only_earlier_ones() {
        let mut schema = Schema::builder();
        let path = schema.add_text_field("path", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for p in ["/a", "/b", "/a", "/c"] {
            writer.add_document(doc!(path => p)).unwrap();
        }
        writer.commit().unwrap();
        delete_term(&writer, Term::from_field_text(path, "/a")).unwrap();
        // Added after the delete: kept.
        writer.add_document(doc!(path => "/a")).unwrap();
        delete_term(&writer, Term::from_field_text(path, "/none")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let count = |p: &str| {
            let query = tantivy::query::TermQuery::new(
                Term::from_field_text(path, p),
                IndexRecordOption::Basic,
            );
            searcher.search(&query, &tantivy::collector::Count).unwrap()
        };
        assert_eq!((count("/a"), count("/b"), count("/c")), (1, 1, 1));
        assert_eq!(searcher.num_docs(), 3);
    }
}
