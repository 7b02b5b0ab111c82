//! A small coreference step: who "he", "she" and "the Ukrainian leader"
//! refer to.
//!
//! The discourse keeps, in reading order, the people who were recently
//! the subject of a sentence or the speaker of a statement (the salient
//! ones), and when each named person was last mentioned at all. A pronoun
//! goes to the most recent salient person whose known gender does not
//! contradict it; a definite role goes to the most recently mentioned
//! person whose titles fit it ("leader" fits a president or prime
//! minister, "Ukrainian" fits "Ukraine’s"), else to the most recent
//! salient person.

use super::names::{is_demonym, is_title_word, Gender, NameBook};
use super::speakers::is_age_noun;

/// A resolved speaker: a person of the article's [`NameBook`], or a name
/// kept as written (an organization, or a person named by surname only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Person(usize),
    Named { name: String, organization: bool },
}

impl Speaker {
    pub fn canonical<'b>(&'b self, book: &'b NameBook) -> &'b str {
        match self {
            Speaker::Person(id) => book.people[*id].name(),
            Speaker::Named { name, .. } => name,
        }
    }
}

/// Role heads that fit other titles.
const ROLE_SYNONYMS: &[&[&str]] = &[
    &[
        "leader",
        "president",
        "premier",
        "prime",
        "chancellor",
        "king",
        "queen",
        "head",
    ],
    &["senator", "sen."],
    &["governor", "gov.", "gov"],
    &[
        "congressman",
        "congresswoman",
        "representative",
        "rep.",
        "lawmaker",
    ],
    &["spokesman", "spokeswoman", "spokesperson"],
    &["adviser", "advisor", "aide"],
    &["candidate", "nominee"],
];

/// The salient speakers remembered: a pronoun never reaches further back
/// than this many other people, and a long article with thousands of
/// speakers does not search them all for every sentence.
const MAX_SALIENT: usize = 64;

/// What the discourse remembers while an article is read.
#[derive(Debug, Default)]
pub struct Discourse {
    /// Salient speakers and subjects, oldest first, with their position.
    salient: Vec<(Speaker, u64)>,
    /// Per person of the name book: position of the last mention.
    last_mention: Vec<u64>,
    /// Organizations the article named, with their last mention, for "the
    /// bank said".
    organizations: Vec<(String, u64)>,
    /// The organization whose unnamed representative spoke last ("a
    /// spokesman for Acme said"), and where: a "he" after it is the
    /// representative's.
    representative: Option<(String, u64)>,
}

impl Discourse {
    pub fn new(people: usize) -> Self {
        Discourse {
            salient: Vec::new(),
            last_mention: vec![0; people],
            organizations: Vec::new(),
            representative: None,
        }
    }

    /// Notes that organization `name` spoke at `at` through an unnamed
    /// representative ("a spokeswoman for Acme said").
    pub fn representative_spoke(&mut self, name: &str, at: u64) {
        self.representative = Some((name.to_string(), at));
    }

    /// Notes that organization `name` was mentioned at `at`.
    pub fn organization_mentioned(&mut self, name: &str, at: u64) {
        if let Some(o) = self.organizations.iter_mut().find(|o| o.0 == name) {
            o.1 = at;
        } else if self.organizations.len() < super::names::MAX_ORGANIZATIONS {
            self.organizations.push((name.to_string(), at));
        }
    }

