//! Parsing HTML with html5ever into a [`Dom`], remembering the source line
//! of every element, so that passages extracted from a page can point at
//! the line they came from.
//!
//! The sink follows html5ever's `TreeSink` contract as browsers' trees do
//! (adjacent text merged into one node, a `<template>`'s contents in a
//! fragment below it, misnested and foster-parented nodes moved as the
//! tree builder asks), text kept in one buffer per page. Code is never read: the text of `<style>` and of
//! scripts of JavaScript is left out of the tree (a third of a page's
//! bytes, on the trafilatura benchmark's pages), while data scripts
//! (`application/ld+json`, templates) keep theirs. Before parsing, that
//! text, the text of comments and the attributes no reader asks for are
//! cut from the page ([`attributes::cap_and_trim`], [`super::unread`]).

use super::attributes;
use super::code;
use super::depth::{self, CountsElements, DepthCap};
use super::dom::{Dom, Element, Node, NodeId};
use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{
    create_element, ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink,
};
use html5ever::{local_name, ns, Attribute, QualName, TokenizerResult};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// Parses a whole HTML document.
pub fn parse(text: &str) -> Dom {
    // Room for the nodes and text of a typical page of this size (the
    // trafilatura benchmark's pages: a tag per 86 bytes, a node for about
    // each), so that most are built without growing the tree; capped, so
    // that a huge page does not reserve more than it may use.
    let builder = || {
        let dom = Dom::with_capacity(
            Node::Document,
            (text.len() / BYTES_PER_NODE).min(MAX_NODES_RESERVED),
            (text.len() / 4).min(MAX_TEXT_RESERVED),
        );
        let builder = TreeBuilder::new(LineSink::new(dom), Default::default());
        (builder, TokenizerOpts::default())
    };
    run(builder, text)
}

/// Tokenizes `text` into a tree builder from `builder` as html5ever's
/// driver does, with the caps on attributes ([`attributes`]) and depth
/// ([`depth`]) that keep a hostile page linear.
///
/// The depth cap filters every token, which cost normal pages 200 M
/// instructions on the body benchmark's 495 (a wrapper round the tree
/// builder is compiled less well than the tree builder alone). So a page
/// is first read without it, in chunks of [`CHUNK`] bytes, and read again
/// with it only when, after a chunk, the tree builder holds more than
/// [`depth::MAX_HELD`] / 2 elements or has created more than
/// [`depth::MAX_EXTRA_ELEMENTS`] plus one per byte read: what one chunk
/// can add to a hostile nest is bounded, and a page that never comes near
/// the cap comes out the same either way.
fn run(builder: impl Fn() -> (TreeBuilder<NodeId, LineSink>, TokenizerOpts), text: &str) -> Dom {
    let text = attributes::cap_and_trim(text, attributes::MAX_ATTRIBUTES);
    let (plain, opts) = builder();
    if let Some(dom) = run_plain(plain, opts, &text, CHUNK) {
        return dom;
    }
    let (capped, opts) = builder();
    let tokenizer = Tokenizer::new(DepthCap::new(capped), opts);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&text));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    tokenizer.sink.builder.sink.finish()
}

/// Bytes fed to the tree builder between two looks at what it holds.
const CHUNK: usize = 4096;

/// The page read without the depth cap, `chunk` bytes at a time, or `None`
/// as soon as it nears it.
fn run_plain(
    builder: TreeBuilder<NodeId, LineSink>,
    opts: TokenizerOpts,
    text: &str,
    chunk: usize,
) -> Option<Dom> {
    let tokenizer = Tokenizer::new(builder, opts);
    let input = BufferQueue::default();
    let mut from = 0;
    while from < text.len() {
        let mut to = (from + chunk).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        input.push_back(StrTendril::from_slice(&text[from..to]));
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        if depth::near_cap(&tokenizer.sink, to) {
            return None;
        }
        from = to;
    }
    tokenizer.end();
    Some(tokenizer.sink.sink.finish())
}

/// Bytes of markup per node, for reserving room before parsing.
const BYTES_PER_NODE: usize = 64;
/// The most nodes room is made for before a page is parsed.
const MAX_NODES_RESERVED: usize = 1 << 16;
/// The most bytes of text room is made for before a page is parsed.
const MAX_TEXT_RESERVED: usize = 1 << 20;

