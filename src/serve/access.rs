//! Who may read the index through `serve`, and which paths they are shown.
//!
//! On loopback the server needs nothing (other web sites are kept out by the
//! host check in [`super::security`]). On any other address anyone on the
//! network could read the index and every absolute path on the machine, so
//! there every `/api/` request and `/health` must carry the server's access
//! token as `Authorization: Bearer TOKEN`, and paths in answers are
//! relative to the folder holding every indexed file.
//!
//! The token is compared in constant time: both sides are hashed with
//! BLAKE3 and the hashes compared with `blake3::Hash`'s constant-time
//! equality, so neither the token's bytes nor its length leak through
//! timing.
//!
//! The page itself (HTML, script, style) holds no data and is served to
//! anyone. `serve` prints the page's address with the token in the URL
//! *fragment* (`http://HOST:PORT/#token=...`): browsers never send a
//! fragment to the server, so the token stays out of request lines, proxy
//! and server logs and `Referer` headers; the script moves it into the
//! tab's `sessionStorage`, removes it from the address bar, and sends it
//! with every API request. A cookie would be sent automatically by any
//! page that links here (cross-site requests), the header is not.

use axum::http::{header, HeaderMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The shortest token accepted from `--token` or `NEWSIDX_TOKEN`.
pub const MIN_TOKEN_CHARS: usize = 16;

/// What requests must carry to read the index.
#[derive(Debug, Clone)]
pub struct Access {
    /// The BLAKE3 hash of the access token, when one is required.
    token: Option<blake3::Hash>,
}

impl Access {
    /// Anyone who reaches the server may read (loopback without `--token`).
    pub fn open() -> Access {
        Access { token: None }
    }

    /// Requests must carry `token`.
    pub fn token(token: &str) -> Access {
        Access {
            token: Some(blake3::hash(token.as_bytes())),
        }
    }

    /// Whether a token is required.
    pub fn requires_token(&self) -> bool {
        self.token.is_some()
    }

    /// Whether a request with these headers may read the index.
    pub fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.token else {
            return true;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                let (scheme, token) = v.trim().split_once(' ')?;
                scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
            });
        // Hash even when nothing was given, so a missing header takes the
        // same time as a wrong one.
        let given = blake3::hash(given.unwrap_or("").as_bytes());
        given == expected
    }
}

/// Checks a token given on the command line or in the environment.
pub fn check_token(token: &str) -> Result<(), String> {
    if token.chars().count() < MIN_TOKEN_CHARS {
        return Err(format!(
            "the access token is {} characters; give at least {MIN_TOKEN_CHARS} (--token or NEWSIDX_TOKEN), or leave it out and serve prints a new one",
            token.chars().count()
        ));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(
            "the access token may hold only visible ASCII characters (no spaces); change --token or NEWSIDX_TOKEN".into(),
        );
    }
    Ok(())
}

/// A new random token: 32 bytes from the operating system, as 64 hex
/// digits.
pub fn generate_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The deepest folder holding every one of `paths` (their common
/// ancestor); `None` for no paths.
pub fn common_folder<'a>(paths: impl IntoIterator<Item = &'a OsString>) -> Option<PathBuf> {
    let mut common: Option<PathBuf> = None;
    for path in paths {
        let path = Path::new(path);
        let folder = common
            .get_or_insert_with(|| path.parent().map_or_else(PathBuf::new, Path::to_path_buf));
        while !path.starts_with(&*folder) {
            if !folder.pop() {
                break;
            }
        }
    }
    common
}

/// `path` as shown without absolute paths: relative to `folder`, or only
/// its file name if it lies elsewhere.
pub fn relative_path(path: &str, folder: &Path) -> String {
    relative_path_of(Path::new(path), folder)
        .to_string_lossy()
        .into_owned()
}

/// [`relative_path`] of a path that need not be UTF-8.
pub fn relative_path_of(path: &Path, folder: &Path) -> PathBuf {
    match path.strip_prefix(folder) {
        Ok(rest) if !rest.as_os_str().is_empty() => rest.to_path_buf(),
        _ => path.file_name().map_or_else(PathBuf::new, PathBuf::from),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(authorization: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(a) = authorization {
            h.insert(header::AUTHORIZATION, HeaderValue::from_str(a).unwrap());
        }
        h
    }

    #[test]
    fn only_the_right_bearer_token_is_allowed() {
        let access = Access::token("0123456789abcdef0123");
        assert!(access.allows(&headers(Some("Bearer 0123456789abcdef0123"))));
        assert!(access.allows(&headers(Some("bearer  0123456789abcdef0123 "))));
        for wrong in [
            None,
            Some("Bearer 0123456789abcdef012"),
            Some("Bearer 0123456789abcdef01234"),
            Some("Basic 0123456789abcdef0123"),
            Some("0123456789abcdef0123"),
            Some("Bearer "),
        ] {
            assert!(!access.allows(&headers(wrong)), "{wrong:?}");
        }
        assert!(Access::open().allows(&headers(None)));
    }

    #[test]
    fn short_or_spaced_tokens_are_refused() {
        assert!(check_token("short").is_err());
        assert!(check_token("sixteen chars ok").is_err());
        assert!(check_token("sixteen-chars-ok").is_ok());
        let generated = generate_token().unwrap();
        assert_eq!(generated.len(), 64);
        assert!(check_token(&generated).is_ok());
        assert_ne!(generated, generate_token().unwrap());
    }

    #[test]
    fn paths_are_shown_relative_to_the_common_folder() {
        let paths: Vec<OsString> = [
            "/home/ann/news/bbc/a.txt",
            "/home/ann/news/bbc/2025/b.txt",
            "/home/ann/news/reuters/c.html",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let folder = common_folder(&paths).unwrap();
        assert_eq!(folder, Path::new("/home/ann/news"));
        assert_eq!(
            relative_path("/home/ann/news/bbc/2025/b.txt", &folder),
            "bbc/2025/b.txt"
        );
        assert_eq!(relative_path("/elsewhere/d.txt", &folder), "d.txt");
        let one = vec![OsString::from("/data/x/only.txt")];
        assert_eq!(common_folder(&one).unwrap(), Path::new("/data/x"));
        assert_eq!(common_folder(&Vec::<OsString>::new()), None);
    }
}
