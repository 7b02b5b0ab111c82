//! The command line, defined once with clap: doc comments here are the
//! `--help` text, and shell completions are generated from the same
//! definition.

use crate::search::{DEFAULT_ALSO, DEFAULT_LIMIT, MAX_ALSO};
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
/// Index article files (plain text, Markdown, HTML, JSON Lines and JSON
/// scraper output), then search passages by words, speaker, outlet and date.
#[derive(Debug, Parser)]
#[command(name = "newsidx", version, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, shown apart from the command's own in
/// `--help`.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
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
        after_help = "Examples:\n  newsidx index samples/\n  newsidx index --index /data/idx ~/articles ~/more/article.txt\n  newsidx index --source Reuters --date 2025-12-22 scraped/reuters/\n  newsidx index --manifest sources.csv downloads/"
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
    /// Words are all required; use "exact phrases", OR and AND between
    /// words, NOT or -exclude, parentheses, and field:value (fields: text,
    /// title, source, author, speaker). Apostrophes, colons and other
    /// punctuation are text, never operators.
    #[command(
        after_help = "Examples:\n  newsidx search ceasefire\n  newsidx search '\"security guarantees\" -russia' --source reuters\n  newsidx search --speaker Witkoff --since 2025-12-01\n  newsidx search talks --json | jq .path"
    )]
    Search(SearchArgs),

    /// Analyze article files without indexing: metadata, passages, speakers.
    #[command(after_help = "Example:\n  newsidx analyze --json samples/*.txt")]
    Analyze(AnalyzeArgs),

    /// List every speaker: statements, articles and sources, and aliases.
    ///
    /// Spelling variants of a name ("Yury"/"Yuri Ushakov") are listed as one
    /// speaker, most statements first.
    #[command(
        after_help = "Examples:\n  newsidx speakers\n  newsidx speakers --source reuters --since 2025-12-01 --json"
    )]
    Speakers(SpeakersArgs),

    /// List every source (outlet) with its articles and date range.
    #[command(after_help = "Example:\n  newsidx sources --json")]
    Sources(SourcesArgs),

    /// List the distinct statements of one speaker, newest first (or oldest
    /// first, or by relevance), each with the outlets that carried it and
    /// the first date it was seen.
    #[command(
        after_help = "Examples:\n  newsidx quotes --speaker Witkoff\n  newsidx quotes --speaker Zelenskyy ceasefire --json"
    )]
    Quotes(QuotesArgs),

    /// Write statement records (or articles) for other tools: JSON Lines,
    /// CSV for spreadsheets, OpenSearch bulk or Quickwit ingest files.
    ///
    /// Exports every statement unless a query or filters narrow it down;
    /// streams to stdout or to --output, with a progress bar on a terminal.
    #[command(
        after_help = "Examples:\n  newsidx export --format csv --speaker Witkoff -o witkoff.csv\n  newsidx export --format opensearch -o statements.ndjson\n  newsidx export --format opensearch --mapping > mapping.json\n  newsidx export --format quickwit --articles -o articles.ndjson"
    )]
    Export(ExportArgs),

    /// Send the index's statement, article and passage records to an OpenSearch cluster.
    ///
    /// Creates NAME-statements, NAME-articles and NAME-passages with the mapping of
    /// `export --mapping` on first use, then sends only what changed since
    /// the last push and deletes what was removed locally. Statement ids are
    /// stable, so a second push updates instead of duplicating; a push that
    /// stopped half-way resumes. Basic auth from NEWSIDX_ENGINE_AUTH
    /// (USER:PASSWORD); an https:// cluster's certificate is checked against
    /// the system's roots and the PEM file in NEWSIDX_ENGINE_CA.
    #[command(
        after_help = "Examples:\n  newsidx push --to http://127.0.0.1:9200\n  newsidx push --to http://search:9200 --name news --shards 6 --replicas 2\n  NEWSIDX_ENGINE_CA=root-ca.pem newsidx push --to https://search:9200"
    )]
    Push(PushArgs),

    /// Show what the index holds: articles, passages, sources, speakers.
    #[command(after_help = "Example:\n  newsidx stats --json")]
    Stats(StatsArgs),

    /// Serve a search page and a JSON API over the index (on this machine only, by default).
    ///
    /// Open the printed address in a browser. The API answers
    /// /api/search, /api/quotes, /api/speakers, /api/sources,
    /// /api/articles/ID and /health (see the README). New commits by `index` or `watch` show up
    /// without a restart.
    #[command(
        after_help = "Examples:\n  newsidx serve\n  newsidx serve --index /data/idx --addr 127.0.0.1:8080\n  curl 'http://127.0.0.1:7700/api/search?q=ceasefire&limit=5'"
    )]
    Serve(ServeArgs),

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
    /// Article files or directories (searched recursively for .txt, .md, .html, .htm, .jsonl and .json files; hidden, ignored, README and LICENSE files are left out).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Keep the passages of files that disappeared from the given directories.
    #[arg(long)]
    pub keep_missing: bool,

    /// Leave out files and directories matching this glob (gitignore syntax,
    /// relative to each directory given: '*.csv', 'drafts/'; repeat for
    /// several). .gitignore and .ignore files are honoured too.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Skip speaker attribution (faster; --speaker finds nothing new).
    #[arg(long)]
    pub no_speakers: bool,

    /// Do not group copies of passages across articles (faster; search then
    /// shows every copy of the passages indexed in this run).
    #[arg(long)]
    pub no_grouping: bool,

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

    #[command(flatten)]
    pub metadata: MetadataArgs,
}

