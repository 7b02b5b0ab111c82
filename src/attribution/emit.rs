//! Emitting statements: turns the statements found in a passage
//! ([`detect`](super::detect)) into [`Statement`]s with their content
//! (the quotes they own, else the reported clause) and sets the passage's
//! speakers. The last pass; what runs on into the next paragraph is
//! handed to [`continuation`](super::continuation).

use super::continuation::Carry;
use super::detect::{Found, Position};
use super::quotes::Quote;
use super::tokens::{is_capitalized, strip_possessive, Token};
use super::{names, speakers, Buffers, Reader};
use crate::article::{Passage, Statement, StatementKind};
use std::ops::Range;

/// Adds `st` to `statements` unless the same speaker already has a
/// statement on the same span (one span read through two cues, "“…,” he
/// said, adding …", is one statement: the first cue found keeps it).
pub(super) fn add_new(st: Statement, statements: &mut Vec<Statement>) {
    let same = |o: &Statement| {
        o.passage == st.passage && o.start == st.start && o.end == st.end && o.speaker == st.speaker
    };
    if !statements.iter().any(same) {
        statements.push(st);
    }
}

impl Reader {
    /// Turns what was found in a passage into statements and the
    /// passage's speakers.
    pub(super) fn emit(&mut self, passage: &mut Passage, buffers: &Buffers, mut found: Vec<Found>) {
        let text = passage.text.as_str();
        let p = buffers.passage(text);
        let tokens = &buffers.tokens;
        let sentences = &buffers.sentences;
        let carry = self.carry.take();

        // A cue ending the passage with a colon ("Smith added:", "Smith
        // wrote the following:") speaks in the next passage.
        let mut next_carry: Option<Carry> = None;
        if let Some(last) = found.last() {
            let after = last.cue.end.max(last.written.end);
            // The words after it: none, or "the following" / "as follows"
            // (three are enough to tell; passages run long after a cue).
            let mut words = (after..tokens.len()).filter_map(|k| p.word(k));
            let points_ahead = matches!(
                (words.next(), words.next(), words.next()),
                (None, ..)
                    | (Some("the"), Some("following"), None)
                    | (Some("as"), Some("follows"), None)
            );
            let colon_at_end = points_ahead && (after..tokens.len()).any(|k| p.is_punct(k, ':'));
            if colon_at_end && last.position != Position::After {
                let last = found.pop().expect("non-empty");
                next_carry = Some(Carry {
                    cue: cue_text(text, tokens, &last.cue),
                    speakers: last.speakers,
                    quote: false,
                    whole: false,
                });
            }
        }

        let mut statements: Vec<Statement> = Vec::new();
        let add = add_new;
        let absolute = |r: Range<usize>| passage.start + r.start..passage.start + r.end;

        // Which found statement each quote belongs to.
        let mut quote_owner: Vec<Option<usize>> = vec![None; buffers.quotes.len()];
        for (qi, q) in buffers.quotes.iter().enumerate() {
            // A title or scare quote is nobody's statement.
            if q.is_title_or_scare(text, tokens) {
                continue;
            }
            let q_last = q.last_token(tokens.len());
            let in_sentence = |f: &Found| {
                let s = &sentences[f.sentence];
                q.open < s.end && q_last >= s.start
            };
            // "“…?” Roe wrote to Lind.": a question or exclamation closing
            // the quote ends its sentence, and a speaker opening the next
            // one with a cue that says nothing of its own is the quote's.
            let speaker_right_after = |f: &Found| {
                let s = &sentences[f.sentence];
                q.close.is_some()
                    && s.start == q_last + 1
                    && f.written.start == s.start
                    && f.position == Position::Before
                    && !(f.cue.end..s.end).any(|k| p.in_quote(k))
                    && content_range(&p, s, f).is_empty()
            };
            quote_owner[qi] = found
                .iter()
                .position(|f| in_sentence(f) && !q.contains(f.cue.start))
                .or_else(|| found.iter().position(speaker_right_after))
                .or_else(|| {
                    // The nearest statement before the quote, else after it.
                    found
                        .iter()
                        .rposition(|f| f.cue.start < q.open)
                        .or_else(|| found.iter().position(|f| f.cue.start > q_last))
                });
        }

        // A quotation opening the passage may carry on the last speaker
        // (see [`continuation`](super::continuation)).
        if let Some(carry) = carry.as_ref() {
            self.carry_leading_quotes(
                passage,
                buffers,
                carry,
                &found,
                &mut quote_owner,
                &mut statements,
            );
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

        // A passage with no cue of its own continues the previous one
        // (see [`continuation`](super::continuation)).
        if found.is_empty() {
            if let Some(carry) = &carry {
                if let Some(more) = self.continue_carry(passage, buffers, carry, &mut statements) {
                    next_carry = Some(more);
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
                        whole: false,
                    });
                }
            }
        }
        // A closed quotation by a speaker: a next paragraph that is only a
        // quotation, with no cue, continues it (news style).
        if next_carry.is_none() {
            let last_quoted = statements
                .last()
                .filter(|st| st.kind == StatementKind::Direct)
                .map(|st| st.speaker.clone());
            if let (Some(speaker), Some(f)) = (last_quoted, found.last()) {
                if f.speakers
                    .iter()
                    .any(|(s, _)| s.canonical(&self.book) == speaker)
                {
                    next_carry = Some(Carry {
                        speakers: f.speakers.clone(),
                        cue: cue_text(text, tokens, &f.cue),
                        quote: true,
                        whole: true,
                    });
                }
            }
        }
        // A statement ending its paragraph on a colon ("Cruz called them
        // on it:"): a next paragraph that is only a quotation is its
        // content.
        if next_carry.is_none() {
            let ends_on_colon = tokens.last().is_some_and(|t| t.is(':'));
            if let Some(f) = found.last().filter(|f| {
                ends_on_colon && f.sentence + 1 == sentences.len() && f.position != Position::After
            }) {
                next_carry = Some(Carry {
                    speakers: f.speakers.clone(),
                    cue: cue_text(text, tokens, &f.cue),
                    quote: true,
                    whole: true,
                });
            }
        }
        self.carry = next_carry;

