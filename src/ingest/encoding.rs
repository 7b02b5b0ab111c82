//! Turning a file's bytes into text: UTF-8 (with or without a byte-order
//! mark), UTF-16 with a byte-order mark, and legacy single-byte encodings
//! such as Windows-1252 and Latin-1.
//!
//! Decoding is done by `encoding_rs` (the WHATWG decoders browsers use), and
//! a file that is not UTF-8 and declares nothing is identified by
//! `chardetng` (Firefox's detector), because hand-written guesses get
//! Windows-1252 punctuation and Central European letters wrong. The result
//! says whether byte offsets in the text are byte offsets in the file, which
//! is only true for UTF-8.

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

/// Decodes a file's bytes. `declared` is a label the file itself gives
/// (an HTML `<meta charset>`), used when the bytes are not UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            return decode_utf8(&bytes[bom_len..], bom_len);
        }
        return decode_with(encoding, &bytes[bom_len..], bom_len);
    }
    // UTF-16 without a byte-order mark is not supported: it looks binary.
    if bytes.iter().take(SNIFF_BYTES).any(|&b| b == 0) {
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
    let declared = declared
        .and_then(|label| Encoding::for_label_no_replacement(label.trim().as_bytes()))
        .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    let encoding = declared.unwrap_or_else(|| {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
        detector.feed(sample, sample.len() == bytes.len());
        detector.guess(None, chardetng::Utf8Detection::Deny)
    });
    decode_with(encoding, bytes, 0)
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

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("café".as_bytes(), None).unwrap();
        assert_eq!((plain.text.as_str(), plain.bom_len), ("café", 0));
        assert!(plain.verbatim);
        let bom = decode(b"\xEF\xBB\xBFhi", None).unwrap();
        assert_eq!((bom.text.as_str(), bom.bom_len), ("hi", 3));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for unit in "Kyiv — talks".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!(d.text, "Kyiv — talks");
        assert_eq!(d.encoding, "UTF-16LE");
        assert!(!d.verbatim);
        let mut be = vec![0xFE, 0xFF];
        for unit in "Ça va".encode_utf16() {
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, "Ça va");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"The minister\x92s \x93caf\xe9\x94 remarks were welcomed by the d\xe9l\xe9gation on Monday.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(
            d.text,
            "The minister’s “café” remarks were welcomed by the délégation on Monday."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_declared_charset_is_used() {
        let d = decode(b"na\xefve", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "naïve");
    }

    #[test]
    fn binary_and_broken_files_are_refused() {
        assert!(matches!(decode(b"", None), Err(IngestError::Empty)));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", None),
            Err(IngestError::Binary)
        ));
        // A UTF-16 byte-order mark followed by an unpaired surrogate.
        let broken = decode(b"\xFF\xFEa\x00\x00\xD8b\x00", None);
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
            decode(b"\xEF\xBB\xBFcaf\xe9", None),
            Err(IngestError::BadUtf8 { offset: 6 })
        ));
    }
}
