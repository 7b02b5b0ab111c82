//! A word searched in several fields: a disjunction of a few queries,
//! scored as the sum of the members that match.
//!
//! The query parser makes every word a boolean query of `Should` clauses,
//! one per searched field (`text`, `title`, and each stemmed language's),
//! which tantivy scores with its buffered union: it reads 4,096 documents
//! ahead, which suits a union that leads a search, but a conjunction seeks
//! a union to each candidate of its rarer words and filters, and every seek
//! past the buffer clears its 16 KB of scores (7% of the instructions of a
//! folded search on the 100,000-article benchmark index). [`Disjunction`]
//! seeks its few members instead, and sums their scores as tantivy's union
//! does. [`rewrite`] puts it in place of such boolean queries.

use tantivy::query::{
    AllQuery, BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Boolean queries of at most this many `Should` clauses are rewritten;
/// a longer union (a long OR of words) keeps tantivy's buffered union,
/// which advances many members at once better than seeking each.
pub const MAX_MEMBERS: usize = 8;

/// `query` with every boolean query of only `Should` clauses (at most
/// [`MAX_MEMBERS`], none of them "everything", and no minimum of matches
/// above one) replaced by a [`Disjunction`] of them, at any depth. It
/// matches the same documents with the same scores.
pub fn rewrite(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let clauses: Vec<(Occur, Box<dyn Query>)> = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| (*occur, rewrite(clause.box_clone())))
        .collect();
    let all_should = clauses.iter().all(|(occur, clause)| {
        *occur == Occur::Should && clause.downcast_ref::<AllQuery>().is_none()
    });
    if all_should
        && (1..=MAX_MEMBERS).contains(&clauses.len())
        && boolean.get_minimum_number_should_match() <= 1
    {
        return Box::new(Disjunction {
            members: clauses.into_iter().map(|(_, clause)| clause).collect(),
        });
    }
    let mut rebuilt = BooleanQuery::new(clauses);
    rebuilt.set_minimum_number_should_match(boolean.get_minimum_number_should_match());
    Box::new(rebuilt)
}

/// The documents any of `members` matches, scored as the sum of the
/// scores of those that match.
#[derive(Debug)]
pub struct Disjunction {
    members: Vec<Box<dyn Query>>,
}

impl Clone for Disjunction {
    fn clone(&self) -> Self {
        Disjunction {
            members: self.members.iter().map(|m| m.box_clone()).collect(),
        }
    }
}

