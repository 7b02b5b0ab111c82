//! The metadata a page declares about itself: title, outlet, author and
//! publication date, read in order of trust.
//!
//! 1. JSON-LD (`<script type="application/ld+json">`) describing a schema.org
//!    Article, NewsArticle, BlogPosting…: headline, author, publisher,
//!    datePublished.
//! 2. `<meta>` tags: Open Graph (`og:title`, `og:site_name`), `article:*`,
//!    Dublin Core (`dc.title`, `dc.creator`), Twitter cards, Parse.ly, and
//!    the plain `<meta name="author">`.
//! 3. The document: `<title>` (without the site name after a separator),
//!    `<time datetime>`, and a byline element found by the content
//!    extractor.
//!
//! The order follows Mozilla's Readability, whose choices are tested on a
//! large set of real pages.

use super::dom::{Dom, ElementRef};
use super::select;
use html5ever::local_name;
use serde_json::Value;
use std::collections::HashMap;

/// What a page says about itself. Values are trimmed; empty ones are `None`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMetadata {
    pub title: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    /// As written on the page; normalized by the caller.
    pub published: Vec<String>,
    pub url: Option<String>,
    /// The language the page declares, as written (`en-GB`, `de_DE`).
    pub lang: Option<String>,
    /// The JSON-LD article's `articleBody`, as written there (paragraph
    /// breaks and any markup kept; character references not decoded).
    pub article_body: Option<String>,
    /// The longest of the page's descriptions (`description`,
    /// `og:description`, `twitter:description`, `dc:description`): sites
    /// often cut one of them short.
    pub description: Option<String>,
    /// The steps of a schema.org Recipe or HowTo the page describes
    /// (`recipeInstructions`, `step`), as written there (markup kept).
    pub steps: Vec<String>,
}

/// The elements the metadata is read from, found in one walk of the page
/// (a walk per selector was most of this module's cost). Each list holds
/// what the selector in its comment matches, in the order of
/// [`select::elements`].
struct Found<'a> {
    /// `meta`
    metas: Vec<ElementRef<'a>>,
    /// `script[type="application/ld+json"]`
    ld_scripts: Vec<ElementRef<'a>>,
    /// `title`, the first
    title: Option<ElementRef<'a>>,
    /// `h1, h2`
    h1_h2: Vec<ElementRef<'a>>,
    /// `link[rel="canonical"]`
    canonical: Vec<ElementRef<'a>>,
    /// `[itemprop~="datePublished" i], time[pubdate]`
    date_published: Vec<ElementRef<'a>>,
}

impl<'a> Found<'a> {
    fn walk(html: &'a Dom) -> Self {
        let mut found = Found {
            metas: Vec::new(),
            ld_scripts: Vec::new(),
            title: None,
            h1_h2: Vec::new(),
            canonical: Vec::new(),
            date_published: Vec::new(),
        };
        for (node, el) in select::elements(html) {
            let element = ElementRef::wrap(node).expect("an element");
            let name = el.name();
            match name {
                "meta" => found.metas.push(element),
                "script" if select::attr_is(el, local_name!("type"), "application/ld+json") => {
                    found.ld_scripts.push(element)
                }
                "title" if found.title.is_none() => found.title = Some(element),
                "h1" | "h2" => found.h1_h2.push(element),
                "link" if select::attr_is(el, local_name!("rel"), "canonical") => {
                    found.canonical.push(element)
                }
                _ => {}
            }
            let dated = select::attr_has_word(el, local_name!("itemprop"), "datePublished")
                || (name == "time" && select::has_attr(el, "pubdate"));
            if dated {
                found.date_published.push(element);
            }
        }
        found
    }

    /// The `<h1>` elements.
    fn h1s(&self) -> impl Iterator<Item = &ElementRef<'a>> {
        self.h1_h2.iter().filter(|h| h.value().name() == "h1")
    }
}

/// schema.org types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

