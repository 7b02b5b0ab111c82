//! Printing results for people and for programs.
//!
//! Every command's data goes to stdout through this module: human output
//! (with colour only on a terminal, never with `NO_COLOR`) or JSON, one
//! object per line. Messages about the run (progress, summaries, problems)
//! go to stderr through `messages`. No other module writes to stdout
//! (`tests/architecture.rs` checks it). The JSON shapes here are a contract
//! documented in the README; change them only by adding fields.

use crate::article::AnalyzedArticle;
use crate::browse::{DistinctStatement, SourceSummary, SpeakerSummary};
use crate::indexer::walk::Problem;
use crate::indexer::IndexReport;
use crate::search::{Hit, SearchResults};
use crate::stats::Stats;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

/// Where a command's data goes: stdout, or the file `path` (created or
/// truncated) when the command writes to a file (`export --output`);
/// buffered, so the caller must flush it.
pub fn data_sink(path: Option<&Path>) -> io::Result<Box<dyn Write>> {
    const BUFFER: usize = 1 << 16;
    Ok(match path {
        Some(path) => Box::new(io::BufWriter::with_capacity(
            BUFFER,
            std::fs::File::create(path)?,
        )),
        None => Box::new(io::BufWriter::with_capacity(BUFFER, io::stdout().lock())),
    })
}

/// Terminal styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    pub fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    pub fn highlight(&self, t: &str) -> String {
        self.paint("1;33", t)
    }
    pub fn path(&self, t: &str) -> String {
        self.paint("35", t)
    }
    pub fn speaker(&self, t: &str) -> String {
        self.paint("36", t)
    }
}

/// Prints one value as a line of JSON, fields in the order its type
/// declares them (speakers, sources, quotes, stats).
pub fn print_json<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
    let mut line = serde_json::to_vec(value).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// Prints one value as a line of JSON with its keys sorted, as hits,
/// analysed articles and run summaries have always been printed. The line
/// is made in memory and written at once: `Value`'s `Display` writes each
/// key and string apart, and standard output looks for a line break in
/// every write.
pub fn print_json_sorted<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> io::Result<()> {
    let value = serde_json::to_value(value).map_err(io::Error::other)?;
    let mut line = serde_json::to_vec(&value).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)
}

/// Prints each value as a line of JSON.
pub fn print_json_lines<T: Serialize>(out: &mut impl Write, values: &[T]) -> io::Result<()> {
    for value in values {
        print_json(out, value)?;
    }
    Ok(())
}

/// Prints a line of text and flushes it (for output that follows events,
/// such as `watch`'s line per batch).
pub fn print_line(out: &mut impl Write, line: &str) -> io::Result<()> {
    writeln!(out, "{line}")?;
    out.flush()
}

/// Whether stdout is a terminal (colour is then used unless turned off).
pub fn stdout_is_terminal() -> bool {
    use std::io::IsTerminal;
    io::stdout().is_terminal()
}

/// Standard output, locked: what every command's data is written to.
pub fn stdout() -> io::StdoutLock<'static> {
    io::stdout().lock()
}

/// The shell completion script of the command line.
pub fn print_completions(shell: clap_complete::Shell, cli: &mut clap::Command) -> io::Result<()> {
    // clap_complete panics when a write fails (`| true` closes the pipe
    // early), so the script is made in memory and written here, where a
    // broken pipe is an error like any other.
    let mut script = Vec::new();
    clap_complete::generate(shell, cli, "newsidx", &mut script);
    let mut out = stdout();
    out.write_all(&script)?;
    out.flush()
}

/// A path as the user will want to open it: relative to the working
/// directory when it lies below it, with control characters escaped (a
/// newline in a file name would split `path:line` over two lines).
pub fn display_path(path: &str) -> String {
    let p = Path::new(path);
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(|r| r.display().to_string()))
        .unwrap_or_else(|| path.to_string());
    terminal_safe(&shown)
}

