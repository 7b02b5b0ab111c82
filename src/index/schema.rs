//! The tantivy schema: one document per passage, plus one record document
//! per file that holds what incremental indexing compares (path, content
//! hash, size, modification time). Keeping that state in the index itself
//! means it is committed atomically with the passages it describes.
//!
//! Field names are also the names users type in queries (`title:ukraine`,
//! `source:reuters`, `speaker:witkoff`), so they are short and plain.

use super::tokenizers::{FOLDED, NAME, NEWS, TAGGED};
use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED,
};

/// The `kind` of a passage document.
pub const KIND_PASSAGE: &str = "passage";
/// The `kind` of a file record document.
pub const KIND_FILE: &str = "file";

/// Separates a speaker from one of their aliases in `speaker_aliases`.
pub const ALIAS_SEPARATOR: char = '\u{1f}';

/// Handles to every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `passage` or `file`.
    pub kind: Field,
    /// Stable article id, raw, for looking an article up.
    pub article_id: Field,
    /// A 64-bit hash of `article_id`, fast only: search counts the articles
    /// holding the copies of a passage with it, without reading any id.
    pub article_key: Field,
    /// The path again, on the file record only, so the record can be
    /// replaced without touching the passages.
    pub record: Field,
    /// The file's path, raw: deleting it removes all of a file's documents.
    pub path: Field,
    /// Passage number within the article (stored, and fast for "also in").
    pub passage: Field,
    /// Line of the passage in its file (stored, and fast for "also in").
    pub line: Field,
    pub start: Field,
    pub end: Field,
    pub text: Field,
    pub heading: Field,
    pub title: Field,
    /// Searchable outlet name (case- and accent-insensitive words).
    pub source: Field,
    /// The outlet name exactly as extracted, for counting and display.
    pub source_exact: Field,
    /// What a folded result names of the article of another copy, fast
    /// only: its path, id, title and url as one JSON array
    /// (`codec::copy_article`), one column read where four would each scan
    /// a dictionary block.
    pub copy_article: Field,
    pub author: Field,
    pub date: Field,
    pub url: Field,
    /// The article's language (ISO 639-1), raw, for filtering and counting.
    pub lang: Field,
    /// Searchable speaker names: canonical names and their aliases.
    pub speaker: Field,
    /// The last word of each speaker name and alias, so that a one-word
    /// `--speaker` matches surnames only ("Witkoff", not "Steve").
    pub speaker_surname: Field,
    /// Canonical speaker names exactly, for counting and display.
    pub speakers: Field,
    /// Each of `speakers` under its surname's spelling key (see
    /// `attribution::directory::speaker_key`), indexed only: search reads
    /// the names of one surname without reading every name.
    pub speaker_key: Field,
    /// The passage's statements, as JSON.
    pub statements: Field,
    /// Content hash of the file (record documents).
    pub hash: Field,
    pub size: Field,
    pub mtime: Field,
    /// Number of passages and of articles in the file (record documents).
    pub passages: Field,
    pub articles: Field,
    /// The passage's copy group (see `syndication`): equal for near-duplicate
    /// passages across articles.
    pub group: Field,
    /// Lookup keys of the passage's units for grouping (LSH band keys),
    /// indexed only.
    pub dup_key: Field,
    /// The passage's key for copy labels (the hash of its normalized
    /// words, `syndication::labels::passage_key_of`), fast: relabelling
    /// reads the keys of a band key's passages from here and reads the
    /// text of only those it compares, and a renamed file's copied
    /// documents take it from here. Fast only: a random 64-bit value costs
    /// the compressed store its 8 bytes in every passage. Absent for a
    /// passage too short to compare.
    pub passage_key: Field,
    /// The quote group of each quotation unit of the passage, stored.
    pub unit_groups: Field,
    /// The canonical speaker of each statement in the passage (one value per
    /// statement), for counting statements.
    pub statement_speakers: Field,
    /// `speaker` + U+001F + `alias` for each alias of a speaker of the
    /// passage, for listing aliases.
    pub speaker_aliases: Field,
    /// The text and title once more, indexed only, for articles in a
    /// language of [`super::tokenizers::STEMMED`], with that language's
    /// analyzer and its terms tagged with it (`de:haus`, see
    /// [`super::tokenizers::tagged_news`]). `text` and `title` hold the
    /// same words under the English analyzer (and store them), so that what
    /// English search found before is found still and ranked the same.
    pub stemmed_text: Field,
    pub stemmed_title: Field,
}

