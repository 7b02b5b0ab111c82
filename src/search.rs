//! Searching the index: turning a query string and filters into a tantivy
//! query, ranking passages with BM25, and returning them as plain [`Hit`]s
//! with a highlighted snippet.
//!
//! The query language is tantivy's (words required by default, `"phrases"`,
//! `OR`, `-exclude`, `field:value`); this module adds what a user of a
//! search tool expects around it: syntax errors that point at a column,
//! queries made only of exclusions, filters that never change the ranking,
//! and filter-only listings ordered newest first. It prints nothing:
//! `output` formats the hits.

use crate::attribution::directory::Canonical;
use crate::date_window::DateWindowQuery;
use crate::disjunction;
use crate::error::{Error, Result};
use crate::index::columns::{ColumnCache, TextColumn};
use crate::index::schema::{Fields, KIND_PASSAGE};
use crate::index::tokenizers::{self, FOLDED, NAME};
use crate::index::NewsIndex;
use crate::rank::{Ranking, TopPassages};
use crate::snippet::Highlighter;
use crate::stemmed;
use crate::syndication::{fold, KeyHash};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Bound;
use tantivy::columnar::Column;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, Occur, PhraseQuery, Query, QueryParser,
    QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Characters of context in a snippet.
pub const SNIPPET_CHARS: usize = 240;

/// Title matches count this much more than text matches.
pub const TITLE_BOOST: f32 = 1.5;

/// A search: the query string and the filters around it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The user's query; empty lists everything that passes the filters.
    pub query: String,
    /// Any of these speakers (full name or surname, any case or accents).
    pub speakers: Vec<String>,
    /// Any of these outlets.
    pub sources: Vec<String>,
    /// Any of these languages (ISO 639-1 codes, as [`crate::language`]
    /// writes them).
    pub langs: Vec<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: usize,
    pub offset: usize,
    /// Show every copy instead of one result per copy group.
    pub all: bool,
    /// Other articles listed by name under a folded result (`copies` and
    /// `articles` count them all). Each costs a stored-document read.
    pub also: usize,
    /// How results are ordered.
    pub order: SearchOrder,
    /// The query's last word is still being typed: it also matches as the
    /// start of longer words (see [`crate::prefix`]).
    pub prefix: bool,
}

/// The order of search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchOrder {
    /// By BM25 score with words; newest first without (filters only).
    #[default]
    Relevance,
    /// Newest first (undated last), with or without words.
    Newest,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            speakers: Vec::new(),
            sources: Vec::new(),
            langs: Vec::new(),
            since: None,
            until: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
            all: false,
            also: DEFAULT_ALSO,
            order: SearchOrder::Relevance,
            prefix: false,
        }
    }
}

/// Results per page unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 10;

/// Other articles listed under a folded result unless asked otherwise.
pub const DEFAULT_ALSO: usize = 3;

/// The most other articles listed under one result.
pub const MAX_ALSO: usize = 100;

/// One ranked passage.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: f32,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub line: u64,
    pub start: u64,
    pub end: u64,
    pub passage: u64,
    pub article_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    /// RFC 3339, or null when the article has no date.
    pub date: Option<String>,
    pub url: Option<String>,
    /// The article's language (ISO 639-1), when it is known.
    pub lang: Option<String>,
    pub heading: Option<String>,
    pub speakers: Vec<String>,
    pub text: String,
    /// Whole sentences of `text` around the matched words, with "…" where
    /// text before or after them was left out (see [`crate::snippet`]).
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Byte ranges of the matched words within `title`.
    pub title_highlights: Vec<(usize, usize)>,
    /// The statements of the passage, as records (see `statement`).
    pub statements: Vec<crate::statement::StatementRecord>,
    /// Byte ranges within `snippet` of the statements of the speakers the
    /// request filters by (their own words; the rest is context). Not part
    /// of the JSON contract: the human snippet marks them.
    #[serde(skip)]
    pub speaker_spans: Vec<(usize, usize)>,
    /// Where `snippet`'s text (after any leading "…") starts in `text`.
    #[serde(skip)]
    pub snippet_start: usize,
    /// The passage's copy group (see `syndication`), written as its label
    /// (16 hex digits).
    #[serde(serialize_with = "group_label")]
    pub group: u64,
    /// Matching passages in the group, this one included (folded results
    /// only; `None` with `all`).
    pub copies: Option<usize>,
    /// Distinct articles holding those copies (folded results only).
    pub articles: Option<usize>,
    /// The earliest date among those copies.
    pub first_date: Option<String>,
    /// The oldest matching copy in each of the first few other articles,
    /// oldest first (see [`SearchRequest::also`]).
    pub also: Vec<AlsoIn>,
}

