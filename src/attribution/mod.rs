//! Attribution: finding the statements in an article and who made them.
//!
//! An article is read twice. The first pass learns every full name it
//! writes, with the titles around it ([`names::NameBook`]), so that a
//! surname resolves to a full name even when the full name comes later.
//! The second pass goes sentence by sentence: a cue ([`cues`]: "said",
//! "told", "according to", …) outside quotation marks is a statement, its
//! speaker phrase is found around it ([`speakers`]), and the phrase is
//! resolved to a person or organization ([`names`], [`coref`]). Direct
//! quotes ([`quotes`]) go to the statement in their sentence, else to the
//! nearest one in their paragraph, else (for a quote running on from the
//! previous paragraph, or after "He said:") to the previous paragraph's
//! speaker. Every passage gets the canonical names of the speakers whose
//! statements lie in it.
//!
//! [`directory`] does the same merging across a whole index.

pub mod coref;
pub mod cues;
pub mod directory;
pub mod names;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;

use crate::article::{Article, Passage, Statement, StatementKind};
use coref::{Discourse, Speaker};
use cues::CueForm;
use names::{Gender, NameBook, NameKind};
use quotes::Quote;
use speakers::{Phrase, SpeakerPhrase};
use std::ops::Range;
use tokens::{is_capitalized, strip_possessive, Token};

/// Everything attribution found in one article.
#[derive(Debug, Default)]
pub struct Attribution {
    pub statements: Vec<Statement>,
    /// For each canonical speaker, the other forms it was written in.
    pub aliases: Vec<(String, Vec<String>)>,
}

/// Finds the statements in `passages` and sets each passage's speakers.
pub fn attribute(_article: &Article, passages: &mut [Passage]) -> Attribution {
    let read: Vec<Buffers> = passages.iter().map(|p| Buffers::of(&p.text)).collect();
    let mut book = NameBook::default();
    let mut evidence = Vec::new();
    let mut mentions = Mentions::default();
    // Headings are article text but not sentences: nobody speaks in them.
    for (passage, buffers) in passages.iter().zip(&read).filter(|(p, _)| !p.is_heading) {
        let seen = Seen {
            book: &mut book,
            evidence: &mut evidence,
            mentions: &mut mentions,
        };
        learn_names(&passage.text, position(passage.number, 0), buffers, seen);
    }
    settle_genders(&mut book, &evidence);
    let mentions = mentions.resolve(&book);
    let mut reader = Reader {
        mentions,
        next_mention: 0,
        discourse: Discourse::new(book.people.len()),
        used: vec![false; book.people.len()],
        book,
        carry: None,
        statements: Vec::new(),
    };
    for (passage, buffers) in passages.iter_mut().zip(&read) {
        if passage.is_heading {
            continue;
        }
        reader.read(passage, buffers);
    }
    Attribution {
        aliases: reader.book.aliases(&reader.used),
        statements: reader.statements,
    }
}

/// The tokens, quotes and sentences of one passage, computed once for
/// both passes.
#[derive(Debug, Default)]
struct Buffers {
    tokens: Vec<Token>,
    quotes: Vec<Quote>,
    sentences: Vec<Range<usize>>,
}

impl Buffers {
    fn of(text: &str) -> Buffers {
        let mut b = Buffers {
            tokens: Vec::with_capacity(text.len() / 4),
            ..Buffers::default()
        };
        tokens::tokenize(text, &mut b.tokens);
        quotes::find(&b.tokens, &mut b.quotes);
        sentences::split(text, &b.tokens, &mut b.sentences);
        b
    }

    fn passage<'a>(&'a self, text: &'a str) -> speakers::Passage<'a> {
        speakers::Passage {
            text,
            tokens: &self.tokens,
            quotes: &self.quotes,
        }
    }
}

/// How many words before a name are kept as its context (titles, roles).
const CONTEXT_BEFORE: usize = 4;
/// How many words of an appositive after a name are kept as its context.
const CONTEXT_AFTER: usize = 8;

/// A position in the article: passage number and token index, in reading
/// order.
fn position(passage: usize, token: usize) -> u64 {
    ((passage as u64 + 1) << 20) + token as u64
}

/// Where the first pass saw each person named: full names by person,
/// single words by surname key until the book is complete.
#[derive(Debug, Default)]
struct Mentions {
    full: Vec<(u64, usize)>,
    surnames: Vec<(u64, String)>,
}

impl Mentions {
    /// All mentions by person, in reading order; a surname shared by two
    /// people is left out.
    fn resolve(self, book: &NameBook) -> Vec<(u64, usize)> {
        let mut all = self.full;
        for (at, key) in self.surnames {
            if let [id] = book.people_with_surname(&key) {
                all.push((at, *id));
            }
        }
        all.sort_unstable();
        all
    }
}

