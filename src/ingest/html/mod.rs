//! HTML pages: the article body without the page around it, and the
//! metadata the page declares.
//!
//! The page is parsed by html5ever, the same parser browsers follow, into
//! a tree of our own ([`dom`]), so broken markup is read the way a browser
//! reads it.
//! [`metadata`] reads title, outlet, author and date; [`content`] finds the
//! article's paragraphs; when those are short and the page holds a longer
//! copy of its text outside its elements (JSON-LD `articleBody`, a
//! `<noscript>`), that copy is read instead. The body handed to passage
//! splitting is the extracted text, one block per paragraph, so passage
//! offsets are offsets in that text ([`Origin::verbatim`] is false) while
//! passage lines are the source lines of the elements the paragraphs came
//! from.

pub mod attributes;
pub mod code;
pub mod content;
pub mod depth;
pub mod dom;
pub mod lead;
pub mod metadata;
pub mod select;
pub mod sink;
pub mod stats;
pub mod unread;

use super::record::host_of;
use super::{article_id, date};
use crate::article::{Article, Excluded, ExcludedKind, Origin};
use dom::Dom;
use html5ever::local_name;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// Reads an HTML page as one article.
pub fn read(path: &Path, text: &str) -> Article {
    let page = sink::parse(text);
    let meta = metadata::read(&page);
    let mut extracted = content::extract(&page);
    if let Some(blocks) = hidden_body_blocks(meta.article_body.as_deref(), &page, &extracted.blocks)
    {
        extracted.blocks = blocks;
    }
    let source = meta
        .site_name
        .clone()
        .or_else(|| meta.url.as_deref().map(host_of))
        .filter(|s| !s.is_empty());
    if let Some(description) = meta.description.as_deref() {
        let known = lead::Page {
            title: meta.title.as_deref(),
            site: source.as_deref(),
        };
        let line = || declaring_line(&page, description);
        lead::add_description(&mut extracted.blocks, description, known, line);
    }
    if !meta.steps.is_empty() {
        let line = ld_json_line(&page, "recipeInstructions")
            .or_else(|| ld_json_line(&page, "\"step\""))
            .unwrap_or(1);
        let steps = meta.steps.iter().flat_map(|s| blocks_of(s, line)).collect();
        lead::add_missing_steps(&mut extracted.blocks, steps);
    }

    let title = meta.title.clone().or_else(|| {
        extracted
            .blocks
            .iter()
            .find(|b| b.heading)
            .map(|b| b.text.clone())
    });
    let author = meta
        .author
        .as_deref()
        .and_then(metadata::clean_author)
        .or_else(|| {
            extracted
                .byline
                .as_deref()
                .and_then(clean_byline)
                .as_deref()
                .and_then(metadata::clean_author)
        });
    let date = meta
        .published
        .iter()
        .find_map(|d| date::normalize(d))
        .or_else(|| time_element_date(&page));

    let mut article = Article {
        id: article_id(path, None),
        path: path.to_path_buf(),
        title,
        source,
        author,
        date,
        url: meta.url.clone(),
        lang: meta.lang.clone(),
        origin: Origin {
            offset: 0,
            line: 1,
            verbatim: false,
        },
        headings_marked: true,
        ..Article::default()
    };
    let mut body = String::new();
    for block in &extracted.blocks {
        if !body.is_empty() {
            body.push_str("\n\n");
            article.body_lines.push(block.line);
        }
        let start = body.len();
        body.push_str(&block.text);
        let lines = block.text.lines().count().max(1);
        article
            .body_lines
            .extend(std::iter::repeat_n(block.line, lines));
        let is_title = article
            .title
            .as_deref()
            .is_some_and(|t| same_text(t, &block.text))
            || is_metadata_line(&block.text, article.author.as_deref());
        if block.item {
            article.items.push(start..body.len());
        }
        if block.heading || is_title {
            article.excluded.push(Excluded {
                start,
                end: body.len(),
                why: if is_title {
                    ExcludedKind::Metadata
                } else {
                    ExcludedKind::Heading
                },
            });
        }
    }
    article.body = body;
    article
}

