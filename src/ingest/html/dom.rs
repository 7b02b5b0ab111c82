//! The parsed page as a compact tree of our own: every node in one `Vec`,
//! linked by indices (parent, first and last child, siblings), elements
//! holding their name, attributes and source line, text nodes the
//! tokenizer's own buffers.
//!
//! It replaces scraper's `Html` (an `ego_tree` of scraper nodes): the
//! extractor reads elements, attributes and text and needs no CSS engine
//! ([`super::select`] holds the few tests it made with one), and scraper's
//! tree cost more to build and free (a larger node per element, attributes
//! converted and sorted, parse errors kept as strings, line numbers in a
//! side map). [`super::sink`] builds it from html5ever's tree builder.

use html5ever::{ns, Attribute, LocalName, QualName};

/// A node's index in its page.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct NodeId(u32);

impl NodeId {
    /// The node's place in its page, from 0 (the root).
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub(super) fn from_index(index: usize) -> NodeId {
        NodeId(u32::try_from(index).expect("fewer than 4 G nodes"))
    }
}

/// What a node is.
#[derive(Debug)]
pub enum Node {
    /// The root of a parsed document.
    Document,
    /// The root of a parsed fragment, or a `<template>`'s contents.
    Fragment,
    Doctype,
    Comment,
    ProcessingInstruction,
    /// Text, read through [`NodeRef::own_text`].
    Text(Text),
    Element(Element),
}

/// Where a text node's text is kept: a stretch of the page's one text
/// buffer, where text is appended as the parser finds it (so a page's text
/// is one allocation); or, for the rare node the parser adds to after
/// other text was appended (foster-parented text before a table), a
/// string of its own, so that growing it never copies it again.
#[derive(Debug)]
pub enum Text {
    Shared(std::ops::Range<usize>),
    Own(String),
}

impl Node {
    pub fn as_element(&self) -> Option<&Element> {
        match self {
            Node::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn is_element(&self) -> bool {
        matches!(self, Node::Element(_))
    }
}

/// An element: its name, its attributes in the order the page gives them,
/// and the source line the tokenizer was on when it was created.
#[derive(Debug)]
pub struct Element {
    pub name: QualName,
    attrs: Vec<Attribute>,
    line: u32,
    /// A `<style>` or a script of JavaScript, whose text is not kept.
    pub(super) holds_code: bool,
}

impl Element {
    pub(super) fn new(name: QualName, attrs: Vec<Attribute>, line: u32, holds_code: bool) -> Self {
        Element {
            name,
            attrs,
            line,
            holds_code,
        }
    }

    /// The element's local name (`p`, `div`).
    pub fn name(&self) -> &str {
        &self.name.local
    }

    /// The value of the attribute `name` outside any namespace, by its
    /// interned name (compared as an integer). Only attributes
    /// [`super::unread::is_read_attribute`] are kept of most tags.
    pub fn attribute(&self, name: LocalName) -> Option<&str> {
        super::unread::debug_check_read(&name);
        self.attrs
            .iter()
            .find(|a| a.name.local == name && a.name.ns == ns!())
            .map(|a| &*a.value)
    }

    /// Every attribute as (local name, value).
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }

    /// The attributes with their full names, for selector-like tests.
    pub(super) fn qualified_attrs(&self) -> &[Attribute] {
        &self.attrs
    }

    /// Adds the attributes whose full name the element does not have yet.
    pub(super) fn add_missing(&mut self, attrs: Vec<Attribute>) {
        for attr in attrs {
            // Capped as one tag's are: each `<body a0 … a255>` of a
            // hostile page would add its own, and each is compared with
            // all before it.
            if self.attrs.len() >= super::attributes::MAX_ATTRIBUTES {
                return;
            }
            if !self.attrs.iter().any(|a| a.name == attr.name) {
                self.attrs.push(attr);
            }
        }
    }
}

const NONE: u32 = u32::MAX;

#[derive(Debug)]
struct Links {
    parent: u32,
    prev_sibling: u32,
    next_sibling: u32,
    first_child: u32,
    last_child: u32,
}

impl Links {
    const DETACHED: Links = Links {
        parent: NONE,
        prev_sibling: NONE,
        next_sibling: NONE,
        first_child: NONE,
        last_child: NONE,
    };
}

fn link(index: u32) -> Option<NodeId> {
    (index != NONE).then_some(NodeId(index))
}

/// A parsed page: nodes in the order they were created, the root first.
/// Nodes the parser took out of the tree stay in the list, detached.
#[derive(Debug)]
pub struct Dom {
    links: Vec<Links>,
    values: Vec<Node>,
    /// The text of the [`Text::Shared`] nodes.
    text: String,
}

impl Dom {
    /// A tree holding only its root.
    pub(super) fn new(root: Node) -> Dom {
        Dom::with_capacity(root, 1, 0)
    }

