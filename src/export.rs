//! Exporting statement (or article) records in the formats other tools
//! read: JSON Lines, CSV for spreadsheets, OpenSearch `_bulk` NDJSON and
//! Quickwit ingest NDJSON, with the OpenSearch mapping and the Quickwit
//! index config that match the records.
//!
//! The fields of each record kind are listed once ([`STATEMENT_FIELDS`],
//! [`ARTICLE_FIELDS`]) with their type; the CSV header, the mapping and the
//! config are made from that list, and a test checks it against the serde
//! structures, so the formats cannot drift apart. Writers take one record
//! at a time: an export streams.

use crate::error::Error;
use crate::index::NewsIndex;
use crate::search::{passage_query, SearchRequest};
use crate::statement::{ArticleRecord, PassageRecord, StatementRecord};
use crate::stored_article::StoredArticle;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocSet, TantivyDocument, TERMINATED};

/// The output format of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
    OpenSearch,
    Quickwit,
}

/// The type of a record field, as the search engines know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Matched exactly (ids, names, enumerations, paths).
    Keyword,
    /// A list of keywords (a JSON array; one `; `-joined cell in CSV).
    Keywords,
    /// Full text, analysed with English stemming.
    Text,
    /// An RFC 3339 date.
    Date,
    /// An unsigned integer.
    Integer,
    /// A list of texts already analysed into words (lower case, separated
    /// by spaces): matched word for word and as phrases within one text.
    Words,
}

/// The fields of a statement record, in [`StatementRecord`] order.
pub const STATEMENT_FIELDS: &[(&str, FieldType)] = &[
    ("id", FieldType::Keyword),
    ("speaker", FieldType::Keyword),
    ("speaker_as_written", FieldType::Keyword),
    ("speaker_type", FieldType::Keyword),
    ("text", FieldType::Text),
    ("kind", FieldType::Keyword),
    ("cue", FieldType::Keyword),
    ("start", FieldType::Integer),
    ("end", FieldType::Integer),
    ("passage", FieldType::Integer),
    ("line", FieldType::Integer),
    ("article_id", FieldType::Keyword),
    ("path", FieldType::Keyword),
    ("path_bytes", FieldType::Keyword),
    ("title", FieldType::Text),
    ("source", FieldType::Keyword),
    ("authors", FieldType::Keywords),
    ("published_at", FieldType::Date),
    ("url", FieldType::Keyword),
    ("lang", FieldType::Keyword),
    ("group", FieldType::Keyword),
];

/// The fields of an article record, in [`ArticleRecord`] order.
pub const ARTICLE_FIELDS: &[(&str, FieldType)] = &[
    ("id", FieldType::Keyword),
    ("path", FieldType::Keyword),
    ("path_bytes", FieldType::Keyword),
    ("title", FieldType::Text),
    ("source", FieldType::Keyword),
    ("authors", FieldType::Keywords),
    ("published_at", FieldType::Date),
    ("url", FieldType::Keyword),
    ("lang", FieldType::Keyword),
    ("text", FieldType::Text),
    ("passages", FieldType::Integer),
    ("statements", FieldType::Integer),
    ("speakers", FieldType::Keywords),
];

/// The fields of a passage record, in [`PassageRecord`] order.
pub const PASSAGE_FIELDS: &[(&str, FieldType)] = &[
    ("id", FieldType::Keyword),
    ("article_id", FieldType::Keyword),
    ("passage", FieldType::Integer),
    ("line", FieldType::Integer),
    ("start", FieldType::Integer),
    ("end", FieldType::Integer),
    ("path", FieldType::Keyword),
    ("path_bytes", FieldType::Keyword),
    ("title", FieldType::Text),
    ("source", FieldType::Keyword),
    ("authors", FieldType::Keywords),
    ("author", FieldType::Keyword),
    ("published_at", FieldType::Date),
    ("url", FieldType::Keyword),
    ("lang", FieldType::Keyword),
    ("heading", FieldType::Keyword),
    ("text", FieldType::Text),
    ("speakers", FieldType::Keywords),
    ("speaker_aliases", FieldType::Keywords),
    ("statement_speakers", FieldType::Keywords),
    ("statement_ids", FieldType::Keywords),
    ("group", FieldType::Keyword),
    ("speaker_keys", FieldType::Keywords),
    ("speaker_forms", FieldType::Words),
    ("speaker_surnames", FieldType::Keywords),
];