/// Text kept out of the page's elements that is shorter than this is no
/// article on its own.
const MIN_HIDDEN_BODY_CHARS: usize = 500;

/// The article as the page keeps it outside its elements, in place of
/// what was found in them when that is less than half as long: pages that
/// build their text with scripts leave only a teaser or a widget in the
/// markup, and hold the text in their JSON-LD (`articleBody`) or in a
/// `<noscript>` for readers without scripts (which a parser that runs
/// scripts, as browsers and html5ever do, reads as raw text). The
/// `articleBody` is tried first, then the longest `<noscript>`. Plain text
/// is split at its line breaks; markup is read as a page of its own.
/// Blocks point at the line of the element that held them. `None` when
/// the page's own text holds its ground.
fn hidden_body_blocks(
    article_body: Option<&str>,
    page: &Dom,
    found: &[content::Block],
) -> Option<Vec<content::Block>> {
    let found_chars = text_chars(found);
    // Cheap bound first: raw text is at least as long as what it reads as.
    let worth =
        |raw: &str| raw.len() >= MIN_HIDDEN_BODY_CHARS && raw.chars().count() >= 2 * found_chars;
    let mut sources: Vec<(String, usize)> = Vec::new();
    if let Some(body) = article_body.filter(|b| worth(b)) {
        let line = ld_json_line(page, "articleBody").unwrap_or(1);
        sources.push((body.to_string(), line));
    }
    if found_chars < MIN_HIDDEN_BODY_CHARS {
        let longest = select::elements(page)
            .filter(|(n, e)| e.name() == "noscript" && select::is_inside(*n, "body"))
            .map(|(n, _)| (n.text().collect::<String>(), n.id()))
            .max_by_key(|(text, _)| text.len());
        if let Some((text, id)) = longest.filter(|(t, _)| worth(t)) {
            sources.push((text, page.line(id).unwrap_or(1)));
        }
    }
    sources.into_iter().find_map(|(raw, line)| {
        let blocks = blocks_of(&raw, line);
        let chars = text_chars(&blocks);
        (chars >= MIN_HIDDEN_BODY_CHARS && chars >= 2 * found_chars).then_some(blocks)
    })
}

/// Characters of the blocks' text, headings left out.
fn text_chars(blocks: &[content::Block]) -> usize {
    blocks
        .iter()
        .filter(|b| !b.heading)
        .map(|b| b.text.chars().count())
        .sum()
}

/// The blocks of text held in a string: markup read as a page, plain text
/// a block per line; all at `line`.
fn blocks_of(raw: &str, line: usize) -> Vec<content::Block> {
    let has_markup = raw
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
    let mut blocks: Vec<content::Block> = if has_markup {
        content::extract(&sink::parse(raw)).blocks
    } else {
        raw.lines()
            .map(metadata::decode_references)
            .filter(|t| !t.is_empty())
            .map(|text| content::Block {
                text,
                line,
                heading: false,
                level: 0,
                item: false,
            })
            .collect()
    };
    for block in &mut blocks {
        block.line = line;
    }
    blocks
}

/// The source line of the first JSON-LD script that holds `key`.
fn ld_json_line(page: &Dom, key: &str) -> Option<usize> {
    select::elements(page)
        .filter(|(_, e)| is_ld_json(e))
        .find(|(s, _)| s.text().any(|t| t.contains(key)))
        .and_then(|(s, _)| page.line(s.id()))
}

/// `script[type="application/ld+json"]`.
fn is_ld_json(el: &dom::Element) -> bool {
    el.name() == "script" && select::attr_is(el, local_name!("type"), "application/ld+json")
}

/// The source line of the `<meta>` element whose content is `value`
/// (1 when none is).
fn declaring_line(page: &Dom, value: &str) -> usize {
    select::elements(page)
        .filter(|(_, e)| e.name() == "meta")
        .find(|(_, m)| {
            m.attribute(local_name!("content"))
                .is_some_and(|c| metadata::collapse(c) == value)
        })
        .and_then(|(m, _)| page.line(m.id()))
        .unwrap_or(1)
}

/// The longest block, collapsed, taken for a line of metadata.
const MAX_METADATA_LINE_CHARS: usize = 80;

