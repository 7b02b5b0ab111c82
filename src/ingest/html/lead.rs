//! What the page declares of its text outside its markup, added where
//! the body lacks it: the description as the article's lead, and the
//! steps of a recipe or how-to.
//!
//! Many pages print a standfirst that the extractor cannot tell from the
//! page around it (a teaser block, text drawn by a script), or show only a
//! browser notice in their markup; the description they declare in
//! `<meta name="description">` / `og:description` is then the one place
//! the lead is kept. It is added as the first paragraph only when the body
//! does not already say it: sites mostly fill the description with a copy
//! or a cut of the first paragraph, and adding that would give attribution
//! the same statement twice. Nor when it names the site: that is the
//! site's description of itself, repeated on every page.

use super::content::Block;
use super::metadata::collapse;
use rustc_hash::FxHashSet;

/// A description shorter than this is a label or a site's tagline, not a
/// lead.
const MIN_LEAD_CHARS: usize = 80;

/// A passage holding this share of the description's words already says
/// it (a paraphrase, or a copy with a word changed).
const MAX_SHARED_WORDS: f64 = 0.7;

/// How many characters of the description's start, found in a passage,
/// make it a copy or a cut of that passage.
const OPENING_CHARS: usize = 40;

/// What the page says about itself besides the description.
#[derive(Debug, Default, Clone, Copy)]
pub struct Page<'a> {
    pub title: Option<&'a str>,
    /// The site's name (or host).
    pub site: Option<&'a str>,
}

/// Puts the page's description before the first paragraph when the body
/// does not hold it (see the module doc), at the source line `line`
/// gives (asked only then). Headings before the first paragraph (the
/// headline) stay first.
pub fn add_description(
    blocks: &mut Vec<Block>,
    description: &str,
    page: Page<'_>,
    line: impl FnOnce() -> usize,
) {
    let lead = collapse(description);
    if !is_new_lead(&lead, blocks, page) {
        return;
    }
    let at = blocks
        .iter()
        .position(|b| !b.heading)
        .unwrap_or(blocks.len());
    blocks.insert(
        at,
        Block {
            text: lead,
            line: line(),
            heading: false,
            level: 0,
            item: false,
        },
    );
}

/// Appends the steps (of a recipe or how-to the page declares in its
/// JSON-LD) whose opening the body does not hold: pages that draw their
/// steps with a script leave them out of their markup. A step is a list
/// item, as it would be in the markup.
pub fn add_missing_steps(blocks: &mut Vec<Block>, steps: Vec<Block>) {
    let mut whole = whole_text(blocks);
    for mut step in steps {
        step.item = true;
        let text = collapse(&step.text);
        let opening: String = text.chars().take(OPENING_CHARS).collect();
        if opening.is_empty() || whole.contains(&opening) {
            continue;
        }
        whole.push(' ');
        whole.push_str(&text);
        blocks.push(step);
    }
}

/// The blocks' text, collapsed, one space between blocks, written into
/// one string.
fn whole_text(blocks: &[Block]) -> String {
    let mut whole = String::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            whole.push(' ');
        }
        for (j, word) in block.text.split_whitespace().enumerate() {
            if j > 0 {
                whole.push(' ');
            }
            whole.push_str(word);
        }
    }
    whole
}

/// Whether a description is long enough to be a lead, says what no
/// block nor the title says, and does not name the site.
fn is_new_lead(lead: &str, blocks: &[Block], page: Page<'_>) -> bool {
    if lead.chars().count() < MIN_LEAD_CHARS {
        return false;
    }
    // Compared word by word, punctuation aside ("Yahoo! News",
    // "example.com").
    let site = page.site.map(spoken_words).unwrap_or_default();
    if !site.is_empty() && format!(" {} ", spoken_words(lead)).contains(&format!(" {site} ")) {
        return false;
    }
    // A cut description ends in an ellipsis; what comes before it is
    // what the body would hold.
    let bare = lead.trim_end_matches(['…', '.', ' ']);
    let opening: String = bare.chars().take(OPENING_CHARS).collect();
    let lead_words = words(bare);
    if lead_words.is_empty() {
        return false;
    }
    // Paragraphs cut at line breaks hold the opening across blocks (and
    // so does the whole text when one block holds it).
    if whole_text(blocks).contains(&opening) {
        return false;
    }
    let shares_most = |text: &str| {
        shared_words(&lead_words, text) as f64 >= MAX_SHARED_WORDS * lead_words.len() as f64
    };
    if blocks.iter().any(|b| shares_most(&b.text)) {
        return false;
    }
    !page
        .title
        .is_some_and(|title| collapse(title).contains(&opening) || shares_most(title))
}

