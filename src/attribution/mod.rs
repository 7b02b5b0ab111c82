//! Attribution: finding the statements in an article and who made them.
//!
//! Attribution is a sequence of passes over an article's passages, each
//! owning one file and one kind of decision:
//!
//! 1. [`tokens`], [`sentences`], [`quotes`]: words, sentences and
//!    quotation spans of each passage, and which words can be in a name
//!    ([`speakers::name_words`]), computed once ([`Buffers`]).
//! 2. [`learn`]: the first reading learns every full name the article
//!    writes, with the titles around it ([`names::NameBook`]), and which
//!    pronoun goes with whom, so that a surname resolves to a full name
//!    even when the full name comes later. Each run of capitalized words
//!    is taken apart once for both readings ([`names::Parses`]).
//! 3. [`detect`]: the second reading goes sentence by sentence; a cue
//!    ([`cues`]: "said", "told", "according to", …) outside quotation
//!    marks is a statement, with its speaker phrase found around it
//!    ([`speakers`]).
//! 4. [`link`]: a speaker phrase resolves to a person or organization of
//!    the article ([`names`]), pronouns and roles through the discourse
//!    ([`coref`]).
//! 5. [`emit`]: quotes go to the statement in their sentence, else to the
//!    nearest one in their paragraph; statements get their content.
//! 6. [`continuation`]: a paragraph with no cue continues the previous
//!    one's statement (a quote running on, or the content after "He said:").
//!
//! Every passage gets the canonical names of the speakers whose
//! statements lie in it. [`directory`] does the same merging across a
//! whole index.

pub mod continuation;
pub mod coref;
pub mod cues;
pub mod detect;
pub mod directory;
pub mod emit;
pub mod given_names;
pub mod learn;
pub mod link;
pub mod long_article;
pub mod names;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;
mod visible;

use crate::article::{Article, Passage, Statement};
use continuation::Carry;
use coref::Discourse;
use learn::{learn_names, settle_genders, Mentions, Seen};
use names::{NameBook, Parses};
use quotes::Quote;
use rustc_hash::FxHashSet;
use std::ops::Range;
use tokens::Token;

pub use long_article::{LongArticle, LONG_ARTICLE_BYTES};

/// Everything attribution found in one article.
#[derive(Debug, Default)]
pub struct Attribution {
    pub statements: Vec<Statement>,
    /// For each canonical speaker, the other forms it was written in.
    pub aliases: Vec<(String, Vec<String>)>,
}

/// Finds the statements in `passages` and sets each passage's speakers.
pub fn attribute(article: &Article, passages: &mut [Passage]) -> Attribution {
    let hidden = visible::Hidden::hide(passages);
    let mut found = attribute_visible(article, passages);
    hidden.restore(passages, &mut found.statements);
    found
}

/// [`attribute`] of passages without hidden characters.
fn attribute_visible(_article: &Article, passages: &mut [Passage]) -> Attribution {
    let mut kept: Vec<Option<Buffers>> = Vec::with_capacity(passages.len());
    let mut budget = KEPT_BUFFERS_TEXT;
    let mut book = NameBook::default();
    let mut evidence = Vec::new();
    let mut mentions = Mentions::default();
    let mut parses = Parses::default();
    // Headings are article text but not sentences: nobody speaks in them.
    for passage in passages.iter() {
        if passage.is_heading {
            kept.push(None);
            continue;
        }
        let buffers = Buffers::of(&passage.text);
        let seen = Seen {
            book: &mut book,
            evidence: &mut evidence,
            mentions: &mut mentions,
            parses: &mut parses,
        };
        learn_names(&passage.text, position(passage.number, 0), &buffers, seen);
        kept.push((passage.text.len() <= budget).then(|| {
            budget -= passage.text.len();
            buffers
        }));
    }
    settle_genders(&mut book, evidence.iter().map(|e| (e, 1)));
    let mut organizations = std::mem::take(&mut mentions.organizations);
    organizations.sort_unstable();
    let labels = std::mem::take(&mut mentions.labels);
    let mentions = mentions.resolve(&book);
    let named_outside_labels = named_outside(&mentions, &labels).collect();
    let parties = parties_of(organizations.iter().map(|(_, name)| name.as_str()));
    let mut reader = Reader {
        mentions,
        next_mention: 0,
        discourse: Discourse::new(book.people.len()),
        used: vec![false; book.people.len()],
        book,
        carry: None,
        statements: Vec::new(),
        here: 0,
        organizations,
        next_organization: 0,
        parties,
        named_outside_labels,
        parses,
    };
    let surnames_too = reader.book.surnames_too();
    for (passage, buffers) in passages.iter_mut().zip(kept) {
        if passage.is_heading {
            continue;
        }
        let mut buffers = buffers.unwrap_or_else(|| Buffers::of(&passage.text));
        buffers.surnames_too.clone_from(&surnames_too);
        reader.read(passage, &buffers);
    }
    link_organizations(
        reader
            .organizations
            .iter()
            .map(|(_, n)| n.as_str())
            .collect(),
        &reader.book,
        &mut reader.statements,
        passages,
    );
    Attribution {
        aliases: reader.book.aliases(&reader.used),
        statements: reader.statements,
    }
}

/// Organization speakers by the fullest name the article gives them
/// ([`link::fullest_organization`]), in the statements and the passages.
/// `known` are the organizations the first reading found.
fn link_organizations(
    mut known: Vec<&str>,
    book: &NameBook,
    statements: &mut [Statement],
    passages: &mut [Passage],
) {
    let people: rustc_hash::FxHashSet<&str> = book.people.iter().map(|p| p.name()).collect();
    // A run ending in a person's name or holding a title is a role and its
    // holder ("White House Press Secretary Jo Earnest"), not the
    // organization's name, unless a portfolio word ends it ("RSA
    // Security", "US Treasury"): then it is the organization's. (Not any
    // organization word: "U.N. Security Council" would take "the U.N.".)
    let surnames: rustc_hash::FxHashSet<&str> =
        people.iter().filter_map(|p| p.rsplit(' ').next()).collect();
    known.retain(|k| {
        let last = k.rsplit(' ').next().unwrap_or(k);
        let ended_by_portfolio =
            k.contains(' ') && names::with_lower(last, names::is_organization_ending);
        !surnames.contains(last)
            && (ended_by_portfolio
                || !k
                    .split(' ')
                    .any(|w| names::with_lower(w, names::is_title_word)))
    });
    known.sort_unstable();
    known.dedup();
    let fullest = |name: &str| -> Option<String> {
        if people.contains(name) {
            return None;
        }
        link::fullest_organization(name, &known).map(str::to_string)
    };
    // "the Times" after "The New York Times", "the Bureau" after "the
    // Census Bureau": one capitalized word after "the" is the last word
    // of the organization's name when the article gives one name ending
    // in it.
    let mut shortened: Vec<(String, String)> = Vec::new();
    for st in statements.iter() {
        let word = st.speaker.as_str();
        let definite = ["the ", "The "]
            .iter()
            .any(|the| st.speaker_text.strip_prefix(the) == Some(word));
        if !definite || word.contains(' ') || people.contains(word) {
            continue;
        }
        if let Some(full) = link::fullest_organization_ending_in(word, &known) {
            shortened.push((word.to_string(), full.to_string()));
        }
    }
    let fullest = |name: &str| -> Option<String> {
        shortened
            .iter()
            .find(|(short, _)| short == name)
            .map(|(_, full)| full.clone())
            .or_else(|| fullest(name))
    };
    for st in statements.iter_mut() {
        if let Some(f) = fullest(&st.speaker) {
            st.speaker = f;
        }
    }
    for passage in passages.iter_mut() {
        let mut linked: Vec<String> = Vec::with_capacity(passage.speakers.len());
        for speaker in passage.speakers.drain(..) {
            let speaker = fullest(&speaker).unwrap_or(speaker);
            if !linked.contains(&speaker) {
                linked.push(speaker);
            }
        }
        passage.speakers = linked;
    }
}

