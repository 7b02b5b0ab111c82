//! Finding the speaker phrase of a cue within its sentence.
//!
//! English news writes the speaker in few places: as the subject before
//! the verb (`Witkoff said`, `Witkoff and Ukrainian official Rustem Umerov
//! said`, `Zelenskyy has called`, `The Russian leader last week said`),
//! with an appositive between them (`Yuri Ushakov, a top aide, said`,
//! `Putin’s aide, Yury Ushakov, emphasized`, `Zelenskyy, who …, said`),
//! inverted after the verb when the content comes first (`…,” said
//! Witkoff`), or after "according to". This module finds that phrase and
//! says what it is (a name, a pronoun, a definite role like "the senator",
//! or the subject of the clause for participles and conjoined verbs);
//! [`super::coref`] decides who it refers to.

use super::cues;
use super::names::{self, can_be_in_name, is_demonym, is_particle, is_title_word};
use super::quotes::Quote;
use super::tokens::{is_capitalized, strip_possessive, Token};
use crate::calendar::WEEKDAYS;
use std::ops::Range;

/// A speaker phrase, by the tokens it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phrase {
    /// A run of capitalized words ("U.S. Special Envoy Steve Witkoff").
    Name(Range<usize>),
    /// "he" or "she" (token index).
    Pronoun(usize),
    /// A definite role ("the Ukrainian leader", "the bank"): its words,
    /// head last.
    Role(Range<usize>),
    /// A name standing for an organization through its representative ("a
    /// Microsoft spokesman", "a spokeswoman for the Treasury"): a speaker
    /// only when it does not name a person of the article.
    Organization(Range<usize>),
    /// The subject of the clause: a conjoined verb (`… and warned`) or a
    /// participle (`…, adding that`).
    Clause,
}

/// The phrase(s) naming who made a statement, and the tokens written for
/// them (titles included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerPhrase {
    pub phrases: Vec<Phrase>,
    pub written: Range<usize>,
}

/// A tokenized passage and its quotes: what the finders look at.
pub struct Passage<'a> {
    pub text: &'a str,
    /// `text` with its ASCII letters lowered ([`super::tokens::lowered`]),
    /// for [`Passage::with_lower`].
    pub lower: &'a str,
    pub tokens: &'a [Token],
    pub quotes: &'a [Quote],
    /// The article's surnames that are also months or modal verbs, lower
    /// case ("may" once "Theresa May" is named): written alone, they name
    /// the person ("May said").
    pub surnames_too: &'a [String],
    /// What [`name_words`] says of each token: which tokens can be part of
    /// a name run ([`Passage::is_name_word`]), decided once per passage
    /// rather than each time a run is looked for around them.
    pub name_words: &'a [NameWord],
}

/// Whether a token can be part of a name run, as far as the passage alone
/// tells ([`name_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameWord {
    No,
    Yes,
    /// A month or modal written alone ("May"): a name word only once the
    /// article has named someone so ([`Passage::surnames_too`]).
    IfLearnedSurname,
}

/// [`NameWord`] of each token of `tokens` (`out` is cleared first).
pub fn name_words(text: &str, lower: &str, tokens: &[Token], out: &mut Vec<NameWord>) {
    let p = Passage {
        text,
        lower,
        tokens,
        quotes: &[],
        surnames_too: &[],
        name_words: &[],
    };
    out.clear();
    out.extend(tokens.iter().enumerate().map(|(i, t)| {
        // Punctuation, and the words that start with a lower-case letter
        // or a digit (most words): no need to slice them.
        let first = text.as_bytes()[t.start];
        if !t.is_word() || (first.is_ascii() && !first.is_ascii_uppercase()) {
            NameWord::No
        } else {
            p.name_word(i)
        }
    }));
}

impl Passage<'_> {
    #[inline]
    pub fn word(&self, i: usize) -> Option<&str> {
        let t = self.tokens.get(i)?;
        t.is_word().then(|| t.text(self.text))
    }

    /// Calls `f` with word `i` in lower case (`None` for punctuation): an
    /// ASCII word's is its range of [`Self::lower`], neither checked nor
    /// copied again (rules ask it of most words, several times each).
    #[inline]
    pub fn with_lower<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
        let t = self.tokens.get(i).filter(|t| t.is_word())?;
        Some(if t.ascii {
            f(&self.lower[t.start..t.end])
        } else {
            names::with_lower(t.text(self.text), f)
        })
    }

    /// [`names::can_be_in_name`] of word `i`, from what its token and the
    /// lowered passage already say (asked of every capitalized word).
    #[inline]
    pub fn can_be_in_name(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i).filter(|t| t.is_word()) else {
            return false;
        };
        let word = t.text(self.text);
        if t.ascii {
            names::can_be_in_name_lowered(word, &self.lower[t.start..t.end], t.apostrophe)
        } else {
            can_be_in_name(word)
        }
    }

    /// [`Self::with_lower`] of word `i` without its possessive ending
    /// ([`strip_possessive`] of the word as written).
    #[inline]
    pub fn with_lower_stem<R>(&self, i: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
        let t = self.tokens.get(i).filter(|t| t.is_word())?;
        let stem = strip_possessive(t.text(self.text)).0;
        Some(if t.ascii {
            f(&self.lower[t.start..t.start + stem.len()])
        } else {
            names::with_lower(stem, f)
        })
    }

    /// Whether token `i` is one of the lower-case words `options`, in
    /// any case.
    #[inline]
    pub fn lower_is_any(&self, i: usize, options: &[&str]) -> bool {
        self.lower_is(i, options)
    }

    #[inline]
    fn lower_is(&self, i: usize, options: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| options.iter().any(|o| w.eq_ignore_ascii_case(o)))
    }

    #[inline]
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is(c))
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| matches!(t.punct, Some('“' | '”' | '"')))
    }

    pub fn in_quote(&self, i: usize) -> bool {
        self.quotes.iter().any(|q| q.contains(i))
    }

    /// Whether token `i` can be part of a name run.
    #[inline]
    pub fn is_name_word(&self, i: usize) -> bool {
        match self.name_words.get(i) {
            Some(NameWord::Yes) => true,
            Some(NameWord::IfLearnedSurname) => {
                self.word(i).is_some_and(|w| self.is_learned_surname(w))
            }
            Some(NameWord::No) | None => false,
        }
    }

    /// Whether token `i` can be part of a name run, given the article's
    /// [`Self::surnames_too`] or not: the table [`name_words`] makes.
    fn name_word(&self, i: usize) -> NameWord {
        let Some(w) = self.word(i) else {
            return NameWord::No;
        };
        if !is_capitalized(w) {
            return NameWord::No;
        }
        if self.can_be_in_name(i) {
            return NameWord::Yes;
        }
        // A weekday or a month after "on", "in", "since"… is a date,
        // whatever follows it ("On Sunday People Power Party said", "In
        // May Jeremy Corbyn said").
        let previous = i.checked_sub(1).and_then(|k| self.word(k));
        if previous.is_some_and(names::is_date_preposition) {
            return NameWord::No;
        }
        let next = self.word(i + 1);
        if next.is_some_and(|next| names::opens_a_newspaper_name(w, next)) {
            return NameWord::Yes;
        }
        // "May" alone, once the article has named Theresa May, unless a
        // name follows it (then it is the month before that name).
        if !names::is_surname_too(w) {
            NameWord::No
        } else if names::can_be_in_name_after(previous, w) {
            NameWord::Yes
        } else if !next.is_some_and(is_capitalized) || !self.can_be_in_name(i + 1) {
            NameWord::IfLearnedSurname
        } else {
            NameWord::No
        }
    }

    /// Whether `word` is one of [`Self::surnames_too`] ("May" once "Theresa
    /// May" is named).
    pub fn is_learned_surname(&self, word: &str) -> bool {
        let word = strip_possessive(word).0;
        self.surnames_too
            .iter()
            .any(|s| s.eq_ignore_ascii_case(word))
    }

    /// The organization a name run with an ampersand or a plural
    /// possessive inside names, as written ("Marks & Spencer", "Standard &
    /// Poor’s" without the possessive, "Colleges Employers’ Association"):
    /// a person's name never holds one.
    pub fn organization_as_written(&self, run: &Range<usize>) -> Option<String> {
        let inner = run.start..run.end.saturating_sub(1);
        if !run.clone().any(|k| self.is_punct(k, '&'))
            && !inner.clone().any(|k| self.is_lone_apostrophe(k))
        {
            return None;
        }
        let text = &self.text[self.tokens[run.start].start..self.tokens[run.end - 1].end];
        Some(strip_possessive(text).0.to_string())
    }

    /// Whether the organization's name that ends before `end` in a
    /// nationality after "of" goes on with the lower-case plural at `end`
    /// ("Association of British insurers", as some articles write it): a
    /// nationality does not end such a name.
    pub fn plural_after_nationality(&self, end: usize) -> bool {
        let (Some(noun), Some(nationality)) = (
            self.word(end),
            end.checked_sub(1).and_then(|k| self.word(k)),
        ) else {
            return false;
        };
        end >= 2
            && self.lower_is(end - 2, &["of", "for"])
            && !is_capitalized(noun)
            && noun.len() > 3
            && noun.ends_with('s')
            && is_capitalized(nationality)
            && names::with_lower(nationality, is_demonym)
    }

    /// A name run followed by "of"/"for" and another run ("Bank of
    /// Eastwick", "Institute for Fiscal Studies"): the end of the whole.
    pub fn extend_over_of(&self, run: &Range<usize>, hi: usize) -> usize {
        let mut end = run.end;
        while self.lower_is(end, &["of", "for"]) {
            match self.name_run_starting_at(end + 1, hi) {
                Some(more) => end = more.end,
                None => break,
            }
        }
        end
    }

    /// A name run preceded by "and" and another run that together name one
    /// organization ("Customs and Border Protection", "Department of
    /// Health and Human Services", "University and College Union"): the
    /// start of the whole. Two names joined by "and" stay two when either
    /// is a person's, or when neither side holds an organization word and
    /// no "Department of"/"Office of" heads them.
    pub fn extend_back_over_and(&self, lo: usize, run: &Range<usize>) -> usize {
        let mut start = run.start;
        while start >= lo + 2 && self.lower_is(start - 1, &["and"]) {
            let Some(left) = self.name_run_ending_at(lo, start - 2) else {
                break;
            };
            let words = |r: Range<usize>| -> Vec<&str> {
                r.filter_map(|k| self.word(k))
                    .map(|w| strip_possessive(w).0)
                    .collect()
            };
            let (left_words, right_words) = (words(left.clone()), words(start..run.end));
            let person = |w: &[&str]| {
                matches!(
                    super::names::parse(w).map(|n| n.kind),
                    Some(super::names::NameKind::Person(_))
                )
            };
            let org_word = |w: &[&str]| {
                w.iter()
                    .any(|w| super::names::with_lower(w, super::names::is_org_word))
            };
            // "Department of Roads and …", "Institute for Science and
            // International Security": the topics of an organization
            // named before "of"/"for".
            let headed_by_of = left.start >= lo + 2
                && (self.lower_is(left.start - 1, &["of"])
                    && self.word(left.start - 2).is_some_and(|w| {
                        matches!(w, "Department" | "Office" | "Bureau" | "Ministry")
                    })
                    || self.lower_is(left.start - 1, &["for"])
                        && self.word(left.start - 2).is_some_and(|w| {
                            is_capitalized(w)
                                && super::names::with_lower(w, super::names::is_org_word)
                        }));
            // A plural noun before "and" and a name ending in an
            // organization word ("Growers and Millers Union"); the heads of
            // "Department of" take any topic ("of Roads and Rural Services").
            let headed_by_org_word = right_words.len() >= 2
                && right_words
                    .last()
                    .is_some_and(|w| super::names::with_lower(w, super::names::is_org_word));
            let plural_topic = left_words.len() == 1
                && left_words[0].ends_with('s')
                && (headed_by_org_word || headed_by_of);
            let one_name = (plural_topic || headed_by_of || !person(&left_words))
                && !person(&right_words)
                && (org_word(&left_words) || org_word(&right_words) || headed_by_of);
            if !one_name {
                break;
            }
            start = left.start;
        }
        start
    }

    /// Whether token `k` is an apostrophe standing alone: the end of a
    /// plural possessive ("Employers’").
    fn is_lone_apostrophe(&self, k: usize) -> bool {
        self.is_punct(k, '’') || self.is_punct(k, '\'')
    }

    /// The capitalized run that ends at token `last`, not going below `lo`.
    pub fn name_run_ending_at(&self, lo: usize, last: usize) -> Option<Range<usize>> {
        if !self.is_name_word(last) {
            return None;
        }
        let mut start = last;
        while start > lo {
            let prev = start - 1;
            if self.is_name_word(prev) {
                start = prev;
            } else if prev > lo
                && (self.word(prev).is_some_and(is_particle) || self.is_punct(prev, '&'))
                && self.is_name_word(prev - 1)
            {
                start = prev - 1;
            } else if prev > lo + 1
                && self.word(prev).is_some_and(is_particle)
                && self.word(prev - 1).is_some_and(is_particle)
                && self.is_name_word(prev - 2)
            {
                // Two particles: "Ursula von der Leyen".
                start = prev - 2;
            } else if prev > lo
                && self.is_lone_plural_possessive_of_organization(prev)
                && self.is_name_word(prev - 1)
                && !(prev - 1 > lo
                    && (self.lower_is(prev - 2, &["of", "for"])
                        || self.word(prev - 2).is_some_and(is_particle)))
            {
                // A plural possessive inside an organization's name
                // ("Colleges Employers’ Association"), not an
                // organization's possessor ("Court of Appeals’ Board").
                start = prev - 1;
            } else {
                break;
            }
        }
        Some(start..last + 1)
    }

    /// "Nurses ' Association": an apostrophe standing alone at `k`, after
    /// a plural and before an organization word, is a plural possessive
    /// inside the organization's name (read both ways by
    /// `name_run_ending_at` and `name_run_starting_at`).
    fn is_lone_plural_possessive_of_organization(&self, k: usize) -> bool {
        k > 0
            && self.is_lone_apostrophe(k)
            && self.word(k - 1).is_some_and(|w| w.ends_with('s'))
            && self
                .word(k + 1)
                .is_some_and(|w| super::names::with_lower(w, super::names::is_org_word))
    }

    /// "Growers’ Union": a plural possessive at `k` followed by an
    /// organization word belongs to the organization's name.
    fn is_plural_possessive_of_organization(&self, k: usize) -> bool {
        self.word(k)
            .is_some_and(|w| w.ends_with("s’") || w.ends_with("s'"))
            && self
                .word(k + 1)
                .is_some_and(|w| super::names::with_lower(w, super::names::is_org_word))
    }

    /// Whether the name run `run`, written after "the" and before a
    /// lower-case noun for an organization, is that organization's name
    /// ("the Teamsters union", "the Eastwick Echo newspaper"). Not a place or
    /// a nationality, which describe an organization named before ("the US
    /// firm", "the South Yorkshire company"), nor a compound adjective
    /// ("the Paris-based agency"), a possessor, or the end of an "of the"
    /// phrase ("News of the World newspaper").
    pub fn names_the_organization_before_its_noun(&self, run: &Range<usize>) -> bool {
        let words: Vec<&str> = run.clone().filter_map(|k| self.word(k)).collect();
        let Some(last) = words.last() else {
            return false;
        };
        let after_the = run.start > 0 && self.lower_is_any(run.start - 1, &["the"]);
        let ends_an_of_phrase = run.start > 1 && self.lower_is_any(run.start - 2, &["of"]);
        // "US", "British", "South Korean".
        let nationality =
            names::with_lower(last, |l| names::is_any(l, names::TITLE | names::DEMONYM));
        let describes = strip_possessive(last).1
            || nationality
            || words.iter().any(|w| w.contains('-'))
            || names::is_place(&words);
        after_the && !ends_an_of_phrase && !describes
    }

    /// The capitalized run that starts at token `first`, not reaching `hi`.
    pub fn name_run_starting_at(&self, first: usize, hi: usize) -> Option<Range<usize>> {
        if first >= hi || !self.is_name_word(first) {
            return None;
        }
        let mut end = first + 1;
        while end < hi {
            if self.is_name_word(end)
                && (!strip_possessive(self.word(end - 1)?).1
                    || self.is_plural_possessive_of_organization(end - 1))
            {
                end += 1;
            } else if end + 1 < hi
                && (self.word(end).is_some_and(is_particle) || self.is_punct(end, '&'))
                && self.is_name_word(end + 1)
            {
                end += 2;
            } else if end + 2 < hi
                && self.word(end).is_some_and(is_particle)
                && self.word(end + 1).is_some_and(is_particle)
                && self.is_name_word(end + 2)
            {
                end += 3;
            } else if end + 1 < hi
                && self.is_lone_plural_possessive_of_organization(end)
                && self.is_name_word(end + 1)
            {
                // A plural possessive inside an organization's name, read
                // forwards as `name_run_ending_at` reads it backwards
                // ("said Harbour Nurses’ Association president Ada Lind").
                end += 2;
            } else {
                break;
            }
        }
        Some(first..end)
    }
}

