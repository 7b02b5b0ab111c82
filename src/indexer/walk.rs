//! Finding the article files under the paths given on the command line.
//!
//! Directories are walked recursively with the `ignore` crate (ripgrep's
//! walker): following symbolic links, with loop detection, and honouring
//! `.gitignore` and `.ignore` files (in any folder, a git repository or
//! not; git's global excludes are not read, so a walk is the same on every
//! machine). Left out, each with its reason: hidden entries, entries
//! matching an `--exclude` glob, the index directory itself, files of no
//! article type, and files whose name says they describe a collection
//! rather than report news (README, LICENSE, CHANGELOG…; see
//! [`non_article_name`]). Files named explicitly are always taken.
//! Problems (a missing path, a symlink loop, an unreadable directory) are
//! collected, not fatal, so one bad path never stops a run.

use crate::error::describe_io;
use crate::ingest::encoding::{self, StreamError};
use crate::ingest::long_text::{HashedFile, Scan, Scanned};
use crate::ingest::{self, FileContent, Format};
use std::collections::{BTreeMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

/// A file found, with what `stat` says of it.
#[derive(Debug, Clone)]
pub struct FoundFile {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: u64,
}

/// A path that could not be walked or read (or was left out), and why.
/// In JSON: `path`, `path_bytes` when the path is not UTF-8 (see
/// `paths`), and `message`.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
}

impl serde::Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (path, path_bytes) =
            crate::paths::json_fields(self.path.as_os_str().as_encoded_bytes());
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("path", &path)?;
        if let Some(bytes) = path_bytes {
            map.serialize_entry("path_bytes", &bytes)?;
        }
        map.serialize_entry("message", &self.message)?;
        map.end()
    }
}

/// Why a walk left an entry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeftOut {
    /// A file whose name says it is no article (README, LICENSE…).
    NotAnArticle,
    /// A file of no article type (by its extension).
    OtherType,
    Hidden,
    /// Matched by an `--exclude` glob.
    Excluded,
    /// The index directory.
    Index,
}

impl LeftOut {
    /// The key counting these entries in a run's summary (`left_out`).
    pub fn key(self) -> &'static str {
        match self {
            LeftOut::NotAnArticle => "not_articles",
            LeftOut::OtherType => "other_types",
            LeftOut::Hidden => "hidden",
            LeftOut::Excluded => "excluded",
            LeftOut::Index => "index",
        }
    }

    /// Why, for `--verbose`.
    pub fn message(self) -> &'static str {
        match self {
            LeftOut::NotAnArticle => {
                "not an article (README, LICENSE and similar files describe a collection)"
            }
            LeftOut::OtherType => "not an article file (by its extension)",
            LeftOut::Hidden => "hidden",
            LeftOut::Excluded => "matches --exclude",
            LeftOut::Index => "the index directory",
        }
    }

    /// "2 READMEs and the like", "1 hidden": a count for the summary line.
    pub fn counted(self, n: usize) -> String {
        match self {
            LeftOut::NotAnArticle => format!("{n} README, LICENSE or similar"),
            LeftOut::OtherType => format!("{n} of other types"),
            LeftOut::Hidden => format!("{n} hidden"),
            LeftOut::Excluded => format!("{n} excluded"),
            LeftOut::Index => format!("{n} index"),
        }
    }
}

/// The result of walking the inputs.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FoundFile>,
    /// Canonical directories that were walked completely: a recorded file
    /// under one of them that was not found has been removed.
    pub dirs: Vec<PathBuf>,
    pub problems: Vec<Problem>,
    /// Entries of walked directories that were left out on purpose, and
    /// why, for `--verbose`.
    pub skipped: Vec<Problem>,
    /// How many entries were left out for each reason (files and whole
    /// directories alike), for the summary.
    pub left_out: BTreeMap<LeftOut, usize>,
}

impl Walk {
    fn leave_out(&mut self, path: PathBuf, why: LeftOut) {
        *self.left_out.entry(why).or_default() += 1;
        self.skipped.push(Problem {
            path,
            message: why.message().into(),
        });
    }
}

