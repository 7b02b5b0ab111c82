//! `search` from the cluster: BM25 over the passage records, folded by
//! copy group with `collapse`, turned into the same [`SearchResults`] as
//! the local index so that `output` prints them the same way.
//!
//! The passage records' text and title are analysed as newsidx analyses
//! them (`export::TextAnalysis::News`) and scored with tantivy's k1 and b;
//! `dfs_query_then_fetch` takes the term statistics of every shard, so a
//! score does not depend on which shard a passage fell in. The query string
//! is prepared and parsed as locally (`crate::query`, tantivy's grammar),
//! and its syntax tree is written as the same OpenSearch query: every word
//! required unless `OR` says otherwise, each word (or phrase) in the text
//! or the title (counted 1.5 times), the scores of both added.
//! The snippet is cut here from the returned text by newsidx's own snippet
//! code, with the words of the parsed query highlighted as tantivy's
//! snippet generator highlights them.

use super::{Engine, Kind};
use crate::error::{Error, Result};
use crate::export::NEWS_ANALYZER;
use crate::search::{AlsoIn, Hit, SearchOrder, SearchRequest, SearchResults, TITLE_BOOST};
use crate::statement::{PassageRecord, StatementRecord};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use tantivy::query::{Occur, Query, QueryParser, QueryParserError};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};

/// Articles of one copy group read to choose the "also in" ones from.
const ARTICLES_READ: usize = 100;

/// The words of a parsed query, as the `news` analyzer writes them, that
/// a snippet highlights in the text and in the title.
///
/// A passage in a language with its own stemmer has the words of that
/// language's text field highlighted instead (`stemmed`), as the local
/// index's snippet generator of that field does.
#[derive(Debug, Default)]
pub(crate) struct QueryWords {
    text: HashSet<String>,
    title: HashSet<String>,
    stemmed: HashMap<&'static str, HashSet<String>>,
}

impl QueryWords {
    fn add(&mut self, other: QueryWords) {
        self.text.extend(other.text);
        self.title.extend(other.title);
        for (code, words) in other.stemmed {
            self.stemmed.entry(code).or_default().extend(words);
        }
    }
}

/// The languages of [`crate::index::tokenizers::STEMMED`] that some passage
/// on the cluster is written in: queries search their fields besides
/// `text` and `title`, as locally (`stemmed::languages_present`), so an
/// English corpus is searched exactly as before they existed.
///
/// Read from the cluster once per [`super::KEPT_FOR`] (an aggregation over
/// every passage), not for each query built: a search of `serve --engine`
/// builds up to five (hits, three facets, the timeline).
pub(crate) fn languages_present(engine: &Engine) -> Result<Vec<&'static str>> {
    let languages = engine.languages.get_or_read((), || {
        let present = engine.distinct(Kind::Passages, "lang")?;
        Ok(crate::index::tokenizers::STEMMED
            .iter()
            .map(|(code, _)| *code)
            .filter(|code| present.iter().any(|(lang, n)| lang == code && *n > 0))
            .collect())
    })?;
    Ok(languages)
}