/// A block that only restates metadata: a date (`22 Dec, 2016`, possibly
/// printed twice), or the byline (`By Jane Doe`).
fn is_metadata_line(text: &str, author: Option<&str>) -> bool {
    // Collapsing keeps every character that is not a space, so a block
    // with more of them than the limit is long without collapsing it
    // (most blocks are paragraphs).
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(MAX_METADATA_LINE_CHARS)
        .is_some()
    {
        return false;
    }
    let text = metadata::collapse(text);
    if text.chars().count() > MAX_METADATA_LINE_CHARS {
        return false;
    }
    if date::normalize(&text).is_some() {
        return true;
    }
    let words: Vec<&str> = text.split(' ').collect();
    if words.len().is_multiple_of(2) {
        let (a, b) = words.split_at(words.len() / 2);
        if a == b && date::normalize(&a.join(" ")).is_some() {
            return true;
        }
    }
    if is_labelled_date(&text) {
        return true;
    }
    author.is_some_and(|author| {
        let bare = text
            .strip_prefix("By ")
            .or_else(|| text.strip_prefix("by "))
            .unwrap_or(&text);
        same_text(bare, author)
    })
}

/// A date after a label of a word or two and a colon, in any language
/// (`Publiziert: 04.05.2021`, `Aktualisiert: 11.04.2020, 10:27`): when the
/// page printed it, not article text.
fn is_labelled_date(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    if !(1..=2).contains(&words) || !label.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return false;
    }
    let rest = rest.trim();
    let is_clock = |t: &str| {
        let t = t.trim();
        let t = t.strip_suffix("Uhr").unwrap_or(t).trim();
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ':')
    };
    date::normalize(rest).is_some()
        || rest
            .split_once(',')
            .is_some_and(|(day, time)| is_clock(time) && date::normalize(day).is_some())
}

/// The same text, ignoring case and spacing. Compared character by
/// character, without building the folded strings: it runs for every block
/// of every page, and most differ at once. `str::to_lowercase` treats a
/// word-final capital sigma apart, so text with one is folded whole.
fn same_text(a: &str, b: &str) -> bool {
    if a.contains('Σ') || b.contains('Σ') {
        let fold = |s: &str| metadata::collapse(s).to_lowercase();
        return fold(a) == fold(b);
    }
    fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
        s.split_whitespace().enumerate().flat_map(|(i, word)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(word.chars().flat_map(char::to_lowercase))
        })
    }
    folded(a).eq(folded(b))
}

/// Containers whose dates are not the article's (comments, related links).
static NOT_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)comment|related|sidebar|footer|recommend|more-stories|reply|replies")
        .expect("valid regex")
});

/// The first `<time>` outside comments and related-story lists that holds
/// a date, in its `datetime` attribute or else in its text.
fn time_element_date(html: &Dom) -> Option<String> {
    select::elements(html)
        .filter(|(_, e)| e.name() == "time")
        .filter(|(t, _)| {
            !t.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    let names = format!(
                        "{} {} {}",
                        e.name(),
                        e.attribute(local_name!("class")).unwrap_or(""),
                        e.attribute(local_name!("id")).unwrap_or("")
                    );
                    NOT_ARTICLE.is_match(&names) || matches!(e.name(), "footer" | "aside")
                })
            })
        })
        .find_map(|(t, e)| match e.attribute(local_name!("datetime")) {
            Some(value) => date::normalize(value),
            None => date::normalize(&metadata::collapse(&t.text().collect::<String>())),
        })
}

/// A byline element's text as a name: without `By`, a trailing date, or
/// what follows a separator.
pub fn clean_byline(raw: &str) -> Option<String> {
    let mut text = metadata::collapse(raw);
    for prefix in [
        "written by ",
        "posted by ",
        "story by ",
        "words by ",
        "by: ",
        "by ",
    ] {
        if text.to_lowercase().starts_with(prefix) {
            text = text[prefix.len()..].trim().to_string();
        }
    }
    for sep in [" | ", " — ", " – ", " - ", "\n"] {
        if let Some((first, _)) = text.split_once(sep) {
            text = first.trim().to_string();
        }
    }
    // A date glued to the name: cut at the first digit, then drop a
    // trailing month name.
    if let Some(i) = text.find(|c: char| c.is_ascii_digit()) {
        text = text[..i].trim().to_string();
        while let Some((rest, last)) = text.rsplit_once(' ') {
            let bare = last.trim_end_matches([',', '.']).to_lowercase();
            if crate::calendar::is_month_or_abbreviation(&bare)
                || ["on", "updated", "published"].contains(&bare.as_str())
            {
                text = rest.trim().to_string();
            } else {
                break;
            }
        }
    }
    let text = text
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.')
        .trim()
        .to_string();
    (text.chars().any(char::is_alphabetic) && text.chars().count() <= 100).then_some(text)
}