/// What the first pass fills in.
struct Seen<'a> {
    book: &'a mut NameBook,
    evidence: &'a mut Vec<PronounEvidence>,
    mentions: &'a mut Mentions,
}

/// What the first pass saw of pronouns: the names in a sentence and
/// whether it says "he" or "she" (only sentences with one of the two).
#[derive(Debug)]
struct PronounEvidence {
    names: Vec<Vec<String>>,
    gender: Gender,
}

/// First pass: records the full names of a passage with their context,
/// the words written capitalized inside sentences (proper nouns), and
/// which sentences pair names with "he" or "she".
fn learn_names(text: &str, base: u64, buffers: &Buffers, seen: Seen) {
    let Seen {
        book,
        evidence,
        mentions,
    } = seen;
    let p = buffers.passage(text);
    for sentence in &buffers.sentences {
        let mut names_here: Vec<Vec<String>> = Vec::new();
        let (mut male, mut female) = (false, false);
        for w in sentence.clone().filter_map(|k| p.word(k)) {
            match w {
                "he" | "He" | "his" | "His" | "him" | "himself" => male = true,
                "she" | "She" | "her" | "Her" | "hers" | "herself" => female = true,
                _ => {}
            }
        }
        let gendered = male != female;
        let mut i = sentence.start;
        while i < sentence.end {
            if let Some(w) = p.word(i) {
                if i > sentence.start && is_capitalized(w) && !p.is_punct(i - 1, '“') {
                    book.note_proper(w);
                }
            }
            let Some(mut run) = p
                .word(i)
                .filter(|w| is_capitalized(w))
                .and_then(|_| p.name_run_starting_at(i, sentence.end))
            else {
                i += 1;
                continue;
            };
            i = run.end;
            // A sentence-initial adverb is not a first name ("Unfortunately").
            if run.start == sentence.start
                && p.word(run.start)
                    .is_some_and(|w| w.len() > 5 && w.ends_with("ly"))
            {
                run.start += 1;
            }
            for k in run.clone().skip(1) {
                book.note_proper(p.word(k).unwrap_or(""));
            }
            if run.is_empty() {
                continue;
            }
            let mut words: Vec<&str> = run.clone().filter_map(|k| p.word(k)).collect();
            if let Some(last) = words.last_mut() {
                *last = strip_possessive(last).0;
            }
            let at = base + run.start as u64;
            // A single word is a surname (or nothing): no need to parse it.
            if let [word] = words.as_slice() {
                let not_a_name = names::with_lower(word, |l| {
                    names::is_title_word(l) || names::is_demonym(l) || names::is_org_word(l)
                });
                if !not_a_name {
                    mentions.surnames.push((at, names::surname_key(&[word])));
                    if gendered {
                        names_here.push(vec![word.to_string()]);
                    }
                }
                continue;
            }
            // Datelines and headlines in capitals are not names.
            if words.iter().all(|w| is_all_caps(w)) {
                continue;
            }
            let Some(parsed) = names::parse(&words) else {
                continue;
            };
            let NameKind::Person(name) = parsed.kind else {
                continue;
            };
            if name.len() > MAX_NAME_WORDS {
                continue;
            }
            let mut context = parsed.titles;
            context.extend(
                (run.start.saturating_sub(CONTEXT_BEFORE)..run.start)
                    .filter_map(|k| p.word(k))
                    .filter_map(context_word),
            );
            if p.is_punct(run.end, ',') {
                context.extend(
                    (run.end + 1..(run.end + 1 + CONTEXT_AFTER).min(sentence.end))
                        .map_while(|k| p.word(k))
                        .filter_map(context_word),
                );
            }
            if name.len() == 1 {
                mentions.surnames.push((at, names::surname_key(&name)));
            } else if let Some(id) = book.learn(&name, &context) {
                mentions.full.push((at, id));
            }
            if gendered {
                names_here.push(name);
            }
        }
        if gendered && !names_here.is_empty() {
            evidence.push(PronounEvidence {
                names: names_here,
                gender: if male { Gender::Male } else { Gender::Female },
            });
        }
    }
}

/// A word around a name worth keeping to resolve roles later: a title,
/// role or nationality, or a capitalized word (a place: "Ukraine’s").
fn context_word(word: &str) -> Option<String> {
    let word = strip_possessive(word).0;
    if is_capitalized(word) {
        return Some(word.to_lowercase());
    }
    names::with_lower(word, |l| {
        (names::is_title_word(l) || names::is_demonym(l) || speakers::is_person_role(l))
            .then(|| l.to_string())
    })
}

