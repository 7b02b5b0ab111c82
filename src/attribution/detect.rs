//! Statement detection: the second reading, sentence by sentence. A cue
//! outside quotation marks ([`cues`](super::cues)) with a speaker phrase
//! around it ([`speakers`](super::speakers)) is a statement; so is a
//! transcript label ("SMITH: …") or a credit after a dash ("“…” ― Ana
//! Ruiz"). Speakers are resolved by [`link`](super::link) as they are
//! found, so that the discourse knows who spoke last.

use super::coref::Speaker;
use super::cues::{self, CueForm};
use super::learn::MAX_NAME_WORDS;
use super::names::{self, NameKind};
use super::speakers::{self, Phrase, SpeakerPhrase};
use super::tokens::{is_capitalized, strip_possessive};
use super::{Buffers, Reader};
use crate::article::Passage;
use crate::calendar;
use std::ops::Range;

/// A statement found in a sentence, before it becomes [`Statement`]s.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) sentence: usize,
    /// Token range of the cue ("said"; "according to").
    pub(super) cue: Range<usize>,
    /// Where the speaker phrase stands relative to the cue.
    pub(super) position: Position,
    pub(super) speakers: Vec<(Speaker, String)>,
    /// Token range of the speaker phrase as written.
    pub(super) written: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Position {
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

impl Reader {
    pub(super) fn read(&mut self, passage: &mut Passage, buffers: &Buffers) {
        let text = passage.text.as_str();
        let p = buffers.passage(text);
        let base = (passage.number as u64 + 1) << 20;
        let mut found: Vec<Found> = Vec::new();
        for (si, sentence) in buffers.sentences.iter().enumerate() {
            self.here = base + sentence.start as u64;
            self.note_mentions(base + sentence.end as u64, |at| {
                at >= base && p.in_quote((at - base) as usize)
            });
            let before = found.len();
            for i in sentence.clone() {
                if let Some(f) = self.cue_at(&p, sentence, si, i, &found[before..], base) {
                    // "Roe was asked by Finn whether …", "Asked by Finn
                    // whether …, Roe said": the one asked, not the asker,
                    // is who answers and whom "he" or "she" means next.
                    let asked_by = f.position == Position::Label && p.lower_is_any(i + 1, &["by"]);
                    if !asked_by {
                        for (s, _) in &f.speakers {
                            self.discourse.salient(s.clone(), base + i as u64);
                        }
                    } else if i > sentence.start {
                        if let Some(phrase) = sentence_subject(&p, sentence, i) {
                            for (s, _) in self.resolve(&p, &phrase, None) {
                                self.discourse.salient(s, base + i as u64);
                            }
                        }
                    }
                    found.push(f);
                }
            }
            if found.len() == before {
                if let Some(f) = self.colon_quotation(&p, sentence, si) {
                    for (s, _) in &f.speakers {
                        self.discourse
                            .salient(s.clone(), base + sentence.start as u64);
                    }
                    found.push(f);
                }
            }
            if found.len() == before {
                // The subject of a sentence inside a quotation is the
                // quoted speaker's, not whom a later pronoun means (as
                // `note_mentions` leaves such names out).
                let subject = sentence_subject(&p, sentence, sentence.end)
                    .filter(|phrase| !p.in_quote(phrase.written.start));
                if let Some(phrase) = subject {
                    let subject = self.resolve(&p, &phrase, None);
                    if let [(s @ Speaker::Person(_), _)] = subject.as_slice() {
                        self.discourse
                            .salient(s.clone(), base + sentence.start as u64);
                    }
                }
            }
        }
        // A list item or table cell holds labels, not transcripts.
        if found.is_empty() {
            let label = (!passage.is_item).then(|| self.label(&p, base)).flatten();
            if let Some(label) = label {
                found.push(label);
            } else if let Some(credit) = self.dash_credit(&p, buffers.sentences.len()) {
                found.push(credit);
            } else if let Some(announced) = self.announced_statement(&p, &buffers.sentences) {
                found.push(announced);
            }
        }
        self.emit(passage, buffers, found);
    }

    /// Tells the discourse about the mentions before position `until`;
    /// a person named only inside a quotation (`quoted`) is the quoted
    /// speaker's subject, not someone a later pronoun refers to.
    pub(super) fn note_mentions(&mut self, until: u64, quoted: impl Fn(u64) -> bool) {
        while let Some(&(at, id)) = self.mentions.get(self.next_mention) {
            if at >= until {
                break;
            }
            if !quoted(at) {
                self.discourse.mentioned(id, at);
            }
            self.next_mention += 1;
        }
        while let Some((at, name)) = self.organizations.get(self.next_organization) {
            if *at >= until {
                break;
            }
            self.discourse.organization_mentioned(name, *at);
            self.next_organization += 1;
        }
    }

    /// The statement whose cue is token `i`, if it is one.
    pub(super) fn cue_at(
        &mut self,
        p: &speakers::Passage,
        sentence: &Range<usize>,
        si: usize,
        i: usize,
        earlier: &[Found],
        base: u64,
    ) -> Option<Found> {
        let word = p.word(i)?;
        // "Asked by Al Finn whether …, Roe said": the agent asked.
        if word == "Asked" && i == sentence.start && !p.in_quote(i) {
            return self.asked_by(p, sentence, si, i);
        }
        // "Said Jo Roe: “…”": a sentence opened by the cue, the speaker
        // after it (read as "said" with the speaker after it).
        let mut opening_speaker =
            (i == sentence.start && matches!(word, "Said" | "Says") && !p.in_quote(i))
                .then(|| speakers::after_opening_cue(p, sentence, i))
                .flatten();
        let opening;
        let word = if opening_speaker.is_some() {
            opening = word.to_lowercase();
            opening.as_str()
        } else {
            word
        };
        // Every cue is a lower-case word ([`cues::cue_form`]) but
        // "According (to)": names and numbers are none.
        if !word.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            && !word.eq_ignore_ascii_case("according")
        {
            return None;
        }
        // Looked up once: asked of every word of the article.
        let cue_word = cues::cue_word(word);
        if cue_word.finding && !p.in_quote(i) && !cues::is_writers_question(p, sentence) {
            if let Some(found) = self.document_finding(p, sentence, si, i) {
                return Some(found);
            }
        }
        let cue_form = cue_word.form;
        // "“Go back,” Roe barked": a verb of manner credits a quotation.
        let credit = cue_form.is_none() && cues::credits_a_quotation(p, sentence, i);
        // "spoke about how …": talking, with a question clause as content.
        let talking = cue_word
            .talk
            .and_then(|talk| cues::talks_about_a_question(p, i, talk));
        let could_be_cue = cue_form.is_some()
            || credit
            || talking.is_some()
            || word.eq_ignore_ascii_case("according");
        if !could_be_cue || p.in_quote(i) || cues::is_writers_question(p, sentence) {
            return None;
        }
        // "Roe went on to say …": the subject of the verb of going on.
        let going_on = (cue_form == Some(CueForm::Base) && i > sentence.start)
            .then(|| going_on_before(p, sentence, i - 1))
            .flatten();
        let (phrase, position, cue) =
            if word.eq_ignore_ascii_case("according") && p.word(i + 1).is_some_and(|w| w == "to") {
                (
                    speakers::according_to(p, sentence, i + 1)?,
                    Position::According,
                    i..i + 2,
                )
            } else if let Some(lead) = going_on {
                let subject = speakers::before(p, sentence, lead)
                    .filter(|f| !f.phrases.contains(&Phrase::Clause))?;
                (subject, Position::Before, i..i + 1)
            } else {
                let form = cue_form.or(credit.then_some(CueForm::Finite)).or(talking)?;
                let prev = i
                    .checked_sub(1)
                    .filter(|&k| k >= sentence.start)
                    .and_then(|k| p.word(k))
                    .map(names::lowercase);
                let prev = prev.as_deref();
                // "Roe was asked by host Al Finn whether …": the agent
                // after "by" asked, with the question after the name.
                if matches!(word, "asked" | "told" | "urged" | "warned" | "advised")
                    && matches!(prev, Some("was" | "were" | "been" | "being"))
                {
                    return self.asked_by(p, sentence, si, i);
                }
                // "to say", "was told", "is called": not the speaker's own cue.
                // "have claims", "will states": a third-person form after
                // an auxiliary is a plural noun; not after a surname that
                // is also a modal ("George Will says", "Mrs May says").
                if prev == Some("to")
                    || (prev.is_some_and(|w| cues::is_third_person_after_auxiliary(word, w))
                        && !p.is_name_word(i - 1))
                    || (form == CueForm::Finite
                        && !word.ends_with('s')
                        && matches!(
                            prev,
                            Some("was" | "were" | "is" | "are" | "be" | "been" | "being")
                        ))
                {
                    return None;
                }
                // "report" is a noun as often as a cue: only with its content,
                // after it or before it ("…, the Daily Post reported.").
                if word.starts_with("report")
                    && !(p.word(i + 1) == Some("that")
                        || p.tokens
                            .get(i + 1)
                            .is_some_and(|t| matches!(t.punct, Some(',' | ':' | '“' | '"')))
                        || reports_what_came_before(p, sentence, i))
                {
                    return None;
                }
                // "pointed out that …" is speech; "pointed to the data" is not.
                if word.starts_with("point") && p.word(i + 1) != Some("out") {
                    return None;
                }
                // "as Roe put it: “…”" is speech; "put it in the shed" is not.
                if matches!(word, "put" | "puts") && !cues::puts_it(p, i) {
                    return None;
                }
                // "rejected the notion that …" is speech; "rejected the bill" is not.
                if word.starts_with("reject") && !cues::rejects_a_claim(p, sentence, i) {
                    return None;
                }
                // "continued to rise", "continued the tradition": speech only
                // when content or the end of the clause follows ("he
                // continued, “…”", "“…,” he continued.").
                if word.starts_with("continue")
                    && !(p.word(i + 1) == Some("that")
                        || p.tokens
                            .get(i + 1)
                            .is_none_or(|t| matches!(t.punct, Some(',' | ':' | '“' | '"' | '.'))))
                {
                    return None;
                }
                // "added to the list", "did not respond"; "declared victory",
                // "charges fees": no speech (see `cues::needs_content`).
                let before: Vec<&str> = (sentence.start.max(i.saturating_sub(3))..i)
                    .filter_map(|k| p.word(k))
                    .collect();
                if p.word(i + 1)
                    .is_some_and(|next| cues::is_not_speech_before(word, next))
                    || cues::is_unmade_reply(word, &before)
                    || cues::calls_without_speech(p, sentence, i)
                    || cues::charges_without_speech(p, sentence, i)
                    || cues::said_to_do(p, sentence, i)
                {
                    return None;
                }
                // A bare form ("say", "demand") is a statement after "did"
                // or with a plural subject; otherwise it is most often a noun
                // ("Moscow’s demand") or not said yet ("Moscow could answer").
                if form == CueForm::Base && !matches!(prev, Some("did" | "do" | "does")) {
                    // A party is plural too ("the Lib Dems say").
                    let names = |f: SpeakerPhrase| {
                        f.phrases
                            .iter()
                            .map(|ph| match ph {
                                Phrase::Name(run) if speakers::names_a_party(p, run) => 2,
                                Phrase::Name(_) => 1,
                                _ => 0,
                            })
                            .sum::<usize>()
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
                        // "…, with Ana Roe calling it a “menu”": the name
                        // after "with" is the participle's subject.
                        let with_subject = p
                            .name_run_ending_at(sentence.start, i - 1)
                            .filter(|run| {
                                run.start > sentence.start
                                    && p.lower_is_any(run.start - 1, &["with"])
                                    && p.word(i - 1).is_some_and(|w| !strip_possessive(w).1)
                            })
                            .map(|run| SpeakerPhrase {
                                phrases: vec![Phrase::Name(run.clone())],
                                written: run,
                            });
                        if let Some(found) = with_subject.or_else(|| {
                            speakers::before(p, sentence, i)
                                .filter(|f| progressive && !f.phrases.contains(&Phrase::Clause))
                        }) {
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
                                            | "these"
                                            | "those"
                                            | "worth"
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
                        let found = speakers::before(p, sentence, i);
                        // "the Paris attacks", "in several Midwest states":
                        // the name modifies a plural noun.
                        if let Some(SpeakerPhrase { phrases, written }) = &found {
                            if let Some(Phrase::Name(run)) = phrases.last() {
                                if cues::heads_a_noun_phrase(p, sentence, i, run, written)
                                    || cues::names_a_thing(p, sentence, i, written)
                                {
                                    return None;
                                }
                            }
                        }
                        if let Some(found) = found {
                            let position = if found.phrases.contains(&Phrase::Clause) {
                                Position::Clause
                            } else {
                                Position::Before
                            };
                            (found, position, i..i + 1)
                        } else if form == CueForm::Finite {
                            let found = speakers::after(p, sentence, i)
                                .or_else(|| opening_speaker.take())?;
                            (found, Position::After, i..i + 1)
                        } else {
                            return None;
                        }
                    }
                }
            };
        // "put it": the "it" belongs to the cue, not to what was said.
        let cue = if matches!(word, "put" | "puts") {
            cue.start..cue.end.max(i + 2)
        } else {
            cue
        };
        // "declared victory", "charges fees": no content after the cue, and
        // none before its speaker ("…, Lind insisted Thursday").
        let content_before = phrase.written.start > sentence.start + MIN_CLAUSE_TOKENS
            && p.is_punct(phrase.written.start - 1, ',');
        if position == Position::Before
            && cues::needs_content(word)
            && !content_before
            && !cues::content_follows(p, sentence, i)
        {
            return None;
        }
        if cues::is_naming_verb(word) && !cues::names_a_complement(p, sentence, i) {
            return None;
        }
        if cues::addresses_a_topic(p, sentence, i) {
            return None;
        }
        // "denied the claims that Roe made": the object's relative clause.
        if cues::object_has_relative_clause(p, sentence, i) {
            return None;
        }
        if position == Position::Before && is_inside_reported_clause(p, earlier, &phrase.written) {
            return None;
        }
        let clause_speakers = || -> Vec<(Speaker, String)> {
            if let Some(last) = earlier.last() {
                return last.speakers.clone();
            }
            Vec::new()
        };
        let mut speakers = self.resolve(p, &phrase, Some(&clause_speakers));
        if speakers.is_empty() && phrase.phrases.contains(&Phrase::Clause) {
            if let Some(subject) = sentence_subject(p, sentence, i) {
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

    /// The statement at `cue` of whom `phrase` names, in sentence `si`;
    /// `None` when it names nobody.
    fn found_by(
        &mut self,
        p: &speakers::Passage,
        phrase: SpeakerPhrase,
        si: usize,
        cue: Range<usize>,
        position: Position,
    ) -> Option<Found> {
        let speakers = self.resolve(p, &phrase, None);
        if speakers.is_empty() {
            return None;
        }
        Some(Found {
            sentence: si,
            cue,
            position,
            speakers,
            written: phrase.written,
        })
    }

    /// "A survey by Acme found that …": the finding at `verb` is the
    /// statement of the organization that made the document.
    fn document_finding(
        &mut self,
        p: &speakers::Passage,
        sentence: &Range<usize>,
        si: usize,
        verb: usize,
    ) -> Option<Found> {
        let phrase = document_maker(p, sentence, verb)?;
        if !cues::content_follows(p, sentence, verb) {
            return None;
        }
        self.found_by(p, phrase, si, verb..verb + 1, Position::Before)
    }

    /// A transcript label opening the passage ("SMITH: …", "Jo Smith: …")
    /// naming a person the article names outside labels, followed by
    /// running speech: not a glossary, recipe or address label ("Vanilla
    /// Extract: …", "Dr. Lind: 12 High Street") nor a "Name: Headline".
    pub(super) fn label(&mut self, p: &speakers::Passage, base: u64) -> Option<Found> {
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
        if !self.named_outside_labels.contains(&id) || !is_running_speech(p, run.end + 1) {
            return None;
        }
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

    /// "Donald Trump issued the following statement:", "Roe released a
    /// statement:": a paragraph that ends by announcing
    /// a statement of its sentence's subject, with no cue of its own; the
    /// next paragraph is the statement ([`emit`](super::emit) carries it
    /// on, as after "He added:"). Its cue is the words between the
    /// subject and the colon.
    pub(super) fn announced_statement(
        &mut self,
        p: &speakers::Passage,
        sentences: &[Range<usize>],
    ) -> Option<Found> {
        let si = sentences.len().checked_sub(1)?;
        let sentence = &sentences[si];
        let colon = sentence.end.checked_sub(1)?;
        if !p.is_punct(colon, ':') || colon + 1 != p.tokens.len() {
            return None;
        }
        // "the following:" alone announces lists as often ("has to
        // accomplish the following:"): a statement is named.
        let announces = (sentence.start..colon).any(|k| p.lower_is_any(k, &["statement"]));
        if !announces {
            return None;
        }
        let phrase = sentence_subject(p, sentence, colon)?;
        if phrase.written.end >= colon {
            return None;
        }
        let cue = phrase.written.end..colon;
        self.found_by(p, phrase, si, cue, Position::Label)
    }

    /// "Roe was asked by host Al Finn whether …", "was told by Sen. Ana
    /// Ruiz that …": the agent of a passive verb of asking or telling at
    /// `i` is the speaker when content follows the agent (a "that",
    /// "whether", "if", question-word or "to" clause, or a quotation);
    /// "was warned by the umpire." has none.
    fn asked_by(
        &mut self,
        p: &speakers::Passage,
        sentence: &Range<usize>,
        si: usize,
        i: usize,
    ) -> Option<Found> {
        let phrase = speakers::agent_after_by(p, sentence, i + 1)?;
        let next = phrase.written.end;
        let content = p.lower_is_any(
            next,
            &[
                "that", "whether", "if", "why", "how", "what", "when", "where", "who", "to",
                "about",
            ],
        ) || (p.is_punct(next, ',') || p.is_punct(next, ':'))
            && p.tokens
                .get(next + 1)
                .is_some_and(|t| matches!(t.punct, Some('“' | '"')));
        if !content {
            return None;
        }
        self.found_by(p, phrase, si, i..i + 1, Position::Label)
    }

    /// "Roe had a blunt message for the council: “…”", "Roe has since
    /// apologized: “…”": a sentence with no cue whose clause ends on a
    /// colon that opens a quotation introduces that quotation as its
    /// subject's words. The subject must be a person or organization
    /// the sentence opens with ("The delay does not surprise Roe: “…”"
    /// and "The sign read: “…”" have none), and the clause holds no
    /// quotation of its own (a title or a scare quote).
    fn colon_quotation(
        &mut self,
        p: &speakers::Passage,
        sentence: &Range<usize>,
        si: usize,
    ) -> Option<Found> {
        let colon = (sentence.start..sentence.end).find(|&k| p.is_punct(k, ':'))?;
        let opens_quote = p
            .tokens
            .get(colon + 1)
            .is_some_and(|t| matches!(t.punct, Some('“' | '"')));
        let quote = p.quotes.iter().find(|q| q.open == colon + 1)?;
        // "…: “…,” the pitch says.": the quotation is someone else's.
        let ends_sentence = (quote.last_token(p.tokens.len()) + 1..sentence.end)
            .all(|k| p.tokens[k].punct.is_some());
        let quoted_before = (sentence.start..colon).any(|k| p.is_quote_mark(k) || p.in_quote(k));
        if !opens_quote || !ends_sentence || quoted_before {
            return None;
        }
        let phrase = sentence_subject(p, sentence, colon)?;
        // "At a rally in Aspen, Colo., she ended: “…”": the subject opens
        // the sentence (after "But" or "And"), not a place in an opener.
        let opens = (sentence.start..phrase.written.start)
            .all(|k| p.tokens[k].punct.is_some() || p.lower_is_any(k, &["but", "and", "then"]));
        if !opens
            || phrase.written.end >= colon
            || !phrase
                .phrases
                .iter()
                .all(|ph| matches!(ph, Phrase::Name(_) | Phrase::Pronoun(_)))
        {
            return None;
        }
        self.found_by(p, phrase, si, colon..colon + 1, Position::Label)
    }

    /// A quote credited after a dash at the end of its passage ("“…” ―
    /// Ana Ruiz"), the style of quote collections and epigraphs.
    pub(super) fn dash_credit(&mut self, p: &speakers::Passage, sentences: usize) -> Option<Found> {
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
}

/// The subject at the start of `sentence` ([`speakers::sentence_subject`]),
/// also past an opener written with no comma: a sentence adverb
/// ("Meanwhile Ms Hutt defended her record, saying …", "Separately Roe
/// …") or a time phrase ("On Monday Roe was on the radio, talking about
/// …", "Earlier this month Roe …"). Without the comma the first comma of
/// the sentence, after the verb's object, was taken for the opener's end.
///
/// Past a subordinate clause ([`past_subordinate_clause`]) only for a
/// verb at token `verb` in the main clause: in "When the poll asked …,
/// Clinton was supported by …" the poll asked, not Clinton.
fn sentence_subject(
    p: &speakers::Passage,
    sentence: &Range<usize>,
    verb: usize,
) -> Option<SpeakerPhrase> {
    speakers::sentence_subject(p, sentence)
        .or_else(|| {
            let start = past_opener_without_comma(p, sentence)?;
            speakers::sentence_subject(p, &(start..sentence.end))
        })
        .or_else(|| {
            let start = past_subordinate_clause(p, sentence).filter(|&start| start <= verb)?;
            speakers::sentence_subject(p, &(start..sentence.end))
        })
}

/// Where the main clause starts after a subordinate clause that opens
/// `sentence` ("When asked whom she supported, Ms. Sherry smiled and
/// said, …", "As the vote neared, Roe …"): after its comma, when a name
/// follows it. A quotation inside the opener ends the search. Not after
/// "if" (a condition's main clause says what would happen) nor "because"
/// ("Because of this model, Wikipedia is …, adding").
fn past_subordinate_clause(p: &speakers::Passage, sentence: &Range<usize>) -> Option<usize> {
    let first = p.word(sentence.start)?;
    let opens_subordinate = names::with_lower(first, |l| {
        matches!(
            l,
            "when" | "while" | "as" | "although" | "though" | "since" | "once"
        )
    });
    if !opens_subordinate {
        return None;
    }
    let end = sentence
        .end
        .min(sentence.start + MAX_SUBORDINATE_CLAUSE_TOKENS);
    // The clause's comma: the first one after a lower-case word. Commas
    // between names only list the clause's subjects ("When Lena Holm, Ove
    // Berg and Ann Lee met, …").
    let mut lower_case_seen = false;
    let comma = (sentence.start + 1..end)
        .take_while(|&k| {
            !p.in_quote(k) && !p.tokens[k].punct.is_some_and(|c| matches!(c, '“' | '"'))
        })
        .find(|&k| {
            if p.word(k).is_some_and(|w| !is_capitalized(w)) {
                lower_case_seen = true;
            }
            lower_case_seen && p.is_punct(k, ',')
        })?;
    p.word(comma + 1)
        .is_some_and(is_capitalized)
        .then_some(comma + 1)
}

/// The most tokens of a subordinate clause before its comma.
const MAX_SUBORDINATE_CLAUSE_TOKENS: usize = 20;

/// Where the subject starts after a sentence adverb or a time phrase that
/// opens `sentence` with no comma: at the first capitalized word after it
/// that is not a weekday or a month.
fn past_opener_without_comma(p: &speakers::Passage, sentence: &Range<usize>) -> Option<usize> {
    let first = p.word(sentence.start)?;
    if !is_capitalized(first) {
        return None;
    }
    let lower = first.to_lowercase();
    let next = sentence.start + 1;
    if is_sentence_adverb(&lower) && p.word(next).is_some_and(is_capitalized) {
        return Some(next);
    }
    if !matches!(
        lower.as_str(),
        "on" | "in" | "at" | "last" | "this" | "earlier" | "later" | "late" | "early"
    ) {
        return None;
    }
    let is_time = |w: &str| {
        let lw = w.to_lowercase();
        calendar::is_weekday_or_abbreviation(&lw)
            || calendar::is_month_or_abbreviation(&lw)
            || w.chars().all(|c| c.is_ascii_digit())
            || is_time_word(&lw)
    };
    let end = sentence.end.min(next + MAX_TIME_OPENER_WORDS);
    let subject = (next..end).find(|&k| !p.word(k).is_some_and(is_time))?;
    let named = p
        .word(subject)
        .is_some_and(|w| is_capitalized(w) && !is_time(w));
    // "In the Commons Labour attacked", "At the White House Trump said":
    // a phrase of determiners only names a place, not a time.
    let names_a_time = (next..subject).any(|k| {
        p.word(k)
            .is_some_and(|w| is_time(w) && !is_time_determiner(&w.to_lowercase()))
    });
    (subject > next && named && names_a_time).then_some(subject)
}

/// The words of [`is_time_word`] that only point at a time another word
/// names ("the", "this", "last").
fn is_time_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "this" | "last" | "next" | "that" | "early" | "late"
    )
}

/// The most words of a time phrase after its first ("On Tuesday night",
/// "Earlier this month", "In March 2015").
const MAX_TIME_OPENER_WORDS: usize = 4;

/// Adverbs that open a sentence about the text around it, not about its
/// subject: "Meanwhile", "Separately", "Finally", "Recently".
fn is_sentence_adverb(lower: &str) -> bool {
    matches!(
        lower,
        "meanwhile"
            | "meantime"
            | "however"
            | "nevertheless"
            | "nonetheless"
            | "instead"
            | "still"
            | "also"
            | "now"
            | "then"
            | "today"
            | "yesterday"
            | "tonight"
            | "again"
            | "elsewhere"
            | "afterwards"
            | "afterward"
            | "indeed"
            | "moreover"
            | "likewise"
            | "later"
            | "earlier"
    ) || (lower.len() >= 7
        && ["ally", "ately", "ently", "ously", "ively"]
            .iter()
            .any(|suffix| lower.ends_with(suffix)))
}

/// Words of a time phrase besides weekdays, months and years.
fn is_time_word(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "this"
            | "last"
            | "next"
            | "that"
            | "early"
            | "late"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "day"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    )
}

/// Whether the tokens from `from` to the end of the passage are speech:
/// not opening with a number (a price, a time, a street number), and
/// either quoted ("Lind: ‘We will win.’") or running prose: at least
/// [`MIN_SPEECH_WORDS`] words, mostly lower-case (not a title-case
/// headline or an address), ending as a sentence does.
fn is_running_speech(p: &speakers::Passage, from: usize) -> bool {
    let words: Vec<&str> = (from..p.tokens.len()).filter_map(|k| p.word(k)).collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let opens_with_number = p
        .word(from)
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()));
    let ends_sentence = p.tokens.last().is_some_and(|t| {
        t.punct
            .is_some_and(|c| matches!(c, '.' | '?' | '!' | '”' | '"' | '’' | '\'' | '…' | ')'))
    });
    // "Lind: ‘We will win.’": a quotation after the label is speech.
    let quoted = p.tokens[from.min(p.tokens.len())..]
        .iter()
        .any(|t| matches!(t.punct, Some('“' | '"' | '‘' | '\'')));
    let prose = words.len() >= MIN_SPEECH_WORDS && lower * 2 >= words.len() && ends_sentence;
    !opens_with_number && (quoted || prose)
}

/// "Costs will rise, the Daily Post reported.": a finite "report" that ends
/// its sentence after a comma with a clause before it reports that clause.
fn reports_what_came_before(p: &speakers::Passage, sentence: &Range<usize>, i: usize) -> bool {
    let ends_sentence = p
        .tokens
        .get(i + 1)
        .is_none_or(|t| matches!(t.punct, Some('.')))
        || i + 1 >= sentence.end;
    ends_sentence
        && matches!(p.word(i), Some("reported" | "reports"))
        && (sentence.start + MIN_CLAUSE_TOKENS..i).any(|k| p.is_punct(k, ','))
}

/// Whether the speaker phrase at `written` stands inside the reported
/// clause of a statement found earlier in the sentence: in "Ross said
/// Obama had told aides he would veto it" the statement is Ross's, and
/// what Obama told aides is part of what Ross said. A conjunction, a
/// semicolon, a dash or a quotation mark between the earlier cue and the phrase
/// opens a clause of the writer's ("Roe said …, while Doe insisted …"),
/// which keeps its own speaker.
fn is_inside_reported_clause(
    p: &speakers::Passage,
    earlier: &[Found],
    written: &Range<usize>,
) -> bool {
    earlier.iter().any(|outer| {
        // "…, saying that …" reports; "After denying …, Roe announced" does not.
        let reports = match outer.position {
            Position::Before => true,
            Position::Clause => outer.cue.start > 0 && p.is_punct(outer.cue.start - 1, ','),
            _ => false,
        };
        reports
            && outer.cue.end <= written.start
            && (outer.cue.end..written.start).all(|k| {
                !p.lower_is_any(k, CLAUSE_OPENERS)
                    && !p.tokens[k]
                        .punct
                        .is_some_and(|c| matches!(c, ';' | '“' | '”' | '"' | '(' | ')' | '—' | '–'))
            })
    })
}

/// Words that open a clause of the writer's after a statement's content:
/// "Roe said the plan failed, and Doe said …".
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "whereas", "although", "though", "yet", "or", "as",
];

/// The verb of going on before the "to" at `to` ("went on to", "goes
/// on to", "continued to", "proceeded to", "went so far as to", "took to
/// Twitter to"), whose subject says what the infinitive after it says:
/// "Roe went on to say that …", "Roe took to Facebook to write that …".
fn going_on_before(p: &speakers::Passage, sentence: &Range<usize>, to: usize) -> Option<usize> {
    if !p.lower_is_any(to, &["to"]) || to < sentence.start + 2 {
        return None;
    }
    if p.lower_is_any(to - 1, &["continued", "continues", "proceeded", "proceeds"]) {
        return Some(to - 1);
    }
    let went = |k: usize| p.lower_is_any(k, &["went", "goes", "go", "gone", "going"]);
    if p.lower_is_any(to - 1, &["on"]) && went(to - 2) {
        return Some(to - 2);
    }
    // "went so far as to", "went as far as to".
    if to >= sentence.start + 4
        && p.lower_is_any(to - 1, &["as"])
        && p.lower_is_any(to - 2, &["far"])
        && p.lower_is_any(to - 3, &["so", "as"])
        && went(to - 4)
    {
        return Some(to - 4);
    }
    // "took to Twitter to", "took to the airwaves to": the place of the
    // saying, one to three words after "took to".
    (to.saturating_sub(4).max(sentence.start + 1)..to - 1)
        .find(|&k| {
            p.lower_is_any(k, &["to"])
                && p.lower_is_any(k - 1, &["took", "takes", "take", "taking"])
                && (k + 1..to).all(|j| p.word(j).is_some())
        })
        .map(|k| k - 1)
}

/// Words that open a sentence before its subject: "But a survey …".
const SENTENCE_OPENERS: &[&str] = &["but", "and", "however", "meanwhile", "yet", "now"];

/// Words before a document noun: "a new survey", "the latest figures".
const DOCUMENT_DETERMINERS: &[&str] = &["a", "an", "the", "new", "latest", "recent", "last"];

/// How far "by"/"from" may stand after the document noun ("a survey of
/// networks in four cities by Acme").
const MAX_DOCUMENT_OBJECT: usize = 14;

/// The maker of the document that is the subject of the finding verb at
/// `verb`: "A survey of networks by Acme Security found …" and "New
/// research from the Acme Academy (AA) has found …" give the
/// organization; so does "Acme's latest report showed …". The maker may
/// be a person ("a study by Jane Roe found …"); a document with no maker
/// named ("the survey found") has no speaker.
fn document_maker(
    p: &speakers::Passage,
    sentence: &Range<usize>,
    verb: usize,
) -> Option<SpeakerPhrase> {
    let mut k = sentence.start;
    while k < verb && (p.lower_is_any(k, SENTENCE_OPENERS) || p.is_punct(k, ',')) {
        k += 1;
    }
    // The subject opens the sentence, or follows the content and its
    // comma: "Fees fell by half, reports from the Acme Bank have said."
    let after_commas = (k..verb).filter(|&c| p.is_punct(c, ',')).map(|c| c + 1);
    std::iter::once(k)
        .chain(after_commas)
        .find_map(|start| document_subject_at(p, start, verb))
}

/// [`document_maker`] for the subject starting at token `k`.
fn document_subject_at(p: &speakers::Passage, start: usize, verb: usize) -> Option<SpeakerPhrase> {
    let mut k = start;
    let mut determiners = 0;
    while determiners < 2 && p.lower_is_any(k, DOCUMENT_DETERMINERS) {
        k += 1;
        determiners += 1;
    }
    // "Acme's latest report showed …": the possessor, right before the verb.
    if let Some(run) = p
        .name_run_starting_at(k, verb)
        .filter(|run| p.word(run.end - 1).is_some_and(|w| strip_possessive(w).1))
    {
        let noun = lowercase_modifiers_then_document(p, run.end, verb)?;
        if !is_verb_of(p, noun, verb) {
            return None;
        }
        return maker(p, run.clone(), start..run.end);
    }
    let noun = lowercase_modifiers_then_document(p, k, verb)?;
    // Back from the verb: its auxiliaries, a parenthesis, then the maker.
    let mut j = verb.checked_sub(1)?;
    while j > noun && p.lower_is_any(j, &["has", "have", "had", "also"]) {
        j -= 1;
    }
    if p.is_punct(j, ')') {
        let open = (noun..j).rev().find(|&t| p.is_punct(t, '('))?;
        j = open.checked_sub(1)?;
    }
    let last = maker_ending_at(p, noun + 1, j)?;
    let mut makers = vec![last.clone()];
    let mut by = before_article(p, last.start)?;
    // "reports from the Acme Treasury and the Eastwick Bank": two makers.
    if p.lower_is_any(by, &["and"]) && by > noun + 1 {
        let first = maker_ending_at(p, noun + 1, by - 1)?;
        by = before_article(p, first.start)?;
        makers.insert(0, first);
    }
    let between_ok = (noun + 1..by).all(|t| {
        p.word(t).is_none_or(|w| {
            cues::cue_form(w).is_none() && !matches!(w, "that" | "which" | "who" | "whose")
        })
    });
    if by <= noun || by - noun > MAX_DOCUMENT_OBJECT || !p.lower_is_any(by, &["by", "from"]) {
        return None;
    }
    if !between_ok {
        return None;
    }
    let phrases = makers
        .into_iter()
        .map(|run| maker(p, run.clone(), run).map(|found| found.phrases))
        .collect::<Option<Vec<_>>>()?;
    Some(SpeakerPhrase {
        phrases: phrases.into_iter().flatten().collect(),
        written: start..last.end,
    })
}

/// The maker's name ending at token `last`, over "of"/"for" ("Office for
/// Harbour Statistics") and over an "and" inside one organization's name
/// ("Customs and Border Protection").
fn maker_ending_at(p: &speakers::Passage, lo: usize, last: usize) -> Option<Range<usize>> {
    let mut run = p.name_run_ending_at(lo, last)?;
    while run.start >= lo + 2 && p.lower_is_any(run.start - 1, &["of", "for"]) {
        match p.name_run_ending_at(lo, run.start - 2) {
            Some(left) => run = left.start..run.end,
            None => break,
        }
    }
    Some(p.extend_back_over_and(lo, &run)..run.end)
}

/// The token before `start`, or before the "the" right before it.
fn before_article(p: &speakers::Passage, start: usize) -> Option<usize> {
    let by = start.checked_sub(1)?;
    if p.lower_is_any(by, &["the"]) {
        return by.checked_sub(1);
    }
    Some(by)
}

/// The document noun at `k` or after at most three lower-case modifiers
/// ("annual housing survey"), standing before `verb`.
fn lowercase_modifiers_then_document(
    p: &speakers::Passage,
    mut k: usize,
    verb: usize,
) -> Option<usize> {
    // As written, or capitalized opening the sentence ("Figures from …").
    let is_document = |k: usize| {
        p.word(k)
            .is_some_and(|w| names::with_lower(w, cues::is_document_noun))
    };
    let limit = (k + 3).min(verb);
    while k < limit && !is_document(k) {
        let w = p.word(k)?;
        if is_capitalized(w) || !w.chars().all(char::is_alphabetic) {
            return None;
        }
        k += 1;
    }
    (k < verb && is_document(k)).then_some(k)
}

/// Whether `verb` follows the noun at `noun` as its verb: right after it
/// or after "has"/"have".
fn is_verb_of(p: &speakers::Passage, noun: usize, verb: usize) -> bool {
    (noun + 1..verb).all(|t| p.lower_is_any(t, &["has", "have", "had", "also"]))
}

/// The name run `run` as a speaker phrase, if it is a name.
fn maker(p: &speakers::Passage, run: Range<usize>, written: Range<usize>) -> Option<SpeakerPhrase> {
    let words: Vec<&str> = run
        .clone()
        .filter_map(|k| p.word(k))
        .map(|w| strip_possessive(w).0)
        .collect();
    let is_name = p.organization_as_written(&run).is_some() || names::parse(&words).is_some();
    is_name.then(|| SpeakerPhrase {
        phrases: vec![Phrase::Name(run)],
        written,
    })
}

/// Tokens before a speaker's comma that make a clause of content, not a
/// sentence adverb ("Additionally, Lind charges …").
const MIN_CLAUSE_TOKENS: usize = 4;

/// Fewer words after a label are a field value, not speech.
const MIN_SPEECH_WORDS: usize = 4;

#[cfg(test)]
mod tests {

    /// The (speaker, cue) pairs attribution finds in `body`.
    fn statements(body: &str) -> Vec<(String, String)> {
        super::super::tests::analyze_text(body)
            .1
            .statements
            .iter()
            .map(|s| (s.speaker.clone(), s.cue.clone()))
            .collect()
    }

    /// Each passage's speakers in `body`.
    fn passage_speakers(body: &str) -> Vec<Vec<String>> {
        super::super::tests::analyze_text(body)
            .0
            .into_iter()
            .map(|p| p.speakers)
            .collect()
    }

    #[test]
    fn the_name_after_with_is_the_participles_subject() {
        assert_eq!(
            statements(
                "Tolls rose again, with Lena Holm saying the plan was “a toll on the poor.”"
            ),
            [("Lena Holm".to_string(), "saying".to_string())]
        );
        // Without "with" the participle continues the clause.
        assert!(
            statements("Tolls rose again after Lena Holm, calling it late.")
                .iter()
                .all(|(speaker, _)| speaker != "Lena Holm")
        );
    }

    #[test]
    fn an_opening_mark_written_to_close_a_quote_leaves_the_cue_outside() {
        assert_eq!(
            passage_speakers(
                "Harbour to reopen\n\n\
                 “It is rare,“ said Lena Holm, a lawyer in the city. “It is hard to do.”"
            ),
            vec![vec![], vec!["Lena Holm".to_string()]]
        );
    }

    #[test]
    fn a_party_tag_before_and_leaves_both_speakers() {
        let said = |name: &str, cue: &str| (name.to_string(), cue.to_string());
        assert_eq!(
            statements(
                "Race narrows\n\n\
                 Former Ohio Gov. Tom Berg (D) and former Iowa Gov. Ana Roe (R) announced \
                 they will suspend their campaigns."
            ),
            [said("Tom Berg", "announced"), said("Ana Roe", "announced")]
        );
        assert_eq!(
            statements("Race narrows\n\nSen. Tom Berg (Vt.) and Ana Roe said the plan fails."),
            [said("Tom Berg", "said"), said("Ana Roe", "said")]
        );
    }

    #[test]
    fn the_agent_of_a_passive_asking_is_the_speaker() {
        let found = statements(
            "Debate held\n\n\
             Lena Holm was asked by host Tom Berg whether her plan would cost too much. \
             “It will pay for itself,” she said.",
        );
        assert_eq!(
            found,
            [
                ("Tom Berg".to_string(), "asked".to_string()),
                ("Lena Holm".to_string(), "said".to_string())
            ]
        );
        // No content after the agent, or no named agent: no statement.
        assert_eq!(
            statements(
                "Debate held\n\n\
                 Asked by Tom Berg whether she had practiced, Lena Holm said she had not."
            ),
            [
                ("Tom Berg".to_string(), "Asked".to_string()),
                ("Lena Holm".to_string(), "said".to_string())
            ]
        );
        assert_eq!(
            statements(
                "Debate held\n\n\
                 Lena Holm spoke first. Asked by Tom Berg whether she had practiced, \
                 she said, “Once.”"
            ),
            [
                ("Tom Berg".to_string(), "Asked".to_string()),
                ("Lena Holm".to_string(), "said".to_string())
            ]
        );
        assert!(statements("Debate held\n\nLena Holm was warned by Tom Berg.").is_empty());
        assert!(statements(
            "Debate held\n\nLena Holm was asked by a caller whether the plan would work."
        )
        .is_empty());
    }

    #[test]
    fn a_colon_opening_a_quotation_introduces_the_subjects_words() {
        let holm = || ("Lena Holm".to_string(), ":".to_string());
        assert_eq!(
            statements(
                "Harbour to reopen\n\n\
                 Mayor Lena Holm had a blunt message for the council: “It is time to stop \
                 the bickering and open the harbour.”"
            ),
            [holm()]
        );
        assert_eq!(
            statements(
                "Harbour to reopen\n\n\
                 Lena Holm spoke at the pier. But she saved her anger for the end: \
                 “Nobody asked us. Nobody listened to the town.”"
            ),
            [holm()]
        );
        // The subject opens the sentence: not a place in an opener, nor
        // the one the sentence is about.
        assert!(statements(
            "Harbour to reopen\n\n\
             At a rally in Eastwick, Ohio, the crowd chanted a line: “Open the harbour now.”"
        )
        .is_empty());
        assert!(statements(
            "Harbour to reopen\n\n\
             The delay does not surprise pollster Tom Berg: “Ports always open late.”"
        )
        .is_empty());
        // A quotation credited after it is not the subject's.
        assert!(statements(
            "Harbour to reopen\n\n\
             Tom Berg runs a campaign for the book: “Read it before it is banned,” \
             the pitch says."
        )
        .iter()
        .all(|(speaker, _)| speaker != "Tom Berg"));
    }

    #[test]
    fn a_paragraph_ending_on_a_colon_announces_the_quotation_after_it() {
        let holm = vec!["Lena Holm".to_string()];
        // No cue: the subject announces a statement.
        assert_eq!(
            passage_speakers(
                "Harbour to reopen\n\n\
                 Mayor Lena Holm issued the following statement:\n\n\
                 “We will rebuild the harbour and open it by the spring.”"
            ),
            vec![vec![], vec![], holm.clone()]
        );
        // A cue with its object before the colon.
        assert_eq!(
            passage_speakers(
                "Harbour to reopen\n\n\
                 Lena Holm answered the critics at once:\n\n\
                 “We will rebuild the harbour and open it by the spring.”"
            )[2],
            holm
        );
        // What follows is no quotation: nobody's statement.
        assert_eq!(
            passage_speakers(
                "Harbour to reopen\n\n\
                 Lena Holm answered the critics at once:\n\n\
                 The harbour reopened in the spring, and the ferries came back."
            )[2],
            Vec::<String>::new()
        );
    }

    #[test]
    fn an_opener_with_no_comma_is_not_the_subject() {
        for body in [
            "Meanwhile Lena Holm defended her record, saying the port was safe.",
            "Separately Lena Holm defended her record, saying the port was safe.",
            "On Monday Lena Holm defended her record, saying the port was safe.",
            "Earlier this month Lena Holm defended her record, saying the port was safe.",
        ] {
            assert_eq!(
                statements(body),
                [("Lena Holm".to_string(), "saying".to_string())],
                "{body}"
            );
        }
        // A subordinate clause before the subject.
        assert_eq!(
            statements(
                "When asked whom she supported, Ms. Lena Holm smiled and said, \
                 “I am waiting for the harbour to reopen.”"
            ),
            [("Lena Holm".to_string(), "said".to_string())]
        );
        // "those responding": a participle after "those" is no clause.
        assert!(statements(
            "When the poll asked about the harbour, Lena Holm was backed by half of \
             those responding."
        )
        .is_empty());
        // Determiners alone name a place, not a time.
        for body in [
            "At the White House Trump defended the tariffs, saying they work.",
            "In the Old Harbour Lena Holm defended the plan, saying it works.",
        ] {
            assert!(
                statements(body)
                    .iter()
                    .all(|(speaker, _)| !speaker.contains("House") && !speaker.contains("Harbour")),
                "{body}: {:?}",
                statements(body)
            );
        }
        // Commas between names list the clause's subjects.
        assert!(statements(
            "When Lena Holm, Ove Berg and Ann Lee met, the three agreed to shut the \
             harbour, saying it was unsafe."
        )
        .iter()
        .all(|(speaker, _)| speaker != "Ove Berg"));
        // A place is no opener: its name runs into the subject.
        assert!(
            statements("In Tromsø Harbour the crew defended the plan, saying it works.")
                .iter()
                .all(|(speaker, _)| speaker != "Harbour")
        );
    }

    #[test]
    fn a_transcript_label_of_a_person_the_article_names_is_a_statement() {
        let found = statements(
            "The painter Ada Lind spoke to us in her studio.\n\n\
             ADA LIND: I paint what the river leaves behind, nothing more.",
        );
        assert_eq!(found, [("Ada Lind".to_string(), ":".to_string())]);
    }

    #[test]
    fn a_subject_inside_a_quotation_is_not_whom_a_later_pronoun_means() {
        let body = "The trio are chief executive Ken Marsh, chief financial officer Tom Dunne \
             and chief operations officer Sam Kerr.\n\n\
             “What I do next is too early to say,” Mr Marsh told a news agency on Wednesday. \
             “I have offers. Dunne and Kerr are in the same position.” \
             He said he had received 40 offers.";
        let (_, found) = super::super::tests::analyze_text(body);
        let speakers: Vec<&str> = found
            .statements
            .iter()
            .map(|s| s.speaker.as_str())
            .collect();
        assert_eq!(speakers, ["Ken Marsh", "Ken Marsh", "Ken Marsh"]);
    }

    #[test]
    fn said_to_and_a_verb_is_hearsay_not_speech() {
        assert!(statements("The harbour index said to rise after the report fell.").is_empty());
        assert!(statements("The man said to have fled was found in Eastwick.").is_empty());
        assert!(statements("Ada Lind, said to be worth $5m, bought the ferry.").is_empty());
        // A purpose clause opening what a named speaker said.
        let found = statements("Jane Roe said to cut costs the port must close early.");
        assert_eq!(found, [("Jane Roe".to_string(), "said".to_string())]);
        let found = statements("Jane Roe said to reporters that the port would reopen.");
        assert_eq!(found, [("Jane Roe".to_string(), "said".to_string())]);
        let found = statements("“We won,” Jane Roe said to applause.");
        assert_eq!(found, [("Jane Roe".to_string(), "said".to_string())]);
    }

    #[test]
    fn a_publication_reporting_after_a_clause_is_the_speaker() {
        let found = statements("The harbour will reopen in May, the Eastwick Courier reported.");
        assert_eq!(
            found,
            [("Eastwick Courier".to_string(), "reported".to_string())]
        );
        let found = statements("Ferry fares will rise next year, Lena Holm reports.");
        assert_eq!(found, [("Lena Holm".to_string(), "reports".to_string())]);
        // A passive stays no cue.
        assert!(statements("The harbour reopened, and no damage was reported.").is_empty());
    }

    #[test]
    fn a_label_named_only_by_labels_is_no_speaker() {
        // Recipe, glossary and step labels: the name is never in the text.
        let body = "Mix the dough well.\n\n\
             Vanilla Extract: You could also use a spoon of vanilla paste.\n\n\
             Path Model: The model is given by the authors of the study.\n\n\
             Step Five: Chill the balls once more, and then they are ready.";
        assert!(statements(body).is_empty(), "{:?}", statements(body));
    }

    #[test]
    fn a_label_before_no_running_speech_is_no_statement() {
        // An address line, a price and a headline after a named person.
        let body = "Ada Lind studied the river with Ken Marsh.\n\n\
             Dr. Lind: 441 Engineering Hall, Santa Cruz, CA 95064.\n\n\
             Ken Marsh: Harbour Plans Delayed Again By Council Vote\n\n\
             Ken Marsh: 20 minutes.";
        assert!(statements(body).is_empty(), "{:?}", statements(body));
    }

    #[test]
    fn a_quotation_after_a_named_label_is_a_statement() {
        let found = statements(
            "Ken Marsh spoke in the harbour on Monday.\n\n\
             Ken Marsh: ‘We Will Rebuild The Harbour.’",
        );
        assert_eq!(found, [("Ken Marsh".to_string(), ":".to_string())]);
    }

    #[test]
    fn a_documents_finding_is_its_makers_statement() {
        let speaker =
            |body: &str| -> Vec<String> { statements(body).into_iter().map(|(s, _)| s).collect() };
        assert_eq!(
            speaker(
                "A survey of ferry users in Eastwick, Westwick and Northby by the Acme \
                 Research Institute found more than a third had missed a sailing."
            ),
            ["Acme Research Institute"]
        );
        assert_eq!(
            speaker(
                "New research from the Royal Academy of Rowing (RAR) has found fewer \
                 children over the age of ten are joining clubs."
            ),
            ["Royal Academy of Rowing"]
        );
        assert_eq!(
            speaker(
                "Figures from the Office for Harbour Statistics showed that prices rose in May."
            ),
            ["Office for Harbour Statistics"]
        );
        assert_eq!(
            speaker("The Acme Institute's latest report shows that prices will rise."),
            ["Acme Institute"]
        );
        assert_eq!(
            speaker(
                "Reports from the Eastwick Treasury and the Acme Development Bank have \
                 said that fees fell by half."
            ),
            ["Eastwick Treasury", "Acme Development Bank"]
        );
        assert_eq!(
            speaker("Fees fell by half last year, a report from the Acme Development Bank said."),
            ["Acme Development Bank"]
        );
        assert_eq!(
            speaker("A study by Jane Roe found that prices rose in May."),
            ["Jane Roe"]
        );
        assert_eq!(
            speaker("A survey of networks by Acme Analytics found a third were open."),
            ["Acme Analytics"]
        );
    }

    #[test]
    fn a_finding_with_no_maker_or_no_content_is_no_statement() {
        // No maker named, a person's study, a finding with only an object,
        // and a finding verb that is not about a document.
        for body in [
            "The survey found that most riders wanted later sailings.",
            "A survey by the Acme Research Institute found no sign of it.",
            "Police from the Eastwick Harbour Office found the boat in a ditch.",
            "The Acme Research Institute found the boat in a ditch.",
        ] {
            assert!(
                statements(body).is_empty(),
                "{body}: {:?}",
                statements(body)
            );
        }
    }

    #[test]
    fn a_cue_inside_anothers_reported_clause_is_part_of_that_statement() {
        let speaker =
            |body: &str| -> Vec<String> { statements(body).into_iter().map(|(s, _)| s).collect() };
        assert_eq!(
            speaker("Ken Berg said Lena Holm had told aides she would close the harbour."),
            ["Ken Berg"]
        );
        assert_eq!(
            speaker("Ken Berg said on Monday that Lena Holm had warned the ferry was unsafe."),
            ["Ken Berg"]
        );
        // A clause of the writer's after the content keeps its speaker.
        assert_eq!(
            speaker(
                "Ken Berg said the ferry was late, while Lena Holm insisted that it was on time."
            ),
            ["Ken Berg", "Lena Holm"]
        );
        assert_eq!(
            speaker("Ken Berg said the ferry was late; Lena Holm said it was on time."),
            ["Ken Berg", "Lena Holm"]
        );
        // A participle opening the sentence reports nothing.
        assert!(statements(
            "After denying the rumours for months, Lena Holm announced that she would retire."
        )
        .contains(&("Lena Holm".to_string(), "announced".to_string())));
    }

    #[test]
    fn a_cue_after_going_on_is_the_subjects_statement() {
        let speaker =
            |body: &str| -> Vec<String> { statements(body).into_iter().map(|(s, _)| s).collect() };
        assert_eq!(
            speaker("Lena Holm went on to say that the harbour would reopen in May."),
            ["Lena Holm"]
        );
        assert_eq!(
            speaker("Ken Berg continued to argue the ferry was too slow for the town."),
            ["Ken Berg"]
        );
        assert_eq!(
            speaker("Lena Holm took to Twitter to say that the harbour would reopen."),
            ["Lena Holm"]
        );
        assert_eq!(
            speaker("Ken Berg went so far as to say the ferry was a disgrace."),
            ["Ken Berg"]
        );
        // Not a cue: another verb after "went on to", or "to say" after
        // a verb of wanting.
        assert!(speaker("Lena Holm went on to win the race in May.").is_empty());
        assert!(speaker("Lena Holm wants to say goodbye to the town.").is_empty());
    }
}