    /// The organization "the bank", "the party" or "the company" (the
    /// lower-case head) refers to: the most recently mentioned one whose
    /// name has that word ("the company" is not any company: `None` when
    /// no name has the word). "The company" and "the firm" fall back to
    /// the most recent company named without the word ("France Telecom")
    /// in this passage (position `now`) or the one before,
    /// [`names::is_company_name`](super::names::is_company_name).
    pub fn organization(&self, head: &str, now: u64) -> Option<Speaker> {
        let has_head = |name: &str| {
            name.split(' ').any(|w| {
                let w = w.to_lowercase();
                w == head || w.strip_suffix('s') == Some(head)
            })
        };
        // "France Telecom … the firm said": a company named without the
        // word, when no name has it.
        let generic = matches!(head, "company" | "firm");
        // Only a company named in this passage or the one before: further
        // back, "the company" is as likely one the article never named.
        let since = (now >> 20).saturating_sub(1) << 20;
        let near_company = |name: &str, at: u64| at >= since && super::names::is_company_name(name);
        let named = |f: &dyn Fn(&str, u64) -> bool| {
            self.organizations
                .iter()
                .filter(|(name, at)| f(name, *at))
                .max_by_key(|(_, at)| *at)
                .map(|(name, _)| Speaker::Named {
                    name: name.clone(),
                    organization: true,
                })
        };
        named(&|name, _| has_head(name)).or_else(|| generic.then(|| named(&near_company)).flatten())
    }

    pub fn mentioned(&mut self, person: usize, at: u64) {
        if let Some(m) = self.last_mention.get_mut(person) {
            *m = at;
        }
    }

    /// Whether the article named a person of its name book before
    /// position `before`.
    pub fn anyone_mentioned(&self, before: u64) -> bool {
        self.last_mention.iter().any(|&m| m > 0 && m < before)
    }

    pub fn last_mention(&self, person: usize) -> u64 {
        self.last_mention.get(person).copied().unwrap_or(0)
    }

    /// Records `speaker` as salient at position `at`.
    pub fn salient(&mut self, speaker: Speaker, at: u64) {
        if let Speaker::Person(id) = speaker {
            self.mentioned(id, at);
        }
        if let Some(i) = self.salient.iter().position(|(s, _)| *s == speaker) {
            self.salient.remove(i);
        } else if self.salient.len() >= MAX_SALIENT {
            self.salient.remove(0);
        }
        self.salient.push((speaker, at));
    }

    /// The person "he" (`Male`) or "she" (`Female`) refers to: the most
    /// recent salient person whose gender fits, else the one person of the
    /// book mentioned since `since` whose known gender fits (an antecedent
    /// that was never a subject: "Critics cited Grassley. “…,” he said.").
    ///
    /// An organization that spoke through an unnamed representative, in
    /// this paragraph or the one before, is the antecedent of the
    /// representative's pronoun.
    ///
    /// Otherwise only a person is an antecedent: someone the article names in full,
    /// or a single name it gives as a person's ([`NameBook::is_titled`]:
    /// "Mr. Lind", "Lind, who…"). A name kept as written that the article never gives as a
    /// person's ("Paris said", "EgyptAir said") may be a place or a
    /// company, so a pronoun after it has no safe antecedent: `None`.
    ///
    /// A person named in a later paragraph than the salient one was last
    /// named in, before the pronoun's sentence (`now`), is nearer: "Inslee said …" / "A
    /// reporter asked Lind, “…?”" / "“…,” she replied." is Lind. Only
    /// when one such person fits.
    pub fn pronoun(
        &self,
        book: &NameBook,
        gender: Gender,
        since: u64,
        now: u64,
    ) -> Option<Speaker> {
        let fits = |id: usize| book.gender_for_pronouns(id).is_none_or(|g| g == gender);
        let nearer_than = |salient: &Speaker, at: u64| {
            let last_seen = match salient {
                Speaker::Person(id) => at.max(self.last_mention(*id)),
                Speaker::Named { .. } => at,
            };
            let paragraph = last_seen >> 20;
            let mut nearer = (0..book.people.len()).filter(|&id| {
                let m = self.last_mention(id);
                m >= since.max(1)
                    && m < now
                    && m >> 20 > paragraph
                    && fits(id)
                    && *salient != Speaker::Person(id)
            });
            match (nearer.next(), nearer.next()) {
                (Some(id), None) => Some(Speaker::Person(id)),
                _ => None,
            }
        };
        for (s, at) in self.salient.iter().rev() {
            let found = match s {
                Speaker::Person(id) if fits(*id) => s,
                Speaker::Person(_) => continue,
                // "A spokesman for Acme said …" / "“…,” he said.": the
                // representative, who speaks for Acme, not someone before.
                Speaker::Named {
                    organization: true,
                    name,
                } => match &self.representative {
                    Some((org, spoke))
                        if org == name
                            && spoke >> 20 == at >> 20
                            && (spoke >> 20) + 1 >= now >> 20 =>
                    {
                        return Some(s.clone())
                    }
                    _ => continue,
                },
                Speaker::Named { name, .. } if book.is_titled(name) => s,
                // Skipping it would reach someone earlier who did not say it.
                Speaker::Named { .. } => return None,
            };
            return nearer_than(found, *at).or_else(|| Some(found.clone()));
        }
        // Safe only when one person fits, mentioned since `since`.
        let mut recent =
            (0..book.people.len()).filter(|&id| self.last_mention(id) >= since.max(1) && fits(id));
        match (recent.next(), recent.next()) {
            (Some(id), None) => Some(Speaker::Person(id)),
            _ => None,
        }
    }