/// Gives a gender to the people whose sentences, when they are the only
/// person named, use one pronoun clearly more than the other.
fn settle_genders(book: &mut NameBook, evidence: &[PronounEvidence]) {
    let mut votes = vec![(0u32, 0u32); book.people.len()];
    for e in evidence {
        let mut ids: Vec<usize> = e.names.iter().filter_map(|n| book.find(n, |_| 0)).collect();
        ids.dedup();
        if let [id] = ids.as_slice() {
            match e.gender {
                Gender::Male => votes[*id].0 += 1,
                Gender::Female => votes[*id].1 += 1,
            }
        }
    }
    for (id, (m, f)) in votes.into_iter().enumerate() {
        if m > 2 * f {
            book.set_gender(id, Gender::Male);
        } else if f > 2 * m {
            book.set_gender(id, Gender::Female);
        }
    }
}

/// Longer runs of capitalized words are headlines, not names.
const MAX_NAME_WORDS: usize = 4;

/// A statement found in a sentence, before it becomes [`Statement`]s.
#[derive(Debug, Clone)]
struct Found {
    sentence: usize,
    /// Token range of the cue ("said"; "according to").
    cue: Range<usize>,
    /// Where the speaker phrase stands relative to the cue.
    position: Position,
    speakers: Vec<(Speaker, String)>,
    /// Token range of the speaker phrase as written.
    written: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    Before,
    After,
    According,
    /// A participle or conjoined verb: content after the cue.
    Clause,
    /// A transcript label ("SMITH: …") or a colon cue carried over.
    Label,
    /// A credit after a dash ("“…” ― Ana Ruiz"): content before it.
    Dash,
}

/// What a paragraph hands to the next one.
#[derive(Debug, Clone)]
struct Carry {
    speakers: Vec<(Speaker, String)>,
    cue: String,
    /// A quote running on (the next paragraph must open with a quote
    /// mark), or a cue ending in a colon (the next paragraph is content).
    quote: bool,
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
}

impl Reader {
    fn read(&mut self, passage: &mut Passage, buffers: &Buffers) {
        let text = passage.text.as_str();
        let p = buffers.passage(text);
        let base = (passage.number as u64 + 1) << 20;
        let mut found: Vec<Found> = Vec::new();
        for (si, sentence) in buffers.sentences.iter().enumerate() {
            self.note_mentions(base + sentence.end as u64);
            let before = found.len();
            for i in sentence.clone() {
                if let Some(f) = self.cue_at(&p, sentence, si, i, &found[before..], base) {
                    for (s, _) in &f.speakers {
                        self.discourse.salient(s.clone(), base + i as u64);
                    }
                    found.push(f);
                }
            }
            if found.len() == before {
                if let Some(phrase) = speakers::sentence_subject(&p, sentence) {
                    let subject = self.resolve(&p, &phrase, None);
                    if let [(s @ Speaker::Person(_), _)] = subject.as_slice() {
                        self.discourse
                            .salient(s.clone(), base + sentence.start as u64);
                    }
                }
            }
        }
        if found.is_empty() {
            if let Some(label) = self.label(&p, base) {
                found.push(label);
            } else if let Some(credit) = self.dash_credit(&p, buffers.sentences.len()) {
                found.push(credit);
            }
        }
        self.emit(passage, buffers, found);
    }

    /// Tells the discourse about the mentions before position `until`.
    fn note_mentions(&mut self, until: u64) {
        while let Some(&(at, id)) = self.mentions.get(self.next_mention) {
            if at >= until {
                break;
            }
            self.discourse.mentioned(id, at);
            self.next_mention += 1;
        }
    }