/// A record that can be exported.
pub trait Record: Serialize {
    /// The field list of this record kind.
    const FIELDS: &'static [(&'static str, FieldType)];
    /// The default index name in bulk actions and configs.
    const INDEX: &'static str;
    /// How the record's text fields are analysed in OpenSearch.
    const ANALYSIS: TextAnalysis = TextAnalysis::English;
    fn id(&self) -> &str;
    /// The record as `push` sends it: its JSON, plus what only the cluster
    /// needs (see [`PassageRecord`]'s).
    fn document(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("records serialize")
    }
}

/// How an OpenSearch index analyses and scores the text fields of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAnalysis {
    /// OpenSearch's `english` analyzer: what a user of the exported
    /// records expects.
    English,
    /// As newsidx analyses and scores passages (see [`news_analysis`]), so
    /// that `search --engine` ranks as the local index does.
    News,
}

/// The name of [`TextAnalysis::News`]'s analyzer and similarity in the
/// index settings.
pub const NEWS_ANALYZER: &str = "newsidx_news";
pub const NEWS_SIMILARITY: &str = "newsidx_bm25";

impl TextAnalysis {
    /// The analyzer name a text field's mapping gives.
    pub fn analyzer(self) -> &'static str {
        match self {
            TextAnalysis::English => "english",
            TextAnalysis::News => NEWS_ANALYZER,
        }
    }
}

/// The analyzer of the passages' `text_de`, `title_de`, … fields (one pair
/// per language of [`crate::index::tokenizers::STEMMED`]).
pub fn news_analyzer_in(code: &str) -> String {
    format!("{NEWS_ANALYZER}_{code}")
}

/// The index settings that mirror newsidx's `news` analyzer
/// (`index::tokenizers`) and tantivy's BM25: runs of letters and digits,
/// words of 40 bytes or more dropped (here: 40 characters), lower case,
/// accents folded, Snowball English stems; k1 = 1.2, b = 0.75. The same
/// chain with each other language's Snowball stemmer (the algorithms
/// tantivy's stemmers implement) analyses that language's fields.
fn news_analysis() -> serde_json::Value {
    let mut analysis = serde_json::json!({
        "analysis": {
            "tokenizer": {
                "newsidx_words": { "type": "pattern", "pattern": "[^\\p{L}\\p{N}]+" }
            },
            "filter": {
                "newsidx_short": { "type": "length", "max": 39 },
                "newsidx_stem": { "type": "snowball", "language": "English" }
            },
            "analyzer": {
                NEWS_ANALYZER: {
                    "type": "custom",
                    "tokenizer": "newsidx_words",
                    "filter": ["newsidx_short", "lowercase", "asciifolding", "newsidx_stem"]
                }
            }
        },
        "similarity": {
            NEWS_SIMILARITY: { "type": "BM25", "k1": 1.2, "b": 0.75 }
        }
    });
    for &(code, language) in crate::index::tokenizers::STEMMED {
        let stem = format!("newsidx_stem_{code}");
        analysis["analysis"]["filter"][&stem] =
            serde_json::json!({ "type": "snowball", "language": format!("{language:?}") });
        analysis["analysis"]["analyzer"][news_analyzer_in(code)] = serde_json::json!({
            "type": "custom",
            "tokenizer": "newsidx_words",
            "filter": ["newsidx_short", "lowercase", "asciifolding", stem]
        });
    }
    analysis
}

/// The passage's text and title fields in its own language on the
/// cluster: (`text_de`, `title_de`) for a German passage, none for English
/// or a language without a stemmer. (The local index keeps every language
/// in one pair of fields with tagged terms; a cluster's analyzers are
/// chosen per field.)
pub fn language_fields(lang: Option<&str>) -> Option<(String, String)> {
    let code = lang?;
    crate::index::tokenizers::stemmed_language(code)
        .map(|(code, _)| (format!("text_{code}"), format!("title_{code}")))
}