fn group_label<S: serde::Serializer>(group: &u64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::index::codec::group_label(*group))
}

/// Another copy of a hit's passage, folded into it.
#[derive(Debug, Clone, Serialize)]
pub struct AlsoIn {
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub line: u64,
    pub passage: u64,
    pub article_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub speakers: Vec<String>,
}

/// The hits of one search and how many passages matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    /// Distinct copy groups among the matches (folded results only):
    /// exact up to [`fold::COUNTED_GROUPS`], that many when there are more.
    pub groups: Option<usize>,
    /// `groups` is a lower bound (there are more than
    /// [`fold::COUNTED_GROUPS`]).
    pub groups_at_least: bool,
    pub hits: Vec<Hit>,
}

/// Runs `request` against the latest commit of `index`.
pub fn search(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let fields = &index.fields;
    index.columns.keep_only(searcher);
    index.speaker_names.keep_only(searcher);
    let (query, user_query) = passage_query(index, searcher, request)?;
    let limit = request.limit.max(1);
    let ranking = match (&user_query, request.order) {
        (Some(_), SearchOrder::Relevance) => Ranking::Score,
        // Only filters, or asked for: newest first.
        _ => Ranking::NewestFirst,
    };

    let (addresses, total, folded) = if request.all {
        let (ranked, total) = searcher.search(
            &query,
            &TopPassages::new(&index.columns, ranking, request.offset, limit),
        )?;
        let group_of = fold::FastU64::new(searcher, &index.columns, "group")?;
        let addresses = ranked
            .into_iter()
            .map(|(score, address)| (score, address, group_of.get(address)))
            .collect();
        (addresses, total, None)
    } else {
        let top = searcher.search(
            &query,
            &fold::TopGroups::new(&index.columns, ranking, request.offset, limit),
        )?;
        let matches = top.members_of_leaders(searcher, &index.columns)?;
        let article_of = fold::FastU64::new(searcher, &index.columns, "article_key")?;
        (
            top.leaders,
            top.tally.passages,
            Some((top.tally, matches, article_of)),
        )
    };

    // The matched words of the whole passage and title; `crate::snippet`
    // chooses the sentences shown.
    let snippets = match &user_query {
        Some(q) => Some(Snippets::new(fields, searcher, q.as_ref())?),
        None => None,
    };
    let mut hits = Vec::with_capacity(addresses.len());
    let mut also_columns = AlsoColumns::new(searcher, &index.columns);
    for (score, address, group) in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let mut hit = to_hit(fields, score, &doc, snippets.as_ref());
        hit.group = group;
        if !request.speakers.is_empty() {
            hit.speaker_spans = speaker_spans(&hit, &request.speakers);
        }
        if let Some((_, matches, article_of)) = &folded {
            add_copies(
                &mut also_columns,
                matches,
                article_of,
                address,
                request.also,
                &mut hit,
            )?;
        }
        hits.push(hit);
    }
    // Hits show canonical speaker names: one person, one name across the
    // index.
    let names = hits.iter().flat_map(|h| {
        let also = h.also.iter().flat_map(|a| &a.speakers);
        h.speakers.iter().chain(also).map(String::as_str)
    });
    let directories = index
        .speaker_names
        .directories(searcher, index.fields.speaker_key, names)?;
    name_speakers_canonically(&directories, &mut hits);
    Ok(SearchResults {
        total,
        groups: folded.as_ref().map(|(tally, _, _)| tally.groups),
        groups_at_least: folded
            .as_ref()
            .is_some_and(|(tally, _, _)| tally.groups_at_least),
        hits,
    })
}