/// Searches the passage records for `request`.
pub fn search(engine: &Engine, request: &SearchRequest) -> Result<SearchResults> {
    crate::search::check_filters(request)?;
    engine.check_passages_for_search()?;
    let (query, words) = passage_query(engine, request)?;
    let parsed = words.is_some();
    let by_score = parsed && request.order == SearchOrder::Relevance;
    let sort = match by_score {
        // Ties as locally (`crate::rank`): the older passage, undated
        // last, then path and passage.
        true => json!([
            "_score",
            { "published_at": { "order": "asc", "missing": "_last" } },
            { "path": "asc" },
            { "passage": "asc" }
        ]),
        // Only filters, or asked for: newest first, undated last.
        false => json!([
            { "published_at": { "order": "desc", "missing": "_last" } },
            { "path": "asc" },
            { "passage": "asc" }
        ]),
    };
    let mut body = json!({
        "from": request.offset,
        "size": request.limit.max(1),
        "query": { "bool": query },
        "sort": sort,
        "track_total_hits": true,
    });
    if !request.all {
        body["collapse"] = json!({ "field": "group" });
    }
    let answer = engine.search_all_shards(Kind::Passages, &body)?;
    let total = answer["hits"]["total"]["value"].as_u64().unwrap_or(0) as usize;
    // Counted as locally: exact up to fold::COUNTED_GROUPS, a lower bound
    // past it (a `cardinality` estimate is off by one now and then from a
    // few thousand groups).
    let (groups, groups_at_least) = match request.all {
        true => (None, false),
        false => {
            let (groups, more) = engine.distinct_up_to(
                Kind::Passages,
                &[json!({ "bool": query })],
                "group",
                crate::syndication::fold::COUNTED_GROUPS,
            )?;
            (Some(groups), more)
        }
    };
    let words = words.unwrap_or_default();
    let mut hits = Vec::new();
    let mut statement_ids = Vec::new();
    for found in answer["hits"]["hits"].as_array().into_iter().flatten() {
        let mut record = passage(engine, &found["_source"])?;
        statement_ids.push(std::mem::take(&mut record.statement_ids));
        let score = match by_score {
            true => found["_score"].as_f64().unwrap_or(0.0) as f32,
            false => 0.0,
        };
        hits.push(to_hit(record, score, &words));
    }
    add_statements(engine, &mut hits, &statement_ids)?;
    if !request.all {
        add_copies(engine, &query, request.also, &mut hits)?;
    }
    for hit in &mut hits {
        if !request.speakers.is_empty() {
            hit.speaker_spans = crate::search::speaker_spans(hit, &request.speakers);
        }
    }
    // Canonical speaker names, one person one name, as locally.
    let names: Vec<&str> = hits
        .iter()
        .flat_map(|h| {
            let also = h.also.iter().flat_map(|a| &a.speakers);
            h.speakers.iter().chain(also).map(String::as_str)
        })
        .collect();
    let directory = engine.directory_for(&names)?;
    crate::search::name_speakers_canonically(&directory, &mut hits);
    Ok(SearchResults {
        total,
        groups,
        groups_at_least,
        hits,
    })
}

/// The passages `request` asks for (its words and filters; not its page
/// nor `all`), as the body of an OpenSearch `bool` query, and the words a
/// snippet highlights (`None` without words): what `search` ranks, and
/// what the facets and the timeline of `serve --engine` count.
pub(crate) fn passage_query(
    engine: &Engine,
    request: &SearchRequest,
) -> Result<(Value, Option<QueryWords>)> {
    crate::search::check_filters(request)?;
    let languages = match request.query.trim().is_empty() {
        true => Vec::new(),
        false => languages_present(engine)?,
    };
    let parsed = match request.prefix {
        true => parse_typed(engine, &request.query, &languages)?,
        false => parse(&request.query, &languages)?,
    };
    let mut filter = engine.filters(Kind::Passages, request)?;
    if !request.speakers.is_empty() {
        filter.push(engine.speaker_filter(&request.speakers)?);
    }
    let mut query = json!({ "filter": filter });
    let words = parsed.map(|(words_query, words)| {
        query["must"] = json!([words_query]);
        words
    });
    Ok((query, words))
}