/// Names (without extension, any case) of files that describe a collection
/// of articles rather than being one.
const NON_ARTICLE_NAMES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "notice",
    "changelog",
    "changes",
    "history",
    "authors",
    "contributors",
    "contributing",
    "install",
    "todo",
    "citation",
];

/// Whether a file's name says it is no article: its stem (any case) is
/// one of [`NON_ARTICLE_NAMES`], alone or with one qualifying word
/// (`README.md`, `LICENSE-MIT`, `SOURCE-README.TXT`), as corpora and
/// repositories name their notes. `readme-of-the-week.txt` is an article.
pub fn non_article_name(path: &Path) -> bool {
    let stem = crate::paths::stem_and_extension(path).0;
    let Some(stem) = stem.filter(|s| std::str::from_utf8(s).is_ok()) else {
        return false;
    };
    // Called for every file walked: split and compared as bytes, with no
    // allocation (the names are ASCII).
    let mut words = stem
        .split(|b| matches!(b, b'-' | b'_' | b'.' | b' '))
        .filter(|w| !w.is_empty());
    let (first, last) = (words.next(), words.next());
    if words.next().is_some() {
        return false;
    }
    let named = |w: &[u8]| {
        NON_ARTICLE_NAMES
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(w))
    };
    first.is_some_and(named) || last.is_some_and(named)
}

/// Whether a file or folder is hidden: its name starts with a dot.
fn is_hidden(path: &Path) -> bool {
    crate::paths::file_name_bytes(path).is_some_and(|name| name.starts_with(b"."))
}

/// Checks `--exclude` globs before anything is walked: the glob at fault
/// (as the user wrote it) and why, or nothing.
pub fn check_excludes(excludes: &[String]) -> Result<(), String> {
    let mut builder = ignore::overrides::OverrideBuilder::new("/");
    for glob in excludes {
        builder
            .add(&format!("!{glob}"))
            .map_err(|e| format!("--exclude {glob:?} is not a glob: {}", glob_error(&e, glob)))?;
    }
    builder.build().map(|_| ()).map_err(|e| e.to_string())
}

/// Why a glob was refused, without the `!` that makes an override an
/// exclusion (the user never typed it).
fn glob_error(e: &ignore::Error, glob: &str) -> String {
    match e {
        ignore::Error::Glob { err, .. } => err.clone(),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => glob_error(err, glob),
        other => other.to_string().replace(&format!("!{glob}"), glob),
    }
}

/// The `excludes` globs as matched relative to `root`.
fn overrides_at(root: &Path, excludes: &[String]) -> ignore::overrides::Override {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for glob in excludes {
        let _ = overrides.add(&format!("!{glob}"));
    }
    overrides
        .build()
        .unwrap_or_else(|_| ignore::overrides::Override::empty())
}

/// Whether `path`, which lies below `root`, or a folder between them
/// matches one of `overrides`' exclusions (a file in `drafts/` is left out
/// by `--exclude drafts/` even when it is walked on its own, as `watch`
/// does with a changed file).
fn excluded_below(
    overrides: &ignore::overrides::Override,
    root: &Path,
    path: &Path,
    is_dir: bool,
) -> bool {
    if overrides.is_empty() || path == root || !path.starts_with(root) {
        return false;
    }
    if overrides.matched(path, is_dir).is_ignore() {
        return true;
    }
    path.ancestors()
        .skip(1)
        .take_while(|a| *a != root && a.starts_with(root))
        .any(|a| overrides.matched(a, true).is_ignore())
}

/// Walks `inputs`, skipping anything under `skip` (the index directory).
pub fn walk(inputs: &[PathBuf], skip: Option<&Path>) -> Walk {
    walk_excluding(inputs, skip, &[])
}

/// [`walk`], also leaving out what matches one of the `excludes` globs
/// (gitignore syntax, relative to each walked directory: `*.csv`,
/// `drafts/`, `2019/**`). Bad globs are left out; check them first with
/// [`check_excludes`].
pub fn walk_excluding(inputs: &[PathBuf], skip: Option<&Path>, excludes: &[String]) -> Walk {
    walk_below(inputs, skip, excludes, &[])
}