        // A statement says something: text that is only punctuation ("."
        // left of a noun read as a cue) is not one.
        statements.retain(|st| {
            passage.text[st.start - passage.start..st.end - passage.start]
                .chars()
                .any(char::is_alphanumeric)
        });
        for st in &statements {
            if !passage.speakers.contains(&st.speaker) {
                passage.speakers.push(st.speaker.clone());
            }
        }
        self.statements.extend(statements);
    }
}

/// The cue's words as written ("said", "according to", ":").
pub(super) fn cue_text(text: &str, tokens: &[Token], cue: &Range<usize>) -> String {
    text[tokens[cue.start].start..tokens[cue.end - 1].end].to_string()
}

/// Cues whose object is the listener, before what was said to them.
const ADDRESSING_CUES: &[&str] = &[
    "told", "tells", "tell", "assured", "assures", "assure", "reminded", "reminds", "remind",
    "informed", "informs", "inform",
];

pub(super) fn overlap(a: Range<usize>, b: Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// The byte range of a statement's content in its sentence: what the
/// speaker said, without the speaker phrase and the cue.
pub(super) fn content_range(
    p: &speakers::Passage,
    sentence: &Range<usize>,
    f: &Found,
) -> Range<usize> {
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
    // The speaker may stand between the cue and the content ("said Roe,
    // …", "was asked by Roe whether …").
    let mut after_cue = f
        .cue
        .end
        .max(if matches!(f.position, Position::After | Position::Label) {
            f.written.end
        } else {
            f.cue.end
        });
    // "told KXAN it’s a win", "told reporters the plan works", "reminded
    // voters the plan works": the listener is not the content.
    if f.position == Position::Before && p.lower_is_any(f.cue.start, ADDRESSING_CUES) {
        let mut k = after_cue + usize::from(p.lower_is_any(after_cue, &["the"]));
        if let Some(run) = p.name_run_starting_at(k, sentence.end) {
            k = run.end;
        } else if p.lower_is_any(
            k,
            &["reporters", "journalists", "me", "us", "him", "her", "them"],
        ) {
            k += 1;
        } else {
            k = after_cue;
        }
        after_cue = k;
    }
    // "said on Monday that …": the content starts after "that".
    if let Some(that) = (after_cue..(after_cue + 6).min(sentence.end))
        .take_while(|&k| p.tokens[k].is_word())
        .find(|&k| p.word(k) == Some("that"))
    {
        after_cue = that + 1;
    }
    // "…, but that's all the more reason to …": the writer takes over.
    let turn = (after_cue..sentence.end)
        .find(|&k| {
            p.is_punct(k, ',') && p.lower_is_any(k + 1, &["but", "though"]) && !p.in_quote(k)
        })
        .unwrap_or(sentence.end);
    let after = after_cue..turn;
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
            // A title closing before the speaker ("But “Harbour Lights”
            // actress Lena Holm said …") is no content.
            let closes_title = |k: usize| {
                p.quotes
                    .iter()
                    .any(|q| q.close == Some(k) && q.is_title_or_scare(p.text, tokens))
            };
            let before_ends_content = f.written.start > sentence.start
                && tokens[f.written.start - 1]
                    .punct
                    .is_some_and(|c| matches!(c, ',' | '”' | '"'))
                && !closes_title(f.written.start - 1);
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
                    .is_some_and(|c| matches!(c, '”' | '"'))
                && !closes_title(f.written.start - 1);
            let after_is_clause = after_is_clause && !quote_before;
            if before_ends_content
                && words_in(before.clone()) >= 3
                && !after_is_clause
                && !opens_with_participle_phrase(p, before.clone())
                && !is_appositive_head(p, before.clone(), f)
            {
                bytes(before)
            } else if is_adverbial_only(p, after.clone())
                || is_listener_or_topic_only(p, f.cue.start, after.clone())
            {
                // "“Why not?” Roe said in May.": a question closing the
                // quote ends the sentence, so the cue's own sentence holds
                // only when, where or how it was said; the quote is the
                // statement (owned through the nearest cue). Else the
                // clause before a comma and a short lead-in ("…, as Roe
                // noted in May", "…, journalist Jo Roe said in …").
                let comma = (sentence.start..f.written.start)
                    .rev()
                    .find(|&k| p.is_punct(k, ','))
                    .filter(|&k| {
                        words_in(k..f.written.start) <= 2
                            && words_in(sentence.start..k) >= 3
                            && !p.in_quote(k)
                    });
                comma.map_or(0..0, |k| bytes(sentence.start..k))
            } else {
                bytes(after)
            }
        }
    }
}