/// Words between a subject and its verb that are skipped: auxiliaries,
/// adverbs, time phrases.
const SKIPPED: &[&str] = &[
    "also",
    "however",
    "has",
    "have",
    "had",
    "would",
    "will",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "is",
    "was",
    "are",
    "were",
    "been",
    "himself",
    "herself",
    "itself",
    "themselves",
    "then",
    "now",
    "just",
    "once",
    "again",
    "later",
    "earlier",
    "first",
    "last",
    "this",
    "week",
    "month",
    "year",
    "weekend",
    "night",
    "morning",
    "afternoon",
    "evening",
    "yesterday",
    "today",
    "tonight",
    "previously",
    "recently",
    "repeatedly",
    "still",
    "never",
    "not",
    "even",
    "already",
    "often",
    "long",
    "too",
    "both",
    "further",
    "separately",
    "reportedly",
    "simply",
    "only",
];

/// Head nouns of a definite role that refers to a person ("the senator").
pub(super) const PERSON_ROLES: &[&str] = &[
    "leader",
    "president",
    "senator",
    "governor",
    "candidate",
    "nominee",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "minister",
    "secretary",
    "chancellor",
    "mayor",
    "congressman",
    "congresswoman",
    "lawmaker",
    "billionaire",
    "businessman",
    "businesswoman",
    "mogul",
    "chairman",
    "chairwoman",
    "director",
    "negotiator",
    "aide",
    "adviser",
    "advisor",
    "ambassador",
    "general",
    "judge",
    "prosecutor",
    "official",
    "author",
    "host",
    "star",
    "actor",
    "actress",
    "singer",
    "dj",
    "economist",
    "professor",
    "analyst",
    "democrat",
    "republican",
    "premier",
    "king",
    "queen",
    "pope",
    "officer",
    "commander",
    "chief",
    "founder",
    "executive",
    "strategist",
    "manager",
    "pollster",
    "veteran",
    "mother",
    "father",
    "widow",
    "woman",
    "man",
];

/// Words that never belong to a speaker's role ("said on Monday that …").
fn is_function_word(lower_word: &str) -> bool {
    matches!(
        lower_word,
        "that"
            | "on"
            | "in"
            | "at"
            | "to"
            | "of"
            | "for"
            | "with"
            | "by"
            | "about"
            | "from"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "there"
            | "this"
            | "those"
            | "these"
            | "his"
            | "her"
            | "their"
            | "its"
            | "and"
            | "or"
            | "but"
            | "as"
            | "was"
            | "is"
            | "were"
            | "are"
            | "has"
            | "had"
            | "have"
            | "a"
            | "an"
            | "when"
            | "after"
            | "before"
            | "late"
            | "last"
            | "earlier"
            | "later"
            | "during"
            | "while"
            | "not"
    )
}

/// A word of [`PERSON_ROLES`] (looked up in [`names::is_any`]'s table).
pub fn is_person_role(lower_word: &str) -> bool {
    names::is_any(lower_word, names::ROLE)
}

/// How many tokens an appositive between commas may span.
const MAX_APPOSITIVE: usize = 24;

/// The speaker written before the cue at `cue` (subject position).
pub fn before(p: &Passage, sentence: &Range<usize>, cue: usize) -> Option<SpeakerPhrase> {
    let lo = sentence.start;
    let mut j = cue.checked_sub(1)?;
    // Skip auxiliaries, adverbs, time phrases and a parenthesis ("(D-Wis.)").
    loop {
        if j < lo {
            return None;
        }
        if p.is_punct(j, ')') {
            j = before_parenthesis(p, lo, j)?;
            continue;
        }
        if is_dash(p, j) {
            j = before_dashes(p, lo, j)?;
            // "officials in Elm County, Vale — where … — announced": the
            // word before the aside may be a preposition's object.
            let object = subject_ending_at(p, lo, j)
                .is_some_and(|found| is_a_prepositions_object(p, lo, &found));
            if object {
                return None;
            }
            continue;
        }
        let Some(w) = p.word(j) else { break };
        // Auxiliaries and adverbs are in lower case: a capitalized word is
        // looked up in no list.
        let lower_case = !is_capitalized(w);
        let skipped = lower_case
            && p.with_lower(j, |lw| {
                SKIPPED.contains(&lw) || (lw.len() > 4 && lw.ends_with("ly"))
            })?;
        if skipped {
            j = j.checked_sub(1)?;
            continue;
        }
        let weekday = || p.with_lower(j, |lw| WEEKDAYS.contains(&lw)) == Some(true);
        if j > lo && p.lower_is(j - 1, &["on"]) && weekday() {
            j = j.checked_sub(2)?;
            continue;
        }
        break;
    }
    if j < lo {
        return None;
    }
    if p.is_punct(j, ',') {
        // "…, do not buy insurance, said a US-based insurance expert.":
        // the speaker follows the cue, unnamed; the words before the
        // comma are what was said, not a subject with its appositive.
        if j + 1 == cue && unnamed_after(p, cue, sentence.end) {
            return None;
        }
        return appositive(p, lo, j);
    }
    let (pronoun, conjunction, who) = p.with_lower(j, |lw| {
        (
            matches!(lw, "he" | "she" | "he's" | "she's" | "he’s" | "she’s"),
            matches!(lw, "and" | "but"),
            lw == "who",
        )
    })?;
    if pronoun {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Pronoun(j)],
            written: j..j + 1,
        });
    }
    if conjunction {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Clause],
            written: j..j,
        });
    }
    if who && j > lo {
        let k = if p.is_punct(j - 1, ',') { j - 2 } else { j - 1 };
        return subject_ending_at(p, lo, k);
    }
    if let Some(found) = town_then_state(p, lo, j) {
        return Some(found);
    }
    role_at_organization_unclosed(p, lo, j)
        .or_else(|| subject_ending_at(p, lo, j))
        .or_else(|| unclosed_appositive(p, lo, j))
}

/// How many words a state or country after a town may have.
const MAX_STATE_WORDS: usize = 3;

/// "Jo Roe of Elm Bay, South Carolina says": a state or country after a
/// town ("of", "from", "in" or "near" a name, then a comma) ending at
/// `last` is the rest of the place, and the subject is the phrase before
/// the town's comma.
fn town_then_state(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    let run = p.name_run_ending_at(lo, last)?;
    let comma = run.start.checked_sub(1)?;
    if run.len() > MAX_STATE_WORDS
        || comma < lo + 2
        || !p.is_punct(comma, ',')
        || strip_possessive(p.word(last)?).1
        || !ends_in_a_named_ones_place(p, lo, comma)
    {
        return None;
    }
    subject_ending_at(p, lo, comma - 1)
}

/// "Jo Roe, economist at Acme Research said", "Jo Roe, a spokeswoman
/// for the Relief Committee told …": a name, then its role at an
/// organization whose closing comma is missing before the cue (common
/// in wire copy). The organization's name ends at `last`; the person,
/// not the organization, is the speaker. The name opens the clause (the
/// sentence's start or right after punctuation).
fn role_at_organization_unclosed(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    const MAX_ROLE_WORDS: usize = 5;
    let organization = p.name_run_ending_at(lo, last)?;
    let mut k = organization.start.checked_sub(1)?;
    if p.lower_is(k, &["the"]) {
        k = k.checked_sub(1)?;
    }
    if k <= lo || !p.lower_is(k, &["of", "at", "for", "with"]) {
        return None;
    }
    // The role: lower-case words (an article, "and" between two roles)
    // back to the comma after the name.
    let role_end = k;
    let mut role_noun = false;
    loop {
        k = k.checked_sub(1).filter(|&k| k > lo)?;
        if p.is_punct(k, ',') {
            break;
        }
        let w = p.word(k)?;
        let plain = w.chars().all(|c| c.is_alphabetic() || c == '-');
        // "president and CEO": a capitalized acronym is a role too.
        let acronym = w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
        if !plain || role_end - k > MAX_ROLE_WORDS || (is_capitalized(w) && !acronym) {
            return None;
        }
        role_noun |=
            acronym || p.with_lower(k, is_role_noun)? || p.with_lower(k, is_role_modifier)?;
    }
    if !role_noun || k + 1 == role_end {
        return None;
    }
    let name = p.name_run_ending_at(lo, k.checked_sub(1)?)?;
    let opens = name.start == lo || p.word(name.start - 1).is_none();
    let words: Vec<&str> = name.clone().filter_map(|i| p.word(i)).collect();
    let person = matches!(
        names::parse(&words).map(|n| n.kind),
        Some(names::NameKind::Person(_))
    );
    if !opens || !person || strip_possessive(p.word(name.end - 1)?).1 {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(name.clone())],
        written: name.start..last + 1,
    })
}

/// The token before the parenthesis that closes at `close` ("Jo Roe
/// (D-Md.)" → "Roe"): what it follows is the phrase it describes.
fn before_parenthesis(p: &Passage, lo: usize, close: usize) -> Option<usize> {
    let open = (lo..close).rev().find(|&k| p.is_punct(k, '('))?;
    open.checked_sub(1).filter(|&k| k >= lo)
}

