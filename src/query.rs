//! Preparing what a user typed for tantivy's query parser, once for every
//! caller (`search`, `quotes`, `export`, the API's search and facets all
//! reach it through `search::passage_query`).
//!
//! tantivy's grammar gives meaning to characters that natural text is full
//! of: an apostrophe opens a single-quoted phrase (`Blair's`, `O'Neill`,
//! `don't` are syntax errors), a colon names a field (`Note: …`, `10:30`),
//! `IN`, `^`, `!`, brackets and braces are operators. Here only deliberate
//! operators stay operators, the ones the README documents: `"exact
//! phrases"`, parentheses, `-exclude` and `+require`, `AND`/`OR`/`NOT` in
//! capitals between words, `field:value` for the fields users can name
//! ([`QUERY_FIELDS`]), and a `*` ending a phrase of two words or more
//! (`"peace ta"*`: the last word is a prefix). Every other special character is escaped, so it
//! reaches the analyzer as text (which splits `Blair's` into the phrase
//! `blair s`, as the article text was split when it was indexed). An
//! operator with nothing to join (`peace AND`, `NOT`, a half-typed
//! `title:`) is dropped, so a query typed a word at a time never fails
//! half-way. What still cannot be searched is explained in words.

use crate::error::{Error, Result};

/// The fields a query may name (`field:value`).
pub const QUERY_FIELDS: &[&str] = &["text", "title", "source", "author", "speaker"];

/// Characters that tantivy's grammar treats as operators inside or at the
/// start of a word; each is escaped with a backslash in plain words.
const ESCAPED: &[char] = &[
    '\'', '^', '`', ':', '{', '}', '[', ']', '!', '\\', '*', '~', '<', '>', '=',
];

/// One piece of a query, as this module reads it.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// `AND`, `OR` or `NOT`.
    Operator(&'static str),
    /// A word, a phrase or a field prefix, ready for tantivy.
    Term(String),
    /// A `-`, `+` or `field:` directly before a phrase or parenthesis.
    Prefix(String),
    Open,
    Close,
}

/// The query `raw` rewritten so that tantivy parses it as the user meant
/// (see the module documentation); `None` when nothing searchable is left.
/// An unknown `field:value` is an error naming the fields there are.
/// Quotes and parentheses must be balanced (`search::check_balanced`).
pub fn prepare(raw: &str) -> Result<Option<String>> {
    let pieces = drop_dangling(pieces(raw)?);
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Term(t) if t.chars().any(char::is_alphanumeric) || t == "*"))
    {
        return Ok(None);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    let mut glued = false;
    for piece in &pieces {
        if !out.is_empty() && !glued && *piece != Piece::Close {
            out.push(' ');
        }
        glued = matches!(piece, Piece::Prefix(_) | Piece::Open);
        match piece {
            Piece::Operator(op) => out.push_str(op),
            Piece::Term(t) | Piece::Prefix(t) => out.push_str(t),
            Piece::Open => out.push('('),
            Piece::Close => out.push(')'),
        }
    }
    Ok(Some(out))
}

/// Reads `raw` into pieces: phrases whole, words escaped, operators and
/// parentheses marked.
fn pieces(raw: &str) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let chars: Vec<char> = raw.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            pieces.push(Piece::Open);
            i += 1;
        } else if c == ')' {
            pieces.push(Piece::Close);
            i += 1;
        } else if c == '"' {
            let end = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .map_or(chars.len(), |p| i + 1 + p);
            let inner: String = chars[i + 1..end].iter().collect();
            // A phrase's words are text whatever they hold; only a
            // backslash would still be read as an escape.
            let inner = inner.replace('\\', " ");
            // `"big bad wo"*`: the last word is a prefix.
            // (tantivy takes a prefix only after two words or more.)
            let star = if chars.get(end + 1) == Some(&'*') {
                "*"
            } else {
                ""
            };
            let star_kept = if inner.split_whitespace().count() >= 2 {
                star
            } else {
                ""
            };
            if inner.chars().any(char::is_alphanumeric) {
                pieces.push(Piece::Term(format!("\"{}\"{star_kept}", inner.trim())));
            } else if matches!(pieces.last(), Some(Piece::Prefix(_))) {
                pieces.pop();
            }
            i = (end + 1 + star.len()).min(chars.len());
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !"()\"".contains(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let before_group = i < chars.len() && "(\"".contains(chars[i]);
            word_pieces(raw, start, &word, before_group, &mut pieces)?;
        }
    }
    Ok(pieces)
}

/// The pieces of one run of characters without spaces, quotes or
/// parentheses; `before_group` when a phrase or parenthesis follows it
/// directly.
fn word_pieces(
    raw: &str,
    column: usize,
    word: &str,
    before_group: bool,
    pieces: &mut Vec<Piece>,
) -> Result<()> {
    match word {
        "AND" | "OR" | "NOT" => {
            pieces.push(Piece::Operator(match word {
                "AND" => "AND",
                "OR" => "OR",
                _ => "NOT",
            }));
            return Ok(());
        }
        "*" => {
            pieces.push(Piece::Term("*".into()));
            return Ok(());
        }
        _ => {}
    }
    // -exclude, +require: a sign at the start of a word (or of a group).
    let (sign, rest) = match word.strip_prefix(['-', '+']) {
        Some(rest) => (&word[..1], rest),
        None => ("", word),
    };
    let (field, value) = match rest.split_once(':') {
        Some((name, value)) if QUERY_FIELDS.contains(&name.to_lowercase().as_str()) => {
            (Some(name.to_lowercase()), value)
        }
        Some((name, value))
            if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
                && value.starts_with(char::is_alphanumeric) =>
        {
            // `speakr:blair` is a mistyped field, not text: say so.
            return Err(Error::query_syntax(
                raw,
                column + sign.len(),
                format!(
                    "unknown field {name:?}; fields you can search are {} \
                     (to search for the text, put it in quotes: \"{rest}\")",
                    QUERY_FIELDS.join(", ")
                ),
            ));
        }
        _ => (None, rest),
    };
    let prefix = format!("{sign}{}", field.map_or(String::new(), |f| f + ":"));
    let mut value = escape(value);
    if value == "IN" {
        // tantivy's set operator (`field: IN [a b]`), here a word.
        value.insert(0, '\\');
    }
    let has_words = value.chars().any(char::is_alphanumeric);
    if has_words {
        pieces.push(Piece::Term(format!("{prefix}{value}")));
    } else if value.is_empty() && before_group && !prefix.is_empty() {
        pieces.push(Piece::Prefix(prefix));
    }
    // Anything else is punctuation alone (`-`, `&`, `title:` half typed):
    // it holds no word to search for.
    Ok(())
}