impl Record for StatementRecord {
    const FIELDS: &'static [(&'static str, FieldType)] = STATEMENT_FIELDS;
    const INDEX: &'static str = "newsidx-statements";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Record for ArticleRecord {
    const FIELDS: &'static [(&'static str, FieldType)] = ARTICLE_FIELDS;
    const INDEX: &'static str = "newsidx-articles";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Record for PassageRecord {
    const FIELDS: &'static [(&'static str, FieldType)] = PASSAGE_FIELDS;
    const INDEX: &'static str = "newsidx-passages";
    const ANALYSIS: TextAnalysis = TextAnalysis::News;
    fn id(&self) -> &str {
        &self.id
    }
    /// With the text and title again under the fields of its language
    /// ([`language_fields`]), analysed by that language's stemmer.
    fn document(&self) -> Vec<u8> {
        let Some((text, title)) = language_fields(self.lang.as_deref()) else {
            return serde_json::to_vec(self).expect("records serialize");
        };
        let mut value = serde_json::to_value(self).expect("records serialize");
        value[text] = self.text.clone().into();
        if let Some(t) = &self.title {
            value[title] = t.clone().into();
        }
        serde_json::to_vec(&value).expect("records serialize")
    }
}

/// Writes records one at a time in one format.
pub struct Writer<W: Write> {
    format: Format,
    index_name: String,
    out: WriterOut<W>,
    written: u64,
}

enum WriterOut<W: Write> {
    Plain(W),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Writer<W> {
    /// A writer of `R` records; `index_name` names the target index in
    /// OpenSearch action lines.
    pub fn new<R: Record>(format: Format, index_name: &str, out: W) -> io::Result<Writer<W>> {
        let out = if format == Format::Csv {
            let mut csv = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            csv.write_record(R::FIELDS.iter().map(|(name, _)| *name))
                .map_err(io::Error::other)?;
            WriterOut::Csv(Box::new(csv))
        } else {
            WriterOut::Plain(out)
        };
        Ok(Writer {
            format,
            index_name: index_name.to_string(),
            out,
            written: 0,
        })
    }

    /// Writes one record.
    pub fn write<R: Record>(&mut self, record: &R) -> io::Result<()> {
        self.written += 1;
        match &mut self.out {
            WriterOut::Csv(csv) => {
                let value = serde_json::to_value(record)?;
                let cells = R::FIELDS.iter().map(|(name, _)| csv_cell(&value[*name]));
                csv.write_record(cells).map_err(io::Error::other)
            }
            WriterOut::Plain(out) => match self.format {
                Format::OpenSearch => {
                    let action = serde_json::json!({
                        "index": { "_index": self.index_name, "_id": record.id() }
                    });
                    serde_json::to_writer(&mut *out, &action)?;
                    out.write_all(b"\n")?;
                    serde_json::to_writer(&mut *out, record)?;
                    out.write_all(b"\n")
                }
                Format::Quickwit => {
                    // Quickwit takes a missing field, not a null one.
                    let mut value = serde_json::to_value(record)?;
                    if let serde_json::Value::Object(map) = &mut value {
                        map.retain(|_, v| !v.is_null());
                    }
                    serde_json::to_writer(&mut *out, &value)?;
                    out.write_all(b"\n")
                }
                _ => {
                    serde_json::to_writer(&mut *out, record)?;
                    out.write_all(b"\n")
                }
            },
        }
    }

    /// Records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        match self.out {
            WriterOut::Plain(mut out) => {
                out.flush()?;
                Ok(out)
            }
            WriterOut::Csv(csv) => csv.into_inner().map_err(|e| e.into_error()),
        }
    }
}

/// One CSV cell: strings as they are, numbers in decimal, lists joined with
/// `; `, null as an empty cell.
fn csv_cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(csv_cell).collect::<Vec<_>>().join("; ")
        }
        other => other.to_string(),
    }
}