/// [`walk_excluding`] for inputs that lie below one of `roots` (canonical
/// paths), where the globs are matched relative to that root rather than to
/// the input: `watch` walks each changed path on its own, and
/// `--exclude drafts/` must leave out `drafts/new.txt` there too.
pub fn walk_below(
    inputs: &[PathBuf],
    skip: Option<&Path>,
    excludes: &[String],
    roots: &[PathBuf],
) -> Walk {
    let skip = skip.and_then(|s| s.canonicalize().ok());
    let mut out = Walk::default();
    for input in inputs {
        let root = match input.canonicalize() {
            Ok(root) => root,
            Err(e) => {
                out.problems.push(Problem {
                    path: input.clone(),
                    message: describe_io(&e),
                });
                continue;
            }
        };
        let glob_root = roots
            .iter()
            .find(|r| root.starts_with(r))
            .cloned()
            .unwrap_or_else(|| root.clone());
        let overrides = overrides_at(&glob_root, excludes);
        if excluded_below(&overrides, &glob_root, &root, root.is_dir()) {
            out.leave_out(root, LeftOut::Excluded);
            continue;
        }
        if root.is_file() {
            if let Some(found) = stat(root, &mut OpenFolder::default(), &mut out.problems) {
                out.files.push(found);
            }
            continue;
        }
        if let Some(kind) = std::fs::metadata(&root)
            .ok()
            .and_then(|m| special_kind(m.file_type()))
        {
            out.problems.push(Problem {
                path: input.clone(),
                message: not_read(kind),
            });
            continue;
        }
        if skip.as_deref().is_some_and(|s| root.starts_with(s)) {
            // A folder inside the index (or the index itself).
            out.leave_out(root, LeftOut::Index);
            continue;
        }
        let left_out: Arc<Mutex<Vec<(PathBuf, LeftOut)>>> = Arc::default();
        let filter_left_out = Arc::clone(&left_out);
        let filter_skip = skip.clone();
        let mut builder = ignore::WalkBuilder::new(&root);
        builder
            .follow_links(true)
            .hidden(false)
            .git_global(false)
            .require_git(false)
            // Siblings share their parent's bytes, so comparing the paths'
            // bytes orders them as `Path`'s component-wise order does, without
            // splitting both paths into components at every comparison (a
            // tenth of a no-op re-index of 100,000 files).
            .sort_by_file_path(|a, b| a.as_os_str().cmp(b.as_os_str()))
            .filter_entry(move |e| {
                // A walk that starts outside the index folder meets it as
                // an entry and does not go into it. Both are canonical
                // paths (the root canonicalized, then names joined), so
                // comparing their bytes is enough, and cheaper for every
                // file than `Path`'s component-wise comparisons.
                let why = if filter_skip
                    .as_deref()
                    .is_some_and(|s| e.path().as_os_str() == s.as_os_str())
                {
                    Some(LeftOut::Index)
                } else if e.depth() > 0 && is_hidden(e.path()) {
                    Some(LeftOut::Hidden)
                } else if e.depth() > 0
                    && overrides
                        .matched(e.path(), e.file_type().is_some_and(|t| t.is_dir()))
                        .is_ignore()
                {
                    Some(LeftOut::Excluded)
                } else {
                    None
                };
                if let Some(why) = why {
                    let mut left_out = filter_left_out.lock().unwrap_or_else(|e| e.into_inner());
                    left_out.push((e.path().to_path_buf(), why));
                }
                why.is_none()
            });
        let mut complete = true;
        std::thread::scope(|scope| {
            let mut to_stat = StatQueue::new(scope, STAT_CHUNK);
            for entry in builder.build() {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        if Format::of(e.path()).is_none() {
                            out.leave_out(e.path().to_path_buf(), LeftOut::OtherType);
                        } else if non_article_name(e.path()) {
                            out.leave_out(e.path().to_path_buf(), LeftOut::NotAnArticle);
                        } else {
                            to_stat.push(e.into_path());
                        }
                    }
                    // A pipe or device named like an article: reading it would
                    // block or never end.
                    Ok(e) if e.file_type().and_then(special_kind).is_some() => {
                        let kind = e.file_type().and_then(special_kind).unwrap_or_default();
                        let problem = Problem {
                            path: e.path().to_path_buf(),
                            message: not_read(kind),
                        };
                        if Format::of(e.path()).is_some() {
                            out.problems.push(problem);
                        } else {
                            out.skipped.push(problem);
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let (path, is_loop, io) = error_parts(&e);
                        let path = path.unwrap_or_else(|| root.clone());
                        let message = if is_loop {
                            "symbolic link loop; skipped".to_string()
                        } else {
                            match io {
                                Some(io) => describe_io(io),
                                None => e.to_string(),
                            }
                        };
                        // A subtree we could not read may still hold indexed
                        // files: do not prune under this root. (A bad line in
                        // an ignore file or a loop hides nothing unread.)
                        if io.is_some() && !is_loop {
                            complete = false;
                        }
                        out.problems.push(Problem { path, message });
                    }
                }
            }
            to_stat.finish(&mut out);
        });
        let left_out = std::mem::take(&mut *left_out.lock().unwrap_or_else(|e| e.into_inner()));
        for (path, why) in left_out {
            out.leave_out(path, why);
        }
        if complete {
            out.dirs.push(root);
        }
    }
    // One input's files come in walk order, which is this order already;
    // several inputs' files are merged into it.
    if inputs.len() > 1 {
        out.files.sort_by(|a, b| a.path.cmp(&b.path));
        out.files.dedup_by(|a, b| a.path == b.path);
    }
    out
}

