//! Attribution of a long article in two streaming readings, so that what
//! it holds is bounded by the distinct names the article writes, not by
//! its length (issue 21 §4).
//!
//! [`attribute`](super::attribute) takes all of an article's passages at
//! once and keeps what the first reading saw of each (every mention, every
//! pronoun sentence). A [`LongArticle`] instead learns the name book from
//! passages handed to it one at a time and keeps only the book (capped,
//! see [`names::MAX_PEOPLE`]), the distinct organizations and the pronoun
//! evidence counted by kind; the second reading takes the passages again,
//! part by part, finds each passage's mentions anew and attributes it, so
//! each part can be written and dropped before the next is cut.
//!
//! The statements and speakers are those [`attribute`](super::attribute)
//! finds. What differs: the speaker aliases (the other forms a speaker was
//! written in) are those written up to the end of the part being read,
//! since later forms are not known yet.

use super::coref::Discourse;
use super::learn::{learn_names, settle_genders, Mentions, PronounEvidence, Seen};
use super::names::{self, NameBook, Parses};
use super::visible::Hidden;
use super::{link_organizations, position, Buffers, Reader};
use crate::article::{Passage, Statement};
use crate::invisible::Visible;
use rustc_hash::{FxHashMap, FxHashSet};

/// A position in the article and the person of the book mentioned there.
type PersonMention = (u64, usize);

/// Articles with more text than this are attributed as a [`LongArticle`]
/// (by `indexer::analyze`); shorter ones, all news articles, whole.
pub const LONG_ARTICLE_BYTES: usize = 1 << 20;

/// Distinct kinds of pronoun evidence counted (sentences past it that
/// pair other names with a pronoun are not counted).
const MAX_EVIDENCE_KINDS: usize = 16_384;

/// An article between its first reading and the end of its second.
pub struct LongArticle {
    reader: Reader,
    /// The distinct organizations the first reading found, sorted.
    organizations: Vec<String>,
    /// The month and modal surnames the first reading learned ("May"
    /// once "Theresa May" is named), as a whole article's reading has them.
    surnames_too: Vec<String>,
}

impl LongArticle {
    /// The first reading: `each_passage` hands every passage of the
    /// article, in order, to the function it is given.
    pub fn learn(each_passage: impl FnOnce(&mut dyn FnMut(Passage))) -> LongArticle {
        let mut book = NameBook::default();
        let mut evidence: FxHashMap<PronounEvidence, u32> = FxHashMap::default();
        let mut organizations: FxHashSet<String> = FxHashSet::default();
        let mut of_passage = Vec::new();
        let mut mentions = Mentions::default();
        let mut parses = Parses::default();
        each_passage(&mut |passage: Passage| {
            // Headings are article text but not sentences.
            if passage.is_heading {
                return;
            }
            let visible = Visible::of(&passage.text);
            let text = visible.as_ref().map_or(passage.text.as_str(), |v| &v.text);
            let buffers = Buffers::of(text);
            let seen = Seen {
                book: &mut book,
                evidence: &mut of_passage,
                mentions: &mut mentions,
                parses: &mut parses,
            };
            learn_names(text, position(passage.number, 0), &buffers, seen);
            for e in of_passage.drain(..) {
                if let Some(times) = evidence.get_mut(&e) {
                    *times += 1;
                } else if evidence.len() < MAX_EVIDENCE_KINDS {
                    evidence.insert(e, 1);
                }
            }
            // Only the organizations outlive the passage: its mentions
            // (and its labels) are found again in the second reading.
            for (_, name) in std::mem::take(&mut mentions).organizations {
                if organizations.len() < names::MAX_ORGANIZATIONS {
                    organizations.insert(name);
                }
            }
        });
        settle_genders(&mut book, evidence.iter().map(|(e, times)| (e, *times)));
        let mut organizations: Vec<String> = organizations.into_iter().collect();
        organizations.sort_unstable();
        let people = book.people.len();
        let surnames_too = book.surnames_too();
        LongArticle {
            reader: Reader {
                mentions: Vec::new(),
                next_mention: 0,
                discourse: Discourse::new(people),
                used: vec![false; people],
                book,
                carry: None,
                statements: Vec::new(),
                here: 0,
                organizations: Vec::new(),
                next_organization: 0,
                parties: super::parties_of(organizations.iter().map(String::as_str)),
                named_outside_labels: FxHashSet::default(),
                parses,
            },
            organizations,
            surnames_too,
        }
    }