/// Whether token `k` is a dash: `—`, `–`, or a hyphen standing alone
/// (`Roe - a teacher - says`, `--`).
fn is_dash(p: &Passage, k: usize) -> bool {
    p.tokens
        .get(k)
        .is_some_and(|t| matches!(t.punct, Some('—' | '–' | '-')))
}

/// The token before the aside whose closing dash is at `close` ("Jo Roe
/// — a teacher from Elm Bay — says" → "Roe"): an aside between dashes
/// describes what it follows, as a parenthesis does. `None` when no
/// opening dash comes first within a few words.
fn before_dashes(p: &Passage, lo: usize, close: usize) -> Option<usize> {
    const MAX_ASIDE: usize = 30;
    let mut k = close;
    // "--": two hyphens for one dash.
    while k > lo && is_dash(p, k - 1) {
        k -= 1;
    }
    let open = (lo.max(k.saturating_sub(MAX_ASIDE))..k)
        .rev()
        .find(|&i| is_dash(p, i))?;
    let mut before = open.checked_sub(1)?;
    while before > lo && is_dash(p, before) {
        before -= 1;
    }
    (before >= lo && p.word(before).is_some()).then_some(before)
}

/// `last`, or the token before the parenthesis that ends at `last`.
fn past_parenthesis(p: &Passage, lo: usize, last: usize) -> Option<usize> {
    if p.is_punct(last, ')') {
        before_parenthesis(p, lo, last)
    } else {
        Some(last)
    }
}

/// A party and state tag of American news ("R-Wis", "D-N.Y", "I-Vt"): a
/// party initial, a hyphen and a capitalized state.
fn is_party_tag(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("R" | "D" | "I"))
        && parts
            .next()
            .is_some_and(|state| is_capitalized(state) && state.len() <= 12)
}

/// Whether the cue at `cue` is followed by an unnamed source that ends
/// the sentence: an indefinite article, a few words, a role noun ("said a
/// US-based insurance expert.", "said one senior official."). A name
/// after a comma ("said a spokesman, Jo Lind.") is not unnamed.
fn unnamed_after(p: &Passage, cue: usize, hi: usize) -> bool {
    const MAX_WORDS: usize = 5;
    let first = cue + 1;
    if !p.lower_is(first, &["a", "an", "one", "another"]) {
        return false;
    }
    let mut k = first + 1;
    while k < hi && k <= first + MAX_WORDS {
        let Some(w) = p.word(k) else { break };
        if is_function_word(&w.to_lowercase()) {
            return false;
        }
        k += 1;
    }
    let ends = k >= hi
        || p.tokens[k]
            .punct
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | ';'));
    k > first + 1
        && ends
        && p.word(k - 1)
            .is_some_and(|w| is_role_noun(&w.to_lowercase()))
}

/// "“…,” Ana Ruiz, Acme's chief executive told reporters": the name right
/// after the quotation, then a role whose closing comma is missing. The
/// role (lower-case words after a possessive) ends at `last`.
fn unclosed_appositive(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    let mut k = last;
    let mut possessive = false;
    while k > lo && last - k < 6 {
        let w = p.word(k)?;
        if strip_possessive(w).1 {
            possessive = true;
        } else if is_capitalized(w) || is_function_word(&w.to_lowercase()) {
            return None;
        }
        if p.is_punct(k - 1, ',') {
            break;
        }
        k -= 1;
    }
    if !possessive || k <= lo + 1 || !p.is_punct(k - 1, ',') {
        return None;
    }
    let run = p.name_run_ending_at(lo, k - 2)?;
    let after_quote = run.start > lo
        && p.tokens[run.start - 1]
            .punct
            .is_some_and(|c| matches!(c, '”' | '"'));
    if !after_quote || strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: run,
    })
}

/// The subject noun phrase whose last token is `last`: a name (with a
/// coordinated second name), or a definite role.
fn subject_ending_at(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    if let Some(found) = organization_ending_in_a_plural(p, lo, last) {
        return Some(found);
    }
    if let Some(run) = p.name_run_ending_at(lo, last) {
        let run = p.extend_back_over_and(lo, &run)..run.end;
        // "Trump’s tweets": a possessor, not a subject.
        if strip_possessive(p.word(run.end - 1)?).1 {
            return None;
        }
        if let Some(found) = representative_for(p, lo, &run) {
            return Some(found);
        }
        let Some(run) = head_of_prepositions(p, lo, run.clone()) else {
            return role_before_preposition(p, lo, &run);
        };
        let mut written = run.clone();
        // Titles written in lower case before the name ("Ukrainian official
        // Rustem Umerov", "Kremlin spokesman Dmitry Peskov").
        let mut s = run.start;
        while s > lo {
            let Some(w) = p.word(s - 1) else { break };
            let lw = w.to_lowercase();
            if is_title_word(&lw)
                || is_demonym(&lw)
                || is_person_role(&lw)
                || (is_capitalized(w) && can_be_in_name(w))
            {
                s -= 1;
            } else {
                break;
            }
        }
        if s > lo && p.lower_is(s - 1, &["the"]) {
            s -= 1;
        }
        written.start = s;
        let mut phrases = vec![Phrase::Name(run)];
        // "Witkoff and Umerov said", "Ruiz and city engineer Carl Berg
        // said": a second speaker.
        let mut and = s;
        while and > lo
            && and + 3 > s
            && p.word(and - 1)
                .is_some_and(|w| !is_capitalized(w) && !is_function_word(w))
        {
            and -= 1;
        }
        if and >= lo + 2 && p.lower_is(and - 1, &["and", "&"]) {
            s = and;
        }
        if s >= lo + 2 && p.lower_is(s - 1, &["and", "&"]) {
            // "Jo Roe (D) and Al Finn (R) said": the first name's party
            // tag or aside stands between it and "and".
            let other_last = past_parenthesis(p, lo, s - 2);
            if let Some(other) = other_last.and_then(|last| p.name_run_ending_at(lo, last)) {
                written.start = other.start;
                phrases.insert(0, Phrase::Name(other));
            }
        }
        return Some(SpeakerPhrase { phrases, written });
    }
    role_ending_at(p, lo, last).or_else(|| named_and_others(p, lo, last))
}

/// How many words may follow the determiner of "Roe and her top campaign
/// aides".
const MAX_OTHERS_WORDS: usize = 4;

/// "Roe and her attorneys have said", "Roe and other county officials
/// argue": a name coordinated with a group it leads or belongs to, the
/// group unnamed. The name is the speaker the sentence names; the group
/// ends at `last`.
fn named_and_others(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    if is_capitalized(p.word(last)?) {
        return None;
    }
    let floor = last.saturating_sub(MAX_OTHERS_WORDS).max(lo);
    let det = (floor..last)
        .rev()
        .find(|&k| p.lower_is(k, &["his", "her", "their", "its", "other"]))?;
    let plain = (det + 1..=last).all(|k| {
        p.word(k)
            .is_some_and(|w| !is_function_word(&w.to_lowercase()) && !strip_possessive(w).1)
    });
    if !plain || det < lo + 2 || !p.lower_is(det - 1, &["and"]) {
        return None;
    }
    let run = p.name_run_ending_at(lo, det - 2)?;
    if strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: run.start..last + 1,
    })
}

/// "The Association of British insurers warned": an organization's name
/// whose "of" phrase is a nationality and a lower-case plural
/// ([`Passage::plural_after_nationality`]), the subject whole.
fn organization_ending_in_a_plural(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    if last < lo + 3 || !p.plural_after_nationality(last) {
        return None;
    }
    let run = p.name_run_ending_at(lo, last - 3)?;
    let has_org_word = run
        .clone()
        .filter_map(|k| p.word(k))
        .any(|w| names::with_lower(w, names::is_org_word));
    if !has_org_word {
        return None;
    }
    let start = if run.start > lo && p.lower_is(run.start - 1, &["the"]) {
        run.start - 1
    } else {
        run.start
    };
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Organization(run.start..last + 1)],
        written: start..last + 1,
    })
}

/// "The new health minister for Wales says": a definite role whose
/// prepositional phrase ends in the name `run`; the role is the subject.
fn role_before_preposition(p: &Passage, lo: usize, run: &Range<usize>) -> Option<SpeakerPhrase> {
    let mut b = run.start;
    if b > lo && p.lower_is(b - 1, &["the"]) {
        b -= 1;
    }
    if b < lo + 2 || !p.lower_is(b - 1, &["of", "for", "from", "in"]) {
        return None;
    }
    // A person's role in lower case, not a name's word ("the Union of
    // Bakers") nor a body ("chairman of the board of Acme"). Only one
    // phrase: past "the chief of the Union of Bakers" more went wrong than
    // right.
    let w = p.word(b - 2)?;
    if is_capitalized(w) || !is_person_role(&w.to_lowercase()) {
        return None;
    }
    let mut found = role_ending_at(p, lo, b - 2)?;
    if !matches!(found.phrases.as_slice(), [Phrase::Role(_)]) {
        return None;
    }
    found.written.end = run.end;
    Some(found)
}

/// The head of a name followed by prepositional phrases: "Mr. Morgan of
/// the Sierra Club" → "Mr. Morgan"; "the Commission on Presidential
/// Debates" → all of it (an organization); `None` when the head is not a
/// name ("a spokeswoman for Clinton", "officials at the agency").
fn head_of_prepositions(p: &Passage, lo: usize, run: Range<usize>) -> Option<Range<usize>> {
    let mut head = run.clone();
    loop {
        let mut b = head.start;
        if b > lo && p.lower_is(b - 1, &["the"]) {
            b -= 1;
        }
        if b > lo + 1 && p.lower_is(b - 1, &["of", "at", "for", "from", "with", "on", "in"]) {
            head = p.name_run_ending_at(lo, b - 2)?;
            continue;
        }
        break;
    }
    if head == run {
        return Some(run);
    }
    let words: Vec<&str> = head.clone().filter_map(|k| p.word(k)).collect();
    match super::names::parse(&words).map(|n| n.kind) {
        Some(super::names::NameKind::Person(_)) => Some(head),
        _ => Some(head.start..run.end),
    }
}

/// "31-year-old": news style's noun for a person by their age ("the
/// 31-year-old said"), a definite role like "the senator".
pub fn is_age_noun(lower_word: &str) -> bool {
    lower_word
        .strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Heads of a role that speaks for an organization.
pub fn is_representative(lower_word: &str) -> bool {
    matches!(
        lower_word,
        "spokesman" | "spokeswoman" | "spokesperson" | "representative" | "official"
    )
}

/// Lower-case heads that stand for an organization ("the bank said").
const ORGANIZATION_ROLES: &[&str] = &[
    "company",
    "firm",
    "group",
    "bank",
    "party",
    "ministry",
    "department",
    "government",
    "agency",
    "union",
    "council",
    "committee",
    "commission",
    "association",
    "institute",
    "club",
    "board",
    "insurer",
    "reinsurer",
    "airline",
    "retailer",
    "regulator",
    "watchdog",
    "charity",
    "organisation",
    "organization",
    "body",
    "studio",
    "broadcaster",
    "newspaper",
    "paper",
];

static ORGANIZATION_HEADS: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
    std::sync::LazyLock::new(|| ORGANIZATION_ROLES.iter().copied().collect());

/// Whether a definite role with this head ("the bank") stands for an
/// organization rather than a person.
pub fn is_organization_role(lower_word: &str) -> bool {
    ORGANIZATION_HEADS.contains(lower_word)
}

/// Nouns for an organization that its name comes before ("the Teamsters
/// union", "the Labour party", "the Eastwick Echo newspaper"). Not
/// "company", "firm" or "bank": "the US firm", "the Yorkshire company"
/// describe one named before at least as often as they name it.
pub fn is_noun_after_organization_name(lower_word: &str) -> bool {
    matches!(
        lower_word,
        "union" | "party" | "newspaper" | "paper" | "broadcaster" | "charity"
    )
}

/// Plural or collective names of political parties: a party speaks as an
/// organization ("the Lib Dems say", "the Tories criticised …").
const PARTY_NOUNS: &[&str] = &[
    "democrats",
    "dems",
    "republicans",
    "tories",
    "conservatives",
    "liberals",
    "greens",
    "socialists",
    "nationalists",
    "unionists",
    "labour",
];

/// Whether the name run `run` names a political party speaking as one:
/// a party noun written with "the" ("the Tories", "the Liberal
/// Democrats"), or "Labour", which needs none. "Tory leader Michael
/// Howard" ends in a person's name, so it is not one.
pub fn names_a_party(p: &Passage, run: &Range<usize>) -> bool {
    let Some((party, labour)) = run
        .end
        .checked_sub(1)
        .and_then(|k| p.with_lower(k, |l| (PARTY_NOUNS.contains(&l), l == "labour")))
    else {
        return false;
    };
    if !party {
        return false;
    }
    labour && run.len() == 1 || run.start > 0 && p.lower_is(run.start - 1, &["the"])
}

/// "a spokeswoman for the Department for Transport said", "an official
/// at Acme Bank said": the organization a representative speaks for. The
/// name before the verb is `run`; the organization's name runs back over
/// "of"/"for" ("Department for Transport").
fn representative_for(p: &Passage, lo: usize, run: &Range<usize>) -> Option<SpeakerPhrase> {
    let mut start = run.start;
    loop {
        let mut b = start;
        if b > lo && p.lower_is(b - 1, &["the"]) {
            b -= 1;
        }
        if b > lo + 1 && p.lower_is(b - 1, &["of", "for", "at"]) {
            let prep = b - 1;
            if prep > lo
                && p.word(prep - 1)
                    .is_some_and(|w| is_representative(&w.to_lowercase()))
            {
                let head = prep - 1;
                let article = (head.saturating_sub(3).max(lo)..head)
                    .rev()
                    .find(|&k| p.lower_is(k, &["a", "an", "the"]));
                return article.map(|a| SpeakerPhrase {
                    phrases: vec![Phrase::Organization(start..run.end)],
                    written: a..run.end,
                });
            }
            if p.lower_is(b - 1, &["of", "for"]) {
                if let Some(before) = p.name_run_ending_at(lo, b - 2) {
                    start = before.start;
                    continue;
                }
            }
        }
        return None;
    }
}

/// "the Ukrainian leader": a definite role whose head is `last`; "the
/// bank": an organization; "a Microsoft spokesman": the organization the
/// spokesman speaks for.
fn role_ending_at(p: &Passage, lo: usize, last: usize) -> Option<SpeakerPhrase> {
    let head = p.word(last)?.to_lowercase();
    if is_organization_statement(&head) {
        return organization_before(p, lo, last);
    }
    let organization = is_organization_role(&head);
    if !is_person_role(&head) && !organization && !is_age_noun(&head) {
        return None;
    }
    // "a Microsoft spokesman said", "an Acme Bank official said", "a
    // Department of Health spokesperson said".
    if is_representative(&head) && last > lo {
        if let Some(mut run) = p.name_run_ending_at(lo, last - 1) {
            while run.start > lo + 1 && p.lower_is_any(run.start - 1, &["of", "for"]) {
                match p.name_run_ending_at(lo, run.start - 2) {
                    Some(before) => run.start = before.start,
                    None => break,
                }
            }
            if run.start > lo
                && p.lower_is(run.start - 1, &["a", "an", "the"])
                && !strip_possessive(p.word(run.end - 1)?).1
            {
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Organization(run.clone())],
                    written: run.start - 1..last + 1,
                });
            }
        }
    }
    // "the Teamsters union said", "the Eastwick Echo newspaper said": the
    // name before the lower-case noun is the organization's.
    if is_noun_after_organization_name(&head) && last > lo && !is_capitalized(p.word(last)?) {
        if let Some(run) = p.name_run_ending_at(lo, last - 1) {
            if run.start > lo && p.names_the_organization_before_its_noun(&run) {
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Organization(run.clone())],
                    written: run.start - 1..last + 1,
                });
            }
        }
    }
    let mut k = last;
    for _ in 0..5 {
        if k == lo {
            return None;
        }
        k -= 1;
        let w = p.word(k)?;
        match w.to_lowercase().as_str() {
            "the" => {
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Role(k + 1..last + 1)],
                    written: k..last + 1,
                })
            }
            // "the party's statement", "another firm": not the speaker.
            _ if organization && k + 1 < last => return None,
            "a" | "an" | "one" | "another" | "his" | "her" | "their" | "its" | "some" => {
                return None
            }
            _ if strip_possessive(w).1 => return None,
            _ => {}
        }
    }
    None
}

