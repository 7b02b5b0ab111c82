//! What of a page's markup no reader uses: the attributes outside
//! [`is_read_attribute`], and the text of comments.
//!
//! html5ever's tokenizer reads an attribute name a character at a time,
//! interns it, copies its value and hands both through the tree builder
//! to the sink, which keeps them: half of the attributes of the
//! trafilatura benchmark's pages (`data-*`, `src`, `srcset`, `title`,
//! `alt`, `target`, `width`...) are never asked for. So the scan that caps
//! attributes before parsing (`attributes::cap_and_trim`), which already
//! knows where each attribute of a tag starts and ends, leaves those out
//! (each reduced to its line breaks, so later elements keep their source
//! lines), and reduces the text of each comment (a node with no text in
//! the tree) to its line breaks too.
//!
//! Kept whole: the attributes of `<html>` and `<body>` (a repeated tag
//! adds its attributes to the element, up to the cap), and of the
//! formatting elements but `<a>` ([`keeps_all_attributes`]), which the
//! tree builder compares whole (at most three alike stay in its list of
//! active formatting elements; at most one `<a>` is ever in it).

/// Whether an attribute named `name` (compared without regard to ASCII
/// case, as the tokenizer lowers names) is read: by the readers of the
/// page (`Element::attribute`, `select`), by the sink (a script's `type`)
/// or by html5ever's tree builder (`charset`, `http-equiv` and `content`
/// of `<meta>`, `form`, `shadowrootmode`). A reader that asks for another
/// attribute must add it here: `Element::attribute` checks in debug
/// builds.
pub fn is_read_attribute(name: &[u8]) -> bool {
    // Told apart by length and first letter (`| 0x20` lowers an ASCII
    // letter), so that most names are refused without being lowered.
    let Some(&first) = name.first() else {
        return false;
    };
    let read: &[u8] = match (name.len(), first | 0x20) {
        (2, b'i') => b"id",
        (3, b'r') => b"rel",
        (4, b'f') => b"form",
        (4, b'h') => b"href",
        (4, b'l') => b"lang",
        (4, b'n') => b"name",
        (4, b'r') => b"role",
        (4, b't') => b"type",
        (5, b'c') => b"class",
        (5, b's') => b"style",
        (6, b'h') => b"hidden",
        (7, b'c') => {
            return name.eq_ignore_ascii_case(b"charset") || name.eq_ignore_ascii_case(b"content")
        }
        (7, b'p') => b"pubdate",
        (8, b'd') => b"datetime",
        (8, b'i') => b"itemprop",
        (8, b'p') => b"property",
        (10, b'a') => b"aria-modal",
        (10, b'h') => b"http-equiv",
        (11, b'a') => b"aria-hidden",
        (14, b's') => b"shadowrootmode",
        _ => return false,
    };
    read.eq_ignore_ascii_case(name)
}

/// Fails in debug builds when a reader asks for an attribute that
/// [`is_read_attribute`] does not keep: it was left out before parsing,
/// and the reader would find it on no element.
#[track_caller]
pub fn debug_check_read(name: &str) {
    debug_assert!(
        is_read_attribute(name.as_bytes()),
        "{name} is left out before parsing (html/unread.rs)"
    );
}

/// Whether a tag named `name` keeps all its attributes: `<html>` and
/// `<body>`, whose repeated tags add attributes up to a cap that counts
/// them all, and the formatting elements but `<a>`, which the tree builder
/// compares attribute by attribute.
pub fn keeps_all_attributes(name: &[u8]) -> bool {
    let names: &[&[u8]] = match name.len() {
        1 => &[b"b", b"i", b"s", b"u"],
        2 => &[b"em", b"tt"],
        3 => &[b"big"],
        4 => &[b"body", b"code", b"font", b"html", b"nobr"],
        5 => &[b"small"],
        6 => &[b"strike", b"strong"],
        _ => return false,
    };
    names.iter().any(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_attributes_are_told_without_regard_to_case() {
        for name in ["class", "ID", "Http-Equiv", "itemprop", "shadowrootmode"] {
            assert!(is_read_attribute(name.as_bytes()), "{name}");
        }
        for name in [
            "data-quay",
            "src",
            "srcset",
            "classes",
            "",
            "shadowrootmodes",
        ] {
            assert!(!is_read_attribute(name.as_bytes()), "{name}");
        }
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "srcset is left out before parsing")]
    fn a_reader_asking_for_an_unread_attribute_fails_in_debug_builds() {
        debug_check_read("class");
        debug_check_read("srcset");
    }

    #[test]
    fn html_body_and_formatting_elements_but_a_keep_their_attributes() {
        for name in ["html", "BODY", "b", "Strong", "font", "nobr"] {
            assert!(keeps_all_attributes(name.as_bytes()), "{name}");
        }
        for name in ["a", "div", "p", "span", "img", "strongest"] {
            assert!(!keeps_all_attributes(name.as_bytes()), "{name}");
        }
    }
}