/// The highlighters of a query: one for each language's analyzer, so a
/// German passage found by its German stems has them highlighted.
struct Snippets {
    english: Highlighter,
    stemmed: Vec<(&'static str, Highlighter)>,
    title: Highlighter,
}

impl Snippets {
    fn new(fields: &Fields, searcher: &Searcher, query: &dyn Query) -> Result<Snippets> {
        // `text` and `title` are analysed by `news`, in English.
        let make = |field| -> Result<Highlighter> {
            Ok(Highlighter::of_query_in_english(searcher, query, field)?)
        };
        let stemmed = stemmed::languages_present(fields, searcher)?
            .into_iter()
            .map(|code| Ok((code, stemmed::highlighter(fields, searcher, query, code)?)))
            .collect::<Result<_>>()?;
        Ok(Snippets {
            english: make(fields.text)?,
            stemmed,
            title: make(fields.title)?,
        })
    }

    /// The highlighter for a passage in `lang`.
    fn of(&self, lang: Option<&str>) -> &Highlighter {
        lang.and_then(|lang| self.stemmed.iter().find(|(code, _)| *code == lang))
            .map_or(&self.english, |(_, g)| g)
    }
}

/// The query matching the passages that `request` asks for (its query
/// string and filters; not its limit, offset or `all`), and the parsed
/// query string alone (`None` when empty).
pub fn passage_query(
    index: &NewsIndex,
    searcher: &Searcher,
    request: &SearchRequest,
) -> Result<(BooleanQuery, Option<Box<dyn Query>>)> {
    let fields = &index.fields;
    check_filters(request)?;
    let user_query = match request.prefix {
        true => parse_typed_query(index, searcher, &request.query)?,
        false => parse_user_query(index, searcher, &request.query)?,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !excludes_file_records(request) {
        clauses.push((
            Occur::Must,
            filter(TermQuery::new(
                Term::from_field_text(fields.kind, KIND_PASSAGE),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let dated = request.since.is_some() || request.until.is_some();
    if let Some(q) = &user_query {
        if dated {
            // The words drive; each passage they match has its date checked.
            let window = DateWindowQuery::new(
                q.box_clone(),
                index.index.schema().get_field_name(fields.date),
                date_bound(request.since, tantivy::DateTime::MIN),
                date_bound(request.until, tantivy::DateTime::MAX),
            );
            clauses.push((Occur::Must, Box::new(window)));
        } else {
            clauses.push((Occur::Must, q.box_clone()));
        }
    }
    if !request.speakers.is_empty() {
        let q = any_name(
            index,
            fields.speaker,
            Some(fields.speaker_surname),
            NAME,
            &request.speakers,
        );
        // Also every exact name stored for the same person in other
        // articles ("Yuri Ivanov" for "Yury Ivanov", "Ivanov" alone).
        let requested = request.speakers.iter().map(String::as_str);
        let directories =
            index
                .speaker_names
                .directories(searcher, fields.speaker_key, requested)?;
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(q))];
        for requested in &request.speakers {
            for exact in directories.matching(requested) {
                alternatives.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(fields.speakers, exact),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
        }
        clauses.push((Occur::Must, filter(BooleanQuery::new(alternatives))));
    }
    if !request.sources.is_empty() {
        let q = any_name(index, fields.source, None, FOLDED, &request.sources);
        clauses.push((Occur::Must, filter(q)));
    }
    if !request.langs.is_empty() {
        let any: Vec<(Occur, Box<dyn Query>)> = request
            .langs
            .iter()
            .map(|lang| {
                let term = Term::from_field_text(fields.lang, lang);
                let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, q)
            })
            .collect();
        clauses.push((Occur::Must, filter(BooleanQuery::new(any))));
    }
    if dated && user_query.is_none() {
        let bound = |d: Option<DateTime<Utc>>| match d {
            Some(d) => Bound::Included(Term::from_field_date(
                fields.date,
                tantivy::DateTime::from_timestamp_secs(d.timestamp()),
            )),
            None => Bound::Unbounded,
        };
        let q = RangeQuery::new(bound(request.since), bound(request.until));
        clauses.push((Occur::Must, filter(q)));
    }
    Ok((BooleanQuery::new(clauses), user_query))
}

/// Fills in the copies of `hit` (the leader of its group): how many, in
/// how many articles, since when, and the details of the oldest copy in
/// each of the first `also` other articles, read from fast fields
/// ([`AlsoColumns`]): no stored document.
fn add_copies(
    also_columns: &mut AlsoColumns,
    matches: &fold::GroupedMatches,
    article_of: &fold::FastU64,
    leader: DocAddress,
    also: usize,
    hit: &mut Hit,
) -> Result<()> {
    let members: Vec<_> = matches.members(hit.group).collect();
    hit.copies = Some(members.len());
    hit.first_date = members
        .first()
        .filter(|(date, _)| fold::GroupedMatches::is_dated(*date))
        .and_then(|(date, _)| DateTime::<Utc>::from_timestamp(*date, 0))
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let leader_article = article_of.get(leader);
    // Article keys are hashes already; the set is sized to the group once.
    let mut articles: HashSet<u64, KeyHash> =
        HashSet::with_capacity_and_hasher(members.len() + 1, KeyHash::default());
    articles.insert(leader_article);
    for &(_, address) in &members {
        let article = article_of.get(address);
        if articles.insert(article) && hit.also.len() < also {
            hit.also.push(also_columns.also_in(address)?);
        }
    }
    hit.articles = Some(articles.len());
    Ok(())
}

/// The fast fields an [`AlsoIn`] is made of, opened per segment when a
/// copy in it is first named. A stored document costs a store block
/// decompressed (half of a folded search when every result named three
/// copies, issue 16); these cost a column lookup each, so that the only
/// stored documents a search reads are those of the results shown.
struct AlsoColumns<'s> {
    searcher: &'s Searcher,
    /// Where the columns are opened, once per segment for every search.
    cache: &'s ColumnCache,
    segments: Vec<Option<AlsoSegment>>,
    buffer: String,
}

/// One segment's columns of [`AlsoColumns`]; a text column is `None` when
/// no document of the segment has a value.
struct AlsoSegment {
    /// Path, article id, title and url (`codec::copy_article`).
    article: Option<TextColumn>,
    line: Column<u64>,
    passage: Column<u64>,
    source: Option<TextColumn>,
    date: Column<tantivy::DateTime>,
    speakers: Option<TextColumn>,
}

impl<'s> AlsoColumns<'s> {
    fn new(searcher: &'s Searcher, cache: &'s ColumnCache) -> AlsoColumns<'s> {
        AlsoColumns {
            searcher,
            cache,
            segments: (0..searcher.segment_readers().len())
                .map(|_| None)
                .collect(),
            buffer: String::new(),
        }
    }

    /// The copy at `address`, as a folded result names it.
    fn also_in(&mut self, address: DocAddress) -> Result<AlsoIn> {
        let slot = &mut self.segments[address.segment_ord as usize];
        if slot.is_none() {
            let reader = self.searcher.segment_reader(address.segment_ord);
            let cache = self.cache;
            *slot = Some(AlsoSegment {
                article: cache.text(reader, "copy_article")?,
                line: cache.u64(reader, "line")?,
                passage: cache.u64(reader, "passage")?,
                source: cache.text(reader, "source_exact")?,
                date: cache.date(reader, "date")?,
                speakers: cache.text(reader, "speakers")?,
            });
        }
        let columns = slot.as_ref().expect("opened above");
        let doc = address.doc_id;
        let buffer = &mut self.buffer;
        let mut first = |column: &Option<TextColumn>| -> Result<Option<String>> {
            let Some(column) = column else {
                return Ok(None);
            };
            let Some(ord) = column.column().term_ords(doc).next() else {
                return Ok(None);
            };
            ord_str(column, ord, buffer)
        };
        let (path, article_id, title, url) = first(&columns.article)?
            .and_then(|a| crate::index::codec::parse_copy_article(&a))
            .unwrap_or_default();
        let (path, path_bytes) = crate::paths::stored_json_fields(&path);
        let source = first(&columns.source)?;
        let mut speakers = Vec::new();
        if let Some(column) = &columns.speakers {
            for ord in column.column().term_ords(doc) {
                speakers.extend(ord_str(column, ord, &mut self.buffer)?);
            }
        }
        Ok(AlsoIn {
            path,
            path_bytes,
            line: columns.line.first(doc).unwrap_or(0),
            passage: columns.passage.first(doc).unwrap_or(0),
            article_id,
            title,
            source,
            date: columns.date.first(doc).and_then(date_string),
            url,
            speakers,
        })
    }
}

/// The text of term `ord` of a text column.
fn ord_str(column: &TextColumn, ord: u64, buffer: &mut String) -> Result<Option<String>> {
    let found = column
        .ord_to_str(ord, buffer)
        .map_err(tantivy::TantivyError::from)?;
    Ok(found.then(|| buffer.clone()))
}

/// Names the speakers of `hits` (of the passages, of their statements and
/// of the copies listed) by their canonical names in `directory`: one
/// person, one name, in the whole hit ("Witkoff" in an article that never
/// gives his full name is "Steve Witkoff" when the index knows him so,
/// and a person, not an organisation).
pub fn name_speakers_canonically(directory: &impl Canonical, hits: &mut [Hit]) {
    for hit in hits {
        hit.speakers = canonical_speakers(directory, &hit.speakers);
        for also in &mut hit.also {
            also.speakers = canonical_speakers(directory, &also.speakers);
        }
        for statement in &mut hit.statements {
            let name = directory.canonical(&statement.speaker).to_string();
            if name != statement.speaker {
                statement.speaker_type = crate::statement::SpeakerType::of(&name);
                statement.speaker = name;
            }
        }
    }
}

/// `names` by their canonical names, each once.
pub fn canonical_speakers(directory: &impl Canonical, names: &[String]) -> Vec<String> {
    let mut canonical: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let name = directory.canonical(name);
        if !canonical.iter().any(|c| c == name) {
            canonical.push(name.to_string());
        }
    }
    canonical
}

fn stored_date(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_datetime())
        .and_then(date_string)
}

fn all_str(doc: &TantivyDocument, field: Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Whether `request` can only match passages without the `kind` filter:
/// file records hold none of the passage fields, so any filter, or a query
/// with a required word, leaves them out already. Intersecting with the
/// `kind:passage` postings (every passage) then only costs time: half of
/// it, for most queries on the 100,000-article benchmark index. Anything
/// that may match everything (`*`, `NOT`, only exclusions, fielded terms
/// that could name a record field) keeps the filter.
fn excludes_file_records(request: &SearchRequest) -> bool {
    if !request.speakers.is_empty()
        || !request.sources.is_empty()
        || !request.langs.is_empty()
        || request.since.is_some()
        || request.until.is_some()
    {
        return true;
    }
    let query = request.query.as_str();
    if query.contains(['*', ':']) || query.split_whitespace().any(|w| w == "NOT") {
        return false;
    }
    let words: Vec<&str> = query
        .split_whitespace()
        .map(|w| w.trim_start_matches(['(', '"', '+']))
        .filter(|w| *w != "OR" && *w != "AND")
        .collect();
    let negated = words.iter().any(|w| w.starts_with('-'));
    if negated && query.split_whitespace().any(|w| w == "OR") {
        return false;
    }
    words
        .iter()
        .any(|w| !w.starts_with('-') && w.chars().any(char::is_alphanumeric))
}

/// A `--since`/`--until` bound as a tantivy date (`unbounded` when absent).
fn date_bound(day: Option<DateTime<Utc>>, unbounded: tantivy::DateTime) -> tantivy::DateTime {
    day.map_or(unbounded, |d| {
        tantivy::DateTime::from_timestamp_secs(d.timestamp())
    })
}

/// Wraps a filter so that it restricts the results without scoring them.
fn filter(query: impl Query) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(Box::new(query), 0.0))
}