    /// The person a definite role ("the Ukrainian leader", lower-case
    /// words, head last) refers to: the most recently mentioned person
    /// whose titles fit it, else, for an office that articles use to name
    /// the person they just spoke of ("Jo Lind has attacked the ruling. The
    /// foreign secretary said …"), the last salient person when no one
    /// named so far holds that office and they hold none
    /// ([`Self::office_holder`]).
    pub fn role(&self, book: &NameBook, words: &[String], now: u64) -> Option<Speaker> {
        let (head, modifiers) = words.split_last()?;
        if is_age_noun(head) {
            return self.by_age(book, head, now);
        }
        let heads = role_heads(head);
        // "vice president" does not fit "the president"; "the foreign
        // secretary" is not the home secretary: when both name a portfolio
        // right before the head, it is the same one.
        let portfolio = modifiers
            .last()
            .filter(|m| PORTFOLIOS.contains(&m.as_str()));
        let fits_head = |context: &[String]| {
            context.iter().enumerate().any(|(k, c)| {
                let other = (k > 0).then(|| context[k - 1].as_str());
                (c == head || heads.contains(&c.as_str()))
                    && other != Some("vice")
                    && match (portfolio, other) {
                        (Some(m), Some(o)) => o == m.as_str() || !PORTFOLIOS.contains(&o),
                        _ => true,
                    }
            })
        };
        let stem = |w: &str| w.chars().take(5).collect::<String>();
        // Words that tell people apart ("Ukrainian", "Indiana"), unlike
        // "former" or "presidential": one of them must fit.
        let distinctive: Vec<&String> = modifiers
            .iter()
            .filter(|m| is_demonym(m) || !is_title_word(m))
            .collect();
        book.people
            .iter()
            .enumerate()
            .filter(|(id, p)| self.last_mention(*id) > 0 && fits_head(&p.context))
            .map(|(id, p)| {
                let fitting = distinctive
                    .iter()
                    .filter(|m| p.context.iter().any(|c| stem(c) == stem(m)))
                    .count();
                (fitting, self.last_mention(id), id)
            })
            .filter(|(fitting, _, _)| distinctive.is_empty() || *fitting > 0)
            .max()
            .map(|(_, _, id)| Speaker::Person(id))
            .or_else(|| self.office_holder(book, head, now))
    }