/// [`parse`] for a query still being typed (`prefix`): its last plain
/// word also matches the words it starts, as the local index expands it
/// (see [`crate::prefix`]): the word as typed, or any of the text's terms
/// that [`Engine::expansions`] finds for it, each a `term` in the text
/// and the title (counted 1.5 times).
fn parse_typed(
    engine: &Engine,
    query: &str,
    languages: &[&'static str],
) -> Result<Option<(Value, QueryWords)>> {
    let Some((rest, word)) = crate::prefix::last_word(query) else {
        return parse(query, languages);
    };
    // The words it starts in each language's terms, as locally.
    let mut words = QueryWords::default();
    let mut groups = Vec::new();
    let terms = engine.expansions(word, "text")?;
    if !terms.is_empty() {
        words.text.extend(terms.iter().cloned());
        words.title.extend(terms.iter().cloned());
        groups.push((("text".to_string(), "title".to_string()), terms));
    }
    for &code in languages {
        let fields = crate::export::language_fields(Some(code)).expect("a stemmed language");
        let terms = engine.expansions(word, &fields.0)?;
        if !terms.is_empty() {
            words
                .stemmed
                .entry(code)
                .or_default()
                .extend(terms.iter().cloned());
            groups.push((fields, terms));
        }
    }
    if groups.is_empty() {
        return parse(query, languages);
    }
    let mut started = Vec::new();
    for ((text, title), terms) in &groups {
        let mut group = Vec::new();
        for (field, boost) in [(text, 1.0), (title, TITLE_BOOST)] {
            for term in terms {
                group.push(json!({ "term": { field: { "value": term, "boost": boost } } }));
            }
        }
        started.push(json!({ "bool": { "should": group, "minimum_should_match": 1 } }));
    }
    let mut alternatives =
        vec![json!({ "bool": { "should": started, "minimum_should_match": 1 } })];
    if let Some((whole, whole_words)) = parse(word, languages)? {
        alternatives.push(whole);
        words.add(whole_words);
    }
    let word_query = json!({ "bool": { "should": alternatives, "minimum_should_match": 1 } });
    match parse(rest, languages) {
        // What precedes the word is not a query of its own ("title: neg"):
        // the query as typed says what is wrong, if anything.
        Err(_) => parse(query, languages),
        Ok(None) => Ok(Some((word_query, words))),
        Ok(Some((rest_query, rest_words))) => {
            words.add(rest_words);
            let both = json!({ "bool": { "must": [rest_query, word_query] } });
            Ok(Some((both, words)))
        }
    }
}

/// The OpenSearch query of a query string as `search` sends it (`None`
/// when empty): for `quotes QUERY`.
pub fn words_query(engine: &Engine, query: &str) -> Result<Option<Value>> {
    if query.trim().is_empty() {
        return Ok(None);
    }
    let languages = languages_present(engine)?;
    Ok(parse(query, &languages)?.map(|(words, _)| words))
}

/// The OpenSearch query of a query string (`None` when empty), with the
/// words a snippet highlights. Parsed with the local index's parser, so
/// syntax errors read the same; fields that only the local index has
/// (`speaker:`, `source:`, `author:`) are usage errors. Words are looked
/// for in the text and title of every language of `languages` too, each
/// analysed by its language's analyzer, as locally.
fn parse(query: &str, languages: &[&'static str]) -> Result<Option<(Value, QueryWords)>> {
    if query.trim().is_empty() {
        return Ok(None);
    }
    crate::search::check_balanced(query)?;
    let Some(prepared) = crate::query::prepare(query)? else {
        return Err(Error::query_syntax(
            query,
            0,
            "there is no word to search for; type words or \"a phrase\" \
             (AND, OR and NOT join two of them), or leave the query out to list by the filters",
        ));
    };
    let (schema, fields) = crate::index::schema::build();
    let parser_in = |language: Option<&'static str>| {
        let searched = match language {
            None => vec![fields.text, fields.title],
            Some(_) => vec![fields.stemmed_text],
        };
        let mut parser = QueryParser::new(
            schema.clone(),
            searched,
            crate::stemmed::query_tokenizers(language),
        );
        parser.set_conjunction_by_default();
        parser
    };
    let parser = parser_in(None);
    // Only exclusions ("-sport"): everything but those, as locally.
    let prepared = match parser.parse_query(&prepared) {
        Ok(_) => prepared,
        Err(QueryParserError::AllButQueryForbidden) => format!("* {prepared}"),
        Err(e) => return Err(Error::query_syntax(query, 0, e.to_string())),
    };
    let parsed: Box<dyn Query> = parser
        .parse_query(&prepared)
        .map_err(|e| Error::query_syntax(query, 0, e.to_string()))?;
    let mut words = QueryWords::default();
    parsed.query_terms(&mut |term, _| {
        let value = term.value();
        let Some(word) = value.as_str() else {
            return;
        };
        if term.field() == fields.text {
            words.text.insert(word.to_string());
        } else if term.field() == fields.title {
            words.title.insert(word.to_string());
        }
    });
    // The words of each language, as that language's analyzer reads them.
    for &code in languages {
        let parsed = parser_in(Some(code))
            .parse_query(&prepared)
            .map_err(|e| Error::query_syntax(query, 0, e.to_string()))?;
        let tag = crate::index::tokenizers::term_tag(code);
        parsed.query_terms(&mut |term, _| {
            let value = term.value();
            if let Some(word) = value.as_str().and_then(|w| w.strip_prefix(&tag)) {
                words
                    .stemmed
                    .entry(code)
                    .or_default()
                    .insert(word.to_string());
            }
        });
    }
    let ast = tantivy::query_grammar::parse_query(&prepared)
        .map_err(|_| Error::query_syntax(query, 0, "the query cannot be read"))?;
    Ok(Some((to_opensearch(&ast, languages)?, words)))
}

/// The OpenSearch query of a tantivy syntax tree, as tantivy's query
/// parser (every word required by default) would search the passages'
/// `text` and `title`, and those of each of `languages`.
fn to_opensearch(ast: &UserInputAst, languages: &[&'static str]) -> Result<Value> {
    Ok(match ast {
        UserInputAst::Clause(clauses) => {
            let (mut must, mut should, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
            for (occur, clause) in clauses {
                let q = to_opensearch(clause, languages)?;
                match occur.unwrap_or(Occur::Must) {
                    Occur::Must => must.push(q),
                    Occur::Should => should.push(q),
                    Occur::MustNot => must_not.push(q),
                }
            }
            json!({ "bool": { "must": must, "should": should, "must_not": must_not } })
        }
        UserInputAst::Boost(inner, boost) => {
            json!({ "bool": { "must": [to_opensearch(inner, languages)?], "boost": boost.into_inner() } })
        }
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::All => json!({ "match_all": {} }),
            UserInputLeaf::Literal(literal) => {
                let mut searched: Vec<(String, f32)> = match literal.field_name.as_deref() {
                    None => vec![("text".into(), 1.0), ("title".into(), TITLE_BOOST)],
                    Some("text") => vec![("text".into(), 1.0)],
                    Some("title") => vec![("title".into(), 1.0)],
                    Some(other) => return Err(not_on_the_cluster(other)),
                };
                if literal.field_name.is_none() {
                    for &code in languages {
                        let (text, title) =
                            crate::export::language_fields(Some(code)).expect("a stemmed language");
                        searched.extend([(text, 1.0), (title, TITLE_BOOST)]);
                    }
                }
                let kind = match literal.prefix {
                    true => "match_phrase_prefix",
                    false => "match_phrase",
                };
                let each: Vec<Value> = searched
                    .into_iter()
                    .map(|(field, boost)| {
                        json!({ kind: { field: {
                            "query": literal.phrase, "slop": literal.slop, "boost": boost
                        } } })
                    })
                    .collect();
                json!({ "bool": { "should": each, "minimum_should_match": 1 } })
            }
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => {
                return Err(not_on_the_cluster(field.as_deref().unwrap_or("a range")))
            }
            UserInputLeaf::Exists { field } => return Err(not_on_the_cluster(field)),
        },
    })
}

/// The usage error for a query part the cluster does not search.
fn not_on_the_cluster(field: &str) -> Error {
    Error::BadFilter {
        flag: "--engine",
        message: format!(
            "{field}: in a query is not searched on the cluster yet; use --speaker or --source, or search the local index"
        ),
    }
}

/// A passage record from the cluster.
pub(super) fn passage(engine: &Engine, source: &Value) -> Result<PassageRecord> {
    serde_json::from_value(source.clone()).map_err(|e| Error::Cluster {
        address: engine.cluster.address.clone(),
        reason: format!(
            "{} holds a record that is not a newsidx passage ({e}); push again under another name",
            engine.index(Kind::Passages)
        ),
    })
}

/// The byte ranges of the words of `text` whose term (as `analyzer`
/// writes it) is one of `words`: what tantivy's snippet generator
/// highlights.
fn matched_words(
    text: &str,
    words: &HashSet<String>,
    analyzer: tantivy::tokenizer::TextAnalyzer,
) -> Vec<(usize, usize)> {
    if words.is_empty() {
        return Vec::new();
    }
    crate::snippet::matched_words(text, |term| words.contains(term), analyzer)
}

/// The hit of one passage record (without its statements and copies).
fn to_hit(record: PassageRecord, score: f32, words: &QueryWords) -> Hit {
    use crate::index::tokenizers::{news, news_in, STEMMED};
    // A passage in a language with its own fields is highlighted by the
    // words of its language's text field, as locally.
    let stemmed = record.lang.as_deref().and_then(|lang| {
        let language = STEMMED.iter().find(|(code, _)| *code == lang)?.1;
        Some((words.stemmed.get(lang)?, news_in(language)))
    });
    let matches = match stemmed {
        Some((own, analyzer)) => matched_words(&record.text, own, analyzer),
        None => matched_words(&record.text, &words.text, news()),
    };
    let title_highlights = record
        .title
        .as_deref()
        .map_or_else(Vec::new, |t| matched_words(t, &words.title, news()));
    let snippet = crate::snippet::around(&record.text, &matches, crate::search::SNIPPET_CHARS);
    Hit {
        score,
        path: record.path,
        path_bytes: record.path_bytes,
        line: record.line,
        start: record.start,
        end: record.end,
        passage: record.passage,
        article_id: record.article_id,
        title: record.title,
        source: record.source,
        author: record.author,
        date: record.published_at,
        url: record.url,
        lang: record.lang,
        heading: record.heading,
        speakers: record.speakers,
        text: record.text,
        snippet: snippet.text,
        highlights: snippet.highlights,
        title_highlights,
        statements: Vec::new(),
        speaker_spans: Vec::new(),
        snippet_start: snippet.start,
        group: crate::index::codec::parse_group_label(&record.group).unwrap_or(0),
        copies: None,
        articles: None,
        first_date: None,
        also: Vec::new(),
    }
}

/// Reads the statement records of the hits' passages into them, in the
/// order the local index lists them (`ids`: each hit's passage record's
/// `statement_ids`).
fn add_statements(engine: &Engine, hits: &mut [Hit], ids: &[Vec<String>]) -> Result<()> {
    let wanted: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    let by_id = statements_by_id(engine, &wanted)?;
    for (hit, ids) in hits.iter_mut().zip(ids) {
        hit.statements = ids.iter().filter_map(|id| by_id.get(id).cloned()).collect();
    }
    Ok(())
}

/// The statement records with the ids `wanted`, by id.
pub(super) fn statements_by_id(
    engine: &Engine,
    wanted: &[&str],
) -> Result<HashMap<String, StatementRecord>> {
    let mut by_id: HashMap<String, StatementRecord> = HashMap::new();
    if wanted.is_empty() {
        return Ok(by_id);
    }
    let body = json!({
        "size": wanted.len(),
        "query": { "bool": { "filter": [{ "terms": { "id": wanted } }] } }
    });
    let answer = engine.search(Kind::Statements, &body)?;
    for found in answer["hits"]["hits"].as_array().into_iter().flatten() {
        let record: StatementRecord =
            serde_json::from_value(found["_source"].clone()).map_err(|e| Error::Cluster {
                address: engine.cluster.address.clone(),
                reason: format!(
                    "{} holds a record that is not a newsidx statement ({e}); push again under another name",
                    engine.index(Kind::Statements)
                ),
            })?;
        by_id.insert(record.id.clone(), record);
    }
    Ok(by_id)
}

/// Fills in the copies of each hit (the leader of its group) among the
/// passages matching `query`: how many, in how many articles, since when,
/// and the oldest copy in each of the first `also` other articles, oldest
/// first, as `search::add_copies` does locally.
fn add_copies(engine: &Engine, query: &Value, also: usize, hits: &mut [Hit]) -> Result<()> {
    if hits.is_empty() {
        return Ok(());
    }
    let labels: Vec<String> = hits
        .iter()
        .map(|h| crate::index::codec::group_label(h.group))
        .collect();
    let mut filter = query["filter"].as_array().cloned().unwrap_or_default();
    filter.push(json!({ "terms": { "group": labels } }));
    let mut bool = json!({ "filter": filter });
    if let Some(must) = query.get("must") {
        bool["must"] = must.clone();
    }
    // One oldest copy per article, oldest articles first. Articles of the
    // same date are ordered below as locally (by their `article_key`), so
    // more are asked for than are shown (all, up to ARTICLES_READ).
    let body = json!({
        "size": 0,
        "query": { "bool": bool },
        "aggs": { "group": {
            "terms": { "field": "group", "size": labels.len() },
            "aggs": {
                "articles": { "cardinality": { "field": "article_id", "precision_threshold": 40000 } },
                "first": { "min": { "field": "published_at" } },
                "by_article": {
                    "terms": {
                        "field": "article_id",
                        "size": ARTICLES_READ,
                        "order": [{ "oldest": "asc" }, { "_key": "asc" }]
                    },
                    "aggs": {
                        "oldest": { "min": { "field": "published_at", "missing": "9999-12-31T23:59:59Z" } },
                        "copy": { "top_hits": {
                            "size": 1,
                            "sort": [{ "passage": "asc" }],
                            "_source": ["path", "path_bytes", "line", "passage", "article_id",
                                        "title", "source", "published_at", "url", "speakers"]
                        } }
                    }
                }
            }
        } }
    });
    let answer = engine.search(Kind::Passages, &body)?;
    let mut by_group: HashMap<String, &Value> = HashMap::new();
    for bucket in answer["aggregations"]["group"]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some(label) = bucket["key"].as_str() {
            by_group.insert(label.to_string(), bucket);
        }
    }
    for hit in hits {
        let Some(bucket) = by_group.get(&crate::index::codec::group_label(hit.group)) else {
            continue;
        };
        hit.copies = Some(bucket["doc_count"].as_u64().unwrap_or(1) as usize);
        hit.articles = Some(bucket["articles"]["value"].as_u64().unwrap_or(1) as usize);
        hit.first_date = bucket["first"]["value_as_string"]
            .as_str()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| {
                d.with_timezone(&chrono::Utc)
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            });
        let mut articles: Vec<(f64, u64, &Value)> = bucket["by_article"]["buckets"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|article| {
                let id = article["key"].as_str()?;
                let oldest = article["oldest"]["value"].as_f64().unwrap_or(f64::MAX);
                Some((oldest, crate::index::codec::article_key(id), article))
            })
            .collect();
        articles.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for (_, _, article) in articles {
            if hit.also.len() >= also {
                break;
            }
            if article["key"].as_str() == Some(hit.article_id.as_str()) {
                continue;
            }
            let copy = &article["copy"]["hits"]["hits"][0]["_source"];
            let Ok(record) = serde_json::from_value::<AlsoRecord>(copy.clone()) else {
                continue;
            };
            hit.also.push(AlsoIn {
                path: record.path,
                path_bytes: record.path_bytes,
                line: record.line,
                passage: record.passage,
                article_id: record.article_id,
                title: record.title,
                source: record.source,
                date: record.published_at,
                url: record.url,
                speakers: record.speakers,
            });
        }
    }
    Ok(())
}