/// Whether `range` (the words before a speaker) opens with a participle
/// of the occasion of speaking and its complement ("Asked about the deal,
/// Roe said: …", "Speaking to reporters, Roe said …", "Pressed on the
/// cost, Roe said …"): a phrase with no subject of its own, which says when
/// or why the speaker spoke, not what was said. Only these participles: a
/// gerund opens a clause as often ("Agreeing to pay did not mean …, Roe
/// said"; "Based on these figures the firm would …").
fn opens_with_participle_phrase(p: &speakers::Passage, range: Range<usize>) -> bool {
    const OCCASIONS: &[&str] = &[
        "asked",
        "pressed",
        "questioned",
        "quizzed",
        "challenged",
        "interviewed",
        "reached",
        "contacted",
        "criticised",
        "criticized",
        "speaking",
        "responding",
        "replying",
        "reacting",
        "referring",
        "commenting",
        "turning",
        "writing",
        "addressing",
    ];
    let mut words = range.filter(|&k| p.tokens[k].is_word());
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    p.lower_is_any(first, OCCASIONS)
        && p.word(second).is_some_and(|w| {
            matches!(
                w,
                "about"
                    | "on"
                    | "to"
                    | "by"
                    | "at"
                    | "in"
                    | "for"
                    | "after"
                    | "whether"
                    | "if"
                    | "why"
                    | "how"
                    | "what"
                    | "when"
                    | "where"
                    | "him"
                    | "her"
                    | "them"
            )
        })
}