    /// The second reading of the next part of the article: the passages
    /// of `part` follow those of the part before. Sets their speakers and
    /// returns their statements. A statement that runs on from the part
    /// before (a quote continued over two passages) is found here.
    pub fn attribute(&mut self, part: &mut [Passage]) -> Vec<Statement> {
        let hidden = Hidden::hide(part);
        for passage in part.iter_mut() {
            if passage.is_heading {
                continue;
            }
            let mut buffers = Buffers::of(&passage.text);
            buffers.surnames_too.clone_from(&self.surnames_too);
            let (people, organizations, labels) = self.mentions_in(passage, &buffers);
            self.reader.queue_mentions(people, organizations, &labels);
            self.reader.read(passage, &buffers);
        }
        let mut statements = std::mem::take(&mut self.reader.statements);
        link_organizations(
            self.organizations.iter().map(String::as_str).collect(),
            &self.reader.book,
            &mut statements,
            part,
        );
        hidden.restore(part, &mut statements);
        statements
    }

    /// For each speaker read so far, the other forms they were written in.
    pub fn aliases(&self) -> Vec<(String, Vec<String>)> {
        self.reader.book.aliases(&self.reader.used)
    }

    /// The name book the first reading learned (and the second completes).
    pub fn book(&self) -> &NameBook {
        &self.reader.book
    }