impl Query for Disjunction {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let members = self
            .members
            .iter()
            .map(|m| m.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(DisjunctionWeight { members }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for member in &self.members {
            member.query_terms(visitor);
        }
    }
}

struct DisjunctionWeight {
    members: Vec<Box<dyn Weight>>,
}

impl Weight for DisjunctionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut members = Vec::with_capacity(self.members.len());
        for weight in &self.members {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                members.push(scorer);
            }
        }
        Ok(match members.len() {
            0 => Box::new(EmptyScorer),
            1 => members.pop().expect("one member"),
            _ => Box::new(DisjunctionScorer::new(members)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the fields that match", scorer.score());
        for weight in &self.members {
            if let Ok(member) = weight.explain(reader, doc) {
                explanation.add_detail(member);
            }
        }
        Ok(explanation)
    }
}

/// At least two members, each on its current document; `doc` is the
/// smallest of them.
///
/// Each member's current document is kept beside it: asking a boxed
/// scorer for it is a call through its vtable (and down to its block
/// cursor), and `advance` and `score` ask every member at every match.
struct DisjunctionScorer {
    members: Vec<(DocId, Box<dyn Scorer>)>,
    doc: DocId,
}

impl DisjunctionScorer {
    fn new(members: Vec<Box<dyn Scorer>>) -> DisjunctionScorer {
        let members: Vec<(DocId, Box<dyn Scorer>)> =
            members.into_iter().map(|m| (m.doc(), m)).collect();
        let doc = members.iter().map(|m| m.0).min().unwrap_or(TERMINATED);
        DisjunctionScorer { members, doc }
    }
}

impl DocSet for DisjunctionScorer {
    fn advance(&mut self) -> DocId {
        let current = self.doc;
        let mut next = TERMINATED;
        for (doc, member) in &mut self.members {
            if *doc == current {
                *doc = member.advance();
            }
            next = next.min(*doc);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for (doc, member) in &mut self.members {
            if *doc < target {
                *doc = member.seek(target);
            }
            next = next.min(*doc);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.members
            .iter()
            .fold(0u32, |sum, (_, m)| sum.saturating_add(m.size_hint()))
    }

    fn cost(&self) -> u64 {
        self.members.iter().map(|(_, m)| m.cost()).sum()
    }
}

impl Scorer for DisjunctionScorer {
    fn score(&mut self) -> Score {
        let current = self.doc;
        let mut sum: Score = 0.0;
        for (doc, member) in &mut self.members {
            if *doc == current {
                sum += member.score();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::{BoostQuery, PhraseQuery, QueryParser, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, STRING, TEXT};
    use tantivy::{doc, Index, Searcher};

    const WORDS: &[&str] = &[
        "oil", "price", "talks", "peace", "market", "rate", "vote", "cup",
    ];

    /// An index of `docs` passages with a title and a text of words drawn
    /// from [`WORDS`] (deterministically), and a `kind` of `even`/`odd`,
    /// in several segments.
    fn index(docs: usize) -> (Index, Searcher) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let text = schema.add_text_field("text", TEXT);
        let kind = schema.add_text_field("kind", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut seed: u64 = 7;
        let mut word = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            WORDS[(seed >> 33) as usize % WORDS.len()]
        };
        for n in 0..docs {
            let title_words: Vec<&str> = (0..2).map(|_| word()).collect();
            let text_words: Vec<&str> = (0..(3 + n % 9)).map(|_| word()).collect();
            writer
                .add_document(doc!(
                    title => title_words.join(" "),
                    text => text_words.join(" "),
                    kind => if n % 2 == 0 { "even" } else { "odd" },
                ))
                .unwrap();
            if n % 700 == 699 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        (index, searcher)
    }

    /// Every document `query` matches, with its score, by advancing.
    fn matches(searcher: &Searcher, query: &dyn Query) -> Vec<(u32, u32, Score)> {
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(searcher))
            .unwrap();
        let mut found = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut scorer = weight.scorer(reader, 1.0).unwrap();
            while scorer.doc() != TERMINATED {
                found.push((ord as u32, scorer.doc(), scorer.score()));
                scorer.advance();
            }
        }
        found
    }

    #[test]
    fn rewritten_queries_match_the_same_documents_with_the_same_scores() {
        let (index, searcher) = index(3000);
        let schema = index.schema();
        let (title, text, kind) = (
            schema.get_field("title").unwrap(),
            schema.get_field("text").unwrap(),
            schema.get_field("kind").unwrap(),
        );
        let mut parser = QueryParser::for_index(&index, vec![text, title]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(title, 2.0);
        let mut rewritten_any = false;
        for typed in [
            "oil",
            "oil price",
            "\"peace talks\"",
            "oil OR cup",
            "(oil OR vote) rate -cup",
            "\"market rate\" OR (talks AND peace)",
            "title:oil text:price",
        ] {
            let parsed = parser.parse_query(typed).unwrap();
            // Alone (the disjunction leads), and behind a filter that
            // seeks it to every other document.
            let filtered = |q: Box<dyn Query>| -> Box<dyn Query> {
                Box::new(BooleanQuery::new(vec![
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(kind, "odd"),
                            IndexRecordOption::Basic,
                        )),
                    ),
                    (Occur::Must, q),
                ]))
            };
            for original in [parsed.box_clone(), filtered(parsed.box_clone())] {
                let new = rewrite(original.box_clone());
                rewritten_any |= format!("{new:?}").contains("Disjunction");
                let expected = matches(&searcher, original.as_ref());
                assert!(!expected.is_empty(), "{typed}");
                assert_eq!(matches(&searcher, new.as_ref()), expected, "{typed}");
                assert_eq!(new.count(&searcher).unwrap(), expected.len(), "{typed}");
            }
        }
        assert!(rewritten_any);
    }

    #[test]
    fn only_short_unions_of_should_clauses_become_disjunctions() {
        let term = |w: &str| -> Box<dyn Query> {
            let mut schema = Schema::builder();
            let text = schema.add_text_field("text", TEXT);
            Box::new(TermQuery::new(
                Term::from_field_text(text, w),
                IndexRecordOption::WithFreqs,
            ))
        };
        let should = |n: usize| {
            BooleanQuery::new(
                (0..n)
                    .map(|i| (Occur::Should, term(WORDS[i % WORDS.len()])))
                    .collect(),
            )
        };
        let is_disjunction = |q: Box<dyn Query>| rewrite(q).downcast_ref::<Disjunction>().is_some();
        assert!(is_disjunction(Box::new(should(2))));
        assert!(is_disjunction(Box::new(should(MAX_MEMBERS))));
        assert!(!is_disjunction(Box::new(should(MAX_MEMBERS + 1))));
        let mut two_required = should(3);
        two_required.set_minimum_number_should_match(2);
        assert!(!is_disjunction(Box::new(two_required)));
        let with_must = BooleanQuery::new(vec![
            (Occur::Should, term("oil")),
            (Occur::Must, term("cup")),
        ]);
        assert!(!is_disjunction(Box::new(with_must)));
        let with_all = BooleanQuery::new(vec![
            (Occur::Should, term("oil")),
            (Occur::Should, Box::new(AllQuery)),
        ]);
        assert!(!is_disjunction(Box::new(with_all)));
        // Nested: the inner union is rewritten inside the conjunction.
        let nested = BooleanQuery::new(vec![
            (Occur::Must, Box::new(should(2)) as Box<dyn Query>),
            (Occur::Must, Box::new(BoostQuery::new(term("cup"), 2.0))),
            (
                Occur::MustNot,
                Box::new(PhraseQuery::new(vec![
                    Term::from_field_text(Schema::builder().add_text_field("t", TEXT), "a"),
                    Term::from_field_text(Schema::builder().add_text_field("t", TEXT), "b"),
                ])),
            ),
        ]);
        let rewritten = rewrite(Box::new(nested));
        let boolean = rewritten
            .downcast_ref::<BooleanQuery>()
            .expect("a conjunction still");
        assert!(boolean.clauses()[0]
            .1
            .downcast_ref::<Disjunction>()
            .is_some());
    }

    #[test]
    fn a_disjunction_explains_its_score_by_its_members() {
        let (index, searcher) = index(500);
        let schema = index.schema();
        let (title, text) = (
            schema.get_field("title").unwrap(),
            schema.get_field("text").unwrap(),
        );
        let mut parser = QueryParser::for_index(&index, vec![text, title]);
        parser.set_field_boost(title, 2.0);
        let query = rewrite(parser.parse_query("oil").unwrap());
        assert!(query.downcast_ref::<Disjunction>().is_some());
        let (segment, doc, score) = matches(&searcher, query.as_ref())[0];
        let explanation = query
            .explain(&searcher, tantivy::DocAddress::new(segment, doc))
            .unwrap();
        assert_eq!(explanation.value(), score);
    }
}