/// Metadata given on the command line or in a manifest, which wins over
/// what the files say.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Metadata overrides")]
pub struct MetadataArgs {
    /// Set the outlet of every article read in this run.
    #[arg(long = "source", value_name = "NAME")]
    pub source: Option<String>,

    /// Set the publication date of every article read in this run (YYYY-MM-DD, RFC 3339, "22 Dec 2025"…).
    #[arg(long = "date", value_name = "DATE")]
    pub date: Option<String>,

    /// Set the author of every article read in this run.
    #[arg(long = "author", value_name = "NAME")]
    pub author: Option<String>,

    /// Per-file metadata from a CSV or JSON Lines manifest with columns path,source,date,title,author,url (paths relative to the manifest). Files named newsidx-manifest.csv or newsidx-manifest.jsonl are read automatically from the directories indexed. Manifest rows win over --source/--date/--author.
    #[arg(long, value_name = "FILE")]
    pub manifest: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Article files or directories to index and then follow.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Leave out files and directories matching this glob, now and as they
    /// change (gitignore syntax, relative to each directory given: '*.csv',
    /// 'drafts/'; repeat for several), as `index --exclude` does.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

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
    #[arg(
        value_name = "QUERY",
        default_value = "",
        hide_default_value = true,
        allow_hyphen_values = true
    )]
    pub query: String,

    /// Only passages where this person speaks (full name or surname; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only passages from this outlet (case-insensitive; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only articles in this language (ISO 639-1 code such as en, de, fr; repeat for any of several).
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,

    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Number of results (at least 1).
    #[arg(long, short = 'n', default_value_t = DEFAULT_LIMIT, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    pub limit: usize,

    /// Skip this many results (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Show every copy of a passage; by default copies in other articles
    /// (syndicated or quoted again) fold into the best-ranked one, listed
    /// after it as "also in".
    #[arg(long)]
    pub all: bool,

    /// Under a folded result, name this many of the other articles that
    /// carry it (the oldest first); the rest are counted.
    #[arg(long, default_value_t = DEFAULT_ALSO, value_name = "N",
          value_parser = clap::builder::TypedValueParser::map(
              clap::value_parser!(u16).range(0..=MAX_ALSO as i64), usize::from))]
    pub also: usize,

    /// One JSON object per result per line.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Filters shared by the browsing commands.
#[derive(Debug, Args)]
pub struct BrowseFilters {
    /// Only articles from this outlet (case-insensitive; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only articles in this language (ISO 639-1 code such as en, de, fr; repeat for any of several).
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,

    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM, YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// Where a browsing command reads from: the local index, or a cluster.
#[derive(Debug, Args)]
#[command(next_help_heading = "Cluster")]
pub struct EngineArgs {
    /// Answer from this OpenSearch cluster (http:// or https://HOST:PORT of
    /// any node) instead of the local index, from what `newsidx push` sent
    /// it. Basic auth from NEWSIDX_ENGINE_AUTH (USER:PASSWORD); a cluster's
    /// own CA certificate from NEWSIDX_ENGINE_CA (a PEM file).
    #[arg(long, value_name = "URL", env = "NEWSIDX_ENGINE")]
    pub engine: Option<String>,

