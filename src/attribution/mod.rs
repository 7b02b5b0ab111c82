//! Attribution: finding the statements in an article and who made them.
//!
//! A statement is found from its cue: a speech verb (`said`, `told`) with a
//! speaker next to it, as subject (`Witkoff said`) or inverted (`said
//! Witkoff`). The speaker as written is then resolved to a full name: a
//! surname to the full name used earlier in the article, a pronoun to the
//! most recent speaker. Every passage gets the canonical names of the
//! speakers whose statements lie in it.

pub mod names;

use crate::article::{Article, Passage, Statement, StatementKind};
use names::NameBook;
use regex::Regex;
use std::sync::LazyLock;

/// Speech verbs that introduce a statement.
const CUE_VERBS: &str = "said|says|told|added|stated|noted|stressed|warned|wrote|posted|announced|explained|insisted|argued|claimed|emphasized|emphasised|declared|acknowledged|confirmed|cautioned";

/// A run of capitalized words: a name as written, possibly with a title.
const NAME: &str = r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,4}";

/// `Name said` / `He said`: a speaker right before the cue verb.
static SUBJECT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<speaker>\b(?:{NAME})|\b[Hh]e|\b[Ss]he)\s+(?:also\s+)?(?P<cue>{CUE_VERBS})\b"
    ))
    .expect("valid regex")
});

/// `said Witkoff`: the inverted order after a quote.
static CUE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<cue>said|says|added)\s+(?P<speaker>{NAME})"
    ))
    .expect("valid regex")
});

/// Everything attribution found in one article.
#[derive(Debug, Default)]
pub struct Attribution {
    pub statements: Vec<Statement>,
    /// For each canonical speaker, the other forms it was written in.
    pub aliases: Vec<(String, Vec<String>)>,
}

/// Finds the statements in `passages` and sets each passage's speakers.
pub fn attribute(article: &Article, passages: &mut [Passage]) -> Attribution {
    let mut book = NameBook::default();
    let mut statements = Vec::new();
    let mut last_speaker: Option<String> = None;
    for passage in passages.iter() {
        book.learn(&passage.text);
    }
    for passage in passages.iter_mut() {
        let mut found: Vec<(usize, usize, String, String)> = Vec::new();
        for m in SUBJECT_CUE.captures_iter(&passage.text) {
            let speaker = m.name("speaker").expect("group");
            found.push((
                speaker.start(),
                speaker.end(),
                speaker.as_str().to_string(),
                m["cue"].to_string(),
            ));
        }
        for m in CUE_SUBJECT.captures_iter(&passage.text) {
            let speaker = m.name("speaker").expect("group");
            found.push((
                speaker.start(),
                speaker.end(),
                speaker.as_str().to_string(),
                m["cue"].to_string(),
            ));
        }
        found.sort();
        for (start, _end, written, cue) in found {
            let canonical = if matches!(written.as_str(), "He" | "he" | "She" | "she") {
                last_speaker.clone()
            } else {
                book.resolve(&written)
            };
            let Some(canonical) = canonical else { continue };
            last_speaker = Some(canonical.clone());
            if !passage.speakers.contains(&canonical) {
                passage.speakers.push(canonical.clone());
            }
            let (content_start, content_end) = sentence_around(&passage.text, start);
            statements.push(Statement {
                passage: passage.number,
                start: passage.start + content_start,
                end: passage.start + content_end,
                kind: if passage.text[content_start..content_end].contains(['"', '“', '”']) {
                    StatementKind::Direct
                } else {
                    StatementKind::Reported
                },
                cue,
                speaker_text: written,
                speaker: canonical,
            });
        }
    }
    let _ = article;
    Attribution {
        statements,
        aliases: book.aliases(),
    }
}

/// The byte range of the sentence of `text` that contains `at`.
fn sentence_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passages;

    fn speakers_of(text: &str) -> Vec<Vec<String>> {
        let article = Article {
            body: text.to_string(),
            ..Article::default()
        };
        let mut ps = passages::split(&article);
        attribute(&article, &mut ps);
        ps.into_iter().map(|p| p.speakers).collect()
    }

    #[test]
    fn quote_then_name_said() {
        assert_eq!(
            speakers_of("Envoy Steve Witkoff met them.\n\n“It went well,” Witkoff said."),
            [vec![], vec!["Steve Witkoff".to_string()]]
        );
    }

    #[test]
    fn name_said_that_and_pronoun() {
        assert_eq!(
            speakers_of("Maria Lopez said that the plan works.\n\nShe added that more was needed."),
            [
                vec!["Maria Lopez".to_string()],
                vec!["Maria Lopez".to_string()]
            ]
        );
    }

    #[test]
    fn inverted_order() {
        assert_eq!(
            speakers_of("“We are ready,” said John Smith."),
            [vec!["John Smith".to_string()]]
        );
    }

    #[test]
    fn no_cue_no_speaker() {
        assert_eq!(
            speakers_of("The delegation included Jane Roe."),
            [Vec::<String>::new()]
        );
    }
}
