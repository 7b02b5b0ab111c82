//! The statement record: one attributed statement (one speaker, one span of
//! words, one cue, in one article) as a typed structure of its own, the
//! same for the CLI, the HTTP API, the exports and the tests.
//!
//! Records are rebuilt from what the index already stores for each passage
//! (its text, its statements as JSON, the article's metadata), so reading
//! them needs no re-analysis and no extra index space. A record's `id` is
//! a hash of the article text around the statement and its span, so the
//! same file gives the same ids on every build (see docs/statements.md).

use crate::attribution::names::{self, NameKind};
use crate::index::codec::stored_statements;
use crate::index::schema::Fields;
use crate::index::tokenizers;
use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, Value};
use tantivy::TantivyDocument;

/// Whether a speaker is a person or an organisation speaking as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    Organisation,
}

impl SpeakerType {
    /// The type of a canonical speaker name: an organisation when its words
    /// read as one ("the White House") or it is one word ("Kremlin",
    /// "Kyiv": attribution names people by their full names, and a lone
    /// surname it cannot complete is not a speaker), else a person.
    pub fn of(name: &str) -> SpeakerType {
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 {
            return SpeakerType::Organisation;
        }
        match names::parse(&words) {
            Some(parsed) if matches!(parsed.kind, NameKind::Organization(_)) => {
                SpeakerType::Organisation
            }
            _ => SpeakerType::Person,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
        }
    }
}

/// Whether a statement is quoted word for word or reported: the same kind
/// attribution gives it.
pub use crate::article::StatementKind as Kind;

/// One attributed statement with its article's metadata.
///
/// The field order here is the column order of `export --format csv`; the
/// JSON Schema in docs/statement.schema.json describes the same fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    /// Stable id: 16 hex digits of a hash of the article's file name, the
    /// passage's line and text, and the statement's span and speaker.
    pub id: String,
    /// The speaker's canonical full name ("Steve Witkoff").
    pub speaker: String,
    /// The speaker as the text names them ("Witkoff", "he", "the Kremlin").
    pub speaker_as_written: String,
    pub speaker_type: SpeakerType,
    /// The statement's words exactly as in the article.
    pub text: String,
    pub kind: Kind,
    /// The cue that introduces it ("said", "according to").
    pub cue: String,
    /// Byte range of `text` in the article file (or in the text extracted
    /// from it, for HTML and JSON).
    pub start: u64,
    pub end: u64,
    /// The passage it sits in: number within the article (from 0) and the
    /// 1-based file line the passage starts on.
    pub passage: u64,
    pub line: u64,
    pub article_id: String,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub title: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    pub authors: Vec<String>,
    /// RFC 3339.
    pub published_at: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, if known (what
    /// `--lang` filters on).
    #[serde(default)]
    pub lang: Option<String>,
    /// The syndication group: copies of the statement in other articles
    /// share it (16 hex digits).
    pub group: Option<String>,
}

/// One article with its body text: the record of `export --articles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// The article id (from its path and record number).
    pub id: String,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub published_at: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, if known (what `--lang`
    /// filters on).
    #[serde(default)]
    pub lang: Option<String>,
    /// The passages' texts in order, separated by blank lines (metadata
    /// lines and boilerplate are not part of it).
    pub text: String,
    pub passages: u64,
    pub statements: u64,
    /// Canonical names of the article's speakers, in order of appearance.
    pub speakers: Vec<String>,
}