    /// The statement whose cue is token `i`, if it is one.
    fn cue_at(
        &mut self,
        p: &speakers::Passage,
        sentence: &Range<usize>,
        si: usize,
        i: usize,
        earlier: &[Found],
        base: u64,
    ) -> Option<Found> {
        let word = p.word(i)?;
        let could_be_cue = cues::cue_form(word).is_some() || word.eq_ignore_ascii_case("according");
        if !could_be_cue || p.in_quote(i) {
            return None;
        }
        let (phrase, position, cue) =
            if word.eq_ignore_ascii_case("according") && p.word(i + 1).is_some_and(|w| w == "to") {
                (
                    speakers::according_to(p, sentence, i + 1)?,
                    Position::According,
                    i..i + 2,
                )
            } else {
                let form = cues::cue_form(word)?;
                let prev = i
                    .checked_sub(1)
                    .filter(|&k| k >= sentence.start)
                    .and_then(|k| p.word(k))
                    .map(str::to_lowercase);
                let prev = prev.as_deref();
                // "to say", "was told", "is called": not the speaker's own cue.
                if prev == Some("to")
                    || (form == CueForm::Finite
                        && !word.ends_with('s')
                        && matches!(
                            prev,
                            Some("was" | "were" | "is" | "are" | "be" | "been" | "being")
                        ))
                {
                    return None;
                }
                // "report" is a noun as often as a cue: only with its content.
                if word.starts_with("report")
                    && !(p.word(i + 1) == Some("that")
                        || p.tokens
                            .get(i + 1)
                            .is_some_and(|t| matches!(t.punct, Some(',' | ':' | '“' | '"'))))
                {
                    return None;
                }
                // A bare form ("say", "demand") is a statement after "did"
                // or with a plural subject; otherwise it is most often a noun
                // ("Moscow’s demand") or not said yet ("Moscow could answer").
                if form == CueForm::Base && !matches!(prev, Some("did" | "do" | "does")) {
                    let names = |f: SpeakerPhrase| {
                        f.phrases
                            .iter()
                            .filter(|ph| matches!(ph, Phrase::Name(_)))
                            .count()
                    };
                    if speakers::before(p, sentence, i).map_or(0, names) < 2 {
                        return None;
                    }
                }
                match form {
                    CueForm::Participle => {
                        // "was saying": the subject is before; "…, saying":
                        // the participle continues the clause.
                        let progressive =
                            matches!(prev, Some("was" | "were" | "is" | "are" | "been" | "am"));
                        if let Some(found) = speakers::before(p, sentence, i)
                            .filter(|f| progressive && !f.phrases.contains(&Phrase::Clause))
                        {
                            (found, Position::Before, i..i + 1)
                        } else {
                            let joins_clause = matches!(
                                prev,
                                None | Some("before" | "after" | "while" | "when" | "by" | "and")
                            ) || p.is_punct(i - 1, ',')
                                || prev.is_some_and(|w| {
                                    !matches!(
                                        w,
                                        "a" | "an"
                                            | "the"
                                            | "his"
                                            | "her"
                                            | "their"
                                            | "its"
                                            | "our"
                                            | "of"
                                            | "for"
                                            | "to"
                                            | "about"
                                            | "from"
                                            | "with"
                                            | "on"
                                            | "in"
                                            | "without"
                                            | "this"
                                            | "that"
                                    )
                                });
                            // "…, emphasizing the role of X" describes the
                            // clause's event as often as speech: it needs a
                            // statement before it in the sentence.
                            let weak = cues::is_weak_participle(word) && earlier.is_empty();
                            if !joins_clause || weak {
                                return None;
                            }
                            (
                                SpeakerPhrase {
                                    phrases: vec![Phrase::Clause],
                                    written: i..i,
                                },
                                Position::Clause,
                                i..i + 1,
                            )
                        }
                    }
                    CueForm::Finite | CueForm::Base => {
                        if let Some(found) = speakers::before(p, sentence, i) {
                            let position = if found.phrases.contains(&Phrase::Clause) {
                                Position::Clause
                            } else {
                                Position::Before
                            };
                            (found, position, i..i + 1)
                        } else if form == CueForm::Finite {
                            (speakers::after(p, sentence, i)?, Position::After, i..i + 1)
                        } else {
                            return None;
                        }
                    }
                }
            };
        let clause_speakers = || -> Vec<(Speaker, String)> {
            if let Some(last) = earlier.last() {
                return last.speakers.clone();
            }
            Vec::new()
        };
        let mut speakers = self.resolve(p, &phrase, Some(&clause_speakers));
        if speakers.is_empty() && phrase.phrases.contains(&Phrase::Clause) {
            if let Some(subject) = speakers::sentence_subject(p, sentence) {
                speakers = self.resolve(p, &subject, None);
            }
        }
        if speakers.is_empty() {
            return None;
        }
        let _ = base;
        Some(Found {
            sentence: si,
            cue,
            position,
            speakers,
            written: phrase.written,
        })
    }