/// What an organization issues in its own words: its statement. A
/// report, poll or survey named for its maker is as often the ground of
/// another subject's answer ("40% of voters in an Acme poll said").
fn is_organization_statement(lower_word: &str) -> bool {
    matches!(lower_word, "statement" | "statements")
}

/// "an Acme Bank statement said", "a CAS statement said": the
/// organization whose name premodifies the statement at `head`, after
/// an article. A possessor ("Acme's
/// statement") or a person's name ([`super::link`] drops it) is no
/// organization's.
fn organization_before(p: &Passage, lo: usize, head: usize) -> Option<SpeakerPhrase> {
    if head == lo {
        return None;
    }
    let run = p.name_run_ending_at(lo, head - 1)?;
    if run.start > lo
        && p.lower_is(run.start - 1, &["a", "an", "the"])
        && !strip_possessive(p.word(run.end - 1)?).1
    {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Organization(run.clone())],
            written: run.start - 1..head + 1,
        });
    }
    None
}

/// "…, said a CAS statement.", "…, said an Acme spokesman.": after an
/// inverted cue at `first`, an article, an organization's name and a
/// statement or representative ending the clause. The name is the
/// organization's, not the start of a person's name ("said a Acme
/// spokesman, Jo Lind," names Jo Lind and is left to [`after`]).
fn organization_after(p: &Passage, first: usize, hi: usize) -> Option<SpeakerPhrase> {
    if !p.lower_is(first, &["a", "an", "the"]) {
        return None;
    }
    let run = p.name_run_starting_at(first + 1, hi)?;
    let head = run.end;
    let noun = p.word(head)?.to_lowercase();
    if !(is_organization_statement(&noun) || is_representative(&noun)) {
        return None;
    }
    let ends_clause = head + 1 >= hi
        || p.tokens[head + 1]
            .punct
            .is_some_and(|c| matches!(c, '.' | '!' | '?' | ';'));
    if !ends_clause || strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Organization(run)],
        written: first..head + 1,
    })
}

/// A comma right before the verb: the subject is either the name between
/// two commas (`Putin’s aide, Yury Ushakov, said`) or the phrase before an
/// appositive (`Yuri Ushakov, a top aide, said`; `Zelenskyy, who …,
/// said`).
fn appositive(p: &Passage, lo: usize, comma: usize) -> Option<SpeakerPhrase> {
    // "Gov. Jo Roe (R-Ohio), said": the parenthesis describes the name.
    if comma > lo && p.is_punct(comma - 1, ')') {
        if let Some(found) =
            before_parenthesis(p, lo, comma - 1).and_then(|last| subject_ending_at(p, lo, last))
        {
            return Some(found);
        }
    }
    let floor = comma.saturating_sub(2 * MAX_APPOSITIVE).max(lo);
    if let Some(found) = relative_clause_subject(p, lo, floor, comma) {
        return Some(found);
    }
    let mut close = comma;
    // Appositives can follow each other ("Ana Ruiz, president of the
    // Union of Teachers, which represents them, said", "Jo Roe, 59, of
    // Ashton, Md., who saw it, said").
    for _ in 0..4 {
        let mut k = close;
        let open = loop {
            if k <= floor {
                return None;
            }
            k -= 1;
            if stops_an_appositive(p, k) {
                return None;
            }
            if p.is_punct(k, ',') {
                break k;
            }
        };
        if open == lo {
            return None;
        }
        let inner = open + 1..close;
        // The name between the commas, after a role: "Putin’s aide, Yury
        // Ushakov, said".
        if let Some(run) = p.name_run_starting_at(inner.start, inner.end) {
            if run.end == inner.end {
                let before_is_role = p.word(open - 1).is_some_and(|w| {
                    let lw = w.to_lowercase();
                    is_person_role(&lw) || is_title_word(&lw)
                }) || possessed_noun_ending_at(p, lo, open - 1)
                    || determined_phrase_ending_at(p, lo, open)
                    || (opens_with_determiner(p, lo, open) && is_given_name_and_surname(p, &run));
                if before_is_role {
                    return Some(SpeakerPhrase {
                        phrases: vec![Phrase::Name(run.clone())],
                        written: run,
                    });
                }
            }
        }
        // "Minister of Industry, Trade and Commerce, Senator the Hon. Ada
        // Lind, said": a titled full name between the commas is the
        // speaker, whatever the words before it.
        if let Some(run) = titled_name(p, &inner) {
            return Some(SpeakerPhrase {
                phrases: vec![Phrase::Name(run.clone())],
                written: run,
            });
        }
        // The appositive describes the phrase before it.
        let first = p.word(inner.start)?;
        let lower_first = first.to_lowercase();
        // Roles, relative clauses, affiliations ("for the Liberal
        // Democrats", "of Springfield") and ages ("59").
        let describes = matches!(
            lower_first.as_str(),
            "a" | "an"
                | "the"
                | "who"
                | "which"
                | "whose"
                | "his"
                | "her"
                | "its"
                | "their"
                | "for"
                | "of"
                | "from"
                | "at"
                | "with"
                | "now"
                | "then"
                | "also"
                | "former"
                | "one"
                | "both"
                // "Roe, after a long pause, said": a time or a contrast.
                | "after"
                | "before"
                | "during"
                | "despite"
                | "unlike"
        ) || first.chars().all(|c| c.is_ascii_digit())
            // "Roe, in a statement, said", "Roe, in his ruling, said".
            || (lower_first == "in"
                && p.lower_is(inner.start + 1, &["a", "an", "the", "his", "her", "their", "its"]))
            // "Roe, in contrast, told reporters".
            || (lower_first == "in" && inner.len() == 2 && p.lower_is(inner.start + 1, &["contrast", "turn", "response", "fact"]))
            // "Clinton, speaking to reporters on Tuesday, said".
            || (lower_first.len() > 5 && lower_first.ends_with("ing") && !is_capitalized(first))
            || strip_possessive(first).1
            // "Jo Roe, Bernie Sanders' campaign manager, said".
            || possessor_opens(p, &inner)
            // "Sen. Jo Roe, R-Wis., said".
            || is_party_tag(first)
            || is_demonym(&lower_first)
            || is_title_word(&lower_first)
            || is_person_role(&lower_first)
            // A role in lower case that the lists do not hold ("dean of the
            // law school", "assistant secretary of state for health,
            // education, and housing"), and the items of such a list.
            || (!is_capitalized(first) && !is_function_word(&lower_first) && lower_first != "you")
            || matches!(lower_first.as_str(), "and" | "or");
        if !describes {
            // "Jo Roe, 59, of Ashton, Md., said": a state after a town
            // continues the place, and the phrase before it is read next.
            let place_word = |k: usize| p.is_punct(k, '.') || p.is_name_word(k);
            if inner.len() <= 3
                && inner.clone().all(place_word)
                && ends_in_a_place(p, lo, open, PLACE_PREPOSITIONS)
            {
                // "Jo Roe of Ashton, Md., said": no comma before the town;
                // the subject is the name its preposition follows.
                let town_opens = phrase_start(p, lo, open);
                let bare = town_opens == lo || !p.is_punct(town_opens - 1, ',');
                if bare && ends_in_a_named_ones_place(p, lo, open) {
                    return subject_ending_at(p, lo, open - 1);
                }
                close = open;
                continue;
            }
            return None;
        }
        // "Rep. Jo Roe (D-Md.), chair of the committee, said".
        let subject =
            past_parenthesis(p, lo, open - 1).and_then(|last| subject_ending_at(p, lo, last));
        if subject
            .as_ref()
            .is_some_and(|found| is_a_prepositions_object(p, lo, found))
        {
            return None;
        }
        if let Some(mut found) = subject {
            // "Halvorsen, a Danish insurer, said": the name is a company's.
            // Only a single word: a longer name resolves as written.
            if let [Phrase::Name(run)] = found.phrases.as_slice() {
                if run.len() == 1 && describes_an_organization(p, &inner) {
                    found.phrases = vec![Phrase::Organization(run.clone())];
                }
            }
            return Some(found);
        }
        close = open;
    }
    None
}

/// Whether `found` is the object of a preposition, which is not a
/// subject: right after one ("An article about Jo Roe, one of the victims,
/// reported"), or the rest of a place that one governs inside a noun
/// phrase ("officials in Elm County, Vale — where … — announced": "Vale"
/// is the county's state). A place opening the clause ("In Elm Bay, Ana
/// Ruiz — a teacher — said") is a setting, and the name after it the
/// subject.
fn is_a_prepositions_object(p: &Passage, lo: usize, found: &SpeakerPhrase) -> bool {
    const MAX_PLACE_WORDS: usize = 3;
    let start = found.written.start;
    if start <= lo {
        return false;
    }
    if p.word(start - 1)
        .is_some_and(|w| cues::is_preposition(&w.to_lowercase()))
    {
        return true;
    }
    let comma = start - 1;
    let place_words = found.written.len() <= MAX_PLACE_WORDS
        && found
            .written
            .clone()
            .all(|k| p.is_punct(k, '.') || p.is_name_word(k));
    p.is_punct(comma, ',')
        && place_words
        && ends_in_a_place(p, lo, comma, PLACE_PREPOSITIONS)
        && !opens_a_setting(p, phrase_start(p, lo, comma))
}

/// Whether the clause part that starts at `start` sets the scene for the
/// clause after it, opened by a preposition or a participle ("In a talk
/// in Elm Bay, …", "Speaking in Elm Bay, …"), rather than being a noun
/// phrase ("officials in Elm County, …").
fn opens_a_setting(p: &Passage, start: usize) -> bool {
    p.word(start).is_some_and(|w| {
        let lw = w.to_lowercase();
        cues::is_preposition(&lw) || (lw.len() > 5 && lw.ends_with("ing"))
    })
}

