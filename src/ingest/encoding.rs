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
use std::io::{Read, Seek, SeekFrom};

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

/// At most one byte in this many may be a binary control byte (a NUL or
/// another of [`is_binary_byte`]'s) in a web page with NULs that is still
/// read as text: UTF-16 without a byte-order mark is half NULs, and images,
/// archives and compressed PDFs, whose bytes are near random, about one in
/// ten, while a page's stray NULs are a handful.
const PAGE_NUL_RATIO: usize = 100;

/// A byte that text never holds: the WHATWG MIME sniffing standard's
/// "binary data byte" (control characters other than tab, line feed, form
/// feed, carriage return and escape).
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)
}

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
    let binary_bytes = || sniff.iter().filter(|&&b| is_binary_byte(b)).count();
    if nuls > 0 && (!hints.page || binary_bytes() * PAGE_NUL_RATIO > sniff.len()) {
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

/// Bytes decoded at a time by [`decode_text_stream`].
pub const STREAM_CHUNK_BYTES: usize = 64 * 1024;

/// Why [`decode_text_stream`] stopped.
#[derive(Debug)]
pub enum StreamError {
    /// The bytes could not be read.
    Read(std::io::Error),
    /// They are not text this decoder reads (the same error [`decode`]
    /// gives for the same bytes).
    Decode(IngestError),
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Read(e)
    }
}

/// Where a streaming decoder puts the text, a piece at a time: a `String`
/// collects it whole; a reader that keeps only what it needs of a long
/// article implements it too (`ingest::long_text`).
pub trait TextSink {
    /// The next piece of the text (control characters already blanked).
    fn push(&mut self, piece: &str);
    /// The text read so far is void: the file is read again from its
    /// start, in another encoding.
    fn restart(&mut self);
}

impl TextSink for String {
    fn push(&mut self, piece: &str) {
        self.push_str(piece);
    }
    fn restart(&mut self) {
        self.clear();
    }
}

/// How a file was decoded: what [`Decoded`] says besides its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoding {
    pub bom_len: usize,
    pub encoding: &'static str,
    pub verbatim: bool,
}

/// [`decode`] of a plain-text or Markdown file (no [`Hints`]) read from
/// `reader` [`STREAM_CHUNK_BYTES`] at a time, with its control characters
/// blanked ([`super::blank_controls`]) chunk by chunk: its bytes are never
/// held whole beside its text. `len_hint` (the file's size) is the text's
/// first capacity. The encoding is told from the first chunk as [`decode`]
/// tells it from the whole: a byte-order mark, NUL bytes (binary), else
/// UTF-8; a file that turns out not to be UTF-8 further on is read again
/// from the start (`reader` is rewound) in the encoding its first
/// [`SNIFF_BYTES`] suggest.
pub fn decode_text_stream<R: Read + Seek>(
    reader: &mut R,
    len_hint: usize,
) -> Result<Decoded, StreamError> {
    let mut text = String::with_capacity(len_hint);
    let how = decode_text_chunks(reader, &mut text, STREAM_CHUNK_BYTES)?;
    Ok(Decoded {
        text,
        bom_len: how.bom_len,
        encoding: how.encoding,
        verbatim: how.verbatim,
    })
}

/// [`decode_text_stream`], handing the text to `sink` as it is decoded
/// instead of collecting it.
pub fn decode_text_into<R: Read + Seek>(
    reader: &mut R,
    sink: &mut dyn TextSink,
) -> Result<Decoding, StreamError> {
    decode_text_chunks(reader, sink, STREAM_CHUNK_BYTES)
}

/// Decodes `reader` again as an earlier [`decode_text_into`] of the same
/// bytes did (`how`), from its start: the text goes to `sink`. Bytes that
/// do not decode are an error, as they were not there before.
pub fn decode_again<R: Read + Seek>(
    reader: &mut R,
    how: Decoding,
    sink: &mut dyn TextSink,
) -> Result<(), StreamError> {
    let chunk = STREAM_CHUNK_BYTES;
    reader.seek(SeekFrom::Start(how.bom_len as u64))?;
    let encoding = Encoding::for_label_no_replacement(how.encoding.as_bytes()).unwrap_or(UTF_8);
    if encoding == UTF_8 {
        return match stream_utf8(reader, sink, chunk, how.bom_len)? {
            Ok(()) => Ok(()),
            Err(offset) => Err(StreamError::Decode(IngestError::BadUtf8 { offset })),
        };
    }
    stream_with(reader, sink, chunk, encoding, how.bom_len).map(|_| ())
}