/// A query matching any of `names` in `field` as whole words or phrases,
/// analysed with the field's analyzer. A one-word name is looked up in
/// `one_word_field` when given (speakers: surnames only).
fn any_name(
    index: &NewsIndex,
    field: Field,
    one_word_field: Option<Field>,
    analyzer: &str,
    names: &[String],
) -> impl Query {
    let mut analyzer = index
        .index
        .tokenizers()
        .get(analyzer)
        .unwrap_or_else(tokenizers::folded);
    let alternatives: Vec<(Occur, Box<dyn Query>)> = names
        .iter()
        .map(|name| {
            let tokens = tokenizers::tokens(&mut analyzer, name);
            let field = match (tokens.len(), one_word_field) {
                (1, Some(surname_field)) => surname_field,
                _ => field,
            };
            let terms: Vec<Term> = tokens
                .into_iter()
                .map(|t| Term::from_field_text(field, &t))
                .collect();
            let query: Box<dyn Query> = match terms.len() {
                0 => Box::new(BooleanQuery::new(Vec::new())),
                1 => Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic)),
                _ => Box::new(PhraseQuery::new(terms)),
            };
            (Occur::Should, query)
        })
        .collect();
    BooleanQuery::new(alternatives)
}

/// Parses the user's query; `None` when it is empty (filters only). The
/// query is prepared first (see [`crate::query`]): natural text is never
/// a syntax error, only deliberate operators are operators.
///
/// Words are looked up in the text and title as the English analyzer reads
/// them, and for a passage in another language present (see
/// [`stemmed::languages_present`]) also as that language's analyzer reads
/// them ([`stemmed::per_language`]).
fn parse_user_query(
    index: &NewsIndex,
    searcher: &Searcher,
    query: &str,
) -> Result<Option<Box<dyn Query>>> {
    let languages = stemmed::languages_present(&index.fields, searcher)?;
    stemmed::per_language(&index.fields, &languages, |language| {
        parse_in(index, language, query)
    })
}

