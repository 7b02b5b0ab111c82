//! Finding the article in a page: the paragraphs of its body, without the
//! menus, headers, footers, related links, share buttons and comments around
//! it.
//!
//! This follows Mozilla Readability's approach, which is general (no
//! per-site rules) and well tested: paragraphs score points for their
//! length and commas, the points flow to their parent and grandparent, the
//! container with the best score (discounted by its share of link text) is
//! the article, siblings that look like article text are kept with it, and
//! inside it, blocks that look like widgets (many links, few paragraphs,
//! negative class names) are dropped. If that finds too little text, the
//! rules are relaxed one by one. Along the way the first byline-like element
//! (`rel="author"`, `class="byline"`) is taken as the byline.

use super::dom::{Dom, Element, Node, NodeId, NodeRef};
use super::metadata::collapse;
use super::stats::{self, NodeMap, NodeSet, Stats, StatsMap};
use html5ever::local_name;
use regex::Regex;
use rustc_hash::FxHashSet;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A block of article text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    /// 1-based source line of the element the text starts in.
    pub line: usize,
    pub heading: bool,
    /// The heading's level (1 for `<h1>` … 6), 0 for text.
    pub level: u8,
    /// A list item, table cell or definition term (`<li>`, `<td>`, `<th>`,
    /// `<dt>`, `<dd>`): a label there ("Salt: a pinch") is no speaker.
    pub item: bool,
}

/// The article found in a page.
#[derive(Debug, Default)]
pub struct Extracted {
    pub blocks: Vec<Block>,
    /// The text of the first byline-like element, as written.
    pub byline: Option<String>,
}

/// Below this many characters of text, extraction is retried with relaxed
/// rules.
const MIN_ARTICLE_CHARS: usize = 500;

/// How many of the best-scoring candidates are compared with the top one.
const TOP_CANDIDATES: usize = 5;
/// How many of them, scoring near the top one, make their common ancestor
/// the article.
const CLOSE_CANDIDATES: usize = 3;

/// A list whose text is more link text than this is a list of links
/// (related stories, tags), not article text.
const LINK_LIST_DENSITY: f64 = 0.6;

/// A paragraph shorter than this that is mostly link text is a teaser.
const LINK_PARAGRAPH_MAX_CHARS: usize = 300;

/// The elements that make up a table around its cells.
const TABLE_STRUCTURE: &[&str] = &["table", "thead", "tbody", "tfoot", "tr"];

/// How many levels above the article's container a lead is looked for.
const LEAD_LEVELS: usize = 3;

/// Class and id words that name an article's lead or standfirst, matched
/// on whole parts of names (`a-lead`, `article__standfirst`,
/// `page-intro__copy`).
static LEAD_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(^|[\s_-])(lead|lede|standfirst|intro|teaser-?text|excerpt|abstract|dek)($|[\s_-])")
});

/// A standfirst is at least this long.
const STANDFIRST_MIN_CHARS: usize = 60;

/// How many nodes of a block before the article are searched for its
/// standfirst.
const STANDFIRST_SEARCH_NODES: usize = 400;

/// A sibling of the article this long, reading as prose, continues it.
const CONTINUATION_MIN_CHARS: usize = 100;

/// Whether text reads as sentences: it ends one, or holds a sentence end
/// followed by more text.
fn ends_sentences(text: &str) -> bool {
    let text = text.trim_end_matches(['"', '\'', '”', '’', '»', ')']);
    text.ends_with(['.', '!', '?', '…'])
        || [". ", "! ", "? ", "… "]
            .iter()
            .any(|end| text.contains(end))
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote",
    )
});
static MAYBE_CANDIDATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)and|article|body|column|content|main|mathjax|shadow"));
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story")
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget",
    )
});
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)byline|author|dateline|writtenby|p-author"));
/// Boxes inside an article that are not its text: captions and photo
/// credits, author bios, print buttons, newsletter and subscription boxes, embedded posts,
/// fact boxes, ad labels and disclaimers, breadcrumbs. Matched on whole
/// class or id words (`wp-caption-text`, `author-box`, `post-author`,
/// `twitter-tweet`).
static BOILERPLATE_BOX: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(^|[\s_-])(captions?|credits?|copyright|author-?(box|bio|info|description|profile|details)|about-?(the-)?author|(post|entry)-author|saboxplugin-wrap|print-?(button|btn|link)s?|recipe-print|newsletter|subscribe|subscription|twitter-tweet|instagram-media|tiktok-embed|wp-embedded-content|fb-post|factbox|disclaimer|affiliate|sharing|breadcrumbs?|ad|ads|adv|advert|advertisement|anzeige|werbung)($|[\s_-])",
    )
});
/// Boilerplate boxes longer than this are kept: a class word alone does
/// not throw away that much text.
const MAX_BOILERPLATE_BOX_CHARS: usize = 600;
static SHARE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(\b|_)(share|sharedaddy)(\b|_)"));

/// Words of class and id names that mark what overlays a page rather than
/// belongs to it: cookie and consent banners, login and sign-up dialogs,
/// advertiser disclosures, no-script warnings. (Not `modal`, `dialog` or
/// `paywall`: pages wrap their whole content in `modal-enabled`,
/// `dialog-off-canvas-main-canvas`, `content-behind-paywall`.)
const OVERLAY_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "dsgvo",
    "login",
    "signin",
    "signup",
    "disclosure",
    "noscript",
];

/// Whether a class or id name (as [`class_and_id`] joins them) has an
/// [`OVERLAY_WORDS`] word as one of its `-` or `_` separated parts, outside
/// the `tag-…` and `category-…` names blogs give a post for its topics.
/// Unlike [`UNLIKELY`], a positive word beside it does not save the
/// element (`advertiser-disclosure-body`, `cookies-content`). Only the
/// first pass applies it, so that a page whose wrapper carries such a word
/// is still read by the passes after it.
fn is_overlay(names: &str) -> bool {
    names
        .split_whitespace()
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            !["tag-", "tags-", "category-"]
                .iter()
                .any(|p| lower.starts_with(p))
        })
        .flat_map(|name| name.split(['-', '_']))
        .any(|part| {
            OVERLAY_WORDS
                .iter()
                .any(|word| part.eq_ignore_ascii_case(word))
        })
}

const UNLIKELY_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// Elements never part of the article text.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "link",
    "meta",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "footer",
    "aside",
    "canvas",
    "head",
    "title",
    "math",
    "video",
    "audio",
    "map",
    "figcaption",
];

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
];

