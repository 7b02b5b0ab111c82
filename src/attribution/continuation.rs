//! Continuation: a paragraph with no cue of its own that carries on the
//! previous paragraph's statement. News style opens a quote mark on every
//! paragraph of a long quote and closes it only at the end, and a cue
//! ending in a colon ("He added:") announces the next paragraph.

use super::coref::Speaker;
use super::detect::{Found, Position};
use super::emit::add_new;
use super::{Buffers, Reader};
use crate::article::{Passage, Statement, StatementKind};
use std::ops::Range;

/// What a paragraph hands to the next one.
#[derive(Debug, Clone)]
pub(super) struct Carry {
    pub(super) speakers: Vec<(Speaker, String)>,
    pub(super) cue: String,
    /// A quote running on (the next paragraph must open with a quote
    /// mark), or a cue ending in a colon (the next paragraph is content).
    pub(super) quote: bool,
    /// Only a paragraph that is wholly a quotation continues: the
    /// previous paragraph quoted its speaker and closed the quote.
    pub(super) whole: bool,
}

/// Whether every word of the passage lies inside a quotation and the
/// passage opens with a quotation mark.
fn wholly_quoted(buffers: &Buffers) -> bool {
    let tokens = &buffers.tokens;
    if !tokens
        .first()
        .is_some_and(|t| matches!(t.punct, Some('“' | '"')))
    {
        return false;
    }
    (0..tokens.len())
        .filter(|&k| tokens[k].is_word())
        .all(|k| buffers.quotes.iter().any(|q| q.contains(k)))
}

impl Reader {
    /// The statements of a passage with no cue that continues `carry`
    /// (added to `statements`), and what it carries on to the next one.
    pub(super) fn continue_carry(
        &mut self,
        passage: &Passage,
        buffers: &Buffers,
        carry: &Carry,
        statements: &mut Vec<Statement>,
    ) -> Option<Carry> {
        let text = passage.text.as_str();
        let tokens = &buffers.tokens;
        let absolute = |r: Range<usize>| passage.start + r.start..passage.start + r.end;
        let add = add_new;
        if carry.whole && !wholly_quoted(buffers) {
            return None;
        }
        let opens_with_quote = tokens
            .first()
            .is_some_and(|t| matches!(t.punct, Some('“' | '"')));
        let ranges: Vec<(Range<usize>, StatementKind)> = if opens_with_quote {
            buffers
                .quotes
                .iter()
                .map(|q| (q.start..q.end, StatementKind::Direct))
                .collect()
        } else if carry.quote {
            Vec::new()
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
                    statements,
                );
            }
        }
        if !statements.is_empty() {
            for (s, _) in &carry.speakers {
                self.discourse
                    .salient(s.clone(), ((passage.number as u64) + 1) << 20);
            }
        }
        // A quote still open at the end runs on further; a paragraph
        // wholly quoted may be followed by another.
        if statements.iter().any(|s| s.kind == StatementKind::Direct) {
            if buffers.quotes.last().is_some_and(|q| q.close.is_none()) {
                return Some(Carry {
                    quote: true,
                    whole: false,
                    ..carry.clone()
                });
            }
            return Some(Carry {
                quote: true,
                whole: true,
                ..carry.clone()
            });
        }
        None
    }

    /// A passage that opens with a quotation of no cue, after a passage
    /// whose speaker was quoted, carries on that speaker's words before
    /// its own statements begin (news style: a long quote reopened on
    /// every paragraph, the paragraph then going on to other news). The
    /// quotations taken are no longer owned by the passage's statements.
    pub(super) fn carry_leading_quotes(
        &mut self,
        passage: &Passage,
        buffers: &Buffers,
        carry: &Carry,
        found: &[Found],
        quote_owner: &mut [Option<usize>],
        statements: &mut Vec<Statement>,
    ) {
        if !carry.quote || found.is_empty() {
            return;
        }
        let p = buffers.passage(&passage.text);
        let tokens = &buffers.tokens;
        let sentences = &buffers.sentences;
        let absolute = |r: Range<usize>| passage.start + r.start..passage.start + r.end;
        let first_unquoted = (0..tokens.len())
            .find(|&k| tokens[k].is_word() && !p.in_quote(k))
            .unwrap_or(tokens.len());
        let opens_with_quote = tokens
            .first()
            .is_some_and(|t| matches!(t.punct, Some('“' | '"')));
        for (qi, q) in buffers.quotes.iter().enumerate() {
            let q_last = q.last_token(tokens.len());
            let leading = opens_with_quote && q_last < first_unquoted;
            let owned_here = quote_owner[qi].is_some_and(|fi| {
                let s = &sentences[found[fi].sentence];
                q.open < s.end && q_last >= s.start
            });
            // "“…?” Vitter demanded.", "“…” said Ruiz", "“…” ― Ana
            // Ruiz": the quote's own credit starts right after it.
            let credited_after = quote_owner[qi].is_some_and(|fi| {
                let f = &found[fi];
                f.position == Position::Dash
                    || f.cue.start.min(f.written.start) <= first_unquoted + 1
            });
            if !leading || owned_here || credited_after {
                continue;
            }
            quote_owner[qi] = None;
            for (speaker, written) in &carry.speakers {
                add_new(
                    Statement {
                        passage: passage.number,
                        start: absolute(q.start..q.end).start,
                        end: absolute(q.start..q.end).end,
                        kind: StatementKind::Direct,
                        cue: carry.cue.clone(),
                        speaker_text: written.clone(),
                        speaker: speaker.canonical(&self.book).to_string(),
                    },
                    statements,
                );
            }
        }
    }
}