/// [`parse_user_query`] for the passages in `language` (`None`: English
/// and the languages without a stemmer).
fn parse_in(
    index: &NewsIndex,
    language: Option<&'static str>,
    query: &str,
) -> Result<Option<Box<dyn Query>>> {
    if query.trim().is_empty() {
        return Ok(None);
    }
    check_balanced(query)?;
    let Some(prepared) = crate::query::prepare(query)? else {
        return Err(Error::query_syntax(
            query,
            0,
            "there is no word to search for; type words or \"a phrase\" \
             (AND, OR and NOT join two of them), or leave the query out to list by the filters",
        ));
    };
    let searched = stemmed::searched_fields(&index.fields, language, TITLE_BOOST);
    let mut parser = QueryParser::new(
        index.index.schema(),
        searched.iter().map(|&(field, _)| field).collect(),
        stemmed::query_tokenizers(language),
    );
    parser.set_conjunction_by_default();
    for &(field, boost) in &searched {
        if boost != 1.0 {
            parser.set_field_boost(field, boost);
        }
    }
    match parser.parse_query(&prepared) {
        Ok(q) => Ok(Some(disjunction::rewrite(q))),
        // Only exclusions ("-sport"): everything but those.
        Err(QueryParserError::AllButQueryForbidden) => Ok(Some(Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (
                Occur::Must,
                disjunction::rewrite(
                    parser
                        .parse_query(&format!("* {prepared}"))
                        .map_err(|e| syntax(query, e))?,
                ),
            ),
        ])))),
        Err(e) => Err(syntax(query, e)),
    }
}