    /// "The 31-year-old said" (`head`): the person the article gave that
    /// age ("Jo Smith, 31," or "31-year-old Jo Smith"), the latest
    /// mentioned. When the article gives ages but not this one, nobody.
    /// When it gives none, the person the article just spoke of: the last
    /// salient one, named in this paragraph or the one before, the only
    /// one of their surname, and named last (after "the prosecutor said
    /// Reed had taken the cash" the age could be either's: nobody).
    fn by_age(&self, book: &NameBook, head: &str, now: u64) -> Option<Speaker> {
        let mentioned = |id: usize| self.last_mention(id) > 0;
        let of_age = (0..book.people.len())
            .filter(|&id| mentioned(id) && book.people[id].context.iter().any(|c| c == head))
            .max_by_key(|&id| self.last_mention(id));
        if let Some(id) = of_age {
            return Some(Speaker::Person(id));
        }
        let ages_given = book
            .people
            .iter()
            .any(|p| p.context.iter().any(|c| is_age_noun(c)));
        if ages_given {
            return None;
        }
        let (last, at) = self.salient.last()?;
        let Speaker::Person(id) = last else {
            return None;
        };
        let named_after = (0..book.people.len())
            .any(|other| other != *id && self.last_mention(other) > self.last_mention(*id));
        if named_after {
            return None;
        }
        let recent = (*at >> 20) + 1 >= now >> 20;
        let alone = book
            .people_with_surname(&book.people[*id].surname_key)
            .len()
            == 1;
        (recent && alone).then(|| last.clone())
    }

    /// "The foreign secretary said" after "Jo Lind has attacked the
    /// ruling": an office (`head`) no one named so far is given, read as
    /// the person the article just spoke of. Only the last salient person,
    /// named in this paragraph or the one before, who holds no title of
    /// their own, and only for an office, not for a role that is someone
    /// else's by nature (a spokesman, a lawyer, an official).
    fn office_holder(&self, book: &NameBook, head: &str, now: u64) -> Option<Speaker> {
        if !OFFICES.contains(&head) {
            return None;
        }
        let (last, at) = self.salient.last()?;
        let Speaker::Person(id) = last else {
            return None;
        };
        let paragraph = |at: u64| at >> 20;
        let recent = paragraph(*at) + 1 >= paragraph(now);
        let person = &book.people[*id];
        let untitled = person
            .context
            .iter()
            .all(|c| !is_title_word(c) || HONORIFICS.contains(&c.as_str()));
        // "Jeb Bush … the former president": with two people of one
        // surname, the other may be the one who holds it.
        let alone = book.people_with_surname(&person.surname_key).len() == 1;
        (recent && untitled && alone).then(|| last.clone())
    }
}

/// The portfolios that tell a minister or secretary from another ("the
/// foreign secretary" is not the home secretary).
const PORTFOLIOS: &[&str] = &[
    "foreign",
    "home",
    "defence",
    "defense",
    "health",
    "education",
    "finance",
    "interior",
    "justice",
    "trade",
    "transport",
    "environment",
    "energy",
    "labor",
    "labour",
    "agriculture",
    "economy",
    "treasury",
];

/// Offices an article calls the person it named before ("the
/// chancellor", "the foreign secretary").
const OFFICES: &[&str] = &[
    "secretary",
    "minister",
    "chancellor",
    "president",
    "premier",
    "senator",
    "governor",
    "mayor",
    "congressman",
    "congresswoman",
    "chairman",
    "chairwoman",
];

/// Titles that say who a person is, not what office they hold.
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr."];

