//! Re-pointing the documents of a renamed or moved file.
//!
//! When a file disappears from one path and the same bytes appear under
//! another in the same run, re-reading and re-attributing the article would
//! give the very same passages: only the path and the article id (a hash of
//! the path) change. So the stored passage documents are copied under the
//! new path instead. Every passage field is stored, derived from a stored
//! one (the grouping keys, each statement's speaker) or read from its fast
//! field (the copy group), which is what makes the copy complete; the tests
//! check that a copied document equals one made from a fresh analysis.

use crate::error::Result;
use crate::index::codec::{path_str, repointed_passage, RepointedGrouping};
use crate::index::schema::{Fields, KIND_PASSAGE};
use crate::ingest;
use crate::syndication::stored_passage_keys;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, IndexWriter, Searcher, TantivyDocument, Term};

/// What was copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub passages: u64,
    pub articles: u64,
}

/// Adds a copy of every passage document of `from` (as of `searcher`'s
/// commit) under the path `to`, with the copy group `regroup` gives it
/// (from its address, stored fields and old group). The caller deletes
/// the old documents.
pub fn repoint(
    writer: &IndexWriter,
    fields: &Fields,
    searcher: &Searcher,
    from: &Path,
    old_articles: u64,
    to: &Path,
    regroup: &mut dyn FnMut(DocAddress, &TantivyDocument, u64) -> u64,
) -> Result<Moved> {
    // The passages only: the file record is rewritten by the caller.
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    let query = BooleanQuery::intersection(vec![
        term(fields.path, &path_str(from)),
        term(fields.kind, KIND_PASSAGE),
    ]);
    let mut addresses: Vec<_> = searcher
        .search(&query, &DocSetCollector)?
        .into_iter()
        .collect();
    addresses.sort();
    let column = |name: &str| {
        searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64(name))
            .collect::<tantivy::Result<Vec<_>>>()
    };
    let (groups, passage_keys) = (column("group")?, column("passage_key")?);
    let ids = id_map(from, to, old_articles as usize);
    let mut moved = Moved {
        passages: 0,
        articles: 0,
    };
    let mut articles = HashSet::new();
    for address in addresses {
        let old: TantivyDocument = searcher.doc(address)?;
        let group = groups[address.segment_ord as usize]
            .first(address.doc_id)
            .unwrap_or_default();
        let group = regroup(address, &old, group);
        let keys = stored_passage_keys(fields, &old);
        let grouping = RepointedGrouping {
            group,
            keys: &keys,
            passage_key: passage_keys[address.segment_ord as usize].first(address.doc_id),
        };
        let doc = repointed_passage(fields, &old, grouping, to, &ids);
        if let Some(id) = doc.get_first(fields.article_id).and_then(|v| v.as_str()) {
            articles.insert(id.to_string());
        }
        writer.add_document(doc)?;
        moved.passages += 1;
    }
    moved.articles = articles.len() as u64;
    Ok(moved)
}