/// [`parse_user_query`] for a query still being typed: its last plain word
/// also matches as the start of longer words (see [`crate::prefix`]).
fn parse_typed_query(
    index: &NewsIndex,
    searcher: &Searcher,
    query: &str,
) -> Result<Option<Box<dyn Query>>> {
    let Some((rest, word)) = crate::prefix::last_word(query) else {
        return parse_user_query(index, searcher, query);
    };
    let languages = stemmed::languages_present(&index.fields, searcher)?;
    stemmed::per_language(&index.fields, &languages, |language| {
        parse_typed_in(index, searcher, language, query, (rest, word))
    })
}

/// [`parse_typed_query`] for the passages in `language`: the typed `word`
/// starts words in English terms, or in the terms of `language`.
fn parse_typed_in(
    index: &NewsIndex,
    searcher: &Searcher,
    language: Option<&'static str>,
    query: &str,
    (rest, word): (&str, &str),
) -> Result<Option<Box<dyn Query>>> {
    let fields = &index.fields;
    let mut groups = vec![(
        String::new(),
        [(fields.text, 1.0), (fields.title, TITLE_BOOST)],
    )];
    if let Some(code) = language {
        groups.push((
            tokenizers::term_tag(code),
            [
                (fields.stemmed_text, 1.0),
                (fields.stemmed_title, TITLE_BOOST),
            ],
        ));
    }
    let mut started = Vec::new();
    for (tag, group) in &groups {
        if let Some(q) = crate::prefix::word_query(searcher, group, tag, word)? {
            started.push((Occur::Should, q));
        }
    }
    let started: Box<dyn Query> = match started.len() {
        0 => return parse_in(index, language, query),
        1 => started.pop().expect("one").1,
        _ => Box::new(BooleanQuery::new(started)),
    };
    // The word as typed (stemmed like any word) or a word it starts.
    let mut word_alternatives = vec![(Occur::Should, started)];
    if let Some(whole) = parse_in(index, language, word)? {
        word_alternatives.push((Occur::Should, whole));
    }
    let word_query: Box<dyn Query> = Box::new(BooleanQuery::new(word_alternatives));
    match parse_in(index, language, rest) {
        // What precedes the word is not a query of its own ("title: neg"):
        // the query as typed says what is wrong, if anything.
        Err(_) => parse_in(index, language, query),
        Ok(None) => Ok(Some(word_query)),
        Ok(Some(rest)) => Ok(Some(Box::new(BooleanQuery::new(vec![
            (Occur::Must, rest),
            (Occur::Must, word_query),
        ])))),
    }
}