/// Whether `before` (the words before a speaker phrase, up to its comma) is
/// the role the speaker's name stands in apposition to: "The mayor of
/// Eastwick, Jane Roe, said …", "A spokesperson for the ministry, Ana
/// Ruiz, said …". It opens with a determiner or possessive, names a role
/// or title, holds no auxiliary, and the name is closed by a comma right
/// before the cue; "The plan works, Jane Roe said." is what was said.
fn is_appositive_head(p: &speakers::Passage, before: Range<usize>, f: &Found) -> bool {
    const AUXILIARIES: &[&str] = &[
        "is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could",
        "should", "must", "may", "might", "does", "did",
    ];
    let closed_by_comma = f.written.end + 1 == f.cue.start && p.is_punct(f.written.end, ',');
    let mut words = before.clone().filter(|&k| p.tokens[k].is_word());
    // A determiner, or a possessor ("Labour's shadow health secretary").
    let opens_with_determiner = words.next().is_some_and(|k| {
        p.lower_is_any(
            k,
            &[
                "the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
            ],
        ) || p.word(k).is_some_and(|w| strip_possessive(w).1)
    });
    let names_a_role = before.clone().any(|k| {
        p.word(k).is_some_and(|w| {
            !strip_possessive(w).1
                && names::with_lower(w, |l| {
                    names::is_title_word(l) || speakers::is_person_role(l)
                })
        })
    });
    // "The head of the union", "A member of the board": the noun after the
    // determiner heads a phrase of what the person is to something.
    let mut after_determiner = before.clone().filter(|&k| p.tokens[k].is_word()).skip(1);
    let heads_a_relation = after_determiner.next().is_some_and(|noun| {
        p.word(noun).is_some_and(|w| !is_capitalized(w))
            && after_determiner
                .next()
                .is_some_and(|k| k == noun + 1 && p.lower_is_any(k, &["of", "for", "at"]))
    });
    let has_auxiliary = before.clone().any(|k| p.lower_is_any(k, AUXILIARIES));
    closed_by_comma && opens_with_determiner && (names_a_role || heads_a_relation) && !has_auxiliary
}

/// Whether the words of `range`, right after the saying verb at `cue`, name
/// only whom it was said to or of ("said to reporters.", "said of her
/// crew.", "wrote about the vote."): no clause, so nothing said there.
fn is_listener_or_topic_only(p: &speakers::Passage, cue: usize, range: Range<usize>) -> bool {
    if !p.lower_is_any(cue, &["said", "says", "say", "wrote", "writes", "write"]) {
        return false;
    }
    let first = range.clone().find(|&k| p.tokens[k].is_word());
    first.is_some_and(|first| {
        p.lower_is_any(first, &["of", "to", "about"])
            && holds_no_clause(p, first + 1..range.end).is_some()
    })
}

/// Whether the words of `range` are only a phrase of time, place or
/// manner ("in May.", "on Twitter.", "earlier this week.", "in a
/// statement on Monday."): no clause, so nothing said. A phrase opens with
/// a preposition or a time word and holds no comma, quotation, subject
/// pronoun, auxiliary, "to" or "that", which a reported clause after it
/// would ("in May the council would pay", "on firms to act", "in a post
/// that …").
fn is_adverbial_only(p: &speakers::Passage, range: Range<usize>) -> bool {
    const OPENERS: &[&str] = &[
        "in",
        "on",
        "at",
        "during",
        "via",
        "through",
        "over",
        "from",
        "after",
        "before",
        "last",
        "earlier",
        "later",
        "this",
        "yesterday",
        "today",
        "tonight",
    ];
    holds_no_clause(p, range)
        .is_some_and(|first| p.word(first).is_some_and(|w| OPENERS.contains(&w)))
}