/// Whether `inner` opens with a possessor's name ("Bernie Sanders’
/// campaign manager", "Sanders' aide"), its possessive written on the
/// last word or as an apostrophe standing alone.
fn possessor_opens(p: &Passage, inner: &Range<usize>) -> bool {
    p.name_run_starting_at(inner.start, inner.end)
        .is_some_and(|run| {
            run.end < inner.end
                && (p.is_lone_apostrophe(run.end)
                    || p.word(run.end - 1).is_some_and(|w| strip_possessive(w).1))
        })
}

/// Whether token `k` ends what an appositive may hold: a quotation mark,
/// a semicolon or a sentence's dot. A dot before a comma or a parenthesis
/// ends an abbreviation ("R-Wis.,", "Miss.,"), not a sentence.
fn stops_an_appositive(p: &Passage, k: usize) -> bool {
    let abbreviation_dot = p.is_punct(k + 1, ',') || p.is_punct(k + 1, ')');
    p.is_quote_mark(k) || p.is_punct(k, ';') || (p.is_punct(k, '.') && !abbreviation_dot)
}

/// "Roe, who helped found Acme, a group based in Ohio, said": a relative
/// clause opened by "who"/"whose" after the subject runs to the comma
/// before the verb, whatever commas stand inside it, so a name inside it
/// ("Acme") is not read as the subject of an appositive.
fn relative_clause_subject(
    p: &Passage,
    lo: usize,
    floor: usize,
    comma: usize,
) -> Option<SpeakerPhrase> {
    let mut k = comma;
    while k > floor.max(lo + 1) {
        k -= 1;
        if stops_an_appositive(p, k) {
            return None;
        }
        if p.is_punct(k, ',') && p.lower_is(k + 1, &["who", "whose"]) {
            return subject_ending_at(p, lo, k - 1);
        }
    }
    None
}

/// The full name that ends `inner` after the capitalized titles that open
/// it ("Senator the Hon. Ada Lind", "Minister Ada Lind"): two words or
/// more, a person's name.
fn titled_name(p: &Passage, inner: &Range<usize>) -> Option<Range<usize>> {
    let opens_with_title = p
        .word(inner.start)
        .is_some_and(|w| is_capitalized(w) && is_title_word(&w.to_lowercase()));
    if !opens_with_title {
        return None;
    }
    let mut k = inner.start;
    while k < inner.end
        && p.word(k).is_some_and(|w| {
            let lw = w.to_lowercase();
            is_title_word(&lw) || lw == "the"
        })
    {
        k += 1;
    }
    let run = p.name_run_starting_at(k, inner.end)?;
    if run.end != inner.end || run.len() < 2 {
        return None;
    }
    let words: Vec<&str> = run.clone().filter_map(|i| p.word(i)).collect();
    match super::names::parse(&words)?.kind {
        super::names::NameKind::Person(name) if name.len() >= 2 => Some(run),
        _ => None,
    }
}

/// Whether an appositive says what kind of organization the name before
/// it is ("a leading Danish insurer", "Europe's largest reinsurance firm",
/// "the pressure group that …"): its head, the last word before a
/// preposition, a relative pronoun or its end, is an organization noun.
fn describes_an_organization(p: &Passage, inner: &Range<usize>) -> bool {
    let opens = p.word(inner.start).is_some_and(|w| {
        matches!(w.to_lowercase().as_str(), "a" | "an" | "the") || strip_possessive(w).1
    });
    if !opens {
        return false;
    }
    let mut head = None;
    for k in inner.start + 1..inner.end {
        let Some(w) = p.word(k) else { break };
        let lw = w.to_lowercase();
        if is_function_word(&lw) || matches!(lw.as_str(), "which" | "who" | "whose") {
            break;
        }
        // Only adjectives and nouns in lower case, or a nationality.
        if is_capitalized(w) && !is_demonym(&lw) {
            return false;
        }
        head = Some(lw);
    }
    head.is_some_and(|h| is_organization_role(&h))
}

/// Whether the words ending at `last` are a lower-case noun that belongs
/// to someone ("her lawyer", "the woman's lawyer", "his long-time
/// agent"): a possessive within the three words before it, each of them
/// lower case. Such a phrase before a name between commas is a role:
/// "…, her lawyer, Jo Smith, said".
fn possessed_noun_ending_at(p: &Passage, lo: usize, last: usize) -> bool {
    let noun = match p.word(last) {
        Some(w) if !is_capitalized(w) && !is_function_word(&w.to_lowercase()) => w,
        _ => return false,
    };
    if strip_possessive(noun).1 {
        return false;
    }
    for k in (last.saturating_sub(3).max(lo)..last).rev() {
        let Some(w) = p.word(k) else { return false };
        if matches!(w.to_lowercase().as_str(), "his" | "her" | "their" | "its")
            || strip_possessive(w).1
        {
            return true;
        }
        if is_capitalized(w) || is_function_word(&w.to_lowercase()) {
            return false;
        }
    }
    false
}

/// Where the clause part that ends at the comma at `comma` starts: after
/// the comma, parenthesis or quotation mark before it.
fn phrase_start(p: &Passage, lo: usize, comma: usize) -> usize {
    (lo..comma)
        .rev()
        .find(|&k| p.is_punct(k, ',') || p.is_punct(k, '(') || p.is_quote_mark(k))
        .map_or(lo, |k| k + 1)
}

/// Whether the clause part before the comma at `comma` ends in a place
/// that follows a name ("Jo Roe of Ashton", not "In Ashton"): the
/// name's person is the subject, with the place after it.
fn ends_in_a_named_ones_place(p: &Passage, lo: usize, comma: usize) -> bool {
    let start = phrase_start(p, lo, comma);
    comma
        .checked_sub(1)
        .and_then(|last| p.name_run_ending_at(start, last))
        .is_some_and(|run| {
            run.start > start + 1
                && p.lower_is(run.start - 1, PLACE_PREPOSITIONS)
                && p.is_name_word(run.start - 2)
        })
}

/// Whether the clause part before the comma at `comma` ends in a place,
/// a name after one of `prepositions` ("a salesman from Sumter", "of
/// Ashton"): a name after the comma is the rest of the place ("Sumter,
/// South Carolina", "Ashton, Md.").
fn ends_in_a_place(p: &Passage, lo: usize, comma: usize, prepositions: &[&str]) -> bool {
    let start = phrase_start(p, lo, comma);
    comma
        .checked_sub(1)
        .and_then(|last| p.name_run_ending_at(start, last))
        .is_some_and(|run| run.start > start && p.lower_is(run.start - 1, prepositions))
}

/// Prepositions of a place a state or country may continue after a comma.
const PLACE_PREPOSITIONS: &[&str] = &["from", "in", "near", "of"];

/// Whether the clause part before the comma at `comma` is a noun phrase
/// opened by a determiner ("The author of the book, Jo Roe, said",
/// "Another delegate on the slate, Jo Roe, said", "On Monday, the head of
/// the Federal Bureau, Jo Roe, said"): a description of the name between
/// the commas after it, however long, not a clause of its own ("In a
/// statement, …"). A place ending the phrase ("a salesman from Sumter,
/// South Carolina, said") makes the name after it the rest of the place.
fn determined_phrase_ending_at(p: &Passage, lo: usize, comma: usize) -> bool {
    // Not "of": "the director of the Federal Bureau of Investigation".
    opens_with_determiner(p, lo, comma) && !ends_in_a_place(p, lo, comma, &["from", "in", "near"])
}

/// Whether the clause part before the comma at `comma` is a phrase of
/// two words or more opened by a determiner.
fn opens_with_determiner(p: &Passage, lo: usize, comma: usize) -> bool {
    let start = phrase_start(p, lo, comma);
    start + 1 < comma
        && p.word(start).is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "the" | "a" | "an" | "another" | "one" | "his" | "her" | "their" | "its"
            )
        })
}

/// Whether the name run `run` is a person's full name: two words or more,
/// the first a given name, and no place. After a phrase ending in a place
/// ("The fire chief in Lytton, Ken Marsh, said") it is the speaker, where
/// "a salesman from Sumter, South Carolina, said" goes on with the place.
fn is_given_name_and_surname(p: &Passage, run: &Range<usize>) -> bool {
    let words: Vec<&str> = run.clone().filter_map(|k| p.word(k)).collect();
    words.len() >= 2
        && super::given_names::is_given_name(&names::word_key(words[0]))
        && !names::is_place(&words)
}

/// The speaker written after the cue at `cue` (inverted order: `…,” said
/// Witkoff`, `…, said Clinton spokesman Brian Fallon`). Only when the cue
/// follows the content: a comma, quote or dash before it.
pub fn after(p: &Passage, sentence: &Range<usize>, cue: usize) -> Option<SpeakerPhrase> {
    // "told BBC News", "accused Mr Brown": the name after these verbs is
    // the listener or the target, never an inverted speaker.
    if p.word(cue)
        .is_some_and(|w| cues::takes_person_object(&w.to_lowercase()))
    {
        return None;
    }
    let before_cue = cue.checked_sub(1)?;
    let follows_content = before_cue >= sentence.start
        && p.tokens[before_cue]
            .punct
            .is_some_and(|c| matches!(c, ',' | '”' | '"' | '—' | '–'));
    if !follows_content {
        return None;
    }
    after_from(p, sentence, cue + 1)
}

/// "Said Jo Roe: “…”", "Says Wales coach Al Finn, “…”": a sentence
/// opened by a capitalized "Said" or "Says" at `cue`, the speaker right
/// after it, then a colon or a comma before what was said.
pub fn after_opening_cue(
    p: &Passage,
    sentence: &Range<usize>,
    cue: usize,
) -> Option<SpeakerPhrase> {
    if cue != sentence.start || !p.word(cue).is_some_and(|w| matches!(w, "Said" | "Says")) {
        return None;
    }
    let found = after_from(p, sentence, cue + 1)?;
    let end = found.written.end;
    (p.is_punct(end, ':') || p.is_punct(end, ',')).then_some(found)
}

/// "Roe was asked by host Al Finn whether …", "was urged by Sen. Ana
/// Ruiz to …": the agent of a passive verb of asking or telling, named
/// after "by" at `by`, is the one who spoke.
pub fn agent_after_by(p: &Passage, sentence: &Range<usize>, by: usize) -> Option<SpeakerPhrase> {
    if !p.lower_is(by, &["by"]) {
        return None;
    }
    let found = after_from(p, sentence, by + 1)?;
    // The agent is a name or a definite role, not "by a caller".
    let named = found
        .phrases
        .iter()
        .all(|ph| matches!(ph, Phrase::Name(_) | Phrase::Role(_)));
    named.then_some(found)
}

/// The speaker phrase that starts at token `first`, after the cue.
fn after_from(p: &Passage, sentence: &Range<usize>, first: usize) -> Option<SpeakerPhrase> {
    let hi = sentence.end;
    if let Some(found) = role_then_appositive_name(p, first, hi) {
        return Some(found);
    }
    if let Some(found) = organization_after(p, first, hi) {
        return Some(found);
    }
    // "said the senator"
    if p.lower_is(first, &["the"]) {
        let mut k = first + 1;
        while k < hi && k < first + 5 {
            if let Some(w) = p.word(k) {
                if is_person_role(&w.to_lowercase()) {
                    let next_is_name = p.name_run_starting_at(k + 1, hi).is_some();
                    if !next_is_name {
                        return Some(SpeakerPhrase {
                            phrases: vec![Phrase::Role(first + 1..k + 1)],
                            written: first..k + 1,
                        });
                    }
                }
            } else {
                break;
            }
            k += 1;
        }
    }
    // Titles and roles, then the name: take the last capitalized run.
    let mut k = first;
    let mut last_run: Option<Range<usize>> = None;
    let mut lower_words = 0;
    while k < hi {
        if let Some(run) = p.name_run_starting_at(k, hi) {
            k = run.end;
            // "said Tory shadow secretary Eric Pickles": a capitalized
            // title or party word stands before the name.
            let modifier = run.len() == 1
                && p.word(run.start).is_some_and(|w| {
                    let lw = w.to_lowercase();
                    is_demonym(&lw) || is_title_word(&lw)
                });
            if !modifier {
                last_run = Some(run);
            }
            continue;
        }
        let Some(w) = p.word(k) else { break };
        let lw = w.to_lowercase();
        if is_title_word(&lw) || is_person_role(&lw) || is_demonym(&lw) || lw == "the" {
            k += 1;
            continue;
        }
        // Other lower-case words of a role ("council spokesman").
        if !is_function_word(&lw) && lower_words < 3 && last_run.is_none() {
            lower_words += 1;
            k += 1;
            continue;
        }
        // Two roles joined ("warns former banker and market analyst Jo
        // Smith"): the name still follows.
        if lw == "and" && lower_words > 0 && last_run.is_none() {
            k += 1;
            continue;
        }
        // A role between an affiliation and the name ("said Acme Cup
        // doctor Jo Smith", "said Oscars communications director Jo
        // Smith"): the name follows.
        let mut j = k;
        while j < hi
            && j < k + 3
            && p.word(j)
                .is_some_and(|w| !is_capitalized(w) && !is_function_word(&w.to_lowercase()))
        {
            j += 1;
        }
        if j > k && p.name_run_starting_at(j, hi).is_some() {
            k = j;
            continue;
        }
        break;
    }
    let run = last_run?;
    let run_is_possessor = strip_possessive(p.word(run.end - 1)?).1;
    // "Several candidates, including Roe, said the United States should
    // refuse": a name with an auxiliary or another finite verb after it
    // ("…, said Roe failed to act") is the subject of the
    // reported clause, not a speaker written after the cue.
    let subject_of_clause = p
        .word(run.end)
        .is_some_and(cues::is_finite_verb_after_subject);
    if run_is_possessor || subject_of_clause {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: first..run.end,
    })
}