/// Reads the page's own metadata (everything but the byline found in the
/// body, which the content extractor supplies).
pub fn read(html: &Dom) -> PageMetadata {
    let found = Found::walk(html);
    let doc_title = document_title(&found);
    let ld = json_ld(&found, doc_title.as_deref());
    let meta = meta_values(&found);
    let get = |keys: &[&str]| -> Option<String> {
        keys.iter()
            .find_map(|k| meta.get(*k).filter(|v| !v.is_empty()).cloned())
    };

    let title = ld.title.clone().or_else(|| {
        get(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
    });
    let title = title.or_else(|| article_title(&found, doc_title.as_deref()));
    let site_name = ld.site_name.clone().or_else(|| get(&["og:site_name"]));
    let title = match title {
        Some(t) if site_name.as_deref().is_some_and(|s| same_name(s, &t)) => {
            // The site's name is not the article's title when the page has
            // a headline of its own.
            let not_site = |c: &String| !c.is_empty() && !same_name(c, &t);
            article_title(&found, doc_title.as_deref())
                .filter(not_site)
                .or_else(|| {
                    found
                        .h1s()
                        .map(|h| collapse(&h.text().collect::<String>()))
                        .find(not_site)
                })
                .or(Some(t))
        }
        other => other,
    };

    let article_author = meta
        .get("article:author")
        .filter(|a| !a.is_empty() && !is_url(a))
        .cloned();
    let author = ld
        .author
        .clone()
        .or_else(|| get(&["dc:creator", "dcterm:creator", "author", "parsely-author"]))
        .or(article_author);

    let mut published = Vec::new();
    published.extend(ld.published.clone());
    for key in [
        "article:published_time",
        "parsely-pub-date",
        "og:published_time",
        "dc:date",
        "dcterm:date",
        "dcterm:created",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "sailthru.date",
    ] {
        if let Some(v) = meta.get(key).filter(|v| !v.is_empty()) {
            published.push(v.clone());
        }
    }
    for el in &found.date_published {
        let value = el
            .value()
            .attribute(local_name!("datetime"))
            .or_else(|| el.value().attribute(local_name!("content")))
            .map(str::to_string)
            .unwrap_or_else(|| collapse(&el.text().collect::<String>()));
        if !value.is_empty() {
            published.push(value);
        }
    }
    published.extend(ld.created.clone());

    let url = ld
        .url
        .clone()
        .or_else(|| get(&["og:url"]))
        .or_else(|| {
            found
                .canonical
                .iter()
                .find_map(|l| l.value().attribute(local_name!("href")))
                .map(str::to_string)
        })
        .filter(|u| is_url(u));

    // The root's `lang` is what browsers and screen readers go by; a
    // content-language or locale in the head says the same.
    let lang = html
        .root_element()
        .and_then(|root| root.value().as_element())
        .and_then(|root| root.attribute(local_name!("lang")))
        .map(str::to_string)
        .or_else(|| ld.lang.clone())
        .or_else(|| {
            get(&[
                "content-language",
                "og:locale",
                "language",
                "dc:language",
                "dcterm:language",
            ])
        })
        .filter(|l| !l.trim().is_empty());

    PageMetadata {
        title,
        site_name,
        author,
        published,
        url,
        lang,
        article_body: ld.body,
        steps: how_to_steps(&found),
        description: [
            "description",
            "og:description",
            "twitter:description",
            "dc:description",
        ]
        .iter()
        .filter_map(|k| meta.get(*k).filter(|v| !v.is_empty()))
        .max_by_key(|v| v.chars().count())
        .cloned(),
    }
}

/// `<meta>` values by lower-cased key (`og:title`, `author`, `dc:creator`).
fn meta_values(found: &Found) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for meta in &found.metas {
        let el = meta.value();
        let Some(content) = el.attribute(local_name!("content")) else {
            continue;
        };
        let content = collapse(content);
        if el
            .attribute(local_name!("http-equiv"))
            .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
        {
            values.insert("content-language".to_string(), content);
            continue;
        }
        let property = el.attribute(local_name!("property")).unwrap_or("");
        let mut matched = false;
        for name in property.split_whitespace() {
            if let Some(key) = property_key(name) {
                values.insert(key, content.clone());
                matched = true;
            }
        }
        if matched {
            continue;
        }
        if let Some(key) = el
            .attribute(local_name!("name"))
            .or_else(|| el.attribute(local_name!("itemprop")))
            .and_then(name_key)
        {
            values.entry(key).or_insert(content);
        }
    }
    values
}