/// Parses HTML as the inside of a `<body>` (the root is a fragment whose
/// element child is the `<html>` the parser makes).
pub fn parse_fragment(text: &str) -> Dom {
    let builder = || {
        let sink = LineSink::new(Dom::new(Node::Fragment));
        let context = create_element(
            &sink,
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
        );
        let builder = TreeBuilder::new_for_fragment(sink, context, None, Default::default());
        let opts = TokenizerOpts {
            initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
            ..TokenizerOpts::default()
        };
        (builder, opts)
    };
    run(builder, text)
}

struct LineSink {
    dom: RefCell<Dom>,
    line: Cell<u64>,
    elements: Cell<usize>,
}

impl CountsElements for LineSink {
    fn elements_created(&self) -> usize {
        self.elements.get()
    }
}

impl LineSink {
    fn new(dom: Dom) -> Self {
        LineSink {
            dom: RefCell::new(dom),
            line: Cell::new(1),
            elements: Cell::new(0),
        }
    }

    /// Appends without leaving out code's text (html5ever's
    /// `append_based_on_parent_node` path, which does not carry code).
    fn append_any(&self, parent: NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => dom.append(parent, node),
            NodeOrText::AppendText(text) => match dom.last_child_of(parent) {
                Some(last) if matches!(dom.value(last), Node::Text(_)) => {
                    dom.extend_text(last, &text)
                }
                _ => {
                    let node = dom.push_text(&text);
                    dom.append(parent, node);
                }
            },
        }
    }
}

/// Whether an element holds code ([`code::is_code`]).
fn holds_code(name: &QualName, attrs: &[Attribute]) -> bool {
    match name.local {
        local_name!("style") => true,
        local_name!("script") => code::is_javascript(
            attrs
                .iter()
                .find(|a| a.name.local == local_name!("type"))
                .map(|a| &*a.value),
        ),
        _ => false,
    }
}