/// The OpenSearch index (settings and mappings) for `R` records, as JSON:
/// `PUT /INDEX` with it before loading the bulk file.
pub fn opensearch_mapping<R: Record>() -> serde_json::Value {
    let mut properties = serde_json::Map::new();
    for (name, kind) in R::FIELDS {
        let mapping = match kind {
            FieldType::Keyword | FieldType::Keywords => serde_json::json!({ "type": "keyword" }),
            FieldType::Text => {
                let mut text = serde_json::json!({
                    "type": "text",
                    "analyzer": R::ANALYSIS.analyzer(),
                    "fields": { "raw": { "type": "keyword", "ignore_above": 512 } }
                });
                if R::ANALYSIS == TextAnalysis::News {
                    text["similarity"] = NEWS_SIMILARITY.into();
                }
                text
            }
            FieldType::Date => {
                serde_json::json!({ "type": "date", "format": "strict_date_time_no_millis" })
            }
            FieldType::Integer => serde_json::json!({ "type": "long" }),
            FieldType::Words => serde_json::json!({
                "type": "text",
                "analyzer": "whitespace",
                "position_increment_gap": 100
            }),
        };
        properties.insert(name.to_string(), mapping);
    }
    if R::ANALYSIS == TextAnalysis::News {
        for &(code, _) in crate::index::tokenizers::STEMMED {
            let (text, title) = language_fields(Some(code)).expect("a stemmed language");
            for field in [text, title] {
                properties.insert(
                    field,
                    serde_json::json!({
                        "type": "text",
                        "analyzer": news_analyzer_in(code),
                        "similarity": NEWS_SIMILARITY
                    }),
                );
            }
        }
    }
    let mut settings = serde_json::json!({ "index": { "number_of_shards": 1 } });
    if R::ANALYSIS == TextAnalysis::News {
        settings["index"]
            .as_object_mut()
            .expect("an object")
            .extend(news_analysis().as_object().expect("an object").clone());
    }
    serde_json::json!({
        "settings": settings,
        "mappings": { "dynamic": "strict", "properties": properties }
    })
}

/// The Quickwit index config (YAML) for `R` records:
/// `quickwit index create --index-config FILE` with it.
pub fn quickwit_config<R: Record>(index_id: &str) -> String {
    let mut out = String::new();
    out.push_str("# Quickwit index config for newsidx export records.\n");
    out.push_str("version: 0.8\n");
    out.push_str(&format!("index_id: {index_id}\n"));
    out.push_str("doc_mapping:\n  mode: strict\n  field_mappings:\n");
    let mut has_date = false;
    for (name, kind) in R::FIELDS {
        out.push_str(&format!("    - name: {name}\n"));
        let lines: &[&str] = match kind {
            FieldType::Keyword => &["type: text", "tokenizer: raw", "fast: true"],
            FieldType::Keywords => &["type: array<text>", "tokenizer: raw", "fast: true"],
            FieldType::Text => &["type: text", "tokenizer: en_stem", "record: position"],
            FieldType::Date => {
                has_date = true;
                &[
                    "type: datetime",
                    "input_formats: [rfc3339]",
                    "output_format: rfc3339",
                    "fast_precision: seconds",
                    "fast: true",
                ]
            }
            FieldType::Integer => &["type: u64", "fast: true"],
            FieldType::Words => &[
                "type: array<text>",
                "tokenizer: whitespace",
                "record: position",
            ],
        };
        for line in lines {
            out.push_str(&format!("      {line}\n"));
        }
    }
    if has_date {
        out.push_str("  timestamp_field: published_at\n");
    }
    out.push_str("search_settings:\n  default_search_fields: [text]\n");
    out
}

/// The article record of a stored article.
pub fn article_record(article: &StoredArticle) -> ArticleRecord {
    let mut speakers: Vec<String> = Vec::new();
    let mut statements = 0;
    for p in &article.passages {
        statements += p.statements.as_array().map_or(0, Vec::len) as u64;
        for s in &p.speakers {
            if !speakers.contains(s) {
                speakers.push(s.clone());
            }
        }
    }
    let text: Vec<&str> = article.passages.iter().map(|p| p.text.as_str()).collect();
    ArticleRecord {
        id: article.id.clone(),
        path: article.path.clone(),
        path_bytes: article.path_bytes.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
        authors: crate::statement::authors(article.author.as_deref()),
        published_at: article.date.clone(),
        url: article.url.clone(),
        lang: article.lang.clone(),
        text: text.join("\n\n"),
        passages: article.passages.len() as u64,
        statements,
        speakers,
    }
}

