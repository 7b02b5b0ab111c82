//! A cap on how deep elements nest, between html5ever's tokenizer and its
//! tree builder.
//!
//! The tree builder walks its stack of open elements (scope checks) and
//! its list of active formatting elements (the adoption agency, the
//! reconstruction of `<b>`s and `<font>`s) for many start tags: a page of
//! 100,000 nested `<div>`s took it quadratic time (each `<div>` looks down
//! the whole stack for a `<p>` to close; nested `<span>`s, `<b>`s and
//! tables were linear, but held the whole nest).
//! Browsers bound the depth (Blink's tree is at most 512 deep). Here the
//! tokens are filtered: once the tree builder holds [`MAX_HELD`] elements
//! in those two lists, start tags are dropped (their text is kept, in the
//! deepest element), and so is one end tag of the same name for each,
//! so that the rest of the page closes what it opened. Void elements
//! (`<br>`, `<img>`) still come through, as they never stay open, and so
//! do paragraphs and headings, which close the one open before them (so
//! the text past the cap still comes apart in paragraphs).
//!
//! The list of active formatting elements can also hold elements that are
//! no longer open (`<p><b x=1></p>`, with a new `x` each time), and the
//! tree builder re-creates all of them for each paragraph's text: hundreds
//! of elements for 20 bytes. So the elements the tree builder creates are
//! counted too, and once they pass [`MAX_EXTRA_ELEMENTS`] more than the
//! start tags let through (times three, for the `<tbody>`s and `<tr>`s a
//! table implies), every start tag but void elements' is dropped from then
//! on, with its end tag: what is open stays open, and nothing is
//! re-created more than once.
//!
//! The filter costs every token a look, so `sink` reads a page without
//! it first and only reads it again through it when [`near_cap`] says
//! the tree builder came near the cap (half of it) after a chunk.
//!
//! What the tree builder holds is counted through its public
//! `trace_handles`, which visits both lists; it is counted again only
//! when the start tags let through since the last count could have
//! reached the cap (no token adds more than a few elements), so a page
//! under the cap is parsed token for token as before.

