//! Attribution reads each passage without its hidden characters
//! ([`crate::invisible`]): a soft hyphen inside a surname or a direction
//! mark before a quotation mark would otherwise cut a name in two or hide
//! a quotation. The statements found get the offsets of the passage as it
//! is written, and the passages keep their text.

use crate::article::{Passage, Statement};
use crate::invisible::Visible;
use rustc_hash::FxHashMap;

/// The passages whose text was swapped for its visible text.
pub(super) struct Hidden {
    /// By passage number: its index in the slice, its text as written, and
    /// the way back to that text's offsets.
    swapped: FxHashMap<usize, (usize, String, Visible)>,
}

impl Hidden {
    /// Gives every passage of `passages` that holds hidden characters its
    /// visible text.
    pub(super) fn hide(passages: &mut [Passage]) -> Hidden {
        let mut swapped = FxHashMap::default();
        for (index, passage) in passages.iter_mut().enumerate() {
            if let Some(mut visible) = Visible::of(&passage.text) {
                let written =
                    std::mem::replace(&mut passage.text, std::mem::take(&mut visible.text));
                swapped.insert(passage.number, (index, written, visible));
            }
        }
        Hidden { swapped }
    }

    /// Gives the passages their text back, and moves the ranges of the
    /// `statements` found in their visible text to the text as written.
    pub(super) fn restore(self, passages: &mut [Passage], statements: &mut [Statement]) {
        if self.swapped.is_empty() {
            return;
        }
        for statement in statements.iter_mut() {
            let Some((index, _, visible)) = self.swapped.get(&statement.passage) else {
                continue;
            };
            let from = passages[*index].start;
            statement.start = from + visible.original_start(statement.start - from);
            statement.end = from + visible.original_end(statement.end - from);
        }
        for (_, (index, written, _)) in self.swapped {
            passages[index].text = written;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::analyze_text;
    use crate::invisible::is_hidden;

    #[test]
    fn hidden_characters_in_a_name_or_around_a_quotation_change_no_statement() {
        let written = "Frank-Walter Stein\u{ad}meier spoke in Berlin on Monday.\n\n\
                       \u{200f}“We will not give in,”\u{200f} Stein\u{ad}meier said.\n\n\
                       The Bundes\u{ad}tag, he added, \u{2066}would vote\u{2069} in May.\n";
        let plain: String = written.chars().filter(|&c| !is_hidden(c)).collect();
        let (passages, found) = analyze_text(written);
        let (_, expected) = analyze_text(&plain);
        let speakers: Vec<(&str, &str)> = found
            .statements
            .iter()
            .map(|s| (s.speaker.as_str(), s.speaker_text.as_str()))
            .collect();
        assert_eq!(
            speakers,
            [
                ("Frank-Walter Steinmeier", "Steinmeier"),
                ("Frank-Walter Steinmeier", "he")
            ]
        );
        assert_eq!(passages[1].speakers, ["Frank-Walter Steinmeier"]);
        // The same statements as in the text without them, over the same
        // words of the text as written, which the passages keep.
        assert_eq!(found.statements.len(), expected.statements.len());
        for (statement, plain_statement) in found.statements.iter().zip(&expected.statements) {
            let words: String = written[statement.start..statement.end]
                .chars()
                .filter(|&c| !is_hidden(c))
                .collect();
            assert_eq!(words, plain[plain_statement.start..plain_statement.end]);
            assert!(!written[statement.start..statement.end].ends_with('\u{200f}'));
        }
        for passage in &passages {
            assert_eq!(passage.text, written[passage.start..passage.end]);
        }
    }
}