/// The path an error of the walk is about, whether it is a symbolic link
/// loop, and the I/O error underneath, if any.
fn error_parts(e: &ignore::Error) -> (Option<PathBuf>, bool, Option<&std::io::Error>) {
    match e {
        ignore::Error::WithPath { path, err } => {
            let (inner, is_loop, io) = error_parts(err);
            (inner.or_else(|| Some(path.clone())), is_loop, io)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_parts(err)
        }
        ignore::Error::Loop { child, .. } => (Some(child.clone()), true, None),
        ignore::Error::Io(io) => (None, false, Some(io)),
        ignore::Error::Partial(errors) => errors
            .first()
            .map_or((None, false, None), |first| error_parts(first)),
        _ => (None, false, None),
    }
}

/// What a file that is neither a regular file nor a directory is (after
/// following symbolic links): never read as an article.
fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        Some("a named pipe (FIFO)")
    } else if file_type.is_char_device() || file_type.is_block_device() {
        Some("a device")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        None
    }
}

fn not_read(kind: &str) -> String {
    format!("{kind}, not a regular file; skipped")
}

/// Reads a file the walk found, at most `limit` bytes of it; the error is
/// the message to report. What the walk saw may have changed since: the
/// file is opened without blocking (a FIFO swapped in would otherwise wait
/// for a writer forever) and checked again once open, so that only a
/// regular file of at most `limit` bytes is read, and no more than `limit`
/// bytes are ever held, however much the file grows meanwhile.
pub fn read_article_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let (mut file, size) = open_article(path, limit)?;
    let mut bytes = Vec::with_capacity(size as usize);
    (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(size.max(bytes.len() as u64), limit));
    }
    Ok(bytes)
}

/// A file read by [`read_article`].
pub struct ReadFile {
    /// The hash of the bytes of a file decoded as it was read (they are
    /// not held); `None` for one read whole, hashed only when asked.
    streamed_hash: Option<blake3::Hash>,
    pub content: FileContent,
}

impl ReadFile {
    /// The hash of the file's bytes (`ingest::content_hash_of` adds the
    /// overrides). The indexer asks for it to tell a changed file;
    /// `analyze` does not, and a page read whole is then never hashed.
    pub fn hash(&self) -> blake3::Hash {
        match (self.streamed_hash, &self.content) {
            (Some(hash), _) => hash,
            (None, FileContent::Bytes(bytes)) => blake3::hash(bytes),
            (None, _) => unreachable!("a file decoded as it is read is hashed on the way"),
        }
    }
}

