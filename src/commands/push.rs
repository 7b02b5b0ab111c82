//! `newsidx push`: the index's records to an OpenSearch cluster (see
//! [`crate::push`]), with a progress bar on a terminal and a summary.

use super::Messages;
use crate::cli::{GlobalArgs, PushArgs};
use crate::error::exit_code;
use crate::index::NewsIndex;
use crate::opensearch::Cluster;
use crate::push::{self, Progress, PushOptions};
use std::time::Instant;

pub fn run(global: &GlobalArgs, messages: &Messages, args: PushArgs) -> anyhow::Result<u8> {
    let index = NewsIndex::open(&global.index)?;
    let cluster = Cluster::connect(&args.to)?;
    let state = push::state_path(&global.index, &cluster.address, &args.name);
    let options = PushOptions {
        name: args.name.clone(),
        shards: args.shards,
        replicas: args.replicas,
        wait: std::time::Duration::from_secs(args.wait),
    };
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let report = push::push(&index, &cluster, &options, &state, |p| match p {
        Progress::Start { total, what } => {
            if let Some(old) = bar.take() {
                old.finish_and_clear();
            }
            bar = Some(messages.count_bar(total, what));
        }
        Progress::Step => {
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
        Progress::Waiting {
            index,
            status,
            want,
            limit,
        } => {
            let note = format!(
                "waiting up to {}s (--wait) for index {index} on {} to be {want} ({status})",
                limit.as_secs(),
                cluster.address
            );
            match &bar {
                Some(bar) => bar.suspend(|| messages.info(&note)),
                None => messages.info(&note),
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = report?;
    for (id, reason) in &report.rejected {
        messages.warn(id, &format!("rejected by the cluster: {reason}"));
    }
    if args.json {
        crate::output::print_json(&mut crate::output::stdout(), &report)?;
    } else {
        let [statements, articles, passages] = push::index_names(&args.name);
        messages.info(&format!(
            "pushed to {} ({statements}, {articles}, {passages}): {} statements, {} articles and {} passages sent, {} unchanged, {} deleted, {} rejected in {:.1}s",
            cluster.address,
            report.statements_sent,
            report.articles_sent,
            report.passages_sent,
            report.unchanged,
            report.deleted,
            report.rejected.len(),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(if report.rejected.is_empty() {
        exit_code::OK
    } else {
        exit_code::PARTIAL
    })
}