    /// Resolves a speaker phrase to speakers, each with the text written
    /// for it.
    fn resolve(
        &mut self,
        p: &speakers::Passage,
        phrase: &SpeakerPhrase,
        clause: Option<&dyn Fn() -> Vec<(Speaker, String)>>,
    ) -> Vec<(Speaker, String)> {
        let written_text = |r: &Range<usize>| -> String {
            if r.is_empty() {
                return String::new();
            }
            p.text[p.tokens[r.start].start..p.tokens[r.end - 1].end].to_string()
        };
        let whole = written_text(&phrase.written);
        let mut out = Vec::new();
        for ph in &phrase.phrases {
            match ph {
                Phrase::Name(range) => {
                    let written = if phrase.phrases.len() == 1 {
                        whole.clone()
                    } else {
                        written_text(range)
                    };
                    if let Some(s) = self.resolve_name(p, range) {
                        out.push((s, written));
                    }
                }
                Phrase::Pronoun(i) => {
                    let w = p.word(*i).unwrap_or("");
                    let gender = if w.starts_with("she") || w.starts_with("She") {
                        Gender::Female
                    } else {
                        Gender::Male
                    };
                    if let Some(s) = self.discourse.pronoun(&self.book, gender) {
                        out.push((s, w.to_string()));
                    }
                }
                Phrase::Role(range) => {
                    let words: Vec<String> = range
                        .clone()
                        .filter_map(|k| p.word(k))
                        .map(|w| w.to_lowercase())
                        .collect();
                    if let Some(s) = self.discourse.role(&self.book, &words) {
                        out.push((s, whole.clone()));
                    }
                }
                Phrase::Clause => {
                    if let Some(clause) = clause {
                        out.extend(clause());
                    }
                }
            }
        }
        out
    }

    /// The speaker a run of capitalized words names.
    fn resolve_name(&mut self, p: &speakers::Passage, range: &Range<usize>) -> Option<Speaker> {
        let mut words: Vec<&str> = range.clone().filter_map(|k| p.word(k)).collect();
        if let Some(last) = words.last_mut() {
            *last = strip_possessive(last).0;
        }
        // Datelines and headlines in capitals ("MIDWAY ATOLL —").
        if words.len() > 1 && words.iter().all(|w| is_all_caps(w)) {
            return None;
        }
        // A single word that names someone of the article (the common
        // case: "Witkoff said") needs no parsing.
        if let [word] = words.as_slice() {
            let is_name = names::can_be_in_name(word)
                && !names::with_lower(word, |l| {
                    names::is_title_word(l) || names::is_demonym(l) || names::is_org_word(l)
                });
            if is_name {
                let d = &self.discourse;
                if let Some(id) = self.book.find(&[*word], |id| d.last_mention(id)) {
                    self.book.add_short_form(id, word);
                    self.used[id] = true;
                    return Some(Speaker::Person(id));
                }
            }
        }
        let parsed = names::parse(&words)?;
        match parsed.kind {
            NameKind::Organization(name) => Some(Speaker::Named {
                name,
                organization: true,
            }),
            NameKind::Person(name) => {
                let d = &self.discourse;
                if let Some(id) = self.book.find(&name, |id| d.last_mention(id)) {
                    if name.len() == 1 {
                        self.book.add_short_form(id, &name[0]);
                    } else {
                        let written = name.join(" ");
                        if self.book.people[id].name() != written {
                            self.book.add_short_form(id, &written);
                        }
                    }
                    self.used[id] = true;
                    return Some(Speaker::Person(id));
                }
                if name.len() == 1 && !(looks_like_name(&name[0]) && self.book.is_proper(&name[0]))
                {
                    return None;
                }
                if name.len() > 1 && name.iter().all(|w| is_all_caps(w)) {
                    return None;
                }
                Some(Speaker::Named {
                    name: name.join(" "),
                    organization: false,
                })
            }
        }
    }

    /// A transcript label opening the passage ("SMITH: …", "Jo Smith: …")
    /// naming a person the article names.
    fn label(&mut self, p: &speakers::Passage, base: u64) -> Option<Found> {
        let n = p.tokens.len();
        // A label may stand inside the opening quote of a transcript.
        let start = p
            .tokens
            .iter()
            .take_while(|t| matches!(t.punct, Some('“' | '"')))
            .count();
        let run = p.name_run_starting_at(start, n.min(start + 4))?;
        if !p.is_punct(run.end, ':') || run.end + 1 >= n {
            return None;
        }
        let words: Vec<&str> = run.clone().filter_map(|k| p.word(k)).collect();
        let NameKind::Person(name) = names::parse(&words)?.kind else {
            return None;
        };
        let d = &self.discourse;
        let id = self.book.find(&name, |id| d.last_mention(id))?;
        self.used[id] = true;
        self.discourse.salient(Speaker::Person(id), base);
        Some(Found {
            sentence: 0,
            cue: run.end..run.end + 1,
            position: Position::Label,
            speakers: vec![(Speaker::Person(id), words.join(" "))],
            written: run,
        })
    }

