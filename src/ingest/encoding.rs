//! Turning a file's bytes into text: UTF-8 (with or without a byte-order
//! mark), UTF-16 with a byte-order mark, and legacy single-byte encodings
//! such as Windows-1252 and Latin-1.
//!
//! Decoding is done by `encoding_rs` (the WHATWG decoders browsers use), and
//! a file that is not UTF-8 and declares nothing is identified by
//! `chardetng` (Firefox's detector), because hand-written guesses get
//! Windows-1252 punctuation and Central European letters wrong. The result
//! says whether byte offsets in the text are byte offsets in the file, which
//! is only true for UTF-8. Web pages are decoded the way browsers decode
//! them ([`Hints::page`]): malformed bytes are replaced, not refused.

use super::IngestError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A file's bytes as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Bytes before the text in the file (a byte-order mark).
    pub bom_len: usize,
    /// The encoding the file was read in (`"UTF-8"`, `"windows-1252"`).
    pub encoding: &'static str,
    /// Whether offsets in `text` are offsets in the file (minus `bom_len`):
    /// true for UTF-8 only.
    pub verbatim: bool,
}

/// How many bytes the NUL-byte and detector checks look at.
const SNIFF_BYTES: usize = 64 * 1024;

/// What the file is, as far as decoding cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints<'a> {
    /// A label the file itself gives (an HTML `<meta charset>`).
    pub declared: Option<&'a str>,
    /// The file is a web page: decoded as browsers do, so a page that
    /// declares UTF-8 keeps it with only its bad bytes replaced, and a few
    /// stray NUL bytes do not make it binary.
    pub page: bool,
}

/// At most one byte in this many may be NUL in a web page that is still
/// read as text (UTF-16 without a byte-order mark is half NULs, images and
/// archives far more than this).
const PAGE_NUL_RATIO: usize = 100;

/// Decodes a file's bytes.
pub fn decode(bytes: &[u8], hints: Hints<'_>) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            if hints.page {
                return Ok(decode_lossy(UTF_8, &bytes[bom_len..], bom_len));
            }
            return decode_utf8(&bytes[bom_len..], bom_len);
        }
        return decode_with(encoding, &bytes[bom_len..], bom_len);
    }
    // UTF-16 without a byte-order mark is not supported: it looks binary.
    let sniff = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let nuls = sniff.iter().filter(|&&b| b == 0).count();
    if nuls > 0 && (!hints.page || nuls * PAGE_NUL_RATIO > sniff.len()) {
        return Err(IngestError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            bom_len: 0,
            encoding: UTF_8.name(),
            verbatim: true,
        });
    }
    let declared = hints
        .declared
        .and_then(|label| Encoding::for_label_no_replacement(label.trim().as_bytes()));
    // A page that declares UTF-8 (or UTF-16, which browsers read as UTF-8
    // in a page without a byte-order mark) stays UTF-8: a few bad bytes in
    // a script or menu do not make the whole page Latin-1.
    if hints.page && declared.is_some_and(|e| e == UTF_8 || e == UTF_16LE || e == UTF_16BE) {
        return Ok(decode_lossy(UTF_8, bytes, 0));
    }
    let declared = declared.filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(sniff, sniff.len() == bytes.len());
        detector.guess(None, chardetng::Utf8Detection::Deny)
    });
    if hints.page {
        return Ok(decode_lossy(encoding, bytes, 0));
    }
    decode_with(encoding, bytes, 0)
}

/// [`decode`] of bytes the caller gives up: a UTF-8 file without a
/// byte-order mark (the common case) becomes its text without a copy, so a
/// long article is not held twice while it is read.
pub fn decode_owned(bytes: Vec<u8>, hints: Hints<'_>) -> Result<Decoded, IngestError> {
    let sniff = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if bytes.is_empty() || Encoding::for_bom(&bytes).is_some() || sniff.contains(&0) {
        return decode(&bytes, hints);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            bom_len: 0,
            encoding: UTF_8.name(),
            verbatim: true,
        }),
        Err(e) => decode(e.as_bytes(), hints),
    }
}

/// Decodes as a browser does: each malformed sequence becomes U+FFFD.
fn decode_lossy(encoding: &'static Encoding, bytes: &[u8], bom_len: usize) -> Decoded {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        bom_len,
        encoding: encoding.name(),
        verbatim: false,
    }
}

fn decode_utf8(bytes: &[u8], bom_len: usize) -> Result<Decoded, IngestError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            bom_len,
            encoding: UTF_8.name(),
            verbatim: true,
        }),
        Err(e) => Err(IngestError::BadUtf8 {
            offset: bom_len + e.valid_up_to(),
        }),
    }
}

