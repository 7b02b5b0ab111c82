//! Text statistics of every element of a page: the length of its text,
//! commas, link text, and the paragraphs, images, list items, lists and
//! headings below it. Extraction judges every block of a page by these;
//! computed once per pass in one bottom-up walk, they cost time linear in
//! the page, where reading each block's subtree again would cost its size
//! times its depth.

use super::dom::{Node, NodeId, NodeRef};
use html5ever::local_name;

/// What is below one element (not counting the element itself), in the
/// parts of the page a pass reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Characters of the text with whitespace collapsed (words joined by
    /// one space), as [`super::metadata::collapse`] would leave it.
    pub chars: usize,
    /// Commas: ASCII, fullwidth `，` and ideographic `、`.
    pub commas: usize,
    /// Characters of link text (in-page `#` links count 0.3).
    pub link_chars: f64,
    pub paragraphs: usize,
    pub images: usize,
    pub list_items: usize,
    pub inputs: usize,
    /// Characters of the `ul`/`ol` lists below, summed.
    pub list_chars: usize,
    /// Characters of the `h1`…`h6` headings below, summed.
    pub heading_chars: usize,
    run: Run,
}

impl Stats {
    /// The share of the text that is link text.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars / self.chars as f64
        }
    }
}

/// How a stretch of text joins its neighbours into words.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Non-whitespace characters.
    visible: usize,
    words: usize,
    /// It starts (ends) inside a word: a neighbour's word continues it.
    lead: bool,
    trail: bool,
    /// Nothing at all, not even whitespace or a block boundary.
    empty: bool,
}

impl Default for Run {
    fn default() -> Run {
        Run {
            visible: 0,
            words: 0,
            lead: false,
            trail: false,
            empty: true,
        }
    }
}

impl Run {
    /// The run of a text and its commas (ASCII `,`, fullwidth `，`,
    /// ideographic `、`), in one pass over its bytes: ASCII, most of any
    /// page's text, is read without decoding characters.
    fn of_text(text: &str) -> (Run, usize) {
        let mut run = Run {
            empty: text.is_empty(),
            ..Run::default()
        };
        let mut commas = 0;
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (whitespace, len) = if b.is_ascii() {
                commas += usize::from(b == b',');
                // `char::is_whitespace` on ASCII (with the vertical tab,
                // which `u8::is_ascii_whitespace` leaves out).
                (matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
            } else {
                let c = text[i..].chars().next().expect("a character at a boundary");
                commas += usize::from(c == '，' || c == '、');
                (c.is_whitespace(), c.len_utf8())
            };
            if whitespace {
                in_word = false;
            } else {
                if i == 0 {
                    run.lead = true;
                }
                if !in_word {
                    run.words += 1;
                    in_word = true;
                }
                run.visible += 1;
            }
            i += len;
        }
        run.trail = in_word;
        (run, commas)
    }

    /// This run followed by `next`.
    fn then(self, next: Run) -> Run {
        if next.empty {
            return self;
        }
        if self.empty {
            return next;
        }
        let joined = usize::from(self.trail && next.lead);
        Run {
            visible: self.visible + next.visible,
            words: self.words + next.words - joined,
            lead: self.lead,
            trail: next.trail,
            empty: false,
        }
    }

    /// The run of a block element: its boundaries end words.
    fn walled(self) -> Run {
        Run {
            lead: false,
            trail: false,
            empty: false,
            ..self
        }
    }

    fn chars(&self) -> usize {
        self.visible + self.words.saturating_sub(1)
    }
}

/// Values by node, in a vector indexed by the node's place in its page
/// (node ids are dense, so a lookup is an index, not a hash). Grows as
/// values are put in; a node past its end has no value.
#[derive(Debug, Clone)]
pub struct NodeMap<V> {
    slots: Vec<Option<V>>,
}

impl<V> Default for NodeMap<V> {
    fn default() -> Self {
        NodeMap { slots: Vec::new() }
    }
}

impl<V> NodeMap<V> {
    pub fn get(&self, id: &NodeId) -> Option<&V> {
        self.slots.get(id.index()).and_then(Option::as_ref)
    }

    pub fn contains_key(&self, id: &NodeId) -> bool {
        self.get(id).is_some()
    }

    /// The node's value, `init` put in first if it has none.
    pub fn get_or_insert(&mut self, id: NodeId, init: V) -> &mut V {
        let slot = self.slot(id);
        slot.get_or_insert(init)
    }

    pub fn insert(&mut self, id: NodeId, value: V) {
        *self.slot(id) = Some(value);
    }

    /// The nodes with a value and their values, in node order.
    pub fn iter(&self) -> impl Iterator<Item = (NodeId, &V)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (NodeId::from_index(i), v)))
    }

    fn slot(&mut self, id: NodeId) -> &mut Option<V> {
        if id.index() >= self.slots.len() {
            self.slots.resize_with(id.index() + 1, || None);
        }
        &mut self.slots[id.index()]
    }
}

/// A set of nodes.
pub type NodeSet = NodeMap<()>;

impl NodeSet {
    /// Puts the node in the set.
    pub fn add(&mut self, id: NodeId) {
        self.insert(id, ());
    }
}

/// Statistics of every element read, by node.
pub type StatsMap = NodeMap<Stats>;