/// `word` with every character that tantivy would read as an operator
/// escaped, and a leading sign escaped too (`--x` is not "not -x").
fn escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for (i, c) in word.chars().enumerate() {
        if ESCAPED.contains(&c) || (i == 0 && (c == '-' || c == '+')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Drops operators that have nothing to join (`AND peace`, `peace OR`,
/// `NOT` at the end, `OR AND`) and groups left empty.
fn drop_dangling(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut pieces = pieces;
    loop {
        let before = pieces.len();
        let mut kept: Vec<Piece> = Vec::with_capacity(pieces.len());
        for (i, piece) in pieces.iter().enumerate() {
            let next = pieces.get(i + 1);
            let operand_follows = matches!(
                next,
                Some(Piece::Term(_) | Piece::Prefix(_) | Piece::Open | Piece::Operator("NOT"))
            );
            let keep = match piece {
                Piece::Operator("NOT") => operand_follows,
                Piece::Operator(_) => {
                    let operand_before = matches!(kept.last(), Some(Piece::Term(_) | Piece::Close));
                    operand_before && operand_follows
                }
                Piece::Prefix(_) => matches!(next, Some(Piece::Term(_) | Piece::Open)),
                Piece::Open => true,
                // `()`: an empty group goes with its parentheses.
                Piece::Close => {
                    !matches!(kept.last(), Some(Piece::Open)) || {
                        kept.pop();
                        false
                    }
                }
                Piece::Term(_) => true,
            };
            if keep {
                kept.push(piece.clone());
            }
        }
        pieces = kept;
        if pieces.len() == before {
            return pieces;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(q: &str) -> String {
        prepare(q).unwrap().unwrap_or_default()
    }

    #[test]
    fn apostrophes_and_colons_in_text_are_text() {
        assert_eq!(prepared("Blair's"), "Blair\\'s");
        assert_eq!(prepared("O'Neill said"), "O\\'Neill said");
        assert_eq!(prepared("don't stop"), "don\\'t stop");
        assert_eq!(prepared("'peace' talks"), "\\'peace\\' talks");
        assert_eq!(prepared("Note: 10:30 meeting"), "Note\\: 10\\:30 meeting");
        assert_eq!(prepared("MADE IN CHINA!"), "MADE \\IN CHINA\\!");
        assert_eq!(prepared("a [b] {c} x^2"), "a \\[b\\] \\{c\\} x\\^2");
    }

    #[test]
    fn deliberate_operators_stay_operators() {
        assert_eq!(prepared("peace AND talks"), "peace AND talks");
        assert_eq!(
            prepared("title:ukraine OR title:kyiv"),
            "title:ukraine OR title:kyiv"
        );
        assert_eq!(prepared("Title:Kyiv"), "title:Kyiv");
        assert_eq!(
            prepared("\"security guarantees\" -russia"),
            "\"security guarantees\" -russia"
        );
        assert_eq!(prepared("-(a OR b) c"), "-(a OR b) c");
        assert_eq!(
            prepared("speaker:\"Steve Witkoff\""),
            "speaker:\"Steve Witkoff\""
        );
        assert_eq!(prepared("NOT sport"), "NOT sport");
        assert_eq!(prepared("peace -\"cease fire\""), "peace -\"cease fire\"");
        assert_eq!(prepared("\"peace ta\"* \"kyi\"*"), "\"peace ta\"* \"kyi\"");
    }

    #[test]
    fn operators_with_nothing_to_join_are_dropped() {
        assert_eq!(prepared("peace AND"), "peace");
        assert_eq!(prepared("OR peace"), "peace");
        assert_eq!(prepared("peace OR AND talks"), "peace AND talks");
        assert_eq!(prepared("peace NOT"), "peace");
        assert_eq!(prepared("peace title:"), "peace");
        assert_eq!(prepared("peace - talks"), "peace talks");
        assert_eq!(prepared("peace () talks"), "peace talks");
        assert_eq!(prepared("(peace OR) talks"), "(peace) talks");
        assert_eq!(prepare("AND").unwrap(), None);
        assert_eq!(prepare("!! -").unwrap(), None);
    }

    #[test]
    fn a_mistyped_field_is_named() {
        match prepare("peace speakr:blair") {
            Err(Error::QuerySyntax {
                column, message, ..
            }) => {
                assert_eq!(column, 7);
                assert!(message.contains("unknown field \"speakr\""), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // Not a field: a colon before a space, digits, a URL.
        assert!(prepare("http://example.com/a").is_ok());
    }
}