    /// A tree holding only its root, with room for `nodes` nodes and
    /// `text` bytes of text before it grows.
    pub(super) fn with_capacity(root: Node, nodes: usize, text: usize) -> Dom {
        let mut links = Vec::with_capacity(nodes.max(1));
        let mut values = Vec::with_capacity(nodes.max(1));
        links.push(Links::DETACHED);
        values.push(root);
        Dom {
            links,
            values,
            text: String::with_capacity(text),
        }
    }

    pub fn root(&self) -> NodeRef<'_> {
        NodeRef {
            dom: self,
            id: NodeId(0),
        }
    }

    /// The first element below the root (`<html>` in a document).
    pub fn root_element(&self) -> Option<NodeRef<'_>> {
        self.root().children().find(|c| c.value().is_element())
    }

    pub fn get(&self, id: NodeId) -> Option<NodeRef<'_>> {
        (id.index() < self.values.len()).then_some(NodeRef { dom: self, id })
    }

    /// Every node, in the order they were created (detached ones too).
    pub fn nodes(&self) -> impl Iterator<Item = NodeRef<'_>> {
        (0..self.values.len() as u32).map(|i| NodeRef {
            dom: self,
            id: NodeId(i),
        })
    }

    /// The 1-based source line of an element (`None` for other nodes).
    pub fn line(&self, id: NodeId) -> Option<usize> {
        self.values
            .get(id.index())
            .and_then(Node::as_element)
            .map(|e| e.line as usize)
    }

    // Building, for the sink.

    pub(super) fn push(&mut self, value: Node) -> NodeId {
        let id = NodeId(u32::try_from(self.values.len()).expect("fewer than 4 G nodes"));
        self.values.push(value);
        self.links.push(Links::DETACHED);
        id
    }

    /// A new text node holding `text`.
    pub(super) fn push_text(&mut self, text: &str) -> NodeId {
        let start = self.text.len();
        self.text.push_str(text);
        self.push(Node::Text(Text::Shared(start..self.text.len())))
    }

    /// Adds `more` at the end of a text node's text.
    pub(super) fn extend_text(&mut self, id: NodeId, more: &str) {
        let Node::Text(text) = &mut self.values[id.index()] else {
            return;
        };
        match text {
            Text::Shared(range) if range.end == self.text.len() => {
                self.text.push_str(more);
                range.end = self.text.len();
            }
            Text::Shared(range) => {
                let mut own = String::with_capacity(range.len() + more.len());
                own.push_str(&self.text[range.clone()]);
                own.push_str(more);
                *text = Text::Own(own);
            }
            Text::Own(own) => own.push_str(more),
        }
    }

    pub(super) fn value_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.values[id.index()]
    }

    pub(super) fn value(&self, id: NodeId) -> &Node {
        &self.values[id.index()]
    }

    pub(super) fn parent_of(&self, id: NodeId) -> Option<NodeId> {
        link(self.links[id.index()].parent)
    }

    pub(super) fn first_child_of(&self, id: NodeId) -> Option<NodeId> {
        link(self.links[id.index()].first_child)
    }

    pub(super) fn last_child_of(&self, id: NodeId) -> Option<NodeId> {
        link(self.links[id.index()].last_child)
    }

    pub(super) fn prev_sibling_of(&self, id: NodeId) -> Option<NodeId> {
        link(self.links[id.index()].prev_sibling)
    }

    /// Takes a node (with its subtree) out of its parent.
    pub(super) fn detach(&mut self, id: NodeId) {
        let Links {
            parent,
            prev_sibling,
            next_sibling,
            ..
        } = self.links[id.index()];
        if parent == NONE {
            return;
        }
        if prev_sibling == NONE {
            self.links[parent as usize].first_child = next_sibling;
        } else {
            self.links[prev_sibling as usize].next_sibling = next_sibling;
        }
        if next_sibling == NONE {
            self.links[parent as usize].last_child = prev_sibling;
        } else {
            self.links[next_sibling as usize].prev_sibling = prev_sibling;
        }
        let links = &mut self.links[id.index()];
        links.parent = NONE;
        links.prev_sibling = NONE;
        links.next_sibling = NONE;
    }

    /// Makes `child` the last child of `parent`, taking it from where it was.
    pub(super) fn append(&mut self, parent: NodeId, child: NodeId) {
        assert_ne!(parent, child, "a node cannot hold itself");
        self.detach(child);
        let last = self.links[parent.index()].last_child;
        {
            let links = &mut self.links[child.index()];
            links.parent = parent.0;
            links.prev_sibling = last;
        }
        if last == NONE {
            self.links[parent.index()].first_child = child.0;
        } else {
            self.links[last as usize].next_sibling = child.0;
        }
        self.links[parent.index()].last_child = child.0;
    }

    /// Puts `node` just before `sibling`, which has a parent, taking it from
    /// where it was.
    pub(super) fn insert_before(&mut self, sibling: NodeId, node: NodeId) {
        assert_ne!(sibling, node, "a node cannot precede itself");
        self.detach(node);
        let Links {
            parent,
            prev_sibling,
            ..
        } = self.links[sibling.index()];
        debug_assert_ne!(parent, NONE);
        {
            let links = &mut self.links[node.index()];
            links.parent = parent;
            links.prev_sibling = prev_sibling;
            links.next_sibling = sibling.0;
        }
        if prev_sibling == NONE {
            self.links[parent as usize].first_child = node.0;
        } else {
            self.links[prev_sibling as usize].next_sibling = node.0;
        }
        self.links[sibling.index()].prev_sibling = node.0;
    }

    /// Moves every child of `from` to the end of `to`'s children, in order.
    pub(super) fn move_children(&mut self, from: NodeId, to: NodeId) {
        while let Some(child) = self.first_child_of(from) {
            self.append(to, child);
        }
    }
}