impl TreeSink for LineSink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }
    fn set_current_line(&self, line_number: u64) {
        self.line.set(line_number);
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> NodeId {
        self.dom.borrow().root().id()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.dom.borrow(), |dom| match dom.value(*target) {
            Node::Element(e) => &e.name,
            _ => panic!("the tree builder asks names of elements only"),
        })
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeId {
        let code = holds_code(&name, &attrs);
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let line = u32::try_from(self.line.get()).unwrap_or(u32::MAX);
        self.elements.set(self.elements.get() + 1);
        let mut dom = self.dom.borrow_mut();
        let id = dom.push(Node::Element(Element::new(name, attrs, line, code)));
        if template {
            let contents = dom.push(Node::Fragment);
            dom.append(id, contents);
        }
        id
    }
    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(Node::Comment)
    }
    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.dom.borrow_mut().push(Node::ProcessingInstruction)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if matches!(child, NodeOrText::AppendText(_))
            && matches!(self.dom.borrow().value(*parent), Node::Element(e) if e.holds_code)
        {
            return;
        }
        self.append_any(*parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.dom.borrow().parent_of(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append_any(*prev_element, child)
        }
    }
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut dom = self.dom.borrow_mut();
        let doctype = dom.push(Node::Doctype);
        let root = dom.root().id();
        dom.append(root, doctype);
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.dom
            .borrow()
            .first_child_of(*target)
            .expect("a template holds its contents")
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _mode: QuirksMode) {}
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.dom.borrow_mut();
        if let NodeOrText::AppendNode(node) = new_node {
            dom.detach(node);
        }
        if dom.parent_of(*sibling).is_none() {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(node) => dom.insert_before(*sibling, node),
            NodeOrText::AppendText(text) => match dom.prev_sibling_of(*sibling) {
                Some(prev) if matches!(dom.value(prev), Node::Text(_)) => {
                    dom.extend_text(prev, &text)
                }
                _ => {
                    let node = dom.push_text(&text);
                    dom.insert_before(*sibling, node);
                }
            },
        }
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if let Node::Element(e) = self.dom.borrow_mut().value_mut(*target) {
            e.add_missing(attrs);
        }
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.dom.borrow_mut().detach(*target);
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.dom.borrow_mut().move_children(*node, *new_parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elements<'a>(dom: &'a Dom, name: &str) -> Vec<super::super::dom::NodeRef<'a>> {
        dom.root()
            .descendants()
            .filter(|n| n.value().as_element().is_some_and(|e| e.name() == name))
            .collect()
    }

    #[test]
    fn a_page_read_in_chunks_is_read_as_in_one() {
        let page = "<!DOCTYPE html>\r\n<html><head><title>Tamsby &amp; Vell</title>\
            <script>if (a < b) { x = '</p>'; }</script></head>\r\n<body><!-- quay -->\
            <p class=\"lead\">Ferry caf\u{e9} \u{2014} \u{d8}rnholm&nbsp;quay &#x2014; fares</p>\
            <table><tr><td>Ilse</td></tr></table><b><i>Varn</b></i></body></html>";
        let read = |chunk| {
            let sink = LineSink::new(Dom::new(Node::Document));
            let builder = TreeBuilder::new(sink, Default::default());
            let dom = run_plain(builder, TokenizerOpts::default(), page, chunk).unwrap();
            format!("{dom:?}")
        };
        let whole = read(page.len());
        assert!(whole.contains("Varn"));
        for chunk in 1..12 {
            assert_eq!(read(chunk), whole, "chunks of {chunk}");
        }
    }

    /// Every node of `dom` in order of creation, with its parent, and each
    /// element's name, line and the attributes readers ask for.
    fn shape(dom: &Dom) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for node in dom.nodes() {
            let parent = node.parent().map(|p| p.id().index());
            match node.value() {
                Node::Element(e) => {
                    let read: Vec<_> = e
                        .qualified_attrs()
                        .iter()
                        .filter(|a| {
                            super::super::unread::is_read_attribute(a.name.local.as_bytes())
                        })
                        .map(|a| (&*a.name.local, &*a.value))
                        .collect();
                    let line = dom.line(node.id()).unwrap();
                    writeln!(out, "{parent:?} {} {read:?} line {line}", e.name())
                }
                Node::Text(_) => writeln!(out, "{parent:?} {:?}", node.own_text()),
                other => writeln!(out, "{parent:?} {other:?}"),
            }
            .unwrap();
        }
        out
    }

    #[test]
    fn a_trimmed_page_leaves_the_same_tree() {
        let pages = [
            "<html><head>\r\n<style>\r\np { color: red }\r</style><script>var quay = 'Tamsby';\n\
             if (a < b) { x = '<p>'; }\r\n</script></head>\n<body><p>Ilse Varn\n\
             <script type=\"module\">\nimport ferry;\n</script>sailed.</p></body></html>",
            "<table><script>var ferry;\n</script><tr><td>Vell</td></tr></table>\
             <select><script>\n\nvar a;</script><option>Tamsby</select>",
            "<p>Varn<script>var a;\n</script></p><template><style>\np {}\n</style></template>\
             <script type=\"application/ld+json\">{\"name\": \"Ilse Varn\"}</script>\n<p>quay",
            "<html lang=en data-theme=dark><body data-page=1><div data-quay=\"Tamsby\"\r\n\
             class=\"lead\" srcset='a.jpg 1x,\nb.jpg 2x'><!-- ferry\r\nnotes -->Ilse Varn\
             <a href=\"/vell\" target=_blank title=\"Vell\nquay\">Vell</a></div>\n\
             <b data-k=1>a<b data-k=2>b<b data-k=3>c<b data-k=4>d<p>e</p></b></b></b></b>\
             <body class=late data-late=1><p\rdata-note=\"a\nb\"\rid=x>Tamsby</p>\
             <span data-k=\r\n\"1\" data-j\n=\n'2\r3' id=s>Vell</span>\n<p>quay</p>\
             <i>a</i><span\rdata-k=\"1\"\n id=t>Ilse</span><p>Varn</p>\
             <meta name=author content=\"Ilse Varn\" data-x><svg viewBox=\"0 0 8 8\"><p data-y>\
             <noscript><img src=a.jpg data-z=\"</noscript>\"></noscript></svg>",
        ];
        let read = |text: &str| {
            let sink = LineSink::new(Dom::new(Node::Document));
            let builder = TreeBuilder::new(sink, Default::default());
            let dom = run_plain(builder, TokenizerOpts::default(), text, text.len()).unwrap();
            shape(&dom)
        };
        for page in pages {
            let trimmed = attributes::cap_and_trim(page, attributes::MAX_ATTRIBUTES);
            assert!(matches!(trimmed, Cow::Owned(_)), "{page}");
            let kept = attributes::cap(page, attributes::MAX_ATTRIBUTES);
            assert_eq!(read(&trimmed), read(&kept), "{page}");
        }
    }

    #[test]
    fn a_nest_past_the_first_chunks_is_capped() {
        let page = format!(
            "{}{}<p>Mayor Ilse Varn</p>",
            "<p>The Tamsby ferry sailed.</p>".repeat(1000),
            "<div>".repeat(3 * depth::MAX_HELD)
        );
        let dom = parse(&page);
        let deepest = dom.nodes().map(|n| n.ancestors().count()).max().unwrap();
        assert!(deepest <= 2 * depth::MAX_HELD, "{deepest} deep");
        let text: String = dom.root().text().collect();
        assert!(text.contains("Mayor Ilse Varn"));
    }

    #[test]
    fn elements_know_their_line() {
        let dom = parse("<html>\n<body>\n<p>one</p>\n\n<p>two\n</p></body></html>");
        let lines: Vec<usize> = elements(&dom, "p")
            .iter()
            .map(|e| dom.line(e.id()).unwrap())
            .collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn code_is_left_out_and_data_scripts_are_kept() {
        let dom = parse(
            "<html><head><style>p { color: red }</style><script>var a = 1;</script>\n<script type=\"text/javascript\">var b = 2;</script><script type=\"application/ld+json\">{\"@type\":\"Article\"}</script><script type=\"text/template\"><p>Kept</p></script></head><body><p>Text</p></body></html>",
        );
        let text: String = dom.root_element().unwrap().text().collect();
        assert_eq!(text, "\n{\"@type\":\"Article\"}<p>Kept</p>Text");
        let lines: Vec<usize> = elements(&dom, "script")
            .iter()
            .map(|e| dom.line(e.id()).unwrap())
            .collect();
        assert_eq!(lines, [1, 2, 2, 2]);
    }

    #[test]
    fn misnested_markup_is_read_as_browsers_read_it() {
        // The adoption agency moves nodes; foster parenting puts text
        // before a table; adjacent text is one node.
        let dom =
            parse("<p><b>one<i>two</b>three</i></p><table>four<tr><td>five</td></tr></table>");
        let body = elements(&dom, "body")[0];
        assert_eq!(
            body.text().collect::<Vec<_>>(),
            ["one", "two", "three", "four", "five"]
        );
        let p = elements(&dom, "p")[0];
        let inside: Vec<&str> = p
            .descendants()
            .filter_map(|n| n.value().as_element().map(|e| e.name()))
            .collect();
        assert_eq!(inside, ["p", "b", "i", "i"]);
        let merged = parse("<p>a&amp;b<!-- c -->d</p>");
        let p = elements(&merged, "p")[0];
        assert_eq!(p.children().count(), 3);
        assert_eq!(p.text().collect::<Vec<_>>(), ["a&b", "d"]);
    }

    #[test]
    fn template_contents_sit_below_the_template() {
        let dom = parse("<body><template><p>inside</p></template><p>out</p></body>");
        let template = elements(&dom, "template")[0];
        let contents = template.first_child().unwrap();
        assert!(matches!(contents.value(), Node::Fragment));
        assert_eq!(template.text().collect::<String>(), "inside");
    }

    #[test]
    fn repeated_body_tags_add_attributes_up_to_the_cap() {
        let tag = |prefix: &str| {
            let attrs: String = (0..200).map(|k| format!(" {prefix}{k}=1")).collect();
            format!("<body{attrs}>")
        };
        let page = format!("{}<p>Tamsby</p>{}{}", tag("a"), tag("b"), tag("c"));
        let dom = parse(&page);
        let body = elements(&dom, "body")[0];
        let attrs = body.value().as_element().unwrap().attrs().count();
        assert_eq!(attrs, super::super::attributes::MAX_ATTRIBUTES);
    }

    #[test]
    fn a_fragment_decodes_references() {
        let dom = parse_fragment("<textarea>caf&eacute; &lt;b&gt;</textarea>");
        let text: String = dom.root_element().unwrap().text().collect();
        assert_eq!(text, "café <b>");
    }
}