/// Calls `f` with every stored passage document matching `request` (its
/// query, speakers, sources and dates; paging is ignored) and its copy
/// group (a fast field, not stored), segment by
/// segment in document order, reading one document at a time: memory does
/// not grow with the number of matches.
pub fn for_each_passage<E: From<Error>>(
    index: &NewsIndex,
    searcher: &tantivy::Searcher,
    request: &SearchRequest,
    mut f: impl FnMut(&TantivyDocument, u64) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let tantivy = |e: tantivy::TantivyError| E::from(Error::from(e));
    let (query, _) = passage_query(index, searcher, request)?;
    let weight = query
        .weight(EnableScoring::disabled_from_searcher(searcher))
        .map_err(tantivy)?;
    for reader in searcher.segment_readers() {
        let store = reader.get_store_reader(4).map_err(|e| tantivy(e.into()))?;
        let alive = reader.alive_bitset();
        let groups = reader.fast_fields().u64("group").map_err(tantivy)?;
        let mut scorer = weight.scorer(reader, 1.0).map_err(tantivy)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let stored: TantivyDocument = store.get(doc).map_err(tantivy)?;
                f(&stored, groups.first(doc).unwrap_or(0))?;
            }
            doc = scorer.advance();
        }
    }
    Ok(())
}

/// Calls `f` with each statement record in passages matching `request`,
/// keeping only the statements of `request.speakers` when it names any
/// (the passage filter alone would also let through the other speakers
/// of those passages). Streams like [`for_each_passage`].
pub fn for_each_record<E: From<Error>>(
    index: &NewsIndex,
    searcher: &tantivy::Searcher,
    request: &SearchRequest,
    mut passage_done: impl FnMut(),
    mut f: impl FnMut(StatementRecord) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let wanted: Vec<String> = request
        .speakers
        .iter()
        .map(|s| crate::statement::name_key(s))
        .collect();
    let fields = &index.fields;
    for_each_passage(index, searcher, request, |doc, _group| {
        passage_done();
        for record in crate::statement::records_of(fields, doc) {
            if wanted.is_empty()
                || wanted
                    .iter()
                    .any(|w| crate::statement::speaks_as(&record.speaker, w))
            {
                f(record)?;
            }
        }
        Ok(())
    })
}

/// The distinct article ids of the matching passages, in id order (from
/// the `article_id` fast field; no stored document is read).
pub struct ArticleIds;

pub struct ArticleIdsSegment {
    column: Option<tantivy::columnar::StrColumn>,
    ords: BTreeSet<u64>,
}