use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeSink};
use html5ever::LocalName;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The most elements the tree builder may hold open (and in its list of
/// active formatting elements) before start tags are dropped.
pub const MAX_HELD: usize = 512;

/// Elements the tree builder may create beyond three per start tag let
/// through (what a page's tables imply, and formatting elements
/// re-created), before the page is read flat.
pub const MAX_EXTRA_ELEMENTS: usize = 10_000;

/// The most elements one start tag can add to what the tree builder holds
/// (a `<td>` in a `<table>` opens a `<tbody>`, a `<tr>` and itself, and
/// becomes an active formatting marker's neighbour).
const MAX_ADDED_PER_TAG: usize = 4;

/// A tree sink that counts the elements it was asked to create.
pub trait CountsElements {
    fn elements_created(&self) -> usize;
}

/// html5ever's tree builder behind a filter that keeps it under
/// [`MAX_HELD`] elements.
pub struct DepthCap<Handle, Sink> {
    pub builder: TreeBuilder<Handle, Sink>,
    /// Start tags that may go through before what is held is counted again.
    room: Cell<usize>,
    /// Whether to count again when `room` runs out: not when the last
    /// count found the cap reached and no end tag went through since
    /// (other tokens that go through add elements, or close so few that
    /// it does not matter).
    recount: Cell<bool>,
    /// Start tags let through.
    admitted: Cell<usize>,
    /// Whether the tree builder created too many elements of its own: every
    /// start tag but void elements' is dropped.
    flat: Cell<bool>,
    /// Dropped start tags by name whose end tag has not come yet.
    dropped: RefCell<HashMap<LocalName, usize>>,
}

impl<Handle: Clone, Sink: TreeSink<Handle = Handle> + CountsElements> DepthCap<Handle, Sink> {
    pub fn new(builder: TreeBuilder<Handle, Sink>) -> Self {
        DepthCap {
            builder,
            room: Cell::new(0),
            recount: Cell::new(true),
            admitted: Cell::new(0),
            flat: Cell::new(false),
            dropped: RefCell::new(HashMap::new()),
        }
    }

    fn held(&self) -> usize {
        held(&self.builder)
    }

    /// Whether a start tag of `name` may go through.
    fn takes(&self, name: &LocalName) -> bool {
        if is_void(name) {
            true
        } else if self.flat.get() {
            false
        } else {
            closes_its_kind(name) || self.admits()
        }
    }

    /// Whether a start tag may go through, as far as depth goes.
    fn admits(&self) -> bool {
        if self.room.get() == 0 && self.recount.replace(false) {
            self.room
                .set(MAX_HELD.saturating_sub(self.held()) / MAX_ADDED_PER_TAG);
        }
        match self.room.get() {
            0 => false,
            n => {
                self.room.set(n - 1);
                self.recount.set(n == 1);
                true
            }
        }
    }

    /// Whether `tag` is dropped (and counted as such).
    fn drops(&self, tag: &Tag) -> bool {
        match tag.kind {
            TagKind::StartTag if !self.takes(&tag.name) => {
                *self
                    .dropped
                    .borrow_mut()
                    .entry(tag.name.clone())
                    .or_default() += 1;
                true
            }
            TagKind::EndTag => {
                if let Some(n) = self.dropped.borrow_mut().get_mut(&tag.name) {
                    if *n > 0 {
                        *n -= 1;
                        return true;
                    }
                }
                self.recount.set(true);
                false
            }
            TagKind::StartTag => {
                self.admitted.set(self.admitted.get() + 1);
                false
            }
        }
    }
}

/// Elements in `builder`'s stack and formatting list (and the document,
/// head and form pointers).
fn held<Handle: Clone, Sink: TreeSink<Handle = Handle>>(
    builder: &TreeBuilder<Handle, Sink>,
) -> usize {
    struct Count<H>(Cell<usize>, std::marker::PhantomData<H>);
    impl<H> Tracer for Count<H> {
        type Handle = H;
        fn trace_handle(&self, _: &H) {
            self.0.set(self.0.get() + 1);
        }
    }
    let count = Count(Cell::new(0), std::marker::PhantomData);
    builder.trace_handles(&count);
    count.0.get()
}

/// Whether a tree builder fed `bytes` of a page without [`DepthCap`] holds
/// half the elements the cap allows, or has created more than
/// [`MAX_EXTRA_ELEMENTS`] plus one per byte (a start tag takes at least 3):
/// then the page is read again with the cap.
pub fn near_cap<Handle: Clone, Sink: TreeSink<Handle = Handle> + CountsElements>(
    builder: &TreeBuilder<Handle, Sink>,
    bytes: usize,
) -> bool {
    builder.sink.elements_created() > MAX_EXTRA_ELEMENTS.saturating_add(bytes)
        || held(builder) > MAX_HELD / 2
}

/// Elements that never stay open.
fn is_void(name: &LocalName) -> bool {
    matches!(
        &**name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that close the one of their kind open before them, so that
/// start tags of them cannot deepen the tree.
fn closes_its_kind(name: &LocalName) -> bool {
    matches!(&**name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl<Handle: Clone, Sink: TreeSink<Handle = Handle> + CountsElements> TokenSink
    for DepthCap<Handle, Sink>
{
    type Handle = Handle;

    #[inline]
    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if let Token::TagToken(tag) = &token {
            if self.drops(tag) {
                return TokenSinkResult::Continue;
            }
        }
        let result = self.builder.process_token(token, line_number);
        let allowed = MAX_EXTRA_ELEMENTS.saturating_add(self.admitted.get().saturating_mul(3));
        if self.builder.sink.elements_created() > allowed {
            self.flat.set(true);
        }
        result
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::super::dom::Dom;
    use super::super::sink::parse;
    use super::*;

    /// Nodes above the deepest element.
    fn deepest(dom: &Dom) -> usize {
        dom.nodes()
            .filter(|n| n.value().is_element())
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    /// The name of the element holding the text with `words`.
    fn parent_of_text<'a>(dom: &'a Dom, words: &str) -> &'a str {
        let text = dom
            .nodes()
            .find(|n| n.own_text().contains(words))
            .unwrap_or_else(|| panic!("no text {words:?}"));
        text.parent().unwrap().value().as_element().unwrap().name()
    }

    fn nest(open: &str, close: &str, depth: usize) -> String {
        format!(
            "<html><body>{}<p>The Tamsby ferry sailed at dawn.</p>{}<p>Mayor Ilse Varn waved.</p></body></html>",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn nesting_past_the_cap_is_flattened_and_its_text_kept() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<b>", "</b>"),
            ("<table><tr><td>", "</td></tr></table>"),
        ] {
            let dom = parse(&nest(open, close, 3 * MAX_HELD));
            let depth = deepest(&dom);
            assert!(depth <= 2 * MAX_HELD, "{open}: {depth} deep");
            let inner: String = dom.root().text().collect();
            assert!(inner.contains("The Tamsby ferry sailed at dawn."), "{open}");
            assert_eq!(parent_of_text(&dom, "Tamsby ferry"), "p", "{open}");
            // The end tags of the dropped start tags are dropped too, so
            // the page's last paragraph is back in the body.
            assert_eq!(parent_of_text(&dom, "Ilse Varn"), "p", "{open}");
            let after = dom
                .nodes()
                .find(|n| n.own_text().contains("Ilse Varn"))
                .unwrap();
            let p = after.parent().unwrap();
            assert_eq!(
                p.parent().unwrap().value().as_element().unwrap().name(),
                "body",
                "{open}"
            );
        }
    }

    #[test]
    fn nesting_under_the_cap_is_untouched() {
        let depth = MAX_HELD / 2;
        let dom = parse(&nest("<div>", "</div>", depth));
        // html, body, the divs, then the p.
        assert_eq!(deepest(&dom), depth + 3);
        assert_eq!(parent_of_text(&dom, "Tamsby ferry"), "p");
    }

    #[test]
    fn formatting_elements_are_not_recreated_for_every_paragraph() {
        // Every `<b>` differs, so each stays in the list of active
        // formatting elements after its paragraph, to be re-created in the
        // next one's.
        let paragraphs: String = (0..3000)
            .map(|k| format!("<p><b class=c{k}>Tamsby {k}</p>"))
            .collect();
        let dom = parse(&format!("<html><body>{paragraphs}</body></html>"));
        let elements = dom.nodes().filter(|n| n.value().is_element()).count();
        assert!(
            elements < MAX_EXTRA_ELEMENTS + 3 * 2 * 3000,
            "{elements} elements"
        );
        let text: String = dom.root().text().collect();
        assert!(text.contains("Tamsby 0") && text.contains("Tamsby 2999"));
    }

    #[test]
    fn void_elements_and_paragraphs_pass_at_the_cap() {
        let page = format!(
            "{}<p>Tamsby<br>harbour</p><h2>Quay</h2><p>Ferry</p>",
            "<div>".repeat(2 * MAX_HELD)
        );
        let dom = parse(&page);
        assert!(dom
            .nodes()
            .any(|n| n.value().as_element().is_some_and(|e| e.name() == "br")));
        assert_eq!(parent_of_text(&dom, "Quay"), "h2");
        assert_eq!(parent_of_text(&dom, "Ferry"), "p");
    }
}
