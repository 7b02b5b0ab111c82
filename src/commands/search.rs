//! `newsidx search`: parse the filters, search (the local index or the
//! cluster, see [`super::backend`]), print.

use super::{Backend, Messages};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::error::exit_code;
use crate::output;
use crate::search::search;
use crate::settings::SearchSettings;

pub fn run(global: &GlobalArgs, messages: &Messages, args: SearchArgs) -> anyhow::Result<u8> {
    let request = super::search_request(SearchSettings {
        since: args.since,
        until: args.until,
        query: args.query,
        speakers: args.speaker,
        sources: args.source,
        langs: args.lang,
        limit: Some(args.limit),
        offset: Some(args.offset),
        all: args.all,
        also: Some(args.also),
        ..SearchSettings::default()
    })?;
    let backend = super::backend(global, &args.engine)?;
    let results = match &backend {
        Backend::Local(index) => {
            let searcher = index.reader()?.searcher();
            search(index, &searcher, &request)?
        }
        Backend::Engine(engine) => crate::engine::search::search(engine, &request)?,
    };
    let mut out = output::stdout();
    if args.json {
        output::print_hits_json(&mut out, &results)?;
    } else {
        let style = super::stdout_style(global);
        let folder = match &backend {
            Backend::Local(index) => {
                crate::index::records::common_folder(&index.reader()?.searcher())?
            }
            Backend::Engine(engine) => engine.common_folder()?,
        };
        let paths = output::ShownPaths::in_folder(folder);
        output::print_hits_human(&mut out, &results, request.offset, style, &paths)?;
        messages.info(&output::results_summary(&results));
    }
    // Why nothing was found, when it can be told (on stderr with --json
    // too): the hints read the local index.
    if let (true, Backend::Local(index)) = (results.hits.is_empty(), &backend) {
        let searcher = index.reader()?.searcher();
        for hint in crate::hints::why_empty(index, &searcher, &request)? {
            messages.info(&format!("newsidx: hint: {hint}"));
        }
    }
    Ok(if results.hits.is_empty() {
        exit_code::NO_MATCH
    } else {
        exit_code::OK
    })
}