/// The fields of a passage record that an [`AlsoIn`] shows.
#[derive(serde::Deserialize)]
struct AlsoRecord {
    path: String,
    path_bytes: Option<String>,
    line: u64,
    passage: u64,
    article_id: String,
    title: Option<String>,
    source: Option<String>,
    published_at: Option<String>,
    url: Option<String>,
    speakers: Vec<String>,
}

impl Engine {
    /// Checks that the passages index can be searched as newsidx searches:
    /// pushed by a newsidx whose passage records carry their copy group,
    /// with the text analysed as newsidx analyses it.
    fn check_passages_for_search(&self) -> Result<()> {
        let index = self.index(Kind::Passages);
        let mapping = self
            .cluster
            .expect("GET", &format!("/{index}/_mapping"), None)?;
        let properties = mapping
            .as_object()
            .and_then(|o| o.values().next())
            .map(|v| v["mappings"]["properties"].clone())
            .unwrap_or_default();
        // Every field of today's mapping, the language fields included (an
        // index made before them would find nothing in German or French).
        let wanted = crate::export::opensearch_mapping::<PassageRecord>();
        let lacks: Vec<&str> = wanted["mappings"]["properties"]
            .as_object()
            .expect("mapping has properties")
            .keys()
            .map(String::as_str)
            .filter(|name| properties[*name].is_null())
            .collect();
        let analyzer = properties["text"]["analyzer"]
            .as_str()
            .unwrap_or("standard");
        if !lacks.is_empty() || analyzer != NEWS_ANALYZER {
            return Err(Error::ClusterIndex {
                address: self.cluster.address.clone(),
                index,
                reason: format!(
                    "it was made by an older newsidx (its passages {}), so search cannot rank or fold as the local index does; delete it on the cluster (curl -XDELETE {}/{}) and push again, which makes it anew and sends every passage, or push under a new --name",
                    if lacks.is_empty() {
                        format!("text is analysed by {analyzer}, not {NEWS_ANALYZER}")
                    } else {
                        format!("lack `{}`", lacks.join("`, `"))
                    },
                    self.cluster.address,
                    self.index(Kind::Passages)
                ),
            });
        }
        Ok(())
    }