    /// The mentions of people and organizations in `passage`, in reading
    /// order, as the first reading found them: the passage read again into
    /// a book of its own, its people then found in the article's book.
    fn mentions_in(
        &mut self,
        passage: &Passage,
        buffers: &Buffers,
    ) -> (Vec<PersonMention>, Vec<(u64, String)>, Vec<u64>) {
        let mut own = NameBook::default();
        let mut mentions = Mentions::default();
        let seen = Seen {
            book: &mut own,
            evidence: &mut Vec::new(),
            mentions: &mut mentions,
            parses: &mut self.reader.parses,
        };
        learn_names(&passage.text, position(passage.number, 0), buffers, seen);
        let book = &self.reader.book;
        let mut organizations = std::mem::take(&mut mentions.organizations);
        organizations.sort_unstable();
        mentions.full = mentions
            .full
            .into_iter()
            .filter_map(|(at, id)| {
                let person = &own.people[id];
                book.person_with_keys(&person.first_key, &person.surname_key)
                    .map(|id| (at, id))
            })
            .collect();
        let labels = std::mem::take(&mut mentions.labels);
        (mentions.resolve(book), organizations, labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::passages;

    fn article(body: &str) -> Article {
        Article {
            body: body.to_string(),
            ..Article::default()
        }
    }

    /// Speakers of every passage and every statement, read whole.
    fn whole(body: &str) -> (Vec<Vec<String>>, Vec<Statement>) {
        let (ps, found) = super::super::tests::analyze_text(body);
        (
            ps.into_iter().map(|p| p.speakers).collect(),
            found.statements,
        )
    }

    /// The same, read as a long article in parts of `part` passages.
    fn in_parts(body: &str, part: usize) -> (Vec<Vec<String>>, Vec<Statement>) {
        let a = article(body);
        let mut long = LongArticle::learn(|each| passages::split_each(&a, each));
        let (mut speakers, mut statements) = (Vec::new(), Vec::new());
        for mut chunk in passages::split(&a).chunks(part).map(<[Passage]>::to_vec) {
            statements.extend(long.attribute(&mut chunk));
            speakers.extend(chunk.into_iter().map(|p| p.speakers));
        }
        (speakers, statements)
    }

    const ARTICLE: &str = "“We are close,” Lind said.\n\n\
        Minister Bo Lind spoke on Monday in Eastwick.\n\n\
        The Bank of Ruritania said prices rose.\n\n\
        Ana Ruiz said: “The bridge is first.\n\n\
        “The school comes next.”\n\n\
        Exports fell last year, the bank said.\n\n\
        Ana Ruiz spoke, and she smiled. Ana Ruiz said her plan works.\n\n\
        Carl Berg said his plan would fail.\n\n\
        “We will see,” she said.\n\n\
        Ana Ruiz added:\n\n\
        “The park comes last.”\n\n\
        Mr. Berg said more. Berg told reporters the bridge opens soon.\n\n\
        Carl Berg: we will build the bridge before the winter, and the park after it.";

    #[test]
    fn parts_of_any_size_give_the_statements_of_the_whole_article() {
        let expected = whole(ARTICLE);
        assert!(expected.1.len() >= 10, "{:?}", expected.1);
        // The transcript label of the last passage names a person the
        // article names earlier: a statement, whole or in parts.
        assert_eq!(expected.0[12], ["Carl Berg"]);
        for part in 1..=13 {
            let got = in_parts(ARTICLE, part);
            assert_eq!(got.0, expected.0, "speakers in parts of {part}");
            assert_eq!(
                format!("{:?}", got.1),
                format!("{:?}", expected.1),
                "statements in parts of {part}"
            );
        }
    }

    #[test]
    fn hidden_characters_read_in_parts_as_whole() {
        // A soft hyphen in a surname, a direction mark before each
        // quotation: the first reading and the second both look through
        // them.
        let body = ARTICLE
            .replace("Ruiz", "Ru\u{ad}iz")
            .replace('“', "\u{200f}“");
        let expected = whole(&body);
        assert_eq!(expected.0[3], ["Ana Ruiz"]);
        for part in [1, 4, 13] {
            let got = in_parts(&body, part);
            assert_eq!(got.0, expected.0, "speakers in parts of {part}");
            assert_eq!(
                format!("{:?}", got.1),
                format!("{:?}", expected.1),
                "statements in parts of {part}"
            );
        }
    }

    #[test]
    fn a_month_surname_and_the_party_read_in_parts_as_whole() {
        let body = "Vote lost\n\n\
                    Theresa May met a Green candidate, Jo Lind.\n\n\
                    May said the deal would pass.\n\n\
                    In a statement, the party said the remark was taken out of context.\n\n\
                    Ana Ruiz said: \"It is the true voice of the Green Party.\"";
        let expected = whole(body);
        assert_eq!(expected.0[2], ["Theresa May"], "{expected:?}");
        assert_eq!(expected.0[3], ["Green Party"], "{expected:?}");
        for part in 1..=5 {
            let got = in_parts(body, part);
            assert_eq!(got.0, expected.0, "speakers in parts of {part}");
        }
    }

    #[test]
    fn a_quote_continued_over_a_part_boundary_keeps_its_speaker() {
        // Passages 3 and 4: the quote opens in one part, runs on in the next.
        let (speakers, statements) = in_parts(ARTICLE, 4);
        assert_eq!(speakers[3], ["Ana Ruiz"]);
        assert_eq!(speakers[4], ["Ana Ruiz"]);
        let of_4: Vec<&Statement> = statements.iter().filter(|s| s.passage == 4).collect();
        assert_eq!(of_4.len(), 1, "{statements:?}");
        assert_eq!(of_4[0].speaker, "Ana Ruiz");
        // A colon cue at the end of one part speaks in the next.
        let (speakers, _) = in_parts(ARTICLE, 10);
        assert_eq!(speakers[9], Vec::<String>::new());
        assert_eq!(speakers[10], ["Ana Ruiz"]);
    }

    #[test]
    fn the_name_book_is_capped_on_an_article_of_distinct_capitalised_words() {
        // 32 MB of invented capitalised words, all different ("Qbaxe
        // Qbaxi …"), handed as passages as they are made: nothing but
        // the book is held.
        const BYTES: usize = 32 << 20;
        let long = LongArticle::learn(|each| {
            let (mut made, mut n, mut number) = (0usize, 0u64, 0usize);
            while made < BYTES {
                let mut text = String::with_capacity(4000);
                while text.len() < 3900 {
                    let mut k = n;
                    text.push('Q');
                    for _ in 0..5 {
                        text.push((b'a' + (k % 26) as u8) as char);
                        k /= 26;
                    }
                    text.push(' ');
                    n += 1;
                }
                text.push_str("said.");
                made += text.len();
                each(Passage {
                    number,
                    start: 0,
                    end: text.len(),
                    text,
                    line: 1,
                    heading: None,
                    is_heading: false,
                    is_item: false,
                    speakers: Vec::new(),
                });
                number += 1;
            }
        });
        let (people, proper, titled) = long.book().sizes();
        assert!(people <= names::MAX_PEOPLE, "{people}");
        assert!(proper <= names::MAX_NOTED_WORDS, "{proper}");
        assert!(titled <= names::MAX_NOTED_WORDS, "{titled}");
        // The words past the cap were seen: the cap, not the text, bounds it.
        assert_eq!(proper, names::MAX_NOTED_WORDS);
    }
}