/// [`DROPPED_TAGS`] and [`BLOCK_TAGS`] as hash sets: every element of a
/// page is looked up in each several times per pass, and a scan of the
/// lists compared it with up to 39 names.
static DROPPED: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| DROPPED_TAGS.iter().copied().collect());
static BLOCKS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| BLOCK_TAGS.iter().copied().collect());

/// Whether an element named `name` is never part of the article text.
fn is_dropped(name: &str) -> bool {
    DROPPED.contains(name)
}

/// Whether an element named `name` starts a new block of text.
fn is_block(name: &str) -> bool {
    BLOCKS.contains(name)
}

/// Children that make a `<div>` a container rather than a paragraph.
const DIV_BLOCK_CHILDREN: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "header",
    "footer",
];

/// Which of Readability's rules a pass applies.
#[derive(Debug, Clone, Copy)]
struct Rules {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
}

/// Extracts the article from a parsed page.
pub fn extract(html: &Dom) -> Extracted {
    let passes = [
        RULES_ALL,
        Rules {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Rules {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Rules {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
    let mut best: Option<(usize, Vec<Block>)> = None;
    // Readability's way first: the first byline met while pruning the
    // page; then anywhere outside comments and footers. The pruning is
    // that of the first pass, whose rules it applies: that pass goes on
    // from it rather than pruning the page again.
    let mut first = Pass::new(html, RULES_ALL);
    first.look_for_byline = true;
    first.prune(first.body(), false);
    let found_byline = first.byline.take().or_else(|| find_byline(html));
    let byline = found_byline.as_ref().map(|(_, text)| text.clone());
    let mut first = Some(first);
    for rules in passes {
        let blocks = match first.take() {
            Some(mut pass) => {
                if let Some((id, _)) = &found_byline {
                    pass.skip.add(*id);
                }
                pass.run_pruned()
            }
            None => {
                let mut pass = Pass::new(html, rules);
                if let Some((id, _)) = &found_byline {
                    pass.skip.add(*id);
                }
                pass.run()
            }
        };
        let length: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
        if length >= MIN_ARTICLE_CHARS {
            return Extracted { blocks, byline };
        }
        if best.as_ref().is_none_or(|(l, _)| length > *l) {
            best = Some((length, blocks));
        }
    }
    let blocks = best.map(|(_, b)| b).unwrap_or_default();
    Extracted { blocks, byline }
}

fn element(node: NodeRef<'_>) -> Option<&Element> {
    node.value().as_element()
}

fn tag(node: NodeRef<'_>) -> &str {
    element(node).map_or("", |e| e.name())
}

/// Whether `pattern` matches an element's class and id names, as
/// [`class_and_id`] writes them: a lone space for an element with neither
/// (most elements), which no pattern of this module matches (see the
/// tests), so it is not searched.
fn names_match(pattern: &Regex, names: &str) -> bool {
    names != " " && pattern.is_match(names)
}

fn class_and_id(el: &Element) -> String {
    let mut names = String::new();
    write_class_and_id(el, &mut names);
    names
}

/// [`class_and_id`] into a buffer that is reused.
fn write_class_and_id(el: &Element, names: &mut String) {
    names.clear();
    names.push_str(el.attribute(local_name!("class")).unwrap_or(""));
    names.push(' ');
    names.push_str(el.attribute(local_name!("id")).unwrap_or(""));
}

fn is_hidden(el: &Element) -> bool {
    if el.attribute(local_name!("hidden")).is_some()
        || el.attribute(local_name!("aria-hidden")) == Some("true")
    {
        return true;
    }
    el.attribute(local_name!("style")).is_some_and(|s| {
        // Most styles hide nothing: only those naming a hiding value are
        // normalised and read.
        let names_value = |value: &[u8]| {
            s.as_bytes()
                .windows(value.len())
                .any(|w| w.eq_ignore_ascii_case(value))
        };
        if !names_value(b"none") && !names_value(b"hidden") {
            return false;
        }
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Containers whose bylines are not the article's.
static NOT_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)comment|related|sidebar|footer|widget|recommend|popular|newsletter"));

/// The first byline-like element in the page (`rel="author"`, an
/// `itemprop="author"`, a `byline`/`author` class) outside comments,
/// footers and related-story lists: its node and text.
fn find_byline(html: &Dom) -> Option<(NodeId, String)> {
    let pass = Pass::new(html, RULES_ALL);
    let mut stack = vec![pass.body()];
    while let Some(node) = stack.pop() {
        if let Some(el) = element(node) {
            let name = el.name();
            let match_string = class_and_id(el);
            if matches!(
                name,
                "script" | "style" | "noscript" | "template" | "head" | "footer" | "nav"
            ) || is_hidden(el)
                || names_match(&NOT_ARTICLE, &match_string)
            {
                continue;
            }
            if pass.is_byline(node, el, &match_string) {
                return Some((node.id(), pass.byline_text(node)));
            }
        }
        stack.extend(node.children().rev());
    }
    None
}

const RULES_ALL: Rules = Rules {
    strip_unlikely: true,
    weight_classes: true,
    clean_conditionally: true,
};

struct Pass<'a> {
    html: &'a Dom,
    rules: Rules,
    /// Roots of subtrees removed from consideration.
    skip: NodeSet,
    scores: NodeMap<f64>,
    /// Text statistics of every element read, computed once pruned.
    stats: StatsMap,
    look_for_byline: bool,
    byline: Option<(NodeId, String)>,
}

impl<'a> Pass<'a> {
    fn new(html: &'a Dom, rules: Rules) -> Pass<'a> {
        Pass {
            html,
            rules,
            skip: NodeSet::default(),
            scores: NodeMap::default(),
            stats: StatsMap::default(),
            look_for_byline: false,
            byline: None,
        }
    }

    fn body(&self) -> NodeRef<'a> {
        let root = self.html.root();
        root.descendants()
            .find(|n| tag(*n) == "body")
            .unwrap_or(root)
    }

    /// The article's blocks under this pass's rules.
    fn run(&mut self) -> Vec<Block> {
        self.prune(self.body(), false);
        self.run_pruned()
    }

    /// [`Pass::run`] on a page this pass has pruned already.
    fn run_pruned(&mut self) -> Vec<Block> {
        let body = self.body();
        self.stats = stats::compute(body, |n| !self.skipped(n) && !is_dropped(tag(n)), is_block);
        let to_score = self.elements_to_score(body);
        self.score(&to_score);
        let roots = self.article_roots(body);
        let mut blocks = Vec::new();
        let mut buffer = Buffer::default();
        for root in roots {
            self.emit(root, &mut buffer, &mut blocks);
            buffer.flush(&mut blocks);
        }
        drop_orphan_headings(&mut blocks);
        blocks.retain(|b| !is_ad_label(&b.text));
        blocks
    }

    /// Marks dropped, hidden and unlikely elements as skipped (and, when
    /// looking for one, the first byline). Iterative, in document order, so
    /// that any depth of nesting is read.
    fn prune(&mut self, node: NodeRef<'a>, in_table_or_code: bool) {
        let mut stack: Vec<(NodeRef<'a>, bool)> = node
            .children()
            .rev()
            .map(|c| (c, in_table_or_code))
            .collect();
        let mut match_string = String::new();
        while let Some((child, in_table_or_code)) = stack.pop() {
            let Some(el) = element(child) else { continue };
            let name = el.name();
            if is_dropped(name) || is_hidden(el) {
                self.skip.add(child.id());
                continue;
            }
            write_class_and_id(el, &mut match_string);
            if self.look_for_byline
                && self.byline.is_none()
                && self.is_byline(child, el, &match_string)
            {
                self.byline = Some((child.id(), self.byline_text(child)));
                self.skip.add(child.id());
                continue;
            }
            if self.rules.strip_unlikely {
                let unlikely = names_match(&UNLIKELY, &match_string)
                    && !names_match(&MAYBE_CANDIDATE, &match_string)
                    && !in_table_or_code
                    && !["body", "a", "html", "article", "main"].contains(&name);
                let role = el.attribute(local_name!("role")).unwrap_or("");
                if unlikely
                    || UNLIKELY_ROLES.contains(&role)
                    || el.attribute(local_name!("aria-modal")) == Some("true")
                    || is_overlay(&match_string)
                {
                    self.skip.add(child.id());
                    continue;
                }
            }
            let inner = in_table_or_code || matches!(name, "table" | "code" | "pre");
            stack.extend(child.children().rev().map(|c| (c, inner)));
        }
    }

    fn is_byline(&self, node: NodeRef<'a>, el: &Element, match_string: &str) -> bool {
        let marked = el.attribute(local_name!("rel")) == Some("author")
            || el
                .attribute(local_name!("itemprop"))
                .is_some_and(|p| p.contains("author"))
            || names_match(&BYLINE, match_string);
        if !marked || matches!(el.name(), "meta" | "link" | "body" | "html") {
            return false;
        }
        let length = self.short_text_len(node, 100);
        length > 0 && length < 100
    }

    /// A byline's text, preferring an `itemprop="name"` inside it.
    fn byline_text(&self, node: NodeRef<'a>) -> String {
        let named = node.descendants().skip(1).find(|d| {
            element(*d)
                .and_then(|e| e.attribute(local_name!("itemprop")))
                .is_some_and(|p| p.contains("name"))
        });
        self.text(named.unwrap_or(node))
    }

    fn skipped(&self, node: NodeRef<'a>) -> bool {
        self.skip.contains_key(&node.id())
    }

    /// The collapsed text of a subtree, without skipped parts.
    fn text(&self, node: NodeRef<'a>) -> String {
        let mut out = String::new();
        self.collect_text(node, &mut out);
        collapse(&out)
    }

    /// The statistics of a subtree's text, without skipped parts (zero for
    /// a skipped node).
    fn text_stats(&self, node: NodeRef<'a>) -> Stats {
        self.stats.get(&node.id()).copied().unwrap_or_default()
    }

    fn text_len(&self, node: NodeRef<'a>) -> usize {
        self.text_stats(node).chars
    }

    /// The length of [`Pass::text`], counted up to `limit` characters
    /// (for tests made before the statistics are, on few nodes).
    fn short_text_len(&self, node: NodeRef<'a>, limit: usize) -> usize {
        let (mut chars, mut words) = (0usize, 0usize);
        let mut in_word = false;
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            match n.value() {
                Node::Text(_) => {
                    for c in n.own_text().chars() {
                        if c.is_whitespace() {
                            in_word = false;
                            continue;
                        }
                        if !in_word {
                            words += 1;
                            in_word = true;
                        }
                        chars += 1;
                    }
                    if chars + words > limit + 1 {
                        break;
                    }
                    continue;
                }
                Node::Element(el) => {
                    if self.skipped(n) || is_dropped(el.name()) {
                        continue;
                    }
                    if is_block(el.name()) || el.name() == "br" {
                        in_word = false;
                    }
                }
                _ => {}
            }
            stack.extend(n.children().rev());
        }
        chars + words.saturating_sub(1)
    }

    fn collect_text(&self, node: NodeRef<'a>, out: &mut String) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            match node.value() {
                Node::Text(_) => {
                    out.push_str(node.own_text());
                    continue;
                }
                Node::Element(el) => {
                    if self.skipped(node) || is_dropped(el.name()) {
                        continue;
                    }
                    if is_block(el.name()) || el.name() == "br" {
                        out.push(' ');
                    }
                }
                _ => {}
            }
            stack.extend(node.children().rev());
        }
    }

    fn elements_to_score(&self, body: NodeRef<'a>) -> Vec<NodeRef<'a>> {
        let mut out = Vec::new();
        let mut stack = vec![body];
        while let Some(node) = stack.pop() {
            for child in node.children().rev() {
                if element(child).is_some() && !self.skipped(child) {
                    stack.push(child);
                }
            }
            let name = tag(node);
            let scored = matches!(
                name,
                "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre"
            ) || (name == "div"
                && !node
                    .children()
                    .any(|c| DIV_BLOCK_CHILDREN.contains(&tag(c)) && !self.skipped(c)));
            if scored {
                out.push(node);
            }
        }
        out
    }

    fn class_weight(&self, el: &Element) -> f64 {
        if !self.rules.weight_classes {
            return 0.0;
        }
        let mut weight = 0.0;
        for value in [
            el.attribute(local_name!("class")),
            el.attribute(local_name!("id")),
        ]
        .into_iter()
        .flatten()
        {
            if NEGATIVE.is_match(value) {
                weight -= 25.0;
            }
            if POSITIVE.is_match(value) {
                weight += 25.0;
            }
        }
        weight
    }

    fn initial_score(&self, node: NodeRef<'a>) -> f64 {
        let Some(el) = element(node) else { return 0.0 };
        let base = match el.name() {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(el)
    }

    fn score(&mut self, to_score: &[NodeRef<'a>]) {
        for node in to_score {
            let Stats {
                chars: length,
                commas,
                ..
            } = self.text_stats(*node);
            if length < 25 {
                continue;
            }
            let ancestors: Vec<NodeRef<'a>> = node
                .ancestors()
                .filter(|a| element(*a).is_some())
                .take(5)
                .collect();
            if ancestors.is_empty() {
                continue;
            }
            let content = 1.0 + commas as f64 + (length as f64 / 100.0).floor().min(3.0);
            for (level, ancestor) in ancestors.into_iter().enumerate() {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    n => n as f64 * 3.0,
                };
                let initial = self.initial_score(ancestor);
                *self.scores.get_or_insert(ancestor.id(), initial) += content / divider;
            }
        }
    }

    /// The share of a subtree's text that is link text (in-page `#` links
    /// count less).
    fn link_density(&self, node: NodeRef<'a>) -> f64 {
        self.text_stats(node).link_density()
    }

    /// The top candidate and its article-like siblings, in document order.
    fn article_roots(&self, body: NodeRef<'a>) -> Vec<NodeRef<'a>> {
        let tree = self.html;
        let mut best: Option<(NodeRef<'a>, f64)> = None;
        for (id, &score) in self.scores.iter() {
            let Some(node) = tree.get(id) else { continue };
            let scaled = score * (1.0 - self.link_density(node));
            let better = match best {
                None => true,
                Some((b, s)) => scaled > s || (scaled == s && id < b.id()),
            };
            if better {
                best = Some((node, scaled));
            }
        }
        let Some((mut top, top_score)) = best.filter(|(n, _)| tag(*n) != "body") else {
            return vec![body];
        };
        let score_of = |n: NodeRef<'a>| {
            self.scores
                .get(&n.id())
                .map(|s| s * (1.0 - self.link_density(n)))
        };
        // An article split into blocks scores in several containers: when
        // at least three of the best five score near the top one, their
        // nearest common ancestor is the article.
        if let Some(ancestor) = self.common_ancestor_of_close(top, top_score) {
            top = ancestor;
        }
        // Climb while the parent scores better: the article may be split
        // into several scored containers. A table of many short cells (a
        // list of signatories, a price list) scores in its rows and may
        // outscore the paragraphs around it: climbing out of a table, the
        // element that holds it is the article when it scores at least
        // a third of the top (text of its own beside the table).
        let mut last = top_score;
        let threshold = top_score / 3.0;
        let mut parent = top.parent();
        let mut in_table = false;
        while let Some(p) = parent.filter(|p| tag(*p) != "body" && element(*p).is_some()) {
            if tag(p) == "table" {
                in_table = true;
                parent = p.parent();
                continue;
            }
            if in_table && !TABLE_STRUCTURE.contains(&tag(p)) {
                if score_of(p).is_some_and(|s| s >= threshold) {
                    top = p;
                }
                break;
            }
            match score_of(p) {
                None => {}
                Some(s) if s < threshold => break,
                Some(s) if s > last => {
                    top = p;
                    break;
                }
                Some(s) => last = s,
            }
            parent = p.parent();
        }
        // A lone child says nothing its parent does not.
        while let Some(p) = top.parent() {
            if tag(p) == "body" || element(p).is_none() {
                break;
            }
            let elements = p
                .children()
                .filter(|c| element(*c).is_some() && !self.skipped(*c))
                .count();
            if elements != 1 {
                break;
            }
            top = p;
        }
        let top_score = score_of(top).unwrap_or(top_score);
        let Some(parent) = top.parent() else {
            return vec![top];
        };
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = element(top)
            .and_then(|e| e.attribute(local_name!("class")))
            .unwrap_or("");
        let mut roots = Vec::new();
        let mut before_top = true;
        for sibling in parent.children() {
            let Some(el) = element(sibling) else { continue };
            if sibling.id() == top.id() {
                roots.push(sibling);
                before_top = false;
                continue;
            }
            if self.skipped(sibling) {
                roots.extend(before_top.then(|| self.standfirst_in(sibling)).flatten());
                continue;
            }
            let bonus =
                if !top_class.is_empty() && el.attribute(local_name!("class")) == Some(top_class) {
                    top_score * 0.2
                } else {
                    0.0
                };
            let keep = match score_of(sibling) {
                Some(s) if s + bonus >= threshold => true,
                _ if el.name() == "p" => {
                    let density = self.link_density(sibling);
                    let text = self.text(sibling);
                    let length = text.chars().count();
                    (length > 80 && density < 0.25)
                        || (length > 0
                            && length <= 80
                            && density == 0.0
                            && (text.ends_with('.') || text.contains(". ")))
                }
                _ => self.continues_article(sibling, el),
            };
            if keep {
                roots.push(sibling);
            } else if before_top {
                roots.extend(self.standfirst_in(sibling));
            }
        }
        let mut leads = self.leads_above(parent);
        leads.extend(roots);
        leads
    }

    /// The nearest ancestor of `top` that holds at least
    /// [`CLOSE_CANDIDATES`] of the other best-scoring candidates whose score
    /// is within 75% of the top one's (Readability's alternative
    /// candidates).
    fn common_ancestor_of_close(&self, top: NodeRef<'a>, top_score: f64) -> Option<NodeRef<'a>> {
        let tree = self.html;
        let mut scored: Vec<(f64, NodeId)> = self
            .scores
            .iter()
            .map(|(id, &s)| {
                let node = tree.get(id).expect("scored nodes are in the tree");
                (s * (1.0 - self.link_density(node)), id)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let close: Vec<NodeRef<'a>> = scored
            .iter()
            .take(TOP_CANDIDATES)
            .filter(|(s, id)| *id != top.id() && top_score > 0.0 && s / top_score >= 0.75)
            .filter_map(|(_, id)| tree.get(*id))
            .collect();
        if close.len() < CLOSE_CANDIDATES {
            return None;
        }
        let lineages: Vec<HashSet<NodeId>> = close
            .iter()
            .map(|c| c.ancestors().map(|a| a.id()).collect())
            .collect();
        for ancestor in top.ancestors() {
            if tag(ancestor) == "body" || element(ancestor).is_none() {
                return None;
            }
            let holds = lineages
                .iter()
                .filter(|l| l.contains(&ancestor.id()))
                .count();
            if holds >= CLOSE_CANDIDATES {
                return Some(ancestor);
            }
        }
        None
    }

    /// Blocks before the article's container, up to [`LEAD_LEVELS`]
    /// levels above it, that continue it: the standfirst in the article's
    /// header, an intro above the body's wrapper. In document order.
    fn leads_above(&self, container: NodeRef<'a>) -> Vec<NodeRef<'a>> {
        let mut leads = Vec::new();
        let mut node = container;
        for _ in 0..LEAD_LEVELS {
            let Some(parent) = node.parent() else { break };
            if element(parent).is_none() || matches!(tag(parent), "body" | "html") {
                break;
            }
            let mut level: Vec<NodeRef<'a>> = node
                .prev_siblings()
                .filter_map(|s| {
                    let el = element(s)?;
                    if !self.skipped(s) && self.continues_article(s, el) {
                        return Some(s);
                    }
                    self.standfirst_in(s)
                })
                .collect();
            level.reverse();
            level.extend(leads);
            leads = level;
            node = parent;
        }
        leads
    }

    /// The standfirst inside a block before the article, when the block
    /// as a whole is not article text (an article header with the
    /// headline, byline and date; a header whose class name made it
    /// unlikely): a paragraph of a `<header>` inside the page's
    /// `<article>` or `<main>`, or an element
    /// whose class or id names a lead ([`LEAD_NAMES`]), that reads as
    /// prose. Bylines and elements with a negative name (`entry-meta`)
    /// are passed over with what they hold. The first such, among the
    /// first [`STANDFIRST_SEARCH_NODES`] nodes of the block.
    fn standfirst_in(&self, block: NodeRef<'a>) -> Option<NodeRef<'a>> {
        // An article's header, not the site's (whose tagline is no lead).
        let is_article_header = |header: NodeRef<'a>| {
            tag(header) == "header"
                && header
                    .ancestors()
                    .any(|a| matches!(tag(a), "article" | "main"))
        };
        let in_header = block
            .ancestors()
            .chain(std::iter::once(block))
            .any(is_article_header);
        let mut stack = vec![(block, in_header)];
        let mut seen = 0;
        while let Some((node, in_header)) = stack.pop() {
            seen += 1;
            if seen > STANDFIRST_SEARCH_NODES {
                return None;
            }
            let Some(el) = element(node) else { continue };
            if is_dropped(el.name()) || is_hidden(el) {
                continue;
            }
            let names = class_and_id(el);
            if names_match(&BYLINE, &names) || names_match(&NEGATIVE, &names) {
                continue;
            }
            let named = names_match(&LEAD_NAMES, &names);
            if (matches!(el.name(), "p" | "div") && named) || (el.name() == "p" && in_header) {
                if self.reads_as_standfirst(node) {
                    return Some(node);
                }
                continue;
            }
            let in_header = in_header || is_article_header(node);
            stack.extend(
                node.children()
                    .rev()
                    .filter(|c| c.value().is_element())
                    .map(|c| (c, in_header)),
            );
        }
        None
    }

    /// Whether an element's text is a standfirst: sentences of some
    /// length with hardly any link text. (Read from the tree, as the
    /// element may lie in a block this pass left out.)
    fn reads_as_standfirst(&self, node: NodeRef<'a>) -> bool {
        let text = self.text(node);
        let length = text.chars().count();
        if length < STANDFIRST_MIN_CHARS || !ends_sentences(&text) {
            return false;
        }
        let link_chars: usize = node
            .descendants()
            .filter(|d| tag(*d) == "a")
            .map(|a| self.text(a).chars().count())
            .sum();
        link_chars * 5 < length
    }

    /// A `<div>` with no class, id or text of its own around a single
    /// element: its child is judged instead. (Judging every wrapper of a
    /// deeply nested page would read its text once per level.)
    fn is_plain_wrapper(&self, node: NodeRef<'a>, el: &Element) -> bool {
        if el.name() != "div"
            || el.attribute(local_name!("class")).is_some()
            || el.attribute(local_name!("id")).is_some()
        {
            return false;
        }
        let mut elements = 0;
        for child in node.children() {
            match child.value() {
                Node::Text(_) if !child.own_text().trim().is_empty() => return false,
                Node::Element(_) if !self.skipped(child) => elements += 1,
                _ => {}
            }
        }
        elements == 1
    }

    /// Whether a sibling block of the article that scored too little on
    /// its own is more of its text: a standfirst above it, a section after
    /// it. It reads as prose (sentences, hardly any link text) and carries
    /// no negative class name.
    fn continues_article(&self, node: NodeRef<'a>, el: &Element) -> bool {
        if !matches!(
            el.name(),
            "div" | "section" | "header" | "blockquote" | "article"
        ) || self.class_weight(el) < 0.0
            || self.is_boilerplate_box(node, el)
        {
            return false;
        }
        let text = self.text(node);
        let length = text.chars().count();
        length >= CONTINUATION_MIN_CHARS && self.link_density(node) < 0.2 && ends_sentences(&text)
    }

    /// Whether an element is a caption, bio, newsletter box, embed or
    /// other [`BOILERPLATE_BOX`] of modest length.
    fn is_boilerplate_box(&self, node: NodeRef<'a>, el: &Element) -> bool {
        let names = class_and_id(el);
        (names_match(&BOILERPLATE_BOX, &names)
            || el.attribute(local_name!("itemprop")) == Some("caption"))
            && self.text_len(node) <= MAX_BOILERPLATE_BOX_CHARS
    }

    /// Whether a container inside the article looks like a widget rather
    /// than text (Readability's "clean conditionally").
    /// (`in_figure`: the element is inside a `<figure>`.)
    fn is_widget(&self, node: NodeRef<'a>, el: &Element, in_figure: bool) -> bool {
        let name = el.name();
        if names_match(&SHARE, &class_and_id(el)) && self.text_len(node) < 500 {
            return true;
        }
        if matches!(name, "h1" | "h2") && self.class_weight(el) < 0.0 {
            return true;
        }
        // A short paragraph that is mostly a link: a "read also" teaser
        // (the last, most relaxed pass keeps them: a page may be a list
        // of links with notes).
        if name == "p"
            && self.rules.clean_conditionally
            && self.text_len(node) < LINK_PARAGRAPH_MAX_CHARS
        {
            return self.link_density(node) > 0.5;
        }
        if !self.rules.clean_conditionally
            || !matches!(
                name,
                "form" | "fieldset" | "table" | "ul" | "div" | "section"
            )
        {
            return false;
        }
        let stats = self.text_stats(node);
        let (length, commas) = (stats.chars, stats.commas);
        let weight = self.class_weight(el);
        let score = self.scores.get(&node.id()).copied().unwrap_or(0.0);
        if weight + score < 0.0 {
            return true;
        }
        if commas >= 10 {
            return false;
        }
        let (p, img, li, input) = (
            stats.paragraphs as f64,
            stats.images as f64,
            stats.list_items as f64 - 100.0,
            stats.inputs as f64,
        );
        let is_list =
            matches!(name, "ul" | "ol") || (length > 0 && stats.list_chars * 10 > length * 9);
        let heading_density = if length == 0 {
            0.0
        } else {
            stats.heading_chars as f64 / length as f64
        };
        let density = stats.link_density();
        (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list
                && heading_density < 0.9
                && length < 25
                && (img == 0.0 || img > 2.0)
                && density > 0.0)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (is_list && density > LINK_LIST_DENSITY)
            || (weight >= 25.0 && density > 0.5)
    }

    /// Appends the text under `root` to `blocks`, one block per block
    /// element. Iterative (an explicit stack of entries and exits), so
    /// that any depth of nesting is read.
    fn emit(&self, root: NodeRef<'a>, buffer: &mut Buffer, blocks: &mut Vec<Block>) {
        enum Step<'a> {
            /// A node, whether it is inside a `<pre>` and inside a `<figure>`.
            Enter(NodeRef<'a>, bool, bool),
            /// The end of a block element: its heading level, 0 for text,
            /// and whether it is an item (see [`Block::item`]).
            Exit(u8, bool),
        }
        let root_in_figure = root.ancestors().any(|a| tag(a) == "figure");
        let mut stack = vec![Step::Enter(root, false, root_in_figure)];
        while let Some(step) = stack.pop() {
            let (node, in_pre, in_figure) = match step {
                Step::Exit(level, item) => {
                    buffer.level = level;
                    buffer.item = item;
                    buffer.flush(blocks);
                    continue;
                }
                Step::Enter(node, in_pre, in_figure) => (node, in_pre, in_figure),
            };
            match node.value() {
                Node::Text(_) => {
                    let t = node.own_text();
                    let line = node
                        .parent()
                        .and_then(|p| self.html.line(p.id()))
                        .unwrap_or(1);
                    buffer.push(t, line, in_pre);
                }
                Node::Element(el) => {
                    if is_dropped(el.name()) {
                        continue;
                    }
                    if self.skipped(node) {
                        // An article header left out whole (its class name
                        // made it unlikely) before any text: its
                        // standfirst is still the article's.
                        if blocks.iter().all(|b| b.heading) {
                            if let Some(lead) = self.standfirst_in(node) {
                                stack.push(Step::Enter(lead, in_pre, in_figure));
                            }
                        }
                        continue;
                    }
                    let name = el.name();
                    if name == "br" {
                        buffer.push("\n", 0, true);
                        continue;
                    }
                    if self.is_boilerplate_box(node, el) {
                        continue;
                    }
                    let block = is_block(name);
                    if block {
                        buffer.flush(blocks);
                        if !self.is_plain_wrapper(node, el) && self.is_widget(node, el, in_figure) {
                            continue;
                        }
                        let level = match name.as_bytes() {
                            [b'h', d @ b'1'..=b'6'] => d - b'0',
                            _ => 0,
                        };
                        let item = matches!(name, "li" | "td" | "th" | "dt" | "dd");
                        stack.push(Step::Exit(level, item));
                    }
                    let in_pre = in_pre || name == "pre";
                    let in_figure = in_figure || name == "figure";
                    stack.extend(
                        node.children()
                            .rev()
                            .map(|c| Step::Enter(c, in_pre, in_figure)),
                    );
                }
                _ => {}
            }
        }
    }
}

/// Drops headings with no text under them: a heading followed by nothing,
/// or by a heading of its own rank or higher, titled a list of links or a
/// widget that was left out ("Related articles", "Comments").
fn drop_orphan_headings(blocks: &mut Vec<Block>) {
    let mut keep = vec![true; blocks.len()];
    // From the end, remembering the rank of the nearest heading below with
    // text under it (7 when text follows directly).
    let mut next: u8 = 0;
    for (i, block) in blocks.iter().enumerate().rev() {
        if block.level == 0 {
            next = 7;
            continue;
        }
        if next <= block.level {
            keep[i] = false;
            continue;
        }
        next = block.level;
    }
    let mut i = 0;
    blocks.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Labels that mark an advertisement, in the languages of the pages read.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "anuncio",
    "anzeige",
    "ad",
    "annonce",
    "publicidad",
    "publicité",
    "pubblicità",
    "reklama",
    "reklame",
    "sponsored",
    "gesponsert",
    "werbung",
];

/// A block that is only an ad label (`- Anzeige -`, `ADVERTISEMENT`).
fn is_ad_label(text: &str) -> bool {
    let bare = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    AD_LABELS.contains(&bare.as_str())
}

/// Text gathered for the block being built.
#[derive(Default)]
struct Buffer {
    text: String,
    line: usize,
    level: u8,
    item: bool,
}

impl Buffer {
    fn push(&mut self, text: &str, line: usize, keep_newlines: bool) {
        if self.text.trim().is_empty() && !text.trim().is_empty() {
            self.line = line;
        }
        if keep_newlines {
            self.text.push_str(text);
        } else {
            // Whitespace (newlines included) is a space in HTML.
            for (i, piece) in text.split(char::is_whitespace).enumerate() {
                if i > 0 && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
                self.text.push_str(piece);
            }
        }
    }

    /// The gathered text as a block: each line's spacing collapsed, lines
    /// left empty dropped, written into one string.
    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let mut text = String::with_capacity(self.text.len());
        for line in self.text.lines() {
            let mut words = line.split_whitespace();
            let Some(first) = words.next() else { continue };
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(first);
            for word in words {
                text.push(' ');
                text.push_str(word);
            }
        }
        if !text.is_empty() {
            blocks.push(Block {
                text,
                line: self.line.max(1),
                heading: self.level > 0,
                level: self.level,
                item: self.item,
            });
        }
        self.text.clear();
        self.level = 0;
        self.item = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_names_pattern_matches_an_element_without_class_or_id() {
        let names = class_and_id(
            super::super::sink::parse("<p>Tamsby</p>")
                .nodes()
                .find_map(|n| n.value().as_element().filter(|e| e.name() == "p"))
                .unwrap(),
        );
        assert_eq!(names, " ");
        for pattern in [
            &UNLIKELY,
            &MAYBE_CANDIDATE,
            &POSITIVE,
            &NEGATIVE,
            &BYLINE,
            &BOILERPLATE_BOX,
            &SHARE,
            &LEAD_NAMES,
            &NOT_ARTICLE,
        ] {
            assert!(!pattern.is_match(&names), "{pattern:?}");
            assert!(!names_match(pattern, &names));
        }
        assert!(names_match(&BYLINE, "byline "));
    }

    fn extract_str(page: &str) -> Extracted {
        extract(&super::super::sink::parse(page))
    }

    const PAGE: &str = r##"<html><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="header">Site header with <a href="/">links</a></div>
<article class="story">
<h1>Talks in Florida</h1>
<p class="byline">By Jane Doe</p>
<p>The envoy said on Monday that the talks in Florida had been productive, constructive and long, and that both sides would meet again soon.</p>
<h2>What comes next</h2>
<p>Officials said a second round, with European delegations, would follow in January, although no date has been set for it yet.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<p>The talks, which lasted three days, covered security guarantees, reconstruction and the exchange of prisoners, officials said.</p>
</article>
<div id="comments"><h3>Leave a Reply</h3><p>Great article, thanks for writing it, I really enjoyed reading it a lot.</p></div>
<footer>Copyright 2025 Example News. All rights reserved.</footer>
</body></html>"##;

    #[test]
    fn keeps_the_article_and_drops_the_rest() {
        let found = extract_str(PAGE);
        let texts: Vec<&str> = found.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(found.byline.as_deref(), Some("By Jane Doe"));
        assert!(texts.iter().any(|t| t.starts_with("The envoy said")));
        assert!(texts.iter().any(|t| t.starts_with("The talks, which")));
        for gone in [
            "Home",
            "Share on Facebook",
            "Great article",
            "Copyright",
            "Site header",
        ] {
            assert!(
                !texts.iter().any(|t| t.contains(gone)),
                "{gone} in {texts:?}"
            );
        }
        let heading = found
            .blocks
            .iter()
            .find(|b| b.heading && b.text == "What comes next");
        assert!(heading.is_some(), "{:?}", found.blocks);
    }

    #[test]
    fn deeply_nested_pages_do_not_overflow() {
        let page = format!(
            "<html><body>{}<p>Deep text that is long enough to be scored as a paragraph.</p>{}<p>Shallow text, long enough to be scored as a paragraph of the article.</p></body></html>",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || extract_str(&page))
            .unwrap();
        let found = handle.join().expect("no stack overflow");
        assert!(found.blocks.iter().any(|b| b.text.starts_with("Shallow")));
    }

    fn texts(found: &Extracted) -> Vec<&str> {
        found.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    const PARAGRAPH: &str = "The council said on Monday that the new bridge, which has been under construction since spring, would open in March, two months later than planned.";

    #[test]
    fn an_article_in_several_blocks_is_kept_whole() {
        let section = |title: &str| {
            format!(
                "<div class=\"block\"><h2>{title}</h2><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></div>"
            )
        };
        let page = format!(
            "<html><body><div class=\"layout\">{}{}{}{}</div><div class=\"links\"><a href=\"/a\">Other story</a></div></body></html>",
            section("First part"),
            section("Second part"),
            section("Third part"),
            section("Fourth part"),
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        for part in ["First part", "Second part", "Third part", "Fourth part"] {
            assert!(texts.contains(&part), "{part} missing from {texts:?}");
        }
    }

    #[test]
    fn a_standfirst_beside_the_body_is_kept() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><article><div class=\"intro\"><p>A short standfirst that sums the story up for readers in a hurry. It has two sentences.</p><p>And a second paragraph of it.</p></div><div class=\"entry\">{body}</div><div class=\"tags\"><a href=\"/t\">Bridges</a> <a href=\"/u\">Council</a></div></article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(
            texts.iter().any(|t| t.starts_with("A short standfirst")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Bridges")), "{texts:?}");
    }

    #[test]
    fn the_standfirst_in_the_article_header_is_kept_without_the_header() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><main><div class=\"story\"><header class=\"intro-header\"><h1>Bridge opens late</h1><div class=\"meta\"><a href=\"/authors/jd\">Jane Doe</a> <a href=\"/city\">City</a></div><p class=\"entry-meta\">Posted on 3 March 2024 | 18 Comments. This post may contain affiliate links.</p><p>Steel prices and a wet autumn held up the crossing, the council said.</p></header><div class=\"text\">{body}</div></div></main></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert_eq!(
            texts.first().copied(),
            Some("Steel prices and a wet autumn held up the crossing, the council said."),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Jane Doe")), "{texts:?}");
        assert!(!texts.iter().any(|t| t.contains("affiliate")), "{texts:?}");
    }

    #[test]
    fn a_block_named_as_a_lead_before_the_body_is_kept() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><div class=\"page\"><div class=\"top\"><div class=\"crumbs\"><a href=\"/\">Home</a> <a href=\"/city\">City news and council reports</a></div><p class=\"article-standfirst\">Steel prices and a wet autumn held up the crossing, the council said.</p></div><div class=\"text\">{body}</div></div></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(
            texts.iter().any(|t| t.starts_with("Steel prices")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Home")), "{texts:?}");
    }

    #[test]
    fn the_site_header_s_tagline_is_not_a_standfirst() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><div id=\"page\"><header class=\"site-header\"><a href=\"/\">Garden Notes</a><p>A site about gardens, flowers and the people who grow them, since 2004.</p></header><div class=\"text\">{body}</div></div></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(!texts.iter().any(|t| t.contains("gardens")), "{texts:?}");
    }

    #[test]
    fn captions_bios_newsletters_and_embeds_are_dropped() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><article>\
             <figure><img src=\"a.jpg\"><figcaption>The bridge at dusk. Photo: Jane Roe</figcaption></figure>\
             {body}\
             <div class=\"wp-caption\"><img src=\"b.jpg\"><p class=\"wp-caption-text\">Workers on the deck in May.</p></div>\
             <blockquote class=\"twitter-tweet\"><p>What a bridge! Can't wait to cross it.</p></blockquote>\
             <div class=\"author-box\"><p>Jane Doe has covered the city council since 2015 and likes bridges.</p></div>\
             <div class=\"newsletter\"><p>Get the best stories in your inbox every morning. Sign up now.</p></div>\
             <span class=\"ad-label\">Advertisement</span>\
             </article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(
            texts
                .iter()
                .filter(|t| t.starts_with("The council"))
                .count()
                == 4
        );
        for gone in [
            "bridge at dusk",
            "Workers on the deck",
            "What a bridge",
            "has covered the city",
            "inbox",
            "Advertisement",
        ] {
            assert!(
                !texts.iter().any(|t| t.contains(gone)),
                "{gone} in {texts:?}"
            );
        }
    }

    #[test]
    fn the_post_s_author_box_is_dropped() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        for class in ["post-author", "entry-author clearfix"] {
            let page = format!(
                "<html><body><article><div class=\"entry-content\">{body}</div>\
                 <div class=\"{class}\"><p><strong>About the writer</strong></p>\
                 <p>Jane Doe has covered the city council since 2015, and she writes about rivers and bridges.</p></div>\
                 </article></body></html>"
            );
            let found = extract_str(&page);
            let texts = texts(&found);
            assert_eq!(
                texts
                    .iter()
                    .filter(|t| t.starts_with("The council"))
                    .count(),
                4,
                "{class}: {texts:?}"
            );
            for gone in ["About the writer", "has covered the city"] {
                assert!(
                    !texts.iter().any(|t| t.contains(gone)),
                    "{class}: {gone} in {texts:?}"
                );
            }
        }
    }

    #[test]
    fn print_buttons_are_dropped() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><article><div class=\"entry-content\">{body}\
             <div class=\"x-print-button-container\"><div class=\"x-print-button\"><span>Print this page</span></div></div>\
             <p><a class=\"xyz-recipe-print xyz-link\" href=\"/print/1\">Print the recipe</a></p>\
             </div></article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert_eq!(
            texts
                .iter()
                .filter(|t| t.starts_with("The council"))
                .count(),
            4,
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("Print")), "{texts:?}");
    }

    #[test]
    fn teasers_ad_labels_and_orphan_headings_are_dropped() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><article>\
             <h2>How it began</h2>{body}\
             <p><strong>Read also:</strong> <a href=\"/x\">Another bridge opens late in the next town over</a></p>\
             <p>- Anzeige -</p>\
             <h3>Costs</h3><p>{PARAGRAPH}</p>\
             <h2>More on this</h2>\
             <ul><li><a href=\"/1\">First other story</a></li><li><a href=\"/2\">Second other story</a></li></ul>\
             </article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(
            texts.contains(&"How it began") && texts.contains(&"Costs"),
            "{texts:?}"
        );
        for gone in ["Read also", "Anzeige", "More on this", "other story"] {
            assert!(
                !texts.iter().any(|t| t.contains(gone)),
                "{gone} in {texts:?}"
            );
        }
    }

    #[test]
    fn a_page_that_is_a_list_of_links_with_notes_is_read() {
        let item = |n: usize| {
            format!(
                "<li><p class=\"link\"><a href=\"https://example.org/{n}\">Council approves bridge budget number {n}</a></p>\
                 <p class=\"note\">via Example Daily <a href=\"https://example.org\">https://example.org</a></p></li>"
            )
        };
        let items: String = (0..12).map(item).collect();
        let page = format!(
            "<html><body><article><div class=\"entry-content\"><ul class=\"linkroll\">{items}</ul></div></article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert!(
            texts.contains(&"Council approves bridge budget number 3"),
            "{texts:?}"
        );
        assert!(
            texts.iter().any(|t| t.starts_with("via Example Daily")),
            "{texts:?}"
        );
    }

    #[test]
    fn cookie_banners_and_login_dialogs_are_dropped_even_beside_positive_names() {
        let body = format!("<p>{PARAGRAPH}</p>").repeat(4);
        let page = format!(
            "<html><body><article class=\"post tag-cookies\">{body}\
             <div class=\"cookie-consent-content\"><p>We use cookies, pixels and similar tools to measure, improve and personalise what you see, and to show you adverts.</p></div>\
             <div class=\"b-login main-content\"><p>Forgot your password? Enter the address you signed up with, and we will send you a link to set a new one.</p></div>\
             <div class=\"advertiser-disclosure-body\"><p>Many of the offers that appear on this site are from companies from which we receive compensation, which may impact how they appear.</p></div>\
             </article></body></html>"
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert_eq!(texts, [PARAGRAPH; 4], "{texts:?}");
    }

    #[test]
    fn overlay_words_are_whole_parts_of_names_outside_topic_tags() {
        assert!(is_overlay("cookie-banner "));
        assert!(is_overlay(" gdpr_consent"));
        assert!(is_overlay("x-dialog-login m-dark "));
        assert!(!is_overlay("post tag-cookies category-login"));
        assert!(!is_overlay("cookiecutter-recipe logins"));
        assert!(!is_overlay(
            "dialog-off-canvas-main-canvas content-behind-paywall"
        ));
    }

    #[test]
    fn text_nested_hundreds_of_levels_deep_is_read() {
        let page = format!(
            "<html><body>{}<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>{}</body></html>",
            "<div>".repeat(600),
            "</div>".repeat(600)
        );
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || extract_str(&page))
            .unwrap();
        let found = handle.join().expect("no stack overflow");
        assert_eq!(texts(&found), [PARAGRAPH; 4]);
    }

    #[test]
    fn paragraphs_around_a_table_of_many_short_cells_are_kept() {
        let names: Vec<String> = (0..60).map(|n| format!("Name Number{n}, Town")).collect();
        let page = format!(
            "<html><body><div class=\"letter\"><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>\
             <table><tr><th>Signed</th><th>Also signed</th></tr><tr><td>{}</td><td>{}</td></tr></table><p>Listed for identification only.</p></div></body></html>",
            names[..30].join("<br>"),
            names[30..].join("<br>")
        );
        let found = extract_str(&page);
        let texts = texts(&found);
        assert_eq!(
            texts.iter().filter(|t| **t == PARAGRAPH).count(),
            3,
            "{texts:?}"
        );
        assert!(texts.iter().any(|t| t.contains("Name Number42, Town")));
    }

    #[test]
    fn blocks_carry_their_source_line() {
        let found = extract_str(PAGE);
        let envoy = found
            .blocks
            .iter()
            .find(|b| b.text.starts_with("The envoy"))
            .unwrap();
        assert_eq!(envoy.line, 7);
    }
}
