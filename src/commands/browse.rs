//! `newsidx speakers`, `newsidx sources` and `newsidx quotes`: listing the
//! index by speaker and source, and one speaker's distinct statements.

use super::Messages;
use crate::browse;
use crate::cli::{BrowseFilters, GlobalArgs, QuotesArgs, SourcesArgs, SpeakersArgs};
use crate::error::{exit_code, Error};
use crate::index::NewsIndex;
use crate::output;
use crate::search::SearchRequest;
use crate::settings::SearchSettings;

/// The filters as a request (no query, no paging).
fn request(filters: BrowseFilters, query: String) -> Result<SearchRequest, Error> {
    super::search_request(SearchSettings {
        since: filters.since,
        until: filters.until,
        sources: filters.source,
        query,
        ..SearchSettings::default()
    })
}

pub fn speakers(global: &GlobalArgs, args: SpeakersArgs) -> anyhow::Result<u8> {
    let request = request(args.filters, String::new())?;
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let speakers = browse::speakers(&index, &searcher, &request)?;
    let mut out = output::stdout();
    if args.json {
        output::print_json_lines(&mut out, &speakers)?;
    } else {
        output::print_speakers_human(&mut out, &speakers, super::stdout_style(global))?;
    }
    Ok(exit_code::OK)
}

pub fn sources(global: &GlobalArgs, args: SourcesArgs) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let sources = browse::sources(&index, &searcher)?;
    let mut out = output::stdout();
    if args.json {
        output::print_json_lines(&mut out, &sources)?;
    } else {
        output::print_sources_human(&mut out, &sources, super::stdout_style(global))?;
    }
    Ok(exit_code::OK)
}

pub fn quotes(global: &GlobalArgs, messages: &Messages, args: QuotesArgs) -> anyhow::Result<u8> {
    let request = request(args.filters, args.query)?;
    let index = NewsIndex::open(&global.index)?;
    let searcher = index.reader()?.searcher();
    let statements = browse::quotes(&index, &searcher, &args.speaker, &request)?;
    let mut out = output::stdout();
    if args.json {
        output::print_json_lines(&mut out, &statements)?;
    } else {
        output::print_quotes_human(&mut out, &statements, super::stdout_style(global))?;
        messages.info(&format!(
            "{} distinct statements by {}",
            statements.len(),
            args.speaker
        ));
    }
    Ok(if statements.is_empty() {
        exit_code::NO_MATCH
    } else {
        exit_code::OK
    })
}