    /// A quote credited after a dash at the end of its passage ("“…” ―
    /// Ana Ruiz"), the style of quote collections and epigraphs.
    fn dash_credit(&mut self, p: &speakers::Passage, sentences: usize) -> Option<Found> {
        let n = p.tokens.len();
        let mut last = n.checked_sub(1)?;
        if p.is_punct(last, '.') {
            last = last.checked_sub(1)?;
        }
        let run = p.name_run_ending_at(0, last)?;
        let dash = run.start.checked_sub(1)?;
        let is_dash = p.tokens[dash]
            .punct
            .is_some_and(|c| matches!(c, '―' | '—' | '–' | '-'));
        let quoted = |k: usize| {
            p.tokens
                .get(k)
                .is_some_and(|t| matches!(t.punct, Some('“' | '”' | '"')))
        };
        if !is_dash || run.len() > MAX_NAME_WORDS || !(quoted(0) || dash > 0 && quoted(dash - 1)) {
            return None;
        }
        let speaker = self.resolve_name(p, &run)?;
        Some(Found {
            sentence: sentences.checked_sub(1)?,
            cue: dash..dash + 1,
            position: Position::Dash,
            written: run.clone(),
            speakers: vec![(
                speaker,
                p.text[p.tokens[run.start].start..p.tokens[run.end - 1].end].to_string(),
            )],
        })
    }

    /// Turns what was found in a passage into statements and the
    /// passage's speakers.
    fn emit(&mut self, passage: &mut Passage, buffers: &Buffers, mut found: Vec<Found>) {
        let text = passage.text.as_str();
        let p = buffers.passage(text);
        let tokens = &buffers.tokens;
        let sentences = &buffers.sentences;
        let carry = self.carry.take();

        // A cue ending the passage with a colon ("Smith added:") speaks in
        // the next passage.
        let mut next_carry: Option<Carry> = None;
        if let Some(last) = found.last() {
            let after = last.cue.end.max(last.written.end);
            let colon_at_end = (after..tokens.len()).all(|k| !tokens[k].is_word())
                && (after..tokens.len()).any(|k| p.is_punct(k, ':'));
            if colon_at_end && last.position != Position::After {
                let last = found.pop().expect("non-empty");
                next_carry = Some(Carry {
                    cue: cue_text(text, tokens, &last.cue),
                    speakers: last.speakers,
                    quote: false,
                });
            }
        }

        let mut statements: Vec<Statement> = Vec::new();
        let add = |st: Statement, statements: &mut Vec<Statement>| {
            if !statements.contains(&st) {
                statements.push(st);
            }
        };
        let absolute = |r: Range<usize>| passage.start + r.start..passage.start + r.end;

        // Which found statement each quote belongs to.
        let mut quote_owner: Vec<Option<usize>> = vec![None; buffers.quotes.len()];
        for (qi, q) in buffers.quotes.iter().enumerate() {
            let q_last = q.last_token(tokens.len());
            let in_sentence = |f: &Found| {
                let s = &sentences[f.sentence];
                q.open < s.end && q_last >= s.start
            };
            quote_owner[qi] = found
                .iter()
                .position(|f| in_sentence(f) && !q.contains(f.cue.start))
                .or_else(|| {
                    // The nearest statement before the quote, else after it.
                    found
                        .iter()
                        .rposition(|f| f.cue.start < q.open)
                        .or_else(|| found.iter().position(|f| f.cue.start > q_last))
                });
        }

        for (fi, f) in found.iter().enumerate() {
            let sentence = &sentences[f.sentence];
            let content = content_range(&p, sentence, f);
            let quoted: Vec<&Quote> = buffers
                .quotes
                .iter()
                .zip(&quote_owner)
                .filter(|(_, o)| **o == Some(fi))
                .map(|(q, _)| q)
                .collect();
            let quoted_bytes: usize = quoted
                .iter()
                .map(|q| overlap(q.start..q.end, content.clone()))
                .sum();
            let direct = !quoted.is_empty() && quoted_bytes * 2 >= content.len();
            let cue = cue_text(text, tokens, &f.cue);
            for (speaker, written) in &f.speakers {
                let canonical = speaker.canonical(&self.book).to_string();
                let make = |range: Range<usize>, kind| Statement {
                    passage: passage.number,
                    start: absolute(range.clone()).start,
                    end: absolute(range).end,
                    kind,
                    cue: cue.clone(),
                    speaker_text: written.clone(),
                    speaker: canonical.clone(),
                };
                if !direct && !content.is_empty() {
                    add(
                        make(content.clone(), StatementKind::Reported),
                        &mut statements,
                    );
                }
                for q in &quoted {
                    let inside = overlap(q.start..q.end, content.clone()) > 0;
                    if direct || !inside {
                        add(make(q.start..q.end, StatementKind::Direct), &mut statements);
                    }
                }
            }
        }

        // A passage with no cue of its own continues the previous one: a
        // quote running on, or the content announced by "He said:".
        if found.is_empty() {
            if let Some(carry) = &carry {
                let opens_with_quote = tokens
                    .first()
                    .is_some_and(|t| matches!(t.punct, Some('“' | '"')));
                let ranges: Vec<(Range<usize>, StatementKind)> = if carry.quote {
                    if opens_with_quote {
                        buffers
                            .quotes
                            .iter()
                            .map(|q| (q.start..q.end, StatementKind::Direct))
                            .collect()
                    } else {
                        Vec::new()
                    }
                } else if opens_with_quote {
                    buffers
                        .quotes
                        .iter()
                        .map(|q| (q.start..q.end, StatementKind::Direct))
                        .collect()
                } else {
                    vec![(0..text.len(), StatementKind::Reported)]
                };
                for (range, kind) in ranges {
                    for (speaker, written) in &carry.speakers {
                        add(
                            Statement {
                                passage: passage.number,
                                start: absolute(range.clone()).start,
                                end: absolute(range.clone()).end,
                                kind,
                                cue: carry.cue.clone(),
                                speaker_text: written.clone(),
                                speaker: speaker.canonical(&self.book).to_string(),
                            },
                            &mut statements,
                        );
                    }
                }
                if !statements.is_empty() {
                    for (s, _) in &carry.speakers {
                        self.discourse
                            .salient(s.clone(), ((passage.number as u64) + 1) << 20);
                    }
                }
                // A quote still open at the end runs on further.
                if statements.iter().any(|s| s.kind == StatementKind::Direct)
                    && buffers.quotes.last().is_some_and(|q| q.close.is_none())
                {
                    next_carry = Some(Carry {
                        quote: true,
                        ..carry.clone()
                    });
                }
            }
        }

        // A quote still open at the end of the passage runs on.
        if next_carry.is_none() {
            if let (Some(q), Some(owner)) = (buffers.quotes.last(), quote_owner.last()) {
                if let (None, Some(fi)) = (q.close, owner) {
                    let f = &found[*fi];
                    next_carry = Some(Carry {
                        speakers: f.speakers.clone(),
                        cue: cue_text(text, tokens, &f.cue),
                        quote: true,
                    });
                }
            }
        }
        self.carry = next_carry;

        for st in &statements {
            if !passage.speakers.contains(&st.speaker) {
                passage.speakers.push(st.speaker.clone());
            }
        }
        self.statements.extend(statements);
    }
}

