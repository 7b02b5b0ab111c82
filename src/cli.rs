//! The command line, defined once with clap: doc comments here are the
//! `--help` text, and shell completions are generated from the same
//! definition.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (search: at least one result)
  1  search or quotes ran but matched nothing
  2  bad usage: unknown flag, query syntax error, bad date
  3  index problem: missing, not a newsidx index, incompatible, or in use
  4  some input files could not be read (the others were indexed)
  5  other failure (I/O error, disk full)
  130  watch stopped by a second Ctrl-C (the batch in progress discarded)";

/// newsidx: search news articles for who said what, where and when.
///
/// Index article files (plain text), then search passages by words,
/// speaker, outlet and date.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "NEWSIDX_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// Print only results and errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Print more about what is done (every skipped file, timings).
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// When to use colours (never with NO_COLOR set).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index article files and directories (incrementally).
    ///
    /// Unchanged files are skipped, changed files replaced, and files that
    /// disappeared from an indexed directory removed, all in one commit.
    #[command(
        after_help = "Examples:\n  newsidx index samples/\n  newsidx index --index /data/idx ~/articles ~/more/article.txt"
    )]
    Index(IndexArgs),

    /// Index, then keep the index in line with the files as they change.
    ///
    /// Indexes PATH... once, then follows file system events: additions,
    /// changes, renames and removals are applied in batches, one commit and
    /// one printed line per batch. Ctrl-C stops it cleanly after the batch
    /// in progress (a batch is committed whole or not at all).
    #[command(
        after_help = "Examples:\n  newsidx watch ~/articles\n  newsidx watch --debounce 2000 --json /data/feeds"
    )]
    Watch(WatchArgs),

    /// Search the indexed passages.
    ///
    /// Words are all required; use "exact phrases", OR, -exclude and
    /// field:value (fields: text, title, source, author, speaker).
    #[command(
        after_help = "Examples:\n  newsidx search ceasefire\n  newsidx search '\"security guarantees\" -russia' --source reuters\n  newsidx search --speaker Witkoff --since 2025-12-01\n  newsidx search talks --json | jq .path"
    )]
    Search(SearchArgs),

    /// Analyze article files without indexing: metadata, passages, speakers.
    #[command(after_help = "Example:\n  newsidx analyze --json samples/*.txt")]
    Analyze(AnalyzeArgs),

    /// Show what the index holds: articles, passages, sources, speakers.
    #[command(after_help = "Example:\n  newsidx stats --json")]
    Stats(StatsArgs),

    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  newsidx completions bash > ~/.local/share/bash-completion/completions/newsidx"
    )]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Article files or directories (searched recursively for .txt files).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Keep the passages of files that disappeared from the given directories.
    #[arg(long)]
    pub keep_missing: bool,

    /// Skip speaker attribution (faster; --speaker finds nothing new).
    #[arg(long)]
    pub no_speakers: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::ingest::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,

    /// Analysis threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Build a fresh index from PATH... in a temporary directory beside the
    /// index, then swap it in atomically (searches keep working meanwhile).
    /// Also the way to replace an index made by an incompatible version.
    #[arg(long)]
    pub rebuild: bool,

    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Article files or directories to index and then follow.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Milliseconds of quiet after a change before the batch is applied.
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub debounce: u64,

    /// Skip speaker attribution (faster; --speaker finds nothing new).
    #[arg(long)]
    pub no_speakers: bool,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = crate::ingest::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,

    /// Analysis threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Print one JSON object per batch instead of a line of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query; leave it out to list passages matching the filters, newest first.
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    pub query: String,

    /// Only passages where this person speaks (full name or surname; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only passages from this outlet (case-insensitive; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Number of results.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Skip this many results (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// One JSON object per result per line.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Article files or directories.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// One JSON object per article per line.
    #[arg(long)]
    pub json: bool,

    /// Skip speaker attribution.
    #[arg(long)]
    pub no_speakers: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,

    /// How many sources and speakers to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}