/// The name set off by commas after a described role in inverted order
/// (`…,” said the company's chief executive, Jo Roe.`, `…,” said Roe's
/// campaign manager, Al Finn, who …`): news writing names the person right
/// after the description, so the name, not the role, is the speaker. The
/// description is a noun phrase opened by a determiner or a possessive
/// ([`determined_phrase_ending_at`], [`possessed_noun_ending_at`]); the
/// name ends at a comma or the sentence's end.
fn role_then_appositive_name(p: &Passage, first: usize, hi: usize) -> Option<SpeakerPhrase> {
    const MAX_DESCRIPTION: usize = 10;
    let comma = (first..hi.min(first + MAX_DESCRIPTION)).find(|&k| p.word(k).is_none())?;
    if !p.is_punct(comma, ',') || comma == first {
        return None;
    }
    if !(determined_phrase_ending_at(p, first, comma)
        || possessed_noun_ending_at(p, first, comma - 1))
    {
        return None;
    }
    let run = p.name_run_starting_at(comma + 1, hi)?;
    let closed = run.end == hi
        || p.is_punct(run.end, ',')
        || p.is_punct(run.end, '.')
        || p.is_punct(run.end, ';');
    if !closed || strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: first..run.end,
    })
}

/// The speaker after "according to" at `to` (the token "to"): a name, a
/// definite role, or the possessor of a statement ("according to
/// Witkoff’s statements").
pub fn according_to(p: &Passage, sentence: &Range<usize>, to: usize) -> Option<SpeakerPhrase> {
    let first = to + 1;
    let hi = sentence.end;
    // "according to her, …": the person the pronoun stands for. Not "her"
    // before a noun ("according to her report"), left to the readings
    // below.
    if p.lower_is_any(first, &["him", "her"])
        && (first + 1 >= hi
            || [',', '.', ';', ':']
                .iter()
                .any(|&c| p.is_punct(first + 1, c)))
    {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Pronoun(first)],
            written: first..first + 1,
        });
    }
    if let Some(found) = role_then_name(p, first, hi) {
        return Some(found);
    }
    if let Some(run) = p.name_run_starting_at(first, hi) {
        let last = p.word(run.end - 1)?;
        if strip_possessive(last).1 {
            let noun = p.word(run.end)?.to_lowercase();
            if !super::cues::is_utterance_noun(&noun) {
                return None;
            }
        }
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Name(run.clone())],
            written: run,
        });
    }
    // "according to a survey by Acme": the document's maker.
    if let Some(found) = document_by(p, first, hi) {
        return Some(found);
    }
    // "according to the Bank of Eastwick": an organization's name.
    // "The" capitalized after "according to" is part of a title: a paper
    // or an outlet ("according to The Ledger on Sunday").
    if p.lower_is(first, &["the"]) {
        let title = p.word(first) == Some("The");
        if let Some(run) = p.name_run_starting_at(first + 1, hi) {
            let mut end = p.extend_over_of(&run, hi);
            if title
                && p.lower_is(end, &["on"])
                && p.word(end + 1).is_some_and(|w| {
                    is_capitalized(w) && WEEKDAYS.contains(&w.to_lowercase().as_str())
                })
            {
                end += 2;
            }
            let words: Vec<&str> = (run.start..end).filter_map(|k| p.word(k)).collect();
            let organization = title
                || p.organization_as_written(&run).is_some()
                || matches!(
                    super::names::parse(&words).map(|n| n.kind),
                    Some(super::names::NameKind::Organization(_))
                );
            if organization && !strip_possessive(p.word(end - 1)?).1 {
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Name(run.start..end)],
                    written: first..end,
                });
            }
        }
    }
    if p.lower_is(first, &["the"]) {
        let mut k = first + 1;
        while k < hi && k < first + 5 {
            let w = p.word(k)?;
            let lw = w.to_lowercase();
            if is_person_role(&lw) {
                if let Some(run) = p.name_run_starting_at(k + 1, hi) {
                    return Some(SpeakerPhrase {
                        phrases: vec![Phrase::Name(run.clone())],
                        written: first..run.end,
                    });
                }
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Role(first + 1..k + 1)],
                    written: first..k + 1,
                });
            }
            k += 1;
        }
    }
    None
}

/// "according to campaign manager Jill Harrow", "according to former
/// Sen. Rob Tarrant", "according to Republican strategist Ann Lee": a
/// person's name after a few role words with at least one lower-case role
/// noun among them, the last a role or a title. `None` for anything else
/// ("according to court records", "according to the state Division of
/// Gaming", an organization; a possessor: "according to aide Ann Lee's
/// notes"). A determiner is left to [`according_to`]'s other readings.
fn role_then_name(p: &Passage, first: usize, hi: usize) -> Option<SpeakerPhrase> {
    const MAX_ROLE_WORDS: usize = 4;
    let mut k = first;
    let mut lower_role = false;
    let mut role_before_name = false;
    while k < hi && k < first + MAX_ROLE_WORDS {
        let w = p.word(k)?;
        let lw = w.to_lowercase();
        if is_capitalized(w) {
            if !(is_title_word(&lw) || is_demonym(&lw)) {
                break;
            }
            role_before_name = is_title_word(&lw);
        } else {
            if is_function_word(&lw)
                || lw == "the"
                || !lw.chars().all(|c| c.is_alphabetic() || c == '-')
            {
                return None;
            }
            role_before_name = is_role_noun(&lw);
            lower_role |= role_before_name;
        }
        k += 1;
    }
    if !(lower_role && role_before_name) {
        return None;
    }
    let run = p.name_run_starting_at(k, hi)?;
    if strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    // "state Division of Gaming Enforcement": one capitalized word before
    // "of" heads an organization's name.
    if run.len() == 1 && p.lower_is(run.end, &["of"]) {
        return None;
    }
    let words: Vec<&str> = run.clone().filter_map(|i| p.word(i)).collect();
    if !matches!(
        super::names::parse(&words).map(|n| n.kind),
        Some(super::names::NameKind::Person(_))
    ) {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: first..run.end,
    })
}

/// A lower-case noun for what a person is: a role or title of the lists,
/// or an occupation ("columnist", "lawyer", "researcher").
fn is_role_noun(lower_word: &str) -> bool {
    is_person_role(lower_word)
        || is_title_word(lower_word)
        || lower_word.ends_with("ist")
        || matches!(
            lower_word,
            "lawyer"
                | "attorney"
                | "expert"
                | "researcher"
                | "scholar"
                | "historian"
                | "reporter"
                | "writer"
                | "commentator"
                | "consultant"
                | "spokesperson"
        )
}

/// A lower-case word that can stand in a role before a name without
/// being a role itself: a title, party or organization word ("vice",
/// "campaign"), an adjective ("presidential", "executive") or a noun of
/// a portfolio ("press", "communications").
fn is_role_modifier(lower_word: &str) -> bool {
    names::is_any(lower_word, names::TITLE | names::DEMONYM | names::ORG)
        || ["al", "ic", "ive", "ary"]
            .iter()
            .any(|end| lower_word.len() > end.len() + 3 && lower_word.ends_with(end))
        || matches!(
            lower_word,
            "press" | "communications" | "policy" | "security" | "senior" | "former" | "top"
        )
}

/// The maker of a document after "according to": "a recent study by the
/// Eastwick Planning Office" → "Eastwick Planning Office", "figures from
/// Acme Research" → "Acme Research". A document with no maker named, or
/// a person's, has no speaker.
fn document_by(p: &Passage, first: usize, hi: usize) -> Option<SpeakerPhrase> {
    let mut k = first;
    if p.lower_is(k, &["a", "an", "the", "new", "latest", "recent"]) {
        k += 1;
    }
    // A few lower-case modifiers: "a recent impact study".
    let limit = (k + 3).min(hi);
    while k < limit && !p.word(k).is_some_and(cues::is_document_noun) {
        let w = p.word(k)?;
        if is_capitalized(w) || !w.chars().all(|c| c.is_alphabetic()) {
            return None;
        }
        k += 1;
    }
    if !p.word(k).is_some_and(cues::is_document_noun) {
        return None;
    }
    if !p.lower_is(k + 1, &["by", "from"]) {
        return None;
    }
    let mut start = k + 2;
    if p.lower_is(start, &["the"]) {
        start += 1;
        // "the country's State Planning Office".
        if p.word(start)
            .is_some_and(|w| !is_capitalized(w) && strip_possessive(w).1)
        {
            start += 1;
        }
    }
    let run = p.name_run_starting_at(start, hi)?;
    let end = p.extend_over_of(&run, hi);
    if strip_possessive(p.word(end - 1)?).1 {
        return None;
    }
    // Organizations only: a person's "analysis" is as often quoted as a
    // fact as it is their statement.
    let words: Vec<&str> = (run.start..end).filter_map(|k| p.word(k)).collect();
    let organization = p.organization_as_written(&run).is_some()
        || matches!(
            super::names::parse(&words).map(|n| n.kind),
            Some(super::names::NameKind::Organization(_))
        );
    if !organization {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.start..end)],
        written: first..end,
    })
}

/// The subject at the start of a sentence, after an introductory phrase
/// ("In comments earlier in the day, the Ukrainian leader …"), if it is a
/// name, a pronoun or a definite role.
pub fn sentence_subject(p: &Passage, sentence: &Range<usize>) -> Option<SpeakerPhrase> {
    let mut start = sentence.start;
    while start < sentence.end && p.tokens[start].punct.is_some() {
        if p.is_quote_mark(start) {
            return None;
        }
        start += 1;
    }
    start = after_dateline(p, start, sentence.end);
    // "And Obama, for all his effort, …": the conjunction alone is skipped.
    if p.with_lower(start, |l| matches!(l, "but" | "and" | "yet"))?
        && p.name_run_starting_at(start + 1, sentence.end).is_some()
    {
        start += 1;
    }
    let first = start;
    let intro = p.with_lower(first, |l| {
        matches!(
            l,
            "in" | "on"
                | "at"
                | "after"
                | "before"
                | "during"
                | "speaking"
                | "posting"
                | "writing"
                | "asked"
                | "but"
                | "and"
                | "meanwhile"
                | "however"
                | "later"
                | "earlier"
                | "still"
                | "yet"
                | "instead"
                | "separately"
                | "nevertheless"
                | "despite"
                | "with"
        )
    })?;
    if intro {
        let limit = (start + 16).min(sentence.end);
        match (start..limit).find(|&k| p.is_punct(k, ',') || p.is_quote_mark(k)) {
            Some(k) if p.is_punct(k, ',') => start = past_places(p, k + 1, sentence.end),
            _ => {
                if p.with_lower(first, |l| matches!(l, "but" | "and" | "yet")) == Some(true) {
                    start += 1;
                } else {
                    return None;
                }
            }
        }
    }
    let w = p.word(start)?;
    if p.with_lower(start, |l| matches!(l, "he" | "she")) == Some(true) {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Pronoun(start)],
            written: start..start + 1,
        });
    }
    if w.eq_ignore_ascii_case("the") {
        let mut k = start + 1;
        while k < sentence.end && k < start + 5 {
            if p.with_lower(k, is_person_role)? {
                if p.name_run_starting_at(k + 1, sentence.end).is_some() {
                    break;
                }
                return Some(SpeakerPhrase {
                    phrases: vec![Phrase::Role(start + 1..k + 1)],
                    written: start..k + 1,
                });
            }
            k += 1;
        }
    }
    let mut k = start;
    // Titles in lower case before the name.
    while k < sentence.end {
        let w = p.word(k)?;
        let skipped = p.with_lower(k, |lw| {
            lw == "the" || (names::is_any(lw, names::TITLE | names::DEMONYM) && !is_capitalized(w))
        }) == Some(true);
        if skipped {
            k += 1;
        } else {
            break;
        }
    }
    let run = p.name_run_starting_at(k, sentence.end)?;
    if strip_possessive(p.word(run.end - 1)?).1 {
        return None;
    }
    // "The Acme Post columnist Jo Roe": the name after the affiliation and
    // its role is the subject, not the affiliation.
    if let Some(name) = name_after_roles(p, run.end, sentence.end) {
        return Some(SpeakerPhrase {
            phrases: vec![Phrase::Name(name.clone())],
            written: start..name.end,
        });
    }
    // The next word must not continue a longer noun phrase ("Clinton
    // campaign"): a subject is followed by a verb, comma or adverb.
    if p.with_lower(run.end, |l| names::is_any(l, names::ROLE | names::TITLE)) == Some(true) {
        return None;
    }
    Some(SpeakerPhrase {
        phrases: vec![Phrase::Name(run.clone())],
        written: start..run.end,
    })
}