impl Collector for ArticleIds {
    type Fruit = BTreeSet<String>;
    type Child = ArticleIdsSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<ArticleIdsSegment> {
        Ok(ArticleIdsSegment {
            column: reader.fast_fields().str("article_id")?,
            ords: BTreeSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeSet<String>>) -> tantivy::Result<BTreeSet<String>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for ArticleIdsSegment {
    type Fruit = BTreeSet<String>;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        if let Some(column) = &self.column {
            self.ords.extend(column.term_ords(doc));
        }
    }

    fn harvest(self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        if let Some(column) = &self.column {
            let mut bytes = Vec::new();
            for ord in self.ords {
                if column.ord_to_bytes(ord, &mut bytes).unwrap_or(false) {
                    out.insert(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::statement::{Kind, SpeakerType};

    pub(crate) fn tricky_statement(n: u64) -> StatementRecord {
        StatementRecord {
            id: format!("{n:016x}"),
            speaker: "José Müller-Ćirić".into(),
            speaker_as_written: "Müller, \"the envoy\"".into(),
            speaker_type: SpeakerType::Person,
            text: "We said \"no\", twice;\nthen, on a new line: ça va — 東京".into(),
            kind: Kind::Direct,
            cue: "said".into(),
            start: 10 + n,
            end: 60 + n,
            passage: 2,
            line: 7,
            article_id: "abc".into(),
            path: "/corpus/a,b \"c\".txt".into(),
            path_bytes: Some("L2NvcnB1cy//LnR4dA==".into()),
            title: Some("Title, with \"quotes\"\r\nand CRLF".into()),
            source: None,
            authors: vec!["Jane Doe".into(), "Ann Poe".into()],
            published_at: Some("2025-12-21T00:00:00Z".into()),
            url: None,
            lang: Some("en".into()),
            group: Some("00000000000000ff".into()),
        }
    }

    fn keys(value: &serde_json::Value) -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn field_lists_name_every_record_field_in_order() {
        let value = serde_json::to_value(tricky_statement(1)).unwrap();
        let mut listed: Vec<String> = STATEMENT_FIELDS.iter().map(|f| f.0.to_string()).collect();
        let mut present = keys(&value);
        listed.sort();
        present.sort();
        assert_eq!(listed, present);
        let article = ArticleRecord {
            id: "a".into(),
            path: "p".into(),
            path_bytes: Some("cA==".into()),
            title: None,
            source: None,
            authors: vec![],
            published_at: None,
            url: None,
            lang: None,
            text: String::new(),
            passages: 0,
            statements: 0,
            speakers: vec![],
        };
        let mut listed: Vec<String> = ARTICLE_FIELDS.iter().map(|f| f.0.to_string()).collect();
        let mut present = keys(&serde_json::to_value(article).unwrap());
        listed.sort();
        present.sort();
        assert_eq!(listed, present);
        let passage = sample_passage();
        let mut listed: Vec<String> = PASSAGE_FIELDS.iter().map(|f| f.0.to_string()).collect();
        let mut present = keys(&serde_json::to_value(passage).unwrap());
        listed.sort();
        present.sort();
        assert_eq!(listed, present);
    }

    fn sample_passage() -> PassageRecord {
        PassageRecord {
            id: "abc-2".into(),
            article_id: "abc".into(),
            passage: 2,
            line: 7,
            start: 10,
            end: 90,
            path: "/corpus/a.txt".into(),
            path_bytes: Some("L2NvcnB1cy//LnR4dA==".into()),
            title: Some("Title".into()),
            source: Some("Test Wire".into()),
            authors: vec!["Jane Doe".into()],
            author: Some("Jane Doe".into()),
            published_at: Some("2025-12-21T00:00:00Z".into()),
            url: None,
            lang: Some("en".into()),
            heading: None,
            text: "\"We will not give up,\" said Maria Keller.".into(),
            speakers: vec!["Maria Keller".into()],
            speaker_aliases: vec!["Maria Keller\u{1f}Keller".into()],
            statement_speakers: vec!["Maria Keller".into()],
            statement_ids: vec!["0c633abf0ca4c3d1".into()],
            group: "00000000000000a2".into(),
            speaker_keys: vec!["keller\u{1f}Maria Keller".into()],
            speaker_forms: vec!["maria keller".into(), "keller".into()],
            speaker_surnames: vec!["keller".into()],
        }
    }

    /// docs/statement.schema.json documents exactly the record's fields, and
    /// a record fits the types it gives.
    #[test]
    fn the_json_schema_describes_the_record() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../docs/statement.schema.json")).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        let mut documented: Vec<&String> = properties.keys().collect();
        documented.sort();
        let mut required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        required.sort();
        let mut listed: Vec<&str> = STATEMENT_FIELDS.iter().map(|f| f.0).collect();
        listed.sort();
        assert_eq!(documented, listed);
        // Every field but `path_bytes`, which only paths that are not
        // UTF-8 carry.
        listed.retain(|f| *f != "path_bytes");
        assert_eq!(required, listed);
        let record = serde_json::to_value(tricky_statement(0)).unwrap();
        for (name, value) in record.as_object().unwrap() {
            let spec = &properties[name];
            let types: Vec<&str> = match &spec["type"] {
                serde_json::Value::String(t) => vec![t.as_str()],
                serde_json::Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                _ => vec!["string"],
            };
            let fits = types.iter().any(|t| match *t {
                "string" => value.is_string(),
                "integer" => value.is_u64(),
                "array" => value.is_array(),
                "null" => value.is_null(),
                _ => false,
            });
            assert!(fits, "{name}: {value} is not {types:?}");
            if let Some(options) = spec["enum"].as_array() {
                assert!(options.contains(value), "{name}: {value}");
            }
        }
    }

    #[test]
    fn csv_reads_back_with_every_field_intact() {
        let mut writer = Writer::new::<StatementRecord>(Format::Csv, "x", Vec::new()).unwrap();
        for n in 0..3 {
            writer.write(&tricky_statement(n)).unwrap();
        }
        let bytes = writer.finish().unwrap();
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(
            header,
            STATEMENT_FIELDS
                .iter()
                .map(|f| f.0.to_string())
                .collect::<Vec<_>>()
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 3);
        for (n, row) in rows.iter().enumerate() {
            let want = tricky_statement(n as u64);
            let cell = |name: &str| row.get(header.iter().position(|h| h == name).unwrap());
            assert_eq!(cell("text"), Some(want.text.as_str()));
            assert_eq!(cell("speaker"), Some(want.speaker.as_str()));
            assert_eq!(
                cell("speaker_as_written"),
                Some(want.speaker_as_written.as_str())
            );
            assert_eq!(cell("path"), Some(want.path.as_str()));
            assert_eq!(cell("title"), want.title.as_deref());
            assert_eq!(cell("source"), Some(""));
            assert_eq!(cell("authors"), Some("Jane Doe; Ann Poe"));
            assert_eq!(cell("start"), Some(want.start.to_string().as_str()));
            assert_eq!(cell("kind"), Some("direct"));
            assert_eq!(cell("speaker_type"), Some("person"));
        }
    }

    #[test]
    fn bulk_lines_alternate_action_and_document() {
        let mut writer =
            Writer::new::<StatementRecord>(Format::OpenSearch, "news", Vec::new()).unwrap();
        for n in 0..4 {
            writer.write(&tricky_statement(n)).unwrap();
        }
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 8);
        let mut ids = std::collections::HashSet::new();
        for pair in lines.chunks(2) {
            let action = &pair[0]["index"];
            assert_eq!(action["_index"], "news");
            assert_eq!(action["_id"], pair[1]["id"]);
            assert!(ids.insert(action["_id"].as_str().unwrap().to_string()));
            assert!(pair[1].get("index").is_none());
        }
    }

    #[test]
    fn quickwit_lines_leave_out_nulls() {
        let mut writer =
            Writer::new::<StatementRecord>(Format::Quickwit, "news", Vec::new()).unwrap();
        writer.write(&tricky_statement(0)).unwrap();
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let value: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
        assert!(value.get("source").is_none());
        assert_eq!(value["speaker"], "José Müller-Ćirić");
    }

    fn check_mapping<R: Record>(sample: &serde_json::Value) {
        let mapping = opensearch_mapping::<R>();
        let properties = mapping["mappings"]["properties"].as_object().unwrap();
        for (name, value) in sample.as_object().unwrap() {
            let kind = properties[name]["type"].as_str().unwrap();
            let fits = match value {
                serde_json::Value::Number(_) => kind == "long",
                serde_json::Value::Array(items) => {
                    (kind == "keyword" || kind == "text") && items.iter().all(|i| i.is_string())
                }
                serde_json::Value::String(s) if kind == "date" => {
                    chrono::DateTime::parse_from_rfc3339(s).is_ok()
                }
                serde_json::Value::String(_) => kind == "keyword" || kind == "text",
                serde_json::Value::Null => true,
                _ => false,
            };
            assert!(fits, "{name}: {value} is not a {kind}");
        }
        // Passages have the fields of each stemmed language besides.
        let languages = match R::ANALYSIS {
            TextAnalysis::News => 2 * crate::index::tokenizers::STEMMED.len(),
            TextAnalysis::English => 0,
        };
        assert_eq!(properties.len(), R::FIELDS.len() + languages);
        let text = |name: &str| properties[name]["analyzer"] == R::ANALYSIS.analyzer();
        assert!(R::FIELDS
            .iter()
            .all(|(name, t)| (*t == FieldType::Text) == text(name)));
    }

    #[test]
    fn the_mapping_types_every_field() {
        check_mapping::<StatementRecord>(&serde_json::to_value(tricky_statement(0)).unwrap());
        check_mapping::<PassageRecord>(&serde_json::to_value(sample_passage()).unwrap());
        // A German passage is sent with its text and title again under
        // the German fields, which the German analyzer reads.
        let mut german = sample_passage();
        german.lang = Some("de".into());
        let document: serde_json::Value = serde_json::from_slice(&german.document()).unwrap();
        check_mapping::<PassageRecord>(&document);
        assert_eq!(document["text_de"], german.text.as_str());
        assert_eq!(document["title_de"], german.title.clone().unwrap().as_str());
        assert!(document.get("text_fr").is_none());
        // An English passage is sent as before, byte for byte (so a push
        // after an upgrade finds it unchanged).
        assert_eq!(
            sample_passage().document(),
            serde_json::to_vec(&sample_passage()).unwrap()
        );
        let mapping = opensearch_mapping::<PassageRecord>();
        let text_de = &mapping["mappings"]["properties"]["text_de"];
        assert_eq!(text_de["analyzer"], "newsidx_news_de");
        let analysis = &mapping["settings"]["index"]["analysis"];
        assert_eq!(
            analysis["analyzer"]["newsidx_news_de"]["filter"],
            serde_json::json!([
                "newsidx_short",
                "lowercase",
                "asciifolding",
                "newsidx_stem_de"
            ])
        );
        assert_eq!(analysis["filter"]["newsidx_stem_de"]["language"], "German");
        // Passages are searched as newsidx searches: its analyzer and BM25.
        let passages = opensearch_mapping::<PassageRecord>();
        let index = &passages["settings"]["index"];
        let analyzer = &index["analysis"]["analyzer"][NEWS_ANALYZER];
        assert_eq!(
            analyzer["filter"],
            serde_json::json!(["newsidx_short", "lowercase", "asciifolding", "newsidx_stem"])
        );
        assert_eq!(index["similarity"][NEWS_SIMILARITY]["k1"], 1.2);
        assert_eq!(index["similarity"][NEWS_SIMILARITY]["b"], 0.75);
        assert_eq!(
            passages["mappings"]["properties"]["text"]["similarity"],
            NEWS_SIMILARITY
        );
        let mapping = opensearch_mapping::<StatementRecord>();
        assert_eq!(
            mapping["mappings"]["properties"]["published_at"]["type"],
            "date"
        );
        assert_eq!(mapping["mappings"]["properties"]["text"]["type"], "text");
        assert_eq!(mapping["mappings"]["properties"]["start"]["type"], "long");
        assert_eq!(
            mapping["mappings"]["properties"]["speaker"]["type"],
            "keyword"
        );
    }

    #[test]
    fn the_quickwit_config_is_yaml_naming_the_record_fields() {
        let yaml = quickwit_config::<StatementRecord>("news");
        let docs = yaml_rust2::YamlLoader::load_from_str(&yaml).unwrap();
        let doc = &docs[0];
        assert_eq!(doc["index_id"].as_str(), Some("news"));
        let mapping = &doc["doc_mapping"];
        assert_eq!(mapping["timestamp_field"].as_str(), Some("published_at"));
        let fields = mapping["field_mappings"].as_vec().unwrap();
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        let record = serde_json::to_value(tricky_statement(0)).unwrap();
        let mut want = keys(&record);
        want.sort();
        let mut got: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        got.sort();
        assert_eq!(got, want);
        for f in fields {
            let name = f["name"].as_str().unwrap();
            let kind = f["type"].as_str().unwrap();
            let value = &record[name];
            let fits = match kind {
                "u64" => value.is_u64(),
                "datetime" => value.is_string(),
                "array<text>" => value.is_array(),
                "text" => value.is_string() || value.is_null(),
                _ => false,
            };
            assert!(fits, "{name}: {kind}");
            if kind == "text" && STATEMENT_FIELDS.contains(&(name, FieldType::Text)) {
                assert_eq!(f["tokenizer"].as_str(), Some("en_stem"));
            }
        }
        let search = doc["search_settings"]["default_search_fields"]
            .as_vec()
            .unwrap();
        assert!(search.iter().all(|f| names.contains(&f.as_str().unwrap())));
    }
}
