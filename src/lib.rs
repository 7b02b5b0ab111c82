//! newsidx: a search engine for news articles that answers "who said what,
//! where, and when?".
//!
//! Data flows one way: a file is read by [`ingest`] into an
//! [`article::Article`], split into [`passages`], attributed to speakers by
//! [`attribution`] and stored by [`index`]; a query goes through [`search`]
//! to hits that [`output`] prints. [`commands`] wires these to the CLI
//! defined in [`cli`].

pub mod analysis;
pub mod article;
pub mod articles;
pub mod attribution;
pub mod browse;
pub mod cli;
pub mod collapse;
pub mod commands;
pub mod date_window;
pub mod error;
pub mod export;
pub mod facets;
pub mod index;
pub mod ingest;
pub mod output;
pub mod passages;
pub mod search;
pub mod serve;
pub mod statement;
pub mod stats;
pub mod walk;