/// Decodes with a known encoding; malformed input is an error rather than
/// text full of replacement characters.
fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    bom_len: usize,
) -> Result<Decoded, IngestError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let offset = first_error(encoding, bytes);
        return Err(IngestError::Undecodable {
            encoding: encoding.name(),
            offset: bom_len + offset,
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        bom_len,
        encoding: encoding.name(),
        verbatim: false,
    })
}

/// The offset of the first byte `encoding` cannot decode.
fn first_error(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        // `read` counts the bad bytes and the ones after them that the
        // decoder had to look at.
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            read.saturating_sub(bad as usize + after as usize)
        }
        _ => bytes.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(label: &str) -> Hints<'_> {
        Hints {
            declared: Some(label),
            page: false,
        }
    }

    fn page(label: Option<&str>) -> Hints<'_> {
        Hints {
            declared: label,
            page: true,
        }
    }

    #[test]
    fn a_page_declaring_utf8_keeps_it_despite_bad_bytes() {
        let mut bytes = "<meta charset=\"utf-8\"><p>Zürich — café</p><script>x=''</script>"
            .as_bytes()
            .to_vec();
        let at = bytes.len() - "'</script>".len();
        bytes.insert(at, 0xE9); // a lone Latin-1 byte in a script
        let d = decode(&bytes, page(Some("utf-8"))).unwrap();
        assert!(d.text.contains("Zürich — café"), "{}", d.text);
        assert!(d.text.contains("x='\u{FFFD}'"), "{}", d.text);
        assert_eq!(d.encoding, "UTF-8");
        // Outside a page, the same bytes are not taken as UTF-8.
        assert_ne!(decode(&bytes, declared("utf-8")).unwrap().encoding, "UTF-8");
        // A UTF-8 byte-order mark is as good as a declaration.
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&bytes);
        assert!(decode(&bom, page(None)).unwrap().text.contains("café"));
    }

    #[test]
    fn stray_nuls_do_not_make_a_page_binary() {
        let mut bytes =
            b"<html><body><p>The talks went on until late on Monday evening.</p>".to_vec();
        bytes.extend_from_slice(&[0, b'\n']);
        bytes.extend_from_slice(&b"<p>More text follows here.</p></body></html>".repeat(5));
        let d = decode(&bytes, page(None)).unwrap();
        assert!(d.text.contains("The talks went on"));
        assert!(matches!(
            decode(&bytes, Hints::default()),
            Err(IngestError::Binary)
        ));
        // Mostly NULs is binary even for a page.
        let wide: Vec<u8> = "<html>hello</html>".bytes().flat_map(|b| [b, 0]).collect();
        assert!(matches!(
            decode(&wide, page(None)),
            Err(IngestError::Binary)
        ));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("café".as_bytes(), Hints::default()).unwrap();
        for bytes in [
            &b"caf\xc3\xa9"[..],
            b"caf\xe9",
            b"\xEF\xBB\xBFhi",
            b"a\0b",
            b"",
        ] {
            assert_eq!(
                format!("{:?}", decode_owned(bytes.to_vec(), Hints::default())),
                format!("{:?}", decode(bytes, Hints::default())),
                "{bytes:?}"
            );
        }
        assert_eq!((plain.text.as_str(), plain.bom_len), ("café", 0));
        assert!(plain.verbatim);
        let bom = decode(b"\xEF\xBB\xBFhi", Hints::default()).unwrap();
        assert_eq!((bom.text.as_str(), bom.bom_len), ("hi", 3));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Kyiv — talks".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&le, Hints::default()).unwrap();
        assert_eq!(d.text, "Kyiv — talks");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(!d.verbatim);
        let mut be = vec![0xFE, 0xFF];
        for unit in "Ça va".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be, Hints::default()).unwrap().text, "Ça va");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"The minister\x92s \x93caf\xe9\x94 remarks were welcomed by the d\xe9l\xe9gation on Monday.";
        let d = decode(bytes, Hints::default()).unwrap();
        assert_eq!(
            d.text,
            "The minister’s “café” remarks were welcomed by the délégation on Monday."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_declared_charset_is_used() {
        let d = decode(b"na\xefve", declared("iso-8859-1")).unwrap();
        assert_eq!(d.text, "naïve");
    }

    #[test]
    fn binary_and_broken_files_are_refused() {
        assert!(matches!(
            decode(b"", Hints::default()),
            Err(IngestError::Empty)
        ));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", Hints::default()),
            Err(IngestError::Binary)
        ));
        // A UTF-16 byte-order mark followed by an unpaired surrogate.
        let broken = decode(b"\xFF\xFEa\x00\x00\xD8b\x00", Hints::default());
        assert!(
            matches!(
                broken,
                Err(IngestError::Undecodable {
                    encoding: "UTF-16LE",
                    offset: 4
                })
            ),
            "{broken:?}"
        );
        assert!(matches!(
            decode(b"\xEF\xBB\xBFcaf\xe9", Hints::default()),
            Err(IngestError::BadUtf8 { offset: 6 })
        ));
    }
}