/// [`read_article_bytes`], but a plain-text or Markdown file is decoded
/// as it is read, a chunk at a time ([`ingest::decoded_as_read`]), and its
/// bytes hashed on the way: they are never held whole, only its text, and
/// of a long one only its first and last lines
/// ([`ingest::long_text`]). Other files are read whole, and hashed when
/// [`ReadFile::hash`] asks.
pub fn read_article(path: &Path, limit: u64) -> Result<ReadFile, String> {
    let format = Format::of(path).unwrap_or(Format::PlainText);
    if !ingest::decoded_as_read(format) {
        let bytes = read_article_bytes(path, limit)?;
        return Ok(ReadFile {
            streamed_hash: None,
            content: FileContent::Bytes(bytes),
        });
    }
    let (file, size) = open_article(path, limit)?;
    let mut reader = HashedFile::new(file, limit);
    let failed = |reader: &HashedFile, e: std::io::Error| match reader.over {
        Some(read) => too_large(size.max(read), limit),
        None => describe_io(&e),
    };
    let mut scan = Scan::new(format, size as usize);
    let decoded = match encoding::decode_text_into(&mut reader, &mut scan) {
        Ok(how) => Ok(how),
        Err(StreamError::Decode(e)) => Err(e),
        Err(StreamError::Read(e)) => return Err(failed(&reader, e)),
    };
    if decoded.is_err() {
        // What was not decoded still counts in the file's hash (and
        // against the limit).
        if let Err(e) = std::io::copy(&mut reader, &mut std::io::sink()) {
            return Err(failed(&reader, e));
        }
    }
    let hash = reader.hash();
    let content = match decoded {
        Ok(how) => match scan.finish(how, reader.at, *hash.as_bytes()) {
            Scanned::Held(decoded) => FileContent::Text(Ok(decoded)),
            Scanned::Long(long) => FileContent::Long(long),
        },
        Err(e) => FileContent::Text(Err(e)),
    };
    Ok(ReadFile {
        streamed_hash: Some(hash),
        content,
    })
}

/// Opens a file the walk found for reading (see [`read_article_bytes`]):
/// the open file and its size, if it is a regular file within `limit`.
fn open_article(path: &Path, limit: u64) -> Result<(std::fs::File, u64), String> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| describe_io(&e))?;
    let meta = file.metadata().map_err(|e| describe_io(&e))?;
    if !meta.is_file() {
        return Err(not_read(
            special_kind(meta.file_type()).unwrap_or("a directory"),
        ));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    Ok((file, meta.len()))
}

fn too_large(size: u64, limit: u64) -> String {
    crate::ingest::IngestError::TooLarge { size, limit }.to_string()
}

/// Files a walk hands to one thread to `stat` at a time: fewer are not
/// worth starting a thread for.
const STAT_CHUNK: usize = 4096;

/// What `stat` found of a chunk of files: the files, and the problems.
type Stated = (Vec<FoundFile>, Vec<Problem>);

/// `stat`s the article files one input's walk finds while the walk goes
/// on, and gives them back in the order found.
///
/// The calls are independent, and they are most of a no-op re-index of a
/// large corpus (the kernel looking each name up). Each full chunk of
/// [`STAT_CHUNK`] files goes to a thread of its own, at most as many at
/// once as there are cores, so that they run while the walk reads the
/// next folders instead of after it: `stat`ing the 100,000 files of the
/// benchmark corpus after the walk had kept one core idle for half of a
/// no-op re-index. The files of a walk shorter than a chunk are `stat`ed
/// on the walk's own thread.
struct StatQueue<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    chunk: usize,
    threads: usize,
    pending: Vec<PathBuf>,
    running: VecDeque<std::thread::ScopedJoinHandle<'scope, Stated>>,
    done: Vec<Stated>,
}

impl<'scope, 'env> StatQueue<'scope, 'env> {
    fn new(scope: &'scope std::thread::Scope<'scope, 'env>, chunk: usize) -> Self {
        StatQueue {
            scope,
            chunk: chunk.max(1),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            pending: Vec::new(),
            running: VecDeque::new(),
            done: Vec::new(),
        }
    }