/// One passage with what attribution found in it: the record `push` sends
/// to the cluster's passages index, from which `--engine` counts speakers,
/// passages and sources exactly as the local index does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageRecord {
    /// The article id and the passage number: `ARTICLE-N`.
    pub id: String,
    pub article_id: String,
    /// Number within the article (from 0), and the 1-based file line it
    /// starts on.
    pub passage: u64,
    pub line: u64,
    /// Byte range of the passage in the article file (or extracted text).
    pub start: u64,
    pub end: u64,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    /// The author line as the article gives it (`authors` splits it).
    pub author: Option<String>,
    pub published_at: Option<String>,
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, if known.
    pub lang: Option<String>,
    /// The heading the passage stands under, if any.
    pub heading: Option<String>,
    pub text: String,
    /// Canonical names of the passage's speakers.
    pub speakers: Vec<String>,
    /// Other forms of those names written in the article, each as
    /// `NAME<U+1F>FORM` (the index's `speaker_aliases`).
    pub speaker_aliases: Vec<String>,
    /// The speaker of each of the passage's statements, in order (a name
    /// once per statement).
    pub statement_speakers: Vec<String>,
    /// The ids of the passage's statement records, in the order the local
    /// index lists them.
    pub statement_ids: Vec<String>,
    /// The passage's copy group (see `syndication`) as its label (16 hex
    /// digits): what search folds copies by.
    pub group: String,
    /// Each of `speakers` under its surname's spelling key
    /// (`attribution::directory::speaker_key`): `--engine` reads the
    /// names of the surnames asked for, not every name.
    pub speaker_keys: Vec<String>,
    /// Each of `speakers` and their other written forms through the `name`
    /// analyzer (words joined by spaces): what a `--speaker` of several
    /// words is matched against, as a run of words.
    pub speaker_forms: Vec<String>,
    /// The surnames of those forms through the `name` analyzer: what a
    /// one-word `--speaker` is matched against.
    pub speaker_surnames: Vec<String>,
}

/// The key under which spellings of a name merge: its words through the
/// `name` analyzer (lower case, accents folded, transliteration key).
pub fn name_key(name: &str) -> String {
    tokenizers::tokens(&mut tokenizers::name(), name).join(" ")
}

/// Whether the canonical `name` is the speaker asked for by `wanted` (a
/// [`name_key`]): the same name, or a name containing it as whole words
/// ("Witkoff" for "Steve Witkoff").
pub fn speaks_as(name: &str, wanted: &str) -> bool {
    if wanted.is_empty() {
        return false;
    }
    let key = name_key(name);
    key == wanted || format!(" {key} ").contains(&format!(" {wanted} "))
}

/// Splits an author line ("Jane Doe, John Roe and Ann Poe") into names.
pub fn authors(author: Option<&str>) -> Vec<String> {
    let Some(author) = author else {
        return Vec::new();
    };
    author
        .split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// The stable id of a statement: 16 hex digits of a BLAKE3 hash of the
/// file name (not the directory, so a corpus moved or sharded keeps its
/// ids), the passage's line and text, the statement's span within the
/// passage, its speaker and its cue (one span can be the content of two
/// cues: "posted profits and predicted that …").
pub fn statement_id(
    path: &str,
    line: u64,
    passage_text: &str,
    span: (usize, usize),
    speaker: &str,
    cue: &str,
) -> String {
    StatementIds::new(path, line, passage_text).id(span, speaker, cue)
}

/// The ids of one passage's statements ([`statement_id`]). The file name
/// and the passage text come first in what is hashed and are most of it,
/// so the hash state after them is kept and each statement goes on from a
/// copy: a passage with five statements (common in wire copy) hashed its
/// text five times, 9,000 instructions each, when a search showed it.
pub struct StatementIds {
    passage: blake3::Hasher,
    line: u64,
}

impl StatementIds {
    pub fn new(path: &str, line: u64, passage_text: &str) -> StatementIds {
        let path = crate::paths::from_stored(path);
        let name = path
            .file_name()
            .map(|n| n.as_encoded_bytes())
            .unwrap_or_default();
        let mut passage = blake3::Hasher::new();
        passage.update(b"newsidx statement 1\0");
        for part in [name, passage_text.as_bytes()] {
            hash_part(&mut passage, part);
        }
        StatementIds { passage, line }
    }

    /// The id of the statement at `span` of the passage (byte offsets in
    /// its text), by `speaker` with `cue`.
    pub fn id(&self, span: (usize, usize), speaker: &str, cue: &str) -> String {
        let mut hasher = self.passage.clone();
        for part in [speaker.as_bytes(), cue.as_bytes()] {
            hash_part(&mut hasher, part);
        }
        for n in [self.line, span.0 as u64, span.1 as u64] {
            hasher.update(&n.to_le_bytes());
        }
        // The first 8 bytes in hex, as `to_hex()[..16]` gave them, without
        // writing out the other 48 digits.
        let first: [u8; 8] = hasher.finalize().as_bytes()[..8]
            .try_into()
            .expect("a hash has 32 bytes");
        format!("{:016x}", u64::from_be_bytes(first))
    }
}

/// One variable-length part of a statement id: its length, then its bytes.
fn hash_part(hasher: &mut blake3::Hasher, part: &[u8]) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part);
}