/// How the paths of results are shown to people. When the indexed folder
/// lies inside the working directory, relative to the working directory, so
/// that `path:line` opens as printed (as rg's paths do); otherwise relative
/// to the indexed folder, so that `business/021.txt` and `sport/021.txt`
/// stay apart and no absolute path is printed.
#[derive(Debug, Clone, Default)]
pub struct ShownPaths {
    /// The indexed folder, when it lies outside the working directory.
    folder: Option<std::path::PathBuf>,
}

impl ShownPaths {
    /// Paths of an index whose files all lie in `folder` (see
    /// [`crate::index::records::common_folder`]).
    pub fn in_folder(folder: Option<std::path::PathBuf>) -> ShownPaths {
        let cwd = std::env::current_dir().ok();
        let folder = folder.filter(|f| {
            !f.as_os_str().is_empty() && !cwd.as_ref().is_some_and(|c| f.starts_with(c))
        });
        ShownPaths { folder }
    }

    /// `path` as shown.
    pub fn show(&self, path: &str) -> String {
        if let Some(folder) = &self.folder {
            if let Ok(rest) = Path::new(path).strip_prefix(folder) {
                if !rest.as_os_str().is_empty() {
                    return terminal_safe(&rest.to_string_lossy());
                }
            }
        }
        display_path(path)
    }
}

/// Text from articles, indexes and file names made safe to print on a
/// terminal: control characters, which would act on it (`ESC [2J` clears
/// the screen, `ESC ]0;…BEL` retitles the window), are written as escapes
/// (`\n`, `\t`, `\x1b`, `\u{9b}`), as `ls` and `fd` show such file names.
/// Articles indexed now hold none (they are blanked when read); this covers
/// file names and indexes made before.
pub fn terminal_safe(text: &str) -> String {
    if !text.contains(char::is_control) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The longest title printed for people, in characters; longer ones end
/// in `…` (a 1 MB title came out whole, on one line). JSON keeps them whole.
pub const MAX_TITLE_CHARS: usize = 200;

/// The longest outlet, author or speaker name printed for people.
pub const MAX_NAME_CHARS: usize = 80;

/// `text` cut to at most `max` characters, at a space when there is one in
/// its last fifth, with `…` added when anything was cut.
pub fn shorten(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max.saturating_sub(1)) else {
        return text.to_string();
    };
    if text[cut..].chars().nth(1).is_none() {
        return text.to_string(); // exactly `max` characters
    }
    let kept = &text[..cut];
    let at_space = kept
        .rfind(char::is_whitespace)
        .filter(|&i| kept[..i].chars().count() * 5 >= max * 4);
    let kept = at_space.map_or(kept, |i| &kept[..i]).trim_end();
    format!("{kept}…")
}

/// Article text for one field of human output: escaped and shortened.
fn shown(text: &str, max: usize) -> String {
    shorten(&terminal_safe(text), max)
}

/// "1 article", "2 articles": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The day part of an RFC 3339 date.
fn day(date: &Option<String>) -> Option<&str> {
    date.as_deref().map(|d| d.get(..10).unwrap_or(d))
}

/// `text` with the byte ranges `ranges` marked as matched words: in colour,
/// or in `[…]` brackets when colour is off, so matches stay visible when
/// piped. `between` styles the text around them.
fn mark_words(
    text: &str,
    ranges: &[(usize, usize)],
    style: Style,
    between: impl Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let put = |piece: &str, out: &mut String| {
        if !piece.is_empty() {
            out.push_str(&between(&terminal_safe(piece)));
        }
    };
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        put(&text[at..start], &mut out);
        let word = terminal_safe(&text[start..end]);
        if style.color {
            out.push_str(&style.highlight(&word));
        } else {
            out.push_str(&format!("[{word}]"));
        }
        at = end;
    }
    put(&text[at..], &mut out);
    out
}