/// The first word of `range` when its words are a short phrase with no
/// clause in it: no quotation or colon, at most a few words, none of them
/// a subject pronoun, an auxiliary, "to" or "that". `None` otherwise (and
/// when it has no word).
fn holds_no_clause(p: &speakers::Passage, range: Range<usize>) -> Option<usize> {
    const CLAUSE_WORDS: &[&str] = &[
        "i", "he", "she", "it", "we", "they", "you", "that", "to", "is", "are", "was", "were",
        "will", "would", "has", "have", "had", "can", "could", "should", "must", "may", "might",
    ];
    const MAX_WORDS: usize = 7;
    // Case matters: "in May" is a month, "may" a verb.
    let is_clause_word = |k: usize| {
        p.word(k).is_some_and(|w| {
            CLAUSE_WORDS
                .iter()
                .any(|o| w == *o || (*o == "i" && w == "I"))
        })
    };
    let opens_speech = range.clone().any(|k| {
        p.in_quote(k)
            || p.tokens[k]
                .punct
                .is_some_and(|c| matches!(c, ':' | '“' | '"'))
    });
    let words: Vec<usize> = range.filter(|&k| p.tokens[k].is_word()).collect();
    let &first = words.first()?;
    (!opens_speech && words.len() <= MAX_WORDS && !words.iter().any(|&k| is_clause_word(k)))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use crate::article::StatementKind;

    /// The statements of a one-passage article as (kind, text).
    fn statements(text: &str) -> Vec<(StatementKind, String)> {
        let (ps, found) = super::super::tests::analyze_text(text);
        found
            .statements
            .iter()
            .map(|s| (s.kind, ps[0].text[s.start..s.end].to_string()))
            .collect()
    }

    #[test]
    fn a_participle_phrase_before_the_speaker_is_not_what_was_said() {
        assert_eq!(
            statements("Asked about the ferry, Jane Roe said: “It is done.”"),
            [(StatementKind::Direct, "It is done.".to_string())]
        );
        assert_eq!(
            statements("Asked whether she would run, Jane Roe said she had not decided."),
            [(StatementKind::Reported, "she had not decided.".to_string())]
        );
        // A gerund or a participle of something else opens a clause.
        assert_eq!(
            statements("Rising ferry fares hurt islanders, Jane Roe said."),
            [(
                StatementKind::Reported,
                "Rising ferry fares hurt islanders".to_string()
            )]
        );
        assert_eq!(
            statements("Charging for the ferry has not been ruled out, Jane Roe said."),
            [(
                StatementKind::Reported,
                "Charging for the ferry has not been ruled out".to_string()
            )]
        );
    }

    #[test]
    fn a_question_quoted_before_a_speaker_is_that_speakers() {
        let (ps, found) = super::super::tests::analyze_text(
            "Ada Lind met Ken Marsh on Monday. Marsh said the plan was bold. \
             “Was it ours first?” Lind wrote to Marsh.",
        );
        let quoted: Vec<(String, String)> = found
            .statements
            .iter()
            .filter(|s| s.kind == StatementKind::Direct)
            .map(|s| (s.speaker.clone(), ps[0].text[s.start..s.end].to_string()))
            .collect();
        assert_eq!(
            quoted,
            [("Ada Lind".to_string(), "Was it ours first?".to_string())]
        );
    }

    #[test]
    fn the_role_a_name_stands_in_apposition_to_is_not_what_was_said() {
        assert_eq!(
            statements("The mayor of Eastwick, Jane Roe, said the bridge would open."),
            [(
                StatementKind::Reported,
                "the bridge would open.".to_string()
            )]
        );
        assert_eq!(
            statements("A spokesperson for the ministry, Ana Ruiz, said talks would resume."),
            [(StatementKind::Reported, "talks would resume.".to_string())]
        );
        // A relation rather than a role.
        assert_eq!(
            statements("The head of the union in Lytton, Ana Ruiz, said talks had failed."),
            [(StatementKind::Reported, "talks had failed.".to_string())]
        );
        assert_eq!(
            statements("A member of the board, Jo Quorvel, said the vote was close."),
            [(StatementKind::Reported, "the vote was close.".to_string())]
        );
        // A possessor opens the role.
        assert_eq!(
            statements("Labour's shadow health secretary, Wes Quorvel, said the figures were bad."),
            [(StatementKind::Reported, "the figures were bad.".to_string())]
        );
        // What was said, before a speaker named without a comma after.
        assert_eq!(
            statements("The harbour plan works, Jane Roe said."),
            [(
                StatementKind::Reported,
                "The harbour plan works".to_string()
            )]
        );
    }

    #[test]
    fn whom_it_was_said_of_is_not_what_was_said() {
        assert_eq!(
            statements("“They are tired,” Jane Roe said of her crew."),
            [(StatementKind::Direct, "They are tired,".to_string())]
        );
    }

    #[test]
    fn when_it_was_said_is_not_what_was_said() {
        assert_eq!(
            statements("“Can we build it?” Jane Roe said in response. “We can.”"),
            [
                (StatementKind::Direct, "Can we build it?".to_string()),
                (StatementKind::Direct, "We can.".to_string()),
            ]
        );
        assert_eq!(
            statements("“Why not?” Jane Roe wrote in a letter last May."),
            [(StatementKind::Direct, "Why not?".to_string())]
        );
        assert_eq!(
            statements("“Will it last?” Jane Roe told the Daily Courier on Monday."),
            [(StatementKind::Direct, "Will it last?".to_string())]
        );
    }

    #[test]
    fn the_following_after_a_cue_points_to_the_next_paragraph() {
        let (ps, found) = super::super::tests::analyze_text(
            "In an essay titled ‘The harbour is ours’, Jane Roe writes the following:\n\n“The harbour belongs to the town.”",
        );
        let texts: Vec<(usize, &str)> = found
            .statements
            .iter()
            .map(|s| {
                let p = &ps[s.passage];
                (s.passage, &p.text[s.start - p.start..s.end - p.start])
            })
            .collect();
        assert_eq!(texts, [(1, "The harbour belongs to the town.")]);
        assert_eq!(ps[1].speakers, ["Jane Roe"]);
    }

    #[test]
    fn a_cue_with_no_words_or_as_follows_before_its_colon_points_ahead() {
        let carried = |text: &str| {
            let (ps, _) = super::super::tests::analyze_text(text);
            ps[1].speakers.clone()
        };
        let next = "\n\n“The quay belongs to the town.”";
        assert_eq!(
            carried(&format!("Ola Brenn wrote as follows:{next}")),
            ["Ola Brenn"]
        );
        assert_eq!(carried(&format!("Ola Brenn wrote:{next}")), ["Ola Brenn"]);
    }

    #[test]
    fn a_clause_after_a_time_phrase_is_still_said() {
        assert_eq!(
            statements("Jane Roe said in May the council would pay."),
            [(
                StatementKind::Reported,
                "in May the council would pay.".to_string()
            )]
        );
        assert_eq!(
            statements("Jane Roe said on Monday that the bridge was safe."),
            [(StatementKind::Reported, "the bridge was safe.".to_string())]
        );
        assert_eq!(
            statements("Jane Roe called on the council to pay."),
            [(
                StatementKind::Reported,
                "on the council to pay.".to_string()
            )]
        );
    }

    #[test]
    fn a_clause_before_a_comma_and_a_short_lead_in_is_the_content() {
        assert_eq!(
            statements("The bridge will never pay for itself, as Jane Roe noted in May."),
            [(
                StatementKind::Reported,
                "The bridge will never pay for itself".to_string()
            )]
        );
        assert_eq!(
            statements("The toll is too high, columnist Jane Roe said in an interview."),
            [(StatementKind::Reported, "The toll is too high".to_string())]
        );
    }
}