/// `property` attributes: `og:title`, `article:published_time`, `dc:creator`.
fn property_key(property: &str) -> Option<String> {
    let lower = property.trim().to_ascii_lowercase();
    let (prefix, field) = lower.split_once(':')?;
    let ok_prefix = ["article", "dc", "dcterm", "og", "twitter"].contains(&prefix.trim());
    let ok_field = [
        "author",
        "creator",
        "description",
        "published_time",
        "title",
        "site_name",
        "locale",
    ]
    .contains(&field.trim());
    (ok_prefix && ok_field).then(|| format!("{}:{}", prefix.trim(), field.trim()))
}

/// `name` attributes: `author`, `dc.creator`, `parsely-pub-date`, `date`.
fn name_key(name: &str) -> Option<String> {
    let lower = name.trim().to_ascii_lowercase().replace('.', ":");
    let known = [
        "author",
        "creator",
        "title",
        "description",
        "site_name",
        "dc:title",
        "dc:creator",
        "dc:date",
        "dc:description",
        "dcterm:title",
        "dcterm:creator",
        "dcterm:date",
        "dcterm:created",
        "dcterms:title",
        "dcterms:creator",
        "dcterms:date",
        "dcterms:created",
        "og:title",
        "og:site_name",
        "twitter:title",
        "twitter:creator",
        "parsely-title",
        "parsely-author",
        "parsely-pub-date",
        "weibo:article:title",
        "weibo:webpage:title",
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "sailthru:date",
        "language",
        "dc:language",
        "dcterm:language",
        "dcterms:language",
    ];
    if !known.contains(&lower.as_str()) {
        return None;
    }
    Some(
        lower
            .replace("dcterms:", "dcterm:")
            .replace("sailthru:", "sailthru."),
    )
}

/// Fields from the page's JSON-LD article object.
#[derive(Debug, Default)]
struct LinkedData {
    title: Option<String>,
    author: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    /// Creation is a weaker sign of publication than any meta tag.
    created: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    body: Option<String>,
}

fn json_ld(found: &Found, doc_title: Option<&str>) -> LinkedData {
    for script in &found.ld_scripts {
        let raw: String = script.text().collect();
        let raw = raw
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>")
            .trim();
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        if let Some(article) = find_article(&value) {
            return linked_data(article, doc_title);
        }
    }
    // No article object: a web page or video object may still date the page.
    for script in &found.ld_scripts {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        if !is_schema_org(&value)
            && !value
                .as_array()
                .is_some_and(|a| a.iter().any(is_schema_org))
        {
            continue;
        }
        let mut objects: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let graphs: Vec<&Value> = objects
            .iter()
            .filter_map(|o| o.get("@graph").and_then(Value::as_array))
            .flatten()
            .collect();
        objects.extend(graphs);
        if let Some(published) = objects
            .iter()
            .find_map(|o| first_string(o.get("datePublished")?))
        {
            return LinkedData {
                published: Some(published),
                ..LinkedData::default()
            };
        }
    }
    LinkedData::default()
}

/// A string, or the first string of a list (`"datePublished": ["2021-…"]`).
fn first_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(first_string),
        _ => None,
    }
}

fn is_schema_org(value: &Value) -> bool {
    match value.get("@context") {
        Some(Value::String(s)) => s.contains("schema.org"),
        Some(Value::Object(o)) => o
            .get("@vocab")
            .and_then(Value::as_str)
            .is_some_and(|s| s.contains("schema.org")),
        Some(Value::Array(items)) => items.iter().any(|i| {
            i.as_str().is_some_and(|s| s.contains("schema.org"))
                || i.get("@vocab")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.contains("schema.org"))
        }),
        _ => false,
    }
}

fn is_article_type(value: &Value) -> bool {
    has_type(value, ARTICLE_TYPES)
}

/// schema.org types whose steps are their text.
const HOW_TO_TYPES: &[&str] = &["Recipe", "HowTo"];
/// At most this many steps are read from a page (hostile input).
const MAX_STEPS: usize = 200;
/// Steps nest this deep at most (a section of steps is one level).
const MAX_STEP_DEPTH: usize = 4;