/// The snippet with its highlighted ranges marked (see [`mark_words`]).
fn marked_snippet(hit: &Hit, style: Style) -> String {
    if !hit.speaker_spans.is_empty() {
        return marked_snippet_with_speaker(hit, style);
    }
    let out = mark_words(&hit.snippet, &hit.highlights, style, str::to_string);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A result's title in bold, its matched words marked (see [`mark_words`]);
/// the file name when it has none. A title too long to show whole is
/// shortened and left unmarked.
fn marked_title(hit: &Hit, style: Style) -> String {
    match &hit.title {
        Some(title)
            if !hit.title_highlights.is_empty() && title.chars().count() <= MAX_TITLE_CHARS =>
        {
            mark_words(title, &hit.title_highlights, style, |t| style.bold(t))
        }
        Some(title) => style.bold(&shown(title, MAX_TITLE_CHARS)),
        None => style.bold(&shown(
            &Path::new(&hit.path)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            MAX_TITLE_CHARS,
        )),
    }
}

/// The snippet with the matched words marked as [`marked_snippet`] does
/// and the requested speaker's own words (`hit.speaker_spans`) underlined,
/// or in `{…}` braces when colour is off.
fn marked_snippet_with_speaker(hit: &Hit, style: Style) -> String {
    let snippet = &hit.snippet;
    // (position, order at that position, marker): closings before openings.
    let mut marks: Vec<(usize, u8, &str)> = Vec::new();
    let (speaker_on, speaker_off, word_on, word_off) = if style.color {
        ("\x1b[4m", "\x1b[24m", "\x1b[1;33m", "\x1b[22;39m")
    } else {
        ("{", "}", "[", "]")
    };
    for &(start, end) in &hit.speaker_spans {
        if start < end && end <= snippet.len() {
            marks.push((start, 2, speaker_on));
            marks.push((end, 1, speaker_off));
        }
    }
    let mut at = 0;
    for &(start, end) in &hit.highlights {
        if start < at || end > snippet.len() {
            continue;
        }
        marks.push((start, 3, word_on));
        marks.push((end, 0, word_off));
        at = end;
    }
    marks.sort_by_key(|&(pos, order, _)| (pos, order));
    let mut out = String::new();
    let mut at = 0;
    for (pos, _, mark) in marks {
        if !snippet.is_char_boundary(pos) {
            continue;
        }
        out.push_str(&snippet[at..pos]);
        out.push_str(mark);
        at = pos;
    }
    out.push_str(&snippet[at..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prints search results for people.
pub fn print_hits_human(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    style: Style,
    paths: &ShownPaths,
) -> io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        let score = if hit.score > 0.0 {
            format!("  {:.2}", hit.score)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}. {}{}",
            offset + i + 1,
            marked_title(hit, style),
            style.dim(&score)
        )?;
        let mut meta = Vec::new();
        meta.push(shown(
            hit.source.as_deref().unwrap_or("unknown source"),
            MAX_NAME_CHARS,
        ));
        meta.push(day(&hit.date).unwrap_or("undated").to_string());
        if !hit.speakers.is_empty() {
            let speakers: Vec<String> = hit
                .speakers
                .iter()
                .map(|s| style.speaker(&shown(s, MAX_NAME_CHARS)))
                .collect();
            meta.push(speakers.join(", "));
        }
        writeln!(out, "   {}", meta.join(" · "))?;
        writeln!(out, "   {}", marked_snippet(hit, style))?;
        writeln!(
            out,
            "   {}",
            style.path(&format!("{}:{}", paths.show(&hit.path), hit.line))
        )?;
        if let Some(line) = copies_line(hit) {
            writeln!(out, "   {}", style.dim(&terminal_safe(&line)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// "5 copies in 4 articles, first 2025-12-21; also in: Bloomberg News
/// (undated), … and 2 more articles" for a result that other copies were
/// folded into. The articles named are the search's `also` list.
fn copies_line(hit: &Hit) -> Option<String> {
    let copies = hit.copies?;
    if copies < 2 {
        return None;
    }
    let article_count = hit.articles.unwrap_or(1);
    let noun = if article_count == 1 {
        "article"
    } else {
        "articles"
    };
    let mut line = format!("{copies} copies in {article_count} {noun}");
    if let Some(first) = day(&hit.first_date) {
        line.push_str(&format!(", first {first}"));
    }
    let others = article_count.saturating_sub(1);
    if others == 0 {
        return Some(line);
    }
    let named: Vec<String> = hit
        .also
        .iter()
        .map(|a| outlet_and_day(&a.source, &a.path, &a.date))
        .collect();
    if named.is_empty() {
        return Some(line);
    }
    line.push_str("; also in: ");
    line.push_str(&named.join(", "));
    let more = others.saturating_sub(named.len());
    if more > 0 {
        let noun = if more == 1 { "article" } else { "articles" };
        line.push_str(&format!(" and {more} more {noun}"));
    }
    Some(line)
}

/// "Bloomberg News (2025-12-21)": where and when a copy ran.
fn outlet_and_day(source: &Option<String>, path: &str, date: &Option<String>) -> String {
    format!(
        "{} ({})",
        outlet_or_file(source, path),
        day(date).unwrap_or("undated")
    )
}

/// The outlet's name, or the file name when the outlet is unknown.
fn outlet_or_file(source: &Option<String>, path: &str) -> String {
    source.clone().unwrap_or_else(|| {
        Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |f| f.to_string_lossy().into_owned())
    })
}

/// The line on stderr after search results: what was shown of what matched.
pub fn results_summary(results: &SearchResults) -> String {
    let shown = results.hits.len();
    let passages = count(results.total, "matching passage", "matching passages");
    match results.groups {
        Some(groups) if results.groups_at_least => format!(
            "{shown} of at least {groups} results shown ({passages}; copies folded, --all shows each)"
        ),
        Some(groups) if groups < results.total => format!(
            "{shown} of {} shown ({passages}; copies folded, --all shows each)",
            count(groups, "result", "results"),
        ),
        Some(groups) => format!("{shown} of {} shown", count(groups, "result", "results")),
        None => format!("{shown} of {passages} shown"),
    }
}

/// The JSON object of one search hit (the documented contract): [`Hit`]
/// as it serializes, keys sorted.
pub fn hit_json(hit: &Hit) -> serde_json::Value {
    serde_json::to_value(hit).expect("hits serialize")
}

/// The summary of an `index` run (`index --json`), or of one `watch`
/// batch with [`WatchBatchJson`] around it.
#[derive(Debug, Serialize)]
pub struct IndexSummaryJson<'a> {
    #[serde(flatten)]
    pub report: &'a IndexReport,
    /// Files that could not be read or analysed.
    pub failed: usize,
    pub problems: &'a [Problem],
    /// Parts of files skipped while the rest was indexed.
    pub warnings: &'a [Problem],
    /// Entries the walk left out, by reason (`hidden`, `excluded`,
    /// `not_articles`, `other_types`, `index`).
    pub left_out: std::collections::BTreeMap<&'static str, usize>,
    /// The index directory (`index --json` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
}

impl<'a> IndexSummaryJson<'a> {
    pub fn new(report: &'a IndexReport, index: Option<&Path>) -> IndexSummaryJson<'a> {
        IndexSummaryJson {
            report,
            failed: report.failed(),
            problems: &report.problems,
            warnings: &report.warnings,
            left_out: report
                .left_out
                .iter()
                .map(|(why, n)| (why.key(), *n))
                .collect(),
            index: index.map(|i| i.display().to_string()),
        }
    }
}

/// One `watch --json` line: a batch's summary, when, and what caused it.
#[derive(Debug, Serialize)]
pub struct WatchBatchJson<'a> {
    #[serde(flatten)]
    pub summary: IndexSummaryJson<'a>,
    /// Local time the batch was committed (`YYYY-MM-DD HH:MM:SS`).
    pub time: String,
    /// Paths the file system events named.
    pub events: usize,
    /// Whether the whole tree was walked again (the event queue overflowed).
    pub rescanned: bool,
}

/// One page of `GET /api/search`.
#[derive(Debug, Serialize)]
pub struct SearchPage<'a> {
    /// Matching passages.
    pub total: usize,
    /// The results they fold into (`None` with `all`): exact up to
    /// `fold::COUNTED_GROUPS`, that many when there are more.
    pub groups: Option<usize>,
    /// `groups` is a lower bound.
    pub groups_at_least: bool,
    pub offset: usize,
    pub limit: usize,
    pub hits: &'a [Hit],
    /// Speaker and source counts, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<&'a crate::facets::Facets>,
    /// Why nothing was found, when it is known (see `hints`).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub hints: &'a [String],
}

/// One analysed article as `analyze --json` prints it: the contract the
/// scorers in `eval/` read. Its fields, and those of the types under it,
/// are declared in key order, so [`print_json`] writes the line with its
/// keys sorted, as it has always been printed, straight from the article:
/// going through a `serde_json::Value` to sort them cost a tenth of
/// `analyze` (issue 15).
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    pub aliases: Vec<AliasesJson<'a>>,
    pub author: &'a Option<String>,
    pub date: &'a Option<String>,
    pub id: &'a str,
    pub lang: &'a Option<String>,
    pub passages: Vec<PassageJson<'a>>,
    /// The file, with each byte that is not UTF-8 written `\xHH`.
    pub path: String,
    /// The file's exact bytes in base64, when its path is not UTF-8 (see
    /// `paths`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<String>,
    pub source: &'a Option<String>,
    pub statements: Vec<crate::article::StatementJson<'a>>,
    pub title: &'a Option<String>,
    pub url: &'a Option<String>,
}

/// A passage of an [`ArticleJson`] (fields in key order).
#[derive(Debug, Serialize)]
pub struct PassageJson<'a> {
    pub end: usize,
    pub heading: &'a Option<String>,
    pub line: usize,
    pub speakers: &'a [String],
    pub start: usize,
    pub text: &'a str,
}

/// The other names of one speaker in an [`ArticleJson`] (fields in key
/// order).
#[derive(Debug, Serialize)]
pub struct AliasesJson<'a> {
    pub aliases: &'a [String],
    pub speaker: &'a str,
}