/// A node of a [`Dom`], to walk the tree from.
#[derive(Clone, Copy, Debug)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl PartialEq for NodeRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && std::ptr::eq(self.dom, other.dom)
    }
}

impl Eq for NodeRef<'_> {}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> NodeId {
        self.id
    }

    pub fn value(self) -> &'a Node {
        &self.dom.values[self.id.index()]
    }

    fn at(self, index: u32) -> Option<NodeRef<'a>> {
        link(index).map(|id| NodeRef { dom: self.dom, id })
    }

    fn links(self) -> &'a Links {
        &self.dom.links[self.id.index()]
    }

    pub fn parent(self) -> Option<NodeRef<'a>> {
        self.at(self.links().parent)
    }

    pub fn first_child(self) -> Option<NodeRef<'a>> {
        self.at(self.links().first_child)
    }

    pub fn last_child(self) -> Option<NodeRef<'a>> {
        self.at(self.links().last_child)
    }

    pub fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.at(self.links().next_sibling)
    }

    pub fn prev_sibling(self) -> Option<NodeRef<'a>> {
        self.at(self.links().prev_sibling)
    }

    /// The children, first to last (or back to front with `rev`).
    pub fn children(self) -> Children<'a> {
        Children {
            front: self.first_child(),
            back: self.last_child(),
        }
    }

    /// The siblings before this node, nearest first.
    pub fn prev_siblings(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.prev_sibling(), |n| n.prev_sibling())
    }

    /// The ancestors, parent first.
    pub fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// This node and every node below it, in document order. Walks by the
    /// links, without a stack, so any depth is read.
    pub fn descendants(self) -> Descendants<'a> {
        Descendants {
            root: self,
            next: Some(self),
        }
    }

    /// The node's text if it is a text node, else `""`.
    pub fn own_text(self) -> &'a str {
        match self.value() {
            Node::Text(Text::Shared(range)) => &self.dom.text[range.clone()],
            Node::Text(Text::Own(own)) => own,
            _ => "",
        }
    }

    /// The text of every text node below this one, in document order.
    pub fn text(self) -> impl Iterator<Item = &'a str> {
        self.descendants()
            .filter(|n| matches!(n.value(), Node::Text(_)))
            .map(NodeRef::own_text)
    }
}

/// An element node with its element at hand.
#[derive(Clone, Copy, Debug)]
pub struct ElementRef<'a> {
    node: NodeRef<'a>,
    element: &'a Element,
}

impl<'a> ElementRef<'a> {
    /// The node as an element, if it is one.
    pub fn wrap(node: NodeRef<'a>) -> Option<ElementRef<'a>> {
        node.value()
            .as_element()
            .map(|element| ElementRef { node, element })
    }

    pub fn value(self) -> &'a Element {
        self.element
    }

    pub fn node(self) -> NodeRef<'a> {
        self.node
    }

    /// [`NodeRef::text`].
    pub fn text(self) -> impl Iterator<Item = &'a str> {
        self.node.text()
    }
}