    /// A search on every shard's term statistics (`dfs_query_then_fetch`):
    /// scores as if the index were one shard.
    pub(super) fn search_all_shards(&self, kind: Kind, body: &Value) -> Result<Value> {
        let path = format!(
            "/{}/_search?search_type=dfs_query_then_fetch",
            self.index(kind)
        );
        let answer = self.cluster.expect("POST", &path, Some(body))?;
        self.every_shard_answered(&path, answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighted_words_are_those_of_the_query_as_analysed() {
        let (query, words) = parse("Ministers' plans -sport title:budget", &[])
            .unwrap()
            .unwrap();
        assert_eq!(query["bool"]["must_not"].as_array().unwrap().len(), 1);
        assert!(words.text.contains("minist"));
        assert!(words.text.contains("plan"));
        assert!(words.title.contains("budget"));
        assert!(!words.text.contains("budget"));
        let text = "The minister planned a budget.";
        let found: Vec<&str> = matched_words(text, &words.text, crate::index::tokenizers::news())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, vec!["minister", "planned"]);
    }

    #[test]
    fn fields_of_the_local_index_only_are_refused() {
        assert!(matches!(
            parse("speaker:blair war", &[]),
            Err(Error::BadFilter {
                flag: "--engine",
                ..
            })
        ));
        assert!(parse("  ", &[]).unwrap().is_none());
    }
}
