//! A cap on the attributes of one tag, applied to the page's text before
//! html5ever reads it.
//!
//! html5ever's tokenizer checks each new attribute name against every
//! earlier one of its tag, so a tag of 200,000 attributes (a few MB) took
//! it minutes. No option or hook reaches that loop, so the text is
//! rewritten first: a tag keeps its first [`MAX_ATTRIBUTES`] attributes as
//! written, and the rest up to its `>` is dropped (browsers keep them, but
//! no page carries that many for a reason). The scan follows the
//! tokenizer's rules for tags, quoted values (which may hold `>`),
//! comments, CDATA sections (in `<svg>` and `<math>`) and the raw text of
//! `<script>`, `<style>`, `<title>`, `<textarea>` and the like, so only
//! tags that really have that many attributes are touched. It is one pass,
//! and a page without such a tag is returned as it came, not copied.
//!
//! Where the scan is an approximation (whether an element sits in
//! `<svg>`/`<math>` is counted from their tags, not from the tree; a
//! script's escaped `<!--<script>` sections are not followed), a page can
//! differ from the tokenizer's reading only in what counts as a tag inside
//! such places, and then only a tag of more than the cap is rewritten.
//!
//! The same scan knows where the raw text of styles and scripts starts and
//! ends, and where each attribute and comment is, so [`cap_and_trim`] also
//! reduces the text of code ([`code`]) and of comments to their line
//! breaks, and leaves out the attributes no reader asks for ([`unread`]):
//! html5ever would read them only to drop them. Comments and attributes
//! are trimmed only where the scan reads as the tokenizer does: outside
//! `<svg>`/`<math>` as counted from their tags, and not after a script
//! that holds `<!--` and then `<script` (whose escaped sections may hide
//! its end from the scan). What is left to chance: an `</svg>` inside the
//! raw text of an element that the tree builder, but not the scan, took
//! out of the `<svg>` (`<svg><p><noscript></svg>…`), after which the scan
//! would trim the rest of that raw text as markup.

use super::code;
use super::unread;
use std::borrow::Cow;

/// The most attributes one tag keeps.
pub const MAX_ATTRIBUTES: usize = 256;

/// Elements whose text the tokenizer reads as raw text in HTML content
/// (with scripting on, as `sink` parses, `<noscript>` is one).
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "title",
    "textarea",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The page with every tag cut to its first `max` attributes, the text of
/// each style and JavaScript script outside `<svg>` and `<math>` reduced
/// to its line breaks where [`code::can_empty`], and, where the scan is
/// sure of its reading, the text of comments reduced to its line breaks
/// and the attributes [`unread`] left out; borrowed when nothing changed.
pub fn cap_and_trim(text: &str, max: usize) -> Cow<'_, str> {
    scan(text, max, true)
}

/// The page with every tag cut to its first `max` attributes and the rest
/// left as it is: what the tests of the cap, and of the tree built from a
/// trimmed page, compare with. Pages are read through [`cap_and_trim`]
/// only.
#[cfg(test)]
pub fn cap(text: &str, max: usize) -> Cow<'_, str> {
    scan(text, max, false)
}

