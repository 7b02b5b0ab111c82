//! File paths as text, without losing any byte.
//!
//! On Unix a file name is any bytes but `/` and NUL, not necessarily UTF-8,
//! while the index stores text and JSON carries only Unicode. Decoding such
//! a name lossily (U+FFFD for each bad byte) gave a path that could not be
//! opened, and made two different files one key in the index. So:
//!
//! - The index stores a UTF-8 path as it is and any other path as a NUL
//!   followed by the path with its bad bytes written `\xHH` and its
//!   backslashes doubled ([`stored`]). No real path holds a NUL, so the two
//!   forms never meet, and [`from_stored`] gives back the exact bytes.
//! - People and JSON's `path` see the path with each byte that is not UTF-8
//!   written `\xHH` ([`shown`]); JSON adds `path_bytes`, the exact bytes in
//!   base64, for those paths only ([`bytes_field`]; ripgrep's JSON output
//!   carries bytes that are not UTF-8 the same way).

use base64::Engine;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// What starts the stored form of a path that is not UTF-8.
const NOT_UTF8: char = '\0';

/// The bytes of a path (on Unix, exactly the file name's bytes).
fn bytes_of(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A path split at its last `/`: the folder before it (`None` for a bare
/// name; `/` for a file at the root) and the file name after it. `None`
/// when the path ends in no plain name (`a/`, `a/.`, `a/..`), which
/// `Path` reads otherwise.
///
/// Called for every file a walk meets: found from the end of the path's
/// bytes, where `Path`'s component parsing (several times per file) was a
/// sixth of the walk of a no-op re-index.
#[cfg(unix)]
pub fn folder_and_name(path: &Path) -> Option<(Option<&Path>, &OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = bytes_of(path);
    let slash = bytes.iter().rposition(|&b| b == b'/');
    let name = &bytes[slash.map_or(0, |i| i + 1)..];
    if matches!(name, b"" | b"." | b"..") {
        return None;
    }
    let folder = slash.map(|i| Path::new(OsStr::from_bytes(&bytes[..i.max(1)])));
    Some((folder, OsStr::from_bytes(name)))
}

/// A path's file name as bytes, as [`Path::file_name`] gives it (on Unix
/// through [`folder_and_name`]).
pub fn file_name_bytes(path: &Path) -> Option<&[u8]> {
    #[cfg(unix)]
    if let Some((_, name)) = folder_and_name(path) {
        return Some(name.as_encoded_bytes());
    }
    path.file_name().map(OsStr::as_encoded_bytes)
}

/// The stem and extension of a path's file name as bytes, as
/// [`Path::file_stem`] and [`Path::extension`] give them: split at the
/// name's last dot, unless that dot opens the name (`.hidden`).
pub fn stem_and_extension(path: &Path) -> (Option<&[u8]>, Option<&[u8]>) {
    let Some(name) = file_name_bytes(path) else {
        return (None, None);
    };
    match name.iter().rposition(|&b| b == b'.') {
        Some(0) | None => (Some(name), None),
        Some(dot) => (Some(&name[..dot]), Some(&name[dot + 1..])),
    }
}

/// A path from its bytes.
#[cfg(unix)]
pub fn from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(OsStr::from_bytes(bytes))
}

/// A path from its bytes (outside Unix a path is UTF-8 when it is text).
#[cfg(not(unix))]
pub fn from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// `bytes` as text with each byte that is not UTF-8 written `\xHH`, and
/// backslashes doubled when `double_backslashes` (so that it can be read
/// back).
fn escape_bad_bytes(bytes: &[u8], double_backslashes: bool) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        if double_backslashes {
            out.push_str(&chunk.valid().replace('\\', "\\\\"));
        } else {
            out.push_str(chunk.valid());
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// The path as the index stores it: the path itself when it is UTF-8,
/// else a NUL, then the path with bad bytes as `\xHH` and `\` as `\\`.
pub fn stored(path: &Path) -> String {
    match path.to_str() {
        Some(text) => text.to_string(),
        None => {
            let mut out = String::from(NOT_UTF8);
            out.push_str(&escape_bad_bytes(bytes_of(path), true));
            out
        }
    }
}

/// The exact bytes of a path in its stored form (see [`stored`]).
pub fn stored_bytes(text: &str) -> std::borrow::Cow<'_, [u8]> {
    let Some(escaped) = text.strip_prefix(NOT_UTF8) else {
        return std::borrow::Cow::Borrowed(text.as_bytes());
    };
    let mut out = Vec::with_capacity(escaped.len());
    let bytes = escaped.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\\', Some(b'\\')) => {
                out.push(b'\\');
                i += 2;
            }
            (b'\\', Some(b'x')) => {
                let hex = escaped.get(i + 2..i + 4).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 4;
                    }
                    Err(_) => {
                        out.push(b'\\');
                        i += 1;
                    }
                }
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The path whose stored form is `text` (see [`stored`]).
pub fn from_stored(text: &str) -> PathBuf {
    from_bytes(&stored_bytes(text))
}