    /// The name the index was pushed under (`push --name`).
    #[arg(
        long,
        value_name = "NAME",
        default_value = "newsidx",
        env = "NEWSIDX_ENGINE_NAME"
    )]
    pub engine_name: String,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    #[command(flatten)]
    pub filters: BrowseFilters,

    /// One JSON object per speaker per line.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    /// One JSON object per source per line.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub engine: EngineArgs,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Whose statements (full name or surname, any case or accents).
    #[arg(long, value_name = "NAME", required = true)]
    pub speaker: String,

    /// Only statements in passages matching this query.
    #[arg(value_name = "QUERY", default_value = "", hide_default_value = true)]
    pub query: String,

    #[command(flatten)]
    pub filters: BrowseFilters,

    /// Order: newest or oldest first (by the first date a statement was
    /// seen), or by relevance to QUERY.
    #[arg(long, value_enum, default_value_t = QuoteSort::Newest)]
    pub sort: QuoteSort,

    /// One JSON object per statement per line.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub engine: EngineArgs,
}

/// The orders of `quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteSort {
    Newest,
    Oldest,
    Relevance,
}

/// The record formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per line.
    Jsonl,
    /// RFC 4180 CSV with a header row; lists joined with "; " in one cell.
    Csv,
    /// OpenSearch/Elasticsearch `_bulk` NDJSON: an action line, then the record.
    Opensearch,
    /// NDJSON for `quickwit index ingest`.
    Quickwit,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only statements in passages matching this query (default: all).
    #[arg(value_name = "QUERY", default_value = "", hide_default_value = true)]
    pub query: String,

    /// Record format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    pub format: ExportFormat,

    /// Only this speaker's statements (full name or surname; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    #[command(flatten)]
    pub filters: BrowseFilters,

    /// One record per article (metadata and body text) instead of per statement.
    #[arg(long)]
    pub articles: bool,

    /// Print the OpenSearch index mapping (JSON) or the Quickwit index
    /// config (YAML) for the records instead of the records.
    #[arg(long)]
    pub mapping: bool,

    /// The index name in bulk action lines and in the mapping or config
    /// [default: newsidx-statements, or newsidx-articles with --articles].
    #[arg(long, value_name = "NAME")]
    pub index_name: Option<String>,

    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

    #[command(flatten)]
    pub metadata: MetadataArgs,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The cluster: http://HOST:PORT or https://HOST:PORT of any of its nodes.
    #[arg(long, value_name = "URL")]
    pub to: String,

    /// Prefix of the cluster's index names (NAME-statements, NAME-articles,
    /// NAME-passages).
    #[arg(long, value_name = "NAME", default_value = "newsidx")]
    pub name: String,

    /// Primary shards of an index that push creates.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub shards: u32,

    /// Replicas of each shard of an index that push creates.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub replicas: u32,

    /// How long push waits for a cluster that is not ready (an index whose
    /// shards are not yet allocated, e.g. after a node was lost; a batch it
    /// cannot take yet) before it stops with an error. What the cluster
    /// took is kept: push again to resume.
    #[arg(long, value_name = "SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..))]
    pub wait: u64,

    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
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

/// `serve --header-timeout`: seconds a client has to send a request head.
pub const DEFAULT_HEADER_TIMEOUT_SECS: u64 = 10;
/// `serve --idle-timeout`: seconds an idle keep-alive connection is kept.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 5;
/// `serve --max-connections`: connections served at once.
pub const DEFAULT_MAX_CONNECTIONS: u32 = 2048;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one. Anything but
    /// a loopback address lets other machines read the index.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,

    /// Access token the API requires (`Authorization: Bearer TOKEN`), at
    /// least 16 characters. Required on a non-loopback address, where one is
    /// generated and printed if not given; on loopback, only if given.
    #[arg(
        long,
        env = "NEWSIDX_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,

    /// Connections served at once; more are answered 503 and closed.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONNECTIONS,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,

    /// Seconds a client has to send a whole request head.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_HEADER_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Seconds an idle keep-alive connection is kept open.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_IDLE_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,

    #[command(flatten)]
    pub engine: EngineArgs,
}
