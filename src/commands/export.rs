//! `newsidx export`: statement (or article) records for the tools people
//! already use, streamed to stdout or a file, one record at a time.

use super::Messages;
use crate::cli::{ExportArgs, ExportFormat, GlobalArgs};
use crate::error::{exit_code, Error};
use crate::export::{self, Format, Record, Writer};
use crate::index::NewsIndex;
use crate::search::passage_query;
use crate::settings::SearchSettings;
use crate::statement::{ArticleRecord, StatementRecord};
use std::collections::BTreeSet;
use std::io::Write;
use std::time::Instant;
use tantivy::collector::{Collector, Count, SegmentCollector};

pub fn run(global: &GlobalArgs, messages: &Messages, args: ExportArgs) -> anyhow::Result<u8> {
    let format = match args.format {
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Opensearch => Format::OpenSearch,
        ExportFormat::Quickwit => Format::Quickwit,
    };
    let default_name = if args.articles {
        ArticleRecord::INDEX
    } else {
        StatementRecord::INDEX
    };
    let index_name = args.index_name.clone().unwrap_or(default_name.to_string());
    if args.mapping {
        let text = match (format, args.articles) {
            (Format::OpenSearch, false) => mapping_json::<StatementRecord>()?,
            (Format::OpenSearch, true) => mapping_json::<ArticleRecord>()?,
            (Format::Quickwit, false) => export::quickwit_config::<StatementRecord>(&index_name),
            (Format::Quickwit, true) => export::quickwit_config::<ArticleRecord>(&index_name),
            _ => {
                messages.always(
                    "newsidx: error: --mapping describes an index for --format opensearch or --format quickwit; add one of them",
                );
                return Ok(exit_code::USAGE);
            }
        };
        let mut out = open_output(args.output.as_deref())?;
        out.write_all(text.as_bytes())?;
        out.flush()?;
        return Ok(exit_code::OK);
    }
    let request = super::search_request(SearchSettings {
        query: args.query.clone(),
        speakers: args.speaker.clone(),
        sources: args.filters.source.clone(),
        langs: args.filters.lang.clone(),
        since: args.filters.since.clone(),
        until: args.filters.until.clone(),
        ..SearchSettings::default()
    })?;
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let started = Instant::now();
    let (query, _) = passage_query(&index, &searcher, &request)?;
    let out = open_output(args.output.as_deref())?;
    let written = if args.articles {
        let ids = searcher.search(&query, &ArticleIds)?;
        let bar = messages.count_bar(ids.len() as u64, "articles");
        let mut writer = Writer::new::<ArticleRecord>(format, &index_name, out)?;
        for id in ids {
            if let Some(article) = crate::stored_article::find(&index, &searcher, &id)? {
                writer.write(&export::article_record(&article))?;
            }
            bar.inc(1);
        }
        let written = writer.written();
        writer.finish()?.flush()?;
        bar.finish_and_clear();
        written
    } else {
        let bar = messages.count_bar(searcher.search(&query, &Count)? as u64, "passages");
        let mut writer = Writer::new::<StatementRecord>(format, &index_name, out)?;
        export::for_each_record(
            &index,
            &searcher,
            &request,
            || bar.inc(1),
            |record| anyhow::Ok(writer.write(&record)?),
        )?;
        let written = writer.written();
        writer.finish()?.flush()?;
        bar.finish_and_clear();
        written
    };
    {
        let what = if args.articles {
            "articles"
        } else {
            "statements"
        };
        let to = args
            .output
            .as_ref()
            .map_or("stdout".to_string(), |p| p.display().to_string());
        messages.info(&format!(
            "{written} {what} written to {to} in {:.2}s",
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(exit_code::OK)
}

fn mapping_json<R: Record>() -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(&export::opensearch_mapping::<R>())?;
    text.push('\n');
    Ok(text)
}

/// `output::data_sink`, with the file named on failure.
fn open_output(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(crate::output::data_sink(path).map_err(|source| Error::Io {
        path: path.unwrap_or(std::path::Path::new("-")).to_path_buf(),
        source,
    })?)
}

/// The distinct article ids of the matching passages, in id order (from
/// the `article_id` fast field; no stored document is read).
struct ArticleIds;

struct ArticleIdsSegment {
    column: Option<tantivy::columnar::StrColumn>,
    ords: BTreeSet<u64>,
}

impl Collector for ArticleIds {
    type Fruit = BTreeSet<String>;
    type Child = ArticleIdsSegment;

    fn for_segment(
        &self,
        _: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<ArticleIdsSegment> {
        Ok(ArticleIdsSegment {
            column: reader.fast_fields().str("article_id")?,
            ords: BTreeSet::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeSet<String>>) -> tantivy::Result<BTreeSet<String>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for ArticleIdsSegment {
    type Fruit = BTreeSet<String>;

    fn collect(&mut self, doc: tantivy::DocId, _: tantivy::Score) {
        if let Some(column) = &self.column {
            self.ords.extend(column.term_ords(doc));
        }
    }

    fn harvest(self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        if let Some(column) = &self.column {
            let mut bytes = Vec::new();
            for ord in self.ords {
                if column.ord_to_bytes(ord, &mut bytes).unwrap_or(false) {
                    out.insert(String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
        out
    }
}