    fn push(&mut self, path: PathBuf) {
        self.pending.push(path);
        if self.pending.len() >= self.chunk {
            self.hand_over();
        }
    }

    /// Starts a thread on the pending chunk, once one of the running
    /// threads is done if as many run as there are cores.
    fn hand_over(&mut self) {
        if self.running.len() >= self.threads {
            if let Some(first) = self.running.pop_front() {
                self.done.push(joined(first));
            }
        }
        let paths = std::mem::replace(&mut self.pending, Vec::with_capacity(self.chunk));
        self.running
            .push_back(self.scope.spawn(move || stat_chunk(paths)));
    }

    /// Waits for every chunk (the last one `stat`ed here) and adds the
    /// files and problems to `out`, in the order the walk found them.
    fn finish(mut self, out: &mut Walk) {
        let last = stat_chunk(std::mem::take(&mut self.pending));
        let running = std::mem::take(&mut self.running);
        self.done.extend(running.into_iter().map(joined));
        self.done.push(last);
        for (found, problems) in self.done {
            out.files.extend(found);
            out.problems.extend(problems);
        }
    }
}

fn joined(thread: std::thread::ScopedJoinHandle<'_, Stated>) -> Stated {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// `stat`s `paths`, in order; each found file keeps its path, not a copy.
fn stat_chunk(paths: Vec<PathBuf>) -> Stated {
    let mut problems = Vec::new();
    let mut folder = OpenFolder::default();
    let found: Vec<FoundFile> = paths
        .into_iter()
        .filter_map(|path| stat(path, &mut folder, &mut problems))
        .collect();
    (found, problems)
}

fn stat(path: PathBuf, folder: &mut OpenFolder, problems: &mut Vec<Problem>) -> Option<FoundFile> {
    match folder.size_and_mtime(&path) {
        Ok((size, mtime)) => Some(FoundFile { size, mtime, path }),
        Err(e) => {
            problems.push(Problem {
                message: describe_io(&e),
                path,
            });
            None
        }
    }
}

/// The folder of the files being `stat`ed, kept open while its files come
/// (a walk gives them folder by folder).
///
/// A file is `stat`ed by its name in the open folder (`fstatat`), so the
/// kernel looks up one name instead of every folder of its path: those
/// lookups were a tenth of a no-op re-index of 100,000 files.
#[derive(Default)]
struct OpenFolder {
    #[cfg(unix)]
    open: Option<(PathBuf, Option<std::fs::File>)>,
}

impl OpenFolder {
    /// The size of the file at `path` and its modification time in
    /// nanoseconds since the Unix epoch (0 before it), following symbolic
    /// links as `std::fs::metadata` does.
    fn size_and_mtime(&mut self, path: &Path) -> std::io::Result<(u64, u64)> {
        #[cfg(unix)]
        if let Some((Some(folder), name)) = crate::paths::folder_and_name(path) {
            let open = match &mut self.open {
                Some((open_path, file)) if open_path.as_path() == folder => file,
                slot => {
                    let file = std::fs::File::open(folder).ok();
                    &mut slot.insert((folder.to_path_buf(), file)).1
                }
            };
            if let Some(dir) = open {
                let st = rustix::fs::statat(&*dir, name, rustix::fs::AtFlags::empty())?;
                let mtime = u64::try_from(st.st_mtime).map_or(0, |secs| {
                    secs.saturating_mul(1_000_000_000)
                        .saturating_add(st.st_mtime_nsec as u64)
                });
                return Ok((st.st_size as u64, mtime));
            }
        }
        let meta = std::fs::metadata(path)?;
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Ok((meta.len(), mtime))
    }
}

#[cfg(test)]
mod tests {
    use super::{non_article_name, read_article, read_article_bytes};
    use crate::ingest::FileContent;
    use std::path::Path;

    #[test]
    fn the_index_folder_is_never_walked_from_outside_or_inside() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        std::fs::create_dir_all(index.join("part")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "An article.").unwrap();
        std::fs::write(index.join("meta.json"), "{}").unwrap();
        std::fs::write(index.join("part/notes.txt"), "Not an article.").unwrap();
        let found = |input: &Path| {
            let walked = super::walk(&[input.to_path_buf()], Some(&index));
            let names: Vec<String> = walked
                .files
                .iter()
                .map(|f| f.path.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            (names, walked.left_out.get(&super::LeftOut::Index).copied())
        };
        assert_eq!(found(dir.path()), (vec!["a.txt".to_string()], Some(1)));
        assert_eq!(found(&index), (vec![], Some(1)));
        assert_eq!(found(&index.join("part")), (vec![], Some(1)));
    }

    #[test]
    fn notes_about_a_collection_are_known_by_their_names() {
        for notes in [
            "README",
            "README.md",
            "readme.txt",
            "SOURCE-README.TXT",
            "LICENSE-MIT",
            "Licence.txt",
            "CHANGELOG.md",
            "data/AUTHORS",
        ] {
            assert!(non_article_name(Path::new(notes)), "{notes}");
        }
        for article in [
            "001.txt",
            "readme-of-the-week-in-tech.txt",
            "license-fees-rise-again.md",
            "history-of-the-harbour.txt",
        ] {
            assert!(!non_article_name(Path::new(article)), "{article}");
        }
    }

    /// A file the walk saw as regular but that is a FIFO when it is opened
    /// (swapped in between): reported, not waited on. Opening a FIFO for
    /// reading blocks until a writer comes, so without `O_NONBLOCK` the
    /// reader thread never answers and the test fails.
    #[test]
    fn a_fifo_met_only_when_opening_is_reported_not_waited_on() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("swapped.txt");
        let name = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
        let (send, answer) = std::sync::mpsc::channel();
        std::thread::spawn(move || send.send(read_article_bytes(&fifo, 1 << 20)));
        let read = answer
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the reader blocked opening a FIFO");
        assert_eq!(
            read,
            Err("a named pipe (FIFO), not a regular file; skipped".to_string())
        );
    }

    /// Files `stat`ed by name in their open folder have the size and time
    /// `std::fs::metadata` gives, symbolic links followed, and a missing
    /// file is the same error.
    #[test]
    fn files_stated_in_their_folder_match_the_standard_library() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        std::fs::write(a.join("one.txt"), "12345").unwrap();
        std::fs::write(b.join("two.txt"), "1234567890").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(b.join("two.txt"), a.join("link.txt")).unwrap();
        let mut folder = super::OpenFolder::default();
        for path in [
            a.join("one.txt"),
            a.join("link.txt"),
            b.join("two.txt"),
            a.join("one.txt"),
        ] {
            if !path.exists() {
                continue;
            }
            let meta = std::fs::metadata(&path).unwrap();
            let mtime = meta
                .modified()
                .unwrap()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64;
            assert_eq!(folder.size_and_mtime(&path).unwrap(), (meta.len(), mtime));
        }
        let missing = folder.size_and_mtime(&b.join("gone.txt")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
    }

    /// Files come in the order of their paths' components, whether one
    /// directory or several inputs are walked: `a/z.txt` before `a b.txt`
    /// (the directory `a` sorts before the name `a b.txt`, though `/` is a
    /// larger byte than a space) and a directory's files before a sibling
    /// `a-c.txt`.
    #[test]
    fn files_come_in_path_order() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        for name in [
            "a b.txt",
            "a-c.txt",
            "a/z.txt",
            "a/y/x.txt",
            "a.txt",
            "b/a.txt",
        ] {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "Some text.").unwrap();
        }
        let names = |walked: super::Walk| -> Vec<String> {
            let found = walked
                .files
                .iter()
                .map(|f| f.path.strip_prefix(&root).unwrap());
            found.map(|p| p.to_string_lossy().into_owned()).collect()
        };
        let expected = [
            "a/y/x.txt",
            "a/z.txt",
            "a b.txt",
            "a-c.txt",
            "a.txt",
            "b/a.txt",
        ];
        assert_eq!(
            names(super::walk(std::slice::from_ref(&root), None)),
            expected
        );
        let both = [root.join("b"), root.join("a"), root.join("a b.txt")];
        let expected = ["a/y/x.txt", "a/z.txt", "a b.txt", "b/a.txt"];
        assert_eq!(names(super::walk(&both, None)), expected);
    }

    /// Files `stat`ed on several threads come back in the order given,
    /// with one that vanished since the walk saw it reported in its place
    /// among the problems.
    #[test]
    fn files_stated_on_several_threads_keep_their_order() {
        let tmp = tempfile::tempdir().unwrap();
        let paths: Vec<std::path::PathBuf> = (0..9)
            .map(|i| tmp.path().join(format!("{i}.txt")))
            .collect();
        for (i, path) in paths.iter().enumerate() {
            if i != 4 {
                std::fs::write(path, "x".repeat(i)).unwrap();
            }
        }
        let mut out = super::Walk::default();
        std::thread::scope(|scope| {
            let mut queue = super::StatQueue::new(scope, 2);
            for path in &paths {
                queue.push(path.clone());
            }
            queue.finish(&mut out);
        });
        let sizes: Vec<u64> = out.files.iter().map(|f| f.size).collect();
        assert_eq!(sizes, [0, 1, 2, 3, 5, 6, 7, 8]);
        let found: Vec<&std::path::PathBuf> = out.files.iter().map(|f| &f.path).collect();
        let expected: Vec<&std::path::PathBuf> = paths
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 4)
            .map(|(_, p)| p)
            .collect();
        assert_eq!(found, expected);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].path, paths[4]);
    }

    /// The limit holds for what is read, not for what the walk saw: a file
    /// over it is refused naming both sizes, one at it is read whole.
    #[test]
    fn no_more_than_the_limit_is_read() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("grown.txt");
        std::fs::write(&file, vec![b'a'; 1000]).unwrap();
        assert_eq!(read_article_bytes(&file, 1000).unwrap().len(), 1000);
        let refused = read_article_bytes(&file, 999).unwrap_err();
        assert!(
            refused.contains("1000 bytes, over the limit of 999"),
            "{refused}"
        );
        // Decoded as it is read: the same limit.
        assert!(read_article(&file, 1000).is_ok());
        let Err(refused) = read_article(&file, 999) else {
            panic!("read over the limit")
        };
        assert!(refused.contains("over the limit of 999"), "{refused}");
    }

    /// A text file decoded as it is read is hashed as the bytes it holds,
    /// whether it is UTF-8, read again as Latin-1 after a late bad byte,
    /// or not text at all (the rest of it still hashed).
    #[test]
    fn a_file_decoded_as_it_is_read_hashes_as_its_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let mut late_latin1 = "The talks went on. ".repeat(10_000).into_bytes();
        late_latin1.extend_from_slice(b"The d\xe9l\xe9gation left.");
        let mut binary = b"PK\0\x03".to_vec();
        binary.extend(std::iter::repeat_n(7u8, 200_000));
        for (name, bytes, decoded) in [
            (
                "utf8.txt",
                "Zürich — café\n".repeat(20_000).into_bytes(),
                true,
            ),
            ("latin1.md", late_latin1, true),
            ("binary.txt", binary, false),
        ] {
            let path = tmp.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let read = read_article(&path, 1 << 20).unwrap();
            assert_eq!(read.hash(), blake3::hash(&bytes), "{name}");
            let FileContent::Text(text) = read.content else {
                panic!("{name} read whole")
            };
            assert_eq!(text.is_ok(), decoded, "{name}");
        }
    }

    /// A page read whole is hashed when asked, as the bytes it holds.
    #[test]
    fn a_file_read_whole_hashes_as_its_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("page.html");
        let bytes = b"<html><title>Talks</title><p>They met.</p></html>";
        std::fs::write(&path, bytes).unwrap();
        let read = read_article(&path, 1 << 20).unwrap();
        assert!(matches!(read.content, FileContent::Bytes(_)));
        assert_eq!(read.hash(), blake3::hash(bytes));
    }
}