/// [`decode_text_into`] in chunks of `chunk` bytes (small in tests).
fn decode_text_chunks<R: Read + Seek>(
    reader: &mut R,
    sink: &mut dyn TextSink,
    chunk: usize,
) -> Result<Decoding, StreamError> {
    let chunk = chunk.max(4);
    // The first bytes: enough to see a byte-order mark and, as `decode`
    // looks, NUL bytes and the detector's evidence.
    // Room for the file, up to SNIFF_BYTES: read_to_end zeroes the room it
    // is given, and 64 KB for every small file cost more than decoding it.
    let size = reader.seek(SeekFrom::End(0))?;
    reader.seek(SeekFrom::Start(0))?;
    let room = usize::try_from(size).map_or(SNIFF_BYTES, |size| size.saturating_add(1));
    let mut sniff = Vec::with_capacity(room.min(SNIFF_BYTES));
    (&mut *reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut sniff)?;
    let whole = sniff.len() < SNIFF_BYTES || at_end(reader)?;
    if sniff.is_empty() {
        return Err(StreamError::Decode(IngestError::Empty));
    }
    // A file shorter than a chunk is read through a buffer its size (one
    // byte more, to see its end): a 64 KB zeroed buffer per small file
    // cost more than decoding it.
    let chunk = if whole {
        chunk.min(sniff.len() + 1).max(4)
    } else {
        chunk
    };
    if let Some((encoding, bom_len)) = Encoding::for_bom(&sniff) {
        reader.seek(SeekFrom::Start(bom_len as u64))?;
        if encoding == UTF_8 {
            return match stream_utf8(reader, sink, chunk, bom_len)? {
                Ok(()) => Ok(verbatim_utf8(bom_len)),
                Err(offset) => Err(StreamError::Decode(IngestError::BadUtf8 { offset })),
            };
        }
        return stream_with(reader, sink, chunk, encoding, bom_len);
    }
    if sniff.contains(&0) {
        return Err(StreamError::Decode(IngestError::Binary));
    }
    if whole {
        // The whole file was read: it is decoded from there, not read again.
        if let Ok(text) = std::str::from_utf8(&sniff) {
            push_blanked(sink, text);
            return Ok(verbatim_utf8(0));
        }
    }
    reader.seek(SeekFrom::Start(0))?;
    if let Ok(()) = stream_utf8(reader, sink, chunk, 0)? {
        return Ok(verbatim_utf8(0));
    }
    sink.restart();
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&sniff, whole);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    drop(sniff);
    reader.seek(SeekFrom::Start(0))?;
    stream_with(reader, sink, chunk, encoding, 0)
}

/// Whether `reader` has nothing left (without losing what it has).
fn at_end<R: Read + Seek>(reader: &mut R) -> std::io::Result<bool> {
    let mut one = [0u8; 1];
    let read = reader.read(&mut one)?;
    if read == 1 {
        reader.seek(SeekFrom::Current(-1))?;
    }
    Ok(read == 0)
}

fn verbatim_utf8(bom_len: usize) -> Decoding {
    Decoding {
        bom_len,
        encoding: UTF_8.name(),
        verbatim: true,
    }
}

/// The rest of `reader` as UTF-8 text with its controls blanked, into
/// `sink`, or the file offset of its first byte that is not UTF-8
/// (`skipped` bytes came before the reader's position).
fn stream_utf8<R: Read>(
    reader: &mut R,
    sink: &mut dyn TextSink,
    chunk: usize,
    skipped: usize,
) -> std::io::Result<Result<(), usize>> {
    let mut buffer = vec![0u8; chunk];
    // Bytes of a character cut by the end of the chunk before.
    let mut carried = 0;
    let mut offset = skipped;
    loop {
        let read = read_some(reader, &mut buffer[carried..])?;
        let filled = carried + read;
        let at_end = read == 0;
        let (valid, rest) = match std::str::from_utf8(&buffer[..filled]) {
            Ok(all) => (all, 0),
            // A character cut by the chunk's end: kept for the next.
            Err(e) if e.error_len().is_none() && !at_end => {
                let valid = e.valid_up_to();
                let prefix = std::str::from_utf8(&buffer[..valid]).expect("checked up to here");
                (prefix, filled - valid)
            }
            Err(e) => return Ok(Err(offset + e.valid_up_to())),
        };
        push_blanked(sink, valid);
        offset += filled - rest;
        buffer.copy_within(filled - rest..filled, 0);
        carried = rest;
        if at_end {
            return Ok(Ok(()));
        }
    }
}

