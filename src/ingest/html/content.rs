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

use super::metadata::collapse;
use ego_tree::{NodeId, NodeRef};
use regex::Regex;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A block of article text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub text: String,
    /// 1-based source line of the element the text starts in.
    pub line: usize,
    pub heading: bool,
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

/// Elements nested deeper than this below `<body>` are ignored: real pages
/// stay far below it, and it bounds the recursion on pathological ones.
const MAX_DEPTH: usize = 256;

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
static SHARE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(\b|_)(share|sharedaddy)(\b|_)"));

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
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "link", "meta",
    "button", "input", "select", "textarea", "nav", "footer", "aside", "canvas", "head", "title",
    "math", "video", "audio", "map",
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
pub fn extract(html: &Html, lines: &HashMap<NodeId, usize>) -> Extracted {
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
    // page; then anywhere outside comments and footers.
    let mut pruning = Pass::new(html, lines, RULES_ALL);
    pruning.look_for_byline = true;
    pruning.prune(pruning.body(), false, 0);
    let found_byline = pruning.byline.or_else(|| find_byline(html));
    let byline = found_byline.as_ref().map(|(_, text)| text.clone());
    for rules in passes {
        let mut pass = Pass::new(html, lines, rules);
        if let Some((id, _)) = &found_byline {
            pass.skip.insert(*id);
        }
        let blocks = pass.run();
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

fn element(node: NodeRef<'_, Node>) -> Option<&Element> {
    node.value().as_element()
}

fn tag(node: NodeRef<'_, Node>) -> &str {
    element(node).map_or("", |e| e.name())
}

fn class_and_id(el: &Element) -> String {
    format!(
        "{} {}",
        el.attr("class").unwrap_or(""),
        el.attr("id").unwrap_or("")
    )
}

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
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
fn find_byline(html: &Html) -> Option<(NodeId, String)> {
    let pass = Pass::new(html, &EMPTY_LINES, RULES_ALL);
    let mut stack = vec![pass.body()];
    while let Some(node) = stack.pop() {
        if let Some(el) = element(node) {
            let name = el.name();
            let match_string = class_and_id(el);
            if matches!(
                name,
                "script" | "style" | "noscript" | "template" | "head" | "footer" | "nav"
            ) || is_hidden(el)
                || NOT_ARTICLE.is_match(&match_string)
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

static EMPTY_LINES: LazyLock<HashMap<NodeId, usize>> = LazyLock::new(HashMap::new);

const RULES_ALL: Rules = Rules {
    strip_unlikely: true,
    weight_classes: true,
    clean_conditionally: true,
};

struct Pass<'a> {
    html: &'a Html,
    lines: &'a HashMap<NodeId, usize>,
    rules: Rules,
    /// Roots of subtrees removed from consideration.
    skip: HashSet<NodeId>,
    scores: HashMap<NodeId, f64>,
    look_for_byline: bool,
    byline: Option<(NodeId, String)>,
}

impl<'a> Pass<'a> {
    fn new(html: &'a Html, lines: &'a HashMap<NodeId, usize>, rules: Rules) -> Pass<'a> {
        Pass {
            html,
            lines,
            rules,
            skip: HashSet::new(),
            scores: HashMap::new(),
            look_for_byline: false,
            byline: None,
        }
    }

    fn body(&self) -> NodeRef<'a, Node> {
        let root = self.html.tree.root();
        root.descendants()
            .find(|n| tag(*n) == "body")
            .unwrap_or(root)
    }

    /// The article's blocks under this pass's rules.
    fn run(&mut self) -> Vec<Block> {
        let body = self.body();
        self.prune(body, false, 0);
        let to_score = self.elements_to_score(body);
        self.score(&to_score);
        let roots = self.article_roots(body);
        let mut blocks = Vec::new();
        let mut buffer = Buffer::default();
        for root in roots {
            self.emit(root, &mut buffer, &mut blocks, false);
            buffer.flush(&mut blocks);
        }
        blocks
    }

    /// Marks dropped, hidden and unlikely elements as skipped (and, when
    /// looking for one, the first byline).
    fn prune(&mut self, node: NodeRef<'a, Node>, in_table_or_code: bool, depth: usize) {
        for child in node.children() {
            let Some(el) = element(child) else { continue };
            let name = el.name();
            if DROPPED_TAGS.contains(&name) || is_hidden(el) || depth >= MAX_DEPTH {
                self.skip.insert(child.id());
                continue;
            }
            let match_string = class_and_id(el);
            if self.look_for_byline
                && self.byline.is_none()
                && self.is_byline(child, el, &match_string)
            {
                self.byline = Some((child.id(), self.byline_text(child)));
                self.skip.insert(child.id());
                continue;
            }
            if self.rules.strip_unlikely {
                let unlikely = UNLIKELY.is_match(&match_string)
                    && !MAYBE_CANDIDATE.is_match(&match_string)
                    && !in_table_or_code
                    && !["body", "a", "html", "article", "main"].contains(&name);
                let role = el.attr("role").unwrap_or("");
                if unlikely || UNLIKELY_ROLES.contains(&role) {
                    self.skip.insert(child.id());
                    continue;
                }
            }
            let inner = in_table_or_code || matches!(name, "table" | "code" | "pre");
            self.prune(child, inner, depth + 1);
        }
    }

    fn is_byline(&self, node: NodeRef<'a, Node>, el: &Element, match_string: &str) -> bool {
        let marked = el.attr("rel") == Some("author")
            || el.attr("itemprop").is_some_and(|p| p.contains("author"))
            || BYLINE.is_match(match_string);
        if !marked || matches!(el.name(), "meta" | "link" | "body" | "html") {
            return false;
        }
        let length = self.text(node).chars().count();
        length > 0 && length < 100
    }

    /// A byline's text, preferring an `itemprop="name"` inside it.
    fn byline_text(&self, node: NodeRef<'a, Node>) -> String {
        let named = node.descendants().skip(1).find(|d| {
            element(*d)
                .and_then(|e| e.attr("itemprop"))
                .is_some_and(|p| p.contains("name"))
        });
        self.text(named.unwrap_or(node))
    }

    fn skipped(&self, node: NodeRef<'a, Node>) -> bool {
        self.skip.contains(&node.id())
    }

    /// The collapsed text of a subtree, without skipped parts.
    fn text(&self, node: NodeRef<'a, Node>) -> String {
        let mut out = String::new();
        self.collect_text(node, &mut out);
        collapse(&out)
    }

    fn collect_text(&self, node: NodeRef<'a, Node>, out: &mut String) {
        let mut stack = vec![node];
        while let Some(node) = stack.pop() {
            match node.value() {
                Node::Text(t) => {
                    out.push_str(t);
                    continue;
                }
                Node::Element(el) => {
                    if self.skipped(node) || DROPPED_TAGS.contains(&el.name()) {
                        continue;
                    }
                    if BLOCK_TAGS.contains(&el.name()) || el.name() == "br" {
                        out.push(' ');
                    }
                }
                _ => {}
            }
            stack.extend(node.children().rev());
        }
    }

    /// The elements below `node` (not itself) that are not in skipped
    /// subtrees, in document order.
    fn live_descendants(&self, node: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeRef<'a, Node>> = node.children().rev().collect();
        while let Some(n) = stack.pop() {
            if element(n).is_none() || self.skipped(n) {
                continue;
            }
            out.push(n);
            stack.extend(n.children().rev());
        }
        out
    }

    fn elements_to_score(&self, body: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
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
        for value in [el.attr("class"), el.attr("id")].into_iter().flatten() {
            if NEGATIVE.is_match(value) {
                weight -= 25.0;
            }
            if POSITIVE.is_match(value) {
                weight += 25.0;
            }
        }
        weight
    }

    fn initial_score(&self, node: NodeRef<'a, Node>) -> f64 {
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

    fn score(&mut self, to_score: &[NodeRef<'a, Node>]) {
        for node in to_score {
            let text = self.text(*node);
            let length = text.chars().count();
            if length < 25 {
                continue;
            }
            let ancestors: Vec<NodeRef<'a, Node>> = node
                .ancestors()
                .filter(|a| element(*a).is_some())
                .take(5)
                .collect();
            if ancestors.is_empty() {
                continue;
            }
            let commas = text.matches([',', '，', '、']).count() as f64;
            let content = 1.0 + commas + (length as f64 / 100.0).floor().min(3.0);
            for (level, ancestor) in ancestors.into_iter().enumerate() {
                let divider = match level {
                    0 => 1.0,
                    1 => 2.0,
                    n => n as f64 * 3.0,
                };
                let initial = self.initial_score(ancestor);
                *self.scores.entry(ancestor.id()).or_insert(initial) += content / divider;
            }
        }
    }

    /// The share of a subtree's text that is link text (in-page `#` links
    /// count less).
    fn link_density(&self, node: NodeRef<'a, Node>) -> f64 {
        let total = self.text(node).chars().count();
        if total == 0 {
            return 0.0;
        }
        let mut links = 0.0;
        for a in self
            .live_descendants(node)
            .into_iter()
            .filter(|d| tag(*d) == "a")
        {
            let coefficient = match element(a).and_then(|e| e.attr("href")) {
                Some(h) if h.starts_with('#') && h.len() > 1 => 0.3,
                _ => 1.0,
            };
            links += self.text(a).chars().count() as f64 * coefficient;
        }
        links / total as f64
    }

    /// The top candidate and its article-like siblings, in document order.
    fn article_roots(&self, body: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
        let tree = &self.html.tree;
        let mut best: Option<(NodeRef<'a, Node>, f64)> = None;
        for (&id, &score) in &self.scores {
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
        let score_of = |n: NodeRef<'a, Node>| {
            self.scores
                .get(&n.id())
                .map(|s| s * (1.0 - self.link_density(n)))
        };
        // Climb while the parent scores better: the article may be split
        // into several scored containers.
        let mut last = top_score;
        let threshold = top_score / 3.0;
        let mut parent = top.parent();
        while let Some(p) = parent.filter(|p| tag(*p) != "body" && element(*p).is_some()) {
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
        let top_class = element(top).and_then(|e| e.attr("class")).unwrap_or("");
        let mut roots = Vec::new();
        for sibling in parent.children() {
            let Some(el) = element(sibling) else { continue };
            if self.skipped(sibling) {
                continue;
            }
            if sibling.id() == top.id() {
                roots.push(sibling);
                continue;
            }
            let bonus = if !top_class.is_empty() && el.attr("class") == Some(top_class) {
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
                _ => false,
            };
            if keep {
                roots.push(sibling);
            }
        }
        roots
    }

    /// Whether a container inside the article looks like a widget rather
    /// than text (Readability's "clean conditionally").
    fn is_widget(&self, node: NodeRef<'a, Node>, el: &Element) -> bool {
        let name = el.name();
        if SHARE.is_match(&class_and_id(el)) && self.text(node).chars().count() < 500 {
            return true;
        }
        if matches!(name, "h1" | "h2") && self.class_weight(el) < 0.0 {
            return true;
        }
        if !self.rules.clean_conditionally
            || !matches!(
                name,
                "form" | "fieldset" | "table" | "ul" | "div" | "section"
            )
        {
            return false;
        }
        let text = self.text(node);
        let weight = self.class_weight(el);
        let score = self.scores.get(&node.id()).copied().unwrap_or(0.0);
        if weight + score < 0.0 {
            return true;
        }
        if text.matches(',').count() >= 10 {
            return false;
        }
        let length = text.chars().count();
        let inside = self.live_descendants(node);
        let count = |t: &str| inside.iter().filter(|d| tag(**d) == t).count();
        let (p, img, li, input) = (
            count("p") as f64,
            count("img") as f64,
            count("li") as f64 - 100.0,
            count("input") as f64,
        );
        let embeds = count("embed") + count("object") + count("iframe") + count("video");
        let list_text: usize = inside
            .iter()
            .copied()
            .filter(|d| matches!(tag(*d), "ul" | "ol"))
            .map(|l| self.text(l).chars().count())
            .sum();
        let is_list = matches!(name, "ul" | "ol") || (length > 0 && list_text * 10 > length * 9);
        let heading_text: usize = inside
            .iter()
            .copied()
            .filter(|d| matches!(tag(*d), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            .map(|h| self.text(h).chars().count())
            .sum();
        let heading_density = if length == 0 {
            0.0
        } else {
            heading_text as f64 / length as f64
        };
        let density = self.link_density(node);
        let in_figure = node.ancestors().any(|a| tag(a) == "figure");
        (img > 1.0 && p / img < 0.5 && !in_figure)
            || (!is_list && li > p)
            || (input > (p / 3.0).floor())
            || (!is_list
                && heading_density < 0.9
                && length < 25
                && (img == 0.0 || img > 2.0)
                && density > 0.0)
            || (!is_list && weight < 25.0 && density > 0.2)
            || (weight >= 25.0 && density > 0.5)
            || (embeds == 1 && length < 75)
            || embeds > 1
    }

    fn emit(
        &self,
        node: NodeRef<'a, Node>,
        buffer: &mut Buffer,
        blocks: &mut Vec<Block>,
        in_pre: bool,
    ) {
        match node.value() {
            Node::Text(t) => {
                let line = node
                    .parent()
                    .and_then(|p| self.lines.get(&p.id()).copied())
                    .unwrap_or(1);
                buffer.push(t, line, in_pre);
            }
            Node::Element(el) => {
                if self.skipped(node) || DROPPED_TAGS.contains(&el.name()) {
                    return;
                }
                let name = el.name();
                if name == "br" {
                    buffer.push("\n", 0, true);
                    return;
                }
                let block = BLOCK_TAGS.contains(&name);
                if block {
                    buffer.flush(blocks);
                    if self.is_widget(node, el) {
                        return;
                    }
                }
                let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                let in_pre = in_pre || name == "pre";
                for child in node.children() {
                    self.emit(child, buffer, blocks, in_pre);
                }
                if block {
                    buffer.heading = heading;
                    buffer.flush(blocks);
                }
            }
            _ => {}
        }
    }
}

/// Text gathered for the block being built.
#[derive(Default)]
struct Buffer {
    text: String,
    line: usize,
    heading: bool,
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

    fn flush(&mut self, blocks: &mut Vec<Block>) {
        let text: Vec<String> = self
            .text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !text.is_empty() {
            blocks.push(Block {
                text: text.join("\n"),
                line: self.line.max(1),
                heading: self.heading,
            });
        }
        self.text.clear();
        self.heading = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract_str(page: &str) -> Extracted {
        let parsed = super::super::sink::parse(page);
        extract(&parsed.html, &parsed.lines)
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