/// Prints search results as JSON Lines.
pub fn print_hits_json(out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
    for hit in &results.hits {
        writeln!(out, "{}", hit_json(hit))?;
    }
    Ok(())
}

/// The JSON shape of one analysed article (see [`ArticleJson`]).
pub fn article_json(a: &AnalyzedArticle) -> ArticleJson<'_> {
    let article = &a.article;
    let (path, path_bytes) = crate::paths::stored_json_fields(&crate::paths::stored(&article.path));
    ArticleJson {
        aliases: a
            .aliases
            .iter()
            .map(|(name, forms)| AliasesJson {
                aliases: forms,
                speaker: name,
            })
            .collect(),
        author: &article.author,
        date: &article.date,
        id: &article.id,
        lang: &article.lang,
        passages: a
            .passages
            .iter()
            .map(|p| PassageJson {
                end: p.end,
                heading: &p.heading,
                line: p.line,
                speakers: &p.speakers,
                start: p.start,
                text: &p.text,
            })
            .collect(),
        path,
        path_bytes,
        source: &article.source,
        statements: a.statements.iter().map(|s| s.json(None)).collect(),
        title: &article.title,
        url: &article.url,
    }
}

/// Prints an analysed article for people.
pub fn print_article_human(
    out: &mut impl Write,
    a: &AnalyzedArticle,
    style: Style,
) -> io::Result<()> {
    let article = &a.article;
    writeln!(
        out,
        "{}",
        style.path(&display_path(&crate::paths::shown_path(&article.path)))
    )?;
    let field =
        |v: &Option<String>, max| v.as_deref().map_or_else(|| "-".into(), |v| shown(v, max));
    writeln!(out, "  title:  {}", field(&article.title, MAX_TITLE_CHARS))?;
    writeln!(out, "  source: {}", field(&article.source, MAX_NAME_CHARS))?;
    writeln!(out, "  author: {}", field(&article.author, MAX_NAME_CHARS))?;
    writeln!(out, "  date:   {}", field(&article.date, MAX_NAME_CHARS))?;
    writeln!(
        out,
        "  {}, {}",
        count(a.passages.len(), "passage", "passages"),
        count(a.statements.len(), "statement", "statements")
    )?;
    for s in &a.statements {
        let passage = &a.passages[s.passage.min(a.passages.len().saturating_sub(1))];
        let local_start = s.start.saturating_sub(passage.start);
        let local_end = s.end.saturating_sub(passage.start).min(passage.text.len());
        let content = passage.text.get(local_start..local_end).unwrap_or("");
        let content: String = content.chars().take(100).collect();
        writeln!(
            out,
            "  {} ({} \"{}\", line {}): {}",
            style.speaker(&shown(&s.speaker, MAX_NAME_CHARS)),
            s.cue,
            shown(&s.speaker_text, MAX_NAME_CHARS),
            passage.line,
            content.split_whitespace().collect::<Vec<_>>().join(" ")
        )?;
    }
    writeln!(out)
}

