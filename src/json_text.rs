//! JSON values written by hand into a line, byte for byte as `serde_json`
//! writes them (compact, strings escaped the same way), for the one output
//! whose size makes the writing matter: `analyze --json` prints every
//! passage's text (8 MB on bbc), and `serde_json` looks at a string a
//! byte at a time and copies it a run at a time. Here a string is looked
//! at eight bytes at a time, and most passages need no escape.

/// `text` as a JSON string: `"` and `\` escaped, control characters as
/// `\b`, `\t`, `\n`, `\f`, `\r` or `\u00XX`, everything else as it is.
pub fn string(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        if let Some(eight) = bytes.get(at..at + 8) {
            if !may_need_escape(u64::from_le_bytes(eight.try_into().expect("8 bytes"))) {
                at += 8;
                continue;
            }
        }
        if let Some(escape) = escape(bytes[at]) {
            out.extend_from_slice(&bytes[copied..at]);
            out.extend_from_slice(&escape);
            copied = at + 1;
        }
        at += 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// A string, or `null`.
pub fn optional_string(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => string(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

/// A number in decimal.
pub fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// An array of strings.
pub fn strings(out: &mut Vec<u8>, texts: &[String]) {
    out.push(b'[');
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, text);
    }
    out.push(b']');
}

/// Whether one of the eight bytes of `word` may need an escape: it is
/// below 0x20, or `"`, or `\` (no byte that does is missed; a flagged word
/// is looked at a byte at a time).
fn may_need_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    below_space
        || has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
}

/// The escape of `byte` in a JSON string, if it needs one: six bytes
/// (`\u00XX`) or two, the rest zero.
fn escape(byte: u8) -> Option<EscapeBytes> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| EscapeBytes::Short([b'\\', c]);
    Some(match byte {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        0x08 => short(b'b'),
        0x0c => short(b'f'),
        b'\n' => short(b'n'),
        b'\r' => short(b'r'),
        b'\t' => short(b't'),
        0x00..=0x1f => EscapeBytes::Long([
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xf)],
        ]),
        _ => return None,
    })
}

/// An escape: `\n` or `\u001b`.
enum EscapeBytes {
    Short([u8; 2]),
    Long([u8; 6]),
}

impl std::ops::Deref for EscapeBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            EscapeBytes::Short(b) => b,
            EscapeBytes::Long(b) => b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        let mut every_byte = String::new();
        for b in 0u8..0x80 {
            every_byte.push(char::from(b));
        }
        for text in [
            "",
            "Ferry",
            "\"It sails at dawn,\" said Mara Vesk.",
            "C:\\ferries\\brindle",
            "tab\there, line\nthere\r\n",
            &every_byte,
            "Łódź \u{2019}quoted\u{2019} \u{1F6A2} \u{7f}\u{85}",
            "eight by! \"eight by\"\u{1b}[2J and the rest",
        ] {
            let mut ours = Vec::new();
            string(&mut ours, text);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
    }

    #[test]
    fn numbers_and_nulls_are_written_as_serde_json_writes_them() {
        for n in [0, 7, 10, 4_096, u64::MAX] {
            let mut ours = Vec::new();
            number(&mut ours, n);
            assert_eq!(ours, serde_json::to_vec(&n).unwrap());
        }
        let mut ours = Vec::new();
        optional_string(&mut ours, None);
        strings(&mut ours, &["Oda".into(), "\"Brenn\"".into()]);
        strings(&mut ours, &[]);
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            r#"null["Oda","\"Brenn\""][]"#
        );
    }
}