/// The steps of the Recipe and HowTo objects of the page's JSON-LD: the
/// top-level object, items of a top-level array or of `@graph`. Only
/// scripts that name steps are parsed.
fn how_to_steps(found: &Found) -> Vec<String> {
    let mut steps = Vec::new();
    for script in &found.ld_scripts {
        let raw: String = script.text().collect();
        if !raw.contains("recipeInstructions") && !raw.contains("\"step\"") {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let top: Vec<&Value> = match &value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let graphs = top
            .iter()
            .filter_map(|item| item.get("@graph").and_then(Value::as_array))
            .flatten();
        let objects: Vec<&Value> = top.iter().copied().chain(graphs).collect();
        for object in objects.into_iter().filter(|o| has_type(o, HOW_TO_TYPES)) {
            for key in ["recipeInstructions", "step"] {
                if let Some(value) = object.get(key) {
                    collect_steps(value, 0, &mut steps);
                }
            }
        }
    }
    steps
}

/// Steps as schema.org writes them: a string, a list, a HowToStep,
/// HowToDirection or HowToTip with its `text`, a HowToSection with its
/// `itemListElement`.
fn collect_steps(value: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_STEP_DEPTH || out.len() >= MAX_STEPS {
        return;
    }
    match value {
        Value::String(s) if !s.trim().is_empty() => out.push(s.clone()),
        Value::Array(items) => {
            for item in items {
                collect_steps(item, depth + 1, out);
            }
        }
        Value::Object(object) => match object.get("text") {
            Some(Value::String(text)) if !text.trim().is_empty() => out.push(text.clone()),
            _ => {
                if let Some(items) = object.get("itemListElement") {
                    collect_steps(items, depth + 1, out);
                }
            }
        },
        _ => {}
    }
}

/// Whether a JSON-LD object's `@type` (or one of them) is in `types`.
fn has_type(value: &Value, types: &[&str]) -> bool {
    let matches = |t: &str| types.contains(&t.trim_start_matches("schema:"));
    match value.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

/// The article object in a JSON-LD document: the top-level object, an item
/// of a top-level array, or an item of `@graph`.
fn find_article(value: &Value) -> Option<&Value> {
    let mut candidates: Vec<&Value> = Vec::new();
    let top: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for item in top {
        let context_ok = is_schema_org(item) || is_schema_org(value);
        if !context_ok {
            continue;
        }
        if is_article_type(item) {
            candidates.push(item);
        }
        if let Some(Value::Array(graph)) = item.get("@graph") {
            candidates.extend(graph.iter().filter(|g| is_article_type(g)));
        }
    }
    candidates.first().copied()
}

fn linked_data(article: &Value, doc_title: Option<&str>) -> LinkedData {
    let text = |key: &str| {
        article
            .get(key)
            .and_then(Value::as_str)
            .map(unescape)
            .filter(|s| !s.is_empty())
    };
    let name = text("name");
    let headline = text("headline");
    let title = match (name, headline) {
        (Some(name), Some(headline)) if name != headline => {
            // Prefer whichever matches the document title.
            let close = |t: &str| doc_title.is_some_and(|d| text_similarity(t, d) > 0.75);
            if close(&name) {
                Some(name)
            } else if close(&headline) {
                Some(headline)
            } else {
                Some(name)
            }
        }
        (name, headline) => headline.or(name),
    };
    LinkedData {
        title,
        author: article.get("author").and_then(names),
        site_name: article.get("publisher").and_then(names),
        published: article.get("datePublished").and_then(first_string),
        created: article.get("dateCreated").and_then(first_string),
        url: text("url").filter(|u| is_url(u)),
        lang: article.get("inLanguage").and_then(first_string),
        body: article
            .get("articleBody")
            .and_then(Value::as_str)
            .filter(|b| !b.trim().is_empty())
            .map(str::to_string),
    }
}

/// A person or organization (`"Jane Doe"`, `{"name": "Jane Doe"}`) or a
/// list of them, as one comma-separated string.
fn names(value: &Value) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(unescape(s)),
        Value::Object(o) => o.get("name").and_then(|n| match n {
            Value::String(s) => Some(unescape(s)),
            _ => None,
        }),
        _ => None,
    };
    let all: Vec<String> = match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let all: Vec<String> = all
        .into_iter()
        .filter(|s| !s.is_empty() && !is_url(s))
        .collect();
    (!all.is_empty()).then(|| all.join(", "))
}

/// The share of `b`'s words that also occur in `a` (Readability's
/// `textSimilarity`).
fn text_similarity(a: &str, b: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let unique_len = unique.iter().map(|t| t.len()).sum::<usize>() + unique.len().saturating_sub(1);
    let all_len = tb.iter().map(|t| t.len()).sum::<usize>() + tb.len() - 1;
    1.0 - unique_len as f64 / all_len as f64
}