/// The person's name after lower-case role words from `first` ("…
/// columnist Jo Roe", "… presidential nominee Ana Ruiz"): at most three
/// words, each a role word ([`is_role_modifier`]: not a verb, so "Roe beat
/// businessman Al Finn" keeps Roe), the last a role noun
/// ([`is_role_noun`]), then a name that is not a possessor.
fn name_after_roles(p: &Passage, first: usize, hi: usize) -> Option<Range<usize>> {
    const MAX_ROLE_WORDS: usize = 3;
    let mut k = first;
    while k < hi && k < first + MAX_ROLE_WORDS {
        let w = p.word(k)?;
        if is_capitalized(w) {
            break;
        }
        if !p.with_lower(k, |l| is_role_noun(l) || is_role_modifier(l))? {
            return None;
        }
        k += 1;
    }
    if k == first || !p.with_lower(k - 1, is_role_noun)? {
        return None;
    }
    let run = p.name_run_starting_at(k, hi)?;
    let words: Vec<&str> = run.clone().filter_map(|i| p.word(i)).collect();
    let person = matches!(
        names::parse(&words).map(|n| n.kind),
        Some(names::NameKind::Person(_))
    );
    (person && !strip_possessive(p.word(run.end - 1)?).1).then_some(run)
}

/// Past a dateline that opens a sentence ("Washington (AFP) – …",
/// "MIDWAY ATOLL — …"): a capitalized run, an optional parenthesis and a
/// dash within the first tokens.
fn after_dateline(p: &Passage, start: usize, end: usize) -> usize {
    let Some(run) = p.name_run_starting_at(start, end) else {
        return start;
    };
    let mut k = run.end;
    let capitals = run
        .clone()
        .all(|j| p.word(j).is_some_and(super::link::is_all_caps));
    if !capitals && !p.is_punct(k, '(') {
        return start;
    }
    if p.is_punct(k, '(') {
        match (k..(k + 5).min(end)).find(|&j| p.is_punct(j, ')')) {
            Some(close) => k = close + 1,
            None => return start,
        }
    }
    let is_dash = p
        .tokens
        .get(k)
        .is_some_and(|t| matches!(t.punct, Some('—' | '–' | '―')));
    if is_dash && k + 1 < end {
        k + 1
    } else {
        start
    }
}

/// Past the places and dates that follow an introductory phrase before
/// the subject ("In Salem, New Hampshire, Trump said", "At a rally in
/// Portsmouth, N.H., on Tuesday, Sanders said"): a short segment up to
/// the next comma that is a capitalized run alone or a time phrase.
fn past_places(p: &Passage, mut start: usize, end: usize) -> usize {
    for _ in 0..3 {
        let Some(comma) = (start..(start + 5).min(end)).find(|&k| p.is_punct(k, ',')) else {
            break;
        };
        let place = p
            .name_run_starting_at(start, end)
            .is_some_and(|run| run.end == comma);
        let is_time = |k: usize| p.lower_is(k, &["on", "last", "this", "late", "early"]);
        let time = is_time(start) && (start + 1..comma).all(|k| p.word(k).is_some());
        let next_fits = p.name_run_starting_at(comma + 1, end).is_some() || is_time(comma + 1);
        if !(place || time) || !next_fits {
            break;
        }
        start = comma + 1;
    }
    start
}

#[cfg(test)]
mod tests {
    use super::super::{quotes, sentences, tokens::tokenize};
    use super::*;