/// The role heads that fit `head` ("leader" fits "president").
fn role_heads(head: &str) -> &'static [&'static str] {
    ROLE_SYNONYMS
        .iter()
        .find(|group| group.contains(&head))
        .copied()
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn he_skips_an_event_named_after_the_speaker() {
        let (_, found) = super::super::tests::analyze_text(
            "Jumper out until 2026\n\n\
             Her coach Al Moore told the paper: \"We are not looking at this year.\" \
             Moore said he is confident she can come back, though it is unclear if \
             that will be in time for the Commonwealth Games in Melbourne. \"It has \
             been a frustrating time for her,\" he added.",
        );
        let speakers: Vec<&str> = found
            .statements
            .iter()
            .map(|s| s.speaker.as_str())
            .collect();
        assert!(!speakers.is_empty());
        assert!(speakers.iter().all(|s| *s == "Al Moore"), "{speakers:?}");
    }

    #[test]
    fn the_n_year_old_is_the_person_of_that_age() {
        let speakers = |text: &str| -> Vec<Vec<String>> {
            super::super::tests::analyze_text(text)
                .0
                .into_iter()
                .map(|p| p.speakers)
                .collect()
        };
        // The defendant's age given: the prosecutor's words do not make
        // the age noun hers.
        let found = speakers(
            "Trial opens\n\n\
             Tom Reed, 24, denies theft.\n\n\
             Prosecutor Ann Lee said Reed had taken the cash.\n\n\
             The 24-year-old told the court that he had been at home.",
        );
        assert_eq!(found[3], vec!["Tom Reed".to_string()], "{found:?}");
        // No age given and two people just named: nobody.
        let found = speakers(
            "Trial opens\n\n\
             Tom Reed denies theft.\n\n\
             Prosecutor Ann Lee said Reed had taken the cash.\n\n\
             The 24-year-old told the court that he had been at home.",
        );
        assert_eq!(found[3], Vec::<String>::new(), "{found:?}");
        // Others named before the person just spoken of: still theirs.
        let found = speakers(
            "Sprinter stays on\n\n\
             Dan Berg has decided not to retire. \"I still have the hunger,\" Berg told \
             the radio.\n\n\
             Berg and team-mates Al Moore and Ed Fox won gold. Berg's triumph made up for \
             his season. The 31-year-old said during the Games that an injury had slowed him.",
        );
        assert_eq!(found[2], vec!["Dan Berg".to_string()], "{found:?}");
    }

    #[test]
    fn the_n_year_old_is_the_person_just_spoken_of() {
        let (passages, _) = super::super::tests::analyze_text(
            "Sprinter stays on\n\n\
             Dan Berg has decided not to retire. \"I still have the hunger,\" Berg told \
             the radio.\n\n\
             The 31-year-old, who won silver in 2000, said during the Games that an \
             injury had slowed him.",
        );
        let speakers: Vec<Vec<String>> = passages.into_iter().map(|p| p.speakers).collect();
        assert_eq!(
            speakers,
            vec![
                Vec::<String>::new(),
                vec!["Dan Berg".to_string()],
                vec!["Dan Berg".to_string()],
            ]
        );
        // Only a number of years makes the noun.
        assert!(is_age_noun("31-year-old"));
        assert!(!is_age_noun("year-old"));
        assert!(!is_age_noun("31-year-olds"));
    }

    fn book_with(names: &[(&str, &[&str])]) -> NameBook {
        let mut book = NameBook::default();
        for (name, context) in names {
            let words: Vec<String> = name.split(' ').map(str::to_string).collect();
            let context: Vec<String> = context.iter().map(|c| c.to_string()).collect();
            book.learn(&words, &context);
        }
        book
    }

    #[test]
    fn pronoun_takes_the_latest_salient_person_of_fitting_gender() {
        let book = book_with(&[("Ann Hart", &["mrs."]), ("Bo Lind", &[])]);
        let mut d = Discourse::new(2);
        d.salient(Speaker::Person(0), 1);
        d.salient(Speaker::Person(1), 2);
        assert_eq!(
            d.pronoun(&book, Gender::Male, 0, u64::MAX),
            Some(Speaker::Person(1))
        );
        assert_eq!(
            d.pronoun(&book, Gender::Female, 0, u64::MAX),
            Some(Speaker::Person(1))
        );
        let book = book_with(&[("Ann Hart", &["mrs."]), ("Bo Lind", &["mr."])]);
        assert_eq!(
            d.pronoun(&book, Gender::Female, 0, u64::MAX),
            Some(Speaker::Person(0))
        );
    }

    #[test]
    fn a_given_name_decides_only_when_the_article_gives_no_gender() {
        let mut d = Discourse::new(2);
        d.salient(Speaker::Person(0), 1);
        d.salient(Speaker::Person(1), 2);
        let book = book_with(&[("Karen Stobb", &[]), ("Donald Prell", &[])]);
        assert_eq!(
            d.pronoun(&book, Gender::Female, 0, u64::MAX),
            Some(Speaker::Person(0))
        );
        assert_eq!(
            d.pronoun(&book, Gender::Male, 0, u64::MAX),
            Some(Speaker::Person(1))
        );
        // Two people of one surname: "Prell said" may have been either.
        let book = book_with(&[("Karen Prell", &[]), ("Donald Prell", &[])]);
        assert_eq!(
            d.pronoun(&book, Gender::Female, 0, u64::MAX),
            Some(Speaker::Person(1))
        );
        // "Donald" with a woman's title is a woman.
        let book = book_with(&[("Karen Stobb", &[]), ("Donald Prell", &["mrs."])]);
        assert_eq!(
            d.pronoun(&book, Gender::Female, 0, u64::MAX),
            Some(Speaker::Person(1))
        );
    }

    #[test]
    fn a_pronoun_binds_to_a_single_name_only_when_written_as_a_person() {
        let named = |name: &str| Speaker::Named {
            name: name.to_string(),
            organization: false,
        };
        let mut book = book_with(&[("Ann Hart", &[])]);
        let mut d = Discourse::new(1);
        d.salient(Speaker::Person(0), 1);
        d.salient(named("Lind"), 2);
        assert_eq!(d.pronoun(&book, Gender::Male, 0, u64::MAX), None);
        book.note_titled(&["Lind"]);
        assert_eq!(
            d.pronoun(&book, Gender::Male, 0, u64::MAX),
            Some(named("Lind"))
        );
    }

    #[test]
    fn a_person_named_in_a_later_paragraph_is_nearer_than_the_last_speaker() {
        let book = book_with(&[("Ann Hart", &[]), ("Bo Lind", &[]), ("Cy Moe", &[])]);
        let paragraph = |n: u64| n << 20;
        let mut d = Discourse::new(3);
        d.salient(Speaker::Person(0), paragraph(1) + 5);
        d.mentioned(1, paragraph(2) + 8);
        let since = paragraph(2);
        let now = paragraph(3);
        assert_eq!(
            d.pronoun(&book, Gender::Female, since, now),
            Some(Speaker::Person(1))
        );
        // Named in the same paragraph as the speaker: an object, not nearer.
        let mut d = Discourse::new(3);
        d.salient(Speaker::Person(0), paragraph(2) + 5);
        d.mentioned(1, paragraph(2) + 8);
        assert_eq!(
            d.pronoun(&book, Gender::Female, since, now),
            Some(Speaker::Person(0))
        );
        // Two people named since: no telling which; the speaker stays.
        let mut d = Discourse::new(3);
        d.salient(Speaker::Person(0), paragraph(1) + 5);
        d.mentioned(1, paragraph(2) + 8);
        d.mentioned(2, paragraph(2) + 9);
        assert_eq!(
            d.pronoun(&book, Gender::Female, since, now),
            Some(Speaker::Person(0))
        );
        // The speaker named again in that paragraph is as near.
        let mut d = Discourse::new(3);
        d.salient(Speaker::Person(0), paragraph(1) + 5);
        d.mentioned(0, paragraph(2) + 2);
        d.mentioned(1, paragraph(2) + 8);
        assert_eq!(
            d.pronoun(&book, Gender::Female, since, now),
            Some(Speaker::Person(0))
        );
        // Named in the pronoun's own sentence: after it, perhaps.
        let mut d = Discourse::new(3);
        d.salient(Speaker::Person(0), paragraph(1) + 5);
        d.mentioned(1, now + 8);
        assert_eq!(
            d.pronoun(&book, Gender::Female, since, now),
            Some(Speaker::Person(0))
        );
    }

    #[test]
    fn a_pronoun_reaches_back_over_a_bounded_number_of_people() {
        let mut names: Vec<(String, &[&str])> = vec![("Ann Hart".into(), &["mrs."])];
        for i in 0..MAX_SALIENT {
            // Letters that never double up (keys merge doubled letters).
            let suffix: String = [b'a' + (i / 8) as u8, b'k' + (i % 8) as u8]
                .map(char::from)
                .iter()
                .collect();
            names.push((format!("Bo Lor{suffix}"), &["mr."]));
        }
        let names: Vec<(&str, &[&str])> = names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        let book = book_with(&names);
        assert_eq!(book.people.len(), names.len());
        let mut d = Discourse::new(names.len());
        for id in 0..names.len() - 1 {
            d.salient(Speaker::Person(id), id as u64 + 1);
        }
        // No mention is recent enough for the fallback to the last
        // mentioned person: only the salient list answers.
        assert_eq!(
            d.pronoun(&book, Gender::Female, u64::MAX, u64::MAX),
            Some(Speaker::Person(0))
        );
        d.salient(Speaker::Person(names.len() - 1), 1000);
        assert_eq!(d.pronoun(&book, Gender::Female, u64::MAX, u64::MAX), None);
    }

    #[test]
    fn role_goes_to_the_person_whose_titles_fit() {
        let book = book_with(&[
            ("Ivan Sokol", &["ruritania’s", "president"]),
            ("Olga Dam", &["ruritanian", "foreign", "minister"]),
        ]);
        let mut d = Discourse::new(2);
        d.mentioned(0, 1);
        d.mentioned(1, 2);
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            d.role(&book, &words("ruritanian leader"), 3),
            Some(Speaker::Person(0))
        );
        assert_eq!(
            d.role(&book, &words("minister"), 3),
            Some(Speaker::Person(1))
        );
        let book = book_with(&[("Ann Lee", &["vice", "president"])]);
        assert_eq!(d.role(&book, &words("president"), 3), None);
    }

    #[test]
    fn a_role_with_a_portfolio_fits_only_that_portfolio() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let book = book_with(&[
            ("Jo Lind", &["foreign", "secretary"]),
            ("Cy Moe", &["new", "home", "secretary"]),
        ]);
        let mut d = Discourse::new(2);
        d.mentioned(0, 1);
        d.mentioned(1, 2);
        assert_eq!(
            d.role(&book, &words("foreign secretary"), 3),
            Some(Speaker::Person(0))
        );
        assert_eq!(
            d.role(&book, &words("home secretary"), 3),
            Some(Speaker::Person(1))
        );
        assert_eq!(
            d.role(&book, &words("secretary"), 3),
            Some(Speaker::Person(1))
        );
    }

    #[test]
    fn an_office_no_one_holds_is_the_untitled_person_just_spoken_of() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let paragraph = |n: u64| n << 20;
        let book = book_with(&[("Jo Lind", &[]), ("Cy Moe", &["home", "secretary"])]);
        let mut d = Discourse::new(2);
        d.salient(Speaker::Person(0), paragraph(1) + 2);
        d.mentioned(1, paragraph(2) + 9);
        // Cy Moe holds another portfolio: the foreign secretary is Lind.
        assert_eq!(
            d.role(&book, &words("foreign secretary"), paragraph(2)),
            Some(Speaker::Person(0))
        );
        // Not a role that is someone else's by nature.
        assert_eq!(d.role(&book, &words("spokesman"), paragraph(2)), None);
        // Not two paragraphs later.
        assert_eq!(
            d.role(&book, &words("foreign secretary"), paragraph(3)),
            None
        );
        // Not when another person has the same surname.
        let book = book_with(&[("Jo Lind", &[]), ("Al Lind", &[])]);
        assert_eq!(
            d.role(&book, &words("foreign secretary"), paragraph(2)),
            None
        );
        // Not a person who holds a title of their own.
        let book = book_with(&[
            ("Jo Lind", &["director"]),
            ("Cy Moe", &["home", "secretary"]),
        ]);
        assert_eq!(
            d.role(&book, &words("foreign secretary"), paragraph(2)),
            None
        );
    }
}