fn scan(text: &str, max: usize, trim: bool) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // Open `<svg>` and `<math>` start tags, as a sign of foreign content.
    let mut foreign = 0usize;
    // Whether the scan still reads the page as the tokenizer does.
    let mut sure = true;
    // Where the unread attributes of the tag being scanned are.
    let mut unread_attrs = Vec::new();
    let mut i = 0;
    while let Some(at) = find(b, i, b"<") {
        let trim_here = trim && sure && foreign == 0;
        let next = b.get(at + 1).copied();
        let after = b.get(at + 2).copied();
        i = match next {
            Some(b'!') => {
                let (end, comment) = markup_declaration(b, at, foreign > 0);
                match comment {
                    Some((from, to)) if trim_here && from < to => {
                        let out = copy_up_to(text, &mut out, &mut copied, from, to);
                        code::line_breaks(&b[from..to], out);
                    }
                    _ => {}
                }
                end
            }
            Some(b'?') => past(b, at + 2, b">"),
            Some(b'/') if after.is_some_and(|c| c.is_ascii_alphabetic()) => {
                let tag = scan_tag(b, at + 2, max, trim_here, &mut unread_attrs);
                if tag.name_is("svg", b) || tag.name_is("math", b) {
                    foreign = foreign.saturating_sub(1);
                }
                cut(text, &tag, &unread_attrs, &mut out, &mut copied);
                tag.end
            }
            Some(b'/') => past(b, at + 2, b">"),
            Some(c) if c.is_ascii_alphabetic() => {
                let tag = scan_tag(b, at + 1, max, trim_here, &mut unread_attrs);
                cut(text, &tag, &unread_attrs, &mut out, &mut copied);
                if tag.name_is("svg", b) || tag.name_is("math", b) {
                    foreign += usize::from(!tag.self_closing);
                    tag.end
                } else if foreign == 0 {
                    match RAW_TEXT.iter().find(|n| tag.name_is(n, b)) {
                        Some(&"plaintext") => b.len(),
                        Some(name) => {
                            let end = raw_text_end(b, tag.end, name);
                            let raw = &b[tag.end..end];
                            if trim && is_emptied_code(text, &tag, name, end) {
                                let out = copy_up_to(text, &mut out, &mut copied, tag.end, end);
                                code::line_breaks(raw, out);
                            }
                            if *name == "script" && may_hide_its_end(raw) {
                                sure = false;
                            }
                            end
                        }
                        None => tag.end,
                    }
                } else {
                    tag.end
                }
            }
            _ => at + 1,
        };
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether a script's raw text, as the scan ends it, may go on past that
/// end for the tokenizer: it holds `<!--` and then `<script` followed by
/// a space, `/` or `>`, which may open a double-escaped section, where
/// `</script>` does not end the script.
fn may_hide_its_end(raw: &[u8]) -> bool {
    let Some(escape) = memchr::memmem::find(raw, b"<!--") else {
        return false;
    };
    memchr::memchr_iter(b'<', &raw[escape..]).any(|at| {
        let rest = &raw[escape + at..];
        rest.get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case(b"<script"))
            && rest
                .get(7)
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
    })
}

/// Whether the raw text of `tag` (a raw text element `name`), up to
/// `end`, is code to empty: not when a character reference or NUL in its
/// `type` leaves the value the tree holds unsure, nor when attributes past
/// the cap are cut (its `type` may be among them).
fn is_emptied_code(text: &str, tag: &Tag, name: &str, end: usize) -> bool {
    let raw = &text.as_bytes()[tag.end..end];
    let script_type = tag.script_type.map(|(from, to)| &text[from..to]);
    !raw.is_empty()
        && tag.over.is_none()
        && !script_type.is_some_and(|t| t.contains(['&', '\0']))
        && code::is_code(name, script_type)
        && code::can_empty(name, raw)
}

/// One tag as scanned: where its name is, where it ends, and where the
/// attributes past the cap start.
struct Tag {
    name: (usize, usize),
    /// Past its `>` (the text's end when it has none).
    end: usize,
    /// Where its closing `/>` or `>` starts (the text's end when none).
    close: usize,
    /// Where its first attribute past the cap starts.
    over: Option<usize>,
    self_closing: bool,
    /// Where the value of a `<script>`'s first `type` attribute is.
    script_type: Option<(usize, usize)>,
}

impl Tag {
    fn name<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        &b[self.name.0..self.name.1]
    }

    fn name_is(&self, name: &str, b: &[u8]) -> bool {
        self.name(b).eq_ignore_ascii_case(name.as_bytes())
    }
}

/// Where an unread attribute is in the page: `from..to`, name to value.
struct Unread {
    from: usize,
    to: usize,
    /// The spaces between its `=` and its value, whose line breaks
    /// html5ever does not count (its "before attribute value" state skips
    /// them without the line count), as an empty range when there are none.
    uncounted: (usize, usize),
}

/// Copies the text of `tag` into `out` without its unread attributes
/// (each reduced to the line breaks the tokenizer counts in it; only in a
/// tag that closes, as one the page leaves open is dropped whole) and
/// without its attributes past the cap.
fn cut(
    text: &str,
    tag: &Tag,
    unread_attrs: &[Unread],
    out: &mut Option<String>,
    copied: &mut usize,
) {
    if tag.close < text.len() {
        let b = text.as_bytes();
        for attr in unread_attrs {
            let out = copy_up_to(text, out, copied, attr.from, attr.to);
            // A `\r` before, and a `\n` in or after the attribute, would
            // make one line break of two.
            if out.ends_with('\r') {
                out.push(' ');
            }
            let (gap_from, gap_to) = attr.uncounted;
            let counted: &[&[u8]] = if gap_from == gap_to {
                &[&b[attr.from..attr.to]]
            } else {
                &[&b[attr.from..gap_from], &b[gap_to..attr.to]]
            };
            for &piece in counted {
                if memchr::memchr2(b'\n', b'\r', piece).is_some() {
                    code::line_breaks(piece, out);
                }
            }
        }
    }
    if let Some(over) = tag.over {
        copy_up_to(text, out, copied, over, tag.close);
    }
}

