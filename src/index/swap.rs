//! Replacing one index directory by another in one step, for `index
//! --rebuild`: the hidden sibling directory a new index is built in, and the
//! atomic exchange of the two (`renameat2(RENAME_EXCHANGE)` on Linux). The
//! writer lock held around it is `lock`'s; what is built there is the
//! indexer's business (`crate::indexer::rebuild`).

use std::path::{Path, PathBuf};

/// A hidden directory beside `dir`, e.g. `.index.rebuild-123` for `index`.
pub fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "index".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!(".{name}.{suffix}"))
}

/// Swaps two directories atomically.
#[cfg(target_os = "linux")]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the
    // call; AT_FDCWD makes them relative to the working directory.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Swaps two directories with two renames: elsewhere than Linux there is a
/// moment when `b` is missing, which readers retry over.
#[cfg(not(target_os = "linux"))]
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let parked = sibling(b, &format!("old-{}", std::process::id()));
    std::fs::rename(b, &parked)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&parked, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_hidden_and_beside_the_index() {
        assert_eq!(
            sibling(Path::new("/data/idx"), "rebuild-7"),
            PathBuf::from("/data/.idx.rebuild-7")
        );
        assert_eq!(
            sibling(Path::new("idx"), "rebuild-7"),
            PathBuf::from(".idx.rebuild-7")
        );
    }

    #[test]
    fn exchange_swaps_two_directories() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::write(b.join("from-b"), "").unwrap();
        exchange(&a, &b).unwrap();
        assert!(a.join("from-b").exists() && b.join("from-a").exists());
    }
}