/// The statistics of `root` and every element below it that `read` lets
/// through (an element it refuses is left out with its subtree, as if it
/// were not there); `is_block` names the elements whose boundaries end
/// words. One post-order walk with an explicit stack: any depth of nesting.
pub fn compute<'a>(
    root: NodeRef<'a>,
    read: impl Fn(NodeRef<'a>) -> bool,
    is_block: impl Fn(&str) -> bool,
) -> StatsMap {
    let mut map = StatsMap::default();
    let mut stack: Vec<(NodeRef<'a>, bool)> = vec![(root, false)];
    while let Some((node, done)) = stack.pop() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if !done {
            if !read(node) {
                continue;
            }
            stack.push((node, true));
            stack.extend(
                node.children()
                    .filter(|c| c.value().is_element())
                    .map(|c| (c, false)),
            );
            continue;
        }
        let mut stats = Stats::default();
        let mut run = Run::default();
        for child in node.children() {
            match child.value() {
                Node::Text(_) => {
                    let (text_run, text_commas) = Run::of_text(child.own_text());
                    run = run.then(text_run);
                    stats.commas += text_commas;
                }
                Node::Element(c) => {
                    let Some(below) = map.get(&child.id()) else {
                        continue;
                    };
                    let below = *below;
                    run = run.then(below.run);
                    let name = c.name();
                    let chars = below.run.chars();
                    stats.commas += below.commas;
                    stats.link_chars += below.link_chars;
                    if name == "a" {
                        let weight = match c.attribute(local_name!("href")) {
                            Some(h) if h.starts_with('#') && h.len() > 1 => 0.3,
                            _ => 1.0,
                        };
                        stats.link_chars += chars as f64 * weight;
                    }
                    stats.paragraphs += below.paragraphs + usize::from(name == "p");
                    stats.images += below.images + usize::from(name == "img");
                    stats.list_items += below.list_items + usize::from(name == "li");
                    stats.inputs += below.inputs + usize::from(name == "input");
                    stats.list_chars += below.list_chars;
                    if matches!(name, "ul" | "ol") {
                        stats.list_chars += chars;
                    }
                    stats.heading_chars += below.heading_chars;
                    if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                        stats.heading_chars += chars;
                    }
                }
                _ => {}
            }
        }
        if is_block(el.name()) || el.name() == "br" {
            run = run.walled();
        }
        stats.run = run;
        stats.chars = run.chars();
        map.insert(node.id(), stats);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats_of(page: &str, id: &str) -> Stats {
        let html = super::super::sink::parse(page);
        let node = html
            .root()
            .descendants()
            .find(|n| {
                n.value()
                    .as_element()
                    .is_some_and(|e| e.attribute(html5ever::local_name!("id")) == Some(id))
            })
            .unwrap();
        let root = html.root_element().unwrap();
        let map = compute(
            root,
            |n| n.value().as_element().is_some_and(|e| e.name() != "script"),
            |name| matches!(name, "p" | "div" | "li" | "ul"),
        );
        *map.get(&node.id()).expect("the element was read")
    }

    #[test]
    fn lengths_are_of_the_collapsed_text() {
        let s = stats_of(
            "<div id=x>  Hello,  <b>wor</b>ld <p>one</p>two<script>var a, b;</script> </div>",
            "x",
        );
        // "Hello, world one two"
        assert_eq!(s.chars, "Hello, world one two".len());
        assert_eq!(s.commas, 1);
    }

    #[test]
    fn links_lists_and_headings_are_summed() {
        let s = stats_of(
            "<div id=x><h2>Head</h2><ul><li><a href=/a>abcd</a></li><li><a href=#b>efgh</a></li></ul><p>text</p><img></div>",
            "x",
        );
        assert_eq!(s.heading_chars, 4);
        assert_eq!(s.list_chars, "abcd efgh".len());
        assert!((s.link_chars - 4.0 * 1.3).abs() < 1e-9);
        assert_eq!(
            (s.paragraphs, s.images, s.list_items, s.inputs),
            (1, 1, 2, 0)
        );
    }

    #[test]
    fn a_text_is_measured_as_collapsing_it_would() {
        for text in [
            "",
            " ",
            "a",
            " a\u{0B}b\u{A0}c\u{3000}d ",
            "été,  déjà，x、y",
            "\u{85}x\u{2028}",
            "\t\r\n\u{0C}word",
        ] {
            let (run, commas) = Run::of_text(text);
            let collapsed = super::super::metadata::collapse(text);
            assert_eq!(run.chars(), collapsed.chars().count(), "{text:?}");
            let expected = text
                .chars()
                .filter(|c| matches!(c, ',' | '，' | '、'))
                .count();
            assert_eq!(commas, expected, "{text:?}");
            let starts = text.chars().next().is_some_and(|c| !c.is_whitespace());
            let ends = text.chars().last().is_some_and(|c| !c.is_whitespace());
            assert_eq!((run.lead, run.trail), (starts, ends), "{text:?}");
        }
    }

    #[test]
    fn depth_does_not_matter() {
        let page = format!(
            "<div id=x>{}<p>deep words</p>{}</div>",
            "<span>".repeat(20_000),
            "</span>".repeat(20_000)
        );
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || stats_of(&page, "x").chars)
            .unwrap();
        assert_eq!(handle.join().expect("no stack overflow"), 10);
    }
}