/// The fields a query may name (`field:value`).
pub use crate::query::QUERY_FIELDS;

fn syntax(query: &str, e: QueryParserError) -> Error {
    match e {
        QueryParserError::FieldDoesNotExist(field) | QueryParserError::FieldNotIndexed(field) => {
            let column = query.find(&format!("{field}:")).unwrap_or(0);
            Error::query_syntax(
                query,
                query[..column].chars().count(),
                format!(
                    "unknown field {field:?}; fields you can search are {}",
                    QUERY_FIELDS.join(", ")
                ),
            )
        }
        other => Error::query_syntax(query, 0, other.to_string()),
    }
}

/// Filters that can match nothing because they were mistyped are refused,
/// the same way for `search` and the API: a blank speaker name, and a date
/// window that ends before it starts.
pub fn check_filters(request: &SearchRequest) -> Result<()> {
    if request.speakers.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::BadFilter {
            flag: "--speaker",
            message: "--speaker is blank; give a name or surname (--speaker Witkoff)".into(),
        });
    }
    if request.sources.iter().any(|s| s.trim().is_empty()) {
        return Err(Error::BadFilter {
            flag: "--source",
            message: "--source is blank; give an outlet's name (--source Reuters)".into(),
        });
    }
    if let (Some(since), Some(until)) = (request.since, request.until) {
        if until < since {
            return Err(Error::BadFilter {
                flag: "--until",
                message: format!(
                    "--until ({}) is before --since ({}); swap them",
                    until.date_naive(),
                    since.date_naive()
                ),
            });
        }
    }
    Ok(())
}

/// How deeply parentheses may nest in a query. Nobody writes more than a
/// few levels by hand; the limit bounds the parser's work (tantivy's query
/// grammar took time exponential in the depth before 0.27, and its parser
/// recurses once per level) whatever the query's length.
pub const MAX_QUERY_NESTING: usize = 32;

/// Reports an unbalanced quote or parenthesis with its column, and
/// parentheses nested deeper than [`MAX_QUERY_NESTING`]. Runs before the
/// query is parsed, for `search` and the API alike.
pub fn check_balanced(query: &str) -> Result<()> {
    let mut open_quote: Option<usize> = None;
    let mut open_parens: Vec<usize> = Vec::new();
    for (column, c) in query.chars().enumerate() {
        match c {
            '"' => {
                open_quote = match open_quote {
                    Some(_) => None,
                    None => Some(column),
                }
            }
            '(' if open_quote.is_none() => {
                open_parens.push(column);
                if open_parens.len() > MAX_QUERY_NESTING {
                    return Err(Error::query_syntax(
                        query,
                        column,
                        format!(
                            "parentheses are nested more than {MAX_QUERY_NESTING} deep here; \
                             remove some levels"
                        ),
                    ));
                }
            }
            ')' if open_quote.is_none() && open_parens.pop().is_none() => {
                return Err(Error::query_syntax(
                    query,
                    column,
                    "this ')' closes nothing",
                ));
            }
            _ => {}
        }
    }
    if let Some(column) = open_quote {
        return Err(Error::query_syntax(
            query,
            column,
            "this quote is never closed; add a closing \"",
        ));
    }
    if let Some(column) = open_parens.pop() {
        return Err(Error::query_syntax(
            query,
            column,
            "this '(' is never closed; add a ')'",
        ));
    }
    Ok(())
}

fn first_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// A stored path as JSON's `path` and `path_bytes` (see `paths`).
fn stored_path(doc: &TantivyDocument, field: Field) -> (String, Option<String>) {
    crate::paths::stored_json_fields(&first_str(doc, field).unwrap_or_default())
}