    /// The words of the phrase found for the first `cue` word of `text`.
    fn speaker(text: &str, cue: &str) -> Option<Vec<String>> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut qs = Vec::new();
        quotes::find(text, &tokens, &mut qs);
        let mut ss = Vec::new();
        sentences::split(text, &tokens, &mut ss);
        let mut nw = Vec::new();
        let lower = super::super::tokens::lowered(text);
        name_words(text, &lower, &tokens, &mut nw);
        let p = Passage {
            text,
            lower: &lower,
            tokens: &tokens,
            quotes: &qs,
            surnames_too: &[],
            name_words: &nw,
        };
        let i = tokens
            .iter()
            .position(|t| t.text(text).eq_ignore_ascii_case(cue))?;
        let sentence = ss.iter().find(|s| s.contains(&i))?.clone();
        let found = if cue == "according" {
            according_to(&p, &sentence, i + 1)
        } else {
            before(&p, &sentence, i).or_else(|| after(&p, &sentence, i))
        }?;
        Some(
            found
                .phrases
                .iter()
                .map(|ph| match ph {
                    Phrase::Name(r) | Phrase::Role(r) | Phrase::Organization(r) => {
                        text[tokens[r.start].start..tokens[r.end - 1].end].to_string()
                    }
                    Phrase::Pronoun(i) => tokens[*i].text(text).to_string(),
                    Phrase::Clause => "<clause>".to_string(),
                })
                .collect(),
        )
    }

    /// `f` of `text` as a passage with no quotations and no names learnt.
    fn with_bare_passage<R>(text: &str, f: impl FnOnce(&Passage) -> R) -> R {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let lower = super::super::tokens::lowered(text);
        let p = Passage {
            text,
            lower: &lower,
            tokens: &tokens,
            quotes: &[],
            surnames_too: &[],
            name_words: &[],
        };
        f(&p)
    }

    #[test]
    fn name_words_are_told_from_the_tokens_as_from_the_words() {
        let text = "I've seen We're Thursday’s Brelt's O'Varn Zoë ÉLAN Monday Vask";
        let (by_tokens, by_words) = with_bare_passage(text, |p| {
            let by_tokens: Vec<bool> = (0..p.tokens.len()).map(|k| p.can_be_in_name(k)).collect();
            let by_words: Vec<bool> = p
                .tokens
                .iter()
                .map(|t| can_be_in_name(t.text(text)))
                .collect();
            (by_tokens, by_words)
        });
        assert_eq!(by_tokens, by_words);
        assert_eq!(
            by_tokens,
            [false, true, false, false, true, true, true, true, false, true]
        );
    }

    #[test]
    fn words_are_lowered_from_the_lowered_passage() {
        let text = "QUORVAN’s Zoë, Brelt's; ÉLAN “Vask’s” said";
        let all = |f: fn(&Passage, usize) -> Option<String>| -> Vec<Option<String>> {
            with_bare_passage(text, |p| (0..p.tokens.len()).map(|k| f(p, k)).collect())
        };
        let some = |w: &str| Some(w.to_string());
        assert_eq!(
            all(|p, k| p.with_lower(k, str::to_string)),
            [
                some("quorvan’s"),
                some("zoë"),
                None,
                some("brelt's"),
                None,
                some("élan"),
                None,
                some("vask’s"),
                None,
                some("said")
            ]
        );
        assert_eq!(
            all(|p, k| p.with_lower_stem(k, str::to_string)),
            [
                some("quorvan"),
                some("zoë"),
                None,
                some("brelt"),
                None,
                some("élan"),
                None,
                some("vask"),
                None,
                some("said")
            ]
        );
    }

    #[test]
    fn subject_before_the_verb_skipping_adverbs() {
        assert_eq!(
            speaker("Mayor Ana Ruiz on Friday said the bridge opens.", "said"),
            Some(vec!["Mayor Ana Ruiz".into()])
        );
        assert_eq!(
            speaker("Ruiz has repeatedly warned that costs rise.", "warned"),
            Some(vec!["Ruiz".into()])
        );
    }

    #[test]
    fn according_to_a_title_with_a_capital_the() {
        assert_eq!(
            speaker("Tolls will rise, according to The Ledger.", "according"),
            Some(vec!["Ledger".into()])
        );
        assert_eq!(
            speaker(
                "Tolls will rise, according to The Ledger on Sunday.",
                "according"
            ),
            Some(vec!["Ledger on Sunday".into()])
        );
    }

    #[test]
    fn a_time_or_contrast_between_commas_before_the_cue() {
        for (body, cue) in [
            ("Ana Ruiz, after a long pause, said it opens.", "said"),
            ("Ana Ruiz, in contrast, told reporters it opens.", "told"),
            ("Ana Ruiz, despite the tolls, wrote that it opens.", "wrote"),
        ] {
            assert_eq!(speaker(body, cue), Some(vec!["Ana Ruiz".into()]), "{body}");
        }
    }

    #[test]
    fn asides_between_dashes() {
        assert_eq!(
            speaker("Ana Ruiz — a teacher from Elm Bay — says it opens.", "says"),
            Some(vec!["Ana Ruiz".into()])
        );
        assert_eq!(
            speaker(
                "Mr. Berg -- in a nod to the port -- declared it open.",
                "declared"
            ),
            Some(vec!["Mr. Berg".into()])
        );
    }

    #[test]
    fn a_role_with_a_prepositional_phrase_is_the_subject() {
        assert_eq!(
            speaker("The new harbour minister for Vale says it opens.", "says"),
            Some(vec!["new harbour minister".into()])
        );
        // Not a body: "the board".
        assert_eq!(
            speaker("The board of Elm Holdings said it opens.", "said"),
            None
        );
    }

    #[test]
    fn a_place_before_a_dash_aside_is_no_subject() {
        assert_eq!(
            speaker(
                "Officials in Elm County, Vale — where Lindale lies — announced that it opens.",
                "announced"
            ),
            None
        );
        for text in [
            "In Elm Bay, Ana Ruiz — a teacher — said it opens.",
            "In a talk on Monday in Elm Bay, Ana Ruiz, a teacher, said it opens.",
            "Speaking in Elm Bay, Ana Ruiz, a teacher, said it opens.",
        ] {
            assert_eq!(
                speaker(text, "said"),
                Some(vec!["Ana Ruiz".into()]),
                "{text}"
            );
        }
    }

    #[test]
    fn a_full_name_after_a_role_in_a_place_is_the_speaker() {
        assert_eq!(
            speaker(
                "The fire chief in Lytton, Ken Marsh, said the crews were tired.",
                "said"
            ),
            Some(vec!["Ken Marsh".into()])
        );
        assert_eq!(
            speaker(
                "The head of the union in Eastwick, Ana Ruiz, said talks failed.",
                "said"
            ),
            Some(vec!["Ana Ruiz".into()])
        );
        // A given name of either sex.
        assert_eq!(
            speaker(
                "The fire chief in Lytton, Jordan Cyr, told reporters the crews were tired.",
                "told"
            ),
            Some(vec!["Jordan Cyr".into()])
        );
        // A place goes on after the comma.
        assert_ne!(
            speaker(
                "A salesman from Sumter, South Carolina, said prices rose.",
                "said"
            ),
            Some(vec!["South Carolina".into()])
        );
    }

    #[test]
    fn appositives_between_commas() {
        assert_eq!(
            speaker("Ana Ruiz, the city's mayor, said it opens.", "said"),
            Some(vec!["Ana Ruiz".into()])
        );
        assert_eq!(
            speaker("The mayor's top aide, Carl Berg, said it opens.", "said"),
            Some(vec!["Carl Berg".into()])
        );
        assert_eq!(
            speaker("Ruiz, who opened it, said more would come.", "said"),
            Some(vec!["Ruiz".into()])
        );
    }

    #[test]
    fn a_name_and_its_unnamed_group_is_the_name() {
        for text in [
            "Lena Holm and her attorneys have said the deal is void.",
            "Holm and other county officials said the bridge opens.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].ends_with("Holm"), "{text}");
        }
        assert_eq!(
            speaker("Lena Holm's attorneys have said the deal is void.", "said"),
            None
        );
    }

    #[test]
    fn a_party_and_state_tag_describes_the_name_before_it() {
        for text in [
            "Sen. Lena Holm, R-Wis., said the bridge opens.",
            "Sen. Lena Holm, D-N.Y., said the bridge opens.",
            "Sen. Lena Holm (R-Ohio), said the bridge opens.",
            "Sen. Lena Holm (D-Md.), chair of the roads panel, said the bridge opens.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].ends_with("Lena Holm"), "{text}");
        }
    }

    #[test]
    fn a_name_between_commas_after_a_described_role() {
        for text in [
            "The author of the harbour report, Lena Holm, said it was sound.",
            "Another delegate on the Holm slate, Carl Berg, said he would wait.",
            "On Monday, the director of the Eastwick Port Authority, Carl Berg, said it opens.",
            "Carl Berg, a farmer from Lindale, North Vale, said it opens.",
            "Her old partner at Eastwick Holdings, Carl Berg, said it was a deal.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found.len(), 1, "{text}");
            assert!(
                found[0] == "Lena Holm" || found[0] == "Carl Berg",
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_relative_clause_with_commas_inside_keeps_its_subject() {
        for text in [
            "Lena Holm, who helped found Harbour First, a group based in Eastwick, said it opens.",
            "Holm, who lost her farm in Lindale, North Vale, in July, said it opens.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].ends_with("Holm"), "{text}: {found:?}");
        }
    }

    #[test]
    fn an_appositive_opened_by_a_possessor_describes_the_name_before_it() {
        for text in [
            "Carl Berg, Holms' campaign manager, said it opens.",
            "Carl Berg, Lena Holm’s campaign manager, said it opens.",
            "Carl Berg, Lena Holms’ senior media adviser, said it opens.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found, ["Carl Berg"], "{text}");
        }
    }

    #[test]
    fn a_town_and_its_state_between_commas_describe_the_name() {
        for text in [
            "Carl Berg, of Lindale, Vt., said the bridge opens.",
            "Carl Berg, 59, of Lindale, Vt., who saw it, said the bridge opens.",
        ] {
            let found = speaker(text, "said").unwrap_or_default();
            assert_eq!(found, ["Carl Berg"], "{text}");
        }
        // The name is a preposition's object, not the subject.
        assert_eq!(
            speaker(
                "A report about Carl Berg, a farmer in Lindale, Vt., said the bridge opens.",
                "said"
            ),
            None
        );
    }

    #[test]
    fn a_titled_name_between_commas_after_a_portfolio() {
        assert_eq!(
            speaker(
                "“We will build,” Minister of Trade, Energy and Fisheries, Senator the Hon. Maxwell Brant, told reporters.",
                "told"
            ),
            Some(vec!["Maxwell Brant".into()])
        );
        assert_eq!(
            speaker(
                "Minister of Agriculture, Senator Dora Quell, said it opens.",
                "said"
            ),
            Some(vec!["Dora Quell".into()])
        );
        // A title without a name is no speaker of its own.
        assert_eq!(
            speaker("Carl Berg, Secretary of State, said it opens.", "said"),
            Some(vec!["Carl Berg".into()])
        );
    }

    #[test]
    fn appositives_with_a_lower_case_role_the_lists_do_not_hold() {
        assert_eq!(
            speaker(
                "Ana Ruiz, dean of the Eastwick law school, said it opens.",
                "said"
            ),
            Some(vec!["Ana Ruiz".into()])
        );
        assert_eq!(
            speaker(
                "It opens, Carl Berg, assistant secretary for roads, bridges, and parks, said on Monday.",
                "said"
            ),
            Some(vec!["Carl Berg".into()])
        );
        // A pronoun between the commas is no appositive.
        assert_eq!(
            speaker("After the vote in Eastwick, they, said more.", "said"),
            None
        );
    }

    #[test]
    fn an_organization_name_with_and_is_one_speaker() {
        assert_eq!(
            speaker(
                "Customs and Coastal Protection announced on Monday that the port reopens.",
                "announced"
            ),
            Some(vec!["Customs and Coastal Protection".into()])
        );
        assert_eq!(
            speaker(
                "The Department of Roads and Rural Services said the bridge opens.",
                "said"
            ),
            Some(vec!["Department of Roads and Rural Services".into()])
        );
        assert_eq!(
            speaker(
                "A report by the Growers and Millers Union claims prices fell.",
                "claims"
            ),
            Some(vec!["Growers and Millers Union".into()])
        );
        // People, or a person and an organization, stay two speakers.
        assert_eq!(
            speaker("Ruiz and Berg said the bridge opens.", "said"),
            Some(vec!["Ruiz".into(), "Berg".into()])
        );
        assert_eq!(
            speaker("Ruiz and Eastwick Council said the bridge opens.", "said"),
            Some(vec!["Ruiz".into(), "Eastwick Council".into()])
        );
    }

    #[test]
    fn a_plural_possessive_inside_an_organization_name() {
        assert_eq!(
            speaker("The Dale Growers’ Union said prices fell.", "said"),
            Some(vec!["Dale Growers’ Union".into()])
        );
        // An organization's possessor is not part of its name.
        assert_eq!(
            speaker("The Court of Appeals’ Board says he erred.", "says"),
            Some(vec!["Board".into()])
        );
        // After the cue, before the role of its president.
        assert_eq!(
            speaker(
                "“We are tired,” said Dale Nurses’ Association president Ada Lind.",
                "said"
            ),
            Some(vec!["Ada Lind".into()])
        );
        assert_eq!(
            speaker(
                "“We are tired,” said Dale Nurses' Association president Ada Lind.",
                "said"
            ),
            Some(vec!["Ada Lind".into()])
        );
    }

    #[test]
    fn two_speakers_in_one_subject() {
        assert_eq!(
            speaker(
                "Ruiz and city engineer Carl Berg said in a joint statement.",
                "said"
            ),
            Some(vec!["Ruiz".into(), "Carl Berg".into()])
        );
    }

    #[test]
    fn inverted_order_after_a_quote() {
        assert_eq!(
            speaker("“It opens today,” said council spokesman Tom Lee.", "said"),
            Some(vec!["Tom Lee".into()])
        );
        assert_eq!(
            speaker("“It opens today,” said the mayor.", "said"),
            Some(vec!["mayor".into()])
        );
    }

    #[test]
    fn a_state_after_a_persons_town_is_the_rest_of_the_place() {
        for text in [
            "Tom Berg of Eastwick, Ohio says the plan failed.",
            "Tom Berg of Eastwick, Ohio, says the plan failed.",
            "Ana Roe and Tom Berg of Eastwick, Ohio say the plan failed.",
        ] {
            let found = speaker(text, "say").or_else(|| speaker(text, "says"));
            assert!(
                found
                    .as_ref()
                    .is_some_and(|names| names.last().is_some_and(|n| n == "Tom Berg")),
                "{text}: {found:?}"
            );
        }
        // A place opening the sentence is a setting: the name after it speaks.
        assert_eq!(
            speaker("In Eastwick, Ohio, Tom Berg says the plan failed.", "says"),
            Some(vec!["Tom Berg".into()])
        );
    }

    #[test]
    fn a_name_before_an_auxiliary_after_the_cue_is_the_clauses_subject() {
        assert_eq!(
            speaker(
                "Several mayors, including Roe, said the Eastwick Council should drop the toll.",
                "said"
            ),
            None
        );
        assert_eq!(
            speaker(
                "“The toll goes,” said the Eastwick mayor Lena Holm, who had fought it.",
                "said"
            ),
            Some(vec!["Lena Holm".into()])
        );
    }

    #[test]
    fn a_name_before_a_finite_verb_after_the_cue_is_the_clauses_subject() {
        for text in [
            "The report, a history of the town, said Lena Holm felt by May she had lost the vote.",
            "Her aide, a former teacher, said Tom Berg failed to read the plan.",
            "The letter, signed by six mayors, said Ana Ruiz knew about the toll.",
            "A neighbour, a retired nurse, says Lena Holm believes the road is safe.",
            "The memo, dated June, said Tom Berg didn't attend the vote.",
        ] {
            assert_eq!(
                speaker(text, "said").or_else(|| speaker(text, "says")),
                None,
                "{text}"
            );
        }
        // A speaker written after the cue is still found.
        assert_eq!(
            speaker("“The toll goes,” said Lena Holm on Monday.", "said"),
            Some(vec!["Lena Holm".into()])
        );
    }

    #[test]
    fn a_role_at_an_organization_with_its_closing_comma_missing() {
        assert_eq!(
            speaker(
                "“Prices rise,” Ana Ruiz, economist at Orley Research said.",
                "said"
            ),
            Some(vec!["Ana Ruiz".into()])
        );
        assert_eq!(
            speaker(
                "Bo Brelt, a spokeswoman for the Vask Relief Committee said the appeal grew.",
                "said"
            ),
            Some(vec!["Bo Brelt".into()])
        );
        assert_eq!(
            speaker(
                "Tom Lee, president and CEO of Orley Growers Association stated, “It is math.”",
                "stated"
            ),
            Some(vec!["Tom Lee".into()])
        );
        // Not a person before the comma: no speaker from this reading.
        assert_ne!(
            speaker(
                "In Orley, head of the Vask Union said the appeal grew.",
                "said"
            ),
            Some(vec!["Orley".into()])
        );
    }

    #[test]
    fn inverted_order_a_described_role_then_the_name_between_commas() {
        assert_eq!(
            speaker(
                "“It opens today,” said the firm's chief executive, Tom Lee.",
                "said"
            ),
            Some(vec!["Tom Lee".into()])
        );
        assert_eq!(
            speaker(
                "“It opens today,” said Vask's deputy campaign manager, Ana Ruiz, who ran it.",
                "said"
            ),
            Some(vec!["Ana Ruiz".into()])
        );
        assert_eq!(
            speaker(
                "“It opens today,” said his best friend at Orley, Bo Brelt, on Monday.",
                "said"
            ),
            Some(vec!["Bo Brelt".into()])
        );
    }

    #[test]
    fn an_unnamed_source_after_the_cue_leaves_the_content_alone() {
        // Not "Maldives" read as a subject with an appositive.
        assert_eq!(
            speaker(
                "Many countries, such as Fiji or the Maldives, do not buy cover, said a \
                 US-based insurance expert.",
                "said"
            ),
            None
        );
        // A reported clause that opens with an indefinite subject keeps
        // the appositive reading.
        assert_eq!(
            speaker(
                "Jo Lind, the fund's head, said a rival analyst was wrong.",
                "said"
            ),
            Some(vec!["Jo Lind".into()])
        );
    }

    #[test]
    fn an_organization_behind_its_statement_or_spokesman() {
        assert_eq!(
            speaker("“The ban stands,” said a CAS statement.", "said"),
            Some(vec!["CAS".into()])
        );
        assert_eq!(
            speaker("“The ban stands,” said an Acme Bank spokesman.", "said"),
            Some(vec!["Acme Bank".into()])
        );
        // The name before a lower-case noun for an organization.
        assert_eq!(
            speaker("The Quorvel union said the strike would go on.", "said"),
            Some(vec!["Quorvel".into()])
        );
        assert_eq!(
            speaker("The Eastwick Echo newspaper said the deal was off.", "said"),
            Some(vec!["Eastwick Echo".into()])
        );
        // A place or nationality before the noun describes an
        // organization named before, and is none itself.
        assert_ne!(
            speaker("The US union said the strike would go on.", "said"),
            Some(vec!["US".into()])
        );
        assert_ne!(
            speaker("The Paris-based party said it would vote no.", "said"),
            Some(vec!["Paris-based".into()])
        );
        // An organization's name with "of" in it.
        assert_eq!(
            speaker(
                "“We are investing record amounts,” a Department of Health spokesperson said.",
                "said"
            ),
            Some(vec!["Department of Health".into()])
        );
        assert_eq!(
            speaker(
                "“The claims are false,” an Acme Bank statement said.",
                "said"
            ),
            Some(vec!["Acme Bank".into()])
        );
        // A possessor's statement; a spokesman named after the comma is
        // not the organization.
        assert_eq!(
            speaker("“The claims are false,” Acme's statement said.", "said"),
            None
        );
        assert_ne!(
            speaker("“The ban stands,” said an Acme spokesman, Jo Lind.", "said"),
            Some(vec!["Acme".into()])
        );
        // A poll is the ground of its respondents' answer, not a speaker.
        assert_eq!(
            speaker("Most voters in an Acme poll said they would stay.", "said"),
            None
        );
    }

    #[test]
    fn according_to_a_name_or_a_statement() {
        assert_eq!(
            speaker("According to Ruiz, it opens today.", "according"),
            Some(vec!["Ruiz".into()])
        );
        assert_eq!(
            speaker(
                "It opens today, according to Ruiz’s statement.",
                "according"
            ),
            Some(vec!["Ruiz’s".into()])
        );
        assert_eq!(
            speaker("According to the statement, it opens today.", "according"),
            None
        );
        assert_eq!(
            speaker(
                "Prices fell, according to a recent housing survey by the Eastwick Planning Office.",
                "according"
            ),
            Some(vec!["Eastwick Planning Office".into()])
        );
        assert_eq!(
            speaker(
                "According to figures from the country's Acme Research Institute, prices fell.",
                "according"
            ),
            Some(vec!["Acme Research Institute".into()])
        );
        assert_eq!(
            speaker("According to a recent survey, prices fell.", "according"),
            None
        );
        assert_eq!(
            speaker(
                "According to an analysis by Jane Roe, prices fell.",
                "according"
            ),
            None
        );
    }

    #[test]
    fn according_to_a_role_and_a_name() {
        let found = |text: &str| speaker(text, "according");
        assert_eq!(
            found("The rally drew 3,000 people, according to campaign manager Jill Harrow."),
            Some(vec!["Jill Harrow".into()])
        );
        assert_eq!(
            found("The ad was a mistake, according to conservative columnist Hal Penwick."),
            Some(vec!["Hal Penwick".into()])
        );
        assert_eq!(
            found("Donors balked, according to former Sen. Rob Tarrant, R-Mass."),
            Some(vec!["Rob Tarrant".into()])
        );
        assert_eq!(
            found("It failed, according to Republican strategist Ann Lee."),
            Some(vec!["Ann Lee".into()])
        );
        assert_eq!(
            found("It failed, according to state Rep. Ann Lee."),
            Some(vec!["Ann Lee".into()])
        );
        // No role noun before the name, an organization, or a possessor.
        assert_eq!(
            found("It failed, according to court records Ann Lee kept."),
            None
        );
        assert_eq!(
            found("It failed, according to state Division of Gaming Enforcement."),
            None
        );
        assert_eq!(
            found("It failed, according to the state Division of Gaming Enforcement."),
            None
        );
        assert_eq!(found("It failed, according to aide Ann Lee's notes."), None);
    }

    #[test]
    fn anonymous_sources_have_no_speaker() {
        assert_eq!(speaker("A city official said it opens.", "said"), None);
        assert_eq!(speaker("The city's spokesman said it opens.", "said"), None);
    }
}