/// Human-readable byte count.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Prints index statistics for people.
pub fn print_stats_human(out: &mut impl Write, s: &Stats, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{}, {}, {} ({} with speakers), {}",
        count(s.files, "file", "files"),
        count(s.articles as usize, "article", "articles"),
        count(s.passages, "passage", "passages"),
        s.attributed_passages,
        count(s.statements as usize, "statement", "statements")
    )?;
    writeln!(
        out,
        "{}, {}, {} on disk",
        count(s.source_count as usize, "source", "sources"),
        count(s.speaker_count as usize, "speaker", "speakers"),
        bytes(s.size_bytes)
    )?;
    if !s.languages.is_empty() {
        let languages: Vec<String> = s
            .languages
            .iter()
            .map(|c| format!("{} {}", c.name, c.passages))
            .collect();
        writeln!(out, "passages by language: {}", languages.join(", "))?;
    }
    if s.copies.copy_groups > 0 {
        writeln!(
            out,
            "{} are copies in {} (largest {}); {}",
            count(s.copies.grouped_passages, "passage", "passages"),
            count(s.copies.copy_groups, "group", "groups"),
            s.copies.largest,
            count(s.copies.groups, "distinct passage", "distinct passages")
        )?;
    }
    if !s.sources.is_empty() {
        writeln!(out, "\n{}", style.bold("Sources (passages)"))?;
        for c in &s.sources {
            writeln!(out, "  {:>7}  {}", c.passages, c.name)?;
        }
    }
    if !s.speakers.is_empty() {
        writeln!(out, "\n{}", style.bold("Speakers (passages)"))?;
        for c in &s.speakers {
            writeln!(out, "  {:>7}  {}", c.passages, style.speaker(&c.name))?;
        }
    }
    Ok(())
}

