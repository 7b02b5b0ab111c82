//! The few CSS selectors the page's readers ask for, as plain tests on
//! [`Dom`] elements, with the rules of `selectors` as scraper applied them:
//! elements visited in the order they were created (those the parser left
//! without a parent skipped), `type` and `rel` values compared without
//! regard to ASCII case on HTML elements, a descendant test that climbs
//! through elements only.

use super::dom::{Dom, Element, NodeRef};
use html5ever::{ns, LocalName};

/// The elements a selector is tried on, with their nodes.
pub fn elements(dom: &Dom) -> impl Iterator<Item = (NodeRef<'_>, &Element)> {
    dom.nodes().filter_map(|node| {
        let el = node.value().as_element()?;
        node.parent().is_some().then_some((node, el))
    })
}

/// `[name="value"]` for an attribute whose value HTML compares without
/// regard to case (`type`, `rel`).
pub fn attr_is(el: &Element, name: LocalName, value: &str) -> bool {
    el.attribute(name).is_some_and(|v| {
        if el.name.ns == ns!(html) {
            v.eq_ignore_ascii_case(value)
        } else {
            v == value
        }
    })
}

/// `[name]`, for a name that is no static atom.
pub fn has_attr(el: &Element, name: &str) -> bool {
    super::unread::debug_check_read(name);
    el.qualified_attrs()
        .iter()
        .any(|a| a.name.ns == ns!() && &*a.name.local == name)
}

/// `[name~="word" i]`: the whitespace-separated value holds `word`,
/// compared without regard to ASCII case.
pub fn attr_has_word(el: &Element, name: LocalName, word: &str) -> bool {
    el.attribute(name).is_some_and(|v| {
        v.split([' ', '\t', '\n', '\r', '\x0c'])
            .any(|w| w.eq_ignore_ascii_case(word))
    })
}

/// `ancestor node`: an element named `ancestor` among the elements above
/// `node` (the climb stops at the first node that is no element).
pub fn is_inside(node: NodeRef<'_>, ancestor: &str) -> bool {
    node.ancestors()
        .map_while(|a| a.value().as_element())
        .any(|e| e.name() == ancestor)
}

#[cfg(test)]
mod tests {
    use super::super::sink::parse;
    use super::*;
    use html5ever::local_name;

    #[test]
    fn selectors_as_scraper_matched_them() {
        let dom = parse(
            "<head><script type=\"Application/LD+JSON\">{}</script><link rel=CANONICAL href=/a></head><body><div><noscript>x</noscript></div><template><noscript>y</noscript></template><span itemprop=\"name  DATEPUBLISHED\">z</span><svg><script type=\"Application/LD+JSON\"></script></svg></body>",
        );
        let found = |test: &dyn Fn(NodeRef<'_>, &Element) -> bool| -> Vec<String> {
            elements(&dom)
                .filter(|(n, e)| test(*n, e))
                .map(|(n, e)| format!("{}:{}", e.name(), n.text().collect::<String>()))
                .collect()
        };
        assert_eq!(
            found(&|_, e| e.name() == "script"
                && attr_is(e, local_name!("type"), "application/ld+json")),
            ["script:{}"]
        );
        assert_eq!(
            found(&|_, e| attr_is(e, local_name!("rel"), "canonical")),
            ["link:"]
        );
        assert_eq!(
            found(&|n, e| e.name() == "noscript" && is_inside(n, "body")),
            ["noscript:x"]
        );
        assert_eq!(
            found(&|_, e| attr_has_word(e, local_name!("itemprop"), "datePublished")),
            ["span:z"]
        );
    }
}