/// Copies the text not yet copied, up to `to`, into `out` (made on the
/// first rewrite), and skips the text from `to` to `resume`; `out`, for
/// what replaces the skipped text.
fn copy_up_to<'a>(
    text: &str,
    out: &'a mut Option<String>,
    copied: &mut usize,
    to: usize,
    resume: usize,
) -> &'a mut String {
    let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
    out.push_str(&text[*copied..to]);
    *copied = resume;
    out
}

/// What ends a run of bytes in a tag: a space, `/`, `>` or `=`, as bits
/// of [`CLASS`], so that each byte of a tag costs one look-up.
const SPACE: u8 = 1;
const SLASH: u8 = 2;
const GT: u8 = 4;
const EQ: u8 = 8;
/// The tag name's end.
const NAME_END: u8 = SPACE | SLASH | GT;
/// An attribute name's end.
const ATTRIBUTE_END: u8 = NAME_END | EQ;
/// An unquoted value's end.
const VALUE_END: u8 = SPACE | GT;

static CLASS: [u8; 256] = {
    let mut class = [0; 256];
    class[b'\t' as usize] = SPACE;
    class[b'\n' as usize] = SPACE;
    class[b'\x0C' as usize] = SPACE;
    class[b'\r' as usize] = SPACE;
    class[b' ' as usize] = SPACE;
    class[b'/' as usize] = SLASH;
    class[b'>' as usize] = GT;
    class[b'=' as usize] = EQ;
    class
};

fn is_space(c: u8) -> bool {
    CLASS[usize::from(c)] == SPACE
}

/// Past the bytes from `i` on that are none of `stop`.
fn skip_until(b: &[u8], mut i: usize, stop: u8) -> usize {
    while let Some(&c) = b.get(i) {
        if CLASS[usize::from(c)] & stop != 0 {
            break;
        }
        i += 1;
    }
    i
}

/// Past the spaces from `i` on.
fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    i
}

/// Scans a tag from its name (at `start`) to past its `>`, as the
/// tokenizer's tag states do, and, if `trim`, puts in `unread_attrs`
/// where each of its first `max` attributes that no reader asks for is
/// (none when the tag keeps all its attributes, [`unread`]).
fn scan_tag(b: &[u8], start: usize, max: usize, trim: bool, unread_attrs: &mut Vec<Unread>) -> Tag {
    let mut i = skip_until(b, start, NAME_END);
    let mut tag = Tag {
        name: (start, i),
        end: b.len(),
        close: b.len(),
        over: None,
        self_closing: false,
        script_type: None,
    };
    unread_attrs.clear();
    // Looked up at the tag's first unread attribute.
    let mut keeps_all = None;
    let script = tag.name_is("script", b);
    let mut count = 0;
    // Before an attribute's name (also after a quoted value and a stray
    // `/`).
    loop {
        i = skip_spaces(b, i);
        let Some(&c) = b.get(i) else { return tag };
        match c {
            b'>' => {
                tag.close = i;
                tag.end = i + 1;
                return tag;
            }
            b'/' if b.get(i + 1) == Some(&b'>') => {
                tag.close = i;
                tag.end = i + 2;
                tag.self_closing = true;
                return tag;
            }
            b'/' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        count += 1;
        if count == max + 1 {
            tag.over = Some(i);
        }
        // The name: its first character may be `=`.
        let name = i;
        let name_end = skip_until(b, i + 1, ATTRIBUTE_END);
        let is_type =
            script && tag.script_type.is_none() && b[name..name_end].eq_ignore_ascii_case(b"type");
        let dropped = trim
            && count <= max
            && !unread::is_read_attribute(&b[name..name_end])
            && !*keeps_all.get_or_insert_with(|| unread::keeps_all_attributes(tag.name(b)));
        i = skip_spaces(b, name_end);
        if b.get(i) != Some(&b'=') {
            if is_type {
                tag.script_type = Some((name_end, name_end));
            }
            if dropped {
                unread_attrs.push(Unread {
                    from: name,
                    to: name_end,
                    uncounted: (name_end, name_end),
                });
            }
            continue;
        }
        let after_eq = i + 1;
        i = skip_spaces(b, after_eq);
        let uncounted = (after_eq, i);
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let close = find(b, i + 1, &[q]);
                let from = i + 1;
                i = close.map_or(b.len(), |at| at + 1);
                (from, close.unwrap_or(b.len()))
            }
            Some(b'>') | None => (i, i),
            Some(_) => {
                let from = i;
                i = skip_until(b, i, VALUE_END);
                (from, i)
            }
        };
        if is_type {
            tag.script_type = Some(value);
        }
        if dropped {
            unread_attrs.push(Unread {
                from: name,
                to: i,
                uncounted,
            });
        }
    }
}