fn text_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

fn number_of(doc: &TantivyDocument, field: Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// The statement records of one stored passage document, in passage order.
pub fn records_of(fields: &Fields, doc: &TantivyDocument) -> Vec<StatementRecord> {
    let stored = stored_statements(fields, doc);
    if stored.is_empty() {
        return Vec::new();
    }
    let passage_text = text_of(doc, fields.text).unwrap_or_default();
    let passage_start = number_of(doc, fields.start);
    let path = text_of(doc, fields.path).unwrap_or_default();
    let (shown_path, path_bytes) = crate::paths::stored_json_fields(&path);
    let line = number_of(doc, fields.line);
    let author = text_of(doc, fields.author);
    let published_at = published_at(doc, fields);
    let ids = StatementIds::new(&path, line, &passage_text);
    let passage = number_of(doc, fields.passage);
    let article_id = text_of(doc, fields.article_id).unwrap_or_default();
    let title = text_of(doc, fields.title);
    let source = text_of(doc, fields.source_exact);
    let url = text_of(doc, fields.url);
    let lang = text_of(doc, fields.lang);
    // A passage's statements are mostly by one or two speakers, and
    // telling a name's type parses it.
    let mut types: Vec<(String, SpeakerType)> = Vec::new();
    let mut type_of = |speaker: &str| match types.iter().find(|(name, _)| name == speaker) {
        Some(&(_, known)) => known,
        None => {
            let told = SpeakerType::of(speaker);
            types.push((speaker.to_string(), told));
            told
        }
    };
    stored
        .into_iter()
        .map(|s| {
            let span = (
                s.start.saturating_sub(passage_start) as usize,
                s.end.saturating_sub(passage_start) as usize,
            );
            let text = passage_text.get(span.0..span.1).unwrap_or("").to_string();
            StatementRecord {
                id: ids.id(span, &s.speaker, &s.cue),
                speaker_type: type_of(&s.speaker),
                speaker_as_written: s.speaker_text,
                speaker: s.speaker,
                text,
                kind: s.kind,
                cue: s.cue,
                start: s.start,
                end: s.end,
                passage,
                line,
                article_id: article_id.clone(),
                path: shown_path.clone(),
                path_bytes: path_bytes.clone(),
                title: title.clone(),
                source: source.clone(),
                authors: authors(author.as_deref()),
                published_at: published_at.clone(),
                url: url.clone(),
                lang: lang.clone(),
                group: s.group,
            }
        })
        .collect()
}

/// The passage record of stored passage `doc`, whose copy group (a fast
/// field, not stored) is `group`.
pub fn passage_record(fields: &Fields, doc: &TantivyDocument, group: u64) -> PassageRecord {
    let path = text_of(doc, fields.path).unwrap_or_default();
    let (shown_path, path_bytes) = crate::paths::stored_json_fields(&path);
    let article_id = text_of(doc, fields.article_id).unwrap_or_default();
    let passage = number_of(doc, fields.passage);
    let texts = |field: Field| -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let speakers = texts(fields.speakers);
    let speaker_aliases = texts(fields.speaker_aliases);
    // The forms the local index matches `--speaker` against (`speaker`
    // and `speaker_surname`): each name and its other written forms.
    let mut forms: Vec<&str> = speakers.iter().map(String::as_str).collect();
    forms.extend(
        speaker_aliases
            .iter()
            .filter_map(|pair| pair.split_once(crate::index::schema::ALIAS_SEPARATOR))
            .map(|(_, form)| form),
    );
    let mut speaker_surnames: Vec<String> = Vec::new();
    for form in &forms {
        let words: Vec<&str> = form.split_whitespace().collect();
        for token in tokenizers::tokens(
            &mut tokenizers::name(),
            crate::attribution::names::surname(&words),
        ) {
            if !speaker_surnames.contains(&token) {
                speaker_surnames.push(token);
            }
        }
    }
    PassageRecord {
        id: format!("{article_id}-{passage}"),
        article_id,
        passage,
        line: number_of(doc, fields.line),
        start: number_of(doc, fields.start),
        end: number_of(doc, fields.end),
        path: shown_path,
        path_bytes,
        title: text_of(doc, fields.title),
        source: text_of(doc, fields.source_exact),
        authors: authors(text_of(doc, fields.author).as_deref()),
        author: text_of(doc, fields.author),
        published_at: published_at(doc, fields),
        url: text_of(doc, fields.url),
        lang: text_of(doc, fields.lang),
        heading: text_of(doc, fields.heading),
        text: text_of(doc, fields.text).unwrap_or_default(),
        speakers: speakers.clone(),
        speaker_aliases: speaker_aliases.clone(),
        statement_speakers: stored_statements(fields, doc)
            .into_iter()
            .map(|s| s.speaker)
            .collect(),
        statement_ids: records_of(fields, doc).into_iter().map(|s| s.id).collect(),
        group: crate::index::codec::group_label(group),
        speaker_keys: speakers
            .iter()
            .filter_map(|s| crate::attribution::directory::speaker_key(s))
            .collect(),
        speaker_forms: forms.iter().map(|f| name_key(f)).collect(),
        speaker_surnames,
    }
}

/// The article's date (RFC 3339) of a stored passage document.
fn published_at(doc: &TantivyDocument, fields: &Fields) -> Option<String> {
    doc.get_first(fields.date)
        .and_then(|v| v.as_datetime())
        .and_then(crate::index::codec::date_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_name_key() {
        assert_eq!(name_key("Yury Ushakov"), name_key("Yuri Ushakov"));
        assert_ne!(name_key("Dmitry Peskov"), name_key("Yuri Ushakov"));
    }

    #[test]
    fn a_surname_asks_for_the_full_name() {
        assert!(speaks_as("Steve Witkoff", &name_key("Witkoff")));
        assert!(speaks_as("Steve Witkoff", &name_key("steve witkoff")));
        assert!(!speaks_as("Steve Witkoffski", &name_key("Witkoff")));
        assert!(!speaks_as("Steve Witkoff", ""));
    }

    #[test]
    fn organisations_and_people_are_told_apart() {
        assert_eq!(SpeakerType::of("Kremlin"), SpeakerType::Organisation);
        assert_eq!(SpeakerType::of("Kyiv"), SpeakerType::Organisation);
        assert_eq!(
            SpeakerType::of("European Commission"),
            SpeakerType::Organisation
        );
        assert_eq!(SpeakerType::of("Steve Witkoff"), SpeakerType::Person);
    }

    #[test]
    fn author_lines_split_into_names() {
        assert_eq!(
            authors(Some("Jane Doe, John Roe and Ann Poe")),
            vec!["Jane Doe", "John Roe", "Ann Poe"]
        );
        assert!(authors(None).is_empty());
    }

    #[test]
    fn ids_depend_on_the_file_name_not_its_directory() {
        let a = statement_id("/a/x/1.txt", 3, "He said so.", (0, 2), "Jo Bo", "said");
        assert_eq!(
            a,
            statement_id("/b/1.txt", 3, "He said so.", (0, 2), "Jo Bo", "said")
        );
        assert_ne!(
            a,
            statement_id("/a/2.txt", 3, "He said so.", (0, 2), "Jo Bo", "said")
        );
        assert_ne!(
            a,
            statement_id("/a/x/1.txt", 4, "He said so.", (0, 2), "Jo Bo", "said")
        );
        assert_ne!(
            a,
            statement_id("/a/x/1.txt", 3, "He said so.", (0, 3), "Jo Bo", "said")
        );
        assert_ne!(
            a,
            statement_id("/a/x/1.txt", 3, "He said so.", (0, 2), "Jo Bo", "added")
        );
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn ids_are_those_of_earlier_versions() {
        // Ids are stable across versions: exports and links keep them.
        assert_eq!(
            statement_id("/a/x/1.txt", 3, "He said so.", (0, 2), "Jo Bo", "said"),
            "93017e7080e372dd"
        );
        let ids = StatementIds::new("/c/7.txt", 12, "“No,” she said, and he added: “yes”.");
        assert_eq!(ids.id((0, 5), "Ann Lee", "said"), "86d0feefa2086059");
        assert_eq!(ids.id((29, 36), "Bo Day", "added"), "dd211024a5bc76d8");
    }
}