/// Bytes of passage text whose [`Buffers`] the first reading keeps for the
/// second: more than any ordinary article. Past it they are made again, so
/// that a long article's tokens (24 bytes a word) are never all held at
/// once: an 8 MB article's took 50 MB.
const KEPT_BUFFERS_TEXT: usize = 1 << 20;

/// The tokens, quotes, sentences and name words of one passage, computed
/// for the first reading and kept for the second (within
/// [`KEPT_BUFFERS_TEXT`]).
#[derive(Debug, Default)]
struct Buffers {
    /// The passage with its ASCII letters lowered ([`tokens::lowered`]).
    lower: String,
    tokens: Vec<Token>,
    quotes: Vec<Quote>,
    sentences: Vec<Range<usize>>,
    /// [`speakers::Passage::name_words`].
    name_words: Vec<speakers::NameWord>,
    /// [`speakers::Passage::surnames_too`], set once the first reading has
    /// learned the article's names.
    surnames_too: Vec<String>,
}

impl Buffers {
    fn of(text: &str) -> Buffers {
        let mut b = Buffers {
            lower: tokens::lowered(text),
            tokens: Vec::with_capacity(text.len() / 4),
            ..Buffers::default()
        };
        tokens::tokenize(text, &mut b.tokens);
        quotes::find(text, &b.tokens, &mut b.quotes);
        sentences::split(text, &b.tokens, &mut b.sentences);
        speakers::name_words(text, &b.lower, &b.tokens, &mut b.name_words);
        b
    }

    fn passage<'a>(&'a self, text: &'a str) -> speakers::Passage<'a> {
        speakers::Passage {
            text,
            lower: &self.lower,
            tokens: &self.tokens,
            quotes: &self.quotes,
            surnames_too: &self.surnames_too,
            name_words: &self.name_words,
        }
    }
}

/// A position in the article: passage number and token index, in reading
/// order.
fn position(passage: usize, token: usize) -> u64 {
    ((passage as u64 + 1) << 20) + token as u64
}

/// The distinct names of `organizations` that end in "Party".
fn parties_of<'a>(organizations: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut parties: Vec<String> = organizations
        .filter(|name| {
            name.rsplit_once(' ')
                .is_some_and(|(_, last)| last.eq_ignore_ascii_case("party"))
        })
        .map(str::to_string)
        .collect();
    parties.sort_unstable();
    parties.dedup();
    parties
}

struct Reader {
    book: NameBook,
    /// Every mention of a person, in reading order, and the next one to
    /// tell the discourse about.
    mentions: Vec<(u64, usize)>,
    next_mention: usize,
    discourse: Discourse,
    /// Which people of the book are speakers (for aliases).
    used: Vec<bool>,
    carry: Option<Carry>,
    statements: Vec<Statement>,
    /// The position being read (the current sentence's start).
    here: u64,
    /// Organizations the first reading found, in reading order, and the
    /// next one to tell the discourse about.
    organizations: Vec<(u64, String)>,
    next_organization: usize,
    /// The parties the article names anywhere ("Conservative Party"), for
    /// a "the party said" before the party's name comes.
    parties: Vec<String>,
    /// People the article names outside a label: only their transcript
    /// label ("Jo Smith: …") opens a statement. All of the article's, or in
    /// a long article read in parts, those of the passages queued so far.
    named_outside_labels: FxHashSet<usize>,
    /// The runs of capitalized words taken apart so far, in either reading.
    parses: Parses,
}

/// The people of `mentions` named at a position that is not a label's
/// (`labels`: positions of the names that open a passage as a label, in
/// reading order, [`learn::Mentions::labels`]).
fn named_outside<'a>(
    mentions: &'a [(u64, usize)],
    labels: &'a [u64],
) -> impl Iterator<Item = usize> + 'a {
    mentions
        .iter()
        .filter(|(at, _)| labels.binary_search(at).is_err())
        .map(|&(_, id)| id)
}

