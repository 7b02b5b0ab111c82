//! newsidx: a search engine for news articles that answers "who said what,
//! where, and when?".
//!
//! Data flows one way. [`indexer`] runs the pipeline: it walks the paths,
//! reads each file with [`ingest`] into an [`article::Article`], splits it
//! into [`passages`], attributes statements to speakers with
//! [`attribution`], groups copies across articles with [`syndication`] and
//! hands the documents to [`index`], the storage. A query goes through
//! [`search`] to hits that [`output`] prints. [`commands`] wires these to
//! the CLI defined in [`cli`]; [`serve`] to HTTP. `docs/architecture.md`
//! draws the modules and their import graph, which has no cycles.

pub mod article;
pub mod attribution;
pub mod browse;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod date_window;
pub mod disjunction;
pub mod engine;
pub mod error;
pub mod export;
pub mod facets;
pub mod hints;
pub mod index;
pub mod indexer;
pub mod ingest;
pub mod invisible;
pub mod language;
pub mod messages;
pub mod opensearch;
pub mod output;
pub mod passages;
pub mod paths;
pub mod prefix;
pub mod push;
pub mod query;
pub mod quotation;
pub mod rank;
pub mod search;
pub mod serve;
pub mod settings;
pub mod snippet;
pub mod statement;
pub mod stats;
pub mod stemmed;
pub mod stored_article;
pub mod syndication;