/// The character set a page declares in its first bytes (`<meta
/// charset="…">` or `content="text/html; charset=…"`), for decoding it
/// before it can be parsed.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_ignores_case_and_spacing_only() {
        assert!(same_text(
            "Storm  closes\nthe HARBOUR ",
            "storm closes the harbour"
        ));
        assert!(same_text("ÉTÉ À Paris", "été à paris"));
        assert!(!same_text(
            "Storm closes the harbour",
            "Storm closes the harbour."
        ));
        assert!(!same_text("Storm closes", "Stormcloses"));
        assert!(!same_text("Storm", ""));
        assert!(same_text("", " \n "));
        // A word-final capital sigma folds to the final form.
        assert!(same_text("ΟΔΥΣΣΕΥΣ", "οδυσσευς"));
        assert!(!same_text("ΟΔΥΣΣΕΥΣ", "οδυσσευσ"));
    }

    #[test]
    fn bylines_lose_prefixes_and_dates() {
        assert_eq!(clean_byline("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(
            clean_byline("by Lucas Nolan22 Dec 2016651").as_deref(),
            Some("Lucas Nolan")
        );
        assert_eq!(
            clean_byline("By Nathan Willis March 25, 2015").as_deref(),
            Some("Nathan Willis")
        );
        assert_eq!(clean_byline("2025-12-22"), None);
    }

    #[test]
    fn date_and_byline_blocks_are_metadata() {
        assert!(is_metadata_line("22 Dec, 2016 22 Dec, 2016", None));
        assert!(is_metadata_line("December 22, 2025", None));
        assert!(is_metadata_line("By Jane Doe", Some("Jane Doe")));
        assert!(!is_metadata_line(
            "Jane Doe said the talks went well.",
            Some("Jane Doe")
        ));
    }

    #[test]
    fn a_metadata_line_is_measured_after_its_spacing_is_collapsed() {
        let spaced = format!("By{}Jane{}Doe", " ".repeat(60), "\n".repeat(40));
        assert!(is_metadata_line(&spaced, Some("Jane Doe")));
        let long_name = format!("By Jane {}", "D".repeat(78));
        assert!(!is_metadata_line(&long_name, Some(&long_name[3..])));
    }

    #[test]
    fn a_labelled_date_in_any_language_is_metadata() {
        assert!(is_metadata_line("Publiziert: 04.05.2021", None));
        assert!(is_metadata_line("Zaktualizowano: 11.04.2020, 10:27", None));
        assert!(is_metadata_line("Actualizado: 2020-04-11 10:27", None));
        assert!(!is_metadata_line("Achtung Redaktion: 04.05.2021 neu", None));
        assert!(!is_metadata_line(
            "Der Rat sagte am Montag: 04.05.2021 wird die Brücke eröffnet.",
            None
        ));
    }

    #[test]
    fn list_items_and_table_cells_in_the_article_are_text() {
        let page = format!(
            "<html><body><article><p>{LONG_BODY}</p>\n<ul>\n<li>Fresh Garden Peas</li>\n<li>Organic Baby Carrots</li>\n</ul>\n<table><tr><th>Opening Time</th><td>Early Spring Morning</td></tr></table>\n<p>{LONG_BODY}</p></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        let text: Vec<String> = crate::passages::split(&a)
            .into_iter()
            .map(|p| p.text)
            .collect();
        let text = text.join("\n");
        for item in [
            "Fresh Garden Peas",
            "Organic Baby Carrots",
            "Opening Time",
            "Early Spring Morning",
        ] {
            assert!(text.contains(item), "{item} missing from {text:?}");
        }
    }

    #[test]
    fn subheadings_are_passage_text_not_statements() {
        let page = "<html><head><title>Bridge opens late</title></head><body><article><h1>Bridge opens late</h1>\n<p>The council said on Monday that the new bridge would open in March, two months later than planned.</p>\n<h2>Mayor Ann Lee said costs rose</h2>\n<p>The bridge cost more than planned, as steel prices rose over the summer and autumn.</p></article></body></html>";
        let a = read(Path::new("/t/a.html"), page);
        let mut passages = crate::passages::split(&a);
        let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[1], "Mayor Ann Lee said costs rose");
        assert!(passages[1].is_heading);
        assert_eq!(
            passages[2].heading.as_deref(),
            Some("Mayor Ann Lee said costs rose")
        );
        let found = crate::attribution::attribute(&a, &mut passages);
        assert!(
            found.statements.iter().all(|s| s.passage != 1),
            "{:?}",
            found.statements
        );
    }

    #[test]
    fn a_meta_description_the_body_lacks_is_its_lead() {
        let page = format!(
            "<html><head><title>Bridge opens late</title>\n<meta name=\"description\" content=\"Steel prices and a wet autumn have held up the river crossing, and the contractor wants more money.\">\n</head><body><article><h1>Bridge opens late</h1><p>{LONG_BODY}</p></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        let passages = crate::passages::split(&a);
        let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].starts_with("Steel prices and a wet autumn"),
            "{texts:?}"
        );
        assert_eq!(texts[1], LONG_BODY);
        assert_eq!(a.file_line(passages[0].line), 2);
    }

    #[test]
    fn a_description_restating_a_quote_is_not_a_second_statement() {
        let page = format!(
            "<html><head><meta property=\"og:description\" content=\"Mayor Ann Lee said on Monday that the bridge would open in March, two months later than planned.\"></head><body><article><p>“The bridge will open in March, two months later than planned,” Mayor Ann Lee said on Monday.</p><p>{LONG_BODY}</p></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        assert!(!a.body.contains("Lee said on Monday that"), "{}", a.body);
        let mut passages = crate::passages::split(&a);
        let found = crate::attribution::attribute(&a, &mut passages);
        let quoted: Vec<_> = found
            .statements
            .iter()
            .filter(|s| passages[s.passage].text.contains("open in March"))
            .collect();
        assert_eq!(quoted.len(), 1, "{:?}", found.statements);
    }

    #[test]
    fn recipe_steps_drawn_by_a_script_are_read_from_json_ld() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{{\"@type\":\"Recipe\",\"name\":\"Apple cake\",\"recipeInstructions\":[{{\"@type\":\"HowToSection\",\"itemListElement\":[{{\"@type\":\"HowToStep\",\"text\":\"Whisk the eggs with the sugar until pale.\"}},{{\"@type\":\"HowToStep\",\"text\":\"<p>Fold in the flour &amp; bake for forty minutes.</p>\"}}]}}]}}]}}</script></head><body><article><p>{LONG_BODY}</p><p>Whisk the eggs with the sugar until pale.</p><div id=\"steps\"></div></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        let paragraphs: Vec<&str> = a.body.split("\n\n").collect();
        assert_eq!(
            paragraphs,
            [
                LONG_BODY,
                "Whisk the eggs with the sugar until pale.",
                "Fold in the flour & bake for forty minutes."
            ]
        );
    }

    const LONG_BODY: &str = "The council said on Monday that the new bridge, which has been under construction since spring, would open in March, two months later than planned. Steel prices rose over the summer and the autumn, and the contractor asked for more time.";

    #[test]
    fn json_ld_article_body_stands_in_for_a_page_built_by_scripts() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"Bridge opens late\",\"articleBody\":\"{LONG_BODY}\\n{LONG_BODY} Officials said it&#8217;s on track.\"}}</script></head>\n<body><div id=\"app\"><p class=\"about\">Jane Doe writes on city matters, transport and the council for us.</p></div></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        let paragraphs: Vec<&str> = a.body.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{paragraphs:?}");
        assert_eq!(paragraphs[0], LONG_BODY);
        assert!(
            paragraphs[1].ends_with("it\u{2019}s on track."),
            "{paragraphs:?}"
        );
        assert!(!a.body.contains("Jane Doe writes"), "{}", a.body);
        assert_eq!(a.body_lines[0], 1);
    }

    #[test]
    fn json_ld_article_body_in_markup_is_read_as_paragraphs() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"articleBody\":\"<p>{LONG_BODY}</p><p>{LONG_BODY}</p><p>{LONG_BODY}</p>\"}}</script></head><body><p>Loading the story.</p></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        assert_eq!(a.body, [LONG_BODY; 3].join("\n\n"));
    }

    #[test]
    fn a_noscript_copy_of_the_article_stands_in_for_a_script_template() {
        let page = format!(
            "<html><body><div class=\"blog-header\"><h1>Example Blog</h1><p>News from the example team.</p></div>\n<div class=\"post-body\"><script type=\"text/template\"><p>{LONG_BODY}</p></script>\n<noscript><p>{LONG_BODY}</p><p>{LONG_BODY}</p><p>{LONG_BODY}</p></noscript></div></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        assert_eq!(a.body, [LONG_BODY; 3].join("\n\n"));
        assert_eq!(a.body_lines[0], 3);
    }

    #[test]
    fn a_short_noscript_notice_is_not_the_article() {
        let page = format!(
            "<html><body><noscript><p>Please turn on JavaScript to read this site. {LONG_BODY}</p></noscript><article><p>{LONG_BODY}</p><p>{LONG_BODY}</p></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        assert!(!a.body.contains("JavaScript"), "{}", a.body);
    }

    #[test]
    fn the_page_text_wins_over_a_json_ld_summary() {
        let page = format!(
            "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"articleBody\":\"{LONG_BODY} {LONG_BODY} {LONG_BODY}\"}}</script></head><body><article><p>{LONG_BODY}</p><p>{LONG_BODY}</p><p>A third paragraph says the mayor, Ann Lee, will open it.</p></article></body></html>"
        );
        let a = read(Path::new("/t/a.html"), &page);
        assert!(a.body.contains("A third paragraph"), "{}", a.body);
    }

    #[test]
    fn a_time_element_dates_the_page_by_its_text() {
        let page = "<html><body><article><time class=\"published\">22 December 2025</time><p>The envoy said on Monday that the talks in Florida had been productive.</p></article><div class=\"comments\"><time datetime=\"2026-01-01\">x</time></div></body></html>";
        let a = read(Path::new("/t/a.html"), page);
        assert_eq!(a.date.as_deref(), Some("2025-12-22T00:00:00Z"));
    }

    #[test]
    fn an_agency_meta_author_gives_way_to_the_byline() {
        let page = "<html><head><meta name=\"author\" content=\"AFP\"></head><body><article><p class=\"byline\">By Jane Doe</p><p>The envoy said on Monday that the talks in Florida had been productive.</p></article></body></html>";
        let a = read(Path::new("/t/a.html"), page);
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn charset_declarations() {
        assert_eq!(
            declared_charset(b"<meta charset=\"windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(declared_charset(b"<p>none</p>"), None);
    }

    #[test]
    fn a_page_becomes_an_article() {
        let page = "<html><head><title>Talks end in Florida | Example News</title>\n<meta property=\"og:site_name\" content=\"Example News\">\n<meta property=\"article:published_time\" content=\"2025-12-22T10:00:00+02:00\">\n</head><body><article>\n<h1>Talks end in Florida</h1>\n<p class=\"byline\">By Jane Doe</p>\n<p>The envoy said on Monday that the talks in Florida had been productive, and that both sides would meet again.</p>\n</article></body></html>";
        let a = read(Path::new("/t/a.html"), page);
        assert_eq!(a.title.as_deref(), Some("Talks end in Florida"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.date.as_deref(), Some("2025-12-22T10:00:00+02:00"));
        let passages = crate::passages::split(&a);
        assert_eq!(passages.len(), 1, "{passages:?}");
        assert_eq!(a.file_line(passages[0].line), 7);
    }
}