/// Prints the speaker listing for people.
pub fn print_speakers_human(
    out: &mut impl Write,
    speakers: &[SpeakerSummary],
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:>10} {:>8} {:>7}  speaker (aliases)",
            "statements", "articles", "sources"
        ))
    )?;
    for s in speakers {
        let aliases = if s.aliases.is_empty() {
            String::new()
        } else {
            style.dim(&format!(" ({})", s.aliases.join(", ")))
        };
        writeln!(
            out,
            "{:>10} {:>8} {:>7}  {}{}",
            s.statements,
            s.articles,
            s.sources,
            style.speaker(&s.name),
            aliases
        )?;
    }
    Ok(())
}

/// Prints the source listing for people.
pub fn print_sources_human(
    out: &mut impl Write,
    sources: &[SourceSummary],
    style: Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "{:>8} {:>8}  {:<10}  {:<10}  source",
            "articles", "passages", "first", "last"
        ))
    )?;
    for s in sources {
        writeln!(
            out,
            "{:>8} {:>8}  {:<10}  {:<10}  {}",
            s.articles,
            s.passages,
            day(&s.first_date).unwrap_or("-"),
            day(&s.last_date).unwrap_or("-"),
            s.name.as_deref().unwrap_or("(unknown source)")
        )?;
    }
    Ok(())
}

