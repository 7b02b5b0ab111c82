//! The texts of a passage that are compared across articles ("units"): the
//! passage itself, each quotation in it, and each reported statement that
//! quotes nothing.
//!
//! Syndicated copies of a passage are compared whole; but the same quote
//! often sits in passages whose other sentences differ ("Witkoff said the
//! talks were “productive and constructive”" / "… held “productive and
//! constructive” meetings …"), so quotations are compared on their own:
//! their groups are the statements' quote groups (what `newsidx quotes`
//! folds), while passages fold only on the passage unit.
//! Quotations are found from quote marks, not from attribution, so grouping
//! does not depend on who the quote was credited to. Words are normalized
//! (lower case, apostrophes and punctuation dropped) so that quote styles,
//! punctuation and case never keep copies apart.

#[cfg(test)]
use super::minhash::hash_bytes;
use super::minhash::{combine, ByteHasher};

/// Passages with fewer words are never grouped with others.
pub const MIN_PASSAGE_WORDS: usize = 3;
/// Quotations with fewer words ("historic", "at least") are too common to
/// say that two passages carry the same statement.
pub const MIN_QUOTE_WORDS: usize = 3;
/// Reported statements (no quotation) shorter than this are not compared.
pub const MIN_REPORTED_WORDS: usize = 6;

/// What a unit is; units are only compared with units of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    Passage,
    /// A quotation or a reported statement.
    Quote,
}

impl UnitKind {
    /// Words per shingle: passages are long, so 3-word shingles keep their
    /// similarity meaningful; quotations are short, so 2-word shingles let
    /// a word added or cut still leave most of the quote in common.
    pub fn shingle_words(self) -> usize {
        match self {
            UnitKind::Passage => 3,
            UnitKind::Quote => 2,
        }
    }

    /// The tag mixed into this kind's lookup keys.
    pub fn tag(self) -> u64 {
        match self {
            UnitKind::Passage => 0x7061_7373,
            UnitKind::Quote => 0x7175_6f74,
        }
    }
}

/// One unit: its kind, its normalized words (hashed) and its byte range in
/// the passage text.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub kind: UnitKind,
    pub words: Vec<u64>,
    pub start: usize,
    pub end: usize,
}

/// The units of one passage, and which units stand for each statement.
#[derive(Debug, Clone, Default)]
pub struct PassageUnits {
    pub units: Vec<Unit>,
    /// For each statement span given, the indices (in `units`) of the
    /// quotations inside it, or of the statement itself when it quotes
    /// nothing; longest first.
    pub statement_keys: Vec<Vec<usize>>,
}

/// The normalized words of `text`, hashed: letters and digits, lower case;
/// apostrophes and hidden characters ([`crate::invisible`]) vanish
/// ("Ukraine’s" = "ukraines", a soft hyphen inside a word); anything else
/// separates.
/// Each word is hashed as it is read (the [`hash_bytes`] of its lower-case
/// UTF-8), without building it: this runs over every passage, quotation and
/// statement while indexing.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut word = ByteHasher::new();
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            at += 1;
            if b.is_ascii_alphanumeric() {
                word.write_byte(b.to_ascii_lowercase());
                in_word = true;
                continue;
            }
            if b == b'\'' && in_word {
                continue;
            }
        } else {
            let c = text[at..]
                .chars()
                .next()
                .expect("a non-ASCII byte starts a char");
            at += c.len_utf8();
            if c.is_alphanumeric() {
                let mut buf = [0u8; 4];
                for lower in c.to_lowercase() {
                    word.write(lower.encode_utf8(&mut buf).as_bytes());
                }
                in_word = true;
                continue;
            }
            if matches!(c, '’' | 'ʼ' | '‘') && in_word || crate::invisible::is_hidden(c) {
                continue;
            }
        }
        if in_word {
            out.push(word.finish());
            word = ByteHasher::new();
            in_word = false;
        }
    }
    if in_word {
        out.push(word.finish());
    }
    out
}

/// Byte ranges of the quotations in `text`, as the crate's one quotation
/// detector ([`crate::quotation`]) reads them. A quotation still open at
/// the end of the passage runs to its end (news style for quotes spanning
/// paragraphs).
pub fn quotations(text: &str) -> Vec<(usize, usize)> {
    crate::quotation::find(text)
        .into_iter()
        .map(|q| (q.inner.start, q.inner.end))
        .collect()
}

/// The exact key of a unit of `kind` with these word hashes: equal keys,
/// equal normalized words. A passage's is also its key for copy labels.
pub fn words_key(kind: UnitKind, words: &[u64]) -> u64 {
    words
        .iter()
        .fold(combine(kind.tag(), 0xe8ac7), |h, &w| combine(h, w))
}