impl Reader {
    /// Adds the mentions of the next passage (people and organizations,
    /// each in reading order; `labels` as in [`named_outside`]) to those
    /// the discourse is yet to hear of, dropping those it has heard of.
    fn queue_mentions(
        &mut self,
        people: Vec<(u64, usize)>,
        organizations: Vec<(u64, String)>,
        labels: &[u64],
    ) {
        self.named_outside_labels
            .extend(named_outside(&people, labels));
        self.mentions.drain(..self.next_mention);
        self.next_mention = 0;
        self.mentions.extend(people);
        self.organizations.drain(..self.next_organization);
        self.next_organization = 0;
        self.organizations.extend(organizations);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::StatementKind;
    use crate::passages;

    /// For the unit tests of attribution's modules: a plain-text article
    /// of `body`, cut into passages and read whole; its passages (speakers
    /// set) and what was found.
    pub(super) fn analyze_text(body: &str) -> (Vec<Passage>, Attribution) {
        let article = Article {
            body: body.to_string(),
            ..Article::default()
        };
        let mut ps = passages::split(&article);
        let found = attribute(&article, &mut ps);
        (ps, found)
    }

    /// For the unit tests of attribution's modules: the speakers of each
    /// passage of a plain-text article of `text`.
    pub(super) fn speakers_of(text: &str) -> Vec<Vec<String>> {
        analyze_text(text)
            .0
            .into_iter()
            .map(|p| p.speakers)
            .collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn bodies_and_assemblies_keep_their_whole_name() {
        let speakers = speakers_of(
            "Emblem dispute\n\n\
             The Danish Legion wrote to the office that it had not allowed the emblem.\n\n\
             The Republican State Convention released a statement, saying the remarks were \
             divisive.\n\n\
             The Danish Census Bureau said the count would finish in May.\n\n\
             The Irish Medical Tribunal said the hearing would end in June.",
        );
        assert_eq!(speakers[1], names(&["Danish Legion"]));
        assert_eq!(speakers[2], names(&["Republican State Convention"]));
        assert_eq!(speakers[3], names(&["Danish Census Bureau"]));
        assert_eq!(speakers[4], names(&["Irish Medical Tribunal"]));
    }

    #[test]
    fn the_last_word_of_an_organizations_name_after_the_is_that_organization() {
        let speakers = speakers_of(
            "Harbour deal questioned\n\n\
             The Eastwick Harbour Gazette obtained the contract last week.\n\n\
             The Gazette reported that the harbour would close for a year.",
        );
        assert_eq!(speakers[2], names(&["Eastwick Harbour Gazette"]));
        // Two names end in the word: no telling which.
        let speakers = speakers_of(
            "Harbour deal questioned\n\n\
             The Eastwick Harbour Gazette and the Westwick Evening Gazette \
             obtained the contract.\n\n\
             The Gazette reported that the harbour would close for a year.",
        );
        assert_eq!(speakers[2], names(&["Gazette"]));
    }

    #[test]
    fn acronyms_inside_a_sentence_are_a_name_not_a_dateline() {
        let found = speakers_of(
            "Phones go online\n\n\
             In a sign of the trend, giant ISP ZNT announced on Tuesday that it would sell calls.",
        );
        assert_eq!(found[1], names(&["ISP ZNT"]));
    }

    #[test]
    fn a_role_at_the_opening_is_the_person_the_next_paragraph_names() {
        let found = speakers_of(
            "Vale must learn harbour lessons\n\n\
             The new harbour minister for Vale says there are lessons to learn from Elmland.\n\n\
             Dr Orla Vennick, a surgeon, said the port was safe.\n\n\
             The harbour chief for Vale says the port is closed.\n\n\
             Carl Berg said it was not.",
        );
        assert_eq!(
            found,
            vec![
                Vec::<String>::new(),
                names(&["Orla Vennick"]),
                names(&["Orla Vennick"]),
                // Past the opening, the next paragraph's name is not the
                // role's.
                Vec::<String>::new(),
                names(&["Carl Berg"]),
            ]
        );
    }

    #[test]
    fn a_word_before_of_and_a_place_that_names_no_one_is_an_organization() {
        let found = speakers_of(
            "Insurers count the cost\n\n\
             Harrods of Eastwick told the Courier it expected its exposure to be limited.\n\n\
             Senator Ada Brook said the port would reopen. \
             Brook of Vale said the port would reopen.\n\n\
             Half of Vale Farmers said the port would reopen. \
             Most of Vale Democrats said so too.",
        );
        assert_eq!(
            found,
            vec![
                Vec::<String>::new(),
                names(&["Harrods of Eastwick"]),
                names(&["Ada Brook"]),
                Vec::<String>::new(),
            ]
        );
    }

    #[test]
    fn a_surname_that_is_a_month_or_a_modal_names_its_person() {
        let found = speakers_of(
            "Theresa May said the deal was the best on offer.\n\n\
             Later Mrs May said she would not resign.\n\n\
             May said the vote would go ahead.\n\n\
             The columnist George Will says the party has lost its way.",
        );
        assert_eq!(
            found,
            vec![
                names(&["Theresa May"]),
                names(&["Theresa May"]),
                names(&["Theresa May"]),
                names(&["George Will"]),
            ]
        );
    }

    #[test]
    fn a_month_or_a_modal_with_no_name_before_it_names_nobody() {
        let found = speakers_of(
            "Jo Lind chairs the committee.\n\n\
             In May said reports were wrong, the committee wrote.\n\n\
             Ministers may say the plan failed.\n\n\
             Critics will say that the plan failed.",
        );
        assert!(
            found
                .iter()
                .flatten()
                .all(|s| !s.contains("May") && !s.contains("Will")),
            "{found:?}"
        );
    }

    #[test]
    fn a_learned_month_surname_before_another_name_is_the_month() {
        let found = speakers_of(
            "Theresa May met the unions.\n\n\
             In May Jeremy Corbyn said Labour would back a second vote.\n\n\
             In May Labour said the vote was lost.\n\n\
             May said the deal would pass.",
        );
        assert_eq!(found[1], names(&["Jeremy Corbyn"]), "{found:?}");
        assert!(found[2].iter().all(|s| !s.contains("May")), "{found:?}");
        assert_eq!(found[3], names(&["Theresa May"]), "{found:?}");
    }

    #[test]
    fn a_weekday_after_on_is_a_date_before_an_organizations_name() {
        let found = speakers_of(
            "Vote disputed\n\n\
             On Sunday People Power Party said the vote was rigged.\n\n\
             On Tuesday Express Scripts said it would cut prices.",
        );
        assert_eq!(found[1], names(&["People Power Party"]), "{found:?}");
        assert_eq!(found[2], names(&["Express Scripts"]), "{found:?}");
    }

    #[test]
    fn the_union_is_not_an_organization_named_later_with_that_word() {
        let found = speakers_of(
            "Rail strike\n\n\
             Rail workers will strike on Monday.\n\n\
             The union said talks with the operators had failed.\n\n\
             Freight to the European Union will also be delayed, Jo Lind said.",
        );
        assert!(found[2].is_empty(), "{found:?}");
    }

    #[test]
    fn a_representatives_organization_keeps_its_leading_words() {
        let found = speakers_of(
            "Dance schools\n\n\
             Ana Berg teaches in Leeds.\n\n\
             A spokesman for the English National Ballet told reporters that only two dancers were British.",
        );
        assert_eq!(found[2], names(&["English National Ballet"]), "{found:?}");
    }

    #[test]
    fn a_weekday_opens_a_newspapers_name_but_not_a_persons() {
        let found = speakers_of(
            "Rail plan\n\n\
             The Sunday Times reported that the plan had been approved.\n\n\
             The plan will go ahead next year, the Sunday Telegraph reported.\n\n\
             Jo Lind on Sunday said the plan was good.",
        );
        assert_eq!(
            found,
            vec![
                vec![],
                names(&["Sunday Times"]),
                names(&["Sunday Telegraph"]),
                names(&["Jo Lind"]),
            ]
        );
    }

    #[test]
    fn the_party_is_the_one_party_the_article_names() {
        let found = speakers_of(
            "Candidate quits\n\n\
             Jo Lind, a Green candidate, is quitting after a remark.\n\n\
             In a statement, the party said the comment had been taken out of context.\n\n\
             Ana Ruiz said: \"It is the true voice of the Green Party.\"",
        );
        assert_eq!(found[2], names(&["Green Party"]), "{found:?}");
        let two = speakers_of(
            "Candidates quit\n\n\
             Jo Lind, a Green candidate, is quitting after a remark.\n\n\
             In a statement, the party said the comment had been taken out of context.\n\n\
             Ana Ruiz said: \"It is the true voice of the Green Party, not the Blue Party.\"",
        );
        assert_eq!(two[2], Vec::<String>::new(), "{two:?}");
    }

    #[test]
    fn an_organizations_name_ending_in_a_nationality_and_a_plural_is_whole() {
        let found = speakers_of(
            "Holiday cover\n\n\
             The Federation of Danish hauliers warned that insurance does not cover delays. \
             It said lost goods will be covered, but the Federation stressed the small print.",
        );
        assert_eq!(
            found[1],
            names(&["Federation of Danish hauliers"]),
            "{found:?}"
        );
    }

    #[test]
    fn a_company_of_the_arts_is_an_organization() {
        let found = speakers_of(
            "Opera schools\n\n\
             Only two singers at the Royal Opera - Ana Berg and Jo Lind - are Welsh. \
             But a spokesman for the Welsh National Opera told reporters that a quarter of \
             its singers were from Wales.",
        );
        assert_eq!(found[1], names(&["Welsh National Opera"]), "{found:?}");
    }

    #[test]
    fn an_organization_named_with_a_portfolio_word_speaks_whole() {
        let found = speakers_of(
            "Fraud rose last year.\n\n\
             A study by Acme Security found that most attacks began with an email.\n\n\
             The US Treasury said the deficit would narrow next year.",
        );
        assert_eq!(
            found,
            vec![vec![], names(&["Acme Security"]), names(&["US Treasury"])]
        );
        // A news agency: "Press" ends it, as it opens a press secretary's
        // title.
        let found = speakers_of(
            "Talks stall\n\n             The Eastwick Press reported that the talks had stalled.\n\n             Press Secretary Ada Quorvel said the talks would resume.",
        );
        assert_eq!(
            found,
            vec![vec![], names(&["Eastwick Press"]), names(&["Ada Quorvel"])]
        );
    }

    #[test]
    fn the_topics_of_an_institute_for_do_not_speak_for_its_experts() {
        let found = speakers_of(
            "Reactor fears\n\n\
             \"Tritium would make a larger bomb possible,\" experts Jo Hart and Bo Lind of \
             Eastwick's Institute for Science and International Security wrote.",
        );
        assert_eq!(found, vec![vec![], names(&["Jo Hart", "Bo Lind"])]);
    }

    #[test]
    fn the_firm_is_the_company_named_before_without_the_word() {
        let found = speakers_of(
            "Phone group cuts jobs\n\n\
             The Eastwick University said the region would suffer. Dalby Telecom will cut \
             2,000 jobs.\n\n\
             The firm said the cuts were needed to bring down its debt. \
             \"We have no choice,\" the company said.",
        );
        assert_eq!(
            found,
            vec![
                vec![],
                names(&["Eastwick University"]),
                names(&["Dalby Telecom"])
            ]
        );
        // No company named: no speaker rather than another organization.
        let found = speakers_of(
            "Jobs cut\n\n\
             The Eastwick University said the region would suffer.\n\n\
             The firm said the cuts were needed.",
        );
        assert_eq!(found, vec![vec![], names(&["Eastwick University"]), vec![]]);
        // A company named three passages back: no speaker.
        let found = speakers_of(
            "Jobs cut\n\n\
             Dalby Telecom will cut 2,000 jobs.\n\n\
             The town has few other employers.\n\n\
             Shops on the high street are closing.\n\n\
             The company said the cuts were needed.",
        );
        assert_eq!(found, vec![Vec::<String>::new(); 5]);
    }

    #[test]
    fn a_heading_passage_holds_no_statement() {
        let body = "Minister Bo Lind said the plan works\n\nThe plan was agreed on Monday.";
        let article = Article {
            body: body.to_string(),
            excluded: vec![crate::article::Excluded {
                start: 0,
                end: body.find('\n').unwrap(),
                why: crate::article::ExcludedKind::Heading,
            }],
            ..Article::default()
        };
        let mut ps = passages::split(&article);
        let found = attribute(&article, &mut ps);
        assert!(ps[0].is_heading, "{ps:?}");
        assert!(found.statements.is_empty(), "{:?}", found.statements);
        assert!(ps.iter().all(|p| p.speakers.is_empty()));
        // The same words as a paragraph are a statement.
        assert_eq!(speakers_of(body)[0], names(&["Bo Lind"]));
    }

    #[test]
    fn quote_then_surname_said() {
        assert_eq!(
            speakers_of("Envoy Steve Witkoff met them.\n\n“It went well,” Witkoff said."),
            [vec![], names(&["Steve Witkoff"])]
        );
    }

    #[test]
    fn surname_in_a_pull_quote_resolves_to_a_later_full_name() {
        assert_eq!(
            speakers_of("“We are close,” Lind said.\n\nMinister Bo Lind spoke on Monday."),
            [names(&["Bo Lind"]), vec![]]
        );
    }

    #[test]
    fn a_pronoun_goes_to_the_person_named_since_the_speaker_outside_quotes() {
        assert_eq!(
            speakers_of(
                "Governor Ana Ruiz said the port reopens.\n\n\
                 A reporter asked Carla Diaz about the delay.\n\n\
                 “It opens soon,” she replied."
            )[2],
            names(&["Carla Diaz"])
        );
        // Named only inside a quotation: not who "she" is.
        assert_eq!(
            speakers_of(
                "Governor Ana Ruiz said the port reopens.\n\n\
                 “I will call Carla Diaz about the delay.”\n\n\
                 She said more would follow."
            )[2],
            names(&["Ana Ruiz"])
        );
    }

    #[test]
    fn name_said_that_and_pronoun() {
        assert_eq!(
            speakers_of("Maria Lopez said that the plan works.\n\nShe added that more was needed."),
            [names(&["Maria Lopez"]), names(&["Maria Lopez"])]
        );
    }

    #[test]
    fn a_pronoun_after_a_place_that_spoke_has_no_speaker() {
        let speakers = speakers_of(
            "Bo Lind arrived on Monday.\n\nThe team flew to Ostrava.\n\n\
             Ostrava said the talks would resume.\n\n“We are ready,” he said.",
        );
        assert_eq!(speakers[2], names(&["Ostrava"]));
        assert_eq!(speakers[3], Vec::<String>::new());
    }

    #[test]
    fn a_pronoun_after_a_county_that_spoke_goes_to_the_person() {
        let speakers = speakers_of(
            "Ada Lind, a student in Marlow County, says she wants cameras. \
             Marlow County says it has no plan.\n\n\
             “It should be the last step,” she tells reporters.",
        );
        assert_eq!(speakers[1], names(&["Ada Lind"]));
    }

    #[test]
    fn a_plural_possessive_before_an_organization_word_names_no_person() {
        let speakers = speakers_of(
            "A spokesperson for the Coastal Growers’ Association said its members agreed.\n\n\
             “We have worked with the unions for years,” he said.",
        );
        assert!(
            !speakers[1].contains(&"Coastal Growers".to_string()),
            "{speakers:?}"
        );
    }

    #[test]
    fn a_pronoun_binds_to_a_single_name_the_article_gives_as_a_person() {
        for (said, full) in [
            ("Mr. Lind said the talks would resume.", "Lind"),
            (
                "Lind, who leads the team, said the talks would resume.",
                "Lind",
            ),
            // An organization's role holder is a person by full name.
            (
                "Network President Bo Lind spoke first. Lind said the talks would resume.",
                "Bo Lind",
            ),
        ] {
            let text = format!(
                "The team flew to Ostrava with Lind.\n\n{said}\n\n“We are ready,” he said."
            );
            assert_eq!(speakers_of(&text)[2], names(&[full]), "{said}");
        }
    }

    #[test]
    fn inverted_order() {
        assert_eq!(
            speakers_of("“We are ready,” said John Smith."),
            [names(&["John Smith"])]
        );
    }

    #[test]
    fn no_cue_no_speaker() {
        assert_eq!(
            speakers_of("The delegation included Jane Roe."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn split_quote_around_the_cue_is_one_speaker_two_quotes() {
        let (ps, found) =
            analyze_text("“We will build it,” Mayor Ana Ruiz said, “and we will pay for it.”");
        assert_eq!(ps[0].speakers, names(&["Ana Ruiz"]));
        let direct: Vec<&str> = found
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Direct)
            .map(|s| &ps[0].text[s.start..s.end])
            .collect();
        assert_eq!(direct, ["We will build it,", "and we will pay for it."]);
        assert_eq!(found.statements[0].speaker_text, "Ana Ruiz");
    }

    #[test]
    fn quote_before_the_speaker_is_the_statement() {
        let (ps, found) = analyze_text(
            "“The bridge opens in May,” Ana Ruiz told the council on Monday, pointing at the plans.",
        );
        let kinds: Vec<(StatementKind, &str)> = found
            .statements
            .iter()
            .filter(|s| s.cue == "told")
            .map(|s| (s.kind, &ps[0].text[s.start..s.end]))
            .collect();
        assert_eq!(kinds, [(StatementKind::Direct, "The bridge opens in May,")]);
    }

    #[test]
    fn quote_running_over_two_paragraphs_keeps_its_speaker() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz said: “The bridge is first.\n\n“The school comes next.”\n\nThe bridge opened."
            ),
            [names(&["Ana Ruiz"]), names(&["Ana Ruiz"]), vec![]]
        );
    }

    #[test]
    fn colon_cue_speaks_in_the_next_paragraph() {
        assert_eq!(
            speakers_of("Ana Ruiz added:\n\n“The school comes next.”"),
            [vec![], names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn reported_speech_forms() {
        let one = |t: &str| speakers_of(t).concat();
        assert_eq!(
            one("Ana Ruiz met Carl Berg. According to Berg, the bridge opens soon."),
            names(&["Carl Berg"])
        );
        assert_eq!(
            one("Ana Ruiz met Carl Berg. Berg told reporters the bridge opens soon."),
            names(&["Carl Berg"])
        );
        assert_eq!(
            one("Ana Ruiz met Carl Berg. In a post on X, Berg wrote that it opens."),
            names(&["Carl Berg"])
        );
        assert_eq!(
            one("Ana Ruiz described the talks as useful."),
            names(&["Ana Ruiz"])
        );
        assert_eq!(
            one("The bridge opens soon, according to Ana Ruiz’s statement."),
            names(&["Ana Ruiz"])
        );
    }

    #[test]
    fn joint_statement_has_two_speakers() {
        assert_eq!(
            speakers_of("Ana Ruiz and engineer Carl Berg said in a joint statement that it opens."),
            [names(&["Ana Ruiz", "Carl Berg"])]
        );
    }

    #[test]
    fn organizations_speak_too() {
        assert_eq!(
            speakers_of("The Kremlin said the talks were useful."),
            [names(&["Kremlin"])]
        );
    }

    #[test]
    fn appositive_name_after_a_role() {
        assert_eq!(
            speakers_of("The mayor’s chief aide, Carl Berg, said the bridge opens."),
            [names(&["Carl Berg"])]
        );
    }

    #[test]
    fn participle_takes_the_clause_subject() {
        assert_eq!(
            speakers_of("Ana Ruiz opened the bridge on Friday, saying it was overdue."),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn pronoun_follows_the_latest_sentence_subject() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz said the bridge opens. Carl Berg said it was late.\n\nLater, Mrs. Ruiz visited the site. “It is beautiful,” she said."
            ),
            [names(&["Ana Ruiz", "Carl Berg"]), names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn the_subject_after_an_affiliation_and_role_is_the_person() {
        assert_eq!(
            speakers_of(
                "The Orley Gazette columnist Ana Ruiz has been critical of the mayor but on Tuesday wrote that she agreed with him."
            ),
            [names(&["Ana Ruiz"])]
        );
        // A verb before the role: the first name is the subject.
        assert_eq!(
            speakers_of(
                "Ana Ruiz beat businessman Carl Berg in the primary, claiming that voters wanted change."
            ),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn definite_role_resolves_by_title() {
        assert_eq!(
            speakers_of(
                "Ruritania’s President Ivan Sokol met Olga Dam. Dam said the talks went well. The Ruritanian leader said little."
            ),
            [names(&["Olga Dam", "Ivan Sokol"])]
        );
    }

    #[test]
    fn an_office_refers_to_the_person_just_named_who_holds_it() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz met the judges on Monday.\n\nThe foreign secretary said the ruling was wrong. New Home Secretary Carl Berg stayed silent."
            ),
            [vec![], names(&["Ana Ruiz"])]
        );
        // Someone else's role: no speaker.
        assert_eq!(
            speakers_of(
                "Ana Ruiz met the judges on Monday.\n\nThe spokesman said the ruling was wrong."
            ),
            [Vec::<String>::new(), vec![]]
        );
    }

    #[test]
    fn spelling_variants_in_one_article_merge() {
        let (ps, found) = analyze_text(
            "Aide Yury Petrov said talks began.\n\nYuri Petrov said they would go on.\n\nYury Petrov said more.",
        );
        assert!(ps.iter().all(|p| p.speakers == names(&["Yury Petrov"])));
        assert_eq!(
            found.aliases,
            vec![("Yury Petrov".to_string(), names(&["Yuri Petrov"]))]
        );
    }

    #[test]
    fn a_statement_not_yet_made_is_not_a_cue() {
        assert_eq!(
            speakers_of(
                "The plan needs work before Ana Ruiz could answer. Carl Berg will reply soon."
            ),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn passive_and_infinitive_are_not_cues() {
        assert_eq!(
            speakers_of("Ana Ruiz was told to wait. Carl Berg declined to say more."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn anonymous_sources_are_not_speakers() {
        assert_eq!(
            speakers_of("Officials said the bridge opens. A source said it was late."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn quote_credited_after_a_dash() {
        assert_eq!(
            speakers_of("Carl Berg ran a poll.\n\n“The bridge is late.” ― Ana Ruiz\n\n“It is fine.” — Carl Berg"),
            [vec![], names(&["Ana Ruiz"]), names(&["Carl Berg"])]
        );
    }

    #[test]
    fn contracted_pronoun_is_a_subject() {
        assert_eq!(
            speakers_of("Ana Ruiz spoke first. She’s argued that the bridge is late."),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn transcript_label_inside_a_quote() {
        assert_eq!(
            speakers_of("Host Carl Berg opened the show.\n\n“BERG: Why is it late?"),
            [vec![], names(&["Carl Berg"])]
        );
    }

    #[test]
    fn transcript_label_names_the_speaker() {
        assert_eq!(
            speakers_of("Host Carl Berg opened the show.\n\nBERG: Why is it late?"),
            [vec![], names(&["Carl Berg"])]
        );
    }

    #[test]
    fn a_possessor_before_a_cue_noun_is_not_a_speaker() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz met Carl Berg. Berg’s comments drew attention, as did Ruiz’s demand."
            ),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_name_after_a_preposition_is_not_the_subject() {
        assert_eq!(
            speakers_of("“It was fine,” Mr. Cole of the Harbor Club said."),
            [names(&["Cole"])]
        );
        assert_eq!(
            speakers_of("A spokeswoman for Ana Ruiz said the bridge opens."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn appositives_can_follow_each_other() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz, president of the Union of Bakers, which represents them, said prices rise."
            ),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn event_participle_without_speech_is_not_a_statement() {
        assert_eq!(
            speakers_of("Carl Berg also attended the meeting, emphasizing the city’s interest."),
            [Vec::<String>::new()]
        );
        assert_eq!(
            speakers_of("Carl Berg said the meeting went well, emphasizing the city’s interest."),
            [names(&["Carl Berg"])]
        );
    }

    #[test]
    fn gender_learned_from_pronouns_guides_she() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz spoke, and she smiled. Ana Ruiz said her plan works.\n\nCarl Berg said his plan would fail.\n\n“We will see,” she said."
            ),
            [names(&["Ana Ruiz"]), names(&["Carl Berg"]), names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn capitalized_common_words_at_sentence_start_are_not_names() {
        assert_eq!(
            speakers_of("Proponents said the bridge helps. Perhaps said nothing."),
            [Vec::<String>::new()]
        );
    }

    // Speakers are persons or organizations (issue 15): listeners,
    // portfolios, party adjectives and prepositions are not.

    #[test]
    fn the_listener_after_told_is_not_the_speaker() {
        assert_eq!(
            speakers_of(
                "“The banks are ready,” Barry Beal, a security manager, told the BBC News website."
            ),
            [names(&["Barry Beal"])]
        );
        assert_eq!(
            speakers_of("The plan is late, told Ana Ruiz."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn an_affiliation_appositive_keeps_the_subject() {
        assert_eq!(
            speakers_of(
                "Gordon Brown spoke first.\n\nVincent Cable, for the Liberal Democrats, accused Mr Brown of ducking choices.\n\nHe said: “The chancellor is complacent.”"
            ),
            [vec![], names(&["Vincent Cable"]), names(&["Vincent Cable"])]
        );
    }

    #[test]
    fn age_and_hometown_appositives() {
        assert_eq!(
            speakers_of("John Doe, 59, of Springfield, said the plan works."),
            [names(&["John Doe"])]
        );
    }

    #[test]
    fn a_portfolio_is_not_a_speaker() {
        assert_eq!(
            speakers_of("Ministers may scrap the agency, Work and Pensions Secretary Alan Johnson has warned."),
            [names(&["Alan Johnson"])]
        );
        assert_eq!(
            speakers_of("Minister for Children, Young People and Families Margaret Hodge said the plan works."),
            [names(&["Margaret Hodge"])]
        );
    }

    #[test]
    fn a_party_adjective_is_not_a_speaker() {
        assert_eq!(
            speakers_of("“This is typical,” said Tory shadow secretary Eric Pickles."),
            [names(&["Eric Pickles"])]
        );
        assert_eq!(
            speakers_of("Tory delegates are gathering, declaring that Britain needs a change."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_preposition_does_not_start_a_name() {
        assert_eq!(
            speakers_of(
                "Marvin Roffman sued the firm.\n\nLike Makaeff, Roffman does not want to fight again.\n\n“I am 76,” he said."
            ),
            [vec![], vec![], names(&["Marvin Roffman"])]
        );
    }

    #[test]
    fn a_statement_is_never_bare_punctuation() {
        let (ps, found) = analyze_text("Spending recovered after the World Trade Centre attacks.");
        assert_eq!(ps[0].speakers, Vec::<String>::new());
        assert!(found.statements.is_empty());
    }

    #[test]
    fn doubled_single_quotes_are_quotation_marks() {
        let (ps, found) =
            analyze_text("''Tell that to the janitor,'' Mr. Biden said. ''He pays taxes.''");
        assert_eq!(ps[0].speakers, names(&["Biden"]));
        let direct: Vec<&str> = found
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Direct)
            .map(|s| &ps[0].text[s.start..s.end])
            .collect();
        assert_eq!(direct, ["Tell that to the janitor,", "He pays taxes."]);
    }

    #[test]
    fn continued_is_a_cue_only_with_content() {
        assert_eq!(
            speakers_of("Ana Ruiz spoke first.\n\nRuiz continued: “The bridge is late.”"),
            [vec![], names(&["Ana Ruiz"])]
        );
        assert_eq!(
            speakers_of("Ana Ruiz continued to rise in the polls."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_wholly_quoted_paragraph_continues_the_last_quoted_speaker() {
        assert_eq!(
            speakers_of(
                "“The bridge is late,” Ana Ruiz said.\n\n“The school comes next.”\n\n“And then the park.”\n\nThe council met on Monday.\n\n“We disagree.”"
            ),
            [
                names(&["Ana Ruiz"]),
                names(&["Ana Ruiz"]),
                names(&["Ana Ruiz"]),
                vec![],
                vec![]
            ]
        );
    }

    #[test]
    fn an_honorific_before_a_surname_that_is_also_a_title() {
        assert_eq!(
            speakers_of("Ana White runs the clinic.\n\n“It works,” Ms. White said."),
            [vec![], names(&["Ana White"])]
        );
        assert_eq!(
            speakers_of("Carl King ran.\n\n“It works,” Mr King said."),
            [vec![], names(&["Carl King"])]
        );
        // A role stays a role: no person is learned from it.
        assert_eq!(
            speakers_of("The Home Secretary spoke.\n\n“It works,” the Secretary said."),
            [Vec::<String>::new(), vec![]]
        );
    }

    #[test]
    fn an_ampersand_joins_an_organizations_name() {
        assert_eq!(
            speakers_of("Marks & Spencer said sales rose."),
            [names(&["Marks & Spencer"])]
        );
        // A name with an ampersand is an organization, never a person's.
        assert_eq!(
            speakers_of("Ruiz & Berg said sales rose."),
            [names(&["Ruiz & Berg"])]
        );
    }

    #[test]
    fn according_to_an_organization_named_with_the() {
        assert_eq!(
            speakers_of("Prices will rise, according to the Bank of Eastwick."),
            [names(&["Bank of Eastwick"])]
        );
        // Not a source: a possessor, or no name.
        assert_eq!(
            speakers_of("Prices will rise, according to the plan."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn according_to_a_pronoun_is_the_person_it_stands_for() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz met voters on Monday.\n\nAccording to her, the plan would fail within a year."
            ),
            [vec![], names(&["Ana Ruiz"])]
        );
        assert_eq!(
            speakers_of("Tom Baker, the mayor, disagreed. The plan would work, according to him."),
            [names(&["Tom Baker"])]
        );
        // "her" before a noun is a possessor; "to him" with no "according"
        // is no source.
        assert_eq!(
            speakers_of(
                "Ana Ruiz met voters.\n\nAccording to her report, the plan would cost more.\n\nThe money went to him, according to the records."
            ),
            [Vec::<String>::new(), vec![], vec![]]
        );
    }

    #[test]
    fn pointed_out_is_a_cue_and_pointed_to_is_not() {
        assert_eq!(
            speakers_of("Ana Ruiz, chief executive of Zentrix, pointed out that sales rose."),
            [names(&["Ana Ruiz"])]
        );
        assert_eq!(
            speakers_of("Ana Ruiz pointed to the data on Monday."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_knight_named_by_title_and_given_name_is_the_full_name() {
        assert_eq!(
            speakers_of(
                "Sir Osric Pellow, head of the Vellan Trust, warned of cuts.\n\n\
                 Sir Osric said the fund was empty.\n\n\
                 Dame Ilsa Marrow, its chair, said the trust would appeal.\n\n\
                 Dame Ilsa added: \"We will ask again.\""
            ),
            [
                names(&["Osric Pellow"]),
                names(&["Osric Pellow"]),
                names(&["Ilsa Marrow"]),
                names(&["Ilsa Marrow"])
            ]
        );
    }

    #[test]
    fn a_speaker_named_by_a_given_name_alone_is_the_one_named_in_full() {
        // The full name after the given name, or before it.
        assert_eq!(
            speakers_of(
                "\"The pills were unsafe,\" said Helen, who runs the shop.\n\n\
                 Helen Tallis later closed the shop.\n\n\
                 Our sources say Helen told officers the pills came by post."
            ),
            [
                names(&["Helen Tallis"]),
                Vec::new(),
                names(&["Helen Tallis"])
            ]
        );
        // Two people with that given name, one written as a surname ("Ms
        // Helen"), or a nickname after "the": nobody named in full.
        assert_eq!(
            speakers_of(
                "Helen Tallis and Helen Orrey run the shop.\n\n\
                 Helen said the pills came by post."
            )[1],
            names(&["Helen"])
        );
        assert_eq!(
            speakers_of(
                "Helen Tallis runs the shop.\n\n\
                 Ms Helen, a buyer, said the pills came by post."
            )[1],
            names(&["Helen"])
        );
        assert!(speakers_of(
            "Helen Tallis runs the shop.\n\n\
             The Helen has said the pills came by post."
        )[1]
        .iter()
        .all(|s| s != "Helen Tallis"));
        // A family named by given names: "Tom" is Tom Ebbs only when no
        // other Ebbs could be the next "Ebbs".
        assert_eq!(
            speakers_of(
                "Rona Ebbs and her husband, Tom Ebbs, knocked on doors.\n\n\
                 Tom said the turnout was high."
            )[1],
            names(&["Tom"])
        );
    }

    #[test]
    fn a_surname_that_is_a_title_word_is_the_person_of_that_surname() {
        assert_eq!(
            speakers_of(
                "Anchor Dana King spoke with voters in Alton.\n\n\
                 \"I keep hearing that,\" King said.\n\n\
                 Former premier Olan Major told reporters the deal was bad. \
                 Major said the party would split."
            ),
            [Vec::new(), names(&["Dana King"]), names(&["Olan Major"])]
        );
        // After a determiner the word is the title: no one of that surname.
        assert!(speakers_of(
            "Anchor Dana King spoke with voters in Alton.\n\n\
             The King said the palace would open."
        )[1]
        .iter()
        .all(|s| s != "Dana King"));
    }

    #[test]
    fn mr_and_a_surname_is_not_the_knight_of_that_surname() {
        assert_eq!(
            speakers_of(
                "Sir Osric Pellow said the fund was empty.\n\n\
                 Jon Pellow, the minister, replied that it was not.\n\n\
                 Sir Osric said the minister was wrong.\n\n\
                 Mr Pellow insisted: \"The fund is full.\""
            ),
            [
                names(&["Osric Pellow"]),
                names(&["Jon Pellow"]),
                names(&["Osric Pellow"]),
                names(&["Jon Pellow"])
            ]
        );
    }

    #[test]
    fn a_capitalized_cue_before_a_name_is_no_part_of_it() {
        let speakers = speakers_of(
            "The council met on Monday.\n\n\
             Said Lena Holm: \"We will ask again.\"\n\n\
             The scholar Ado Said wrote that the plan failed.\n\n\
             Said argued that the toll was unfair.",
        );
        assert_eq!(speakers[1], names(&["Lena Holm"]));
        assert_eq!(speakers[2], names(&["Ado Said"]));
        assert_eq!(speakers[3], names(&["Ado Said"]));
    }

    #[test]
    fn a_surname_that_is_a_link_word_names_the_person_named_in_full() {
        let speakers = speakers_of(
            "The song was written by radio DJ Tam Read.\n\n\
             \"It is a sad song,\" Read said.\n\n\
             Read more: the charity single and its singers.",
        );
        // The link line is no passage.
        assert_eq!(speakers, [names(&[]), names(&["Tam Read"])]);
        // Without the full name, "Read" names no one.
        assert_eq!(
            speakers_of("\"It is a sad song,\" Read said."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_generational_suffix_is_not_the_surname() {
        assert_eq!(
            speakers_of("Joseph R. Biden Jr. said the plan works."),
            [names(&["Joseph R. Biden"])]
        );
    }

    #[test]
    fn a_nationality_after_a_given_name_is_a_surname() {
        assert_eq!(
            speakers_of(
                "Tom Welsh, who runs the Orley ferry, said the port would reopen.\n\n\
                 “It is safe,” Welsh said.\n\nMr. Welsh said the fares would rise."
            ),
            [
                names(&["Tom Welsh"]),
                names(&["Tom Welsh"]),
                names(&["Tom Welsh"])
            ]
        );
        // Not without the full name: a nationality alone names no one.
        assert_eq!(
            speakers_of("The Welsh said the port would reopen."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn watch_ends_an_organizations_name_but_not_a_page_line() {
        assert_eq!(
            speakers_of("“The email is damning,” said Orley Watch President Ado Brelwick."),
            [names(&["Ado Brelwick"])]
        );
        assert_eq!(
            speakers_of("Orley Rights Watch said the port was unsafe."),
            [names(&["Orley Rights Watch"])]
        );
        assert_eq!(
            speakers_of("Watch the video.\n\nThe harbour reopened on Monday."),
            [Vec::<String>::new(), vec![]]
        );
    }

    #[test]
    fn a_role_opening_the_sentence_is_not_part_of_the_name() {
        assert_eq!(
            speakers_of("Billionaire Ado Brelwick said the plan works."),
            [names(&["Ado Brelwick"])]
        );
        // A word for what someone is, before a name opening with a given
        // name.
        assert_eq!(
            speakers_of("Pensioner Margaret Quorvel, 78, said: \"I can barely pay it now.\""),
            [names(&["Margaret Quorvel"])]
        );
        assert_eq!(
            speakers_of("Teacher Jordan Brelwick said the school would close."),
            [names(&["Jordan Brelwick"])]
        );
        assert_eq!(
            speakers_of("Meteorologist Ian Brelwick warned that a second storm could arrive."),
            [names(&["Ian Brelwick"])]
        );
        // A name of three words keeps its first.
        assert_eq!(
            speakers_of("Ada Mary Brelwick said the harvest failed."),
            [names(&["Ada Mary Brelwick"])]
        );
    }

    #[test]
    fn a_role_or_nationality_is_not_a_speakers_name() {
        assert_eq!(
            speakers_of(
                "Some Labour MPs said the plan fails. The New Zealander said the film was ready."
            ),
            [Vec::<String>::new()]
        );
    }

    // Issue 15, third round: organizations and roles as sources, pronouns
    // bound to the last mention, speakers as written without their roles.

    #[test]
    fn the_bank_is_the_bank_the_article_named() {
        assert_eq!(
            speakers_of(
                "The Bank of Ruritania said prices rose.\n\nExports fell last year, the bank said."
            ),
            [names(&["Bank of Ruritania"]), names(&["Bank of Ruritania"])]
        );
        // No organization named: "the bank" is nobody.
        assert_eq!(
            speakers_of("Exports fell last year, the bank said."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn the_party_is_the_party_the_article_named() {
        assert_eq!(
            speakers_of(
                "The Liberal Party of Ruritania met on Monday.\n\nIn a statement, the party said the vote was unfair."
            ),
            [vec![], names(&["Liberal Party of Ruritania"])]
        );
    }

    #[test]
    fn a_party_speaks_as_an_organization() {
        assert_eq!(
            speakers_of(
                "The bridge plan is doomed, the Free Dems say.\n\nBut the Greens said the plan was sound.\n\nLabour says it will vote against.\n\nGreen leader Ana Ruiz said it was late."
            ),
            [
                names(&["Free Dems"]),
                names(&["Greens"]),
                names(&["Labour"]),
                names(&["Ana Ruiz"])
            ]
        );
        // Without "the", a plural party noun is no party speaking.
        assert_eq!(
            speakers_of("Some Greens say the plan is late."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_possessed_role_before_a_name_between_commas() {
        assert_eq!(
            speakers_of("The firm will cut jobs, her lawyer, Ada Brenner, said."),
            [names(&["Ada Brenner"])]
        );
        assert_eq!(
            speakers_of("Rents will fall, the tenants' long-time adviser, Olek Marsh, said."),
            [names(&["Olek Marsh"])]
        );
    }

    #[test]
    fn two_roles_joined_before_an_inverted_name() {
        assert_eq!(
            speakers_of("Prices will rise, warns former banker and market analyst Tomas Erskin."),
            [names(&["Tomas Erskin"])]
        );
    }

    #[test]
    fn an_appositive_that_names_a_company_makes_its_subject_one() {
        assert_eq!(
            speakers_of("Halvora, a leading Danish insurer, said it did not know its losses."),
            [names(&["Halvora"])]
        );
        // A person's appositive or one naming no kind of organization
        // leaves a single unknown word without a speaker.
        assert_eq!(
            speakers_of("Halvora, who leads the Quiet Council of Advisers, said it was late."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_quote_opening_a_paragraph_with_other_statements_continues_the_last_speaker() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz, the mayor, said the bridge would open. \"We are ready,\" she said.\n\n\"The work is done.\" In other news, Ben Ode, the treasurer, said he would retire at the end of the year."
            ),
            [names(&["Ana Ruiz"]), names(&["Ana Ruiz", "Ben Ode"])]
        );
        // A quote with its own cue right after it is that speaker's.
        assert_eq!(
            speakers_of(
                "Ana Ruiz, the mayor, said the bridge would open. \"We are ready,\" she said.\n\n\"Is the work done?\" Ben Ode asked. He said he would retire."
            ),
            [names(&["Ana Ruiz"]), names(&["Ben Ode"])]
        );
    }

    #[test]
    fn an_appositive_saying_where_the_words_were_said() {
        assert_eq!(
            speakers_of("Ana Ruiz, in a statement, said the bridge was safe."),
            [names(&["Ana Ruiz"])]
        );
        assert_eq!(
            speakers_of("Judge Ben Ode, in his ruling, said: \"The law is plain.\""),
            [names(&["Ben Ode"])]
        );
    }

    #[test]
    fn a_name_after_a_quote_with_a_role_missing_its_closing_comma() {
        assert_eq!(
            speakers_of(
                "\"Prices will fall,\" Ana Ruiz, Delmar's chief executive told the Daily Post."
            ),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn a_representative_speaks_for_the_organization() {
        assert_eq!(
            speakers_of("A spokeswoman for the Department for Bridges said the plan works."),
            [names(&["Department for Bridges"])]
        );
        assert_eq!(
            speakers_of("The launch slipped to May, a Zentrix spokesman said on Monday."),
            [names(&["Zentrix"])]
        );
        // A person is not an organization.
        assert_eq!(
            speakers_of("Ana Ruiz ran.\n\nA spokeswoman for Ana Ruiz said the bridge opens."),
            [Vec::<String>::new(), vec![]]
        );
    }

    #[test]
    fn a_representative_of_an_organization_named_like_a_person() {
        assert_eq!(
            speakers_of("A spokeswoman for Acme Insurance said claims were rising."),
            [names(&["Acme Insurance"])]
        );
        // "Corp" and "Inc" end an organization's name with their dot or without.
        assert_eq!(
            speakers_of("A spokesman for Zentrix Corp said the plant would close."),
            [names(&["Zentrix Corp"])]
        );
        assert_eq!(
            speakers_of("“We will appeal,” a spokeswoman for Harlow Inc said."),
            [names(&["Harlow Inc"])]
        );
        assert_eq!(
            speakers_of(
                "But a spokesperson for the Schools and Colleges Employers’ Association said pay had risen."
            ),
            [names(&["Schools and Colleges Employers’ Association"])]
        );
        // A title makes it a person, who does not speak through a spokesman.
        assert_eq!(
            speakers_of("A spokeswoman for Senator Ana Ruiz said the bridge opens."),
            [Vec::<String>::new()]
        );
    }

    #[test]
    fn a_pronoun_after_a_representative_is_the_representatives() {
        assert_eq!(
            speakers_of(
                "Ana Ruiz, the union's leader, said the offer was poor.\n\nBut a spokesman for Acme Bank said its offer was fair.\n\n“We remain open to talks,” he said."
            ),
            [names(&["Ana Ruiz"]), names(&["Acme Bank"]), names(&["Acme Bank"])]
        );
        // Further on, with no one between, the pronoun has its old reading.
        assert_eq!(
            speakers_of(
                "Ana Ruiz, the union's leader, said the offer was poor.\n\nBut a spokesman for Acme Bank said its offer was fair.\n\nTalks resume in May.\n\n“We remain open to talks,” she said."
            ),
            [names(&["Ana Ruiz"]), names(&["Acme Bank"]), vec![], names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn a_place_named_in_between_is_no_antecedent() {
        assert_eq!(
            speakers_of(
                "Bernie Sanders spoke on Sunday.\n\nPolls give him a big New Hampshire lead.\n\n“We have come a long way,” he told supporters."
            ),
            [Vec::<String>::new(), vec![], names(&["Bernie Sanders"])]
        );
    }

    #[test]
    fn a_pronoun_binds_to_the_last_mention_when_no_subject_fits() {
        assert_eq!(
            speakers_of(
                "The court heard from Ana Ruiz on Monday.\n\n“The bridge is late,” she said."
            ),
            [vec![], names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn the_subject_after_a_conjunction_a_dateline_or_places() {
        let one = |t: &str| speakers_of(t).concat();
        assert_eq!(
            one("Carl Berg spoke first. And Ana Ruiz, for all her doubts, nodded. “It works,” she said."),
            names(&["Ana Ruiz"])
        );
        assert_eq!(
            one("Carl Berg spoke first.\n\nSpeaking in Eastwick, Ruritania, Ana Ruiz backed the plan, calling it “a good start.”"),
            names(&["Ana Ruiz"])
        );
        assert_eq!(
            one("Eastwick (NP) – Ana Ruiz backed the plan on Monday, calling it “a good start.”"),
            names(&["Ana Ruiz"])
        );
    }

    #[test]
    fn a_participle_appositive_keeps_the_subject() {
        assert_eq!(
            speakers_of("Carl Berg spoke first. Ana Ruiz, speaking to reporters on Monday, said the bridge opens."),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn however_between_subject_and_cue() {
        assert_eq!(
            speakers_of("Ana Ruiz however said the bridge opens."),
            [names(&["Ana Ruiz"])]
        );
    }

    #[test]
    fn the_speaker_as_written_has_no_role_words() {
        let (_, found) =
            analyze_text("City engineer Carl Berg said the bridge opens. Mr. Berg said more.");
        let written: Vec<&str> = found
            .statements
            .iter()
            .map(|s| s.speaker_text.as_str())
            .collect();
        assert_eq!(written, ["Carl Berg", "Mr. Berg"]);
    }

    #[test]
    fn one_span_read_through_two_cues_is_one_statement() {
        let (_, found) = analyze_text("Ana Ruiz responded by saying that the bridge opens.");
        assert_eq!(found.statements.len(), 1, "{:?}", found.statements);
    }

    #[test]
    fn an_inverted_speaker_after_an_affiliation_and_a_role() {
        assert_eq!(
            speakers_of("“He needs rest,” said Eastwick Cup team doctor Jo Marsh."),
            [names(&["Jo Marsh"])]
        );
    }

    #[test]
    fn an_organization_speaker_takes_the_fullest_name_the_article_gives() {
        let body = "The Eastwick Academy of Dance runs a contest for children.\n\n\
                    Fewer children take up ballet, the EAD said on Monday.";
        assert_eq!(
            speakers_of(body),
            [vec![], names(&["Eastwick Academy of Dance"])]
        );
    }

    #[test]
    fn an_organization_ended_by_a_portfolio_word_is_the_fullest_name() {
        for full in ["QZR Security", "ZVK Energy"] {
            let short = full.split(' ').next().unwrap_or(full);
            let body = format!(
                "A survey by {full} found that most networks were open.\n\n\
                 {short} said most attacks began with an email."
            );
            assert_eq!(
                speakers_of(&body),
                [names(&[full]), names(&[full])],
                "{full}"
            );
        }
    }

    #[test]
    fn an_organization_does_not_take_a_name_ending_in_its_spokesman() {
        for first in [
            "White House press secretary Jo Earnest spoke on Monday.",
            "Then White House Press Secretary Jo Earnest spoke.",
        ] {
            let body = format!("{first}\n\nThe White House said it opposes the bill.");
            assert_eq!(
                speakers_of(&body),
                [vec![], names(&["White House"])],
                "{first}"
            );
        }
    }

    #[test]
    fn paragraphs_of_one_quote_joined_in_a_passage_keep_their_speaker() {
        let body = "\"We build first. \"Then we sell,\" said Jane Roe, the head of Acme. \
                    \"It works,\" she added.";
        let (_, found) = analyze_text(body);
        let speakers: Vec<&str> = found
            .statements
            .iter()
            .map(|s| s.speaker.as_str())
            .collect();
        assert!(speakers.len() >= 2, "{speakers:?}");
        assert!(speakers.iter().all(|s| *s == "Jane Roe"), "{speakers:?}");
    }
}