/// Reads into `buffer` until it is full or the reader ends; the bytes read.
fn read_some<R: Read>(reader: &mut R, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Hands `piece` to `sink` with its control characters blanked.
fn push_blanked(sink: &mut dyn TextSink, piece: &str) {
    if piece.is_empty() {
        return;
    }
    if super::holds_control(piece) {
        let mut piece = piece.to_string();
        super::blank_controls(&mut piece);
        sink.push(&piece);
    } else {
        sink.push(piece);
    }
}

/// The rest of `reader` decoded with `encoding`, into `sink`; malformed
/// input is an error, at the offset [`decode_with`] gives.
fn stream_with<R: Read>(
    reader: &mut R,
    sink: &mut dyn TextSink,
    chunk: usize,
    encoding: &'static Encoding,
    bom_len: usize,
) -> Result<Decoding, StreamError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut piece = String::new();
    let mut buffer = vec![0u8; chunk];
    let mut offset = bom_len;
    loop {
        let read = read_some(reader, &mut buffer)?;
        let last = read == 0;
        let mut input = &buffer[..read];
        loop {
            piece.clear();
            let room = decoder
                .max_utf8_buffer_length_without_replacement(input.len())
                .unwrap_or(input.len() * 3 + 16);
            piece.reserve(room);
            let (result, used) =
                decoder.decode_to_string_without_replacement(input, &mut piece, last);
            push_blanked(sink, &piece);
            match result {
                encoding_rs::DecoderResult::InputEmpty => {
                    offset += used;
                    break;
                }
                encoding_rs::DecoderResult::OutputFull => {
                    offset += used;
                    input = &input[used..];
                }
                encoding_rs::DecoderResult::Malformed(bad, after) => {
                    let at = (offset + used).saturating_sub(bad as usize + after as usize);
                    return Err(StreamError::Decode(IngestError::Undecodable {
                        encoding: encoding.name(),
                        offset: at,
                    }));
                }
            }
        }
        if last {
            return Ok(Decoding {
                bom_len,
                encoding: encoding.name(),
                verbatim: false,
            });
        }
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

    /// A reader that counts the bytes read from it.
    struct Counted {
        inner: std::io::Cursor<Vec<u8>>,
        read: usize,
    }

    impl Read for Counted {
        fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
            let read = self.inner.read(buffer)?;
            self.read += read;
            Ok(read)
        }
    }

    impl Seek for Counted {
        fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
            self.inner.seek(to)
        }
    }

    #[test]
    fn a_small_utf8_file_is_read_once_and_its_controls_blanked() {
        let bytes = "Ferry to Brindle\u{7}\n\u{85}Tavi Quell \u{a9} 2031\n"
            .as_bytes()
            .to_vec();
        let mut reader = Counted {
            inner: std::io::Cursor::new(bytes.clone()),
            read: 0,
        };
        let mut text = String::new();
        let how = decode_text_into(&mut reader, &mut text).unwrap();
        assert!(how.verbatim && how.encoding == "UTF-8");
        assert_eq!(reader.read, bytes.len());
        assert_eq!(text, "Ferry to Brindle \n  Tavi Quell \u{a9} 2031\n");
    }

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
        // Compressed data holds NULs rarely (about one byte in 256) but
        // other control bytes often: binary for a page too.
        let mut state = 0x2545_F491_u32;
        let mut packed = b"PK\x03\x04".to_vec();
        packed.extend((0..4096).map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            (state >> 24) as u8
        }));
        let nuls = packed.iter().filter(|&&b| b == 0).count();
        assert!(nuls > 0 && nuls * PAGE_NUL_RATIO < packed.len());
        assert!(matches!(
            decode(&packed, page(None)),
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

    /// Read in chunks of any size (characters and byte-order marks cut
    /// anywhere), a text file decodes as it does whole, to the same text,
    /// encoding and error.
    #[test]
    fn a_file_decoded_chunk_by_chunk_decodes_as_it_does_whole() {
        let utf16 = |text: &str, le: bool| -> Vec<u8> {
            let mut bytes = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if le {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            bytes
        };
        let mut late_latin1 = "Talks resumed on Monday in Zürich — café. "
            .repeat(40)
            .into_bytes();
        late_latin1.extend_from_slice(b"The d\xe9l\xe9gation left.");
        let cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            "Zürich — café, 東京 and 🚢 ships".into(),
            "a\x1b[2Jb\u{9b}c\td\r\ne\u{85}f \u{a0}".into(),
            b"\xEF\xBB\xBFhi \xc3\xa9".to_vec(),
            b"\xEF\xBB\xBFcaf\xe9 more".to_vec(),
            b"The minister\x92s \x93caf\xe9\x94 remarks were welcomed on Monday.".to_vec(),
            late_latin1,
            b"a\0b".to_vec(),
            utf16("Kyiv — talks 🚢 \u{1b}x", true),
            utf16("Ça va", false),
            b"\xFF\xFEa\x00\x00\xD8b\x00".to_vec(),
        ];
        for bytes in &cases {
            let whole = decode(bytes, Hints::default()).map(|mut d| {
                super::super::blank_controls(&mut d.text);
                d
            });
            for chunk in [4, 5, 7, 64, STREAM_CHUNK_BYTES] {
                let mut reader = std::io::Cursor::new(bytes.clone());
                let mut text = String::new();
                let streamed = match decode_text_chunks(&mut reader, &mut text, chunk) {
                    Ok(how) => Ok(Decoded {
                        text,
                        bom_len: how.bom_len,
                        encoding: how.encoding,
                        verbatim: how.verbatim,
                    }),
                    Err(StreamError::Decode(e)) => Err(e),
                    Err(StreamError::Read(e)) => panic!("{e}"),
                };
                assert_eq!(
                    format!("{streamed:?}"),
                    format!("{whole:?}"),
                    "{bytes:?} in chunks of {chunk}"
                );
            }
        }
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