/// Old article ids of a file to new ones. A file holds one article (id of
/// the path) or several (ids of the path and record number); record numbers
/// are not stored, so ids are matched against every possible number (the
/// file record says how many articles the file holds).
fn id_map(from: &Path, to: &Path, articles: usize) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    ids.insert(ingest::article_id(from, None), ingest::article_id(to, None));
    for n in 0..=articles {
        ids.insert(
            ingest::article_id(from, Some(n)),
            ingest::article_id(to, Some(n)),
        );
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::codec::passage_documents;
    use crate::index::NewsIndex;
    use crate::indexer::analyze::{analyze_bytes, AnalysisOptions};
    use crate::ingest::overrides::Overrides;
    use crate::syndication::labels::passage_key_of;
    use crate::syndication::{self, Grouper};
    use tantivy::schema::OwnedValue;

    /// Every (field, value) of a document, grouped by field in field order
    /// (values keep their order within a field, which positions depend on).
    fn contents(doc: &TantivyDocument) -> Vec<(u32, OwnedValue)> {
        let mut all: Vec<_> = doc
            .field_values()
            .map(|(f, v)| (f.field_id(), OwnedValue::from(v)))
            .collect();
        all.sort_by_key(|(f, _)| *f);
        all
    }

    #[test]
    fn a_repointed_document_equals_a_fresh_one() {
        let sample = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/samples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "txt"))
            .unwrap();
        let fresh = repointed_equal_fresh(&std::fs::read(&sample).unwrap());
        let fields = &NewsIndex::create(&tempfile::tempdir().unwrap().path().join("i"))
            .unwrap()
            .fields;
        assert!(
            fresh.iter().any(|d| d.get_first(fields.dup_key).is_some()),
            "the sample has grouping keys to compare"
        );
        assert!(
            fresh
                .iter()
                .any(|d| d.get_first(fields.statement_speakers).is_some()),
            "the sample has statements to compare"
        );
    }

    #[test]
    fn a_repointed_german_document_keeps_its_german_terms() {
        let german = "Neue Häuser am Stadtrand\n\nDie Stadt hat am Montag den Bau von \
                      dreihundert neuen Häusern angekündigt, in denen vor allem junge Familien \
                      wohnen sollen. Die Mieten würden niedrig bleiben, hieß es im Rathaus.\n";
        let fresh = repointed_equal_fresh(german.as_bytes());
        let fields = &NewsIndex::create(&tempfile::tempdir().unwrap().path().join("i"))
            .unwrap()
            .fields;
        let german_value = |d: &TantivyDocument, field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .is_some_and(|v| v.starts_with("de\u{1}"))
        };
        assert!(fresh.iter().all(|d| german_value(d, fields.stemmed_text)));
        assert!(fresh.iter().all(|d| german_value(d, fields.stemmed_title)));
    }

    /// Indexes `bytes` as a file, repoints its documents and checks that
    /// each copy equals the document a fresh analysis under the new path
    /// makes; returns the fresh documents.
    fn repointed_equal_fresh(bytes: &[u8]) -> Vec<TantivyDocument> {
        let tmp = tempfile::tempdir().unwrap();
        let index = NewsIndex::create(&tmp.path().join("index")).unwrap();
        let fields = &index.fields;
        let (from, to) = (tmp.path().join("a.txt"), tmp.path().join("moved/b.txt"));
        // The documents `index` makes for the sample at `path`, grouped
        // against what `searcher` sees.
        let documents = |path: &Path, searcher: &Searcher| -> Vec<TantivyDocument> {
            let analyzed = analyze_bytes(
                path,
                bytes,
                AnalysisOptions::default(),
                &Overrides::default(),
            )
            .unwrap();
            let mut grouper = Grouper::new(searcher, fields, true).unwrap();
            analyzed
                .articles
                .iter()
                .flat_map(|a| {
                    let groups = grouper.group_article(syndication::prepare(a));
                    let keys: Vec<Option<u64>> =
                        a.passages.iter().map(|p| passage_key_of(&p.text)).collect();
                    passage_documents(fields, a, &groups, &keys)
                })
                .collect()
        };
        let old_docs = documents(&from, &index.reader().unwrap().searcher());
        let mut writer: IndexWriter = index.index.writer(15_000_000).unwrap();
        for doc in &old_docs {
            writer.add_document(doc.clone()).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();

        let moved = repoint(&writer, fields, &searcher, &from, 1, &to, &mut |_, _, g| g).unwrap();
        writer.commit().unwrap();

        let fresh = documents(&to, &searcher);
        assert!(!fresh.is_empty());
        assert_eq!(moved.passages as usize, fresh.len());
        assert_eq!(moved.articles, 1);
        let ids = id_map(&from, &to, 1);
        // The stored fields of the old documents and their groups.
        let stored: Vec<(TantivyDocument, u64, Option<u64>)> = {
            let query = TermQuery::new(
                Term::from_field_text(fields.path, &path_str(&from)),
                IndexRecordOption::Basic,
            );
            let mut addresses: Vec<_> = searcher
                .search(&query, &DocSetCollector)
                .unwrap()
                .into_iter()
                .collect();
            addresses.sort();
            addresses
                .into_iter()
                .map(|a| {
                    let columns = searcher.segment_reader(a.segment_ord).fast_fields();
                    let group = columns.u64("group").unwrap().first(a.doc_id).unwrap();
                    let key = columns.u64("passage_key").unwrap().first(a.doc_id);
                    (searcher.doc(a).unwrap(), group, key)
                })
                .collect()
        };
        assert_eq!(stored.len(), fresh.len());
        for ((old, group, passage_key), fresh) in stored.iter().zip(&fresh) {
            let grouping = RepointedGrouping {
                group: *group,
                keys: &stored_passage_keys(fields, old),
                passage_key: *passage_key,
            };
            assert_eq!(
                contents(&repointed_passage(fields, old, grouping, &to, &ids)),
                contents(fresh)
            );
        }
        fresh
    }
}