/// The units of a passage with text `text`, given the byte ranges (in
/// `text`) of its statements.
pub fn passage_units(text: &str, statements: &[(usize, usize)]) -> PassageUnits {
    let mut units = Vec::new();
    let words = word_hashes(text);
    if words.len() >= MIN_PASSAGE_WORDS {
        units.push(Unit {
            kind: UnitKind::Passage,
            words,
            start: 0,
            end: text.len(),
        });
    }
    for (start, end) in quotations(text) {
        let words = word_hashes(&text[start..end]);
        if words.len() >= MIN_QUOTE_WORDS {
            units.push(Unit {
                kind: UnitKind::Quote,
                words,
                start,
                end,
            });
        }
    }
    let quote_count = units.len();
    let mut statement_keys = Vec::with_capacity(statements.len());
    for &(start, end) in statements {
        let (start, end) = (start.min(text.len()), end.min(text.len()));
        let mut inside: Vec<usize> = (0..quote_count)
            .filter(|&i| units[i].kind == UnitKind::Quote)
            .filter(|&i| units[i].start < end && units[i].end > start)
            .collect();
        if inside.is_empty() {
            let words = text.get(start..end).map(word_hashes).unwrap_or_default();
            if words.len() >= MIN_REPORTED_WORDS {
                let existing = units
                    .iter()
                    .position(|u| u.kind == UnitKind::Quote && u.words == words);
                inside.push(existing.unwrap_or_else(|| {
                    units.push(Unit {
                        kind: UnitKind::Quote,
                        words,
                        start,
                        end,
                    });
                    units.len() - 1
                }));
            }
        }
        inside.sort_by_key(|&i| std::cmp::Reverse(units[i].words.len()));
        statement_keys.push(inside);
    }
    PassageUnits {
        units,
        statement_keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `word_hashes` implements: build each normalized word,
    /// then hash it.
    fn word_hashes_by_building_words(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if matches!(c, '\'' | '’' | 'ʼ' | '‘') && !word.is_empty()
                || crate::invisible::is_hidden(c)
            {
                continue;
            } else if !word.is_empty() {
                out.push(hash_bytes(word.as_bytes()));
                word.clear();
            }
        }
        if !word.is_empty() {
            out.push(hash_bytes(word.as_bytes()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn word_hashes_hash_the_normalized_words(text in "(\\PC|[ '’ʼ‘\"“”«»İẞΣσς0-9a-zA-Z\u{ad}\u{200e}\u{feff}]){0,60}") {
            proptest::prop_assert_eq!(word_hashes(&text), word_hashes_by_building_words(&text));
        }
    }

    #[test]
    fn a_copy_with_soft_hyphens_or_direction_marks_has_the_same_words() {
        assert_eq!(
            word_hashes("Der Bundes\u{ad}kanzler sagte: \u{200f}„Nein.“\u{200f}"),
            word_hashes("Der Bundeskanzler sagte: „Nein.“")
        );
        assert_ne!(word_hashes("Bundes kanzler"), word_hashes("Bundeskanzler"));
    }

    #[test]
    fn word_hashes_of_mixed_scripts_and_apostrophes() {
        for text in [
            "“Ukraine’s recovery,” he said. 'Quoted' ÉCOLE İstanbul ΣΟΦΟΣ straße ʼtwasʼ",
            "",
            "'",
            "’abc",
            "abc’",
            "a'b'c d''e",
            "１２３ ＡＢＣ",
            "🙂 smile🙂face",
        ] {
            assert_eq!(
                word_hashes(text),
                word_hashes_by_building_words(text),
                "{text}"
            );
        }
    }

    #[test]
    fn normalization_ignores_case_quote_style_and_punctuation() {
        assert_eq!(
            word_hashes("“Ukraine’s recovery, stability,” he said."),
            word_hashes("\"ukraine's Recovery stability\" He said")
        );
        assert_ne!(word_hashes("peace talks"), word_hashes("peace walks"));
    }

    #[test]
    fn quotations_in_curly_and_straight_quotes() {
        let text = "He called it “productive and constructive” and \"a step\".";
        let found: Vec<&str> = quotations(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(found, ["productive and constructive", "a step"]);
    }

    #[test]
    fn an_unclosed_quotation_runs_to_the_end() {
        let text = "“We will go on until the end, he said";
        assert_eq!(quotations(text), [(3, text.len())]);
    }

    #[test]
    fn statements_are_keyed_by_their_quotations_or_themselves() {
        let text = "Witkoff said the officials held “productive and constructive” meetings. \
                    Umerov said that the delegations discussed timelines and sequencing.";
        let first = (0, text.find(". ").unwrap() + 1);
        let second = (first.1 + 1, text.len());
        let units = passage_units(text, &[first, second]);
        let kinds: Vec<UnitKind> = units.units.iter().map(|u| u.kind).collect();
        assert_eq!(kinds, [UnitKind::Passage, UnitKind::Quote, UnitKind::Quote]);
        assert_eq!(units.statement_keys, [vec![1], vec![2]]);
        let quoted = &units.units[1];
        assert_eq!(
            &text[quoted.start..quoted.end],
            "productive and constructive"
        );
    }

    #[test]
    fn short_quotations_and_statements_are_not_units() {
        let units = passage_units("It was “historic”, she said.", &[(0, 27)]);
        assert_eq!(units.units.len(), 1);
        assert_eq!(units.statement_keys, [Vec::<usize>::new()]);
    }
}