fn text_options(tokenizer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// A field matched only exactly (paths, ids, exact names, kinds), never
/// scored: filters wrap it in a constant score, so it needs no field norms
/// (one byte per document per field otherwise).
fn raw() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// Builds the schema and the field handles.
///
/// Only what is shown or needed to copy a document is stored; what readers
/// scan goes to fast fields. Values that can be derived from stored ones
/// (the grouping keys from the text and statements, each statement's
/// speaker from the statements) are not stored again: stored grouping keys
/// alone were a third of the document store.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let stored_u64 = NumericOptions::default().set_stored();
    let fast_u64 = NumericOptions::default().set_fast();
    // Every value a folded result names of its other copies ("also in":
    // line, passage, outlet, date, speakers, and `copy_article`) is a fast
    // field, so that naming them reads no stored document
    // (`search::AlsoColumns`): only the results shown are read from the
    // store.
    let stored_fast_u64 = stored_u64.clone().set_fast();
    let fields = Fields {
        kind: b.add_text_field("kind", raw()),
        article_id: b.add_text_field("article_id", raw() | STORED | FAST),
        article_key: b.add_u64_field("article_key", FAST),
        record: b.add_text_field("record", raw()),
        path: b.add_text_field("path", raw() | STORED | FAST),
        passage: b.add_u64_field("passage", stored_fast_u64.clone()),
        line: b.add_u64_field("line", stored_fast_u64.clone()),
        start: b.add_u64_field("start", stored_u64.clone()),
        end: b.add_u64_field("end", stored_u64),
        text: b.add_text_field("text", text_options(NEWS, true)),
        heading: b.add_text_field("heading", STORED),
        title: b.add_text_field("title", text_options(NEWS, true)),
        source: b.add_text_field("source", text_options(FOLDED, false)),
        source_exact: b.add_text_field("source_exact", raw() | STORED | FAST),
        copy_article: b.add_text_field("copy_article", FAST),
        author: b.add_text_field("author", text_options(FOLDED, true)),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        url: b.add_text_field("url", STORED),
        lang: b.add_text_field("lang", raw() | STORED | FAST),
        // Stored (though never shown), like every passage field below that
        // is not shown, so that a renamed file's documents can be copied
        // without analysing the file again (see `indexer::rename`).
        // Not stored: made again from `speakers` and `speaker_aliases`.
        speaker: b.add_text_field("speaker", text_options(NAME, false)),
        speaker_surname: b.add_text_field("speaker_surname", text_options(NAME, false)),
        speakers: b.add_text_field("speakers", raw() | STORED | FAST),
        speaker_key: b.add_text_field("speaker_key", raw()),
        statements: b.add_text_field("statements", STORED),
        // File records are read from fast fields only (see `records`).
        hash: b.add_text_field("hash", FAST),
        size: b.add_u64_field("size", fast_u64.clone()),
        mtime: b.add_u64_field("mtime", fast_u64.clone()),
        passages: b.add_u64_field("passages", fast_u64.clone()),
        articles: b.add_u64_field("articles", fast_u64.clone()),
        // Read from its fast field by folding, grouping and renaming;
        // indexed for looking a group's members up.
        group: b.add_u64_field("group", fast_u64.clone().set_indexed()),
        dup_key: b.add_u64_field("dup_key", NumericOptions::default().set_indexed()),
        passage_key: b.add_u64_field("passage_key", fast_u64.clone()),
        unit_groups: b.add_u64_field("unit_groups", NumericOptions::default().set_stored()),
        // Derived from `statements` when a document is copied.
        statement_speakers: b.add_text_field("statement_speakers", FAST),
        speaker_aliases: b.add_text_field("speaker_aliases", FAST | STORED),
        stemmed_text: b.add_text_field("stemmed_text", text_options(TAGGED, false)),
        stemmed_title: b.add_text_field("stemmed_title", text_options(TAGGED, false)),
    };
    (b.build(), fields)
}

/// The field handles of an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        kind: f("kind")?,
        article_id: f("article_id")?,
        article_key: f("article_key")?,
        record: f("record")?,
        path: f("path")?,
        passage: f("passage")?,
        line: f("line")?,
        start: f("start")?,
        end: f("end")?,
        text: f("text")?,
        heading: f("heading")?,
        title: f("title")?,
        source: f("source")?,
        source_exact: f("source_exact")?,
        copy_article: f("copy_article")?,
        author: f("author")?,
        date: f("date")?,
        url: f("url")?,
        lang: f("lang")?,
        speaker: f("speaker")?,
        speaker_surname: f("speaker_surname")?,
        speakers: f("speakers")?,
        speaker_key: f("speaker_key")?,
        statements: f("statements")?,
        hash: f("hash")?,
        size: f("size")?,
        mtime: f("mtime")?,
        passages: f("passages")?,
        articles: f("articles")?,
        group: f("group")?,
        dup_key: f("dup_key")?,
        passage_key: f("passage_key")?,
        unit_groups: f("unit_groups")?,
        statement_speakers: f("statement_speakers")?,
        speaker_aliases: f("speaker_aliases")?,
        stemmed_text: f("stemmed_text")?,
        stemmed_title: f("stemmed_title")?,
    })
}