/// The text of `<title>`.
fn document_title(found: &Found) -> Option<String> {
    found
        .title
        .map(|t| collapse(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty())
}

/// Title separators: the site name usually hangs behind one of these.
const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The article title from `<title>`, without the site name, following
/// Readability's rules: cut at the last ` | `/` - ` separator (or the first
/// when that leaves too little), after a `: ` unless a heading repeats
/// the whole title, and fall back to the only `<h1>` for odd lengths.
fn article_title(found: &Found, doc_title: Option<&str>) -> Option<String> {
    let original = doc_title?.to_string();
    let separated = |s: &str| -> Vec<usize> {
        // Byte positions of " X " where X is a separator.
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        (1..chars.len().saturating_sub(1))
            .filter(|&i| {
                SEPARATORS.contains(&chars[i].1) && chars[i - 1].1 == ' ' && chars[i + 1].1 == ' '
            })
            .map(|i| chars[i].0)
            .collect()
    };
    let seps = separated(&original);
    let mut had_separators = false;
    let mut title = original.clone();
    if let (Some(&first), Some(&last)) = (seps.first(), seps.last()) {
        had_separators = true;
        title = original[..last].trim().to_string();
        if word_count(&title) < 3 {
            let sep_len = original[first..].chars().next().map_or(1, char::len_utf8);
            title = original[first + sep_len..].trim().to_string();
        }
    } else if original.contains(": ") {
        let headings: Vec<String> = found
            .h1_h2
            .iter()
            .map(|h| collapse(&h.text().collect::<String>()))
            .collect();
        if !headings.contains(&original) {
            let after_last = original.rsplit(':').next().unwrap_or("").trim().to_string();
            title = after_last;
            if word_count(&title) < 3 {
                title = original
                    .split_once(':')
                    .map_or("", |x| x.1)
                    .trim()
                    .to_string();
            } else if word_count(original.split(':').next().unwrap_or("")) > 5 {
                title = original.clone();
            }
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let h1s: Vec<&ElementRef> = found.h1s().collect();
        if h1s.len() == 1 {
            title = collapse(&h1s[0].text().collect::<String>());
        }
    }
    let title = collapse(&title);
    let words = word_count(&title);
    let without_seps: String = original
        .chars()
        .map(|c| if SEPARATORS.contains(&c) { ' ' } else { c })
        .collect();
    if words <= 4
        && (!had_separators || words + 1 != word_count(&without_seps))
        && !found
            .h1_h2
            .iter()
            .any(|h| collapse(&h.text().collect::<String>()) == title)
    {
        return Some(original);
    }
    (!title.is_empty()).then_some(title)
}

/// News agencies, written as they sign: a credit, not an author.
const AGENCIES: &[&str] = &[
    "aap",
    "afp",
    "agence france-presse",
    "agence france presse",
    "anadolu",
    "ani",
    "ansa",
    "ap",
    "apa",
    "associated press",
    "belga",
    "canadian press",
    "ctk",
    "čtk",
    "dpa",
    "deutsche presse-agentur",
    "efe",
    "epd",
    "europa press",
    "ians",
    "kna",
    "kyodo",
    "lusa",
    "mti",
    "pap",
    "pti",
    "reuters",
    "ria novosti",
    "sda",
    "keystone-sda",
    "tass",
    "the associated press",
    "the canadian press",
    "upi",
    "xinhua",
    "yonhap",
];

/// Words that name a role, not a person (`Staff Writer`, `Redakteur`).
const ROLE_WORDS: &[&str] = &[
    "author",
    "autor",
    "autorin",
    "chief",
    "columnist",
    "contributor",
    "correspondent",
    "editor",
    "editorial",
    "journalist",
    "journaliste",
    "korrespondent",
    "korrespondentin",
    "periodista",
    "redacción",
    "redaction",
    "rédaction",
    "redakteur",
    "redakteurin",
    "redaktion",
    "reporter",
    "senior",
    "staff",
    "team",
    "writer",
];

/// Words that say when, not who: a weekday or an update notice taken for
/// a byline (`Monday`, `Last Updated`). English weekdays come from
/// [`crate::calendar::WEEKDAYS`]; these are the other languages' and the
/// notices.
const WHEN_WORDS: &[&str] = &[
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "last",
    "updated",
    "update",
    "published",
    "aktualisiert",
    "veröffentlicht",
    "actualizado",
    "publié",
    "mis",
    "à",
    "jour",
    "am",
    "on",
];

fn is_agency(s: &str) -> bool {
    let s = s
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if s.is_empty() {
        return false;
    }
    AGENCIES.contains(&s.as_str())
        || s.split(['/', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|p| AGENCIES.contains(&p))
}

/// An author as a person's name: agency credits, role words and update
/// notices taken off (`Jane Doe, Senior Correspondent` is `Jane Doe`,
/// `Jane DoeStaff Writer` too); `None` when nothing of a name is left
/// (`Reuters`, `Monday`, `Last Updated`, `Staff Writer`).
pub fn clean_author(raw: &str) -> Option<String> {
    let text = collapse(raw);
    let is_role = |w: &str| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        ROLE_WORDS.contains(&w.as_str())
            || WHEN_WORDS.contains(&w.as_str())
            || crate::calendar::WEEKDAYS.contains(&w.as_str())
    };
    let mut names = Vec::new();
    // Several people (`Jane Doe, John Roe`) or a person and a credit
    // (`Jane Doe, AP`, `Jane Doe/dpa`).
    for part in text.split([',', '|', '•', '·']) {
        let mut part = part.trim().to_string();
        // `Jane Doe/dpa` (but not a URL in parentheses).
        while let Some((name, credit)) = part.rsplit_once('/') {
            if !is_agency(credit) {
                break;
            }
            part = name.trim().to_string();
        }
        // A role glued to the name by a lost space: `Jane DoeStaff Writer`.
        if let Some(at) = glued_at(&part) {
            if part[at..].split_whitespace().all(is_role) {
                part.truncate(at);
            }
        }
        for sep in [" and ", " und ", " et ", " y "] {
            if let Some((a, b)) = part.split_once(sep) {
                if is_agency(b) {
                    part = a.trim().to_string();
                } else if is_agency(a) {
                    part = b.trim().to_string();
                }
            }
        }
        // Trailing and leading role words: `Senior Editor Jane Doe`.
        let words: Vec<&str> = part.split_whitespace().collect();
        let first = words
            .iter()
            .position(|w| !is_role(w))
            .unwrap_or(words.len());
        let last = words
            .iter()
            .rposition(|w| !is_role(w))
            .map_or(first, |i| i + 1);
        let part = words[first..last.max(first)].join(" ");
        if part.is_empty() || is_agency(&part) || !part.chars().any(char::is_alphabetic) {
            continue;
        }
        names.push(part);
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// Where a capital letter follows a lower-case one inside a word
/// (`DoeStaff`): maybe two strings glued together.
fn glued_at(s: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(p) = prev {
            // (`McDonald` too: the caller checks what follows.)
            if p.is_lowercase() && c.is_uppercase() {
                return Some(i);
            }
        }
        prev = Some(c);
    }
    None
}

/// The same name, ignoring case, spacing and punctuation.
fn same_name(a: &str, b: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    fold(a) == fold(b)
}

/// Whether a string is an absolute http(s) URL.
pub fn is_url(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(' ')
}

/// Text with its HTML character references decoded (`&#8217;`, `&amp;`)
/// and whitespace collapsed: how JSON-LD strings are read.
pub fn decode_references(s: &str) -> String {
    unescape(s)
}

/// A JSON-LD string with its HTML character references decoded (the
/// script's text is not decoded by the HTML parser, and many sites write
/// `&#8217;` there), whitespace collapsed.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return collapse(s);
    }
    let fragment = super::sink::parse_fragment(&format!("<textarea>{s}</textarea>"));
    let text = fragment
        .root_element()
        .map(|root| root.text().collect::<String>());
    collapse(&text.unwrap_or_default())
}

/// Whitespace collapsed to single spaces, trimmed.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> PageMetadata {
        read(&super::super::sink::parse(html))
    }

    #[test]
    fn json_ld_wins_over_meta_tags() {
        let m = meta_of(
            r#"<html><head><title>Talks end | Example</title>
            <meta property="og:title" content="OG title">
            <meta property="og:site_name" content="OG Site">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Example"},
              {"@type":"NewsArticle","headline":"Talks end","datePublished":"2025-12-22T10:00:00+02:00",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
               "publisher":{"@type":"Organization","name":"Example News"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Talks end"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(m.published[0], "2025-12-22T10:00:00+02:00");
    }

    #[test]
    fn json_ld_character_references_are_decoded() {
        let m = meta_of(
            r#"<html><head><script type="application/ld+json">{"@context":"http://schema.org","@type":"BlogPosting",
            "headline":"Obama&#8217;s plan &amp; the <b>vote</b>","author":{"name":"Ann &quot;Annie&quot; Lee"}}</script></head></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Obama’s plan & the <b>vote</b>"));
        assert_eq!(m.author.as_deref(), Some("Ann \"Annie\" Lee"));
    }

    #[test]
    fn open_graph_and_meta_author() {
        let m = meta_of(
            r#"<html><head><title>Ignored</title>
            <meta property="og:title" content="Headline here">
            <meta property="og:site_name" content="The Paper">
            <meta property="article:published_time" content="2024-06-25">
            <meta property="article:author" content="https://facebook.com/someone">
            <meta name="author" content="Ann Writer">
            </head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Headline here"));
        assert_eq!(m.site_name.as_deref(), Some("The Paper"));
        assert_eq!(m.author.as_deref(), Some("Ann Writer"));
        assert_eq!(m.published, ["2024-06-25"]);
    }

    #[test]
    fn the_site_name_is_not_the_title() {
        let m = meta_of(
            r#"<html><head><title>Example News</title>
            <meta property="og:title" content="Example News">
            <meta property="og:site_name" content="Example News">
            </head><body><h1>Example News</h1><article><h1>Storm closes the harbour for a week</h1></article></body></html>"#,
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Storm closes the harbour for a week")
        );
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        // With no other headline, the site's name is all there is.
        let m = meta_of(
            r#"<html><head><meta property="og:title" content="Example News">
            <meta property="og:site_name" content="Example News"></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Example News"));
    }

    #[test]
    fn dates_in_less_common_markup() {
        let m = meta_of(
            r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage",
            "datePublished":["2021-03-04T08:00:00Z"]}</script></head><body></body></html>"#,
        );
        assert_eq!(m.published, ["2021-03-04T08:00:00Z"]);
        let m = meta_of(
            r#"<html><body><span itemprop="datePublished dateModified" content="2020-05-06">6 May</span></body></html>"#,
        );
        assert_eq!(m.published, ["2020-05-06"]);
        let m = meta_of(
            r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
            "headline":"Talks end","datePublished":["2022-01-02"]}</script></head></html>"#,
        );
        assert_eq!(m.published, ["2022-01-02"]);
    }

    #[test]
    fn authors_without_agencies_roles_and_weekdays() {
        assert_eq!(clean_author("Reuters"), None);
        assert_eq!(clean_author("dpa/AFP"), None);
        assert_eq!(clean_author("Jane Doe, AP").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_author("Jane Doe and AFP").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_author("Monday"), None);
        assert_eq!(clean_author("Last Updated"), None);
        assert_eq!(clean_author("Staff Writer"), None);
        assert_eq!(
            clean_author("Jane Doe, Senior Correspondent").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Jane DoeStaff Writer").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(
            clean_author("Redakteurin Anna Weber").as_deref(),
            Some("Anna Weber")
        );
        assert_eq!(
            clean_author("Jane Doe, John McDonald").as_deref(),
            Some("Jane Doe, John McDonald")
        );
        assert_eq!(clean_author("Ana Lopez").as_deref(), Some("Ana Lopez"));
        assert_eq!(clean_author("Jane Doe/dpa").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_author("Bradley M. Kuhn (http://ebb.org/bkuhn/)").as_deref(),
            Some("Bradley M. Kuhn (http://ebb.org/bkuhn/)")
        );
    }

    #[test]
    fn document_title_loses_the_site_name() {
        let m = meta_of(
            "<html><head><title>Ukraine calls the latest talks productive | Example News</title></head></html>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Ukraine calls the latest talks productive")
        );
        let m = meta_of("<html><head><title>Talks end today | Example News</title></head></html>");
        assert_eq!(m.title.as_deref(), Some("Talks end today | Example News"));
        let m = meta_of(
            "<html><head><title>Talks end today | Example News</title></head><body><h1>Talks end today</h1></body></html>",
        );
        assert_eq!(m.title.as_deref(), Some("Talks end today"));
    }
}
