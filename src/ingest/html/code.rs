//! Code in a page: `<style>` and JavaScript `<script>` elements, whose text
//! no reader uses.
//!
//! The sink leaves their text out of the tree ([`is_code`]), but
//! html5ever's tokenizer still reads it a character at a time: 42% of the
//! bytes of the trafilatura benchmark's pages. So the scan that caps
//! attributes before parsing (`attributes::cap_and_trim`), which
//! already knows where raw text starts and ends, hands the tokenizer that
//! text reduced to its line breaks ([`line_breaks`]): the tree, and the
//! source line of every element after the code, come out the same.
//! Data scripts (`application/ld+json`, templates) are kept whole.

/// Whether an element named `name` (lower case) with the `type` attribute
/// `script_type` (its value as the tree holds it, when it has one) holds
/// code: a `<style>`, or a JavaScript `<script>`.
pub fn is_code(name: &str, script_type: Option<&str>) -> bool {
    match name {
        "style" => true,
        "script" => is_javascript(script_type),
        _ => false,
    }
}

/// Whether a `<script>` with the `type` attribute `script_type` holds
/// JavaScript: it has no type, an empty one, `module`, or a JavaScript or
/// ECMAScript MIME type.
pub fn is_javascript(script_type: Option<&str>) -> bool {
    script_type
        .map(|t| t.trim().to_ascii_lowercase())
        .is_none_or(|t| {
            t.is_empty() || t == "module" || t.contains("javascript") || t.contains("ecmascript")
        })
}

/// Whether the raw text of a code element can be replaced: always for a
/// `<style>` (the tokenizer ends it at the first `</style`), and for a
/// script without `<!--`, which alone makes the tokenizer read past a
/// `</script` (its escaped sections, which the scan does not follow).
pub fn can_empty(name: &str, raw: &[u8]) -> bool {
    name != "script" || memchr::memmem::find(raw, b"<!--").is_none()
}

/// Appends to `out` one `\n` per line break of `raw` as the tokenizer
/// counts them (`\r\n`, `\r` and `\n` are one each), so that the elements
/// after it keep their source lines.
pub fn line_breaks(raw: &[u8], out: &mut String) {
    let lf = memchr::memchr_iter(b'\n', raw).count();
    let lone_cr = memchr::memchr_iter(b'\r', raw)
        .filter(|&at| raw.get(at + 1) != Some(&b'\n'))
        .count();
    out.extend(std::iter::repeat_n('\n', lf + lone_cr));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_and_javascript_are_code_data_scripts_are_not() {
        assert!(is_code("style", None));
        assert!(is_code("script", None));
        for t in ["", " Text/JavaScript ", "module", "application/ecmascript"] {
            assert!(is_code("script", Some(t)), "{t:?}");
        }
        for t in ["application/ld+json", "text/template", "text/x-tamsby"] {
            assert!(!is_code("script", Some(t)), "{t:?}");
        }
        assert!(!is_code("title", None));
        assert!(!is_code("noscript", None));
    }

    #[test]
    fn a_script_with_an_escape_is_kept() {
        assert!(can_empty("script", b"var ferry = '</p>';"));
        assert!(!can_empty(
            "script",
            b"document.write('<!--<script>x</script>-->');"
        ));
        assert!(can_empty("style", b"<!-- p { color: red } -->"));
    }

    #[test]
    fn line_breaks_are_counted_as_the_tokenizer_counts_them() {
        let mut out = String::new();
        line_breaks(b"var quay = 'Tamsby';\r\nvar a;\rvar b;\nx\r\r\n", &mut out);
        assert_eq!(out, "\n\n\n\n\n");
        out.clear();
        line_breaks(b"var quay = 'Tamsby';", &mut out);
        assert_eq!(out, "");
    }
}