fn first_u64(doc: &TantivyDocument, field: Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

pub use crate::index::codec::date_string;

fn to_hit(fields: &Fields, score: f32, doc: &TantivyDocument, snippets: Option<&Snippets>) -> Hit {
    let text = first_str(doc, fields.text).unwrap_or_default();
    let title = first_str(doc, fields.title);
    let lang = first_str(doc, fields.lang);
    let (matches, title_highlights) = match snippets {
        Some(snippets) => (
            snippets.of(lang.as_deref()).matched_words(&text),
            title
                .as_deref()
                .map_or_else(Vec::new, |t| snippets.title.matched_words(t)),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let crate::snippet::Snippet {
        text: snippet,
        highlights,
        start: snippet_start,
    } = crate::snippet::around(&text, &matches, SNIPPET_CHARS);
    let (path, path_bytes) = stored_path(doc, fields.path);
    Hit {
        score,
        path,
        path_bytes,
        line: first_u64(doc, fields.line),
        start: first_u64(doc, fields.start),
        end: first_u64(doc, fields.end),
        passage: first_u64(doc, fields.passage),
        article_id: first_str(doc, fields.article_id).unwrap_or_default(),
        title,
        title_highlights,
        source: first_str(doc, fields.source_exact),
        author: first_str(doc, fields.author),
        date: stored_date(doc, fields.date),
        url: first_str(doc, fields.url),
        lang,
        heading: first_str(doc, fields.heading),
        speakers: all_str(doc, fields.speakers),
        snippet,
        highlights,
        statements: crate::statement::records_of(fields, doc),
        speaker_spans: Vec::new(),
        snippet_start,
        text,
        group: 0,
        copies: None,
        articles: None,
        first_date: None,
        also: Vec::new(),
    }
}

/// The ranges of `hit.snippet` that lie in statements of `speakers`
/// (clipped to the snippet; sorted, not overlapping).
pub fn speaker_spans(hit: &Hit, speakers: &[String]) -> Vec<(usize, usize)> {
    let wanted: Vec<String> = speakers
        .iter()
        .map(|s| crate::statement::name_key(s))
        .collect();
    // The snippet is a piece of the passage text, perhaps with "…" added
    // on either side.
    let cut = crate::snippet::CUT;
    let lead = if hit.snippet.starts_with(cut) {
        cut.len()
    } else {
        0
    };
    let body = hit.snippet[lead..]
        .strip_suffix(cut)
        .unwrap_or(&hit.snippet[lead..]);
    // Offsets in `text` less `offset` are offsets in `body`; `lead` moves
    // them into the snippet.
    let offset = hit.snippet_start;
    let mut spans: Vec<(usize, usize)> = hit
        .statements
        .iter()
        .filter(|s| {
            wanted
                .iter()
                .any(|w| crate::statement::speaks_as(&s.speaker, w))
        })
        .filter_map(|s| {
            let start = (s.start.saturating_sub(hit.start) as usize).max(offset) - offset;
            let end = (s.end.saturating_sub(hit.start) as usize).saturating_sub(offset);
            let end = end.min(body.len());
            (start < end && body.is_char_boundary(start) && body.is_char_boundary(end))
                .then_some((start + lead, end + lead))
        })
        .collect();
    spans.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_filter_is_skipped_only_when_records_cannot_match() {
        let skips = |query: &str| {
            excludes_file_records(&SearchRequest {
                query: query.to_string(),
                ..SearchRequest::default()
            })
        };
        assert!(skips("ceasefire"));
        assert!(skips("\"peace talks\" -russia"));
        assert!(skips("(talks OR truce) kyiv"));
        assert!(!skips(""));
        assert!(!skips("-sport"));
        assert!(!skips("*"));
        assert!(!skips("kind:file"));
        assert!(!skips("NOT sport"));
        assert!(!skips("talks OR -sport"));
        assert!(!skips("!!"));
        let filtered = SearchRequest {
            sources: vec!["Reuters".to_string()],
            ..SearchRequest::default()
        };
        assert!(excludes_file_records(&filtered));
    }

    #[test]
    fn unbalanced_quotes_and_parens_point_at_the_column() {
        let column = |q| match check_balanced(q) {
            Err(Error::QuerySyntax { column, .. }) => Some(column),
            _ => None,
        };
        assert_eq!(column("peace \"talks"), Some(7));
        assert_eq!(column("(peace OR war"), Some(1));
        assert_eq!(column("peace)"), Some(6));
        assert_eq!(column("\"peace talks\" (a OR b)"), None);
    }
}
