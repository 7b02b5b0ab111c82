//! Parsing HTML with html5ever while remembering the source line of every
//! element, so that passages extracted from a page can point at the line
//! they came from.
//!
//! scraper's tree sink builds the DOM; this sink wraps it and records the
//! line the tokenizer was on when each element was created. Code is never
//! read: the text of `<style>` and of scripts of JavaScript is left out of
//! the tree (a third of a page's bytes, on the trafilatura benchmark's
//! pages), while data scripts (`application/ld+json`, templates) keep
//! theirs.

use super::stats::{IdMap, IdSet};
use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// A parsed page and the 1-based source line of each element.
pub struct ParsedPage {
    pub html: Html,
    pub lines: IdMap<usize>,
}

/// Parses a whole HTML document.
pub fn parse(text: &str) -> ParsedPage {
    let sink = LineSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        line: Cell::new(1),
        lines: RefCell::new(IdMap::default()),
        code: RefCell::new(IdSet::default()),
    };
    html5ever::driver::parse_document(sink, Default::default()).one(text)
}

struct LineSink {
    inner: HtmlTreeSink,
    line: Cell<u64>,
    lines: RefCell<IdMap<usize>>,
    /// Elements holding code, whose text is not kept.
    code: RefCell<IdSet>,
}

/// Whether an element holds code: a `<style>`, or a `<script>` with no
/// type or a JavaScript one.
fn holds_code(name: &QualName, attrs: &[Attribute]) -> bool {
    match &*name.local {
        "style" => true,
        "script" => attrs
            .iter()
            .find(|a| &*a.name.local == "type")
            .map(|a| a.value.trim().to_ascii_lowercase())
            .is_none_or(|t| {
                t.is_empty()
                    || t == "module"
                    || t.contains("javascript")
                    || t.contains("ecmascript")
            }),
        _ => false,
    }
}

impl TreeSink for LineSink {
    type Handle = NodeId;
    type Output = ParsedPage;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> ParsedPage {
        ParsedPage {
            lines: self.lines.into_inner(),
            html: self.inner.finish(),
        }
    }
    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number);
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let code = holds_code(&name, &attrs);
        let id = self.inner.create_element(name, attrs, flags);
        self.lines.borrow_mut().insert(id, self.line.get() as usize);
        if code {
            self.code.borrow_mut().insert(id);
        }
        id
    }
    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if matches!(child, NodeOrText::AppendText(_)) && self.code.borrow().contains(parent) {
            return;
        }
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    #[test]
    fn elements_know_their_line() {
        let page = parse("<html>\n<body>\n<p>one</p>\n\n<p>two\n</p></body></html>");
        let p = Selector::parse("p").unwrap();
        let lines: Vec<usize> = page.html.select(&p).map(|e| page.lines[&e.id()]).collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn code_is_left_out_and_data_scripts_are_kept() {
        let page = parse(
            "<html><head><style>p { color: red }</style><script>var a = 1;</script>\n<script type=\"text/javascript\">var b = 2;</script><script type=\"application/ld+json\">{\"@type\":\"Article\"}</script><script type=\"text/template\"><p>Kept</p></script></head><body><p>Text</p></body></html>",
        );
        let text: String = page.html.root_element().text().collect();
        assert_eq!(text, "\n{\"@type\":\"Article\"}<p>Kept</p>Text");
        let script = Selector::parse("script").unwrap();
        let lines: Vec<usize> = page
            .html
            .select(&script)
            .map(|e| page.lines[&e.id()])
            .collect();
        assert_eq!(lines, [1, 2, 2, 2]);
    }
}
