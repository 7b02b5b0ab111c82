//! `newsidx speakers`, `newsidx sources` and `newsidx quotes`: listing the
//! index by speaker and source, and one speaker's distinct statements.

use super::{Backend, Messages};
use crate::browse;
use crate::cli::{BrowseFilters, GlobalArgs, QuoteSort, QuotesArgs, SourcesArgs, SpeakersArgs};
use crate::error::{exit_code, Error};
use crate::output;
use crate::search::SearchRequest;
use crate::settings::SearchSettings;

/// The filters as a request (no query, no paging).
fn request(filters: BrowseFilters, query: String) -> Result<SearchRequest, Error> {
    super::search_request(SearchSettings {
        since: filters.since,
        until: filters.until,
        sources: filters.source,
        langs: filters.lang,
        query,
        ..SearchSettings::default()
    })
}

pub fn speakers(global: &GlobalArgs, args: SpeakersArgs) -> anyhow::Result<u8> {
    let request = request(args.filters, String::new())?;
    let speakers = match super::backend(global, &args.engine)? {
        Backend::Local(index) => {
            let searcher = index.reader()?.searcher();
            browse::speakers(&index, &searcher, &request)?
        }
        Backend::Engine(engine) => crate::engine::browse::speakers(&engine, &request)?,
    };
    let mut out = output::stdout();
    if args.json {
        output::print_json_lines(&mut out, &speakers)?;
    } else {
        output::print_speakers_human(&mut out, &speakers, super::stdout_style(global))?;
    }
    Ok(exit_code::OK)
}

pub fn sources(global: &GlobalArgs, args: SourcesArgs) -> anyhow::Result<u8> {
    let sources = match super::backend(global, &args.engine)? {
        Backend::Local(index) => {
            let searcher = index.reader()?.searcher();
            browse::sources(&index, &searcher)?
        }
        Backend::Engine(engine) => crate::engine::browse::sources(&engine)?,
    };
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
    let order = match args.sort {
        QuoteSort::Newest => browse::QuoteOrder::Newest,
        QuoteSort::Oldest => browse::QuoteOrder::Oldest,
        QuoteSort::Relevance => browse::QuoteOrder::Relevance,
    };
    let (statements, folder) = match super::backend(global, &args.engine)? {
        Backend::Local(index) => {
            let searcher = index.reader()?.searcher();
            let statements = browse::quotes(&index, &searcher, &args.speaker, &request, order)?;
            let folder = match args.json {
                true => None,
                false => crate::index::records::common_folder(&searcher)?,
            };
            (statements, folder)
        }
        Backend::Engine(engine) => {
            let statements =
                crate::engine::browse::quotes(&engine, &args.speaker, &request, order)?;
            let folder = match args.json {
                true => None,
                false => engine.common_folder()?,
            };
            (statements, folder)
        }
    };
    let mut out = output::stdout();
    if args.json {
        output::print_json_lines(&mut out, &statements)?;
    } else {
        let paths = output::ShownPaths::in_folder(folder);
        output::print_quotes_human(&mut out, &statements, super::stdout_style(global), &paths)?;
        messages.info(&format!(
            "{} distinct statements by {}",
            statements.len(),
            matched_names(&args.speaker, &statements)
        ));
    }
    Ok(if statements.is_empty() {
        exit_code::NO_MATCH
    } else {
        exit_code::OK
    })
}

/// The canonical names the statements are by, and the name typed when it
/// differs from them: "Steve Witkoff (for \"Witkof\")".
fn matched_names(typed: &str, statements: &[browse::DistinctStatement]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for s in statements {
        if !names.contains(&s.speaker.as_str()) {
            names.push(&s.speaker);
        }
    }
    match names.as_slice() {
        [] => typed.to_string(),
        [name] if *name == typed => typed.to_string(),
        _ => format!("{} (for {typed:?})", names.join(", ")),
    }
}