/// Prints one speaker's distinct statements for people.
pub fn print_quotes_human(
    out: &mut impl Write,
    statements: &[DistinctStatement],
    style: Style,
    paths: &ShownPaths,
) -> io::Result<()> {
    for (i, s) in statements.iter().enumerate() {
        let also = match s.also_in_outlets {
            0 => String::new(),
            1 => " · also in 1 outlet".to_string(),
            n => format!(" · also in {n} outlets"),
        };
        writeln!(
            out,
            "{}. {} · {}{}",
            i + 1,
            style.bold(day(&s.first_date).unwrap_or("undated")),
            style.speaker(&s.speaker),
            style.dim(&also)
        )?;
        writeln!(out, "   {}", s.text)?;
        let carriers: Vec<String> = s
            .carriers
            .iter()
            .map(|c| outlet_and_day(&c.source, &c.path, &c.date))
            .collect();
        writeln!(
            out,
            "   {}",
            style.dim(&format!(
                "carried by {}: {}",
                carriers.len(),
                carriers.join(", ")
            ))
        )?;
        for c in &s.carriers {
            writeln!(
                out,
                "   {}",
                style.path(&format!("{}:{}", paths.show(&c.path), c.line))
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_analysed_article_prints_with_its_keys_sorted() {
        use crate::article::{Article, Passage, Statement, StatementKind};
        let article = AnalyzedArticle {
            article: Article {
                id: "q7".into(),
                path: "/news/\u{e9}t\u{e9}/brindle.txt".into(),
                title: Some("Ferry to Brindle \"resumes\"".into()),
                source: Some("Orlen Post".into()),
                author: Some("Tavi Quell".into()),
                date: Some("2031-04-02T00:00:00Z".into()),
                url: Some("https://orlen.example/ferry".into()),
                lang: Some("en".into()),
                ..Article::default()
            },
            passages: vec![Passage {
                number: 0,
                text: "\"It sails at dawn,\" said Mara Vesk.".into(),
                start: 10,
                end: 46,
                line: 3,
                heading: Some("Harbour".into()),
                is_heading: false,
                is_item: false,
                speakers: vec!["Mara Vesk".into()],
            }],
            statements: vec![Statement {
                passage: 0,
                start: 11,
                end: 27,
                kind: StatementKind::Direct,
                cue: "said".into(),
                speaker_text: "Mara Vesk".into(),
                speaker: "Mara Vesk".into(),
            }],
            aliases: vec![("Mara Vesk".into(), vec!["Vesk".into()])],
        };
        let mut articles = vec![article];
        #[cfg(unix)]
        {
            // A path that is not UTF-8 adds `path_bytes`.
            use std::os::unix::ffi::OsStrExt;
            let mut not_utf8 = articles[0].clone();
            not_utf8.article.path = std::ffi::OsStr::from_bytes(b"/news/br\xffndle.txt").into();
            articles.push(not_utf8);
        }
        for article in articles {
            let json = article_json(&article);
            let (mut direct, mut sorted) = (Vec::new(), Vec::new());
            print_json(&mut direct, &json).unwrap();
            print_json_sorted(&mut sorted, &json).unwrap();
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(sorted).unwrap()
            );
        }
    }

    #[test]
    fn shorten_cuts_long_text_at_a_space_and_marks_it() {
        assert_eq!(shorten("Talks end", 20), "Talks end");
        assert_eq!(shorten("abcde", 5), "abcde");
        assert_eq!(shorten("abcdef", 5), "abcd…");
        assert_eq!(
            shorten("Talks in Geneva end early", 20),
            "Talks in Geneva end…"
        );
        let long = "é".repeat(1000);
        assert_eq!(shorten(&long, 10).chars().count(), 10);
    }
}