/// [`from_stored`] of an owned string: a UTF-8 path keeps its buffer (the
/// records of every indexed file are read this way on each run).
pub fn from_stored_string(text: String) -> PathBuf {
    if text.starts_with(NOT_UTF8) {
        from_stored(&text)
    } else {
        PathBuf::from(text)
    }
}

/// A stored path as people and JSON's `path` show it: itself when it is
/// UTF-8, else with each byte that is not UTF-8 written `\xHH`.
pub fn shown(text: &str) -> String {
    match text.strip_prefix(NOT_UTF8) {
        Some(_) => escape_bad_bytes(&stored_bytes(text), false),
        None => text.to_string(),
    }
}

/// A path as people and JSON's `path` show it (see [`shown`]).
pub fn shown_path(path: &Path) -> String {
    escape_bad_bytes(bytes_of(path), false)
}

/// JSON's `path_bytes` for a stored path: the exact bytes in base64
/// (standard alphabet, padded), for paths that are not UTF-8 only.
pub fn bytes_field(text: &str) -> Option<String> {
    text.starts_with(NOT_UTF8)
        .then(|| base64::engine::general_purpose::STANDARD.encode(stored_bytes(text)))
}

/// The bytes a `path_bytes` field holds, if it is base64.
pub fn from_bytes_field(field: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(field).ok()
}

/// JSON's `path` and `path_bytes` for a path given as bytes.
pub fn json_fields(bytes: &[u8]) -> (String, Option<String>) {
    stored_json_fields(&stored(&from_bytes(bytes)))
}

/// JSON's `path` and `path_bytes` for a stored path.
pub fn stored_json_fields(text: &str) -> (String, Option<String>) {
    (shown(text), bytes_field(text))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn file_names_read_as_paths_do() {
        let names: &[&[u8]] = &[
            b"/news/a.txt",
            b"a.tar.gz",
            b"/news/.hidden",
            b"/news/.hidden.txt",
            b"noext",
            b"/news/trailing.",
            b"/news/dir/",
            b"/news/..",
            b"/news/.",
            b"..",
            b"/",
            b"",
            b"/news/caf\xe9.txt",
            b"/news/readme.\xff",
            b"/caf\xe9/x.md",
        ];
        for name in names {
            let path = from_bytes(name);
            let std = (
                path.file_stem().map(OsStr::as_encoded_bytes),
                path.extension().map(OsStr::as_encoded_bytes),
            );
            assert_eq!(stem_and_extension(&path), std, "{path:?}");
            let name = path.file_name().map(OsStr::as_encoded_bytes);
            assert_eq!(file_name_bytes(&path), name, "{path:?}");
            #[cfg(unix)]
            if let Some((folder, name)) = folder_and_name(&path) {
                assert_eq!(Some(name), path.file_name(), "{path:?}");
                assert_eq!(folder.or(Some(Path::new(""))), path.parent(), "{path:?}");
            }
        }
    }

    #[test]
    fn utf8_paths_are_stored_and_shown_as_they_are() {
        for p in ["/news/a.txt", "/news/back\\slash.txt", "/news/é\n.txt"] {
            assert_eq!(stored(Path::new(p)), p);
            assert_eq!(from_stored(p), PathBuf::from(p));
            assert_eq!(shown(p), p);
            assert_eq!(bytes_field(p), None);
        }
    }

    #[test]
    fn other_paths_come_back_byte_for_byte_and_never_meet_another_path() {
        let odd: &[&[u8]] = &[
            b"/news/caf\xe9.txt",
            b"/news/caf\xe8.txt",
            b"/news/\\xe9\xff.txt",
            b"/news/\\\xff\\x.txt",
            b"/news/\xff",
        ];
        let mut seen = std::collections::HashSet::new();
        for bytes in odd {
            let path = from_bytes(bytes);
            let text = stored(&path);
            assert!(text.starts_with('\0'), "{text:?}");
            assert_eq!(from_stored(&text), path);
            assert!(seen.insert(text.clone()), "two paths stored as {text:?}");
            let b64 = bytes_field(&text).unwrap();
            assert_eq!(from_bytes_field(&b64).unwrap(), *bytes);
        }
        let text = stored(&from_bytes(b"/news/caf\xe9.txt"));
        assert_eq!(shown(&text), "/news/caf\\xe9.txt");
        assert_eq!(shown_path(&from_bytes(b"/a/\xff\xfeb")), "/a/\\xff\\xfeb");
    }
}