/// Whether a single capitalized word that names no one the article names
/// in full can still be a speaker's name: not a plural common noun that
/// starts a sentence ("Officials said").
fn looks_like_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    if !is_capitalized(word) {
        return false;
    }
    let common_plural = lower.ends_with('s')
        && (speakers::is_person_role(lower.trim_end_matches('s'))
            || matches!(
                lower.as_str(),
                "sources"
                    | "officials"
                    | "analysts"
                    | "experts"
                    | "critics"
                    | "supporters"
                    | "democrats"
                    | "republicans"
                    | "residents"
                    | "witnesses"
                    | "authorities"
                    | "observers"
                    | "others"
                    | "voters"
                    | "lawmakers"
                    | "diplomats"
                    | "protesters"
                    | "polls"
                    | "reports"
                    | "documents"
                    | "records"
                    | "studies"
                    | "surveys"
            ));
    !common_plural
        && !matches!(
            lower.as_str(),
            "police" | "people" | "everyone" | "nobody" | "someone" | "anyone"
        )
}

/// "MIDWAY", "NATO": a word in capitals (a dateline or an acronym).
fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}

/// The cue's words as written ("said", "according to", ":").
fn cue_text(text: &str, tokens: &[Token], cue: &Range<usize>) -> String {
    text[tokens[cue.start].start..tokens[cue.end - 1].end].to_string()
}