/// [`NodeRef::children`].
pub struct Children<'a> {
    front: Option<NodeRef<'a>>,
    back: Option<NodeRef<'a>>,
}

impl<'a> Iterator for Children<'a> {
    type Item = NodeRef<'a>;
    fn next(&mut self) -> Option<NodeRef<'a>> {
        let node = self.front?;
        if Some(node) == self.back {
            self.front = None;
            self.back = None;
        } else {
            self.front = node.next_sibling();
        }
        Some(node)
    }
}

impl<'a> DoubleEndedIterator for Children<'a> {
    fn next_back(&mut self) -> Option<NodeRef<'a>> {
        let node = self.back?;
        if Some(node) == self.front {
            self.front = None;
            self.back = None;
        } else {
            self.back = node.prev_sibling();
        }
        Some(node)
    }
}

/// [`NodeRef::descendants`].
pub struct Descendants<'a> {
    root: NodeRef<'a>,
    next: Option<NodeRef<'a>>,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeRef<'a>;
    fn next(&mut self) -> Option<NodeRef<'a>> {
        let node = self.next?;
        self.next = node.first_child().or_else(|| {
            let mut up = node;
            loop {
                if up == self.root {
                    return None;
                }
                if let Some(sibling) = up.next_sibling() {
                    return Some(sibling);
                }
                up = up.parent()?;
            }
        });
        Some(node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::local_name;

    fn element(name: LocalName) -> Node {
        Node::Element(Element::new(
            QualName::new(None, ns!(html), name),
            Vec::new(),
            1,
            false,
        ))
    }

    fn names(nodes: impl Iterator<Item = NodeRef<'static>>) -> Vec<String> {
        nodes
            .map(|n| match n.value() {
                Node::Element(e) => e.name().to_string(),
                Node::Text(_) => n.own_text().to_string(),
                _ => "#".to_string(),
            })
            .collect()
    }

    fn sample() -> &'static Dom {
        // # > div > (p > "one"), "two", span
        let mut dom = Dom::new(Node::Document);
        dom.push_text("before");
        let div = dom.push(element(local_name!("div")));
        let p = dom.push(element(local_name!("p")));
        let one = dom.push_text("one");
        let two = dom.push_text("two");
        let span = dom.push(element(local_name!("span")));
        dom.append(NodeId(0), div);
        dom.append(div, span);
        dom.insert_before(span, p);
        dom.append(p, one);
        dom.insert_before(span, two);
        // "one" grows after "two" was appended: it moves to a string of
        // its own; "two", the last, grows in place.
        dom.extend_text(one, "+1");
        dom.extend_text(two, "+2");
        dom.extend_text(one, "+3");
        Box::leak(Box::new(dom))
    }

    #[test]
    fn children_read_both_ways_and_descendants_in_document_order() {
        let dom = sample();
        let div = dom.root_element().unwrap();
        assert_eq!(names(div.children()), ["p", "two+2", "span"]);
        assert_eq!(names(div.children().rev()), ["span", "two+2", "p"]);
        assert_eq!(
            names(dom.root().descendants()),
            ["#", "div", "p", "one+1+3", "two+2", "span"]
        );
        let p = div.first_child().unwrap();
        assert_eq!(names(p.descendants()), ["p", "one+1+3"]);
        assert_eq!(div.text().collect::<String>(), "one+1+3two+2");
        let span = div.last_child().unwrap();
        assert_eq!(names(span.prev_siblings()), ["two+2", "p"]);
        assert_eq!(names(span.ancestors()), ["div", "#"]);
    }

    #[test]
    fn moved_and_detached_nodes_keep_the_tree_whole() {
        let dom: &mut Dom = Box::leak(Box::new(Dom::new(Node::Document)));
        let a = dom.push(element(local_name!("a")));
        let b = dom.push(element(local_name!("b")));
        let x = dom.push_text("x");
        let y = dom.push_text("y");
        dom.append(NodeId(0), a);
        dom.append(NodeId(0), b);
        dom.append(a, x);
        dom.append(a, y);
        dom.move_children(a, b);
        assert_eq!(dom.first_child_of(a), None);
        assert_eq!(dom.last_child_of(a), None);
        dom.detach(a);
        let dom: &Dom = dom;
        assert_eq!(names(dom.root().descendants()), ["#", "b", "x", "y"]);
        assert_eq!(dom.get(a).unwrap().parent(), None);
        assert_eq!(dom.nodes().count(), 5);
    }
}