/// `<!`: a comment, a CDATA section (in foreign content), or a doctype or
/// bogus comment up to `>`. Returns where scanning goes on, and where the
/// text of a comment that ends is.
fn markup_declaration(b: &[u8], at: usize, foreign: bool) -> (usize, Option<(usize, usize)>) {
    let rest = &b[at + 2..];
    if rest.starts_with(b"--") {
        let body = at + 4;
        if b.get(body) == Some(&b'>') {
            return (body + 1, None);
        }
        if b[body..].starts_with(b"->") {
            return (body + 2, None);
        }
        let mut from = body;
        while let Some(dashes) = find(b, from, b"--") {
            let tail = &b[dashes + 2..];
            if tail.starts_with(b">") {
                return (dashes + 3, Some((body, dashes)));
            }
            if tail.starts_with(b"!>") {
                return (dashes + 4, Some((body, dashes)));
            }
            from = dashes + 1;
        }
        return (b.len(), None);
    }
    if foreign && rest.starts_with(b"[CDATA[") {
        return (past(b, at + 9, b"]]>"), None);
    }
    (past(b, at + 2, b">"), None)
}

/// Where the raw text that starts at `from` ends: at the `<` of the first
/// `</name` followed by a space, `/` or `>` (the tokenizer's appropriate
/// end tag), which is then scanned as a tag.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(at) = find(b, i, b"</") {
        let n = at + 2 + name.len();
        if b.get(at + 2..n)
            .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(n)
                .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
        {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

/// Past the first `needle` at or after `from` (the text's end when none).
fn past(b: &[u8], from: usize, needle: &[u8]) -> usize {
    find(b, from, needle).map_or(b.len(), |at| at + needle.len())
}

/// The first `needle` at or after `from`.
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    match needle {
        [one] => memchr::memchr(*one, hay),
        _ => memchr::memmem::find(hay, needle),
    }
    .map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tag of `n` attributes `aK=K`.
    fn many(name: &str, n: usize) -> String {
        let attrs: String = (0..n).map(|k| format!(" a{k}={k}")).collect();
        format!("<{name}{attrs}>")
    }

    #[test]
    fn a_page_without_crowded_tags_is_not_copied() {
        let page = "<p class=\"a>b\" id=x>Ferries to Tamsby</p><!-- <p a b c d> -->";
        assert!(matches!(cap(page, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn a_tag_keeps_its_first_attributes() {
        let page = format!("{}Ferries to Tamsby</div>", many("div", 5));
        assert_eq!(
            cap(&page, 3),
            "<div a0=0 a1=1 a2=2 >Ferries to Tamsby</div>"
        );
        let closed = "<br a b=\"1 > 2\" c='x' d>text";
        assert_eq!(cap(closed, 2), "<br a b=\"1 > 2\" >text");
        assert_eq!(cap("<img a b c/>x", 1), "<img a />x");
        // End tags carry attributes too, and the tokenizer checks them.
        assert_eq!(cap("</p a b c>x", 1), "</p a >x");
        // A tag the page never closes stays unclosed.
        assert_eq!(cap("<p a b c", 1), "<p a ");
    }

    #[test]
    fn comments_raw_text_and_cdata_hold_no_tags() {
        let crowded = many("div", 4);
        for page in [
            format!("<!-- {crowded} -->"),
            format!("<script>if (a < b) {{ {crowded} }}</script>"),
            format!("<STYLE>{crowded}</style>"),
            format!("<title>{crowded}</title >"),
            format!("<textarea>{crowded}</textarea>"),
            format!("<svg><![CDATA[{crowded}]]></svg>"),
            format!("<!DOCTYPE html>{}", "<plaintext>".to_string() + &crowded),
        ] {
            assert!(matches!(cap(&page, 2), Cow::Borrowed(_)), "{page}");
        }
        // Outside them, the same tag is cut.
        for page in [
            format!("<!---->{crowded}"),
            format!("<!-- a -- b --!>{crowded}"),
            format!("<!-->{crowded}"),
            format!("<script>x</scripts></script>{crowded}"),
            format!("<svg><title>{crowded}</title></svg>"),
            // Outside foreign content, a bogus comment up to the first `>`.
            format!("<![CDATA[x>{crowded}]]>"),
        ] {
            assert!(matches!(cap(&page, 2), Cow::Owned(_)), "{page}");
        }
    }

    #[test]
    fn code_is_reduced_to_its_line_breaks() {
        let page = "<style>\r\np { color: red }\r\n</style><script type=text/javascript>\
            var quay = 'Tamsby';\nvar x = '</p>';\r</script >\n<p>Ilse Varn</p>\
            <SCRIPT TYPE>var a;\n</Script><script type=\"module\" type=\"text/template\">a</script>";
        assert_eq!(
            cap_and_trim(page, 8),
            "<style>\n\n</style><script type=text/javascript>\n\n</script >\n<p>Ilse Varn</p>\
            <SCRIPT TYPE>\n</Script><script type=\"module\" type=\"text/template\"></script>"
        );
        assert!(matches!(cap(page, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn data_scripts_escapes_and_foreign_code_are_kept() {
        for page in [
            "<script type=\"application/ld+json\">{\"name\": \"Ilse Varn\"}</script>",
            "<script type='text/template'><p>Tamsby</p></script>",
            "<script type=\"application/ld+json\" type=\"module\">{}</script>",
            "<script type=\"text&#47;javascript\">var a;</script>",
            "<script><!--\ndocument.write('<script>x</script>');\n--></script>",
            "<svg><script>var quay;</script><style>p {}</style></svg>",
            "<title>Ferries to Tamsby</title><textarea>var a;</textarea><noscript>Vell</noscript>",
            "<script></script><style></style>",
        ] {
            assert!(matches!(cap_and_trim(page, 8), Cow::Borrowed(_)), "{page}");
        }
    }

    #[test]
    fn unread_attributes_and_comment_text_are_left_out() {
        let page = "<div data-quay=\"Tamsby\" class=lead\nsrcset='a.jpg 1x,\r\nb.jpg 2x'>\
            Ilse Varn<!-- ferry\r\nnotes --></div><a href=/vell target=_blank title=\"Vell\">\
            Vell</a></div data-x=1><img src=a.jpg/><!-- a --!><!---->";
        assert_eq!(
            cap_and_trim(page, 8),
            "<div  class=lead\n\n>Ilse Varn<!--\n--></div><a href=/vell  >Vell</a>\
            </div ><img ><!----!><!---->"
        );
        assert!(matches!(cap(page, 8), Cow::Borrowed(_)));
        // A lone `\r` before a dropped attribute stays a line break of its
        // own.
        assert_eq!(
            cap_and_trim("<p\rdata-note=\"a\nb\"\rid=x>Vell</p>", 8),
            "<p\r \n\rid=x>Vell</p>"
        );
        assert_eq!(
            cap_and_trim("<p\rdata-note=\"a\"\n id=x>Vell</p>", 8),
            "<p\r \n id=x>Vell</p>"
        );
        // The tokenizer does not count the line breaks between `=` and a
        // value; those before `=` and in the value it does.
        assert_eq!(
            cap_and_trim("<p data-a=\n\"x\" data-b\n=\r\n'y\rz' id=k>Vell</p>", 8),
            "<p  \n\n id=k>Vell</p>"
        );
    }

    #[test]
    fn attributes_are_kept_where_they_count_or_the_scan_is_unsure() {
        for page in [
            // Compared whole by the tree builder, or added to by a repeated
            // tag up to a cap.
            "<b data-k=1>Tamsby</b><FONT data-k=2>Vell</FONT><html data-theme=dark>",
            "<body data-page=1><p>Ilse Varn</p>",
            // In foreign content.
            "<svg><path d=\"M0 0\"/><!-- quay --></svg>",
            // After a script whose double-escaped section may hide its end.
            "<script type=text/x-quay><!--<script>x</script>--></script><p data-k=1>Vell</p>",
            // In a tag the page never closes.
            "<p data-k=1 class=x",
            // In raw text, and comments that end as they start.
            "<noscript><img src=a.jpg></noscript><!--><!--->",
        ] {
            assert!(matches!(cap_and_trim(page, 8), Cow::Borrowed(_)), "{page}");
        }
        // After a script that only escapes, the scan is still sure.
        assert_eq!(
            cap_and_trim("<script><!-- var a; --></script><p data-k=1>Vell</p>", 8),
            "<script><!-- var a; --></script><p >Vell</p>"
        );
    }

    #[test]
    fn a_tag_of_the_cap_is_untouched() {
        let page = many("span", MAX_ATTRIBUTES);
        assert!(matches!(cap(&page, MAX_ATTRIBUTES), Cow::Borrowed(_)));
        let over = many("span", MAX_ATTRIBUTES + 1);
        assert_eq!(
            cap(&over, MAX_ATTRIBUTES),
            format!("{} >", &page[..page.len() - 1])
        );
    }
}
