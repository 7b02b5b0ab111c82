//! `newsidx analyze`: run the analysis pipeline on files without indexing.

use super::Messages;
use crate::cli::{AnalyzeArgs, GlobalArgs};
use crate::error::exit_code;
use crate::indexer::analyze::{analyze_content, AnalysisOptions};
use crate::indexer::walk;
use crate::ingest::manifest;
use crate::output;

pub fn run(global: &GlobalArgs, messages: &Messages, args: AnalyzeArgs) -> anyhow::Result<u8> {
    let (mut overrides, manifest_warnings) =
        super::index::metadata_overrides(&args.metadata, messages)?;
    let walked = walk::walk(&args.paths, None);
    let mut failed = walked.problems.len() + manifest_warnings;
    let dirs = manifest::sidecar_dirs(walked.files.iter().map(|f| f.path.as_path()), &walked.dirs);
    for (path, message) in manifest::load_sidecars(dirs.iter().map(|d| d.as_path()), &mut overrides)
    {
        messages.warn(&crate::paths::shown_path(&path), &message);
        failed += 1;
    }
    for skipped in &walked.skipped {
        messages.skipped(&skipped.path, &skipped.message);
    }
    for problem in &walked.problems {
        messages.warn(&crate::paths::shown_path(&problem.path), &problem.message);
    }
    let options = AnalysisOptions {
        speakers: !args.no_speakers,
    };
    let style = super::stdout_style(global);
    let mut out = output::stdout();
    for file in walked.files {
        let limit = crate::ingest::DEFAULT_MAX_FILE_BYTES;
        let read = match walk::read_article(&file.path, limit) {
            Ok(read) => read,
            Err(message) => {
                messages.warn(&crate::paths::shown_path(&file.path), &message);
                failed += 1;
                continue;
            }
        };
        let file_overrides = overrides.for_file(&file.path);
        match analyze_content(&file.path, read.content, options, &file_overrides) {
            Ok(analyzed) => {
                for warning in &analyzed.warnings {
                    messages.warn(&crate::paths::shown_path(&file.path), &warning.to_string());
                    failed += 1;
                }
                for a in &analyzed.articles {
                    if args.json {
                        output::print_json(&mut out, &output::article_json(a))?;
                    } else {
                        output::print_article_human(&mut out, a, style)?;
                    }
                }
            }
            Err(e) => {
                messages.warn(&crate::paths::shown_path(&file.path), &e.to_string());
                failed += 1;
            }
        }
    }
    Ok(if failed == 0 {
        exit_code::OK
    } else {
        exit_code::PARTIAL
    })
}