fn overlap(a: Range<usize>, b: Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The byte range of a statement's content in its sentence: what the
/// speaker said, without the speaker phrase and the cue.
fn content_range(p: &speakers::Passage, sentence: &Range<usize>, f: &Found) -> Range<usize> {
    let tokens = p.tokens;
    let bytes = |r: Range<usize>| -> Range<usize> {
        // Trim punctuation at both ends, but keep quotation marks and
        // closing stops inside.
        let mut r = r;
        while r.start < r.end
            && tokens[r.start]
                .punct
                .is_some_and(|c| matches!(c, ',' | ':' | ';' | '—' | '–' | '-'))
        {
            r.start += 1;
        }
        while r.end > r.start
            && tokens[r.end - 1]
                .punct
                .is_some_and(|c| matches!(c, ',' | ':' | ';' | '—' | '–' | '-'))
        {
            r.end -= 1;
        }
        if r.is_empty() {
            return 0..0;
        }
        tokens[r.start].start..tokens[r.end - 1].end
    };
    let words_in = |r: Range<usize>| r.filter(|&k| tokens[k].is_word()).count();
    let mut after_cue = f.cue.end.max(if f.position == Position::After {
        f.written.end
    } else {
        f.cue.end
    });
    // "said on Monday that …": the content starts after "that".
    if let Some(that) = (after_cue..(after_cue + 6).min(sentence.end))
        .take_while(|&k| p.tokens[k].is_word())
        .find(|&k| p.word(k) == Some("that"))
    {
        after_cue = that + 1;
    }
    let after = after_cue..sentence.end;
    match f.position {
        Position::After => bytes(sentence.start..f.cue.start),
        Position::Dash => {
            let mut start = 0;
            while start < f.cue.start && tokens[start].punct.is_some() {
                start += 1;
            }
            let mut end = f.cue.start;
            while end > start
                && tokens[end - 1]
                    .punct
                    .is_some_and(|c| matches!(c, '”' | '"'))
            {
                end -= 1;
            }
            bytes(start..end)
        }
        Position::According => {
            let phrase_end = f.written.end;
            if words_in(sentence.start..f.cue.start) >= 3 {
                bytes(sentence.start..f.cue.start)
            } else {
                bytes(phrase_end..sentence.end)
            }
        }
        Position::Clause | Position::Label => bytes(after),
        Position::Before => {
            let before = sentence.start..f.written.start;
            let before_ends_content = f.written.start > sentence.start
                && tokens[f.written.start - 1]
                    .punct
                    .is_some_and(|c| matches!(c, ',' | '”' | '"'));
            let after_is_clause = p.word(f.cue.end).is_some_and(|w| w == "that")
                || (words_in(after.clone()) >= 5
                    && !p.word(after_cue).is_some_and(|w| {
                        matches!(
                            w,
                            "in" | "on" | "at" | "during" | "late" | "earlier" | "later" | "to"
                        )
                    }));
            // "“…,” Ushakov told state television, referring to …": the
            // quote before the speaker is the content.
            let quote_before = f.written.start > sentence.start
                && tokens[f.written.start - 1]
                    .punct
                    .is_some_and(|c| matches!(c, '”' | '"'));
            let after_is_clause = after_is_clause && !quote_before;
            if before_ends_content && words_in(before.clone()) >= 3 && !after_is_clause {
                bytes(before)
            } else {
                bytes(after)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passages;

    fn analyze(text: &str) -> (Vec<Passage>, Attribution) {
        let article = Article {
            body: text.to_string(),
            ..Article::default()
        };
        let mut ps = passages::split(&article);
        let found = attribute(&article, &mut ps);
        (ps, found)
    }

    fn speakers_of(text: &str) -> Vec<Vec<String>> {
        analyze(text).0.into_iter().map(|p| p.speakers).collect()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
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
    fn name_said_that_and_pronoun() {
        assert_eq!(
            speakers_of("Maria Lopez said that the plan works.\n\nShe added that more was needed."),
            [names(&["Maria Lopez"]), names(&["Maria Lopez"])]
        );
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
            analyze("“We will build it,” Mayor Ana Ruiz said, “and we will pay for it.”");
        assert_eq!(ps[0].speakers, names(&["Ana Ruiz"]));
        let direct: Vec<&str> = found
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Direct)
            .map(|s| &ps[0].text[s.start..s.end])
            .collect();
        assert_eq!(direct, ["We will build it,", "and we will pay for it."]);
        assert_eq!(found.statements[0].speaker_text, "Mayor Ana Ruiz");
    }

    #[test]
    fn quote_before_the_speaker_is_the_statement() {
        let (ps, found) = analyze(
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
    fn definite_role_resolves_by_title() {
        assert_eq!(
            speakers_of(
                "Ruritania’s President Ivan Sokol met Olga Dam. Dam said the talks went well. The Ruritanian leader said little."
            ),
            [names(&["Olga Dam", "Ivan Sokol"])]
        );
    }

    #[test]
    fn spelling_variants_in_one_article_merge() {
        let (ps, found) = analyze(
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
}