/// How many of `words` (lower-cased) occur in `text`, each counted once;
/// the text's own words are not gathered.
fn shared_words(words: &FxHashSet<String>, text: &str) -> usize {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // Most words are lower-case ASCII already: looked up as they are,
        // without building a lower-cased copy.
        let known = if word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            words.get(word)
        } else {
            words.get(&word.to_lowercase())
        };
        if let Some(known) = known {
            seen.insert(known);
        }
    }
    seen.len()
}

/// A text's lower-cased words, one space apart.
fn spoken_words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct lower-cased words of a text.
fn words(text: &str) -> FxHashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, heading: bool) -> Block {
        Block {
            text: text.to_string(),
            line: 10,
            heading,
            level: if heading { 1 } else { 0 },
            item: false,
        }
    }

    const FIRST: &str = "The council said on Monday that the new bridge would open in March, two months later than planned.";
    const LEAD: &str = "Steel prices and a wet autumn have held up the river crossing, and the contractor wants more money.";

    fn texts(blocks: &[Block]) -> Vec<&str> {
        blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn a_description_the_body_lacks_becomes_the_lead_after_the_headline() {
        let mut blocks = vec![block("Bridge opens late", true), block(FIRST, false)];
        let page = Page {
            title: Some("Bridge opens late"),
            site: Some("Example News"),
        };
        add_description(&mut blocks, LEAD, page, || 4);
        assert_eq!(texts(&blocks), ["Bridge opens late", LEAD, FIRST]);
        assert_eq!(blocks[1].line, 4);
        assert!(!blocks[1].heading);
    }

    #[test]
    fn a_description_is_the_whole_text_of_an_empty_page() {
        let mut blocks = Vec::new();
        add_description(&mut blocks, LEAD, Page::default(), || 4);
        assert_eq!(texts(&blocks), [LEAD]);
    }

    #[test]
    fn a_copy_a_cut_or_a_paraphrase_of_a_paragraph_is_not_added() {
        let copy = FIRST.to_string();
        let cut = format!("{}…", &FIRST[..60]);
        let cut_dots = format!("{}...", &FIRST[..70]);
        let paraphrase =
            "On Monday the council said the new bridge would open in March, two months late.";
        for description in [copy.as_str(), cut.as_str(), cut_dots.as_str(), paraphrase] {
            let mut blocks = vec![block(FIRST, false)];
            add_description(&mut blocks, description, Page::default(), || 4);
            assert_eq!(texts(&blocks), [FIRST], "{description}");
        }
    }

    #[test]
    fn steps_the_body_lacks_are_appended_once() {
        let shown = "Whisk the eggs with the sugar until pale.";
        let hidden = "Fold in the flour and bake for forty minutes at 180 degrees.";
        let mut blocks = vec![block(FIRST, false), block(shown, false)];
        let steps = [shown, hidden, hidden].map(|s| block(s, false)).to_vec();
        add_missing_steps(&mut blocks, steps);
        assert_eq!(texts(&blocks), [FIRST, shown, hidden]);
    }

    #[test]
    fn a_paragraph_cut_into_lines_still_holds_its_description() {
        let (first, second) = FIRST.split_at(40);
        let mut blocks = vec![block(first.trim(), false), block(second.trim(), false)];
        add_description(&mut blocks, FIRST, Page::default(), || 4);
        assert_eq!(blocks.len(), 2, "{:?}", texts(&blocks));
    }

    #[test]
    fn a_tagline_the_title_or_the_site_describing_itself_is_not_a_lead() {
        let title = "Steel prices and a wet autumn have held up the river crossing, the council says in a report";
        let page = Page {
            title: Some(title),
            site: Some("Example News"),
        };
        let about_the_site = "The latest headlines from Example-News: breaking stories, videos and photos from the city and the world.";
        for description in [
            "The news of the city, every day since 1901.",
            title,
            about_the_site,
        ] {
            let mut blocks = vec![block(FIRST, false)];
            add_description(&mut blocks, description, page, || 4);
            assert_eq!(texts(&blocks), [FIRST], "{description}");
        }
    }
}
